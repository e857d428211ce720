//! Microsoft Teams reads a custom notification's `client-markdown` text as its own markdown
//! (CommonMark-like: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``, `[label](url)`, lists,
//! quotes, fenced code), not Slack mrkdwn (section H of the facts). This parses that dialect into
//! the same `Block`/`Inline` data the Slack preview renders, and names the parts of a text that do
//! not render the same in both clients. Parsing never fails; links only for safe targets; work is
//! linear in the text. Imports mrkdwn (for the data types).

use crate::domain::amazon_q::mrkdwn::{is_safe_href, push_text, Block, Inline};

fn unescape_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Parses a message body in Teams markdown.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut quote: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    let mut code: Option<Vec<&str>> = None;
    fn flush_text(lines: &mut Vec<&str>, blocks: &mut Vec<Block>, quote: bool) {
        if lines.is_empty() {
            return;
        }
        let inl = parse_inlines(&lines.join("\n"));
        lines.clear();
        blocks.push(if quote {
            Block::Quote(inl)
        } else {
            Block::Paragraph(inl)
        });
    }
    fn flush_list(list: &mut Option<(bool, Vec<String>)>, blocks: &mut Vec<Block>) {
        if let Some((ordered, items)) = list.take() {
            blocks.push(Block::List {
                ordered,
                items: items.iter().map(|i| parse_inlines(i)).collect(),
            });
        }
    }
    for line in text.split('\n') {
        if let Some(body) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                let c = body.join("\n");
                code = None;
                blocks.push(Block::CodeBlock(if c.is_empty() { c } else { c + "\n" }));
            } else {
                body.push(line);
            }
            continue;
        }
        if line.trim_start().starts_with("```") {
            flush_text(&mut para, &mut blocks, false);
            flush_text(&mut quote, &mut blocks, true);
            flush_list(&mut list, &mut blocks);
            code = Some(Vec::new());
            continue;
        }
        let trimmed = line.trim_start();
        let bullet = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m));
        let numbered = {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && digits <= 9)
                .then(|| {
                    trimmed[digits..]
                        .strip_prefix(". ")
                        .or_else(|| trimmed[digits..].strip_prefix(") "))
                })
                .flatten()
        };
        if let Some((ordered, item)) = bullet
            .map(|b| (false, b))
            .or_else(|| numbered.map(|n| (true, n)))
        {
            flush_text(&mut para, &mut blocks, false);
            flush_text(&mut quote, &mut blocks, true);
            if list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush_list(&mut list, &mut blocks);
            }
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(item.to_string());
            continue;
        }
        if trimmed.is_empty() {
            flush_text(&mut para, &mut blocks, false);
            flush_text(&mut quote, &mut blocks, true);
            flush_list(&mut list, &mut blocks);
            continue;
        }
        if let Some(q) = trimmed.strip_prefix('>') {
            flush_text(&mut para, &mut blocks, false);
            flush_list(&mut list, &mut blocks);
            quote.push(q.strip_prefix(' ').unwrap_or(q));
            continue;
        }
        flush_text(&mut quote, &mut blocks, true);
        flush_list(&mut list, &mut blocks);
        para.push(line);
    }
    if let Some(body) = code {
        // An unclosed fence is text, as written.
        para.push("```");
        para.extend(body);
    }
    flush_text(&mut para, &mut blocks, false);
    flush_text(&mut quote, &mut blocks, true);
    flush_list(&mut list, &mut blocks);
    blocks
}

/// Parses one paragraph's inline markdown (a newline is a line break).
pub fn parse_inlines(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    parse_range(&chars, &mut out, true);
    out
}

/// How far a closing delimiter is looked for, so the work per delimiter is bounded.
const CLOSE_WITHIN: usize = 1_000;

/// The index where the run `delim` (one or two characters) closes on the same line, within
/// `CLOSE_WITHIN` characters.
fn find_run(chars: &[char], from: usize, delim: &[char]) -> Option<usize> {
    let n = delim.len();
    let mut j = from;
    let stop = chars.len().min(from + CLOSE_WITHIN);
    while j + n <= stop {
        if chars[j] == '\n' {
            return None;
        }
        // An underscore inside a word closes nothing (CommonMark: `snake_case_name` is text).
        let intraword = delim[0] == '_' && chars.get(j + n).is_some_and(|x| x.is_alphanumeric());
        if chars[j..j + n] == *delim && j > from && !chars[j - 1].is_whitespace() && !intraword {
            return Some(j);
        }
        j += 1;
    }
    None
}

fn parse_range(chars: &[char], out: &mut Vec<Inline>, links: bool) {
    let mut i = 0;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        let t = std::mem::take(text);
        push_text(out, &unescape_entities(&t));
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                flush(&mut text, out);
                out.push(Inline::LineBreak);
                i += 1;
                continue;
            }
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                text.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '`' => {
                if let Some(end) = chars[i + 1..]
                    .iter()
                    .position(|&x| x == '`' || x == '\n')
                    .map(|p| p + i + 1)
                    .filter(|&e| chars[e] == '`')
                {
                    flush(&mut text, out);
                    out.push(Inline::Code(chars[i + 1..end].iter().collect()));
                    i = end + 1;
                    continue;
                }
            }
            '*' | '_' | '~' => {
                let double = chars.get(i + 1) == Some(&c);
                let delim: &[char] = if double {
                    &chars[i..i + 2]
                } else {
                    &chars[i..i + 1]
                };
                let open = i + delim.len();
                // An underscore inside a word opens nothing either.
                let after_word = c == '_' && i > 0 && chars[i - 1].is_alphanumeric();
                let opens = chars.get(open).is_some_and(|x| !x.is_whitespace()) && !after_word;
                // `~` alone is text in Teams markdown; `~~` strikes.
                if opens && (c != '~' || double) {
                    if let Some(end) = find_run(chars, open, delim) {
                        flush(&mut text, out);
                        let mut inner = Vec::new();
                        parse_range(&chars[open..end], &mut inner, links);
                        out.push(match (c, double) {
                            ('~', _) => Inline::Strike(inner),
                            (_, true) => Inline::Bold(inner),
                            (_, false) => Inline::Italic(inner),
                        });
                        i = end + delim.len();
                        continue;
                    }
                }
            }
            '[' if links => {
                if let Some(close) = chars[i + 1..]
                    .iter()
                    .position(|&x| x == ']' || x == '\n')
                    .map(|p| p + i + 1)
                    .filter(|&e| chars[e] == ']' && chars.get(e + 1) == Some(&'('))
                {
                    if let Some(end) = chars[close + 2..]
                        .iter()
                        .position(|&x| x == ')' || x.is_whitespace())
                        .map(|p| p + close + 2)
                        .filter(|&e| chars[e] == ')')
                    {
                        let href: String = chars[close + 2..end].iter().collect();
                        if is_safe_href(&href) {
                            flush(&mut text, out);
                            let mut label = Vec::new();
                            parse_range(&chars[i + 1..close], &mut label, false);
                            out.push(Inline::Link { href, label });
                            i = end + 1;
                            continue;
                        }
                    }
                }
            }
            '<' if links => {
                if let Some(end) = chars[i + 1..]
                    .iter()
                    .position(|&x| x == '>' || x.is_whitespace() || x == '<')
                    .map(|p| p + i + 1)
                    .filter(|&e| chars[e] == '>')
                {
                    let href: String = chars[i + 1..end].iter().collect();
                    // An autolink: `<https://…>`; Slack's `<url|label>` is not one.
                    if is_safe_href(&href) && !href.contains('|') {
                        flush(&mut text, out);
                        out.push(Inline::Link {
                            label: vec![Inline::Text(href.clone())],
                            href,
                        });
                        i = end + 1;
                        continue;
                    }
                }
            }
            'h' if links
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '<')) =>
            {
                let head: String = chars[i..].iter().take(8).collect();
                if head.starts_with("https://") || head.starts_with("http://") {
                    let mut stop = i;
                    while stop < chars.len()
                        && !chars[stop].is_whitespace()
                        && !"<>[]|".contains(chars[stop])
                    {
                        stop += 1;
                    }
                    while stop > i && ".,;:!?)'\"".contains(chars[stop - 1]) {
                        stop -= 1;
                    }
                    let href: String = chars[i..stop].iter().collect();
                    if is_safe_href(&href) {
                        flush(&mut text, out);
                        out.push(Inline::Link {
                            label: vec![Inline::Text(href.clone())],
                            href,
                        });
                        i = stop;
                        continue;
                    }
                }
            }
            _ => {}
        }
        text.push(c);
        i += 1;
    }
    flush(&mut text, out);
}

/// A construct that renders differently in Slack and in Teams.
struct Difference {
    /// What to look for, and how it reads.
    find: fn(&str) -> Option<String>,
    says: &'static str,
}

fn snippet(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn slack_link(t: &str) -> Option<String> {
    let start = t.find('<')?;
    let rest = &t[start..];
    let end = rest.find('>')?;
    let inner = &rest[1..end];
    (inner.contains('|') && is_safe_href(inner.split('|').next().unwrap_or("")))
        .then(|| snippet(&rest[..=end]))
}

fn single_star(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'*' && b.get(i + 1) != Some(&b'*') && (i == 0 || b[i - 1] != b'*') {
            if let Some(len) = t[i + 1..].find('*') {
                let inner = &t[i + 1..i + 1 + len];
                if !inner.is_empty()
                    && !inner.starts_with(' ')
                    && !inner.contains('\n')
                    && t.as_bytes().get(i + 2 + len) != Some(&b'*')
                {
                    return Some(snippet(&t[i..i + 2 + len]));
                }
            }
        }
        i += 1;
    }
    None
}

fn double_star(t: &str) -> Option<String> {
    let start = t.find("**")?;
    let end = t[start + 2..].find("**")?;
    Some(snippet(&t[start..start + 4 + end]))
}

fn single_tilde(t: &str) -> Option<String> {
    let start = t.find('~')?;
    if t[start..].starts_with("~~") {
        return None;
    }
    let end = t[start + 1..].find('~')?;
    (end > 0).then(|| snippet(&t[start..start + 2 + end]))
}

fn markdown_link(t: &str) -> Option<String> {
    let start = t.find("](")?;
    let open = t[..start].rfind('[')?;
    let close = t[start..].find(')')?;
    Some(snippet(&t[open..start + close + 1]))
}

fn emoji_code(t: &str) -> Option<String> {
    let mut rest = t;
    while let Some(i) = rest.find(':') {
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_-+".contains(c)))
            .unwrap_or(after.len());
        // Only a code Slack knows (`10:06:41` holds `:06:`, which is no emoji).
        if len > 0
            && after[len..].starts_with(':')
            && crate::domain::amazon_q::mrkdwn::emoji_for(&after[..len]).is_some()
        {
            return Some(format!(":{}:", &after[..len]));
        }
        rest = after;
    }
    None
}

fn list_marker(t: &str) -> Option<String> {
    t.lines()
        .map(str::trim_start)
        .find(|l| l.starts_with("- ") || l.starts_with("+ ") || l.starts_with("1. "))
        .map(snippet)
}

const DIFFERENCES: &[Difference] = &[
    Difference {
        find: slack_link,
        says: "is a Slack link; Teams shows it as written (Teams links are [label](url))",
    },
    Difference {
        find: single_star,
        says: "is bold in Slack but italic in Teams (Teams bold is **text**)",
    },
    Difference {
        find: double_star,
        says: "is bold in Teams; Slack does not read ** as bold",
    },
    Difference {
        find: single_tilde,
        says: "is struck through in Slack; Teams shows the tildes (Teams uses ~~text~~)",
    },
    Difference {
        find: markdown_link,
        says: "is a Teams link; Slack shows it as written (Slack links are <url|label>)",
    },
    Difference {
        find: emoji_code,
        says: "is a Slack emoji code; whether Teams shows the emoji is not documented",
    },
    Difference {
        find: list_marker,
        says: "starts a list in Teams; Slack shows the line as written",
    },
];

/// The parts of `text` (field `what`, such as "description") that do not render the same in
/// Slack and Teams, one sentence each, first occurrence quoted.
pub fn differences(what: &str, text: &str) -> Vec<String> {
    DIFFERENCES
        .iter()
        .filter_map(|d| (d.find)(text).map(|s| format!("{what}: `{s}` {}", d.says)))
        .collect()
}
