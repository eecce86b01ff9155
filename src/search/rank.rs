//! The last steps of ordering hits: the title-coverage factor of relevance
//! ranking, and collapsing near-identical copies of a report.
//!
//! **Title coverage.** BM25 scores the query's words; it does not see what
//! else a title says. Of two titles holding the query's words, the one
//! whose other words are common ("… bị kỷ luật") is about what the query
//! names; the one with rarer words besides ("… Đông Đô … robot") is about
//! something more. The first [`RERANK`] hits by score are scored again,
//! times `1 + coverage`, where coverage is the share of the title's rarity
//! (the sum over its syllables of [`Syllables::rarity`]) that the query's
//! syllables hold: a title the query says in full scores double (the
//! `cover` weight of [`super::query::Weights`]), one it does not touch
//! keeps its score. Hits further down keep theirs, which is
//! never above the rescored ones (rescoring only raises scores), so pages
//! stay in one order.
//!
//! **Near-identical copies.** News sites syndicate one report; the copies
//! differ by a byline, a photo caption or a trimmed paragraph. Two hits are
//! copies when their bodies are the same text of at least [`MIN_BODY`]
//! syllables, or when their titles are the same (folded syllables) and at
//! least [`CONTAINMENT`] of the shorter body's 4-syllable shingles
//! (lower-cased, diacritics kept) are in the other. Each copy is compared
//! with the first hit of each group (the best ranked), so grouping
//! does not chain, and the groups keep the order of their first hits.

use super::{Engine, SearchError};
use crate::index::syllables::Syllables;
use crate::normalize::search_key;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

/// Hits scored again for title coverage.
pub const RERANK: usize = 20;

/// Share of a body's shingles the other copy must hold.
pub const CONTAINMENT: f64 = 0.8;

/// Syllables a body needs to tell reports apart alone: shorter identical
/// bodies ("Xem ảnh", a standard notice) make copies only under the same
/// title.
pub const MIN_BODY: usize = 40;

/// Syllables per shingle.
const SHINGLE: usize = 4;

/// A hit in the ranked list with the copies collapsed into it.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub score: f32,
    pub addr: DocAddress,
    /// Near-identical reports standing behind it, best ranked first.
    pub copies: Vec<DocAddress>,
}

/// What is compared of a hit.
struct Candidate {
    score: f32,
    title: Vec<String>,
    body: String,
    body_hash: u64,
    shingles: std::cell::OnceCell<HashSet<u64>>,
}

fn hash<T: Hash + ?Sized>(x: &T) -> u64 {
    // `DefaultHasher::new()` has fixed keys: the same value hashes the
    // same in every run.
    let mut h = DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

/// The folded syllables of `text`.
fn folded(text: &str) -> Vec<String> {
    crate::segment::syllable_iter(text)
        .map(|t| search_key(&text[t.start..t.end]))
        .collect()
}

/// Shingles of the body's syllables as written (lower-cased): copies keep
/// the wording, diacritics included ("Hai" and "Hải" are other people).
fn shingles(body: &str) -> HashSet<u64> {
    let syl: Vec<String> = crate::segment::syllable_iter(body)
        .map(|t| body[t.start..t.end].to_lowercase())
        .collect();
    if syl.len() < SHINGLE {
        return std::iter::once(hash(&syl)).collect();
    }
    syl.windows(SHINGLE).map(hash).collect()
}

impl Candidate {
    /// The body's shingles, computed on first use.
    fn shingles(&self) -> &HashSet<u64> {
        self.shingles.get_or_init(|| shingles(&self.body))
    }
}

/// Whether `a` and `b` are near-identical copies (see the module notes).
fn copies(a: &Candidate, b: &Candidate) -> bool {
    let same_title = !a.title.is_empty() && a.title == b.title;
    if a.body_hash == b.body_hash && a.body == b.body {
        return same_title || crate::segment::syllable_iter(&a.body).count() >= MIN_BODY;
    }
    if !same_title {
        return false;
    }
    let (x, y) = (a.shingles(), b.shingles());
    let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let shared = small.iter().filter(|s| large.contains(s)).count();
    shared as f64 >= CONTAINMENT * small.len() as f64
}

/// Share of the title's rarity held by the query's syllables `query`.
pub fn title_coverage(s: &Syllables, title: &[String], query: &HashSet<&str>) -> f32 {
    let (mut held, mut all) = (0.0f32, 0.0f32);
    for t in title {
        let r = s.rarity(t);
        all += r;
        if query.contains(t.as_str()) {
            held += r;
        }
    }
    if all > 0.0 { held / all } else { 0.0 }
}

impl Engine {
    fn candidate(&self, score: f32, addr: DocAddress) -> Result<Candidate, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let body = text(self.fields.body);
        Ok(Candidate {
            score,
            title: folded(&text(self.fields.title)),
            body_hash: hash(body.as_str()),
            body,
            shingles: std::cell::OnceCell::new(),
        })
    }

    /// The ranked list, from its top: `docs` as the search ordered them
    /// (the first `requested` matches, best or newest first), the first [`RERANK`]
    /// scored again for title coverage when `query` (folded syllables of
    /// the query's free words) is given, and near-identical copies
    /// collapsed into their best ranked one when `collapse`. `more(n)`
    /// fetches the first `n` matches again, when collapsing leaves fewer
    /// than `want` hits and more matches remain.
    pub(crate) fn arrange(
        &self,
        mut docs: Vec<(f32, DocAddress)>,
        mut requested: usize,
        query: Option<&HashSet<&str>>,
        collapse: bool,
        want: usize,
        more: &dyn Fn(usize) -> Result<Vec<(f32, DocAddress)>, SearchError>,
    ) -> Result<Vec<Ranked>, SearchError> {
        let syllables = query.and_then(|q| self.syllables().map(|s| (s, q)));
        loop {
            let fetched = docs.len();
            let mut cands = Vec::with_capacity(fetched);
            for (i, &(score, addr)) in docs.iter().enumerate() {
                if i < RERANK && syllables.is_some() || collapse {
                    cands.push(Some(self.candidate(score, addr)?));
                } else {
                    cands.push(None);
                }
            }
            let mut order: Vec<(f32, usize)> = docs
                .iter()
                .enumerate()
                .map(|(i, &(score, _))| (score, i))
                .collect();
            if let Some((s, q)) = syllables {
                let cover = super::query::Weights::get().cover;
                for (i, c) in cands.iter().enumerate().take(RERANK) {
                    if let Some(c) = c {
                        order[i].0 = c.score * (1.0 + cover * title_coverage(s, &c.title, q));
                    }
                }
                // Best first; equal scores keep the search's order.
                order.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            }
            let mut out: Vec<Ranked> = Vec::new();
            let mut firsts: Vec<usize> = Vec::new();
            for &(score, i) in &order {
                if collapse {
                    let mut found = None;
                    for (g, &f) in firsts.iter().enumerate() {
                        if let (Some(a), Some(b)) = (&cands[f], &cands[i])
                            && copies(a, b)
                        {
                            found = Some(g);
                            break;
                        }
                    }
                    if let Some(g) = found {
                        out[g].copies.push(docs[i].1);
                        continue;
                    }
                    firsts.push(i);
                }
                out.push(Ranked {
                    score,
                    addr: docs[i].1,
                    copies: Vec::new(),
                });
            }
            if out.len() >= want || !collapse || fetched < requested {
                return Ok(out);
            }
            requested = requested.saturating_mul(2);
            docs = more(requested)?;
        }
    }
}
