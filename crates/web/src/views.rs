//! View models read from the analysis JSON the store keeps (lint reports, asset maps,
//! imported postings). Every field has a default, so an older or newer shape still renders.

use std::collections::BTreeMap;

use pivot_store::Millis;
use serde::Deserialize;

use crate::highlight::{Mark, highlight};

/// A lint report (`pivot_lint::Report` JSON).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportView {
    pub kind: String,
    pub target: TargetInfoView,
    pub diagnostics: Vec<DiagnosticView>,
    pub notes: Vec<String>,
    pub scores: ScoresView,
    pub scan: ScanView,
    pub checklist: Vec<ChecklistView>,
    pub words: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TargetInfoView {
    pub role: String,
    pub level: Option<String>,
    pub level_name: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DiagnosticView {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub suggestion: Option<String>,
    pub span: LocationView,
    pub method: String,
    pub quote: String,
    /// About the whole text (not highlighted).
    #[serde(skip)]
    pub whole: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LocationView {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ScoresView {
    pub signal: i64,
    pub parts: BTreeMap<String, PartView>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PartView {
    pub points: f64,
    pub max: f64,
    pub explanation: String,
    pub evidence: Vec<TextView>,
}

impl PartView {
    /// `12.5/25`.
    pub fn points_text(&self) -> String {
        format!("{}/{}", trim_float(self.points), trim_float(self.max))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TextView {
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ScanView {
    pub seconds: f64,
    pub wpm: f64,
    pub budget_words: usize,
    pub words_total: usize,
    pub words_reached: usize,
    pub seconds_to_skim_all: f64,
    pub reached: Vec<TextView>,
    pub summary: Option<SummaryView>,
    pub intended: Option<ClosenessView>,
}

impl ScanView {
    /// The reached runs joined with ellipses.
    pub fn reached_text(&self) -> String {
        self.reached.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" … ")
    }

    /// `26 s`.
    pub fn skim_all_text(&self) -> String {
        format!("{} s", self.seconds_to_skim_all.round())
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SummaryView {
    pub text: String,
    pub score: f64,
    pub in_scan: bool,
    pub carries: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClosenessView {
    pub intended: String,
    pub similarity: f64,
    pub method: String,
    pub shared: Vec<String>,
    pub missing: Vec<String>,
}

impl ClosenessView {
    /// `0.62` as `62%`.
    pub fn percent(&self) -> String {
        percent(self.similarity)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ChecklistView {
    pub id: String,
    pub item: String,
    pub met: bool,
    pub evidence: String,
}

/// Everything the lint panel shows for one text.
#[derive(Debug, Clone, Default)]
pub struct LintView {
    /// The text as escaped HTML with the findings marked (safe to emit as is).
    pub highlight: String,
    /// The report.
    pub report: ReportView,
}

impl LintView {
    /// From a report's JSON and the text it is about.
    pub fn new(text: &str, report: &serde_json::Value) -> LintView {
        let mut report: ReportView = ReportView::deserialize(report).unwrap_or_default();
        // A finding about the whole text (a missing call to action, no leadership example…)
        // spans all of it: it is listed, not painted over every word.
        let first = text.len() - text.trim_start().len();
        let last = text.trim_end().len();
        for d in &mut report.diagnostics {
            d.whole = d.span.start <= first && d.span.end >= last;
        }
        let marks: Vec<Mark> = report
            .diagnostics
            .iter()
            .filter(|d| !d.whole)
            .map(|d| Mark {
                start: d.span.start,
                end: d.span.end,
                rule: d.rule.to_string(),
                severity: d.severity.clone(),
                message: d.message.clone(),
            })
            .collect();
        LintView { highlight: highlight(text, &marks), report }
    }
}

/// An asset map (`pivot_map::AssetMap` JSON).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MapView {
    pub mode: String,
    pub skills_linked: bool,
    pub level: Option<String>,
    pub postings: usize,
    pub requirements: usize,
    pub evidence: usize,
    pub signals: Vec<SignalView>,
    pub transferable: Vec<TransferableView>,
    pub gaps: Vec<String>,
    pub cut_list: Vec<CutView>,
    pub proof: Vec<ProofSuggestionView>,
    pub diagnostics: Vec<String>,
}

impl MapView {
    /// From the stored JSON.
    pub fn new(result: &serde_json::Value) -> MapView {
        serde_json::from_value(result.clone()).unwrap_or_default()
    }

    /// Signals that are gaps, in rank order.
    pub fn gap_signals(&self) -> Vec<&SignalView> {
        self.signals.iter().filter(|s| self.gaps.contains(&s.id) || s.coverage == "gap").collect()
    }

    /// Proof suggestions for a signal.
    pub fn proof_for(&self, id: &str) -> Vec<&ProofSuggestionView> {
        self.proof.iter().filter(|p| p.signal == id).collect()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SignalView {
    pub rank: usize,
    pub id: String,
    pub text: String,
    pub postings: usize,
    pub must: usize,
    pub asks: Vec<AskView>,
    pub skills: Vec<SkillView>,
    pub leadership: bool,
    pub coverage: String,
    pub best: Option<MatchView>,
    pub also: Vec<MatchView>,
}

impl SignalView {
    /// `covered`, `partial` or `gap` (anything else reads as a gap).
    pub fn coverage_class(&self) -> &'static str {
        match self.coverage.as_str() {
            "covered" => "covered",
            "partial" => "partial",
            _ => "gap",
        }
    }

    /// `covered`, `partly covered`, `gap`.
    pub fn coverage_label(&self) -> &'static str {
        match self.coverage_class() {
            "covered" => "covered",
            "partial" => "partly covered",
            _ => "gap",
        }
    }

    /// The skills' labels, joined.
    pub fn skill_labels(&self) -> String {
        self.skills.iter().map(|s| s.label.as_str()).collect::<Vec<_>>().join(", ")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AskView {
    pub posting: String,
    pub text: String,
    pub must: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SkillView {
    pub uri: String,
    pub label: String,
    pub score: f64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MatchView {
    pub evidence: String,
    pub kind: String,
    pub text: String,
    pub context: Option<String>,
    pub score: f64,
    pub similarity: f64,
    pub skill: Option<SkillView>,
    pub leadership_bonus: f64,
    pub why: String,
}

impl MatchView {
    /// `0.87`.
    pub fn score_text(&self) -> String {
        format!("{:.2}", self.score)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TransferableView {
    pub skill: SkillView,
    pub evidence: Vec<String>,
    pub signals: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CutView {
    pub evidence: String,
    pub kind: String,
    pub text: String,
    pub best_score: f64,
    pub nearest_signal: Option<String>,
}

impl CutView {
    /// `0.21`.
    pub fn score_text(&self) -> String {
        format!("{:.2}", self.best_score)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProofSuggestionView {
    pub signal: String,
    pub template: String,
    pub title: String,
    pub mirrors: Option<String>,
    pub skill: Option<String>,
    pub skill_definition: Option<String>,
    pub deliverable: String,
    pub measure: String,
    pub weeks: u32,
    pub why: String,
}

impl ProofSuggestionView {
    /// The description a tracked proof project starts with.
    pub fn description(&self) -> String {
        let mut d = self.deliverable.clone();
        if !self.measure.is_empty() {
            d.push_str("\nMeasure: ");
            d.push_str(&self.measure);
        }
        if let Some(m) = &self.mirrors {
            d.push_str("\nMirrors: ");
            d.push_str(m);
        }
        d
    }
}

/// A posting as imported (`pivot_import::Posting`, possibly inside an `Imported` envelope).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PostingView {
    pub title: Option<String>,
    pub company: Option<String>,
    #[serde(rename = "x-pivot-level")]
    pub level: Option<String>,
    #[serde(rename = "x-pivot-requirements")]
    pub requirements: Vec<RequirementView>,
    pub responsibilities: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RequirementView {
    pub text: String,
    pub must: bool,
}

impl PostingView {
    /// Reads an extracted posting, with or without the `{"type":"posting","posting":…}` envelope.
    pub fn new(extracted: &serde_json::Value) -> PostingView {
        let inner = extracted.get("posting").filter(|v| v.is_object()).unwrap_or(extracted);
        serde_json::from_value(inner.clone()).unwrap_or_default()
    }
}

/// `0.62` → `62%`.
pub fn percent(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

/// `12.0` → `12`, `12.5` → `12.5`.
pub fn trim_float(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 { format!("{}", x.round() as i64) } else { format!("{x:.1}") }
}

/// Unix ms as local `YYYY-MM-DD HH:MM`.
pub fn datetime(ms: Millis) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(t) => t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => String::new(),
    }
}

/// Unix ms as local `YYYY-MM-DD`.
pub fn date(ms: Millis) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(t) => t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d").to_string(),
        Err(_) => String::new(),
    }
}
