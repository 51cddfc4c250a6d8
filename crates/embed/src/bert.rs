//! The BERT encoder of all-MiniLM-L6-v2, forward only, on unpadded batches.
//!
//! A batch is the tokens of several texts laid end to end: the linear layers
//! see one matrix of all tokens, attention runs per text over its own tokens.
//! That is the padded computation with the masked positions left out (their
//! softmax weight is exactly zero there), so no work is spent on padding.

use safetensors::{Dtype, SafeTensors};

use crate::kernels::{self, Arithmetic, Linear};

/// The model's shape, from `config.json`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Config {
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    #[serde(default = "default_act")]
    pub hidden_act: String,
}

fn default_eps() -> f64 {
    1e-12
}

fn default_act() -> String {
    "gelu".into()
}

struct Norm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
}

struct Layer {
    /// Query, key and value in one product: 3 × hidden outputs.
    qkv: Linear,
    out: Linear,
    attn_norm: Norm,
    up: Linear,
    down: Linear,
    out_norm: Norm,
}

pub struct Bert {
    hidden: usize,
    heads: usize,
    inner: usize,
    max_positions: usize,
    eps: f32,
    words: Vec<f32>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    embed_norm: Norm,
    layers: Vec<Layer>,
}

/// Per-thread buffers, reused across batches.
#[derive(Default)]
pub struct Scratch {
    x: Vec<f32>,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    tmp: Vec<f32>,
    inner: Vec<f32>,
    scores: Vec<f32>,
    bf16: Vec<u16>,
}

fn tensor(st: &SafeTensors<'_>, name: &str, shape: &[usize]) -> Result<Vec<f32>, String> {
    let view = st.tensor(name).map_err(|e| format!("{name}: {e}"))?;
    if view.dtype() != Dtype::F32 {
        return Err(format!("{name}: {:?}, expected F32", view.dtype()));
    }
    if view.shape() != shape {
        return Err(format!("{name}: shape {:?}, expected {shape:?}", view.shape()));
    }
    Ok(view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

impl Bert {
    /// Reads and packs the weights.
    pub fn load(config: &Config, weights: &[u8]) -> Result<Bert, String> {
        if config.hidden_act != "gelu" {
            return Err(format!("hidden_act {:?}: only \"gelu\" is supported", config.hidden_act));
        }
        let (h, inner) = (config.hidden_size, config.intermediate_size);
        let heads = config.num_attention_heads;
        if heads == 0 || h % heads != 0 || h % kernels::NR != 0 || inner % kernels::NR != 0 {
            return Err(format!(
                "unsupported shape: hidden {h}, heads {heads}, intermediate {inner}"
            ));
        }
        let st = SafeTensors::deserialize(weights).map_err(|e| e.to_string())?;
        // Some exports prefix every name with "bert."; both spellings are the same model.
        let prefix =
            if st.tensor("bert.embeddings.word_embeddings.weight").is_ok() { "bert." } else { "" };
        let get = |name: &str, shape: &[usize]| tensor(&st, &format!("{prefix}{name}"), shape);
        let norm = |name: &str| -> Result<Norm, String> {
            Ok(Norm {
                gamma: get(&format!("{name}.weight"), &[h])?,
                beta: get(&format!("{name}.bias"), &[h])?,
            })
        };
        let linear = |name: &str, n: usize, k: usize| -> Result<Linear, String> {
            Ok(Linear::new(
                &get(&format!("{name}.weight"), &[n, k])?,
                &get(&format!("{name}.bias"), &[n])?,
                n,
                k,
            ))
        };
        let mut layers = Vec::with_capacity(config.num_hidden_layers);
        for l in 0..config.num_hidden_layers {
            let p = format!("encoder.layer.{l}");
            let mut qkv_w = Vec::with_capacity(3 * h * h);
            let mut qkv_b = Vec::with_capacity(3 * h);
            for part in ["query", "key", "value"] {
                qkv_w.extend(get(&format!("{p}.attention.self.{part}.weight"), &[h, h])?);
                qkv_b.extend(get(&format!("{p}.attention.self.{part}.bias"), &[h])?);
            }
            layers.push(Layer {
                qkv: Linear::new(&qkv_w, &qkv_b, 3 * h, h),
                out: linear(&format!("{p}.attention.output.dense"), h, h)?,
                attn_norm: norm(&format!("{p}.attention.output.LayerNorm"))?,
                up: linear(&format!("{p}.intermediate.dense"), inner, h)?,
                down: linear(&format!("{p}.output.dense"), h, inner)?,
                out_norm: norm(&format!("{p}.output.LayerNorm"))?,
            });
        }
        Ok(Bert {
            hidden: h,
            heads,
            inner,
            max_positions: config.max_position_embeddings,
            eps: config.layer_norm_eps as f32,
            words: get("embeddings.word_embeddings.weight", &[config.vocab_size, h])?,
            positions: get(
                "embeddings.position_embeddings.weight",
                &[config.max_position_embeddings, h],
            )?,
            token_type: get("embeddings.token_type_embeddings.weight", &[2, h])?[..h].to_vec(),
            embed_norm: norm("embeddings.LayerNorm")?,
            layers,
        })
    }

    /// Packs the bfloat16 copy of every weight matrix, for [`Arithmetic::Avx512Bf16`].
    pub fn ensure_bf16(&mut self) {
        for layer in &mut self.layers {
            for linear in [&mut layer.qkv, &mut layer.out, &mut layer.up, &mut layer.down] {
                linear.ensure_bf16();
            }
        }
    }

    /// Mean-pooled, L2-normalised vectors of `texts` (token ids, `[CLS] … [SEP]`).
    pub fn embed(
        &self,
        arith: Arithmetic,
        texts: &[&[u32]],
        scratch: &mut Scratch,
    ) -> Vec<Vec<f32>> {
        match arith {
            #[cfg(target_arch = "x86_64")]
            Arithmetic::Avx512 | Arithmetic::Avx512Bf16 => {
                // SAFETY: Embedder only sets a variant the CPU supports (Arithmetic::supported).
                unsafe { self.embed_avx512(arith, texts, scratch) }
            }
            #[cfg(target_arch = "x86_64")]
            Arithmetic::Avx2 => {
                // SAFETY: as above.
                unsafe { self.embed_avx2(arith, texts, scratch) }
            }
            _ => self.embed_body(arith, texts, scratch),
        }
    }

    // The same body compiled for wider vectors: layer norm, softmax and GELU vectorise
    // to the width of the products.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")]
    unsafe fn embed_avx512(
        &self,
        arith: Arithmetic,
        texts: &[&[u32]],
        scratch: &mut Scratch,
    ) -> Vec<Vec<f32>> {
        self.embed_body(arith, texts, scratch)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn embed_avx2(
        &self,
        arith: Arithmetic,
        texts: &[&[u32]],
        scratch: &mut Scratch,
    ) -> Vec<Vec<f32>> {
        self.embed_body(arith, texts, scratch)
    }

    #[inline(always)]
    fn embed_body(&self, arith: Arithmetic, texts: &[&[u32]], s: &mut Scratch) -> Vec<Vec<f32>> {
        let h = self.hidden;
        let texts: Vec<&[u32]> =
            texts.iter().map(|t| &t[..t.len().min(self.max_positions)]).collect();
        let m: usize = texts.iter().map(|t| t.len()).sum();
        let vocab = self.words.len() / h;
        s.x.clear();
        s.x.resize(m * h, 0.0);
        let mut row = 0;
        for ids in &texts {
            for (pos, &id) in ids.iter().enumerate() {
                // An id outside the vocabulary cannot come from the tokenizer; [UNK] is 100.
                let id = if (id as usize) < vocab { id as usize } else { 100.min(vocab - 1) };
                let x = &mut s.x[row * h..(row + 1) * h];
                let (w, p) =
                    (&self.words[id * h..(id + 1) * h], &self.positions[pos * h..(pos + 1) * h]);
                for (((x, w), p), t) in x.iter_mut().zip(w).zip(p).zip(&self.token_type) {
                    *x = w + p + t;
                }
                kernels::layer_norm(x, &self.embed_norm.gamma, &self.embed_norm.beta, self.eps);
                row += 1;
            }
        }
        s.qkv.resize(m * 3 * h, 0.0);
        s.ctx.resize(m * h, 0.0);
        s.tmp.resize(m * h, 0.0);
        s.inner.resize(m * self.inner, 0.0);
        for layer in &self.layers {
            kernels::linear(arith, &s.x, m, &layer.qkv, &mut s.qkv, &mut s.bf16);
            self.attention(&texts, s);
            kernels::linear(arith, &s.ctx, m, &layer.out, &mut s.tmp, &mut s.bf16);
            add_norm(&mut s.x, &s.tmp, h, &layer.attn_norm, self.eps);
            kernels::linear(arith, &s.x, m, &layer.up, &mut s.inner, &mut s.bf16);
            kernels::gelu(&mut s.inner[..m * self.inner]);
            kernels::linear(arith, &s.inner, m, &layer.down, &mut s.tmp, &mut s.bf16);
            add_norm(&mut s.x, &s.tmp, h, &layer.out_norm, self.eps);
        }
        // Mean over each text's tokens, then unit length (sentence-transformers'
        // Pooling and Normalize; the norm is clamped at 1e-12 as there).
        let mut out = Vec::with_capacity(texts.len());
        let mut start = 0;
        for ids in &texts {
            let mut mean = vec![0f32; h];
            for t in start..start + ids.len() {
                for (m, x) in mean.iter_mut().zip(&s.x[t * h..(t + 1) * h]) {
                    *m += x;
                }
            }
            let count = ids.len().max(1) as f32;
            for m in mean.iter_mut() {
                *m /= count;
            }
            let norm = kernels::dot(&mean, &mean).sqrt().max(1e-12);
            for m in mean.iter_mut() {
                *m /= norm;
            }
            out.push(mean);
            start += ids.len();
        }
        out
    }

    /// Scaled dot-product attention per text and head: `ctx = softmax(q·kᵀ/√d) · v`.
    #[inline(always)]
    fn attention(&self, texts: &[&[u32]], s: &mut Scratch) {
        match self.hidden / self.heads {
            // MiniLM's heads; a fixed width keeps each row of `ctx` in registers.
            32 => self.attention_heads::<32>(texts, s),
            64 => self.attention_heads::<64>(texts, s),
            d => self.attention_any(d, texts, s),
        }
    }

    #[inline(always)]
    fn attention_heads<const D: usize>(&self, texts: &[&[u32]], s: &mut Scratch) {
        let h = self.hidden;
        let scale = 1.0 / (D as f32).sqrt();
        let width = 3 * h;
        let row = |qkv: &[f32], t: usize, at: usize| -> [f32; D] {
            qkv[t * width + at..t * width + at + D].try_into().unwrap_or([0.0; D])
        };
        let mut start = 0;
        for ids in texts {
            let len = ids.len();
            s.scores.resize(len, 0.0);
            for head in 0..self.heads {
                for i in start..start + len {
                    let q = row(&s.qkv, i, head * D);
                    for (j, score) in (start..start + len).zip(s.scores.iter_mut()) {
                        let k = row(&s.qkv, j, h + head * D);
                        *score = kernels::dot(&q, &k) * scale;
                    }
                    kernels::softmax(&mut s.scores[..len]);
                    let mut acc = [0f32; D];
                    for (j, p) in (start..start + len).zip(&s.scores) {
                        let v = row(&s.qkv, j, 2 * h + head * D);
                        for (a, v) in acc.iter_mut().zip(&v) {
                            *a = p.mul_add(*v, *a);
                        }
                    }
                    s.ctx[i * h + head * D..i * h + (head + 1) * D].copy_from_slice(&acc);
                }
            }
            start += len;
        }
    }

    /// The same for any head width (not MiniLM's).
    fn attention_any(&self, d: usize, texts: &[&[u32]], s: &mut Scratch) {
        let h = self.hidden;
        let scale = 1.0 / (d as f32).sqrt();
        let width = 3 * h;
        let mut start = 0;
        for ids in texts {
            let len = ids.len();
            s.scores.resize(len, 0.0);
            for head in 0..self.heads {
                for i in start..start + len {
                    let q = &s.qkv[i * width + head * d..i * width + (head + 1) * d];
                    for (j, score) in (start..start + len).zip(s.scores.iter_mut()) {
                        let k = &s.qkv[j * width + h + head * d..j * width + h + (head + 1) * d];
                        *score = kernels::dot(q, k) * scale;
                    }
                    kernels::softmax(&mut s.scores[..len]);
                    let ctx = &mut s.ctx[i * h + head * d..i * h + (head + 1) * d];
                    ctx.fill(0.0);
                    for (j, p) in (start..start + len).zip(&s.scores) {
                        let v = &s.qkv
                            [j * width + 2 * h + head * d..j * width + 2 * h + (head + 1) * d];
                        for (c, v) in ctx.iter_mut().zip(v) {
                            *c = p.mul_add(*v, *c);
                        }
                    }
                }
            }
            start += len;
        }
    }
}

/// `x = LayerNorm(x + y)`, row by row.
#[inline(always)]
fn add_norm(x: &mut [f32], y: &[f32], h: usize, norm: &Norm, eps: f32) {
    for (x, y) in x.chunks_exact_mut(h).zip(y.chunks_exact(h)) {
        for (x, y) in x.iter_mut().zip(y) {
            *x += y;
        }
        kernels::layer_norm(x, &norm.gamma, &norm.beta, eps);
    }
}
