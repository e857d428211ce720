//! Share links: a design in the URL fragment. Versioned, compact and deterministic: the design is
//! written as a JSON merge patch (RFC 7396) against the preset it started from (or whole, when that is
//! not exact), deflated and base64url-encoded behind a version tag: `3.<base64url>`. Decoding is a
//! boundary: bounded before and after decompression, never panics, and every failure is a
//! `ShareError` saying what is wrong.
//!
//! Links must keep opening: a link names a preset id and patches it, so the presets as they were for
//! each version are part of the format. Version 3 patches the presets as they are (design files of
//! version 2, with a list of rules); version 2, the presets as version-1 design files (one rule,
//! `migrate::v1_value`); version 1, those before their Stop buttons' `--auto-rollback-enabled true`
//! became the AWS CLI's value-less flag (`V1_PRESETS` turns a preset back into its version-1 base). `tests/it/share.rs`
//! decodes a committed file of frozen links; if a preset changes, that test fails, and the old
//! preset must be kept as a base with a new version tag. Imports model and presets.

use crate::domain::base::jsontext::{deeper_than, duplicate_keys};
use crate::domain::design::drafts::StoredEvent;
use crate::domain::design::migrate::v1_value;
use crate::domain::design::model::{Design, DesignError, MAX_DEPTH};
use crate::domain::design::presets::preset;
use crate::domain::design::samples::sample;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};
use thiserror::Error;

/// The current link version tag.
pub const VERSION: &str = "3";
/// How each preset differed when links of version 1 were made: (preset, text now, text then), each
/// replaced everywhere in the preset's file.
const V1_PRESETS: &[(&str, &str, &str)] = &[
    ("blue-green", V1_ROLLBACK.0, V1_ROLLBACK.1),
    ("status-thread", V1_ROLLBACK.0, V1_ROLLBACK.1),
    ("instance-failure", V1_ROLLBACK.0, V1_ROLLBACK.1),
];
const V1_ROLLBACK: (&str, &str) = (
    "--auto-rollback-enabled\"",
    "--auto-rollback-enabled true\"",
);

/// The JSON a link of `version` patches for preset `id`: links of versions 1 and 2 patched the
/// preset's version-1 design file (`migrate::v1_value`; version 1 also before the Stop buttons'
/// change), links of version 3 patch the preset as it is.
fn link_base(id: &str, version: &str) -> Option<Value> {
    let design = preset(id)?;
    if version == VERSION {
        return Some(to_value(&design));
    }
    let v1 = v1_value(&design)?;
    let changes: Vec<_> = V1_PRESETS.iter().filter(|(p, ..)| *p == id).collect();
    if version != "1" || changes.is_empty() {
        return Some(v1);
    }
    let mut json = serde_json::to_string(&v1).ok()?;
    for (_, now, then) in changes {
        json = json.replace(now, then);
    }
    serde_json::from_str(&json).ok()
}
/// The longest fragment decode accepts (characters).
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// The largest decompressed payload decode accepts (bytes): no decompression bombs.
pub const MAX_PAYLOAD: usize = 512 * 1024;
/// A fragment starting with this opens in review mode (preview and simulation first, editors folded).
pub const REVIEW_PREFIX: &str = "review:";

/// The fragment part of a link (after `#`, trimmed).
fn fragment_of(link: &str) -> &str {
    link.rsplit_once('#').map_or(link, |(_, f)| f).trim()
}

/// `text` with its `%XX` escapes decoded, when it has any and they decode to UTF-8 text.
fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// True when a link asks for review mode.
pub fn is_review(link: &str) -> bool {
    let frag = fragment_of(link);
    // The prefix is short: its escaped form fits in the first 24 characters.
    let frag = frag.get(..24).unwrap_or(frag);
    percent_decoded(frag)
        .as_deref()
        .unwrap_or(frag)
        .starts_with(REVIEW_PREFIX)
}

/// Links longer than this may be cut by chat clients and browsers; the UI warns.
pub const LONG_LINK: usize = 2000;

/// Why a link could not be opened.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShareError {
    #[error("the link holds no design (the part after # is empty)")]
    Empty,
    #[error("the link is {0} characters; links of at most {MAX_FRAGMENT} characters are accepted")]
    TooLong(usize),
    #[error("the link has version \"{0}\", which this build cannot read (it reads versions 1 to {VERSION}); it may come from a newer ChatOps Designer")]
    UnknownVersion(String),
    #[error("the link is damaged: it is not base64url text ({0}); was it cut when copied?")]
    NotBase64(String),
    #[error(
        "the link is damaged: its compressed data is corrupt or truncated; was it cut when copied?"
    )]
    Corrupt,
    #[error("the design takes more than {MAX_PAYLOAD} bytes of JSON, more than a link carries; share the design file instead")]
    TooLarge,
    #[error("the design nests more than {MAX_DEPTH} levels deep, more than a design file may")]
    TooDeep,
    #[error("the link's content is not a design: {0}")]
    NotADesign(String),
    #[error("the link starts from preset \"{0}\", which this build does not have")]
    UnknownPreset(String),
    #[error("the link's design cannot be read: {0}")]
    Design(#[from] DesignError),
}

/// The JSON merge patch that turns `base` into `target`. Arrays and scalars are replaced whole.
pub fn merge_diff(base: &Value, target: &Value) -> Value {
    match (base, target) {
        (Value::Object(b), Value::Object(t)) => {
            let mut out = Map::new();
            for (k, tv) in t {
                match b.get(k) {
                    Some(bv) if bv == tv => {}
                    Some(bv) => {
                        out.insert(k.clone(), merge_diff(bv, tv));
                    }
                    None => {
                        out.insert(k.clone(), tv.clone());
                    }
                }
            }
            for k in b.keys() {
                if !t.contains_key(k) {
                    out.insert(k.clone(), Value::Null);
                }
            }
            Value::Object(out)
        }
        _ => target.clone(),
    }
}

/// Applies a JSON merge patch (RFC 7396).
pub fn merge_apply(base: &Value, patch: &Value) -> Value {
    match patch {
        Value::Object(p) => {
            let mut out = match base {
                Value::Object(b) => b.clone(),
                _ => Map::new(),
            };
            for (k, pv) in p {
                if pv.is_null() {
                    out.shift_remove(k);
                } else {
                    let merged = merge_apply(out.get(k).unwrap_or(&Value::Null), pv);
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn to_value(d: &Design) -> Value {
    serde_json::to_value(d).unwrap_or(Value::Null)
}

/// The lists a version-3 link patches item by item: a merge patch replaces an array whole, so an
/// edit of one rule's title would carry every rule. Against a preset, each list is written as an
/// object keyed by position (`{"0": …, "1": …}`), patched, and turned back.
const INDEXED: [&str; 2] = ["rules", "actions"];

/// `design` with its `INDEXED` lists as objects keyed by position.
fn by_index(mut design: Value) -> Value {
    for key in INDEXED {
        if let Some(Value::Array(items)) = design.get_mut(key).map(Value::take) {
            let keyed = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect();
            design[key] = Value::Object(keyed);
        }
    }
    design
}

/// `by_index` undone: each keyed list back to an array, refused unless its keys are exactly
/// `0` to `n - 1`.
fn from_index(mut design: Value) -> Result<Value, ShareError> {
    for key in INDEXED {
        let Some(Value::Object(keyed)) = design.get_mut(key).map(Value::take) else {
            continue;
        };
        let mut items: Vec<(usize, Value)> = keyed
            .into_iter()
            .map(|(k, v)| match k.parse::<usize>() {
                Ok(i) if i.to_string() == k => Ok((i, v)),
                _ => Err(ShareError::NotADesign(format!(
                    "its {key} are not numbered"
                ))),
            })
            .collect::<Result<_, _>>()?;
        items.sort_by_key(|(i, _)| *i);
        if items.iter().enumerate().any(|(n, (i, _))| n != *i) {
            return Err(ShareError::NotADesign(format!("its {key} skip a number")));
        }
        design[key] = Value::Array(items.into_iter().map(|(_, v)| v).collect());
    }
    Ok(design)
}

/// Encodes a design as a URL fragment (without `#`). Deterministic. Refuses, with the error
/// `decode` would give, a design whose link `decode` would refuse: too deep, too large, too long.
pub fn encode(design: &Design) -> Result<String, ShareError> {
    encode_with(design, None)
}

/// Encodes a design and the event its simulation runs on (`None`: the app's opening sample).
pub fn encode_with(design: &Design, event: Option<&LinkEvent>) -> Result<String, ShareError> {
    let target = by_index(to_value(design));
    let patched = design.preset.as_deref().and_then(|id| {
        let base = by_index(to_value(&preset(id)?));
        let patch = merge_diff(&base, &target);
        // Merge patches cannot carry nulls in objects; use them only when they are exact.
        (merge_apply(&base, &patch) == target).then(|| serde_json::json!({ "p": id, "d": patch }))
    });
    let mut payload = patched.unwrap_or_else(|| serde_json::json!({ "d": to_value(design) }));
    if let Some(e) = event {
        payload["e"] = e.to_value();
    }
    let bytes = serde_json::to_vec(&payload).unwrap_or_default();
    check_payload(&bytes)?;
    let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 10);
    let fragment = format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed));
    if fragment.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLong(fragment.len()));
    }
    Ok(fragment)
}

/// The event a link opens the simulation on. Links made before events were carried have none,
/// and open on the app's opening sample.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkEvent {
    /// A built-in sample, by id (`samples::SAMPLES`).
    Sample(String),
    /// The person's own event (a JSON object).
    Custom(Value),
}

impl LinkEvent {
    /// The event as a draft keeps it (a custom event as indented JSON text).
    pub fn stored(self) -> StoredEvent {
        match self {
            LinkEvent::Sample(id) => StoredEvent::Sample(id),
            LinkEvent::Custom(v) => {
                StoredEvent::Custom(serde_json::to_string_pretty(&v).unwrap_or_default())
            }
        }
    }
    fn to_value(&self) -> Value {
        match self {
            LinkEvent::Sample(id) => serde_json::json!({ "s": id }),
            LinkEvent::Custom(v) => serde_json::json!({ "c": v }),
        }
    }
    /// The event of a payload's `e`; anything this build cannot use (an unknown sample, a custom
    /// event that is not an object) is `None`, and the link still opens its design.
    fn from_value(v: &Value) -> Option<LinkEvent> {
        match (v.get("s"), v.get("c")) {
            (Some(Value::String(id)), None) if sample(id).is_some() => {
                Some(LinkEvent::Sample(id.clone()))
            }
            (None, Some(c)) if c.is_object() => Some(LinkEvent::Custom(c.clone())),
            _ => None,
        }
    }
}

/// Inflates a link's data, at most `MAX_PAYLOAD` bytes of it; data after the end of the compressed
/// stream means the link is not one this codec wrote.
fn inflate_whole(packed: &[u8]) -> Result<Vec<u8>, ShareError> {
    use miniz_oxide::inflate::core::{
        decompress, inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF, DecompressorOxide,
    };
    use miniz_oxide::inflate::TINFLStatus;
    let mut out = vec![0u8; MAX_PAYLOAD];
    let mut state = DecompressorOxide::new();
    let (status, read, written) = decompress(
        &mut state,
        packed,
        &mut out,
        0,
        TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    match status {
        TINFLStatus::Done if read == packed.len() => {
            out.truncate(written);
            Ok(out)
        }
        TINFLStatus::HasMoreOutput => Err(ShareError::TooLarge),
        _ => Err(ShareError::Corrupt),
    }
}

/// The limits on a link's decompressed payload, shared by `encode` and `decode`: its size, and its
/// depth (the design under the payload's one-level wrapper).
fn check_payload(bytes: &[u8]) -> Result<(), ShareError> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ShareError::NotADesign(e.to_string()))?;
    match deeper_than(text, MAX_DEPTH + 1) {
        Some(_) => Err(ShareError::TooDeep),
        None => Ok(()),
    }
}

/// The app's address as the base of links: `base` without any fragment, checked to be an http
/// or https URL with a host (such as the address a team hosts the app at).
pub fn base_url(base: &str) -> Result<&str, String> {
    let base = base.trim();
    let base = base.split_once('#').map_or(base, |(b, _)| b);
    let lower = base.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("the base URL must start with https:// or http:// (such as https://tools.example.com/chatops/), got '{base}'")
        })?;
    if rest.is_empty()
        || rest.starts_with('/')
        || base.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "the base URL needs a host and no spaces (such as https://tools.example.com/chatops/), got '{base}'"
        ));
    }
    Ok(base)
}

/// A whole link: the app's address `base` with the design in the fragment, in review mode when
/// asked.
pub fn link(base: &str, design: &Design, review: bool) -> Result<String, String> {
    link_with(base, design, review, None).map(|l| l.url)
}

/// A link made by `link_with`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub url: String,
    /// The custom event was left out: with it the link would be this many characters, over
    /// `LONG_LINK` (or more than a link carries). The link opens on the opening sample instead.
    pub event_left_out: Option<usize>,
}

/// A link that also carries the event the simulation runs on. A sample always fits; a custom
/// event is carried while the link stays within `LONG_LINK` characters, and left out (said in
/// `Link::event_left_out`) when it would not.
pub fn link_with(
    base: &str,
    design: &Design,
    review: bool,
    event: Option<&LinkEvent>,
) -> Result<Link, String> {
    let base = base_url(base)?;
    let prefix = if review { REVIEW_PREFIX } else { "" };
    let url = |event| -> Result<String, String> {
        let fragment =
            encode_with(design, event).map_err(|e| format!("cannot make a link: {e}"))?;
        Ok(format!("{base}#{prefix}{fragment}"))
    };
    let plain = || url(None);
    match event {
        Some(e @ LinkEvent::Custom(_)) => match url(Some(e)) {
            Ok(u) if u.len() <= LONG_LINK => Ok(Link {
                url: u,
                event_left_out: None,
            }),
            Ok(u) => Ok(Link {
                url: plain()?,
                event_left_out: Some(u.len()),
            }),
            Err(_) => Ok(Link {
                url: plain()?,
                event_left_out: Some(usize::MAX),
            }),
        },
        other => Ok(Link {
            url: url(other)?,
            event_left_out: None,
        }),
    }
}

/// Whether a page address is on this machine only (localhost, 127.0.0.0/8, ::1, 0.0.0.0): a link
/// made there opens for nobody else.
pub fn is_loopback(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host == "0.0.0.0"
        || (host.starts_with("127.")
            && host.split('.').count() == 4
            && host.split('.').all(|o| o.parse::<u8>().is_ok()))
}

/// What Copy link adds when the app runs on this machine only.
pub const LOOPBACK_NOTE: &str = "this link opens only on this machine (the app runs on a loopback address); host the app where your team can reach it (README: Host it for your team)";

/// Decodes a fragment (with or without a leading `#`, or a whole URL) back into a design.
pub fn decode(fragment: &str) -> Result<Design, ShareError> {
    decode_with(fragment).map(|(design, _)| design)
}

/// Decodes a fragment into its design and the event it carries, if any.
pub fn decode_with(fragment: &str) -> Result<(Design, Option<LinkEvent>), ShareError> {
    let frag = fragment_of(fragment);
    // Some chat clients and browsers percent-encode the fragment (three characters for one); a
    // link never holds `%` itself.
    if frag.len() > 3 * MAX_FRAGMENT {
        return Err(ShareError::TooLong(frag.chars().count()));
    }
    let decoded = percent_decoded(frag);
    let frag = decoded.as_deref().unwrap_or(frag);
    if frag.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLong(frag.chars().count()));
    }
    let frag = frag.strip_prefix(REVIEW_PREFIX).unwrap_or(frag);
    if frag.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, data) = frag.split_once('.').unwrap_or(("", frag));
    if !["1", "2", VERSION].contains(&version) {
        let shown: String = version.chars().take(16).collect();
        return Err(ShareError::UnknownVersion(shown));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.as_bytes())
        .map_err(|e| ShareError::NotBase64(e.to_string()))?;
    let bytes = inflate_whole(&packed)?;
    check_payload(&bytes)?;
    // serde_json keeps the last of two equal keys; a link that says two things is refused, as a
    // design file is.
    let duplicates = duplicate_keys(std::str::from_utf8(&bytes).unwrap_or_default());
    if !duplicates.is_empty() {
        return Err(ShareError::NotADesign(duplicates.to_string()));
    }
    let payload: Value =
        serde_json::from_slice(&bytes).map_err(|e| ShareError::NotADesign(e.to_string()))?;
    let Some(d) = payload.get("d") else {
        return Err(ShareError::NotADesign("it has no design".into()));
    };
    let value = match payload.get("p") {
        None => d.clone(),
        Some(Value::String(id)) => {
            let base = link_base(id, version)
                .ok_or_else(|| ShareError::UnknownPreset(id.chars().take(64).collect()))?;
            if version == VERSION {
                from_index(merge_apply(&by_index(base), d))?
            } else {
                merge_apply(&base, d)
            }
        }
        Some(_) => return Err(ShareError::NotADesign("its preset is not a name".into())),
    };
    let text = serde_json::to_string(&value).unwrap_or_default();
    let design = match Design::from_json(&text) {
        Err(DesignError::TooDeep { .. }) => Err(ShareError::TooDeep),
        other => Ok(other?),
    }?;
    Ok((design, payload.get("e").and_then(LinkEvent::from_value)))
}
