//! Snippets: the passage of a report shown with a hit, with the searched
//! syllables marked.
//!
//! Why not tantivy's `SnippetGenerator`: it runs the folded analyzer over
//! the whole body of every hit, allocating a lower-cased and a folded
//! `String` per syllable, which was most of the time of a search. Here each
//! syllable is compared with the searched keys without allocating
//! ([`search_key_eq`]), and the scan stops at the first passage that holds
//! every searched syllable.

use crate::normalize::search_key_eq;
use crate::segment::syllable_iter;

/// Searched syllables (folded, as the `vn_folded` analyzer makes them) and
/// their weights (rarer syllables weigh more).
#[derive(Debug, Clone, Default)]
pub struct Snippets {
    terms: Vec<(String, f32)>,
}

/// A passage and the byte ranges, inside it, of the matched syllables.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// Characters of context kept before the first match.
const LEAD_CHARS: usize = 40;

/// The best window of matches found so far: weight of the distinct terms
/// it holds, then its number of matches.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Score(f32, usize);

impl Snippets {
    pub fn new(terms: Vec<(String, f32)>) -> Snippets {
        Snippets { terms }
    }

    /// The index of the searched term `syllable` folds to, if any.
    fn term_of(&self, syllable: &str) -> Option<usize> {
        self.terms.iter().position(|(t, _)| {
            // A folded key is never longer than the syllable it comes from.
            t.len() <= syllable.len() && search_key_eq(syllable, t)
        })
    }

    /// The passage of at most about `max_chars` characters of `body` with
    /// the most (and the rarest) distinct searched syllables, the first one
    /// when several tie; `None` when no searched syllable occurs.
    pub fn snippet(&self, body: &str, max_chars: usize) -> Option<Snippet> {
        if self.terms.is_empty() {
            return None;
        }
        // Matches in the current window, and how often each term is in it.
        let mut window: std::collections::VecDeque<(usize, usize, usize)> = Default::default();
        let mut in_window = vec![0usize; self.terms.len()];
        let mut best: Option<(Score, usize, usize)> = None;
        let mut best_matches: Vec<(usize, usize)> = Vec::new();
        for tok in syllable_iter(body) {
            let Some(t) = self.term_of(&body[tok.start..tok.end]) else {
                continue;
            };
            window.push_back((tok.start, tok.end, t));
            in_window[t] += 1;
            // Keep the window's matches within `max_chars` bytes (≤ chars).
            while let Some(&(s, _, ft)) = window.front() {
                if tok.end - s <= max_chars {
                    break;
                }
                window.pop_front();
                in_window[ft] -= 1;
            }
            let distinct: f32 = in_window
                .iter()
                .zip(&self.terms)
                .filter(|(n, _)| **n > 0)
                .map(|(_, (_, w))| *w)
                .sum();
            let score = Score(distinct, window.len());
            if best.is_none_or(|(b, _, _)| score > b) {
                let first = window.front().map_or(tok.start, |m| m.0);
                best = Some((score, first, tok.end));
                best_matches = window.iter().map(|&(s, e, _)| (s, e)).collect();
            }
            if in_window.iter().all(|&n| n > 0) {
                break;
            }
        }
        let (_, first, last) = best?;
        let start = lead_start(body, first);
        let end = passage_end(body, start, last, max_chars);
        Some(Snippet {
            text: body[start..end].to_string(),
            highlights: best_matches
                .into_iter()
                .map(|(s, e)| (s - start, e - start))
                .collect(),
        })
    }
}

/// Where the passage starts: up to [`LEAD_CHARS`] characters before the
/// first match, at the start of a word (or of the body).
fn lead_start(body: &str, first: usize) -> usize {
    let back = body[..first]
        .char_indices()
        .rev()
        .nth(LEAD_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if back == 0 {
        return 0;
    }
    match body[back..first].find(char::is_whitespace) {
        Some(ws) => first - body[back + ws..first].trim_start().len(),
        None => first,
    }
}

/// Where the passage ends: `max_chars` characters after `start` (never
/// before `last`, the end of the last match), cut back to a word's end.
fn passage_end(body: &str, start: usize, last: usize, max_chars: usize) -> usize {
    let limit = body[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(body.len(), |(i, _)| start + i);
    if limit <= last {
        return last;
    }
    if limit == body.len() {
        return limit;
    }
    match body[last..limit].rfind(char::is_whitespace) {
        Some(ws) => last + body[last..last + ws].trim_end().len(),
        None => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()
    }

    #[test]
    fn marks_folded_matches_with_their_diacritics() {
        let sn = Snippets::new(vec![("chuyen".into(), 1.0), ("doi".into(), 1.0)]);
        let s = sn
            .snippet("Tỉnh đẩy mạnh chuyển đổi số trong năm nay.", 240)
            .unwrap();
        assert_eq!(s.text, "Tỉnh đẩy mạnh chuyển đổi số trong năm nay.");
        assert_eq!(marked(&s), ["chuyển", "đổi"]);
    }

    #[test]
    fn prefers_the_passage_with_every_term() {
        let filler = "Công việc thường xuyên được duy trì. ".repeat(20);
        let body = format!("Về thiên nhiên. {filler} Phòng chống thiên tai kịp thời. {filler}");
        let sn = Snippets::new(vec![("thien".into(), 1.0), ("tai".into(), 1.0)]);
        let s = sn.snippet(&body, 120).unwrap();
        assert!(s.text.contains("Phòng chống thiên tai"), "{}", s.text);
        assert_eq!(marked(&s), ["thiên", "tai"]);
        assert!(s.text.chars().count() <= 120 + LEAD_CHARS);
        // Starts at a word, ends at a word.
        assert!(!s.text.starts_with(char::is_whitespace));
        assert!(!s.text.ends_with(char::is_whitespace));
    }

    #[test]
    fn rarer_terms_win() {
        let body = "Họp bàn về kế hoạch. Nhiều nội dung khác nữa được nêu ra tại đây rồi. \
                    Kế hoạch thanh tra được duyệt.";
        let sn = Snippets::new(vec![("ke".into(), 0.1), ("thanh".into(), 1.0)]);
        let s = sn.snippet(body, 20).unwrap();
        assert!(marked(&s).contains(&"thanh"), "{:?}", s);
    }

    #[test]
    fn nothing_searched_or_found() {
        assert_eq!(Snippets::default().snippet("Một câu.", 240), None);
        let sn = Snippets::new(vec![("xyz".into(), 1.0)]);
        assert_eq!(sn.snippet("Một câu.", 240), None);
    }
}
