//! Pivot's importers: resumes (PDF, DOCX, Markdown, plain text, JSON Resume), the LinkedIn data
//! export and job postings (text, saved HTML, JSON), into one structured model ([`Resume`],
//! [`Posting`]) whose items point back to their source.
//!
//! **Invariants:** bytes in, model out — no file system, no network, no async (the CLI reads
//! files and folders). Every reader enforces [`Limits`] and returns an [`ImportError`] naming the
//! file and the problem; none panics on any input (each has a fuzz target).
#![deny(missing_docs)]

pub mod dates;
pub mod decode;
pub mod docx;
pub mod error;
pub mod extract;
pub mod import;
pub mod jsonresume;
pub mod limits;
pub mod linkedin;
pub mod model;
pub mod pdf;
pub mod posting;
pub mod sectioner;
pub mod textual;

pub use error::{ErrorKind, ImportError};
pub use extract::{Extracted, Line, LineHint};
pub use import::{As, Imported, Source, extract_plain, import, import_linkedin_folder, lint_text};
pub use limits::Limits;
pub use model::{Posting, Resume};
