//! Snapshot of the analysis of every corpus file: findings, scan summary, score, checklist.
//! A change in any rule shows up here as a readable diff (`INSTA_UPDATE=always` to accept).

use crate::util::{ANALYZER, corpus, read};
use pivot_lint::{CheckOptions, Format};
use std::fmt::Write;

#[test]
fn corpus_has_at_least_thirty_documents_of_every_kind() {
    let files = corpus();
    assert!(files.len() >= 30, "{} corpus files", files.len());
    for kind in pivot_lint::DocKind::ALL {
        assert!(files.iter().filter(|(k, _)| *k == kind).count() >= 5, "{kind:?}");
    }
}

#[test]
fn corpus_snapshots() {
    for (kind, path) in corpus() {
        let text = read(&path);
        let format = pivot_text::Document::format_for_path(&path.to_string_lossy());
        let report =
            ANALYZER.check(&text, &CheckOptions { kind, format, target: None, intended: None });
        let mut snap = String::new();
        let _ = writeln!(
            snap,
            "kind: {}  words: {}  target: {:?} ({})",
            kind.as_str(),
            report.words,
            report.target.level,
            report.target.source
        );
        for d in &report.diagnostics {
            let quoted: String =
                text[d.span.start..d.span.end].split_whitespace().collect::<Vec<_>>().join(" ");
            let quoted: String = quoted.chars().take(60).collect();
            let _ = writeln!(
                snap,
                "{}:{} {} {} «{}»",
                d.span.line,
                d.span.column,
                d.severity.as_str(),
                d.rule,
                quoted
            );
        }
        let _ = writeln!(snap, "signal: {}", report.scores.signal);
        for (name, part) in &report.scores.parts {
            let _ = writeln!(snap, "  {name}: {}/{}", part.points, part.max);
        }
        if let Some(s) = &report.scan.summary {
            let _ = writeln!(
                snap,
                "summary: {} [{}] in_scan={}",
                s.text,
                s.carries.join(","),
                s.in_scan
            );
        }
        let _ =
            writeln!(snap, "reached: {}/{}", report.scan.words_reached, report.scan.words_total);
        for item in &report.checklist {
            let _ = writeln!(snap, "checklist {}: {}", item.id, item.met);
        }
        let name = path.to_string_lossy().replace(['/', '.'], "_");
        insta::assert_snapshot!(name, snap);
    }
}

/// Good texts should score higher than bad ones of the same kind: the score means something.
#[test]
fn good_corpus_texts_outscore_bad_ones() {
    for kind in pivot_lint::DocKind::ALL {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for (k, path) in corpus().into_iter().filter(|(k, _)| *k == kind) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let format = if name.ends_with(".md") { Format::Markdown } else { Format::Plain };
            let r = ANALYZER.check(
                &read(&path),
                &CheckOptions { kind: k, format, target: None, intended: None },
            );
            if name.starts_with("good-") {
                good.push(f64::from(r.scores.signal));
            } else if name.starts_with("bad-") {
                bad.push(f64::from(r.scores.signal));
            }
        }
        if good.is_empty() || bad.is_empty() {
            continue;
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(mean(&good) > mean(&bad) + 10.0, "{kind:?}: good {good:?} vs bad {bad:?}");
    }
}
