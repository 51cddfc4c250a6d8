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
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow runs like "?!" or "..." and closing quotes/brackets.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let followed_by_space = chars.get(j).is_none_or(|&(_, n)| n.is_whitespace());
            let next_word = chars[j..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
            let next_starts_lower = next_word.is_some_and(|c| c.is_lowercase());
            if followed_by_space
                && !next_starts_lower
                && !(c == '.' && j == i + 1 && is_abbreviation(&text[start..pos]))
            {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            i = j;
            continue;
        }
        let _ = pos;
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
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
        check("v2.0 shipped. 40% more users.", &["v2.0 shipped.", "40% more users."]);
        check("我们增长了 40%。Next.", &["我们增长了 40%。Next."]);
        check("   ", &[]);
        check("No period at all", &["No period at all"]);
    }
}
