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

#[wasm_bindgen_test]
async fn mounts_and_typing_a_title_updates_the_preview() {
    leptos::mount::mount_to_body(chatops_designer::ui::App);
    gloo_timers::future::TimeoutFuture::new(0).await;
    let doc = document();
    let heading = doc.query_selector("h1").ok().flatten().expect("a heading");
    assert_eq!(heading.text_content().as_deref(), Some("ChatOps Designer"));
    let input: web_sys::HtmlInputElement = doc
        .get_element_by_id("f-title")
        .expect("the Title input")
        .dyn_into()
        .expect("an input");
    input.set_value("Typed in a wasm test");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).expect("event"))
        .expect("dispatch");
    gloo_timers::future::TimeoutFuture::new(0).await;
    let preview = doc
        .query_selector("[aria-label='Slack preview']")
        .ok()
        .flatten()
        .expect("the preview region");
    let text = preview.text_content().unwrap_or_default();
    assert!(
        text.contains("Typed in a wasm test"),
        "preview shows the new title: {text}"
    );
}
