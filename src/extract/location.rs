//! Location extraction: provinces and cities (before and after the 2025
//! merger, `provinces.txt`), districts and towns (`districts.txt`),
//! countries and regions, and "tỉnh X", "huyện X", "xã X", "TP. X",
//! "thành phố X" patterns. A place inside an organisation name ("Tỉnh ủy
//! Thái Nguyên") is reported as well.

use super::Analysis;
use super::tokens::{Tok, space_after, word};
use super::vocab::{self, gazetteer_at, level_place_at, opener_at, org_head_at, place_word};
use crate::model::{Entity, Kind};

/// "Anh" as Britain: capitalised after a word in lower case (the pronoun
/// "anh" is written in lower case inside a sentence), followed by no
/// capitalised word ("Tuấn Anh", "huyện Anh Sơn" are names) and not a
/// language ("tiếng Anh", "Anh văn") or kin ("Anh em Hồi giáo"). Returns
/// the end word.
fn britain_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    if i == 0 || word(text, toks, i) != "Anh" || !space_after(text, toks, i - 1) {
        return None;
    }
    let prev = word(text, toks, i - 1);
    // Not a language, a place named "Anh …", a pound, boxing, or a person
    // addressed by name ("ông Anh", "cô Anh").
    if toks[i - 1].cap
        || matches!(
            prev,
            "tiếng"
                | "huyện"
                | "xã"
                | "tên"
                | "chữ"
                | "văn"
                | "bảng"
                | "quyền"
                | "ông"
                | "bà"
                | "cô"
                | "chú"
                | "bác"
                | "chị"
                | "anh"
                | "em"
                | "cháu"
        )
    {
        return None;
    }
    let next = (i + 1 < toks.len() && space_after(text, toks, i)).then(|| word(text, toks, i + 1));
    let named = next.is_some_and(|w| {
        w.starts_with(char::is_uppercase) || matches!(w, "văn" | "ngữ" | "em" | "chị")
    });
    (!named).then_some(i + 1)
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = &ctx.tokens[..];
    let mut i = 0;
    // Where the last place found ends (a word index).
    let mut last_end = usize::MAX;
    while i < toks.len() {
        if let Some((end, level, Some((ps, pe)))) = level_place_at(text, toks, i) {
            // A street keeps its word ("đường Trần Phú"), and a place named
            // only with its cue keeps the cue ("TP. Hồ Chí Minh"): alone,
            // "Hồ Chí Minh" is the person.
            let keep_cue = level == "street"
                || gazetteer_at(text, toks, ps).is_some_and(|(e, _, cue)| cue && e == pe);
            // The span keeps the level word ("huyện Phú Lương", as news
            // names the place); the name is the place alone.
            let from = if keep_cue { toks[i].s } else { toks[ps].s };
            let name = text[from..toks[pe - 1].e].to_string();
            let range = toks[i].s..toks[pe - 1].e;
            found.push(ctx.entity(Kind::Location { name, level }, range, "location.level_cue"));
            i = end;
            last_end = end;
            continue;
        }
        if let Some(end) = britain_at(text, toks, i) {
            let range = toks[i].s..toks[i].e;
            let name = text[range.clone()].to_string();
            let level = "country".to_string();
            found.push(ctx.entity(Kind::Location { name, level }, range, "location.britain"));
            i = end;
            continue;
        }
        // The gazetteer is matched with case: a word in lower case matches
        // only an entry written so ("châu Á", "miền Trung").
        if let Some((end, level, cue_only)) = gazetteer_at(text, toks, i) {
            // "Nguyễn Thái Bình" is a person, not the province.
            // and "Huỳnh Thị Thu Nga" is not Russia: a place glued to a
            // preceding capitalised word is part of a name.
            // Not after a sentence opener ("Tại Việt Nam") or another place
            // ("miền Nam Thái Lan").
            let after_surname = i > 0
                && space_after(text, toks, i - 1)
                && toks[i - 1].cap
                && !toks[i - 1].caps
                && org_head_at(text, toks, i - 1).is_none()
                && last_end != i
                && !opener_at(text, toks, i - 1);
            // "Tổng thống Mỹ Donald Trump": after a position the place is
            // the title's, the name follows.
            let before_name = !vocab::title_head_ends_at(text, toks, i)
                && end < toks.len()
                && space_after(text, toks, end - 1)
                && place_word(text, toks, end)
                && gazetteer_at(text, toks, end).is_none();
            if !cue_only && !after_surname && !before_name {
                let range = toks[i].s..toks[end - 1].e;
                let name = text[range.clone()].to_string();
                found.push(ctx.entity(Kind::Location { name, level }, range, "location.gazetteer"));
                last_end = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
}
