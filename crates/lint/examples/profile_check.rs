//! Runs the check in a loop for profiling (`perf record`): not a benchmark.
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("FILE")).unwrap();
    let analyzer = pivot_lint::Analyzer::builtin();
    let opts = pivot_lint::CheckOptions::default();
    let mut n = 0;
    let runs: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(3000);
    for _ in 0..runs {
        n += analyzer.check(&text, &opts).diagnostics.len();
    }
    println!("{n}");
}
