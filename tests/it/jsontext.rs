//! JSON syntax errors in words a person can act on, located where the problem starts.

use chatops_designer::domain::base::jsontext::parse;
use proptest::prelude::*;

fn err(text: &str) -> (usize, usize, String) {
    let e = parse(text).expect_err("the text is not JSON");
    (e.line, e.column, e.reason)
}

#[test]
fn an_unclosed_string_is_located_where_it_starts() {
    // The closing quote of line 7's value is missing: the parser notices at the line break.
    let text = "{\n  \"version\": \"0\",\n  \"id\": \"x\",\n  \"source\": \"aws.codedeploy\",\n  \"account\": \"1\",\n  \"region\": \"us-east-1\",\n  \"detail-type\": \"CodeDeploy,\n  \"detail\": {}\n}";
    let (line, column, reason) = err(text);
    assert_eq!((line, column), (7, 18));
    assert!(
        reason.starts_with("the string that starts on line 7 is not closed"),
        "{reason}"
    );
    // At the end of the text.
    let (line, _, reason) = err("{\"a\": \"b");
    assert_eq!(line, 1);
    assert!(
        reason.contains("string that starts on line 1 is not closed"),
        "{reason}"
    );
}

#[test]
fn an_unclosed_bracket_is_located_where_it_opens() {
    let (line, column, reason) = err("{\n \"a\": [1, 2,\n 3\n");
    assert_eq!((line, column), (2, 7));
    assert!(
        reason.contains("array that opens on line 2 is not closed (a ] is missing)"),
        "{reason}"
    );
    let (line, column, reason) = err("{\n \"a\": {\"b\": 1}\n");
    assert_eq!((line, column), (1, 1));
    assert!(reason.contains("object that opens on line 1"), "{reason}");
}

#[test]
fn common_mistakes_get_plain_reasons() {
    for (text, words) in [
        ("{\"a\": 1,}", "no comma after the last item"),
        ("{a: 1}", "a key must be text in double quotes"),
        ("{\"a\" 1}", "followed by a colon"),
        ("{\"a\": 1 \"b\": 2}", "is a comma missing"),
        ("[1 2]", "is a comma missing"),
        ("{} x", "more text after the end"),
        ("{\"a\": }", "a value is expected here"),
        ("{\"a\": tru}", "a value is expected here"),
        ("", "the text is empty"),
        ("{\"a\": \"x\ty\"}", "must be written as an escape"),
    ] {
        let (_, _, reason) = err(text);
        assert!(reason.contains(words), "{text:?}: {reason}");
        assert!(!reason.contains("EOF"), "{text:?}: {reason}");
    }
    // Nesting past what the parser reads names the limits, not the parser's recursion.
    for deep in [
        "[".repeat(300) + &"]".repeat(300),
        "{\"a\":".repeat(200) + "1" + &"}".repeat(200),
    ] {
        let (_, _, reason) = err(&deep);
        assert!(reason.contains("nests more than 128 levels"), "{reason}");
        assert!(
            reason.contains("a design file nests at most 100 levels")
                && !reason.contains("recursion"),
            "{reason}"
        );
    }
}

#[test]
fn valid_text_parses() {
    assert_eq!(parse("{\"a\": [1, \"\\\"}\"]}").unwrap()["a"][1], "\"}");
}

proptest! {
    /// Any text: parsing never panics, and a failure names a place inside the text.
    #[test]
    fn failures_are_located_inside_the_text(text in "[{}\\[\\]\":,a1 \\n\\\\\\t]{0,40}") {
        if let Err(e) = parse(&text) {
            let lines = text.split('\n').count();
            prop_assert!(e.line >= 1 && e.line <= lines, "{:?} {:?}", text, e);
            prop_assert!(!e.reason.is_empty());
        }
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    // `x` is the 7th character of its line and its 8th byte.
    let (line, column, _) = err("{\"é\": x}");
    assert_eq!((line, column), (1, 7));
    let (line, column, _) = err("[\n  \"🚀\", x\n]");
    assert_eq!((line, column), (2, 8));
    // The design file names the same place.
    let e = chatops_designer::domain::design::model::Design::from_json(
        "{\"formatVersion\": 1, \"é\": x}",
    )
    .unwrap_err();
    assert_eq!(e.position(), Some((1, 27)));
}

#[test]
fn a_byte_order_mark_is_skipped_and_counted_where_editors_show_it() {
    use chatops_designer::domain::base::highlight::{json_editor, TokenKind};
    use chatops_designer::domain::design::model::Design;
    use chatops_designer::domain::eventbridge::pattern::parse_pattern_text;
    const BOM: &str = "\u{feff}";
    // Accepted: the mark is not part of the JSON.
    assert!(parse(&format!("{BOM}{{\"a\": 1}}")).is_ok());
    assert!(
        parse_pattern_text(&format!("{BOM}{{\"source\": [\"aws.codedeploy\"]}}"))
            .0
            .is_some()
    );
    // Every error on the first line points at the same character with or without the mark: its
    // column counts the mark, as the text in the editor holds it.
    let marked = |text: &str, at: (usize, usize)| -> String {
        json_editor(text, Some(at))
            .into_iter()
            .filter(|t| t.kind == TokenKind::Mark)
            .map(|t| t.text)
            .collect()
    };
    let deep = format!(
        "{{\"formatVersion\": 1, \"name\": {}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    const DEEP: &str = "deep";
    type Place = fn(&str) -> Option<(usize, usize)>;
    let cases: &[(&str, Place)] = &[
        ("{\"a\": x}", |t| parse(t).err().map(|e| (e.line, e.column))),
        ("{\"source\": x}", |t| {
            parse_pattern_text(t)
                .1
                .first()
                .and_then(|d| d.line.zip(d.column))
        }),
        ("{\"formatVersion\": 1, \"é\": x}", |t| {
            Design::from_json(t).err().and_then(|e| e.position())
        }),
        // A key written twice, a field of the wrong type, and nesting too deep.
        (
            "{\"formatVersion\": 1, \"name\": \"a\", \"name\": \"b\"}",
            |t| Design::from_json(t).err().and_then(|e| e.position()),
        ),
        ("{\"formatVersion\": 1, \"name\": 7}", |t| {
            Design::from_json(t).err().and_then(|e| e.position())
        }),
        (DEEP, |t| {
            Design::from_json(t).err().and_then(|e| e.position())
        }),
    ];
    for (text, place) in cases {
        let text = if *text == DEEP { deep.as_str() } else { text };
        let plain = place(text).unwrap_or_else(|| panic!("no error for {text}"));
        let with_bom = format!("{BOM}{text}");
        let shifted = place(&with_bom).unwrap_or_else(|| panic!("no error for BOM + {text}"));
        assert_eq!(shifted, (plain.0, plain.1 + 1), "{text}");
        assert!(!marked(text, plain).is_empty(), "{text}");
        assert_eq!(marked(&with_bom, shifted), marked(text, plain), "{text}");
    }
    // Below the first line nothing moves.
    let text = "{\n  \"a\": x\n}";
    let e = parse(&format!("{BOM}{text}")).unwrap_err();
    assert_eq!((e.line, e.column), (2, 8));
}
