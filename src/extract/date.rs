//! Date extraction: full and partial dates, months, quarters, halves, years,
//! vague parts (đầu/giữa/cuối tháng, năm), year ranges and terms
//! ("nhiệm kỳ 2021-2026"), "từ … đến …" ranges and relative expressions
//! anchored on a date ("sau hai ngày kể từ ngày 9/3/2021").
//!
//! Three passes: (1) every rule proposes candidate spans (atoms), the longest
//! non-overlapping ones win and spans overlapping a directive (document
//! symbols such as "12/2020/TT-BYT") are dropped; (2) atoms without a year
//! take the year of the same day written in full elsewhere, else the
//! report's (its date, else the year its text reports on); when there
//! is none they are still reported, with `from`/`to` null; (3) neighbouring
//! atoms joined by "từ … đến …" or a dash become one range.
//!
//! Days are `calendar::Day`s (jiff), the project's one calendar; the
//! output keeps them as ISO strings.

use super::Analysis;
use super::fastre::FastRegex as Regex;
use crate::calendar::{Day, Granularity};
use crate::model::{Entity, Kind};
use std::ops::Range;
use std::sync::LazyLock;

// ---------------------------------------------------------------- numbers

/// Vietnamese number words and digits used in durations ("hai ngày", "30 ngày").
pub fn parse_count(s: &str) -> Option<i64> {
    let s = s.trim().to_lowercase();
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    const UNITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let unit = |w: &str| -> Option<i64> {
        match w {
            "mốt" | "một" => Some(1),
            "tư" | "bốn" => Some(4),
            "lăm" | "năm" => Some(5),
            _ => UNITS.iter().position(|u| *u == w).map(|p| p as i64),
        }
    };
    match words.as_slice() {
        [w] if *w == "mười" => Some(10),
        [w] => unit(w),
        [a, b] if *a == "mười" => Some(10 + unit(b)?),
        [a, b] if *b == "mươi" => Some(10 * unit(a)?),
        [a, b, c] if *b == "mươi" => Some(10 * unit(a)? + unit(c)?),
        _ => None,
    }
}

/// Parse a full date (`9/3/2021`, `09-03-2021`, `9.3.2021`,
/// `9 tháng 3 năm 2021`, with an optional leading "ngày") at the start of
/// `s`; returns the date and the byte length consumed.
pub fn full_date_prefix(s: &str) -> Option<(Day, usize)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:ngày\s+)?(?:(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4}))\b",
        )
        .unwrap()
    });
    let c = RE.captures(s)?;
    let num = |i: usize| c.get(i).map(|m| m.as_str().parse::<u32>().unwrap_or(0));
    let (d, m, y) = if c.get(1).is_some() {
        if c[2] != c[4] {
            return None;
        }
        (num(1)?, num(3)?, num(5)? as i32)
    } else {
        (num(6)?, num(7)?, num(8)? as i32)
    };
    Some((Day::new(y, m, d)?, c.get(0)?.end()))
}

// ---------------------------------------------------------------- triggers

/// Where a rule's match can start, found in one pass over the document
/// instead of one whole-text regex scan per rule: numbers (a digit after
/// no ASCII digit, any other numeric character) and the rules' first
/// words (an aho-corasick pass over `Analysis::folded`). Each position carries
/// a bit per trigger class; a rule's regex then runs anchored at the
/// positions of its classes only ([`matches_at`]), which gives the same
/// matches as `captures_iter` as long as every possible match start is a
/// trigger: a rule's trigger classes cover every way its pattern can
/// begin.
pub(super) struct Triggers {
    /// (byte offset, class bits), by offset.
    at: Vec<(usize, u32)>,
}

pub(super) const T_DIGIT: u32 = 1;
pub(super) const T_PAREN: u32 = 1 << 1;
const T_NGAY: u32 = 1 << 2;
const T_THANG: u32 = 1 << 3;
const T_QUY: u32 = 1 << 4;
const T_NUMW: u32 = 1 << 5;
const T_NAM: u32 = 1 << 6;
const T_PART: u32 = 1 << 7;
const T_TERM: u32 = 1 << 8;
const T_DAYCUE: u32 = 1 << 9;
const T_LAM: u32 = 1 << 10;
const T_TU: u32 = 1 << 11;

/// The first words of the date rules, lower case, with their trigger
/// classes.
const DATE_WORDS: &[(&str, u32)] = &[
    ("ngày", T_NGAY | T_DAYCUE),
    ("tháng", T_THANG),
    ("quý", T_QUY),
    ("một", T_NUMW),
    ("hai", T_NUMW),
    ("ba", T_NUMW),
    ("bốn", T_NUMW),
    ("năm", T_NUMW | T_NAM | T_TERM),
    ("sáu", T_NUMW),
    ("bảy", T_NUMW),
    ("tám", T_NUMW),
    ("chín", T_NUMW),
    ("mười", T_NUMW),
    ("nửa", T_NUMW),
    ("đầu", T_PART),
    ("giữa", T_PART),
    ("cuối", T_PART),
    ("nhiệm", T_TERM),
    ("giai", T_TERM),
    ("thời", T_TERM),
    ("niên", T_TERM),
    ("những", T_TERM),
    ("các", T_TERM),
    ("sáng", T_DAYCUE),
    ("chiều", T_DAYCUE),
    ("tối", T_DAYCUE),
    ("trưa", T_DAYCUE),
    ("đêm", T_DAYCUE),
    ("hôm", T_DAYCUE),
    ("làm", T_LAM | T_DAYCUE),
    ("từ", T_TU),
    ("(", T_PAREN),
];

/// One trigger word list and its automaton.
pub(super) struct TriggerWords {
    words: &'static [(&'static str, u32)],
    ac: aho_corasick::AhoCorasick,
}

impl TriggerWords {
    pub(super) fn new(words: &'static [(&'static str, u32)]) -> TriggerWords {
        let ac = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(words.iter().map(|(w, _)| w))
            .expect("trigger words");
        TriggerWords { words, ac }
    }
}

/// The character at `i` (a lead byte) is a Latin letter of Vietnamese
/// (U+00C0-U+027F, U+1E00-U+1EFF): no digit, no need to decode it.
fn latin_lead(b: &[u8], i: usize) -> bool {
    matches!(b[i], 0xC3..=0xC9) || b[i] == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB))
}

static DATE_TRIGGERS: LazyLock<TriggerWords> = LazyLock::new(|| TriggerWords::new(DATE_WORDS));

impl Triggers {
    /// The triggers of `ctx`'s text; `None` when its folded view is missing
    /// (a character whose case folding is ambiguous): callers then scan
    /// with the whole regexes.
    pub(super) fn new(ctx: &Analysis, words: &TriggerWords, digits: bool) -> Option<Triggers> {
        let folded = ctx.folded.as_deref()?;
        let b = ctx.text.as_bytes();
        let mut at = Vec::new();
        let mut i = 0;
        while digits && i < b.len() {
            let x = b[i];
            if x.is_ascii_digit() {
                if i == 0 || !b[i - 1].is_ascii_digit() {
                    at.push((i, T_DIGIT));
                }
            } else if x >= 0xC0 && !latin_lead(b, i) {
                // `\d` is Unicode: any other decimal digit starts a number too
                let c = ctx.text[i..].chars().next().expect("char boundary");
                if c.is_numeric() {
                    at.push((i, T_DIGIT));
                }
            }
            i += 1;
        }
        for m in words.ac.find_overlapping_iter(folded) {
            let (w, class) = words.words[m.pattern().as_usize()];
            // `\b` before a word: no ASCII letter or digit right before it
            let s = m.start();
            if class == T_PAREN || s == 0 || !b[s - 1].is_ascii_alphanumeric() {
                debug_assert!(!w.is_empty());
                at.push((s, class));
            }
        }
        at.sort_unstable_by_key(|t| t.0);
        at.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 |= b.1;
                true
            } else {
                false
            }
        });
        Some(Triggers { at })
    }

    fn starts(&self, classes: u32) -> impl Iterator<Item = usize> + '_ {
        self.at
            .iter()
            .filter(move |t| t.1 & classes != 0)
            .map(|t| t.0)
    }
}

/// A rule's regex with its gate: the same pattern without `\b`, run
/// anchored by the lazy DFA (a Unicode `\b` sends the regex crate to its
/// slow PikeVM on Vietnamese text). The gate matches wherever the rule
/// does (it only drops assertions), so the rule's captures are computed
/// only at the few triggers that pass it.
pub(super) struct Verifier {
    re: Regex,
    gate: regex_automata::meta::Regex,
}

impl Verifier {
    pub(super) fn new(pattern: &str) -> Verifier {
        let gate = regex_automata::meta::Builder::new()
            .configure(regex_automata::meta::Config::new().backtrack(false))
            .build(&pattern.replace(r"\b", ""))
            .unwrap_or_else(|e| panic!("bad gate for {pattern}: {e}"));
        Verifier {
            re: Regex::new(pattern).unwrap_or_else(|e| panic!("bad regex {pattern}: {e}")),
            gate,
        }
    }

    /// The rule's match starting exactly at `at`, with its groups.
    fn verify_at<'h>(&self, text: &'h str, at: usize) -> Option<super::fastre::Captures<'h>> {
        let input = regex_automata::Input::new(text)
            .range(at..)
            .anchored(regex_automata::Anchored::Yes);
        if !self.gate.is_match(input) {
            return None;
        }
        self.re.captures_anchored(text, at)
    }
}

impl std::ops::Deref for Verifier {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        &self.re
    }
}

/// The matches of `re` in `text`, as `re.captures_iter(text)` gives them:
/// verified anchored at the trigger positions of `classes` when there are
/// triggers (every match of `re` starts at one), else the whole-text scan.
pub(super) fn matches_at<'h>(
    re: &Verifier,
    text: &'h str,
    triggers: Option<&Triggers>,
    classes: u32,
) -> Vec<super::fastre::Captures<'h>> {
    let Some(t) = triggers else {
        return re.captures_iter(text).collect();
    };
    let mut out = Vec::new();
    let mut next = 0;
    for s in t.starts(classes) {
        if s < next {
            continue;
        }
        if let Some(c) = re.verify_at(text, s) {
            let e = c.get(0).expect("group 0").end();
            next = e.max(s + 1);
            out.push(c);
        }
    }
    out
}

/// Where a match of a pattern ending at `end` (`…\s*$`) of at most
/// `words` whitespace-separated words can start: the start of the
/// `words`-th chunk of non-space text before `end`. Searching from there
/// (`find_at` on `text[..end]`, which keeps `\b` exact) finds the same
/// match as searching the whole prefix, without reading all of it.
pub(super) fn tail_start(text: &str, end: usize, words: usize) -> usize {
    let mut lo = text[..end].trim_end().len();
    for _ in 0..words {
        // the whitespace before the chunk found last, then that chunk's start
        let head = text[..lo].trim_end();
        match head.rfind(char::is_whitespace) {
            Some(i) => lo = i + head[i..].chars().next().map_or(1, char::len_utf8),
            None => return 0,
        }
    }
    lo
}

// ---------------------------------------------------------------- atoms

/// True when `y-m-d` is a real calendar day.
fn valid(y: i32, m: u32, d: u32) -> bool {
    Day::new(y, m, d).is_some()
}

/// What an atom denotes, relative to a year when it has none of its own.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Day(u32, u32),
    /// (m1, d1, m2, d2) within one year.
    DayRange(u32, u32, u32, u32),
    /// Months m1..=m2 of the year.
    Months(u32, u32),
    /// Already absolute: from, to.
    Fixed(Day, Day),
}

#[derive(Debug, Clone)]
struct Atom {
    range: Range<usize>,
    year: Option<i32>,
    shape: Shape,
    gran: Granularity,
    rule: &'static str,
}

impl Atom {
    fn new(
        range: Range<usize>,
        year: Option<i32>,
        shape: Shape,
        gran: Granularity,
        rule: &'static str,
    ) -> Self {
        Atom {
            range,
            year,
            shape,
            gran,
            rule,
        }
    }

    /// The (from, to) days for `year` (the atom's own year when it has one).
    fn resolve(&self, year: Option<i32>) -> Option<(Day, Day)> {
        if let Shape::Fixed(a, b) = self.shape {
            return Some((a, b));
        }
        let y = self.year.or(year)?;
        let (a, b) = match self.shape {
            Shape::Day(m, d) => (Day::new(y, m, d)?, Day::new(y, m, d)?),
            Shape::DayRange(m1, d1, m2, d2) => (Day::new(y, m1, d1)?, Day::new(y, m2, d2)?),
            Shape::Months(m1, m2) => (Day::new(y, m1, 1)?, Day::last_of_month(y, m2)?),
            Shape::Fixed(..) => unreachable!(),
        };
        (a <= b).then_some((a, b))
    }

    /// True when the atom names a year of its own (an anchor for partial dates).
    fn anchors(&self) -> bool {
        self.year.is_some() && !matches!(self.shape, Shape::Fixed(..))
    }
}

const D: &str = r"(0?[1-9]|[12][0-9]|3[01])";
const M: &str = r"(0?[1-9]|1[0-2])";
const Y: &str = r"((?:1[89]|20)[0-9]{2})";

fn expand(pattern: &str) -> String {
    pattern
        .replace("{D}", D)
        .replace("{M}", M)
        .replace("{Y}", Y)
}

fn re(pattern: &str) -> Regex {
    let p = expand(pattern);
    Regex::new(&p).unwrap_or_else(|e| panic!("bad date regex {p}: {e}"))
}

/// A rule run at its triggers ([`matches_at`]).
fn rule(pattern: &str) -> Verifier {
    Verifier::new(&expand(pattern))
}

static RE_DMY: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"\b(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})\b"));
static RE_DMY_TEXT: LazyLock<Verifier> = LazyLock::new(|| {
    rule(
        r"(?i)\bngày\s+(?:mùng\s+|mồng\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?\b",
    )
});
static RE_DM: LazyLock<Verifier> = LazyLock::new(|| rule(r"\b(\d{1,2})([/.-])(\d{1,2})\b"));
static RE_MY: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"(?i)(?:\btháng\s+)?\b(\d{1,2})\s?([/.-])\s?(\d{4})\b"));
static RE_MONTH: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"(?i)\btháng\s+(\d{1,2})(?:\s+năm\s+{Y})?\b"));
static RE_QUARTER: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|-|năm)\s*{Y}\b)?"));
static RE_HALF: LazyLock<Verifier> = LazyLock::new(|| {
    rule(
        r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|nửa)\s+(?:tháng\s+)?(đầu|cuối|sau)\s+năm(?:\s+{Y})?\b",
    )
});
static RE_MONTHS_OF_YEAR: LazyLock<Verifier> = LazyLock::new(|| {
    rule(r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một)\s+tháng\s+năm\s+{Y}\b")
});
/// A deadline cue right before a vague "cuối năm".
static RE_DUE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:hạn\s+chót|hạn\s+cuối|chậm\s+nhất|trước|đến\s+hết|xong\s+trong|hoàn\s+thành\s+trong|trong\s+thời\s+hạn)(?:\s+là|\s+vào)?\s*$",
    )
});
static RE_YEAR_PART: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"(?i)\b(đầu|giữa|cuối)\s+năm(?:\s+{Y})?\b"));
static RE_MONTH_PART: LazyLock<Verifier> =
    LazyLock::new(|| rule(r"(?i)\b(đầu|giữa|cuối)\s+tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*{Y})?\b"));
static RE_YEAR: LazyLock<Verifier> = LazyLock::new(|| rule(r"(?i)\bnăm\s+{Y}\b"));
/// "các năm 2014, 2015 và 2016", "ba năm liền 2014, 2015, 2016": the
/// years after the first one (the first is a `date.year` atom).
static RE_YEAR_LIST: LazyLock<Verifier> = LazyLock::new(|| {
    rule(r"(?i)\bnăm\s+(?:liền\s+)?((?:1[89]|20)[0-9]{2}(?:\s*(?:,|và)\s*(?:1[89]|20)[0-9]{2}\b)+)")
});
static RE_YEAR_RANGE: LazyLock<Verifier> = LazyLock::new(|| {
    rule(
        r"(?i)(?:\b(nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|năm\s+học|niên\s+khóa|những\s+năm|các\s+năm|năm)\s+)?\b{Y}\s*[-–—]\s*{Y}\b",
    )
});
static RE_DAY_LIST: LazyLock<Verifier> = LazyLock::new(|| {
    rule(
        r"(?i)\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|làm\s+việc)\s+{D}((?:\s*,\s*(?:0?[1-9]|[12][0-9]|3[01]))*(?:\s*(?:,|và)\s*(?:0?[1-9]|[12][0-9]|3[01])))\s*[/.-]\s*{M}(?:[/.-]{Y})?\b",
    )
});
static RE_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+"));
static RE_DAY_SPAN: LazyLock<Verifier> = LazyLock::new(|| {
    rule(
        r"(?i)(?:\b(?:từ\s+ngày|từ|ngày|làm\s+việc)\s+|\()({D}\s*(?:-|–|đến|tới)\s*(?:ngày\s+)?{D}\s*[/.-]\s*{M}(?:[/.-]{Y})?)\b",
    )
});
static RE_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(sau|trước)\s+(\d{1,3}|[\p{L}]+(?:\s+[\p{L}]+)?)\s+(ngày|tuần|tháng|năm)\s+(?:kể\s+)?từ\s+(?:ngày\s+)?$",
    )
});
static RE_RANGE_FROM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:kể\s+)?từ\s+(?:ngày\s+|tháng\s+|năm\s+)?$"));
static RE_RANGE_JOIN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(-|–|—|đến|tới)\s*(?:hết\s+)?(?:ngày\s+|tháng\s+|năm\s+)?$"));
static RE_DAY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|khuya|từ|đến|tới|trước|sau|vào|thứ\s+[\p{L}]+,?|chủ\s+nhật,?)|\()\s*$",
    )
});

fn roman_or_digit(s: &str) -> Option<u32> {
    match s.to_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// The numeric span `r` stands alone: not glued to letters, digits or to
/// another number through `/ . - ,` (phone numbers, amounts, symbols).
fn isolated(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let mut b = before.chars().rev();
    match b.next() {
        Some(c) if c.is_alphanumeric() => return false,
        Some(c) if "/.-,".contains(c) && b.next().is_some_and(|c| c.is_alphanumeric()) => {
            return false;
        }
        _ => {}
    }
    let after = &text[r.end..];
    let mut a = after.chars();
    match a.next() {
        Some(c) if c.is_alphanumeric() || c == '%' => return false,
        Some(c) if "/.-,".contains(c) && a.next().is_some_and(|c| c.is_alphanumeric()) => {
            return false;
        }
        _ => {}
    }
    true
}

/// For a bare "d/m" without a cue: reject fractions such as "15/17 chỉ
/// tiêu", "3/5 xã" (a noun right after), accept "11/3, …", "11/3 vừa qua".
fn bare_day_ok(text: &str, end: usize) -> bool {
    let after = &text[end..];
    let Some(rest) = after.strip_prefix(' ') else {
        return true;
    };
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    if word.is_empty() {
        return true;
    }
    const OK: [&str; 14] = [
        "vừa", "tới", "này", "năm", "hàng", "hằng", "và", "đến", "tại", "của", "với", "sẽ", "đã",
        "nhằm",
    ];
    OK.contains(&word.to_lowercase().as_str())
}

fn word_before(text: &str, pos: usize) -> String {
    let before = text[..pos].trim_end();
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The first `n` characters of `s`, lower-cased: enough to test whether
/// `s.to_lowercase()` starts with a word of at most `n` characters (every
/// character lower-cases to one or more), without lower-casing all of `s`.
fn lower_prefix(s: &str, n: usize) -> String {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s[..end].to_lowercase()
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn collect_atoms(text: &str, trig: Option<&Triggers>) -> Vec<Atom> {
    let mut out = Vec::new();
    let leap = 2024;
    // 9/3/2021, 09-03-2021, 9.3.2021
    for c in matches_at(&RE_DMY, text, trig, T_DIGIT) {
        let r = c.get(0).unwrap().range();
        let (d, m, y) = (num(&c[1]), num(&c[3]), num(&c[5]) as i32);
        if c[2] == c[4] && valid(y, m, d) && isolated(text, &r) {
            let rule = match &c[2] {
                "/" => "date.dmy_slash",
                "-" => "date.dmy_dash",
                _ => "date.dmy_dot",
            };
            out.push(Atom::new(
                r,
                Some(y),
                Shape::Day(m, d),
                Granularity::Day,
                rule,
            ));
        }
    }
    // ngày 9 tháng 3 năm 2021 / ngày 9 tháng 3
    for c in matches_at(&RE_DMY_TEXT, text, trig, T_NGAY) {
        let r = c.get(0).unwrap().range();
        let (d, m) = (num(&c[1]), num(&c[2]));
        let y = c.get(3).map(|y| num(y.as_str()) as i32);
        if valid(y.unwrap_or(leap), m, d) {
            out.push(Atom::new(
                r,
                y,
                Shape::Day(m, d),
                Granularity::Day,
                "date.dmy_text",
            ));
        }
    }
    // partial 11/3, 11-3, 11.3 (dots only after a cue)
    for c in matches_at(&RE_DM, text, trig, T_DIGIT) {
        let r = c.get(0).unwrap().range();
        let (d, m) = (num(&c[1]), num(&c[3]));
        if !valid(leap, m, d) || !isolated(text, &r) {
            continue;
        }
        let cued = RE_DAY_CUE
            .find_at(&text[..r.start], tail_start(text, r.start, 2))
            .is_some();
        let after_paren = text[r.end..].starts_with(')');
        let ok = match &c[2] {
            "." => cued && !after_paren,
            _ => cued || bare_day_ok(text, r.end),
        };
        if ok && word_before(text, r.start) != "số" {
            out.push(Atom::new(
                r,
                None,
                Shape::Day(m, d),
                Granularity::Day,
                "date.dm_partial",
            ));
        }
    }
    // tháng 3/2021, tháng 10.2016, 6/2017
    for c in matches_at(&RE_MY, text, trig, T_THANG | T_DIGIT) {
        let r = c.get(0).unwrap().range();
        let m = num(&c[1]);
        let y = num(&c[3]) as i32;
        let has_word = c[0].to_lowercase().starts_with("tháng");
        let num_start = c.get(1).unwrap().start();
        if !(1..=12).contains(&m) || !(1800..=2099).contains(&y) {
            continue;
        }
        if !isolated(text, &(num_start..r.end)) {
            continue;
        }
        // bare "6/2017"; "12.2003" only as the end of a range ("Tháng 4.1996 - 12.2003")
        let after_dash = text[..r.start].trim_end().ends_with(['-', '–']);
        if !has_word && ((&c[2] != "/" && !after_dash) || word_before(text, r.start) == "số") {
            continue;
        }
        out.push(Atom::new(
            r,
            Some(y),
            Shape::Months(m, m),
            Granularity::Month,
            "date.month_year",
        ));
    }
    // tháng 3, tháng 3 năm 2021
    for c in matches_at(&RE_MONTH, text, trig, T_THANG) {
        let r = c.get(0).unwrap().range();
        let m = num(&c[1]);
        if !(1..=12).contains(&m) {
            continue;
        }
        let prev = word_before(text, r.start);
        // "Cách mạng tháng 8" without a year names the revolution
        if prev == "mạng" && c.get(2).is_none() {
            continue;
        }
        if ["mỗi", "hằng", "hàng", "các", "những", "mấy"].contains(&prev.as_str())
            || prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty()
        {
            continue;
        }
        // the words below have fewer than 12 characters
        let after = lower_prefix(text[r.end..].trim_start(), 12);
        if ["lần", "buổi", "kỳ", "đợt", "tuổi", "người", "tháng"]
            .iter()
            .any(|w| after.starts_with(w))
            || text[r.end..].starts_with(['/', '.', '-', ','])
                && text[r.end..]
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let y = c.get(2).map(|y| num(y.as_str()) as i32);
        out.push(Atom::new(
            r,
            y,
            Shape::Months(m, m),
            Granularity::Month,
            "date.month",
        ));
    }
    // quý II/2021, quý 2 năm 2021, quý IV
    for c in matches_at(&RE_QUARTER, text, trig, T_QUY) {
        let r = c.get(0).unwrap().range();
        let Some(q) = roman_or_digit(&c[1]) else {
            continue;
        };
        let y = c.get(2).map(|y| num(y.as_str()) as i32);
        out.push(Atom::new(
            r,
            y,
            Shape::Months(3 * q - 2, 3 * q),
            Granularity::Quarter,
            "date.quarter",
        ));
    }
    // 6 tháng đầu năm 2021, sáu tháng cuối năm, nửa đầu năm
    for c in matches_at(&RE_HALF, text, trig, T_DIGIT | T_NUMW) {
        let r = c.get(0).unwrap().range();
        let n = if c[1].eq_ignore_ascii_case("nửa") {
            6
        } else {
            match parse_count(&c[1]) {
                Some(n) if (1..=11).contains(&n) => n as u32,
                _ => continue,
            }
        };
        let first = c[2].to_lowercase() == "đầu";
        let (m1, m2) = if first { (1, n) } else { (13 - n, 12) };
        let y = c.get(3).map(|y| num(y.as_str()) as i32);
        let gran = if n == 6 {
            Granularity::Half
        } else {
            Granularity::Range
        };
        out.push(Atom::new(r, y, Shape::Months(m1, m2), gran, "date.half"));
    }
    // "4 tháng năm 2017": its first four months
    for c in matches_at(&RE_MONTHS_OF_YEAR, text, trig, T_DIGIT | T_NUMW) {
        let r = c.get(0).unwrap().range();
        let n = match parse_count(&c[1]) {
            Some(n) if (1..=11).contains(&n) => n as u32,
            _ => continue,
        };
        let y = num(&c[2]) as i32;
        let gran = if n == 6 {
            Granularity::Half
        } else {
            Granularity::Range
        };
        out.push(Atom::new(
            r,
            Some(y),
            Shape::Months(1, n),
            gran,
            "date.half",
        ));
    }
    // đầu/giữa/cuối năm 2021: the year it names (a vague part of a year
    // has no bounds of its own); "cuối năm" without a number is no date,
    // unless it bounds an obligation ("hạn chót là cuối năm": the end of
    // the report's year)
    for c in matches_at(&RE_YEAR_PART, text, trig, T_PART) {
        let r = c.get(0).unwrap().range();
        let y = c.get(2).map(|y| num(y.as_str()) as i32);
        if y.is_none()
            && !(c[1].to_lowercase() == "cuối"
                && RE_DUE_CUE
                    .find_at(&text[..r.start], tail_start(text, r.start, 4))
                    .is_some())
        {
            continue;
        }
        out.push(Atom::new(
            r,
            y,
            Shape::Months(1, 12),
            Granularity::Year,
            "date.year_part",
        ));
    }
    // đầu/giữa/cuối tháng 3(/2021)
    for c in matches_at(&RE_MONTH_PART, text, trig, T_PART) {
        let r = c.get(0).unwrap().range();
        let m = num(&c[2]);
        if !(1..=12).contains(&m) {
            continue;
        }
        // the month it names: "đầu tháng 12" has no bounds of its own
        let y = c.get(3).map(|y| num(y.as_str()) as i32);
        out.push(Atom::new(
            r,
            y,
            Shape::Months(m, m),
            Granularity::Month,
            "date.month_part",
        ));
    }
    // năm 2021
    for c in matches_at(&RE_YEAR, text, trig, T_NAM) {
        let r = c.get(0).unwrap().range();
        let y = num(&c[1]) as i32;
        if !isolated(text, &(c.get(1).unwrap().start()..r.end)) {
            continue;
        }
        out.push(Atom::new(
            r,
            Some(y),
            Shape::Months(1, 12),
            Granularity::Year,
            "date.year",
        ));
    }
    // năm 2014, 2015 và 2016 / năm liền 2014, 2015: each year (the longer
    // "năm 2014" atom wins over its bare first year)
    for c in matches_at(&RE_YEAR_LIST, text, trig, T_NAM) {
        let list = c.get(1).unwrap();
        for d in RE_DIGITS.find_iter(list.as_str()) {
            let r = list.start() + d.start()..list.start() + d.end();
            if isolated(text, &r) {
                let y = num(d.as_str()) as i32;
                out.push(Atom::new(
                    r,
                    Some(y),
                    Shape::Months(1, 12),
                    Granularity::Year,
                    "date.year_list",
                ));
            }
        }
    }
    // 2021-2025, giai đoạn 2021-2030, nhiệm kỳ 2021-2026
    for c in matches_at(&RE_YEAR_RANGE, text, trig, T_TERM | T_DIGIT) {
        let r = c.get(0).unwrap().range();
        let (y1, y2) = (num(&c[2]) as i32, num(&c[3]) as i32);
        let nums = c.get(2).unwrap().start()..r.end;
        if y1 >= y2 || y2 - y1 > 100 || !isolated(text, &nums) {
            continue;
        }
        let (Some(from), Some(to)) = (Day::new(y1, 1, 1), Day::new(y2, 12, 31)) else {
            continue;
        };
        let rule = if c.get(1).is_some() {
            "date.term"
        } else {
            "date.year_range"
        };
        out.push(Atom::new(
            r,
            None,
            Shape::Fixed(from, to),
            Granularity::Range,
            rule,
        ));
    }
    // ngày 20, 21-4 / ngày 5 và 12/4
    for c in matches_at(&RE_DAY_LIST, text, trig, T_DAYCUE) {
        let r = c.get(0).unwrap().range();
        // "hai ngày làm việc 25 và 26/12": the span starts at the day
        let r = if lower_prefix(&c[0], 3) == "làm" {
            c.get(1).unwrap().start()..r.end
        } else {
            r
        };
        let m = num(&c[3]);
        let y = c.get(4).map(|y| num(y.as_str()) as i32);
        let mut days = vec![(num(&c[1]), c.get(1).unwrap().range())];
        let list = c.get(2).unwrap();
        for d in RE_DIGITS.find_iter(list.as_str()) {
            let s = list.start() + d.start();
            days.push((num(d.as_str()), s..s + d.len()));
        }
        if days.iter().any(|(d, _)| !valid(y.unwrap_or(leap), m, *d)) {
            continue;
        }
        let consecutive = days.windows(2).all(|w| w[1].0 == w[0].0 + 1);
        if consecutive {
            let (d1, d2) = (days[0].0, days[days.len() - 1].0);
            out.push(Atom::new(
                r,
                y,
                Shape::DayRange(m, d1, m, d2),
                Granularity::Range,
                "date.day_list",
            ));
        } else {
            let last = days.len() - 1;
            for (i, (d, dr)) in days.into_iter().enumerate() {
                let span = if i == last { dr.start..r.end } else { dr };
                out.push(Atom::new(
                    span,
                    y,
                    Shape::Day(m, d),
                    Granularity::Day,
                    "date.day_list",
                ));
            }
        }
    }
    // (từ) ngày 20-21/4, từ ngày 1 đến ngày 15/4
    // "(12 - 13/9)", "hai ngày làm việc 12-13/9": the span starts at the day
    for c in matches_at(&RE_DAY_SPAN, text, trig, T_TU | T_NGAY | T_LAM | T_PAREN) {
        let r = c.get(0).unwrap().range();
        let r = if c[0].starts_with('(') || c[0].to_lowercase().starts_with("làm") {
            c.get(1).unwrap().range()
        } else {
            r
        };
        let (d1, d2, m) = (num(&c[2]), num(&c[3]), num(&c[4]));
        let y = c.get(5).map(|y| num(y.as_str()) as i32);
        if d1 < d2
            && valid(y.unwrap_or(leap), m, d2)
            && isolated(text, &(c.get(2).unwrap().start()..r.end))
        {
            out.push(Atom::new(
                r,
                y,
                Shape::DayRange(m, d1, m, d2),
                Granularity::Range,
                "date.day_span",
            ));
        }
    }
    out
}

/// Keep the longest atoms, never overlapping one another nor a directive.
fn select(mut atoms: Vec<Atom>, found: &[Entity]) -> Vec<Atom> {
    atoms.sort_by_key(|a| (std::cmp::Reverse(a.range.len()), a.range.start));
    let directives = super::SpanIndex::new(found, &["directive"]);
    let mut kept: Vec<Atom> = Vec::new();
    // kept spans, start → end: they never overlap (and are never empty), so
    // the one starting last before `a` ends is the only one that can overlap it
    let mut kept_at = std::collections::BTreeMap::new();
    for a in atoms {
        if directives.overlaps(&a.range) {
            continue;
        }
        if kept_at
            .range(..a.range.end)
            .next_back()
            .is_some_and(|(_, &end)| a.range.start < end)
        {
            continue;
        }
        kept_at.insert(a.range.start, a.range.end);
        kept.push(a);
    }
    kept.sort_by_key(|a| a.range.start);
    kept
}

/// Words right before a dated atom that make its year no "now" of the
/// report: a birth, a target, a start or a bound ("sinh năm 1968",
/// "đến năm 2030", "từ năm 2005", "trước ngày 1/7/2021").
static RE_NOT_NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:sinh|hồi|đến|tới|phấn\s+đấu|tầm\s+nhìn|định\s+hướng|từ)\s+(?:hết\s+)?(?:ngày\s+|năm\s+|tháng\s+|quý\s+)?$",
    )
});
/// A plan, task or forecast earlier in the clause: the year it names is
/// one ahead of the report ("triển khai nhiệm vụ năm 2019", "dự kiến đưa
/// vào hoạt động tháng 1/2019").
static RE_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:nhiệm\s+vụ|kế\s+hoạch|chương\s+trình|phương\s+hướng|mục\s+tiêu|dự\s+kiến|chuẩn\s+bị|sẽ)\b[^.;:!?]*$",
    )
});
/// Right after a year: a person's step of life follows ("Năm 1965, ông …").
static RE_LIFE_STEP: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,\s*(?:ông|bà|anh|chị|cô|cậu)\s"));
/// A law or code named by its year ("Hiến pháp năm 2013", "Luật Báo chí
/// năm 2016"): the year is part of the name.
static RE_NAMED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:hiến\s+pháp|luật|bộ\s+luật|pháp\s+lệnh)\b[^.;:,!?]*$"));

/// Whether an atom's year may be the year the report is written in: not
/// a birth, a target, a start ([`RE_NOT_NOW`]), a plan ([`RE_PLAN`]) or
/// the year in a law's name ([`RE_NAMED`]).
fn of_report_time(text: &str, a: &Atom) -> bool {
    let lo = super::floor_boundary(text, a.range.start.saturating_sub(48));
    let before = &text[lo..a.range.start];
    if let Some(m) = RE_NOT_NOW.find(before) {
        // "tính đến tháng 3-2018" is a cut-off of the report's time
        let cut_off = super::lower_ends_with(before[..m.start()].trim_end(), "tính")
            && lower_prefix(&before[m.start()..], 3) == "đến";
        if !cut_off {
            return false;
        }
    }
    // "Năm 1965, ông nhận bằng cử nhân": a step of a life, not the report's time
    if a.gran == Granularity::Year && RE_LIFE_STEP.is_match(&text[a.range.end..]) {
        return false;
    }
    let lo = super::floor_boundary(text, a.range.start.saturating_sub(120));
    let clause = &text[lo..a.range.start];
    !(RE_PLAN.is_match(clause) || a.gran == Granularity::Year && RE_NAMED.is_match(clause))
}

/// The year a report without a date of its own is written in, read from
/// its text: the latest year of an atom that dates something of the
/// report's time (a day, a month, a quarter, "năm 2017"; see
/// [`of_report_time`]); failing that, the latest start of a term it names
/// ("nhiệm kỳ 2019-2024": a report on a congress or an election). Year
/// ranges say nothing else of it. `None` when nothing qualifies: the
/// report's partial dates then stay without a value rather than take the
/// year of a biography or of a law.
fn report_year(text: &str, atoms: &[Atom]) -> Option<i32> {
    atoms
        .iter()
        .filter(|a| a.anchors() && of_report_time(text, a))
        .filter_map(|a| a.year)
        .max()
        .or_else(|| {
            atoms
                .iter()
                .filter(|a| a.rule == "date.term")
                .filter_map(|a| match a.shape {
                    Shape::Fixed(f, _) => Some(f.year()),
                    _ => None,
                })
                .max()
        })
}

/// The year of a partial day when the text gives the same day in full
/// elsewhere ("xong trước ngày 20/8" with "trước 20/8/2017" above): the
/// text is clearly about that day.
/// Right after a day without a year: it recurs every year.
static RE_EVERY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^,?\s*(?:hằng\s+năm|hàng\s+năm|mỗi\s+năm)\b"));

/// A birthday ("sinh ngày 2/10/1968") is no such day, nor the issue date
/// of a cited document ("Nghị quyết số 35/NQ-CP ngày 16/5/2016").
fn same_day_year(
    text: &str,
    atoms: &[Atom],
    found: &[Entity],
) -> std::collections::HashMap<(u32, u32), i32> {
    static RE_BIRTH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bsinh\s+(?:ngày\s+)?$"));
    static RE_ISSUE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i),?\s*ngày\s+$"));
    let mut directive_ends: Vec<usize> = found
        .iter()
        .filter(|e| e.kind.type_name() == "directive")
        .map(|e| e.end)
        .collect();
    directive_ends.sort_unstable();
    let mut out = std::collections::HashMap::new();
    for a in atoms {
        let lo = super::floor_boundary(text, a.range.start.saturating_sub(16));
        let before = &text[lo..a.range.start];
        if RE_BIRTH.is_match(before) {
            continue;
        }
        if let Some(m) = RE_ISSUE.find(before) {
            let cue = lo + m.start();
            let i = directive_ends.partition_point(|&e| e <= cue);
            if i > 0 && cue - directive_ends[i - 1] <= 3 {
                continue;
            }
        }
        if let (Some(y), Shape::Day(m, d)) = (a.year, a.shape) {
            // "(21/6/1925 - 21/6/2017)": the later one is the report's
            let e = out.entry((m, d)).or_insert(y);
            *e = (*e).max(y);
        }
    }
    out
}

/// A date ready to emit: span, (from, to) when its year is known, granularity, rule.
type Resolved = (Range<usize>, Option<(Day, Day)>, Granularity, &'static str);

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let triggers = Triggers::new(ctx, &DATE_TRIGGERS, true);
    let atoms = select(collect_atoms(text, triggers.as_ref()), found);
    let year = ctx
        .doc_date
        .and_then(Day::parse_iso)
        .map(Day::year)
        .or_else(|| report_year(text, &atoms));
    // Each atom with its value: `Some(None)` when no year is known (the
    // date is still reported, with null from/to); atoms whose day does not
    // exist in the year found ("29/2" of 2021) are dropped.
    let mut resolved: Vec<(Atom, Option<(Day, Day)>)> = Vec::new();
    let same_day = same_day_year(text, &atoms, found);
    for a in atoms {
        let year = match a.shape {
            // "ngày 10/3 hằng năm": a day of every year, of none in particular
            _ if a.year.is_none() && RE_EVERY_YEAR.is_match(&text[a.range.end..]) => None,
            Shape::Day(m, d) if a.year.is_none() => same_day.get(&(m, d)).copied().or(year),
            _ => year,
        };
        let known = a.year.or(year).is_some() || matches!(a.shape, Shape::Fixed(..));
        match a.resolve(year) {
            Some(v) => resolved.push((a, Some(v))),
            None if !known => resolved.push((a, None)),
            None => {}
        }
    }
    // Ranges: "từ A đến B", "A - B" (both full dates).
    let mut out: Vec<Resolved> = Vec::new();
    let mut i = 0;
    while i < resolved.len() {
        let (a, ra) = &resolved[i];
        if let Some((b, rb)) = resolved.get(i + 1) {
            let between = &text[a.range.end..b.range.start];
            if let Some(j) = RE_RANGE_JOIN.captures(between) {
                let dash = !matches!(j[1].to_lowercase().as_str(), "đến" | "tới");
                let from = RE_RANGE_FROM
                    .find_at(&text[..a.range.start], tail_start(text, a.range.start, 3));
                let both_full = a.year.is_some()
                    && b.year.is_some()
                    && a.gran == b.gran
                    && matches!(a.gran, Granularity::Day | Granularity::Month);
                if (from.is_some() && (!dash || a.gran == b.gran)) || (dash && both_full) {
                    let start = from.map_or(a.range.start, |m| m.start());
                    let value = match (ra, rb) {
                        (Some(ra), Some(rb)) => {
                            let mut f = ra.0;
                            if a.year.is_none()
                                && b.year.is_some()
                                && !matches!(a.shape, Shape::Fixed(..))
                            {
                                let by = rb.1.year();
                                let y = if ra.0.month() > rb.1.month() {
                                    by - 1
                                } else {
                                    by
                                };
                                if let Some((ff, _)) = a.resolve(Some(y)) {
                                    f = ff;
                                }
                            }
                            (f <= rb.1).then_some(Some((f, rb.1)))
                        }
                        // no year on either side: one range without a value
                        (None, None) => Some(None),
                        _ => None,
                    };
                    if let Some(v) = value {
                        out.push((start..b.range.end, v, Granularity::Range, "date.from_to"));
                        i += 2;
                        continue;
                    }
                }
            }
        }
        out.push((a.range.clone(), *ra, a.gran, a.rule));
        // "sau hai ngày kể từ ngày 9/3/2021" → 2021-03-11
        if let Some(ra) = ra
            && a.gran == Granularity::Day
            && let Some(c) =
                RE_RELATIVE.captures_at(&text[..a.range.start], tail_start(text, a.range.start, 7))
            && let Some(n) = parse_count(&c[2])
        {
            let sign = if c[1].to_lowercase() == "sau" { 1 } else { -1 };
            let from = ra.0;
            let t = match c[3].to_lowercase().as_str() {
                "ngày" => from.add_days(sign * n),
                "tuần" => from.add_days(sign * 7 * n),
                "tháng" => from.add_months(sign * n),
                _ => from.add_months(sign * 12 * n),
            };
            // a day beyond the calendar's years (9999) is no day to report
            let Some(t) = t else {
                i += 1;
                continue;
            };
            let start = c.get(0).unwrap().start();
            out.push((
                start..a.range.end,
                Some((t, t)),
                Granularity::Day,
                "date.relative",
            ));
        }
        i += 1;
    }
    for (range, ft, gran, rule) in out {
        let (from, to) = match ft {
            Some((f, t)) => (Some(f.iso()), Some(t.iso())),
            None => (None, None),
        };
        let kind = Kind::Date {
            from,
            to,
            granularity: gran.as_str().to_string(),
        };
        found.push(ctx.entity(kind, range, rule));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts of my own with every trigger's traps: a word glued to `&`,
    /// digits after letters, non-ASCII digits, upper case, words inside
    /// longer words ("khai", "bao"), brackets.
    const TEXTS: &[&str] = &[
        "Ngày 9/3/2021, từ ngày 20-21/4 đến 5.5.2021 (12 - 13/9) và NGÀY 5 THÁNG 3 NĂM 2020.",
        "Khai mạc &ngày 5 tháng 3; x&2021-2025; bao 6 tháng đầu năm 2021, sáu tháng cuối năm.",
        "quý II/2021, Quý 3 năm 2019; đầu năm 2018, giữa tháng 7/2017, cuối năm; tháng 10.2016.",
        "các năm 2014, 2015 và 2016; nhiệm kỳ 2021-2026, giai đoạn 2016 - 2020, năm học 2019-2020.",
        "sáng 20, 21-4; hai ngày làm việc 25 và 26/12; a1/2/2021 và ٣/٤/٢٠٢١, ５/３/2021 đêm 3/4.",
        "trong thời hạn 30 ngày kể từ ngày nhận, không quá 5 ngày, tối đa 3 tháng, chậm nhất 2019.",
        "trước ngày 10 hằng tháng, Hạn chót là ngày 20 của tháng cuối quý, chậm nhất là vào 5/6.",
    ];

    fn ranges(caps: Vec<crate::extract::fastre::Captures>) -> Vec<(usize, usize)> {
        caps.iter()
            .map(|c| (c.get(0).unwrap().start(), c.get(0).unwrap().end()))
            .collect()
    }

    #[test]
    fn triggered_rules_match_as_whole_scans() {
        let rules: [(&Verifier, u32); 15] = [
            (&RE_DMY, T_DIGIT),
            (&RE_DMY_TEXT, T_NGAY),
            (&RE_DM, T_DIGIT),
            (&RE_MY, T_THANG | T_DIGIT),
            (&RE_MONTH, T_THANG),
            (&RE_QUARTER, T_QUY),
            (&RE_HALF, T_DIGIT | T_NUMW),
            (&RE_MONTHS_OF_YEAR, T_DIGIT | T_NUMW),
            (&RE_YEAR_PART, T_PART),
            (&RE_MONTH_PART, T_PART),
            (&RE_YEAR, T_NAM),
            (&RE_YEAR_LIST, T_NAM),
            (&RE_YEAR_RANGE, T_TERM | T_DIGIT),
            (&RE_DAY_LIST, T_DAYCUE),
            (&RE_DAY_SPAN, T_TU | T_NGAY | T_LAM | T_PAREN),
        ];
        let mut found = 0;
        for text in TEXTS {
            let ctx = Analysis::new(text, &[], None);
            let t = Triggers::new(&ctx, &DATE_TRIGGERS, true).expect("foldable text");
            for (i, (re, classes)) in rules.iter().enumerate() {
                let whole = ranges(re.captures_iter(text).collect());
                found += whole.len();
                assert_eq!(
                    ranges(matches_at(re, text, Some(&t), *classes)),
                    whole,
                    "rule {i} on {text}"
                );
            }
            // the trap: a rule verified at the wrong triggers misses matches
            if text.contains("NGÀY 5") {
                assert!(matches_at(&RE_DMY_TEXT, text, Some(&t), T_DIGIT).is_empty());
            }
        }
        assert!(found > 40, "the texts exercise the rules ({found} matches)");
    }

    #[test]
    fn tail_search_finds_the_whole_prefix_match() {
        let cases: [(&Regex, usize); 4] = [
            (&RE_DAY_CUE, 2),
            (&RE_DUE_CUE, 4),
            (&RE_RANGE_FROM, 3),
            (&RE_RELATIVE, 7),
        ];
        let text = "Thứ Hai, (  hạn chót là  x sau hai mươi ngày kể từ ngày  và kể từ tháng                     trong thời hạn là chủ nhật, ngày  hoàn thành trong vào  trước 3 tuần từ ngày ";
        let mut hits = 0;
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for (re, words) in cases {
                let whole = re.find(&text[..end]).map(|m| m.range());
                hits += usize::from(whole.is_some());
                let tail = re
                    .find_at(&text[..end], tail_start(text, end, words))
                    .map(|m| m.range());
                assert_eq!(tail, whole, "{:?}", &text[..end]);
            }
        }
        assert!(hits > 20, "{hits}");
        // the trap: one word fewer misses "sau hai mươi ngày kể từ ngày"
        let end = text.find("và kể").unwrap();
        assert!(RE_RELATIVE.find(&text[..end]).is_some());
        assert!(
            RE_RELATIVE
                .find_at(&text[..end], tail_start(text, end, 6))
                .is_none()
        );
    }

    #[test]
    fn counts_and_full_dates() {
        assert_eq!(parse_count("hai"), Some(2));
        assert_eq!(parse_count("mười lăm"), Some(15));
        assert_eq!(parse_count("ba mươi"), Some(30));
        assert_eq!(
            full_date_prefix("ngày 9/3/2021, x").map(|x| x.0),
            Day::new(2021, 3, 9)
        );
    }
}
