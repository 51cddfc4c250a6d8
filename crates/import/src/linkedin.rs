//! PLACEHOLDER: replaced by the LinkedIn export reader.
use crate::{ImportError, Limits, Resume};

/// Imports a LinkedIn data export from `(entry name, bytes)` pairs (a zip's entries or a folder's files).
pub fn import_linkedin_files(file: &str, _files: &[(String, Vec<u8>)], _limits: &Limits) -> Result<Resume, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}

/// Imports a LinkedIn data export zip.
pub fn import_linkedin_zip(file: &str, _bytes: &[u8], _limits: &Limits) -> Result<Resume, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}
