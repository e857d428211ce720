//! Version 1 of the design file, read and migrated: one rule with its notification beside it
//! becomes a version-2 design whose `rules` hold that one rule with its notification. The one
//! place that knows version 1: `Design::from_json` reads a version-1 file through `DesignV1`
//! (with located errors, as any design file), and share links made against version-1 presets
//! patch `v1_value` of today's preset. Imports the model.

use crate::domain::design::model::{
    CustomActionDesign, DeploymentSettings, Design, NotificationDesign, RuleDesign, FORMAT_VERSION,
};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A version-1 design file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DesignV1 {
    pub format_version: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub preset: Option<String>,
    pub notification: NotificationDesign,
    pub rule: RuleV1,
    #[serde(default)]
    pub actions: Vec<CustomActionDesign>,
    #[serde(default)]
    pub deployment: DeploymentSettings,
}

/// A version-1 rule: its notification is the design's.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleV1 {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub event_pattern: Value,
    #[serde(default)]
    pub input_paths: IndexMap<String, String>,
    #[serde(default)]
    pub input_template_override: Option<String>,
}

impl From<DesignV1> for Design {
    fn from(v1: DesignV1) -> Design {
        let r = v1.rule;
        Design {
            format_version: FORMAT_VERSION,
            name: v1.name,
            preset: v1.preset,
            rules: vec![RuleDesign {
                name: r.name,
                description: r.description,
                enabled: true,
                event_pattern: r.event_pattern,
                input_paths: r.input_paths,
                input_template_override: r.input_template_override,
                notification: v1.notification,
            }],
            actions: v1.actions,
            deployment: v1.deployment,
        }
    }
}

/// The version-1 JSON of a design with one enabled rule (what a version-1 share link patched);
/// `None` for a design version 1 cannot hold.
pub fn v1_value(design: &Design) -> Option<Value> {
    let [rule] = design.rules.as_slice() else {
        return None;
    };
    if !rule.enabled {
        return None;
    }
    let mut value = serde_json::to_value(design).ok()?;
    let obj = value.as_object_mut()?;
    let mut rule = serde_json::to_value(rule).ok()?;
    let notification = rule.as_object_mut()?.shift_remove("notification")?;
    // Version 1 wrote its keys in this order; a link's merge patch does not depend on it, but
    // the value reads as the file did.
    let mut v1 = serde_json::Map::new();
    v1.insert("formatVersion".into(), Value::from(1));
    for key in ["name", "preset"] {
        if let Some(v) = obj.shift_remove(key) {
            v1.insert(key.into(), v);
        }
    }
    v1.insert("notification".into(), notification);
    v1.insert("rule".into(), rule);
    for key in ["actions", "deployment"] {
        if let Some(v) = obj.shift_remove(key) {
            v1.insert(key.into(), v);
        }
    }
    Some(Value::Object(v1))
}
