//! Layer 6: what the shells draw: the preview model of one simulation, the same preview as static
//! HTML, a channel of several events, and the field help.

pub mod channel;
pub mod edits;
pub mod fields;
pub mod fixes;
pub mod help;
pub mod locate;
pub mod paging;
pub mod preview;
pub mod preview_html;
