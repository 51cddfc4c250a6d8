//! `pivot import` and `pivot export`: read real documents, show what Pivot understood.

use crate::args::{AsArg, ExportArgs, ExportFormat, ImportArgs, ImportFormat};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pivot_import::{As, ImportError, Imported, Limits, Posting, Resume};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

fn as_of(a: Option<AsArg>) -> As {
    match a {
        Some(AsArg::Resume) => As::Resume,
        Some(AsArg::Posting) => As::Posting,
        None => As::Auto,
    }
}

/// A progress bar on standard error, drawn only on a terminal.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if std::io::stderr().is_terminal() && len > 1 {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(what.to_owned());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// Reads a file, or a LinkedIn export folder, and imports it.
pub fn import_path(path: &Path, as_: As, limits: &Limits) -> Result<Imported> {
    let display = path.display().to_string();
    if path.is_dir() {
        let mut files = Vec::new();
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .with_context(|| format!("cannot read folder {display}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        entries.sort();
        let bar = progress(entries.len() as u64, "reading export");
        for p in entries {
            let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            if len > limits.max_file_bytes {
                bail!(
                    "{}: is {:.1} MB; the limit is {} MB",
                    p.display(),
                    len as f64 / 1e6,
                    limits.max_file_bytes / (1024 * 1024)
                );
            }
            let bytes =
                std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((name, bytes));
            bar.inc(1);
        }
        bar.finish_and_clear();
        return pivot_import::import_linkedin_folder(&display, &files, limits)
            .map_err(import_error);
    }
    let bytes = crate::document::read_within(path, &display, limits)?;
    pivot_import::import(&display, &bytes, as_, limits).map_err(import_error)
}

fn import_error(e: ImportError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

pub fn import(args: ImportArgs) -> Result<ExitCode> {
    if let Some(path) = &args.workspace {
        return crate::workspace::restore(path, args.replace, &args.store);
    }
    let limits = Limits::default();
    let mut out = std::io::stdout().lock();
    let bar = progress(args.files.len() as u64, "importing");
    let mut results = Vec::with_capacity(args.files.len());
    for path in &args.files {
        bar.set_message(path.display().to_string());
        if args.text {
            let display = path.display().to_string();
            let bytes = std::fs::read(path).with_context(|| format!("cannot open {display}"))?;
            let text =
                pivot_import::extract_plain(&display, &bytes, &limits).map_err(import_error)?;
            results.push((display, None, Some(text)));
        } else {
            results.push((
                path.display().to_string(),
                Some(import_path(path, as_of(args.as_), &limits)?),
                None,
            ));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    for (path, imported, text) in results {
        if let Some(text) = text {
            writeln!(out, "{text}")?;
            continue;
        }
        let Some(imported) = imported else { continue };
        match args.format {
            ImportFormat::Json => {
                let mut v = serde_json::to_value(&imported)?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("path".into(), path.clone().into());
                }
                writeln!(out, "{}", serde_json::to_string(&v)?)?
            }
            ImportFormat::Table => write!(out, "{}", render(&path, &imported))?,
        }
    }
    drop(out);
    if args.save {
        crate::workspace::save_imports(&args.files, args.as_, &args.store)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let Some(file) = &args.file else {
        return crate::workspace::export_workspace(args.output.as_deref(), &args.store);
    };
    let limits = Limits::default();
    let imported = import_path(file, As::Resume, &limits)?;
    let Imported::Resume { resume, .. } = imported else {
        bail!(
            "{} is a job posting; `pivot export --format json-resume` exports a resume",
            file.display()
        );
    };
    let value = match args.format {
        ExportFormat::JsonResume => pivot_import::jsonresume::export_json_resume(&resume),
    };
    let json = serde_json::to_string_pretty(&value)?;
    match &args.output {
        Some(p) => std::fs::write(p, json + "\n")
            .with_context(|| format!("cannot write {}", p.display()))?,
        None => writeln!(std::io::stdout().lock(), "{json}")?,
    }
    Ok(ExitCode::SUCCESS)
}

fn metrics(text: &str) -> String {
    let q: Vec<String> =
        pivot_text::find_quantities(text).iter().map(|q| text[q.span.clone()].to_owned()).collect();
    if q.is_empty() { String::new() } else { format!("  [{}]", q.join(", ")) }
}

fn dates(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("{s} – present"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => "no dates".into(),
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

fn render(path: &str, imported: &Imported) -> String {
    match imported {
        Imported::Resume { source, resume, warnings, .. } => {
            render_resume(path, &format!("{source:?}").to_lowercase(), resume, warnings)
        }
        Imported::Posting { posting, warnings, .. } => render_posting(path, posting, warnings),
    }
}

fn render_resume(path: &str, source: &str, r: &Resume, warnings: &[String]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{path} — resume ({source})");
    for w in warnings {
        let _ = writeln!(o, "  note: {w}");
    }
    let b = &r.basics;
    let _ = writeln!(o, "  name       {}", opt(&b.name));
    let _ = writeln!(o, "  headline   {}", opt(&b.label));
    if b.email.is_some() || b.phone.is_some() {
        let _ = writeln!(o, "  contact    {} {}", opt(&b.email), opt(&b.phone));
    }
    if let Some(s) = &b.summary {
        let s = pivot_text::collapse_whitespace(s);
        let short: String = s.chars().take(140).collect();
        let _ = writeln!(o, "  summary    {short}{}", if short.len() < s.len() { "…" } else { "" });
    }
    for (title, list) in [("work", &r.work), ("volunteer", &r.volunteer)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "  {title} ({})", list.len());
        for w in list {
            let _ = writeln!(
                o,
                "    {} — {}{}  ({})",
                opt(&w.position),
                opt(&w.name),
                w.location.as_ref().map(|l| format!(", {l}")).unwrap_or_default(),
                dates(&w.start_date, &w.end_date)
            );
            for h in &w.highlights {
                let _ = writeln!(o, "      • {}{}", h.text, metrics(&h.text));
            }
        }
    }
    if !r.education.is_empty() {
        let _ = writeln!(o, "  education ({})", r.education.len());
        for e in &r.education {
            let _ = writeln!(
                o,
                "    {} {} — {}  ({})",
                opt(&e.study_type),
                e.area.as_deref().unwrap_or(""),
                opt(&e.institution),
                dates(&e.start_date, &e.end_date)
            );
        }
    }
    if !r.skills.is_empty() {
        let skills: Vec<String> = r
            .skills
            .iter()
            .map(|s| {
                if s.keywords.is_empty() {
                    opt(&s.name).to_owned()
                } else {
                    format!("{}: {}", opt(&s.name), s.keywords.join(", "))
                }
            })
            .collect();
        let _ = writeln!(o, "  skills     {}", skills.join("; "));
    }
    for p in &r.projects {
        let _ =
            writeln!(o, "  project    {} ({})", opt(&p.name), dates(&p.start_date, &p.end_date));
        for h in &p.highlights {
            let _ = writeln!(o, "      • {}{}", h.text, metrics(&h.text));
        }
    }
    for c in &r.certificates {
        let _ =
            writeln!(o, "  certificate {} — {} ({})", opt(&c.name), opt(&c.issuer), opt(&c.date));
    }
    if !r.languages.is_empty() {
        let langs: Vec<String> = r
            .languages
            .iter()
            .map(|l| format!("{} ({})", opt(&l.language), opt(&l.fluency)))
            .collect();
        let _ = writeln!(o, "  languages  {}", langs.join(", "));
    }
    if !r.contacts.is_empty() {
        let with_email = r.contacts.iter().filter(|c| c.email.is_some()).count();
        let _ =
            writeln!(o, "  contacts   {} connections ({with_email} with e-mail)", r.contacts.len());
    }
    if !r.unplaced.is_empty() {
        let _ = writeln!(o, "  could not place ({}):", r.unplaced.len());
        for u in &r.unplaced {
            let _ = writeln!(o, "    “{}” — {}", u.text, u.reason);
        }
    }
    o.push('\n');
    o
}

fn render_posting(path: &str, p: &Posting, warnings: &[String]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{path} — job posting");
    for w in warnings {
        let _ = writeln!(o, "  note: {w}");
    }
    let _ = writeln!(o, "  title      {}", opt(&p.title));
    let _ = writeln!(o, "  company    {}", opt(&p.company));
    let _ = writeln!(
        o,
        "  level      {}{}",
        opt(&p.level),
        p.years.map(|y| format!(" · {y}+ years")).unwrap_or_default()
    );
    if let Some(l) = &p.location {
        let place: Vec<&str> =
            [&l.city, &l.region, &l.country_code].iter().filter_map(|x| x.as_deref()).collect();
        let _ = writeln!(
            o,
            "  location   {}{}",
            place.join(", "),
            p.remote.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
        );
    }
    let (must, nice): (Vec<_>, Vec<_>) = p.requirements.iter().partition(|r| r.must);
    for (label, list) in [("must-have", must), ("nice-to-have", nice)] {
        let _ = writeln!(o, "  {label} ({})", list.len());
        for r in list {
            let _ = writeln!(
                o,
                "    • {}{}",
                r.text,
                r.years.map(|y| format!("  [{y}+ years]")).unwrap_or_default()
            );
        }
    }
    let _ = writeln!(o, "  responsibilities ({})", p.responsibilities.len());
    for r in &p.responsibilities {
        let _ = writeln!(o, "    • {r}");
    }
    if p.requirements.is_empty() {
        let _ = writeln!(
            o,
            "  no requirements recognised: paste the posting's requirements section, or check the file is the posting itself"
        );
    }
    if !p.unplaced.is_empty() {
        let _ = writeln!(o, "  could not place ({}):", p.unplaced.len());
        for u in &p.unplaced {
            let short: String = u.text.chars().take(100).collect();
            let _ = writeln!(o, "    “{short}” — {}", u.reason);
        }
    }
    o.push('\n');
    o
}
