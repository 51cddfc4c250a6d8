//! The workbench: a store, the analyzer, and the engine loading in the background.
//!
//! SKELETON: signatures are the contract for `pivot-web` and the CLI; bodies to be written.

use std::path::PathBuf;
use std::sync::Arc;

use pivot_lint::{Analyzer, DocKind, Report};
use pivot_store::{
    AssetMapRecord, ChecklistState, DatabaseUrl, Document, DocumentVersion, Id, Millis, Narrative,
    NarrativeVersion, ProofProject, Store, Target, WeeklyPlan, Workspace, WorkspaceExport,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::WorkbenchError;

/// Result of a workbench job.
pub type Result<T, E = WorkbenchError> = std::result::Result<T, E>;

/// How to open a workbench.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database.
    pub database: DatabaseUrl,
    /// The data directory holding the model and the taxonomy.
    pub data_dir: PathBuf,
    /// Load the embedding model (false: lexical only).
    pub load_model: bool,
}

/// Where loading the model and the taxonomy stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EngineStatus {
    /// Still loading (the asset map waits for it; everything else works).
    Loading,
    /// Ready.
    Ready {
        /// `hybrid` (model and taxonomy) or `lexical`.
        mode: String,
        /// Why it is lexical, when it is.
        notice: Option<String>,
        /// How long loading took, ms.
        load_ms: u64,
    },
}

/// A role pack and its levels, for forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RoleOption {
    /// Pack id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Levels: (id, display name), junior to senior.
    pub levels: Vec<(String, String)>,
}

/// The target form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TargetForm {
    /// Role pack id.
    pub role: String,
    /// Level id.
    #[serde(default)]
    pub level: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Target companies (comma- or line-separated in forms).
    #[serde(default)]
    pub companies: Vec<String>,
    /// The one-sentence summary to be known for.
    #[serde(default)]
    pub intended: Option<String>,
}

/// What an upload is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportAs {
    /// Decide from the content.
    Auto,
    /// The pivoter's resume or LinkedIn export.
    Resume,
    /// A job posting.
    Posting,
}

/// One upload.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The file name as uploaded.
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// What it is meant to be.
    pub as_: ImportAs,
    /// Add as a new version of this document instead of a new document.
    pub document_id: Option<Id>,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportOutcome {
    /// The document.
    pub document: Document,
    /// The version just stored.
    pub version: DocumentVersion,
    /// Pieces of evidence derived.
    pub evidence: usize,
    /// Requirements found (postings).
    pub requirements: usize,
    /// Importer warnings (skipped sections, guessed dates…).
    pub warnings: Vec<String>,
}

/// A point of the narrative score series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ScorePoint {
    /// The narrative.
    pub narrative_id: Id,
    /// Its title.
    pub title: String,
    /// Version number.
    pub version: i64,
    /// Score 0–100.
    pub score: i64,
    /// Saved, Unix ms.
    pub at: Millis,
}

/// Everything the dashboard shows, from stored state only (no analysis on the way).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Dashboard {
    /// The workspace.
    pub workspace: Workspace,
    /// The target.
    pub target: Option<Target>,
    /// The engine.
    pub engine: EngineStatus,
    /// Postings stored.
    pub postings: usize,
    /// Resumes and LinkedIn exports stored.
    pub materials: usize,
    /// Pieces of evidence.
    pub evidence: usize,
    /// The latest asset map, without its `result`.
    pub map: Option<AssetMapRecord>,
    /// Proof projects.
    pub proofs: Vec<ProofProject>,
    /// Narratives.
    pub narratives: Vec<Narrative>,
    /// Every saved narrative version's score, oldest first.
    pub scores: Vec<ScorePoint>,
    /// The checklist as last computed.
    pub checklist: Vec<ChecklistState>,
    /// The one next step the pivoter should take, in words, and the page for it.
    pub next_step: (String, String),
}

/// This week's plan with what is stored about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WeekView {
    /// The plan.
    pub week: pivot_week::Week,
    /// The state it was planned from.
    pub state: pivot_week::State,
    /// The stored record (done flags, block time).
    pub saved: WeeklyPlan,
}

/// The shared application: cheap to clone.
#[derive(Clone)]
pub struct Workbench {
    #[allow(dead_code)]
    inner: Arc<()>,
}

impl Workbench {
    /// Opens the store (migrating it) and starts loading the engine in the background.
    pub async fn open(config: Config) -> Result<Workbench> {
        todo!("{config:?}")
    }

    /// A workbench on an open store with a lexical engine ready at once (tests, `--no-model`).
    pub fn lexical(store: Store) -> Workbench {
        todo!("{store:?}")
    }

    /// The store.
    pub fn store(&self) -> &Store {
        todo!()
    }

    /// The analyzer (built-in style and role packs).
    pub fn analyzer(&self) -> &Analyzer {
        todo!()
    }

    /// Where loading the engine stands.
    pub fn engine_status(&self) -> EngineStatus {
        todo!()
    }

    /// Closes the store cleanly.
    pub async fn close(&self) {
        todo!()
    }

    /// The local workspace (`default`), created on first use.
    pub async fn workspace(&self) -> Result<Workspace> {
        todo!()
    }

    /// Role packs and their levels.
    pub fn roles(&self) -> Vec<RoleOption> {
        todo!()
    }

    /// Validates and stores the target.
    pub async fn set_target(&self, ws: &Id, form: TargetForm) -> Result<Target> {
        todo!("{ws}{form:?}")
    }

    /// Imports an upload (resume, LinkedIn zip, posting) and stores the original, what was
    /// understood and the evidence in one transaction. Bad files store nothing.
    pub async fn import(&self, ws: &Id, upload: Upload) -> Result<ImportOutcome> {
        todo!("{ws}{upload:?}")
    }

    /// Imports a pasted posting.
    pub async fn paste_posting(&self, ws: &Id, name: &str, text: &str) -> Result<ImportOutcome> {
        todo!("{ws}{name}{text}")
    }

    /// Builds the asset map from the stored postings, evidence, done proof projects and target;
    /// stores it. Waits for the engine.
    pub async fn build_map(&self, ws: &Id) -> Result<AssetMapRecord> {
        todo!("{ws}")
    }

    /// Lints a text for the live editor: fast, synchronous, never fails.
    pub fn lint(&self, text: &str, kind: DocKind, target: Option<&Target>, intended: Option<&str>) -> Report {
        todo!("{text}{kind:?}{target:?}{intended:?}")
    }

    /// Creates a narrative (`kind` is a `DocKind` name).
    pub async fn create_narrative(&self, ws: &Id, kind: &str, title: &str) -> Result<Narrative> {
        todo!("{ws}{kind}{title}")
    }

    /// Analyses and saves a new version; a save based on an old version is a conflict.
    pub async fn save_narrative(&self, ws: &Id, id: &Id, body: &str, base_version: i64) -> Result<NarrativeVersion> {
        todo!("{ws}{id}{body}{base_version}")
    }

    /// Recomputes the proof checklist from the stored material and stores it.
    pub async fn checklist(&self, ws: &Id) -> Result<Vec<ChecklistState>> {
        todo!("{ws}")
    }

    /// This week's plan (stored on first view).
    pub async fn week(&self, ws: &Id, today: pivot_week::Date) -> Result<WeekView> {
        todo!("{ws}{today}")
    }

    /// Ticks or unticks an item of this week.
    pub async fn set_week_item(&self, ws: &Id, today: pivot_week::Date, item: &str, done: bool) -> Result<WeekView> {
        todo!("{ws}{today}{item}{done}")
    }

    /// Sets when the 60-minute block is.
    pub async fn set_week_block(&self, ws: &Id, today: pivot_week::Date, start: pivot_week::DateTime) -> Result<WeekView> {
        todo!("{ws}{today}{start}")
    }

    /// This week as iCalendar.
    pub async fn week_ics(&self, ws: &Id, today: pivot_week::Date) -> Result<String> {
        todo!("{ws}{today}")
    }

    /// The dashboard, from stored state.
    pub async fn dashboard(&self, ws: &Id) -> Result<Dashboard> {
        todo!("{ws}")
    }

    /// Everything in the workspace.
    pub async fn export(&self, ws: &Id) -> Result<WorkspaceExport> {
        todo!("{ws}")
    }

    /// Restores an export.
    pub async fn import_workspace(&self, export: &WorkspaceExport, replace: bool) -> Result<Workspace> {
        todo!("{export:?}{replace}")
    }
}
