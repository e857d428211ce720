//! Reading an event a person gives, by one rule for the CLI's `--event` and the app's event editor:
//! a byte-order mark is skipped; the text must be valid JSON, a JSON object, with no key written
//! twice in one object (a parser would keep the last one silently, and which one the sender meant
//! is unknowable). Each shell words the error its own way; the rule is this one. (Replay reads logs
//! EventBridge wrote, line by line and only the fields a design reads: see `pipeline::replay`.)

use crate::domain::base::jsontext::{self, duplicate_keys, Duplicates, SyntaxError};
use serde_json::Value;

/// Why a text is not an event.
#[derive(Debug, Clone, PartialEq)]
pub enum EventError {
    /// Not valid JSON, with where.
    Json(SyntaxError),
    /// Valid JSON of another kind ("an array", "a string", …).
    NotObject(&'static str),
    /// A key written twice in one object.
    Duplicates(Duplicates),
}

impl std::fmt::Display for EventError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventError::Json(e) => write!(f, "the event is not valid JSON: {e}"),
            EventError::NotObject(kind) => write!(
                f,
                "the event must be a JSON object ({{…}}), as EventBridge delivers; this is {kind}"
            ),
            EventError::Duplicates(d) => write!(f, "in the event, {d}"),
        }
    }
}

impl EventError {
    /// Where in the text the problem is (line, column), when it is at one place.
    pub fn at(&self) -> Option<(usize, usize)> {
        match self {
            EventError::Json(e) => Some((e.line, e.column)),
            EventError::Duplicates(d) => d.first.first().map(|k| (k.line, k.column)),
            EventError::NotObject(_) => None,
        }
    }
}

/// What kind of JSON value `v` is, as a phrase.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    }
}

/// Reads `text` as an event by the rule above.
pub fn read_event(text: &str) -> Result<Value, EventError> {
    let value = jsontext::parse(text).map_err(EventError::Json)?;
    if !value.is_object() {
        return Err(EventError::NotObject(kind(&value)));
    }
    let duplicates = duplicate_keys(text);
    if !duplicates.is_empty() {
        return Err(EventError::Duplicates(duplicates));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_event_text() {
        assert!(read_event("\u{feff}{\"source\": \"aws.codedeploy\"}").is_ok());
        assert_eq!(read_event("[1]"), Err(EventError::NotObject("an array")));
        let Err(EventError::Json(e)) = read_event("{\"a\": }") else {
            panic!("not JSON")
        };
        assert_eq!((e.line, e.column), (1, 7));
        let err = read_event("{\"a\": 1,\n \"a\": 2}").unwrap_err();
        assert_eq!(err.at(), Some((2, 2)));
        assert!(err.to_string().contains("appears twice"), "{err}");
    }
}
