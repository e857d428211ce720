//! The Evidence view's wrapper, shared by the message previews and the channel: each rendered
//! element outlined by its row in the core's evidence table.

use crate::domain::amazon_q::evidence::evidence;
use leptos::prelude::*;

/// Whether the Evidence view is on, from context.
#[derive(Clone, Copy)]
pub struct EvidenceOn(pub RwSignal<bool>);

/// Wraps one rendered element: with the Evidence view on, it is outlined by its level and
/// focusable, and its accessible description (and tooltip) names the evidence from the core's
/// table.
#[component]
pub fn Evidenced(element: &'static str, children: Children) -> impl IntoView {
    let on = use_context::<EvidenceOn>().map(|e| e.0);
    let row = evidence(element);
    let level = row.map(|r| r.level.as_str()).unwrap_or("assumed");
    let text = row.map(|r| r.describe()).unwrap_or_default();
    let is_on = move || on.is_some_and(|s| s.get());
    let described = text.clone();
    view! {
        <div class=format!("ev ev-{level}") class:ev-on=is_on data-evidence=element
            aria-description=move || is_on().then(|| described.clone())
            title=move || is_on().then(|| text.clone())
            tabindex=move || is_on().then_some("0")>
            {children()}
        </div>
    }
}
