//! The candle forward agrees with sentence-transformers on all-MiniLM-L6-v2.
//!
//! `fixtures/reference.json` was made once by `bench/embed/make_reference.py`
//! (sentence-transformers 6.2.0). The model comes from `pivot setup`; without it
//! these tests say so and pass, unless `PIVOT_REQUIRE_MODEL=1` (as `scripts/test`
//! sets it), where a missing model fails them.

use std::path::PathBuf;

use pivot_embed::{DIM, Embedder, cosine};
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

fn assert_close(text: &str, got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), DIM);
    let worst = got.iter().zip(want).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
    let cos = cosine(got, want);
    assert!(worst < 2e-4 && cos > 0.99999, "{text:?}: max |Δ| {worst}, cosine {cos}");
}

#[test]
fn vectors_match_sentence_transformers() {
    let Some(embedder) = embedder() else { return };
    let reference = reference();
    let texts: Vec<&str> = reference.cases.iter().map(|c| c.text.as_str()).collect();
    let vectors = embedder.embed_uncached(&texts).expect("embed");
    for (case, got) in reference.cases.iter().zip(&vectors) {
        assert_close(&case.text, got, &case.vector);
    }
}

#[test]
fn token_counts_match_including_truncation_at_256() {
    let Some(embedder) = embedder() else { return };
    for case in reference().cases {
        assert_eq!(embedder.token_count(&case.text), case.tokens, "{:?}", case.text);
    }
}

#[test]
fn batching_and_padding_do_not_change_vectors() {
    let Some(embedder) = embedder() else { return };
    let reference = reference();
    for case in &reference.cases {
        let alone = embedder.embed_uncached(&[case.text.as_str()]).expect("embed");
        assert_close(&case.text, &alone[0], &case.vector);
    }
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
        assert_close(&case.text, got, &case.vector);
    }
}
