//! PLACEHOLDER: replaced by the posting reader.
use crate::{ImportError, Posting};

/// Imports a posting from a saved HTML page.
pub fn import_posting_html(file: &str, _html: &str) -> Result<Posting, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}

/// Imports a posting from pasted text.
pub fn import_posting_text(file: &str, _text: &str) -> Result<Posting, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}

/// Imports a posting from JSON (`job-schema`, or schema.org `JobPosting`).
pub fn import_posting_json(file: &str, _json: &str) -> Result<Posting, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}
