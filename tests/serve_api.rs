//! The JSON API of `vntext serve`, against the real binary on a free
//! loopback port, over an index of corpus/ plus one report of our own.

#[path = "browser/support.rs"]
mod support;

use serde_json::Value;
use support::{REFERENCE_COPY_ID, REFERENCE_ID, Server, indexed, indexed_with_copy, request};

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

fn assert_error(r: &support::Response, status: u16, needle: &str) -> Value {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "{:?}",
        r.headers
    );
    let v = r.json();
    let msg = v["error"].as_str().expect("an error message");
    assert!(msg.contains(needle), "{msg:?} lacks {needle:?}");
    v
}

#[test]
fn api_over_an_indexed_corpus() {
    let (_tmp, index) = indexed();
    let srv = Server::start(&index);

    // The page and its assets, compiled in.
    let page = srv.get("/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().contains("text/html"));
    let html = page.text();
    assert!(html.contains(r#"<html lang="vi">"#) && html.contains(r#"charset="utf-8""#));
    assert!(srv.get("/app.js").text().contains("renderDoc"));
    assert_eq!(srv.get("/style.css").status, 200);

    // Info.
    let info = srv.get("/api/").json();
    assert!(info["reports"].as_u64().unwrap() > 40, "{info}");

    // Search without diacritics finds the reference report, with a
    // highlighted snippet and facets.
    let r = srv.get(&format!("/api/search?q={}", enc("chuyen doi so Ha Giang")));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["hits"][0]["id"], REFERENCE_ID, "{v}");
    let hit = &v["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    let hl = hit["highlights"].as_array().unwrap();
    assert!(!hl.is_empty());
    let marked: Vec<&str> = hl
        .iter()
        .map(|p| &snippet[p[0].as_u64().unwrap() as usize..p[1].as_u64().unwrap() as usize])
        .collect();
    assert!(marked.contains(&"chuyển"), "{marked:?}");
    assert!(
        v["facets"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "Nguyễn Văn Sơn"),
        "{}",
        v["facets"]
    );
    assert!(
        v["facets"]["years"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "2022")
    );

    // Paging: two pages of 2 are the first 4 hits, no overlap; the total
    // does not change.
    let q = enc("hội nghị");
    let all = srv.get(&format!("/api/search?q={q}&per_page=4")).json();
    let p1 = srv
        .get(&format!("/api/search?q={q}&per_page=2&page=1"))
        .json();
    let p2 = srv
        .get(&format!("/api/search?q={q}&per_page=2&page=2"))
        .json();
    let ids = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(p1["total"], all["total"]);
    let mut paged = ids(&p1);
    paged.extend(ids(&p2));
    let mut first4 = ids(&all);
    paged.sort();
    first4.sort();
    assert_eq!(paged, first4);
    assert!(all["pages"].as_u64().unwrap() >= 2);

    // A facet value used as a filter narrows the results to reports
    // carrying it, and the year filter to that year.
    let filtered = srv
        .get(&format!(
            "/api/search?q={}",
            enc("hội nghị person:\"Nguyễn Văn Sơn\"")
        ))
        .json();
    assert_eq!(ids(&filtered), vec![REFERENCE_ID.to_string()]);
    let y = srv
        .get(&format!("/api/search?q={q}&year=2021&per_page=100"))
        .json();
    assert!(y["total"].as_u64().unwrap() > 0);
    assert!(
        y["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["date"].as_str().unwrap().starts_with("2021"))
    );

    // One document: normalized text and every entity with its span.
    let d = srv.get(&format!("/api/doc/{REFERENCE_ID}")).json();
    let text = d["text"].as_str().unwrap();
    let ents = d["entities"].as_array().unwrap();
    assert!(!ents.is_empty());
    for e in ents {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..t], e["text"].as_str().unwrap());
    }
    let deadline = ents
        .iter()
        .find(|e| e["type"] == "deadline")
        .expect("the reference report's deadline");
    assert_eq!(deadline["due"].as_str().unwrap()[..7], *"2022-09");
    assert!(d["events"].is_array());

    // Listings, JSON and CSV, with the CLI's filters.
    let dl = srv.get("/api/deadlines?from=2022-09&to=2022-09-30").json();
    let rows = dl["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["report"] == REFERENCE_ID), "{dl}");
    assert!(
        rows.iter()
            .all(|r| r["due"].as_str().unwrap().starts_with("2022-09"))
    );
    let all_dl = srv.get("/api/deadlines").json();
    let dues: Vec<&str> = all_dl["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["due"].as_str().unwrap())
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "ordered by due date");
    let csv = srv.get("/api/deadlines?format=csv&from=2022-09&to=2022-09-30");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("deadlines.csv")
    );
    let csv = csv.text();
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with("due,task,responsible,report,report_date,written,due_note,sentence\n"));
    // The evidence: the deadline as written and why the due day differs.
    assert!(
        csv.contains(",trước ngày 30/9/2022,ngày liền trước ngày 30/9/2022,"),
        "{csv}"
    );
    assert!(csv.contains(REFERENCE_ID) && csv.contains("Sở Thông tin và Truyền thông"));
    let people = srv
        .get(&format!("/api/people?title={}", enc("Pho Chu tich")))
        .json();
    assert!(
        people["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "Nguyễn Văn Sơn"),
        "{people}"
    );
    let dirs = srv.get("/api/directives?format=json").json();
    assert!(dirs["count"].as_u64().unwrap() > 0);
    let att = srv
        .get(&format!("/api/attendees?event={}", enc("hoi nghi")))
        .json();
    assert!(att["rows"].is_array());

    // Extract on a posted text (plain and JSON) returns the document contract.
    let body = "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy, yêu cầu UBND tỉnh hoàn thành trước ngày 30/6/2021.";
    let r = request(
        srv.addr,
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain; charset=utf-8")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.json();
    assert_eq!(doc["text"], body);
    let types: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains(&"person") && types.contains(&"deadline"),
        "{types:?}"
    );
    let r = request(
        srv.addr,
        "POST",
        "/api/extract",
        &[("Content-Type", "application/json")],
        serde_json::json!({"text": "Ngày 11-3, Tỉnh ủy họp.", "date": "2021-03-20", "title": "T"})
            .to_string()
            .as_bytes(),
    );
    let doc = r.json();
    assert_eq!(doc["date"], "2021-03-20");
    let date = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "date")
        .expect("a date");
    assert_eq!(date["from"], "2021-03-11", "anchored on the posted date");
}

#[test]
fn malformed_requests_get_json_errors() {
    let (_tmp, index) = indexed();
    let srv = Server::start(&index);
    let get = |p: &str| srv.get(p);

    let v = assert_error(&get("/api/search?q=%28chi+thi"), 400, "never closed");
    assert_eq!(v["column"], 1);
    assert_eq!(v["query"], "(chi thi");
    assert_error(&get("/api/search?q=date%3A2021-13"), 400, "column");
    assert_error(&get("/api/search"), 400, "missing query");
    assert_error(&get("/api/search?q=a&per_page=0"), 400, "per_page");
    assert_error(&get("/api/search?q=a&per_page=101"), 400, "per_page");
    assert_error(&get("/api/search?q=a&page=abc"), 400, "page");
    assert_error(
        &get("/api/search?q=a&page=5000&per_page=100"),
        400,
        "too deep",
    );
    assert_error(&get("/api/search?q=a&year=20x1"), 400, "year");
    assert_error(
        &get("/api/search?query=a"),
        400,
        "unknown parameter 'query'",
    );
    let long = "a".repeat(1001);
    let v = assert_error(&get(&format!("/api/search?q={long}")), 400, "too long");
    assert_eq!(v["limit"], 1000);
    let deep = format!("{}a{}", "%28".repeat(300), "%29".repeat(300));
    assert_error(&get(&format!("/api/search?q={deep}")), 400, "too complex");
    let nots = "NOT+".repeat(200) + "a";
    assert_error(&get(&format!("/api/search?q={nots}")), 400, "too complex");
    assert_error(&get("/api/doc/no-such-report"), 404, "no report");
    assert_error(&get("/api/doc/%FF%FE"), 400, "id");
    assert_error(&get("/api/nothing-here"), 404, "no such endpoint");
    assert_error(&get("/api/deadlines?from=soon"), 400, "not a date");
    assert_error(&get("/api/deadlines?format=xml"), 400, "format");
    assert_error(
        &request(srv.addr, "DELETE", "/api/search?q=a", &[], b""),
        405,
        "method",
    );
    assert_error(&get("/api/extract"), 405, "method");

    let post = |ctype: &str, body: &[u8]| {
        request(
            srv.addr,
            "POST",
            "/api/extract",
            &[("Content-Type", ctype)],
            body,
        )
    };
    assert_error(&post("application/json", b"{\"text\": "), 400, "JSON");
    assert_error(&post("application/json", b"{\"txt\": \"a\"}"), 422, "text");
    assert_error(&post("application/json", b"[1, 2]"), 422, "JSON object");
    assert_error(
        &post("application/json", b"{\"text\": \"a\", \"date\": \"mai\"}"),
        422,
        "date",
    );
    assert_error(&post("text/plain", b"   \n "), 422, "empty");
    assert_error(
        &post("text/plain", b"\x00\x01\x02\x00binary\x00"),
        422,
        "binary",
    );
    assert_error(
        &post("multipart/form-data; boundary=x", b"--x--"),
        415,
        "form",
    );
    let big = vec![b'a'; (1 << 20) + 1];
    let v = assert_error(&post("text/plain", &big), 413, "too large");
    assert_eq!(v["limit"], 1 << 20);

    // Still up and answering after all that.
    assert_eq!(get("/api/").status, 200);
}

/// A running server sees reports indexed after it started.
#[test]
fn reloads_after_an_index_run_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(
        a.join("one.txt"),
        "Sáng 3/2, Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết công tác dân vận.\n",
    )
    .unwrap();
    std::fs::write(
        b.join("two.txt"),
        "Chiều 5/2, UBND tỉnh Cà Mau họp bàn phòng chống xâm nhập mặn.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let run = |dir: &std::path::Path| {
        let st = std::process::Command::new(support::BIN)
            .arg("index")
            .arg(dir)
            .arg("--index")
            .arg(&index)
            .arg("--quiet")
            .status()
            .unwrap();
        assert!(st.success());
    };
    run(&a);
    let srv = Server::start(&index);
    let q = format!("/api/search?q={}", enc("xam nhap man"));
    assert_eq!(srv.get(&q).json()["total"], 0);
    run(&b);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let v = srv.get(&q).json();
        if v["total"] == 1 {
            assert_eq!(v["hits"][0]["id"], "two");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not see the new report within 20 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(srv.get("/api/").json()["reports"], 2);
}

/// A deadline with no calendar day (`due` null) reaches the API as such:
/// in the report's entities, in the unbounded deadlines listing (after the
/// dated ones, with its written form; the CSV shows that form), and in no
/// listing with a date bound.
#[test]
fn deadlines_without_a_day_through_the_api() {
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(
        reports.join("khong-ngay.txt"),
        "Sở Tài chính rà soát dự toán\n\nSở Tài chính rà soát dự toán các huyện, gửi UBND tỉnh trước ngày 12/9.\n",
    )
    .unwrap();
    std::fs::write(
        reports.join("co-ngay.txt"),
        "Ngày: 2021-08-01\n\nSở Y tế gửi báo cáo trước ngày 15/8/2021.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let out = std::process::Command::new(support::BIN)
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(&reports)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let srv = Server::start(&index);

    let doc = srv.get("/api/doc/khong-ngay").json();
    let dl: Vec<&Value> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "deadline")
        .collect();
    assert_eq!(dl.len(), 1, "{doc}");
    assert!(dl[0]["due"].is_null(), "{}", dl[0]);
    assert_eq!(dl[0]["text"], "trước ngày 12/9");

    let all = srv.get("/api/deadlines").json();
    let rows = all["rows"].as_array().unwrap();
    let got: Vec<(Value, Value)> = rows
        .iter()
        .map(|r| (r["due"].clone(), r["text"].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Value::from("2021-08-14"),
                Value::from("trước ngày 15/8/2021")
            ),
            (Value::Null, Value::from("trước ngày 12/9")),
        ],
        "{all}"
    );
    let bounded = srv.get("/api/deadlines?from=1900&to=2100").json();
    assert_eq!(bounded["count"], 1, "{bounded}");
    let csv = srv.get("/api/deadlines?format=csv").text();
    assert!(csv.contains("— (trước ngày 12/9)"), "{csv}");
}

#[test]
fn syndicated_copies_are_one_hit_and_sort_by_date() {
    let (_tmp, index) = indexed_with_copy();
    let srv = Server::start(&index);
    let q = enc("chuyen doi so Ha Giang");
    // The report and its republished copy: one hit naming the other.
    let v = srv.get(&format!("/api/search?q={q}")).json();
    let hits = v["hits"].as_array().unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let pair = [REFERENCE_ID, REFERENCE_COPY_ID];
    assert_eq!(
        ids.iter().filter(|id| pair.contains(id)).count(),
        1,
        "{ids:?}"
    );
    let hit = hits
        .iter()
        .find(|h| pair.contains(&h["id"].as_str().unwrap()))
        .unwrap();
    let copies: Vec<&str> = hit["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(copies.len(), 1, "{hit}");
    assert!(pair.contains(&copies[0]) && copies[0] != hit["id"], "{hit}");
    // Every other hit stands alone (the corpus holds no other copies).
    assert!(
        hits.iter()
            .filter(|h| h["id"] != hit["id"])
            .all(|h| h["copies"].as_array().unwrap().is_empty())
    );
    // The total counts both; expanded, both are hits.
    assert_eq!(
        v["total"],
        srv.get(&format!("/api/search?q={q}&collapse=false")).json()["total"]
    );
    let all = srv.get(&format!("/api/search?q={q}&collapse=false")).json();
    let ids: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(pair.iter().all(|p| ids.contains(p)), "{ids:?}");
    assert_error(
        &srv.get(&format!("/api/search?q={q}&collapse=maybe")),
        400,
        "collapse must be",
    );
    // Newest first: dated reports in descending order.
    let by_date = srv
        .get(&format!("/api/search?q={}&sort=date", enc("tỉnh")))
        .json();
    let dates: Vec<&str> = by_date["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.len() > 2, "{by_date}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_error(
        &srv.get(&format!("/api/search?q={q}&sort=oldest")),
        400,
        "sort must be",
    );
}
