//! Step 3, `nfc`: Unicode canonical composition (NFC), so that `ệ` is one
//! code point whether it arrived precomposed, as `e` + U+0302 + U+0323 or in
//! any other canonical order.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters known to be NFC starters (combining class 0, NFC_QC = Yes):
/// everything below U+0300 and Latin Extended Additional (the precomposed
/// Vietnamese letters). The quick check sees them as ASCII, which skips its
/// table lookups without changing its answer.
#[inline]
fn plain_starter(c: char) -> bool {
    (c as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// A byte-level quick check, certain when it says yes: every char is below
/// U+0300, in Latin Extended Additional (U+1E00..U+1EFF: lead E1, then
/// B8..BB) or in General Punctuation U+2002..U+203F (E2 80 82..BF: quotes,
/// dashes, `…`), all NFC starters ([`tests::byte_safe_chars_are_starters`]).
/// A hit is a lead byte of anything else (CC and up, less those two) or the
/// bytes 80 80 / 80 81, which end U+2000 and U+2001 (they decompose).
fn bytes_yes(b: &[u8]) -> bool {
    super::find_pair(b, |p, q| {
        (p >= 0xCC && !(p == 0xE1 && (0xB8..=0xBB).contains(&q)) && !(p == 0xE2 && q == 0x80))
            || (p == 0x80 && (q == 0x80 || q == 0x81))
    })
    .is_none()
}

fn quick_yes(s: &str) -> bool {
    bytes_yes(s.as_bytes())
        || is_nfc_quick(s.chars().map(|c| if plain_starter(c) { 'a' } else { c }))
            == IsNormalized::Yes
}

/// Chunks are cut before an ASCII byte followed by another ASCII byte (or
/// the end): no composition or reordering crosses such a point (an ASCII
/// character is a starter and never the second half of a composition), so
/// each chunk can be normalized on its own. Chunks are at least this long.
const CHUNK: usize = 256;

fn next_cut(b: &[u8], from: usize) -> usize {
    let mut i = (from + CHUNK).min(b.len());
    while i < b.len() {
        if b[i] < 0x80 && b.get(i + 1).is_none_or(|&n| n < 0x80) {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// Compose `chunk` into `out` when it only holds starters that are plain
/// (see [`plain_starter`]) and Vietnamese vowels followed by Vietnamese marks
/// in canonical order (horn, dot below, circumflex/breve, tone): the common
/// shape of decomposed Vietnamese. Returns false (leaving `out` partly
/// written) on anything else, so the caller uses the general composer.
fn compose_vietnamese(chunk: &str, out: &mut String) -> bool {
    use super::tone::{vowel_char, vowel_parts};
    let is_mark = |m: char| {
        matches!(
            m,
            '\u{300}'
                | '\u{301}'
                | '\u{302}'
                | '\u{303}'
                | '\u{306}'
                | '\u{309}'
                | '\u{31B}'
                | '\u{323}'
        )
    };
    let mut chars = chunk.chars().peekable();
    while let Some(c) = chars.next() {
        if !plain_starter(c) {
            return false;
        }
        if !chars.peek().is_some_and(|&m| is_mark(m)) {
            out.push(c);
            continue;
        }
        let Some((mut base, mut tone, upper)) = vowel_parts(c) else {
            return false;
        };
        // Stage of the last mark applied: 1 horn, 2 dot below, 3 circumflex
        // or breve, 4 other tone marks. Marks must come in rising stages.
        let mut last = match (tone, base) {
            (5, _) => 2,
            (1..=4, _) => 4,
            (_, 8 | 10) => 1,
            (_, 1 | 2 | 4 | 7) => 3,
            _ => 0,
        };
        while let Some(m) = chars.next_if(|&m| is_mark(m)) {
            let (stage, to_base, to_tone) = match (m, base) {
                ('\u{31B}', 6) => (1, 8, tone),
                ('\u{31B}', 9) => (1, 10, tone),
                ('\u{323}', _) if tone == 0 => (2, base, 5),
                ('\u{306}', 0) => (3, 1, tone),
                ('\u{302}', 0) => (3, 2, tone),
                ('\u{302}', 3) => (3, 4, tone),
                ('\u{302}', 6) => (3, 7, tone),
                ('\u{300}', _) if tone == 0 => (4, base, 1),
                ('\u{301}', _) if tone == 0 => (4, base, 2),
                ('\u{309}', _) if tone == 0 => (4, base, 3),
                ('\u{303}', _) if tone == 0 => (4, base, 4),
                _ => return false,
            };
            if stage <= last {
                return false;
            }
            (last, base, tone) = (stage, to_base, to_tone);
        }
        out.push(vowel_char(base, tone, upper));
    }
    true
}

pub fn step(s: &str) -> Cow<'_, str> {
    if quick_yes(s) {
        return Cow::Borrowed(s);
    }
    // Compose only the chunks that need it, so that a few decomposed
    // characters in a long text do not send all of it through the (slow)
    // composer.
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut start = 0;
    while start < b.len() {
        let end = next_cut(b, start);
        let chunk = &s[start..end];
        if !quick_yes(chunk) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..start]);
            let mark = o.len();
            if !compose_vietnamese(chunk, o) {
                o.truncate(mark);
                o.extend(chunk.nfc());
            }
            copied = end;
        }
        start = end;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            if o == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(o)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_input_borrowed() {
        assert!(matches!(step("Nguyễn Thanh Hải"), Cow::Borrowed(_)));
        assert!(matches!(step("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_starters_really_are() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x300u32)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
        {
            assert!(plain_starter(c));
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
    }

    #[test]
    fn byte_safe_chars_are_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            if bytes_yes(s.as_bytes()) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
            }
        }
        for c in ['\u{2000}', '\u{2001}', '\u{301}', '\u{2126}', '\u{3000}'] {
            assert!(!bytes_yes(c.to_string().as_bytes()), "{c:?}");
        }
        assert!(bytes_yes("Tỉnh ủy “Thái Nguyên” – 2021…".as_bytes()));
    }

    #[test]
    fn chunked_equals_whole_text_nfc() {
        let word = "Nguye\u{302}\u{303}n Thanh Ha\u{309}i, Ủy viên; e\u{301} a\u{323}\u{306} ";
        for n in [1, 7, 40, 200] {
            let mixed = format!("{}{}", "Tỉnh ủy Thái Nguyên. ".repeat(n), word.repeat(n));
            let expected: String = mixed.nfc().collect();
            assert_eq!(step(&mixed), expected);
        }
    }

    #[test]
    fn fast_composer_agrees_with_nfc() {
        let cases = [
            "Nguye\u{302}\u{303}n",
            "ngu\u{31B}o\u{31B}\u{300}i",
            "a\u{323}\u{306}",
            "ơ\u{323}",
            "ạ\u{302}",
            "Ư\u{301}",
            "á\u{302}",
            "a\u{301}\u{302}",
            "a\u{302}\u{323}",
            "â\u{323}",
            "n\u{303}",
            "e\u{306}",
            "y\u{302}",
            "o\u{302}\u{31B}",
            "a\u{300}\u{301}",
            "\u{301}a",
            "ĐÔ\u{323}I",
            "i\u{309}\u{334}",
        ];
        for c in cases {
            let expected: String = c.nfc().collect();
            assert_eq!(step(c), expected, "{c:?}");
        }
    }

    #[test]
    fn composes_nfd() {
        // "Nguyễn" in NFD: e + circumflex + tilde.
        assert_eq!(step("Nguye\u{302}\u{303}n"), "Nguyễn");
        // Marks in the other order (tone below first) still compose.
        assert_eq!(step("Vie\u{323}\u{302}t"), "Việt");
        assert!(matches!(step("Vie\u{323}\u{302}t"), Cow::Owned(_)));
    }
}
