#!/usr/bin/env python3
"""Prints the benchmark sentences for bench/embed/run, one per line, deduplicated, in a fixed order.

Only material committed in this repository (standard library only):
- tests/bullets/tune.tsv and holdout.tsv: both columns (weak and strong resume bullets);
- the posting fixtures in crates/import/tests/fixtures/postings/: the responsibility and
  requirement items (JSON arrays; HTML <li> under a responsibility/requirement heading; bullet
  lines of the plain-text posting under such a heading), not benefits, navigation or footers;
- bullet lines ("- " / "* ") of the resume, bullet and narrative files in tests/corpus/.
Usage: sentences.py REPO_ROOT > sentences.txt
"""
import html.parser
import json
import re
import sys
from pathlib import Path

# Headings whose list items are responsibilities or requirements.
WANTED = re.compile(
    r"you.?ll do|you will|what you.?ll own|responsibilit|role|looking for|must have|requirement|"
    r"qualification|nice to have|bonus|great if you have", re.I)


def clean(s):
    return " ".join(s.split())


def bullets_tsv(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:  # header: weak<TAB>strong
        yield from (c for c in line.split("\t") if c.strip())


class PostingHTML(html.parser.HTMLParser):
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.heading, self.in_heading, self.li, self.li_link = "", False, None, False
        self.items = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HEADINGS and self.li is None:
            self.in_heading, self.heading = True, ""
        elif tag == "li":
            self.li, self.li_link = [], False
        elif tag == "a" and self.li is not None:
            self.li_link = True

    def handle_endtag(self, tag):
        if tag in self.HEADINGS:
            self.in_heading = False
        elif tag == "li" and self.li is not None:
            if not self.li_link and WANTED.search(self.heading):
                self.items.append(clean("".join(self.li)))
            self.li = None

    def handle_data(self, data):
        if self.li is not None:
            self.li.append(data)
        elif self.in_heading:
            self.heading += data


def posting_html(path):
    p = PostingHTML()
    p.feed(path.read_text(encoding="utf-8"))
    return p.items


def posting_json(path):
    d = json.loads(path.read_text(encoding="utf-8"))
    return [s for key in ("responsibilities", "qualifications") for s in d.get(key, [])]


def posting_txt(path):
    items, heading, current = [], "", None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        m = re.match(r"\s*[-*•]\s+(.*)", line)
        if m:
            if current is not None:
                items.append(current)
            current = m.group(1) if WANTED.search(heading) else None
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current += " " + line.strip()  # wrapped bullet
        else:
            if current is not None:
                items.append(current)
            current = None
            if line.strip():
                heading = line
    return items


def corpus_bullets(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*[-*]\s+(.*)", line)
        if m and len(m.group(1).split()) >= 3:
            yield re.sub(r"\*\*|__|`", "", m.group(1))


def main():
    root = Path(sys.argv[1])
    found = []
    for name in ("tune.tsv", "holdout.tsv"):
        found += bullets_tsv(root / "tests/bullets" / name)
    postings = sorted((root / "crates/import/tests/fixtures/postings").iterdir())
    readers = {".html": posting_html, ".json": posting_json, ".txt": posting_txt}
    for path in postings:
        found += readers.get(path.suffix, lambda _: [])(path)
    for kind in ("resume", "bullet", "narrative"):
        for path in sorted((root / "tests/corpus" / kind).iterdir()):
            found += corpus_bullets(path)
    seen, out = set(), []
    for s in map(clean, found):
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    sys.stdout.write("".join(s + "\n" for s in out))


if __name__ == "__main__":
    main()
