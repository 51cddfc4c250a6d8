//! The entry point: [`Analyzer::check`] turns text into a [`Report`].

use crate::checklist::{ChecklistItem, checklist};
use crate::engine::{Finding, run_rule};
use crate::error::LoadError;
use crate::matcher::MatchCtx;
use crate::role::{Level, RoleClass, RolePack};
use crate::rule::{DocKind, Severity};
use crate::scan::{Lexical, Scan, Similarity, closeness, scan};
use crate::score::{Scores, score};
use crate::signals::{SignalLists, SignalMatchers, collect};
use crate::style::{RuleSet, StyleFiles, StyleSource, Syntax};
use pivot_text::{Document, Format, LineCol, Span};
use serde::Serialize;
use std::sync::Arc;

/// The largest text analysed; longer input is cut here (the caller should refuse it first).
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// Built-in files, embedded at build time.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The built-in style: `(path, contents)` of each file.
pub fn builtin_style() -> StyleSource {
    let files = builtin_files(builtin::STYLE_FILES, Syntax::Toml);
    StyleSource {
        name: builtin::STYLE_NAME.to_owned(),
        files: files.map(|(p, t)| (p.to_owned(), t.to_owned())).collect(),
    }
}

/// The built-in role packs: `(path, contents)`.
pub fn builtin_roles() -> Vec<(String, String)> {
    let files = builtin_files(builtin::ROLE_FILES, Syntax::Toml);
    files.map(|(p, t)| (p.to_owned(), t.to_owned())).collect()
}

/// The built-in files, `(path, contents)`, as written (TOML) or as build.rs converted them
/// (JSON); borrowed from the binary, not copied.
fn builtin_files(
    files: &'static [(&'static str, &'static str, &'static str)],
    syntax: Syntax,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    files.iter().map(move |&(path, toml, json)| match syntax {
        Syntax::Toml => (path, toml),
        Syntax::Json => (path, json),
    })
}

/// The built-in style as files to load.
fn builtin_style_in(syntax: Syntax) -> StyleFiles<'static> {
    StyleFiles {
        name: builtin::STYLE_NAME,
        files: builtin_files(builtin::STYLE_FILES, syntax).collect(),
    }
}

fn builtin_roles_in(syntax: Syntax) -> Vec<(&'static str, &'static str)> {
    builtin_files(builtin::ROLE_FILES, syntax).collect()
}

/// Why a target could not be selected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// No pack has this id.
    #[error("unknown role `{given}`; known roles: {known}")]
    UnknownRole {
        /// What was asked for.
        given: String,
        /// The pack ids.
        known: String,
    },
    /// The pack has no such level.
    #[error("unknown level `{given}` for role `{role}`; known levels: {known}")]
    UnknownLevel {
        /// The pack.
        role: String,
        /// What was asked for.
        given: String,
        /// The level ids.
        known: String,
    },
}

/// A validated choice of role pack and level (made with [`Analyzer::target`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetSpec {
    pack: usize,
    level: Option<usize>,
}

/// Options for one check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// What the text is.
    pub kind: DocKind,
    /// How to read it.
    pub format: Format,
    /// The target, when the user gave one.
    pub target: Option<TargetSpec>,
    /// The one-sentence summary the pivoter intends.
    pub intended: Option<String>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            kind: DocKind::Narrative,
            format: Format::Markdown,
            target: None,
            intended: None,
        }
    }
}

/// Where a finding is: bytes and 1-based line/column of its start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Line of `start`.
    pub line: usize,
    /// Column of `start`, in chars.
    pub column: usize,
    /// Line of `end`.
    pub end_line: usize,
    /// Column of `end`, in chars.
    pub end_column: usize,
}

/// One finding, located.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Rule id.
    pub rule: Arc<str>,
    /// Severity.
    pub severity: Severity,
    /// What is wrong here.
    pub message: Arc<str>,
    /// A fix, when there is one.
    pub suggestion: Option<Arc<str>>,
    /// Where.
    pub span: Location,
    /// The method section the rule enforces.
    pub method: Arc<str>,
    /// The method's words behind the rule.
    pub quote: Arc<str>,
}

/// The target the analysis used.
#[derive(Debug, Clone, Serialize)]
pub struct TargetInfo {
    /// Role pack id.
    pub role: String,
    /// Level id, when known.
    pub level: Option<String>,
    /// Level display name.
    pub level_name: Option<String>,
    /// `flag` (given), `inferred` (named in the text) or `none`.
    pub source: &'static str,
}

/// Everything the analysis found in one text.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// What the text was taken as.
    pub kind: DocKind,
    /// The target in force.
    pub target: TargetInfo,
    /// Findings, sorted by position then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes about the analysis itself (empty input, truncation…), not about the writing.
    pub notes: Vec<String>,
    /// The signal-strength score.
    pub scores: Scores,
    /// The ten-second scan.
    pub scan: Scan,
    /// The proof checklist (narratives and resumes only).
    pub checklist: Vec<ChecklistItem>,
    /// Words in the text.
    pub words: usize,
}

/// Rules, role packs and signal matchers, compiled once; checks any number of texts.
#[derive(Debug, Clone)]
pub struct Analyzer {
    rules: RuleSet,
    packs: Vec<RolePack>,
    signals: SignalMatchers,
    pub(crate) phrases: crate::phrase::PhraseIndex,
}

impl Analyzer {
    /// The built-in style and role packs.
    pub fn builtin() -> Analyzer {
        // The built-in files are tested on every build; failing here is a bug in them.
        // From the JSON copies build.rs wrote: parsing the TOML was a third of a `pivot check`
        // process (the_builtin_style_parses_alike_from_toml_and_json guards the copies).
        Analyzer::load(
            &[builtin_style_in(Syntax::Json)],
            &builtin_roles_in(Syntax::Json),
            Syntax::Json,
        )
        .expect("the built-in style and role packs load")
    }

    /// Loads `styles` (the built-in one first, usually) and role packs; every pattern is
    /// compiled now, so a broken one fails here.
    pub fn new(styles: &[StyleSource], roles: &[(String, String)]) -> Result<Analyzer, LoadError> {
        let styles: Vec<StyleFiles<'_>> = styles.iter().map(StyleSource::files).collect();
        let roles: Vec<(&str, &str)> =
            roles.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        Analyzer::load(&styles, &roles, Syntax::Toml)
    }

    fn load(
        styles: &[StyleFiles<'_>],
        roles: &[(&str, &str)],
        syntax: Syntax,
    ) -> Result<Analyzer, LoadError> {
        let _cache = crate::matcher::LoadCache::start();
        let mut registry = crate::phrase::PhraseRegistry::default();
        let rules = RuleSet::load(styles, syntax, &mut registry)?;
        let mut packs = Vec::with_capacity(roles.len());
        for &(path, text) in roles {
            let pack = RolePack::parse(path, text, syntax, &mut registry)?;
            if packs.iter().any(|p: &RolePack| p.def.id == pack.def.id) {
                return Err(LoadError::new(
                    path,
                    format!("role `{}` is defined twice", pack.def.id),
                ));
            }
            packs.push(pack);
        }
        if packs.is_empty() {
            return Err(LoadError::new("roles", "at least one role pack is needed"));
        }
        packs.sort_by(|a, b| a.def.id.cmp(&b.def.id));
        let signals = SignalMatchers::new(&rules, &mut registry);
        Ok(Analyzer { rules, packs, signals, phrases: registry.build() })
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The role packs, sorted by id.
    pub fn packs(&self) -> &[RolePack] {
        &self.packs
    }

    /// Validates a role and level choice. Without a role the first pack is used.
    pub fn target(
        &self,
        role: Option<&str>,
        level: Option<&str>,
    ) -> Result<TargetSpec, TargetError> {
        let pack = match role {
            Some(r) => {
                self.packs.iter().position(|p| p.def.id.eq_ignore_ascii_case(r)).ok_or_else(
                    || TargetError::UnknownRole {
                        given: r.to_owned(),
                        known: self
                            .packs
                            .iter()
                            .map(|p| p.def.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                )?
            }
            None => self.default_pack(),
        };
        let level = match level {
            Some(l) => {
                Some(self.packs[pack].levels.iter().position(|x| x.answers_to(l)).ok_or_else(
                    || TargetError::UnknownLevel {
                        role: self.packs[pack].def.id.clone(),
                        given: l.to_owned(),
                        known: self.packs[pack].level_ids().join(", "),
                    },
                )?)
            }
            None => None,
        };
        Ok(TargetSpec { pack, level })
    }

    fn default_pack(&self) -> usize {
        self.packs.iter().position(|p| p.def.id == "product-management").unwrap_or(0)
    }

    /// Checks many texts on every core (each taking the longest text left, so no core idles
    /// while another finishes a long one); reports come back in input order, each the same as
    /// [`Analyzer::check`] gives.
    pub fn check_many(&self, inputs: &[(&str, &CheckOptions)]) -> Vec<Report> {
        let mut longest_first: Vec<usize> = (0..inputs.len()).collect();
        longest_first.sort_by_key(|&i| std::cmp::Reverse(inputs[i].0.len()));
        let mut reports = Vec::with_capacity(inputs.len());
        let done: Result<(), std::convert::Infallible> = self.check_batch(
            inputs,
            &longest_first,
            |_, report| report,
            |_, report| {
                reports.push(report);
                Ok(())
            },
        );
        let Ok(()) = done;
        reports
    }

    /// Checks many texts on every core and hands each report to `each` in input order, as soon
    /// as it and all before it are done: output starts with the first text, and only the
    /// reports that finished ahead of an earlier one wait in memory. Texts are taken in input
    /// order (unlike [`Analyzer::check_many`], which takes the longest first and answers at
    /// the end). The first error from `each` stops the batch (workers finish the text they
    /// hold) and is returned. No I/O here: `each` does it.
    pub fn check_each<E>(
        &self,
        inputs: &[(&str, &CheckOptions)],
        each: impl FnMut(usize, Report) -> Result<(), E>,
    ) -> Result<(), E> {
        self.check_each_then(inputs, |_, report| report, each)
    }

    /// [`Analyzer::check_each`] with a step `then` that turns each report into what `each`
    /// takes, run on the worker that checked the text (a caller's rendering or serialising
    /// then runs on every core, not only on the thread that writes).
    pub fn check_each_then<T: Send, E>(
        &self,
        inputs: &[(&str, &CheckOptions)],
        then: impl Fn(usize, Report) -> T + Sync,
        each: impl FnMut(usize, T) -> Result<(), E>,
    ) -> Result<(), E> {
        let in_order: Vec<usize> = (0..inputs.len()).collect();
        self.check_batch(inputs, &in_order, then, each)
    }

    /// The core's only use of threads (scoped; no I/O): workers take the texts in `order`,
    /// apply `then` to each report, and `each` gets the results in input order.
    fn check_batch<T: Send, E>(
        &self,
        inputs: &[(&str, &CheckOptions)],
        order: &[usize],
        then: impl Fn(usize, Report) -> T + Sync,
        mut each: impl FnMut(usize, T) -> Result<(), E>,
    ) -> Result<(), E> {
        // One text needs no threads, nor the ~20 system calls that count the cores (cgroups).
        let workers = match inputs.len() {
            0 | 1 => 1,
            n => std::thread::available_parallelism().map_or(1, |c| c.get()).min(n),
        };
        if workers <= 1 {
            for (i, (text, opts)) in inputs.iter().enumerate() {
                each(i, then(i, self.check(text, opts)))?;
            }
            return Ok(());
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let (done, reports) = std::sync::mpsc::channel::<(usize, T)>();
        // Takes the next text in `order`, checks it and sends the report; false when none is
        // left or the batch was stopped.
        let work = |done: &std::sync::mpsc::Sender<(usize, T)>| {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return false;
            }
            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(taken) else { return false };
            let (text, opts) = inputs[i];
            done.send((i, then(i, self.check(text, opts)))).is_ok()
        };
        // Reports that came in ahead of an earlier one, by index.
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        let mut deliver = |i: usize, report: T| -> Result<(), E> {
            waiting.insert(i, report);
            while let Some(report) = waiting.remove(&due) {
                if let Err(e) = each(due, report) {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
                due += 1;
            }
            Ok(())
        };
        std::thread::scope(|scope| {
            for _ in 1..workers {
                let done = done.clone();
                scope.spawn(move || while work(&done) {});
            }
            // This thread works too, handing over what is due between its own checks.
            while work(&done) {
                for (i, report) in reports.try_iter() {
                    deliver(i, report)?;
                }
            }
            drop(done);
            for (i, report) in reports {
                deliver(i, report)?;
            }
            Ok(())
        })
    }

    /// Checks one text. Never fails: problems with the text itself are findings or notes.
    pub fn check(&self, text: &str, opts: &CheckOptions) -> Report {
        let mut notes = Vec::new();
        let text = if text.len() > MAX_INPUT_BYTES {
            let mut cut = MAX_INPUT_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            notes.push(format!(
                "the text is longer than {MAX_INPUT_BYTES} bytes; only the start was analysed"
            ));
            &text[..cut]
        } else {
            text
        };
        let doc = Document::parse(text, opts.format);
        if doc.blocks.is_empty() {
            notes.push("the text is empty: nothing to check".to_owned());
        }
        let norm = crate::phrase::Normalized::new(&doc.plain);
        let hits = self.phrases.scan(&norm);
        let spec = opts.target.unwrap_or(TargetSpec { pack: self.default_pack(), level: None });
        let pack = &self.packs[spec.pack];
        let (level, source) = match spec.level {
            Some(i) => (Some(&pack.levels[i]), "flag"),
            None => match infer_level(&doc, &hits, pack, &self.signals) {
                Some(l) => (Some(l), "inferred"),
                None => (None, "none"),
            },
        };
        let ctx = MatchCtx { doc: &doc, pack, level, hits: &hits };
        let mut findings: Vec<Finding> = Vec::new();
        let units = crate::engine::Units::new(&doc, opts.kind);
        for rule in self.rules.rules() {
            if !rule.applies_to(opts.kind) {
                continue;
            }
            if (rule.def.needs_level || rule.def.min_rank.is_some()) && level.is_none() {
                continue;
            }
            if let (Some(min), Some(l)) = (rule.def.min_rank, level)
                && l.rank < min
            {
                continue;
            }
            run_rule(rule, ctx, opts.kind, &units, &mut findings);
        }
        findings.sort_by(|a, b| (a.span, &a.rule.id).cmp(&(b.span, &b.rule.id)));
        findings.dedup_by(|a, b| a.span == b.span && a.rule.id == b.rule.id);

        let lists = SignalLists::find(&self.signals, ctx);
        let signals = collect(ctx, &lists);
        let mut scan = scan(&doc, &signals);
        if let (Some(intended), Some(summary)) = (&opts.intended, &scan.summary) {
            scan.intended = Some(closeness(&Lexical as &dyn Similarity, &summary.text, intended));
        }
        let scores = score(&doc, opts.kind, &signals, &findings, &scan, level);
        let checklist = match opts.kind {
            DocKind::Narrative | DocKind::Resume => checklist(&doc, &signals),
            _ => Vec::new(),
        };
        let diagnostics = findings
            .into_iter()
            .map(|f| Diagnostic {
                span: locate(&doc, f.span),
                // Shared with the rule: a copy of each per finding was a fifth of a check's
                // allocations.
                rule: f.rule.labels.id.clone(),
                method: f.rule.labels.method.clone(),
                quote: f.rule.labels.quote.clone(),
                severity: f.severity,
                message: f.message,
                suggestion: f.suggestion,
            })
            .collect();
        // The scan counted them (`Document::word_count`).
        let words = scan.words_total;
        Report {
            kind: opts.kind,
            target: TargetInfo {
                role: pack.def.id.clone(),
                level: level.map(|l| l.def.id.clone()),
                level_name: level.map(|l| l.def.name.clone()),
                source: if level.is_some() { source } else { "none" },
            },
            diagnostics,
            notes,
            scores,
            scan,
            checklist,
            words,
        }
    }
}

fn locate(doc: &Document, span: Span) -> Location {
    let LineCol { line, column } = doc.line_col(span.start);
    let end = doc.line_col(span.end);
    Location {
        start: span.start,
        end: span.end,
        line,
        column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// The level a text aims at: the highest level named in a sentence that points at a move
/// ("moving into", "my next role"), else none. Pivots aim up, so the highest rung wins.
fn infer_level<'a>(
    doc: &Document,
    hits: &crate::phrase::PhraseHits,
    pack: &'a RolePack,
    signals: &SignalMatchers,
) -> Option<&'a Level> {
    let ctx = MatchCtx { doc, pack, level: None, hits };
    let cues = signals.cue_spans(ctx);
    let cue_sentences: Vec<Span> = doc
        .sentences
        .iter()
        .filter(|s| cues.iter().any(|c| s.span.contains(*c)))
        .map(|s| s.span)
        .collect();
    pack.levels.iter().rev().find(|level| {
        level.class(RoleClass::LevelTitles).is_some_and(|group| {
            hits.group(group).iter().any(|(m, _)| cue_sentences.iter().any(|s| s.contains(*m)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `then` runs once per report, with that report's index, and `each` gets its results in
    /// input order (the CLI serialises in `then`, on the worker that checked the text).
    #[test]
    fn check_each_then_hands_over_what_then_made_of_each_report_in_input_order() {
        let analyzer = Analyzer::builtin();
        let opts = CheckOptions::default();
        let texts =
            ["Led 3 squads.", "", "I was responsible for the roadmap.", "Grew revenue 40%."];
        let inputs: Vec<(&str, &CheckOptions)> = texts.iter().map(|t| (*t, &opts)).collect();
        let summary = |r: &Report| (r.diagnostics.len(), r.words);
        let mut got = Vec::new();
        let done: Result<(), ()> = analyzer.check_each_then(
            &inputs,
            |i, report| (i, summary(&report)),
            |i, made| {
                got.push((i, made));
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        let want: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i, (i, summary(&analyzer.check(t, &opts)))))
            .collect();
        assert_eq!(got, want);
    }

    /// Guards the labels a diagnostic shares with its rule: each carries its own rule's id,
    /// method section and quote.
    #[test]
    fn every_diagnostic_carries_its_own_rules_method_and_quote() {
        let analyzer = Analyzer::builtin();
        let text = "I'm passionate and results-driven. I was responsible for the roadmap and \
                    helped with launches. Improved onboarding. I think I could maybe lead.";
        let report = analyzer.check(text, &CheckOptions::default());
        let rules: std::collections::BTreeSet<&str> =
            report.diagnostics.iter().map(|d| &*d.rule).collect();
        assert!(rules.len() >= 3, "several rules fire: {rules:?}");
        for d in &report.diagnostics {
            let rule = analyzer.rules().get(&d.rule).expect("a diagnostic names a loaded rule");
            assert_eq!(*d.rule, *rule.id);
            assert_eq!(*d.method, *rule.def.method, "{}", d.rule);
            assert_eq!(*d.quote, *rule.def.quote, "{}", d.rule);
            // A message or suggestion that names no variable is the rule's own text, shared
            // by its findings; one that does is filled in for this place.
            if rule.def.message.contains('{') {
                assert!(!d.message.contains('{'), "{}: {}", d.rule, d.message);
            } else {
                assert_eq!(*d.message, *rule.def.message, "{}", d.rule);
            }
            if let Some(s) = rule.def.suggestion.as_deref().filter(|s| !s.contains('{')) {
                assert_eq!(d.suggestion.as_deref(), Some(s), "{}", d.rule);
            }
        }
    }

    /// Guards the JSON copies build.rs writes of the built-in files, which `Analyzer::builtin`
    /// loads: each parses to the same values as the TOML it was written from.
    #[test]
    fn the_builtin_style_parses_alike_from_toml_and_json() {
        use crate::role::RolePackDef;
        use crate::rule::RuleDef;
        let (toml, json) = (builtin_style_in(Syntax::Toml), builtin_style_in(Syntax::Json));
        assert_eq!(toml.files.len(), json.files.len());
        for ((path, t), (json_path, j)) in toml.files.iter().zip(&json.files) {
            assert_eq!(path, json_path);
            if path.ends_with("_classes.toml") {
                let parse = |syntax: Syntax, text| {
                    let v: toml::Table = syntax.parse(path, text).unwrap();
                    v
                };
                assert_eq!(parse(Syntax::Toml, t), parse(Syntax::Json, j), "{path}");
            } else {
                let from_toml: RuleDef = Syntax::Toml.parse(path, t).unwrap();
                let from_json: RuleDef = Syntax::Json.parse(path, j).unwrap();
                assert_eq!(from_toml, from_json, "{path}");
            }
        }
        let (toml, json) = (builtin_roles_in(Syntax::Toml), builtin_roles_in(Syntax::Json));
        assert_eq!(toml.len(), json.len());
        for ((path, t), (_, j)) in toml.iter().zip(&json) {
            let from_toml: RolePackDef = Syntax::Toml.parse(path, t).unwrap();
            let from_json: RolePackDef = Syntax::Json.parse(path, j).unwrap();
            assert_eq!(from_toml, from_json, "{path}");
        }
    }

    /// Guards [`Analyzer::builtin`] (JSON copies of the files, prebuilt DFAs): the built-in
    /// style loaded from its TOML must load, and both analyzers must report alike.
    #[test]
    fn the_builtin_analyzer_reports_as_the_style_loaded_from_toml() {
        let from_toml = Analyzer::new(&[builtin_style()], &builtin_roles())
            .expect("every built-in pattern compiles");
        let builtin = Analyzer::builtin();
        let text = "# Director of Product\n\nI was responsible for the roadmap and believe in \
                    data. Quickly shipped; onboarding was redesigned and improved. We doubled \
                    activation for 18,000 merchants.\n\n- Led 3 squads";
        for kind in DocKind::ALL {
            let opts = CheckOptions { kind, ..CheckOptions::default() };
            assert_eq!(
                serde_json::to_string(&builtin.check(text, &opts)).unwrap(),
                serde_json::to_string(&from_toml.check(text, &opts)).unwrap(),
                "{kind:?}"
            );
        }
    }
}
