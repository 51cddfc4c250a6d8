//! Runs a rule's inline examples: `bad` must give a finding of the rule, `good` none, and
//! fixing never lowers the score. Used by the generated per-rule tests and by `pivot rules
//! test` for users' own styles.

use crate::{Analyzer, CheckOptions, DocKind, Format, Rule};

/// What went wrong with one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule: String,
    /// Which example (0-based).
    pub index: usize,
    /// What happened.
    pub problem: String,
}

/// Checks every example of `rule` with `analyzer`.
pub fn run_examples(analyzer: &Analyzer, rule: &Rule) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (index, ex) in rule.def.examples.iter().enumerate() {
        let kind =
            ex.kind.or_else(|| rule.def.applies_to.first().copied()).unwrap_or(DocKind::Narrative);
        let target = match analyzer.target(ex.role.as_deref(), ex.level.as_deref()) {
            Ok(t) => Some(t),
            Err(e) => {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    index,
                    problem: e.to_string(),
                });
                continue;
            }
        };
        let opts = CheckOptions { kind, format: Format::Markdown, target, intended: None };
        let hits = |text: &str| {
            let report = analyzer.check(text, &opts);
            let n = report.diagnostics.iter().filter(|d| *d.rule == *rule.id).count();
            (n, report)
        };
        let mut scores = (None, None);
        if let Some(bad) = &ex.bad {
            let (n, report) = hits(bad);
            if n == 0 {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    index,
                    problem: format!("bad example not flagged (as {}): {bad:?}", kind.as_str()),
                });
            }
            scores.0 = Some(report.scores.signal);
        }
        if let Some(good) = &ex.good {
            let (n, report) = hits(good);
            if n > 0 {
                let msgs: Vec<String> = report
                    .diagnostics
                    .iter()
                    .filter(|d| *d.rule == *rule.id)
                    .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
                    .collect();
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    index,
                    problem: format!(
                        "good example flagged (as {}): {good:?}: {msgs:?}",
                        kind.as_str()
                    ),
                });
            }
            scores.1 = Some(report.scores.signal);
        }
        if let (Some(bad), Some(good)) = scores
            && good < bad
        {
            failures.push(ExampleFailure {
                rule: rule.id.clone(),
                index,
                problem: format!("fixing lowered the score: bad {bad}, good {good}"),
            });
        }
    }
    failures
}

/// Panics with every failure of the built-in rule `id`.
pub fn check_rule_examples(id: &str) {
    let analyzer = Analyzer::builtin();
    let rule = analyzer.rules().get(id).unwrap_or_else(|| panic!("no rule {id}"));
    let failures = run_examples(&analyzer, rule);
    assert!(
        failures.is_empty(),
        "{id}:\n{}",
        failures
            .iter()
            .map(|f| format!("  example {}: {}", f.index, f.problem))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[cfg(test)]
mod rule_examples {
    include!(concat!(env!("OUT_DIR"), "/rule_example_tests.rs"));
}
