#!/usr/bin/env python3
"""sentence-transformers' counterpart of crates/embed/examples/embed_bench.rs (used by bench/embed/run).

    st_bench.py SENTENCES --model DIR [--runs N] [--threads N|default] [--batch-size 32]
                [--compare PIVOT.f32]

Loads all-MiniLM-L6-v2 from Pivot's model directory (config.json, tokenizer.json,
model.safetensors; with no modules.json sentence-transformers builds Transformer + mean pooling,
which is this model's pipeline), sets max_seq_length to 256 as the published model does, encodes
every sentence once untimed as a warm-up, then --runs times timed with
`encode(batch_size=32, normalize_embeddings=True)`, and prints one JSON line. --threads 1 calls
torch.set_num_threads(1) before anything runs; "default" leaves torch's choice (one per core).
--compare reads Pivot's vectors (raw little-endian f32, 384 per sentence, input order) and
reports the cosine of every pair: min, mean and the sentence with the lowest.
"""
import argparse
import json
import statistics
import sys
import time

t_import = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import sentence_transformers  # noqa: E402
import transformers  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402
import_s = time.perf_counter() - t_import

DIM = 384
MAX_SEQ_LENGTH = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sentences")
    ap.add_argument("--model", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", default="default")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--compare", action="append", default=[], metavar="LABEL=PATH",
                    help="Pivot's vectors (raw little-endian f32) to compare with; repeatable")
    ap.add_argument("--bf16", action="store_true",
                    help="run the model under torch.autocast('cpu', dtype=torch.bfloat16)")
    a = ap.parse_args()
    if a.runs < 1:
        sys.exit("st_bench: --runs must be positive")
    if a.threads != "default":
        torch.set_num_threads(int(a.threads))

    with open(a.sentences, encoding="utf-8") as f:
        sentences = [l.rstrip("\n") for l in f if l.strip()]

    t = time.perf_counter()
    model = SentenceTransformer(a.model, device="cpu")
    model.max_seq_length = MAX_SEQ_LENGTH
    load_s = time.perf_counter() - t

    def encode():
        if a.bf16:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                v = model.encode(sentences, batch_size=a.batch_size, normalize_embeddings=True,
                                 convert_to_tensor=True, show_progress_bar=False)
            return v.float().numpy()
        return model.encode(sentences, batch_size=a.batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    with torch.inference_mode():
        t = time.perf_counter()
        encode()
        warmup_s = time.perf_counter() - t
        seconds = []
        for _ in range(a.runs):
            t = time.perf_counter()
            vectors = encode()
            seconds.append(time.perf_counter() - t)

    tokens = sum(len(ids) for ids in model.tokenizer(
        sentences, truncation=True, max_length=MAX_SEQ_LENGTH)["input_ids"])
    median = statistics.median(seconds)
    info = torch.__config__.parallel_info().splitlines()
    out = {
        "sentences": len(sentences),
        "tokens": tokens,
        "mean_tokens": tokens / len(sentences),
        "runs": a.runs,
        "seconds": seconds,
        "median_s": median,
        "sentences_per_s": len(sentences) / median,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "parallel_info": [l.strip() for l in info
                          if l.strip().startswith(("at::get_num_threads", "ATen parallel backend",
                                                   "Intel(R) oneAPI", "Intel(R) MKL-DNN"))],
        "batch_size": a.batch_size,
        "autocast_bf16": a.bf16,
        "import_s": import_s,
        "load_s": load_s,
        "warmup_s": warmup_s,
        "versions": {"sentence-transformers": sentence_transformers.__version__,
                     "torch": torch.__version__, "transformers": transformers.__version__,
                     "python": sys.version.split()[0]},
    }
    for spec in a.compare:
        key, _, path = spec.partition("=")
        pivot = np.fromfile(path, dtype="<f4")
        if pivot.size != len(sentences) * DIM:
            sys.exit(f"st_bench: {path}: {pivot.size} floats, expected "
                     f"{len(sentences)} x {DIM}")
        pivot = pivot.reshape(len(sentences), DIM).astype(np.float64)
        st = vectors.astype(np.float64)
        cos = (pivot * st).sum(1) / (np.linalg.norm(pivot, axis=1) * np.linalg.norm(st, axis=1))
        worst = int(cos.argmin())
        out.setdefault("agreements", {})[key] = {
            "cosine_min": float(cos.min()), "cosine_mean": float(cos.mean()),
            "below_0_9999": int((cos < 0.9999).sum()),
            "max_abs_diff": float(np.abs(pivot - st).max()),
            "worst_sentence": sentences[worst]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
