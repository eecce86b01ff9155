//! Batch search: many queries over one shared searcher, answered in
//! parallel (rayon), written in input order. Output does not depend on the
//! thread count.
//!
//! Input: one query per line, or a JSON object per line
//! `{"query": "…", "limit": 5, "collapse": true}`. Each report is a hit of
//! its own unless the line sets `"collapse": true` (near-identical copies
//! then make one hit listing the others, as in `vntext search`): batch
//! answers feed programs that count reports. Blank lines and lines starting with `#`
//! are passed over (but counted in `line`). Output: one JSON object per
//! query, `{"line": N, "query": "…", "total": T, "hits": [...]}` or
//! `{"line": N, "query": "…", "error": "…"}`.

use super::Engine;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::io::{BufRead, Write};

/// Queries answered per parallel round (bounds memory on huge inputs).
const CHUNK: usize = 4096;

#[derive(Debug, Clone, PartialEq)]
pub struct BatchQuery {
    /// 1-based line number in the input.
    pub line: usize,
    pub query: String,
    pub limit: usize,
    /// Near-identical copies as one hit ([`super::rank`]).
    pub collapse: bool,
}

/// Parse one input line; `None` for a blank or comment line.
pub fn parse_line(
    line_no: usize,
    line: &str,
    default_limit: usize,
) -> Option<Result<BatchQuery, String>> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    if t.starts_with('{') {
        return Some(match serde_json::from_str::<Value>(t) {
            Ok(Value::Object(o)) => match o.get("query").and_then(Value::as_str) {
                Some(q) => {
                    let limit = o.get("limit").and_then(Value::as_u64);
                    let collapse = o.get("collapse");
                    match (limit, collapse) {
                        (Some(0), _) => Err("\"limit\" must be at least 1".into()),
                        (_, Some(c)) if !c.is_boolean() => {
                            Err("\"collapse\" must be true or false".into())
                        }
                        _ => Ok(BatchQuery {
                            line: line_no,
                            query: q.to_string(),
                            limit: limit.map_or(default_limit, |l| l.min(10_000) as usize),
                            collapse: collapse.and_then(Value::as_bool).unwrap_or(false),
                        }),
                    }
                }
                None => Err("a JSON line needs a \"query\" string".into()),
            },
            Ok(_) => Err("a JSON line must be an object".into()),
            Err(e) => Err(format!("bad JSON: {e}")),
        });
    }
    Some(Ok(BatchQuery {
        line: line_no,
        query: t.to_string(),
        limit: default_limit,
        collapse: false,
    }))
}

/// The output line for one query.
pub fn answer(engine: &Engine, q: &BatchQuery) -> Value {
    let results = super::query::parse(&q.query)
        .map_err(super::SearchError::from)
        .and_then(|node| {
            engine.search_node_sorted(&node, 0, q.limit, super::Sort::Relevance, q.collapse)
        });
    match results {
        Ok(r) => json!({"line": q.line, "query": q.query, "total": r.total, "hits": r.hits}),
        Err(e) => json!({"line": q.line, "query": q.query, "error": e.to_string()}),
    }
}

/// What a batch run did.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchStats {
    pub queries: usize,
    pub errors: usize,
}

/// Answer every query of `input` into `out` (JSON Lines, input order).
pub fn run(
    engine: &Engine,
    input: impl BufRead,
    mut out: impl Write,
    default_limit: usize,
) -> anyhow::Result<BatchStats> {
    let mut stats = BatchStats::default();
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
    let mut flush = |chunk: &mut Vec<(usize, String)>, out: &mut dyn Write| -> anyhow::Result<()> {
        let lines: Vec<Option<(String, bool)>> = chunk
            .par_iter()
            .map(|(n, l)| {
                parse_line(*n, l, default_limit).map(|parsed| {
                    let v = match parsed {
                        Ok(q) => answer(engine, &q),
                        Err(e) => json!({"line": n, "query": l.trim(), "error": e}),
                    };
                    let failed = v.get("error").is_some();
                    (v.to_string(), failed)
                })
            })
            .collect();
        for (l, failed) in lines.into_iter().flatten() {
            stats.queries += 1;
            stats.errors += usize::from(failed);
            out.write_all(l.as_bytes())?;
            out.write_all(b"\n")?;
        }
        chunk.clear();
        Ok(())
    };
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        chunk.push((i + 1, line));
        if chunk.len() >= CHUNK {
            flush(&mut chunk, &mut out)?;
        }
    }
    flush(&mut chunk, &mut out)?;
    out.flush()?;
    Ok(stats)
}
