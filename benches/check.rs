//! Criterion benchmarks of the analysis core: the full built-in style on a ~700-word resume and
//! a ~150-word narrative, and loading (parsing + compiling) the style.
//!
//! `cargo bench --bench check` (see BENCHMARKS.md for figures).

use criterion::{Criterion, criterion_group, criterion_main};
use pivot_lint::{Analyzer, CheckOptions, DocKind, Format};
use std::hint::black_box;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A ~700-word resume: the fintech director resume with the experience of a second corpus
/// resume appended, so the input has the shape and density of a real two-page resume.
pub fn resume_700() -> String {
    let mut text = read("tests/corpus/resume/good-director-fintech.md");
    let other = read("tests/corpus/resume/good-head-of-product-healthtech.md");
    let analyzer = Analyzer::builtin();
    for line in other.lines() {
        let words = |t: &str| analyzer.check(t, &CheckOptions::default()).words;
        if words(&text) >= 700 {
            break;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::builtin();
    let resume = resume_700();
    let narrative = read("examples/narrative.md");
    let resume_opts = CheckOptions {
        kind: DocKind::Resume,
        format: Format::Markdown,
        target: None,
        intended: None,
    };
    let narrative_opts = CheckOptions { kind: DocKind::Narrative, ..resume_opts.clone() };
    eprintln!(
        "resume: {} words; narrative: {} words; rules: {}",
        analyzer.check(&resume, &resume_opts).words,
        analyzer.check(&narrative, &narrative_opts).words,
        analyzer.rules().rules().len()
    );
    c.bench_function("check resume 700 words", |b| {
        b.iter(|| analyzer.check(black_box(&resume), &resume_opts))
    });
    c.bench_function("check narrative 150 words", |b| {
        b.iter(|| analyzer.check(black_box(&narrative), &narrative_opts))
    });
    c.bench_function("load built-in style", |b| b.iter(Analyzer::builtin));
}

criterion_group!(benches, bench);
criterion_main!(benches);
