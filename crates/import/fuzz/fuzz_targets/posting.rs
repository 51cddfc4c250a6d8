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
    let result = posting::import_posting_text("fuzz.txt", s);
    common::debug("text", &result.as_ref().map(|p| (&p.title, p.requirements.len())));
    if let Ok(p) = result {
        common::check_posting_spans("text posting", &p, s);
    }
    let result = posting::import_posting_html("fuzz.html", s);
    common::debug("html", &result.as_ref().map(|p| (&p.title, p.requirements.len())));
    if let Ok(p) = result {
        let x = posting::extract_posting_html(s);
        common::check_lines("html posting", &x);
        common::check_posting_spans("html posting", &p, &x.text);
    }
    let result = posting::import_posting_json("fuzz.json", s);
    common::debug("json", &result.as_ref().map(|p| (&p.title, p.requirements.len())));
    if let Ok(p) = result
        && common::json_spans_into_input(s)
    {
        common::check_posting_spans("json posting", &p, s);
    }
});
