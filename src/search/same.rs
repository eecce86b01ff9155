//! Which listing entries are one and the same, and which only look alike.
//!
//! - Directives: one document cited under two keys, a short one and a full
//!   one of the same type (`chi-thi:5` and `chi-thi:5-ct/tw`, `luat:dat-dai`
//!   and `luat:dat-dai-2024`), is one row: [`aliases`] folds a short key
//!   into the one full key of the listing that extends it (a number by its
//!   symbol, a name by its year), and only when exactly one does.
//! - People: one name held by two people. What a person's titles name
//!   ([`anchors`]: a province or city from `data/lexicons/provinces.txt`, a
//!   ministry "Bộ X") tells them apart: two reports whose titles name only
//!   different provinces (or only different ministries) are about two
//!   people.

use crate::normalize::search_key;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// For each key of `keys` (sorted) that is the short form of exactly one
/// other key, that key. A numbered short key (`chi-thi:5`) is extended by
/// its symbol (`chi-thi:5-ct/tw`, `nghi-dinh:15/2020/nd-cp`); a named one
/// (`luat:dat-dai`) only by a year (`luat:dat-dai-2024`). Two full keys
/// extending one short key (`chi-thi:5-ct/tw`, `chi-thi:5-ct/tu`) leave it
/// alone: it could be either.
pub fn aliases(
    keys: &BTreeSet<String>,
) -> (BTreeMap<String, String>, BTreeMap<String, Vec<String>>) {
    let mut to = BTreeMap::new();
    let mut ambiguous = BTreeMap::new();
    for short in keys {
        let Some((_, rest)) = short.split_once(':') else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let numbered = rest.starts_with(|c: char| c.is_ascii_digit());
        let longer: Vec<&String> = keys
            .range::<String, _>((std::ops::Bound::Excluded(short), std::ops::Bound::Unbounded))
            .take_while(|k| k.starts_with(short.as_str()))
            .filter(|k| {
                let tail = &k[short.len()..];
                if numbered {
                    tail.len() > 1 && tail.starts_with(['-', '/'])
                } else {
                    tail.len() == 5
                        && tail.starts_with('-')
                        && tail[1..].bytes().all(|b| b.is_ascii_digit())
                }
            })
            .collect();
        match longer.as_slice() {
            [one] => {
                to.insert(short.clone(), (*one).clone());
            }
            [] => {}
            many => {
                ambiguous.insert(short.clone(), many.iter().map(|k| (*k).clone()).collect());
            }
        }
    }
    (to, ambiguous)
}

/// The kind of thing a title anchors a person to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnchorKind {
    /// A province or centrally-run city.
    Province,
    /// A ministry ("Bộ Y tế").
    Ministry,
}

/// What a person's titles tie them to: kind → folded value → the value as
/// first written.
pub type Anchors = BTreeMap<AnchorKind, BTreeMap<String, String>>;

/// Province names (folded syllables) and how to show them.
static PROVINCES: LazyLock<Vec<(Vec<String>, String)>> = LazyLock::new(|| {
    let mut v: Vec<(Vec<String>, String)> =
        crate::extract::lexicon::parse(include_str!("../../data/lexicons/provinces.txt"))
            .into_iter()
            .filter_map(|f| {
                let name = f.first()?.clone();
                // an alias shows as the usual name (4th field)
                let shown = if f.get(2).is_some_and(|s| s == "alias") {
                    f.get(3).cloned().unwrap_or_else(|| name.clone())
                } else {
                    name.clone()
                };
                Some((crate::index::analyzer::folded_tokens(&name), shown))
            })
            .filter(|(t, _)| !t.is_empty())
            .collect();
    // longest first: "Thừa Thiên Huế" before "Huế"
    v.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    v
});

/// The province and ministry each title of `titles` names.
pub fn anchors<'a>(titles: impl IntoIterator<Item = &'a String>) -> Anchors {
    let mut out = Anchors::new();
    for t in titles {
        let toks = crate::index::analyzer::folded_tokens(t);
        let mut taken = vec![false; toks.len()];
        for (p, shown) in PROVINCES.iter() {
            for i in 0..toks.len().saturating_sub(p.len() - 1) {
                if !taken[i..i + p.len()].iter().any(|&x| x) && toks[i..i + p.len()] == p[..] {
                    taken[i..i + p.len()].iter_mut().for_each(|x| *x = true);
                    out.entry(AnchorKind::Province)
                        .or_default()
                        .entry(search_key(shown))
                        .or_insert_with(|| shown.clone());
                }
            }
        }
        if let Some(m) = ministry(t) {
            out.entry(AnchorKind::Ministry)
                .or_default()
                .entry(search_key(&m))
                .or_insert(m);
        }
    }
    out
}

/// Acronyms spelt out (`data/lexicons/acronyms.txt`): "Bộ GTVT" and "Bộ
/// Giao thông vận tải" are one ministry.
static ACRONYMS: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    crate::extract::lexicon::parse(include_str!("../../data/lexicons/acronyms.txt"))
        .into_iter()
        .filter_map(|f| Some((f.first()?.clone(), f.get(1)?.clone())))
        .collect()
});

/// Whether `title` names a province or city by its level word alone
/// ("Chủ tịch UBND tỉnh", "Bí thư Thành ủy"): it is then the report's own.
pub fn names_a_bare_province(title: &str) -> bool {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let level = words.iter().enumerate().any(|(i, w)| {
        *w == "tỉnh" || (*w == "thành" && matches!(words.get(i + 1), Some(&"phố" | &"ủy")))
    });
    level && !anchors(std::iter::once(&title.to_string())).contains_key(&AnchorKind::Province)
}

/// The province a report is about: the one its location mentions name
/// (`names`, in text order) at least twice and at least two times in three;
/// `None` when no province stands out.
pub fn report_province<'a>(
    names: impl IntoIterator<Item = &'a String>,
) -> Option<(String, String)> {
    let mut counts: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    let mut total = 0;
    for (i, n) in names.into_iter().enumerate() {
        let a = anchors(std::iter::once(n));
        let Some(p) = a.get(&AnchorKind::Province) else {
            continue;
        };
        for (k, shown) in p {
            total += 1;
            let c = counts.entry(k.clone()).or_insert((0, i, shown.clone()));
            c.0 += 1;
        }
    }
    let (k, (n, _, shown)) = counts
        .into_iter()
        .max_by_key(|(_, (n, first, _))| (*n, std::cmp::Reverse(*first)))?;
    (n >= 2 && n * 3 >= total * 2).then_some((k, shown))
}

/// The ministry a title names: "Bộ" and a capitalised word, to the end of
/// the title or its first comma, acronyms spelt out. Not "Bộ Chính trị":
/// its members hold other posts too, so it tells no one apart.
fn ministry(title: &str) -> Option<String> {
    let mut at = 0;
    while let Some(i) = title[at..].find("Bộ ") {
        let start = at + i + "Bộ ".len();
        at = start;
        let word_start = at - "Bộ ".len() == 0
            || title[..at - "Bộ ".len()].ends_with(|c: char| c.is_whitespace());
        let rest = &title[start..];
        if !word_start || !rest.starts_with(char::is_uppercase) {
            continue;
        }
        let name = rest.split([',', ';', '(']).next().unwrap_or("").trim();
        if name.is_empty() || search_key(name).starts_with("chinh tri") {
            continue;
        }
        let words: Vec<&str> = name
            .split_whitespace()
            .map(|w| ACRONYMS.get(w).map_or(w, String::as_str))
            .collect();
        return Some(format!("Bộ {}", words.join(" ")));
    }
    None
}

/// Whether what two sets of anchors name could be one person: for every
/// kind both name, they share a value (a ministry also when one name holds
/// the other: "Bộ Giao thông vận tải Việt Nam").
pub fn compatible(a: &Anchors, b: &Anchors) -> bool {
    a.iter().all(|(kind, va)| {
        b.get(kind).is_none_or(|vb| {
            va.keys().any(|x| {
                vb.keys().any(|y| {
                    x == y || (*kind == AnchorKind::Ministry && (holds(x, y) || holds(y, x)))
                })
            })
        })
    })
}

/// Whether folded words `big` hold folded words `small` as a run.
fn holds(big: &str, small: &str) -> bool {
    format!(" {big} ").contains(&format!(" {small} "))
}

/// Anchors as shown to a reader: "Nghệ An; Bộ Y tế".
pub fn describe(a: &Anchors) -> String {
    a.values()
        .flat_map(|v| v.values().cloned())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_short_key_folds_into_its_one_full_key() {
        let (to, amb) = aliases(&set(&[
            "chi-thi:5",
            "chi-thi:5-ct/tw",
            "chi-thi:15-ct/tw",
            "luat:dat-dai",
            "luat:dat-dai-2024",
            "nghi-dinh:15",
            "nghi-dinh:15/2020/nd-cp",
        ]));
        assert_eq!(to["chi-thi:5"], "chi-thi:5-ct/tw");
        assert_eq!(to["luat:dat-dai"], "luat:dat-dai-2024");
        assert_eq!(to["nghi-dinh:15"], "nghi-dinh:15/2020/nd-cp");
        assert_eq!(to.len(), 3, "{to:?}");
        assert!(amb.is_empty());
    }

    #[test]
    fn two_full_keys_or_another_name_leave_the_short_key_alone() {
        let (to, amb) = aliases(&set(&[
            "chi-thi:5",
            "chi-thi:5-ct/tw",
            "chi-thi:5-ct/tu",
            "chi-thi:50-ct/tw",
            "luat:dat-dai",
            "luat:dat-dai-2013",
            "luat:dat-dai-2024",
            "luat:dau-thau",
            "luat:dau-thau-sua-doi",
            "quyet-dinh:1",
            "quyet-dinh:12/qd-ubnd",
        ]));
        assert!(to.is_empty(), "{to:?}");
        assert_eq!(amb["chi-thi:5"].len(), 2);
        assert_eq!(amb["luat:dat-dai"].len(), 2);
        assert!(!amb.contains_key("luat:dau-thau"));
    }

    #[test]
    fn titles_anchor_to_provinces_and_ministries() {
        let t = |s: &str| vec![s.to_string()];
        let a = anchors(&t("Chủ tịch UBND tỉnh Quảng Trị"));
        assert_eq!(describe(&a), "Quảng Trị");
        let b = anchors(&t("Phó Bí thư Tỉnh ủy Lạng Sơn"));
        assert!(!compatible(&a, &b));
        let c = anchors(&t("Bộ trưởng Bộ Tài chính"));
        assert_eq!(describe(&c), "Bộ Tài chính");
        // different kinds, or nothing named: could be one person
        assert!(compatible(&a, &c));
        assert!(compatible(&a, &anchors(&t("Phó Chủ tịch"))));
        let d = anchors(&t("Thứ trưởng Bộ Xây dựng"));
        assert!(!compatible(&c, &d));
        // one ministry written three ways
        let full = anchors(&t("Thứ trưởng Bộ Giao thông vận tải"));
        let short = anchors(&t("Bộ trưởng Bộ GTVT"));
        let country = anchors(&t("Thứ trưởng Bộ GTVT Việt Nam"));
        assert!(compatible(&full, &short) && compatible(&short, &country));
        assert!(compatible(&country, &full));
        assert!(!compatible(&full, &d));
        // a level word alone stands for the report's province
        assert!(names_a_bare_province("Phó Chủ tịch UBND tỉnh"));
        assert!(names_a_bare_province("Bí thư Thành ủy"));
        assert!(!names_a_bare_province("Chủ tịch UBND tỉnh Quảng Trị"));
        assert!(!names_a_bare_province("Bộ trưởng Bộ Tài chính"));
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = report_province(&names(&["Quảng Trị", "Huế", "Quảng Trị", "Quảng Trị"]));
        assert_eq!(p.unwrap().1, "Quảng Trị");
        // no province standing out, or named once only
        assert!(report_province(&names(&["Quảng Trị", "Huế", "Quảng Trị", "Huế"])).is_none());
        assert!(report_province(&names(&["Quảng Trị", "Cam Lộ"])).is_none());
        // Bộ Chính trị tells no one apart
        assert!(anchors(&t("Ủy viên Bộ Chính trị")).is_empty());
        // one shared value is enough
        let two = anchors(&vec![
            "Bí thư Tỉnh ủy Quảng Trị".to_string(),
            "Trưởng đoàn đại biểu Quốc hội tỉnh Lạng Sơn".to_string(),
        ]);
        assert!(compatible(&a, &two) && compatible(&b, &two));
    }
}
