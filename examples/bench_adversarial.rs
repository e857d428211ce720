//! Worst `simulate` (and `preview`) time over adversarial designs: the reproductions of issue 11
//! and the heaviest designs within the documented limits (`tests/common/adversarial.rs`). Run with
//! `cargo run --release --example bench_adversarial`. Not a test: it prints a table.

#[path = "../tests/common/adversarial.rs"]
mod adversarial;

use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use chatops_designer::domain::view::preview::preview;
use std::time::Instant;

const RUNS: usize = 5;

fn main() {
    let opts = SimulateOptions::default();
    println!(
        "| {:<40} | {:>10} | {:>10} | {:>6} | {:>12} | {:>11} | {:>5} |",
        "design", "design", "event", "limits", "simulate max", "preview max", "diags"
    );
    println!(
        "|{:-<42}|{:->12}|{:->12}|{:->8}|{:->14}|{:->13}|{:->7}|",
        "", "", "", "", "", "", ""
    );
    let mut worst_within = 0f64;
    for case in adversarial::cases() {
        let design_bytes = case.design.to_json().len();
        let event_bytes = case.event.to_string().len();
        let (mut sim_max, mut preview_max) = (0f64, 0f64);
        let mut diags = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let sim = simulate(
                std::hint::black_box(&case.design),
                0,
                std::hint::black_box(&case.event),
                &opts,
            );
            sim_max = sim_max.max(start.elapsed().as_secs_f64() * 1e3);
            let start = Instant::now();
            std::hint::black_box(preview(&sim));
            preview_max = preview_max.max(start.elapsed().as_secs_f64() * 1e3);
            diags = sim.diagnostics.len();
        }
        if case.within_limits {
            worst_within = worst_within.max(sim_max + preview_max);
        }
        println!(
            "| {:<40} | {:>10} | {:>10} | {:>6} | {:>9.2} ms | {:>8.2} ms | {:>5} |",
            case.name,
            size(design_bytes),
            size(event_bytes),
            if case.within_limits { "within" } else { "over" },
            sim_max,
            preview_max,
            diags
        );
    }
    println!("\nworst simulate + preview within the documented limits: {worst_within:.2} ms (aim: under 50 ms)");
}

fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}
