//! Weak vs strong resume bullets: a weak bullet gets at least one warning-or-error finding and
//! a strong one none, in at least 95% of cases, on both the tuning and the held-out pairs.

use crate::util::{check, read};
use pivot_lint::{DocKind, Severity};
use std::path::Path;

fn flagged(text: &str) -> bool {
    check(text, DocKind::Bullet, None).diagnostics.iter().any(|d| d.severity >= Severity::Warning)
}

fn accuracy(file: &str) -> (f64, Vec<String>) {
    let data = read(Path::new(file));
    let mut right = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for line in data.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (weak, strong) = line.split_once('\t').expect("weak<TAB>strong");
        total += 2;
        if flagged(weak) {
            right += 1;
        } else {
            misses.push(format!("weak not flagged: {weak}"));
        }
        if flagged(strong) {
            misses.push(format!("strong flagged: {strong}"));
        } else {
            right += 1;
        }
    }
    (f64::from(right) / f64::from(total), misses)
}

#[test]
fn weak_and_strong_bullets_are_told_apart_on_the_tuning_pairs() {
    let (acc, misses) = accuracy("tests/bullets/tune.tsv");
    assert!(acc >= 0.95, "accuracy {acc:.3}:\n{}", misses.join("\n"));
}

#[test]
fn weak_and_strong_bullets_are_told_apart_on_the_held_out_pairs() {
    let (acc, misses) = accuracy("tests/bullets/holdout.tsv");
    assert!(acc >= 0.95, "accuracy {acc:.3}:\n{}", misses.join("\n"));
}
