//! Regression tests, each named for what it guards.

use crate::util::{check, rules_of};
use pivot_lint::DocKind;

#[test]
fn markdown_link_urls_are_not_analysed() {
    let r = check(
        "I led [Acme's synergy project](https://example.test/synergy-results-driven).",
        DocKind::Bullet,
        None,
    );
    // The link text is prose; the URL is not.
    assert_eq!(rules_of(&r).iter().filter(|r| **r == "Method.Buzzwords").count(), 1);
}

#[test]
fn level_rules_are_silent_without_a_level_and_speak_with_one() {
    let text = "I assisted the VP with roadmap planning and wrote user stories.";
    assert!(!rules_of(&check(text, DocKind::Narrative, None)).contains(&"Method.LevelMismatch"));
    assert!(
        rules_of(&check(text, DocKind::Narrative, Some("director")))
            .contains(&"Method.LevelMismatch")
    );
}

#[test]
fn target_level_is_inferred_from_a_sentence_that_points_at_the_move() {
    let r = check(
        "Senior PM moving into a Director of Product role in fintech.",
        DocKind::Narrative,
        None,
    );
    assert_eq!(r.target.level.as_deref(), Some("director"));
    assert_eq!(r.target.source, "inferred");
}

#[test]
fn findings_are_sorted_by_position_then_rule() {
    let r = check(
        "Results-driven PM. Responsible for synergy. Helped with stuff.",
        DocKind::Bullet,
        None,
    );
    let keys: Vec<(usize, &str)> = r.diagnostics.iter().map(|d| (d.span.start, &*d.rule)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}
