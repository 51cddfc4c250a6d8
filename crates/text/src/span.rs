//! Byte spans and their line/column positions.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's source text.
///
/// Invariant: both ends lie on UTF-8 char boundaries of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved `by` bytes to the right.
    pub const fn shifted(&self, by: usize) -> Span {
        Span { start: self.start + by, end: self.end + by }
    }

    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span { start: r.start, end: r.end }
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in chars.
    pub column: usize,
}

/// Maps byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` all end a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Sized for lines of ~40 bytes: growing it was a reallocation per doubling.
        let mut line_starts = Vec::with_capacity(bytes.len() / 40 + 1);
        line_starts.push(0);
        // memchr finds the few line ends with vector instructions instead of a branch a byte.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The line/column of byte `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        LineCol { line: line + 1, column }
    }

    /// The byte span of 1-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        let mut end = self.line_starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "héllo\nwörld 🚀 x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 9 });
        let last = text.find("last").unwrap();
        assert_eq!(idx.line_col(text, last), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 2).slice(text), "wörld 🚀 x");
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        for (text, starts) in [
            ("", vec![0]),
            ("a", vec![0]),
            ("a\nb", vec![0, 2]),
            ("a\r\nb", vec![0, 3]),
            ("a\rb\r", vec![0, 2, 4]),
            ("\r\r\n\n", vec![0, 1, 3, 4]),
            ("é\r\n🚀\n", vec![0, 4, 9]),
        ] {
            assert_eq!(LineIndex::new(text).line_starts, starts, "{text:?}");
        }
    }
}
