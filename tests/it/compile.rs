//! A design is compiled once per edit: compiling parses each input once, and running the compiled
//! design over events (simulation, outcome, batch) parses nothing again.

use chatops_designer::domain::base::parses::{so_far, Input};
use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::samples::SAMPLES;
use chatops_designer::domain::pipeline::simulate::{
    batch_compiled, compile, outcome, simulate, simulate_rule, validate, SimulateOptions,
};
use serde_json::Value;

fn events() -> Vec<Value> {
    SAMPLES
        .iter()
        .map(|s| serde_json::from_str(s.json).unwrap())
        .collect()
}

#[test]
fn compiling_parses_each_input_once() {
    for p in PRESETS {
        let design = preset(p.id).unwrap();
        let before = so_far();
        let c = compile(&design);
        let n = so_far().since(before);
        // Each rule's pattern, paths and template once.
        let rules = design.rules.len() as u64;
        assert_eq!(n.of(Input::Pattern), rules, "{}", p.id);
        let paths: usize = design.rules.iter().map(|r| r.input_paths.len()).sum();
        assert_eq!(n.of(Input::InputPath), paths as u64, "{}", p.id);
        assert_eq!(n.of(Input::Template), rules, "{}", p.id);
        let vars: usize = design.actions.iter().map(|a| a.variables.len()).sum();
        assert_eq!(n.of(Input::VariablePath), vars as u64, "{}", p.id);
        assert_eq!(
            n.of(Input::Command),
            design.actions.len() as u64,
            "{}",
            p.id
        );
        assert_eq!(c.diagnostics(), validate(&design).as_slice());
    }
}

#[test]
fn running_a_compiled_design_parses_nothing() {
    let events = events();
    for p in PRESETS {
        let design = preset(p.id).unwrap();
        let c = compile(&design);
        let opts = SimulateOptions::default();
        let before = so_far();
        for e in &events {
            for rule in 0..design.rules.len() {
                let sim = simulate_rule(&c, rule, e, &opts);
                let o = outcome(&c, rule, e, &opts);
                assert_eq!((o.matched, o.delivered), (sim.matched, sim.delivered));
                let texts: Vec<String> = sim.buttons.iter().map(|b| b.text.clone()).collect();
                assert_eq!(o.buttons, texts);
            }
        }
        batch_compiled(
            &c,
            &chatops_designer::domain::design::sources::design_samples(&design),
        );
        assert_eq!(so_far().since(before).total(), 0, "{}", p.id);
    }
}

#[test]
fn simulate_is_compile_then_run() {
    let events = events();
    for p in PRESETS {
        let design = preset(p.id).unwrap();
        let c = compile(&design);
        for e in &events {
            assert_eq!(
                simulate(&design, 0, e, &SimulateOptions::default()),
                simulate_rule(&c, 0, e, &SimulateOptions::default())
            );
        }
    }
}
