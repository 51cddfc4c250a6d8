//! `pivot skills` and `pivot eval skills`: sentence → ESCO skills, and the
//! linking benchmark.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use pivot_engine::{Engine, EngineEvent};
use pivot_skills::{EvalSet, LabelResolver, Link, LinkerConfig, evaluate};

use crate::args::{EngineArgs, EvalSkillsArgs, LinkMode, OutputFormat, SkillsArgs};

/// Opens the engine for a command: progress on a terminal, the lexical-mode
/// notice once on standard error.
pub fn open_engine(args: &EngineArgs) -> Result<Engine> {
    let data = match &args.data_dir {
        Some(dir) => dir.clone(),
        None => pivot_data::data_dir()?,
    };
    let use_model = args.mode != Some(LinkMode::Lexical);
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut progress = |event: EngineEvent| match event {
        EngineEvent::Step { what, total } => {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
            eprintln!("pivot: {what}");
            bar = Some(crate::import::progress(total.unwrap_or(0), &what));
        }
        EngineEvent::Advance(n) => {
            if let Some(b) = &bar {
                b.inc(n);
            }
        }
    };
    let engine = Engine::open(&data, use_model, &mut progress);
    if let Some(b) = bar.take() {
        b.finish_and_clear();
    }
    if args.mode == Some(LinkMode::Hybrid) && engine.embedder().is_none() {
        bail!(
            "--mode hybrid needs the embedding model: {}",
            engine.notice().unwrap_or("not installed")
        );
    }
    if let Some(notice) = engine.notice() {
        eprintln!("pivot: {notice}");
    }
    if std::env::var_os("PIVOT_LOAD_TIMES").is_some() {
        let t = &engine.times;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "pivot: loaded taxonomy {:.0} ms, lexical index {:.0} ms, model {:.0} ms ({} arithmetic), vector index {:.0} ms{}",
            ms(t.taxonomy),
            ms(t.lexical),
            ms(t.model),
            engine.embedder().map_or("no", |e| e.arithmetic().name()),
            ms(t.index),
            if t.index_built { " (built now)" } else { "" }
        );
    }
    Ok(engine)
}

pub fn skills(args: SkillsArgs) -> Result<ExitCode> {
    let sentences: Vec<String> = if args.sentences.is_empty() || args.sentences == ["-"] {
        std::io::stdin()
            .lock()
            .lines()
            .collect::<Result<Vec<_>, _>>()
            .context("reading standard input")?
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect()
    } else {
        args.sentences.clone()
    };
    if sentences.is_empty() {
        bail!("no sentence given: `pivot skills \"Led pricing experiments with sales\"`");
    }
    let engine = open_engine(&args.engine)?;
    let Some(linker) = engine.linker() else {
        eprintln!("pivot: the ESCO taxonomy is not installed: run `pivot setup`");
        return Ok(ExitCode::from(1));
    };
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let started = Instant::now();
    let links = engine.link(&refs, args.top.max(1));
    let elapsed = started.elapsed();
    let mut out = std::io::stdout().lock();
    let taxonomy = linker.taxonomy();
    for (sentence, links) in sentences.iter().zip(&links) {
        match args.format {
            OutputFormat::Json => {
                let skills: Vec<serde_json::Value> =
                    links.iter().map(|l| link_json(taxonomy, l)).collect();
                let value = serde_json::json!({
                    "sentence": sentence,
                    "mode": linker.mode(),
                    "skills": skills,
                });
                writeln!(out, "{value}")?;
            }
            OutputFormat::Text => {
                writeln!(out, "{sentence}")?;
                if links.is_empty() {
                    writeln!(out, "  no skill found")?;
                }
                for (rank, link) in links.iter().enumerate() {
                    let skill = taxonomy.get(link.skill);
                    writeln!(out, "  {}. {:.2}  {}", rank + 1, link.score, skill.label)?;
                    writeln!(out, "         {}", explain(link))?;
                    writeln!(out, "         {}", skill.uri)?;
                }
            }
        }
    }
    if args.format == OutputFormat::Text {
        writeln!(
            out,
            "({} mode, {} sentence(s) in {:.1} ms)",
            match linker.mode() {
                pivot_skills::Mode::Hybrid => "hybrid",
                pivot_skills::Mode::Lexical => "lexical",
            },
            sentences.len(),
            elapsed.as_secs_f64() * 1000.0
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn link_json(taxonomy: &pivot_skills::Taxonomy, link: &Link) -> serde_json::Value {
    let skill = taxonomy.get(link.skill);
    serde_json::json!({
        "uri": skill.uri,
        "label": skill.label,
        "score": round(link.score),
        "semantic": link.semantic.map(round),
        "view": link.view,
        "lexical": round(link.lexical),
        "matched": link.matched,
        "why": explain(link),
    })
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// One line a person can check: which parts made the score.
pub fn explain(link: &Link) -> String {
    let mut parts = Vec::new();
    if let Some(cos) = link.semantic {
        let view = match link.view {
            Some(pivot_skills::View::Labels) => "its labels",
            Some(pivot_skills::View::Description) => "its definition",
            _ => "its text",
        };
        parts.push(format!("meaning close to {view} (cosine {cos:.2})"));
    }
    if !link.matched.is_empty() {
        parts.push(format!(
            "shares the words {} (lexical {:.2})",
            link.matched.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", "),
            link.lexical
        ));
    }
    if parts.is_empty() { "no direct evidence".into() } else { parts.join("; ") }
}

pub fn eval(args: EvalSkillsArgs) -> Result<ExitCode> {
    let mut engine = open_engine(&args.engine)?;
    if engine.linker().is_none() {
        bail!("the ESCO taxonomy is not installed: run `pivot setup`");
    }
    if let Some(weights) = &args.weights {
        let w: Vec<f32> = weights
            .split(',')
            .map(|x| x.trim().parse::<f32>())
            .collect::<Result<_, _>>()
            .context("--weights: four numbers separated by commas")?;
        if w.len() != 4 {
            bail!("--weights: four numbers separated by commas");
        }
        let config = LinkerConfig {
            semantic: w[0],
            lexical: w[1],
            view_labels: w[2],
            view_description: w[3],
            ..LinkerConfig::default()
        };
        engine.set_linker_config(config);
    }
    let linker = engine.linker().context("taxonomy")?;
    let labels = match &args.labels {
        Some(path) => {
            Some(std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?)
        }
        None => None,
    };
    let mut out = std::io::stdout().lock();
    for file in &args.files {
        let text = std::fs::read_to_string(file).with_context(|| format!("{}", file.display()))?;
        let set =
            EvalSet::parse_csv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let resolver = match &labels {
            Some(list) => LabelResolver::from_label_list(linker.taxonomy(), list),
            None => LabelResolver::by_prefix(
                linker.taxonomy(),
                set.sentences.iter().flat_map(|(_, l)| l.iter().cloned()),
            ),
        };
        let sentences: Vec<&str> = set.sentences.iter().map(|(s, _)| s.as_str()).collect();
        let started = Instant::now();
        // Rank deep enough that filtering to the benchmark's candidates keeps ten.
        let rankings = engine.link(&sentences, 200);
        let elapsed = started.elapsed();
        let mut next = rankings.into_iter();
        let report = evaluate(&set, &resolver, |_| {
            next.next().unwrap_or_default().into_iter().map(|l| l.skill).collect()
        });
        let value = serde_json::json!({
            "file": file.display().to_string(),
            "mode": linker.mode(),
            "config": linker.config,
            "report": report,
            "seconds": (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        });
        writeln!(out, "{value}")?;
    }
    Ok(ExitCode::SUCCESS)
}
