//! The one pipeline every command uses: read → normalize → segment →
//! extract, pushing each processed [`Document`] into a [`Sink`].
//!
//! Like ripgrep's `Sink`, the sink decides what a result becomes (JSON lines,
//! a tantivy document, a score against gold annotations); the pipeline owns
//! reading, parallelism and ordering, so no command grows its own copy of
//! them. Documents are processed in parallel (rayon, in batches) but reach the
//! sink in input order, so output is identical whatever the thread count.

use crate::model::{Document, Span};
use crate::read::{self, RawDoc, ReadError, ReadOptions};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Ask every running pipeline to stop reading (e.g. from a Ctrl-C handler):
/// documents already read are processed and reach the sink, the sink's
/// `finish` is called, and the summary says `interrupted`.
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called (and not [`clear_interrupt`]ed since).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Forget an earlier [`interrupt`].
pub fn clear_interrupt() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// The run's error report (`--errors FILE`): one JSON object per skipped
/// input and line, `{"location": "path[:line]", "reason": "…", "message":
/// "…"}`, written and flushed as each is met, so it is complete up to the
/// point a run stopped, even a killed one.
pub struct ErrorLog {
    out: std::io::BufWriter<std::fs::File>,
    /// Errors written.
    pub count: usize,
}

impl ErrorLog {
    /// Create (truncate) the file.
    pub fn create(path: &Path) -> anyhow::Result<ErrorLog> {
        let file = std::fs::File::create(path)
            .map_err(|e| anyhow::anyhow!("cannot create the error file {}: {e}", path.display()))?;
        Ok(ErrorLog {
            out: std::io::BufWriter::new(file),
            count: 0,
        })
    }

    /// Append one skipped input.
    pub fn write(&mut self, err: &ReadError) -> anyhow::Result<()> {
        let line = serde_json::json!({
            "location": err.location,
            "reason": err.reason.as_str(),
            "message": err.message,
        });
        serde_json::to_writer(&mut self.out, &line)?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        self.count += 1;
        Ok(())
    }
}

/// Receives the pipeline's results, in input order.
pub trait Sink {
    /// One processed document.
    fn document(&mut self, doc: &Document) -> anyhow::Result<()>;
    /// A file or line that was skipped; the run goes on.
    fn skipped(&mut self, _err: &ReadError) -> anyhow::Result<()> {
        Ok(())
    }
    /// Called once at the end with the run's summary.
    fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A sink borrowed is a sink (as ripgrep's `Sink` for `&mut S`): wrappers
/// such as [`crate::sink::Reporting`] take their inner sink by value, and a
/// caller that needs its sink back after the run (to close an index, read
/// what was collected) passes `&mut sink`; a sink picked at run time is a
/// `Box<dyn Sink>` passed as `box.as_mut()`. No wrapper is written for
/// `&mut dyn Sink` by hand.
impl<S: Sink + ?Sized> Sink for &mut S {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        (**self).document(doc)
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        (**self).skipped(err)
    }
    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        (**self).finish(summary)
    }
}

/// How far to take each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stages {
    /// Normalize and segment only.
    Normalize,
    /// Normalize, segment and extract entities and events.
    #[default]
    Extract,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub read: ReadOptions,
    pub stages: Stages,
}

/// What a run did. Counts only; errors go to [`Sink::skipped`] as they happen.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    /// Files in folders passed over because of their name (not an error).
    pub ignored_files: usize,
    /// The same, by kind (`.pdf`, `.doc`, `hidden`, `no extension`).
    pub passed_over: BTreeMap<String, usize>,
    pub documents: usize,
    /// Bytes of normalized text processed.
    pub bytes: u64,
    pub skipped: BTreeMap<&'static str, usize>,
    pub warnings: usize,
    pub entities: BTreeMap<&'static str, usize>,
    pub events: usize,
    pub elapsed: Duration,
    /// The run stopped early because [`interrupt`] was called.
    pub interrupted: bool,
}

impl Summary {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// The files folder walks passed over, by kind, with what to do about
    /// the kinds that have a hint (`.doc`: save as .docx); `None` when none.
    pub fn passed_over_note(&self) -> Option<String> {
        if self.ignored_files == 0 {
            return None;
        }
        let mut s = format!(
            "passed over {} file(s) not read as reports: {}",
            self.ignored_files,
            join_counts(&self.passed_over)
        );
        for kind in self.passed_over.keys() {
            if let Some(hint) = read::passed_over_hint(kind) {
                s += &format!(" ({kind}: {hint})");
            }
        }
        Some(s)
    }

    /// One human line, e.g. for stderr at the end of a run.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mut s = format!(
            "{} document(s) from {} file(s), {:.1} MB in {:.2}s ({:.1} MB/s)",
            self.documents,
            self.files,
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs
        );
        if self.warnings > 0 {
            s += &format!(", {} warning(s)", self.warnings);
        }
        if !self.entities.is_empty() {
            s += &format!(
                "; entities: {}; events {}",
                join_counts(&self.entities),
                self.events
            );
        }
        if let Some(note) = self.passed_over_note() {
            s += "; ";
            s += &note;
        }
        let skipped = self.skipped_total();
        if skipped > 0 {
            s += &format!("; SKIPPED {skipped}: {}", join_counts(&self.skipped));
        }
        if self.interrupted {
            s += "; INTERRUPTED: the rest was not read";
        }
        s
    }
}

/// `name count, name count, …` of a count table, in key order.
pub fn join_counts<K: std::fmt::Display>(counts: &BTreeMap<K, usize>) -> String {
    counts
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Normalize, segment and (with [`Stages::Extract`]) extract one document.
pub fn process(raw: RawDoc, stages: Stages) -> Document {
    let text = crate::normalize::normalize(&raw.text);
    let ranges = crate::segment::sentences(&text);
    let segments = crate::segment::segments(&text, &ranges)
        .into_iter()
        .map(|(kind, r)| crate::model::Segment {
            kind,
            start: r.start,
            end: r.end,
        })
        .collect();
    let sentences = ranges.into_iter().map(Span::from).collect();
    let mut doc = Document {
        id: raw.id,
        title: raw.title.map(|t| crate::normalize::normalize(&t)),
        date: raw.date,
        source: raw.source,
        text,
        metadata: raw.metadata,
        sentences,
        segments,
        entities: Vec::new(),
        events: Vec::new(),
        warnings: raw.warnings,
    };
    if stages == Stages::Extract {
        crate::extract::extract(&mut doc);
    }
    doc
}

/// Normalize, segment and extract a bare text as one report (`id` "text"),
/// with `date` (ISO) as the report's own date. For tests, the web API and
/// library users who hold text rather than files.
pub fn process_text(text: &str, date: Option<&str>) -> Document {
    process(
        RawDoc {
            id: "text".into(),
            source: "text".into(),
            date: date.map(str::to_string),
            text: text.to_string(),
            ..RawDoc::default()
        },
        Stages::Extract,
    )
}

/// Documents handed to rayon at once: enough to keep every thread busy,
/// few enough that memory stays bounded whatever the archive's size.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 32 << 20;

/// How far a run is, for a progress display: input bytes (as stored: a
/// `.gz` file counts its compressed size) read and processed out of the
/// total, known from the files' sizes before the run starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    /// Input bytes read (at most one batch of documents ahead of the sink).
    pub bytes_done: u64,
    /// The sizes of every input file (0 for standard input).
    pub bytes_total: u64,
    /// Documents handed to the sink so far.
    pub documents: usize,
}

/// Run the pipeline over `paths` (files, folders, `-`), feeding `sink`.
/// Uses the current rayon pool; errors in the input never stop the run, an
/// error from the sink does.
/// Pass `&mut sink` to keep the sink.
pub fn run(paths: &[PathBuf], opts: &Options, sink: impl Sink) -> anyhow::Result<Summary> {
    run_with_progress(paths, opts, sink, &mut |_| {})
}

/// [`run`], calling `progress` after each batch of documents reaches the
/// sink and after each input file (never from a worker thread).
pub fn run_with_progress(
    paths: &[PathBuf],
    opts: &Options,
    mut sink: impl Sink,
    progress: &mut dyn FnMut(&Progress),
) -> anyhow::Result<Summary> {
    // One copy of the driver whatever the sink's type.
    drive(paths, opts, &mut sink, progress)
}

fn drive(
    paths: &[PathBuf],
    opts: &Options,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Progress),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let listing = read::list_inputs(paths);
    let mut state = Progress {
        files_total: listing.inputs.len(),
        bytes_total: listing
            .inputs
            .iter()
            .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
            .sum(),
        ..Progress::default()
    };
    progress(&state);
    // Bytes read from the file being read, and bytes of files done.
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut files_bytes = 0u64;
    // Bytes read when the documents now in `batch` had been read.
    let mut batch_read = 0u64;
    summary.ignored_files = listing.ignored.values().sum();
    summary.passed_over = listing.ignored.clone();
    for err in &listing.errors {
        note_skip(&mut summary, sink, err)?;
    }
    let mut batch: Vec<RawDoc> = Vec::new();
    let mut batch_bytes = 0;
    'inputs: for input in &listing.inputs {
        if interrupted() {
            break;
        }
        summary.files += 1;
        counter.store(0, Ordering::Relaxed);
        for item in read::read_input_counted(input, opts.read, counter.clone()) {
            if interrupted() {
                break 'inputs;
            }
            batch_read = files_bytes + counter.load(Ordering::Relaxed);
            match item {
                Ok(raw) => {
                    batch_bytes += raw.text.len();
                    batch.push(raw);
                    if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                        flush(&mut batch, opts, sink, &mut summary)?;
                        batch_bytes = 0;
                        state.bytes_done = batch_read;
                        state.documents = summary.documents;
                        progress(&state);
                    }
                }
                Err(err) => {
                    // Keep order: documents read before the error go first.
                    flush(&mut batch, opts, sink, &mut summary)?;
                    batch_bytes = 0;
                    note_skip(&mut summary, sink, &err)?;
                }
            }
        }
        files_bytes += std::fs::metadata(&input.path).map_or(0, |m| m.len());
        state.files_done += 1;
        state.bytes_done = files_bytes;
        state.documents = summary.documents;
        progress(&state);
    }
    flush(&mut batch, opts, sink, &mut summary)?;
    state.bytes_done = files_bytes.max(batch_read);
    state.documents = summary.documents;
    progress(&state);
    summary.interrupted = interrupted();
    summary.elapsed = started.elapsed();
    sink.finish(&summary)?;
    Ok(summary)
}

fn note_skip(summary: &mut Summary, sink: &mut dyn Sink, err: &ReadError) -> anyhow::Result<()> {
    *summary.skipped.entry(err.reason.as_str()).or_default() += 1;
    sink.skipped(err)
}

fn flush(
    batch: &mut Vec<RawDoc>,
    opts: &Options,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let docs: Vec<Document> = std::mem::take(batch)
        .into_par_iter()
        .map(|raw| process(raw, opts.stages))
        .collect();
    for doc in &docs {
        summary.documents += 1;
        summary.bytes += doc.text.len() as u64;
        summary.warnings += doc.warnings.len();
        for e in &doc.entities {
            *summary.entities.entry(e.kind.type_name()).or_default() += 1;
        }
        summary.events += doc.events.len();
        sink.document(doc)?;
    }
    Ok(())
}

/// A sink that keeps every document in memory (tests, small runs).
#[derive(Debug, Default)]
pub struct Collect {
    pub documents: Vec<Document>,
    pub skipped: Vec<ReadError>,
}

impl Sink for Collect {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        self.documents.push(doc.clone());
        Ok(())
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        self.skipped.push(err.clone());
        Ok(())
    }
}
