//! [`WordAlternation`]: the matches of the regex `(?i)\b(?:w1|w2|…)\b` over
//! a list of words (a space inside a word standing for `\s+`), found without
//! scanning the text with that regex.
//!
//! Aho-Corasick finds every case variant of the words' first parts (up to
//! the first space); at each such place the words are compared in the
//! regex's order, a character matching when the regex's own `(?i)` class
//! for it (simple case folding, from regex-syntax) contains it, and `\b`
//! tested with regex-automata's own Unicode word-boundary test. The matches
//! are exactly the regex's (leftmost-first, non-overlapping): a match of the
//! regex starts with a case variant of some word's first part, so every
//! match start is a candidate, and candidates are tried from left to right.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use regex_automata::util::look::LookMatcher;
use regex_syntax::hir::{Class, HirKind};
use std::ops::Range;
use std::sync::LazyLock;

/// Characters as inclusive ranges, as regex-syntax gives its classes.
type CharClass = Vec<(char, char)>;

/// One element of a word: a character (any case variant) or `\s+`.
enum Unit {
    Char(CharClass),
    Spaces,
}

pub struct WordAlternation {
    /// Every case variant of every word's first part.
    first: AhoCorasick,
    /// The words, in the regex's alternation order.
    words: Vec<Vec<Unit>>,
    /// `\s`.
    space: CharClass,
}

static LOOK: LazyLock<LookMatcher> = LazyLock::new(LookMatcher::new);

/// Whether a Unicode word boundary (`\b`) holds at byte `at` of `text`.
#[inline]
pub fn word_boundary(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let ascii_word = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    // ASCII neighbours decide without the Unicode tables
    match (at.checked_sub(1).map(|i| b[i]), b.get(at)) {
        (Some(p), Some(&n)) if p.is_ascii() && n.is_ascii() => ascii_word(p) != ascii_word(n),
        _ => LOOK
            .is_word_unicode(b, at)
            .expect("Unicode word boundary data is compiled in"),
    }
}

/// The characters the regex `pattern` (one character or class) matches.
fn class(pattern: &str) -> CharClass {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("bad class {pattern}: {e}"));
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        HirKind::Literal(lit) => {
            let c = std::str::from_utf8(&lit.0)
                .ok()
                .and_then(|s| s.chars().next())
                .expect("one character");
            vec![(c, c)]
        }
        k => panic!("{pattern} is not a character class: {k:?}"),
    }
}

fn contains(class: &CharClass, c: char) -> bool {
    class.iter().any(|&(a, b)| a <= c && c <= b)
}

fn members(class: &CharClass) -> Vec<char> {
    let chars: Vec<char> = class.iter().flat_map(|&(a, b)| a..=b).collect();
    assert!(chars.len() <= 8, "too many case variants");
    chars
}

impl WordAlternation {
    /// The matcher for `(?i)\b(?:words[0]|words[1]|…)\b`, each space as `\s+`.
    pub fn new(words: &[String]) -> WordAlternation {
        let space = class(r"\s");
        let mut variants: Vec<String> = Vec::new();
        let mut units = Vec::new();
        for w in words {
            assert!(
                !w.is_empty() && !w.starts_with(' ') && !w.ends_with(' ') && !w.contains("  "),
                "word {w:?}: spaces only single and inside"
            );
            let u: Vec<Unit> = w
                .chars()
                .map(|c| match c {
                    ' ' => Unit::Spaces,
                    c => {
                        let cl = class(&format!("(?i){}", regex::escape(&c.to_string())));
                        // greedy `\s+` is only exact when what follows is never a space
                        assert!(members(&cl).iter().all(|&m| !contains(&space, m)));
                        Unit::Char(cl)
                    }
                })
                .collect();
            let mut first = vec![String::new()];
            for unit in &u {
                let Unit::Char(cl) = unit else { break };
                first = first
                    .iter()
                    .flat_map(|p| members(cl).into_iter().map(move |c| format!("{p}{c}")))
                    .collect();
            }
            variants.extend(first);
            units.push(u);
        }
        variants.sort();
        variants.dedup();
        let first = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&variants)
            .expect("aho-corasick");
        WordAlternation {
            first,
            words: units,
            space,
        }
    }

    /// The end of the first word matching at `start`, `\b` on both sides.
    fn match_at(&self, text: &str, start: usize) -> Option<usize> {
        if !word_boundary(text, start) {
            return None;
        }
        'words: for w in &self.words {
            let mut i = start;
            for unit in w {
                match unit {
                    Unit::Char(cl) => match text[i..].chars().next() {
                        Some(c) if contains(cl, c) => i += c.len_utf8(),
                        _ => continue 'words,
                    },
                    Unit::Spaces => {
                        let n: usize = text[i..]
                            .chars()
                            .take_while(|&c| contains(&self.space, c))
                            .map(char::len_utf8)
                            .sum();
                        if n == 0 {
                            continue 'words;
                        }
                        i += n;
                    }
                }
            }
            if word_boundary(text, i) {
                return Some(i);
            }
        }
        None
    }

    /// The matches, left to right, never overlapping.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos < text.len() {
                let m = self.first.find(Input::new(text).span(pos..text.len()))?;
                if let Some(end) = self.match_at(text, m.start()) {
                    pos = end;
                    return Some(m.start()..end);
                }
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<String> {
        [
            "thông báo kết luận",
            "chỉ thị",
            "kế hoạch",
            "kết luận",
            "thông báo",
            "kế",
            "đề án",
        ]
        .map(str::to_string)
        .to_vec()
    }

    #[test]
    fn agrees_with_regex() {
        let w = words();
        let alt: Vec<String> = w
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        let re = regex::Regex::new(&format!(r"(?i)\b(?:{})\b", alt.join("|"))).unwrap();
        let wa = WordAlternation::new(&w);
        for text in [
            "Chỉ thị số 05, CHỈ THỊ, chỉ  thị, Chỉ\n\tthị, xChỉ thị, Chỉ thịx, Chỉ thị_",
            "\u{212A}ế hoạch và Kế hoạch; kế, kết luận, Thông báo kết luận; Thông báo kết",
            "(Đề án) ĐỀ ÁN, đề ánh, 1Kế, Kế1, kế\u{a0}hoạch, Thông  báo\u{2003}kết luận",
            "",
            "kế",
            "ké kế",
        ] {
            let a: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            let b: Vec<_> = wa.find_iter(text).collect();
            assert_eq!(a, b, "{text}");
        }
    }
}
