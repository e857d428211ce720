//! The pure core: model, engine, exporters and codecs. Never names a web crate, the file system, a
//! clock or randomness.
//!
//! Each folder is a layer, and imports flow one way, from a layer to the layers listed before it
//! (`tests/it/layers.rs` checks it):
//! 1. `base`: diagnostics, JSON text facts, the table of assumptions;
//! 2. `design`: the design file, presets, sample events, drafts, history, share links;
//! 3. `eventbridge`: what EventBridge does: event patterns, input paths, the input transformer;
//! 4. `amazon_q`: what Amazon Q Developer in chat applications does: custom notifications, Custom
//!    Actions, the IAM a command needs, Slack mrkdwn and Teams markdown, the evidence table;
//! 5. `pipeline`: a design compiled once, simulated against one event, replayed over many;
//! 6. `view`, `export`, `import`: the preview model and the channel, the exporters, the importers;
//! 7. `verify`: asking EventBridge itself, through the CLI export's calls;
//! 8. `jobs`: the background module's protocol.

pub mod amazon_q;
pub mod base;
pub mod design;
pub mod eventbridge;
pub mod export;
pub mod import;
pub mod jobs;
pub mod pipeline;
pub mod verify;
pub mod view;
