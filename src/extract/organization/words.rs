//! Words of a text and phrase lookup, shared by the organisation, location,
//! title and person extractors.
//!
//! Speed matters here: every extractor looks up several lexicons at every
//! word. So a text is split once (the last text's words are kept per
//! thread, see [`tokens`]), each word carries a hash of its form as written
//! and of its lower-case form plus its capitalisation, and a phrase lookup
//! is a hash probe on the first word; strings are compared only on a hit.
//! Nothing is allocated per word.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

/// A word of the text: `[s, e)` byte offsets, the hashes ([`hash_word`]) of
/// the word as written (`h`) and of its `to_lowercase()` (`hf`), and its
/// shape: [`is_cap`] (`cap`) and [`is_all_caps`] (`caps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub h: u64,
    pub hf: u64,
    pub cap: bool,
    pub caps: bool,
}

const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
/// Characters below this have their classes and lower case in a table
/// (Latin, Vietnamese, Greek, Cyrillic); others ask `char`'s methods.
const TABLE: usize = 0x2000;
/// `lower` entry: the lower case is not one character of the table's range.
const NO_LOWER: u16 = u16::MAX;

struct CharTable {
    class: Vec<u8>,
    lower: Vec<u16>,
}

static CHARS: LazyLock<CharTable> = LazyLock::new(|| {
    let mut class = vec![0u8; TABLE];
    let mut lower = vec![NO_LOWER; TABLE];
    for u in 0..TABLE as u32 {
        let Some(c) = char::from_u32(u) else { continue };
        class[u as usize] = class_of(c);
        let mut l = c.to_lowercase();
        if let (Some(x), None) = (l.next(), l.next())
            && (x as u32) < u32::from(NO_LOWER)
        {
            lower[u as usize] = x as u16;
        }
    }
    CharTable { class, lower }
});

fn class_of(c: char) -> u8 {
    (c.is_alphanumeric() as u8) * ALNUM
        | (c.is_alphabetic() as u8) * ALPHA
        | (c.is_uppercase() as u8) * UPPER
}

impl CharTable {
    #[inline]
    fn class(&self, c: char) -> u8 {
        match self.class.get(c as usize) {
            Some(&k) => k,
            None => class_of(c),
        }
    }
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;

#[inline]
fn mix(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
}

#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A hash of `w`'s characters (the same for a word of the text and for a
/// lexicon entry with the same characters).
pub(crate) fn hash_word(w: &str) -> u64 {
    finish(w.chars().fold(SEED, mix))
}

/// `w.to_lowercase() == lower`, without allocating.
pub(crate) fn eq_fold(w: &str, lower: &str) -> bool {
    // `str::to_lowercase` writes a final sigma differently from
    // `char::to_lowercase`: let it decide.
    if w.contains('Σ') {
        return w.to_lowercase() == lower;
    }
    w.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// The character at byte `i` of `b` (valid UTF-8) and its length.
#[inline]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i] as u32;
    let (u, n) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xe0 {
        ((b0 & 0x1f) << 6 | (b[i + 1] as u32 & 0x3f), 2)
    } else if b0 < 0xf0 {
        (
            (b0 & 0x0f) << 12 | (b[i + 1] as u32 & 0x3f) << 6 | (b[i + 2] as u32 & 0x3f),
            3,
        )
    } else {
        (
            (b0 & 0x07) << 18
                | (b[i + 1] as u32 & 0x3f) << 12
                | (b[i + 2] as u32 & 0x3f) << 6
                | (b[i + 3] as u32 & 0x3f),
            4,
        )
    };
    (char::from_u32(u).unwrap_or('\u{fffd}'), n)
}

/// Split `text` into words: letters, digits, `&` and apostrophes, with `-`
/// and `.` kept inside a word when a letter or digit follows them
/// ("LĐ-TB&XH", "TP.HCM").
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let tab = &*CHARS;
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 6 + 1);
    // The word being read.
    let mut cur: Option<Tok> = None;
    let (mut h, mut hf, mut alpha, mut all_upper, mut sigma) = (SEED, SEED, 0usize, true, false);
    let mut i = 0;
    while i < b.len() {
        let (c, n) = decode(b, i);
        let k = tab.class(c);
        let word_char = k & ALNUM != 0 || matches!(c, '&' | '\'' | '’');
        let inner = !word_char
            && matches!(c, '-' | '.')
            && cur.is_some()
            && i + n < b.len()
            && tab.class(decode(b, i + n).0) & ALNUM != 0;
        if word_char || inner {
            if cur.is_none() {
                cur = Some(Tok {
                    s: i,
                    e: i,
                    h: 0,
                    hf: 0,
                    cap: k & UPPER != 0,
                    caps: false,
                });
                (h, hf, alpha, all_upper, sigma) = (SEED, SEED, 0, true, false);
            }
            h = mix(h, c);
            match tab.lower.get(c as usize) {
                Some(&l) if l != NO_LOWER => {
                    hf = mix(hf, char::from_u32(l as u32).unwrap_or(c));
                }
                _ => {
                    sigma |= c == 'Σ';
                    hf = c.to_lowercase().fold(hf, mix);
                }
            }
            if k & ALPHA != 0 {
                alpha += 1;
                all_upper &= k & UPPER != 0;
            }
        } else if let Some(mut t) = cur.take() {
            t.e = i;
            close(text, &mut t, h, hf, alpha, all_upper, sigma);
            toks.push(t);
        }
        i += n;
    }
    if let Some(mut t) = cur {
        t.e = text.len();
        close(text, &mut t, h, hf, alpha, all_upper, sigma);
        toks.push(t);
    }
    toks
}

fn close(text: &str, t: &mut Tok, h: u64, hf: u64, alpha: usize, up: bool, sigma: bool) {
    t.h = finish(h);
    t.hf = if sigma {
        hash_word(&text[t.s..t.e].to_lowercase())
    } else {
        finish(hf)
    };
    t.caps = alpha >= 2 && up;
}

thread_local! {
    /// The last text split on this thread and its words.
    static LAST: RefCell<(String, Rc<[Tok]>)> = RefCell::new((String::new(), Rc::from([])));
}

/// The words of `text` ([`tokenize`]); the four extractors that use them
/// run one after the other on the same text, so the last result is kept.
pub(crate) fn tokens(text: &str) -> Rc<[Tok]> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != text {
            last.1 = tokenize(text).into();
            last.0.clear();
            last.0.push_str(text);
        }
        last.1.clone()
    })
}

/// The text between word `i` and word `i + 1` ("" after the last one).
pub(crate) fn gap<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => &text[a.e..b.s],
        _ => "",
    }
}

/// True when the gap after word `i` is plain spaces on one line.
pub(crate) fn space_after(text: &str, toks: &[Tok], i: usize) -> bool {
    let g = gap(text, toks, i);
    g == " " || (!g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t'))
}

pub(crate) fn word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    &text[toks[i].s..toks[i].e]
}

/// First letter upper case ("Thái", "UBND", "Kđăm").
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| CHARS.class(c) & UPPER != 0)
}

/// Every letter upper case, at least two letters ("NGUYỄN").
pub(crate) fn is_all_caps(w: &str) -> bool {
    let tab = &*CHARS;
    let mut alpha = 0;
    for c in w.chars() {
        let k = tab.class(c);
        if k & ALPHA != 0 {
            if k & UPPER == 0 {
                return false;
            }
            alpha += 1;
        }
    }
    alpha >= 2
}

/// A phrase: its words (lower case when folding), their hashes, the gaps
/// between them (without white space) and its index in the lexicon.
struct Phrase {
    words: Vec<String>,
    hashes: Vec<u64>,
    gaps: Vec<String>,
    idx: usize,
}

/// A set of phrases matched word by word against the text's words; gaps
/// between words must match the phrase's own gaps (spaces, or the same
/// punctuation, as in "Văn hóa, Thể thao và Du lịch").
pub(crate) struct PhraseSet {
    /// By the hash of the first word, longest phrase first.
    by_first: FxHashMap<u64, Vec<Phrase>>,
    fold: bool,
}

fn gap_key(g: &str) -> String {
    g.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `gap_key(g) == key`, without allocating.
fn gap_is(g: &str, key: &str) -> bool {
    (g == " " && key.is_empty()) || g.chars().filter(|c| !c.is_whitespace()).eq(key.chars())
}

impl PhraseSet {
    /// `fold`: compare case-insensitively.
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, usize)>, fold: bool) -> Self {
        let mut by_first: FxHashMap<u64, Vec<Phrase>> = FxHashMap::default();
        for (p, idx) in phrases {
            let toks = tokenize(p);
            if toks.is_empty() {
                continue;
            }
            let words: Vec<String> = (0..toks.len())
                .map(|i| {
                    let w = word(p, &toks, i);
                    if fold {
                        w.to_lowercase()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            let hashes = words.iter().map(|w| hash_word(w)).collect();
            let gaps: Vec<String> = (0..toks.len().saturating_sub(1))
                .map(|i| gap_key(gap(p, &toks, i)))
                .collect();
            by_first
                .entry(hash_word(&words[0]))
                .or_default()
                .push(Phrase {
                    words,
                    hashes,
                    gaps,
                    idx,
                });
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        PhraseSet { by_first, fold }
    }

    /// Longest phrase starting at word `i`: (number of words, phrase index).
    pub(crate) fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        self.iter_at(text, toks, i).next()
    }

    /// Every phrase starting at word `i`, longest first.
    #[allow(dead_code)]
    pub(crate) fn all_at(&self, text: &str, toks: &[Tok], i: usize) -> Vec<(usize, usize)> {
        self.iter_at(text, toks, i).collect()
    }

    /// [`PhraseSet::all_at`] without collecting.
    pub(crate) fn iter_at<'s>(
        &'s self,
        text: &'s str,
        toks: &'s [Tok],
        i: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        let t = &toks[i];
        let key = if self.fold { t.hf } else { t.h };
        self.by_first
            .get(&key)
            .into_iter()
            .flatten()
            .filter(move |p| self.matches(text, toks, i, p))
            .map(|p| (p.words.len(), p.idx))
    }

    fn matches(&self, text: &str, toks: &[Tok], i: usize, p: &Phrase) -> bool {
        let Some(ts) = toks.get(i..i + p.words.len()) else {
            return false;
        };
        for (k, t) in ts.iter().enumerate() {
            let h = if self.fold { t.hf } else { t.h };
            if h != p.hashes[k] {
                return false;
            }
            if k > 0 {
                let g = &text[ts[k - 1].e..t.s];
                if g.contains('\n') || !gap_is(g, &p.gaps[k - 1]) {
                    return false;
                }
            }
            let w = &text[t.s..t.e];
            let same = if self.fold {
                eq_fold(w, &p.words[k])
            } else {
                w == p.words[k]
            };
            if !same {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow_tokenize(text: &str) -> Vec<(usize, usize)> {
        let mut toks = Vec::new();
        let mut start: Option<usize> = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let inner = (c == '-' || c == '.')
                && start.is_some()
                && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || matches!(c, '&' | '\'' | '’') || inner {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start.take() {
                toks.push((s, i));
            }
        }
        if let Some(s) = start {
            toks.push((s, text.len()));
        }
        toks
    }

    #[test]
    fn words_carry_hashes_and_shape() {
        let t = "Sở LĐ-TB&XH, TP.HCM; TP. Huế ΣΟΦΟΣ İstanbul x- ĐỒNG chí 3a 中文";
        let toks = tokenize(t);
        let spans: Vec<_> = toks.iter().map(|t| (t.s, t.e)).collect();
        assert_eq!(spans, slow_tokenize(t));
        for tk in &toks {
            let w = &t[tk.s..tk.e];
            assert_eq!(tk.h, hash_word(w), "{w}");
            assert_eq!(tk.hf, hash_word(&w.to_lowercase()), "{w}");
            assert!(eq_fold(w, &w.to_lowercase()));
            let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
            let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            assert_eq!((tk.cap, tk.caps), (cap, caps), "{w}");
            assert_eq!((is_cap(w), is_all_caps(w)), (cap, caps), "{w}");
        }
    }
}
