//! Syntax highlighting of exported files as plain tokens (the UI renders each as a text node, never
//! as HTML). Lossless: the tokens' texts concatenate to the input.

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
            let n = quoted_len(rest, '"', true);
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

/// Tokens for a file, by its extension (`.tf`, `.yaml`, `.json`, `.sh`); other files are plain.
pub fn highlight(file_name: &str, text: &str) -> Vec<Token> {
    let mut out = Out(Vec::new());
    match file_name.rsplit('.').next() {
        Some("tf") => hcl(text, &mut out),
        Some("json") => json(text, &mut out),
        Some("yaml") | Some("yml") => yaml(text, &mut out),
        Some("sh") => bash(text, &mut out),
        _ => out.push(TokenKind::Plain, text),
    }
    out.0
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
