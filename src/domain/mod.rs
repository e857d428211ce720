//! The pure core: model, engine, exporters and codecs. Never names a web crate, the file system, a
//! clock or randomness.

pub mod diagnostic;
pub mod jsonpath;
pub mod model;
pub mod pattern;
