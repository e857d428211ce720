//! What the CLI prints and how it ends: the input error that exits 2 (or quietly, when standard
//! output was closed), writes to standard output that report their failure, messages on standard
//! error, and the escaping that keeps design text from driving the terminal (`printable` for
//! messages, `stdout_safe` for what standard output carries).

use anyhow::anyhow;
use chatops_designer::domain::base::diagnostic::{hides_or_reorders, Diagnostic};
use std::process::ExitCode;

/// An input error: exit 2 with the message; `Quiet` when standard output was closed.
pub enum InputError {
    Message(anyhow::Error),
    Quiet,
}

impl<E: Into<anyhow::Error>> From<E> for InputError {
    fn from(e: E) -> Self {
        InputError::Message(e.into())
    }
}

/// What a subcommand ends with: its exit code, or an input error.
pub type Exit = std::result::Result<ExitCode, InputError>;

/// Text with control characters (and the bidirectional overrides that reorder what a terminal
/// shows) escaped as `\u{1b}`; `keep_newlines` keeps the line breaks of a multi-line message.
pub fn printable(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| {
            if hidden_char(c) && !(keep_newlines && c == '\n') {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether `c` is left raw in what stdout prints: not a C1 control (U+0080 to U+009F, which
/// terminals read as CSI, OSC, …), a direction override or isolate, or a line or paragraph
/// separator. JSON writers already escape C0 controls.
fn shown_raw(c: char) -> bool {
    !hidden_char(c) || c.is_ascii_control()
}

/// A character that hides or reorders text in a terminal: a control (`hides_or_reorders`:
/// C0, DEL, C1, direction marks) or a line or paragraph separator.
fn hidden_char(c: char) -> bool {
    hides_or_reorders(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with the characters `shown_raw` refuses written as `\uXXXX`: the same character
/// inside a JSON string, and visible instead of acted on in a terminal.
pub fn stdout_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(shown_raw) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown_raw(c) {
            s.push(c);
        } else {
            s.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    std::borrow::Cow::Owned(s)
}

/// A failed write to standard output as an input error: quiet when the reader closed the pipe.
pub fn broken(e: std::io::Error) -> InputError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        InputError::Quiet
    } else {
        anyhow!("cannot write to standard output: {e}").into()
    }
}

/// Writes to stdout (with `stdout_safe`) and flushes, so that a failed write is reported
/// here. A closed pipe ends the output quietly.
pub fn out(text: &str) -> std::result::Result<(), InputError> {
    use std::io::Write;
    let text = stdout_safe(text);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(broken)
}

/// One line of a message on stderr, its design text escaped; a failed write is ignored (there
/// is nowhere left to report it).
pub fn warn(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{}", printable(line, false));
}

pub fn print_json(v: &impl serde::Serialize) -> std::result::Result<(), InputError> {
    out(&format!(
        "{}\n",
        serde_json::to_string_pretty(v).unwrap_or_default()
    ))
}

pub fn print_diags(diags: &[Diagnostic]) {
    for d in diags {
        warn(&d.to_string());
    }
}

pub fn errors_only(diags: &[Diagnostic]) -> Vec<Diagnostic> {
    diags.iter().filter(|d| d.is_error()).cloned().collect()
}
