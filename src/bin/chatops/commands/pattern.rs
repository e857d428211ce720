//! `chatops pattern`: match an event pattern against one event and print the JSON report.

use crate::args::PatternArgs;
use crate::input::{read_at_most, read_event, MAX_SNIPPET};
use crate::output::{errors_only, print_json, printable, Exit};
use anyhow::anyhow;
use chatops_designer::domain::eventbridge::pattern::parse_pattern_text;
use serde_json::json;
use std::process::ExitCode;

pub fn run(args: PatternArgs) -> Exit {
    let text = read_at_most(&args.pattern, MAX_SNIPPET, "event pattern")?;
    let event = read_event(&args.event)?;
    let (p, diags) = parse_pattern_text(&text);
    let Some(p) = p else {
        let msgs: Vec<String> = errors_only(&diags)
            .into_iter()
            .map(|d| printable(&d.under("pattern").to_string(), false))
            .collect();
        return Err(anyhow!("invalid event pattern:\n{}", msgs.join("\n")).into());
    };
    let report = p.report(&event);
    print_json(&json!({"matched": report.matched, "fields": report.fields, "diagnostics": diags}))?;
    Ok(ExitCode::SUCCESS)
}
