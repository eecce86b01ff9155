//! Deadline extraction, built on the date entities found before.
//!
//! A deadline is a date bounding an obligation, cued right before the date:
//! - strict "trước (ngày) X" (also "hoàn thành/xong trước") → the day before X;
//! - inclusive "chậm nhất (là) (ngày) X", "hạn chót (là) X", "xong trong X",
//!   "hoàn thành trong X", "đến hết (ngày) X" → the last day of X;
//! - relative "trong (vòng|thời hạn) N ngày kể từ ngày X" → X + N days.
//!
//! Weak cues ("trước", "đến hết") need an obligation word in the sentence
//! (hoàn thành, gửi, nộp, báo cáo, yêu cầu, giao, …); targets ("phấn đấu
//! đến năm 2025", "mục tiêu …") are never deadlines, nor forecasts ("dự
//! kiến (sẽ) hoàn thành trước …"), completions told as done ("đã hoàn thành
//! trong năm 2016") or statistics cut-offs ("tính đến hết ngày …", "Cụ thể,
//! đến hết năm 2016, 78% …" unless what follows must or will still be done).
//! A plain "trong X" counts after an assignment when the date closes the
//! clause; a plain "đến X" when the time limit ends there ("… mới hết thời
//! hạn"); a date range right after a filing
//! (`data/lexicons/deadline_windows.txt`: "đăng ký … từ ngày 1 đến 20-4") is
//! due on its last day. A fronted "Trước ngày X, …" bounds what follows
//! when that must or will be done ("…, Bộ sẽ công bố …"); a tally of who
//! did it ("Chỉ có 10 đơn vị nộp … trước ngày X") is none.
//!
//! `due` is null when no calendar day can be read: the date has no known
//! year (`deadline.no_year`), the day recurs ("trước ngày 31/7 của năm báo
//! cáo", "Hằng năm, trước ngày 15/1": `deadline.recurring`,
//! `data/lexicons/deadline_recurring.txt`), or the limit is counted from an
//! event or stands alone, with no date at all ("trong thời hạn 5 ngày làm
//! việc, kể từ ngày nhận …", "không quá N ngày kể từ khi …", "chậm nhất là
//! 5 năm": `deadline.counted`). "chậm nhất 2019", a bare year, is due on
//! its last day (`deadline.bare_year`).
//!
//! `task` is the clause the deadline bounds (from the sentence start or the
//! last `;`/`:` to the cue, after the responsible body when one is named
//! there; the rest of the clause when the cue opens the sentence or only a
//! connective stands before it: "Theo kế hoạch, trước ngày X, …").
//! `responsible` is the body named by "giao/yêu cầu/đề nghị/chỉ đạo X" or
//! "X chủ trì/có trách nhiệm", else null.

use super::date::{T_DIGIT, TriggerWords, Triggers, Verifier, matches_at, parse_count, tail_start};
use super::event::fold::fold;
use super::fastre::FastRegex as Regex;
use super::{Analysis, SpanIndex};
use crate::calendar::Day;
use crate::model::{Entity, Kind};
use std::ops::Range;
use std::sync::LazyLock;

const T_COUNTED: u32 = T_DIGIT << 20;
const T_MONTHLY: u32 = T_DIGIT << 21;

/// The first words of [`RE_COUNTED`] and [`RE_MONTHLY_DAY`]: they run
/// anchored where one of these words starts ([`matches_at`]).
static TRIGGERS: LazyLock<TriggerWords> = LazyLock::new(|| {
    TriggerWords::new(&[
        ("trong", T_COUNTED),
        ("không", T_COUNTED),
        ("tối", T_COUNTED),
        ("chậm", T_COUNTED | T_MONTHLY),
        ("trước", T_MONTHLY),
        ("hạn", T_MONTHLY),
    ])
});

static RE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?P<hour>trước\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?)|\b(?P<strict>(?:(?:hoàn\s+thành|thực\s+hiện|xong)\s+(?:xong\s+)?)?trước)|\b(?P<incl>chậm\s+nhất(?:\s+là)?(?:\s+vào)?(?:\s+trong)?|hạn\s+(?:chót|cuối)(?:\s+là)?(?:\s+vào)?|hạn\s+(?:chót|cuối)\s+(?P<inner>[^.;:]{0,80}?)(?:\s+là(?:\s+vào)?|\s*:)|(?P<within>trong)|(?:hoàn\s+thành|xong)\s*,?\s*(?:xong\s+)?(?:trong|vào|ngay\s+trong)|hoàn\s+thành\s+(?:xong\s+)?(?:trong|vào)|(?:đến|tới)\s+hết|trong\s+thời\s+hạn(?:\s+đến)?|thời\s+hạn(?:\s+hoàn\s+thành)?\s*:?|(?P<until>đến)))\s*(?:ngày\s+|hết\s+ngày\s+)?$",
    )
    .unwrap()
});
static RE_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\btrong\s+(?:vòng\s+|thời\s+hạn\s+|thời\s+gian\s+)?(?P<n>\d{1,3}|[\p{L}]+(?:\s+[\p{L}]+)?)\s+(?P<unit>ngày|tháng)(?:\s+làm\s+việc)?\s*,?\s*(?:kể\s+)?từ\s+(?:ngày\s+)?$",
    )
    .unwrap()
});
/// "kể từ ngày X, trong vòng N ngày": the date comes first.
static RE_FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bkể\s+từ\s+(?:ngày\s+)?$").unwrap());
static RE_WITHIN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*,?\s*trong\s+(?:vòng\s+|thời\s+hạn\s+|thời\s+gian\s+)?(?P<n>\d{1,3}|[\p{L}]+(?:\s+[\p{L}]+)?)\s+(?P<unit>ngày|tháng)(?:\s+làm\s+việc)?\b",
    )
    .unwrap()
});
/// "hoàn thành việc rà soát … trong quý II": the object between cue words.
static RE_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:hoàn\s+thành|xong)\b(?P<body>[^.;:]{1,120}?)\s+(?:trong|vào)\s*(?:ngày\s+)?$",
    )
    .unwrap()
});
/// An assignment or commitment, needed by the loose "hoàn thành … trong" cue.
static RE_COMMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:giao|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công|chủ\s+trì|trách\s+nhiệm|phải|cần|cam\s+kết)\b").unwrap()
});
static RE_OBLIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:hoàn\s+thành|xong|gửi|nộp|báo\s+cáo|trình|phải|yêu\s+cầu|giao|đề\s+nghị|chỉ\s+đạo|trách\s+nhiệm|tổng\s+hợp|chủ\s+trì|cần|khẩn\s+trương|triển\s+khai|ban\s+hành|kê\s+khai|đăng\s+ký|giải\s+ngân|hạn|theo\s+kế\s+hoạch|theo\s+lịch)\b",
    )
    .unwrap()
});
static RE_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:phấn\s+đấu|mục\s+tiêu|định\s+hướng|tầm\s+nhìn)\b").unwrap()
});
/// A forecast or a likelihood before the cue: "dự kiến (sẽ) hoàn thành
/// trước …", "có khả năng hoàn thành trước …" is no obligation.
static RE_FORECAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:dự\s+kiến|có\s+khả\s+năng|dự\s+báo|ước\s+tính|ước\s+đạt|kỳ\s+vọng)\b")
        .unwrap()
});
/// A completion told as done, governing the cue: "đã hoàn thành (việc …)
/// trong năm 2016", "đã nộp trước ngày …" (no comma between).
static RE_PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:đã|vừa)\s+(?:được\s+)?(?:hoàn\s+thành|hoàn\s+tất|xong|nộp|gửi|ban\s+hành|ký|đưa\s+vào)\b[^,;:]*$")
        .unwrap()
});
/// A filing right before a date range (`data/lexicons/deadline_windows.txt`),
/// at most eight syllables (and a comma) between.
static RE_WINDOW: LazyLock<Regex> = LazyLock::new(|| {
    let alt = super::lexicon::parse(include_str!("../../data/lexicons/deadline_windows.txt"))
        .into_iter()
        .map(|f| regex::escape(&f[0]).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)\b(?:{alt})\b(?:\s+[\p{{L}}\d-]+){{0,8}}\s*,?\s*$"
    ))
    .unwrap()
});
/// What a plain "đến X" needs after the date to be a time limit: "đến ngày
/// 31/12 mới hết thời hạn đổi giấy phép".
static RE_TIME_LIMIT_ENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*,?\s*(?:thì\s+)?(?:mới\s+)?(?:là\s+)?(?:hết|kết\s+thúc)\s+(?:thời\s+)?hạn\b",
    )
    .unwrap()
});
/// What else a plain "đến X" needs after the date to be a time limit: an
/// obligation right after it ("đến năm 2020 phải xây dựng xong …").
static RE_MUST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:thì\s+)?(?:(?:các|mỗi|mọi)\s+\p{L}+\s+)?(?:phải|buộc\s+phải|bắt\s+buộc\s+phải)\b").unwrap()
});
/// A statistics cut-off: "tính đến (hết) ngày …".
static RE_CUTOFF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btính\s+(?:đến|tới)\s*$").unwrap());
/// A tally of who did something, not an obligation: "Chỉ có 10 đơn vị
/// nộp báo cáo trước ngày …".
static RE_TALLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:chỉ|mới)\s+có\s+\d").unwrap());
/// A year written in a date's own text.
static RE_WRITTEN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)(?:1[89]|2\d)\d\d(?:\D|$)").unwrap());
/// What follows a day that recurs: "trước ngày 31/7 của năm báo cáo",
/// "… hằng năm" (`data/lexicons/deadline_recurring.txt`).
static RE_RECURRING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:của\s+)?(?:{})\b",
        recurring_alternation(false)
    ))
    .unwrap()
});
/// A recurring frame before the cue in its clause: "Hằng năm, trước ngày 15/12".
static RE_RECURRING_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{})\b", recurring_alternation(true))).unwrap());

/// The phrases of `deadline_recurring.txt`: all, or (`before`) those that
/// count before the cue too.
fn recurring_alternation(before: bool) -> String {
    super::lexicon::parse(include_str!("../../data/lexicons/deadline_recurring.txt"))
        .into_iter()
        .filter(|f| !before || f.get(1).is_some_and(|w| w == "any"))
        .map(|f| regex::escape(&f[0]).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}
/// A time limit counted from an event or standing alone, with no date to
/// read: "trong (vòng|thời hạn) N ngày (làm việc), kể từ ngày nhận …",
/// "không quá N ngày kể từ khi …", "chậm nhất là N năm"; or a bare year
/// after "chậm nhất" ("chậm nhất 2019").
static RE_COUNTED: LazyLock<Verifier> = LazyLock::new(|| {
    Verifier::new(
        r"(?i)\b(?P<cue>(?:trong(?:\s+(?:vòng|thời\s+hạn|thời\s+gian))?|không\s+quá|tối\s+đa|chậm\s+nhất(?:\s+là)?(?:\s+sau|\s+trong(?:\s+vòng)?)?)\s+)(?:(?P<n>\d{1,3}|\p{L}+(?:\s+\p{L}+)?)\s+(?P<unit>ngày|tháng|năm|tuần|giờ)(?:\s+làm\s+việc)?(?P<ahead>\s+(?:tới|nữa|tiếp\s+theo))?\b(?P<anchor>(?:\s*,?\s*(?:kể\s+)?từ\s+(?:ngày|khi|thời\s+điểm|lúc)|\s+sau\s+(?:khi|ngày))\b[^.;:,()\n]{0,120})?|(?P<year>(?:19|20)\d\d)(?:$|[^/\-.\d]|\.(?:$|\D)))",
    )
});
/// Where the event a time limit counts from ends: "… kể từ ngày ký hợp
/// đồng thì …", "… để …".
static RE_EVENT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:thì|để|phải|sẽ|nếu|mà|nhưng|song|được\s+(?:giảm|miễn|hưởng))\b").unwrap()
});
/// A request, before a plain "trong (vòng) N ngày" that closes its
/// clause: "yêu cầu các đơn vị báo cáo trong vòng 5 ngày".
static RE_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công|giao\s+cho|giao\s+nhiệm\s+vụ)\b",
    )
    .unwrap()
});
/// A day of every month or quarter, which no date entity holds: "trước
/// ngày 10 hằng tháng", "trước ngày 20 của tháng cuối quý".
static RE_MONTHLY_DAY: LazyLock<Verifier> = LazyLock::new(|| {
    Verifier::new(
        r"(?i)\b(?P<cue>trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+(?:chót|cuối)(?:\s+là)?)\s+(?P<day>ngày\s+\d{1,2})\s+(?:(?:của\s+)?(?:hằng|hàng|mỗi)\s+(?:tháng|quý)|(?:của\s+)?tháng\s+(?:cuối|đầu|đầu\s+tiên|thứ\s+nhất|sau|kế\s+tiếp|tiếp\s+theo)(?:\s+(?:của\s+)?(?:quý|kỳ|năm)(?:\s+(?:báo\s+cáo|sau))?)?)\b",
    )
});
/// What a fronted "Trước ngày X, …" needs after it to bound a task: "…,
/// Bộ sẽ công bố …", "…, các trường phải …".
static RE_FRONTED_DUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:phải|sẽ|cần|buộc)\b").unwrap());
/// What a clause opened by "đến hết X" needs to be an obligation rather
/// than a count at a cut-off ("Cụ thể, đến hết năm 2016, 100% các tỉnh …").
static RE_DUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:phải|sẽ|cần|buộc|chậm\s+nhất|hoàn\s+thành|xong)\b").unwrap()
});
/// An assignment before a plain "trong X": "yêu cầu các Bộ … báo cáo Thủ
/// tướng trong tháng 2/2017".
static RE_ASSIGN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công|có\s+trách\s+nhiệm|phải)\s")
        .unwrap()
});
static RE_ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|phân\s+công)\s+").unwrap()
});
static RE_DUTY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)\b").unwrap()
});
/// Verbs ending a responsible phrase captured by words
/// (`deadline_stop_verbs.txt`): one of them at the start, any case, whole
/// words.
static RE_STOP_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> =
        super::lexicon::parse(include_str!("../../data/lexicons/deadline_stop_verbs.txt"))
            .iter()
            .map(|r| {
                r[0].split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect();
    Regex::new(&format!(r"(?i)^(?:{})\b", words.join("|"))).unwrap()
});
static RE_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:các|những))?(?:\s*,?\s*(?:và\s+)?(?:huyện|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn|quận|tỉnh|sở|ban|ngành|đơn\s+vị|địa\s+phương)\b)+")
        .unwrap()
});
static RE_LEAD_CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:đồng\s+thời|và|còn|riêng|theo\s+đó)\b[\s,]*").unwrap()
});
static RE_TASK_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|khẩn\s+trương)\b[\s,]*)*").unwrap()
});

/// Last words a cue of [`RE_CUE`], [`RE_RELATIVE`], [`RE_FROM_BEFORE`] or
/// [`RE_LOOSE`] can end with (before spaces and an optional "(hết) ngày"),
/// with what must come before them: a word right before (`Some`), or
/// "xong"/"hoàn"/"nhất"/"chót" anywhere before in the sentence (`None`;
/// "trong" alone is a cue too, checked later: [`RE_ASSIGN_BEFORE`]).
const CUE_ENDS: [(&str, Option<&[&str]>); 15] = [
    ("cuối", Some(&[""])),
    ("trước", Some(&[""])),
    ("nhất", Some(&[""])),
    ("là", Some(&[""])),
    ("chót", Some(&[""])),
    ("hết", Some(&[""])),
    ("hạn", Some(&[""])),
    ("thành", Some(&[""])),
    (":", Some(&[""])),
    ("phút", Some(&[""])),
    ("giờ", Some(&[""])),
    ("vào", None),
    ("trong", None),
    ("đến", Some(&[""])),
    ("từ", Some(&["kể", "ngày", "tháng", "việc", ","])),
];

/// False only when no cue regex can match at the end of `prefix` (the text
/// before a date): each ends, before `\s*(?:ngày\s+|hết\s+ngày\s+)?$`, with
/// a word of [`CUE_ENDS`] (preceded as it says), or a digit or "h" after
/// "giờ"/"h" + digits ("trước 14h30"). Compares case-folded characters
/// ([`fold`]); true when in doubt.
///
/// `folded` is `prefix` in the document's folded view (`Analysis::folded`, same
/// offsets), read instead of folding the prefix again; `None` when the
/// document has none.
fn may_end_with_cue(prefix: &str, folded: Option<&str>) -> bool {
    let tail = prefix.trim_end();
    let from = super::floor_boundary(tail, tail.len().saturating_sub(64));
    let t = match folded {
        Some(f) => std::borrow::Cow::Borrowed(&f[from..tail.len()]),
        None => match fold(&tail[from..]) {
            Some(t) => std::borrow::Cow::Owned(t),
            None => return true,
        },
    };
    // anywhere before: the whole prefix, folded
    let anywhere = || {
        let f = match folded {
            Some(f) => Some(std::borrow::Cow::Borrowed(f)),
            None => fold(prefix).map(std::borrow::Cow::Owned),
        };
        f.is_none_or(|f| {
            [
                "xong",
                "hoàn",
                "nhất",
                "chót",
                "giao",
                "yêu cầu",
                "đề nghị",
                "chỉ đạo",
                "phân công",
                "trách nhiệm",
                "phải",
            ]
            .iter()
            .any(|w| f.contains(w))
        })
    };
    // too little text left in the window to decide
    let short = |u: &str| from > 0 && u.len() < 24;
    let ends = |u: &str| {
        if short(u) {
            return true;
        }
        let digits = u.trim_end_matches(|c: char| c.is_ascii_digit());
        if digits.len() < u.len() {
            let d = digits.trim_end();
            return short(d) || d.ends_with("giờ") || d.ends_with('h');
        }
        if u.strip_suffix('h').is_some_and(|v| {
            short(v.trim_end()) || v.trim_end().ends_with(|c: char| c.is_ascii_digit())
        }) {
            return true;
        }
        CUE_ENDS.iter().any(|(w, before)| {
            u.strip_suffix(w).is_some_and(|v| match before {
                None => anywhere(),
                Some(bs) => {
                    let v = v.trim_end();
                    let w = v.trim_end_matches(',').trim_end();
                    short(w) || bs.iter().any(|b| v.ends_with(b) || w.ends_with(b))
                }
            })
        })
    };
    ends(&t) || t.strip_suffix("ngày").is_some_and(|u| ends(u.trim_end()))
}

enum Due {
    Strict,
    Inclusive,
    After(i64, bool),
}

/// A responsible body starting at `pos`: an organization entity there, else
/// words up to the next verb (must hold a capital letter).
fn responsible_at(
    ctx: &Analysis,
    orgs: &SpanIndex,
    pos: usize,
    limit: usize,
) -> Option<Range<usize>> {
    let text = ctx.text;
    let start = if text[pos..].starts_with("cho ") {
        pos + 4
    } else {
        pos
    };
    let org_at = |at: usize| orgs.longest_at(at);
    let org_end = org_at(start).map(|org| {
        // extend over lists: "Sở Y tế, Sở Tài chính và UBND các huyện"
        let mut end = org.end;
        loop {
            let rest = &text[end..limit.max(end)];
            let sep = if rest.starts_with(", ") {
                2
            } else if rest.starts_with(" và ") {
                5
            } else {
                0
            };
            match org_at(end + sep).filter(|_| sep > 0) {
                Some(o) => end = o.end,
                None => break,
            }
        }
        end
    });
    let pos = start;
    let mut end = pos;
    let mut i = pos;
    let mut count = 0;
    while i < limit && count < 12 {
        let rest = &text[i..limit];
        if RE_STOP_VERB.is_match(rest) {
            break;
        }
        let c = rest.chars().next()?;
        if matches!(c, ';' | '.' | ':' | '(' | '\n') {
            break;
        }
        let wl: usize = rest
            .chars()
            .take_while(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        end = i + wl;
        i = end;
        while i < limit && text[i..].starts_with(char::is_whitespace) {
            i += 1;
        }
        count += 1;
    }
    let phrase = text[pos..end].trim_end_matches([',', ' ']);
    let end = pos + phrase.len();
    match org_end {
        Some(o) => {
            // only plural place words extend an organization: "UBND các huyện, thành phố"
            let ext = RE_PLACES
                .find(&text[o..limit.max(o)])
                .map_or(o, |m| o + m.end());
            Some(pos..ext)
        }
        None => (end > pos && phrase.starts_with(char::is_uppercase)).then_some(pos..end),
    }
}

/// The body responsible in `clause`: "giao/yêu cầu X …" or "X chủ trì/có trách nhiệm".
fn responsible(ctx: &Analysis, orgs: &SpanIndex, clause: Range<usize>) -> Option<Range<usize>> {
    let text = ctx.text;
    let part = &text[clause.clone()];
    for m in RE_ASSIGN.find_iter(part) {
        let pos = clause.start + m.end();
        if let Some(r) = responsible_at(ctx, orgs, pos, clause.end) {
            return Some(r);
        }
    }
    // "Sở Tài chính có trách nhiệm …" / "Sở Y tế chủ trì …"
    for e in orgs
        .starting_in(clause.start, clause.end)
        .filter(|e| e.end <= clause.end)
    {
        if RE_DUTY_AFTER.is_match(&text[e.end..clause.end]) {
            return Some(e);
        }
    }
    // the clause's subject: "Sở Tài chính tham mưu …", "UBND huyện X rà soát …"
    let lead = RE_LEAD_CONNECTOR.find(part).map_or(0, |m| m.end());
    let start = clause.start + lead + (part.len() - lead - part[lead..].trim_start().len());
    if orgs.longest_at(start).is_some() {
        return responsible_at(ctx, orgs, start, clause.end);
    }
    None
}

fn trim_task(s: &str) -> String {
    let s = RE_LEAD_CONNECTOR.find(s).map_or(s, |m| &s[m.end()..]);
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–'));
    let mut s = s.to_string();
    for tail in [" và", " để", " thì", " đồng thời", " phải", " cần"] {
        if super::lower_ends_with(&s, tail) {
            s.truncate(s.len() - tail.len());
        }
    }
    s.trim_end_matches([',', ' ']).to_string()
}

/// What a candidate deadline is: where its cue starts, where its date (or
/// count) starts, where its span ends, its due day, and what helps build
/// the task.
struct Cand {
    /// The sentence, its start moved back to the cue when needed.
    sent: Range<usize>,
    cue: usize,
    date_start: usize,
    span_end: usize,
    due: Option<String>,
    /// A cue strong on its own (a filing window, "N ngày kể từ …").
    strong: bool,
    inner: Option<String>,
    task_end: Option<usize>,
    rule: &'static str,
}

/// The deadline entity for `c`, or `None` when its clause is a target, a
/// forecast, a completion told as done, a statistics cut-off or a tally,
/// or a weak cue has no obligation around it.
fn build(ctx: &Analysis, orgs: &SpanIndex, c: Cand) -> Option<Entity> {
    let text = ctx.text;
    let (sent_start, span_end, cue_abs) = (c.sent.start, c.span_end, c.cue);
    let sent_end = c.sent.end.max(span_end);
    if RE_TARGET.is_match(&text[sent_start..cue_abs]) {
        return None;
    }
    // the clause: from the sentence start or the last ; or : before the cue
    let clause_start = text[sent_start..cue_abs]
        .rfind([';', ':'])
        .map_or(sent_start, |i| sent_start + i + 1);
    let before = &text[clause_start..cue_abs];
    // a forecast, a completion told as done, a statistics cut-off, a tally
    if RE_FORECAST.is_match(before)
        || RE_PAST.is_match(&text[clause_start..c.date_start])
        || RE_CUTOFF.is_match(before)
        || RE_TALLY.is_match(before)
    {
        return None;
    }
    let cue_text = text[cue_abs..c.date_start].to_lowercase();
    // "Cụ thể, đến hết năm 2016, 100% các tỉnh …": a cut-off opening the
    // clause is a deadline only when what follows is still to be done
    let until_end = cue_text.starts_with("đến hết") || cue_text.starts_with("tới hết");
    let after = &text[span_end..sent_end];
    let due_after = RE_DUE_AFTER.is_match(after);
    if until_end && !RE_OBLIGATION.is_match(before) && !due_after {
        return None;
    }
    // "Trước ngày 18-7, Bộ sẽ công bố …": a fronted limit on what follows
    let fronted = cue_text.starts_with("trước")
        && after.trim_start().starts_with(',')
        && RE_FRONTED_DUE.is_match(after);
    let strong = c.strong
        || fronted
        || (until_end && due_after)
        || ["chậm nhất", "hạn chót", "xong", "hoàn thành", "thời hạn"]
            .iter()
            .any(|w| cue_text.contains(w));
    if !strong && !RE_OBLIGATION.is_match(&text[sent_start..sent_end]) {
        return None;
    }
    let clause_end = after.find([';']).map_or(sent_end, |i| span_end + i);
    let resp = responsible(ctx, orgs, clause_start..clause_end)
        .or_else(|| responsible(ctx, orgs, sent_start..sent_end));
    let mut task_start = clause_start;
    if let Some(r) = &resp
        && r.end <= cue_abs
        && r.start >= clause_start
    {
        task_start = r.end;
        if let Some(m) = RE_TASK_LEAD.find(&text[task_start..cue_abs]) {
            task_start += m.end();
        }
    } else if let Some(m) = RE_ASSIGN.find_iter(&text[clause_start..cue_abs]).last() {
        // "…, đồng chí X đề nghị huyện tập trung …": the task follows the verb
        task_start = clause_start + m.end();
    }
    let task_end = c.task_end.unwrap_or(cue_abs);
    let mut task = trim_task(&text[task_start..task_end]);
    if task.is_empty() {
        task = trim_task(&text[clause_start..task_end]);
    }
    // "Theo kế hoạch, trước ngày 19-7, các trường công bố …": only a
    // connective before a fronted cue, the task follows the date
    let lead = text[task_start..task_end].trim_end();
    let connective = lead.ends_with(',') && lead.split_whitespace().count() <= 3;
    if connective || task.split_whitespace().nth(1).is_none() {
        let after = &text[span_end..clause_end];
        let after = after.trim_end_matches(['.', ' ', '\n']);
        let after = trim_task(after);
        task = if after.split_whitespace().nth(1).is_some() {
            after
        } else if let Some(i) = &c.inner {
            trim_task(i)
        } else {
            task
        };
    }
    let kind = Kind::Deadline {
        due: c.due,
        task,
        responsible: resp.map(|r| text[r].trim().to_string()),
    };
    Some(ctx.entity(kind, cue_abs..span_end, c.rule))
}

/// The due day of a deadline on a date from `from` to `to` (ISO); `None`
/// when the date has no known year.
fn due_day(due: &Due, from: Option<&str>, to: Option<&str>) -> Option<String> {
    let (f, t) = (Day::parse_iso(from?)?, Day::parse_iso(to?)?);
    let d = match due {
        Due::Strict => f.add_days(-1)?,
        Due::Inclusive => t,
        Due::After(n, false) => f.add_days(*n)?,
        Due::After(n, true) => f.add_months(*n)?,
    };
    Some(d.iso())
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    // the organizations found before, by position: the responsible body of
    // a deadline is a lookup, not a scan of every entity
    let orgs = SpanIndex::new(found, &["organization"]);
    let mut out = Vec::new();
    for e in found.iter() {
        let Kind::Date { from, to, .. } = &e.kind else {
            continue;
        };
        if e.rule == "date.relative" {
            continue;
        }
        let sent = ctx.sentence(e.sentence);
        let sent_start = sent.start.min(e.start);
        let prefix = &text[sent_start..e.start];
        // every branch below needs a cue ending right before the date
        // "đăng ký dự tuyển từ ngày 1-4 đến 20-4": a filing window
        let window = matches!(e.rule.as_str(), "date.from_to" | "date.day_span")
            && RE_WINDOW.is_match(prefix);
        let folded = ctx.folded.as_deref().map(|f| &f[sent_start..e.start]);
        if !window && !may_end_with_cue(prefix, folded) {
            continue;
        }
        let mut inner = None;
        let mut task_end = None;
        let mut span_end = e.end;
        let (cue_start, due) = if window {
            (prefix.len(), Due::Inclusive)
        } else if let Some(f) = RE_FROM_BEFORE.find_at(prefix, tail_start(prefix, prefix.len(), 3))
            && let Some(c) = RE_WITHIN_AFTER.captures(&text[e.end..sent.end.max(e.end)])
            && let Some(n) = parse_count(&c["n"])
        {
            span_end = e.end + c.get(0).unwrap().end();
            (
                f.start(),
                Due::After(n, c["unit"].to_lowercase() == "tháng"),
            )
        } else if let Some(c) =
            RE_RELATIVE.captures_at(prefix, tail_start(prefix, prefix.len(), 12))
        {
            let Some(n) = parse_count(&c["n"]) else {
                continue;
            };
            (
                c.get(0).unwrap().start(),
                Due::After(n, c["unit"].to_lowercase() == "tháng"),
            )
        } else if let Some(c) = RE_CUE.captures(prefix).filter(|c| {
            // a plain "trong X" bounds a task only when it was assigned
            // before it and the date closes the clause
            c.name("within").is_none_or(|w| {
                let after = text[e.end..sent.end.max(e.end)].trim_start();
                let closes = after.is_empty() || after.starts_with(['.', ';', '\n']);
                closes && RE_ASSIGN_BEFORE.is_match(&prefix[..w.start()])
            }) && c.name("until").is_none_or(|_| {
                let after = &text[e.end..sent.end.max(e.end)];
                RE_TIME_LIMIT_ENDS.is_match(after) || RE_MUST_AFTER.is_match(after)
            })
        }) {
            let due = if c.name("strict").is_some() {
                Due::Strict
            } else {
                Due::Inclusive
            };
            inner = c.name("inner").map(|m| m.as_str().to_string());
            (c.get(0).unwrap().start(), due)
        } else if let Some(c) = RE_LOOSE.captures(prefix)
            && RE_COMMIT.is_match(&prefix[..c.get(0).unwrap().start()])
        {
            task_end = Some(sent_start + c.name("body").unwrap().end());
            (c.get(0).unwrap().start(), Due::Inclusive)
        } else {
            continue;
        };
        let cue_abs = sent_start + cue_start;
        let mut value = match (from, to) {
            (Some(f), Some(t)) if Day::parse_iso(f).is_none() || Day::parse_iso(t).is_none() => {
                continue;
            }
            _ => due_day(&due, from.as_deref(), to.as_deref()),
        };
        let mut rule = if value.is_some() {
            "deadline.cue"
        } else {
            "deadline.no_year"
        };
        // "trước ngày 31/7 của năm báo cáo", "Hằng năm, trước ngày 15/12":
        // a day that recurs has no calendar day (unless its year is written)
        if !RE_WRITTEN_YEAR.is_match(&e.text) && !window {
            let clause_start = text[sent_start..cue_abs]
                .rfind([';', ':'])
                .map_or(sent_start, |i| sent_start + i + 1);
            let after = &text[span_end..sent.end.max(span_end)];
            if let Some(m) = RE_RECURRING_AFTER.find(after).filter(|m| {
                !after[m.end()..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
            }) {
                span_end += m.end();
                (value, rule) = (None, "deadline.recurring");
            } else if RE_RECURRING_BEFORE.is_match(&text[clause_start..cue_abs]) {
                (value, rule) = (None, "deadline.recurring");
            }
        }
        let strong = window || matches!(due, Due::After(..));
        let cand = Cand {
            sent: sent_start..sent.end,
            cue: cue_abs,
            date_start: e.start,
            span_end,
            due: value,
            strong,
            inner,
            task_end,
            rule,
        };
        out.extend(build(ctx, &orgs, cand));
    }
    // time limits with no date to read: "trong thời hạn 30 ngày kể từ ngày
    // nhận …", "chậm nhất là 5 năm", "chậm nhất 2019"
    let mut more = Vec::new();
    let taken =
        |out: &[Entity]| SpanIndex::from_spans(out.iter().map(|d| (d.start, d.end)).collect());
    // dates the first pass reads ("5 ngày tới", `date.relative`, it does not)
    let dates = SpanIndex::from_spans(
        found
            .iter()
            .filter(|d| matches!(d.kind, Kind::Date { .. }) && d.rule != "date.relative")
            .map(|d| (d.start, d.end))
            .collect(),
    );
    let deadlines = taken(&out);
    let triggers = Triggers::new(ctx, &TRIGGERS, false);
    for c in matches_at(&RE_COUNTED, text, triggers.as_ref(), T_COUNTED) {
        let m = c.get(0).unwrap();
        let anchor = c.name("anchor");
        // a date in it: read by the first pass
        if deadlines.overlaps(&m.range()) || dates.overlaps(&m.range()) {
            continue;
        }
        let cue = c["cue"].to_lowercase();
        let (due, span_end, rule) = if let Some(y) = c.name("year") {
            // "không quá 2000 người" is an amount; only "chậm nhất" takes a year
            if !cue.contains("chậm nhất") {
                continue;
            }
            let y: i32 = y.as_str().parse().unwrap_or(0);
            (
                Day::new(y, 12, 31).map(Day::iso),
                c.name("year").unwrap().end(),
                "deadline.bare_year",
            )
        } else {
            if c.name("n").and_then(|n| parse_count(n.as_str())).is_none() {
                continue;
            }
            // a duration needs an anchor ("kể từ …") unless its cue is a
            // limit in itself ("chậm nhất là 5 năm", "trong thời hạn 15 ngày")
            // or closes an assigned task ("yêu cầu … báo cáo trong 3 ngày tới.")
            let unit_end = c.name("ahead").or(c.name("unit")).unwrap().end();
            let assigned = || {
                let sent = ctx.sentence(ctx.sentence_of(m.start()));
                let before = &text[sent.start.min(m.start())..m.start()];
                let clause = before
                    .rfind([';', ':'])
                    .map_or(before, |i| &before[i + 1..]);
                let after = text[unit_end..sent.end.max(unit_end)].trim_start();
                RE_REQUEST.is_match(clause)
                    && (after.is_empty() || after.starts_with(['.', ';', '\n']))
            };
            if anchor.is_none()
                && !(cue.contains("chậm nhất") || cue.contains("thời hạn"))
                && !assigned()
            {
                continue;
            }
            // the event ends at the clause's next word of consequence:
            // "kể từ ngày ký hợp đồng thì được giảm …"
            let end = anchor.map_or(unit_end, |a| {
                let event = RE_EVENT_END
                    .find(a.as_str())
                    .map_or(a.as_str(), |m| &a.as_str()[..m.start()]);
                a.start() + event.trim_end().len()
            });
            (None, end, "deadline.counted")
        };
        let sent = ctx.sentence(ctx.sentence_of(m.start()));
        let cand = Cand {
            sent: sent.start.min(m.start())..sent.end.max(m.start()),
            cue: m.start(),
            date_start: c.name("n").or(c.name("year")).unwrap().start(),
            span_end,
            due,
            // a plain "trong (vòng) N ngày" needs an obligation around it
            strong: ["chậm nhất", "thời hạn", "không quá", "tối đa"]
                .iter()
                .any(|w| cue.contains(w)),
            inner: None,
            task_end: None,
            rule,
        };
        more.extend(build(ctx, &orgs, cand));
    }
    out.extend(more);
    let deadlines = taken(&out);
    let mut more = Vec::new();
    for c in matches_at(&RE_MONTHLY_DAY, text, triggers.as_ref(), T_MONTHLY) {
        let m = c.get(0).unwrap();
        if deadlines.overlaps(&m.range()) {
            continue;
        }
        let sent = ctx.sentence(ctx.sentence_of(m.start()));
        let cand = Cand {
            sent: sent.start.min(m.start())..sent.end.max(m.start()),
            cue: m.start(),
            date_start: c.name("day").unwrap().start(),
            span_end: m.end(),
            due: None,
            strong: false,
            inner: None,
            task_end: None,
            rule: "deadline.recurring",
        };
        more.extend(build(ctx, &orgs, cand));
    }
    out.extend(more);
    found.extend(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggered_time_limits_match_as_whole_scans() {
        // my own sentences, with the traps: cue words inside longer words
        // ("khai trương", "hạnh"), upper case, a cue glued to `&`
        let texts = [
            "Trong thời hạn 30 ngày kể từ ngày nhận hồ sơ, không quá 5 ngày, TỐI ĐA 3 tháng.",
            "Chậm nhất là 2 năm; chậm nhất 2019; x&trong vòng 7 ngày tới; khai trương trong 3 ngày.",
            "Trước ngày 10 hằng tháng, hạn chót là ngày 20 của tháng cuối quý; hạnh trước ngày 5 mỗi quý.",
        ];
        let mut found = 0;
        for text in texts {
            let ctx = Analysis::new(text, &[], None);
            let t = Triggers::new(&ctx, &TRIGGERS, false).expect("foldable text");
            for (re, classes) in [(&*RE_COUNTED, T_COUNTED), (&*RE_MONTHLY_DAY, T_MONTHLY)] {
                let whole: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
                let at: Vec<_> = matches_at(re, text, Some(&t), classes)
                    .iter()
                    .map(|c| c.get(0).unwrap().range())
                    .collect();
                found += whole.len();
                assert_eq!(at, whole, "{text}");
            }
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn cues_read_from_the_last_words() {
        let text = "Trong thời hạn hai mươi ngày làm việc , kể từ ngày  x kể từ ngày \
                    trong vòng 5 tháng, từ  kể   từ  ";
        let mut hits = 0;
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let p = &text[..end];
            for (re, words) in [(&*RE_FROM_BEFORE, 3), (&*RE_RELATIVE, 12)] {
                let whole = re.find(p).map(|m| m.range());
                hits += usize::from(whole.is_some());
                let tail = re.find_at(p, tail_start(p, end, words)).map(|m| m.range());
                assert_eq!(tail, whole, "{p:?}");
            }
        }
        assert!(hits >= 4, "{hits}");
    }

    #[test]
    fn cue_check_reads_the_folded_view() {
        for prefix in [
            "Các đơn vị báo cáo trước ",
            "Hạn chót là ",
            "Năm nay có ",
            "TRƯỚC ",
        ] {
            let ctx = Analysis::new(prefix, &[], None);
            let folded = ctx.folded.as_deref();
            assert_eq!(
                may_end_with_cue(prefix, folded),
                may_end_with_cue(prefix, None),
                "{prefix}"
            );
        }
        assert!(may_end_with_cue("Hạn chót là ", Some("hạn chót là ")));
        assert!(!may_end_with_cue("Năm nay có ", Some("năm nay có ")));
    }
}
