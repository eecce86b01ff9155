//! Case folding that keeps byte offsets, for literal trigger search in
//! place of case-insensitive (`(?i)`) regexes.
//!
//! [`fold_char`] maps a character to the one `(?i)` treats it as when that
//! keeps its UTF-8 length and is unambiguous; characters for which it is not
//! (the Kelvin sign, long s, ß, non-ASCII spaces, …) are *irregular*
//! (`None`), and callers then fall back to the regexes. The test below checks
//! against the regex crate itself that, for every character and every letter
//! of the lexicons, `fold_char(c) == Some(p)` exactly when `(?i)p` matches `c`
//! (or `c` is irregular).

use crate::extract::words::word_boundary;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;
use std::sync::LazyLock;

/// The lower-case character `(?i)` identifies `c` with, `' '` for ASCII
/// whitespace, or `None` when `c` is irregular (see the module doc).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(if c.is_ascii_whitespace() || c == '\u{0B}' {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
    }
    if c.is_whitespace() {
        return None;
    }
    let mut lower = c.to_lowercase();
    let l = lower.next()?;
    if lower.next().is_some() || l.len_utf8() != c.len_utf8() {
        return None;
    }
    let mut upper = l.to_uppercase();
    let u = upper.next()?;
    if upper.next().is_some() {
        return None;
    }
    let mut back = u.to_lowercase();
    (back.next() == Some(l) && back.next().is_none()).then_some(l)
}

/// `text` folded character by character ([`fold_char`]), with the same byte
/// offsets; `None` when `text` holds an irregular character.
pub fn fold(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii() {
            out.push(if x.is_ascii_whitespace() || x == 0x0B {
                b' '
            } else {
                x.to_ascii_lowercase()
            });
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let f = match FOLD_TABLE.get(c as usize) {
            Some(&NONE) => return None,
            Some(&f) => char::from_u32(f).expect("a char"),
            None => fold_char(c)?,
        };
        let mut buf = [0; 4];
        out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
        i += c.len_utf8();
    }
    Some(String::from_utf8(out).expect("folding keeps UTF-8"))
}

/// [`fold_char`] of the characters below U+2000 (Latin, Vietnamese), cached.
const FOLD_TABLE_LEN: usize = 0x2000;
const NONE: u32 = u32::MAX;
static FOLD_TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    (0..FOLD_TABLE_LEN as u32)
        .map(|u| {
            char::from_u32(u)
                .and_then(fold_char)
                .map_or(NONE, |c| c as u32)
        })
        .collect()
});

/// Case-insensitive phrases (lower case, one space between words) matched on
/// folded text as the regex `(?i)\b(?:p1|p2|…)\b` would, each space standing
/// for `\s+`, the alternatives tried in the given order.
pub struct Phrases {
    /// The phrases' first words: where a match can start.
    first_words: AhoCorasick,
    phrases: Vec<Vec<u8>>,
    /// Indices into `phrases` by first byte.
    by_first: Vec<Vec<u32>>,
    /// Whether `\b` is required after the phrase.
    end_boundary: bool,
}

impl Phrases {
    pub fn new(phrases: &[String], end_boundary: bool) -> Phrases {
        let mut by_first = vec![Vec::new(); 256];
        let phrases: Vec<Vec<u8>> = phrases.iter().map(|p| p.as_bytes().to_vec()).collect();
        for (i, p) in phrases.iter().enumerate() {
            // the phrase's characters must be their own fold
            assert_eq!(
                fold(std::str::from_utf8(p).expect("utf-8"))
                    .as_deref()
                    .map(str::as_bytes),
                Some(&p[..]),
                "phrase not folded"
            );
            by_first[p[0] as usize].push(i as u32);
        }
        let mut words: Vec<&[u8]> = phrases
            .iter()
            .map(|p| p.split(|&b| b == b' ').next().expect("a word"))
            .collect();
        words.sort_unstable();
        words.dedup();
        let first_words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("phrase words");
        Phrases {
            first_words,
            phrases,
            by_first,
            end_boundary,
        }
    }

    /// Match of phrase `i` at `at` of `folded`: its end, a space standing for
    /// one or more spaces.
    fn match_one(&self, folded: &[u8], at: usize, i: usize) -> Option<usize> {
        let mut j = at;
        for &b in &self.phrases[i] {
            if b == b' ' {
                if folded.get(j) != Some(&b' ') {
                    return None;
                }
                while folded.get(j) == Some(&b' ') {
                    j += 1;
                }
                continue;
            }
            if folded.get(j) != Some(&b) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The phrase matching at `at` (`\b` before it, and after it when
    /// required), the first in order: (index, end).
    pub fn at(&self, text: &str, folded: &str, at: usize) -> Option<(usize, usize)> {
        let fb = folded.as_bytes();
        let cands = &self.by_first[*fb.get(at)? as usize];
        let hit = cands.iter().find_map(|&i| {
            let end = self.match_one(fb, at, i as usize)?;
            (!self.end_boundary || word_boundary(text, end)).then_some((i as usize, end))
        })?;
        word_boundary(text, at).then_some(hit)
    }
}

impl Phrases {
    /// Every match, overlapping ones included: one per start, the first
    /// phrase in order.
    pub fn all<'a>(
        &'a self,
        text: &'a str,
        folded: &'a str,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        // A match starts with a first word at a word boundary; a first word
        // found inside another (non-overlapping search) follows a letter, so
        // it has no boundary and no start is missed.
        self.first_words.find_iter(folded).filter_map(move |w| {
            self.at(text, folded, w.start())
                .map(|(_, end)| w.start()..end)
        })
    }

    /// Non-overlapping matches, leftmost first, as `find_iter` of the regex
    /// `(?i)\b(?:p1|p2|…)\b` gives them.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
        folded: &'a str,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut pos = 0;
        self.all(text, folded).filter(move |m| {
            let keep = m.start >= pos;
            if keep {
                pos = m.end;
            }
            keep
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the lexicons' phrases use.
    fn alphabet() -> Vec<char> {
        let mut v: Vec<char> = [
            include_str!("../../../data/lexicons/event_kinds.txt"),
            include_str!("../../../data/lexicons/event_cues.txt"),
            "trước nhất là vào trong chót hết đến hạn thành từ giờ phút ngày còn có gồm",
        ]
        .iter()
        .flat_map(|s| {
            crate::normalize::normalize(s)
                .to_lowercase()
                .chars()
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_whitespace() && !"#|".contains(*c))
        .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn fold_agrees_with_regex_case_insensitivity() {
        let letters = alphabet();
        let class: String = letters
            .iter()
            .map(|c| regex::escape(&c.to_string()))
            .collect();
        let any = regex::Regex::new(&format!("(?i)^[{class}]$")).unwrap();
        let each: Vec<regex::Regex> = letters
            .iter()
            .map(|c| {
                regex::Regex::new(&format!("(?i)^{}$", regex::escape(&c.to_string()))).unwrap()
            })
            .collect();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let f = fold_char(c);
            let s = c.to_string();
            if any.is_match(&s) {
                for (p, re) in letters.iter().zip(&each) {
                    if re.is_match(&s) {
                        assert!(f.is_none() || f == Some(*p), "{c:?} {p:?} {f:?}");
                    }
                }
            }
            if let Some(f) = f
                && let Some(i) = letters.iter().position(|&p| p == f)
            {
                assert!(each[i].is_match(&s), "{c:?} folds to {f:?}");
            }
            if let Some(f) = f {
                assert_eq!(f.len_utf8(), c.len_utf8());
            }
        }
    }

    #[test]
    fn phrases_follow_alternation_order() {
        let p = Phrases::new(&["hội nghị".into(), "hội".into()], true);
        let t = "Xã Hội  nghị, hội nghịx";
        let f = fold(t).unwrap();
        let a = t.find("Hội").unwrap();
        let b = t.find("hội").unwrap();
        assert_eq!(p.at(t, &f, a), Some((0, t.find(',').unwrap())));
        assert_eq!(p.at(t, &f, b), Some((1, b + "hội".len())));
        assert_eq!(p.at(t, &f, 0), None);
        assert_eq!(p.at(t, &f, a + 1), None);
    }
}
