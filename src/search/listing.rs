//! Analyst listings across the whole index: deadlines, event attendees,
//! people and directives. People and directives are aggregated across
//! reports: one row per person (folded name) or directive (`key`), with the
//! reports that mention it and the first and last report dates.

use super::query::{DateField, Node};
use super::{Engine, SearchError, StoredDoc};
use crate::index::analyzer::folded_tokens;
use crate::model::Kind;
use crate::normalize::search_key;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use tantivy::DocAddress;

/// Every live document, in index order, or those matching `filter`.
pub fn documents(engine: &Engine, filter: Option<&Node>) -> Result<Vec<StoredDoc>, SearchError> {
    let addrs: Vec<DocAddress> = match filter {
        Some(node) => engine.matching(node)?,
        None => {
            let mut v = Vec::new();
            for (ord, seg) in engine.searcher.segment_readers().iter().enumerate() {
                let alive = seg.alive_bitset();
                for doc in 0..seg.max_doc() {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        v.push(DocAddress::new(ord as u32, doc));
                    }
                }
            }
            v
        }
    };
    let mut docs = addrs
        .into_iter()
        .map(|a| engine.stored(a))
        .collect::<Result<Vec<_>, _>>()?;
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(docs)
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether `text`, folded, holds the syllables of `needle` in a row.
pub fn mentions(text: &str, needle: &str) -> bool {
    contains_seq(&folded_tokens(text), &folded_tokens(needle))
}

/// A listing row: named columns of text (for tables and CSV) and JSON.
pub trait Row: Serialize {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeadlineRow {
    /// The last day allowed; `None` (JSON `null`) for a deadline the text
    /// gives no calendar day for (counted from an event, recurring, a day
    /// without a year): listed only when no date bound is asked for.
    pub due: Option<String>,
    /// The deadline as written ("trước ngày 10-7", "trong vòng 30 ngày kể
    /// từ ngày nhận …"): the table shows it in place of a missing `due`.
    pub text: String,
    pub task: String,
    pub responsible: Option<String>,
    pub report: String,
    pub report_date: Option<String>,
    pub title: Option<String>,
}

impl Row for DeadlineRow {
    fn headers() -> &'static [&'static str] {
        &["due", "task", "responsible", "report", "report_date"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.due
                .clone()
                .unwrap_or_else(|| format!("— ({})", self.text)),
            self.task.clone(),
            self.responsible.clone().unwrap_or_default(),
            self.report.clone(),
            self.report_date.clone().unwrap_or_default(),
        ]
    }
}

/// Deadlines due in `from..=to` (days since epoch), whose responsible body
/// (or, when none is stated, task) mentions `org`; by due date. Deadlines
/// without a calendar day (`due` null) match no date bound: they are
/// listed, after the dated ones, only when neither `from` nor `to` is given.
pub fn deadlines(
    engine: &Engine,
    from: Option<i64>,
    to: Option<i64>,
    org: Option<&str>,
) -> Result<Vec<DeadlineRow>, SearchError> {
    let bounded = from.is_some() || to.is_some();
    // unbounded: every report, as a deadline without a day indexes none
    let filter = bounded.then_some(Node::Dates {
        field: DateField::Deadline,
        from,
        to,
    });
    let mut rows = Vec::new();
    for doc in documents(engine, filter.as_ref())? {
        for e in &doc.data.entities {
            if let Kind::Deadline {
                due,
                task,
                responsible,
            } = &e.kind
            {
                match due.as_deref().map(super::day) {
                    Some(Some(d)) if super::in_range(from, to, d, d) => {}
                    None if !bounded => {}
                    _ => continue,
                }
                if let Some(org) = org {
                    let who = responsible.as_deref().unwrap_or(task);
                    if !mentions(who, org) {
                        continue;
                    }
                }
                rows.push(DeadlineRow {
                    due: due.clone(),
                    text: e.text.clone(),
                    task: task.clone(),
                    responsible: responsible.clone(),
                    report: doc.id.clone(),
                    report_date: doc.date.clone(),
                    title: doc.title.clone(),
                });
            }
        }
    }
    // dated first, by day; then those without a day, by report
    rows.sort_by(|a, b| {
        (a.due.is_none(), &a.due, &a.report).cmp(&(b.due.is_none(), &b.due, &b.report))
    });
    Ok(rows)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttendeeRow {
    pub name: String,
    pub titles: Vec<String>,
    pub event: String,
    pub event_kind: String,
    pub event_date: Option<String>,
    pub organizer: Option<String>,
    pub report: String,
}

impl Row for AttendeeRow {
    fn headers() -> &'static [&'static str] {
        &[
            "name",
            "titles",
            "event",
            "event_date",
            "organizer",
            "report",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.titles.join("; "),
            self.event.clone(),
            self.event_date.clone().unwrap_or_default(),
            self.organizer.clone().unwrap_or_default(),
            self.report.clone(),
        ]
    }
}

/// Attendees of events whose kind, name or organizer holds every syllable
/// of `event`, and whose name holds `person`.
pub fn attendees(
    engine: &Engine,
    event: Option<&str>,
    person: Option<&str>,
) -> Result<Vec<AttendeeRow>, SearchError> {
    let want: Vec<String> = event.map(folded_tokens).unwrap_or_default();
    let mut rows = Vec::new();
    for doc in documents(engine, None)? {
        for ev in &doc.data.events {
            if !want.is_empty() {
                let have = folded_tokens(&format!(
                    "{} {} {}",
                    ev.kind,
                    ev.name,
                    ev.organizer.as_deref().unwrap_or("")
                ));
                if !want.iter().all(|w| have.contains(w)) {
                    continue;
                }
            }
            for a in &ev.attendees {
                if person.is_some_and(|p| !mentions(&a.name, p)) {
                    continue;
                }
                rows.push(AttendeeRow {
                    name: a.name.clone(),
                    titles: a.titles.clone(),
                    event: ev.name.clone(),
                    event_kind: ev.kind.clone(),
                    event_date: ev.date.clone().or_else(|| doc.date.clone()),
                    organizer: ev.organizer.clone(),
                    report: doc.id.clone(),
                });
            }
        }
    }
    Ok(rows)
}

/// Report ids, first and last report dates: the aggregation shared by
/// people and directives.
#[derive(Debug, Clone, Default)]
struct Seen {
    reports: Vec<String>,
    mentions: usize,
    first: Option<String>,
    last: Option<String>,
}

impl Seen {
    fn add(&mut self, doc: &StoredDoc) {
        self.mentions += 1;
        if self.reports.last() != Some(&doc.id) && !self.reports.contains(&doc.id) {
            self.reports.push(doc.id.clone());
        }
        if let Some(d) = &doc.date {
            if self.first.as_ref().is_none_or(|f| d < f) {
                self.first = Some(d.clone());
            }
            if self.last.as_ref().is_none_or(|l| d > l) {
                self.last = Some(d.clone());
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonRow {
    pub name: String,
    pub titles: Vec<String>,
    pub mentions: usize,
    pub reports: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl Row for PersonRow {
    fn headers() -> &'static [&'static str] {
        &["name", "titles", "mentions", "reports", "first", "last"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.titles.join("; "),
            self.mentions.to_string(),
            self.reports.join(" "),
            self.first.clone().unwrap_or_default(),
            self.last.clone().unwrap_or_default(),
        ]
    }
}

/// People across the index (one row per folded full name), with a title
/// holding `title` if given; most reports first.
pub fn people(engine: &Engine, title: Option<&str>) -> Result<Vec<PersonRow>, SearchError> {
    struct Acc {
        forms: Vec<(String, usize)>,
        titles: Vec<String>,
        seen: Seen,
    }
    let mut by_key: HashMap<String, Acc> = HashMap::new();
    for doc in documents(engine, None)? {
        for e in &doc.data.entities {
            let Kind::Person {
                name,
                titles,
                refers_to,
            } = &e.kind
            else {
                continue;
            };
            let who = refers_to.as_deref().unwrap_or(name);
            let key = search_key(who);
            if key.trim().is_empty() {
                continue;
            }
            let acc = by_key.entry(key).or_insert_with(|| Acc {
                forms: Vec::new(),
                titles: Vec::new(),
                seen: Seen::default(),
            });
            match acc.forms.iter_mut().find(|(f, _)| f == who) {
                Some((_, n)) => *n += 1,
                None => acc.forms.push((who.to_string(), 1)),
            }
            for t in titles {
                let k = search_key(t);
                if !acc.titles.iter().any(|x| search_key(x) == k) {
                    acc.titles.push(t.clone());
                }
            }
            acc.seen.add(&doc);
        }
    }
    let mut rows: Vec<PersonRow> = by_key
        .into_values()
        .filter(|acc| title.is_none_or(|t| acc.titles.iter().any(|x| mentions(x, t))))
        .map(|acc| {
            // The most frequent spelling; the first seen on a tie.
            let name = acc
                .forms
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
                .map(|(_, (f, _))| f.clone())
                .unwrap_or_default();
            PersonRow {
                name,
                titles: acc.titles,
                mentions: acc.seen.mentions,
                reports: acc.seen.reports,
                first: acc.seen.first,
                last: acc.seen.last,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then_with(|| search_key(&a.name).cmp(&search_key(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(rows)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DirectiveRow {
    pub key: String,
    pub doc_type: String,
    pub number: Option<String>,
    pub name: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub mentions: usize,
    pub reports: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl Row for DirectiveRow {
    fn headers() -> &'static [&'static str] {
        &[
            "key", "doc_type", "number", "issuer", "issued", "mentions", "reports", "first", "last",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.key.clone(),
            self.doc_type.clone(),
            self.number
                .clone()
                .or_else(|| self.name.clone())
                .unwrap_or_default(),
            self.issuer.clone().unwrap_or_default(),
            self.issued.clone().unwrap_or_default(),
            self.mentions.to_string(),
            self.reports.join(" "),
            self.first.clone().unwrap_or_default(),
            self.last.clone().unwrap_or_default(),
        ]
    }
}

/// Directives across the index, one row per `key`; with `cited_by`, only
/// those cited by the reports with that id or matching that query.
pub fn directives(
    engine: &Engine,
    cited_by: Option<&str>,
) -> Result<Vec<DirectiveRow>, SearchError> {
    let docs = match cited_by {
        None => documents(engine, None)?,
        Some(q) => {
            let by_id = Node::Text {
                field: super::query::TextField::Id,
                text: q.to_string(),
                phrase: false,
                exact: false,
            };
            let node = match super::query::parse(q) {
                Ok(n) => Node::Or(vec![by_id, n]),
                Err(_) => by_id,
            };
            documents(engine, Some(&node))?
        }
    };
    let mut by_key: BTreeMap<String, DirectiveRow> = BTreeMap::new();
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for doc in &docs {
        for e in &doc.data.entities {
            let Kind::Directive {
                doc_type,
                number,
                issuer,
                issued,
                name,
                key,
                refers_to,
            } = &e.kind
            else {
                continue;
            };
            let key = refers_to.as_deref().unwrap_or(key).to_string();
            if key.is_empty() {
                continue;
            }
            let row = by_key.entry(key.clone()).or_insert_with(|| DirectiveRow {
                key: key.clone(),
                doc_type: doc_type.clone(),
                number: None,
                name: None,
                issuer: None,
                issued: None,
                mentions: 0,
                reports: Vec::new(),
                first: None,
                last: None,
            });
            // A full mention fills what bare ones lack.
            row.number = row.number.take().or_else(|| number.clone());
            row.name = row.name.take().or_else(|| name.clone());
            row.issuer = row.issuer.take().or_else(|| issuer.clone());
            row.issued = row.issued.take().or_else(|| issued.clone());
            seen.entry(key).or_default().add(doc);
        }
    }
    let mut rows: Vec<DirectiveRow> = by_key
        .into_iter()
        .map(|(k, mut row)| {
            if let Some(s) = seen.remove(&k) {
                row.mentions = s.mentions;
                row.reports = s.reports;
                row.first = s.first;
                row.last = s.last;
            }
            row
        })
        .collect();
    rows.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(rows)
}

/// How a listing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns. `width`: the terminal's width in columns; columns
    /// are then sized to fit it and long cells cut with "…". `None` (piped
    /// into a file or another command): whole cells, one record per line.
    Table {
        width: Option<usize>,
    },
    Csv,
    Json,
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Display width of `s` in terminal columns.
fn width_of(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to `max` columns, ending in "…" when cut.
fn cut_to(s: &str, max: usize) -> String {
    if width_of(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Narrowest a column is made to fit a terminal (or its own width).
const MIN_COLUMN: usize = 8;

/// Shrink `widths` (widest first, one column at a time) until they and the
/// two-space gaps fit in `total` columns: first down to [`MIN_COLUMN`],
/// then, for a terminal too narrow for that, down to 3 columns each.
fn fit_columns(widths: &mut [usize], total: usize) {
    let gaps = 2 * widths.len().saturating_sub(1);
    let room = total.saturating_sub(gaps);
    let mut sum: usize = widths.iter().sum();
    for floor in [MIN_COLUMN, 3] {
        let floors: Vec<usize> = widths.iter().map(|&w| w.min(floor)).collect();
        while sum > room {
            let widest = (0..widths.len())
                .filter(|&i| widths[i] > floors[i])
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            let Some(i) = widest else { break };
            // Down to the next widest column's width at once (one at a time
            // among equals, so they stay level), or by what is left.
            let next = (0..widths.len())
                .filter(|&j| j != i)
                .map(|j| widths[j])
                .filter(|&w| w < widths[i])
                .max()
                .unwrap_or(floors[i])
                .max(floors[i]);
            let tied = widths.iter().filter(|&&w| w == widths[i]).count() > 1;
            let step = if tied {
                1
            } else {
                (widths[i] - next).clamp(1, sum - room)
            };
            widths[i] -= step;
            sum -= step;
        }
    }
}

/// Write `rows` in `format`.
pub fn write<R: Row>(rows: &[R], format: Format, mut out: impl Write) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "{}", R::headers().join(","))?;
            for r in rows {
                let cells: Vec<String> = r.cells().iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        Format::Table { width } => {
            let headers: Vec<String> = R::headers().iter().map(|h| h.to_uppercase()).collect();
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    r.cells()
                        .into_iter()
                        .map(|c| c.replace(['\n', '\r'], " "))
                        .collect()
                })
                .collect();
            let mut widths: Vec<usize> = headers.iter().map(|h| width_of(h)).collect();
            for row in &body {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(width_of(c));
                }
            }
            if let Some(total) = width {
                fit_columns(&mut widths, total);
            }
            let line = |cells: &[String]| -> String {
                let n = cells.len();
                let mut s = String::new();
                for (i, (c, &w)) in cells.iter().zip(&widths).enumerate() {
                    let c = if width.is_some() {
                        cut_to(c, w)
                    } else {
                        c.clone()
                    };
                    s += &c;
                    if i + 1 < n {
                        s += &" ".repeat(w.saturating_sub(width_of(&c)) + 2);
                    }
                }
                s
            };
            writeln!(out, "{}", line(&headers))?;
            for row in &body {
                writeln!(out, "{}", line(row))?;
            }
            writeln!(out, "({} row(s))", rows.len())?;
        }
    }
    out.flush()?;
    Ok(())
}
