//! Static files, embedded in the binary: no CDN, no network at run time.
//!
//! `static/htmx.min.js` is htmx 2.0.11, vendored from npm (`npm pack htmx.org@2.0.11`,
//! `dist/htmx.min.js`; licence in `static/htmx.LICENSE`, 0BSD).

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::Shared;

const HTMX: &[u8] = include_bytes!("../static/htmx.min.js");
const APP_JS: &[u8] = include_bytes!("../static/app.js");
const APP_CSS: &[u8] = include_bytes!("../static/app.css");
const FAVICON: &[u8] = include_bytes!("../static/favicon.svg");

/// A short hash of every static file, appended to their URLs (`?v=…`) so long cache lifetimes
/// never serve a stale file after an upgrade.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    // FNV-1a, 64 bits: not for security, only to change when the files change.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for file in [HTMX, APP_JS, APP_CSS, FAVICON] {
        for b in file {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
});

pub fn routes() -> Router<Shared> {
    Router::new().route("/static/{file}", get(serve)).route("/favicon.ico", get(favicon))
}

async fn serve(Path(file): Path<String>) -> Response {
    let (bytes, media) = match file.as_str() {
        "htmx.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        "favicon.svg" => (FAVICON, "image/svg+xml"),
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Browsers ask for `/favicon.ico` whatever the page says: answer with the SVG icon.
async fn favicon() -> Response {
    serve(Path("favicon.svg".to_string())).await
}
