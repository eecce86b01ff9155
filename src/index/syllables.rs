//! Syllable statistics of the indexed text, kept beside the index
//! ([`SYLLABLES_FILE`]) so that a query typed without diacritics can be read
//! in context: "quyet dinh bo nhiem" is most likely "quyết định bổ nhiệm"
//! because the archive says so (see [`crate::search::restore`]).
//!
//! What is counted: lower-cased syllables made of letters only (at most
//! [`MAX_SYLLABLE_CHARS`] characters; numbers and longer words break the
//! chain) and every pair of such syllables standing next to each other in a
//! title or body. Titles count [`TITLE_WEIGHT`] times, as queries are mostly
//! remembered from titles.
//!
//! The counts grow with each indexing run (new and replaced reports are
//! added; a replaced report's old counts are not taken out, nor are the
//! counts of a run interrupted before it closed): they are statistics, not
//! an inventory, and a few stale counts do not change which reading wins.
//! Memory is bounded: when more than [`MAX_PAIRS`] pairs are held, the
//! rarest are dropped (the floor rises), as in lossy counting.

use anyhow::{Context, bail};
use rustc_hash::FxHashMap;
use std::path::Path;
use tantivy::Directory;

/// File beside tantivy's, holding the counts.
pub const SYLLABLES_FILE: &str = "vntext-syllables.bin";

const MAGIC: &[u8; 8] = b"VNSYL\x00\x00\x01";

/// Longest syllable counted, in characters ("nghiêng" has 7).
pub const MAX_SYLLABLE_CHARS: usize = 7;

/// How many times a title's syllables count.
pub const TITLE_WEIGHT: u32 = 2;

/// Most pairs held while counting (about 16 bytes each).
const MAX_PAIRS: usize = 6_000_000;

/// Pairs seen fewer times than this are not written.
const MIN_SAVED_PAIR: u32 = 2;

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Whether a lower-cased syllable is counted.
fn countable(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= MAX_SYLLABLE_CHARS && s.chars().all(char::is_alphabetic)
}

/// Counts syllables and syllable pairs while indexing.
#[derive(Default)]
pub struct Counter {
    /// Lower-cased form → id.
    ids: FxHashMap<Box<str>, u32>,
    /// Counted syllable as written (any case) → the id of its lower-cased
    /// form: a syllable met again costs one lookup, not a lower-casing, a
    /// character test and a second lookup. Holds counted syllables only
    /// (letters, at most [`MAX_SYLLABLE_CHARS`]), so it grows with the
    /// vocabulary as `ids` does, never with numbers.
    written: FxHashMap<Box<str>, u32>,
    forms: Vec<Box<str>>,
    unigrams: Vec<u64>,
    pairs: FxHashMap<u64, u32>,
    buf: String,
}

impl Counter {
    pub fn new() -> Counter {
        Counter::default()
    }

    /// The counts saved in `dir`, or none when there are none (or they
    /// cannot be read: they are rebuilt from what is indexed next).
    pub fn load_or_new(dir: &Path) -> Counter {
        let mut c = Counter::new();
        if let Ok(bytes) = std::fs::read(dir.join(SYLLABLES_FILE))
            && let Ok(s) = Syllables::parse(&bytes)
        {
            for (id, form) in s.forms.iter().enumerate() {
                let new = c.id(form);
                c.unigrams[new as usize] += s.unigrams[id];
            }
            for (k, n) in s.pair_keys.iter().zip(&s.pair_counts) {
                let (a, b) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
                if let (Some(fa), Some(fb)) = (s.forms.get(a), s.forms.get(b)) {
                    let key = pair_key(c.id(fa), c.id(fb));
                    *c.pairs.entry(key).or_default() += n;
                }
            }
        }
        c
    }

    fn id(&mut self, form: &str) -> u32 {
        if let Some(&id) = self.ids.get(form) {
            return id;
        }
        let id = self.forms.len() as u32;
        self.forms.push(form.into());
        self.ids.insert(form.into(), id);
        self.unigrams.push(0);
        id
    }

    /// The id of the syllable `word` (as written), `None` when it is not
    /// counted.
    fn written_id(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.written.get(word) {
            return Some(id);
        }
        // A number is never counted (and would fill `written`).
        if word.as_bytes().first().is_none_or(u8::is_ascii_digit) {
            return None;
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        crate::normalize::push_lowercase(word, &mut buf);
        let id = countable(&buf).then(|| self.id(&buf));
        self.buf = buf;
        if let Some(id) = id {
            self.written.insert(word.into(), id);
        }
        id
    }

    /// Count the syllables of `text` (normalized), `weight` times.
    pub fn add(&mut self, text: &str, weight: u32) {
        let mut prev: Option<u32> = None;
        for t in crate::segment::syllable_iter(text) {
            let cur = self.written_id(&text[t.start..t.end]);
            if let Some(b) = cur {
                self.unigrams[b as usize] += u64::from(weight);
                if let Some(a) = prev {
                    *self.pairs.entry(pair_key(a, b)).or_default() += weight;
                }
            }
            prev = cur;
        }
        if self.pairs.len() > MAX_PAIRS {
            self.prune();
        }
    }

    /// Drop the rarest pairs until at most three quarters of
    /// [`MAX_PAIRS`] remain.
    fn prune(&mut self) {
        let mut floor = 1;
        while self.pairs.len() > MAX_PAIRS / 4 * 3 {
            self.pairs.retain(|_, n| *n > floor);
            floor += 1;
        }
    }

    /// Write the counts into `dir` (through a temporary file).
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let mut out = Vec::with_capacity(16 + self.forms.len() * 16 + self.pairs.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.forms.len() as u32).to_le_bytes());
        for (form, n) in self.forms.iter().zip(&self.unigrams) {
            out.push(form.len() as u8);
            out.extend_from_slice(form.as_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
        let mut pairs: Vec<(u64, u32)> = self
            .pairs
            .iter()
            .filter(|(_, n)| **n >= MIN_SAVED_PAIR)
            .map(|(k, n)| (*k, *n))
            .collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (k, _) in &pairs {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, n) in &pairs {
            out.extend_from_slice(&n.to_le_bytes());
        }
        let tmp = dir.join(format!("{SYLLABLES_FILE}.tmp"));
        let path = dir.join(SYLLABLES_FILE);
        std::fs::write(&tmp, &out).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    }
}

/// The saved counts, ready for lookups.
#[derive(Debug, Default)]
pub struct Syllables {
    forms: Vec<Box<str>>,
    unigrams: Vec<u64>,
    /// Folded form → ids of its forms, most frequent first.
    by_fold: FxHashMap<Box<str>, Vec<u32>>,
    pair_keys: Vec<u64>,
    pair_counts: Vec<u32>,
    /// Sum of the unigram counts.
    total: u64,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> anyhow::Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            bail!("{SYLLABLES_FILE} is truncated");
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> anyhow::Result<u32> {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }
    fn u64(&mut self) -> anyhow::Result<u64> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
}

impl Syllables {
    /// Read the counts of `bytes` (a [`SYLLABLES_FILE`]).
    pub fn parse(bytes: &[u8]) -> anyhow::Result<Syllables> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            bail!("{SYLLABLES_FILE} has an unknown format");
        }
        let n = r.u32()? as usize;
        let mut forms = Vec::with_capacity(n.min(bytes.len()));
        let mut unigrams = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let len = r.take(1)?[0] as usize;
            let form = std::str::from_utf8(r.take(len)?)
                .with_context(|| format!("{SYLLABLES_FILE} holds a form that is not UTF-8"))?;
            forms.push(Box::<str>::from(form));
            unigrams.push(r.u64()?);
        }
        let pairs = usize::try_from(r.u64()?)?;
        if pairs.checked_mul(12).is_none_or(|b| b > bytes.len() - r.at) {
            bail!("{SYLLABLES_FILE} is truncated");
        }
        let keys = r.take(pairs * 8)?;
        let counts = r.take(pairs * 4)?;
        let pair_keys: Vec<u64> = keys
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        let pair_counts = counts
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or([0; 4])))
            .collect();
        if !pair_keys.is_sorted() {
            bail!("{SYLLABLES_FILE} is corrupt (pairs out of order)");
        }
        let mut by_fold: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        for (id, form) in forms.iter().enumerate() {
            by_fold
                .entry(crate::normalize::search_key(form).into())
                .or_default()
                .push(id as u32);
        }
        for ids in by_fold.values_mut() {
            ids.sort_by(|&a, &b| {
                unigrams[b as usize]
                    .cmp(&unigrams[a as usize])
                    .then_with(|| forms[a as usize].cmp(&forms[b as usize]))
            });
        }
        let total = unigrams.iter().fold(0u64, |a, &c| a.saturating_add(c));
        Ok(Syllables {
            forms,
            total,
            unigrams,
            by_fold,
            pair_keys,
            pair_counts,
        })
    }

    /// The counts saved beside an index (through its directory), `None`
    /// when there are none or they cannot be read.
    pub fn open(index: &tantivy::Index) -> Option<Syllables> {
        let bytes = index
            .directory()
            .atomic_read(Path::new(SYLLABLES_FILE))
            .ok()?;
        Syllables::parse(&bytes).ok()
    }

    /// The ids of the forms folding to `folded`, most frequent first.
    pub fn variants(&self, folded: &str) -> &[u32] {
        self.by_fold.get(folded).map_or(&[], Vec::as_slice)
    }

    pub fn form(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }

    pub fn count(&self, id: u32) -> u64 {
        self.unigrams[id as usize]
    }

    /// How often the forms folding to `folded` were counted, all together.
    pub fn folded_count(&self, folded: &str) -> u64 {
        self.variants(folded)
            .iter()
            .fold(0u64, |a, &i| a.saturating_add(self.count(i)))
    }

    /// How rare the folded syllable `folded` is: the log of all counts over
    /// its own (plus one), so a syllable never counted is the rarest.
    pub fn rarity(&self, folded: &str) -> f32 {
        let total = self.total.max(1) as f64;
        (total / (self.folded_count(folded) as f64 + 1.0))
            .ln()
            .max(0.0) as f32
    }

    /// How often `a` was followed by `b`.
    pub fn pair(&self, a: u32, b: u32) -> u32 {
        self.pair_keys
            .binary_search(&pair_key(a, b))
            .map_or(0, |i| self.pair_counts[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_round_trip_and_merge() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Counter::new();
        c.add("Quyết định bổ nhiệm cán bộ, quyết định 15 bổ nhiệm", 1);
        c.add("Quyết định bổ nhiệm", TITLE_WEIGHT);
        c.save(dir.path()).unwrap();
        let s = Syllables::parse(&std::fs::read(dir.path().join(SYLLABLES_FILE)).unwrap()).unwrap();
        let id = |w: &str| s.variants(&crate::normalize::search_key(w))[0];
        assert_eq!(s.form(id("quyết")), "quyết");
        assert_eq!(s.count(id("quyết")), 4);
        assert_eq!(s.pair(id("quyết"), id("định")), 4);
        // "15" breaks the chain: "định" is not followed by "bổ" there.
        assert_eq!(s.pair(id("định"), id("bổ")), 3);
        assert_eq!(s.pair(id("bổ"), id("quyết")), 0);
        // A second run adds to what was saved.
        let mut c = Counter::load_or_new(dir.path());
        c.add("bỏ nhiệm", 1);
        c.save(dir.path()).unwrap();
        let s = Syllables::parse(&std::fs::read(dir.path().join(SYLLABLES_FILE)).unwrap()).unwrap();
        let forms: Vec<&str> = s.variants("bo").iter().map(|&i| s.form(i)).collect();
        assert_eq!(forms, ["bổ", "bỏ", "bộ"]);
        assert_eq!(s.count(s.variants("quyet")[0]), 4);
    }

    /// A syllable met again in any case counts for its lower-cased form;
    /// numbers and long words are never remembered as written, and still
    /// break the chain every time they are met.
    #[test]
    fn written_forms_count_as_lower_case() {
        let mut c = Counter::new();
        for _ in 0..2 {
            c.add("ĐẢNG ủy Đảng ủy đảng 2024 ủy nghiêngg ủy", 1);
        }
        assert_eq!(c.forms.len(), 2, "{:?}", c.forms);
        let (dang, uy) = (c.ids["đảng"], c.ids["ủy"]);
        assert_eq!(c.unigrams[dang as usize], 6);
        assert_eq!(c.unigrams[uy as usize], 8);
        assert_eq!(c.pairs[&pair_key(dang, uy)], 4);
        assert_eq!(c.pairs.get(&pair_key(uy, dang)).copied(), Some(4));
        assert_eq!(c.pairs.len(), 2, "2024 and the long word break the chain");
        assert_eq!(c.written.len(), 4, "ĐẢNG, Đảng, đảng, ủy");
        assert!(!c.written.contains_key("2024") && !c.written.contains_key("nghiêngg"));
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Syllables::parse(b"").is_err());
        assert!(Syllables::parse(b"VNSYL\x00\x00\x01\xff\xff\xff\xff").is_err());
        let mut c = Counter::new();
        c.add("một hai ba một hai", 1);
        let dir = tempfile::tempdir().unwrap();
        c.save(dir.path()).unwrap();
        let bytes = std::fs::read(dir.path().join(SYLLABLES_FILE)).unwrap();
        for cut in 0..bytes.len() {
            assert!(Syllables::parse(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(Syllables::parse(&bytes).is_ok());
    }
}
