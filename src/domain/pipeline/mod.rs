//! Layer 5: a design compiled once, then run: one event (`simulate`), the built-in samples
//! (`batch`), or a log of real events (`replay`).

pub mod compile;
pub mod replay;
pub mod simulate;
