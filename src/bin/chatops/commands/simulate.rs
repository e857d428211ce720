//! `chatops simulate`: run one event through a design and print the JSON trace.

use crate::args::SimulateArgs;
use crate::input::{read_design, read_event};
use crate::output::{print_json, Exit};
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use std::process::ExitCode;

pub fn run(args: SimulateArgs) -> Exit {
    let design = read_design(&args.design)?;
    let event = read_event(&args.event)?;
    let sim = simulate(&design, &event, &SimulateOptions::default());
    print_json(&sim)?;
    Ok(ExitCode::SUCCESS)
}
