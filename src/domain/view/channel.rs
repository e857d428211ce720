//! A sequence of events played through a design as the channel would show it: which events
//! match, which messages are posted, and how `threadId` groups them into threads (a top-level
//! message, replies beneath) when the channel's preferences allow threaded updates. Imports
//! simulate, preview, mrkdwn and samples.

use crate::domain::amazon_q::mrkdwn::plain_text;
use crate::domain::design::model::Design;
use crate::domain::design::samples::sample;
use crate::domain::design::sources::SOURCES;
use crate::domain::pipeline::simulate::{simulate, SimulateOptions};
use crate::domain::view::preview::{preview, PreviewModel};
use serde::Serialize;
use serde_json::Value;
use std::sync::LazyLock;

pub use crate::domain::design::sources::Sequence;

/// Every source's sequences (`sources::SOURCES`).
pub static SEQUENCES: LazyLock<Vec<Sequence>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .flat_map(|s| s.sequences.iter().copied())
        .collect()
});

/// Looks a sequence up by id.
pub fn sequence(id: &str) -> Option<&'static Sequence> {
    SEQUENCES.iter().find(|s| s.id == id)
}

/// The events of a sequence, with their labels.
pub fn sequence_events(seq: &Sequence) -> Vec<(String, Value)> {
    seq.samples
        .iter()
        .filter_map(|id| {
            let s = sample(id)?;
            Some((s.label.to_string(), serde_json::from_str(s.json).ok()?))
        })
        .collect()
}

/// What one event does in the channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    pub event: String,
    pub matched: bool,
    pub delivered: bool,
    /// Why nothing is posted, when nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub thread_id: Option<String>,
    /// A message of its own in the channel (not a reply in a thread).
    pub top_level: bool,
    /// Index of the top-level post this one replies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<usize>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub buttons: Vec<String>,
    #[serde(skip)]
    pub preview: Option<PreviewModel>,
}

/// Plays events through a design, in order. With `threaded` (the channel preference that
/// allows threaded updates), a delivered message whose `threadId` an earlier message started is a
/// reply to it; otherwise every delivered message is top-level.
pub fn channel(
    design: &Design,
    events: &[(String, Value)],
    threaded: bool,
    options: &SimulateOptions,
) -> Vec<Post> {
    let mut posts: Vec<Post> = Vec::with_capacity(events.len());
    for (label, event) in events {
        let sim = simulate(design, event, options);
        let p = preview(&sim);
        let thread_id = p.details.thread_id.clone();
        let reply_to = match (&thread_id, threaded && sim.delivered) {
            (Some(t), true) => posts
                .iter()
                .position(|q| q.delivered && q.top_level && q.thread_id.as_ref() == Some(t)),
            _ => None,
        };
        posts.push(Post {
            event: label.clone(),
            matched: sim.matched,
            delivered: sim.delivered,
            reason: (!sim.delivered).then(|| {
                sim.not_delivered
                    .clone()
                    .unwrap_or_else(|| "not delivered".into())
            }),
            top_level: sim.delivered && reply_to.is_none(),
            reply_to,
            title: plain_text(&p.title),
            summary: p.details.summary.clone(),
            buttons: p.buttons.iter().map(|b| b.text.clone()).collect(),
            thread_id,
            preview: sim.delivered.then_some(p),
        });
    }
    posts
}
