//! The preview column: the message as each client shows it, the event picker and replay, and the
//! trace.

pub mod channel_view;
pub mod event_picker;
pub mod evidence;
pub mod preview_panel;
pub mod replay_panel;
pub mod rich;
pub mod trace_panel;
