//! Import errors: what was wrong with which file, and what to do.

use std::fmt;

/// What kind of problem a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Larger than a limit (file size, pages, zip entries or total size, CSV rows).
    TooLarge,
    /// Password-protected.
    Encrypted,
    /// Scanned pages with no text layer.
    ImageOnly,
    /// Damaged or truncated.
    Corrupt,
    /// Not a format Pivot reads.
    Unsupported,
    /// The extension says one format, the content another.
    WrongExtension,
    /// Text in an encoding that could not be read.
    Encoding,
    /// Nothing to import.
    Empty,
}

/// A file that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file (or `zip!entry`).
    pub file: String,
    /// The kind of problem.
    pub kind: ErrorKind,
    /// What is wrong and what to do.
    pub message: String,
}

impl ImportError {
    /// A new error.
    pub fn new(file: &str, kind: ErrorKind, message: impl Into<String>) -> Self {
        ImportError { file: file.to_owned(), kind, message: message.into() }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ImportError {}
