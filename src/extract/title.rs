//! Title extraction: Party, State, government, mass-organisation, army and
//! police positions ("Phó Bí thư Thường trực Tỉnh ủy", "Ủy viên Dự khuyết
//! Trung ương Đảng", "Chủ tịch UBND tỉnh", "Thứ trưởng Bộ Công an").
//!
//! A title is: optional modifiers (`nguyên`, `Quyền`, `Phó`), a head from
//! `titles.txt`, optional post-modifiers (`Thường trực`, `Dự khuyết`) and,
//! when one starts right after, an organisation found by the organisation
//! extractor (its name becomes the title's `organization`). Heads marked
//! `org` are titles only with an organisation ("Ủy viên Bộ Chính trị").

use super::organization::{self as org, PhraseSet, Tok, is_cap, space_after, word};
use super::{Ctx, lexicon};
use crate::model::{Entity, Kind};
use std::collections::HashMap;
use std::sync::LazyLock;

struct TitleLex {
    heads: PhraseSet,
    heads_fold: PhraseSet,
    needs_org: Vec<bool>,
    pre: PhraseSet,
    post: PhraseSet,
}

static LEX: LazyLock<TitleLex> = LazyLock::new(|| {
    let rows = lexicon::parse(include_str!("../../data/lexicons/titles.txt"));
    let needs_org = rows
        .iter()
        .map(|r| r.get(1).is_some_and(|m| m == "org"))
        .collect();
    let heads = PhraseSet::new(
        rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
        false,
    );
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
        heads,
        heads_fold,
        needs_org,
        pre: pick("pre"),
        post: pick("post"),
    }
});

/// A position head (capitalised, as listed) starting at word `i`.
pub(crate) fn head_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    LEX.heads.at(text, toks, i).map(|(n, _)| n)
}

/// Parse a title at word `i`. `orgs` maps an organisation's first byte to
/// (its last word's end byte, its name). Returns (end word, organisation).
pub(crate) fn parse_title(
    text: &str,
    toks: &[Tok],
    i: usize,
    orgs: &HashMap<usize, (usize, String)>,
) -> Option<(usize, Option<String>)> {
    let mut k = i;
    let mut modified = false;
    // At most two modifiers: "nguyên Phó Chủ tịch".
    for _ in 0..2 {
        if let Some((n, _)) = LEX.pre.at(text, toks, k)
            && space_after(text, toks, k + n - 1)
        {
            k += n;
            modified = true;
        }
    }
    if k >= toks.len() {
        return None;
    }
    let lower_start = !is_cap(word(text, toks, i));
    // Every head length, longest first: "Trưởng Đoàn" bare, or "Trưởng" +
    // "Đoàn đại biểu Quốc hội tỉnh"; the longest one with an organisation wins.
    let mut options: Vec<(usize, usize, bool)> = LEX
        .heads
        .all_at(text, toks, k)
        .into_iter()
        .map(|(n, idx)| (n, idx, true))
        .collect();
    if options.is_empty() {
        options = LEX
            .heads_fold
            .all_at(text, toks, k)
            .into_iter()
            .map(|(n, idx)| (n, idx, false))
            .collect();
    }
    let mut bare = None;
    for (n, idx, exact) in options {
        let mut j = k + n;
        while j < toks.len()
            && space_after(text, toks, j - 1)
            && let Some((m, _)) = LEX.post.at(text, toks, j)
        {
            j += m;
        }
        if j < toks.len()
            && space_after(text, toks, j - 1)
            && let Some((end_byte, name)) = orgs.get(&toks[j].s)
        {
            while j < toks.len() && toks[j].e <= *end_byte {
                j += 1;
            }
            return Some((j, Some(name.clone())));
        }
        // Without an organisation: only a listed bare head, written as listed
        // (a lower-case one is generic: "bí thư cấp ủy").
        if bare.is_none() && !LEX.needs_org[idx] && exact && (!lower_start || modified) {
            bare = Some((j, None));
        }
    }
    bare
}

pub fn extract(ctx: &Ctx, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = org::tokenize(text);
    let mut orgs = HashMap::new();
    let mut inside = Vec::new();
    for e in found.iter() {
        if let Kind::Organization { name, .. } = &e.kind {
            orgs.insert(e.start, (e.end, name.clone()));
            inside.push((e.start, e.end));
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let s = toks[i].s;
        let in_org = inside.iter().any(|&(a, b)| a < s && s < b);
        if !in_org && let Some((end, organization)) = parse_title(text, &toks, i, &orgs) {
            let range = s..toks[end - 1].e;
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
