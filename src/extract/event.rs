//! Events: meetings, conferences, ceremonies, working sessions and
//! delegations the report is about, with organizer, chair, date and
//! attendees.
//!
//! Rules (lexicons: `event_kinds.txt`, `event_cues.txt`):
//!
//! - A *kind* mention ("Hội nghị", "kỳ họp", "Lễ kỷ niệm", "buổi làm việc",
//!   …) is an event only with evidence that the event took place: an
//!   organizing or attending verb right before it ("Tỉnh ủy tổ chức Hội
//!   nghị", "dự Hội nghị"), a verb right after its name ("Hội nghị … đã
//!   diễn ra", "Hội nghị do … chủ trì"), or an attendance clause naming its
//!   kind ("Dự Hội nghị có …"). A verb-like kind ("làm việc với") needs a
//!   day date in its sentence. An article that only cites "Hội nghị Trung
//!   ương 4" in passing has no event. A modal in the clause before the verb
//!   ("yêu cầu các cấp ủy tổ chức hội nghị", "việc tổ chức Hội nghị") marks
//!   an obligation or plan, not an event.
//! - Later mentions of the same kind ("Tại Hội nghị", "chủ trì kỳ họp") are
//!   the same event unless they are themselves events with a different name.
//! - The name runs from the kind to the end of its clause (`stop` and
//!   `stop_comma` cues, a day date that is not a directive's issue date, or
//!   the end of the sentence).
//! - Attendance clauses ("Dự Hội nghị có …", "Cùng dự, có …", "với sự tham
//!   dự của …") run to the end of the sentence; their person entities are
//!   the attendees, their person-less list items the attendee groups.
//! - In a report that has an event, a person the text shows acting at it is
//!   an attendee too (`agent_verb`, `receive`, `hand_over`, `press` cues):
//!   the subject of an agent verb past the titles and list names after it
//!   ("Đồng chí X, Bí thư Tỉnh ủy phát biểu", "A; B; C chủ trì hội thảo"),
//!   a receiver ("trao quyết định cho ông Y"), the speaker of a paragraph
//!   opened by a name and a colon, the subject after a sentence's opening
//!   clause of what they did (`fronted`: "Phát biểu tại hội nghị, đồng chí
//!   X …"), the speaker of a speech "of" them (`speech_of`: "ý kiến phát
//!   biểu chỉ đạo của đồng chí <titles> X"), the person a personnel
//!   decision names
//!   (`appoint`: "phân công ông X", "miễn nhiệm … đối với bà Y") at a
//!   ceremony of it (`hand_over`, `announce`, in the sentence or the one
//!   before) or right after the verb in a sentence opening at the event
//!   ("Tại hội nghị, … bầu bà X"), a person elected in such a sentence
//!   (`elected`: "Tại Đại hội, đồng chí X được bầu …"). Not a name in a credit or byline
//!   (`segment::segments`), nor one speaking to the press, nor one in a
//!   sentence telling what came before (`earlier`: "Trước đó, …") unless
//!   it names an event. Each joins the nearest event mentioned before it,
//!   once: a name the report misspells by one mark is the same person.
//! - The chair attends (`add_chairs`), also when named only as chair.
//! - Handing over or announcing a decision on a dated day ("Sáng 10/5,
//!   ông X đã công bố quyết định …") is a ceremony even without the word
//!   "Lễ" (verb-like kinds in `event_kinds.txt`).

pub(super) mod fold;

use super::Analysis;
use super::fastre::FastRegex as Regex;
use super::fastre::LazyRegex;
use crate::model::{Attendee, Entity, Event, Kind};
use fold::{Hit, PhraseMatcher, leftmost};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

struct KindInfo {
    kind: String,
    verb: bool,
}

struct Lex {
    /// The kinds' regex, for a text without a folded view (see `triggers`).
    kinds: LazyRegex,
    /// Every trigger of this extractor, found in one pass over the folded
    /// text: the lists [`KINDS`], [`ATTEND_VERB`], [`ATTEND_OF`] and
    /// [`ATTEND_SIDE`].
    triggers: PhraseMatcher,
    kind_info: HashMap<String, KindInfo>,
    /// Matches an organizing verb (+ fillers) at the end of a slice.
    org_verb_end: Regex,
    /// Matches any event verb (+ fillers) at the end of a slice.
    verb_end: Regex,
    /// Matches fillers + a verb at the start of a slice.
    after_verb_start: Regex,
    /// Fillers + a verb anywhere (for a kind in subject position).
    after_verb_any: Regex,
    modal: Regex,
    blocker_end: Regex,
    ref_only_end: Regex,
    name_stop: Regex,
    chair: Regex,
    chair_team: Regex,
    /// Verified anchored where its verb is (trigger list [`ATTEND_VERB`]).
    attend_verb: Regex,
    /// For a text without a folded view (else the list [`ATTEND_OF`]).
    attend_of: LazyRegex,
    /// Verified anchored where its cue is (trigger list [`ATTEND_SIDE`]).
    attend_side: Regex,
    du_not: HashSet<String>,
    group_split_strong: Regex,
    group_split_weak: Regex,
    group_trim: Regex,
    do_start: Regex,
    organize_start: Regex,
    /// Fillers + an agent verb at the start of a slice.
    agent_start: Regex,
    /// A receiving preposition ("cho", "đối với") at the end of a slice.
    receive_end: Regex,
    hand_over: Regex,
    press: Regex,
    /// Fillers + a passive of election ("được bầu").
    elected_start: Regex,
    /// Fillers + a phrase that starts like an agent verb but is none.
    agent_not_start: Regex,
    /// Personnel-decision verbs ("bổ nhiệm", "phân công").
    appoint: Regex,
    /// A ceremony handing over or announcing a decision.
    ceremony: Regex,
    /// A sentence opening on what happened before the event ("Trước đó,").
    earlier_start: Regex,
    /// A sentence opening on what its subject did, up to the comma before
    /// the subject ("Phát biểu tại hội nghị, ").
    fronted: Regex,
    /// Words that may open a further item of a decision's list ("với").
    list_links: HashSet<String>,
    /// A speech "of" the name after it, at the end of a slice.
    speech_of_end: Regex,
    /// A sentence opening at an event ("Tại hội nghị,").
    at_event_start: Regex,
    /// Kinds that name an event ("hội nghị"; not "trao quyết định").
    named_kinds: LazyRegex,
    /// "đồng chí", "ông", "bà", … at the start of a slice.
    honorific_start: Regex,
    /// Lower-case words inside a title after a name ("tỉnh", "thường trực").
    title_words: HashSet<String>,
    /// A phrase that opens a collective item of an attendee list ("các",
    /// "đại diện"), at the start of a slice.
    group_head_start: Regex,
    /// … and at its end.
    honorific_end: Regex,
}

/// The trigger lists of [`Lex::triggers`].
const KINDS: usize = 0;
const ATTEND_VERB: usize = 1;
const ATTEND_OF: usize = 2;
const ATTEND_SIDE: usize = 3;

/// `items` in the order [`alternation`] tries them: longest first.
fn ordered(items: &[String]) -> Vec<String> {
    let mut v: Vec<String> = items.to_vec();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

fn alternation(items: &[String]) -> String {
    ordered(items)
        .iter()
        .map(|s| regex::escape(s).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let mut kind_surfaces = Vec::new();
    // kinds that name an event ("hội nghị"), not verb-like ones
    let mut named_kinds = Vec::new();
    let mut kind_info = HashMap::new();
    for e in super::lexicon::parse(include_str!("../../data/lexicons/event_kinds.txt")) {
        if e.len() < 2 {
            continue;
        }
        let surface = e[0].to_lowercase();
        kind_surfaces.push(surface.clone());
        if e.get(2).is_none_or(|f| f != "verb") {
            named_kinds.push(surface.clone());
        }
        kind_info.insert(
            surface,
            KindInfo {
                kind: e[1].clone(),
                verb: e.get(2).is_some_and(|f| f == "verb"),
            },
        );
    }
    let mut roles: HashMap<String, Vec<String>> = HashMap::new();
    for e in super::lexicon::parse(include_str!("../../data/lexicons/event_cues.txt")) {
        if e.len() < 2 {
            continue;
        }
        roles
            .entry(e[1].clone())
            .or_default()
            .push(e[0].to_lowercase());
    }
    let role = |r: &str| roles.get(r).cloned().unwrap_or_default();
    let org_verbs = role("org_verb");
    let mut all_verbs = org_verbs.clone();
    all_verbs.extend(role("verb"));
    let fillers = alternation(&role("filler"));
    let mut stop_comma = role("stop_comma");
    stop_comma.extend(role("stop"));
    let mut heads_all = role("head");
    heads_all.extend(role("head_weak"));
    let re = |s: &str| Regex::new(s).expect("event regex");
    // one of a role's words, as a word
    let words = |r: &str| re(&format!(r"(?i)\b(?:{})\b", alternation(&role(r))));
    // a clause opening, past filler words, with one of a role's words
    let opens_with = |r: &str| {
        re(&format!(
            r"(?i)^\s*(?:(?:{})\s+)*(?:{})\b",
            alternation(&role("agent_filler")),
            alternation(&role(r))
        ))
    };
    Lex {
        kinds: LazyRegex::new(&format!(r"(?i)\b(?:{})\b", alternation(&kind_surfaces)))
            .expect("event regex"),
        triggers: PhraseMatcher::new(&[
            (ordered(&kind_surfaces), true),
            (ordered(&role("attend_verb")), true),
            (ordered(&role("attend_of")), true),
            (ordered(&role("attend_side")), false),
        ]),
        kind_info,
        org_verb_end: re(&format!(
            r"(?i)(?:^|\s)({})(?:\s+(?:{fillers}))*\s*$",
            alternation(&org_verbs)
        )),
        verb_end: re(&format!(
            r"(?i)(?:^|\s)({})(?:\s+(?:{fillers}))*\s*$",
            alternation(&all_verbs)
        )),
        after_verb_any: re(&format!(
            r"(?i)\s(?:(?:{fillers})\s+)*(?:{})\b",
            alternation(&role("after_verb"))
        )),
        after_verb_start: re(&format!(
            r"(?i)^\s*(?:(?:{fillers})\s+)*(?:{})\b",
            alternation(&role("after_verb"))
        )),
        modal: words("modal"),
        blocker_end: re(&format!(
            r"(?i)(?:^|\s)(?:{})\s*$",
            alternation(&role("blocker"))
        )),
        ref_only_end: re(&format!(
            r"(?i)(?:^|\s)(?:{})\s*$",
            alternation(&role("ref_only"))
        )),
        name_stop: re(&format!(
            r"(?i)\s(?:{})\b|,\s*(?:{})\b|[.!?](?:\s|$)|[;\n]",
            alternation(&role("stop")),
            alternation(&stop_comma)
        )),
        chair: words("chair"),
        chair_team: words("chair_team"),
        attend_verb: re(&format!(
            r"(?i)\b(?:{})\b([^.;:,\n]{{0,120}}?),?\s(?:còn\s+có|gồm\s+có|gồm|có)\b\s*:?",
            alternation(&role("attend_verb"))
        )),
        attend_of: LazyRegex::new(&format!(
            r"(?i)\b(?:{})\b\s*:?",
            alternation(&role("attend_of"))
        ))
        .expect("event regex"),
        attend_side: re(&format!(
            r"(?i)\b(?:{})\s[^.;:,\n]{{1,80}}?\s(?:còn\s+có|có)\b\s*:?",
            alternation(&role("attend_side"))
        )),
        du_not: role("du_not").into_iter().collect(),
        group_split_strong: re(&format!(
            r"(?i)(?:,\s*|\s+(?:và|cùng)\s+)(?:{})\b",
            alternation(&role("head"))
        )),
        group_split_weak: re(&format!(
            r"(?i)(?:,\s*|\s+(?:và|cùng)\s+)(?:{})\b",
            alternation(&heads_all)
        )),
        group_trim: re(&format!(
            r"(?i)^(?:[\s,:\-–]|(?:{})\s)+",
            alternation(&role("trim"))
        )),
        agent_start: opens_with("agent_verb"),
        receive_end: re(&format!(
            r"(?i)(?:^|\s)(?:{})\s*$",
            alternation(&role("receive"))
        )),
        hand_over: words("hand_over"),
        press: words("press"),
        elected_start: opens_with("elected"),
        agent_not_start: opens_with("agent_not"),
        appoint: words("appoint"),
        ceremony: re(&format!(r"(?i)\b(?:{})\b", {
            let mut v = role("hand_over");
            v.extend(role("announce"));
            alternation(&v)
        })),
        earlier_start: re(&format!(
            r"(?i)^[\s*\-–•]*(?:{})\b",
            alternation(&role("earlier"))
        )),
        at_event_start: re(&format!(
            r"(?i)^[\s*\-–•]*tại\s+(?:{})\b",
            alternation(&named_kinds)
        )),
        fronted: re(&format!(
            r"(?i)^[\s*\-–•]*(?:{})\b[^,.;:!?\n]{{0,200}},\s*$",
            alternation(&role("fronted"))
        )),
        list_links: role("list_link").into_iter().collect(),
        speech_of_end: re(&format!(
            r"(?i)(?:^|\s)(?:{})\s*$",
            alternation(&role("speech_of"))
        )),
        named_kinds: LazyRegex::new(&format!(r"(?i)\b(?:{})\b", alternation(&named_kinds)))
            .expect("event regex"),
        title_words: role("title_word").into_iter().collect(),
        group_head_start: re(&format!(r"(?i)^(?:{})\b", alternation(&heads_all))),
        honorific_start: re(r"(?i)^(?:các\s+)?(?:đồng\s+chí|ông|bà|anh|chị|đ/c)\s+"),
        honorific_end: re(r"(?i)(?:^|\s)(?:các\s+)?(?:đồng\s+chí|ông|bà|anh|chị|đ/c)\s*$"),
        do_start: re(r"(?i)^\s*,?\s*do\s+"),
        organize_start: re(
            r"(?i)^\s*(?:phối\s+hợp\s+với\s+[^.;,]{1,80}?\s+)?(?:phối\s+hợp\s+)?(?:đồng\s+)?(?:chủ\s+trì\s+)?tổ\s+chức\b",
        ),
    }
});

/// Rule-name fragments of person entities that are not participants.
const NON_PARTICIPANT_RULES: &[&str] = &["byline", "credit", "photo", "author"];

fn is_participant(e: &Entity) -> bool {
    matches!(e.kind, Kind::Person { .. })
        && !NON_PARTICIPANT_RULES.iter().any(|r| e.rule.contains(r))
}

fn person_name(e: &Entity) -> Option<(String, Vec<String>)> {
    match &e.kind {
        Kind::Person {
            name,
            titles,
            refers_to,
        } => Some((
            refers_to.clone().unwrap_or_else(|| name.clone()),
            titles.clone(),
        )),
        _ => None,
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One kind mention and what the text around it says.
struct Mention {
    kind: String,
    /// The kind surface.
    kind_span: Range<usize>,
    /// Kind plus complement.
    name_span: Range<usize>,
    sentence: usize,
    /// Evidence that the event took place here (verb before/after).
    held: bool,
    /// Start of the organizing verb before the kind, when there is one.
    org_verb_start: Option<usize>,
    rule: &'static str,
}

struct Attendance {
    cue: Range<usize>,
    body: Range<usize>,
    kind: Option<String>,
    sentence: usize,
    rule: &'static str,
}

/// Lookups over `found` built once per document, so that no rule scans
/// every entity for every mention.
struct Index {
    /// Inclusive ranges (lo, hi) of positions where a date is a directive's
    /// issue date (see [`Index::directive_issue_date`]).
    issue: super::SpanIndex,
    /// Sentences holding a day date (see [`sentence_has_day_date`]).
    day_sentences: Vec<bool>,
    /// Person and title entities.
    person_title: super::SpanIndex,
    /// Organization, location, directive and person entities.
    taken: super::SpanIndex,
}

/// The first entity of `found` (sorted by start) starting at or after `pos`.
fn from(found: &[Entity], pos: usize) -> usize {
    found.partition_point(|e| e.start < pos)
}

/// The end of the run of whitespace starting at `pos`.
fn skip_ws(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + (rest.len() - rest.trim_start().len())
}

impl Index {
    fn new(ctx: &Analysis, found: &[Entity]) -> Index {
        let text = ctx.text;
        let mut issue = Vec::new();
        for d in found {
            if !matches!(d.kind, Kind::Directive { .. }) {
                continue;
            }
            if d.start < d.end {
                issue.push((d.start, d.end - 1));
            }
            // after it, the gap trimmed being "", "ngày" or ", ngày" (any
            // case): only these characters lower-case to those words
            let s1 = skip_ws(text, d.end);
            issue.push((d.end, s1));
            for word in ["ngày", ", ngày"] {
                let n = word.chars().count();
                let len = text[s1..]
                    .char_indices()
                    .nth(n)
                    .map_or(text.len() - s1, |(i, _)| i);
                let head = &text[s1..s1 + len];
                if head.chars().count() == n && head.to_lowercase() == word {
                    let e = s1 + len;
                    issue.push((e, skip_ws(text, e)));
                }
            }
        }
        let mut day_sentences = Vec::new();
        for e in found {
            if is_day_date(e) {
                if day_sentences.len() <= e.sentence {
                    day_sentences.resize(e.sentence + 1, false);
                }
                day_sentences[e.sentence] = true;
            }
        }
        Index {
            issue: super::SpanIndex::from_spans(issue),
            day_sentences,
            person_title: super::SpanIndex::new(found, &["person", "title"]),
            taken: super::SpanIndex::new(
                found,
                &["organization", "location", "directive", "person"],
            ),
        }
    }

    /// A date right after a directive ("Chỉ thị số 01 ngày 9/3/2021") or
    /// inside one is the directive's, not an event's.
    fn directive_issue_date(&self, date: &Entity) -> bool {
        self.issue.contains(&(date.start..date.start))
    }

    fn sentence_has_day_date(&self, sentence: usize) -> bool {
        self.day_sentences.get(sentence).copied().unwrap_or(false)
    }
}

/// `found` must be sorted by start (as [`super::extract`] leaves it).
pub fn extract(ctx: &Analysis, found: &[Entity]) -> Vec<Event> {
    let lex = &*LEX;
    let text = ctx.text;
    debug_assert!(found.is_sorted_by_key(|e| e.start));
    let ix = Index::new(ctx, found);
    // case-folded text for literal search; None: regexes only
    let folded = ctx.folded.as_deref();
    // every trigger, in one pass over the folded text
    let hits = folded.map(|f| lex.triggers.scan(text, f));
    let attendances = find_attendances(ctx, folded, hits.as_deref());
    let kinds: Vec<Range<usize>> = match &hits {
        Some(h) => leftmost(h, KINDS, |end| end),
        None => lex.kinds.find_iter(text).map(|m| m.range()).collect(),
    };
    let mut mentions = Vec::new();
    for r in kinds {
        if ix.taken.overlaps(&r) {
            continue;
        }
        if attendances
            .iter()
            .any(|a| a.cue.start <= r.start && r.start < a.body.end)
        {
            continue;
        }
        if let Some(mention) = analyse_mention(ctx, found, &ix, r) {
            mentions.push(mention);
        }
    }

    // Events from mentions, in text order; later mentions of a kind merge.
    let mut events: Vec<Event> = Vec::new();
    // For each event: the sentences that mention it (for chair and date).
    let mut event_sentences: Vec<Vec<usize>> = Vec::new();
    let mut covered: Vec<Range<usize>> = Vec::new();
    for m in &mentions {
        if covered
            .iter()
            .any(|c| c.start <= m.kind_span.start && m.kind_span.start < c.end)
        {
            continue;
        }
        let existing = events.iter().position(|e| e.kind == m.kind);
        let name = capitalize(text[m.name_span.clone()].trim());
        // A second event of a kind needs an organizing verb or a day date
        // of its own, and a name of its own.
        let distinct = |e: &Event| {
            let a = crate::normalize::search_key(&e.name);
            let b = crate::normalize::search_key(&name);
            (m.org_verb_start.is_some()
                || m.rule == "event.verb_after" && ix.sentence_has_day_date(m.sentence))
                && m.name_span.end - m.kind_span.end > 8
                && !a.contains(&b)
                && !b.contains(&a)
        };
        let new_event = m.held && existing.is_none_or(|i| distinct(&events[i]));
        if new_event {
            covered.push(m.name_span.clone());
            let organizer = find_organizer(ctx, found, &ix, m);
            events.push(Event {
                kind: m.kind.clone(),
                name,
                date: None,
                organizer,
                chair: None,
                attendees: Vec::new(),
                attendee_groups: Vec::new(),
                start: m.name_span.start,
                end: m.name_span.end,
                sentence: m.sentence,
                rule: m.rule.to_string(),
            });
            event_sentences.push(vec![m.sentence]);
        } else if let Some(i) = existing
            && !event_sentences[i].contains(&m.sentence)
        {
            event_sentences[i].push(m.sentence);
        }
    }

    // Attendance clauses.
    for a in &attendances {
        let target = match &a.kind {
            Some(k) => events
                .iter()
                .rposition(|e| &e.kind == k && e.start <= a.cue.start)
                .or_else(|| events.iter().position(|e| &e.kind == k)),
            None => events
                .iter()
                .rposition(|e| e.start <= a.cue.start)
                .or_else(|| events.iter().position(|e| e.sentence == a.sentence)),
        };
        let i = match (target, &a.kind) {
            (Some(i), _) => i,
            (None, Some(k)) => {
                let pos = events.partition_point(|e| e.start <= a.cue.start);
                events.insert(
                    pos,
                    Event {
                        kind: k.clone(),
                        name: k.clone(),
                        start: a.cue.start,
                        end: a.cue.end,
                        sentence: a.sentence,
                        rule: a.rule.to_string(),
                        ..Event::default()
                    },
                );
                event_sentences.insert(pos, vec![a.sentence]);
                pos
            }
            (None, None) => continue,
        };
        fill_attendance(ctx, found, a, &mut events[i]);
        if !event_sentences[i].contains(&a.sentence) {
            event_sentences[i].push(a.sentence);
        }
    }

    // Chair and date, from the sentences that mention each event.
    for (ev, sents) in events.iter_mut().zip(&event_sentences) {
        for &s in sents {
            if ev.chair.is_none() {
                let team = ev.kind.starts_with("Đoàn");
                ev.chair = find_chair(ctx, found, s, &attendances, team);
            }
        }
        let mut sorted = sents.clone();
        sorted.sort_unstable();
        let name_span = ev.start..ev.end;
        for s in std::iter::once(ev.sentence).chain(sorted) {
            if ev.date.is_none() {
                ev.date = find_date(found, &ix, s, &name_span);
            }
        }
    }
    if !events.is_empty() {
        add_participants(ctx, found, &mut events);
        add_chairs(found, &mut events);
    }
    events
}

/// The chair of an event attends it, also when the text names them only
/// where it says who chaired ("Hội nghị do đồng chí X chủ trì",
/// "dưới sự chủ trì của đồng chí X").
fn add_chairs(found: &[Entity], events: &mut [Event]) {
    let mut seen: HashSet<String> = events
        .iter()
        .flat_map(|e| e.attendees.iter())
        .map(|a| crate::normalize::search_key(&a.name))
        .collect();
    if events.iter().all(|e| e.chair.is_none()) {
        return;
    }
    // each name's titles, from its first mention (one pass over `found`)
    let mut titles_of: HashMap<String, Vec<String>> = HashMap::new();
    for (n, t) in found
        .iter()
        .filter(|e| is_participant(e))
        .filter_map(person_name)
    {
        titles_of.entry(n).or_insert(t);
    }
    for ev in events.iter_mut() {
        let Some(chair) = ev.chair.clone() else {
            continue;
        };
        if !seen.insert(crate::normalize::search_key(&chair)) {
            continue;
        }
        let titles = titles_of.get(&chair).cloned().unwrap_or_default();
        ev.attendees.push(Attendee {
            name: chair,
            titles,
        });
    }
}

/// The entity of a kind that can sit in an appositive or a list of names
/// (person, title, organization, location) starting exactly at `pos`: the
/// longest one.
fn entity_at(found: &[Entity], pos: usize) -> Option<&Entity> {
    found[from(found, pos)..]
        .iter()
        .take_while(|e| e.start == pos)
        .find(|e| {
            matches!(
                e.kind,
                Kind::Title { .. } | Kind::Organization { .. } | Kind::Location { .. }
            ) || is_participant(e)
        })
}

/// From the person `found[p]`, walk over what may follow a name before its
/// verb: titles in apposition (", Bí thư Tỉnh ủy", " - Giám đốc Sở …"), a
/// bracket, and further names of a list ("; Phó Chủ tịch Y", " và bà Z").
/// Returns where the walk stopped and the persons of the list (indices into
/// `found`, `p` first). Bounded: 800 bytes, 96 steps.
fn walk_names(text: &str, found: &[Entity], p: usize, limit: usize) -> (usize, Vec<usize>) {
    let lex = &*LEX;
    let limit = super::floor_boundary(text, limit.min(found[p].end + 800));
    let mut pos = found[p].end;
    let mut list = vec![p];
    // the walk just passed a separator / a separator or an entity
    let (mut after_sep, mut after_sep_or_entity) = (false, false);
    // the walk just passed a capitalised word no entity covers / is in
    // words that go on a title entity without a separator
    let (mut after_capital, mut title_tail) = (false, false);
    for _ in 0..96 {
        if pos >= limit {
            return (limit, list);
        }
        let s = pos + (text[pos..limit].len() - text[pos..limit].trim_start().len());
        if s >= limit {
            return (s.min(limit), list);
        }
        let rest = &text[s..limit];
        if rest.starts_with(['(', '[']) {
            match rest[..super::floor_boundary(rest, 120)].find([')', ']']) {
                Some(i) => {
                    pos = s + i + 1;
                    continue;
                }
                None => return (s, list),
            }
        }
        if let Some(e) = entity_at(found, s) {
            if matches!(e.kind, Kind::Person { .. }) {
                if let Some(j) = found[from(found, s)..]
                    .iter()
                    .position(|x| std::ptr::eq(x, e))
                {
                    list.push(from(found, s) + j);
                }
            }
            pos = e.end.max(s + 1);
            after_sep = false;
            after_sep_or_entity = true;
            after_capital = false;
            title_tail = matches!(e.kind, Kind::Title { .. });
            continue;
        }
        if rest.starts_with([',', ';', '-', '–']) {
            pos = s + rest.chars().next().map_or(1, char::len_utf8);
            after_sep = true;
            after_sep_or_entity = true;
            after_capital = false;
            title_tail = false;
            continue;
        }
        if let Some(m) = lex.honorific_start.find(rest) {
            pos = s + m.end();
            continue;
        }
        let word_end = rest
            .find(|c: char| c.is_whitespace() || ",;:()[]".contains(c))
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        if word == "và" || word == "cùng" {
            // only before another name
            let after = s + word_end;
            let a = after + (text[after..limit].len() - text[after..limit].trim_start().len());
            let a = a + lex
                .honorific_start
                .find(&text[a..limit])
                .map_or(0, |m| m.end());
            if entity_at(found, a).is_some_and(is_participant) {
                pos = a;
                continue;
            }
            return (s, list);
        }
        if after_sep_or_entity && !lex.agent_start.is_match_anchored(rest, 0) {
            // a lower-case word inside a title ("tỉnh", "thường trực"), or
            // up to three between capitalised words of a name ("Sở Tài
            // nguyên và Môi trường", "Hội luật gia tỉnh Hà Nam", "Cộng hòa
            // xã hội chủ nghĩa Việt Nam" as some reports write them)
            let capital_within = |n: usize| {
                for w in rest.split_whitespace().skip(1).take(n) {
                    if w.chars().next().is_some_and(char::is_uppercase) {
                        return true;
                    }
                    if w.contains([',', ';', '.', ':']) {
                        return false;
                    }
                }
                false
            };
            // the lower-case word ending a name the title rules left
            // ("Giám đốc Sở Giáo dục chứng kiến"): right after a
            // capitalised word, right before the verb
            let last_of_name = after_capital
                && title_tail
                && lex
                    .agent_start
                    .is_match_anchored(&text[s + word_end..limit], 0);
            if lex.title_words.contains(&word.to_lowercase()) || capital_within(3) || last_of_name {
                pos = s + word_end;
                after_capital = word.starts_with(char::is_uppercase);
                continue;
            }
        }
        after_capital = false;
        if after_sep && lex.group_head_start.is_match_anchored(rest, 0) {
            // a group item of the list ("; đại diện các sở, ngành … đã
            // dự"): over it, up to a separator or the verb
            let mut q = s;
            let mut ok = false;
            for _ in 0..16 {
                let r = &text[q..limit];
                let t = q + (r.len() - r.trim_start().len());
                if t >= limit || text[t..limit].starts_with([',', ';', '.', ':']) {
                    ok = true;
                    q = t;
                    break;
                }
                if t > s && lex.agent_start.is_match_anchored(&text[t..limit], 0) {
                    ok = true;
                    q = t;
                    break;
                }
                let r = &text[t..limit];
                q = t + r.find(char::is_whitespace).unwrap_or(r.len());
            }
            if ok {
                pos = q;
                continue;
            }
            return (s, list);
        }
        if word_end > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            // a capitalised word of a title the title rules did not cover
            pos = s + word_end;
            after_sep = false;
            after_sep_or_entity = true;
            after_capital = true;
            continue;
        }
        return (s, list);
    }
    (pos, list)
}

/// Persons the report shows taking part in its events, beyond the
/// attendance clauses: the subject of an agent verb ("Đồng chí X, Bí thư
/// Tỉnh ủy phát biểu", "A; B; C chủ trì hội thảo", captions "X trao quyết
/// định cho Y"), a receiver of what was handed over ("trao quyết định cho
/// ông Y"), the speaker of a paragraph opened by a name and a colon ("Phó
/// Thủ tướng X: …"). Not: a name in a credit or byline, a person speaking
/// to the press. Each joins the nearest event mentioned before it.
fn add_participants(ctx: &Analysis, found: &[Entity], events: &mut [Event]) {
    let lex = &*LEX;
    let text = ctx.text;
    let ranges: Vec<Range<usize>> = ctx.sentences.iter().map(|s| s.range()).collect();
    let marked: Vec<Range<usize>> = crate::segment::segments(text, &ranges)
        .into_iter()
        .filter(|(k, _)| *k != crate::model::SegmentKind::Caption)
        .map(|(_, r)| r)
        .collect();
    let in_marked = |pos: usize| {
        let k = marked.partition_point(|r| r.start <= pos);
        marked[..k].iter().rev().take(4).any(|r| pos < r.end)
    };
    let mut taken = vec![false; found.len()];
    let mut chosen: Vec<usize> = Vec::new();
    let mut press_names: HashSet<String> = HashSet::new();
    // per sentence, computed once: (told as before the event, shows a
    // ceremony of a decision, opens at an event)
    let mut sentence_marks: HashMap<usize, (bool, bool, bool)> = HashMap::new();
    let mut marks = |k: usize| {
        *sentence_marks.entry(k).or_insert_with(|| {
            let r = ctx.sentence(k);
            let t = &text[r.start..r.end.max(r.start)];
            let earlier = lex.earlier_start.is_match_anchored(t, 0) && !lex.named_kinds.is_match(t);
            (
                earlier,
                lex.ceremony.is_match(t),
                lex.at_event_start.is_match_anchored(t, 0),
            )
        })
    };
    for (i, p) in found.iter().enumerate() {
        if taken[i] || !is_participant(p) || in_marked(p.start) {
            continue;
        }
        if marks(p.sentence).0 {
            continue;
        }
        let sent = ctx.sentence(p.sentence);
        let from_sent = super::floor_boundary(text, p.start.saturating_sub(300)).max(sent.start);
        let before = &text[from_sent.min(p.start)..p.start];
        let name = person_name(p).map(|(n, _)| n).unwrap_or_default();
        // once introduced speaking to the press, later quotes of the same
        // person ("…", bà Y nói) are the interview too
        if lex.press.is_match(before) {
            // the full name and every shorter form ending it ("Nữ Y")
            let words: Vec<&str> = name.split_whitespace().collect();
            for k in 0..words.len() {
                press_names.insert(words[k..].join(" "));
            }
            continue;
        }
        if press_names.contains(&name) {
            continue;
        }
        let (stop, list) = walk_names(text, found, i, sent.end.max(p.end));
        let after = &text[stop..sent.end.max(stop)];
        let agent = lex.agent_start.is_match_anchored(after, 0)
            && !lex.agent_not_start.is_match_anchored(after, 0);
        // "Tại Đại hội, đồng chí X được bầu giữ chức …": elected there
        let elected = lex.elected_start.is_match_anchored(after, 0) && marks(p.sentence).2;
        // "Phó Thủ tướng X: …" heading its paragraph
        let quoted = after.starts_with(':')
            && before.len() <= 80
            && !before.contains([',', ':', ';', '.'])
            && !found[from(found, sent.start)..i]
                .iter()
                .any(|e| matches!(e.kind, Kind::Person { .. }));
        // `before` past the titles (and commas between them) and the
        // honorific right before the name ("của đồng chí Ủy viên Bộ Chính
        // trị, Thường trực Ban Bí thư X")
        let head = {
            // the start of the title, organisation or place ending at `at`,
            // or a few words before it when a capitalised word opens them
            // ("Thường trực Ban Bí thư Trung ương Đảng Cộng sản Việt Nam")
            let titled_before = |at: usize| {
                let gap_ok = |g: &str| {
                    g.trim().is_empty()
                        || (!g.contains([',', '.', ';', ':', '(', ')', '"'])
                            && g.split_whitespace().count() <= 4
                            && g.trim_start().starts_with(char::is_uppercase))
                };
                found[from(found, from_sent)..i]
                    .iter()
                    .filter(|e| {
                        e.end <= at
                            && e.end + 60 >= at
                            && e.start >= from_sent
                            && e.start < e.end
                            && matches!(
                                e.kind,
                                Kind::Title { .. }
                                    | Kind::Organization { .. }
                                    | Kind::Location { .. }
                            )
                            && gap_ok(&text[e.end..at])
                    })
                    .max_by_key(|e| (e.end, std::cmp::Reverse(e.start)))
                    .map(|e| e.start)
            };
            let mut end = p.start;
            if let Some(s) = titled_before(from_sent + text[from_sent..end].trim_end().len()) {
                end = s;
                // more titles before it, each followed by a comma
                for _ in 0..8 {
                    let t = text[from_sent..end].trim_end();
                    let Some(t) = t.strip_suffix(',') else {
                        break;
                    };
                    match titled_before(from_sent + t.trim_end().len()) {
                        Some(s) => end = s,
                        None => break,
                    }
                }
            }
            let head = &text[from_sent..end.max(from_sent)];
            match lex.honorific_end.find(head) {
                Some(m) => &head[..m.start()],
                None => head,
            }
        };
        let receiver = || lex.receive_end.is_match(head) && lex.hand_over.is_match(head);
        // "ý kiến phát biểu chỉ đạo của đồng chí X"
        let speech_of = lex.speech_of_end.is_match(head);
        // "Phát biểu tại hội nghị, đồng chí X …": the subject of the
        // opening clause (the sentence starts within `before`)
        let fronted = from_sent == sent.start && lex.fronted.is_match_anchored(head, 0);
        // "(trao quyết định) bổ nhiệm ông X", "miễn nhiệm chức … đối với
        // bà Y": the person a decision names, at a ceremony of it
        let mut appointee = || {
            let Some(v) = lex.appoint.find_iter(before).last() else {
                return false;
            };
            let v_end = from_sent + v.end();
            let between = &text[v_end..p.start];
            // a further item of the decision's list ("…; với ông Y", "…;
            // ông Z"): the item holds only the name and its address word
            let next_item = between.rsplit_once(';').is_some_and(|(_, item)| {
                let item = match lex.honorific_end.find(item) {
                    Some(m) => &item[..m.start()],
                    None => item,
                };
                let item = item.trim().to_lowercase();
                item.is_empty() || lex.list_links.contains(&item)
            });
            if next_item {
                if between.len() > 300 || between.contains(['.', ':']) {
                    return false;
                }
            } else {
                if between.len() > 120 || between.contains([';', '.', ':']) {
                    return false;
                }
                if found[from(found, v_end)..i]
                    .iter()
                    .any(|e| matches!(e.kind, Kind::Person { .. }))
                {
                    return false;
                }
            }
            // at the event itself ("Tại hội nghị, … bầu bà X"): only a
            // person the verb names right away, not one a long object
            // ends on ("thôi làm nhiệm vụ … đối với ông Y")
            let right_after = between.len() <= 40 && !between.contains(',');
            marks(p.sentence).1
                || (p.sentence > 0 && marks(p.sentence - 1).1)
                || right_after && marks(p.sentence).2
        };
        if agent || elected || quoted || fronted || speech_of || receiver() || appointee() {
            for j in list {
                if !taken[j] {
                    taken[j] = true;
                    chosen.push(j);
                }
            }
        }
    }
    chosen.sort_unstable();
    // names already attending, diacritics folded: a name the report also
    // misspells by one mark ("Vượng"/"Vương") is one person
    let mut seen: HashSet<String> = events
        .iter()
        .flat_map(|e| e.attendees.iter())
        .map(|a| crate::normalize::search_key(&a.name))
        .collect();
    for j in chosen {
        let p = &found[j];
        let Some((name, titles)) = person_name(p) else {
            continue;
        };
        let at = events.iter().rposition(|e| e.start <= p.start).unwrap_or(0);
        if !seen.insert(crate::normalize::search_key(&name)) {
            continue;
        }
        events[at].attendees.push(Attendee { name, titles });
    }
}

/// Decide whether the kind mention at `r` is an event, and its name.
fn analyse_mention(
    ctx: &Analysis,
    found: &[Entity],
    ix: &Index,
    r: Range<usize>,
) -> Option<Mention> {
    let lex = &*LEX;
    let text = ctx.text;
    let surface = text[r.clone()].to_lowercase();
    let surface = surface.split_whitespace().collect::<Vec<_>>().join(" ");
    let info = lex.kind_info.get(&surface)?;
    let sentence = ctx.sentence_of(r.start);
    let sent = ctx.sentence(sentence);
    let before_start = super::floor_boundary(text, r.start.saturating_sub(120)).max(sent.start);
    let before = &text[before_start..r.start];
    // a blocker that ends a longer verb ("phát biểu kết luận Hội nghị")
    // blocks nothing
    if let Some(b) = lex.blocker_end.find(before)
        && lex
            .verb_end
            .find(before)
            .is_none_or(|v| v.start() >= b.start())
    {
        return None;
    }
    let ref_only = lex.ref_only_end.is_match(before);
    // Name: from the kind to the end of its clause.
    let mut name_end = sent.end.max(r.end);
    let after = &text[r.end..name_end];
    if let Some(m) = lex.name_stop.find(after) {
        name_end = r.end + m.start();
    }
    // ", <person|title|organization|location>" starts another clause.
    let limit = name_end; // the loop stops where it moves name_end
    for e in found[from(found, r.end + 1)..]
        .iter()
        .take_while(|e| e.start < limit)
    {
        if e.start > r.end
            && matches!(
                e.kind,
                Kind::Person { .. }
                    | Kind::Title { .. }
                    | Kind::Organization { .. }
                    | Kind::Location { .. }
            )
            && text[..e.start].trim_end().ends_with(',')
        {
            name_end = text[..e.start].trim_end().len() - 1;
            break;
        }
    }
    let limit = name_end;
    for e in found[from(found, r.end)..]
        .iter()
        .take_while(|e| e.start < limit)
    {
        if let Kind::Date { granularity, .. } = &e.kind
            && granularity == "day"
            && !ix.directive_issue_date(e)
        {
            name_end = e.start;
            break;
        }
    }
    let mut name_end_trim = text[r.start..name_end]
        .trim_end_matches(|c: char| c.is_whitespace() || ",:-–(".contains(c))
        .len()
        + r.start;
    // A name ending on "ngày"/"vào" left before a cut date.
    for tail in [" ngày", " vào ngày", " vào", " sáng", " chiều", " tối"] {
        if super::lower_ends_with(&text[r.start..name_end_trim], tail) {
            name_end_trim -= tail.len();
        }
    }
    let name_span = r.start..name_end_trim.max(r.end);

    // Evidence that it took place.
    let (mut held, mut rule) = (false, "event.verb_after");
    let mut verb_start = None;
    let mut org_verb_start = None;
    if let Some(c) = lex.org_verb_end.captures(before) {
        let s = before_start + c.get(1).map_or(0, |g| g.start());
        verb_start = Some(s);
        org_verb_start = Some(s);
        held = true;
        rule = "event.organizer_verb";
        if c.get(1)
            .is_some_and(|g| g.as_str().to_lowercase().contains("tổ chức"))
        {
            rule = "event.organizer_to_chuc";
        }
    } else if let Some(c) = lex.verb_end.captures(before) {
        verb_start = Some(before_start + c.get(1).map_or(0, |g| g.start()));
        held = true;
        rule = "event.verb_before";
    }
    let rest = &text[name_span.end..sent.end.max(name_span.end)];
    let mut after_verb = None;
    if !held && let Some(m) = lex.after_verb_start.find_anchored(rest, 0) {
        held = true;
        after_verb = Some(name_span.end + m.end());
    }
    // The kind as the sentence's subject ("Chiều 9/12, Kỳ họp thứ 11, HĐND
    // tỉnh … đã bế mạc"): its verb may follow the name's apposition.
    // nothing but spaces since the sentence start or the last comma
    let subject = {
        let before = text[sent.start..r.start].trim_end();
        before.is_empty() || before.ends_with(',')
    };
    if !held && subject {
        let window = &rest[..super::floor_boundary(rest, 160)];
        if let Some(m) = lex.after_verb_any.find(window) {
            held = true;
            after_verb = Some(name_span.end + m.end());
        }
    }
    // a verb right before the kind ("phát biểu tại Hội nghị") outweighs
    // the "tại" it ends on
    let verb_before = verb_start.is_some();
    if info.verb {
        held = ix.sentence_has_day_date(sentence);
        verb_start = Some(r.start);
        rule = "event.verb_kind";
    }
    // A modal in the clause before the verb: an obligation or plan.
    if held {
        let verb_at = verb_start.unwrap_or(r.start);
        let clause_start = text[sent.start..verb_at]
            .rfind([',', ';', ':'])
            .map_or(sent.start, |i| sent.start + i + 1);
        let mut clause = text[clause_start..verb_at].to_string();
        if let Some(av) = after_verb {
            // The verb follows the name: the whole sentence before it counts.
            clause = text[sent.start..r.start].to_string();
            clause.push(' ');
            clause.push_str(&text[name_span.end..av]);
        }
        if lex.modal.is_match(&clause) {
            held = false;
        }
    }
    if ref_only && !verb_before {
        held = false;
    }
    Some(Mention {
        kind: info.kind.clone(),
        kind_span: r,
        name_span,
        sentence,
        held,
        org_verb_start,
        rule,
    })
}

/// A range within one month ("từ ngày 12 đến 14-7"): an event's dates.
fn same_month(k: &Kind) -> bool {
    matches!(k, Kind::Date { from: Some(from), to: Some(to), .. } if from.get(..7).is_some() && from.get(..7) == to.get(..7))
}

/// A day date, or a range within one month: what a sentence needs for a
/// verb-like kind to be an event.
fn is_day_date(e: &Entity) -> bool {
    matches!(&e.kind, Kind::Date { granularity, .. } if granularity == "day" || granularity == "range" && same_month(&e.kind))
}

fn find_organizer(ctx: &Analysis, found: &[Entity], ix: &Index, m: &Mention) -> Option<String> {
    let lex = &*LEX;
    let text = ctx.text;
    let sent = ctx.sentence(m.sentence);
    let org_name = |e: &Entity| match &e.kind {
        Kind::Organization { name, .. } => Some(name.clone()),
        _ => None,
    };
    let inside_person_or_title = |e: &Entity| ix.person_title.contains(&(e.start..e.end));
    // "X (đã) tổ chức Hội nghị": the subject before the organizing verb.
    if let Some(v) = m.org_verb_start {
        let subject = found[from(found, sent.start)..]
            .iter()
            .take_while(|e| e.start <= v)
            .filter(|e| {
                e.end <= v
                    && matches!(e.kind, Kind::Organization { .. })
                    && !inside_person_or_title(e)
            })
            .max_by_key(|e| e.end);
        if let Some(e) = subject {
            let gap = &text[e.end..v];
            let person_between = found[from(found, e.end)..]
                .iter()
                .take_while(|p| p.start <= v)
                .any(|p| matches!(p.kind, Kind::Person { .. }) && p.end <= v);
            if gap.len() <= 80 && !gap.contains([';', '.']) && !person_between {
                return org_name(e);
            }
        }
    }
    // "Hội nghị … do X tổ chức".
    let rest = &text[m.name_span.end..sent.end.max(m.name_span.end)];
    if let Some(d) = lex.do_start.find(rest) {
        let at = m.name_span.end + d.end();
        if let Some(e) = found[from(found, at)..]
            .iter()
            .take_while(|e| e.start == at)
            .find(|e| matches!(e.kind, Kind::Organization { .. }))
            && lex
                .organize_start
                .is_match(&text[e.end..sent.end.max(e.end)])
        {
            return org_name(e);
        }
    }
    // "Kỳ họp thứ Tám HĐND tỉnh …", "Hội nghị lần thứ 5 Ban Chấp hành …":
    // an organization right after the kind inside the name.
    found[from(found, m.kind_span.end)..]
        .iter()
        .take_while(|e| e.start <= m.kind_span.end + 16)
        .find(|e| {
            matches!(e.kind, Kind::Organization { .. })
                && e.end <= m.name_span.end
                && e.start - m.kind_span.end <= 16
                && !text[m.kind_span.end..e.start].contains(',')
        })
        .and_then(org_name)
}

/// Matches of `attend_verb` (whole, group 1): the regex verified only where
/// one of its verbs starts (`hits`, on `folded` text) when there is a
/// folded text.
fn attend_verb_matches(
    text: &str,
    folded: Option<&str>,
    hits: Option<&[Hit]>,
) -> Vec<(Range<usize>, Range<usize>)> {
    let lex = &*LEX;
    let (Some(f), Some(hits)) = (folded, hits) else {
        return lex
            .attend_verb
            .captures_iter(text)
            .map(|c| {
                let all = c.get(0).expect("match").range();
                let mid = c.get(1).map_or(all.end..all.end, |g| g.range());
                (all, mid)
            })
            .collect();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    for m in hits.iter().filter(|h| h.list == ATTEND_VERB) {
        let start = m.start;
        if start < pos {
            continue;
        }
        // the match ends with "\s(có|gồm…)" before any of . ; : , after the verb
        // BOUND (issue 15, linear time): attend_verb matches within 120
        // characters of its verb, so look no further than 1024 bytes for the
        // clause end (an unpunctuated text would be scanned to its end per match).
        let horizon = super::floor_boundary(f, (start + 1024).min(f.len()));
        let clause = f[start..horizon]
            .find(['.', ';', ':', ','])
            .map_or(horizon, |i| start + i);
        let window = &f[start..clause];
        // ("Cùng dự, có …": one comma right before "có")
        let comma_co = ["có", "gồm", "còn có"].iter().any(|w| {
            f[clause..]
                .strip_prefix(", ")
                .is_some_and(|r| r.starts_with(w))
        });
        if !window.contains(" có") && !window.contains(" gồm") && !comma_co {
            continue;
        }
        if let Some(c) = lex.attend_verb.captures_anchored(text, start)
            && let (Some(all), Some(mid)) = (c.get(0), c.get(1))
        {
            out.push((all.range(), mid.range()));
            pos = all.end();
        }
    }
    out
}

fn find_attendances(ctx: &Analysis, folded: Option<&str>, hits: Option<&[Hit]>) -> Vec<Attendance> {
    let lex = &*LEX;
    let text = ctx.text;
    let mut out: Vec<Attendance> = Vec::new();
    // the cues kept so far, start → end: disjoint, as an overlapping cue
    // is never kept, so one lookup finds any overlap
    let mut cues: BTreeMap<usize, usize> = BTreeMap::new();
    let clause_start_ok = |start: usize| {
        let sent = ctx.sentence(ctx.sentence_of(start));
        let before = text[sent.start..start].trim_end();
        before.is_empty() || before.ends_with([',', ';', ':', '.', ')', '"', '”'])
    };
    for (all, middle_range) in attend_verb_matches(text, folded, hits) {
        let middle = &text[middle_range.clone()];
        let first = middle
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lex.du_not.contains(&first) || !clause_start_ok(all.start) {
            continue;
        }
        let kind = match folded {
            Some(f) => lex
                .triggers
                .find(KINDS, middle, &f[middle_range])
                .map(|k| &middle[k]),
            None => lex.kinds.find(middle).map(|k| k.as_str()),
        };
        let kind = kind.and_then(|k| {
            let s = k.to_lowercase();
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            lex.kind_info.get(&s).map(|i| i.kind.clone())
        });
        push_attendance(
            ctx,
            &mut out,
            &mut cues,
            all,
            kind,
            "event.attendance_du_co",
        );
    }
    // `(?i)\b(?:<attend_of>)\b\s*:?`
    let attend_of = match hits {
        Some(h) => leftmost(h, ATTEND_OF, |end| {
            let b = text.as_bytes();
            // `\s` past the phrase is ASCII in a folded text
            let mut e = end;
            while e < b.len() && (b[e].is_ascii_whitespace() || b[e] == 0x0B) {
                e += 1;
            }
            e + usize::from(b.get(e) == Some(&b':'))
        }),
        None => lex.attend_of.find_iter(text).map(|m| m.range()).collect(),
    };
    for m in attend_of {
        push_attendance(
            ctx,
            &mut out,
            &mut cues,
            m,
            None,
            "event.attendance_su_tham_du",
        );
    }
    let attend_side: Vec<Range<usize>> = match hits {
        Some(h) => {
            // verified anchored at each cue, as `find_iter` would find them
            let mut pos = 0;
            let mut v = Vec::new();
            for c in h.iter().filter(|c| c.list == ATTEND_SIDE) {
                if c.start >= pos
                    && let Some(m) = lex.attend_side.find_anchored(text, c.start)
                {
                    pos = m.end();
                    v.push(m.range());
                }
            }
            v
        }
        None => lex.attend_side.find_iter(text).map(|m| m.range()).collect(),
    };
    for m in attend_side {
        if clause_start_ok(m.start) {
            push_attendance(
                ctx,
                &mut out,
                &mut cues,
                m,
                None,
                "event.attendance_ve_phia",
            );
        }
    }
    out.sort_by_key(|a| a.cue.start);
    out
}

fn push_attendance(
    ctx: &Analysis,
    out: &mut Vec<Attendance>,
    cues: &mut BTreeMap<usize, usize>,
    cue: Range<usize>,
    kind: Option<String>,
    rule: &'static str,
) {
    let sentence = ctx.sentence_of(cue.start);
    let sent = ctx.sentence(sentence);
    let body = cue.end..sent.end.max(cue.end);
    // kept cues are disjoint: only the last one starting before this cue's
    // end can reach into it
    if cues
        .range(..cue.end)
        .next_back()
        .is_some_and(|(_, &end)| cue.start < end)
    {
        return;
    }
    cues.insert(cue.start, cue.end);
    out.push(Attendance {
        cue,
        body,
        kind,
        sentence,
        rule,
    });
}

fn fill_attendance(ctx: &Analysis, found: &[Entity], a: &Attendance, ev: &mut Event) {
    let lex = &*LEX;
    let text = ctx.text;
    let persons: Vec<&Entity> = found[from(found, a.body.start)..]
        .iter()
        .take_while(|e| e.start < a.body.end)
        .filter(|e| is_participant(e))
        .collect();
    for p in &persons {
        if let Some((name, titles)) = person_name(p) {
            if let Some(existing) = ev.attendees.iter_mut().find(|x| x.name == name) {
                for t in titles {
                    if !existing.titles.contains(&t) {
                        existing.titles.push(t);
                    }
                }
            } else {
                ev.attendees.push(Attendee { name, titles });
            }
        }
    }
    if ev.rule.is_empty() {
        ev.rule = a.rule.to_string();
    }
    // Collective items of the ';'-separated list.
    let body = &text[a.body.clone()];
    let mut item_start = 0;
    for item in body.split(';') {
        let abs = a.body.start + item_start..a.body.start + item_start + item.len();
        item_start += item.len() + 1;
        let has_person = persons
            .iter()
            .any(|p| p.start < abs.end && abs.start < p.end);
        let last_person_end = persons
            .iter()
            .filter(|p| p.start < abs.end && abs.start < p.end)
            .map(|p| p.end)
            .max();
        let splitter = if has_person {
            &lex.group_split_strong
        } else {
            &lex.group_split_weak
        };
        let mut cuts = vec![abs.start];
        for m in splitter.find_iter(item) {
            cuts.push(abs.start + m.start());
        }
        cuts.push(abs.end);
        for w in cuts.windows(2) {
            let sub = w[0]..w[1];
            if persons
                .iter()
                .any(|p| p.start < sub.end && sub.start < p.end)
            {
                continue;
            }
            if last_person_end.is_some_and(|e| sub.start < e) {
                continue;
            }
            if let Some(g) = clean_group(&text[sub])
                && !ev.attendee_groups.contains(&g)
            {
                ev.attendee_groups.push(g);
            }
        }
    }
}

fn clean_group(s: &str) -> Option<String> {
    let lex = &*LEX;
    let mut s = s.trim();
    loop {
        let t = lex.group_trim.replace(s, "");
        let t = t.trim();
        if t.len() == s.len() {
            break;
        }
        s = &s[s.len() - t.len()..];
    }
    let s = s.trim_end_matches(|c: char| c.is_whitespace() || ".,:;".contains(c));
    let words = s.split_whitespace().count();
    let lower = s.to_lowercase();
    if words < 2 || lower == "các đồng chí" || lower == "đồng chí" {
        return None;
    }
    Some(s.to_string())
}

fn find_chair(
    ctx: &Analysis,
    found: &[Entity],
    sentence: usize,
    attendances: &[Attendance],
    team: bool,
) -> Option<String> {
    let lex = &*LEX;
    let text = ctx.text;
    let sent = ctx.sentence(sentence);
    let s = &text[sent.clone()];
    let m = lex
        .chair
        .find(s)
        .or_else(|| team.then(|| lex.chair_team.find(s)).flatten())?;
    let at = sent.start + m.start();
    let in_attendance = |e: &Entity| {
        attendances
            .iter()
            .any(|a| a.body.start <= e.start && e.start < a.body.end)
    };
    // Co-chairs are listed before the verb ("Đồng chí X, …; các Phó Chủ
    // tịch Y và Z chủ trì"): the first named is the chair.
    let before = found[from(found, sent.start)..]
        .iter()
        .take_while(|e| e.start <= at)
        .find(|e| e.end <= at && is_participant(e) && !in_attendance(e));
    let chosen = before.or_else(|| {
        let after = &text[m.end() + sent.start..sent.end];
        let clause_end = after
            .find(';')
            .map_or(sent.end, |i| m.end() + sent.start + i);
        found[from(found, sent.start + m.end())..]
            .iter()
            .take_while(|e| e.start < clause_end)
            .find(|e| is_participant(e))
    })?;
    person_name(chosen).map(|(n, _)| n)
}

fn find_date(found: &[Entity], ix: &Index, sentence: usize, name: &Range<usize>) -> Option<String> {
    let mut best: Option<(usize, bool, &Entity)> = None;
    // the sentence's entities: sentence numbers grow with start
    let first = found.partition_point(|e| e.sentence < sentence);
    for e in found[first..].iter().take_while(|e| e.sentence <= sentence) {
        let Kind::Date { granularity, .. } = &e.kind else {
            continue;
        };
        if e.sentence != sentence
            || !(granularity == "day" || granularity == "range" && same_month(&e.kind))
            || (name.start <= e.start && e.start < name.end)
            || ix.directive_issue_date(e)
        {
            continue;
        }
        let (dist, before) = if e.end <= name.start {
            (name.start - e.end, true)
        } else {
            (e.start.saturating_sub(name.end), false)
        };
        // Dates before the mention win over dates after it.
        let better = match best {
            None => true,
            Some((d, b, _)) => (before && !b) || (before == b && dist < d),
        };
        if better {
            best = Some((dist, before, e));
        }
    }
    best.and_then(|(_, _, e)| match &e.kind {
        Kind::Date { from, .. } => from.clone(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    /// Sentences split after ". " for tests (the real segmenter is elsewhere).
    fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(Span(start, i + 1));
            start = i + 2;
        }
        out.push(Span(start, text.len()));
        out
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in text"));
        s..s + needle.len()
    }

    struct Fx {
        text: String,
        sents: Vec<Span>,
        ents: Vec<(Kind, Range<usize>, &'static str)>,
    }

    impl Fx {
        fn new(text: &str) -> Self {
            Fx {
                text: text.to_string(),
                sents: sentences(text),
                ents: Vec::new(),
            }
        }
        fn org(mut self, n: &str) -> Self {
            let r = at(&self.text, n);
            self.ents.push((
                Kind::Organization {
                    name: n.into(),
                    expanded: n.into(),
                },
                r,
                "organization.test",
            ));
            self
        }
        fn person(mut self, n: &str, titles: &[&str]) -> Self {
            let r = at(&self.text, n);
            self.ents.push((
                Kind::Person {
                    name: n.into(),
                    titles: titles.iter().map(|t| t.to_string()).collect(),
                    refers_to: None,
                },
                r,
                "person.test",
            ));
            self
        }
        fn byline(mut self, n: &str) -> Self {
            let r = at(&self.text, n);
            self.ents.push((
                Kind::Person {
                    name: n.into(),
                    titles: vec![],
                    refers_to: None,
                },
                r,
                "person.byline",
            ));
            self
        }
        fn date(mut self, t: &str, iso: &str) -> Self {
            let r = at(&self.text, t);
            self.ents.push((
                Kind::Date {
                    from: Some(iso.into()),
                    to: Some(iso.into()),
                    granularity: "day".into(),
                },
                r,
                "date.test",
            ));
            self
        }
        fn directive(mut self, t: &str) -> Self {
            let r = at(&self.text, t);
            self.ents.push((
                Kind::Directive {
                    doc_type: "Nghị quyết".into(),
                    number: None,
                    issuer: None,
                    issued: None,
                    name: Some(t.into()),
                    key: t.into(),
                    refers_to: None,
                },
                r,
                "directive.test",
            ));
            self
        }
        fn run(&self) -> Vec<Event> {
            let ctx = Analysis::new(&self.text, &self.sents, None);
            let mut found: Vec<Entity> = self
                .ents
                .iter()
                .map(|(k, r, rule)| ctx.entity(k.clone(), r.clone(), rule))
                .collect();
            found.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
            extract(&ctx, &found)
        }
    }

    fn names(ev: &Event) -> Vec<&str> {
        ev.attendees.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn conference_with_organizer_date_attendees_and_groups() {
        let text = "Ngày 5-4, Huyện ủy Phú Lương tổ chức Hội nghị sơ kết, đánh giá việc thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV. Dự Hội nghị có các đồng chí Lê Văn Bình, Bí thư Huyện ủy; Đỗ Thị Mai, Chủ tịch UBND huyện; các đồng chí Ủy viên Ban Thường vụ Huyện ủy, các phòng, ban chuyên môn của huyện; lãnh đạo các xã, thị trấn. Tại Hội nghị, đồng chí Đỗ Thị Mai trình bày báo cáo. Phát biểu kết luận Hội nghị, đồng chí Lê Văn Bình đề nghị các cấp ủy tổ chức hội nghị quán triệt ở cơ sở.";
        let evs = Fx::new(text)
            .date("5-4", "2022-04-05")
            .org("Huyện ủy Phú Lương")
            .directive("Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV")
            .person("Lê Văn Bình", &["Bí thư Huyện ủy"])
            .person("Đỗ Thị Mai", &["Chủ tịch UBND huyện"])
            .run();
        assert_eq!(evs.len(), 1, "{evs:#?}");
        let ev = &evs[0];
        assert_eq!(ev.kind, "Hội nghị");
        assert_eq!(
            ev.name,
            "Hội nghị sơ kết, đánh giá việc thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV"
        );
        assert_eq!(ev.date.as_deref(), Some("2022-04-05"));
        assert_eq!(ev.organizer.as_deref(), Some("Huyện ủy Phú Lương"));
        assert_eq!(ev.rule, "event.organizer_to_chuc");
        assert_eq!(names(ev), ["Lê Văn Bình", "Đỗ Thị Mai"]);
        assert_eq!(ev.attendees[0].titles, ["Bí thư Huyện ủy"]);
        assert_eq!(
            ev.attendee_groups,
            [
                "các đồng chí Ủy viên Ban Thường vụ Huyện ủy",
                "các phòng, ban chuyên môn của huyện",
                "lãnh đạo các xã, thị trấn"
            ]
        );
        assert_eq!(ev.chair, None);
    }

    #[test]
    fn chair_and_lowercase_kind_and_cung_du() {
        let text = "Sáng 12-7, HĐND tỉnh Gia Lai khóa XII khai mạc kỳ họp thứ Sáu. Đồng chí Hồ Văn Niên, Chủ tịch HĐND tỉnh chủ trì kỳ họp. Cùng dự có đồng chí Rah Lan Chung, Phó Bí thư Tỉnh ủy và đại diện lãnh đạo các sở, ngành. Bài: Minh Anh";
        let evs = Fx::new(text)
            .date("12-7", "2023-07-12")
            .org("HĐND tỉnh Gia Lai")
            .org("HĐND tỉnh")
            .person("Hồ Văn Niên", &["Chủ tịch HĐND tỉnh"])
            .person("Rah Lan Chung", &["Phó Bí thư Tỉnh ủy"])
            .byline("Minh Anh")
            .run();
        assert_eq!(evs.len(), 1, "{evs:#?}");
        let ev = &evs[0];
        assert_eq!(ev.kind, "Kỳ họp");
        assert_eq!(ev.name, "Kỳ họp thứ Sáu");
        assert_eq!(ev.organizer.as_deref(), Some("HĐND tỉnh Gia Lai"));
        assert_eq!(ev.chair.as_deref(), Some("Hồ Văn Niên"));
        // the chair attended; the byline did not
        assert_eq!(names(ev), ["Rah Lan Chung", "Hồ Văn Niên"]);
        assert_eq!(ev.attendee_groups, ["đại diện lãnh đạo các sở, ngành"]);
    }

    #[test]
    fn passing_citation_is_no_event() {
        let text = "Theo tinh thần Hội nghị Trung ương 4 khóa XII, các cấp ủy cần tổ chức hội nghị quán triệt. Việc tổ chức Đại hội đảng bộ cơ sở phải xong trong quý II.";
        assert!(Fx::new(text).run().is_empty());
    }

    #[test]
    fn attendance_without_event_creates_one() {
        let text = "Tham dự buổi làm việc có đồng chí Trần Văn Nam, Phó Chủ tịch UBND tỉnh. Dự kiến có 200 đại biểu.";
        let evs = Fx::new(text)
            .person("Trần Văn Nam", &["Phó Chủ tịch UBND tỉnh"])
            .run();
        assert_eq!(evs.len(), 1, "{evs:#?}");
        assert_eq!(evs[0].kind, "Buổi làm việc");
        assert_eq!(evs[0].rule, "event.attendance_du_co");
        assert_eq!(names(&evs[0]), ["Trần Văn Nam"]);
    }

    #[test]
    fn working_session_by_verb_and_su_tham_du() {
        let text = "Chiều 3/5, đồng chí Lê Hoa, Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Văn Lãng, với sự tham dự của đồng chí Vy Văn Sơn, Chủ tịch UBND huyện.";
        let evs = Fx::new(text)
            .date("3/5", "2021-05-03")
            .person("Lê Hoa", &["Bí thư Tỉnh ủy"])
            .person("Vy Văn Sơn", &["Chủ tịch UBND huyện"])
            .org("Ban Thường vụ Huyện ủy Văn Lãng")
            .run();
        assert_eq!(evs.len(), 1, "{evs:#?}");
        let ev = &evs[0];
        assert_eq!(ev.kind, "Buổi làm việc");
        assert_eq!(ev.name, "Làm việc với Ban Thường vụ Huyện ủy Văn Lãng");
        assert_eq!(ev.date.as_deref(), Some("2021-05-03"));
        assert_eq!(names(ev), ["Vy Văn Sơn"]);
    }

    #[test]
    fn organizer_after_do_and_second_distinct_event() {
        let text = "Ngày 9/3, Hội thảo khoa học về chuyển đổi số do Sở Thông tin và Truyền thông tổ chức đã diễn ra tại thành phố. Cùng ngày, Tỉnh đoàn long trọng tổ chức Lễ kỷ niệm 90 năm Ngày thành lập Đoàn. Tại Hội thảo, các chuyên gia trao đổi.";
        let evs = Fx::new(text)
            .date("9/3", "2021-03-09")
            .org("Sở Thông tin và Truyền thông")
            .org("Tỉnh đoàn")
            .run();
        assert_eq!(evs.len(), 2, "{evs:#?}");
        assert_eq!(evs[0].kind, "Hội thảo");
        assert_eq!(evs[0].name, "Hội thảo khoa học về chuyển đổi số");
        assert_eq!(
            evs[0].organizer.as_deref(),
            Some("Sở Thông tin và Truyền thông")
        );
        assert_eq!(evs[1].kind, "Lễ");
        assert_eq!(evs[1].name, "Lễ kỷ niệm 90 năm Ngày thành lập Đoàn");
        assert_eq!(evs[1].organizer.as_deref(), Some("Tỉnh đoàn"));
    }
}
