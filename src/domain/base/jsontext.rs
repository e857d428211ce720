//! What JSON text says that a parsed `serde_json::Value` forgets: a key written twice in one object
//! (serde_json silently keeps the last) with where it is, and a leading byte-order mark. Bottom of
//! the core beside diagnostics: imports only diagnostics.

use crate::domain::base::diagnostic::{excerpt, pointer_push, MAX_LOCATED};
use std::collections::HashSet;

/// A key written a second time in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON pointer of the repeated member (`/rule/inputPaths/state`).
    pub pointer: String,
    /// 1-based line and column (in characters) of the second occurrence.
    pub line: usize,
    pub column: usize,
}

/// Every repeated key of a JSON text: the first `MAX_LOCATED` in text order, and how many there
/// are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duplicates {
    pub first: Vec<DuplicateKey>,
    pub count: usize,
}

impl Duplicates {
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

impl std::fmt::Display for Duplicates {
    /// `"a" at /x (line 2, column 3)` for the first, then how many more.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(d) = self.first.first() else {
            return Ok(());
        };
        write!(
            f,
            "the key at {} appears twice in its object (line {}, column {}); each key may appear once, or the last one would silently win",
            excerpt(&d.pointer),
            d.line,
            d.column
        )?;
        if self.count > 1 {
            write!(f, " ({} repeated keys in all)", self.count)?;
        }
        Ok(())
    }
}

/// The text without a leading UTF-8 byte-order mark (U+FEFF), which some editors write and JSON
/// parsers reject.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The byte offset of the first `{` or `[` that opens a level deeper than `limit` (the outermost
/// value is level 1), in one pass that skips strings; `None` when the text nests at most `limit`
/// levels. Text after a syntax error is read as if it were JSON; parsing reports that error.
pub fn deeper_than(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

enum Frame {
    Object {
        keys: HashSet<String>,
        expect_key: bool,
        /// The member being read, as the segment of its children's pointers.
        member: String,
    },
    Array {
        index: usize,
    },
}

/// Finds keys written twice in one object, in one pass over the text (no recursion, so any depth
/// is fine). Text after a syntax error is not read; parsing reports that error.
pub fn duplicate_keys(text: &str) -> Duplicates {
    let bytes = text.as_bytes();
    let mut out = Duplicates::default();
    let mut stack: Vec<Frame> = Vec::new();
    // Each open container's pointer segment in its parent.
    let mut segments: Vec<String> = Vec::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let (start_line, start_col) = (line, col);
                let Some((s, len)) = read_string(&text[i..]) else {
                    return out;
                };
                if let Some(Frame::Object {
                    keys,
                    expect_key,
                    member,
                }) = stack.last_mut()
                {
                    if *expect_key {
                        if !keys.insert(s.clone()) {
                            out.count += 1;
                            if out.first.len() < MAX_LOCATED {
                                let mut pointer = String::new();
                                for seg in &segments[1..] {
                                    pointer = pointer_push(&pointer, seg);
                                }
                                out.first.push(DuplicateKey {
                                    pointer: pointer_push(&pointer, &s),
                                    line: start_line,
                                    column: start_col,
                                });
                            }
                        }
                        *member = s;
                        *expect_key = false;
                    }
                }
                // A string holds no newline; count its characters.
                col += text[i..i + len].chars().count();
                i += len;
                continue;
            }
            b'{' | b'[' => {
                let segment = match stack.last() {
                    Some(Frame::Object { member, .. }) => member.clone(),
                    Some(Frame::Array { index }) => index.to_string(),
                    None => String::new(),
                };
                segments.push(segment);
                stack.push(if b == b'{' {
                    Frame::Object {
                        keys: HashSet::new(),
                        expect_key: true,
                        member: String::new(),
                    }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                stack.pop();
                segments.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'\n' => {
                line += 1;
                col = 0;
            }
            _ => {}
        }
        if b & 0xC0 != 0x80 {
            col += 1;
        }
        i += 1;
    }
    out
}

/// Reads the JSON string at the start of `s` (which begins with `"`): its value and its length in
/// bytes with the quotes. `None` when it does not close or has a bad escape.
fn read_string(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '"' | '\\' | '/' => out.push(e),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hi = hex4(&mut chars)?;
                        let c = if (0xD800..0xDC00).contains(&hi) {
                            // A high surrogate pairs with the `\uXXXX` that follows it.
                            let at = chars.clone().next()?.0;
                            if s[at..].starts_with("\\u") {
                                chars.next();
                                chars.next();
                                let lo = hex4(&mut chars)?;
                                char::from_u32(
                                    0x10000
                                        + ((hi - 0xD800) << 10)
                                        + (lo.wrapping_sub(0xDC00) & 0x3FF),
                                )
                            } else {
                                None
                            }
                        } else {
                            char::from_u32(hi)
                        };
                        out.push(c.unwrap_or('\u{fffd}'));
                    }
                    _ => return None,
                }
            }
            '\n' => return None,
            c => out.push(c),
        }
    }
    None
}

fn hex4(chars: &mut impl Iterator<Item = (usize, char)>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_outside_strings() {
        assert_eq!(deeper_than("{}", 1), None);
        assert_eq!(deeper_than("{\"a\":[{}]}", 2), Some(6));
        assert_eq!(deeper_than("{\"a\":\"[[[\\\"[[\"}", 1), None);
        assert_eq!(deeper_than(&"[".repeat(200), 100), Some(100));
    }

    fn check(text: &str, expected: &[(&str, usize, usize)]) {
        let d = duplicate_keys(text);
        let got: Vec<(&str, usize, usize)> = d
            .first
            .iter()
            .map(|k| (k.pointer.as_str(), k.line, k.column))
            .collect();
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn finds_repeated_keys_with_pointer_and_position() {
        check(r#"{"a": 1, "b": 2}"#, &[]);
        check(r#"{"a": 1, "a": 2}"#, &[("/a", 1, 10)]);
        check("{\"x\": {\"a\": 1,\n \"a\": [2]}}", &[("/x/a", 2, 2)]);
        check(r#"[{"k": 1}, {"k": 2, "k": 3}]"#, &[("/1/k", 1, 21)]);
        check(r#"{"a": "\"a\"", "\u0061": 1}"#, &[("/a", 1, 16)]);
        check(r#"{"é": {"a~/": 1, "a~/": 2}}"#, &[("/é/a~0~1", 1, 18)]);
        check(r#"{"a": {}, "b": {"a": 1}}"#, &[]);
        check(r#"{"a": 1, "a"#, &[]);
    }

    #[test]
    fn strips_only_a_leading_bom() {
        assert_eq!(strip_bom("\u{feff}{}"), "{}");
        assert_eq!(strip_bom("{\"\u{feff}\": 1}"), "{\"\u{feff}\": 1}");
    }
}

/// Why a text an editor holds is not what it should be, and where it points (1-based line and
/// column, in characters), when it points anywhere.
#[derive(Debug, Clone, PartialEq)]
pub struct TextError {
    pub message: String,
    pub at: Option<(usize, usize)>,
}

impl TextError {
    pub fn new(message: String, at: Option<(usize, usize)>) -> Self {
        TextError { message, at }
    }
}

/// Why a JSON text does not parse, in words a person can act on, with where: 1-based line and
/// column (in characters) of the place to look. An unclosed string or bracket is located where it
/// opens, not at the end of the text where the parser noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

/// Parses `text` as JSON; on failure, a `SyntaxError` explaining it.
/// A leading byte-order mark is skipped, and the error's place is counted in `text` as given (the
/// mark included), as the editors show it.
pub fn parse(text: &str) -> Result<serde_json::Value, SyntaxError> {
    let body = strip_bom(text);
    serde_json::from_str(body).map_err(|e| {
        let mut err = explain(body, &e);
        err.column = after_bom(text, err.line, err.column);
        err
    })
}

/// The column in `text` of a place found at `line` and `column` of `strip_bom(text)`: one more on
/// the first line when `text` starts with a byte-order mark.
pub fn after_bom(text: &str, line: usize, column: usize) -> usize {
    if line == 1 && text.starts_with('\u{feff}') {
        column + 1
    } else {
        column
    }
}

/// How deep serde_json reads before it stops with "recursion limit exceeded".
pub const SERDE_DEPTH: usize = 128;

/// Explains serde_json's error `e` for `text` (as `parse` does).
pub fn explain(text: &str, e: &serde_json::Error) -> SyntaxError {
    use crate::domain::base::diagnostic::without_position;
    let msg = without_position(&e.to_string());
    // serde_json counts columns in bytes; people (and the editors' marks) count characters.
    let column = char_column(text, e.line(), e.column());
    let at = |line: usize, column: usize, reason: String| SyntaxError {
        line,
        column,
        reason,
    };
    if e.is_eof() {
        if text.trim().is_empty() {
            return at(
                1,
                1,
                "the text is empty; a JSON value (such as an object {…}) is expected".into(),
            );
        }
        return match open_at_end(text) {
            Some(Open::String(line, col)) => at(
                line,
                col,
                format!(
                    "the string that starts on line {line} is not closed (a closing \" is missing)"
                ),
            ),
            Some(Open::Bracket(b, line, col)) => {
                let (what, close) = if b == b'{' {
                    ("object", '}')
                } else {
                    ("array", ']')
                };
                at(
                    line,
                    col,
                    format!(
                        "the {what} that opens on line {line} is not closed (a {close} is missing)"
                    ),
                )
            }
            None => at(e.line(), column, format!("the text ends too early ({msg})")),
        };
    }
    let reason = if msg.starts_with("recursion limit exceeded") {
        format!("the text nests more than {SERDE_DEPTH} levels deep here, deeper than this app reads (a design file nests at most 100 levels, an event pattern at most 98)")
    } else if msg.starts_with("trailing comma") {
        "a comma before a closing bracket: JSON allows no comma after the last item".to_string()
    } else if msg.starts_with("key must be a string") {
        "a key must be text in double quotes, like \"name\"".to_string()
    } else if msg.starts_with("expected `:`") {
        "a key must be followed by a colon (:) and its value".to_string()
    } else if msg.starts_with("expected `,` or `}`") {
        "a comma (,) or a closing } is expected here; is a comma missing between two members?"
            .to_string()
    } else if msg.starts_with("expected `,` or `]`") {
        "a comma (,) or a closing ] is expected here; is a comma missing between two items?"
            .to_string()
    } else if msg.starts_with("trailing characters") {
        "there is more text after the end of the JSON value".to_string()
    } else if msg.starts_with("expected value") || msg.starts_with("expected ident") {
        "a value is expected here: text in double quotes, a number, true, false, null, an object {…} or an array […]".to_string()
    } else if msg.starts_with("control character") {
        // Most often a string whose closing quote is missing runs into the line break.
        let before = prefix(text, e.line(), column);
        let at_line_end = before.ends_with(['\n', '\r']) || column == 0;
        if let (true, Some(Open::String(line, col))) = (at_line_end, open_at_end(before)) {
            return at(
                line,
                col,
                format!("the string that starts on line {line} is not closed on its line (a closing \" is missing; a line break inside a string is written \\n)"),
            );
        }
        "a tab or other control character inside a string must be written as an escape (\\t, \\u0001)".to_string()
    } else {
        msg
    };
    at(e.line(), column, reason)
}

/// The column in characters of 1-based `line`'s byte column `bytes`.
pub fn char_column(text: &str, line: usize, bytes: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return bytes;
    };
    // The characters that start before the byte column (one the column falls inside counts).
    line_text
        .char_indices()
        .take_while(|&(i, _)| i < bytes)
        .count()
        + bytes.saturating_sub(line_text.len())
}

enum Open {
    /// A string opening at (line, column).
    String(usize, usize),
    /// `{` or `[` opening at (line, column).
    Bracket(u8, usize, usize),
}

/// The text before 1-based `line` and `column` (in characters), the column's character included.
fn prefix(text: &str, line: usize, column: usize) -> &str {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text,
        }
    }
    let end = text[start..]
        .char_indices()
        .nth(column)
        .map_or(text.len(), |(i, _)| start + i);
    &text[..end]
}

/// What is still open at the end of `text`: the innermost unclosed string, else bracket.
fn open_at_end(text: &str) -> Option<Open> {
    let mut stack: Vec<(u8, usize, usize)> = Vec::new();
    let mut string: Option<(usize, usize)> = None;
    let (mut line, mut col) = (1, 0);
    let mut escaped = false;
    for c in text.chars() {
        col += 1;
        if string.is_some() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                string = None;
            }
        } else {
            match c {
                '"' => string = Some((line, col)),
                '{' | '[' => stack.push((c as u8, line, col)),
                '}' | ']' => {
                    stack.pop();
                }
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
    }
    if let Some((l, c)) = string {
        return Some(Open::String(l, c));
    }
    stack.last().map(|&(b, l, c)| Open::Bracket(b, l, c))
}
