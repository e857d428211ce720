//! The Leptos UI (wasm32 only). It renders what the core computes and writes edits back into the one
//! design signal; it computes nothing itself (pure logic lives in `crate::domain`, with native
//! tests).
//!
//! Its folders are layers, listed bottom to top. A file names only its own folder and the folders
//! below it, and the files of one folder import each other in no circle; `tests/it/layers.rs`
//! checks both.
//!
//! - `platform/`: the browser's APIs behind functions that fail soft (storage, clipboard,
//!   downloads, files, focus, theme, tasks) and the page's side of the background Web Worker.
//!   Nothing else calls `web_sys::window` except the first view, which finds its mount point itself.
//! - `store/`: the app's state. `Store` (the design signal with undo history, the event, the
//!   compiled design and the memos over it), its persistence (drafts, links, other tabs), and
//!   `navigation` (the open tab, the field to reveal, `Navigator`).
//! - `widgets/`: the controls the panels share: text fields with counters and diagnostics, list and
//!   map editors with paging and drag, the JSON code editor, copying with a copy-by-hand dialog.
//! - `preview/`, `tabs/`, `header/`: siblings, none naming another. The preview column (the
//!   message as Slack and Teams show it, the channel, the Evidence view, the event picker, replay
//!   and the trace); the editor tabs, one panel per file; the header and the drafts menu.
//! - `app/`: `App` (the layout, the notices, the editor column and its tab bar, start-up in short
//!   tasks) and the first view rendered into the page's skeleton.

mod app;
mod header;
mod platform;
mod preview;
mod store;
mod tabs;
mod widgets;

pub use app::{first_view, App};
