//! Byte tables of the legacy Vietnamese encodings (TCVN3, VNI-Windows,
//! VISCII), loaded from `data/encodings/*.txt`, and their decoders and
//! encoders. Declared as a submodule of [`super`] (`src/read/encoding.rs`).
//!
//! Table file format: one mapping per line, `0xHH[ 0xHH]<TAB>char[<TAB># comment]`;
//! `#` starts a comment line. A dotted circle (U+25CC) before a combining
//! mark is only there to make the mark visible and is dropped.

use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Parse a mapping table: (byte sequence, character) pairs in file order.
fn parse_table(data: &str) -> Vec<(Vec<u8>, char)> {
    let mut out = Vec::new();
    for (no, line) in data.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let bytes = fields.next().unwrap_or_default();
        let text = fields.next().unwrap_or_default().replace('\u{25cc}', "");
        let seq: Vec<u8> = bytes
            .split_whitespace()
            .map(|h| {
                u8::from_str_radix(h.trim_start_matches("0x"), 16)
                    .unwrap_or_else(|_| panic!("bad byte {h:?} on table line {}", no + 1))
            })
            .collect();
        let mut chars = text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            panic!("table line {} must map to exactly one char", no + 1);
        };
        assert!(!seq.is_empty(), "table line {} has no bytes", no + 1);
        out.push((seq, c));
    }
    out
}

/// Windows-1252 decoding of one byte (VNI and TCVN3 fonts keep the Windows
/// punctuation in 0x80–0x9F); undefined bytes become C1 controls.
fn cp1252(b: u8) -> char {
    static TABLE: LazyLock<[char; 256]> = LazyLock::new(|| {
        let mut t = ['\0'; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let byte = [i as u8];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            *slot = s.chars().next().unwrap_or('\u{fffd}');
        }
        t
    });
    TABLE[b as usize]
}

/// A single-byte table: 256 decodings plus the reverse map.
struct SingleByte {
    decode: [char; 256],
    encode: HashMap<char, u8>,
}

impl SingleByte {
    fn from_table(data: &str) -> SingleByte {
        let mut decode = ['\0'; 256];
        for (i, slot) in decode.iter_mut().enumerate().take(0x80) {
            *slot = char::from(i as u8);
        }
        for (i, slot) in decode.iter_mut().enumerate().skip(0x80) {
            *slot = cp1252(i as u8);
        }
        let mut encode = HashMap::new();
        for (seq, c) in parse_table(data) {
            assert_eq!(seq.len(), 1, "single-byte table with a sequence");
            decode[seq[0] as usize] = c;
            encode.entry(c).or_insert(seq[0]);
        }
        for b in 0..0x80u8 {
            let c = char::from(b);
            if decode[b as usize] == c {
                encode.entry(c).or_insert(b);
            }
        }
        SingleByte { decode, encode }
    }
}

static VISCII: LazyLock<SingleByte> =
    LazyLock::new(|| SingleByte::from_table(include_str!("../../data/encodings/viscii.txt")));
static TCVN3: LazyLock<SingleByte> =
    LazyLock::new(|| SingleByte::from_table(include_str!("../../data/encodings/tcvn3.txt")));

pub(super) fn decode_viscii(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| VISCII.decode[b as usize]).collect()
}

pub(super) fn encode_viscii(text: &str) -> Option<Vec<u8>> {
    text.nfc().map(|c| VISCII.encode.get(&c).copied()).collect()
}

// ---------------------------------------------------------------- TCVN3

/// Bytes 0x80–0x9F that are both a VN1 upper-case letter and a common
/// Windows-1252 punctuation mark (… ‘ ’ “ ” • – —); decoded by context.
const TCVN_AMBIGUOUS: [u8; 8] = [0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97];

fn tcvn_is_letter_byte(b: u8) -> bool {
    b.is_ascii_alphabetic()
        || b >= 0xA1
        || (b < 0x20 && TCVN3.decode[b as usize] != char::from(b))
        || ((0x80..0xA0).contains(&b) && !TCVN_AMBIGUOUS.contains(&b))
}

pub(super) fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let (mut open_double, mut open_single) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            open_double = false;
            open_single = false;
        }
        if !TCVN_AMBIGUOUS.contains(&b) {
            out.push(TCVN3.decode[b as usize]);
            continue;
        }
        let left = i > 0 && tcvn_is_letter_byte(bytes[i - 1]);
        let right = bytes.get(i + 1).is_some_and(|&n| tcvn_is_letter_byte(n));
        let letter = match b {
            0x85 => left && right,
            0x91 | 0x93 | 0x96 | 0x97 => left,
            0x92 => left && (right || !open_single),
            0x94 => left && (right || !open_double),
            _ => left || right, // 0x95
        };
        if letter {
            out.push(TCVN3.decode[b as usize]);
        } else {
            match b {
                0x93 => open_double = true,
                0x94 => open_double = false,
                0x91 => open_single = true,
                0x92 => open_single = false,
                _ => {}
            }
            out.push(cp1252(b));
        }
    }
    out
}

pub(super) fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if let Some(&b) = TCVN3.encode.get(&c) {
            out.push(b);
        } else if let Some(&b) = TCVN_AMBIGUOUS.iter().find(|&&b| cp1252(b) == c) {
            out.push(b);
        } else {
            return None;
        }
    }
    Some(out)
}

/// Lower-case toned vowels: in the ABC (VN3) subset of TCVN3 they have no
/// upper-case code, so ABC files write their capitals with this lower-case
/// code (in an upper-case font).
fn lower_only(c: char) -> bool {
    c.is_lowercase()
        && c.nfd()
            .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
}

/// Restore the capitals that ABC files write with lower-case codes:
/// 1. a line whose letters are all upper case except such lower-case-only
///    letters (and that has at least 3 capitals) is upper-cased whole;
/// 2. in a word, a lower-case-only letter is upper-cased when a capital
///    follows it in the word (`ñY` → `ỦY`), or when the word has at least two
///    capitals and no other lower-case letter (`ĐảNG` → `ĐẢNG`);
/// 3. a word starting with a lower-case-only letter gets a capital when it
///    starts a sentence (start of text, after a blank line, or after
///    `.`/`!`/`?` and white space, but not after `..`); when it has at least
///    two letters, is not `ủy` (`Tỉnh ủy`, `Đảng ủy`) and continues a name of
///    at least two title-case words (`Phan Thị Ngọc ánh`); or when with the
///    next word it is a head listed in `data/encodings/tcvn3_capital_heads.txt`
///    followed by a capitalized word and not preceded by one (`của ủy ban
///    Kiểm tra` → `của Ủy ban Kiểm tra`). Words are linked only by white
///    space. Other capitals (`ở Hà Nội` vs `Ở Hà Nội`) stay lower case.
pub(super) fn restore_tcvn3_capitals(text: &str) -> String {
    if !text.chars().any(lower_only) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut sentence_start = true;
    let mut prev_line_blank = true;
    for line in text.split_inclusive('\n') {
        if prev_line_blank {
            sentence_start = true;
        }
        prev_line_blank = line.trim().is_empty();
        let capitals = line.chars().filter(|c| c.is_uppercase()).count();
        let all_caps = capitals >= 3 && line.chars().all(|c| !c.is_lowercase() || lower_only(c));
        if all_caps {
            out.extend(line.chars().flat_map(char::to_uppercase));
            sentence_start = false;
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        // Word spans, and whether each starts a sentence / is linked to the
        // previous word by white space only.
        let mut words: Vec<(usize, usize, bool, bool)> = Vec::new();
        let mut linked = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() {
                let end = (i..chars.len())
                    .find(|&j| !(chars[j].is_alphabetic() || is_mark(chars[j])))
                    .unwrap_or(chars.len());
                words.push((i, end, sentence_start, linked && !words.is_empty()));
                sentence_start = false;
                linked = true;
                i = end;
                continue;
            }
            if matches!(c, '.' | '!' | '?') {
                sentence_start = !(i > 0 && chars[i - 1] == '.');
            } else if !c.is_whitespace() {
                sentence_start = false;
            }
            linked &= c.is_whitespace();
            i += 1;
        }
        let capitalized = |w: &(usize, usize, bool, bool)| chars[w.0].is_uppercase();
        let title = |w: &(usize, usize, bool, bool)| {
            chars[w.0].is_uppercase() && chars[w.0 + 1..w.1].iter().any(|c| c.is_lowercase())
        };
        let mut fixed = chars.clone();
        for (wi, w) in words.iter().enumerate() {
            let word = &chars[w.0..w.1];
            let caps = word.iter().filter(|c| c.is_uppercase()).count();
            let other_lower = word.iter().any(|&c| c.is_lowercase() && !lower_only(c));
            let prev1 = (w.3 && wi >= 1).then(|| &words[wi - 1]);
            let prev2 = prev1.filter(|p| p.3 && wi >= 2).map(|_| &words[wi - 2]);
            let next1 = words.get(wi + 1).filter(|n| n.3);
            let next2 = next1.and_then(|_| words.get(wi + 2)).filter(|n| n.3);
            let lower_word = || word.iter().collect::<String>().to_lowercase();
            let head = || {
                next1.is_some_and(|n| {
                    let pair = format!(
                        "{} {}",
                        lower_word(),
                        chars[n.0..n.1].iter().collect::<String>()
                    );
                    CAPITAL_HEADS.contains(&pair)
                })
            };
            let initial = lower_only(word[0])
                && (w.2
                    || (word.len() >= 2
                        && lower_word() != "ủy"
                        && prev1.is_some_and(title)
                        && prev2.is_some_and(title))
                    || (!prev1.is_some_and(capitalized)
                        && next2.is_some_and(capitalized)
                        && head()));
            for (k, &c) in word.iter().enumerate() {
                let fix = lower_only(c)
                    && ((k == 0 && initial)
                        || word[k + 1..].iter().any(|c| c.is_uppercase())
                        || (caps >= 2 && !other_lower));
                if fix {
                    fixed[w.0 + k] = c.to_uppercase().next().unwrap_or(c);
                }
            }
        }
        out.extend(fixed);
    }
    out
}

static CAPITAL_HEADS: LazyLock<Vec<String>> = LazyLock::new(|| {
    include_str!("../../data/encodings/tcvn3_capital_heads.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.nfc().collect())
        .collect()
});

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

// ---------------------------------------------------------------- VNI

struct Vni {
    pairs: HashMap<(u8, u8), char>,
    singles: HashMap<u8, char>,
    encode: HashMap<char, Vec<u8>>,
    /// Every byte ≥ 0x80 the table uses: such a byte is never written for a
    /// Windows-1252 character.
    used: [bool; 256],
}

static VNI: LazyLock<Vni> = LazyLock::new(|| {
    let mut vni = Vni {
        pairs: HashMap::new(),
        singles: HashMap::new(),
        encode: HashMap::new(),
        used: [false; 256],
    };
    for (seq, c) in parse_table(include_str!("../../data/encodings/vni.txt")) {
        match seq[..] {
            [a] => {
                vni.singles.insert(a, c);
            }
            [a, b] => {
                vni.pairs.insert((a, b), c);
            }
            _ => panic!("VNI sequences are one or two bytes"),
        }
        for &b in &seq {
            vni.used[b as usize] |= b >= 0x80;
        }
        vni.encode.entry(c).or_insert(seq);
    }
    vni
});

/// VNI diacritic bytes (lower- and upper-case forms differ by 0x20).
fn vni_mark_swapped(b: u8) -> Option<u8> {
    (b >= 0xC0).then_some(b ^ 0x20)
}

pub(super) fn decode_vni(bytes: &[u8]) -> String {
    let vni = &*VNI;
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(&n) = bytes.get(i + 1) {
            let pair = vni
                .pairs
                .get(&(b, n))
                .or_else(|| vni_mark_swapped(n).and_then(|m| vni.pairs.get(&(b, m))));
            if let Some(&c) = pair {
                out.push(c);
                i += 2;
                continue;
            }
        }
        out.push(match vni.singles.get(&b) {
            Some(&c) => c,
            None if b < 0x80 => char::from(b),
            None => cp1252(b),
        });
        i += 1;
    }
    out
}

pub(super) fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let vni = &*VNI;
    let mut out = Vec::with_capacity(text.len() + text.len() / 4);
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(seq) = vni.encode.get(&c) {
            out.extend_from_slice(seq);
        } else {
            let b = (0x80..=0xFFu8).find(|&b| cp1252(b) == c && !vni.used[b as usize])?;
            out.push(b);
        }
    }
    Some(out)
}

/// The 134 precomposed Vietnamese letters (67 lower, 67 upper case), for
/// table completeness tests.
#[cfg(test)]
pub(super) fn vietnamese_letters() -> Vec<char> {
    let mut v = Vec::new();
    for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
        for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
            let s: String = format!("{base}{tone}").nfc().collect();
            let c = s.chars().next().unwrap();
            v.push(c);
            v.push(c.to_uppercase().next().unwrap());
        }
    }
    v.extend(['đ', 'Đ']);
    v.retain(|c| !c.is_ascii());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_list_is_complete() {
        assert_eq!(vietnamese_letters().len(), 134);
    }

    #[test]
    fn tables_cover_every_letter() {
        for c in vietnamese_letters() {
            assert!(VISCII.encode.contains_key(&c), "VISCII lacks {c}");
            assert!(TCVN3.encode.contains_key(&c), "TCVN3 lacks {c}");
            assert!(VNI.encode.contains_key(&c), "VNI lacks {c}");
        }
    }

    #[test]
    fn vni_pairs_never_shadow_singles() {
        // A pair's first byte is always an ASCII vowel or a single-byte ơ/ư.
        for &(a, _) in VNI.pairs.keys() {
            assert!(a.is_ascii_alphabetic() || VNI.singles.contains_key(&a));
        }
    }
}
