//! The one calendar of the project: a civil day ([`Day`], on
//! `jiff::civil::Date`), its parsers (ISO and the metadata forms) and its
//! arithmetic, used by extraction, the index, reading, search and serve
//! instead of each parsing `YYYY-MM-DD` strings and counting days by hand.
//!
//! The output contract keeps days as ISO strings ([`Day::iso`]); inside,
//! they are `Day`s. Years are those jiff holds (-9999..=9999); a result
//! outside them is `None`.

use jiff::civil::Date;
use jiff::{ToSpan, Unit};

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(Date);

/// 1970-01-01, day 0 of [`Day::epoch_days`].
const EPOCH: Date = jiff::civil::date(1970, 1, 1);

impl Day {
    /// `y-m-d` when it is a real calendar day.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Day> {
        let y = i16::try_from(y).ok()?;
        let m = i8::try_from(m).ok()?;
        let d = i8::try_from(d).ok()?;
        Date::new(y, m, d).ok().map(Day)
    }

    pub fn year(self) -> i32 {
        i32::from(self.0.year())
    }

    pub fn month(self) -> u32 {
        self.0.month() as u32
    }

    pub fn day(self) -> u32 {
        self.0.day() as u32
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        (self.year(), self.month(), self.day())
    }

    /// Strict ISO `YYYY-MM-DD` (four, two and two digits; surrounding
    /// spaces allowed), only real days: the form the output holds.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let s = s.trim();
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `Y-M-D` with numbers of any width ("2021-3-9"), as the index and
    /// search read stored and queried days.
    pub fn parse_ymd(s: &str) -> Option<Day> {
        let mut it = s.trim().splitn(3, '-');
        let y: i64 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        Day::new(i32::try_from(y).ok()?, m, d)
    }

    /// A metadata date: `2021-03-11`, `2021-03-11T08:00:00+07:00`,
    /// `11/3/2021`, `11-03-2021`, `11.3.2021` (the first three numbers, the
    /// year first or last); anything else or an impossible day is `None`.
    pub fn parse_metadata(raw: &str) -> Option<Day> {
        let nums: Vec<&str> = raw
            .trim()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(3)
            .collect();
        if nums.len() < 3 {
            return None;
        }
        let (y, m, d) = if nums[0].len() == 4 {
            (nums[0], nums[1], nums[2])
        } else if nums[2].len() == 4 {
            (nums[2], nums[1], nums[0])
        } else {
            return None;
        };
        Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// ISO `YYYY-MM-DD`, the output's form.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// This day plus `n` days (`n` may be negative).
    pub fn add_days(self, n: i64) -> Option<Day> {
        self.0.checked_add(n.days()).ok().map(Day)
    }

    /// This day plus `n` months, the day clamped to the month's end
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, n: i64) -> Option<Day> {
        self.0.checked_add(n.months()).ok().map(Day)
    }

    /// Days since 1970-01-01 (negative before): the index's day number.
    pub fn epoch_days(self) -> i64 {
        self.0
            .since((Unit::Day, EPOCH))
            .map_or(0, |s| i64::from(s.get_days()))
    }

    /// The day `z` days after 1970-01-01.
    pub fn from_epoch_days(z: i64) -> Option<Day> {
        EPOCH.checked_add(z.days()).ok().map(Day)
    }

    /// The last day of month `m` of year `y`.
    pub fn last_of_month(y: i32, m: u32) -> Option<Day> {
        Day::new(y, m, 1).map(|d| Day(d.0.last_of_month()))
    }
}

/// Days of month `m` (1-12) of year `y`; 0 for a month or year the
/// calendar does not hold.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    Day::last_of_month(y, m).map_or(0, Day::day)
}

/// How much time a date entity covers: `Kind::Date::granularity`, with
/// the output's stable names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    Range,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Half => "half",
            Granularity::Year => "year",
            Granularity::Range => "range",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::new(y, m, d).unwrap()
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Day::parse_iso("2020-02-29"), Some(day(2020, 2, 29)));
        assert_eq!(Day::parse_iso(" 2021-03-09 "), Some(day(2021, 3, 9)));
        assert_eq!(Day::parse_iso("2021-02-29"), None);
        assert_eq!(Day::parse_iso("2021-3-9"), None);
        assert_eq!(Day::parse_ymd("2021-3-9"), Some(day(2021, 3, 9)));
        assert_eq!(Day::parse_ymd("2021-13-01"), None);
        assert_eq!(
            Day::parse_metadata("2021-03-11T08:00:00+07:00"),
            Some(day(2021, 3, 11))
        );
        assert_eq!(Day::parse_metadata("11.3.2021"), Some(day(2021, 3, 11)));
        assert_eq!(Day::parse_metadata("31/2/2021"), None);
        assert_eq!(Day::parse_metadata("hôm qua"), None);
    }

    #[test]
    fn arithmetic() {
        assert_eq!(day(2021, 3, 9).add_days(2), Some(day(2021, 3, 11)));
        assert_eq!(day(2021, 4, 1).add_days(30), Some(day(2021, 5, 1)));
        assert_eq!(day(2024, 3, 1).add_days(-1), Some(day(2024, 2, 29)));
        // the day clamped to the month's end, as a deadline "1 tháng" counts
        assert_eq!(day(2021, 1, 31).add_months(1), Some(day(2021, 2, 28)));
        assert_eq!(day(2021, 3, 31).add_months(-13), Some(day(2020, 2, 29)));
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2021, 13), 0);
        assert_eq!(day(9999, 12, 31).add_days(1), None);
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(day(1970, 1, 2).epoch_days(), 1);
        assert_eq!(day(1969, 12, 31).epoch_days(), -1);
        for z in [-100_000i64, -1000, 0, 59, 365, 18_700, 20_000, 100_000] {
            assert_eq!(Day::from_epoch_days(z).unwrap().epoch_days(), z);
        }
        assert_eq!(day(2021, 3, 9).iso(), "2021-03-09");
        assert_eq!(day(5, 1, 1).iso(), "0005-01-01");
    }
}
