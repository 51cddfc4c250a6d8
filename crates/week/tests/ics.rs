//! `ics`: RFC 5545 framing (CRLF, 75-octet folding, escaping, BEGIN/END balance) and content
//! (the block event, its alarm, the follow-up to-dos).

use pivot_week::{Date, DateTime, State, Week, escape, ics, plan};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn stamp() -> jiff::Timestamp {
    "2026-11-25T08:30:05Z".parse().unwrap()
}

fn block() -> DateTime {
    "2026-11-25T09:00".parse().unwrap()
}

/// A state whose texts carry everything that needs escaping or careful folding.
fn tricky() -> State {
    State {
        today: date("2026-11-25"),
        target: Some("Head of Product, fintech; payments".into()),
        intended: Some(format!(
            "Je fais croître les paiements — café, crème brûlée, 🚀🚀🚀; a\\b, line one\nline two {}",
            "é".repeat(60)
        )),
        summary_closeness: Some(0.4),
        narratives: 2,
        outcomes_with_metrics: 0,
        top_gap: Some("Risk & compliance, \"KYC\"; 👩🏽‍💻 emoji".into()),
        latest_score: Some(40),
        score_two_weeks_ago: Some(41),
        ..State::default()
    }
}

fn document(state: &State) -> (Week, String) {
    let week = plan(state);
    let doc = ics(&week, block(), stamp(), "ws-7f3a");
    (week, doc)
}

/// Undo RFC 5545 folding: CRLF followed by one space or tab joins the lines.
fn unfold(doc: &str) -> Vec<String> {
    let joined = doc.replace("\r\n ", "").replace("\r\n\t", "");
    let mut lines: Vec<String> = joined.split("\r\n").map(str::to_string).collect();
    assert_eq!(lines.pop().as_deref(), Some(""), "document ends with CRLF");
    lines
}

/// Undo TEXT escaping.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {value:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn property<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':'))).collect()
}

#[test]
fn crlf_everywhere_and_no_bare_line_feed() {
    for state in [State { today: date("2026-11-25"), ..State::default() }, tricky()] {
        let (_, doc) = document(&state);
        assert!(doc.ends_with("\r\n"));
        let bytes = doc.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&b'\r'), "bare LF at byte {i}");
            }
            if b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
            }
        }
    }
}

#[test]
fn every_physical_line_is_at_most_75_octets() {
    let (_, doc) = document(&tricky());
    let mut folded = 0;
    for line in doc.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        folded += usize::from(line.starts_with(' '));
    }
    assert!(folded > 3, "the tricky document folds several lines");
}

#[test]
fn folding_multibyte_text_is_lossless_and_never_splits_a_character() {
    // Regression guard for folding by octets: every fold point must fall on a char boundary
    // (the document is a Rust String, so a split character would not even be valid UTF-8 after
    // unfolding), and unfolding must give back the escaped value exactly.
    let (week, doc) = document(&tricky());
    let lines = unfold(&doc);
    let todo_descriptions = property(&lines, "DESCRIPTION");
    // The peer item quotes the intended summary and is open (not observable), so it has a to-do.
    let peer = &week.items[2];
    let want = format!("{} ({})", peer.detail, peer.link);
    assert!(
        todo_descriptions.iter().any(|d| unescape(d) == want),
        "the peer to-do's description survives folding: {todo_descriptions:?}"
    );
    // Each possible start offset in a line of 3- and 4-byte characters.
    for pad in 0..4 {
        let state = State {
            intended: Some(format!("{}{}", "x".repeat(pad), "€🚀é".repeat(40))),
            ..tricky()
        };
        let (week, doc) = document(&state);
        for line in doc.split("\r\n") {
            assert!(line.len() <= 75);
        }
        let lines = unfold(&doc);
        let want = format!("{} ({})", week.items[2].detail, week.items[2].link);
        assert!(property(&lines, "DESCRIPTION").iter().any(|d| unescape(d) == want), "pad {pad}");
    }
}

#[test]
fn text_escaping_of_comma_semicolon_backslash_and_newlines() {
    let cases = [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("tab\there", "tab\there"),
        ("bell\u{7}", "bell"),
        ("\\n is not a newline", "\\\\n is not a newline"),
        ("café 🚀", "café 🚀"),
    ];
    for (raw, want) in cases {
        assert_eq!(escape(raw), want, "escape({raw:?})");
    }
    // In the document: no unescaped separators inside TEXT values.
    let (_, doc) = document(&tricky());
    let lines = unfold(&doc);
    for d in property(&lines, "DESCRIPTION").into_iter().chain(property(&lines, "SUMMARY")) {
        let mut chars = d.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n')), "{d:?}"),
                ';' | ',' | '\n' | '\r' => panic!("unescaped {c:?} in {d:?}"),
                _ => {}
            }
        }
    }
}

#[test]
fn begin_end_balance_and_component_counts() {
    for state in [State { today: date("2026-11-25"), ..State::default() }, tricky()] {
        let (week, doc) = document(&state);
        let lines = unfold(&doc);
        let mut stack: Vec<&str> = Vec::new();
        for line in &lines {
            if let Some(name) = line.strip_prefix("BEGIN:") {
                stack.push(name);
            } else if let Some(name) = line.strip_prefix("END:") {
                assert_eq!(stack.pop(), Some(name), "END:{name} closes what was opened");
            }
        }
        assert!(stack.is_empty());
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        let open = week.items.iter().filter(|i| !i.done).count();
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VALARM").count(), 1);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VTODO").count(), open);
    }
}

#[test]
fn block_event_content() {
    let (week, doc) = document(&tricky());
    let lines = unfold(&doc);
    for want in [
        "VERSION:2.0",
        "PRODID:-//Pivot//Pivot workbench//EN",
        "CALSCALE:GREGORIAN",
        "UID:block-2026-11-23-ws-7f3a@pivot.local",
        "DTSTAMP:20261125T083005Z",
        "DTSTART:20261125T090000",
        "DTEND:20261125T100000",
        "SUMMARY:Pivot: 60 minutes on your career pivot narrative",
        "ACTION:DISPLAY",
        "TRIGGER:-PT10M",
        "UID:todo-peer-2026-11-23-ws-7f3a@pivot.local",
        "DUE;VALUE=DATE:20261129",
        "STATUS:NEEDS-ACTION",
    ] {
        assert!(lines.iter().any(|l| l == want), "missing {want:?} in\n{doc}");
    }
    let event_description = unescape(property(&lines, "DESCRIPTION")[0]);
    for item in week.items.iter().filter(|i| !i.done) {
        assert!(event_description.contains(&item.title), "{} listed", item.id);
    }
    for prompt in &week.stuck {
        assert!(event_description.contains(&prompt.text), "{} listed", prompt.id);
        assert!(event_description.contains(&prompt.why), "{} why listed", prompt.id);
    }
}

#[test]
fn done_items_get_no_todo_and_are_not_listed() {
    let state = State { done: vec!["peer".into(), "metrics".into()], ..tricky() };
    let (week, doc) = document(&state);
    let lines = unfold(&doc);
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("UID:todo-peer-") || l.starts_with("UID:todo-metrics-"))
    );
    let event_description = unescape(property(&lines, "DESCRIPTION")[0]);
    assert!(!event_description.contains(&week.items[2].title));
    // All done: the event still exists and says so.
    let all = State {
        done: ["block", "summary", "peer", "metrics", "proof"].map(String::from).to_vec(),
        ..State { today: date("2026-11-25"), ..State::default() }
    };
    let (_, doc) = document(&all);
    assert!(doc.contains("DESCRIPTION:This week's items are done."));
    assert!(!doc.contains("BEGIN:VTODO"));
}

#[test]
fn uids_are_stable_per_week_and_salt_and_output_is_deterministic() {
    let (week, a) = document(&tricky());
    assert_eq!(a, ics(&week, block(), stamp(), "ws-7f3a"));
    let other_salt = ics(&week, block(), stamp(), "ws-other");
    assert!(other_salt.contains("UID:block-2026-11-23-ws-other@pivot.local"));
    // Another day of the same week: same UID (the calendar updates the event, not duplicates it).
    let thursday = plan(&State { today: date("2026-11-26"), ..tricky() });
    let b = ics(&thursday, thursday.block_start, stamp(), "ws-7f3a");
    assert!(b.contains("UID:block-2026-11-23-ws-7f3a@pivot.local"));
    assert!(b.contains("DTSTART:20261126T090000"));
}

#[test]
fn salt_with_separators_is_escaped_in_the_uid() {
    let (week, _) = document(&tricky());
    let doc = ics(&week, block(), stamp(), "a,b;c");
    assert!(unfold(&doc).iter().any(|l| l == "UID:block-2026-11-23-a\\,b\\;c@pivot.local"));
}

#[test]
fn uids_are_unique_within_a_document() {
    // Regression guard: the `block` to-do once reused the block event's UID
    // (`block-<week>-<salt>`), which calendars treat as the same object.
    let (_, doc) = document(&tricky());
    let lines = unfold(&doc);
    let uids = property(&lines, "UID");
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "{uids:?}");
    assert!(uids.contains(&"todo-block-2026-11-23-ws-7f3a@pivot.local"), "{uids:?}");
}
