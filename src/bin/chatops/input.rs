//! What the CLI reads: files or standard input (`-`), each refused unread past a size limit, UTF-8
//! with an optional byte-order mark; events, designs and JSON documents checked as they are read.

use anyhow::{anyhow, Context, Result};
use chatops_designer::domain::base::jsontext::{duplicate_keys, strip_bom};
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::eventbridge::event::{read_event as read_event_text, EventError};
use chatops_designer::domain::eventbridge::transform::event_size_error;
use serde_json::Value;
use std::io::Read;

/// The most any input file may hold (an import, a JSON Lines file of events for `channel`).
pub const MAX_INPUT: usize = 16 << 20;
/// The most a design file, an event or a list of input paths may hold: far above what each can
/// legitimately be (an event is at most 256 KB as EventBridge counts it), and small enough that
/// parsing, which holds many times the text in memory, stays bounded.
pub const MAX_DOCUMENT: usize = chatops_designer::domain::design::model::MAX_DESIGN_BYTES;
/// The most a log written as one JSON document (an array of events, or what `aws logs
/// filter-log-events` prints) may hold: replay reads such a document whole.
pub const MAX_REPLAY_DOCUMENT: usize = 256 << 20;
/// The most a pattern or a template file may hold (each is at most a few KB to AWS).
pub const MAX_SNIPPET: usize = 1 << 20;

/// Input files may start with a UTF-8 byte-order mark, which is skipped.
pub fn read(path: &str) -> Result<String> {
    read_at_most(path, MAX_INPUT, "file this command reads")
}

/// Reads `path` (`-`: standard input), refusing more than `limit` bytes before any is parsed.
pub fn read_at_most(path: &str, limit: usize, what: &str) -> Result<String> {
    let mut bytes = Vec::new();
    let taken = if path == "-" {
        std::io::stdin()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {path}"))?
    };
    if taken > limit {
        let name = if path == "-" { "standard input" } else { path };
        return Err(anyhow!(
            "{name} holds more than {} MiB and is refused unread: no {what} is that large",
            limit >> 20
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| anyhow!("cannot read {path}: it is not UTF-8 text ({e})"))?;
    Ok(match strip_bom(&text) {
        stripped if stripped.len() < text.len() => stripped.to_string(),
        _ => text,
    })
}

pub fn read_json(path: &str, what: &str) -> Result<Value> {
    let text = read_at_most(path, MAX_DOCUMENT, what)?;
    let value =
        serde_json::from_str(&text).map_err(|e| anyhow!("{what} {path} is not valid JSON: {e}"))?;
    let duplicates = duplicate_keys(&text);
    if !duplicates.is_empty() {
        return Err(anyhow!("{what} {path}: {duplicates}"));
    }
    Ok(value)
}

/// An event, read by the core's one rule for events (`eventbridge::event::read_event`), within
/// EventBridge's event size limit.
pub fn read_event(path: &str) -> Result<Value> {
    let text = read_at_most(path, MAX_DOCUMENT, "event")?;
    let event = read_event_text(&text).map_err(|e| match e {
        EventError::Json(e) => anyhow!("event {path} is not valid JSON: {e}"),
        EventError::NotObject(kind) => anyhow!(
            "event {path} must be a JSON object such as {{\"source\": \"aws.codedeploy\", \"detail\": {{…}}}}, found {kind}"
        ),
        EventError::Duplicates(d) => anyhow!("event {path}: {d}"),
    })?;
    if let Some(d) = event_size_error(&event) {
        return Err(anyhow!("event {path}: {}", d.message));
    }
    Ok(event)
}

pub fn read_design(path: &str) -> Result<Design> {
    let text = read_at_most(path, MAX_DOCUMENT, "design")?;
    Design::from_json(&text).map_err(|e| anyhow!("{path}: {e}"))
}
