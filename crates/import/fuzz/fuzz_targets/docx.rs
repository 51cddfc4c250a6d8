//! Fuzzes `pivot_import::docx::extract_docx`: never panics; on success the `Extracted`
//! invariants hold and the sectioner runs on it, its pointers inside the text.
//!
//! Each input is read twice: as the file's bytes, and (because the zip's CRCs make mutations
//! inside a real DOCX's parts useless) as parts to pack into a well-formed stored zip: pieces
//! separated by 0x1E, each `part/name\nXML`, at most 16 parts (see `common::stored_zip`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_import::{docx, sectioner};

mod common;

fn check(bytes: &[u8]) {
    let limits = common::limits();
    let result = docx::extract_docx("fuzz.docx", bytes, &limits);
    common::debug("docx", &result.as_ref().map(|x| &x.text));
    if let Ok(x) = result {
        common::check_extracted("docx", &x);
        let r = sectioner::section("fuzz.docx", &x);
        common::check_resume_spans("docx", &r, &x.text);
    }
}

fuzz_target!(|data: &[u8]| {
    common::init();
    check(data);
    if !data.starts_with(b"PK") {
        check(&common::stored_zip(&common::entries(data, 16)));
    }
});
