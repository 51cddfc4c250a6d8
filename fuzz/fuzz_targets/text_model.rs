//! Fuzzes pivot-text: any UTF-8 text, parsed as Markdown and as plain text, must give a
//! document whose spans all lie inside the source, on char boundaries, properly nested.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_text::{Document, Format, Span, find_quantities};


fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Markdown, Format::Plain] {
        check_document(text, format);
    }
    check_quantities(
        text,
        &find_quantities(text).iter().map(|q| q.span.clone()).collect::<Vec<_>>(),
        "find_quantities(source)",
    );
});

/// `span` is a well-formed range of `source`: start ≤ end ≤ len, both on char boundaries.
fn check_span(source: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: start > end: {span:?}");
    assert!(span.end <= source.len(), "{what}: {span:?} past the end ({})", source.len());
    assert!(source.is_char_boundary(span.start), "{what}: start {span:?} not on a char boundary");
    assert!(source.is_char_boundary(span.end), "{what}: end {span:?} not on a char boundary");
}

fn check_line_col(doc: &Document, offset: usize, what: &str) {
    let lc = doc.line_col(offset);
    assert!(lc.line >= 1 && lc.column >= 1, "{what}: line_col({offset}) = {lc:?}");
}

fn check_document(text: &str, format: Format) {
    let doc = Document::parse(text, format);
    let src = doc.source.as_str();
    assert_eq!(src, text, "{format:?}: source is not the input");
    assert_eq!(doc.plain.len(), src.len(), "{format:?}: plain and source lengths differ");

    // Blocks: well-formed, sorted, each owning a valid range of sentences that point back to it.
    let mut prev_block: Option<Span> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let what = format!("{format:?} block {bi}");
        check_span(src, block.span, &what);
        check_line_col(&doc, block.span.start, &what);
        if let Some(prev) = prev_block {
            assert!(
                prev.start <= block.span.start,
                "{what}: blocks not sorted: {prev:?} then {:?}",
                block.span
            );
            // Document order: blocks do not overlap, so sentences and tokens are sorted too
            // (pivot-lint binary-searches `doc.tokens`).
            assert!(
                prev.end <= block.span.start,
                "{what}: blocks overlap: {prev:?} and {:?}",
                block.span
            );
        }
        prev_block = Some(block.span);
        assert!(
            block.sentences.start <= block.sentences.end
                && block.sentences.end <= doc.sentences.len(),
            "{what}: sentence range {:?} out of bounds ({})",
            block.sentences,
            doc.sentences.len()
        );
        for si in block.sentences.clone() {
            assert_eq!(doc.sentences[si].block, bi, "{what}: sentence {si} names another block");
        }
    }

    // Sentences: well-formed, non-empty, inside their block; tokens inside their sentence.
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let what = format!("{format:?} sentence {si}");
        check_span(src, sentence.span, &what);
        check_line_col(&doc, sentence.span.start, &what);
        assert!(!sentence.span.is_empty(), "{what}: empty sentence");
        let block = doc
            .blocks
            .get(sentence.block)
            .unwrap_or_else(|| panic!("{what}: block {} out of bounds", sentence.block));
        assert!(
            block.span.contains(sentence.span),
            "{what}: {:?} outside its block {:?}",
            sentence.span,
            block.span
        );
        assert!(
            sentence.tokens.start <= sentence.tokens.end && sentence.tokens.end <= doc.tokens.len(),
            "{what}: token range {:?} out of bounds ({})",
            sentence.tokens,
            doc.tokens.len()
        );
        for ti in sentence.tokens.clone() {
            let token = &doc.tokens[ti];
            let what = format!("{what} token {ti}");
            check_span(src, token.span, &what);
            check_line_col(&doc, token.span.start, &what);
            assert!(
                sentence.span.contains(token.span),
                "{what}: {:?} outside its sentence {:?}",
                token.span,
                sentence.span
            );
        }
    }
    for (ti, token) in doc.tokens.iter().enumerate() {
        check_span(src, token.span, &format!("{format:?} token {ti}"));
    }

    // Quantities: well-formed, each inside one block (the documented "none crosses a block").
    for (qi, q) in doc.quantities.iter().enumerate() {
        let what = format!("{format:?} quantity {qi}");
        let span = Span::from(q.span.clone());
        check_span(src, span, &what);
        check_line_col(&doc, span.start, &what);
        assert!(
            doc.blocks.iter().any(|b| b.span.contains(span)),
            "{what}: {span:?} lies in no block"
        );
    }
    // Per block (the text the document's quantities come from), quantities are sorted and
    // non-overlapping.
    for block in &doc.blocks {
        let block_text = block.span.slice(&doc.plain);
        let found: Vec<_> = find_quantities(block_text).into_iter().map(|q| q.span).collect();
        check_quantities(block_text, &found, &format!("{format:?} find_quantities(block)"));
    }

    // Line/column of the ends of the text and every line span.
    check_line_col(&doc, 0, "offset 0");
    check_line_col(&doc, src.len(), "end of text");
    check_line_col(&doc, src.len() + 1, "past the end");
    let lines = src.bytes().filter(|&b| b == b'\n' || b == b'\r').count() + 1;
    for line in 1..=lines.min(4096) {
        check_span(src, doc.line_span(line), &format!("line_span({line})"));
    }
}

/// Quantity spans of `text`: well-formed, sorted by start and non-overlapping.
fn check_quantities(text: &str, spans: &[std::ops::Range<usize>], what: &str) {
    let mut prev_end = 0;
    for (i, r) in spans.iter().enumerate() {
        check_span(text, Span::from(r.clone()), &format!("{what} #{i}"));
        assert!(
            r.start >= prev_end,
            "{what} #{i}: {r:?} overlaps or precedes the previous (ends at {prev_end})"
        );
        prev_end = r.end;
    }
}
