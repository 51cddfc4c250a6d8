//! Positive signals per sentence: target, outcomes, metrics, scope, proof, leadership, call to
//! action. The scan, the scores and the checklist all read these, so they agree.

use crate::matcher::{MatchCtx, Matcher, is_metric};
use crate::style::RuleSet;
use pivot_text::{BlockKind, Quantity, Span};
use serde::Serialize;
use std::borrow::Cow;

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

/// What one sentence carries. It borrows the document's match lists and quantities (a run of
/// each is the sentence's; a list of its own only when a match crosses the sentence's end), so
/// collecting a sentence's signals allocates nothing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SentenceSignals<'a> {
    /// The sentence.
    pub span: Span,
    /// Index of its block.
    pub block: usize,
    /// Whether its block is a heading.
    pub heading: bool,
    /// Role or level titles named.
    pub target: Cow<'a, [Span]>,
    /// Titles of a rung of the ladder ("Director of Product"), not the family ("PMs").
    pub level_title: Cow<'a, [Span]>,
    /// Phrases that point at a target ("moving into", "my next role").
    pub cue: Cow<'a, [Span]>,
    /// Outcome verbs and result phrases.
    pub outcome: Cow<'a, [Span]>,
    /// The quantities the sentence holds: see [`SentenceSignals::metrics`] and
    /// [`SentenceSignals::scope`].
    pub quantities: &'a [Quantity],
    /// Proof of work (built, shipped, launched, a case study, a proof project).
    pub proof: Cow<'a, [Span]>,
    /// Leadership or ownership.
    pub leadership: Cow<'a, [Span]>,
    /// A call to action.
    pub cta: Cow<'a, [Span]>,
    /// Audiences a decision reached (engineering, design, go-to-market).
    pub audience: Cow<'a, [Span]>,
}

impl SentenceSignals<'_> {
    /// Measured results: percentages, money, multipliers, before → after, scoped counts.
    pub fn metrics(&self) -> impl Iterator<Item = Span> {
        self.quantities.iter().filter(|q| is_metric(q)).map(|q| Span::from(q.span.clone()))
    }

    /// Quantities that describe scope (team size, budget, revenue, users, teams, regions).
    pub fn scope(&self) -> impl Iterator<Item = Span> {
        self.quantities.iter().filter(|q| q.scope.is_some()).map(|q| Span::from(q.span.clone()))
    }

    /// An outcome statement with a measure: what the checklist counts.
    pub fn is_measured_outcome(&self) -> bool {
        self.metrics().next().is_some()
            && (!self.outcome.is_empty() || !self.leadership.is_empty() || !self.proof.is_empty())
    }
}

/// Signals of every sentence, in order.
pub(crate) fn collect<'a>(ctx: MatchCtx<'a>, lists: &'a SignalLists) -> Vec<SentenceSignals<'a>> {
    let doc = ctx.doc;
    debug_assert!(doc.sentences.is_sorted_by_key(|s| s.span.start), "sentences in text order");
    // What is left of each list after the sentences so far (sentences come in text order).
    let SignalLists { target, level_title, cue, outcome, proof, leadership, cta, audience } = lists;
    let [mut target, mut level_title, mut cue, mut outcome] =
        [&target[..], level_title, cue, outcome];
    let [mut proof, mut leadership, mut cta, mut audience] =
        [&proof[..], leadership, cta, audience];
    doc.sentences
        .iter()
        .map(|s| SentenceSignals {
            span: s.span,
            block: s.block,
            heading: doc.blocks[s.block].kind == BlockKind::Heading,
            target: within_sentence(&mut target, s.span),
            level_title: within_sentence(&mut level_title, s.span),
            cue: within_sentence(&mut cue, s.span),
            outcome: within_sentence(&mut outcome, s.span),
            quantities: doc.quantities_in(s.span),
            proof: within_sentence(&mut proof, s.span),
            leadership: within_sentence(&mut leadership, s.span),
            cta: within_sentence(&mut cta, s.span),
            audience: within_sentence(&mut audience, s.span),
        })
        .collect()
}

/// The matches of `rest` (sorted by start) that lie inside sentence `s`: a run of `rest`,
/// borrowed, unless one that starts inside the sentence ends past it (a phrase across a
/// sentence break). `rest` is left with the matches that start after the sentence, for the
/// sentences that follow: each list is read once for the whole document.
fn within_sentence<'a>(rest: &mut &'a [Span], s: Span) -> Cow<'a, [Span]> {
    let list: &'a [Span] = rest;
    let from = list.iter().take_while(|m| m.start < s.start).count();
    let run = &list[from..];
    let run = &run[..run.iter().take_while(|m| m.start < s.end).count()];
    *rest = &list[from + run.len()..];
    if run.iter().all(|m| m.end <= s.end) {
        Cow::Borrowed(run)
    } else {
        Cow::Owned(run.iter().filter(|m| s.contains(**m)).copied().collect())
    }
}

/// Every match of each signal in one document, sorted: what [`SentenceSignals`] borrow.
#[derive(Debug)]
pub(crate) struct SignalLists {
    target: Vec<Span>,
    level_title: Vec<Span>,
    cue: Vec<Span>,
    outcome: Vec<Span>,
    proof: Vec<Span>,
    leadership: Vec<Span>,
    cta: Vec<Span>,
    audience: Vec<Span>,
}

impl SignalLists {
    pub(crate) fn find(m: &SignalMatchers, ctx: MatchCtx<'_>) -> Self {
        let find = |matcher: &Matcher| matcher.find_all(ctx);
        SignalLists {
            target: find(&m.target),
            level_title: find(&m.level_title),
            cue: find(&m.cue),
            outcome: find(&m.outcome),
            proof: find(&m.proof),
            leadership: find(&m.leadership),
            cta: find(&m.cta),
            audience: find(&m.audience),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_keeps_the_matches_that_lie_wholly_inside_it() {
        let all = [Span::new(0, 4), Span::new(10, 14), Span::new(18, 25), Span::new(22, 24)];
        let rows: [(Span, &[Span]); 5] = [
            (Span::new(0, 9), &[Span::new(0, 4)]),
            (Span::new(5, 9), &[]),
            (Span::new(10, 20), &[Span::new(10, 14)]),
            // The match at 18..25 crosses the sentence's end; the one after it still counts.
            (Span::new(15, 24), &[Span::new(22, 24)]),
            (Span::new(10, 30), &[Span::new(10, 14), Span::new(18, 25), Span::new(22, 24)]),
        ];
        for (sentence, expected) in rows {
            let mut rest = &all[..];
            assert_eq!(&*within_sentence(&mut rest, sentence), expected, "sentence {sentence:?}");
        }
        // Read in text order, each sentence leaves the rest to the next.
        let mut rest = &all[..];
        let in_order: Vec<Vec<Span>> = [Span::new(0, 9), Span::new(9, 20), Span::new(20, 30)]
            .iter()
            .map(|&s| within_sentence(&mut rest, s).into_owned())
            .collect();
        assert_eq!(
            in_order,
            [vec![Span::new(0, 4)], vec![Span::new(10, 14)], vec![Span::new(22, 24)]],
            "the match at 18..25 starts in the second sentence and ends in the third: neither"
        );
    }
}
