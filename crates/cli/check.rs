//! `pivot check` and `pivot scan`.

use crate::args::{CheckArgs, Kind, OutputFormat};
use crate::input::{DocumentReader, analyzer, read_input};
use crate::render::{Style, render_report, render_scan};
use anyhow::{Result, anyhow};
use pivot_lint::{CheckOptions, DocKind, Format, Report, Severity};
use std::io::Write;
use std::process::ExitCode;

/// Guesses the kind from a file name (`resume.md`, `linkedin-headline.txt`…), else from the
/// name of its folder (`resume/`, `headline/`), else narrative.
fn guess_kind(path: &str) -> DocKind {
    let mut parts = path.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or(path).to_lowercase();
    let pairs = [
        ("resume", DocKind::Resume),
        ("cv", DocKind::Resume),
        ("headline", DocKind::Headline),
        ("about", DocKind::About),
        ("answer", DocKind::Answer),
        ("interview", DocKind::Answer),
        ("bullet", DocKind::Bullet),
    ];
    if let Some((_, k)) = pairs.iter().find(|(w, _)| name.contains(w)) {
        return *k;
    }
    let folder = parts.next().unwrap_or("").to_lowercase();
    DocKind::parse(&folder).unwrap_or(DocKind::Narrative)
}

/// Runs the analysis over every input and prints what `render` makes of each report (path,
/// report, text), in input order as they come; true when any report has an error-level
/// finding. `render` runs on the thread that checked the text, so serialising uses every
/// core. `documents` reads PDF and DOCX inputs (see [`DocumentReader`]).
fn each(
    args: &CheckArgs,
    documents: Option<DocumentReader>,
    render: impl Fn(&str, &Report, &str) -> Result<Vec<u8>> + Sync,
) -> Result<bool> {
    // Every input is read before any output, so a bad path fails first. With several inputs,
    // a second thread reads them while this one loads the style (the batch's serial start).
    let read_all =
        || args.files.iter().map(|p| read_input(p, documents)).collect::<Result<Vec<_>>>();
    let (analyzer, inputs) = if args.files.len() > 1 {
        std::thread::scope(|scope| {
            let reader = scope.spawn(read_all);
            let analyzer = analyzer(&args.style);
            (analyzer, reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (analyzer(&args.style), read_all())
    };
    let analyzer = analyzer?;
    let target = if args.role.is_some() || args.level.is_some() {
        Some(analyzer.target(args.role.as_deref(), args.level.as_deref()).map_err(|e| anyhow!(e))?)
    } else {
        None
    };
    if let Some(intended) = &args.intended
        && intended.trim().is_empty()
    {
        return Err(anyhow!(
            "--intended is empty: give the one sentence you want a reader to take away"
        ));
    }
    let inputs = inputs?;
    let jobs: Vec<CheckOptions> = inputs
        .iter()
        .map(|input| {
            let kind = args.kind.map(DocKind::from).unwrap_or_else(|| {
                if input.extracted { DocKind::Resume } else { guess_kind(&input.path) }
            });
            // Extracted document text and bullets on standard input are plain text; other
            // standard input is Markdown; files go by their extension.
            let format = if input.extracted
                || (input.path == "<stdin>" && args.kind == Some(Kind::Bullet))
            {
                Format::Plain
            } else if input.path == "<stdin>" {
                Format::Markdown
            } else {
                pivot_text::Document::format_for_path(&input.path)
            };
            CheckOptions { kind, format, target, intended: args.intended.clone() }
        })
        .collect();
    let batch: Vec<(&str, &CheckOptions)> =
        inputs.iter().zip(&jobs).map(|(i, o)| (i.text.as_str(), o)).collect();
    let mut any_error = false;
    let mut out = std::io::stdout().lock();
    // Each report is printed as soon as it and the ones before it are ready.
    analyzer.check_each_then(
        &batch,
        |i, report| {
            let error = report.diagnostics.iter().any(|d| d.severity == Severity::Error);
            render(&inputs[i].path, &report, &inputs[i].text).map(|bytes| (bytes, error))
        },
        |_, rendered: Result<(Vec<u8>, bool)>| -> Result<()> {
            let (bytes, error) = rendered?;
            any_error |= error;
            out.write_all(&bytes)?;
            Ok(())
        },
    )?;
    out.flush()?;
    // The process ends right after: freeing the compiled style would only cost time.
    std::mem::forget(analyzer);
    Ok(any_error)
}

pub fn check(args: CheckArgs, documents: Option<DocumentReader>) -> Result<ExitCode> {
    let style = Style::detect();
    let any_error = each(&args, documents, |path, report, text| match args.format {
        OutputFormat::Json => Ok(crate::json::line(path, report)?),
        OutputFormat::Text => Ok(render_report(path, text, report, style).into_bytes()),
    })?;
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn scan(args: CheckArgs, documents: Option<DocumentReader>) -> Result<ExitCode> {
    let style = Style::detect();
    each(&args, documents, |path, report, _| match args.format {
        OutputFormat::Json => Ok(crate::json::line(path, &report.scan)?),
        OutputFormat::Text => Ok(render_scan(path, report, style).into_bytes()),
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_guessed_from_file_names() {
        assert_eq!(guess_kind("docs/my-resume.md"), DocKind::Resume);
        assert_eq!(guess_kind("linkedin_headline.txt"), DocKind::Headline);
        assert_eq!(guess_kind("story.md"), DocKind::Narrative);
        assert_eq!(guess_kind("tests/corpus/about/good-devrel.md"), DocKind::About);
    }
}
