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

/// Label acronyms that are also everyday words ("LED lighting" vs "led the
/// team"): they match only when the sentence writes them in capitals.
const CAPITALS_ONLY: &[&str] = &["aim", "cam", "it", "led", "us"];

/// The key a word is indexed under: an acronym from [`CAPITALS_ONLY`] written
/// in capitals keeps a marker so that the lower-case word cannot reach it.
pub(crate) fn acronym_key(surface: &str) -> Option<String> {
    let lower = surface.to_lowercase();
    (surface.len() >= 2
        && surface.chars().all(|c| c.is_ascii_uppercase())
        && CAPITALS_ONLY.contains(&lower.as_str()))
    .then(|| format!("={lower}"))
}

/// Words as written (case kept), for acronym checks.
pub(crate) fn surface_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Stems of the words that carry meaning.
pub fn content_words(text: &str) -> Vec<String> {
    let mut stems = Stems::new();
    normalise_words(text)
        .iter()
        .filter(|w| !is_stop_word(w))
        .map(|w| stems.stem(w).to_string())
        .collect()
}

/// Past forms a stemmer cannot undo, common in resumes ("led", "built").
const IRREGULAR: &[(&str, &str)] = &[
    ("began", "begin"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("built", "build"),
    ("chose", "choose"),
    ("drew", "draw"),
    ("drove", "drive"),
    ("fought", "fight"),
    ("found", "find"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("held", "hold"),
    ("kept", "keep"),
    ("led", "lead"),
    ("made", "make"),
    ("met", "meet"),
    ("oversaw", "oversee"),
    ("ran", "run"),
    ("rebuilt", "rebuild"),
    ("rewrote", "rewrite"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("taught", "teach"),
    ("thought", "think"),
    ("took", "take"),
    ("won", "win"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Snowball stems of already normalised words, in order.
pub fn stem_words(words: &[String]) -> Vec<String> {
    let mut stems = Stems::new();
    words.iter().map(|w| stems.stem(w).to_string()).collect()
}

/// A stemmer that remembers: building the lexical index stems the same few
/// thousand words hundreds of thousands of times.
pub(crate) struct Stems {
    stemmer: Stemmer,
    memo: std::collections::HashMap<String, String>,
}

impl Stems {
    pub(crate) fn new() -> Stems {
        Stems { stemmer: Stemmer::create(Algorithm::English), memo: Default::default() }
    }

    pub(crate) fn stem(&mut self, word: &str) -> &str {
        if !self.memo.contains_key(word) {
            let base = IRREGULAR
                .binary_search_by(|(past, _)| past.cmp(&word))
                .map_or(word, |i| IRREGULAR[i].1);
            let stem = self.stemmer.stem(base).into_owned();
            self.memo.insert(word.to_string(), stem);
        }
        &self.memo[word]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn irregular_past_forms_are_sorted_and_meet_their_present() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
        let words = |t: &str| stem_words(&normalise_words(t));
        assert_eq!(words("led built"), words("lead build"));
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
