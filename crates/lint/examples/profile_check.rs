//! Runs the check in a loop for profiling (`perf record`): not a benchmark.
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("FILE")).unwrap();
    let analyzer = pivot_lint::Analyzer::builtin();
    let opts = pivot_lint::CheckOptions::default();
    let mut n = 0;
    for _ in 0..3000 {
        n += analyzer.check(&text, &opts).diagnostics.len();
    }
    println!("{n}");
}
