//! `chatops import`: read Terraform, CloudFormation, AWS CLI JSON or a notification into a design
//! file (printed, or written whole with `--out`); what the import noticed goes to standard error,
//! ending with a line saying what reached the design. Terraform is read as Terraform reads it: the
//! variable files beside the .tf files (`terraform.tfvars`, `*.auto.tfvars`), then `--var-file`s
//! and `--var`s, and the folders of the local modules the files call. Exit 1 when the files hold
//! what an import reads but none of it reached the design.

use crate::args::ImportArgs;
use crate::files::write_file;
use crate::input::{read, read_design};
use crate::output::{out, print_diags, warn, Exit, InputError};
use anyhow::anyhow;
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::import::terraform::{
    is_var_file, missing_data_files, missing_module_dirs, normal_path, DeclaredVariable,
};
use chatops_designer::domain::import::{import_files_with, FilesError, ImportError};
use std::path::Path;
use std::process::ExitCode;

/// The most module folders read from disk for one import.
const MAX_MODULE_DIRS: usize = 64;

pub fn run(args: ImportArgs) -> Exit {
    let current = match args.design {
        Some(path) => read_design(&path)?,
        None => preset("blank").ok_or_else(|| anyhow!("the blank preset is missing"))?,
    };
    let mut texts = Vec::new();
    for path in &args.files {
        texts.push((path.clone(), read(path)?));
    }
    for path in variable_files_beside(&args.files) {
        warn(&format!(
            "{path}: read as Terraform reads it, for the variables' values"
        ));
        texts.push((path.clone(), read(&path)?));
    }
    read_module_folders(&mut texts)?;
    // The files the Terraform reads with `file` and `templatefile`, when they are inside the
    // folder the command runs in or a folder of the files given: an imported file does not get
    // to read the rest of the disk.
    let roots: Vec<String> = args
        .files
        .iter()
        .map(|f| {
            normal_path(
                &Path::new(f)
                    .parent()
                    .unwrap_or(Path::new(""))
                    .to_string_lossy(),
            )
        })
        .collect();
    for path in missing_data_files(&texts).into_iter().take(MAX_MODULE_DIRS) {
        let in_cwd = !path.starts_with('/') && !path.starts_with("..");
        let inside = in_cwd
            || roots
                .iter()
                .any(|r| !r.is_empty() && path.starts_with(&format!("{r}/")));
        if !inside {
            warn(&format!(
                "{path}: named by file() or templatefile(), but outside this folder and the folders of the files given; not read (give it as a file to import)"
            ));
            continue;
        }
        if Path::new(&path).is_file() {
            warn(&format!(
                "{path}: read for the file() or templatefile() that names it"
            ));
            let text = read(&path)?;
            texts.push((path, text));
        }
    }
    for path in &args.var_files {
        if !is_var_file(path) {
            return Err(anyhow!(
                "--var-file {path}: a variable file ends in .tfvars or .tfvars.json"
            )
            .into());
        }
        texts.push((path.clone(), read(path)?));
    }
    let mut vars = Vec::new();
    for v in &args.vars {
        let Some((name, value)) = v.split_once('=') else {
            return Err(anyhow!("--var {v}: write NAME=VALUE").into());
        };
        vars.push((name.trim().to_string(), value.to_string()));
    }
    let done = match import_files_with(&texts, &current, &vars) {
        Ok(done) => done,
        Err(FilesError {
            what,
            error: ImportError::NothingRead(why),
            variables,
        }) => {
            warn_unset(&variables);
            warn(&format!("{what}: {why}"));
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(InputError::Message(anyhow!("{e}"))),
    };
    for (what, kind) in &done.steps {
        warn(&format!("{what}: imported as {}", kind.label()));
    }
    print_diags(&done.notes);
    warn_unset(&done.variables);
    warn(&format!("summary: {}", done.summary));
    let json = done.design.to_json();
    match args.out {
        Some(path) => write_file(Path::new(&path), &json)?,
        None => out(&json)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Names the Terraform variables that have neither a default nor a value given.
fn warn_unset(variables: &[DeclaredVariable]) {
    let unset: Vec<&str> = variables
        .iter()
        .filter(|v| v.default.is_none() && v.given.is_none())
        .map(|v| v.name.as_str())
        .collect();
    if !unset.is_empty() {
        warn(&format!(
            "variables with no value (give them with --var NAME=VALUE or --var-file): {}",
            unset.join(", ")
        ));
    }
}

/// The variable files Terraform reads by itself in the folders of the given .tf files
/// (`terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars`, `*.auto.tfvars.json`), in
/// name order, that were not given.
fn variable_files_beside(files: &[String]) -> Vec<String> {
    let mut dirs: Vec<&Path> = Vec::new();
    for f in files.iter().filter(|f| f.ends_with(".tf")) {
        let dir = Path::new(f).parent().unwrap_or(Path::new(""));
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    let mut found = Vec::new();
    for dir in dirs {
        let listing = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Ok(entries) = std::fs::read_dir(listing) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                n == "terraform.tfvars"
                    || n == "terraform.tfvars.json"
                    || n.ends_with(".auto.tfvars")
                    || n.ends_with(".auto.tfvars.json")
            })
            .collect();
        names.sort();
        for n in names {
            let path = dir.join(&n).to_string_lossy().into_owned();
            let given = files.iter().any(|f| Path::new(f) == Path::new(&path));
            if !given {
                found.push(path);
            }
        }
    }
    found
}

/// Reads the .tf files of each local module folder the files call and that was not given, and
/// of the folders those call in turn.
fn read_module_folders(texts: &mut Vec<(String, String)>) -> Result<(), InputError> {
    let mut read_dirs = 0;
    loop {
        let missing = missing_module_dirs(texts);
        let mut added = false;
        for dir in missing {
            if read_dirs >= MAX_MODULE_DIRS {
                return Ok(());
            }
            read_dirs += 1;
            let listing = if dir.is_empty() {
                ".".to_string()
            } else {
                dir.clone()
            };
            let Ok(entries) = std::fs::read_dir(&listing) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".tf"))
                .collect();
            names.sort();
            for n in names {
                let path = format!("{dir}/{n}");
                warn(&format!("{path}: read for the module that calls {dir}"));
                let text = read(&path)?;
                texts.push((path, text));
                added = true;
            }
        }
        if !added {
            return Ok(());
        }
    }
}
