//! Text encodings at the edge: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! Windows-1252 as the fallback for legacy files, converted with a warning.

use crate::error::{ErrorKind, ImportError};

/// Decodes text bytes; the second value is a warning when the text was converted.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    if bytes.contains(&0) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(ImportError::new(
            file,
            ErrorKind::Unsupported,
            "looks like a binary file, not text; give a PDF, DOCX, Markdown, text, JSON or HTML file",
        ));
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ImportError::new(
                file,
                ErrorKind::Encoding,
                format!(
                    "is marked {} but is not valid {}; save it as UTF-8",
                    enc.name(),
                    enc.name()
                ),
            ));
        }
        let warning =
            (enc != encoding_rs::UTF_8).then(|| format!("converted from {} to UTF-8", enc.name()));
        return Ok((text.into_owned(), warning));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), None)),
        Err(e) => {
            // Legacy Windows text: every byte decodes, so this cannot fail; say what was done.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                Some(format!(
                    "not UTF-8 (first invalid byte at offset {}); read as Windows-1252",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode_text("a", "héllo".as_bytes()).unwrap(), ("héllo".into(), None));
        assert_eq!(decode_text("a", b"\xEF\xBB\xBFhi").unwrap().0, "hi");
        let (t, w) = decode_text("a", b"\xFF\xFEh\x00i\x00").unwrap();
        assert_eq!(t, "hi");
        assert!(w.unwrap().contains("UTF-16LE"));
        let (t, w) = decode_text("a", b"caf\xE9 \x93quoted\x94").unwrap();
        assert_eq!(t, "café “quoted”");
        assert!(w.unwrap().contains("offset 3"));
        assert_eq!(decode_text("a", b"PK\x03\x04\x00").unwrap_err().kind, ErrorKind::Unsupported);
    }
}
