//! The first view: a small module (`src/bin/first_view.rs`) that draws the preview of the design
//! the app will open into the page's static skeleton, before the app's own module has arrived. It
//! only reads (the link fragment, the active draft or the seed) and renders with the app's own
//! `SlackMessage`; the app then opens and stores the design itself and replaces the skeleton.

use crate::domain::design::drafts::StoredEvent;
use crate::domain::design::samples::{sample, OPENING, SAMPLES};
use crate::domain::pipeline::simulate::{compile_for_preview, simulate_rule, SimulateOptions};
use crate::domain::view::preview::{post_time, preview};
use crate::ui::header::apply_stored_theme;
use crate::ui::platform;
use crate::ui::preview::preview_panel::SlackMessage;
use crate::ui::store::persistence;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The skeleton: removed by the app once its own preview has rendered.
pub const SKELETON_ID: &str = "boot";
/// The skeleton's preview slot.
const SLOT_ID: &str = "first-preview";

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Draws the preview into the skeleton; does nothing when there is no skeleton (the app is
/// already up) or nothing would be delivered.
pub fn render() {
    apply_stored_theme();
    let Some(slot) = element(SLOT_ID).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // Three tasks, none long: read the design; simulate it; draw it.
    let (design, stored) = persistence::design_to_open();
    platform::next_task(move || {
        // The event the app will open on: the link's or the draft's, else the opening sample.
        let text = match &stored {
            Some(StoredEvent::Custom(text)) => text.as_str(),
            Some(StoredEvent::Sample(id)) => sample(id).map_or(SAMPLES[OPENING].json, |s| s.json),
            None => SAMPLES[OPENING].json,
        };
        let Some(event) = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .filter(serde_json::Value::is_object)
            .or_else(|| serde_json::from_str(SAMPLES[OPENING].json).ok())
        else {
            return;
        };
        let sim = simulate_rule(
            &compile_for_preview(&design),
            0,
            &event,
            &SimulateOptions::default(),
        );
        let p = preview(&sim);
        if !p.delivered {
            return;
        }
        let time = post_time(&event);
        platform::next_task(move || {
            // The app may have replaced the skeleton already.
            if !slot.is_connected() {
                return;
            }
            let seed = RwSignal::new(0u32);
            let clicked = RwSignal::new(None::<String>);
            slot.set_inner_text("");
            leptos::mount::mount_to(
                slot,
                move || view! { <SlackMessage p=p time=time seed=seed clicked=clicked /> },
            )
            .forget();
        });
    });
}

/// Removes the skeleton (the app calls this once its own preview is on the page).
pub fn remove_skeleton() {
    if let Some(e) = element(SKELETON_ID) {
        e.remove();
    }
}
