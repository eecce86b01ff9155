//! The Vietnamese analyzers registered with tantivy.
//!
//! - [`EXACT`] (`vn_exact`): syllables (maximal runs of letters, digits and
//!   combining marks) lower-cased. `"Chỉ thị 01-CT/TW"` → `chỉ`, `thị`, `01`,
//!   `ct`, `tw`.
//! - [`FOLDED`] (`vn_folded`): the same, then diacritics removed and đ → d
//!   ([`crate::normalize::search_key`] per token): `chi`, `thi`, `01`, `ct`, `tw`.
//! - [`KEYWORD`] (`vn_keyword`): the whole value as one token, lower-cased
//!   (directive numbers and keys: `01-ct/tw`).
//!
//! Text reaches these analyzers already normalized
//! ([`crate::normalize::normalize`]: NFC, old tone-mark style), at index time
//! by the pipeline and at query time by [`crate::search::query`], so tone
//! placement variants (hoà/hòa, Uỷ/Ủy) meet. Token offsets are byte offsets
//! into the text given, so snippets highlight the stored body.
//!
//! Changing anything here changes what is in the index: bump
//! [`ANALYZER_VERSION`].

use tantivy::Index;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// Version of the analyzers; stored beside the index (see `super::meta`).
pub const ANALYZER_VERSION: u32 = 1;

pub const EXACT: &str = "vn_exact";
pub const FOLDED: &str = "vn_folded";
pub const KEYWORD: &str = "vn_keyword";

/// Tokens longer than this (bytes) are dropped: no syllable is that long.
pub const MAX_TOKEN_BYTES: usize = 80;

/// Whether `c` belongs inside a syllable token (the segmenter's rule).
pub fn is_token_char(c: char) -> bool {
    crate::segment::is_word_char(c)
}

/// Byte ranges of the syllables of `text`: the segmenter's syllables, so the
/// index and the rest of the pipeline agree on what a token is.
pub fn syllables(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    crate::segment::syllable_iter(text).map(|t| t.start..t.end)
}

/// What a syllable token's text becomes.
#[derive(Clone, Copy, Debug, Default)]
enum Form {
    /// Lower case (`EXACT`).
    #[default]
    Lower,
    /// [`crate::normalize::search_key`]: lower case without diacritics (`FOLDED`).
    Folded,
}

/// Splits text into syllables (see [`syllables`]) and writes each one's
/// text already lower-cased or folded into the one token buffer: a single
/// pass per token instead of a chain of filters each rewriting it.
/// Syllables of [`MAX_TOKEN_BYTES`] or more are dropped, keeping their
/// position (as tantivy's `RemoveLongFilter` does).
#[derive(Clone, Default)]
pub struct SyllableTokenizer {
    form: Form,
    token: Token,
}

pub struct SyllableStream<'a> {
    text: &'a str,
    syllables: crate::segment::SyllableIter<'a>,
    form: Form,
    token: &'a mut Token,
}

impl Tokenizer for SyllableTokenizer {
    type TokenStream<'a> = SyllableStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SyllableStream<'a> {
        self.token.reset();
        SyllableStream {
            text,
            syllables: crate::segment::syllable_iter(text),
            form: self.form,
            token: &mut self.token,
        }
    }
}

impl TokenStream for SyllableStream<'_> {
    fn advance(&mut self) -> bool {
        for t in self.syllables.by_ref() {
            self.token.position = self.token.position.wrapping_add(1);
            if t.end - t.start >= MAX_TOKEN_BYTES {
                continue;
            }
            let word = &self.text[t.start..t.end];
            self.token.text.clear();
            match self.form {
                Form::Lower => crate::normalize::push_lowercase(word, &mut self.token.text),
                Form::Folded => push_folded(word, &mut self.token.text),
            }
            self.token.offset_from = t.start;
            self.token.offset_to = t.end;
            self.token.position_length = 1;
            return true;
        }
        false
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Characters below this, and in [`LATIN_ADDITIONAL`], fold through
/// [`FOLD_TABLE`]: every letter of the Vietnamese alphabet.
const FOLD_LOW: u32 = 0x250;
/// Latin Extended Additional (ạ … ỹ).
const LATIN_ADDITIONAL: std::ops::Range<u32> = 0x1E00..0x1F00;

/// The one ASCII byte each character of `..FOLD_LOW` and
/// [`LATIN_ADDITIONAL`] folds to, 0 for one that folds to anything else:
/// built from [`crate::normalize::push_search_key`] itself, so the fast
/// path cannot disagree with it.
static FOLD_TABLE: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..FOLD_LOW)
        .chain(LATIN_ADDITIONAL)
        .map(|u| {
            let Some(c) = char::from_u32(u) else {
                return 0;
            };
            let mut out = String::new();
            crate::normalize::push_search_key(c.encode_utf8(&mut [0; 4]), &mut out);
            match out.as_bytes() {
                &[b] if b.is_ascii() => b,
                _ => 0,
            }
        })
        .collect()
});

/// [`crate::normalize::push_search_key`] of one syllable, through
/// [`FOLD_TABLE`] (a lookup per letter instead of a canonical
/// decomposition); other characters take the general path.
fn push_folded(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        // Only ASCII bytes were appended: lower-casing them keeps UTF-8.
        out[from..].make_ascii_lowercase();
        return;
    }
    let table = &*FOLD_TABLE;
    for c in word.chars() {
        let u = c as u32;
        let slot = if u < FOLD_LOW {
            Some(u as usize)
        } else if LATIN_ADDITIONAL.contains(&u) {
            Some((FOLD_LOW + u - LATIN_ADDITIONAL.start) as usize)
        } else {
            None
        };
        match slot.map(|i| table[i]) {
            Some(b) if b != 0 => out.push(b as char),
            _ => crate::normalize::push_search_key(c.encode_utf8(&mut [0; 4]), out),
        }
    }
}

pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(SyllableTokenizer {
        form: Form::Lower,
        token: Token::default(),
    })
}

pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(SyllableTokenizer {
        form: Form::Folded,
        token: Token::default(),
    })
}

pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Register the analyzers with `index` (needed on every open).
pub fn register(index: &Index) {
    let m = index.tokenizers();
    m.register(EXACT, exact_analyzer());
    m.register(FOLDED, folded_analyzer());
    m.register(KEYWORD, keyword_analyzer());
}

/// The token texts `analyzer` makes of `text` (already normalized).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// Exact-analyzer tokens of `text` (normalized first).
pub fn exact_tokens(text: &str) -> Vec<String> {
    tokens(&mut exact_analyzer(), &crate::normalize::normalize(text))
}

/// Folded-analyzer tokens of `text` (normalized first).
pub fn folded_tokens(text: &str) -> Vec<String> {
    tokens(&mut folded_analyzer(), &crate::normalize::normalize(text))
}

/// The keyword form of `text`: normalized, lower-cased, one token.
pub fn keyword(text: &str) -> String {
    crate::normalize::normalize(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_symbols() {
        assert_eq!(
            exact_tokens("Chỉ thị 01-CT/TW"),
            ["chỉ", "thị", "01", "ct", "tw"]
        );
        assert_eq!(
            folded_tokens("Chỉ thị 01-CT/TW"),
            ["chi", "thi", "01", "ct", "tw"]
        );
    }

    #[test]
    fn tone_variants_and_d_meet() {
        assert_eq!(exact_tokens("Hoà Uỷ"), exact_tokens("Hòa Ủy"));
        assert_eq!(folded_tokens("Đảng ĐOÀN"), ["dang", "doan"]);
        assert_eq!(
            folded_tokens("Nguyễn Thanh Hải"),
            ["nguyen", "thanh", "hai"]
        );
    }

    /// Every syllable, its position, lower-cased or folded, the long ones
    /// dropped: what the fused tokenizer must give.
    fn reference(text: &str, fold: bool) -> Vec<(String, usize, usize, usize)> {
        crate::segment::syllable_iter(text)
            .enumerate()
            .filter(|(_, t)| t.end - t.start < MAX_TOKEN_BYTES)
            .map(|(i, t)| {
                let w = &text[t.start..t.end];
                let w = if fold {
                    crate::normalize::search_key(w)
                } else {
                    w.to_lowercase()
                };
                (w, t.start, t.end, i)
            })
            .collect()
    }

    #[test]
    fn tokens_lowered_or_folded_with_positions() {
        let long = "A".repeat(MAX_TOKEN_BYTES);
        let text = format!("ĐẢNG Ủy {long} Hòa, ÂU Ý 01-CT/TW x{long}y Ωmega Straße");
        for (fold, mut analyzer) in [(false, exact_analyzer()), (true, folded_analyzer())] {
            let mut got = Vec::new();
            let mut s = analyzer.token_stream(&text);
            while let Some(t) = s.next() {
                got.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            assert_eq!(got, reference(&text, fold));
            assert_eq!(got[2].3, 3, "the dropped long syllable keeps its position");
        }
    }

    /// The fold table agrees with `search_key` on every character it
    /// covers and on those around it (the general path).
    #[test]
    fn fast_fold_agrees_with_search_key() {
        for u in (0..0x2100u32).chain(0x1D00..0x2000) {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            for word in [c.to_string(), format!("a{c}Đ"), format!("X{c}")] {
                let mut got = String::from("keep ");
                push_folded(&word, &mut got);
                assert_eq!(
                    got,
                    format!("keep {}", crate::normalize::search_key(&word)),
                    "U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn offsets_are_bytes_into_text() {
        let text = "ông Nguyễn, bà Hà";
        let mut a = folded_analyzer();
        let mut s = a.token_stream(text);
        let mut got = Vec::new();
        while let Some(t) = s.next() {
            got.push((text[t.offset_from..t.offset_to].to_string(), t.position));
        }
        assert_eq!(
            got,
            [
                ("ông".into(), 0),
                ("Nguyễn".into(), 1),
                ("bà".into(), 2),
                ("Hà".into(), 3)
            ]
        );
    }
}
