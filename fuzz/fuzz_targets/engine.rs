//! Fuzzes pivot-lint's `Analyzer::check`: never panics, every diagnostic is located inside the
//! text on char boundaries, diagnostics are sorted, scores stay in range, and output is
//! deterministic.
//!
//! Input: the first byte selects the options, the rest (if UTF-8) is the text.
//!   kind      = DocKind::ALL[b % 6]
//!   level     = (b / 6) % 2 == 1   → target product-management / director; else none (inferred)
//!   format    = (b / 12) % 2 == 0  → Markdown; else Plain
//!   intended  = (b / 24) % 2 == 1  → the text's first line as the intended summary
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pivot_lint::{Analyzer, CheckOptions, DocKind, Format, Report, TargetSpec};
use pivot_text::Span;


static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::builtin);
static DIRECTOR: LazyLock<TargetSpec> = LazyLock::new(|| {
    ANALYZER
        .target(Some("product-management"), Some("director"))
        .expect("the built-in product-management pack has a director level")
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let b = selector as usize;
    let opts = CheckOptions {
        kind: DocKind::ALL[b % DocKind::ALL.len()],
        format: if (b / 12) % 2 == 0 { Format::Markdown } else { Format::Plain },
        target: if (b / 6) % 2 == 1 { Some(*DIRECTOR) } else { None },
        intended: if (b / 24) % 2 == 1 {
            Some(text.lines().next().unwrap_or("").to_owned())
        } else {
            None
        },
    };
    let report = ANALYZER.check(text, &opts);
    check_report(text, &report);

    // Determinism: the same input gives byte-identical JSON.
    let first = serde_json::to_string(&report).expect("a report serialises");
    let again = serde_json::to_string(&ANALYZER.check(text, &opts)).expect("a report serialises");
    assert!(first == again, "two checks of the same input differ:\n{first}\n---\n{again}");
});

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(end <= text.len(), "{what}: {start}..{end} past the end ({})", text.len());
    assert!(text.is_char_boundary(start), "{what}: start {start} not on a char boundary");
    assert!(text.is_char_boundary(end), "{what}: end {end} not on a char boundary");
}

fn check_report(text: &str, report: &Report) {
    let mut prev: Option<(usize, usize, &str)> = None;
    for (i, d) in report.diagnostics.iter().enumerate() {
        let what = format!("diagnostic {i} ({})", d.rule);
        let loc = &d.span;
        check_span(text, loc.start, loc.end, &what);
        assert!(loc.line >= 1 && loc.column >= 1, "{what}: start at {}:{}", loc.line, loc.column);
        assert!(
            loc.end_line >= 1 && loc.end_column >= 1,
            "{what}: end at {}:{}",
            loc.end_line,
            loc.end_column
        );
        assert!(
            (loc.end_line, loc.end_column) >= (loc.line, loc.column),
            "{what}: ends at {}:{} before it starts at {}:{}",
            loc.end_line,
            loc.end_column,
            loc.line,
            loc.column
        );
        let key = (loc.start, loc.end, &*d.rule);
        if let Some(p) = prev {
            assert!(p <= key, "{what}: diagnostics not sorted: {p:?} then {key:?}");
        }
        prev = Some(key);
    }

    assert!(report.scores.signal <= 100, "signal {} > 100", report.scores.signal);
    for (name, part) in &report.scores.parts {
        assert!(part.max >= 0.0, "part {name}: max {} < 0", part.max);
        assert!(
            (0.0..=part.max).contains(&part.points),
            "part {name}: {} points outside 0..={}",
            part.points,
            part.max
        );
        for (i, e) in part.evidence.iter().enumerate() {
            check_evidence(text, e.span, &format!("part {name} evidence {i}"));
        }
    }
    for (i, r) in report.scan.reached.iter().enumerate() {
        check_evidence(text, r.span, &format!("scan.reached {i}"));
    }
    if let Some(s) = &report.scan.summary {
        check_evidence(text, s.span, "scan.summary");
    }
}

fn check_evidence(text: &str, span: Span, what: &str) {
    check_span(text, span.start, span.end, what);
}
