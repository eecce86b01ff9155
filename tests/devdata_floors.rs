//! Quality floors on real text (issue 12).
//!
//! Runs the built binary (`vntext extract --format json`, one process per set,
//! documents fed as JSON Lines) on the real-text development sets in
//! `../shared/devdata` (or `$VNTEXT_DEVDATA`), scores the output exactly as
//! `../shared/tools/eval-dev` does, and fails when any F1 falls below its
//! floor in [`FLOORS`].
//!
//! The sets are third-party text: they are read from that folder at test time
//! and never copied into the repository (not even as excerpts in comments).
//! When the folder is absent the test is skipped with a message, except under
//! `CI=true`, where a missing folder fails it.
//!
//! `cargo test --test devdata_floors -- --nocapture` prints the table on success.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// F1 floor per (set, field). Raise these as extraction improves; every field
/// scored must have exactly one floor here. Set to the figures reached by the
/// issue-12 work (2026-12-03) minus 0.01: a change that costs more than that
/// on any field fails. Before that work: gov persons 0.944, titles 0.727,
/// directives 0.737, date values 0.801, attendees 0.241; deadlines 0.769 /
/// 0.600; VLSP persons 0.537, organizations 0.338, locations 0.510; PhoNER
/// dates 0.024.
const FLOORS: &[(&str, &str, f64)] = &[
    ("gov", "persons", 0.979),
    ("gov", "person-titles", 0.940),
    ("gov", "directives", 0.990),
    ("gov", "date-values", 0.945),
    ("gov", "date-spans", 0.954),
    ("gov", "deadlines", 0.990),
    ("gov", "attendees", 0.966),
    ("deadlines", "deadlines", 0.990),
    ("deadlines", "deadline-spans", 0.964),
    ("vlsp", "persons", 0.825),
    ("vlsp", "organizations", 0.509),
    ("vlsp", "locations", 0.732),
    ("phoner", "date-spans", 0.972),
];

// ---------------------------------------------------------------------------
// Locating the data
// ---------------------------------------------------------------------------

fn devdata_dir() -> PathBuf {
    match std::env::var_os("VNTEXT_DEVDATA") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/devdata")),
    }
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

// ---------------------------------------------------------------------------
// Key folding, as eval-dev's `key`, `numkey`, `contains` and `near`
// ---------------------------------------------------------------------------

/// The five Vietnamese tone marks as combining characters (after NFD).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Python's `str.isspace`, which `str.split()` splits on: Unicode White_Space
/// plus the information separators U+001C..U+001F that Rust does not count.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's regex `\w` (`str.isalnum()` or `_`). Rust's `is_alphanumeric`
/// also counts the few combining marks and symbols that are Other_Alphabetic;
/// Python does not, and the marks matter here: after NFD the vowel marks
/// (circumflex, breve, horn) sit inside words and are *not* word characters
/// for eval-dev, so its word boundaries fall around them.
fn py_word(c: char) -> bool {
    let combining_or_enclosed = matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{24b6}'..='\u{24e9}');
    c == '_' || (c.is_alphanumeric() && !combining_or_enclosed)
}

/// Python truthiness of a JSON value: eval-dev chains `a or b or c` and
/// filters with `if e.get("due")`, so an empty string counts as absent.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Bool(true)) => true,
    }
}

/// Names and spans compare ignoring case and where the tone mark sits
/// ("hòa" = "hoà"): decompose (NFD), lower-case, split on whitespace, and in
/// each word move the tone marks to its end. The result stays decomposed;
/// both sides of every comparison go through this, so that is consistent.
fn key_str(s: &str) -> String {
    let lowered = s.nfd().collect::<String>().to_lowercase();
    let mut words = Vec::new();
    for word in lowered.split(py_space).filter(|w| !w.is_empty()) {
        let mut folded: String = word.chars().filter(|c| !TONES.contains(c)).collect();
        folded.extend(word.chars().filter(|c| TONES.contains(c)));
        words.push(folded);
    }
    words.join(" ")
}

/// `key` on a JSON value: absent, null or empty is "" (Python `if not s`).
fn key(v: Option<&Value>) -> String {
    if !truthy(v) {
        return String::new();
    }
    match v {
        Some(Value::String(s)) => key_str(s),
        Some(other) => key_str(&other.to_string()),
        None => String::new(),
    }
}

/// Directive numbers compare with spaces removed and the en dash read as a
/// hyphen ("439 – QĐNS/TW" = "439-QĐNS/TW").
fn numkey(v: Option<&Value>) -> String {
    key(v).replace(' ', "").replace('\u{2013}', "-")
}

/// `x` occurs in `y` with no word character (Python `\w`) right before or
/// right after it: "24-7" is in "ngày 24-7", "20" is not in "2020".
fn inside(x: &str, y: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = y[from..].find(x) {
        let start = from + pos;
        let end = start + x.len();
        let before_ok = y[..start].chars().next_back().is_none_or(|c| !py_word(c));
        let after_ok = y[end..].chars().next().is_none_or(|c| !py_word(c));
        if before_ok && after_ok {
            return true;
        }
        // Overlapping occurrences count too (a regex search tries every start).
        from = start + y[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Spans and titles match when one lies inside the other on word boundaries;
/// an empty span matches nothing.
fn contains(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (inside(a, b) || inside(b, a))
}

/// Days since 0001-01-01 of a date, or None when it is not a valid date.
fn ordinal(y: i64, m: i64, d: i64) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > month_days[m as usize - 1]
    {
        return None;
    }
    let before_year = (y - 1) * 365 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
    let before_month: i64 = month_days[..m as usize - 1].iter().sum();
    Some(before_year + before_month + d)
}

/// Python 3.11's `date.fromisoformat`, as days: calendar dates
/// (YYYY-MM-DD, YYYYMMDD) and ISO week dates (YYYY-Www[-D], YYYYWww[D]).
/// Nothing else parses (no spaces, no YYYY-MM, ASCII digits only).
fn iso_days(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let year = num(0..4)?;
    let week = |w: i64, day: i64| -> Option<i64> {
        // Week 53 exists only in years that start on a Thursday, or on a
        // Wednesday in a leap year.
        let jan1 = ordinal(year, 1, 1)?;
        let jan1_weekday = jan1 % 7; // 1 = Monday, ..., 0 = Sunday
        let leap = ordinal(year, 12, 31)? - jan1 == 365;
        let valid_week =
            (1..53).contains(&w) || (w == 53 && (jan1_weekday == 4 || (jan1_weekday == 3 && leap)));
        if !valid_week || !(1..=7).contains(&day) {
            return None;
        }
        let jan1_iso = if jan1_weekday == 0 { 7 } else { jan1_weekday };
        let week1_monday = if jan1_iso > 4 {
            jan1 + 8 - jan1_iso
        } else {
            jan1 + 1 - jan1_iso
        };
        Some(week1_monday + (w - 1) * 7 + day - 1)
    };
    match (b.len(), b.get(4), b.get(5)) {
        (10, Some(b'-'), Some(b'W')) if b[8] == b'-' => week(num(6..8)?, num(9..10)?),
        (8, Some(b'-'), Some(b'W')) => week(num(6..8)?, 1),
        (10, Some(b'-'), _) if b[7] == b'-' => ordinal(year, num(5..7)?, num(8..10)?),
        (8, Some(b'W'), _) => week(num(5..7)?, num(7..8)?),
        (7, Some(b'W'), _) => week(num(5..7)?, 1),
        (8, _, _) => ordinal(year, num(4..6)?, num(6..8)?),
        _ => None,
    }
}

/// Due dates a day apart match ("trước ngày X" is read both ways in
/// practice). Anything that is not an ISO date matches nothing, not even
/// itself.
fn near(a: &Value, b: &Value) -> bool {
    match (a.as_str().and_then(iso_days), b.as_str().and_then(iso_days)) {
        (Some(x), Some(y)) => (x - y).abs() <= 1,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Scoring, as eval-dev's `Score`
// ---------------------------------------------------------------------------

/// Precision counts predictions that match some gold item, recall gold items
/// matched by some prediction (so one long span may cover two short ones),
/// summed over the documents of a set.
#[derive(Default)]
struct Score {
    tp_p: usize,
    tp_r: usize,
    np: usize,
    ng: usize,
}

impl Score {
    fn add<T>(&mut self, pred: &[T], gold: &[T], matches: impl Fn(&T, &T) -> bool) {
        self.np += pred.len();
        self.ng += gold.len();
        self.tp_p += pred
            .iter()
            .filter(|p| gold.iter().any(|g| matches(p, g)))
            .count();
        self.tp_r += gold
            .iter()
            .filter(|g| pred.iter().any(|p| matches(p, g)))
            .count();
    }

    fn add_eq<T: PartialEq>(&mut self, pred: &[T], gold: &[T]) {
        self.add(pred, gold, |a, b| a == b);
    }

    /// Nothing predicted is perfect precision only when nothing was to be found.
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.np > 0 {
            self.tp_p as f64 / self.np as f64
        } else if self.ng == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.ng > 0 {
            self.tp_r as f64 / self.ng as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// eval-dev scores most fields on *sets* of keys per document (a name found
/// twice counts once) and spans on lists (each mention counts).
fn uniq<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items
        .into_iter()
        .collect::<BTreeSet<T>>()
        .into_iter()
        .collect()
}

/// Values compared by equality (dates' `from`/`to`, `due`): deduplicated on
/// their JSON text, since `Value` is not `Ord`.
fn uniq_values<T: Clone>(
    items: impl IntoIterator<Item = T>,
    text: impl Fn(&T) -> String,
) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|v| seen.insert(text(v))).collect()
}

fn arr(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The document's entities of one type; a document missing from the output
/// has none.
fn ents<'a>(doc: Option<&'a Value>, ty: &str) -> Vec<&'a Value> {
    arr(doc.and_then(|d| d.get("entities")))
        .iter()
        .filter(|e| e.get("type").and_then(Value::as_str) == Some(ty))
        .collect()
}

/// A person is named by what it refers to (its full name when the text used
/// a short mention), else its name, else its text.
fn pname(p: &Value) -> String {
    let chosen = ["refers_to", "name", "text"]
        .into_iter()
        .map(|k| p.get(k))
        .find(|v| truthy(*v))
        .flatten();
    key(chosen)
}

fn opt(v: Option<&Value>) -> Value {
    v.cloned().unwrap_or(Value::Null)
}

fn due_values<'a>(items: impl IntoIterator<Item = &'a Value>) -> Vec<Value> {
    let dues = items
        .into_iter()
        .map(|d| d.get("due"))
        .filter(|d| truthy(*d))
        .map(opt);
    uniq_values(dues, Value::to_string)
}

fn span_keys<'a>(items: impl IntoIterator<Item = &'a Value>) -> Vec<String> {
    items.into_iter().map(|e| key(e.get("text"))).collect()
}

type Scores = BTreeMap<&'static str, Score>;
type Gold = Vec<(String, Value)>;
type Preds = BTreeMap<String, Value>;

fn eval_gov(gold: &Gold, preds: &Preds, s: &mut Scores) {
    for (id, g) in gold {
        let doc = preds.get(id);
        // Bylines and photo credits are not scored, neither found nor missed.
        let ignore: HashSet<String> = arr(g.get("ignore_persons"))
            .iter()
            .map(|b| key(Some(b)))
            .collect();
        let ps: Vec<&Value> = ents(doc, "person")
            .into_iter()
            .filter(|p| !ignore.contains(&pname(p)))
            .collect();
        let gold_persons = arr(g.get("persons"));

        let pred_names = uniq(ps.iter().map(|p| pname(p)));
        let gold_names = uniq(gold_persons.iter().map(|p| key(p.get("name"))));
        s.get_mut("persons")
            .unwrap()
            .add_eq(&pred_names, &gold_names);

        // A title matches when the person is the same and one title holds the
        // other on word boundaries ("Bộ trưởng" in "Bộ trưởng Bộ Y tế").
        let pred_titles = uniq(ps.iter().flat_map(|p| {
            arr(p.get("titles"))
                .iter()
                .map(|t| (pname(p), key(Some(t))))
        }));
        let gold_titles = uniq(gold_persons.iter().flat_map(|p| {
            arr(p.get("titles"))
                .iter()
                .map(|t| (key(p.get("name")), key(Some(t))))
        }));
        s.get_mut("person-titles")
            .unwrap()
            .add(&pred_titles, &gold_titles, |a, b| {
                a.0 == b.0 && contains(&a.1, &b.1)
            });

        let pred_dirs = uniq(
            ents(doc, "directive")
                .into_iter()
                .filter(|e| truthy(e.get("number")))
                .map(|e| numkey(e.get("number"))),
        );
        let gold_dirs = uniq(
            arr(g.get("directives"))
                .iter()
                .map(|d| numkey(d.get("number"))),
        );
        s.get_mut("directives")
            .unwrap()
            .add_eq(&pred_dirs, &gold_dirs);

        // Every predicted date counts, a null from/to included; gold dates
        // without both values (no year inferable) are not scored here.
        let pair_text = |p: &(Value, Value)| format!("{}|{}", p.0, p.1);
        let pred_vals = uniq_values(
            ents(doc, "date")
                .into_iter()
                .map(|e| (opt(e.get("from")), opt(e.get("to")))),
            pair_text,
        );
        let gold_vals = uniq_values(
            arr(g.get("dates"))
                .iter()
                .filter(|d| truthy(d.get("from")) && truthy(d.get("to")))
                .map(|d| (opt(d.get("from")), opt(d.get("to")))),
            pair_text,
        );
        s.get_mut("date-values")
            .unwrap()
            .add_eq(&pred_vals, &gold_vals);

        let pred_spans = span_keys(ents(doc, "date"));
        let gold_spans = span_keys(arr(g.get("dates")));
        s.get_mut("date-spans")
            .unwrap()
            .add(&pred_spans, &gold_spans, |a, b| contains(a, b));

        let pred_due = due_values(ents(doc, "deadline"));
        let gold_due = due_values(arr(g.get("deadlines")));
        s.get_mut("deadlines")
            .unwrap()
            .add(&pred_due, &gold_due, near);

        // Attendees are names (a string or an object with `name`), from every
        // event of the document; gold ones are not filtered by ignore_persons.
        let events = arr(doc.and_then(|d| d.get("events")));
        let att = events
            .iter()
            .flat_map(|ev| arr(ev.get("attendees")))
            .map(|a| {
                if a.is_object() {
                    key(a.get("name"))
                } else {
                    key(Some(a))
                }
            });
        let pred_att = uniq(att.filter(|a| !ignore.contains(a)));
        let gold_att = uniq(
            arr(g.get("events"))
                .iter()
                .flat_map(|ev| arr(ev.get("attendees")))
                .map(|a| key(Some(a))),
        );
        s.get_mut("attendees").unwrap().add_eq(&pred_att, &gold_att);
    }
}

fn eval_deadlines(gold: &Gold, preds: &Preds, s: &mut Scores) {
    for (id, g) in gold {
        let doc = preds.get(id);
        let pred_due = due_values(ents(doc, "deadline"));
        let gold_due = due_values(arr(g.get("deadlines")));
        s.get_mut("deadlines")
            .unwrap()
            .add(&pred_due, &gold_due, near);
        let pred_spans = span_keys(ents(doc, "deadline"));
        let gold_spans = span_keys(arr(g.get("deadlines")));
        s.get_mut("deadline-spans")
            .unwrap()
            .add(&pred_spans, &gold_spans, |a, b| contains(a, b));
    }
}

fn eval_vlsp(gold: &Gold, preds: &Preds, s: &mut Scores) {
    for (id, g) in gold {
        let doc = preds.get(id);
        for (field, ty, gold_field) in [
            ("persons", "person", "persons"),
            ("organizations", "organization", "organizations"),
            ("locations", "location", "locations"),
        ] {
            let pred = uniq(ents(doc, ty).into_iter().map(|e| key(e.get("text"))));
            let gold = uniq(arr(g.get(gold_field)).iter().map(|x| key(Some(x))));
            s.get_mut(field).unwrap().add_eq(&pred, &gold);
        }
    }
}

fn eval_phoner(gold: &Gold, preds: &Preds, s: &mut Scores) {
    for (id, g) in gold {
        let pred = span_keys(ents(preds.get(id), "date"));
        let gold: Vec<String> = arr(g.get("dates")).iter().map(|x| key(Some(x))).collect();
        s.get_mut("date-spans")
            .unwrap()
            .add(&pred, &gold, |a, b| contains(a, b));
    }
}

// ---------------------------------------------------------------------------
// Loading the sets and running the binary
// ---------------------------------------------------------------------------

fn read_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // Python reads text files with universal newlines.
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&read_text(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Plain-text reports with their gold beside them (`gNN.txt` + `gNN.json`);
/// the first line is the title.
fn folder_set(dir: &Path) -> (Vec<Value>, Gold) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (mut docs, mut gold) = (Vec::new(), Vec::new());
    for name in names {
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let gold_path = dir.join(format!("{stem}.json"));
        if !gold_path.exists() {
            continue;
        }
        let text = read_text(&dir.join(&name));
        let title = text.split('\n').next().unwrap_or("").to_string();
        docs.push(serde_json::json!({"id": stem, "title": title, "text": text}));
        gold.push((stem.to_string(), read_json(&gold_path)));
    }
    (docs, gold)
}

fn jsonl(path: &Path) -> Vec<Value> {
    read_text(path)
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Documents in `NAME.jsonl`, gold in `NAME.gold.jsonl`, joined on `id`.
fn jsonl_set(dir: &Path, name: &str) -> (Vec<Value>, Gold) {
    let docs = jsonl(&dir.join(format!("{name}.jsonl")));
    let gold = jsonl(&dir.join(format!("{name}.gold.jsonl")))
        .into_iter()
        .map(|g| (id_of(&g), g))
        .collect();
    (docs, gold)
}

/// Documents are joined on `str(id)`, as eval-dev does.
fn id_of(v: &Value) -> String {
    match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => "None".to_string(),
        Some(other) => other.to_string(),
    }
}

/// One `vntext extract --format json` over all documents of a set, fed as
/// JSON Lines; the output, one JSON document per line, keyed by id.
fn run_extract(docs: &[Value]) -> Preds {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let input = tmp.path().join("in.jsonl");
    let mut lines = String::new();
    for d in docs {
        lines.push_str(&serde_json::to_string(d).unwrap());
        lines.push('\n');
    }
    std::fs::write(&input, lines).expect("write the input");
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(["extract", "--format", "json"])
        .arg(&input)
        .output()
        .expect("run vntext extract");
    // Exit 1 reports documents it could not read; the rest is still scored.
    let code = out.status.code();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: String = stderr
        .chars()
        .skip(stderr.chars().count().saturating_sub(500))
        .collect();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "vntext extract exited {code:?}: {tail}"
    );
    let stdout = String::from_utf8(out.stdout).expect("extract output is UTF-8");
    let mut preds = Preds::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let d: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("extract output line is not JSON: {e}"));
        preds.insert(id_of(&d), d);
    }
    preds
}

type Evaluator = fn(&Gold, &Preds, &mut Scores);

/// The sets and their fields, in eval-dev's order.
const SETS: &[(&str, Evaluator, &[&str])] = &[
    (
        "gov",
        eval_gov,
        &[
            "persons",
            "person-titles",
            "directives",
            "date-values",
            "date-spans",
            "deadlines",
            "attendees",
        ],
    ),
    (
        "deadlines",
        eval_deadlines,
        &["deadlines", "deadline-spans"],
    ),
    (
        "vlsp",
        eval_vlsp,
        &["persons", "organizations", "locations"],
    ),
    ("phoner", eval_phoner, &["date-spans"]),
];

fn load(dir: &Path, set: &str) -> (Vec<Value>, Gold) {
    match set {
        "gov" => folder_set(&dir.join("gov")),
        "deadlines" => folder_set(&dir.join("deadlines")),
        "vlsp" => jsonl_set(dir, "vlsp2018_train"),
        "phoner" => jsonl_set(dir, "phoner_train"),
        _ => unreachable!("unknown set {set}"),
    }
}

fn floor(set: &str, field: &str) -> f64 {
    let found: Vec<f64> = FLOORS
        .iter()
        .filter(|(s, f, _)| *s == set && *f == field)
        .map(|x| x.2)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "FLOORS must hold exactly one floor for {set}/{field}, found {}",
        found.len()
    );
    found[0]
}

#[test]
fn extraction_holds_its_floors_on_real_text() {
    let dir = devdata_dir();
    if !dir.is_dir() {
        if under_ci() {
            panic!(
                "CI=true but the real-text development sets are missing at {}: CI must provide them",
                dir.display()
            );
        }
        // Written straight to stderr so the skip shows even without --nocapture.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "devdata_floors: SKIPPED, no development sets at {} (set VNTEXT_DEVDATA to point elsewhere; under CI=true this fails)",
            dir.display()
        );
        return;
    }

    // Every floor names a scored field (a typo would otherwise hold nothing).
    for (set, field, _) in FLOORS {
        assert!(
            SETS.iter()
                .any(|(s, _, fields)| s == set && fields.contains(field)),
            "FLOORS names {set}/{field}, which is not scored"
        );
    }

    // One extract process per set, the sets in parallel.
    let results: Vec<(usize, Scores)> = std::thread::scope(|scope| {
        let handles: Vec<_> = SETS
            .iter()
            .map(|&(set, eval, fields)| {
                let dir = &dir;
                scope.spawn(move || {
                    let (docs, gold) = load(dir, set);
                    let preds = run_extract(&docs);
                    let mut scores: Scores =
                        fields.iter().map(|f| (*f, Score::default())).collect();
                    eval(&gold, &preds, &mut scores);
                    (docs.len(), scores)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a set failed to score"))
            .collect()
    });

    let mut table = String::new();
    let mut broken = Vec::new();
    for ((set, _, fields), (n_docs, scores)) in SETS.iter().zip(&results) {
        table.push_str(&format!("{set} ({n_docs} documents)\n"));
        table.push_str(&format!(
            "  {:16} {:>6} {:>6} {:>6}  {:>5} {:>5}  {:>6}\n",
            "field", "P", "R", "F1", "gold", "pred", "floor"
        ));
        for field in *fields {
            let score = &scores[field];
            let (p, r, f1) = score.prf();
            let min = floor(set, field);
            let mark = if f1 < min { "  BELOW FLOOR" } else { "" };
            table.push_str(&format!(
                "  {field:16} {p:6.3} {r:6.3} {f1:6.3}  {:5} {:5}  {min:6.3}{mark}\n",
                score.ng, score.np
            ));
            if f1 < min {
                broken.push(format!("{set}/{field}: F1 {f1:.3} < floor {min:.3}"));
            }
        }
    }
    if broken.is_empty() {
        println!("{table}");
    }
    assert!(
        broken.is_empty(),
        "quality floors broken on real text:\n{table}\nbroken:\n  {}",
        broken.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// The scoring rules themselves, on strings written for this test
// ---------------------------------------------------------------------------

#[test]
fn key_ignores_case_and_tone_placement() {
    assert_eq!(key_str("Hòa Bình"), key_str("hoà  BÌNH"));
    assert_eq!(key_str("Thủy"), key_str("thuỷ"));
    assert_ne!(key_str("Hòa"), key_str("Hóa"));
    assert_eq!(
        numkey(Some(&Value::from("12 – CT/TW"))),
        numkey(Some(&Value::from("12-ct/tw")))
    );
    assert_eq!(key(Some(&Value::from(""))), "");
    assert_eq!(key(None), "");
}

#[test]
fn containment_is_on_word_boundaries() {
    let k = |s: &str| key_str(s);
    assert!(contains(&k("24-7"), &k("ngày 24-7")));
    assert!(contains(&k("ngày 24-7"), &k("24-7")));
    assert!(!contains(&k("20"), &k("năm 2020")));
    assert!(contains(&k("Bộ trưởng"), &k("Bộ trưởng Bộ Tài chính")));
    assert!(!contains("", &k("Bộ trưởng")));
    // Overlapping occurrences count: the first "a-a" in "xa-a-a" is glued to
    // the x, the one sharing its middle "a" is not.
    assert!(inside("a-a", "xa-a-a"));
    assert!(!inside("a b", "aa b"));
    // After NFD a vowel mark is no word character for Python's \w, so a word
    // boundary falls before it.
    assert!(py_word('a') && py_word('đ') && py_word('2') && py_word('_'));
    assert!(!py_word('\u{302}') && !py_word('\u{323}') && !py_word('-'));
}

#[test]
fn due_dates_parse_as_python_fromisoformat() {
    let days = |s: &str| iso_days(s);
    assert_eq!(days("2020-01-02"), days("20200102"));
    assert_eq!(days("2020-01-02").unwrap() - days("2019-12-31").unwrap(), 2);
    assert_eq!(days("2020-W01"), days("2019-12-30"));
    assert_eq!(days("2020-W01-1"), days("2019-12-30"));
    assert_eq!(days("2020W011"), days("2019-12-30"));
    assert_eq!(days("2020-W53-7"), days("2021-01-03"));
    for bad in [
        "2021-W53",
        "2020-01",
        "2020-0102",
        "2020-02-30",
        "0000-01-01",
        " 2020-01-02",
        "2020-13-01",
        "2020-W01-8",
    ] {
        assert_eq!(days(bad), None, "{bad}");
    }
    assert!(near(&Value::from("2021-03-01"), &Value::from("2021-02-28")));
    assert!(!near(
        &Value::from("2021-03-02"),
        &Value::from("2021-02-28")
    ));
    assert!(!near(&Value::from("soon"), &Value::from("soon")));
}

#[test]
fn score_counts_like_eval_dev() {
    let mut s = Score::default();
    s.add_eq::<&str>(&[], &[]);
    assert_eq!(s.prf(), (1.0, 1.0, 1.0));
    let mut s = Score::default();
    s.add_eq(&[], &["a"]);
    assert_eq!(s.prf(), (0.0, 0.0, 0.0));
    // One long span covers two gold spans: one true positive for precision,
    // two for recall.
    let mut s = Score::default();
    s.add(
        &["a b".to_string()],
        &["a".to_string(), "b".to_string()],
        |x, y| contains(x, y),
    );
    assert_eq!((s.tp_p, s.tp_r, s.np, s.ng), (1, 2, 1, 2));
}
