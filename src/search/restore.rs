//! Reading folded query words in context: the diacritics a query typed
//! without them most likely stands for, by the archive's own syllable
//! statistics ([`crate::index::syllables`]).
//!
//! The folded words are the observations of a chain whose states are the
//! written forms (`bo` → bộ, bố, bỏ, bổ, bò, bó, …). A form's chance after
//! the previous one is how often the archive writes the pair, smoothed
//! towards how often it writes the form at all (among the forms of that
//! folded word); forward-backward gives each form's probability given the
//! whole query, both neighbours included, and Viterbi the likeliest
//! reading. Words the statistics do not know (numbers, long words) stand
//! for themselves and break the chain.

use crate::index::syllables::Syllables;

/// Forms considered per folded word, the most frequent ones.
const MAX_FORMS: usize = 12;

/// Weight of the form's own frequency against the pair counts.
const SMOOTHING: f64 = 2.0;

/// The reading of a folded query.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Per query word: its forms with their probability, likeliest first.
    pub forms: Vec<Vec<(String, f32)>>,
    /// The likeliest reading of the whole query, one form per word.
    pub best: Vec<String>,
}

/// Read `folded` (folded syllables, in query order) in context.
pub fn read(s: &Syllables, folded: &[String]) -> Reading {
    // Candidates per position: (id, prior); `None` for an unknown word.
    let cands: Vec<Option<Vec<(u32, f64)>>> = folded
        .iter()
        .map(|f| {
            let v = s.variants(f);
            if v.is_empty() {
                return None;
            }
            let v = &v[..v.len().min(MAX_FORMS)];
            let total: f64 = v.iter().map(|&i| s.count(i) as f64 + 0.5).sum();
            Some(
                v.iter()
                    .map(|&i| (i, (s.count(i) as f64 + 0.5) / total))
                    .collect(),
            )
        })
        .collect();
    let n = folded.len();
    // trans[i][a][b]: P(form b at i | form a at i-1), for known i-1 and i.
    let trans: Vec<Option<Vec<Vec<f64>>>> = (0..n)
        .map(|i| {
            let (Some(prev), Some(cur)) = (
                i.checked_sub(1).and_then(|j| cands[j].as_ref()),
                cands[i].as_ref(),
            ) else {
                return None;
            };
            Some(
                prev.iter()
                    .map(|&(a, _)| {
                        let counts: Vec<f64> =
                            cur.iter().map(|&(b, _)| f64::from(s.pair(a, b))).collect();
                        let sum: f64 = counts.iter().sum();
                        counts
                            .iter()
                            .zip(cur)
                            .map(|(c, &(_, p))| (c + SMOOTHING * p) / (sum + SMOOTHING))
                            .collect()
                    })
                    .collect(),
            )
        })
        .collect();
    let step = |i: usize, prev: &[f64], cur: &[(u32, f64)]| -> Vec<f64> {
        match &trans[i] {
            Some(t) => (0..cur.len())
                .map(|b| prev.iter().zip(t).map(|(pa, row)| pa * row[b]).sum())
                .collect(),
            None => cur.iter().map(|&(_, p)| p).collect(),
        }
    };
    // Forward (normalized per position).
    let mut alpha: Vec<Vec<f64>> = Vec::with_capacity(n);
    for i in 0..n {
        let a = match &cands[i] {
            None => Vec::new(),
            Some(cur) => {
                let prev = if i > 0 { alpha[i - 1].as_slice() } else { &[] };
                normalized(step(i, prev, cur))
            }
        };
        alpha.push(a);
    }
    // Backward.
    let mut beta: Vec<Vec<f64>> = vec![Vec::new(); n];
    for i in (0..n).rev() {
        let Some(cur) = &cands[i] else { continue };
        beta[i] = match (i + 1 < n).then(|| &trans[i + 1]).and_then(Option::as_ref) {
            Some(t) => normalized(
                (0..cur.len())
                    .map(|a| t[a].iter().zip(&beta[i + 1]).map(|(p, b)| p * b).sum())
                    .collect(),
            ),
            None => vec![1.0; cur.len()],
        };
    }
    let mut forms = Vec::with_capacity(n);
    for i in 0..n {
        match &cands[i] {
            None => forms.push(vec![(folded[i].clone(), 1.0)]),
            Some(cur) => {
                let post = normalized(alpha[i].iter().zip(&beta[i]).map(|(a, b)| a * b).collect());
                let mut v: Vec<(String, f32)> = cur
                    .iter()
                    .zip(post)
                    .map(|(&(id, _), p)| (s.form(id).to_string(), p as f32))
                    .collect();
                v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                forms.push(v);
            }
        }
    }
    Reading {
        best: viterbi(s, folded, &cands, &trans),
        forms,
    }
}

fn normalized(mut v: Vec<f64>) -> Vec<f64> {
    let sum: f64 = v.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        v.iter_mut().for_each(|x| *x /= sum);
    } else {
        let k = v.len().max(1) as f64;
        v.iter_mut().for_each(|x| *x = 1.0 / k);
    }
    v
}

fn viterbi(
    s: &Syllables,
    folded: &[String],
    cands: &[Option<Vec<(u32, f64)>>],
    trans: &[Option<Vec<Vec<f64>>>],
) -> Vec<String> {
    let n = folded.len();
    // Log score and back pointer per candidate.
    let mut score: Vec<Vec<f64>> = Vec::with_capacity(n);
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(n);
    for i in 0..n {
        let Some(cur) = &cands[i] else {
            score.push(Vec::new());
            back.push(Vec::new());
            continue;
        };
        match &trans[i] {
            Some(t) => {
                let prev = &score[i - 1];
                let (sc, bk): (Vec<f64>, Vec<usize>) = (0..cur.len())
                    .map(|b| {
                        let mut best = (f64::NEG_INFINITY, 0);
                        for (a, pa) in prev.iter().enumerate() {
                            let v = pa + t[a][b].ln();
                            if v > best.0 {
                                best = (v, a);
                            }
                        }
                        best
                    })
                    .unzip();
                score.push(sc);
                back.push(bk);
            }
            None => {
                score.push(cur.iter().map(|&(_, p)| p.ln()).collect());
                back.push(vec![0; cur.len()]);
            }
        }
    }
    let mut out = vec![String::new(); n];
    let mut at: Option<usize> = None;
    for i in (0..n).rev() {
        match &cands[i] {
            None => {
                out[i] = folded[i].clone();
                at = None;
            }
            Some(cur) => {
                let k = match at {
                    Some(k) => k,
                    None => argmax(&score[i]),
                };
                out[i] = s.form(cur[k].0).to_string();
                at = trans[i].is_some().then(|| back[i][k]);
            }
        }
    }
    out
}

fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, x) in v.iter().enumerate() {
        if *x > v[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::syllables::{Counter, SYLLABLES_FILE};

    fn stats(texts: &[&str]) -> Syllables {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Counter::new();
        for t in texts {
            c.add(t, 1);
        }
        c.save(dir.path()).unwrap();
        Syllables::parse(&std::fs::read(dir.path().join(SYLLABLES_FILE)).unwrap()).unwrap()
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn context_picks_the_reading() {
        let s = stats(&[
            "quyết định bổ nhiệm giám đốc",
            "quyết định bổ nhiệm phó giám đốc",
            "bỏ phiếu bỏ phiếu bỏ phiếu bỏ qua bỏ lỡ bỏ đi",
            "điện tử điện tử trùng tu, trùng tu",
        ]);
        let r = read(&s, &words("quyet dinh bo nhiem"));
        assert_eq!(r.best, ["quyết", "định", "bổ", "nhiệm"]);
        assert_eq!(r.forms[2][0].0, "bổ");
        // Alone, "bo" is most often "bỏ" in these texts.
        assert_eq!(read(&s, &words("bo")).best, ["bỏ"]);
        assert_eq!(read(&s, &words("bo phieu")).best, ["bỏ", "phiếu"]);
        assert_eq!(read(&s, &words("dien tu")).best, ["điện", "tử"]);
        assert_eq!(read(&s, &words("trung tu")).best, ["trùng", "tu"]);
        // Unknown words stand for themselves and break the chain.
        let r = read(&s, &words("bo 2021 nhiem xyz"));
        assert_eq!(r.best[1], "2021");
        assert_eq!(r.forms[3], [("xyz".to_string(), 1.0)]);
        for f in &r.forms {
            let sum: f32 = f.iter().map(|x| x.1).sum();
            assert!((sum - 1.0).abs() < 1e-4);
        }
        assert_eq!(read(&s, &[]).best, Vec::<String>::new());
    }
}
