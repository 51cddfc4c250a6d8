//! Where a fresh `pivot check` process spends its time, in one run (not a benchmark: run it a
//! few times, or under `valgrind --tool=callgrind` for counts that do not vary):
//! `cold_timing [FILE]` prints the first quantity scan (the trigger DFA's first use), the
//! built-in style load, the first check of FILE (default: a corpus resume) and a second one.
use pivot_lint::{CheckOptions, DocKind};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/corpus/resume/good-director-fintech.md".to_owned());
    let text = std::fs::read_to_string(&path).expect("a readable FILE");
    let t0 = Instant::now();
    let _ = pivot_text::quantity::find_quantities("grew 5 users");
    let t1 = Instant::now();
    let analyzer = pivot_lint::Analyzer::builtin();
    let t2 = Instant::now();
    let opts = CheckOptions { kind: DocKind::Resume, ..CheckOptions::default() };
    let first = analyzer.check(&text, &opts).diagnostics.len();
    let t3 = Instant::now();
    let second = analyzer.check(&text, &opts).diagnostics.len();
    let t4 = Instant::now();
    assert_eq!(first, second);
    println!(
        "first quantity scan {:?}, style load {:?}, first check {:?}, second check {:?}",
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3
    );
}
