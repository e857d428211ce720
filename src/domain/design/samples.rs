//! The built-in sample events: each source's (`sources`), in one list. Imports sources.

use std::sync::LazyLock;

/// One sample event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub id: &'static str,
    pub label: &'static str,
    pub json: &'static str,
    /// The AWS documentation page the event comes from.
    pub url: &'static str,
    /// How it differs from the page's event: empty when copied verbatim.
    pub note: &'static str,
}

/// Every source's samples, in source order (`sources::SOURCES`).
pub static SAMPLES: LazyLock<Vec<Sample>> = LazyLock::new(|| {
    crate::domain::design::sources::SOURCES
        .iter()
        .flat_map(|s| s.samples.iter().copied())
        .collect()
});

/// The sample event the app opens with (an index into `SAMPLES`): the blue/green READY event.
pub const OPENING: usize = 1;

/// Looks a sample up by id.
pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}
