//! The server-rendered pages. Every form works as a plain POST followed by a redirect; htmx
//! (when JavaScript runs) swaps fragments for the live lint, the map build and the week's ticks.
//! Errors show as `<div class="error" role="alert">` on the page they happened on.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use pivot_lint::DocKind;
use pivot_store::{
    ChecklistState, Document, DocumentKind, DocumentVersion, Id, Narrative, NarrativeVersion,
    ProofInput, ProofProject, ProofStatus, StoreError, Target,
};
use pivot_workbench::{
    Dashboard, EngineStatus, ImportAs, RoleOption, TargetForm, WeekView, WorkbenchError,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::api::{self, parse_id, workspace_id};
use crate::error::{ApiError, human_size};
use crate::svg::{self, Point};
use crate::views::{self, LintView, MapView, PostingView, SignalView};
use crate::{FORM_LIMIT, Shared, assets};

type PageResult = Result<Response, PageError>;

pub fn routes(upload_limit: usize) -> Router<Shared> {
    let upload = DefaultBodyLimit::max(crate::drain_cap(upload_limit));
    Router::new()
        .route("/", get(dashboard))
        .route("/restore", post(restore).layer(DefaultBodyLimit::max(crate::IMPORT_LIMIT)))
        .route("/healthz", get(healthz))
        .route("/target", get(target_page).post(save_target))
        .route("/postings", post(paste_posting))
        .route("/postings/upload", post(upload_posting).layer(upload))
        .route("/assets", get(assets_page))
        .route("/assets/upload", post(upload_asset).layer(upload))
        .route("/documents/{id}/delete", post(delete_document))
        .route("/map", post(build_map))
        .route("/proof", get(proof_page).post(create_proof))
        .route("/proof/{id}", post(update_proof))
        .route("/proof/{id}/delete", post(delete_proof))
        .route("/narratives", get(narratives_page).post(create_narrative))
        .route("/narratives/{id}", get(editor_page).post(save_narrative))
        .route("/narratives/{id}/rename", post(rename_narrative))
        .route("/narratives/{id}/delete", post(delete_narrative))
        .route("/narratives/{id}/lint", post(lint_fragment))
        .route("/narratives/{id}/versions/{version}", get(version_page))
        .route("/checklist", get(checklist_page))
        .route("/week", get(week_page))
        .route("/week/items/{id}", post(tick_week_item))
        .route("/week/block", post(set_week_block))
        .route("/week.ics", get(week_ics))
        .route("/history", get(history_page))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}

// ---------------------------------------------------------------------------------------
// Layout, errors, helpers.

/// What every page's frame needs.
pub struct Layout {
    pub title: String,
    pub active: &'static str,
    pub v: String,
}

const NAV: [(&str, &str, &str); 8] = [
    ("dashboard", "/", "Dashboard"),
    ("target", "/target", "Target"),
    ("assets", "/assets", "Assets & map"),
    ("proof", "/proof", "Proof"),
    ("narratives", "/narratives", "Narrative"),
    ("checklist", "/checklist", "Checklist"),
    ("week", "/week", "This week"),
    ("history", "/history", "History"),
];

impl Layout {
    fn new(title: impl Into<String>, active: &'static str) -> Layout {
        Layout { title: title.into(), active, v: assets::VERSION.clone() }
    }

    /// (key, href, label) of each navigation entry.
    pub fn nav(&self) -> &'static [(&'static str, &'static str, &'static str)] {
        &NAV
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: String,
    message: String,
}

/// A page that could not be shown: an error page with the right status, never a trace.
pub struct PageError {
    status: StatusCode,
    message: String,
}

impl PageError {
    fn new(status: StatusCode, message: impl Into<String>) -> PageError {
        PageError { status, message: message.into() }
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError { status: e.status, message: e.message }
    }
}

impl From<WorkbenchError> for PageError {
    fn from(e: WorkbenchError) -> PageError {
        ApiError::from(e).into()
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> PageError {
        ApiError::from(e).into()
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let heading = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            s if s.is_server_error() => "Something went wrong",
            _ => "That did not work",
        };
        let page = ErrorPage {
            layout: Layout::new(heading, ""),
            heading: heading.into(),
            message: self.message,
        };
        (self.status, page).into_response()
    }
}

/// A form body whose rejections are pages, not plain text.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(v)) => Ok(PageForm(v)),
            Err(r) => Err(PageError::new(
                r.status(),
                format!("The form could not be read: {}", r.body_text()),
            )),
        }
    }
}

pub async fn not_found() -> PageError {
    PageError::new(StatusCode::NOT_FOUND, "There is no page here. Use the navigation above.")
}

fn is_htmx(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true")
}

fn status_of(e: &ApiError) -> StatusCode {
    e.status
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() { None } else { Some(t.to_string()) }
}

/// How the engine reads on a page.
pub struct EngineView {
    /// `loading`, `hybrid` or `lexical`.
    pub state: &'static str,
    pub label: String,
    pub notice: Option<String>,
}

fn engine_view(status: &EngineStatus) -> EngineView {
    match status {
        EngineStatus::Loading => EngineView {
            state: "loading",
            label: "Loading the meaning-based engine (the model and the ESCO skills)".into(),
            notice: None,
        },
        EngineStatus::Ready { mode, notice, .. } if mode == "hybrid" => EngineView {
            state: "hybrid",
            label: "Meaning-based matching: the model and the ESCO skills are loaded".into(),
            notice: notice.clone(),
        },
        EngineStatus::Ready { notice, .. } => EngineView {
            state: "lexical",
            label: "Word-based matching (the model is not installed: run `pivot setup` for meaning-based matching)"
                .into(),
            notice: notice.clone(),
        },
    }
}

/// `Director of Product (Product management)`.
fn target_label(roles: &[RoleOption], target: &Target) -> String {
    let role = roles.iter().find(|r| r.id == target.role);
    let role_name = role.map(|r| r.name.clone()).unwrap_or_else(|| target.role.clone());
    let level = target.level.as_ref().map(|l| {
        role.and_then(|r| r.levels.iter().find(|(id, _)| id == l))
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| l.clone())
    });
    match level {
        Some(level) => format!("{level} ({role_name})"),
        None => format!("{role_name} (level not chosen)"),
    }
}

// ---------------------------------------------------------------------------------------
// Health and the dashboard.

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    engine: String,
    backend: &'static str,
}

async fn healthz(State(state): State<Shared>) -> Json<Health> {
    let engine = match state.workbench.engine_status() {
        EngineStatus::Loading => "loading".to_string(),
        EngineStatus::Ready { mode, .. } => mode,
    };
    Json(Health { status: "ok", engine, backend: api::backend_name(&state) })
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    error: Option<String>,
    notice: Option<String>,
    d: Dashboard,
    target_label: String,
    engine: EngineView,
    map_bar: String,
    map_built: String,
    score_chart: String,
    checklist_met: usize,
}

async fn dashboard(State(state): State<Shared>, Query(flash): Query<Flash>) -> PageResult {
    let notice = flash.restored.map(|counts| {
        let n: Vec<&str> = counts.split('-').collect();
        match n[..] {
            [d, nv, p, m] => format!(
                "Backup restored: {d} document(s), {nv} narrative(s), {p} proof project(s), {m} asset map(s)."
            ),
            _ => "Backup restored.".to_string(),
        }
    });
    render_dashboard(&state, None, notice, StatusCode::OK).await
}

async fn render_dashboard(
    state: &Shared,
    error: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let ws = workspace_id(state).await?;
    let d = state.workbench.dashboard(&ws).await?;
    let roles = state.workbench.roles();
    let target_label = d.target.as_ref().map(|t| target_label(&roles, t)).unwrap_or_default();
    let (map_bar, map_built) = match &d.map {
        Some(m) => (svg::coverage_bar(m.covered, m.partial, m.gaps), views::datetime(m.created_at)),
        None => (String::new(), String::new()),
    };
    let points: Vec<Point> = d
        .scores
        .iter()
        .map(|p| Point {
            series: p.title.clone(),
            at: p.at,
            score: p.score,
            label: format!(
                "{} version {}: {} ({})",
                p.title,
                p.version,
                p.score,
                views::date(p.at)
            ),
        })
        .collect();
    let page = DashboardPage {
        layout: Layout::new("Dashboard", "dashboard"),
        error,
        notice,
        target_label,
        engine: engine_view(&d.engine),
        map_bar,
        map_built,
        score_chart: svg::score_chart("dashboard-score-chart", &points),
        checklist_met: d.checklist.iter().filter(|c| c.met).count(),
        d,
    };
    Ok((status, page).into_response())
}

/// Restores a backup (the JSON of "Download everything") into this workbench's workspace.
async fn restore(
    State(state): State<Shared>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    match restore_upload(&state, multipart).await {
        Ok(summary) => Ok(Redirect::to(&format!("/?restored={summary}#backup")).into_response()),
        Err(e) => {
            let status = status_of(&e);
            render_dashboard(&state, Some(e.message), None, status).await
        }
    }
}

async fn restore_upload(
    state: &Shared,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<String, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        ApiError::invalid(format!("choose the backup file to restore ({})", e.body_text()))
    })?;
    let (mut file, mut replace) = (None, false);
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(crate::IMPORT_LIMIT)
        } else {
            ApiError::invalid(format!("the upload could not be read: {}", e.body_text()))
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(too_large)? {
        match field.name().unwrap_or("") {
            "file" => file = Some(field.bytes().await.map_err(too_large)?),
            "replace" => replace = !field.text().await.map_err(too_large)?.trim().is_empty(),
            _ => {}
        }
    }
    let bytes = file.filter(|b| !b.is_empty()).ok_or_else(|| {
        ApiError::invalid(
            "choose the backup file to restore (the JSON that “Download everything” gives)",
        )
    })?;
    let mut export: pivot_store::WorkspaceExport = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::invalid(format!(
            "this file is not a Pivot backup (line {}, column {}: {e})",
            e.line(),
            e.column()
        ))
    })?;
    // The workbench shows its own workspace: a backup made elsewhere lands there.
    export.workspace.name = pivot_workbench::DEFAULT_WORKSPACE.to_string();
    if !replace {
        let ws = workspace_id(state).await?;
        if !state.workbench.holds_nothing(&ws).await? {
            return Err(ApiError::invalid(
                "this workspace already holds data: tick “Replace what is here” to restore the \
                 backup in its place (download everything first if you may want it back)",
            ));
        }
    }
    // Empty here, or replace was asked for: the backup takes this workspace's place.
    state.workbench.import_workspace(&export, true).await?;
    Ok(format!(
        "{}-{}-{}-{}",
        export.documents.len(),
        export.narratives.len(),
        export.proofs.len(),
        export.asset_maps.len()
    ))
}

// ---------------------------------------------------------------------------------------
// Target and postings.

/// The target form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TargetValues {
    pub role: String,
    pub level: String,
    pub domain: String,
    pub companies: String,
    pub intended: String,
}

impl TargetValues {
    fn from_target(t: &Target) -> TargetValues {
        TargetValues {
            role: t.role.clone(),
            level: t.level.clone().unwrap_or_default(),
            domain: t.domain.clone().unwrap_or_default(),
            companies: t.companies.join("\n"),
            intended: t.intended.clone().unwrap_or_default(),
        }
    }

    fn to_form(&self) -> TargetForm {
        TargetForm {
            role: self.role.trim().to_string(),
            level: nonempty(&self.level),
            domain: nonempty(&self.domain),
            companies: self
                .companies
                .split(['\n', ',', ';'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect(),
            intended: nonempty(&self.intended),
        }
    }
}

pub struct PostingItem {
    pub doc: Document,
    pub posting: PostingView,
}

#[derive(Template, WebTemplate)]
#[template(path = "target.html")]
struct TargetPage {
    layout: Layout,
    error: Option<String>,
    notice: Option<String>,
    roles: Vec<RoleOption>,
    values: TargetValues,
    paste_name: String,
    paste_text: String,
    limit: String,
    postings: Vec<PostingItem>,
    signals: Vec<SignalView>,
    signals_from_map: bool,
}

#[derive(Default)]
struct TargetPageInput {
    error: Option<String>,
    notice: Option<String>,
    values: Option<TargetValues>,
    paste_name: String,
    paste_text: String,
}

async fn render_target(state: &Shared, input: TargetPageInput, status: StatusCode) -> PageResult {
    let ws = workspace_id(state).await?;
    let store = state.workbench.store();
    let roles = state.workbench.roles();
    let target = store.target(&ws).await?;
    let values = input.values.unwrap_or_else(|| match &target {
        Some(t) => TargetValues::from_target(t),
        None => TargetValues {
            role: roles.first().map(|r| r.id.clone()).unwrap_or_default(),
            ..Default::default()
        },
    });
    let postings = store
        .latest_versions(&ws, DocumentKind::Posting)
        .await?
        .into_iter()
        .map(|(doc, v)| PostingItem { posting: PostingView::new(&v.extracted), doc })
        .collect();
    let (signals, signals_from_map) = match store.latest_asset_map(&ws).await? {
        Some(m) => (MapView::new(&m.result).signals.into_iter().take(10).collect(), true),
        None => (
            crate::preview::posting_signals(&state.workbench, &ws)
                .await?
                .into_iter()
                .take(10)
                .collect(),
            false,
        ),
    };
    let page = TargetPage {
        layout: Layout::new("Target & postings", "target"),
        error: input.error,
        notice: input.notice,
        roles,
        values,
        paste_name: input.paste_name,
        paste_text: input.paste_text,
        limit: human_size(state.upload_limit),
        postings,
        signals,
        signals_from_map,
    };
    Ok((status, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Flash {
    saved: Option<String>,
    restored: Option<String>,
    added: Option<String>,
    imported: Option<String>,
    created: Option<String>,
    deleted: Option<String>,
    edit: Option<String>,
    found: Option<String>,
    notes: Option<String>,
}

async fn document_name(state: &Shared, id: &str) -> Option<String> {
    let id = Id::parse(id).ok()?;
    let ws = workspace_id(state).await.ok()?;
    state.workbench.store().document(&ws, &id).await.ok().map(|d| d.name)
}

async fn target_page(State(state): State<Shared>, Query(flash): Query<Flash>) -> PageResult {
    let notice = if flash.saved.is_some() {
        Some("Target saved.".to_string())
    } else if let Some(id) = &flash.added {
        document_name(&state, id).await.map(|n| format!("Added the posting “{n}”."))
    } else if flash.deleted.is_some() {
        Some("Deleted.".to_string())
    } else {
        None
    };
    render_target(&state, TargetPageInput { notice, ..Default::default() }, StatusCode::OK).await
}

async fn save_target(
    State(state): State<Shared>,
    PageForm(values): PageForm<TargetValues>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    match state.workbench.set_target(&ws, values.to_form()).await {
        Ok(_) => Ok(Redirect::to("/target?saved=1").into_response()),
        Err(e) => {
            let e = ApiError::from(e);
            let input = TargetPageInput {
                error: Some(e.message.clone()),
                values: Some(values),
                ..Default::default()
            };
            render_target(&state, input, status_of(&e)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasteForm {
    name: String,
    text: String,
}

async fn paste_posting(
    State(state): State<Shared>,
    PageForm(form): PageForm<PasteForm>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    let result = if form.text.trim().is_empty() {
        Err(ApiError::invalid("Paste the posting's text first."))
    } else {
        state
            .workbench
            .paste_posting(&ws, form.name.trim(), &form.text)
            .await
            .map_err(ApiError::from)
    };
    match result {
        Ok(outcome) => {
            Ok(Redirect::to(&format!("/target?added={}", outcome.document.id)).into_response())
        }
        Err(e) => {
            let input = TargetPageInput {
                error: Some(e.message.clone()),
                paste_name: form.name,
                paste_text: form.text,
                ..Default::default()
            };
            render_target(&state, input, status_of(&e)).await
        }
    }
}

async fn upload_posting(
    State(state): State<Shared>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    match import_upload(&state, multipart, ImportAs::Posting).await {
        Ok(o) => Ok(Redirect::to(&format!("/target?added={}", o.document.id)).into_response()),
        Err(e) => {
            let input = TargetPageInput { error: Some(e.message.clone()), ..Default::default() };
            render_target(&state, input, status_of(&e)).await
        }
    }
}

/// Reads an upload and imports it.
async fn import_upload(
    state: &Shared,
    multipart: Result<Multipart, MultipartRejection>,
    default_as: ImportAs,
) -> Result<pivot_workbench::ImportOutcome, ApiError> {
    let upload = api::read_upload(multipart, state.upload_limit, default_as).await?;
    let ws = workspace_id(state).await?;
    Ok(state.workbench.import(&ws, upload).await?)
}

// ---------------------------------------------------------------------------------------
// Assets and the map.

pub struct DocItem {
    pub doc: Document,
    pub versions: Vec<DocumentVersion>,
    pub updated: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assets.html")]
struct AssetsPage {
    layout: Layout,
    error: Option<String>,
    notice: Option<String>,
    limit: String,
    documents: Vec<DocItem>,
    map_error: Option<String>,
    engine: EngineView,
    map: Option<MapView>,
    map_built: String,
    map_bar: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "map_area.html")]
struct MapArea {
    map_error: Option<String>,
    engine: EngineView,
    map: Option<MapView>,
    map_built: String,
    map_bar: String,
}

async fn map_area(
    state: &Shared,
    ws: &Id,
    map_error: Option<String>,
) -> Result<MapArea, PageError> {
    let record = state.workbench.store().latest_asset_map(ws).await?;
    let (map, map_built, map_bar) = match record {
        Some(r) => (
            Some(MapView::new(&r.result)),
            views::datetime(r.created_at),
            svg::coverage_bar(r.covered, r.partial, r.gaps),
        ),
        None => (None, String::new(), String::new()),
    };
    Ok(MapArea {
        map_error,
        engine: engine_view(&state.workbench.engine_status()),
        map,
        map_built,
        map_bar,
    })
}

async fn render_assets(
    state: &Shared,
    error: Option<String>,
    notice: Option<String>,
    map_error: Option<String>,
    status: StatusCode,
) -> PageResult {
    let ws = workspace_id(state).await?;
    let store = state.workbench.store();
    let mut documents = Vec::new();
    for doc in store.documents(&ws, None).await? {
        let versions = store.document_versions(&ws, &doc.id).await?;
        documents.push(DocItem { updated: views::datetime(doc.updated_at), doc, versions });
    }
    let area = map_area(state, &ws, map_error).await?;
    let page = AssetsPage {
        layout: Layout::new("Assets & map", "assets"),
        error,
        notice,
        limit: human_size(state.upload_limit),
        documents,
        map_error: area.map_error,
        engine: area.engine,
        map: area.map,
        map_built: area.map_built,
        map_bar: area.map_bar,
    };
    Ok((status, page).into_response())
}

async fn assets_page(State(state): State<Shared>, Query(flash): Query<Flash>) -> PageResult {
    let notice = if let Some(id) = &flash.imported {
        let found = flash.found.as_deref().and_then(|f| f.parse::<usize>().ok()).unwrap_or(0);
        let notes = flash.notes.as_deref().and_then(|f| f.parse::<usize>().ok()).unwrap_or(0);
        let doc = match Id::parse(id) {
            Ok(id) => {
                state.workbench.store().document(&workspace_id(&state).await?, &id).await.ok()
            }
            Err(_) => None,
        };
        doc.map(|d| {
            let what = match d.kind {
                DocumentKind::Posting => "requirement(s)",
                _ => "piece(s) of evidence",
            };
            let mut text = format!("Imported “{}”: {found} {what}.", d.name);
            if notes > 0 {
                text.push_str(&format!(
                    " {notes} reading note(s): see them under the document's versions below."
                ));
            }
            text
        })
    } else if flash.deleted.is_some() {
        Some("Deleted.".to_string())
    } else if flash.created.is_some() {
        Some("The asset map is built.".to_string())
    } else {
        None
    };
    render_assets(&state, None, notice, None, StatusCode::OK).await
}

async fn upload_asset(
    State(state): State<Shared>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    match import_upload(&state, multipart, ImportAs::Auto).await {
        Ok(o) => {
            // The notice says what the upload brought in.
            let query = format!(
                "imported={}&found={}&notes={}",
                o.document.id,
                o.evidence.max(o.requirements),
                o.warnings.len()
            );
            Ok(Redirect::to(&format!("/assets?{query}")).into_response())
        }
        Err(e) => render_assets(&state, Some(e.message.clone()), None, None, status_of(&e)).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BackForm {
    back: String,
}

async fn delete_document(
    State(state): State<Shared>,
    Path(id): Path<String>,
    PageForm(form): PageForm<BackForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_document(&ws, &id).await?;
    let back = if form.back == "/target" { "/target" } else { "/assets" };
    Ok(Redirect::to(&format!("{back}?deleted=1")).into_response())
}

async fn build_map(State(state): State<Shared>, headers: HeaderMap) -> PageResult {
    let ws = workspace_id(&state).await?;
    let result = state.workbench.build_map(&ws).await.map_err(ApiError::from);
    let htmx = is_htmx(&headers);
    match result {
        Ok(_) if htmx => Ok(map_area(&state, &ws, None).await?.into_response()),
        Ok(_) => Ok(Redirect::to("/assets?created=map#asset-map").into_response()),
        Err(e) if htmx => {
            Ok((status_of(&e), map_area(&state, &ws, Some(e.message.clone())).await?)
                .into_response())
        }
        Err(e) => render_assets(&state, None, None, Some(e.message.clone()), status_of(&e)).await,
    }
}

// ---------------------------------------------------------------------------------------
// Proof projects.

/// The proof form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProofValues {
    #[serde(skip)]
    pub id: Option<String>,
    pub revision: i64,
    pub title: String,
    pub description: String,
    pub status: String,
    pub started_on: String,
    pub finished_on: String,
    pub outcomes: String,
    pub covers: String,
}

impl ProofValues {
    fn new() -> ProofValues {
        ProofValues { status: "idea".into(), ..Default::default() }
    }

    fn from_proof(p: &ProofProject) -> ProofValues {
        ProofValues {
            id: Some(p.id.to_string()),
            revision: p.revision,
            title: p.title.clone(),
            description: p.description.clone(),
            status: p.status.as_str().into(),
            started_on: p.started_on.clone().unwrap_or_default(),
            finished_on: p.finished_on.clone().unwrap_or_default(),
            outcomes: p.outcomes.clone(),
            covers: p.covers.join("\n"),
        }
    }

    /// Whether `status` is the selected one.
    pub fn is_status(&self, status: &str) -> bool {
        self.status == status
    }

    fn to_input(&self) -> Result<ProofInput, ApiError> {
        let status = ProofStatus::parse(self.status.trim()).ok_or_else(|| {
            ApiError::invalid(format!(
                "Status must be idea, active, done or dropped, not “{}”.",
                self.status
            ))
        })?;
        if self.title.trim().is_empty() {
            return Err(ApiError::invalid("Give the proof project a title."));
        }
        let date = |s: &str, what: &str| -> Result<Option<String>, ApiError> {
            match nonempty(s) {
                None => Ok(None),
                Some(d) => d.parse::<jiff::civil::Date>().map(|_| Some(d.clone())).map_err(|_| {
                    ApiError::invalid(format!("{what} must be a date like 2026-02-10, not “{d}”."))
                }),
            }
        };
        Ok(ProofInput {
            title: self.title.trim().to_string(),
            description: self.description.trim().to_string(),
            status,
            started_on: date(&self.started_on, "Started on")?,
            finished_on: date(&self.finished_on, "Finished on")?,
            outcomes: self.outcomes.trim().to_string(),
            covers: self
                .covers
                .lines()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect(),
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "proof.html")]
struct ProofPage {
    layout: Layout,
    error: Option<String>,
    conflict: Option<String>,
    notice: Option<String>,
    proofs: Vec<ProofProject>,
    form: ProofValues,
    statuses: [&'static str; 4],
}

async fn render_proof(
    state: &Shared,
    form: ProofValues,
    error: Option<String>,
    conflict: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let ws = workspace_id(state).await?;
    let proofs = state.workbench.store().proofs(&ws).await?;
    let page = ProofPage {
        layout: Layout::new("Proof projects", "proof"),
        error,
        conflict,
        notice,
        proofs,
        form,
        statuses: ["idea", "active", "done", "dropped"],
    };
    Ok((status, page).into_response())
}

async fn proof_page(State(state): State<Shared>, Query(flash): Query<Flash>) -> PageResult {
    let mut form = ProofValues::new();
    let mut error = None;
    if let Some(id) = &flash.edit {
        let ws = workspace_id(&state).await?;
        match Id::parse(id) {
            Ok(id) => match state.workbench.store().proof(&ws, &id).await {
                Ok(p) => form = ProofValues::from_proof(&p),
                Err(e) => error = Some(ApiError::from(e).message),
            },
            Err(e) => error = Some(ApiError::from(e).message),
        }
    }
    let notice = if flash.created.is_some() {
        Some("Proof project added.".to_string())
    } else if flash.saved.is_some() {
        Some("Proof project saved.".to_string())
    } else if flash.deleted.is_some() {
        Some("Proof project deleted.".to_string())
    } else {
        None
    };
    render_proof(&state, form, error, None, notice, StatusCode::OK).await
}

async fn create_proof(
    State(state): State<Shared>,
    PageForm(form): PageForm<ProofValues>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    let result = match form.to_input() {
        Ok(input) => {
            state.workbench.store().create_proof(&ws, &input).await.map_err(ApiError::from)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/proof?created={}#proofs", p.id)).into_response()),
        Err(e) => {
            render_proof(&state, form, Some(e.message.clone()), None, None, status_of(&e)).await
        }
    }
}

async fn update_proof(
    State(state): State<Shared>,
    Path(id): Path<String>,
    PageForm(mut form): PageForm<ProofValues>,
) -> PageResult {
    let id = parse_id(&id)?;
    form.id = Some(id.to_string());
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    let input = match form.to_input() {
        Ok(input) => input,
        Err(e) => {
            return render_proof(&state, form, Some(e.message.clone()), None, None, status_of(&e))
                .await;
        }
    };
    match store.update_proof(&ws, &id, form.revision, &input).await {
        Ok(_) => Ok(Redirect::to("/proof?saved=1#proofs").into_response()),
        Err(StoreError::Conflict { actual, .. }) => {
            let current = store.proof(&ws, &id).await.ok();
            let message = format!(
                "Not saved: this proof project was changed since you opened it (it is now at revision {actual}{}). \
                 Your changes are kept in the form below; saving again replaces the other changes with yours.",
                current
                    .as_ref()
                    .map(|p| format!(", titled “{}”, status {}", p.title, p.status.as_str()))
                    .unwrap_or_default()
            );
            form.revision = current.map(|p| p.revision).unwrap_or(actual);
            render_proof(&state, form, None, Some(message), None, StatusCode::CONFLICT).await
        }
        Err(e) => {
            let e = ApiError::from(e);
            render_proof(&state, form, Some(e.message.clone()), None, None, status_of(&e)).await
        }
    }
}

async fn delete_proof(State(state): State<Shared>, Path(id): Path<String>) -> PageResult {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_proof(&ws, &id).await?;
    Ok(Redirect::to("/proof?deleted=1").into_response())
}

// ---------------------------------------------------------------------------------------
// Narratives.

const KINDS: [(&str, &str); 6] = [
    ("narrative", "Pivot narrative"),
    ("headline", "LinkedIn headline"),
    ("about", "LinkedIn About"),
    ("answer", "Interview answer"),
    ("resume", "Resume"),
    ("bullet", "Resume bullets"),
];

#[derive(Template, WebTemplate)]
#[template(path = "narratives.html")]
struct NarrativesPage {
    layout: Layout,
    error: Option<String>,
    notice: Option<String>,
    narratives: Vec<Narrative>,
    title: String,
    kind: String,
    kinds: [(&'static str, &'static str); 6],
}

async fn render_narratives(
    state: &Shared,
    error: Option<String>,
    notice: Option<String>,
    title: String,
    kind: String,
    status: StatusCode,
) -> PageResult {
    let ws = workspace_id(state).await?;
    let narratives = state.workbench.store().narratives(&ws).await?;
    let page = NarrativesPage {
        layout: Layout::new("Narratives", "narratives"),
        error,
        notice,
        narratives,
        title,
        kind,
        kinds: KINDS,
    };
    Ok((status, page).into_response())
}

async fn narratives_page(State(state): State<Shared>, Query(flash): Query<Flash>) -> PageResult {
    let notice = if flash.saved.is_some() {
        Some("Narrative renamed.".to_string())
    } else if flash.deleted.is_some() {
        Some("Narrative deleted, with its versions.".to_string())
    } else {
        None
    };
    render_narratives(&state, None, notice, String::new(), "narrative".into(), StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RenameForm {
    title: String,
}

async fn rename_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
    PageForm(form): PageForm<RenameForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    match state.workbench.store().rename_narrative(&ws, &id, form.title.trim()).await {
        Ok(_) => Ok(Redirect::to(&format!("/narratives?saved=1#n-{id}")).into_response()),
        Err(e) => {
            let e = ApiError::from(e);
            let status = status_of(&e);
            render_narratives(
                &state,
                Some(e.message),
                None,
                String::new(),
                "narrative".into(),
                status,
            )
            .await
        }
    }
}

async fn delete_narrative(State(state): State<Shared>, Path(id): Path<String>) -> PageResult {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_narrative(&ws, &id).await?;
    Ok(Redirect::to("/narratives?deleted=1").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewNarrativeForm {
    title: String,
    kind: String,
}

async fn create_narrative(
    State(state): State<Shared>,
    PageForm(form): PageForm<NewNarrativeForm>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    let kind = if form.kind.trim().is_empty() { "narrative" } else { form.kind.trim() };
    let result = if form.title.trim().is_empty() {
        Err(ApiError::invalid("Give the narrative a title."))
    } else {
        state.workbench.create_narrative(&ws, kind, form.title.trim()).await.map_err(ApiError::from)
    };
    match result {
        Ok(n) => Ok(Redirect::to(&format!("/narratives/{}", n.id)).into_response()),
        Err(e) => {
            let status = status_of(&e);
            render_narratives(&state, Some(e.message), None, form.title, form.kind, status).await
        }
    }
}

/// A saved version as lists show it.
pub struct VersionRow {
    pub version: i64,
    pub at: String,
    pub score: i64,
    pub findings: i64,
}

impl VersionRow {
    fn new(v: &pivot_store::VersionHead) -> VersionRow {
        VersionRow {
            version: v.version,
            at: views::datetime(v.created_at),
            score: v.score,
            findings: v.findings,
        }
    }
}

/// A conflicting save, as the editor explains it.
pub struct ConflictView {
    pub message: String,
    pub actual: i64,
    pub next: i64,
    pub theirs: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor.html")]
struct EditorPage {
    layout: Layout,
    error: Option<String>,
    notice: Option<String>,
    conflict: Option<ConflictView>,
    narrative: Narrative,
    target_label: String,
    body: String,
    base_version: i64,
    lint: LintView,
    versions: Vec<VersionRow>,
}

async fn lint_view(
    state: &Shared,
    ws: &Id,
    narrative: &Narrative,
    body: &str,
) -> Result<(LintView, Option<Target>), PageError> {
    let target = state.workbench.store().target(ws).await?;
    let kind = DocKind::parse(&narrative.kind).unwrap_or(DocKind::Narrative);
    let intended = target.as_ref().and_then(|t| t.intended.clone());
    let report = state.workbench.lint(body, kind, target.as_ref(), intended.as_deref());
    let json = serde_json::to_value(&report).unwrap_or_default();
    Ok((LintView::new(body, &json), target))
}

/// The lint view of a saved version. A version never changes once saved, so its view is kept
/// by version id (a few dozen, the most recent).
fn stored_lint_view(v: &NarrativeVersion) -> LintView {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};
    static VIEWS: LazyLock<Mutex<HashMap<String, Arc<LintView>>>> = LazyLock::new(Default::default);
    const KEEP: usize = 64;
    if let Some(view) = VIEWS.lock().ok().and_then(|m| m.get(v.id.as_str()).cloned()) {
        return (*view).clone();
    }
    let view = LintView::new(&v.body, &v.report);
    if let Ok(mut m) = VIEWS.lock() {
        if m.len() >= KEEP {
            m.clear();
        }
        m.insert(v.id.to_string(), Arc::new(view.clone()));
    }
    view
}

struct EditorInput {
    body: Option<String>,
    base_version: Option<i64>,
    error: Option<String>,
    notice: Option<String>,
    conflict: Option<ConflictView>,
}

async fn render_editor(
    state: &Shared,
    id: &Id,
    input: EditorInput,
    status: StatusCode,
) -> PageResult {
    let ws = workspace_id(state).await?;
    let view = state.workbench.narrative_view(&ws, id).await?;
    let (narrative, versions) = (view.narrative, view.versions);
    let (body, lint, target) = match (input.body, view.latest) {
        // Opening the latest version: its stored report is the analysis, unless the target
        // (which the analysis reads) changed since it was saved.
        (None, Some(v)) => {
            let target = view.target;
            let current = target
                .as_ref()
                .is_none_or(|t| t.updated_at <= v.created_at && t.intended == v.intended);
            if current {
                let lint = stored_lint_view(&v);
                (v.body, lint, target)
            } else {
                let (lint, target) = lint_view(state, &ws, &narrative, &v.body).await?;
                (v.body, lint, target)
            }
        }
        (body, _) => {
            let body = body.unwrap_or_default();
            let (lint, target) = lint_view(state, &ws, &narrative, &body).await?;
            (body, lint, target)
        }
    };
    let target_label = match &target {
        Some(t) => format!("target: {}", target_label(&state.workbench.roles(), t)),
        None => "no target set yet".to_string(),
    };
    let page = EditorPage {
        layout: Layout::new(format!("{} · editor", narrative.title), "narratives"),
        error: input.error,
        notice: input.notice,
        conflict: input.conflict,
        base_version: input.base_version.unwrap_or(narrative.latest_version),
        target_label,
        body,
        lint,
        versions: versions.iter().rev().map(VersionRow::new).collect(),
        narrative,
    };
    Ok((status, page).into_response())
}

async fn editor_page(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> PageResult {
    let id = parse_id(&id)?;
    let notice = flash.saved.map(|v| format!("Saved as version {v}."));
    let input = EditorInput { body: None, base_version: None, error: None, notice, conflict: None };
    render_editor(&state, &id, input, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SaveForm {
    body: String,
    base_version: String,
}

async fn save_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
    PageForm(form): PageForm<SaveForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    let Ok(base) = form.base_version.trim().parse::<i64>() else {
        let input = EditorInput {
            body: Some(form.body),
            base_version: None,
            error: Some("The form lost track of the version it started from; check the text and save again.".into()),
            notice: None,
            conflict: None,
        };
        return render_editor(&state, &id, input, StatusCode::BAD_REQUEST).await;
    };
    match state.workbench.save_narrative(&ws, &id, &form.body, base).await {
        Ok(v) => Ok(Redirect::to(&format!("/narratives/{id}?saved={}", v.version)).into_response()),
        Err(WorkbenchError::Store(StoreError::Conflict { expected, actual, .. })) => {
            let theirs = state
                .workbench
                .store()
                .narrative_version(&ws, &id, None)
                .await
                .map(|v| v.body)
                .unwrap_or_default();
            let conflict = ConflictView {
                message: format!(
                    "this narrative was saved elsewhere since you loaded it (you started from version {expected}; it is now at version {actual})."
                ),
                actual,
                next: actual + 1,
                theirs,
            };
            let input = EditorInput {
                body: Some(form.body),
                base_version: Some(actual),
                error: None,
                notice: None,
                conflict: Some(conflict),
            };
            render_editor(&state, &id, input, StatusCode::CONFLICT).await
        }
        Err(e) => {
            let e = ApiError::from(e);
            let input = EditorInput {
                body: Some(form.body),
                base_version: Some(base),
                error: Some(e.message.clone()),
                notice: None,
                conflict: None,
            };
            render_editor(&state, &id, input, status_of(&e)).await
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "lint_fragment.html")]
struct LintFragment {
    lint: LintView,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LintForm {
    body: String,
}

async fn lint_fragment(
    State(state): State<Shared>,
    Path(id): Path<String>,
    form: Result<Form<LintForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let result: Result<LintFragment, PageError> = async {
        let Form(form) = form.map_err(|r| PageError::new(r.status(), r.body_text()))?;
        let id = parse_id(&id)?;
        let ws = workspace_id(&state).await?;
        let narrative = state.workbench.store().narrative(&ws, &id).await?;
        let (lint, _) = lint_view(&state, &ws, &narrative, &form.body).await?;
        Ok(LintFragment { lint })
    }
    .await;
    match result {
        Ok(fragment) => fragment.into_response(),
        Err(e) => {
            let html = format!(
                "<div class=\"error\" role=\"alert\">{}</div>",
                crate::highlight::escape(&e.message)
            );
            (e.status, axum::response::Html(html)).into_response()
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "version.html")]
struct VersionPage {
    layout: Layout,
    narrative: Narrative,
    version: NarrativeVersion,
    saved_at: String,
    lint: LintView,
    versions: Vec<VersionRow>,
}

async fn version_page(
    State(state): State<Shared>,
    Path((id, version)): Path<(String, String)>,
) -> PageResult {
    let id = parse_id(&id)?;
    let version: i64 = version.parse().map_err(|_| {
        PageError::new(StatusCode::NOT_FOUND, format!("There is no version “{version}”."))
    })?;
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    let narrative = store.narrative(&ws, &id).await?;
    let v = store.narrative_version(&ws, &id, Some(version)).await?;
    let versions = store.narrative_version_heads(&ws, &id).await?;
    let page = VersionPage {
        layout: Layout::new(format!("{} · version {}", narrative.title, v.version), "narratives"),
        saved_at: views::datetime(v.created_at),
        lint: LintView::new(&v.body, &v.report),
        versions: versions.iter().map(VersionRow::new).collect(),
        narrative,
        version: v,
    };
    Ok(page.into_response())
}

// ---------------------------------------------------------------------------------------
// Checklist, week, history.

#[derive(Template, WebTemplate)]
#[template(path = "checklist.html")]
struct ChecklistPage {
    layout: Layout,
    error: Option<String>,
    met: usize,
    items: Vec<ChecklistState>,
}

async fn checklist_page(State(state): State<Shared>) -> PageResult {
    let ws = workspace_id(&state).await?;
    let items = state.workbench.checklist(&ws).await?;
    let page = ChecklistPage {
        layout: Layout::new("Proof checklist", "checklist"),
        error: None,
        met: items.iter().filter(|i| i.met).count(),
        items,
    };
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "week.html")]
struct WeekPage {
    layout: Layout,
    error: Option<String>,
    view: WeekView,
    week_start: String,
    block_value: String,
    block_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "week_section.html")]
struct WeekSection {
    view: WeekView,
    week_start: String,
    block_value: String,
    block_label: String,
}

fn week_section(view: WeekView) -> WeekSection {
    let start: Option<jiff::civil::DateTime> =
        view.saved.block_start.as_deref().and_then(|s| s.parse().ok());
    let start = start.unwrap_or(view.week.block_start);
    WeekSection {
        week_start: view.week.week_start.strftime("%A %-d %B %Y").to_string(),
        block_value: start.strftime("%Y-%m-%dT%H:%M").to_string(),
        block_label: format!("{}–{}", start.strftime("%A %-d %B, %H:%M"), {
            let end = start.checked_add(jiff::Span::new().hours(1)).unwrap_or(start);
            end.strftime("%H:%M").to_string()
        }),
        view,
    }
}

async fn render_week(state: &Shared, error: Option<String>, status: StatusCode) -> PageResult {
    let ws = workspace_id(state).await?;
    let view = state.workbench.week(&ws, state.today()).await?;
    let s = week_section(view);
    let page = WeekPage {
        layout: Layout::new("This week", "week"),
        error,
        view: s.view,
        week_start: s.week_start,
        block_value: s.block_value,
        block_label: s.block_label,
    };
    Ok((status, page).into_response())
}

async fn week_page(State(state): State<Shared>) -> PageResult {
    render_week(&state, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TickForm {
    done: Option<String>,
}

async fn tick_week_item(
    State(state): State<Shared>,
    Path(item): Path<String>,
    headers: HeaderMap,
    PageForm(form): PageForm<TickForm>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    let done = matches!(form.done.as_deref(), Some("true" | "on" | "1"));
    match state.workbench.set_week_item(&ws, state.today(), &item, done).await {
        Ok(view) if is_htmx(&headers) => Ok(week_section(view).into_response()),
        Ok(_) => Ok(Redirect::to("/week").into_response()),
        Err(e) => {
            let e = ApiError::from(e);
            render_week(&state, Some(e.message.clone()), status_of(&e)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BlockForm {
    start: String,
}

async fn set_week_block(
    State(state): State<Shared>,
    PageForm(form): PageForm<BlockForm>,
) -> PageResult {
    let ws = workspace_id(&state).await?;
    let result = match api::parse_block_start(&form.start) {
        Ok(start) => {
            state.workbench.set_week_block(&ws, state.today(), start).await.map_err(ApiError::from)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/week").into_response()),
        Err(e) => render_week(&state, Some(e.message.clone()), status_of(&e)).await,
    }
}

async fn week_ics(State(state): State<Shared>) -> PageResult {
    Ok(api::ics_response(&state, state.today()).await?)
}

pub struct NarrativeHistory {
    pub narrative: Narrative,
    pub versions: Vec<VersionRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "history.html")]
struct HistoryPage {
    layout: Layout,
    error: Option<String>,
    chart: String,
    narratives: Vec<NarrativeHistory>,
}

async fn history_page(State(state): State<Shared>) -> PageResult {
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    let mut narratives = Vec::new();
    let mut points = Vec::new();
    for n in store.narratives(&ws).await? {
        let versions = store.narrative_version_heads(&ws, &n.id).await?;
        for v in &versions {
            points.push(Point {
                series: n.title.clone(),
                at: v.created_at,
                score: v.score,
                label: format!(
                    "{} version {}: {} ({})",
                    n.title,
                    v.version,
                    v.score,
                    views::datetime(v.created_at)
                ),
            });
        }
        narratives.push(NarrativeHistory {
            versions: versions.iter().map(VersionRow::new).collect(),
            narrative: n,
        });
    }
    points.sort_by_key(|p| p.at);
    let page = HistoryPage {
        layout: Layout::new("History", "history"),
        error: None,
        chart: svg::score_chart("score-chart", &points),
        narratives,
    };
    Ok(page.into_response())
}
