//! The commands over the store: `status`, `target`, `proof`, `narrative`, `checklist`, `week`,
//! `import --save`, `import --workspace`, `export` (a whole workspace) and `map --save`. Each
//! opens the same store the web workbench uses and calls the same `pivot-workbench` job.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use pivot_store::{DatabaseUrl, Id, ProofInput, ProofStatus};
use pivot_workbench::{Config, ImportAs, TargetForm, Upload, Workbench};

use crate::args::{
    AsArg, NarrativeAction, NarrativeArgs, OutputFormat, ProofAction, ProofArgs, ProofFields,
    ProofStatusArg, StoreArgs, StoreCmdArgs, TargetAction, TargetArgs, WeekArgs,
};

/// The data directory from the flag or the environment.
pub fn data_dir(store: &StoreArgs) -> Result<PathBuf> {
    Ok(match &store.data_dir {
        Some(d) => d.clone(),
        None => pivot_data::data_dir()?,
    })
}

/// The database URL: the flag, `PIVOT_DATABASE_URL`, else `pivot.db` in the data directory.
pub fn database_url(store: &StoreArgs) -> Result<DatabaseUrl> {
    match &store.database {
        Some(url) => Ok(DatabaseUrl::parse(url)?),
        None => {
            let dir = data_dir(store)?;
            Ok(DatabaseUrl::sqlite_file(&dir.join("pivot.db")))
        }
    }
}

/// A runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Opens the workbench; the model loads only when `model` is set.
pub async fn open(store: &StoreArgs, model: bool) -> Result<Workbench> {
    let url = database_url(store)?;
    let data_dir = data_dir(store)?;
    Workbench::open(Config { database: url.clone(), data_dir, load_model: model })
        .await
        .with_context(|| format!("cannot open the store at {}", url.redacted()))
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}

fn date(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

fn read_text(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("cannot read standard input")?;
        return Ok(s);
    }
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))
}

pub fn status(args: StoreCmdArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        let d = wb.dashboard(&ws.id).await?;
        let documents = wb.store().documents(&ws.id, None).await?;
        wb.close().await;
        if args.format == OutputFormat::Json {
            print_json(&d)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut out = std::io::stdout().lock();
        match &d.target {
            Some(t) => writeln!(out, "Target: {}", wb.describe_target(t))?,
            None => writeln!(out, "Target: not set (`pivot target set --level director`)")?,
        }
        writeln!(
            out,
            "Material: {} posting(s), {} resume/LinkedIn file(s), {} piece(s) of evidence",
            d.postings, d.materials, d.evidence
        )?;
        for doc in &documents {
            let kind = doc.kind.as_str();
            writeln!(out, "  {} {kind:<8} v{}  {}", doc.id, doc.latest_version, doc.name)?;
        }
        match &d.map {
            Some(m) => writeln!(
                out,
                "Asset map: {} signals — {} covered, {} partly, {} gaps ({}, {})",
                m.signals,
                m.covered,
                m.partial,
                m.gaps,
                m.mode,
                date(m.created_at)
            )?,
            None => writeln!(out, "Asset map: not built yet")?,
        }
        let done = d.proofs.iter().filter(|p| p.status == ProofStatus::Done).count();
        writeln!(out, "Proof projects: {} ({} done)", d.proofs.len(), done)?;
        for n in &d.narratives {
            writeln!(
                out,
                "Narrative {}: “{}” v{} score {}",
                n.id,
                n.title,
                n.latest_version,
                n.latest_score.map_or("–".into(), |s| s.to_string())
            )?;
        }
        let met = d.checklist.iter().filter(|c| c.met).count();
        writeln!(out, "Checklist: {met}/{} met", d.checklist.len())?;
        writeln!(out, "Next step: {} ({})", d.next_step.0, d.next_step.1)?;
        Ok(ExitCode::SUCCESS)
    })
}

pub fn target(args: TargetArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        let target = match args.action.unwrap_or(TargetAction::Show) {
            TargetAction::Show => wb.store().target(&ws.id).await?,
            TargetAction::Set { role, level, domain, companies, intended } => Some(
                wb.set_target(&ws.id, TargetForm { role, level, domain, companies, intended })
                    .await?,
            ),
        };
        wb.close().await;
        if args.format == OutputFormat::Json {
            print_json(&target)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut out = std::io::stdout().lock();
        match target {
            None => writeln!(out, "No target yet. Set one: pivot target set --role product-management --level director --domain fintech")?,
            Some(t) => {
                writeln!(out, "Target: {}", wb.describe_target(&t))?;
                if !t.companies.is_empty() {
                    writeln!(out, "Companies: {}", t.companies.join(", "))?;
                }
                if let Some(i) = &t.intended {
                    writeln!(out, "Known for: {i}")?;
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn status_of(s: ProofStatusArg) -> ProofStatus {
    match s {
        ProofStatusArg::Idea => ProofStatus::Idea,
        ProofStatusArg::Active => ProofStatus::Active,
        ProofStatusArg::Done => ProofStatus::Done,
        ProofStatusArg::Dropped => ProofStatus::Dropped,
    }
}

fn apply(input: &mut ProofInput, f: ProofFields, replace_lists: bool) {
    if let Some(d) = f.description {
        input.description = d;
    }
    if let Some(s) = f.status {
        input.status = status_of(s);
    }
    if f.started.is_some() {
        input.started_on = f.started;
    }
    if f.finished.is_some() {
        input.finished_on = f.finished;
    }
    if !f.outcomes.is_empty() || !replace_lists {
        input.outcomes = f.outcomes.join("\n");
    }
    if !f.covers.is_empty() || !replace_lists {
        input.covers = f.covers;
    }
}

pub fn proof(args: ProofArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        let store = wb.store();
        let result = match args.action.unwrap_or(ProofAction::List) {
            ProofAction::List => store.proofs(&ws.id).await?,
            ProofAction::Add { title, fields } => {
                let mut input = ProofInput {
                    title,
                    description: String::new(),
                    status: ProofStatus::Idea,
                    started_on: None,
                    finished_on: None,
                    outcomes: String::new(),
                    covers: Vec::new(),
                };
                apply(&mut input, fields, false);
                vec![store.create_proof(&ws.id, &input).await?]
            }
            ProofAction::Set { id, title, fields } => {
                let id = Id::parse(&id)?;
                let current = store.proof(&ws.id, &id).await?;
                let mut input = ProofInput {
                    title: title.unwrap_or(current.title.clone()),
                    description: current.description.clone(),
                    status: current.status,
                    started_on: current.started_on.clone(),
                    finished_on: current.finished_on.clone(),
                    outcomes: current.outcomes.clone(),
                    covers: current.covers.clone(),
                };
                apply(&mut input, fields, true);
                vec![store.update_proof(&ws.id, &id, current.revision, &input).await?]
            }
            ProofAction::Rm { id } => {
                store.delete_proof(&ws.id, &Id::parse(&id)?).await?;
                Vec::new()
            }
        };
        wb.close().await;
        if args.format == OutputFormat::Json {
            print_json(&result)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut out = std::io::stdout().lock();
        if result.is_empty() {
            writeln!(out, "No proof projects. Add one: pivot proof add \"Pricing teardown for …\" --covers \"pricing strategy\"")?;
        }
        for p in result {
            writeln!(out, "{}  [{}] {}", p.id, p.status.as_str(), p.title)?;
            if !p.covers.is_empty() {
                writeln!(out, "    covers: {}", p.covers.join("; "))?;
            }
            for o in p.outcomes.lines().filter(|l| !l.trim().is_empty()) {
                writeln!(out, "    outcome: {o}")?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

pub fn narrative(args: NarrativeArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        let store = wb.store();
        let json = args.format == OutputFormat::Json;
        let mut out = std::io::stdout().lock();
        match args.action.unwrap_or(NarrativeAction::List) {
            NarrativeAction::List => {
                let list = store.narratives(&ws.id).await?;
                if json {
                    print_json(&list)?;
                } else if list.is_empty() {
                    writeln!(out, "No narratives. Start one: pivot narrative new narrative.md")?;
                }
                for n in list.iter().filter(|_| !json) {
                    writeln!(
                        out,
                        "{}  {:<9} v{:<3} score {:>3}  {}",
                        n.id,
                        n.kind,
                        n.latest_version,
                        n.latest_score.map_or("–".into(), |s| s.to_string()),
                        n.title
                    )?;
                }
            }
            NarrativeAction::New { title, kind, file } => {
                let kind = pivot_lint::DocKind::from(kind);
                let n = wb.create_narrative(&ws.id, kind.as_str(), &title).await?;
                let version = match file {
                    Some(f) => Some(wb.save_narrative(&ws.id, &n.id, &read_text(&f)?, 0).await?),
                    None => None,
                };
                if json {
                    print_json(&serde_json::json!({ "narrative": n, "version": version }))?;
                } else {
                    writeln!(out, "Created narrative {} “{}”", n.id, n.title)?;
                    if let Some(v) = version {
                        writeln!(
                            out,
                            "Saved version {} — score {}, {} finding(s)",
                            v.version, v.score, v.findings
                        )?;
                    }
                }
            }
            NarrativeAction::Save { id, file, base } => {
                let id = Id::parse(&id)?;
                let base = match base {
                    Some(b) => b,
                    None => store.narrative(&ws.id, &id).await?.latest_version,
                };
                let v = wb.save_narrative(&ws.id, &id, &read_text(&file)?, base).await?;
                if json {
                    print_json(&v)?;
                } else {
                    writeln!(
                        out,
                        "Saved version {} — score {}, {} finding(s)",
                        v.version, v.score, v.findings
                    )?;
                }
            }
            NarrativeAction::Show { id, version } => {
                let id = Id::parse(&id)?;
                let v = store.narrative_version(&ws.id, &id, version).await?;
                if json {
                    print_json(&v)?;
                } else {
                    writeln!(
                        out,
                        "Version {} ({}) — score {}, {} finding(s)\n",
                        v.version,
                        date(v.created_at),
                        v.score,
                        v.findings
                    )?;
                    writeln!(out, "{}", v.body.trim_end())?;
                    if let Some(diags) = v.report.get("diagnostics").and_then(|d| d.as_array()) {
                        writeln!(out)?;
                        for d in diags {
                            writeln!(
                                out,
                                "{}:{} {} [{}] {}",
                                d.pointer("/span/line").and_then(|x| x.as_u64()).unwrap_or(0),
                                d.pointer("/span/column").and_then(|x| x.as_u64()).unwrap_or(0),
                                d.get("severity").and_then(|x| x.as_str()).unwrap_or(""),
                                d.get("rule").and_then(|x| x.as_str()).unwrap_or(""),
                                d.get("message").and_then(|x| x.as_str()).unwrap_or(""),
                            )?;
                        }
                    }
                }
            }
            NarrativeAction::History { id } => {
                let id = Id::parse(&id)?;
                let versions = store.narrative_versions(&ws.id, &id).await?;
                if json {
                    print_json(&versions)?;
                } else {
                    let n = store.narrative(&ws.id, &id).await?;
                    writeln!(out, "“{}” — {} version(s)", n.title, versions.len())?;
                    for v in &versions {
                        let bar = "█".repeat((v.score as usize).div_ceil(5));
                        writeln!(
                            out,
                            "  v{:<3} {}  score {:>3} {bar}  {} finding(s)",
                            v.version,
                            date(v.created_at),
                            v.score,
                            v.findings
                        )?;
                    }
                }
            }
            NarrativeAction::Rename { id, title } => {
                let n = store.rename_narrative(&ws.id, &Id::parse(&id)?, title.trim()).await?;
                if json {
                    print_json(&n)?;
                } else {
                    writeln!(out, "Renamed narrative {} to “{}”", n.id, n.title)?;
                }
            }
            NarrativeAction::Rm { id } => {
                let id = Id::parse(&id)?;
                let n = store.narrative(&ws.id, &id).await?;
                store.delete_narrative(&ws.id, &id).await?;
                if json {
                    print_json(&serde_json::json!({ "deleted": n }))?;
                } else {
                    writeln!(
                        out,
                        "Deleted narrative {} “{}” and its {} version(s)",
                        n.id, n.title, n.latest_version
                    )?;
                }
            }
        }
        drop(out);
        wb.close().await;
        Ok(ExitCode::SUCCESS)
    })
}

pub fn checklist(args: StoreCmdArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        let items = wb.checklist(&ws.id).await?;
        wb.close().await;
        if args.format == OutputFormat::Json {
            print_json(&items)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut out = std::io::stdout().lock();
        for c in &items {
            writeln!(out, "[{}] {}\n    {}", if c.met { "x" } else { " " }, c.label, c.evidence)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn today(arg: Option<&str>) -> Result<pivot_week::Date> {
    match arg {
        Some(s) => s.parse().map_err(|_| anyhow!("--today `{s}`: give a date as YYYY-MM-DD")),
        None => Ok(jiff::Zoned::now().date()),
    }
}

pub fn week(args: WeekArgs) -> Result<ExitCode> {
    let today = today(args.today.as_deref())?;
    let block = match &args.block {
        Some(b) => Some(
            b.parse::<pivot_week::DateTime>()
                .map_err(|_| anyhow!("--block `{b}`: give a local time as YYYY-MM-DDTHH:MM"))?,
        ),
        None => None,
    };
    runtime()?.block_on(async {
        let wb = open(&args.store, false).await?;
        let ws = wb.workspace().await?;
        for item in &args.done {
            wb.set_week_item(&ws.id, today, item, true).await?;
        }
        for item in &args.undo {
            wb.set_week_item(&ws.id, today, item, false).await?;
        }
        if let Some(b) = block {
            wb.set_week_block(&ws.id, today, b).await?;
        }
        let view = wb.week(&ws.id, today).await?;
        if let Some(path) = &args.ics {
            let ics = wb.week_ics(&ws.id, today).await?;
            if path == Path::new("-") {
                std::io::stdout().lock().write_all(ics.as_bytes())?;
                wb.close().await;
                return Ok(ExitCode::SUCCESS);
            }
            std::fs::write(path, ics)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        wb.close().await;
        if args.format == OutputFormat::Json {
            print_json(&view)?;
            return Ok(ExitCode::SUCCESS);
        }
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "This week (from {}) — 60-minute block: {}",
            view.week.week_start,
            view.week.block_start.strftime("%a %Y-%m-%d %H:%M")
        )?;
        for i in &view.week.items {
            writeln!(out, "[{}] {}\n    {}", if i.done { "x" } else { " " }, i.title, i.detail)?;
        }
        if !view.week.stuck.is_empty() {
            writeln!(out, "\nIf you are stuck:")?;
            for s in &view.week.stuck {
                writeln!(out, "  • {} ({})", s.text, s.why)?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `pivot import FILE… --save`: stores each file (the table was already shown).
pub fn save_imports(files: &[PathBuf], as_: Option<AsArg>, store: &StoreArgs) -> Result<()> {
    runtime()?.block_on(async {
        let wb = open(store, false).await?;
        let ws = wb.workspace().await?;
        for path in files {
            let outcome = save_file(&wb, &ws.id, path, as_).await?;
            eprintln!(
                "saved {} as {} {} version {} ({} evidence, {} requirement(s))",
                path.display(),
                outcome.document.kind.as_str(),
                outcome.document.id,
                outcome.version.version,
                outcome.evidence,
                outcome.requirements
            );
        }
        wb.close().await;
        Ok(())
    })
}

async fn save_file(
    wb: &Workbench,
    ws: &Id,
    path: &Path,
    as_: Option<AsArg>,
) -> Result<pivot_workbench::ImportOutcome> {
    if path.is_dir() {
        bail!(
            "{}: --save stores the LinkedIn export zip as downloaded, not an unpacked folder",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let as_ = match as_ {
        Some(AsArg::Resume) => ImportAs::Resume,
        Some(AsArg::Posting) => ImportAs::Posting,
        None => ImportAs::Auto,
    };
    Ok(wb.import(ws, Upload { file_name, bytes, as_, document_id: None }).await?)
}

/// `pivot import --workspace FILE`.
pub fn restore(path: &Path, replace: bool, store: &StoreArgs) -> Result<ExitCode> {
    let text = read_text(path)?;
    let export: pivot_store::WorkspaceExport = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a Pivot workspace export", path.display()))?;
    runtime()?.block_on(async {
        let wb = open(store, false).await?;
        let ws = wb.import_workspace(&export, replace).await?;
        wb.close().await;
        eprintln!("restored workspace “{}” ({})", ws.name, ws.id);
        Ok(ExitCode::SUCCESS)
    })
}

/// `pivot export` without a file: the whole workspace as JSON.
pub fn export_workspace(output: Option<&Path>, store: &StoreArgs) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let wb = open(store, false).await?;
        let ws = wb.workspace().await?;
        let export = wb.export(&ws.id).await?;
        wb.close().await;
        let json = serde_json::to_string_pretty(&export)?;
        match output {
            Some(p) => std::fs::write(p, json + "\n")
                .with_context(|| format!("cannot write {}", p.display()))?,
            None => writeln!(std::io::stdout().lock(), "{json}")?,
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `pivot map --save`: store the given files, build from the store, save; returns the map.
pub fn map_saved(
    postings: &[PathBuf],
    materials: &[PathBuf],
    store: &StoreArgs,
    model: bool,
    level: Option<&str>,
    role: &str,
) -> Result<(pivot_store::AssetMapRecord, String)> {
    runtime()?.block_on(async {
        let wb = open(store, model).await?;
        let ws = wb.workspace().await?;
        // A level on the command line sets the target when none is stored.
        if let Some(level) = level
            && wb.store().target(&ws.id).await?.is_none()
        {
            wb.set_target(
                &ws.id,
                TargetForm {
                    role: role.to_string(),
                    level: Some(level.to_string()),
                    ..TargetForm::default()
                },
            )
            .await?;
        }
        for p in postings {
            save_file(&wb, &ws.id, p, Some(AsArg::Posting)).await?;
        }
        for p in materials {
            save_file(&wb, &ws.id, p, Some(AsArg::Resume)).await?;
        }
        let record = wb.build_map(&ws.id).await?;
        let role_name = match wb.store().target(&ws.id).await? {
            Some(t) => wb.describe_target(&t),
            None => role.to_string(),
        };
        wb.close().await;
        Ok((record, role_name))
    })
}
