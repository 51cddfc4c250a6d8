//! Pivot's in-process figure for `bench/peers`, measured like the peers' in-process scripts:
//! reads `{"runs": N, "files": [...]}` on standard input, loads the built-in style once, reads
//! every file (its kind is its folder's name, as in `tests/corpus/`), checks them all once
//! untimed, then N timed passes on one thread and N on every core (`Analyzer::check_many`).
//! Prints `{"seconds": [...], "seconds_all_cores": [...], "threads": T, "findings": F}`.
use pivot_lint::{Analyzer, CheckOptions, DocKind};
use std::time::Instant;

fn main() {
    let spec: serde_json::Value =
        serde_json::from_reader(std::io::stdin()).expect("a JSON spec on standard input");
    let runs = spec["runs"].as_u64().expect("runs") as usize;
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
    let findings = one_thread();
    let timed = |pass: &dyn Fn() -> usize| -> Vec<f64> {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                assert_eq!(pass(), findings);
                start.elapsed().as_secs_f64()
            })
            .collect()
    };
    let seconds = timed(&one_thread);
    let all_cores = || analyzer.check_many(&batch).iter().map(|r| r.diagnostics.len()).sum();
    let _ = all_cores();
    let seconds_all_cores = timed(&all_cores);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{}",
        serde_json::json!({
            "seconds": seconds,
            "seconds_all_cores": seconds_all_cores,
            "threads": threads,
            "findings": findings,
        })
    );
}
