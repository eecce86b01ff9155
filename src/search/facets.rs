//! Paged search with facet counts (people, organizations, directives,
//! report years), as the web service shows it. One pass over the matching
//! documents collects the total, the page of hits and every facet.

use super::query::{self, Node};
use super::{Engine, Hit, SearchError};
use crate::index::schema::civil_from_days;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, Count, FacetCollector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
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
            let (y, _, _) = civil_from_days(dt.into_timestamp_secs().div_euclid(86400));
            *self.counts.entry(y).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

/// The `k` most frequent children of `root` (most reports first, then by
/// value).
fn top(counts: &tantivy::collector::FacetCounts, root: &str, k: usize) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .get(root)
        .filter_map(|(facet, count)| {
            let value = facet.to_path().last()?.to_string();
            Some(FacetCount { value, count })
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(k);
    v
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
        let mut q = query::compile(node, &self.fields);
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
        let top_docs = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_score();
        // Facets only when asked for: they visit every matching document.
        let (total, docs, facet_data) = if facet_k == 0 {
            let (total, docs) = self.searcher.search(&*q, &(Count, top_docs))?;
            (total, docs, None)
        } else {
            let mut fc = FacetCollector::for_field("facet");
            for root in ["/person", "/org", "/directive"] {
                fc.add_facet(root);
            }
            let (total, docs, counts, years) = self
                .searcher
                .search(&*q, &(Count, top_docs, fc, Years("date")))?;
            (total, docs, Some((counts, years)))
        };
        let wanted = node.wanted();
        let snippets = self.snippet_generator(&wanted)?;
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs.into_iter().take(limit) {
            hits.push(self.hit(addr, score, &wanted, &snippets)?);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        let facets = match facet_data {
            None => Facets::default(),
            Some((counts, years)) => Facets {
                people: top(&counts, "/person", facet_k),
                organizations: top(&counts, "/org", facet_k),
                directives: top(&counts, "/directive", facet_k),
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
