//! The commands that query an index with the query language: search and
//! batch-search.

use super::Status;
use crate::search::{Engine, Results, Sort, batch, listing};
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
    Csv,
}

/// One page of one query.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub query: String,
    pub offset: usize,
    pub limit: usize,
    pub sort: Sort,
    /// Near-identical copies as one hit that names them.
    pub collapse: bool,
    pub format: SearchFormat,
}

/// Search the index in `index` on `threads` threads and print one page.
/// A query of common words only gets a note on stderr.
pub fn search(
    index: &Path,
    threads: usize,
    o: &SearchOptions,
    out: impl Write,
) -> anyhow::Result<Status> {
    let engine = Engine::open_with_threads(index, threads)?;
    let node = crate::search::query::parse(&o.query)?;
    if let Some(note) = node.common_words_note() {
        eprintln!("vntext: {note}");
    }
    let results = engine.search_node_sorted(&node, o.offset, o.limit, o.sort, o.collapse)?;
    print_results(&results, o.format, out)?;
    Ok(Status::Success)
}

/// Answer every query in `file` (`-`: stdin), JSON lines in input order;
/// a count on stderr unless `quiet`.
pub fn batch_search(
    index: &Path,
    file: &Path,
    limit: usize,
    quiet: bool,
    out: impl Write,
) -> anyhow::Result<Status> {
    let engine = Engine::open(index)?;
    let stats = if file.as_os_str() == "-" {
        batch::run(&engine, std::io::stdin().lock(), out, limit)?
    } else {
        let f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
        batch::run(&engine, std::io::BufReader::new(f), out, limit)?
    };
    if !quiet {
        eprintln!(
            "vntext: {} quer{} answered, {} with errors",
            stats.queries,
            if stats.queries == 1 { "y" } else { "ies" },
            stats.errors
        );
    }
    Ok(Status::Success)
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
                        crate::sink::describe(&e.kind)
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
