//! [`IndexSink`]: the pipeline sink that writes the tantivy index.
//!
//! Incremental: each document's [`super::content_hash`] is stored (fast
//! field `hash`); a document whose id is in the index with the same hash is
//! left alone, one with another hash replaces the old version (delete by id,
//! then add). Commits every [`WriterOptions::commit_every`] documents and at
//! the end, so an interrupted run keeps what it committed and the next run
//! completes it.

use super::schema::{self, Fields};
use crate::model::Document;
use crate::pipeline::{Sink, Summary};
use crate::read::ReadError;
use anyhow::{Context, bail};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, Lock, MmapDirectory};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexWriter, TERMINATED, TantivyDocument, Term};

/// Smallest memory budget tantivy accepts per writer thread.
const MIN_BUDGET_PER_THREAD: usize = 15_000_000;

#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Delete the index and start over.
    pub rebuild: bool,
    /// Total memory budget of tantivy's writer threads, bytes.
    pub memory_budget: usize,
    /// tantivy writer threads (0: one per core, at most 8).
    pub threads: usize,
    /// Commit after this many added or replaced documents.
    pub commit_every: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            rebuild: false,
            memory_budget: 512 << 20,
            threads: 0,
            commit_every: 5000,
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Clone, Default)]
pub struct IndexStats {
    /// New documents added.
    pub indexed: usize,
    /// Documents already in the index with the same content.
    pub unchanged: usize,
    /// Documents whose old version was replaced.
    pub replaced: usize,
    /// Inputs skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    pub commits: usize,
    /// Documents in the index after the run.
    pub total: u64,
    /// The pipeline's summary (entities by type, bytes, time).
    pub pipeline: Summary,
    pub elapsed: Duration,
}

impl IndexStats {
    pub fn seen(&self) -> usize {
        self.indexed + self.unchanged + self.replaced
    }

    /// A few human lines for the end of a run.
    pub fn report(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mb = self.pipeline.bytes as f64 / 1e6;
        let mut s = format!(
            "indexed {} new, {} replaced, {} unchanged ({} document(s) read, {} in the index)\n",
            self.indexed,
            self.replaced,
            self.unchanged,
            self.seen(),
            self.total
        );
        let skipped: usize = self.skipped.values().sum();
        if skipped > 0 {
            s += &format!(
                "skipped {skipped}: {}\n",
                crate::pipeline::join_counts(&self.skipped)
            );
        } else {
            s += "skipped 0\n";
        }
        if let Some(note) = self.pipeline.passed_over_note() {
            s += &note;
            s += "\n";
        }
        if !self.pipeline.entities.is_empty() {
            s += &format!(
                "entities: {}; events {}\n",
                crate::pipeline::join_counts(&self.pipeline.entities),
                self.pipeline.events
            );
        }
        s += &format!(
            "{:.1} MB in {:.2}s ({:.1} MB/s), {} commit(s)",
            mb,
            secs,
            mb / secs,
            self.commits
        );
        s
    }
}

/// Progress callback: called after each document with the stats so far.
pub type Progress = Box<dyn FnMut(&IndexStats)>;

/// Writes every document it receives into the index (see the module docs).
pub struct IndexSink {
    /// Held for the whole run: one `vntext index` per index folder.
    _run_lock: DirectoryLock,
    dir: PathBuf,
    index: Index,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// id → content hash of what the index holds (committed or pending).
    known: HashMap<String, u64>,
    opts: WriterOptions,
    pending: usize,
    stats: IndexStats,
    started: Instant,
    progress: Option<Progress>,
    /// Syllable statistics of what this run adds (see [`super::syllables`]).
    syllables: super::syllables::Counter,
}

/// Whether `dir` is absent or holds nothing but hidden files (and our meta
/// file, which is written before tantivy's).
fn is_empty_dir(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().all(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') || name.starts_with(super::META_FILE)
        }),
        Err(_) => true,
    }
}

/// Remove the index files in `dir` (tantivy's and ours), keeping the folder
/// and hidden files (`.gitkeep`).
fn clear_index_dir(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name != ".tantivy-meta.lock" && name != ".tantivy-writer.lock" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        }
        .with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(())
}

impl IndexSink {
    /// Open (or create) the index in `dir` for writing.
    pub fn open(dir: &Path, opts: WriterOptions) -> anyhow::Result<IndexSink> {
        let started = Instant::now();
        std::fs::create_dir_all(dir).map_err(|e| not_writable(dir, &e))?;
        // Taken before anything in the folder is touched (even by --rebuild),
        // released by the OS when the process ends however it ends.
        let run_lock = lock_run(dir)?;
        if opts.rebuild {
            if super::exists(dir) || dir.join(super::META_FILE).exists() {
                clear_index_dir(dir)?;
            } else if !is_empty_dir(dir) {
                bail!(
                    "{} is not empty and holds no vntext index: refusing to clear it",
                    dir.display()
                );
            }
        }
        let index = if super::exists(dir) {
            super::check_meta(dir)?;
            Index::open(super::directory::IndexDir::writable(dir)?)
                .with_context(|| format!("opening index {}", dir.display()))?
        } else {
            if !is_empty_dir(dir) {
                bail!(
                    "{} is not empty and holds no index: choose another folder with --index",
                    dir.display()
                );
            }
            // Our meta file first: a run killed between the two writes leaves
            // a folder holding only it, which the next run takes as empty.
            super::write_meta(dir)?;
            let (schema, _) = schema::build();
            Index::create(
                super::directory::IndexDir::writable(dir)?,
                schema,
                tantivy::IndexSettings::default(),
            )
            .with_context(|| format!("creating index in {}", dir.display()))?
        };
        super::analyzer::register(&index);
        let fields = Fields::of(&index.schema()).context("index schema")?;
        let threads = if opts.threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(8)
        } else {
            opts.threads
        };
        let threads = threads
            .min((opts.memory_budget / MIN_BUDGET_PER_THREAD).max(1))
            .max(1);
        let budget = opts.memory_budget.max(threads * MIN_BUDGET_PER_THREAD);
        let writer = match index.writer_with_num_threads(threads, budget) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(locked(dir));
            }
            Err(e) => return Err(anyhow::Error::new(e).context("opening the index writer")),
        };
        let known = load_hashes(&index, &fields)?;
        let syllables = super::syllables::Counter::load_or_new(dir);
        Ok(IndexSink {
            _run_lock: run_lock,
            dir: dir.to_path_buf(),
            index,
            writer,
            fields,
            known,
            opts,
            pending: 0,
            stats: IndexStats::default(),
            started,
            progress: None,
            syllables,
        })
    }

    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn stats(&self) -> &IndexStats {
        &self.stats
    }

    /// Documents known to the index (committed or pending).
    pub fn known(&self) -> usize {
        self.known.len()
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        self.writer.commit().context("committing the index")?;
        self.stats.commits += 1;
        self.pending = 0;
        Ok(())
    }

    /// Commit, wait for merges and return the run's stats.
    pub fn close(mut self) -> anyhow::Result<IndexStats> {
        self.commit()?;
        self.syllables.save(&self.dir)?;
        self.writer
            .wait_merging_threads()
            .context("merging index segments")?;
        let reader = self.index.reader()?;
        self.stats.total = reader.searcher().num_docs();
        self.stats.elapsed = self.started.elapsed();
        Ok(self.stats)
    }
}

/// Lock file of a `vntext index` run, inside the index folder (hidden, so
/// `--rebuild` keeps it).
pub const RUN_LOCK_FILE: &str = ".vntext-index.lock";

fn locked(dir: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "index {} is locked by another run (another `vntext index` is writing it): \
         wait for it to finish, or use another --index folder",
        dir.display()
    )
}

/// The error of a run that cannot write the index folder, naming it and
/// the reason.
fn not_writable(dir: &Path, e: &std::io::Error) -> anyhow::Error {
    let hint = if super::directory::is_not_writable(e) {
        " (a read-only folder or mount: `vntext search`, the listings and `vntext serve` \
         can still read an index there; index into a folder you can write with --index)"
    } else {
        ""
    };
    anyhow::anyhow!("cannot write the index in {}: {e}{hint}", dir.display())
}

/// Take the run lock of `dir` without waiting.
fn lock_run(dir: &Path) -> anyhow::Result<DirectoryLock> {
    let directory =
        MmapDirectory::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    match directory.acquire_lock(&Lock {
        filepath: PathBuf::from(RUN_LOCK_FILE),
        is_blocking: false,
    }) {
        Ok(lock) => Ok(lock),
        Err(LockError::LockBusy) => Err(locked(dir)),
        Err(LockError::IoError(e)) => Err(not_writable(dir, &e)),
    }
}

/// id → hash of every live document of the index.
fn load_hashes(index: &Index, f: &Fields) -> anyhow::Result<HashMap<String, u64>> {
    let mut known = HashMap::new();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f.id)?;
        let hashes = seg.fast_fields().u64("hash")?;
        let alive = seg.alive_bitset();
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            let id = String::from_utf8_lossy(stream.key()).into_owned();
            let mut postings =
                inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc))
                    && let Some(h) = hashes.first(doc)
                {
                    known.insert(id.clone(), h);
                }
                doc = postings.advance();
            }
        }
    }
    Ok(known)
}

impl Sink for IndexSink {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        let hash = super::content_hash(doc);
        match self.known.get(&doc.id) {
            Some(&h) if h == hash => self.stats.unchanged += 1,
            old => {
                if old.is_some() {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.id, &doc.id));
                    self.stats.replaced += 1;
                } else {
                    self.stats.indexed += 1;
                }
                self.writer
                    .add_document(super::to_tantivy(doc, hash, &self.fields))
                    .with_context(|| format!("indexing {}", doc.id))?;
                self.known.insert(doc.id.clone(), hash);
                if let Some(t) = &doc.title {
                    self.syllables.add(t, super::syllables::TITLE_WEIGHT);
                }
                self.syllables.add(&doc.text, 1);
                self.pending += 1;
                if self.pending >= self.opts.commit_every.max(1) {
                    self.commit()?;
                }
            }
        }
        if let Some(p) = &mut self.progress {
            p(&self.stats);
        }
        Ok(())
    }

    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        *self
            .stats
            .skipped
            .entry(err.reason.as_str().to_string())
            .or_default() += 1;
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        self.stats.pipeline = summary.clone();
        Ok(())
    }
}
