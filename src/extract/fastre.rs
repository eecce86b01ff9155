//! A drop-in wrapper around [`regex::Regex`] that is fast on Vietnamese text
//! for patterns using Unicode word boundaries (`\b`).
//!
//! The regex crate's lazy DFA gives up on Unicode `\b` as soon as it sees a
//! non-ASCII byte, so such a pattern runs the (slow) PikeVM over the whole
//! haystack. [`FastRegex`] instead searches with a copy of the pattern that
//! has every `\b` removed (a prefilter: any match of the full pattern is also
//! a match of the stripped one, with the same span), and at each candidate
//! start verifies the full pattern with an *anchored* search, which only
//! looks at the candidate's own bytes. The matches and captures are exactly
//! those of the full pattern (same leftmost-first semantics): the leftmost
//! start of the full pattern is always a start of the prefilter, and an
//! anchored search at the leftmost start picks the same match.

use regex::Regex;
use regex_automata::{Anchored, Input, meta};
use std::ops::Deref;
use std::sync::Arc;

/// A match: the same accessors as [`regex::Match`].
#[derive(Clone, Copy, Debug)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// The match over `range` of `haystack`.
    pub fn new(haystack: &'h str, range: std::ops::Range<usize>) -> Match<'h> {
        Match {
            haystack,
            start: range.start,
            end: range.end,
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Capture groups: the same accessors as [`regex::Captures`].
#[derive(Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    names: Arc<[(String, usize)]>,
    groups: Vec<Option<(usize, usize)>>,
}

impl<'h> Captures<'h> {
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.groups
            .get(i)
            .copied()
            .flatten()
            .map(|(start, end)| Match {
                haystack: self.haystack,
                start,
                end,
            })
    }
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let i = self.names.iter().find(|(n, _)| n == name)?.1;
        self.get(i)
    }
    pub fn len(&self) -> usize {
        self.groups.len()
    }
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = Option<Match<'h>>> + '_ {
        (0..self.groups.len()).map(|i| self.get(i))
    }
}

impl std::ops::Index<&str> for Captures<'_> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("no group named '{name}'"))
            .as_str()
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        let (s, e) = self.groups[i].unwrap_or_else(|| panic!("no group at index '{i}'"));
        &self.haystack[s..e]
    }
}

pub struct FastRegex {
    pattern: String,
    /// The regex crate's compiled pattern; built on first use when `fast`
    /// is set (only `Deref` needs it then).
    full: std::sync::OnceLock<Regex>,
    names: Arc<[(String, usize)]>,
    /// Prefilter and anchored verifier, when the pattern has `\b`.
    fast: Option<(Prefilter, meta::Regex)>,
}

/// The `\b`-free copy of a pattern, compiled on first search: a regex only
/// ever verified anchored (`captures_anchored`) never compiles it.
struct Prefilter {
    pattern: String,
    re: std::sync::OnceLock<Regex>,
}

impl Prefilter {
    fn get(&self) -> &Regex {
        self.re
            .get_or_init(|| Regex::new(&self.pattern).expect("checked with the full pattern"))
    }
}

/// `pattern` with every `\b` assertion removed (escaped backslashes kept).
fn strip_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => {}
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn next_char(haystack: &str, i: usize) -> usize {
    i + haystack[i..].chars().next().map_or(1, char::len_utf8)
}

impl FastRegex {
    pub fn new(pattern: &str) -> Result<FastRegex, regex::Error> {
        let full = std::sync::OnceLock::new();
        let stripped = strip_word_boundaries(pattern);
        let fast = if stripped != pattern {
            // removing `\b` leaves a valid pattern; check it all the same
            regex_syntax::Parser::new()
                .parse(&stripped)
                .map_err(|e| regex::Error::Syntax(e.to_string()))?;
            let pre = Prefilter {
                pattern: stripped,
                re: std::sync::OnceLock::new(),
            };
            // No bounded backtracker: it clears a visited set as long as the
            // rest of the haystack on every call.
            let verify = meta::Builder::new()
                .configure(meta::Config::new().backtrack(false))
                .build(pattern)
                .map_err(|e| regex::Error::Syntax(e.to_string()))?;
            Some((pre, verify))
        } else {
            None
        };
        if fast.is_none() {
            let _ = full.set(Regex::new(pattern)?);
        }
        let names = match &fast {
            Some((_, verify)) => verify
                .group_info()
                .pattern_names(regex_automata::PatternID::ZERO)
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect(),
            None => full
                .get()
                .expect("set above")
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect(),
        };
        Ok(FastRegex {
            pattern: pattern.to_string(),
            full,
            names,
            fast,
        })
    }

    /// Groups of the leftmost match at or after `pos` (only group 0 unless
    /// `captures`).
    fn search(
        &self,
        haystack: &str,
        mut pos: usize,
        captures: bool,
    ) -> Option<Vec<Option<(usize, usize)>>> {
        let Some((pre, verify)) = self.fast.as_ref() else {
            if captures {
                let c = self.deref().captures_at(haystack, pos)?;
                return Some(c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect());
            }
            let m = self.deref().find_at(haystack, pos)?;
            return Some(vec![Some((m.start(), m.end()))]);
        };
        while pos <= haystack.len() {
            let c = pre.get().find_at(haystack, pos)?.start();
            if let Some(groups) = Self::verify_at(verify, haystack, c, captures) {
                return Some(groups);
            }
            pos = next_char(haystack, c);
        }
        None
    }

    /// Groups of the full pattern's match starting exactly at `at`, if any.
    fn verify_at(
        verify: &meta::Regex,
        haystack: &str,
        at: usize,
        captures: bool,
    ) -> Option<Vec<Option<(usize, usize)>>> {
        let input = Input::new(haystack).range(at..).anchored(Anchored::Yes);
        if captures {
            let mut caps = verify.create_captures();
            verify.search_captures(&input, &mut caps);
            caps.is_match().then(|| {
                (0..caps.group_len())
                    .map(|i| caps.get_group(i).map(|s| (s.start, s.end)))
                    .collect()
            })
        } else {
            let m = verify.search(&input)?;
            Some(vec![Some((m.start(), m.end()))])
        }
    }

    /// The captures of the match starting exactly at `at` (an anchored
    /// search), for callers that found the candidate starts themselves.
    pub fn captures_anchored<'h>(&self, haystack: &'h str, at: usize) -> Option<Captures<'h>> {
        let groups = match &self.fast {
            Some((_, verify)) => Self::verify_at(verify, haystack, at, true)?,
            // the leftmost match from `at` is the anchored one when it starts there
            None => {
                let c = self.deref().captures_at(haystack, at)?;
                if c.get(0)?.start() != at {
                    return None;
                }
                c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect()
            }
        };
        Some(Captures {
            haystack,
            names: self.names.clone(),
            groups,
        })
    }

    /// Whether the pattern matches starting exactly at `at`.
    pub fn is_match_anchored(&self, haystack: &str, at: usize) -> bool {
        self.find_anchored(haystack, at).is_some()
    }

    /// The match starting exactly at `at` (an anchored search).
    pub fn find_anchored<'h>(&self, haystack: &'h str, at: usize) -> Option<Match<'h>> {
        let (start, end) = match &self.fast {
            Some((_, verify)) => Self::verify_at(verify, haystack, at, false)?[0]?,
            None => {
                let m = self.deref().find_at(haystack, at)?;
                (m.start() == at).then_some((m.start(), m.end()))?
            }
        };
        Some(Match {
            haystack,
            start,
            end,
        })
    }

    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let g = self.search(haystack, start, false)?;
        let (start, end) = g[0]?;
        Some(Match {
            haystack,
            start,
            end,
        })
    }

    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let groups = self.search(haystack, start, true)?;
        Some(Captures {
            haystack,
            names: self.names.clone(),
            groups,
        })
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        match &self.fast {
            None => self.deref().is_match(haystack),
            Some(_) => self.search(haystack, 0, false).is_some(),
        }
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut pos = 0;
        let mut last_end: Option<usize> = None;
        std::iter::from_fn(move || {
            loop {
                if pos > haystack.len() {
                    return None;
                }
                let m = self.find_at(haystack, pos)?;
                if m.is_empty() && last_end == Some(m.end()) {
                    pos = next_char(haystack, m.end());
                    continue;
                }
                pos = m.end();
                last_end = Some(m.end());
                return Some(m);
            }
        })
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut pos = 0;
        let mut last_end: Option<usize> = None;
        std::iter::from_fn(move || {
            loop {
                if pos > haystack.len() {
                    return None;
                }
                let c = self.captures_at(haystack, pos)?;
                let m = c.get(0).expect("group 0");
                if m.is_empty() && last_end == Some(m.end()) {
                    pos = next_char(haystack, m.end());
                    continue;
                }
                pos = m.end();
                last_end = Some(m.end());
                return Some(c);
            }
        })
    }
}

impl Deref for FastRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.full
            .get_or_init(|| Regex::new(&self.pattern).expect("checked by the verifier"))
    }
}

/// A [`FastRegex`] compiled on first use: for a pattern only some texts
/// need (a fallback, a rare rule), so that a run whose texts never need it
/// never pays for compiling it.
pub struct LazyRegex {
    pattern: String,
    re: std::sync::OnceLock<FastRegex>,
}

impl LazyRegex {
    /// Checks the pattern's syntax now (cheap), compiles it later.
    pub fn new(pattern: &str) -> Result<LazyRegex, regex::Error> {
        regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        Ok(LazyRegex {
            pattern: pattern.to_string(),
            re: std::sync::OnceLock::new(),
        })
    }
}

impl Deref for LazyRegex {
    type Target = FastRegex;
    fn deref(&self) -> &FastRegex {
        self.re
            .get_or_init(|| FastRegex::new(&self.pattern).expect("syntax checked"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(pattern: &str, text: &str) {
        let a = Regex::new(pattern).unwrap();
        let b = FastRegex::new(pattern).unwrap();
        let x: Vec<_> = a.find_iter(text).map(|m| m.range()).collect();
        let y: Vec<_> = b.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(x, y, "{pattern} on {text}");
        let x: Vec<_> = a
            .captures_iter(text)
            .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
            .collect();
        let y: Vec<_> = b
            .captures_iter(text)
            .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
            .collect();
        assert_eq!(x, y, "{pattern} on {text}");
        assert_eq!(a.is_match(text), b.is_match(text));
    }

    #[test]
    fn named_groups() {
        let r = FastRegex::new(r"(?i)\btrong\s+(?P<n>\d+)\s+(?P<unit>ngày|tháng)\b").unwrap();
        let c = r.captures("Hoàn thành trong 30 ngày kể từ").unwrap();
        assert_eq!((&c["n"], &c["unit"]), ("30", "ngày"));
        assert_eq!(c.name("n").unwrap().range(), 19..21);
        assert!(r.captures("trong 30 ngàyx").is_none());
    }

    #[test]
    fn anchored_captures_start_where_asked() {
        let text = "họp x có: A; dự họp có B, dự có";
        for p in [
            r"(?i)\b(dự|họp)\b([^.;]*?)\s(có)\b",
            r"(?i)(dự|họp)([^.;]*?)\s(có)",
        ] {
            let r = FastRegex::new(p).unwrap();
            let full = Regex::new(p).unwrap();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = full
                    .captures_at(text, at)
                    .filter(|c| c.get(0).unwrap().start() == at)
                    .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>());
                let got = r
                    .captures_anchored(text, at)
                    .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>());
                assert_eq!(got, want, "{p} at {at}");
                let got = r.find_anchored(text, at).map(|m| m.range());
                let want = want.as_ref().map(|g| g[0].clone().unwrap());
                assert_eq!(got, want, "{p} at {at}");
                assert_eq!(r.is_match_anchored(text, at), want.is_some());
            }
        }
    }

    #[test]
    fn lazy_regex_is_the_regex_and_checks_syntax() {
        let p = r"(?i)\b(dự|họp)\b";
        let text = "Dự họp, dựx";
        let a: Vec<_> = FastRegex::new(p)
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        let b: Vec<_> = LazyRegex::new(p)
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
        assert!(LazyRegex::new(r"(?i)\b(dự").is_err());
        assert!(FastRegex::new(r"\b(dự").is_err());
    }

    #[test]
    fn strips_only_word_boundaries() {
        assert_eq!(strip_word_boundaries(r"\bx\\b\d\b"), r"x\\b\d");
    }

    #[test]
    fn agrees_with_regex() {
        let text = "Hội nghị hội nghịx, ngày 9/3/2021 và 19/3; Đại hội Đảng bộ tỉnh. Hội thảo quý IV/2021 tháng 3";
        for p in [
            r"(?i)\b(?:hội nghị|hội|đại hội|hội thảo)\b",
            r"(?i)\b(?:hội nghị|hội)",
            r"\b(\d{1,2})([/.-])(\d{1,2})\b",
            r"\b(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})\b",
            r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:/|-|năm)\s*(\d{4})\b)?",
            r"(?i)\btháng\s*$",
            r"(?i)(ngh)?\b",
            r"\b",
        ] {
            same(p, text);
            same(p, "");
            same(p, "tháng");
        }
    }
}
