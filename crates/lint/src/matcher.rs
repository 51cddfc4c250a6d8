//! Compiled matchers: phrases, word classes, patterns and quantities → spans in a document.

use crate::role::{Level, RoleClass, RolePack};
use crate::rule::MatcherDef;
use pivot_text::{Document, Quantity, QuantityKind, ScopeKind, Span};
use regex::Regex;
use std::collections::BTreeMap;

/// One regex matching any of `phrases` as whole words, case-insensitive, longest first; a
/// space matches any whitespace and a hyphen also matches a space or no separator.
pub(crate) fn phrase_regex(phrases: &[String]) -> Option<Regex> {
    let alternation = phrase_alternation(phrases)?;
    // Phrases are escaped, so the only way to fail is the size limit: treat that as "no match"
    // rather than panic.
    compile_cached(&format!("(?i-u){alternation}")).ok()
}

thread_local! {
    /// Regexes compiled during the current load, by pattern (see [`LoadCache`]).
    static LOAD_CACHE: std::cell::RefCell<Option<std::collections::HashMap<String, Regex>>> =
        const { std::cell::RefCell::new(None) };
}

/// While alive, identical patterns compile once: the style, the signals and the role packs
/// share many word classes, and compiling is most of what loading costs. Scoped to one load so
/// that every load pays its own way (and benchmarks measure a real load).
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
    if let Some(re) = LOAD_CACHE.with(|c| c.borrow().as_ref().and_then(|m| m.get(pattern).cloned()))
    {
        return Ok(re);
    }
    let re = Regex::new(pattern)?;
    LOAD_CACHE.with(|c| {
        if let Some(m) = c.borrow_mut().as_mut() {
            m.insert(pattern.to_owned(), re.clone());
        }
    });
    Ok(re)
}

fn phrase_alternation(phrases: &[String]) -> Option<String> {
    let mut sorted: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted.into_iter().map(|p| phrase_pattern(p)).collect();
    Some(format!("(?:{})", parts.join("|")))
}

/// The pattern of one phrase, for a regex compiled without Unicode (`(?i-u)`): ASCII case
/// folding and word boundaries keep it small to compile and on the fast DFA engines; English
/// phrases need nothing more, and non-ASCII letters in a phrase still match literally.
fn phrase_pattern(phrase: &str) -> String {
    let phrase = phrase.trim();
    let mut out = String::new();
    let word_edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    if word_edge(phrase.chars().next()) {
        out.push_str(r"\b");
    }
    let mut last_space = false;
    for c in phrase.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push_str(r"\s+");
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match c {
            '-' | '‐' | '‑' | '–' => out.push_str(r"(?:-|‐|‑|–|\s)?"),
            '\'' | '’' => out.push_str("(?:'|’)"),
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    if word_edge(phrase.chars().last()) {
        out.push_str(r"\b");
    }
    out
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
    regex: Option<Regex>,
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
}

impl Matcher {
    /// Compiles a matcher; `classes` are the style's word classes. The error names the field
    /// (`classes`, `patterns`, `quantities`) and the problem.
    pub fn compile(
        def: &MatcherDef,
        classes: &BTreeMap<String, Vec<String>>,
    ) -> Result<Matcher, (&'static str, String)> {
        let mut role_classes = Vec::new();
        let mut phrases = def.phrases.clone();
        for class in &def.classes {
            if let Some(rc) = RoleClass::parse(class) {
                role_classes.push(rc);
            } else if let Some(words) = classes.get(class) {
                phrases.extend(words.iter().cloned());
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
        let regex = match phrase_alternation(&phrases) {
            Some(alt) => Some(
                compile_cached(&format!("(?i-u){alt}")).map_err(|e| ("phrases", e.to_string()))?,
            ),
            None => None,
        };
        let mut parts: Vec<String> = Vec::new();
        for p in &def.patterns {
            Regex::new(p).map_err(|e| ("patterns", format!("invalid regex `{p}`: {e}")))?;
            parts.push(format!("(?:{p})"));
        }
        let patterns = if parts.is_empty() {
            None
        } else {
            Some(
                compile_cached(&format!("(?i){}", parts.join("|")))
                    .map_err(|e| ("patterns", e.to_string()))?,
            )
        };
        let quantities = QuantityFilter::parse(&def.quantities).map_err(|e| ("quantities", e))?;
        Ok(Matcher { regex, patterns, role_classes, quantities })
    }

    /// True when the matcher can never match anything.
    pub fn is_empty(&self) -> bool {
        self.regex.is_none()
            && self.patterns.is_none()
            && self.role_classes.is_empty()
            && self.quantities.is_empty()
    }

    /// Every match in the document, sorted by position, without duplicates.
    pub fn find_all(&self, ctx: MatchCtx<'_>) -> Vec<Span> {
        let text = &ctx.doc.plain;
        let mut out: Vec<Span> = Vec::new();
        for re in self.regex.iter().chain(&self.patterns) {
            out.extend(re.find_iter(text).filter(|m| !m.is_empty()).map(|m| Span::from(m.range())));
        }
        for &class in &self.role_classes {
            let re = match class {
                RoleClass::RoleTitles => ctx.pack.titles(),
                RoleClass::RoleLevelTitles => ctx.pack.level_titles(),
                other => ctx.level.and_then(|l| l.class(other)),
            };
            if let Some(re) = re {
                out.extend(re.find_iter(text).map(|m| Span::from(m.range())));
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
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_across_whitespace_and_hyphens() {
        let re = phrase_regex(&["go-to-market".into(), "worked on".into(), "P&L".into()]).unwrap();
        let found: Vec<&str> = re
            .find_iter("Worked\n on GTM; go to market, go-to-market, owned the P&L. reworked on")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["Worked\n on", "go to market", "go-to-market", "P&L"]);
    }
}
