//! `chatops`: the native CLI shell over the core. Arguments, files and exit codes only:
//! 0 ok, 1 a check failed, 2 usage or input error (a failed write to standard output is one; a
//! reader that closed the pipe early, as `| head` does, ends the output quietly). Design text in
//! messages is printed with control characters escaped (`\u{1b}`), so it cannot drive the
//! terminal. `export --out` writes each file atomically and never through a symbolic link. On
//! wasm32 it is an empty program.
//!
//! This file parses the arguments and hands each subcommand to its file: `args` holds the
//! arguments, `commands/` one file per subcommand, `input` and `files` what the CLI reads and
//! writes, `output` what it prints, `chunks` the line-chunked reader of `replay`.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod chunks;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    match args::Cli::try_parse() {
        Ok(cli) => finish(run(cli.command)),
        Err(e) => match args::refused_value(&e) {
            Some(why) => finish(Err(anyhow::anyhow!("{why}").into())),
            None => usage(e),
        },
    }
}

/// The exit code of a run; an input error's message goes to standard error.
#[cfg(not(target_arch = "wasm32"))]
fn finish(result: output::Exit) -> std::process::ExitCode {
    use output::{printable, InputError};
    use std::io::Write;
    match result {
        Ok(code) => code,
        Err(InputError::Message(e)) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "chatops: {}",
                printable(&format!("{e:#}"), true)
            );
            std::process::ExitCode::from(2)
        }
        Err(InputError::Quiet) => std::process::ExitCode::SUCCESS,
    }
}

/// Prints what clap has to say (a usage error, `--help` or `--version`) and its exit code.
#[cfg(not(target_arch = "wasm32"))]
fn usage(e: clap::Error) -> std::process::ExitCode {
    let mut code = if e.use_stderr() { 2 } else { 0 };
    // `--help` and `--version` print to stdout, whose failure is an error too.
    if let Err(err) = e.print() {
        if code == 0 && err.kind() != std::io::ErrorKind::BrokenPipe {
            code = 2;
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr().lock(),
                "chatops: cannot write to standard output: {err}"
            );
        }
    }
    std::process::ExitCode::from(code)
}

/// Hands the subcommand to its file.
#[cfg(not(target_arch = "wasm32"))]
fn run(command: args::Command) -> output::Exit {
    use args::Command;
    use commands::*;
    match command {
        Command::Pattern(a) => pattern::run(a),
        Command::Transform(a) => transform::run(a),
        Command::Simulate(a) => simulate::run(a),
        Command::Channel(a) => channel::run(a),
        Command::Replay(a) => replay::run(a),
        Command::Evidence(a) => evidence::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Preset { command } => preset::run(command),
        Command::Sample { command } => preset::samples(command),
        Command::Schema => schema::run(),
        Command::Export(a) => export::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Import(a) => import::run(a),
        Command::Share { command } => share::run(command),
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
