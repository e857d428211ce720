//! Renders core mrkdwn data as DOM: text only as text nodes, links only for hrefs the core marked safe.

use crate::domain::amazon_q::mrkdwn::{Block, Inline};
use leptos::prelude::*;

/// Renders inlines.
pub fn inlines(items: &[Inline]) -> AnyView {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.clone().into_any(),
            Inline::Bold(x) => view! { <b>{inlines(x)}</b> }.into_any(),
            Inline::Italic(x) => view! { <i>{inlines(x)}</i> }.into_any(),
            Inline::Strike(x) => view! { <s>{inlines(x)}</s> }.into_any(),
            Inline::Code(c) => view! { <code class="md-code">{c.clone()}</code> }.into_any(),
            Inline::Link { href, label } => view! {
                <a href=href.clone() target="_blank" rel="noopener noreferrer">{inlines(label)}</a>
            }
            .into_any(),
            Inline::Emoji { shortcode, emoji: Some(e) } => view! {
                <span class="emoji" role="img" aria-label=shortcode.replace('_', " ") title=format!(":{shortcode}:")>{e.clone()}</span>
            }
            .into_any(),
            Inline::Emoji { shortcode, emoji: None } => format!(":{shortcode}:").into_any(),
            Inline::LineBreak => view! { <br /> }.into_any(),
        })
        .collect_view()
        .into_any()
}

/// Renders blocks.
pub fn blocks(items: &[Block]) -> AnyView {
    items
        .iter()
        .map(|b| match b {
            Block::Paragraph(x) => view! { <p class="md-p">{inlines(x)}</p> }.into_any(),
            Block::Quote(x) => {
                view! { <blockquote class="md-quote">{inlines(x)}</blockquote> }.into_any()
            }
            Block::CodeBlock(c) => view! { <pre class="md-pre">{c.clone()}</pre> }.into_any(),
            Block::List { ordered: true, items } => view! {
                <ol class="md-list">{items.iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}</ol>
            }
            .into_any(),
            Block::List { ordered: false, items } => view! {
                <ul class="md-list">{items.iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
