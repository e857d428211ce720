//! Property tests: no pattern, template, event or design — however malformed — makes the core panic.

use chatops_designer::domain::amazon_q::notification::check_message;
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::seed;
use chatops_designer::domain::eventbridge::pattern::{parse_pattern, parse_pattern_text};
use chatops_designer::domain::eventbridge::transform::{check_template, transform, RuleContext};
use chatops_designer::domain::pipeline::simulate::{simulate, validate, SimulateOptions};
use indexmap::IndexMap;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

/// Text for any design field: arbitrary printable text mixed with the line separators that break
/// quoting somewhere (lone CR, CRLF, U+2028, NEL) and template syntax.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "\r",
                "\r\n",
                "\n",
                "\u{2028}",
                "\u{85}",
                "$",
                "${",
                "%{",
                "<account>",
                "\"",
                "\\",
                "EOT",
                "{{greenUrl}}",
                "\t",
            ])
            .prop_map(str::to_string),
            "\\PC{0,6}",
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

/// The seed design with every text field drawn from `text()`, sometimes a template override, and
/// up to two more rules (each with the texts in other fields and a name of its own).
pub(crate) fn design() -> impl Strategy<Value = Design> {
    (
        prop::collection::vec(text(), 10),
        prop::option::of(text()),
        0..3usize,
    )
        .prop_map(|(t, template, more)| {
            let mut d = seed();
            let n = &mut d.rules[0].notification;
            n.title = t[0].clone();
            n.description = t[1].clone();
            n.next_steps[0] = t[2].clone();
            n.keywords[0] = t[3].clone();
            n.thread_id = t[4].clone();
            n.summary = t[5].clone();
            n.event_type = t[6].clone();
            n.additional_context
                .insert("ActionGroup".into(), t[7].clone());
            d.actions[0].button_text = t[8].clone();
            d.actions[0].command = format!(
                "codedeploy get-deployment --deployment-id $DeploymentId {}",
                t[9]
            );
            d.rules[0].description = t[9].clone();
            for k in 1..=more {
                let mut r = d.rules[0].clone();
                r.name = format!("{}-{k}", r.name);
                let n = &mut r.notification;
                (n.title, n.description, n.summary) =
                    (t[1].clone(), t[k + 2].clone(), t[0].clone());
                r.event_pattern["detail"]["state"] = serde_json::json!(["READY", format!("S{k}")]);
                d.rules.push(r);
            }
            d.rules[0].input_template_override = template.map(|t| format!("{{\"a\": \"{t}\"}}"));
            d
        })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9*\\\\./:<>\" -]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("prefix"),
            Just("suffix"),
            Just("anything-but"),
            Just("numeric"),
            Just("exists"),
            Just("cidr"),
            Just("wildcard"),
            Just("equals-ignore-case"),
            Just("$or")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("prefix".to_string()),
                        Just("suffix".to_string()),
                        Just("anything-but".to_string()),
                        Just("numeric".to_string()),
                        Just("exists".to_string()),
                        Just("cidr".to_string()),
                        Just("wildcard".to_string()),
                        Just("equals-ignore-case".to_string()),
                        Just("$or".to_string()),
                        "[a-z]{1,3}"
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn patterns_never_panic(p in json_value(), e in json_value()) {
        let (parsed, diags) = parse_pattern(&p);
        if let Some(parsed) = parsed {
            let _ = parsed.matches(&e);
            let _ = parsed.report(&e);
        } else {
            prop_assert!(diags.iter().any(|d| d.is_error()));
        }
    }

    #[test]
    fn pattern_text_never_panics(s in "\\PC{0,64}") {
        let _ = parse_pattern_text(&s);
    }

    #[test]
    fn templates_never_panic(t in "[{}\\[\\]\",: a-z<>.\\\\\r\n\u{2028}\u{85}-]{0,80}", e in json_value()) {
        let paths: IndexMap<String, String> = [("a", "$.a"), ("b", "$.b[0]"), ("c", "$.*")].into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        let _ = check_template(&t, &paths);
        let r = transform(&paths, &t, &e, &RuleContext::default());
        let _ = check_message(&r.output);
    }

    #[test]
    fn design_files_never_panic(s in "\\PC{0,200}") {
        let _ = Design::from_json(&s);
    }

    #[test]
    fn simulate_never_panics_on_any_event_or_pattern(p in json_value(), e in json_value(), d in design()) {
        let mut d = d;
        d.rules[0].event_pattern = p;
        let _ = simulate(&d, 0, &e, &SimulateOptions::default());
    }

    /// A replay's outcome is the simulation without its trace, for any design and event, under
    /// both readings of an absent enableCustomActions; and reading only what the design reads
    /// (or skipping an event that lacks a needed value) changes nothing.
    #[test]
    fn outcome_agrees_with_simulate(d in design(), e in json_value(), flag in any::<bool>()) {
        use chatops_designer::domain::pipeline::simulate::{compile, outcome, simulate_rule};
        let c = compile(&d);
        let opts = SimulateOptions { absent_enable_means_false: flag, ..SimulateOptions::default() };
        let sim = simulate_rule(&c, 0, &e, &opts);
        let o = outcome(&c, 0, &e, &opts);
        prop_assert_eq!(o.matched, sim.matched);
        prop_assert_eq!(o.delivered, sim.delivered);
        let texts: Vec<String> = sim.buttons.iter().map(|b| b.text.clone()).collect();
        prop_assert_eq!(&o.buttons, &texts);
        let mut p = c.reads();
        let text = e.to_string();
        if p.cannot_match(&text) {
            prop_assert!(!sim.matched);
        } else if let Some(projected) = p.parse(&text) {
            let po = chatops_designer::domain::pipeline::simulate::outcome_within_limit(&c, 0, &projected, &opts);
            prop_assert_eq!(po, o);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every design that validates exports a Terraform module that parses and deploys exactly the
    /// template the design simulates, whatever line separators its text holds.
    #[test]
    fn valid_designs_export_terraform_that_deploys_their_template(d in design()) {
        if !validate(&d).iter().any(|x| x.is_error()) {
            let got = crate::export::terraform_template(&d).map_err(TestCaseError::fail)?;
            prop_assert_eq!(got, d.rules[0].input_template(&d.deployment.parameters).0);
        }
    }
}
