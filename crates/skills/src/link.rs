//! Sentence → ranked skills: hybrid of the lexical index and the vector index.
//!
//! Each skill's score is a weighted sum of its semantic similarity (the
//! best-matching of its views, cosine with the sentence vector) and its
//! lexical score; the weights were tuned on the TECH / HOUSE validation files
//! (QUALITY.md records every configuration tried). Without vectors the linker
//! runs lexically and says so in [`Mode`].

use serde::Serialize;

use crate::lexical::{LexicalHit, LexicalIndex};
use crate::taxonomy::{SkillId, Taxonomy};
use crate::vector::{VectorIndex, View};

/// How a link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Lexical and embedding scores together.
    Hybrid,
    /// Words only: no model or no vector index.
    Lexical,
}

/// The weights of the hybrid score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinkerConfig {
    /// Weight of the semantic similarity.
    pub semantic: f32,
    /// Weight of the lexical score.
    pub lexical: f32,
    /// Multiplier for each view's cosine before the best is taken.
    pub view_labels: f32,
    pub view_description: f32,
    pub view_whole: f32,
    /// Lexical hits considered per sentence.
    pub lexical_depth: usize,
}

impl Default for LinkerConfig {
    fn default() -> Self {
        LinkerConfig {
            semantic: 1.0,
            lexical: 0.7,
            view_labels: 1.0,
            view_description: 0.9,
            view_whole: 1.0,
            lexical_depth: 200,
        }
    }
}

/// One skill a sentence links to, with the parts of its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub skill: SkillId,
    /// The combined score.
    pub score: f32,
    /// Best cosine among the skill's views, when vectors were used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic: Option<f32>,
    /// Which view gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<View>,
    /// Lexical score (0 when no word matched).
    pub lexical: f32,
    /// Sentence words found in the skill's labels or definition.
    pub matched: Vec<String>,
}

/// Links sentences to skills of one taxonomy.
#[derive(Debug)]
pub struct Linker {
    taxonomy: Taxonomy,
    lexical: LexicalIndex,
    vectors: Option<VectorIndex>,
    pub config: LinkerConfig,
}

impl Linker {
    /// A lexical-only linker; add vectors with [`Linker::with_vectors`].
    pub fn new(taxonomy: Taxonomy) -> Linker {
        let lexical = LexicalIndex::build(&taxonomy);
        Linker { taxonomy, lexical, vectors: None, config: LinkerConfig::default() }
    }

    pub fn with_vectors(mut self, vectors: VectorIndex) -> Linker {
        self.vectors = Some(vectors);
        self
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn mode(&self) -> Mode {
        if self.vectors.is_some() { Mode::Hybrid } else { Mode::Lexical }
    }

    /// The best `limit` skills for a sentence. `vector` is the sentence's
    /// embedding; without it (or without an index) the ranking is lexical.
    pub fn link(&self, sentence: &str, vector: Option<&[f32]>, limit: usize) -> Vec<Link> {
        self.link_many(&[sentence], vector.map(|v| vec![v]).as_deref(), limit)
            .pop()
            .unwrap_or_default()
    }

    /// [`Linker::link`] for many sentences at once: the vector index is scanned
    /// once per block of sentences, which is what makes a whole asset map fast.
    pub fn link_many(
        &self,
        sentences: &[&str],
        vectors: Option<&[&[f32]]>,
        limit: usize,
    ) -> Vec<Vec<Link>> {
        let semantic: Option<Vec<Vec<(f32, View)>>> = match (vectors, &self.vectors) {
            (Some(v), Some(index)) if v.len() == sentences.len() => {
                let cosines = index.scores_many(v);
                Some(cosines.iter().map(|c| self.best_views(index, c)).collect())
            }
            _ => None,
        };
        sentences
            .iter()
            .enumerate()
            .map(|(i, s)| self.combine(s, semantic.as_ref().map(|v| v[i].as_slice()), limit))
            .collect()
    }

    fn combine(&self, sentence: &str, semantic: Option<&[(f32, View)]>, limit: usize) -> Vec<Link> {
        let hits = self.lexical.search(sentence, self.config.lexical_depth);
        let Some(semantic) = semantic else {
            return hits
                .into_iter()
                .take(limit)
                .map(|h| Link {
                    skill: h.skill,
                    score: h.score,
                    semantic: None,
                    view: None,
                    lexical: h.score,
                    matched: h.matched,
                })
                .collect();
        };
        let mut lexical: Vec<Option<&LexicalHit>> = vec![None; self.taxonomy.len()];
        for hit in &hits {
            lexical[hit.skill.0 as usize] = Some(hit);
        }
        let c = &self.config;
        let mut links: Vec<(f32, usize)> = semantic
            .iter()
            .enumerate()
            .map(|(i, &(cos, _))| {
                let lex = lexical[i].map_or(0.0, |h| h.score);
                (c.semantic * cos + c.lexical * lex, i)
            })
            .collect();
        let keep = limit.min(links.len());
        if keep == 0 {
            return Vec::new();
        }
        let by_score = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        links.select_nth_unstable_by(keep - 1, by_score);
        links.truncate(keep);
        links.sort_by(by_score);
        links
            .into_iter()
            .map(|(score, i)| {
                let (cos, view) = semantic[i];
                Link {
                    skill: SkillId(i as u32),
                    score,
                    semantic: Some(cos),
                    view: Some(view),
                    lexical: lexical[i].map_or(0.0, |h| h.score),
                    matched: lexical[i].map(|h| h.matched.clone()).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Best weighted cosine per skill and the view it came from, from the
    /// cosines of every index row.
    fn best_views(&self, index: &VectorIndex, cosines: &[f32]) -> Vec<(f32, View)> {
        let c = &self.config;
        let mut best = vec![(f32::MIN, View::Whole); self.taxonomy.len()];
        for (&(skill, view), &cos) in index.rows().iter().zip(cosines) {
            let weight = match view {
                View::Labels => c.view_labels,
                View::Description => c.view_description,
                View::Whole => c.view_whole,
            };
            if let Some(slot) = best.get_mut(skill.0 as usize) {
                let weighted = cos * weight;
                if weighted > slot.0 {
                    *slot = (weighted, view);
                }
            }
        }
        for slot in &mut best {
            if slot.0 == f32::MIN {
                slot.0 = 0.0;
            }
        }
        best
    }
}
