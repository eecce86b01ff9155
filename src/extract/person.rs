//! Person extraction with titles and coreference.
//!
//! Candidates are runs of capitalised words (or a run in ALL CAPITALS):
//! - `person.surname`: a family name from `surnames.txt` and 3-5 words;
//! - `person.cue`: after a cue word (đồng chí, ông, bà, ranks, academic
//!   degrees, `person_cues.txt`) 2-5 words, family name known or not;
//! - `person.title_before`: right after a title ("Bí thư Tỉnh ủy Nguyễn
//!   Thanh Hải", "Tổng thống Donald Trump");
//! - `person.foreign`: a known foreign form (`foreign_names.txt`), a common
//!   foreign given name (`foreign_given_names.txt`) or a Korean or Chinese
//!   family name in Latin letters (`romanized_surnames.txt`) and more words;
//! - `person.context`: 2-4 Vietnamese syllables with no cue, followed by an
//!   age, a birth year or a verb only persons take (`person_verbs.txt`);
//! - `person.lineup`: a team's line-up after a colon, goal-scorers' minutes;
//! - `person.photo_credit` / `person.byline`: credits ("Ảnh: Trí Dũng") and a
//!   name alone on the last line. Events must not count these as attendees.
//!
//! Spans inside organisations and places, after blockers (street, school:
//! `name_blockers.txt`) or equal to `name_stopwords.txt` phrases are skipped.
//! Titles attach from before the name (a comma-separated chain ending right
//! before it) and after it (an appositive list: commas separate titles,
//! semicolons separate persons). Coreference: a full name repeated gets the
//! titles of all its mentions; "ông Hải" (`person.coref_given`) and
//! "Đồng chí Bí thư Tỉnh ủy" (`person.coref_title`) resolve to the one
//! earlier person with that given name or title.

use super::tokens::{self, PhraseSet, Tok, is_cap, space_after, word};
use super::vocab::{self, gazetteer_at, surname_at};
use super::{Analysis, lexicon};
use crate::model::{Entity, Kind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

struct Lex {
    cues: PhraseSet,
    cue_kind: Vec<String>,
    stop: PhraseSet,
    blockers: PhraseSet,
    foreign: PhraseSet,
    given: PhraseSet,
    /// Korean and Chinese family names in Latin letters (`romanized_surnames.txt`).
    romanized: PhraseSet,
    /// Words that make a foreign run a company's or an event's (`foreign_org_words.txt`).
    org_words: PhraseSet,
    /// Words after a name that make it one (`person_verbs.txt`).
    verbs: PhraseSet,
    /// Link phrases (`title_links.txt`): (phrase, the person is before it).
    links: Vec<(String, bool)>,
    /// Words that cut a person from a link phrase after them.
    link_stops: Vec<String>,
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let cues = lexicon::parse(include_str!("../../data/lexicons/person_cues.txt"));
    let cue_kind = cues
        .iter()
        .map(|r| r.get(1).cloned().unwrap_or_default())
        .collect();
    let stop = lexicon::parse(include_str!("../../data/lexicons/name_stopwords.txt"));
    let blockers = lexicon::parse(include_str!("../../data/lexicons/name_blockers.txt"));
    let foreign = lexicon::parse(include_str!("../../data/lexicons/foreign_names.txt"));
    let given = lexicon::parse(include_str!("../../data/lexicons/foreign_given_names.txt"));
    let romanized = lexicon::parse(include_str!("../../data/lexicons/romanized_surnames.txt"));
    let org_words = lexicon::parse(include_str!("../../data/lexicons/foreign_org_words.txt"));
    let verbs = lexicon::parse(include_str!("../../data/lexicons/person_verbs.txt"));
    let set = |rows: &[Vec<String>], fold: bool| {
        PhraseSet::new(
            rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), i)),
            fold,
        )
    };
    Lex {
        cues: set(&cues, false),
        cue_kind,
        stop: set(&stop, false),
        blockers: set(&blockers, false),
        foreign: set(&foreign, false),
        given: set(&given, false),
        verbs: set(&verbs, true),
        romanized: set(&romanized, false),
        org_words: set(&org_words, false),
        link_stops: lexicon::parse(include_str!("../../data/lexicons/title_links.txt"))
            .into_iter()
            .filter(|r| r.get(1).is_some_and(|x| x == "stop"))
            .map(|r| format!(" {} ", r[0]))
            .collect(),
        links: lexicon::parse(include_str!("../../data/lexicons/title_links.txt"))
            .into_iter()
            .filter(|r| r.get(1).is_none_or(|x| x != "stop"))
            .map(|r| {
                let before = r.get(1).is_none_or(|x| x == "before");
                (r[0].clone(), before)
            })
            .collect(),
    }
});

/// One person mention being built.
struct Mention {
    from: usize,
    to: usize,
    /// Word range of the name itself.
    name_words: (usize, usize),
    name: String,
    titles: Vec<String>,
    rule: &'static str,
    refers_to: Option<String>,
}

impl Mention {
    /// The name written in words `a..e`, no title yet, found by `rule`.
    fn words(text: &str, toks: &[Tok], a: usize, e: usize, rule: &'static str) -> Mention {
        Mention {
            from: toks[a].s,
            to: toks[e - 1].e,
            name_words: (a, e),
            name: text[toks[a].s..toks[e - 1].e].to_string(),
            titles: Vec::new(),
            rule,
            refers_to: None,
        }
    }
}

struct TitleEnt {
    start: usize,
    end: usize,
    title: String,
    has_org: bool,
    claimed: bool,
}

/// Index of the word starting at byte `b`.
/// A place of two or more words at `i` (not an acronym) right before a
/// name of two or more capitalised words that is no place itself: the
/// place's end word. The name opens with a family name, or the place does
/// not ("Hà Nam Khánh Linh" may be one person).
fn place_before_name(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let (e, _, cue_only) = gazetteer_at(text, toks, i)?;
    let name_like = |k: usize| toks.get(k).is_some_and(|t| t.cap && !t.caps);
    (!cue_only
        && e >= i + 2
        && (i..e).all(|k| !toks[k].caps)
        && name_like(e)
        && name_like(e + 1)
        && space_after(text, toks, e - 1)
        && space_after(text, toks, e)
        && gazetteer_at(text, toks, e).is_none()
        && (surname_at(text, toks, e).is_some() || surname_at(text, toks, i).is_none()))
    .then_some(e)
}

fn tok_at(toks: &[Tok], b: usize) -> Option<usize> {
    toks.binary_search_by(|t| t.s.cmp(&b)).ok()
}

/// Index of the word ending at byte `b`.
fn tok_ending(toks: &[Tok], b: usize) -> Option<usize> {
    toks.binary_search_by(|t| t.e.cmp(&b)).ok()
}

/// Cue words ending right before word `i`: (first word of the cue, kind).
fn cue_before(text: &str, toks: &[Tok], i: usize) -> Option<(usize, &'static str)> {
    for n in 1..=6.min(i) {
        let k = i - n;
        if let Some((m, idx)) = LEX.cues.at(text, toks, k)
            && k + m == i
        {
            let g = tokens::gap(text, toks, i - 1);
            let kind = LEX.cue_kind[idx].as_str();
            // "Duy Anh", "Tuấn Anh": an address word glued to a capitalised
            // word before it ends a name, it cues nothing.
            let in_name = kind == "honor"
                && m == 1
                && k > 0
                && toks[k].cap
                && toks[k - 1].cap
                && space_after(text, toks, k - 1);
            // A period after the cue only ends an abbreviation ("TS.",
            // "ThS."), never a sentence ("… học sinh. Ông Bình").
            let abbreviation = word(text, toks, i - 1)
                .chars()
                .filter(|c| c.is_lowercase())
                .count()
                <= 1;
            // "các cầu thủ Sông Lam Nghệ An": a role in the plural names a
            // team or a group, not one person.
            let plural = kind == "rank"
                && k > 0
                && space_after(text, toks, k - 1)
                && matches!(word(text, toks, k - 1), "các" | "Các" | "những" | "Những");
            let ok = if in_name || plural {
                false
            } else if kind == "credit" {
                g.trim() == ":"
            } else {
                g == " " || (matches!(g, ". " | ".") && abbreviation)
            };
            if ok {
                // Stacked cues: "đồng chí Thượng tướng …".
                let first = cue_before(text, toks, k)
                    .filter(|c| c.1 != "credit")
                    .map_or(k, |c| c.0);
                return Some((first, kind));
            }
        }
    }
    // "người mẫu Nga Natalia Gurova": a country between the cue and the name.
    (1..=3.min(i)).find_map(|n| {
        let k = i - n;
        (country_at(text, toks, k, i) == Some(i) && space_after(text, toks, i - 1))
            .then(|| cue_before(text, toks, k))
            .flatten()
    })
}

/// A country ("Nga", "Hàn Quốc", "châu Âu") covering word `i`, ending at
/// or before `limit`: its end word.
fn country_at(text: &str, toks: &[Tok], i: usize, limit: usize) -> Option<usize> {
    let from = i.saturating_sub(1);
    (from..=i).find_map(|s| {
        let (end, level, _) = gazetteer_at(text, toks, s)?;
        (matches!(level.as_str(), "country" | "region") && end > i && end <= limit).then_some(end)
    })
}

/// A run of `n` capitalised words at `i` that opens with a cue word or a
/// country before a name: how many words to pass over. After a country the
/// name must look like one: a foreign word, or a family name and more.
fn lead_before_name(text: &str, toks: &[Tok], i: usize, n: usize) -> Option<usize> {
    // Only before a full name: "Anh Thơ", "Anh Đức" are given names; and
    // not right after another cue: "đồng chí Ông Văn Lực" is a family name.
    if let Some((m, idx)) = LEX.cues.at(text, toks, i)
        && m + 2 <= n
        && LEX.cue_kind[idx] != "credit"
        && cue_before(text, toks, i).is_none()
    {
        return Some(1);
    }
    let end = country_at(text, toks, i, i + n - 1)?;
    let rest = i + n - end;
    let next = word(text, toks, end);
    (!vietnamese_word(next) || (rest >= 2 && surname_at(text, toks, end).is_some()))
        .then_some(end - i)
}

/// A Vietnamese syllable glued by a hyphen to a capitalised word ("An-Phó",
/// "Hạnh-Tứ"): the hyphen's offset in the word. Vietnamese names hold no
/// hyphen, so the name ends there.
fn hyphen_glued(w: &str) -> Option<usize> {
    let h = w.find('-')?;
    (vietnamese_word(&w[..h]) && w[h + 1..].starts_with(char::is_uppercase)).then_some(h)
}

/// A place written with its level's abbreviation glued on ("TP.Vinh",
/// "Q.Ba Đình", "P.Tân Tạo", "H.Chư Sê").
fn admin_abbreviation(w: &str) -> bool {
    w.split_once('.').is_some_and(|(a, b)| {
        matches!(a, "TP" | "TT" | "TX" | "Q" | "P" | "H") && b.starts_with(char::is_uppercase)
    })
}

/// Word `i` follows a house number ("nhà 12 Lê Lợi", "(26/4 Trần Phú,
/// P.3)"): the name is a street's. A number with a slash or a letter is an
/// address; a bare number only in brackets or after "nhà" ("số 10" may be
/// a player's shirt).
fn after_house_number(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 || !space_after(text, toks, i - 1) {
        return false;
    }
    let w = word(text, toks, i - 1);
    if !w.starts_with(|c: char| c.is_ascii_digit()) || w.contains(['.', ',']) {
        return false;
    }
    if !w.chars().all(|c| c.is_ascii_digit()) {
        return w.chars().all(|c| c.is_ascii_alphanumeric() || c == '/');
    }
    let before = text[..toks[i - 1].s].trim_end_matches(' ');
    before.ends_with(['(', '/']) || before.ends_with(" nhà")
}

/// Word `k` is a lower-case particle of a foreign name that opened at
/// `i` ("van", "von", "de", "bin"), between two capitalised words that are
/// not Vietnamese syllables.
fn name_particle(text: &str, toks: &[Tok], i: usize, k: usize) -> bool {
    matches!(
        word(text, toks, k),
        "van" | "von" | "der" | "den" | "de" | "di" | "da" | "du" | "dos" | "del" | "bin" | "al"
    ) && space_after(text, toks, k - 1)
        && space_after(text, toks, k)
        && toks.get(k + 1).is_some_and(|t| t.cap && !t.caps)
        && !vietnamese_word(word(text, toks, k + 1))
        && !vietnamese_word(word(text, toks, i))
}

/// A run of `n` capitalised words at `i`, with no cue before it, that the
/// words after it show to be a person's (`person.context`): two to four
/// Vietnamese syllables, the whole run (no capitalised word glued before
/// it), not a place (nor after "tại", "ở") or a paper (after "báo"), not
/// opening with a cue, a blocker or a sentence opener
/// (`sentence_openers.txt`: "Dù", "Sau"), followed by an age or a birth year ("(35 tuổi)", ", 23
/// tuổi", "(SN 1990)", "(sinh năm 1990)") or a verb only persons take
/// (`person_verbs.txt`: "Minh Hằng chia sẻ", "Văn Toàn ghi bàn").
fn context_name(text: &str, toks: &[Tok], i: usize, n: usize) -> bool {
    let e = i + n;
    if !(2..=4).contains(&n)
        || (i > 0 && toks[i - 1].cap && space_after(text, toks, i - 1))
        || (i..e).any(|k| toks[k].caps || !vietnamese_word(word(text, toks, k)))
        || gazetteer_at(text, toks, i).is_some_and(|g| g.0 == e)
        || LEX.cues.at(text, toks, i).is_some()
        || vocab::opener_at(text, toks, i)
        || LEX.blockers.at(text, toks, i).is_some()
        || (i > 0 && matches!(word(text, toks, i - 1), "tại" | "ở" | "báo" | "tờ" | "kênh"))
    {
        return false;
    }
    let rest = &text[toks[e - 1].e..];
    let age = |r: &str| {
        let d = r.trim_start_matches(|c: char| c.is_ascii_digit());
        d.len() < r.len() && d.starts_with(" tuổi")
    };
    if let Some(r) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix(", "))
        && (age(r) || r.starts_with("SN ") || r.starts_with("sinh năm "))
    {
        return true;
    }
    e < toks.len() && space_after(text, toks, e - 1) && LEX.verbs.at(text, toks, e).is_some()
}

/// "Park Ji Sung", "Zhang Yimou": a Korean or Chinese family name in Latin
/// letters, no capitalised word glued before it ("Pham Hong Duc" is a
/// Vietnamese name written without diacritics), and one or two capitalised words in plain Latin letters (no
/// diacritics, not in capitals): the name's length.
fn romanized_name(text: &str, toks: &[Tok], i: usize, n: usize) -> Option<usize> {
    let glued = i > 0 && toks[i - 1].cap && space_after(text, toks, i - 1);
    if n < 2 || glued || LEX.romanized.at(text, toks, i).is_none() {
        return None;
    }
    let plain = |k: usize| {
        let w = word(text, toks, k);
        !toks[k].caps && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    };
    let m = (i + 1..i + n.min(3)).take_while(|&k| plain(k)).count();
    (m >= 1).then_some(m + 1)
}

/// Word `i` follows "tại", "ở", "trú", "ngụ": what follows is a place or a
/// street ("trú tại Lê Văn Lương"), not a person.
fn after_place_word(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && space_after(text, toks, i - 1)
        && matches!(word(text, toks, i - 1), "tại" | "ở" | "trú" | "ngụ")
}

/// A single capitalised word that can stand for a foreign person in a list
/// of names: letters only, three or more, not a Vietnamese syllable, not in
/// capitals ("Marcelo", "Kovacic"; not "Hùng", "FIFA", "FAPtv").
fn foreign_surname(w: &str) -> bool {
    w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && w.chars().skip(1).all(char::is_lowercase)
        && !vietnamese_word(w)
}

/// Words in the stop list starting at `k`.
fn stop_at(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    LEX.stop.at(text, toks, k).map(|(n, _)| n)
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `a` and `b` (both [`norm`]ed) name the same position: equal, or one is
/// the other plus a trailing organisation ("Chủ tịch UBND tỉnh" ~ "Chủ
/// tịch UBND tỉnh Thái Nguyên").
fn titles_match(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || (long.starts_with(short) && long[short.len()..].starts_with(' '))
}

pub fn extract(ctx: &Analysis, found: &mut Vec<Entity>) {
    let text = ctx.text;
    let toks = &ctx.tokens[..];
    if toks.is_empty() {
        return;
    }
    let mut blocked = vec![false; toks.len()];
    let mut titles: Vec<TitleEnt> = Vec::new();
    // Where streets end: the next item of a list of streets is one too
    // ("đường Lê Lợi, Trần Hưng Đạo").
    let mut street_ends: FxHashSet<usize> = FxHashSet::default();
    for e in found.iter() {
        match &e.kind {
            Kind::Location { level, .. } if level == "street" => {
                street_ends.insert(e.end);
                let first = toks.partition_point(|t| t.e <= e.start);
                for (k, t) in toks.iter().enumerate().skip(first) {
                    if t.s >= e.end {
                        break;
                    }
                    blocked[k] = true;
                }
            }
            Kind::Organization { .. } | Kind::Location { .. } => {
                // Words are sorted and disjoint: those overlapping the entity
                // are a run from the first one ending after its start.
                let first = toks.partition_point(|t| t.e <= e.start);
                for (k, t) in toks.iter().enumerate().skip(first) {
                    if t.s >= e.end {
                        break;
                    }
                    blocked[k] = true;
                }
            }
            Kind::Title {
                title,
                organization,
            } => {
                titles.push(TitleEnt {
                    start: e.start,
                    end: e.end,
                    title: title.clone(),
                    has_org: organization.is_some(),
                    claimed: false,
                });
            }
            _ => {}
        }
    }
    titles.sort_by_key(|t| t.start);
    // Per word: a title starts there; it lies inside a title. Per byte
    // offset: a title ends there.
    let mut title_start = vec![false; toks.len()];
    let mut in_title = vec![false; toks.len()];
    let mut title_ends: FxHashSet<usize> = FxHashSet::default();
    for t in &titles {
        if let Some(k) = tok_at(toks, t.start) {
            title_start[k] = true;
        }
        title_ends.insert(t.end);
        let first = toks.partition_point(|tk| tk.s < t.start);
        for (k, tk) in toks.iter().enumerate().skip(first) {
            if tk.e > t.end {
                break;
            }
            in_title[k] = true;
        }
    }

    let mut mentions: Vec<Mention> = Vec::new();
    let mut caps_runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = word(text, toks, i);
        if !toks[i].cap || blocked[i] || in_title[i] {
            i += 1;
            continue;
        }
        let caps = toks[i].caps;
        // "Cục Quản lý …", "Sở Y tế": an organisation's head opens no name.
        if !caps && vocab::org_head_at(text, toks, i).is_some() {
            i += 1;
            continue;
        }
        if caps && cue_before(text, toks, i).is_none_or(|c| c.1 != "credit") {
            // A headline in capitals ("TIỂU SỬ ĐỒNG CHÍ BÙI ĐỨC HIỂN"): the whole
            // run is kept and resolved below against names in ordinary case.
            let k = i;
            let mut n = 0;
            while k + n < toks.len() && n < 12 && toks[k + n].caps {
                n += 1;
                if !space_after(text, toks, k + n - 1) {
                    break;
                }
            }
            let cued = cue_before(text, toks, i).is_some();
            if n >= 2 {
                caps_runs.push((k, n, cued));
            }
            i = (k + n).max(i + 1);
            continue;
        }
        // "Chủ tịch Hội nhà báo Việt Nam Thuận Hữu": a place ending a title
        // is no part of the name after it; the name keeps the title's cue.
        if let Some(e) = place_before_name(text, toks, i) {
            let title_right_before =
                i > 0 && space_after(text, toks, i - 1) && title_ends.contains(&toks[i - 1].e);
            if title_right_before || cue_before(text, toks, i).is_some() {
                title_ends.insert(toks[e - 1].e);
            }
            i = e;
            continue;
        }
        let cue = cue_before(text, toks, i);
        let credit = cue.as_ref().is_some_and(|c| c.1 == "credit");
        let title_before = i > 0
            && (space_after(text, toks, i - 1) || tokens::gap(text, toks, i - 1) == ") ")
            && title_ends.contains(&title_end_before(text, toks, i));
        let title_cue = cue.as_ref().is_some_and(|c| {
            c.0 > 0 && {
                let g = tokens::gap(text, toks, c.0 - 1);
                (g == " " || g == ", ") && title_ends.contains(&toks[c.0 - 1].e)
            }
        });
        let cued = cue.is_some() || title_before;
        if i > 0 && tokens::gap(text, toks, i - 1) == ", " && street_ends.contains(&toks[i - 1].e) {
            // Skip the street, and let the one after it follow.
            let mut e = i;
            while e < toks.len() && e - i < 4 && toks[e].cap && !blocked[e] {
                e += 1;
                if !space_after(text, toks, e - 1) {
                    break;
                }
            }
            if e > i {
                street_ends.insert(toks[e - 1].e);
                for b in blocked.iter_mut().take(e).skip(i) {
                    *b = true;
                }
                i = e;
                continue;
            }
        }
        // Blockers: "đường Lê Lợi", "Trường THPT Nguyễn Du".
        let blocked_by = (1..=3.min(i)).any(|n| {
            LEX.blockers
                .at(text, toks, i - n)
                .is_some_and(|(m, _)| i - n + m == i && space_after(text, toks, i - 1))
        });
        // After an organisation ("UBND tỉnh Vũ Văn Bình") a level word is not a blocker.
        if blocked_by && !(blocked[i - 1] || in_title[i - 1]) {
            i += 1;
            continue;
        }
        let foreign = LEX.foreign.at(text, toks, i).map(|(n, _)| n);
        // Ê Đê / Gia Rai women's names open with H' ("H'Ly Ayun").
        let ethnic_prefix =
            (w.starts_with('H') || w.starts_with('K')) && w[1..].starts_with(['\'', '’']);
        let sn = surname_at(text, toks, i).or(ethnic_prefix.then_some(1));
        // The run of name words.
        let ethnic = matches!(w, "Y" | "H'" | "K'") || sn.is_some_and(|n| n >= 2);
        let max = if ethnic { 6 } else { 5 };
        let mut n = 0;
        // Where a word glued by a hyphen ends the name ("Lê Văn An-Phó").
        let mut cut = None;
        while i + n < toks.len() && n < max {
            let k = i + n;
            let wk = word(text, toks, k);
            let shape_ok = if caps {
                toks[k].caps
            } else {
                toks[k].cap && (!toks[k].caps || wk.chars().count() <= 2)
            };
            // "Virgil van Dijk": a particle inside a foreign name.
            if !shape_ok && n >= 1 && !caps && name_particle(text, toks, i, k) {
                n += 1;
                continue;
            }
            // "Baodatviet.vn": a web address is no name word.
            let domain = wk.contains('.')
                && wk
                    .rsplit('.')
                    .next()
                    .is_some_and(|t| !t.starts_with(char::is_uppercase));
            if !shape_ok
                || domain
                || blocked[k]
                || (n > 0 && (title_start[k] || stop_at(text, toks, k).is_some()))
            {
                break;
            }
            n += 1;
            if n >= 2 && sn.is_some() && !caps {
                cut = hyphen_glued(wk).map(|h| toks[k].s + h);
                if cut.is_some() {
                    break;
                }
            }
            if !space_after(text, toks, k) {
                // An initial inside a name: "Nguyễn V. An".
                let inner_initial = n >= 2
                    && (sn.is_some() || LEX.given.at(text, toks, i).is_some())
                    && initial(wk)
                    && tokens::gap(text, toks, k) == ". "
                    && toks.get(k + 1).is_some_and(|t| t.cap && !t.caps);
                if !inner_initial {
                    break;
                }
            }
        }
        // "Donald Trump", "Angela Merkel": a common foreign given name and
        // one or two more capitalised words.
        let foreign = foreign.or_else(|| {
            (n >= 2
                && !caps
                && LEX.given.at(text, toks, i).is_some()
                && (i + 1..i + n).all(|k| !vietnamese_word(word(text, toks, k))))
            .then(|| n.min(3))
        });
        let foreign = foreign
            .or_else(|| romanized_name(text, toks, i, n))
            .filter(|&f| {
                LEX.foreign.at(text, toks, i).is_some()
                    || !(i + 1..i + n.max(f)).any(|k| LEX.org_words.at(text, toks, k).is_some())
            });
        if let Some(f) = foreign {
            n = n.max(f);
        }
        if n == 0 {
            i += 1;
            continue;
        }
        // "(26/4 Trần Phú, P.3)": an address, the whole run is the street.
        if after_house_number(text, toks, i) {
            i += n;
            continue;
        }
        // "Thủ tướng Anh Theresa May", "người mẫu Nga Natalia Gurova": a cue
        // word or a country opening the run is no part of the name, which
        // starts after it (and is cued through it, see `cue_before`).
        if let Some(skip) = lead_before_name(text, toks, i, n) {
            i += skip;
            continue;
        }
        let stop_start = stop_at(text, toks, i).is_some();
        if stop_start && !cued {
            i += n;
            continue;
        }
        let next_is_title_list = {
            let e = i + n - 1;
            let g = tokens::gap(text, toks, e);
            matches!(g.trim(), "," | "-" | "–" | "(") && title_start.get(e + 1) == Some(&true)
        };
        let accept: Option<&'static str> = if credit {
            credit_name(text, toks, i, n).then_some("person.photo_credit")
        } else if foreign.is_some() {
            Some("person.foreign")
        } else if n == 1 {
            // "ông Putin", "HLV Conte": one foreign word after a cue.
            (cued && !caps && cue.as_ref().is_none_or(|c| c.1 != "credit") && !vietnamese_word(w))
                .then_some(if title_before {
                    "person.title_before"
                } else {
                    "person.cue"
                })
        } else if caps {
            (sn.is_some() && n >= 2 && (n >= 3 || cued)).then_some("person.caps")
        } else if sn.is_some() && n >= 3 && (cued || !after_place_word(text, toks, i)) {
            Some(if title_before || title_cue {
                "person.title_before"
            } else if cue.is_some() {
                "person.cue"
            } else {
                "person.surname"
            })
        } else if cued || (sn.is_some() && next_is_title_list) {
            Some(if title_before || title_cue {
                "person.title_before"
            } else {
                "person.cue"
            })
        } else if context_name(text, toks, i, n) {
            Some("person.context")
        } else {
            None
        };
        // A single word after an address cue: a mention by given name.
        if n == 1 && cue.as_ref().is_some_and(|c| c.1 == "honor") && !caps {
            let given = w.to_string();
            let cands: Vec<&str> = {
                let mut v: Vec<&str> = mentions
                    .iter()
                    .filter(|m| {
                        m.refers_to.is_none() && m.name.rsplit(' ').next() == Some(given.as_str())
                    })
                    .map(|m| m.name.as_str())
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            if cands.len() == 1 {
                let full = cands[0].to_string();
                // The mention is the name itself ("Hải" in "ông Hải"): the
                // cue is an address word, not part of it.
                mentions.push(Mention {
                    from: toks[i].s,
                    to: toks[i].e,
                    name_words: (i, i + 1),
                    name: full.clone(),
                    titles: Vec::new(),
                    rule: "person.coref_given",
                    refers_to: Some(full),
                });
                i += 1;
                continue;
            }
            // No one named so before: a foreign word ("ông Putin") is a name
            // of its own; a Vietnamese given name alone is not reported.
            if accept.is_none() {
                i += 1;
                continue;
            }
        }
        let Some(rule) = accept else {
            i += 1;
            continue;
        };
        let mut range = toks[i].s..cut.unwrap_or(toks[i + n - 1].e);
        // A last initial keeps its dot: "Nguyễn Thị H.".
        if (n >= 2 || cued)
            && initial(word(text, toks, i + n - 1))
            && text[range.end..].starts_with('.')
        {
            range.end += 1;
        }
        let name = text[range.clone()].to_string();
        let mut ts = Vec::new();
        // Titles before: the chain ending right before the name (or its cue).
        let anchor = if title_before {
            Some(i)
        } else if title_cue {
            cue.as_ref().map(|c| c.0)
        } else {
            None
        };
        if let Some(a) = anchor
            && let Some(mut ti) = titles
                .iter()
                .position(|t| t.end == title_end_before(text, toks, a) && !t.claimed)
        {
            let mut chain = vec![ti];
            while ti > 0 {
                let p = ti - 1;
                let between = &text[titles[p].end..titles[ti].start];
                if titles[p].claimed || !matches!(between.trim(), ",") || between.contains('\n') {
                    break;
                }
                chain.push(p);
                ti = p;
            }
            if !(title_cue && !title_before && possessed(text, titles[ti].start)) {
                for &c in chain.iter().rev() {
                    titles[c].claimed = true;
                    ts.push(titles[c].title.clone());
                }
            }
        }
        // Titles after: ", Ủy viên …, Bí thư …;" up to a semicolon or a title
        // that is itself followed by a name.
        let first_pos = after_aside(text, range.end, &titles);
        let mut pos = first_pos;
        loop {
            let rest = &text[pos..];
            let mut sep_len = rest.len() - rest.trim_start_matches([',', ' ', '(', '-', '–']).len();
            let sep = &rest[..sep_len];
            if sep.is_empty()
                || sep.matches(',').count() + sep.matches(['(', '-', '–']).count() != 1
            {
                // "bầu ông … giữ chức Chủ tịch UBND tỉnh"
                match [
                    " giữ chức vụ ",
                    " giữ chức ",
                    ", giữ chức ",
                    " làm ",
                    " kiêm ",
                ]
                .iter()
                .find(|p| rest.starts_with(**p))
                {
                    Some(p) => sep_len = p.len(),
                    None if pos == first_pos
                        && cue.as_ref().is_some_and(|c| c.1 == "honor")
                        && spaced_title_with_body(text, pos, &titles) =>
                    {
                        sep_len = 1
                    }
                    None => break,
                }
            } else if text[pos + sep_len..].starts_with("kiêm ") {
                // ", kiêm Tổng giám đốc": a post held with the one before.
                sep_len += "kiêm ".len();
            }
            let Some(t) = titles
                .iter()
                .position(|t| t.start == pos + sep_len && !t.claimed)
            else {
                break;
            };
            let tend = titles[t].end;
            let followed_by_name = tok_at(toks, tend + 1).is_some_and(|k| {
                text[tend..].starts_with(' ')
                    && toks[k].cap
                    && !blocked[k]
                    && (surname_at(text, toks, k).is_some()
                        || cue_before(text, toks, k + 1).is_some())
            });
            if followed_by_name {
                break;
            }
            titles[t].claimed = true;
            ts.push(titles[t].title.clone());
            pos = tend;
            if text[pos..].starts_with(')') {
                break;
            }
        }
        mentions.push(Mention {
            from: range.start,
            to: range.end,
            name_words: (i, i + n),
            name,
            titles: ts,
            rule,
            refers_to: None,
        });
        i += n;
    }

    // Names in capitals: the longest run prefix that, in title case, is a
    // person named in ordinary case ("BÙI ĐỨC HIỂN" → "Bùi Đức Hiển").
    // The names so far, as a set: one lookup per candidate, not a scan.
    let mut named: FxHashSet<String> = mentions
        .iter()
        .filter(|x| x.refers_to.is_none())
        .map(|x| x.name.clone())
        .collect();
    for &(k, n, cued) in &caps_runs {
        let mut s0 = k;
        while s0 < k + n {
            let hit = (2..=(k + n - s0).min(5)).rev().find_map(|m| {
                let cased = title_case(&text[toks[s0].s..toks[s0 + m - 1].e]);
                named.contains(&cased).then_some((m, cased))
            });
            // Else a cued run of a family name and 1-3 words ("đồng chí
            // NGUYỄN VĂN THẮNG"), in title case.
            let hit = hit.or_else(|| {
                (s0 == k && cued && (2..=4).contains(&n) && surname_at(text, toks, k).is_some())
                    .then(|| (n, title_case(&text[toks[k].s..toks[k + n - 1].e])))
            });
            match hit {
                Some((m, cased)) => {
                    named.insert(cased.clone());
                    mentions.push(Mention {
                        from: toks[s0].s,
                        to: toks[s0 + m - 1].e,
                        name_words: (s0, s0 + m),
                        name: cased,
                        titles: Vec::new(),
                        rule: "person.caps",
                        refers_to: None,
                    });
                    s0 += m;
                }
                None => s0 += 1,
            }
        }
    }

    // A career list under a biography ("- Tháng 6.2015: Ủy viên Ban Thường
    // vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh."): items opening with a title give
    // the titles to the person named last before them.
    let mut t = 0;
    while t < titles.len() {
        if titles[t].claimed || !cv_item_start(text, titles[t].start) {
            t += 1;
            continue;
        }
        let mut e = t;
        while e + 1 < titles.len()
            && !titles[e + 1].claimed
            && text[titles[e].end..titles[e + 1].start].trim() == ","
            && !text[titles[e].end..titles[e + 1].start].contains('\n')
        {
            e += 1;
        }
        let line_rest = text[titles[e].end..].split('\n').next().unwrap_or("");
        let subject = mentions
            .iter()
            .filter(|m| m.to <= titles[t].start && m.refers_to.is_none())
            .max_by_key(|m| m.from)
            .map(|m| m.from);
        if matches!(line_rest.trim(), "" | "." | ";")
            && let Some(from) = subject
            && let Some(m) = mentions.iter_mut().find(|m| m.from == from)
        {
            for x in titles.iter_mut().take(e + 1).skip(t) {
                x.claimed = true;
                m.titles.push(x.title.clone());
            }
        }
        t = e + 1;
    }

    // Byline: a name alone on the last line.
    for m in byline(text, toks, &blocked) {
        mentions.retain(|x| x.from != m.from);
        mentions.push(m);
    }

    lineup_mentions(text, toks, &blocked, &in_title, &mut mentions);
    list_mentions(text, toks, &blocked, &in_title, &mut mentions);
    short_mentions(text, toks, &blocked, &in_title, &mut mentions);
    shared_titles(ctx, &mut titles, &mut mentions);
    position_titles(ctx, &mut titles, &mut mentions);

    // Mentions by title alone: "Đồng chí Bí thư Tỉnh ủy".
    // The mentions' titles, normalized when first needed (mentions added
    // below refer to another and are never candidates).
    let mut normed: Option<Vec<Vec<String>>> = None;
    #[allow(clippy::needless_range_loop)]
    for t in 0..titles.len() {
        if titles[t].claimed {
            continue;
        }
        let Some(k) = tok_at(toks, titles[t].start) else {
            continue;
        };
        let Some((c0, kind)) = cue_before(text, toks, k) else {
            continue;
        };
        if kind != "honor" || text[..toks[c0].s].trim_end().ends_with("các") {
            continue;
        }
        if word(text, toks, c0).starts_with("các") || word(text, toks, c0).starts_with("Các") {
            continue;
        }
        // Followed by a name: that is a person mention already.
        if let Some(e) = tok_ending(toks, titles[t].end)
            && e + 1 < toks.len()
            && space_after(text, toks, e)
            && toks[e + 1].cap
        {
            continue;
        }
        if !titles[t].has_org {
            continue;
        }
        let normed = normed.get_or_insert_with(|| {
            mentions
                .iter()
                .map(|m| m.titles.iter().map(|x| norm(x)).collect())
                .collect()
        });
        let nt = norm(&titles[t].title);
        let mut cands: Vec<&str> = mentions
            .iter()
            .zip(normed.iter())
            .filter(|(m, _)| m.from < titles[t].start && m.refers_to.is_none())
            .filter(|(_, mt)| mt.iter().any(|x| titles_match(x, &nt)))
            .map(|(m, _)| m.name.as_str())
            .collect();
        cands.sort();
        cands.dedup();
        if cands.len() == 1 {
            let full = cands[0].to_string();
            mentions.push(Mention {
                from: toks[c0].s,
                to: titles[t].end,
                name_words: (k, k),
                name: full.clone(),
                titles: Vec::new(),
                rule: "person.coref_title",
                refers_to: Some(full),
            });
        }
    }

    // A full name repeated: every mention carries all its titles.
    let mut all: FxHashMap<String, Vec<String>> = FxHashMap::default();
    mentions.sort_by_key(|m| m.from);
    for m in &mentions {
        let v = all.entry(m.name.clone()).or_default();
        for t in &m.titles {
            if !v.contains(t) {
                v.push(t.clone());
            }
        }
    }
    // A position also given in full ("Bộ trưởng" and "Bộ trưởng Bộ Tư pháp")
    // is listed once, in full.
    for v in all.values_mut() {
        let full: Vec<String> = v.iter().map(|t| norm(t)).collect();
        let mut k = 0;
        v.retain(|_| {
            let nt = &full[k];
            k += 1;
            !full.iter().any(|nu| {
                nu.len() > nt.len()
                    && nu.starts_with(nt.as_str())
                    && nu[nt.len()..].starts_with(' ')
            })
        });
    }
    for m in mentions {
        let titles = all.get(&m.name).cloned().unwrap_or_default();
        let _ = m.name_words;
        found.push(ctx.entity(
            Kind::Person {
                name: m.name,
                titles,
                refers_to: m.refers_to,
            },
            m.from..m.to,
            m.rule,
        ));
    }
}

/// Words right before a position held, taken or lost: "giữ chức", "làm",
/// "là", "cách chức", "từng kinh qua các chức vụ như:", "vị trí".
const POSITION_CUES: &[&str] = &[
    " làm",
    " là",
    "chức",
    "chức vụ",
    "chức vụ:",
    "chức vụ như:",
    "cương vị",
    "vị trí",
];

/// Cues that open a fronted clause: the person is named after it ("Trên
/// cương vị B, đồng chí A …").
const FRONTED_CUES: &[&str] = &[
    "trên cương vị",
    "với cương vị",
    "ở cương vị",
    "từ vị trí",
    "ở vị trí",
    "trên vị trí",
];

/// A position named in a sentence about one person: "ông A … giữ chức B",
/// "ông A đã có 10 năm làm B", "Mất chức B, ông A …", "từng kinh qua các
/// chức vụ như: B, C". An unclaimed title right after a position cue, and the
/// titles listed after it, go to the sentence's person: the only one named
/// before it with no other title in between, or the one named right after a
/// clause the title opens.
fn position_titles(ctx: &Analysis, titles: &mut [TitleEnt], mentions: &mut [Mention]) {
    let text = ctx.text;
    let mut t = 0;
    while t < titles.len() {
        if titles[t].claimed {
            t += 1;
            continue;
        }
        let start = titles[t].start;
        let (s0, s1) = ctx
            .sentences
            .get(ctx.sentence_of(start))
            .map(|s| (s.0.min(start), s.1))
            .unwrap_or((0, text.len()));
        let before = text[s0..start].trim_end().to_lowercase();
        let cue = POSITION_CUES
            .iter()
            .find(|c| {
                before.ends_with(*c) && {
                    let head = &before[..before.len() - c.len()];
                    head.is_empty() || head.ends_with(' ') || c.starts_with(' ')
                }
            })
            .or_else(|| {
                // "kinh qua nhiều chức vụ tại Bộ … như: B, C"
                [" như:", " như"].iter().find(|c| {
                    before.ends_with(*c) && {
                        let clause = before.rsplit([',', ';', '.']).next().unwrap_or("");
                        ["chức vụ", "vị trí", "cương vị"]
                            .iter()
                            .any(|w| clause.contains(w))
                    }
                })
            });
        let Some(cue) = cue else {
            t += 1;
            continue;
        };
        let head = before[..before.len() - cue.len()].trim_end();
        // A nomination is no position held ("giới thiệu … để bầu giữ
        // chức"); a generic holder is no one ("cán bộ giữ chức vụ").
        // The nomination may stand before the nominee's appositive list.
        let statement = head.rsplit(';').next().unwrap_or("");
        if statement.contains("giới thiệu")
            || statement.contains("đề cử")
            || ["cán bộ", "người", "ai", "chức danh"]
                .iter()
                .any(|g| head.ends_with(g) || head.ends_with(&format!("{g} giữ")))
        {
            t += 1;
            continue;
        }
        let mut e = t;
        while e + 1 < titles.len()
            && !titles[e + 1].claimed
            && position_gap(&text[titles[e].end..titles[e + 1].start])
        {
            e += 1;
        }
        let chain_end = titles[e].end;
        let resolved = |m: &Mention| m.refers_to.clone().unwrap_or_else(|| m.name.clone());
        let fronted = head.is_empty() || FRONTED_CUES.iter().any(|c| before.ends_with(c));
        let who = if fronted {
            mentions
                .iter()
                .filter(|m| m.from >= chain_end && m.to <= s1)
                .min_by_key(|m| m.from)
                .filter(|m| {
                    let lead = text[s0..m.from].trim_end().to_lowercase();
                    let here = text[m.from..m.to].to_lowercase();
                    ["đồng chí", "ông", "bà"]
                        .iter()
                        .any(|c| lead.ends_with(c) || here.starts_with(c))
                })
                .filter(|m| {
                    !titles
                        .iter()
                        .any(|x| !x.claimed && x.start >= chain_end && x.end <= m.from)
                })
                .map(resolved)
        } else {
            let mut names: Vec<String> = mentions
                .iter()
                .filter(|m| m.from >= s0 && m.to <= start)
                .map(resolved)
                .collect();
            names.sort();
            names.dedup();
            let last = mentions
                .iter()
                .filter(|m| m.from >= s0 && m.to <= start)
                .max_by_key(|m| m.to)
                .map(|m| m.to);
            match (names.len(), last) {
                (1, Some(last))
                    if words_outside_titles(text, titles, last, start) <= 20
                        && !link_stopped(&text[last..start])
                        && !titles[..t]
                            .iter()
                            .any(|x| !x.claimed && x.start >= last && x.end <= start) =>
                {
                    names.pop()
                }
                _ => None,
            }
        };
        // "Từ vị trí B, ông được điều động …", "Ông đã trải qua nhiều chức
        // vụ như B": a bare pronoun in a sentence naming no one is the
        // person named last before.
        let who = who.or_else(|| {
            if mentions.iter().any(|m| m.from >= s0 && m.to <= s1) {
                return None;
            }
            let sentence = &text[s0..s1];
            let bare = sentence.split([' ', ',']).enumerate().any(|(k, w)| {
                matches!(w, "ông" | "Ông" | "bà" | "Bà")
                    && sentence
                        .split([' ', ','])
                        .nth(k + 1)
                        .is_some_and(|n| n.chars().next().is_some_and(|c| !c.is_uppercase()))
            });
            if !bare {
                return None;
            }
            mentions
                .iter()
                .filter(|m| m.to <= s0)
                .max_by_key(|m| m.from)
                .map(resolved)
        });
        let Some(who) = who else {
            t += 1;
            continue;
        };
        let Some(m) = mentions
            .iter_mut()
            .find(|m| m.refers_to.is_none() && m.name == who)
        else {
            t += 1;
            continue;
        };
        for x in titles.iter_mut().take(e + 1).skip(t) {
            x.claimed = true;
            if !m.titles.contains(&x.title) {
                m.titles.push(x.title.clone());
            }
        }
        t = e + 1;
    }
}

/// Between two positions listed after a position cue: a comma, a
/// semicolon or "và", after the post's term ("Ủy viên Đảng ủy … nhiệm kỳ
/// 2005 - 2010; Ủy viên …") or opening a bracket of the posts it held
/// within ("… (gồm Phó Bí thư Đảng ủy, …)"). On one line.
fn position_gap(g: &str) -> bool {
    if g.contains('\n') {
        return false;
    }
    let mut g = g.trim();
    if let Some(rest) = g.strip_prefix("nhiệm kỳ") {
        g = rest.trim_start_matches(|c: char| c.is_ascii_digit() || " -–".contains(c));
    }
    matches!(g.trim(), "," | ";" | "và" | "(gồm")
}

/// A word that cuts a person from a position named after it (`stop` in
/// `title_links.txt`); "để" only before a new, named subject ("ông A, …
/// để Quốc hội bầu giữ chức vụ B", not "để nhận nhiệm vụ làm B").
fn link_stopped(between: &str) -> bool {
    let lower = between.to_lowercase();
    LEX.link_stops.iter().any(|w| {
        if w.as_str() != " để " {
            return lower.contains(w.as_str());
        }
        between.match_indices(" để ").any(|(k, _)| {
            between[k + " để ".len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    })
}

/// Words of `text[from..to]` outside titles already given to someone: how
/// far a position cue is from the name once its appositive list is left
/// out ("đồng chí A, nguyên …, nguyên …, bằng hình thức: Cách chức B").
fn words_outside_titles(text: &str, titles: &[TitleEnt], from: usize, to: usize) -> usize {
    let all = text[from..to].split_whitespace().count();
    let first = titles.partition_point(|t| t.start < from);
    let inside: usize = titles[first..]
        .iter()
        .take_while(|t| t.end <= to)
        .filter(|t| t.claimed)
        .map(|t| t.title.split_whitespace().count())
        .sum();
    all - inside.min(all)
}

/// "BÙI ĐỨC HIỂN" → "Bùi Đức Hiển".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A title at `pos` opens a list item: after a bullet at the line's start,
/// with at most a date and a colon between ("- Tháng 1.2004: ").
fn cv_item_start(text: &str, pos: usize) -> bool {
    // Such a prefix is short: look back 128 bytes at most, so a text
    // without line breaks costs no scan back to its start per title.
    let from = super::floor_boundary(text, pos.saturating_sub(128));
    let line_start = match text[from..pos].rfind('\n') {
        Some(n) => from + n + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let prefix = &text[line_start..pos];
    let rest = prefix.trim_start_matches([' ', '\t']);
    let Some(rest) = rest.strip_prefix(['-', '–', '•', '+', '*']) else {
        return false;
    };
    let rest = rest.trim();
    rest.is_empty()
        || (rest.ends_with(':') && rest.len() < 60 && rest.chars().any(|c| c.is_ascii_digit()))
}

/// The last non-empty line when it is names alone ("Thu Hằng", "MINH ANH",
/// "Trí Dũng (TTXVN)", "Đỗ Tuấn - Hồng Nhung"), an outlet after them
/// ("Minh Anh - Tuổi Trẻ | 10:20").
fn byline(text: &str, toks: &[Tok], blocked: &[bool]) -> Vec<Mention> {
    let body = text.trim_end();
    let Some(nl) = body.rfind('\n') else {
        return Vec::new();
    };
    let line_start = nl + 1;
    let mut line = &body[line_start..];
    // "Theo Minh Anh": the source cue is not part of the name.
    for cue in ["Theo ", "Nguồn: ", "Nguồn "] {
        if let Some(rest) = line.strip_prefix(cue) {
            line = rest;
            break;
        }
    }
    let line_start = body.len() - line.len();
    let Some(name_part) = line.split(['(', '/', '|']).next() else {
        return Vec::new();
    };
    let name_part = name_part.trim_end().trim_end_matches([' ', '-', '–']);
    if name_part.is_empty() || name_part.contains(['.', ':', ';']) {
        return Vec::new();
    }
    let base = line_start + (name_part.as_ptr() as usize - line.as_ptr() as usize);
    let mut out = Vec::new();
    let mut off = 0;
    for piece in name_part.split([',', '-', '–']) {
        let start = base + off + (piece.len() - piece.trim_start().len());
        off += piece.len() + 1;
        let piece = piece.trim();
        match one_name(text, toks, blocked, start, piece.len()) {
            Some(m) => out.push(m),
            // "Minh Anh - Thể thao Việt Nam": the outlet after the names.
            None if !out.is_empty() && outlet_piece(toks, blocked, start, piece.len()) => break,
            None => return Vec::new(),
        }
    }
    out
}

/// The words from byte `off` to `off + len` all lie in an organisation or
/// a place already found (a byline's outlet).
fn outlet_piece(toks: &[Tok], blocked: &[bool], off: usize, len: usize) -> bool {
    match (tok_at(toks, off), tok_ending(toks, off + len)) {
        (Some(a), Some(b)) if a <= b => blocked[a..=b].iter().all(|&x| x),
        _ => false,
    }
}

fn one_name(text: &str, toks: &[Tok], blocked: &[bool], off: usize, len: usize) -> Option<Mention> {
    let first = tok_at(toks, off)?;
    let last = tok_ending(toks, off + len)?;
    let n = (last + 1).checked_sub(first)?;
    if !(2..=4).contains(&n) {
        return None;
    }
    for (k, &b) in blocked.iter().enumerate().take(last + 1).skip(first) {
        let w = word(text, toks, k);
        if !is_cap(w) || b {
            return None;
        }
        if k < last && !space_after(text, toks, k) {
            return None;
        }
    }
    if stop_at(text, toks, first).is_some()
        || gazetteer_at(text, toks, first).is_some()
        || LEX.cues.at(text, toks, first).is_some()
        || (first..=last).any(|k| !vietnamese_word(word(text, toks, k)))
    {
        return None;
    }
    Some(Mention {
        from: toks[first].s,
        to: toks[last].e,
        name_words: (first, last + 1),
        name: text[toks[first].s..toks[last].e].to_string(),
        titles: Vec::new(),
        rule: "person.byline",
        refers_to: None,
    })
}

/// Which tokens lie inside a mention already found (one pass per mention
/// over its own tokens, found by binary search).
fn covered_tokens(toks: &[Tok], mentions: &[Mention]) -> Vec<bool> {
    let mut covered = vec![false; toks.len()];
    for m in mentions {
        let first = toks.partition_point(|t| t.e <= m.from);
        for (k, t) in toks.iter().enumerate().skip(first) {
            if t.s >= m.to {
                break;
            }
            covered[k] = true;
        }
    }
    covered
}

/// A name written as the end of a full name given earlier: "Ánh Viên" or
/// "Viên" after "Nguyễn Thị Ánh Viên", "Trump" after "Donald Trump"
/// (`person.coref_short`). The form must stand alone (no capitalised word
/// glued before or after it) and name one person only.
fn short_mentions(
    text: &str,
    toks: &[Tok],
    blocked: &[bool],
    in_title: &[bool],
    mentions: &mut Vec<Mention>,
) {
    let covered = covered_tokens(toks, mentions);
    // Short form -> (the full name, or None when two persons share it; the
    // byte where the full name is first given).
    let mut forms: FxHashMap<String, (Option<String>, usize)> = FxHashMap::default();
    for m in mentions.iter() {
        if m.refers_to.is_some() || matches!(m.rule, "person.byline" | "person.photo_credit") {
            continue;
        }
        let words: Vec<&str> = m.name.split(' ').collect();
        let (a, b) = m.name_words;
        let surname = b > a && surname_at(text, toks, a).is_some();
        let foreign = m.rule == "person.foreign" || words.iter().all(|w| !vietnamese_word(w));
        let mut add = |f: String| match forms.get_mut(&f) {
            Some(e) if e.0.as_deref() != Some(m.name.as_str()) => e.0 = None,
            Some(e) => e.1 = e.1.min(m.from),
            None => {
                forms.insert(f, (Some(m.name.clone()), m.from));
            }
        };
        if words.len() >= 3 {
            add(words[words.len() - 2..].join(" "));
        }
        if words.len() >= 3 || (words.len() == 2 && (surname || foreign)) {
            add(words[words.len() - 1].to_string());
        }
    }
    // A two-word name that ends a full name ("bà Lan Hương" after "Nguyễn
    // Lan Hương") is that person; else, given once with its cue ("tiền đạo
    // Minh Tuấn"), it is its own name, later written alone.
    for m in mentions.iter_mut() {
        if m.refers_to.is_some() || m.name.split(' ').count() != 2 {
            continue;
        }
        match forms.get(&m.name) {
            Some((Some(full), _)) if *full != m.name => {
                m.refers_to = Some(full.clone());
                m.name = full.clone();
            }
            Some(_) => {}
            None => {
                forms.insert(m.name.clone(), (Some(m.name.clone()), m.from));
            }
        }
    }
    if forms.is_empty() {
        return;
    }
    let free =
        |k: usize| toks[k].cap && !toks[k].caps && !covered[k] && !blocked[k] && !in_title[k];
    let mut k = 0;
    while k < toks.len() {
        if !free(k) || (k > 0 && toks[k - 1].cap && space_after(text, toks, k - 1)) {
            k += 1;
            continue;
        }
        // An address word alone ("Anh cho biết") is no name.
        if LEX.cues.at(text, toks, k).is_some_and(|(n, _)| n == 1)
            || LEX.stop.at(text, toks, k).is_some()
        {
            k += 1;
            continue;
        }
        let mut hit = None;
        for n in [2usize, 1] {
            let e = k + n;
            if e > toks.len() || (n == 2 && (!free(k + 1) || !space_after(text, toks, k))) {
                continue;
            }
            // Glued to a capitalised word after it: part of a longer name.
            if e < toks.len() && toks[e].cap && space_after(text, toks, e - 1) {
                continue;
            }
            let form = text[toks[k].s..toks[e - 1].e].to_string();
            if let Some((Some(full), at)) = forms.get(&form)
                && *at < toks[k].s
            {
                hit = Some((n, full.clone()));
                break;
            }
        }
        let Some((n, full)) = hit else {
            k += 1;
            continue;
        };
        // "miền Nam", "phía Bắc": a blocker word before it.
        let blocked_by = (1..=2.min(k)).any(|b| {
            LEX.blockers
                .at(text, toks, k - b)
                .is_some_and(|(m, _)| k - b + m == k && space_after(text, toks, k - 1))
        });
        if !blocked_by {
            mentions.push(Mention {
                from: toks[k].s,
                to: toks[k + n - 1].e,
                name_words: (k, k + n),
                name: full.clone(),
                titles: Vec::new(),
                rule: "person.coref_short",
                refers_to: Some(full),
            });
        }
        k += n;
    }
}

/// A word spelt as a Vietnamese syllable: Vietnamese letters only (no f, j,
/// w, z), at most one vowel group, and a final consonant Vietnamese allows.
pub(crate) fn vietnamese_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    let mut chars = lower.chars().peekable();
    if lower
        .chars()
        .any(|c| matches!(c, 'f' | 'j' | 'w' | 'z') || !c.is_alphabetic())
    {
        return false;
    }
    let vowel = |c: char| {
        "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ".contains(c)
    };
    // Onset, vowels, coda.
    let mut onset = String::new();
    while let Some(&c) = chars.peek() {
        if vowel(c) {
            break;
        }
        onset.push(c);
        chars.next();
    }
    // "gi" and "qu" take their vowel letter into the onset.
    let mut nucleus = 0;
    while let Some(&c) = chars.peek() {
        if !vowel(c) {
            break;
        }
        nucleus += 1;
        chars.next();
    }
    let coda: String = chars.collect();
    const ONSETS: &[&str] = &[
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
    ];
    const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    (1..=3).contains(&nucleus) && ONSETS.contains(&onset.as_str()) && CODAS.contains(&coda.as_str())
}

/// A credit ("Ảnh: Minh Hà", "Nguồn: Internet") names a person when its
/// words are Vietnamese syllables (not an agency or a site: "Reuters",
/// "Getty Images") and, alone, the word is not the start of a phrase in
/// lower case ("Ảnh: Tư liệu").
fn credit_name(text: &str, toks: &[Tok], i: usize, n: usize) -> bool {
    if n == 0 || (i..i + n).any(|k| !vietnamese_word(word(text, toks, k))) {
        return false;
    }
    if n == 1 {
        let lower_next = i + 1 < toks.len() && space_after(text, toks, i) && !toks[i + 1].cap;
        return !toks[i].caps && !lower_next;
    }
    true
}

/// One or two capital letters: an initial ("H", "Th").
fn initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(a), None, None) if a.is_uppercase())
        || matches!((w.chars().next(), w.chars().nth(1), w.chars().nth(2)), (Some(a), Some(b), None) if a.is_uppercase() && b == 'h')
}

/// The link phrase ending right before byte `pos` (then a space), on a word
/// boundary: (its start, the person is named before it).
fn link_before(text: &str, pos: usize) -> Option<(usize, bool)> {
    let head = text[..pos].strip_suffix(' ')?;
    LEX.links.iter().find_map(|(p, before)| {
        let start = head.len().checked_sub(p.len())?;
        let cand = head.get(start..)?;
        let boundary = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        (boundary && crate::extract::lower_ends_with(cand, p) && cand.len() == p.len())
            .then_some((start, *before))
    })
}

/// Where a title right before word `i` (> 0) ends: at the word before
/// it, or after a bracket closing the title's acronym ("Chủ tịch Hiệp hội
/// … (HHX) Nguyễn Văn A").
fn title_end_before(text: &str, toks: &[Tok], i: usize) -> usize {
    if tokens::gap(text, toks, i - 1) == ") " {
        toks[i - 1].e + 1
    } else {
        toks[i - 1].e
    }
}

/// "ông A (35 tuổi), Bí thư …", "ông A (bên phải) - Chủ nhiệm …": a short
/// aside in brackets right after a name, before its appositive. The
/// position after the bracket, else `end` (a bracket opening with a title
/// is the appositive itself).
fn after_aside(text: &str, end: usize, titles: &[TitleEnt]) -> usize {
    let Some(inner) = text[end..].strip_prefix(" (") else {
        return end;
    };
    let Some(close) = inner.find(')') else {
        return end;
    };
    let aside = &inner[..close];
    if aside.contains('\n')
        || aside.split_whitespace().count() > 4
        || titles.binary_search_by_key(&(end + 2), |t| t.start).is_ok()
    {
        return end;
    }
    let after = &inner[close + 1..];
    // After a comma only an age or a birth year ("(35 tuổi)", "(sinh năm
    // 1970)"): "A (phải), B (giữa)" lists the next person.
    let dash = [" - ", " – "].iter().any(|p| after.starts_with(p));
    let comma = after.starts_with(", ") && aside.contains(|c: char| c.is_ascii_digit());
    if dash || comma {
        end + 2 + close + 1
    } else {
        end
    }
}

/// "ông A Bí thư Thành ủy B ghi nhận": a title with its body one space
/// after an addressed name is that person's.
fn spaced_title_with_body(text: &str, pos: usize, titles: &[TitleEnt]) -> bool {
    text[pos..].starts_with(' ')
        && titles
            .binary_search_by_key(&(pos + 1), |t| t.start)
            .is_ok_and(|k| titles[k].has_org && !titles[k].claimed)
}

/// A title right after "của" ("chuyến thăm của Chủ tịch Quốc hội Lào,
/// ông A nhấn mạnh") is someone else's: the person after the comma is the
/// sentence's speaker, not its holder.
fn possessed(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    crate::extract::lower_ends_with(before, " của")
}

/// The titles from `t` on joined by commas, semicolons or "và" (none
/// claimed, on one line): the index of the last one.
fn title_chain(text: &str, titles: &[TitleEnt], t: usize) -> usize {
    let mut e = t;
    while e + 1 < titles.len() && !titles[e + 1].claimed {
        let g = &text[titles[e].end..titles[e + 1].start];
        if g.contains('\n') || !matches!(g.trim(), "," | ";" | "và" | ", và") {
            break;
        }
        e += 1;
    }
    e
}

/// Titles written apart from the name they belong to:
/// - after a link phrase, to the person named last before it in the
///   sentence ("ông A (…) được phân công làm Bí thư Tỉnh ủy"; a sentence
///   opening with "Ông"/"Bà" alone means the person named last before it);
/// - before "đối với", to every person named after it up to the next such
///   title or the sentence end ("miễn nhiệm chức Phó Chủ tịch đối với ông
///   A, bà B");
/// - before a colon after "các đồng chí", to every person listed after it
///   up to an item that repeats one of them ("các đồng chí Ủy viên Bộ
///   Chính trị: Chủ tịch Quốc hội A; Trưởng Ban Tổ chức Trung ương B").
fn shared_titles(ctx: &Analysis, titles: &mut [TitleEnt], mentions: &mut [Mention]) {
    let text = ctx.text;
    mentions.sort_by_key(|m| m.from);
    let mut t = 0;
    while t < titles.len() {
        if titles[t].claimed {
            t += 1;
            continue;
        }
        let e = title_chain(text, titles, t);
        let start = titles[t].start;
        let end = titles[e].end;
        let sent = ctx.sentence(ctx.sentence_of(start));
        let chain: Vec<String> = titles[t..=e].iter().map(|x| x.title.clone()).collect();
        let mut targets: Vec<usize> = Vec::new();
        let after = text[end..].trim_start_matches(' ');
        let colon = after.starts_with(':');
        // "các đồng chí Ủy viên Bộ Chính trị:", "2 Phó Chủ tịch chuyên trách:"
        let group_cue = {
            // Only the cue's own characters are lower-cased (the whole
            // prefix per title made a long report quadratic).
            let b = text[..start].trim_end();
            ["các đồng chí", " các", "đồng chí", "gồm"]
                .iter()
                .any(|cue| crate::extract::lower_ends_with(b, cue))
                || b.ends_with(|c: char| c.is_ascii_digit())
        };
        match link_before(text, start) {
            // "… đối với ông A, bà B"
            Some((_, false)) => {
                let rest = &text[end..sent.end.max(end)];
                if let Some(off) = shared_after(rest) {
                    let from = end + off;
                    // Up to the next title led by a link of this kind.
                    let to = titles[e + 1..]
                        .iter()
                        .find(|x| {
                            x.start >= from && link_before(text, x.start).is_some_and(|(_, b)| !b)
                        })
                        .map_or(sent.end, |x| x.start.min(sent.end));
                    targets.extend(
                        mentions
                            .iter()
                            .enumerate()
                            .filter(|(_, m)| m.from >= from && m.from < to)
                            .map(|(k, _)| k),
                    );
                }
            }
            Some((ls, true)) => {
                let subject = mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.to <= ls && m.from >= sent.start)
                    .max_by_key(|(_, m)| m.from)
                    .map(|(k, _)| k)
                    .filter(|&k| {
                        let between = text[mentions[k].to..ls].to_lowercase();
                        // A bare "là" reaches as far as `position_titles`
                        // (20 words): "… phong cách A, …, trước hết là
                        // Ủy viên Bộ Chính trị, …" says what members do.
                        (text[ls..start].trim() != "là" || between.split_whitespace().count() <= 20)
                            && !between.contains([':', '“', '"'])
                            && !LEX.link_stops.iter().any(|w| between.contains(w.as_str()))
                    });
                let subject = subject.or_else(|| {
                    // "Ông là Ủy viên …": a pronoun opening the sentence.
                    let opening = text[sent.start..ls].trim_start();
                    let pronoun = ["Ông ", "Bà ", "Ông cũng ", "Bà cũng "]
                        .iter()
                        .any(|p| opening.starts_with(p))
                        && opening.split(' ').count() <= 4;
                    pronoun
                        .then(|| {
                            mentions
                                .iter()
                                .enumerate()
                                .filter(|(_, m)| m.to <= sent.start)
                                .max_by_key(|(_, m)| m.from)
                                .map(|(k, _)| k)
                        })
                        .flatten()
                });
                targets.extend(subject);
            }
            // "hai Phó Bí thư là ông A và ông B": the persons named right
            // after "là" hold it.
            None if named_after_la(after) => {
                let from = end;
                let to = titles[e + 1..]
                    .iter()
                    .find(|x| x.start >= from)
                    .map_or(sent.end, |x| x.start.min(sent.end));
                targets.extend(
                    mentions
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.from >= from && m.from < to && m.refers_to.is_none())
                        .map(|(k, _)| k),
                );
            }
            None if colon && group_cue => {
                let from = end;
                // Up to the next group ("…; 4 Phó Chủ tịch kiêm nhiệm: …").
                let to = titles[e + 1..]
                    .iter()
                    .find(|x| text[x.end..].trim_start_matches(' ').starts_with(':'))
                    .map_or(sent.end, |x| x.start.min(sent.end));
                let mut last = None;
                for (k, m) in mentions.iter().enumerate() {
                    if m.from < from || m.from >= to {
                        continue;
                    }
                    let repeats = m
                        .titles
                        .iter()
                        .any(|x| chain.iter().any(|c| titles_match(&norm(x), &norm(c))));
                    if repeats {
                        break;
                    }
                    if last != Some(m.from) {
                        targets.push(k);
                        last = Some(m.from);
                    }
                }
            }
            None => {}
        }
        if !targets.is_empty() {
            for x in titles.iter_mut().take(e + 1).skip(t) {
                x.claimed = true;
            }
            for k in targets {
                for c in &chain {
                    if !mentions[k].titles.contains(c) {
                        mentions[k].titles.push(c.clone());
                    }
                }
            }
        }
        t = e + 1;
    }
}

/// After a title shared by the names that follow: the offset just after
/// "đối với" when the rest of `rest` opens with it (a term such as
/// "nhiệm kỳ 2016-2021" may stand between).
fn shared_after(rest: &str) -> Option<usize> {
    let mut r = rest;
    if let Some(x) = r.strip_prefix(" nhiệm kỳ ") {
        let n = x
            .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '–'))
            .unwrap_or(x.len());
        r = &x[n..];
    }
    // "miễn nhiệm chức vụ B của bà A"
    let r2 = r
        .strip_prefix(" đối với ")
        .or_else(|| r.strip_prefix(" của ").filter(|x| addressed(x)))?;
    Some(rest.len() - r2.len())
}

/// A team's line-up (`person.lineup`): a line opening with a team's name
/// and a colon, then five or more items of one to three capitalised words
/// (not in capitals, not inside an organisation, a place or a title) joined
/// by commas or "và", up to the line's or the sentence's end ("U19 Hà Tĩnh:
/// Văn Lâm, Đình Trọng, …, Kovac."). A goal-scorer's minute marks a player
/// as well ("Hoài Nam 12'", "Hoài Nam (12')"), and a sum given a donor
/// ("Lê Thị Hoa (Q.3): 500.000 đồng").
fn lineup_mentions(
    text: &str,
    toks: &[Tok],
    blocked: &[bool],
    in_title: &[bool],
    mentions: &mut Vec<Mention>,
) {
    let covered = covered_tokens(toks, mentions);
    let free = |k: usize| {
        k < toks.len() && toks[k].cap && !toks[k].caps && !covered[k] && !blocked[k] && !in_title[k]
    };
    // An item at word `j`: its end word.
    let item = |j: usize| -> Option<usize> {
        let mut e = j;
        while free(e) && e - j < 3 {
            e += 1;
            if !space_after(text, toks, e - 1) {
                break;
            }
        }
        (e > j && !(e < toks.len() && toks[e].cap && space_after(text, toks, e - 1))).then_some(e)
    };
    let mut added: Vec<Mention> = Vec::new();
    let push = |a: usize, e: usize, added: &mut Vec<Mention>| {
        added.push(Mention::words(text, toks, a, e, "person.lineup"));
    };
    let mut k = 0;
    while k < toks.len() {
        // The label: capitalised words or numbers from the line's start.
        let line_start = k == 0 || text[..toks[k].s].ends_with('\n');
        if !line_start {
            k += 1;
            continue;
        }
        let mut c = k;
        while c < toks.len() && c - k < 5 && (toks[c].cap || toks[c].s == toks[k].s) {
            let g = tokens::gap(text, toks, c);
            if g == ": " {
                break;
            }
            if !space_after(text, toks, c) {
                c = toks.len();
                break;
            }
            c += 1;
        }
        if c >= toks.len() || tokens::gap(text, toks, c) != ": " || !toks[k].cap {
            k += 1;
            continue;
        }
        let mut items = Vec::new();
        let mut j = c + 1;
        let complete = loop {
            let Some(e) = item(j) else { break false };
            items.push((j, e));
            let g = tokens::gap(text, toks, e - 1);
            if e >= toks.len() || g.starts_with('.') || g.starts_with('\n') {
                break true;
            }
            if g == ", " {
                j = e;
            } else if g == " " && word(text, toks, e) == "và" && space_after(text, toks, e) {
                j = e + 1;
            } else {
                break false;
            }
        };
        if complete && items.len() >= 5 {
            for &(a, e) in &items {
                push(a, e, &mut added);
            }
        }
        k = j.max(k + 1);
    }
    // Donors: "Lê Thị Hoa (Q.3): 500.000 đồng;".
    let mut k = 0;
    while k < toks.len() {
        let glued = k > 0 && toks[k - 1].cap && space_after(text, toks, k - 1);
        if glued || !free(k) || stop_at(text, toks, k).is_some() {
            k += 1;
            continue;
        }
        let mut e = k;
        while free(e) && e - k < 4 {
            e += 1;
            if !space_after(text, toks, e - 1) {
                break;
            }
        }
        // An item of the list: after a line's start or a separator.
        let head = &text[..toks[k].s];
        let item_start = head.is_empty()
            || head.ends_with(['\n', ';', ':', ',', '-', ' ']) && {
                let h = head.trim_end_matches(' ');
                h.is_empty() || h.ends_with(['\n', ';', ':', ',', '-'])
            };
        if item_start && (2..=4).contains(&(e - k)) && donation_after(&text[toks[e - 1].e..]) {
            push(k, e, &mut added);
        }
        k = e.max(k + 1);
    }
    // Goal-scorers: "Hoài Nam 12'", "Hoài Nam (12', 80')".
    let mut k = 0;
    while k < toks.len() {
        let glued = k > 0 && toks[k - 1].cap && space_after(text, toks, k - 1);
        if glued || !free(k) || stop_at(text, toks, k).is_some() {
            k += 1;
            continue;
        }
        let Some(e) = item(k) else {
            k += 1;
            continue;
        };
        let rest = text[toks[e - 1].e..].strip_prefix(' ').unwrap_or("");
        let rest = rest.strip_prefix('(').unwrap_or(rest);
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        // Not a height ("6'1\"").
        let minute = rest[digits..]
            .strip_prefix(['\'', '’'])
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_digit()));
        if (1..=3).contains(&digits) && minute {
            push(k, e, &mut added);
        }
        k = e;
    }
    let mut seen: FxHashSet<usize> = FxHashSet::default();
    added.retain(|m| seen.insert(m.from));
    mentions.extend(added);
}

/// What follows a donor's name in a list of gifts: an optional bracket (an
/// address), a colon and a sum in đồng (": 500.000 đồng").
fn donation_after(rest: &str) -> bool {
    let mut r = rest;
    if let Some(x) = r.strip_prefix(" (") {
        match x.find(')') {
            Some(c) if c < 120 && !x[..c].contains('\n') => r = &x[c + 1..],
            _ => return false,
        }
    }
    let Some(r) = r.strip_prefix(": ") else {
        return false;
    };
    let n = r.len()
        - r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    n >= 3 && r[n..].starts_with(" đồng")
}

/// Text opening with a form of address and a name ("ông A", "bà A").
fn addressed(x: &str) -> bool {
    ["ông ", "bà ", "đồng chí "].iter().any(|p| {
        x.strip_prefix(p)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase))
    })
}

/// The text after a title reads "là ông A" (`after` has its spaces trimmed).
fn named_after_la(after: &str) -> bool {
    after.strip_prefix("là ").is_some_and(addressed)
}

/// Names listed with a person's name, and names numbered as players are
/// (`person.list`): "Duy Dũng, Đức Trung, Thế Hùng và Văn Thông" once one
/// of them is a person; "Minh Đan (số 22)". An item is a run of two or
/// three capitalised words standing alone between commas, "và" or the
/// list's end, not inside an organisation, a place or a title.
fn list_mentions(
    text: &str,
    toks: &[Tok],
    blocked: &[bool],
    in_title: &[bool],
    mentions: &mut Vec<Mention>,
) {
    let mut covered = covered_tokens(toks, mentions);
    let free = |k: usize, covered: &[bool]| {
        toks[k].cap && !toks[k].caps && !covered[k] && !blocked[k] && !in_title[k]
    };
    let ok_start = |k: usize| {
        stop_at(text, toks, k).is_none()
            && !vocab::opener_at(text, toks, k)
            && vocab::org_head_at(text, toks, k).is_none()
            && LEX.cues.at(text, toks, k).is_none()
            && LEX.blockers.at(text, toks, k).is_none()
            && !admin_abbreviation(word(text, toks, k))
    };
    // An item starting at word `j` and read forwards: its end.
    let item_fwd = |j: usize, covered: &[bool]| -> Option<usize> {
        if j >= toks.len() || !free(j, covered) || !ok_start(j) {
            return None;
        }
        let mut e = j + 1;
        while e < toks.len() && e - j < 4 && space_after(text, toks, e - 1) && free(e, covered) {
            e += 1;
        }
        // One word only when it is a foreign family name ("Marcelo").
        let single = e - j == 1 && foreign_surname(word(text, toks, j));
        if !(single || (2..=3).contains(&(e - j))) {
            return None;
        }
        // It must end there: punctuation, "và", "hay", or the text's end.
        let after = &text[toks[e - 1].e..];
        let ends = after.is_empty()
            || after.starts_with([',', '.', ';', ')', ':'])
            || after.starts_with(" (")
            || after.starts_with(" và ")
            || after.starts_with(" hay ")
            || after.starts_with('\n');
        ends.then_some(e)
    };
    let mut added: Vec<Mention> = Vec::new();
    let push = |a: usize, e: usize, added: &mut Vec<Mention>, covered: &mut [bool]| {
        for c in covered.iter_mut().take(e).skip(a) {
            *c = true;
        }
        added.push(Mention::words(text, toks, a, e, "person.list"));
    };
    // Numbered players: "Minh Đan (số 22".
    let mut k = 0;
    while k < toks.len() {
        let glued = k > 0 && toks[k - 1].cap && space_after(text, toks, k - 1);
        if !glued
            && let Some(e) = item_fwd(k, &covered)
            && text[toks[e - 1].e..].starts_with(" (số ")
        {
            push(k, e, &mut added, &mut covered);
            k = e;
            continue;
        }
        k += 1;
    }
    // Items after a listed person, then before one.
    let seeds: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| !matches!(m.rule, "person.byline" | "person.photo_credit"))
        .map(|m| m.name_words)
        .chain(added.iter().map(|m| m.name_words))
        .filter(|(a, b)| b > a)
        .collect();
    for (a, b) in seeds {
        // Forwards.
        let mut j = b;
        loop {
            if j >= toks.len() {
                break;
            }
            let g = tokens::gap(text, toks, j - 1);
            let next = if g == ", " {
                j
            } else if g == " "
                && matches!(word(text, toks, j), "và" | "hay")
                && space_after(text, toks, j)
            {
                j + 1
            } else {
                break;
            };
            match item_fwd(next, &covered) {
                Some(e) => {
                    push(next, e, &mut added, &mut covered);
                    j = e;
                }
                None => break,
            }
        }
        // Backwards.
        let mut j = a;
        loop {
            if j < 3 {
                break;
            }
            let g = tokens::gap(text, toks, j - 1);
            let last = if g == ", " {
                j - 1
            } else if matches!(word(text, toks, j - 1), "và" | "hay")
                && space_after(text, toks, j - 1)
                && tokens::gap(text, toks, j - 2) == " "
            {
                j - 2
            } else {
                break;
            };
            // The item's start: two or three words back, not glued to a
            // capitalised word before it.
            // A single foreign word only inside the list, a comma before it
            // too ("…, Marcelo, Theo Hernandez"), not "của Real, Anthony …".
            let found = [1usize, 2, 3].into_iter().find_map(|n| {
                let s = (last + 1).checked_sub(n)?;
                let glued = s > 0 && toks[s - 1].cap && space_after(text, toks, s - 1);
                let inside = n > 1 || (s > 0 && tokens::gap(text, toks, s - 1) == ", ");
                (!glued && inside && item_fwd(s, &covered) == Some(last + 1)).then_some(s)
            });
            match found {
                Some(s) => {
                    push(s, last + 1, &mut added, &mut covered);
                    j = s;
                }
                None => break,
            }
        }
    }
    mentions.extend(added);
}
