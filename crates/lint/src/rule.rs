//! The rule file format: one TOML file is one rule. This schema is a public, versioned API.
//!
//! ```toml
//! kind = "substitution"            # the closed set in `RuleKind`
//! scope = "sentence"               # sentence | bullet | paragraph | headline | document
//! severity = "warning"             # error | warning | suggestion
//! applies_to = ["resume", "bullet"] # document kinds; all when absent
//! message = "“{match}” describes a duty, not an outcome."
//! suggestion = "Say what changed: “{replacement} …, cutting churn 18%”."
//! method = "Deeper context"        # the method section this rule enforces
//! quote = "Translate the work into impact and scope…"
//!
//! [swap]
//! "responsible for" = "owned"
//!
//! [[examples]]
//! bad = "Responsible for the roadmap."
//! good = "Owned the roadmap for 3 teams, lifting activation 18%."
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A hint worth considering.
    Suggestion,
    /// Weakens the signal.
    Warning,
    /// Undermines the story; `pivot check` exits 1.
    Error,
}

impl Severity {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Suggestion => "suggestion",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The unit a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Each sentence of prose (headings excluded).
    Sentence,
    /// Each list item; every line or paragraph when the input is `--kind bullet`.
    Bullet,
    /// Each paragraph of prose.
    Paragraph,
    /// The whole input when it is `--kind headline`; each heading otherwise.
    Headline,
    /// The whole document.
    Document,
}

/// What the text is, as the user declares it with `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A pivot narrative (the story of the move).
    Narrative,
    /// A whole resume.
    Resume,
    /// One or more resume bullets.
    Bullet,
    /// A LinkedIn headline.
    Headline,
    /// A LinkedIn "About" section.
    About,
    /// An interview answer.
    Answer,
}

impl DocKind {
    /// All kinds, in a stable order.
    pub const ALL: [DocKind; 6] = [
        DocKind::Narrative,
        DocKind::Resume,
        DocKind::Bullet,
        DocKind::Headline,
        DocKind::About,
        DocKind::Answer,
    ];

    /// The lower-case name used on the command line and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Narrative => "narrative",
            DocKind::Resume => "resume",
            DocKind::Bullet => "bullet",
            DocKind::Headline => "headline",
            DocKind::About => "about",
            DocKind::Answer => "answer",
        }
    }

    /// Parses a kind name.
    pub fn parse(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The closed set of rule kinds. Adding one is a Rust change; adding a rule is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Flags every match of the matcher in the scope.
    Existence,
    /// Flags every phrase of `swap` and suggests its replacement.
    Substitution,
    /// Counts matches in each unit of the scope; flags a unit with more than `max` or fewer
    /// than `min`.
    Occurrence,
    /// Measures each unit (`metric`: words, sentences…) and flags it past `max` or below `min`.
    Metric,
    /// Looks at the first or last `count` sentences/blocks of the document: flags a `must_not`
    /// match there, or the place itself when `must` finds nothing there.
    Position,
    /// Flags a unit of the scope that has fewer than `min` (default 1) matches.
    Required,
    /// Flags a `when` match whose unit has no `unless` match.
    Conditional,
    /// Flags a run of tokens matching the `tokens` steps in order.
    Sequence,
}

/// What to look for. Any field may be empty; a matcher matches when any part does.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MatcherDef {
    /// Case-insensitive whole-word phrases; a space matches any run of whitespace.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Word classes: a style's `_classes.toml`, or the role pack's `role.*` / `level.*`.
    #[serde(default)]
    pub classes: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), case-insensitive.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Quantity kinds (`percent`, `money`, `multiplier`, `count`, `time_span`, `rate`,
    /// `before_after`), scope kinds (`scope:team_size`, `scope:budget`, …), `metric` (any
    /// quantity but a bare time span or rate), `scope` (any scope) or `any`.
    #[serde(default)]
    pub quantities: Vec<String>,
}

impl MatcherDef {
    /// True when nothing is configured.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
            && self.classes.is_empty()
            && self.patterns.is_empty()
            && self.quantities.is_empty()
    }
}

/// One step of a `sequence` rule: matches one token.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    /// The token equals one of these words (case-insensitive).
    #[serde(default)]
    pub word: Vec<String>,
    /// The token is a one-word member of this class.
    #[serde(default)]
    pub class: Option<String>,
    /// The token matches this regex (anchored, case-insensitive).
    #[serde(default)]
    pub pattern: Option<String>,
    /// The step may be skipped.
    #[serde(default)]
    pub optional: bool,
}

/// A rule's example, run as a test: `bad` must give a finding of this rule, `good` none.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// Text the rule must flag.
    #[serde(default)]
    pub bad: Option<String>,
    /// Text the rule must leave alone.
    #[serde(default)]
    pub good: Option<String>,
    /// The document kind to check the example as (default: the rule's first `applies_to`).
    #[serde(default)]
    pub kind: Option<DocKind>,
    /// Role pack to select.
    #[serde(default)]
    pub role: Option<String>,
    /// Level in that pack.
    #[serde(default)]
    pub level: Option<String>,
}

/// Where `first`/`last` looks in a `position` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// The start of the document.
    First,
    /// The end of the document.
    Last,
}

/// The unit `position` counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionUnit {
    /// Sentences (headings excluded).
    Sentence,
    /// Blocks (headings excluded).
    Block,
}

/// A measure of a unit, for `metric` rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Words and numbers.
    Words,
    /// Sentences.
    Sentences,
    /// Characters.
    Characters,
    /// Seconds a reader needs at the scan's skimming speed.
    ScanSeconds,
}

/// One rule file, as written.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// The rule kind.
    pub kind: RuleKind,
    /// The unit it looks at.
    pub scope: Scope,
    /// How serious its findings are.
    pub severity: Severity,
    /// The message; `{match}`, `{replacement}`, `{count}`, `{value}`, `{limit}` and
    /// `{level}` are filled in.
    pub message: String,
    /// The method section the rule enforces (a heading of the method).
    pub method: String,
    /// The method's own words this rule rests on.
    pub quote: String,
    /// A fix to suggest.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Document kinds the rule runs on; all when empty.
    #[serde(default)]
    pub applies_to: Vec<DocKind>,
    /// Run only when a target level is known (from `--level` or inferred from the text).
    #[serde(default)]
    pub needs_level: bool,
    /// Run only when the target level is at least this rank in its role pack.
    #[serde(default)]
    pub min_rank: Option<u8>,
    /// existence / occurrence / required: what to look for.
    #[serde(default, rename = "match")]
    pub matcher: MatcherDef,
    /// existence / conditional: a match is forgiven when its unit also matches this.
    #[serde(default)]
    pub unless: MatcherDef,
    /// conditional: what triggers the rule.
    #[serde(default)]
    pub when: MatcherDef,
    /// substitution: phrase → replacement.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// occurrence / metric / required: bounds.
    #[serde(default)]
    pub max: Option<f64>,
    /// occurrence / metric / required: bounds.
    #[serde(default)]
    pub min: Option<f64>,
    /// metric: what to measure.
    #[serde(default)]
    pub metric: Option<Measure>,
    /// position: where to look.
    #[serde(default)]
    pub position: Option<Position>,
    /// position: the unit to count.
    #[serde(default)]
    pub unit: Option<PositionUnit>,
    /// position: how many units (default 1).
    #[serde(default)]
    pub count: Option<usize>,
    /// position: what must not appear there.
    #[serde(default)]
    pub must_not: MatcherDef,
    /// position: what must appear there.
    #[serde(default)]
    pub must: MatcherDef,
    /// sequence: the token steps.
    #[serde(default)]
    pub tokens: Vec<StepDef>,
    /// Inline examples, run as tests.
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
}
