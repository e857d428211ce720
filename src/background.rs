//! The worker's side of the background module (wasm32 only): answers each message with
//! `domain::jobs::handle` and says when it is ready.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Starts answering the page's messages.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                let answer = crate::domain::jobs::handle(&text);
                let _ = reply_to.post_message(&JsValue::from_str(&answer));
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}
