//! The web app's entry point: mounts the UI. On the host it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    chatops_designer::start();
}
