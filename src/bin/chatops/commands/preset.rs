//! `chatops preset list` and `chatops preset show`: the built-in presets.

use crate::args::PresetCommand;
use crate::output::{out, Exit};
use anyhow::anyhow;
use chatops_designer::domain::design::presets::{preset, PRESETS};
use std::process::ExitCode;

pub fn run(command: PresetCommand) -> Exit {
    match command {
        PresetCommand::List => {
            for p in PRESETS {
                out(&format!("{:<20} {}\n", p.id, p.label))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        PresetCommand::Show { name } => match preset(&name) {
            Some(d) => {
                out(&d.to_json())?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                Err(anyhow!("unknown preset '{name}'. Choose from: {}", ids.join(", ")).into())
            }
        },
    }
}
