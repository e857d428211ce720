//! Controls the tabs and the preview share: text fields, lists and maps, the code editor, copying.

pub mod code_editor;
pub mod copy;
pub mod fields;
pub mod list_editor;
