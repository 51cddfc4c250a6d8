//! The store: a pool on one of two backends, and every query Pivot makes.
//!
//! SKELETON: the signatures below are the contract the workbench, the web server and the CLI
//! code against. Bodies are to be written; do not change a signature without telling them.

use crate::{
    AssetMapRecord, ChecklistState, Document, DocumentKind, DocumentVersion, Evidence, Id,
    Narrative, NarrativeVersion, NewAssetMap, NewDocumentVersion, NewNarrativeVersion,
    ProofInput, ProofProject, StoreError, Target, WeeklyPlan, Workspace, WorkspaceExport,
};

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file (the default).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A validated database URL: `sqlite://PATH` (or a bare path to a `.db`/`.sqlite` file) or
/// `postgres://…` / `postgresql://…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    url: String,
}

impl DatabaseUrl {
    /// Parses a URL; says what is wrong and what is accepted otherwise.
    pub fn parse(s: &str) -> Result<DatabaseUrl, StoreError> {
        todo!("{s}")
    }

    /// The SQLite database file at `path`.
    pub fn sqlite_file(path: &std::path::Path) -> DatabaseUrl {
        todo!("{path:?}")
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL with any password replaced by `***`, for messages.
    pub fn redacted(&self) -> String {
        todo!("{}", self.url)
    }
}

/// A connection pool on SQLite or PostgreSQL, migrated on open. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {}

impl Store {
    /// Opens (creating a SQLite file and its folder if needed) and migrates.
    pub async fn open(url: &DatabaseUrl) -> Result<Store, StoreError> {
        todo!("{url:?}")
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        todo!()
    }

    /// Closes the pool, waiting for connections to be returned (SQLite checkpoints the WAL).
    pub async fn close(&self) {
        todo!()
    }

    // Workspaces.

    /// The workspace named `name`, created if absent (the local single-user workspace is
    /// `default`).
    pub async fn ensure_workspace(&self, name: &str) -> Result<Workspace, StoreError> {
        todo!("{name}")
    }

    /// A workspace by id.
    pub async fn workspace(&self, id: &Id) -> Result<Workspace, StoreError> {
        todo!("{id}")
    }

    /// All workspaces, by name.
    pub async fn workspaces(&self) -> Result<Vec<Workspace>, StoreError> {
        todo!()
    }

    // Target.

    /// The workspace's target, if set.
    pub async fn target(&self, ws: &Id) -> Result<Option<Target>, StoreError> {
        todo!("{ws}")
    }

    /// Sets the target (`updated_at` is set by the store).
    pub async fn set_target(&self, ws: &Id, target: &Target) -> Result<Target, StoreError> {
        todo!("{ws}{target:?}")
    }

    // Documents and evidence.

    /// Stores a document version with its evidence, in one transaction.
    pub async fn add_document_version(
        &self,
        ws: &Id,
        new: NewDocumentVersion,
    ) -> Result<(Document, DocumentVersion), StoreError> {
        todo!("{ws}{new:?}")
    }

    /// Documents, optionally of one kind, newest first.
    pub async fn documents(&self, ws: &Id, kind: Option<DocumentKind>) -> Result<Vec<Document>, StoreError> {
        todo!("{ws}{kind:?}")
    }

    /// One document.
    pub async fn document(&self, ws: &Id, id: &Id) -> Result<Document, StoreError> {
        todo!("{ws}{id}")
    }

    /// A document's versions, oldest first (without the original bytes).
    pub async fn document_versions(&self, ws: &Id, document: &Id) -> Result<Vec<DocumentVersion>, StoreError> {
        todo!("{ws}{document}")
    }

    /// The latest version of every document of a kind (postings for the map), by document
    /// creation time.
    pub async fn latest_versions(&self, ws: &Id, kind: DocumentKind) -> Result<Vec<(Document, DocumentVersion)>, StoreError> {
        todo!("{ws}{kind:?}")
    }

    /// A version's original bytes: (file name, media type, bytes).
    pub async fn document_original(&self, ws: &Id, version: &Id) -> Result<(String, String, Vec<u8>), StoreError> {
        todo!("{ws}{version}")
    }

    /// Deletes a document with its versions and evidence.
    pub async fn delete_document(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        todo!("{ws}{id}")
    }

    /// The current evidence (from each document's latest version), in document then position
    /// order.
    pub async fn evidence(&self, ws: &Id) -> Result<Vec<Evidence>, StoreError> {
        todo!("{ws}")
    }

    // Asset maps.

    /// Saves a built asset map.
    pub async fn save_asset_map(&self, ws: &Id, map: NewAssetMap) -> Result<AssetMapRecord, StoreError> {
        todo!("{ws}{map:?}")
    }

    /// The latest asset map.
    pub async fn latest_asset_map(&self, ws: &Id) -> Result<Option<AssetMapRecord>, StoreError> {
        todo!("{ws}")
    }

    /// All asset maps, oldest first, without their `result` (set to `null`) — for trends.
    pub async fn asset_map_history(&self, ws: &Id) -> Result<Vec<AssetMapRecord>, StoreError> {
        todo!("{ws}")
    }

    // Proof projects.

    /// Creates a proof project.
    pub async fn create_proof(&self, ws: &Id, input: &ProofInput) -> Result<ProofProject, StoreError> {
        todo!("{ws}{input:?}")
    }

    /// Updates a proof project if it is still at `revision`; else [`StoreError::Conflict`].
    pub async fn update_proof(&self, ws: &Id, id: &Id, revision: i64, input: &ProofInput) -> Result<ProofProject, StoreError> {
        todo!("{ws}{id}{revision}{input:?}")
    }

    /// Proof projects: active, then ideas, then done, then dropped; newest first within.
    pub async fn proofs(&self, ws: &Id) -> Result<Vec<ProofProject>, StoreError> {
        todo!("{ws}")
    }

    /// One proof project.
    pub async fn proof(&self, ws: &Id, id: &Id) -> Result<ProofProject, StoreError> {
        todo!("{ws}{id}")
    }

    /// Deletes a proof project.
    pub async fn delete_proof(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        todo!("{ws}{id}")
    }

    // Narratives.

    /// Creates a narrative with no versions yet.
    pub async fn create_narrative(&self, ws: &Id, kind: &str, title: &str) -> Result<Narrative, StoreError> {
        todo!("{ws}{kind}{title}")
    }

    /// Saves a new version; refused with [`StoreError::Conflict`] when `base_version` is not
    /// the latest (someone saved in between). Check and insert are one transaction.
    pub async fn save_narrative_version(&self, ws: &Id, narrative: &Id, new: NewNarrativeVersion) -> Result<NarrativeVersion, StoreError> {
        todo!("{ws}{narrative}{new:?}")
    }

    /// Narratives, most recently saved first.
    pub async fn narratives(&self, ws: &Id) -> Result<Vec<Narrative>, StoreError> {
        todo!("{ws}")
    }

    /// One narrative.
    pub async fn narrative(&self, ws: &Id, id: &Id) -> Result<Narrative, StoreError> {
        todo!("{ws}{id}")
    }

    /// Renames a narrative.
    pub async fn rename_narrative(&self, ws: &Id, id: &Id, title: &str) -> Result<Narrative, StoreError> {
        todo!("{ws}{id}{title}")
    }

    /// A narrative's versions, oldest first.
    pub async fn narrative_versions(&self, ws: &Id, id: &Id) -> Result<Vec<NarrativeVersion>, StoreError> {
        todo!("{ws}{id}")
    }

    /// One version (`None`: the latest).
    pub async fn narrative_version(&self, ws: &Id, id: &Id, version: Option<i64>) -> Result<NarrativeVersion, StoreError> {
        todo!("{ws}{id}{version:?}")
    }

    /// Deletes a narrative and its versions.
    pub async fn delete_narrative(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        todo!("{ws}{id}")
    }

    // Checklist and weeks.

    /// Replaces the computed checklist.
    pub async fn save_checklist(&self, ws: &Id, items: &[ChecklistState]) -> Result<(), StoreError> {
        todo!("{ws}{items:?}")
    }

    /// The checklist as last computed, in item order.
    pub async fn checklist(&self, ws: &Id) -> Result<Vec<ChecklistState>, StoreError> {
        todo!("{ws}")
    }

    /// Inserts or replaces the plan of a week.
    pub async fn save_week(&self, ws: &Id, plan: &WeeklyPlan) -> Result<WeeklyPlan, StoreError> {
        todo!("{ws}{plan:?}")
    }

    /// The plan of the week starting `week_start`.
    pub async fn week(&self, ws: &Id, week_start: &str) -> Result<Option<WeeklyPlan>, StoreError> {
        todo!("{ws}{week_start}")
    }

    /// All weekly plans, oldest first.
    pub async fn weeks(&self, ws: &Id) -> Result<Vec<WeeklyPlan>, StoreError> {
        todo!("{ws}")
    }

    // Whole workspaces.

    /// Everything in a workspace.
    pub async fn export_workspace(&self, ws: &Id) -> Result<WorkspaceExport, StoreError> {
        todo!("{ws}")
    }

    /// Restores an export in one transaction, keeping every id. With `replace`, an existing
    /// workspace of the same id is deleted first (in the same transaction); without it, an
    /// existing one is an [`StoreError::Invalid`].
    pub async fn import_workspace(&self, export: &WorkspaceExport, replace: bool) -> Result<Workspace, StoreError> {
        todo!("{export:?}{replace}")
    }
}
