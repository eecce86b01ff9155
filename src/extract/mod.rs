//! Rule-based extraction: regexes, lexicons (aho-corasick) and small state
//! machines; no statistical model.
//!
//! One file per entity kind. Each exposes
//! `pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>)` and runs in the
//! order below, so a later extractor sees (and can avoid or build on) what an
//! earlier one found: document symbols are never dates, organisations and
//! places are never people, deadlines are built on dates, events on people.
//!
//! Every entity names the rule that made it (`Entity::rule`), e.g.
//! `date.dmy_slash`, so a wrong extraction can be traced back.

pub mod date;
pub mod deadline;
pub mod directive;
pub mod event;
pub mod fastre;
pub mod lexicon;
pub mod location;
pub mod organization;
pub mod person;
pub mod title;
pub mod tokens;
pub mod vocab;
pub mod words;

use crate::model::{Document, Entity, Kind, Span};
use std::ops::Range;

/// The analysis of one document, built once ([`Analysis::new`]) and the only
/// thing extractors read: the normalized text, its sentences, the report's
/// own date (the anchor for partial dates such as "ngày 11-3"), its words
/// (one split, with exact and folded hashes) and its case-folded view.
pub struct Analysis<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// The report's own date, ISO `YYYY-MM-DD`, when the input states it.
    pub doc_date: Option<&'a str>,
    /// The words of `text` ([`tokens::tokenize`]), split once for every
    /// extractor.
    pub tokens: Vec<tokens::Tok>,
    /// `text` case-folded with the same byte offsets ([`event::fold::fold`]),
    /// for literal trigger search; `None` when `text` holds a character whose
    /// folding is ambiguous (callers then fall back to their regexes).
    pub folded: Option<String>,
}

impl<'a> Analysis<'a> {
    /// Analyse `text` once: split its words and fold its case.
    pub fn new(text: &'a str, sentences: &'a [Span], doc_date: Option<&'a str>) -> Analysis<'a> {
        Analysis {
            text,
            sentences,
            doc_date,
            tokens: tokens::tokenize(text),
            folded: event::fold::fold(text),
        }
    }

    /// Index of the sentence holding byte `pos` (0 when there are none).
    pub fn sentence_of(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| {
            if s.1 <= pos {
                std::cmp::Ordering::Less
            } else if s.0 > pos {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.min(self.sentences.len().saturating_sub(1)),
        }
    }

    /// The span of sentence `i` (the whole text when there are no sentences).
    pub fn sentence(&self, i: usize) -> Range<usize> {
        self.sentences
            .get(i)
            .map(|s| s.range())
            .unwrap_or(0..self.text.len())
    }

    /// Build an entity over `range` of the text.
    pub fn entity(&self, kind: Kind, range: Range<usize>, rule: &str) -> Entity {
        Entity {
            kind,
            text: self.text[range.clone()].to_string(),
            start: range.start,
            end: range.end,
            sentence: self.sentence_of(range.start),
            rule: rule.to_string(),
        }
    }
}

/// Entities of some types indexed by position: overlap and containment
/// queries in O(log n + k) instead of a scan over everything found.
pub struct SpanIndex {
    /// (start, end) sorted by start.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    /// Index the entities of `found` whose type is one of `types`.
    pub fn new(found: &[Entity], types: &[&str]) -> SpanIndex {
        SpanIndex::from_spans(
            found
                .iter()
                .filter(|e| types.contains(&e.kind.type_name()))
                .map(|e| (e.start, e.end))
                .collect(),
        )
    }

    /// Index `(start, end)` spans, in any order; spans with one start keep
    /// the order they were given in (`starting_in` yields them so).
    pub fn from_spans(mut spans: Vec<(usize, usize)>) -> SpanIndex {
        spans.sort_by_key(|s| s.0);
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        SpanIndex { spans, max_end }
    }

    /// True when an indexed entity overlaps `range`.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.spans.partition_point(|s| s.0 < range.end);
        // walk back while some earlier span still reaches past range.start
        (0..i)
            .rev()
            .take_while(|&j| self.max_end[j] > range.start)
            .any(|j| self.spans[j].1 > range.start)
    }

    /// The indexed spans starting in `from..to`, by start (one start: in
    /// the order given).
    pub fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let i = self.spans.partition_point(|s| s.0 < from);
        self.spans[i..]
            .iter()
            .take_while(move |s| s.0 < to)
            .map(|s| s.0..s.1)
    }

    /// The longest indexed span starting at `at`.
    pub fn longest_at(&self, at: usize) -> Option<Range<usize>> {
        self.starting_in(at, at + 1).max_by_key(|r| r.end)
    }

    /// True when an indexed entity contains `range` (start <= range.start,
    /// range.end <= end).
    pub fn contains(&self, range: &Range<usize>) -> bool {
        let i = self.spans.partition_point(|s| s.0 <= range.start);
        (0..i)
            .rev()
            .take_while(|&j| self.max_end[j] >= range.end)
            .any(|j| self.spans[j].1 >= range.end)
    }
}

/// The largest char boundary of `s` at or before `i` (`str::floor_char_boundary`,
/// newer than this crate's minimum Rust).
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s.to_lowercase().ends_with(tail)` without lower-casing all of `s`: every
/// character lower-cases to one or more, so the last `tail.chars().count()`
/// characters of `s` decide.
pub fn lower_ends_with(s: &str, tail: &str) -> bool {
    let n = tail.chars().count();
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let start = if n == 0 { s.len() } else { start };
    s[start..].to_lowercase().ends_with(tail)
}

/// One entity extractor: reads the analysis and what earlier extractors
/// found, appends what it finds.
pub type Run = fn(&Analysis, &mut Vec<Entity>);

/// An extractor as data: the kind of entity it makes (also its name), the
/// kinds made before it that it reads (`needs`), and its function. The order of
/// [`EXTRACTORS`] is checked against `needs` (a test), not implied.
pub struct Extractor {
    pub makes: &'static str,
    pub needs: &'static [&'static str],
    pub run: Run,
}

/// The entity extractors in the order they run (each after the kinds it
/// needs); events run after, on the sorted entities.
pub const EXTRACTORS: [Extractor; 7] = [
    Extractor {
        makes: "organization",
        needs: &[],
        run: organization::extract,
    },
    Extractor {
        makes: "location",
        needs: &[],
        run: location::extract,
    },
    Extractor {
        // an organisation is a document's issuer, not its number
        makes: "directive",
        needs: &["organization"],
        run: directive::extract,
    },
    Extractor {
        // a document's symbol and issue date are not dates of the text
        makes: "date",
        needs: &["directive"],
        run: date::extract,
    },
    Extractor {
        // a deadline is a date after a cue; the body it binds is an organisation
        makes: "deadline",
        needs: &["date", "organization"],
        run: deadline::extract,
    },
    Extractor {
        // a title's body is an organisation found before
        makes: "title",
        needs: &["organization"],
        run: title::extract,
    },
    Extractor {
        // names are never inside an organisation or a place; titles cue them
        makes: "person",
        needs: &["organization", "location", "title"],
        run: person::extract,
    },
];

/// The kinds events read, all made by [`EXTRACTORS`].
pub const EVENT_NEEDS: [&str; 5] = ["person", "title", "organization", "date", "directive"];

/// Put entities in text order (longer first at the same start, then by
/// type), the order of `Document::entities` and the one events expect.
pub fn sort_entities(found: &mut [Entity]) {
    found.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.kind.type_name()).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.kind.type_name(),
        ))
    });
}

/// Run every extractor over `doc.text` and fill `doc.entities` (in text
/// order) and `doc.events`.
pub fn extract(doc: &mut Document) {
    let ctx = Analysis::new(&doc.text, &doc.sentences, doc.date.as_deref());
    let mut found = Vec::new();
    for x in &EXTRACTORS {
        (x.run)(&ctx, &mut found);
    }
    sort_entities(&mut found);
    let events = event::extract(&ctx, &found);
    doc.entities = found;
    doc.events = events;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each extractor runs after every extractor making a kind it needs,
    /// and events need only kinds some extractor makes: moving a line of
    /// the table above fails here instead of changing output silently.
    #[test]
    fn extractors_run_after_what_they_need() {
        for (i, x) in EXTRACTORS.iter().enumerate() {
            for need in x.needs {
                assert!(
                    EXTRACTORS[..i].iter().any(|e| e.makes == *need),
                    "{} needs {need}, made by no earlier extractor",
                    x.makes
                );
            }
        }
        for need in EVENT_NEEDS {
            assert!(
                EXTRACTORS.iter().any(|e| e.makes == need),
                "events need {need}"
            );
        }
        let mut made: Vec<&str> = EXTRACTORS.iter().map(|e| e.makes).collect();
        made.sort();
        made.dedup();
        assert_eq!(made.len(), EXTRACTORS.len(), "one extractor per kind");
    }

    /// What the table says each extractor makes is what comes out: every
    /// entity of a report is of a kind some extractor makes.
    #[test]
    fn entities_are_of_kinds_the_table_makes() {
        let mut doc = crate::pipeline::process_text(
            "Sáng 3/4/2024, tại Hà Nội, Bộ trưởng Bộ Tài chính Lê Văn An chủ trì \
             cuộc họp triển khai Nghị quyết số 12/NQ-CP; các đơn vị báo cáo \
             trước ngày 15/5/2024.",
            None,
        );
        extract(&mut doc);
        let made: Vec<&str> = EXTRACTORS.iter().map(|e| e.makes).collect();
        let kinds: std::collections::BTreeSet<&str> =
            doc.entities.iter().map(|e| e.kind.type_name()).collect();
        assert!(kinds.len() >= 6, "{kinds:?}");
        for k in kinds {
            assert!(made.contains(&k), "{k} is made by no extractor");
        }
    }
}
