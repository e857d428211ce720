//! The page's side of the background module: the exporters and importers run in a Web Worker
//! (`src/bin/worker.rs`, `domain::jobs`), loaded the first time the Export tab or an import needs
//! it, so the first view downloads none of them. Every job resolves to a `Reply`; a module that
//! cannot be loaded (or that fails) answers `Reply::Failed`, and the next job starts it again.

use crate::domain::jobs::{Answer, Job, Reply, Request};
use leptos::prelude::{GetValue, SetValue, StoredValue};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader: `index.html` names it (with its content hash) in this meta tag.
const BOOT_META: &str = "meta[name=chatops-worker-boot]";

fn boot_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(BOOT_META)
        .ok()??
        .get_attribute("content")
}

type Pending = Rc<RefCell<HashMap<u64, js_sys::Function>>>;

struct Background {
    worker: web_sys::Worker,
    pending: Pending,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static BACKGROUND: RefCell<Option<Background>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn failure(id: u64, message: &str) -> String {
    serde_json::to_string(&Answer {
        id,
        reply: Reply::Failed {
            message: message.to_string(),
        },
    })
    .unwrap_or_default()
}

/// Answers every waiting job with `message` and forgets the worker, so the next job starts anew.
fn fail_all(message: &str) {
    let taken = BACKGROUND.with(|b| b.borrow_mut().take());
    if let Some(b) = taken {
        b.worker.terminate();
        let waiting: Vec<(u64, js_sys::Function)> = b.pending.borrow_mut().drain().collect();
        for (id, resolve) in waiting {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&failure(id, message)));
        }
    }
}

fn load_failed(detail: &str) -> String {
    format!("the export and import module could not be loaded ({detail}); check the connection and retry")
}

fn start() -> Result<Background, String> {
    let boot = boot_url().ok_or_else(|| load_failed("the page does not name it"))?;
    let worker =
        web_sys::Worker::new(&boot).map_err(|_| load_failed("the browser refused to start it"))?;
    let pending: Pending = Rc::default();
    let waiting = pending.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
                return;
            };
            if let Some(reason) = v.get("loadError").and_then(|r| r.as_str()) {
                fail_all(&load_failed(reason));
                return;
            }
            let Some(id) = v.get("id").and_then(|i| i.as_u64()) else {
                return;
            };
            let resolve = waiting.borrow_mut().remove(&id);
            if let Some(resolve) = resolve {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
    // A script that cannot be fetched fires a plain Event; an exception in the worker an ErrorEvent.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let message = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_default();
        fail_all(&if message.is_empty() {
            load_failed("it stopped")
        } else {
            format!("the export and import module stopped: {message}; retry")
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Background {
        worker,
        pending,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The background module, started if it is not running.
fn started(slot: &mut Option<Background>) -> Result<&Background, String> {
    if slot.is_none() {
        *slot = Some(start()?);
    }
    slot.as_ref().ok_or_else(|| load_failed("not started"))
}

/// Starts loading the background module, so the first job does not wait for the download (the
/// Import panel calls this when it opens). A failure shows with that first job.
pub fn prepare() {
    BACKGROUND.with(|cell| {
        let _ = started(&mut cell.borrow_mut());
    });
}

/// What a panel says when the module answers a job with another kind of reply.
pub const WRONG_REPLY: &str = "the background module answered another job";

/// Jobs of which only the latest matters (the export of the design as it is now, the import of
/// the text as it is now): a reply to a job sent before the latest, or before `cancel`, or after
/// the panel that sent it has closed, is dropped.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Latest {
    pub fn new() -> Self {
        Latest(StoredValue::new(0))
    }
    /// Sends `job`; `on_reply` gets its reply unless another job was sent (or `cancel` called) since.
    pub fn run(self, job: Job, on_reply: impl FnOnce(Reply) + 'static) {
        let generation = self.cancel();
        leptos::task::spawn_local(async move {
            let reply = run(job).await;
            // A panel closed meanwhile (its values disposed) takes no reply.
            if self.0.try_get_value() == Some(generation) {
                on_reply(reply);
            }
        });
    }
    /// Drops the reply to the job in flight; returns the new generation.
    pub fn cancel(self) -> u64 {
        let next = self.0.get_value() + 1;
        self.0.set_value(next);
        next
    }
}

/// Runs `job` in the background module, starting it if needed.
pub async fn run(job: Job) -> Reply {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let request = match serde_json::to_string(&Request { id, job }) {
        Ok(r) => r,
        Err(e) => {
            return Reply::Failed {
                message: format!("the job could not be written: {e}"),
            }
        }
    };
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _reject| {
        let sent = BACKGROUND.with(|cell| {
            let mut slot = cell.borrow_mut();
            let bg = started(&mut slot)?;
            bg.pending.borrow_mut().insert(id, resolve.clone());
            bg.worker
                .post_message(&JsValue::from_str(&request))
                .map_err(|_| load_failed("the message could not be sent"))
        });
        if let Err(message) = sent {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&failure(id, &message)));
        }
    });
    let text = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match serde_json::from_str::<Answer>(&text) {
        Ok(a) => a.reply,
        Err(e) => Reply::Failed {
            message: format!("the background module answered something unreadable: {e}"),
        },
    }
}
