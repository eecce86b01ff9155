//! PDF reports: the text layer, its wrapped lines joined back into
//! paragraphs (one per line), the title and date from the Info dictionary.
//!
//! `lopdf` parses the file and `pdf-extract` interprets each page's content
//! stream, decoding every glyph through its font (ToUnicode maps, standard
//! and embedded encodings) — what Vietnamese text set in Unicode fonts
//! needs. The glyphs come to [`Lines`] with their position; a page's glyphs
//! become lines (same baseline, no wide gap), and lines become paragraphs
//! by the page's geometry: a paragraph ends at a line that stops short of
//! the right margin, before an indented line, at a wider gap than the
//! page's line spacing, or where the next line is not below it (a second
//! column, the two header blocks of an official letter).
//!
//! A PDF whose pages hold no text (a scan) is [`PdfError::NoText`].

use lopdf::{Document, Object};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// What a PDF holds for the reader.
#[derive(Debug, Default, Clone)]
pub struct Pdf {
    /// Paragraphs, one per line.
    pub text: String,
    /// Info `Title`, when set.
    pub title: Option<String>,
    /// Info `CreationDate` / `ModDate`, as ISO days when they parse.
    pub created: Option<String>,
    pub modified: Option<String>,
    pub pages: usize,
    /// The legacy encoding of the fonts, when the text was decoded from one.
    pub legacy: Option<super::encoding::Encoding>,
}

/// Why a PDF could not be read.
#[derive(Debug)]
pub enum PdfError {
    /// Not a PDF, or one too damaged to read.
    Corrupt(String),
    /// Encrypted with a password.
    Encrypted,
    /// Pages without a text layer (scanned images).
    NoText { pages: usize },
}

/// Fewer letters than this per page on average: the PDF has no text layer
/// worth reading (a scan, perhaps with a page number or a stamp's text).
const MIN_LETTERS_PER_PAGE: usize = 10;

/// Read a PDF held in memory.
pub fn read(bytes: &[u8]) -> Result<Pdf, PdfError> {
    let mut doc = Document::load_mem(bytes)
        .map_err(|e| PdfError::Corrupt(format!("not a readable PDF: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let mut lines = Lines::default();
    if let Err(e) = pdf_extract::output_doc(&doc, &mut lines) {
        return Err(PdfError::Corrupt(format!("cannot read its pages: {e}")));
    }
    let pages = doc.get_pages().len();
    let letters = lines.letters;
    let mut text = lines.paragraphs();
    let mut legacy = None;
    if let Some((decoded, enc)) = legacy_font_text(&text) {
        text = decoded;
        legacy = Some(enc);
    }
    if letters < MIN_LETTERS_PER_PAGE * pages.max(1) {
        return Err(PdfError::NoText { pages });
    }
    let info = info(&doc);
    let string = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok())
            .and_then(|o| resolve(&doc, o))
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(Pdf {
        text,
        title: string(b"Title"),
        created: string(b"CreationDate").and_then(|d| pdf_date(&d)),
        modified: string(b"ModDate").and_then(|d| pdf_date(&d)),
        pages,
        legacy,
    })
}

/// Text set in a legacy 8-bit Vietnamese font (.VnTime in TCVN3, VNI, …)
/// without a ToUnicode map comes out as the Windows-1252 look-alikes of
/// its bytes ("Th\u{b5}nh ph\u{e8}"). When the whole text maps back to
/// Windows-1252 bytes, detection reads them as a legacy Vietnamese
/// encoding, and the result has clearly more Vietnamese syllables with
/// diacritics than the text as extracted, the decoded text is used.
fn legacy_font_text(text: &str) -> Option<(String, super::encoding::Encoding)> {
    use super::encoding::{self, Encoding};
    if text.is_ascii() {
        return None;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        return None;
    }
    let mut decoded = encoding::decode(&bytes, None);
    if decoded.encoding == Encoding::Tcvn3 {
        // WinAnsiEncoding calls byte 0xAD (TCVN3 `ư`) a hyphen: put it back
        // where a "hyphen" sits between two letters ("tr-ớc"), not between
        // digits or after a space ("2021-2025", "COVID-19", "A - B").
        let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
        let mut fixed = bytes.to_vec();
        for i in 1..fixed.len().saturating_sub(1) {
            if fixed[i] == b'-' && letter(bytes[i - 1]) && letter(bytes[i + 1]) {
                fixed[i] = 0xAD;
            }
        }
        decoded = encoding::decode(&fixed, Some(Encoding::Tcvn3));
    }
    if !matches!(
        decoded.encoding,
        Encoding::Tcvn3 | Encoding::Vni | Encoding::Viscii | Encoding::Windows1258
    ) {
        return None;
    }
    let syllables = |t: &str| {
        t.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_ascii() && encoding::is_vietnamese_syllable(w))
            .count()
    };
    (syllables(&decoded.text) > 2 * syllables(text) + 2).then_some((decoded.text, decoded.encoding))
}

fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    match obj {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

fn info(doc: &Document) -> Option<&lopdf::Dictionary> {
    let o = doc.trailer.get(b"Info").ok()?;
    resolve(doc, o)?.as_dict().ok()
}

/// A PDF date `D:YYYYMMDDHHmmSS+07'00'` (or its first 8 digits) as an ISO
/// day; `None` when it is not one.
pub fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let iso = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]);
    super::parse_metadata_date(&iso)
}

/// One line of text as placed on the page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Baseline (PDF user space, y up), left and right ends, glyph size.
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
}

/// An [`OutputDev`] that gathers glyphs into lines, page by page.
#[derive(Default)]
struct Lines {
    pages: Vec<Vec<Line>>,
    current: Vec<Line>,
    /// Letters seen in the whole document.
    letters: usize,
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.current.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let page = std::mem::take(&mut self.current);
        self.pages.push(page);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        let size = if size.is_finite() && size > 0.01 {
            size
        } else {
            1.0
        };
        let (x, y) = (trm.m31, trm.m32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let advance = (width * font_size * trm.m11.hypot(trm.m12)).abs();
        let advance = if advance.is_finite() { advance } else { 0.0 };
        self.letters += ch.chars().filter(|c| c.is_alphabetic()).count();
        let ch = ch.replace(['\n', '\r', '\0'], " ");
        if let Some(line) = self.current.last_mut() {
            let same_baseline = (y - line.y).abs() <= 0.5 * size.min(line.size);
            let gap = x - line.x1;
            // Same baseline, not far to the right nor back to the left.
            if same_baseline && gap > -0.5 * size && gap < 2.5 * size {
                if gap > 0.15 * size && !line.text.ends_with(' ') && ch != " " {
                    line.text.push(' ');
                }
                line.text.push_str(&ch);
                line.x1 = line.x1.max(x + advance);
                line.size = line.size.max(size);
                return Ok(());
            }
        }
        if ch.trim().is_empty() {
            return Ok(());
        }
        self.current.push(Line {
            text: ch,
            y,
            x0: x,
            x1: x + advance,
            size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

impl Lines {
    /// Every page's lines joined into paragraphs, one per output line.
    fn paragraphs(&mut self) -> String {
        if !self.current.is_empty() {
            let page = std::mem::take(&mut self.current);
            self.pages.push(page);
        }
        let mut out = String::new();
        for page in &self.pages {
            let lines: Vec<&Line> = page.iter().filter(|l| !l.text.trim().is_empty()).collect();
            if lines.is_empty() {
                continue;
            }
            let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
            let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
            let spacing = line_spacing(&lines);
            let mut para = String::new();
            for (i, line) in lines.iter().enumerate() {
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(line.text.trim());
                let ends = match lines.get(i + 1) {
                    None => true,
                    Some(next) => paragraph_ends(line, next, left, right, spacing),
                };
                if ends {
                    out.push_str(&para);
                    out.push('\n');
                    para.clear();
                }
            }
        }
        out
    }
}

/// The usual distance between consecutive baselines of a page (the median
/// of the downward steps), `None` with fewer than two.
fn line_spacing(lines: &[&Line]) -> Option<f64> {
    let mut steps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|d| *d > 0.0 && d.is_finite())
        .collect();
    if steps.is_empty() {
        return None;
    }
    steps.sort_by(|a, b| a.total_cmp(b));
    Some(steps[steps.len() / 2])
}

/// Whether the paragraph holding `line` ends before `next`.
fn paragraph_ends(line: &Line, next: &Line, left: f64, right: f64, spacing: Option<f64>) -> bool {
    let step = line.y - next.y;
    let size = line.size.max(next.size);
    // Not below: another column or block.
    if step <= 0.3 * size {
        return true;
    }
    // A wider gap than the page's line spacing (or than two lines of text).
    let usual = spacing.unwrap_or(1.5 * size).max(size);
    if step > 1.4 * usual {
        return true;
    }
    // The line stops short of the right margin: the paragraph's last line.
    if line.x1 < right - 4.0 * size {
        return true;
    }
    // The next line is indented (a paragraph's first line) or starts right
    // of the margin (a centred heading).
    next.x0 > left + 1.5 * size && next.x0 > line.x0 + 1.5 * size
}
