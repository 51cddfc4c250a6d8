//! Findings highlighted in the text, without trusting the text: the text is sliced at the
//! findings' byte spans and every piece is escaped; the marks are the only markup.

/// One finding to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// First byte (clamped to the text and to a char boundary).
    pub start: usize,
    /// One past the last byte (clamped likewise).
    pub end: usize,
    /// Rule id (`Method.TaskLanguage`).
    pub rule: String,
    /// `suggestion`, `warning` or `error`.
    pub severity: String,
    /// The finding's message (shown as the mark's title).
    pub message: String,
}

/// Escapes text for HTML content and quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The text as escaped HTML with each finding wrapped in
/// `<mark class="finding sev-{severity}" data-rule="{rule}" title="{message}">`.
///
/// Spans are byte offsets; they are clamped to the text and widened to char boundaries.
/// A span inside another is nested; one that crosses the end of an open one is cut at that
/// end (so the markup always nests); empty spans are skipped. A trailing newline gets a space
/// after it so a highlight layer keeps the height of the textarea above it.
pub fn highlight(text: &str, marks: &[Mark]) -> String {
    let mut spans: Vec<(usize, usize, usize)> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (floor_boundary(text, m.start), ceil_boundary(text, m.end), i))
        .filter(|(s, e, _)| s < e)
        .collect();
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));

    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    let mut open: Vec<usize> = Vec::new();
    for (start, end, i) in spans {
        while let Some(&top) = open.last() {
            if top > start {
                break;
            }
            escape_into(&mut out, &text[pos..top]);
            out.push_str("</mark>");
            pos = top;
            open.pop();
        }
        let end = match open.last() {
            Some(&top) if end > top => top,
            _ => end,
        };
        if end <= start {
            continue;
        }
        escape_into(&mut out, &text[pos..start]);
        pos = start;
        let m = &marks[i];
        let severity: String =
            m.severity.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        out.push_str("<mark class=\"finding sev-");
        out.push_str(&severity);
        out.push_str("\" data-rule=\"");
        escape_into(&mut out, &m.rule);
        out.push_str("\" title=\"");
        escape_into(&mut out, &m.message);
        out.push_str("\">");
        open.push(end);
    }
    while let Some(top) = open.pop() {
        escape_into(&mut out, &text[pos..top]);
        out.push_str("</mark>");
        pos = top;
    }
    escape_into(&mut out, &text[pos..]);
    if text.ends_with('\n') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, rule: &str) -> Mark {
        Mark { start, end, rule: rule.into(), severity: "warning".into(), message: "m".into() }
    }

    #[test]
    fn escapes_text_and_attributes() {
        let text = "<script>alert(1)</script> & more";
        let m = Mark { message: "\"><script>".into(), ..mark(0, 8, "R\"x") };
        let html = highlight(text, &[m]);
        assert!(!html.contains("<script>"));
        assert!(html.starts_with("<mark class=\"finding sev-warning\" data-rule=\"R&quot;x\" title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;</mark>"));
        assert!(html.contains("&amp; more"));
    }

    #[test]
    fn nests_contained_and_cuts_crossing_spans() {
        let text = "abcdefghij";
        let html =
            highlight(text, &[mark(0, 6, "A"), mark(2, 4, "B"), mark(5, 9, "C"), mark(3, 3, "E")]);
        // B nests in A; C starts inside A and is cut at A's end.
        let plain: String = {
            let mut s = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => s.push(c),
                    _ => {}
                }
            }
            s
        };
        assert_eq!(plain, text);
        assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
        assert!(html.contains("data-rule=\"B\" title=\"m\">cd</mark>"));
        assert!(html.contains("data-rule=\"C\" title=\"m\">f</mark></mark>ghij"));
    }

    #[test]
    fn clamps_to_char_boundaries_and_length() {
        let text = "né — x";
        let html = highlight(text, &[mark(2, 100, "A")]);
        assert!(html.starts_with("n<mark"));
        assert!(html.ends_with("é — x</mark>"));
    }

    #[test]
    fn trailing_newline_keeps_height() {
        assert_eq!(highlight("a\n", &[]), "a\n ");
    }
}
