//! The forward pass agrees with sentence-transformers on all-MiniLM-L6-v2, in
//! every arithmetic this CPU runs (f32 variants to float rounding, bfloat16
//! products within a stated tolerance).
//!
//! `fixtures/reference.json` was made once by `bench/embed/make_reference.py`
//! (sentence-transformers 6.2.0). The model comes from `pivot setup`; without it
//! these tests say so and pass, unless `PIVOT_REQUIRE_MODEL=1` (as `scripts/test`
//! sets it), where a missing model fails them.

use std::path::PathBuf;

use pivot_embed::{Arithmetic, DIM, Embedder, cosine};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    tokens: usize,
    vector: Vec<f32>,
}

fn reference() -> Reference {
    serde_json::from_str(include_str!("fixtures/reference.json")).expect("reference.json")
}

fn embedder() -> Option<Embedder> {
    let dir = match std::env::var_os("PIVOT_MODEL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => pivot_data::model_dir(&pivot_data::data_dir().ok()?),
    };
    match Embedder::load(&dir) {
        Ok(e) => Some(e),
        Err(e) if std::env::var("PIVOT_REQUIRE_MODEL").as_deref() == Ok("1") => {
            panic!("PIVOT_REQUIRE_MODEL=1 but the model cannot be loaded: {e}")
        }
        Err(e) => {
            eprintln!("skipped: no model ({e}); run `pivot setup`");
            None
        }
    }
}

/// f32 products differ from torch's only in summation order. bfloat16 inputs keep 8
/// bits of mantissa; measured on these cases: cosine ≥ 0.99998, largest component
/// difference 9e-4.
fn assert_close(arith: Arithmetic, text: &str, got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), DIM);
    let (max_diff, min_cos) = if arith.is_bf16() { (3e-3, 0.9999) } else { (2e-4, 0.99999) };
    let worst = got.iter().zip(want).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
    let cos = cosine(got, want);
    assert!(
        worst < max_diff && cos > min_cos,
        "{}: {text:?}: max |Δ| {worst}, cosine {cos}",
        arith.name()
    );
}

/// Runs `check` once per arithmetic this CPU offers, on the same loaded model.
fn each_arithmetic(mut check: impl FnMut(&Embedder)) {
    let Some(mut embedder) = embedder() else { return };
    for arith in Arithmetic::available() {
        embedder.set_arithmetic(arith).expect("available arithmetic");
        check(&embedder);
    }
}

#[test]
fn vectors_match_sentence_transformers() {
    let reference = reference();
    let texts: Vec<&str> = reference.cases.iter().map(|c| c.text.as_str()).collect();
    each_arithmetic(|embedder| {
        let vectors = embedder.embed_uncached(&texts).expect("embed");
        for (case, got) in reference.cases.iter().zip(&vectors) {
            assert_close(embedder.arithmetic(), &case.text, got, &case.vector);
        }
    });
}

#[test]
fn the_default_arithmetic_is_the_fastest_this_cpu_runs() {
    let Some(embedder) = embedder() else { return };
    let want = match std::env::var("PIVOT_EMBED_PRECISION").as_deref() {
        Ok("f32") => *Arithmetic::available().iter().rfind(|a| !a.is_bf16()).unwrap(),
        _ => *Arithmetic::available().last().unwrap(),
    };
    assert_eq!(embedder.arithmetic(), want);
}

#[test]
fn token_counts_match_including_truncation_at_256() {
    let Some(embedder) = embedder() else { return };
    for case in reference().cases {
        assert_eq!(embedder.token_count(&case.text), case.tokens, "{:?}", case.text);
    }
}

#[test]
fn batching_does_not_change_vectors() {
    let reference = reference();
    each_arithmetic(|embedder| {
        for case in &reference.cases {
            let alone = embedder.embed_uncached(&[case.text.as_str()]).expect("embed");
            assert_close(embedder.arithmetic(), &case.text, &alone[0], &case.vector);
        }
    });
}

#[test]
fn cache_returns_the_same_vectors_in_input_order() {
    let Some(embedder) = embedder() else { return };
    let reference = reference();
    let texts: Vec<&str> = reference.cases.iter().rev().map(|c| c.text.as_str()).collect();
    let first = embedder.embed(&texts).expect("embed");
    let again = embedder.embed(&[texts[1], texts[0], texts[1]]).expect("embed");
    assert_eq!(again[0], first[1]);
    assert_eq!(again[1], first[0]);
    assert_eq!(again[2], first[1]);
    for (case, got) in reference.cases.iter().rev().zip(&first) {
        assert_close(embedder.arithmetic(), &case.text, got, &case.vector);
    }
}
