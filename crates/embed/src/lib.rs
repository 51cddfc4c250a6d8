//! Sentence embeddings on the CPU: all-MiniLM-L6-v2.
//!
//! BERT forward, mean pooling over each text's tokens, L2 normalisation — the
//! same three steps sentence-transformers runs for this model (see
//! `tests/reference.rs`). The forward pass is this crate's own (`bert.rs`,
//! `kernels.rs`): weights packed once for the products, no padding, products
//! written for the CPU's vector units ([`Arithmetic`]). Where the CPU has
//! AVX512-BF16 the products round their inputs to bfloat16 and sum in f32:
//! about 1.7× faster than f32, vectors within cosine 0.99998 of
//! sentence-transformers' and the same skill-linking figures (QUALITY.md).
//! Elsewhere, or with `PIVOT_EMBED_PRECISION=f32`, the arithmetic is f32 and
//! the vectors agree with sentence-transformers to float rounding.
//!
//! Invariants: no network, no global state; [`Embedder::embed`] returns one
//! unit vector of [`DIM`] floats per input, in input order, whatever the
//! batching. The only file I/O is [`Embedder::load`], which reads the three
//! model files from a directory.

mod bert;
mod kernels;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokenizers::{Tokenizer, TruncationParams};

use bert::{Bert, Config, Scratch};
pub use kernels::Arithmetic;

/// Width of one embedding.
pub const DIM: usize = 384;
/// Longest input in tokens (the model's `max_seq_length`); longer text is cut.
pub const MAX_TOKENS: usize = 256;
/// Tokens per forward pass: enough rows for the products to run at full rate,
/// few enough that a batch's activations stay in the caches.
const BATCH_TOKENS: usize = 256;
/// Cached vectors kept before the cache is emptied (≈ 1.5 KB each).
const CACHE_LIMIT: usize = 100_000;

/// Vectors with the position of their text in the input.
type Indexed = Vec<(usize, Vec<f32>)>;

/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config.json: {0}")]
    Config(#[from] serde_json::Error),
    #[error("config.json: hidden size {0}, expected {DIM}")]
    Dimension(usize),
    #[error("tokenizer.json: {0}")]
    Tokenizer(String),
    #[error("model.safetensors: {0}")]
    Model(String),
    #[error("{0} arithmetic is not available on this CPU")]
    Unsupported(&'static str),
    #[error("PIVOT_EMBED_PRECISION={0:?}: expected f32 or bf16")]
    Precision(String),
    #[error("an embedding thread failed")]
    Worker,
}

/// The arithmetic `PIVOT_EMBED_PRECISION` asks for: unset → the fastest this CPU
/// runs; `f32` → the best f32 variant; `bf16` → [`Arithmetic::Avx512Bf16`], an
/// error where the CPU lacks it.
fn arithmetic_from_env() -> Result<Arithmetic, EmbedError> {
    match std::env::var("PIVOT_EMBED_PRECISION").as_deref() {
        Err(_) | Ok("") => Ok(Arithmetic::bf16().unwrap_or_else(Arithmetic::best_f32)),
        Ok("f32") => Ok(Arithmetic::best_f32()),
        Ok("bf16") => Arithmetic::bf16().ok_or(EmbedError::Unsupported("bf16 (AVX512-BF16)")),
        Ok(other) => Err(EmbedError::Precision(other.to_string())),
    }
}

/// all-MiniLM-L6-v2, loaded once, shared across threads.
pub struct Embedder {
    model: Bert,
    arith: Arithmetic,
    tokenizer: Tokenizer,
    cache: Mutex<HashMap<Box<str>, Box<[f32]>>>,
    threads: usize,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder").finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads `config.json`, `tokenizer.json` and `model.safetensors` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| EmbedError::Read { path, source })
        };
        Self::from_bytes(
            &read("config.json")?,
            &read("tokenizer.json")?,
            read("model.safetensors")?,
        )
    }

    /// Builds the model from the three files' contents.
    pub fn from_bytes(
        config: &[u8],
        tokenizer: &[u8],
        weights: Vec<u8>,
    ) -> Result<Self, EmbedError> {
        let config: Config = serde_json::from_slice(config)?;
        if config.hidden_size != DIM {
            return Err(EmbedError::Dimension(config.hidden_size));
        }
        let mut tokenizer =
            Tokenizer::from_bytes(tokenizer).map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        // tokenizer.json pads every input to 128 and cuts there; we pad per batch
        // ourselves and cut at the model's own limit instead.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        let arith = arithmetic_from_env()?;
        let mut model = Bert::load(&config, &weights).map_err(EmbedError::Model)?;
        if arith.is_bf16() {
            model.ensure_bf16();
        }
        Ok(Embedder {
            model,
            arith,
            tokenizer,
            cache: Mutex::new(HashMap::new()),
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        })
    }

    /// Computes the products with `arith` from now on (for tests and benchmarks;
    /// `PIVOT_EMBED_PRECISION` chooses at load). Empties the cache.
    pub fn set_arithmetic(&mut self, arith: Arithmetic) -> Result<(), EmbedError> {
        if !arith.supported() {
            return Err(EmbedError::Unsupported(arith.name()));
        }
        if arith.is_bf16() {
            self.model.ensure_bf16();
        }
        self.arith = arith;
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
        Ok(())
    }

    /// The arithmetic the products use.
    pub fn arithmetic(&self) -> Arithmetic {
        self.arith
    }

    /// Sets how many threads share the batches (default: the available cores).
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// One unit vector per text, in order. Texts seen before come from the cache.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut out: Vec<Option<Vec<f32>>> = vec![None; texts.len()];
        let mut missing: Vec<usize> = Vec::new();
        {
            let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            for (i, text) in texts.iter().enumerate() {
                match cache.get(text.as_ref()) {
                    Some(v) => out[i] = Some(v.to_vec()),
                    None => missing.push(i),
                }
            }
        }
        // The same new text twice in one call is computed once.
        missing.sort_by(|&a, &b| texts[a].as_ref().cmp(texts[b].as_ref()));
        missing.dedup_by(|a, b| texts[*a].as_ref() == texts[*b].as_ref());
        if missing.is_empty() {
            return Ok(out.into_iter().map(Option::unwrap_or_default).collect());
        }
        let fresh: Vec<&str> = missing.iter().map(|&i| texts[i].as_ref()).collect();
        let vectors = self.embed_uncached(&fresh)?;
        let computed: HashMap<&str, &Vec<f32>> = fresh.iter().copied().zip(&vectors).collect();
        {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            if cache.len() + vectors.len() > CACHE_LIMIT {
                cache.clear();
            }
            for (text, vector) in &computed {
                cache.insert((*text).into(), vector.as_slice().into());
            }
        }
        Ok(texts
            .iter()
            .zip(out)
            .map(|(text, v)| v.unwrap_or_else(|| computed[text.as_ref()].clone()))
            .collect())
    }

    /// One unit vector per text, computed now: batched by length so that padding
    /// stays small.
    pub fn embed_uncached(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let encodings: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                self.tokenizer
                    .encode(*t, true)
                    .map(|e| e.get_ids().to_vec())
                    .map_err(|e| EmbedError::Tokenizer(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        // No padding, so order does not matter for the work; sorted by length,
        // batches of similar texts share the threads' load evenly.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| encodings[i].len());
        let mut batches: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let mut end = start + 1;
            let mut tokens = encodings[order[start]].len();
            while end < order.len() && tokens + encodings[order[end]].len() <= BATCH_TOKENS {
                tokens += encodings[order[end]].len();
                end += 1;
            }
            batches.push(&order[start..end]);
            start = end;
        }
        // Whole batches per thread: on two cores this beats splitting each
        // matrix product between threads (measured in BENCHMARKS.md).
        let threads = self.threads.min(batches.len()).max(1);
        // Each thread takes the next batch, longest first, until none are left: the
        // load evens out even when another process slows one core down.
        let next = AtomicUsize::new(0);
        let run = || -> Indexed {
            let mut out = Vec::new();
            let mut scratch = Scratch::default();
            loop {
                let taken = next.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.len().checked_sub(taken + 1).map(|b| batches[b]) else {
                    return out;
                };
                let ids: Vec<&[u32]> = batch.iter().map(|&i| encodings[i].as_slice()).collect();
                let vectors = self.model.embed(self.arith, &ids, &mut scratch);
                out.extend(batch.iter().copied().zip(vectors));
            }
        };
        let results: Vec<Result<Indexed, EmbedError>> = if threads == 1 {
            vec![Ok(run())]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads).map(|_| scope.spawn(run)).collect();
                handles.into_iter().map(|h| h.join().map_err(|_| EmbedError::Worker)).collect()
            })
        };
        let mut out = vec![Vec::new(); texts.len()];
        for result in results {
            for (i, vector) in result? {
                out[i] = vector;
            }
        }
        Ok(out)
    }

    /// Number of tokens `text` becomes (after truncation), for batching and
    /// reports.
    pub fn token_count(&self, text: &str) -> usize {
        self.tokenizer.encode(text, true).map(|e| e.get_ids().len()).unwrap_or(0)
    }
}

/// Cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
