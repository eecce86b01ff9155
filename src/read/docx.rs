//! Word `.docx` reports: the body's paragraphs as lines, the title and
//! dates from the document's properties (`docProps/core.xml`).
//!
//! A `.docx` is a zip (the `zip` crate, deflate only) of XML parts read
//! with `quick-xml` as a stream of events: `word/document.xml` gives the
//! text (`w:t` runs; `w:tab` a tab; `w:br`/`w:cr` and each `w:p`, also in
//! tables and text boxes, a new line; deleted text, field codes and the
//! duplicate `mc:Fallback` copy of a text box are left out), and
//! `docProps/core.xml` gives `dc:title`, `dcterms:created` and
//! `dcterms:modified`. Every part is read through a size cap, so a zip bomb
//! is refused as too large rather than read into memory.

use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// What a `.docx` holds for the reader.
#[derive(Debug, Default, Clone)]
pub struct Docx {
    /// Paragraphs, one per line (empty ones dropped).
    pub text: String,
    pub title: Option<String>,
    /// `dcterms:created` / `dcterms:modified` as written (W3CDTF).
    pub created: Option<String>,
    pub modified: Option<String>,
}

/// Why a `.docx` could not be read.
#[derive(Debug)]
pub enum DocxError {
    /// Not a zip, no `word/document.xml`, or XML that does not parse.
    Corrupt(String),
    /// A part larger than the cap once decompressed.
    TooLarge(u64),
}

/// Read a `.docx` held in memory; `max` caps every part's decompressed size.
pub fn read(bytes: &[u8], max: usize) -> Result<Docx, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Corrupt(format!("not a Word .docx (zip) file: {e}")))?;
    let body = part(&mut zip, "word/document.xml", max)?
        .ok_or_else(|| DocxError::Corrupt("no word/document.xml: not a Word document".into()))?;
    let text = body_text(&body)
        .map_err(|e| DocxError::Corrupt(format!("word/document.xml does not parse as XML: {e}")))?;
    let mut doc = Docx {
        text,
        ..Docx::default()
    };
    // The properties are optional: a broken core.xml only loses them.
    if let Ok(Some(core)) = part(&mut zip, "docProps/core.xml", max) {
        let _ = core_properties(&core, &mut doc);
    }
    Ok(doc)
}

/// One zip entry's bytes, `None` when the entry is absent.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: usize,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Corrupt(format!("cannot open {name}: {e}"))),
    };
    let declared = file.size();
    if declared > max as u64 {
        return Err(DocxError::TooLarge(declared));
    }
    let mut out = Vec::new();
    (&mut file)
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Corrupt(format!("cannot unpack {name}: {e}")))?;
    if out.len() > max {
        return Err(DocxError::TooLarge(out.len() as u64));
    }
    Ok(Some(out))
}

/// The text of an entity reference (`&amp;`, `&#7879;`), if it names one.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
}

/// The paragraphs of `word/document.xml`, one per line.
fn body_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut out = String::new();
    // Open paragraphs (a text box's paragraphs sit inside a run of the
    // paragraph that anchors it): each is emitted when it closes.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_text = false;
    // Depth inside elements whose text is not the document's.
    let mut skip = 0usize;
    let emit = |out: &mut String, p: String| {
        let line = p.trim();
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    };
    loop {
        let event = reader.read_event_into(&mut buf)?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || is_skipped(e.name().as_ref()) {
                    skip += 1;
                } else if name == b"p" {
                    paragraphs.push(String::new());
                } else if name == b"t" {
                    in_text = true;
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                } else {
                    match e.local_name().as_ref() {
                        b"p" => {
                            if let Some(p) = paragraphs.pop() {
                                emit(&mut out, p);
                            }
                        }
                        b"t" => in_text = false,
                        _ => {}
                    }
                }
            }
            Event::Empty(e) if skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    match e.local_name().as_ref() {
                        b"tab" => p.push('\t'),
                        b"br" | b"cr" => p.push('\n'),
                        b"noBreakHyphen" => p.push('-'),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let (Some(p), Ok(s)) = (paragraphs.last_mut(), t.xml10_content()) {
                    p.push_str(&s);
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let (Some(p), Ok(s)) = (paragraphs.last_mut(), t.decode()) {
                    p.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let (Some(p), Some(s)) = (paragraphs.last_mut(), reference(&r)) {
                    p.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // A document cut short: keep what its open paragraphs hold.
    for p in paragraphs {
        emit(&mut out, p);
    }
    Ok(out)
}

/// Elements whose content is not the document's running text: the second
/// copy of a text box (`mc:Fallback`), deleted runs, field instructions.
fn is_skipped(qname: &[u8]) -> bool {
    matches!(
        qname,
        b"mc:Fallback" | b"w:del" | b"w:delText" | b"w:instrText" | b"w:moveFrom"
    )
}

/// `dc:title`, `dcterms:created`, `dcterms:modified` of `docProps/core.xml`.
fn core_properties(xml: &[u8], doc: &mut Docx) -> Result<(), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut field: Option<&'static str> = None;
    let mut value = String::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    b"title" => Some("title"),
                    b"created" => Some("created"),
                    b"modified" => Some("modified"),
                    _ => None,
                };
                value.clear();
            }
            Event::Text(t) if field.is_some() => {
                if let Ok(s) = t.xml10_content() {
                    value.push_str(&s);
                }
            }
            Event::GeneralRef(r) if field.is_some() => {
                if let Some(s) = reference(&r) {
                    value.push_str(&s);
                }
            }
            Event::End(_) => {
                let v = value.trim();
                if !v.is_empty() {
                    let v = Some(v.to_string());
                    match field {
                        Some("title") => doc.title = v,
                        Some("created") => doc.created = v,
                        Some("modified") => doc.modified = v,
                        _ => {}
                    }
                }
                field = None;
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
