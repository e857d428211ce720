//! Event sources as rows: one `Source` per AWS service whose events a design can route (one file
//! each, registered in `sources!` below). A row holds the source's sample events, the sequences the
//! Channel view plays, and its settings: the pattern key each pins and the ARN variable each fills
//! when the exports scope the buttons' permissions, with the words the exported parameter is named
//! from. The samples list, the settings form, the Channel view, the exports and the importers read
//! these rows instead of naming a service. Imports model and samples.

use crate::domain::design::model::DeploymentSettings;
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::Setting;
use indexmap::IndexMap;

/// One event source.
#[derive(Debug)]
pub struct Source {
    /// The events' `source` field, such as `aws.codedeploy`.
    pub event_source: &'static str,
    pub label: &'static str,
    /// The `detail-type`s its samples and presets cover, for recognising a pasted event.
    pub detail_types: &'static [&'static str],
    /// What its events carry, in a sentence or two for the help.
    pub help: &'static str,
    /// AWS's page that documents its events (and that the samples come from).
    pub doc_url: &'static str,
    /// The presets built for its events, the first the one to offer: each preset's id and the
    /// samples its rules deliver (the others it leaves alone).
    pub presets: &'static [(&'static str, &'static [&'static str])],
    /// Its sample events (the files under `samples/`), in the order the event picker lists them.
    pub samples: &'static [Sample],
    /// The sequences of its samples the Channel view plays.
    pub sequences: &'static [Sequence],
    /// The settings that pin its events in the pattern and scope the buttons' permissions.
    pub settings: &'static [SourceSetting],
}

/// A built-in sequence of sample events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sequence {
    pub id: &'static str,
    pub label: &'static str,
    /// Sample ids, in the order they are played.
    pub samples: &'static [&'static str],
}

/// A setting of one source: a field of the settings form that the exports turn into a parameter.
#[derive(Debug)]
pub struct SourceSetting {
    /// The form field (its `key` is the field's name in the design file's `deployment`).
    pub setting: Setting,
    /// What it names, in a sentence ("CodeDeploy application").
    pub what: &'static str,
    /// The same in lowercase, for notes ("deployment group").
    pub noun: &'static str,
    /// What its events are about, in the plural ("deployments").
    pub events: &'static str,
    /// Where the pattern names it: a pattern value equal to the setting becomes the exported
    /// parameter, and a pattern that pins it to one value scopes the buttons' permissions.
    pub pin: Pin,
    /// The variable of IAM ARN formats this setting fills (`${ApplicationName}`).
    /// Empty for a setting that names no resource of the IAM reference (a severity label).
    pub arn_variable: &'static str,
    /// The exported parameter's name, in words (`codedeploy application`).
    pub words: &'static [&'static str],
    /// Where the design file keeps the value: its own field, or (`None`) `deployment.sourceSettings`.
    pub field: Option<Field>,
}

/// Where in an event pattern a setting's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// A string under the pattern's `detail`, at this path of keys (`["service", "detectorId"]`;
    /// through an array of objects too, as EventBridge matches `detail.findings.ProductName`).
    Detail(&'static [&'static str]),
    /// The segment `${<arn_variable>}` of a resource ARN in the pattern's `resources`, whose
    /// format (from the IAM reference) is given: ECS events name their service only there.
    Resource(&'static str),
}

impl Pin {
    /// The path of keys from the pattern's top to the list of values that pin the setting.
    pub fn path(&self) -> Vec<&'static str> {
        match self {
            Pin::Detail(keys) => std::iter::once("detail")
                .chain(keys.iter().copied())
                .collect(),
            Pin::Resource(_) => vec!["resources"],
        }
    }

    /// Where in `value` (a string of the pattern at `path`) the setting is: all of it for a
    /// detail pin, the ARN's segment for a resource pin; `None` when the string is no such ARN.
    pub fn span(&self, variable: &str, value: &str) -> Option<std::ops::Range<usize>> {
        match self {
            Pin::Detail(_) => Some(0..value.len()),
            Pin::Resource(format) => arn_segment(format, variable, value),
        }
    }

    /// The pattern's path as it reads in a note (`detail.service.detectorId`).
    pub fn describe(&self) -> String {
        self.path().join(".")
    }
}

/// The span of the segment `${variable}` of `arn` read against `format` (`arn:${Partition}:…`):
/// each `${…}` takes the characters up to the next literal text of the format, which must follow.
pub fn arn_segment(format: &str, variable: &str, arn: &str) -> Option<std::ops::Range<usize>> {
    let mut found = None;
    let (mut f, mut at) = (format, 0usize);
    loop {
        let Some(open) = f.find("${") else {
            return (arn.get(at..)? == f).then_some(found?);
        };
        if arn.get(at..at + open)? != &f[..open] {
            return None;
        }
        at += open;
        let close = open + f[open..].find('}')?;
        let name = &f[open + 2..close];
        f = &f[close + 1..];
        let literal_end = f.find("${").unwrap_or(f.len());
        let next = &f[..literal_end];
        let len = if next.is_empty() {
            arn.len() - at
        } else {
            arn[at..].find(next)?
        };
        if len == 0 {
            return None;
        }
        if name == variable {
            found = Some(at..at + len);
        }
        at += len;
    }
}

/// A field of `DeploymentSettings` that holds a setting.
#[derive(Debug)]
pub struct Field {
    pub get: fn(&DeploymentSettings) -> &String,
    pub get_mut: fn(&mut DeploymentSettings) -> &mut String,
}

impl SourceSetting {
    pub fn key(&self) -> &'static str {
        self.setting.key
    }
    /// The value the design holds (empty when unset).
    pub fn value<'a>(&self, d: &'a DeploymentSettings) -> &'a str {
        match &self.field {
            Some(f) => (f.get)(d),
            None => d
                .source_settings
                .get(self.key())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }
    pub fn set(&self, d: &mut DeploymentSettings, value: String) {
        match &self.field {
            Some(f) => *(f.get_mut)(d) = value,
            None if value.is_empty() => {
                d.source_settings.shift_remove(self.key());
            }
            None => {
                d.source_settings.insert(self.key().to_string(), value);
            }
        }
    }
}

/// A source's sample events: `id`, label, the AWS page it was copied from, and how (`""` for
/// verbatim, else what was changed); the file is `samples/<id>.json`.
macro_rules! samples {
    ($($id:literal, $label:literal, $url:expr, $note:expr;)*) => {
        &[$(crate::domain::design::samples::Sample {
            id: $id,
            label: $label,
            json: include_str!(concat!("../samples/", $id, ".json")),
            url: $url,
            note: $note,
        }),*]
    };
}

/// Registers the sources: `module: CONST` declares the module and lists its row.
macro_rules! sources {
    ($($module:ident: $row:ident,)*) => {
        $(mod $module;)*
        /// Every source, in the order the app lists them.
        pub const SOURCES: &[&Source] = &[$(&$module::$row),*];
    };
}

sources! {
    codedeploy: CODEDEPLOY,
    ecs: ECS,
    cloudwatch: CLOUDWATCH,
    codepipeline: CODEPIPELINE,
    codebuild: CODEBUILD,
    guardduty: GUARDDUTY,
    securityhub: SECURITYHUB,
    health: HEALTH,
}

/// Every source's settings, in source order.
pub fn source_settings() -> impl Iterator<Item = &'static SourceSetting> {
    SOURCES.iter().flat_map(|s| s.settings.iter())
}

/// The source setting stored as `key`.
pub fn source_setting(key: &str) -> Option<&'static SourceSetting> {
    source_settings().find(|s| s.key() == key)
}

/// The source whose events `event` is (by its `source`), and whether the source's rows know its
/// `detail-type`.
pub fn recognise(event: &serde_json::Value) -> Option<(&'static Source, bool)> {
    let source = event.get("source")?.as_str()?;
    let row = SOURCES.iter().copied().find(|s| s.event_source == source)?;
    let known = event
        .get("detail-type")
        .and_then(|t| t.as_str())
        .is_some_and(|t| row.detail_types.contains(&t));
    Some((row, known))
}

/// The sources a design routes: those named in any rule pattern's `source`.
pub fn design_sources(design: &crate::domain::design::model::Design) -> Vec<&'static Source> {
    SOURCES
        .iter()
        .copied()
        .filter(|s| {
            design.rules.iter().any(|r| {
                r.event_pattern
                    .get("source")
                    .and_then(|v| v.as_array())
                    .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(s.event_source)))
            })
        })
        .collect()
}

/// The samples worth running a design through: those of the sources its rules route, or every
/// sample when its patterns name no known source.
pub fn design_samples(
    design: &crate::domain::design::model::Design,
) -> Vec<&'static crate::domain::design::samples::Sample> {
    let sources = design_sources(design);
    if sources.is_empty() {
        SOURCES.iter().flat_map(|s| s.samples.iter()).collect()
    } else {
        sources.iter().flat_map(|s| s.samples.iter()).collect()
    }
}

/// The source whose row holds the setting stored as `key`.
pub fn setting_source(key: &str) -> Option<&'static Source> {
    SOURCES
        .iter()
        .copied()
        .find(|s| s.settings.iter().any(|x| x.key() == key))
}

/// Whether the settings form shows the setting `key` for `design`: a common setting always; a
/// source's when a rule routes that source's events or the setting holds a value.
pub fn shows_setting(design: &crate::domain::design::model::Design, key: &str) -> bool {
    match setting_source(key) {
        None => true,
        Some(src) => {
            let set = src
                .settings
                .iter()
                .find(|x| x.key() == key)
                .is_some_and(|x| !x.value(&design.deployment).is_empty());
            set || design_sources(design)
                .iter()
                .any(|s| s.event_source == src.event_source)
        }
    }
}

/// The values `{{name}}` may splice into a notification: the design's parameters, then each source
/// setting that holds a value, by its key (a parameter of the same name wins). A button can so name
/// a resource its event does not carry, such as the cluster of an ECS service.
pub fn template_params(d: &DeploymentSettings) -> std::borrow::Cow<'_, IndexMap<String, String>> {
    let extra: Vec<(String, String)> = source_settings()
        .filter(|s| !d.parameters.contains_key(s.key()))
        .filter_map(|s| {
            let v = s.value(d);
            (!v.is_empty()).then(|| (s.key().to_string(), v.to_string()))
        })
        .collect();
    if extra.is_empty() {
        std::borrow::Cow::Borrowed(&d.parameters)
    } else {
        let mut all = d.parameters.clone();
        all.extend(extra);
        std::borrow::Cow::Owned(all)
    }
}

/// The setting that fills the ARN variable `name`.
pub fn arn_setting(name: &str) -> Option<&'static SourceSetting> {
    source_settings().find(|s| !s.arn_variable.is_empty() && s.arn_variable == name)
}
