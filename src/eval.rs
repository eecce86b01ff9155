//! Evaluation against gold annotations (`tests/gold/`, format in its
//! README): the [`Evaluator`] sink compares each extracted document with its
//! gold file, field by field, as sets of normalized keys per document, and
//! micro-averages precision, recall and F1 over the corpus.
//!
//! Keys are compared after [`crate::normalize::normalize`] (NFC, old
//! tone-mark style) and lower-casing, with whitespace collapsed: "Hoà Bình",
//! "hòa bình" and "HÒA  BÌNH" are one key. Diacritics are kept.

use crate::model::{Document, Kind};
use crate::pipeline::{self, Sink, Summary};
use crate::read::ReadError;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The scored fields, in report order.
pub const FIELDS: &[&str] = &[
    "person",
    "person_title",
    "directive",
    "directive_number",
    "date",
    "deadline",
    "deadline_task",
    "attendee",
    "organization",
    "location",
];

/// One gold file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct Gold {
    /// The document id; when absent, the file's path relative to the gold
    /// folder without `.json`.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub persons: Vec<GoldPerson>,
    #[serde(default)]
    pub directives: Vec<GoldDirective>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub deadlines: Vec<GoldDeadline>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub locations: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct GoldPerson {
    pub name: String,
    #[serde(default)]
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct GoldDirective {
    pub doc_type: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct GoldDate {
    #[serde(default)]
    pub text: Option<String>,
    /// `null` for a date whose year the text does not give.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct GoldDeadline {
    /// `null` for a deadline with no calendar day (relative to an event,
    /// recurring, or a day whose year the text does not give).
    #[serde(default)]
    pub due: Option<String>,
    /// Words the extracted task must hold (`task`, as the real-text
    /// guideline writes it, is read too); scored by `deadline_task`.
    #[serde(default, alias = "task")]
    pub task_contains: Option<String>,
    #[serde(default)]
    pub responsible: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct GoldEvent {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub attendees: Vec<String>,
}

/// Load every `*.json` gold file under `dir` (recursively), keyed by id.
/// `README.md` and other non-JSON files are skipped; a file that does not
/// parse, or a second file for the same id, is an error naming the file.
pub fn load_gold(dir: &Path) -> anyhow::Result<BTreeMap<String, Gold>> {
    let mut out = BTreeMap::new();
    let mut origin: BTreeMap<String, PathBuf> = BTreeMap::new();
    if !dir.is_dir() {
        anyhow::bail!("gold folder {} does not exist", dir.display());
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("listing gold folder {}", dir.display()))?
        .into_iter()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let data = std::fs::read_to_string(&path)
            .with_context(|| format!("reading gold file {}", path.display()))?;
        let mut gold: Gold = serde_json::from_str(&data)
            .with_context(|| format!("bad gold file {}", path.display()))?;
        if gold.id.trim().is_empty() {
            let rel = path.strip_prefix(dir).unwrap_or(&path).with_extension("");
            gold.id = rel.to_string_lossy().replace('\\', "/");
        }
        if let Some(prev) = origin.get(&gold.id) {
            anyhow::bail!(
                "gold file {} repeats id {:?} of {}",
                path.display(),
                gold.id,
                prev.display()
            );
        }
        origin.insert(gold.id.clone(), path);
        out.insert(gold.id.clone(), gold);
    }
    Ok(out)
}

/// The comparison key of a value: normalized, lower-cased, one space.
pub fn key(s: &str) -> String {
    crate::normalize::normalize(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A document symbol's key: as [`key`], without any whitespace.
fn number_key(s: &str) -> String {
    key(s).split_whitespace().collect()
}

/// Whether `part` occurs in `whole` as whole words (both keys).
fn contains_words(whole: &str, part: &str) -> bool {
    !part.is_empty()
        && whole.match_indices(part).any(|(i, _)| {
            let before = whole[..i].chars().next_back();
            let after = whole[i + part.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

fn pair(a: &str, b: &str) -> String {
    format!("{a} | {b}")
}

/// A date value's key: `from | to`, `null` for a date without a known year.
fn date_key(from: Option<&str>, to: Option<&str>) -> String {
    pair(from.unwrap_or("null"), to.unwrap_or("null"))
}

/// A deadline's key: its due day, `null` for a deadline without one.
fn due_key(due: Option<&str>) -> String {
    due.map_or("null", str::trim).to_string()
}

/// Per field: key → how to show it (the key, plus the text it came from).
pub type FieldSets = BTreeMap<&'static str, BTreeMap<String, String>>;

fn add(sets: &mut FieldSets, field: &'static str, k: String, shown: String) {
    if k.is_empty() || k == " | " {
        return;
    }
    sets.entry(field).or_default().entry(k).or_insert(shown);
}

/// The keys a gold file asserts, per field.
pub fn gold_sets(g: &Gold) -> FieldSets {
    let mut s = FieldSets::new();
    for p in &g.persons {
        let n = key(&p.name);
        add(&mut s, "person", n.clone(), p.name.clone());
        for t in &p.titles {
            let k = pair(&n, &key(t));
            add(&mut s, "person_title", k, pair(&p.name, t));
        }
    }
    for d in &g.directives {
        let ident = match (&d.number, &d.name) {
            (Some(n), _) if !n.trim().is_empty() => {
                add(&mut s, "directive_number", number_key(n), n.clone());
                number_key(n)
            }
            (_, Some(name)) => key(name),
            _ => String::new(),
        };
        let shown = pair(
            &d.doc_type,
            d.number.as_deref().or(d.name.as_deref()).unwrap_or(""),
        );
        add(&mut s, "directive", pair(&key(&d.doc_type), &ident), shown);
    }
    for d in &g.dates {
        let k = date_key(d.from.as_deref(), d.to.as_deref());
        let shown = match &d.text {
            Some(t) => format!("{k} «{t}»"),
            None => k.clone(),
        };
        add(&mut s, "date", k, shown);
    }
    for d in &g.deadlines {
        let due = due_key(d.due.as_deref());
        let shown = match &d.task_contains {
            Some(t) => format!("{due} «{t}»"),
            None => due.clone(),
        };
        add(&mut s, "deadline", due.clone(), shown.clone());
        if let Some(t) = d.task_contains.as_deref().filter(|t| !t.trim().is_empty()) {
            add(&mut s, "deadline_task", pair(&due, &key(t)), shown);
        }
    }
    for e in &g.events {
        for a in &e.attendees {
            add(&mut s, "attendee", key(a), a.clone());
        }
    }
    for o in &g.organizations {
        add(&mut s, "organization", key(o), o.clone());
    }
    for l in &g.locations {
        add(&mut s, "location", key(l), l.clone());
    }
    s
}

/// The keys a processed document reports, per field. With `want` (the
/// gold's keys), an unnumbered directive whose canonical name is not in the
/// gold but whose mention text is ("Nghị quyết Đại hội đại biểu Đảng bộ
/// tỉnh lần thứ XVIII" for "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII")
/// is keyed by its text: the gold writes names as written.
pub fn document_sets(doc: &Document, want: Option<&FieldSets>) -> FieldSets {
    let in_gold = |field: &str, k: &str| {
        want.and_then(|w| w.get(field))
            .is_some_and(|m| m.contains_key(k))
    };
    let mut s = FieldSets::new();
    for e in &doc.entities {
        let at = format!("«{}» @{} {}", e.text, e.start, e.rule);
        match &e.kind {
            Kind::Person {
                name,
                titles,
                refers_to,
            } => {
                let full = refers_to.as_deref().unwrap_or(name);
                let n = key(full);
                add(&mut s, "person", n.clone(), format!("{full} {at}"));
                for t in titles {
                    add(
                        &mut s,
                        "person_title",
                        pair(&n, &key(t)),
                        format!("{} {at}", pair(full, t)),
                    );
                }
            }
            Kind::Directive {
                doc_type,
                number,
                name,
                refers_to,
                ..
            } => {
                if refers_to.is_some() {
                    continue;
                }
                let ident = match (number, name) {
                    (Some(n), _) if !n.trim().is_empty() => {
                        add(
                            &mut s,
                            "directive_number",
                            number_key(n),
                            format!("{n} {at}"),
                        );
                        number_key(n)
                    }
                    (_, Some(name)) => {
                        let primary = pair(&key(doc_type), &key(name));
                        let alt = pair(&key(doc_type), &key(&e.text));
                        if !in_gold("directive", &primary) && in_gold("directive", &alt) {
                            key(&e.text)
                        } else {
                            key(name)
                        }
                    }
                    _ => String::new(),
                };
                let shown = pair(
                    doc_type,
                    number.as_deref().or(name.as_deref()).unwrap_or(""),
                );
                add(
                    &mut s,
                    "directive",
                    pair(&key(doc_type), &ident),
                    format!("{shown} {at}"),
                );
            }
            Kind::Date { from, to, .. } => {
                let k = date_key(from.as_deref(), to.as_deref());
                add(&mut s, "date", k.clone(), format!("{k} {at}"));
            }
            Kind::Deadline { due, task, .. } => {
                let due = due_key(due.as_deref());
                add(&mut s, "deadline", due.clone(), format!("{due} {at}"));
                // the task matches a gold task of the same due date that it
                // holds on word boundaries (or that holds it, when the
                // extracted task has at least two words)
                let t = key(task);
                let prefix = format!("{due} | ");
                let gold_key = want
                    .and_then(|w| w.get("deadline_task"))
                    .and_then(|m| {
                        m.keys().find(|k| {
                            k.strip_prefix(&prefix).is_some_and(|g| {
                                contains_words(&t, g)
                                    || (t.split(' ').nth(1).is_some() && contains_words(g, &t))
                            })
                        })
                    })
                    .cloned();
                add(
                    &mut s,
                    "deadline_task",
                    gold_key.unwrap_or_else(|| pair(&due, &t)),
                    format!("{due} «{task}» {at}"),
                );
            }
            Kind::Organization { name, .. } => {
                add(&mut s, "organization", key(name), format!("{name} {at}"));
            }
            Kind::Location { name, .. } => {
                add(&mut s, "location", key(name), format!("{name} {at}"));
            }
            Kind::Title { .. } => {}
        }
    }
    for ev in &doc.events {
        for a in &ev.attendees {
            add(
                &mut s,
                "attendee",
                key(&a.name),
                format!("{} (in {} @{})", a.name, ev.kind, ev.start),
            );
        }
    }
    s
}

/// Counts and scores for one field.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    /// Scores from counts. With nothing predicted precision is 1; with
    /// nothing to find recall is 1; both empty is a perfect 1.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Score {
        let ratio = |num: usize, den: usize| {
            if den == 0 {
                1.0
            } else {
                num as f64 / den as f64
            }
        };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// One field of one document that did not match its gold.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mismatch {
    pub doc: String,
    pub field: String,
    /// In the gold, not extracted.
    pub missing: Vec<String>,
    /// Extracted, not in the gold.
    pub spurious: Vec<String>,
}

impl fmt::Display for Mismatch {
    /// `doc field:` then one `- missing` / `+ spurious` line per key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}:", self.doc, self.field)?;
        for m in &self.missing {
            write!(f, "\n  - {m}")?;
        }
        for s in &self.spurious {
            write!(f, "\n  + {s}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldScore {
    pub field: String,
    #[serde(flatten)]
    pub score: Score,
}

/// The corpus-level result.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    /// Micro-averaged scores per field, in [`FIELDS`] order.
    pub fields: Vec<FieldScore>,
    pub documents_scored: usize,
    /// Documents read that have no gold file (not scored).
    pub documents_without_gold: Vec<String>,
    /// Gold files whose document was not among the inputs.
    pub gold_without_document: Vec<String>,
    /// Inputs the pipeline skipped (not scored).
    pub skipped_inputs: Vec<String>,
}

impl Report {
    /// The score of `field` (one of [`FIELDS`]).
    pub fn field(&self, field: &str) -> Option<&Score> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| &f.score)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self
            .fields
            .iter()
            .map(|x| x.field.len())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(
            f,
            "{:<w$}  {:>6}  {:>6}  {:>6}  {:>5}  {:>5}  {:>5}",
            "field", "P", "R", "F1", "tp", "fp", "fn"
        )?;
        for x in &self.fields {
            let s = &x.score;
            writeln!(
                f,
                "{:<w$}  {:>6.3}  {:>6.3}  {:>6.3}  {:>5}  {:>5}  {:>5}",
                x.field, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn_
            )?;
        }
        write!(f, "{} document(s) scored", self.documents_scored)?;
        if !self.documents_without_gold.is_empty() {
            write!(
                f,
                "\n{} document(s) without gold (not scored): {}",
                self.documents_without_gold.len(),
                self.documents_without_gold.join(", ")
            )?;
        }
        if !self.gold_without_document.is_empty() {
            write!(
                f,
                "\n{} gold file(s) without a document: {}",
                self.gold_without_document.len(),
                self.gold_without_document.join(", ")
            )?;
        }
        if !self.skipped_inputs.is_empty() {
            write!(
                f,
                "\n{} input(s) skipped: {}",
                self.skipped_inputs.len(),
                self.skipped_inputs.join("; ")
            )?;
        }
        Ok(())
    }
}

/// A [`Sink`] scoring each document against its gold file.
#[derive(Debug, Default)]
pub struct Evaluator {
    gold: BTreeMap<String, Gold>,
    seen: BTreeSet<String>,
    counts: BTreeMap<&'static str, (usize, usize, usize)>,
    mismatches: Vec<Mismatch>,
    without_gold: Vec<String>,
    skipped: Vec<String>,
}

impl Evaluator {
    pub fn new(gold: BTreeMap<String, Gold>) -> Self {
        Evaluator {
            gold,
            ..Evaluator::default()
        }
    }

    /// Score one document (no-op, but noted, when it has no gold).
    pub fn score(&mut self, doc: &Document) {
        let Some(gold) = self.gold.get(&doc.id) else {
            self.without_gold.push(doc.id.clone());
            return;
        };
        self.seen.insert(doc.id.clone());
        let want = gold_sets(gold);
        let got = document_sets(doc, Some(&want));
        let empty = BTreeMap::new();
        for &field in FIELDS {
            let w = want.get(field).unwrap_or(&empty);
            let g = got.get(field).unwrap_or(&empty);
            let tp = w.keys().filter(|k| g.contains_key(*k)).count();
            let missing: Vec<String> = w
                .iter()
                .filter(|(k, _)| !g.contains_key(*k))
                .map(|(_, v)| v.clone())
                .collect();
            let spurious: Vec<String> = g
                .iter()
                .filter(|(k, _)| !w.contains_key(*k))
                .map(|(_, v)| v.clone())
                .collect();
            let c = self.counts.entry(field).or_default();
            c.0 += tp;
            c.1 += spurious.len();
            c.2 += missing.len();
            if !missing.is_empty() || !spurious.is_empty() {
                self.mismatches.push(Mismatch {
                    doc: doc.id.clone(),
                    field: field.to_string(),
                    missing,
                    spurious,
                });
            }
        }
    }

    /// The corpus-level scores so far.
    pub fn report(&self) -> Report {
        let fields = FIELDS
            .iter()
            .map(|&field| {
                let (tp, fp, fn_) = self.counts.get(field).copied().unwrap_or_default();
                FieldScore {
                    field: field.to_string(),
                    score: Score::from_counts(tp, fp, fn_),
                }
            })
            .collect();
        Report {
            fields,
            documents_scored: self.seen.len(),
            documents_without_gold: self.without_gold.clone(),
            gold_without_document: self
                .gold
                .keys()
                .filter(|id| !self.seen.contains(*id))
                .cloned()
                .collect(),
            skipped_inputs: self.skipped.clone(),
        }
    }

    /// Per document and field: what was missing and what was spurious.
    pub fn mismatches(&self) -> Vec<Mismatch> {
        self.mismatches.clone()
    }
}

impl Sink for Evaluator {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        self.score(doc);
        Ok(())
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        self.skipped.push(err.to_string());
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Run the pipeline over `paths` (default `corpus/`) and score it against
/// the gold files in `gold_dir`.
pub fn run_eval(
    paths: &[PathBuf],
    gold_dir: &Path,
    opts: &pipeline::Options,
) -> anyhow::Result<(Report, Vec<Mismatch>)> {
    let gold = load_gold(gold_dir)?;
    let default = [PathBuf::from("corpus")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut ev = Evaluator::new(gold);
    pipeline::run(paths, opts, &mut ev)?;
    Ok((ev.report(), ev.mismatches()))
}
