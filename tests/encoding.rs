//! Decoding of report bytes: known bytes per encoding, detection on
//! realistic paragraphs, BOMs, invalid UTF-8, binary sniffing, and the legacy
//! twins of corpus reports (tests/fixtures/twins/).

use std::path::{Path, PathBuf};
use vntext::read::encoding::{Encoding, decode, encode, looks_binary};

fn forced(bytes: &[u8], enc: Encoding) -> String {
    decode(bytes, Some(enc)).text
}

/// Bytes written with `b"..."` literals are the hand-checked codes of each
/// table (TCVN 5712 VN1, RFC 1456 VISCII, VNI-Windows, Windows-1258).
#[test]
fn tcvn3_known_bytes() {
    let t = Encoding::Tcvn3;
    assert_eq!(forced(b"Ngh\xde quy\xd5t", t), "Nghị quyết");
    assert_eq!(
        forced(b"T\xd8nh \xf1y Th\xb8i Nguy\xaan", t),
        "Tỉnh ủy Thái Nguyên"
    );
    assert_eq!(forced(b"\xa7\xb6ng", t), "Đảng");
    assert_eq!(forced(b"ng\xad\xeai", t), "người");
    // VN1 upper-case codes.
    assert_eq!(forced(b"\x9ey ban", t), "Ủy ban");
    assert_eq!(forced(b"NGH\x91 QUY\xdaT", t), "NGHỊ QUYẾT");
    assert_eq!(forced(b"B\x97 N\x94I V\x9e", t), "BỘ NÕI VỦ");
    // Combining tone marks 0xB0-0xB4 compose.
    assert_eq!(forced(b"ba\xb3 \xaa\xb0", t), "bá ề");
}

#[test]
fn tcvn3_abc_capitals_written_with_lower_case_codes() {
    let t = Encoding::Tcvn3;
    // All-caps words and lines: ABC writes Ủ, Ị, Ế, Ả with lower-case codes.
    assert_eq!(forced(b"\xf1Y BAN NH\xa2N D\xa2N", t), "ỦY BAN NHÂN DÂN");
    assert_eq!(forced(b"NGH\xde QUY\xd5T", t), "NGHỊ QUYẾT");
    assert_eq!(forced(b"\xa7\xb6NG C\xe9NG S\xb6N", t), "ĐẢNG CỘNG SẢN");
    // Sentence starts.
    assert_eq!(
        forced(b"\xf1y ban h\xe4p. \xeb \xae\xa9y.", t),
        "Ủy ban họp. Ở đây."
    );
    // Heads of organization names before a capitalized word, and names.
    assert_eq!(
        forced(b"c\xf1a \xf1y ban Ki\xd3m tra", t),
        "của Ủy ban Kiểm tra"
    );
    assert_eq!(
        forced(b"b\xb5 Phan Th\xde Ng\xe4c \xb8nh", t),
        "bà Phan Thị Ngọc Ánh"
    );
    // Title case and mid-sentence words stay as written.
    assert_eq!(forced(b"h\xe4p \xeb H\xb5 N\xe9i", t), "họp ở Hà Nội");
    assert_eq!(
        forced(b"B\xe9 Y t\xd5 c\xf1a \xf1y ban", t),
        "Bộ Y tế của ủy ban"
    );
}

#[test]
fn tcvn3_windows_punctuation_is_kept() {
    let t = Encoding::Tcvn3;
    assert_eq!(
        forced(b"\x93Ngh\xde quy\xd5t\x94 \x96 \x95 m\xe9t\x85", t),
        "\u{201c}Nghị quyết\u{201d} \u{2013} \u{2022} một\u{2026}"
    );
    assert_eq!(forced(b"\x93V\x94 ok", t), "\u{201c}V\u{201d} ok");
    assert_eq!(forced(b"V\x94 ok", t), "VÕ ok");
}

#[test]
fn vni_known_bytes() {
    let v = Encoding::Vni;
    assert_eq!(forced(b"Ngh\xf2 quye\xe1t", v), "Nghị quyết");
    assert_eq!(
        forced(b"T\xe6nh u\xfby Tha\xf9i Nguye\xe2n", v),
        "Tỉnh ủy Thái Nguyên"
    );
    assert_eq!(forced(b"\xd1a\xfbng", v), "Đảng");
    assert_eq!(forced(b"ng\xf6\xf4\xf8i", v), "người");
    assert_eq!(forced(b"U\xdby ban", v), "Ủy ban");
    assert_eq!(
        forced(b"NGH\xd2 QUYE\xc1T \xd1A\xdbNG", v),
        "NGHỊ QUYẾT ĐẢNG"
    );
    // Mixed-case diacritic byte after a capital base.
    assert_eq!(forced(b"U\xfby", v), "Ủy");
    // ă series and ỵ.
    assert_eq!(forced(b"na\xeam ma\xe9t k\xee", v), "năm mắt kỵ");
}

#[test]
fn viscii_known_bytes() {
    let v = Encoding::Viscii;
    assert_eq!(forced(b"Ngh\xb8 quy\xaat", v), "Nghị quyết");
    assert_eq!(
        forced(b"T\xefnh \xfcy Th\xe1i Nguy\xean", v),
        "Tỉnh ủy Thái Nguyên"
    );
    assert_eq!(forced(b"\xd0\xe4ng", v), "Đảng");
    assert_eq!(forced(b"ng\xdf\xb6i", v), "người");
    assert_eq!(forced(b"\x9cy ban", v), "Ủy ban");
    // Letters in C0 control positions.
    assert_eq!(forced(b"\x1e \x05 \x14", v), "Ỵ Ẵ Ỷ");
}

#[test]
fn windows_1258_known_bytes() {
    let w = Encoding::Windows1258;
    assert_eq!(forced(b"Nghi\xf2 quy\xea\xect", w), "Nghị quyết");
    assert_eq!(forced(b"\xd0a\xd2ng", w), "Đảng");
    assert_eq!(forced(b"ng\xfd\xf5\xcci", w), "người");
    assert_eq!(forced(b"U\xd2y ban", w), "Ủy ban");
    assert_eq!(
        encode("Tỉnh ủy Thái Nguyên", w).unwrap(),
        b"Ti\xd2nh u\xd2y Th\xe1i Nguy\xean"
    );
}

const PARAGRAPH: &str = "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\n\n\
Ngày 15 tháng 3 năm 2021, Ban Chấp hành Đảng bộ tỉnh Thái Nguyên đã tổ chức hội nghị \
lần thứ ba để đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của tỉnh \
trong năm qua. Ủy ban nhân dân tỉnh báo cáo những kết quả đạt được, các hạn chế và \
nguyên nhân. Đồng chí Nguyễn Thanh Hải, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, \
chủ trì hội nghị và yêu cầu các cấp ủy tập trung lãnh đạo, chỉ đạo thực hiện tốt \
các mục tiêu đã đề ra, bảo đảm quốc phòng, an ninh và nâng cao đời sống của người dân.\n";

#[test]
fn detection_picks_each_legacy_encoding() {
    for enc in [
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
    ] {
        let bytes = encode(PARAGRAPH, enc).unwrap();
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, enc, "{enc}: {:?}", d.warnings);
        assert_eq!(d.text, PARAGRAPH, "{enc}");
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with(&format!("encoding guessed: {}", enc.name()))),
            "{enc}: {:?}",
            d.warnings
        );
    }
}

#[test]
fn utf8_with_and_without_bom() {
    let d = decode(PARAGRAPH.as_bytes(), None);
    assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf8, PARAGRAPH));
    assert!(d.warnings.is_empty());
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(PARAGRAPH.as_bytes());
    let d = decode(&bom, None);
    assert_eq!((d.encoding, d.text.as_str()), (Encoding::Utf8, PARAGRAPH));
}

#[test]
fn utf16_with_bom_and_without() {
    for (enc, bom) in [
        (Encoding::Utf16Le, &b"\xff\xfe"[..]),
        (Encoding::Utf16Be, &b"\xfe\xff"[..]),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(encode(PARAGRAPH, enc).unwrap());
        assert!(!looks_binary(&bytes));
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, enc);
        assert_eq!(d.text, PARAGRAPH);
        assert!(d.warnings.is_empty());
        // Without BOM: recognised from the NUL pattern, with a warning.
        let d = decode(&bytes[2..], None);
        assert_eq!(d.encoding, enc);
        assert_eq!(d.text, PARAGRAPH);
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    }
}

#[test]
fn invalid_utf8_in_the_middle_warns() {
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    let at = PARAGRAPH.find("Ủy ban").unwrap();
    bytes.insert(at, 0xff);
    bytes.insert(at, 0xfe);
    let d = decode(&bytes, None);
    assert_eq!(d.encoding, Encoding::Utf8);
    assert!(d.text.contains('\u{fffd}'));
    assert!(d.text.contains("Ủy ban nhân dân"));
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].contains("2 byte(s) replaced"),
        "{:?}",
        d.warnings
    );
    assert!(
        d.warnings[0].contains(&format!("byte {at}")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn unmapped_bytes_warn_without_panicking() {
    // 0x81 is undefined in Windows-1252, which VNI falls back to.
    let d = decode(b"abc \x81 def", Some(Encoding::Vni));
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    // Every byte value decodes in every encoding.
    let all: Vec<u8> = (0..=255u8).collect();
    for enc in Encoding::ALL {
        let _ = decode(&all, Some(enc));
    }
    let _ = decode(&all, None);
}

#[test]
fn encode_refuses_what_cannot_be_represented() {
    assert_eq!(encode("漢字", Encoding::Viscii), None);
    assert_eq!(encode("€", Encoding::Viscii), None);
    assert_eq!(encode("Ω", Encoding::Tcvn3), None);
    assert_eq!(encode("ж", Encoding::Vni), None);
    assert_eq!(encode("ж", Encoding::Windows1258), None);
}

#[test]
fn binary_sniffing() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert!(looks_binary(png));
    let mut nul_heavy = vec![0u8; 100];
    nul_heavy.extend_from_slice(b"some text");
    assert!(looks_binary(&nul_heavy));
    let controls: Vec<u8> = (0..400u32).map(|i| (i % 8) as u8 + 1).collect();
    assert!(looks_binary(&controls));
    assert!(!looks_binary(PARAGRAPH.as_bytes()));
    for enc in [
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Windows1258,
    ] {
        assert!(!looks_binary(&encode(PARAGRAPH, enc).unwrap()), "{enc}");
    }
    assert!(!looks_binary(b""));
    // NULs in alternate positions but binary content is not UTF-16 text.
    let pseudo: Vec<u8> = (0..512u32).flat_map(|i| [(i % 7) as u8 + 1, 0]).collect();
    assert!(looks_binary(&pseudo));
}

// ------------------------------------------------------------ legacy twins

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/twins/ENCODINGS.txt`: `name<TAB>encoding` per line.
fn manifest() -> Vec<(String, Encoding)> {
    let path = root().join("tests/fixtures/twins/ENCODINGS.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, enc) = l.split_once('\t').expect("name<TAB>encoding");
            (name.to_string(), enc.trim().parse().expect("encoding name"))
        })
        .collect()
}

/// Every UTF-8 original in tests/fixtures/twins/ has a legacy twin in
/// corpus/ that detection decodes back to the same normalized text.
#[test]
fn legacy_twins_decode_to_their_utf8_originals() {
    let dir = root().join("tests/fixtures/twins");
    let manifest = manifest();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // no twins made yet
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "ENCODINGS.txt" || !name.ends_with(".txt") {
            continue;
        }
        let intended = manifest
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, e)| *e)
            .unwrap_or_else(|| panic!("{name} is not in ENCODINGS.txt"));
        let original = std::fs::read_to_string(&path).unwrap();
        let legacy = std::fs::read(root().join("corpus").join(&name)).unwrap();
        assert!(!looks_binary(&legacy), "{name}");
        let d = decode(&legacy, None);
        assert_eq!(d.encoding, intended, "{name}: {:?}", d.warnings);
        assert_eq!(
            vntext::normalize::normalize(&d.text),
            vntext::normalize::normalize(&original),
            "{name}"
        );
        checked += 1;
    }
    assert_eq!(checked, manifest.len(), "manifest and twins differ");
}

/// Regenerate corpus/<name> from tests/fixtures/twins/<name> for every
/// manifest entry: `cargo test --test encoding -- --ignored make_legacy_twins`.
#[test]
#[ignore]
fn make_legacy_twins() {
    for (name, enc) in manifest() {
        let original = std::fs::read_to_string(root().join("tests/fixtures/twins").join(&name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = encode(&original, enc).unwrap_or_else(|| panic!("{name}: not {enc}"));
        let out: &Path = &root().join("corpus").join(&name);
        std::fs::write(out, bytes).unwrap();
    }
}
