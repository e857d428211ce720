//! The editor tabs, one panel per file (the Design JSON tab holds the JSON editor and the import
//! panel).

pub mod actions_editor;
pub mod deploy_editor;
pub mod export_panel;
pub mod import_panel;
pub mod json_editor;
pub mod notification_editor;
pub mod rule_editor;
pub mod rule_list;
