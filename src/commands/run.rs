//! The commands that read reports through the pipeline: normalize,
//! extract, eval, index. Each wraps its sink in [`Reporting`] and runs
//! [`pipeline::run_with_progress`] once.

use super::{Status, inputs};
use crate::index::writer::{IndexSink, WriterOptions};
use crate::pipeline::{self, ErrorLog, Options, Sink, Stages, Summary};
use crate::read::ReadOptions;
use crate::sink::{JsonSink, Reporting, TableSink, TextSink};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NormFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExtractFormat {
    Json,
    Jsonl,
    Table,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

/// `vntext extract`'s output choices.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    pub format: ExtractFormat,
    /// Indented JSON.
    pub pretty: bool,
    /// The sentence each entity and event was found in.
    pub context: bool,
    /// Where skipped inputs are logged as JSON lines.
    pub errors: Option<PathBuf>,
}

/// `vntext index`'s choices.
pub struct IndexOptions {
    /// The index folder.
    pub dir: PathBuf,
    pub writer: WriterOptions,
    /// Where skipped inputs are logged as JSON lines.
    pub errors: Option<PathBuf>,
}

/// Print normalized reports: the text alone for one text report (so that
/// normalizing it again changes nothing), with `# id` headers for several.
pub fn normalize(
    paths: Vec<PathBuf>,
    read: ReadOptions,
    format: NormFormat,
    quiet: bool,
    out: impl Write,
) -> anyhow::Result<Status> {
    let opts = Options {
        read,
        stages: Stages::Normalize,
    };
    let paths = inputs(paths)?;
    let mut sink: Box<dyn Sink> = match format {
        NormFormat::Text => {
            let single = paths.len() == 1
                && (paths[0].as_os_str() == "-"
                    || (paths[0].is_file()
                        && crate::read::format_of(&paths[0])
                            .is_none_or(|f| f == crate::read::Format::Text)));
            Box::new(TextSink::new(out, !single))
        }
        NormFormat::Json => Box::new(JsonSink::new(out, false)),
    };
    let summary = run_reported(&paths, &opts, sink.as_mut(), None, None)?;
    Ok(finished(&summary, quiet))
}

/// Extract entities and events, as JSON lines or a table.
pub fn extract(
    paths: Vec<PathBuf>,
    read: ReadOptions,
    o: &ExtractOptions,
    quiet: bool,
    out: impl Write,
) -> anyhow::Result<Status> {
    let opts = Options {
        read,
        stages: Stages::Extract,
    };
    let paths = inputs(paths)?;
    let errors = o.errors.as_deref().map(ErrorLog::create).transpose()?;
    let bar = progress_bar(quiet, BAR);
    let mut sink: Box<dyn Sink> = match o.format {
        ExtractFormat::Json | ExtractFormat::Jsonl => {
            Box::new(JsonSink::new(out, o.pretty).with_context(o.context))
        }
        ExtractFormat::Table => Box::new(TableSink::new(out).with_context(o.context)),
    };
    let summary = run_reported(&paths, &opts, sink.as_mut(), errors, bar.as_ref())?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(finished(&summary, quiet))
}

/// Score extraction against the gold files in `gold`: a table or JSON,
/// with `mismatches` what was missed and spurious per report and field.
pub fn eval(
    paths: Vec<PathBuf>,
    gold: &Path,
    read: ReadOptions,
    format: EvalFormat,
    mismatches: bool,
    mut out: impl Write,
) -> anyhow::Result<Status> {
    let opts = Options {
        read,
        stages: Stages::Extract,
    };
    let paths = inputs(paths)?;
    let (report, misses) = crate::eval::run_eval(&paths, gold, &opts)?;
    match format {
        EvalFormat::Table => {
            writeln!(out, "{report}")?;
            if mismatches {
                for m in &misses {
                    writeln!(out, "{m}")?;
                }
            }
        }
        EvalFormat::Json => {
            let value = if mismatches {
                serde_json::json!({"report": report, "mismatches": misses})
            } else {
                serde_json::to_value(&report)?
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
    }
    out.flush()?;
    Ok(Status::Success)
}

/// Build or update the index in `o.dir`. Ctrl-C stops reading and commits
/// what is done ([`Status::Interrupted`]); a second one quits at once.
pub fn index(
    paths: Vec<PathBuf>,
    read: ReadOptions,
    o: IndexOptions,
    quiet: bool,
) -> anyhow::Result<Status> {
    let opts = Options {
        read,
        stages: Stages::Extract,
    };
    let errors = o.errors.as_deref().map(ErrorLog::create).transpose()?;
    let paths = inputs(paths)?;
    let dir = &o.dir;
    let mut sink = IndexSink::open(dir, o.writer)?;
    let _ = ctrlc::set_handler(|| {
        if pipeline::interrupted() {
            std::process::exit(130);
        }
        pipeline::interrupt();
    });
    let bar = progress_bar(quiet, INDEX_BAR);
    if let Some(bar) = &bar {
        // The pipeline moves the bar; the index says what became of the
        // reports so far.
        let b = bar.clone();
        sink = sink.with_progress(Box::new(move |st| {
            b.set_prefix(format!(
                "{} new, {} replaced, {} unchanged",
                st.indexed, st.replaced, st.unchanged
            ));
        }));
    }
    run_reported(&paths, &opts, &mut sink, errors, bar.as_ref())?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let stats = sink.close()?;
    if !quiet {
        for line in stats.report().lines() {
            eprintln!("vntext: {line}");
        }
        eprintln!("vntext: index in {}", dir.display());
    }
    if stats.pipeline.interrupted {
        eprintln!(
            "vntext: interrupted: committed the {} report(s) read so far ({} in the index); \
             run the same command again to index the rest",
            stats.seen(),
            stats.total
        );
        return Ok(Status::Interrupted);
    }
    Ok(if stats.skipped.values().sum::<usize>() > 0 {
        Status::Skipped
    } else {
        Status::Success
    })
}

/// The run's summary line on stderr (unless `quiet`) and its status.
fn finished(summary: &Summary, quiet: bool) -> Status {
    if !quiet {
        eprintln!("vntext: {}", summary.line());
    }
    if summary.skipped_total() > 0 {
        Status::Skipped
    } else {
        Status::Success
    }
}

/// Run the pipeline into `sink`, every skipped input reported
/// ([`Reporting`]) and the progress shown on `bar`.
fn run_reported(
    paths: &[PathBuf],
    opts: &Options,
    sink: impl Sink,
    errors: Option<ErrorLog>,
    bar: Option<&indicatif::ProgressBar>,
) -> anyhow::Result<Summary> {
    let sink = Reporting::new(sink, errors, bar.cloned());
    pipeline::run_with_progress(paths, opts, sink, &mut |p| {
        if let Some(bar) = bar {
            show_progress(bar, p);
        }
    })
}

/// The progress bar of `extract`.
const BAR: &str = "{spinner} [{elapsed}] {wide_bar} {bytes}/{total_bytes}, file {msg}, ETA {eta}";
/// The progress bar of `index`: also what became of the reports so far.
const INDEX_BAR: &str =
    "{spinner} [{elapsed}] {wide_bar} {bytes}/{total_bytes}, file {msg}; {prefix}, ETA {eta}";

/// A progress bar on stderr, only when stderr is a terminal and the run is
/// not `--quiet`: input bytes done out of the total, reports, ETA.
fn progress_bar(quiet: bool, template: &str) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn show_progress(bar: &indicatif::ProgressBar, p: &pipeline::Progress) {
    bar.set_message(format!(
        "{}/{}, {} report(s)",
        p.files_done, p.files_total, p.documents
    ));
    bar.set_length(p.bytes_total.max(p.bytes_done));
    bar.set_position(p.bytes_done);
}
