//! The background module's protocol (`domain::jobs`): what the Web Worker answers is what the core
//! computes (exports, ZIP, imports), every request that cannot be done is a readable failure with
//! its id, and no input makes it panic.

use base64::Engine;
use chatops_designer::domain::base::highlight::highlight;
use chatops_designer::domain::design::presets::{preset, seed, PRESETS};
use chatops_designer::domain::export::zip::zip;
use chatops_designer::domain::export::{export_with_checks, ExportOptions, Format, OPTIONS};
use chatops_designer::domain::import::{import_files, ImportKind};
use chatops_designer::domain::jobs::{handle, run, Answer, File, Job, Reply, Request};
use chatops_designer::domain::pipeline::simulate::sample_message;
use chatops_designer::domain::verify::pattern_checks;
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/blue-green.tf");

fn options(o: &ExportOptions) -> Vec<(String, String)> {
    OPTIONS
        .iter()
        .map(|s| (s.key.to_string(), o.get(s.key).to_string()))
        .collect()
}

fn ask(job: Job) -> Reply {
    let text = serde_json::to_string(&Request { id: 42, job }).unwrap();
    let answer: Answer = serde_json::from_str(&handle(&text)).unwrap();
    assert_eq!(answer.id, 42);
    answer.reply
}

#[test]
fn an_export_job_answers_the_core_export_with_its_highlighting() {
    for p in PRESETS {
        let design = preset(p.id).unwrap();
        for format in Format::ALL {
            let chosen = ExportOptions::default();
            let Reply::Exported {
                files,
                notes,
                assumptions,
            } = ask(Job::Export {
                design: design.to_json(),
                format: format.id().into(),
                options: options(&chosen),
            })
            else {
                panic!("{} {}: not exported", p.id, format.id());
            };
            let checks = if format == Format::Cli {
                pattern_checks(&design)
            } else {
                Vec::new()
            };
            let compiled = chatops_designer::domain::pipeline::simulate::compile(&design);
            let sample: Vec<Option<String>> = (0..design.rules.len())
                .map(|i| sample_message(&compiled, i))
                .collect();
            let core = export_with_checks(&design, format, &chosen.effective(), &sample, &checks);
            assert_eq!(notes, core.notes);
            assert_eq!(
                assumptions,
                core.assumptions
                    .iter()
                    .map(|a| a.text.to_string())
                    .collect::<Vec<_>>()
            );
            assert_eq!(files.len(), core.files.len());
            for (h, f) in files.iter().zip(&core.files) {
                assert_eq!(h.file.name, f.name);
                assert_eq!(h.file.contents, f.contents);
                let joined: String = h.spans.iter().map(|s| s.text.as_str()).collect();
                assert_eq!(joined, f.contents, "{}: spans are lossless", f.name);
                // Neighbouring spans of one class are merged; the classes are the highlighter's.
                assert!(h.spans.windows(2).all(|w| w[0].class != w[1].class));
                let kinds: Vec<&str> = highlight(&f.name, &f.contents)
                    .iter()
                    .map(|t| t.kind.as_str())
                    .collect();
                assert!(h.spans.iter().all(|s| kinds.contains(&s.class.as_str())));
            }
        }
    }
}

#[test]
fn export_options_apply_as_in_the_cli_and_bad_ones_are_failures() {
    let design = seed();
    let mut narrow = ExportOptions::default();
    narrow.set("scope", "actions").unwrap();
    let Reply::Exported { files, .. } = ask(Job::Export {
        design: design.to_json(),
        format: "terraform".into(),
        options: options(&narrow),
    }) else {
        panic!("not exported")
    };
    let main = &files
        .iter()
        .find(|f| f.file.name == "main.tf")
        .unwrap()
        .file;
    assert!(main.contents.contains("awscc_chatbot_custom_action"));
    assert!(!main.contents.contains("aws_sns_topic"));
    for (job, expected) in [
        (
            Job::Export {
                design: design.to_json(),
                format: "pulumi".into(),
                options: vec![],
            },
            "unknown format 'pulumi'",
        ),
        (
            Job::Export {
                design: design.to_json(),
                format: "cli".into(),
                options: vec![("scope".into(), "everything".into())],
            },
            "'everything' is not a value of scope",
        ),
        (
            Job::Export {
                design: "{".into(),
                format: "cli".into(),
                options: vec![],
            },
            "the design cannot be read",
        ),
    ] {
        match ask(job) {
            Reply::Failed { message } => assert!(message.contains(expected), "{message}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_zip_job_answers_the_core_zip() {
    let files = vec![
        File {
            name: "main.tf".into(),
            contents: "a".into(),
        },
        File {
            name: "deploy.sh".into(),
            contents: "#!/bin/sh\n".into(),
        },
    ];
    let Reply::Zipped { base64 } = ask(Job::Zip {
        folder: "chatops-terraform".into(),
        files: files.clone(),
    }) else {
        panic!("not zipped")
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .unwrap();
    let core: Vec<_> = files
        .into_iter()
        .map(|f| chatops_designer::domain::export::ExportFile {
            name: f.name,
            contents: f.contents,
        })
        .collect();
    assert_eq!(bytes, zip("chatops-terraform", &core));
}

#[test]
fn an_import_job_reads_terraform_and_other_files_in_order() {
    let blank = preset("blank").unwrap();
    let Reply::Imported { design, steps, .. } = ask(Job::Import {
        design: blank.to_json(),
        files: vec![("pasted text".into(), FIXTURE.into())],
        vars: Vec::new(),
    }) else {
        panic!("not imported")
    };
    assert_eq!(steps, ["pasted text as Terraform"]);
    let d = chatops_designer::domain::design::model::Design::from_json(&design).unwrap();
    assert_eq!(d.actions.len(), 3);
    let direct = import_files(&[("pasted text".into(), FIXTURE.into())], &blank).unwrap();
    assert_eq!(d, direct.design);
    // Terraform files go together, then every other file builds on the result.
    let at = FIXTURE.find("variable \"region\"").unwrap();
    let end = FIXTURE.find("data \"aws_caller_identity\"").unwrap();
    let notification =
        r#"{"version":"1.0","source":"custom","content":{"title":"After","description":"x"}}"#;
    let files = vec![
        ("note.json".to_string(), notification.to_string()),
        ("variables.tf".to_string(), FIXTURE[at..end].to_string()),
        (
            "main.tf".to_string(),
            format!("{}{}", &FIXTURE[..at], &FIXTURE[end..]),
        ),
    ];
    let done = import_files(&files, &blank).unwrap();
    assert_eq!(
        done.steps,
        [
            ("variables.tf, main.tf".to_string(), ImportKind::Terraform),
            ("note.json".to_string(), ImportKind::Notification),
        ]
    );
    assert_eq!(
        done.design.actions.len(),
        3,
        "the notification keeps the buttons"
    );
    assert_eq!(done.design.rules[0].notification.title, "After");
}

#[test]
fn import_failures_name_the_step_and_say_why() {
    let blank = preset("blank").unwrap();
    let e = import_files(
        &[
            ("main.tf".into(), FIXTURE.into()),
            ("hello.json".into(), r#"{"hello": 1}"#.into()),
        ],
        &blank,
    )
    .unwrap_err();
    assert_eq!(e.what, "hello.json");
    assert!(
        e.to_string().starts_with("hello.json: not recognised"),
        "{e}"
    );
    for (files, expected) in [
        (
            vec![("pasted text".to_string(), "  \n".to_string())],
            "nothing to import",
        ),
        (
            vec![(
                "bad.tf".to_string(),
                "resource \"x\" \"y\" {\n  a = \n}\n".to_string(),
            )],
            "bad.tf",
        ),
    ] {
        match run(Job::Import {
            design: blank.to_json(),
            files,
            vars: Vec::new(),
        }) {
            Reply::Failed { message } | Reply::NotImported { message, .. } => {
                assert!(message.contains(expected), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn an_import_job_takes_variable_values_and_names_the_variables_when_nothing_is_read() {
    let blank = preset("blank").unwrap();
    let tf = "variable \"topic\" {\n  description = \"The topic\"\n}\nvariable \"region\" {\n  default = \"eu-west-1\"\n}\nresource \"aws_sns_topic\" \"t\" {\n  name = var.topic\n}\n";
    let job = |vars: Vec<(String, String)>| Job::Import {
        design: blank.to_json(),
        files: vec![("main.tf".into(), tf.into())],
        vars,
    };
    let Reply::NotImported { message, variables } = run(job(Vec::new())) else {
        panic!("imported without a value for the topic")
    };
    assert!(
        message.contains("nothing from these files reached the design"),
        "{message}"
    );
    assert!(message.contains("`var.topic` has no default"), "{message}");
    assert_eq!(variables.len(), 2);
    assert_eq!(
        (variables[0].name.as_str(), variables[0].default.as_deref()),
        ("topic", None)
    );
    assert_eq!(variables[0].description, "The topic");
    assert_eq!(variables[1].default.as_deref(), Some("eu-west-1"));
    let Reply::Imported {
        design,
        summary,
        variables,
        ..
    } = run(job(vec![("topic".into(), "alerts".into())]))
    else {
        panic!("not imported with the value given")
    };
    let d = chatops_designer::domain::design::model::Design::from_json(&design).unwrap();
    assert_eq!(d.deployment.sns_topic_name, "alerts");
    assert_eq!(variables[0].given.as_deref(), Some("alerts"));
    assert!(summary.contains("settings: SNS topic"), "{summary}");
}

#[test]
fn unreadable_requests_are_failures_that_keep_their_id() {
    for (request, id) in [
        ("", 0),
        ("null", 0),
        (r#"{"id": 7}"#, 7),
        (r#"{"id": 8, "job": {"job": "format-disk"}}"#, 8),
        (
            r#"{"id": "9", "job": {"job": "zip", "folder": "f", "files": []}}"#,
            0,
        ),
    ] {
        let answer: Answer = serde_json::from_str(&handle(request)).unwrap();
        assert_eq!(answer.id, id, "{request}");
        match answer.reply {
            Reply::Failed { message } => {
                assert!(
                    message.starts_with("the background module received a request it cannot read"),
                    "{message}"
                )
            }
            other => panic!("{request}: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_request_makes_it_panic(text in ".{0,200}", id in any::<u64>()) {
        let answer: Answer = serde_json::from_str(&handle(&text)).unwrap();
        let failed = matches!(answer.reply, Reply::Failed { .. });
        prop_assert!(failed);
        let request = serde_json::json!({"id": id, "job": {"job": "import", "design": seed().to_json(), "files": [["x.tf", text]]}});
        let answer: Answer = serde_json::from_str(&handle(&request.to_string())).unwrap();
        prop_assert_eq!(answer.id, id);
    }
}
