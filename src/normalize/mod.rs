//! Normalization: a pipeline of small named steps (modelled on Meilisearch's
//! charabia), each in its own file with a cheap guard that hands the input
//! back borrowed when it has nothing to do.
//!
//! | # | step | what it does |
//! |---|---|---|
//! | 1 | [`clean`] | strip BOM, zero-width and bidi characters, soft hyphen, stray controls; Ð/ð → Đ/đ |
//! | 2 | [`width`] | full-width ASCII (U+FF01–U+FF5E) → ASCII (before NFC, see its docs) |
//! | 3 | [`nfc`] | Unicode NFC |
//! | 4 | [`tone`] | tone marks in the old style: `hoà` → `hòa`, `Uỷ` → `Ủy` |
//! | 5 | [`whitespace`] | one space, `\n` line breaks, at most one blank line, trimmed |
//! | 6 | [`punctuation`] | typographic quotes, dashes, `…` → ASCII |
//!
//! Nothing else changes: no spelling fixes, case kept. [`normalize`] is
//! idempotent and its output is NFC (property-tested).

pub mod clean;
pub mod nfc;
pub mod punctuation;
pub mod tone;
pub mod whitespace;
pub mod width;

use std::borrow::Cow;

/// A normalization step.
pub type Step = fn(&str) -> Cow<'_, str>;

/// The steps, in the order [`normalize`] runs them.
pub const STEPS: &[(&str, Step)] = &[
    ("clean", clean::step),
    ("width", width::step),
    ("nfc", nfc::step),
    ("tone", tone::step),
    ("whitespace", whitespace::step),
    ("punctuation", punctuation::step),
];

/// Prefilter for the steps' guards: the start of the first 32-byte block at
/// or after `from` where `hit(b[i], b[i + 1])` holds for some `i` in the
/// block (the pair may reach one byte past it); quiet blocks are skipped with
/// a branch-free fold that the compiler vectorizes. Near the end of `b` it
/// stops skipping and returns the remaining position: callers always check
/// byte by byte from the returned index.
#[inline]
pub(crate) fn skip_quiet(b: &[u8], mut from: usize, hit: impl Fn(u8, u8) -> bool) -> usize {
    const N: usize = 32;
    while from + N < b.len() {
        let x = &b[from..from + N];
        let y = &b[from + 1..from + N + 1];
        if x.iter().zip(y).fold(false, |acc, (&p, &q)| acc | hit(p, q)) {
            return from;
        }
        from += N;
    }
    from
}

/// Byte offset of the first `i` where `hit(b[i], b[i + 1])` (the second byte
/// is 0 at the end), using [`skip_quiet`].
#[inline]
pub(crate) fn find_pair(b: &[u8], hit: impl Fn(u8, u8) -> bool + Copy) -> Option<usize> {
    let mut i = 0;
    while i < b.len() {
        i = skip_quiet(b, i, hit);
        let end = (i + 33).min(b.len());
        while i < end {
            if hit(b[i], b.get(i + 1).copied().unwrap_or(0)) {
                return Some(i);
            }
            i += 1;
        }
    }
    None
}

/// Rewrite `s` where [`find_pair`] finds a `hit` (which must only hold at
/// an ASCII byte or a UTF-8 lead byte, so on a char boundary) and `fix` maps
/// the char there to its replacement; everything between is copied in bulk.
/// Borrowed when nothing is replaced.
pub(crate) fn rewrite_hits(
    s: &str,
    hit: impl Fn(u8, u8) -> bool + Copy,
    fix: impl Fn(char) -> Option<&'static str>,
) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(j) = find_pair(&b[from..], hit).map(|j| from + j) {
        let c = s[j..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if let Some(r) = fix(c) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len() + 8));
            o.push_str(&s[copied..j]);
            o.push_str(r);
            copied = j + len;
        }
        from = j + len;
    }
    finish(s, out, copied)
}

/// The end of a step that copies `s` into `out` only from its first
/// change on: `s` itself when nothing changed, else `out` with the rest of
/// `s` after `copied`.
pub(crate) fn finish(s: &str, out: Option<String>, copied: usize) -> Cow<'_, str> {
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Run every step of [`STEPS`] in order.
pub fn normalize(input: &str) -> String {
    let mut cur: Cow<'_, str> = Cow::Borrowed(input);
    for (_, step) in STEPS {
        if let Cow::Owned(s) = step(&cur) {
            cur = Cow::Owned(s);
        }
    }
    cur.into_owned()
}

/// A key for accent- and case-insensitive matching: lower case, diacritics
/// removed, đ → d. `"Nguyễn Thanh Hải"` → `"nguyen thanh hai"`; `"Ủy"` and
/// `"Uỷ"` → `"uy"`. Nothing else changes (spaces and punctuation are kept).
pub fn search_key(input: &str) -> String {
    if input.is_ascii() {
        return input.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(input.len());
    push_search_key(input, &mut out);
    out
}

/// Append [`search_key`]`(input)` to `out` (the index analyzer reuses one
/// token buffer).
pub fn push_search_key(input: &str, out: &mut String) {
    for c in input.chars() {
        fold_char(c, |f| out.push(f));
    }
}

/// Append `input` lower-cased to `out`: the same as `str::to_lowercase`
/// char by char, with table-free paths for ASCII and the Vietnamese letters
/// (Latin-1 and Latin Extended Additional, where upper and lower case sit
/// side by side).
pub fn push_lowercase(input: &str, out: &mut String) {
    for c in input.chars() {
        match c as u32 {
            0..=0x7F => out.push(c.to_ascii_lowercase()),
            0xC0..=0xDE if c != '×' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            0x1EA0..=0x1EFF => out.push(char::from_u32(c as u32 | 1).unwrap_or(c)),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether `search_key(input) == key`, without allocating (snippets test
/// every syllable of a report against the searched ones).
pub fn search_key_eq(input: &str, key: &str) -> bool {
    let mut want = key.chars();
    let mut same = true;
    for c in input.chars() {
        fold_char(c, |f| same &= want.next() == Some(f));
        if !same {
            return false;
        }
    }
    want.next().is_none()
}

/// The characters `c` becomes in a search key (see [`search_key`]).
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        return emit(c.to_ascii_lowercase());
    }
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => emit('d'),
        _ => unicode_normalization::char::decompose_canonical(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                d.to_lowercase().for_each(&mut emit);
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_fast_paths_agree_with_std() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            let mut out = String::new();
            push_lowercase(&c.to_string(), &mut out);
            assert_eq!(out, c.to_lowercase().to_string(), "{c:?}");
        }
    }

    #[test]
    fn steps_in_order() {
        let names: Vec<&str> = STEPS.iter().map(|s| s.0).collect();
        assert_eq!(
            names,
            ["clean", "width", "nfc", "tone", "whitespace", "punctuation"]
        );
    }

    #[test]
    fn full_pipeline() {
        let input = "\u{FEFF}  Tỉnh  uỷ\u{A0}Thái Nguye\u{302}n “hoà”\u{200B} — khoẻ…\r\n\r\n\r\nÐảng １２ ";
        assert_eq!(
            normalize(input),
            "Tỉnh ủy Thái Nguyên \"hòa\" - khỏe...\n\nĐảng 12"
        );
    }

    #[test]
    fn find_pair_finds_first_hit_anywhere() {
        let hit = |p: u8, q: u8| p == b'x' && q == b'y';
        for n in [0usize, 1, 5, 31, 32, 33, 64, 65, 100] {
            let mut v = vec![b'a'; n + 70];
            assert_eq!(find_pair(&v, hit), None);
            v[n] = b'x';
            v[n + 1] = b'y';
            assert_eq!(find_pair(&v, hit), Some(n), "n={n}");
        }
        assert_eq!(find_pair(b"ax", |p, q| p == b'x' && q == 0), Some(1));
    }

    #[test]
    fn search_keys() {
        assert_eq!(search_key("Nguyễn Thanh Hải"), "nguyen thanh hai");
        assert_eq!(search_key("Ủy"), "uy");
        assert_eq!(search_key("Uỷ"), "uy");
        assert_eq!(search_key("ĐẢNG ỦY"), "dang uy");
        assert_eq!(search_key("Nguye\u{302}\u{303}n"), "nguyen");
        assert_eq!(search_key("UBND"), "ubnd");
    }
}
