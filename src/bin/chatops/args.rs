//! The command line: every subcommand and its flags, as clap reads them. Each subcommand's
//! arguments are one struct, handed whole to its file under `commands/`. The export flags are
//! made from the core's lists (`Format::ALL`, `export::OPTIONS`), so a new format or option
//! needs nothing here.

use chatops_designer::domain::export::{ExportError, ExportOptions, Format, OptionSpec, OPTIONS};
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Arg, ArgMatches, Args, FromArgMatches, Parser, Subcommand};
use std::ffi::OsStr;

/// Design, simulate and export Amazon Q Developer custom notifications and Custom Action buttons
/// for EventBridge events. Use `-` for stdin wherever a FILE is read.
#[derive(Parser)]
#[command(name = "chatops", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Match an EventBridge event pattern against an event; prints a JSON report (exit 0 either way)
    Pattern(PatternArgs),
    /// Run the input transformer; prints exactly the rendered text
    Transform(TransformArgs),
    /// Simulate a design against an event; prints the JSON trace
    Simulate(SimulateArgs),
    /// Play events through a design as the channel shows them; prints JSON, one entry per event
    /// (matched, delivered, threadId, topLevel, title, buttons)
    Channel(ChannelArgs),
    /// Replay real events through a design: what would the rule have posted? Reads JSON Lines,
    /// a JSON array of events, or the JSON of `aws logs filter-log-events` (events[].message);
    /// prints events read, matched, delivered, not delivered by reason, each button's count
    /// and the distinct titles. Malformed events are counted and located, never fatal.
    Replay(ReplayArgs),
    /// Print what backs each preview element and each assumption (documented, seen, assumed)
    Evidence(EvidenceArgs),
    /// Check a design file; exit 1 when it has errors
    Validate(DesignArg),
    /// List or print the built-in presets
    Preset {
        #[command(subcommand)]
        command: PresetCommand,
    },
    /// List or print the built-in sample events, by source
    Sample {
        #[command(subcommand)]
        command: SampleCommand,
    },
    /// Print the JSON Schema of the design file
    Schema,
    /// Write Terraform, CloudFormation, an AWS CLI script or an AWS CDK app (TypeScript, Python) that deploys a design; exit 1 when
    /// the design has errors (nothing is written)
    Export(ExportArgs),
    /// Ask EventBridge (aws events test-event-pattern) whether the design's pattern matches each
    /// sample event and each given event; prints the commands, or with --run runs them and
    /// prints a table (event, predicted, EventBridge, agree?); exit 1 on any disagreement
    Verify(VerifyArgs),
    /// Import Terraform (.tf files, read together as one module), a CloudFormation template, a
    /// custom-action JSON, the JSON of aws events describe-rule / list-targets-by-rule or aws
    /// chatbot describe-slack-channel-configurations, or a notification; writes the design
    /// file and prints what it noticed on standard error
    Import(ImportArgs),
    /// Encode a design as a share-link fragment, or decode one
    Share {
        #[command(subcommand)]
        command: ShareCommand,
    },
}

#[derive(Args)]
pub struct PatternArgs {
    #[arg(long, value_name = "FILE")]
    pub pattern: String,
    #[arg(long, value_name = "FILE")]
    pub event: String,
}

#[derive(Args)]
pub struct TransformArgs {
    /// InputPathsMap as a JSON object
    #[arg(long, value_name = "FILE")]
    pub paths: String,
    /// InputTemplate text
    #[arg(long, value_name = "FILE")]
    pub template: String,
    #[arg(long, value_name = "FILE")]
    pub event: String,
    #[arg(long, value_name = "N", default_value = "my-rule")]
    pub rule_name: String,
    #[arg(long, value_name = "A")]
    pub rule_arn: Option<String>,
    #[arg(long, value_name = "T")]
    pub ingestion_time: Option<String>,
}

#[derive(Args)]
pub struct SimulateArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    #[arg(long, value_name = "FILE")]
    pub event: String,
    /// One rule's trace only, by name or by position (1 is the first). Without it, a design with
    /// one rule prints that rule's trace, and a design with several prints {"rules": [...]}, one
    /// trace per rule with its index, name and enabled flag
    #[arg(long, value_name = "NAME|N")]
    pub rule: Option<String>,
}

#[derive(Args)]
pub struct ChannelArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    /// Event files, in order
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub events: Vec<String>,
    /// A JSON Lines file of events, one per line, after any --events
    #[arg(long, value_name = "FILE")]
    pub events_file: Option<String>,
    /// A built-in sequence of samples: blue-green, failed or instance-failure
    #[arg(long, value_name = "ID")]
    pub sequence: Option<String>,
    /// The channel does not allow threaded updates: every message is top-level
    #[arg(long)]
    pub no_threads: bool,
}

#[derive(Args)]
pub struct ReplayArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    /// Event files, replayed in order as one log (- reads standard input)
    #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
    pub events: Vec<String>,
    /// text (a summary), json (the summary as JSON) or jsonl (one line per event: place,
    /// matched, delivered, title, buttons)
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: String,
}

#[derive(Args)]
pub struct EvidenceArgs {
    /// Print JSON instead of lines
    #[arg(long)]
    pub json: bool,
}

/// A subcommand that reads one design file and nothing else.
#[derive(Args)]
pub struct DesignArg {
    #[arg(long, value_name = "FILE")]
    pub design: String,
}

#[derive(Subcommand)]
pub enum SampleCommand {
    /// The samples, by source: a heading per source, then one line per sample (id, label, the AWS
    /// page it comes from)
    List,
    /// Print a sample event
    Show { name: String },
}

#[derive(Subcommand)]
pub enum PresetCommand {
    /// The presets, by source: a heading per source, then one line per preset (id, description)
    List,
    /// Print a preset's design file
    Show { name: String },
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    /// The kind of files to write
    #[arg(long, value_name = "FORMAT", value_parser = FormatParser)]
    pub format: Format,
    /// Folder to write the files to (created if missing); without it the files are printed
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    #[command(flatten)]
    pub options: OptionFlags,
}

#[derive(Args)]
pub struct VerifyArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    /// More event files to ask about, after the built-in samples
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub events: Vec<String>,
    /// Run the commands with the AWS CLI (`aws` on PATH) and compare
    #[arg(long)]
    pub run: bool,
}

#[derive(Args)]
pub struct ImportArgs {
    /// Files to import: .tf files are read together; other files are imported in turn
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<String>,
    /// The design the import starts from (default: the blank preset)
    #[arg(long, value_name = "FILE")]
    pub design: Option<String>,
    /// Write the design file here instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// A value for a Terraform variable (repeatable); wins over variable files
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// A Terraform variable file (.tfvars or .tfvars.json; repeatable), read after the
    /// terraform.tfvars and *.auto.tfvars files found beside the .tf files
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<String>,
}

#[derive(Subcommand)]
pub enum ShareCommand {
    /// Print the URL fragment (after #) that carries the design
    Encode(EncodeArgs),
    /// Print the design file a fragment (or whole link) carries
    Decode { fragment: String },
}

#[derive(Args)]
pub struct EncodeArgs {
    #[arg(long, value_name = "FILE")]
    pub design: String,
    /// Print the whole link on this address of the app (default: $CHATOPS_DESIGNER_URL)
    #[arg(long, value_name = "URL", env = "CHATOPS_DESIGNER_URL")]
    pub base_url: Option<String>,
    /// A review link: it opens with the editors folded
    #[arg(long)]
    pub review: bool,
}

/// `--format`: one of `Format::ALL`, named by its `Format::id`, checked by `Format::parse`.
#[derive(Clone)]
pub struct FormatParser;

impl TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Format, clap::Error> {
        Format::parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            Format::ALL
                .into_iter()
                .map(|f| PossibleValue::new(f.id()).help(f.label())),
        ))
    }
}

/// The export options, one flag per entry of `OPTIONS` (`--scope`, `--attach`, …): named by its
/// key, its choices the flag's possible values, the first its default.
pub struct OptionFlags(pub ExportOptions);

impl Args for OptionFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        OPTIONS
            .iter()
            .fold(cmd, |cmd, spec| cmd.arg(option_flag(spec)))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for OptionFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut options = ExportOptions::default();
        for spec in OPTIONS {
            if let Some(value) = matches.get_one::<String>(spec.key) {
                options
                    .set(spec.key, value)
                    .map_err(|e| clap::Error::raw(ErrorKind::ValueValidation, e))?;
            }
        }
        Ok(OptionFlags(options))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

/// One option's flag: `-h` shows its label, `--help` its description and each choice's label.
fn option_flag(spec: &'static OptionSpec) -> Arg {
    Arg::new(spec.key)
        .long(spec.key)
        .value_name(spec.key.to_uppercase().replace('-', "_"))
        .help(spec.label)
        .long_help(spec.description)
        .default_value(spec.choices[0].0)
        .value_parser(ChoiceParser(spec))
}

/// One option's value: a choice of its `OptionSpec`, checked by `ExportOptions::set`.
#[derive(Clone)]
struct ChoiceParser(&'static OptionSpec);

impl TypedValueParser for ChoiceParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let key = self.0.key;
        let check = move |s: &str| ExportOptions::default().set(key, s).map(|()| s.to_string());
        check.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.choices.iter().map(|&(value, label)| {
            PossibleValue::new(value).help(label)
        })))
    }
}

/// The core's refusal of a `--format` or export option value, which the CLI reports as it
/// reports every input error (`chatops: …`, exit 2), in the core's words rather than clap's.
pub fn refused_value(e: &clap::Error) -> Option<&ExportError> {
    std::error::Error::source(e)?.downcast_ref::<ExportError>()
}
