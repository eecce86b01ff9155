//! Title extraction: Party, State, government, mass-organisation, army and
//! police positions ("Phó Bí thư Thường trực Tỉnh ủy", "Ủy viên Dự khuyết
//! Trung ương Đảng", "Chủ tịch UBND tỉnh", "Thứ trưởng Bộ Công an").
//!
//! A title is: optional modifiers (`nguyên`, `Quyền`, `Phó`), a head from
//! `titles.txt`, optional post-modifiers (`Thường trực`, `Dự khuyết`) and,
//! when one starts right after, an organisation found by the organisation
//! extractor (its name becomes the title's `organization`). Heads marked
//! `org` are titles only with an organisation ("Ủy viên Bộ Chính trị").

use super::organization as org;
use super::tokens::{self, PhraseSet, Tok, space_after, word};
use super::vocab::{self, TITLE_HEADS};
use super::{Analysis, lexicon};
use crate::model::{Entity, Kind};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

struct TitleLex {
    heads_fold: PhraseSet,
    needs_org: Vec<bool>,
    /// Heads that may take a department name ("Trưởng phòng Tổng hợp").
    unit: Vec<bool>,
    pre: PhraseSet,
    post: PhraseSet,
    /// Per head, per word: capitalised as listed.
    caps: Vec<Vec<bool>>,
}

static LEX: LazyLock<TitleLex> = LazyLock::new(|| {
    let rows = lexicon::parse(include_str!("../../data/lexicons/titles.txt"));
    let needs_org = rows
        .iter()
        .map(|r| r.get(1).is_some_and(|m| m == "org"))
        .collect();
    let unit = rows
        .iter()
        .map(|r| r.get(1).is_some_and(|m| m == "unit"))
        .collect();
    let caps = rows
        .iter()
        .map(|r| r[0].split_whitespace().map(tokens::is_cap).collect())
        .collect();
    let heads_fold = PhraseSet::new(
        rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        true,
    );
    let mods = lexicon::parse(include_str!("../../data/lexicons/title_modifiers.txt"));
    let pick = |w: &str| {
        PhraseSet::new(
            mods.iter()
                .enumerate()
                .filter(|(_, r)| r.get(1).is_some_and(|x| x == w))
                .map(|(i, r)| (r[0].as_str(), i)),
            false,
        )
    };
    TitleLex {
        heads_fold,
        needs_org,
        unit,
        pre: pick("pre"),
        post: pick("post"),
        caps,
    }
});

/// Parse a title at word `i`. `orgs` maps an organisation's first byte to
/// (its last word's end byte, its name). Returns (end word, organisation).
pub(crate) fn parse_title(
    text: &str,
    toks: &[Tok],
    i: usize,
    orgs: &FxHashMap<usize, (usize, String)>,
) -> Option<(usize, Option<String>)> {
    let mut k = i;
    let mut modified = false;
    // At most two modifiers: "nguyên Phó Chủ tịch".
    for _ in 0..2 {
        // A head that opens with a modifier word ("Phó ban") is the head.
        if TITLE_HEADS.at(text, toks, k).is_some() {
            break;
        }
        match LEX.pre.at(text, toks, k) {
            Some((n, _)) if space_after(text, toks, k + n - 1) => {
                k += n;
                modified = true;
            }
            // Nothing moved: a second look would find the same.
            _ => break,
        }
    }
    if k >= toks.len() {
        return None;
    }
    let lower_start = !toks[i].cap;
    // Every head length, longest first: "Trưởng Đoàn" bare, or "Trưởng" +
    // "Đoàn đại biểu Quốc hội tỉnh"; the longest one with an organisation wins.
    let exact = TITLE_HEADS.iter_at(text, toks, k).next().is_some();
    let options = if exact {
        TITLE_HEADS.iter_at(text, toks, k)
    } else {
        LEX.heads_fold.iter_at(text, toks, k)
    };
    let mut bare = None;
    for (n, idx) in options {
        if !exact && !fold_fits(toks, i, k, n, idx) {
            continue;
        }
        let mut j = k + n;
        while j < toks.len()
            && space_after(text, toks, j - 1)
            && let Some((m, _)) = LEX.post.at(text, toks, j)
        {
            j += m;
        }
        // "Trưởng phòng Tổng hợp Sở Kế hoạch và Đầu tư": a department name,
        // then the organisation when one follows.
        if LEX.unit[idx]
            && exact
            && j < toks.len()
            && space_after(text, toks, j - 1)
            && toks[j].cap
            && !orgs.contains_key(&toks[j].s)
            && vocab::org_head_at(text, toks, j).is_none()
            && let Some(u) = org::generic_name(text, toks, j)
            && u > j
        {
            // A listed field may run past punctuation ("Phó ban Tư tưởng -
            // Văn hóa Trung ương").
            let mut u = org::sector_at(text, toks, j).map_or(u, |m| u.max(j + m));
            let mut organization = None;
            // The department name stops where an organisation starts.
            if let Some(m) = (j + 1..u).find(|&m| orgs.contains_key(&toks[m].s)) {
                u = m;
            }
            if u < toks.len()
                && space_after(text, toks, u - 1)
                && let Some((end_byte, name)) = orgs.get(&toks[u].s)
            {
                organization = Some(name.clone());
                while u < toks.len() && toks[u].e <= *end_byte {
                    u += 1;
                }
            }
            return Some((u, organization));
        }
        if j < toks.len()
            && space_after(text, toks, j - 1)
            && let Some((end, name)) = org_after(text, toks, j, orgs)
        {
            return Some((after_org(text, toks, end), Some(name)));
        }
        // "Tỉnh trưởng tỉnh Attapeu": a province named after the head.
        if j < toks.len()
            && space_after(text, toks, j - 1)
            && word(text, toks, j) == "tỉnh"
            && j + 1 < toks.len()
            && space_after(text, toks, j)
            && let Some((end, _)) = vocab::place_at(text, toks, j + 1, true)
        {
            let name = text[toks[j].s..toks[end - 1].e].to_string();
            return Some((end, Some(name)));
        }
        // Without an organisation: only a listed bare head, written as listed
        // (a lower-case one is generic: "bí thư cấp ủy").
        // "Phó chủ tịch" as news writes it: a capitalised modifier makes a
        // head in lower case a title.
        let long_fold = long_folded_head(toks, k, n, idx, exact);
        let written = exact || (modified && toks[i].cap) || long_fold;
        if bare.is_none()
            && !LEX.needs_org[idx]
            && written
            && (!lower_start || modified || long_fold)
        {
            bare = Some((place_after(text, toks, j), None));
        }
    }
    bare
}

/// The organisation starting at word `j`, right after a head: the one the
/// organisation extractor found there, or one written in looser case
/// ("Bộ trưởng bộ Công thương", "Ủy viên Ban Thường vụ thành ủy Đà Nẵng"),
/// whichever runs longer; else a body that needs its parent, alone
/// ("Ủy viên Ban Thường vụ"). (end word, name)
fn org_after(
    text: &str,
    toks: &[Tok],
    j: usize,
    orgs: &FxHashMap<usize, (usize, String)>,
) -> Option<(usize, String)> {
    let found = orgs.get(&toks[j].s).map(|(end_byte, name)| {
        let mut u = j;
        while u < toks.len() && toks[u].e <= *end_byte {
            u += 1;
        }
        (u, name.clone())
    });
    let name = |e: usize| (e, text[toks[j].s..toks[e - 1].e].to_string());
    let loose = org::parse_org_loose(text, toks, j)
        .filter(|&e| e > j)
        .map(name);
    match (found, loose) {
        (Some(f), Some(l)) if l.0 > f.0 => Some(l),
        (None, None) => org::parent_head_at(text, toks, j).map(|n| name(j + n)),
        (f, l) => f.or(l),
    }
}

/// A head at `k` matched in another case, in a title opening in lower case
/// at `i`, has no capital where the listed head has none ("trở thành Ủy
/// viên" is no "Thành ủy viên"; "Phó trưởng Phòng" opens capitalised).
fn fold_fits(toks: &[Tok], i: usize, k: usize, n: usize, idx: usize) -> bool {
    let listed = &LEX.caps[idx];
    toks[i].cap || listed.len() != n || (k + 1..k + n).all(|m| !toks[m].cap || listed[m - k])
}

/// "thường trực Ban Bí thư": a head of three or more words matched in
/// another case, with a capital inside it, is written as a title (a
/// lower-case "chủ tịch nước" is the office spoken of). Its capitals stand
/// where the listed head has them ("trở thành Ủy viên" is no "Thành ủy
/// viên").
fn long_folded_head(toks: &[Tok], k: usize, n: usize, idx: usize, exact: bool) -> bool {
    let listed = &LEX.caps[idx];
    !exact
        && n >= 3
        && listed.len() == n
        && (k + 1..k + n).any(|m| toks[m].cap)
        && (k + 1..k + n).all(|m| !toks[m].cap || listed[m - k])
}

/// A bare head's country, province or city ("Ngoại trưởng Nga", "Bí thư
/// Đà Nẵng") is part of the title: the end after it.
fn place_after(text: &str, toks: &[Tok], j: usize) -> usize {
    if j < toks.len()
        && space_after(text, toks, j - 1)
        && let Some((end, _, cue_only)) = vocab::gazetteer_at(text, toks, j)
        && !cue_only
    {
        return end;
    }
    j
}

/// After a title's organisation: its acronym in brackets and the country
/// of a foreign body's office ("Tổ chức Y tế Thế giới (WHO) tại Việt Nam").
fn after_org(text: &str, toks: &[Tok], j: usize) -> usize {
    let mut j = j;
    if j < toks.len()
        && &text[toks[j - 1].e..toks[j].s] == " ("
        && toks[j].caps
        && text[toks[j].e..].starts_with(')')
    {
        j += 1;
    }
    let rest = &text[toks[j - 1].e..];
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    // "Bộ trưởng Ngoại giao Nga", "Bộ trưởng Văn phòng Chính phủ Namibia":
    // a foreign body's country right after it.
    if rest.starts_with(' ')
        && j < toks.len()
        && let Some((end, level, _)) = vocab::gazetteer_at(text, toks, j)
        && level == "country"
    {
        return end;
    }
    if rest.starts_with(" tại ")
        && j + 1 < toks.len()
        && word(text, toks, j) == "tại"
        && let Some((end, level, _)) = vocab::gazetteer_at(text, toks, j + 1)
        && level == "country"
    {
        return end;
    }
    j
}

/// A title ending inside the acronym it opened ("Chủ tịch Hiệp hội … (HHX")
/// ends after its closing bracket.
fn closing_bracket(text: &str, start: usize, end: usize) -> usize {
    let open = text[start..end].matches('(').count();
    if open > text[start..end].matches(')').count() && text[end..].starts_with(')') {
        end + 1
    } else {
        end
    }
}

/// "khóa XIII", "khóa XI, XII" after a title belongs to it.
fn term_suffix(text: &str, toks: &[Tok], end: usize) -> usize {
    let roman =
        |k: usize| k < toks.len() && word(text, toks, k).chars().all(|c| "IVXLC".contains(c));
    if end + 1 < toks.len()
        && space_after(text, toks, end - 1)
        && matches!(word(text, toks, end), "khóa" | "Khóa")
        && space_after(text, toks, end)
        && roman(end + 1)
    {
        let mut k = end + 2;
        while roman(k) && tokens::gap(text, toks, k - 1) == ", " {
            k += 1;
        }
        return k;
    }
    end
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = &ctx.tokens[..];
    let mut orgs = FxHashMap::default();
    // Words starting strictly inside an organisation.
    let mut inside = vec![false; toks.len()];
    for e in found.iter() {
        if let Kind::Organization { name, .. } = &e.kind {
            orgs.insert(e.start, (e.end, name.clone()));
            let first = toks.partition_point(|t| t.s <= e.start);
            for (k, t) in toks.iter().enumerate().skip(first) {
                if t.s >= e.end {
                    break;
                }
                inside[k] = true;
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let s = toks[i].s;
        let in_org = inside[i]
            // "Đoàn Chủ tịch" is the presidium, not a position.
            || (i > 0 && word(text, toks, i - 1) == "Đoàn" && space_after(text, toks, i - 1));
        if !in_org && let Some((end, organization)) = parse_title(text, toks, i, &orgs) {
            let end = term_suffix(text, toks, end);
            let range = s..closing_bracket(text, s, toks[end - 1].e);
            let title = text[range.clone()].to_string();
            let rule = if organization.is_some() {
                "title.head_org"
            } else {
                "title.head"
            };
            found.push(ctx.entity(
                Kind::Title {
                    title,
                    organization,
                },
                range,
                rule,
            ));
            i = end;
        } else {
            i += 1;
        }
    }
}
