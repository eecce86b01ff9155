//! Normalization: whole-pipeline behaviour and properties (idempotence, NFC,
//! tone-mark placement independent of the input convention).

use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc};
use vntext::normalize::{STEPS, normalize, search_key, search_key_eq};

#[test]
fn pipeline_examples() {
    assert_eq!(normalize("Tỉnh uỷ  Thái Nguyên"), "Tỉnh ủy Thái Nguyên");
    assert_eq!(
        normalize("UBND tỉnh Hoà Bình\u{A0}– “Kế hoạch”…"),
        "UBND tỉnh Hòa Bình - \"Kế hoạch\"..."
    );
    assert_eq!(
        normalize("Thuỷ\r\n\r\n\r\n\r\nkhoẻ mạnh \n"),
        "Thủy\n\nkhỏe mạnh"
    );
    // NFD input with new-style tone placement.
    let nfd: String = "Uỷ ban nhân dân tỉnh Khánh Hoà".nfd().collect();
    assert_eq!(normalize(&nfd), "Ủy ban nhân dân tỉnh Khánh Hòa");
    // Legacy eth, zero-width and full-width digits.
    assert_eq!(
        normalize("Ðồng\u{200B} chí\u{AD} ngày １１/３"),
        "Đồng chí ngày 11/3"
    );
    // Nothing else: case, spelling and foreign words are kept.
    assert_eq!(
        normalize("COVID-19 café Zoë xin chao"),
        "COVID-19 café Zoë xin chao"
    );
}

/// The old style is the one convention: old-style words stay, their
/// new-style spellings are mapped to them; words spelt the same in both
/// styles never change.
#[test]
fn old_style_tone_convention() {
    let pairs = [
        ("hòa", "hoà"),
        ("Hòa", "Hoà"),
        ("hòe", "hoè"),
        ("thúy", "thuý"),
        ("Ủy", "Uỷ"),
        ("ủy", "uỷ"),
        ("khỏe", "khoẻ"),
        ("họa", "hoạ"),
        ("lũy", "luỹ"),
        ("tùy", "tuỳ"),
        ("thủy", "thuỷ"),
        ("xõa", "xoã"),
        ("lòe", "loè"),
        ("ỦY", "UỶ"),
        ("HÒA", "HOÀ"),
    ];
    for (old, new) in pairs {
        assert_eq!(normalize(old), old);
        assert_eq!(normalize(new), old, "{new}");
    }
    let same = "quý quyết quyền giữa giấy gì hoàn thuyết người được ưởng thuở khuya \
                khuyến ngoài cuối yêu hiếu xoáy khuấy khuỷu huỳnh hoạch khoét tuần \
                quá già mùa mía của gửi đầu nếu mới tối thuế Huế chiều";
    assert_eq!(normalize(same), same);
}

#[test]
fn every_step_borrows_normalized_text() {
    let text = normalize("Bí thư Tỉnh ủy, “thủy lợi” — hòa bình…\n\n\nĐoạn\tmới\u{A0}.");
    for (name, step) in STEPS {
        assert!(
            matches!(step(&text), std::borrow::Cow::Borrowed(_)),
            "step {name} changed normalized text"
        );
    }
}

#[test]
fn search_key_folds() {
    assert_eq!(search_key("Nguyễn Thanh Hải"), "nguyen thanh hai");
    assert_eq!(search_key(&normalize("Uỷ")), search_key("Ủy"));
    assert_eq!(search_key("Đảng bộ"), "dang bo");
}

// ---- generated Vietnamese-like text --------------------------------------

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô",
    "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi",
    "uya", "uyê", "uyu", "ươi", "ươu",
];
const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
const TONES: &[char] = &['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    "  ",
    "\u{A0}",
    "\t",
    "\n",
    "\r\n",
    "\n\n\n",
    ", ",
    ". ",
    "\u{200B}",
    "…",
    " “",
    "” ",
    " — ",
    "\u{3000}",
    " \u{2009}",
];

fn is_vowel(c: char) -> bool {
    "aăâeêioôơuưy".contains(c)
}

/// A syllable with `tone` placed after its `k`-th vowel letter (mod count).
fn render(base: &str, tone: char, k: usize, upper: u8) -> String {
    let vowels = base.chars().filter(|&c| is_vowel(c)).count();
    let k = k % vowels;
    let mut s = String::new();
    let mut seen = 0;
    for (i, c) in base.chars().enumerate() {
        let c = match upper {
            1 if i == 0 => c.to_uppercase().next().unwrap(),
            2 => c.to_uppercase().next().unwrap(),
            _ => c,
        };
        s.push(c);
        if is_vowel(c.to_lowercase().next().unwrap()) {
            if seen == k {
                s.push(tone);
            }
            seen += 1;
        }
    }
    s
}

fn syllable_base() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ONSETS),
        prop::sample::select(NUCLEI),
        prop::sample::select(FINALS),
    )
        .prop_map(|(o, n, f)| format!("{o}{n}{f}"))
}

/// One syllable: random tone on a random vowel, NFC or NFD, random case.
fn syllable() -> impl Strategy<Value = String> {
    (
        syllable_base(),
        prop::option::of(prop::sample::select(TONES)),
        any::<usize>(),
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(b, t, k, up, nfd)| {
            let s = match t {
                Some(t) => render(&b, t, k, up),
                None => render(&b, '\u{34F}', k, up).replace('\u{34F}', ""),
            };
            if nfd {
                s.nfd().collect()
            } else {
                s.nfc().collect()
            }
        })
}

fn vietnamese_text() -> impl Strategy<Value = String> {
    prop::collection::vec((syllable(), prop::sample::select(SEPARATORS)), 0..30).prop_map(|v| {
        v.into_iter()
            .flat_map(|(s, sep)| [s, sep.to_string()])
            .collect()
    })
}

/// Arbitrary strings weighted towards the characters the steps care about.
fn tricky_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        ' ', '\n', '\r', '\t', '\u{A0}', '\u{2029}', '\u{2028}', '\u{85}', '\u{0B}', '\u{FEFF}',
        '\u{200B}', '\u{AD}', '\u{0}', '\u{300}', '\u{301}', '\u{302}', '\u{309}', '\u{323}',
        '\u{31B}', '\u{338}', 'Ð', 'ð', 'ｅ', '＝', '１', '“', '…', '—', 'o', 'a', 'u', 'y', 'ư',
        'à', 'ỷ', 'q', 'g', 'i', 'n', 'h', '=', '.',
    ]);
    prop::collection::vec(prop_oneof![special, any::<char>()], 0..40)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The allocation-free comparison agrees with building the key.
    #[test]
    fn search_key_eq_agrees_with_search_key(a in prop_oneof![tricky_text(), vietnamese_text()], b in prop_oneof![tricky_text(), vietnamese_text()]) {
        let key = search_key(&a);
        prop_assert!(search_key_eq(&a, &key));
        prop_assert_eq!(search_key_eq(&a, &b), key == b);
        prop_assert_eq!(search_key_eq(&a, &search_key(&b)), key == search_key(&b));
    }

    #[test]
    fn idempotent_and_nfc_on_arbitrary(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn idempotent_and_nfc_on_tricky(s in tricky_text()) {
        let once = normalize(&s);
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn idempotent_and_nfc_on_vietnamese(s in vietnamese_text()) {
        let once = normalize(&s);
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(normalize(&once), once);
    }

    /// The chunked NFC step equals NFC of the whole text, on texts long
    /// enough to be cut into several chunks.
    #[test]
    fn nfc_step_matches_reference(parts in prop::collection::vec(prop_oneof![tricky_text(), vietnamese_text()], 1..40)) {
        let s: String = parts.concat();
        let expected: String = s.nfc().collect();
        prop_assert_eq!(vntext::normalize::nfc::step(&s).into_owned(), expected);
    }

    /// The guards never make a step redo work on text that is already
    /// normalized (every step hands it back borrowed).
    #[test]
    fn steps_borrow_normalized_output(s in prop_oneof![tricky_text(), vietnamese_text()]) {
        let once = normalize(&s);
        for (name, step) in STEPS {
            prop_assert!(
                matches!(step(&once), std::borrow::Cow::Borrowed(_)),
                "step {} changed {:?}", name, once
            );
        }
    }

    /// Wherever the input puts the tone mark, and whatever the case or
    /// normalization form, the output is the same: one convention.
    #[test]
    fn tone_placement_is_canonical(
        b in syllable_base(),
        t in prop::sample::select(TONES),
        k1 in any::<usize>(),
        k2 in any::<usize>(),
        up in 0u8..3,
    ) {
        let a = normalize(&render(&b, t, k1, up));
        let c = normalize(&render(&b, t, k2, up).nfd().collect::<String>());
        prop_assert_eq!(&a, &c);
        // And it never loses or changes letters: only the mark moves.
        prop_assert_eq!(search_key(&a), search_key(&render(&b, t, k1, up)));
    }
}
