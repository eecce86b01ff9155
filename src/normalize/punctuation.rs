//! Step 6, `punctuation`: typographic punctuation → ASCII.
//!
//! | input | output |
//! |---|---|
//! | `“ ” „ ‟ « »` | `"` |
//! | `‘ ’ ‚ ‛ ‹ ›` | `'` |
//! | `‐ ‑ ‒ – — ―`, minus `−` (U+2212) | `-` |
//! | `…` | `...` |
//!
//! (Full-width ASCII is folded earlier, by [`super::width`].)

use std::borrow::Cow;

#[inline]
fn map(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' => "'",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        _ => return None,
    })
}

pub fn step(s: &str) -> Cow<'_, str> {
    // All targets are U+2010..U+203A (E2 80 xx), U+2212 (E2 88 92) or « »
    // (C2 AB, C2 BB); each hit is confirmed by `map`.
    let hit = |p: u8, q: u8| {
        (p == 0xE2 && (q == 0x80 || q == 0x88)) || (p == 0xC2 && (q == 0xAB || q == 0xBB))
    };
    super::rewrite_hits(s, hit, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_borrowed() {
        assert!(matches!(
            step("Ông nói: \"Tốt.\" - xong..."),
            Cow::Borrowed(_)
        ));
        assert!(matches!(step("\u{A0}Ủy ban ‰"), Cow::Borrowed(_)));
    }

    #[test]
    fn quotes() {
        assert_eq!(step("“Tốt” «x» „y‟"), "\"Tốt\" \"x\" \"y\"");
        assert_eq!(step("‘a’ ‚b‛"), "'a' 'b'");
    }

    #[test]
    fn dashes_and_ellipsis() {
        assert_eq!(
            step("2021–2025 — a ‐ b ‑ c ‒ d ― e −5"),
            "2021-2025 - a - b - c - d - e -5"
        );
        // Hits that are not targets (‰ is E2 80 B0, ∑ E2 88 91) are kept.
        assert_eq!(step("a‰ ∑ “b”"), "a‰ ∑ \"b\"");
        assert_eq!(step("Nhiều việc…"), "Nhiều việc...");
    }
}
