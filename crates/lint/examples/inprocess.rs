//! Pivot's in-process runner for `bench/peers`, driven like the peers' runners: reads
//! `{"files": [...]}` as the first line of standard input, loads the built-in style once, reads
//! every file (its kind is its folder's name, as in `tests/corpus/`), checks them all once
//! untimed and prints `ready`. Then each `pass` line gets one timed pass on one thread and each
//! `pass-mt` line one on every core (`Analyzer::check_many`), answered with
//! `{"seconds": s, "findings": n}`; the timer takes turns between the tools.
use pivot_lint::{Analyzer, CheckOptions, DocKind};
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let mut lines = std::io::stdin().lock().lines().map(|l| l.expect("readable standard input"));
    let spec: serde_json::Value =
        serde_json::from_str(&lines.next().expect("a JSON spec line")).expect("a JSON spec");
    let inputs: Vec<(String, CheckOptions)> = spec["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = std::path::Path::new(f.as_str().expect("file paths"));
            let folder = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
            let kind = folder.and_then(DocKind::parse).unwrap_or(DocKind::Narrative);
            let format = pivot_text::Document::format_for_path(&path.display().to_string());
            let text = std::fs::read_to_string(path).expect("readable files");
            (text, CheckOptions { kind, format, ..CheckOptions::default() })
        })
        .collect();
    let batch: Vec<(&str, &CheckOptions)> = inputs.iter().map(|(t, o)| (t.as_str(), o)).collect();
    let analyzer = Analyzer::builtin();
    let one_thread =
        || -> usize { batch.iter().map(|(t, o)| analyzer.check(t, o).diagnostics.len()).sum() };
    let all_cores =
        || -> usize { analyzer.check_many(&batch).iter().map(|r| r.diagnostics.len()).sum() };
    let findings = one_thread();
    assert_eq!(all_cores(), findings);
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").and_then(|()| out.flush()).expect("writable standard output");
    for command in lines {
        let pass: &dyn Fn() -> usize = match command.trim() {
            "pass" => &one_thread,
            "pass-mt" => &all_cores,
            other => panic!("unknown command {other:?} (pass or pass-mt)"),
        };
        let start = Instant::now();
        assert_eq!(pass(), findings);
        let seconds = start.elapsed().as_secs_f64();
        writeln!(out, "{}", serde_json::json!({ "seconds": seconds, "findings": findings }))
            .and_then(|()| out.flush())
            .expect("writable standard output");
    }
}
