//! PLACEHOLDER: replaced by the docx reader.
use crate::{Extracted, ImportError, Limits};

/// Extracts text in reading order.
pub fn extract_docx(file: &str, _bytes: &[u8], _limits: &Limits) -> Result<Extracted, ImportError> {
    Err(ImportError::new(file, crate::ErrorKind::Unsupported, "not implemented yet"))
}
