//! The engine: Pivot's downloaded parts, loaded and wired for the shells (CLI,
//! server).
//!
//! [`Engine::open`] never fails. It loads what is installed and verified — the
//! ESCO taxonomy, the embedding model, the skill-vector index (built on first
//! use and stored in the data directory) — and, for anything missing or
//! corrupt, runs lexically and keeps one [`Engine::notice`] that says so.
//!
//! Invariant: this is the only crate that knows where the parts live on disk
//! and how they fit together; the analysis crates take what it hands them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pivot_data::{ComponentStatus, MODEL, NoProgress, TAXONOMY};
use pivot_embed::Embedder;
use pivot_skills::{Encoder, Link, Linker, SkillId, Taxonomy, VectorIndex, View};

/// Skills embedded per progress step while the index is built.
const INDEX_CHUNK: usize = 256;
/// Version of the recipe for the skill vectors; bump it when [`views`] changes
/// so that stored indexes are rebuilt.
const INDEX_RECIPE: &str = "r1";
const INDEX_FILE: &str = "esco-skills.vec";

/// What the engine is doing, for a progress display.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineEvent {
    /// A step starts; `total` counts the units of following `Advance` events.
    Step {
        what: String,
        total: Option<u64>,
    },
    Advance(u64),
}

/// The texts of a skill that get vectors: its labels, and its definition.
/// (QUALITY.md: these two views, best of, beat the whole text.)
pub fn views(taxonomy: &Taxonomy) -> Vec<(SkillId, View, String)> {
    let mut out = Vec::with_capacity(taxonomy.len() * 2);
    for skill in taxonomy.skills() {
        out.push((skill.id, View::Labels, skill.labels.clone()));
        if !skill.description.is_empty() {
            out.push((skill.id, View::Description, skill.description.clone()));
        }
    }
    out
}

/// The embedding model as an [`Encoder`].
pub struct ModelEncoder<'a>(pub &'a Embedder);

impl Encoder for ModelEncoder<'_> {
    fn encode(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>> {
        self.0.embed(texts).ok()
    }

    fn dim(&self) -> usize {
        pivot_embed::DIM
    }
}

/// How long each part took to load, for `--verbose` output and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct LoadTimes {
    pub taxonomy: Duration,
    pub model: Duration,
    pub index: Duration,
    /// The lexical index over the taxonomy.
    pub lexical: Duration,
    /// True when the index had to be built now.
    pub index_built: bool,
}

pub struct Engine {
    linker: Option<Linker>,
    embedder: Option<Embedder>,
    notice: Option<String>,
    pub times: LoadTimes,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("taxonomy", &self.linker.as_ref().map(|l| l.taxonomy().len()))
            .field("model", &self.embedder.is_some())
            .field("notice", &self.notice)
            .finish()
    }
}

impl Engine {
    /// Loads what is installed in `data`; see the crate documentation. With
    /// `use_model` false the model is not loaded (a chosen lexical mode: no notice).
    pub fn open(data: &Path, use_model: bool, progress: &mut dyn FnMut(EngineEvent)) -> Engine {
        let mut notices: Vec<String> = Vec::new();
        let mut times = LoadTimes::default();

        let started = Instant::now();
        let taxonomy = match load_taxonomy(data) {
            Ok(t) => Some(t),
            Err(why) => {
                notices.push(format!("no ESCO taxonomy ({why}): skills are not linked"));
                None
            }
        };
        times.taxonomy = started.elapsed();

        let started = Instant::now();
        let embedder = if use_model {
            match load_model(data) {
                Ok(e) => Some(e),
                Err(why) => {
                    notices.push(format!("no embedding model ({why}): matching is lexical"));
                    None
                }
            }
        } else {
            None
        };
        times.model = started.elapsed();

        let started = Instant::now();
        let linker = taxonomy.map(|taxonomy| {
            let key = index_key();
            let linker_vectors = embedder.as_ref().and_then(|embedder| {
                match load_or_build_index(data, &key, &taxonomy, embedder, progress, &mut times) {
                    Ok(index) => Some(index),
                    Err(why) => {
                        notices.push(format!(
                            "no skill-vector index ({why}): skills are linked lexically"
                        ));
                        None
                    }
                }
            });
            let lexical_started = Instant::now();
            let linker = Linker::new(taxonomy);
            times.lexical = lexical_started.elapsed();
            match linker_vectors {
                Some(v) => linker.with_vectors(v),
                None => linker,
            }
        });
        times.index = started.elapsed().saturating_sub(times.lexical);

        let notice = (!notices.is_empty()).then(|| {
            format!(
                "lexical mode: {}. Run `pivot setup` to install what is missing.",
                notices.join("; ")
            )
        });
        Engine { linker, embedder, notice, times }
    }

    /// A lexical engine over a given taxonomy, with no model (tests, fallbacks).
    pub fn lexical(taxonomy: Option<Taxonomy>) -> Engine {
        Engine {
            linker: taxonomy.map(Linker::new),
            embedder: None,
            notice: Some("lexical mode: no embedding model".into()),
            times: LoadTimes::default(),
        }
    }

    /// Why the engine runs lexically, if it does; show it once.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Changes the hybrid weights (tuning).
    pub fn set_linker_config(&mut self, config: pivot_skills::LinkerConfig) {
        if let Some(linker) = &mut self.linker {
            linker.config = config;
        }
    }

    pub fn linker(&self) -> Option<&Linker> {
        self.linker.as_ref()
    }

    pub fn embedder(&self) -> Option<&Embedder> {
        self.embedder.as_ref()
    }

    pub fn encoder(&self) -> Option<ModelEncoder<'_>> {
        self.embedder.as_ref().map(ModelEncoder)
    }

    /// Links each sentence to its best `limit` skills (empty without a taxonomy).
    pub fn link(&self, sentences: &[&str], limit: usize) -> Vec<Vec<Link>> {
        let Some(linker) = &self.linker else {
            return vec![Vec::new(); sentences.len()];
        };
        let vectors = self.encoder().and_then(|e| e.encode(sentences));
        let refs: Option<Vec<&[f32]>> =
            vectors.as_ref().map(|v| v.iter().map(Vec::as_slice).collect());
        linker.link_many(sentences, refs.as_deref(), limit)
    }
}

fn load_taxonomy(data: &Path) -> Result<Taxonomy, String> {
    require_installed(data, &TAXONOMY)?;
    let path = pivot_data::esco_dir(data).join("skills.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Taxonomy::parse_csv(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_model(data: &Path) -> Result<Embedder, String> {
    require_installed(data, &MODEL)?;
    Embedder::load(&pivot_data::model_dir(data)).map_err(|e| e.to_string())
}

fn require_installed(data: &Path, component: &pivot_data::Component) -> Result<(), String> {
    match pivot_data::quick_status(data, component, &mut NoProgress) {
        ComponentStatus::Installed => Ok(()),
        other => Err(format!("{}: {other}", component.name)),
    }
}

/// Names the model, the taxonomy and the recipe an index was made from.
fn index_key() -> String {
    let pin = |component: &pivot_data::Component| {
        component.files.iter().map(|f| &f.sha256[..8]).collect::<Vec<_>>().join("")
    };
    format!("minilm:{}:esco:{}:{INDEX_RECIPE}", pin(&MODEL), pin(&TAXONOMY))
}

pub fn index_path(data: &Path) -> PathBuf {
    pivot_data::index_dir(data).join(INDEX_FILE)
}

fn load_or_build_index(
    data: &Path,
    key: &str,
    taxonomy: &Taxonomy,
    embedder: &Embedder,
    progress: &mut dyn FnMut(EngineEvent),
    times: &mut LoadTimes,
) -> Result<VectorIndex, String> {
    let path = index_path(data);
    // A stale or damaged index is rebuilt below and replaced atomically.
    if let Ok(bytes) = std::fs::read(&path)
        && let Ok(index) = VectorIndex::from_bytes(&bytes, key)
    {
        return Ok(index);
    }
    times.index_built = true;
    let index = build_index(key, taxonomy, embedder, progress).map_err(|e| e.to_string())?;
    let dir = pivot_data::index_dir(data);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{INDEX_FILE}.tmp"));
        std::fs::write(&tmp, index.to_bytes())?;
        std::fs::rename(&tmp, &path)
    };
    // An unwritable data directory only costs a rebuild next time.
    let _ = write();
    Ok(index)
}

/// Embeds every view of every skill; shows progress in skills.
pub fn build_index(
    key: &str,
    taxonomy: &Taxonomy,
    embedder: &Embedder,
    progress: &mut dyn FnMut(EngineEvent),
) -> Result<VectorIndex, pivot_embed::EmbedError> {
    let views = views(taxonomy);
    progress(EngineEvent::Step {
        what: format!("embedding {} ESCO skill texts (once)", views.len()),
        total: Some(views.len() as u64),
    });
    let mut index = VectorIndex::new(key, pivot_embed::DIM);
    for chunk in views.chunks(INDEX_CHUNK) {
        let texts: Vec<&str> = chunk.iter().map(|(_, _, t)| t.as_str()).collect();
        let vectors = embedder.embed_uncached(&texts)?;
        for ((skill, view, _), vector) in chunk.iter().zip(&vectors) {
            index.push(*skill, *view, vector);
        }
        progress(EngineEvent::Advance(chunk.len() as u64));
    }
    Ok(index)
}

/// Keeps the progress callback type simple for callers that do not care.
pub fn no_progress(_: EngineEvent) {}
