//! Pivot's web workbench: the HTTP shell over [`pivot_workbench::Workbench`].
//!
//! Server-rendered pages (askama templates, auto-escaped, checked at compile time) with htmx
//! (vendored, served from the binary) for partial updates, and a JSON API under `/api/v1`
//! documented by an OpenAPI document generated from the code (`/api/v1/openapi.json`).
//!
//! **Invariants:** no SQL and no analysis here — every job goes through the workbench (and,
//! for plain listings, its store). User text is always escaped; findings are highlighted by
//! slicing the text at their byte spans and escaping every piece. Errors never show a stack
//! trace or SQL: the API answers `{"error":{"code","message"}}` with the right status, the
//! pages an `role="alert"` message. No network at run time: static files are embedded.
#![deny(missing_docs)]

mod api;
mod assets;
mod error;
mod highlight;
mod pages;
mod preview;
mod svg;
mod views;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use pivot_workbench::Workbench;

pub use api::ApiDoc;
pub use error::ApiError;
pub use highlight::{Mark, highlight};

/// Uploads larger than this are refused with 413 (20 MiB).
pub const DEFAULT_UPLOAD_LIMIT: usize = 20 * 1024 * 1024;
/// Whole-workspace imports (JSON with base64 originals) larger than this are refused (256 MiB).
pub const IMPORT_LIMIT: usize = 256 * 1024 * 1024;
/// Forms and JSON bodies other than uploads (2 MiB).
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// How much of an over-limit upload is still read (and dropped) so the client gets the 413
/// answer rather than a reset connection; past this the connection is cut.
pub(crate) fn drain_cap(upload_limit: usize) -> usize {
    upload_limit.saturating_mul(3).max(64 * 1024 * 1024)
}

/// What the server shares between requests.
#[derive(Clone)]
pub struct AppState {
    /// The application layer.
    pub workbench: Workbench,
    /// "Today" for the week plan; `None`: the local date of the machine (tests pin it).
    pub today: Option<pivot_week::Date>,
    /// Largest accepted upload, bytes.
    pub upload_limit: usize,
}

impl AppState {
    /// State with the defaults: today from the clock, [`DEFAULT_UPLOAD_LIMIT`].
    pub fn new(workbench: Workbench) -> AppState {
        AppState { workbench, today: None, upload_limit: DEFAULT_UPLOAD_LIMIT }
    }

    /// Today's date in the pivoter's calendar (the pinned one, if any).
    pub fn today(&self) -> pivot_week::Date {
        self.today.unwrap_or_else(|| jiff::Zoned::now().date())
    }
}

/// Shared state as handlers see it.
pub(crate) type Shared = Arc<AppState>;

/// The whole application: pages, the JSON API, static files and `/healthz`.
///
/// Tests drive it with `tower::ServiceExt::oneshot`, no socket needed.
pub fn app(state: AppState) -> Router {
    let upload_limit = state.upload_limit;
    let state: Shared = Arc::new(state);
    Router::new()
        .merge(pages::routes(upload_limit))
        .nest("/api/v1", api::routes(upload_limit))
        .merge(assets::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `shutdown` completes, then drains in-flight
/// requests and closes the workbench (and its database) cleanly.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let workbench = state.workbench.clone();
    let result = axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await;
    workbench.close().await;
    result
}

/// Defence in depth on every response: no sniffing, no framing, scripts and styles only from
/// this server.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        );
    }
    response
}
