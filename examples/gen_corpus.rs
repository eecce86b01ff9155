//! Scale corpus generator: N synthetic Vietnamese government/news reports
//! as JSON Lines (`id`, `title`, `date`, `source`, `text`), gzipped when the
//! output name ends in `.gz`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --reports 100000 --seed 1 --out /tmp/a100k.jsonl.gz
//! ```
//!
//! Deterministic: the same `--reports` and `--seed` give byte-identical
//! output (a splitmix64 generator of our own; no clock, no hashing order).
//! Reports are written one at a time, never held together, so any N fits in
//! memory. The wording is recombined from `data/generator/parts.txt`
//! (names, titles, organisations, provinces, Party and State directive
//! symbols, dates in several formats, deadlines, attendee lists); lengths
//! are log-uniform between 1 and 20 KB (mean ≈ 6.3 KB).

use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

const PARTS: &str = include_str!("../data/generator/parts.txt");

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// The sections of `parts.txt`.
pub struct Parts(HashMap<&'static str, Vec<&'static str>>);

impl Parts {
    pub fn load() -> Parts {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        let mut current = "";
        for line in PARTS.lines() {
            let line = line.trim();
            if let Some(name) = line.strip_prefix("## ") {
                current = name.trim();
                map.entry(current).or_default();
            } else if !line.is_empty() && !line.starts_with('#') {
                map.entry(current).or_default().push(line);
            }
        }
        Parts(map)
    }
    pub fn get(&self, name: &str) -> &[&'static str] {
        self.0
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_else(|| panic!("data/generator/parts.txt has no section {name}"))
    }
}

/// Days since 1970-01-01 → (y, m, d), the project's own calendar.
fn civil(z: i64) -> (i64, u32, u32) {
    let (y, m, d) = vntext::calendar::Day::from_epoch_days(z)
        .expect("a day of the calendar")
        .ymd();
    (i64::from(y), m, d)
}

/// Upper-case the first character.
fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One report being written: its date, its province and the documents it
/// cites (reused, as real reports do).
struct Report<'p> {
    parts: &'p Parts,
    rng: Rng,
    day: i64,
    province: &'static str,
    district: &'static str,
    /// Cited documents: (short form, first-mention form with date and issuer).
    docs: Vec<(String, String)>,
    people: Vec<String>,
}

impl<'p> Report<'p> {
    fn date_text(&mut self, offset_max: i64) -> String {
        let off = self.rng.range(0, offset_max as u64 * 2) as i64 - offset_max;
        let (y, m, d) = civil(self.day + off);
        match self.rng.range(0, 5) {
            0 | 1 => format!("{d}/{m}/{y}"),
            2 => format!("{d:02}/{m:02}/{y}"),
            3 => format!("{d}-{m}-{y}"),
            4 => format!("{d} tháng {m} năm {y}"),
            _ => format!("{d:02}.{m:02}.{y}"),
        }
    }

    fn person(&mut self) -> String {
        if !self.people.is_empty() && self.rng.chance(0.3) {
            let i = self.rng.range(0, self.people.len() as u64 - 1) as usize;
            return self.people[i].clone();
        }
        let p = self.parts;
        let female = self.rng.chance(0.3);
        let surname = self.rng.pick(p.get("surname"));
        let middle = self
            .rng
            .pick(p.get(if female { "middle_f" } else { "middle_m" }));
        let given = self
            .rng
            .pick(p.get(if female { "given_f" } else { "given_m" }));
        // Four-syllable names are mostly women's: Lê Thị Thu Hà.
        let name = if female && self.rng.chance(0.35) {
            let mut m2 = "Thị";
            while m2 == "Thị" {
                m2 = self.rng.pick(p.get("middle_f"));
            }
            format!("{surname} Thị {m2} {given}")
        } else {
            format!("{surname} {middle} {given}")
        };
        self.people.push(name.clone());
        name
    }

    /// A cited document: a new one in full the first time, else one cited
    /// before in its short form. `bare`: never the long form.
    fn directive(&mut self, bare: bool) -> String {
        if !self.docs.is_empty() && self.rng.chance(0.5) {
            let i = self.rng.range(0, self.docs.len() as u64 - 1) as usize;
            return self.docs[i].0.clone();
        }
        let p = self.parts;
        let (y, _, _) = civil(self.day - self.rng.range(30, 2000) as i64);
        let n = self.rng.range(1, 450);
        let doc = match self.rng.range(0, 9) {
            0..=3 => {
                let (ty, code) = self.rng.pick(p.get("party_type")).split_once('|').unwrap();
                let issuer = self.rng.pick(p.get("party_issuer"));
                let n = if n < 10 {
                    format!("{n:02}")
                } else {
                    n.to_string()
                };
                let sep = if self.rng.chance(0.1) { " - " } else { "-" };
                format!("{ty} số {n}{sep}{code}/{issuer}")
            }
            4..=7 => {
                let mut it = self.rng.pick(p.get("state_type")).split('|');
                let (ty, code, with_year) = (
                    it.next().unwrap(),
                    it.next().unwrap(),
                    it.next() == Some("1"),
                );
                let n = if code.starts_with("QĐ-UBND") || code.starts_with("UBND") {
                    self.rng.range(100, 3500)
                } else {
                    n
                };
                if with_year {
                    format!("{ty} số {n}/{y}/{code}")
                } else {
                    format!("{ty} số {n}/{code}")
                }
            }
            _ => self.rng.pick(p.get("named_doc")).to_string(),
        };
        let full = if !bare && self.rng.chance(0.4) && doc.contains(" số ") {
            let (y2, m2, d2) = civil(self.day - self.rng.range(30, 900) as i64);
            let by = self.fill_template("{org}", 0);
            format!("{doc} ngày {d2}/{m2}/{y2} của {by}")
        } else {
            doc.clone()
        };
        self.docs.push((doc, full.clone()));
        full
    }

    fn slot(&mut self, name: &str, depth: usize) -> String {
        let p = self.parts;
        let (y, m, d) = civil(self.day);
        match name {
            "person" => self.person(),
            "province" => {
                if self.rng.chance(0.85) {
                    self.province.to_string()
                } else {
                    self.rng.pick(p.get("province")).to_string()
                }
            }
            "district" => {
                if self.rng.chance(0.8) {
                    self.district.to_string()
                } else {
                    self.rng.pick(p.get("district")).to_string()
                }
            }
            "title" => {
                let section = if self.rng.chance(0.25) {
                    "central_title"
                } else {
                    "local_title"
                };
                let t = self.rng.pick(p.get(section));
                self.fill_template(t, depth + 1)
            }
            "title_only" => {
                let t = self.rng.pick(p.get("local_title"));
                self.fill_template(t, depth + 1)
            }
            "doc" => self.directive(false),
            "doc_bare" => self.directive(true),
            "event_cap" => {
                let e = self.rng.pick(p.get("event"));
                cap(&self.fill_template(e, depth + 1))
            }
            "year" => (y - self.rng.range(0, 2) as i64).to_string(),
            "small" => self.rng.range(2, 15).to_string(),
            "pct" => self.rng.range(35, 99).to_string(),
            "number" => self.rng.range(12, 9800).to_string(),
            "dd" => self.rng.range(1, 28).to_string(),
            "month" => (((m - 1 + self.rng.range(1, 5) as u32) % 12) + 1).to_string(),
            "ddmm" => format!("{d}/{m}"),
            "date_text" => self.date_text(120),
            "date_text2" => {
                let saved = self.day;
                self.day += self.rng.range(5, 40) as i64;
                let s = self.date_text(0);
                self.day = saved;
                s
            }
            "when" => match self.rng.range(0, 4) {
                0 => format!("Sáng {d}/{m}"),
                1 => format!("Ngày {d}/{m}/{y}"),
                2 => format!("Chiều ngày {d}-{m}"),
                3 => format!("Sáng nay ({d}/{m})"),
                _ => format!("Ngày {d} tháng {m} năm {y}"),
            },
            "when_lc" => match self.rng.range(0, 2) {
                0 => format!("ngày {d}/{m}/{y}"),
                1 => format!("hai ngày {} và {d}/{m}", civil(self.day - 1).2),
                _ => format!("sáng {d}/{m}"),
            },
            other => {
                let t = self.rng.pick(p.get(other));
                self.fill_template(t, depth + 1)
            }
        }
    }

    fn fill_template(&mut self, t: &str, depth: usize) -> String {
        let mut out = String::with_capacity(t.len() * 2);
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed {slot}");
            let name = &rest[open + 1..close];
            if depth > 4 {
                out.push_str(name);
            } else {
                out.push_str(&self.slot(name, depth));
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn sentence(&mut self, section: &str) -> String {
        let t = self.rng.pick(self.parts.get(section));
        cap(&self.fill_template(t, 0))
    }

    fn attendees(&mut self) -> String {
        let mut s = self.sentence("attend_intro");
        let n = self.rng.range(2, 8);
        for i in 0..n {
            s.push_str(if i == 0 { " " } else { "; " });
            let who = self.person();
            let title = self.slot("title", 0);
            s.push_str(&who);
            s.push_str(", ");
            s.push_str(&title);
        }
        s.push('.');
        s
    }

    fn text(&mut self, target: usize) -> String {
        let mut paras: Vec<String> = vec![self.sentence("lead")];
        let mut len = paras[0].len();
        if self.rng.chance(0.7) {
            let a = self.attendees();
            len += a.len();
            paras.push(a);
        }
        while len < target {
            let n = self.rng.range(2, 6);
            let mut para = String::new();
            for _ in 0..n {
                if !para.is_empty() {
                    para.push(' ');
                }
                let section = if self.rng.chance(0.15) {
                    "task"
                } else {
                    "body"
                };
                para.push_str(&self.sentence(section));
            }
            len += para.len() + 2;
            paras.push(para);
        }
        let text = paras.join("\n\n");
        // A tenth of the reports use the new tone-mark style, as some sources do.
        if self.rng.chance(0.1) {
            text.replace("òa", "oà")
                .replace("óa", "oá")
                .replace("ủy", "uỷ")
                .replace("Ủy", "Uỷ")
                .replace("úy", "uý")
        } else {
            text
        }
    }
}

/// Write report `i` of the archive made from `seed` as one JSON line.
pub fn report(parts: &Parts, seed: u64, i: u64, out: &mut impl Write) -> anyhow::Result<usize> {
    let mut rng = Rng(seed ^ i.wrapping_mul(0xd134_2543_de82_ef95));
    rng.next();
    // 2015-01-01 .. 2025-12-31.
    let day = 16_436 + rng.range(0, 4017) as i64;
    let province = rng.pick(parts.get("province"));
    let district = rng.pick(parts.get("district"));
    // Log-uniform length, 1 KB to 20 KB.
    let target = (1000.0 * (rng.unit() * 20f64.ln()).exp()) as usize;
    let mut r = Report {
        parts,
        rng,
        day,
        province,
        district,
        docs: Vec::new(),
        people: Vec::new(),
    };
    let word = r.rng.pick(parts.get("title_word"));
    let topic = r.slot("topic", 0);
    let title = if r.rng.chance(0.4) {
        format!("{province}: {word} {topic}")
    } else {
        format!("{word} {topic}")
    };
    let text = r.text(target);
    let (y, m, d) = civil(day);
    let rec = serde_json::json!({
        "id": format!("gen-{seed}-{i:08}"),
        "title": title,
        "date": format!("{y:04}-{m:02}-{d:02}"),
        "source": format!("https://tin.example.vn/{seed}/{i}.html"),
        "text": text,
    });
    serde_json::to_writer(&mut *out, &rec)?;
    out.write_all(b"\n")?;
    Ok(text.len())
}

struct Args {
    reports: u64,
    seed: u64,
    out: PathBuf,
}

fn args() -> anyhow::Result<Args> {
    let mut reports = None;
    let mut seed = 1;
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--reports" | "-n" => reports = Some(val()?.parse().context("--reports")?),
            "--seed" => seed = val()?.parse().context("--seed")?,
            "--out" | "-o" => out = Some(PathBuf::from(val()?)),
            "--help" | "-h" => {
                println!(
                    "gen_corpus --reports N [--seed S] --out FILE.jsonl[.gz]   (- for stdout)"
                );
                std::process::exit(0);
            }
            _ => bail!("unknown argument {a} (try --help)"),
        }
    }
    Ok(Args {
        reports: reports.context("--reports N is required")?,
        seed,
        out: out.context("--out FILE is required")?,
    })
}

fn main() -> anyhow::Result<()> {
    let args = args()?;
    let parts = Parts::load();
    let started = std::time::Instant::now();
    let write = |out: &mut dyn Write| -> anyhow::Result<usize> {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
        let mut bytes = 0usize;
        for i in 0..args.reports {
            bytes += report(&parts, args.seed, i, &mut out)?;
        }
        out.flush()?;
        Ok(bytes)
    };
    let bytes = if args.out.as_os_str() == "-" {
        write(&mut std::io::stdout().lock())?
    } else {
        let f = std::fs::File::create(&args.out)
            .with_context(|| format!("creating {}", args.out.display()))?;
        if args.out.extension().is_some_and(|e| e == "gz") {
            let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
            let bytes = write(&mut gz)?;
            gz.finish()?.sync_all()?;
            bytes
        } else {
            let mut f = f;
            write(&mut f)?
        }
    };
    eprintln!(
        "gen_corpus: {} reports, {:.1} MB of text, {:.1}s",
        args.reports,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
