//! Runs compiled rules over a document: scope units, then one evaluator per rule kind.

use crate::matcher::{MatchCtx, Matcher};
use crate::rule::{DocKind, Measure, Position, PositionUnit, RuleKind, Scope, Severity};
use crate::scan::SKIM_WPM;
use crate::style::Rule;
use pivot_text::{BlockKind, Document, Span, TokenKind};

/// One place where the text falls short of the method.
#[derive(Debug, Clone)]
pub(crate) struct Finding<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, filled in for this place.
    pub message: std::sync::Arc<str>,
    /// A fix, when there is one.
    pub suggestion: Option<std::sync::Arc<str>>,
    /// The text the finding is about.
    pub span: Span,
}

/// The units of a scope in a document of a kind.
pub(crate) fn units(doc: &Document, kind: DocKind, scope: Scope) -> Vec<Span> {
    let prose = |b: &&pivot_text::Block| b.kind != BlockKind::Heading;
    match scope {
        Scope::Document => whole(doc).into_iter().collect(),
        Scope::Sentence => doc
            .sentences
            .iter()
            .filter(|s| kind == DocKind::Headline || doc.blocks[s.block].kind != BlockKind::Heading)
            .map(|s| s.span)
            .collect(),
        Scope::Bullet => match kind {
            DocKind::Bullet => doc.blocks.iter().filter(prose).map(|b| b.span).collect(),
            DocKind::Headline => Vec::new(),
            _ => doc
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::ListItem)
                .map(|b| b.span)
                .collect(),
        },
        Scope::Paragraph => {
            doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| b.span).collect()
        }
        Scope::Headline => match kind {
            DocKind::Headline => whole(doc).into_iter().collect(),
            _ => {
                doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.span).collect()
            }
        },
    }
}

/// The units of each scope, computed on first use and shared by every rule of one check (most
/// rules look at sentences or bullets; collecting them again per rule was a tenth of a check).
pub(crate) struct Units<'a> {
    doc: &'a Document,
    kind: DocKind,
    cache: [std::cell::OnceCell<Vec<Span>>; 5],
}

impl<'a> Units<'a> {
    pub(crate) fn new(doc: &'a Document, kind: DocKind) -> Self {
        Units { doc, kind, cache: Default::default() }
    }

    fn get(&self, scope: Scope) -> &[Span] {
        let i = match scope {
            Scope::Sentence => 0,
            Scope::Bullet => 1,
            Scope::Paragraph => 2,
            Scope::Headline => 3,
            Scope::Document => 4,
        };
        self.cache[i].get_or_init(|| units(self.doc, self.kind, scope))
    }
}

fn whole(doc: &Document) -> Option<Span> {
    let first = doc.blocks.first()?;
    let last = doc.blocks.last()?;
    Some(Span::new(first.span.start, last.span.end))
}

fn unit_of(units: &[Span], m: Span) -> Option<Span> {
    let i = units.partition_point(|u| u.end < m.end);
    units.get(i).copied().filter(|u| u.contains(m))
}

fn count_in(matches: &[Span], unit: Span) -> usize {
    matches.iter().filter(|m| unit.contains(**m)).count()
}

fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    // One pass over the template gives what replacing each `{name}` in turn gives as long as
    // every `{` of the template opens a known name and no value holds a `{` (otherwise a later
    // replacement could apply inside an earlier one's result): keep the replacements in turn
    // for those cases.
    let in_turn = || {
        let mut out = template.to_owned();
        for (k, v) in vars {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    };
    if vars.iter().any(|(_, v)| v.contains('{')) {
        return in_turn();
    }
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some((close, value)) = after.find('}').and_then(|close| {
            vars.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, *v))
        }) else {
            return in_turn();
        };
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn fmt_num(v: f64) -> String {
    // Whole numbers (counts, limits) as integers: `{:.0}` formats through the exact float
    // printer, bignums included, which cost more than the rest of a finding's message.
    if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
        (v as i64).to_string()
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Runs one rule. The caller has checked `applies_to` and the level gates.
pub(crate) fn run_rule<'r>(
    rule: &'r Rule,
    ctx: MatchCtx<'_>,
    kind: DocKind,
    all_units: &Units<'_>,
    out: &mut Vec<Finding<'r>>,
) {
    let doc = ctx.doc;
    let def = &rule.def;
    let units = all_units.get(def.scope);
    if units.is_empty() {
        return;
    }
    let level_name = ctx.level.map_or("the target level", |l| l.def.name.as_str());
    let mut emit = |span: Span, vars: &[(&str, &str)], suggestion: Option<String>| {
        // On the stack: a finding passes at most three variables of its own.
        let mut buf = [("level", level_name); 4];
        let all = match buf.get_mut(1..=vars.len()) {
            Some(rest) => {
                rest.copy_from_slice(vars);
                &buf[..=vars.len()]
            }
            None => &[&buf[..1], vars].concat()[..],
        };
        out.push(Finding {
            rule,
            severity: def.severity,
            message: rule.labels.message.clone().unwrap_or_else(|| fill(&def.message, all).into()),
            suggestion: suggestion
                .map(Into::into)
                .or_else(|| rule.labels.suggestion.clone())
                .or_else(|| def.suggestion.as_ref().map(|s| fill(s, all).into())),
            span,
        });
    };
    // What forgives the `found` matches: searched only when there is something to forgive,
    // and only in the units that hold a found match (the only ones asked about).
    let unless = |m: &Matcher, found: &[Span]| {
        if m.is_empty() || found.is_empty() {
            return Vec::new();
        }
        let mut areas: Vec<Span> = found.iter().filter_map(|f| unit_of(units, *f)).collect();
        areas.dedup();
        m.find_all_within(ctx, &areas)
    };
    match def.kind {
        RuleKind::Existence => {
            let matches = rule.matcher.find_all(ctx);
            let forgiving = unless(&rule.unless, &matches);
            for m in matches {
                if let Some(u) = unit_of(units, m)
                    && count_in(&forgiving, u) == 0
                {
                    emit(m, &[("match", doc.text(m))], None);
                }
            }
        }
        RuleKind::Substitution => {
            let Some(swap) = &rule.swap else { return };
            for &(span, i) in ctx.hits.group(swap.group) {
                if unit_of(units, span).is_none() {
                    continue;
                }
                let replacement = swap.replacements.get(i).cloned().unwrap_or_default();
                emit(
                    span,
                    &[("match", doc.text(span)), ("replacement", &replacement)],
                    def.suggestion.is_none().then(|| format!("Use “{replacement}”.")),
                );
            }
        }
        RuleKind::Occurrence => {
            let matches = rule.matcher.find_all(ctx);
            // Collected only for a unit that fails (most pass): a list per unit was the largest
            // share of this rule kind.
            let inside = |u: &Span| -> Vec<Span> {
                matches.iter().copied().filter(|m| u.contains(*m)).collect()
            };
            for u in units {
                let n = count_in(&matches, *u);
                let count = n as f64;
                let count_s = || n.to_string();
                if let Some(max) = def.max
                    && count > max
                {
                    let inside = inside(u);
                    let first_extra = inside[max.max(0.0) as usize];
                    let span = Span::new(first_extra.start, inside.last().map_or(u.end, |m| m.end));
                    emit(
                        span,
                        &[
                            ("count", &count_s()),
                            ("limit", &fmt_num(max)),
                            ("match", doc.text(first_extra)),
                        ],
                        None,
                    );
                } else if let Some(min) = def.min
                    && count < min
                {
                    emit(*u, &[("count", &count_s()), ("limit", &fmt_num(min))], None);
                }
            }
        }
        RuleKind::Metric => {
            let Some(measure) = def.metric else { return };
            for u in units {
                // The nth word, for underlining past a limit; counted, not collected, first.
                let words = || tokens_in(doc, *u).iter().filter(|t| t.is_wordlike());
                let word_count = || words().count() as f64;
                let value = match measure {
                    Measure::Words => word_count(),
                    Measure::Sentences => {
                        doc.sentences.iter().filter(|s| u.contains(s.span)).count() as f64
                    }
                    Measure::Characters => doc.text(*u).chars().count() as f64,
                    Measure::ScanSeconds => word_count() * 60.0 / SKIM_WPM,
                };
                if let Some(max) = def.max
                    && value > max
                {
                    // Underline what lies past the limit when counting words: that is the part
                    // a reader does not reach.
                    let span = match measure {
                        Measure::Words => {
                            words().nth(max as usize).map_or(*u, |w| Span::new(w.span.start, u.end))
                        }
                        Measure::ScanSeconds => {
                            let reach = (max * SKIM_WPM / 60.0) as usize;
                            words().nth(reach).map_or(*u, |w| Span::new(w.span.start, u.end))
                        }
                        _ => *u,
                    };
                    emit(span, &[("value", &fmt_num(value)), ("limit", &fmt_num(max))], None);
                } else if let Some(min) = def.min
                    && value < min
                {
                    emit(*u, &[("value", &fmt_num(value)), ("limit", &fmt_num(min))], None);
                }
            }
        }
        RuleKind::Position => {
            let count = def.count.unwrap_or(1).max(1);
            let places: Vec<Span> = match def.unit.unwrap_or(PositionUnit::Sentence) {
                PositionUnit::Sentence => all_units.get(Scope::Sentence).to_vec(),
                PositionUnit::Block => doc
                    .blocks
                    .iter()
                    .filter(|b| b.kind != BlockKind::Heading || kind == DocKind::Headline)
                    .map(|b| b.span)
                    .collect(),
            };
            let chosen: Vec<Span> = match def.position.unwrap_or(Position::First) {
                Position::First => places.iter().take(count).copied().collect(),
                Position::Last => places.iter().rev().take(count).rev().copied().collect(),
            };
            let (Some(first), Some(last)) = (chosen.first(), chosen.last()) else { return };
            let area = Span::new(first.start, last.end);
            if !rule.must_not.is_empty() {
                for m in rule.must_not.find_all(ctx) {
                    if area.contains(m) {
                        emit(m, &[("match", doc.text(m))], None);
                    }
                }
            }
            if !rule.must.is_empty() && count_in(&rule.must.find_all(ctx), area) == 0 {
                emit(area, &[], None);
            }
        }
        RuleKind::Required => {
            let matches = rule.matcher.find_all(ctx);
            let min = def.min.unwrap_or(1.0);
            for u in units {
                let count = count_in(&matches, *u);
                if (count as f64) < min {
                    // Point at the place the missing piece belongs: the start, or the end for
                    // rules that say `position = "last"` (a call to action closes a text).
                    // Prose sentences first: a finding about what is missing should not point
                    // at a title.
                    let inside = |prose: bool| -> Vec<Span> {
                        doc.sentences
                            .iter()
                            .filter(|s| u.contains(s.span))
                            .filter(|s| !prose || doc.blocks[s.block].kind != BlockKind::Heading)
                            .map(|s| s.span)
                            .collect()
                    };
                    let sentences = match inside(true) {
                        v if v.is_empty() => inside(false),
                        v => v,
                    };
                    let anchor = match def.position {
                        Some(Position::Last) => sentences.last().copied(),
                        _ => sentences.first().copied(),
                    }
                    .unwrap_or(*u);
                    emit(anchor, &[("count", &count.to_string()), ("limit", &fmt_num(min))], None);
                }
            }
        }
        RuleKind::Conditional => {
            let whens = rule.when.find_all(ctx);
            let forgiving = unless(&rule.unless, &whens);
            let mut seen_units: Vec<Span> = Vec::new();
            for m in whens {
                let Some(u) = unit_of(units, m) else { continue };
                // One finding per unit is enough: it names the whole problem.
                if seen_units.contains(&u) || count_in(&forgiving, u) > 0 {
                    continue;
                }
                seen_units.push(u);
                emit(m, &[("match", doc.text(m))], None);
            }
        }
        RuleKind::Sequence => {
            // A token that a required word step cannot take by its first letter is passed over
            // without a call (what `match_steps` would find: a word of the step starts with
            // that ASCII letter whatever follows it); most tokens are.
            let required_words = rule.steps.first().filter(|s| !s.optional && s.pattern.is_none());
            let first_step_rejects = |tok: &pivot_text::Token| {
                required_words.is_some_and(|step| {
                    doc.source.as_bytes().get(tok.span.start).is_some_and(|&b| {
                        b.is_ascii() && !step.first_bytes[usize::from(b.to_ascii_lowercase())]
                    })
                })
            };
            let mut tokens: Vec<&pivot_text::Token> = Vec::new();
            for u in units {
                // One list for all units, refilled: growing a new one per unit cost more than
                // matching the steps.
                tokens.clear();
                tokens.extend(tokens_in(doc, *u).iter().filter(|t| t.kind != TokenKind::Punct));
                let mut i = 0;
                while i < tokens.len() {
                    if first_step_rejects(tokens[i]) {
                        i += 1;
                        continue;
                    }
                    if let Some(end) = match_steps(&rule.steps, &tokens[i..], doc, 0)
                        && end > 0
                    {
                        let span = Span::new(tokens[i].span.start, tokens[i + end - 1].span.end);
                        emit(span, &[("match", doc.text(span))], None);
                        i += end.max(1);
                    } else {
                        i += 1;
                    }
                }
            }
        }
    }
}

/// The tokens inside `span` (tokens are sorted, so two binary searches find them).
fn tokens_in(doc: &Document, span: Span) -> &[pivot_text::Token] {
    let start = doc.tokens.partition_point(|t| t.span.start < span.start);
    let end = doc.tokens.partition_point(|t| t.span.end <= span.end);
    &doc.tokens[start..end.max(start)]
}

/// Matches `steps` at the start of `tokens`; returns how many tokens were consumed.
fn match_steps(
    steps: &[crate::style::Step],
    tokens: &[&pivot_text::Token],
    doc: &Document,
    consumed: usize,
) -> Option<usize> {
    let Some((step, rest)) = steps.split_first() else { return Some(consumed) };
    if let Some(tok) = tokens.get(consumed) {
        let text = doc.text(tok.span);
        // Lower-case short ASCII tokens on the stack: a `String` per token and step was the
        // largest cost of sequence rules.
        let mut buf = [0u8; 32];
        let (shortest, longest) = step.word_lens;
        let in_words = if text.is_ascii()
            && (!(shortest..=longest).contains(&text.len())
                || !text
                    .bytes()
                    .next()
                    .is_some_and(|b| step.first_bytes[usize::from(b.to_ascii_lowercase())]))
        {
            // Lower-casing ASCII keeps the length and maps the first letter to the one the
            // word would start with, so no word can match.
            false
        } else if text.is_ascii() && text.len() <= buf.len() {
            let lower = &mut buf[..text.len()];
            lower.copy_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            step.words.contains(&*lower)
        } else {
            step.words.contains(text.to_lowercase().as_bytes())
        };
        let hit = in_words || step.pattern.as_ref().is_some_and(|p| p.is_match(text));
        if hit && let Some(n) = match_steps(rest, tokens, doc, consumed + 1) {
            return Some(n);
        }
    }
    if step.optional { match_steps(rest, tokens, doc, consumed) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the first-step shortcut of sequence rules: it passes over a token by its first
    /// letter only when the first step is a required list of words (no built-in rule starts
    /// with a pattern or an optional step, so user rules show it).
    #[test]
    fn sequences_that_start_with_a_pattern_or_an_optional_step_still_match() {
        let rule = |tokens: &str, bad: &str, good: &str| {
            format!(
                "kind = \"sequence\"\nscope = \"sentence\"\nseverity = \"warning\"\n\
                 message = \"{{match}}\"\nmethod = \"m\"\nquote = \"q\"\n{tokens}\n\
                 [[examples]]\nbad = \"{bad}\"\ngood = \"{good}\"\n"
            )
        };
        let style = crate::StyleSource {
            name: "Mine".into(),
            files: vec![
                (
                    "Mine/PatternFirst.toml".into(),
                    rule(
                        "[[tokens]]\npattern = '[0-9]+'\n[[tokens]]\nword = [\"percent\"]",
                        "Grew revenue 40 percent.",
                        "Grew revenue 40%.",
                    ),
                ),
                (
                    "Mine/OptionalFirst.toml".into(),
                    rule(
                        "[[tokens]]\nword = [\"very\"]\noptional = true\n[[tokens]]\nword = [\"good\"]",
                        "It was good.",
                        "It was fine.",
                    ),
                ),
            ],
        };
        let analyzer =
            crate::Analyzer::new(&[crate::builtin_style(), style], &crate::builtin_roles())
                .expect("the style loads");
        for id in ["Mine.PatternFirst", "Mine.OptionalFirst"] {
            let rule = analyzer.rules().get(id).expect("the rule loaded");
            assert_eq!(crate::testing::run_examples(&analyzer, rule), vec![], "{id}");
        }
    }

    /// Guards fmt_num's integer shortcut: it prints what the float formatter prints.
    #[test]
    fn numbers_in_messages_print_as_the_float_formatter_does() {
        for v in [0.0, -0.0, 1.0, 3.0, 35.0, -4.0, 150.0, 1e14, 999_999_999_999_999.0, 1e15, 1e300]
        {
            assert_eq!(fmt_num(v), format!("{v:.0}"), "{v}");
        }
        for v in [0.5, 2.25, 7.5, -1.5, 12.34] {
            assert_eq!(fmt_num(v), format!("{v:.1}"), "{v}");
        }
    }
}
