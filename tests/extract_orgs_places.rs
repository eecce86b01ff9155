//! Organization, location and title extraction.
use vntext::{Entity, Kind};

fn run(article: &str) -> Vec<Entity> {
    vntext::pipeline::process_text(article, None).entities
}

fn orgs(article: &str) -> Vec<(String, String)> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Organization { name, expanded } => Some((name, expanded)),
            _ => None,
        })
        .collect()
}

fn org_names(article: &str) -> Vec<String> {
    orgs(article).into_iter().map(|o| o.0).collect()
}

fn places(article: &str) -> Vec<(String, String, String)> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Location { name, level } => Some((name, level, e.rule)),
            _ => None,
        })
        .collect()
}

fn titles(article: &str) -> Vec<(String, Option<String>)> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Title {
                title,
                organization,
            } => Some((title, organization)),
            _ => None,
        })
        .collect()
}

#[test]
fn party_committee_takes_its_province() {
    let t = "Ngày 5-4, Tỉnh ủy Lào Cai tổ chức hội nghị; Huyện ủy Võ Nhai báo cáo.";
    assert_eq!(org_names(t), ["Tỉnh ủy Lào Cai", "Huyện ủy Võ Nhai"]);
    let p = places(t);
    assert!(
        p.iter().any(|p| p.0 == "Lào Cai" && p.1 == "province"),
        "{p:?}"
    );
    assert!(
        p.iter().any(|p| p.0 == "Võ Nhai" && p.1 == "district"),
        "{p:?}"
    );
}

#[test]
fn acronyms_are_expanded() {
    let o = orgs("UBND tỉnh và HĐND tỉnh cùng Ủy ban MTTQ Việt Nam tỉnh thống nhất.");
    assert_eq!(
        o[0],
        ("UBND tỉnh".to_string(), "Ủy ban nhân dân tỉnh".to_string())
    );
    assert_eq!(
        o[1],
        (
            "HĐND tỉnh".to_string(),
            "Hội đồng nhân dân tỉnh".to_string()
        )
    );
    assert_eq!(o[2].0, "Ủy ban MTTQ Việt Nam tỉnh");
    assert_eq!(o[2].1, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
}

#[test]
fn fixed_central_bodies() {
    let t = "Bộ Chính trị, Ban Bí thư và Quốc hội; Chính phủ chỉ đạo.";
    assert_eq!(
        org_names(t),
        ["Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ"]
    );
}

#[test]
fn sector_departments_and_ministries() {
    let t = "Sở Y tế, Sở Kế hoạch và Đầu tư, Bộ Công an và Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An phối hợp.";
    assert_eq!(
        org_names(t),
        [
            "Sở Y tế",
            "Sở Kế hoạch và Đầu tư",
            "Bộ Công an",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"
        ]
    );
}

#[test]
fn nested_parent_bodies() {
    let t = "Ủy ban Kiểm tra Tỉnh ủy, Văn phòng UBND tỉnh và Ban Thường vụ Huyện ủy làm việc với Ban Tuyên giáo Trung ương.";
    assert_eq!(
        org_names(t),
        [
            "Ủy ban Kiểm tra Tỉnh ủy",
            "Văn phòng UBND tỉnh",
            "Ban Thường vụ Huyện ủy",
            "Ban Tuyên giáo Trung ương"
        ]
    );
}

#[test]
fn generic_institute_names_stop_at_verbs() {
    let t = "Viện Vệ sinh Dịch tễ Trung ương đã công bố kết quả.";
    assert_eq!(org_names(t), ["Viện Vệ sinh Dịch tễ Trung ương"]);
}

#[test]
fn level_cue_places() {
    let p =
        places("Đoàn về xã Tân Cương, huyện Phú Lương và TP. Hồ Chí Minh, thành phố Sông Công.");
    let got: Vec<_> = p.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Tân Cương", "commune"),
            ("Phú Lương", "district"),
            ("TP. Hồ Chí Minh", "city"),
            ("Sông Công", "city")
        ]
    );
}

#[test]
fn gazetteer_old_and_new_provinces_and_countries() {
    let p = places("Hà Giang và Tuyên Quang hợp nhất; đoàn công tác sang Lào và Campuchia.");
    let got: Vec<_> = p.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Hà Giang", "province"),
            ("Tuyên Quang", "province"),
            ("Lào", "country"),
            ("Campuchia", "country")
        ]
    );
}

#[test]
fn ho_chi_minh_is_a_place_only_with_a_cue() {
    let p = places("Học tập và làm theo tư tưởng Hồ Chí Minh.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn person_before_province_is_not_a_place() {
    let t = "Phó Chủ tịch UBND tỉnh Lê Văn Bình chủ trì.";
    assert!(places(t).is_empty());
    assert_eq!(org_names(t), ["UBND tỉnh"]);
}

#[test]
fn titles_with_modifiers_and_organizations() {
    let t = "nguyên Bí thư Tỉnh ủy; Phó Bí thư Thường trực Tỉnh ủy; Ủy viên Dự khuyết Trung ương Đảng; Thứ trưởng Bộ Công an; Trưởng Đoàn đại biểu Quốc hội tỉnh; Quyền Giám đốc Sở Tài chính.";
    let got = titles(t);
    let want = [
        ("nguyên Bí thư Tỉnh ủy", Some("Tỉnh ủy")),
        ("Phó Bí thư Thường trực Tỉnh ủy", Some("Tỉnh ủy")),
        ("Ủy viên Dự khuyết Trung ương Đảng", Some("Trung ương Đảng")),
        ("Thứ trưởng Bộ Công an", Some("Bộ Công an")),
        (
            "Trưởng Đoàn đại biểu Quốc hội tỉnh",
            Some("Đoàn đại biểu Quốc hội tỉnh"),
        ),
        ("Quyền Giám đốc Sở Tài chính", Some("Sở Tài chính")),
    ];
    let got: Vec<_> = got
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_deref()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn generic_lower_case_titles_are_not_titles() {
    assert!(titles("Đồng chí bí thư cấp ủy trực tiếp làm báo cáo viên.").is_empty());
    assert!(titles("Các Ủy viên cần gương mẫu.").is_empty());
}

#[test]
fn departments_without_a_listed_field_take_their_name() {
    let t = "Ông Phạm Minh Tâm, Phó Cục trưởng Cục Quản lý Dược, mỹ phẩm, phát biểu.";
    let o = org_names(t);
    assert!(
        o.contains(&"Cục Quản lý Dược, mỹ phẩm".to_string()),
        "{o:?}"
    );
    let t = "Lãnh đạo Cục Kiểm soát thủ tục hành chính báo cáo.";
    assert_eq!(org_names(t), ["Cục Kiểm soát thủ tục hành chính"]);
}

#[test]
fn universities_named_after_places_and_bodies_of_parliament() {
    let t = "Đại diện Đại học Đà Nẵng và Ủy ban Tư pháp của Quốc hội dự họp.";
    let o = org_names(t);
    assert!(o.contains(&"Đại học Đà Nẵng".to_string()), "{o:?}");
    assert!(
        o.contains(&"Ủy ban Tư pháp của Quốc hội".to_string()),
        "{o:?}"
    );
    // A count is not a place: "UBND 45 xã".
    assert!(
        !org_names("Có UBND 45 xã tham gia.")
            .iter()
            .any(|o| o.contains("45"))
    );
}

#[test]
fn titles_take_their_organisation_and_term() {
    let t = titles("Ông Lê Văn Sơn, Trưởng phòng Tổng hợp Sở Tài chính, phát biểu.");
    assert_eq!(t[0].0, "Trưởng phòng Tổng hợp Sở Tài chính");
    let t = titles("Bà Hà Thị Mai, Ủy viên Ban Chấp hành Trung ương Đảng khóa XII, XIII.");
    assert_eq!(
        t[0].0,
        "Ủy viên Ban Chấp hành Trung ương Đảng khóa XII, XIII"
    );
    let t =
        titles("Ông John Smith, Trưởng Đại diện Ngân hàng Thế giới (WB) tại Việt Nam, cho biết.");
    assert_eq!(
        t[0].0,
        "Trưởng Đại diện Ngân hàng Thế giới (WB) tại Việt Nam"
    );
}

#[test]
fn streets_and_cue_only_cities_keep_their_cue() {
    let p: Vec<String> = places("Đoàn đi qua đường Nguyễn Văn Cừ đến TP. Hồ Chí Minh.")
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(p, ["đường Nguyễn Văn Cừ", "TP. Hồ Chí Minh"]);
    // "thành phố Trần …" after a body is not a street.
    let p = places("Chủ tịch HĐND thành phố Trần Văn Hùng phát biểu.");
    assert!(!p.iter().any(|p| p.1 == "street"), "{p:?}");
}

fn spans_of(article: &str, ty: &str) -> Vec<String> {
    run(article)
        .into_iter()
        .filter(|e| e.kind.type_name() == ty)
        .map(|e| e.text)
        .collect()
}

#[test]
fn level_cued_places_span_their_level_word() {
    let t = "Lũ quét qua huyện Mường Lát, tỉnh Thanh Hóa.";
    assert_eq!(
        spans_of(t, "location"),
        ["huyện Mường Lát", "tỉnh Thanh Hóa"]
    );
    let p = places(t);
    assert_eq!(p[0].0, "Mường Lát");
}

#[test]
fn oceans_regions_and_capitals_are_places() {
    let t = "Hạm đội đi qua Thái Bình Dương, ghé Seoul rồi về Trung Đông.";
    let n: Vec<_> = places(t).into_iter().map(|p| p.0).collect();
    assert_eq!(n, ["Thái Bình Dương", "Seoul", "Trung Đông"]);
    // Trap: a place inside a person's name.
    assert!(places("Bà Trần Thị Thu Nga đến.").is_empty());
}

#[test]
fn youth_union_and_party_delegation_are_organisations() {
    let t = "Bí thư Tỉnh Đoàn Lai Châu Y Khoa phát biểu; Đảng đoàn Hội Nông dân họp.";
    let o = org_names(t);
    assert!(o.contains(&"Tỉnh Đoàn Lai Châu".to_string()), "{o:?}");
    let n: Vec<_> = run(t)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Person { name, .. } => Some(name),
            _ => None,
        })
        .collect();
    assert!(!n.iter().any(|x| x.contains("Đoàn")), "{n:?}");
}

#[test]
fn agencies_and_international_bodies_are_organisations() {
    let t = "Theo Reuters, Liên Hợp Quốc và EU đã lên tiếng.\nẢnh: AFP";
    let o = org_names(t);
    assert_eq!(o, ["Reuters", "Liên Hợp Quốc", "EU", "AFP"]);
    // Trap: none of them is a person.
    assert!(!run(t).iter().any(|e| e.kind.type_name() == "person"));
}

#[test]
fn party_bodies_written_with_a_lower_case_word() {
    let t = "Ông Hà Quang Vĩnh, Ủy viên Bộ chính trị, Bí thư Quận ủy Tây Hồ, phát biểu.";
    let ts: Vec<_> = titles(t).into_iter().map(|t| t.0).collect();
    assert!(ts.contains(&"Ủy viên Bộ chính trị".to_string()), "{ts:?}");
    // Trap: "cán bộ" is no ministry.
    assert!(org_names("Các cán bộ Chính trị viên dự họp.").is_empty());
}

#[test]
fn continents_regions_and_britain_in_running_text() {
    let t = "Hàng hóa xuất sang châu Âu và các nước châu Á tăng mạnh. Mưa lớn kéo dài ở miền Trung. Đội bóng của Anh thắng đậm.";
    let s = spans_of(t, "location");
    for x in ["châu Âu", "châu Á", "miền Trung", "Anh"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Traps: the language, a pound, a name ending in "Anh", a person
    // addressed as "cô Anh", a district named "Anh Sơn".
    let t = "Em học tiếng Anh từ nhỏ. Nó nặng 500 bảng Anh. Chị Lan Anh về quê. Cô Anh dạy giỏi. Anh đến huyện Anh Sơn. Hai nhà Anh em họ.";
    let s = spans_of(t, "location");
    assert!(!s.contains(&"Anh".to_string()), "{s:?}");
}

#[test]
fn a_place_after_a_sentence_opener_or_another_place() {
    let t = "Tại Việt Nam, giá bán chưa công bố. Bão đổ bộ miền Nam Thái Lan. Đoàn đã tới TP. HCM sáng nay.";
    let s = spans_of(t, "location");
    for x in ["Việt Nam", "Thái Lan", "TP. HCM"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Trap: a place word ending a person's name.
    let s = spans_of("Chị Huỳnh Thị Thu Nga phát biểu.", "location");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn age_group_teams_and_news_outlets_are_organisations() {
    let t = "U19 Việt Nam thắng U19 Lào 3-0, theo Tuổi Trẻ. Bangkok Post dẫn lời huấn luyện viên.";
    let n = org_names(t);
    for x in ["U19 Việt Nam", "U19 Lào", "Tuổi Trẻ", "Bangkok Post"] {
        assert!(n.contains(&x.to_string()), "{x}: {n:?}");
    }
    // Traps: an age band with no team, the youth union in lower case.
    let n = org_names("Cầu thủ U19 tập luyện cho giải U23 châu Á. Đoàn viên thanh niên tham gia.");
    assert!(n.is_empty(), "{n:?}");
}
