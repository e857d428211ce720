//! Syntax highlighting as plain tokens, of exported files and of the JSON editors' text with the
//! place an error points at (the UI renders each token as a text node, never as HTML). Lossless:
//! the tokens' texts concatenate to the input (an editor's mark past a line's end adds a space).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Plain,
    Comment,
    String,
    Key,
    Keyword,
    Number,
    Variable,
    /// The place an editor's error points at.
    Mark,
}

impl TokenKind {
    /// A short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Plain => "plain",
            TokenKind::Comment => "comment",
            TokenKind::String => "string",
            TokenKind::Key => "key",
            TokenKind::Keyword => "keyword",
            TokenKind::Number => "number",
            TokenKind::Variable => "variable",
            TokenKind::Mark => "mark",
        }
    }

    /// The CSS class an editor draws a token of this kind with (`tok-…`); none for plain text.
    pub fn class(self) -> Option<&'static str> {
        match self {
            TokenKind::Plain => None,
            TokenKind::Comment => Some("tok-comment"),
            TokenKind::String => Some("tok-string"),
            TokenKind::Key => Some("tok-key"),
            TokenKind::Keyword => Some("tok-keyword"),
            TokenKind::Number => Some("tok-number"),
            TokenKind::Variable => Some("tok-variable"),
            TokenKind::Mark => Some("tok-mark"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

struct Out(Vec<Token>);

impl Out {
    fn push(&mut self, kind: TokenKind, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(t) if t.kind == kind => t.text.push_str(text),
            _ => self.0.push(Token {
                kind,
                text: text.to_string(),
            }),
        }
    }
}

/// Byte length of a quoted string starting at `s[0]` (the quote), escapes honoured; to the end if
/// it never closes.
fn quoted_len(s: &str, quote: char, escapes: bool) -> usize {
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if escapes && c == '\\' {
            chars.next();
        } else if c == quote {
            return i + c.len_utf8();
        }
    }
    s.len()
}

fn word_len(s: &str, extra: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || extra.contains(c)))
        .map_or(s.len(), |(i, _)| i)
}

fn number_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ".eE+-".contains(c)))
        .map_or(s.len(), |(i, _)| i)
}

fn line_len(s: &str) -> usize {
    s.find('\n').unwrap_or(s.len())
}

fn next_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

const HCL_KEYWORDS: &[&str] = &[
    "resource",
    "data",
    "variable",
    "output",
    "provider",
    "terraform",
    "locals",
    "module",
    "true",
    "false",
    "null",
];

fn hcl(text: &str, out: &mut Out) {
    let mut rest = text;
    let mut line_start = true;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let n = if c == '#' || rest.starts_with("//") {
            let n = line_len(rest);
            out.push(TokenKind::Comment, &rest[..n]);
            n
        } else if c == '"' {
            let n = quoted_len(rest, '"', true);
            out.push(TokenKind::String, &rest[..n]);
            n
        } else if let Some(h) = rest.strip_prefix("<<") {
            let h = h.strip_prefix('-').unwrap_or(h);
            let delim = &h[..word_len(h, "")];
            let head = line_len(rest);
            let mut n = head;
            // Lines up to and including the closing delimiter.
            let mut body = &rest[head..];
            while !body.is_empty() && !delim.is_empty() {
                let l = line_len(&body[1..]) + 1;
                n += l;
                let line = &body[1..l];
                body = &body[l..];
                if line.trim() == delim {
                    break;
                }
            }
            out.push(TokenKind::String, &rest[..n]);
            n
        } else if c.is_ascii_digit() {
            let n = number_len(rest);
            out.push(TokenKind::Number, &rest[..n]);
            n
        } else if c.is_ascii_alphabetic() || c == '_' {
            let n = word_len(rest, "-");
            let word = &rest[..n];
            let after = rest[n..].trim_start_matches(' ');
            let kind = if line_start && after.starts_with('=') && !after.starts_with("==") {
                TokenKind::Key
            } else if HCL_KEYWORDS.contains(&word) {
                TokenKind::Keyword
            } else if word == "var" || word == "self" {
                TokenKind::Variable
            } else {
                TokenKind::Plain
            };
            out.push(kind, word);
            n
        } else {
            let n = next_char_len(rest);
            out.push(TokenKind::Plain, &rest[..n]);
            n
        };
        line_start = rest[..n].ends_with('\n')
            || (line_start && rest[..n].chars().all(|c| c == ' ' || c == '\t'));
        rest = &rest[n..];
    }
}

fn json(text: &str, out: &mut Out) {
    let mut rest = text;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let n = if c == '"' {
            // A JSON string never spans lines: one left open ends with its line.
            let n = quoted_len(rest, '"', true).min(line_len(rest));
            let is_key = rest[n..].trim_start().starts_with(':');
            out.push(
                if is_key {
                    TokenKind::Key
                } else {
                    TokenKind::String
                },
                &rest[..n],
            );
            n
        } else if c.is_ascii_digit() || c == '-' {
            let n = number_len(rest).max(1);
            out.push(TokenKind::Number, &rest[..n]);
            n
        } else if let Some(w) = ["true", "false", "null"]
            .into_iter()
            .find(|w| rest.starts_with(w))
        {
            out.push(TokenKind::Keyword, w);
            w.len()
        } else {
            let n = next_char_len(rest);
            out.push(TokenKind::Plain, &rest[..n]);
            n
        };
        rest = &rest[n..];
    }
}

fn yaml(text: &str, out: &mut Out) {
    // (indent of the key that opened a block scalar) while inside one.
    let mut block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_end_matches('\n');
        if let Some(k) = block {
            if body.trim().is_empty() || indent > k {
                out.push(TokenKind::String, line);
                continue;
            }
            block = None;
        }
        out.push(TokenKind::Plain, &line[..indent]);
        let mut rest = &line[indent..];
        if rest.starts_with('#') {
            out.push(TokenKind::Comment, rest);
            continue;
        }
        if let Some(r) = rest.strip_prefix("- ") {
            out.push(TokenKind::Plain, "- ");
            rest = r;
        }
        // A key: plain or quoted, then `:`.
        let key_len = if rest.starts_with('"') {
            let n = quoted_len(rest, '"', true);
            rest[n..].starts_with(':').then_some(n)
        } else {
            rest.find(": ")
                .or_else(|| {
                    rest.trim_end()
                        .ends_with(':')
                        .then(|| rest.trim_end().len() - 1)
                })
                .filter(|&i| !rest[..i].contains(['"', '\'', '!']))
        };
        if let Some(n) = key_len {
            out.push(TokenKind::Key, &rest[..n]);
            out.push(TokenKind::Plain, ":");
            rest = &rest[n + 1..];
        }
        let value = rest.trim_start_matches(' ');
        out.push(TokenKind::Plain, &rest[..rest.len() - value.len()]);
        let mut value = value;
        if value.starts_with('!') {
            let n = word_len(&value[1..], ":") + 1;
            out.push(TokenKind::Keyword, &value[..n]);
            value = &value[n..];
            let v = value.trim_start_matches(' ');
            out.push(TokenKind::Plain, &value[..value.len() - v.len()]);
            value = v;
        }
        let v = value.trim_end_matches('\n');
        if v == "|" || v == "|-" {
            block = Some(indent);
            out.push(TokenKind::Keyword, v);
        } else if v.starts_with('"') || v.is_empty() {
            out.push(TokenKind::String, v);
        } else if v
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        {
            out.push(TokenKind::Number, v);
        } else if ["true", "false", "null", "[]", "{}"].contains(&v) {
            out.push(TokenKind::Keyword, v);
        } else {
            out.push(TokenKind::String, v);
        }
        out.push(TokenKind::Plain, &value[v.len()..]);
    }
}

const BASH_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "case", "esac", "set", "echo",
    "exit", "local", "export",
];

fn bash(text: &str, out: &mut Out) {
    let mut rest = text;
    let mut word_start = true;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let n = if c == '#' && word_start {
            let n = line_len(rest);
            out.push(TokenKind::Comment, &rest[..n]);
            n
        } else if c == '\'' {
            let n = quoted_len(rest, '\'', false);
            out.push(TokenKind::String, &rest[..n]);
            n
        } else if c == '"' {
            let n = quoted_len(rest, '"', true);
            out.push(TokenKind::String, &rest[..n]);
            n
        } else if c == '$' {
            let n = if rest[1..].starts_with('{') {
                rest.find('}').map_or(rest.len(), |i| i + 1)
            } else {
                1 + word_len(&rest[1..], "")
            };
            out.push(TokenKind::Variable, &rest[..n]);
            n
        } else if c.is_ascii_alphabetic() || c == '_' {
            let n = word_len(rest, "-");
            let word = &rest[..n];
            let kind = if word_start && BASH_KEYWORDS.contains(&word) {
                TokenKind::Keyword
            } else {
                TokenKind::Plain
            };
            out.push(kind, word);
            n
        } else {
            let n = next_char_len(rest);
            out.push(TokenKind::Plain, &rest[..n]);
            n
        };
        let last = rest[..n].chars().last().unwrap_or(' ');
        word_start = last.is_whitespace() || ";|&(".contains(last);
        rest = &rest[n..];
    }
}

const TS_KEYWORDS: &[&str] = &[
    "import",
    "from",
    "export",
    "class",
    "extends",
    "constructor",
    "super",
    "new",
    "const",
    "this",
    "true",
    "false",
    "null",
    "string",
    "as",
];
const PY_KEYWORDS: &[&str] = &[
    "import", "from", "as", "class", "def", "return", "None", "True", "False", "self",
];

/// TypeScript or Python (a CDK app): comments to the line's end, double-quoted strings (a Python
/// docstring is three of them), numbers, keywords, and a name before `:` or `=` as a key.
fn code(text: &str, comment: &str, keywords: &[&str], out: &mut Out) {
    let mut rest = text;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let n = if rest.starts_with(comment) {
            let n = line_len(rest);
            out.push(TokenKind::Comment, &rest[..n]);
            n
        } else if c == '"' {
            let n = quoted_len(rest, '"', true);
            out.push(TokenKind::String, &rest[..n]);
            n
        } else if c.is_ascii_digit() {
            let n = number_len(rest);
            out.push(TokenKind::Number, &rest[..n]);
            n
        } else if c.is_ascii_alphabetic() || c == '_' {
            let n = word_len(rest, "");
            let word = &rest[..n];
            let after = &rest[n..];
            let kind = if keywords.contains(&word) {
                TokenKind::Keyword
            } else if (after.starts_with(": ") || after.starts_with('='))
                && !after.starts_with("==")
            {
                TokenKind::Key
            } else {
                TokenKind::Plain
            };
            out.push(kind, word);
            n
        } else {
            let n = next_char_len(rest);
            out.push(TokenKind::Plain, &rest[..n]);
            n
        };
        rest = &rest[n..];
    }
}

/// Tokens for a file, by its extension (`.tf`, `.yaml`, `.json`, `.sh`, `.ts`, `.py`); other files
/// are plain.
pub fn highlight(file_name: &str, text: &str) -> Vec<Token> {
    let mut out = Out(Vec::new());
    match file_name.rsplit('.').next() {
        Some("tf") => hcl(text, &mut out),
        Some("json") => json(text, &mut out),
        Some("yaml") | Some("yml") => yaml(text, &mut out),
        Some("sh") => bash(text, &mut out),
        Some("ts") => code(text, "//", TS_KEYWORDS, &mut out),
        Some("py") => code(text, "#", PY_KEYWORDS, &mut out),
        _ => out.push(TokenKind::Plain, text),
    }
    out.0
}

/// Past this many bytes an editor's text is one plain token, so the work per keystroke stays
/// bounded whatever is pasted.
pub const EDITOR_LIMIT: usize = 16 * 1024;

/// An editor's JSON text as tokens, the character at `mark` (1-based line and column, in
/// characters; where an error points) as a token of its own, `Mark`. A place at a line's end or
/// past it is marked with an added space. Lossless otherwise.
pub fn json_editor(text: &str, mark: Option<(usize, usize)>) -> Vec<Token> {
    let mut tokens = if text.len() > EDITOR_LIMIT {
        vec![Token {
            kind: TokenKind::Plain,
            text: text.to_string(),
        }]
    } else {
        // JSON only: the editors link none of the other tokenizers.
        let mut out = Out(Vec::new());
        json(text, &mut out);
        out.0
    };
    if let Some((line, column)) = mark {
        let (at, len) = mark_span(text, line, column);
        tokens = split_at_mark(tokens, at, len);
    }
    tokens
}

/// The byte offset and length of the character at 1-based `line` and `column` (in characters);
/// length 0 when that place is a line's end (or the text's).
fn mark_span(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let line_text = &text[start..start + line_len(&text[start..])];
    match line_text.char_indices().nth(column.max(1) - 1) {
        Some((i, c)) => (start + i, c.len_utf8()),
        None => (start + line_text.len(), 0),
    }
}

fn split_at_mark(tokens: Vec<Token>, at: usize, len: usize) -> Vec<Token> {
    let mark = |text: &str| Token {
        kind: TokenKind::Mark,
        text: if text.is_empty() {
            " ".into()
        } else {
            text.into()
        },
    };
    let mut out = Vec::with_capacity(tokens.len() + 2);
    let mut offset = 0;
    let mut placed = false;
    for t in tokens {
        let end = offset + t.text.len();
        if !placed && at < end {
            let (from, to) = (at - offset, at - offset + len);
            if from > 0 {
                out.push(Token {
                    kind: t.kind,
                    text: t.text[..from].into(),
                });
            }
            out.push(mark(&t.text[from..to.min(t.text.len())]));
            if to < t.text.len() {
                out.push(Token {
                    kind: t.kind,
                    text: t.text[to..].into(),
                });
            }
            placed = true;
        } else {
            out.push(t);
        }
        offset = end;
    }
    if !placed {
        out.push(mark(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(name: &str, text: &str) -> Vec<(TokenKind, String)> {
        highlight(name, text)
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn hcl_keys_strings_and_heredocs() {
        let k = kinds("main.tf", "a = \"x\"\nt = <<EOT\n{\"a\": 1}\nEOT\n");
        assert!(k.contains(&(TokenKind::Key, "a".into())));
        assert!(k.contains(&(TokenKind::String, "\"x\"".into())));
        assert!(k.contains(&(TokenKind::String, "<<EOT\n{\"a\": 1}\nEOT".into())));
    }

    #[test]
    fn an_editor_error_is_marked_where_it_points() {
        let text = "{\n  \"a\": 1,\n  \"é\": x\n}";
        let marked = json_editor(text, Some((3, 8)));
        let joined: String = marked.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(joined, text, "lossless");
        let m: Vec<_> = marked
            .iter()
            .filter(|t| t.kind == TokenKind::Mark)
            .collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "x");
        // Past a line's end: a space is added there.
        let marked = json_editor("{\n\"a\"\n}", Some((2, 40)));
        let joined: String = marked.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(joined, "{\n\"a\" \n}");
        // An unclosed string ends with its line.
        let k = json_editor("{\"a\": \"open\n}", None);
        assert_eq!(k.last().unwrap().text, "\n}");
        // A text over the limit is one plain token, still marked.
        let big = format!("[{}]", "1,".repeat(EDITOR_LIMIT));
        let k = json_editor(&big, Some((1, 1)));
        assert_eq!(k.len(), 2);
        assert_eq!((k[0].kind, k[0].text.as_str()), (TokenKind::Mark, "["));
    }

    #[test]
    fn json_keys_differ_from_values() {
        let k = kinds("t.json", "{\"a\": \"b\"}");
        assert_eq!(k[1], (TokenKind::Key, "\"a\"".into()));
        assert_eq!(k[3], (TokenKind::String, "\"b\"".into()));
    }

    #[test]
    fn bash_quotes_and_variables() {
        let k = kinds("d.sh", "# c\nX='a b' && echo \"$X\" $Y\n");
        assert_eq!(k[0], (TokenKind::Comment, "# c".into()));
        assert!(k.contains(&(TokenKind::String, "'a b'".into())));
        assert!(k.contains(&(TokenKind::Variable, "$Y".into())));
    }
}
