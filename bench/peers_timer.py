#!/usr/bin/env python3
"""Time Pivot, proselint and write-good on the same corpus; used by bench/peers.

Each measurement is a list of commands run one after another; its time is the
wall-clock sum (time.perf_counter). Linters exit non-zero when they find
problems, so exit codes are ignored; instead every command must write nothing
to stderr and something to stdout, and the JSON-emitting tools must report
every file, so a broken tool cannot look fast. Runs are interleaved round-robin
(after one untimed warm-up round) so machine noise spreads over all tools.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# In-process runners: each loads its tool once, reads the texts, lints them all once untimed,
# prints "ready", then answers every "pass" line on stdin with one timed pass over all texts as
# {"seconds": s, "findings": n}. The timer asks each tool in turn, so the passes of the three
# tools are interleaved like the other modes (a VM that changes speed for a minute then slows
# every tool alike, not only the one that happened to run then).
PROSELINT_INPROC = r"""
import json, sys, time
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
spec = json.loads(sys.stdin.readline())
texts = [(p, open(p, encoding="utf-8").read()) for p in spec["files"]]
CheckRegistry().register_many(__register__)
lint = lambda: sum(len(LintFile(p, s).lint(DEFAULT)) for p, s in texts)
lint()
print("ready", flush=True)
for line in iter(sys.stdin.readline, ""):
    t = time.perf_counter()
    n = lint()
    print(json.dumps({"seconds": time.perf_counter() - t, "findings": n}), flush=True)
"""

WRITE_GOOD_INPROC = r"""
const writeGood = require(process.argv[1]);
const fs = require('fs');
const lines = require('readline').createInterface({ input: process.stdin });
let texts = null;
const lint = () => { let n = 0; for (const s of texts) n += writeGood(s).length; return n; };
lines.on('line', (line) => {
  if (texts === null) {
    texts = JSON.parse(line).files.map((p) => fs.readFileSync(p, 'utf8'));
    lint();
    console.log('ready');
    return;
  }
  const t = process.hrtime.bigint();
  const n = lint();
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t) / 1e9, findings: n }));
});
"""


class InProcess:
    """One in-process runner (see above), started once and asked for one pass at a time."""

    def __init__(self, name, argv, files):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.proc.stdin.write(json.dumps({"files": files}) + "\n")
        self.proc.stdin.flush()
        self.expect("ready")

    def expect(self, what):
        line = self.proc.stdout.readline()
        if not line.startswith(what):
            self.proc.kill()
            sys.exit(f"peers_timer: in-process {self.name} said {line.strip()!r}, expected {what!r}; "
                     f"stderr: {self.proc.stderr.read()[:2000]}")
        return line

    def one_pass(self, command="pass"):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return json.loads(self.expect("{"))

    def close(self):
        self.proc.stdin.close()
        err = self.proc.stderr.read()
        if self.proc.wait() != 0 or err.strip():
            sys.exit(f"peers_timer: in-process {self.name} exited {self.proc.returncode}: {err[:2000]}")


def reported_files(tool, outputs):
    """How many files a tool's JSON output covers (None: format has no per-file record)."""
    if tool == "pivot":  # one JSON object per input, one per line
        return sum(1 for o in outputs for l in o.splitlines() if l.strip() and isinstance(json.loads(l), dict))
    if tool == "proselint":  # {"result": {"file:///...": {...}}}
        return sum(len(json.loads(o)["result"]) for o in outputs)
    return None


def time_commands(tool, commands, nfiles):
    # Output is captured as bytes and decoded after the clock stops: decoding text inside the
    # timed region charged each tool the timer's own work, in proportion to its output (about
    # 2.5 ms for 376 KB here, against 0.4 ms to read the same bytes).
    t = time.perf_counter()
    outputs = [subprocess.run(c, capture_output=True) for c in commands]
    secs = time.perf_counter() - t
    outputs = [(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))
               for p in outputs]
    for c, (code, out, err) in zip(commands, outputs):
        if err.strip() or not out:
            sys.exit(f"peers_timer: {tool}: exit {code}, {len(out)} bytes of stdout, "
                     f"stderr {err.strip()[:2000]!r} from: {' '.join(c[:6])} ...")
    try:
        got = reported_files(tool, [out for _, out, _ in outputs])
    except (ValueError, KeyError, TypeError) as e:
        sys.exit(f"peers_timer: {tool}: output is not the expected JSON ({e})")
    if got is not None and got != nfiles:
        sys.exit(f"peers_timer: {tool} reported {got} files, expected {nfiles}")
    return secs


def first_line(argv):
    lines = subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()
    if not lines:
        sys.exit(f"peers_timer: no version from: {' '.join(argv)}")
    return lines[0]


def machine():
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), platform.processor() or "unknown")
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model, "kernel": platform.release(),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}


def main():
    ap = argparse.ArgumentParser()
    for a in ("pivot", "pivot-inproc", "proselint", "python", "node", "write-good-dir", "corpus", "out"):
        ap.add_argument("--" + a, required=True)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()

    corpus = Path(a.corpus)
    kinds = sorted(d.name for d in corpus.iterdir() if d.is_dir())
    by_kind = {k: sorted(str(f) for f in (corpus / k).rglob("*") if f.is_file()) for k in kinds}
    files = [f for k in kinds for f in by_kind[k]]
    if not files:
        sys.exit(f"peers_timer: no files under {corpus}")
    words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
    wg_js = str(Path(a.write_good_dir) / "bin" / "write-good.js")

    pivot = [a.pivot, "check", "--format", "json"]
    prose = [a.proselint, "check", "-o", "json"]
    wgood = [a.node, wg_js, "--parse"]
    echo = shutil.which("echo") or sys.exit("peers_timer: no echo on PATH")
    kind_of = {f: k for k in kinds for f in by_kind[k]}
    plans = {
        # One process for every file: pivot takes each file's kind from its folder name.
        ("pivot", "batch"): [pivot + files],
        ("pivot", "per-file"): [pivot + ["--kind", kind_of[f], f] for f in files],
        ("proselint", "batch"): [prose + files],
        ("proselint", "per-file"): [prose + [f] for f in files],
        ("write-good", "batch"): [wgood + files],
        ("write-good", "per-file"): [wgood + [f] for f in files],
        # The floor: a trivial process started the same way. No tool's process can be faster,
        # so this is the least a per-file run can take here.
        ("floor", "batch"): [[echo, "x"]],
        ("floor", "per-file"): [[echo, f] for f in files],
    }
    versions = {
        "pivot": first_line([a.pivot, "--version"]).split()[-1],
        "proselint": first_line([a.proselint, "version"]).split()[-1],
        "write-good": json.loads((Path(a.write_good_dir) / "package.json").read_text())["version"],
        "floor": "echo",
    }
    runtimes = {"python": first_line([a.python, "--version"]).split()[-1],
                "node": first_line([a.node, "--version"]).lstrip("v")}

    times = {key: [] for key in plans}
    for r in range(a.runs + 1):  # round 0 is an untimed warm-up
        for key, cmds in plans.items():
            s = time_commands(key[0], cmds, len(files))
            if r:
                times[key].append(s)
        print(f"  round {r}/{a.runs}{' (warm-up)' if r == 0 else ''} done", file=sys.stderr)

    runners = {
        "proselint": InProcess("proselint", [a.python, "-c", PROSELINT_INPROC], files),
        "write-good": InProcess("write-good", [a.node, "-e", WRITE_GOOD_INPROC,
                                               str(Path(a.write_good_dir).resolve())], files),
        # crates/lint/examples/inprocess.rs: "pass" on one thread, "pass-mt" on every core.
        "pivot": InProcess("pivot", [a.pivot_inproc], files),
    }
    inproc = {t: {"seconds": [], "findings": None} for t in ("proselint", "write-good", "pivot", "pivot-mt")}
    for _ in range(a.runs):
        for tool, command in (("proselint", "pass"), ("write-good", "pass"), ("pivot", "pass"), ("pivot-mt", "pass-mt")):
            res = runners["pivot" if tool == "pivot-mt" else tool].one_pass(command)
            if inproc[tool]["findings"] not in (None, res["findings"]):
                sys.exit(f"peers_timer: in-process {tool} found {res['findings']}, then {inproc[tool]['findings']}")
            inproc[tool]["seconds"].append(res["seconds"])
            inproc[tool]["findings"] = res["findings"]
    for runner in runners.values():
        runner.close()
    print("  in-process passes done", file=sys.stderr)
    threads = len(os.sched_getaffinity(0))
    versions["pivot-mt"] = versions["pivot"]

    rows = []
    for (tool, mode), secs in times.items():
        rows.append({"tool": tool, "version": versions[tool], "files": len(files), "words": words,
                     "mode": mode, "processes": len(plans[(tool, mode)]), "runs": secs})
    for tool, res in inproc.items():
        rows.append({"tool": tool, "version": versions[tool], "files": len(files), "words": words,
                     "mode": "in-process", "processes": 0, "runs": res["seconds"]})
    base = {m: statistics.median(times[("pivot", m)]) for m in ("batch", "per-file")}
    base["in-process"] = statistics.median(inproc["pivot"]["seconds"])  # one thread, as the peers run
    all_cores = statistics.median(inproc["pivot-mt"]["seconds"])
    for row in rows:
        row["median_s"] = statistics.median(row["runs"])
        row["words_per_s"] = words / row["median_s"]
        row["vs_pivot"] = None if row["tool"] in ("pivot", "pivot-mt", "floor") else row["median_s"] / base[row["mode"]]
        row["vs_pivot_all_cores"] = row["median_s"] / all_cores if row["mode"] == "in-process" and row["vs_pivot"] else None

    m = machine()
    head = f"{'tool':<11} {'version':<8} {'files':>5} {'words':>6}  {'mode':<10} {'median s':>9} {'min s':>7} {'max s':>7} {'words/s':>8}  {'peer/pivot':>10}"
    print(f"Pivot vs peers on {corpus} ({len(kinds)} kinds), median of {a.runs} runs")
    print(f"machine: {m['nproc']} cpus, {m['cpu']}, kernel {m['kernel']}; "
          f"python {runtimes['python']}, node {runtimes['node']}; {m['date']}")
    print()
    print(head)
    print("-" * len(head))
    order = {"batch": 0, "per-file": 1, "in-process": 2}
    for row in sorted(rows, key=lambda r: (order[r["mode"]], not r["tool"].startswith("pivot"), r["tool"])):
        ratio = "-" if row["vs_pivot"] is None else f"{row['vs_pivot']:.1f}x"
        print(f"{row['tool']:<11} {row['version']:<8} {row['files']:>5} {row['words']:>6}  {row['mode']:<10} "
              f"{row['median_s']:>9.3f} {min(row['runs']):>7.3f} {max(row['runs']):>7.3f} {row['words_per_s']:>8.0f}  {ratio:>10}")
    print()
    print("batch: every tool runs once for all files (pivot reads each file's kind from its folder).")
    print(f"per-file: one process per file ({len(files)} processes), as an editor integration calls them.")
    print("in-process: every tool loads once, lints all texts in memory once untimed, then the timed")
    print("  passes of the tools take turns (no start-up, no file reads);")
    print("  the ratio is against pivot on one thread, as the peers run; pivot-mt is pivot on all "
          f"{threads} cores")
    print("  (Analyzer::check_many, on the threads `pivot check` uses for several files), giving "
          + ", ".join(f"{r['tool']} {r['vs_pivot_all_cores']:.1f}x" for r in rows if r["vs_pivot_all_cores"]) + ".")
    print(f"floor: {echo} started the same way (batch: once; per-file: once per file); no process can")
    print("  be faster, so peer/floor is the largest ratio any tool could reach in that mode.")
    print("Speed on the same texts only: the tools check different things; findings are not compared.")

    out = {"machine": m, "runtimes": runtimes, "versions": versions, "corpus": str(corpus),
           "kinds": kinds, "files": len(files), "words": words, "runs": a.runs, "results": rows,
           "in_process_findings": {t: r["findings"] for t, r in inproc.items()},
           "note": "in-process ratios are against pivot on one thread (vs_pivot) and on all cores (vs_pivot_all_cores)"}
    Path(a.out).write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nJSON: {a.out}")


if __name__ == "__main__":
    main()
