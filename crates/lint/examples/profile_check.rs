//! Runs the check in a loop for profiling (`perf record`, `valgrind --tool=callgrind`): not a
//! benchmark.
//!
//! `profile_check FILE [N]` checks one file as a Markdown narrative N times (default 3000);
//! `profile_check DIR [N]` checks every file of a corpus folder (`tests/corpus`: one folder
//! per kind) N times, with the kind its folder names, as `cargo bench --bench check` does.
use pivot_lint::{CheckOptions, DocKind};

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("FILE or DIR"));
    let mut inputs: Vec<(String, CheckOptions)> = Vec::new();
    if path.is_dir() {
        for kind in DocKind::ALL {
            let Ok(dir) = std::fs::read_dir(path.join(kind.as_str())) else { continue };
            let mut files: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files {
                let format = pivot_text::Document::format_for_path(&f.display().to_string());
                let text = std::fs::read_to_string(&f).unwrap();
                inputs.push((text, CheckOptions { kind, format, ..CheckOptions::default() }));
            }
        }
    } else {
        inputs.push((std::fs::read_to_string(&path).unwrap(), CheckOptions::default()));
    }
    let analyzer = pivot_lint::Analyzer::builtin();
    let mut n = 0;
    let runs: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(3000);
    for _ in 0..runs {
        for (text, opts) in &inputs {
            n += analyzer.check(text, opts).diagnostics.len();
        }
    }
    println!("{n}");
}
