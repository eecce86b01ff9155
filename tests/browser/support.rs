//! Shared by tests/serve_api.rs and tests/serve_browser.rs: index a corpus
//! with the real binary, start `vntext serve` on a free loopback port, and a
//! minimal HTTP/1.1 client (std only) for the API and for chromedriver.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_vntext");

/// A report of our own with a deadline (not from ../shared): the browser
/// test's reference report.
pub const REFERENCE_ID: &str = "ha-giang-chuyen-doi-so";
pub const REFERENCE: &str = "\
Tiêu đề: Hà Giang triển khai Kế hoạch chuyển đổi số năm 2022
Ngày: 2022-04-15
Nguồn: https://example.vn/ha-giang-chuyen-doi-so

Sáng 14/4, UBND tỉnh Hà Giang tổ chức hội nghị triển khai Kế hoạch chuyển đổi số năm 2022. \
Đồng chí Nguyễn Văn Sơn, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.

Năm 2021, toàn tỉnh đã đưa 1.250 thủ tục hành chính lên cổng dịch vụ công trực tuyến.

Kết luận hội nghị, Phó Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông hoàn thành \
việc xây dựng cơ sở dữ liệu dùng chung của tỉnh trước ngày 30/9/2022.
";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A report of our own whose deadline had passed by the report's own date,
/// and which names a law without a number.
pub const PAST_ID: &str = "binh-phuoc-ra-soat";
pub const PAST: &str = "\
Tiêu đề: Bình Phước rà soát hồ sơ đất đai
Ngày: 2023-02-20

Theo kế hoạch, UBND tỉnh yêu cầu các huyện gửi báo cáo kết quả rà soát hồ sơ \
đất đai trước ngày 15/1/2023. Sở Tài nguyên và Môi trường tổ chức tập huấn \
Luật Đất đai năm 2013 cho cán bộ địa chính các xã.
";

/// The reference report as another site republished it: the same title
/// and text, its own address and a byline added.
pub const REFERENCE_COPY_ID: &str = "ha-giang-chuyen-doi-so-dang-lai";

/// Index `corpus/` and the reference report into a fresh temporary folder.
pub fn indexed() -> (tempfile::TempDir, PathBuf) {
    indexed_with(&[])
}

/// Index `corpus/`, the reference report and a copy of it republished on
/// another site.
pub fn indexed_with_copy() -> (tempfile::TempDir, PathBuf) {
    let copy = REFERENCE.replace(
        "https://example.vn/ha-giang-chuyen-doi-so",
        "https://tin.example.org/dang-lai/ha-giang",
    ) + "\nTheo Cổng thông tin điện tử tỉnh.\n";
    indexed_with(&[(REFERENCE_COPY_ID, &copy)])
}

/// Index `corpus/`, the reference report and `extra` reports (id, text)
/// into a fresh temporary folder.
pub fn indexed_with(extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = tmp.path().join("fixture");
    std::fs::create_dir(&fixture).unwrap();
    std::fs::write(fixture.join(format!("{REFERENCE_ID}.txt")), REFERENCE).unwrap();
    for (id, text) in extra {
        std::fs::write(fixture.join(format!("{id}.txt")), text).unwrap();
    }
    let index = tmp.path().join("index");
    let out = Command::new(BIN)
        .arg("index")
        .arg(repo().join("corpus"))
        .arg(&fixture)
        .arg("--index")
        .arg(&index)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vntext index failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (tmp, index)
}

/// A running `vntext serve`, killed on drop.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Start on 127.0.0.1:0 and read the bound address from the first
    /// line of stdout.
    pub fn start(index: &Path) -> Server {
        Server::start_with(Command::new(BIN), index)
    }

    /// Start `vntext serve` through `cmd` (the binary, or a wrapper such as
    /// `runuser -u nobody -- BIN`, followed by `serve …`).
    pub fn start_with(mut cmd: Command, index: &Path) -> Server {
        let mut child = cmd
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let line = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(l) => l,
            Err(_) => {
                let _ = child.kill();
                panic!("vntext serve printed no address within 30 s");
            }
        };
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], b"")
    }
}

impl Drop for Server {
    /// SIGTERM first: a wrapper such as `runuser` forwards it to the server
    /// it started, where SIGKILL would end the wrapper and leave the server
    /// running. SIGKILL only if it has not ended within 5 s.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One HTTP/1.1 request (Connection: close), the whole answer read.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head += &format!("{k}: {v}\r\n");
    }
    head += "\r\n";
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading all of a large body.
    let _ = s.write_all(body);
    // Read until the answer is complete: some peers (chromedriver) keep
    // the connection open whatever the request says.
    let mut raw = Vec::new();
    let mut buf = [0u8; 1 << 16];
    loop {
        if complete(&raw) {
            break;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
    parse_response(&raw)
}

/// Whether `raw` holds a whole response (by Content-Length or the last chunk).
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let body = &raw[end + 4..];
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return body.len() >= len;
    }
    if head.contains("transfer-encoding: chunked") {
        return body.ends_with(b"0\r\n\r\n");
    }
    false
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size_hex = String::from_utf8_lossy(&rest[..nl]);
            let size =
                usize::from_str_radix(size_hex.split(';').next().unwrap().trim(), 16).unwrap();
            rest = &rest[nl + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

/// Standard base64 (for WebDriver screenshots).
pub fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
