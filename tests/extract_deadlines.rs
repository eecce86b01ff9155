//! Deadline extraction rules, one test per rule and per trap.

use vntext::model::{Document, Kind};

/// The whole pipeline on one text.
fn run(text: &str, date: Option<&str>) -> Document {
    vntext::pipeline::process_text(text, date)
}

#[derive(Debug)]
struct Dl {
    text: String,
    due: Option<String>,
    task: String,
    responsible: Option<String>,
}

fn deadlines(text: &str, date: Option<&str>) -> Vec<Dl> {
    run(text, date)
        .entities
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Deadline {
                due,
                task,
                responsible,
            } => Some(Dl {
                text: e.text,
                due,
                task,
                responsible,
            }),
            _ => None,
        })
        .collect()
}

fn one(text: &str, date: Option<&str>) -> Dl {
    let mut got = deadlines(text, date);
    assert_eq!(got.len(), 1, "{text}: {got:?}");
    got.remove(0)
}

#[test]
fn xong_trong_quarter() {
    let d = one(
        "Thời gian hoàn thành việc tổ chức hội nghị quán triệt nghị quyết và xây dựng chương trình hành động, xong trong quý II/2021.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2021-06-30"));
    assert!(d.text.contains("xong trong quý II/2021"), "{d:?}");
    assert!(
        d.task.starts_with("Thời gian hoàn thành việc tổ chức"),
        "{d:?}"
    );
    assert!(d.task.ends_with("xây dựng chương trình hành động"), "{d:?}");
}

#[test]
fn truoc_ngay_is_the_day_before() {
    let d = one(
        "UBND tỉnh giao Sở Y tế chủ trì xây dựng kế hoạch, trình UBND tỉnh trước ngày 15/4/2021.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2021-04-14"));
    assert!(d.task.contains("xây dựng kế hoạch"), "{d:?}");
    assert!(
        d.responsible
            .as_deref()
            .is_some_and(|r| r.starts_with("Sở Y tế")),
        "{d:?}"
    );
}

#[test]
fn cham_nhat_is_inclusive() {
    let d = one(
        "Các đơn vị gửi báo cáo về Sở Nội vụ chậm nhất ngày 15/4.",
        Some("2022-04-01"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-04-15"));
    assert!(d.task.contains("gửi báo cáo"), "{d:?}");
}

#[test]
fn within_n_days_from_a_date() {
    let d = one(
        "Hồ sơ phải được nộp trong vòng 30 ngày kể từ ngày 1/4/2021.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2021-05-01"));
    assert!(d.task.contains("Hồ sơ phải được nộp"), "{d:?}");
}

#[test]
fn den_het_ngay_and_han_chot() {
    let d = one(
        "Yêu cầu các hộ kinh doanh kê khai thuế đến hết ngày 30/6/2022.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2022-06-30"));
    let d = one("Hạn chót nộp hồ sơ là ngày 20/5/2022.", None);
    assert_eq!(d.due.as_deref(), Some("2022-05-20"));
}

#[test]
fn hoan_thanh_truoc_a_month() {
    let d = one(
        "Các huyện hoàn thành việc rà soát hộ nghèo trước tháng 10/2023.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2023-09-30"));
}

#[test]
fn responsible_after_yeu_cau_and_co_trach_nhiem() {
    let d = one(
        "Chủ tịch UBND tỉnh yêu cầu UBND các huyện, thành phố khẩn trương hoàn thành giải phóng mặt bằng trước ngày 30/9/2023.",
        None,
    );
    assert!(
        d.responsible
            .as_deref()
            .is_some_and(|r| r.starts_with("UBND các huyện")),
        "{d:?}"
    );
    assert_eq!(d.due.as_deref(), Some("2023-09-29"));
    let d = one(
        "Sở Tài chính có trách nhiệm tổng hợp dự toán, báo cáo chậm nhất ngày 10/11/2023.",
        None,
    );
    assert!(
        d.responsible
            .as_deref()
            .is_some_and(|r| r.contains("Sở Tài chính")),
        "{d:?}"
    );
}

#[test]
fn no_responsible_when_none_is_named() {
    let d = one("Việc kiểm kê phải xong trong tháng 12/2023.", None);
    assert_eq!(d.responsible, None);
    assert_eq!(d.due.as_deref(), Some("2023-12-31"));
}

#[test]
fn targets_are_no_deadlines() {
    assert!(
        deadlines(
            "Phấn đấu đến năm 2025, 100% xã đạt chuẩn nông thôn mới.",
            None
        )
        .is_empty()
    );
    assert!(
        deadlines(
            "Mục tiêu đến năm 2030 hoàn thành trước năm 2030 việc chuyển đổi số.",
            None
        )
        .is_empty()
    );
}

#[test]
fn a_date_in_the_past_after_truoc_without_obligation_is_no_deadline() {
    assert!(deadlines("Trước năm 2015, xã có nhiều hộ nghèo.", None).is_empty());
    assert!(deadlines("Hội nghị được tổ chức vào ngày 5/3/2021.", None).is_empty());
}

#[test]
fn cue_opening_the_sentence_takes_the_rest_as_task() {
    let d = one(
        "Trước ngày 20/12/2023, các sở gửi báo cáo tổng kết năm về Văn phòng UBND tỉnh.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2023-12-19"));
    assert!(d.task.contains("các sở gửi báo cáo tổng kết năm"), "{d:?}");
}

#[test]
fn subject_of_the_clause_is_responsible() {
    let d = one(
        "Sở Tài chính tham mưu phương án tiết kiệm chi, hoàn thành trước ngày 15/8/2021.",
        None,
    );
    assert_eq!(d.responsible.as_deref(), Some("Sở Tài chính"), "{d:?}");
    assert!(d.task.starts_with("tham mưu phương án"), "{d:?}");
}

#[test]
fn han_chot_with_the_task_inside_the_cue() {
    let d = one(
        "Hạn chót trình UBND tỉnh phương án kinh phí là ngày 30/7/2021.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2021-07-30"));
    assert!(
        d.task.contains("trình UBND tỉnh phương án kinh phí"),
        "{d:?}"
    );
}

#[test]
fn task_follows_the_request_verb() {
    let d = one(
        "Phát biểu kết luận, đồng chí Bí thư đề nghị huyện tập trung giải phóng mặt bằng, xong trong năm 2024.",
        None,
    );
    assert!(d.task.starts_with("huyện tập trung"), "{d:?}");
}

#[test]
fn hoan_thanh_object_then_trong() {
    let d = one(
        "Bí thư Tỉnh ủy giao Ban Tổ chức Tỉnh ủy hoàn thành việc rà soát quy hoạch cán bộ trong quý II năm 2021.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2021-06-30"));
    assert!(d.task.contains("rà soát quy hoạch cán bộ"), "{d:?}");
    // an achievement without an assignment is no deadline
    assert!(
        deadlines(
            "Năm 2020, tỉnh hoàn thành 20 chỉ tiêu trong năm 2020.",
            None
        )
        .is_empty()
    );
}

#[test]
fn before_an_hour_of_a_day_is_that_day() {
    let d = one(
        "Kỳ họp giao UBND tỉnh gửi báo cáo trước 17 giờ ngày 15/7/2025.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2025-07-15"));
}

#[test]
fn date_first_then_within_n_days() {
    let d = one(
        "Kể từ ngày 3/8/2020, trong vòng 14 ngày, các Sở Y tế phải hoàn thành xét nghiệm.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2020-08-17"));
    assert!(d.task.contains("hoàn thành xét nghiệm"), "{d:?}");
}

#[test]
fn a_statistics_cut_off_is_no_deadline() {
    assert!(
        deadlines(
            "Tính đến hết ngày 15/5/2022, toàn huyện Yên Lạc đã giải ngân 62% kế hoạch vốn.",
            Some("2022-05-20"),
        )
        .is_empty()
    );
    assert!(
        deadlines(
            "Cụ thể, đến hết năm 2021, 78% số xã của tỉnh đạt chuẩn nông thôn mới.",
            Some("2022-01-10"),
        )
        .is_empty()
    );
    // trap: "đến hết" opening a clause that says what must still be done
    let d = one(
        "Đến hết tháng 9/2022, các xã phải hoàn thành việc cấp giấy chứng nhận.",
        Some("2022-06-01"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-09-30"));
}

#[test]
fn a_past_completion_is_no_deadline() {
    assert!(
        deadlines(
            "Công trình cầu Bến Lội đã hoàn thành trong năm 2016 với tổng vốn 120 tỷ đồng.",
            Some("2017-03-02"),
        )
        .is_empty()
    );
    // trap: a body that was asked before ("đã yêu cầu") still has a deadline
    let d = one(
        "UBND tỉnh đã yêu cầu Sở Xây dựng báo cáo kết quả trước ngày 20/3/2017.",
        Some("2017-03-02"),
    );
    assert_eq!(d.due.as_deref(), Some("2017-03-19"));
}

#[test]
fn a_forecast_is_no_deadline() {
    assert!(
        deadlines(
            "Tuyến đường tránh phía Tây dự kiến sẽ hoàn thành trước ngày 30/6/2023.",
            Some("2023-01-05"),
        )
        .is_empty()
    );
    assert!(
        deadlines(
            "Nếu tính thêm các dự án có khả năng hoàn thành trước năm 2025 thì tổng số km tăng mạnh.",
            Some("2023-01-05"),
        )
        .is_empty()
    );
    // trap: the same work ordered, not forecast
    let d = one(
        "Chủ đầu tư phải hoàn thành tuyến đường tránh phía Tây trước ngày 30/6/2023.",
        Some("2023-01-05"),
    );
    assert_eq!(d.due.as_deref(), Some("2023-06-29"));
}

#[test]
fn a_target_is_no_deadline() {
    assert!(
        deadlines(
            "Tỉnh phấn đấu đến năm 2025 hoàn thành 100% chỉ tiêu về nước sạch nông thôn.",
            Some("2022-04-01"),
        )
        .is_empty()
    );
}

#[test]
fn a_schedule_is_no_deadline_but_a_filing_window_is() {
    assert!(
        deadlines(
            "Hội chợ nông sản diễn ra từ ngày 12 đến 15-10 tại quảng trường trung tâm.",
            Some("2022-10-01"),
        )
        .is_empty()
    );
    let d = one(
        "Thí sinh đăng ký dự tuyển trực tuyến từ ngày 5 đến 25-6.",
        Some("2022-05-01"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-06-25"));
    assert_eq!(d.text, "từ ngày 5 đến 25-6");
    // syllables, not words, between the filing and the window
    let d = one(
        "Người dân kê khai thông tin nhân khẩu theo mẫu mới từ ngày 3 đến 14-11.",
        Some("2022-10-20"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-11-14"));
}

#[test]
fn a_plain_within_after_an_assignment() {
    let d = one(
        "Thủ tướng yêu cầu Bộ Công Thương rà soát các dự án điện mặt trời, báo cáo Chính phủ trong quý III/2021.",
        Some("2021-05-10"),
    );
    assert_eq!(d.due.as_deref(), Some("2021-09-30"));
    assert_eq!(d.text, "trong quý III/2021");
    // trap: "trong X" telling when something happened
    assert!(
        deadlines(
            "Trong quý III/2021, sản lượng điện mặt trời của tỉnh tăng 12%.",
            Some("2021-10-10"),
        )
        .is_empty()
    );
}

#[test]
fn the_last_day_after_han_cuoi() {
    let d = one(
        "Hạn cuối nộp hồ sơ xét tuyển bổ sung: ngày 12-9.",
        Some("2022-08-20"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-09-12"));
}

#[test]
fn den_ngay_when_the_time_limit_ends_there() {
    let d = one(
        "Nhiều người mới biết đến ngày 30/6/2024 mới hết thời hạn kê khai lại hộ khẩu.",
        Some("2024-03-01"),
    );
    assert_eq!(d.due.as_deref(), Some("2024-06-30"));
    assert_eq!(d.text, "đến ngày 30/6/2024");
    // trap: "đến ngày X" of a plain event
    assert!(
        deadlines(
            "Đoàn công tác ở lại huyện đến ngày 30/6/2024 rồi về Hà Nội.",
            Some("2024-03-01"),
        )
        .is_empty()
    );
}

#[test]
fn den_het_then_what_will_be_done() {
    let d = one(
        "Như vậy, đến hết tháng 8-2022 các chức danh lãnh đạo huyện sẽ được kiện toàn đầy đủ.",
        Some("2022-05-01"),
    );
    assert_eq!(d.due.as_deref(), Some("2022-08-31"));
    // trap: the same opening with a count already reached
    assert!(
        deadlines(
            "Như vậy, đến hết tháng 8-2022 các xã đã kiện toàn 45 chức danh.",
            Some("2022-09-01"),
        )
        .is_empty()
    );
}

/// Deadlines with no calendar day: `due` is null, the span, cue and task
/// are still given.
fn rule_of(text: &str, date: Option<&str>) -> Vec<(String, Option<String>, String)> {
    run(text, date)
        .entities
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Deadline { due, .. } => Some((e.rule, due, e.text)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_day_without_a_year_is_a_deadline_with_null_due() {
    let text = "Sở Công Thương rà soát các cửa hàng xăng dầu, báo cáo UBND tỉnh trước ngày 12/9.";
    let d = one(text, None);
    assert_eq!(d.due, None, "{d:?}");
    assert_eq!(d.text, "trước ngày 12/9");
    assert_eq!(d.responsible.as_deref(), Some("Sở Công Thương"), "{d:?}");
    assert!(d.task.contains("báo cáo UBND tỉnh"), "{d:?}");
    assert_eq!(rule_of(text, None)[0].0, "deadline.no_year");
    // the report's date gives the year
    assert_eq!(
        one(text, Some("2023-08-20")).due.as_deref(),
        Some("2023-09-11")
    );
    // a yearless day in a schedule is no deadline
    assert!(deadlines("Lễ khai giảng diễn ra sáng 5/9 tại hội trường lớn.", None).is_empty());
}

#[test]
fn the_traps_hold_for_days_without_a_year() {
    for text in [
        // statistics cut-off
        "Tính đến hết ngày 30/6, toàn tỉnh đã cấp 1.200 giấy chứng nhận.",
        // past completion
        "Công ty đã hoàn thành việc bàn giao mặt bằng trước ngày 15/4.",
        // forecast
        "Dự kiến công trình sẽ hoàn thành trước ngày 2/9.",
        // target
        "Huyện phấn đấu đến ngày 31/12 hoàn thành 100% chỉ tiêu thu ngân sách.",
        // a tally of who did it
        "Chỉ có 12 xã nộp báo cáo trước ngày 20/5.",
    ] {
        assert!(
            deadlines(text, None).is_empty(),
            "{text}: {:?}",
            deadlines(text, None)
        );
    }
}

#[test]
fn a_tally_is_no_deadline_but_the_same_duty_is() {
    assert!(deadlines("Chỉ có 7 đơn vị gửi báo cáo trước ngày 30/6/2021.", None).is_empty());
    let d = one("Các đơn vị gửi báo cáo trước ngày 30/6/2021.", None);
    assert_eq!(d.due.as_deref(), Some("2021-06-29"));
}

#[test]
fn a_recurring_day_has_null_due() {
    let d = one(
        "Nghị định quy định Sở Tài chính tổng hợp kết quả giám sát, gửi Bộ Tài chính trước ngày 15/8 của năm báo cáo.",
        Some("2021-03-02"),
    );
    assert_eq!(d.due, None, "{d:?}");
    assert_eq!(d.text, "trước ngày 15/8 của năm báo cáo");
    let text = "Hằng năm, trước ngày 20/1, các huyện gửi báo cáo tổng kết về Sở Nội vụ.";
    let got = rule_of(text, Some("2022-05-04"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "deadline.recurring");
    assert_eq!(got[0].1, None);
    // a year written with the day or after the frame is one calendar day
    let d = one(
        "Hằng năm các huyện gửi báo cáo; riêng năm nay gửi trước ngày 20/1/2022.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2022-01-19"));
    let d = one(
        "Các sở gửi dự toán trước ngày 10/7 của năm ngân sách 2024.",
        Some("2023-06-01"),
    );
    assert!(d.due.is_some(), "{d:?}");
}

#[test]
fn a_time_limit_counted_from_an_event_has_null_due() {
    let text = "Trong thời hạn 15 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Xây dựng phải trả lời bằng văn bản.";
    let d = one(text, Some("2022-02-10"));
    assert_eq!(d.due, None, "{d:?}");
    assert_eq!(
        d.text,
        "Trong thời hạn 15 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ"
    );
    assert!(d.task.contains("trả lời bằng văn bản"), "{d:?}");
    assert_eq!(rule_of(text, None)[0].0, "deadline.counted");
    let d = one(
        "Người mua phải thanh toán không quá 10 ngày kể từ khi nhận hàng.",
        None,
    );
    assert_eq!(d.text, "không quá 10 ngày kể từ khi nhận hàng");
    // the event ends where the clause goes on
    let d = one(
        "Doanh nghiệp nộp tiền trong vòng 45 ngày kể từ ngày ký hợp đồng thì được giảm 5% số tiền phải nộp.",
        None,
    );
    assert_eq!(d.text, "trong vòng 45 ngày kể từ ngày ký hợp đồng");
    // the same cue before a written date keeps its day
    let d = one(
        "Trong thời hạn 10 ngày kể từ ngày 1/3/2022, các xã phải nộp danh sách.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2022-03-11"));
}

#[test]
fn a_duration_that_binds_nothing_is_no_deadline() {
    for text in [
        "Trong vòng 3 ngày kể từ khi mưa lớn, mực nước sông dâng cao.",
        "Trong vòng 5 năm qua, huyện xây dựng 40 km đường giao thông.",
        "Dự kiến trong thời hạn 6 tháng kể từ ngày khởi công, cầu sẽ thông xe.",
        "Công ty đã nộp đủ tiền trong thời hạn 30 ngày kể từ ngày ký hợp đồng.",
    ] {
        assert!(
            deadlines(text, None).is_empty(),
            "{text}: {:?}",
            deadlines(text, None)
        );
    }
}

#[test]
fn cham_nhat_a_count_or_a_bare_year() {
    let d = one(
        "Ngân hàng cho biết chậm nhất là 4 năm sẽ xử lý xong nợ xấu.",
        None,
    );
    assert_eq!(d.due, None, "{d:?}");
    assert_eq!(d.text, "chậm nhất là 4 năm");
    let d = one(
        "Tổng công ty cam kết chậm nhất 2026 sẽ trả hết nợ cho nhà thầu.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2026-12-31"));
    assert_eq!(d.text, "chậm nhất 2026");
    let d = one("Nhà máy phải di dời chậm nhất 2028.", None);
    assert_eq!(d.due.as_deref(), Some("2028-12-31"));
    // an amount after another limit word is no year
    assert!(deadlines("Mỗi đoàn phải có không quá 2000 người tham gia.", None).is_empty());
    // a target or a forecast with the same cue is not
    assert!(deadlines("Phấn đấu chậm nhất 2030 đạt chuẩn đô thị loại I.", None).is_empty());
    assert!(deadlines("Dự kiến chậm nhất 2027 nhà máy sẽ vận hành.", None).is_empty());
}

#[test]
fn a_fronted_limit_on_what_will_be_done() {
    let d = one(
        "Trước đó, trước ngày 12/6/2022, Bộ sẽ công bố ngưỡng điểm xét tuyển.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2022-06-11"));
    assert!(d.task.starts_with("Bộ sẽ công bố"), "{d:?}");
    // a fronted date that only tells what happened is none
    assert!(deadlines("Trước ngày 12/6/2022, nhiều hộ dân đã về quê.", None).is_empty());
}

#[test]
fn a_connective_before_a_fronted_cue_is_not_the_task() {
    let d = one(
        "Theo kế hoạch, trước ngày 10/6/2022, các trường phải công bố điểm chuẩn.",
        None,
    );
    assert!(d.task.starts_with("các trường phải công bố"), "{d:?}");
}

#[test]
fn den_a_year_then_an_obligation() {
    let d = one(
        "Theo kế hoạch được duyệt, đến năm 2027 phải xây dựng xong 300 km đê biển.",
        None,
    );
    assert_eq!(d.due.as_deref(), Some("2027-12-31"));
    assert_eq!(d.text, "đến năm 2027");
    // what is expected by then, a target, or a plain span of time is not
    for text in [
        "Đến năm 2027, tỉnh có 300 km đê biển.",
        "Phấn đấu đến năm 2030 phải có 90% dân số dùng nước sạch.",
        "Từ năm 2015 đến năm 2020 xã xây dựng 12 km đường.",
    ] {
        assert!(
            deadlines(text, None).is_empty(),
            "{text}: {:?}",
            deadlines(text, None)
        );
    }
}

#[test]
fn a_day_of_every_month_or_of_the_next_year_recurs() {
    for (text, span) in [
        (
            "Các phòng chuyên môn gửi số liệu về Văn phòng trước ngày 5 hằng tháng.",
            "trước ngày 5 hằng tháng",
        ),
        (
            "Định kỳ, các chi nhánh báo cáo Ngân hàng Nhà nước trước ngày 25 của tháng cuối quý.",
            "trước ngày 25 của tháng cuối quý",
        ),
        (
            "Hộ kinh doanh nộp tờ khai quyết toán trước ngày 31/3 năm sau.",
            "trước ngày 31/3 năm sau",
        ),
    ] {
        let got = rule_of(text, Some("2022-04-01"));
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, "deadline.recurring", "{text}");
        assert_eq!(got[0].1, None, "{text}");
        assert_eq!(got[0].2, span, "{text}");
    }
    // a monthly day that bounds nothing
    for text in [
        "Trước ngày 5 hằng tháng, giá rau ở chợ thường tăng nhẹ.",
        "Ngày 5 hằng tháng, chợ phiên họp từ sáng sớm.",
    ] {
        assert!(
            deadlines(text, None).is_empty(),
            "{text}: {:?}",
            deadlines(text, None)
        );
    }
}

#[test]
fn a_count_of_days_after_an_event() {
    let d = one(
        "Đoàn kiểm tra gửi biên bản chậm nhất 7 ngày sau khi kết thúc đợt kiểm tra.",
        None,
    );
    assert_eq!(d.due, None);
    assert_eq!(d.text, "chậm nhất 7 ngày sau khi kết thúc đợt kiểm tra");
    assert!(
        deadlines(
            "Trong vòng 2 ngày sau khi mưa lớn, nước sông rút dần.",
            None
        )
        .is_empty()
    );
}

#[test]
fn a_plain_count_of_days_closing_a_request() {
    let d = one(
        "Chủ tịch UBND tỉnh yêu cầu các huyện báo cáo kết quả trong vòng 5 ngày tới.",
        Some("2022-03-01"),
    );
    assert_eq!(d.due, None, "{d:?}");
    assert_eq!(d.text, "trong vòng 5 ngày tới");
    let d = one(
        "Sở Xây dựng đề xuất phương án xử lý chậm nhất trong vòng một tuần.",
        None,
    );
    assert_eq!(d.text, "chậm nhất trong vòng một tuần");
    for text in [
        // a duration of the work, a duration of a market move
        "Nhà thầu phải thi công liên tục trong ba ngày.",
        "Giá cổ phiếu giao dịch tăng 9% chỉ trong một ngày.",
        // a request that the count does not close
        "Tỉnh yêu cầu các huyện trong vòng 5 năm qua giữ ổn định diện tích lúa.",
    ] {
        assert!(
            deadlines(text, None).is_empty(),
            "{text}: {:?}",
            deadlines(text, None)
        );
    }
}
