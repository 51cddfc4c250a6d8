//! A lexical index over skill labels and definitions: BM25 on stemmed words,
//! label words weighted above definition words, a bonus for a label's word
//! pair found in order, and fuzzy matching of one typo in longer words.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::taxonomy::{SkillId, Taxonomy};
use crate::text::{Stems, acronym_key, is_stop_word, normalise_words, surface_words};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A label word counts this much more than a definition word.
const LABEL_WEIGHT: f32 = 3.0;
/// Bonus (in idf units) for each pair of adjacent sentence words that also
/// stand together in the skill's labels.
const PAIR_WEIGHT: f32 = 1.0;
/// Words shorter than this must match exactly.
const FUZZY_MIN_LEN: usize = 6;

/// One skill found lexically.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexicalHit {
    pub skill: SkillId,
    /// 0–1: the share of the sentence's word weight the skill covers.
    pub score: f32,
    /// Sentence words that matched, as written (lower case).
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    skill: u32,
    label_tf: u16,
    desc_tf: u16,
}

#[derive(Debug, Default)]
pub struct LexicalIndex {
    postings: HashMap<String, Vec<Posting>>,
    /// Stemmed adjacent label word pairs → skills.
    pairs: HashMap<(String, String), Vec<u32>>,
    /// A word with one letter deleted → the vocabulary words it came from.
    deletions: HashMap<String, Vec<String>>,
    lengths: Vec<f32>,
    average_length: f32,
    skills: usize,
}

impl LexicalIndex {
    pub fn build(taxonomy: &Taxonomy) -> LexicalIndex {
        let mut index = LexicalIndex { skills: taxonomy.len(), ..LexicalIndex::default() };
        let mut stems = Stems::new();
        for skill in taxonomy.skills() {
            let label_words = content_stems(&skill.labels, &mut stems);
            let desc_words = content_stems(&skill.description, &mut stems);
            let mut counts: BTreeMap<&str, (u16, u16)> = BTreeMap::new();
            for w in &label_words {
                counts.entry(w).or_default().0 += 1;
            }
            for w in &desc_words {
                counts.entry(w).or_default().1 += 1;
            }
            for (word, (label_tf, desc_tf)) in counts {
                index.postings.entry(word.to_string()).or_default().push(Posting {
                    skill: skill.id.0,
                    label_tf,
                    desc_tf,
                });
            }
            let mut seen = HashSet::new();
            for pair in label_words.windows(2) {
                let key = (pair[0].clone(), pair[1].clone());
                if seen.insert(key.clone()) {
                    index.pairs.entry(key).or_default().push(skill.id.0);
                }
            }
            index.lengths.push(LABEL_WEIGHT * label_words.len() as f32 + desc_words.len() as f32);
        }
        index.average_length =
            index.lengths.iter().sum::<f32>() / index.lengths.len().max(1) as f32;
        let mut vocabulary: Vec<&String> = index.postings.keys().collect();
        vocabulary.sort();
        for word in vocabulary {
            if word.chars().count() >= FUZZY_MIN_LEN {
                for deleted in deletions(word) {
                    index.deletions.entry(deleted).or_default().push(word.clone());
                }
            }
        }
        index
    }

    fn idf(&self, word: &str) -> f32 {
        let n = self.postings.get(word).map_or(0, Vec::len) as f32;
        let total = self.skills as f32;
        ((total - n + 0.5) / (n + 0.5) + 1.0).ln()
    }

    /// Vocabulary words the sentence word stands for: itself, or the words one
    /// typo away when it is long and unknown.
    fn expand(&self, stem: &str) -> Vec<String> {
        if self.postings.contains_key(stem) || stem.chars().count() < FUZZY_MIN_LEN {
            return vec![stem.to_string()];
        }
        let mut found: Vec<String> = Vec::new();
        // The word with a letter missing, an extra letter, or one changed.
        if let Some(words) = self.deletions.get(stem) {
            found.extend(words.iter().cloned());
        }
        for deleted in deletions(stem) {
            if self.postings.contains_key(&deleted) {
                found.push(deleted.clone());
            }
            if let Some(words) = self.deletions.get(&deleted) {
                found.extend(words.iter().cloned());
            }
        }
        found.sort();
        found.dedup();
        if found.is_empty() { vec![stem.to_string()] } else { found }
    }

    /// Skills ranked by lexical score, best first, ties by id; at most `limit`.
    pub fn search(&self, sentence: &str, limit: usize) -> Vec<LexicalHit> {
        let mut query: Vec<(String, String)> = Vec::new(); // (key, word)
        for (stem, word) in keyed_words(sentence, &mut Stems::new()) {
            if !is_stop_word(&word) && !query.iter().any(|(s, _)| *s == stem) {
                query.push((stem, word));
            }
        }
        let mut scores: HashMap<u32, (f32, Vec<usize>)> = HashMap::new();
        let mut total_weight = 0.0;
        for (qi, (stem, _)) in query.iter().enumerate() {
            let expansions = self.expand(stem);
            let idf = expansions
                .iter()
                .map(|w| self.idf(w))
                .fold(0f32, f32::max)
                .max(self.idf(stem).min(1.0));
            total_weight += idf;
            let mut best: HashMap<u32, f32> = HashMap::new();
            for word in &expansions {
                let Some(postings) = self.postings.get(word) else {
                    continue;
                };
                let idf = self.idf(word);
                for p in postings {
                    let tf = LABEL_WEIGHT * f32::from(p.label_tf) + f32::from(p.desc_tf);
                    let norm = 1.0 - B + B * self.lengths[p.skill as usize] / self.average_length;
                    let part = idf * tf * (K1 + 1.0) / (tf + K1 * norm) / (K1 + 1.0);
                    let e = best.entry(p.skill).or_insert(0.0);
                    *e = e.max(part);
                }
            }
            for (skill, part) in best {
                let e = scores.entry(skill).or_default();
                e.0 += part;
                e.1.push(qi);
            }
        }
        for pair in query.windows(2) {
            let key = (pair[0].0.clone(), pair[1].0.clone());
            if let Some(skills) = self.pairs.get(&key) {
                let bonus = PAIR_WEIGHT * self.idf(&pair[1].0).min(self.idf(&pair[0].0));
                for &s in skills {
                    if let Some(e) = scores.get_mut(&s) {
                        e.0 += bonus;
                    }
                }
                total_weight += bonus;
            }
        }
        if total_weight <= 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<LexicalHit> = scores
            .into_iter()
            .map(|(skill, (score, matched))| LexicalHit {
                skill: SkillId(skill),
                score: (score / total_weight).min(1.0),
                matched: matched.into_iter().map(|i| query[i].1.clone()).collect(),
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.skill.cmp(&b.skill)));
        hits.truncate(limit);
        hits
    }
}

fn content_stems(text: &str, stems: &mut Stems) -> Vec<String> {
    keyed_words(text, stems)
        .into_iter()
        .filter(|(_, w)| !is_stop_word(w))
        .map(|(key, _)| key)
        .collect()
}

/// (index key, lower-cased word) for every word: the key is the stem, or the
/// marked acronym for "LED"-like words written in capitals.
fn keyed_words(text: &str, stems: &mut Stems) -> Vec<(String, String)> {
    // Only texts with a capital letter can hold a capitals-only acronym.
    let capitals: HashSet<String> = if text.bytes().any(|b| b.is_ascii_uppercase()) {
        surface_words(text)
            .iter()
            .filter_map(|w| acronym_key(w).map(|_| w.to_lowercase()))
            .collect()
    } else {
        HashSet::new()
    };
    normalise_words(text)
        .into_iter()
        .map(|word| {
            if capitals.contains(&word) {
                (format!("={word}"), word)
            } else {
                (stems.stem(&word).to_string(), word)
            }
        })
        .collect()
}

fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len()).map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse_csv(
            "id,description\n\
             u:budget,\"manage budgets control budgets Plan, monitor and report on the budget.\"\n\
             u:java,\"Java (computer programming) Java The techniques of software development in Java.\"\n\
             u:js,\"JavaScript Client-side JavaScript The techniques of software development in JavaScript.\"\n\
             u:roadmap,\"develop product roadmap create a product roadmap Plan the product strategy and the roadmap of features.\"\n\
             u:price,\"pricing strategies pricing methods Techniques to set prices of goods.\"\n",
        )
        .unwrap()
    }

    #[test]
    fn exact_label_words_rank_their_skill_first() {
        let t = taxonomy();
        let index = LexicalIndex::build(&t);
        let top = |s: &str| t.get(index.search(s, 3)[0].skill).uri.clone();
        assert_eq!(top("javascript reactjs"), "u:js");
        assert_eq!(top("Owned the product roadmap"), "u:roadmap");
        assert_eq!(top("Managed a $2M budget"), "u:budget");
        assert_eq!(top("Led pricing experiments"), "u:price");
    }

    #[test]
    fn led_the_team_is_not_led_lighting() {
        let t = Taxonomy::parse_csv(
            "id,description\n\
             u:led,\"LED lighting components LED modules Semiconductor devices which emit light.\"\n\
             u:lead,\"lead a team direct a team Lead and supervise a group of people.\"\n",
        )
        .unwrap();
        let index = LexicalIndex::build(&t);
        assert!(
            index.search("Led pricing changes", 5).iter().all(|h| t.get(h.skill).uri != "u:led")
        );
        assert_eq!(t.get(index.search("LED lighting for stores", 5)[0].skill).uri, "u:led");
    }

    #[test]
    fn one_typo_in_a_long_word_still_matches() {
        let t = taxonomy();
        let index = LexicalIndex::build(&t);
        let hits = index.search("roadmpa for the prodct", 3);
        assert_eq!(t.get(hits[0].skill).uri, "u:roadmap");
    }

    #[test]
    fn scores_are_bounded_and_ties_break_by_id() {
        let t = taxonomy();
        let index = LexicalIndex::build(&t);
        for s in ["", "the of and", "software development", "🚀 ünïcode"] {
            let hits = index.search(s, 10);
            assert!(hits.iter().all(|h| (0.0..=1.0).contains(&h.score)), "{s}");
            assert!(hits.windows(2).all(|w| w[0].score > w[1].score
                || (w[0].score == w[1].score && w[0].skill < w[1].skill)));
        }
    }
}
