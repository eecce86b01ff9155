//! Directive extraction rules, one test per rule and per trap.

use vntext::model::{Document, Kind};

/// The whole pipeline on one text.
fn run(text: &str) -> Document {
    vntext::pipeline::process_text(text, None)
}

#[derive(Debug, Clone)]
struct D {
    text: String,
    doc_type: String,
    number: Option<String>,
    issuer: Option<String>,
    issued: Option<String>,
    name: Option<String>,
    key: String,
    refers_to: Option<String>,
}

fn directives(text: &str) -> Vec<D> {
    run(text)
        .entities
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Directive {
                doc_type,
                number,
                issuer,
                issued,
                name,
                key,
                refers_to,
            } => Some(D {
                text: e.text,
                doc_type,
                number,
                issuer,
                issued,
                name,
                key,
                refers_to,
            }),
            _ => None,
        })
        .collect()
}

fn one(text: &str) -> D {
    let got = directives(text);
    assert_eq!(got.len(), 1, "{got:?}");
    got[0].clone()
}

#[test]
fn party_symbol_with_context_issuer_and_date() {
    let d = one("Bộ Chính trị ban hành Chỉ thị số 05-CT/TW ngày 15/5/2016 về đẩy mạnh học tập.");
    assert_eq!(d.doc_type, "Chỉ thị");
    assert_eq!(d.number.as_deref(), Some("05-CT/TW"));
    assert_eq!(d.issuer.as_deref(), Some("Bộ Chính trị"));
    assert_eq!(d.issued.as_deref(), Some("2016-05-15"));
    assert_eq!(d.key, "chi-thi:5-ct/tw");
}

#[test]
fn issuer_named_after_the_symbol() {
    let d = one("Thực hiện Chỉ thị số 35-CT/TW của Ban Bí thư về đại hội đảng bộ các cấp.");
    assert_eq!(d.issuer.as_deref(), Some("Ban Bí thư"));
    let d = one("Quán triệt Kết luận số 21-KL/TW ngày 25/10/2021 của Bộ Chính trị.");
    assert_eq!(d.issuer.as_deref(), Some("Bộ Chính trị"));
    assert_eq!(d.issued.as_deref(), Some("2021-10-25"));
}

#[test]
fn issuer_from_the_symbol() {
    let cases = [
        (
            "Theo Nghị định số 15/2020/NĐ-CP của ...",
            "15/2020/NĐ-CP",
            "Chính phủ",
            "Nghị định",
        ),
        (
            "Theo Quyết định 123/QĐ-TTg đã nêu",
            "123/QĐ-TTg",
            "Thủ tướng Chính phủ",
            "Quyết định",
        ),
        (
            "Áp dụng Thông tư 12/2020/TT-BYT hướng dẫn",
            "12/2020/TT-BYT",
            "Bộ Y tế",
            "Thông tư",
        ),
        (
            "Theo Quyết định số 1234/QĐ-UBND tỉnh đã phê duyệt",
            "1234/QĐ-UBND",
            "UBND",
            "Quyết định",
        ),
        (
            "Nghị quyết số 39-NQ/TW về nâng cao",
            "39-NQ/TW",
            "Ban Chấp hành Trung ương",
            "Nghị quyết",
        ),
        (
            "Triển khai Kế hoạch số 20-KH/TU về",
            "20-KH/TU",
            "Tỉnh ủy",
            "Kế hoạch",
        ),
    ];
    for (text, number, issuer, doc_type) in cases {
        let d = one(text);
        assert_eq!(d.number.as_deref(), Some(number), "{text}");
        assert_eq!(d.issuer.as_deref(), Some(issuer), "{text}");
        assert_eq!(d.doc_type, doc_type, "{text}");
    }
}

#[test]
fn spaces_inside_symbol_and_lower_case() {
    let d = one("Đảng ủy ban hành kế hoạch số 357 - KH/ĐU để triển khai.");
    assert_eq!(d.number.as_deref(), Some("357-KH/ĐU"));
    assert_eq!(d.doc_type, "Kế hoạch");
    let d = one("theo chỉ thị số 05-CT/TW đã nêu");
    assert_eq!(d.number.as_deref(), Some("05-CT/TW"));
    assert_eq!(d.key, "chi-thi:5-ct/tw");
}

#[test]
fn a_number_without_a_symbol_is_no_directive() {
    // numbered means a number with a symbol; nothing here gives one
    assert!(directives("Tiếp tục thực hiện Nghị quyết số 39 của Tỉnh ủy.").is_empty());
    assert!(directives("Sơ kết Chỉ thị 05 trong toàn tỉnh.").is_empty());
    // "luật 1" is no document
    assert!(directives("Theo khoản 2 luật 1 điều, cán bộ phải kê khai.").is_empty());
}

#[test]
fn a_short_reference_takes_the_key_of_the_symbol_given_later() {
    let got = directives(
        "Huyện ủy Tân Lạc sơ kết Chỉ thị 07 của Ban Thường vụ. Chỉ thị số 07-CT/TU ngày \
         2/4/2019 của Ban Thường vụ Tỉnh ủy về phát triển chè được triển khai sâu rộng.",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].text, "Chỉ thị 07");
    assert_eq!(got[0].number.as_deref(), Some("07-CT/TU"));
    assert_eq!(got[0].refers_to.as_deref(), Some("chi-thi:7-ct/tu"));
    assert_eq!(got[1].refers_to, None);
    // and one given before
    let got = directives(
        "Triển khai Kết luận số 12-KL/TW của Bộ Chính trị; sau 3 năm thực hiện Kết luận \
         số 12, các chi bộ đều có chuyển biến.",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].key, "ket-luan:12-kl/tw");
    assert_eq!(got[1].refers_to.as_deref(), Some("ket-luan:12-kl/tw"));
    // trap: another type with the same number is another document
    let got = directives("Thực hiện Chỉ thị số 12-CT/TW và Kế hoạch 12 của huyện.");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn one_symbol_written_two_ways_is_one_document() {
    let got = directives(
        "Quán triệt Chỉ thị số 09 - CT/TW ngày 5/6/2018. Hội tiếp tục làm theo Chỉ thị số 09 / CT - TW.",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].number.as_deref(), Some("09-CT/TW"));
    assert_eq!(got[1].refers_to.as_deref(), Some("chi-thi:9-ct/tw"));
    // trap: a different number stays a document of its own
    let got = directives("Quán triệt Chỉ thị số 09-CT/TW và Chỉ thị số 19/CT-TW.");
    assert_eq!(got.iter().filter(|d| d.refers_to.is_none()).count(), 2);
}

#[test]
fn a_doubled_so_and_a_law_with_its_symbol() {
    let d = one("Triển khai Chỉ thị số số 21 / CT - TW của Bộ Chính trị.");
    assert_eq!(d.number.as_deref(), Some("21/CT-TW"));
    let d = one("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13, Hội đồng quyết nghị.");
    assert_eq!(d.number.as_deref(), Some("77/2015/QH13"));
    assert_eq!(d.doc_type, "Luật");
    // trap: a law without a symbol keeps its name and no number
    let d = one("Thi hành Luật Đất đai trên địa bàn.");
    assert_eq!(d.number, None);
}

#[test]
fn a_symbol_after_so_with_no_type_before_it() {
    let got = directives(
        "Sau khi xem xét Tờ trình của Ban Tuyên giáo (số 215 - TTr / BTGTU, ngày 3/5/2020), \
         Ban Thường vụ đã thống nhất.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].number.as_deref(), Some("215-TTr/BTGTU"));
    assert_eq!(got[0].doc_type, "Tờ trình");
    // trap: a house number or a count after "số" is no document
    assert!(directives("Trụ sở ở số 12 phố Hàng Bài; số 30/4 người dự.").is_empty());
}

#[test]
fn a_duration_after_the_type_is_no_number() {
    assert!(directives("Kế hoạch 5 năm tới được thông qua.").is_empty());
}

#[test]
fn congress_resolution() {
    let d = one("Học tập Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.");
    assert_eq!(d.number, None);
    assert_eq!(d.name.as_deref(), Some("Nghị quyết Đại hội XIII"));
    assert_eq!(
        d.issuer.as_deref(),
        Some("Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")
    );
    assert_eq!(d.key, "nghi-quyet:dai-hoi-xiii");
    let d = one("Đưa Nghị quyết Đại hội XIII của Đảng vào cuộc sống.");
    assert_eq!(d.key, "nghi-quyet:dai-hoi-xiii");
}

#[test]
fn local_congress_resolution() {
    let d =
        one("Thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020-2025.");
    assert_eq!(
        d.name.as_deref(),
        Some("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX")
    );
    assert_eq!(d.key, "nghi-quyet:dai-hoi-dang-bo-tinh-xx");
}

#[test]
fn central_resolution() {
    let d = one("Tổng kết Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.");
    assert_eq!(d.name.as_deref(), Some("Nghị quyết Trung ương 4 khóa XII"));
}

#[test]
fn named_laws() {
    let d = one("Tuyên truyền Luật Đất đai năm 2024 đến người dân.");
    assert_eq!(d.doc_type, "Luật");
    assert_eq!(d.name.as_deref(), Some("Luật Đất đai năm 2024"));
    assert_eq!(d.text, "Luật Đất đai");
    assert_eq!(d.key, "luat:dat-dai-2024");
    let d = one("Quốc hội thông qua Luật Phòng, chống tham nhũng và ...");
    assert_eq!(d.name.as_deref(), Some("Luật Phòng, chống tham nhũng"));
}

#[test]
fn a_lawyer_is_no_law() {
    assert!(directives("Luật sư Trần Văn Bình tư vấn miễn phí.").is_empty());
}

#[test]
fn bare_mentions_link_to_the_latest_of_their_type() {
    let got = directives(
        "Ban Bí thư ban hành Chỉ thị số 12-CT/TW. Hội nghị quán triệt nội dung cơ bản của Chỉ thị. Các cấp thực hiện theo Chỉ thị.",
    );
    assert_eq!(got.len(), 3, "{got:?}");
    for d in &got[1..] {
        assert_eq!(d.text, "Chỉ thị");
        assert_eq!(d.refers_to.as_deref(), Some("chi-thi:12-ct/tw"));
        assert_eq!(d.number.as_deref(), Some("12-CT/TW"));
        assert_eq!(d.issuer.as_deref(), Some("Ban Bí thư"));
    }
}

#[test]
fn plain_word_use_is_no_directive() {
    assert!(
        directives("Thực hiện nghiêm chỉ thị của cấp trên và quyết định của tập thể.").is_empty()
    );
    // capitalised but with nothing earlier to link to
    assert!(directives("Kế hoạch đề ra nhiều nhiệm vụ.").is_empty());
}

#[test]
fn later_numbered_mentions_keep_the_first_issuer_and_date() {
    let got = directives(
        "Bộ Chính trị ban hành Chỉ thị số 01-CT/TW ngày 9/3/2021. Các cấp thực hiện Chỉ thị số 01-CT/TW nghiêm túc.",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].issuer.as_deref(), Some("Bộ Chính trị"));
    assert_eq!(got[1].issued.as_deref(), Some("2021-03-09"));
    assert_eq!(got[0].key, got[1].key);
}

#[test]
fn symbol_lists() {
    let got = directives(
        "Thực hiện các Nghị quyết số 18-NQ/TW, 19-NQ/TW và 20-NQ/TW của Ban Chấp hành Trung ương.",
    );
    let numbers: Vec<_> = got.iter().filter_map(|d| d.number.clone()).collect();
    assert_eq!(numbers, ["18-NQ/TW", "19-NQ/TW", "20-NQ/TW"]);
}

#[test]
fn a_bare_number_links_to_the_earlier_full_symbol() {
    let got = directives(
        "Bộ Chính trị ban hành Nghị quyết số 59-NQ/TW. Sau 5 năm thực hiện Nghị quyết 59, thành phố phát triển.",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].number.as_deref(), Some("59-NQ/TW"));
    assert_eq!(got[1].refers_to.as_deref(), Some("nghi-quyet:59-nq/tw"));
}

#[test]
fn law_names_stop_before_running_text() {
    let d = one("Luật Thủy sản còn nhiều bất cập cần sửa đổi.");
    assert_eq!(d.name.as_deref(), Some("Luật Thủy sản"));
}
