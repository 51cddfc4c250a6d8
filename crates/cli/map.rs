//! `pivot map`: postings and the pivoter's material in, the asset map out.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use pivot_import::{As, Imported, Limits};
use pivot_lint::Analyzer;
use pivot_map::inputs::{dedupe, line_evidence, posting_input, resume_evidence};
use pivot_map::{AssetMap, Coverage, EvidenceInput, PostingInput, Target};

use crate::args::{MapArgs, OutputFormat};
use crate::import::import_path;
use crate::skills::open_engine;

pub fn map(args: MapArgs) -> Result<ExitCode> {
    if args.save {
        return map_saved(&args);
    }
    let limits = Limits::default();
    let mut postings: Vec<PostingInput> = Vec::new();
    for path in &args.posting {
        match import_path(path, As::Posting, &limits)? {
            Imported::Posting { posting, .. } => {
                postings.push(posting_input(&file_name(path), &posting));
            }
            Imported::Resume { .. } => {
                bail!("{}: reads as a resume, not a job posting", path.display())
            }
        }
    }
    let mut evidence: Vec<EvidenceInput> = Vec::new();
    for path in args.resume.iter().chain(&args.linkedin) {
        match import_path(path, As::Resume, &limits)? {
            Imported::Resume { resume, .. } => {
                evidence.extend(resume_evidence(&file_name(path), &resume));
            }
            Imported::Posting { .. } => {
                bail!("{}: reads as a job posting, not your material", path.display())
            }
        }
    }
    for path in &args.evidence {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
        evidence.extend(line_evidence(&file_name(path), &text));
    }
    let evidence = dedupe(evidence);

    let roles: Vec<(String, String)> = {
        let mut roles = pivot_lint::builtin_roles();
        for path in &args.role_pack {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read role pack {}", path.display()))?;
            roles.push((path.display().to_string(), text));
        }
        roles
    };
    let analyzer = Analyzer::new(&[pivot_lint::builtin_style()], &roles)?;
    let pack = analyzer.packs().iter().find(|p| p.def.id == args.role).with_context(|| {
        format!(
            "unknown role `{}`; known: {}",
            args.role,
            analyzer.packs().iter().map(|p| p.def.id.as_str()).collect::<Vec<_>>().join(", ")
        )
    })?;
    let level = match &args.level {
        Some(name) => Some(pack.level(name).with_context(|| {
            format!(
                "unknown level `{name}` for {}; known: {}",
                pack.def.id,
                pack.level_ids().join(", ")
            )
        })?),
        None => None,
    };

    let engine = open_engine(&args.engine)?;
    let started = Instant::now();
    let encoder = engine.encoder();
    let map = pivot_map::build(
        &postings,
        &evidence,
        Target { pack: Some(pack), level },
        engine.linker(),
        encoder.as_ref().map(|e| e as &dyn pivot_skills::Encoder),
    );
    let elapsed = started.elapsed();
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            let mut value = serde_json::to_value(&map)?;
            value["role"] = serde_json::Value::String(pack.def.id.clone());
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => render(&mut out, &map, &pack.def.name, args.top)?,
    }
    if args.format == OutputFormat::Text {
        writeln!(out, "(built in {:.0} ms)", elapsed.as_secs_f64() * 1000.0)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn render(out: &mut impl Write, map: &AssetMap, role: &str, top: usize) -> Result<()> {
    let target = match &map.level {
        Some(level) => format!("{level} ({role})"),
        None => role.to_string(),
    };
    writeln!(
        out,
        "Target: {target} — {} posting(s), {} requirement(s), {} piece(s) of evidence; {} matching{}",
        map.postings,
        map.requirements,
        map.evidence,
        match map.mode {
            pivot_skills::Mode::Hybrid => "meaning-based",
            pivot_skills::Mode::Lexical => "word-based (lexical)",
        },
        if map.skills_linked {
            ", ESCO skills linked"
        } else {
            ", no ESCO skills (run `pivot setup`)"
        },
    )?;
    for d in &map.diagnostics {
        writeln!(out, "note: {d}")?;
    }
    if map.signals.is_empty() {
        writeln!(out, "\nNo requirements found in the postings, so there are no signals to map.")?;
        return Ok(());
    }
    let covered = map.signals.iter().filter(|s| s.coverage == Coverage::Covered).count();
    let partial = map.signals.iter().filter(|s| s.coverage == Coverage::Partial).count();
    writeln!(
        out,
        "\nTop signals the target asks for ({} in all: {covered} covered, {partial} partly, {} gaps)",
        map.signals.len(),
        map.gaps.len()
    )?;
    for s in map.signals.iter().take(top) {
        let status = match s.coverage {
            Coverage::Covered => "covered",
            Coverage::Partial => "partial",
            Coverage::Gap => "GAP",
        };
        writeln!(out, "\n{:>3}. [{status}] {}", s.rank, clip(&s.text, 100))?;
        let skills: Vec<&str> = s.skills.iter().map(|k| k.label.as_str()).collect();
        writeln!(
            out,
            "     asked by {} of {} posting(s), {} as a must-have{}{}",
            s.postings,
            map.postings,
            s.must,
            if s.leadership { "; leadership/scope" } else { "" },
            if skills.is_empty() {
                String::new()
            } else {
                format!("; skills: {}", skills.join(", "))
            }
        )?;
        if let Some(m) = &s.best {
            writeln!(
                out,
                "     best evidence {:.2}: \"{}\"{}",
                m.score,
                clip(&m.text, 90),
                m.context.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()
            )?;
            writeln!(out, "       why: {}", m.why)?;
            writeln!(out, "       from: {}", m.evidence)?;
        }
    }
    if map.signals.len() > top {
        writeln!(out, "\n… {} more (--top N, or --format json for all)", map.signals.len() - top)?;
    }

    writeln!(out, "\nTransferable skills (your evidence shows them; the target asks for them)")?;
    if map.transferable.is_empty() {
        writeln!(
            out,
            "  none found{}",
            if map.skills_linked { "" } else { " (needs the ESCO taxonomy: `pivot setup`)" }
        )?;
    }
    for t in map.transferable.iter().take(10) {
        writeln!(
            out,
            "  - {}: in {} piece(s) of evidence, asked by {}",
            t.skill.label,
            t.evidence.len(),
            t.signals.join(", ")
        )?;
    }

    writeln!(out, "\nGaps and proof projects")?;
    if map.gaps.is_empty() {
        writeln!(out, "  no gaps: every signal has evidence")?;
    }
    for id in &map.gaps {
        let Some(s) = map.signals.iter().find(|s| &s.id == id) else { continue };
        writeln!(out, "  {} (#{}): {}", s.id, s.rank, clip(&s.text, 100))?;
        for p in map.proof.iter().filter(|p| &p.signal == id) {
            writeln!(out, "    → {}", p.title)?;
            if let Some(m) = &p.mirrors {
                writeln!(out, "      mirrors: {}", clip(m, 110))?;
            }
            if let (Some(skill), Some(def)) = (&p.skill, &p.skill_definition) {
                writeln!(out, "      skill: {skill} — {}", clip(def, 100))?;
            }
            if p.weeks > 0 {
                writeln!(
                    out,
                    "      deliver: {}; measure: {}; about {} weeks",
                    p.deliverable, p.measure, p.weeks
                )?;
            } else {
                writeln!(out, "      deliver: {}; measure: {}", p.deliverable, p.measure)?;
            }
        }
    }

    writeln!(out, "\nCut list (supports no signal: cut it or reframe it)")?;
    if map.cut_list.is_empty() {
        writeln!(out, "  nothing to cut")?;
    }
    for c in &map.cut_list {
        writeln!(out, "  - \"{}\" (best {:.2}; {})", clip(&c.text, 90), c.best_score, c.evidence)?;
    }
    Ok(())
}

/// `pivot map --save`: the given files go into the store; the map is built from everything
/// stored there and saved.
fn map_saved(args: &MapArgs) -> Result<ExitCode> {
    if !args.evidence.is_empty() || !args.role_pack.is_empty() {
        bail!(
            "--save maps what is stored: record proof projects with `pivot proof add … --status done --outcome …` instead of --evidence; extra role packs are not stored"
        );
    }
    let materials: Vec<_> = args.resume.iter().chain(&args.linkedin).cloned().collect();
    let model = args.engine.mode != Some(crate::args::LinkMode::Lexical);
    let (record, target) = crate::workspace::map_saved(
        &args.posting,
        &materials,
        &crate::args::StoreArgs {
            database: args.database.clone(),
            data_dir: args.engine.data_dir.clone(),
        },
        model,
        args.level.as_deref(),
        &args.role,
    )?;
    let mut out = std::io::stdout().lock();
    if args.format == OutputFormat::Json {
        writeln!(out, "{}", serde_json::to_string(&record)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Saved asset map {} for {target}: {} signals — {} covered, {} partly, {} gaps ({} matching)",
        record.id, record.signals, record.covered, record.partial, record.gaps, record.mode
    )?;
    let empty = Vec::new();
    let signals = record.result.get("signals").and_then(|s| s.as_array()).unwrap_or(&empty);
    for s in signals.iter().take(args.top) {
        let text = s.get("text").and_then(|t| t.as_str()).unwrap_or_default();
        let coverage = s.get("coverage").and_then(|t| t.as_str()).unwrap_or_default();
        writeln!(
            out,
            "{:>3}. [{coverage}] {}",
            s.get("rank").and_then(|r| r.as_u64()).unwrap_or(0),
            clip(text, 100)
        )?;
        if let Some(best) = s.get("best").filter(|b| !b.is_null()) {
            writeln!(
                out,
                "     best evidence {:.2}: \"{}\"",
                best.get("score").and_then(|x| x.as_f64()).unwrap_or(0.0),
                clip(best.get("text").and_then(|x| x.as_str()).unwrap_or_default(), 90)
            )?;
        }
    }
    if signals.len() > args.top {
        writeln!(
            out,
            "… {} more (`pivot status`, the workbench, or --format json)",
            signals.len() - args.top
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
