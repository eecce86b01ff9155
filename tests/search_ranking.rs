//! Ranking on small fixtures written for these tests: exact diacritics
//! above folded matches, words standing together above scattered ones, the
//! title above the body, toneless queries read in context, a rare toneless
//! spelling never outweighing the word meant, the exact-diacritics
//! operator, title coverage, syllables split by a broken copy, and
//! near-identical copies collapsed into one hit.

use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::model::Document;
use vntext::normalize::normalize;
use vntext::pipeline::Sink;
use vntext::search::Engine;

fn doc(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        title: Some(normalize(title)),
        date: Some("2022-05-01".into()),
        source: format!("{id}.txt"),
        text: normalize(text),
        ..Default::default()
    }
}

/// Filler that mentions none of the searched words, so the fixtures'
/// bodies have similar lengths.
const FILL: &str = "Người dân trong xã tham gia lao động vệ sinh đường làng, dọn cỏ và \
                    trồng thêm cây xanh dọc bờ kênh vào sáng chủ nhật.";

fn engine(docs: &[Document]) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let mut sink = IndexSink::open(&idx, WriterOptions::default()).unwrap();
    for d in docs {
        sink.document(d).unwrap();
    }
    sink.close().unwrap();
    let e = Engine::open(&idx).unwrap();
    (dir, e)
}

fn ids(e: &Engine, q: &str) -> Vec<String> {
    e.search(q, 10)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Background reports teaching the syllable statistics which forms go
/// together.
fn background() -> Vec<Document> {
    let mut v = Vec::new();
    for i in 0..6 {
        v.push(doc(
            &format!("bg-dientu-{i}"),
            &format!("Phát triển thương mại điện tử số {i}"),
            &format!("Doanh nghiệp bán hàng điện tử, hóa đơn điện tử và ví điện tử. {FILL}"),
        ));
        v.push(doc(
            &format!("bg-bonhiem-{i}"),
            &format!("Quyết định bổ nhiệm cán bộ đợt {i}"),
            &format!("Chủ tịch ký quyết định bổ nhiệm phó giám đốc sở. {FILL}"),
        ));
    }
    v
}

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    let mut docs = background();
    docs.push(doc("ban-hang", "Phiên chợ bán hàng nông sản", FILL));
    docs.push(doc("ban-be", "Phiên chợ bạn bè gặp lại", FILL));
    docs.push(doc("ban-tay", "Phiên chợ bàn tay khéo léo", FILL));
    let (_d, e) = engine(&docs);
    assert_eq!(ids(&e, "phiên chợ bạn")[0], "ban-be");
    assert_eq!(ids(&e, "phiên chợ bàn")[0], "ban-tay");
    assert_eq!(ids(&e, "phiên chợ bán")[0], "ban-hang");
    // Folded, all three match.
    assert_eq!(ids(&e, "phien cho ban").len(), 3);
}

#[test]
fn words_together_rank_above_scattered_words() {
    let mut docs = background();
    docs.push(doc(
        "together",
        "Tin địa phương",
        &format!("{FILL} Tỉnh khánh thành nhà máy xử lý rác thải sinh hoạt. {FILL}"),
    ));
    docs.push(doc(
        "scattered",
        "Tin địa phương",
        &format!(
            "{FILL} Nhà văn hóa mới. {FILL} Máy bơm xử lý ngập. {FILL} Rác được gom. \
             {FILL} Nước thải chảy ra kênh. {FILL}"
        ),
    ));
    let (_d, e) = engine(&docs);
    for q in ["nhà máy xử lý rác thải", "nha may xu ly rac thai"] {
        let got = ids(&e, q);
        assert_eq!(got, ["together", "scattered"], "{q}");
    }
}

#[test]
fn title_ranks_above_body() {
    let mut docs = background();
    docs.push(doc(
        "in-body",
        "Tin địa phương",
        &format!("{FILL} Hội thi nấu ăn dân gian được tổ chức tại nhà văn hóa. {FILL}"),
    ));
    docs.push(doc(
        "in-title",
        "Hội thi nấu ăn dân gian",
        &format!("{FILL} {FILL}"),
    ));
    let (_d, e) = engine(&docs);
    for q in ["hội thi nấu ăn", "hoi thi nau an"] {
        assert_eq!(ids(&e, q), ["in-title", "in-body"], "{q}");
    }
}

#[test]
fn toneless_query_read_in_context() {
    let mut docs = background();
    // "dien tu" could be "Điền" + "từ" (a place and a word) or "điện tử".
    docs.push(doc(
        "thao-dien",
        "Thảo Điền từ sáng sớm",
        &format!("Khu Thảo Điền từ lâu đã đông đúc. {FILL}"),
    ));
    docs.push(doc(
        "luu-chieu",
        "Lưu chiểu điện tử cho báo chí",
        &format!("Nộp lưu chiểu điện tử. {FILL}"),
    ));
    // A rare toneless spelling of one of the words.
    docs.push(doc(
        "trung-tu",
        "Trùng tu di tích đình làng",
        &format!("Lưu giữ bản vẽ trùng tu. {FILL}"),
    ));
    let (_d, e) = engine(&docs);
    let got = ids(&e, "luu chieu dien tu");
    assert_eq!(got[0], "luu-chieu", "{got:?}");
    let got = ids(&e, "dien tu");
    assert!(
        got.iter().position(|i| i == "thao-dien")
            > got.iter().position(|i| i.starts_with("bg-dientu")),
        "{got:?}"
    );
    let got = ids(&e, "quyet dinh bo nhiem");
    assert!(got[0].starts_with("bg-bonhiem"), "{got:?}");
}

#[test]
fn equals_sign_and_quoted_diacritics_require_exact_forms() {
    let mut docs = background();
    docs.push(doc("ban-hang", "Phiên chợ bán hàng nông sản", FILL));
    docs.push(doc("ban-be", "Phiên chợ gặp lại bạn bè", FILL));
    docs.push(doc("ban-toneless", "Phiên chợ ban ngày", FILL));
    let (_d, e) = engine(&docs);
    assert_eq!(ids(&e, "=bạn"), ["ban-be"]);
    assert_eq!(ids(&e, "=ban"), ["ban-toneless"]);
    assert_eq!(ids(&e, "\"bạn bè\""), ["ban-be"]);
    // A quoted phrase without diacritics stays folded.
    assert_eq!(ids(&e, "\"phien cho\"").len(), 3);
}

#[test]
fn long_words_are_refused_with_a_message() {
    let (_d, e) = engine(&background());
    let long = "x".repeat(90);
    for q in [
        format!("hội nghị {long}"),
        long.clone(),
        format!("\"{long}\""),
    ] {
        let err = e.search(&q, 10).unwrap_err().to_string();
        assert!(err.contains("90 bytes"), "{err}");
    }
}

#[test]
fn sort_by_date_offset_and_date_only_queries() {
    let mut docs = Vec::new();
    for (i, day) in ["2021-03-05", "2023-01-20", "2022-07-14"]
        .iter()
        .enumerate()
    {
        let mut d = doc(
            &format!("r{i}"),
            &format!("Hội thi nấu ăn lần {i}"),
            // Bodies of their own: identical ones would be one report.
            &format!("{FILL} Hội thi nấu ăn lần {i}. {FILL}"),
        );
        d.date = Some(day.to_string());
        docs.push(d);
    }
    let (_d, e) = engine(&docs);
    let node = vntext::search::query::parse("hoi thi nau an").unwrap();
    let dates = |sort, offset, limit| -> Vec<String> {
        e.search_node_sorted(&node, offset, limit, sort, true)
            .unwrap()
            .hits
            .into_iter()
            .filter_map(|h| h.date)
            .collect()
    };
    use vntext::search::Sort;
    assert_eq!(
        dates(Sort::Date, 0, 10),
        ["2023-01-20", "2022-07-14", "2021-03-05"]
    );
    assert_eq!(dates(Sort::Date, 1, 1), ["2022-07-14"]);
    assert_eq!(dates(Sort::Relevance, 0, 10).len(), 3);
    assert_eq!(dates(Sort::Relevance, 2, 10).len(), 1);
    // Dates only: newest first whatever the sort asked.
    let node = vntext::search::query::parse("date:[2021-01-01 TO 2023-12-31]").unwrap();
    let got: Vec<String> = e
        .search_node_sorted(&node, 0, 10, Sort::Relevance, true)
        .unwrap()
        .hits
        .into_iter()
        .filter_map(|h| h.date)
        .collect();
    assert_eq!(got, ["2023-01-20", "2022-07-14", "2021-03-05"]);
    // The web service's page (with facets) sorts the same way.
    let node = vntext::search::query::parse("hoi thi").unwrap();
    let page = e
        .search_node_page_sorted(&node, None, 0, 10, 3, Sort::Date, true)
        .unwrap();
    let got: Vec<String> = page.hits.into_iter().filter_map(|h| h.date).collect();
    assert_eq!(got, ["2023-01-20", "2022-07-14", "2021-03-05"]);
    assert_eq!("date".parse::<Sort>(), Ok(Sort::Date));
    assert!("newest".parse::<Sort>().is_err());
}

/// Background whose bodies make "của", "tỉnh" and "năm nay" common words.
fn common_words() -> Vec<Document> {
    (0..8)
        .map(|i| {
            doc(
                &format!("bg-common-{i}"),
                &format!("Tin tức của tỉnh năm nay số {i}"),
                &format!("Tin tức của tỉnh năm nay. Hoạt động của tỉnh trong năm nay. {FILL}"),
            )
        })
        .collect()
}

#[test]
fn a_title_the_query_says_in_full_ranks_above_one_that_says_more() {
    let mut docs = common_words();
    // Same length, the query's words in both titles: the other words of
    // the first are common, those of the second rare.
    docs.push(doc("more", "Hội thi nấu ăn Khmer Sóc Trăng", FILL));
    docs.push(doc("covered", "Hội thi nấu ăn của tỉnh năm nay", FILL));
    let (_d, e) = engine(&docs);
    assert_eq!(ids(&e, "hội thi nấu ăn")[0], "covered");
    assert_eq!(ids(&e, "hoi thi nau an")[0], "covered");
    // Trap: a query naming the rare words finds the title holding them.
    assert_eq!(ids(&e, "nấu ăn khmer")[0], "more");
    // Trap: coverage never lifts a report matching in the body alone
    // above one matching in the title.
    let mut docs = common_words();
    docs.push(doc(
        "body-only",
        "Của tỉnh năm nay",
        &format!("{FILL} Hội thi nấu ăn. {FILL}"),
    ));
    docs.push(doc("title", "Hội thi nấu ăn ở bản Khmer Sóc Trăng", FILL));
    let (_d, e) = engine(&docs);
    assert_eq!(ids(&e, "hội thi nấu ăn")[0], "title");
}

#[test]
fn syllables_split_by_a_broken_copy_are_joined() {
    let mut docs = background();
    docs.push(doc("duong-sach", "Khai mạc đường sách mùa xuân", FILL));
    docs.push(doc(
        "chay",
        "Giải chạy 5 km vì người nghèo",
        &format!("Giải chạy 5 km quanh hồ. {FILL}"),
    ));
    docs.push(doc(
        "nang-nong",
        "Nắng nóng trên 35 độ C ở miền Trung",
        &format!("Nhiệt độ trên 35 độ C kéo dài. {FILL}"),
    ));
    docs.push(doc(
        "doc-lap",
        "Ngày hội độc lập ở miền Trung",
        &format!("Lễ kỷ niệm độc lập, độc đáo và vui. {FILL}"),
    ));
    let (_d, e) = engine(&docs);
    // Text copied from decomposed Unicode comes apart at combining marks.
    assert_eq!(ids(&e, "mạc đươ ng sa ch")[0], "duong-sach");
    assert_eq!(ids(&e, "mac duo ng sa ch")[0], "duong-sach");
    // Traps: a unit after a number and an upper-case abbreviation stay
    // words of their own.
    assert_eq!(ids(&e, "chạy 5 km"), ["chay"]);
    assert!(ids(&e, "giải chạy KM").contains(&"chay".to_string()));
    // A vowel-less word whose join the archive never writes is not joined
    // (it is looked for as typed, and nothing holds it).
    assert!(ids(&e, "khai mac duong sach mua xq").is_empty());
    // Trap: a unit the archive also writes as a word ("độ C", not "độc"):
    // the words as typed stay a reading.
    assert_eq!(ids(&e, "trên 35 độ c")[0], "nang-nong");
    assert_eq!(ids(&e, "tren 35 do c")[0], "nang-nong");
}

#[test]
fn near_identical_copies_collapse_into_one_hit() {
    use vntext::search::Sort;
    let story = "Sáng nay, ủy ban nhân dân huyện tổ chức hội thi nấu ăn cho phụ nữ các xã. \
                 Mười hai đội mang đến những món ăn dân dã làm từ cá đồng và rau vườn. \
                 Ban giám khảo chấm điểm theo hương vị, cách trình bày và giá thành.";
    let mut docs = background();
    docs.push(doc("site-a", "Hội thi nấu ăn của phụ nữ huyện", story));
    // The same report on another site, with a byline added.
    docs.push(doc(
        "site-b",
        "Hội thi nấu ăn của phụ nữ huyện",
        &format!("{story} Bài và ảnh: Phóng viên thường trú."),
    ));
    // The same body under another title: the same report.
    docs.push(doc("site-c", "Phụ nữ huyện thi nấu ăn", story));
    // Trap: the same title over another report (a serial).
    docs.push(doc(
        "next-year",
        "Hội thi nấu ăn của phụ nữ huyện",
        "Năm nay hội thi nấu ăn chuyển về nhà văn hóa trung tâm, mỗi xã cử hai đội \
         và món chính phải làm từ gạo nếp của địa phương.",
    ));
    let (_d, e) = engine(&docs);
    let node = vntext::search::query::parse("hoi thi nau an phu nu").unwrap();
    let r = e
        .search_node_sorted(&node, 0, 10, Sort::Relevance, true)
        .unwrap();
    let mut groups: Vec<(String, Vec<String>)> = r
        .hits
        .iter()
        .map(|h| {
            let mut c: Vec<String> = h.copies.iter().map(|c| c.id.clone()).collect();
            c.sort();
            (h.id.clone(), c)
        })
        .collect();
    groups.sort();
    assert_eq!(groups.len(), 2, "{groups:?}");
    let story_group = groups.iter().find(|(id, _)| id != "next-year").unwrap();
    let mut all = story_group.1.clone();
    all.push(story_group.0.clone());
    all.sort();
    assert_eq!(all, ["site-a", "site-b", "site-c"]);
    assert!(
        groups
            .iter()
            .any(|(id, c)| id == "next-year" && c.is_empty())
    );
    // The total still counts every report; expanded, each is its own hit.
    assert_eq!(r.total, 4);
    let all = e
        .search_node_sorted(&node, 0, 10, Sort::Relevance, false)
        .unwrap();
    assert_eq!(all.hits.len(), 4);
    assert!(all.hits.iter().all(|h| h.copies.is_empty()));
    // Batch answers list every report unless a line asks to collapse.
    let input =
        "hoi thi nau an phu nu\n{\"query\": \"hoi thi nau an phu nu\", \"collapse\": true}\n";
    let mut out = Vec::new();
    vntext::search::batch::run(&e, input.as_bytes(), &mut out, 10).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 4);
    assert_eq!(lines[1]["hits"].as_array().unwrap().len(), 2);
    // Sorted by date, and paged: the same groups, one per page.
    let page = |offset| {
        e.search_node_sorted(&node, offset, 1, Sort::Date, true)
            .unwrap()
            .hits
    };
    assert_eq!(page(0).len() + page(1).len() + page(2).len(), 2);
}
