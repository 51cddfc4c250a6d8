//! Text output: compiler-style findings with underlines, then the scan, the score and the
//! checklist. Colour only on a terminal and never with `NO_COLOR`.

use pivot_lint::{Diagnostic, Report, Severity};
use pivot_text::collapse_whitespace as one_line;
use std::fmt::Write as _;
use std::io::IsTerminal;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style { color: !no_color && std::io::stdout().is_terminal() }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Suggestion => "1;36",
        };
        self.paint(code, s.as_str())
    }
}

fn render_diagnostic(out: &mut String, path: &str, text: &str, d: &Diagnostic, st: Style) {
    let _ = writeln!(
        out,
        "{}{}: {}",
        st.severity(d.severity),
        st.paint("1", &format!("[{}]", d.rule)),
        st.paint("1", &d.message)
    );
    let line_no = d.span.line.to_string();
    let pad = " ".repeat(line_no.len());
    let _ =
        writeln!(out, "{pad}{} {path}:{}:{}", st.paint("1;34", "-->"), d.span.line, d.span.column);
    // The source line, tabs as spaces so the underline lines up.
    let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[d.span.start..].find('\n').map_or(text.len(), |i| d.span.start + i);
    let line = text[line_start..line_end].trim_end_matches('\r').replace('\t', " ");
    let before = text[line_start..d.span.start].replace('\t', " ");
    let end = d.span.end.min(line_end).max(d.span.start);
    let marked = text[d.span.start..end].trim_end_matches('\r').replace('\t', " ");
    let bar = st.paint("1;34", "|");
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(out, "{} {bar} {line}", st.paint("1;34", &line_no));
    let carets = "^".repeat(marked.width().max(1));
    let more = if d.span.end_line > d.span.line {
        format!(" (continues to line {})", d.span.end_line)
    } else {
        String::new()
    };
    let code = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Suggestion => "1;36",
    };
    let _ = writeln!(
        out,
        "{pad} {bar} {}{}{more}",
        " ".repeat(before.width()),
        st.paint(code, &carets)
    );
    let _ = writeln!(
        out,
        "{pad} {} why ({}): “{}”",
        st.paint("1;34", "="),
        d.method,
        one_line(&d.quote)
    );
    if let Some(s) = &d.suggestion {
        let _ = writeln!(out, "{pad} {} help: {s}", st.paint("1;34", "="));
    }
    out.push('\n');
}

pub fn render_scan_section(out: &mut String, report: &Report, st: Style) {
    let scan = &report.scan;
    let _ = writeln!(
        out,
        "{} {} s at {} wpm reaches {} words; the text has {} ({:.0} s to skim all)",
        st.paint("1", "Ten-second scan:"),
        scan.seconds,
        scan.wpm,
        scan.budget_words,
        scan.words_total,
        scan.seconds_to_skim_all
    );
    let reached: Vec<String> = scan.reached.iter().map(|r| r.text.clone()).collect();
    let _ = writeln!(out, "  reached ({} words): {}", scan.words_reached, reached.join(" … "));
    match &scan.summary {
        Some(s) => {
            let _ = writeln!(
                out,
                "  summary: “{}”\n           carries {}; {}",
                s.text,
                if s.carries.is_empty() {
                    "nothing of target, outcome or proof".to_owned()
                } else {
                    s.carries.join(", ")
                },
                if s.in_scan {
                    "inside the scan"
                } else {
                    "outside the scan: a skimming reader does not reach it"
                }
            );
        }
        None => {
            let _ = writeln!(out, "  summary: none (no sentence to take away)");
        }
    }
    if let Some(c) = &scan.intended {
        let _ = writeln!(
            out,
            "  intended: “{}”\n           closeness {:.2} ({}); shared: {}; missing: {}",
            c.intended,
            c.similarity,
            c.method,
            if c.shared.is_empty() { "—".to_owned() } else { c.shared.join(", ") },
            if c.missing.is_empty() { "—".to_owned() } else { c.missing.join(", ") }
        );
    }
}

pub fn render_scan(path: &str, report: &Report, st: Style) -> String {
    let mut out = format!("{}\n", st.paint("1", path));
    render_scan_section(&mut out, report, st);
    out.push('\n');
    out
}

pub fn render_report(path: &str, text: &str, report: &Report, st: Style) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        render_diagnostic(&mut out, path, text, d, st);
    }
    for note in &report.notes {
        let _ = writeln!(out, "{}: {note}", st.paint("1", "note"));
    }
    let target = match (&report.target.level_name, report.target.source) {
        (Some(name), "flag") => format!("{name} ({})", report.target.role),
        (Some(name), _) => format!("{name} ({}, inferred from the text)", report.target.role),
        _ => format!("no level (pass --level; {})", report.target.role),
    };
    let _ = writeln!(
        out,
        "{} — {}, {} words, target: {target}",
        st.paint("1", path),
        report.kind.as_str(),
        report.words
    );
    render_scan_section(&mut out, report, st);
    let _ = writeln!(out, "{} {}/100", st.paint("1", "Signal strength:"), report.scores.signal);
    let order = ["outcomes", "proof", "leadership", "clarity", "mistakes"];
    for (name, part) in order.iter().filter_map(|n| report.scores.parts.get_key_value(n)) {
        let _ =
            writeln!(out, "  {name:<11}{:>5.1}/{:<3} {}", part.points, part.max, part.explanation);
    }
    if !report.checklist.is_empty() {
        let _ = writeln!(out, "{}", st.paint("1", "Proof checklist:"));
        for item in &report.checklist {
            let mark = if item.met { st.paint("1;32", "✓") } else { st.paint("1;31", "✗") };
            let _ = writeln!(out, "  {mark} {} {}", item.item, item.evidence);
        }
    }
    let count = |s| report.diagnostics.iter().filter(|d| d.severity == s).count();
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s), {} suggestion(s)\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Suggestion)
    );
    out
}
