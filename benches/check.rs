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

/// Every file of tests/corpus with the kind its folder names.
fn corpus() -> Vec<(String, String, CheckOptions)> {
    let mut out = Vec::new();
    for kind in DocKind::ALL {
        let dir = format!("{}/tests/corpus/{}", env!("CARGO_MANIFEST_DIR"), kind.as_str());
        let mut files: Vec<_> =
            std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let name = f.display().to_string();
            let format = pivot_text::Document::format_for_path(&name);
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((name, text, CheckOptions { kind, format, target: None, intended: None }));
        }
    }
    out
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
    // The whole test corpus, as bench/peers gives it to proselint and write-good in-process.
    let corpus = corpus();
    let words: usize = corpus.iter().map(|(_, text, opts)| analyzer.check(text, opts).words).sum();
    eprintln!("corpus: {} files, {words} words", corpus.len());
    c.bench_function("check corpus in-process", |b| {
        b.iter(|| {
            for (_, text, opts) in &corpus {
                black_box(analyzer.check(black_box(text), opts));
            }
        })
    });
    // The same on every core, as `pivot check` runs a batch.
    let batch: Vec<(&str, &CheckOptions)> =
        corpus.iter().map(|(_, text, opts)| (text.as_str(), opts)).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    c.bench_function(&format!("check corpus in-process, {cores} threads"), |b| {
        b.iter(|| black_box(analyzer.check_many(black_box(&batch))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
