//! Pivot's analysis core: the method's signals and mistakes as rules, as data.
//!
//! An [`Analyzer`] holds compiled styles (folders of rule files) and role packs (level
//! ladders). [`Analyzer::check`] reads a text and returns a [`Report`]: findings with spans,
//! the ten-second scan, the signal-strength score with its parts, and the proof checklist.
//!
//! **Invariants:** no I/O (callers pass file contents in), no async, and checking user text
//! never fails or panics: problems with the text are findings or notes. Output order is
//! deterministic. Loading a style can fail, with a [`LoadError`] naming file, line and field.
//!
//! ```
//! use pivot_lint::{Analyzer, CheckOptions, DocKind};
//! let analyzer = Analyzer::builtin();
//! let opts = CheckOptions { kind: DocKind::Bullet, ..CheckOptions::default() };
//! let report = analyzer.check("Responsible for managing the product roadmap", &opts);
//! assert!(report.diagnostics.iter().any(|d| &*d.rule == "Method.TaskLanguage"));
//! ```
#![deny(missing_docs)]

mod analysis;
mod checklist;
mod compose;
mod engine;
mod error;
mod matcher;
mod phrase;
pub mod role;
pub mod rule;
pub mod scan;
pub mod score;
mod signals;
mod style;

pub use analysis::{
    Analyzer, CheckOptions, Diagnostic, Location, MAX_INPUT_BYTES, Report, TargetError, TargetInfo,
    TargetSpec, builtin_roles, builtin_style,
};
pub use checklist::ChecklistItem;
pub use error::LoadError;
pub use pivot_text::Format;
pub use role::{Level, ProofTemplate, RolePack};
pub use rule::{DocKind, RuleDef, RuleKind, Scope, Severity};
pub use signals::SentenceSignals;
pub use style::{Rule, RuleSet, StyleSource};

#[doc(hidden)]
pub mod testing;
