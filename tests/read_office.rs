//! Issue 15, point 5: Word (`.docx`) and PDF reports read as reports.
//!
//! Every fixture is built here, from text written for this test: `.docx`
//! files with the `zip` crate (document, properties, a table, a text box
//! and its fallback copy, a tracked deletion), PDFs with `lopdf` (a Type0
//! font whose ToUnicode map gives Vietnamese letters, one of them as
//! combining marks; justified paragraphs wrapped over several lines; the
//! two header blocks of an official letter side by side; a centred
//! heading), a PDF in a legacy-font (TCVN3 bytes, WinAnsiEncoding) and
//! its Western trap, a scanned PDF (an image, no text), and damaged files.

use lopdf::{Document as Pdf, Object, Stream, dictionary};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use vntext::pipeline::{self, Collect, Options};
use vntext::read::{self, SkipReason};

const BIN: &str = env!("CARGO_BIN_EXE_vntext");

// ---- .docx fixtures ---------------------------------------------------------

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A `.docx` with `body` (XML inside `w:body`) and, when given, core
/// properties.
fn docx(body: &str, title: Option<&str>, created: Option<&str>, modified: Option<&str>) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        )
        .unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        write!(
            zip,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"{W}\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{body}</w:body></w:document>"
        )
        .unwrap();
        if title.is_some() || created.is_some() || modified.is_some() {
            zip.start_file("docProps/core.xml", opts).unwrap();
            let mut core = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties \
                 xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
                 xmlns:dcterms=\"http://purl.org/dc/terms/\" \
                 xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            );
            if let Some(t) = title {
                core += &format!("<dc:title>{t}</dc:title>");
            }
            if let Some(c) = created {
                core +=
                    &format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{c}</dcterms:created>");
            }
            if let Some(m) = modified {
                core += &format!(
                    "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{m}</dcterms:modified>"
                );
            }
            core += "</cp:coreProperties>";
            zip.write_all(core.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A report as an office writes it: header blocks, a heading, paragraphs
/// (one split over runs), a table, a text box with its fallback copy, a
/// tracked deletion and an escaped ampersand. One paragraph is stored
/// decomposed (NFD).
fn report_docx() -> Vec<u8> {
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(
        "Đoàn công tác ghi nhận kết quả bước đầu.",
    )
    .collect();
    let body = [
        para("SỞ GIAO THÔNG VẬN TẢI"),
        para("BÁO CÁO"),
        "<w:p><w:r><w:t xml:space=\"preserve\">Ngày 14/4, Sở Giao thông vận tải </w:t></w:r>\
         <w:r><w:t>tổ chức kiểm tra tuyến đường</w:t></w:r><w:del><w:r><w:delText> cũ bị hỏng</w:delText></w:r></w:del>\
         <w:r><w:t xml:space=\"preserve\"> ven biển của tỉnh.</w:t></w:r></w:p>"
            .to_string(),
        "<w:p><w:r><w:t>Tổng kinh phí:</w:t><w:tab/><w:t>12 tỷ đồng &amp; vốn đối ứng.</w:t></w:r></w:p>"
            .to_string(),
        "<w:tbl><w:tr><w:tc>".to_string() + &para("Hạng mục") + "</w:tc><w:tc>" + &para("Tiến độ")
            + "</w:tc></w:tr></w:tbl>",
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
            .to_string()
            + &para("Ghi chú trong khung")
            + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
            + &para("Ghi chú trong khung")
            + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        para(&nfd),
        para(""),
        para("Sở đề nghị các đơn vị hoàn thành việc sửa chữa trước ngày 30/6."),
    ]
    .concat();
    docx(
        &body,
        Some("Báo cáo kết quả kiểm tra tuyến đường ven biển"),
        Some("2022-04-15T02:10:00Z"),
        Some("2022-04-18T09:00:00Z"),
    )
}

// ---- PDF fixtures -------------------------------------------------------------

/// One line placed on the page: left end, baseline, text; `justify` to
/// this right end (spread over its spaces, as word processors do).
struct Placed<'a> {
    x: f64,
    y: f64,
    text: &'a str,
    justify: Option<f64>,
}

const SIZE: f64 = 11.0;
/// Every glyph is half an em wide (the font's default width).
const GLYPH: f64 = 0.5 * SIZE;

/// A one-page PDF showing `lines` in a Type0 font whose ToUnicode map
/// gives each glyph its letter; `ộ` maps to decomposed `o` + marks.
fn text_pdf(lines: &[Placed<'_>], title: Option<&str>, created: Option<&str>) -> Vec<u8> {
    let mut chars: Vec<char> = lines.iter().flat_map(|l| l.text.chars()).collect();
    chars.sort();
    chars.dedup();
    let cid = |c: char| chars.iter().position(|&d| d == c).unwrap() + 1;
    let mut content = String::new();
    for l in lines {
        let hex: String = l.text.chars().map(|c| format!("{:04X}", cid(c))).collect();
        let natural = GLYPH * l.text.chars().count() as f64;
        let spaces = l.text.matches(' ').count();
        content += &format!("BT /F1 {SIZE} Tf 1 0 0 1 {} {} Tm ", l.x, l.y);
        match l.justify {
            Some(right) if spaces > 0 => {
                // TJ numbers are thousandths of an em, negative moves right.
                let extra = (right - l.x - natural) / spaces as f64;
                let adjust = -extra * 1000.0 / SIZE;
                content += "[";
                for (i, word) in l.text.split(' ').enumerate() {
                    if i > 0 {
                        content += &format!("<{:04X}> {adjust:.2} ", cid(' '));
                    }
                    let hex: String = word.chars().map(|c| format!("{:04X}", cid(c))).collect();
                    content += &format!("<{hex}> ");
                }
                content += "] TJ ET\n";
            }
            _ => content += &format!("<{hex}> Tj ET\n"),
        }
    }
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        cmap += &format!("{} beginbfchar\n", chunk.len());
        for &c in chunk {
            let target: String = if c == 'ộ' {
                "o\u{0302}\u{0323}".into()
            } else {
                c.to_string()
            };
            let utf16: String = target.encode_utf16().map(|u| format!("{u:04X}")).collect();
            cmap += &format!("<{:04X}> <{utf16}>\n", cid(c));
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "VntextTest", "Flags" => 32,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0, "Ascent" => 900, "Descent" => -200, "CapHeight" => 700, "StemV" => 80,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "VntextTest",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor, "DW" => 500,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "VntextTest",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    });
    let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    finish(doc, pages_id, title, created)
}

fn finish(
    mut doc: Pdf,
    pages_id: lopdf::ObjectId,
    title: Option<&str>,
    created: Option<&str>,
) -> Vec<u8> {
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut info = lopdf::Dictionary::new();
    if let Some(t) = title {
        // A text string in UTF-16BE with its byte-order mark.
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(t.encode_utf16().flat_map(|u| u.to_be_bytes()));
        info.set(
            "Title",
            Object::String(bytes, lopdf::StringFormat::Hexadecimal),
        );
    }
    if let Some(c) = created {
        info.set("CreationDate", Object::string_literal(c));
    }
    let info = doc.add_object(info);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A PDF whose text is the bytes `bytes` shown in a simple font with
/// WinAnsiEncoding and no ToUnicode map, as old files set in .VnTime are.
fn simple_font_pdf(lines: &[Vec<u8>]) -> Vec<u8> {
    let mut doc = Pdf::with_version("1.4");
    let pages_id = doc.new_object_id();
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "VnTimeTest", "Flags" => 32,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0, "Ascent" => 900, "Descent" => -200, "CapHeight" => 700, "StemV" => 80,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "VnTimeTest",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 255,
        "Widths" => (32..=255).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
        "FontDescriptor" => descriptor,
    });
    let mut content = Vec::new();
    for (i, bytes) in lines.iter().enumerate() {
        content.extend_from_slice(
            format!("BT /F1 {SIZE} Tf 1 0 0 1 72 {} Tm (", 760 - 30 * i).as_bytes(),
        );
        for &b in bytes {
            if matches!(b, b'(' | b')' | b'\\') {
                content.push(b'\\');
            }
            content.push(b);
        }
        content.extend_from_slice(b") Tj ET\n");
    }
    let contents = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    finish(doc, pages_id, None, None)
}

/// A scanned page: an image drawn over the page, no text at all.
fn scanned_pdf() -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let contents = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    finish(doc, pages_id, Some("Bản scan"), Some("D:20230102"))
}

const P1: [&str; 3] = [
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/3 của Ủy ban nhân dân tỉnh về",
    "phòng, chống thiên tai, Sở Nông nghiệp và Phát triển nông thôn đã tổ chức",
    "kiểm tra các công trình đê điều trên địa bàn.",
];
const P2: [&str; 2] = [
    "Sở đề nghị Ủy ban nhân dân các huyện hoàn thành việc rà soát các điểm xung",
    "yếu trước ngày 30/4 và báo cáo kết quả về Sở trước ngày 05/5.",
];

/// An official report's first page: the issuer and the national motto side
/// by side, a centred heading, two justified paragraphs with indented
/// first lines.
fn report_pdf() -> Vec<u8> {
    let right = 520.0;
    let mut lines = vec![
        Placed {
            x: 72.0,
            y: 790.0,
            text: "UBND TỈNH BÌNH ĐỊNH",
            justify: None,
        },
        Placed {
            x: 300.0,
            y: 790.0,
            text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            justify: None,
        },
        Placed {
            x: 265.0,
            y: 740.0,
            text: "BÁO CÁO",
            justify: None,
        },
    ];
    let mut y = 710.0;
    for para in [&P1[..], &P2[..]] {
        for (i, text) in para.iter().enumerate() {
            let last = i + 1 == para.len();
            lines.push(Placed {
                x: if i == 0 { 90.0 } else { 72.0 },
                y,
                text,
                justify: (!last).then_some(right),
            });
            y -= 15.0;
        }
    }
    text_pdf(
        &lines,
        Some("Báo cáo công tác phòng chống thiên tai"),
        Some("D:20210315083000+07'00'"),
    )
}

// ---- helpers --------------------------------------------------------------------

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(paths: &[std::path::PathBuf]) -> (Collect, pipeline::Summary) {
    let mut sink = Collect::default();
    let summary = pipeline::run(paths, &Options::default(), &mut sink).unwrap();
    (sink, summary)
}

fn has_combining(s: &str) -> bool {
    s.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c))
}

// ---- tests --------------------------------------------------------------------------

#[test]
fn a_docx_report_reads_paragraph_per_line_with_its_properties() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "bao-cao.docx", &report_docx());
    let (out, summary) = run(&[p]);
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    assert_eq!(summary.documents, 1);
    let doc = &out.documents[0];
    assert_eq!(doc.id, "bao-cao");
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(
        lines,
        [
            "SỞ GIAO THÔNG VẬN TẢI",
            "BÁO CÁO",
            "Ngày 14/4, Sở Giao thông vận tải tổ chức kiểm tra tuyến đường ven biển của tỉnh.",
            "Tổng kinh phí: 12 tỷ đồng & vốn đối ứng.",
            "Hạng mục",
            "Tiến độ",
            "Ghi chú trong khung",
            "Đoàn công tác ghi nhận kết quả bước đầu.",
            "Sở đề nghị các đơn vị hoàn thành việc sửa chữa trước ngày 30/6.",
        ],
        "{}",
        doc.text
    );
    assert!(!has_combining(&doc.text), "text is NFC");
    assert_eq!(
        doc.title.as_deref(),
        Some("Báo cáo kết quả kiểm tra tuyến đường ven biển")
    );
    // dcterms:created is the report's date; both are kept.
    assert_eq!(doc.date.as_deref(), Some("2022-04-15"));
    assert_eq!(doc.metadata["modified"], "2022-04-18");
    assert_eq!(doc.metadata["format"], "docx");
    // The date anchors partial dates: "ngày 14/4" is in 2022.
    let days: Vec<_> = doc
        .entities
        .iter()
        .filter_map(|e| match &e.kind {
            vntext::model::Kind::Date { from, .. } => from.clone(),
            _ => None,
        })
        .collect();
    assert!(days.contains(&"2022-04-14".to_string()), "{days:?}");
}

#[test]
fn a_docx_title_property_naming_the_file_is_not_the_title() {
    let tmp = tempfile::tempdir().unwrap();
    let body = para("Kế hoạch tổ chức hội nghị tổng kết năm") + &para("Nội dung kế hoạch.");
    let a = write(
        tmp.path(),
        "a.docx",
        &docx(
            &body,
            Some("Microsoft Word - ke hoach.docx"),
            None,
            Some("2020-12-01T00:00:00Z"),
        ),
    );
    let b = write(tmp.path(), "b.docx", &docx(&body, None, None, None));
    let (out, _) = run(&[a, b]);
    assert_eq!(out.documents.len(), 2);
    for doc in &out.documents {
        assert_eq!(
            doc.title.as_deref(),
            Some("Kế hoạch tổ chức hội nghị tổng kết năm")
        );
    }
    // Without dcterms:created, dcterms:modified dates the report.
    assert_eq!(out.documents[0].date.as_deref(), Some("2020-12-01"));
    assert_eq!(out.documents[1].date, None);
}

#[test]
fn a_pdf_report_reads_its_paragraphs_title_and_date() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "bao-cao.pdf", &report_pdf());
    let (out, _) = run(&[p]);
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    let doc = &out.documents[0];
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(
        lines,
        [
            "UBND TỈNH BÌNH ĐỊNH".to_string(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
            "BÁO CÁO".to_string(),
            P1.join(" "),
            P2.join(" "),
        ],
        "{}",
        doc.text
    );
    // `ộ` came out of the font as o + two combining marks.
    assert!(!has_combining(&doc.text), "text is NFC");
    assert!(doc.text.contains("CỘNG HÒA"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Báo cáo công tác phòng chống thiên tai")
    );
    assert_eq!(doc.date.as_deref(), Some("2021-03-15"));
    assert_eq!(doc.metadata["format"], "pdf");
    assert_eq!(doc.metadata["pages"], 1);
    // Joined lines read as sentences: the deadlines ("trước ngày 30/4" is
    // due the day before) with the year of the CreationDate.
    let dues: Vec<_> = doc
        .entities
        .iter()
        .filter_map(|e| match &e.kind {
            vntext::model::Kind::Deadline { due, .. } => Some(due.clone()),
            _ => None,
        })
        .collect();
    assert!(dues.contains(&Some("2021-04-29".to_string())), "{dues:?}");
}

#[test]
fn a_scanned_pdf_is_skipped_as_scanned_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "scan.pdf", &scanned_pdf());
    let (out, summary) = run(&[p]);
    assert!(out.documents.is_empty());
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(out.skipped[0].reason, SkipReason::Scanned);
    assert!(
        out.skipped[0].message.contains("scanned, no text"),
        "{}",
        out.skipped[0].message
    );
    assert!(out.skipped[0].location.ends_with("scan.pdf"));
    assert_eq!(summary.skipped.get("scanned"), Some(&1));
}

#[test]
fn damaged_files_are_named_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let good_pdf = report_pdf();
    write(tmp.path(), "a-good.docx", &report_docx());
    write(tmp.path(), "b-good.pdf", &good_pdf);
    write(
        tmp.path(),
        "c-not-a-zip.docx",
        "Đây là văn bản thường.".as_bytes(),
    );
    let mut no_body = docx("", None, None, None);
    // A zip whose document part is missing: rename it inside the archive.
    let at = no_body
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap();
    no_body[at..at + 4].copy_from_slice(b"xxxx");
    let at2 = no_body
        .windows(17)
        .rposition(|w| w == b"word/document.xml")
        .unwrap();
    no_body[at2..at2 + 4].copy_from_slice(b"xxxx");
    write(tmp.path(), "d-no-body.docx", &no_body);
    write(
        tmp.path(),
        "e-not-a-pdf.pdf",
        b"%PDF-1.4\nnothing else here",
    );
    write(tmp.path(), "f-empty.pdf", b"");
    write(tmp.path(), "g-scan.pdf", &scanned_pdf());

    let out = Command::new(BIN)
        .args(["extract", "--format", "jsonl"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    for name in [
        "c-not-a-zip.docx",
        "d-no-body.docx",
        "e-not-a-pdf.pdf",
        "f-empty.pdf",
        "g-scan.pdf",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("vntext: skipped") && l.contains(name)),
            "{name} not named: {stderr}"
        );
    }
    assert!(stderr.contains("scanned, no text"), "{stderr}");
    assert!(
        stderr.contains("SKIPPED 5: corrupt 3, empty 1, scanned 1"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Cut and corrupted copies of both fixtures: each is read or skipped with
/// a named error, none panics or hangs.
#[test]
fn cut_and_flipped_documents_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut outcomes = [0usize; 2];
    for (name, bytes) in [("x.docx", report_docx()), ("x.pdf", report_pdf())] {
        for i in 0..60 {
            let mut b = bytes.clone();
            if i % 2 == 0 {
                b.truncate(bytes.len() * (i + 1) / 61);
            } else {
                for _ in 0..1 + i % 7 {
                    let at = (next() as usize) % b.len();
                    b[at] = next() as u8;
                }
            }
            let p = write(tmp.path(), name, &b);
            let input = read::list_inputs(&[p]).inputs.remove(0);
            for item in read::read_input(&input, read::ReadOptions::default()) {
                match item {
                    Ok(doc) => {
                        assert!(!doc.text.trim().is_empty());
                        outcomes[0] += 1;
                    }
                    Err(e) => {
                        assert!(e.location.ends_with(name), "{e}");
                        outcomes[1] += 1;
                    }
                }
            }
        }
    }
    assert_eq!(outcomes.iter().sum::<usize>(), 120);
    assert!(outcomes[1] > 0, "{outcomes:?}");
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
}

#[test]
fn doc_files_are_still_passed_over_with_a_hint() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "cu.doc", b"\xd0\xcf\x11\xe0 old Word file");
    write(tmp.path(), "moi.docx", &report_docx());
    let (out, summary) = run(&[tmp.path().to_path_buf()]);
    assert_eq!(out.documents.len(), 1);
    let note = summary.passed_over_note().unwrap();
    assert!(note.contains(".doc 1"), "{note}");
    assert!(note.contains("save them as .docx"), "{note}");
}

#[test]
fn a_pdf_set_in_a_legacy_vietnamese_font_is_decoded() {
    use vntext::read::encoding::{Encoding, encode};
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        "Ủy ban nhân dân huyện tổ chức hội nghị sơ kết giai đoạn 2021-2025",
        "về phòng, chống COVID-19 và thống kê số hộ nghèo trước ngày 15/5.",
    ];
    let tcvn: Vec<Vec<u8>> = lines
        .iter()
        .map(|l| encode(l, Encoding::Tcvn3).unwrap())
        .collect();
    let p = write(tmp.path(), "cu.pdf", &simple_font_pdf(&tcvn));
    // The trap: a Western text in the same kind of font stays as it is.
    let western = ["Résumé du café à Genève, réunion annuelle.".to_string()];
    let w: Vec<Vec<u8>> = western
        .iter()
        .map(|l| encoding_rs::WINDOWS_1252.encode(l).0.into_owned())
        .collect();
    let q = write(tmp.path(), "fr.pdf", &simple_font_pdf(&w));
    let (out, _) = run(&[p, q]);
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    // The two lines are one wrapped paragraph; "ư" (0xAD, a hyphen in
    // WinAnsiEncoding) is back, real hyphens stay.
    assert_eq!(out.documents[0].text.trim(), lines.join(" "));
    assert!(
        out.documents[0]
            .warnings
            .iter()
            .any(|w| w.contains("tcvn3")),
        "{:?}",
        out.documents[0].warnings
    );
    assert_eq!(out.documents[1].text.trim(), western[0]);
    assert!(out.documents[1].warnings.is_empty());
}
