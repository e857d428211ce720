//! Layer 3: what EventBridge does with an event: the rule's event pattern (and the constructs whose
//! outcome the sources leave uncertain), input paths, and the input transformer with the template
//! the design generates.

pub mod event;
pub mod jsonpath;
pub mod pattern;
pub mod projection;
pub mod template;
pub mod transform;
pub mod uncertain;
