//! `chatops export`: the files that deploy a design, printed or written whole into a folder;
//! exit 1 (nothing written) when the design has errors. Notes, placeholders and assumptions go to
//! standard error.

use crate::args::ExportArgs;
use crate::files::write_files;
use crate::input::read_design;
use crate::output::{errors_only, out, print_diags, printable, warn, Exit};
use anyhow::Context;
use chatops_designer::domain::design::settings::placeholders;
use chatops_designer::domain::export::Export;
use chatops_designer::domain::pipeline::simulate::validate;
use chatops_designer::domain::verify;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Exit {
    let (format, options) = (args.format, args.options.0);
    options.check()?;
    let design = read_design(&args.design)?;
    let errors = errors_only(&validate(&design));
    if !errors.is_empty() {
        print_diags(&errors);
        warn(&format!(
            "chatops: not exported: {} error(s) would make the deployment fail or the notification not render",
            errors.len()
        ));
        return Ok(ExitCode::from(1));
    }
    let export = verify::export_predicted(&design, format, &options);
    match args.out {
        Some(dir) => write(&std::path::PathBuf::from(dir), &export)?,
        None => {
            for f in &export.files {
                out(&format!("# ==> {} <==\n{}", f.name, f.contents))?;
            }
        }
    }
    for n in &export.notes {
        warn(&format!("note: {n}"));
    }
    for p in placeholders(&design) {
        warn(&format!("placeholder: {p}"));
    }
    for a in &export.assumptions {
        warn(&format!("assumption: {}", a.text));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the files into `dir` (created if missing) and lists each with its size.
fn write(dir: &std::path::Path, export: &Export) -> Result<(), crate::output::InputError> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // A CDK app has folders of its own (`bin/`, `lib/`); the names are the exporter's, never a
    // design's, so they stay inside `dir`.
    for f in &export.files {
        if let Some(parent) = std::path::Path::new(&f.name).parent() {
            let sub = dir.join(parent);
            std::fs::create_dir_all(&sub)
                .with_context(|| format!("cannot create {}", sub.display()))?;
        }
    }
    write_files(dir, &export.files)?;
    for f in &export.files {
        let path = dir.join(&f.name);
        out(&format!(
            "{} ({} bytes)\n",
            printable(&path.display().to_string(), false),
            f.contents.len()
        ))?;
    }
    Ok(())
}
