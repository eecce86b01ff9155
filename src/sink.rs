//! Output sinks for the command line: what a processed document becomes,
//! and [`Reporting`], the one wrapper that tells the user about skipped
//! inputs whatever the sink under it.

use crate::model::{Document, Kind};
use crate::pipeline::{ErrorLog, Sink, Summary};
use crate::read::ReadError;
use std::io::Write;

/// Forwards to `inner` and reports every skipped input: a line on stderr
/// (above the progress bar, when one is shown) and, with an error log
/// (`--errors FILE`), a JSON line in it. Takes its sink by value: wrap
/// `&mut sink` to keep the sink after the run (the pipeline's blanket
/// `impl Sink for &mut S`).
pub struct Reporting<S> {
    inner: S,
    errors: Option<ErrorLog>,
    bar: Option<indicatif::ProgressBar>,
}

impl<S: Sink> Reporting<S> {
    pub fn new(inner: S, errors: Option<ErrorLog>, bar: Option<indicatif::ProgressBar>) -> Self {
        Reporting { inner, errors, bar }
    }
}

/// Print a line on stderr, above the progress bar when one is shown.
pub fn note(bar: Option<&indicatif::ProgressBar>, line: &str) {
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

impl<S: Sink> Sink for Reporting<S> {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        self.inner.document(doc)
    }
    fn skipped(&mut self, err: &ReadError) -> anyhow::Result<()> {
        note(self.bar.as_ref(), &format!("vntext: skipped {err}"));
        if let Some(log) = &mut self.errors {
            log.write(err)?;
        }
        self.inner.skipped(err)
    }
    fn finish(&mut self, summary: &Summary) -> anyhow::Result<()> {
        self.inner.finish(summary)
    }
}

/// One JSON object per document (JSON Lines), or indented with `pretty`.
pub struct JsonSink<W: Write> {
    out: W,
    pretty: bool,
    context: bool,
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W, pretty: bool) -> Self {
        JsonSink {
            out,
            pretty,
            context: false,
        }
    }

    /// Give every entity and event a `"context"` field: the sentence it
    /// was found in.
    pub fn with_context(mut self, context: bool) -> Self {
        self.context = context;
        self
    }
}

/// The text of sentence `i` of `doc` (empty when out of range).
pub fn sentence_text(doc: &Document, i: usize) -> &str {
    doc.sentences
        .get(i)
        .and_then(|s| doc.text.get(s.range()))
        .unwrap_or("")
}

/// `doc` as JSON with a `"context"` sentence on each entity and event.
fn with_contexts(doc: &Document) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(doc)?;
    for (key, sentences) in [
        (
            "entities",
            doc.entities.iter().map(|e| e.sentence).collect::<Vec<_>>(),
        ),
        ("events", doc.events.iter().map(|e| e.sentence).collect()),
    ] {
        if let Some(serde_json::Value::Array(items)) = value.get_mut(key) {
            for (item, &i) in items.iter_mut().zip(&sentences) {
                if let serde_json::Value::Object(obj) = item {
                    obj.insert("context".into(), sentence_text(doc, i).into());
                }
            }
        }
    }
    Ok(value)
}

impl<W: Write> Sink for JsonSink<W> {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        if self.context {
            let value = with_contexts(doc)?;
            if self.pretty {
                serde_json::to_writer_pretty(&mut self.out, &value)?;
            } else {
                serde_json::to_writer(&mut self.out, &value)?;
            }
        } else if self.pretty {
            serde_json::to_writer_pretty(&mut self.out, doc)?;
        } else {
            serde_json::to_writer(&mut self.out, doc)?;
        }
        self.out.write_all(b"\n")?;
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// The normalized text of each document. With `headers`, each document is
/// preceded by a `# id` line and followed by a blank line (for several
/// documents); without, the text alone is printed, so that normalizing the
/// output again changes nothing.
pub struct TextSink<W: Write> {
    out: W,
    headers: bool,
}

impl<W: Write> TextSink<W> {
    pub fn new(out: W, headers: bool) -> Self {
        TextSink { out, headers }
    }
}

impl<W: Write> Sink for TextSink<W> {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        if self.headers {
            writeln!(self.out, "# {}", doc.id)?;
        }
        writeln!(self.out, "{}", doc.text)?;
        if self.headers {
            writeln!(self.out)?;
        }
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// A readable listing: per document, one line per entity and event; with
/// context, each followed by a line holding the sentence it came from.
pub struct TableSink<W: Write> {
    out: W,
    context: bool,
}

impl<W: Write> TableSink<W> {
    pub fn new(out: W) -> Self {
        TableSink {
            out,
            context: false,
        }
    }

    /// Show under each entity and event the sentence it was found in.
    pub fn with_context(mut self, context: bool) -> Self {
        self.context = context;
        self
    }

    fn context_line(&mut self, doc: &Document, sentence: usize) -> std::io::Result<()> {
        if self.context {
            let text = sentence_text(doc, sentence).replace(['\n', '\r'], " ");
            writeln!(self.out, "  {:<12} │ {text}", "")?;
        }
        Ok(())
    }
}

/// The type-specific fields of an entity in a few words.
pub fn describe(kind: &Kind) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    match kind {
        Kind::Person {
            name,
            titles,
            refers_to,
        } => {
            let mut s = name.clone();
            if !titles.is_empty() {
                s += &format!(" [{}]", titles.join("; "));
            }
            if let Some(r) = refers_to {
                s += &format!(" → {r}");
            }
            s
        }
        Kind::Title {
            title,
            organization,
        } => format!("{title} (org: {})", opt(organization)),
        Kind::Organization { name, expanded } => format!("{name} = {expanded}"),
        Kind::Location { name, level } => format!("{name} ({level})"),
        Kind::Directive {
            doc_type,
            number,
            issuer,
            issued,
            name,
            key,
            refers_to,
        } => {
            let mut s = format!(
                "{doc_type} {} issuer {} issued {} key {key}",
                number.clone().or_else(|| name.clone()).unwrap_or_default(),
                opt(issuer),
                opt(issued)
            );
            if let Some(r) = refers_to {
                s += &format!(" → {r}");
            }
            s
        }
        Kind::Date {
            from,
            to,
            granularity,
        } => format!(
            "{}..{} ({granularity})",
            from.as_deref().unwrap_or("?"),
            to.as_deref().unwrap_or("?")
        ),
        Kind::Deadline {
            due,
            task,
            responsible,
        } => format!(
            "due {}: {task} (by {})",
            due.as_deref().unwrap_or("?"),
            opt(responsible)
        ),
    }
}

impl<W: Write> Sink for TableSink<W> {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        writeln!(
            self.out,
            "== {} | {} | {}",
            doc.id,
            doc.title.as_deref().unwrap_or("(no title)"),
            doc.date.as_deref().unwrap_or("(no date)")
        )?;
        for w in &doc.warnings {
            writeln!(self.out, "  warning: {w}")?;
        }
        for e in &doc.entities {
            writeln!(
                self.out,
                "  {:<12} {:<40} {}  <{}>",
                e.kind.type_name(),
                e.text,
                describe(&e.kind),
                e.rule
            )?;
            self.context_line(doc, e.sentence)?;
        }
        for ev in &doc.events {
            writeln!(
                self.out,
                "  {:<12} {} | date {} | organizer {} | chair {}",
                "event",
                ev.name,
                ev.date.as_deref().unwrap_or("-"),
                ev.organizer.as_deref().unwrap_or("-"),
                ev.chair.as_deref().unwrap_or("-")
            )?;
            self.context_line(doc, ev.sentence)?;
            for a in &ev.attendees {
                writeln!(
                    self.out,
                    "  {:<12}   {} [{}]",
                    "attendee",
                    a.name,
                    a.titles.join("; ")
                )?;
            }
            for g in &ev.attendee_groups {
                writeln!(self.out, "  {:<12}   {g}", "group")?;
            }
        }
        writeln!(self.out)?;
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
