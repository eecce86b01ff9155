//! The search stage: the query language ([`query`]), searching one shared
//! tantivy searcher ([`Engine`]), batch search ([`batch`]) and the analyst
//! listings ([`listing`]).

pub mod batch;
pub mod evidence;
pub mod facets;
pub mod listing;
pub mod query;
pub mod rank;
pub mod restore;
pub mod same;
pub mod snippet;

use crate::index::StoredData;
use crate::index::schema::{Fields, format_date};
use crate::index::syllables::Syllables;
use crate::model::{Entity, Kind};
use query::{DateField, Node, QueryError, TextField, Wanted};
use serde::Serialize;
use snippet::Snippets;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, Searcher, TantivyDocument, Term};

/// An open index, ready to answer queries from several threads.
#[derive(Clone)]
pub struct Engine {
    pub index: Index,
    pub reader: IndexReader,
    pub searcher: Searcher,
    pub fields: Fields,
    /// Shared by clones (the web service clones per request).
    facet_cache: std::sync::Arc<facets::FacetCache>,
    /// The index's syllable statistics, read on first use.
    syllables: std::sync::Arc<std::sync::OnceLock<Option<Syllables>>>,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: String,
    pub score: f32,
    /// A passage of the body around the matches.
    pub snippet: String,
    /// Byte ranges into `snippet` of the matched syllables.
    pub highlights: Vec<(usize, usize)>,
    /// The document's entities the query matched.
    pub entities: Vec<Entity>,
    /// Near-identical reports (syndicated copies) collapsed into this hit,
    /// best ranked first ([`rank`]); empty when collapsing is off.
    pub copies: Vec<Copy>,
}

/// A near-identical report collapsed into a hit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Copy {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: String,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest report first (by its own date; undated last).
    Date,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Sort, String> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            _ => Err(format!("sort must be 'relevance' or 'date', not '{s}'")),
        }
    }
}

impl listing::Row for Hit {
    fn headers() -> &'static [&'static str] {
        &[
            "id", "title", "date", "source", "score", "snippet", "copies",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.title.clone().unwrap_or_default(),
            self.date.clone().unwrap_or_default(),
            self.source.clone(),
            format!("{:.3}", self.score),
            self.snippet.replace('\n', " "),
            self.copies
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ]
    }
}

/// The answer to one query.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// Documents matching (all of them, not only those returned).
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{0}")]
    Query(#[from] QueryError),
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

impl Engine {
    /// Open the index in `dir` (checking it was built by this version).
    pub fn open(dir: &Path) -> anyhow::Result<Engine> {
        Engine::open_with_threads(dir, 1)
    }

    /// Open the index in `dir`, each query searching its segments on
    /// `threads` threads: lower latency for one query at a time (the CLI's
    /// `search`, the web service). Batch search keeps one thread per query
    /// and answers several queries at once instead. Results do not depend
    /// on it: segment results are merged in segment order.
    pub fn open_with_threads(dir: &Path, threads: usize) -> anyhow::Result<Engine> {
        let (mut index, fields) = crate::index::open(dir)?;
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        Engine::new(index, fields)
    }

    pub fn new(index: Index, fields: Fields) -> anyhow::Result<Engine> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        Ok(Engine {
            index,
            reader,
            searcher,
            fields,
            facet_cache: Default::default(),
            syllables: Default::default(),
        })
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Parse and run `query`, returning at most `limit` hits, best first
    /// (ties by id).
    pub fn search(&self, query: &str, limit: usize) -> Result<Results, SearchError> {
        let node = query::parse(query)?;
        self.search_node(&node, limit)
    }

    /// The index's syllable statistics (`None` for an index built before
    /// they were kept).
    pub fn syllables(&self) -> Option<&Syllables> {
        self.syllables
            .get_or_init(|| Syllables::open(&self.index))
            .as_ref()
    }

    /// The tantivy query for `node`, toneless words read in context.
    pub fn compile(&self, node: &Node) -> Box<dyn Query> {
        let syllables = if node.has_toneless_text() {
            self.syllables()
        } else {
            None
        };
        query::compile_with(node, &self.fields, syllables)
    }

    /// BM25 statistics where a word in its written form weighs as much as
    /// its folded form (see [`FoldedStats`]).
    pub(crate) fn stats(&self) -> FoldedStats<'_> {
        FoldedStats {
            searcher: &self.searcher,
            fields: &self.fields,
        }
    }

    pub fn search_node(&self, node: &Node, limit: usize) -> Result<Results, SearchError> {
        self.search_node_sorted(node, 0, limit, Sort::Relevance, true)
    }

    /// The first `n` matches of `q`, best (or, `by_date`, newest) first.
    fn first(
        &self,
        q: &dyn Query,
        by_date: bool,
        n: usize,
    ) -> Result<Vec<(f32, DocAddress)>, SearchError> {
        let top = TopDocs::with_limit(n.max(1));
        Ok(if by_date {
            self.searcher
                .search(
                    q,
                    &top.order_by_fast_field::<tantivy::DateTime>("date", tantivy::Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect()
        } else {
            self.searcher.search_with_statistics_provider(
                q,
                &top.order_by_score(),
                &self.stats(),
            )?
        })
    }

    /// Hits `offset..offset + limit` of the ranked list ([`rank`]) made of
    /// `docs`, the first `n` matches of `q`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn page_of(
        &self,
        node: &Node,
        q: &dyn Query,
        by_date: bool,
        docs: Vec<(f32, DocAddress)>,
        n: usize,
        offset: usize,
        limit: usize,
        collapse: bool,
    ) -> Result<Vec<Hit>, SearchError> {
        let words: Option<HashSet<String>> = (!by_date).then(|| free_syllables(node));
        let words_ref: Option<HashSet<&str>> = words
            .as_ref()
            .map(|w| w.iter().map(String::as_str).collect());
        let ranked = self.arrange(
            docs,
            n,
            words_ref.as_ref().filter(|w| !w.is_empty()),
            collapse,
            offset + limit,
            &|n| self.first(q, by_date, n),
        )?;
        let wanted = node.wanted();
        let snippets = self.snippet_generator(&wanted)?;
        let mut hits = Vec::with_capacity(limit);
        for r in ranked.into_iter().skip(offset).take(limit) {
            let mut hit = self.hit(r.addr, r.score, &wanted, &snippets)?;
            for c in r.copies {
                let d = self.load(c, false)?;
                hit.copies.push(Copy {
                    id: d.id,
                    title: d.title,
                    date: d.date,
                    source: d.source,
                });
            }
            hits.push(hit);
        }
        if !by_date {
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        }
        Ok(hits)
    }

    /// Hits `offset..offset + limit` of `node`, best first (ties by id) or
    /// newest first (undated last), near-identical copies collapsed into
    /// one hit when `collapse` ([`rank`]). A query with no text to score
    /// (dates only) is always listed newest first.
    pub fn search_node_sorted(
        &self,
        node: &Node,
        offset: usize,
        limit: usize,
        sort: Sort,
        collapse: bool,
    ) -> Result<Results, SearchError> {
        let q = self.compile(node);
        let by_date = sort == Sort::Date || node.wanted().texts.is_empty();
        let n = window(by_date, offset, limit);
        let top = TopDocs::with_limit(n);
        let (total, docs): (usize, Vec<(f32, DocAddress)>) = if by_date {
            let (total, docs) = self.searcher.search(
                &*q,
                &(
                    Count,
                    top.order_by_fast_field::<tantivy::DateTime>("date", tantivy::Order::Desc),
                ),
            )?;
            (total, docs.into_iter().map(|(_, a)| (0.0, a)).collect())
        } else {
            self.top_and_total(node, &*q, top)?
        };
        let hits = self.page_of(node, &*q, by_date, docs, n, offset, limit, collapse)?;
        Ok(Results { total, hits })
    }

    /// The best documents by score and the number of all matching ones.
    /// For a single word (a union of term queries) as two searches: alone,
    /// `top` skips blocks of postings that cannot enter it (block-max WAND)
    /// and `Count` alone takes each term's document frequency, where one
    /// combined collector would score every match. Any other query scores
    /// every match anyway, so one pass serves both.
    fn top_and_total(
        &self,
        node: &Node,
        q: &dyn Query,
        top: TopDocs,
    ) -> Result<(usize, Vec<(f32, DocAddress)>), SearchError> {
        let stats = self.stats();
        if node.is_single_word() {
            let docs =
                self.searcher
                    .search_with_statistics_provider(q, &top.order_by_score(), &stats)?;
            let total = self.searcher.search(q, &Count)?;
            return Ok((total, docs));
        }
        Ok(self.searcher.search_with_statistics_provider(
            q,
            &(Count, top.order_by_score()),
            &stats,
        )?)
    }

    /// Document addresses matching `node`, in index order.
    pub fn matching(&self, node: &Node) -> Result<Vec<DocAddress>, SearchError> {
        let q: Box<dyn Query> = self.compile(node);
        let mut docs: Vec<DocAddress> = self
            .searcher
            .search(&*q, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .collect();
        docs.sort();
        Ok(docs)
    }

    /// Snippets marking every syllable the query looks for (in any text
    /// field), folded, so exact and folded matches are highlighted alike;
    /// rarer syllables weigh more in choosing the passage.
    fn snippet_generator(&self, wanted: &Wanted) -> Result<Snippets, SearchError> {
        let mut terms = BTreeMap::new();
        for (field, toks) in &wanted.texts {
            if *field == TextField::Id {
                continue;
            }
            for t in toks {
                if terms.contains_key(t) {
                    continue;
                }
                let df = self
                    .searcher
                    .doc_freq(&Term::from_field_text(self.fields.body_f, t))?;
                if df > 0 {
                    terms.insert(t.clone(), 1.0 / (1.0 + df as f32));
                }
            }
        }
        Ok(Snippets::new(terms.into_iter().collect()))
    }

    /// The stored fields of a document.
    pub fn stored(&self, addr: DocAddress) -> Result<StoredDoc, SearchError> {
        self.load(addr, true)
    }

    /// The stored fields of a document; its entities and events only with
    /// `with_data` (parsing them is most of the cost of a hit).
    fn load(&self, addr: DocAddress, with_data: bool) -> Result<StoredDoc, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let data: StoredData = if with_data {
            doc.get_first(f.data)
                .and_then(|v| v.as_str())
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default()
        } else {
            StoredData::default()
        };
        Ok(StoredDoc {
            id: text(f.id).unwrap_or_default(),
            title: text(f.title),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map(format_date),
            source: text(f.source).unwrap_or_default(),
            body: text(f.body).unwrap_or_default(),
            data,
        })
    }

    fn hit(
        &self,
        addr: DocAddress,
        score: f32,
        wanted: &Wanted,
        snippets: &Snippets,
    ) -> Result<Hit, SearchError> {
        let doc = self.load(addr, may_match_entities(wanted))?;
        let (text, highlights) = match snippets.snippet(&doc.body, SNIPPET_CHARS) {
            Some(s) => (s.text, s.highlights),
            None => {
                // Nothing to highlight (a date or id query): the opening.
                let end = doc
                    .body
                    .char_indices()
                    .nth(SNIPPET_CHARS)
                    .map_or(doc.body.len(), |(i, _)| i);
                (doc.body[..end].to_string(), Vec::new())
            }
        };
        Ok(Hit {
            entities: matching_entities(&doc.data.entities, wanted),
            id: doc.id,
            title: doc.title,
            date: doc.date,
            source: doc.source,
            score,
            snippet: text,
            highlights,
            copies: Vec::new(),
        })
    }
}

/// BM25 statistics of the searcher, except that a word in an exact field
/// counts as many documents as its folded form in the folded field: an
/// exact match adds to the folded one in proportion, and a rare spelling
/// (a toneless "tu" among the many "tư", "tự", "từ") gets no weight of its
/// own from being rare.
pub(crate) struct FoldedStats<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
}

impl FoldedStats<'_> {
    fn folded_field(&self, field: tantivy::schema::Field) -> Option<tantivy::schema::Field> {
        let f = self.fields;
        [
            (f.title, f.title_f),
            (f.body, f.body_f),
            (f.person, f.person_f),
            (f.role, f.role_f),
            (f.org, f.org_f),
            (f.location, f.location_f),
            (f.directive_text, f.directive_text_f),
        ]
        .into_iter()
        .find(|(e, _)| *e == field)
        .map(|(_, folded)| folded)
    }
}

impl tantivy::query::Bm25StatisticsProvider for FoldedStats<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        tantivy::query::Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        tantivy::query::Bm25StatisticsProvider::total_num_docs(self.searcher)
    }
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(folded) = self.folded_field(term.field())
            && let Some(text) = term.value().as_str()
        {
            let key = crate::normalize::search_key(text);
            return self.searcher.doc_freq(&Term::from_field_text(folded, &key));
        }
        self.searcher.doc_freq(term)
    }
}

/// How many matches a page is made from: the page and those before it,
/// and at least the [`rank::RERANK`] rescored by relevance.
pub(crate) fn window(by_date: bool, offset: usize, limit: usize) -> usize {
    let want = offset.saturating_add(limit.max(1));
    if by_date {
        want
    } else {
        want.max(rank::RERANK)
    }
}

/// The folded syllables of the query's free and title words (what title
/// coverage is measured with).
fn free_syllables(node: &Node) -> HashSet<String> {
    node.wanted()
        .texts
        .into_iter()
        .filter(|(f, _)| matches!(f, TextField::Any | TextField::Title))
        .flat_map(|(_, toks)| toks)
        .collect()
}

/// A document as stored in the index.
#[derive(Debug, Clone)]
pub struct StoredDoc {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: String,
    pub body: String,
    pub data: StoredData,
}

/// Whether the folded syllables of `text` hold `needle` (folded syllables)
/// as a run. `text` is normalized already (entities come from normalized
/// reports), so its syllables fold as the `vn_folded` analyzer folds them;
/// compared in place, without building token strings.
fn folded_contains_seq(text: &str, needle: &[String], toks: &mut Vec<(usize, usize)>) -> bool {
    if needle.is_empty() {
        return false;
    }
    toks.clear();
    toks.extend(crate::segment::syllable_iter(text).map(|t| (t.start, t.end)));
    toks.windows(needle.len()).any(|w| {
        w.iter()
            .zip(needle)
            .all(|(&(a, b), n)| crate::normalize::search_key_eq(&text[a..b], n))
    })
}

/// The entity's searchable wording: its text and its normalized fields.
fn entity_words(e: &Entity) -> Vec<String> {
    let mut words = vec![e.text.clone()];
    match &e.kind {
        Kind::Person {
            name,
            titles,
            refers_to,
        } => {
            words.push(name.clone());
            words.extend(titles.iter().cloned());
            words.extend(refers_to.iter().cloned());
        }
        Kind::Title {
            title,
            organization,
        } => {
            words.push(title.clone());
            words.extend(organization.iter().cloned());
        }
        Kind::Organization { name, expanded } => {
            words.push(name.clone());
            words.push(expanded.clone());
        }
        Kind::Location { name, .. } => words.push(name.clone()),
        Kind::Directive {
            number, key, name, ..
        } => {
            words.extend(number.iter().cloned());
            words.extend(name.iter().cloned());
            words.push(key.clone());
        }
        Kind::Date { .. } | Kind::Deadline { .. } => {}
    }
    words
}

fn day(iso: &str) -> Option<i64> {
    crate::calendar::Day::parse_ymd(iso).map(crate::calendar::Day::epoch_days)
}

fn in_range(from: Option<i64>, to: Option<i64>, a: i64, b: i64) -> bool {
    from.is_none_or(|f| b >= f) && to.is_none_or(|t| a <= t)
}

/// Whether a free or field-bound text should be looked for in entities of
/// type `ty`: a lone free syllable ("chi") says too little to point at an
/// entity; a field-bound one does.
fn points_at(field: TextField, toks: &[String], ty: &str) -> bool {
    field.entity_types().contains(&ty) && (field != TextField::Any || toks.len() > 1)
}

/// Whether [`matching_entities`] can find anything for `wanted` (so a hit
/// need not parse the stored entities when it cannot).
pub fn may_match_entities(wanted: &Wanted) -> bool {
    // Every entity type a text can point at is among the free field's.
    let types = TextField::Any.entity_types();
    !wanted.dates.is_empty()
        || wanted
            .texts
            .iter()
            .any(|(f, t)| types.iter().any(|ty| points_at(*f, t, ty)))
}

/// What makes two mentions the same entity in a hit: a directive's key (or
/// the key it refers to), a person's full name, an organization's expanded
/// name; otherwise the text, folded.
fn identity(e: &Entity) -> String {
    match &e.kind {
        Kind::Directive { key, refers_to, .. } => {
            refers_to.as_deref().unwrap_or(key).to_lowercase()
        }
        Kind::Person {
            name, refers_to, ..
        } => crate::normalize::search_key(refers_to.as_deref().unwrap_or(name)),
        Kind::Organization { expanded, .. } => crate::normalize::search_key(expanded),
        _ => crate::normalize::search_key(&e.text),
    }
}

/// The entities a query points at: those whose wording holds a searched
/// text (of the matching field), dates and deadlines within a searched
/// range. Repeated mentions of one entity (see [`identity`]) are listed once.
pub fn matching_entities(entities: &[Entity], wanted: &Wanted) -> Vec<Entity> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for e in entities {
        let ty = e.kind.type_name();
        let hit = match &e.kind {
            Kind::Date { from, to, .. } => wanted.dates.iter().any(|(f, lo, hi)| {
                *f == DateField::Date
                    && matches!(
                        (from.as_deref().and_then(day), to.as_deref().and_then(day)),
                        (Some(a), Some(b)) if in_range(*lo, *hi, a, b)
                    )
            }),
            Kind::Deadline { due, .. } => wanted.dates.iter().any(|(f, lo, hi)| {
                *f == DateField::Deadline
                    && matches!(due.as_deref().and_then(day), Some(d) if in_range(*lo, *hi, d, d))
            }),
            _ => {
                let relevant: Vec<&Vec<String>> = wanted
                    .texts
                    .iter()
                    .filter(|(f, t)| points_at(*f, t, ty))
                    .map(|(_, t)| t)
                    .collect();
                !relevant.is_empty() && {
                    let words = entity_words(e);
                    relevant.iter().any(|needle| {
                        words
                            .iter()
                            .any(|w| folded_contains_seq(w, needle, &mut toks))
                    })
                }
            }
        };
        if hit && seen.insert((ty, identity(e))) {
            out.push(e.clone());
        }
    }
    out
}
