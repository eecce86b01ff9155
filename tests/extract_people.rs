//! Person extraction: names, titles, coreference, bylines.
use vntext::{Entity, Kind};

fn run(article: &str) -> Vec<Entity> {
    vntext::pipeline::process_text(article, None).entities
}

/// (name, titles, refers_to, rule, text) of a person.
type P = (String, Vec<String>, Option<String>, String, String);

/// Every person found.
fn persons(article: &str) -> Vec<P> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Person {
                name,
                titles,
                refers_to,
            } => Some((name, titles, refers_to, e.rule, e.text)),
            _ => None,
        })
        .collect()
}

fn names(article: &str) -> Vec<String> {
    persons(article).into_iter().map(|p| p.0).collect()
}

fn titles_of(article: &str, name: &str) -> Vec<String> {
    persons(article)
        .into_iter()
        .find(|p| p.0 == name)
        .map(|p| p.1)
        .unwrap_or_default()
}

const LIST: &str = "Dự Hội nghị có các đồng chí Lê Minh Tuấn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng Đoàn đại biểu Quốc hội tỉnh; Hoàng Văn Nam, Ủy viên Dự khuyết Trung ương Đảng, Chủ tịch UBND tỉnh; Đỗ Thị Lan, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh; các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy.";

#[test]
fn appositive_list_commas_titles_semicolons_persons() {
    assert_eq!(names(LIST), ["Lê Minh Tuấn", "Hoàng Văn Nam", "Đỗ Thị Lan"]);
    assert_eq!(
        titles_of(LIST, "Lê Minh Tuấn"),
        [
            "Ủy viên Trung ương Đảng",
            "Bí thư Tỉnh ủy",
            "Trưởng Đoàn đại biểu Quốc hội tỉnh"
        ]
    );
    assert_eq!(
        titles_of(LIST, "Hoàng Văn Nam"),
        ["Ủy viên Dự khuyết Trung ương Đảng", "Chủ tịch UBND tỉnh"]
    );
    assert_eq!(
        titles_of(LIST, "Đỗ Thị Lan"),
        ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    );
}

#[test]
fn titles_before_the_name() {
    let t = "Phát biểu tại buổi làm việc, Phó Chủ tịch UBND tỉnh Vũ Đức Bình đề nghị các sở khẩn trương triển khai.";
    let p = persons(t);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "Vũ Đức Bình");
    assert_eq!(p[0].1, ["Phó Chủ tịch UBND tỉnh"]);
    assert_eq!(p[0].3, "person.title_before");
    let chain = "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Sở Y tế Đinh Thị Hoa chủ trì hội nghị.";
    assert_eq!(
        titles_of(chain, "Đinh Thị Hoa"),
        ["Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc Sở Y tế"]
    );
}

#[test]
fn title_then_person_name_after_party_committee() {
    let t = "Bí thư Đảng ủy Khối Trương Quang Hải ký ban hành kế hoạch.";
    assert_eq!(names(t), ["Trương Quang Hải"]);
    let t2 = "Chủ tịch HĐND thành phố Trần Thị Phương Lan chủ trì kỳ họp.";
    assert_eq!(names(t2), ["Trần Thị Phương Lan"]);
    assert_eq!(
        titles_of(t2, "Trần Thị Phương Lan"),
        ["Chủ tịch HĐND thành phố"]
    );
}

#[test]
fn cue_words_let_unknown_family_names_through() {
    let t = "Thượng tướng Tô Lâm và Tổng thống Donald Trump hội đàm; ông Khamphăn Phommathat phát biểu.";
    let n = names(t);
    assert!(n.contains(&"Tô Lâm".to_string()), "{n:?}");
    assert!(n.contains(&"Donald Trump".to_string()), "{n:?}");
    assert!(n.contains(&"Khamphăn Phommathat".to_string()), "{n:?}");
    assert_eq!(titles_of(t, "Donald Trump"), ["Tổng thống"]);
}

#[test]
fn surname_without_cue_needs_three_words() {
    let t = "Sáng nay, Nguyễn Văn Hùng nhận Huy hiệu 50 năm tuổi Đảng. Lê Hoa cũng có mặt.";
    assert_eq!(names(t), ["Nguyễn Văn Hùng"]);
}

#[test]
fn ethnic_and_compound_names() {
    let t = "Tham dự có các đồng chí: H'Ly Ayun, Ủy viên Ban Thường vụ Tỉnh ủy; Y Thanh Hà Niê Kđăm, Bí thư Tỉnh ủy; Giàng A Tông, Phó Chủ tịch UBND huyện.";
    assert_eq!(
        names(t),
        ["H'Ly Ayun", "Y Thanh Hà Niê Kđăm", "Giàng A Tông"]
    );
}

#[test]
fn all_caps_names() {
    let t = "Bài phỏng vấn đồng chí NGUYỄN VĂN THẮNG về công tác cán bộ.";
    assert_eq!(names(t), ["Nguyễn Văn Thắng"]);
}

#[test]
fn never_places_organizations_or_streets() {
    let t = "Tỉnh ủy Thái Nguyên làm việc với Bộ Chính trị tại Thành phố Hồ Chí Minh; đoàn thăm Trường THPT Nguyễn Du trên đường Lê Lợi, học tập tư tưởng Hồ Chí Minh. Đồng chí phát biểu tại Hội nghị và Quốc hội.";
    assert!(names(t).is_empty(), "{:?}", names(t));
}

#[test]
fn chairman_ho_chi_minh_is_a_person() {
    let t = "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh, các đại biểu dâng hương.";
    assert_eq!(names(t), ["Hồ Chí Minh"]);
}

#[test]
fn place_after_a_family_name_is_part_of_the_name() {
    let t = "Ông Nguyễn Thái Bình và bà Huỳnh Thị Thu Nga dự lễ.";
    assert_eq!(names(t), ["Nguyễn Thái Bình", "Huỳnh Thị Thu Nga"]);
}

#[test]
fn repeated_full_name_repeats_titles() {
    let t =
        format!("{LIST} Phát biểu kết luận, đồng chí Lê Minh Tuấn đề nghị các cấp ủy tập trung.");
    let p: Vec<_> = persons(&t)
        .into_iter()
        .filter(|p| p.0 == "Lê Minh Tuấn")
        .collect();
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].1.len(), 3);
}

#[test]
fn coreference_by_title() {
    let t = format!(
        "{LIST} Đồng chí Bí thư Tỉnh ủy yêu cầu các cấp ủy khẩn trương. Đồng chí bí thư cấp ủy trực tiếp làm báo cáo viên."
    );
    let p = persons(&t);
    let r: Vec<_> = p.iter().filter(|p| p.2.is_some()).collect();
    assert_eq!(r.len(), 1, "{p:?}");
    assert_eq!(r[0].4, "Đồng chí Bí thư Tỉnh ủy");
    assert_eq!(r[0].2.as_deref(), Some("Lê Minh Tuấn"));
    assert_eq!(r[0].3, "person.coref_title");
}

#[test]
fn coreference_by_given_name() {
    let t = "Ông Phan Văn Hải, Giám đốc Sở Tài chính, báo cáo. Theo ông Hải, nguồn thu tăng. Bà Hoa chưa đến.";
    let p = persons(t);
    let r: Vec<_> = p.iter().filter(|p| p.3 == "person.coref_given").collect();
    assert_eq!(r.len(), 1, "{p:?}");
    assert_eq!(r[0].4, "Hải");
    assert_eq!(r[0].2.as_deref(), Some("Phan Văn Hải"));
}

#[test]
fn bylines_and_photo_credits() {
    let t = "Hội nghị diễn ra trong một ngày.\nẢnh: Trí Dũng/TTXVN\nCác đại biểu biểu quyết thông qua.\nĐỗ Tuấn - Hồng Nhung\n";
    let p = persons(t);
    let got: Vec<_> = p.iter().map(|p| (p.0.as_str(), p.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Trí Dũng", "person.photo_credit"),
            ("Đỗ Tuấn", "person.byline"),
            ("Hồng Nhung", "person.byline")
        ]
    );
}

#[test]
fn title_after_giu_chuc() {
    let t = "Hội đồng bầu ông Trịnh Quốc Hưng giữ chức Chủ tịch UBND tỉnh An Giang.";
    assert_eq!(
        titles_of(t, "Trịnh Quốc Hưng"),
        ["Chủ tịch UBND tỉnh An Giang"]
    );
}

#[test]
fn names_in_capitals_resolve_to_the_person_named_in_the_text() {
    let t = "TIỂU SỬ ĐỒNG CHÍ ĐINH VĂN TOÀN\n\nĐồng chí Đinh Văn Toàn sinh năm 1970.\n";
    let p = persons(t);
    assert!(p.iter().all(|p| p.0 == "Đinh Văn Toàn"), "{p:?}");
    assert!(p.iter().any(|p| p.3 == "person.caps"));
    // A headline in capitals naming nobody is no person.
    assert!(names("ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH TIẾP XÚC CỬ TRI\n\nNội dung.").is_empty());
}

#[test]
fn career_list_items_give_titles_to_the_biography_subject() {
    let t = "Họ và tên: Lò Văn Khải\nQuá trình công tác:\n- Tháng 3.2010: Phó Bí thư Huyện ủy Mai Sơn.\n- Tháng 5.2015: Tỉnh ủy viên, Bí thư Huyện ủy Mai Sơn.\n";
    assert_eq!(
        titles_of(t, "Lò Văn Khải"),
        [
            "Phó Bí thư Huyện ủy Mai Sơn",
            "Tỉnh ủy viên",
            "Bí thư Huyện ủy Mai Sơn"
        ]
    );
}

#[test]
fn organisation_heads_open_no_name_and_short_titles_fold_into_full_ones() {
    let t = "Bộ trưởng Bộ Tư pháp Lê Thành Long phát biểu. Bộ trưởng Lê Thành Long cho biết.";
    assert_eq!(titles_of(t, "Lê Thành Long"), ["Bộ trưởng Bộ Tư pháp"]);
    let t = "Ông Ngô Văn Hà, Cục trưởng Cục Quản lý thị trường tỉnh làm Trưởng đoàn.";
    assert_eq!(names(t), ["Ngô Văn Hà"]);
    assert!(titles_of(t, "Ngô Văn Hà").contains(&"Trưởng đoàn".to_string()));
}

#[test]
fn ho_chi_minh_after_style_words_is_the_person() {
    let t = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.";
    assert_eq!(names(t), ["Hồ Chí Minh"]);
    assert!(names("Đoàn đến Thành phố Hồ Chí Minh.").is_empty());
}

/// (text span, name it refers to) of every person mention.
fn spans(article: &str) -> Vec<(String, String)> {
    persons(article)
        .into_iter()
        .map(|p| (p.4, p.2.unwrap_or(p.0)))
        .collect()
}

#[test]
fn later_mentions_by_the_end_of_the_full_name() {
    let t = "Kình ngư Lương Thị Bảo Ngân giành hai huy chương vàng. Sau vòng loại, Bảo Ngân bơi nhanh hơn. Ngân chia sẻ niềm vui. Cùng ngày, Tổng thống Pháp Pierre Lambert gặp báo chí; Lambert nói ngắn.";
    let s = spans(t);
    assert!(
        s.contains(&("Bảo Ngân".into(), "Lương Thị Bảo Ngân".into())),
        "{s:?}"
    );
    assert!(
        s.contains(&("Ngân".into(), "Lương Thị Bảo Ngân".into())),
        "{s:?}"
    );
    assert!(
        s.contains(&("Lambert".into(), "Pierre Lambert".into())),
        "{s:?}"
    );
    // Trap: before the full name is given, and glued to other capitalised
    // words ("Ngân Hà"), the short form is no mention.
    let t =
        "Ngân đến sớm. Bà Lương Thị Bảo Ngân phát biểu. Dải Ngân Hà rất đẹp. Đoàn về miền Ngân.";
    let s = spans(t);
    assert_eq!(
        s.iter().filter(|p| p.1 == "Lương Thị Bảo Ngân").count(),
        1,
        "{s:?}"
    );
}

#[test]
fn coreference_by_given_name_spans_the_name_only() {
    let t = "Ông Đặng Quốc Toản phát biểu. Theo ông Toản, dự án chậm.";
    let s = spans(t);
    assert!(
        s.contains(&("Toản".into(), "Đặng Quốc Toản".into())),
        "{s:?}"
    );
}

#[test]
fn photo_credits_of_agencies_and_sites_are_no_persons() {
    let t = "Hiện trường vụ cháy.\nẢnh: Reuters\nĐội cứu hỏa có mặt.\nẢnh: Tư liệu\nMột góc khu phố.\nNguồn: Internet\nẢnh: Getty Images\nNgười dân dọn dẹp.\nẢnh: Lê Minh Khoa\n";
    let p = persons(t);
    let got: Vec<_> = p.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(got, ["Lê Minh Khoa"], "{p:?}");
}

#[test]
fn source_line_gives_the_author_without_its_cue() {
    let t = "Bài viết kể về một làng nghề.\nTheo Hà Thu";
    let p = persons(t);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "Hà Thu");
    // Trap: a newspaper is no author.
    assert!(names("Bài viết kể về một làng nghề.\nTheo Daily Herald").is_empty());
}

#[test]
fn place_after_a_bare_title_is_the_title_not_the_name() {
    let t = "Ngoại trưởng Áo Markus Fellner đã đến Hà Nội.";
    let p = persons(t);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "Markus Fellner");
    assert_eq!(p[0].1, ["Ngoại trưởng Áo"]);
    // Trap: a place glued after a family name is the name's.
    assert_eq!(names("Bà Huỳnh Thị Nga phát biểu."), ["Huỳnh Thị Nga"]);
}

#[test]
fn foreign_given_names_open_a_name_and_one_foreign_word_after_a_cue() {
    let t = "Huấn luyện viên Steven Morrow hài lòng. HLV Kowalczyk thì không.";
    let n = names(t);
    assert!(n.contains(&"Steven Morrow".to_string()), "{n:?}");
    assert!(n.contains(&"Kowalczyk".to_string()), "{n:?}");
    // Trap: a Vietnamese word alone after a cue is a given name, not a new
    // person; an agency after a preposition is nobody.
    assert!(names("Theo ông Tuấn, giá tăng. Tin từ Bloomberg News cho biết.").is_empty());
}

#[test]
fn roles_of_society_and_sport_news_are_cues() {
    let t = "Tiền đạo Văn Khải ghi hai bàn, ca sĩ Mỹ Linh Chi hát mở màn.";
    let n = names(t);
    assert!(n.contains(&"Văn Khải".to_string()), "{n:?}");
    // Trap: a team after the role word is no person.
    assert!(!names("Các cầu thủ Việt Nam tập luyện.").contains(&"Việt Nam".to_string()));
}

#[test]
fn initials_keep_their_dot() {
    let n = names("Bị cáo Trần Văn H. khai nhận. Bà Nguyễn V. Anh làm chứng.");
    assert!(n.contains(&"Trần Văn H.".to_string()), "{n:?}");
    assert!(n.contains(&"Nguyễn V. Anh".to_string()), "{n:?}");
}

#[test]
fn names_listed_with_a_player_are_players() {
    let t = "Đội hình xuất phát: thủ môn Văn Lâm, Đình Trọng, Hồng Duy và Quang Hải. Phút 30, Tiến Dũng (số 9) mở tỷ số.";
    let n = names(t);
    for x in [
        "Văn Lâm",
        "Đình Trọng",
        "Hồng Duy",
        "Quang Hải",
        "Tiến Dũng",
    ] {
        assert!(n.contains(&x.to_string()), "{x}: {n:?}");
    }
    // Trap: a list of places is no list of players.
    assert!(names("Đoàn qua Hà Nội, Hải Phòng và Quảng Ninh.").is_empty());
}

#[test]
fn oceans_and_streets_are_no_persons() {
    let t = "Tàu đi qua Thái Bình Dương rồi cập cảng. Cửa hàng trên đường Lê Lợi, Trần Hưng Đạo. Lầu Năm Góc ra thông báo.";
    assert!(names(t).is_empty(), "{:?}", names(t));
}

#[test]
fn name_holding_an_organisation_word_is_a_person() {
    let t = "Ông Lê Trường Sơn, Phó Giám đốc Sở Y tế, cho biết.";
    assert_eq!(names(t), ["Lê Trường Sơn"]);
    assert_eq!(titles_of(t, "Lê Trường Sơn"), ["Phó Giám đốc Sở Y tế"]);
    // Trap: the office of the head of State holds no person.
    assert!(names("Chủ tịch Nước Cộng hòa Xã hội chủ nghĩa Việt Nam ký lệnh.").is_empty());
}

#[test]
fn titles_shared_by_a_group_after_a_colon() {
    let t = "Dự lễ có các đồng chí Ủy viên Bộ Chính trị: Chủ tịch Quốc hội Lò Thị Hạnh; Trưởng Ban Tổ chức Trung ương Vương Đình Lộc. Cùng dự có Bộ trưởng Bộ Tài chính Mai Văn Tùng.";
    let h = titles_of(t, "Lò Thị Hạnh");
    assert!(h.contains(&"Ủy viên Bộ Chính trị".to_string()), "{h:?}");
    assert!(h.contains(&"Chủ tịch Quốc hội".to_string()), "{h:?}");
    assert!(titles_of(t, "Vương Đình Lộc").contains(&"Ủy viên Bộ Chính trị".to_string()));
    // Trap: a person in the next sentence is outside the group.
    assert_eq!(titles_of(t, "Mai Văn Tùng"), ["Bộ trưởng Bộ Tài chính"]);
}

#[test]
fn titles_shared_after_doi_voi_and_linked_by_lam() {
    let t = "Phó Thủ tướng trao quyết định phê chuẩn chức vụ Phó Chủ tịch UBND tỉnh đối với ông Hà Văn Quang và bà Đinh Thị Mơ. Sau đó, ông Tạ Đức Bình được phân công làm Bí thư Huyện ủy Yên Lập.";
    assert!(titles_of(t, "Hà Văn Quang").contains(&"Phó Chủ tịch UBND tỉnh".to_string()));
    assert!(titles_of(t, "Đinh Thị Mơ").contains(&"Phó Chủ tịch UBND tỉnh".to_string()));
    assert_eq!(titles_of(t, "Tạ Đức Bình"), ["Bí thư Huyện ủy Yên Lập"]);
    // Trap: a title someone else holds, or one not yet held.
    let t = "Ông Phùng Văn Lợi cho rằng Tổng Bí thư giữ chức Chủ tịch nước là phù hợp. Tỉnh giới thiệu ông Kha Văn Tám để bầu giữ chức Chủ tịch UBND tỉnh.";
    assert!(titles_of(t, "Phùng Văn Lợi").is_empty());
    assert!(titles_of(t, "Kha Văn Tám").is_empty());
}

#[test]
fn ranks_and_lower_case_heads_are_titles() {
    let t = "Ông Cầm Bá Lực - Thiếu tướng, Giám đốc Công an tỉnh dự họp. Miễn nhiệm chức Phó chủ tịch đối với bà Lục Thị Én.";
    assert_eq!(
        titles_of(t, "Cầm Bá Lực"),
        ["Thiếu tướng", "Giám đốc Công an tỉnh"]
    );
    assert_eq!(titles_of(t, "Lục Thị Én"), ["Phó chủ tịch"]);
}

#[test]
fn positions_held_in_a_biography_sentence() {
    // "giữ chức" far from the name, in a sentence about one person.
    let a = "Bầu Chủ tịch Ủy ban MTTQ tỉnh\n\nBà Trần Thị Hạnh sinh ngày 5/3/1970, quê quán: huyện Cần Đước, giữ chức Trưởng Ban Dân vận Tỉnh ủy Long An từ tháng 5/2016 đến nay.\n";
    assert!(
        titles_of(a, "Trần Thị Hạnh").contains(&"Trưởng Ban Dân vận Tỉnh ủy Long An".to_string())
    );
    // "Ông đã trải qua nhiều chức vụ như: …": the pronoun is the person named before.
    let b = "Tân Bí thư Tỉnh ủy\n\nÔng Lê Văn Hòa đã có 8 năm làm Bí thư Tỉnh ủy Bến Tre.\nÔng đã trải qua nhiều chức vụ như: Bí thư Tỉnh ủy Ninh Bình, Bộ trưởng Bộ Tư pháp.\n";
    let t = titles_of(b, "Lê Văn Hòa");
    assert!(t.contains(&"Bí thư Tỉnh ủy Bến Tre".to_string()), "{t:?}");
    assert!(t.contains(&"Bí thư Tỉnh ủy Ninh Bình".to_string()), "{t:?}");
    assert!(t.contains(&"Bộ trưởng Bộ Tư pháp".to_string()), "{t:?}");
    // Fronted: "Trên cương vị X, đồng chí A …".
    let c = "Kỷ niệm ngày sinh\n\nTrên cương vị Bí thư Tỉnh ủy Nghệ An, đồng chí Phan Văn Đức đã lãnh đạo tỉnh vượt qua khó khăn.\n";
    assert!(titles_of(c, "Phan Văn Đức").contains(&"Bí thư Tỉnh ủy Nghệ An".to_string()));
    // Traps: a nomination, a generic holder and a fronted clause whose
    // person is named without an honorific are no one's title.
    let d = "Kỳ họp thứ nhất\n\nCử tri đồng tình việc Trung ương giới thiệu ông Đỗ Văn Khang để Quốc hội bầu giữ chức vụ Chủ tịch Quốc hội.\nTrên cương vị Tổng Bí thư, tiếp thu lời dạy của lãnh tụ Nguyễn Văn Cừ, Đảng đã vượt qua thử thách.\n";
    assert!(!titles_of(d, "Đỗ Văn Khang").contains(&"Chủ tịch Quốc hội".to_string()));
    assert!(titles_of(d, "Nguyễn Văn Cừ").is_empty());
}

/// The texts of the person spans found (what a span-level scorer reads).
fn span_texts(article: &str) -> Vec<String> {
    persons(article).into_iter().map(|p| p.4).collect()
}

#[test]
fn a_foreign_word_after_an_address_word_is_a_name_of_its_own() {
    let t = "Hai năm sau, bà quen ông Kowalski tại một hội chợ ở Warszawa.";
    assert!(
        span_texts(t).contains(&"Kowalski".to_string()),
        "{:?}",
        span_texts(t)
    );
    // Trap: a Vietnamese given name alone, never given in full, is no entry.
    let t = "Sáng nay ông Thắng mở cửa hàng như mọi ngày.";
    assert!(span_texts(t).is_empty(), "{:?}", span_texts(t));
}

#[test]
fn a_country_or_an_address_word_before_a_name_is_no_part_of_it() {
    let t = "Người mẫu Ba Lan Kasia Nowicka gây chú ý. Thủ tướng Anh Gordon Brown phát biểu. Diễn viên Trung Quốc Lưu Diệc Phi xuất hiện.";
    let s = span_texts(t);
    for x in ["Kasia Nowicka", "Gordon Brown", "Lưu Diệc Phi"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    assert!(
        !s.iter()
            .any(|x| x.starts_with("Ba Lan") || x.starts_with("Anh ")),
        "{s:?}"
    );
    // Traps: a given name opening with "Anh", a name ending with a country
    // word.
    let s = span_texts("Ca sĩ Anh Thư góp mặt. Bà Nguyễn Thị Thu Nga phát biểu.");
    assert!(s.contains(&"Anh Thư".to_string()), "{s:?}");
    assert!(s.contains(&"Nguyễn Thị Thu Nga".to_string()), "{s:?}");
}

#[test]
fn a_name_ends_at_a_glued_hyphen_and_addresses_are_streets() {
    let s =
        span_texts("Chiều 5/3, ông Đỗ Văn Khoa-Phó chủ tịch UBND huyện đã kiểm tra hiện trường.");
    assert!(s.contains(&"Đỗ Văn Khoa".to_string()), "{s:?}");
    // Trap: a foreign name keeps its hyphen.
    let s = span_texts("Nhà lãnh đạo Kim Jong-un thị sát nhà máy.");
    assert!(s.contains(&"Kim Jong-un".to_string()), "{s:?}");
    let t = "Ủng hộ: bà Lý Thị Sen (24/6 Hoàng Văn Thụ, P.4, Q.Tân Bình): 200.000 đồng; ông Hà Minh (12B Nguyễn Đình Chiểu, Q.3): 500.000 đồng.";
    let s = span_texts(t);
    assert!(s.contains(&"Lý Thị Sen".to_string()), "{s:?}");
    assert!(
        !s.iter()
            .any(|x| x.contains("Hoàng Văn Thụ") || x.contains("Đình Chiểu")),
        "{s:?}"
    );
    // Trap: a shirt number before a player is no address.
    let s = span_texts("Chiếc áo số 10 Phạm Văn Quyết mặc mùa trước được bán đấu giá.");
    assert!(s.contains(&"Phạm Văn Quyết".to_string()), "{s:?}");
}

#[test]
fn initials_after_a_cue_and_particles_of_foreign_names() {
    let s = span_texts("Hàng xóm kể chị H. thường đi làm sớm. Hậu vệ Jeroen van Bommel ghi bàn.");
    assert!(s.contains(&"H.".to_string()), "{s:?}");
    assert!(s.contains(&"Jeroen van Bommel".to_string()), "{s:?}");
    // Trap: a lower-case word after a Vietnamese name is no particle.
    let s = span_texts("Ông Trần Văn Đức da đen sạm vì nắng.");
    assert!(s.contains(&"Trần Văn Đức".to_string()), "{s:?}");
}

#[test]
fn a_name_without_a_cue_is_read_from_what_follows_it() {
    let t = "Sau trận đấu, Hoài Phong chia sẻ niềm vui. Phút 70, Thế Vinh đánh đầu tung lưới đối thủ. Trên sân khấu, Mỹ Duyên (28 tuổi) kể về quãng thời gian khó khăn.";
    let s = span_texts(t);
    for x in ["Hoài Phong", "Thế Vinh", "Mỹ Duyên"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Traps: a place, a paper, a sentence opener, an address word opening
    // the run, a prize.
    let t = "Một người dân ở Tân Phú cho biết đường đã sửa. Phóng viên báo Tuổi Trẻ cho biết. Dù Minh Tuấn ghi bàn, đội vẫn thua. Ông Khánh cho biết thêm. Giải Nhất Tiếng hát khóc. Bà con vùng Phú Ngọc khóc ròng vì cá chết.";
    let s = span_texts(t);
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn foreign_names_by_given_name_or_romanized_family_name() {
    let t = "Nhà nghiên cứu Beatrice Lindqvist công bố kết quả. Cựu tổng thống Dwight D. Eisenhower từng ghé thăm. Đạo diễn Zhang Yimou và nam diễn viên Park Seo Joon dự buổi ra mắt.";
    let s = span_texts(t);
    for x in [
        "Beatrice Lindqvist",
        "Dwight D. Eisenhower",
        "Zhang Yimou",
        "Park Seo Joon",
    ] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Traps: an event or a firm led by a given name, a Vietnamese name
    // written without diacritics, cut in the middle.
    let t = "Tuần lễ Milan Fashion Week khai mạc. Quỹ Wendy Foundation tài trợ. Danh sách ủng hộ: Tran Hong Nhung: 200.000 đồng.";
    let s = span_texts(t);
    assert!(
        !s.iter().any(|x| x.contains("Milan") || x.contains("Wendy")),
        "{s:?}"
    );
    assert!(!s.contains(&"Hong Nhung".to_string()), "{s:?}");
}

#[test]
fn a_team_line_up_and_goal_scorers_are_players() {
    let t = "Kết thúc trận đấu, đội khách thắng 3-1.\nU19 Hà Tĩnh: Văn Quyền, Đức Lộc, Hữu Thắng, Bá Cường, Quang Khải, Kovacic và Tấn Phát.\nGhi bàn: Đức Lộc 12', Tấn Phát (55').";
    let s = span_texts(t);
    for x in [
        "Văn Quyền",
        "Đức Lộc",
        "Hữu Thắng",
        "Bá Cường",
        "Quang Khải",
        "Kovacic",
        "Tấn Phát",
    ] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Traps: a list of places after a colon, a height in feet.
    let t = "Các điểm đến:\nLộ trình: Hà Nội, Hải Phòng, Quảng Ninh, Lạng Sơn, Cao Bằng.\nChiều cao Monaco 6'1\" (185 cm).";
    let s = span_texts(t);
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn addresses_sentence_ends_and_web_addresses_bound_names() {
    // A family-name run after "trú tại" is a street; a period after a role
    // word ends a sentence, it cues nothing; a web address ends a name.
    let t = "Bị can Lò Văn Sính (trú tại Lê Văn Lương, quận Thanh Xuân) bị bắt. Phụ huynh đón học sinh. Ông Quang nói vậy.\nTrần Mỹ Hạnh Tinmoi.vn";
    let s = span_texts(t);
    assert!(s.contains(&"Lò Văn Sính".to_string()), "{s:?}");
    assert!(
        !s.iter()
            .any(|x| x.contains("Lê Văn Lương") || x.contains("Quang") || x.contains(".vn")),
        "{s:?}"
    );
    // Traps: an abbreviated degree still cues through its period; an
    // English title is no item of a list of names.
    let s = span_texts(
        "Theo ThS. Lưu Hoài Nam, bệnh dễ lây. Từng dự cuộc thi The Voice, Hồng Nhung và Mai Phương nổi tiếng.",
    );
    assert!(s.contains(&"Lưu Hoài Nam".to_string()), "{s:?}");
    assert!(!s.contains(&"The Voice".to_string()), "{s:?}");
}

#[test]
fn a_foreign_family_name_alone_is_an_item_of_a_list_of_names() {
    let t = "Hàng thủ có trung vệ Rúben Dias, Gvardiol, Stones hay Walker. Tuyến giữa có tiền vệ Kalvin Phillips và Rodri.";
    let s = span_texts(t);
    for x in ["Gvardiol", "Stones", "Walker", "Rodri"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Traps: a club before a comma and a name ends a clause; a brand in
    // mixed case is no family name.
    let t = "Anh chơi cho Arsenal, Martin Odegaard thì khác. Dàn khách mời có Lan Khuê, Minh Tú, VinaHouse.";
    let s = span_texts(t);
    assert!(
        !s.iter().any(|x| x == "Arsenal" || x == "VinaHouse"),
        "{s:?}"
    );
}

#[test]
fn a_role_in_the_plural_names_a_team() {
    let s = span_texts("Các cầu thủ Hải Phòng Xanh tập luyện, những ca sĩ Sài Gòn Xưa góp mặt.");
    assert!(s.is_empty(), "{s:?}");
    // Trap: one player after the role in the singular.
    let s = span_texts("Cầu thủ Lâm Ti Phông tập luyện.");
    assert!(s.contains(&"Lâm Ti Phông".to_string()), "{s:?}");
}

#[test]
fn donors_in_a_list_of_gifts() {
    let t = "Danh sách ủng hộ: Phan Thị Ngát (Q.5, TP.HCM): 300.000 đồng; Tran Van Khoi: 200.000 đồng; bạn đọc (Q.1): 100.000 đồng.";
    let s = span_texts(t);
    for x in ["Phan Thị Ngát", "Tran Van Khoi"] {
        assert!(s.contains(&x.to_string()), "{x}: {s:?}");
    }
    // Trap: a company's gift, a sum that is no gift.
    let t = "Công ty TNHH Minh Long: 5.000.000 đồng. Giá vàng Bảo Tín: 3.600.000 đồng một chỉ.";
    let s = span_texts(t);
    assert!(
        !s.iter()
            .any(|x| x.contains("Minh Long") || x.contains("Bảo Tín")),
        "{s:?}"
    );
}

#[test]
fn a_byline_with_its_outlet_and_time() {
    let t = "Đội nhà thắng 2-0 trên sân khách.\nHoài Thương - Tuổi Trẻ | 09:15 12/03/2021";
    let s = span_texts(t);
    assert!(s.contains(&"Hoài Thương".to_string()), "{s:?}");
    // Trap: a last line naming no one.
    let s = span_texts("Đội nhà thắng 2-0.\nBóng đá - Tuổi Trẻ | 09:15 12/03/2021");
    assert!(s.is_empty(), "{s:?}");
}
