//! The work of each `vntext` command, as library functions. `main.rs`
//! parses the arguments and calls one of these; `serve` calls the same
//! ones where it does the same thing (the listings: [`Listing`], [`Rows`]).
//! Each command writes its output to the `out` it is given, its summary
//! lines to stderr, and returns a [`Status`] (the exit code); an `Err` is a
//! fatal error (exit code 2).

mod listings;
mod run;
mod search;

pub use listings::{BadDate, ListFormat, Listing, Rows, list};
pub use run::{
    EvalFormat, ExtractFormat, ExtractOptions, IndexOptions, NormFormat, eval, extract, index,
    normalize,
};
pub use search::{SearchFormat, SearchOptions, batch_search, search};

use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything was read (exit code 0).
    Success,
    /// Some file or line was skipped, each named on stderr (exit code 1).
    Skipped,
    /// Stopped by Ctrl-C after committing what was done (exit code 130).
    Interrupted,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Skipped => 1,
            Status::Interrupted => 130,
        }
    }
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

/// Run the pipeline's work on `n` threads (default: rayon's, one per core).
pub fn set_threads(n: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    Ok(())
}

/// Threads one query may use to search the index's segments.
pub fn search_threads(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Whether `err` comes from writing to a closed pipe, however wrapped
/// (serde_json hides the `io::Error` from `source()`): output piped into
/// `head` and closed is not an error (as ripgrep).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}

/// The paths to read (`corpus/` when none is named), each checked to
/// exist: a mistyped one is an error before anything is read and before
/// any index is created.
pub fn inputs(paths: Vec<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    };
    for p in &paths {
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
    Ok(paths)
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
