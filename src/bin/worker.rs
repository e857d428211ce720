//! The background module (wasm32 only): a Web Worker that runs exports, ZIP files and imports for
//! the app (`domain::jobs`). On the host it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    chatops_designer::background();
}
