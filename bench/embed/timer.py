#!/usr/bin/env python3
"""Pivot vs sentence-transformers, sentences per second on the same sentences; used by bench/embed/run.

Every measurement is a fresh process (crates/embed/examples/embed_bench.rs for Pivot,
bench/embed/st_bench.py for sentence-transformers) that loads the model, embeds all sentences
once untimed as a warm-up, then once timed, and prints JSON. The configurations run round-robin,
RUNS rounds, Pivot and sentence-transformers alternating, so background load (a build on the
shared machine) hits all of them alike; the table gives the median over the rounds. Agreement:
in every round Pivot's vectors are compared, sentence by sentence, with sentence-transformers'
(cosine); the minimum over all rounds is reported.

Other processes on the machine: around every measurement the busy CPU time of the whole machine
(/proc/stat, including hypervisor steal) is compared with the CPU time of the measured process.
If something else used more than FOREIGN_LIMIT of a core on average, the round is marked
disturbed and another round is run, up to 3 x RUNS rounds in all. The medians come from the
undisturbed rounds; if fewer than RUNS of them were had, from all rounds, with a warning.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


FOREIGN_LIMIT = 0.15  # cores used by other processes, on average over a measurement
CLK_TCK = os.sysconf("SC_CLK_TCK")


def busy_seconds():
    """Non-idle CPU time of the whole machine so far (user nice system irq softirq steal)."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(f) - f[3] - f[4]) / CLK_TCK


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_json(name, argv, env):
    """Runs one measurement; returns its JSON and the cores other processes used meanwhile."""
    busy, own, wall = busy_seconds(), children_cpu(), time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - wall
    foreign = max(0.0, (busy_seconds() - busy) - (children_cpu() - own)) / wall
    lines = p.stdout.strip().splitlines()
    if p.returncode != 0 or not lines:
        sys.exit(f"embed timer: {name} failed (exit {p.returncode}): {' '.join(argv)}\n"
                 f"stderr: {p.stderr.strip()[-3000:]}")
    try:
        return json.loads(lines[-1]), foreign
    except ValueError as e:
        sys.exit(f"embed timer: {name}: output is not JSON ({e}): {lines[-1][:500]}")


def machine():
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines()
                  if l.startswith("Model name")), platform.processor() or "unknown")
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    return {"cpu": model, "nproc": int(nproc), "kernel": platform.release(),
            "bf16": "avx512_bf16" in flags and "avx512f" in flags,
            "load_average": list(os.getloadavg()),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}


def main():
    ap = argparse.ArgumentParser()
    for a in ("embed-bench", "st-bench", "python", "model", "sentences", "vectors", "out"):
        ap.add_argument("--" + a, required=True)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    m = machine()
    cores = m["nproc"]
    base_env = {k: v for k, v in os.environ.items() if k != "PIVOT_EMBED_PRECISION"}
    pivot = [a.embed_bench, a.sentences, "--model", a.model]
    st = [a.python, a.st_bench, a.sentences, "--model", a.model]
    vectors_f32 = a.vectors + ".f32"
    bf16 = m["bf16"]
    # (key, label, argv, extra environment). The headline is Pivot as `pivot` runs (its default:
    # bf16 products where the CPU has AVX512-BF16, else f32) against sentence-transformers as it
    # runs by default (f32). Like for like as well: f32 against f32, and where the CPU has
    # AVX512-BF16, Pivot's bf16 products against sentence-transformers under bf16 autocast.
    default = "bf16 products" if bf16 else "f32"
    plan = [("pivot", f"Pivot, {cores} threads, default ({default})",
             pivot + ["--threads", str(cores), "--vectors", a.vectors], {})]
    compare = ["--compare", f"default={a.vectors}"]
    if bf16:
        plan.append(("pivot_f32", f"Pivot, {cores} threads, f32",
                     pivot + ["--threads", str(cores), "--arith", "f32", "--vectors", vectors_f32],
                     {}))
        compare += ["--compare", f"f32={vectors_f32}"]
    plan.append(("st", "sentence-transformers, torch default threads, f32",
                 st + ["--threads", "default"] + compare, {}))
    if bf16:
        plan.append(("st_bf16", "sentence-transformers, default threads, bf16 autocast",
                     st + ["--threads", "default", "--bf16"], {}))
    plan += [
        ("pivot_1", f"Pivot, 1 thread, default ({default})", pivot + ["--threads", "1"], {}),
        ("st_1", "sentence-transformers, torch.set_num_threads(1), f32",
         st + ["--threads", "1"], {}),
    ]
    rounds = []  # per round: {key: measurement}, and the most foreign CPU seen in it
    worst = {}  # per label of Pivot's vectors: the round with the lowest cosine
    while sum(1 for r in rounds if not r["disturbed"]) < a.runs and len(rounds) < 3 * a.runs:
        rnd, got, foreign = len(rounds) + 1, {}, 0.0
        for key, label, argv, extra in plan:
            print(f"  round {rnd}: {label}", file=sys.stderr, flush=True)
            r, f = run_json(key, argv + ["--runs", "1"], {**base_env, **extra})
            r["label"], r["foreign_cores"] = label, f
            foreign = max(foreign, f)
            got[key] = r
            for k, g in r.get("agreements", {}).items():
                if k not in worst or g["cosine_min"] < worst[k]["cosine_min"]:
                    worst[k] = g
        disturbed = foreign > FOREIGN_LIMIT
        if disturbed:
            print(f"  round {rnd} disturbed: other processes used {foreign:.2f} cores; "
                  "it does not count", file=sys.stderr, flush=True)
        rounds.append({"disturbed": disturbed, "foreign_cores": foreign, "results": got})
    clean = [r for r in rounds if not r["disturbed"]]
    used = clean if len(clean) >= a.runs else rounds
    busy_warning = None if used is clean else (
        f"only {len(clean)} of {len(rounds)} rounds were undisturbed: the medians use all "
        "rounds and are pessimistic (run again on an idle machine)")
    results = {}
    for key, *_ in plan:
        r = dict(used[0]["results"][key])
        secs = [u["results"][key]["seconds"][0] for u in used]
        loads = [u["results"][key]["load_s"] + u["results"][key].get("import_s", 0.0) for u in used]
        r.update(runs=len(used), seconds=secs, median_s=statistics.median(secs),
                 load_s=statistics.median(loads), load_s_all=loads,
                 foreign_cores=[u["results"][key]["foreign_cores"] for u in used])
        r.pop("import_s", None)
        r.pop("agreements", None)
        r["sentences_per_s"] = r["sentences"] / r["median_s"]
        results[key] = r

    m["load_average_end"] = list(os.getloadavg())
    n = {r["sentences"] for r in results.values()}
    if len(n) != 1:
        sys.exit(f"embed timer: the runs saw different sentence counts: {sorted(n)}")
    sentences = n.pop()
    st_info = results["st"]
    rate = {k: r["sentences_per_s"] for k, r in results.items()}
    ratios = {"pivot_vs_st_default": rate["pivot"] / rate["st"],
              "pivot_1_vs_st_1": rate["pivot_1"] / rate["st_1"]}
    if bf16:
        ratios["pivot_f32_vs_st_f32"] = rate["pivot_f32"] / rate["st"]
        ratios["pivot_bf16_vs_st_bf16"] = rate["pivot"] / rate["st_bf16"]

    print(f"Embedding, all-MiniLM-L6-v2: {sentences} sentences from {a.sentences}, "
          f"median of {len(used)} interleaved rounds (each a fresh process: load, warm-up, one timed "
          f"pass); {len(rounds) - len(clean)} disturbed rounds {'left out' if used is clean else 'kept'}")
    print(f"machine: {m['cpu']}, nproc {cores}, kernel {m['kernel']}, "
          f"load average {' '.join(f'{x:.2f}' for x in m['load_average'])} at start, "
          f"{' '.join(f'{x:.2f}' for x in m['load_average_end'])} at the end; {m['date']}")
    print(f"tokens per sentence (with [CLS]/[SEP]): Pivot {results['pivot']['mean_tokens']:.2f}, "
          f"sentence-transformers {st_info['mean_tokens']:.2f}")
    print(f"sentence-transformers {st_info['versions']['sentence-transformers']}, torch "
          f"{st_info['versions']['torch']}, transformers {st_info['versions']['transformers']}, "
          f"python {st_info['versions']['python']}; batch size {st_info['batch_size']}")
    print(f"torch threads by default: {st_info['threads']} (interop {st_info['interop_threads']}); "
          + "; ".join(st_info["parallel_info"]))
    blas = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS_", "OMP_", "MKL_"))}
    if blas:
        print("environment (left as is; torch's matrix products here use MKL/oneDNN, not "
              "OpenBLAS): " + " ".join(f"{k}={v}" for k, v in sorted(blas.items())))
    print()
    head = (f"{'configuration':<56} {'threads':>7} {'median s':>9} {'min s':>7} {'max s':>7} "
            f"{'sent/s':>7} {'load s':>7}")
    print(head)
    print("-" * len(head))
    for key, *_ in plan:
        r = results[key]
        load = r["load_s"]
        print(f"{r['label']:<56} {r['threads']:>7} {r['median_s']:>9.3f} {min(r['seconds']):>7.3f} "
              f"{max(r['seconds']):>7.3f} {r['sentences_per_s']:>7.0f} {load:>7.2f}")
    print()
    print(f"Pivot / sentence-transformers, each as it runs by default: "
          f"{ratios['pivot_vs_st_default']:.2f}x with {cores} cores, "
          f"{ratios['pivot_1_vs_st_1']:.2f}x on one core (above 1: Pivot is faster)")
    if bf16:
        print(f"like for like: f32 / f32 {ratios['pivot_f32_vs_st_f32']:.2f}x; "
              f"bf16 products / bf16 autocast {ratios['pivot_bf16_vs_st_bf16']:.2f}x")
    for k, g in sorted(worst.items()):
        print(f"agreement, Pivot ({k}) vs sentence-transformers (f32), cosine per sentence: "
              f"min {g['cosine_min']:.12f} (1 - {1 - g['cosine_min']:.1e}), "
              f"mean {g['cosine_mean']:.12f}, {g['below_0_9999']} below 0.9999, "
              f"largest component difference {g['max_abs_diff']:.1e}")
    print("load s: model load, median over the rounds (Pivot: read and build; "
          "sentence-transformers: import + construct).")

    out = {"machine": m, "sentences": sentences, "sentence_file": a.sentences, "runs": len(used),
           "rounds": len(rounds), "disturbed_rounds": len(rounds) - len(clean),
           "foreign_limit_cores": FOREIGN_LIMIT, "warning": busy_warning,
           "results": results, "ratios": ratios, "agreements": worst,
           "environment": blas}
    Path(a.out).write_text(json.dumps(out, indent=2) + "\n")
    if busy_warning:
        print(f"\nWARNING: {busy_warning}")
    print(f"\nJSON: {a.out}")


if __name__ == "__main__":
    main()
