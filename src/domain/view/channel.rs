//! A sequence of events played through a design as the channel would show it: which events
//! match, which messages are posted, and how `threadId` groups them into threads (a top-level
//! message, replies beneath) when the channel's preferences allow threaded updates. Imports
//! simulate, preview, mrkdwn and samples.

use crate::domain::amazon_q::mrkdwn::plain_text;
use crate::domain::design::model::Design;
use crate::domain::design::samples::sample;
use crate::domain::design::sources::SOURCES;
use crate::domain::pipeline::simulate::{compile, simulate_all, RuleRun, SimulateOptions};
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
    /// The event's position in the events played (several rules may post for one).
    #[serde(skip)]
    pub event_index: usize,
    /// The rule that posts it (for a muted post, the rule that matched, if one did).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
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

/// Plays events through a design, in order: each event through every rule, each delivered
/// message a post (in design order; EventBridge promises no order between rules). With
/// `threaded` (the channel preference that allows threaded updates), a delivered message whose
/// `threadId` an earlier message started is a reply to it; otherwise every delivered message is
/// top-level. An event no rule delivers is one muted post saying why.
pub fn channel(
    design: &Design,
    events: &[(String, Value)],
    threaded: bool,
    options: &SimulateOptions,
) -> Vec<Post> {
    let compiled = compile(design);
    let mut posts: Vec<Post> = Vec::with_capacity(events.len());
    for (event_index, (label, event)) in events.iter().enumerate() {
        let runs = simulate_all(&compiled, event, options);
        let several = runs.len() > 1;
        let delivered: Vec<&RuleRun> = runs.iter().filter(|r| r.simulation.delivered).collect();
        if delivered.is_empty() {
            let matched = runs.iter().find(|r| r.simulation.matched && r.enabled);
            // Why the matched rule (or a design's only rule) posts nothing.
            let reason = match matched.or(runs.first().filter(|_| !several)) {
                Some(r) => r.simulation.not_delivered.clone(),
                None => Some("no rule matches the event".into()),
            };
            posts.push(Post {
                event: label.clone(),
                event_index,
                rule: matched.map(|r| r.rule.clone()),
                matched: matched.is_some(),
                delivered: false,
                reason: Some(reason.unwrap_or_else(|| "not delivered".into())),
                thread_id: None,
                top_level: false,
                reply_to: None,
                title: String::new(),
                summary: None,
                buttons: Vec::new(),
                preview: None,
            });
            continue;
        }
        for run in delivered {
            let sim = &run.simulation;
            let p = preview(sim);
            let thread_id = p.details.thread_id.clone();
            let reply_to = match (&thread_id, threaded) {
                (Some(t), true) => posts
                    .iter()
                    .position(|q| q.delivered && q.top_level && q.thread_id.as_ref() == Some(t)),
                _ => None,
            };
            posts.push(Post {
                event: label.clone(),
                event_index,
                rule: Some(run.rule.clone()),
                matched: true,
                delivered: true,
                reason: None,
                top_level: reply_to.is_none(),
                reply_to,
                title: plain_text(&p.title),
                summary: p.details.summary.clone(),
                buttons: p.buttons.iter().map(|b| b.text.clone()).collect(),
                thread_id,
                preview: Some(p),
            });
        }
    }
    posts
}
