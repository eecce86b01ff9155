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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{self, Options};
    use std::path::PathBuf;

    /// Counts every call a sink gets.
    #[derive(Default)]
    struct Calls {
        documents: usize,
        skipped: usize,
        finished: usize,
    }

    impl Sink for Calls {
        fn document(&mut self, _doc: &Document) -> anyhow::Result<()> {
            self.documents += 1;
            Ok(())
        }
        fn skipped(&mut self, _err: &ReadError) -> anyhow::Result<()> {
            self.skipped += 1;
            Ok(())
        }
        fn finish(&mut self, _summary: &Summary) -> anyhow::Result<()> {
            self.finished += 1;
            Ok(())
        }
    }

    /// A folder of one good report and one bad JSON line.
    fn archive(dir: &std::path::Path) -> Vec<PathBuf> {
        let reports = dir.join("reports");
        std::fs::create_dir(&reports).unwrap();
        std::fs::write(reports.join("a.txt"), "Hôm nay UBND tỉnh họp.").unwrap();
        std::fs::write(reports.join("b.jsonl"), "no json here\n").unwrap();
        vec![reports]
    }

    /// The trap of a forwarding impl: a method it forgets falls back to the
    /// trait's default and is silently dropped. Through `&mut S` and
    /// through a `Box<dyn Sink>` passed as `&mut dyn Sink`, every call
    /// reaches the sink.
    #[test]
    fn borrowed_and_boxed_sinks_get_every_call() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = archive(tmp.path());
        let mut calls = Calls::default();
        pipeline::run(&paths, &Options::default(), &mut &mut calls).unwrap();
        assert_eq!((calls.documents, calls.skipped, calls.finished), (1, 1, 1));
        let mut boxed: Box<dyn Sink + '_> = Box::new(&mut calls);
        pipeline::run(&paths, &Options::default(), boxed.as_mut()).unwrap();
        drop(boxed);
        assert_eq!((calls.documents, calls.skipped, calls.finished), (2, 2, 2));
    }

    /// `Reporting` over a borrowed sink: the caller has its sink back after
    /// the run, and each skipped input reached the sink and the error log.
    #[test]
    fn reporting_logs_each_skip_and_forwards_it() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = archive(tmp.path());
        let log = tmp.path().join("errors.jsonl");
        let mut calls = Calls::default();
        let errors = ErrorLog::create(&log).unwrap();
        let sink = Reporting::new(&mut calls, Some(errors), None);
        let summary = pipeline::run(&paths, &Options::default(), sink).unwrap();
        assert_eq!((calls.documents, calls.skipped, calls.finished), (1, 1, 1));
        assert_eq!(summary.skipped_total(), 1);
        let logged = std::fs::read_to_string(&log).unwrap();
        let lines: Vec<serde_json::Value> = logged
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0]["location"]
                .as_str()
                .unwrap()
                .ends_with("b.jsonl:1")
        );
        assert_eq!(lines[0]["reason"], "bad-json");
    }
}
