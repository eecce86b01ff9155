//! The regex crate's Unicode word boundary (`\b`), tested at one place, for
//! matchers that find candidates themselves (`event::fold::PhraseMatcher`)
//! and must agree with the regexes they replace.

use regex_automata::util::look::LookMatcher;
use std::sync::LazyLock;

static LOOK: LazyLock<LookMatcher> = LazyLock::new(LookMatcher::new);

/// Whether a Unicode word boundary (`\b`) holds at byte `at` of `text`.
#[inline]
pub fn word_boundary(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let ascii_word = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    // ASCII neighbours decide without the Unicode tables
    match (at.checked_sub(1).map(|i| b[i]), b.get(at)) {
        (Some(p), Some(&n)) if p.is_ascii() && n.is_ascii() => ascii_word(p) != ascii_word(n),
        _ => LOOK
            .is_word_unicode(b, at)
            .expect("Unicode word boundary data is compiled in"),
    }
}
