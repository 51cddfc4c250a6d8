//! Styles: folders of rule files, loaded and compiled into one sorted [`RuleSet`].
//!
//! A style is a folder; each `*.toml` file in it is one rule whose id is
//! `<folder>.<file stem>` (`Method.TaskLanguage`). A file named `_classes.toml` defines word
//! classes (`[classes] name = ["phrase", …]`) the style's rules can use; a later style may add
//! words to an earlier style's class. Loading validates every field and compiles every
//! pattern once; the first problem is reported with file, line and field.

use crate::error::LoadError;
use crate::matcher::Matcher;
use crate::matcher::Regex;
use crate::phrase::PhraseRegistry;
use crate::rule::{DocKind, MatcherDef, RuleDef, RuleKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// The files of one style, read by the caller (the core does no I/O).
#[derive(Debug, Clone)]
pub struct StyleSource {
    /// The style's name: its folder name (`Method`).
    pub name: String,
    /// `(path, contents)` for every file of the folder; the path is used in errors and its
    /// file stem becomes the rule's name.
    pub files: Vec<(String, String)>,
}

/// A style's files as the loader reads them: borrowed, so the built-in style's files are read
/// where they are embedded in the binary rather than copied first.
#[derive(Debug, Clone)]
pub(crate) struct StyleFiles<'a> {
    pub(crate) name: &'a str,
    pub(crate) files: Vec<(&'a str, &'a str)>,
}

impl StyleSource {
    pub(crate) fn files(&self) -> StyleFiles<'_> {
        StyleFiles {
            name: &self.name,
            files: self.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect(),
        }
    }
}

/// How a rule file or role pack is written: TOML, as users write them, or the JSON that
/// build.rs writes for the built-in files (the same values; serde_json parses them several
/// times faster, and every `pivot check` process parses the whole built-in style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    pub(crate) fn parse<T: serde::de::DeserializeOwned>(
        self,
        path: &str,
        text: &str,
    ) -> Result<T, LoadError> {
        match self {
            Syntax::Toml => toml::from_str(text).map_err(|e| LoadError::from_toml(path, text, &e)),
            Syntax::Json => {
                serde_json::from_str(text).map_err(|e| LoadError::new(path, e.to_string()))
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassesFile {
    classes: BTreeMap<String, Vec<String>>,
}

/// One token step of a sequence rule, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    /// Hashed, not a tree: every token of a sentence is looked up in every step it reaches.
    /// Bytes, so a token lower-cased on the stack is looked up without checking its UTF-8.
    pub(crate) words: HashSet<Box<[u8]>, crate::phrase::Fnv>,
    /// The shortest and longest word in bytes: most tokens are ruled out by length alone.
    pub(crate) word_lens: (usize, usize),
    /// Per byte: whether a word of the step starts with it (lower case): most tokens are ruled
    /// out by their first letter before they are lower-cased and hashed.
    pub(crate) first_bytes: [bool; 256],
    pub(crate) pattern: Option<Regex>,
    pub(crate) optional: bool,
}

/// A compiled substitution table: the phrases, and the replacement of each, by index.
#[derive(Debug, Clone)]
pub(crate) struct Swap {
    /// The phrase group of the table's keys.
    pub(crate) group: usize,
    pub(crate) replacements: Vec<String>,
}

/// A rule, loaded and compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `Style.Name`.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// The rule as written.
    pub def: RuleDef,
    pub(crate) matcher: Matcher,
    pub(crate) unless: Matcher,
    pub(crate) when: Matcher,
    pub(crate) must: Matcher,
    pub(crate) must_not: Matcher,
    pub(crate) swap: Option<Swap>,
    pub(crate) steps: Vec<Step>,
    /// Id, method and quote as every finding of the rule carries them.
    pub(crate) labels: Labels,
}

/// A rule's words that each of its findings repeats, shared rather than copied.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    pub(crate) id: std::sync::Arc<str>,
    pub(crate) method: std::sync::Arc<str>,
    pub(crate) quote: std::sync::Arc<str>,
    /// The message and the suggestion when they name no variable: every finding shares them.
    pub(crate) message: Option<std::sync::Arc<str>>,
    pub(crate) suggestion: Option<std::sync::Arc<str>>,
}

impl Rule {
    /// Does the rule run on this kind of document?
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.def.applies_to.is_empty() || self.def.applies_to.contains(&kind)
    }
}

/// All rules of all loaded styles, sorted by id.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
    classes: BTreeMap<String, Vec<String>>,
}

impl RuleSet {
    /// Loads styles in order (the built-in style first, then the user's).
    pub(crate) fn load(
        styles: &[StyleFiles<'_>],
        syntax: Syntax,
        registry: &mut PhraseRegistry,
    ) -> Result<RuleSet, LoadError> {
        let mut classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for style in styles {
            for &(path, text) in style.files.iter().filter(|(p, _)| is_classes_file(p)) {
                let file: ClassesFile = syntax.parse(path, text)?;
                for (name, words) in file.classes {
                    classes.entry(name).or_default().extend(words);
                }
            }
        }
        // Sized up front: a `Rule` is over a kilobyte, and growing the vector copied them all.
        let mut rules: Vec<Rule> = Vec::with_capacity(styles.iter().map(|s| s.files.len()).sum());
        for style in styles {
            let style_name = style.name.trim();
            if style_name.is_empty() || !is_identifier(style_name) {
                return Err(LoadError::new(
                    style.name,
                    "a style's folder name must be letters, digits, `-` or `_`",
                ));
            }
            for &(path, text) in style.files.iter().filter(|(p, _)| !is_classes_file(p)) {
                let stem = file_stem(path);
                if !is_identifier(stem) {
                    return Err(LoadError::new(
                        path,
                        "a rule file's name must be letters, digits, `-` or `_` (it becomes the rule id)",
                    ));
                }
                let id = format!("{style_name}.{stem}");
                if rules.iter().any(|r| r.id == id) {
                    return Err(LoadError::new(path, format!("rule `{id}` is defined twice")));
                }
                rules.push(compile_rule(id, path, text, syntax, &classes, registry)?);
            }
        }
        // Ids are unique, so an unstable sort gives the same order without a scratch copy.
        rules.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(RuleSet { rules, classes })
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by id (case-insensitive).
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The merged word classes.
    pub fn classes(&self) -> &BTreeMap<String, Vec<String>> {
        &self.classes
    }

    /// Compiles an ad-hoc matcher against these classes (used by the scan and the scores).
    pub(crate) fn matcher(&self, classes: &[&str], registry: &mut PhraseRegistry) -> Matcher {
        let def = MatcherDef {
            classes: classes.iter().map(|c| (*c).to_owned()).collect(),
            ..MatcherDef::default()
        };
        Matcher::compile(&def, &self.classes, registry).unwrap_or_default()
    }
}

fn is_classes_file(path: &str) -> bool {
    file_stem(path) == "_classes"
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn compile_rule(
    id: String,
    path: &str,
    text: &str,
    syntax: Syntax,
    classes: &BTreeMap<String, Vec<String>>,
    registry: &mut PhraseRegistry,
) -> Result<Rule, LoadError> {
    let def: RuleDef = syntax.parse(path, text)?;
    let err = |field: &str, msg: String| LoadError::new(path, msg).at(text, field);
    let mut compile = |table: &str, m: &MatcherDef| {
        Matcher::compile(m, classes, registry)
            .map_err(|(field, msg)| err(&format!("{table}.{field}"), msg))
    };
    for (field, value) in
        [("message", &def.message), ("method", &def.method), ("quote", &def.quote)]
    {
        if value.trim().is_empty() {
            return Err(err(field, format!("`{field}` must not be empty")));
        }
    }
    let matcher = compile("match", &def.matcher)?;
    let unless = compile("unless", &def.unless)?;
    let when = compile("when", &def.when)?;
    let must = compile("must", &def.must)?;
    let must_not = compile("must_not", &def.must_not)?;
    let needs = |ok: bool, field: &str, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(err(field, format!("a `{:?}` rule needs {what}", def.kind).to_lowercase()))
        }
    };
    let bounded = def.max.is_some() || def.min.is_some();
    match def.kind {
        RuleKind::Existence => needs(!matcher.is_empty(), "match", "a non-empty [match] table")?,
        RuleKind::Substitution => needs(!def.swap.is_empty(), "swap", "a non-empty [swap] table")?,
        RuleKind::Occurrence => {
            needs(!matcher.is_empty(), "match", "a non-empty [match] table")?;
            needs(bounded, "max", "`max` or `min`")?;
        }
        RuleKind::Metric => {
            needs(
                def.metric.is_some(),
                "metric",
                "`metric` (words, sentences, characters, scan_seconds)",
            )?;
            needs(bounded, "max", "`max` or `min`")?;
        }
        RuleKind::Position => {
            needs(def.position.is_some(), "position", "`position` (first or last)")?;
            needs(
                !must.is_empty() || !must_not.is_empty(),
                "must",
                "a [must] or [must_not] table",
            )?;
        }
        RuleKind::Required => needs(!matcher.is_empty(), "match", "a non-empty [match] table")?,
        RuleKind::Conditional => needs(!when.is_empty(), "when", "a non-empty [when] table")?,
        RuleKind::Sequence => {
            needs(!def.tokens.is_empty(), "tokens", "at least one [[tokens]] step")?
        }
    }
    let swap = if def.swap.is_empty() {
        None
    } else {
        let group = registry
            .register(def.swap.keys().map(String::as_str))
            .ok_or_else(|| err("swap", "the [swap] table has no usable phrase".into()))?;
        Some(Swap { group, replacements: def.swap.values().cloned().collect() })
    };
    let mut steps = Vec::with_capacity(def.tokens.len());
    for step in &def.tokens {
        let lower = |w: &String| w.to_lowercase().into_bytes().into_boxed_slice();
        let mut words: HashSet<Box<[u8]>, crate::phrase::Fnv> =
            step.word.iter().map(lower).collect();
        if let Some(class) = &step.class {
            let members = classes.get(class).ok_or_else(|| {
                err("tokens", format!("unknown word class `{class}` in a [[tokens]] step"))
            })?;
            words.extend(members.iter().filter(|w| !w.contains(' ')).map(lower));
        }
        let pattern = match &step.pattern {
            Some(p) => {
                Some(crate::matcher::compile_cached(&crate::compose::whole_token(p)).map_err(
                    |e| err("tokens", format!("invalid regex `{p}` in a [[tokens]] step: {e}")),
                )?)
            }
            None => None,
        };
        if words.is_empty() && pattern.is_none() {
            return Err(err(
                "tokens",
                "a [[tokens]] step needs `word`, `class` or `pattern`".into(),
            ));
        }
        let word_lens = (
            words.iter().map(|w| w.len()).min().unwrap_or(usize::MAX),
            words.iter().map(|w| w.len()).max().unwrap_or(0),
        );
        let mut first_bytes = [false; 256];
        for w in &words {
            if let Some(&b) = w.first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        steps.push(Step { words, word_lens, first_bytes, pattern, optional: step.optional });
    }
    if !def.examples.iter().any(|e| e.bad.is_some())
        || !def.examples.iter().any(|e| e.good.is_some())
    {
        return Err(err(
            "examples",
            "every rule needs [[examples]] with at least one `bad` and one `good` text".into(),
        ));
    }
    let labels = Labels {
        id: id.as_str().into(),
        method: def.method.as_str().into(),
        quote: def.quote.as_str().into(),
        message: Some(def.message.as_str()).filter(|m| !m.contains('{')).map(Into::into),
        suggestion: def.suggestion.as_deref().filter(|s| !s.contains('{')).map(Into::into),
    };
    Ok(Rule {
        id,
        path: path.to_owned(),
        def,
        matcher,
        unless,
        when,
        must,
        must_not,
        swap,
        steps,
        labels,
    })
}
