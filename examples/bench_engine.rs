//! Prints events/second of `simulate` (compiling the design for each event, as the app did before
//! it kept one compiled design) and of `simulate_rule` (the design compiled once) over every
//! preset × sample event (native, release build).
//! Run with `make bench-engine`.

use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::samples::SAMPLES;
use chatops_designer::domain::pipeline::simulate::{
    compile, simulate, simulate_rule, SimulateOptions, Simulation,
};
use std::time::Instant;

/// Runs `pass` (one pass over every design × event, returning how many it ran and delivered)
/// after a warm-up pass, in five half-second windows; prints the median rate (it resists this
/// machine's noisy neighbours).
fn measure(name: &str, mut pass: impl FnMut() -> (u64, u64)) {
    pass();
    let mut rates = Vec::new();
    let (mut runs, mut delivered) = (0u64, 0u64);
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed().as_secs_f64() < 0.5 {
            let (r, d) = pass();
            n += r;
            delivered += d;
        }
        runs += n;
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[2];
    println!(
        "{name}: {runs} runs ({delivered} delivered), median of 5 windows = {median:.0} events/s, {:.1} µs/event (windows {:.0}–{:.0} events/s)",
        1e6 / median,
        rates[0],
        rates[4]
    );
}

fn main() {
    let designs: Vec<_> = PRESETS.iter().filter_map(|p| preset(p.id)).collect();
    let events: Vec<serde_json::Value> = SAMPLES
        .iter()
        .filter_map(|s| serde_json::from_str(s.json).ok())
        .collect();
    println!("{} designs × {} events", designs.len(), events.len());
    let opts = SimulateOptions::default();
    let each = |run: &dyn Fn(usize, &serde_json::Value) -> Simulation| {
        let (mut n, mut d) = (0, 0);
        for i in 0..designs.len() {
            for e in &events {
                d += u64::from(run(i, std::hint::black_box(e)).delivered);
                n += 1;
            }
        }
        (n, d)
    };
    let compiled: Vec<_> = designs.iter().map(compile).collect();
    measure("simulate_rule", || {
        each(&|i, e| simulate_rule(&compiled[i], 0, e, &opts))
    });
    measure("simulate", || {
        each(&|i, e| simulate(&designs[i], 0, e, &opts))
    });
}
