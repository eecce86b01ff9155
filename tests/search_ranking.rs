//! Ranking on small fixtures written for these tests: exact diacritics
//! above folded matches, words standing together above scattered ones, the
//! title above the body, toneless queries read in context, a rare toneless
//! spelling never outweighing the word meant, and the exact-diacritics
//! operator.

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
            &format!("{FILL} Hội thi nấu ăn. {FILL}"),
        );
        d.date = Some(day.to_string());
        docs.push(d);
    }
    let (_d, e) = engine(&docs);
    let node = vntext::search::query::parse("hoi thi nau an").unwrap();
    let dates = |sort, offset, limit| -> Vec<String> {
        e.search_node_sorted(&node, offset, limit, sort)
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
        .search_node_sorted(&node, 0, 10, Sort::Relevance)
        .unwrap()
        .hits
        .into_iter()
        .filter_map(|h| h.date)
        .collect();
    assert_eq!(got, ["2023-01-20", "2022-07-14", "2021-03-05"]);
    // The web service's page (with facets) sorts the same way.
    let node = vntext::search::query::parse("hoi thi").unwrap();
    let page = e
        .search_node_page_sorted(&node, None, 0, 10, 3, Sort::Date)
        .unwrap();
    let got: Vec<String> = page.hits.into_iter().filter_map(|h| h.date).collect();
    assert_eq!(got, ["2023-01-20", "2022-07-14", "2021-03-05"]);
    assert_eq!("date".parse::<Sort>(), Ok(Sort::Date));
    assert!("newest".parse::<Sort>().is_err());
}
