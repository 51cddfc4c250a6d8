//! Fuzzes the posting readers on UTF-8 input: `import_posting_text`, `import_posting_html`,
//! `import_posting_json` never panic; their requirement (and unplaced) spans lie inside the
//! text they point into, on char boundaries: the input for text and job-schema JSON, the text
//! `extract_posting_html` returns for HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_import::posting;

mod common;

fuzz_target!(|data: &[u8]| {
    common::init();
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(p) = posting::import_posting_text("fuzz.txt", s) {
        common::check_posting_spans("text posting", &p, s);
    }
    if let Ok(p) = posting::import_posting_html("fuzz.html", s) {
        let x = posting::extract_posting_html(s);
        common::check_lines("html posting", &x);
        common::check_posting_spans("html posting", &p, &x.text);
    }
    if let Ok(p) = posting::import_posting_json("fuzz.json", s)
        && common::json_spans_into_input(s)
    {
        common::check_posting_spans("json posting", &p, s);
    }
});
