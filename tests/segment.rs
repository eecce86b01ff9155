//! Sentence and syllable segmentation on the tricky cases of Vietnamese
//! reports.

use proptest::prelude::*;
use vntext::model::SegmentKind;
use vntext::normalize::normalize;
use vntext::segment::{Token, segments, sentences, syllable_iter, syllables};

fn split(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn basic_terminators() {
    assert_eq!(
        split("Hội nghị bắt đầu. Ai dự? Rất đông! Xong."),
        ["Hội nghị bắt đầu.", "Ai dự?", "Rất đông!", "Xong."]
    );
    assert_eq!(split("Thật sao?! Đúng vậy."), ["Thật sao?!", "Đúng vậy."]);
}

#[test]
fn line_break_always_ends_a_sentence() {
    assert_eq!(
        split("Tiêu đề không dấu chấm\nDòng hai, TP.\nDòng ba\n\n  Đoạn mới.  "),
        [
            "Tiêu đề không dấu chấm",
            "Dòng hai, TP.",
            "Dòng ba",
            "Đoạn mới."
        ]
    );
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        split(
            "Đoàn đến TP. Hồ Chí Minh. PGS.TS. Nguyễn Văn An phát biểu. Ông ở Q. 1, Tp. Thủ Đức."
        ),
        [
            "Đoàn đến TP. Hồ Chí Minh.",
            "PGS.TS. Nguyễn Văn An phát biểu.",
            "Ông ở Q. 1, Tp. Thủ Đức."
        ]
    );
    assert_eq!(
        split("Có GS. Trần Bình, ThS. Lê Hoa, BS. Mai và KS. Đào. Hết."),
        ["Có GS. Trần Bình, ThS. Lê Hoa, BS. Mai và KS. Đào.", "Hết."]
    );
    // An acronym written without a period is not an abbreviation.
    assert_eq!(
        split("Ý kiến gửi về UBND. Sau đó họp."),
        ["Ý kiến gửi về UBND.", "Sau đó họp."]
    );
    // In brackets.
    assert_eq!(
        split("Tại (TP. Huế) có mưa. Tốt."),
        ["Tại (TP. Huế) có mưa.", "Tốt."]
    );
}

#[test]
fn numbers_stay_whole() {
    assert_eq!(
        split("Thu 1.000.000 đồng ngày 9.3.2021, tăng 3.5%. Năm sau khác."),
        [
            "Thu 1.000.000 đồng ngày 9.3.2021, tăng 3.5%.",
            "Năm sau khác."
        ]
    );
}

#[test]
fn ellipsis() {
    assert_eq!(
        split("Các ngành... đều tham gia. Nhiều việc... Sau đó nghỉ."),
        [
            "Các ngành... đều tham gia.",
            "Nhiều việc...",
            "Sau đó nghỉ."
        ]
    );
    assert_eq!(split("Chờ đợi… Rồi xong."), ["Chờ đợi…", "Rồi xong."]);
    // Omission marks in a quotation stay inside the sentence.
    assert_eq!(
        split("Ông nói: \"Chúng ta (...) Tỉnh ủy sẽ làm [...] Đảng bộ (?) Tốt.\" Xong."),
        [
            "Ông nói: \"Chúng ta (...) Tỉnh ủy sẽ làm [...] Đảng bộ (?) Tốt.\"",
            "Xong."
        ]
    );
}

#[test]
fn closing_quote_belongs_to_its_sentence() {
    assert_eq!(
        split("Ông nói: \"Tốt.\" Sau đó ra về."),
        ["Ông nói: \"Tốt.\"", "Sau đó ra về."]
    );
    assert_eq!(
        split("Bà hỏi: “Ai đến?” Không ai trả lời. (Xem Điều 5.) Hết."),
        [
            "Bà hỏi: “Ai đến?”",
            "Không ai trả lời.",
            "(Xem Điều 5.)",
            "Hết."
        ]
    );
    // A quoted question followed by lower case continues the sentence.
    assert_eq!(split("\"Sao vậy?\" anh hỏi."), ["\"Sao vậy?\" anh hỏi."]);
}

#[test]
fn period_before_lower_case_does_not_split() {
    assert_eq!(
        split("Gồm xi măng, sắt thép v.v. và các vật tư khác. Xong."),
        ["Gồm xi măng, sắt thép v.v. và các vật tư khác.", "Xong."]
    );
    assert_eq!(
        split("Tr. 15 có bảng. xem tiếp."),
        ["Tr. 15 có bảng. xem tiếp."]
    );
}

#[test]
fn list_markers_and_next_sentence_in_quotes() {
    assert_eq!(
        split("1. Mở đầu nội dung. 2. Kết luận.\nII. Nhiệm vụ"),
        ["1. Mở đầu nội dung.", "2. Kết luận.", "II. Nhiệm vụ"]
    );
    assert_eq!(
        split("1.2. Nội dung chính.\na. Ý thứ nhất."),
        ["1.2. Nội dung chính.", "a. Ý thứ nhất."]
    );
    assert_eq!(
        split("Xong rồi. \"Tốt lắm\", ông nói."),
        ["Xong rồi.", "\"Tốt lắm\", ông nói."]
    );
    // A sentence may end in a single capital letter that is not listed.
    assert_eq!(
        split("Đạt loại A. Năm sau tốt hơn."),
        ["Đạt loại A.", "Năm sau tốt hơn."]
    );
}

#[test]
fn ranges_are_trimmed_ordered_and_disjoint() {
    let text = normalize("  Câu một.   Câu hai!\n\n\nCâu ba… Câu bốn  ");
    let r = sentences(&text);
    assert_eq!(r.len(), 4);
    for w in r.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for s in &r {
        let t = &text[s.clone()];
        assert_eq!(t, t.trim());
        assert!(!t.is_empty());
    }
    assert!(sentences("").is_empty());
    assert!(sentences(" \n \n").is_empty());
}

#[test]
fn syllable_tokens() {
    let text = "Tỉnh ủy Thái Nguyên: 01-CT/TW.";
    let words: Vec<&str> = syllables(text)
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect();
    assert_eq!(words, ["Tỉnh", "ủy", "Thái", "Nguyên", "01", "CT", "TW"]);
    assert_eq!(syllable_iter(text).count(), 7);
    assert_eq!(syllables("ủy")[0], Token { start: 0, end: 4 });
}

proptest! {
    /// Ranges are ordered, disjoint, trimmed, non-empty, on char boundaries,
    /// never span a line break, and together cover every non-space character.
    #[test]
    fn sentence_ranges_are_well_formed(
        s in "([A-Za-zđĐàảãáạăằẳẵắặâầẩẫấậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ0-9]{1,6}[ .!?,\"()…\n]{1,3}){0,40}"
    ) {
        let text = normalize(&s);
        let ranges = sentences(&text);
        let mut covered = 0;
        let mut last_end = 0;
        for r in &ranges {
            prop_assert!(r.start >= last_end && r.start < r.end);
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let t = &text[r.clone()];
            prop_assert_eq!(t, t.trim());
            prop_assert!(!t.contains('\n'));
            covered += t.chars().filter(|c| !c.is_whitespace()).count();
            last_end = r.end;
        }
        prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    }
}

#[test]
fn a_glued_credit_is_its_own_sentence() {
    assert_eq!(
        split("Quang cảnh buổi làm việc. Ảnh: Minh Hà/TTXVN Tham dự có đồng chí Lê An."),
        [
            "Quang cảnh buổi làm việc.",
            "Ảnh: Minh Hà/TTXVN",
            "Tham dự có đồng chí Lê An."
        ]
    );
    // agency first: the capitalised word before a lower-case one opens the
    // next sentence
    assert_eq!(
        split("Bộ trưởng phát biểu. Ảnh: VGP/Thanh Tâm Phát biểu tại lễ, ông An cảm ơn."),
        [
            "Bộ trưởng phát biểu.",
            "Ảnh: VGP/Thanh Tâm",
            "Phát biểu tại lễ, ông An cảm ơn."
        ]
    );
    // a credit in brackets inside a sentence
    assert_eq!(
        split("Bộ trưởng phát biểu tại hội nghị (Ảnh: QT) Tới dự có ông An."),
        [
            "Bộ trưởng phát biểu tại hội nghị (Ảnh: QT)",
            "Tới dự có ông An."
        ]
    );
    // Trap: "ảnh:" in lower case inside prose is no credit.
    assert_eq!(
        split("Bộ sưu tập hình ảnh: Phố cổ Hội An và Huế."),
        ["Bộ sưu tập hình ảnh: Phố cổ Hội An và Huế."]
    );
}

fn marked(text: &str) -> Vec<(SegmentKind, &str)> {
    let s = sentences(text);
    segments(text, &s)
        .into_iter()
        .map(|(k, r)| (k, &text[r]))
        .collect()
}

#[test]
fn captions_credits_and_bylines_are_marked() {
    let text = "Sáng 2-4, Tỉnh ủy họp phiên thường kỳ.\nPhó Bí thư Tỉnh ủy Lê Văn An phát biểu tại phiên họp - Ảnh: THANH TÙNG\nCác đại biểu biểu quyết thông qua nghị quyết.\nẢnh: Báo Điện tử\nTheo Báo Lạng Sơn\nThu Trang";
    use SegmentKind::*;
    assert_eq!(
        marked(text),
        [
            (
                Caption,
                "Phó Bí thư Tỉnh ủy Lê Văn An phát biểu tại phiên họp"
            ),
            (Credit, "Ảnh: THANH TÙNG"),
            (Caption, "Các đại biểu biểu quyết thông qua nghị quyết."),
            (Credit, "Ảnh: Báo Điện tử"),
            (Byline, "Theo Báo Lạng Sơn"),
            (Byline, "Thu Trang"),
        ]
    );
    // Trap: a last sentence of prose is no byline.
    assert!(marked("Hội nghị họp. Hội nghị kết thúc lúc 11 giờ.").is_empty());
}
