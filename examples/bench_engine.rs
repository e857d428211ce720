//! Prints events/second of `simulate` over every preset × sample event (native, release build).
//! Run with `make bench-engine`.

use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::samples::SAMPLES;
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use std::time::Instant;

fn main() {
    let designs: Vec<_> = PRESETS.iter().filter_map(|p| preset(p.id)).collect();
    let events: Vec<serde_json::Value> = SAMPLES
        .iter()
        .filter_map(|s| serde_json::from_str(s.json).ok())
        .collect();
    let opts = SimulateOptions::default();
    let mut runs = 0u64;
    let mut delivered = 0u64;
    // Warm up, then measure whole passes for at least two seconds.
    for d in &designs {
        for e in &events {
            std::hint::black_box(simulate(d, e, &opts));
        }
    }
    // Five half-second windows; the median resists this machine's noisy neighbours.
    let mut rates = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed().as_secs_f64() < 0.5 {
            for d in &designs {
                for e in &events {
                    let s = simulate(std::hint::black_box(d), std::hint::black_box(e), &opts);
                    delivered += u64::from(s.delivered);
                    n += 1;
                }
            }
        }
        runs += n;
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[2];
    println!(
        "simulate: {runs} runs ({} designs × {} events, {delivered} delivered), median of 5 windows = {median:.0} events/s, {:.1} µs/event (windows {:.0}–{:.0} events/s)",
        designs.len(),
        events.len(),
        1e6 / median,
        rates[0],
        rates[4]
    );
}
