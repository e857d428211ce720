//! Replaying real events through a compiled design: "what would this rule have posted?"
//!
//! `Reader` finds the events in a text, in any of three layouts: JSON Lines (one event per line),
//! a JSON array of events, or the JSON that `aws logs filter-log-events` prints for a log group an
//! EventBridge rule writes to (each `events[].message` is an event). It reads one event at a time
//! and can stop and resume anywhere, so the app replays a big file in short tasks. A malformed
//! event is an `Item` with its place and reason, never the end of the replay.
//!
//! `Tally` counts what `outcome` says of each event: read, malformed, matched, delivered, not
//! delivered by reason, each button, and the distinct titles.

use crate::domain::base::diagnostic::{excerpt, without_position};
use crate::domain::eventbridge::projection::Projection;
use crate::domain::eventbridge::transform::MAX_EVENT_BYTES;
use crate::domain::pipeline::compile::Compiled;
use crate::domain::pipeline::simulate::{
    outcome, outcome_within_limit, Outcome, SimulateOptions, DISABLED,
};
use serde::Serialize;
use serde_json::Value;

/// The layouts `Reader` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One event per line (blank lines skipped).
    JsonLines,
    /// A JSON array of events.
    Array,
    /// `aws logs filter-log-events` output: `{"events": [{"message": "<event JSON>"}, …]}`.
    LogEvents,
}

impl Layout {
    pub fn describe(self) -> &'static str {
        match self {
            Layout::JsonLines => "JSON Lines",
            Layout::Array => "a JSON array",
            Layout::LogEvents => "aws logs filter-log-events output",
        }
    }
}

/// One event read, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// 1-based position of the event in the file (its line, element or log event).
    pub index: usize,
    /// The line it starts on.
    pub line: usize,
    pub layout: Layout,
    pub event: Result<Value, String>,
    /// How much of it was read.
    pub read: Read,
    /// Its byte range in the text (`event_at` reads it again, whole).
    pub span: (usize, usize),
}

impl Item {
    /// Where it is, for messages: `line 12`, `element 3 (line 40)`, `events[2] (line 9)`.
    pub fn place(&self) -> String {
        match self.layout {
            Layout::LogEvents => format!("events[{}] (line {})", self.index - 1, self.line),
            Layout::Array => format!("element {} (line {})", self.index, self.line),
            Layout::JsonLines => format!("line {}", self.line),
        }
    }
}

/// How much of an event a reader read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// All of it (no projection, an event over EventBridge's size limit, or a malformed one).
    Whole,
    /// Only what the design reads; the text was within EventBridge's size limit, so the size is
    /// not checked again.
    Projected,
    /// Nothing: its text lacks a value the pattern needs, so it cannot match. It was checked as
    /// JSON (a malformed event is never skipped); `event` is `Ok(Null)`.
    Skipped,
}

/// Why a text holds no events at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError(pub String);

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads events one at a time from a text (see the module's documentation).
pub struct Reader<'t> {
    text: &'t str,
    at: Cursor,
}

/// Where a reader is, to resume it later over the same text (the app replays in short tasks).
#[derive(Debug, Clone)]
pub struct Cursor {
    layout: Layout,
    /// Byte offset of the next thing to read.
    pos: usize,
    /// 1-based line of `pos`.
    line: usize,
    index: usize,
    done: bool,
    /// What the design reads of each event (the whole event when `None`).
    projection: Option<Projection>,
}

impl Cursor {
    /// For JSON Lines read a chunk of whole lines at a time: the cursor for the start of the next
    /// chunk, counting lines and events on. `None` for the other layouts, which are read whole.
    pub fn next_chunk(self) -> Option<Cursor> {
        (self.layout == Layout::JsonLines).then_some(Cursor {
            pos: 0,
            done: false,
            ..self
        })
    }
}

/// The whole event of an item, read again from the text it came from.
pub fn event_at(text: &str, layout: Layout, span: (usize, usize)) -> Result<Value, String> {
    let raw = text
        .get(span.0..span.1)
        .ok_or("the event is not in this text")?;
    match layout {
        Layout::LogEvents => parse_event(&log_message(raw)?, 1),
        _ => parse_event(raw.trim(), 1),
    }
}

const WHAT: &str = "JSON Lines (one event per line), a JSON array of events, or the JSON of `aws logs filter-log-events` (events[].message)";

impl<'t> Reader<'t> {
    /// Recognises the layout of `text` and positions the reader at its first event.
    pub fn new(text: &'t str) -> Result<Self, LayoutError> {
        // Positions stay those of `text`: a byte-order mark is stepped over, not cut off.
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let start = skip_ws(text.as_bytes(), bom);
        let mut r = Reader {
            text,
            at: Cursor {
                layout: Layout::JsonLines,
                pos: start,
                line: 1 + count_lines(&text.as_bytes()[..start]),
                index: 0,
                done: false,
                projection: None,
            },
        };
        match text.as_bytes().get(start) {
            None => Err(LayoutError(format!("the file is empty; expected {WHAT}"))),
            Some(b'[') => {
                r.at.layout = Layout::Array;
                r.advance_to(start + 1);
                Ok(r)
            }
            Some(b'{') => {
                let first_line = text[start..].split('\n').next().unwrap_or("");
                let whole_line_is_event =
                    serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok();
                if whole_line_is_event && !is_log_events_line(first_line) {
                    return Ok(r);
                }
                // A document over several lines: the log-events output, or one event.
                match find_events_array(text, start) {
                    Some(at) => {
                        r.at.layout = Layout::LogEvents;
                        r.advance_to(at + 1);
                        Ok(r)
                    }
                    None => Ok(r),
                }
            }
            // JSON Lines whose first lines are not events (each is counted as malformed).
            Some(_)
                if text[start..]
                    .lines()
                    .take(100)
                    .any(|l| l.trim_start().starts_with('{')) =>
            {
                Ok(r)
            }
            Some(_) => Err(LayoutError(format!(
                "the file starts with {:?}; expected {WHAT}",
                excerpt(text[start..].lines().next().unwrap_or(""))
            ))),
        }
    }

    /// Reads only what `projection` names of each event (events over EventBridge's size limit
    /// are read whole, so the limit is judged on the whole event).
    pub fn reading(mut self, projection: Projection) -> Self {
        self.at.projection = Some(projection);
        self
    }

    /// The event in `text`, and how much of it was read.
    fn event(&mut self, text: &str, first_line: usize) -> (Result<Value, String>, Read) {
        if let Some(p) = &mut self.at.projection {
            if text.len() <= MAX_EVENT_BYTES {
                if p.cannot_match(text)
                    && text.trim_start().starts_with('{')
                    && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
                {
                    return (Ok(Value::Null), Read::Skipped);
                }
                if !p.is_everything() {
                    if let Some(v) = p.parse(text) {
                        return (Ok(v), Read::Projected);
                    }
                }
            }
        }
        (parse_event(text, first_line), Read::Whole)
    }

    /// Where this reader is.
    pub fn cursor(&self) -> Cursor {
        self.at.clone()
    }

    /// A reader over `text` (the text `cursor` was taken from) that goes on from `cursor`; or,
    /// for JSON Lines read a chunk at a time, over the next chunk, after `Cursor::next_chunk`.
    pub fn resume(text: &'t str, cursor: Cursor) -> Self {
        Reader { text, at: cursor }
    }

    pub fn layout(&self) -> Layout {
        self.at.layout
    }

    /// Bytes read so far, for progress.
    pub fn position(&self) -> usize {
        self.at.pos
    }

    fn advance_to(&mut self, to: usize) {
        let to = to.min(self.text.len());
        self.at.line += count_lines(&self.text.as_bytes()[self.at.pos..to]);
        self.at.pos = to;
    }

    fn next_line(&mut self) -> Option<Item> {
        loop {
            if self.at.pos >= self.text.len() {
                return None;
            }
            let rest = &self.text[self.at.pos..];
            let from = self.at.pos;
            let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            let line = self.at.line;
            let raw = rest[..end].trim_end_matches('\r');
            self.at.pos += end + 1;
            self.at.line += 1;
            if raw.trim().is_empty() {
                continue;
            }
            self.at.index += 1;
            // A document over several lines is one event (a pretty-printed event file).
            if self.at.index == 1 && serde_json::from_str::<serde::de::IgnoredAny>(raw).is_err() {
                let whole = rest.trim();
                if let (Ok(event), read) = self.event(whole, line) {
                    self.at.pos = self.text.len();
                    return Some(Item {
                        index: 1,
                        line,
                        layout: self.at.layout,
                        event: Ok(event),
                        read,
                        span: (from, self.text.len()),
                    });
                }
            }
            let (event, read) = self.event(raw, line);
            return Some(Item {
                index: self.at.index,
                line,
                layout: self.at.layout,
                event,
                read,
                span: (from, from + end),
            });
        }
    }

    fn next_element(&mut self) -> Option<Item> {
        let bytes = self.text.as_bytes();
        let start = skip_ws(bytes, self.at.pos);
        self.advance_to(start);
        match bytes.get(start) {
            None => {
                self.at.done = true;
                self.at.index += 1;
                let what = if self.at.layout == Layout::LogEvents {
                    "the events array"
                } else {
                    "the array"
                };
                return Some(Item {
                    index: self.at.index,
                    line: self.at.line,
                    layout: self.at.layout,
                    event: Err(format!(
                        "{what} is not closed with ] before the end of the file"
                    )),
                    read: Read::Whole,
                    span: (start, start),
                });
            }
            Some(b']') => {
                self.at.done = true;
                return None;
            }
            Some(b',') => {
                self.advance_to(start + 1);
                return self.next_element();
            }
            _ => {}
        }
        let line = self.at.line;
        self.at.index += 1;
        let end = match skip_value(bytes, start) {
            Ok(end) => end,
            Err(why) => {
                self.at.done = true;
                self.advance_to(bytes.len());
                return Some(Item {
                    index: self.at.index,
                    line,
                    layout: self.at.layout,
                    event: Err(why),
                    read: Read::Whole,
                    span: (start, bytes.len()),
                });
            }
        };
        let raw = &self.text[start..end];
        self.advance_to(end);
        let (event, read) = match self.at.layout {
            Layout::LogEvents => match log_message(raw) {
                Ok(m) => self.event(&m, 1),
                Err(why) => (Err(why), Read::Whole),
            },
            _ => self.event(raw, line),
        };
        Some(Item {
            index: self.at.index,
            line,
            layout: self.at.layout,
            event,
            read,
            span: (start, end),
        })
    }
}

impl Iterator for Reader<'_> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if self.at.done {
            return None;
        }
        let item = match self.at.layout {
            Layout::JsonLines => self.next_line(),
            _ => self.next_element(),
        };
        if item.is_none() {
            self.at.done = true;
        }
        item
    }
}

/// The longest event text replay reads: four times what EventBridge accepts, room for any layout
/// of whitespace. A longer one is not parsed (that would hold many times its size in memory).
pub const MAX_EVENT_TEXT: usize = 4 * MAX_EVENT_BYTES;

fn parse_event(text: &str, first_line: usize) -> Result<Value, String> {
    if text.len() > MAX_EVENT_TEXT {
        return Err(format!(
            "{} bytes of text, more than any event could take (EventBridge accepts events of at most {} KB); not read",
            text.len(),
            MAX_EVENT_BYTES / 1024
        ));
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err("not a JSON object; an event is an object like {\"source\": …}".into()),
        Err(e) => {
            let line = first_line + e.line().saturating_sub(1);
            Err(format!(
                "not valid JSON at line {line}, column {}: {}",
                e.column(),
                plain(&e)
            ))
        }
    }
}

/// serde_json's message without its own "at line … column …" suffix.
fn plain(e: &serde_json::Error) -> String {
    without_position(&e.to_string())
}

fn log_message(raw: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct LogEvent {
        message: Option<String>,
    }
    match serde_json::from_str::<LogEvent>(raw) {
        Ok(LogEvent { message: Some(m) }) => Ok(m),
        Ok(_) => Err("this log event has no `message`".into()),
        Err(e) => Err(format!("not a log event: {}", plain(&e))),
    }
}

/// True for a one-line `{"events": [...]}` document.
fn is_log_events_line(line: &str) -> bool {
    find_events_array(line, skip_ws(line.as_bytes(), 0)).is_some()
}

/// The offset of the `[` of the top-level `"events"` array of the object at `start`.
fn find_events_array(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, start + 1);
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_value(b, i).ok()?;
        let key = &text[i..key_end];
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        if key == "\"events\"" {
            return (b.get(i) == Some(&b'[')).then_some(i);
        }
        i = skip_ws(b, skip_value(b, i).ok()?);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

fn count_lines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// The end of the JSON value starting at `start`, by structure only (strings, brackets); the
/// value itself is parsed later. Bounded by the text's length; nesting is counted, not recursed.
fn skip_value(b: &[u8], start: usize) -> Result<usize, String> {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => {
                            return Err("a string is not closed before the end of the file".into())
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return Ok(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            b',' if depth == 0 => return Ok(i),
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        Err("an object or array is not closed before the end of the file".into())
    } else {
        Ok(i)
    }
}

/// A count kept for each distinct key, in first-seen order, up to `MAX_KEYS` keys (the rest are
/// counted together).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub items: Vec<(String, usize)>,
    /// Occurrences of keys past the first `MAX_KEYS`.
    pub others: usize,
    #[serde(skip)]
    index: std::collections::HashMap<String, usize>,
}

/// Distinct titles and reasons kept with their own count.
pub const MAX_KEYS: usize = 1000;

impl Counts {
    fn add(&mut self, key: &str) {
        if let Some(&i) = self.index.get(key) {
            self.items[i].1 += 1;
        } else if self.items.len() < MAX_KEYS {
            self.index.insert(key.to_string(), self.items.len());
            self.items.push((key.to_string(), 1));
        } else {
            self.others += 1;
        }
    }
    /// The keys by count, most frequent first (first seen first among equals).
    pub fn by_count(&self) -> Vec<(String, usize)> {
        let mut v = self.items.clone();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        v
    }
}

/// A malformed event: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Malformed {
    pub place: String,
    pub reason: String,
}

/// Malformed events kept with their place (the rest are counted).
pub const MAX_MALFORMED_SHOWN: usize = 20;

/// What a replay found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub read: usize,
    pub malformed: usize,
    /// The first `MAX_MALFORMED_SHOWN` malformed events.
    pub malformed_first: Vec<Malformed>,
    /// Events that match at least one rule.
    pub matched: usize,
    /// Messages delivered (an event that two rules match may deliver two).
    pub delivered: usize,
    /// Each rule's name with the events it matched and the messages it delivered, in design order.
    pub rules: Vec<RuleCounts>,
    /// Matched events that deliver nothing, by reason.
    pub not_delivered: Counts,
    /// Each action's button text with the number of notifications it appears on, in design
    /// order (zero included).
    pub buttons: Vec<(String, usize)>,
    /// Delivered notifications by title.
    pub titles: Counts,
}

/// What one rule did in a replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCounts {
    pub rule: String,
    pub matched: usize,
    pub delivered: usize,
}

/// Counts outcomes as events are replayed, one at a time, through the compiled design it was
/// made for.
#[derive(Debug, Clone)]
pub struct Tally {
    options: SimulateOptions,
    pub summary: Summary,
}

impl Tally {
    pub fn new(compiled: &Compiled, options: SimulateOptions) -> Self {
        let buttons = compiled
            .actions
            .actions
            .iter()
            .map(|a| (a.design.button_text.clone(), 0))
            .collect();
        let rules = compiled
            .rules()
            .iter()
            .map(|r| RuleCounts {
                rule: r.name().to_string(),
                matched: 0,
                delivered: 0,
            })
            .collect();
        Tally {
            options,
            summary: Summary {
                read: 0,
                malformed: 0,
                malformed_first: Vec::new(),
                matched: 0,
                delivered: 0,
                rules,
                not_delivered: Counts::default(),
                buttons,
                titles: Counts::default(),
            },
        }
    }

    /// Replays one item; returns its outcome through each rule, in design order (`None` for a
    /// malformed event).
    pub fn add(&mut self, compiled: &Compiled, item: &Item) -> Option<Vec<Outcome>> {
        let s = &mut self.summary;
        s.read += 1;
        let event = match &item.event {
            Ok(e) => e,
            Err(why) => {
                s.malformed += 1;
                if s.malformed_first.len() < MAX_MALFORMED_SHOWN {
                    s.malformed_first.push(Malformed {
                        place: item.place(),
                        reason: why.clone(),
                    });
                }
                return None;
            }
        };
        let outcomes: Vec<Outcome> = (0..compiled.rules().len())
            .map(|rule| match item.read {
                Read::Skipped => Outcome::default(),
                Read::Projected => outcome_within_limit(compiled, rule, event, &self.options),
                Read::Whole => outcome(compiled, rule, event, &self.options),
            })
            .collect();
        s.matched += usize::from(outcomes.iter().any(|o| o.matched));
        for (o, counts) in outcomes.iter().zip(&mut s.rules) {
            counts.matched += usize::from(o.matched);
            counts.delivered += usize::from(o.delivered);
            if o.delivered {
                s.delivered += 1;
                s.titles.add(&o.title);
                // The buttons come in design order, so two actions with the same text are told
                // apart.
                let mut from = 0;
                for text in &o.buttons {
                    if let Some(k) = s.buttons[from..].iter().position(|(t, _)| t == text) {
                        s.buttons[from + k].1 += 1;
                        from += k + 1;
                    }
                }
            } else if let Some(why) = o.not_delivered.as_ref().filter(|w| *w != DISABLED) {
                s.not_delivered.add(why);
            }
        }
        Some(outcomes)
    }
}

/// Replays every event of `text` through a compiled design.
pub fn replay(compiled: &Compiled, text: &str) -> Result<(Layout, Summary), LayoutError> {
    let reader = Reader::new(text)?.reading(compiled.reads());
    let layout = reader.layout();
    let mut tally = Tally::new(compiled, SimulateOptions::default());
    for item in reader {
        tally.add(compiled, &item);
    }
    Ok((layout, tally.summary))
}
