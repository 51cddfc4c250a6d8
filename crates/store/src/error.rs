//! Storage errors: typed, with a stable code, and never the SQL behind them.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not one Pivot can use.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// The database could not be opened or reached.
    #[error("cannot open the database: {0}")]
    Open(String),
    /// A migration failed.
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(String),
    /// The thing asked for does not exist (in this workspace).
    #[error("{what} not found")]
    NotFound {
        /// What was looked for (`narrative`, `proof project`…).
        what: &'static str,
    },
    /// A save was based on an old version: someone saved in between.
    #[error(
        "{what} was changed since you loaded it (you had version {expected}, it is now at {actual})"
    )]
    Conflict {
        /// What was saved.
        what: &'static str,
        /// The version the save was based on.
        expected: i64,
        /// The version in the store.
        actual: i64,
    },
    /// The input breaks a rule of the store (empty title, duplicate workspace…).
    #[error("{0}")]
    Invalid(String),
    /// Any other database failure; the detail goes to logs, not to users.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    /// A stable, machine-readable code (`not_found`, `conflict`…), for the API.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::InvalidUrl(_) => "invalid_database_url",
            StoreError::Open(_) => "database_unavailable",
            StoreError::Migrate(_) => "migration_failed",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Invalid(_) => "invalid",
            StoreError::Database(_) => "database_error",
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound { what: "row" },
            other => StoreError::Database(other),
        }
    }
}
