//! Positive signals per sentence: target, outcomes, metrics, scope, proof, leadership, call to
//! action. The scan, the scores and the checklist all read these, so they agree.

use crate::matcher::{MatchCtx, Matcher, is_metric};
use crate::style::RuleSet;
use pivot_text::{BlockKind, Span};
use serde::Serialize;

/// The matchers behind the signals, compiled once per analyzer from the style's classes.
#[derive(Debug, Clone)]
pub(crate) struct SignalMatchers {
    target: Matcher,
    level_title: Matcher,
    cue: Matcher,
    outcome: Matcher,
    proof: Matcher,
    leadership: Matcher,
    cta: Matcher,
    audience: Matcher,
}

impl SignalMatchers {
    pub(crate) fn new(rules: &RuleSet, registry: &mut crate::phrase::PhraseRegistry) -> Self {
        SignalMatchers {
            target: rules.matcher(&["role.titles", "level.titles"], registry),
            level_title: rules.matcher(&["role.level_titles"], registry),
            cue: rules.matcher(&["target_cue"], registry),
            outcome: rules.matcher(&["outcome_verb", "result_phrase"], registry),
            proof: rules.matcher(&["proof"], registry),
            leadership: rules.matcher(&["leadership", "level.leadership"], registry),
            cta: rules.matcher(&["cta"], registry),
            audience: rules.matcher(&["audience"], registry),
        }
    }
}

impl SignalMatchers {
    /// Spans of target cues ("moving into", "my next role").
    pub(crate) fn cue_spans(&self, ctx: MatchCtx<'_>) -> Vec<Span> {
        self.cue.find_all(ctx)
    }
}

/// What one sentence carries.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SentenceSignals {
    /// The sentence.
    pub span: Span,
    /// Index of its block.
    pub block: usize,
    /// Whether its block is a heading.
    pub heading: bool,
    /// Role or level titles named.
    pub target: Vec<Span>,
    /// Titles of a rung of the ladder ("Director of Product"), not the family ("PMs").
    pub level_title: Vec<Span>,
    /// Phrases that point at a target ("moving into", "my next role").
    pub cue: Vec<Span>,
    /// Outcome verbs and result phrases.
    pub outcome: Vec<Span>,
    /// Measured results (percentages, money, multipliers, before→after, scoped counts).
    pub metrics: Vec<Span>,
    /// Measured changes: percentages, money, multipliers, before → after.
    pub results: Vec<Span>,
    /// Quantities that describe scope (team size, budget, revenue, users, teams, regions).
    pub scope: Vec<Span>,
    /// Proof of work (built, shipped, launched, a case study, a proof project).
    pub proof: Vec<Span>,
    /// Leadership or ownership.
    pub leadership: Vec<Span>,
    /// A call to action.
    pub cta: Vec<Span>,
    /// Audiences a decision reached (engineering, design, go-to-market).
    pub audience: Vec<Span>,
}

impl SentenceSignals {
    /// An outcome statement with a measure: what the checklist counts.
    pub fn is_measured_outcome(&self) -> bool {
        !self.metrics.is_empty()
            && (!self.outcome.is_empty() || !self.leadership.is_empty() || !self.proof.is_empty())
    }
}

/// Signals of every sentence, in order.
pub(crate) fn collect(m: &SignalMatchers, ctx: MatchCtx<'_>) -> Vec<SentenceSignals> {
    let doc = ctx.doc;
    let find = |matcher: &Matcher| matcher.find_all(ctx);
    let level_title = find(&m.level_title);
    let (target, cue, outcome, proof, leadership, cta, audience) = (
        find(&m.target),
        find(&m.cue),
        find(&m.outcome),
        find(&m.proof),
        find(&m.leadership),
        find(&m.cta),
        find(&m.audience),
    );
    let within = |all: &[Span], s: Span| -> Vec<Span> {
        let start = all.partition_point(|m| m.start < s.start);
        all[start..]
            .iter()
            .take_while(|m| m.start < s.end)
            .filter(|m| s.contains(**m))
            .copied()
            .collect()
    };
    doc.sentences
        .iter()
        .map(|s| {
            let quantities: Vec<&pivot_text::Quantity> = doc.quantities_in(s.span).collect();
            SentenceSignals {
                span: s.span,
                block: s.block,
                heading: doc.blocks[s.block].kind == BlockKind::Heading,
                target: within(&target, s.span),
                level_title: within(&level_title, s.span),
                cue: within(&cue, s.span),
                outcome: within(&outcome, s.span),
                metrics: quantities
                    .iter()
                    .filter(|q| is_metric(q))
                    .map(|q| Span::from(q.span.clone()))
                    .collect(),
                results: quantities
                    .iter()
                    .filter(|q| {
                        use pivot_text::QuantityKind as K;
                        matches!(q.kind, K::Percent | K::Money | K::Multiplier | K::BeforeAfter)
                    })
                    .map(|q| Span::from(q.span.clone()))
                    .collect(),
                scope: quantities
                    .iter()
                    .filter(|q| q.scope.is_some())
                    .map(|q| Span::from(q.span.clone()))
                    .collect(),
                proof: within(&proof, s.span),
                leadership: within(&leadership, s.span),
                cta: within(&cta, s.span),
                audience: within(&audience, s.span),
            }
        })
        .collect()
}
