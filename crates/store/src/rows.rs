//! Rows as the database returns them, and their conversion into the model.
//!
//! Every row type derives `FromRow` generically, so one type serves both backends. Column
//! lists are macros so that SQL text can be assembled with `concat!` into `&'static str`.

use sqlx::FromRow;

use crate::{
    AssetMapRecord, ChecklistState, Document, DocumentKind, DocumentVersion, Evidence, Id,
    Narrative, NarrativeVersion, ProofProject, ProofStatus, StoreError, Target, WeeklyPlan,
    Workspace,
};

/// A value in the database that the store could not have written (corruption, or a newer
/// schema): reported as a database error, with the detail kept for logs.
pub(crate) fn corrupt(detail: String) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(detail.into()))
}

/// JSON text read back from a column.
pub(crate) fn json<T: serde::de::DeserializeOwned>(
    text: &str,
    column: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("{column} is not valid JSON: {e}")))
}

/// JSON text to write into a column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising a `serde_json::Value` or a `Vec<String>` cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

macro_rules! workspace_columns {
    () => {
        "id, name, created_at"
    };
}
pub(crate) use workspace_columns;

#[derive(FromRow)]
pub(crate) struct WorkspaceRow {
    id: String,
    name: String,
    created_at: i64,
}

impl WorkspaceRow {
    pub(crate) fn model(self) -> Workspace {
        Workspace { id: Id::from_db(self.id), name: self.name, created_at: self.created_at }
    }
}

macro_rules! target_columns {
    () => {
        "role, level, domain, companies, intended, updated_at"
    };
}
pub(crate) use target_columns;

#[derive(FromRow)]
pub(crate) struct TargetRow {
    role: String,
    level: Option<String>,
    domain: Option<String>,
    companies: String,
    intended: Option<String>,
    updated_at: i64,
}

impl TargetRow {
    pub(crate) fn model(self) -> Result<Target, StoreError> {
        Ok(Target {
            role: self.role,
            level: self.level,
            domain: self.domain,
            companies: json(&self.companies, "targets.companies")?,
            intended: self.intended,
            updated_at: self.updated_at,
        })
    }
}

macro_rules! document_columns {
    () => {
        "id, kind, name, latest_version, created_at, updated_at"
    };
}
pub(crate) use document_columns;

#[derive(FromRow)]
pub(crate) struct DocumentRow {
    id: String,
    kind: String,
    name: String,
    latest_version: i64,
    created_at: i64,
    updated_at: i64,
}

impl DocumentRow {
    pub(crate) fn model(self) -> Result<Document, StoreError> {
        let kind = DocumentKind::parse(&self.kind)
            .ok_or_else(|| corrupt(format!("unknown document kind `{}`", self.kind)))?;
        Ok(Document {
            id: Id::from_db(self.id),
            kind,
            name: self.name,
            latest_version: self.latest_version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// The columns of a document version, without the original bytes.
macro_rules! version_columns {
    () => {
        "id, document_id, version, file_name, media_type, size, sha256, extracted, warnings, \
         created_at"
    };
}
pub(crate) use version_columns;

#[derive(FromRow)]
pub(crate) struct VersionRow {
    id: String,
    document_id: String,
    version: i64,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
    extracted: String,
    warnings: String,
    created_at: i64,
}

impl VersionRow {
    pub(crate) fn model(self) -> Result<DocumentVersion, StoreError> {
        Ok(DocumentVersion {
            id: Id::from_db(self.id),
            document_id: Id::from_db(self.document_id),
            version: self.version,
            file_name: self.file_name,
            media_type: self.media_type,
            size: self.size,
            sha256: self.sha256,
            extracted: json(&self.extracted, "document_versions.extracted")?,
            warnings: json(&self.warnings, "document_versions.warnings")?,
            created_at: self.created_at,
        })
    }
}

/// A version with its original bytes (export).
#[derive(FromRow)]
pub(crate) struct VersionWithOriginalRow {
    #[sqlx(flatten)]
    pub(crate) version: VersionRow,
    pub(crate) original: Vec<u8>,
}

/// A document joined with its latest version; the version's columns are prefixed `v_` where
/// the names clash.
#[derive(FromRow)]
pub(crate) struct LatestRow {
    #[sqlx(flatten)]
    document: DocumentRow,
    v_id: String,
    v_version: i64,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
    extracted: String,
    warnings: String,
    v_created_at: i64,
}

impl LatestRow {
    pub(crate) fn model(self) -> Result<(Document, DocumentVersion), StoreError> {
        let document = self.document.model()?;
        let version = DocumentVersion {
            id: Id::from_db(self.v_id),
            document_id: document.id.clone(),
            version: self.v_version,
            file_name: self.file_name,
            media_type: self.media_type,
            size: self.size,
            sha256: self.sha256,
            extracted: json(&self.extracted, "document_versions.extracted")?,
            warnings: json(&self.warnings, "document_versions.warnings")?,
            created_at: self.v_created_at,
        };
        Ok((document, version))
    }
}

/// Evidence columns, qualified with the table alias `e` (evidence queries join documents).
macro_rules! evidence_columns {
    () => {
        "e.id AS id, e.document_id AS document_id, e.version_id AS version_id, e.kind AS kind, \
         e.text AS text, e.context AS context, e.source AS source, e.position AS position"
    };
}
pub(crate) use evidence_columns;

#[derive(FromRow)]
pub(crate) struct EvidenceRow {
    id: String,
    document_id: String,
    version_id: String,
    kind: String,
    text: String,
    context: Option<String>,
    source: String,
    position: i64,
}

impl EvidenceRow {
    pub(crate) fn model(self) -> Evidence {
        Evidence {
            id: Id::from_db(self.id),
            document_id: Id::from_db(self.document_id),
            version_id: Id::from_db(self.version_id),
            kind: self.kind,
            text: self.text,
            context: self.context,
            source: self.source,
            position: self.position,
        }
    }
}

macro_rules! asset_map_columns {
    () => {
        "id, mode, signals, covered, partial, gaps, result, created_at"
    };
}
pub(crate) use asset_map_columns;

#[derive(FromRow)]
pub(crate) struct AssetMapRow {
    id: String,
    mode: String,
    signals: i64,
    covered: i64,
    partial: i64,
    gaps: i64,
    /// `None` when the query left the (large) result out.
    #[sqlx(default)]
    result: Option<String>,
    created_at: i64,
}

impl AssetMapRow {
    pub(crate) fn model(self) -> Result<AssetMapRecord, StoreError> {
        let result = match &self.result {
            Some(text) => json(text, "asset_maps.result")?,
            None => serde_json::Value::Null,
        };
        Ok(AssetMapRecord {
            id: Id::from_db(self.id),
            mode: self.mode,
            signals: self.signals,
            covered: self.covered,
            partial: self.partial,
            gaps: self.gaps,
            result,
            created_at: self.created_at,
        })
    }
}

macro_rules! proof_columns {
    () => {
        "id, title, description, status, started_on, finished_on, outcomes, covers, revision, \
         created_at, updated_at"
    };
}
pub(crate) use proof_columns;

/// Proof projects in the order the workbench shows them: active, ideas, done, dropped; newest
/// first within.
macro_rules! proof_order {
    () => {
        " ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'idea' THEN 1 WHEN 'done' THEN 2 \
         ELSE 3 END, created_at DESC, id"
    };
}
pub(crate) use proof_order;

#[derive(FromRow)]
pub(crate) struct ProofRow {
    id: String,
    title: String,
    description: String,
    status: String,
    started_on: Option<String>,
    finished_on: Option<String>,
    outcomes: String,
    covers: String,
    revision: i64,
    created_at: i64,
    updated_at: i64,
}

impl ProofRow {
    pub(crate) fn model(self) -> Result<ProofProject, StoreError> {
        let status = ProofStatus::parse(&self.status)
            .ok_or_else(|| corrupt(format!("unknown proof status `{}`", self.status)))?;
        Ok(ProofProject {
            id: Id::from_db(self.id),
            title: self.title,
            description: self.description,
            status,
            started_on: self.started_on,
            finished_on: self.finished_on,
            outcomes: self.outcomes,
            covers: json(&self.covers, "proof_projects.covers")?,
            revision: self.revision,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

macro_rules! narrative_columns {
    () => {
        "id, kind, title, latest_version, latest_score, created_at, updated_at"
    };
}
pub(crate) use narrative_columns;

#[derive(FromRow)]
pub(crate) struct NarrativeRow {
    id: String,
    kind: String,
    title: String,
    latest_version: i64,
    latest_score: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl NarrativeRow {
    pub(crate) fn model(self) -> Narrative {
        Narrative {
            id: Id::from_db(self.id),
            kind: self.kind,
            title: self.title,
            latest_version: self.latest_version,
            latest_score: self.latest_score,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

macro_rules! narrative_version_columns {
    () => {
        "id, narrative_id, version, body, intended, score, findings, report, created_at"
    };
}
pub(crate) use narrative_version_columns;

#[derive(FromRow)]
pub(crate) struct NarrativeVersionRow {
    id: String,
    narrative_id: String,
    version: i64,
    body: String,
    intended: Option<String>,
    score: i64,
    findings: i64,
    report: String,
    created_at: i64,
}

impl NarrativeVersionRow {
    pub(crate) fn model(self) -> Result<NarrativeVersion, StoreError> {
        Ok(NarrativeVersion {
            id: Id::from_db(self.id),
            narrative_id: Id::from_db(self.narrative_id),
            version: self.version,
            body: self.body,
            intended: self.intended,
            score: self.score,
            findings: self.findings,
            report: json(&self.report, "narrative_versions.report")?,
            created_at: self.created_at,
        })
    }
}

macro_rules! checklist_columns {
    () => {
        "item, label, met, evidence, updated_at"
    };
}
pub(crate) use checklist_columns;

#[derive(FromRow)]
pub(crate) struct ChecklistRow {
    item: String,
    label: String,
    met: bool,
    evidence: String,
    updated_at: i64,
}

impl ChecklistRow {
    pub(crate) fn model(self) -> ChecklistState {
        ChecklistState {
            item: self.item,
            label: self.label,
            met: self.met,
            evidence: self.evidence,
            updated_at: self.updated_at,
        }
    }
}

macro_rules! week_columns {
    () => {
        "week_start, plan, block_start, updated_at"
    };
}
pub(crate) use week_columns;

#[derive(FromRow)]
pub(crate) struct WeekRow {
    week_start: String,
    plan: String,
    block_start: Option<String>,
    updated_at: i64,
}

impl WeekRow {
    pub(crate) fn model(self) -> Result<WeeklyPlan, StoreError> {
        Ok(WeeklyPlan {
            week_start: self.week_start,
            plan: json(&self.plan, "weekly_plans.plan")?,
            block_start: self.block_start,
            updated_at: self.updated_at,
        })
    }
}

/// Collects models converted by a fallible function.
pub(crate) fn all<R, T>(
    rows: Vec<R>,
    f: impl FnMut(R) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(f).collect()
}
