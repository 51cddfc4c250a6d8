//! Prints the iCalendar document for a sample mid-way week (for checking with other parsers):
//! `cargo run -p pivot-week --example ics > week.ics`.

use pivot_week::{State, ics, plan};

fn main() {
    let state = State {
        today: "2026-11-25".parse().expect("date"),
        target: Some("Director of Product (product-management), fintech".into()),
        intended: Some("I grow payments products — café, crème brûlée, 🚀; from zero to profitable scale, with \\ and\nnewline".into()),
        summary_closeness: Some(0.42),
        narratives: 3,
        latest_score: Some(52),
        score_two_weeks_ago: Some(50),
        outcomes_with_metrics: 1,
        proofs_active: 1,
        proofs_idea: 2,
        gaps: 2,
        top_gap: Some("PCI DSS compliance; risk, \"KYC\"".into()),
        checklist_met: 1,
        checklist_total: 5,
        ..State::default()
    };
    let week = plan(&state);
    let stamp = "2026-11-25T08:30:05Z".parse().expect("timestamp");
    print!("{}", ics(&week, week.block_start, stamp, "example"));
}
