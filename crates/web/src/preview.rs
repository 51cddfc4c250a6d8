//! The top signals the stored postings ask for, before any asset map is built
//! (`Workbench::posting_signals`), as the pages' view. `/target` shows these until a map
//! exists, then the map's own signals (with their coverage).

use pivot_store::Id;
use pivot_workbench::Workbench;

use crate::error::ApiError;
use crate::views::SignalView;

/// The postings' signals, ranked, without coverage.
pub async fn posting_signals(workbench: &Workbench, ws: &Id) -> Result<Vec<SignalView>, ApiError> {
    let signals = workbench.posting_signals(ws).await?;
    Ok(serde_json::from_value(signals).unwrap_or_default())
}
