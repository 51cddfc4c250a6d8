"""Word and reading-order F1 of extracted text against the source text.

word F1: the extracted words against the source words as bags (multisets), case-sensitive,
punctuation stripped at word edges (a bullet or a lone dash is no word).
bigram F1: the same over consecutive word pairs, so it drops when the reading order is wrong
(interleaved columns) even if every word is there.
"""
import sys
import unicodedata
from collections import Counter
from pathlib import Path


def strip_edges(word):
    def punct(c):
        return unicodedata.category(c)[0] in "PS"
    start, end = 0, len(word)
    while start < end and punct(word[start]):
        start += 1
    while end > start and punct(word[end - 1]):
        end -= 1
    return word[start:end]


def words(text):
    return [w for w in (strip_edges(t) for t in text.split()) if w]


def f1(pred, truth):
    pred, truth = Counter(pred), Counter(truth)
    hit = sum((pred & truth).values())
    if hit == 0:
        return 0.0
    p, r = hit / sum(pred.values()), hit / sum(truth.values())
    return 2 * p * r / (p + r)


def scores(pred_text, truth_text):
    p, t = words(pred_text), words(truth_text)
    return f1(p, t), f1(list(zip(p, p[1:])), list(zip(t, t[1:])))


def main():
    work = Path(sys.argv[1])
    systems = [("pivot", "Pivot"), ("poppler", "pdftotext"), ("poppler-layout", "pdftotext -layout")]
    names = sorted(p.stem for p in work.glob("*.pdf"))
    if not names:
        sys.exit("no PDFs in " + str(work))
    header = f"{'file':30}" + "".join(f"{label:>22}" for _, label in systems)
    print(header)
    print(f"{'':30}" + "".join(f"{'word F1  bigram F1':>22}" for _ in systems))
    totals = {key: [0.0, 0.0] for key, _ in systems}
    for name in names:
        truth = (work / f"{name}.txt").read_text(encoding="utf-8")
        row = f"{name:30}"
        for key, _ in systems:
            pred = (work / f"{name}.{key}.txt").read_text(encoding="utf-8", errors="replace")
            w, b = scores(pred, truth)
            totals[key][0] += w
            totals[key][1] += b
            row += f"{w:>13.3f}{b:>9.3f}"
        print(row)
    print("-" * len(header))
    row = f"{'mean (' + str(len(names)) + ' files)':30}"
    for key, _ in systems:
        row += f"{totals[key][0] / len(names):>13.3f}{totals[key][1] / len(names):>9.3f}"
    print(row)
    pw, pb = (t / len(names) for t in totals["pivot"])
    best_b = max(totals[k][1] / len(names) for k, _ in systems[1:])
    ok = pw >= 0.97 and pb >= best_b
    print(f"targets: Pivot word F1 >= 0.97 and bigram F1 >= pdftotext's: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
