//! Reading: turn paths (files, folders, `-` for stdin) into a stream of
//! [`RawDoc`]s, in a deterministic order, never holding an archive whole.
//!
//! Formats, chosen by file name:
//! - `*.txt` (and any file named directly that is not JSON Lines): one report
//!   per file, in any supported encoding (see [`encoding`]). An optional
//!   metadata header may open the file: lines `Key: value` with keys
//!   `Tiêu đề`/`Title`, `Ngày`/`Date`, `Nguồn`/`Source`, `URL`, `ID`
//!   (case-insensitive), ended by one blank line. The header is taken only when
//!   *every* line before the first blank line is such a line; it is removed
//!   from the text. Without a header the title is the first line when it is
//!   short (≤ 200 bytes) and does not end like a sentence.
//! - `*.jsonl`, `*.ndjson` and their `.gz` forms: one report per line with
//!   `text` (or `content`/`body`), optional `id`, `title`, `date`,
//!   `source`/`url`; every other field is kept in `metadata`.
//! - `*.docx` ([`docx`]) and `*.pdf` with a text layer ([`pdf`]): one report
//!   per file, a paragraph per line; the title and date from the document's
//!   properties when present (else the first line, as for `.txt`). A PDF
//!   without a text layer is skipped as `scanned`; a damaged file as
//!   `corrupt`; neither parser can panic or stop the run.
//!
//! Ids: the given `id`, else the path relative to the folder named on the
//! command line, without extension (`corpus/a/b.txt` → `a/b`), plus `:LINE`
//! for JSON Lines.
//!
//! `source` is the header's or record's URL, else its stated source, else
//! the path (`path:line`); the path is then kept in `metadata.path`.
//!
//! Folders are walked recursively, depth-first, each folder's entries sorted
//! by file name, following symlinks
//! (loops are reported, not followed); hidden files and files of other
//! extensions are passed over and counted.

pub mod docx;
pub mod encoding;
pub mod pdf;

use encoding::Encoding;
use serde_json::{Map, Value};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A report as read, before normalization.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    pub id: String,
    pub title: Option<String>,
    /// ISO `YYYY-MM-DD` when the input states a date that parses.
    pub date: Option<String>,
    pub source: String,
    pub text: String,
    pub metadata: Map<String, Value>,
    pub warnings: Vec<String>,
}

/// Why a file or line was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The file could not be opened or read (permissions, vanished, I/O error).
    Unreadable,
    /// The bytes are not text.
    Binary,
    /// Nothing but whitespace.
    Empty,
    /// A JSON Lines record that is not a JSON object.
    BadJson,
    /// A JSON Lines record without a text field.
    NoText,
    /// A compressed stream that is corrupt or cut short.
    BadCompression,
    /// A folder loop or other walking error.
    Walk,
    /// A report (file or JSON Lines record) larger than the size cap.
    TooLarge,
    /// A `.docx` or `.pdf` that is damaged or not what its name says.
    Corrupt,
    /// A PDF without a text layer (scanned pages).
    Scanned,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::Binary => "binary",
            SkipReason::Empty => "empty",
            SkipReason::BadJson => "bad-json",
            SkipReason::NoText => "no-text",
            SkipReason::BadCompression => "bad-compression",
            SkipReason::Walk => "walk-error",
            SkipReason::TooLarge => "too-large",
            SkipReason::Corrupt => "corrupt",
            SkipReason::Scanned => "scanned",
        }
    }
}

/// A file or line that could not become a document. `location` names the
/// file, with `:LINE` for a JSON Lines record.
#[derive(Debug, Clone)]
pub struct ReadError {
    pub location: String,
    pub reason: SkipReason,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.location,
            self.message,
            self.reason.as_str()
        )
    }
}

/// Largest report read when [`ReadOptions::max_report_bytes`] is not set:
/// 64 MB. A bigger file or JSON Lines record is skipped (`too-large`) without
/// being read into memory.
pub const DEFAULT_MAX_REPORT_BYTES: usize = 64 << 20;

/// Reading options.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Skip detection and decode `.txt` files with this encoding.
    pub encoding: Option<Encoding>,
    /// Largest report, in bytes as stored (default
    /// [`DEFAULT_MAX_REPORT_BYTES`]): bounds the memory one report can take.
    pub max_report_bytes: Option<usize>,
}

impl ReadOptions {
    /// The size cap in effect.
    pub fn max_bytes(&self) -> usize {
        self.max_report_bytes
            .unwrap_or(DEFAULT_MAX_REPORT_BYTES)
            .max(1)
    }
}

fn too_large(location: String, size: String, max: usize) -> ReadError {
    ReadError {
        location,
        reason: SkipReason::TooLarge,
        message: format!(
            "report of {size} is larger than the {} cap (--max-report-mb), skipped",
            human_bytes(max as u64)
        ),
    }
}

fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{n} bytes")
    }
}

/// The kind of an input file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    JsonLines,
    JsonLinesGz,
    /// Word 2007+ (`.docx`).
    Docx,
    /// PDF, read through its text layer.
    Pdf,
}

/// One input file with the id prefix its documents get.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the root named on the command line, extension removed.
    pub id_base: String,
    pub format: Format,
}

impl Input {
    fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// The format of `path` when it is one the reader takes from a folder.
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(Format::JsonLinesGz)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Format::JsonLines)
    } else if name.ends_with(".txt") {
        Some(Format::Text)
    } else if name.ends_with(".docx") {
        Some(Format::Docx)
    } else if name.ends_with(".pdf") {
        Some(Format::Pdf)
    } else {
        None
    }
}

fn strip_ext(rel: &str) -> String {
    for ext in [".jsonl.gz", ".ndjson.gz", ".jsonl", ".ndjson", ".txt"] {
        if rel.len() > ext.len() && rel.to_ascii_lowercase().ends_with(ext) {
            return rel[..rel.len() - ext.len()].to_string();
        }
    }
    match rel.rfind('.') {
        Some(dot) if dot > 0 && !rel[dot..].contains('/') => rel[..dot].to_string(),
        _ => rel.to_string(),
    }
}

/// What listing the inputs found besides the files to read.
#[derive(Debug, Default)]
pub struct Listing {
    pub inputs: Vec<Input>,
    pub errors: Vec<ReadError>,
    /// Files a folder walk passed over, by kind ([`passed_over_kind`]).
    pub ignored: std::collections::BTreeMap<String, usize>,
}

/// The kind a passed-over file is counted under: `hidden`, its extension
/// (`.pdf`, lower case), or `no extension`.
pub fn passed_over_kind(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') {
        return "hidden".into();
    }
    match name.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < name.len() => name[dot..].to_lowercase(),
        _ => "no extension".into(),
    }
}

/// What to do about a kind of file the reader passes over, when there is
/// something to say.
pub fn passed_over_hint(kind: &str) -> Option<&'static str> {
    match kind {
        ".doc" => Some("Word 97-2003 files: save them as .docx (or .txt) to read them"),
        ".rtf" | ".odt" | ".wps" => Some("save them as .docx or .txt to read them"),
        ".xls" | ".xlsx" | ".ods" | ".csv" => {
            Some("spreadsheets are not reports; export the text as .txt or JSON Lines")
        }
        ".zip" | ".rar" | ".7z" | ".tar" | ".tgz" => Some("unpack the archive first"),
        _ => None,
    }
}

/// Expand paths into input files: a folder becomes its readable files,
/// recursively, sorted by name; a file named directly is always read
/// (as text unless its name says JSON Lines); `-` is standard input.
pub fn list_inputs(paths: &[PathBuf]) -> Listing {
    let mut listing = Listing::default();
    for root in paths {
        if root.as_os_str() == "-" {
            listing.inputs.push(Input {
                path: root.clone(),
                id_base: "stdin".into(),
                format: Format::Text,
            });
            continue;
        }
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                listing.errors.push(ReadError {
                    location: root.display().to_string(),
                    reason: SkipReason::Unreadable,
                    message: format!("cannot open: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            listing.inputs.push(Input {
                path: root.clone(),
                id_base: strip_ext(&name),
                format: format_of(root).unwrap_or(Format::Text),
            });
            continue;
        }
        let hidden = std::cell::Cell::new(0usize);
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep = e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.');
                if !keep {
                    hidden.set(hidden.get() + 1);
                }
                keep
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let location = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| root.display().to_string());
                    let message = if e.loop_ancestor().is_some() {
                        "folder loop (symlink to an ancestor), not followed".to_string()
                    } else {
                        format!("cannot walk: {e}")
                    };
                    listing.errors.push(ReadError {
                        location,
                        reason: SkipReason::Walk,
                        message,
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Some(format) = format_of(entry.path()) else {
                *listing
                    .ignored
                    .entry(passed_over_kind(entry.path()))
                    .or_default() += 1;
                continue;
            };
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            listing.inputs.push(Input {
                path: entry.into_path(),
                id_base: strip_ext(&rel),
                format,
            });
        }
        if hidden.get() > 0 {
            *listing.ignored.entry("hidden".into()).or_default() += hidden.get();
        }
    }
    listing
}

/// Read one input: a lazy stream of documents and errors, in file order.
pub fn read_input(
    input: &Input,
    opts: ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + Send> {
    read_input_counted(input, opts, Arc::new(AtomicU64::new(0)))
}

/// [`read_input`], adding to `counter` the bytes read from the file as
/// they are read (compressed bytes for `.gz`): how far into it the stream is.
pub fn read_input_counted(
    input: &Input,
    opts: ReadOptions,
    counter: Arc<AtomicU64>,
) -> Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + Send> {
    match input.format {
        Format::Text => Box::new(std::iter::once(read_text(input, opts, &counter))),
        Format::Docx | Format::Pdf => {
            Box::new(std::iter::once(read_document(input, opts, &counter)))
        }
        Format::JsonLines | Format::JsonLinesGz => match open(input, &counter) {
            Ok(reader) => Box::new(JsonLines::new(input.clone(), reader, opts.max_bytes())),
            Err(e) => Box::new(std::iter::once(Err(e))),
        },
    }
}

/// A reader that adds the bytes it reads to a shared counter.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn open(input: &Input, counter: &Arc<AtomicU64>) -> Result<Box<dyn BufRead + Send>, ReadError> {
    if input.path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = File::open(&input.path).map_err(|e| ReadError {
        location: input.display(),
        reason: SkipReason::Unreadable,
        message: format!("cannot open: {e}"),
    })?;
    let file = Counting {
        inner: file,
        counter: counter.clone(),
    };
    Ok(match input.format {
        Format::JsonLinesGz => Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(file)),
        )),
        _ => Box::new(BufReader::with_capacity(1 << 16, file)),
    })
}

/// A whole file's bytes, refused as `too-large` over the cap (by its size
/// first, so a big file is never read).
fn read_bytes(
    input: &Input,
    opts: ReadOptions,
    counter: &Arc<AtomicU64>,
) -> Result<Vec<u8>, ReadError> {
    let max = opts.max_bytes();
    if input.path.as_os_str() != "-"
        && let Ok(meta) = std::fs::metadata(&input.path)
        && meta.len() > max as u64
    {
        return Err(too_large(input.display(), human_bytes(meta.len()), max));
    }
    let mut bytes = Vec::new();
    open(input, counter)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError {
            location: input.display(),
            reason: SkipReason::Unreadable,
            message: format!("cannot read: {e}"),
        })?;
    if bytes.len() > max {
        return Err(too_large(
            input.display(),
            format!("more than {}", human_bytes(max as u64)),
            max,
        ));
    }
    Ok(bytes)
}

fn read_text(
    input: &Input,
    opts: ReadOptions,
    counter: &Arc<AtomicU64>,
) -> Result<RawDoc, ReadError> {
    let err = |reason, message: String| ReadError {
        location: input.display(),
        reason,
        message,
    };
    let bytes = read_bytes(input, opts, counter)?;
    if encoding::looks_binary(&bytes) {
        return Err(err(
            SkipReason::Binary,
            "binary data, not a text report".into(),
        ));
    }
    let decoded = encoding::decode(&bytes, opts.encoding);
    text_doc(
        &decoded.text,
        input.id_base.clone(),
        input.display(),
        decoded.warnings,
    )
}

/// A `.docx` or `.pdf` report: its text (a paragraph per line), title and
/// date from its properties. Parsing runs under `catch_unwind`: a file
/// that makes a parser panic is skipped as `corrupt`, named, and the run
/// goes on.
fn read_document(
    input: &Input,
    opts: ReadOptions,
    counter: &Arc<AtomicU64>,
) -> Result<RawDoc, ReadError> {
    let location = input.display();
    let err = |reason, message: String| ReadError {
        location: location.clone(),
        reason,
        message,
    };
    let bytes = read_bytes(input, opts, counter)?;
    if bytes.is_empty() {
        return Err(err(SkipReason::Empty, "empty file".into()));
    }
    let max = opts.max_bytes();
    let format = input.format;
    let parsed = quietly(|| {
        match format {
        Format::Docx => docx::read(&bytes, max)
            .map(|d| (d, None))
            .map_err(|e| match e {
            docx::DocxError::Corrupt(m) => (SkipReason::Corrupt, m),
            docx::DocxError::TooLarge(n) => (
                SkipReason::TooLarge,
                format!(
                    "a part of {} unpacked is larger than the {} cap (--max-report-mb), skipped",
                    human_bytes(n),
                    human_bytes(max as u64)
                ),
            ),
        }),
        _ => pdf::read(&bytes)
            .map(|p| {
                let doc = docx::Docx {
                    text: p.text,
                    title: p.title,
                    created: p.created,
                    modified: p.modified,
                };
                (doc, Some((p.pages, p.legacy)))
            })
            .map_err(|e| match e {
                pdf::PdfError::Corrupt(m) => (SkipReason::Corrupt, m),
                pdf::PdfError::Encrypted => (
                    SkipReason::Unreadable,
                    "encrypted PDF that needs a password: save an unprotected copy to read it"
                        .into(),
                ),
                pdf::PdfError::NoText { pages } => (
                    SkipReason::Scanned,
                    format!(
                        "scanned, no text: {pages} page(s) without a text layer; \
                         run OCR on it (save it as a searchable PDF) to read it"
                    ),
                ),
            }),
    }
    });
    let (office, pages) = match parsed {
        Ok(Ok(d)) => d,
        Ok(Err((reason, message))) => return Err(err(reason, message)),
        Err(panic) => {
            return Err(err(
                SkipReason::Corrupt,
                format!("damaged file, its reader gave up: {panic}"),
            ));
        }
    };
    if office.text.trim().is_empty() {
        return Err(err(SkipReason::Empty, "no text in the document".into()));
    }
    let mut doc = RawDoc {
        id: input.id_base.clone(),
        source: location,
        ..RawDoc::default()
    };
    let kind = if format == Format::Docx {
        "docx"
    } else {
        "pdf"
    };
    doc.metadata
        .insert("format".into(), Value::String(kind.into()));
    if let Some((pages, legacy)) = pages {
        doc.metadata.insert("pages".into(), Value::from(pages));
        if let Some(enc) = legacy {
            doc.warnings.push(format!(
                "PDF fonts without a Unicode map: text decoded from {}",
                enc.name()
            ));
        }
    }
    let created = office.created.as_deref().and_then(parse_metadata_date);
    let modified = office.modified.as_deref().and_then(parse_metadata_date);
    for (key, day) in [("created", &created), ("modified", &modified)] {
        if let Some(day) = day {
            doc.metadata.insert(key.into(), Value::String(day.clone()));
        }
    }
    doc.date = created.or(modified);
    doc.title = office
        .title
        .filter(|t| is_real_title(t))
        .or_else(|| first_line_title(&office.text));
    doc.text = office.text;
    Ok(doc)
}

/// Whether a document property `Title` names the report, not the file or
/// the program that wrote it ("Microsoft Word - bao cao.docx", "Untitled").
fn is_real_title(title: &str) -> bool {
    let t = title.trim();
    let lower = t.to_lowercase();
    !(t.is_empty()
        || t.chars().count() > 300
        || lower.starts_with("microsoft word")
        || lower.starts_with("untitled")
        || lower == "title"
        || lower == "tiêu đề"
        || [".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt"]
            .iter()
            .any(|ext| lower.ends_with(ext)))
}

thread_local! {
    /// Set while a document parser runs under [`quietly`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic into `Err(message)`; the panic is not printed
/// (the file is named in the skip instead). Panics elsewhere print as usual.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unexpected content".into())
    })
}

/// A decoded `.txt` report: its header (if any) taken, the first line as
/// title when it looks like one.
fn text_doc(
    text: &str,
    id: String,
    location: String,
    warnings: Vec<String>,
) -> Result<RawDoc, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError {
            location,
            reason: SkipReason::Empty,
            message: "empty file".into(),
        });
    }
    let mut doc = RawDoc {
        id,
        source: location,
        warnings,
        ..RawDoc::default()
    };
    let body = take_header(text, &mut doc);
    if doc.title.is_none() {
        doc.title = first_line_title(body);
    }
    doc.text = body.to_string();
    Ok(doc)
}

/// Recognise the optional metadata header of a `.txt` report; fill `doc` and
/// return the body that follows it (the whole text when there is none).
fn take_header<'t>(text: &'t str, doc: &mut RawDoc) -> &'t str {
    let text = text.trim_start_matches('\u{feff}');
    let Some(end) = text.find("\n\n").or_else(|| text.find("\r\n\r\n")) else {
        return text;
    };
    let head = &text[..end];
    let mut fields = Vec::new();
    for line in head.lines() {
        let Some((key, value)) = line.split_once(':') else {
            return text;
        };
        let key = crate::normalize::search_key(key.trim());
        let field = match key.as_str() {
            "tieu de" | "title" => "title",
            "ngay" | "date" => "date",
            "nguon" | "source" => "source",
            "url" | "link" => "url",
            "id" => "id",
            _ => return text,
        };
        fields.push((field, value.trim().to_string()));
    }
    if fields.is_empty() {
        return text;
    }
    let mut source = None;
    for (field, value) in fields {
        match field {
            "title" => doc.title = Some(value),
            "date" => set_date(doc, &value),
            "id" => doc.id = value,
            _ => {
                if field == "url" || source.is_none() {
                    source = Some(value.clone());
                }
                doc.metadata.insert(field.to_string(), Value::String(value));
            }
        }
    }
    if let Some(source) = source {
        let path = std::mem::replace(&mut doc.source, source);
        doc.metadata.insert("path".into(), Value::String(path));
    }
    text[end..].trim_start_matches(['\r', '\n'])
}

fn first_line_title(body: &str) -> Option<String> {
    let line = body.lines().find(|l| !l.trim().is_empty())?.trim();
    let sentence_end = line.ends_with(['.', ';', ':', ',', '!', '?']);
    (line.len() <= 200 && !sentence_end).then(|| line.to_string())
}

/// Parse a metadata date (ISO, ISO date-time, or d/m/yyyy with `/`, `-`, `.`)
/// to ISO; keep the raw value in metadata and warn when it does not parse.
fn set_date(doc: &mut RawDoc, raw: &str) {
    match parse_metadata_date(raw) {
        Some(iso) => doc.date = Some(iso),
        None => {
            doc.warnings
                .push(format!("date {raw:?} in metadata not understood; ignored"));
            doc.metadata
                .insert("date".into(), Value::String(raw.to_string()));
        }
    }
}

/// `2021-03-11`, `2021-03-11T08:00:00+07:00`, `11/3/2021`, `11-03-2021`,
/// `11.3.2021` → `2021-03-11`; anything else or an impossible day → None.
pub fn parse_metadata_date(raw: &str) -> Option<String> {
    crate::calendar::Day::parse_metadata(raw).map(crate::calendar::Day::iso)
}

/// Streaming reader of JSON Lines: one record per line, line by line.
struct JsonLines {
    input: Input,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    max: usize,
}

/// Read one line (through `\n`) into `buf`, keeping at most `max + 1` bytes
/// of it: the rest of a longer line is read and dropped, so memory stays
/// bounded whatever the line's length. Returns the line's full length.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (n, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..n.min(room)]);
        total += n;
        reader.consume(n);
        if done {
            return Ok(total);
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

impl JsonLines {
    fn new(input: Input, reader: Box<dyn BufRead + Send>, max: usize) -> Self {
        JsonLines {
            input,
            reader,
            line_no: 0,
            buf: Vec::new(),
            done: false,
            max,
        }
    }

    fn record(&self, line: &[u8]) -> Result<RawDoc, ReadError> {
        let location = format!("{}:{}", self.input.display(), self.line_no);
        let err = |reason, message: String| ReadError {
            location: location.clone(),
            reason,
            message,
        };
        let mut warnings = Vec::new();
        let line = match std::str::from_utf8(line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => {
                let fixed = String::from_utf8_lossy(line);
                let n = fixed.matches('\u{fffd}').count();
                warnings.push(format!(
                    "line {}: invalid UTF-8, {n} byte sequence(s) replaced with U+FFFD",
                    self.line_no
                ));
                fixed
            }
        };
        let value: Value = serde_json::from_str(&line)
            .map_err(|e| err(SkipReason::BadJson, format!("not valid JSON: {e}")))?;
        json_doc(
            value,
            format!("{}:{}", self.input.id_base, self.line_no),
            location,
            warnings,
        )
    }
}

/// One JSON Lines record (already parsed) as a report: `id` is used when
/// the record has none, `location` (`path:line`) names it in errors and is
/// its source unless it has `url`/`source`.
fn json_doc(
    value: Value,
    id: String,
    location: String,
    warnings: Vec<String>,
) -> Result<RawDoc, ReadError> {
    let err = |reason, message: String| ReadError {
        location: location.clone(),
        reason,
        message,
    };
    let Value::Object(mut obj) = value else {
        return Err(err(SkipReason::BadJson, "not a JSON object".into()));
    };
    let text = ["text", "content", "body"]
        .iter()
        .find_map(|k| match obj.remove(*k) {
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                obj.insert((*k).to_string(), other);
                None
            }
            None => None,
        })
        .ok_or_else(|| err(SkipReason::NoText, "no \"text\" string field".into()))?;
    if text.trim().is_empty() {
        return Err(err(SkipReason::Empty, "empty \"text\"".into()));
    }
    let mut doc = RawDoc {
        id,
        source: location.clone(),
        text,
        warnings,
        ..RawDoc::default()
    };
    match obj.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => doc.id = s.trim().to_string(),
        Some(Value::Number(n)) => doc.id = n.to_string(),
        Some(other) => {
            obj.insert("id".into(), other);
        }
        None => {}
    }
    if let Some(Value::String(t)) = obj.remove("title") {
        doc.title = Some(t);
    }
    match obj.remove("date") {
        Some(Value::String(d)) => set_date(&mut doc, &d),
        Some(other) => {
            obj.insert("date".into(), other);
        }
        None => {}
    }
    for key in ["url", "source"] {
        if let Some(Value::String(s)) = obj.get(key) {
            doc.source = s.clone();
            obj.insert("path".into(), Value::String(location.clone()));
            break;
        }
    }
    doc.metadata = obj;
    Ok(doc)
}

impl Iterator for JsonLines {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line_no += 1;
            match read_line_capped(&mut *self.reader, &mut self.buf, self.max) {
                Ok(0) => self.done = true,
                Ok(len) if self.buf.len() > self.max => {
                    self.buf = Vec::new();
                    return Some(Err(too_large(
                        format!("{}:{}", self.input.display(), self.line_no),
                        human_bytes(len as u64),
                        self.max,
                    )));
                }
                Ok(_) => {
                    let line = self.buf.trim_ascii();
                    if line.is_empty() {
                        continue;
                    }
                    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
                    return Some(self.record(line));
                }
                Err(e) => {
                    self.done = true;
                    let reason = if self.input.format == Format::JsonLinesGz {
                        SkipReason::BadCompression
                    } else {
                        SkipReason::Unreadable
                    };
                    return Some(Err(ReadError {
                        location: format!("{}:{}", self.input.display(), self.line_no),
                        reason,
                        message: format!("cannot read further, rest of file skipped: {e}"),
                    }));
                }
            }
        }
        None
    }
}

// ---- Reports held in memory (library users, the Python package) ----------

/// A report held as text rather than in a file, read as a UTF-8 `.txt` file
/// holding `text` would be: its metadata header taken, the first line as
/// title when it looks like one, and the same errors (`too-large` over
/// `max_bytes`, `binary`, `empty`). `id` and `source` stand for the file's
/// id and path.
pub fn text_report(
    text: &str,
    id: &str,
    source: &str,
    max_bytes: usize,
) -> Result<RawDoc, ReadError> {
    let max = max_bytes.max(1);
    if text.len() > max {
        return Err(too_large(
            source.to_string(),
            human_bytes(text.len() as u64),
            max,
        ));
    }
    if encoding::looks_binary(text.as_bytes()) {
        return Err(ReadError {
            location: source.to_string(),
            reason: SkipReason::Binary,
            message: "binary data, not a text report".into(),
        });
    }
    let decoded = encoding::decode(text.as_bytes(), Some(Encoding::Utf8));
    text_doc(
        &decoded.text,
        id.to_string(),
        source.to_string(),
        decoded.warnings,
    )
}

/// A JSON Lines record held in memory (already parsed), read as the line
/// `location` (`path:line`) of a JSON Lines file would be: `text` (or
/// `content`/`body`), `id` (else the `id` given here), `title`, `date`,
/// `url`/`source` (else `location` is the source), the rest kept as
/// metadata; the same errors (`bad-json`, `no-text`, `empty`, and
/// `too-large` when the text is over `max_bytes`).
pub fn json_report(
    value: Value,
    id: &str,
    location: &str,
    max_bytes: usize,
) -> Result<RawDoc, ReadError> {
    let max = max_bytes.max(1);
    let doc = json_doc(value, id.to_string(), location.to_string(), Vec::new())?;
    if doc.text.len() > max {
        return Err(too_large(
            location.to_string(),
            human_bytes(doc.text.len() as u64),
            max,
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_dates() {
        assert_eq!(
            parse_metadata_date("2021-03-11").as_deref(),
            Some("2021-03-11")
        );
        assert_eq!(
            parse_metadata_date("2021-03-11T08:00:00+07:00").as_deref(),
            Some("2021-03-11")
        );
        assert_eq!(
            parse_metadata_date("11/3/2021").as_deref(),
            Some("2021-03-11")
        );
        assert_eq!(
            parse_metadata_date("9.3.2021").as_deref(),
            Some("2021-03-09")
        );
        assert_eq!(parse_metadata_date("31/2/2021"), None);
        assert_eq!(parse_metadata_date("hôm qua"), None);
    }

    #[test]
    fn header_is_taken_only_when_every_line_is_a_field() {
        let mut doc = RawDoc::default();
        let body = take_header(
            "Tiêu đề: Hội nghị\nNgày: 15/3/2021\nNguồn: Báo X\n\nNội dung.",
            &mut doc,
        );
        assert_eq!(body, "Nội dung.");
        assert_eq!(doc.title.as_deref(), Some("Hội nghị"));
        assert_eq!(doc.date.as_deref(), Some("2021-03-15"));
        assert_eq!(doc.metadata["source"], "Báo X");

        let mut doc = RawDoc::default();
        let text = "Sinh ngày: 12/06/1953\nQuê quán: Nghệ An\n\nTiểu sử.";
        assert_eq!(take_header(text, &mut doc), text);
        assert_eq!(doc.date, None);
    }

    #[test]
    fn ids_drop_extensions() {
        assert_eq!(strip_ext("a/b.txt"), "a/b");
        assert_eq!(strip_ext("feed.jsonl.gz"), "feed");
        assert_eq!(strip_ext("x.v2/readme"), "x.v2/readme");
    }
}
