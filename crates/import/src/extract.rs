//! The layer beneath the structure: text in reading order, as lines with layout hints.
//! Every format's reader produces an [`Extracted`]; the sectioner turns it into a resume.

use serde::Serialize;

/// What the reader knows about a line's role in the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineHint {
    /// Ordinary text.
    Text,
    /// A heading: a Markdown `#`, a DOCX heading style, or a PDF line set bold/large/caps.
    Heading,
    /// A list item (the bullet or number is stripped from `text`).
    ListItem,
    /// A cell of a table used for layout.
    TableCell,
}

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The text, with bullets stripped for list items, ligatures and hyphenation repaired.
    pub text: String,
    /// 1-based page (1 for unpaged formats).
    pub page: u32,
    /// The line's role as the layout shows it.
    pub hint: LineHint,
    /// Whether the line is set in bold (all or most of it).
    pub bold: bool,
    /// Font size in points (0 when the format does not say).
    pub size: f32,
    /// Byte range of this line in [`Extracted::text`].
    pub span: (usize, usize),
    /// Whether a blank line or a clear vertical gap comes before it (a new block).
    pub gap_before: bool,
}

/// Text in reading order: lines joined with `\n`, blocks separated by a blank line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extracted {
    /// The plain text (what `pivot import --text` prints).
    pub text: String,
    /// The lines, in reading order.
    pub lines: Vec<Line>,
    /// Pages (1 for unpaged formats).
    pub pages: u32,
    /// Things worth telling the user (a converted encoding, a skipped image…).
    pub warnings: Vec<String>,
}

impl Extracted {
    /// The text for the lint: list items marked with `•` and set apart, headings set apart, so
    /// `pivot check resume.pdf` sees bullets as bullets; wrapped prose stays one paragraph.
    pub fn lint_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.lines.len() * 3);
        let mut prev: Option<LineHint> = None;
        for line in &self.lines {
            if let Some(p) = prev {
                let apart = line.gap_before || line.hint != LineHint::Text || p != LineHint::Text;
                out.push_str(if apart { "\n\n" } else { "\n" });
            }
            if line.hint == LineHint::ListItem {
                out.push_str("• ");
            }
            out.push_str(&line.text);
            prev = Some(line.hint);
        }
        out
    }

    /// Appends a line, keeping `text` and the spans in step.
    pub fn push(
        &mut self,
        text: &str,
        page: u32,
        hint: LineHint,
        bold: bool,
        size: f32,
        gap_before: bool,
    ) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
            if gap_before {
                self.text.push('\n');
            }
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.lines.push(Line {
            text: text.to_owned(),
            page,
            hint,
            bold,
            size,
            span: (start, self.text.len()),
            gap_before,
        });
        self.pages = self.pages.max(page);
    }
}
