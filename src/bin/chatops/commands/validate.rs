//! `chatops validate`: print a design's diagnostics and a count; exit 1 when it has errors.

use crate::args::DesignArg;
use crate::input::read_design;
use crate::output::{out, printable, Exit};
use chatops_designer::domain::pipeline::simulate::validate;
use std::process::ExitCode;

pub fn run(args: DesignArg) -> Exit {
    let design = read_design(&args.design)?;
    let diags = validate(&design);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    for d in &diags {
        out(&format!("{}\n", printable(&d.to_string(), false)))?;
    }
    out(&format!(
        "{errors} error(s), {} warning(s)\n",
        diags.len() - errors
    ))?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
