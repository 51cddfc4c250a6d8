//! Tokens: words, numbers, punctuation and symbols, by Unicode word boundaries (UAX #29).

use crate::span::Span;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Contains a letter (`roadmap`, `don’t`, `B2B`, `Zoë`, `数据`).
    Word,
    /// Digits with separators (`40`, `2.4`, `1,200`).
    Number,
    /// Punctuation (`.`, `,`, `—`, `“`).
    Punct,
    /// Anything else: currency signs, `%`, emoji.
    Symbol,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// Words and numbers: what a reader counts as words.
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

/// Appends the tokens of `text[span]` to `out`, with spans relative to `text`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    for (offset, piece) in span.slice(text).split_word_bound_indices() {
        let Some(first) = piece.chars().next() else { continue };
        if first.is_whitespace() {
            continue;
        }
        let kind = if piece.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else if first.is_ascii_digit() || first.is_numeric() {
            TokenKind::Number
        } else if is_punctuation(first) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let start = span.start + offset;
        out.push(Token { span: Span::new(start, start + piece.len()), kind });
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~')
        || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»' | '。' | '、' | '，')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_kinds() {
        let text = "Zoë’s team grew ARR $2.4M (40%) — 🚀 数据";
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        let got: Vec<(&str, TokenKind)> =
            out.iter().map(|t| (t.span.slice(text), t.kind)).collect();
        use TokenKind::*;
        assert_eq!(
            got,
            vec![
                ("Zoë’s", Word),
                ("team", Word),
                ("grew", Word),
                ("ARR", Word),
                ("$", Symbol),
                ("2.4M", Word),
                ("(", Punct),
                ("40", Number),
                ("%", Symbol),
                (")", Punct),
                ("—", Punct),
                ("🚀", Symbol),
                ("数", Word),
                ("据", Word),
            ]
        );
    }
}
