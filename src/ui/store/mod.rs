//! The app's state: the `Store` every component reads and edits, its persistence (drafts in
//! `localStorage`, links, other tabs), and where the editor is (`navigation`).

pub mod navigation;
pub mod persistence;
pub mod state;
