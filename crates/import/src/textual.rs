//! Markdown and plain-text documents → lines, through Pivot's own text model, so a resume in
//! Markdown reads exactly as `pivot check` reads it.

use crate::extract::{Extracted, LineHint};
use pivot_text::{BlockKind, Document, Format};

/// Extracts lines from Markdown or plain text: each heading and list item is a line; each
/// paragraph line is a line (soft-wrapped prose was joined by the text model).
pub fn extract_text(text: &str, format: Format) -> Extracted {
    let doc = Document::parse(text, format);
    let mut out = Extracted::default();
    let mut prev_end = 0;
    for block in &doc.blocks {
        // A blank line between blocks in the source is a gap, as in the layout formats.
        let between = &doc.source[prev_end.min(block.span.start)..block.span.start];
        let gap = between.matches('\n').count() >= 2 || block.kind == BlockKind::Heading;
        prev_end = block.span.end;
        let hint = match block.kind {
            BlockKind::Heading => LineHint::Heading,
            BlockKind::ListItem => LineHint::ListItem,
            BlockKind::Paragraph => LineHint::Text,
        };
        // One block is one line: the text model already joined soft-wrapped lines, and
        // Markdown's emphasis marks are blanked in `plain`.
        let source = if format == Format::Markdown { &doc.plain } else { &doc.source };
        let text = source[block.span.start..block.span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let raw = doc.text(block.span).trim_start();
        let bold = hint == LineHint::Heading || raw.starts_with("**") || raw.starts_with("__");
        out.push(&text, 1, hint, bold, 0.0, gap);
    }
    out.pages = 1;
    out
}
