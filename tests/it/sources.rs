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
        assert_eq!(arn_setting(s.arn_variable).map(|a| a.key()), Some(s.key()));
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
