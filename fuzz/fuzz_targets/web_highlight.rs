//! Fuzzes pivot-web's `highlight(text, &[Mark])`, which slices user text at findings' byte
//! spans and escapes every piece: never panics, whatever the spans (out of range, inside a
//! UTF-8 character, reversed, overlapping, crossing); the marks are the only markup (no
//! injection through the text, the rule, the severity or the message); the text survives
//! whole; every mark stands for one input finding.
//!
//! Input (manual slicing, like the other targets):
//!   byte 0            number of marks, `b % 8`
//!   then 5 bytes/mark start (u16 LE), end (u16 LE), flags:
//!                       bit 0: start is the raw u16 (may pass the end), else `raw % (len + 1)`
//!                       bit 1: end is the raw u16, else `raw % (len + 1)`
//!                       bit 2: end = start + raw % 16 (short, overlapping spans)
//!                       bit 3: start = usize::MAX;  bit 4: end = usize::MAX
//!   the rest          split at 0xFF bytes (never in UTF-8), each piece lossily decoded:
//!                     the text, then rule, severity, message of each mark in turn ("" once
//!                     the pieces run out)
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_web::{Mark, highlight};

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else { return };
    let wanted = usize::from(count % 8);
    let raw_marks: Vec<&[u8]> = rest.chunks_exact(5).take(wanted).collect();
    let tail = &rest[raw_marks.len() * 5..];
    let mut pieces = tail.split(|&b| b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned());
    let text = pieces.next().unwrap_or_default();
    let len = text.len();
    let marks: Vec<Mark> = raw_marks
        .iter()
        .map(|m| {
            let raw_start = usize::from(u16::from_le_bytes([m[0], m[1]]));
            let raw_end = usize::from(u16::from_le_bytes([m[2], m[3]]));
            let flags = m[4];
            let mut start = if flags & 1 != 0 { raw_start } else { raw_start % (len + 1) };
            let mut end = if flags & 2 != 0 { raw_end } else { raw_end % (len + 1) };
            if flags & 4 != 0 {
                end = start.saturating_add(raw_end % 16);
            }
            if flags & 8 != 0 {
                start = usize::MAX;
            }
            if flags & 16 != 0 {
                end = usize::MAX;
            }
            Mark {
                start,
                end,
                rule: pieces.next().unwrap_or_default(),
                severity: pieces.next().unwrap_or_default(),
                message: pieces.next().unwrap_or_default(),
            }
        })
        .collect();

    let html = highlight(&text, &marks);
    check(&text, &marks, &html);
    assert_eq!(html, highlight(&text, &marks), "highlight is not deterministic");
});

/// A `<mark>` element found in the output: its text range (byte offsets in the input text)
/// and its attributes, unescaped.
struct Element {
    start: usize,
    end: usize,
    severity: String,
    rule: String,
    message: String,
    /// Opening order.
    id: usize,
    /// The element it is nested in (its `id`), if any.
    parent: Option<usize>,
    /// That element's end.
    parent_end: Option<usize>,
}

const OPEN: &str = "<mark class=\"finding sev-";
const CLOSE: &str = "</mark>";

fn check(text: &str, marks: &[Mark], html: &str) {
    assert_eq!(html.matches("<mark").count(), html.matches(CLOSE).count(), "unbalanced: {html:?}");

    // Walk the output: tags must be exactly the mark tags, everything else escaped text.
    let mut plain = String::with_capacity(text.len() + 1);
    let mut open: Vec<Element> = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut opened = 0;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with(CLOSE) {
            let mut e = open.pop().unwrap_or_else(|| panic!("</mark> with none open: {html:?}"));
            e.end = plain.len();
            assert!(e.end > e.start, "empty <mark> element at {}: {html:?}", e.start);
            elements.push(e);
            i += CLOSE.len();
        } else if rest.starts_with('<') {
            let (tag_len, severity, rule, message) = parse_open_tag(rest)
                .unwrap_or_else(|| panic!("markup other than the mark tags at byte {i}: {html:?}"));
            let parent = open.last().map(|p| p.id);
            let id = opened;
            opened += 1;
            let start = plain.len();
            let parent_end = None; // resolved once every element is closed
            open.push(Element { start, end: 0, severity, rule, message, id, parent, parent_end });
            i += tag_len;
        } else if rest.starts_with('&') {
            let (c, n) = entity(rest).unwrap_or_else(|| panic!("bare `&` at byte {i}: {html:?}"));
            plain.push(c);
            i += n;
        } else {
            let c = rest.chars().next().unwrap();
            assert!(!matches!(c, '>' | '"' | '\''), "unescaped {c:?} at byte {i}: {html:?}");
            plain.push(c);
            i += c.len_utf8();
        }
    }
    assert!(open.is_empty(), "{} <mark> left open: {html:?}", open.len());

    // The text survives whole: tags stripped and entities unescaped give the input, plus the
    // documented space after a final newline.
    let mut expected = text.to_string();
    if text.ends_with('\n') {
        expected.push(' ');
    }
    assert!(plain == expected, "text changed:\n{plain:?}\n!=\n{expected:?}");

    // Resolve each element's parent (by the order it opened in) to that parent's end.
    let mut end_of = vec![0; elements.len()];
    for e in &elements {
        end_of[e.id] = e.end;
    }
    for e in &mut elements {
        e.parent_end = e.parent.map(|p| end_of[p]);
        if let Some(p) = e.parent_end {
            assert!(e.end <= p, "element {}..{} ends after its parent ({p})", e.start, e.end);
        }
    }

    // Every non-empty finding (clamped to the text and widened to char boundaries) gives one
    // element, with its attributes, starting where it starts and ending at its end or, when
    // cut, at the end of the element it is nested in.
    let spans: Vec<(usize, usize)> =
        marks.iter().map(|m| (floor_boundary(text, m.start), ceil_boundary(text, m.end))).collect();
    let non_empty = spans.iter().filter(|(s, e)| s < e).count();
    assert_eq!(elements.len(), non_empty, "one element per non-empty finding: {html:?}");
    let mut used = vec![false; marks.len()];
    // Longest first, and at equal ends an element that may not be cut (its parent ends
    // elsewhere) before one that may: each then takes any finding that fits.
    elements.sort_by_key(|e| (std::cmp::Reverse(e.end), e.parent_end == Some(e.end)));
    for e in &elements {
        let found = marks.iter().enumerate().position(|(k, m)| {
            let (s, end) = spans[k];
            !used[k]
                && s < end
                && s == e.start
                && e.end <= end
                && (e.end == end || e.parent_end == Some(e.end))
                && m.rule == e.rule
                && m.message == e.message
                && severity_class(&m.severity) == e.severity
        });
        let k = found.unwrap_or_else(|| {
            panic!("element {}..{} ({:?}) matches no finding: {html:?}", e.start, e.end, e.rule)
        });
        used[k] = true;
    }
}

/// Parses `<mark class="finding sev-S" data-rule="R" title="M">` at the start of `s`; gives
/// its length and the unescaped S, R, M. `None` for anything else.
fn parse_open_tag(s: &str) -> Option<(usize, String, String, String)> {
    let rest = s.strip_prefix(OPEN)?;
    let sev_len = rest.find('"')?;
    let severity = &rest[..sev_len];
    if !severity.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let rest = rest[sev_len..].strip_prefix("\" data-rule=\"")?;
    let (rule, rest) = attribute(rest)?;
    let rest = rest.strip_prefix(" title=\"")?;
    let (message, rest) = attribute(rest)?;
    let rest = rest.strip_prefix('>')?;
    Some((s.len() - rest.len(), severity.to_string(), rule, message))
}

/// An escaped attribute value up to its closing quote: the unescaped value and what follows
/// the quote. `None` if it holds a raw `<`, `>`, `'` or a bare `&`.
fn attribute(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut i = 0;
    loop {
        let rest = &s[i..];
        let c = rest.chars().next()?;
        match c {
            '"' => return Some((out, &rest[1..])),
            '<' | '>' | '\'' => return None,
            '&' => {
                let (c, n) = entity(rest)?;
                out.push(c);
                i += n;
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
}

/// The entities the escaper writes.
fn entity(s: &str) -> Option<(char, usize)> {
    [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#x27;", '\'')]
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map(|&(e, c)| (c, e.len()))
}

fn severity_class(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

fn floor_boundary(text: &str, i: usize) -> usize {
    (0..=i.min(text.len())).rev().find(|&k| text.is_char_boundary(k)).unwrap()
}

fn ceil_boundary(text: &str, i: usize) -> usize {
    (i.min(text.len())..=text.len()).find(|&k| text.is_char_boundary(k)).unwrap()
}
