//! Document-wide clean-up of laid-out lines: ligatures, soft hyphenation, block gaps, bullets
//! (and their wrapped continuation lines), headings.

use crate::{Extracted, LineHint};

use super::layout::PageLine;

/// A line on its way to the output.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    page: u32,
    bold: bool,
    size: f32,
    x0: f32,
    /// Where the text after a bullet starts.
    text_x0: f32,
    y: f32,
    gap_before: bool,
    item: bool,
}

/// Builds the output from each page's lines (pages in order, 1-based).
pub(crate) fn finish(pages: Vec<Vec<PageLine>>, out: &mut Extracted) {
    let mut lines = Vec::new();
    for (p, page) in pages.into_iter().enumerate() {
        let page_no = p as u32 + 1;
        let ratio = spacing_ratio(&page);
        let page_body = page_body_size(&page);
        let mut prev: Option<(f32, f32)> = None; // (y, size)
        for l in page {
            let gap_before = match prev {
                None => true,
                Some(_) if l.new_flow => true,
                Some((py, ps)) => {
                    let em = ps.max(l.size).max(1.0);
                    let delta = l.y - py;
                    delta < -0.5 * em || delta > em * ratio * 1.25
                }
            };
            prev = Some((l.y, l.size));
            let (prefix, item) = match bullet_prefix(&l.text) {
                // A numbered heading ("1. Introduction", larger or bold) stays a heading, number
                // and all.
                Some(_)
                    if l.text.starts_with(|c: char| c.is_ascii_digit())
                        && is_heading(&l.text, l.bold, l.size, page_body) =>
                {
                    (0, false)
                }
                Some(n) => (n, true),
                None => (0, false),
            };
            let text_x0 = l.word_x.iter().find(|(o, _)| *o >= prefix).map_or(l.x0, |&(_, x)| x);
            let text = repair_ligatures(&l.text[prefix..]);
            if text.trim().is_empty() {
                continue;
            }
            lines.push(Line {
                text,
                page: page_no,
                bold: l.bold,
                size: (l.size * 10.0).round() / 10.0,
                x0: l.x0,
                text_x0,
                y: l.y,
                gap_before,
                item,
            });
        }
    }
    let body = body_size(&lines);
    let lines = join_lines(lines, body);
    for l in lines {
        let hint = if l.item {
            LineHint::ListItem
        } else if is_heading(&l.text, l.bold, l.size, body) {
            LineHint::Heading
        } else {
            LineHint::Text
        };
        out.push(&l.text, l.page, hint, l.bold, l.size, l.gap_before);
    }
}

/// The page's usual baseline-to-baseline distance, in ems (1.2 when it cannot tell).
fn spacing_ratio(page: &[PageLine]) -> f32 {
    let mut ratios: Vec<f32> = page
        .windows(2)
        .filter(|w| !w[1].new_flow)
        .filter_map(|w| {
            let em = w[0].size.max(w[1].size).max(1.0);
            let d = w[1].y - w[0].y;
            (d > 0.5 * em).then_some(d / em)
        })
        .collect();
    if ratios.len() < 3 {
        return 1.2;
    }
    ratios.sort_by(f32::total_cmp);
    ratios[ratios.len() / 2].clamp(0.9, 2.5)
}

/// The size most characters of a page are set in.
fn page_body_size(page: &[PageLine]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in page {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
            Some((_, c)) => *c += n,
            None => sizes.push((l.size, n)),
        }
    }
    sizes.iter().max_by_key(|(_, c)| *c).map_or(0.0, |(s, _)| *s)
}

/// The body text size: the size most characters are set in.
fn body_size(lines: &[Line]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
            Some((_, c)) => *c += n,
            None => sizes.push((l.size, n)),
        }
    }
    sizes.iter().max_by_key(|(_, c)| *c).map_or(0.0, |(s, _)| *s)
}

/// Joins the wrapped lines of a bullet into it, and repairs words hyphenated at a line end.
fn join_lines(lines: Vec<Line>, body: f32) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for mut l in lines {
        if let Some(prev) = out.last_mut()
            && prev.page == l.page
            && !l.gap_before
        {
            let em = prev.size.max(1.0);
            let starts_lower = l.text.chars().next().is_some_and(char::is_lowercase);
            let continues_item = prev.item
                && !l.item
                && (prev.size - l.size).abs() <= 1.0
                && !is_heading(&l.text, l.bold, l.size, body)
                && l.x0 <= prev.text_x0 + 1.0 * em
                && (l.x0 >= prev.text_x0 - 0.5 * em
                    || (starts_lower && l.x0 >= prev.x0 - 0.5 * em));
            if continues_item {
                join_into(prev, &l.text);
                prev.y = l.y;
                continue;
            }
            if !l.item && ends_hyphenated(&prev.text, &l.text) {
                // Move the rest of the word up to the line where it started.
                let (first, rest) = match l.text.split_once(' ') {
                    Some((a, b)) => (a.to_owned(), b.trim_start().to_owned()),
                    None => (l.text.clone(), String::new()),
                };
                join_into(prev, &first);
                if rest.is_empty() {
                    prev.y = l.y;
                    continue;
                }
                l.text = rest;
            }
        }
        out.push(l);
    }
    for l in &mut out {
        if l.text.contains('\u{00AD}') {
            l.text = l.text.replace('\u{00AD}', "");
        }
    }
    out
}

/// Whether `a` ends with a word broken by a hyphen that `b` completes: "multi-" + "functional"
/// (a hard hyphen followed by a lower-case letter) or a soft hyphen before anything.
fn ends_hyphenated(a: &str, b: &str) -> bool {
    let mut rev = a.trim_end().chars().rev();
    let last = rev.next();
    let before = rev.next();
    let next = b.chars().next();
    match last {
        Some('\u{00AD}') => next.is_some_and(char::is_alphanumeric),
        Some('-' | '\u{2010}') => {
            before.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Appends `text` to a line: with a space, or glued when the line ends hyphenated.
fn join_into(line: &mut Line, text: &str) {
    if ends_hyphenated(&line.text, text) {
        let trimmed = line.text.trim_end();
        let cut = trimmed.len() - trimmed.chars().last().map_or(0, char::len_utf8);
        line.text.truncate(cut);
        line.text.push_str(text);
    } else {
        line.text.push(' ');
        line.text.push_str(text);
    }
}

/// Replaces typographic ligatures by their letters, and drops invisible control characters.
pub(crate) fn repair_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{FFFD}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The byte length of a leading bullet or list number (with the spaces after it), if any.
fn bullet_prefix(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let after = |n: usize| {
        let rest = &text[n..];
        let trimmed = rest.trim_start();
        (!trimmed.is_empty()).then_some(text.len() - trimmed.len())
    };
    let needs_space =
        |n: usize| text[n..].starts_with(char::is_whitespace).then(|| after(n)).flatten();
    match first {
        // Glyph bullets; U+F0xx are Symbol and Wingdings bullets without a Unicode mapping.
        '•'
        | '▪'
        | '◦'
        | '‣'
        | '●'
        | '○'
        | '■'
        | '□'
        | '◆'
        | '◇'
        | '♦'
        | '►'
        | '▸'
        | '▹'
        | '➢'
        | '➤'
        | '➔'
        | '→'
        | '✓'
        | '✔'
        | '∙'
        | '⁃'
        | '⦿'
        | '⚫'
        | '\u{F000}'..='\u{F0FF}' => after(first.len_utf8()),
        '-' | '*' | '–' | '—' | '·' | '>' => needs_space(first.len_utf8()),
        // Word's second-level bullet is a Courier "o" followed by a tab (a wide gap here).
        'o' if text.starts_with("o   ") => after(1),
        '0'..='9' => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            let mark = text.as_bytes().get(digits)?;
            if digits <= 2 && (*mark == b'.' || *mark == b')') {
                needs_space(digits + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A heading: short and bold, set larger than the body, or short and in capitals.
fn is_heading(text: &str, bold: bool, size: f32, body: f32) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    let words = text.split_whitespace().count();
    let len = text.chars().count();
    let sentence = text.ends_with(['.', ',', ';']);
    let short = words <= 6 && len <= 50 && !sentence;
    let caps = letters >= 3 && !text.chars().any(char::is_lowercase);
    (bold && short)
        || (size >= body + 1.5 && words <= 12 && !sentence)
        || (caps && words <= 5 && len <= 40 && !sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets() {
        assert_eq!(bullet_prefix("• Grew revenue"), Some(4));
        assert_eq!(bullet_prefix("•Grew"), Some(3));
        assert_eq!(bullet_prefix("- Led"), Some(2));
        assert_eq!(bullet_prefix("-5% churn"), None);
        assert_eq!(bullet_prefix("1. Shipped"), Some(3));
        assert_eq!(bullet_prefix("12) Shipped"), Some(4));
        assert_eq!(bullet_prefix("2019–2021 Acme"), None);
        assert_eq!(bullet_prefix("03/2020"), None);
        assert_eq!(bullet_prefix("o   Sub item"), Some(4));
        assert_eq!(bullet_prefix("only"), None);
        assert_eq!(bullet_prefix("•"), None);
    }

    #[test]
    fn ligatures_and_hyphens() {
        assert_eq!(
            repair_ligatures("e\u{FB03}cient \u{FB01}nance \u{FB02}ow o\u{FB00} ra\u{FB04}e"),
            "efficient finance flow off raffle"
        );
        assert!(ends_hyphenated("a multi-", "functional team"));
        assert!(!ends_hyphenated("a multi-", "Functional"));
        assert!(!ends_hyphenated("2019 -", "present"));
        assert!(ends_hyphenated("data\u{00AD}", "Base"));
    }

    #[test]
    fn headings() {
        assert!(is_heading("EXPERIENCE", false, 10.0, 10.0));
        assert!(is_heading("Experience", true, 10.0, 10.0));
        assert!(is_heading("Maya Okafor", false, 18.0, 10.0));
        assert!(!is_heading("Grew revenue 20% by launching a new pricing tier", true, 10.0, 10.0));
        assert!(!is_heading("Python, SQL and dbt", false, 10.0, 10.0));
    }
}
