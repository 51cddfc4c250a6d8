//! Pivot's skills layer: ESCO skills, indexes over them, and sentence → skill linking.
//!
//! Invariants: no I/O (callers hand in file contents and sentence vectors), no
//! model code (vectors come from whatever implements [`Encoder`]), and output
//! order is deterministic: ties break by skill id.

mod eval;
mod lexical;
mod link;
mod taxonomy;
mod text;
mod vector;

pub use eval::{EvalReport, EvalSet, GoldResolution, LabelResolver, evaluate};
pub use lexical::{LexicalHit, LexicalIndex};
pub use link::{Link, Linker, LinkerConfig, Mode};
pub use taxonomy::{Skill, SkillId, Taxonomy, TaxonomyError};
pub use text::{content_words, normalise_words, stem_words};
pub use vector::{VectorIndex, VectorIndexError, View};

/// Turns sentences into unit vectors. Implemented over the embedding model by the
/// shell crates; tests use small fakes.
pub trait Encoder {
    /// One unit vector per text, in order; `None` when the model cannot run
    /// (the caller falls back to lexical linking).
    fn encode(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>>;
    /// Width of the vectors.
    fn dim(&self) -> usize;
}
