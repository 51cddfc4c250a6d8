//! Sentence boundaries inside one block.

use crate::span::Span;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "co", "corp", "dept", "dr", "e.g", "eg", "esp", "est", "etc", "i.e", "ie", "inc",
    "incl", "jr", "ltd", "mr", "mrs", "ms", "no", "prof", "sr", "st", "u.k", "u.s", "vs", "a.m",
    "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits one block's text into sentence spans (relative to `text`), trimmed, never empty.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) when
/// whitespace follows and the next word does not start in lower case; a period after a known
/// abbreviation or a single capital (an initial) does not end one.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    split_sentences_into(text, &mut out);
    out
}

/// [`split_sentences`] appending to `out` (a document reuses one list for all its blocks).
pub(crate) fn split_sentences_into(text: &str, out: &mut Vec<Span>) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '…');
    // Runs like "?!" or "..." and closing quotes/brackets stay with the sentence they end.
    let is_closer = |c: char| is_end(c) || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']');
    let mut start = 0;
    let mut from = 0;
    // Walks the text itself from one end mark to the next (collecting its chars first was a
    // third of the split).
    while let Some(pos) = next_end_mark(text, from) {
        let Some(c) = text[pos..].chars().next() else { break };
        let after = pos + c.len_utf8();
        let run = text[after..].find(|ch| !is_closer(ch)).unwrap_or(text.len() - after);
        let end = after + run;
        let rest = &text[end..];
        let followed_by_space = rest.chars().next().is_none_or(char::is_whitespace);
        let next_starts_lower =
            rest.chars().find(|c| !c.is_whitespace()).is_some_and(char::is_lowercase);
        if followed_by_space
            && !next_starts_lower
            && !(c == '.' && run == 0 && is_abbreviation(&text[start..pos]))
        {
            push_trimmed(text, start, end, out);
            start = end;
        }
        from = end;
    }
    push_trimmed(text, start, text.len(), out);
}

/// The offset of the next `.`, `!`, `?` or `…` at or after `from`: a vectorised search for
/// the ASCII marks, then for an ellipsis before the one found (`…` starts with 0xE2, as do
/// curly quotes and dashes, so its lead byte alone is only a candidate).
fn next_end_mark(text: &str, from: usize) -> Option<usize> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    let b = text.as_bytes().get(from..)?;
    let ascii = memchr::memchr3(b'.', b'!', b'?', b);
    let mut k = 0;
    let limit = ascii.unwrap_or(b.len());
    while let Some(p) = memchr::memchr(ELLIPSIS[0], &b[k..limit]) {
        if b[k + p..].starts_with(ELLIPSIS) {
            return Some(from + k + p);
        }
        k += p + 1;
    }
    ascii.map(|p| from + p)
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_capital {
        return true;
    }
    // Lower-cased on the stack: a sentence end is checked at every `.` of the text.
    let mut buf = [0u8; 16];
    if word.is_ascii() {
        // No abbreviation is longer than the buffer.
        let Some(lower) = buf.get_mut(..word.len()) else { return false };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|l| ABBREVIATIONS.contains(&l));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let s = start + (slice.len() - slice.trim_start().len());
    let e = end - (slice.len() - slice.trim_end().len());
    if e > s {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, expected, "splitting {text:?}");
    }

    #[test]
    fn sentence_boundaries() {
        check("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]);
        check("Grew ARR to $2.4M. Then hired.", &["Grew ARR to $2.4M.", "Then hired."]);
        check(
            "Worked with Dr. Smith, e.g. on pricing. Done.",
            &["Worked with Dr. Smith, e.g. on pricing.", "Done."],
        );
        check("J. R. Smith led it. Yes.", &["J. R. Smith led it.", "Yes."]);
        check("“Ship it.” She agreed.", &["“Ship it.”", "She agreed."]);
        check("Wait... really? Yes", &["Wait... really?", "Yes"]);
        check("Wait… really? Yes", &["Wait… really?", "Yes"]);
        check("Shipped… Then grew 40%.", &["Shipped…", "Then grew 40%."]);
        // A period before an ellipsis ends the sentence first.
        check("Done. Then… More.", &["Done.", "Then…", "More."]);
        check("v2.0 shipped. 40% more users.", &["v2.0 shipped.", "40% more users."]);
        check("我们增长了 40%。Next.", &["我们增长了 40%。Next."]);
        check("   ", &[]);
        check("No period at all", &["No period at all"]);
    }
}
