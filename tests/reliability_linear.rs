//! Issue 15, point 2: every stage is linear whatever the input's shape. A
//! text without punctuation (no full stops, no commas: one endless
//! sentence and clause) takes within a small multiple of the time of the
//! same bytes with punctuation; before, it grew with the square of the
//! sentence length (2 MB: 6.6 s against 0.8 s). Text of our own making;
//! 1 MB as one report keeps a debug build under a minute.

use std::time::{Duration, Instant};
use vntext::pipeline::process_text;

/// About `bytes` of report text of our own: meetings with attendees,
/// deadlines, directives, people with titles, dates.
fn report_text(bytes: usize) -> String {
    let provinces = ["Hà Giang", "Nghệ An", "Quảng Trị", "Đắk Lắk", "Cà Mau"];
    let names = [
        "Nguyễn Văn Sơn",
        "Trần Thị Lan",
        "Lê Minh Hải",
        "Phạm Quốc Bảo",
    ];
    let mut out = String::new();
    let mut n = 0usize;
    while out.len() < bytes {
        let p = provinces[n % provinces.len()];
        let who = names[n % names.len()];
        let day = n % 28 + 1;
        let month = n % 12 + 1;
        out += &format!(
            "Sáng {day}/{month}, UBND tỉnh {p} tổ chức hội nghị triển khai Chỉ thị số {}-CT/TW \
             của Ban Bí thư. Đồng chí {who}, Phó Chủ tịch UBND tỉnh chủ trì hội nghị. \
             Tham dự hội nghị có đồng chí {}, Bí thư Tỉnh ủy; lãnh đạo các sở, ban, ngành. \
             Hội nghị giao Sở Thông tin và Truyền thông hoàn thành cơ sở dữ liệu trước ngày \
             30/9/2022 và báo cáo kết quả về Văn phòng UBND tỉnh. ",
            n % 40 + 1,
            names[(n + 1) % names.len()]
        );
        n += 1;
    }
    out
}

fn time(text: &str) -> Duration {
    let t = Instant::now();
    let doc = process_text(text, Some("2022-04-15"));
    let took = t.elapsed();
    assert!(!doc.entities.is_empty());
    took
}

#[test]
fn no_sentence_is_longer_than_the_bound() {
    let text = "cán bộ ".repeat(20_000) + &"x".repeat(5_000);
    let sentences = vntext::segment::sentences(&text);
    assert!(sentences.len() > 100);
    for s in &sentences {
        assert!(
            s.end - s.start <= vntext::segment::MAX_SENTENCE_BYTES,
            "{s:?}"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    // Nothing lost: every non-space byte is in a sentence.
    let covered: usize = sentences.iter().map(|s| s.end - s.start).sum();
    assert!(covered >= text.len() - sentences.len());
}

#[test]
fn text_without_punctuation_takes_a_small_multiple_of_punctuated_text() {
    let punctuated = report_text(1 << 20);
    let bare: String = punctuated
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        .collect();
    let pad = punctuated.len() - bare.len();
    let bare = bare + &" ".repeat(pad);
    assert_eq!(bare.len(), punctuated.len());
    let with = time(&punctuated);
    let without = time(&bare);
    eprintln!(
        "{} MB: punctuated {:.2}s, without punctuation {:.2}s",
        punctuated.len() >> 20,
        with.as_secs_f64(),
        without.as_secs_f64()
    );
    assert!(
        without < with * 4,
        "without punctuation {without:?}, punctuated {with:?}: not linear"
    );
}

/// Entity-dense text as one report (every sentence a meeting, a deadline,
/// people with titles): four times the bytes takes about four times the
/// time. Before, deadlines looked up their responsible body by scanning
/// every entity found and titles scanned back to the line's start, so four
/// times the bytes took about sixteen times the time.
#[test]
fn entity_dense_text_grows_linearly() {
    let small = report_text(1 << 18);
    let large = report_text(1 << 20);
    // warm the lexicons up before timing
    time(&report_text(1 << 12));
    let t_small = time(&small);
    let t_large = time(&large);
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!(
        "entity-dense, one line: 256 KB {:.2}s, 1 MB {:.2}s ({ratio:.1}x)",
        t_small.as_secs_f64(),
        t_large.as_secs_f64()
    );
    assert!(
        ratio < 9.0,
        "4x the bytes took {ratio:.1}x the time: not linear"
    );
}
