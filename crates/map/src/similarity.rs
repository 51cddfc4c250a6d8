//! Similarity of two texts and the mapping of raw evidence to a 0–1 score.

use std::collections::BTreeMap;

use pivot_skills::{Mode, content_words};

/// Cosine of two unit vectors.
pub(crate) fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Cosine of the two texts' stemmed content-word counts: the direct
/// similarity when no model is installed.
pub fn lexical_similarity(a: &str, b: &str) -> f32 {
    WordBag::new(a).cosine(&WordBag::new(b))
}

/// A text's stemmed content-word counts and their norm, made once per text so
/// that comparing it with many others does not stem it again.
pub(crate) struct WordBag {
    counts: BTreeMap<String, f32>,
    norm: f32,
}

impl WordBag {
    pub(crate) fn new(text: &str) -> WordBag {
        let mut counts: BTreeMap<String, f32> = BTreeMap::new();
        for w in content_words(text) {
            *counts.entry(w).or_default() += 1.0;
        }
        let norm = counts.values().map(|x| x * x).sum::<f32>().sqrt();
        WordBag { counts, norm }
    }

    pub(crate) fn cosine(&self, other: &WordBag) -> f32 {
        let dot: f32 =
            self.counts.iter().filter_map(|(w, x)| other.counts.get(w).map(|y| x * y)).sum();
        let d = self.norm * other.norm;
        if d == 0.0 { 0.0 } else { dot / d }
    }
}

/// Maps (direct similarity, shared-skill strength, leadership bonus) to 0–1
/// with a logistic: `1 / (1 + e^-(a·sim + b·skill + bonus + c))`.
///
/// `a` and `c` are a logistic regression (L2 0.001) fitted per mode on the 68
/// labelled requirement × evidence pairs in `tests/fixtures/pairs.tsv`
/// (`cargo run --release -p pivot-map --example pair_similarities` prints the
/// data; QUALITY.md has the fit and its reliability by bin). The shared-skill
/// weight and the leadership bonus are set by hand: the pairs do not cover them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub similarity_weight: f32,
    pub skill_weight: f32,
    pub intercept: f32,
    /// Added inside the logistic for scoped evidence on a leadership signal.
    pub leadership_bonus: f32,
    /// Two requirements at least this similar ask for the same thing.
    pub same_signal: f32,
}

impl Calibration {
    pub fn for_mode(mode: Mode) -> Calibration {
        match mode {
            Mode::Hybrid => Calibration {
                similarity_weight: 8.63,
                skill_weight: 2.0,
                intercept: -2.89,
                leadership_bonus: 0.6,
                same_signal: 0.62,
            },
            Mode::Lexical => Calibration {
                similarity_weight: 10.3,
                skill_weight: 2.0,
                intercept: -1.74,
                leadership_bonus: 0.6,
                same_signal: 0.5,
            },
        }
    }

    pub fn score(&self, similarity: f32, skill: f32, bonus: f32) -> f32 {
        let z = self.similarity_weight * similarity
            + self.skill_weight * skill
            + bonus
            + self.intercept;
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_similarity_is_a_bounded_symmetric_cosine() {
        let a = "Owned the product roadmap and strategy";
        let b = "Define the product strategy and roadmap";
        let s = lexical_similarity(a, b);
        assert!((s - lexical_similarity(b, a)).abs() < 1e-6);
        assert!(s > 0.5 && s <= 1.0, "{s}");
        assert_eq!(lexical_similarity("", b), 0.0);
        assert!(lexical_similarity("hired engineers", "pricing experiments") < 0.01);
    }

    #[test]
    fn scores_rise_with_each_part() {
        for mode in [Mode::Hybrid, Mode::Lexical] {
            let c = Calibration::for_mode(mode);
            assert!(c.score(0.7, 0.0, 0.0) > c.score(0.3, 0.0, 0.0));
            assert!(c.score(0.4, 0.8, 0.0) > c.score(0.4, 0.0, 0.0));
            assert!(c.score(0.4, 0.0, c.leadership_bonus) > c.score(0.4, 0.0, 0.0));
            assert!((0.0..=1.0).contains(&c.score(1.0, 1.0, 1.0)));
        }
    }
}
