//! Analyst listings across the whole index: deadlines, event attendees,
//! people and directives. People and directives are aggregated across
//! reports: one row per person (folded name) or directive (`key`), with the
//! reports that mention it and the first and last report dates.

use super::evidence::{Evidence, due_note, written_date};
use super::query::{DateField, Node};
use super::same::{self, Anchors};
use super::{Engine, SearchError, StoredDoc};
use crate::index::analyzer::folded_tokens;
use crate::model::Kind;
use crate::normalize::search_key;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// Why `due` is not the day written ("ngày liền trước ngày 30/4/2017"
    /// for "trước ngày 30/4/2017"); `None` when it is that day.
    pub due_note: Option<String>,
    /// The deadline as written ("trước ngày 30/4/2017") and its sentence.
    pub evidence: Evidence,
}

impl Row for DeadlineRow {
    fn headers() -> &'static [&'static str] {
        &[
            "due",
            "task",
            "responsible",
            "report",
            "report_date",
            "written",
            "due_note",
            "sentence",
        ]
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
            self.evidence.text.clone(),
            self.due_note.clone().unwrap_or_default(),
            self.evidence.sentence.clone(),
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
                let written = written_date(&doc.data.entities, e);
                rows.push(DeadlineRow {
                    due: due.clone(),
                    text: e.text.clone(),
                    task: task.clone(),
                    responsible: responsible.clone(),
                    report: doc.id.clone(),
                    report_date: doc.date.clone(),
                    title: doc.title.clone(),
                    due_note: due_note(due.as_deref(), written),
                    evidence: Evidence::of(&doc, e),
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
    /// The attendee's mention nearest the event (else the event's) and
    /// its sentence.
    pub evidence: Evidence,
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
            "written",
            "sentence",
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
            self.evidence.text.clone(),
            self.evidence.sentence.clone(),
        ]
    }
}

/// The mention of person `name` that shows them at an event starting at
/// byte `at`: the first one from `at` on, else the last one before it.
fn person_mention<'a>(
    doc: &'a StoredDoc,
    name: &str,
    at: usize,
) -> Option<&'a crate::model::Entity> {
    let key = search_key(name);
    let is = |e: &&crate::model::Entity| match &e.kind {
        Kind::Person {
            name, refers_to, ..
        } => search_key(refers_to.as_deref().unwrap_or(name)) == key,
        _ => false,
    };
    let ents = &doc.data.entities;
    let split = ents.partition_point(|e| e.start < at);
    ents[split..]
        .iter()
        .find(is)
        .or_else(|| ents[..split].iter().rev().find(is))
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
                let evidence = match person_mention(&doc, &a.name, ev.start) {
                    Some(m) => Evidence::of(&doc, m),
                    None => {
                        let text = doc.body.get(ev.start..ev.end).unwrap_or_default();
                        Evidence::at(&doc, ev.start, ev.end, ev.sentence, text)
                    }
                };
                rows.push(AttendeeRow {
                    evidence,
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
        self.dated(doc.date.as_ref());
    }

    fn dated(&mut self, d: Option<&String>) {
        if let Some(d) = d {
            if self.first.as_ref().is_none_or(|f| d < f) {
                self.first = Some(d.clone());
            }
            if self.last.as_ref().is_none_or(|l| d > l) {
                self.last = Some(d.clone());
            }
        }
    }

    /// Both in one: reports in id order, once each.
    fn merge(&mut self, other: Seen) {
        self.mentions += other.mentions;
        self.reports.extend(other.reports);
        self.reports.sort();
        self.reports.dedup();
        self.dated(other.first.as_ref());
        self.dated(other.last.as_ref());
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
    /// Set when another row has the same name: what tells this person
    /// apart ("2 người cùng tên; người này: Quảng Trị"), or that these
    /// reports do not say which one they are about.
    pub note: Option<String>,
    /// A mention with a title (else the first) and its sentence.
    pub evidence: Evidence,
}

impl Row for PersonRow {
    fn headers() -> &'static [&'static str] {
        &[
            "name", "titles", "mentions", "reports", "first", "last", "note", "written", "sentence",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.titles.join("; "),
            self.mentions.to_string(),
            self.reports.join(" "),
            self.first.clone().unwrap_or_default(),
            self.last.clone().unwrap_or_default(),
            self.note.clone().unwrap_or_default(),
            self.evidence.text.clone(),
            self.evidence.sentence.clone(),
        ]
    }
}

/// One report's mentions of one name (within a report, one name is one
/// person, as extraction reads it).
struct Group {
    forms: Vec<(String, usize)>,
    titles: Vec<String>,
    /// The report's province, when a title names it by its level word
    /// alone ("Chủ tịch UBND tỉnh"): folded and as shown.
    place: Option<(String, String)>,
    seen: Seen,
    evidence: Evidence,
    titled: bool,
}

impl Group {
    fn absorb(&mut self, other: Group) {
        for (f, n) in other.forms {
            match self.forms.iter_mut().find(|(x, _)| *x == f) {
                Some((_, m)) => *m += n,
                None => self.forms.push((f, n)),
            }
        }
        self.add_titles(&other.titles);
        self.place = self.place.take().or(other.place);
        self.seen.merge(other.seen);
        if !self.titled && other.titled {
            self.evidence = other.evidence;
            self.titled = true;
        }
    }

    fn add_titles(&mut self, titles: &[String]) {
        for t in titles {
            let k = search_key(t);
            if !self.titles.iter().any(|x| search_key(x) == k) {
                self.titles.push(t.clone());
            }
        }
    }
}

/// The people behind one name: its report groups put together unless
/// their titles name different provinces or ministries
/// ([`same::compatible`]). Reports whose titles name nothing join the one
/// person when there is one; with several they stay apart, as "not said
/// which" (the `bool`).
fn split_by_anchors(groups: Vec<Group>) -> Vec<(Group, Anchors, bool)> {
    let anchors: Vec<Anchors> = groups
        .iter()
        .map(|g| {
            let mut a = same::anchors(&g.titles);
            if let Some((k, shown)) = &g.place
                && !a.contains_key(&same::AnchorKind::Province)
            {
                a.entry(same::AnchorKind::Province)
                    .or_default()
                    .insert(k.clone(), shown.clone());
            }
            a
        })
        .collect();
    let mut clusters: Vec<(Vec<usize>, Anchors)> = Vec::new();
    for (i, a) in anchors.iter().enumerate() {
        if a.is_empty() {
            continue;
        }
        match clusters.iter_mut().find(|(_, ca)| same::compatible(ca, a)) {
            Some((members, ca)) => {
                members.push(i);
                for (kind, values) in a {
                    let into = ca.entry(*kind).or_default();
                    for (k, v) in values {
                        into.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
            None => clusters.push((vec![i], a.clone())),
        }
    }
    let bare: Vec<usize> = (0..groups.len())
        .filter(|&i| anchors[i].is_empty())
        .collect();
    let mut unplaced = Vec::new();
    match clusters.len() {
        0 if !bare.is_empty() => clusters.push((bare, Anchors::new())),
        0 => {}
        1 => clusters[0].0.extend(bare),
        _ => unplaced = bare,
    }
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let mut take = |members: &[usize]| -> Option<Group> {
        let mut members = members.to_vec();
        members.sort_unstable();
        let mut it = members.into_iter().filter_map(|i| slots[i].take());
        let mut g = it.next()?;
        for other in it {
            g.absorb(other);
        }
        Some(g)
    };
    let mut out = Vec::new();
    for (members, a) in &clusters {
        if let Some(g) = take(members) {
            out.push((g, a.clone(), false));
        }
    }
    if let Some(g) = take(&unplaced) {
        out.push((g, Anchors::new(), true));
    }
    out
}

/// People across the index, with a title holding `title` if given; most
/// reports first. One row per person: mentions are put together by folded
/// full name, and one name is split into several people when their titles
/// say they differ (see [`split_by_anchors`]; the rows say so in `note`).
pub fn people(engine: &Engine, title: Option<&str>) -> Result<Vec<PersonRow>, SearchError> {
    let mut by_key: BTreeMap<String, Vec<Group>> = BTreeMap::new();
    for doc in documents(engine, None)? {
        // the province the report is about, computed when a title needs it
        let mut province: Option<Option<(String, String)>> = None;
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
            let groups = by_key.entry(key).or_default();
            if groups
                .last()
                .is_none_or(|g| g.seen.reports.last() != Some(&doc.id))
            {
                groups.push(Group {
                    forms: Vec::new(),
                    titles: Vec::new(),
                    place: None,
                    seen: Seen::default(),
                    evidence: Evidence::of(&doc, e),
                    titled: !titles.is_empty(),
                });
            }
            let g = groups.last_mut().expect("pushed above");
            if !g.titled && !titles.is_empty() {
                g.evidence = Evidence::of(&doc, e);
                g.titled = true;
            }
            match g.forms.iter_mut().find(|(f, _)| f == who) {
                Some((_, n)) => *n += 1,
                None => g.forms.push((who.to_string(), 1)),
            }
            g.add_titles(titles);
            if g.place.is_none() && titles.iter().any(|t| same::names_a_bare_province(t)) {
                g.place = province
                    .get_or_insert_with(|| {
                        same::report_province(doc.data.entities.iter().filter_map(
                            |x| match &x.kind {
                                Kind::Location { name, .. } => Some(name),
                                _ => None,
                            },
                        ))
                    })
                    .clone();
            }
            g.seen.add(&doc);
        }
    }
    let mut rows: Vec<PersonRow> = Vec::new();
    for groups in by_key.into_values() {
        let people = split_by_anchors(groups);
        let placed: Vec<String> = people
            .iter()
            .filter(|(_, _, unplaced)| !unplaced)
            .map(|(_, a, _)| same::describe(a))
            .collect();
        let many = people.len() > 1;
        for (acc, anchors, unplaced) in people {
            let note = match (many, unplaced) {
                (false, _) => None,
                (true, false) => Some(format!(
                    "{} người cùng tên, phân biệt theo chức danh; người này: {}",
                    placed.len(),
                    same::describe(&anchors)
                )),
                (true, true) => Some(format!(
                    "cùng tên với {} người ({}); các báo cáo này không cho biết là ai",
                    placed.len(),
                    placed.join(" / ")
                )),
            };
            if title.is_some_and(|t| !acc.titles.iter().any(|x| mentions(x, t))) {
                continue;
            }
            // The most frequent spelling; the first seen on a tie.
            let name = acc
                .forms
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
                .map(|(_, (f, _))| f.clone())
                .unwrap_or_default();
            rows.push(PersonRow {
                name,
                titles: acc.titles,
                mentions: acc.seen.mentions,
                reports: acc.seen.reports,
                first: acc.seen.first,
                last: acc.seen.last,
                note,
                evidence: acc.evidence,
            });
        }
    }
    rows.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then_with(|| search_key(&a.name).cmp(&search_key(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.reports.cmp(&b.reports))
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
    /// Short keys of the same document folded into this row
    /// (`chi-thi:5` into `chi-thi:5-ct/tw`, see [`same::aliases`]).
    pub aliases: Vec<String>,
    /// For a short key that more than one document could be: which.
    pub note: Option<String>,
    /// A full mention (with its number or name; else the first) and its
    /// sentence.
    pub evidence: Evidence,
}

impl Row for DirectiveRow {
    fn headers() -> &'static [&'static str] {
        &[
            "key", "doc_type", "number", "issuer", "issued", "mentions", "reports", "first",
            "last", "aliases", "note", "written", "sentence",
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
            self.aliases.join(" "),
            self.note.clone().unwrap_or_default(),
            self.evidence.text.clone(),
            self.evidence.sentence.clone(),
        ]
    }
}

/// Directives across the index, one row per document (`key`, short keys
/// of the same document folded in: [`same::aliases`]); with `cited_by`,
/// only those cited by the reports with that id or matching that query.
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
    // whether a row's evidence is a full mention (number or name, not a link)
    let mut full: HashMap<String, bool> = HashMap::new();
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
            let is_full = refers_to.is_none() && (number.is_some() || name.is_some());
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
                aliases: Vec::new(),
                note: None,
                evidence: Evidence::of(doc, e),
            });
            let was_full = full.entry(key.clone()).or_insert(is_full);
            if is_full && !*was_full {
                row.evidence = Evidence::of(doc, e);
                *was_full = true;
            }
            // A full mention fills what bare ones lack.
            row.number = row.number.take().or_else(|| number.clone());
            row.name = row.name.take().or_else(|| name.clone());
            row.issuer = row.issuer.take().or_else(|| issuer.clone());
            row.issued = row.issued.take().or_else(|| issued.clone());
            seen.entry(key).or_default().add(doc);
        }
    }
    for (k, row) in by_key.iter_mut() {
        if let Some(s) = seen.remove(k) {
            row.mentions = s.mentions;
            row.reports = s.reports;
            row.first = s.first;
            row.last = s.last;
        }
    }
    // One document under a short and a full key: one row, the full one's.
    let keys: BTreeSet<String> = by_key.keys().cloned().collect();
    let (alias, ambiguous) = same::aliases(&keys);
    for (short, long) in &alias {
        let Some(s) = by_key.remove(short) else {
            continue;
        };
        let Some(row) = by_key.get_mut(long) else {
            by_key.insert(short.clone(), s);
            continue;
        };
        row.number = row.number.take().or(s.number);
        row.name = row.name.take().or(s.name);
        row.issuer = row.issuer.take().or(s.issuer);
        row.issued = row.issued.take().or(s.issued);
        let mut merged = Seen {
            reports: std::mem::take(&mut row.reports),
            mentions: row.mentions,
            first: row.first.take(),
            last: row.last.take(),
        };
        merged.merge(Seen {
            reports: s.reports,
            mentions: s.mentions,
            first: s.first,
            last: s.last,
        });
        row.reports = merged.reports;
        row.mentions = merged.mentions;
        row.first = merged.first;
        row.last = merged.last;
        row.aliases.push(short.clone());
        row.aliases.extend(s.aliases);
        if !full.get(long).copied().unwrap_or(false) && full.get(short).copied().unwrap_or(false) {
            row.evidence = s.evidence;
        }
    }
    for (short, longs) in ambiguous {
        if let Some(row) = by_key.get_mut(&short) {
            row.note = Some(format!("có thể là một trong: {}", longs.join(", ")));
        }
    }
    let mut rows: Vec<DirectiveRow> = by_key.into_values().collect();
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

/// Narrowest width a column keeps before trailing columns are left out of
/// a terminal table (an ISO date whole).
const READABLE_COLUMN: usize = 10;

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
            // A terminal too narrow for every column at a readable width
            // shows the leading ones and names the others in the footer.
            let mut hidden = Vec::new();
            if let Some(total) = width {
                let need = |ws: &[usize]| {
                    ws.iter().map(|&w| w.min(READABLE_COLUMN)).sum::<usize>() + 2 * (ws.len() - 1)
                };
                while widths.len() > 1 && need(&widths) > total {
                    widths.pop();
                    hidden.push(headers[widths.len()].clone());
                }
                hidden.reverse();
                fit_columns(&mut widths, total);
            }
            let line = |cells: &[String]| -> String {
                let n = cells.len().min(widths.len());
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
            if hidden.is_empty() {
                writeln!(out, "({} row(s))", rows.len())?;
            } else {
                let note = format!("({} row(s); hidden: {})", rows.len(), hidden.join(", "));
                writeln!(out, "{}", cut_to(&note, width.unwrap_or(usize::MAX)))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
