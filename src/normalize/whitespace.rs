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

/// Lead bytes (and the byte after) that can start a whitespace run
/// [`step`] rewrites: two spaces or line breaks in a row, the ASCII breaks
/// and tab, and the leads of non-ASCII whitespace: U+0085, U+00A0 (C2 85,
/// C2 A0), U+1680 (E1 9A), U+2000..U+205F (E2 80, E2 81), U+3000 (E3 80).
#[inline]
fn hit(p: u8, q: u8) -> bool {
    match p {
        b' ' | b'\n' => q == b' ' || q == b'\n',
        b'\r' | b'\t' | 0x0B | 0x0C => true,
        0xC2 => q == 0x85 || q == 0xA0,
        0xE1 => q == 0x9A,
        0xE2 => q == 0x80 || q == 0x81,
        0xE3 => q == 0x80,
        _ => false,
    }
}

/// The first whitespace run at or after `from` that [`step`] rewrites, as a
/// position inside it: a [`hit`] confirmed (`"\n\n"` is a paragraph break,
/// a third `\n` is too many; a non-ASCII lead must be whitespace), found
/// with [`super::find_pair`] so that text needing no change is skipped a
/// block at a time.
fn next_change(s: &str, mut from: usize) -> Option<usize> {
    let b = s.as_bytes();
    while let Some(j) = super::find_pair(&b[from..], hit).map(|j| from + j) {
        let confirmed = match b[j] {
            b'\n' if b.get(j + 1) == Some(&b'\n') => b.get(j + 2) == Some(&b'\n'),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                class(s[j..].chars().next().unwrap_or('x')) != Class::Other
            }
            _ => true,
        };
        if confirmed {
            return Some(j);
        }
        from = j + 1;
    }
    None
}

/// The end of the whitespace run starting at `start` and the number of line
/// breaks in it (`\r\n` is one).
fn run_end(s: &str, start: usize) -> (usize, u8) {
    let mut breaks: u8 = 0;
    let mut chars = s[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match class(c) {
            Class::Space => {}
            Class::Break(n) => {
                if c == '\r' {
                    chars.next_if(|&(_, n)| n == '\n');
                }
                breaks = breaks.saturating_add(n);
            }
            Class::Other => return (start + i, breaks),
        }
    }
    (s.len(), breaks)
}

/// True if [`step`] would change `s`.
#[cfg(test)]
fn needs_change(s: &str) -> bool {
    matches!(step(s), Cow::Owned(_))
}

/// Every whitespace run between two words becomes `"\n\n"` (two or more
/// breaks), `"\n"` (one) or `" "`; runs at the ends go. Runs already in
/// that form are found by a byte scan and copied with the text around them,
/// so the common text (single spaces, single and double line breaks) is
/// copied in bulk rather than char by char.
pub fn step(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    let lead = matches!(b.first(), Some(b' ' | b'\n'));
    loop {
        let j = if lead && from == 0 {
            Some(0)
        } else {
            next_change(s, from)
        };
        // A run at the end made only of spaces and `\n` has no hit.
        let j = match j {
            Some(j) => j,
            None if matches!(b.last(), Some(b' ' | b'\n')) && copied < b.len() => {
                let mut k = b.len();
                while k > copied && matches!(b[k - 1], b' ' | b'\n') {
                    k -= 1;
                }
                k
            }
            None => break,
        };
        // Back to the start of the run: only spaces and `\n` can precede the
        // first hit in it.
        let mut start = j;
        while start > copied && matches!(b[start - 1], b' ' | b'\n') {
            start -= 1;
        }
        let (end, breaks) = run_end(s, start);
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..start]);
        if start > 0 && end < b.len() {
            o.push_str(match breaks {
                0 => " ",
                1 => "\n",
                _ => "\n\n",
            });
        }
        copied = end;
        from = end;
        if end >= b.len() {
            break;
        }
    }
    super::finish(s, out, copied)
}

/// The char-by-char definition [`step`] must agree with.
#[cfg(test)]
fn reference(s: &str) -> String {
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
    out
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
            assert_eq!(step(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn bulk_copy_agrees_with_char_rule() {
        // Every string of up to 5 pieces from a small alphabet of words,
        // spaces, breaks and non-ASCII whitespace, with long quiet stretches
        // around them so that the block skip is exercised too.
        let parts = [
            "a", "ệ", " ", "\n", "\r", "\r\n", "\t", "\u{A0}", "\u{2029}", "\u{2003}", "“",
            "\u{85}",
        ];
        let pad = "x".repeat(40);
        let n = parts.len();
        for mut k in 0..n.pow(5) {
            let mut s = String::new();
            for _ in 0..5 {
                s.push_str(parts[k % n]);
                k /= n;
            }
            for t in [s.clone(), format!("{pad}{s}{pad}"), format!("{s}{pad}{s}")] {
                assert_eq!(step(&t), reference(&t), "{t:?}");
            }
        }
    }
}
