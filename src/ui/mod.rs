//! The Leptos UI (wasm32 only). It renders what the core computes and writes edits back into the one
//! design signal; it computes nothing itself. One component per file; panels never import each
//! other; only `platform` touches `window`.

mod app;
mod header;
mod platform;
mod preview;
mod store;
mod tabs;
mod widgets;

pub use app::{first_view, App};
