//! JSON Resume in and out. The model has the schema's shape, so import is deserialisation and
//! export is serialisation with Pivot's own fields (`x-pivot-*`, evidence sources) removed.
//! The vendored `schema/schema.json` (npm `@jsonresume/schema` 1.3.1, MIT) is what tests
//! validate the export against.

use crate::error::{ErrorKind, ImportError};
use crate::model::{Resume, SourceRef};
use serde_json::Value;

/// Reads a JSON Resume document.
pub fn import_json_resume(file: &str, json: &str) -> Result<Resume, ImportError> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        ImportError::new(
            file,
            ErrorKind::Corrupt,
            format!("is not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
        )
    })?;
    if !looks_like_resume(&value) {
        return Err(ImportError::new(
            file,
            ErrorKind::Unsupported,
            "is JSON but not a JSON Resume (no `basics`, `work` or `education`)",
        ));
    }
    let mut resume: Resume = serde_json::from_value(value).map_err(|e| {
        ImportError::new(
            file,
            ErrorKind::Corrupt,
            format!("does not match the JSON Resume schema: {e}"),
        )
    })?;
    // Point every role and bullet back at the file (JSON has no lines worth keeping).
    let here = SourceRef { file: file.to_owned(), ..SourceRef::default() };
    for w in resume.work.iter_mut().chain(resume.volunteer.iter_mut()) {
        w.source.get_or_insert_with(|| here.clone());
        for h in &mut w.highlights {
            h.source.get_or_insert_with(|| here.clone());
        }
    }
    for p in &mut resume.projects {
        p.source.get_or_insert_with(|| here.clone());
    }
    Ok(resume)
}

/// True when a JSON value has the shape of a JSON Resume.
pub fn looks_like_resume(value: &Value) -> bool {
    value.as_object().is_some_and(|o| {
        o.contains_key("basics") || o.contains_key("work") || o.contains_key("education")
    })
}

/// The resume as JSON Resume: the schema's fields only, highlights as strings.
pub fn export_json_resume(resume: &Resume) -> Value {
    let mut r = resume.clone();
    for w in r.work.iter_mut().chain(r.volunteer.iter_mut()) {
        w.source = None;
        for h in &mut w.highlights {
            h.source = None;
        }
    }
    for p in &mut r.projects {
        p.source = None;
        for h in &mut p.highlights {
            h.source = None;
        }
    }
    for e in &mut r.education {
        e.source = None;
    }
    for c in &mut r.certificates {
        c.source = None;
    }
    let mut value = serde_json::to_value(&r).unwrap_or(Value::Null);
    strip_pivot_fields(&mut value);
    // The schema names a volunteer's organisation `organization`, a job's `name`.
    if let Some(items) = value.get_mut("volunteer").and_then(Value::as_array_mut) {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(name) = item.remove("name") {
                item.insert("organization".into(), name);
            }
        }
    }
    value
}

fn strip_pivot_fields(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|k, _| !k.starts_with("x-pivot-"));
            map.values_mut().for_each(strip_pivot_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_pivot_fields),
        _ => {}
    }
}
