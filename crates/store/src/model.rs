//! The stored entities. Every one carries its workspace; ids are opaque strings made by
//! [`Id::new`]; times are Unix milliseconds; dates are `YYYY-MM-DD` text.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An opaque id: 1–64 characters of `[a-z0-9-]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, example = "5f0c2a4e-6d8b-4a53-9d47-0e6f1c9b7a21")]
pub struct Id(String);

impl Id {
    /// A new random id.
    pub fn new() -> Id {
        Id(uuid::Uuid::new_v4().to_string())
    }

    /// Validates an id given by a user or a client.
    pub fn parse(s: &str) -> Result<Id, crate::StoreError> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Id(s.to_string()))
        } else {
            Err(crate::StoreError::Invalid(format!("`{s}` is not a valid id")))
        }
    }

    /// An id read back from the database (written by the store, so not validated again).
    pub(crate) fn from_db(s: String) -> Id {
        Id(s)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Unix time in milliseconds.
pub type Millis = i64;

/// The current time in Unix milliseconds.
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A pivoter's workspace: everything else belongs to one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Workspace {
    /// Id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Created, Unix ms.
    pub created_at: Millis,
}

/// The exact role the pivoter is going for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Target {
    /// Role pack id (`product-management`).
    pub role: String,
    /// Level id within the pack (`director`), if chosen.
    pub level: Option<String>,
    /// The domain moved into (`fintech`, `developer tools`).
    pub domain: Option<String>,
    /// Target companies, in the pivoter's order.
    pub companies: Vec<String>,
    /// The one sentence the pivoter wants to be known for.
    pub intended: Option<String>,
    /// Last changed, Unix ms.
    pub updated_at: Millis,
}

/// What an imported document is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A resume (PDF, DOCX, Markdown, text, JSON Resume).
    Resume,
    /// A LinkedIn data export.
    Linkedin,
    /// A job posting.
    Posting,
}

impl DocumentKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Resume => "resume",
            DocumentKind::Linkedin => "linkedin",
            DocumentKind::Posting => "posting",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<DocumentKind> {
        match s {
            "resume" => Some(DocumentKind::Resume),
            "linkedin" => Some(DocumentKind::Linkedin),
            "posting" => Some(DocumentKind::Posting),
            _ => None,
        }
    }
}

/// An imported document; its content lives in versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Document {
    /// Id.
    pub id: Id,
    /// What it is.
    pub kind: DocumentKind,
    /// Display name (the file name of the first upload, or one the pivoter gave).
    pub name: String,
    /// The latest version number (1-based).
    pub latest_version: i64,
    /// Created, Unix ms.
    pub created_at: Millis,
    /// Last new version, Unix ms.
    pub updated_at: Millis,
}

/// One uploaded version of a document. The original bytes are kept; fetch them with
/// [`crate::Store::document_original`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentVersion {
    /// Id.
    pub id: Id,
    /// The document.
    pub document_id: Id,
    /// 1-based version number within the document.
    pub version: i64,
    /// The uploaded file's name.
    pub file_name: String,
    /// Its media type (`application/pdf`…).
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// Hex sha256 of the original bytes.
    pub sha256: String,
    /// What the importer understood (the `pivot_import` model as JSON).
    #[schema(value_type = Object)]
    pub extracted: serde_json::Value,
    /// What the importer could not read (skipped parts, replaced characters…).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Uploaded, Unix ms.
    pub created_at: Millis,
}

/// A piece of the pivoter's evidence (a bullet, a position summary, a project…), from a
/// document version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Evidence {
    /// Id.
    pub id: Id,
    /// The document it came from.
    pub document_id: Id,
    /// The document version it came from.
    pub version_id: Id,
    /// Kind (`bullet`, `summary`, `project`, `linkedin`…), as `pivot_map` names it.
    pub kind: String,
    /// The text.
    pub text: String,
    /// Context (role and company, dates).
    pub context: Option<String>,
    /// Where in the source (`resume.pdf · Experience · 3`).
    pub source: String,
    /// Order within the version.
    pub position: i64,
}

/// Evidence to store with a new document version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewEvidence {
    /// Kind.
    pub kind: String,
    /// The text.
    pub text: String,
    /// Context.
    pub context: Option<String>,
    /// Where in the source.
    pub source: String,
}

/// A new document, or a new version of an existing one, with what was derived from it. Stored
/// in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocumentVersion {
    /// `Some` to add a version to this document; `None` to create a document.
    pub document_id: Option<Id>,
    /// What it is.
    pub kind: DocumentKind,
    /// Display name (used when creating).
    pub name: String,
    /// The uploaded file's name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// The original bytes, kept as uploaded.
    pub original: Vec<u8>,
    /// What the importer understood.
    pub extracted: serde_json::Value,
    /// What the importer could not read.
    pub warnings: Vec<String>,
    /// Evidence derived from it (replaces the evidence of the document's earlier versions).
    pub evidence: Vec<NewEvidence>,
}

/// A saved asset map (the `pivot_map::AssetMap` JSON with its headline figures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AssetMapRecord {
    /// Id.
    pub id: Id,
    /// `hybrid` or `lexical`.
    pub mode: String,
    /// Signals in all.
    pub signals: i64,
    /// Signals covered.
    pub covered: i64,
    /// Signals partly covered.
    pub partial: i64,
    /// Gaps.
    pub gaps: i64,
    /// The whole map.
    #[schema(value_type = Object)]
    pub result: serde_json::Value,
    /// Built, Unix ms.
    pub created_at: Millis,
}

/// An asset map to save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAssetMap {
    /// `hybrid` or `lexical`.
    pub mode: String,
    /// Signals in all.
    pub signals: i64,
    /// Signals covered.
    pub covered: i64,
    /// Signals partly covered.
    pub partial: i64,
    /// Gaps.
    pub gaps: i64,
    /// The whole map.
    pub result: serde_json::Value,
}

/// Where a proof project stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProofStatus {
    /// Planned, not started.
    Idea,
    /// Being built.
    Active,
    /// Finished: its outcomes count as evidence.
    Done,
    /// Given up.
    Dropped,
}

impl ProofStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProofStatus::Idea => "idea",
            ProofStatus::Active => "active",
            ProofStatus::Done => "done",
            ProofStatus::Dropped => "dropped",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<ProofStatus> {
        match s {
            "idea" => Some(ProofStatus::Idea),
            "active" => Some(ProofStatus::Active),
            "done" => Some(ProofStatus::Done),
            "dropped" => Some(ProofStatus::Dropped),
            _ => None,
        }
    }
}

/// A proof project: a project or case study that mirrors the target role's tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProofProject {
    /// Id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// What it is and why.
    pub description: String,
    /// Status.
    pub status: ProofStatus,
    /// Started, `YYYY-MM-DD`.
    pub started_on: Option<String>,
    /// Finished, `YYYY-MM-DD`.
    pub finished_on: Option<String>,
    /// The outcomes and metrics it produced, one per line (they become evidence when done).
    pub outcomes: String,
    /// The signals (requirement texts) it is meant to cover.
    pub covers: Vec<String>,
    /// Bumped on every update; an update names the revision it was based on.
    pub revision: i64,
    /// Created, Unix ms.
    pub created_at: Millis,
    /// Last changed, Unix ms.
    pub updated_at: Millis,
}

/// The editable fields of a proof project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProofInput {
    /// Title (required).
    pub title: String,
    /// What it is and why.
    #[serde(default)]
    pub description: String,
    /// Status.
    pub status: ProofStatus,
    /// Started, `YYYY-MM-DD`.
    #[serde(default)]
    pub started_on: Option<String>,
    /// Finished, `YYYY-MM-DD`.
    #[serde(default)]
    pub finished_on: Option<String>,
    /// Outcomes and metrics, one per line.
    #[serde(default)]
    pub outcomes: String,
    /// Signals it covers.
    #[serde(default)]
    pub covers: Vec<String>,
}

/// A narrative (the pivot story, a headline, an about, an interview answer); its text lives
/// in versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Narrative {
    /// Id.
    pub id: Id,
    /// `narrative`, `headline`, `about`, `answer`, `bullet` or `resume` (a `pivot_lint::DocKind`).
    pub kind: String,
    /// Title.
    pub title: String,
    /// The latest version number; 0 before the first save.
    pub latest_version: i64,
    /// The latest version's signal score.
    pub latest_score: Option<i64>,
    /// Created, Unix ms.
    pub created_at: Millis,
    /// Last saved, Unix ms.
    pub updated_at: Millis,
}

/// One saved version of a narrative with its analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NarrativeVersion {
    /// Id.
    pub id: Id,
    /// The narrative.
    pub narrative_id: Id,
    /// 1-based version number.
    pub version: i64,
    /// The text.
    pub body: String,
    /// The intended one-sentence summary at the time.
    pub intended: Option<String>,
    /// Signal strength 0–100.
    pub score: i64,
    /// Findings in the version.
    pub findings: i64,
    /// The whole `pivot_lint::Report` as JSON (findings, scan, score parts, checklist).
    #[schema(value_type = Object)]
    pub report: serde_json::Value,
    /// Saved, Unix ms.
    pub created_at: Millis,
}

/// A narrative version's headline figures, without its text or report (for lists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VersionHead {
    /// 1-based version number.
    pub version: i64,
    /// Signal strength 0–100.
    pub score: i64,
    /// Findings in the version.
    pub findings: i64,
    /// Saved, Unix ms.
    pub created_at: Millis,
}

/// A version to save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNarrativeVersion {
    /// The version the editor started from (0 for the first save); a save based on an older
    /// version than the latest is refused with [`crate::StoreError::Conflict`].
    pub base_version: i64,
    /// The text.
    pub body: String,
    /// The intended summary.
    pub intended: Option<String>,
    /// Signal strength.
    pub score: i64,
    /// Findings.
    pub findings: i64,
    /// The report.
    pub report: serde_json::Value,
}

/// The computed state of one proof-checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChecklistState {
    /// Stable id (`target`, `outcomes`, `leadership`, `cta`, `consistent`).
    pub item: String,
    /// The method's wording.
    pub label: String,
    /// Whether it is met.
    pub met: bool,
    /// Why.
    pub evidence: String,
    /// Computed, Unix ms.
    pub updated_at: Millis,
}

/// One week's plan: the method's weekly execution list for that week, with what is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WeeklyPlan {
    /// Monday of the week, `YYYY-MM-DD`.
    pub week_start: String,
    /// The plan (items, prompts, done flags) as the planner shapes it.
    #[schema(value_type = Object)]
    pub plan: serde_json::Value,
    /// The 60-minute block, local `YYYY-MM-DDTHH:MM`, if scheduled.
    pub block_start: Option<String>,
    /// Last changed, Unix ms.
    pub updated_at: Millis,
}

/// Everything in one workspace, for `pivot export` / import: nothing is lost on a round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WorkspaceExport {
    /// Format version of this document (1).
    pub format: u32,
    /// The workspace.
    pub workspace: Workspace,
    /// The target.
    pub target: Option<Target>,
    /// Documents with all their versions; original bytes as base64.
    pub documents: Vec<ExportedDocument>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Asset maps, oldest first.
    pub asset_maps: Vec<AssetMapRecord>,
    /// Proof projects.
    pub proofs: Vec<ProofProject>,
    /// Narratives with all their versions.
    pub narratives: Vec<ExportedNarrative>,
    /// Checklist.
    pub checklist: Vec<ChecklistState>,
    /// Weekly plans.
    pub weeks: Vec<WeeklyPlan>,
}

/// A document in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExportedDocument {
    /// The document.
    pub document: Document,
    /// Its versions, oldest first, each with its original bytes (base64).
    pub versions: Vec<ExportedVersion>,
}

/// A document version in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExportedVersion {
    /// The version.
    pub version: DocumentVersion,
    /// The original bytes, standard base64.
    pub original_base64: String,
}

/// A narrative in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExportedNarrative {
    /// The narrative.
    pub narrative: Narrative,
    /// Its versions, oldest first.
    pub versions: Vec<NarrativeVersion>,
}
