//! The only UI module that touches `window`: theme, storage, clipboard, location. Every function
//! fails soft (returns `None`, `false` or an error message) instead of panicking.

pub mod background;

use wasm_bindgen::JsCast;

fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// True when the system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `data-theme` on `<html>` (`light` or `dark`), or removes it to follow the system.
pub fn apply_theme(theme: Option<&str>) {
    if let Some(el) = document_element() {
        let _ = match theme {
            Some(t) => el.set_attribute("data-theme", t),
            None => el.remove_attribute("data-theme"),
        };
    }
}

fn storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) | Err(_) => Err(
            "this browser keeps no local storage for the page (disabled, or a private window)"
                .into(),
        ),
    }
}

/// What a failed storage call says: the exception's name and message.
fn js_error(e: &wasm_bindgen::JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => {
            let name = String::from(err.name());
            let message = String::from(err.message());
            if name.contains("Quota") {
                format!("the browser's storage for this page is full ({name})")
            } else if message.is_empty() {
                name
            } else {
                format!("{name}: {message}")
            }
        }
        None => e
            .as_string()
            .unwrap_or_else(|| "the browser refused".into()),
    }
}

/// Reads a local-storage item.
pub fn load(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Writes a local-storage item; the error says why it could not be written (full, disabled).
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| js_error(&e))
}

/// Removes a local-storage item.
pub fn remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| js_error(&e))
}

/// Every local-storage key.
pub fn storage_keys() -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Calls `f(key, new value)` when another tab of this origin changes local storage.
pub fn on_storage_change(f: impl Fn(String, Option<String>) + 'static) {
    let handle = leptos::prelude::window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            f(key, ev.new_value());
        }
    });
    leptos::prelude::on_cleanup(move || handle.remove());
}

/// Calls `f` when the address's fragment changes while the page is open (a link pasted into the
/// address bar of an open tab).
pub fn on_hash_change(f: impl Fn() + 'static) {
    let handle = leptos::prelude::window_event_listener(leptos::ev::hashchange, move |_| f());
    leptos::prelude::on_cleanup(move || handle.remove());
}

/// An id no other tab picks: 53 random bits.
pub fn random_id() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64 | 1 << 40
}

/// Copies text to the clipboard; the error says why not (no clipboard on a plain-HTTP page, or the
/// browser refused).
pub async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let w = web_sys::window().ok_or("no window")?;
    let navigator = w.navigator();
    // `navigator.clipboard` is undefined outside secure contexts (a plain-HTTP page).
    let present = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    if !present {
        return Err("this page has no clipboard access (it is not served over HTTPS)".into());
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| format!("the browser refused ({})", js_error(&e)))
}

/// Selects the whole text of a textarea by id and focuses it.
pub fn select_all(id: &str) {
    if let Some(t) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = t.focus();
        t.select();
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    download_part(name, mime, &wasm_bindgen::JsValue::from_str(text))
}

/// Offers bytes (e.g. a ZIP archive) as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> bool {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

fn download_part(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(part);
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}

/// Milliseconds since page start, for the in-page latency marks.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The caret position (in UTF-16 code units) of an input or textarea by id.
pub fn caret(id: &str) -> Option<u32> {
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.selection_start().ok().flatten();
    }
    el.dyn_ref::<web_sys::HtmlTextAreaElement>()?
        .selection_start()
        .ok()
        .flatten()
}

/// Moves focus to an element by id.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// Moves focus to the element `id` once the edit that creates (or re-creates) it has been drawn,
/// so keyboard users land on what they just added, moved or uncovered. The first of `ids` that
/// exists then wins. Focus the person has moved on in the meantime stays where they put it.
pub fn focus_after_render(ids: Vec<String>) {
    let document = web_sys::window().and_then(|w| w.document());
    let from = document.as_ref().and_then(|d| d.active_element());
    leptos::prelude::request_animation_frame(move || {
        let now = document.as_ref().and_then(|d| d.active_element());
        let body = document
            .as_ref()
            .and_then(|d| d.body())
            .map(wasm_bindgen::JsValue::from);
        let moved_on = match &now {
            None => false,
            Some(el) => Some(el) != from.as_ref() && body.as_ref() != Some(el.as_ref()),
        };
        if moved_on {
            return;
        }
        if let Some(id) = ids.iter().find(|id| {
            document
                .as_ref()
                .is_some_and(|d| d.get_element_by_id(id).is_some())
        }) {
            focus(id);
        }
    });
}

/// Replaces the children of `el` with runs of text, each in a `<span>` of its class or, without
/// one, a bare text node, then a space. Built with the DOM directly (text nodes only, never markup):
/// an editor's thousands of runs are redrawn per keystroke, faster than views per run would be.
pub fn render_runs<'a>(
    el: &web_sys::Element,
    runs: impl Iterator<Item = (Option<&'a str>, &'a str)>,
) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let frag = doc.create_document_fragment();
    for (class, text) in runs {
        match class {
            None => {
                let _ = frag.append_with_str_1(text);
            }
            Some(class) => {
                if let Ok(span) = doc.create_element("span") {
                    span.set_class_name(class);
                    span.set_text_content(Some(text));
                    let _ = frag.append_with_node_1(&span);
                }
            }
        }
    }
    let _ = frag.append_with_str_1(" ");
    el.replace_children_with_node_1(&frag);
}

/// The URL fragment without `#`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry or scrolling.
pub fn replace_hash(fragment: &str) {
    if let Some(w) = web_sys::window() {
        let url = if fragment.is_empty() {
            page_url()
        } else {
            format!("{}#{fragment}", page_url())
        };
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Runs `f` in a task of its own, after the current one (and its rendering) has finished.
pub fn next_task(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
}

/// Files read at once, and their total size.
pub const MAX_FILES: u32 = 20;
pub const MAX_FILES_BYTES: f64 = 1_048_576.0;

/// The name and text of every chosen or dropped file (at most `MAX_FILES`, 1 MiB in all).
pub async fn files_text(files: Option<web_sys::FileList>) -> Result<Vec<(String, String)>, String> {
    let files = files
        .filter(|f| f.length() > 0)
        .ok_or("no file was chosen")?;
    // A folder chosen whole names each file by its path in it (`infra/modules/x/main.tf`), which
    // the Terraform import follows modules by; only the kinds of file an import reads are taken,
    // and nothing under a hidden folder (`.terraform`, `.git`).
    let path = |f: &web_sys::File| {
        js_sys::Reflect::get(f, &"webkitRelativePath".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty())
    };
    let all: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    let from_folder = all.iter().any(|f| path(f).is_some());
    let list: Vec<web_sys::File> = all
        .into_iter()
        .filter(|f| {
            let Some(p) = path(f) else { return true };
            let readable = [
                ".tf",
                ".tfvars",
                ".json",
                ".yaml",
                ".yml",
                ".template",
                ".tpl",
                ".tftpl",
            ]
            .iter()
            .any(|ext| p.ends_with(ext));
            readable && !p.split('/').any(|part| part.starts_with('.'))
        })
        .collect();
    if list.is_empty() {
        return Err(
            "the folder holds no file an import reads (.tf, .tfvars, .json, .yaml, .template)"
                .into(),
        );
    }
    if list.len() as u32 > MAX_FILES {
        let what = if from_folder {
            "files an import reads are in the folder"
        } else {
            "files were chosen"
        };
        return Err(format!(
            "{} {what}; at most {MAX_FILES} are read at once",
            list.len()
        ));
    }
    let total: f64 = list.iter().map(|f| f.size()).sum();
    if total > MAX_FILES_BYTES {
        return Err(format!(
            "the files hold {total} bytes; at most 1 MiB is read at once"
        ));
    }
    let mut out = Vec::new();
    for file in list {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|_| format!("{} could not be read", file.name()))?;
        out.push((
            path(&file).unwrap_or_else(|| file.name()),
            text.as_string().unwrap_or_default(),
        ));
    }
    Ok(out)
}

/// The text of one file, read in 8 MB slices, each in a task of its own, so a large log never
/// blocks the page; `progress` hears the bytes read so far. The caller bounds the size.
pub async fn file_text(file: &web_sys::File, progress: impl Fn(f64)) -> Result<String, String> {
    const SLICE: f64 = 8.0 * 1024.0 * 1024.0;
    let unreadable = || format!("{} could not be read", file.name());
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + SLICE).min(size);
        let part = file
            .slice_with_f64_and_f64(at, end)
            .map_err(|_| unreadable())?;
        let buffer = wasm_bindgen_futures::JsFuture::from(part.array_buffer())
            .await
            .map_err(|_| unreadable())?;
        bytes.extend(js_sys::Uint8Array::new(&buffer).to_vec());
        at = end;
        progress(at);
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (byte {} is not); save it as UTF-8",
            file.name(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The files of an `<input type=file>` event.
pub fn input_files(ev: &web_sys::Event) -> Option<web_sys::FileList> {
    ev.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()
}

/// Registers the offline service worker (`sw.js` beside the page, so it works under any sub-path)
/// in release builds; `on_update` runs when it reports a new release. Development builds skip it so
/// `trunk serve` always shows the latest build.
pub fn register_offline(on_update: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Not offered on plain-HTTP pages of other hosts: the app works without it.
    let has_worker = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has_worker {
        return;
    }
    let container = navigator.service_worker();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let kind = js_sys::Reflect::get(&ev.data(), &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            if kind.as_deref() == Some("update-available") {
                on_update();
            }
        });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A page that started on an older release (a reload while the new one was being cached)
    // asks which is current; the answer comes as the message above.
    if let (Some(worker), Ok(module)) = (
        container.controller(),
        js_sys::Reflect::get(&window, &"chatopsModule".into()),
    ) {
        if module.is_string() {
            let ask = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&ask, &"type".into(), &"which-release".into());
            let _ = js_sys::Reflect::set(&ask, &"module".into(), &module);
            let _ = worker.post_message(&ask);
        }
    }
    // A rejected registration (such as a file:// page) leaves the app as it is.
    let promise = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// Reloads the page (to pick up a new release).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
