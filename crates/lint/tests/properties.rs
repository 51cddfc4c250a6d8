//! Property tests: on any text the analysis does not panic, every span lies inside the text on
//! char boundaries, output is deterministic, and the score is bounded and monotone in findings
//! (the per-rule example tests check that each rule's fix never lowers the score).

use pivot_lint::{Analyzer, CheckOptions, DocKind, Format};
use proptest::prelude::*;
use std::sync::LazyLock;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::builtin);

/// Text built from pieces that exercise the rules, markup and tricky Unicode.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Responsible for ",
        "grew revenue ",
        "40% ",
        "$2.4M ",
        "₹5 lakh ",
        "from 24 hours to 4 ",
        "a team of 12 engineers ",
        "Director of Product ",
        "moving into ",
        "I think ",
        "synergy ",
        "Although I have never managed, ",
        "I'd welcome a call. ",
        "- ",
        "\n",
        "\n\n",
        "# ",
        "**",
        "[link](http://x.test) ",
        "é",
        "🚀",
        "数据",
        "“quoted” ",
        "— ",
        "\r\n",
        "\t",
        ". ",
        "e.g. ",
        "QoQ ",
        "3x ",
        "   ",
        "`code` ",
        "<b>html</b> ",
        "1. ",
        "• ",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,8}"], 0..60)
        .prop_map(|v| v.concat())
}

fn kinds() -> impl Strategy<Value = DocKind> {
    prop::sample::select(DocKind::ALL.to_vec())
}

/// Up to a dozen texts, each with a kind: a batch for `check_many` and `check_each`.
fn batches() -> impl Strategy<Value = Vec<(String, CheckOptions)>> {
    prop::collection::vec((text(), kinds()), 0..12).prop_map(|texts| {
        texts
            .into_iter()
            .map(|(text, kind)| (text, CheckOptions { kind, ..CheckOptions::default() }))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Guards `check_many`: on every core, each report is what `check` gives, in input order.
    #[test]
    fn a_batch_on_every_core_reports_each_text_as_alone_in_order(
        inputs in batches()
    ) {
        let batch: Vec<(&str, &CheckOptions)> = inputs.iter().map(|(t, o)| (t.as_str(), o)).collect();
        let reports = ANALYZER.check_many(&batch);
        prop_assert_eq!(reports.len(), batch.len());
        for ((text, o), report) in batch.iter().zip(&reports) {
            prop_assert_eq!(
                serde_json::to_string(report).unwrap(),
                serde_json::to_string(&ANALYZER.check(text, o)).unwrap()
            );
        }
    }

    /// Guards `check_each`: every report is handed over once, in input order, each what
    /// `check` gives; an error from the caller stops the batch there and comes back.
    #[test]
    fn a_streamed_batch_hands_over_each_text_as_alone_in_order_and_stops_at_an_error(
        inputs in batches(), fail_at in 0usize..14
    ) {
        let batch: Vec<(&str, &CheckOptions)> = inputs.iter().map(|(t, o)| (t.as_str(), o)).collect();
        let mut seen = Vec::new();
        let result = ANALYZER.check_each(&batch, |i, report| {
            if i == fail_at {
                return Err(i);
            }
            seen.push((i, serde_json::to_string(&report).unwrap()));
            Ok(())
        });
        let expected_len = batch.len().min(fail_at);
        prop_assert_eq!(result, if fail_at < batch.len() { Err(fail_at) } else { Ok(()) });
        prop_assert_eq!(seen.len(), expected_len);
        for (n, (i, json)) in seen.iter().enumerate() {
            prop_assert_eq!(*i, n);
            let (text, o) = batch[n];
            prop_assert_eq!(json, &serde_json::to_string(&ANALYZER.check(text, o)).unwrap());
        }
    }

    #[test]
    fn spans_are_inside_the_text_and_output_is_deterministic(
        text in text(), kind in kinds(), markdown in any::<bool>(), level in any::<bool>()
    ) {
        let target = level.then(|| ANALYZER.target(None, Some("director")).unwrap());
        let format = if markdown { Format::Markdown } else { Format::Plain };
        let opts = CheckOptions { kind, format, target, intended: Some("Director of Product".into()) };
        let report = ANALYZER.check(&text, &opts);
        for d in &report.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            prop_assert!(d.span.line >= 1 && d.span.column >= 1);
        }
        for r in &report.scan.reached {
            prop_assert!(r.span.end <= text.len() && text.is_char_boundary(r.span.start));
        }
        prop_assert!(report.scores.signal <= 100);
        for part in report.scores.parts.values() {
            prop_assert!(part.points >= 0.0 && part.points <= part.max);
        }
        // The mistakes part is 20 less a positive penalty per finding: it can only fall as
        // findings are added, which is what makes the score monotone under fixes.
        let lost: f64 = report.diagnostics.iter().map(|d| pivot_lint::score::penalty(d.severity)).sum();
        prop_assert!((report.scores.parts["mistakes"].points - (20.0 - lost).max(0.0)).abs() < 1e-6);
        let again = ANALYZER.check(&text, &opts);
        prop_assert_eq!(
            serde_json::to_string(&report).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
    }
}
