//! Share links: round trips, sizes, every failure as a message, and frozen links that must keep opening.

use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::{preset, seed, PRESETS};
use chatops_designer::domain::design::share::{
    decode, encode, ShareError, MAX_FRAGMENT, MAX_PAYLOAD,
};
use proptest::prelude::*;
use serde_json::Value;

/// Links made by earlier builds, one file per link version: version 1 (the presets before their Stop
/// buttons' flag was corrected) and version 2.
const FROZEN: [&str; 3] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/share/frozen-links.json"),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/share/frozen-links-v2.json"
    ),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/share/frozen-links-v3.json"
    ),
];

/// Designs whose links are frozen: every preset, and edits of the seed.
fn frozen_designs() -> Vec<Design> {
    let mut out: Vec<Design> = PRESETS.iter().filter_map(|p| preset(p.id)).collect();
    let mut d = seed();
    d.rules[0].notification.title = "Deployment of checkout-service is ready".into();
    out.push(d.clone());
    d.actions.remove(1);
    d.rules[0]
        .notification
        .additional_context
        .insert("Team".into(), "payments \"core\" ✓".into());
    d.rules[0].input_template_override = Some("{\"version\": \"1.0\"}".into());
    out.push(d.clone());
    d.preset = None;
    out.push(d);
    out
}

#[test]
fn frozen_links_keep_opening() {
    let current = FROZEN[FROZEN.len() - 1];
    if std::env::var_os("UPDATE_GOLDEN").is_some() && !std::path::Path::new(current).exists() {
        let list: Vec<Value> = frozen_designs()
            .iter()
            .map(|d| serde_json::json!({ "fragment": encode(d).unwrap(), "design": serde_json::to_value(d).unwrap() }))
            .collect();
        std::fs::write(current, serde_json::to_string_pretty(&list).unwrap() + "\n").unwrap();
    }
    for (version, file) in FROZEN.iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("the frozen links are committed");
        let list: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert!(list.len() >= 8);
        for entry in list {
            let fragment = entry["fragment"].as_str().unwrap();
            assert!(
                fragment.starts_with(&format!("{}.", version + 1)),
                "{fragment}"
            );
            // Each design as its version's file wrote it (version 1 before links of version 3).
            let want = Design::from_json(&entry["design"].to_string()).unwrap();
            assert_eq!(
                decode(fragment).unwrap_or_else(|e| panic!("{fragment}: {e}")),
                want,
                "frozen link {fragment}"
            );
        }
    }
}

#[test]
fn a_version_1_link_opens_the_design_it_was_made_from() {
    // The blue-green preset as a version-1 link: its Stop button as the preset had it then.
    let text = std::fs::read_to_string(FROZEN[0]).unwrap();
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    let old = decode(list[0]["fragment"].as_str().unwrap()).unwrap();
    assert_eq!(old.preset.as_deref(), Some("blue-green"));
    assert!(old
        .actions
        .iter()
        .any(|a| a.command.ends_with("--auto-rollback-enabled true")));
    // New links patch the presets as they are now.
    let now = preset("blue-green").unwrap();
    assert!(now
        .actions
        .iter()
        .any(|a| a.command.ends_with("--auto-rollback-enabled")));
    let fragment = encode(&now).unwrap();
    assert!(
        fragment.starts_with("3.") && fragment.len() < 60,
        "{fragment}"
    );
    assert_eq!(decode(&fragment).unwrap(), now);
    assert_ne!(old, now);
}

#[test]
fn presets_round_trip_and_the_seed_link_is_short() {
    for d in frozen_designs() {
        assert_eq!(decode(&encode(&d).unwrap()).unwrap(), d);
        assert_eq!(encode(&d).unwrap(), encode(&d).unwrap(), "deterministic");
    }
    let mut d = seed();
    d.rules[0].notification.title = "Deployment of checkout-service is ready".into();
    let link = format!("#{}", encode(&d).unwrap());
    assert!(
        link.len() < 600,
        "seed with a new title: {} characters",
        link.len()
    );
    assert_eq!(
        decode(&format!("https://example.com/app/{link}")).unwrap(),
        d,
        "whole URLs decode too"
    );
    let review = format!("https://example.com/#review:{}", encode(&d).unwrap());
    assert!(chatops_designer::domain::design::share::is_review(&review));
    assert!(!chatops_designer::domain::design::share::is_review(&link));
    assert_eq!(decode(&review).unwrap(), d);
}

#[test]
fn every_failure_is_a_message() {
    let good = encode(&seed()).unwrap();
    assert_eq!(decode(""), Err(ShareError::Empty));
    assert_eq!(decode("#"), Err(ShareError::Empty));
    assert!(
        matches!(decode(&good.replacen("3.", "4.", 1)), Err(ShareError::UnknownVersion(v)) if v == "4")
    );
    assert!(matches!(decode("1.%%%"), Err(ShareError::NotBase64(_))));
    for cut in 1..12 {
        let r = decode(&good[..good.len() - cut]);
        assert!(
            matches!(r, Err(ShareError::Corrupt | ShareError::NotBase64(_))),
            "cut {cut}: {r:?}"
        );
    }
    assert!(matches!(
        decode(&"A".repeat(70_000)),
        Err(ShareError::TooLong(_))
    ));
    // A decompression bomb: a megabyte of spaces deflates to a few hundred bytes.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_PAYLOAD * 2], 10);
    let frag = format!(
        "1.{}",
        base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bomb)
    );
    assert!(frag.len() < 4000);
    assert_eq!(decode(&frag), Err(ShareError::TooLarge));
    let pack = |json: &str| {
        format!(
            "1.{}",
            base64::Engine::encode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10)
            )
        )
    };
    assert!(matches!(
        decode(&pack("[1,2]")),
        Err(ShareError::NotADesign(_))
    ));
    assert!(
        matches!(decode(&pack(r#"{"p":"nope","d":{}}"#)), Err(ShareError::UnknownPreset(p)) if p == "nope")
    );
    // Keys written twice, and data after the end of the compressed stream, are refused.
    let err = decode(&pack(r#"{"p":"blue-green","p":"blank","d":{}}"#)).unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");
    let good_packed = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        good.split_once('.').unwrap().1,
    )
    .unwrap();
    for tail in [&b"\0"[..], b"junk", &good_packed] {
        let mut more = good_packed.clone();
        more.extend_from_slice(tail);
        let frag = format!(
            "2.{}",
            base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, more)
        );
        assert_eq!(decode(&frag), Err(ShareError::Corrupt), "{tail:?}");
    }
    let err = decode(&pack(r#"{"d":{"formatVersion":1,"bogus":true}}"#)).unwrap_err();
    assert!(err.to_string().contains("unknown field `bogus`"), "{err}");
    for e in [
        decode(&good[..good.len() - 6]).unwrap_err(),
        decode("zz").unwrap_err(),
    ] {
        let msg = e.to_string();
        assert!(!msg.is_empty() && !msg.ends_with('.'), "{msg}");
    }
}

/// A version-1 link of any payload, made without `encode`'s checks.
fn forge(payload: &Value) -> String {
    format!(
        "1.{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(payload).unwrap(), 10)
        )
    )
}

/// Regression: `share encode` made links `share decode` refused (a design over 512 KB, a pattern
/// nesting 123 levels). Encode now refuses what decode refuses, with the same error.
#[test]
fn encode_refuses_what_decode_refuses_with_the_same_message() {
    let check = |d: Design, want: fn(&ShareError) -> bool| {
        let by_encode = encode(&d).unwrap_err();
        let by_decode = decode(&forge(&serde_json::json!({ "d": d }))).unwrap_err();
        assert!(want(&by_encode), "{by_encode}");
        assert_eq!(by_encode.to_string(), by_decode.to_string());
    };
    let mut deep = seed();
    let mut v = serde_json::json!(["x"]);
    for _ in 1..99 {
        v = serde_json::json!({ "detail": v });
    }
    deep.rules[0].event_pattern = v;
    deep.preset = None;
    check(deep.clone(), |e| *e == ShareError::TooDeep);
    // One level less is a legal design, and its link opens.
    deep.rules[0].event_pattern = deep.rules[0].event_pattern["detail"].clone();
    assert_eq!(decode(&encode(&deep).unwrap()).unwrap(), deep);
    let mut large = seed();
    large.preset = None;
    large.rules[0].notification.description = "a".repeat(MAX_PAYLOAD);
    check(large, |e| *e == ShareError::TooLarge);
    // Text that does not compress: the link would be longer than decode reads.
    let mut long = seed();
    long.preset = None;
    let mut x: u32 = 1;
    long.rules[0].notification.description = (0..120_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'!' + ((x >> 16) % 90) as u8)
        })
        .collect();
    check(
        long,
        |e| matches!(e, ShareError::TooLong(n) if *n > MAX_FRAGMENT),
    );
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[\"\\\\${}%`$()<>\n\t ]{0,12}",
        Just(String::new())
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn decode_of_encode_is_identity(title in text(), desc in text(), button in text(), command in text(),
                                    key in "[A-Za-z]{1,8}", value in text(), from_preset in any::<bool>(), drop_action in any::<bool>()) {
        let mut d = seed();
        d.rules[0].notification.title = title;
        d.rules[0].notification.description = desc;
        d.actions[0].button_text = button;
        d.actions[0].command = command;
        d.rules[0].notification.additional_context.insert(key, value);
        if drop_action { d.actions.pop(); }
        if !from_preset { d.preset = None; }
        prop_assert_eq!(decode(&encode(&d).unwrap()).unwrap(), d);
    }

    #[test]
    fn decode_never_panics(s in "\\PC{0,300}") {
        let _ = decode(&s);
        let _ = decode(&format!("1.{s}"));
    }
}

#[test]
fn whole_links_on_any_base_round_trip() {
    use chatops_designer::domain::design::share::{decode, is_review, link};
    let d = chatops_designer::domain::design::presets::preset("blue-green").unwrap();
    for base in [
        "https://tools.example.com/chatops/",
        "https://example.github.io/team/tools/chatops/index.html",
        "http://127.0.0.1:8080/#old-fragment",
    ] {
        let l = link(base, &d, false).unwrap();
        assert!(l.starts_with(base.split('#').next().unwrap()));
        assert_eq!(l.matches('#').count(), 1, "{l}");
        assert_eq!(decode(&l).unwrap(), d);
        let r = link(base, &d, true).unwrap();
        assert!(is_review(&r));
        assert_eq!(decode(&r).unwrap(), d);
    }
    for bad in [
        "tools.example.com",
        "ftp://x/",
        "https://",
        "https:///path",
        "https://a b/",
    ] {
        let e = link(bad, &d, false).unwrap_err();
        assert!(
            e.contains("https://tools.example.com/chatops/"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn loopback_addresses_are_recognised() {
    use chatops_designer::domain::design::share::is_loopback;
    for url in [
        "http://127.0.0.1:8080/",
        "http://localhost/x",
        "http://[::1]:8080/",
        "http://0.0.0.0:8080/",
        "http://app.localhost/",
        "http://127.5.5.5/",
    ] {
        assert!(is_loopback(url), "{url}");
    }
    for url in [
        "https://tools.example.com/chatops/",
        "https://127.example.com/",
        "http://10.0.0.1/",
        "file:///tmp/index.html",
    ] {
        assert!(!is_loopback(url), "{url}");
    }
}

mod events {
    use chatops_designer::domain::design::presets::seed;
    use chatops_designer::domain::design::share::{
        decode, decode_with, encode, encode_with, link_with, LinkEvent, LONG_LINK,
    };
    use serde_json::json;

    const BASE: &str = "https://chatops.example.com/";

    #[test]
    fn a_link_carries_the_chosen_sample() {
        let d = seed();
        let e = LinkEvent::Sample("codedeploy-deployment-failure".into());
        let f = encode_with(&d, Some(&e)).unwrap();
        assert_eq!(decode_with(&f).unwrap(), (d.clone(), Some(e)));
        // The design alone still decodes, and a link without an event has none.
        assert_eq!(decode(&f).unwrap(), d);
        assert_eq!(decode_with(&encode(&d).unwrap()).unwrap().1, None);
        // A sample costs a few characters.
        assert!(f.len() < encode(&d).unwrap().len() + 60, "{}", f.len());
    }

    #[test]
    fn a_custom_event_rides_along_while_the_link_stays_short() {
        let d = seed();
        let event = json!({"source": "aws.codedeploy", "detail": {"state": "FAILURE"}});
        let l = link_with(BASE, &d, false, Some(&LinkEvent::Custom(event.clone()))).unwrap();
        assert_eq!(l.event_left_out, None);
        assert_eq!(
            decode_with(&l.url).unwrap().1,
            Some(LinkEvent::Custom(event))
        );
        // An event that would make the link too long is left out, and said so.
        // Text that does not compress (a linear congruential sequence of letters).
        let mut x: u32 = 1;
        let big: String = (0..6000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(b'a' + ((x >> 16) % 26) as u8)
            })
            .collect();
        let l = link_with(
            BASE,
            &d,
            true,
            Some(&LinkEvent::Custom(json!({ "detail": big }))),
        )
        .unwrap();
        assert!(
            l.event_left_out.is_some_and(|n| n > LONG_LINK),
            "{:?}",
            l.event_left_out
        );
        assert!(l.url.len() < LONG_LINK);
        assert!(l.url.contains("#review:"));
        assert_eq!(decode_with(&l.url).unwrap(), (d, None));
    }

    #[test]
    fn an_event_this_build_cannot_use_is_ignored_not_fatal() {
        let d = seed();
        for e in [
            LinkEvent::Sample("no-such-sample".into()),
            LinkEvent::Custom(json!([1, 2])),
        ] {
            let f = encode_with(&d, Some(&e)).unwrap();
            assert_eq!(decode_with(&f).unwrap(), (d.clone(), None));
        }
    }
}

#[test]
fn a_percent_encoded_link_opens_as_written() {
    let d = seed();
    let fragment = encode(&d).unwrap();
    // What a chat client that escapes the fragment makes of it, whole or in part.
    let escaped: String = fragment.bytes().map(|b| format!("%{b:02X}")).collect();
    assert_eq!(decode(&format!("https://x.example/#{escaped}")).unwrap(), d);
    assert_eq!(decode(&fragment.replacen('.', "%2E", 1)).unwrap(), d);
    let review = format!("review%3A{fragment}");
    assert!(chatops_designer::domain::design::share::is_review(&review));
    assert_eq!(decode(&review).unwrap(), d);
    // A stray % that is no escape is left for the version check to refuse.
    assert!(matches!(
        decode("%zz2.abc"),
        Err(ShareError::UnknownVersion(_))
    ));
}
