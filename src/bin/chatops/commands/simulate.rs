//! `chatops simulate`: run one event through a design's rules and print the JSON trace.

use crate::args::SimulateArgs;
use crate::input::{read_design, read_event};
use crate::output::{print_json, Exit};
use anyhow::anyhow;
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::pipeline::simulate::{
    compile, simulate_all, simulate_rule, SimulateOptions,
};
use serde_json::json;
use std::process::ExitCode;

pub fn run(args: SimulateArgs) -> Exit {
    let design = read_design(&args.design)?;
    let event = read_event(&args.event)?;
    let compiled = compile(&design);
    let options = SimulateOptions::default();
    let one = match &args.rule {
        Some(which) => Some(rule_index(&design, which)?),
        None => (design.rules.len() == 1).then_some(0),
    };
    match one {
        Some(i) => print_json(&simulate_rule(&compiled, i, &event, &options))?,
        None => {
            let runs = simulate_all(&compiled, &event, &options);
            let delivering = runs.iter().filter(|r| r.simulation.delivered).count();
            let mut out = json!({ "rules": runs });
            if delivering > 1 {
                out["order"] = json!(format!("{delivering} rules deliver a message for this event; EventBridge promises no order between them, so the messages may arrive in any order"));
            }
            print_json(&out)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The rule `--rule` names: a rule's name, else its position from 1.
fn rule_index(design: &Design, which: &str) -> Result<usize, anyhow::Error> {
    if let Some(i) = design.rules.iter().position(|r| r.name == which) {
        return Ok(i);
    }
    match which.parse::<usize>() {
        Ok(n) if (1..=design.rules.len()).contains(&n) => Ok(n - 1),
        _ => {
            let names: Vec<&str> = design.rules.iter().map(|r| r.name.as_str()).collect();
            Err(anyhow!(
                "--rule {which:?} is not a rule of the design; give a name ({}) or a position from 1 to {}",
                names.join(", "),
                design.rules.len()
            ))
        }
    }
}
