//! `chatops channel`: play events (files, a JSON Lines file or a built-in sequence) through a
//! design as the channel shows them, and print one JSON entry per event.

use crate::args::ChannelArgs;
use crate::input::{read, read_design, read_event};
use crate::output::{print_json, Exit};
use anyhow::{anyhow, Result};
use chatops_designer::domain::pipeline::simulate::SimulateOptions;
use chatops_designer::domain::view::channel::{channel, sequence, sequence_events, SEQUENCES};
use serde_json::Value;
use std::process::ExitCode;

pub fn run(args: ChannelArgs) -> Exit {
    let design = read_design(&args.design)?;
    let mut all: Vec<(String, Value)> = Vec::new();
    if let Some(id) = args.sequence {
        let seq = sequence(&id).ok_or_else(|| {
            anyhow!(
                "unknown sequence '{id}'; choose from: {}",
                SEQUENCES
                    .iter()
                    .map(|s| s.id)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        all.extend(sequence_events(seq));
    }
    for path in &args.events {
        all.push((path.clone(), read_event(path)?));
    }
    if let Some(path) = args.events_file {
        all.extend(events_file(&path)?);
    }
    if all.is_empty() {
        return Err(
            anyhow!("no events: give --events FILE…, --events-file FILE or --sequence ID").into(),
        );
    }
    let posts = channel(&design, &all, !args.no_threads, &SimulateOptions::default());
    print_json(&posts)?;
    Ok(ExitCode::SUCCESS)
}

/// The events of a JSON Lines file, each named by its file and line (blank lines skipped).
fn events_file(path: &str) -> Result<Vec<(String, Value)>> {
    let text = read(path)?;
    let mut events = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let event: Value = serde_json::from_str(line)
            .map_err(|e| anyhow!("{path}, line {}: not a JSON event: {e}", i + 1))?;
        if !event.is_object() {
            return Err(anyhow!(
                "{path}, line {}: an event must be a JSON object",
                i + 1
            ));
        }
        events.push((format!("{path}:{}", i + 1), event));
    }
    Ok(events)
}
