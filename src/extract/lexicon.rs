//! Lexicons are data files under `data/lexicons/`, compiled in with
//! `include_str!`, never long literals in code.
//!
//! File format: one entry per line; `#` starts a comment line; blank lines are
//! ignored; an entry may carry fields separated by ` | `
//! (e.g. `UBND | Ủy ban nhân dân`). Entries are normalized with
//! [`crate::normalize::normalize`] when loaded, so the files may use either
//! tone-mark style.

/// Parse a lexicon file into its entries, each a list of trimmed fields.
pub fn parse(data: &str) -> Vec<Vec<String>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split(" | ")
                .map(|f| crate::normalize::normalize(f.trim()))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_skips_comments() {
        let got = parse("# comment\n\nUBND | Ủy ban nhân dân\n  Sở  \n");
        assert_eq!(
            got,
            vec![
                vec!["UBND".to_string(), "Ủy ban nhân dân".to_string()],
                vec!["Sở".to_string()]
            ]
        );
    }
}
