//! Sentences per second for `Embedder::embed_uncached`, as one JSON line (used by `bench/embed/run`).
//!
//! ```text
//! embed_bench SENTENCES [--model DIR] [--runs N] [--threads N] [--arith NAME] [--vectors OUT.f32]
//! ```
//!
//! Reads one sentence per line from SENTENCES (empty lines skipped), loads the model (default:
//! `$PIVOT_DATA_DIR/model/all-MiniLM-L6-v2`, the same lookup as `pivot`), embeds every sentence
//! once untimed as a warm-up, then `--runs` times (default 3) timed, and prints the median.
//! `--threads` sets `Embedder::set_threads` (default: the available cores). `--arith` picks the
//! products' arithmetic (`portable`, `avx2`, `avx512`, `avx512-bf16`, or `f32` for the best f32
//! one; default: what `pivot` uses, the fastest the CPU runs unless `PIVOT_EMBED_PRECISION=f32`). `--vectors` writes the
//! vectors of the last run as raw little-endian f32, one row of 384 per sentence in input order,
//! for comparison with another implementation.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    sentences: PathBuf,
    model: Option<PathBuf>,
    runs: usize,
    threads: Option<usize>,
    arith: Option<String>,
    vectors: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args_os().skip(1);
    let mut sentences = None;
    let (mut model, mut runs, mut threads, mut vectors, mut arith) = (None, 3, None, None, None);
    let number = |v: Option<std::ffi::OsString>, flag: &str| -> Result<usize, String> {
        v.and_then(|v| v.to_str()?.parse().ok())
            .filter(|&n: &usize| n > 0)
            .ok_or_else(|| format!("{flag} needs a positive integer"))
    };
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("--model") => model = Some(it.next().ok_or("--model needs a directory")?.into()),
            Some("--runs") => runs = number(it.next(), "--runs")?,
            Some("--threads") => threads = Some(number(it.next(), "--threads")?),
            Some("--arith") => {
                arith = Some(
                    it.next().and_then(|v| v.into_string().ok()).ok_or("--arith needs a name")?,
                )
            }
            Some("--vectors") => vectors = Some(it.next().ok_or("--vectors needs a path")?.into()),
            Some(flag) if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ if sentences.is_none() => sentences = Some(PathBuf::from(arg)),
            _ => return Err("only one sentence file".into()),
        }
    }
    let sentences = sentences.ok_or("no sentence file given")?;
    Ok(Args { sentences, model, runs, threads, arith, vectors })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("embed_bench: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = parse_args().map_err(|e| {
        format!(
            "{e}\nusage: embed_bench SENTENCES [--model DIR] [--runs N] [--threads N] [--arith NAME] [--vectors OUT.f32]"
        )
    })?;
    let text = std::fs::read_to_string(&args.sentences)
        .map_err(|e| format!("{}: {e}", args.sentences.display()))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(format!("{}: no sentences", args.sentences.display()));
    }
    let model = match args.model {
        Some(dir) => dir,
        None => pivot_data::model_dir(&pivot_data::data_dir().map_err(|e| e.to_string())?),
    };

    let t = Instant::now();
    let mut embedder =
        pivot_embed::Embedder::load(&model).map_err(|e| format!("{}: {e}", model.display()))?;
    let load_s = t.elapsed().as_secs_f64();
    let threads =
        args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    embedder.set_threads(threads);
    if let Some(name) = &args.arith {
        let available = pivot_embed::Arithmetic::available();
        let arith = if name == "f32" {
            available.into_iter().rfind(|a| !a.is_bf16())
        } else {
            available.into_iter().find(|a| a.name() == name)
        }
        .ok_or_else(|| format!("--arith {name}: not available on this CPU"))?;
        embedder.set_arithmetic(arith).map_err(|e| e.to_string())?;
    }
    let tokens: usize = lines.iter().map(|l| embedder.token_count(l)).sum();

    let t = Instant::now();
    embedder.embed_uncached(&lines).map_err(|e| e.to_string())?;
    let warmup_s = t.elapsed().as_secs_f64();
    let mut seconds = Vec::with_capacity(args.runs);
    let mut vectors = Vec::new();
    for _ in 0..args.runs {
        let t = Instant::now();
        vectors = embedder.embed_uncached(&lines).map_err(|e| e.to_string())?;
        seconds.push(t.elapsed().as_secs_f64());
    }
    let mut sorted = seconds.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };

    if let Some(path) = &args.vectors {
        let mut bytes = Vec::with_capacity(vectors.len() * pivot_embed::DIM * 4);
        for v in &vectors {
            for x in v {
                bytes.extend_from_slice(&x.to_le_bytes());
            }
        }
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }

    let report = serde_json::json!({
        "sentences": lines.len(),
        "tokens": tokens,
        "mean_tokens": tokens as f64 / lines.len() as f64,
        "runs": args.runs,
        "seconds": seconds,
        "median_s": median,
        "sentences_per_s": lines.len() as f64 / median,
        "threads": threads,
        "arithmetic": embedder.arithmetic().name(),
        "load_s": load_s,
        "warmup_s": warmup_s,
        "model": model.display().to_string(),
    });
    let mut out = std::io::stdout().lock();
    writeln!(out, "{report}").map_err(|e| e.to_string())
}
