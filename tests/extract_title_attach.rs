//! Titles as real reports write them and attach them to persons: bodies in
//! looser case after a position head, titles written apart from the name.
//! Every class comes with the trap it must not fire on.
use vntext::{Entity, Kind};

fn run(article: &str) -> Vec<Entity> {
    vntext::pipeline::process_text(article, None).entities
}

fn titles_of(article: &str, name: &str) -> Vec<String> {
    run(article)
        .into_iter()
        .find_map(|e| match e.kind {
            Kind::Person {
                name: n, titles, ..
            } if n == name => Some(titles),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no person {name} in {article:?}"))
}

fn titles(article: &str) -> Vec<String> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Title { title, .. } => Some(title),
            _ => None,
        })
        .collect()
}

fn organizations(article: &str) -> Vec<String> {
    run(article)
        .into_iter()
        .filter_map(|e| match e.kind {
            Kind::Organization { name, .. } => Some(name),
            _ => None,
        })
        .collect()
}

#[test]
fn body_in_lower_case_after_a_head_belongs_to_the_title() {
    let a = "Sáng 3/5, Bộ trưởng bộ Nội vụ Hà Minh Tuấn ký quyết định điều động cán bộ.";
    assert_eq!(titles_of(a, "Hà Minh Tuấn"), ["Bộ trưởng bộ Nội vụ"]);
    let b =
        "Ông Vũ Đức Thắng, Ủy viên Ban Thường vụ thành ủy Hải Phòng, Bí thư quận ủy Lê Chân dự lễ.";
    assert_eq!(
        titles_of(b, "Vũ Đức Thắng"),
        [
            "Ủy viên Ban Thường vụ thành ủy Hải Phòng",
            "Bí thư quận ủy Lê Chân"
        ]
    );
    let c = "Dự hội nghị có Ủy viên bộ Chính trị, Thường trực Ban Bí thư Lương Văn Khải.";
    assert_eq!(
        titles_of(c, "Lương Văn Khải"),
        ["Ủy viên bộ Chính trị", "Thường trực Ban Bí thư"]
    );
}

#[test]
fn lower_case_body_words_alone_open_no_organisation() {
    // Without a head before it, "bộ" in lower case names no body.
    let a = "Ông cho biết bộ Nội vụ sẽ sớm có hướng dẫn.";
    assert!(organizations(a).is_empty(), "{:?}", organizations(a));
    // A head before a lower-case word that opens no body stays bare.
    let b = "Giám đốc sở cho biết đơn vị đã hoàn thành kế hoạch.";
    assert_eq!(titles(b), ["Giám đốc"]);
}

#[test]
fn la_link_reaches_the_person_the_sentence_is_about() {
    let a = "Ông Trịnh Văn Hòa là Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tổ chức Tỉnh ủy.";
    assert_eq!(
        titles_of(a, "Trịnh Văn Hòa"),
        [
            "Ủy viên Ban Thường vụ Tỉnh ủy",
            "Trưởng ban Tổ chức Tỉnh ủy"
        ]
    );
    // Far from a name only mentioned in passing, "là" lists what members
    // in general must do: no one gets those titles.
    let b = "Hội nghị học tập tấm gương nhà giáo Trịnh Văn Hòa, từ đó đề cao trách nhiệm nêu gương của cán bộ, đảng viên ở mọi cấp, mọi ngành trong toàn tỉnh và các huyện, trước hết là Ủy viên Ban Thường vụ Tỉnh ủy, Ủy viên Ban Chấp hành Đảng bộ tỉnh.";
    assert!(titles_of(b, "Trịnh Văn Hòa").is_empty());
}

#[test]
fn lower_case_syllables_inside_national_bodies_keep_the_chain() {
    // "Quân sự", "Hải quân": a body's words keep their lower-case second
    // syllable; the appositive chain goes on after them and stops at the
    // clause's subject ("Ban Bí thư quyết định").
    let a = "Xét đề nghị của Ủy ban Kiểm tra Trung ương đối với ông Đinh Công Lập, nguyên Ủy viên Đảng ủy Quân sự Trung ương, nguyên Tư lệnh Quân chủng Hải quân, Ban Bí thư quyết định khiển trách.";
    assert_eq!(
        titles_of(a, "Đinh Công Lập"),
        [
            "nguyên Ủy viên Đảng ủy Quân sự Trung ương",
            "nguyên Tư lệnh Quân chủng Hải quân"
        ]
    );
    let b = "Phó Chủ tịch Hội luật gia Việt Nam Mai Xuân Đông và Bộ trưởng Bộ NN-PTNT Lò Văn Sinh cùng dự.";
    assert_eq!(
        titles_of(b, "Mai Xuân Đông"),
        ["Phó Chủ tịch Hội luật gia Việt Nam"]
    );
    assert_eq!(titles_of(b, "Lò Văn Sinh"), ["Bộ trưởng Bộ NN-PTNT"]);
}

#[test]
fn an_unknown_lower_case_field_stays_out_of_the_title() {
    // "Sở" needs a listed field: "sở nói" is no department.
    let a = "Giám đốc sở nói trước hội nghị rằng kế hoạch đã xong.";
    assert_eq!(titles(a), ["Giám đốc"]);
}

#[test]
fn a_body_that_needs_its_parent_stands_alone_after_a_position() {
    // After a position the parent body goes without saying.
    let a = "Hội nghị bầu anh Lục Văn Khôi, Ủy viên Ủy ban Kiểm tra làm Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương Đoàn.";
    assert_eq!(
        titles_of(a, "Lục Văn Khôi"),
        [
            "Ủy viên Ủy ban Kiểm tra",
            "Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương Đoàn"
        ]
    );
    let b = "Phó Thủ tướng Âu Văn Định, Trưởng Ban Chỉ đạo các chương trình mục tiêu nhận định kết quả tốt.";
    assert_eq!(
        titles_of(b, "Âu Văn Định"),
        ["Phó Thủ tướng", "Trưởng Ban Chỉ đạo"]
    );
    // Trap: without a position before it, such a head names no body.
    let c = "Ban Chỉ đạo các chương trình mục tiêu họp sáng nay.";
    assert!(organizations(c).is_empty(), "{:?}", organizations(c));
    assert!(titles(c).is_empty(), "{:?}", titles(c));
}

#[test]
fn a_longer_national_body_keeps_the_appositive_chain_going() {
    // "BCH Trung ương Đảng": the chain reads on to the third title.
    let a = "Các đại biểu bầu ông Phan Văn Kiên - Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh giữ chức vụ Chủ tịch HĐND tỉnh.";
    assert_eq!(
        titles_of(a, "Phan Văn Kiên"),
        [
            "Ủy viên BCH Trung ương Đảng",
            "Bí thư Tỉnh ủy",
            "Trưởng Đoàn ĐBQH tỉnh",
            "Chủ tịch HĐND tỉnh"
        ]
    );
    // The party's full name belongs to the body, not to the person.
    let b = "Ý kiến chỉ đạo của đồng chí Thường trực Ban Bí thư Trung ương Đảng Cộng sản Việt Nam Tống Văn Hòa được quán triệt.";
    assert_eq!(
        titles_of(b, "Tống Văn Hòa"),
        ["Thường trực Ban Bí thư Trung ương Đảng Cộng sản Việt Nam"]
    );
}

#[test]
fn a_lower_case_generic_word_opens_no_body_after_a_head() {
    // "tổ chức" in lower case is the verb or the committee, not a body
    // whose name runs on into the festival's; "ban tổ chức" all in lower
    // case names no body either.
    let a = "Bà Lê Thị Hoa, Trưởng ban tổ chức Lễ hội Hoa Sen Tháp Mười, cho biết lễ hội sẽ kéo dài ba ngày.";
    assert_eq!(titles(a), ["Trưởng ban"]);
    // Nor does "quốc hội" in lower case after a lower-case head.
    let c = "Phái đoàn do chủ tịch quốc hội Kim Văn Nam dẫn đầu.";
    assert!(titles(c).is_empty(), "{:?}", titles(c));
    // The same head before a capitalised body keeps it.
    let b = "Ông Lê Văn Kha, Giám đốc viện Nghiên cứu Hải sản, cho biết kết quả khảo sát.";
    assert_eq!(
        titles_of(b, "Lê Văn Kha"),
        ["Giám đốc viện Nghiên cứu Hải sản"]
    );
}

#[test]
fn a_fronted_title_goes_to_the_person_after_it_unless_it_is_possessed() {
    let a = "Phó Chủ tịch UBND tỉnh, ông Hứa Văn Tâm cho biết kế hoạch đã xong.";
    assert_eq!(titles_of(a, "Hứa Văn Tâm"), ["Phó Chủ tịch UBND tỉnh"]);
    // "của <title>, ông A": the visitor's title, the host speaking.
    let b = "Chào mừng chuyến thăm của Chủ tịch Quốc hội Lào, ông Hứa Văn Tâm nhấn mạnh quan hệ hai nước.";
    assert!(titles_of(b, "Hứa Văn Tâm").is_empty());
}

#[test]
fn function_words_after_a_comma_end_a_body_name() {
    // "Khám, chữa bệnh" goes on after the comma; "rồi", "vì" do not.
    let a =
        "Ông Vi Văn Tân làm Giám đốc Trung tâm Xúc tiến Thương mại, rồi được điều động về huyện.";
    assert_eq!(
        titles_of(a, "Vi Văn Tân"),
        ["Giám đốc Trung tâm Xúc tiến Thương mại"]
    );
}

#[test]
fn an_aside_in_brackets_between_name_and_appositive_is_skipped() {
    let a = "Trong đó ông Mạc Văn Lâm (35 tuổi), Bí thư Thành đoàn Cần Thơ, là người trẻ nhất.";
    assert_eq!(titles_of(a, "Mạc Văn Lâm"), ["Bí thư Thành đoàn Cần Thơ"]);
    let b =
        "Ông Cao Văn Hiển (bên phải) - Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy trao đổi với đại biểu.";
    assert_eq!(
        titles_of(b, "Cao Văn Hiển"),
        ["Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"]
    );
    // Trap: a caption listing people, "A (phải), B (giữa)".
    let c = "Ông Cao Văn Hiển (phải), Chủ tịch UBND tỉnh Kha Văn Bảo (giữa) tại buổi lễ.";
    assert!(titles_of(c, "Cao Văn Hiển").is_empty());
}

#[test]
fn kiem_joins_two_posts_of_one_person() {
    let a = "Ông Ninh Văn Phúc, Viện trưởng Viện Chăn nuôi, kiêm Chủ tịch Hiệp hội Gia cầm Việt Nam cho biết giá đã giảm.";
    assert_eq!(
        titles_of(a, "Ninh Văn Phúc"),
        [
            "Viện trưởng Viện Chăn nuôi",
            "Chủ tịch Hiệp hội Gia cầm Việt Nam"
        ]
    );
}

#[test]
fn a_title_with_its_body_one_space_after_an_addressed_name() {
    let a = "Ông Kiều Văn Hải Bí thư Thành ủy Cần Thơ ghi nhận những đóng góp.";
    assert_eq!(titles_of(a, "Kiều Văn Hải"), ["Bí thư Thành ủy Cần Thơ"]);
    // Trap: a bare head one space after the name is no appositive.
    let b = "Ông Kiều Văn Hải Giám đốc cho biết.";
    assert!(titles_of(b, "Kiều Văn Hải").is_empty());
}

#[test]
fn a_foreign_bodys_country_belongs_to_the_title() {
    let a = "Người phát ngôn Bộ Ngoại giao Nga Anna Petrova cho biết.";
    assert_eq!(
        titles_of(a, "Anna Petrova"),
        ["Người phát ngôn Bộ Ngoại giao Nga"]
    );
}

#[test]
fn a_long_head_in_lower_case_is_still_a_title() {
    let a = "Có mặt đồng chí Tô Văn Định, Ủy viên Bộ Chính trị, thường trực Ban Bí thư; đồng chí Hà Văn Bình.";
    assert_eq!(
        titles_of(a, "Tô Văn Định"),
        ["Ủy viên Bộ Chính trị", "thường trực Ban Bí thư"]
    );
    // Traps: capitals where the listed head has none, and a head with no
    // capital at all (the office spoken of).
    let b = "Năm 2016 ông trở thành Ủy viên Bộ Chính trị.";
    assert_eq!(titles(b), ["Ủy viên Bộ Chính trị"]);
    let c = "Quốc hội sẽ bầu chủ tịch nước vào tuần sau.";
    assert!(titles(c).is_empty(), "{:?}", titles(c));
}

#[test]
fn posts_lost_after_a_long_appositive_list_go_to_its_person() {
    // The cue is far from the name only because of the titles listed
    // after it; the posts removed are listed with their terms.
    let a = "Ban Chấp hành Trung ương quyết định thi hành kỷ luật đồng chí Lã Văn Khang, nguyên Ủy viên Trung ương Đảng, nguyên Bí thư Tỉnh ủy, nguyên Chủ tịch HĐND tỉnh, nguyên Trưởng Đoàn ĐBQH tỉnh bằng hình thức: Cách chức Ủy viên Ban Thường vụ Tỉnh ủy nhiệm kỳ 2010 - 2015; Ủy viên Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2010 - 2015 (gồm Phó Bí thư Tỉnh ủy).";
    let ts = titles_of(a, "Lã Văn Khang");
    for t in [
        "Ủy viên Ban Thường vụ Tỉnh ủy",
        "Ủy viên Ban Chấp hành Đảng bộ tỉnh",
        "Phó Bí thư Tỉnh ủy",
    ] {
        assert!(ts.iter().any(|x| x == t), "{t} not in {ts:?}");
    }
    // Trap: with no appositive list, a cue more than 20 words away from
    // the only name gives nothing.
    let b = "Đồng chí Lã Văn Khang đã phát biểu tại hội nghị tổng kết công tác năm của toàn ngành và nêu rõ nhiều vấn đề cần làm trong thời gian tới nhằm nâng cao chất lượng, trong đó có việc kiện toàn chức vụ Phó Bí thư Tỉnh ủy.";
    assert!(titles_of(b, "Lã Văn Khang").is_empty());
}

#[test]
fn a_title_followed_by_la_and_named_persons_goes_to_each() {
    let a = "Hội nghị bầu hai Phó Bí thư là ông Tào Văn Đức và ông Khổng Văn Minh.";
    assert_eq!(titles_of(a, "Tào Văn Đức"), ["Phó Bí thư"]);
    assert_eq!(titles_of(a, "Khổng Văn Minh"), ["Phó Bí thư"]);
    // Trap: "là" followed by no name.
    let b = "Ông Tào Văn Đức cho biết Phó Bí thư là người giúp việc cho Bí thư.";
    assert!(titles_of(b, "Tào Văn Đức").is_empty());
}

#[test]
fn a_post_of_a_person_after_cua_and_nominations_are_not_posts() {
    let a = "Hội đồng đã miễn nhiệm chức vụ Chủ tịch HĐND tỉnh của bà Phí Thị Hằng.";
    assert_eq!(titles_of(a, "Phí Thị Hằng"), ["Chủ tịch HĐND tỉnh"]);
    // Trap: the office someone is put forward for, behind an appositive.
    let b = "Hội nghị thống nhất giới thiệu đồng chí Ông Văn Lực, Bí thư Tỉnh ủy để Hội đồng nhân dân bầu giữ chức vụ Chủ tịch HĐND tỉnh.";
    assert_eq!(titles_of(b, "Ông Văn Lực"), ["Bí thư Tỉnh ủy"]);
}

#[test]
fn a_title_closing_its_acronym_in_brackets_precedes_the_name() {
    let a = "Chủ tịch Hiệp hội Chè Việt Nam (VITAS) Hoàng Văn Thạch cho rằng giá chè sẽ tăng.";
    assert_eq!(
        titles_of(a, "Hoàng Văn Thạch"),
        ["Chủ tịch Hiệp hội Chè Việt Nam (VITAS)"]
    );
    // Trap: a bracket that is no part of the title.
    let b = "Ảnh: Bí thư Tỉnh ủy (trái) Hoàng Văn Thạch thăm hỏi bà con.";
    assert!(titles_of(b, "Hoàng Văn Thạch").is_empty());
}

#[test]
fn a_listed_field_with_a_dash_keeps_a_department_title_whole() {
    let a = "Ông Ngô Văn Lực sinh năm 1950 tại Nam Định. Ông đã trải qua nhiều chức vụ như Phó ban Tư tưởng - Văn hóa Trung ương; Bí thư Tỉnh ủy Nam Định, Bộ trưởng Bộ Tư pháp.";
    let ts = titles_of(a, "Ngô Văn Lực");
    for t in [
        "Phó ban Tư tưởng - Văn hóa Trung ương",
        "Bí thư Tỉnh ủy Nam Định",
        "Bộ trưởng Bộ Tư pháp",
    ] {
        assert!(ts.iter().any(|x| x == t), "{t} not in {ts:?}");
    }
    // Trap: a dash closing the appositive is no part of the field.
    let b = "Ông Ngô Văn Lực - Phó ban Dân vận - cho biết đợt kiểm tra đã xong.";
    assert_eq!(titles_of(b, "Ngô Văn Lực"), ["Phó ban Dân vận"]);
}

#[test]
fn a_new_post_after_de_nhan_nhiem_vu_goes_to_the_person_relieved() {
    let a = "Thủ tướng miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông Đồng Văn Thái, để nhận nhiệm vụ mới là Phó Bí thư Tỉnh ủy.";
    assert_eq!(
        titles_of(a, "Đồng Văn Thái"),
        ["Phó Chủ tịch UBND tỉnh", "Phó Bí thư Tỉnh ủy"]
    );
    // Trap: "để" still cuts a person from a link further on ("để Quốc hội
    // bầu giữ chức vụ …" is someone's nomination, not a post).
    let b = "Hội nghị thống nhất trình ông Đồng Văn Thái, Bí thư Tỉnh ủy để Quốc hội bầu giữ chức vụ Chủ tịch nước.";
    assert_eq!(titles_of(b, "Đồng Văn Thái"), ["Bí thư Tỉnh ủy"]);
}
