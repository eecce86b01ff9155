//! The query language.
//!
//! ```text
//! query    := or
//! or       := and ("OR" and)*
//! and      := unary (["AND"] unary)*          adjacent terms: AND
//! unary    := ("NOT" | "-") unary | primary
//! primary  := "(" or ")" | FIELD ":" value | value | "=" value   ("=": exact forms)
//! value    := '"' phrase '"' | word | "(" or ")"  (text fields)
//!           | date | "[" date "TO" date "]" | "{" … "}" | ("<"|"<="|">"|">=") date   (date fields)
//! date     := YYYY | YYYY-MM | YYYY-MM-DD | D/M/YYYY | M/YYYY     ("*": open end)
//! ```
//!
//! Text fields: `person:`, `org:`, `location:`, `directive:` (number or key,
//! e.g. `directive:"01-CT/TW"`, or its wording), `title:` (the report title
//! and people's titles), `role:` (people's titles only), `id:`. Date fields:
//! `date:` (any date the report mentions, or its own date) and `deadline:`.
//! A partial date covers its whole month or year. Without a field a word
//! searches the title and the body (the title weighs more). Every text is
//! normalized and matched folded (no diacritics, đ → d) and in its written
//! form, which ranks higher; a query typed without diacritics is read in
//! context with the index's syllable statistics ([`super::restore`]) and its
//! likely forms rank higher instead. Free words standing together score on
//! top. Exact diacritics only: a quoted phrase typed with diacritics
//! (`"bạn bè"`), or `=` before a word or phrase (`=ban`, `="Thảo Điền"`).
//! A word of [`analyzer::MAX_TOKEN_BYTES`] bytes or more is refused (the
//! index holds none). Operators are upper case; a word made of several
//! syllables (`01-CT/TW`) is a phrase.

use crate::calendar::Day;
use crate::index::analyzer::{self, exact_tokens, folded_tokens};
use crate::index::schema::{self, Fields};
use crate::index::syllables::Syllables;
use std::fmt;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// How deep parentheses and NOTs may nest: deeper queries are refused with a
/// message rather than risking the stack.
const MAX_DEPTH: usize = 64;

/// A query that could not be parsed: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// 1-based column (in characters) where the problem is.
    pub column: usize,
    pub message: String,
    pub query: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad query at column {}: {}\n  {}\n  {}^",
            self.column,
            self.message,
            self.query,
            " ".repeat(self.column.saturating_sub(1))
        )
    }
}

impl std::error::Error for QueryError {}

/// A text field prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// No prefix: title and body.
    Any,
    Person,
    Org,
    Location,
    Directive,
    Title,
    Role,
    Id,
}

impl TextField {
    /// The entity types a match in this field points at.
    pub fn entity_types(self) -> &'static [&'static str] {
        match self {
            TextField::Any => &["person", "title", "organization", "location", "directive"],
            TextField::Person => &["person"],
            TextField::Org => &["organization"],
            TextField::Location => &["location"],
            TextField::Directive => &["directive"],
            TextField::Title | TextField::Role => &["title", "person"],
            TextField::Id => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    Date,
    Deadline,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Text {
        field: TextField,
        /// As written (without quotes).
        text: String,
        phrase: bool,
        /// Only the forms written, diacritics included: a quoted phrase
        /// typed with diacritics, or a word or phrase after `=`.
        exact: bool,
    },
    /// Days since 1970-01-01, both ends inclusive.
    Dates {
        field: DateField,
        from: Option<i64>,
        to: Option<i64>,
    },
}

const FIELD_NAMES: &str = "person, org, location, directive, title, role, id, date, deadline";

enum Prefix {
    Text(TextField),
    Date(DateField),
}

fn prefix(name: &str) -> Option<Prefix> {
    Some(match name.to_ascii_lowercase().as_str() {
        "person" | "people" | "nguoi" => Prefix::Text(TextField::Person),
        "org" | "organization" | "organisation" | "coquan" => Prefix::Text(TextField::Org),
        "location" | "loc" | "place" | "diadanh" => Prefix::Text(TextField::Location),
        "directive" | "doc" | "vanban" => Prefix::Text(TextField::Directive),
        "title" | "tieude" => Prefix::Text(TextField::Title),
        "role" | "chucvu" => Prefix::Text(TextField::Role),
        "id" => Prefix::Text(TextField::Id),
        "date" | "ngay" => Prefix::Date(DateField::Date),
        "deadline" | "due" | "hanchot" => Prefix::Date(DateField::Deadline),
        _ => return None,
    })
}

/// Parse `query`.
pub fn parse(query: &str) -> Result<Node, QueryError> {
    let mut p = Parser {
        chars: query.chars().collect(),
        i: 0,
        query,
        depth: 0,
    };
    p.skip_ws();
    if p.at_end() {
        return Err(p.err(1, "empty query"));
    }
    let node = p.or(TextField::Any)?;
    p.skip_ws();
    if !p.at_end() {
        // Only a stray ')' stops `or` before the end.
        return Err(p.err(p.i + 1, "')' without a matching '('"));
    }
    if !node.constrains() {
        // Punctuation alone would otherwise match every report.
        return Err(p.err(
            1,
            "nothing to search for: the query has no words, numbers or dates (punctuation is ignored)",
        ));
    }
    Ok(node)
}

struct Parser<'a> {
    chars: Vec<char>,
    i: usize,
    query: &'a str,
    depth: usize,
}

fn is_special(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

impl Parser<'_> {
    fn err(&self, column: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column,
            message: message.into(),
            query: self.query.to_string(),
        }
    }
    fn at_end(&self) -> bool {
        self.i >= self.chars.len()
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }
    /// Whether the keyword `kw` (upper case, then a break) is next.
    fn at_keyword(&self, kw: &str) -> bool {
        let n = kw.chars().count();
        self.chars.len() >= self.i + n
            && self.chars[self.i..self.i + n]
                .iter()
                .copied()
                .eq(kw.chars())
            && self.chars.get(self.i + n).is_none_or(|&c| is_special(c))
    }
    fn word_end(&self) -> usize {
        let mut j = self.i;
        while j < self.chars.len() && !is_special(self.chars[j]) {
            j += 1;
        }
        j
    }

    fn or(&mut self, field: TextField) -> Result<Node, QueryError> {
        let mut parts = vec![self.and(field)?];
        loop {
            self.skip_ws();
            if self.at_keyword("OR") {
                let col = self.i + 1;
                self.i += 2;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') {
                    return Err(self.err(col, "OR needs a term after it"));
                }
                parts.push(self.and(field)?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap_or(Node::And(Vec::new()))
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self, field: TextField) -> Result<Node, QueryError> {
        let mut parts = Vec::new();
        loop {
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') || self.at_keyword("OR") {
                break;
            }
            if self.at_keyword("AND") {
                let col = self.i + 1;
                if parts.is_empty() {
                    return Err(self.err(col, "AND needs a term before it"));
                }
                self.i += 3;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') || self.at_keyword("OR") {
                    return Err(self.err(col, "AND needs a term after it"));
                }
            }
            parts.push(self.unary(field)?);
        }
        if parts.is_empty() {
            let col = self.i + 1;
            return Err(if self.at_keyword("OR") {
                self.err(col, "OR needs a term before it")
            } else if self.peek() == Some(')') && self.depth > 0 {
                self.err(col, "empty parentheses")
            } else if self.peek() == Some(')') {
                self.err(col, "')' without a matching '('")
            } else {
                self.err(col, "a term is missing")
            });
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap_or(Node::And(Vec::new()))
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self, field: TextField) -> Result<Node, QueryError> {
        let col = self.i + 1;
        self.check_depth(col)?;
        let negated = if self.at_keyword("NOT") {
            self.i += 3;
            true
        } else if self.peek() == Some('-')
            && self
                .chars
                .get(self.i + 1)
                .is_some_and(|&c| !c.is_whitespace() && c != ')')
        {
            self.i += 1;
            true
        } else {
            false
        };
        if negated {
            self.skip_ws();
            if self.at_end()
                || self.peek() == Some(')')
                || self.at_keyword("OR")
                || self.at_keyword("AND")
            {
                return Err(self.err(col, "NOT needs a term after it"));
            }
            self.depth += 1;
            let inner = self.unary(field);
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner?)));
        }
        self.primary(field)
    }

    /// Refuse nesting deeper than [`MAX_DEPTH`] at column `col`.
    fn check_depth(&self, col: usize) -> Result<(), QueryError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(
                col,
                format!("query nested deeper than {MAX_DEPTH} levels (parentheses and NOT)"),
            ));
        }
        Ok(())
    }

    fn group(&mut self, field: TextField) -> Result<Node, QueryError> {
        let open = self.i + 1;
        self.check_depth(open)?;
        self.i += 1;
        self.depth += 1;
        let node = self.or(field)?;
        self.depth -= 1;
        self.skip_ws();
        if self.peek() != Some(')') {
            return Err(self.err(open, "'(' is never closed"));
        }
        self.i += 1;
        Ok(node)
    }

    fn phrase(&mut self, field: TextField) -> Result<Node, QueryError> {
        let open = self.i + 1;
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c != '"') {
            self.i += 1;
        }
        if self.at_end() {
            return Err(self.err(open, "the quote opened here is never closed"));
        }
        let text: String = self.chars[start..self.i].iter().collect();
        self.i += 1;
        self.check_long(&text, start + 1)?;
        if exact_tokens(&text).is_empty() {
            return Err(self.err(open, "empty phrase"));
        }
        Ok(Node::Text {
            field,
            exact: has_diacritics(&text),
            text,
            phrase: true,
        })
    }

    /// Refuse a word the index cannot hold (its syllables of
    /// [`analyzer::MAX_TOKEN_BYTES`] bytes or more are not indexed), rather
    /// than silently searching without it.
    fn check_long(&self, text: &str, col: usize) -> Result<(), QueryError> {
        let long = analyzer::syllables(text).find(|r| r.end - r.start >= analyzer::MAX_TOKEN_BYTES);
        match long {
            None => Ok(()),
            Some(r) => Err(self.err(
                col + text[..r.start].chars().count(),
                format!(
                    "a word of {} bytes: the index holds no word of {} bytes or more, so it can \
                     match nothing (shorten it)",
                    r.end - r.start,
                    analyzer::MAX_TOKEN_BYTES
                ),
            )),
        }
    }

    /// `=word` or `="phrase"`: only the forms written, diacritics included.
    fn exact_value(&mut self, field: TextField) -> Result<Node, QueryError> {
        self.i += 1;
        let mut node = if self.peek() == Some('"') {
            self.phrase(field)?
        } else {
            let col = self.i + 1;
            let end = self.word_end();
            let text: String = self.chars[self.i..end].iter().collect();
            self.check_long(&text, col)?;
            self.i = end;
            Node::Text {
                field,
                text,
                phrase: false,
                exact: false,
            }
        };
        if let Node::Text { exact, .. } = &mut node {
            *exact = true;
        }
        Ok(node)
    }

    fn primary(&mut self, field: TextField) -> Result<Node, QueryError> {
        let col = self.i + 1;
        match self.peek() {
            Some('(') => return self.group(field),
            Some('"') => return self.phrase(field),
            Some(')') => return Err(self.err(col, "')' without a matching '('")),
            Some('=')
                if self
                    .chars
                    .get(self.i + 1)
                    .is_some_and(|&c| c == '"' || !is_special(c)) =>
            {
                return self.exact_value(field);
            }
            _ => {}
        }
        let end = self.word_end();
        let word: String = self.chars[self.i..end].iter().collect();
        // FIELD:value
        if let Some(colon) = word.find(':') {
            let name = &word[..colon];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) {
                let after = self.i + name.chars().count() + 1;
                match prefix(name) {
                    Some(pre) => {
                        if field != TextField::Any {
                            return Err(self.err(col, "a field prefix inside a field group"));
                        }
                        self.i = after;
                        return self.field_value(pre, col);
                    }
                    None if after < self.chars.len() && !is_special(self.chars[after])
                        || after == end && self.chars.get(after) == Some(&'"') =>
                    {
                        return Err(self.err(
                            col,
                            format!("unknown field '{name}' (fields: {FIELD_NAMES})"),
                        ));
                    }
                    None => {}
                }
            }
        }
        self.check_long(&word, col)?;
        self.i = end;
        Ok(Node::Text {
            field,
            text: word,
            phrase: false,
            exact: false,
        })
    }

    fn field_value(&mut self, pre: Prefix, col: usize) -> Result<Node, QueryError> {
        let vcol = self.i + 1;
        match pre {
            Prefix::Text(f) => match self.peek() {
                Some('(') => self.group(f),
                Some('"') => self.phrase(f),
                Some('=')
                    if self
                        .chars
                        .get(self.i + 1)
                        .is_some_and(|&c| c == '"' || !is_special(c)) =>
                {
                    self.exact_value(f)
                }
                Some(c) if !is_special(c) => {
                    let end = self.word_end();
                    let text: String = self.chars[self.i..end].iter().collect();
                    self.check_long(&text, vcol)?;
                    self.i = end;
                    Ok(Node::Text {
                        field: f,
                        text,
                        phrase: false,
                        exact: false,
                    })
                }
                _ => Err(self.err(vcol, "a value is missing after the field name")),
            },
            Prefix::Date(f) => self.date_value(f, col),
        }
    }

    fn date_value(&mut self, field: DateField, _col: usize) -> Result<Node, QueryError> {
        let vcol = self.i + 1;
        let c = self.peek();
        if c == Some('[') || c == Some('{') {
            let inclusive_lo = c == Some('[');
            let mut j = self.i + 1;
            while j < self.chars.len() && self.chars[j] != ']' && self.chars[j] != '}' {
                j += 1;
            }
            if j >= self.chars.len() {
                return Err(self.err(
                    vcol,
                    "the range opened here is never closed with ']' or '}'",
                ));
            }
            let inclusive_hi = self.chars[j] == ']';
            let inner: String = self.chars[self.i + 1..j].iter().collect();
            let parts: Vec<&str> = inner.split_whitespace().collect();
            if parts.len() != 3 || parts[1] != "TO" {
                return Err(self.err(
                    vcol,
                    "a range is written [FROM TO TO], e.g. [2021-01-01 TO 2021-06-30]",
                ));
            }
            let lo_col = vcol + 1 + inner.chars().take_while(|c| c.is_whitespace()).count();
            let hi_col = vcol
                + 1
                + inner
                    .rfind(parts[2])
                    .map(|b| inner[..b].chars().count())
                    .unwrap_or(0);
            let from = if parts[0] == "*" {
                None
            } else {
                let (a, b) = self.date(parts[0], lo_col)?;
                Some(if inclusive_lo { a } else { b + 1 })
            };
            let to = if parts[2] == "*" {
                None
            } else {
                let (a, b) = self.date(parts[2], hi_col)?;
                Some(if inclusive_hi { b } else { a - 1 })
            };
            self.i = j + 1;
            if let (Some(a), Some(b)) = (from, to)
                && a > b
            {
                return Err(self.err(vcol, "the range ends before it starts"));
            }
            return Ok(Node::Dates { field, from, to });
        }
        let end = self.word_end();
        let word: String = self.chars[self.i..end].iter().collect();
        if word.is_empty() {
            return Err(self.err(vcol, "a date is missing after the field name, e.g. date:2021-03 or date:[2021-01-01 TO 2021-06-30]"));
        }
        let (op, rest) = ["<=", ">=", "<", ">"]
            .iter()
            .find_map(|op| word.strip_prefix(op).map(|r| (*op, r)))
            .unwrap_or(("", word.as_str()));
        let dcol = vcol + op.len();
        if rest.is_empty() {
            return Err(self.err(dcol, format!("a date is missing after '{op}'")));
        }
        let (a, b) = self.date(rest, dcol)?;
        self.i = end;
        let (from, to) = match op {
            "<" => (None, Some(a - 1)),
            "<=" => (None, Some(b)),
            ">" => (Some(b + 1), None),
            ">=" => (Some(a), None),
            _ => (Some(a), Some(b)),
        };
        Ok(Node::Dates { field, from, to })
    }

    /// First and last day (days since epoch) covered by a date.
    fn date(&self, s: &str, col: usize) -> Result<(i64, i64), QueryError> {
        parse_date_span(s).ok_or_else(|| {
            self.err(
                col,
                format!("'{s}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY or M/YYYY)"),
            )
        })
    }
}

/// First and last day (days since 1970-01-01) of `YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, `D/M/YYYY` or `M/YYYY`.
pub fn parse_date_span(s: &str) -> Option<(i64, i64)> {
    let num = |p: &str| -> Option<i64> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (y, m, d) = if s.contains('/') {
        let p: Vec<&str> = s.split('/').collect();
        match p.as_slice() {
            [d, m, y] => (num(y)?, Some(num(m)?), Some(num(d)?)),
            [m, y] => (num(y)?, Some(num(m)?), None),
            _ => return None,
        }
    } else {
        let p: Vec<&str> = s.split('-').collect();
        match p.as_slice() {
            [y] => (num(y)?, None, None),
            [y, m] => (num(y)?, Some(num(m)?), None),
            [y, m, d] => (num(y)?, Some(num(m)?), Some(num(d)?)),
            _ => return None,
        }
    };
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let y = y as i32;
    let days = |from: Day, to: Day| Some((from.epoch_days(), to.epoch_days()));
    match (m, d) {
        (None, _) => days(Day::new(y, 1, 1)?, Day::new(y, 12, 31)?),
        (Some(m), None) => {
            let m = u32::try_from(m).ok()?;
            days(Day::new(y, m, 1)?, Day::last_of_month(y, m)?)
        }
        (Some(m), Some(d)) => {
            let day = Day::new(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
            days(day, day)
        }
    }
}

/// The positive parts of a query, for highlighting and for picking the
/// matching entities.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// (field, folded syllables) of every text not under a NOT.
    pub texts: Vec<(TextField, Vec<String>)>,
    /// (field, from, to) of every date range not under a NOT.
    pub dates: Vec<(DateField, Option<i64>, Option<i64>)>,
}

impl Node {
    /// Whether the node restricts the reports at all: a text with at least
    /// one syllable with a letter or digit (or an id), a date range, or a combination of those.
    /// Punctuation-only texts constrain nothing.
    pub fn constrains(&self) -> bool {
        match self {
            Node::And(v) | Node::Or(v) => v.iter().any(Node::constrains),
            Node::Not(inner) => inner.constrains(),
            Node::Text { field, text, .. } => {
                // A syllable of combining marks alone is no word either.
                *field == TextField::Id
                    || exact_tokens(text)
                        .iter()
                        .any(|t| t.chars().any(char::is_alphanumeric))
            }
            Node::Dates { .. } => true,
        }
    }

    /// Whether the node is one word in a text field: compiled to a union of
    /// term queries, which tantivy can answer without scoring every match.
    pub fn is_single_word(&self) -> bool {
        match self {
            Node::Text { field, text, .. } => {
                *field != TextField::Id && exact_tokens(text).len() == 1
            }
            _ => false,
        }
    }

    /// A note for a query whose every searched syllable is a common word
    /// (`data/lexicons/common_words.txt`): it matches most reports.
    pub fn common_words_note(&self) -> Option<String> {
        static COMMON: std::sync::LazyLock<std::collections::HashSet<String>> =
            std::sync::LazyLock::new(|| {
                crate::extract::lexicon::parse(include_str!("../../data/lexicons/common_words.txt"))
                    .into_iter()
                    .flat_map(|f| f.into_iter().next())
                    .map(|w| w.to_lowercase())
                    .collect()
            });
        self.all_text_common(&COMMON).then(|| {
            "note: every word of the query is a common word; it matches most reports \
             (add a name, place or phrase to narrow it)"
                .to_string()
        })
    }

    fn all_text_common(&self, common: &std::collections::HashSet<String>) -> bool {
        match self {
            Node::And(v) | Node::Or(v) => v.iter().all(|n| n.all_text_common(common)),
            Node::Not(_) => false,
            Node::Text { field, text, .. } => {
                let toks = exact_tokens(text);
                *field == TextField::Any
                    && !toks.is_empty()
                    && toks.iter().all(|t| common.contains(t))
            }
            Node::Dates { .. } => false,
        }
    }

    /// Whether the query has a text typed without diacritics (read in
    /// context with the index's syllable statistics).
    pub fn has_toneless_text(&self) -> bool {
        match self {
            Node::And(v) | Node::Or(v) => v.iter().any(Node::has_toneless_text),
            Node::Not(inner) => inner.has_toneless_text(),
            Node::Text {
                field, text, exact, ..
            } => {
                *field != TextField::Id
                    && !*exact
                    && text.chars().any(char::is_alphabetic)
                    && !has_diacritics(text)
            }
            Node::Dates { .. } => false,
        }
    }

    pub fn wanted(&self) -> Wanted {
        let mut w = Wanted::default();
        self.collect(&mut w);
        w
    }
    fn collect(&self, w: &mut Wanted) {
        match self {
            Node::And(v) => {
                // Adjacent free words also count as one run of syllables
                // (`chi thi 01-CT/TW` points at the entity "Chỉ thị 01-CT/TW").
                let mut run: Vec<String> = Vec::new();
                let mut words = 0;
                for n in v.iter().chain(std::iter::once(&Node::Or(Vec::new()))) {
                    match n {
                        Node::Text {
                            field: TextField::Any,
                            text,
                            phrase: false,
                            ..
                        } => {
                            run.extend(folded_tokens(text));
                            words += 1;
                        }
                        _ => {
                            if words > 1 && run.len() > 1 {
                                w.texts.push((TextField::Any, std::mem::take(&mut run)));
                            }
                            run.clear();
                            words = 0;
                        }
                    }
                }
                v.iter().for_each(|n| n.collect(w));
            }
            Node::Or(v) => v.iter().for_each(|n| n.collect(w)),
            Node::Not(_) => {}
            Node::Text { field, text, .. } => {
                let toks = folded_tokens(text);
                if !toks.is_empty() {
                    w.texts.push((*field, toks));
                }
            }
            Node::Dates { field, from, to } => w.dates.push((*field, *from, *to)),
        }
    }
}

fn text_query(field: Field, tokens: &[String], slop: u32) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.into_iter().next()?,
            IndexRecordOption::WithFreqs,
        ))),
        _ => {
            let mut q = PhraseQuery::new(terms);
            q.set_slop(slop);
            Some(Box::new(q))
        }
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// Whether `text` carries diacritics (or đ): its syllables differ from
/// their folded forms.
pub fn has_diacritics(text: &str) -> bool {
    exact_tokens(text) != folded_tokens(text)
}

/// How the parts of a query weigh against each other.
#[derive(Debug, Clone)]
pub struct Weights {
    /// A word in the title against the same word in the body.
    pub title: f32,
    /// A word in the written form (or the form the query is read as)
    /// on top of its folded match, as a share of the folded weight.
    pub exact: f32,
    /// Free words standing together, in order, in the title (folded).
    pub phrase_title: f32,
    /// … in the body (folded).
    pub phrase_body: f32,
    /// Free words near each other (within [`Weights::slop`]) in the title.
    pub near_title: f32,
    /// … in the body.
    pub near_body: f32,
    /// Positions the "near" clauses allow between the words.
    pub slop: u32,
    /// Each pair of neighbouring free words together in the title.
    pub pairs_title: f32,
    /// The phrase clauses in the written (or read) forms, as a share of
    /// the folded ones.
    pub phrase_exact: f32,
    /// Forms of a folded word below this probability are not looked for.
    pub min_form: f32,
    /// Title coverage: the first hits' scores are multiplied by
    /// `1 + cover × coverage` ([`super::rank`]).
    pub cover: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: 3.0,
            exact: 1.0,
            phrase_title: 4.0,
            phrase_body: 0.5,
            near_title: 0.0,
            near_body: 0.0,
            slop: 3,
            pairs_title: 0.0,
            phrase_exact: 1.0,
            min_form: 0.1,
            cover: 1.0,
        }
    }
}

impl Weights {
    /// The weights in use (`VNTEXT_RANK=name=value,...` overrides them:
    /// a tuning aid).
    pub fn get() -> &'static Weights {
        static W: std::sync::LazyLock<Weights> = std::sync::LazyLock::new(|| {
            let mut w = Weights::default();
            if let Ok(spec) = std::env::var("VNTEXT_RANK") {
                for kv in spec.split(',') {
                    let Some((k, v)) = kv.split_once('=') else {
                        continue;
                    };
                    let Ok(x) = v.trim().parse::<f32>() else {
                        continue;
                    };
                    match k.trim() {
                        "title" => w.title = x,
                        "exact" => w.exact = x,
                        "pt" => w.phrase_title = x,
                        "pb" => w.phrase_body = x,
                        "nt" => w.near_title = x,
                        "nb" => w.near_body = x,
                        "slop" => w.slop = x as u32,
                        "pairs" => w.pairs_title = x,
                        "pe" => w.phrase_exact = x,
                        "minp" => w.min_form = x,
                        "cover" => w.cover = x,
                        _ => {}
                    }
                }
            }
            w
        });
        &W
    }
}

/// The (exact field, folded field, boost) pairs a text field searches.
fn text_fields(f: &Fields, w: &Weights, field: TextField) -> Vec<(Field, Field, f32)> {
    match field {
        TextField::Any => vec![(f.title, f.title_f, w.title), (f.body, f.body_f, 1.0)],
        TextField::Person => vec![(f.person, f.person_f, 1.0)],
        TextField::Org => vec![(f.org, f.org_f, 1.0)],
        TextField::Location => vec![(f.location, f.location_f, 1.0)],
        TextField::Directive => vec![(f.directive_text, f.directive_text_f, 1.0)],
        TextField::Title => vec![(f.title, f.title_f, w.title), (f.role, f.role_f, 1.0)],
        TextField::Role => vec![(f.role, f.role_f, 1.0)],
        TextField::Id => vec![],
    }
}

fn date_query(field: Field, from: Option<i64>, to: Option<i64>) -> Box<dyn Query> {
    let term = |day: i64| Term::from_field_date(field, schema::day_to_datetime(day));
    match (from, to) {
        (None, None) => Box::new(RangeQuery::new(
            Bound::Included(term(i64::MIN / 2)),
            Bound::Unbounded,
        )),
        (a, b) => Box::new(RangeQuery::new(
            a.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            b.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
        )),
    }
}

/// Which written forms a text is looked for in, besides its folded form.
#[derive(Debug, Clone)]
enum Forms {
    /// The forms as typed (the text, or the query it stands in, has
    /// diacritics).
    Written,
    /// Per syllable, the forms a toneless text is read as, with their
    /// probability ([`super::restore`]).
    Read(Vec<Vec<(String, f32)>>),
    /// None: the text has no diacritics and there is nothing to read it
    /// with; a toneless form is not taken literally (a rare toneless
    /// spelling would outweigh the word meant).
    FoldedOnly,
}

/// The tantivy query for a parsed query (without syllable statistics:
/// toneless words are matched folded only).
pub fn compile(node: &Node, f: &Fields) -> Box<dyn Query> {
    compile_with(node, f, None)
}

/// The tantivy query for a parsed query; with `syllables`, toneless words
/// are also looked for in the forms the archive makes likely in context.
pub fn compile_with(node: &Node, f: &Fields, syllables: Option<&Syllables>) -> Box<dyn Query> {
    Compiler {
        f,
        w: Weights::get(),
        syllables,
    }
    .node(node)
}

struct Compiler<'a> {
    f: &'a Fields,
    w: &'a Weights,
    syllables: Option<&'a Syllables>,
}

/// Whether `n` is a free word (no field, not quoted, not `=`): free words
/// next to each other are read together and rewarded for standing
/// together.
fn free_word(n: &Node) -> Option<&str> {
    match n {
        Node::Text {
            field: TextField::Any,
            text,
            phrase: false,
            exact: false,
        } => Some(text),
        _ => None,
    }
}

impl Compiler<'_> {
    fn node(&self, node: &Node) -> Box<dyn Query> {
        match node {
            Node::And(parts) => self.and(parts),
            Node::Or(parts) => Box::new(BooleanQuery::new(
                parts
                    .iter()
                    .map(|p| (Occur::Should, self.node(p)))
                    .collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.node(inner)),
            ])),
            Node::Text {
                field, text, exact, ..
            } => {
                let forms = if *exact || has_diacritics(text) {
                    Forms::Written
                } else {
                    self.read(&folded_tokens(text))
                };
                self.text(*field, text, *exact, &forms)
            }
            Node::Dates { field, from, to } => match field {
                DateField::Date => date_query(self.f.dates, *from, *to),
                DateField::Deadline => date_query(self.f.deadline, *from, *to),
            },
        }
    }

    /// How toneless `folded` syllables are read.
    fn read(&self, folded: &[String]) -> Forms {
        match self.syllables {
            Some(s) if !folded.is_empty() => Forms::Read(super::restore::read(s, folded).forms),
            _ => Forms::FoldedOnly,
        }
    }

    fn and(&self, parts: &[Node]) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            // A run of free words.
            let run_len = parts[i..]
                .iter()
                .take_while(|p| free_word(p).is_some())
                .count();
            if run_len > 0 {
                let words: Vec<&str> = parts[i..i + run_len].iter().filter_map(free_word).collect();
                let joined = self.join_fragments(&words);
                if joined.len() == words.len() {
                    self.run(&words, &mut clauses);
                } else {
                    // Either reading: the syllables put back together, or
                    // the words as typed ("35 độ c" is "35 độ C").
                    let joined: Vec<&str> = joined.iter().map(String::as_str).collect();
                    let either: Vec<(Occur, Box<dyn Query>)> = [&joined, &words]
                        .into_iter()
                        .map(|w| {
                            let mut c = Vec::new();
                            self.run(w, &mut c);
                            (
                                Occur::Should,
                                Box::new(BooleanQuery::new(c)) as Box<dyn Query>,
                            )
                        })
                        .collect();
                    clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
                }
                i += run_len;
                continue;
            }
            match &parts[i] {
                Node::Not(inner) => clauses.push((Occur::MustNot, self.node(inner))),
                p => clauses.push((Occur::Must, self.node(p))),
            }
            i += 1;
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Free words with the pieces of a broken syllable put back together.
    /// Text copied from a page in decomposed Unicode can come apart at a
    /// combining mark ("đươ ng", "sa ch"): a lower-case word without a
    /// vowel (no Vietnamese syllable lacks one) right after a word ending
    /// in a vowel is joined to it when the archive knows the joined
    /// syllable. Abbreviations (upper case), units after numbers ("5 km")
    /// and joins the archive never writes are left alone.
    fn join_fragments(&self, words: &[&str]) -> Vec<String> {
        let is_vowel = |c: char| "aeiouy".contains(c);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for w in words {
            let fragment = !w.is_empty()
                && w.chars().all(|c| c.is_ascii_lowercase())
                && !w.chars().any(is_vowel);
            if fragment
                && let Some(s) = self.syllables
                && let Some(prev) = out.last_mut()
                && let [last] = folded_tokens(prev).as_slice()
                && last.ends_with(is_vowel)
                && !s.variants(&format!("{last}{w}")).is_empty()
            {
                prev.push_str(w);
                continue;
            }
            out.push((*w).to_string());
        }
        out
    }

    /// Free words next to each other: each must match (in the title or the
    /// body); standing together, in order, scores on top. Read together:
    /// when none has diacritics, each word's likely forms come from its
    /// neighbours.
    fn run(&self, words: &[&str], clauses: &mut Vec<(Occur, Box<dyn Query>)>) {
        let folded: Vec<Vec<String>> = words.iter().map(|w| folded_tokens(w)).collect();
        let written = words.iter().any(|w| has_diacritics(w));
        let all: Vec<String> = folded.iter().flatten().cloned().collect();
        let reading = if written {
            None
        } else {
            self.syllables
                .filter(|_| !all.is_empty())
                .map(|s| super::restore::read(s, &all))
        };
        let mut at = 0;
        for (w, toks) in words.iter().zip(&folded) {
            let forms = match (&reading, written) {
                (_, true) => Forms::Written,
                (Some(r), _) => Forms::Read(r.forms[at..at + toks.len()].to_vec()),
                (None, _) => Forms::FoldedOnly,
            };
            at += toks.len();
            clauses.push((Occur::Must, self.text(TextField::Any, w, false, &forms)));
        }
        if all.len() < 2 {
            return;
        }
        let w = self.w;
        let exact: Option<Vec<String>> = if written {
            Some(words.iter().flat_map(|w| exact_tokens(w)).collect())
        } else {
            reading.map(|r| r.best)
        };
        let f = self.f;
        let mut add = |field: Field, toks: &[String], slop: u32, boost: f32| {
            if boost > 0.0
                && let Some(q) = text_query(field, toks, slop)
            {
                clauses.push((Occur::Should, boosted(q, boost)));
            }
        };
        add(f.title_f, &all, 0, w.phrase_title);
        add(f.body_f, &all, 0, w.phrase_body);
        add(f.title_f, &all, w.slop, w.near_title);
        add(f.body_f, &all, w.slop, w.near_body);
        if let Some(x) = &exact {
            add(f.title, x, 0, w.phrase_title * w.phrase_exact);
            add(f.body, x, 0, w.phrase_body * w.phrase_exact);
        }
        if all.len() > 2 {
            for pair in all.windows(2) {
                add(f.title_f, pair, 0, w.pairs_title);
            }
        }
    }

    /// One text: its folded form (unless `exact`) and its written or read
    /// forms, in the fields `field` searches.
    fn text(&self, field: TextField, text: &str, exact: bool, forms: &Forms) -> Box<dyn Query> {
        let f = self.f;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if field == TextField::Id {
            should.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.id, text),
                    IndexRecordOption::Basic,
                )),
            ));
        } else {
            let written = exact_tokens(text);
            let folded = folded_tokens(text);
            let e = self.w.exact;
            for (ef, ff, boost) in text_fields(f, self.w, field) {
                if exact {
                    if let Some(q) = text_query(ef, &written, 0) {
                        should.push((Occur::Should, boosted(q, boost)));
                    }
                    continue;
                }
                if let Some(q) = text_query(ff, &folded, 0) {
                    should.push((Occur::Should, boosted(q, boost)));
                }
                match forms {
                    Forms::Written => {
                        if let Some(q) = text_query(ef, &written, 0) {
                            should.push((Occur::Should, boosted(q, boost * e)));
                        }
                    }
                    Forms::Read(read) if read.len() == 1 => {
                        for (form, p) in &read[0] {
                            if *p >= self.w.min_form {
                                let q = Box::new(TermQuery::new(
                                    Term::from_field_text(ef, form),
                                    IndexRecordOption::WithFreqs,
                                ));
                                should.push((Occur::Should, boosted(q, boost * e * p)));
                            }
                        }
                    }
                    Forms::Read(read) => {
                        // A word of several syllables: its likeliest reading.
                        let best: Vec<String> = read
                            .iter()
                            .filter_map(|v| v.first().map(|x| x.0.clone()))
                            .collect();
                        let p = read
                            .iter()
                            .filter_map(|v| v.first().map(|x| x.1))
                            .fold(1.0f32, f32::min);
                        if p >= self.w.min_form
                            && let Some(q) = text_query(ef, &best, 0)
                        {
                            should.push((Occur::Should, boosted(q, boost * e * p)));
                        }
                    }
                    Forms::FoldedOnly => {}
                }
            }
            // A directive number or key as one keyword (`01-CT/TW`).
            let symbol = text
                .chars()
                .any(|c| !analyzer::is_token_char(c) && !c.is_whitespace())
                && written.len() > 1;
            if field == TextField::Directive || (field == TextField::Any && symbol) {
                should.push((
                    Occur::Should,
                    boosted(
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.directive, &analyzer::keyword(text.trim())),
                            IndexRecordOption::Basic,
                        )),
                        3.0,
                    ),
                ));
            }
        }
        if should.is_empty() {
            // Nothing searchable in it (punctuation only): no constraint.
            return Box::new(AllQuery);
        }
        Box::new(BooleanQuery::new(should))
    }
}

/// A query matching nothing (for callers that need a placeholder).
pub fn nothing() -> Box<dyn Query> {
    Box::new(EmptyQuery)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(field: TextField, t: &str, phrase: bool) -> Node {
        Node::Text {
            field,
            text: t.into(),
            exact: phrase && has_diacritics(t),
            phrase,
        }
    }

    #[test]
    fn parses_operators_and_fields() {
        let n = parse(r#"Chỉ thị OR person:"Nguyễn Thanh Hải" NOT org:UBND"#).unwrap();
        assert_eq!(
            n,
            Node::Or(vec![
                Node::And(vec![
                    text(TextField::Any, "Chỉ", false),
                    text(TextField::Any, "thị", false)
                ]),
                Node::And(vec![
                    text(TextField::Person, "Nguyễn Thanh Hải", true),
                    Node::Not(Box::new(text(TextField::Org, "UBND", false))),
                ]),
            ])
        );
        assert_eq!(
            parse("-a AND (b OR title:c)").unwrap(),
            Node::And(vec![
                Node::Not(Box::new(text(TextField::Any, "a", false))),
                Node::Or(vec![
                    text(TextField::Any, "b", false),
                    text(TextField::Title, "c", false)
                ]),
            ])
        );
        // Not a field: a colon inside ordinary text.
        assert_eq!(
            parse("Lưu ý: x").unwrap(),
            Node::And(vec![
                text(TextField::Any, "Lưu", false),
                text(TextField::Any, "ý:", false),
                text(TextField::Any, "x", false),
            ])
        );
    }

    #[test]
    fn single_words() {
        for q in ["nhũng", "person:Hải", "\"Hải\"", "01"] {
            assert!(parse(q).unwrap().is_single_word(), "{q}");
        }
        for q in [
            "thiên tai",
            "\"thiên tai\"",
            "01-CT/TW",
            "id:x",
            "a OR b",
            "-a",
        ] {
            assert!(!parse(q).unwrap().is_single_word(), "{q}");
        }
    }

    #[test]
    fn date_ranges() {
        let d = |s| parse_date_span(s).unwrap();
        assert_eq!(
            parse("date:[2021-01-01 TO 2021-06-30]").unwrap(),
            Node::Dates {
                field: DateField::Date,
                from: Some(d("2021-01-01").0),
                to: Some(d("2021-06-30").0)
            }
        );
        assert_eq!(
            parse("deadline:<2021-07-01").unwrap(),
            Node::Dates {
                field: DateField::Deadline,
                from: None,
                to: Some(d("2021-07-01").0 - 1)
            }
        );
        assert_eq!(
            parse_date_span("2021-02"),
            Some((d("2021-02-01").0, d("2021-02-28").0))
        );
        assert_eq!(parse_date_span("30/6/2021"), Some(d("2021-06-30")));
    }

    #[test]
    fn errors_name_the_column() {
        for (q, col) in [
            ("\"Chỉ thị", 1),
            ("(a OR b", 1),
            ("a OR", 3),
            ("a )", 3),
            ("date:[2021 TO x]", 15),
            ("date:2021-13", 6),
            ("deadline:", 10),
            ("persn:Hai", 1),
            ("AND a", 1),
            ("a NOT", 3),
            ("date:[2021-06 TO 2021-01]", 6),
            ("()", 2),
            ("", 1),
        ] {
            let e = parse(q).unwrap_err();
            assert_eq!(e.column, col, "{q}: {e}");
        }
    }
}
