//! The data every stage shares: a processed [`Document`] with its
//! [`Entity`]s and [`Event`]s. This is also the JSON output contract of
//! `vntext extract --format json` (see `../shared/seed/README.md`).
//!
//! Invariant: every `start`/`end` is a byte offset into `Document::text`,
//! the *normalized* text, on a char boundary, `start <= end`.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One report after reading, normalization, segmentation and extraction.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Stable identity: the one given by the input, else derived from the path
    /// (and line number for JSON Lines).
    pub id: String,
    pub title: Option<String>,
    /// The report's own date (ISO `YYYY-MM-DD`) when the input states it.
    pub date: Option<String>,
    /// Where the report came from: a URL when given, else `path` or `path:line`.
    pub source: String,
    /// The normalized text. Every offset in this document points into it.
    pub text: String,
    /// Extra input fields (JSON Lines) or metadata lines (`.txt`) kept as is.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Sentence spans `[start, end)` into `text`; `Entity::sentence` indexes this.
    #[serde(default)]
    pub sentences: Vec<Span>,
    /// Captions, credits and bylines glued into the text, marked (never
    /// removed), in text order. Absent from the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Entities in text order (by `start`, then longer first).
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Anything odd met while reading: encoding guessed, bytes replaced, …
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// A byte range `[start, end)` into the normalized text, serialized as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn range(self) -> Range<usize> {
        self.0..self.1
    }
    pub fn contains(self, pos: usize) -> bool {
        self.0 <= pos && pos < self.1
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span(r.start, r.end)
    }
}

/// A marked stretch of the text that is not running prose: a photo
/// caption, a credit ("Ảnh: Minh Hà/TTXVN", "Video: …") or the report's
/// byline. `[start, end)` is a byte range into `Document::text`; a caption
/// or byline may be a whole sentence, a credit is often part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Describes a picture: "Quang cảnh hội nghị.", "X phát biểu tại lễ."
    Caption,
    /// Who made or supplied a picture, video or graphic: "Ảnh: TTXVN".
    Credit,
    /// Who wrote the report: a signature line, "Theo …", "Bài và ảnh: …".
    Byline,
}

/// One extracted mention. `kind` carries the type and the type's own fields;
/// it is flattened so the JSON reads `{"type": "person", "name": …, "text": …}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    #[serde(flatten)]
    pub kind: Kind,
    /// The exact span `text[start..end]`.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Index into `Document::sentences` of the sentence holding `start`.
    pub sentence: usize,
    /// Name of the rule that produced this entity, e.g. `person.cue_dong_chi`.
    pub rule: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    Person {
        name: String,
        titles: Vec<String>,
        /// On a mention by title alone or by given name alone: the full name
        /// of the person it resolves to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refers_to: Option<String>,
    },
    Title {
        title: String,
        organization: Option<String>,
    },
    Organization {
        name: String,
        expanded: String,
    },
    Location {
        name: String,
        /// province, city, district, town, commune, country, region
        level: String,
    },
    Directive {
        doc_type: String,
        number: Option<String>,
        issuer: Option<String>,
        issued: Option<String>,
        name: Option<String>,
        /// Normalized identity shared by every mention of the same document.
        key: String,
        /// On a bare later mention ("nội dung của Chỉ thị"): the key it links to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refers_to: Option<String>,
    },
    Date {
        /// First day, ISO `YYYY-MM-DD`; `None` (JSON `null`) when the text
        /// gives no year and none can be inferred ("sáng 2/3" in a report
        /// with no date of its own). `from` and `to` are both set or both not.
        from: Option<String>,
        /// Last day (inclusive), ISO; `None` exactly when `from` is.
        to: Option<String>,
        /// day, month, quarter, half, year, range
        granularity: String,
    },
    Deadline {
        /// The last day allowed, ISO `YYYY-MM-DD`; `None` (JSON `null`)
        /// when the text bounds the task but gives no calendar day: a
        /// time limit counted from an event ("trong thời hạn 30 ngày kể
        /// từ ngày nhận …"), a recurring one ("trước ngày 31/7 hằng năm",
        /// "… của năm báo cáo"), a day whose year cannot be inferred.
        due: Option<String>,
        task: String,
        responsible: Option<String>,
    },
}

impl Kind {
    /// The `type` tag as written in JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Person { .. } => "person",
            Kind::Title { .. } => "title",
            Kind::Organization { .. } => "organization",
            Kind::Location { .. } => "location",
            Kind::Directive { .. } => "directive",
            Kind::Date { .. } => "date",
            Kind::Deadline { .. } => "deadline",
        }
    }
}

/// A meeting or other event with its attendees.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// Hội nghị, Hội thảo, Lễ, Kỳ họp, Đại hội, Buổi làm việc, Đoàn công tác, …
    pub kind: String,
    pub name: String,
    pub date: Option<String>,
    pub organizer: Option<String>,
    pub chair: Option<String>,
    pub attendees: Vec<Attendee>,
    pub attendee_groups: Vec<String>,
    /// Span of the mention that introduced the event.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Attendee {
    pub name: String,
    pub titles: Vec<String>,
}
