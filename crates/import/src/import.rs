//! One entry point: bytes and a file name in, a resume or a posting out. The format is decided
//! by the content (magic bytes, JSON shape, HTML tags), and the extension must agree with it.

use crate::decode::decode_text;
use crate::error::{ErrorKind, ImportError};
use crate::extract::Extracted;
use crate::limits::Limits;
use crate::model::{Posting, Resume};
use crate::{docx, jsonresume, linkedin, pdf, posting, sectioner, textual};
use pivot_text::Format;
use serde::Serialize;

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A PDF resume.
    Pdf,
    /// A Word resume.
    Docx,
    /// A Markdown resume.
    Markdown,
    /// A plain-text resume.
    Text,
    /// A JSON Resume.
    JsonResume,
    /// A LinkedIn data export.
    Linkedin,
    /// A job posting (text, HTML or JSON).
    Posting,
}

/// What the user says a file is, when the content could be either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum As {
    /// Decide from the content.
    Auto,
    /// A resume (or other material of the person).
    Resume,
    /// A job posting.
    Posting,
}

/// An imported file.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Imported {
    /// A person's material.
    Resume {
        /// How it was read.
        source: Source,
        /// The structure.
        resume: Box<Resume>,
        /// The text beneath it, when the format has layout (PDF, DOCX, Markdown, text).
        #[serde(skip)]
        extracted: Option<Extracted>,
        /// Notes about the reading (a converted encoding…).
        warnings: Vec<String>,
    },
    /// A job posting.
    Posting {
        /// The structure.
        posting: Box<Posting>,
        /// The text it was read from.
        #[serde(skip)]
        text: String,
        /// Notes about the reading.
        warnings: Vec<String>,
    },
}

fn extension(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// What the content looks like, for the wrong-extension message.
fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF") {
        "a PDF"
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        "a zip (DOCX or an export)"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old Word (.doc) or encrypted Office file"
    } else if bytes.starts_with(b"{\\rtf") {
        "an RTF file"
    } else {
        "text"
    }
}

fn wrong_extension(file: &str, ext: &str, bytes: &[u8]) -> ImportError {
    ImportError::new(
        file,
        ErrorKind::WrongExtension,
        format!(
            "has the extension .{ext} but its content is {}; rename it or export it again",
            sniff(bytes)
        ),
    )
}

/// Is this text a job posting rather than a resume? Postings talk about the role and the
/// candidate; resumes about what the person did.
fn looks_like_posting(text: &str) -> bool {
    let lower = text.to_lowercase();
    let posting = [
        "responsibilities",
        "qualifications",
        "requirements",
        "what you'll do",
        "what you will do",
        "we're looking for",
        "we are looking for",
        "about the role",
        "nice to have",
        "you will",
        "benefits",
        "equal opportunity",
        "apply",
    ];
    let resume = ["experience", "education", "skills", "present", "linkedin.com/in"];
    let p = posting.iter().filter(|w| lower.contains(*w)).count();
    let r = resume.iter().filter(|w| lower.contains(*w)).count();
    p >= 2 && p > r
}

/// Imports one file. `as_` settles resume vs posting for text and HTML.
pub fn import(file: &str, bytes: &[u8], as_: As, limits: &Limits) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ImportError::new(
            file,
            ErrorKind::TooLarge,
            format!(
                "is {:.1} MB; the limit is {} MB",
                bytes.len() as f64 / 1e6,
                limits.max_file_bytes / (1024 * 1024)
            ),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::new(file, ErrorKind::Empty, "is empty"));
    }
    let ext = extension(file);
    let resume = |source: Source, extracted: Extracted| {
        let resume = sectioner::section(file, &extracted);
        let warnings = extracted.warnings.clone();
        Ok(Imported::Resume {
            source,
            resume: Box::new(resume),
            extracted: Some(extracted),
            warnings,
        })
    };
    match ext.as_str() {
        "pdf" => {
            if !bytes.starts_with(b"%PDF")
                && bytes.get(..1024).is_none_or(|h| !h.windows(5).any(|w| w == b"%PDF-"))
            {
                return Err(wrong_extension(file, &ext, bytes));
            }
            return resume(Source::Pdf, pdf::extract_pdf(file, bytes, limits)?);
        }
        "docx" => return resume(Source::Docx, docx::extract_docx(file, bytes, limits)?),
        "doc" => {
            return Err(ImportError::new(
                file,
                ErrorKind::Unsupported,
                "is an old Word (.doc) file; save it as .docx or PDF",
            ));
        }
        "zip" => {
            let r = linkedin::import_linkedin_zip(file, bytes, limits)?;
            return Ok(Imported::Resume {
                source: Source::Linkedin,
                resume: Box::new(r),
                extracted: None,
                warnings: Vec::new(),
            });
        }
        _ => {}
    }
    // Everything else is text of some kind: refuse binaries with a name that says text.
    if sniff(bytes) != "text" {
        return Err(wrong_extension(file, if ext.is_empty() { "(none)" } else { &ext }, bytes));
    }
    let (text, warning) = decode_text(file, bytes)?;
    let warnings: Vec<String> = warning.into_iter().collect();
    let trimmed = text.trim_start();
    let is_html = ext == "html" || ext == "htm" || trimmed.starts_with('<');
    if ext == "json" || trimmed.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            ImportError::new(
                file,
                ErrorKind::Corrupt,
                format!("is not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
            )
        })?;
        if as_ != As::Posting && jsonresume::looks_like_resume(&value) {
            let r = jsonresume::import_json_resume(file, &text)?;
            return Ok(Imported::Resume {
                source: Source::JsonResume,
                resume: Box::new(r),
                extracted: None,
                warnings,
            });
        }
        let p = posting::import_posting_json(file, &text)?;
        return Ok(Imported::Posting { posting: Box::new(p), text, warnings });
    }
    if is_html {
        if as_ == As::Resume {
            return Err(ImportError::new(
                file,
                ErrorKind::Unsupported,
                "is an HTML page; Pivot reads HTML as a job posting (save a resume as PDF, DOCX or Markdown)",
            ));
        }
        let p = posting::import_posting_html(file, &text)?;
        return Ok(Imported::Posting { posting: Box::new(p), text, warnings });
    }
    let is_posting = match as_ {
        As::Posting => true,
        As::Resume => false,
        As::Auto => looks_like_posting(&text),
    };
    if is_posting {
        let p = posting::import_posting_text(file, &text)?;
        return Ok(Imported::Posting { posting: Box::new(p), text, warnings });
    }
    let format =
        if matches!(ext.as_str(), "md" | "markdown") { Format::Markdown } else { Format::Plain };
    let mut extracted = textual::extract_text(&text, format);
    extracted.warnings.extend(warnings);
    resume(if format == Format::Markdown { Source::Markdown } else { Source::Text }, extracted)
}

/// Imports a LinkedIn export given as a folder's files (the CLI reads the folder).
pub fn import_linkedin_folder(
    file: &str,
    files: &[(String, Vec<u8>)],
    limits: &Limits,
) -> Result<Imported, ImportError> {
    let r = linkedin::import_linkedin_files(file, files, limits)?;
    Ok(Imported::Resume {
        source: Source::Linkedin,
        resume: Box::new(r),
        extracted: None,
        warnings: Vec::new(),
    })
}

/// The text `pivot check` reads from a document: see [`Extracted::lint_text`].
pub fn lint_text(file: &str, bytes: &[u8], limits: &Limits) -> Result<String, ImportError> {
    match import(file, bytes, As::Resume, limits)? {
        Imported::Resume { extracted: Some(e), .. } => Ok(e.lint_text()),
        Imported::Resume { .. } | Imported::Posting { .. } => extract_plain(file, bytes, limits),
    }
}

/// The plain text beneath a file, in reading order (`pivot import --text`).
pub fn extract_plain(file: &str, bytes: &[u8], limits: &Limits) -> Result<String, ImportError> {
    match import(file, bytes, As::Auto, limits)? {
        Imported::Resume { extracted: Some(e), .. } => Ok(e.text),
        Imported::Resume { resume, .. } => {
            Ok(serde_json::to_string_pretty(&resume).unwrap_or_default())
        }
        Imported::Posting { text, .. } => Ok(text),
    }
}
