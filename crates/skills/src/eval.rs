//! The skill-linking benchmark (Decorte et al. 2022, TECH / HOUSE): read its
//! CSV files, rank skills per sentence, report RP@5, RP@10 and MRR.
//!
//! Protocol: the input is the whole sentence; its gold labels are the pooled
//! labels of its spans minus `LABEL NOT PRESENT` and `UNDERSPECIFIED`;
//! sentences left with none are dropped. RP@K = mean over sentences of
//! |gold ∩ top K| / min(K, |gold|). MRR uses the first gold skill's rank.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::taxonomy::{SkillId, Taxonomy};

const SPECIAL: [&str; 2] = ["LABEL NOT PRESENT", "UNDERSPECIFIED"];

/// Sentences with their gold labels, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSet {
    pub sentences: Vec<(String, BTreeSet<String>)>,
}

impl EvalSet {
    /// Reads `sentence,span,sub_span,label` or `sentence,label`; the header decides.
    pub fn parse_csv(text: &str) -> Result<EvalSet, String> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| format!("header: {e}"))?.clone();
        let column = |name: &str| header.iter().position(|h| h.trim() == name);
        let (Some(sentence_at), Some(label_at)) = (column("sentence"), column("label")) else {
            return Err(format!(
                "the header must have `sentence` and `label` columns, found `{}`",
                header.iter().collect::<Vec<_>>().join(",")
            ));
        };
        let mut order: Vec<String> = Vec::new();
        let mut gold: HashMap<String, BTreeSet<String>> = HashMap::new();
        for record in reader.records() {
            let record = record
                .map_err(|e| format!("line {}: {e}", e.position().map_or(0, |p| p.line())))?;
            let (Some(sentence), Some(label)) = (record.get(sentence_at), record.get(label_at))
            else {
                return Err(format!(
                    "line {}: missing a column",
                    record.position().map_or(0, |p| p.line())
                ));
            };
            let entry = gold.entry(sentence.to_string()).or_insert_with(|| {
                order.push(sentence.to_string());
                BTreeSet::new()
            });
            let label = label.trim();
            if !label.is_empty() && !SPECIAL.contains(&label) {
                entry.insert(label.to_string());
            }
        }
        let sentences = order
            .into_iter()
            .filter_map(|s| {
                let labels = gold.remove(&s)?;
                (!labels.is_empty()).then_some((s, labels))
            })
            .collect();
        Ok(EvalSet { sentences })
    }
}

/// How gold labels (ESCO preferred labels) find their skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoldResolution {
    /// A list of preferred labels was given: each skill whose label run starts
    /// with one of them gets the longest, and only those skills are candidates.
    LabelList,
    /// No list: a gold label names the skill whose label run starts with it.
    Prefix,
}

/// Maps preferred labels to skills.
#[derive(Debug, Clone)]
pub struct LabelResolver {
    pub resolution: GoldResolution,
    by_label: HashMap<String, SkillId>,
    candidates: Option<BTreeSet<SkillId>>,
}

fn starts_with_label(labels: &str, label: &str) -> bool {
    labels == label
        || (labels.starts_with(label) && labels.as_bytes().get(label.len()) == Some(&b' '))
}

impl LabelResolver {
    /// Uses a list of preferred labels, one per line.
    pub fn from_label_list(taxonomy: &Taxonomy, list: &str) -> LabelResolver {
        let mut by_first: HashMap<&str, Vec<&str>> = HashMap::new();
        for label in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let first = label.split_whitespace().next().unwrap_or("");
            by_first.entry(first).or_default().push(label);
        }
        let mut by_label = HashMap::new();
        let mut candidates = BTreeSet::new();
        for skill in taxonomy.skills() {
            let first = skill.labels.split_whitespace().next().unwrap_or("");
            let best = by_first
                .get(first)
                .into_iter()
                .flatten()
                .filter(|l| starts_with_label(&skill.labels, l))
                .max_by_key(|l| l.len());
            if let Some(label) = best {
                // Two skills claiming one label: the first in the file keeps it.
                by_label.entry((*label).to_string()).or_insert(skill.id);
                candidates.insert(skill.id);
            }
        }
        LabelResolver {
            resolution: GoldResolution::LabelList,
            by_label,
            candidates: Some(candidates),
        }
    }

    /// Resolves each label by prefix when asked.
    pub fn by_prefix(
        taxonomy: &Taxonomy,
        labels: impl IntoIterator<Item = String>,
    ) -> LabelResolver {
        let mut by_label = HashMap::new();
        for label in labels {
            let mut matches: Vec<_> =
                taxonomy.skills().iter().filter(|s| starts_with_label(&s.labels, &label)).collect();
            // The skill whose recovered preferred label is exactly this one wins,
            // then the shortest label run (the least that comes after it).
            matches.sort_by_key(|s| (s.label != label, s.labels.len(), s.id));
            if let Some(skill) = matches.first() {
                by_label.insert(label, skill.id);
            }
        }
        LabelResolver { resolution: GoldResolution::Prefix, by_label, candidates: None }
    }

    pub fn resolve(&self, label: &str) -> Option<SkillId> {
        self.by_label.get(label).copied()
    }

    pub fn is_candidate(&self, skill: SkillId) -> bool {
        self.candidates.as_ref().is_none_or(|c| c.contains(&skill))
    }
}

/// One file's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub sentences: usize,
    pub gold_labels: usize,
    /// Gold labels no skill of the taxonomy carries (they count as misses).
    pub unresolved_labels: usize,
    pub resolution: GoldResolution,
    #[serde(rename = "RP@5")]
    pub rp5: f64,
    #[serde(rename = "RP@10")]
    pub rp10: f64,
    #[serde(rename = "MRR")]
    pub mrr: f64,
}

/// Ranks every sentence with `rank` (best first) and scores the rankings.
pub fn evaluate(
    set: &EvalSet,
    resolver: &LabelResolver,
    mut rank: impl FnMut(&str) -> Vec<SkillId>,
) -> EvalReport {
    let mut rp5 = 0.0;
    let mut rp10 = 0.0;
    let mut mrr = 0.0;
    let mut gold_labels = 0;
    let mut unresolved = 0;
    for (sentence, labels) in &set.sentences {
        gold_labels += labels.len();
        let gold: BTreeSet<SkillId> = labels.iter().filter_map(|l| resolver.resolve(l)).collect();
        unresolved += labels.len() - gold.len();
        let ranking: Vec<SkillId> =
            rank(sentence).into_iter().filter(|s| resolver.is_candidate(*s)).collect();
        let hits_at = |k: usize| ranking.iter().take(k).filter(|s| gold.contains(s)).count();
        // Unresolved labels still count in the denominator: they are misses.
        let size = labels.len();
        rp5 += hits_at(5) as f64 / size.min(5) as f64;
        rp10 += hits_at(10) as f64 / size.min(10) as f64;
        if let Some(pos) = ranking.iter().position(|s| gold.contains(s)) {
            mrr += 1.0 / (pos + 1) as f64;
        }
    }
    let n = set.sentences.len().max(1) as f64;
    EvalReport {
        sentences: set.sentences.len(),
        gold_labels,
        unresolved_labels: unresolved,
        resolution: resolver.resolution,
        rp5: 100.0 * rp5 / n,
        rp10: 100.0 * rp10 / n,
        mrr: mrr / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAXONOMY: &str = "id,description\n\
        u:java,\"Java (computer programming) Java The techniques of development in Java.\"\n\
        u:js,\"JavaScript Client-side JavaScript The techniques of development in JavaScript.\"\n\
        u:budget,\"manage budgets control budgets Plan the budget.\"\n\
        u:budget2,\"manage budgets for social services Plan budgets for services.\"\n";

    const SPANS: &str = "sentence,span,sub_span,label\n\
        javascript reactjs java,javascript,,JavaScript\n\
        javascript reactjs java,reactjs,,LABEL NOT PRESENT\n\
        javascript reactjs java,java,,Java (computer programming)\n\
        nothing to see,x,,UNDERSPECIFIED\n\
        own the budget,budget,,manage budgets\n";

    #[test]
    fn both_formats_pool_labels_and_drop_empty_sentences() {
        let set = EvalSet::parse_csv(SPANS).unwrap();
        assert_eq!(set.sentences.len(), 2);
        assert_eq!(set.sentences[0].1.len(), 2);
        let short =
            EvalSet::parse_csv("sentence,label\na b,manage budgets\na b,JavaScript\n").unwrap();
        assert_eq!(short.sentences.len(), 1);
        assert_eq!(short.sentences[0].1.len(), 2);
        assert!(EvalSet::parse_csv("text,skill\nx,y\n").is_err());
    }

    #[test]
    fn metrics_follow_the_protocol() {
        let t = Taxonomy::parse_csv(TAXONOMY).unwrap();
        let set = EvalSet::parse_csv(SPANS).unwrap();
        let labels = "Java (computer programming)\nJavaScript\nmanage budgets\nmanage budgets for social services\n";
        let resolver = LabelResolver::from_label_list(&t, labels);
        assert_eq!(resolver.resolve("manage budgets"), Some(SkillId(2)));
        assert_eq!(resolver.resolve("manage budgets for social services"), Some(SkillId(3)));
        // Perfect ranking for the first, gold at rank 2 for the second.
        let report = evaluate(&set, &resolver, |s| {
            if s.starts_with("javascript") {
                vec![SkillId(1), SkillId(0), SkillId(2)]
            } else {
                vec![SkillId(3), SkillId(2)]
            }
        });
        assert_eq!(report.sentences, 2);
        assert!((report.rp5 - 100.0).abs() < 1e-9);
        assert!((report.mrr - 0.75).abs() < 1e-9);
        let prefix = LabelResolver::by_prefix(&t, ["manage budgets".to_string()]);
        assert_eq!(prefix.resolve("manage budgets"), Some(SkillId(2)));
    }
}
