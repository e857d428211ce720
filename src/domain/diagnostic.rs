//! Diagnostics: what every core stage returns beside its best-effort value. Imports nothing from the
//! rest of the core.

use serde::Serialize;

/// How bad a diagnostic is. `Error` means AWS would reject or not deliver; `Warning` means it may work
/// but something is off; `Info` explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    fn new(severity: Severity, location: impl Into<String>, message: impl Into<String>) -> Self {
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
