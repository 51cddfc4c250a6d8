//! schema.org `JobPosting` (JSON-LD in a page's `<script type="application/ld+json">`, or a
//! JSON file): find it, read its facts, and turn its description and list fields into lines for
//! the text logic.

use super::html::{Converter, collapse};
use super::text;
use super::vocab;
use crate::extract::{Extracted, LineHint};
use crate::model::{Location, Skill};
use scraper::{Html, Selector};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How deep the search for a `JobPosting` goes (`@graph`, `mainEntity`, arrays). serde_json
/// already refuses nesting beyond 128; this bounds the walk itself.
const MAX_DEPTH: usize = 12;

/// The facts of a `JobPosting`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Ld {
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<Location>,
    pub remote: Option<String>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub salary: Option<String>,
    /// `experienceRequirements.monthsOfExperience` as years.
    pub years: Option<f64>,
    /// The description, as given (HTML or text).
    pub description: Option<String>,
    pub skills: Vec<Skill>,
    /// List fields as given: responsibilities, qualifications, experience and education
    /// requirements.
    lists: Vec<(&'static str, Value)>,
}

/// All JSON-LD blocks of a page that parse (a broken block is skipped: the page still has its
/// visible text).
pub(crate) fn scripts(doc: &Html) -> Vec<Value> {
    static LD: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("script").expect("script selector"));
    doc.select(&LD)
        .filter(|s| {
            s.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect()
}

fn is_job_posting(o: &Map<String, Value>) -> bool {
    let is =
        |v: &Value| v.as_str().is_some_and(|s| s == "JobPosting" || s.ends_with("/JobPosting"));
    match o.get("@type") {
        Some(Value::Array(a)) => a.iter().any(is),
        Some(v) => is(v),
        None => false,
    }
}

/// Whether a JSON value is JSON-LD rather than a job-schema posting.
pub(crate) fn is_json_ld(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            o.contains_key("@type") || o.contains_key("@graph") || o.contains_key("@context")
        }
        Value::Array(a) => a.iter().any(|x| x.as_object().is_some_and(|o| o.contains_key("@type"))),
        _ => false,
    }
}

/// Finds the first `JobPosting` in the values, with an index of every node by `@id` so
/// references (`"hiringOrganization": {"@id": "#org"}`) can be followed.
pub(crate) fn find(values: &[Value]) -> Option<Ld> {
    let mut index: HashMap<&str, &Value> = HashMap::new();
    let mut found: Option<&Map<String, Value>> = None;
    let mut stack: Vec<(&Value, usize)> = values.iter().rev().map(|v| (v, 0)).collect();
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        match v {
            Value::Object(o) => {
                // A node with more than its `@id` is a definition; `{"@id": …}` alone is a
                // reference to one.
                if let Some(id) = o.get("@id").and_then(Value::as_str)
                    && o.len() > 1
                {
                    index.entry(id).or_insert(v);
                }
                if found.is_none() && is_job_posting(o) {
                    found = Some(o);
                }
                for child in o.values().rev() {
                    if child.is_object() || child.is_array() {
                        stack.push((child, depth + 1));
                    }
                }
            }
            Value::Array(a) => {
                for child in a.iter().rev() {
                    stack.push((child, depth + 1));
                }
            }
            _ => {}
        }
    }
    found.map(|o| read(o, &index))
}

fn resolve<'a>(v: &'a Value, index: &HashMap<&str, &'a Value>) -> &'a Value {
    match v {
        Value::Object(o) if o.len() == 1 => {
            o.get("@id").and_then(Value::as_str).and_then(|id| index.get(id).copied()).unwrap_or(v)
        }
        _ => v,
    }
}

/// Plain text of a value: strings with entities and tags removed, numbers, `name`/`@value` of
/// objects, arrays joined.
fn plain(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => {
            if s.contains('<') || s.contains('&') {
                let frag = Html::parse_fragment(s);
                collapse(&frag.root_element().text().collect::<String>())
            } else {
                collapse(s)
            }
        }
        Value::Number(n) => n.to_string(),
        Value::Object(o) => return o.get("name").or_else(|| o.get("@value")).and_then(plain),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(plain).collect();
            parts.join(", ")
        }
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn first(v: &Value) -> &Value {
    match v {
        Value::Array(a) => a.first().unwrap_or(v),
        _ => v,
    }
}

fn read(o: &Map<String, Value>, index: &HashMap<&str, &Value>) -> Ld {
    let get = |k: &str| o.get(k).map(|v| resolve(v, index));
    let mut ld = Ld {
        title: get("title").and_then(plain).or_else(|| get("name").and_then(plain)),
        company: get("hiringOrganization").map(|v| resolve(first(v), index)).and_then(plain),
        description: get("description").and_then(|v| v.as_str().map(str::to_owned)),
        ..Ld::default()
    };
    if let Some(loc) = get("jobLocation") {
        ld.location = location(resolve(first(loc), index), index);
    }
    let telecommute = get("jobLocationType")
        .and_then(plain)
        .is_some_and(|t| t.to_ascii_uppercase().contains("TELECOMMUTE"));
    if telecommute {
        ld.remote = Some("Full".to_owned());
    }
    if ld.location.is_none()
        && let Some(c) = get("applicantLocationRequirements").map(|v| resolve(first(v), index))
    {
        ld.location =
            country(c).map(|code| Location { country_code: Some(code), ..Location::default() });
    }
    ld.kind = get("employmentType").and_then(employment);
    ld.date = get("datePosted").and_then(plain).map(|d| {
        let date_part = d.get(..10).filter(|p| p.as_bytes().get(4) == Some(&b'-'));
        date_part.map_or(d.clone(), str::to_owned)
    });
    ld.salary = get("baseSalary").or_else(|| get("estimatedSalary")).and_then(|v| salary(first(v)));
    if let Some(exp) = get("experienceRequirements") {
        let items = match exp {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        let mut texts = Vec::new();
        for item in items {
            match item {
                Value::Object(e) => {
                    if let Some(m) = e.get("monthsOfExperience").and_then(number) {
                        let y = (m / 12.0 * 10.0).round() / 10.0;
                        ld.years = Some(ld.years.map_or(y, |b| b.max(y)));
                    }
                    if let Some(d) = e.get("description").and_then(Value::as_str) {
                        texts.push(Value::String(d.to_owned()));
                    }
                }
                v @ Value::String(_) => texts.push(v.clone()),
                _ => {}
            }
        }
        if !texts.is_empty() {
            ld.lists.push(("Experience requirements", Value::Array(texts)));
        }
    }
    for (key, heading) in [
        ("responsibilities", "Responsibilities"),
        ("qualifications", "Qualifications"),
        ("educationRequirements", "Education requirements"),
    ] {
        if let Some(v) = get(key) {
            ld.lists.push((heading, v.clone()));
        }
    }
    if let Some(v) = get("skills") {
        ld.skills = skills(v);
    }
    ld
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}

fn country(v: &Value) -> Option<String> {
    let name = plain(v)?;
    let t = name.trim();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(t.to_ascii_uppercase());
    }
    vocab::country_code(t).filter(|c| !c.is_empty()).map(str::to_owned)
}

fn location(v: &Value, index: &HashMap<&str, &Value>) -> Option<Location> {
    let address = match v {
        Value::Object(o) => o.get("address").map(|a| resolve(a, index)).unwrap_or(v),
        _ => v,
    };
    match address {
        Value::String(s) => vocab::parse_place(s).map(|p| Location {
            city: p.city,
            region: p.region,
            country_code: p.country_code,
            ..Location::default()
        }),
        Value::Object(a) => {
            let field = |k: &str| a.get(k).and_then(plain);
            let mut loc = Location {
                address: field("streetAddress"),
                postal_code: field("postalCode"),
                city: field("addressLocality"),
                region: field("addressRegion"),
                ..Location::default()
            };
            if let Some(c) = a.get("addressCountry") {
                match country(c) {
                    Some(code) => loc.country_code = Some(code),
                    None => {
                        if let Some(name) = plain(c) {
                            loc.extra.insert("country".to_owned(), Value::String(name));
                        }
                    }
                }
            }
            let empty = loc.city.is_none()
                && loc.region.is_none()
                && loc.country_code.is_none()
                && loc.address.is_none()
                && loc.extra.is_empty();
            (!empty).then_some(loc)
        }
        _ => None,
    }
}

fn employment(v: &Value) -> Option<String> {
    let one = |s: &str| -> String {
        match s.trim().to_ascii_uppercase().replace(['-', ' '], "_").as_str() {
            "FULL_TIME" => "Full-time".to_owned(),
            "PART_TIME" => "Part-time".to_owned(),
            "CONTRACTOR" | "CONTRACT" => "Contract".to_owned(),
            "TEMPORARY" => "Temporary".to_owned(),
            "INTERN" | "INTERNSHIP" => "Internship".to_owned(),
            "VOLUNTEER" => "Volunteer".to_owned(),
            "PER_DIEM" => "Per diem".to_owned(),
            _ => s.trim().to_owned(),
        }
    };
    let kinds: Vec<String> = match v {
        Value::String(s) => vec![one(s)],
        Value::Array(a) => a.iter().filter_map(Value::as_str).map(one).collect(),
        _ => Vec::new(),
    };
    let kinds: Vec<String> = kinds.into_iter().filter(|k| !k.is_empty()).collect();
    (!kinds.is_empty()).then(|| kinds.join(", "))
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// "180000-220000 USD per year" from a `MonetaryAmount`.
fn salary(v: &Value) -> Option<String> {
    let o = match v {
        Value::Object(o) => o,
        v => return plain(v),
    };
    let currency = o.get("currency").and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let value = o.get("value");
    let (min, max, unit) = match value {
        Some(Value::Object(q)) => (
            q.get("minValue").and_then(number).or_else(|| q.get("value").and_then(number)),
            q.get("maxValue").and_then(number),
            q.get("unitText").and_then(Value::as_str),
        ),
        Some(v) => (number(v), None, None),
        None => (o.get("minValue").and_then(number), o.get("maxValue").and_then(number), None),
    };
    let range = match (min, max) {
        (Some(a), Some(b)) if (a - b).abs() > f64::EPSILON => {
            format!("{}-{}", fmt_num(a), fmt_num(b))
        }
        (Some(a), _) | (None, Some(a)) => fmt_num(a),
        (None, None) => return None,
    };
    let mut s = range;
    if !currency.is_empty() {
        s.push(' ');
        s.push_str(&currency);
    }
    if let Some(u) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        s.push_str(" per ");
        s.push_str(&u.to_lowercase());
    }
    Some(s)
}

fn skills(v: &Value) -> Vec<Skill> {
    let names: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(plain).collect(),
        Value::String(s) => {
            let text = plain(&Value::String(s.clone())).unwrap_or_default();
            text.split([',', ';', '\n', '•']).map(|x| x.trim().to_owned()).collect()
        }
        other => plain(other).into_iter().collect(),
    };
    names
        .into_iter()
        .filter(|n| !n.is_empty())
        .map(|name| Skill { name: Some(name), ..Skill::default() })
        .collect()
}

fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
}

/// Adds a rich-text value: HTML through the converter, plain text line by line. Descriptions
/// are often HTML escaped twice (`&lt;p&gt;`): unescape once and look again.
fn add_rich(conv: &mut Converter<'_>, s: &str, as_item: bool) {
    let mut s = s.to_owned();
    if !looks_like_html(&s) && s.contains("&lt;") {
        let frag = Html::parse_fragment(&s);
        s = frag.root_element().text().collect();
    }
    if looks_like_html(&s) {
        let frag = Html::parse_fragment(&s);
        conv.convert(frag.root_element());
    } else if as_item && !s.contains('\n') {
        conv.push_line(&collapse(&s), LineHint::ListItem);
    } else {
        text::push_plain(conv.extracted_mut(), &s);
    }
}

/// The lines the text logic reads: the description, then each list field under its own
/// heading, skipping items the description already has.
pub(crate) fn extracted(ld: &Ld) -> Extracted {
    let removed = HashSet::new();
    let mut conv = Converter::new(&removed);
    if let Some(d) = &ld.description {
        add_rich(&mut conv, d, false);
    }
    let seen = vocab::normalize_heading(&conv.extracted_mut().text);
    for (heading, value) in &ld.lists {
        let items: Vec<&Value> = match value {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        let items: Vec<String> = items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                other => plain(other),
            })
            .filter(|s| {
                let n =
                    vocab::normalize_heading(&plain(&Value::String(s.clone())).unwrap_or_default());
                !n.is_empty() && !seen.contains(&n)
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        conv.push_line(heading, LineHint::Heading);
        for item in &items {
            add_rich(&mut conv, item, true);
        }
    }
    conv.finish()
}

/// The description as plain text, for postings whose description is a sentence or two.
pub(crate) fn description_text(ld: &Ld) -> Option<String> {
    ld.description.as_ref().and_then(|d| plain(&Value::String(d.clone())))
}
