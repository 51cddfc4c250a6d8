//! `pivot rules` and `pivot roles`.

use crate::args::{RulesAction, RulesArgs, StyleArgs};
use crate::input::analyzer;
use anyhow::{Result, bail};
use std::io::Write;
use std::process::ExitCode;

pub fn rules(args: RulesArgs) -> Result<ExitCode> {
    let analyzer = analyzer(&args.style)?;
    let mut out = std::io::stdout().lock();
    match args.action {
        None => {
            let width = analyzer.rules().rules().iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in analyzer.rules().rules() {
                let kinds = if r.def.applies_to.is_empty() {
                    "all".to_owned()
                } else {
                    r.def.applies_to.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
                };
                writeln!(
                    out,
                    "{:<width$}  {:<10}  {:<12}  {:<9}  {:<24}  {}",
                    r.id,
                    r.def.severity.as_str(),
                    format!("{:?}", r.def.kind).to_lowercase(),
                    format!("{:?}", r.def.scope).to_lowercase(),
                    kinds,
                    r.def.method
                )?;
            }
        }
        Some(RulesAction::Explain { id }) => {
            let Some(r) = analyzer.rules().get(&id) else {
                bail!("no rule `{id}`; `pivot rules` lists them");
            };
            writeln!(
                out,
                "{}  ({} · {:?} · scope {:?})",
                r.id,
                r.def.severity.as_str(),
                r.def.kind,
                r.def.scope
            )?;
            writeln!(out, "file: {}", r.path)?;
            writeln!(out, "message: {}", r.def.message)?;
            if let Some(s) = &r.def.suggestion {
                writeln!(out, "suggestion: {s}")?;
            }
            writeln!(out, "method ({}): “{}”", r.def.method, r.def.quote)?;
            if !r.def.applies_to.is_empty() {
                let kinds: Vec<&str> = r.def.applies_to.iter().map(|k| k.as_str()).collect();
                writeln!(out, "applies to: {}", kinds.join(", "))?;
            }
            if r.def.needs_level {
                writeln!(
                    out,
                    "runs only when a target level is known (--level, or named in the text)"
                )?;
            }
            for ex in &r.def.examples {
                if let Some(b) = &ex.bad {
                    writeln!(out, "  bad:  {b}")?;
                }
                if let Some(g) = &ex.good {
                    writeln!(out, "  good: {g}")?;
                }
            }
        }
        Some(RulesAction::Test) => {
            let mut failed = 0;
            for r in analyzer.rules().rules() {
                let failures = pivot_lint::testing::run_examples(&analyzer, r);
                if failures.is_empty() {
                    writeln!(out, "ok    {} ({} example(s))", r.id, r.def.examples.len())?;
                } else {
                    failed += 1;
                    for f in failures {
                        writeln!(out, "FAIL  {} example {}: {}", f.rule, f.index, f.problem)?;
                    }
                }
            }
            let total = analyzer.rules().rules().len();
            writeln!(out, "{} passed, {failed} failed", total - failed)?;
            return Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn roles(args: StyleArgs) -> Result<ExitCode> {
    let analyzer = analyzer(&args)?;
    let mut out = std::io::stdout().lock();
    for pack in analyzer.packs() {
        writeln!(out, "{} — {}", pack.def.id, pack.def.name)?;
        for l in &pack.levels {
            writeln!(out, "  {}. {:<10} {:<26} {}", l.rank, l.def.id, l.def.name, l.def.scope)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
