//! Organization extraction: Party, State, government, mass-organisation,
//! army and police bodies at every level ("Bộ Chính trị", "Tỉnh ủy Thái
//! Nguyên", "UBND tỉnh", "Sở Y tế", "Ủy ban Kiểm tra Tỉnh ủy").
//!
//! A name is a head from `organizations.txt` followed, depending on the
//! head's mode, by a field (`sectors.txt`), a nested parent organisation, a
//! level word and place ("tỉnh Thái Nguyên") or a place. The longest
//! sensible span is taken. This file also holds the small token and phrase
//! helpers the location, title and person extractors share.

use super::Analysis;
use super::vocab::{self, ORG_HEADS};
use crate::extract::lexicon;
use crate::model::{Entity, Kind};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

#[allow(unused_imports)]
use super::tokens::{PhraseSet, Tok, eq_fold, gap, is_cap, space_after, word};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Place,
    PlaceReq,
    Sector,
    /// A field, or else a capitalised name ("Cục Quản lý thị trường").
    SectorOrName,
    ParentReq,
    Generic,
}

struct OrgLex {
    /// The same heads and fields compared case-insensitively ([`parse_org_loose`]).
    heads_fold: PhraseSet,
    modes: Vec<Mode>,
    /// Heads that in lower case are mostly ordinary words ("tổ chức").
    word: Vec<bool>,
    sectors: PhraseSet,
    sectors_fold: PhraseSet,
    acronyms: FxHashMap<String, String>,
    stop: PhraseSet,
}

static ORG: LazyLock<OrgLex> = LazyLock::new(|| {
    let rows = lexicon::parse(include_str!("../../data/lexicons/organizations.txt"));
    let modes = rows
        .iter()
        .map(|r| match r.get(1).map(String::as_str) {
            Some("full") => Mode::Full,
            Some("place!") => Mode::PlaceReq,
            Some("sector") => Mode::Sector,
            Some("sector+") => Mode::SectorOrName,
            Some("parent!") => Mode::ParentReq,
            Some("generic") => Mode::Generic,
            _ => Mode::Place,
        })
        .collect();
    let word = rows
        .iter()
        .map(|r| r.get(2).is_some_and(|m| m == "word"))
        .collect();
    let heads_fold = PhraseSet::new(
        rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        true,
    );
    let srows = lexicon::parse(include_str!("../../data/lexicons/sectors.txt"));
    let sectors = PhraseSet::new(
        srows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        false,
    );
    let sectors_fold = PhraseSet::new(
        srows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        true,
    );
    let acronyms = lexicon::parse(include_str!("../../data/lexicons/acronyms.txt"))
        .into_iter()
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let stop_rows = lexicon::parse(include_str!("../../data/lexicons/org_name_stopwords.txt"));
    let stop = PhraseSet::new(
        stop_rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r[0].as_str(), i)),
        false,
    );
    OrgLex {
        stop,
        heads_fold,
        modes,
        word,
        sectors,
        sectors_fold,
        acronyms,
    }
});

/// Parse an organisation name starting at word `i`; returns the index one
/// past its last word.
pub(crate) fn parse_org(text: &str, toks: &[Tok], i: usize, depth: usize) -> Option<usize> {
    parse_org_case(text, toks, i, depth, false)
}

/// An organisation named right after a position head, where news writes
/// heads and fields in looser case ("Bộ trưởng bộ Công thương", "Ủy viên
/// Ban Thường vụ thành ủy Đà Nẵng", "Chủ tịch Hội nhà báo Việt Nam"):
/// heads and fields compared case-insensitively at every level. Only the
/// title extractor asks for it: alone, a lower-case "bộ" or "ban" opens no
/// name.
pub(crate) fn parse_org_loose(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    // A name still has a capital somewhere: "ban tổ chức", "quốc hội" in
    // lower case are a committee and an institution spoken of, not named.
    parse_org_case(text, toks, i, 0, true).filter(|&e| (i..e).any(|k| toks[k].cap))
}

/// A field from `sectors.txt` at word `i`, as listed: its number of words.
pub(crate) fn sector_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    ORG.sectors.at(text, toks, i).map(|(n, _)| n)
}

/// A head naming a body only with its parent ("Ban Thường vụ", "Ủy ban
/// Kiểm tra", "Ban Chỉ đạo"), capitalised as a name: its number of words.
/// Right after a position the parent goes without saying ("Ủy viên Ban
/// Thường vụ", "Trưởng Ban Chỉ đạo"), so the title extractor takes it alone.
pub(crate) fn parent_head_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    if i >= toks.len() || !toks[i].cap {
        return None;
    }
    ORG.heads_fold
        .iter_at(text, toks, i)
        .find(|&(_, idx)| ORG.modes[idx] == Mode::ParentReq)
        .map(|(n, _)| n)
}

fn parse_org_case(text: &str, toks: &[Tok], i: usize, depth: usize, loose: bool) -> Option<usize> {
    if depth > 3 || i >= toks.len() || !(toks[i].cap || loose) {
        return None;
    }
    let heads = if loose { &ORG.heads_fold } else { &*ORG_HEADS };
    let (n, idx) = heads.at(text, toks, i)?;
    let mode = ORG.modes[idx];
    let mut j = i + n;
    match mode {
        Mode::Full => return Some(j),
        // "tổ chức", "báo" in lower case are mostly words, not names.
        Mode::Generic if !toks[i].cap && ORG.word[idx] => return None,
        Mode::Generic => return generic_name(text, toks, j),
        Mode::Sector | Mode::SectorOrName => {
            if j >= toks.len() || !space_after(text, toks, j - 1) {
                return None;
            }
            let sectors = if loose {
                &ORG.sectors_fold
            } else {
                &ORG.sectors
            };
            match sectors.at(text, toks, j) {
                Some((m, _)) => j += m,
                None if mode == Mode::SectorOrName => return generic_name(text, toks, j),
                None => return None,
            }
        }
        _ => {}
    }
    let end = match complement(text, toks, j, mode, depth, loose) {
        Some(end) => end,
        None if mode == Mode::PlaceReq || mode == Mode::ParentReq => return None,
        None => j,
    };
    Some(of_parent(text, toks, end, depth))
}

/// "Ủy ban Kinh tế của Quốc hội": a body "of" a complete national one.
fn of_parent(text: &str, toks: &[Tok], end: usize, depth: usize) -> usize {
    if end + 1 < toks.len()
        && space_after(text, toks, end - 1)
        && word(text, toks, end) == "của"
        && space_after(text, toks, end)
        && let Some((n, idx)) = ORG_HEADS.at(text, toks, end + 1)
        && ORG.modes[idx] == Mode::Full
        && depth < 3
    {
        return end + 1 + n;
    }
    end
}

/// A level word with its place right at `k` ("tỉnh", "huyện Sơn Dương"),
/// or a bare lower-case level word: its end.
fn level_after(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    if k >= toks.len() || toks[k].cap {
        return None;
    }
    vocab::level_place_at(text, toks, k).map(|(end, _, _)| end)
}

/// The name after a generic head ("Viện Vệ sinh Dịch tễ Trung ương"): it
/// starts capitalised and runs to punctuation, a function word, a title or
/// a person's name, at most 8 words.
pub(crate) fn generic_name(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    if j == 0 || j >= toks.len() || !space_after(text, toks, j - 1) {
        return None;
    }
    // "Bảo tàng tỉnh", "Trung tâm Y tế huyện": the head and a level.
    if !toks[j].cap {
        return level_after(text, toks, j);
    }
    // A person's name is no organisation's name ("Trường Nguyễn Văn …"),
    // a place's is ("Đại học Thái Nguyên").
    let person_like = vocab::surname_at(text, toks, j).is_some()
        && vocab::gazetteer_at(text, toks, j).is_none()
        && j + 1 < toks.len()
        && toks[j + 1].cap;
    if super::vocab::title_head_at(text, toks, j).is_some() || person_like {
        return None;
    }
    let mut k = j;
    let mut limit = j + 8;
    while k < toks.len() && k < limit {
        if k > j
            && (ORG.stop.at(text, toks, k).is_some()
                || super::vocab::title_head_at(text, toks, k).is_some()
                || (vocab::surname_at(text, toks, k).is_some()
                    && toks[k].cap
                    && k + 1 < toks.len()
                    && toks[k + 1].cap
                    && vocab::gazetteer_at(text, toks, k).is_none()))
        {
            break;
        }
        // "và" joins two fields ("Báo chí và Tuyên truyền"), not two bodies.
        if k > j
            && word(text, toks, k) == "và"
            && (k + 1 >= toks.len()
                || !toks[k + 1].cap
                || ORG_HEADS.at(text, toks, k + 1).is_some()
                || super::vocab::title_head_at(text, toks, k + 1).is_some()
                || vocab::surname_at(text, toks, k + 1).is_some())
        {
            break;
        }
        k += 1;
        if !space_after(text, toks, k - 1) {
            // "Quản lý Khám, chữa bệnh": a capitalised word, a comma and a
            // lower-case one go on with the name.
            let g = gap(text, toks, k - 1);
            if g.trim() == ","
                && !g.contains('\n')
                && k > j + 1
                && k + 1 < toks.len()
                && toks[k - 1].cap
                && !toks[k - 1].caps
                && !toks[k].cap
                && ORG.stop.at(text, toks, k).is_none()
                && vocab::level_place_at(text, toks, k).is_none()
            {
                // At most two words after the comma ("chữa bệnh").
                limit = limit.min(k + 2);
                continue;
            }
            break;
        }
    }
    Some(k)
}

/// What may follow a head (and its field): a parent organisation, a level
/// word with its place, or (for place heads) a place.
fn complement(
    text: &str,
    toks: &[Tok],
    j: usize,
    mode: Mode,
    depth: usize,
    loose: bool,
) -> Option<usize> {
    if j == 0 || j >= toks.len() || !space_after(text, toks, j - 1) {
        return None;
    }
    if let Some(end) = parse_org_case(text, toks, j, depth + 1, loose) {
        return Some(end);
    }
    if let Some((end, _, _)) = vocab::level_place_at(text, toks, j) {
        return Some(end);
    }
    let any = matches!(mode, Mode::Place | Mode::PlaceReq);
    // "UBND 102 xã": a count, not a place ("Quân khu 2" is one).
    if word(text, toks, j).chars().all(|c| c.is_ascii_digit())
        && j + 1 < toks.len()
        && space_after(text, toks, j)
        && vocab::level_place_at(text, toks, j + 1).is_some()
    {
        return None;
    }
    if let Some((end, _)) = vocab::place_at(text, toks, j, any) {
        return Some(end);
    }
    None
}

/// The name with acronyms spelt out ("UBND tỉnh" → "Ủy ban nhân dân tỉnh").
pub(crate) fn expand(text: &str, toks: &[Tok], from: usize, to: usize) -> String {
    let mut out = String::new();
    for k in from..to {
        let w = word(text, toks, k);
        let w_dot = if text[toks[k].e..].starts_with('.') {
            format!("{w}.")
        } else {
            w.to_string()
        };
        match ORG.acronyms.get(&w_dot).or_else(|| ORG.acronyms.get(w)) {
            Some(x) => out.push_str(x),
            None => out.push_str(w),
        }
        if k + 1 < to {
            let g = gap(text, toks, k);
            if g.trim().is_empty() {
                out.push(' ');
            } else {
                out.push_str(g);
            }
        }
    }
    out
}

/// An age-group team: "U16", "U23" and a country or province after it
/// ("U16 Việt Nam", "U23 Thái Lan"). Returns the end word.
fn age_team_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let w = word(text, toks, i);
    let digits = w.strip_prefix('U')?;
    if !(digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if !space_after(text, toks, i) {
        return None;
    }
    // A continent after it names a tournament ("giải U23 châu Á").
    let (end, level, _) = super::vocab::gazetteer_at(text, toks, i + 1)?;
    (level != "region").then_some(end)
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = &ctx.tokens[..];
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = age_team_at(text, toks, i) {
            let range = toks[i].s..toks[end - 1].e;
            let name = text[range.clone()].to_string();
            found.push(ctx.entity(
                Kind::Organization {
                    name: name.clone(),
                    expanded: name,
                },
                range,
                "organization.age_team",
            ));
            i = end;
            continue;
        }
        if let Some(end) = parse_org(text, toks, i, 0) {
            let range = toks[i].s..toks[end - 1].e;
            let name = text[range.clone()].to_string();
            let expanded = expand(text, toks, i, end);
            found.push(ctx.entity(
                Kind::Organization { name, expanded },
                range,
                "organization.head",
            ));
            i = end;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn words(t: &str) -> Vec<&str> {
        let toks = tokenize(t);
        (0..toks.len()).map(|i| word(t, &toks, i)).collect()
    }

    #[test]
    fn tokenizes_acronyms_and_dots() {
        assert_eq!(
            words("Sở LĐ-TB&XH, TP.HCM; TP. Huế"),
            ["Sở", "LĐ-TB&XH", "TP.HCM", "TP", "Huế"]
        );
    }

    #[test]
    fn phrase_gaps_must_match() {
        let set = PhraseSet::new([("Văn hóa, Thể thao và Du lịch", 0)], false);
        let t = "Sở Văn hóa, Thể thao và Du lịch tỉnh";
        let toks = tokenize(t);
        assert_eq!(set.at(t, &toks, 1), Some((7, 0)));
        let t2 = "Văn hóa. Thể thao và Du lịch";
        assert_eq!(set.at(t2, &tokenize(t2), 0), None);
    }
}
