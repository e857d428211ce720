//! Snapshots of `simulate` for every preset × sample event, plus pipeline behaviour.

use chatops_designer::domain::design::presets::{preset, PRESETS, SEED};
use chatops_designer::domain::design::samples::sample;
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use serde_json::{json, Value};

fn event(id: &str) -> Value {
    serde_json::from_str(sample(id).unwrap().json).unwrap()
}

/// The stable summary a reviewer reads: verdicts, message, buttons, diagnostics, assumptions.
fn summary(preset_id: &str, sample_id: &str) -> Value {
    let d = preset(preset_id).unwrap();
    let s = simulate(&d, 0, &event(sample_id), &SimulateOptions::default());
    json!({
        "matched": s.matched,
        "delivered": s.delivered,
        "notDelivered": s.not_delivered,
        "message": s.message,
        "buttons": s.buttons,
        "hidden": s.actions.iter().filter(|a| !a.appears).map(|a| json!([a.action, a.reason])).collect::<Vec<_>>(),
        "diagnostics": s.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "assumptions": s.assumptions.iter().map(|a| a.id).collect::<Vec<_>>(),
    })
}

#[test]
fn snapshots_of_every_preset_and_sample() {
    // Each preset through the samples of the sources it routes.
    for p in PRESETS {
        let design = preset(p.id).unwrap();
        for s in chatops_designer::domain::design::sources::design_samples(&design) {
            insta::assert_json_snapshot!(format!("{}__{}", p.id, s.id), summary(p.id, s.id));
        }
    }
}

#[test]
fn seed_with_ready_shows_three_buttons_and_success_is_not_delivered() {
    let d = preset(SEED).unwrap();
    let s = simulate(
        &d,
        0,
        &event("codedeploy-deployment-ready"),
        &SimulateOptions::default(),
    );
    assert!(s.matched && s.delivered);
    let texts: Vec<&str> = s.buttons.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "🔁 Switch task sets",
            "🔙 Rollback",
            "🧹 Terminate old task set"
        ]
    );
    assert_eq!(s.buttons[0].command, "codedeploy continue-deployment --deployment-id d-7QX2K9LMN --region us-east-1 --deployment-wait-type READY_WAIT");
    let s = simulate(
        &d,
        0,
        &event("codedeploy-deployment-success"),
        &SimulateOptions::default(),
    );
    assert!(!s.matched && !s.delivered && s.buttons.is_empty());
    assert!(s.not_delivered.unwrap().contains("detail.state"));
}

#[test]
fn a_template_that_is_not_a_notification_is_not_delivered() {
    let mut d = preset(SEED).unwrap();
    d.rules[0].input_template_override = Some("\"Deployment <deploymentId> is ready\"".into());
    let s = simulate(
        &d,
        0,
        &event("codedeploy-deployment-ready"),
        &SimulateOptions::default(),
    );
    assert!(s.matched && !s.delivered);
    assert_eq!(
        s.message.as_deref(),
        Some("\"Deployment d-7QX2K9LMN is ready\"")
    );
    assert!(s
        .not_delivered
        .unwrap()
        .contains("Event received is not supported"));
}

#[test]
fn an_invalid_pattern_is_reported_and_nothing_is_delivered() {
    let mut d = preset(SEED).unwrap();
    d.rules[0].event_pattern = json!({"detail": {"state": "READY"}});
    let s = simulate(
        &d,
        0,
        &event("codedeploy-deployment-ready"),
        &SimulateOptions::default(),
    );
    assert!(!s.matched && !s.delivered);
    assert!(s
        .diagnostics
        .iter()
        .any(|x| x.location == "rules/0/eventPattern/detail/state" && x.is_error()));
}

/// The app shows `pending()` until the page has painted: it is never delivered, says why, and no
/// real simulation is mistaken for it.
#[test]
fn a_pending_simulation_is_recognisable_and_shows_nothing() {
    use chatops_designer::domain::pipeline::simulate::{Simulation, PENDING};
    let p = Simulation::pending();
    assert!(p.is_pending() && !p.delivered && p.buttons.is_empty());
    assert_eq!(p.not_delivered.as_deref(), Some(PENDING));
    let d = chatops_designer::domain::design::presets::preset("blue-green").unwrap();
    for s in chatops_designer::domain::design::samples::SAMPLES.iter() {
        let event: serde_json::Value = serde_json::from_str(s.json).unwrap();
        let sim = chatops_designer::domain::pipeline::simulate::simulate(
            &d,
            0,
            &event,
            &chatops_designer::domain::pipeline::simulate::SimulateOptions::default(),
        );
        assert!(!sim.is_pending(), "{}", s.id);
    }
}

#[test]
fn an_undefined_placeholder_is_not_delivered_as_its_assumption_says_wherever_it_comes_from() {
    use chatops_designer::domain::pipeline::compile::compile;
    use chatops_designer::domain::pipeline::simulate::{outcome, validate};
    let ready = event("codedeploy-deployment-ready");
    let seeded = preset(SEED).unwrap();
    // Typed in a field, or in a parameter's value that a field uses: the template holds `<e>`.
    let mut typed = seeded.clone();
    typed.rules[0].notification.description.push_str(" see <e>");
    let mut param = seeded.clone();
    param
        .deployment
        .parameters
        .insert("greenUrl".into(), "https://g.example.com/<e>".into());
    assert!(param.rules[0]
        .notification
        .next_steps
        .iter()
        .any(|s| s.contains("{{greenUrl}}")));
    for (case, d, at) in [
        ("typed", &typed, "rules/0/notification/description"),
        ("parameter", &param, "deployment/parameters/greenUrl"),
    ] {
        let errors: Vec<String> = validate(d)
            .iter()
            .filter(|x| x.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(
            errors
                .iter()
                .any(|e| e.contains(at) && e.contains("<e> is not an input path")),
            "{case}: {errors:?}"
        );
        let s = simulate(d, 0, &ready, &SimulateOptions::default());
        assert!(s.matched && !s.delivered, "{case}");
        let why = s.not_delivered.as_deref().unwrap();
        assert!(
            why.contains("<e>") && why.contains("assumption"),
            "{case}: {why}"
        );
        assert!(s.buttons.is_empty(), "{case}");
        assert!(
            s.assumptions
                .iter()
                .any(|a| a.id == "undefined-placeholder"),
            "{case}"
        );
        let o = outcome(&compile(d), 0, &ready, &SimulateOptions::default());
        assert_eq!(
            (o.delivered, o.not_delivered.as_deref()),
            (false, Some(why)),
            "{case}"
        );
    }
    // Named with spaces inside the braces, as the template reads it, it is checked too.
    let mut spaced = param.clone();
    for s in &mut spaced.rules[0].notification.next_steps {
        *s = s.replace("{{greenUrl}}", "{{ greenUrl }}");
    }
    assert!(validate(&spaced)
        .iter()
        .any(|x| x.is_error() && x.location.starts_with("deployment/parameters/greenUrl")));
    // A parameter no field uses is not in the template.
    let mut unused = seeded.clone();
    unused
        .deployment
        .parameters
        .insert("spare".into(), "<e>".into());
    assert!(!validate(&unused).iter().any(|x| x.is_error()));
    assert!(simulate(&unused, 0, &ready, &SimulateOptions::default()).delivered);
}
