//! Step 4, `tone`: put every tone mark where the **old style** (kiểu cũ)
//! puts it, the convention of state administrative documents (the templates
//! of Nghị định 30/2020/NĐ-CP) and of most of the press: `hòa`, `hòe`,
//! `thúy`, `Ủy`, `Tỉnh ủy`, `khỏe`. New-style input (`hoà`, `hoè`, `thuý`,
//! `Uỷ`, `khoẻ`) is rewritten; case is preserved letter by letter.
//!
//! Each syllable (a run of letters, see [`crate::segment::syllable_iter`]) is
//! parsed as onset + vowel nucleus + final consonant. A syllable that does not
//! parse as Vietnamese (foreign words, `café`, acronyms, letters with marks
//! that Vietnamese does not use, more than one tone mark) is left alone.
//!
//! - Onsets: `ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v
//!   x` or none. In `qu` the `u`, and in `gi` + vowel the `i`, belong to the
//!   onset (`quý`, `quyết`, `giữa`, `giấy`); `gi` + consonant or end is
//!   `g` + `i` (`gì`, `gìn`).
//! - Finals: `c ch m n ng nh p t` or none.
//! - Nuclei: a ă â e ê i o ô ơ u ư y, ai ao au ay âu ây eo êu ia iê iu oa oă
//!   oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê, iêu yêu oai oao oay
//!   oeo uây uôi uya uyê uyu ươi ươu.
//!
//! Where the mark goes, in order:
//!
//! | nucleus | rule | examples |
//! |---|---|---|
//! | one vowel | on it | `quý`, `giữ`, `gì` |
//! | has ă â ê ô ơ ư | on the last of these (so `ươ` → ơ) | `người`, `được`, `thuở`, `khuyến`, `quyền`, `cuối`, `giữa`, `hoặc` |
//! | otherwise, with a final consonant | on the last vowel | `hoàn`, `huỳnh`, `khoét` |
//! | otherwise, three vowels, open | on the middle one | `ngoài`, `xoáy`, `khuỷu`, `ngoẹo` |
//! | otherwise, two vowels, open | on the first (**old style**; new style puts `oa oe uy` on the second) | `hòa`, `hòe`, `thủy`, `Ủy`, `mùa`, `chỉa`, `gửi` |
//!
//! Output stays NFC: every letter rewritten is a precomposed Vietnamese
//! letter, and syllables holding combining marks are never touched.

use std::borrow::Cow;

/// The twelve vowel letters, index = base id.
const BASES: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/// `[upper][base][tone]`; tone 0 = level, then grave, acute, hook, tilde, dot.
const FORMS: [[[char; 6]; 12]; 2] = [
    [
        ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
        ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
        ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
        ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
        ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
        ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
        ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
        ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
        ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
        ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
        ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
        ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
    ],
    [
        ['A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'],
        ['Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ'],
        ['Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ'],
        ['E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'],
        ['Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ'],
        ['I', 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị'],
        ['O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
        ['Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ'],
        ['Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ'],
        ['U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
        ['Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự'],
        ['Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'],
    ],
];

/// Longest syllable handled ("nghiêng" has 7 letters).
const MAX: usize = 8;

/// Code points covered by [`VOWEL_TABLE`]: U+00C0..U+01B0 and U+1EA0..U+1EF9.
const LOW: (u32, u32) = (0xC0, 0x1B1);
const HIGH: (u32, u32) = (0x1EA0, 0x1EFA);
const TABLE_LEN: usize = (LOW.1 - LOW.0 + HIGH.1 - HIGH.0) as usize;

#[inline]
const fn table_index(c: u32) -> Option<usize> {
    if c >= LOW.0 && c < LOW.1 {
        Some((c - LOW.0) as usize)
    } else if c >= HIGH.0 && c < HIGH.1 {
        Some((c - HIGH.0 + LOW.1 - LOW.0) as usize)
    } else {
        None
    }
}

/// Non-ASCII vowel letters → `0x8000 | modified << 8 | upper << 7 |
/// tone << 4 | base` (modified: ă â ê ô ơ ư); 0 for anything else. Built at compile time from [`FORMS`].
static VOWEL_TABLE: [u16; TABLE_LEN] = {
    let mut t = [0u16; TABLE_LEN];
    let mut up = 0;
    while up < 2 {
        let mut b = 0;
        while b < 12 {
            let mut tone = 0;
            while tone < 6 {
                if let Some(i) = table_index(FORMS[up][b][tone] as u32) {
                    let modified = matches!(b, 1 | 2 | 4 | 7 | 8 | 10) as u16;
                    t[i] =
                        0x8000 | modified << 8 | (up as u16) << 7 | (tone as u16) << 4 | b as u16;
                }
                tone += 1;
            }
            b += 1;
        }
        up += 1;
    }
    t
};

/// ASCII bytes: 0 separator, 1 consonant or digit, 2 vowel.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = match c | 0x20 {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => 2,
                _ => 1,
            };
        }
        b += 1;
    }
    t
};

/// One letter of a syllable, tone stripped.
#[derive(Clone, Copy)]
struct Letter {
    /// Lower-case letter without tone (`ơ`, `đ`, `n`).
    base: char,
    /// Index into [`BASES`] for vowels.
    vowel: Option<u8>,
    tone: u8,
    upper: bool,
}

#[inline]
fn letter(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        let l = c.to_ascii_lowercase();
        let vowel = match l {
            'a' => Some(0),
            'e' => Some(3),
            'i' => Some(5),
            'o' => Some(6),
            'u' => Some(9),
            'y' => Some(11),
            _ => None,
        };
        return Some(Letter {
            base: l,
            vowel,
            tone: 0,
            upper: c.is_ascii_uppercase(),
        });
    }
    match c {
        'đ' => {
            return Some(Letter {
                base: 'đ',
                vowel: None,
                tone: 0,
                upper: false,
            });
        }
        'Đ' => {
            return Some(Letter {
                base: 'đ',
                vowel: None,
                tone: 0,
                upper: true,
            });
        }
        _ => {}
    }
    let e = VOWEL_TABLE[table_index(c as u32)?];
    if e == 0 {
        return None;
    }
    let b = (e & 0xF) as u8;
    Some(Letter {
        base: BASES[b as usize],
        vowel: Some(b),
        tone: ((e >> 4) & 0x7) as u8,
        upper: e & 0x80 != 0,
    })
}

/// A vowel letter as (index into the twelve bases a ă â e ê i o ô ơ u ư y,
/// tone 0–5 (level, grave, acute, hook, tilde, dot), upper case).
pub(crate) fn vowel_parts(c: char) -> Option<(usize, u8, bool)> {
    let l = letter(c)?;
    Some((l.vowel? as usize, l.tone, l.upper))
}

/// The precomposed letter for [`vowel_parts`].
pub(crate) fn vowel_char(base: usize, tone: u8, upper: bool) -> char {
    FORMS[upper as usize][base][tone as usize]
}

/// Is `c` a vowel letter (any case, any tone)?
#[inline]
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'
    ) || (!c.is_ascii() && table_index(c as u32).is_some_and(|i| VOWEL_TABLE[i] != 0))
}

/// Length of the onset (see the module docs); `None` for `q` without `u`.
fn onset_len(b: &[char]) -> Option<usize> {
    let at = |i: usize| b.get(i).copied().unwrap_or(' ');
    Some(match (at(0), at(1), at(2)) {
        ('n', 'g', 'h') => 3,
        ('n', 'g' | 'h', _) | ('c' | 'k' | 'p' | 't', 'h', _) | ('g', 'h' | 'i', _) => 2,
        ('t', 'r', _) | ('q', 'u', _) => 2,
        ('q', _, _) => return None,
        (
            'b' | 'c' | 'd' | 'đ' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'r' | 's' | 't',
            _,
            _,
        ) => 1,
        ('v' | 'x', _, _) => 1,
        _ => 0,
    })
}

fn is_final(f: &[char]) -> bool {
    matches!(
        f,
        [] | ['c'] | ['c', 'h'] | ['m'] | ['n'] | ['n', 'g'] | ['n', 'h'] | ['p'] | ['t']
    )
}

fn is_nucleus(n: &[char]) -> bool {
    match n {
        [_] => true, // every vowel letter
        [a, b] => matches!(
            (a, b),
            ('a', 'i' | 'o' | 'u' | 'y')
                | ('â', 'u' | 'y')
                | ('e', 'o')
                | ('ê', 'u')
                | ('i', 'a' | 'ê' | 'u')
                | ('o', 'a' | 'ă' | 'e' | 'i' | 'o')
                | ('ô' | 'ơ', 'i')
                | ('u', 'a' | 'â' | 'ê' | 'i' | 'ô' | 'ơ' | 'y')
                | ('ư', 'a' | 'i' | 'ơ' | 'u')
                | ('y', 'ê')
        ),
        [a, b, c] => matches!(
            (a, b, c),
            ('i' | 'y', 'ê', 'u')
                | ('o', 'a', 'i' | 'o' | 'y')
                | ('o', 'e', 'o')
                | ('u', 'â', 'y')
                | ('u', 'ô', 'i')
                | ('u', 'y', 'a' | 'ê' | 'u')
                | ('ư', 'ơ', 'i' | 'u')
        ),
        _ => false,
    }
}

/// Where the tone mark belongs, as an index into `bases` (lower-case letters
/// without tone), or `None` when the syllable is not Vietnamese.
fn tone_position(bases: &[char]) -> Option<usize> {
    let vowel = |i: usize| bases.get(i).is_some_and(|&c| is_vowel(c));
    let mut onset = onset_len(bases)?;
    if onset == 2 && bases[0] == 'g' && bases[1] == 'i' && !vowel(2) {
        onset = 1; // gì, gìn: the i is the nucleus
    }
    if onset == 2 && bases[0] == 'q' && !vowel(2) {
        return None;
    }
    let mut end = onset;
    while vowel(end) {
        end += 1;
    }
    let nucleus = &bases[onset..end];
    let fin = &bases[end..];
    if nucleus.is_empty() || !is_nucleus(nucleus) || !is_final(fin) {
        return None;
    }
    let modified = nucleus
        .iter()
        .rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'));
    let at = match (modified, nucleus.len(), fin.is_empty()) {
        (Some(i), _, _) => i,
        (None, n, false) => n - 1,
        (None, 3, true) => 1,
        (None, _, true) => 0,
    };
    Some(onset + at)
}

/// The syllable rewritten, if its tone mark is misplaced.
fn retone(word: &str) -> Option<([char; MAX], usize)> {
    let mut letters = [Letter {
        base: ' ',
        vowel: None,
        tone: 0,
        upper: false,
    }; MAX];
    let mut bases = [' '; MAX];
    let mut orig = [' '; MAX];
    let mut n = 0;
    let mut marked = None;
    for c in word.chars() {
        if n == MAX {
            return None;
        }
        let l = letter(c)?;
        if l.tone != 0 {
            if marked.is_some() {
                return None;
            }
            marked = Some(n);
        }
        orig[n] = c;
        bases[n] = l.base;
        letters[n] = l;
        n += 1;
    }
    let from = marked?;
    let to = tone_position(&bases[..n])?;
    if to == from {
        return None;
    }
    let tone = letters[from].tone;
    let mut out = orig;
    for i in [from, to] {
        let l = letters[i];
        let b = l.vowel? as usize;
        out[i] = FORMS[l.upper as usize][b][if i == to { tone as usize } else { 0 }];
    }
    Some((out, n))
}

/// The char starting at byte `i` of valid UTF-8: (code point, length).
#[inline(always)]
fn decode_at(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i];
    let cont = |k: usize| (b[i + k] & 0x3F) as u32;
    match x {
        0..=0x7F => (x as u32, 1),
        0xC0..=0xDF => (((x & 0x1F) as u32) << 6 | cont(1), 2),
        0xE0..=0xEF => (((x & 0x0F) as u32) << 12 | cont(1) << 6 | cont(2), 3),
        _ => (
            ((x & 0x07) as u32) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        ),
    }
}

/// The char ending right before byte `i`: (code point, its start).
#[inline(always)]
fn decode_before(b: &[u8], i: usize) -> (u32, usize) {
    let mut k = i - 1;
    while k > 0 && b[k] & 0xC0 == 0x80 {
        k -= 1;
    }
    (decode_at(b, k).0, k)
}

/// [`VOWEL_TABLE`]'s entry for any code point; ASCII vowels are `0x8000`.
#[inline(always)]
fn entry(cp: u32) -> u16 {
    if cp < 0x80 {
        if ASCII_CLASS[cp as usize] == 2 {
            0x8000
        } else {
            0
        }
    } else {
        table_index(cp).map_or(0, |k| VOWEL_TABLE[k])
    }
}

#[inline(always)]
fn is_word(cp: u32, e: u16) -> bool {
    if cp < 0x80 {
        ASCII_CLASS[cp as usize] != 0
    } else {
        e != 0 || char::from_u32(cp).is_some_and(crate::segment::is_word_char)
    }
}

/// Only a syllable (a run of [`crate::segment::is_word_char`]) holding a
/// tone mark can change, and only when (a) the marked vowel has a vowel
/// next to it (else it is a one-vowel nucleus, or the syllable does not
/// parse) and (b) the mark is on a plain vowel (a e i o u y) or a modified
/// vowel (ă â ê ô ơ ư) follows it (the mark belongs on the last modified
/// vowel). So the scan stops only at the lead bytes of marked vowels (C3,
/// C4 A8/A9 ĩ, C5 A8/A9 ũ, E1 BA/BB), checks (a) and (b) on the neighbours,
/// and parses ([`retone`]) the few syllables that pass; the rest of the
/// text is copied in bulk.
pub fn step(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if !matches!(x, 0xC3..=0xC5 | 0xE1) {
            i += 1;
            continue;
        }
        let (cp, len) = decode_at(b, i);
        let e = entry(cp);
        let next = i + len;
        if e & 0x70 == 0 {
            i = next;
            continue;
        }
        let vowel_after = next < b.len() && entry(decode_at(b, next).0) != 0;
        let vowel_before = i > 0 && entry(decode_before(b, i).0) != 0;
        if !(vowel_after || vowel_before) {
            i = next;
            continue;
        }
        if e & 0x100 != 0 {
            // A modified vowel after the marked one, in the same syllable?
            let mut k = next;
            let mut found = false;
            while k < b.len() {
                let (c, l) = decode_at(b, k);
                let f = entry(c);
                if !is_word(c, f) {
                    break;
                }
                if f & 0x100 != 0 {
                    found = true;
                    break;
                }
                k += l;
            }
            if !found {
                i = next;
                continue;
            }
        }
        let mut st = i;
        while st > 0 {
            let (c, k) = decode_before(b, st);
            if !is_word(c, entry(c)) {
                break;
            }
            st = k;
        }
        let mut en = next;
        while en < b.len() {
            let (c, l) = decode_at(b, en);
            if !is_word(c, entry(c)) {
                break;
            }
            en += l;
        }
        if let Some((chars, n)) = retone(&s[st..en]) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..st]);
            o.extend(&chars[..n]);
            copied = en;
        }
        i = en;
    }
    super::finish(s, out, copied)
}

/// The definition [`step`] must agree with: every syllable parsed.
#[cfg(test)]
fn reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for t in crate::segment::syllable_iter(s) {
        if let Some((chars, n)) = retone(&s[t.start..t.end]) {
            out.push_str(&s[copied..t.start]);
            out.extend(&chars[..n]);
            copied = t.end;
        }
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        step(s).into_owned()
    }

    #[test]
    fn old_style_unchanged_and_borrowed() {
        let s = "hòa hòe thúy Ủy Tỉnh ủy khỏe người được quyền khuyến ngoài cuối";
        assert!(matches!(step(s), Cow::Borrowed(_)));
    }

    #[test]
    fn new_style_to_old() {
        assert_eq!(
            fix("hoà hoè thuý Uỷ Tỉnh uỷ khoẻ"),
            "hòa hòe thúy Ủy Tỉnh ủy khỏe"
        );
        assert_eq!(
            fix("Thuỷ lợi, hoạ sĩ, loà, xoè, luỹ"),
            "Thủy lợi, họa sĩ, lòa, xòe, lũy"
        );
    }

    #[test]
    fn preserves_case() {
        assert_eq!(fix("HOÀ BÌNH"), "HÒA BÌNH");
        assert_eq!(fix("UỶ BAN"), "ỦY BAN");
        assert_eq!(fix("Hoà"), "Hòa");
        assert_eq!(fix("ThuÝ"), "ThúY"); // case stays with the letter
    }

    #[test]
    fn qu_and_gi_onsets() {
        // Already right: the u/i belong to the onset.
        for w in [
            "quý", "quyết", "quyền", "giữa", "giấy", "gì", "gìn", "quả", "già",
        ] {
            assert_eq!(fix(w), w, "{w}");
        }
        // Misplaced onto the onset vowel.
        assert_eq!(fix("qúa"), "quá");
        assert_eq!(fix("gìa"), "già");
    }

    #[test]
    fn finals_put_mark_on_second_vowel() {
        assert_eq!(fix("hòan"), "hoàn");
        assert_eq!(fix("thúyêt"), "thuyết");
        assert_eq!(fix("thúyết"), "thúyết"); // two marks: left alone
        assert_eq!(fix("hùynh"), "huỳnh");
        assert_eq!(fix("khóet"), "khoét");
        assert_eq!(fix("hoàn thuyết quyền"), "hoàn thuyết quyền");
    }

    #[test]
    fn uo_horn_and_triples() {
        for w in [
            "người", "được", "ưởng", "thuở", "khuya", "khuyến", "ngoài", "cuối", "yêu", "hiếu",
            "xoáy", "khuấy", "khuỷu", "ngoẹo",
        ] {
            assert_eq!(fix(w), w, "{w}");
        }
        assert_eq!(fix("ngừơi"), "người");
        assert_eq!(fix("đựơc"), "được");
        assert_eq!(fix("ngòai"), "ngoài");
        assert_eq!(fix("cúôi"), "cuối");
        assert_eq!(fix("khủyu"), "khuỷu");
    }

    #[test]
    fn mark_before_a_later_modified_vowel_moves() {
        assert_eq!(fix("thúyên"), "thuyến");
        assert_eq!(fix("ngừơi"), "người");
        assert_eq!(fix("ngứơi"), "ngưới");
        // Two marks: the second one sets `suspect` and parsing rejects it.
        assert_eq!(fix("ngườí"), "ngườí");
    }

    #[test]
    fn foreign_words_untouched() {
        for w in ["café", "Pokémon", "naïve", "Zoë", "Ñoà", "hoà1"] {
            assert_eq!(fix(w), w, "{w}");
        }
        assert!(matches!(step("José Mourinho résumé"), Cow::Borrowed(_)));
    }

    #[test]
    fn anchored_scan_agrees_with_parsing_every_syllable() {
        // Syllables of up to three letters from vowels with and without
        // marks, consonants and onset letters, in every combination, each
        // alone and inside a sentence.
        let letters = [
            "a", "à", "ạ", "â", "ầ", "ơ", "ờ", "ư", "ừ", "o", "ò", "u", "ủ", "y", "ỳ", "i", "ì",
            "ê", "ế", "q", "g", "n", "h", "Đ", "Ò",
        ];
        let n = letters.len();
        for mut k in 0..n.pow(3) {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(letters[k % n]);
                k /= n;
            }
            for t in [w.clone(), format!("ng{w}c và {w}, {w}i ({w}t)")] {
                assert_eq!(step(&t), reference(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn two_marks_or_combining_left_alone() {
        assert_eq!(fix("hòà"), "hòà");
        assert_eq!(fix("hoa\u{300}\u{301}"), "hoa\u{300}\u{301}");
    }
}
