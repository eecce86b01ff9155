//! End to end in a real headless browser: Debian's chromium driven through
//! chromedriver's WebDriver HTTP API (std-only client, no npm). Types a query
//! without diacritics, finds the reference report among the results, opens
//! it and finds its deadline marked; then the deadlines view. The listing
//! views (issue 15, points 7 and 8): each row's evidence linked to its spot
//! in the report, report links in People and Directives, laws by name,
//! "past" judged against the report's own date, the deadlines table on a
//! 390 px phone, placeholders as hints, one language (Vietnamese) down to
//! the error messages. Screenshots of each page go to
//! target/browser-artifacts/ (not committed).
//!
//! Needs /usr/bin/chromium and /usr/bin/chromedriver (`apt-get install
//! chromium chromium-driver`; .ci/run installs them), or VNTEXT_CHROMIUM /
//! VNTEXT_CHROMEDRIVER pointing elsewhere. Without them the test fails.

#[path = "browser/support.rs"]
mod support;

use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{
    PAST, PAST_ID, REFERENCE_COPY_ID, REFERENCE_ID, Server, indexed, indexed_with,
    indexed_with_copy, request,
};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn tool(var: &str, default: &str) -> PathBuf {
    let p = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    assert!(
        p.exists(),
        "{} not found: the browser test needs Debian's chromium and chromedriver.\n\
         Install them with `sudo apt-get install -y chromium chromium-driver` \
         (.ci/run does), or set {var} to the program's path.",
        p.display()
    );
    p
}

struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            &[],
            b"",
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn call(addr: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let r = request(
        addr,
        method,
        path,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    let v = r.json();
    assert!(
        r.status == 200,
        "WebDriver {method} {path} → {}: {v}",
        r.status
    );
    v["value"].clone()
}

impl Driver {
    fn start(profile: &Path) -> Driver {
        let chromium = tool("VNTEXT_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = tool("VNTEXT_CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut d = Driver {
            child,
            addr,
            session: String::new(),
        };
        let until = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < until, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=vi",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let v = call(addr, "POST", "/session", Some(caps));
        d.session = v["sessionId"].as_str().expect("a session id").to_string();
        d
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        call(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        )
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Poll `script` (a JS expression) until it is truthy.
    fn wait(&self, what: &str, script: &str) -> Value {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.js(&format!("return ({script});"));
            if !(v.is_null() || v == false || v == "" || v == 0) {
                return v;
            }
            if Instant::now() > until {
                self.screenshot("failure");
                panic!(
                    "timed out waiting for {what}; page text: {}",
                    self.js("return document.body.innerText;")
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().expect("an element").to_string()
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        self.cmd("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let v = self.cmd("GET", "/screenshot", None);
        let png = support::base64_decode(v.as_str().unwrap_or(""));
        let dir = support::repo().join("target/browser-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).unwrap();
        path
    }
}

#[test]
fn search_open_report_see_deadline() {
    let (tmp, index) = indexed();
    let srv = Server::start(&index);
    let d = Driver::start(&tmp.path().join("chromium-profile"));

    // Search, typed without diacritics.
    d.goto(&srv.url("/"));
    d.wait("the search box", "document.getElementById('q')");
    let q = d.find("#q");
    d.cmd(
        "POST",
        &format!("/element/{q}/value"),
        Some(json!({"text": "chuyen doi so ha giang\u{E007}"})),
    );
    let selector = format!("article.hit[data-id='{REFERENCE_ID}'] a.hit-link");
    d.wait(
        "the reference report among the results",
        &format!("document.querySelector(\"{selector}\")"),
    );
    let title = d.js(&format!(
        "return document.querySelector(\"{selector}\").textContent;"
    ));
    assert_eq!(title, "Hà Giang triển khai Kế hoạch chuyển đổi số năm 2022");
    // The snippet marks the matched words, with their diacritics.
    let marks = d.js(&format!(
        "return [...document.querySelectorAll(\"article.hit[data-id='{REFERENCE_ID}'] .snippet mark\")].map(m => m.textContent);"
    ));
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "chuyển" || m == "đổi"),
        "{marks}"
    );
    // Facets are listed.
    d.wait(
        "the people facet",
        "document.querySelector(\"[data-facet='people'] button\")",
    );
    let shot = d.screenshot("1-search");
    assert!(std::fs::metadata(&shot).unwrap().len() > 1000);

    // Open the report: its deadline is marked.
    let link = d.find(&selector);
    d.cmd("POST", &format!("/element/{link}/click"), Some(json!({})));
    let marked = d.wait(
        "the deadline marked in the report",
        "(document.querySelector('#doctext mark.ent-deadline') || {}).textContent",
    );
    assert!(
        marked.as_str().unwrap().contains("30/9/2022"),
        "deadline mark: {marked}"
    );
    // It is styled as a deadline (red outline), listed in the side panel,
    // and the legend names every entity type.
    let outline = d.js(
        "return getComputedStyle(document.querySelector('#doctext mark.ent-deadline')).outlineStyle;",
    );
    assert_eq!(outline, "solid");
    let side =
        d.js("return document.querySelector(\"#side details[data-type='deadline']\").textContent;");
    assert!(
        side.as_str().unwrap().contains("cơ sở dữ liệu dùng chung"),
        "{side}"
    );
    let legend = d.js("return document.getElementById('legend').textContent;");
    for label in [
        "Người",
        "Chức danh",
        "Tổ chức",
        "Địa danh",
        "Văn bản",
        "Ngày tháng",
        "Thời hạn",
    ] {
        assert!(legend.as_str().unwrap().contains(label), "{legend}");
    }
    let person = d.js(
        "return [...document.querySelectorAll('#doctext mark.ent-person')].map(m => m.textContent);",
    );
    assert!(
        person
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Nguyễn Văn Sơn"),
        "{person}"
    );
    d.screenshot("2-report");

    // Deadlines view: ordered by due date, with a CSV download.
    d.goto(&srv.url("/#/deadlines"));
    d.wait(
        "the deadlines table",
        "document.querySelectorAll('#listing tbody tr').length > 1",
    );
    let dues = d.js(
        "return [...document.querySelectorAll('#listing tbody tr')].map(r => r.cells[0].querySelector('.day').firstChild.textContent.split('/').reverse().map(x => x.padStart(2, '0')).join('-'));",
    );
    let dues: Vec<&str> = dues
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    assert!(
        dues.contains(&"2022-09-29") || dues.contains(&"2022-09-30"),
        "{dues:?}"
    );
    let csv = d.js("return document.getElementById('csv').getAttribute('href');");
    assert_eq!(csv, "/api/deadlines?format=csv");
    d.screenshot("3-deadlines");

    // The report on a phone-sized window: no horizontal scrolling.
    d.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    d.goto(&srv.url(&format!("/#/doc/{REFERENCE_ID}")));
    d.wait(
        "the report on a phone",
        "document.querySelector('#doctext mark.ent-deadline')",
    );
    let overflow =
        d.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "horizontal overflow {overflow}"
    );
    d.screenshot("4-report-phone");
}

#[test]
fn search_sorts_by_date_and_expands_copies() {
    let (tmp, index) = indexed_with_copy();
    let srv = Server::start(&index);
    let d = Driver::start(&tmp.path().join("chromium-profile"));
    d.goto(&srv.url("/#/search?q=chuyen%20doi%20so%20ha%20giang"));
    // The report and its republished copy are one hit with a button
    // saying how many copies it stands for.
    let toggle = "article.hit .copies-toggle";
    let label = d.wait(
        "the copies button",
        &format!("(document.querySelector(\"{toggle}\") || {{}}).textContent"),
    );
    assert!(label.as_str().unwrap().contains('1'), "{label}");
    let shown = d.js(&format!(
        "return [...document.querySelectorAll('article.hit')].map(a => a.dataset.id).filter(id => id === '{REFERENCE_ID}' || id === '{REFERENCE_COPY_ID}').length;"
    ));
    assert_eq!(shown, 1);
    let hidden = d.js("return document.querySelector('article.hit ul.copies').hidden;");
    assert_eq!(hidden, true);
    let button = d.find(toggle);
    d.cmd("POST", &format!("/element/{button}/click"), Some(json!({})));
    let listed = d.wait(
        "the copy listed",
        "(() => { const u = document.querySelector('article.hit ul.copies'); return u && !u.hidden && u.textContent; })()",
    );
    let listed = listed.as_str().unwrap();
    assert!(
        listed.contains(REFERENCE_COPY_ID) || listed.contains(REFERENCE_ID),
        "{listed}"
    );
    d.screenshot("4-copies");
    // Sort control: relevance now, newest first on a click.
    let active = d.js("return document.querySelector('#sort .chip.active').dataset.sort;");
    assert_eq!(active, "relevance");
    d.goto(&srv.url("/#/search?q=t%E1%BB%89nh"));
    let newest = d.wait(
        "the newest-first link",
        "document.querySelector(\"#sort a[data-sort='date']\")",
    );
    assert!(!newest.is_null());
    let link = d.find("#sort a[data-sort='date']");
    d.cmd("POST", &format!("/element/{link}/click"), Some(json!({})));
    d.wait(
        "newest first active",
        "(document.querySelector('#sort .chip.active') || {dataset: {}}).dataset.sort === 'date'",
    );
    assert!(
        d.js("return location.hash;")
            .as_str()
            .unwrap()
            .contains("sort=date")
    );
    let dates = d.js(
        "return [...document.querySelectorAll('article.hit .meta')].map(m => m.textContent.split(' · ')[0]).filter(t => /^\\d+\\/\\d+\\/\\d{4}$/.test(t)).map(t => t.split('/').reverse().map(x => x.padStart(2, '0')).join('-'));",
    );
    let dates: Vec<&str> = dates
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(dates.len() > 2, "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

/// English words that must not appear in the Vietnamese page's messages.
const ENGLISH: &[&str] = &[
    " is ",
    " not ",
    "must",
    "error",
    "query",
    "column",
    "missing",
    "HTTP",
    "parameter",
    "unknown",
    "failed",
];

fn assert_vietnamese(what: &str, text: &str) {
    for w in ENGLISH {
        assert!(
            !text.to_lowercase().contains(w.to_lowercase().as_str()),
            "{what} holds the English {w:?}: {text}"
        );
    }
}

#[test]
fn listing_views_show_evidence_names_past_and_fit_a_phone() {
    let (tmp, index) = indexed_with(&[(PAST_ID, PAST)]);
    let srv = Server::start(&index);
    let d = Driver::start(&tmp.path().join("chromium-profile"));
    let rows = "[...document.querySelectorAll('#listing tbody tr')]";

    // Deadlines: "past" only against the report's own date.
    d.goto(&srv.url("/#/deadlines"));
    d.wait(
        "the deadlines table",
        "document.querySelectorAll('#listing tbody tr').length > 1",
    );
    let row_of =
        |report: &str| format!("{rows}.find(r => r.querySelector(\"a[href='#/doc/{report}']\"))");
    let past = d.js(&format!(
        "const r = {}; return [r.className, r.cells[0].textContent];",
        row_of(PAST_ID)
    ));
    assert_eq!(past[0], "overdue", "{past}");
    assert!(past[1].as_str().unwrap().contains("(đã qua)"), "{past}");
    let due_red = d.js(&format!(
        "return getComputedStyle({}.querySelector('td.due')).color;",
        row_of(PAST_ID)
    ));
    assert_eq!(due_red, "rgb(220, 38, 38)");
    let future = d.js(&format!(
        "const r = {}; return [r.className, r.cells[0].textContent];",
        row_of(REFERENCE_ID)
    ));
    assert_eq!(future[0], "", "{future}");
    assert!(!future[1].as_str().unwrap().contains("đã qua"), "{future}");

    // Evidence: the words as written, why the day differs, the sentence
    // with the words marked, linked to that spot in the report.
    let cell = future[1].as_str().unwrap();
    assert!(
        cell.contains("29/9/2022")
            && cell.contains("ghi: “trước ngày 30/9/2022”")
            && cell.contains("ngày liền trước ngày 30/9/2022"),
        "{cell}"
    );
    let ev = d.js(&format!(
        "const a = {}.querySelector('a.evidence'); return [a.getAttribute('href'), a.textContent, a.querySelector('mark').textContent];",
        row_of(REFERENCE_ID)
    ));
    let href = ev[0].as_str().unwrap();
    assert!(
        href.starts_with(&format!("#/doc/{REFERENCE_ID}?at=")),
        "{href}"
    );
    assert!(
        ev[1]
            .as_str()
            .unwrap()
            .starts_with("Kết luận hội nghị, Phó Chủ tịch UBND tỉnh giao"),
        "{ev}"
    );
    assert_eq!(ev[2], "trước ngày 30/9/2022");
    // Placeholders are hints: "VD: …", greyed and slanted, no value set.
    let ph = d.js(
        "return [...document.querySelectorAll('#filters input')].map(i => [i.placeholder, i.value, getComputedStyle(i, '::placeholder').fontStyle, getComputedStyle(i, '::placeholder').color, getComputedStyle(i).color]);",
    );
    for p in ph.as_array().unwrap() {
        assert!(p[0].as_str().unwrap().starts_with("VD: "), "{p}");
        assert_eq!(p[1], "", "{p}");
        assert_eq!(p[2], "italic", "{p}");
        assert_ne!(p[3], p[4], "placeholder coloured as a value: {p}");
    }
    d.screenshot("5-deadlines-evidence");
    // The evidence link opens the report at the deadline, marked.
    d.click(&format!("a.evidence[href='{href}']"));
    let target = d.wait(
        "the deadline marked as the row's spot",
        "(document.querySelector('#doctext .ent.target') || {}).textContent",
    );
    assert_eq!(target, "trước ngày 30/9/2022");

    // People: report links are links, not raw text; one language.
    d.goto(&srv.url("/#/people"));
    d.wait(
        "the people table",
        "document.querySelectorAll('#listing tbody tr').length > 1",
    );
    let people = d.js(&format!(
        "return [{rows}.every(r => r.cells[4].textContent.trim() === '' || r.cells[4].querySelector(\"a[href^='#/doc/']\")), document.getElementById('listing').textContent];"
    ));
    assert_eq!(people[0], true, "{people}");
    let text = people[1].as_str().unwrap();
    assert!(!text.contains("http") && !text.contains(",#/doc"), "{text}");
    let ev_people = d.js(&format!(
        "return {rows}.filter(r => r.querySelector('a.evidence')).length;"
    ));
    assert!(ev_people.as_u64().unwrap() > 1, "{ev_people}");

    // Directives: a law without a number by its name, not its key; report
    // links are links.
    d.goto(&srv.url("/#/directives"));
    d.wait(
        "the directives table",
        "document.querySelectorAll('#listing tbody tr').length > 1",
    );
    let names = d.js(&format!(
        "return {rows}.map(r => r.cells[0].querySelector('a').textContent);"
    ));
    let names: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(names.contains(&"Luật Đất đai năm 2013"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains(':') && !n.contains("dat-dai")),
        "{names:?}"
    );
    let links = d.js(&format!(
        "return {rows}.every(r => r.cells[6].querySelector(\"a[href^='#/doc/']\"));"
    ));
    assert_eq!(links, true);
    d.screenshot("6-directives");

    // One language: errors from the API are shown in Vietnamese.
    let page_lang = d.js("return document.documentElement.lang;");
    assert_eq!(page_lang, "vi");
    for (url, expect) in [
        ("/#/deadlines?from=abc", "không phải là ngày"),
        ("/#/search?q=%22chi%20thi", "Truy vấn có lỗi ở cột 1"),
        ("/#/doc/khong-co-bao-cao-nay", "Không có báo cáo"),
    ] {
        d.goto(&srv.url(url));
        let msg = d.wait(
            "an error message",
            "(document.querySelector('.error') || {}).textContent",
        );
        let msg = msg.as_str().unwrap();
        assert!(msg.contains(expect), "{url}: {msg}");
        assert_vietnamese(url, msg);
    }

    // A phone, 390 px wide: the deadlines table is not cut off; every cell
    // is inside the window and the page does not scroll sideways.
    d.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    d.goto(&srv.url("/#/deadlines"));
    d.wait(
        "the deadlines table on a phone",
        "document.querySelectorAll('#listing tbody tr').length > 1",
    );
    let fit = d.js(&format!(
        "const w = document.documentElement.clientWidth; \
         const cells = {rows}.flatMap(r => [...r.cells]).filter(c => c.offsetParent); \
         return [document.documentElement.scrollWidth - w, \
                 cells.filter(c => c.getBoundingClientRect().right > w + 1).length, cells.length, w];"
    ));
    assert!(fit[0].as_i64().unwrap() <= 0, "page overflow: {fit}");
    assert_eq!(fit[1], 0, "cells cut off at the right: {fit}");
    assert!(fit[2].as_u64().unwrap() > 4, "{fit}");
    let wrap = d.js(
        "const t = document.querySelector('.table-wrap'); return t.scrollWidth - t.clientWidth;",
    );
    assert!(
        wrap.as_i64().unwrap() <= 0,
        "table scrolls sideways: {wrap}"
    );
    // Each cell says which column it is.
    let label = d.js(&format!(
        "return getComputedStyle({rows}[0].cells[0], '::before').content;"
    ));
    assert_eq!(label, "\"Hạn\"");
    d.screenshot("7-deadlines-phone");
}
