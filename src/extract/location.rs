//! Location extraction: provinces and cities (before and after the 2025
//! merger, `provinces.txt`), districts and towns (`districts.txt`),
//! countries and regions, and "tỉnh X", "huyện X", "xã X", "TP. X",
//! "thành phố X" patterns. A place inside an organisation name ("Tỉnh ủy
//! Thái Nguyên") is reported as well.

use super::organization as org;
use super::tokens::{self, Tok, space_after, word};
use super::{Ctx, lexicon, person, title};
use crate::model::{Entity, Kind};
use std::sync::LazyLock;

struct Place {
    level: String,
    /// Only a place after a cue word ("Hồ Chí Minh").
    cue_only: bool,
}

struct Gaz {
    places: Vec<Place>,
    set: tokens::PhraseSet,
    levels: Vec<(String, String)>,
    level_set: tokens::PhraseSet,
    surnames: tokens::PhraseSet,
}

static GAZ: LazyLock<Gaz> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut places = Vec::new();
    for r in lexicon::parse(include_str!("../../data/lexicons/provinces.txt")) {
        let level = r.get(1).cloned().unwrap_or_else(|| "province".into());
        let cue_only = r.iter().skip(2).any(|f| f == "cue");
        names.push(r[0].clone());
        places.push(Place { level, cue_only });
    }
    for r in lexicon::parse(include_str!("../../data/lexicons/districts.txt")) {
        let level = r.get(1).cloned().unwrap_or_else(|| "district".into());
        names.push(r[0].clone());
        places.push(Place {
            level,
            cue_only: false,
        });
    }
    for r in lexicon::parse(include_str!("../../data/lexicons/countries.txt")) {
        let level = r.get(1).cloned().unwrap_or_else(|| "country".into());
        names.push(r[0].clone());
        places.push(Place {
            level,
            cue_only: false,
        });
    }
    // First entry wins when a name is listed twice (a province before its
    // capital city of the same name).
    let mut seen = std::collections::HashSet::new();
    let set = tokens::PhraseSet::new(
        names
            .iter()
            .enumerate()
            .filter(|(_, n)| seen.insert(n.to_string()))
            .map(|(i, n)| (n.as_str(), i)),
        false,
    );
    let lv = lexicon::parse(include_str!("../../data/lexicons/admin_levels.txt"));
    let level_set =
        tokens::PhraseSet::new(lv.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)), true);
    let levels = lv
        .iter()
        .map(|r| (r[1].clone(), r.get(2).cloned().unwrap_or_default()))
        .collect();
    let sn = lexicon::parse(include_str!("../../data/lexicons/surnames.txt"));
    let surnames =
        tokens::PhraseSet::new(sn.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)), true);
    Gaz {
        places,
        set,
        levels,
        level_set,
        surnames,
    }
});

/// A family name (from `surnames.txt`, any case) starting at word `i`.
pub(crate) fn surname_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    GAZ.surnames.at(text, toks, i).map(|(n, _)| n)
}

/// A gazetteer place at word `i`: (end word, level, cue only).
pub(crate) fn gazetteer_at(text: &str, toks: &[Tok], i: usize) -> Option<(usize, String, bool)> {
    let (n, idx) = GAZ.set.at(text, toks, i)?;
    let p = &GAZ.places[idx];
    Some((i + n, p.level.clone(), p.cue_only))
}

/// A word that may be part of a place name: capitalised, not an acronym,
/// not the start of an organisation or a title.
fn place_word(text: &str, toks: &[Tok], k: usize) -> bool {
    toks[k].cap
        && !toks[k].caps
        && word(text, toks, k) != "Phó"
        && org::head_at(text, toks, k).is_none()
        && title::head_at(text, toks, k).is_none()
}

/// A place name at word `j`: a gazetteer entry or, unless `gaz_only`, a run
/// of capitalised words that does not look like a person's name. Returns
/// (end word, level when the gazetteer knows it).
pub(crate) fn place_at(
    text: &str,
    toks: &[Tok],
    j: usize,
    any: bool,
) -> Option<(usize, Option<String>)> {
    if j >= toks.len() {
        return None;
    }
    if let Some((end, level, _)) = gazetteer_at(text, toks, j) {
        return Some((end, Some(level)));
    }
    if !any {
        return None;
    }
    let w = word(text, toks, j);
    if w.chars().all(|c| c.is_ascii_digit()) {
        return Some((j + 1, None));
    }
    let mut n = 0;
    while j + n < toks.len() && n < 4 && place_word(text, toks, j + n) {
        n += 1;
        if !space_after(text, toks, j + n - 1) {
            break;
        }
    }
    if n == 0 {
        return None;
    }
    // A run opening with a family name and 3+ words is a person's name.
    if n >= 3 && surname_at(text, toks, j).is_some() {
        return None;
    }
    // "xã Tân Cương Nguyễn Văn An": the place stops before a full name.
    for k in 1..n {
        if surname_at(text, toks, j + k).is_some() && n - k >= 2 {
            n = k;
            break;
        }
    }
    Some((j + n, None))
}

/// (end word, level, the place's words when one follows).
pub(crate) type LevelPlace = (usize, String, Option<(usize, usize)>);

/// A level word at `j` and, when one follows, its place. Returns (end word,
/// level, place words).
pub(crate) fn level_place_at(text: &str, toks: &[Tok], j: usize) -> Option<LevelPlace> {
    let (n, idx) = GAZ.level_set.at(text, toks, j)?;
    let (level, mode) = &GAZ.levels[idx];
    let mut end = j + n;
    let g = tokens::gap(text, toks, end - 1);
    let sep_ok = if word(text, toks, j) == "TP" {
        matches!(g, " " | ". " | ".")
    } else {
        space_after(text, toks, end - 1)
    };
    // "tỉnh" as written inside a name ("Tỉnh ủy") is not a level word.
    if word(text, toks, j).starts_with('T')
        && word(text, toks, j) != "TP"
        && mode != "org"
        && let Some(next) = toks.get(end)
        && !next.cap
    {
        return None;
    }
    let mut place = None;
    // "thành phố Trần …" is a city's name, not a street.
    let after_thanh = j > 0 && tokens::eq_fold(word(text, toks, j - 1), "thành");
    if sep_ok && mode == "street" && !after_thanh {
        // Streets are often named after people: any capitalised run.
        let mut n = 0;
        while end + n < toks.len() && n < 4 && place_word(text, toks, end + n) {
            n += 1;
            if !space_after(text, toks, end + n - 1) {
                break;
            }
        }
        if n == 0 {
            return None;
        }
        return Some((end + n, level.clone(), Some((end, end + n))));
    }
    if mode == "street" {
        return None;
    }
    if sep_ok && mode != "org" {
        if let Some((pend, plevel)) = place_at(text, toks, end, mode == "any") {
            let lvl = match (level.as_str(), plevel.as_deref()) {
                ("city", Some("province")) => "city".to_string(),
                (_, Some(pl)) if level == "province" => pl.to_string(),
                _ => level.clone(),
            };
            place = Some((end, pend));
            end = pend;
            return Some((end, lvl, place));
        }
    }
    Some((end, level.clone(), place))
}

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

pub fn extract(ctx: &Ctx, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = &ctx.tokens[..];
    let toks = &toks[..];
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
                && org::head_at(text, toks, i - 1).is_none()
                && last_end != i
                && !person::opener_at(text, toks, i - 1);
            // "Tổng thống Mỹ Donald Trump": after a position the place is
            // the title's, the name follows.
            let before_name = !title::head_ends_at(text, toks, i)
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
