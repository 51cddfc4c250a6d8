//! Errors of the application layer, each with a stable code and an HTTP-like class.

use pivot_store::StoreError;

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An upload could not be imported (corrupt, wrong type, too large); nothing was stored.
    #[error("{message}")]
    Import {
        /// Stable code (`too_large`, `unsupported_type`, `corrupt`, `empty`…).
        code: &'static str,
        /// What was wrong and what to do.
        message: String,
    },
    /// The input is not acceptable (unknown role or level, empty text…).
    #[error("{0}")]
    Invalid(String),
}

impl WorkbenchError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WorkbenchError::Store(e) => e.code(),
            WorkbenchError::Import { code, .. } => code,
            WorkbenchError::Invalid(_) => "invalid",
        }
    }

    /// The HTTP status this maps to (400, 404, 409, 413, 415, 422, 500, 503).
    pub fn status(&self) -> u16 {
        match self {
            WorkbenchError::Store(StoreError::NotFound { .. }) => 404,
            WorkbenchError::Store(StoreError::Conflict { .. }) => 409,
            WorkbenchError::Store(StoreError::Invalid(_)) => 400,
            WorkbenchError::Store(StoreError::Open(_)) => 503,
            WorkbenchError::Store(_) => 500,
            WorkbenchError::Import { code: "too_large", .. } => 413,
            WorkbenchError::Import { code: "unsupported_type", .. } => 415,
            WorkbenchError::Import { .. } => 422,
            WorkbenchError::Invalid(_) => 400,
        }
    }
}
