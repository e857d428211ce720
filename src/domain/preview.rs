//! The preview model: what a chat client shows for a simulation, as plain data. The UI renders it
//! and computes nothing. Imports simulate (on top of the core), mrkdwn and assumptions.

use super::actions::{command_parts, CommandPart};
use super::mrkdwn::{parse_blocks, parse_inlines, Block, Inline};
use super::simulate::Simulation;
use serde::Serialize;
use serde_json::Value;

/// A button as the preview shows it, with what clicking it would run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewButton {
    pub action: String,
    pub text: String,
    pub command: String,
    /// Variable name and value as filled from the notification.
    pub variables: Vec<(String, Option<String>)>,
    pub unresolved: Vec<String>,
}

/// What the preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewModel {
    pub delivered: bool,
    /// Why nothing is shown, when nothing is.
    pub not_delivered: Option<String>,
    pub title: Vec<Inline>,
    pub description: Vec<Block>,
    pub next_steps: Vec<Vec<Inline>>,
    pub keywords: Vec<String>,
    pub thread_id: Option<String>,
    pub summary: Option<String>,
    pub event_type: Option<String>,
    pub related_resources: Vec<String>,
    /// Buttons in design order; the service picks the order Slack shows.
    pub buttons: Vec<PreviewButton>,
}

fn text_at(n: &Value, ptr: &str) -> Option<String> {
    n.pointer(ptr)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn list_at(n: &Value, ptr: &str) -> Vec<String> {
    n.pointer(ptr)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Builds the preview of a simulation.
pub fn preview(sim: &Simulation) -> PreviewModel {
    let empty = Value::Null;
    let n = if sim.delivered {
        sim.notification.as_ref().unwrap_or(&empty)
    } else {
        &empty
    };
    let buttons = sim
        .actions
        .iter()
        .filter(|a| a.appears)
        .map(|a| PreviewButton {
            action: a.action.clone(),
            text: a.text.clone(),
            command: a.command.clone(),
            variables: a.variables.clone(),
            unresolved: a.unresolved.clone(),
        })
        .collect();
    PreviewModel {
        delivered: sim.delivered,
        not_delivered: if sim.delivered {
            None
        } else {
            Some(
                sim.not_delivered
                    .clone()
                    .unwrap_or_else(|| "nothing was delivered".into()),
            )
        },
        title: text_at(n, "/content/title")
            .map(|t| parse_inlines(&t))
            .unwrap_or_default(),
        description: text_at(n, "/content/description")
            .map(|t| parse_blocks(&t))
            .unwrap_or_default(),
        next_steps: list_at(n, "/content/nextSteps")
            .iter()
            .map(|s| parse_inlines(s))
            .collect(),
        keywords: list_at(n, "/content/keywords"),
        thread_id: text_at(n, "/metadata/threadId"),
        summary: text_at(n, "/metadata/summary"),
        event_type: text_at(n, "/metadata/eventType"),
        related_resources: list_at(n, "/metadata/relatedResources"),
        buttons,
    }
}

/// A deterministic permutation of `0..n` for the "shuffle order" control: `seed` 0 is design order;
/// other seeds give other possible orders (a seeded Fisher–Yates with an LCG; no randomness here).
pub fn shuffled_order(n: usize, seed: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 || n < 2 {
        return order;
    }
    let mut state = u64::from(seed)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// Splits a command for highlighting with the given variable names.
pub fn highlight_command(command: &str, names: &[String]) -> Vec<CommandPart> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    command_parts(command, &names)
}
