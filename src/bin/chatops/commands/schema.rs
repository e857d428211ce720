//! `chatops schema`: the JSON Schema of the design file.

use crate::output::{out, Exit};
use chatops_designer::domain::design::model::design_schema;
use std::process::ExitCode;

pub fn run() -> Exit {
    out(&design_schema())?;
    Ok(ExitCode::SUCCESS)
}
