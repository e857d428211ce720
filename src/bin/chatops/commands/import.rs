//! `chatops import`: read Terraform, CloudFormation, AWS CLI JSON or a notification into a design
//! file (printed, or written whole with `--out`); what the import noticed goes to standard error.

use crate::args::ImportArgs;
use crate::files::write_file;
use crate::input::{read, read_design};
use crate::output::{out, print_diags, warn, Exit};
use anyhow::anyhow;
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::import::import_files;
use std::process::ExitCode;

pub fn run(args: ImportArgs) -> Exit {
    let current = match args.design {
        Some(path) => read_design(&path)?,
        None => preset("blank").ok_or_else(|| anyhow!("the blank preset is missing"))?,
    };
    let mut texts = Vec::new();
    for path in &args.files {
        texts.push((path.clone(), read(path)?));
    }
    let done = import_files(&texts, &current).map_err(|e| anyhow!("{e}"))?;
    for (what, kind) in &done.steps {
        warn(&format!("{what}: imported as {}", kind.label()));
    }
    print_diags(&done.notes);
    let json = done.design.to_json();
    match args.out {
        Some(path) => write_file(std::path::Path::new(&path), &json)?,
        None => out(&json)?,
    }
    Ok(ExitCode::SUCCESS)
}
