//! The first view's module: renders the preview into the page skeleton before the app arrives.
//! On the host it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    chatops_designer::first_view();
}
