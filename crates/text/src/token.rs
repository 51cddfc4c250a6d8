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

/// Tests on eight bytes at a time, read as one little-endian `u64` ("SWAR"): bytes below 0x80
/// add without carrying into the next, so each test is an addition and a look at the high
/// bits. Shared by the phrase normaliser, [`collapse_whitespace`] and the CLI's JSON writer.
pub mod swar {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * EACH;

    /// When all eight bytes are printable ASCII or spaces (0x20 to 0x7f), the high bit of each
    /// byte that is a space (bit 7 for the first byte, bit 63 for the last); else `None`.
    pub fn spaces_if_printable(word: u64) -> Option<u64> {
        // High bit set: not ASCII. `b + 0x60` reaches 0x80 exactly when `b >= 0x20`.
        if word & HIGH != 0 || (word + 0x60 * EACH) & HIGH != HIGH {
            return None;
        }
        // A space is where `b ^ 0x20` is zero, i.e. does not reach 0x80 when 0x7f is added.
        Some(!((word ^ (0x20 * EACH)) + 0x7f * EACH) & HIGH)
    }

    /// Whether a word's spaces (as [`spaces_if_printable`] gives them) hold two in a row.
    pub fn has_double_space(spaces: u64) -> bool {
        spaces & (spaces >> 8) != 0
    }

    /// Whether any of the eight bytes is `byte` (any bytes at all, not only ASCII).
    pub fn has_byte(word: u64, byte: u8) -> bool {
        // `x - 1` borrows into a byte's high bit, outside `x`'s own, exactly where `x` has a
        // zero byte; the borrow can flag a byte above a zero one, never a word without one.
        let x = word ^ (u64::from(byte) * EACH);
        x.wrapping_sub(EACH) & !x & HIGH != 0
    }

    /// Whether any of the eight bytes is below `limit` (at most 0x80; any bytes at all).
    pub fn has_byte_below(word: u64, limit: u8) -> bool {
        debug_assert!(limit <= 0x80);
        // As in `has_byte`; bytes from 0x80 up are ruled out by `!word`.
        word.wrapping_sub(u64::from(limit) * EACH) & !word & HIGH != 0
    }

    /// ASCII lower case of eight bytes that are all below 0x80.
    pub fn to_lowercase(word: u64) -> u64 {
        // `b + 0x3f` reaches 0x80 from `A`, `b + 0x25` from past `Z`.
        let upper = (word + 0x3f * EACH) & !(word + 0x25 * EACH) & HIGH;
        word | (upper >> 2)
    }
}

/// Whether `s` has single ASCII spaces inside, none at either end, and no other whitespace:
/// what [`collapse_whitespace`] returns unchanged. Eight bytes at a time while they are
/// printable ASCII; a word with a wide character (a curly quote, a dash, an accent) is read
/// byte by byte, and only the lead bytes a Unicode space can start with are decoded. (Control
/// characters other than whitespace would come through unchanged too; they take the general
/// path, which gives the same string.)
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first().is_none_or(|&b| b == b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        match swar::spaces_if_printable(word) {
            Some(spaces) => {
                if swar::has_double_space(spaces) || (after_space && spaces & 0x80 != 0) {
                    return false;
                }
                after_space = spaces >> 63 == 1;
            }
            None if !bytes_collapsed(s, at..at + 8, &mut after_space) => return false,
            None => {}
        }
        at += 8;
    }
    bytes_collapsed(s, at..bytes.len(), &mut after_space)
}

/// [`is_collapsed`] for the bytes of `s` in `range`, byte by byte; `after_space` carries
/// whether the byte before was a space.
fn bytes_collapsed(s: &str, range: std::ops::Range<usize>, after_space: &mut bool) -> bool {
    let bytes = s.as_bytes();
    for i in range {
        let b = bytes[i];
        let space = b == b' ';
        if (space && *after_space) || b < 0x20 {
            return false;
        }
        // Every Unicode space beyond ASCII starts with one of these lead bytes (U+0085 and
        // U+00A0; U+1680; U+2000 to U+205F; U+3000). Any other byte is part of a character
        // that is not a space.
        if matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
            && s.get(i..).and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace)
        {
            return false;
        }
        *after_space = space;
    }
    true
}

/// `s` trimmed, with every run of whitespace (tabs, line breaks, non-breaking spaces) as one
/// space: how a quote or an evidence line shows a span that crosses lines. One allocation.
pub fn collapse_whitespace(s: &str) -> String {
    // Most quotes are one line of ASCII with single spaces: copied whole after one pass over
    // eight bytes at a time (four vectorised searches cost more on sentence-long strings).
    if is_collapsed(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends the tokens of `text[span]` to `out`, with spans relative to `text`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let slice = span.slice(text);
    let bytes = slice.as_bytes();
    // Where ASCII whitespace is followed by an ASCII character that is not whitespace, UAX #29
    // always breaks and no rule looks across. Cut there around each non-ASCII character: the
    // ASCII stretches between take the fast path, and only the few words around a curly quote,
    // a dash or an accented word go through the Unicode tables (a whole block did, before).
    let cut_at =
        |p: usize| is_ascii_space(bytes[p - 1]) && bytes[p].is_ascii() && !is_ascii_space(bytes[p]);
    // Most sentences are all ASCII, or ASCII with curly quotes and dashes: they take the fast
    // path whole.
    if slice.is_ascii() || only_common_wide(bytes) {
        tokenize_ascii(slice, span.start, out);
        return;
    }
    let mut start = 0;
    while start < bytes.len() {
        let Some(wide) = bytes[start..].iter().position(|b| !b.is_ascii()) else {
            tokenize_ascii(&slice[start..], span.start + start, out);
            return;
        };
        let wide = start + wide;
        let from = (start + 1..=wide).rev().find(|&p| cut_at(p)).unwrap_or(start);
        let to = (wide + 1..bytes.len()).find(|&p| cut_at(p)).unwrap_or(bytes.len());
        tokenize_ascii(&slice[start..from], span.start + start, out);
        tokenize_unicode(&slice[from..to], span.start + from, out);
        start = to;
    }
}

/// The whitespace `char::is_whitespace` accepts below 128 (`u8::is_ascii_whitespace` leaves
/// out the vertical tab).
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// UAX #29 word boundaries with the general tables.
fn tokenize_unicode(s: &str, base: usize, out: &mut Vec<Token>) {
    for (offset, piece) in s.split_word_bound_indices() {
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
        let start = base + offset;
        out.push(Token { span: Span::new(start, start + piece.len()), kind });
    }
}

/// [`ASCII_CLASS`] bits: a byte of a word (letter, digit, `_`), a letter, and a joiner that
/// may continue a word (`'`, `.`, `:`, `,`, `;`).
const WORD: u8 = 1;
const ALPHA: u8 = 2;
const JOINER: u8 = 4;

/// Per byte: [`WORD`], [`ALPHA`] and [`JOINER`] bits (none for bytes above 127).
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphabetic() {
            table[c] = WORD | ALPHA;
        } else if b.is_ascii_digit() || b == b'_' {
            table[c] = WORD;
        } else if matches!(b, b'\'' | b'.' | b':' | b',' | b';') {
            table[c] = JOINER;
        }
        c += 1;
    }
    table
};

/// A byte of a word: an ASCII letter, digit or `_` (the phrase index in pivot-lint finds
/// word edges with it too).
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    ASCII_CLASS[usize::from(b)] & WORD != 0
}

/// Whether the non-ASCII characters of `bytes` are all [`common_wide_at`] ones, which the fast
/// path reads as the Unicode tables do. None of them is a combining mark, joiner or format
/// character, so no rule attaches one to a neighbour (UAX #29 WB4).
fn only_common_wide(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        if !common_wide_at(bytes, i + p) {
            return false;
        }
        i += p + 3;
    }
    true
}

/// Curly quotes, dashes and the ellipsis (‘ ’ “ ” – — …): the non-ASCII characters most prose
/// has, three bytes each in UTF-8. In UAX #29, ‘ and ’ are MidNumLet (they join letters or
/// digits, as `'` does); the others are Other (a token each).
fn common_wide_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 3), Some([0xE2, 0x80, 0x98 | 0x99 | 0x9C | 0x9D | 0x93 | 0x94 | 0xA6]))
}

/// ‘ or ’ at `i`.
fn curly_apostrophe_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 3), Some([0xE2, 0x80, 0x98 | 0x99]))
}

/// UAX #29 word boundaries restricted to ASCII (plus [`common_wide_at`] characters), which is
/// most text and four times faster than the general tables: letters, digits and `_` form
/// words; `'`, `’` and `.` join letters or digits (`don't`, `e.g`, `2.4`), `:` joins letters
/// (`a:b`), `,` and `;` join digits (`1,200`); every other non-space character is a token of
/// its own. `mixed_text_tokenizes_as_the_unicode_tables_do_on_the_whole` checks it.
fn tokenize_ascii(s: &str, base: usize, out: &mut Vec<Token>) {
    let b = s.as_bytes();
    let word = is_word_byte;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Not `is_ascii_whitespace`, which leaves out the vertical tab the Unicode tables skip.
        if is_ascii_space(c) {
            i += 1;
            continue;
        }
        if !word(c) {
            // A byte, or a common wide character (the only non-ASCII ones this path is given).
            let (ch, len) = if c.is_ascii() {
                (c as char, 1)
            } else {
                s[i..].chars().next().map_or((c as char, 1), |ch| (ch, ch.len_utf8()))
            };
            let kind = if is_punctuation(ch) { TokenKind::Punct } else { TokenKind::Symbol };
            out.push(Token { span: Span::new(base + i, base + i + len), kind });
            i += len;
            continue;
        }
        let start = i;
        // The classes of the word's bytes, or-ed: whether it has a letter.
        let mut classes = 0;
        loop {
            // One table look-up per byte: this loop reads nearly every byte of a text.
            let stop = loop {
                let Some(&c) = b.get(i) else { break 0 };
                let class = ASCII_CLASS[usize::from(c)];
                if class & WORD == 0 {
                    break class;
                }
                classes |= class;
                i += 1;
            };
            // A joiner continues the word only between the right kinds of characters (most
            // words end at a space: one bit tells).
            let joiner_len = if stop & JOINER != 0 {
                1
            } else if curly_apostrophe_at(b, i) {
                3
            } else {
                0
            };
            if joiner_len > 0 && i + joiner_len < b.len() && word(b[i + joiner_len]) {
                let (prev, next) = (b[i - 1], b[i + joiner_len]);
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
                let digits = prev.is_ascii_digit() && next.is_ascii_digit();
                // UAX #29: `:` is MidLetter, `.`, ‘ and ’ MidNumLet, `'` Single_Quote (all
                // three join both), `,` and `;` MidNum (WB6, WB7, WB11, WB12).
                let joins = match b[i] {
                    b'\'' | b'.' | 0xE2 => letters || digits,
                    b':' => letters,
                    b',' | b';' => digits,
                    _ => false,
                };
                if joins {
                    i += joiner_len;
                    continue;
                }
            }
            break;
        }
        // As the Unicode path types a piece: a letter makes a word; otherwise its first
        // character decides (`_1` is punctuation there, like `_`).
        let kind = if classes & ALPHA != 0 {
            TokenKind::Word
        } else if b[start].is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        out.push(Token { span: Span::new(base + start, base + i), kind });
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~')
        || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»' | '。' | '、' | '，')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Guards `swar::has_byte` and `swar::has_byte_below` against a byte-by-byte look, on
    /// words with the byte sought in every position, next to zeros and bytes from 0x80 up.
    #[test]
    fn swar_byte_tests_agree_with_a_byte_by_byte_look() {
        let rows: [[u8; 8]; 7] = [
            *b"abcdefgh",
            *b"ab\"defgh",
            *b"abcdefg\\",
            [0, 0x22, 0x80, 0xff, 0x1f, 0x20, 0xe2, 0x80],
            [0xe2, 0x80, 0x9c, 0xc3, 0xa9, 0x7f, 0x21, 0x5b],
            [0x9c, 0xa2, 0xdc, 0x5d, 0x5c, 0x41, 0x41, 0x41],
            [0x23, 0x01, 0x22, 0x22, 0x00, 0x5c, 0xa0, 0x20],
        ];
        for row in rows {
            for shift in 0..8 {
                let mut bytes = row;
                bytes.rotate_left(shift);
                let word = u64::from_le_bytes(bytes);
                for b in [0u8, b'"', b'\\', 0x80, 0xff, 0x41] {
                    assert_eq!(swar::has_byte(word, b), bytes.contains(&b), "{bytes:?} {b:#x}");
                }
                for limit in [0x01, 0x20, 0x23, 0x80] {
                    let below = bytes.iter().any(|&x| x < limit);
                    assert_eq!(swar::has_byte_below(word, limit), below, "{bytes:?} {limit:#x}");
                }
            }
        }
    }

    proptest! {
        /// Guards the cuts of `tokenize` and the ASCII fast path: any text gives the tokens the
        /// Unicode tables give for the whole of it.
        #[test]
        fn mixed_text_tokenizes_as_the_unicode_tables_do_on_the_whole(
            text in proptest::collection::vec(prop_oneof![
                proptest::sample::select(vec![
                    "a", "Led", "don't", "e.g", "2.4", "1,200", "x_y", "_", "__1", ".", ",", "'",
                    "-", "$", "%", ":", ";", "9:30", "Q3", "#", "(", ")", " ", " ", "  ", "\n",
                    "\r\n", "\t", "\u{b}", "\u{c}", "’", "“", "”", "—", "–", "…", "é", "café",
                    "\u{301}", "\u{200d}", "\u{a0}", "\u{2009}", "👍", "🇬🇧", "数据", "٣", "ſ",
                    "\u{feff}",
                ]).prop_map(str::to_owned),
                // Any ASCII at all, control characters included.
                "[\\x00-\\x7f]{1,3}",
            ], 1..30)
        ) {
            let text: String = text.concat();
            let mut got = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut got);
            let mut expected = Vec::new();
            tokenize_unicode(&text, 0, &mut expected);
            prop_assert_eq!(got, expected, "tokenizing {:?}", text);
        }
    }

    proptest! {
        /// Guards the fast path of `collapse_whitespace`: the same as joining
        /// `split_whitespace` with single spaces, on any mix of ASCII, Unicode spaces and
        /// multi-byte characters.
        #[test]
        fn collapse_whitespace_joins_what_split_whitespace_splits(
            text in proptest::collection::vec(prop_oneof![
                proptest::sample::select(vec![
                    " ", "  ", "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{85}", "\u{a0}",
                    "\u{2003}", "\u{3000}", "’", "—", "é", "数据", "👍", "Led", "12.5%", "x",
                ]).prop_map(str::to_owned),
                "[\\x00-\\x7f]{1,4}",
            ], 0..30)
        ) {
            let text: String = text.concat();
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_whitespace(&text), expected, "collapsing {:?}", text);
        }
    }

    #[test]
    fn collapse_whitespace_keeps_words_and_one_space_between() {
        for (text, expected) in [
            ("", ""),
            ("  \t\n ", ""),
            ("one", "one"),
            ("  Led\n  the\tteam \u{a0}of 12.  ", "Led the team of 12."),
            ("数据 —\r\n增长", "数据 — 增长"),
            ("a\x0bb\x0cc\u{85}d", "a b c d"),
            (" \x0b tab\tand\x0cform ", "tab and form"),
            // One line of ASCII: the fast path's every condition.
            ("Led the team of 12.", "Led the team of 12."),
            ("Led  the team", "Led the team"),
            (" Led the team", "Led the team"),
            ("Led the team ", "Led the team"),
            ("Led\tthe team", "Led the team"),
            ("Led\x0bthe\x0cteam", "Led the team"),
            ("Led the ’team’", "Led the ’team’"),
            // Eight bytes at a time, then the rest byte by byte: a double space in the rest,
            // and one across two words of eight ("Led the " then " team").
            ("Led the team  x", "Led the team x"),
            ("Led the  team of 12", "Led the team of 12"),
            ("Led the	team of 12", "Led the team of 12"),
            // Words of eight with a wide character are read byte by byte: a Unicode space
            // after a dash, a double space after one, one across the word's end.
            ("Led — the team of 12", "Led — the team of 12"),
            ("Led —\u{a0}the team", "Led — the team"),
            ("Led —  the team", "Led — the team"),
            ("Led the — \u{2003}team", "Led the — team"),
            ("’Led’ the team\u{3000}", "’Led’ the team"),
        ] {
            assert_eq!(collapse_whitespace(text), expected, "collapsing {text:?}");
        }
    }

    #[test]
    fn tokens_match_the_unicode_segmenter_on_ascii_and_common_wide_characters() {
        let samples = [
            "Grew ARR $2.4M (40%) in Q3, e.g. for B2B; don't stop. 1,200 users; 3x faster!",
            "I'm a PM -- at Acme_Co. v2.0.1 shipped: 10/12 tests, #1 rank, a.b.c 5.5.5",
            "word's 'quoted' 12,5 1.2.3 x_y 9am ... ?! trailing.",
            // Curly quotes, dashes and the ellipsis take this path too.
            "I’m the PM’s lead — “don’t” ‘ship’ 2’4 a’4 ’s–x… end’",
        ];
        for text in samples {
            assert!(text.is_ascii() || only_common_wide(text.as_bytes()), "{text}");
            let mut fast = Vec::new();
            tokenize_ascii(text, 0, &mut fast);
            let mut slow = Vec::new();
            tokenize_unicode(text, 0, &mut slow);
            let show =
                |v: &[Token]| v.iter().map(|t| (t.span.slice(text), t.kind)).collect::<Vec<_>>();
            assert_eq!(show(&fast), show(&slow), "{text}");
        }
    }

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
