//! ChatOps Designer: a pure core (`domain`) and, on wasm32 only, the Leptos UI (`ui`).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod background;

/// Serves the app's background jobs inside a Web Worker (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub fn background() {
    background::serve();
}

/// Mounts the app on the page body (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}

/// Renders the first view's preview into the page's skeleton (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub fn first_view() {
    ui::first_view::render();
}
