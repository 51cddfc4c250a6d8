//! Document inputs (PDF, DOCX…) of `pivot check` and `pivot import`: their bytes within the
//! importers' size limit, and their text. Only `pivot-full` links this; the lean `pivot` hands
//! documents over to it.

use anyhow::{Context, Result, bail};
use std::path::Path;

/// The text the analysis sees for the document at `path` (resume reading order, list items
/// marked), within the importers' size limit.
pub fn lint_text(path: &Path, display: &str) -> Result<String> {
    let limits = pivot_import::Limits::default();
    let bytes = read_within(path, display, &limits)?;
    pivot_import::lint_text(display, &bytes, &limits).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The bytes of the file at `path`, refused before reading when over the importers' limit.
pub fn read_within(path: &Path, display: &str, limits: &pivot_import::Limits) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).with_context(|| format!("cannot open {display}"))?.len();
    if len > limits.max_file_bytes {
        bail!(
            "{display} is {:.1} MB; the limit is {} MB",
            len as f64 / 1e6,
            limits.max_file_bytes / (1024 * 1024)
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {display}"))
}
