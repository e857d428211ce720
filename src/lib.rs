//! ChatOps Designer: a pure core (`domain`) and, on wasm32 only, the Leptos UI (`ui`).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Mounts the app on the page body (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
