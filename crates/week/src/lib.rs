//! The method's weekly execution, computed from the pivoter's state.
//!
//! **Invariants:** pure (no I/O, no clock: "today" and "now" are inputs), deterministic,
//! never fails on any state.
//!
//! The types are the contract with `pivot-workbench`: [`plan`] turns a [`State`] into a
//! [`Week`] and [`ics`] exports it as an iCalendar document. The method is *Career pivots
//! for product managers*: "Practical execution this week" (the items), "If you are stuck"
//! (the prompts), the coach's note (one signal at a time, tested for two weeks) and the FAQ
//! (a pivot often takes 2-6 months).
#![deny(missing_docs)]

use jiff::ToSpan;
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
    /// The workbench page that helps (`/narratives`, `/target`, `/history`, `/proof`).
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

/// The method's five weekly items, in its order: `(id, wording, workbench page)`.
///
/// From "Practical execution this week" in *Career pivots for product managers*.
pub const ITEMS: [(&str, &str, &str); 5] = [
    (
        "block",
        "Block 60 minutes to work on your career pivot narrative without distractions.",
        "/narratives",
    ),
    ("summary", "Write a one-sentence summary of the outcome you want to be known for.", "/target"),
    ("peer", "Test your message with a peer and ask what they heard.", "/narratives"),
    (
        "metrics",
        "Track response or performance metrics for two weeks and adjust one thing at a time.",
        "/history",
    ),
    (
        "proof",
        "Save your strongest proof to reuse across resume, LinkedIn, and interviews.",
        "/proof",
    ),
];

/// The method's three "If you are stuck" prompts, in its order: `(id, wording)`.
pub const STUCK: [(&str, &str); 3] = [
    ("simplify", "Simplify the message to one sentence and rebuild from there."),
    ("two-outcomes", "Collect two real outcomes with metrics and anchor the story there."),
    ("mock", "Run one mock or feedback session and adjust immediately."),
];

/// `simplify` fires when the latest narrative's summary is less close than this (0–1) to the
/// intended sentence: under half, the narrative is saying something else.
pub const SIMPLIFY_BELOW_CLOSENESS: f64 = 0.5;

/// `two-outcomes` fires when the latest narrative has fewer outcomes with a metric than this
/// (the method: "collect two real outcomes with metrics").
pub const MIN_OUTCOMES_WITH_METRICS: usize = 2;

/// The proof checklist asks for three outcomes with metrics and scope; the `block` item points
/// at outcomes while the latest narrative has fewer.
pub const CHECKLIST_OUTCOMES: usize = 3;

/// `mock` fires when the narrative score moved by less than this many points (0–100) in two
/// weeks: the coach's note tests one change for two weeks, and a smaller move is noise.
pub const STALLED_BELOW_POINTS: i64 = 5;

/// Length of the weekly block, in minutes (the method's "Block 60 minutes").
pub const BLOCK_MINUTES: i64 = 60;

/// The block's reminder fires this many minutes before it starts.
pub const ALARM_MINUTES: i64 = 10;

/// The suggested block starts at this hour, local time.
pub const BLOCK_HOUR: i8 = 9;

/// Monday of the (ISO, Monday-first) week containing `today`. Saturates at the calendar's
/// lower bound instead of failing.
pub fn week_start(today: Date) -> Date {
    let back = i64::from(today.weekday().to_monday_zero_offset());
    today.checked_sub(back.days()).unwrap_or(today)
}

/// The default start of the 60-minute block: today at 09:00 when today is Monday to Friday,
/// otherwise (Saturday, Sunday) the next Monday at 09:00 — which is then in the following
/// week. Never fails: at the calendar's upper bound it stays on today.
pub fn default_block_start(today: Date) -> DateTime {
    let ahead = match today.weekday().to_monday_zero_offset() {
        5 => 2, // Saturday
        6 => 1, // Sunday
        _ => 0,
    };
    today.checked_add(ahead.days()).unwrap_or(today).at(BLOCK_HOUR, 0, 0, 0)
}

/// A non-blank, trimmed text, or none.
fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Closeness as a finite 0–1 value, or none (NaN is treated as unknown).
fn closeness(state: &State) -> Option<f64> {
    state.summary_closeness.filter(|c| c.is_finite()).map(|c| c.clamp(0.0, 1.0))
}

fn percent(c: f64) -> i64 {
    (c * 100.0).round() as i64
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Plans the week from the state.
///
/// Items are the method's five, in its order, each with a `detail` computed from the state.
/// An item is done when its id is in `state.done` (ticked), or when the state shows it:
///
/// - `block`: a narrative version was saved in the last 7 days (`versions_this_week > 0`);
/// - `summary`: the intended one-sentence summary is set (non-blank);
/// - `proof`: a finished proof is recorded (`proofs_done > 0`) and the strongest one is named
///   (`strongest_proof` non-blank): it is saved in the workbench, where the resume, LinkedIn
///   and interview material draw from;
/// - `peer` and `metrics`: only when ticked (a peer test and "adjust one thing at a time" are
///   not observable in the state).
///
/// Stuck prompts fire only on data that exists, so a new user (nothing measured yet) gets no
/// prompts:
///
/// - `simplify`: `summary_closeness` < [`SIMPLIFY_BELOW_CLOSENESS`], or narratives exist but
///   no intended summary is set;
/// - `two-outcomes`: narratives exist and `outcomes_with_metrics` <
///   [`MIN_OUTCOMES_WITH_METRICS`];
/// - `mock`: both scores are known and moved by less than [`STALLED_BELOW_POINTS`] in two
///   weeks, or fewer than half of the proof checklist's items are met.
///
/// `block_start` is [`default_block_start`] of `state.today`.
pub fn plan(state: &State) -> Week {
    let items = ITEMS
        .iter()
        .map(|&(id, title, link)| {
            let ticked = state.done.iter().any(|d| d.trim() == id);
            let (detail, observed) = match id {
                "block" => (block_detail(state), state.versions_this_week > 0),
                "summary" => (summary_detail(state), text(&state.intended).is_some()),
                "peer" => (peer_detail(state), false),
                "metrics" => (metrics_detail(state), false),
                _ => (
                    proof_detail(state),
                    state.proofs_done > 0 && text(&state.strongest_proof).is_some(),
                ),
            };
            WeekItem {
                id: id.into(),
                title: title.into(),
                detail,
                done: ticked || observed,
                link: link.into(),
            }
        })
        .collect();
    Week {
        week_start: week_start(state.today),
        items,
        stuck: stuck(state),
        block_start: default_block_start(state.today),
    }
}

/// What to work on in the block: the first weak signal in the method's order (coach's note:
/// pick one signal and tighten it first).
fn block_detail(state: &State) -> String {
    let target = text(&state.target).map(|t| format!(" for {t}")).unwrap_or_default();
    let focus = if state.narratives == 0 {
        format!(
            "Write your first narrative draft{target}: lead with the role you want and the results you delivered."
        )
    } else if text(&state.intended).is_none() {
        "Write the one sentence you want to be known for, then rebuild the narrative's opening around it.".to_string()
    } else if let Some(c) = closeness(state).filter(|&c| c < SIMPLIFY_BELOW_CLOSENESS) {
        format!(
            "Bring the narrative's opening closer to your intended summary: it is {}% close.",
            percent(c)
        )
    } else if state.outcomes_with_metrics < CHECKLIST_OUTCOMES {
        format!(
            "Add outcomes with metrics and scope: the latest narrative has {} of the {CHECKLIST_OUTCOMES} the proof checklist asks for.",
            state.outcomes_with_metrics
        )
    } else if let Some(gap) = text(&state.top_gap) {
        format!("Address your top gap in the narrative: \u{201c}{gap}\u{201d}.")
    } else if state.checklist_total > 0 && state.checklist_met < state.checklist_total {
        format!(
            "Close the proof checklist: {} of {} items met.",
            state.checklist_met, state.checklist_total
        )
    } else {
        "Tighten one signal and keep the story consistent across resume, LinkedIn, and interviews."
            .to_string()
    };
    format!("Focus: {focus}")
}

fn summary_detail(state: &State) -> String {
    match text(&state.intended) {
        Some(s) => {
            let how = match (closeness(state), state.narratives) {
                (Some(c), _) => {
                    format!("the latest narrative's summary is {}% close to it.", percent(c))
                }
                (None, 0) => "no narrative yet to compare it with.".to_string(),
                (None, _) => {
                    "the latest narrative's summary has not been compared with it yet.".to_string()
                }
            };
            format!("\u{201c}{s}\u{201d}: {how}")
        }
        None => {
            let target = text(&state.target).map(|t| format!(" as {t}")).unwrap_or_default();
            format!(
                "None written yet: write, in one sentence, the outcome you want to be known for{target}."
            )
        }
    }
}

fn peer_detail(state: &State) -> String {
    let compare = match text(&state.intended) {
        Some(s) => format!("; compare it with \u{201c}{s}\u{201d}"),
        None => String::new(),
    };
    if state.narratives == 0 {
        format!(
            "Once you have a narrative draft, ask a peer to say back, in one sentence, what they heard{compare}."
        )
    } else {
        format!(
            "Share your latest narrative with a peer and ask them to say back, in one sentence, what they heard{compare}."
        )
    }
}

fn metrics_detail(state: &State) -> String {
    let score = match (state.latest_score, state.score_two_weeks_ago) {
        (Some(now), Some(then)) => {
            let change = now.saturating_sub(then);
            format!("Latest narrative score {now}/100, {change:+} over two weeks (from {then}).")
        }
        (Some(now), None) => {
            format!("Latest narrative score {now}/100; no score from two weeks ago yet to compare.")
        }
        (None, _) => "No narrative score yet: save a narrative to start tracking.".to_string(),
    };
    format!(
        "{score} Change one thing at a time and give it two weeks; a pivot often takes 2-6 months."
    )
}

fn proof_detail(state: &State) -> String {
    if let Some(p) = text(&state.strongest_proof) {
        return format!("Reuse \u{201c}{p}\u{201d} in your resume, LinkedIn, and interviews.");
    }
    let pipeline = if state.proofs_active.saturating_add(state.proofs_idea) > 0 {
        format!(
            " ({} active, {})",
            plural(state.proofs_active, "project", "projects"),
            plural(state.proofs_idea, "idea", "ideas")
        )
    } else {
        String::new()
    };
    match text(&state.top_gap) {
        Some(gap) => format!("No finished proof yet: build one for your top gap \u{201c}{gap}\u{201d}{pipeline}."),
        None if state.proofs_active > 0 => format!("No finished proof yet: finish one of your active proof projects{pipeline}."),
        None => "No proof yet: pick a small proof project in your target domain; it often works faster than a new degree."
            .to_string(),
    }
}

fn stuck(state: &State) -> Vec<StuckPrompt> {
    let mut out = Vec::new();
    let mut push = |i: usize, why: String| {
        out.push(StuckPrompt { id: STUCK[i].0.into(), text: STUCK[i].1.into(), why });
    };

    let simplify = match (closeness(state), text(&state.intended)) {
        (Some(c), Some(_)) if c < SIMPLIFY_BELOW_CLOSENESS => Some(format!(
            "summary closeness {}% (below {}%): the latest narrative says something other than your intended sentence.",
            percent(c),
            percent(SIMPLIFY_BELOW_CLOSENESS)
        )),
        (_, None) if state.narratives > 0 => Some(format!(
            "{} saved but no intended one-sentence summary.",
            plural(state.narratives, "narrative", "narratives")
        )),
        _ => None,
    };
    if let Some(why) = simplify {
        push(0, why);
    }

    if state.narratives > 0 && state.outcomes_with_metrics < MIN_OUTCOMES_WITH_METRICS {
        push(
            1,
            format!(
                "outcomes with metrics {} (fewer than {MIN_OUTCOMES_WITH_METRICS}) in the latest narrative.",
                state.outcomes_with_metrics
            ),
        );
    }

    let mut why = Vec::new();
    if let (Some(now), Some(then)) = (state.latest_score, state.score_two_weeks_ago) {
        let moved = now.saturating_sub(then);
        if moved.unsigned_abs() < STALLED_BELOW_POINTS.unsigned_abs() {
            why.push(format!(
                "score {now}, {moved:+} in two weeks (from {then}; under {STALLED_BELOW_POINTS} points)"
            ));
        }
    }
    if state.checklist_total > 0 && state.checklist_met.saturating_mul(2) < state.checklist_total {
        why.push(format!(
            "proof checklist {} of {} met (under half)",
            state.checklist_met, state.checklist_total
        ));
    }
    if !why.is_empty() {
        push(2, format!("{}.", why.join("; ")));
    }
    out
}

/// The iCalendar product identifier.
pub const PRODID: &str = "-//Pivot//Pivot workbench//EN";

/// The block event's summary line.
pub const BLOCK_SUMMARY: &str = "Pivot: 60 minutes on your career pivot narrative";

/// The week as an iCalendar document: the 60-minute block at `block_start` (local floating
/// time) and, when given, follow-up reminders; `stamp` is DTSTAMP (UTC), `uid_salt` makes UIDs
/// unique per workspace. CRLF line ends, folded at 75 octets, text escaped (RFC 5545).
///
/// Contents: one `VEVENT` (UID `block-<week_start>-<uid_salt>@pivot.local`, floating
/// DTSTART/DTEND [`BLOCK_MINUTES`] apart, a DESCRIPTION listing the items not yet done and the
/// stuck prompts, a DISPLAY `VALARM` [`ALARM_MINUTES`] before), then one `VTODO` per item not
/// yet done (UID `todo-<item id>-<week_start>-<uid_salt>@pivot.local`, distinct from the
/// event's even for the `block` item), due on the week's Sunday
/// (`DUE;VALUE=DATE`). The same inputs always give the same bytes.
pub fn ics(week: &Week, block_start: DateTime, stamp: jiff::Timestamp, uid_salt: &str) -> String {
    let stamp = ics_datetime(jiff::tz::Offset::UTC.to_datetime(stamp)) + "Z";
    let end = block_start.checked_add(BLOCK_MINUTES.minutes()).unwrap_or(block_start);
    let sunday = week.week_start.checked_add(6.days()).unwrap_or(week.week_start);
    let open: Vec<&WeekItem> = week.items.iter().filter(|i| !i.done).collect();

    let mut description = String::new();
    if open.is_empty() {
        description.push_str("This week's items are done.");
    } else {
        description.push_str("This week:");
        for item in &open {
            description.push_str(&format!("\n- {} {} ({})", item.title, item.detail, item.link));
        }
    }
    if !week.stuck.is_empty() {
        description.push_str("\n\nIf you are stuck:");
        for p in &week.stuck {
            description.push_str(&format!("\n- {} Why: {}", p.text, p.why));
        }
    }

    let mut out = String::new();
    let mut line = |s: &str| fold(s, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("BEGIN:VEVENT");
    line(&format!("UID:{}", escape(&format!("block-{}-{uid_salt}@pivot.local", week.week_start))));
    line(&format!("DTSTAMP:{stamp}"));
    line(&format!("DTSTART:{}", ics_datetime(block_start)));
    line(&format!("DTEND:{}", ics_datetime(end)));
    line(&format!("SUMMARY:{}", escape(BLOCK_SUMMARY)));
    line(&format!("DESCRIPTION:{}", escape(&description)));
    line("BEGIN:VALARM");
    line("ACTION:DISPLAY");
    line(&format!("TRIGGER:-PT{ALARM_MINUTES}M"));
    line(&format!("DESCRIPTION:{}", escape(BLOCK_SUMMARY)));
    line("END:VALARM");
    line("END:VEVENT");
    for item in &open {
        line("BEGIN:VTODO");
        line(&format!(
            "UID:{}",
            escape(&format!("todo-{}-{}-{uid_salt}@pivot.local", item.id, week.week_start))
        ));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DUE;VALUE=DATE:{}", ics_date(sunday)));
        line(&format!("SUMMARY:{}", escape(&format!("Pivot: {}", item.title))));
        line(&format!("DESCRIPTION:{}", escape(&format!("{} ({})", item.detail, item.link))));
        line("STATUS:NEEDS-ACTION");
        line("END:VTODO");
    }
    line("END:VCALENDAR");
    out
}

/// `YYYYMMDD` (RFC 5545 DATE).
fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `YYYYMMDDTHHMMSS` (RFC 5545 DATE-TIME, floating form).
fn ics_datetime(dt: DateTime) -> String {
    format!("{}T{:02}{:02}{:02}", ics_date(dt.date()), dt.hour(), dt.minute(), dt.second())
}

/// Escapes an RFC 5545 TEXT value: backslash, semicolon, comma, and line breaks (`\r\n`, `\n`
/// and a lone `\r` each become `\n`); other control characters, which TEXT does not allow,
/// are dropped (tab is kept).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line to `out`, folded so that no physical line exceeds 75 octets
/// (continuations start with a space, which counts), never inside a UTF-8 character, each
/// ending in CRLF.
fn fold(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}
