//! The `vntext` command line. Every command runs the one pipeline
//! ([`vntext::pipeline::run`]) into a sink of its own.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::pipeline::{self, Options, Stages, Summary};
use vntext::read::{ReadError, ReadOptions, encoding::Encoding};
use vntext::search::{Engine, Results, batch, listing, query};
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
    /// No summary line on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Flags of the commands that read reports (normalize, extract, eval, index).
#[derive(clap::Args)]
struct ReadArgs {
    /// Decode .txt inputs with this encoding instead of detecting it:
    /// utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni, viscii.
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// Skip (and report) any report larger than this, in MB: bounds memory.
    #[arg(long, default_value_t = 64)]
    max_report_mb: usize,
}

impl ReadArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            max_report_bytes: Some(self.max_report_mb.saturating_mul(1 << 20)),
        }
    }
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

#[derive(Subcommand)]
enum Command {
    /// Print reports normalized (NFC, one tone-mark style, clean whitespace).
    #[command(
        after_help = "Examples:\n  vntext normalize report.txt\n  vntext normalize --format json corpus/"
    )]
    Normalize {
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value_t = NormFormat::Text)]
        format: NormFormat,
    },
    /// Extract people, titles, organizations, places, documents, dates,
    /// deadlines and events from reports.
    #[command(
        after_help = "Examples:\n  vntext extract ../shared/seed/article.txt\n  vntext extract --format table corpus/a-nghe-an.txt\n  vntext extract --pretty report.txt"
    )]
    Extract {
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Indent JSON (one document per block instead of one per line).
        #[arg(long)]
        pretty: bool,
        /// Show the sentence each entity and event was found in: a line under
        /// it in the table, a "context" field in JSON.
        #[arg(long)]
        context: bool,
        /// Write every skipped file or line to FILE, as JSON lines
        /// {"location", "reason", "message"}.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
    },
    /// Score extraction against hand-written gold annotations.
    #[command(
        after_help = "Example:\n  vntext eval --gold tests/gold corpus/\n  vntext eval --gold tests/gold --mismatches"
    )]
    Eval {
        /// Folder of gold files (see tests/gold/README.md).
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// Also list, per report and field, what was missed and what was spurious.
        #[arg(long)]
        mismatches: bool,
    },
    /// Build or update the search index: read, normalize, extract, index.
    /// Only new or changed reports are indexed again.
    #[command(
        after_help = "Examples:\n  vntext index                       corpus/ into index/\n  vntext index archive/ --index idx  another archive, another folder\n  vntext index --rebuild             start over (after a schema change)"
    )]
    Index {
        /// Files, folders or - (default: corpus/).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        /// The index folder.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Delete the index and build it again.
        #[arg(long)]
        rebuild: bool,
        /// Memory budget of the index writer, in MB (all threads together).
        #[arg(long, default_value_t = 512)]
        memory_mb: usize,
        /// Commit after this many new or changed reports.
        #[arg(long, default_value_t = 5000)]
        commit_every: usize,
        /// Write every skipped file or line to FILE, as JSON lines
        /// {"location", "reason", "message"}.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
    },
    /// Search the index.
    #[command(after_help = SEARCH_HELP)]
    Search {
        /// The query (see below).
        query: String,
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Most results shown.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Skip this many results first (paging).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// relevance (best first) or date (newest first; always so for a
        /// query of dates only).
        #[arg(long, default_value = "relevance")]
        sort: vntext::search::Sort,
        /// List near-identical copies of a report (syndicated across
        /// sites) as hits of their own; by default they are one hit that
        /// names its copies.
        #[arg(long)]
        all_copies: bool,
        /// text, json, or csv (id, title, date, source, score, snippet,
        /// copies).
        #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
    },
    /// Answer many queries (one per line, or JSON lines {"query": …, "limit": …})
    /// in parallel; JSON lines out, in input order.
    #[command(
        after_help = "Examples:\n  vntext batch-search queries.txt > answers.jsonl\n  printf 'Chỉ thị 01-CT/TW\\nperson:\"Nguyễn Thanh Hải\"\\n' | vntext batch-search -"
    )]
    BatchSearch {
        /// File of queries, or - for stdin.
        file: PathBuf,
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Results per query unless the line sets "limit".
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Deadlines across the index, by due date; those without a calendar
    /// day ("trước ngày 12/9" with no year, "trong 30 ngày kể từ ngày
    /// nhận …") last, shown as written, and only without --from/--to.
    #[command(
        after_help = "Examples:\n  vntext deadlines --to 2021-06-30\n  vntext deadlines --from 2021-07 --org \"UBND tỉnh\" --format csv"
    )]
    Deadlines {
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Due on or after (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY).
        #[arg(long)]
        from: Option<String>,
        /// Due on or before.
        #[arg(long)]
        to: Option<String>,
        /// Responsible body (with or without diacritics).
        #[arg(long)]
        org: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Start CSV with a UTF-8 byte-order mark, so Excel opens it right.
        #[arg(long)]
        bom: bool,
    },
    /// People who attended events, per event.
    #[command(
        after_help = "Examples:\n  vntext attendees --event \"hội nghị quán triệt\"\n  vntext attendees --person \"Nguyen Thanh Hai\" --format json"
    )]
    Attendees {
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Only events whose kind, name or organizer hold these words.
        #[arg(long)]
        event: Option<String>,
        /// Only attendees with this name.
        #[arg(long)]
        person: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Start CSV with a UTF-8 byte-order mark, so Excel opens it right.
        #[arg(long)]
        bom: bool,
    },
    /// People across the index, one row each, with their titles and reports.
    #[command(
        after_help = "Examples:\n  vntext people\n  vntext people --title \"Bí thư\" --format csv"
    )]
    People {
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Only people with a title holding these words.
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Start CSV with a UTF-8 byte-order mark, so Excel opens it right.
        #[arg(long)]
        bom: bool,
    },
    /// Directives (Chỉ thị, Nghị quyết, …) cited across the index, one row each.
    #[command(
        after_help = "Examples:\n  vntext directives\n  vntext directives --cited-by \"org:UBND\" --format json"
    )]
    Directives {
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Only those cited by the report with this id, or by reports matching this query.
        #[arg(long)]
        cited_by: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Start CSV with a UTF-8 byte-order mark, so Excel opens it right.
        #[arg(long)]
        bom: bool,
    },
    /// Serve the index to a web browser (search page at /) and as a JSON API
    /// (/api/…), read-only; reports indexed meanwhile show up within seconds.
    #[command(
        after_help = "Examples:\n  vntext serve                          http://127.0.0.1:8080/\n  vntext serve --index idx --addr 127.0.0.1:0   any free port (printed)\n  curl 'http://127.0.0.1:8080/api/search?q=chi+thi+01-CT/TW'"
    )]
    Serve {
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Address to listen on (loopback by default; port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

const SEARCH_HELP: &str = "\
Query language:
  Nguyễn Thanh Hải            words (all of them), with or without diacritics
  \"hội nghị quán triệt\"       a phrase (typed with diacritics: those forms only)
  =ban  =\"Thảo Điền\"          exact forms only (diacritics as typed)
  a OR b, a AND b, NOT a, -a  operators (upper case), (parentheses)
  person:\"Nguyen Thanh Hai\"   fields: person, org, location, directive, title
                              (report title or people's titles), role, id
  directive:\"01-CT/TW\"        a directive by number
  date:[2021-01-01 TO 2021-06-30]   any date the report mentions (or its own)
  date:2021-03  deadline:<2021-07-01  deadline:>=2021  (<, <=, >, >=; {a TO b} exclusive)

Examples:
  vntext search \"chi thi 01-CT/TW\"
  vntext search 'person:\"Nguyễn Thanh Hải\" date:2021' --format json";

#[derive(Clone, Copy, ValueEnum)]
enum SearchFormat {
    Text,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Json,
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
        // Output piped into `head` and closed: not an error (as ripgrep).
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("vntext: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `err` comes from writing to a closed pipe, however wrapped
/// (serde_json hides the `io::Error` from `source()`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}

/// Every path named on the command line must exist: a mistyped one is an
/// error before anything is read and before any index is created.
fn check_inputs(paths: &[PathBuf]) -> anyhow::Result<()> {
    for p in paths {
        if p.as_os_str() == "-" {
            continue;
        }
        if let Err(e) = std::fs::metadata(p) {
            if e.kind() == std::io::ErrorKind::NotFound {
                anyhow::bail!("{}: no such file or folder", p.display());
            }
            anyhow::bail!("cannot read {}: {e}", p.display());
        }
    }
    Ok(())
}

/// The paths to read (`corpus/` when none is named), each checked to exist.
fn inputs(paths: Vec<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    };
    check_inputs(&paths)?;
    Ok(paths)
}

/// Forwards to the command's sink and names every skipped input on stderr
/// (above the progress bar, when there is one).
struct Reporting<S> {
    inner: S,
    errors: Option<pipeline::ErrorLog>,
    bar: Option<indicatif::ProgressBar>,
}

/// Print a line on stderr, above the progress bar when one is shown.
fn note(bar: Option<&indicatif::ProgressBar>, line: &str) {
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

impl<S: pipeline::Sink> pipeline::Sink for Reporting<S> {
    fn document(&mut self, doc: &vntext::Document) -> anyhow::Result<()> {
        self.inner.document(doc)
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        note(self.bar.as_ref(), &format!("vntext: skipped {err}"));
        if let Some(log) = &mut self.errors {
            log.write(err)?;
        }
        self.inner.skipped(err)
    }
    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        self.inner.finish(summary)
    }
}

/// Threads one query may use to search the index's segments.
fn search_threads(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let mut opts = Options {
        read: ReadOptions::default(),
        stages: Stages::Extract,
    };
    let stdout = std::io::stdout().lock();
    let out = std::io::BufWriter::new(stdout);
    let summary = match cli.command {
        Command::Normalize {
            paths,
            read,
            format,
        } => {
            opts.read = read.options();
            opts.stages = Stages::Normalize;
            let paths = inputs(paths)?;
            match format {
                NormFormat::Text => {
                    let single = paths.len() == 1
                        && (paths[0].as_os_str() == "-"
                            || (paths[0].is_file()
                                && vntext::read::format_of(&paths[0])
                                    .is_none_or(|f| f == vntext::read::Format::Text)));
                    run_into(&paths, &opts, TextSink::new(out, !single), None)?
                }
                NormFormat::Json => run_into(&paths, &opts, JsonSink::new(out, false), None)?,
            }
        }
        Command::Extract {
            read,
            paths,
            format,
            pretty,
            context,
            errors,
        } => {
            opts.read = read.options();
            let paths = inputs(paths)?;
            let errors = errors
                .as_deref()
                .map(pipeline::ErrorLog::create)
                .transpose()?;
            let bar = progress_bar(cli.quiet);
            let summary = match format {
                ExtractFormat::Json | ExtractFormat::Jsonl => run_with_bar(
                    &paths,
                    &opts,
                    JsonSink::new(out, pretty).with_context(context),
                    errors,
                    bar.as_ref(),
                )?,
                ExtractFormat::Table => run_with_bar(
                    &paths,
                    &opts,
                    TableSink::new(out).with_context(context),
                    errors,
                    bar.as_ref(),
                )?,
            };
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            summary
        }
        Command::Eval {
            read,
            gold,
            paths,
            format,
            mismatches,
        } => {
            opts.read = read.options();
            let paths = inputs(paths)?;
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
        Command::Index {
            read,
            paths,
            index,
            rebuild,
            memory_mb,
            commit_every,
            errors,
        } => {
            opts.read = read.options();
            let wopts = WriterOptions {
                rebuild,
                memory_budget: memory_mb.max(1) << 20,
                threads: cli.threads.unwrap_or(0),
                commit_every,
            };
            let errors = errors
                .as_deref()
                .map(pipeline::ErrorLog::create)
                .transpose()?;
            return run_index(&inputs(paths)?, &opts, &index, wopts, cli.quiet, errors);
        }
        Command::Search {
            query,
            index,
            limit,
            offset,
            sort,
            all_copies,
            format,
        } => {
            let engine = Engine::open_with_threads(&index, search_threads(cli.threads))?;
            let node = vntext::search::query::parse(&query)?;
            if let Some(note) = node.common_words_note() {
                eprintln!("vntext: {note}");
            }
            let results = engine.search_node_sorted(&node, offset, limit, sort, !all_copies)?;
            print_results(&results, format, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::BatchSearch { file, index, limit } => {
            let engine = Engine::open(&index)?;
            let stats = if file.as_os_str() == "-" {
                batch::run(&engine, std::io::stdin().lock(), out, limit)?
            } else {
                let f = std::fs::File::open(&file)
                    .with_context(|| format!("opening {}", file.display()))?;
                batch::run(&engine, std::io::BufReader::new(f), out, limit)?
            };
            if !cli.quiet {
                eprintln!(
                    "vntext: {} quer{} answered, {} with errors",
                    stats.queries,
                    if stats.queries == 1 { "y" } else { "ies" },
                    stats.errors
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Deadlines {
            index,
            from,
            to,
            org,
            format,
            bom,
        } => {
            let day = |s: &Option<String>, last: bool| -> anyhow::Result<Option<i64>> {
                s.as_deref()
                    .map(|d| {
                        query::parse_date_span(d)
                            .map(|(a, b)| if last { b } else { a })
                            .with_context(|| {
                                format!("'{d}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY)")
                            })
                    })
                    .transpose()
            };
            let (from, to) = (day(&from, false)?, day(&to, true)?);
            let engine = Engine::open(&index)?;
            let rows = listing::deadlines(&engine, from, to, org.as_deref())?;
            write_listing(&rows, format, bom, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Attendees {
            index,
            event,
            person,
            format,
            bom,
        } => {
            let engine = Engine::open(&index)?;
            let rows = listing::attendees(&engine, event.as_deref(), person.as_deref())?;
            write_listing(&rows, format, bom, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::People {
            index,
            title,
            format,
            bom,
        } => {
            let engine = Engine::open(&index)?;
            let rows = listing::people(&engine, title.as_deref())?;
            write_listing(&rows, format, bom, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Directives {
            index,
            cited_by,
            format,
            bom,
        } => {
            let engine = Engine::open(&index)?;
            let rows = listing::directives(&engine, cited_by.as_deref())?;
            write_listing(&rows, format, bom, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Serve { index, addr } => {
            drop(out);
            vntext::serve::run(
                &index,
                addr,
                vntext::serve::Limits::default(),
                search_threads(cli.threads),
            )?;
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
    errors: Option<pipeline::ErrorLog>,
) -> anyhow::Result<Summary> {
    run_with_bar(paths, opts, sink, errors, None)
}

fn run_with_bar<S: pipeline::Sink>(
    paths: &[PathBuf],
    opts: &Options,
    sink: S,
    errors: Option<pipeline::ErrorLog>,
    bar: Option<&indicatif::ProgressBar>,
) -> anyhow::Result<Summary> {
    let mut sink = Reporting {
        inner: sink,
        errors,
        bar: bar.cloned(),
    };
    pipeline::run_with_progress(paths, opts, &mut sink, &mut |p| {
        if let Some(bar) = bar {
            show_progress(bar, p);
        }
    })
}

/// A progress bar on stderr, only when stderr is a terminal and the run is
/// not `--quiet`: input bytes done out of the total, reports, ETA.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed}] {wide_bar} {bytes}/{total_bytes}, file {msg}, ETA {eta}",
        )
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

/// The width tables are fitted to: `COLUMNS`, else the terminal's, when
/// standard output is a terminal; `None` when it is piped (whole lines).
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c > 0)
        .or_else(|| {
            console::Term::stdout()
                .size_checked()
                .map(|(_, cols)| cols as usize)
        })
        .or(Some(100))
}

/// Write a listing, with a byte-order mark first for `--bom` CSV.
fn write_listing<R: listing::Row>(
    rows: &[R],
    format: ListFormat,
    bom: bool,
    mut out: impl Write,
) -> anyhow::Result<()> {
    if bom && matches!(format, ListFormat::Csv) {
        out.write_all("\u{feff}".as_bytes())?;
    }
    listing::write(rows, list_format(format), out)
}

fn list_format(f: ListFormat) -> listing::Format {
    match f {
        ListFormat::Table => listing::Format::Table {
            width: terminal_width(),
        },
        ListFormat::Csv => listing::Format::Csv,
        ListFormat::Json => listing::Format::Json,
    }
}

/// Forwards to the index sink and names every skipped input on stderr.
struct IndexReporting<'a>(
    &'a mut IndexSink,
    Option<pipeline::ErrorLog>,
    Option<indicatif::ProgressBar>,
);

impl pipeline::Sink for IndexReporting<'_> {
    fn document(&mut self, doc: &vntext::Document) -> anyhow::Result<()> {
        self.0.document(doc)
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        note(self.2.as_ref(), &format!("vntext: skipped {err}"));
        if let Some(log) = &mut self.1 {
            log.write(err)?;
        }
        self.0.skipped(err)
    }
    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        self.0.finish(summary)
    }
}

fn run_index(
    paths: &[PathBuf],
    opts: &Options,
    dir: &std::path::Path,
    wopts: WriterOptions,
    quiet: bool,
    errors: Option<pipeline::ErrorLog>,
) -> anyhow::Result<ExitCode> {
    let mut sink = IndexSink::open(dir, wopts)?;
    // Ctrl-C: stop reading, commit what is done, say so. A second one quits.
    let _ = ctrlc::set_handler(|| {
        if pipeline::interrupted() {
            std::process::exit(130);
        }
        pipeline::interrupt();
    });
    let bar = progress_bar(quiet);
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
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed}] {wide_bar} {bytes}/{total_bytes}, file {msg}; {prefix}, ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    pipeline::run_with_progress(
        paths,
        opts,
        &mut IndexReporting(&mut sink, errors, bar.clone()),
        &mut |p| {
            if let Some(bar) = &bar {
                show_progress(bar, p);
            }
        },
    )?;
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
        return Ok(ExitCode::from(130));
    }
    Ok(if stats.skipped.values().sum::<usize>() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_results(
    results: &Results,
    format: SearchFormat,
    mut out: impl Write,
) -> anyhow::Result<()> {
    match format {
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, results)?;
            writeln!(out)?;
        }
        SearchFormat::Csv => listing::write(&results.hits, listing::Format::Csv, &mut out)?,
        SearchFormat::Text => {
            let tty = std::io::stdout().is_terminal();
            let (on, off) = if tty {
                ("\x1b[1m", "\x1b[0m")
            } else {
                ("[", "]")
            };
            writeln!(
                out,
                "{} match(es){}",
                results.total,
                if results.total > results.hits.len() {
                    format!(", showing {}", results.hits.len())
                } else {
                    String::new()
                }
            )?;
            for (i, h) in results.hits.iter().enumerate() {
                writeln!(
                    out,
                    "\n{}. {} | {} | {} | score {:.2}",
                    i + 1,
                    h.id,
                    h.title.as_deref().unwrap_or("(no title)"),
                    h.date.as_deref().unwrap_or("(no date)"),
                    h.score
                )?;
                let mut snip = String::new();
                let mut at = 0;
                for &(a, b) in &h.highlights {
                    snip += &h.snippet[at..a];
                    snip += on;
                    snip += &h.snippet[a..b];
                    snip += off;
                    at = b;
                }
                snip += &h.snippet[at..];
                writeln!(out, "   {}", snip.replace('\n', " "))?;
                for e in &h.entities {
                    writeln!(
                        out,
                        "   {:<12} {}",
                        e.kind.type_name(),
                        vntext::sink::describe(&e.kind)
                    )?;
                }
                if !h.copies.is_empty() {
                    let ids: Vec<&str> = h.copies.iter().map(|c| c.id.as_str()).collect();
                    writeln!(
                        out,
                        "   + {} near-identical cop{} (--all-copies lists them): {}",
                        h.copies.len(),
                        if h.copies.len() == 1 { "y" } else { "ies" },
                        ids.join(", ")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
