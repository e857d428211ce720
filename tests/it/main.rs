//! The one native integration-test binary: conformance, engine, design file, CLI.
#![cfg(not(target_arch = "wasm32"))]

mod actions;
mod bounded;
mod channel;
mod cli;
mod compile;
mod conformance;
mod design;
mod differential;
mod drafts;
mod export;
mod first_view;
mod fixes;
mod golden;
mod import;
mod import_real;
mod import_tf;
mod jobs;
mod jsontext;
mod layers;
mod limits;
mod locate;
mod notification;
mod pattern;
mod preview;
mod props;
mod purity;
mod replay;
mod rules;
mod settings;
mod share;
mod simulate;
mod sources;
mod transform;
mod verify;
