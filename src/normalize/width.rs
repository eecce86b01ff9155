//! Step 2, `width`: full-width ASCII forms (U+FF01–U+FF5E, e.g. `１２`, `：`,
//! `ＵＢＮＤ`) → ASCII.
//!
//! This runs *before* NFC on purpose: a full-width letter followed by a
//! combining mark (`ｅ` + U+0301) is NFC, but once folded to `e` + U+0301 it
//! must be composed to `é`. Folding later would leave non-NFC output and break
//! idempotence. (The ideographic space U+3000 is handled by
//! [`super::whitespace`].)

use std::borrow::Cow;

#[inline]
fn is_fullwidth(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

pub fn step(s: &str) -> Cow<'_, str> {
    // Every full-width form is encoded EF BC xx or EF BD xx.
    let Some(at) = super::find_pair(s.as_bytes(), |p, q| p == 0xEF && (q == 0xBC || q == 0xBD))
    else {
        return Cow::Borrowed(s);
    };
    let Some(at) = s[at..].find(is_fullwidth).map(|i| at + i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    out.extend(s[at..].chars().map(|c| {
        if is_fullwidth(c) {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        } else {
            c
        }
    }));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_vietnamese_borrowed() {
        assert!(matches!(step("Ngày 9/3/2021"), Cow::Borrowed(_)));
        assert!(matches!(step("Tỉnh ủy ｡"), Cow::Borrowed(_)));
    }

    #[test]
    fn folds_fullwidth() {
        assert_eq!(step("Ｎgày １２／３！"), "Ngày 12/3!");
        assert_eq!(step("ＵＢＮＤ（tỉnh）～"), "UBND(tỉnh)~");
    }
}
