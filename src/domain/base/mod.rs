//! Layer 1: what every other layer reports with. Diagnostics, facts about JSON text that a parsed
//! value forgets, and the one table of undocumented AWS behaviour the core assumes.

pub mod assumptions;
pub mod diagnostic;
pub mod highlight;
pub mod jsontext;
pub mod names;
pub mod parses;
