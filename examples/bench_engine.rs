//! Prints events/second of `simulate` over every preset × sample event (native, release build).
//! Run with `make bench-engine`.

use chatops_designer::domain::presets::{preset, PRESETS};
use chatops_designer::domain::samples::SAMPLES;
use chatops_designer::domain::simulate::{simulate, SimulateOptions};
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
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 2.0 {
        for d in &designs {
            for e in &events {
                let s = simulate(std::hint::black_box(d), std::hint::black_box(e), &opts);
                delivered += u64::from(s.delivered);
                runs += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "simulate: {runs} runs ({} designs × {} events, {delivered} delivered) in {secs:.2} s = {:.0} events/s, {:.1} µs/event",
        designs.len(),
        events.len(),
        runs as f64 / secs,
        secs * 1e6 / runs as f64
    );
}
