//! Date extraction rules, one test per rule and per trap.

use vntext::model::{Document, Kind};

/// The whole pipeline on one text.
fn run(text: &str, date: Option<&str>) -> Document {
    vntext::pipeline::process_text(text, date)
}

/// (text, from, to) of every date entity (`None`: no year known).
type Dates = Vec<(String, Option<String>, Option<String>)>;

fn dates(text: &str, date: Option<&str>) -> Dates {
    run(text, date)
        .entities
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Date { from, to, .. } => Some((e.text, from, to)),
            _ => None,
        })
        .collect()
}

fn has(text: &str, date: Option<&str>, span: &str, from: &str, to: &str) {
    let got = dates(text, date);
    assert!(
        got.iter().any(|(t, f, u)| t.contains(span)
            && f.as_deref() == Some(from)
            && u.as_deref() == Some(to)),
        "{span} -> {from}..{to} not in {got:?}"
    );
}

/// A date whose span holds `span`, with null from/to: no year known.
fn yearless(text: &str, date: Option<&str>, span: &str) {
    let got = dates(text, date);
    assert!(
        got.iter()
            .any(|(t, f, u)| t.contains(span) && f.is_none() && u.is_none()),
        "{span} -> null not in {got:?}"
    );
}

/// No date entity's span holds `span`.
fn no_span(text: &str, date: Option<&str>, span: &str) {
    let got = dates(text, date);
    assert!(
        !got.iter().any(|(t, _, _)| t.contains(span)),
        "{span} should be no date: {got:?}"
    );
}

fn none(text: &str, date: Option<&str>) {
    let got = dates(text, date);
    assert!(got.is_empty(), "expected no date in {text:?}, got {got:?}");
}

#[test]
fn full_dates_slash_dash_dot() {
    has(
        "Hội nghị diễn ra ngày 9/3/2021 tại Hà Nội.",
        None,
        "9/3/2021",
        "2021-03-09",
        "2021-03-09",
    );
    has(
        "Văn bản ký ngày 09-03-2021.",
        None,
        "09-03-2021",
        "2021-03-09",
        "2021-03-09",
    );
    has(
        "Ngày 15.10.2019, đoàn công tác đến thăm.",
        None,
        "15.10.2019",
        "2019-10-15",
        "2019-10-15",
    );
}

#[test]
fn full_date_in_words() {
    has(
        "Ngày 9 tháng 3 năm 2021, Ban Thường vụ họp.",
        None,
        "Ngày 9 tháng 3 năm 2021",
        "2021-03-09",
        "2021-03-09",
    );
}

#[test]
fn partial_dates_take_the_report_year() {
    has(
        "Ngày 11-3, Tỉnh ủy tổ chức hội nghị.",
        Some("2022-03-12"),
        "11-3",
        "2022-03-11",
        "2022-03-11",
    );
    has(
        "Sáng 3/7, đoàn đến thăm xã.",
        Some("2020-07-04"),
        "3/7",
        "2020-07-03",
        "2020-07-03",
    );
    has(
        "Chiều 14/8, hội nghị bế mạc.",
        Some("2020-08-15"),
        "14/8",
        "2020-08-14",
        "2020-08-14",
    );
}

#[test]
fn partial_dates_take_the_year_of_the_report_time() {
    has(
        "Sau khi Bộ Chính trị ban hành văn bản ngày 9/3/2021, ngày 11-3, Tỉnh ủy tổ chức hội nghị.",
        None,
        "11-3",
        "2021-03-11",
        "2021-03-11",
    );
}

#[test]
fn weekday_with_date() {
    has(
        "Thứ Hai (11/3), Ban Chỉ đạo họp phiên thứ nhất.",
        Some("2024-03-12"),
        "11/3",
        "2024-03-11",
        "2024-03-11",
    );
}

#[test]
fn two_days_and_day_ranges() {
    has(
        "Trong hai ngày 20, 21-4, Đại hội diễn ra.",
        Some("2020-04-22"),
        "20, 21-4",
        "2020-04-20",
        "2020-04-21",
    );
    has(
        "Từ 24-7 đến 31-7, tỉnh tổ chức đợt cao điểm.",
        Some("2023-08-01"),
        "24-7 đến 31-7",
        "2023-07-24",
        "2023-07-31",
    );
    has(
        "Đợt kiểm tra từ ngày 1/4/2021 đến ngày 30/4/2021.",
        None,
        "1/4/2021 đến ngày 30/4/2021",
        "2021-04-01",
        "2021-04-30",
    );
    has(
        "Lễ kỷ niệm 130 năm (19/5/1890 - 19/5/2020).",
        None,
        "19/5/1890 - 19/5/2020",
        "1890-05-19",
        "2020-05-19",
    );
}

#[test]
fn months() {
    has(
        "Trong tháng 3/2021, tỉnh tiếp nhận 500 hồ sơ.",
        None,
        "tháng 3/2021",
        "2021-03-01",
        "2021-03-31",
    );
    has(
        "Tháng 10.2016, ông được bổ nhiệm.",
        None,
        "Tháng 10.2016",
        "2016-10-01",
        "2016-10-31",
    );
    has(
        "Đến tháng 3 năm 2021, đã có 20 xã đạt chuẩn.",
        None,
        "tháng 3 năm 2021",
        "2021-03-01",
        "2021-03-31",
    );
    has(
        "Tháng 6.2017: Phó Giám đốc Sở Tài chính.",
        None,
        "Tháng 6.2017",
        "2017-06-01",
        "2017-06-30",
    );
    has(
        "Kế hoạch thực hiện trong tháng 2.",
        Some("2024-01-05"),
        "tháng 2",
        "2024-02-01",
        "2024-02-29",
    );
}

#[test]
fn month_word_used_as_frequency_is_no_date() {
    none(
        "Mỗi tháng 2 lần, tổ công tác xuống cơ sở.",
        Some("2024-01-05"),
    );
}

#[test]
fn quarters() {
    has(
        "Hoàn thành trong quý II/2021.",
        None,
        "quý II/2021",
        "2021-04-01",
        "2021-06-30",
    );
    has(
        "Trong quý 2 năm 2021 có nhiều đổi mới.",
        None,
        "quý 2 năm 2021",
        "2021-04-01",
        "2021-06-30",
    );
    has(
        "Dự kiến khởi công trong quý IV.",
        Some("2022-05-01"),
        "quý IV",
        "2022-10-01",
        "2022-12-31",
    );
}

#[test]
fn halves() {
    has(
        "Kết quả 6 tháng đầu năm 2021 khả quan.",
        None,
        "6 tháng đầu năm 2021",
        "2021-01-01",
        "2021-06-30",
    );
    has(
        "Nhiệm vụ sáu tháng cuối năm rất nặng nề.",
        Some("2021-07-10"),
        "sáu tháng cuối năm",
        "2021-07-01",
        "2021-12-31",
    );
    has(
        "Trong nửa đầu năm, kim ngạch tăng.",
        Some("2021-07-10"),
        "nửa đầu năm",
        "2021-01-01",
        "2021-06-30",
    );
    has(
        "Ước tính 9 tháng đầu năm 2022 tăng trưởng 8%.",
        None,
        "9 tháng đầu năm 2022",
        "2022-01-01",
        "2022-09-30",
    );
}

#[test]
fn years() {
    has(
        "Đây là nhiệm vụ trọng tâm của năm 2021.",
        None,
        "năm 2021",
        "2021-01-01",
        "2021-12-31",
    );
    has(
        "Phấn đấu đến năm 2025 có 80% xã đạt chuẩn.",
        None,
        "năm 2025",
        "2025-01-01",
        "2025-12-31",
    );
}

/// A vague part of a month or year has no bounds of its own: its value is
/// the month or year it names. Without a number it is no date.
#[test]
fn vague_parts_of_months_and_years() {
    has(
        "Đầu tháng 3/2021, đoàn đến làm việc.",
        None,
        "Đầu tháng 3/2021",
        "2021-03-01",
        "2021-03-31",
    );
    has(
        "Giữa tháng 5/2021 sẽ tổng kết.",
        None,
        "Giữa tháng 5/2021",
        "2021-05-01",
        "2021-05-31",
    );
    has(
        "Cuối tháng 2/2021, công trình khánh thành.",
        None,
        "Cuối tháng 2/2021",
        "2021-02-01",
        "2021-02-28",
    );
    has(
        "Từ cuối năm 2020, dịch bệnh diễn biến phức tạp.",
        None,
        "cuối năm 2020",
        "2020-01-01",
        "2020-12-31",
    );
    has(
        "Giữa năm 2022 dự án hoàn thành.",
        None,
        "Giữa năm 2022",
        "2022-01-01",
        "2022-12-31",
    );
    // trap: no number, no date
    none("Đến cuối năm, xã sẽ hoàn thành đường giao thông.", None);
    none(
        "Đầu năm nay, huyện khởi công hai cây cầu.",
        Some("2022-03-01"),
    );
}

#[test]
fn months_of_a_year() {
    has(
        "Trong 4 tháng năm 2023, tỉnh thu hút 12 dự án mới.",
        None,
        "4 tháng năm 2023",
        "2023-01-01",
        "2023-04-30",
    );
}

#[test]
fn year_ranges_and_terms() {
    has(
        "Đại biểu HĐND các cấp, nhiệm kỳ 2021-2026.",
        None,
        "nhiệm kỳ 2021-2026",
        "2021-01-01",
        "2026-12-31",
    );
    has(
        "Chương trình giai đoạn 2021-2030 được phê duyệt.",
        None,
        "giai đoạn 2021-2030",
        "2021-01-01",
        "2030-12-31",
    );
    has(
        "Kế hoạch 5 năm 2021 - 2025 đã hoàn thành.",
        None,
        "2021 - 2025",
        "2021-01-01",
        "2025-12-31",
    );
}

#[test]
fn relative_date_anchored_in_the_sentence() {
    has(
        "Sau hai ngày kể từ ngày 9/3/2021, các đơn vị phải báo cáo.",
        None,
        "Sau hai ngày kể từ ngày 9/3/2021",
        "2021-03-11",
        "2021-03-11",
    );
}

#[test]
fn cv_lines() {
    has(
        "Sinh ngày: 12/06/1953",
        None,
        "12/06/1953",
        "1953-06-12",
        "1953-06-12",
    );
    has(
        "Từ tháng 6/2017 đến tháng 8/2019: Bí thư Huyện ủy.",
        None,
        "tháng 6/2017 đến tháng 8/2019",
        "2017-06-01",
        "2019-08-31",
    );
}

#[test]
fn invalid_dates_are_no_dates() {
    none("Ngày 31/2/2021 không tồn tại.", None);
    none("Ngày 32/1, ghi nhầm.", Some("2021-01-01"));
}

#[test]
fn document_symbols_are_no_dates() {
    let got = dates(
        "Theo Thông tư 12/2020/TT-BYT và Nghị định số 15/2020/NĐ-CP, ...",
        None,
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn ordinals_amounts_percentages_phones_are_no_dates() {
    none("Đại biểu Quốc hội khóa XV thảo luận.", None);
    none("Hỗ trợ 1.000.000 đồng mỗi hộ, đạt 12,5%, tăng 3.5%.", None);
    none(
        "Liên hệ số điện thoại 0912.345.678 hoặc 024.3825.1234.",
        None,
    );
    none(
        "Đến nay đã có 15/17 chỉ tiêu đạt và vượt, 9/9 huyện hoàn thành.",
        Some("2021-01-01"),
    );
}

#[test]
fn cv_month_ranges_with_dots() {
    has(
        "- Tháng 4.1996 - 12.2003: Trưởng phòng Tổng hợp.",
        None,
        "Tháng 4.1996 - 12.2003",
        "1996-04-01",
        "2003-12-31",
    );
}

// ------------------------------------------------ dates without a year

/// A report with no date of its own and no year in its text: a partial
/// date is still a date, with null from/to.
#[test]
fn partial_dates_without_any_year_are_null() {
    yearless("Sáng 2/3, bệnh nhân được xuất viện.", None, "2/3");
    yearless("Ông về nhà ngày 14-4 và ở yên tại nhà.", None, "14-4");
    yearless("Tối 9/11 đội tuyển về đến sân bay.", None, "9/11");
    yearless("Chị nhập viện hôm 27/5.", None, "27/5");
    // trap: fractions and scores are no dates
    none("Có 3/5 mẫu xét nghiệm âm tính, 12/15 xã đạt chuẩn.", None);
    // trap: "hôm nay" is no calendar expression
    none("Tính đến hôm nay, tỉnh chưa ghi nhận ca mới.", None);
}

#[test]
fn day_lists_and_spans_without_a_year() {
    let t = "Anh được lấy mẫu vào các ngày 19, 21 và 23-8.";
    yearless(t, None, "19");
    yearless(t, None, "21");
    yearless(t, None, "23-8");
    yearless(
        "Từ ngày 1 đến 5/6, đoàn làm việc tại xã.",
        None,
        "1 đến 5/6",
    );
    yearless("Ngày 21-24/7, gia đình đi nghỉ ở biển.", None, "21-24/7");
    yearless("Chiều 21 và 23/8, anh ghé quán cà phê.", None, "21");
    yearless("Chiều 21 và 23/8, anh ghé quán cà phê.", None, "23/8");
    // with a report date the same span gets its value
    has(
        "Từ ngày 1 đến 5/6, đoàn làm việc tại xã.",
        Some("2022-06-10"),
        "1 đến 5/6",
        "2022-06-01",
        "2022-06-05",
    );
    // trap: a list of days with no month is no date
    none("Ông có mặt các ngày 19, 21 trong tuần.", None);
}

#[test]
fn months_without_a_year() {
    yearless("Đầu tháng 4, công ty mở thêm dây chuyền.", None, "tháng 4");
    yearless("Chị về quê hồi tháng 2.", None, "tháng 2");
    has(
        "Trong tháng 3/2020, tỉnh cấp 40 giấy phép.",
        None,
        "tháng 3/2020",
        "2020-03-01",
        "2020-03-31",
    );
    // trap: "Cách mạng tháng 8" without a year names the revolution
    no_span(
        "Nhân kỷ niệm Cách mạng tháng 8, xã tổ chức mít tinh.",
        None,
        "tháng 8",
    );
}

/// The report's year read from its own text: what it reviews or reports
/// on, not a birth, a target, a plan, a name or an anniversary.
#[test]
fn report_year_from_the_text() {
    has(
        "Trong năm 2019, huyện đạt 15 chỉ tiêu. Sáng 12/7, Huyện ủy họp sơ kết.",
        None,
        "12/7",
        "2019-07-12",
        "2019-07-12",
    );
    // the year reviewed wins over the year planned
    has(
        "Hội nghị tổng kết công tác năm 2018, triển khai nhiệm vụ năm 2019. Chiều 27/12, hội nghị bế mạc.",
        None,
        "27/12",
        "2018-12-27",
        "2018-12-27",
    );
    // trap: a birth year is not the report's year
    yearless(
        "Ông Hà Văn Tâm sinh năm 1983 tại Nghệ An. Sáng 12/7, ông nhận quyết định mới.",
        None,
        "12/7",
    );
    // trap: a target year is not the report's year
    yearless(
        "Phấn đấu đến năm 2030, 100% xã có nhà văn hóa. Ngày 5/9, xã khánh thành nhà văn hóa.",
        None,
        "5/9",
    );
    // trap: an anniversary span and a name hold no year of the report
    yearless(
        "Kỷ niệm 50 năm thành lập trường (1969 - 2019). Sáng 20/11, trường đón Huân chương.",
        None,
        "20/11",
    );
    yearless(
        "Khách sạn phục vụ Hội nghị APEC 2017. Chiều 10/11, khách sạn đón đoàn đầu tiên.",
        None,
        "10/11",
    );
    // trap: an age is no year
    yearless("Bà Lò Thị Mai, 63 tuổi, xuất viện ngày 8/4.", None, "8/4");
}

#[test]
fn report_year_from_a_full_date_of_the_same_day() {
    let got = dates(
        "Nhà thầu dự kiến hoàn thành trước 20/8/2017. Sở yêu cầu xử lý xong trước ngày 20/8.",
        None,
    );
    let partial = got.iter().find(|(t, _, _)| t.ends_with("20/8"));
    assert_eq!(
        partial.and_then(|(_, f, _)| f.as_deref()),
        Some("2017-08-20"),
        "{got:?}"
    );
}

#[test]
fn report_year_from_an_issue_date_or_a_term() {
    // no other year: the decision the report announces
    has(
        "Ban Tổ chức công bố Quyết định số 125-QĐNS/TW ngày 6/2/2017 của Ban Bí thư. Sáng 8/2, đồng chí Lương Văn Hòa nhận nhiệm vụ.",
        None,
        "8/2",
        "2017-02-08",
        "2017-02-08",
    );
    // no other year: the term the congress opens
    has(
        "Đại hội Hội Nông dân tỉnh khóa IX, nhiệm kỳ 2019 - 2024 bế mạc ngày 13/9.",
        None,
        "13/9",
        "2019-09-13",
        "2019-09-13",
    );
}

#[test]
fn lists_of_years() {
    let t = "Trong ba năm liền 2015, 2016 và 2017, công ty báo lỗ.";
    has(t, None, "2016", "2016-01-01", "2016-12-31");
    has(t, None, "2017", "2017-01-01", "2017-12-31");
    // trap: an amount after a year is no year
    no_span("Năm 2019, 1.200 hộ thoát nghèo.", None, "1.200");
}

/// "cuối năm" without a number is a date only when it bounds an obligation:
/// then it is the end of the report's year.
#[test]
fn end_of_year_as_a_due_date() {
    has(
        "Hạn chót là cuối năm, các hộ phải đổi xong giấy phép.",
        Some("2021-05-04"),
        "cuối năm",
        "2021-01-01",
        "2021-12-31",
    );
    none(
        "Cuối năm, hợp tác xã chia lãi cho xã viên.",
        Some("2021-05-04"),
    );
}

/// A day that recurs every year has no year, whatever the report's.
#[test]
fn days_of_every_year_have_no_year() {
    yearless(
        "Lễ hội diễn ra ngày 10/3 hằng năm.",
        Some("2019-05-02"),
        "10/3",
    );
    // trap: a plain partial day takes the report's year
    has(
        "Doanh nghiệp gửi báo cáo trước ngày 31/7.",
        Some("2019-05-02"),
        "31/7",
        "2019-07-31",
        "2019-07-31",
    );
}

/// Day lists and spans after "ngày làm việc" or in brackets.
#[test]
fn working_days_and_bracketed_spans() {
    has(
        "Sau hai ngày làm việc 25 và 26/12, hội nghị bế mạc.",
        Some("2020-12-27"),
        "25 và 26/12",
        "2020-12-25",
        "2020-12-26",
    );
    has(
        "Đại hội thành công sau 2 ngày làm việc (12 - 13/9).",
        Some("2020-09-14"),
        "12 - 13/9",
        "2020-09-12",
        "2020-09-13",
    );
}

/// The same day written in full gives a partial day its year, unless it
/// is the issue date of a cited document.
#[test]
fn a_cited_document_date_is_no_same_day() {
    has(
        "Năm 2022, huyện đón 12 dự án. Thực hiện Nghị quyết số 35/NQ-CP ngày 16/5/2016 của Chính phủ, ngày 16/5 huyện tổ chức hội nghị.",
        None,
        "16/5",
        "2022-05-16",
        "2022-05-16",
    );
}

/// "hồi năm 2005" looks back: not the year the report is written in.
#[test]
fn a_year_looked_back_on_is_not_the_report_year() {
    yearless(
        "Khu phố từng xảy ra bạo động hồi năm 2005. Tối 7/2, cảnh sát tăng cường tuần tra.",
        None,
        "7/2",
    );
}

/// "Năm 1983, ông …" in a biography is a step of a life, not "this year".
#[test]
fn a_biography_year_is_not_the_report_year() {
    yearless(
        "Năm 1983, ông tốt nghiệp Đại học Nông nghiệp. Sáng 12/7, ông nhận nhiệm vụ mới.",
        None,
        "12/7",
    );
    // trap: a year the report reviews still gives its year
    has(
        "Năm 2019, huyện hoàn thành 15 chỉ tiêu. Sáng 12/7, huyện sơ kết.",
        None,
        "12/7",
        "2019-07-12",
        "2019-07-12",
    );
}
