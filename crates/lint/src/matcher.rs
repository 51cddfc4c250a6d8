//! Compiled matchers: phrases, word classes, patterns and quantities → spans in a document.

use crate::phrase::{PhraseHits, PhraseRegistry};
use crate::role::{Level, RoleClass, RolePack};
use crate::rule::MatcherDef;
use pivot_text::embedded::{EmbeddedRegex, embedded_regex};
use pivot_text::{Document, Quantity, QuantityKind, ScopeKind, Span};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use std::collections::BTreeMap;

/// A pattern, searched with the `regex` crate's own engine (regex-automata's meta regex, same
/// syntax and same matches) or, for the built-in style, with DFAs that build.rs compiled from
/// the same pattern string (leftmost-first, like the meta regex).
///
/// A meta regex is built without explicit capture groups and without a full DFA, which the
/// matchers never use: compiling those was most of a style load, and every `pivot check`
/// process pays that load. The lazy DFA still does the searching.
///
/// The built-in style's patterns are prebuilt: compiling them was a quarter of a one-resume
/// `pivot check` process (5.6 M instructions and ~230 page faults, most of them regex-automata
/// zeroing a 400 KB map for each pattern with a Unicode class). Every other pattern (a user's
/// style) compiles at load, so a broken one fails with its file and field.
#[derive(Debug, Clone)]
pub(crate) struct Regex(std::sync::Arc<Engine>);

#[derive(Debug)]
enum Engine {
    Meta(meta::Regex),
    Prebuilt(Box<EmbeddedRegex>),
}

mod prebuilt {
    use pivot_text::embedded::Aligned;
    /// A pattern string and its forward and reverse DFA.
    pub(crate) type Entry = (&'static str, &'static Aligned<[u8]>, &'static Aligned<[u8]>);
    include!(concat!(env!("OUT_DIR"), "/builtin_dfas.rs"));
}

fn prebuilt_index(pattern: &str) -> Option<usize> {
    prebuilt::PREBUILT.binary_search_by(|(p, _, _)| (*p).cmp(pattern)).ok()
}

/// Whether build.rs compiled `pattern` into DFAs.
fn is_prebuilt(pattern: &str) -> bool {
    prebuilt_index(pattern).is_some()
}

/// The DFAs build.rs compiled for `pattern`, if it did.
fn prebuilt(pattern: &str) -> Option<EmbeddedRegex> {
    let (_, forward, reverse) = prebuilt::PREBUILT[prebuilt_index(pattern)?];
    // SAFETY: build.rs wrote both with this regex-automata;
    // `prebuilt_dfas_validate_and_match_as_the_meta_regex` validates every one.
    Some(unsafe { embedded_regex(forward, reverse) })
}

#[cfg(test)]
thread_local! {
    /// Patterns of this thread's loads that had no prebuilt DFA (see the test).
    static NOT_PREBUILT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Regex {
    fn build(pattern: &str) -> Result<Engine, String> {
        if let Some(dfa) = prebuilt(pattern) {
            return Ok(Engine::Prebuilt(Box::new(dfa)));
        }
        #[cfg(test)]
        NOT_PREBUILT.with(|v| v.borrow_mut().push(pattern.to_owned()));
        Regex::build_meta(pattern).map(Engine::Meta)
    }

    fn build_meta(pattern: &str) -> Result<meta::Regex, String> {
        // The size limits are the `regex` crate's defaults.
        let config = meta::Config::new()
            .which_captures(WhichCaptures::Implicit)
            .dfa(false)
            // Literal prefilters pay off on long haystacks; a check searches short documents,
            // and building them (with the reverse-suffix and reverse-inner NFAs they enable)
            // was 5 M instructions of each `pivot check` process.
            .auto_prefilter(false)
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20));
        meta::Builder::new().configure(config).build(pattern).map_err(|e| e.to_string())
    }

    /// The prebuilt DFAs of `pattern`, or the pattern compiled now.
    pub(crate) fn new(pattern: &str) -> Result<Regex, regex::Error> {
        match Regex::build(pattern) {
            Ok(engine) => Ok(Regex(std::sync::Arc::new(engine))),
            // The `regex` crate words the error (it fails wherever this build fails).
            Err(e) => Err(regex::Regex::new(pattern).err().unwrap_or(regex::Error::Syntax(e))),
        }
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        match &*self.0 {
            Engine::Meta(re) => re.is_match(text),
            Engine::Prebuilt(re) => re.is_match(text),
        }
    }

    /// Non-empty matches, leftmost-first, as `regex::Regex::find_iter` gives them.
    pub(crate) fn find_spans<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Span> + 'a {
        self.find_spans_in(text, Span::new(0, text.len()))
    }

    /// Non-empty matches inside `area` of `text`, leftmost-first from its start; assertions
    /// such as `\b` still see the bytes around it.
    pub(crate) fn find_spans_in<'a>(
        &'a self,
        text: &'a str,
        area: Span,
    ) -> impl Iterator<Item = Span> + 'a {
        let input = regex_automata::Input::new(text).range(area.start..area.end);
        let (meta, prebuilt) = match &*self.0 {
            Engine::Meta(re) => (Some(re.find_iter(input)), None),
            Engine::Prebuilt(re) => (None, Some(re.find_iter(input))),
        };
        meta.into_iter()
            .flatten()
            .chain(prebuilt.into_iter().flatten())
            .filter(|m| !m.is_empty())
            .map(|m| Span::from(m.range()))
    }
}

thread_local! {
    /// The regexes of the load in progress on this thread, by pattern (see [`LoadCache`]).
    static LOAD_CACHE: std::cell::RefCell<Option<std::collections::HashMap<String, Regex>>> =
        const { std::cell::RefCell::new(None) };
}

/// While alive, identical patterns compile once. Scoped to one load so that every load pays
/// its own way (and benchmarks measure a real load).
pub(crate) struct LoadCache;

impl LoadCache {
    pub(crate) fn start() -> LoadCache {
        LOAD_CACHE.with(|c| *c.borrow_mut() = Some(Default::default()));
        LoadCache
    }
}

impl Drop for LoadCache {
    fn drop(&mut self) {
        LOAD_CACHE.with(|c| *c.borrow_mut() = None);
    }
}

pub(crate) fn compile_cached(pattern: &str) -> Result<Regex, regex::Error> {
    let cached = LOAD_CACHE.with(|c| c.borrow().as_ref().and_then(|m| m.get(pattern).cloned()));
    if let Some(re) = cached {
        return Ok(re);
    }
    let re = Regex::new(pattern)?;
    LOAD_CACHE.with(|c| {
        if let Some(cache) = c.borrow_mut().as_mut() {
            cache.insert(pattern.to_owned(), re.clone());
        }
    });
    Ok(re)
}

/// Which quantities a matcher accepts.
#[derive(Debug, Clone, Default)]
struct QuantityFilter {
    any: bool,
    metric: bool,
    scope: bool,
    kinds: Vec<QuantityKind>,
    scopes: Vec<ScopeKind>,
}

impl QuantityFilter {
    fn parse(names: &[String]) -> Result<QuantityFilter, String> {
        let mut f = QuantityFilter::default();
        for name in names {
            match name.as_str() {
                "any" => f.any = true,
                "metric" => f.metric = true,
                "scope" => f.scope = true,
                other => {
                    if let Some(scope) = other.strip_prefix("scope:") {
                        f.scopes.push(scope_kind(scope).ok_or_else(|| {
                            format!("unknown scope `{scope}`; known: team_size, budget, revenue, user_base, teams, products, regions")
                        })?);
                    } else {
                        f.kinds.push(quantity_kind(other).ok_or_else(|| {
                            format!("unknown quantity `{other}`; known: any, metric, scope, percent, money, multiplier, count, time_span, rate, before_after, scope:<kind>")
                        })?);
                    }
                }
            }
        }
        Ok(f)
    }

    fn is_empty(&self) -> bool {
        !self.any && !self.metric && !self.scope && self.kinds.is_empty() && self.scopes.is_empty()
    }

    fn accepts(&self, q: &Quantity) -> bool {
        self.any
            || (self.metric && is_metric(q))
            || (self.scope && q.scope.is_some())
            || self.kinds.contains(&q.kind)
            || q.scope.is_some_and(|s| self.scopes.contains(&s))
    }
}

/// A measured result: any quantity but a bare time span or rate ("in 6 months" alone proves
/// nothing), and not a bare count without a scope ("3 projects").
pub fn is_metric(q: &Quantity) -> bool {
    match q.kind {
        QuantityKind::TimeSpan | QuantityKind::Rate => false,
        QuantityKind::Count => q.scope.is_some(),
        _ => true,
    }
}

fn quantity_kind(name: &str) -> Option<QuantityKind> {
    Some(match name {
        "percent" => QuantityKind::Percent,
        "money" => QuantityKind::Money,
        "multiplier" => QuantityKind::Multiplier,
        "count" => QuantityKind::Count,
        "time_span" => QuantityKind::TimeSpan,
        "rate" => QuantityKind::Rate,
        "before_after" => QuantityKind::BeforeAfter,
        _ => return None,
    })
}

fn scope_kind(name: &str) -> Option<ScopeKind> {
    Some(match name {
        "team_size" => ScopeKind::TeamSize,
        "budget" => ScopeKind::Budget,
        "revenue" => ScopeKind::Revenue,
        "user_base" => ScopeKind::UserBase,
        "teams" => ScopeKind::Teams,
        "products" => ScopeKind::Products,
        "regions" => ScopeKind::Regions,
        _ => return None,
    })
}

/// A compiled matcher.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// The matcher's phrase group in the analyzer's phrase index.
    phrases: Option<usize>,
    /// User patterns apart from phrases: a Unicode `\b` in one would slow every phrase down.
    patterns: Option<Regex>,
    role_classes: Vec<RoleClass>,
    quantities: QuantityFilter,
}

/// What a matcher can see while matching: the document and the target.
#[derive(Clone, Copy)]
pub struct MatchCtx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The role pack in force.
    pub pack: &'a RolePack,
    /// The target level, when known.
    pub level: Option<&'a Level>,
    /// Every phrase group's matches in the document.
    pub hits: &'a PhraseHits,
}

impl Matcher {
    /// Compiles a matcher; `classes` are the style's word classes. The error names the field
    /// (`classes`, `patterns`, `quantities`) and the problem.
    pub fn compile(
        def: &MatcherDef,
        classes: &BTreeMap<String, Vec<String>>,
        registry: &mut PhraseRegistry,
    ) -> Result<Matcher, (&'static str, String)> {
        let mut role_classes = Vec::new();
        let mut word_classes: Vec<(&str, &[String])> = Vec::new();
        for class in &def.classes {
            if let Some(rc) = RoleClass::parse(class) {
                role_classes.push(rc);
            } else if let Some(words) = classes.get(class) {
                word_classes.push((class, words));
            } else {
                let known: Vec<&str> = classes.keys().map(String::as_str).collect();
                return Err((
                    "classes",
                    format!(
                        "unknown word class `{class}`; known: {}, role.titles, role.level_titles, level.titles, level.junior, level.senior, level.leadership, level.scope, level.audiences",
                        known.join(", ")
                    ),
                ));
            }
        }
        let phrase_set =
            registry.register_list(def.phrases.iter().map(String::as_str), &word_classes);
        // Compiling each pattern alone only to validate it cost half of a style load: parsing
        // finds the same syntax errors. When anything fails, the patterns are compiled one by
        // one as before, so the error names the same pattern with the same message.
        // A pattern with a DFA from build.rs is known good (and was parsed there).
        let source = crate::compose::any_of(&def.patterns);
        let parses = is_prebuilt(&source)
            || def.patterns.iter().all(|p| regex_syntax::Parser::new().parse(p).is_ok());
        let combined =
            if def.patterns.is_empty() || !parses { None } else { Some(compile_cached(&source)) };
        if !parses || combined.as_ref().is_some_and(Result::is_err) {
            for p in &def.patterns {
                regex::Regex::new(p)
                    .map_err(|e| ("patterns", format!("invalid regex `{p}`: {e}")))?;
            }
        }
        let patterns = combined.transpose().map_err(|e| ("patterns", e.to_string()))?;
        let quantities = QuantityFilter::parse(&def.quantities).map_err(|e| ("quantities", e))?;
        Ok(Matcher { phrases: phrase_set, patterns, role_classes, quantities })
    }

    /// True when the matcher can never match anything.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_none()
            && self.patterns.is_none()
            && self.role_classes.is_empty()
            && self.quantities.is_empty()
    }

    /// Every match in the document, sorted by position, without duplicates.
    pub fn find_all(&self, ctx: MatchCtx<'_>) -> Vec<Span> {
        self.find(ctx, None)
    }

    /// The matches that lie inside one of `areas` (sorted, not overlapping): patterns are
    /// searched there only, each area from its start, which is what a rule asks when only
    /// some units matter (a whole-text search of a style's patterns was a twentieth of a
    /// check).
    pub fn find_all_within(&self, ctx: MatchCtx<'_>, areas: &[Span]) -> Vec<Span> {
        self.find(ctx, Some(areas))
    }

    fn find(&self, ctx: MatchCtx<'_>, areas: Option<&[Span]>) -> Vec<Span> {
        let text = &ctx.doc.plain;
        let role_group = |class: RoleClass| match class {
            RoleClass::RoleTitles => ctx.pack.titles(),
            RoleClass::RoleLevelTitles => ctx.pack.level_titles(),
            other => ctx.level.and_then(|l| l.class(other)),
        };
        // Sized for every phrase, role and quantity match (a few more for patterns): growing
        // the list was a reallocation or two in most calls.
        let hits_of = |group: Option<usize>| group.map_or(0, |g| ctx.hits.group(g).len());
        let capacity = hits_of(self.phrases)
            + self.role_classes.iter().map(|&c| hits_of(role_group(c))).sum::<usize>()
            + if self.quantities.is_empty() { 0 } else { ctx.doc.quantities.len() }
            + if self.patterns.is_some() { 8 } else { 0 };
        let mut out: Vec<Span> = Vec::with_capacity(capacity);
        if let Some(group) = self.phrases {
            out.extend(ctx.hits.group(group).iter().map(|(span, _)| *span));
        }
        if let Some(re) = &self.patterns {
            match areas {
                None => out.extend(re.find_spans(text)),
                Some(areas) => {
                    for &area in areas {
                        out.extend(re.find_spans_in(text, area));
                    }
                }
            }
        }
        for &class in &self.role_classes {
            if let Some(group) = role_group(class) {
                out.extend(ctx.hits.group(group).iter().map(|(span, _)| *span));
            }
        }
        if !self.quantities.is_empty() {
            out.extend(
                ctx.doc
                    .quantities
                    .iter()
                    .filter(|q| self.quantities.accepts(q))
                    .map(|q| Span::from(q.span.clone())),
            );
        }
        if let Some(areas) = areas {
            out.retain(|m| {
                let i = areas.partition_point(|a| a.end < m.end);
                areas.get(i).is_some_and(|a| a.contains(*m))
            });
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts to compare the engines on: every example of the built-in style, and text with
    /// the characters that make the two kinds of automaton differ if anything does (Unicode
    /// spaces and letters, case folds such as `ſ` and `K` (Kelvin), word edges, digits).
    fn sample_texts() -> Vec<String> {
        let mut texts: Vec<String> = vec![
            "Grew revenue from $2M to $9M and cut churn from two weeks to three days.".into(),
            "from\u{a0}manual spreadsheet exports\u{2003}to a self-serve tool".into(),
            "FROM the team’s backlog, TO the board; from a to b. from one two three four five six to x".into(),
            "18,000+ small businesses; 40 000 Users; 3 new customers; 12 Schöne users".into(),
            "a half, Two Thirds, one quarters, halved, Doubling, quadrupled, ſcope, cutting the scope".into(),
            "I believe in data. I BELIEVE INto it. believe  in".into(),
            "quickly Kelvin-ly ſly érly 数据ly 🚀ly".into(),
            "redesigned ﬁxed ed given GIVEN gıven".into(),
            String::new(),
        ];
        for (_, text) in crate::analysis::builtin_style().files {
            let table: toml::Table = text.parse().expect("a built-in rule file parses");
            for ex in table.get("examples").and_then(|e| e.as_array()).into_iter().flatten() {
                for key in ["bad", "good"] {
                    if let Some(s) = ex.get(key).and_then(|s| s.as_str()) {
                        texts.push(s.to_owned());
                    }
                }
            }
        }
        texts
    }

    /// Guards `find_all_within`, which searches a rule's `unless` only in the units that
    /// hold a finding: inside those units it finds what the whole-text search finds, for
    /// every matcher of the built-in style on every sample text, units being sentences.
    #[test]
    fn matches_within_sentences_are_the_whole_text_matches_inside_them() {
        let analyzer = crate::Analyzer::builtin();
        let pack = &analyzer.packs()[0];
        // Matches that end where a sentence ends, with and without a closing mark.
        let ends = [
            "- Grew revenue 40\n- Cut churn by half\n- Revenue doubled\n- Ran it from day one to",
            "Improved retention 12. I believe in. Improved churn by half! Doubled it? Grew 3",
        ];
        for text in sample_texts().into_iter().chain(ends.map(String::from)) {
            let doc = Document::parse(&text, pivot_text::Format::Markdown);
            let hits = analyzer.phrases.scan(&crate::phrase::Normalized::new(&doc.plain));
            let ctx = MatchCtx { doc: &doc, pack, level: pack.levels.last(), hits: &hits };
            let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
            for rule in analyzer.rules().rules() {
                for m in [&rule.matcher, &rule.unless, &rule.when, &rule.must, &rule.must_not] {
                    let mut inside = m.find_all(ctx);
                    inside.retain(|x| sentences.iter().any(|s| s.contains(*x)));
                    assert_eq!(
                        m.find_all_within(ctx, &sentences),
                        inside,
                        "{} on {text:?}",
                        rule.id
                    );
                }
            }
        }
    }

    fn spans(engine: &Engine, text: &str) -> (bool, Vec<std::ops::Range<usize>>) {
        match engine {
            Engine::Meta(re) => {
                (re.is_match(text), re.find_iter(text).map(|m| m.range()).collect())
            }
            Engine::Prebuilt(re) => {
                (re.is_match(text), re.find_iter(text).map(|m| m.range()).collect())
            }
        }
    }

    fn assert_prebuilt_matches_meta(texts: &[String]) {
        for (pattern, forward, reverse) in prebuilt::PREBUILT {
            for bytes in [&forward.bytes, &reverse.bytes] {
                regex_automata::dfa::dense::DFA::from_bytes(bytes)
                    .expect("a prebuilt DFA validates");
            }
            let meta = Engine::Meta(Regex::build_meta(pattern).expect("it compiles"));
            let dfa = Engine::Prebuilt(Box::new(prebuilt(pattern).expect("it is prebuilt")));
            for text in texts {
                assert_eq!(spans(&meta, text), spans(&dfa, text), "{pattern} on {text:?}");
            }
        }
    }

    #[test]
    fn prebuilt_dfas_validate_and_match_as_the_meta_regex() {
        assert!(!prebuilt::PREBUILT.is_empty());
        assert_prebuilt_matches_meta(&sample_texts());
    }

    /// Pieces of the built-in patterns and the characters around which engines could differ.
    const PIECES: &[&str] = &[
        "from",
        "to",
        "To",
        "the",
        "scope",
        "cut",
        "half",
        "two",
        "thirds",
        "doubled",
        "users",
        "customers",
        "believe",
        "in",
        "first",
        "record",
        "18,000+",
        "3",
        "ſ",
        "K",
        "é",
        "数",
        ",",
        ";",
        ".",
        " ",
        "\u{a0}",
        "\n",
        "ly",
        "ed",
        "-",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn prebuilt_dfas_match_as_the_meta_regex_on_generated_text(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_owned),
                    "[a-zA-Z0-9 ]{1,6}",
                ],
                0..24,
            ),
            separators in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("  ")], 24),
        ) {
            let text: String =
                words.iter().zip(&separators).flat_map(|(w, s)| [w.as_str(), *s]).collect();
            assert_prebuilt_matches_meta(&[text]);
        }
    }

    #[test]
    fn every_pattern_of_the_builtin_style_is_prebuilt() {
        NOT_PREBUILT.with(|v| v.borrow_mut().clear());
        crate::Analyzer::new(
            &[crate::analysis::builtin_style()],
            &crate::analysis::builtin_roles(),
        )
        .expect("the built-in style loads");
        let missing = NOT_PREBUILT.with(|v| std::mem::take(&mut *v.borrow_mut()));
        assert_eq!(missing, Vec::<String>::new(), "patterns that compile at run time");
        // The record works: a pattern of the user's own compiles at load.
        assert!(Regex::new("(?i)novel[0-9]+").is_ok());
        assert_eq!(NOT_PREBUILT.with(|v| v.borrow().clone()), ["(?i)novel[0-9]+"]);
    }
}
