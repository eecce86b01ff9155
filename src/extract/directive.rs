//! Directive (and other document) extraction.
//!
//! A mention is a document type from `data/lexicons/document_types.txt`
//! ("Chỉ thị", "Nghị quyết", "Thông tư", …, any case) followed by an optional
//! "số" and a symbol (`01-CT/TW`, `15/2020/NĐ-CP`, `357 - KH/ĐU` → `357-KH/ĐU`).
//! A number without a symbol ("Chỉ thị 05", "Nghị quyết số 39") is only a
//! short reference: it takes the key of the document of that type whose
//! symbol the same report gives, before or after (`directive.number_link`),
//! and is no directive otherwise. One symbol written two ways ("05-CT/TW",
//! "05/CT-TW") is one document (`directive.symbol_variant`); a symbol after
//! "số" with a known type code and no type before it ("Tờ trình … (số
//! 374-TTr/BTCTW)") is one too (`directive.standalone_symbol`), as is a named
//! law with its symbol (`directive.named_law_symbol`). Named unnumbered documents are
//! recognised too: "Nghị quyết Đại hội … lần thứ XIII", "Nghị quyết Trung
//! ương 4 khóa XII", "Luật Đất đai năm 2024", "Hiến pháp năm 2013".
//!
//! `issuer` comes from the symbol's issuer code (`data/lexicons/symbol_issuers.txt`:
//! NĐ-CP → Chính phủ, …/TW → Ban Chấp hành Trung ương) and is overridden by
//! the context (`data/lexicons/issuers.txt`): "Bộ Chính trị ban hành Chỉ thị …",
//! "Chỉ thị … của Ban Bí thư". `issued` is the date right after the symbol
//! ("ngày 9/3/2021", "ban hành ngày …").
//!
//! `key` is the document's identity, the same in every report:
//! `<doc type slug>:<number folded>` for numbered documents
//! (`chi-thi:1-ct/tw`, `nghi-dinh:15/2020/nd-cp`; leading zeros dropped), `<doc type slug>:<name slug>`
//! for named ones (`nghi-quyet:dai-hoi-xiii`, `luat:dat-dai-2024`); slugs are
//! lower-case ASCII without tone marks, words joined by `-`.
//!
//! A capitalised bare mention ("nội dung của Chỉ thị", "theo Kế hoạch")
//! after an earlier mention of the same type copies that document's fields
//! and sets `refers_to` to its key; a bare lower-case use ("chỉ thị của cấp
//! trên") or one with nothing to link to is not a directive.

use super::Analysis;
use super::event::fold::{Hit, PhraseMatcher, leftmost};
use super::fastre::Captures;
use super::fastre::FastRegex as Regex;
use super::lexicon::parse;
use crate::model::{Entity, Kind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

struct Lex {
    /// Document type surface forms (any case) → canonical doc_type.
    types: HashMap<String, String>,
    /// Document types, longest first (list [`TYPES`]), and "số" (list
    /// [`SO`]): every trigger of this extractor, found in one pass over the
    /// folded text.
    triggers: PhraseMatcher,
    /// `(?i)\b(?:<types, longest first>)\b`, spaces as `\s+`: the types'
    /// regex, for a text without a folded view.
    types_pattern: String,
    /// Type codes used inside symbols (CT, NĐ, QĐ, …).
    codes: Vec<String>,
    /// Type code → the doc_type it stands for (first line naming it wins).
    code_types: HashMap<String, String>,
    /// Issuer codes → issuer.
    symbol_issuers: HashMap<String, String>,
    /// Issuer surface → issuer reported.
    issuers: HashMap<String, String>,
    issuer_before: Regex,
    issuer_after: Regex,
}

/// Longest first (in characters), as an alternation must try them.
fn longest_first(mut words: Vec<String>) -> Vec<String> {
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

fn alternation(words: Vec<String>) -> String {
    longest_first(words)
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let mut types = HashMap::new();
    let mut codes = Vec::new();
    let mut code_types: HashMap<String, String> = HashMap::new();
    for f in parse(include_str!("../../data/lexicons/document_types.txt")) {
        let surface = f[0].clone();
        let canonical = f.get(1).cloned().unwrap_or_else(|| surface.clone());
        if let Some(c) = f.get(2) {
            codes.extend(c.split_whitespace().map(str::to_string));
            for code in c.split_whitespace() {
                code_types
                    .entry(code.to_string())
                    .or_insert_with(|| canonical.clone());
            }
        }
        types.insert(surface.to_lowercase(), canonical);
    }
    let type_words = longest_first(types.keys().cloned().collect());
    let types_pattern = format!(r"(?i)\b(?:{})\b", alternation(type_words.clone()));
    let triggers = PhraseMatcher::new(&[(type_words, true), (vec!["số".to_string()], false)]);
    let symbol_issuers = parse(include_str!("../../data/lexicons/symbol_issuers.txt"))
        .into_iter()
        .filter(|f| f.len() >= 2)
        .map(|f| (f[0].clone(), f[1].clone()))
        .collect();
    let issuers: HashMap<String, String> = parse(include_str!("../../data/lexicons/issuers.txt"))
        .into_iter()
        .map(|f| {
            (
                f[0].clone(),
                f.get(1).cloned().unwrap_or_else(|| f[0].clone()),
            )
        })
        .collect();
    let alt = alternation(issuers.keys().cloned().collect());
    let issuer_before = Regex::new(&format!(
        r"\b({alt})\s+(?:(?:đã|vừa|mới|đã\s+ký|ký)\s+)?ban\s+hành\s+(?:các\s+|những\s+)?$"
    ))
    .unwrap();
    let issuer_after = Regex::new(&format!(r"^\s*,?\s*(?:của|do)\s+({alt})\b")).unwrap();
    Lex {
        types,
        triggers,
        types_pattern,
        codes,
        code_types,
        symbol_issuers,
        issuers,
        issuer_before,
        issuer_after,
    }
});

/// The trigger list of document types in [`Lex::triggers`].
const TYPES: usize = 0;
/// The trigger list of "số" (a standalone symbol).
const SO: usize = 1;

/// The types' regex, compiled only for a text without a folded view.
static TYPES_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&LEX.types_pattern).expect("types regex"));

const CODE: &str = r"\p{Lu}[\p{Lu}\d]*\p{Ll}?[\p{Lu}\d]*\b";

static RE_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s+(?P<so>(?:(?i:số)\s*:?\s*)+)?(?P<sym>\d{{1,5}}[a-zđ]?(?:[ \t]*[-/][ \t]*(?:\d{{4}}\b|{CODE}))*)"
    ))
    .unwrap()
});
/// A further symbol in a list: "Chỉ thị số 05-CT/TW, 06-CT/TW và 07-CT/TW".
static RE_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:,|và|;)\s*(?:(?i:số)\s*)?(?P<sym>\d{{1,5}}[a-zđ]?(?:[ \t]*[-/][ \t]*(?:\d{{4}}\b|{CODE}))+)"
    ))
    .unwrap()
});
/// "(số 08-BC/BCĐ, ngày …)", "Tờ trình của Ban … (số 374-TTr/BTCTW)": a
/// symbol after "số" with no document type right before it; taken only
/// when the symbol holds a known type code ([`standalone_type`]).
static RE_STANDALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?i:số)\s*:?\s*(?P<sym>\d{{1,5}}[a-zđ]?(?:[ \t]*[-/–][ \t]*(?:\d{{4}}\b|{CODE}))+)"
    ))
    .unwrap()
});
/// After a law's name: more capitalised name words, then "số" and a symbol.
static RE_LAW_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<more>(?:\s+\p{{Lu}}\p{{Ll}}*(?:\s+\p{{Ll}}+)?){{0,3}})\s+(?i:số)\s*:?\s*(?P<sym>\d{{1,5}}[a-zđ]?(?:[ \t]*[-/][ \t]*(?:\d{{4}}\b|{CODE}))+)"
    ))
    .unwrap()
});
static RE_ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:(?:được\s+)?(?:ký\s+)?ban\s+hành\s+)?(?:vào\s+)?(?:ngày\s+)")
        .unwrap()
});
static RE_NQ_CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^nghị\s+quyết\s+(?:của\s+)?đại\s+hội\s+(?P<db>đại\s+biểu\s+)?(?:(?P<nat>(?:đảng\s+)?toàn\s+quốc)\s+|(?P<body>(?:Đảng\s+bộ|Đoàn|Công\s+đoàn|Hội|Mặt\s+trận)[\p{L}\s]{0,60}?)\s+)?(?:lần\s+thứ\s+)?(?P<num>(?-i:[IVXL]+)|\d{1,2})\b(?P<tail>\s+của\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?\b)?",
    )
    .unwrap()
});
static RE_NQ_TW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^nghị\s+quyết\s+(?:hội\s+nghị\s+)?(?:ban\s+chấp\s+hành\s+)?trung\s+ương\s+(?:đảng\s+)?(?P<n>\d{1,2})\s*,?\s*\(?\s*khóa\s+(?P<k>(?-i:[IVXL]+))\b\)?",
    )
    .unwrap()
});
static RE_YEAR_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?i:năm)\s+((?:19|20)\d\d)\b").unwrap());

/// Whether [`RE_SYMBOL`] can match `rest`: it starts with spaces (`\s` and
/// `char::is_whitespace` are both Unicode White_Space), then a digit (`\d`
/// is a subset of `is_numeric`) or "số" (`s`, `S` or `ſ` under `(?i)`).
fn symbol_may_follow(rest: &str) -> bool {
    rest.starts_with(char::is_whitespace)
        && rest
            .trim_start()
            .starts_with(|c: char| c.is_numeric() || matches!(c, 's' | 'S' | 'ſ'))
}

/// Lower-case ASCII without tone marks, words joined by `-` (keeps `/`).
pub fn slug(s: &str) -> String {
    crate::normalize::search_key(s)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The identity of a document: `chi-thi:01-ct/tw`, `nghi-quyet:dai-hoi-xiii`.
pub fn key(doc_type: &str, number: Option<&str>, name: Option<&str>) -> String {
    let t = slug(doc_type);
    match (number, name) {
        (Some(n), _) => format!("{t}:{}", strip_leading_zeros(&slug(n))),
        (None, Some(name)) => {
            let s = slug(&name.replace(" năm ", " "));
            let rest = s.strip_prefix(&t).unwrap_or(&s).trim_start_matches('-');
            format!("{t}:{rest}")
        }
        (None, None) => t,
    }
}

/// `01-ct/tw` → `1-ct/tw`, `05/2022/tt-bca` → `5/2022/tt-bca`: archives
/// write the same number with and without leading zeros.
fn strip_leading_zeros(number: &str) -> String {
    let mut out = String::with_capacity(number.len());
    let mut at_run_start = true;
    let bytes = number.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if b == b'0' && at_run_start && next_is_digit {
            continue;
        }
        at_run_start = !b.is_ascii_digit();
        out.push(b as char);
    }
    out
}

fn symbol_issuer(sym: &str) -> Option<String> {
    let last = sym.rsplit('/').next()?;
    if last.chars().all(|c| c.is_ascii_digit()) || !sym.contains(['/', '-']) {
        return None;
    }
    let parts: Vec<&str> = last.split('-').filter(|p| !p.is_empty()).collect();
    let lex = &*LEX;
    let cand = match parts.iter().position(|p| lex.codes.iter().any(|c| c == p)) {
        Some(i) => parts.get(i + 1)?,
        None => parts.first()?,
    };
    let code = cand.trim_end_matches(|c: char| c.is_ascii_digit());
    lex.symbol_issuers.get(code).cloned()
}

#[derive(Clone)]
struct Doc {
    doc_type: String,
    number: Option<String>,
    issuer: Option<String>,
    issued: Option<String>,
    name: Option<String>,
    key: String,
    /// Issuer read from the symbol, used when neither the context nor an
    /// earlier mention of the same document names one.
    fallback_issuer: Option<String>,
}

impl Doc {
    fn kind(&self, refers_to: Option<String>) -> Kind {
        Kind::Directive {
            doc_type: self.doc_type.clone(),
            number: self.number.clone(),
            issuer: self.issuer.clone(),
            issued: self.issued.clone(),
            name: self.name.clone(),
            key: self.key.clone(),
            refers_to,
        }
    }
}

/// Start of the window to look back into for a context issuer.
fn window_start(ctx: &Analysis, pos: usize) -> usize {
    let s = ctx.sentence(ctx.sentence_of(pos)).start.min(pos);
    let mut w = pos.saturating_sub(200).max(s);
    while !ctx.text.is_char_boundary(w) {
        w += 1;
    }
    w
}

/// Context around a mention: issuer named before ("X ban hành …") or after
/// ("… của X"), and the issue date right after the symbol (or after the
/// issuer). `end` is where the mention ends.
fn context(ctx: &Analysis, start: usize, end: usize) -> (Option<String>, Option<String>) {
    let lex = &*LEX;
    let text = ctx.text;
    let sent_end = ctx.sentence(ctx.sentence_of(start)).end.max(end);
    let window = &text[window_start(ctx, start)..start];
    // issuer_before needs a (case-sensitive) "hành" in the window
    let mut issuer = (window.contains("hành"))
        .then(|| lex.issuer_before.captures(window))
        .flatten()
        .and_then(|c| {
            lex.issuers
                .get(&c[1].split_whitespace().collect::<Vec<_>>().join(" "))
                .cloned()
        });
    let mut issued = None;
    let mut pos = end;
    for _ in 0..2 {
        let rest = &text[pos..sent_end];
        if issued.is_none()
            && let Some(m) = RE_ISSUED.find(rest)
            && let Some((d, len)) = super::date::full_date_prefix(&rest[m.end()..])
        {
            issued = Some(d.iso());
            pos += m.end() + len;
            continue;
        }
        // issuer_after needs "của" or "do" after spaces and an optional comma
        let head = rest.trim_start();
        let head = head.strip_prefix(',').unwrap_or(head).trim_start();
        if (head.starts_with("của") || head.starts_with("do"))
            && let Some(c) = lex.issuer_after.captures_anchored(rest, 0)
        {
            let surface = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
            if issuer.is_none() {
                issuer = lex.issuers.get(&surface).cloned();
            }
            pos += c.get(0).unwrap().end();
            continue;
        }
        break;
    }
    (issuer, issued)
}

/// Named laws: "Luật Đất đai", "Luật Đất đai năm 2024", "Bộ luật Hình sự".
fn law_name(text: &str, start: usize, type_end: usize) -> Option<(String, usize)> {
    const STOP: [&str; 66] = [
        "năm", "số", "của", "và", "được", "đã", "đang", "sẽ", "có", "này", "mới", "ngày", "trong",
        "theo", "về", "cho", "với", "để", "tại", "là", "thì", "khi", "nhằm", "đến", "các", "những",
        "do", "từ", "trên", "hiện", "hành", "vừa", "không", "cũng", "đều", "quy", "thông", "qua",
        "nêu", "như", "còn", "nhiều", "bất", "rất", "chưa", "cần", "phải", "vẫn", "mà", "nên",
        "bị", "gây", "tạo", "giúp", "đưa", "đi", "vào", "ra", "lên", "cùng", "sau", "trước", "tới",
        "tiếp", "hơn", "thêm",
    ];
    let rest = &text[type_end..];
    let mut words: Vec<(usize, usize)> = Vec::new(); // byte ranges into text
    let mut i = 0;
    let bytes_at = |i: usize| rest[i..].chars().next();
    loop {
        let mut j = i;
        let mut comma = false;
        while let Some(c) = bytes_at(j) {
            if c == ' ' {
                j += 1;
            } else if c == ',' && !comma && !words.is_empty() {
                comma = true;
                j += 1;
            } else {
                break;
            }
        }
        if j == i {
            break;
        }
        let wlen: usize = rest[j..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if wlen == 0 {
            break;
        }
        let w = &rest[j..j + wlen];
        let upper = w.chars().next().is_some_and(char::is_uppercase);
        if words.is_empty() {
            if !upper {
                return None;
            }
        } else if upper || STOP.contains(&w) || words.len() >= 6 {
            break;
        }
        if comma && !["chống"].contains(&w) {
            break;
        }
        words.push((type_end + j, type_end + j + wlen));
        i = j + wlen;
    }
    let first = words.first()?;
    let last = words.last()?;
    let mut name = format!("{} {}", &text[start..type_end], &text[first.0..last.1]);
    name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = last.1;
    // the year belongs to the name ("Luật Đất đai năm 2024") but stays out
    // of the span, so that it is also a date
    if let Some(c) = RE_YEAR_SUFFIX.captures_anchored(&text[end..], 0) {
        name = format!("{name} năm {}", &c[1]);
    }
    Some((name, end))
}

/// Whether a resolution's name ([`RE_NQ_CONGRESS`], [`RE_NQ_TW`]) may
/// start at `at`: both need "nghị quyết" and then "của", "đại", "hội",
/// "ban" or "trung". Tested on the folded text (`\s` is a space there), so
/// that those large regexes run, and are compiled, only where they can
/// match; without a folded text, always.
fn resolution_name_may_follow(folded: Option<&str>, at: usize) -> bool {
    let Some(f) = folded else {
        return true;
    };
    fn spaces(s: &str) -> Option<&str> {
        let t = s.trim_start_matches(' ');
        (t.len() < s.len()).then_some(t)
    }
    f[at..]
        .strip_prefix("nghị")
        .and_then(spaces)
        .and_then(|r| r.strip_prefix("quyết"))
        .and_then(spaces)
        .is_some_and(|r| {
            ["của", "đại", "hội", "ban", "trung"]
                .iter()
                .any(|w| r.starts_with(w))
        })
}

fn is_bare_number_ok(text: &str, end: usize, with_so: bool) -> bool {
    let after = &text[end..];
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '%')
        || (after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    if with_so {
        return true;
    }
    let next: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    ![
        "năm", "tháng", "ngày", "tuần", "giờ", "người", "lần", "nội", "điểm", "nhóm", "tỷ",
        "triệu", "nghìn",
    ]
    .contains(&next.as_str())
}

fn clean_symbol(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let lex = &*LEX;
    let text = ctx.text;
    let mut last_by_type: HashMap<String, Doc> = HashMap::new();
    let mut by_key: HashMap<String, Doc> = HashMap::new();
    let mut out: Vec<Entity> = Vec::new();
    let mut consumed = 0usize;
    // organizations by position, built at the first bare mention
    let mut orgs: Option<super::SpanIndex> = None;
    // short references ("Chỉ thị số 05"): doc type, number, span
    let mut short_refs: Vec<(String, String, Range<usize>)> = Vec::new();
    // every trigger, in one pass over the folded text (None: the regexes)
    let hits = ctx.folded.as_deref().map(|f| lex.triggers.scan(text, f));
    let types: Vec<Range<usize>> = match &hits {
        Some(h) => leftmost(h, TYPES, |end| end),
        None => TYPES_RE.find_iter(text).map(|m| m.range()).collect(),
    };
    for r in types {
        let m = super::fastre::Match::new(text, r);
        if m.start() < consumed {
            continue;
        }
        let surface = m
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let Some(doc_type) = lex.types.get(&surface).cloned() else {
            continue;
        };
        let at = &text[m.start()..];
        let mut mentions: Vec<(Doc, Range<usize>, &str)> = Vec::new();

        let resolution = doc_type == "Nghị quyết"
            && resolution_name_may_follow(ctx.folded.as_deref(), m.start());
        if let Some(c) = resolution
            .then(|| RE_NQ_CONGRESS.captures_anchored(at, 0))
            .flatten()
        {
            let num = c["num"].to_string();
            let end = m.start() + c.get(0).unwrap().end();
            let local = c.name("body").filter(|_| c.name("nat").is_none());
            let (name, issuer) = match local {
                None => (
                    format!("Nghị quyết Đại hội {num}"),
                    format!("Đại hội đại biểu toàn quốc lần thứ {num} của Đảng"),
                ),
                Some(b) => {
                    let body = b.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
                    let db = if c.name("db").is_some() {
                        "đại biểu "
                    } else {
                        ""
                    };
                    (
                        format!("Nghị quyết Đại hội {db}{body} lần thứ {num}"),
                        format!("Đại hội {body} lần thứ {num}"),
                    )
                }
            };
            let k = key(
                &doc_type,
                None,
                Some(&name.replace(" lần thứ ", " ").replace("đại biểu ", "")),
            );
            let doc = Doc {
                doc_type: doc_type.clone(),
                number: None,
                issuer: Some(issuer),
                issued: None,
                name: Some(name),
                key: k,
                fallback_issuer: None,
            };
            mentions.push((doc, m.start()..end, "directive.congress_resolution"));
        } else if let Some(c) = resolution
            .then(|| RE_NQ_TW.captures_anchored(at, 0))
            .flatten()
        {
            let end = m.start() + c.get(0).unwrap().end();
            let name = format!("Nghị quyết Trung ương {} khóa {}", &c["n"], &c["k"]);
            let k = format!("nghi-quyet:tw-{}-{}", &c["n"], c["k"].to_lowercase());
            let doc = Doc {
                doc_type: doc_type.clone(),
                number: None,
                issuer: Some("Ban Chấp hành Trung ương".to_string()),
                issued: None,
                name: Some(name),
                key: k,
                fallback_issuer: None,
            };
            mentions.push((doc, m.start()..end, "directive.central_resolution"));
        } else if symbol_may_follow(&text[m.end()..])
            && let Some(c) = RE_SYMBOL.captures_anchored(&text[m.end()..], 0)
        {
            let sym_m = c.name("sym").unwrap();
            let sym = clean_symbol(sym_m.as_str());
            let end = m.end() + sym_m.end();
            let bare = !sym.contains(['/', '-']);
            if !bare || is_bare_number_ok(text, end, c.name("so").is_some()) {
                let (ctx_issuer, issued) = context(ctx, m.start(), end);
                let fallback_issuer = symbol_issuer(&sym);
                let k = key(&doc_type, Some(&sym), None);
                let rule = if bare {
                    "directive.number"
                } else {
                    "directive.symbol"
                };
                // "Chỉ thị 05" is a directive only as a short reference to
                // a document whose symbol the report gives ("Chỉ thị số
                // 05-CT/TW"), before or after: resolved once every symbol
                // is known
                if bare {
                    short_refs.push((doc_type.clone(), sym, m.start()..end));
                    consumed = end;
                    continue;
                }
                let doc = Doc {
                    doc_type: doc_type.clone(),
                    number: Some(sym),
                    issuer: ctx_issuer.clone(),
                    issued,
                    name: None,
                    key: k,
                    fallback_issuer,
                };
                mentions.push((doc, m.start()..end, rule));
                // further symbols of the same type in a list
                let mut pos = end;
                while let Some(c) = RE_MORE.captures_anchored(&text[pos..], 0) {
                    let sm = c.name("sym").unwrap();
                    let sym = clean_symbol(sm.as_str());
                    let (s, e) = (pos + sm.start(), pos + sm.end());
                    let (ci, issued) = context(ctx, s, e);
                    let fallback_issuer = symbol_issuer(&sym);
                    let k = key(&doc_type, Some(&sym), None);
                    let doc = Doc {
                        doc_type: doc_type.clone(),
                        number: Some(sym),
                        issuer: ci.or_else(|| ctx_issuer.clone()),
                        issued,
                        name: None,
                        key: k,
                        fallback_issuer,
                    };
                    mentions.push((doc, s..e, "directive.symbol_list"));
                    pos = e;
                }
            }
        }
        if mentions.is_empty()
            && matches!(doc_type.as_str(), "Luật" | "Bộ luật" | "Pháp lệnh")
            && m.as_str().starts_with(char::is_uppercase)
            && let Some((name, end)) = law_name(text, m.start(), m.end())
        {
            let prev_upper = text[..m.start()]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase) && !w.ends_with(['.', ':']));
            let sent_start = ctx.sentence(ctx.sentence_of(m.start())).start;
            if !prev_upper || text[sent_start..m.start()].trim().split(' ').count() <= 1 {
                // "Luật Tổ chức Quốc hội số 57/2014/QH13": the symbol names it
                // (capitalised words may still belong to the name: "Luật Tổ
                // chức Quốc hội số …")
                let numbered = text[end..]
                    .starts_with(char::is_whitespace)
                    .then(|| RE_LAW_SYMBOL.captures_anchored(&text[end..], 0))
                    .flatten()
                    .map(|c| {
                        let more = c.name("more").map_or("", |m| m.as_str());
                        let sm = c.name("sym").unwrap();
                        (more.to_string(), clean_symbol(sm.as_str()), end + sm.end())
                    })
                    .filter(|(_, sym, _)| sym.contains('/'));
                let (name, end, number, rule) = match numbered {
                    Some((more, sym, e)) => {
                        let name = format!(
                            "{name} {}",
                            more.split_whitespace().collect::<Vec<_>>().join(" ")
                        );
                        (
                            name.trim().to_string(),
                            e,
                            Some(sym),
                            "directive.named_law_symbol",
                        )
                    }
                    None => (name, end, None, "directive.named_law"),
                };
                let (issuer, issued) = context(ctx, m.start(), end);
                let k = key(&doc_type, number.as_deref(), Some(&name));
                let fallback_issuer = number.as_deref().and_then(symbol_issuer);
                let doc = Doc {
                    doc_type: doc_type.clone(),
                    number,
                    issuer,
                    issued,
                    name: Some(name),
                    key: k,
                    fallback_issuer,
                };
                mentions.push((doc, m.start()..end, rule));
            }
        }
        if mentions.is_empty()
            && doc_type == "Hiến pháp"
            && m.as_str().starts_with(char::is_uppercase)
        {
            let (name, end) = match RE_YEAR_SUFFIX.captures_anchored(&text[m.end()..], 0) {
                Some(c) => (
                    format!("Hiến pháp {}", &c[1]),
                    m.end() + c.get(0).unwrap().end(),
                ),
                None => ("Hiến pháp".to_string(), m.end()),
            };
            let k = key(&doc_type, None, Some(&name));
            let doc = Doc {
                doc_type: doc_type.clone(),
                number: None,
                issuer: None,
                issued: None,
                name: Some(name),
                key: k,
                fallback_issuer: None,
            };
            mentions.push((doc, m.start()..end, "directive.constitution"));
        }
        if mentions.is_empty() {
            // bare capitalised mention linking to the latest one of its type
            let capital = m.as_str().starts_with(char::is_uppercase);
            let prev = text[..m.start()]
                .trim_end()
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let plural = ["các", "những", "mỗi", "từng"].contains(&prev.as_str());
            let in_org = orgs
                .get_or_insert_with(|| super::SpanIndex::new(found, &["organization"]))
                .overlaps(&(m.start()..m.end()));
            if capital
                && !plural
                && !in_org
                && let Some(doc) = last_by_type.get(&doc_type)
            {
                let k = doc.key.clone();
                out.push(ctx.entity(
                    doc.kind(Some(k)),
                    m.start()..m.end(),
                    "directive.bare_mention",
                ));
            }
            continue;
        }
        for (mut doc, range, rule) in mentions {
            // "Chỉ thị số 05/CT-TW" after "Chỉ thị số 05-CT/TW": one document
            // written two ways, reported as first written
            if doc.number.is_some() && !by_key.contains_key(&doc.key) {
                let l = loose(doc.number.as_deref());
                let mut same = by_key.values().filter(|d| {
                    d.doc_type == doc.doc_type
                        && d.number.is_some()
                        && loose(d.number.as_deref()) == l
                });
                if let Some(first) = same.next() {
                    let k = first.key.clone();
                    consumed = consumed.max(range.end);
                    out.push(ctx.entity(first.kind(Some(k)), range, "directive.symbol_variant"));
                    continue;
                }
            }
            if let Some(prev) = by_key.get(&doc.key) {
                doc.issuer = doc.issuer.or_else(|| prev.issuer.clone());
                doc.issued = doc.issued.or_else(|| prev.issued.clone());
            }
            doc.issuer = doc.issuer.or_else(|| doc.fallback_issuer.clone());
            by_key.insert(doc.key.clone(), doc.clone());
            consumed = consumed.max(range.end);
            last_by_type.insert(doc.doc_type.clone(), doc.clone());
            out.push(ctx.entity(doc.kind(None), range, rule));
        }
    }
    standalone_symbols(ctx, hits.as_deref(), &mut by_key, &mut out);
    for (doc_type, num, range) in short_refs {
        if let Some(d) = full_document(&by_key, &doc_type, &num) {
            let k = d.key.clone();
            out.push(ctx.entity(d.kind(Some(k)), range, "directive.number_link"));
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
    found.extend(out);
}

/// The doc_type a symbol's type code stands for ("08-BC/BCĐ" → Báo cáo),
/// when the symbol has a `/` and such a code.
fn standalone_type(sym: &str) -> Option<String> {
    if !sym.contains('/') {
        return None;
    }
    let lex = &*LEX;
    sym.split(['-', '/', '–'])
        .skip(1)
        .find_map(|part| lex.code_types.get(part).cloned())
}

/// The matches of [`RE_STANDALONE`], as its `captures_iter` gives them:
/// verified anchored where a "số" trigger is (`hits`), else searched.
fn standalone_matches<'h>(text: &'h str, hits: Option<&[Hit]>) -> Vec<Captures<'h>> {
    let Some(hits) = hits else {
        if !text.contains("số") && !text.contains("Số") {
            return Vec::new();
        }
        return RE_STANDALONE.captures_iter(text).collect();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    for h in hits.iter().filter(|h| h.list == SO) {
        if h.start < pos {
            continue;
        }
        if let Some(c) = RE_STANDALONE.captures_anchored(text, h.start) {
            pos = c.get(0).expect("match").end();
            out.push(c);
        }
    }
    out
}

/// Symbols after "số" that no document type introduced (rule
/// `directive.standalone_symbol`).
fn standalone_symbols(
    ctx: &Analysis,
    hits: Option<&[Hit]>,
    by_key: &mut HashMap<String, Doc>,
    out: &mut Vec<Entity>,
) {
    let text = ctx.text;
    let mut taken: Vec<Range<usize>> = out.iter().map(|e| e.start..e.end).collect();
    taken.sort_by_key(|r| r.start);
    let mut added = Vec::new();
    for c in standalone_matches(text, hits) {
        let sm = c.name("sym").unwrap();
        // inside a mention already found
        let i = taken.partition_point(|r| r.start <= sm.start());
        if i > 0 && taken[i - 1].end > sm.start() {
            continue;
        }
        let sym = clean_symbol(sm.as_str());
        let Some(doc_type) = standalone_type(&sym) else {
            continue;
        };
        let k = key(&doc_type, Some(&sym), None);
        if let Some(d) = by_key.get(&k) {
            added.push(ctx.entity(d.kind(Some(k)), sm.range(), "directive.standalone_symbol"));
            continue;
        }
        let (issuer, issued) = context(ctx, sm.start(), sm.end());
        let fallback_issuer = symbol_issuer(&sym);
        let doc = Doc {
            doc_type,
            number: Some(sym),
            issuer: issuer.or_else(|| fallback_issuer.clone()),
            issued,
            name: None,
            key: k.clone(),
            fallback_issuer,
        };
        added.push(ctx.entity(doc.kind(None), sm.range(), "directive.standalone_symbol"));
        by_key.insert(k, doc);
    }
    out.extend(added);
}

/// The document with a symbol that a short reference "`doc_type` `num`"
/// names: same type, its number is `num` (leading zeros aside) followed by
/// its symbol ("05" → "05-CT/TW", "5/CT-TW"). None when the report gives no
/// such symbol, or two documents of that type share the number.
fn full_document<'a>(
    by_key: &'a HashMap<String, Doc>,
    doc_type: &str,
    num: &str,
) -> Option<&'a Doc> {
    let want = num.trim_start_matches('0');
    let mut hits = by_key.values().filter(|d| {
        d.doc_type == doc_type
            && d.number.as_deref().is_some_and(|n| {
                let digits = n.len() - n.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                n[..digits].trim_start_matches('0') == want
                    && n[digits..].starts_with(['-', '/', '–'])
            })
    });
    let first = hits.next()?;
    // the same document written with another separator order is one
    match hits.find(|d| loose(d.number.as_deref()) != loose(first.number.as_deref())) {
        Some(_) => None,
        None => Some(first),
    }
}

/// A symbol compared without separators and leading zeros: "05 / CT - TW"
/// and "5-CT/TW" are one document written two ways.
fn loose(number: Option<&str>) -> String {
    strip_leading_zeros(&slug(number.unwrap_or("")))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_guard_never_hides_a_symbol() {
        for rest in [
            " số 05-CT/TW",
            " Số: 15/2020/NĐ-CP",
            "\u{a0}\u{2003}ſố 3",
            "\n12",
            " \u{0663}/QĐ",
            " của Bộ",
            "số 1",
            ", số 1",
        ] {
            if RE_SYMBOL.is_match(rest) {
                assert!(symbol_may_follow(rest), "{rest:?}");
            }
        }
        assert!(!symbol_may_follow(" của Bộ"));
    }

    #[test]
    fn resolution_guard_never_hides_a_name() {
        for t in [
            "Nghị quyết Đại hội XIII",
            "NGHỊ QUYẾT  của Đại hội đại biểu toàn quốc lần thứ XIII",
            "Nghị quyết Trung ương 4 khóa XII",
            "Nghị quyết\nHội nghị Trung ương 8 khóa XI",
            "Nghị quyết Ban Chấp hành Trung ương 5 khóa X",
            "Nghị quyết số 05",
            "Nghị quyết của Chính phủ",
        ] {
            let f = super::super::event::fold::fold(t).unwrap();
            if RE_NQ_CONGRESS.is_match(t) || RE_NQ_TW.is_match(t) {
                assert!(resolution_name_may_follow(Some(&f), 0), "{t}");
            }
        }
        let t = "Nghị quyết số 05";
        assert!(!resolution_name_may_follow(Some(&t.to_lowercase()), 0));
    }

    #[test]
    fn keys_and_issuers() {
        assert_eq!(key("Chỉ thị", Some("01-CT/TW"), None), "chi-thi:1-ct/tw");
        assert_eq!(
            key("Chỉ thị", Some("1-CT/TW"), None),
            key("Chỉ thị", Some("01-CT/TW"), None)
        );
        assert_eq!(
            key("Thông tư", Some("05/2022/TT-BCA"), None),
            "thong-tu:5/2022/tt-bca"
        );
        assert_eq!(key("Quyết định", Some("100"), None), "quyet-dinh:100");
        assert_eq!(
            key("Nghị quyết", None, Some("Nghị quyết Đại hội XIII")),
            "nghi-quyet:dai-hoi-xiii"
        );
        assert_eq!(symbol_issuer("15/2020/NĐ-CP").as_deref(), Some("Chính phủ"));
        assert_eq!(
            symbol_issuer("01-CT/TW").as_deref(),
            Some("Ban Chấp hành Trung ương")
        );
        assert_eq!(symbol_issuer("123/QĐ-UBND").as_deref(), Some("UBND"));
        assert_eq!(
            symbol_issuer("05/CT-TTg").as_deref(),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(symbol_issuer("45/2019/QH14").as_deref(), Some("Quốc hội"));
        assert_eq!(symbol_issuer("39"), None);
    }
}
