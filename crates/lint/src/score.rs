//! Signal strength: 0–100 from five named parts, each explained with its evidence.
//!
//! | part | max | what earns it |
//! |---|---|---|
//! | `outcomes` | 25 | outcome statements with a measure (three for a full score; one for a headline) |
//! | `proof` | 15 | proof of work: built, shipped, launched, a proof project or case study |
//! | `leadership` | 20 | half for leadership/ownership statements, half for scope that meets the target level's expectation |
//! | `clarity` | 20 | the scan reaches the summary (6), the scan reaches the target (7), the summary carries target, outcome and proof (7) |
//! | `mistakes` | 20 | 20 minus 5 per error, 2 per warning, 0.5 per suggestion |
//!
//! **Monotone:** only `mistakes` reads the findings, and it only falls as they grow, so fixing a
//! finding without removing proof never lowers the score.

use crate::engine::Finding;
use crate::role::Level;
use crate::rule::{DocKind, Severity};
use crate::scan::{Scan, round3};
use crate::signals::SentenceSignals;
use pivot_text::{Document, ScopeKind, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// A piece of text behind a part.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Where.
    pub span: Span,
    /// The text.
    pub text: String,
}

/// One part of the score.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Points earned.
    pub points: f64,
    /// Points possible.
    pub max: f64,
    /// Why, in a sentence.
    pub explanation: String,
    /// The text behind it.
    pub evidence: Vec<Evidence>,
}

/// The signal-strength score.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// 0–100.
    pub signal: u8,
    /// The parts, by name.
    pub parts: BTreeMap<&'static str, Part>,
}

/// Penalty per finding of each severity, in points of the `mistakes` part.
pub fn penalty(severity: Severity) -> f64 {
    match severity {
        Severity::Error => 5.0,
        Severity::Warning => 2.0,
        Severity::Suggestion => 0.5,
    }
}

fn evidence(doc: &Document, spans: impl IntoIterator<Item = Span>, limit: usize) -> Vec<Evidence> {
    spans
        .into_iter()
        .take(limit)
        .map(|span| Evidence { span, text: pivot_text::collapse_whitespace(doc.text(span)) })
        .collect()
}

fn needed(kind: DocKind) -> (usize, usize, usize) {
    // (outcomes, proof, leadership) statements a full score asks of this kind of text.
    match kind {
        DocKind::Headline => (1, 1, 1),
        DocKind::Bullet => (3, 1, 1),
        _ => (3, 2, 2),
    }
}

fn share(n: usize, of: usize) -> f64 {
    (n.min(of) as f64) / (of.max(1) as f64)
}

/// Computes the score.
pub(crate) fn score(
    doc: &Document,
    kind: DocKind,
    signals: &[SentenceSignals],
    findings: &[Finding],
    scan: &Scan,
    level: Option<&Level>,
) -> Scores {
    let prose: Vec<&SentenceSignals> =
        signals.iter().filter(|s| !s.heading || kind == DocKind::Headline).collect();
    let (need_outcomes, need_proof, need_leadership) = needed(kind);
    let mut parts = BTreeMap::new();

    let outcomes: Vec<Span> =
        prose.iter().filter(|s| s.is_measured_outcome()).map(|s| s.span).collect();
    parts.insert(
        "outcomes",
        Part {
            points: round3(25.0 * share(outcomes.len(), need_outcomes)),
            max: 25.0,
            explanation: format!(
                "{} outcome statement(s) with a measure; {need_outcomes} earn the full part (“Three outcomes with metrics and scope”).",
                outcomes.len()
            ),
            evidence: evidence(doc, outcomes.iter().copied(), 5),
        },
    );

    let proof: Vec<Span> = prose.iter().filter(|s| !s.proof.is_empty()).map(|s| s.span).collect();
    parts.insert(
        "proof",
        Part {
            points: round3(15.0 * share(proof.len(), need_proof)),
            max: 15.0,
            explanation: format!(
                "{} statement(s) of proof work (built, shipped, launched, a proof project); {need_proof} earn the full part (“proof projects that match target tasks”).",
                proof.len()
            ),
            evidence: evidence(doc, proof.iter().copied(), 5),
        },
    );

    let leading: Vec<Span> =
        prose.iter().filter(|s| !s.leadership.is_empty()).map(|s| s.span).collect();
    let (scope_points, scope_why, scope_spans) = scope_part(doc, level);
    parts.insert(
        "leadership",
        Part {
            points: round3(10.0 * share(leading.len(), need_leadership) + scope_points),
            max: 20.0,
            explanation: format!(
                "{} leadership or ownership statement(s) ({need_leadership} for the full half); {scope_why}",
                leading.len()
            ),
            evidence: evidence(doc, leading.iter().copied().chain(scope_spans), 6),
        },
    );

    let summary_reached = scan.summary.as_ref().is_some_and(|s| s.in_scan);
    let target_reached = prose.iter().any(|s| {
        s.target
            .iter()
            .any(|t| scan.reached.iter().any(|r| r.span.start <= t.start && t.start < r.span.end))
    });
    let carries = scan.summary.as_ref().map_or(0, |s| {
        s.carries
            .iter()
            .filter(|c| matches!(**c, "target" | "outcome" | "metric" | "proof"))
            .count()
    });
    let clarity = 6.0 * f64::from(u8::from(summary_reached))
        + 7.0 * f64::from(u8::from(target_reached))
        + 7.0 * share(carries, 3);
    parts.insert(
        "clarity",
        Part {
            points: round3(clarity),
            max: 20.0,
            explanation: format!(
                "Summary reached by the scan: {}; target named within the scan: {}; the summary carries {carries} of target, outcome, metric and proof (3 for the full share).",
                if summary_reached { "yes" } else { "no" },
                if target_reached { "yes" } else { "no" },
            ),
            evidence: evidence(doc, scan.summary.iter().map(|s| s.span), 1),
        },
    );

    let lost: f64 = findings.iter().map(|f| penalty(f.severity)).sum();
    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    parts.insert(
        "mistakes",
        Part {
            points: round3((20.0 - lost).max(0.0)),
            max: 20.0,
            explanation: format!(
                "{} error(s), {} warning(s), {} suggestion(s): 5, 2 and 0.5 points each.",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Suggestion)
            ),
            evidence: Vec::new(),
        },
    );

    let total: f64 = parts.values().map(|p| p.points).sum();
    Scores { signal: total.round().clamp(0.0, 100.0) as u8, parts }
}

/// Half of the leadership part: the largest scope shown against the level's expectation.
fn scope_part(doc: &Document, level: Option<&Level>) -> (f64, String, Vec<Span>) {
    let scoped: Vec<&pivot_text::Quantity> =
        doc.quantities.iter().filter(|q| q.scope.is_some()).collect();
    if scoped.is_empty() {
        return (
            0.0,
            "no scope shown (team size, budget, revenue, users, teams, regions).".into(),
            Vec::new(),
        );
    }
    let spans: Vec<Span> = scoped.iter().map(|q| Span::from(q.span.clone())).collect();
    let Some(level) = level else {
        return (10.0, format!("{} scope figure(s) shown.", scoped.len()), spans);
    };
    let e = &level.def.expect;
    let best = |kind: ScopeKind| {
        scoped
            .iter()
            .filter(|q| q.scope == Some(kind))
            .filter_map(|q| q.value)
            .fold(0.0_f64, f64::max)
    };
    let people = best(ScopeKind::TeamSize);
    let teams = best(ScopeKind::Teams);
    let budget = scoped
        .iter()
        .filter(|q| matches!(q.scope, Some(ScopeKind::Budget | ScopeKind::Revenue)))
        .filter_map(|q| q.value)
        .fold(0.0_f64, f64::max);
    let meets = (e.team_size > 0.0 && people >= e.team_size)
        || (e.teams > 0.0 && teams >= e.teams)
        || (e.budget_usd > 0.0 && budget >= e.budget_usd)
        || (e.team_size == 0.0 && e.teams == 0.0 && e.budget_usd == 0.0);
    let expectation = format!(
        "{} expects {}",
        level.def.name,
        [
            (e.team_size > 0.0).then(|| format!("{}+ people", e.team_size)),
            (e.teams > 0.0).then(|| format!("{}+ teams", e.teams)),
            (e.budget_usd > 0.0).then(|| format!("${}M+ budget or revenue", e.budget_usd / 1e6)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" or ")
    );
    if meets {
        (10.0, format!("scope meets the level: {expectation}."), spans)
    } else {
        (
            5.0,
            format!(
                "scope shown but below the level: {expectation}; largest found: {people} people, {teams} teams."
            ),
            spans,
        )
    }
}
