//! The document model: source text → blocks → sentences → tokens, all with byte spans.

use crate::quantity::{Quantity, QuantityFinder};
use crate::sentence::split_sentences_into;
use crate::span::{LineCol, LineIndex, Span};
use crate::token::{Token, tokenize};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::ops::Range;

/// How to read the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// CommonMark: headings, paragraphs, list items; inline markup is ignored.
    Markdown,
    /// Plain text: blank lines separate blocks, bullet characters start list items.
    Plain,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (Markdown `#`, or a short stand-alone line in plain text).
    Heading,
    /// A paragraph of prose.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
}

/// A block of text: a heading, a paragraph or a list item.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where the block's text lies in the source (markup such as `- ` or `#` excluded).
    pub span: Span,
    /// Index range into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence: a span and the tokens inside it.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// The sentence's span in the source, trimmed of surrounding whitespace.
    pub span: Span,
    /// Index of the block the sentence belongs to.
    pub block: usize,
    /// Index range into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A parsed document. Every span indexes [`Document::source`] and [`Document::plain`] alike.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text as given.
    pub source: String,
    /// The source with markup blanked to spaces: the same length and line structure, so a span
    /// found in `plain` slices the same words out of `source`.
    pub plain: String,
    /// How the source was read.
    pub format: Format,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Tokens in document order (whitespace is not a token).
    pub tokens: Vec<Token>,
    /// Outcomes and metrics found, in document order; none crosses a block boundary.
    pub quantities: Vec<Quantity>,
    lines: LineIndex,
}

impl Document {
    /// Parses `source`. Never fails: any UTF-8 text gives a document (possibly with no blocks).
    pub fn parse(source: &str, format: Format) -> Document {
        let (plain, regions) = match format {
            Format::Markdown => markdown_blocks(source),
            Format::Plain => plain_blocks(source),
        };
        let mut doc = Document {
            source: source.to_owned(),
            plain,
            format,
            blocks: Vec::with_capacity(regions.len()),
            // ~15 words a sentence: sized once rather than grown (for every check).
            sentences: Vec::with_capacity(source.len() / 64 + 1),
            tokens: Vec::with_capacity(source.len() / 4),
            quantities: Vec::with_capacity(source.len() / 128 + 1),
            lines: LineIndex::new(source),
        };
        let mut sentence_spans = Vec::new();
        let mut quantities = QuantityFinder::default();
        for (kind, span) in regions {
            let span = trim_span(&doc.plain, span);
            if span.is_empty() {
                continue;
            }
            let block_index = doc.blocks.len();
            let first_sentence = doc.sentences.len();
            let block_text = span.slice(&doc.plain);
            sentence_spans.clear();
            split_sentences_into(block_text, &mut sentence_spans);
            for &sentence in &sentence_spans {
                let sentence = sentence.shifted(span.start);
                let first_token = doc.tokens.len();
                tokenize(&doc.plain, sentence, &mut doc.tokens);
                doc.sentences.push(Sentence {
                    span: sentence,
                    block: block_index,
                    tokens: first_token..doc.tokens.len(),
                });
            }
            quantities.find_into(block_text, span.start, &mut doc.quantities);
            doc.blocks.push(Block { kind, span, sentences: first_sentence..doc.sentences.len() });
        }
        doc
    }

    /// Chooses the format from a file name: `.md`/`.markdown` are Markdown, anything else plain.
    pub fn format_for_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.source, offset)
    }

    /// The span of a 1-based line (without its terminator).
    pub fn line_span(&self, line: usize) -> Span {
        self.lines.line_span(&self.source, line)
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.source)
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }

    /// The sentences of a block.
    pub fn block_sentences(&self, block: &Block) -> &[Sentence] {
        &self.sentences[block.sentences.clone()]
    }

    /// Quantities that lie inside `span` (a run of [`Document::quantities`], which are sorted
    /// and do not overlap).
    pub fn quantities_in(&self, span: Span) -> &[Quantity] {
        let from =
            &self.quantities[self.quantities.partition_point(|q| q.span.start < span.start)..];
        &from[..from.iter().take_while(|q| q.span.end <= span.end).count()]
    }

    /// Number of word and number tokens in the whole document.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_wordlike()).count()
    }
}

fn trim_span(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    Span::new(start, end.max(start))
}

/// Builds the blanked text: every byte outside `keep` becomes a space, except line breaks.
fn blank_outside(source: &str, keep: &[Range<usize>]) -> String {
    // Spaces, then the few line breaks and kept ranges written over them (vectorised searches
    // instead of a branch per byte).
    let mut bytes = vec![b' '; source.len()];
    for i in memchr::memchr_iter(b'\n', source.as_bytes()) {
        bytes[i] = b'\n';
    }
    for r in keep {
        bytes[r.clone()].copy_from_slice(&source.as_bytes()[r.clone()]);
    }
    // Inside kept text a CR is still noise for the analysis.
    for r in keep {
        for i in memchr::memchr_iter(b'\r', &source.as_bytes()[r.clone()]) {
            bytes[r.start + i] = b' ';
        }
    }
    // Every kept range starts and ends on a char boundary of `source`, and every other byte is
    // ASCII, so this cannot fail; fall back to a lossy copy rather than panic all the same.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn markdown_blocks(source: &str) -> (String, Vec<(BlockKind, Span)>) {
    struct Open {
        kind: BlockKind,
        start: usize,
        end: usize,
    }
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut blocks: Vec<(BlockKind, Span)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Text inside these is not prose (code, HTML, image alt text is kept, link URLs are not).
    let mut skip_depth = 0usize;
    let mut open_items = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let close = |stack: &mut Vec<Open>, blocks: &mut Vec<(BlockKind, Span)>| {
        if let Some(open) = stack.pop()
            && open.end > open.start
        {
            blocks.push((open.kind, Span::new(open.start, open.end)));
        }
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                // A heading inside a list item ends the item's block so far: blocks must not
                // overlap (the lint finds tokens by binary search over document order).
                if matches!(stack.last(), Some(o) if o.kind == BlockKind::ListItem) {
                    close(&mut stack, &mut blocks);
                }
                stack.push(Open { kind: BlockKind::Heading, start: usize::MAX, end: 0 })
            }
            Event::Start(Tag::Item) => {
                open_items += 1;
                // Text of an outer item before a nested list stays with the outer item.
                if let Some(top) = stack.last()
                    && top.kind == BlockKind::ListItem
                {
                    close(&mut stack, &mut blocks);
                }
                stack.push(Open { kind: BlockKind::ListItem, start: usize::MAX, end: 0 })
            }
            // A paragraph inside a list item belongs to the item.
            Event::Start(Tag::Paragraph) | Event::Start(Tag::TableCell) if !matches!(stack.last(), Some(o) if o.kind == BlockKind::ListItem) => {
                stack.push(Open { kind: BlockKind::Paragraph, start: usize::MAX, end: 0 })
            }
            Event::End(end @ (TagEnd::Heading(_) | TagEnd::Item)) => {
                if matches!(stack.last(), Some(o) if o.kind != BlockKind::Paragraph) {
                    close(&mut stack, &mut blocks);
                }
                if matches!(end, TagEnd::Item) {
                    open_items = open_items.saturating_sub(1);
                }
                // Text after a nested list or a heading still belongs to the enclosing item:
                // it continues as a block of its own.
                if open_items > 0
                    && !matches!(stack.last(), Some(o) if o.kind == BlockKind::ListItem)
                {
                    stack.push(Open { kind: BlockKind::ListItem, start: usize::MAX, end: 0 });
                }
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::TableCell) => {
                if matches!(stack.last(), Some(o) if o.kind == BlockKind::Paragraph) {
                    close(&mut stack, &mut blocks);
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Text(_) | Event::Code(_) if skip_depth == 0 => {
                if let Some(top) = stack.last_mut() {
                    top.start = top.start.min(range.start);
                    top.end = top.end.max(range.end);
                    keep.push(range);
                }
            }
            _ => {}
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut blocks);
    }
    blocks.sort_by_key(|(_, span)| (span.start, span.end));
    (blank_outside(source, &keep), blocks)
}

/// Bullet markers that start a list item in plain text, longest first.
const BULLETS: &[&str] =
    &["•", "▪", "◦", "‣", "●", "○", "■", "□", "➢", "►", "–", "—", "·", "-", "*", "+"];

/// The byte length of a leading list marker (with the space after it), if the line has one.
fn list_marker_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    for b in BULLETS {
        if let Some(rest) = trimmed.strip_prefix(b)
            && let Some(space) = rest.chars().next().filter(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        {
            // The space may be a two-byte no-break space: step over the whole char.
            return Some(indent + b.len() + space.len_utf8());
        }
    }
    // "1." "2)" "(3)" "a." numbered items.
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &trimmed[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && !rest[2..].starts_with(' ') {
            return Some(indent + digits + 2);
        }
    }
    None
}

fn plain_blocks(source: &str) -> (String, Vec<(BlockKind, Span)>) {
    // Lines with their byte ranges (terminators excluded).
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && source.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            lines.push(start..end);
            start = i + 1;
        }
    }
    if start < source.len() {
        lines.push(start..source.len());
    }

    let mut blocks: Vec<(BlockKind, Span)> = Vec::new();
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut current: Option<(BlockKind, Span)> = None;
    let mut paragraph_lines = 0usize; // lines in the current blank-line-separated run
    for (i, range) in lines.iter().enumerate() {
        let line = &source[range.clone()];
        if line.trim().is_empty() {
            blocks.extend(current.take());
            paragraph_lines = 0;
            continue;
        }
        paragraph_lines += 1;
        if let Some(marker) = list_marker_len(line) {
            blocks.extend(current.take());
            let text = range.start + marker..range.end;
            keep.push(text.clone());
            current = Some((BlockKind::ListItem, Span::new(text.start, text.end)));
            continue;
        }
        keep.push(range.clone());
        let next_blank = lines.get(i + 1).is_none_or(|r| source[r.clone()].trim().is_empty());
        if let Some((kind, span)) = current.as_mut()
            && continues(&source[span.start..span.end], line, *kind)
        {
            span.end = range.end;
            continue;
        }
        blocks.extend(current.take());
        let kind = if looks_like_heading(line, paragraph_lines == 1 && next_blank) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        current = Some((kind, Span::new(range.start, range.end)));
    }
    blocks.extend(current.take());
    (blank_outside(source, &keep), blocks)
}

/// Does `line` continue the block whose text so far is `previous` (a hard-wrapped line)?
fn continues(previous: &str, line: &str, kind: BlockKind) -> bool {
    if kind == BlockKind::Heading {
        return false;
    }
    let next = line.trim_start();
    let indented = line.len() > next.len();
    let last_line = previous.rsplit('\n').next().unwrap_or(previous).trim_end();
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    let ends_open = last_line.ends_with([',', ';', '-', '–', '—', '(', '&', '/'])
        || last_line
            .rsplit(' ')
            .next()
            .is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str()));
    // A list item continues on an indented line; prose on a lower-case one or after an open end.
    (kind == BlockKind::ListItem && indented) || starts_lower || ends_open
}

const CONNECTORS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "our",
    "that", "the", "to", "with", "my", "which", "who", "while", "where", "across",
];

fn looks_like_heading(line: &str, alone: bool) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 8 || t.len() > 80 {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase());
    let ends_sentence = t.ends_with(['.', '!', '?', ',', ';']);
    // A line alone is a heading only when it is short and in title case ("Work History"):
    // a lone sentence-case line is a one-line bullet or paragraph.
    let small = [
        "a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "&", "|", "—", "–", "-",
    ];
    let title_case = t.split_whitespace().all(|w| {
        small.contains(&w)
            || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    });
    all_caps
        || (t.ends_with(':') && words <= 5)
        || (alone && !ends_sentence && words <= 5 && title_case)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks.iter().map(|b| (b.kind, doc.text(b.span))).collect()
    }

    #[test]
    fn quantities_of_every_block_are_found_where_the_source_has_them() {
        let source = "# Grew ARR to $4M\n\nCut churn 30% in 2 quarters.\n\n- Hired 12 engineers\n- Opened 3 markets\n";
        let doc = Document::parse(source, Format::Markdown);
        let found: Vec<&str> = doc.quantities.iter().map(|q| &source[q.span.clone()]).collect();
        assert_eq!(found, ["$4M", "30%", "2 quarters", "12 engineers", "3 markets"]);
    }

    #[test]
    fn quantities_in_a_span_are_those_wholly_inside_it() {
        let source = "Grew revenue 40% to $2M in 6 months. Hired 12 engineers.";
        let doc = Document::parse(source, Format::Plain);
        let texts = |span: Span| -> Vec<&str> {
            doc.quantities_in(span).iter().map(|q| &source[q.span.clone()]).collect()
        };
        let at = |s: &str| source.find(s).unwrap();
        for (span, expected) in [
            (Span::new(0, source.len()), vec!["40%", "$2M", "6 months", "12 engineers"]),
            (Span::new(0, at(". Hired")), vec!["40%", "$2M", "6 months"]),
            // A span that ends inside "$2M" keeps only what comes before it.
            (Span::new(0, at("$2M") + 2), vec!["40%"]),
            (Span::new(at("Hired"), source.len()), vec!["12 engineers"]),
            (Span::new(at("revenue"), at("40%")), vec![]),
        ] {
            assert_eq!(texts(span), expected, "quantities in {span:?}");
        }
    }

    /// Guards `blank_outside`: the plain text keeps every line break where the source has it,
    /// the kept words where they were, spaces elsewhere, and no carriage return.
    #[test]
    fn plain_text_keeps_line_breaks_and_words_in_place_and_drops_carriage_returns() {
        let source =
            "# Title\r\n\r\nLed the **team**\r\nof 12.\n\n```\ncode\r\n```\n- [a](http://x.y)\r\n";
        let doc = Document::parse(source, Format::Markdown);
        assert_eq!(doc.plain.len(), source.len());
        for (i, (s, p)) in source.bytes().zip(doc.plain.bytes()).enumerate() {
            match s {
                b'\n' => assert_eq!(p, b'\n', "line break at {i}"),
                b'\r' => assert_eq!(p, b' ', "carriage return at {i}"),
                _ => assert!(p == s || p == b' ', "byte {i}: {:?} for {:?}", p as char, s as char),
            }
        }
        for word in ["Title", "Led the ", "team", "of 12.", "a"] {
            let at = source.find(word).expect("in the source");
            assert_eq!(&doc.plain[at..at + word.len()], word);
        }
        assert!(!doc.plain.contains("code") && !doc.plain.contains("http"), "{:?}", doc.plain);
        // A lone carriage return inside a kept line (plain text keeps whole lines).
        let doc = Document::parse("Led\rthe team\r\nof 12.", Format::Plain);
        assert_eq!(doc.plain, "Led the team \nof 12.");
    }

    #[test]
    fn markdown_blocks_exclude_markup() {
        let src = "# Jane Doe\n\nI lead **growth** at [Acme](https://acme.test).\n\n- Grew ARR 40%\n- Hired 6 PMs\n  - nested point\n";
        let doc = Document::parse(src, Format::Markdown);
        assert_eq!(
            kinds_and_text(&doc),
            vec![
                (BlockKind::Heading, "Jane Doe"),
                (BlockKind::Paragraph, "I lead **growth** at [Acme](https://acme.test)."),
                (BlockKind::ListItem, "Grew ARR 40%"),
                (BlockKind::ListItem, "Hired 6 PMs"),
                (BlockKind::ListItem, "nested point"),
            ]
        );
        // The URL and the emphasis marks are blanked in the analysed text.
        assert!(!doc.plain.contains("https"));
        assert!(doc.plain.contains("I lead   growth   at  Acme"));
        assert_eq!(doc.plain.len(), src.len());
    }

    #[test]
    fn plain_text_bullets_headings_and_wrapping() {
        let src = "EXPERIENCE\n\n• Led the payments team of 12 engineers,\n  cutting fraud 30%\n• Shipped 3 products\n\nI am moving into product\nleadership because the timing is right.\nNext line is its own block\n";
        let doc = Document::parse(src, Format::Plain);
        assert_eq!(
            kinds_and_text(&doc),
            vec![
                (BlockKind::Heading, "EXPERIENCE"),
                (
                    BlockKind::ListItem,
                    "Led the payments team of 12 engineers,\n  cutting fraud 30%"
                ),
                (BlockKind::ListItem, "Shipped 3 products"),
                (
                    BlockKind::Paragraph,
                    "I am moving into product\nleadership because the timing is right."
                ),
                (BlockKind::Paragraph, "Next line is its own block"),
            ]
        );
    }

    #[test]
    fn sentences_tokens_and_quantities_are_inside_their_block() {
        let src = "Grew revenue 40% in 6 months. Then I hired 5 PMs! Done";
        let doc = Document::parse(src, Format::Plain);
        let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.text(s.span)).collect();
        assert_eq!(sentences, ["Grew revenue 40% in 6 months.", "Then I hired 5 PMs!", "Done"]);
        for s in &doc.sentences {
            for t in doc.sentence_tokens(s) {
                assert!(s.span.contains(t.span));
            }
        }
        assert!(!doc.quantities.is_empty());
    }

    /// Found by the fuzz targets (fuzz/regressions/*-md-heading-in-list-item): a heading inside
    /// a list item made the item's block overlap the heading's.
    #[test]
    fn blocks_never_overlap_with_headings_and_lists_nested() {
        for src in ["- a\n\n  # h\n\n  b\n", "- a\n  - b\n\n  c\n- d", "1. x\n\n   ## y\n   z"] {
            let doc = Document::parse(src, Format::Markdown);
            for w in doc.blocks.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{src:?}: {:?}", doc.blocks);
            }
            for w in doc.tokens.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{src:?}");
            }
        }
        let doc = Document::parse("- a\n\n  # h\n\n  b\n", Format::Markdown);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.text(b.span)).collect();
        assert_eq!(texts, ["a", "h", "b"]);
    }

    /// Found by the `text_model` fuzz target (fuzz/regressions/text_model-nbsp-bullet).
    #[test]
    fn bullet_followed_by_a_no_break_space() {
        for format in [Format::Plain, Format::Markdown] {
            let doc = Document::parse("•\u{a0}Grew revenue 40%\n-\u{a0}x", format);
            for b in &doc.blocks {
                assert!(doc.source.is_char_boundary(b.span.start));
            }
        }
        let doc = Document::parse("•\u{a0}Grew revenue 40%", Format::Plain);
        assert_eq!(doc.text(doc.blocks[0].span), "Grew revenue 40%");
    }

    #[test]
    fn empty_and_whitespace_give_no_blocks() {
        for src in ["", "   \n\n\t", "\r\n"] {
            for format in [Format::Markdown, Format::Plain] {
                assert!(Document::parse(src, format).blocks.is_empty());
            }
        }
    }
}
