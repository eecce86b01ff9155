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
