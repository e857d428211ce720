//! `chatops`: the native CLI shell over the core. Arguments, files and exit codes only:
//! 0 ok, 1 a check failed, 2 usage or input error. On wasm32 it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use anyhow::{anyhow, Context, Result};
    use chatops_designer::domain::diagnostic::{has_errors, Diagnostic};
    use chatops_designer::domain::export::{export, ExportOptions, Format};
    use chatops_designer::domain::model::Design;
    use chatops_designer::domain::pattern::parse_pattern_text;
    use chatops_designer::domain::presets::{preset, PRESETS};
    use chatops_designer::domain::simulate::{sample_message, simulate, validate, SimulateOptions};
    use chatops_designer::domain::transform::{
        check_input_paths, check_template, transform, RuleContext,
    };
    use clap::{Parser, Subcommand};
    use indexmap::IndexMap;
    use serde_json::{json, Value};
    use std::io::Read;
    use std::process::ExitCode;

    /// Design, simulate and export Amazon Q Developer custom notifications and Custom Action buttons
    /// for CodeDeploy events. Use `-` for stdin wherever a FILE is read.
    #[derive(Parser)]
    #[command(name = "chatops", version, about, long_about = None)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Match an EventBridge event pattern against an event; prints a JSON report (exit 0 either way)
        Pattern {
            #[arg(long, value_name = "FILE")]
            pattern: String,
            #[arg(long, value_name = "FILE")]
            event: String,
        },
        /// Run the input transformer; prints exactly the rendered text
        Transform {
            /// InputPathsMap as a JSON object
            #[arg(long, value_name = "FILE")]
            paths: String,
            /// InputTemplate text
            #[arg(long, value_name = "FILE")]
            template: String,
            #[arg(long, value_name = "FILE")]
            event: String,
            #[arg(long, value_name = "N", default_value = "my-rule")]
            rule_name: String,
            #[arg(long, value_name = "A")]
            rule_arn: Option<String>,
            #[arg(long, value_name = "T")]
            ingestion_time: Option<String>,
        },
        /// Simulate a design against an event; prints the JSON trace
        Simulate {
            #[arg(long, value_name = "FILE")]
            design: String,
            #[arg(long, value_name = "FILE")]
            event: String,
        },
        /// Check a design file; exit 1 when it has errors
        Validate {
            #[arg(long, value_name = "FILE")]
            design: String,
        },
        /// List or print the built-in presets
        Preset {
            #[command(subcommand)]
            command: PresetCommand,
        },
        /// Print the JSON Schema of the design file
        Schema,
        /// Write Terraform, CloudFormation or an AWS CLI script that deploys a design; exit 1 when
        /// the design has errors (nothing is written)
        Export {
            #[arg(long, value_name = "FILE")]
            design: String,
            /// terraform, cloudformation-yaml, cloudformation-json or cli
            #[arg(long, value_name = "FORMAT")]
            format: String,
            /// Folder to write the files to (created if missing); without it the files are printed
            #[arg(long, value_name = "DIR")]
            out: Option<String>,
            /// full, actions, rule or channel
            #[arg(long, value_name = "SCOPE", default_value = "full")]
            scope: String,
            /// channel-configuration or existing-configuration
            #[arg(long, value_name = "HOW", default_value = "channel-configuration")]
            attach: String,
            /// yes or no
            #[arg(long, value_name = "YES_NO", default_value = "yes")]
            guardrail: String,
            /// kms (a customer managed key for the topic) or none
            #[arg(long, value_name = "KMS_NONE", default_value = "kms")]
            encryption: String,
        },
        /// Encode a design as a share-link fragment, or decode one
        Share {
            #[command(subcommand)]
            command: ShareCommand,
        },
    }

    #[derive(Subcommand)]
    enum ShareCommand {
        /// Print the URL fragment (after #) that carries the design
        Encode {
            #[arg(long, value_name = "FILE")]
            design: String,
        },
        /// Print the design file a fragment (or whole link) carries
        Decode { fragment: String },
    }

    #[derive(Subcommand)]
    enum PresetCommand {
        /// One line per preset: id and description
        List,
        /// Print a preset's design file
        Show { name: String },
    }

    /// An input error: exit 2 with the message.
    struct InputError(anyhow::Error);

    impl<E: Into<anyhow::Error>> From<E> for InputError {
        fn from(e: E) -> Self {
            InputError(e.into())
        }
    }

    #[cfg(unix)]
    fn make_executable(path: &std::path::Path) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make {} executable", path.display()))
    }
    #[cfg(not(unix))]
    fn make_executable(_: &std::path::Path) -> Result<()> {
        Ok(())
    }

    fn read(path: &str) -> Result<String> {
        if path == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read standard input")?;
            Ok(s)
        } else {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))
        }
    }

    fn read_json(path: &str, what: &str) -> Result<Value> {
        let text = read(path)?;
        serde_json::from_str(&text).map_err(|e| anyhow!("{what} {path} is not valid JSON: {e}"))
    }

    fn read_design(path: &str) -> Result<Design> {
        let text = read(path)?;
        Design::from_json(&text).map_err(|e| anyhow!("{path}: {e}"))
    }

    /// Writes to stdout; a closed pipe (`chatops … | head`) is not an error worth a panic.
    fn out(text: &str) {
        use std::io::Write;
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }

    fn print_json(v: &impl serde::Serialize) {
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(v).unwrap_or_default()
        ));
    }

    fn print_diags(diags: &[Diagnostic]) {
        for d in diags {
            eprintln!("{d}");
        }
    }

    fn errors_only(diags: &[Diagnostic]) -> Vec<Diagnostic> {
        diags.iter().filter(|d| d.is_error()).cloned().collect()
    }

    fn run(cli: Cli) -> std::result::Result<ExitCode, InputError> {
        match cli.command {
            Command::Pattern { pattern, event } => {
                let text = read(&pattern)?;
                let event = read_json(&event, "event")?;
                let (p, diags) = parse_pattern_text(&text);
                let Some(p) = p else {
                    let msgs: Vec<String> = errors_only(&diags)
                        .into_iter()
                        .map(|d| d.under("pattern").to_string())
                        .collect();
                    return Err(anyhow!("invalid event pattern:\n{}", msgs.join("\n")).into());
                };
                let report = p.report(&event);
                print_json(
                    &json!({"matched": report.matched, "fields": report.fields, "diagnostics": diags}),
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::Transform {
                paths,
                template,
                event,
                rule_name,
                rule_arn,
                ingestion_time,
            } => {
                let paths: IndexMap<String, String> =
                    serde_json::from_value(read_json(&paths, "input paths")?).map_err(|e| {
                        anyhow!("input paths must be a JSON object of strings: {e}")
                    })?;
                let template = read(&template)?;
                let event = read_json(&event, "event")?;
                let mut diags = check_input_paths(&paths);
                diags.extend(check_template(&template, &paths));
                if has_errors(&diags) {
                    let msgs: Vec<String> = errors_only(&diags)
                        .iter()
                        .map(ToString::to_string)
                        .collect();
                    return Err(anyhow!("invalid input transformer:\n{}", msgs.join("\n")).into());
                }
                let ctx = RuleContext {
                    rule_name,
                    rule_arn,
                    ingestion_time,
                };
                let r = transform(&paths, &template, &event, &ctx);
                out(&r.output);
                print_diags(&r.diagnostics);
                Ok(ExitCode::SUCCESS)
            }
            Command::Simulate { design, event } => {
                let design = read_design(&design)?;
                let event = read_json(&event, "event")?;
                let sim = simulate(&design, &event, &SimulateOptions::default());
                print_json(&sim);
                Ok(ExitCode::SUCCESS)
            }
            Command::Validate { design } => {
                let design = read_design(&design)?;
                let diags = validate(&design);
                let errors = diags.iter().filter(|d| d.is_error()).count();
                for d in &diags {
                    out(&format!("{d}\n"));
                }
                out(&format!(
                    "{errors} error(s), {} warning(s)\n",
                    diags.len() - errors
                ));
                Ok(if errors > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                })
            }
            Command::Preset {
                command: PresetCommand::List,
            } => {
                for p in PRESETS {
                    out(&format!("{:<20} {}\n", p.id, p.label));
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Preset {
                command: PresetCommand::Show { name },
            } => match preset(&name) {
                Some(d) => {
                    out(&d.to_json());
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                    Err(anyhow!("unknown preset '{name}'. Choose from: {}", ids.join(", ")).into())
                }
            },
            Command::Share {
                command: ShareCommand::Encode { design },
            } => {
                let design = read_design(&design)?;
                out(&format!(
                    "{}\n",
                    chatops_designer::domain::share::encode(&design)
                ));
                Ok(ExitCode::SUCCESS)
            }
            Command::Share {
                command: ShareCommand::Decode { fragment },
            } => {
                let text = if fragment == "-" {
                    read("-")?
                } else {
                    fragment
                };
                let design = chatops_designer::domain::share::decode(&text)
                    .map_err(|e| anyhow!("cannot open the link: {e}"))?;
                out(&design.to_json());
                Ok(ExitCode::SUCCESS)
            }
            Command::Export {
                design,
                format,
                out: dir,
                scope,
                attach,
                guardrail,
                encryption,
            } => {
                let format = Format::parse(&format)?;
                let mut options = ExportOptions::default();
                options.set("scope", &scope)?;
                options.set("attach", &attach)?;
                options.set("guardrail", &guardrail)?;
                options.set("encryption", &encryption)?;
                options.check()?;
                let design = read_design(&design)?;
                let errors = errors_only(&validate(&design));
                if !errors.is_empty() {
                    for d in &errors {
                        eprintln!("{d}");
                    }
                    eprintln!(
                        "chatops: not exported: {} error(s) would make the deployment fail or the notification not render",
                        errors.len()
                    );
                    return Ok(ExitCode::from(1));
                }
                let sample = sample_message(&design);
                let export = export(&design, format, &options, sample.as_deref());
                match dir {
                    Some(dir) => {
                        let dir = std::path::PathBuf::from(dir);
                        std::fs::create_dir_all(&dir)
                            .with_context(|| format!("cannot create {}", dir.display()))?;
                        for f in &export.files {
                            let path = dir.join(&f.name);
                            std::fs::write(&path, &f.contents)
                                .with_context(|| format!("cannot write {}", path.display()))?;
                            if f.name.ends_with(".sh") {
                                make_executable(&path)?;
                            }
                            out(&format!(
                                "{} ({} bytes)\n",
                                path.display(),
                                f.contents.len()
                            ));
                        }
                    }
                    None => {
                        for f in &export.files {
                            out(&format!("# ==> {} <==\n{}", f.name, f.contents));
                        }
                    }
                }
                for n in &export.notes {
                    eprintln!("note: {n}");
                }
                for a in &export.assumptions {
                    eprintln!("assumption: {}", a.text);
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Schema => {
                out(&chatops_designer::domain::model::design_schema());
                Ok(ExitCode::SUCCESS)
            }
        }
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(c) => c,
            Err(e) => {
                let code = if e.use_stderr() { 2 } else { 0 };
                let _ = e.print();
                return ExitCode::from(code);
            }
        };
        match run(cli) {
            Ok(code) => code,
            Err(InputError(e)) => {
                eprintln!("chatops: {e:#}");
                ExitCode::from(2)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
