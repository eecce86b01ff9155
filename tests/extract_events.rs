//! Events end to end: the full pipeline (people, dates, organizations from
//! the other extractors) on a short report written for this test.

const REPORT: &str = "Sáng 14-5, Ban Thường vụ Tỉnh ủy Phú Yên tổ chức Hội nghị sơ kết 3 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị. Đồng chí Trần Hữu Thế, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì Hội nghị. Dự Hội nghị có các đồng chí Phạm Đại Dương, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Huỳnh Lưu Đông, Phó Bí thư Thường trực Tỉnh ủy; các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy; lãnh đạo các sở, ban, ngành. Tại Hội nghị, các đại biểu thảo luận. Kết luận Hội nghị, đồng chí Phạm Đại Dương yêu cầu các cấp ủy tổ chức hội nghị quán triệt ở cơ sở.";

fn doc(text: &str) -> vntext::Document {
    vntext::pipeline::process_text(text, Some("2022-05-14"))
}

#[test]
fn one_conference_with_its_attendees() {
    let d = doc(REPORT);
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    let ev = &d.events[0];
    assert_eq!(ev.kind, "Hội nghị");
    assert!(
        ev.name
            .starts_with("Hội nghị sơ kết 3 năm thực hiện Chỉ thị"),
        "{}",
        ev.name
    );
    assert_eq!(ev.date.as_deref(), Some("2022-05-14"));
    assert_eq!(
        ev.organizer.as_deref(),
        Some("Ban Thường vụ Tỉnh ủy Phú Yên")
    );
    assert_eq!(ev.chair.as_deref(), Some("Trần Hữu Thế"));
    let names: Vec<&str> = ev.attendees.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Phạm Đại Dương", "Huỳnh Lưu Đông"]);
    assert!(
        ev.attendees[0].titles.iter().any(|t| t == "Bí thư Tỉnh ủy"),
        "{:?}",
        ev.attendees[0]
    );
    assert_eq!(
        ev.attendee_groups,
        [
            "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy",
            "lãnh đạo các sở, ban, ngành"
        ]
    );
    assert_eq!(ev.rule, "event.organizer_to_chuc");
}

#[test]
fn a_passing_citation_is_no_event() {
    let d = doc(
        "Theo Nghị quyết Hội nghị Trung ương 4 khóa XII, các cấp ủy cần tổ chức hội nghị quán triệt trước ngày 30/6/2022.",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}
