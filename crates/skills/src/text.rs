//! Words for matching: lower case, split on anything that is not a letter or
//! digit (keeping `c++`, `c#`, `.net`), stemmed with Snowball English.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to say anything about a skill.
const STOP_WORDS: &[&str] = &[
    "a", "about", "across", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "both", "but", "by", "can", "do", "e.g", "each", "etc", "for", "from", "has", "have",
    "how", "i.e", "in", "into", "is", "it", "its", "like", "more", "most", "must", "new", "of",
    "on", "or", "other", "our", "over", "per", "same", "should", "so", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "up", "us", "use", "used", "using", "various", "very", "was", "we", "well", "were", "what",
    "when", "where", "which", "while", "who", "will", "with", "within", "work", "would", "you",
    "your",
];

/// Lower-cased words in order, punctuation dropped.
pub fn normalise_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let keep = c.is_alphanumeric()
            || ((c == '+' || c == '#') && !word.is_empty())
            || (c == '.'
                && word.is_empty()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                && text_starts_dotnet(&chars[i..]));
        if keep {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn text_starts_dotnet(chars: &[char]) -> bool {
    let s: String = chars.iter().take(4).collect::<String>().to_lowercase();
    s == ".net"
}

pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Stems of the words that carry meaning.
pub fn content_words(text: &str) -> Vec<String> {
    stem_words(&normalise_words(text))
        .into_iter()
        .zip(normalise_words(text))
        .filter(|(_, w)| !is_stop_word(w))
        .map(|(s, _)| s)
        .collect()
}

/// Snowball stems of already normalised words, in order.
pub fn stem_words(words: &[String]) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    words.iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_keep_programming_language_names() {
        assert_eq!(
            normalise_words("C++, C# and .NET; Node.js — e-mail!"),
            ["c++", "c#", "and", ".net", "node", "js", "e", "mail"]
        );
        assert_eq!(content_words("Managing the budgets"), ["manag", "budget"]);
    }
}
