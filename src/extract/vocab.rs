//! The word lexicons that more than one kind of entity probes at a word:
//! places (provinces, districts, countries: `provinces.txt`,
//! `districts.txt`, `countries.txt`), administrative levels, family names,
//! the heads of organisation names and of positions, and sentence openers.
//!
//! They sit below the extractors so that the extractors depend on them and
//! never on each other in a circle: `organization` and `location` read
//! only this module, `title` and `person` this one and `organization`.

use super::lexicon;
use super::tokens::{self, PhraseSet, Tok, space_after, word};
use std::sync::LazyLock;

/// Organisation heads as listed (`organizations.txt`, first column; the
/// phrase index is the row).
pub(crate) static ORG_HEADS: LazyLock<PhraseSet> =
    LazyLock::new(|| heads(include_str!("../../data/lexicons/organizations.txt")));

/// Position heads as listed (`titles.txt`, first column; the phrase index is
/// the row).
pub(crate) static TITLE_HEADS: LazyLock<PhraseSet> =
    LazyLock::new(|| heads(include_str!("../../data/lexicons/titles.txt")));

/// Capitalised words opening a sentence, no name's (`sentence_openers.txt`).
pub(crate) static OPENERS: LazyLock<PhraseSet> =
    LazyLock::new(|| heads(include_str!("../../data/lexicons/sentence_openers.txt")));

/// The first column of a lexicon, compared as written.
fn heads(src: &str) -> PhraseSet {
    let rows = lexicon::parse(src);
    PhraseSet::new(
        rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        false,
    )
}

/// An organisation head starting at word `i` (number of words).
pub(crate) fn org_head_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    ORG_HEADS.at(text, toks, i).map(|(n, _)| n)
}

/// A position head (capitalised, as listed) starting at word `i`.
pub(crate) fn title_head_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    TITLE_HEADS.at(text, toks, i).map(|(n, _)| n)
}

/// A position head, as listed, ends right before word `i`.
pub(crate) fn title_head_ends_at(text: &str, toks: &[Tok], i: usize) -> bool {
    (1..=4.min(i)).any(|n| {
        let k = i - n;
        TITLE_HEADS.iter_at(text, toks, k).any(|(m, _)| k + m == i)
            && space_after(text, toks, i - 1)
    })
}

/// A sentence opener ("Dù", "Sau") at word `k`.
pub(crate) fn opener_at(text: &str, toks: &[Tok], k: usize) -> bool {
    OPENERS.at(text, toks, k).is_some()
}

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
pub(crate) fn place_word(text: &str, toks: &[Tok], k: usize) -> bool {
    toks[k].cap
        && !toks[k].caps
        && word(text, toks, k) != "Phó"
        && org_head_at(text, toks, k).is_none()
        && title_head_at(text, toks, k).is_none()
}

/// The number of words (at most 4) of a run of place words at `j`,
/// spaced on one line.
fn place_run(text: &str, toks: &[Tok], j: usize) -> usize {
    let mut n = 0;
    while j + n < toks.len() && n < 4 && place_word(text, toks, j + n) {
        n += 1;
        if !space_after(text, toks, j + n - 1) {
            break;
        }
    }
    n
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
    let mut n = place_run(text, toks, j);
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
        let n = place_run(text, toks, end);
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
