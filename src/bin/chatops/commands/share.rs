//! `chatops share encode` and `chatops share decode`: a design as a share-link fragment (or a
//! whole link), and back.

use crate::args::{EncodeArgs, ShareCommand};
use crate::input::{read_at_most, read_design, MAX_SNIPPET};
use crate::output::{out, Exit};
use anyhow::anyhow;
use chatops_designer::domain::design::share::{decode, encode, link, REVIEW_PREFIX};
use std::process::ExitCode;

pub fn run(command: ShareCommand) -> Exit {
    match command {
        ShareCommand::Encode(args) => run_encode(args),
        ShareCommand::Decode { fragment } => run_decode(fragment),
    }
}

fn run_encode(args: EncodeArgs) -> Exit {
    let design = read_design(&args.design)?;
    // Refuses what `share decode` would refuse, with the same message.
    let text = match args.base_url.filter(|b| !b.is_empty()) {
        Some(base) => link(&base, &design, args.review).map_err(|e| anyhow!("{e}"))?,
        None => {
            let fragment = encode(&design).map_err(|e| anyhow!("cannot make a link: {e}"))?;
            let prefix = if args.review { REVIEW_PREFIX } else { "" };
            format!("{prefix}{fragment}")
        }
    };
    out(&format!("{text}\n"))?;
    Ok(ExitCode::SUCCESS)
}

fn run_decode(fragment: String) -> Exit {
    let text = if fragment == "-" {
        read_at_most("-", MAX_SNIPPET, "share link")?
    } else {
        fragment
    };
    let design = decode(&text).map_err(|e| anyhow!("cannot open the link: {e}"))?;
    out(&design.to_json())?;
    Ok(ExitCode::SUCCESS)
}
