//! How many times this thread has parsed each kind of design input. Compiling a design parses each
//! input once and running the compiled design parses none; `tests/it/compile.rs` reads these
//! counts to prove it. Counting costs one thread-local add per parse, never per event.

use std::cell::Cell;

/// The kinds of input a design holds that the core parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// An event pattern (`parse_pattern`).
    Pattern,
    /// An input path (`parse_input_path`).
    InputPath,
    /// An input template scanned for placeholders (`scan_template`).
    Template,
    /// A Custom Action variable path (`parse_variable_path`).
    VariablePath,
    /// A Custom Action command split into text and `$Var`s (`command_parts`).
    Command,
}

const KINDS: usize = 5;

thread_local! {
    static COUNTS: Cell<[u64; KINDS]> = const { Cell::new([0; KINDS]) };
}

/// Records one parse of `input`.
pub fn count(input: Input) {
    COUNTS.with(|c| {
        let mut v = c.get();
        v[input as usize] += 1;
        c.set(v);
    });
}

/// The parses of each kind this thread has made so far.
pub fn so_far() -> Parses {
    Parses(COUNTS.with(Cell::get))
}

/// A reading of the counters; subtract two readings to count the parses between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parses([u64; KINDS]);

impl Parses {
    /// Parses of `input` in this reading.
    pub fn of(&self, input: Input) -> u64 {
        self.0[input as usize]
    }
    /// Parses made between `earlier` and this reading, by kind.
    pub fn since(&self, earlier: Parses) -> Parses {
        let mut out = [0; KINDS];
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.0[i] - earlier.0[i];
        }
        Parses(out)
    }
    /// Every kind's count added up.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}
