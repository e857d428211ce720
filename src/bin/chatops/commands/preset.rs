//! `chatops preset list|show` and `chatops sample list|show`: the built-in presets and sample
//! events, listed by event source.

use crate::args::{PresetCommand, SampleCommand};
use crate::output::{out, Exit};
use anyhow::anyhow;
use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::samples::{sample, SAMPLES};
use chatops_designer::domain::design::sources::SOURCES;
use std::process::ExitCode;

pub fn run(command: PresetCommand) -> Exit {
    match command {
        PresetCommand::List => {
            for src in SOURCES {
                out(&format!("# {} ({})\n", src.label, src.event_source))?;
                for (id, _) in src.presets {
                    if let Some(p) = PRESETS.iter().find(|p| p.id == *id) {
                        out(&format!("{:<24} {}\n", p.id, p.label))?;
                    }
                }
            }
            let others = PRESETS.iter().filter(|p| {
                !SOURCES
                    .iter()
                    .any(|s| s.presets.iter().any(|(id, _)| *id == p.id))
            });
            out("# Any source\n")?;
            for p in others {
                out(&format!("{:<24} {}\n", p.id, p.label))?;
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

pub fn samples(command: SampleCommand) -> Exit {
    match command {
        SampleCommand::List => {
            for src in SOURCES {
                out(&format!("# {} ({})\n", src.label, src.event_source))?;
                for s in src.samples {
                    out(&format!("{:<44} {:<48} {}\n", s.id, s.label, s.url))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SampleCommand::Show { name } => match sample(&name) {
            Some(s) => {
                out(s.json)?;
                if !s.json.ends_with('\n') {
                    out("\n")?;
                }
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let ids: Vec<&str> = SAMPLES.iter().map(|s| s.id).collect();
                Err(anyhow!("unknown sample '{name}'. Choose from: {}", ids.join(", ")).into())
            }
        },
    }
}
