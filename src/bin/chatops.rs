//! `chatops`: the native CLI shell over the core. Arguments, files and exit codes only:
//! 0 ok, 1 a check failed, 2 usage or input error (a failed write to standard output is one; a
//! reader that closed the pipe early, as `| head` does, ends the output quietly). Design text in
//! messages is printed with control characters escaped (`\u{1b}`), so it cannot drive the
//! terminal. `export --out` writes each file atomically and never through a symbolic link. On
//! wasm32 it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use anyhow::{anyhow, Context, Result};
    use chatops_designer::domain::base::diagnostic::{has_errors, hides_or_reorders, Diagnostic};
    use chatops_designer::domain::base::jsontext::{duplicate_keys, strip_bom};
    use chatops_designer::domain::design::model::Design;
    use chatops_designer::domain::design::presets::{preset, PRESETS};
    use chatops_designer::domain::eventbridge::pattern::parse_pattern_text;
    use chatops_designer::domain::eventbridge::transform::{
        check_input_paths, check_template, event_size_error, transform, RuleContext,
    };
    use chatops_designer::domain::export::{ExportOptions, Format};
    use chatops_designer::domain::pipeline::simulate::{simulate, validate, SimulateOptions};
    use chatops_designer::domain::verify;
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
        /// Play events through a design as the channel shows them; prints JSON, one entry per event
        /// (matched, delivered, threadId, topLevel, title, buttons)
        Channel {
            #[arg(long, value_name = "FILE")]
            design: String,
            /// Event files, in order
            #[arg(long, value_name = "FILE", num_args = 1..)]
            events: Vec<String>,
            /// A JSON Lines file of events, one per line, after any --events
            #[arg(long, value_name = "FILE")]
            events_file: Option<String>,
            /// A built-in sequence of samples: blue-green, failed or instance-failure
            #[arg(long, value_name = "ID")]
            sequence: Option<String>,
            /// The channel does not allow threaded updates: every message is top-level
            #[arg(long)]
            no_threads: bool,
        },
        /// Replay real events through a design: what would the rule have posted? Reads JSON Lines,
        /// a JSON array of events, or the JSON of `aws logs filter-log-events` (events[].message);
        /// prints events read, matched, delivered, not delivered by reason, each button's count
        /// and the distinct titles. Malformed events are counted and located, never fatal.
        Replay {
            #[arg(long, value_name = "FILE")]
            design: String,
            /// Event files, replayed in order as one log (- reads standard input)
            #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
            events: Vec<String>,
            /// text (a summary), json (the summary as JSON) or jsonl (one line per event: place,
            /// matched, delivered, title, buttons)
            #[arg(long, value_name = "FORMAT", default_value = "text")]
            format: String,
        },
        /// Print what backs each preview element and each assumption (documented, seen, assumed)
        Evidence {
            /// Print JSON instead of lines
            #[arg(long)]
            json: bool,
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
            /// yes (the rule also sends matched events to a CloudWatch Logs log group, to replay
            /// later) or no
            #[arg(long, value_name = "YES_NO", default_value = "no")]
            log_events: String,
        },
        /// Ask EventBridge (aws events test-event-pattern) whether the design's pattern matches each
        /// sample event and each given event; prints the commands, or with --run runs them and
        /// prints a table (event, predicted, EventBridge, agree?); exit 1 on any disagreement
        Verify {
            #[arg(long, value_name = "FILE")]
            design: String,
            /// More event files to ask about, after the built-in samples
            #[arg(long, value_name = "FILE", num_args = 1..)]
            events: Vec<String>,
            /// Run the commands with the AWS CLI (`aws` on PATH) and compare
            #[arg(long)]
            run: bool,
        },
        /// Import Terraform (.tf files, read together as one module), a CloudFormation template, a
        /// custom-action JSON, the JSON of aws events describe-rule / list-targets-by-rule or aws
        /// chatbot describe-slack-channel-configurations, or a notification; writes the design
        /// file and prints what it noticed on standard error
        Import {
            /// Files to import: .tf files are read together; other files are imported in turn
            #[arg(value_name = "FILE", required = true, num_args = 1..)]
            files: Vec<String>,
            /// The design the import starts from (default: the blank preset)
            #[arg(long, value_name = "FILE")]
            design: Option<String>,
            /// Write the design file here instead of standard output
            #[arg(long, value_name = "FILE")]
            out: Option<String>,
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
            /// Print the whole link on this address of the app (default: $CHATOPS_DESIGNER_URL)
            #[arg(long, value_name = "URL", env = "CHATOPS_DESIGNER_URL")]
            base_url: Option<String>,
            /// A review link: it opens with the editors folded
            #[arg(long)]
            review: bool,
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

    /// An input error: exit 2 with the message; `Quiet` when standard output was closed.
    enum InputError {
        Message(anyhow::Error),
        Quiet,
    }

    impl<E: Into<anyhow::Error>> From<E> for InputError {
        fn from(e: E) -> Self {
            InputError::Message(e.into())
        }
    }

    /// One file of an export, written next to its destination and renamed over it: whole or not
    /// at all, never through a symbolic link, with the destination's permissions when it existed
    /// (a new script is executable).
    struct Staged {
        temp: std::path::PathBuf,
        path: std::path::PathBuf,
    }

    fn check_destination(path: &std::path::Path) -> Result<Option<std::fs::Permissions>> {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => Err(anyhow!(
                "{} is a symbolic link; remove it or choose another --out folder (exports never write through links)",
                path.display()
            )),
            Ok(m) if !m.is_file() => Err(anyhow!(
                "{} exists and is not a regular file; remove it or choose another --out folder",
                path.display()
            )),
            Ok(m) => Ok(Some(m.permissions())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(anyhow!("cannot inspect {}: {e}", path.display())),
        }
    }

    fn stage(
        path: &std::path::Path,
        contents: &str,
        keep: Option<std::fs::Permissions>,
        executable: bool,
    ) -> Result<Staged> {
        use std::io::Write;
        let dir = path.parent().unwrap_or(std::path::Path::new("."));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let mut n = 0u32;
        let (temp, mut file) = loop {
            let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
            let mut options = std::fs::OpenOptions::new();
            // create_new never opens an existing file or follows a link planted at the name.
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(if executable { 0o777 } else { 0o666 });
            }
            match options.open(&temp) {
                Ok(f) => break (temp, f),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(anyhow!("cannot create a file in {}: {e}", dir.display())),
            }
        };
        let written = file
            .write_all(contents.as_bytes())
            .and_then(|()| file.sync_all())
            .and_then(|()| match keep {
                Some(p) => std::fs::set_permissions(&temp, p),
                None => Ok(()),
            });
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(anyhow!("cannot write {}: {e}", path.display()));
        }
        Ok(Staged {
            temp,
            path: path.to_path_buf(),
        })
    }

    /// Writes every file or none: destinations are checked first, each file is written to a
    /// temporary file in the folder, and only when all are written are they renamed into place.
    /// The folder is locked meanwhile (an advisory lock on the folder itself, released when the
    /// process ends however it ends), so exports run at once into one folder leave the files of
    /// one of them, never a mix.
    fn write_files(
        dir: &std::path::Path,
        files: &[chatops_designer::domain::export::ExportFile],
    ) -> Result<()> {
        let folder = std::fs::File::open(dir)
            .map_err(|e| anyhow!("cannot open the folder {}: {e}", dir.display()))?;
        folder
            .lock()
            .map_err(|e| anyhow!("cannot lock the folder {}: {e}", dir.display()))?;
        let mut keep = Vec::new();
        for f in files {
            keep.push(check_destination(&dir.join(&f.name))?);
        }
        let mut staged: Vec<Staged> = Vec::new();
        for (f, keep) in files.iter().zip(keep) {
            match stage(
                &dir.join(&f.name),
                &f.contents,
                keep,
                f.name.ends_with(".sh"),
            ) {
                Ok(s) => staged.push(s),
                Err(e) => {
                    for s in &staged {
                        let _ = std::fs::remove_file(&s.temp);
                    }
                    return Err(e);
                }
            }
        }
        for (i, s) in staged.iter().enumerate() {
            if let Err(e) = std::fs::rename(&s.temp, &s.path) {
                for rest in &staged[i..] {
                    let _ = std::fs::remove_file(&rest.temp);
                }
                return Err(anyhow!("cannot write {}: {e}", s.path.display()));
            }
        }
        Ok(())
    }

    /// The most any input file may hold (an import, a JSON Lines file of events for `channel`).
    const MAX_INPUT: usize = 16 << 20;
    /// The most a design file, an event or a list of input paths may hold: far above what each can
    /// legitimately be (an event is at most 256 KB as EventBridge counts it), and small enough that
    /// parsing, which holds many times the text in memory, stays bounded.
    const MAX_DOCUMENT: usize = chatops_designer::domain::design::model::MAX_DESIGN_BYTES;
    /// The most a log written as one JSON document (an array of events, or what `aws logs
    /// filter-log-events` prints) may hold: replay reads such a document whole.
    const MAX_REPLAY_DOCUMENT: usize = 256 << 20;
    /// The most a pattern or a template file may hold (each is at most a few KB to AWS).
    const MAX_SNIPPET: usize = 1 << 20;

    /// Input files may start with a UTF-8 byte-order mark, which is skipped.
    fn read(path: &str) -> Result<String> {
        read_at_most(path, MAX_INPUT, "file this command reads")
    }

    /// Reads `path` (`-`: standard input), refusing more than `limit` bytes before any is parsed.
    fn read_at_most(path: &str, limit: usize, what: &str) -> Result<String> {
        let mut bytes = Vec::new();
        let taken = if path == "-" {
            std::io::stdin()
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?
        } else {
            std::fs::File::open(path)
                .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
                .with_context(|| format!("cannot read {path}"))?
        };
        if taken > limit {
            let name = if path == "-" { "standard input" } else { path };
            return Err(anyhow!(
                "{name} holds more than {} MiB and is refused unread: no {what} is that large",
                limit >> 20
            ));
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| anyhow!("cannot read {path}: it is not UTF-8 text ({e})"))?;
        Ok(match strip_bom(&text) {
            stripped if stripped.len() < text.len() => stripped.to_string(),
            _ => text,
        })
    }

    fn read_json(path: &str, what: &str) -> Result<Value> {
        let text = read_at_most(path, MAX_DOCUMENT, what)?;
        let value = serde_json::from_str(&text)
            .map_err(|e| anyhow!("{what} {path} is not valid JSON: {e}"))?;
        let duplicates = duplicate_keys(&text);
        if !duplicates.is_empty() {
            return Err(anyhow!("{what} {path}: {duplicates}"));
        }
        Ok(value)
    }

    /// An event: a JSON object within EventBridge's event size limit.
    fn read_event(path: &str) -> Result<Value> {
        let event = read_json(path, "event")?;
        if !event.is_object() {
            let kind = match &event {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(anyhow!(
                "event {path} must be a JSON object such as {{\"source\": \"aws.codedeploy\", \"detail\": {{…}}}}, found {kind}"
            ));
        }
        if let Some(d) = event_size_error(&event) {
            return Err(anyhow!("event {path}: {}", d.message));
        }
        Ok(event)
    }

    fn read_design(path: &str) -> Result<Design> {
        let text = read_at_most(path, MAX_DOCUMENT, "design")?;
        Design::from_json(&text).map_err(|e| anyhow!("{path}: {e}"))
    }

    /// Text with control characters (and the bidirectional overrides that reorder what a terminal
    /// shows) escaped as `\u{1b}`; `keep_newlines` keeps the line breaks of a multi-line message.
    fn printable(text: &str, keep_newlines: bool) -> String {
        text.chars()
            .map(|c| {
                if hidden_char(c) && !(keep_newlines && c == '\n') {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    /// Whether `c` is left raw in what stdout prints: not a C1 control (U+0080 to U+009F, which
    /// terminals read as CSI, OSC, …), a direction override or isolate, or a line or paragraph
    /// separator. JSON writers already escape C0 controls.
    fn shown_raw(c: char) -> bool {
        !hidden_char(c) || c.is_ascii_control()
    }

    /// A character that hides or reorders text in a terminal: a control (`hides_or_reorders`:
    /// C0, DEL, C1, direction marks) or a line or paragraph separator.
    fn hidden_char(c: char) -> bool {
        hides_or_reorders(c) || matches!(c, '\u{2028}' | '\u{2029}')
    }

    /// `text` with the characters `shown_raw` refuses written as `\uXXXX`: the same character
    /// inside a JSON string, and visible instead of acted on in a terminal.
    fn stdout_safe(text: &str) -> std::borrow::Cow<'_, str> {
        if text.chars().all(shown_raw) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut s = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            if shown_raw(c) {
                s.push(c);
            } else {
                s.push_str(&format!("\\u{:04x}", c as u32));
            }
        }
        std::borrow::Cow::Owned(s)
    }

    /// Writes to stdout (with `stdout_safe`) and flushes, so that a failed write is reported
    /// here. A closed pipe ends the output quietly.
    fn out(text: &str) -> std::result::Result<(), InputError> {
        use std::io::Write;
        let text = stdout_safe(text);
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(InputError::Quiet),
            Err(e) => Err(anyhow!("cannot write to standard output: {e}").into()),
        }
    }

    /// One line of a message on stderr, its design text escaped; a failed write is ignored (there
    /// is nowhere left to report it).
    fn warn(line: &str) {
        use std::io::Write;
        let _ = writeln!(std::io::stderr().lock(), "{}", printable(line, false));
    }

    fn replay(
        design: &str,
        files: &[String],
        format: &str,
    ) -> std::result::Result<ExitCode, InputError> {
        use chatops_designer::domain::pipeline::replay::{Cursor, Item, Layout, Reader, Tally};
        use chatops_designer::domain::pipeline::simulate::{compile, Outcome};
        use std::io::Write;
        if !["text", "json", "jsonl"].contains(&format) {
            return Err(anyhow!("--format {format:?} is not one of text, json, jsonl").into());
        }
        let design = read_design(design)?;
        let compiled = compile(&design);
        if has_errors(compiled.diagnostics()) {
            warn("the design has errors (chatops validate lists them); replaying it as the simulation reads it");
        }
        let mut tally = Tally::new(&compiled, SimulateOptions::default());
        let mut layouts = Vec::new();
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let broken = |e: std::io::Error| -> InputError {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                InputError::Quiet
            } else {
                anyhow!("cannot write to standard output: {e}").into()
            }
        };
        let emit = |path: &str,
                    item: &Item,
                    o: Option<Outcome>,
                    w: &mut std::io::BufWriter<std::io::StdoutLock>|
         -> std::result::Result<(), InputError> {
            if format != "jsonl" {
                return Ok(());
            }
            let line = match (&o, &item.event) {
                (Some(o), _) => {
                    json!({"file": path, "place": item.place(), "matched": o.matched, "delivered": o.delivered, "notDelivered": o.not_delivered, "title": o.title, "buttons": o.buttons})
                }
                (None, Err(why)) => json!({"file": path, "place": item.place(), "error": why}),
                (None, Ok(_)) => return Ok(()),
            };
            writeln!(w, "{}", stdout_safe(&line.to_string())).map_err(broken)
        };
        for path in files {
            // JSON Lines are read a chunk of whole lines at a time (memory stays flat however long
            // the log), on a second thread while this one replays the chunk before; the other
            // layouts are one document and are read whole.
            let source: Box<dyn Read + Send> = if path == "-" {
                Box::new(std::io::stdin())
            } else {
                Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {path}"))?)
            };
            let what = if path == "-" {
                "standard input"
            } else {
                path.as_str()
            };
            /// The text of a chunk that starts `consumed` bytes into the file.
            fn utf8<'b>(path: &str, bytes: &'b [u8], consumed: usize) -> Result<&'b str> {
                std::str::from_utf8(bytes).map_err(|e| {
                    anyhow!(
                        "{path} is not UTF-8 text (byte {} is not); save it as UTF-8",
                        consumed + e.valid_up_to()
                    )
                })
            }
            let chunks = LineChunks::start(source);
            let mut cursor: Option<Cursor> = None;
            let mut layout = None;
            let mut consumed = 0;
            while let Some(chunk) = chunks.next() {
                let mut buf = chunk.with_context(|| format!("cannot read {what}"))?;
                let text = utf8(path, &buf, consumed)?;
                let mut reader = match cursor.take() {
                    Some(c) => Reader::resume(text, c),
                    // The first chunk decides the layout: JSON Lines go on chunk by chunk, a
                    // document is read to its end first.
                    None => match Reader::new(text).map_err(|e| anyhow!("{path}: {e}"))? {
                        r if r.layout() == Layout::JsonLines => r,
                        _ => {
                            while let Some(more) = chunks.next() {
                                buf.extend_from_slice(
                                    &more.with_context(|| format!("cannot read {what}"))?,
                                );
                                if buf.len() > MAX_REPLAY_DOCUMENT {
                                    return Err(anyhow!("{path} is one JSON document of more than {} MiB; replay reads a document whole, so split it, or write the events as JSON Lines (one event per line), which replay reads line by line however long the log", MAX_REPLAY_DOCUMENT >> 20).into());
                                }
                            }
                            Reader::new(utf8(path, &buf, consumed)?)
                                .map_err(|e| anyhow!("{path}: {e}"))?
                        }
                    }
                    .reading(compiled.reads()),
                };
                layout.get_or_insert(reader.layout());
                for item in reader.by_ref() {
                    let o = tally.add(&compiled, &item);
                    emit(path, &item, o, &mut w)?;
                }
                cursor = reader.cursor().next_chunk();
                consumed += buf.len();
                chunks.recycle(buf);
                if cursor.is_none() {
                    break;
                }
            }
            if let Some(l) = layout {
                layouts.push(format!("{} ({})", path, l.describe()));
            }
        }
        let s = &tally.summary;
        match format {
            "json" => {
                let v = json!({"files": layouts, "summary": s});
                writeln!(
                    w,
                    "{}",
                    stdout_safe(&serde_json::to_string_pretty(&v).unwrap_or_default())
                )
                .map_err(broken)?;
            }
            "text" => {
                let mut t = String::new();
                t += &format!("read {} event(s) from {}\n", s.read, layouts.join(", "));
                if s.malformed > 0 {
                    t += &format!("malformed: {}\n", s.malformed);
                    for m in &s.malformed_first {
                        t += &format!("  {}: {}\n", m.place, printable(&m.reason, false));
                    }
                    if s.malformed > s.malformed_first.len() {
                        t += &format!("  … and {} more\n", s.malformed - s.malformed_first.len());
                    }
                }
                t += &format!("matched: {}\ndelivered: {}\n", s.matched, s.delivered);
                let nd: usize = s.not_delivered.items.iter().map(|x| x.1).sum::<usize>()
                    + s.not_delivered.others;
                t += &format!("not delivered: {nd}\n");
                for (why, n) in s.not_delivered.by_count() {
                    t += &format!("  {n:>7}  {}\n", printable(&why, false));
                }
                t += "buttons:\n";
                for (text, n) in &s.buttons {
                    t += &format!("  {n:>7}  {}\n", printable(text, false));
                }
                let distinct = s.titles.items.len();
                t += &format!(
                    "titles: {distinct}{} distinct\n",
                    if s.titles.others > 0 { "+" } else { "" }
                );
                for (title, n) in s.titles.by_count().into_iter().take(20) {
                    t += &format!("  {n:>7}  {}\n", printable(&title, false));
                }
                if distinct > 20 {
                    t += &format!("  … {} more (--format json lists them)\n", distinct - 20);
                }
                w.write_all(stdout_safe(&t).as_bytes()).map_err(broken)?;
            }
            _ => {}
        }
        w.flush().map_err(broken)?;
        Ok(ExitCode::SUCCESS)
    }

    /// A source read on its own thread in chunks of about 8 MB that end at a line end (the last
    /// chunk wherever the source ends), so one chunk is replayed while the next is read. Two
    /// buffers go back and forth; memory stays flat however long the source.
    struct LineChunks {
        full: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
        empty: std::sync::mpsc::SyncSender<Vec<u8>>,
    }

    impl LineChunks {
        const SIZE: usize = 8 << 20;

        fn start(mut source: Box<dyn Read + Send>) -> LineChunks {
            let (full_tx, full) = std::sync::mpsc::sync_channel(1);
            let (empty, empty_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
            std::thread::spawn(move || {
                let mut carry: Vec<u8> = Vec::new();
                'chunks: loop {
                    let mut buf = empty_rx
                        .try_recv()
                        .unwrap_or_else(|_| Vec::with_capacity(Self::SIZE + (64 << 10)));
                    buf.clear();
                    buf.append(&mut carry);
                    // Read SIZE bytes more, and on until the chunk holds a line end, or the source ends.
                    let mut want = buf.len() + Self::SIZE;
                    let eof = loop {
                        match (&mut source)
                            .take((want - buf.len()) as u64)
                            .read_to_end(&mut buf)
                        {
                            Err(e) => {
                                let _ = full_tx.send(Err(e));
                                return;
                            }
                            Ok(0) => break true,
                            Ok(_) if buf.len() < want => {}
                            Ok(_) => match memchr::memrchr(b'\n', &buf) {
                                // Whole lines only: what follows the last line end starts the next chunk.
                                Some(i) => {
                                    carry.extend_from_slice(&buf[i + 1..]);
                                    buf.truncate(i + 1);
                                    break false;
                                }
                                // One line longer than any event can be: its first bytes are
                                // kept (replay counts it malformed, as too long), the rest is
                                // skipped to its end, so memory stays bounded.
                                // The kept part goes to the reader at once (an input that is
                                // no log at all, such as /dev/zero, is refused without waiting
                                // for a line end that never comes).
                                None if buf.len() > Self::LINE_CAP => {
                                    let mut cut = Self::LINE_CAP;
                                    while cut > 0 && (buf[cut] & 0xC0) == 0x80 {
                                        cut -= 1;
                                    }
                                    buf.truncate(cut);
                                    buf.push(b'\n');
                                    if full_tx.send(Ok(std::mem::take(&mut buf))).is_err() {
                                        return;
                                    }
                                    match Self::skip_line(&mut source, &mut carry) {
                                        Err(e) => {
                                            let _ = full_tx.send(Err(e));
                                            return;
                                        }
                                        Ok(false) => return,
                                        Ok(true) => continue 'chunks,
                                    }
                                }
                                None => want += Self::SIZE,
                            },
                        }
                    };
                    if full_tx.send(Ok(buf)).is_err() || eof {
                        return;
                    }
                }
            });
            LineChunks { full, empty }
        }

        /// The most bytes of one line kept: past the longest event text replay reads, so a line
        /// cut here is still counted as too long.
        const LINE_CAP: usize =
            chatops_designer::domain::pipeline::replay::MAX_EVENT_TEXT + (64 << 10);

        /// Reads and drops the rest of a line; what follows its end goes into `carry`. True when
        /// the line ended (false: the source ended first).
        fn skip_line(source: &mut impl Read, carry: &mut Vec<u8>) -> std::io::Result<bool> {
            let mut block = vec![0u8; 64 << 10];
            loop {
                let n = source.read(&mut block)?;
                if n == 0 {
                    return Ok(false);
                }
                if let Some(i) = memchr::memchr(b'\n', &block[..n]) {
                    carry.extend_from_slice(&block[i + 1..n]);
                    return Ok(true);
                }
            }
        }

        /// The next chunk; `None` once the source has ended.
        fn next(&self) -> Option<std::io::Result<Vec<u8>>> {
            self.full.recv().ok()
        }

        /// Hands a replayed chunk's buffer back for reading into.
        fn recycle(&self, buf: Vec<u8>) {
            let _ = self.empty.try_send(buf);
        }
    }

    fn print_json(v: &impl serde::Serialize) -> std::result::Result<(), InputError> {
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(v).unwrap_or_default()
        ))
    }

    fn print_diags(diags: &[Diagnostic]) {
        for d in diags {
            warn(&d.to_string());
        }
    }

    fn errors_only(diags: &[Diagnostic]) -> Vec<Diagnostic> {
        diags.iter().filter(|d| d.is_error()).cloned().collect()
    }

    fn run(cli: Cli) -> std::result::Result<ExitCode, InputError> {
        match cli.command {
            Command::Pattern { pattern, event } => {
                let text = read_at_most(&pattern, MAX_SNIPPET, "event pattern")?;
                let event = read_event(&event)?;
                let (p, diags) = parse_pattern_text(&text);
                let Some(p) = p else {
                    let msgs: Vec<String> = errors_only(&diags)
                        .into_iter()
                        .map(|d| printable(&d.under("pattern").to_string(), false))
                        .collect();
                    return Err(anyhow!("invalid event pattern:\n{}", msgs.join("\n")).into());
                };
                let report = p.report(&event);
                print_json(
                    &json!({"matched": report.matched, "fields": report.fields, "diagnostics": diags}),
                )?;
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
                let template = read_at_most(&template, MAX_SNIPPET, "input template")?;
                let event = read_event(&event)?;
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
                    rule_name,
                    rule_arn,
                    ingestion_time,
                };
                let r = transform(&paths, &template, &event, &ctx);
                out(&r.output)?;
                print_diags(&r.diagnostics);
                Ok(ExitCode::SUCCESS)
            }
            Command::Simulate { design, event } => {
                let design = read_design(&design)?;
                let event = read_event(&event)?;
                let sim = simulate(&design, &event, &SimulateOptions::default());
                print_json(&sim)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Channel {
                design,
                events,
                events_file,
                sequence,
                no_threads,
            } => {
                let design = read_design(&design)?;
                let mut all: Vec<(String, Value)> = Vec::new();
                if let Some(id) = sequence {
                    let seq = chatops_designer::domain::view::channel::sequence(&id).ok_or_else(
                        || {
                            anyhow!(
                                "unknown sequence '{id}'; choose from: {}",
                                chatops_designer::domain::view::channel::SEQUENCES
                                    .iter()
                                    .map(|s| s.id)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        },
                    )?;
                    all.extend(chatops_designer::domain::view::channel::sequence_events(
                        seq,
                    ));
                }
                for path in &events {
                    all.push((path.clone(), read_event(path)?));
                }
                if let Some(path) = events_file {
                    let text = read(&path)?;
                    for (i, line) in text.lines().enumerate() {
                        if line.trim().is_empty() {
                            continue;
                        }
                        let event: Value = serde_json::from_str(line).map_err(|e| {
                            anyhow!("{path}, line {}: not a JSON event: {e}", i + 1)
                        })?;
                        if !event.is_object() {
                            return Err(anyhow!(
                                "{path}, line {}: an event must be a JSON object",
                                i + 1
                            )
                            .into());
                        }
                        all.push((format!("{path}:{}", i + 1), event));
                    }
                }
                if all.is_empty() {
                    return Err(anyhow!(
                        "no events: give --events FILE…, --events-file FILE or --sequence ID"
                    )
                    .into());
                }
                let posts = chatops_designer::domain::view::channel::channel(
                    &design,
                    &all,
                    !no_threads,
                    &SimulateOptions::default(),
                );
                print_json(&posts)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Evidence { json } => {
                use chatops_designer::domain::amazon_q::evidence::EVIDENCE;
                if json {
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
            Command::Replay {
                design,
                events,
                format,
            } => replay(&design, &events, &format),
            Command::Validate { design } => {
                let design = read_design(&design)?;
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
            Command::Preset {
                command: PresetCommand::List,
            } => {
                for p in PRESETS {
                    out(&format!("{:<20} {}\n", p.id, p.label))?;
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Preset {
                command: PresetCommand::Show { name },
            } => match preset(&name) {
                Some(d) => {
                    out(&d.to_json())?;
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                    Err(anyhow!("unknown preset '{name}'. Choose from: {}", ids.join(", ")).into())
                }
            },
            Command::Share {
                command:
                    ShareCommand::Encode {
                        design,
                        base_url,
                        review,
                    },
            } => {
                let design = read_design(&design)?;
                // Refuses what `share decode` would refuse, with the same message.
                let text = match base_url.filter(|b| !b.is_empty()) {
                    Some(base) => {
                        chatops_designer::domain::design::share::link(&base, &design, review)
                            .map_err(|e| anyhow!("{e}"))?
                    }
                    None => {
                        let fragment = chatops_designer::domain::design::share::encode(&design)
                            .map_err(|e| anyhow!("cannot make a link: {e}"))?;
                        let prefix = if review {
                            chatops_designer::domain::design::share::REVIEW_PREFIX
                        } else {
                            ""
                        };
                        format!("{prefix}{fragment}")
                    }
                };
                out(&format!("{text}\n"))?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Share {
                command: ShareCommand::Decode { fragment },
            } => {
                let text = if fragment == "-" {
                    read_at_most("-", MAX_SNIPPET, "share link")?
                } else {
                    fragment
                };
                let design = chatops_designer::domain::design::share::decode(&text)
                    .map_err(|e| anyhow!("cannot open the link: {e}"))?;
                out(&design.to_json())?;
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
                log_events,
            } => {
                let format = Format::parse(&format)?;
                let mut options = ExportOptions::default();
                options.set("scope", &scope)?;
                options.set("attach", &attach)?;
                options.set("guardrail", &guardrail)?;
                options.set("encryption", &encryption)?;
                options.set("log-events", &log_events)?;
                options.check()?;
                let design = read_design(&design)?;
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
                match dir {
                    Some(dir) => {
                        let dir = std::path::PathBuf::from(dir);
                        std::fs::create_dir_all(&dir)
                            .with_context(|| format!("cannot create {}", dir.display()))?;
                        write_files(&dir, &export.files)?;
                        for f in &export.files {
                            let path = dir.join(&f.name);
                            out(&format!(
                                "{} ({} bytes)\n",
                                printable(&path.display().to_string(), false),
                                f.contents.len()
                            ))?;
                        }
                    }
                    None => {
                        for f in &export.files {
                            out(&format!("# ==> {} <==\n{}", f.name, f.contents))?;
                        }
                    }
                }
                for n in &export.notes {
                    warn(&format!("note: {n}"));
                }
                for p in chatops_designer::domain::design::settings::placeholders(&design) {
                    warn(&format!("placeholder: {p}"));
                }
                for a in &export.assumptions {
                    warn(&format!("assumption: {}", a.text));
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Verify {
                design,
                events,
                run,
            } => {
                let design = read_design(&design)?;
                let mut given = Vec::new();
                for path in &events {
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
                    if !run {
                        out(&format!(
                            "# {label}: predicted {}\n{}\n",
                            if c.predicted { "match" } else { "no match" },
                            c.shell
                        ))?;
                        continue;
                    }
                    let answer = std::process::Command::new(&c.argv[0])
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
                        });
                    rows.push(verify::Row {
                        event: label,
                        predicted: c.predicted,
                        eventbridge: answer.map_err(|e| printable(&e, false)),
                    });
                }
                if !run {
                    return Ok(ExitCode::SUCCESS);
                }
                out(&verify::table(&rows))?;
                Ok(if rows.iter().all(verify::Row::agrees) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            }
            Command::Import {
                files,
                design,
                out: dest,
            } => {
                use chatops_designer::domain::import::import_files;
                let current = match design {
                    Some(path) => read_design(&path)?,
                    None => {
                        preset("blank").ok_or_else(|| anyhow!("the blank preset is missing"))?
                    }
                };
                let mut texts = Vec::new();
                for path in &files {
                    texts.push((path.clone(), read(path)?));
                }
                let done = import_files(&texts, &current).map_err(|e| anyhow!("{e}"))?;
                for (what, kind) in &done.steps {
                    warn(&format!("{what}: imported as {}", kind.label()));
                }
                let notes = done.notes;
                let current = done.design;
                print_diags(&notes);
                let json = current.to_json();
                match dest {
                    Some(path) => {
                        let path = std::path::PathBuf::from(path);
                        let keep = check_destination(&path)?;
                        let staged = stage(&path, &json, keep, false)?;
                        if let Err(e) = std::fs::rename(&staged.temp, &staged.path) {
                            let _ = std::fs::remove_file(&staged.temp);
                            return Err(anyhow!("cannot write {}: {e}", path.display()).into());
                        }
                    }
                    None => out(&json)?,
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Schema => {
                out(&chatops_designer::domain::design::model::design_schema())?;
                Ok(ExitCode::SUCCESS)
            }
        }
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(c) => c,
            Err(e) => {
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
                return ExitCode::from(code);
            }
        };
        match run(cli) {
            Ok(code) => code,
            Err(InputError::Message(e)) => {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "chatops: {}",
                    printable(&format!("{e:#}"), true)
                );
                ExitCode::from(2)
            }
            Err(InputError::Quiet) => ExitCode::SUCCESS,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
