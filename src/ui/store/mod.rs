//! The app's state: the `Store` every component reads and edits, and its persistence (drafts in
//! `localStorage`, links, other tabs).

pub mod navigation;
pub mod persistence;
pub mod state;
