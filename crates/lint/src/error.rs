//! Errors from loading styles and role packs. Analysis of user text has no error type: it
//! never fails.

use std::fmt;

/// A style or role-pack file that could not be loaded, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the caller named it.
    pub path: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// The field at fault, when known (`match.classes`, `severity`…).
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub(crate) fn new(path: &str, message: impl Into<String>) -> Self {
        LoadError { path: path.to_owned(), line: None, field: None, message: message.into() }
    }

    pub(crate) fn at(mut self, text: &str, field: &str) -> Self {
        self.line = line_of_key(text, field);
        self.field = Some(field.to_owned());
        self
    }

    /// From a TOML syntax or shape error: line from its span, field from its message.
    pub(crate) fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let message = err.message().trim().to_owned();
        let field = message
            .split('`')
            .nth(1)
            .filter(|_| message.contains("field") || message.contains("variant"))
            .map(str::to_owned);
        LoadError { path: path.to_owned(), line, field, message }
    }
}

/// The line where `field` (possibly dotted, like `match.classes`) is set in a TOML text.
fn line_of_key(text: &str, field: &str) -> Option<usize> {
    let (table, key) = match field.rsplit_once('.') {
        Some((t, k)) => (Some(t), k),
        None => (None, field),
    };
    let mut in_table = table.is_none();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let name = t.trim_matches(|c| c == '[' || c == ']').trim();
            in_table = table == Some(name);
            continue;
        }
        let dotted = table.map(|tb| format!("{tb}.{key}"));
        let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if (in_table && k == key) || dotted.as_deref() == Some(k) {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_in_tables() {
        let text = "kind = \"existence\"\n[match]\nclasses = [\"x\"]\n";
        assert_eq!(line_of_key(text, "kind"), Some(1));
        assert_eq!(line_of_key(text, "match.classes"), Some(3));
        assert_eq!(line_of_key("match.phrases = []", "match.phrases"), Some(1));
    }
}
