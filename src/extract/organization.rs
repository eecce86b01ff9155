//! Organization extraction: Party, State, government, mass-organisation,
//! army and police bodies at every level ("Bộ Chính trị", "Tỉnh ủy Thái
//! Nguyên", "UBND tỉnh", "Sở Y tế", "Ủy ban Kiểm tra Tỉnh ủy").
//!
//! A name is a head from `organizations.txt` followed, depending on the
//! head's mode, by a field (`sectors.txt`), a nested parent organisation, a
//! level word and place ("tỉnh Thái Nguyên") or a place. The longest
//! sensible span is taken. This file also holds the small token and phrase
//! helpers the location, title and person extractors share.

use super::Ctx;
use super::location;
use crate::extract::lexicon;
use crate::model::{Entity, Kind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A word of the text: `[s, e)` byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&' || c == '\'' || c == '’'
}

/// Split `text` into words: letters, digits, `&` and apostrophes, with `-`
/// and `.` kept inside a word when a letter or digit follows them
/// ("LĐ-TB&XH", "TP.HCM").
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = (c == '-' || c == '.')
            && start.is_some()
            && chars
                .get(k + 1)
                .is_some_and(|&(_, n)| n.is_alphanumeric() && !n.is_whitespace());
        if is_word_char(c) || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            toks.push(Tok { s, e: i });
        }
    }
    if let Some(s) = start {
        toks.push(Tok { s, e: text.len() });
    }
    toks
}

/// The text between word `i` and word `i + 1` ("" after the last one).
pub(crate) fn gap<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => &text[a.e..b.s],
        _ => "",
    }
}

/// True when the gap after word `i` is plain spaces on one line.
pub(crate) fn space_after(text: &str, toks: &[Tok], i: usize) -> bool {
    let g = gap(text, toks, i);
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
}

pub(crate) fn word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    &text[toks[i].s..toks[i].e]
}

/// First letter upper case ("Thái", "UBND", "Kđăm").
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Every letter upper case, at least two letters ("NGUYỄN").
pub(crate) fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// A set of phrases matched word by word against the text's words; gaps
/// between words must match the phrase's own gaps (spaces, or the same
/// punctuation, as in "Văn hóa, Thể thao và Du lịch").
/// A phrase's words, the gaps between them and its index in the lexicon.
type Phrase = (Vec<String>, Vec<String>, usize);

pub(crate) struct PhraseSet {
    by_first: HashMap<String, Vec<Phrase>>,
    fold: bool,
}

fn gap_key(g: &str) -> String {
    g.chars().filter(|c| !c.is_whitespace()).collect()
}

impl PhraseSet {
    /// `fold`: compare case-insensitively.
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, usize)>, fold: bool) -> Self {
        let mut by_first: HashMap<String, Vec<Phrase>> = HashMap::new();
        for (p, idx) in phrases {
            let toks = tokenize(p);
            if toks.is_empty() {
                continue;
            }
            let words: Vec<String> = (0..toks.len())
                .map(|i| {
                    let w = word(p, &toks, i);
                    if fold {
                        w.to_lowercase()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            let gaps: Vec<String> = (0..toks.len().saturating_sub(1))
                .map(|i| gap_key(gap(p, &toks, i)))
                .collect();
            by_first
                .entry(words[0].clone())
                .or_default()
                .push((words, gaps, idx));
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        PhraseSet { by_first, fold }
    }

    /// Longest phrase starting at word `i`: (number of words, phrase index).
    pub(crate) fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        self.all_at(text, toks, i).into_iter().next()
    }

    /// Every phrase starting at word `i`, longest first.
    pub(crate) fn all_at(&self, text: &str, toks: &[Tok], i: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let first = word(text, toks, i);
        let key = if self.fold {
            first.to_lowercase()
        } else {
            first.to_string()
        };
        let Some(cands) = self.by_first.get(&key) else {
            return out;
        };
        'cand: for (words, gaps, idx) in cands {
            if i + words.len() > toks.len() {
                continue;
            }
            for k in 1..words.len() {
                let g = gap(text, toks, i + k - 1);
                if g.contains('\n') || gap_key(g) != gaps[k - 1] {
                    continue 'cand;
                }
                let w = word(text, toks, i + k);
                let ok = if self.fold {
                    w.to_lowercase() == words[k]
                } else {
                    w == words[k]
                };
                if !ok {
                    continue 'cand;
                }
            }
            out.push((words.len(), *idx));
        }
        out
    }
}

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
    heads: PhraseSet,
    modes: Vec<Mode>,
    sectors: PhraseSet,
    acronyms: HashMap<String, String>,
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
    let heads = PhraseSet::new(
        rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        false,
    );
    let srows = lexicon::parse(include_str!("../../data/lexicons/sectors.txt"));
    let sectors = PhraseSet::new(
        srows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        false,
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
        heads,
        modes,
        sectors,
        acronyms,
    }
});

/// An organisation head starting at word `i` (number of words).
pub(crate) fn head_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    ORG.heads.at(text, toks, i).map(|(n, _)| n)
}

/// Parse an organisation name starting at word `i`; returns the index one
/// past its last word.
pub(crate) fn parse_org(text: &str, toks: &[Tok], i: usize, depth: usize) -> Option<usize> {
    if depth > 3 || i >= toks.len() || !is_cap(word(text, toks, i)) {
        return None;
    }
    let (n, idx) = ORG.heads.at(text, toks, i)?;
    let mode = ORG.modes[idx];
    let mut j = i + n;
    match mode {
        Mode::Full => return Some(j),
        Mode::Generic => return generic_name(text, toks, j),
        Mode::Sector | Mode::SectorOrName => {
            if j >= toks.len() || !space_after(text, toks, j - 1) {
                return None;
            }
            match ORG.sectors.at(text, toks, j) {
                Some((m, _)) => j += m,
                None if mode == Mode::SectorOrName => return generic_name(text, toks, j),
                None => return None,
            }
        }
        _ => {}
    }
    let end = match complement(text, toks, j, mode, depth) {
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
        && let Some((n, idx)) = ORG.heads.at(text, toks, end + 1)
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
    if k >= toks.len() || is_cap(word(text, toks, k)) {
        return None;
    }
    location::level_place_at(text, toks, k).map(|(end, _, _)| end)
}

/// The name after a generic head ("Viện Vệ sinh Dịch tễ Trung ương"): it
/// starts capitalised and runs to punctuation, a function word, a title or
/// a person's name, at most 8 words.
pub(crate) fn generic_name(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    if j == 0 || j >= toks.len() || !space_after(text, toks, j - 1) {
        return None;
    }
    // "Bảo tàng tỉnh", "Trung tâm Y tế huyện": the head and a level.
    if !is_cap(word(text, toks, j)) {
        return level_after(text, toks, j);
    }
    // A person's name is no organisation's name ("Trường Nguyễn Văn …"),
    // a place's is ("Đại học Thái Nguyên").
    let person_like = location::surname_at(text, toks, j).is_some()
        && location::gazetteer_at(text, toks, j).is_none()
        && j + 1 < toks.len()
        && is_cap(word(text, toks, j + 1));
    if super::title::head_at(text, toks, j).is_some() || person_like {
        return None;
    }
    let mut k = j;
    let mut limit = j + 8;
    while k < toks.len() && k < limit {
        if k > j
            && (ORG.stop.at(text, toks, k).is_some()
                || super::title::head_at(text, toks, k).is_some()
                || (location::surname_at(text, toks, k).is_some()
                    && is_cap(word(text, toks, k))
                    && k + 1 < toks.len()
                    && is_cap(word(text, toks, k + 1))
                    && location::gazetteer_at(text, toks, k).is_none()))
        {
            break;
        }
        // "và" joins two fields ("Báo chí và Tuyên truyền"), not two bodies.
        if k > j
            && word(text, toks, k) == "và"
            && (k + 1 >= toks.len()
                || !is_cap(word(text, toks, k + 1))
                || ORG.heads.at(text, toks, k + 1).is_some()
                || super::title::head_at(text, toks, k + 1).is_some()
                || location::surname_at(text, toks, k + 1).is_some())
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
                && is_cap(word(text, toks, k - 1))
                && !is_all_caps(word(text, toks, k - 1))
                && !is_cap(word(text, toks, k))
                && ORG.stop.at(text, toks, k).is_none()
                && location::level_place_at(text, toks, k).is_none()
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
fn complement(text: &str, toks: &[Tok], j: usize, mode: Mode, depth: usize) -> Option<usize> {
    if j == 0 || j >= toks.len() || !space_after(text, toks, j - 1) {
        return None;
    }
    if let Some(end) = parse_org(text, toks, j, depth + 1) {
        return Some(end);
    }
    if let Some((end, _, _)) = location::level_place_at(text, toks, j) {
        return Some(end);
    }
    let any = matches!(mode, Mode::Place | Mode::PlaceReq);
    // "UBND 102 xã": a count, not a place ("Quân khu 2" is one).
    if word(text, toks, j).chars().all(|c| c.is_ascii_digit())
        && j + 1 < toks.len()
        && space_after(text, toks, j)
        && location::level_place_at(text, toks, j + 1).is_some()
    {
        return None;
    }
    if let Some((end, _)) = location::place_at(text, toks, j, any) {
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

pub fn extract(ctx: &Ctx, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = tokenize(text);
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = parse_org(text, &toks, i, 0) {
            let range = toks[i].s..toks[end - 1].e;
            let name = text[range.clone()].to_string();
            let expanded = expand(text, &toks, i, end);
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
