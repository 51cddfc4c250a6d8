//! Pivot's storage on SQLite (the default: one file, WAL, foreign keys on) or PostgreSQL.
//!
//! **Invariants:** the only crate that knows SQL. Every row belongs to a workspace and every
//! query is scoped by one. Every write that touches more than one row runs in one
//! transaction: an import lands whole or not at all. One migration history per backend
//! (`migrations/sqlite`, `migrations/postgres`); an applied migration is never edited. Errors
//! are typed ([`StoreError`]) and never carry SQL text to the user.
//!
//! Structured analysis results (reports, asset maps, extracted documents) are stored as JSON
//! text: the analysis crates own their shape, the store keeps them whole.
#![deny(missing_docs)]

mod error;
mod model;
mod rows;
mod store;

pub use error::StoreError;
pub use model::*;
pub use store::{Backend, DatabaseUrl, Store};
