//! Slack mrkdwn as plain data: blocks (paragraphs, quotes, code blocks) of inlines (text, bold,
//! italic, strike, code, links, emoji). Parsing never fails. Only http, https and mailto links become
//! links; everything else stays text. Imports nothing else from the core.

use serde::Serialize;

/// An inline piece of formatted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    /// A link; its label keeps its formatting (`<https://…|*diagnosis* runbook>`, as in AWS's
    /// own sample) but never holds another link.
    Link {
        href: String,
        label: Vec<Inline>,
    },
    /// `:shortcode:` with its emoji when the shortcode table knows it.
    Emoji {
        shortcode: String,
        emoji: Option<String>,
    },
    LineBreak,
}

/// A block of a message body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Block {
    Paragraph(Vec<Inline>),
    Quote(Vec<Inline>),
    CodeBlock(String),
    /// A list (Teams markdown; Slack mrkdwn has none).
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

/// Decodes the three entities Slack uses in message text.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// True for a link target the preview may make clickable.
pub fn is_safe_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Parses a message body into blocks.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut quote: Vec<&str> = Vec::new();
    let flush = |lines: &mut Vec<&str>, blocks: &mut Vec<Block>, quote: bool| {
        if lines.is_empty() {
            return;
        }
        let joined = lines.join("\n");
        lines.clear();
        let inl = parse_inlines(&joined);
        blocks.push(if quote {
            Block::Quote(inl)
        } else {
            Block::Paragraph(inl)
        });
    };
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("```") {
            if let Some(end) = after.find("```") {
                flush(&mut para, &mut blocks, false);
                flush(&mut quote, &mut blocks, true);
                let code = after[..end].strip_prefix('\n').unwrap_or(&after[..end]);
                blocks.push(Block::CodeBlock(unescape(code)));
                rest = &after[end + 3..];
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                continue;
            }
        }
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        if let Some(i) = line.find("```") {
            if rest[i + 3..].contains("```") && i > 0 {
                // A code block starting mid-line: the text before it is its own paragraph line.
                para.push(&line[..i]);
                flush(&mut para, &mut blocks, false);
                rest = &rest[i..];
                continue;
            }
        }
        let q = line
            .strip_prefix("&gt; ")
            .or_else(|| line.strip_prefix("> "))
            .or_else(|| line.strip_prefix('>'))
            .or_else(|| line.strip_prefix("&gt;"));
        match q {
            Some(body) => {
                flush(&mut para, &mut blocks, false);
                quote.push(body);
            }
            None => {
                flush(&mut quote, &mut blocks, true);
                para.push(line);
            }
        }
        rest = next;
    }
    flush(&mut para, &mut blocks, false);
    flush(&mut quote, &mut blocks, true);
    blocks
}

fn is_boundary_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{\"'.,;:!?-~*_".contains(c))
}
fn is_boundary_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ")]}\"'.,;:!?-~*_".contains(c))
}

/// Parses inline formatting of one paragraph (newlines become line breaks). Linear in the text:
/// where each delimiter closes is computed once, not searched for at every opening.
pub fn parse_inlines(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let closes = Closes::new(&chars);
    let mut out = Vec::new();
    parse_range(&chars, 0, chars.len(), &closes, &mut out);
    out
}

const NONE: usize = usize::MAX;

/// For every position, the next position on the same line where a delimiter could close (an
/// emphasis delimiter followed by a boundary, a backtick) and the next `>` or newline. Built right
/// to left in one pass.
struct Closes {
    /// `*`, `_`, `~` and `` ` ``, in that order.
    next: [Vec<usize>; 4],
    angle: Vec<usize>,
}

fn delim_index(c: char) -> usize {
    match c {
        '*' => 0,
        '_' => 1,
        '~' => 2,
        _ => 3,
    }
}

impl Closes {
    fn new(chars: &[char]) -> Self {
        let n = chars.len();
        let mut next: [Vec<usize>; 4] = std::array::from_fn(|_| vec![NONE; n + 1]);
        let mut angle = vec![NONE; n + 1];
        for j in (0..n).rev() {
            let c = chars[j];
            for (k, d) in ['*', '_', '~', '`'].into_iter().enumerate() {
                next[k][j] = if c == '\n' {
                    NONE
                } else if c == d && (d == '`' || is_boundary_after(chars.get(j + 1).copied())) {
                    j
                } else {
                    next[k][j + 1]
                };
            }
            angle[j] = if c == '>' || c == '\n' {
                j
            } else {
                angle[j + 1]
            };
        }
        Self { next, angle }
    }

    /// The closing position of `delim` at or after `from`, before `end`, on the same line.
    fn close(&self, delim: char, from: usize, end: usize) -> Option<usize> {
        let k = *self.next[delim_index(delim)].get(from)?;
        (k < end).then_some(k)
    }
}

/// Appends text, merging it into a preceding text inline.
pub(crate) fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(t)) = out.last_mut() {
        t.push_str(s);
    } else {
        out.push(Inline::Text(s.to_string()));
    }
}

/// Parses `chars[start..end]`. Emphasis closes the same way inside a range as in the whole text
/// (the character after a range is its closing delimiter, itself a boundary), so one table serves
/// every range.
fn parse_range(chars: &[char], start: usize, end: usize, closes: &Closes, out: &mut Vec<Inline>) {
    let mut i = start;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        let t = std::mem::take(text);
        push_text(out, &unescape(&t));
    };
    while i < end {
        let c = chars[i];
        let prev = if i == start { None } else { Some(chars[i - 1]) };
        match c {
            '\n' => {
                flush(&mut text, out);
                out.push(Inline::LineBreak);
                i += 1;
            }
            '`' => {
                if let Some(close) = closes.close('`', i + 1, end) {
                    flush(&mut text, out);
                    out.push(Inline::Code(unescape(
                        &chars[i + 1..close].iter().collect::<String>(),
                    )));
                    i = close + 1;
                } else {
                    text.push(c);
                    i += 1;
                }
            }
            '*' | '_' | '~' if is_boundary_before(prev) => match closes.close(c, i + 1, end) {
                Some(close)
                    if close > i + 1
                        && !chars[i + 1].is_whitespace()
                        && !chars[close - 1].is_whitespace() =>
                {
                    flush(&mut text, out);
                    let mut inner = Vec::new();
                    parse_range(chars, i + 1, close, closes, &mut inner);
                    out.push(match c {
                        '*' => Inline::Bold(inner),
                        '_' => Inline::Italic(inner),
                        _ => Inline::Strike(inner),
                    });
                    i = close + 1;
                }
                _ => {
                    text.push(c);
                    i += 1;
                }
            },
            '<' => match closes.angle.get(i + 1).copied().filter(|&k| k < end) {
                Some(close) if chars[close] == '>' => {
                    flush(&mut text, out);
                    let inner: String = chars[i + 1..close].iter().collect();
                    out.push(angle(&inner));
                    i = close + 1;
                }
                _ => {
                    text.push(c);
                    i += 1;
                }
            },
            ':' => {
                let code_end = chars[i + 1..end]
                    .iter()
                    .position(|&x| !(x.is_ascii_alphanumeric() || x == '_' || x == '-' || x == '+'))
                    .map(|p| p + i + 1);
                match code_end {
                    Some(e) if e > i + 1 && chars[e] == ':' => {
                        let code: String = chars[i + 1..e].iter().collect();
                        flush(&mut text, out);
                        out.push(Inline::Emoji {
                            emoji: emoji_for(&code),
                            shortcode: code,
                        });
                        i = e + 1;
                    }
                    _ => {
                        text.push(c);
                        i += 1;
                    }
                }
            }
            'h' | 'm' if is_boundary_before(prev) => {
                let rest: String = chars[i..end].iter().take(8).collect();
                let is_link = rest.starts_with("https://")
                    || rest.starts_with("http://")
                    || rest.starts_with("mailto:");
                if is_link {
                    let mut stop = i;
                    while stop < end
                        && !chars[stop].is_whitespace()
                        && chars[stop] != '<'
                        && chars[stop] != '>'
                    {
                        stop += 1;
                    }
                    while stop > i && ".,;:!?)'\"".contains(chars[stop - 1]) {
                        stop -= 1;
                    }
                    let url: String = chars[i..stop].iter().collect();
                    flush(&mut text, out);
                    let href = unescape(&url);
                    out.push(if is_safe_href(&href) {
                        Inline::Link {
                            label: vec![Inline::Text(href.clone())],
                            href,
                        }
                    } else {
                        Inline::Text(href)
                    });
                    i = stop;
                } else {
                    text.push(c);
                    i += 1;
                }
            }
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, out);
}

/// Inlines with every link replaced by its label (a link's label cannot hold a link).
fn without_links(items: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for i in items {
        match i {
            Inline::Link { label, .. } => {
                for l in without_links(label) {
                    match (out.last_mut(), l) {
                        (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
                        (_, l) => out.push(l),
                    }
                }
            }
            Inline::Bold(x) => out.push(Inline::Bold(without_links(x))),
            Inline::Italic(x) => out.push(Inline::Italic(without_links(x))),
            Inline::Strike(x) => out.push(Inline::Strike(without_links(x))),
            Inline::Text(t) => match out.last_mut() {
                Some(Inline::Text(a)) => a.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            other => out.push(other),
        }
    }
    out
}

/// `<…>`: a link `<url|label>` / `<url>`, a mention, or text.
fn angle(inner: &str) -> Inline {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(l)),
        None => (inner, None),
    };
    let target = unescape(target);
    if is_safe_href(&target) {
        let label = match label {
            Some(l) => without_links(parse_inlines(l)),
            None => vec![Inline::Text(
                target
                    .strip_prefix("mailto:")
                    .unwrap_or(&target)
                    .to_string(),
            )],
        };
        return Inline::Link {
            href: target,
            label,
        };
    }
    if let Some(rest) = target.strip_prefix('!') {
        return Inline::Text(format!("@{}", rest.split('^').next().unwrap_or(rest)));
    }
    if target.starts_with('@') || target.starts_with('#') {
        return Inline::Text(
            label
                .map(|l| format!("{}{}", &target[..1], unescape(l)))
                .unwrap_or(target),
        );
    }
    // Not a link Slack would make: shown as written.
    Inline::Text(format!("<{}>", unescape(inner)))
}

/// Shortcode and emoji per line, sorted by shortcode: the gemoji table of the `emojis` crate without
/// names, keywords and skin-tone variants (which made up a tenth of the app's size). `tests/it/golden.rs`
/// keeps it equal to the crate and `make golden` rewrites it.
pub const EMOJI_TABLE: &str = include_str!("emoji.tsv");

fn emoji_table() -> &'static [(&'static str, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        EMOJI_TABLE
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The emoji for a Slack shortcode, from the gemoji table, plus Slack's own aliases where they
/// differ.
pub fn emoji_for(shortcode: &str) -> Option<String> {
    let code = match shortcode {
        "large_green_circle" => "green_circle",
        "large_yellow_circle" => "yellow_circle",
        "large_orange_circle" => "orange_circle",
        "large_purple_circle" => "purple_circle",
        "large_brown_circle" => "brown_circle",
        "large_red_circle" => "red_circle",
        other => other,
    };
    let table = emoji_table();
    table
        .binary_search_by(|(k, _)| (*k).cmp(code))
        .ok()
        .map(|i| table[i].1.to_string())
}

/// Plain text of inlines (for accessible names and tests).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Bold(x) | Inline::Italic(x) | Inline::Strike(x) => s.push_str(&plain_text(x)),
            Inline::Link { label, .. } => s.push_str(&plain_text(label)),
            Inline::Emoji { shortcode, emoji } => match emoji {
                Some(e) => s.push_str(e),
                None => {
                    s.push(':');
                    s.push_str(shortcode);
                    s.push(':');
                }
            },
            Inline::LineBreak => s.push('\n'),
        }
    }
    s
}
