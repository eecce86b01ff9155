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
//! Also the small civil-date helpers other extractors use ([`parse_iso`],
//! [`add_days`], [`days_in_month`], …).

use super::Ctx;
use super::fastre::FastRegex as Regex;
use crate::model::{Entity, Kind};
use std::ops::Range;
use std::sync::LazyLock;

// ---------------------------------------------------------------- civil dates

/// True for Gregorian leap years.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days of month `m` (1-12) of year `y`; 0 for an invalid month.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Alias of [`days_in_month`]: the last day of the month.
pub fn last_day_of_month(y: i32, m: u32) -> u32 {
    days_in_month(y, m)
}

/// True when `y-m-d` is a real calendar day.
pub fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// `y-m-d` plus `n` days (n may be negative).
pub fn add_days(y: i32, m: u32, d: u32, n: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(y, m, d) + n)
}

/// `y-m-d` plus `n` months, the day clamped to the month's end.
pub fn add_months(y: i32, m: u32, d: u32, n: i64) -> (i32, u32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let ny = idx.div_euclid(12) as i32;
    let nm = idx.rem_euclid(12) as u32 + 1;
    (ny, nm, d.min(days_in_month(ny, nm)))
}

/// Format as ISO `YYYY-MM-DD`.
pub fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parse an ISO `YYYY-MM-DD` date (only real calendar days).
pub fn parse_iso(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    valid(y, m, d).then_some((y, m, d))
}

/// An ISO date plus `n` days.
pub fn add_days_iso(s: &str, n: i64) -> Option<String> {
    let (y, m, d) = parse_iso(s)?;
    let (y, m, d) = add_days(y, m, d, n);
    Some(iso(y, m, d))
}

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
pub fn full_date_prefix(s: &str) -> Option<((i32, u32, u32), usize)> {
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
    valid(y, m, d).then_some(((y, m, d), c.get(0)?.end()))
}

// ---------------------------------------------------------------- atoms

/// A calendar day (year, month, day).
type Ymd = (i32, u32, u32);

/// What an atom denotes, relative to a year when it has none of its own.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Day(u32, u32),
    /// (m1, d1, m2, d2) within one year.
    DayRange(u32, u32, u32, u32),
    /// Months m1..=m2 of the year.
    Months(u32, u32),
    /// Already absolute: from, to.
    Fixed((i32, u32, u32), (i32, u32, u32)),
}

#[derive(Debug, Clone)]
struct Atom {
    range: Range<usize>,
    year: Option<i32>,
    shape: Shape,
    gran: &'static str,
    rule: &'static str,
}

impl Atom {
    fn new(
        range: Range<usize>,
        year: Option<i32>,
        shape: Shape,
        gran: &'static str,
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
    fn resolve(&self, year: Option<i32>) -> Option<(Ymd, Ymd)> {
        if let Shape::Fixed(a, b) = self.shape {
            return Some((a, b));
        }
        let y = self.year.or(year)?;
        let (a, b) = match self.shape {
            Shape::Day(m, d) => ((y, m, d), (y, m, d)),
            Shape::DayRange(m1, d1, m2, d2) => ((y, m1, d1), (y, m2, d2)),
            Shape::Months(m1, m2) => ((y, m1, 1), (y, m2, days_in_month(y, m2))),
            Shape::Fixed(..) => unreachable!(),
        };
        (valid(a.0, a.1, a.2) && valid(b.0, b.1, b.2) && a <= b).then_some((a, b))
    }

    /// True when the atom names a year of its own (an anchor for partial dates).
    fn anchors(&self) -> bool {
        self.year.is_some() && !matches!(self.shape, Shape::Fixed(..))
    }
}

const D: &str = r"(0?[1-9]|[12][0-9]|3[01])";
const M: &str = r"(0?[1-9]|1[0-2])";
const Y: &str = r"((?:1[89]|20)[0-9]{2})";

fn re(pattern: &str) -> Regex {
    let p = pattern
        .replace("{D}", D)
        .replace("{M}", M)
        .replace("{Y}", Y);
    Regex::new(&p).unwrap_or_else(|e| panic!("bad date regex {p}: {e}"))
}

static RE_DMY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})\b"));
static RE_DMY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bngày\s+(?:mùng\s+|mồng\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?\b",
    )
});
static RE_DM: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})([/.-])(\d{1,2})\b"));
static RE_MY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:\btháng\s+)?\b(\d{1,2})\s?([/.-])\s?(\d{4})\b"));
static RE_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\btháng\s+(\d{1,2})(?:\s+năm\s+{Y})?\b"));
static RE_QUARTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|-|năm)\s*{Y}\b)?"));
static RE_HALF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|nửa)\s+(?:tháng\s+)?(đầu|cuối|sau)\s+năm(?:\s+{Y})?\b",
    )
});
static RE_MONTHS_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một)\s+tháng\s+năm\s+{Y}\b")
});
/// A deadline cue right before a vague "cuối năm".
static RE_DUE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:hạn\s+chót|hạn\s+cuối|chậm\s+nhất|trước|đến\s+hết|xong\s+trong|hoàn\s+thành\s+trong|trong\s+thời\s+hạn)(?:\s+là|\s+vào)?\s*$",
    )
});
static RE_YEAR_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(đầu|giữa|cuối)\s+năm(?:\s+{Y})?\b"));
static RE_MONTH_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(đầu|giữa|cuối)\s+tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*{Y})?\b"));
static RE_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bnăm\s+{Y}\b"));
/// "các năm 2014, 2015 và 2016", "ba năm liền 2014, 2015, 2016": the
/// years after the first one (the first is a `date.year` atom).
static RE_YEAR_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bnăm\s+(?:liền\s+)?((?:1[89]|20)[0-9]{2}(?:\s*(?:,|và)\s*(?:1[89]|20)[0-9]{2}\b)+)")
});
static RE_YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|năm\s+học|niên\s+khóa|những\s+năm|các\s+năm|năm)\s+)?\b{Y}\s*[-–—]\s*{Y}\b",
    )
});
static RE_DAY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|làm\s+việc)\s+{D}((?:\s*,\s*(?:0?[1-9]|[12][0-9]|3[01]))*(?:\s*(?:,|và)\s*(?:0?[1-9]|[12][0-9]|3[01])))\s*[/.-]\s*{M}(?:[/.-]{Y})?\b",
    )
});
static RE_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+"));
static RE_DAY_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
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

fn collect_atoms(text: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    let leap = 2024;
    // 9/3/2021, 09-03-2021, 9.3.2021
    for c in RE_DMY.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let (d, m, y) = (num(&c[1]), num(&c[3]), num(&c[5]) as i32);
        if c[2] == c[4] && valid(y, m, d) && isolated(text, &r) {
            let rule = match &c[2] {
                "/" => "date.dmy_slash",
                "-" => "date.dmy_dash",
                _ => "date.dmy_dot",
            };
            out.push(Atom::new(r, Some(y), Shape::Day(m, d), "day", rule));
        }
    }
    // ngày 9 tháng 3 năm 2021 / ngày 9 tháng 3
    for c in RE_DMY_TEXT.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let (d, m) = (num(&c[1]), num(&c[2]));
        let y = c.get(3).map(|y| num(y.as_str()) as i32);
        if valid(y.unwrap_or(leap), m, d) {
            out.push(Atom::new(r, y, Shape::Day(m, d), "day", "date.dmy_text"));
        }
    }
    // partial 11/3, 11-3, 11.3 (dots only after a cue)
    for c in RE_DM.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let (d, m) = (num(&c[1]), num(&c[3]));
        if !valid(leap, m, d) || !isolated(text, &r) {
            continue;
        }
        let cued = RE_DAY_CUE.is_match(&text[..r.start]);
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
                "day",
                "date.dm_partial",
            ));
        }
    }
    // tháng 3/2021, tháng 10.2016, 6/2017
    for c in RE_MY.captures_iter(text) {
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
            "month",
            "date.month_year",
        ));
    }
    // tháng 3, tháng 3 năm 2021
    for c in RE_MONTH.captures_iter(text) {
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
        out.push(Atom::new(r, y, Shape::Months(m, m), "month", "date.month"));
    }
    // quý II/2021, quý 2 năm 2021, quý IV
    for c in RE_QUARTER.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let Some(q) = roman_or_digit(&c[1]) else {
            continue;
        };
        let y = c.get(2).map(|y| num(y.as_str()) as i32);
        out.push(Atom::new(
            r,
            y,
            Shape::Months(3 * q - 2, 3 * q),
            "quarter",
            "date.quarter",
        ));
    }
    // 6 tháng đầu năm 2021, sáu tháng cuối năm, nửa đầu năm
    for c in RE_HALF.captures_iter(text) {
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
        let gran = if n == 6 { "half" } else { "range" };
        out.push(Atom::new(r, y, Shape::Months(m1, m2), gran, "date.half"));
    }
    // "4 tháng năm 2017": its first four months
    for c in RE_MONTHS_OF_YEAR.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let n = match parse_count(&c[1]) {
            Some(n) if (1..=11).contains(&n) => n as u32,
            _ => continue,
        };
        let y = num(&c[2]) as i32;
        let gran = if n == 6 { "half" } else { "range" };
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
    for c in RE_YEAR_PART.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let y = c.get(2).map(|y| num(y.as_str()) as i32);
        if y.is_none() && !(c[1].to_lowercase() == "cuối" && RE_DUE_CUE.is_match(&text[..r.start]))
        {
            continue;
        }
        out.push(Atom::new(
            r,
            y,
            Shape::Months(1, 12),
            "year",
            "date.year_part",
        ));
    }
    // đầu/giữa/cuối tháng 3(/2021)
    for c in RE_MONTH_PART.captures_iter(text) {
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
            "month",
            "date.month_part",
        ));
    }
    // năm 2021
    for c in RE_YEAR.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let y = num(&c[1]) as i32;
        if !isolated(text, &(c.get(1).unwrap().start()..r.end)) {
            continue;
        }
        out.push(Atom::new(
            r,
            Some(y),
            Shape::Months(1, 12),
            "year",
            "date.year",
        ));
    }
    // năm 2014, 2015 và 2016 / năm liền 2014, 2015: each year (the longer
    // "năm 2014" atom wins over its bare first year)
    for c in RE_YEAR_LIST.captures_iter(text) {
        let list = c.get(1).unwrap();
        for d in RE_DIGITS.find_iter(list.as_str()) {
            let r = list.start() + d.start()..list.start() + d.end();
            if isolated(text, &r) {
                let y = num(d.as_str()) as i32;
                out.push(Atom::new(
                    r,
                    Some(y),
                    Shape::Months(1, 12),
                    "year",
                    "date.year_list",
                ));
            }
        }
    }
    // 2021-2025, giai đoạn 2021-2030, nhiệm kỳ 2021-2026
    for c in RE_YEAR_RANGE.captures_iter(text) {
        let r = c.get(0).unwrap().range();
        let (y1, y2) = (num(&c[2]) as i32, num(&c[3]) as i32);
        let nums = c.get(2).unwrap().start()..r.end;
        if y1 >= y2 || y2 - y1 > 100 || !isolated(text, &nums) {
            continue;
        }
        let rule = if c.get(1).is_some() {
            "date.term"
        } else {
            "date.year_range"
        };
        out.push(Atom::new(
            r,
            None,
            Shape::Fixed((y1, 1, 1), (y2, 12, 31)),
            "range",
            rule,
        ));
    }
    // ngày 20, 21-4 / ngày 5 và 12/4
    for c in RE_DAY_LIST.captures_iter(text) {
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
                "range",
                "date.day_list",
            ));
        } else {
            let last = days.len() - 1;
            for (i, (d, dr)) in days.into_iter().enumerate() {
                let span = if i == last { dr.start..r.end } else { dr };
                out.push(Atom::new(span, y, Shape::Day(m, d), "day", "date.day_list"));
            }
        }
    }
    // (từ) ngày 20-21/4, từ ngày 1 đến ngày 15/4
    // "(12 - 13/9)", "hai ngày làm việc 12-13/9": the span starts at the day
    for c in RE_DAY_SPAN.captures_iter(text) {
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
                "range",
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
    if a.gran == "year" && RE_LIFE_STEP.is_match(&text[a.range.end..]) {
        return false;
    }
    let lo = super::floor_boundary(text, a.range.start.saturating_sub(120));
    let clause = &text[lo..a.range.start];
    !(RE_PLAN.is_match(clause) || a.gran == "year" && RE_NAMED.is_match(clause))
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
                    Shape::Fixed(f, _) => Some(f.0),
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
type Resolved = (Range<usize>, Option<(Ymd, Ymd)>, &'static str, &'static str);

pub fn extract(ctx: &Ctx, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let atoms = select(collect_atoms(text), found);
    let year = ctx
        .doc_date
        .and_then(parse_iso)
        .map(|d| d.0)
        .or_else(|| report_year(text, &atoms));
    // Each atom with its value: `Some(None)` when no year is known (the
    // date is still reported, with null from/to); atoms whose day does not
    // exist in the year found ("29/2" of 2021) are dropped.
    let mut resolved: Vec<(Atom, Option<(Ymd, Ymd)>)> = Vec::new();
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
                let from = RE_RANGE_FROM.find(&text[..a.range.start]);
                let both_full = a.year.is_some()
                    && b.year.is_some()
                    && a.gran == b.gran
                    && matches!(a.gran, "day" | "month");
                if (from.is_some() && (!dash || a.gran == b.gran)) || (dash && both_full) {
                    let start = from.map_or(a.range.start, |m| m.start());
                    let value = match (ra, rb) {
                        (Some(ra), Some(rb)) => {
                            let mut f = ra.0;
                            if a.year.is_none()
                                && b.year.is_some()
                                && !matches!(a.shape, Shape::Fixed(..))
                            {
                                let by = rb.1.0;
                                let y = if ra.0.1 > rb.1.1 { by - 1 } else { by };
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
                        out.push((start..b.range.end, v, "range", "date.from_to"));
                        i += 2;
                        continue;
                    }
                }
            }
        }
        out.push((a.range.clone(), *ra, a.gran, a.rule));
        // "sau hai ngày kể từ ngày 9/3/2021" → 2021-03-11
        if let Some(ra) = ra
            && a.gran == "day"
            && let Some(c) = RE_RELATIVE.captures(&text[..a.range.start])
            && let Some(n) = parse_count(&c[2])
        {
            let sign = if c[1].to_lowercase() == "sau" { 1 } else { -1 };
            let (y, m, d) = ra.0;
            let t = match c[3].to_lowercase().as_str() {
                "ngày" => add_days(y, m, d, sign * n),
                "tuần" => add_days(y, m, d, sign * 7 * n),
                "tháng" => add_months(y, m, d, sign * n),
                _ => add_months(y, m, d, sign * 12 * n),
            };
            let start = c.get(0).unwrap().start();
            out.push((start..a.range.end, Some((t, t)), "day", "date.relative"));
        }
        i += 1;
    }
    for (range, ft, gran, rule) in out {
        let (from, to) = match ft {
            Some((f, t)) => (Some(iso(f.0, f.1, f.2)), Some(iso(t.0, t.1, t.2))),
            None => (None, None),
        };
        let kind = Kind::Date {
            from,
            to,
            granularity: gran.to_string(),
        };
        found.push(ctx.entity(kind, range, rule));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip() {
        for z in [-1000i64, 0, 59, 365, 18_700, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(add_days(2021, 3, 9, 2), (2021, 3, 11));
        assert_eq!(add_days(2021, 4, 1, 30), (2021, 5, 1));
        assert_eq!(add_days(2024, 3, 1, -1), (2024, 2, 29));
        assert_eq!(add_months(2021, 1, 31, 1), (2021, 2, 28));
        assert_eq!(parse_iso("2021-02-29"), None);
        assert_eq!(parse_iso("2020-02-29"), Some((2020, 2, 29)));
        assert_eq!(parse_count("hai"), Some(2));
        assert_eq!(parse_count("mười lăm"), Some(15));
        assert_eq!(parse_count("ba mươi"), Some(30));
        assert_eq!(
            full_date_prefix("ngày 9/3/2021, x").map(|x| x.0),
            Some((2021, 3, 9))
        );
    }
}
