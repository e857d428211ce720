//! The event-source rows: each row's samples, sequences and settings agree with each other and
//! with the lists the app reads; a setting reads and writes where the design file keeps it.

use chatops_designer::domain::design::model::{DeploymentSettings, Design};
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::design::samples::SAMPLES;
use chatops_designer::domain::design::settings::{get, set, SETTINGS};
use chatops_designer::domain::design::sources::{
    arn_setting, source_setting, source_settings, SOURCES,
};
use chatops_designer::domain::view::channel::SEQUENCES;
use serde_json::Value;

#[test]
fn every_sample_is_an_event_of_its_source_and_listed_once() {
    let mut ids = Vec::new();
    for source in SOURCES {
        assert!(!source.samples.is_empty(), "{} has no sample", source.label);
        for s in source.samples {
            let event: Value = serde_json::from_str(s.json).unwrap();
            assert_eq!(event["source"], source.event_source, "{}", s.id);
            assert!(event["detail-type"].is_string(), "{}", s.id);
            assert!(!ids.contains(&s.id), "{} is listed twice", s.id);
            ids.push(s.id);
        }
    }
    let listed: Vec<&str> = SAMPLES.iter().map(|s| s.id).collect();
    assert_eq!(
        listed, ids,
        "SAMPLES lists every source's samples in source order"
    );
}

#[test]
fn every_sequence_plays_samples_of_its_own_source() {
    let mut all = Vec::new();
    for source in SOURCES {
        for seq in source.sequences {
            assert!(seq.samples.len() >= 2, "{}", seq.id);
            for id in seq.samples {
                assert!(
                    source.samples.iter().any(|s| s.id == *id),
                    "sequence {} plays {id}, which is not a sample of {}",
                    seq.id,
                    source.label
                );
            }
            all.push(*seq);
        }
    }
    assert_eq!(*SEQUENCES, all);
}

#[test]
fn source_settings_are_form_fields_with_distinct_keys_arns_and_names() {
    let keys: Vec<&str> = source_settings().map(|s| s.key()).collect();
    for (i, s) in source_settings().enumerate() {
        assert!(!keys[..i].contains(&s.key()), "{} twice", s.key());
        if !s.arn_variable.is_empty() {
            assert_eq!(arn_setting(s.arn_variable).map(|a| a.key()), Some(s.key()));
        }
        assert!(
            SETTINGS.iter().any(|f| f.key == s.key()),
            "{} not in the form",
            s.key()
        );
        assert!(s.words.len() >= 2, "{}: name the service too", s.key());
    }
    assert!(
        source_setting("region").is_none(),
        "common settings are no source's"
    );
}

#[test]
fn a_setting_with_a_field_keeps_it_and_one_without_goes_to_source_settings() {
    let mut d = DeploymentSettings::default();
    set(&mut d, "deploymentGroup", "dg-1".into());
    assert_eq!(d.deployment_group, "dg-1");
    assert_eq!(get(&d, "deploymentGroup"), "dg-1");
    assert!(d.source_settings.is_empty());
    // A setting without a field of its own is stored by key, and removed when emptied.
    let mut s = clone_setting("application");
    s.setting.key = "alarmName";
    s.set(&mut d, "cpu-high".into());
    assert_eq!(
        d.source_settings.get("alarmName").map(String::as_str),
        Some("cpu-high")
    );
    assert_eq!(s.value(&d), "cpu-high");
    s.set(&mut d, String::new());
    assert!(d.source_settings.is_empty());
}

/// A copy of a registered setting's row, to vary.
fn clone_setting(key: &str) -> chatops_designer::domain::design::sources::SourceSetting {
    let s = source_setting(key).unwrap();
    chatops_designer::domain::design::sources::SourceSetting {
        setting: s.setting,
        what: s.what,
        noun: s.noun,
        events: s.events,
        pin: s.pin,
        arn_variable: s.arn_variable,
        words: s.words,
        field: None,
    }
}

#[test]
fn source_settings_stay_out_of_design_files_until_used() {
    let d: Design = preset("blue-green").unwrap();
    let text = serde_json::to_string(&d).unwrap();
    assert!(!text.contains("sourceSettings"), "{text}");
    let mut d = d;
    d.deployment
        .source_settings
        .insert("alarmName".into(), "cpu-high".into());
    let back: Design = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(
        back.deployment.source_settings,
        d.deployment.source_settings
    );
}

/// Each source's presets deliver exactly the samples its row says, with every placeholder
/// filled and every button's command mapped to a permission; the source's other samples are
/// left alone.
#[test]
fn each_sources_presets_deliver_what_the_row_says_with_every_placeholder_filled() {
    use chatops_designer::domain::amazon_q::iam::command_permissions;
    use chatops_designer::domain::pipeline::simulate::{simulate, validate, SimulateOptions};
    for source in SOURCES {
        assert!(
            source.samples.len() >= 3,
            "{}: at least three samples",
            source.label
        );
        assert!(!source.presets.is_empty(), "{} has no preset", source.label);
        assert!(source.doc_url.starts_with("https://docs.aws.amazon.com/"));
        for s in source.samples {
            assert!(s.url.starts_with("https://"), "{}: no page", s.id);
        }
        for (id, delivers) in source.presets {
            let d = preset(id).unwrap_or_else(|| panic!("{id} is no preset"));
            let errors: Vec<_> = validate(&d)
                .into_iter()
                .filter(|x| {
                    x.severity == chatops_designer::domain::base::diagnostic::Severity::Error
                })
                .collect();
            assert!(errors.is_empty(), "{id}: {errors:?}");
            for a in &d.actions {
                assert!(
                    command_permissions(&a.command).is_ok(),
                    "{id}: {} maps to no permission",
                    a.command
                );
            }
            let mut shown = 0;
            for s in source.samples {
                let event: Value = serde_json::from_str(s.json).unwrap();
                let runs: Vec<_> = (0..d.rules.len())
                    .map(|r| simulate(&d, r, &event, &SimulateOptions::default()))
                    .collect();
                let delivered = runs.iter().any(|r| r.delivered);
                assert_eq!(
                    delivered,
                    delivers.contains(&s.id),
                    "{id} on {}: delivered {delivered}",
                    s.id
                );
                for run in runs.iter().filter(|r| r.delivered) {
                    for b in &run.bindings {
                        assert!(
                            b.value.is_some(),
                            "{id} on {}: {} reaches nothing",
                            s.id,
                            b.path
                        );
                    }
                    shown += run.buttons.len();
                    for b in &run.buttons {
                        assert!(
                            !b.command.contains('$'),
                            "{id}: {} left a variable",
                            b.command
                        );
                    }
                }
            }
            assert!(shown > 0, "{id}: no sample shows a button");
        }
    }
    // Every preset but the blank one belongs to one source.
    for p in chatops_designer::domain::design::presets::PRESETS {
        let owners = SOURCES
            .iter()
            .filter(|s| s.presets.iter().any(|(id, _)| *id == p.id))
            .count();
        assert_eq!(owners, usize::from(p.id != "blank"), "{}", p.id);
    }
}

/// A pasted event names its source by `source`, and whether the row knows its detail-type.
#[test]
fn an_event_is_recognised_by_its_source_and_detail_type() {
    use chatops_designer::domain::design::sources::recognise;
    for source in SOURCES {
        for s in source.samples {
            let event: Value = serde_json::from_str(s.json).unwrap();
            let (found, known) = recognise(&event).unwrap();
            assert_eq!(found.event_source, source.event_source);
            assert!(known, "{}: detail-type not in the row", s.id);
        }
    }
    let other = serde_json::json!({"source": "aws.guardduty", "detail-type": "GuardDuty Malware Protection Object Scan Result"});
    assert_eq!(
        recognise(&other).map(|(s, k)| (s.label, k)),
        Some(("Amazon GuardDuty", false))
    );
    assert!(recognise(&serde_json::json!({"source": "aws.backup"})).is_none());
    assert!(recognise(&serde_json::json!([1])).is_none());
}

/// A resource pin reads the segment of an ARN by its format, and nothing else.
#[test]
fn a_resource_pin_finds_the_arns_segment() {
    use chatops_designer::domain::design::sources::arn_segment;
    let f = "arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}";
    let arn = "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest";
    assert_eq!(
        arn_segment(f, "ClusterName", arn).map(|r| &arn[r]),
        Some("default")
    );
    assert_eq!(
        arn_segment(f, "ServiceName", arn).map(|r| &arn[r]),
        Some("servicetest")
    );
    assert_eq!(
        arn_segment(f, "ClusterName", "arn:aws:ecs:us-west-2:1:cluster/default"),
        None
    );
    assert_eq!(
        arn_segment(f, "ServiceName", "arn:aws:ecs:r:1:service/only"),
        None
    );
    assert_eq!(arn_segment(f, "ClusterName", ""), None);
}
