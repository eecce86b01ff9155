//! The index schema. Text fields come in pairs: `X` (exact analyzer) and
//! `X_f` (folded analyzer), both with positions so phrases work on either.
//!
//! Changing anything here changes what is in the index: bump
//! [`SCHEMA_VERSION`].

use super::analyzer::{EXACT, FOLDED, KEYWORD};
use crate::calendar::Day;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, FacetOptions, Field, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

/// Version of the schema; stored beside the index (see `super::meta`).
pub const SCHEMA_VERSION: u32 = 1;

/// Handles of every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id, one raw token (for replacing a document).
    pub id: Field,
    /// Content hash (u64, fast): unchanged documents are not re-indexed.
    pub hash: Field,
    pub title: Field,
    pub title_f: Field,
    pub source: Field,
    /// The report's own date.
    pub date: Field,
    /// Normalized text, stored for snippets.
    pub body: Field,
    pub body_f: Field,
    pub person: Field,
    pub person_f: Field,
    /// Job titles of people and title mentions.
    pub role: Field,
    pub role_f: Field,
    pub org: Field,
    pub org_f: Field,
    pub location: Field,
    pub location_f: Field,
    /// Directive numbers and keys, one lower-cased keyword each (`01-ct/tw`).
    pub directive: Field,
    /// Directive mentions as text (`Chỉ thị 01-CT/TW`, names), exact and folded.
    pub directive_text: Field,
    pub directive_text_f: Field,
    /// Every date the report mentions (each date entity's first and last
    /// day) and the report's own date.
    pub dates: Field,
    /// Deadline due dates.
    pub deadline: Field,
    /// /person/…, /org/…, /directive/…, /doctype/…
    pub facet: Field,
    /// The document's entities and events, as JSON.
    pub data: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored { opts.set_stored() } else { opts }
}

fn date(stored: bool) -> DateOptions {
    let opts = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    if stored { opts.set_stored() } else { opts }
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        hash: b.add_u64_field("hash", FAST | STORED),
        title: b.add_text_field("title", text(EXACT, true)),
        title_f: b.add_text_field("title_f", text(FOLDED, false)),
        source: b.add_text_field("source", STRING | STORED),
        date: b.add_date_field("date", date(true)),
        body: b.add_text_field("body", text(EXACT, true)),
        body_f: b.add_text_field("body_f", text(FOLDED, false)),
        person: b.add_text_field("person", text(EXACT, false)),
        person_f: b.add_text_field("person_f", text(FOLDED, false)),
        role: b.add_text_field("role", text(EXACT, false)),
        role_f: b.add_text_field("role_f", text(FOLDED, false)),
        org: b.add_text_field("org", text(EXACT, false)),
        org_f: b.add_text_field("org_f", text(FOLDED, false)),
        location: b.add_text_field("location", text(EXACT, false)),
        location_f: b.add_text_field("location_f", text(FOLDED, false)),
        directive: b.add_text_field("directive", keyword),
        directive_text: b.add_text_field("directive_text", text(EXACT, false)),
        directive_text_f: b.add_text_field("directive_text_f", text(FOLDED, false)),
        dates: b.add_date_field("dates", date(false)),
        deadline: b.add_date_field("deadline", date(false)),
        facet: b.add_facet_field("facet", FacetOptions::default().set_stored()),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// The handles of `schema`, which must be [`build`]'s.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            hash: f("hash")?,
            title: f("title")?,
            title_f: f("title_f")?,
            source: f("source")?,
            date: f("date")?,
            body: f("body")?,
            body_f: f("body_f")?,
            person: f("person")?,
            person_f: f("person_f")?,
            role: f("role")?,
            role_f: f("role_f")?,
            org: f("org")?,
            org_f: f("org_f")?,
            location: f("location")?,
            location_f: f("location_f")?,
            directive: f("directive")?,
            directive_text: f("directive_text")?,
            directive_text_f: f("directive_text_f")?,
            dates: f("dates")?,
            deadline: f("deadline")?,
            facet: f("facet")?,
            data: f("data")?,
        })
    }
}

/// Parse `YYYY-MM-DD` into a tantivy date (midnight UTC); `None` when it is
/// not a valid date or outside [`YEARS`].
pub fn parse_iso(s: &str) -> Option<tantivy::DateTime> {
    let day = Day::parse_ymd(s)?;
    YEARS
        .contains(&i64::from(day.year()))
        .then(|| day_to_datetime(day.epoch_days()))
}

/// Years the index can hold (tantivy dates are nanoseconds in an `i64`,
/// about 1677–2262); dates outside are not indexed.
pub const YEARS: std::ops::RangeInclusive<i64> = 1700..=2200;

/// Midnight UTC of `y-m-d` (a year of any size: it is clamped to
/// [`YEARS`] first, as the day is); the first of the month when `d` is
/// not a day of it.
pub fn to_datetime(y: i64, m: u32, d: u32) -> tantivy::DateTime {
    let y = y.clamp(YEARS.start() - 1, YEARS.end() + 1) as i32;
    let day = Day::new(y, m, d).or_else(|| Day::new(y, m, 1));
    day_to_datetime(day.map_or(0, Day::epoch_days))
}

/// Midnight UTC of a day count since 1970-01-01, clamped to [`YEARS`].
pub fn day_to_datetime(day: i64) -> tantivy::DateTime {
    let first = |y: i64, m, d| Day::new(y as i32, m, d).map_or(0, Day::epoch_days);
    let lo = first(*YEARS.start(), 1, 1);
    let hi = first(*YEARS.end(), 12, 31);
    tantivy::DateTime::from_timestamp_secs(day.clamp(lo, hi) * 86400)
}

/// The day of a tantivy date.
pub fn datetime_day(dt: tantivy::DateTime) -> Option<Day> {
    Day::from_epoch_days(dt.into_timestamp_secs().div_euclid(86400))
}

/// `YYYY-MM-DD` of a tantivy date.
pub fn format_date(dt: tantivy::DateTime) -> String {
    datetime_day(dt).map_or_else(String::new, Day::iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for s in [
            "1970-01-01",
            "2021-03-09",
            "2000-02-29",
            "1945-09-02",
            "2026-12-31",
        ] {
            assert_eq!(format_date(parse_iso(s).unwrap()), s);
        }
        assert!(parse_iso("2021-02-29").is_none());
        assert!(parse_iso("2021-13-01").is_none());
        assert_eq!(format_date(day_to_datetime(1)), "1970-01-02");
        // years far out are clamped to the index's, not an overflow
        assert_eq!(format_date(to_datetime(1_000_000_000, 1, 1)), "2200-12-31");
    }
}
