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
    // the chair attended too
    assert_eq!(names, ["Phạm Đại Dương", "Huỳnh Lưu Đông", "Trần Hữu Thế"]);
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

/// Attendee names of every event of `d`, in order.
fn attendees(d: &vntext::Document) -> Vec<String> {
    d.events
        .iter()
        .flat_map(|e| e.attendees.iter().map(|a| a.name.clone()))
        .collect()
}

#[test]
fn attendee_list_with_titles_before_and_after_names() {
    // Trap: the collective item "đại diện các sở, ngành" is a group, not a
    // person.
    let d = doc(
        "Sáng 9-5, Tỉnh ủy Lai Châu tổ chức Hội nghị tổng kết công tác dân vận. Dự Hội nghị có các đồng chí: Lò Văn Khánh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Phó Chủ tịch UBND tỉnh Đinh Thị Hoa; đại diện các sở, ngành.",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    assert_eq!(attendees(&d), ["Lò Văn Khánh", "Đinh Thị Hoa"]);
    assert!(
        d.events[0]
            .attendee_groups
            .iter()
            .any(|g| g.contains("đại diện các sở, ngành")),
        "{:?}",
        d.events[0].attendee_groups
    );
}

#[test]
fn chair_and_speakers_attend_a_person_merely_mentioned_does_not() {
    let d = doc(
        "Chiều 12-5, Bộ Tài chính tổ chức Hội nghị triển khai nhiệm vụ năm 2022. Phó Thủ tướng Hà Minh Quân chủ trì hội nghị. Phát biểu tại hội nghị, Bộ trưởng Bộ Tài chính Đặng Văn Tùng cho biết ngành đã hoàn thành dự toán. Ông Tùng nhắc lại bài học của cố Giáo sư Trịnh Quang Mỹ về quản lý ngân sách.",
    );
    let names = attendees(&d);
    assert!(names.contains(&"Hà Minh Quân".to_string()), "{names:?}");
    assert!(names.contains(&"Đặng Văn Tùng".to_string()), "{names:?}");
    assert!(!names.contains(&"Trịnh Quang Mỹ".to_string()), "{names:?}");
}

#[test]
fn a_caption_credit_is_not_an_attendee_and_does_not_swallow_the_next_sentence() {
    let d = doc(
        "Ngày 10-5, đoàn công tác của Bộ Y tế làm việc với UBND tỉnh Hà Giang. Quang cảnh buổi làm việc. Ảnh: Minh Hà/TTXVN Tham dự có đồng chí Vi Thị Lan, Phó Bí thư Tỉnh ủy.",
    );
    assert_eq!(attendees(&d), ["Vi Thị Lan"]);
    let kinds: Vec<(vntext::model::SegmentKind, &str)> = d
        .segments
        .iter()
        .map(|s| (s.kind, &d.text[s.start..s.end]))
        .collect();
    use vntext::model::SegmentKind::*;
    assert_eq!(
        kinds,
        [
            (Caption, "Quang cảnh buổi làm việc."),
            (Credit, "Ảnh: Minh Hà/TTXVN")
        ]
    );
    // the attendance clause is a sentence of its own
    assert!(
        d.sentences
            .iter()
            .any(|s| d.text[s.0..s.1].starts_with("Tham dự có")),
        "{:?}",
        d.sentences
    );
}

#[test]
fn receivers_of_a_decision_attend_an_elected_person_does_not() {
    let d = doc(
        "Sáng 6-5, Ban Thường vụ Tỉnh ủy tổ chức Lễ công bố quyết định về công tác cán bộ. Thay mặt Ban Thường vụ, đồng chí Lâm Thị Hồng, Phó Bí thư Thường trực Tỉnh ủy trao quyết định cho đồng chí Quách Văn Tâm. Trước đó, HĐND huyện đã bầu ông Kha Văn Định giữ chức Phó Chủ tịch UBND huyện.",
    );
    let names = attendees(&d);
    assert!(names.contains(&"Lâm Thị Hồng".to_string()), "{names:?}");
    assert!(names.contains(&"Quách Văn Tâm".to_string()), "{names:?}");
    assert!(!names.contains(&"Kha Văn Định".to_string()), "{names:?}");
}

#[test]
fn a_press_interview_is_not_attendance_and_a_report_without_event_has_none() {
    let d = doc(
        "Sáng 3-5, Sở Xây dựng tổ chức Hội nghị giao ban quý II. Đồng chí Tạ Văn Hòa, Giám đốc Sở Xây dựng chủ trì hội nghị. Trao đổi với phóng viên sau đó, ông Lục Văn Bảo, Trưởng phòng Quản lý nhà cho biết dự án sẽ xong.",
    );
    assert_eq!(attendees(&d), ["Tạ Văn Hòa"]);
    let d = doc(
        "Ông Tạ Văn Hòa, Giám đốc Sở Xây dựng cho biết dự án nhà ở xã hội sẽ hoàn thành trong năm nay.",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn a_list_of_names_ending_on_a_group_item_shares_its_verb() {
    // Class: "A; B; C; đại diện các sở … đã dự": the group item opened by a
    // two-word head ("đại diện", "lãnh đạo") sits between the names and
    // their verb.
    let d = doc(
        "Sáng 4-6, Kỳ họp thứ 5 HĐND tỉnh Yên Bái khóa XVIII chính thức khai mạc. Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Trần Minh Hùng; Phó Bí thư Tỉnh ủy Lương Văn Tiến; lãnh đạo các sở và ngành của tỉnh đã dự phiên khai mạc kỳ họp.",
    );
    assert_eq!(attendees(&d), ["Trần Minh Hùng", "Lương Văn Tiến"]);
    // Trap: the same list before a verb that is no taking part.
    let d = doc(
        "Sáng 4-6, Kỳ họp thứ 5 HĐND tỉnh Yên Bái khóa XVIII chính thức khai mạc. Nguyên Bí thư Tỉnh ủy Trần Minh Hùng; nguyên Phó Bí thư Tỉnh ủy Lương Văn Tiến; đại diện các sở và ngành của tỉnh được khen thưởng năm trước.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn leaders_who_came_to_work_with_a_body_attended() {
    // Class: a visit told by "đến làm việc", past a title with three
    // lower-case words inside ("Cộng hòa Xã hội chủ nghĩa Việt Nam").
    let d = doc(
        "Ngày 20-8, Hội Cựu chiến binh Việt Nam tổ chức Hội nghị tổng kết nhiệm kỳ. Trong nhiệm kỳ, Hội đã được đồng chí Lưu Văn Đạt, Ủy viên Bộ Chính trị, Chủ tịch nước Cộng hòa Xã hội chủ nghĩa Việt Nam đến làm việc và chỉ đạo công tác.",
    );
    assert!(
        attendees(&d).contains(&"Lưu Văn Đạt".to_string()),
        "{:?}",
        attendees(&d)
    );
    // Trap: plain "làm việc" is a career, not a visit.
    let d = doc(
        "Ngày 20-8, Hội Cựu chiến binh Việt Nam tổ chức Hội nghị tổng kết nhiệm kỳ. Ông Lưu Văn Đạt, Ủy viên Ban Chấp hành Hội, làm việc tại Bộ Quốc phòng từ năm 1990.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn a_title_with_lower_case_words_reaches_its_verb_a_long_clause_does_not() {
    // Class: "Chủ tịch Hội luật gia tỉnh Hà Nam trình bày": up to three
    // lower-case words between capitalised ones stay inside the title.
    let d = doc(
        "Ngày 3-7, Hội Luật gia tỉnh Ninh Bình tổ chức Hội nghị sơ kết công tác thi đua. Tại hội nghị, các đại biểu nghe ông Trịnh Văn Lực, Chủ tịch Hội luật gia tỉnh Ninh Bình trình bày báo cáo sơ kết.",
    );
    assert_eq!(attendees(&d), ["Trịnh Văn Lực"]);
    // Trap: a clause of lower-case words after a name is no title, so the
    // verb of the next person is not the first one's.
    let d = doc(
        "Ngày 3-7, Hội Cựu chiến binh huyện tổ chức Hội nghị tri ân. Các đại biểu thăm hỏi gia đình ông Lò Văn Tiến, thương binh hạng nặng ở bản Nà Lừa, Chủ tịch UBND xã Phan Văn Bình tặng quà.",
    );
    assert_eq!(attendees(&d), ["Phan Văn Bình"]);
}

#[test]
fn a_session_told_by_its_programme_is_an_event() {
    // Class: "Tiếp tục chương trình Kỳ họp thứ …" opens the reports of a
    // session day; who presents a report at it attends.
    let d = doc(
        "Tiếp tục chương trình Kỳ họp thứ 5, Quốc hội khóa XV, sáng 2-6, Quốc hội thảo luận tại hội trường. Phó Chủ tịch Quốc hội Đỗ Minh Tuấn trình bày Tờ trình về dự án luật.",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    assert_eq!(attendees(&d), ["Đỗ Minh Tuấn"]);
    // Trap: a programme still to be carried out is a plan.
    let d = doc(
        "Ủy ban Thường vụ Quốc hội cho biết Quốc hội sẽ thực hiện chương trình Kỳ họp thứ 6 trong 20 ngày. Phó Chủ tịch Quốc hội Đỗ Minh Tuấn trình bày Tờ trình về dự án luật.",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn a_speech_verb_ends_an_organisation_name_before_it() {
    // Class: "Tổng Giám đốc Công ty KOSY kiến nghị": the verb is not part
    // of the company's name, so the speaker reaches it.
    let d = doc(
        "Ngày 17-5, Chính phủ tổ chức Hội nghị với doanh nghiệp. Ông Vũ Văn Thịnh, Giám đốc Công ty HASECO kiến nghị với Thủ tướng giảm thủ tục thuế.",
    );
    assert_eq!(attendees(&d), ["Vũ Văn Thịnh"]);
    let orgs: Vec<&str> = d
        .entities
        .iter()
        .filter(|e| matches!(e.kind, vntext::model::Kind::Organization { .. }))
        .map(|e| &d.text[e.start..e.end])
        .collect();
    assert!(orgs.contains(&"Công ty HASECO"), "{orgs:?}");
    // Trap: the same words capitalised inside a name stay in it.
    let d = doc("Ông Vũ Văn Thịnh từng làm việc ở Viện Kiến nghị Chính sách.");
    let orgs: Vec<&str> = d
        .entities
        .iter()
        .filter(|e| matches!(e.kind, vntext::model::Kind::Organization { .. }))
        .map(|e| &d.text[e.start..e.end])
        .collect();
    assert!(orgs.contains(&"Viện Kiến nghị Chính sách"), "{orgs:?}");
}

#[test]
fn announcing_a_decision_is_an_event_its_appointee_attends() {
    // Class: a ceremony told only by "công bố quyết định" on a dated day:
    // who announced it and whom the decision names attend.
    let d = doc(
        "Sáng 10-5, ông Hà Văn Lộc - Trưởng ban Tổ chức Trung ương, đã công bố quyết định của Bộ Chính trị, phân công ông Mai Đức Thọ (Ủy viên Trung ương Đảng, Bộ trưởng Bộ Xây dựng) giữ chức Bí thư Tỉnh ủy Hòa Bình.",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    assert_eq!(attendees(&d), ["Hà Văn Lộc", "Mai Đức Thọ"]);
    // Trap: a decision told without a ceremony names no attendee, even in
    // a report that has an event.
    let d = doc(
        "Sáng 10-5, Tỉnh ủy Hòa Bình tổ chức Hội nghị cán bộ chủ chốt. Trước kỳ đại hội, Bộ Chính trị đã quyết định phân công ông Mai Đức Thọ giữ chức Bí thư Tỉnh ủy.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn persons_relieved_at_a_hand_over_ceremony_attend() {
    // Class: the sentence after "trao quyết định" lists more persons the
    // decision names ("Miễn nhiệm … đối với bà A, B").
    let d = doc(
        "Sáng 5-4, UBND thành phố tổ chức buổi lễ công bố quyết định về công tác cán bộ. Phó Thủ tướng Lý Minh Đức trao quyết định phê chuẩn miễn nhiệm chức Chủ tịch UBND thành phố đối với ông Đinh Quang Vũ. Miễn nhiệm chức Phó Chủ tịch đối với bà Tôn Nữ Hạnh, Lưu Văn Khải để nghỉ hưu.",
    );
    let names = attendees(&d);
    for n in [
        "Lý Minh Đức",
        "Đinh Quang Vũ",
        "Tôn Nữ Hạnh",
        "Lưu Văn Khải",
    ] {
        assert!(names.contains(&n.to_string()), "{n}: {names:?}");
    }
}

#[test]
fn elected_at_the_event_attends_relieved_in_absence_does_not() {
    // Class: "Tại hội nghị, … bầu bà X làm Chủ tịch": elected there.
    let d = doc(
        "Ngày 14-3, Ủy ban MTTQ Việt Nam tỉnh tổ chức Hội nghị hiệp thương kiện toàn chức danh Chủ tịch. Tại hội nghị, các đại biểu biểu quyết tán thành việc bầu bà Lương Thị Mến làm Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.",
    );
    assert_eq!(attendees(&d), ["Lương Thị Mến"]);
    // Trap: relieved of a seat by a resolution, far after the verb.
    let d = doc(
        "Ngày 27-3, HĐND tỉnh tổ chức Kỳ họp bất thường. Tại kỳ họp, các đại biểu biểu quyết thông qua Nghị quyết về việc cho thôi làm nhiệm vụ đại biểu HĐND tỉnh khóa XVIII, nhiệm kỳ 2016 - 2021 đối với ông Kiều Văn Lâm.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn what_happened_before_the_event_is_no_attendance_unless_it_names_one() {
    // Trap: "Trước đó, …" tells an earlier step, not the event.
    let d = doc(
        "Ngày 14-3, Ủy ban MTTQ tỉnh tổ chức Hội nghị hiệp thương. Trước đó, người tiền nhiệm là ông Võ Đình Kha đã nhận quyết định nghỉ hưu từ ngày 1-2.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
    // Class: an earlier sitting the sentence names is an event too.
    let d = doc(
        "Chiều 23-10, Kỳ họp thứ 6 Quốc hội khóa XIV đã bế mạc. Trước đó, cuối phiên họp chiều 22-10, Chủ tịch Quốc hội Vương Thị Hà đã trình bày Tờ trình về nhân sự.",
    );
    assert_eq!(attendees(&d), ["Vương Thị Hà"]);
}

#[test]
fn acknowledging_a_fault_is_not_receiving() {
    // Trap: "nhận rõ trách nhiệm" starts like the agent verb "nhận".
    let d = doc(
        "Ngày 5-6, Bộ Chính trị họp Hội nghị xem xét kỷ luật. Quá trình kiểm điểm, đồng chí Ninh Văn Quế đã nhận rõ trách nhiệm của mình.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
    // Class: receiving at the event is taking part.
    let d = doc(
        "Ngày 5-6, Tỉnh ủy tổ chức Lễ trao Huy hiệu 50 năm tuổi Đảng. Đồng chí Ninh Văn Quế đã nhận Huy hiệu từ Bí thư Tỉnh ủy.",
    );
    assert_eq!(attendees(&d), ["Ninh Văn Quế"]);
}

#[test]
fn the_subject_after_an_opening_speech_clause_attends() {
    // Class: "Phát biểu kết luận Hội nghị …, Thủ tướng X đã …": the verb
    // before the kind is "phát biểu kết luận", not the document "Kết luận
    // Hội nghị", and the subject after the comma spoke.
    let d = doc(
        "Phát biểu kết luận Hội nghị của Chính phủ với doanh nghiệp diễn ra ngày 17-5, Phó Thủ tướng Chính phủ Kim Văn Lạng đã đưa ra nhiều cam kết với cộng đồng doanh nghiệp.",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    assert_eq!(attendees(&d), ["Kim Văn Lạng"]);
    // Trap: a clause that opens on a source, not an act ("Theo báo cáo"),
    // and the document "Kết luận Hội nghị" cited in passing.
    let d = doc(
        "Sáng 17-5, Sở Công Thương tổ chức Hội nghị doanh nghiệp. Theo báo cáo của Sở, ông Kim Văn Lạng đã nghỉ hưu từ năm trước.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
    let d = doc("Thực hiện Kết luận Hội nghị Trung ương 4, các cấp ủy rà soát quy hoạch cán bộ.");
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn a_place_ending_a_title_is_no_part_of_the_name_after_it() {
    // Class: "Chủ tịch Hội nhà văn Việt Nam Khánh Thơ": the organisation's
    // place (written in lower case, so no title covers it) ends the title,
    // the pen name after it keeps the title's cue.
    let d = doc(
        "Sáng 26-3, Tỉnh đoàn tổ chức Lễ kỷ niệm ngày thành lập Đoàn. Dự lễ có Bí thư Tỉnh đoàn Quảng Trị Lê Văn Sơn; Chủ tịch Hội nhà văn Việt Nam Khánh Thơ. Buổi lễ có tiết mục của nghệ sĩ Hà Nam Khánh.",
    );
    assert_eq!(attendees(&d), ["Lê Văn Sơn", "Khánh Thơ"]);
    // Trap: a name that opens with a family name and a place's words
    // ("Hà Nam Khánh") stays whole.
    let persons: Vec<&str> = d
        .entities
        .iter()
        .filter(|e| matches!(e.kind, vntext::model::Kind::Person { .. }))
        .map(|e| &d.text[e.start..e.end])
        .collect();
    assert!(persons.contains(&"Hà Nam Khánh"), "{persons:?}");
    assert!(
        !persons.iter().any(|p| p.starts_with("Việt Nam")),
        "{persons:?}"
    );
}

#[test]
fn a_speech_of_a_person_past_a_chain_of_titles_is_attendance() {
    // Class: "ý kiến phát biểu chỉ đạo của đồng chí <titles> X": past two
    // titles, a comma and the words that end the Party's name.
    let d = doc(
        "Ngày 13-9, Hội Nông dân Việt Nam tổ chức Đại hội đại biểu toàn quốc lần thứ VIII. Sau khi thảo luận, các ý kiến phát biểu của đại biểu và ý kiến phát biểu chỉ đạo của đồng chí Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trung ương Đảng Cộng sản Việt Nam Đoàn Minh Huấn, Đại hội quyết nghị thông qua báo cáo.",
    );
    assert_eq!(attendees(&d), ["Đoàn Minh Huấn"]);
    // Trap: guidance given before, not a speech at the event.
    let d = doc(
        "Ngày 13-9, Hội Nông dân Việt Nam tổ chức Đại hội đại biểu toàn quốc lần thứ VIII. Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ Đoàn Minh Huấn, Hội đã rà soát các văn kiện.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn a_name_misspelt_by_one_mark_is_one_attendee() {
    // Class: the report writes "Vượng" once as "Vương": one person.
    let d = doc(
        "Sáng 29-12, Ban Tuyên giáo Trung ương tổ chức Hội nghị tổng kết năm. Đồng chí Trần Quốc Vượng phát biểu chỉ đạo hội nghị. Kết thúc bài phát biểu, đồng chí Trần Quốc Vương nhấn mạnh nhiệm vụ năm tới.",
    );
    assert_eq!(attendees(&d), ["Trần Quốc Vượng"]);
    // Trap: names that differ by a letter are two persons.
    let d = doc(
        "Sáng 29-12, Ban Tuyên giáo Trung ương tổ chức Hội nghị tổng kết năm. Đồng chí Trần Quốc Vượng phát biểu chỉ đạo hội nghị. Đồng chí Trần Quốc Vinh nhấn mạnh nhiệm vụ năm tới.",
    );
    assert_eq!(attendees(&d), ["Trần Quốc Vượng", "Trần Quốc Vinh"]);
}

#[test]
fn speaking_to_a_reporter_written_pv_is_not_attendance() {
    // Trap: "Thông tin với PV, ông X cho biết": an interview.
    let d = doc(
        "Sáng 3-5, Sở Xây dựng tổ chức Hội nghị giao ban quý II. Thông tin với PV, ông Lục Văn Bảo, Trưởng phòng Quản lý nhà cho biết dự án sẽ xong.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
    // Class: the same words said at the event.
    let d = doc(
        "Sáng 3-5, Sở Xây dựng tổ chức Hội nghị giao ban quý II. Tại hội nghị, ông Lục Văn Bảo, Trưởng phòng Quản lý nhà cho biết dự án sẽ xong.",
    );
    assert_eq!(attendees(&d), ["Lục Văn Bảo"]);
}

#[test]
fn a_further_item_of_a_decision_list_names_an_attendee_too() {
    // Class: "miễn nhiệm … đối với ông A, để …; với ông B để …": the item
    // after the semicolon holds only the name and its address word.
    let d = doc(
        "Sáng 5-4, UBND thành phố tổ chức Lễ công bố quyết định về công tác cán bộ. Phó Thủ tướng Lý Minh Đức trao quyết định phê chuẩn miễn nhiệm chức Phó Chủ tịch UBND thành phố đối với ông Đinh Quang Vũ, để nhận nhiệm vụ mới; với ông Hồ Sĩ Lâm để nghỉ hưu.",
    );
    let names = attendees(&d);
    for n in ["Lý Minh Đức", "Đinh Quang Vũ", "Hồ Sĩ Lâm"] {
        assert!(names.contains(&n.to_string()), "{n}: {names:?}");
    }
    // Trap: an item after the semicolon that says more than the name is
    // another clause.
    let d = doc(
        "Sáng 5-4, UBND thành phố tổ chức Lễ công bố quyết định về công tác cán bộ. Phó Thủ tướng Lý Minh Đức trao quyết định phê chuẩn miễn nhiệm chức Phó Chủ tịch UBND thành phố đối với ông Đinh Quang Vũ; nhiều năm trước đó cán bộ của phường đã làm việc với ông Hồ Sĩ Lâm.",
    );
    let names = attendees(&d);
    assert!(!names.contains(&"Hồ Sĩ Lâm".to_string()), "{names:?}");
}

#[test]
fn the_chair_attends_also_when_named_only_as_chair() {
    // Class: "dưới sự chủ trì của đồng chí X, Hội nghị … đã diễn ra".
    let d = doc(
        "Sáng 12-4, dưới sự chủ trì của đồng chí Lê Hồng Vinh, Phó Chủ tịch Thường trực UBND tỉnh, Hội nghị triển khai nhiệm vụ quý II đã diễn ra tại thành phố Vinh.",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    assert_eq!(d.events[0].chair.as_deref(), Some("Lê Hồng Vinh"));
    assert_eq!(attendees(&d), ["Lê Hồng Vinh"]);
    // Class: co-chairs listed as in an attendance clause.
    let d = doc(
        "Sáng 12-4, UBND tỉnh tổ chức Hội nghị triển khai nhiệm vụ quý II. Đồng chủ trì Hội nghị có các đồng chí: Lê Hồng Vinh, Phó Chủ tịch Thường trực UBND tỉnh; Bùi Đình Long, Phó Chủ tịch UBND tỉnh.",
    );
    assert_eq!(attendees(&d), ["Lê Hồng Vinh", "Bùi Đình Long"]);
    // Trap: a body that leads a task ("Sở … chủ trì thẩm định") has no
    // chair, and the person whose proposal it was does not attend.
    let d = doc(
        "Sáng 12-4, UBND tỉnh tổ chức Hội nghị triển khai nhiệm vụ quý II. Theo đề nghị của ông Trần Văn Mai, Giám đốc Sở Tài chính, Sở Kế hoạch chủ trì thẩm định dự án.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn ceremonial_acts_show_attendance_a_negated_one_does_not() {
    // Class: acts done at a ceremony ("đánh trống khai giảng", "dâng
    // hương", "chứng kiến lễ ký kết").
    let d = doc(
        "Sáng 5-9, Trường THCS Hòa Bình tổ chức Lễ khai giảng năm học mới. Bà Nguyễn Thị Mận, Phó Chủ tịch UBND quận đã đánh trống khai giảng. Ông Võ Tấn Lực, Giám đốc Sở Giáo dục và Đào tạo chứng kiến lễ ký kết hợp tác.",
    );
    assert_eq!(attendees(&d), ["Nguyễn Thị Mận", "Võ Tấn Lực"]);
    // Trap: the act negated.
    let d = doc(
        "Sáng 5-9, Trường THCS Hòa Bình tổ chức Lễ khai giảng năm học mới. Ông Võ Tấn Lực, Giám đốc Sở Giáo dục và Đào tạo không chứng kiến lễ ký kết hợp tác.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn the_lower_case_word_ending_an_uncovered_name_reaches_the_verb() {
    // Class: "Giám đốc Sở Giáo dục chứng kiến": no organisation entity
    // covers "Sở Giáo dục", its last word is lower-case.
    let d = doc(
        "Sáng 5-9, Trường THCS Hòa Bình tổ chức Lễ khai giảng năm học mới. Ông Võ Tấn Lực, Giám đốc Sở Giáo dục chứng kiến lễ ký kết hợp tác.",
    );
    assert_eq!(attendees(&d), ["Võ Tấn Lực"]);
    // Trap: two lower-case words before the verb ("từng chứng kiến": had
    // once seen) are no end of a name.
    let d = doc(
        "Sáng 5-9, Trường THCS Hòa Bình tổ chức Lễ khai giảng năm học mới. Ông Võ Tấn Lực, Giám đốc Sở Giáo dục từng chứng kiến lễ ký kết hợp tác.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}

#[test]
fn elected_in_a_sentence_at_the_event_attends_a_career_step_does_not() {
    // Class: "Tại hội nghị, đồng chí X được bầu giữ chức …".
    let d = doc(
        "Sáng 12-4, Tỉnh ủy tổ chức Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ tỉnh. Tại hội nghị, đồng chí Thái Văn Quý được bầu giữ chức Bí thư Tỉnh ủy.",
    );
    assert_eq!(attendees(&d), ["Thái Văn Quý"]);
    // Trap: an election told as a step of a career.
    let d = doc(
        "Sáng 12-4, Tỉnh ủy tổ chức Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ tỉnh. Năm 2015, đồng chí Thái Văn Quý được bầu làm Chủ tịch UBND huyện.",
    );
    assert!(attendees(&d).is_empty(), "{:?}", attendees(&d));
}
