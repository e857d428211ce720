//! A JSON editor that stays a plain `<textarea>` (so typing, undo, selection, spell-check off and
//! assistive technology behave as everywhere else), laid over a highlighted copy of its text with
//! line numbers beside it and the place an error points at marked. The highlighting is the core's
//! (`base::highlight::json_editor`), rendered as text nodes only.
//!
//! The highlighted copy gives the size and the textarea lies exactly over it, so the textarea grows
//! with its text and never scrolls by itself; the frame around them scrolls both at once (no
//! scroll syncing, no inline styles).

use crate::domain::base::highlight::json_editor;
use leptos::prelude::*;

#[component]
pub fn CodeEditor(
    /// DOM id of the textarea (labels point at it).
    id: String,
    #[prop(into)] value: Signal<String>,
    /// Called with the new text on every keystroke.
    on_input: impl Fn(String) + 'static,
    /// Whether the text is in error (`aria-invalid`).
    #[prop(into)]
    invalid: Signal<bool>,
    /// Where the error points: 1-based line and column (in characters).
    #[prop(into)]
    mark: Signal<Option<(usize, usize)>>,
    /// Ids of the texts that describe the field (help, and the error while there is one).
    #[prop(into)]
    described_by: Signal<&'static str>,
    /// Height in lines before the frame scrolls.
    rows: usize,
    #[prop(optional, into)] title: Option<String>,
    /// Called when the textarea loses focus.
    #[prop(optional)]
    on_blur: Option<Box<dyn Fn()>>,
) -> impl IntoView {
    let tokens = Memo::new(move |_| value.with(|t| json_editor(t, mark.get())));
    let hl = NodeRef::<leptos::html::Pre>::new();
    Effect::new(move |_| {
        if let Some(pre) = hl.get() {
            tokens.with(|tokens| {
                crate::ui::platform::render_runs(
                    &pre,
                    tokens.iter().map(|t| (t.kind.class(), t.text.as_str())),
                );
            });
        }
    });
    let lines = Memo::new(move |_| value.with(|t| t.split('\n').count()));
    let marked_line = move || mark.get().map(|(line, _)| line);
    let size = format!("code-editor rows-{}", rows.clamp(4, 30));
    view! {
        <div class=size class:invalid=move || invalid.get()>
            <pre class="gutter mono" aria-hidden="true">
                {move || gutter(lines.get(), marked_line())}
            </pre>
            <div class="code">
                // Drawn by the effect above; the space it ends with keeps a last empty line as
                // tall as the textarea's.
                <pre class="hl mono" aria-hidden="true" node_ref=hl></pre>
                <textarea id=id class="mono" rows=rows spellcheck="false" autocomplete="off" wrap="off"
                    autocapitalize="off"
                    title=title
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby=move || Some(described_by.get()).filter(|d| !d.is_empty())
                    prop:value=move || value.get()
                    on:input=move |ev| on_input(event_target_value(&ev))
                    on:blur=move |_| if let Some(f) = &on_blur { f() }
                    // The textarea is as large as its text; should it scroll in the moment before
                    // the copy under it grows, it is put back so the two stay aligned.
                    on:scroll=move |ev| {
                        let t = event_target::<web_sys::Element>(&ev);
                        t.set_scroll_top(0);
                        t.set_scroll_left(0);
                    }></textarea>
            </div>
        </div>
    }
}

/// The line numbers 1..=`lines`, the marked line's on its own so it can stand out.
fn gutter(lines: usize, marked: Option<usize>) -> impl IntoView {
    let numbers = |from: usize, to: usize| {
        (from..=to)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    match marked.filter(|&m| m >= 1 && m <= lines) {
        None => numbers(1, lines).into_any(),
        Some(m) => {
            let before = if m > 1 {
                format!("{}\n", numbers(1, m - 1))
            } else {
                String::new()
            };
            let after = if m < lines {
                format!("\n{}", numbers(m + 1, lines))
            } else {
                String::new()
            };
            view! { {before}<span class="err-line" title="The error is on this line">{m.to_string()}</span>{after} }.into_any()
        }
    }
}
