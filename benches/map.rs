//! Criterion benchmarks of the asset map and of skill linking with the real
//! model and taxonomy (`pivot setup` first; skipped without them).
//! `cargo bench --bench map`.
//!
//! - `skills/one_sentence`: `pivot skills` warm — embed one new sentence, rank
//!   13,939 skills (vector + lexical).
//! - `map/5_postings_fresh`: the fixture resume and LinkedIn export against the
//!   five fixture postings, every text embedded anew (no cache).
//! - `map/5_postings_cached`: the same with the embedding cache warm (a user
//!   re-running the map after editing one posting).
//!
//! Cold costs (loading the parts) are printed once; BENCHMARKS.md has both.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use pivot_import::{As, Imported, Limits};
use pivot_lint::Analyzer;
use pivot_map::inputs::{dedupe, posting_input, resume_evidence};
use pivot_map::{EvidenceInput, PostingInput, Target};
use pivot_skills::Encoder;

const POSTINGS: [&str; 5] = [
    "director-product-fintech.html",
    "group-pm-devtools.txt",
    "head-of-product-healthtech.html",
    "senior-pm-climate.json",
    "vp-product-b2b-saas.html",
];

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/crates/import/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

fn inputs() -> (Vec<PostingInput>, Vec<EvidenceInput>) {
    let limits = Limits::default();
    let postings = POSTINGS
        .iter()
        .map(|name| {
            match pivot_import::import(
                name,
                &fixture(&format!("postings/{name}")),
                As::Posting,
                &limits,
            )
            .unwrap()
            {
                Imported::Posting { posting, .. } => posting_input(name, &posting),
                Imported::Resume { .. } => unreachable!(),
            }
        })
        .collect();
    let mut evidence = Vec::new();
    if let Imported::Resume { resume, .. } =
        pivot_import::import("pm-resume.pdf", &fixture("pdf/pm-resume.pdf"), As::Resume, &limits)
            .unwrap()
    {
        evidence.extend(resume_evidence("pm-resume.pdf", &resume));
    }
    (postings, dedupe(evidence))
}

/// Embeds without the cache, as a first build does.
struct Fresh<'a>(&'a pivot_embed::Embedder);

impl Encoder for Fresh<'_> {
    fn encode(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>> {
        self.0.embed_uncached(texts).ok()
    }
    fn dim(&self) -> usize {
        pivot_embed::DIM
    }
}

fn bench(c: &mut Criterion) {
    let Ok(data) = pivot_data::data_dir() else { return };
    let started = Instant::now();
    let engine = pivot_engine::Engine::open(&data, true, &mut pivot_engine::no_progress);
    let (Some(linker), Some(embedder)) = (engine.linker(), engine.embedder()) else {
        eprintln!("skipped: run `pivot setup` (model and taxonomy needed)");
        return;
    };
    eprintln!(
        "cold: engine open {:.0} ms (taxonomy {:.0} ms, lexical index {:.0} ms, model {:.0} ms ({} arithmetic), vector index {:.0} ms{})",
        started.elapsed().as_secs_f64() * 1e3,
        engine.times.taxonomy.as_secs_f64() * 1e3,
        engine.times.lexical.as_secs_f64() * 1e3,
        engine.times.model.as_secs_f64() * 1e3,
        embedder.arithmetic().name(),
        engine.times.index.as_secs_f64() * 1e3,
        if engine.times.index_built { ", built now" } else { "" }
    );
    let analyzer = Analyzer::builtin();
    let pack = analyzer.packs().iter().find(|p| p.def.id == "product-management").unwrap();
    let target = Target { pack: Some(pack), level: pack.level("director") };
    let (postings, evidence) = inputs();
    let cached = pivot_engine::ModelEncoder(embedder);
    let fresh = Fresh(embedder);

    let mut n = 0u64;
    c.bench_function("skills/one_sentence", |b| {
        b.iter(|| {
            n += 1;
            // A new sentence each time, so the embedding is computed.
            let sentence = format!("Led pricing experiments with sales and finance in {n} markets");
            let v = embedder.embed_uncached(&[sentence.as_str()]).unwrap();
            black_box(linker.link(&sentence, Some(&v[0]), 5))
        })
    });
    let mut group = c.benchmark_group("map");
    group.sample_size(10);
    group.bench_function("5_postings_fresh", |b| {
        b.iter(|| {
            black_box(pivot_map::build(&postings, &evidence, target, Some(linker), Some(&fresh)))
        })
    });
    group.bench_function("5_postings_cached", |b| {
        b.iter(|| {
            black_box(pivot_map::build(&postings, &evidence, target, Some(linker), Some(&cached)))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
