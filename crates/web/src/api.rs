//! The JSON API under `/api/v1`: every capability of the workbench, each route documented for
//! the OpenAPI document at `/api/v1/openapi.json`.

use std::sync::LazyLock;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use pivot_lint::DocKind;
use pivot_store::{
    AssetMapRecord, ChecklistState, Document, DocumentKind, DocumentVersion, Evidence, Id,
    Narrative, NarrativeVersion, ProofInput, ProofProject, Target, Workspace, WorkspaceExport,
};
use pivot_workbench::{
    Dashboard, EngineStatus, ImportAs, ImportOutcome, RoleOption, TargetForm, Upload, WeekView,
};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::error::{ApiError, ApiJson, ErrorBody, human_size};
use crate::{FORM_LIMIT, IMPORT_LIMIT, Shared};

type ApiResult<T> = Result<T, ApiError>;

/// The OpenAPI document of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pivot API",
        description = "Pivot's workbench over JSON: target and postings, documents and evidence, the asset map, proof projects, narratives with their analysis, the checklist, this week, and whole-workspace export and import. Errors are `{\"error\":{\"code\",\"message\"}}`.",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        status, roles, get_target, put_target, list_documents, upload_document, get_document,
        document_original, delete_document, paste_posting, evidence, build_map, latest_map,
        map_history, list_proofs, create_proof, get_proof, update_proof, delete_proof,
        list_narratives, create_narrative, get_narrative, rename_narrative, delete_narrative,
        narrative_versions, narrative_version,
        save_narrative, lint, checklist, week, set_week_item, set_week_block, week_ics,
        dashboard, export, import
    ),
    components(schemas(ErrorBody, UploadBody)),
    tags(
        (name = "workspace", description = "Status, roles, target, dashboard, export and import"),
        (name = "documents", description = "Resumes, LinkedIn exports and postings, with their versions and evidence"),
        (name = "map", description = "The asset map"),
        (name = "proofs", description = "Proof projects"),
        (name = "narratives", description = "Narratives, their versions and the live lint"),
        (name = "week", description = "The proof checklist and this week's plan")
    )
)]
pub struct ApiDoc;

static OPENAPI_JSON: LazyLock<String> =
    LazyLock::new(|| ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".to_string()));

pub fn routes(upload_limit: usize) -> Router<Shared> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/status", get(status))
        .route("/roles", get(roles))
        .route("/target", get(get_target).put(put_target))
        .route(
            "/documents",
            get(list_documents)
                .post(upload_document)
                .layer(DefaultBodyLimit::max(crate::drain_cap(upload_limit))),
        )
        .route("/documents/{id}", get(get_document).delete(delete_document))
        .route("/documents/{id}/versions/{version}/original", get(document_original))
        .route("/postings", post(paste_posting))
        .route("/evidence", get(evidence))
        .route("/map", get(latest_map).post(build_map))
        .route("/map/history", get(map_history))
        .route("/proofs", get(list_proofs).post(create_proof))
        .route("/proofs/{id}", get(get_proof).put(update_proof).delete(delete_proof))
        .route("/narratives", get(list_narratives).post(create_narrative))
        .route(
            "/narratives/{id}",
            get(get_narrative).patch(rename_narrative).delete(delete_narrative),
        )
        .route("/narratives/{id}/versions", get(narrative_versions).post(save_narrative))
        .route("/narratives/{id}/versions/{version}", get(narrative_version))
        .route("/lint", post(lint))
        .route("/checklist", get(checklist))
        .route("/week", get(week))
        .route("/week/items/{id}", put(set_week_item))
        .route("/week/block", put(set_week_block))
        .route("/week.ics", get(week_ics))
        .route("/dashboard", get(dashboard))
        .route("/export", get(export))
        .route("/import", post(import).layer(DefaultBodyLimit::max(IMPORT_LIMIT)))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such API route; the routes are listed in /api/v1/openapi.json")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method; see /api/v1/openapi.json",
    )
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], OPENAPI_JSON.as_str())
        .into_response()
}

pub(crate) async fn workspace_id(state: &Shared) -> ApiResult<Id> {
    Ok(state.workbench.workspace().await?.id)
}

pub(crate) fn parse_id(s: &str) -> ApiResult<Id> {
    Id::parse(s).map_err(ApiError::from)
}

// ---------------------------------------------------------------------------------------
// Workspace.

/// Server status.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusBody {
    /// `ok`.
    pub status: String,
    /// Where loading the model and the taxonomy stands.
    pub engine: EngineStatus,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// Pivot's version.
    pub version: String,
}

pub(crate) fn backend_name(state: &Shared) -> &'static str {
    match state.workbench.store().backend() {
        pivot_store::Backend::Sqlite => "sqlite",
        pivot_store::Backend::Postgres => "postgres",
    }
}

/// Status of the server, the engine and the database.
#[utoipa::path(get, path = "/api/v1/status", tag = "workspace",
    responses((status = 200, body = StatusBody)))]
async fn status(State(state): State<Shared>) -> Json<StatusBody> {
    Json(StatusBody {
        status: "ok".into(),
        engine: state.workbench.engine_status(),
        backend: backend_name(&state).into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Role packs and their levels.
#[utoipa::path(get, path = "/api/v1/roles", tag = "workspace",
    responses((status = 200, body = Vec<RoleOption>)))]
async fn roles(State(state): State<Shared>) -> Json<Vec<RoleOption>> {
    Json(state.workbench.roles())
}

/// The target (`null` when none is set yet).
#[utoipa::path(get, path = "/api/v1/target", tag = "workspace",
    responses((status = 200, body = Option<Target>), (status = 500, body = ErrorBody)))]
async fn get_target(State(state): State<Shared>) -> ApiResult<Json<Option<Target>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().target(&ws).await?))
}

/// Sets the target.
#[utoipa::path(put, path = "/api/v1/target", tag = "workspace", request_body = TargetForm,
    responses((status = 200, body = Target), (status = 400, body = ErrorBody)))]
async fn put_target(
    State(state): State<Shared>,
    ApiJson(form): ApiJson<TargetForm>,
) -> ApiResult<Json<Target>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.set_target(&ws, form).await?))
}

/// Everything the dashboard shows.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "workspace",
    responses((status = 200, body = Dashboard)))]
async fn dashboard(State(state): State<Shared>) -> ApiResult<Json<Dashboard>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.dashboard(&ws).await?))
}

/// Everything in the workspace, originals included (base64).
#[utoipa::path(get, path = "/api/v1/export", tag = "workspace",
    responses((status = 200, body = WorkspaceExport)))]
async fn export(State(state): State<Shared>) -> ApiResult<Response> {
    let ws = workspace_id(&state).await?;
    let export = state.workbench.export(&ws).await?;
    let name = format!("attachment; filename=\"pivot-export-{}.json\"", state.today());
    let mut response = Json(export).into_response();
    if let Ok(v) = HeaderValue::from_str(&name) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `?replace=true`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Replace a workspace with the same id (default: refuse).
    pub replace: Option<String>,
}

/// Restores a whole-workspace export, in one transaction.
#[utoipa::path(post, path = "/api/v1/import", tag = "workspace", params(ImportQuery),
    request_body = WorkspaceExport,
    responses((status = 201, body = Workspace), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn import(
    State(state): State<Shared>,
    Query(q): Query<ImportQuery>,
    ApiJson(export): ApiJson<WorkspaceExport>,
) -> ApiResult<(StatusCode, Json<Workspace>)> {
    let replace = match q.replace.as_deref() {
        None | Some("false") | Some("0") | Some("") => false,
        Some("true") | Some("1") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!("replace must be true or false, not `{other}`")));
        }
    };
    let ws = state.workbench.import_workspace(&export, replace).await?;
    Ok((StatusCode::CREATED, Json(ws)))
}

// ---------------------------------------------------------------------------------------
// Documents.

/// `?kind=resume|linkedin|posting`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentsQuery {
    /// Only documents of this kind.
    pub kind: Option<String>,
}

/// Documents, newest first.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents", params(DocumentsQuery),
    responses((status = 200, body = Vec<Document>), (status = 400, body = ErrorBody)))]
async fn list_documents(
    State(state): State<Shared>,
    Query(q): Query<DocumentsQuery>,
) -> ApiResult<Json<Vec<Document>>> {
    let kind = match q.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(DocumentKind::parse(k).ok_or_else(|| {
            ApiError::invalid(format!("kind must be resume, linkedin or posting, not `{k}`"))
        })?),
    };
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().documents(&ws, kind).await?))
}

/// The multipart upload.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct UploadBody {
    /// The file: a resume (PDF, DOCX, Markdown, text, JSON Resume), a LinkedIn export (zip) or
    /// a posting (text, HTML, JSON).
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// What it is meant to be (default `auto`).
    #[schema(rename = "as")]
    pub as_: Option<ImportAs>,
    /// Add as a new version of this document.
    pub document_id: Option<String>,
}

/// Reads a multipart upload: `file`, optional `as` and `document_id`. Files over `limit` are
/// a 413 and are never read whole.
pub(crate) async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
    limit: usize,
    default_as: ImportAs,
) -> ApiResult<Upload> {
    let mut multipart = multipart.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_upload",
            format!("send the file as multipart/form-data with a `file` field ({})", e.body_text()),
        )
    })?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut as_ = default_as;
    let mut document_id = None;
    let multipart_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(limit)
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_upload",
                format!("the upload could not be read: {}", e.body_text()),
            )
        }
    };
    // Over the limit, the rest of the body is still read (and dropped) up to the route's
    // drain cap, so a browser gets the 413 page instead of a reset connection.
    let mut too_large = false;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        if too_large {
            while field.chunk().await.map_err(multipart_error)?.is_some() {}
            continue;
        }
        match field.name().unwrap_or("") {
            "file" => {
                let name = field.file_name().unwrap_or("").to_string();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if too_large {
                        continue;
                    }
                    if bytes.len() + chunk.len() > limit {
                        too_large = true;
                        bytes = Vec::new();
                        continue;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some((name, bytes));
            }
            "as" => {
                let v = field.text().await.map_err(multipart_error)?;
                as_ = match v.trim() {
                    "" | "auto" => ImportAs::Auto,
                    "resume" => ImportAs::Resume,
                    "posting" => ImportAs::Posting,
                    other => {
                        return Err(ApiError::invalid(format!(
                            "`as` must be auto, resume or posting, not `{other}`"
                        )));
                    }
                };
            }
            "document_id" => {
                let v = field.text().await.map_err(multipart_error)?;
                if !v.trim().is_empty() {
                    document_id = Some(parse_id(v.trim())?);
                }
            }
            _ => {}
        }
    }
    if too_large {
        return Err(ApiError::too_large(limit));
    }
    match file {
        Some((name, bytes)) if !bytes.is_empty() => Ok(Upload {
            file_name: if name.is_empty() { "upload".into() } else { name },
            bytes,
            as_,
            document_id,
        }),
        Some((name, _)) if !name.is_empty() => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
            format!("{name} is empty: choose a file with content"),
        )),
        _ => Err(ApiError::invalid(format!(
            "Choose a file to upload (up to {}).",
            human_size(limit)
        ))),
    }
}

/// Uploads a resume, a LinkedIn export or a posting; stores the original, what was understood
/// and the evidence in one transaction. A bad file stores nothing.
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents",
    request_body(content = UploadBody, content_type = "multipart/form-data"),
    responses((status = 201, body = ImportOutcome), (status = 400, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload_document(
    State(state): State<Shared>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<ImportOutcome>)> {
    let upload = read_upload(multipart, state.upload_limit, ImportAs::Auto).await?;
    let ws = workspace_id(&state).await?;
    let outcome = state.workbench.import(&ws, upload).await?;
    Ok((StatusCode::CREATED, Json(outcome)))
}

/// A document with its versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDetail {
    /// The document.
    pub document: Document,
    /// Its versions, oldest first.
    pub versions: Vec<DocumentVersion>,
}

/// One document with its versions.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorBody)))]
async fn get_document(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<DocumentDetail>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    let document = store.document(&ws, &id).await?;
    let versions = store.document_versions(&ws, &id).await?;
    Ok(Json(DocumentDetail { document, versions }))
}

/// The original bytes of a document version, as uploaded.
#[utoipa::path(get, path = "/api/v1/documents/{id}/versions/{version}/original", tag = "documents",
    params(("id" = String, Path, description = "Document id"), ("version" = i64, Path, description = "Version number, 1-based")),
    responses((status = 200, description = "The file as uploaded", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody)))]
async fn document_original(
    State(state): State<Shared>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let version: i64 = version
        .parse()
        .map_err(|_| ApiError::invalid(format!("`{version}` is not a version number")))?;
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    let versions = store.document_versions(&ws, &id).await?;
    let v = versions
        .iter()
        .find(|v| v.version == version)
        .ok_or_else(|| ApiError::not_found(format!("the document has no version {version}")))?;
    let (file_name, media_type, bytes) = store.document_original(&ws, &v.id).await?;
    Ok(attachment(&file_name, &media_type, bytes))
}

/// A download: the media type as stored (when it is a valid header) and a safe file name.
pub(crate) fn attachment(file_name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let safe: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    let safe = if safe.trim_matches(['.', '_']).is_empty() { "download".to_string() } else { safe };
    let media = HeaderValue::from_str(media_type)
        .ok()
        .filter(|_| !media_type.is_empty())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    ([(header::CONTENT_TYPE, media), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

/// Deletes a document with its versions and evidence.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn delete_document(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_document(&ws, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A pasted posting.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PostingPaste {
    /// A name for it (`Acme — Director of Product`).
    #[serde(default)]
    pub name: String,
    /// The posting's text.
    pub text: String,
}

/// Imports a pasted posting.
#[utoipa::path(post, path = "/api/v1/postings", tag = "documents", request_body = PostingPaste,
    responses((status = 201, body = ImportOutcome), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn paste_posting(
    State(state): State<Shared>,
    ApiJson(p): ApiJson<PostingPaste>,
) -> ApiResult<(StatusCode, Json<ImportOutcome>)> {
    let ws = workspace_id(&state).await?;
    let outcome = state.workbench.paste_posting(&ws, p.name.trim(), &p.text).await?;
    Ok((StatusCode::CREATED, Json(outcome)))
}

/// The current evidence, from each document's latest version.
#[utoipa::path(get, path = "/api/v1/evidence", tag = "documents",
    responses((status = 200, body = Vec<Evidence>)))]
async fn evidence(State(state): State<Shared>) -> ApiResult<Json<Vec<Evidence>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().evidence(&ws).await?))
}

// ---------------------------------------------------------------------------------------
// The asset map.

/// Builds the asset map from the stored postings, evidence, done proof projects and target,
/// and stores it. Waits for the engine if it is still loading.
#[utoipa::path(post, path = "/api/v1/map", tag = "map",
    responses((status = 201, body = AssetMapRecord), (status = 400, body = ErrorBody)))]
async fn build_map(State(state): State<Shared>) -> ApiResult<(StatusCode, Json<AssetMapRecord>)> {
    let ws = workspace_id(&state).await?;
    Ok((StatusCode::CREATED, Json(state.workbench.build_map(&ws).await?)))
}

/// The latest asset map.
#[utoipa::path(get, path = "/api/v1/map", tag = "map",
    responses((status = 200, body = AssetMapRecord), (status = 404, body = ErrorBody)))]
async fn latest_map(State(state): State<Shared>) -> ApiResult<Json<AssetMapRecord>> {
    let ws = workspace_id(&state).await?;
    state
        .workbench
        .store()
        .latest_asset_map(&ws)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("no asset map yet: POST /api/v1/map builds one"))
}

/// Every asset map built, oldest first, without their `result`.
#[utoipa::path(get, path = "/api/v1/map/history", tag = "map",
    responses((status = 200, body = Vec<AssetMapRecord>)))]
async fn map_history(State(state): State<Shared>) -> ApiResult<Json<Vec<AssetMapRecord>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().asset_map_history(&ws).await?))
}

// ---------------------------------------------------------------------------------------
// Proof projects.

/// Proof projects: active, ideas, done, dropped.
#[utoipa::path(get, path = "/api/v1/proofs", tag = "proofs",
    responses((status = 200, body = Vec<ProofProject>)))]
async fn list_proofs(State(state): State<Shared>) -> ApiResult<Json<Vec<ProofProject>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().proofs(&ws).await?))
}

/// Creates a proof project.
#[utoipa::path(post, path = "/api/v1/proofs", tag = "proofs", request_body = ProofInput,
    responses((status = 201, body = ProofProject), (status = 400, body = ErrorBody)))]
async fn create_proof(
    State(state): State<Shared>,
    ApiJson(input): ApiJson<ProofInput>,
) -> ApiResult<(StatusCode, Json<ProofProject>)> {
    let ws = workspace_id(&state).await?;
    Ok((StatusCode::CREATED, Json(state.workbench.store().create_proof(&ws, &input).await?)))
}

/// One proof project.
#[utoipa::path(get, path = "/api/v1/proofs/{id}", tag = "proofs",
    params(("id" = String, Path, description = "Proof project id")),
    responses((status = 200, body = ProofProject), (status = 404, body = ErrorBody)))]
async fn get_proof(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<ProofProject>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().proof(&ws, &id).await?))
}

/// An update of a proof project, based on the revision the client has.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProofUpdate {
    /// The revision the edit started from; a newer one in the store is a 409.
    pub revision: i64,
    /// The fields.
    #[serde(flatten)]
    pub input: ProofInput,
}

/// Updates a proof project if it is still at `revision` (else 409 `conflict`).
#[utoipa::path(put, path = "/api/v1/proofs/{id}", tag = "proofs", request_body = ProofUpdate,
    params(("id" = String, Path, description = "Proof project id")),
    responses((status = 200, body = ProofProject), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn update_proof(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ApiJson(update): ApiJson<ProofUpdate>,
) -> ApiResult<Json<ProofProject>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().update_proof(&ws, &id, update.revision, &update.input).await?))
}

/// Deletes a proof project.
#[utoipa::path(delete, path = "/api/v1/proofs/{id}", tag = "proofs",
    params(("id" = String, Path, description = "Proof project id")),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn delete_proof(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_proof(&ws, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------
// Narratives.

/// Narratives, most recently saved first.
#[utoipa::path(get, path = "/api/v1/narratives", tag = "narratives",
    responses((status = 200, body = Vec<Narrative>)))]
async fn list_narratives(State(state): State<Shared>) -> ApiResult<Json<Vec<Narrative>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().narratives(&ws).await?))
}

/// A new narrative.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewNarrative {
    /// `narrative`, `headline`, `about`, `answer`, `bullet` or `resume`.
    pub kind: String,
    /// Title.
    pub title: String,
}

/// Creates a narrative (no versions yet).
#[utoipa::path(post, path = "/api/v1/narratives", tag = "narratives", request_body = NewNarrative,
    responses((status = 201, body = Narrative), (status = 400, body = ErrorBody)))]
async fn create_narrative(
    State(state): State<Shared>,
    ApiJson(n): ApiJson<NewNarrative>,
) -> ApiResult<(StatusCode, Json<Narrative>)> {
    let ws = workspace_id(&state).await?;
    Ok((StatusCode::CREATED, Json(state.workbench.create_narrative(&ws, &n.kind, &n.title).await?)))
}

/// One narrative.
#[utoipa::path(get, path = "/api/v1/narratives/{id}", tag = "narratives",
    params(("id" = String, Path, description = "Narrative id")),
    responses((status = 200, body = Narrative), (status = 404, body = ErrorBody)))]
async fn get_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Narrative>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().narrative(&ws, &id).await?))
}

/// A narrative's new title.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NarrativeRename {
    /// The new title (not empty).
    pub title: String,
}

/// Renames a narrative; its versions stay as they are.
#[utoipa::path(patch, path = "/api/v1/narratives/{id}", tag = "narratives",
    request_body = NarrativeRename,
    params(("id" = String, Path, description = "Narrative id")),
    responses((status = 200, body = Narrative), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn rename_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ApiJson(rename): ApiJson<NarrativeRename>,
) -> ApiResult<Json<Narrative>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().rename_narrative(&ws, &id, rename.title.trim()).await?))
}

/// Deletes a narrative and all its versions.
#[utoipa::path(delete, path = "/api/v1/narratives/{id}", tag = "narratives",
    params(("id" = String, Path, description = "Narrative id")),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn delete_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    state.workbench.store().delete_narrative(&ws, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A narrative's versions, oldest first, each with its analysis.
#[utoipa::path(get, path = "/api/v1/narratives/{id}/versions", tag = "narratives",
    params(("id" = String, Path, description = "Narrative id")),
    responses((status = 200, body = Vec<NarrativeVersion>), (status = 404, body = ErrorBody)))]
async fn narrative_versions(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<NarrativeVersion>>> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    let store = state.workbench.store();
    store.narrative(&ws, &id).await?;
    Ok(Json(store.narrative_versions(&ws, &id).await?))
}

/// One version of a narrative.
#[utoipa::path(get, path = "/api/v1/narratives/{id}/versions/{version}", tag = "narratives",
    params(("id" = String, Path, description = "Narrative id"), ("version" = i64, Path, description = "Version number, 1-based")),
    responses((status = 200, body = NarrativeVersion), (status = 404, body = ErrorBody)))]
async fn narrative_version(
    State(state): State<Shared>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<NarrativeVersion>> {
    let id = parse_id(&id)?;
    let version: i64 = version
        .parse()
        .map_err(|_| ApiError::invalid(format!("`{version}` is not a version number")))?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.store().narrative_version(&ws, &id, Some(version)).await?))
}

/// A save of the editor.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveNarrative {
    /// The text.
    pub body: String,
    /// The version the editor started from (0 before the first save).
    pub base_version: i64,
}

/// Analyses and saves a new version. A save based on an older version than the latest is a 409
/// `conflict` (nothing is overwritten): re-post with the latest version as the base to save on top.
#[utoipa::path(post, path = "/api/v1/narratives/{id}/versions", tag = "narratives", request_body = SaveNarrative,
    params(("id" = String, Path, description = "Narrative id")),
    responses((status = 201, body = NarrativeVersion), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn save_narrative(
    State(state): State<Shared>,
    Path(id): Path<String>,
    ApiJson(save): ApiJson<SaveNarrative>,
) -> ApiResult<(StatusCode, Json<NarrativeVersion>)> {
    let id = parse_id(&id)?;
    let ws = workspace_id(&state).await?;
    let v = state.workbench.save_narrative(&ws, &id, &save.body, save.base_version).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A text to lint.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LintRequest {
    /// The text.
    pub text: String,
    /// `narrative` (default), `resume`, `bullet`, `headline`, `about` or `answer`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The intended one-sentence summary (default: the target's).
    #[serde(default)]
    pub intended: Option<String>,
}

/// Lints a text against the stored target: findings with spans, the ten-second scan, the
/// score with its parts, the checklist (the `pivot check --format json` report).
#[utoipa::path(post, path = "/api/v1/lint", tag = "narratives", request_body = LintRequest,
    responses((status = 200, body = serde_json::Value, description = "The report"), (status = 400, body = ErrorBody)))]
async fn lint(
    State(state): State<Shared>,
    ApiJson(req): ApiJson<LintRequest>,
) -> ApiResult<Json<pivot_lint::Report>> {
    let kind = match req.kind.as_deref() {
        None | Some("") => DocKind::Narrative,
        Some(k) => DocKind::parse(k).ok_or_else(|| {
            ApiError::invalid(format!(
                "kind must be narrative, resume, bullet, headline, about or answer, not `{k}`"
            ))
        })?,
    };
    let ws = workspace_id(&state).await?;
    let target = state.workbench.store().target(&ws).await?;
    let intended =
        req.intended.clone().or_else(|| target.as_ref().and_then(|t| t.intended.clone()));
    Ok(Json(state.workbench.lint(&req.text, kind, target.as_ref(), intended.as_deref())))
}

// ---------------------------------------------------------------------------------------
// Checklist and week.

/// The proof checklist, recomputed from the stored material.
#[utoipa::path(get, path = "/api/v1/checklist", tag = "week",
    responses((status = 200, body = Vec<ChecklistState>)))]
async fn checklist(State(state): State<Shared>) -> ApiResult<Json<Vec<ChecklistState>>> {
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.checklist(&ws).await?))
}

/// `?today=YYYY-MM-DD` (default: the server's date).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeekQuery {
    /// The day the week is planned for.
    pub today: Option<String>,
}

fn today(state: &Shared, q: &WeekQuery) -> ApiResult<pivot_week::Date> {
    match q.today.as_deref() {
        None | Some("") => Ok(state.today()),
        Some(s) => s
            .parse()
            .map_err(|_| ApiError::invalid(format!("today must be a date YYYY-MM-DD, not `{s}`"))),
    }
}

/// This week's plan (stored on first view).
#[utoipa::path(get, path = "/api/v1/week", tag = "week", params(WeekQuery),
    responses((status = 200, body = WeekView)))]
async fn week(
    State(state): State<Shared>,
    Query(q): Query<WeekQuery>,
) -> ApiResult<Json<WeekView>> {
    let today = today(&state, &q)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.week(&ws, today).await?))
}

/// Ticks or unticks an item.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WeekItemUpdate {
    /// Done or not.
    pub done: bool,
}

/// Ticks or unticks an item of this week.
#[utoipa::path(put, path = "/api/v1/week/items/{id}", tag = "week", params(("id" = String, Path, description = "Item id (`block`, `summary`, `peer`, `metrics`, `proof`)"), WeekQuery),
    request_body = WeekItemUpdate, responses((status = 200, body = WeekView), (status = 400, body = ErrorBody)))]
async fn set_week_item(
    State(state): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<WeekQuery>,
    ApiJson(u): ApiJson<WeekItemUpdate>,
) -> ApiResult<Json<WeekView>> {
    let today = today(&state, &q)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.set_week_item(&ws, today, &id, u.done).await?))
}

/// When the 60-minute block is.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WeekBlockUpdate {
    /// Local date and time, `YYYY-MM-DDTHH:MM`.
    pub start: String,
}

pub(crate) fn parse_block_start(s: &str) -> ApiResult<pivot_week::DateTime> {
    s.trim().parse().map_err(|_| {
        ApiError::invalid(format!(
            "the block's start must be a local date and time like 2026-02-10T09:00, not `{}`",
            s.trim()
        ))
    })
}

/// Sets when the 60-minute block is.
#[utoipa::path(put, path = "/api/v1/week/block", tag = "week", params(WeekQuery), request_body = WeekBlockUpdate,
    responses((status = 200, body = WeekView), (status = 400, body = ErrorBody)))]
async fn set_week_block(
    State(state): State<Shared>,
    Query(q): Query<WeekQuery>,
    ApiJson(u): ApiJson<WeekBlockUpdate>,
) -> ApiResult<Json<WeekView>> {
    let today = today(&state, &q)?;
    let start = parse_block_start(&u.start)?;
    let ws = workspace_id(&state).await?;
    Ok(Json(state.workbench.set_week_block(&ws, today, start).await?))
}

/// The week as iCalendar, for a download.
pub(crate) async fn ics_response(state: &Shared, today: pivot_week::Date) -> ApiResult<Response> {
    let ws = workspace_id(state).await?;
    let ics = state.workbench.week_ics(&ws, today).await?;
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let disposition =
        format!("attachment; filename=\"pivot-week-{}.ics\"", monday.strftime("%Y-%m-%d"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        ics,
    )
        .into_response())
}

/// This week as iCalendar: the 60-minute block (and follow-ups).
#[utoipa::path(get, path = "/api/v1/week.ics", tag = "week", params(WeekQuery),
    responses((status = 200, description = "iCalendar", content_type = "text/calendar")))]
async fn week_ics(State(state): State<Shared>, Query(q): Query<WeekQuery>) -> ApiResult<Response> {
    let today = today(&state, &q)?;
    ics_response(&state, today).await
}
