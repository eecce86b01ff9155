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
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
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
        // A run of ASCII, mapped through a table (most of a Vietnamese
        // text's bytes: spaces, digits, unmarked letters).
        let run = b[i..]
            .iter()
            .position(|&x| !x.is_ascii())
            .unwrap_or(b.len() - i);
        out.extend(b[i..i + run].iter().map(|&x| ASCII_FOLD[x as usize]));
        i += run;
        if i == b.len() {
            break;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let n = c.len_utf8();
        let f = match FOLD_TABLE.get(c as usize) {
            Some(&NONE) => return None,
            Some(&f) => f,
            None => fold_char(c)? as u32,
        };
        if f == c as u32 {
            // already folded (a lower-case letter): its own bytes
            out.extend_from_slice(&b[i..i + n]);
        } else {
            let mut buf = [0; 4];
            out.extend_from_slice(
                char::from_u32(f)
                    .expect("a char")
                    .encode_utf8(&mut buf)
                    .as_bytes(),
            );
        }
        i += n;
    }
    Some(String::from_utf8(out).expect("folding keeps UTF-8"))
}

/// [`fold_char`] of each ASCII byte: ASCII white space (and U+000B) to a
/// space, letters to lower case.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut x = 0u8;
    while x < 128 {
        t[x as usize] = if x.is_ascii_whitespace() || x == 0x0B {
            b' '
        } else {
            x.to_ascii_lowercase()
        };
        x += 1;
    }
    t
};

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

/// Several lists of case-insensitive phrases (lower case, one space between
/// words), found together in one pass over folded text: the phrase lexicon
/// of an extractor, each list the trigger of its rules.
///
/// A list matches at a place as the regex `(?i)\b(?:p1|p2|…)` would there,
/// followed by `\b` when the list asks for it, each space standing for
/// `\s+` and the alternatives tried in the given order. [`scan`] finds every
/// place where some list matches, so a rule verifies its full pattern only
/// there (anchored) instead of searching the whole text for it.
///
/// [`scan`]: PhraseMatcher::scan
pub struct PhraseMatcher {
    /// Every list's phrases' first words: where a match can start.
    first_words: AhoCorasick,
    lists: Vec<List>,
}

struct List {
    phrases: Vec<Vec<u8>>,
    /// Indices into `phrases` by first byte.
    by_first: Vec<Vec<u32>>,
    /// Whether `\b` is required after the phrase.
    end_boundary: bool,
}

/// A match of list `list` over `start..end` (its first phrase in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub list: usize,
    pub start: usize,
    pub end: usize,
}

impl Hit {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl List {
    fn new(phrases: &[String], end_boundary: bool) -> List {
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
        List {
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

    /// The end of the first phrase in order matching at `at` (`\b` before
    /// `at` is the caller's).
    fn at(&self, text: &str, folded: &[u8], at: usize) -> Option<usize> {
        let cands = &self.by_first[*folded.get(at)? as usize];
        cands.iter().find_map(|&i| {
            let end = self.match_one(folded, at, i as usize)?;
            (!self.end_boundary || word_boundary(text, end)).then_some(end)
        })
    }
}

impl PhraseMatcher {
    /// The matcher of `lists`: phrases in the order an alternation tries
    /// them, and whether `\b` must follow. Every first word is made of
    /// word characters (letters): the scan relies on it.
    pub fn new(lists: &[(Vec<String>, bool)]) -> PhraseMatcher {
        let lists: Vec<List> = lists.iter().map(|(p, b)| List::new(p, *b)).collect();
        let mut words: Vec<&[u8]> = lists
            .iter()
            .flat_map(|l| &l.phrases)
            .map(|p| p.split(|&b| b == b' ').next().expect("a word"))
            .collect();
        for w in &words {
            let w = std::str::from_utf8(w).expect("utf-8");
            assert!(
                w.chars().all(char::is_alphabetic),
                "first word {w:?} is not all letters"
            );
        }
        words.sort_unstable();
        words.dedup();
        // a DFA: the fastest search, and the words are few
        let first_words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("phrase words");
        PhraseMatcher { first_words, lists }
    }

    /// List `list`'s match at `at` of `text` (`folded` its fold), `\b`
    /// before it: its end.
    #[cfg(test)]
    fn at(&self, list: usize, text: &str, folded: &str, at: usize) -> Option<usize> {
        let end = self.lists[list].at(text, folded.as_bytes(), at)?;
        word_boundary(text, at).then_some(end)
    }

    /// Every match of every list in `text` (`folded`: its fold, same
    /// offsets), by start (at one start, by list): overlapping matches
    /// included, one per list and start.
    pub fn scan(&self, text: &str, folded: &str) -> Vec<Hit> {
        let fb = folded.as_bytes();
        let mut out = Vec::new();
        // A match starts with a first word at a word boundary; a first word
        // found inside another (non-overlapping search) follows a word
        // character, so it has no boundary and no start is missed.
        for w in self.first_words.find_iter(folded) {
            let start = w.start();
            if !word_boundary(text, start) {
                continue;
            }
            for (list, l) in self.lists.iter().enumerate() {
                if let Some(end) = l.at(text, fb, start) {
                    out.push(Hit { list, start, end });
                }
            }
        }
        out
    }

    /// The first match of list `list` in `text`, as the regex's `find`.
    pub fn find(&self, list: usize, text: &str, folded: &str) -> Option<Range<usize>> {
        self.scan(text, folded)
            .into_iter()
            .find(|h| h.list == list)
            .map(|h| h.range())
    }
}

/// The matches of list `list` among `hits` (by start) that do not overlap,
/// leftmost first, as `find_iter` of the list's regex gives them; `extend`
/// gives a match's end from its phrase's end (a pattern's tail after it).
pub fn leftmost(
    hits: &[Hit],
    list: usize,
    mut extend: impl FnMut(usize) -> usize,
) -> Vec<Range<usize>> {
    let mut pos = 0;
    let mut out = Vec::new();
    for h in hits.iter().filter(|h| h.list == list) {
        if h.start < pos {
            continue;
        }
        let end = extend(h.end);
        out.push(h.start..end);
        pos = end;
    }
    out
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

    /// `fold` (ASCII runs through a table, folded letters copied) is
    /// `fold_char` of each character, and `None` on an irregular one.
    #[test]
    fn fold_is_fold_char_of_each_character() {
        let by_char = |t: &str| -> Option<String> { t.chars().map(fold_char).collect() };
        for t in [
            "",
            "Sáng 3/4, UBND TỈNH Quảng Ngãi\thọp\r\nvới Sở Y tế;\u{0B}ĐỒNG CHÍ Lê Văn Á.",
            "ĐĂNG KÝ – “Hội nghị” Ủy ban ÂU Ế Ổ ƯỚC ỹ",
            "Αθήνα Москва",
            "Kelvin \u{212A} sign",
            "non-breaking\u{a0}space",
        ] {
            assert_eq!(fold(t), by_char(t), "{t:?}");
        }
        assert_eq!(fold("ĐÀ NẴNG").as_deref(), Some("đà nẵng"));
        assert_eq!(fold("\u{212A}"), None);
    }

    #[test]
    fn phrases_follow_alternation_order() {
        let p = PhraseMatcher::new(&[
            (vec!["hội nghị".into(), "hội".into()], true),
            (vec!["hội".into()], false),
        ]);
        let t = "Xã Hội  nghị, hội nghịx";
        let f = fold(t).unwrap();
        let a = t.find("Hội").unwrap();
        let b = t.find("hội").unwrap();
        assert_eq!(p.at(0, t, &f, a), Some(t.find(',').unwrap()));
        assert_eq!(p.at(0, t, &f, b), Some(b + "hội".len()));
        assert_eq!(p.at(0, t, &f, 0), None);
        assert_eq!(p.at(0, t, &f, a + 1), None);
        assert_eq!(
            p.scan(t, &f),
            vec![
                Hit {
                    list: 0,
                    start: a,
                    end: t.find(',').unwrap()
                },
                Hit {
                    list: 1,
                    start: a,
                    end: a + "Hội".len()
                },
                Hit {
                    list: 0,
                    start: b,
                    end: b + "hội".len()
                },
                Hit {
                    list: 1,
                    start: b,
                    end: b + "hội".len()
                },
            ]
        );
        // "hội nghịx": list 0 has no \b after either phrase but "hội"
        assert_eq!(leftmost(&p.scan(t, &f), 0, |e| e).len(), 2);
    }

    /// The matcher finds what the regex `(?i)\b(?:…)\b` finds, with the
    /// matches of every list from one scan.
    #[test]
    fn matcher_agrees_with_regex() {
        let lists: Vec<(Vec<String>, bool)> = vec![
            (
                [
                    "thông báo kết luận",
                    "chỉ thị",
                    "kế hoạch",
                    "kết luận",
                    "thông báo",
                    "kế",
                ]
                .map(str::to_string)
                .to_vec(),
                true,
            ),
            (vec!["số".to_string()], false),
        ];
        let p = PhraseMatcher::new(&lists);
        let re = regex::Regex::new(&format!(
            r"(?i)\b(?:{})\b",
            lists[0]
                .0
                .iter()
                .map(|w| regex::escape(w).replace(' ', r"\s+"))
                .collect::<Vec<_>>()
                .join("|")
        ))
        .unwrap();
        let so = regex::Regex::new(r"(?i)\bsố").unwrap();
        for text in [
            "Chỉ thị số 05, CHỈ THỊ, chỉ  thị, Chỉ\n\tthị, xChỉ thị, Chỉ thịx, Chỉ thị_",
            "Kế hoạch và kế hoạch; kế, kết luận, Thông báo kết luận; Thông báo kết",
            "Số: 1, SỐ 2, xsố, số1, kế\u{b}hoạch, Thông  báo\rkết luận",
            "",
            "kế",
            "ké kế",
        ] {
            let f = fold(text).unwrap();
            let hits = p.scan(text, &f);
            let a: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(leftmost(&hits, 0, |e| e), a, "{text}");
            let a: Vec<_> = so.find_iter(text).map(|m| m.start()).collect();
            let b: Vec<_> = hits
                .iter()
                .filter(|h| h.list == 1)
                .map(|h| h.start)
                .collect();
            assert_eq!(a, b, "{text}");
        }
    }
}
