//! Deployment settings as data: formats, and the example values still in place.

use chatops_designer::domain::design::model::DeploymentSettings;
use chatops_designer::domain::design::presets::{preset, seed, PRESETS};
use chatops_designer::domain::design::settings::{
    get, placeholders, problem, set, setting, SETTINGS,
};

#[test]
fn every_setting_reads_and_writes_its_own_field() {
    for s in SETTINGS.iter() {
        let mut d = DeploymentSettings::default();
        set(&mut d, s.key, format!("v-{}", s.key));
        assert_eq!(get(&d, s.key), format!("v-{}", s.key));
        for other in SETTINGS.iter().filter(|o| o.key != s.key) {
            assert_ne!(
                get(&d, other.key),
                format!("v-{}", s.key),
                "{} wrote {}",
                s.key,
                other.key
            );
        }
        // The design file's own field name.
        // A source setting without a field of its own is kept under sourceSettings.
        let json = serde_json::to_value(&d).unwrap();
        let own = chatops_designer::domain::design::sources::source_setting(s.key)
            .is_none_or(|x| x.field.is_some());
        let at = if own {
            &json[s.key]
        } else {
            &json["sourceSettings"][s.key]
        };
        assert_eq!(*at, format!("v-{}", s.key));
    }
}

#[test]
fn a_value_in_the_wrong_format_is_named_with_what_is_allowed() {
    let ws = setting("slackWorkspaceId").unwrap();
    assert_eq!(problem(ws, "T07ABCDE123"), None);
    assert_eq!(problem(ws, ""), None, "empty is asked for at deploy time");
    let why = problem(ws, "t07-abc").unwrap();
    assert!(
        why.contains("Slack workspace ID must be uppercase letters and digits"),
        "{why}"
    );
    let acct = setting("accountId").unwrap();
    assert!(problem(acct, "12345").unwrap().contains("12 digits"));
    assert_eq!(problem(acct, "210987654321"), None);
    let region = setting("region").unwrap();
    assert!(problem(region, "US East").is_some());
    // Every preset's settings are in the format they claim.
    for p in PRESETS {
        let d = preset(p.id).unwrap();
        for s in SETTINGS.iter() {
            assert_eq!(
                problem(s, get(&d.deployment, s.key)),
                None,
                "{} {}",
                p.id,
                s.key
            );
        }
    }
}

#[test]
fn the_example_values_a_preset_ships_are_placeholders_until_replaced() {
    let mut d = seed();
    let fields: Vec<String> = placeholders(&d).into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "deployment.accountId",
            "deployment.slackWorkspaceId",
            "deployment.slackChannelId",
            "deployment.application",
            "deployment.deploymentGroup",
            "deployment.parameters.greenUrl",
        ]
    );
    // Names the exports create are not placeholders; the Region is a real one.
    assert!(!fields
        .iter()
        .any(|f| f.ends_with("snsTopicName") || f.ends_with("region")));
    let p = &placeholders(&d)[1];
    assert_eq!(p.to_string(), "Slack workspace ID is \"T0123ABCDEF\", an example value: replace it with yours (deployment.slackWorkspaceId)");
    // A value from another preset is an example too; a reserved example domain is one anywhere.
    d.deployment.slack_workspace_id = "TREALTEAM1".into();
    d.deployment
        .parameters
        .insert("docs".into(), "https://docs.example.org/runbook".into());
    d.deployment.parameters.insert(
        "wiki".into(),
        "https://wiki.corp.internal/example.com".into(),
    );
    let fields: Vec<String> = placeholders(&d).into_iter().map(|p| p.field).collect();
    assert!(!fields.contains(&"deployment.slackWorkspaceId".to_string()));
    assert!(fields.contains(&"deployment.parameters.docs".to_string()));
    assert!(!fields.contains(&"deployment.parameters.wiki".to_string()));
    // Empty is not a placeholder: the export asks for it at deploy time.
    d.deployment.slack_channel_id.clear();
    assert!(!placeholders(&d)
        .iter()
        .any(|p| p.field.ends_with("slackChannelId")));
}
