//! The method's proof checklist, computed from the text (not ticked by hand). Only the items a
//! single text can decide are here; "consistent story across resume, LinkedIn and interviews"
//! needs all three channels.

use crate::signals::SentenceSignals;
use pivot_text::{Document, Span};
use serde::Serialize;

/// One checklist item.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    /// Stable id (`target`, `outcomes`, `leadership`, `cta`).
    pub id: &'static str,
    /// The method's wording.
    pub item: &'static str,
    /// Whether the text meets it.
    pub met: bool,
    /// Why: what was found, or what is missing.
    pub evidence: String,
    /// The sentences behind the verdict.
    pub spans: Vec<Span>,
}

/// The sentence in curly quotes, cut after 90 chars with an ellipsis.
fn quote(doc: &Document, span: Span) -> String {
    let text = pivot_text::collapse_whitespace(doc.text(span));
    // Where the 91st char starts: one slice, not a string built char by char.
    let cut = text.char_indices().nth(90).map_or(text.len(), |(i, _)| i);
    let mut out = String::with_capacity(cut + 9);
    out.push('“');
    out.push_str(&text[..cut]);
    out.push_str(if cut < text.len() { "…”" } else { "”" });
    out
}

/// Computes the checklist.
pub(crate) fn checklist(doc: &Document, signals: &[SentenceSignals]) -> Vec<ChecklistItem> {
    let prose: Vec<&SentenceSignals> = signals.iter().filter(|s| !s.heading).collect();
    let mut items = Vec::with_capacity(4);

    // A target is clear when a title is named with a pointer at the move, or in the opening
    // (a headline or first line is a statement of target by position).
    let first_blocks = |s: &SentenceSignals| s.block < 2;
    let target = signals
        .iter()
        .find(|s| !s.target.is_empty() && !s.cue.is_empty())
        .or_else(|| signals.iter().find(|s| !s.target.is_empty() && first_blocks(s)));
    items.push(ChecklistItem {
        id: "target",
        item: "A clear target role and level.",
        met: target.is_some(),
        evidence: match target {
            Some(s) => format!("Target named: {}", quote(doc, s.span)),
            None => "No sentence names the role and level you want (e.g. “I'm moving into a Director of Product role…”).".into(),
        },
        spans: target.map(|s| s.span).into_iter().collect(),
    });

    let outcomes: Vec<&SentenceSignals> =
        prose.iter().copied().filter(|s| s.is_measured_outcome()).collect();
    let scope_count = prose.iter().filter(|s| s.scope().next().is_some()).count();
    items.push(ChecklistItem {
        id: "outcomes",
        item: "Three outcomes with metrics and scope.",
        met: outcomes.len() >= 3 && scope_count >= 1,
        evidence: format!(
            "{} outcome(s) with a metric, {} with scope (team, budget, revenue, users, teams, regions){}",
            outcomes.len(),
            scope_count,
            outcomes.first().map(|s| format!("; first: {}", quote(doc, s.span))).unwrap_or_default()
        ),
        spans: outcomes.iter().take(3).map(|s| s.span).collect(),
    });

    let leading = prose.iter().find(|s| !s.leadership.is_empty());
    items.push(ChecklistItem {
        id: "leadership",
        item: "One leadership or ownership example.",
        met: leading.is_some(),
        evidence: match leading {
            Some(s) => format!("Leadership: {}", quote(doc, s.span)),
            None => "No sentence shows you leading people or owning an outcome (led, owned, hired, built the team…).".into(),
        },
        spans: leading.map(|s| s.span).into_iter().collect(),
    });

    // A call to action "matches the topic" when it names the role or sits with the target.
    let ctas: Vec<&SentenceSignals> = prose.iter().copied().filter(|s| !s.cta.is_empty()).collect();
    let matching = ctas.iter().find(|s| !s.target.is_empty() || !s.cue.is_empty());
    let (met, evidence, spans) = match (matching, ctas.first()) {
        (Some(s), _) => (true, format!("Call to action names the target: {}", quote(doc, s.span)), vec![s.span]),
        (None, Some(s)) => (
            false,
            format!("A call to action is there but does not name the role you want: {}", quote(doc, s.span)),
            vec![s.span],
        ),
        (None, None) => (false, "No call to action: end with what you want the reader to do (“I'd welcome a 20-minute call about your Director of Product role”).".into(), Vec::new()),
    };
    items.push(ChecklistItem {
        id: "cta",
        item: "A CTA that matches the topic.",
        met,
        evidence,
        spans,
    });
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards `quote`: curly quotes around the sentence, cut after 90 chars (not bytes) with
    /// an ellipsis, whole when it is 90 chars or fewer.
    #[test]
    fn quotes_are_cut_after_ninety_chars() {
        let quoted = |text: &str| {
            let doc = Document::parse(text, pivot_text::Format::Plain);
            quote(&doc, Span::new(0, text.len()))
        };
        let ninety = "é".repeat(10) + &"a".repeat(80);
        assert_eq!(quoted(&ninety), format!("“{ninety}”"));
        let longer = format!("{ninety}bcd");
        assert_eq!(quoted(&longer), format!("“{ninety}…”"));
        assert_eq!(quoted("Led  the\nteam."), "“Led the team.”");
    }
}
