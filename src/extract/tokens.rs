//! Words of a text and phrase lookup, shared by every extractor.
//!
//! Speed matters here: every extractor looks up several lexicons at every
//! word. So a text is split once per document (into `Analysis::tokens`, see
//! `extract::Analysis::new`), each word carries a hash of its form as written
//! and of its lower-case form plus its capitalisation, and a phrase lookup
//! is a hash probe on the first word; strings are compared only on a hit.
//! Nothing is allocated per word.

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU32, Ordering};

/// A word of the text: `[s, e)` byte offsets, the hashes ([`hash_word`]) of
/// the word as written (`h`) and of its `to_lowercase()` (`hf`), and its
/// shape: [`is_cap`] (`cap`) and [`is_all_caps`] (`caps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
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
/// A character of a word: alphanumeric, `&` or an apostrophe.
const WORD: u8 = 8;
/// `to_lowercase` changes the character.
const CHANGES: u8 = 16;

const fn flag(on: bool, f: u8) -> u32 {
    if on { f as u32 } else { 0 }
}

/// A character's classes (the low byte: `ALNUM`, `ALPHA`, `UPPER`, `WORD`),
/// its lower case when that is one character below `NO_LOWER` (bits 8-23,
/// else `NO_LOWER`) and `KNOWN`.
fn info_of(c: char) -> u32 {
    let alnum = c.is_alphanumeric();
    let word = alnum || matches!(c, '&' | '\'' | '’');
    let class = flag(alnum, ALNUM)
        | flag(c.is_alphabetic(), ALPHA)
        | flag(c.is_uppercase(), UPPER)
        | flag(word, WORD);
    let mut l = c.to_lowercase();
    let (lower, changes) = match (l.next(), l.next()) {
        (Some(x), None) if (x as u32) < NO_LOWER => (x as u32, x != c),
        _ => (NO_LOWER, true),
    };
    class | flag(changes, CHANGES) | (lower << 8) | KNOWN
}

const NO_LOWER: u32 = 0xffff;
const KNOWN: u32 = 1 << 31;
/// Characters below this (Latin, Vietnamese, Greek, Cyrillic, general
/// punctuation) have their [`info_of`] kept once computed (0: not yet).
const TABLE: usize = 0x2200;
static INFO: [AtomicU32; TABLE] = [const { AtomicU32::new(0) }; TABLE];

/// [`info_of`], from the table when it is there.
#[inline]
fn info(c: char) -> u32 {
    match INFO.get(c as usize) {
        Some(slot) => match slot.load(Ordering::Relaxed) {
            0 => {
                let v = info_of(c);
                slot.store(v, Ordering::Relaxed);
                v
            }
            v => v,
        },
        None => info_of(c),
    }
}

#[inline]
fn class(c: char) -> u8 {
    info(c) as u8
}

/// Feed `c.to_lowercase()` (whose [`info`] is `inf`) to the hash `h`.
#[inline]
fn mix_lower(h: u64, c: char, inf: u32) -> u64 {
    match (inf >> 8) & NO_LOWER {
        NO_LOWER => c.to_lowercase().fold(h, |h, l| mix(h, l as u32)),
        l => mix(h, l),
    }
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;

#[inline]
fn mix(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95)
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
    finish(w.chars().fold(SEED, |h, c| mix(h, c as u32)))
}

/// `w.to_lowercase() == lower`, without allocating.
pub(crate) fn eq_fold(w: &str, lower: &str) -> bool {
    // `str::to_lowercase` writes a final sigma differently from
    // `char::to_lowercase`: let it decide.
    if w.contains('Σ') {
        return w.to_lowercase() == lower;
    }
    let mut want = lower.chars();
    for c in w.chars() {
        match (info(c) >> 8) & NO_LOWER {
            NO_LOWER => {
                for l in c.to_lowercase() {
                    if want.next() != Some(l) {
                        return false;
                    }
                }
            }
            l => {
                if want.next().map(u32::from) != Some(l) {
                    return false;
                }
            }
        }
    }
    want.next().is_none()
}

/// The character at byte `i` of `b` (valid UTF-8, `b[i]` not ASCII) and
/// its length.
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i] as u32;
    let (u, n) = if b0 < 0xe0 {
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

/// [`info_of`] for ASCII, computed at compile time.
const ASCII: [u32; 128] = {
    let mut t = [0u32; 128];
    let mut b = 0u8;
    while b < 128 {
        let (up, low) = (b.is_ascii_uppercase(), b.is_ascii_lowercase());
        let alpha = up || low;
        let alnum = alpha || b.is_ascii_digit();
        let word = alnum || b == b'&' || b == b'\'';
        let class = flag(alnum, ALNUM) | flag(alpha, ALPHA) | flag(up, UPPER) | flag(word, WORD);
        t[b as usize] = class | flag(up, CHANGES) | ((b.to_ascii_lowercase() as u32) << 8) | KNOWN;
        b += 1;
    }
    t
};

/// The character at byte `i`, its length and [`info`].
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> (char, usize, u32) {
    let b0 = b[i];
    if b0 < 0x80 {
        (b0 as char, 1, ASCII[b0 as usize])
    } else {
        let (c, n) = decode(b, i);
        (c, n, info(c))
    }
}

/// Split `text` into words: letters, digits, `&` and apostrophes, with `-`
/// and `.` kept inside a word when a letter or digit follows them
/// ("LĐ-TB&XH", "TP.HCM").
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 4 + 1);
    let mut i = 0;
    while i < b.len() {
        // Skip to the next word.
        let (c, n, inf) = char_at(b, i);
        if inf as u8 & WORD == 0 {
            i += n;
            continue;
        }
        let s = i;
        let cap = inf as u8 & UPPER != 0;
        let mut h = SEED;
        // Letters, upper-case letters, and the classes of all characters.
        let (mut alpha, mut upper, mut any) = (0u32, 0u32, 0u8);
        let (mut c, mut n, mut k) = (c, n, inf as u8);
        loop {
            h = mix(h, c as u32);
            alpha += u32::from(k & ALPHA != 0);
            upper += u32::from(k & (ALPHA | UPPER) == ALPHA | UPPER);
            any |= k;
            i += n;
            if i >= b.len() {
                break;
            }
            let inf;
            (c, n, inf) = char_at(b, i);
            k = inf as u8;
            if k & WORD == 0 {
                // "-" and "." stay inside a word before a letter or digit.
                let inner = matches!(c, '-' | '.')
                    && i + n < b.len()
                    && char_at(b, i + n).2 as u8 & ALNUM != 0;
                if !inner {
                    break;
                }
            }
        }
        let h = finish(h);
        toks.push(Tok {
            s,
            e: i,
            h,
            // A word that lower case leaves alone is its own lower case.
            hf: if any & CHANGES == 0 {
                h
            } else {
                hash_fold(&text[s..i])
            },
            cap,
            caps: alpha >= 2 && upper == alpha,
        });
    }
    toks
}

/// `hash_word(&w.to_lowercase())`, without allocating.
fn hash_fold(w: &str) -> u64 {
    // `str::to_lowercase` writes a final sigma differently from
    // `char::to_lowercase`: let it decide.
    if w.contains('Σ') {
        return hash_word(&w.to_lowercase());
    }
    finish(w.chars().fold(SEED, |h, c| mix_lower(h, c, info(c))))
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
    w.chars().next().is_some_and(|c| class(c) & UPPER != 0)
}

/// Every letter upper case, at least two letters ("NGUYỄN"): what
/// `Tok::caps` says of a word.
#[cfg(test)]
pub(crate) fn is_all_caps(w: &str) -> bool {
    let mut alpha = 0;
    for c in w.chars() {
        let k = class(c);
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
    /// A bit per first word's hash ([`bit`]): most words of a text start
    /// no phrase, and this says so without probing the map.
    first_bits: Vec<u64>,
    fold: bool,
}

const FIRST_BITS: u32 = 14;

/// The word and bit of `first_bits` for a first word's hash.
#[inline]
fn bit(h: u64) -> (usize, u64) {
    let b = (h >> (64 - FIRST_BITS)) as usize;
    (b >> 6, 1 << (b & 63))
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
        let mut first_bits = vec![0u64; 1 << (FIRST_BITS - 6)];
        for (&h, v) in by_first.iter_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            let (w, m) = bit(h);
            first_bits[w] |= m;
        }
        PhraseSet {
            by_first,
            first_bits,
            fold,
        }
    }

    /// The phrases whose first word may be `t`.
    #[inline]
    fn candidates(&self, t: &Tok) -> &[Phrase] {
        let key = if self.fold { t.hf } else { t.h };
        let (w, m) = bit(key);
        // No phrase starts with a word whose bit is clear.
        if self.first_bits[w] & m == 0 {
            return &[];
        }
        self.by_first.get(&key).map_or(&[], Vec::as_slice)
    }

    /// Longest phrase starting at word `i`: (number of words, phrase index).
    #[inline]
    pub(crate) fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        self.candidates(&toks[i])
            .iter()
            .find(|p| self.matches(text, toks, i, p))
            .map(|p| (p.words.len(), p.idx))
    }

    /// Every phrase starting at word `i`, longest first.
    #[inline]
    pub(crate) fn iter_at<'s>(
        &'s self,
        text: &'s str,
        toks: &'s [Tok],
        i: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        self.candidates(&toks[i])
            .iter()
            .filter(move |p| self.matches(text, toks, i, p))
            .map(|p| (p.words.len(), p.idx))
    }

    fn matches(&self, text: &str, toks: &[Tok], i: usize, p: &Phrase) -> bool {
        let Some(ts) = toks.get(i..i + p.words.len()) else {
            return false;
        };
        // Hashes first: a phrase that differs mostly differs there.
        let hashes_equal = ts
            .iter()
            .zip(&p.hashes)
            .all(|(t, &h)| h == if self.fold { t.hf } else { t.h });
        if !hashes_equal {
            return false;
        }
        for (k, t) in ts.iter().enumerate() {
            if k > 0 {
                let g = &text[ts[k - 1].e..t.s];
                if g.contains('\n') || !gap_is(g, &p.gaps[k - 1]) {
                    return false;
                }
            }
            let w = &text[t.s..t.e];
            // A word that lower case leaves alone (`hf == h`, see
            // `tokenize`) is its own lower case: compare bytes.
            let same = if self.fold && t.hf != t.h {
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
