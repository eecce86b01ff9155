//! Syllable tokens: maximal runs of letters and digits, combining marks
//! included (so NFD text still yields whole syllables).

use unicode_normalization::char::is_combining_mark;

/// A token: byte offsets `start..end` into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A letter, digit or combining mark: part of a syllable.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Fast paths for the Vietnamese alphabet: Latin-1 letters, Latin
        // Extended-A/B, combining diacritics, Latin Extended Additional.
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x300..=0x36F | 0x1E00..=0x1EFF => true,
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Allocation-free iterator over the syllables of `text`.
#[derive(Debug, Clone)]
pub struct SyllableIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for SyllableIter<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        // Skip separators; ASCII bytes are tested without decoding.
        let mut i = self.pos;
        let start = loop {
            let &b = bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next()?;
                if is_word_char(c) {
                    break i;
                }
                i += c.len_utf8();
            }
        };
        let mut j = start;
        while let Some(&b) = bytes.get(j) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                j += 1;
            } else {
                let c = self.text[j..].chars().next().unwrap_or(' ');
                if !is_word_char(c) {
                    break;
                }
                j += c.len_utf8();
            }
        }
        self.pos = j;
        Some(Token { start, end: j })
    }
}

/// Iterate over the syllables of `text` without allocating.
pub fn syllable_iter(text: &str) -> SyllableIter<'_> {
    SyllableIter { text, pos: 0 }
}

/// The syllables of `text`.
pub fn syllables(text: &str) -> Vec<Token> {
    syllable_iter(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        syllable_iter(s).map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn splits_on_spaces_and_punctuation() {
        assert_eq!(
            words("Tỉnh ủy, Thái-Nguyên."),
            ["Tỉnh", "ủy", "Thái", "Nguyên"]
        );
        assert_eq!(
            words("01-CT/TW ngày 9/3/2021"),
            ["01", "CT", "TW", "ngày", "9", "3", "2021"]
        );
        assert!(words("  ... ").is_empty());
    }

    #[test]
    fn keeps_combining_marks() {
        assert_eq!(
            words("Nguye\u{302}\u{303}n Hải"),
            ["Nguye\u{302}\u{303}n", "Hải"]
        );
    }

    #[test]
    fn fast_path_agrees_with_unicode() {
        for c in (0..0x2100u32)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
        {
            let slow = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), slow, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn offsets_are_bytes() {
        assert_eq!(
            syllables("ủy ban"),
            vec![Token { start: 0, end: 4 }, Token { start: 5, end: 8 }]
        );
    }
}
