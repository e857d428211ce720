//! Layer 6: what the shells draw: the preview model of one simulation, the same preview as static
//! HTML, and a channel of several events.

pub mod channel;
pub mod preview;
pub mod preview_html;
