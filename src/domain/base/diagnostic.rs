//! Diagnostics: what every core stage returns beside its best-effort value. Imports nothing from the
//! rest of the core.

use serde::Serialize;

/// How bad a diagnostic is. `Error` means AWS would reject or not deliver; `Warning` means it may work
/// but something is off; `Info` explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One finding, with where it is: a field path in the design (`actions/0/buttonText`) or a JSON
/// pointer in a document (`/detail/state/0`), plus line and column when there is text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message)
    }
    pub fn warning(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, location, message)
    }
    pub fn info(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, location, message)
    }
    pub fn new(
        severity: Severity,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            location: location.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
    /// Adds a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    /// Prefixes the location with `prefix/`, for diagnostics of a part placed inside a larger whole.
    pub fn under(mut self, prefix: &str) -> Self {
        self.location = if self.location.is_empty() {
            prefix.to_string()
        } else if self.location.starts_with('/') {
            format!("{prefix}{}", self.location)
        } else {
            format!("{prefix}/{}", self.location)
        };
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: ")?;
        if !self.location.is_empty() {
            write!(f, "{}", self.location)?;
            if let (Some(l), Some(c)) = (self.line, self.column) {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Appends `segment` to a JSON pointer, escaping `~` and `/` as RFC 6901 asks.
pub fn pointer_push(base: &str, segment: &str) -> String {
    format!("{base}/{}", segment.replace('~', "~0").replace('/', "~1"))
}

/// A serde_json error message without its " at line L column C" tail, for callers that report the
/// position separately.
pub fn without_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Counts characters the way the AWS limits do (Unicode scalar values).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// At most this many occurrences of one problem are located, and at most this many distinct
/// problems of one kind are reported; the rest are counted.
pub const MAX_LOCATED: usize = 20;
/// Text quoted in a message is cut to this many characters.
pub const MAX_QUOTED_CHARS: usize = 80;

/// A control character, or a bidirectional embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069): characters that are invisible or reorder the text around them when shown.
pub fn hides_or_reorders(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A character that shows nothing, or changes how the text around it shows, in a chat client:
/// `hides_or_reorders`, or a zero-width or other invisible format character (soft hyphen, zero-width
/// space and non-joiner, direction marks, word joiner and invisible operators, byte-order mark,
/// Hangul fillers, Mongolian selectors, tag characters). The zero-width joiner is not among them:
/// emoji sequences (👨‍👩‍👧) are made with it.
pub fn hidden_in_text(c: char) -> bool {
    hides_or_reorders(c)
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}' | '\u{200c}' | '\u{200e}' | '\u{200f}'
            | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{3164}' | '\u{feff}'
            | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{e0000}'..='\u{e0fff}')
}

/// The first character of `s` that `hidden_in_text` finds, as `U+XXXX` with its name when it is a
/// known one, for messages.
pub fn first_hidden(s: &str) -> Option<String> {
    let c = s.chars().find(|&c| hidden_in_text(c))?;
    let name = match c {
        '\u{202e}' => " (right-to-left override: shows the text after it reversed)",
        '\u{202d}' => " (left-to-right override)",
        '\u{202a}'..='\u{202c}' | '\u{2066}'..='\u{2069}' => " (a direction embedding or isolate)",
        '\u{200b}' => " (zero-width space)",
        '\u{200e}' | '\u{200f}' | '\u{61c}' => " (an invisible direction mark)",
        '\u{feff}' => " (byte-order mark, invisible)",
        c if c.is_control() => " (a control character)",
        _ => " (invisible)",
    };
    Some(format!("U+{:04X}{name}", c as u32))
}

/// `s` as it may appear in a message: at most `MAX_QUOTED_CHARS` characters, then an ellipsis.
pub fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_QUOTED_CHARS) {
        None => std::borrow::Cow::Borrowed(s),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..cut])),
    }
}

/// A JSON value as it may appear in a message: its compact JSON cut like `excerpt`, without
/// writing out more of a large value than is shown.
pub fn excerpt_json(v: &serde_json::Value) -> String {
    struct Capped {
        buf: Vec<u8>,
        cap: usize,
    }
    impl std::io::Write for Capped {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.buf.len() >= self.cap {
                return Err(std::io::Error::other("full"));
            }
            self.buf.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Four bytes per character is enough to hold MAX_QUOTED_CHARS characters and the ellipsis.
    let mut w = Capped {
        buf: Vec::new(),
        cap: MAX_QUOTED_CHARS * 4 + 4,
    };
    let full = serde_json::to_writer(&mut w, v).is_ok();
    let text = String::from_utf8_lossy(&w.buf);
    match (full, excerpt(&text)) {
        (true, e) => e.into_owned(),
        (false, std::borrow::Cow::Owned(e)) => e,
        (false, std::borrow::Cow::Borrowed(e)) => format!("{e}…"),
    }
}

/// Counts what serde_json would write: bytes, and characters (bytes that start a UTF-8 sequence).
struct JsonCount {
    bytes: usize,
    chars: usize,
}

impl std::io::Write for JsonCount {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.bytes += b.len();
        self.chars += b.iter().filter(|&&x| x & 0xC0 != 0x80).count();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn json_count(v: &serde_json::Value) -> JsonCount {
    let mut c = JsonCount { bytes: 0, chars: 0 };
    let _ = serde_json::to_writer(&mut c, v);
    c
}

/// The size in characters of a value's compact JSON, without writing it out.
pub fn json_chars(v: &serde_json::Value) -> usize {
    json_count(v).chars
}

/// The size in bytes of a value's compact JSON, without writing it out.
pub fn json_len(v: &serde_json::Value) -> usize {
    json_count(v).bytes
}

/// Names for a message: at most `MAX_LOCATED`, each cut like `excerpt`, then how many more;
/// `none` when there are none.
pub fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut shown = Vec::new();
    let mut more = 0usize;
    for n in names {
        if shown.len() < MAX_LOCATED {
            shown.push(excerpt(n).into_owned());
        } else {
            more += 1;
        }
    }
    if shown.is_empty() {
        return "none".into();
    }
    let mut s = shown.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// 1-based line and column (in characters) of byte offsets in one text, computed in one pass
/// when the offsets come in increasing order (an earlier offset restarts from the top).
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }
    /// The line and column of byte `offset` (clamped to the text, rounded down to a character).
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Where one occurrence of a problem is: a location and, in text, a line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub location: &'a str,
    pub at: Option<(usize, usize)>,
}

impl<'a> Place<'a> {
    pub fn new(location: &'a str, at: Option<(usize, usize)>) -> Self {
        Self { location, at }
    }
}

struct Repeat {
    diagnostic: Diagnostic,
    count: usize,
    also: Vec<String>,
}

/// Collects occurrences of one kind of problem so that each is reported once: a problem (a key,
/// such as the undefined name) becomes one diagnostic at its first place, with how many times it
/// occurs and up to `MAX_LOCATED` places; after `MAX_LOCATED` distinct problems the rest are
/// counted in one closing diagnostic. The diagnostic is built only for a problem's first
/// occurrence, so the work per occurrence stays constant.
pub struct Repeats {
    /// What the closing diagnostic calls the problems it counts (`undefined placeholders`).
    noun: &'static str,
    found: Vec<Repeat>,
    keys: std::collections::HashMap<String, usize>,
    unlisted: usize,
    unlisted_keys: std::collections::HashSet<String>,
    first_unlisted: Option<Diagnostic>,
}

impl Repeats {
    pub fn new(noun: &'static str) -> Self {
        Self {
            noun,
            found: Vec::new(),
            keys: std::collections::HashMap::new(),
            unlisted: 0,
            unlisted_keys: std::collections::HashSet::new(),
            first_unlisted: None,
        }
    }

    /// Records an occurrence of the problem `key` at `place`; `make` builds its diagnostic (its
    /// location and line/column are set from `place`).
    pub fn add(&mut self, key: &str, place: Place<'_>, make: impl FnOnce() -> Diagnostic) {
        if let Some(&i) = self.keys.get(key) {
            let r = &mut self.found[i];
            r.count += 1;
            if r.also.len() < MAX_LOCATED {
                let same = r.diagnostic.location == place.location;
                match (same, place.at) {
                    (true, Some((l, c))) => r.also.push(format!("{l}:{c}")),
                    (false, Some((l, c))) => r.also.push(format!("{}:{l}:{c}", place.location)),
                    (false, None) => r.also.push(place.location.to_string()),
                    // Same place without a position: only counted.
                    (true, None) => {}
                }
            }
            return;
        }
        let mut d = make();
        d.location = place.location.to_string();
        if let Some((l, c)) = place.at {
            d = d.at(l, c);
        }
        if self.found.len() < MAX_LOCATED {
            self.keys.insert(key.to_string(), self.found.len());
            self.found.push(Repeat {
                diagnostic: d,
                count: 1,
                also: Vec::new(),
            });
        } else {
            self.unlisted += 1;
            self.unlisted_keys.insert(key.to_string());
            self.first_unlisted.get_or_insert(d);
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The diagnostics: one per problem, then one counting the unlisted ones.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .found
            .into_iter()
            .map(|r| {
                let mut d = r.diagnostic;
                if r.count > 1 {
                    d.message = with_count(&d.message, r.count, &r.also);
                }
                d
            })
            .collect();
        if let Some(first) = self.first_unlisted {
            let kinds = self.unlisted_keys.len();
            out.push(Diagnostic {
                message: format!(
                    "{} more {} ({kinds} distinct) are not listed; the first is: {}",
                    self.unlisted, self.noun, first.message
                ),
                ..first
            });
        }
        out
    }
}

/// `message (N times; also at P, Q, …)`: how often a problem occurs and its further places.
fn with_count(message: &str, count: usize, also: &[String]) -> String {
    if also.is_empty() {
        return format!("{message} ({count} times)");
    }
    let ellipsis = if count - 1 > also.len() { ", …" } else { "" };
    format!(
        "{message} ({count} times; also at {}{ellipsis})",
        also.join(", ")
    )
}

/// Merges diagnostics that say the same thing (same severity and message) into the first, with a
/// count and up to `MAX_LOCATED` further places; order is kept.
pub fn merge_repeats(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diags.len() < 2 {
        return diags;
    }
    let mut index: std::collections::HashMap<(Severity, String), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<(Diagnostic, usize, Vec<String>)> = Vec::new();
    for d in diags {
        let key = (d.severity, d.message.clone());
        match index.get(&key) {
            Some(&i) => {
                let (_, count, also) = &mut out[i];
                *count += 1;
                if also.len() < MAX_LOCATED {
                    also.push(match (d.line, d.column) {
                        (Some(l), Some(c)) => format!("{}:{l}:{c}", d.location),
                        _ => d.location,
                    });
                }
            }
            None => {
                index.insert(key, out.len());
                out.push((d, 1, Vec::new()));
            }
        }
    }
    out.into_iter()
        .map(|(mut d, count, also)| {
            if count > 1 {
                d.message = with_count(&d.message, count, &also);
            }
            d
        })
        .collect()
}
