//! What a listing row rests on: the report, the entity's span in it, the
//! entity as written and the sentence it stands in (cut to
//! [`EVIDENCE_CHARS`] around the entity), and, for a deadline, why its due
//! date is not the date written ([`due_note`]).

use super::StoredDoc;
use crate::calendar::Day;
use crate::model::{Entity, Kind};
use serde::Serialize;
use std::ops::Range;

/// Longest sentence shown as evidence, in characters; a longer one is cut
/// around the entity, with "…" where it was cut.
pub const EVIDENCE_CHARS: usize = 240;

/// How far the sentence is looked for around an entity when the index holds
/// no sentence spans (an index built before they were stored).
const FALLBACK_BYTES: usize = crate::segment::MAX_SENTENCE_BYTES;

/// Where a row comes from.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Evidence {
    /// The report's id.
    pub report: String,
    /// The entity's byte span in the report's normalized text (the web page
    /// opens the report there).
    pub start: usize,
    pub end: usize,
    /// The entity as written: "trước ngày 30/4/2017", "Chỉ thị số 05-CT/TW".
    pub text: String,
    /// The sentence holding it.
    pub sentence: String,
}

impl Evidence {
    /// The evidence of entity `e` of `doc`.
    pub fn of(doc: &StoredDoc, e: &Entity) -> Evidence {
        Evidence::at(doc, e.start, e.end, e.sentence, &e.text)
    }

    /// The evidence of the span `start..end` (in sentence `sentence`) of `doc`.
    pub fn at(doc: &StoredDoc, start: usize, end: usize, sentence: usize, text: &str) -> Evidence {
        let body = doc.body.as_str();
        let valid = |r: &Range<usize>| {
            r.start <= start
                && end <= r.end
                && r.end <= body.len()
                && body.is_char_boundary(r.start)
                && body.is_char_boundary(r.end)
        };
        let span = doc
            .data
            .sentences
            .get(sentence)
            .map(|s| s.range())
            .filter(valid)
            .or_else(|| around(body, start, end))
            .unwrap_or(0..0);
        let on_chars = start <= end && body.is_char_boundary(start) && body.is_char_boundary(end);
        let sentence = if on_chars && span.start <= start && end <= span.end {
            cut_around(&body[span.clone()], start - span.start, end - span.start)
        } else {
            String::new()
        };
        Evidence {
            report: doc.id.clone(),
            start,
            end,
            text: text.to_string(),
            sentence,
        }
    }
}

/// The sentence around `start..end` when no span is stored: back to the
/// last sentence end or line break before it, on to the next one after it,
/// at most [`FALLBACK_BYTES`] each way.
fn around(body: &str, start: usize, end: usize) -> Option<Range<usize>> {
    if start > end
        || end > body.len()
        || !body.is_char_boundary(start)
        || !body.is_char_boundary(end)
    {
        return None;
    }
    let floor = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !body.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let lo = floor(start.saturating_sub(FALLBACK_BYTES));
    let hi = ceil((end + FALLBACK_BYTES).min(body.len()));
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let a = body[lo..start].rfind(is_end).map_or(lo, |i| lo + i + 1);
    let b = body[end..hi].find(is_end).map_or(hi, |i| end + i + 1);
    let (a, b) = (a.min(start), b.max(end));
    let s = &body[a..b];
    let lead = s.len() - s.trim_start().len();
    let tail = s.len() - s.trim_end().len();
    Some((a + lead).min(start)..(b - tail).max(end))
}

/// `sentence` as is when it is at most [`EVIDENCE_CHARS`] long, else the
/// stretch around `start..end` (byte offsets into it), "…" where cut.
fn cut_around(sentence: &str, start: usize, end: usize) -> String {
    let total = sentence.chars().count();
    if total <= EVIDENCE_CHARS {
        return sentence.to_string();
    }
    let before = sentence[..start].chars().count();
    let inside = sentence[start..end].chars().count();
    let room = EVIDENCE_CHARS.saturating_sub(inside);
    // Half the room on each side, what one side cannot use to the other.
    let after = total - before - inside;
    let left = (room / 2).min(before);
    let right = (room - left).min(after);
    let left = (room - right).min(before);
    let first = before - left;
    let last = before + inside + right;
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    out.extend(sentence.chars().skip(first).take(last - first));
    if last < total {
        out.push('…');
    }
    out
}

fn day(iso: &str) -> Option<i64> {
    Day::parse_ymd(iso).map(Day::epoch_days)
}

fn fmt_day(iso: &str) -> String {
    match Day::parse_ymd(iso).map(Day::ymd) {
        Some((y, m, d)) => format!("{d}/{m}/{y}"),
        None => iso.to_string(),
    }
}

/// The date entity a deadline's span holds (the date as written): the
/// first dated one starting inside it. `entities` are in text order.
pub fn written_date<'a>(entities: &'a [Entity], deadline: &Entity) -> Option<&'a Entity> {
    let from = entities.partition_point(|e| e.start < deadline.start);
    entities[from..]
        .iter()
        .take_while(|e| e.start < deadline.end)
        .find(|e| {
            e.end <= deadline.end
                && matches!(
                    e.kind,
                    Kind::Date {
                        from: Some(_),
                        to: Some(_),
                        ..
                    }
                )
        })
}

/// Why a deadline's due date is not the date written, in the page's
/// language (Vietnamese): "ngày liền trước ngày X" for "trước ngày X",
/// "ngày cuối của tháng ghi" for "trong tháng 4", "30 ngày kể từ 1/3/2021"
/// for "trong 30 ngày kể từ ngày 1/3/2021". `None` when the due date is the
/// day written, or when there is nothing to compare.
pub fn due_note(due: Option<&str>, written: Option<&Entity>) -> Option<String> {
    let Some(Kind::Date {
        from: Some(from),
        to: Some(to),
        granularity,
    }) = written.map(|w| &w.kind)
    else {
        return due
            .is_none()
            .then(|| "không tính được ngày đến hạn".to_string());
    };
    let Some(due) = due else {
        return Some(format!(
            "không tính được ngày đến hạn từ “{}”",
            written.map_or("", |w| w.text.as_str())
        ));
    };
    let (d, f, t) = (day(due)?, day(from)?, day(to)?);
    if d == t && f == t {
        return None;
    }
    if d == f - 1 {
        return Some(format!("ngày liền trước ngày {}", fmt_day(from)));
    }
    if d == t {
        let of = match granularity.as_str() {
            "month" => "tháng",
            "quarter" => "quý",
            "half" => "nửa năm",
            "year" => "năm",
            _ => "khoảng thời gian",
        };
        return Some(format!("ngày cuối của {of} ghi"));
    }
    if d > t && f == t {
        let (fday, dday) = (Day::parse_ymd(from)?, Day::parse_ymd(due)?);
        let months = i64::from(dday.year() - fday.year()) * 12 + i64::from(dday.month())
            - i64::from(fday.month());
        let by_months = (months > 0)
            .then(|| fday.add_months(months))
            .flatten()
            .is_some_and(|m| m.epoch_days() == d);
        return Some(if by_months {
            format!("{months} tháng kể từ ngày {}", fmt_day(from))
        } else {
            format!("{} ngày kể từ ngày {}", d - f, fmt_day(from))
        });
    }
    Some(format!("khác ngày ghi ({})", fmt_day(to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(from: &str, to: &str, gran: &str, text: &str) -> Entity {
        Entity {
            kind: Kind::Date {
                from: Some(from.into()),
                to: Some(to.into()),
                granularity: gran.into(),
            },
            text: text.into(),
            start: 0,
            end: text.len(),
            sentence: 0,
            rule: "date.test".into(),
        }
    }

    #[test]
    fn due_notes_say_why_the_day_differs() {
        let d = date("2017-04-30", "2017-04-30", "day", "30/4/2017");
        assert_eq!(
            due_note(Some("2017-04-29"), Some(&d)).unwrap(),
            "ngày liền trước ngày 30/4/2017"
        );
        // the day written: nothing to say
        assert_eq!(due_note(Some("2017-04-30"), Some(&d)), None);
        let m = date("2017-04-01", "2017-04-30", "month", "tháng 4/2017");
        assert_eq!(
            due_note(Some("2017-04-30"), Some(&m)).unwrap(),
            "ngày cuối của tháng ghi"
        );
        let q = date("2017-04-01", "2017-06-30", "quarter", "quý II/2017");
        assert_eq!(
            due_note(Some("2017-06-30"), Some(&q)).unwrap(),
            "ngày cuối của quý ghi"
        );
        let s = date("2021-03-01", "2021-03-01", "day", "1/3/2021");
        assert_eq!(
            due_note(Some("2021-03-31"), Some(&s)).unwrap(),
            "30 ngày kể từ ngày 1/3/2021"
        );
        assert_eq!(
            due_note(Some("2021-06-01"), Some(&s)).unwrap(),
            "3 tháng kể từ ngày 1/3/2021"
        );
        // no due date (not computed): said so, with the words written
        assert!(due_note(None, Some(&d)).unwrap().contains("30/4/2017"));
        assert!(due_note(None, None).is_some());
        assert_eq!(due_note(Some("2017-04-29"), None), None);
    }

    #[test]
    fn long_sentences_are_cut_around_the_entity() {
        let filler = "chữ ".repeat(200);
        let s = format!("{filler}trước ngày 30/4/2017 {filler}");
        let start = filler.len();
        let end = start + "trước ngày 30/4/2017".len();
        let cut = cut_around(&s, start, end);
        assert!(cut.contains("trước ngày 30/4/2017"), "{cut}");
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= EVIDENCE_CHARS + 2);
        // short: whole
        assert_eq!(
            cut_around("Gửi trước ngày 3/4.", 4, 18),
            "Gửi trước ngày 3/4."
        );
        // at the start: all the room after it
        let s = format!("trước ngày 30/4/2017 {filler}");
        let cut = cut_around(&s, 0, 24);
        assert!(cut.starts_with("trước") && cut.ends_with('…'), "{cut}");
        assert_eq!(cut.chars().count(), EVIDENCE_CHARS + 1);
    }

    #[test]
    fn offsets_off_the_text_give_no_sentence_and_no_panic() {
        let doc = StoredDoc {
            id: "x".into(),
            title: None,
            date: None,
            source: String::new(),
            body: "Gửi trước ngày 3/4.".into(),
            data: Default::default(),
        };
        for (s, e) in [(2, 3), (5, 2), (0, 999), (999, 1000)] {
            assert_eq!(Evidence::at(&doc, s, e, 0, "").sentence, "");
        }
        assert_eq!(
            Evidence::at(&doc, 0, 4, 0, "Gửi").sentence,
            "Gửi trước ngày 3/4."
        );
    }

    #[test]
    fn without_stored_sentences_the_sentence_is_found_around() {
        let body = "Câu một. Sở Tài chính báo cáo trước ngày 30/4/2017.\nCâu ba.";
        let start = body.find("trước").unwrap();
        let r = around(body, start, start + "trước".len()).unwrap();
        assert_eq!(&body[r], "Sở Tài chính báo cáo trước ngày 30/4/2017.");
        assert!(around(body, 3, 2).is_none());
        assert!(around(body, 0, body.len() + 1).is_none());
    }
}
