//! Paged search with facet counts (people, organizations, directives,
//! report years), as the web service shows it. One pass over the matching
//! documents collects the total, the page of hits and every facet.

use super::query::{self, Node};
use super::{Engine, Hit, SearchError};
use crate::index::schema::datetime_day;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One facet value and how many matching reports carry it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet counts over every matching report (not only the page shown).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Facets {
    /// Full names (a mention by title alone counts for the name it refers to).
    pub people: Vec<FacetCount>,
    /// Expanded names (`UBND` → `Ủy ban nhân dân`).
    pub organizations: Vec<FacetCount>,
    /// Directive keys (`01-CT/TW`).
    pub directives: Vec<FacetCount>,
    /// Years of the reports' own dates, newest first.
    pub years: Vec<FacetCount>,
}

/// One page of results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Page {
    /// Reports matching (all of them).
    pub total: usize,
    /// Hits skipped before this page.
    pub offset: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// Counts matching documents per year of a date fast field.
struct Years(&'static str);

struct SegmentYears {
    column: Column<tantivy::DateTime>,
    counts: BTreeMap<i64, u64>,
}

impl Collector for Years {
    type Fruit = BTreeMap<i64, u64>;
    type Child = SegmentYears;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentYears {
            column: reader.fast_fields().date(self.0)?,
            counts: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        for f in fruits {
            for (y, n) in f {
                *all.entry(y).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentYears {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(dt) = self.column.first(doc) {
            if let Some(day) = datetime_day(dt) {
                *self.counts.entry(i64::from(day.year())).or_insert(0) += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

/// The facet roots counted, in the order of [`FacetTop`]'s fruit.
const ROOTS: [&str; 3] = ["person", "org", "directive"];

/// Counts the children of each root in [`ROOTS`] over the matching
/// documents and keeps the `k` most frequent (most reports first, then by
/// value).
///
/// Why not tantivy's `FacetCollector`: it turns every facet ordinal seen
/// into its string (one dictionary lookup each), which on an archive with
/// tens of thousands of names costs about a second per search. Here each
/// segment counts ordinals in a plain array and resolves only its best
/// `candidates()` per root; the union of those candidates is then counted
/// exactly in every segment (one dictionary lookup per candidate and
/// segment). The counts shown are exact; a value could only be missed if
/// it is outside the top `candidates()` of every single segment yet in
/// the overall top `k` (with one segment, after a merge, never).
struct FacetTop {
    k: usize,
    cache: std::sync::Arc<FacetCache>,
}

/// Dictionary answers already looked up, per segment. Each lookup in a
/// segment's facet dictionary decompresses a block (most of a facet
/// search's time); segments never change, so the answers stay true and
/// the web page's repeated and paged searches skip them. Cleared when it
/// holds more than [`FacetCache::MAX`] entries.
#[derive(Default)]
pub struct FacetCache {
    inner: std::sync::Mutex<CacheMaps>,
}

#[derive(Default)]
struct CacheMaps {
    ranges: HashMap<SegmentId, Vec<std::ops::Range<u64>>>,
    keys: HashMap<(SegmentId, u64), Vec<u8>>,
    ords: HashMap<(SegmentId, Vec<u8>), Option<u64>>,
}

impl FacetCache {
    const MAX: usize = 200_000;

    fn with<T>(&self, f: impl FnOnce(&mut CacheMaps) -> T) -> T {
        let mut m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if m.keys.len() + m.ords.len() > Self::MAX {
            *m = CacheMaps::default();
        }
        f(&mut m)
    }
}

impl FacetTop {
    fn candidates(&self) -> usize {
        self.k * 2 + 5
    }
}

struct SegmentFacets {
    segment: SegmentId,
    cache: std::sync::Arc<FacetCache>,
    column: Option<tantivy::columnar::StrColumn>,
    /// Ordinal range of each root's children in the segment's dictionary.
    ranges: Vec<std::ops::Range<u64>>,
    counts: Vec<u32>,
    candidates: usize,
}

/// One segment's counts, kept until every segment's candidates are known.
struct SegmentFruit {
    segment: SegmentId,
    column: Option<tantivy::columnar::StrColumn>,
    counts: Vec<u32>,
    /// Per root: the segment's best candidates, as encoded facet strings,
    /// with their ordinals here.
    best: Vec<std::collections::HashMap<Vec<u8>, u64>>,
}

/// Ordinal range of each root's children in a segment's dictionary.
fn root_ranges(col: &tantivy::columnar::StrColumn) -> tantivy::Result<Vec<std::ops::Range<u64>>> {
    use tantivy::columnar::TermOrdHit;
    let dict = col.dictionary();
    let ord = |h: TermOrdHit| match h {
        TermOrdHit::Exact(o) | TermOrdHit::Next(o) => o.min(col.num_terms() as u64),
    };
    let mut ranges = Vec::with_capacity(ROOTS.len());
    for root in ROOTS {
        // Children of `/root` sort between "root\0" and "root\x01".
        let lo = dict.term_ord_or_next(encoded(root, b""))?;
        let mut hi_key = root.as_bytes().to_vec();
        hi_key.push(1);
        let hi = dict.term_ord_or_next(hi_key)?;
        ranges.push(ord(lo)..ord(hi));
    }
    Ok(ranges)
}

/// The encoded facet of `/root/value` (tantivy separates levels with NUL).
fn encoded(root: &str, value: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(root.len() + 1 + value.len());
    key.extend_from_slice(root.as_bytes());
    key.push(0);
    key.extend_from_slice(value);
    key
}

impl Collector for FacetTop {
    type Fruit = Vec<Vec<FacetCount>>;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let column = reader.fast_fields().str("facet")?;
        let segment = reader.segment_id();
        let mut size = 0;
        let mut ranges = Vec::new();
        if let Some(col) = &column {
            size = col.num_terms();
            ranges = match self.cache.with(|m| m.ranges.get(&segment).cloned()) {
                Some(r) => r,
                None => {
                    let r = root_ranges(col)?;
                    self.cache.with(|m| m.ranges.insert(segment, r.clone()));
                    r
                }
            };
        }
        Ok(SegmentFacets {
            segment,
            cache: self.cache.clone(),
            column,
            ranges,
            counts: vec![0; size],
            candidates: self.candidates(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let mut out = Vec::with_capacity(ROOTS.len());
        for (r, root) in ROOTS.iter().enumerate() {
            let wanted: std::collections::BTreeSet<&[u8]> = fruits
                .iter()
                .flat_map(|f| f.best.get(r).into_iter().flatten())
                .map(|(key, _)| key.as_slice())
                .collect();
            let mut counted = Vec::with_capacity(wanted.len());
            for key in wanted {
                let mut count = 0u64;
                for f in &fruits {
                    // The segment's own candidates need no dictionary
                    // lookup (each costs a block decompression).
                    let ord = match f.best.get(r).and_then(|b| b.get(key)) {
                        Some(&ord) => Some(ord),
                        None => match &f.column {
                            Some(col) => {
                                let id = (f.segment, key.to_vec());
                                match self.cache.with(|m| m.ords.get(&id).copied()) {
                                    Some(found) => found,
                                    None => {
                                        let found = col.dictionary().term_ord(key)?;
                                        self.cache.with(|m| m.ords.insert(id, found));
                                        found
                                    }
                                }
                            }
                            None => None,
                        },
                    };
                    if let Some(ord) = ord {
                        count += u64::from(f.counts.get(ord as usize).copied().unwrap_or(0));
                    }
                }
                let value = String::from_utf8_lossy(&key[root.len() + 1..]).into_owned();
                if count > 0 {
                    counted.push(FacetCount { value, count });
                }
            }
            counted.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            counted.truncate(self.k);
            out.push(counted);
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(col) = &self.column {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut best = Vec::with_capacity(self.ranges.len());
        for range in &self.ranges {
            // Best candidates: most documents first, then dictionary order
            // (= value order), the order the page shows.
            let mut ords: Vec<u64> = range
                .clone()
                .filter(|&o| self.counts[o as usize] > 0)
                .collect();
            let by = |a: &u64, b: &u64| {
                self.counts[*b as usize]
                    .cmp(&self.counts[*a as usize])
                    .then(a.cmp(b))
            };
            if ords.len() > self.candidates {
                ords.select_nth_unstable_by(self.candidates, by);
                ords.truncate(self.candidates);
            }
            ords.sort_unstable();
            let (known, missing): (Vec<_>, Vec<u64>) = self.cache.with(|m| {
                let mut known = Vec::new();
                let mut missing = Vec::new();
                for &o in &ords {
                    match m.keys.get(&(self.segment, o)) {
                        Some(k) => known.push((k.clone(), o)),
                        None => missing.push(o),
                    }
                }
                (known, missing)
            });
            let mut keys = Vec::with_capacity(missing.len());
            if let Some(col) = &self.column {
                // A dictionary error leaves this root's candidates short;
                // the counts of the others stay exact.
                let _ = col
                    .dictionary()
                    .sorted_ords_to_term_cb(&missing, |bytes| keys.push(bytes.to_vec()));
            }
            let resolved: Vec<(Vec<u8>, u64)> = keys.into_iter().zip(missing).collect();
            self.cache.with(|m| {
                for (k, o) in &resolved {
                    m.keys.insert((self.segment, *o), k.clone());
                }
            });
            best.push(known.into_iter().chain(resolved).collect());
        }
        SegmentFruit {
            segment: self.segment,
            column: self.column,
            counts: self.counts,
            best,
        }
    }
}

impl Engine {
    /// Parse and run `query`: hits `offset..offset + limit` (best first,
    /// ties by id within the page), with the total and the `facet_k` most
    /// frequent values of each facet over all matching reports. With `year`,
    /// only reports whose own date falls in that year (the `years` facet).
    pub fn search_page(
        &self,
        query: &str,
        year: Option<i64>,
        offset: usize,
        limit: usize,
        facet_k: usize,
    ) -> Result<Page, SearchError> {
        let node = query::parse(query)?;
        self.search_node_page(&node, year, offset, limit, facet_k)
    }

    pub fn search_node_page(
        &self,
        node: &Node,
        year: Option<i64>,
        offset: usize,
        limit: usize,
        facet_k: usize,
    ) -> Result<Page, SearchError> {
        self.search_node_page_sorted(
            node,
            year,
            offset,
            limit,
            facet_k,
            super::Sort::Relevance,
            true,
        )
    }

    /// [`Engine::search_node_page`] in the order `sort` asks for (a query
    /// of dates only is always listed newest first), near-identical copies
    /// collapsed into one hit when `collapse` ([`super::rank`]).
    #[allow(clippy::too_many_arguments)]
    pub fn search_node_page_sorted(
        &self,
        node: &Node,
        year: Option<i64>,
        offset: usize,
        limit: usize,
        facet_k: usize,
        sort: super::Sort,
        collapse: bool,
    ) -> Result<Page, SearchError> {
        let by_date = sort == super::Sort::Date || node.wanted().texts.is_empty();
        let mut q = self.compile(node);
        if let Some(y) = year {
            let day = |m, d| {
                tantivy::Term::from_field_date(
                    self.fields.date,
                    crate::index::schema::to_datetime(y, m, d),
                )
            };
            let in_year: Box<dyn tantivy::query::Query> =
                Box::new(tantivy::query::RangeQuery::new(
                    std::ops::Bound::Included(day(1, 1)),
                    std::ops::Bound::Included(day(12, 31)),
                ));
            q = Box::new(tantivy::query::BooleanQuery::new(vec![
                (tantivy::query::Occur::Must, q),
                (tantivy::query::Occur::Must, in_year),
            ]));
        }
        let n = super::window(by_date, offset, limit);
        let top_docs = TopDocs::with_limit(n);
        // Facets only when asked for: they visit every matching document.
        let (total, docs, facet_data) = if by_date {
            let newest =
                top_docs.order_by_fast_field::<tantivy::DateTime>("date", tantivy::Order::Desc);
            let fc = FacetTop {
                k: facet_k.max(1),
                cache: self.facet_cache.clone(),
            };
            let (total, docs, counts, years) = self
                .searcher
                .search(&*q, &(Count, newest, fc, Years("date")))?;
            let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
            (total, docs, (facet_k > 0).then_some((counts, years)))
        } else if facet_k == 0 {
            let (total, docs) = self.top_and_total(node, &*q, top_docs)?;
            (total, docs, None)
        } else {
            let fc = FacetTop {
                k: facet_k,
                cache: self.facet_cache.clone(),
            };
            let (total, docs, counts, years) = self.searcher.search_with_statistics_provider(
                &*q,
                &(Count, top_docs.order_by_score(), fc, Years("date")),
                &self.stats(),
            )?;
            (total, docs, Some((counts, years)))
        };
        let hits = self.page_of(node, &*q, by_date, docs, n, offset, limit, collapse)?;
        let facets = match facet_data {
            None => Facets::default(),
            Some((mut counts, years)) => Facets {
                directives: counts.pop().unwrap_or_default(),
                organizations: counts.pop().unwrap_or_default(),
                people: counts.pop().unwrap_or_default(),
                years: years
                    .into_iter()
                    .rev()
                    .take(facet_k)
                    .map(|(y, count)| FacetCount {
                        value: y.to_string(),
                        count,
                    })
                    .collect(),
            },
        };
        Ok(Page {
            total,
            offset,
            hits,
            facets,
        })
    }

    /// The stored document with this id, if any.
    pub fn document(&self, id: &str) -> Result<Option<super::StoredDoc>, SearchError> {
        let term = tantivy::Term::from_field_text(self.fields.id, id);
        let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?;
        match found.first() {
            Some(&(_, addr)) => Ok(Some(self.stored(addr)?)),
            None => Ok(None),
        }
    }
}
