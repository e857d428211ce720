//! Layer 2: the design a person edits and everything kept about it: the design file, built-in
//! presets and sample events, named drafts, undo history and share links.

pub mod drafts;
pub mod history;
pub mod migrate;
pub mod model;
pub mod presets;
pub mod samples;
pub mod settings;
pub mod share;
pub mod sources;
