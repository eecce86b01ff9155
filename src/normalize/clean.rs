//! Step 1, `clean`: remove invisible and stray characters, fix the Ð/ð
//! confusables.
//!
//! Removed: the byte-order mark and zero-width no-break space (U+FEFF),
//! zero-width space / non-joiner / joiner (U+200B–U+200D), word joiner
//! (U+2060), soft hyphen (U+00AD), bidi marks and embeddings (U+200E, U+200F,
//! U+202A–U+202E, U+2066–U+2069), and control characters (C0, DEL, C1).
//! Kept for [`super::whitespace`]: `\n`, `\r`, `\t`, VT, FF and NEL, which are
//! line breaks or spaces rather than noise.
//!
//! Mapped: Ð (U+00D0, Icelandic eth) → Đ (U+0110) and ð (U+00F0) → đ
//! (U+0111), a common artefact of legacy (TCVN3/VNI) conversions.

use std::borrow::Cow;

/// What to do with one character: `Some(replacement)` ("" removes it).
#[inline]
fn fix(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' => None,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(""),
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' => Some(""),
        '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => Some(""),
        'Ð' => Some("Đ"),
        'ð' => Some("đ"),
        _ => None,
    }
}

/// A first byte (and the one after it) that can start a character [`fix`]
/// changes; it over-approximates (E2 80 xx, EF BB xx), [`fix`] confirms.
#[inline]
fn hit(p: u8, q: u8) -> bool {
    match p {
        0x00..=0x08 | 0x0E..=0x1F | 0x7F => true,
        // U+0080..U+009F except NEL (C2 85), soft hyphen (C2 AD).
        0xC2 => (0x80..=0x9F).contains(&q) && q != 0x85 || q == 0xAD,
        // Ð (C3 90), ð (C3 B0).
        0xC3 => q == 0x90 || q == 0xB0,
        // U+200B..U+200F, U+202A..U+202E (E2 80 xx), U+2060, U+2066..U+2069
        // (E2 81 xx).
        0xE2 => q == 0x80 || q == 0x81,
        // U+FEFF (EF BB BF).
        0xEF => q == 0xBB,
        _ => false,
    }
}

#[cfg(test)]
fn first_change(b: &[u8]) -> Option<usize> {
    super::find_pair(b, hit)
}

pub fn step(s: &str) -> Cow<'_, str> {
    super::rewrite_hits(s, hit, fix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            step("Tỉnh ủy Thái Nguyên\n\tabc"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(step("“Tốt” — ½ ÀÉ"), Cow::Borrowed(_)));
    }

    #[test]
    fn byte_guard_agrees_with_char_rule() {
        for c in (0..0x3000u32)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32)
        {
            let s = format!("a{c}b");
            // The byte test may over-approximate, never miss.
            if fix(c).is_some() {
                assert!(first_change(s.as_bytes()).is_some(), "{c:?}");
            }
            assert_eq!(matches!(step(&s), Cow::Owned(_)), fix(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn strips_invisibles() {
        assert_eq!(step("\u{FEFF}Hội\u{200B} nghị"), "Hội nghị");
        assert_eq!(step("quán\u{AD}triệt\u{2060}"), "quántriệt");
        assert_eq!(step("a\u{200C}b\u{200D}c\u{200E}d\u{202B}e"), "abcde");
    }

    #[test]
    fn strips_controls_keeps_line_breaks() {
        assert_eq!(step("a\u{0}b\u{7}c\u{7F}d\u{9B}e"), "abcde");
        // A hit that is not a change (a quote) does not stop the scan.
        assert_eq!(step("“a” – b\u{0}"), "“a” – b");
        assert_eq!(step("a\r\nb\tc\u{0C}d\u{85}"), "a\r\nb\tc\u{0C}d\u{85}");
    }

    #[test]
    fn maps_eth_to_d_bar() {
        assert_eq!(step("Ðảng ðồng chí"), "Đảng đồng chí");
    }
}
