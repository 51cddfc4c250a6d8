//! The workbench: a store, the analyzer, and the engine loading in the background.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use pivot_engine::Engine;
use pivot_import::{As, ErrorKind, ImportError, Imported, Limits, Posting, Source};
use pivot_lint::{Analyzer, CheckOptions, DocKind, Report};
use pivot_map::inputs::{dedupe, line_evidence, posting_input, resume_evidence};
use pivot_map::{Coverage, EvidenceInput, EvidenceKind, Target as MapTarget};
use pivot_store::{
    AssetMapRecord, ChecklistState, DatabaseUrl, Document, DocumentKind, DocumentVersion, Id,
    Millis, Narrative, NarrativeVersion, NewAssetMap, NewDocumentVersion, NewEvidence,
    NewNarrativeVersion, ProofProject, ProofStatus, Store, Target, WeeklyPlan, Workspace,
    WorkspaceExport, now_millis,
};
use pivot_week::{Date, DateTime, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::WorkbenchError;
use crate::cache::ReadCache;

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
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    analyzer: Analyzer,
    /// `None` while loading; the engine and how long it took once loaded.
    engine: tokio::sync::watch::Receiver<Option<(Arc<Engine>, u64)>>,
    limits: Limits,
    /// The local workspace, read once (every page asks for it).
    workspace: std::sync::RwLock<Option<Workspace>>,
    /// Dashboard reads, by workspace.
    dashboards: ReadCache<Id, Dashboard>,
    /// The editor's reads, by narrative.
    narratives: ReadCache<(Id, Id), NarrativeView>,
}

/// What the narrative editor shows, read in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeView {
    /// The narrative.
    pub narrative: Narrative,
    /// Its versions, oldest first, without text or report.
    pub versions: Vec<pivot_store::VersionHead>,
    /// The latest version with its text and report.
    pub latest: Option<NarrativeVersion>,
    /// The target the analysis reads.
    pub target: Option<Target>,
}

/// The local single-user workspace's name.
pub const DEFAULT_WORKSPACE: &str = "default";

/// The kinds a narrative can be.
pub const NARRATIVE_KINDS: [&str; 6] =
    ["narrative", "headline", "about", "answer", "bullet", "resume"];

impl Workbench {
    /// Opens the store (migrating it) and starts loading the engine in the background.
    pub async fn open(config: Config) -> Result<Workbench> {
        let store = Store::open(&config.database).await?;
        let (tx, rx) = tokio::sync::watch::channel(None);
        let data_dir = config.data_dir.clone();
        let load_model = config.load_model;
        // A plain thread: loading is CPU-bound (reading weights, the index) and must not hold
        // a runtime worker.
        std::thread::Builder::new()
            .name("pivot-engine".into())
            .spawn(move || {
                let started = Instant::now();
                let engine = Engine::open(&data_dir, load_model, &mut pivot_engine::no_progress);
                let _ = tx.send(Some((Arc::new(engine), started.elapsed().as_millis() as u64)));
            })
            .map_err(|e| WorkbenchError::Invalid(format!("cannot start the engine thread: {e}")))?;
        Ok(Workbench::with(store, rx))
    }

    /// A workbench on an open store with a lexical engine ready at once (tests, `--no-model`).
    pub fn lexical(store: Store) -> Workbench {
        let (_tx, rx) = tokio::sync::watch::channel(Some((Arc::new(Engine::lexical(None)), 0)));
        Workbench::with(store, rx)
    }

    fn with(
        store: Store,
        engine: tokio::sync::watch::Receiver<Option<(Arc<Engine>, u64)>>,
    ) -> Workbench {
        Workbench {
            inner: Arc::new(Inner {
                store,
                analyzer: Analyzer::builtin(),
                engine,
                limits: Limits::default(),
                workspace: std::sync::RwLock::new(None),
                dashboards: ReadCache::new(),
                narratives: ReadCache::new(),
            }),
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The analyzer (built-in style and role packs).
    pub fn analyzer(&self) -> &Analyzer {
        &self.inner.analyzer
    }

    /// The import limits in force.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Where loading the engine stands.
    pub fn engine_status(&self) -> EngineStatus {
        match &*self.inner.engine.borrow() {
            None => EngineStatus::Loading,
            Some((engine, ms)) => EngineStatus::Ready {
                mode: if engine.encoder().is_some() { "hybrid" } else { "lexical" }.to_string(),
                notice: engine.notice().map(str::to_string),
                load_ms: *ms,
            },
        }
    }

    /// The engine, waiting for it to load.
    pub async fn engine(&self) -> Arc<Engine> {
        let mut rx = self.inner.engine.clone();
        loop {
            if let Some((engine, _)) = &*rx.borrow_and_update() {
                return engine.clone();
            }
            if rx.changed().await.is_err() {
                // The loader died without sending: fall back to words only.
                return Arc::new(Engine::lexical(None));
            }
        }
    }

    /// Closes the store cleanly.
    pub async fn close(&self) {
        self.inner.store.close().await
    }

    /// The local workspace (`default`), created on first use.
    pub async fn workspace(&self) -> Result<Workspace> {
        if let Some(ws) = self.inner.workspace.read().ok().and_then(|w| w.clone()) {
            return Ok(ws);
        }
        let ws = self.inner.store.ensure_workspace(DEFAULT_WORKSPACE).await?;
        if let Ok(mut cached) = self.inner.workspace.write() {
            *cached = Some(ws.clone());
        }
        Ok(ws)
    }

    /// Role packs and their levels.
    pub fn roles(&self) -> Vec<RoleOption> {
        self.analyzer()
            .packs()
            .iter()
            .map(|p| RoleOption {
                id: p.def.id.clone(),
                name: p.def.name.clone(),
                levels: p.levels.iter().map(|l| (l.def.id.clone(), l.def.name.clone())).collect(),
            })
            .collect()
    }

    /// Validates and stores the target.
    pub async fn set_target(&self, ws: &Id, form: TargetForm) -> Result<Target> {
        let role = form.role.trim();
        let pack = self
            .analyzer()
            .packs()
            .iter()
            .find(|p| p.def.id.eq_ignore_ascii_case(role))
            .ok_or_else(|| {
                WorkbenchError::Invalid(format!(
                    "unknown role `{role}`; known: {}",
                    self.roles().iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
                ))
            })?;
        let level = match clean(form.level) {
            None => None,
            Some(l) => Some(
                pack.level(&l)
                    .ok_or_else(|| {
                        WorkbenchError::Invalid(format!(
                            "unknown level `{l}` for {}; known: {}",
                            pack.def.id,
                            pack.level_ids().join(", ")
                        ))
                    })?
                    .def
                    .id
                    .clone(),
            ),
        };
        let companies: Vec<String> = form
            .companies
            .iter()
            .flat_map(|c| c.split([',', '\n']))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if companies.len() > 50 {
            return Err(WorkbenchError::Invalid("at most 50 target companies".into()));
        }
        let intended = clean(form.intended);
        if intended.as_ref().is_some_and(|i| i.len() > 500) {
            return Err(WorkbenchError::Invalid(
                "the one-sentence summary is longer than 500 characters: keep it to one sentence"
                    .into(),
            ));
        }
        let target = Target {
            role: pack.def.id.clone(),
            level,
            domain: clean(form.domain),
            companies,
            intended,
            updated_at: 0,
        };
        Ok(self.inner.store.set_target(ws, &target).await?)
    }

    /// Imports an upload (resume, LinkedIn zip, posting) and stores the original, what was
    /// understood and the evidence in one transaction. Bad files store nothing.
    pub async fn import(&self, ws: &Id, upload: Upload) -> Result<ImportOutcome> {
        let file_name = sanitize_name(&upload.file_name);
        let as_ = match upload.as_ {
            ImportAs::Auto => As::Auto,
            ImportAs::Resume => As::Resume,
            ImportAs::Posting => As::Posting,
        };
        let limits = self.inner.limits;
        let bytes = upload.bytes;
        let (imported, bytes) = {
            let name = file_name.clone();
            tokio::task::spawn_blocking(move || {
                // The importers never panic by contract (fuzzed); catch_unwind guards the
                // server against a bug all the same.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pivot_import::import(&name, &bytes, as_, &limits)
                }));
                (result, bytes)
            })
            .await
            .map_err(|e| WorkbenchError::Invalid(format!("the import did not finish: {e}")))?
        };
        let imported = match imported {
            Ok(Ok(i)) => i,
            Ok(Err(e)) => return Err(import_error(e)),
            Err(_) => {
                return Err(WorkbenchError::Import {
                    code: "corrupt",
                    message: format!(
                        "{file_name}: the file could not be read (the importer failed on it); nothing was stored"
                    ),
                });
            }
        };
        let media_type = media_type(&file_name, &bytes);
        self.store_import(
            ws,
            upload.document_id,
            (&file_name, &file_name),
            media_type,
            bytes,
            imported,
        )
        .await
    }

    /// Imports a pasted posting.
    pub async fn paste_posting(&self, ws: &Id, name: &str, text: &str) -> Result<ImportOutcome> {
        if text.trim().is_empty() {
            return Err(WorkbenchError::Import {
                code: "empty",
                message: "the posting is empty: paste the job posting's text".into(),
            });
        }
        let name = match name.trim() {
            "" => "pasted posting".to_string(),
            n => n.chars().take(120).collect(),
        };
        // The importer reads the format from the extension; the display name stays as typed.
        let file_name = if name.ends_with(".txt") { name.clone() } else { format!("{name}.txt") };
        let imported =
            pivot_import::import(&file_name, text.as_bytes(), As::Posting, &self.inner.limits)
                .map_err(import_error)?;
        let original = text.as_bytes().to_vec();
        self.store_import(ws, None, (&name, &file_name), "text/plain", original, imported).await
    }

    async fn store_import(
        &self,
        ws: &Id,
        document_id: Option<Id>,
        (name, file_name): (&str, &str),
        media_type: &str,
        original: Vec<u8>,
        imported: Imported,
    ) -> Result<ImportOutcome> {
        let (kind, extracted, evidence, requirements, warnings) = match imported {
            Imported::Posting { posting, warnings, .. } => {
                let requirements = posting.requirements.len();
                let json = serde_json::to_value(&*posting).map_err(json_error)?;
                (DocumentKind::Posting, json, Vec::new(), requirements, warnings)
            }
            Imported::Resume { source, resume, warnings, .. } => {
                let kind = if source == Source::Linkedin {
                    DocumentKind::Linkedin
                } else {
                    DocumentKind::Resume
                };
                let evidence = resume_evidence(file_name, &resume)
                    .into_iter()
                    .map(|e| NewEvidence {
                        kind: evidence_kind_name(e.kind).to_string(),
                        text: e.text,
                        context: e.context,
                        source: e.id,
                    })
                    .collect::<Vec<_>>();
                let json = serde_json::to_value(&*resume).map_err(json_error)?;
                (kind, json, evidence, 0, warnings)
            }
        };
        if let Some(id) = &document_id {
            let existing = self.inner.store.document(ws, id).await?;
            if existing.kind != kind {
                return Err(WorkbenchError::Invalid(format!(
                    "{file_name} reads as a {}, but {} is a {}: upload it as a new document",
                    kind.as_str(),
                    existing.name,
                    existing.kind.as_str()
                )));
            }
        }
        let evidence_count = evidence.len();
        let (document, version) = self
            .inner
            .store
            .add_document_version(
                ws,
                NewDocumentVersion {
                    document_id,
                    kind,
                    name: name.to_string(),
                    file_name: file_name.to_string(),
                    media_type: media_type.to_string(),
                    original,
                    extracted,
                    warnings: warnings.clone(),
                    evidence,
                },
            )
            .await?;
        Ok(ImportOutcome { document, version, evidence: evidence_count, requirements, warnings })
    }

    /// Builds the asset map from the stored postings, evidence, done proof projects and target;
    /// stores it. Waits for the engine.
    pub async fn build_map(&self, ws: &Id) -> Result<AssetMapRecord> {
        let store = &self.inner.store;
        let target = store.target(ws).await?;
        let postings = store.latest_versions(ws, DocumentKind::Posting).await?;
        let evidence = store.evidence(ws).await?;
        let proofs = store.proofs(ws).await?;
        let mut posting_inputs = Vec::with_capacity(postings.len());
        for (doc, version) in &postings {
            let posting: Posting =
                serde_json::from_value(version.extracted.clone()).map_err(json_error)?;
            posting_inputs.push(posting_input(&doc.name, &posting));
        }
        let mut evidence_inputs: Vec<EvidenceInput> = evidence
            .iter()
            .map(|e| EvidenceInput {
                id: e.source.clone(),
                kind: evidence_kind(&e.kind),
                text: e.text.clone(),
                context: e.context.clone(),
            })
            .collect();
        for proof in proofs.iter().filter(|p| p.status == ProofStatus::Done) {
            evidence_inputs
                .extend(line_evidence(&format!("proof: {}", proof.title), &proof.outcomes));
        }
        let evidence_inputs = dedupe(evidence_inputs);
        let engine = self.engine().await;
        let this = self.clone();
        let map = tokio::task::spawn_blocking(move || {
            let analyzer = this.analyzer();
            let pack =
                target.as_ref().and_then(|t| analyzer.packs().iter().find(|p| p.def.id == t.role));
            let level = match (pack, target.as_ref().and_then(|t| t.level.as_deref())) {
                (Some(p), Some(l)) => p.level(l),
                _ => None,
            };
            let encoder = engine.encoder();
            pivot_map::build(
                &posting_inputs,
                &evidence_inputs,
                MapTarget { pack, level },
                engine.linker(),
                encoder.as_ref().map(|e| e as &dyn pivot_skills::Encoder),
            )
        })
        .await
        .map_err(|e| WorkbenchError::Invalid(format!("building the map did not finish: {e}")))?;
        let count = |c: Coverage| map.signals.iter().filter(|s| s.coverage == c).count() as i64;
        let record = NewAssetMap {
            mode: match map.mode {
                pivot_skills::Mode::Hybrid => "hybrid",
                pivot_skills::Mode::Lexical => "lexical",
            }
            .to_string(),
            signals: map.signals.len() as i64,
            covered: count(Coverage::Covered),
            partial: count(Coverage::Partial),
            gaps: count(Coverage::Gap),
            result: serde_json::to_value(&map).map_err(json_error)?,
        };
        Ok(store.save_asset_map(ws, record).await?)
    }

    /// The top signals the stored postings ask for, before any asset map exists: the
    /// requirements grouped and ranked word by word (no evidence, no model; nothing stored).
    /// A JSON array of `pivot_map::Signal`.
    pub async fn posting_signals(&self, ws: &Id) -> Result<serde_json::Value> {
        let store = &self.inner.store;
        let target = store.target(ws).await?;
        let mut inputs = Vec::new();
        for (doc, version) in store.latest_versions(ws, DocumentKind::Posting).await? {
            let posting: Posting = serde_json::from_value(version.extracted).map_err(json_error)?;
            inputs.push(posting_input(&doc.name, &posting));
        }
        if inputs.is_empty() {
            return Ok(serde_json::Value::Array(Vec::new()));
        }
        let this = self.clone();
        let signals = tokio::task::spawn_blocking(move || {
            let (pack, level) = this.map_target(target.as_ref());
            let map = pivot_map::build(&inputs, &[], MapTarget { pack, level }, None, None);
            serde_json::to_value(&map.signals)
        })
        .await
        .map_err(|e| WorkbenchError::Invalid(format!("the signals could not be computed: {e}")))?;
        signals.map_err(json_error)
    }

    /// The role pack and level of a stored target.
    fn map_target(
        &self,
        target: Option<&Target>,
    ) -> (Option<&pivot_lint::RolePack>, Option<&pivot_lint::Level>) {
        let pack = target.and_then(|t| self.analyzer().packs().iter().find(|p| p.def.id == t.role));
        let level = match (pack, target.and_then(|t| t.level.as_deref())) {
            (Some(p), Some(l)) => p.level(l),
            _ => None,
        };
        (pack, level)
    }

    /// Lints a text for the live editor: fast, synchronous, never fails.
    pub fn lint(
        &self,
        text: &str,
        kind: DocKind,
        target: Option<&Target>,
        intended: Option<&str>,
    ) -> Report {
        let spec =
            target.and_then(|t| self.analyzer().target(Some(&t.role), t.level.as_deref()).ok());
        let opts = CheckOptions {
            kind,
            format: pivot_lint::Format::Markdown,
            target: spec,
            intended: intended.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        };
        self.analyzer().check(text, &opts)
    }

    /// Creates a narrative (`kind` is a `DocKind` name).
    pub async fn create_narrative(&self, ws: &Id, kind: &str, title: &str) -> Result<Narrative> {
        let kind = DocKind::parse(kind.trim()).ok_or_else(|| {
            WorkbenchError::Invalid(format!(
                "unknown kind `{kind}`; known: {}",
                NARRATIVE_KINDS.join(", ")
            ))
        })?;
        let title = title.trim();
        let title = if title.is_empty() { "My pivot narrative" } else { title };
        if title.chars().count() > 200 {
            return Err(WorkbenchError::Invalid("the title is longer than 200 characters".into()));
        }
        Ok(self.inner.store.create_narrative(ws, kind.as_str(), title).await?)
    }

    /// Analyses and saves a new version; a save based on an old version is a conflict.
    pub async fn save_narrative(
        &self,
        ws: &Id,
        id: &Id,
        body: &str,
        base_version: i64,
    ) -> Result<NarrativeVersion> {
        if body.len() > pivot_lint::MAX_INPUT_BYTES {
            return Err(WorkbenchError::Invalid(format!(
                "the text is longer than {} KB: a narrative for a ten-second scan is far shorter",
                pivot_lint::MAX_INPUT_BYTES / 1024
            )));
        }
        let store = &self.inner.store;
        let narrative = store.narrative(ws, id).await?;
        let target = store.target(ws).await?;
        let intended = target.as_ref().and_then(|t| t.intended.clone());
        let kind = DocKind::parse(&narrative.kind).unwrap_or(DocKind::Narrative);
        let report = self.lint(body, kind, target.as_ref(), intended.as_deref());
        let new = NewNarrativeVersion {
            base_version,
            body: body.to_string(),
            intended,
            score: i64::from(report.scores.signal),
            findings: report.diagnostics.len() as i64,
            report: serde_json::to_value(&report).map_err(json_error)?,
        };
        let version = store.save_narrative_version(ws, id, new).await?;
        // The checklist follows the narrative; a failure here must not lose the save.
        if let Err(e) = self.checklist(ws).await {
            eprintln!("pivot: warning: the checklist was not updated: {e}");
        }
        Ok(version)
    }

    /// Recomputes the proof checklist from the stored material and stores it.
    pub async fn checklist(&self, ws: &Id) -> Result<Vec<ChecklistState>> {
        let store = &self.inner.store;
        let target = store.target(ws).await?;
        let narratives = store.narratives(ws).await?;
        let mut reports: Vec<(String, String, serde_json::Value)> = Vec::new();
        for n in narratives.iter().filter(|n| n.latest_version > 0) {
            let v = store.narrative_version(ws, &n.id, None).await?;
            reports.push((n.title.clone(), n.kind.clone(), v.report));
        }
        let evidence = store.evidence(ws).await?;
        let documents = store.documents(ws, None).await?;
        // The resume's text is checked like a resume: its bullets count for the checklist.
        let resume_text: String = evidence
            .iter()
            .filter(|e| {
                documents.iter().any(|d| d.id == e.document_id && d.kind == DocumentKind::Resume)
            })
            .map(|e| format!("- {}\n", e.text))
            .collect();
        if !resume_text.is_empty() {
            let report = self.lint(&resume_text, DocKind::Resume, target.as_ref(), None);
            reports.push((
                "your resume".into(),
                "resume".into(),
                serde_json::to_value(&report).map_err(json_error)?,
            ));
        }
        let now = now_millis();
        let mut items = Vec::new();
        for (id, label) in CHECKLIST {
            let (met, evidence) = match id {
                "target" => target_item(target.as_ref(), &reports),
                "consistent" => consistency_item(&documents, &narratives, &evidence, &reports),
                _ => report_item(id, &reports),
            };
            items.push(ChecklistState {
                item: id.to_string(),
                label: label.to_string(),
                met,
                evidence,
                updated_at: now,
            });
        }
        store.save_checklist(ws, &items).await?;
        Ok(items)
    }

    async fn week_state(&self, ws: &Id, today: Date, done: Vec<String>) -> Result<State> {
        let store = &self.inner.store;
        let target = store.target(ws).await?;
        let narratives = store.narratives(ws).await?;
        let proofs = store.proofs(ws).await?;
        let checklist = store.checklist(ws).await?;
        let map = store.latest_asset_map(ws).await?;
        let today_ms = date_millis(today) + DAY_MS;
        // Scores and dates of every version (no texts or reports); only the latest is read whole.
        let scores = store.narrative_scores(ws).await?;
        let versions_this_week = scores
            .iter()
            .filter(|(_, _, _, at)| *at <= today_ms && *at > today_ms - 7 * DAY_MS)
            .count();
        let newest = scores.iter().max_by_key(|(_, _, _, at)| *at);
        let two_weeks_ago = newest.and_then(|(id, _, _, at)| {
            scores
                .iter()
                .filter(|(other, _, _, then)| other == id && *then <= at - 14 * DAY_MS)
                .max_by_key(|(_, version, _, _)| *version)
                .map(|(_, _, score, _)| *score)
        });
        let latest: Option<NarrativeVersion> = match newest {
            Some((id, version, _, _)) => {
                Some(store.narrative_version(ws, id, Some(*version)).await?)
            }
            None => None,
        };
        let summary_closeness = latest
            .as_ref()
            .and_then(|v| v.report.pointer("/scan/intended/similarity"))
            .and_then(|s| s.as_f64());
        let outcomes_with_metrics = latest
            .as_ref()
            .and_then(|v| v.report.pointer("/scores/parts/outcomes/evidence"))
            .and_then(|e| e.as_array())
            .map_or(0, |a| a.len());
        let strongest_proof =
            proofs.iter().find(|p| p.status == ProofStatus::Done).map(|p| {
                match p.outcomes.lines().map(str::trim).find(|l| !l.is_empty()) {
                    Some(o) => format!("{}: {o}", p.title.trim_end_matches(['.', ':', ';'])),
                    None => p.title.clone(),
                }
            });
        let (gaps, top_gap) = match &map {
            Some(m) => {
                let top = m
                    .result
                    .get("signals")
                    .and_then(|s| s.as_array())
                    .and_then(|s| {
                        s.iter().find(|s| s.get("coverage").and_then(|c| c.as_str()) == Some("gap"))
                    })
                    .and_then(|s| s.get("text"))
                    .and_then(|t| t.as_str())
                    .map(str::to_string);
                (m.gaps as usize, top)
            }
            None => (0, None),
        };
        let count = |s: ProofStatus| proofs.iter().filter(|p| p.status == s).count();
        Ok(State {
            today,
            target: target.as_ref().map(|t| self.describe_target(t)),
            intended: target.as_ref().and_then(|t| t.intended.clone()),
            summary_closeness,
            narratives: narratives.len(),
            versions_this_week,
            latest_score: latest.as_ref().map(|v| v.score),
            score_two_weeks_ago: two_weeks_ago,
            outcomes_with_metrics,
            proofs_done: count(ProofStatus::Done),
            proofs_active: count(ProofStatus::Active),
            proofs_idea: count(ProofStatus::Idea),
            strongest_proof,
            gaps,
            top_gap,
            checklist_met: checklist.iter().filter(|c| c.met).count(),
            checklist_total: checklist.len(),
            done,
        })
    }

    /// The target in words: `Director of Product (Product management), fintech`.
    pub fn describe_target(&self, target: &Target) -> String {
        let pack = self.analyzer().packs().iter().find(|p| p.def.id == target.role);
        let role = pack.map_or(target.role.clone(), |p| p.def.name.clone());
        let level = target
            .level
            .as_deref()
            .map(|l| pack.and_then(|p| p.level(l)).map_or(l.to_string(), |l| l.def.name.clone()));
        let mut out = match level {
            Some(l) => format!("{l} ({role})"),
            None => role,
        };
        if let Some(d) = &target.domain {
            out.push_str(", ");
            out.push_str(d);
        }
        out
    }

    /// This week's plan (stored on first view).
    pub async fn week(&self, ws: &Id, today: Date) -> Result<WeekView> {
        let week_start = monday(today).to_string();
        let saved = self.inner.store.week(ws, &week_start).await?;
        let done = saved.as_ref().map(done_ids).unwrap_or_default();
        let block = saved.as_ref().and_then(|s| s.block_start.clone());
        self.replan(ws, today, done, block).await
    }

    async fn replan(
        &self,
        ws: &Id,
        today: Date,
        done: Vec<String>,
        block: Option<String>,
    ) -> Result<WeekView> {
        let state = self.week_state(ws, today, done.clone()).await?;
        let mut week = pivot_week::plan(&state);
        if let Some(b) = block.as_deref().and_then(|b| b.parse::<DateTime>().ok()) {
            week.block_start = b;
        }
        let plan = serde_json::json!({ "done": done, "items": week.items, "stuck": week.stuck });
        let saved = self
            .inner
            .store
            .save_week(
                ws,
                &WeeklyPlan {
                    week_start: week.week_start.to_string(),
                    plan,
                    block_start: Some(block_string(week.block_start)),
                    updated_at: 0,
                },
            )
            .await?;
        Ok(WeekView { week, state, saved })
    }

    /// Ticks or unticks an item of this week.
    pub async fn set_week_item(
        &self,
        ws: &Id,
        today: Date,
        item: &str,
        done: bool,
    ) -> Result<WeekView> {
        if !WEEK_ITEMS.contains(&item) {
            return Err(WorkbenchError::Invalid(format!(
                "unknown item `{item}`; known: {}",
                WEEK_ITEMS.join(", ")
            )));
        }
        let saved = self.inner.store.week(ws, &monday(today).to_string()).await?;
        let mut ids = saved.as_ref().map(done_ids).unwrap_or_default();
        ids.retain(|i| i != item);
        if done {
            ids.push(item.to_string());
            ids.sort();
        }
        let block = saved.and_then(|s| s.block_start);
        self.replan(ws, today, ids, block).await
    }

    /// Sets when the 60-minute block is.
    pub async fn set_week_block(&self, ws: &Id, today: Date, start: DateTime) -> Result<WeekView> {
        let saved = self.inner.store.week(ws, &monday(today).to_string()).await?;
        let done = saved.as_ref().map(done_ids).unwrap_or_default();
        self.replan(ws, today, done, Some(block_string(start))).await
    }

    /// This week as iCalendar.
    pub async fn week_ics(&self, ws: &Id, today: Date) -> Result<String> {
        let view = self.week(ws, today).await?;
        let stamp =
            jiff::Timestamp::from_millisecond(now_millis()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        Ok(pivot_week::ics(&view.week, view.week.block_start, stamp, ws.as_str()))
    }

    /// The dashboard, from stored state: light queries only (counts, headline figures, scores
    /// without their reports), as every visit reads it.
    /// Every visit reads it: it is kept in memory against the store's write generation (see
    /// [`crate::cache`]).
    pub async fn dashboard(&self, ws: &Id) -> Result<Dashboard> {
        let generation = self.inner.store.generation();
        let mut d =
            self.inner.dashboards.get(ws.clone(), generation, || self.read_dashboard(ws)).await?;
        d.engine = self.engine_status();
        Ok(d)
    }

    /// A narrative with its version list, latest version and the target, for the editor; kept
    /// in memory like the dashboard.
    pub async fn narrative_view(&self, ws: &Id, id: &Id) -> Result<NarrativeView> {
        let generation = self.inner.store.generation();
        let load = || async {
            let store = &self.inner.store;
            let narrative = store.narrative(ws, id).await?;
            let versions = store.narrative_version_heads(ws, id).await?;
            let latest = match narrative.latest_version {
                0 => None,
                _ => Some(store.narrative_version(ws, id, None).await?),
            };
            let target = store.target(ws).await?;
            Ok(NarrativeView { narrative, versions, latest, target })
        };
        self.inner.narratives.get((ws.clone(), id.clone()), generation, load).await
    }

    async fn read_dashboard(&self, ws: &Id) -> Result<Dashboard> {
        let store = &self.inner.store;
        let workspace = store.workspace(ws).await?;
        let target = store.target(ws).await?;
        let documents = store.documents(ws, None).await?;
        let evidence = store.evidence_count(ws).await? as usize;
        let map = store.latest_asset_map_summary(ws).await?;
        let proofs = store.proofs(ws).await?;
        let narratives = store.narratives(ws).await?;
        let scores = store
            .narrative_scores(ws)
            .await?
            .into_iter()
            .map(|(narrative_id, version, score, at)| ScorePoint {
                title: narratives
                    .iter()
                    .find(|n| n.id == narrative_id)
                    .map(|n| n.title.clone())
                    .unwrap_or_default(),
                narrative_id,
                version,
                score,
                at,
            })
            .collect();
        let checklist = store.checklist(ws).await?;
        let postings = documents.iter().filter(|d| d.kind == DocumentKind::Posting).count();
        let materials = documents.len() - postings;
        let next_step = next_step(
            target.as_ref(),
            postings,
            materials,
            map.as_ref(),
            &proofs,
            &narratives,
            &checklist,
        );
        Ok(Dashboard {
            workspace,
            target,
            engine: self.engine_status(),
            postings,
            materials,
            evidence,
            map,
            proofs,
            narratives,
            scores,
            checklist,
            next_step,
        })
    }

    /// Everything in the workspace.
    pub async fn export(&self, ws: &Id) -> Result<WorkspaceExport> {
        Ok(self.inner.store.export_workspace(ws).await?)
    }

    /// Restores an export. A workspace of the same name that holds nothing yet (a fresh
    /// install opened once) is replaced without asking; one with data needs `replace`.
    pub async fn import_workspace(
        &self,
        export: &WorkspaceExport,
        replace: bool,
    ) -> Result<Workspace> {
        let store = &self.inner.store;
        let mut replace = replace;
        if !replace {
            let same_name =
                store.workspaces().await?.into_iter().find(|w| w.name == export.workspace.name);
            if let Some(local) = same_name {
                replace = self.holds_nothing(&local.id).await?;
            }
        }
        let ws = store.import_workspace(export, replace).await?;
        // A restore may replace the local workspace: read it again next time.
        if let Ok(mut cached) = self.inner.workspace.write() {
            *cached = None;
        }
        Ok(ws)
    }

    /// Whether a workspace has no data of the user's yet: no target, documents, narratives,
    /// proof, asset map or week (the checklist is derived, so it does not count). Light reads
    /// only: no document originals.
    pub async fn holds_nothing(&self, ws: &Id) -> Result<bool> {
        let store = &self.inner.store;
        Ok(store.target(ws).await?.is_none()
            && store.documents(ws, None).await?.is_empty()
            && store.narratives(ws).await?.is_empty()
            && store.proofs(ws).await?.is_empty()
            && store.latest_asset_map_summary(ws).await?.is_none()
            && store.weeks(ws).await?.is_empty())
    }
}

/// The checklist items, in the method's order.
pub const CHECKLIST: [(&str, &str); 5] = [
    ("target", "A clear target role and level."),
    ("outcomes", "Three outcomes with metrics and scope."),
    ("leadership", "One leadership or ownership example."),
    ("cta", "A CTA that matches the topic."),
    ("consistent", "Consistent story across resume, LinkedIn, and interviews."),
];

/// The ids of the week's items.
pub const WEEK_ITEMS: [&str; 5] = ["block", "summary", "peer", "metrics", "proof"];

const DAY_MS: i64 = 86_400_000;

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn json_error(e: serde_json::Error) -> WorkbenchError {
    WorkbenchError::Invalid(format!("stored data could not be read back: {e}"))
}

fn import_error(e: ImportError) -> WorkbenchError {
    let code = match e.kind {
        ErrorKind::TooLarge => "too_large",
        ErrorKind::Encrypted => "encrypted",
        ErrorKind::ImageOnly => "image_only",
        ErrorKind::Corrupt => "corrupt",
        ErrorKind::Unsupported => "unsupported_type",
        ErrorKind::WrongExtension => "wrong_extension",
        ErrorKind::Encoding => "encoding",
        ErrorKind::Empty => "empty",
        _ => "unreadable",
    };
    WorkbenchError::Import { code, message: format!("{e}; nothing was stored") }
}

/// A file name safe to show and store: the last path component, control characters dropped,
/// at most 120 characters.
fn sanitize_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim();
    if clean.is_empty() { "upload".to_string() } else { clean.to_string() }
}

fn media_type(name: &str, bytes: &[u8]) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if bytes.starts_with(b"%PDF") {
        return "application/pdf";
    }
    match ext.as_str() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        "md" | "markdown" => "text/markdown",
        "csv" => "text/csv",
        _ if bytes.starts_with(b"PK") => "application/zip",
        _ => "text/plain",
    }
}

fn evidence_kind_name(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Bullet => "bullet",
        EvidenceKind::Position => "position",
        EvidenceKind::Project => "project",
        EvidenceKind::ProofProject => "proof_project",
        EvidenceKind::Summary => "summary",
    }
}

fn evidence_kind(name: &str) -> EvidenceKind {
    match name {
        "position" => EvidenceKind::Position,
        "project" => EvidenceKind::Project,
        "proof_project" => EvidenceKind::ProofProject,
        "summary" => EvidenceKind::Summary,
        _ => EvidenceKind::Bullet,
    }
}

fn monday(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

fn date_millis(day: Date) -> i64 {
    day.to_zoned(jiff::tz::TimeZone::UTC).map_or(0, |z| z.timestamp().as_millisecond())
}

fn block_string(start: DateTime) -> String {
    start.strftime("%Y-%m-%dT%H:%M").to_string()
}

fn done_ids(plan: &WeeklyPlan) -> Vec<String> {
    plan.plan
        .get("done")
        .and_then(|d| d.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The first report (narratives first, then the resume) that meets a checklist item.
fn report_item(id: &str, reports: &[(String, String, serde_json::Value)]) -> (bool, String) {
    let mut first_miss = None;
    for (title, _, report) in reports {
        let Some(item) = report
            .get("checklist")
            .and_then(|c| c.as_array())
            .and_then(|c| c.iter().find(|i| i.get("id").and_then(|x| x.as_str()) == Some(id)))
        else {
            continue;
        };
        let evidence = item.get("evidence").and_then(|e| e.as_str()).unwrap_or_default();
        if item.get("met").and_then(|m| m.as_bool()) == Some(true) {
            return (true, format!("{title}: {evidence}"));
        }
        first_miss.get_or_insert_with(|| format!("{title}: {evidence}"));
    }
    (
        false,
        first_miss.unwrap_or_else(|| {
            "Nothing to check yet: write your narrative or upload your resume.".into()
        }),
    )
}

fn target_item(
    target: Option<&Target>,
    reports: &[(String, String, serde_json::Value)],
) -> (bool, String) {
    let (met_text, why) = report_item("target", reports);
    match target {
        Some(t) if t.level.is_some() && met_text => {
            (true, format!("Target set ({}); {why}", t.role))
        }
        Some(t) if t.level.is_some() => (
            false,
            format!(
                "Your target is set ({} · {}), but your material does not name it yet. {why}",
                t.role,
                t.level.as_deref().unwrap_or_default()
            ),
        ),
        Some(_) => {
            (false, "Your target has no level: pick the exact level you are going for.".into())
        }
        None => (false, "No target yet: name the exact role and level.".into()),
    }
}

/// The story is consistent when every channel exists and the narrative's numbers appear in the
/// resume or LinkedIn material.
fn consistency_item(
    documents: &[Document],
    narratives: &[Narrative],
    evidence: &[pivot_store::Evidence],
    reports: &[(String, String, serde_json::Value)],
) -> (bool, String) {
    let has = |k: DocumentKind| documents.iter().any(|d| d.kind == k);
    let story = narratives.iter().any(|n| {
        n.latest_version > 0 && matches!(n.kind.as_str(), "narrative" | "answer" | "about")
    });
    let mut missing = Vec::new();
    if !has(DocumentKind::Resume) {
        missing.push("a resume");
    }
    if !has(DocumentKind::Linkedin) {
        missing.push("your LinkedIn export");
    }
    if !story {
        missing.push("a narrative or interview answer");
    }
    if !missing.is_empty() {
        return (false, format!("Pivot needs {} to compare the channels.", missing.join(", ")));
    }
    let material: String = evidence.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("\n");
    let mut numbers: Vec<String> = Vec::new();
    for (_, _, report) in reports.iter().filter(|(_, kind, _)| kind != "resume") {
        if let Some(ev) =
            report.pointer("/scores/parts/outcomes/evidence").and_then(|e| e.as_array())
        {
            for e in ev {
                if let Some(text) = e.get("text").and_then(|t| t.as_str()) {
                    numbers.extend(metric_tokens(text));
                }
            }
        }
    }
    numbers.sort();
    numbers.dedup();
    let absent: Vec<&String> = numbers.iter().filter(|n| !material.contains(n.as_str())).collect();
    if absent.is_empty() {
        (
            true,
            format!(
                "Resume, LinkedIn and narrative are all here; the narrative's {} figure(s) appear in your material.",
                numbers.len()
            ),
        )
    } else {
        (
            false,
            format!(
                "These figures in your narrative are not in your resume or LinkedIn: {}. Use the same outcomes and numbers everywhere.",
                absent.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
    }
}

/// Figures in a text: tokens holding a digit (`38%`, `$2.4M`, `14`), trimmed of punctuation.
fn metric_tokens(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '“' | '”' | '"')
            })
        })
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()) && w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

fn next_step(
    target: Option<&Target>,
    postings: usize,
    materials: usize,
    map: Option<&AssetMapRecord>,
    proofs: &[ProofProject],
    narratives: &[Narrative],
    checklist: &[ChecklistState],
) -> (String, String) {
    let step = |s: &str, page: &str| (s.to_string(), page.to_string());
    match () {
        _ if target.is_none() => {
            step("Name your target: the exact role and level you are going for.", "/target")
        }
        _ if postings == 0 => step(
            "Add two or three real job postings for your target to see what it asks for.",
            "/target",
        ),
        _ if materials == 0 => {
            step("Upload your resume and your LinkedIn export to map your evidence.", "/assets")
        }
        _ if map.is_none() => {
            step("Build the asset map: your evidence against the target's top signals.", "/assets")
        }
        _ if map.is_some_and(|m| m.gaps > 0)
            && proofs.iter().all(|p| p.status == ProofStatus::Dropped) =>
        {
            step("Pick a proof project for your top gap.", "/proof")
        }
        _ if narratives.iter().all(|n| n.latest_version == 0) => step(
            "Write your pivot narrative and check it against the ten-second scan.",
            "/narratives",
        ),
        _ if checklist.iter().any(|c| !c.met) => {
            step("Close the open items of the proof checklist.", "/checklist")
        }
        _ => step("Run this week's plan: one change, tested for two weeks.", "/week"),
    }
}
