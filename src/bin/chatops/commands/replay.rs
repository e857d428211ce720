//! `chatops replay`: real events through a design, as the rule would have posted them. Reads
//! JSON Lines chunk by chunk (`crate::chunks`), or a JSON document whole; prints a text or JSON
//! summary, or one JSON line per event.

use crate::args::ReplayArgs;
use crate::chunks::LineChunks;
use crate::input::{read_design, MAX_REPLAY_DOCUMENT};
use crate::output::{broken, printable, stdout_safe, warn, Exit, InputError};
use anyhow::{anyhow, Context, Result};
use chatops_designer::domain::base::diagnostic::has_errors;
use chatops_designer::domain::pipeline::replay::{Item, Layout, Reader, Summary, Tally};
use chatops_designer::domain::pipeline::simulate::{compile, Compiled, Outcome, SimulateOptions};
use serde_json::json;
use std::io::{BufWriter, Read, StdoutLock, Write};
use std::process::ExitCode;

/// Where replay writes: standard output, buffered.
type Out<'a> = BufWriter<StdoutLock<'a>>;

pub fn run(args: ReplayArgs) -> Exit {
    let format = args.format.as_str();
    if !["text", "json", "jsonl"].contains(&format) {
        return Err(anyhow!("--format {format:?} is not one of text, json, jsonl").into());
    }
    let design = read_design(&args.design)?;
    let compiled = compile(&design);
    if has_errors(compiled.diagnostics()) {
        warn("the design has errors (chatops validate lists them); replaying it as the simulation reads it");
    }
    let mut tally = Tally::new(&compiled, SimulateOptions::default());
    let mut layouts = Vec::new();
    let stdout = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    for path in &args.events {
        let mut replay = File {
            path,
            compiled: &compiled,
            tally: &mut tally,
            jsonl: format == "jsonl",
            w: &mut w,
        };
        if let Some(l) = replay.run()? {
            layouts.push(format!("{} ({})", path, l.describe()));
        }
    }
    let s = &tally.summary;
    match format {
        "json" => {
            let v = json!({"files": layouts, "summary": s});
            writeln!(
                w,
                "{}",
                stdout_safe(&serde_json::to_string_pretty(&v).unwrap_or_default())
            )
            .map_err(broken)?;
        }
        "text" => {
            w.write_all(stdout_safe(&text_summary(s, &layouts)).as_bytes())
                .map_err(broken)?;
        }
        _ => {}
    }
    w.flush().map_err(broken)?;
    Ok(ExitCode::SUCCESS)
}

/// One file of the log being replayed into the tally.
struct File<'r, 'w> {
    path: &'r str,
    compiled: &'r Compiled,
    tally: &'r mut Tally,
    /// Each event's outcome is written as one JSON line.
    jsonl: bool,
    w: &'r mut Out<'w>,
}

impl File<'_, '_> {
    /// Replays the file; its layout, unless it held nothing.
    fn run(&mut self) -> std::result::Result<Option<Layout>, InputError> {
        let path = self.path;
        // JSON Lines are read a chunk of whole lines at a time (memory stays flat however long
        // the log), on a second thread while this one replays the chunk before; the other
        // layouts are one document and are read whole.
        let source: Box<dyn Read + Send> = if path == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {path}"))?)
        };
        let chunks = LineChunks::start(source);
        let mut cursor = None;
        let mut layout = None;
        let mut consumed = 0;
        while let Some(chunk) = chunks.next() {
            let mut buf = chunk.with_context(|| format!("cannot read {}", self.what()))?;
            let text = utf8(path, &buf, consumed)?;
            let mut reader = match cursor.take() {
                Some(c) => Reader::resume(text, c),
                // The first chunk decides the layout: JSON Lines go on chunk by chunk, a
                // document is read to its end first.
                None => match Reader::new(text).map_err(|e| anyhow!("{path}: {e}"))? {
                    r if r.layout() == Layout::JsonLines => r,
                    _ => {
                        self.read_to_end(&chunks, &mut buf)?;
                        Reader::new(utf8(path, &buf, consumed)?)
                            .map_err(|e| anyhow!("{path}: {e}"))?
                    }
                }
                .reading(self.compiled.reads()),
            };
            layout.get_or_insert(reader.layout());
            for item in reader.by_ref() {
                let o = self.tally.add(self.compiled, &item);
                self.emit(&item, o)?;
            }
            cursor = reader.cursor().next_chunk();
            consumed += buf.len();
            chunks.recycle(buf);
            if cursor.is_none() {
                break;
            }
        }
        Ok(layout)
    }

    /// The file as messages name it.
    fn what(&self) -> &str {
        if self.path == "-" {
            "standard input"
        } else {
            self.path
        }
    }

    /// Appends the rest of the source to `buf`: a document is read whole, up to its limit.
    fn read_to_end(&self, chunks: &LineChunks, buf: &mut Vec<u8>) -> Result<()> {
        while let Some(more) = chunks.next() {
            buf.extend_from_slice(&more.with_context(|| format!("cannot read {}", self.what()))?);
            if buf.len() > MAX_REPLAY_DOCUMENT {
                return Err(anyhow!("{} is one JSON document of more than {} MiB; replay reads a document whole, so split it, or write the events as JSON Lines (one event per line), which replay reads line by line however long the log", self.path, MAX_REPLAY_DOCUMENT >> 20));
            }
        }
        Ok(())
    }

    /// With `--format jsonl`, one line for the event: its outcome, or why it could not be read.
    fn emit(
        &mut self,
        item: &Item,
        o: Option<Vec<Outcome>>,
    ) -> std::result::Result<(), InputError> {
        if !self.jsonl {
            return Ok(());
        }
        let path = self.path;
        let line = match (o.as_deref(), &item.event) {
            (Some([o]), _) => {
                json!({"file": path, "place": item.place(), "matched": o.matched, "delivered": o.delivered, "notDelivered": o.not_delivered, "title": o.title, "buttons": o.buttons})
            }
            (Some(all), _) => {
                let rules: Vec<_> = all
                    .iter()
                    .zip(self.compiled.rules())
                    .map(|(o, r)| json!({"rule": r.name(), "matched": o.matched, "delivered": o.delivered, "notDelivered": o.not_delivered, "title": o.title, "buttons": o.buttons}))
                    .collect();
                let matched = all.iter().any(|o| o.matched);
                let delivered = all.iter().filter(|o| o.delivered).count();
                json!({"file": path, "place": item.place(), "matched": matched, "delivered": delivered, "rules": rules})
            }
            (None, Err(why)) => json!({"file": path, "place": item.place(), "error": why}),
            (None, Ok(_)) => return Ok(()),
        };
        writeln!(self.w, "{}", stdout_safe(&line.to_string())).map_err(broken)
    }
}

/// The text of a chunk that starts `consumed` bytes into the file.
fn utf8<'b>(path: &str, bytes: &'b [u8], consumed: usize) -> Result<&'b str> {
    std::str::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{path} is not UTF-8 text (byte {} is not); save it as UTF-8",
            consumed + e.valid_up_to()
        )
    })
}

/// The summary `--format text` prints: counts, reasons, buttons and the 20 commonest titles.
fn text_summary(s: &Summary, layouts: &[String]) -> String {
    let mut t = String::new();
    t += &format!("read {} event(s) from {}\n", s.read, layouts.join(", "));
    if s.malformed > 0 {
        t += &format!("malformed: {}\n", s.malformed);
        for m in &s.malformed_first {
            t += &format!("  {}: {}\n", m.place, printable(&m.reason, false));
        }
        if s.malformed > s.malformed_first.len() {
            t += &format!("  … and {} more\n", s.malformed - s.malformed_first.len());
        }
    }
    t += &format!("matched: {}\ndelivered: {}\n", s.matched, s.delivered);
    if s.rules.len() > 1 {
        t += "by rule (matched, delivered):\n";
        for r in &s.rules {
            t += &format!(
                "  {:>7}  {:>7}  {}\n",
                r.matched,
                r.delivered,
                printable(&r.rule, false)
            );
        }
    }
    let nd: usize =
        s.not_delivered.items.iter().map(|x| x.1).sum::<usize>() + s.not_delivered.others;
    t += &format!("not delivered: {nd}\n");
    for (why, n) in s.not_delivered.by_count() {
        t += &format!("  {n:>7}  {}\n", printable(&why, false));
    }
    t += "buttons:\n";
    for (text, n) in &s.buttons {
        t += &format!("  {n:>7}  {}\n", printable(text, false));
    }
    let distinct = s.titles.items.len();
    t += &format!(
        "titles: {distinct}{} distinct\n",
        if s.titles.others > 0 { "+" } else { "" }
    );
    for (title, n) in s.titles.by_count().into_iter().take(20) {
        t += &format!("  {n:>7}  {}\n", printable(&title, false));
    }
    if distinct > 20 {
        t += &format!("  … {} more (--format json lists them)\n", distinct - 20);
    }
    t
}
