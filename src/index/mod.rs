//! The index stage: a tantivy index of processed reports.
//!
//! - [`analyzer`]: the Vietnamese analyzers (syllables, exact and folded).
//! - [`schema`]: fields, and how a [`Document`] becomes a tantivy document.
//! - [`writer`]: [`writer::IndexSink`], the pipeline sink that writes the
//!   index incrementally (content hash per id).
//!
//! Beside tantivy's files the index folder holds [`META_FILE`], naming the
//! schema and analyzer versions the index was built with; opening an index
//! built by another version fails with a message asking for `--rebuild`.

pub mod analyzer;
pub mod directory;
pub mod schema;
pub mod syllables;
pub mod writer;

use crate::model::{Document, Kind};
use anyhow::{Context, bail};
use schema::Fields;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::schema::Facet;
use tantivy::{Index, TantivyDocument};

/// File beside tantivy's, holding [`Meta`].
pub const META_FILE: &str = "vntext-index.json";

/// What built the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub format: String,
    pub schema_version: u32,
    pub analyzer_version: u32,
}

impl Meta {
    pub fn current() -> Meta {
        Meta {
            format: "vntext-index".into(),
            schema_version: schema::SCHEMA_VERSION,
            analyzer_version: analyzer::ANALYZER_VERSION,
        }
    }
}

/// Whether `dir` holds a tantivy index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Check the meta file of the index in `dir` against this build.
pub fn check_meta(dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(META_FILE);
    let cur = Meta::current();
    let found: Meta = match std::fs::read_to_string(&path) {
        Ok(s) => serde_json::from_str(&s)
            .with_context(|| format!("{} is not a vntext index meta file", path.display()))?,
        Err(_) => bail!(
            "{} holds an index without {META_FILE} (not built by vntext, or by an older version): \
             run `vntext index --rebuild --index {}`",
            dir.display(),
            dir.display()
        ),
    };
    if found != cur {
        bail!(
            "the index in {} was built with schema version {} and analyzer version {}; this vntext \
             uses schema version {} and analyzer version {}: run `vntext index --rebuild --index {}`",
            dir.display(),
            found.schema_version,
            found.analyzer_version,
            cur.schema_version,
            cur.analyzer_version,
            dir.display()
        );
    }
    Ok(())
}

pub fn write_meta(dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(META_FILE);
    let tmp = dir.join(format!("{META_FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_string_pretty(&Meta::current())? + "\n")
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Open the existing index in `dir` for searching.
pub fn open(dir: &Path) -> anyhow::Result<(Index, Fields)> {
    if !exists(dir) {
        bail!(
            "no index in {}: build one with `vntext index [PATH...] --index {}`",
            dir.display(),
            dir.display()
        );
    }
    check_meta(dir)?;
    // Read-only: a search never writes the folder (see `directory`).
    let index = Index::open(directory::IndexDir::read_only(dir)?)
        .with_context(|| format!("opening index {}", dir.display()))?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema()).context("index schema")?;
    Ok((index, fields))
}

/// The entities and events of a document as stored in the index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredData {
    pub entities: Vec<crate::model::Entity>,
    pub events: Vec<crate::model::Event>,
    /// Sentence spans (`Entity::sentence` indexes them): the listings'
    /// evidence. Absent from indexes built before they were stored (the
    /// listings then find the sentence around the entity).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<crate::model::Span>,
}

/// A stable 64-bit FNV-1a hash of the document as processed (text,
/// metadata, entities, events): a change in the input or in what is
/// extracted from it makes the document re-indexed.
pub fn content_hash(doc: &Document) -> u64 {
    struct Fnv(u64);
    impl std::io::Write for Fnv {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            for &b in buf {
                self.0 ^= b as u64;
                self.0 = self.0.wrapping_mul(0x100000001b3);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Fnv(0xcbf29ce484222325);
    // Serializing into the hasher cannot fail.
    let _ = serde_json::to_writer(&mut h, doc);
    h.0
}

fn add_date(td: &mut TantivyDocument, field: tantivy::schema::Field, iso: &str) {
    if let Some(dt) = schema::parse_iso(iso) {
        td.add_date(field, dt);
    }
}

/// The tantivy document for `doc`.
pub fn to_tantivy(doc: &Document, hash: u64, f: &Fields) -> TantivyDocument {
    let mut td = TantivyDocument::default();
    td.add_text(f.id, &doc.id);
    td.add_u64(f.hash, hash);
    if let Some(t) = &doc.title {
        td.add_text(f.title, t);
        td.add_text(f.title_f, t);
    }
    td.add_text(f.source, &doc.source);
    if let Some(d) = &doc.date {
        add_date(&mut td, f.date, d);
        add_date(&mut td, f.dates, d);
    }
    td.add_text(f.body, &doc.text);
    td.add_text(f.body_f, &doc.text);
    let pair = |td: &mut TantivyDocument, a, b, v: &str| {
        td.add_text(a, v);
        td.add_text(b, v);
    };
    let mut facets: std::collections::BTreeSet<Facet> = Default::default();
    for e in &doc.entities {
        match &e.kind {
            Kind::Person {
                name,
                titles,
                refers_to,
            } => {
                let who = refers_to.as_deref().unwrap_or(name);
                pair(&mut td, f.person, f.person_f, who);
                for t in titles {
                    pair(&mut td, f.role, f.role_f, t);
                }
                facets.insert(Facet::from_path(["person", who]));
            }
            Kind::Title { title, .. } => pair(&mut td, f.role, f.role_f, title),
            Kind::Organization { name, expanded } => {
                pair(&mut td, f.org, f.org_f, name);
                if expanded != name {
                    pair(&mut td, f.org, f.org_f, expanded);
                }
                facets.insert(Facet::from_path(["org", expanded.as_str()]));
            }
            Kind::Location { name, .. } => pair(&mut td, f.location, f.location_f, name),
            Kind::Directive {
                doc_type,
                number,
                name,
                key,
                refers_to,
                ..
            } => {
                let key = refers_to.as_deref().unwrap_or(key);
                td.add_text(f.directive, analyzer::keyword(key));
                if let Some(n) = number {
                    td.add_text(f.directive, analyzer::keyword(n));
                    pair(
                        &mut td,
                        f.directive_text,
                        f.directive_text_f,
                        &format!("{doc_type} {n}"),
                    );
                }
                if let Some(n) = name {
                    pair(&mut td, f.directive_text, f.directive_text_f, n);
                }
                pair(&mut td, f.directive_text, f.directive_text_f, &e.text);
                facets.insert(Facet::from_path(["directive", key]));
                facets.insert(Facet::from_path(["doctype", doc_type.as_str()]));
            }
            // a date without a known year (`from`/`to` null) has no day to
            // index; it stays in the stored entities and the text fields
            Kind::Date { from, to, .. } => {
                if let Some(from) = from {
                    add_date(&mut td, f.dates, from);
                }
                if let Some(to) = to.as_ref().filter(|&t| Some(t) != from.as_ref()) {
                    add_date(&mut td, f.dates, to);
                }
            }
            // a deadline with no calendar day (`due` null) is stored, not indexed as a day
            Kind::Deadline { due, .. } => {
                if let Some(due) = due {
                    add_date(&mut td, f.deadline, due);
                }
            }
        }
    }
    for facet in facets {
        td.add_facet(f.facet, facet);
    }
    let data = StoredDataRef {
        entities: &doc.entities,
        events: &doc.events,
        sentences: &doc.sentences,
    };
    td.add_text(
        f.data,
        serde_json::to_string(&data).unwrap_or_else(|_| "{}".into()),
    );
    td
}

/// [`StoredData`] borrowed from the document: the same JSON, written
/// without cloning every entity, event and span first.
#[derive(Serialize)]
struct StoredDataRef<'a> {
    entities: &'a [crate::model::Entity],
    events: &'a [crate::model::Event],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sentences: &'a [crate::model::Span],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The borrowed form writes what [`StoredData`] writes (and reads back).
    #[test]
    fn stored_data_written_borrowed_as_owned() {
        let mut doc = crate::pipeline::process_text(
            "Ngày 5/3/2021, Bộ trưởng Nguyễn Văn An ký Chỉ thị 01-CT/TW. \
             Các sở báo cáo trước ngày 30/6/2021.",
            Some("2021-03-05"),
        );
        assert!(!doc.entities.is_empty() && !doc.sentences.is_empty());
        for _ in 0..2 {
            let owned = StoredData {
                entities: doc.entities.clone(),
                events: doc.events.clone(),
                sentences: doc.sentences.clone(),
            };
            let borrowed = StoredDataRef {
                entities: &doc.entities,
                events: &doc.events,
                sentences: &doc.sentences,
            };
            let json = serde_json::to_string(&borrowed).unwrap();
            assert_eq!(json, serde_json::to_string(&owned).unwrap());
            let back: StoredData = serde_json::from_str(&json).unwrap();
            assert_eq!(back.sentences, doc.sentences);
            // without sentences the key is left out, as before
            doc.sentences.clear();
        }
    }
}
