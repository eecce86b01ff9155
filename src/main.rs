//! The `vntext` command line: the arguments and their help, and a call to
//! the command's function in [`vntext::commands`], which does the work.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use vntext::commands::{
    self, EvalFormat, ExtractFormat, ExtractOptions, IndexOptions, ListFormat, Listing, NormFormat,
    SearchFormat, SearchOptions, Status,
};
use vntext::index::writer::WriterOptions;
use vntext::read::{ReadOptions, encoding::Encoding};

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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => status.into(),
        Err(err) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("vntext: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Status> {
    commands::set_threads(cli.threads)?;
    let quiet = cli.quiet;
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    match cli.command {
        Command::Normalize {
            paths,
            read,
            format,
        } => commands::normalize(paths, read.options(), format, quiet, out),
        Command::Extract {
            read,
            paths,
            format,
            pretty,
            context,
            errors,
        } => {
            let o = ExtractOptions {
                format,
                pretty,
                context,
                errors,
            };
            commands::extract(paths, read.options(), &o, quiet, out)
        }
        Command::Eval {
            read,
            gold,
            paths,
            format,
            mismatches,
        } => commands::eval(paths, &gold, read.options(), format, mismatches, out),
        Command::Index {
            read,
            paths,
            index,
            rebuild,
            memory_mb,
            commit_every,
            errors,
        } => {
            let writer = WriterOptions {
                rebuild,
                memory_budget: memory_mb.max(1) << 20,
                threads: cli.threads.unwrap_or(0),
                commit_every,
            };
            let o = IndexOptions {
                dir: index,
                writer,
                errors,
            };
            commands::index(paths, read.options(), o, quiet)
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
            let o = SearchOptions {
                query,
                offset,
                limit,
                sort,
                collapse: !all_copies,
                format,
            };
            commands::search(&index, commands::search_threads(cli.threads), &o, out)
        }
        Command::BatchSearch { file, index, limit } => {
            commands::batch_search(&index, &file, limit, quiet, out)
        }
        Command::Deadlines {
            index,
            from,
            to,
            org,
            format,
            bom,
        } => {
            let l = Listing::deadlines(from.as_deref(), to.as_deref(), org)?;
            commands::list(&index, &l, format, bom, out)
        }
        Command::Attendees {
            index,
            event,
            person,
            format,
            bom,
        } => commands::list(
            &index,
            &Listing::Attendees { event, person },
            format,
            bom,
            out,
        ),
        Command::People {
            index,
            title,
            format,
            bom,
        } => commands::list(&index, &Listing::People { title }, format, bom, out),
        Command::Directives {
            index,
            cited_by,
            format,
            bom,
        } => commands::list(&index, &Listing::Directives { cited_by }, format, bom, out),
        Command::Serve { index, addr } => {
            drop(out);
            let limits = vntext::serve::Limits::default();
            vntext::serve::run(&index, addr, limits, commands::search_threads(cli.threads))?;
            Ok(Status::Success)
        }
    }
}
