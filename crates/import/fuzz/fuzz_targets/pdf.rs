//! Fuzzes `pivot_import::pdf::extract_pdf`: never panics; on success the `Extracted` invariants
//! hold (spans slice the text, pages in range and within `max_pdf_pages`) and the sectioner
//! runs on it, its pointers inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_import::{pdf, sectioner};

mod common;

fuzz_target!(|data: &[u8]| {
    common::init();
    let limits = common::limits();
    let result = pdf::extract_pdf("fuzz.pdf", data, &limits);
    common::debug("pdf", &result.as_ref().map(|x| (x.pages, &x.text)));
    if let Ok(x) = result {
        common::check_extracted("pdf", &x);
        assert!(x.pages <= limits.max_pdf_pages, "pdf: {} pages read", x.pages);
        let r = sectioner::section("fuzz.pdf", &x);
        common::check_resume_spans("pdf", &r, &x.text);
    }
});
