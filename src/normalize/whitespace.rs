//! Step 5, `whitespace`: one space between words, one `\n` between lines,
//! one blank line between paragraphs.
//!
//! - Line breaks: `\r\n`, `\r`, VT, FF, NEL (U+0085) and LINE SEPARATOR
//!   (U+2028) become `\n`; PARAGRAPH SEPARATOR (U+2029) becomes a blank line.
//! - Every other whitespace character (tab, NBSP, the U+2000 spaces, narrow
//!   NBSP, ideographic space, …) is a space; a run of them becomes one space.
//! - Spaces at the start and end of each line are removed.
//! - Three or more line breaks in a row (with only spaces between) become
//!   two: paragraph breaks are kept, runs of blank lines are not.
//! - The text is trimmed at both ends.

use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Space,
    /// Number of `\n` the character stands for.
    Break(u8),
}

#[inline]
fn class(c: char) -> Class {
    match c {
        ' ' | '\t' => Class::Space,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => Class::Break(1),
        '\u{2029}' => Class::Break(2),
        c if c.is_ascii() => Class::Other,
        c if c.is_whitespace() => Class::Space,
        _ => Class::Other,
    }
}

/// True if [`step`] would change `s`: an allocation-free scan for the byte
/// pairs that can start a change ([`super::find_pair`]), each confirmed.
fn needs_change(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if matches!(first, b' ' | b'\n') || matches!(last, b' ' | b'\n') {
        return true;
    }
    let hit = |p: u8, q: u8| match p {
        b' ' | b'\n' => q == b' ' || q == b'\n',
        b'\r' | b'\t' | 0x0B | 0x0C => true,
        // Lead bytes of non-ASCII whitespace: U+0085, U+00A0 (C2 85, C2 A0),
        // U+1680 (E1 9A), U+2000..U+205F (E2 80, E2 81), U+3000 (E3 80).
        0xC2 => q == 0x85 || q == 0xA0,
        0xE1 => q == 0x9A,
        0xE2 => q == 0x80 || q == 0x81,
        0xE3 => q == 0x80,
        _ => false,
    };
    let mut i = 0;
    while let Some(j) = super::find_pair(&b[i..], hit).map(|j| i + j) {
        let confirmed = match b[j] {
            // "\n\n" is a paragraph break; a third one is too many.
            b'\n' if b.get(j + 1) == Some(&b'\n') => b.get(j + 2) == Some(&b'\n'),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                class(s[j..].chars().next().unwrap_or('x')) != Class::Other
            }
            _ => true,
        };
        if confirmed {
            return true;
        }
        i = j + 1;
    }
    false
}

pub fn step(s: &str) -> Cow<'_, str> {
    if !needs_change(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut breaks: u8 = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match class(c) {
            Class::Space => {
                if breaks == 0 {
                    space = true;
                }
            }
            Class::Break(n) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                breaks = breaks.saturating_add(n);
                space = false;
            }
            Class::Other => {
                if !out.is_empty() {
                    if breaks > 0 {
                        out.push('\n');
                        if breaks > 1 {
                            out.push('\n');
                        }
                    } else if space {
                        out.push(' ');
                    }
                }
                breaks = 0;
                space = false;
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_text_borrowed() {
        assert!(matches!(
            step("Một câu.\nHai câu.\n\nĐoạn mới."),
            Cow::Borrowed(_)
        ));
        assert!(matches!(step(""), Cow::Borrowed(_)));
        assert!(matches!(step("x"), Cow::Borrowed(_)));
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(
            step("Tỉnh\u{A0}ủy  Thái\tNguyên\u{2009}\u{3000}x"),
            "Tỉnh ủy Thái Nguyên x"
        );
    }

    #[test]
    fn line_ends_and_blank_lines() {
        assert_eq!(step("a  \r\nb\rc\n\n\n\n  d  "), "a\nb\nc\n\nd");
        assert_eq!(step("a\n \n \nb"), "a\n\nb");
        assert_eq!(step("a\u{2029}b\u{2028}c"), "a\n\nb\nc");
    }

    #[test]
    fn trims_ends_and_line_starts() {
        assert_eq!(step("  \n\t a\n   b \n"), "a\nb");
        assert_eq!(step(" \n\u{A0} "), "");
    }

    #[test]
    fn guard_agrees_with_transform() {
        for s in [
            "a b",
            "a  b",
            "a\n\nb",
            "a\n\n\nb",
            "a \nb",
            "a\n b",
            " a",
            "a ",
            "a\u{A0}b",
            "ạ\u{2003}b",
            "“a” – b",
            "a\u{1680}b",
            "a\u{3000}",
        ] {
            assert_eq!(needs_change(s), step(s) != s, "{s:?}");
        }
    }
}
