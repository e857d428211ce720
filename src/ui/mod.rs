//! The Leptos UI (wasm32 only). It renders what the core computes and writes edits back into the one
//! design signal; it computes nothing itself.

mod platform;

use crate::domain::presets;
use crate::domain::samples::SAMPLES;
use crate::domain::simulate::{simulate, SimulateOptions};
use leptos::prelude::*;

/// Theme choice: follow the system, or force light or dark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let design = RwSignal::new(presets::seed());
    let sample = RwSignal::new(1usize);
    let theme = RwSignal::new(Theme::System);
    Effect::new(move |_| platform::apply_theme(theme.get().attr()));
    let sim = Memo::new(move |_| {
        let event = SAMPLES
            .get(sample.get())
            .and_then(|s| serde_json::from_str(s.json).ok())
            .unwrap_or(serde_json::Value::Null);
        design.with(|d| simulate(d, &event, &SimulateOptions::default()))
    });
    view! {
        <header class="app-header">
            <img class="app-logo" src="public/logo.svg" alt="" width="28" height="28" />
            <h1>"ChatOps Designer"</h1>
            <span class="app-tagline">"Amazon Q Developer custom notifications and buttons for CodeDeploy"</span>
            <button class="btn" on:click=move |_| theme.update(|t| *t = t.next())>
                {move || theme.get().label()}
            </button>
        </header>
        <main class="layout">
            <section class="column editor" aria-label="Editor">
                <h2>"Notification"</h2>
                <div class="field">
                    <label for="f-title">"Title"</label>
                    <input
                        id="f-title"
                        type="text"
                        prop:value=move || design.with(|d| d.notification.title.clone())
                        on:input=move |ev| design.update(|d| d.notification.title = event_target_value(&ev))
                    />
                </div>
            </section>
            <section class="column preview" aria-label="Slack preview">
                <h2>"Preview"</h2>
                <p class="slack-title">
                    {move || sim.with(|s| s.notification.as_ref().and_then(|n| n.pointer("/content/title")).and_then(|t| t.as_str()).unwrap_or("").to_string())}
                </p>
            </section>
        </main>
    }
}
