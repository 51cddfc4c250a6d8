//! The PDF reader: text in reading order, with layout hints, from a text PDF.
//!
//! **Why our own interpreter on lopdf rather than pdf-extract's `OutputDev`:** that trait hands
//! over each character with its position but not its font, so bold (the strongest heading
//! signal in a resume) cannot be seen; and pdf-extract panics on many malformed fonts, which
//! would lose the whole document where a missing width or encoding should only cost one font.
//! The part of a PDF that text extraction needs (text state operators, fonts' encodings,
//! ToUnicode CMaps, widths, form XObjects) is small; it lives in `content` and `font`, the
//! reading order in `layout`, the line clean-up in `clean`.
//!
//! Guards: the file size and page count are checked against [`Limits`]; decoded content is
//! capped per page and the number of operators per document; any panic in lopdf or here is
//! caught and reported as a damaged file.

mod clean;
mod content;
mod font;
mod layout;
#[rustfmt::skip]
mod tables;

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::{ErrorKind, Extracted, ImportError, Limits};

/// Extracts the text of a PDF in reading order (columns read one after the other), with
/// headings, list items (bullet stripped, wrapped lines joined) and block gaps marked.
///
/// Errors: [`ErrorKind::TooLarge`] (file size or page count over the limits),
/// [`ErrorKind::Encrypted`], [`ErrorKind::ImageOnly`] (a scan), [`ErrorKind::Corrupt`] (not a
/// PDF, truncated, damaged), [`ErrorKind::Empty`] (no text and no images),
/// [`ErrorKind::Encoding`] (text in fonts without a Unicode mapping).
pub fn extract_pdf(file: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, ImportError> {
    let err = |kind, msg: &str| ImportError::new(file, kind, msg);
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(err(
            ErrorKind::TooLarge,
            &format!(
                "is {} MB, over the {} MB limit for a PDF",
                bytes.len() >> 20,
                limits.max_file_bytes >> 20
            ),
        ));
    }
    // The header may follow a little junk (some mail gateways prepend a line).
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(err(ErrorKind::Corrupt, "is not a PDF (no %PDF header)"));
    }
    let tail = &bytes[bytes.len().saturating_sub(16 << 10)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(err(
            ErrorKind::Corrupt,
            "is truncated (no end-of-file marker); download or export it again",
        ));
    }
    match catch_unwind(AssertUnwindSafe(|| extract(file, bytes, limits))) {
        Ok(result) => result,
        Err(_) => Err(err(ErrorKind::Corrupt, "is damaged (the PDF reader failed on it)")),
    }
}

fn extract(file: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, ImportError> {
    let err = |kind, msg: String| ImportError::new(file, kind, msg);
    let encrypted_msg = "is password-protected; remove the password and try again";
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => {
            return Err(err(ErrorKind::Encrypted, encrypted_msg.into()));
        }
        Err(e) => {
            let mut reason = e.to_string();
            if reason.len() > 80 {
                let cut = (0..=80).rev().find(|&i| reason.is_char_boundary(i)).unwrap_or(0);
                reason.truncate(cut);
            }
            return Err(err(
                ErrorKind::Corrupt,
                format!("is damaged and cannot be read ({reason})"),
            ));
        }
    };
    // lopdf opens a file encrypted with an empty user password (owner restrictions only) by
    // itself; anything else needs the password.
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        return Err(err(ErrorKind::Encrypted, encrypted_msg.into()));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(err(ErrorKind::Corrupt, "is damaged (no pages found)".into()));
    }
    if pages.len() as u64 > u64::from(limits.max_pdf_pages) {
        return Err(err(
            ErrorKind::TooLarge,
            format!("has {} pages, over the limit of {}", pages.len(), limits.max_pdf_pages),
        ));
    }
    let mut interpreter = content::Interpreter::new(&doc);
    let (mut images, mut glyphs, mut decoded, mut undecoded) = (0, 0, 0, 0);
    let mut page_lines = Vec::with_capacity(pages.len());
    let mut warnings = Vec::new();
    for (&number, &id) in &pages {
        let page = interpreter.run_page(id);
        images += page.images;
        glyphs += page.glyphs.len();
        let text_glyphs = page.glyphs.iter().filter(|g| !g.text.trim().is_empty()).count();
        decoded += text_glyphs;
        undecoded += page.glyphs.iter().filter(|g| g.text.is_empty()).count();
        if text_glyphs == 0 && page.images > 0 && pages.len() > 1 {
            warnings.push(format!("page {number} has no text layer (a scanned page?); skipped"));
        }
        page_lines.push(layout::page_lines(&page.glyphs));
    }
    if interpreter.ops_budget == 0 {
        warnings.push("the PDF is unusually complex; only part of it was read".into());
    }
    if decoded == 0 {
        return Err(if images > 0 {
            err(
                ErrorKind::ImageOnly,
                "has no text layer (a scan?); export a text PDF or use the DOCX".into(),
            )
        } else if glyphs > 0 {
            err(
                ErrorKind::Encoding,
                "uses fonts whose characters cannot be mapped to text; export it again or use the DOCX"
                    .into(),
            )
        } else {
            err(ErrorKind::Empty, "has no text".into())
        });
    }
    if undecoded * 20 > glyphs {
        warnings.push(format!(
            "{undecoded} of {glyphs} characters could not be mapped to text (fonts without a Unicode map)"
        ));
    }
    let mut out = Extracted::default();
    clean::finish(page_lines, &mut out);
    out.pages = pages.len() as u32;
    out.warnings = warnings;
    Ok(out)
}
