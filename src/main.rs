//! The `vntext` command line. Every command runs the one pipeline
//! ([`vntext::pipeline::run`]) into a sink of its own.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vntext::pipeline::{self, Options, Stages, Summary};
use vntext::read::{ReadError, ReadOptions, encoding::Encoding};
use vntext::sink::{JsonSink, TableSink, TextSink};

const EXAMPLES: &str = "\
Examples:
  vntext normalize corpus/a-nghe-an.txt         print the normalized text
  vntext normalize --format json report.txt     the document with its warnings, as JSON
  vntext extract ../shared/seed/article.txt     entities and events as JSON, one line per report
  vntext extract --format table corpus/         a readable listing per report
  vntext extract --encoding tcvn3 old/          decode every .txt as TCVN3 (ABC)
  vntext eval --gold tests/gold corpus/         precision/recall/F1 against gold annotations
  cat report.txt | vntext extract -             read a report from standard input

Inputs: files, folders (read recursively: .txt, .jsonl, .jsonl.gz) or - for
stdin; with none, corpus/ is read. Exit status: 0 when every input was read,
1 when some file or line was skipped (each named on stderr), 2 on a fatal error.";

#[derive(Parser)]
#[command(name = "vntext", version, about = "Rule-based extraction and search over archives of Vietnamese news and government reports", after_help = EXAMPLES)]
struct Cli {
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// Decode .txt inputs with this encoding instead of detecting it:
    /// utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni, viscii.
    #[arg(long, global = true, value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// No summary line on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

#[derive(Subcommand)]
enum Command {
    /// Print reports normalized (NFC, one tone-mark style, clean whitespace).
    #[command(after_help = "Examples:\n  vntext normalize report.txt\n  vntext normalize --format json corpus/")]
    Normalize {
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = NormFormat::Text)]
        format: NormFormat,
    },
    /// Extract people, titles, organizations, places, documents, dates,
    /// deadlines and events from reports.
    #[command(after_help = "Examples:\n  vntext extract ../shared/seed/article.txt\n  vntext extract --format table corpus/a-nghe-an.txt\n  vntext extract --pretty report.txt")]
    Extract {
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Indent JSON (one document per block instead of one per line).
        #[arg(long)]
        pretty: bool,
    },
    /// Score extraction against hand-written gold annotations.
    #[command(after_help = "Example:\n  vntext eval --gold tests/gold corpus/\n  vntext eval --gold tests/gold --mismatches")]
    Eval {
        /// Folder of gold files (see tests/gold/README.md).
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// Also list, per report and field, what was missed and what was spurious.
        #[arg(long)]
        mismatches: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NormFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Jsonl,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Table,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("vntext: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn inputs(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    }
}

/// Forwards to the command's sink and names every skipped input on stderr.
struct Reporting<S> {
    inner: S,
}

impl<S: pipeline::Sink> pipeline::Sink for Reporting<S> {
    fn document(&mut self, doc: &vntext::Document) -> anyhow::Result<()> {
        self.inner.document(doc)
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        eprintln!("vntext: skipped {err}");
        self.inner.skipped(err)
    }
    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        self.inner.finish(summary)
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let mut opts = Options {
        read: ReadOptions {
            encoding: cli.encoding,
        },
        stages: Stages::Extract,
    };
    let stdout = std::io::stdout().lock();
    let out = std::io::BufWriter::new(stdout);
    let summary = match cli.command {
        Command::Normalize { paths, format } => {
            opts.stages = Stages::Normalize;
            let paths = inputs(paths);
            match format {
                NormFormat::Text => run_into(&paths, &opts, TextSink::new(out))?,
                NormFormat::Json => run_into(&paths, &opts, JsonSink::new(out, false))?,
            }
        }
        Command::Extract {
            paths,
            format,
            pretty,
        } => {
            let paths = inputs(paths);
            match format {
                ExtractFormat::Json | ExtractFormat::Jsonl => {
                    run_into(&paths, &opts, JsonSink::new(out, pretty))?
                }
                ExtractFormat::Table => run_into(&paths, &opts, TableSink::new(out))?,
            }
        }
        Command::Eval {
            gold,
            paths,
            format,
            mismatches,
        } => {
            let paths = inputs(paths);
            let (report, misses) = vntext::eval::run_eval(&paths, &gold, &opts)?;
            let mut out = out;
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
            return Ok(ExitCode::SUCCESS);
        }
    };
    if !cli.quiet {
        eprintln!("vntext: {}", summary.line());
    }
    Ok(if summary.skipped_total() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_into<S: pipeline::Sink>(
    paths: &[PathBuf],
    opts: &Options,
    sink: S,
) -> anyhow::Result<Summary> {
    pipeline::run(paths, opts, &mut Reporting { inner: sink })
}
