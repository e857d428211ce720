//! The pure core: model, engine, exporters and codecs. Never names a web crate, the file system, a
//! clock or randomness. Imports flow one way: diagnostic, jsontext, assumptions and model at the
//! bottom; json paths and templates; pattern, transform, notification, actions; uncertain (over
//! pattern); simulate; verify on top.

pub mod actions;
pub mod assumptions;
pub mod channel;
pub mod diagnostic;
pub mod drafts;
pub mod evidence;
pub mod export;
pub mod help;
pub mod history;
pub mod iam;
pub mod import;
pub mod import_tf;
pub mod jobs;
pub mod jsonpath;
pub mod jsontext;
pub mod model;
pub mod mrkdwn;
pub mod notification;
pub mod pattern;
pub mod presets;
pub mod preview;
pub mod preview_html;
pub mod samples;
pub mod share;
pub mod simulate;
pub mod teams_md;
pub mod template;
pub mod transform;
pub mod uncertain;
pub mod verify;
