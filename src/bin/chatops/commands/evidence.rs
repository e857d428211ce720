//! `chatops evidence`: what backs each preview element and each assumption, as lines or JSON.

use crate::args::EvidenceArgs;
use crate::output::{out, print_json, Exit};
use chatops_designer::domain::amazon_q::evidence::EVIDENCE;
use std::process::ExitCode;

pub fn run(args: EvidenceArgs) -> Exit {
    if args.json {
        print_json(&EVIDENCE)?;
    } else {
        for e in EVIDENCE {
            out(&format!(
                "{:<10} {:<40} {} ({})\n",
                e.level.as_str(),
                e.element,
                e.says,
                e.source
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
