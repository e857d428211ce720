//! One file per subcommand: each reads its arguments (`crate::args`), calls the core, prints
//! through `crate::output` and returns its exit code.

pub mod channel;
pub mod evidence;
pub mod export;
pub mod import;
pub mod pattern;
pub mod preset;
pub mod replay;
pub mod schema;
pub mod share;
pub mod simulate;
pub mod transform;
pub mod validate;
pub mod verify;
