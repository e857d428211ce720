//! `chatops verify`: ask EventBridge (`aws events test-event-pattern`) whether the design's
//! pattern matches each sample and given event. Prints the commands, or with `--run` runs them
//! and prints a table; exit 1 on any disagreement.

use crate::args::VerifyArgs;
use crate::input::{read_design, read_event};
use crate::output::{errors_only, out, print_diags, printable, warn, Exit};
use anyhow::anyhow;
use chatops_designer::domain::pipeline::simulate::validate;
use chatops_designer::domain::verify::{self, Check, Row};
use std::process::ExitCode;

pub fn run(args: VerifyArgs) -> Exit {
    let design = read_design(&args.design)?;
    let mut given = Vec::new();
    for path in &args.events {
        given.push((path.clone(), read_event(path)?));
    }
    let Some(checks) = verify::plan(&design, &given) else {
        print_diags(&errors_only(&validate(&design)));
        return Err(anyhow!(
            "the event pattern is invalid, so there is nothing to ask EventBridge"
        )
        .into());
    };
    let mut rows = Vec::new();
    for c in &checks {
        let label = printable(&c.label, false);
        if let Some(why) = &c.untestable {
            warn(&format!("{label}: not asked: {why}"));
            continue;
        }
        for a in &c.adjusted {
            out(&format!("# {label}: {a} (TestEventPattern requires it)\n"))?;
        }
        if !args.run {
            out(&format!(
                "# {label}: predicted {}\n{}\n",
                if c.predicted { "match" } else { "no match" },
                c.shell
            ))?;
            continue;
        }
        rows.push(Row {
            event: label,
            predicted: c.predicted,
            eventbridge: ask(c).map_err(|e| printable(&e, false)),
        });
    }
    if !args.run {
        return Ok(ExitCode::SUCCESS);
    }
    out(&verify::table(&rows))?;
    Ok(if rows.iter().all(Row::agrees) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs one check's command and reads EventBridge's answer (or why there is none).
fn ask(c: &Check) -> Result<bool, String> {
    std::process::Command::new(&c.argv[0])
        .args(&c.argv[1..])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", c.argv[0]))
        .and_then(|o| {
            let stdout = String::from_utf8_lossy(&o.stdout);
            match verify::parse_answer(&stdout) {
                Some(m) if o.status.success() => Ok(m),
                _ => Err(format!(
                    "no answer ({}): {}",
                    o.status,
                    String::from_utf8_lossy(&o.stderr).trim()
                )),
            }
        })
}
