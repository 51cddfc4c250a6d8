//! The method's weekly execution, computed from the pivoter's state.
//!
//! **Invariants:** pure (no I/O, no clock: "today" and "now" are inputs), deterministic,
//! never fails on any state.
//!
//! SKELETON: types are the contract with `pivot-workbench`; bodies to be written.
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use jiff::civil::{Date, DateTime};

/// What the planner knows about the pivoter this week. Everything is optional or a count so
/// an empty workspace plans too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct State {
    /// Today, in the pivoter's calendar (`YYYY-MM-DD`).
    #[schema(value_type = String)]
    pub today: Date,
    /// The target as words (`Director of Product (product-management), fintech`), if set.
    pub target: Option<String>,
    /// The one-sentence summary the pivoter wants to be known for.
    pub intended: Option<String>,
    /// How close the latest narrative's extracted summary is to `intended`, 0–1.
    pub summary_closeness: Option<f64>,
    /// Narratives saved in all, and versions saved in the last 7 days.
    pub narratives: usize,
    /// Versions saved in the 7 days up to today.
    pub versions_this_week: usize,
    /// The latest narrative score 0–100, and the one about two weeks before it.
    pub latest_score: Option<i64>,
    /// The score about 14 days before the latest (for "no change in two weeks").
    pub score_two_weeks_ago: Option<i64>,
    /// Outcomes with a metric found in the latest narrative.
    pub outcomes_with_metrics: usize,
    /// Proof projects done, active, and ideas.
    pub proofs_done: usize,
    /// Active proof projects.
    pub proofs_active: usize,
    /// Proof ideas.
    pub proofs_idea: usize,
    /// The strongest finished proof (title and its first outcome), to reuse across channels.
    pub strongest_proof: Option<String>,
    /// Gaps in the latest asset map, and the top one.
    pub gaps: usize,
    /// The highest-ranked gap's signal text.
    pub top_gap: Option<String>,
    /// Checklist items met, of how many.
    pub checklist_met: usize,
    /// Checklist items in all.
    pub checklist_total: usize,
    /// Ids of the items already ticked done this week.
    pub done: Vec<String>,
}

/// One thing to do this week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WeekItem {
    /// Stable id (`block`, `summary`, `peer`, `metrics`, `proof`).
    pub id: String,
    /// The method's wording.
    pub title: String,
    /// What it means for this pivoter now (from their state).
    pub detail: String,
    /// Done: ticked by the pivoter or observed in the state.
    pub done: bool,
    /// The workbench page that helps (`/narrative`, `/proof`…).
    pub link: String,
}

/// An "if you are stuck" prompt, with the metric that triggered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StuckPrompt {
    /// Stable id (`simplify`, `two-outcomes`, `mock`).
    pub id: String,
    /// The method's wording.
    pub text: String,
    /// Why now (the metric and its value).
    pub why: String,
}

/// The week's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Week {
    /// Monday of the week.
    #[schema(value_type = String)]
    pub week_start: Date,
    /// The method's five items, in its order.
    pub items: Vec<WeekItem>,
    /// Prompts the metrics trigger (empty when nothing is stuck).
    pub stuck: Vec<StuckPrompt>,
    /// The suggested start of the 60-minute block (local time).
    #[schema(value_type = String)]
    pub block_start: DateTime,
}

/// Plans the week from the state.
pub fn plan(state: &State) -> Week {
    todo!("{state:?}")
}

/// The week as an iCalendar document: the 60-minute block at `block_start` (local floating
/// time) and, when given, follow-up reminders; `stamp` is DTSTAMP (UTC), `uid_salt` makes UIDs
/// unique per workspace. CRLF line ends, folded at 75 octets, text escaped (RFC 5545).
pub fn ics(week: &Week, block_start: DateTime, stamp: jiff::Timestamp, uid_salt: &str) -> String {
    todo!("{week:?}{block_start}{stamp}{uid_salt}")
}
