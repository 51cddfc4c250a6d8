//! The ten-second scan: what a recruiter's first look reaches, and the one sentence they take
//! away.
//!
//! **The model.** A scan lasts [`SCAN_SECONDS`] (the method's "10-second scan") at a skimming
//! speed of [`SKIM_WPM`] words a minute (Carver, *Reading Rate*, 1990/1992: about 450 wpm for
//! skimming, against about 300 for normal reading), so it reaches [`budget_words`] words. It
//! follows the F-pattern seen in eye-tracking studies of web pages and resumes (Nielsen, "F-Shaped
//! Pattern For Reading Web Content", 2006; The Ladders eye-tracking study, 2018): the reader takes
//! the first [`TOP_BLOCKS`] prose blocks in full, with [`TOP_SHARE`] of the budget at most (the F's top bars), then
//! runs down the left edge reading the first [`STEM_WORDS`] words of each following block (the
//! F's stem) until the budget is spent. Headings are read as they come.
//!
//! **The summary** is the sentence that best carries target + outcome + proof (see
//! [`summary_score`]), preferring sentences the scan reaches.

use crate::signals::SentenceSignals;
use pivot_text::{BlockKind, Document, Span};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::BTreeSet;

/// How long a first look lasts, in seconds.
pub const SCAN_SECONDS: f64 = 10.0;
/// Skimming speed, words per minute.
pub const SKIM_WPM: f64 = 450.0;
/// Words of each block the F's stem reaches.
pub const STEM_WORDS: usize = 3;
/// Share of the budget spent on the opening blocks.
pub const TOP_SHARE: f64 = 0.6;
/// Prose blocks read in full at the top (headings do not count).
pub const TOP_BLOCKS: usize = 2;

/// Words a scan reaches.
pub fn budget_words() -> usize {
    (SCAN_SECONDS * SKIM_WPM / 60.0).round() as usize
}

/// A run of consecutive words the scan reached.
#[derive(Debug, Clone, Serialize)]
pub struct Reached {
    /// Where.
    pub span: Span,
    /// The words.
    pub text: String,
}

/// The sentence taken as the summary, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The sentence.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// 0–1: how well it carries target, outcome and proof.
    pub score: f64,
    /// Whether the scan reaches all of it.
    pub in_scan: bool,
    /// What it carries: `target`, `outcome`, `metric`, `proof`, `leadership`.
    pub carries: Vec<&'static str>,
}

/// How close the summary is to the one the pivoter intends.
#[derive(Debug, Clone, Serialize)]
pub struct Closeness {
    /// The intended summary, as given.
    pub intended: String,
    /// 0–1.
    pub similarity: f64,
    /// How it was measured (`lexical` now; `embedding` when the model is installed).
    pub method: &'static str,
    /// Content words both share.
    pub shared: Vec<String>,
    /// Content words of the intended summary the extracted one lacks.
    pub missing: Vec<String>,
}

/// The result of the scan.
#[derive(Debug, Clone, Serialize)]
pub struct Scan {
    /// The model's parameters: seconds.
    pub seconds: f64,
    /// The model's parameters: words per minute.
    pub wpm: f64,
    /// Words the scan can reach.
    pub budget_words: usize,
    /// Words in the document.
    pub words_total: usize,
    /// Words the scan reached.
    pub words_reached: usize,
    /// Seconds a skim of the whole text would take.
    pub seconds_to_skim_all: f64,
    /// What the scan reached, as runs of words.
    pub reached: Vec<Reached>,
    /// The extracted one-sentence summary.
    pub summary: Option<Summary>,
    /// Closeness to `--intended`, when given.
    pub intended: Option<Closeness>,
}

/// Compares two short texts, 0–1. The lexical one ships now; an embedding model plugs in
/// behind the same trait.
pub trait Similarity {
    /// A short name for output (`lexical`).
    fn name(&self) -> &'static str;
    /// Similarity of `a` and `b`, 0 (unrelated) to 1 (same meaning).
    fn similarity(&self, a: &str, b: &str) -> f64;
}

/// Cosine similarity of stemmed content words.
pub struct Lexical;

impl Similarity for Lexical {
    fn name(&self) -> &'static str {
        "lexical"
    }

    fn similarity(&self, a: &str, b: &str) -> f64 {
        let (a, b) = (content_stems(a), content_stems(b));
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let shared = a.iter().filter(|(s, _)| b.iter().any(|(t, _)| t == s)).count() as f64;
        shared / ((a.len() as f64).sqrt() * (b.len() as f64).sqrt())
    }
}

const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "its", "just", "me", "more",
    "most", "my", "myself", "no", "not", "of", "on", "one", "or", "our", "out", "over", "she",
    "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
    "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "will", "with", "would", "you", "your",
];

/// Distinct (stem, first surface form) pairs of the content words of `text`, sorted by stem.
fn content_stems(text: &str) -> Vec<(String, String)> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let lower = word.to_lowercase().replace('’', "'");
        if lower.is_empty() || STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        let stem = stemmer.stem(&lower).into_owned();
        if seen.insert(stem.clone()) {
            out.push((stem, word.to_owned()));
        }
    }
    out.sort();
    out
}

/// Closeness of the summary to the intended one, with the words behind the figure.
pub fn closeness(sim: &dyn Similarity, summary: &str, intended: &str) -> Closeness {
    let have = content_stems(summary);
    let want = content_stems(intended);
    let (shared, missing): (Vec<_>, Vec<_>) =
        want.into_iter().partition(|(s, _)| have.iter().any(|(t, _)| t == s));
    Closeness {
        intended: intended.to_owned(),
        similarity: round3(sim.similarity(summary, intended)),
        method: sim.name(),
        shared: shared.into_iter().map(|(_, w)| w).collect(),
        missing: missing.into_iter().map(|(_, w)| w).collect(),
    }
}

pub(crate) fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Marks the words the scan reaches; returns their token indices.
pub(crate) fn reached_tokens(doc: &Document) -> Vec<usize> {
    let budget = budget_words();
    let top_budget = (budget as f64 * TOP_SHARE).round() as usize;
    let mut out = Vec::new();
    // A block's word tokens, in order; taken lazily, as the stem reads a few words of each.
    let words_of = |b: &pivot_text::Block| {
        let s = &doc.sentences[b.sentences.clone()];
        let tokens = s.first().zip(s.last()).map_or(0..0, |(f, l)| f.tokens.start..l.tokens.end);
        tokens.filter(|&i| doc.tokens[i].is_wordlike())
    };
    let mut used = 0;
    let mut blocks = doc.blocks.iter().peekable();
    // The F's top bars: the opening blocks, up to TOP_BLOCKS of prose.
    let mut prose_blocks = 0;
    while let Some(b) = blocks.peek() {
        if prose_blocks == TOP_BLOCKS {
            break;
        }
        prose_blocks += usize::from(b.kind != BlockKind::Heading);
        let room = top_budget.saturating_sub(used);
        if room == 0 {
            break;
        }
        let before = out.len();
        let mut words = words_of(b);
        out.extend(words.by_ref().take(room));
        used += out.len() - before;
        blocks.next();
        if words.next().is_some() {
            break;
        }
    }
    // The F's stem: the first words of each following block (all of a heading, which is short).
    for b in blocks {
        if used >= budget {
            break;
        }
        let want = if b.kind == BlockKind::Heading { 6 } else { STEM_WORDS };
        let before = out.len();
        out.extend(words_of(b).take(want.min(budget - used)));
        used += out.len() - before;
    }
    out
}

/// How well a sentence serves as the summary, 0–1, with what it carries.
///
/// Target (a level title: "Director of Product") 0.25, with a cue pointing at the move 0.15
/// more; a measured outcome 0.25; proof of work 0.1; leadership 0.05; sentences over 35 words
/// lose up to 0.2, under 5 words 0.2. The scan adds 0.15 to a sentence it reaches whole.
pub fn summary_score(s: &SentenceSignals, words: usize) -> (f64, Vec<&'static str>) {
    let mut carries = Vec::new();
    let score = summary_points(s, words, |part| carries.push(part));
    (score, carries)
}

/// [`summary_score`] handing each part carried to `carry`: the scan scores every sentence
/// and lists the parts of the winner only.
fn summary_points(s: &SentenceSignals, words: usize, mut carry: impl FnMut(&'static str)) -> f64 {
    let mut score = 0.0;
    if !s.level_title.is_empty() {
        score += if s.cue.is_empty() { 0.25 } else { 0.4 };
        carry("target");
    }
    if s.is_measured_outcome() {
        score += 0.25;
        carry("outcome");
        carry("metric");
    } else if !s.outcome.is_empty() {
        score += 0.05;
        carry("outcome");
    }
    if !s.proof.is_empty() {
        score += 0.1;
        carry("proof");
    }
    if !s.leadership.is_empty() {
        score += 0.05;
        carry("leadership");
    }
    // A summary is one breath: long sentences are not remembered whole.
    if words > 35 {
        score -= 0.1 * ((words - 35) as f64 / 15.0).min(2.0);
    }
    if words < 5 {
        score -= 0.2;
    }
    score.clamp(0.0, 1.0)
}

/// An e-mail address or a web address (a profile URL) in the sentence. Every sentence is
/// asked: the searchers are built once (`str::contains` sets one up per call).
fn is_contact_line(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static WEB: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| [Finder::new("://"), Finder::new("www."), Finder::new(".com/")]);
    let b = text.as_bytes();
    memchr::memchr(b'@', b).is_some() || WEB.iter().any(|f| f.find(b).is_some())
}

/// Runs the scan.
pub(crate) fn scan(doc: &Document, signals: &[SentenceSignals]) -> Scan {
    let reached = reached_tokens(doc);
    debug_assert!(reached.is_sorted_by(|a, b| a < b), "reached words are in text order, once");
    let mut runs: Vec<Reached> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in &reached {
        let span = doc.tokens[i].span;
        let continues = prev.is_some_and(|p| {
            doc.tokens[p + 1..i].iter().all(|t| !t.is_wordlike())
                && doc.sentences.iter().any(|s| s.tokens.contains(&p) && s.tokens.contains(&i))
        });
        match runs.last_mut() {
            Some(run) if continues => run.span.end = span.end,
            _ => runs.push(Reached { span, text: String::new() }),
        }
        prev = Some(i);
    }
    for run in &mut runs {
        run.text = pivot_text::collapse_whitespace(doc.text(run.span));
    }
    let mut best: Option<(f64, usize, usize, bool)> = None;
    for (i, s) in signals.iter().enumerate() {
        if s.heading {
            continue;
        }
        let sentence = &doc.sentences[i];
        let words = sentence.tokens.clone().filter(|&t| doc.tokens[t].is_wordlike()).count();
        // `reached` is sorted and holds only word tokens: the sentence is reached whole when
        // as many of them fall in its token range as it has words.
        let reached_here = reached.partition_point(|&t| t < sentence.tokens.end)
            - reached.partition_point(|&t| t < sentence.tokens.start);
        let in_scan = words > 0 && reached_here == words;
        let mut score = summary_points(s, words, |_| {});
        // A contact line (e-mail, profile URL) is never what a reader takes away.
        let text = doc.text(sentence.span);
        if is_contact_line(text) {
            score -= 0.5;
        }
        if in_scan {
            score += 0.15;
        }
        // Strictly greater: the earliest of equals wins, as a reader meets it first.
        if best.as_ref().is_none_or(|(b, ..)| score > *b) {
            best = Some((score, i, words, in_scan));
        }
    }
    let summary = best.map(|(score, i, words, in_scan)| {
        let span = doc.sentences[i].span;
        let (_, carries) = summary_score(&signals[i], words);
        Summary {
            text: pivot_text::collapse_whitespace(doc.text(span)),
            span,
            score: round3(score.min(1.0)),
            in_scan,
            carries,
        }
    });
    let words_total = doc.word_count();
    Scan {
        seconds: SCAN_SECONDS,
        wpm: SKIM_WPM,
        budget_words: budget_words(),
        words_total,
        words_reached: reached.len(),
        seconds_to_skim_all: round3(words_total as f64 * 60.0 / SKIM_WPM),
        reached: runs,
        summary,
        intended: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A contact line is never the summary: e-mail and web addresses, not slashes or dots.
    #[test]
    fn contact_lines_are_told_by_their_addresses() {
        let cases = [
            ("jane.doe@example.org | +1 555 0100", true),
            ("https://janedoe.dev", true),
            ("Portfolio: www.janedoe.dev", true),
            ("linkedin.com/in/janedoe", true),
            ("Ran A/B tests on pricing.", false),
            ("Grew revenue 40% in 2.5 quarters.", false),
            ("", false),
        ];
        for (text, contact) in cases {
            assert_eq!(is_contact_line(text), contact, "{text:?}");
        }
    }

    #[test]
    fn lexical_similarity_uses_stems_and_ignores_stop_words() {
        let l = Lexical;
        assert!(
            (l.similarity("Leading growth teams", "I lead the growth team") - 1.0).abs() < 1e-9
        );
        assert_eq!(l.similarity("pricing", "hiring"), 0.0);
        assert_eq!(l.similarity("", "x"), 0.0);
        let c = closeness(
            &l,
            "Director of Product who grew revenue",
            "Director who grew fintech revenue",
        );
        assert_eq!(c.missing, ["fintech"]);
    }

    #[test]
    fn scan_reads_the_top_then_the_left_edge() {
        let text = "# Ana\n\nSenior PM moving into a Director of Product role in fintech.\n\n"
            .to_owned()
            + &"- Grew payments revenue 40% with a team of 12 engineers across two regions\n"
                .repeat(20);
        let doc = Document::parse(&text, pivot_text::Format::Markdown);
        let reached = reached_tokens(&doc);
        assert!(reached.len() <= budget_words());
        // Every bullet's first words are reached before the budget runs out, not its tail.
        let texts: Vec<&str> = reached.iter().map(|&i| doc.text(doc.tokens[i].span)).collect();
        assert!(texts.contains(&"fintech"));
        // Two prose blocks are read whole (the intro and the first bullet); after that only
        // the left edge: each later bullet's first words, never its tail.
        assert_eq!(texts.iter().filter(|t| **t == "regions").count(), 1);
        assert!(texts.iter().filter(|t| **t == "Grew").count() > 3);
    }
}
