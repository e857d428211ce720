//! Replaying logs of events: the three layouts, malformed events counted and located, the summary,
//! and the projected reading agreeing with the whole event on every preset.

use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::samples::SAMPLES;
use chatops_designer::domain::pipeline::replay::{replay, Layout, Reader};
use chatops_designer::domain::pipeline::simulate::{
    batch_compiled, compile, outcome, outcome_within_limit, SimulateOptions,
};
use serde_json::{json, Value};

fn samples() -> Vec<Value> {
    SAMPLES
        .iter()
        .map(|s| serde_json::from_str(s.json).unwrap())
        .collect()
}

fn lines(events: &[Value]) -> String {
    events
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_lines_count_every_outcome_and_locate_malformed_lines() {
    let design = preset("blue-green").unwrap();
    let c = compile(&design);
    let mut text = lines(&samples());
    text.push_str("\n\n{\"source\": \"aws.codedeploy\", \n[1, 2]\r\nnot json\n");
    let (layout, s) = replay(&c, &text).unwrap();
    assert_eq!(layout, Layout::JsonLines);
    assert_eq!(s.read, SAMPLES.len() + 3);
    assert_eq!(s.malformed, 3);
    let places: Vec<&str> = s.malformed_first.iter().map(|m| m.place.as_str()).collect();
    let n = SAMPLES.len();
    assert_eq!(
        places,
        [
            format!("line {}", n + 2),
            format!("line {}", n + 3),
            format!("line {}", n + 4)
        ]
    );
    assert!(
        s.malformed_first[0].reason.contains("not valid JSON"),
        "{:?}",
        s.malformed_first
    );
    assert!(s.malformed_first[1].reason.contains("not a JSON object"));
    // The summary agrees with the batch table over the same samples.
    let rows = batch_compiled(&c, &SAMPLES.iter().collect::<Vec<_>>());
    assert_eq!(s.matched, rows.iter().filter(|r| r.matched).count());
    assert_eq!(s.delivered, rows.iter().filter(|r| r.delivered).count());
    for (text, count) in &s.buttons {
        let want = rows.iter().filter(|r| r.buttons.contains(text)).count();
        assert_eq!(*count, want, "{text}");
    }
    let titles: usize = s.titles.items.iter().map(|t| t.1).sum();
    assert_eq!(titles, s.delivered);
}

#[test]
fn arrays_log_events_and_single_events_are_read() {
    let design = preset("blue-green").unwrap();
    let c = compile(&design);
    let events = samples();
    let (_, from_lines) = replay(&c, &lines(&events)).unwrap();

    let array = serde_json::to_string_pretty(&events).unwrap();
    let (layout, s) = replay(&c, &array).unwrap();
    assert_eq!(layout, Layout::Array);
    assert_eq!(s, from_lines);

    // What `aws logs filter-log-events` prints: each message is an event's JSON text.
    let mut log = json!({"events": events.iter().enumerate().map(|(i, e)| json!({
        "logStreamName": "s", "timestamp": 1_700_000_000_000u64 + i as u64,
        "message": e.to_string(), "ingestionTime": 1, "eventId": i.to_string()
    })).collect::<Vec<_>>(), "searchedLogStreams": []});
    let text = serde_json::to_string_pretty(&log).unwrap();
    let (layout, s) = replay(&c, &text).unwrap();
    assert_eq!(layout, Layout::LogEvents);
    assert_eq!(s, from_lines);
    // A message that is not an event, and a log event without one, are located.
    log["events"][1]["message"] = json!("START RequestId: 1");
    log["events"][2].as_object_mut().unwrap().remove("message");
    let (_, s) = replay(&c, &serde_json::to_string(&log).unwrap()).unwrap();
    assert_eq!(s.malformed, 2);
    assert_eq!(s.malformed_first[0].place, "events[1] (line 1)");
    assert!(s.malformed_first[1].reason.contains("no `message`"));

    // One pretty-printed event file.
    let (layout, s) = replay(&c, SAMPLES[0].json).unwrap();
    assert_eq!((layout, s.read, s.malformed), (Layout::JsonLines, 1, 0));

    // A truncated array: what was read counts, the missing end is one malformed entry.
    let cut = &array[..array.len() / 2];
    let (_, s) = replay(&c, cut).unwrap();
    assert!(s.malformed >= 1 && s.read >= 2, "{s:?}");
}

#[test]
fn text_that_holds_no_events_says_what_is_expected() {
    let c = compile(&preset("blue-green").unwrap());
    for text in ["", "  \n", "hello", "42"] {
        let e = replay(&c, text).unwrap_err().to_string();
        assert!(
            e.contains("JSON Lines") && e.contains("filter-log-events"),
            "{e}"
        );
    }
}

/// Events a log may hold, beyond the samples: fields of other types, keys written twice or
/// escaped, arrays where objects are expected, a rule-ARN template.
fn hostile() -> Vec<String> {
    let mut out: Vec<String> = samples().iter().map(|e| e.to_string()).collect();
    let ready = &SAMPLES[1].json;
    out.push(ready.replace("\"detail\": {", "\"detail\": 5, \"x\": {"));
    out.push(ready.replace("\"state\": \"READY\"", "\"state\": [\"READY\", 7]"));
    out.push(ready.replace(
        "\"source\": \"aws.codedeploy\"",
        "\"sou\\u0072ce\": \"aws.codedeploy\"",
    ));
    out.push(ready.replace(
        "\"state\": \"READY\"",
        "\"state\": \"READY\", \"state\": \"FAILURE\"",
    ));
    let base: Value = serde_json::from_str(ready).unwrap();
    let mut with = |f: &dyn Fn(&mut Value)| {
        let mut e = base.clone();
        f(&mut e);
        out.push(e.to_string());
    };
    with(&|e| {
        let d = e["detail"].clone();
        e["detail"] = json!([{"state": "READY"}, d]);
    });
    with(&|e| e["region"] = Value::Null);
    with(&|e| e["detail"]["deploymentId"] = json!({"a": [1, {"b": "\""}]}));
    with(&|e| e["detail"]["deploymentGroup"] = json!(["x", "my-service-dg-bluegreen"]));
    with(&|e| {
        e.as_object_mut().unwrap().remove("detail");
    });
    out.push(ready.replace(
        "\"deploymentId\": \"d-7QX2K9LMN\"",
        "\"deploymentId\": 1e400",
    ));
    // Values the pattern needs, written with escapes (so no plain search finds them), or only in
    // another field.
    for (from, to) in [
        ("\"state\": \"READY\"", "\"state\": \"RE\\u0041DY\""),
        (
            "\"source\": \"aws.codedeploy\"",
            "\"source\": \"aws.codedeploy\", \"x\": \"\\/\"",
        ),
        (
            "\"state\": \"READY\"",
            "\"state\": \"START\", \"READY\": \"READY\"",
        ),
        ("\"state\": \"READY\"", "\"state\": \"START\""),
        (
            "\"state\": \"READY\"",
            "\"state\": \"START\", \"x\": \"\\u0001\"",
        ),
    ] {
        out.push(ready.replace(from, to));
    }
    // One line each (a pretty-printed event's line breaks are whitespace), as in a log.
    out.into_iter().map(|e| e.replace('\n', " ")).collect()
}

#[test]
fn reading_only_what_the_design_reads_changes_no_outcome() {
    let mut designs: Vec<Design> = PRESETS.iter().filter_map(|p| preset(p.id)).collect();
    // Reserved variables read the region, account and time, or the whole event.
    let mut d = preset("blue-green").unwrap();
    d.rules[0].notification.description =
        "<aws.events.rule-arn> at <aws.events.event.ingestion-time>".into();
    designs.push(d);
    let mut d = preset("blue-green").unwrap();
    d.rules[0].input_template_override = Some("{\"version\": \"1.0\", \"source\": \"custom\", \"content\": {\"description\": \"x\"}, \"e\": <aws.events.event>}".into());
    designs.push(d);
    let mut d = preset("blue-green").unwrap();
    d.rules[0]
        .input_paths
        .insert("all".into(), "$.resources[*]".into());
    d.rules[0].event_pattern =
        json!({"$or": [{"detail": {"state": ["READY"]}}, {"region": [{"exists": false}]}]});
    designs.push(d);
    let opts = SimulateOptions::default();
    for design in &designs {
        let c = compile(design);
        let p = c.reads();
        for text in hostile() {
            let whole: Value = serde_json::from_str(&text).unwrap();
            let projected = p.parse(&text).expect("an object is read");
            assert_eq!(
                outcome(&c, 0, &whole, &opts),
                outcome_within_limit(&c, 0, &projected, &opts),
                "{text}"
            );
        }
        // Through the reader, with its size check and fallbacks, the same.
        let all = hostile().join("\n");
        let whole: Vec<_> = Reader::new(&all)
            .unwrap()
            .map(|i| i.event.map(|e| outcome(&c, 0, &e, &opts)))
            .collect();
        let mut tally = chatops_designer::domain::pipeline::replay::Tally::new(&c, opts.clone());
        let projected: Vec<_> = Reader::new(&all)
            .unwrap()
            .reading(c.reads())
            .map(|i| {
                tally
                    .add(&c, &i)
                    .and_then(|o| o.into_iter().next())
                    .ok_or(())
            })
            .collect();
        assert_eq!(whole.len(), projected.len());
        assert!(
            whole.iter().all(Result::is_ok),
            "every hostile event is one valid line"
        );
        for (w, p) in whole.iter().zip(&projected) {
            assert_eq!(w.as_ref().ok(), p.as_ref().ok());
        }
    }
}

#[test]
fn events_that_lack_a_needed_value_are_skipped_but_still_checked_as_json() {
    use chatops_designer::domain::pipeline::replay::Read;
    let c = compile(&preset("blue-green").unwrap());
    let start = SAMPLES
        .iter()
        .find(|s| s.id.contains("deployment-start"))
        .unwrap();
    let start: Value = serde_json::from_str(start.json).unwrap();
    let line = start.to_string();
    let broken = format!("{}, ", &line[..line.len() - 1]);
    let text = format!("{line}\n{broken}\n{}", line.replace("START", "RE\\u0041DY"));
    let items: Vec<_> = Reader::new(&text).unwrap().reading(c.reads()).collect();
    assert_eq!(
        items[0].read,
        Read::Skipped,
        "START cannot match a READY rule"
    );
    assert!(
        items[1].event.is_err(),
        "a malformed line is reported, not skipped"
    );
    assert_eq!(items[2].read, Read::Projected, "an escaped value is read");
}

#[test]
fn the_summary_bounds_what_it_keeps() {
    let design = preset("blue-green").unwrap();
    let c = compile(&design);
    let ready: Value = serde_json::from_str(SAMPLES[1].json).unwrap();
    let mut text = String::new();
    for i in 0..1500 {
        text.push_str("garbage\n");
        let mut e = ready.clone();
        e["detail"]["deploymentId"] = json!(format!("d-{i}"));
        text.push_str(&e.to_string());
        text.push('\n');
    }
    let mut d = design.clone();
    d.rules[0].notification.title = "Ready <deploymentId>".into();
    let c2 = compile(&d);
    let (_, s) = replay(&c2, &text).unwrap();
    assert_eq!(s.malformed, 1500);
    assert_eq!(s.malformed_first.len(), 20);
    assert_eq!(s.delivered, 1500);
    assert_eq!(s.titles.items.len(), 1000);
    assert_eq!(s.titles.others, 500);
    let (_, s) = replay(&c, &text).unwrap();
    assert_eq!(s.titles.items.len(), 1);
}

#[test]
fn a_chosen_event_is_read_again_whole_even_after_a_byte_order_mark() {
    use chatops_designer::domain::pipeline::replay::event_at;
    let events = samples();
    let text = format!("\u{feff}{}", lines(&events));
    let c = compile(&preset("blue-green").unwrap());
    let reader = Reader::new(&text).unwrap().reading(c.reads());
    let layout = reader.layout();
    for (item, want) in reader.zip(&events) {
        assert_eq!(&event_at(&text, layout, item.span).unwrap(), want);
    }
}

#[test]
fn buttons_with_the_same_text_are_counted_apart() {
    let mut d = preset("blue-green").unwrap();
    let mut twin = d.actions[0].clone();
    twin.name = "SwitchTasksAgain".into();
    d.actions.push(twin);
    let c = compile(&d);
    let (_, s) = replay(&c, &lines(&samples())).unwrap();
    let text = &d.actions[0].button_text;
    let counts: Vec<usize> = s
        .buttons
        .iter()
        .filter(|(t, _)| t == text)
        .map(|b| b.1)
        .collect();
    assert!(s.delivered > 0);
    assert_eq!(counts, [s.delivered, s.delivered], "{:?}", s.buttons);
}

#[test]
fn an_event_text_no_event_could_fill_is_counted_not_parsed() {
    use chatops_designer::domain::pipeline::replay::MAX_EVENT_TEXT;
    let c = compile(&preset("blue-green").unwrap());
    // A single line of 5 MB: one malformed event with its size, between two that are read.
    let big = format!("{{\"detail\": \"{}\"}}", "x".repeat(5 << 20));
    assert!(big.len() > MAX_EVENT_TEXT);
    let s0 = lines(&samples()[..1]);
    let text = format!("{s0}\n{big}\n{s0}\n");
    let (_, s) = replay(&c, &text).unwrap();
    assert_eq!((s.read, s.malformed), (3, 1));
    assert_eq!(s.malformed_first[0].place, "line 2");
    assert!(
        s.malformed_first[0]
            .reason
            .contains("EventBridge accepts events of at most 256 KB"),
        "{}",
        s.malformed_first[0].reason
    );
    // An event a little over EventBridge's limit is still read, and said too large.
    let over = json!({"source": "aws.codedeploy", "detail": {"pad": "x".repeat(300 << 10)}});
    let (_, s) = replay(&c, &over.to_string()).unwrap();
    assert_eq!((s.read, s.malformed), (1, 0));
}
