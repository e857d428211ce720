//! Event sources as rows: one `Source` per AWS service whose events a design can route (one file
//! each, registered in `sources!` below). A row holds the source's sample events, the sequences the
//! Channel view plays, and its settings: the pattern key each pins and the ARN variable each fills
//! when the exports scope the buttons' permissions, with the words the exported parameter is named
//! from. The samples list, the settings form, the Channel view, the exports and the importers read
//! these rows instead of naming a service. Imports model and samples.

use crate::domain::design::model::DeploymentSettings;
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::Setting;

/// One event source.
#[derive(Debug)]
pub struct Source {
    /// The events' `source` field, such as `aws.codedeploy`.
    pub event_source: &'static str,
    pub label: &'static str,
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
    /// The key under the event's `detail` whose value is this setting's: a pattern leaf equal to the
    /// setting becomes the exported parameter.
    pub pattern_key: &'static str,
    /// The variable of IAM ARN formats this setting fills (`${ApplicationName}`).
    pub arn_variable: &'static str,
    /// The exported parameter's name, in words (`codedeploy application`).
    pub words: &'static [&'static str],
    /// Where the design file keeps the value: its own field, or (`None`) `deployment.sourceSettings`.
    pub field: Option<Field>,
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
}

/// Every source's settings, in source order.
pub fn source_settings() -> impl Iterator<Item = &'static SourceSetting> {
    SOURCES.iter().flat_map(|s| s.settings.iter())
}

/// The source setting stored as `key`.
pub fn source_setting(key: &str) -> Option<&'static SourceSetting> {
    source_settings().find(|s| s.key() == key)
}

/// The setting that fills the ARN variable `name`.
pub fn arn_setting(name: &str) -> Option<&'static SourceSetting> {
    source_settings().find(|s| s.arn_variable == name)
}
