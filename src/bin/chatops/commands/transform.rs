//! `chatops transform`: run an input transformer (paths map and template) over one event and
//! print exactly the rendered text.

use crate::args::TransformArgs;
use crate::input::{read_at_most, read_event, read_json, MAX_SNIPPET};
use crate::output::{errors_only, out, print_diags, printable, Exit};
use anyhow::anyhow;
use chatops_designer::domain::base::diagnostic::has_errors;
use chatops_designer::domain::eventbridge::transform::{
    check_input_paths, check_template, transform, RuleContext,
};
use indexmap::IndexMap;
use std::process::ExitCode;

pub fn run(args: TransformArgs) -> Exit {
    let paths: IndexMap<String, String> =
        serde_json::from_value(read_json(&args.paths, "input paths")?)
            .map_err(|e| anyhow!("input paths must be a JSON object of strings: {e}"))?;
    let template = read_at_most(&args.template, MAX_SNIPPET, "input template")?;
    let event = read_event(&args.event)?;
    let mut diags = check_input_paths(&paths);
    diags.extend(check_template(&template, &paths));
    if has_errors(&diags) {
        let msgs: Vec<String> = errors_only(&diags)
            .iter()
            .map(|d| printable(&d.to_string(), false))
            .collect();
        return Err(anyhow!("invalid input transformer:\n{}", msgs.join("\n")).into());
    }
    let ctx = RuleContext {
        rule_name: args.rule_name,
        rule_arn: args.rule_arn,
        ingestion_time: args.ingestion_time,
    };
    let r = transform(&paths, &template, &event, &ctx);
    out(&r.output)?;
    print_diags(&r.diagnostics);
    Ok(ExitCode::SUCCESS)
}
