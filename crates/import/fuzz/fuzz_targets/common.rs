//! Shared by the targets: the limits, the invariants of an [`Extracted`] and of the spans a
//! resume or a posting points with, and the panic policy.
#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::{Mutex, Once};

use pivot_import::{Extracted, Limits, Posting, Resume};
use serde_json::Value;

/// Small limits so inputs stay small and fast.
pub fn limits() -> Limits {
    Limits { max_file_bytes: 1 << 20, max_pdf_pages: 20, ..Limits::default() }
}

/// Panic policy. By default every panic is a crash, even one the importer catches itself
/// (`extract_pdf` wraps the PDF reader in `catch_unwind`): libfuzzer-sys's hook aborts before
/// unwinding. With `PIVOT_FUZZ_ALLOW_CAUGHT=1` a panic that the importer catches and turns into
/// an `ImportError` is tolerated (its location is printed once); a panic that escapes the
/// public function still aborts (libfuzzer-sys aborts when the target unwinds).
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("PIVOT_FUZZ_ALLOW_CAUGHT").is_some_and(|v| v == "1") {
            static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
            std::panic::set_hook(Box::new(|info| {
                let at = info.location().map(|l| l.to_string()).unwrap_or_default();
                let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
                if seen.get_or_insert_with(HashSet::new).insert(at) {
                    eprintln!(
                        "pivot-import-fuzz: panic (fatal unless the importer catches it): {info}"
                    );
                }
            }));
        }
    });
}

/// `start <= end <= text.len()`, both on char boundaries.
pub fn check_span(what: &str, span: (usize, usize), text: &str) {
    let (s, e) = span;
    assert!(
        s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what}: span {s}..{e} is not a char-boundary range of a text of {} bytes",
        text.len()
    );
}

/// The invariants every reader's [`Extracted`] keeps: each line's span slices `text` to exactly
/// the line's text, pages ≥ 1, each line's page in `1..=pages`.
pub fn check_extracted(what: &str, x: &Extracted) {
    assert!(x.pages >= 1, "{what}: Extracted.pages is {}", x.pages);
    check_lines(what, x);
}

/// Each line's span slices `text` to exactly the line's text; its page is in `1..=pages`.
pub fn check_lines(what: &str, x: &Extracted) {
    for (i, line) in x.lines.iter().enumerate() {
        check_span(&format!("{what}: line {i}"), line.span, &x.text);
        assert_eq!(
            &x.text[line.span.0..line.span.1],
            line.text,
            "{what}: line {i}'s span {:?} does not slice its text",
            line.span
        );
        assert!(
            (1..=x.pages).contains(&line.page),
            "{what}: line {i} is on page {} of {}",
            line.page,
            x.pages
        );
    }
}

/// Every `span` of a `source` pointer in a JSON value (a serialised resume or posting).
fn spans(v: &Value, out: &mut Vec<(usize, usize)>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(src)) = map.get("source")
                && let Some(Value::Array(a)) = src.get("span")
                && let [Value::Number(s), Value::Number(e)] = a.as_slice()
            {
                let s = s.as_u64().expect("span start is a usize") as usize;
                let e = e.as_u64().expect("span end is a usize") as usize;
                out.push((s, e));
            }
            map.values().for_each(|x| spans(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

/// A resume built by the sectioner points into the extracted text.
pub fn check_resume_spans(what: &str, r: &Resume, text: &str) {
    let v = serde_json::to_value(r).expect("a resume serialises");
    let mut out = Vec::new();
    spans(&v, &mut out);
    for s in out {
        check_span(&format!("{what}: resume source"), s, text);
    }
}

/// A posting's requirement and unplaced pointers point into the text it was parsed from.
pub fn check_posting_spans(what: &str, p: &Posting, text: &str) {
    for (i, r) in p.requirements.iter().enumerate() {
        if let Some(span) = r.source.as_ref().and_then(|s| s.span) {
            check_span(&format!("{what}: requirement {i} {:?}", r.text), span, text);
        }
    }
    for (i, u) in p.unplaced.iter().enumerate() {
        if let Some(span) = u.source.as_ref().and_then(|s| s.span) {
            check_span(&format!("{what}: unplaced {i} {:?}", u.text), span, text);
        }
    }
}

/// Whether a posting JSON's spans point into the JSON itself: a job-schema object (not JSON-LD,
/// whose spans point into its extracted description) without Pivot's own `x-pivot-*` fields
/// (which are taken as given, spans and all).
pub fn json_spans_into_input(json: &str) -> bool {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(o)) => {
            !(o.contains_key("@type") || o.contains_key("@graph") || o.contains_key("@context"))
                && !o.keys().any(|k| k.starts_with("x-pivot-"))
        }
        _ => false,
    }
}

/// The byte that separates pieces of a structured input (ASCII record separator).
pub const SEPARATOR: u8 = 0x1E;

/// Reads an input as zip entries: pieces separated by [`SEPARATOR`], each `name\ncontent`.
/// At most `max` entries (the last takes the rest).
pub fn entries(data: &[u8], max: usize) -> Vec<(Vec<u8>, &[u8])> {
    data.splitn(max, |&b| b == SEPARATOR)
        .map(|piece| match piece.iter().position(|&b| b == b'\n') {
            Some(i) => (piece[..i].to_vec(), &piece[i + 1..]),
            None => (piece.to_vec(), &[][..]),
        })
        .collect()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A well-formed zip of stored (uncompressed) entries with correct CRCs, so the fuzzer can
/// mutate the XML or CSV inside a DOCX or an export without breaking the archive.
pub fn stored_zip(entries: &[(Vec<u8>, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let name = &name[..name.len().min(0xFFFF)];
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let flags: u16 =
            if std::str::from_utf8(name).is_ok_and(|n| !n.is_ascii()) { 0x0800 } else { 0 };
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&flags.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // stored
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra length
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// With `PIVOT_FUZZ_DEBUG=1`, prints what a reader returned (to check seeds and replays).
pub fn debug<T: std::fmt::Debug>(what: &str, value: &T) {
    static ON: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("PIVOT_FUZZ_DEBUG").is_some_and(|v| v == "1"));
    if *ON {
        let s = format!("{value:?}");
        let cut = (0..=s.len().min(300)).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        eprintln!("pivot-import-fuzz: {what}: {}", &s[..cut]);
    }
}
