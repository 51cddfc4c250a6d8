//! Pivot's application layer: the jobs the web workbench and the CLI share, over one store.
//!
//! **Invariants:** no SQL (that is `pivot-store`), no HTTP and no terminal (those are the
//! shells). Analysis runs through the pure crates (`pivot-lint`, `pivot-import`, `pivot-map`,
//! `pivot-week`); heavy work (the asset map, imports) runs on blocking threads. The model and
//! the taxonomy load in the background: [`Workbench::engine_status`] says where that is, and
//! nothing waits for it but the asset map.
//!
//! SKELETON: the signatures are the contract for the web server and the CLI.
#![deny(missing_docs)]

pub mod cache;
mod error;
mod workbench;

pub use error::WorkbenchError;
pub use workbench::*;
