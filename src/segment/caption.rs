//! Captions, credits and bylines glued into a report's running text.
//!
//! Real reports carry their photo captions and credits inline: "Quang cảnh
//! buổi làm việc. Ảnh: Minh Hà/TTXVN Tham dự có các đồng chí …". These are
//! found and *marked*, never removed (offsets stay into the normalized text):
//!
//! - a **credit** opens with a cue and a colon (`data/lexicons/credit_cues.txt`:
//!   "Ảnh:", "Video:", "Nguồn:", "(ảnh: …)", "- Ảnh: …") and runs over the
//!   names, agencies and sites after it ("Minh Hà/TTXVN", "VGP / Lê Sơn",
//!   "TỰ TRUNG", "chinhphu.vn"). It ends at a closing bracket, a sentence
//!   end, or where the next sentence starts: a lower-case word ends it, and
//!   the capitalised syllable right before that word opens the next
//!   sentence ("Ảnh: VGP/Nhật Bắc Tham dự có …" ends after "Bắc"); an
//!   all-capitals agency followed by a capitalised word ends it too
//!   ("Ảnh: TTXVN Báo …"). [`super::sentences`] splits after a credit, so
//!   a credit never swallows the next sentence;
//! - a **caption** is what the credit describes: the text of its sentence
//!   before a credit inside it ("X phát biểu tại hội nghị - Ảnh: …"), else
//!   the short sentence right before a credit that opens a sentence, or a
//!   sentence opened by "Trong ảnh:";
//! - a **byline** is the report's signature: the last sentence when it is a
//!   short run of capitalised names ("Vân Anh", "Hoàng Thị Hoa (TTXVN)",
//!   "Theo Quốc Thanh (NNVN)", "PV"), a line of the same shape opened by
//!   "Theo", or a byline cue ("Bài và ảnh: …").

use crate::model::SegmentKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

struct Cues {
    /// Cue + colon; group 1 is the cue.
    re: Regex,
    kinds: Vec<(String, SegmentKind)>,
    /// The most non-whitespace chars in a cue: a match holds no more than
    /// this plus its colon (see [`cue_matches`]).
    max_chars: usize,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut kinds = Vec::new();
    for e in crate::extract::lexicon::parse(include_str!("../../data/lexicons/credit_cues.txt")) {
        let kind = match e.get(1).map(String::as_str) {
            Some("credit") => SegmentKind::Credit,
            Some("byline") => SegmentKind::Byline,
            Some("caption") => SegmentKind::Caption,
            _ => continue,
        };
        kinds.push((e[0].to_lowercase(), kind));
    }
    let mut alts: Vec<&str> = kinds.iter().map(|(c, _)| c.as_str()).collect();
    alts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alt = alts
        .iter()
        .map(|s| regex::escape(s).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    let max_chars = kinds
        .iter()
        .map(|(c, _)| c.chars().filter(|c| !c.is_whitespace()).count())
        .max()
        .unwrap_or(0);
    Cues {
        re: Regex::new(&format!(r"(?i)({alt})[ \t]*:")).expect("credit cue regex"),
        kinds,
        max_chars,
    }
});

fn cue_kind(cue: &str) -> Option<SegmentKind> {
    let c = cue.to_lowercase();
    let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
    CUES.kinds.iter().find(|(k, _)| *k == c).map(|(_, k)| *k)
}

/// One credit, byline or caption cue found in the text.
#[derive(Debug, Clone)]
pub(super) struct Credit {
    pub kind: SegmentKind,
    /// Where the cue starts (an opening bracket before it included).
    pub start: usize,
    /// Where the credit's names end (a closing bracket included).
    pub end: usize,
}

fn is_upper_start(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_all_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && s.chars().all(|c| !c.is_lowercase())
}

/// The matches of the cue regex in `text` as `captures_iter` gives them
/// (whole match, cue), without running the regex over all of the text:
/// a match ends at a colon and holds no other (cues have none), so the
/// match ending at a colon starts after the colon before it, and within
/// [`Cues::max_chars`] non-whitespace chars of it (case folding maps one
/// char to one, and only whitespace is repeated). The regex runs on that
/// window before each colon.
fn cue_matches(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let cues = &*CUES;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut seg = 0;
    while let Some(c) = b[seg..].iter().position(|&x| x == b':').map(|k| seg + k) {
        let mut lo = c;
        let mut chars = 0;
        for (k, ch) in text[seg..c].char_indices().rev() {
            if !ch.is_whitespace() {
                chars += 1;
                if chars > cues.max_chars {
                    break;
                }
            }
            lo = seg + k;
        }
        if let Some(m) = cues.re.captures(&text[lo..=c])
            && let (Some(all), Some(cue)) = (m.get(0), m.get(1))
        {
            out.push((
                lo + all.start()..lo + all.end(),
                lo + cue.start()..lo + cue.end(),
            ));
        }
        seg = c + 1;
    }
    out
}

/// Credits in `text`, in order, non-overlapping.
pub(super) fn credits(text: &str) -> Vec<Credit> {
    let mut out: Vec<Credit> = Vec::new();
    for (all, cue) in cue_matches(text) {
        if out.last().is_some_and(|l| all.start < l.end) {
            continue;
        }
        let Some(kind) = cue_kind(&text[cue.clone()]) else {
            continue;
        };
        let before = &text[..cue.start];
        // the cue starts a word
        if before
            .chars()
            .next_back()
            .is_some_and(crate::segment::is_word_char)
        {
            continue;
        }
        let prev = before.trim_end_matches([' ', '\t']);
        let opener = prev.ends_with(['(', '[']);
        let after_punct = prev.is_empty()
            || prev.ends_with(['\n', '\r', '.', '!', '?', '…', '-', '–', '"', '”', ')', ']'])
            || opener;
        if !after_punct && !is_upper_start(&text[cue.clone()]) {
            continue;
        }
        let start = if opener { prev.len() - 1 } else { cue.start };
        if kind == SegmentKind::Caption {
            // "Trong ảnh: …": the caption runs to the end of its sentence.
            out.push(Credit {
                kind,
                start,
                end: all.end,
            });
            continue;
        }
        if let Some(end) = names_end(text, all.end, opener) {
            out.push(Credit { kind, start, end });
        }
    }
    out
}

/// The end of the names after a credit cue at `pos`, or None when none
/// follows.
fn names_end(text: &str, pos: usize, opener: bool) -> Option<usize> {
    // tokens on the rest of the line: (start, end)
    // (a credit is short: look no further than 400 bytes)
    let window = crate::extract::floor_boundary(text, (pos + 400).min(text.len()));
    let line_end = text[pos..window]
        .find(['\n', '\r'])
        .map_or(window, |i| pos + i);
    let mut toks: Vec<Range<usize>> = Vec::new();
    let mut i = pos;
    let rest = &text[..line_end];
    while i < line_end && toks.len() < 14 {
        let s = i + (rest[i..].len() - rest[i..].trim_start().len());
        if s >= line_end {
            break;
        }
        let e = rest[s..]
            .find(char::is_whitespace)
            .map_or(line_end, |k| s + k);
        toks.push(s..e);
        i = e;
    }
    if opener {
        // "(Ảnh: …)", "(Nguồn: FB Thanh Le)": up to the closing bracket
        let close = text[pos..line_end].find([')', ']'])?;
        let inner = text[pos..pos + close].trim();
        return (!inner.is_empty() && inner.len() <= 80).then_some(pos + close + 1);
    }
    let mut end: Option<usize> = None;
    // syllables of the current name since the last separator
    let mut run: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let r = toks[k].clone();
        let tok = &text[r.clone()];
        if matches!(tok, "/" | "-" | "–" | "&" | "|" | "và") {
            end?;
            run.clear();
            k += 1;
            continue;
        }
        if end.is_some() && tok.starts_with(['"', '“', '‘', '\'']) {
            // an opening quote starts the next sentence
            break;
        }
        let core = tok.trim_end_matches(['.', ',', ';', ')', ']', '"', '”', ':']);
        let core_start = core.trim_start_matches(['(', '"', '“']);
        let name_like = core_start
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !name_like {
            // A lower-case word: the capitalised syllable before it opens
            // the next sentence, unless it is the name's only one.
            // (at the end of the line the name simply goes on: "Báo
            // Chính phủ")
            if run.len() == 1
                && k == 1
                && !is_all_caps(&text[toks[0].clone()])
                && core_start.chars().next().is_some_and(char::is_lowercase)
            {
                // "Ảnh: Một góc phố", "Clip: Đã thành …": prose, no names
                return None;
            }
            if run.len() >= 2
                && k + 1 < toks.len()
                && core_start.chars().next().is_some_and(char::is_lowercase)
            {
                end = Some(toks[k - 2].end);
            } else if end.is_some()
                && k + 1 == toks.len()
                && (line_end < window || window == text.len())
            {
                // the line's last word: "Báo Chính phủ"
                end = Some(r.start + core.len());
            }
            break;
        }
        // "Minh Hà/TTXVN", "VGP/Nhật": the part after the last slash
        // starts a new name.
        if tok.contains('/') {
            run.clear();
        }
        run.push(k);
        end = Some(r.end);
        let trail = &tok[core.len()..];
        if trail.contains([')', ']']) {
            if opener {
                return end;
            }
            end = Some(r.start + core.len());
            break;
        }
        if trail.contains(['.', ',', ';', ':']) {
            // An initial ("V.", "Q.") goes on; any other period ends.
            let initial = trail.starts_with('.')
                && core
                    .rsplit('.')
                    .next()
                    .is_some_and(|l| l.chars().count() <= 2)
                && toks
                    .get(k + 1)
                    .is_some_and(|n| is_upper_start(&text[n.clone()]));
            if !initial {
                if !trail.starts_with('.') {
                    end = Some(r.start + core.len());
                }
                break;
            }
        }
        if is_all_caps(core)
            && let Some(n) = toks.get(k + 1)
        {
            let next = &text[n.clone()];
            if is_upper_start(next) && next.chars().any(char::is_lowercase) {
                break;
            }
        }
        if run.len() > 4 {
            break;
        }
        k += 1;
    }
    end
}

/// Split `sentences` after every credit that ends inside one, so that the
/// text after a credit is a sentence of its own.
pub(super) fn split_after_credits(text: &str, sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let credits = credits(text);
    if credits.is_empty() {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len() + credits.len());
    let mut ci = 0;
    for s in sentences {
        let mut start = s.start;
        while ci < credits.len() && credits[ci].end <= s.end {
            let c = &credits[ci];
            ci += 1;
            if c.end <= start || c.kind == SegmentKind::Caption {
                continue;
            }
            let rest = &text[c.end..s.end];
            let next = c.end + (rest.len() - rest.trim_start().len());
            if next < s.end && c.end > start {
                out.push(start..c.end);
                start = next;
            }
        }
        out.push(start..s.end);
    }
    out
}

/// A short run of capitalised names, as a signature is written:
/// "Vân Anh", "THIỆN VĂN", "Hoàng Thị Hoa (TTXVN)", "Theo Quốc Thanh
/// (NNVN)", "Huy Thịnh - Ngô Tùng", "PV".
fn is_signature(s: &str) -> bool {
    let s = s.trim().trim_end_matches(['.', ' ']);
    if s.is_empty() || s.len() > 80 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // drop bracketed groups: "(TTXVN)", "(tổng hợp)"
    let mut plain = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let names = words
        .iter()
        .filter(|w| !matches!(**w, "-" | "–" | "/" | "và" | "Theo"))
        .count();
    (1..=7).contains(&names)
        && !plain.contains([',', ';', ':', '!', '?', '"', '“', '”'])
        && words.iter().all(|w| {
            matches!(*w, "-" | "–" | "/" | "và") || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Marked segments of `text` whose sentences are `sentences` (as
/// [`super::sentences`] gives them), in text order.
pub fn segments(text: &str, sentences: &[Range<usize>]) -> Vec<(SegmentKind, Range<usize>)> {
    let mut out: Vec<(SegmentKind, Range<usize>)> = Vec::new();
    let sentence_of = |pos: usize| sentences.partition_point(|s| s.end <= pos);
    for c in credits(text) {
        let si = sentence_of(c.start);
        let Some(sent) = sentences.get(si) else {
            continue;
        };
        if c.kind == SegmentKind::Caption {
            out.push((SegmentKind::Caption, c.start..sent.end.max(c.end)));
            continue;
        }
        // The caption the credit describes.
        let head = text[sent.start..c.start].trim_end_matches([' ', '-', '–', '(', '[']);
        if !head.trim().is_empty() {
            if c.kind == SegmentKind::Credit {
                out.push((SegmentKind::Caption, sent.start..sent.start + head.len()));
            }
        } else if c.kind == SegmentKind::Credit && si > 0 {
            let prev = sentences[si - 1].clone();
            let gap = &text[prev.end..sent.start];
            let words = text[prev.clone()].split_whitespace().count();
            if gap.matches('\n').count() <= 1
                && words <= 40
                && out.last().is_none_or(|(_, r)| r.end <= prev.start)
            {
                out.push((SegmentKind::Caption, prev));
            }
        }
        out.push((c.kind, c.start..c.end));
    }
    out.sort_by_key(|(_, r)| (r.start, r.end));
    // Signatures: the last sentence, and whole lines opened by "Theo".
    let mut bylines = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let last = i + 1 == sentences.len();
        let whole_line = text[..s.start].ends_with(['\n', '\r']) || s.start == 0;
        let line_end = text[s.end..].starts_with(['\n', '\r']) || s.end == text.len();
        let t = &text[s.clone()];
        let theo = t.starts_with("Theo ") && whole_line && line_end;
        if !(last && i > 0 || theo) || !is_signature(t) {
            continue;
        }
        // no marked segment overlaps it
        let k = out.partition_point(|(_, r)| r.start < s.end);
        let overlaps = out[..k].iter().rev().take(4).any(|(_, r)| r.end > s.start);
        if !overlaps {
            bylines.push((SegmentKind::Byline, s.clone()));
        }
    }
    out.extend(bylines);
    out.sort_by_key(|(_, r)| (r.start, r.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windowed_cue_matches_equal_whole_text_regex() {
        let texts = [
            "Quang cảnh. Ảnh: Minh Hà/TTXVN Tham dự",
            "Giờ 10:30: ẢNH   :x (ảnh: VGP) Bài và ảnh: Lan Anh; tin,\n ảnh:: Nhóm phóng viên:",
            "Bài\t\t:a Trong ảnh: b : c ảnh minh họa: d trong   ảnh :",
            ":::Video:Clip :Nguồn ảnh:",
        ];
        for t in texts {
            let whole: Vec<_> = CUES
                .re
                .captures_iter(t)
                .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
                .collect();
            assert!(!whole.is_empty());
            assert_eq!(cue_matches(t), whole, "{t:?}");
        }
    }
}
