//! Mount-and-edit smoke test of the UI in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// The element `selector` names, once the app has rendered it: the first render is split into
/// tasks (shell, simulation, editor), so it may take a few.
async fn rendered(selector: &str, contains: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(e) = document().query_selector(selector).ok().flatten() {
            if e.text_content().unwrap_or_default().contains(contains) {
                return e;
            }
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("{selector} holding {contains:?} did not appear within 2 s");
}

#[wasm_bindgen_test]
async fn mounts_and_typing_a_title_updates_the_preview() {
    leptos::mount::mount_to_body(chatops_designer::ui::App);
    let heading = rendered("h1", "").await;
    assert_eq!(heading.text_content().as_deref(), Some("ChatOps Designer"));
    let input: web_sys::HtmlInputElement =
        rendered("#f-title", "").await.dyn_into().expect("an input");
    input.set_value("Typed in a wasm test");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).expect("event"))
        .expect("dispatch");
    rendered("[aria-label='Slack preview']", "Typed in a wasm test").await;
}
