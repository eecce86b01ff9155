//! The listings over an index (deadlines, attendees, people, directives):
//! one [`Listing`] names what is asked, [`Rows`] holds the answer and
//! writes it. `vntext deadlines` … and `GET /api/deadlines` … both go
//! through them, so a date bound, a filter or the CSV form is read and
//! written once.

use super::{Status, terminal_width};
use crate::search::listing::{self, AttendeeRow, DeadlineRow, DirectiveRow, PersonRow, Row};
use crate::search::{Engine, SearchError, query};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

/// A listing and its filters (`None`: no filter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// Due in `from..=to`, days since epoch.
    Deadlines {
        from: Option<i64>,
        to: Option<i64>,
        org: Option<String>,
    },
    Attendees {
        event: Option<String>,
        person: Option<String>,
    },
    People {
        title: Option<String>,
    },
    Directives {
        cited_by: Option<String>,
    },
}

/// A date bound that is not a date; `param` names it (`from`, `to`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY)")]
pub struct BadDate {
    pub param: &'static str,
    pub text: String,
}

/// The first day of the span `text` writes (YYYY, YYYY-MM, YYYY-MM-DD,
/// D/M/YYYY), or its last with `last`, in days since epoch.
fn date_bound(param: &'static str, text: Option<&str>, last: bool) -> Result<Option<i64>, BadDate> {
    text.map(|d| {
        query::parse_date_span(d)
            .map(|(a, b)| if last { b } else { a })
            .ok_or_else(|| BadDate {
                param,
                text: d.to_string(),
            })
    })
    .transpose()
}

impl Listing {
    /// Deadlines due from the first day of `from` to the last day of `to`
    /// (a year, a month or a day), whose responsible body mentions `org`.
    pub fn deadlines(
        from: Option<&str>,
        to: Option<&str>,
        org: Option<String>,
    ) -> Result<Listing, BadDate> {
        Ok(Listing::Deadlines {
            from: date_bound("from", from, false)?,
            to: date_bound("to", to, true)?,
            org,
        })
    }

    /// The listing's name: the command, the endpoint, the CSV file's name.
    pub fn name(&self) -> &'static str {
        match self {
            Listing::Deadlines { .. } => "deadlines",
            Listing::Attendees { .. } => "attendees",
            Listing::People { .. } => "people",
            Listing::Directives { .. } => "directives",
        }
    }

    /// The rows of the listing over `engine`'s index.
    pub fn rows(&self, engine: &Engine) -> Result<Rows, SearchError> {
        Ok(match self {
            Listing::Deadlines { from, to, org } => {
                Rows::Deadlines(listing::deadlines(engine, *from, *to, org.as_deref())?)
            }
            Listing::Attendees { event, person } => Rows::Attendees(listing::attendees(
                engine,
                event.as_deref(),
                person.as_deref(),
            )?),
            Listing::People { title } => Rows::People(listing::people(engine, title.as_deref())?),
            Listing::Directives { cited_by } => {
                Rows::Directives(listing::directives(engine, cited_by.as_deref())?)
            }
        })
    }
}

/// The rows of one listing; as JSON, the array of rows.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Rows {
    Deadlines(Vec<DeadlineRow>),
    Attendees(Vec<AttendeeRow>),
    People(Vec<PersonRow>),
    Directives(Vec<DirectiveRow>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Deadlines(r) => r.len(),
            Rows::Attendees(r) => r.len(),
            Rows::People(r) => r.len(),
            Rows::Directives(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write the rows in `format` (a table fitted to the terminal's width
    /// when stdout is one), with a byte-order mark first for `bom` CSV, so
    /// spreadsheet programs read UTF-8.
    pub fn write(&self, format: ListFormat, bom: bool, out: impl Write) -> anyhow::Result<()> {
        match self {
            Rows::Deadlines(r) => write_rows(r, format, bom, out),
            Rows::Attendees(r) => write_rows(r, format, bom, out),
            Rows::People(r) => write_rows(r, format, bom, out),
            Rows::Directives(r) => write_rows(r, format, bom, out),
        }
    }
}

fn write_rows<R: Row>(
    rows: &[R],
    format: ListFormat,
    bom: bool,
    mut out: impl Write,
) -> anyhow::Result<()> {
    if bom && matches!(format, ListFormat::Csv) {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let format = match format {
        ListFormat::Table => listing::Format::Table {
            width: terminal_width(),
        },
        ListFormat::Csv => listing::Format::Csv,
        ListFormat::Json => listing::Format::Json,
    };
    listing::write(rows, format, out)
}

/// `vntext deadlines|attendees|people|directives`: the listing over the
/// index in `index`, written to `out`.
pub fn list(
    index: &Path,
    listing: &Listing,
    format: ListFormat,
    bom: bool,
    out: impl Write,
) -> anyhow::Result<Status> {
    let engine = Engine::open(index)?;
    listing.rows(&engine)?.write(format, bom, out)?;
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_take_a_spans_first_and_last_day() {
        let Listing::Deadlines { from, to, .. } =
            Listing::deadlines(Some("2021"), Some("2021-02"), None).unwrap()
        else {
            panic!("not a deadlines listing");
        };
        let (jan1, _) = query::parse_date_span("2021-01-01").unwrap();
        let (_, feb28) = query::parse_date_span("2021-02-28").unwrap();
        assert_eq!((from, to), (Some(jan1), Some(feb28)));
    }

    #[test]
    fn a_bad_date_bound_names_its_parameter() {
        let err = Listing::deadlines(Some("2021"), Some("soon"), None).unwrap_err();
        assert_eq!(err.param, "to");
        assert_eq!(
            err.to_string(),
            "'soon' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY)"
        );
    }

    #[test]
    fn rows_serialize_as_the_bare_array_and_csv_takes_a_bom() {
        let rows = Rows::People(Vec::new());
        assert_eq!(serde_json::to_string(&rows).unwrap(), "[]");
        let mut out = Vec::new();
        rows.write(ListFormat::Csv, true, &mut out).unwrap();
        assert!(out.starts_with("\u{feff}".as_bytes()));
        let mut plain = Vec::new();
        rows.write(ListFormat::Json, true, &mut plain).unwrap();
        assert!(!plain.starts_with("\u{feff}".as_bytes()));
    }
}
