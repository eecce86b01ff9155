//! `vntext._vntext`: the Rust half of the Python package. Thin: every call
//! goes through the library's public API (reading, the pipeline's
//! `process`, the search engine and its listings) and hands back the JSON
//! the CLI prints, which `vntext/__init__.py` turns into dicts, so Python
//! sees exactly what `vntext extract --format json` and `vntext search
//! --format json` print. Extraction runs with the GIL released, on rayon.

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use vntext::pipeline::{self, Stages};
use vntext::read::{self, RawDoc, ReadError, ReadOptions};
use vntext::search::{Engine, listing, query};

create_exception!(
    vntext,
    VntextError,
    PyValueError,
    "Base of vntext's errors (a ValueError)."
);
create_exception!(
    vntext,
    InputError,
    VntextError,
    "A report that cannot be read; `reason` is the CLI's skip reason (empty, binary, too-large, no-text, bad-json, invalid-unicode, bad-date), `location` names the item."
);
create_exception!(
    vntext,
    QueryError,
    VntextError,
    "A search query that does not parse; `column` is where (1-based, in characters)."
);

fn input_error(location: &str, reason: &str, message: &str) -> PyErr {
    let err = InputError::new_err(format!("{location}: {message} ({reason})"));
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("reason", reason);
        let _ = v.setattr("location", location);
        let _ = v.setattr("message", message);
    });
    err
}

fn read_error(e: &ReadError) -> PyErr {
    input_error(&e.location, e.reason.as_str(), &e.message)
}

fn max_bytes(max_report_mb: usize) -> usize {
    max_report_mb.saturating_mul(1 << 20).max(1)
}

/// A Python `str` as Rust text; a clean error for anything else.
fn text_of<'a>(
    obj: &'a Bound<'_, PyAny>,
    location: &str,
    what: &str,
) -> PyResult<std::borrow::Cow<'a, str>> {
    let Ok(s) = obj.cast::<PyString>() else {
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        let hint = if ty == "bytes" || ty == "bytearray" {
            " (decode it first, e.g. data.decode(\"utf-8\"), or pass files to extract_files, which detects encodings)"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "{location}: {what} must be str, not {ty}{hint}"
        )));
    };
    s.to_cow().map_err(|_| {
        input_error(
            location,
            "invalid-unicode",
            &format!("{what} holds a lone surrogate, not valid Unicode (encode with errors=\"replace\" first)"),
        )
    })
}

/// A Python value as JSON (dict items of `extract_many`).
fn to_json(obj: &Bound<'_, PyAny>, location: &str, field: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(format!(
            "{location}: field {field:?}: integer too large for JSON"
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if obj.cast::<PyString>().is_ok() {
        return Ok(Value::String(text_of(obj, location, field)?.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = text_of(&k, location, "a key")?.to_string();
            let value = to_json(&v, location, &key)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for v in obj.try_iter()? {
            out.push(to_json(&v?, location, field)?);
        }
        return Ok(Value::Array(out));
    }
    let ty = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(PyTypeError::new_err(format!(
        "{location}: field {field:?}: a {ty} is not JSON (str, int, float, bool, None, list, dict)"
    )))
}

/// One Python item (str or dict) as a report, or the error it gives.
fn raw_of(
    item: &Bound<'_, PyAny>,
    id: &str,
    location: &str,
    max: usize,
) -> PyResult<Result<RawDoc, ReadError>> {
    if item.cast::<PyDict>().is_ok() {
        let value = to_json(item, location, "item")?;
        return Ok(read::json_report(value, id, location, max));
    }
    if item.cast::<PyString>().is_ok() {
        let text = text_of(item, location, "the text")?;
        return Ok(read::text_report(&text, id, location, max));
    }
    let ty = item
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let hint = if ty == "bytes" || ty == "bytearray" {
        " (decode it first, e.g. data.decode(\"utf-8\"))"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{location}: expected a str or a dict with \"text\", not {ty}{hint}"
    )))
}

fn to_json_string(doc: &vntext::Document) -> String {
    // A Document always serializes (string keys, no floats).
    serde_json::to_string(doc).unwrap_or_default()
}

/// Rayon pools by size, built once: `threads=None` uses the global pool.
fn pool(threads: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);
    let Some(n) = threads else { return Ok(None) };
    if n == 0 {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let mut pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&n) {
        return Ok(Some(p.clone()));
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("vntext-{i}"))
            .build()
            .map_err(|e| VntextError::new_err(format!("setting up worker threads: {e}")))?,
    );
    pools.insert(n, p.clone());
    Ok(Some(p))
}

fn in_pool<T: Send>(pool: &Option<Arc<rayon::ThreadPool>>, f: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// Extract one text: the JSON of `vntext extract --format json` on a file
/// holding it (header and first-line title included), with `title` and
/// `date` overriding.
#[pyfunction]
#[pyo3(signature = (text, title=None, date=None, id="text", source=None, max_report_mb=64))]
fn extract_json(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    title: Option<&Bound<'_, PyAny>>,
    date: Option<&Bound<'_, PyAny>>,
    id: &str,
    source: Option<&str>,
    max_report_mb: usize,
) -> PyResult<String> {
    let source = source.unwrap_or(id);
    let text = text_of(text, source, "the text")?;
    let mut raw = read::text_report(&text, id, source, max_bytes(max_report_mb))
        .map_err(|e| read_error(&e))?;
    if let Some(t) = title.filter(|t| !t.is_none()) {
        raw.title = Some(text_of(t, source, "title")?.to_string());
    }
    if let Some(d) = date.filter(|d| !d.is_none()) {
        let d = text_of(d, source, "date")?;
        raw.date = Some(read::parse_metadata_date(&d).ok_or_else(|| {
            input_error(
                source,
                "bad-date",
                &format!("date '{d}' is not a date (YYYY-MM-DD or D/M/YYYY)"),
            )
        })?);
    }
    let json = py.detach(move || to_json_string(&pipeline::process(raw, Stages::Extract)));
    Ok(json)
}

type ItemError = (usize, String, String, String);

/// Items (str or dict) as reports, item `i` of the list being number
/// `start + i` of the whole run; an unreadable one is `None` with its error
/// `(index, location, reason, message)`, or raised with `raise_errors`.
fn raws_of(
    items: &Bound<'_, PyList>,
    start: usize,
    id_prefix: &str,
    source_prefix: Option<&str>,
    max_report_mb: usize,
    raise_errors: bool,
) -> PyResult<(Vec<Option<RawDoc>>, Vec<ItemError>)> {
    let max = max_bytes(max_report_mb);
    let source_prefix = source_prefix.unwrap_or(id_prefix);
    let mut raws = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let n = start + i + 1;
        let id = format!("{id_prefix}:{n}");
        let location = format!("{source_prefix}:{n}");
        match raw_of(&item, &id, &location, max)? {
            Ok(raw) => raws.push(Some(raw)),
            Err(e) => {
                if raise_errors {
                    return Err(read_error(&e));
                }
                errors.push((
                    start + i,
                    e.location.clone(),
                    e.reason.as_str().to_string(),
                    e.message.clone(),
                ));
                raws.push(None);
            }
        }
    }
    Ok((raws, errors))
}

fn process_all(raws: Vec<Option<RawDoc>>) -> Vec<Option<String>> {
    raws.into_par_iter()
        .map(|raw| raw.map(|r| to_json_string(&pipeline::process(r, Stages::Extract))))
        .collect()
}

/// Extract a list of items (str or dict), item `i` (0-based) of the list
/// being number `start + i` of the whole run: JSON per item, or `None` and
/// an error `(index, location, reason, message)` when it cannot be read.
/// With `raise_errors`, the first such error is raised instead.
#[pyfunction]
#[pyo3(signature = (items, start=0, threads=None, id_prefix="text", source_prefix=None, max_report_mb=64, raise_errors=true))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn extract_chunk(
    py: Python<'_>,
    items: &Bound<'_, PyList>,
    start: usize,
    threads: Option<usize>,
    id_prefix: &str,
    source_prefix: Option<&str>,
    max_report_mb: usize,
    raise_errors: bool,
) -> PyResult<(Vec<Option<String>>, Vec<ItemError>)> {
    let pool = pool(threads)?;
    let (raws, errors) = raws_of(
        items,
        start,
        id_prefix,
        source_prefix,
        max_report_mb,
        raise_errors,
    )?;
    let out = py.detach(move || in_pool(&pool, move || process_all(raws)));
    Ok((out, errors))
}

/// A chunk being extracted in the background (see `submit_chunk`).
#[pyclass(module = "vntext._vntext")]
struct Pending {
    rx: Mutex<Option<std::sync::mpsc::Receiver<Vec<Option<String>>>>>,
    errors: Vec<ItemError>,
}

#[pymethods]
impl Pending {
    /// Wait (the GIL released) for the chunk: what `extract_chunk` returns.
    #[allow(clippy::type_complexity)]
    fn wait(&self, py: Python<'_>) -> PyResult<(Vec<Option<String>>, Vec<ItemError>)> {
        let rx = self
            .rx
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .ok_or_else(|| VntextError::new_err("this chunk was already collected"))?;
        let out = py
            .detach(move || rx.recv())
            .map_err(|_| VntextError::new_err("an extraction worker stopped"))?;
        Ok((out, self.errors.clone()))
    }
}

/// Like `extract_chunk`, but returns at once once the items are read: the
/// extraction runs on the pool while the caller goes on (turning the
/// previous chunk's JSON into dicts), and `Pending.wait()` collects it.
#[pyfunction]
#[pyo3(signature = (items, start=0, threads=None, id_prefix="text", source_prefix=None, max_report_mb=64, raise_errors=true))]
#[allow(clippy::too_many_arguments)]
fn submit_chunk(
    items: &Bound<'_, PyList>,
    start: usize,
    threads: Option<usize>,
    id_prefix: &str,
    source_prefix: Option<&str>,
    max_report_mb: usize,
    raise_errors: bool,
) -> PyResult<Pending> {
    let pool = pool(threads)?;
    let (raws, errors) = raws_of(
        items,
        start,
        id_prefix,
        source_prefix,
        max_report_mb,
        raise_errors,
    )?;
    let (tx, rx) = std::sync::mpsc::channel();
    let job = move || {
        let _ = tx.send(process_all(raws));
    };
    match &pool {
        Some(p) => p.spawn(job),
        None => rayon::spawn(job),
    }
    Ok(Pending {
        rx: Mutex::new(Some(rx)),
        errors,
    })
}

/// Read files and folders as `vntext extract` does: JSON per document, in
/// input order, and the inputs skipped `(location, reason, message)`.
#[pyfunction]
#[pyo3(signature = (paths, threads=None, encoding=None, max_report_mb=64))]
#[allow(clippy::type_complexity)]
fn extract_files_json(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    encoding: Option<&str>,
    max_report_mb: usize,
) -> PyResult<(Vec<String>, Vec<(String, String, String)>)> {
    let pool = pool(threads)?;
    let encoding = encoding
        .map(|e| e.parse())
        .transpose()
        .map_err(|e: String| PyValueError::new_err(e))?;
    let opts = pipeline::Options {
        read: ReadOptions {
            encoding,
            max_report_bytes: Some(max_bytes(max_report_mb)),
        },
        stages: Stages::Extract,
    };
    struct Json {
        docs: Vec<String>,
        skipped: Vec<(String, String, String)>,
    }
    impl pipeline::Sink for Json {
        fn document(&mut self, doc: &vntext::Document) -> anyhow::Result<()> {
            self.docs.push(serde_json::to_string(doc)?);
            Ok(())
        }
        fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
            self.skipped.push((
                err.location.clone(),
                err.reason.as_str().to_string(),
                err.message.clone(),
            ));
            Ok(())
        }
    }
    let mut sink = Json {
        docs: Vec::new(),
        skipped: Vec::new(),
    };
    py.detach(|| in_pool(&pool, || pipeline::run(&paths, &opts, &mut sink)))
        .map_err(|e| VntextError::new_err(format!("{e:#}")))?;
    Ok((sink.docs, sink.skipped))
}

/// The normalized text (NFC, one tone-mark style, clean whitespace and
/// punctuation), as `vntext normalize` prints a report's body.
#[pyfunction]
fn normalize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text_of(text, "text", "the text")?;
    Ok(py.detach(|| vntext::normalize::normalize(&text)))
}

/// An index opened read-only; every method returns the JSON the CLI's
/// `--format json` prints.
#[pyclass(frozen, module = "vntext._vntext")]
struct RawIndex {
    engine: Engine,
}

fn search_err(e: vntext::search::SearchError) -> PyErr {
    match e {
        vntext::search::SearchError::Query(q) => {
            let err = QueryError::new_err(q.to_string());
            Python::attach(|py| {
                let v = err.value(py);
                let _ = v.setattr("column", q.column);
                let _ = v.setattr("query", q.query.clone());
            });
            err
        }
        other => VntextError::new_err(other.to_string()),
    }
}

/// A listing's rows as JSON: the listing runs with the GIL released, its
/// error becomes the CLI's exception.
fn listing_json<R, F>(py: Python<'_>, listing: F) -> PyResult<String>
where
    R: serde::Serialize + Send,
    F: FnOnce() -> Result<Vec<R>, vntext::search::SearchError> + Send,
{
    let rows = py.detach(listing).map_err(search_err)?;
    serde_json::to_string(&rows).map_err(|e| VntextError::new_err(e.to_string()))
}

fn day(s: Option<&str>, last: bool) -> PyResult<Option<i64>> {
    s.map(|d| {
        query::parse_date_span(d)
            .map(|(a, b)| if last { b } else { a })
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "'{d}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY)"
                ))
            })
    })
    .transpose()
}

#[pymethods]
impl RawIndex {
    #[new]
    #[pyo3(signature = (path, threads=None))]
    fn new(py: Python<'_>, path: PathBuf, threads: Option<usize>) -> PyResult<RawIndex> {
        let threads =
            threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let engine = py
            .detach(|| Engine::open_with_threads(&path, threads.max(1)))
            .map_err(|e| VntextError::new_err(format!("{e:#}")))?;
        Ok(RawIndex { engine })
    }

    /// Reports in the index.
    fn __len__(&self) -> usize {
        self.engine.num_docs() as usize
    }

    /// `{"total", "hits"}` for `limit + offset` hits (the caller skips
    /// `offset`), and the note on common words the CLI prints on stderr.
    fn search_json(
        &self,
        py: Python<'_>,
        query: &str,
        limit: usize,
    ) -> PyResult<(String, Option<String>)> {
        let node = query::parse(query).map_err(|e| search_err(e.into()))?;
        let note = node.common_words_note();
        let results = py
            .detach(|| self.engine.search_node(&node, limit))
            .map_err(search_err)?;
        let json =
            serde_json::to_string(&results).map_err(|e| VntextError::new_err(e.to_string()))?;
        Ok((json, note))
    }

    #[pyo3(signature = (from_=None, to=None, org=None))]
    fn deadlines_json(
        &self,
        py: Python<'_>,
        from_: Option<&str>,
        to: Option<&str>,
        org: Option<&str>,
    ) -> PyResult<String> {
        let (from, to) = (day(from_, false)?, day(to, true)?);
        listing_json(py, || listing::deadlines(&self.engine, from, to, org))
    }

    #[pyo3(signature = (event=None, person=None))]
    fn attendees_json(
        &self,
        py: Python<'_>,
        event: Option<&str>,
        person: Option<&str>,
    ) -> PyResult<String> {
        listing_json(py, || listing::attendees(&self.engine, event, person))
    }

    #[pyo3(signature = (title=None))]
    fn people_json(&self, py: Python<'_>, title: Option<&str>) -> PyResult<String> {
        listing_json(py, || listing::people(&self.engine, title))
    }

    #[pyo3(signature = (cited_by=None))]
    fn directives_json(&self, py: Python<'_>, cited_by: Option<&str>) -> PyResult<String> {
        listing_json(py, || listing::directives(&self.engine, cited_by))
    }
}

#[pymodule]
fn _vntext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_chunk, m)?)?;
    m.add_function(wrap_pyfunction!(submit_chunk, m)?)?;
    m.add_class::<Pending>()?;
    m.add_function(wrap_pyfunction!(extract_files_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_class::<RawIndex>()?;
    m.add("VntextError", py.get_type::<VntextError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("QueryError", py.get_type::<QueryError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
