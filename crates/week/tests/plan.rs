//! `plan`: the week's items, their personal details and done ticks, the stuck prompts and
//! why they fire, the week's Monday and the suggested block.

use pivot_week::{Date, DateTime, State, Week, plan};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn datetime(s: &str) -> DateTime {
    s.parse().unwrap()
}

/// A pivoter half-way through: target and intended summary set, one narrative version this
/// week, a finished proof, some checklist items met.
fn midway() -> State {
    State {
        today: date("2026-11-25"), // a Wednesday
        target: Some("Director of Product (product-management), fintech".into()),
        intended: Some("I grow payments products from zero to profitable scale".into()),
        summary_closeness: Some(0.72),
        narratives: 3,
        versions_this_week: 1,
        latest_score: Some(64),
        score_two_weeks_ago: Some(51),
        outcomes_with_metrics: 2,
        proofs_done: 1,
        proofs_active: 1,
        proofs_idea: 2,
        strongest_proof: Some("Fraud-rule simulator: cut false positives 18%".into()),
        gaps: 3,
        top_gap: Some("PCI DSS compliance".into()),
        checklist_met: 3,
        checklist_total: 5,
        done: vec![],
    }
}

/// A pivoter who is stuck: narratives exist but the summary drifted, few outcomes with
/// metrics, the score flat for two weeks, under half of the checklist met.
fn stuck() -> State {
    State {
        today: date("2026-11-23"),
        intended: Some("I turn risk data into products".into()),
        summary_closeness: Some(0.31),
        narratives: 4,
        latest_score: Some(48),
        score_two_weeks_ago: Some(46),
        outcomes_with_metrics: 1,
        gaps: 2,
        top_gap: Some("SQL".into()),
        checklist_met: 2,
        checklist_total: 5,
        ..State::default()
    }
}

/// What a plan is expected to be; `None` fields are not checked.
struct Expect {
    name: &'static str,
    state: State,
    week_start: &'static str,
    block_start: &'static str,
    /// Items done, by id.
    done: &'static [&'static str],
    /// Stuck prompt ids, in order.
    stuck: &'static [&'static str],
    /// `(item or prompt id, fragment)`: the item's detail or the prompt's why contains it.
    contains: &'static [(&'static str, &'static str)],
}

/// The single data-driven check: shape invariants every plan keeps, then the case's specifics.
fn check(e: Expect) {
    let week = plan(&e.state);
    let ids: Vec<&str> = week.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["block", "summary", "peer", "metrics", "proof"], "{}: item order", e.name);
    let links: Vec<&str> = week.items.iter().map(|i| i.link.as_str()).collect();
    assert_eq!(
        links,
        ["/narratives", "/target", "/narratives", "/history", "/proof"],
        "{}: links",
        e.name
    );
    for item in &week.items {
        assert!(
            !item.title.is_empty() && !item.detail.is_empty(),
            "{}: {} has text",
            e.name,
            item.id
        );
    }
    assert_eq!(week.week_start, date(e.week_start), "{}: week_start", e.name);
    assert_eq!(week.block_start, datetime(e.block_start), "{}: block_start", e.name);
    let done: Vec<&str> = week.items.iter().filter(|i| i.done).map(|i| i.id.as_str()).collect();
    assert_eq!(done, e.done, "{}: done", e.name);
    let stuck: Vec<&str> = week.stuck.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(stuck, e.stuck, "{}: stuck prompts", e.name);
    for &(id, fragment) in e.contains {
        let text = text_of(&week, id);
        assert!(
            text.contains(fragment),
            "{}: {id} should contain {fragment:?}, got {text:?}",
            e.name
        );
    }
    assert_eq!(plan(&e.state), week, "{}: deterministic", e.name);
}

fn text_of(week: &Week, id: &str) -> String {
    week.items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.detail.clone())
        .or_else(|| week.stuck.iter().find(|p| p.id == id).map(|p| p.why.clone()))
        .unwrap_or_else(|| panic!("no item or prompt {id}"))
}

#[test]
fn empty_state_plans_a_first_week_without_prompts() {
    check(Expect {
        name: "empty",
        state: State { today: date("2026-11-25"), ..State::default() },
        week_start: "2026-11-23",
        block_start: "2026-11-25T09:00",
        done: &[],
        stuck: &[],
        contains: &[
            ("block", "first narrative draft"),
            ("summary", "None written yet"),
            ("metrics", "No narrative score yet"),
            ("metrics", "one thing at a time"),
            ("proof", "No proof yet"),
        ],
    });
}

#[test]
fn default_state_the_year_zero_does_not_panic() {
    // `State::default()` has today = 0000-01-01 (a Saturday): still a plan.
    let week = plan(&State::default());
    assert_eq!(week.items.len(), 5);
    assert_eq!(week.week_start.weekday(), jiff::civil::Weekday::Monday);
}

#[test]
fn midway_state_is_personal_and_observes_done() {
    check(Expect {
        name: "midway",
        state: midway(),
        week_start: "2026-11-23",
        block_start: "2026-11-25T09:00",
        // block: a version this week; summary: intended set; proof: a finished strongest proof.
        done: &["block", "summary", "proof"],
        stuck: &[],
        contains: &[
            ("block", "2 of the 3"),
            ("summary", "\u{201c}I grow payments products from zero to profitable scale\u{201d}"),
            ("summary", "72% close"),
            ("peer", "what they heard"),
            ("metrics", "64/100, +13 over two weeks (from 51)"),
            ("proof", "Fraud-rule simulator"),
        ],
    });
}

#[test]
fn stuck_state_fires_all_three_prompts_naming_the_metric() {
    check(Expect {
        name: "stuck",
        state: stuck(),
        week_start: "2026-11-23",
        block_start: "2026-11-23T09:00",
        done: &["summary"],
        stuck: &["simplify", "two-outcomes", "mock"],
        contains: &[
            ("simplify", "summary closeness 31%"),
            ("two-outcomes", "outcomes with metrics 1"),
            ("mock", "score 48, +2 in two weeks"),
            ("mock", "proof checklist 2 of 5"),
            ("block", "31% close"),
            ("proof", "top gap \u{201c}SQL\u{201d}"),
            ("metrics", "48/100, +2 over two weeks (from 46)"),
        ],
    });
}

#[test]
fn simplify_fires_when_narratives_exist_without_an_intended_summary() {
    check(Expect {
        name: "no intended",
        state: State { narratives: 2, outcomes_with_metrics: 3, ..midway_without_intended() },
        week_start: "2026-11-23",
        block_start: "2026-11-25T09:00",
        done: &["block", "proof"],
        stuck: &["simplify"],
        contains: &[
            ("simplify", "2 narratives saved but no intended"),
            ("block", "Write the one sentence"),
        ],
    });
}

fn midway_without_intended() -> State {
    State { intended: None, summary_closeness: None, ..midway() }
}

#[test]
fn thresholds_are_strict_at_their_boundaries() {
    // closeness exactly 0.5, two outcomes, a 5-point move and exactly half the checklist: not stuck.
    let at = State {
        summary_closeness: Some(0.5),
        outcomes_with_metrics: 2,
        latest_score: Some(55),
        score_two_weeks_ago: Some(60),
        checklist_met: 2,
        checklist_total: 4,
        ..midway()
    };
    assert!(plan(&at).stuck.is_empty(), "{:?}", plan(&at).stuck);
    // one step over each boundary: all fire.
    let over = State {
        summary_closeness: Some(0.49),
        outcomes_with_metrics: 1,
        latest_score: Some(56),
        score_two_weeks_ago: Some(60),
        checklist_met: 1,
        checklist_total: 4,
        ..midway()
    };
    let ids: Vec<String> = plan(&over).stuck.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["simplify", "two-outcomes", "mock"]);
}

#[test]
fn ticks_mark_items_done_and_unknown_ids_are_ignored() {
    let state = State {
        today: date("2026-11-25"),
        done: vec!["peer".into(), "metrics".into(), "nonsense".into()],
        ..State::default()
    };
    check(Expect {
        name: "ticks",
        state,
        week_start: "2026-11-23",
        block_start: "2026-11-25T09:00",
        done: &["peer", "metrics"],
        stuck: &[],
        contains: &[],
    });
}

#[test]
fn proof_is_not_observed_done_without_a_finished_proof() {
    // Regression guard: a named strongest proof with no finished proof (stale data) is not
    // "saved": the item stays open.
    let state = State { proofs_done: 0, ..midway() };
    assert!(!plan(&state).items[4].done);
    // and blank text counts as absent.
    let state =
        State { strongest_proof: Some("  ".into()), intended: Some(" ".into()), ..midway() };
    let week = plan(&state);
    assert!(!week.items[1].done && !week.items[4].done);
}

#[test]
fn week_start_and_block_across_the_week() {
    // (today, Monday of its week, suggested block start)
    let cases = [
        ("2026-11-23", "2026-11-23", "2026-11-23T09:00"), // Monday: itself
        ("2026-11-27", "2026-11-23", "2026-11-27T09:00"), // Friday
        ("2026-11-28", "2026-11-23", "2026-11-30T09:00"), // Saturday: next Monday
        ("2026-11-29", "2026-11-23", "2026-11-30T09:00"), // Sunday: still this week; next Monday
        ("2026-11-30", "2026-11-30", "2026-11-30T09:00"), // Monday after: a new week
        ("2027-01-01", "2026-12-28", "2027-01-01T09:00"), // across a year
        ("2024-03-03", "2024-02-26", "2024-03-04T09:00"), // Sunday after a leap day
    ];
    for (today, monday, block) in cases {
        let week = plan(&State { today: date(today), ..State::default() });
        assert_eq!(week.week_start, date(monday), "week_start for {today}");
        assert_eq!(week.block_start, datetime(block), "block_start for {today}");
        assert_eq!(pivot_week::week_start(date(today)), date(monday));
        assert_eq!(pivot_week::default_block_start(date(today)), datetime(block));
    }
}

#[test]
fn extreme_values_do_not_panic() {
    let state = State {
        today: Date::MAX,
        summary_closeness: Some(f64::NAN),
        latest_score: Some(i64::MIN),
        score_two_weeks_ago: Some(i64::MAX),
        narratives: usize::MAX,
        checklist_met: usize::MAX,
        checklist_total: usize::MAX,
        ..State::default()
    };
    let week = plan(&state);
    assert_eq!(week.items.len(), 5);
    let week = plan(&State { today: Date::MIN, summary_closeness: Some(-3.0), ..State::default() });
    assert_eq!(week.items.len(), 5);
}

#[test]
fn week_round_trips_through_json() {
    let week = plan(&stuck());
    let json = serde_json::to_string(&week).unwrap();
    assert!(json.contains("\"week_start\":\"2026-11-23\""), "{json}");
    let back: Week = serde_json::from_str(&json).unwrap();
    assert_eq!(back, week);
}

/// Regression (fuzz/regressions/week_ics-proof-count-overflow): adding the active and idea
/// counts overflowed near `usize::MAX`.
#[test]
fn huge_proof_counts_do_not_overflow() {
    let state = State {
        today: date("2026-11-24"),
        proofs_active: usize::MAX,
        proofs_idea: usize::MAX,
        ..State::default()
    };
    let week = pivot_week::plan(&state);
    assert_eq!(week.items.len(), 5);
}
