//! Sentence splitting.
//!
//! A sentence ends
//! - at every line break (`\n`, or `\r` in text that was not normalized),
//!   always;
//! - after `.`, `!`, `?`, `...` or `…` (a run of them, plus any closing quotes
//!   or brackets right after: `nói: "Tốt." Sau` splits after the quote) that
//!   is followed by whitespace or the end of the text,
//!
//! except when
//! - the next word starts with a lower-case letter (`... và`, `v.v. và`);
//! - the period ends an abbreviation (`TP.`, `PGS.TS.`, `Q.`: list in
//!   `data/lexicons/abbreviations.txt`);
//! - the period ends a list marker that opens the sentence (`1.`, `a.`, `II.`);
//! - the terminators stand in brackets: `(...)`, `[...]`, `(?)`.
//!
//! A period not followed by whitespace never ends a sentence, so numbers
//! (`1.000.000`, `9.3.2021`, `3.5%`), dotted chains (`PGS.TS.`) and web
//! addresses stay whole.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static ABBREVIATIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::extract::lexicon::parse(include_str!("../../data/lexicons/abbreviations.txt"))
        .into_iter()
        .filter_map(|e| e.into_iter().next())
        .map(|a| a.trim_end_matches('.').to_string())
        .filter(|a| !a.is_empty())
        .collect()
});

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›')
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹')
}

/// `word` (the text before a period, back to whitespace) is a listed
/// abbreviation, or a dotted chain ending in one.
fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(is_opener);
    if word.is_empty() {
        return false;
    }
    let set = &*ABBREVIATIONS;
    set.contains(word)
        || word
            .rsplit('.')
            .next()
            .is_some_and(|last| set.contains(last))
}

/// A list marker: digits (`1`, `1.2`), a single letter, or a short Roman
/// numeral.
fn is_enumerator(word: &str) -> bool {
    !word.is_empty()
        && (word.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !word.starts_with('.')
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
            || (word.len() <= 5 && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))))
}

/// Longest sentence, in bytes (about 200 syllables; the sample reports'
/// longest is under 600). A longer run without a sentence end (a text
/// without full stops, a 50 MB line) is cut at the last whitespace before
/// the bound, or at the bound when there is none, so all the work done per
/// sentence and clause downstream is bounded and the whole run is linear
/// in the text, whatever its shape.
pub const MAX_SENTENCE_BYTES: usize = 1024;

/// Push `range` trimmed of whitespace, unless empty, cut into pieces of at
/// most [`MAX_SENTENCE_BYTES`].
fn push(text: &str, out: &mut Vec<Range<usize>>, mut start: usize, end: usize) {
    while end - start > MAX_SENTENCE_BYTES {
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let limit = floor(start + MAX_SENTENCE_BYTES);
        let half = floor(start + MAX_SENTENCE_BYTES / 2);
        let cut = match text[half..limit].rfind(char::is_whitespace) {
            Some(ws) => half + ws,
            None => limit,
        };
        push_one(text, out, start, cut);
        start = cut;
    }
    push_one(text, out, start, end);
}

fn push_one(text: &str, out: &mut Vec<Range<usize>>, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

/// Does the terminator run `text[at..term_end]`, with closers up to `after`,
/// end the sentence that began at `start`? `after` is followed by whitespace.
fn ends_sentence(text: &str, start: usize, at: usize, term_end: usize, after: usize) -> bool {
    let rest = &text[after..];
    let next = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
    let Some(n) = next.chars().next() else {
        return true;
    };
    if n == '\n' || n == '\r' {
        return true;
    }
    // An omission or query mark in brackets, "(...)", "[...]", "(?)", is
    // inside the sentence.
    if text[..at].ends_with(['(', '[']) {
        return false;
    }
    // A quote or bracket opening the next sentence: look at what it holds.
    let first = next
        .trim_start_matches(is_opener)
        .chars()
        .next()
        .unwrap_or(n);
    if first.is_lowercase() {
        return false;
    }
    // Abbreviations and list markers: a single period, nothing after it.
    if term_end == after && &text[at..term_end] == "." {
        let before = &text[start..at];
        let word_start = before.rfind(char::is_whitespace).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &before[word_start..];
        if is_abbreviation(word) {
            return false;
        }
        if before[..word_start].trim().is_empty() && is_enumerator(word) {
            return false;
        }
    }
    true
}

/// Sentence byte ranges of `text`, in order, trimmed, non-overlapping.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_term = matches!(b, b'.' | b'!' | b'?') || (b == 0xE2 && text[i..].starts_with('…'));
        if b == b'\n' || b == b'\r' {
            push(text, &mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if !is_term {
            i += 1;
            continue;
        }
        // The run of terminators, then closing quotes/brackets.
        let mut j = i;
        while let Some(c) = text[j..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | '!' | '?' | '…'))
        {
            j += c.len_utf8();
        }
        let term_end = j;
        while let Some(c) = text[j..].chars().next().filter(|&c| is_closer(c)) {
            j += c.len_utf8();
        }
        let followed_by_space = text[j..].chars().next().is_none_or(char::is_whitespace);
        if followed_by_space && ends_sentence(text, start, i, term_end, j) {
            push(text, &mut out, start, j);
            start = j;
        }
        i = j.max(i + 1);
    }
    push(text, &mut out, start, bytes.len());
    out
}
