//! Fuzzes `pivot_import::import`, the one entry point (dispatch by extension and content).
//!
//! Input: the first byte `b` picks the file name and `As`, the rest is the file:
//!   extension = ["pdf", "docx", "zip", "md", "txt", "json", "html", none][b % 8]
//!   as        = [Auto, Resume, Posting][(b / 8) % 3]
//!
//! Never panics. On a resume with `extracted`: the `Extracted` invariants, and the resume's
//! pointers lie inside the extracted text. On a text posting: its spans lie inside the text.
//! `export_json_resume` never panics on any imported resume, and for a JSON Resume input
//! export → import → export gives the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_import::jsonresume::{export_json_resume, import_json_resume};
use pivot_import::{As, Imported, Source, import, posting};

mod common;

const EXTENSIONS: [&str; 8] = ["pdf", "docx", "zip", "md", "txt", "json", "html", ""];
const AS: [As; 3] = [As::Auto, As::Resume, As::Posting];

fuzz_target!(|data: &[u8]| {
    common::init();
    let Some((&b, bytes)) = data.split_first() else { return };
    let ext = EXTENSIONS[usize::from(b) % EXTENSIONS.len()];
    let as_ = AS[(usize::from(b) / EXTENSIONS.len()) % AS.len()];
    let file = if ext.is_empty() { "fuzz".to_owned() } else { format!("fuzz.{ext}") };
    let limits = common::limits();
    let result = import(&file, bytes, as_, &limits);
    common::debug(
        &file,
        &result.as_ref().map(|i| match i {
            Imported::Resume { source, resume, .. } => {
                format!("{source:?} {:?} {} roles", resume.basics.name, resume.work.len())
            }
            Imported::Posting { posting, .. } => {
                format!("posting {:?} {} requirements", posting.title, posting.requirements.len())
            }
        }),
    );
    match result {
        Ok(Imported::Resume { source, resume, extracted, .. }) => {
            if let Some(x) = &extracted {
                common::check_extracted("import", x);
                if source == Source::Pdf {
                    assert!(x.pages <= limits.max_pdf_pages, "import: {} PDF pages read", x.pages);
                }
                common::check_resume_spans("import", &resume, &x.text);
            }
            let exported = export_json_resume(&resume);
            if source == Source::JsonResume {
                let json = serde_json::to_string(&exported).expect("a JSON value serialises");
                let again = import_json_resume("fuzz.json", &json)
                    .unwrap_or_else(|e| panic!("the export of a JSON Resume does not import: {e}"));
                assert_eq!(
                    export_json_resume(&again),
                    exported,
                    "JSON Resume export → import → export is not stable"
                );
            }
        }
        Ok(Imported::Posting { posting: p, text, .. }) => {
            let trimmed = text.trim_start();
            let json = ext == "json" || trimmed.starts_with('{');
            let html = !json && (ext == "html" || trimmed.starts_with('<'));
            if html {
                let x = posting::extract_posting_html(&text);
                common::check_posting_spans("import html posting", &p, &x.text);
            } else if !json {
                common::check_posting_spans("import text posting", &p, &text);
            } else if common::json_spans_into_input(&text) {
                common::check_posting_spans("import json posting", &p, &text);
            }
        }
        Err(_) => {}
    }
});
