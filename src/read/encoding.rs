//! Decoding report bytes into text: UTF-8 (with or without BOM), UTF-16
//! LE/BE, and the legacy Vietnamese encodings Windows-1258, TCVN3 (ABC),
//! VNI-Windows and VISCII.
//!
//! # Detection
//! When no encoding is forced, [`decode`] decides in this order:
//! 1. **BOM**: `EF BB BF` → UTF-8, `FF FE` → UTF-16LE, `FE FF` → UTF-16BE.
//! 2. **UTF-16 without BOM**: when at least 30 % of the even (or odd) bytes of
//!    the first 4 KiB are NUL and the other half has almost none, the bytes are
//!    taken as UTF-16BE (or LE), with a warning.
//! 3. **Valid UTF-8** (which includes pure ASCII) → UTF-8.
//! 4. Otherwise the first 64 KiB are decoded with each legacy candidate
//!    (Windows-1258, TCVN3, VNI, VISCII) and with lossy UTF-8, and each result
//!    is scored by how Vietnamese it looks: among its words that contain a
//!    non-ASCII character, the share that are valid Vietnamese syllables
//!    (an onset from `data/encodings/vi_initials.txt`, a rhyme from
//!    `data/encodings/vi_rhymes.txt`, at most one tone mark), smoothed as
//!    `(valid + 1) / (words + 2)`. A word holding U+FFFD, a control character
//!    or a stray symbol is never valid, so mis-decodings score low. The best
//!    legacy candidate wins if it scores higher than lossy UTF-8 (ties go to
//!    the earlier candidate in the order above); otherwise the text is lossy
//!    UTF-8 and a warning counts the replaced bytes.
//!
//! Every guess is reported in [`Decoded::warnings`], e.g.
//! `encoding guessed: tcvn3 (score 0.93; utf-8 invalid at byte 412)`.
//! Bytes that map to no character (C1 controls, U+FFFD) are counted in a
//! warning; decoding never panics.
//!
//! Legacy output is returned in NFC (Windows-1258 decodes to base letters
//! plus combining tone marks; they are composed here). UTF-8 and UTF-16 text
//! is returned as is; [`crate::normalize`] does the rest.
//!
//! # TCVN3 and upper-case toned letters
//! The TCVN3 table (`data/encodings/tcvn3.txt`) is the full TCVN 5712:1993
//! VN1 table. Its bytes 0xA1–0xFF are the VN3 subset of the ABC fonts:
//! lower-case letters, Ă Â Ê Ô Ơ Ư Đ and combining tone marks 0xB0–0xB4.
//! Other upper-case toned letters have VN1 codes only (C0 positions, 0x80–0x9F
//! and a few positions in 0xA0–0xFF); [`encode`] writes those codes, so it is
//! lossless. Real ABC files instead wrote a capital toned vowel with its
//! lower-case code in an upper-case font (.VnTimeH), which plain text cannot
//! tell apart. The decoder therefore:
//! - decodes 0x80–0x9F as VN1 capitals, except the eight bytes that are also
//!   Windows punctuation (… ‘ ’ “ ” • – —), which are letters only next to a
//!   letter (0x85 between letters; 0x91/0x93/0x96/0x97 after one; 0x92/0x94
//!   after one unless they close an open quote before a non-letter; 0x95 on
//!   either side);
//! - restores capitals written with lower-case codes: in all-caps lines, in
//!   words where a capital follows the letter or that are otherwise all caps
//!   (`ĐảNG` → `ĐẢNG`), and at the start of a sentence. A capital inside a
//!   mixed-case sentence (`của Ủy ban`) cannot be recovered from ABC bytes and
//!   stays lower case.
//!
//! VISCII uses six C0 control positions for letters (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ). VNI writes
//! most toned vowels as an ASCII base letter followed by a diacritic byte;
//! its other bytes are Windows-1252.

#[path = "legacy.rs"]
mod legacy;

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// A text encoding the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
    Vni,
    Viscii,
}

impl Encoding {
    pub const ALL: [Encoding; 7] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
    ];

    /// The legacy 8-bit candidates tried by detection, in tie-break order.
    const LEGACY: [Encoding; 4] = [
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        Ok(match key.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16le" | "utf16" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "win1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "vn3" => Encoding::Tcvn3,
            "vni" | "vniwindows" | "vniwin" => Encoding::Vni,
            "viscii" => Encoding::Viscii,
            _ => {
                let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
                return Err(format!(
                    "unknown encoding {s:?}; expected one of {}",
                    names.join(", ")
                ));
            }
        })
    }
}

/// Decoded text, the encoding used, and what was guessed or repaired.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub warnings: Vec<String>,
}

/// How much of the input detection looks at.
const SAMPLE: usize = 64 * 1024;

/// Decode a whole report. `forced` (from --encoding) skips detection.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    let mut warnings = Vec::new();
    let encoding = match forced {
        Some(e) => e,
        None => detect(bytes, &mut warnings),
    };
    let text = match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let (text, replaced) = utf8_lossy(body);
                    warnings.push(format!(
                        "invalid UTF-8 (first at byte {}): {replaced} byte(s) replaced with U+FFFD",
                        e.valid_up_to() + (bytes.len() - body.len())
                    ));
                    text
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (enc, bom): (&'static encoding_rs::Encoding, &[u8]) =
                if encoding == Encoding::Utf16Le {
                    (encoding_rs::UTF_16LE, b"\xff\xfe")
                } else {
                    (encoding_rs::UTF_16BE, b"\xfe\xff")
                };
            let body = bytes.strip_prefix(bom).unwrap_or(bytes);
            let (text, malformed) = enc.decode_without_bom_handling(body);
            if malformed {
                let n = text.matches('\u{fffd}').count();
                warnings.push(format!(
                    "invalid {}: {n} sequence(s) replaced with U+FFFD",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        legacy => {
            let text = decode_legacy(bytes, legacy);
            let bad = text
                .chars()
                .filter(|&c| {
                    c == '\u{fffd}'
                        || ('\u{80}'..='\u{9f}').contains(&c)
                        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                })
                .count();
            if bad > 0 {
                warnings.push(format!(
                    "{bad} byte(s) map to no character in {}",
                    legacy.name()
                ));
            }
            text
        }
    };
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// Decode with a legacy 8-bit encoding, in NFC.
fn decode_legacy(bytes: &[u8], enc: Encoding) -> String {
    match enc {
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .nfc()
            .collect(),
        Encoding::Tcvn3 => {
            let raw: String = legacy::decode_tcvn3(bytes).nfc().collect();
            legacy::restore_tcvn3_capitals(&raw)
        }
        Encoding::Vni => legacy::decode_vni(bytes),
        Encoding::Viscii => legacy::decode_viscii(bytes),
        Encoding::Utf8 => utf8_lossy(bytes).0,
        Encoding::Utf16Le | Encoding::Utf16Be => decode(bytes, Some(enc)).text,
    }
}

/// Lossy UTF-8 and the number of bytes replaced.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            out.push('\u{fffd}');
        }
    }
    (out, replaced)
}

fn detect(bytes: &[u8], warnings: &mut Vec<String>) -> Encoding {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Encoding::Utf8;
    }
    if bytes.starts_with(b"\xff\xfe") {
        return Encoding::Utf16Le;
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Encoding::Utf16Be;
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        warnings.push(format!(
            "encoding guessed: {} (no BOM; NUL bytes in alternate positions)",
            enc.name()
        ));
        return enc;
    }
    let err = match std::str::from_utf8(bytes) {
        Ok(_) => return Encoding::Utf8,
        Err(e) => e,
    };
    let sample = sample(bytes);
    let utf8_score = vietnamese_score(&utf8_lossy(sample).0);
    let mut best: Option<(Encoding, f64)> = None;
    for enc in Encoding::LEGACY {
        let score = vietnamese_score(&decode_legacy(sample, enc));
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((enc, score));
        }
    }
    match best {
        Some((enc, score)) if score > utf8_score => {
            warnings.push(format!(
                "encoding guessed: {} (score {score:.2}; utf-8 invalid at byte {})",
                enc.name(),
                err.valid_up_to()
            ));
            enc
        }
        _ => Encoding::Utf8,
    }
}

/// The first [`SAMPLE`] bytes, cut after a newline when there is one.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE {
        return bytes;
    }
    let cut = bytes[..SAMPLE]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(SAMPLE, |p| p + 1);
    &bytes[..cut]
}

/// UTF-16 without a BOM, recognised by its NUL bytes in alternate positions.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (hi, lo) = (even.max(odd), even.min(odd));
    if hi * 10 < pairs * 3 || lo * 50 > pairs {
        return None;
    }
    // NULs at even positions are the high bytes of big-endian code units.
    let be = even > odd;
    // Text, not binary data with a NUL pattern: few control code units.
    let controls = head
        .chunks_exact(2)
        .map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        })
        .filter(|&u| (u < 0x20 && !matches!(u, 0x09 | 0x0a | 0x0d)) || u >= 0xfffe)
        .count();
    if controls * 20 > pairs {
        return None;
    }
    Some(if be {
        Encoding::Utf16Be
    } else {
        Encoding::Utf16Le
    })
}

static INITIALS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut v: Vec<String> = word_list(include_str!("../../data/encodings/vi_initials.txt"));
    v.push(String::new());
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
});
static RHYMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    word_list(include_str!("../../data/encodings/vi_rhymes.txt"))
        .into_iter()
        .collect()
});

fn word_list(data: &str) -> Vec<String> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.nfc().collect())
        .collect()
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Whether `word` is one valid Vietnamese syllable (any case, any
/// normalization form).
pub fn is_vietnamese_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.nfd().filter(|&c| is_tone_mark(c)).count() > 1 {
        return false;
    }
    let bare: String = lower.nfd().filter(|&c| !is_tone_mark(c)).nfc().collect();
    if bare.is_empty()
        || !bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || "ăâêôơưđ".contains(c))
    {
        return false;
    }
    INITIALS.iter().any(|onset| {
        bare.strip_prefix(onset.as_str())
            .is_some_and(|rhyme| RHYMES.contains(rhyme))
    })
}

/// Common punctuation and spaces that never make a word.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii() && !c.is_ascii_alphanumeric())
        || ('\u{2000}'..='\u{206f}').contains(&c)
        || matches!(c, '\u{a0}' | '«' | '»')
}

/// How Vietnamese a decoded text looks, in (0, 1): the smoothed share of its
/// non-ASCII words that are valid syllables.
fn vietnamese_score(text: &str) -> f64 {
    let (mut valid, mut total) = (0usize, 0usize);
    for word in text.split(is_separator) {
        if word.is_ascii() {
            continue;
        }
        total += 1;
        if is_vietnamese_syllable(word) {
            valid += 1;
        }
    }
    (valid as f64 + 1.0) / (total as f64 + 2.0)
}

/// Encode text into a legacy encoding (for tests and for making legacy
/// twins); None if a char cannot be represented. UTF-8/16 always succeed.
pub fn encode(text: &str, enc: Encoding) -> Option<Vec<u8>> {
    match enc {
        Encoding::Utf8 => Some(text.as_bytes().to_vec()),
        Encoding::Utf16Le => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16Be => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        Encoding::Windows1258 => encode_windows_1258(text),
        Encoding::Tcvn3 => legacy::encode_tcvn3(text),
        Encoding::Vni => legacy::encode_vni(text),
        Encoding::Viscii => legacy::encode_viscii(text),
    }
}

/// Windows-1258: a character it lacks is written as its base letter (with
/// circumflex, breve or horn) followed by a combining tone mark.
fn encode_windows_1258(text: &str) -> Option<Vec<u8>> {
    static MAP: LazyLock<std::collections::HashMap<char, u8>> = LazyLock::new(|| {
        let mut map = std::collections::HashMap::new();
        for b in (0..=255u8).rev() {
            let byte = [b];
            let (s, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&byte);
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && c != '\u{fffd}'
            {
                map.insert(c, b);
            }
        }
        map
    });
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if let Some(&b) = MAP.get(&c) {
            out.push(b);
            continue;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        let (tones, rest): (Vec<char>, Vec<char>) =
            parts.into_iter().partition(|&m| is_tone_mark(m));
        let base: String = rest.into_iter().collect::<String>().nfc().collect();
        let mut base_chars = base.chars();
        let (Some(b), None) = (base_chars.next(), base_chars.next()) else {
            return None;
        };
        if tones.is_empty() {
            return None;
        }
        out.push(*MAP.get(&b)?);
        for t in tones {
            out.push(*MAP.get(&t)?);
        }
    }
    Some(out)
}

/// True when the bytes look like a binary file rather than text: a known
/// binary signature, NUL bytes (unless UTF-16), or more than 10 % control
/// bytes other than tab, newlines, form feed and escape in the first 64 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 9] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x1f\x8b",
        b"\x7fELF",
        b"\xd0\xcf\x11\xe0",
    ];
    if SIGNATURES.iter().any(|s| bytes.starts_with(s)) {
        return true;
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return false;
    }
    if utf16_without_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(SAMPLE)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "của", "và", "các", "được", "những", "trong", "người", "năm", "tỉnh", "ủy", "Nghị",
            "quyết", "khuỷu", "giữ", "gì", "quốc", "nghiêng", "ĐẢNG", "thuở", "hoà", "hòa",
        ] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in [
            "quyÕt",
            "Nghþ",
            "NghÞ",
            "quyeát",
            "ngöôøi",
            "xyz",
            "hoàá",
            "Ä‘áº£ng",
        ] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
    }

    #[test]
    fn names_round_trip_through_from_str() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
            assert_eq!(e.name().to_uppercase().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("ABC".parse::<Encoding>(), Ok(Encoding::Tcvn3));
        assert_eq!("cp1258".parse::<Encoding>(), Ok(Encoding::Windows1258));
        assert_eq!("VNI-Windows".parse::<Encoding>(), Ok(Encoding::Vni));
        assert_eq!("utf8".parse::<Encoding>(), Ok(Encoding::Utf8));
        assert!("latin-9".parse::<Encoding>().is_err());
    }

    #[test]
    fn every_letter_round_trips_in_every_legacy_encoding() {
        let letters: String = legacy::vietnamese_letters()
            .into_iter()
            .map(|c| format!("b{c}n "))
            .collect();
        for enc in Encoding::LEGACY {
            let bytes = encode(&letters, enc).unwrap_or_else(|| panic!("{enc} cannot encode"));
            assert_eq!(decode_legacy(&bytes, enc), letters, "{enc}");
        }
    }
}
