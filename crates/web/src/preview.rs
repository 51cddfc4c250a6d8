//! HELPER — belongs in the workbench (proposed `Workbench::signals(ws)`): the top signals the
//! stored postings ask for, before any asset map is built. Word-based grouping of the
//! postings' requirements by `pivot_map::build` with no evidence, no skills and no model;
//! nothing is stored. `/target` shows these until a map exists, then the map's own signals
//! (with their coverage).

use pivot_map::inputs::posting_input;
use pivot_store::{DocumentKind, Id, Target};
use pivot_workbench::Workbench;

use crate::error::ApiError;
use crate::views::SignalView;

/// The postings' signals, ranked, without coverage.
pub async fn posting_signals(
    workbench: &Workbench,
    ws: &Id,
    target: Option<&Target>,
) -> Result<Vec<SignalView>, ApiError> {
    let postings = workbench.store().latest_versions(ws, DocumentKind::Posting).await?;
    let inputs: Vec<_> = postings
        .iter()
        .filter_map(|(doc, v)| {
            serde_json::from_value::<pivot_import::Posting>(v.extracted.clone())
                .ok()
                .map(|p| posting_input(&doc.name, &p))
        })
        .collect();
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let wb = workbench.clone();
    let target = target.cloned();
    let signals = tokio::task::spawn_blocking(move || {
        let analyzer = wb.analyzer();
        let pack =
            target.as_ref().and_then(|t| analyzer.packs().iter().find(|p| p.def.id == t.role));
        let level = match (pack, target.as_ref().and_then(|t| t.level.as_deref())) {
            (Some(p), Some(l)) => p.level(l),
            _ => None,
        };
        let map = pivot_map::build(&inputs, &[], pivot_map::Target { pack, level }, None, None);
        serde_json::to_value(&map.signals).unwrap_or_default()
    })
    .await
    .map_err(|e| {
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the signals could not be computed: {e}"),
        )
    })?;
    Ok(serde_json::from_value(signals).unwrap_or_default())
}
