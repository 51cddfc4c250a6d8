//! The arithmetic of the forward pass: products against weights packed once at
//! load, layer norm, GELU, softmax.
//!
//! Why hand-written: nearly all of the time goes into `x · Wᵀ` with a fixed `W`,
//! so `W` is laid out once in the order the inner loop reads it, and the inner
//! loop is written for the vector units the CPU has (AVX-512 with BF16 dot
//! products, AVX-512, AVX2 + FMA, or plain Rust the compiler vectorises). The
//! variant is picked once per process from what the CPU reports.
//!
//! Everything else here is written so that the compiler vectorises it (fixed
//! lane counts, no branches in the loops) and is compiled inside the forward
//! pass's `#[target_feature]` functions, which gives it the same vector width.

/// How the matrix products are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arithmetic {
    /// Plain Rust, vectorised by the compiler for the build's baseline.
    Portable,
    /// AVX2 + FMA, f32.
    Avx2,
    /// AVX-512, f32.
    Avx512,
    /// AVX-512 with BF16 dot products: inputs rounded to bfloat16 (8-bit
    /// mantissa), products summed in f32. Twice the arithmetic rate of f32.
    Avx512Bf16,
}

impl Arithmetic {
    /// The best f32 variant this CPU runs.
    pub fn best_f32() -> Arithmetic {
        #[cfg(target_arch = "x86_64")]
        {
            // The forward pass's AVX-512 build also uses BW, DQ and VL (all AVX-512 CPUs since
            // Skylake-X have them; the first Xeon Phi did not).
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("avx512vl")
                && std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Arithmetic::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Arithmetic::Avx2;
            }
        }
        Arithmetic::Portable
    }

    /// The BF16 variant, when this CPU has it.
    pub fn bf16() -> Option<Arithmetic> {
        #[cfg(target_arch = "x86_64")]
        {
            if Arithmetic::best_f32() == Arithmetic::Avx512
                && std::arch::is_x86_feature_detected!("avx512bf16")
            {
                return Some(Arithmetic::Avx512Bf16);
            }
        }
        None
    }

    /// The variants this CPU runs, slowest first.
    pub fn available() -> Vec<Arithmetic> {
        [Arithmetic::Portable, Arithmetic::Avx2, Arithmetic::Avx512, Arithmetic::Avx512Bf16]
            .into_iter()
            .filter(|a| a.supported())
            .collect()
    }

    /// The name used in reports and `PIVOT_EMBED_PRECISION`-style settings.
    pub fn name(self) -> &'static str {
        match self {
            Arithmetic::Portable => "portable",
            Arithmetic::Avx2 => "avx2",
            Arithmetic::Avx512 => "avx512",
            Arithmetic::Avx512Bf16 => "avx512-bf16",
        }
    }

    /// Whether the products round their inputs to bfloat16.
    pub fn is_bf16(self) -> bool {
        self == Arithmetic::Avx512Bf16
    }

    /// Whether this variant can run here.
    pub fn supported(self) -> bool {
        match self {
            Arithmetic::Portable => true,
            Arithmetic::Avx2 | Arithmetic::Avx512 => self <= Arithmetic::best_f32(),
            Arithmetic::Avx512Bf16 => Arithmetic::bf16().is_some(),
        }
    }
}

/// Columns per packed panel: two AVX-512 registers, four AVX2 ones.
pub const NR: usize = 32;

/// A linear layer `y = x · Wᵀ + b` with `W` packed for the products.
pub struct Linear {
    /// Output width (a multiple of [`NR`]).
    pub n: usize,
    /// Input width (even).
    pub k: usize,
    bias: Vec<f32>,
    /// `[n / NR][k][NR]`: panel `p` holds columns `p·NR..`, one row of `NR` per input.
    panels: Vec<f32>,
    /// `[n / NR][k / 2][2][16][2]` bfloat16: per pair of inputs, the pairs of
    /// 16 columns, as `vdpbf16ps` reads them. Empty unless asked for.
    panels_bf16: Vec<u16>,
}

impl Linear {
    /// `weight` is `n × k`, row-major (PyTorch's `[out, in]`).
    pub fn new(weight: &[f32], bias: &[f32], n: usize, k: usize) -> Linear {
        assert!(
            n.is_multiple_of(NR) && k.is_multiple_of(2) && weight.len() == n * k && bias.len() == n
        );
        let mut panels = vec![0f32; n * k];
        for p in 0..n / NR {
            for kk in 0..k {
                for j in 0..NR {
                    panels[(p * k + kk) * NR + j] = weight[(p * NR + j) * k + kk];
                }
            }
        }
        Linear { n, k, bias: bias.to_vec(), panels, panels_bf16: Vec::new() }
    }

    /// Packs the bfloat16 copy of the weights (once; from the f32 panels).
    pub fn ensure_bf16(&mut self) {
        if self.has_bf16() {
            return;
        }
        let (n, k) = (self.n, self.k);
        let mut packed = vec![0u16; n * k];
        for p in 0..n / NR {
            for kp in 0..k / 2 {
                for j in 0..NR {
                    let at = (p * (k / 2) + kp) * 2 * NR + (j / 16) * 32 + (j % 16) * 2;
                    packed[at] = to_bf16(self.panels[(p * k + 2 * kp) * NR + j]);
                    packed[at + 1] = to_bf16(self.panels[(p * k + 2 * kp + 1) * NR + j]);
                }
            }
        }
        self.panels_bf16 = packed;
    }

    pub fn has_bf16(&self) -> bool {
        !self.panels_bf16.is_empty()
    }
}

/// f32 → bfloat16, round to nearest even (what `vcvtne2ps2bf16` does).
pub fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    if x.is_nan() {
        return ((bits >> 16) | 0x40) as u16;
    }
    let rounded = bits.wrapping_add(0x7fff + ((bits >> 16) & 1));
    (rounded >> 16) as u16
}

/// Rows per block of the output that the inner loop keeps in registers.
const MR_512: usize = 12;
const MR_256: usize = 6;
const MR_PORTABLE: usize = 4;
/// Inputs per pass over a panel: a 384 × 32 panel slice is 48 KB and stays in L2 while a
/// block of rows of `x` sweeps it.
const KC: usize = 384;
/// Rows of `x` per pass: 144 × 384 floats is 216 KB, kept in L2 across all panels.
const MC: usize = 144;

/// `c[m × n] = a[m × k] · Wᵀ + b`. `scratch` holds `a` in bfloat16 for that variant.
pub fn linear(
    arith: Arithmetic,
    a: &[f32],
    m: usize,
    w: &Linear,
    c: &mut [f32],
    scratch: &mut Vec<u16>,
) {
    assert!(a.len() >= m * w.k && c.len() >= m * w.n);
    if m == 0 {
        return;
    }
    match arith {
        #[cfg(target_arch = "x86_64")]
        Arithmetic::Avx512Bf16 if w.has_bf16() => {
            // SAFETY: the variant is only chosen when the CPU has these features (Arithmetic::bf16).
            unsafe { x86::linear_bf16(a, m, w, c, scratch) }
        }
        #[cfg(target_arch = "x86_64")]
        Arithmetic::Avx512 | Arithmetic::Avx512Bf16 => {
            // SAFETY: chosen only when the CPU has AVX-512F (Arithmetic::best_f32 / bf16).
            unsafe { x86::linear_f32_512(a, m, w, c) }
        }
        #[cfg(target_arch = "x86_64")]
        Arithmetic::Avx2 => {
            // SAFETY: chosen only when the CPU has AVX2 and FMA (Arithmetic::best_f32).
            unsafe { x86::linear_f32_256(a, m, w, c) }
        }
        _ => linear_portable(a, m, w, c),
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = scratch;
}

fn linear_portable(a: &[f32], m: usize, w: &Linear, c: &mut [f32]) {
    let (n, k) = (w.n, w.k);
    for p in 0..n / NR {
        let panel = &w.panels[p * k * NR..(p + 1) * k * NR];
        let mut i = 0;
        while i < m {
            let rows = (m - i).min(MR_PORTABLE);
            let mut acc = [[0f32; NR]; MR_PORTABLE];
            for row in acc.iter_mut().take(rows) {
                row.copy_from_slice(&w.bias[p * NR..(p + 1) * NR]);
            }
            for (kk, b) in panel.chunks_exact(NR).enumerate() {
                for (r, row) in acc.iter_mut().enumerate().take(rows) {
                    let x = a[(i + r) * k + kk];
                    // Not `mul_add`: without FMA in the build (x86-64's baseline) it is a
                    // library call per element, a hundred times slower than mul + add.
                    for (acc, b) in row.iter_mut().zip(b) {
                        *acc += x * b;
                    }
                }
            }
            for (r, row) in acc.iter().enumerate().take(rows) {
                c[(i + r) * n + p * NR..(i + r) * n + (p + 1) * NR].copy_from_slice(row);
            }
            i += rows;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{KC, Linear, MC, MR_256, MR_512, NR};
    use std::arch::x86_64::*;

    /// The loop nest shared by the f32 and BF16 products: passes of `KC` inputs,
    /// blocks of `MC` rows, each panel of `NR` columns, blocks of `MR` rows in
    /// registers. `kernel(rows, k0, kc, row, panel, first)` does one block.
    #[inline(always)]
    fn blocks(
        m: usize,
        w: &Linear,
        mr: usize,
        mut kernel: impl FnMut(usize, usize, usize, usize, usize, bool),
    ) {
        let k = w.k;
        let mut k0 = 0;
        while k0 < k {
            let kc = KC.min(k - k0);
            let mut m0 = 0;
            while m0 < m {
                let mc = MC.min(m - m0);
                for p in 0..w.n / NR {
                    let mut i = 0;
                    while i < mc {
                        let left = mc - i;
                        let rows = if left >= mr {
                            mr
                        } else {
                            [8, 4, 2, 1].into_iter().find(|&r| r <= left && r < mr).unwrap_or(1)
                        };
                        kernel(rows, k0, kc, m0 + i, p, k0 == 0);
                        i += rows;
                    }
                }
                m0 += mc;
            }
            k0 += kc;
        }
    }

    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn linear_f32_512(a: &[f32], m: usize, w: &Linear, c: &mut [f32]) {
        let (n, k) = (w.n, w.k);
        let (a, c, panels, bias) = (a.as_ptr(), c.as_mut_ptr(), w.panels.as_ptr(), w.bias.as_ptr());
        blocks(m, w, MR_512, |rows, k0, kc, i, p, first| {
            // SAFETY: `blocks` keeps i + rows ≤ m, k0 + kc ≤ k, p < n / NR; the buffers hold
            // m·k, m·n, n·k and n floats (asserted by `linear`).
            unsafe {
                let a = a.add(i * k + k0);
                let b = panels.add((p * k + k0) * NR);
                let c = c.add(i * n + p * NR);
                let bias = if first { Some(bias.add(p * NR)) } else { None };
                match rows {
                    12 => kernel_f32_512::<12>(kc, a, k, b, c, n, bias),
                    8 => kernel_f32_512::<8>(kc, a, k, b, c, n, bias),
                    4 => kernel_f32_512::<4>(kc, a, k, b, c, n, bias),
                    2 => kernel_f32_512::<2>(kc, a, k, b, c, n, bias),
                    _ => kernel_f32_512::<1>(kc, a, k, b, c, n, bias),
                }
            }
        });
    }

    /// `R` rows × 32 columns in 2·R registers over `kc` inputs; starts from the
    /// bias on the first pass, from `c` on later ones.
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn kernel_f32_512<const R: usize>(
        kc: usize,
        a: *const f32,
        lda: usize,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
        bias: Option<*const f32>,
    ) {
        // SAFETY: the caller gives R rows of `lda` floats at `a`, kc rows of 32 at `b`,
        // R rows of `ldc` at `c`, and 32 floats of bias.
        unsafe {
            let mut acc = start_512::<R>(c, ldc, bias);
            for kk in 0..kc {
                let b0 = _mm512_loadu_ps(b.add(kk * NR));
                let b1 = _mm512_loadu_ps(b.add(kk * NR + 16));
                for (r, row) in acc.iter_mut().enumerate() {
                    let x = _mm512_set1_ps(*a.add(r * lda + kk));
                    row[0] = _mm512_fmadd_ps(x, b0, row[0]);
                    row[1] = _mm512_fmadd_ps(x, b1, row[1]);
                }
            }
            store_512(&acc, c, ldc);
        }
    }

    /// The accumulators of `R` rows × 32 columns: the bias on the first pass over the
    /// inputs, what `c` holds on later ones.
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn start_512<const R: usize>(
        c: *const f32,
        ldc: usize,
        bias: Option<*const f32>,
    ) -> [[__m512; 2]; R] {
        // SAFETY: the caller gives 32 floats of bias, or R rows of `ldc` floats at `c`.
        unsafe {
            match bias {
                Some(bias) => [[_mm512_loadu_ps(bias), _mm512_loadu_ps(bias.add(16))]; R],
                None => std::array::from_fn(|r| {
                    [_mm512_loadu_ps(c.add(r * ldc)), _mm512_loadu_ps(c.add(r * ldc + 16))]
                }),
            }
        }
    }

    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn store_512<const R: usize>(acc: &[[__m512; 2]; R], c: *mut f32, ldc: usize) {
        // SAFETY: the caller gives R rows of `ldc` floats at `c`.
        unsafe {
            for (r, row) in acc.iter().enumerate() {
                _mm512_storeu_ps(c.add(r * ldc), row[0]);
                _mm512_storeu_ps(c.add(r * ldc + 16), row[1]);
            }
        }
    }

    #[target_feature(enable = "avx512f,avx512bf16")]
    pub(super) unsafe fn linear_bf16(
        a: &[f32],
        m: usize,
        w: &Linear,
        c: &mut [f32],
        scratch: &mut Vec<u16>,
    ) {
        let (n, k) = (w.n, w.k);
        scratch.clear();
        scratch.resize(m * k, 0);
        // SAFETY: both buffers hold m·k elements; 16 at a time, the tail one by one.
        unsafe {
            let whole = m * k / 16 * 16;
            let mut at = 0;
            while at < whole {
                let x = _mm512_loadu_ps(a.as_ptr().add(at));
                let h = _mm512_cvtneps_pbh(x);
                _mm256_storeu_si256(
                    scratch.as_mut_ptr().add(at) as *mut __m256i,
                    std::mem::transmute::<__m256bh, __m256i>(h),
                );
                at += 16;
            }
            for at in whole..m * k {
                scratch[at] = super::to_bf16(a[at]);
            }
        }
        let (a, c, panels, bias) =
            (scratch.as_ptr(), c.as_mut_ptr(), w.panels_bf16.as_ptr(), w.bias.as_ptr());
        blocks(m, w, MR_512, |rows, k0, kc, i, p, first| {
            // SAFETY: as in linear_f32_512; k0 and kc are even (KC and k are).
            unsafe {
                let a = a.add(i * k + k0);
                let b = panels.add((p * k + k0) * NR);
                let c = c.add(i * n + p * NR);
                let bias = if first { Some(bias.add(p * NR)) } else { None };
                match rows {
                    12 => kernel_bf16::<12>(kc / 2, a, k, b, c, n, bias),
                    8 => kernel_bf16::<8>(kc / 2, a, k, b, c, n, bias),
                    4 => kernel_bf16::<4>(kc / 2, a, k, b, c, n, bias),
                    2 => kernel_bf16::<2>(kc / 2, a, k, b, c, n, bias),
                    _ => kernel_bf16::<1>(kc / 2, a, k, b, c, n, bias),
                }
            }
        });
    }

    /// As [`kernel_f32_512`], with `vdpbf16ps`: each step takes a pair of inputs.
    #[target_feature(enable = "avx512f,avx512bf16")]
    #[inline]
    unsafe fn kernel_bf16<const R: usize>(
        pairs: usize,
        a: *const u16,
        lda: usize,
        b: *const u16,
        c: *mut f32,
        ldc: usize,
        bias: Option<*const f32>,
    ) {
        // SAFETY: as in kernel_f32_512, in bfloat16 for `a` and `b`.
        unsafe {
            let mut acc = start_512::<R>(c, ldc, bias);
            for kp in 0..pairs {
                let b0: __m512bh =
                    std::mem::transmute(_mm512_loadu_si512(b.add(kp * 2 * NR) as *const _));
                let b1: __m512bh =
                    std::mem::transmute(_mm512_loadu_si512(b.add(kp * 2 * NR + 32) as *const _));
                for (r, row) in acc.iter_mut().enumerate() {
                    let pair = (a.add(r * lda + 2 * kp) as *const i32).read_unaligned();
                    let x: __m512bh = std::mem::transmute(_mm512_set1_epi32(pair));
                    row[0] = _mm512_dpbf16_ps(row[0], x, b0);
                    row[1] = _mm512_dpbf16_ps(row[1], x, b1);
                }
            }
            store_512(&acc, c, ldc);
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn linear_f32_256(a: &[f32], m: usize, w: &Linear, c: &mut [f32]) {
        let (n, k) = (w.n, w.k);
        let (a, c, panels, bias) = (a.as_ptr(), c.as_mut_ptr(), w.panels.as_ptr(), w.bias.as_ptr());
        blocks(m, w, MR_256, |rows, k0, kc, i, p, first| {
            // SAFETY: as in linear_f32_512; each half is 16 of the panel's 32 columns.
            unsafe {
                for half in 0..2 {
                    let a = a.add(i * k + k0);
                    let b = panels.add((p * k + k0) * NR + half * 16);
                    let c = c.add(i * n + p * NR + half * 16);
                    let bias = if first { Some(bias.add(p * NR + half * 16)) } else { None };
                    match rows {
                        6 => kernel_f32_256::<6>(kc, a, k, b, c, n, bias),
                        4 => kernel_f32_256::<4>(kc, a, k, b, c, n, bias),
                        2 => kernel_f32_256::<2>(kc, a, k, b, c, n, bias),
                        _ => kernel_f32_256::<1>(kc, a, k, b, c, n, bias),
                    }
                }
            }
        });
    }

    /// `R` rows × 16 columns (half a panel) in 2·R AVX2 registers.
    #[target_feature(enable = "avx2,fma")]
    #[inline]
    unsafe fn kernel_f32_256<const R: usize>(
        kc: usize,
        a: *const f32,
        lda: usize,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
        bias: Option<*const f32>,
    ) {
        // SAFETY: as in kernel_f32_512, 16 columns wide.
        unsafe {
            let mut acc = [[_mm256_setzero_ps(); 2]; R];
            match bias {
                Some(bias) => {
                    let (b0, b1) = (_mm256_loadu_ps(bias), _mm256_loadu_ps(bias.add(8)));
                    for row in acc.iter_mut() {
                        *row = [b0, b1];
                    }
                }
                None => {
                    for (r, row) in acc.iter_mut().enumerate() {
                        *row =
                            [_mm256_loadu_ps(c.add(r * ldc)), _mm256_loadu_ps(c.add(r * ldc + 8))];
                    }
                }
            }
            for kk in 0..kc {
                let b0 = _mm256_loadu_ps(b.add(kk * NR));
                let b1 = _mm256_loadu_ps(b.add(kk * NR + 8));
                for (r, row) in acc.iter_mut().enumerate() {
                    let x = _mm256_set1_ps(*a.add(r * lda + kk));
                    row[0] = _mm256_fmadd_ps(x, b0, row[0]);
                    row[1] = _mm256_fmadd_ps(x, b1, row[1]);
                }
            }
            for (r, row) in acc.iter().enumerate() {
                _mm256_storeu_ps(c.add(r * ldc), row[0]);
                _mm256_storeu_ps(c.add(r * ldc + 8), row[1]);
            }
        }
    }
}

/// Lanes for the vectorised reductions: sums in 16 independent partial sums, so
/// the compiler may keep them in one AVX-512 (or two AVX2) registers.
const LANES: usize = 16;

#[inline(always)]
pub fn sum(x: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (acc, x) in acc.iter_mut().zip(chunk) {
            *acc += x;
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[inline(always)]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..LANES {
            acc[l] = x[l].mul_add(y[l], acc[l]);
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `x = γ · (x − mean) / √(var + eps) + β` over one row.
#[inline(always)]
pub fn layer_norm(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = sum(x) / n;
    let mut acc = [0f32; LANES];
    for chunk in x.chunks_exact(LANES) {
        for (acc, x) in acc.iter_mut().zip(chunk) {
            let d = x - mean;
            *acc = d.mul_add(d, *acc);
        }
    }
    let tail: f32 = x.chunks_exact(LANES).remainder().iter().map(|x| (x - mean) * (x - mean)).sum();
    let var = (acc.iter().sum::<f32>() + tail) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((x, g), b) in x.iter_mut().zip(gamma).zip(beta) {
        *x = (*x - mean) * inv * g + b;
    }
}

/// `erf` for f32, branch-free: a rational approximation on [−4, 4] (erf is ±1 in f32
/// beyond), the form Eigen and XLA use; absolute error below 1e-6 (tested).
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10_f32;
    p = p.mul_add(x2, 2.770_681_4e-8);
    p = p.mul_add(x2, -2.101_024e-6);
    p = p.mul_add(x2, -5.692_506_4e-5);
    p = p.mul_add(x2, -7.349_906_3e-4);
    p = p.mul_add(x2, -2.954_6e-3);
    p = p.mul_add(x2, -1.609_603_3e-2);
    let mut q = -1.456_607_2e-5_f32;
    q = q.mul_add(x2, -2.133_740_6e-4);
    q = q.mul_add(x2, -1.682_827e-3);
    q = q.mul_add(x2, -7.373_329e-3);
    q = q.mul_add(x2, -1.426_474e-2);
    x * p / q
}

/// GELU as BERT defines it (the exact form, with erf), in place.
#[inline(always)]
pub fn gelu(x: &mut [f32]) {
    for x in x.iter_mut() {
        *x = 0.5 * *x * (1.0 + erf(*x * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// `e^x` for f32, branch-free: 2^n · e^r with |r| ≤ ln2/2 and a degree-6 polynomial;
/// relative error about 2e-7 (tested). Inputs below −87 give 0, as softmax wants.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E).round_ties_even();
    // ln 2 split in two so that x − n·ln2 stays exact.
    let r = n.mul_add(-0.693_145_75, x);
    let r = n.mul_add(-1.428_606_8e-6, r);
    let mut p = 1.0 / 720.0_f32;
    p = p.mul_add(r, 1.0 / 120.0);
    p = p.mul_add(r, 1.0 / 24.0);
    p = p.mul_add(r, 1.0 / 6.0);
    p = p.mul_add(r, 0.5);
    p = p.mul_add(r, 1.0);
    p = p.mul_add(r, 1.0);
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    p * scale
}

/// Softmax of one row in place.
#[inline(always)]
pub fn softmax(x: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for x in x.iter_mut() {
        *x = exp(*x - max);
    }
    let inv = 1.0 / sum(x);
    for x in x.iter_mut() {
        *x *= inv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn erf_reference(x: f64) -> f64 {
        // Abramowitz–Stegun 7.1.28 is too coarse; integrate the series instead (x ≤ 4).
        let mut sum = 0.0;
        let mut term = x;
        let mut k = 0.0;
        while term.abs() > 1e-17 || k < 10.0 {
            sum += term / (2.0 * k + 1.0);
            k += 1.0;
            term *= -x * x / k;
            if k > 200.0 {
                break;
            }
        }
        2.0 / std::f64::consts::PI.sqrt() * sum
    }

    #[test]
    fn erf_is_within_1e6_of_the_series() {
        let mut worst = 0f64;
        for i in -6000..=6000 {
            let x = i as f32 / 1000.0;
            let want = if x.abs() > 4.0 {
                erf_reference(4.0_f64.copysign(x as f64))
            } else {
                erf_reference(x as f64)
            };
            worst = worst.max((erf(x) as f64 - want).abs());
        }
        assert!(worst < 1e-6, "worst {worst}");
    }

    #[test]
    fn exp_is_within_3e7_relative_of_std() {
        let mut worst = 0f64;
        for i in -8700..=8800 {
            let x = i as f32 / 100.0;
            let want = (x as f64).exp();
            worst = worst.max(((exp(x) as f64 - want) / want).abs());
        }
        assert!(worst < 3e-7, "worst {worst}");
        assert!(exp(-1000.0) < 1e-37);
    }

    #[test]
    fn bf16_rounds_to_nearest_even() {
        assert_eq!(to_bf16(1.0), 0x3f80);
        // 1 + 2^-8 is half-way between two bfloat16 values: ties go to even.
        assert_eq!(to_bf16(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(to_bf16(1.0 + 3.0 / 256.0), 0x3f82);
    }

    /// Every product variant this CPU runs agrees with a plain triple loop, on
    /// sizes that leave partial row blocks and span two input passes.
    #[test]
    fn products_match_the_definition() {
        let (n, k) = (64, 2 * KC + 6);
        let weight: Vec<f32> =
            (0..n * k).map(|i| ((i * 7919 % 1000) as f32 / 1000.0) - 0.5).collect();
        let bias: Vec<f32> = (0..n).map(|i| i as f32 / 10.0).collect();
        let mut lin = Linear::new(&weight, &bias, n, k);
        lin.ensure_bf16();
        for m in [1, 5, 13, 29, MC + 3] {
            let a: Vec<f32> =
                (0..m * k).map(|i| ((i * 104_729 % 997) as f32 / 997.0) - 0.5).collect();
            let mut want = vec![0f64; m * n];
            for i in 0..m {
                for j in 0..n {
                    want[i * n + j] = bias[j] as f64
                        + (0..k)
                            .map(|kk| a[i * k + kk] as f64 * weight[j * k + kk] as f64)
                            .sum::<f64>();
                }
            }
            for arith in Arithmetic::available() {
                let mut c = vec![0f32; m * n];
                linear(arith, &a, m, &lin, &mut c, &mut Vec::new());
                // bfloat16 keeps 8 bits of mantissa: sums of 774 products of ±0.5 drift by ~0.05.
                let tolerance = if arith == Arithmetic::Avx512Bf16 { 0.1 } else { 1e-3 };
                let worst =
                    c.iter().zip(&want).map(|(c, w)| (*c as f64 - w).abs()).fold(0f64, f64::max);
                assert!(worst < tolerance, "{arith:?} m={m}: worst {worst}");
            }
        }
    }
}
