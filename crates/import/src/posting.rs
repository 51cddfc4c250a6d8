//! Job postings: pasted text, a saved HTML page, or JSON (JSON Resume `job-schema`, or a
//! schema.org `JobPosting`), read into a [`Posting`] whose requirements are split into
//! must-have and nice-to-have, each pointing back to its line in the source text.
//!
//! All three formats end in the same text logic (`text::parse`): the HTML reader turns the page
//! (or its JSON-LD) into lines with heading and list-item hints first. The heading vocabulary,
//! the must/nice wording, the years and level patterns are tables in `vocab`.
//!
//! Spans point into the text the reader parsed: the input itself for pasted text and
//! job-schema JSON, and for HTML and JSON-LD the extracted text that [`extract_posting_html`]
//! returns (what `pivot import --text` prints).

mod html;
mod jsonld;
mod text;
pub(crate) mod vocab;

use crate::error::{ErrorKind, ImportError};
use crate::extract::Extracted;
use crate::limits::Limits;
use crate::model::{Location, Posting, Requirement, Skill, SourceRef, Unplaced};
use scraper::Html;
use serde_json::Value;
use text::Parsed;

/// Imports a posting from pasted text.
///
/// The title is the first line when it reads like one (or a "Job title:" label); the company
/// comes from "… at Acme", "Company:", the line under the title or an "About Acme" heading;
/// sections are recognised by their headings in many phrasings, and their bullets become
/// responsibilities and requirements.
pub fn import_posting_text(file: &str, text: &str) -> Result<Posting, ImportError> {
    check_input(file, text)?;
    let lines = text::lines_of_text(text);
    let parsed = text::parse(file, &lines, None);
    Ok(finish(file, parsed, Facts::default(), text))
}

/// Imports a posting from a saved HTML page.
///
/// A schema.org `JobPosting` in the page's JSON-LD is used when there is one (its description
/// is read for sections and bullets); when its description has no sections, the visible page is
/// read instead and the JSON-LD facts (title, company, location, salary…) are kept. Without
/// JSON-LD the page's main content is found by dropping furniture (navigation, cookie banners,
/// sidebars, footers) and following the element that holds the posting's text.
pub fn import_posting_html(file: &str, html: &str) -> Result<Posting, ImportError> {
    check_input(file, html)?;
    Ok(html_pipeline(file, html).0)
}

/// The text a saved HTML posting was read from: the spans of [`import_posting_html`]'s
/// requirements point into `Extracted::text`.
pub fn extract_posting_html(html: &str) -> Extracted {
    html_pipeline("", html).1
}

/// Imports a posting from JSON: a JSON Resume `job-schema` object (read as is; requirements,
/// years and level derived from it) or a schema.org `JobPosting` (read as in HTML).
pub fn import_posting_json(file: &str, json: &str) -> Result<Posting, ImportError> {
    check_input(file, json)?;
    let corrupt = |e: serde_json::Error| {
        ImportError::new(
            file,
            ErrorKind::Corrupt,
            format!(
                "is not valid posting JSON (line {}, column {}): {e}; check the file or save \
                 the posting as text",
                e.line(),
                e.column()
            ),
        )
    };
    let value: Value = serde_json::from_str(json).map_err(corrupt)?;
    if jsonld::is_json_ld(&value) {
        let Some(ld) = jsonld::find(std::slice::from_ref(&value)) else {
            return Err(ImportError::new(
                file,
                ErrorKind::Unsupported,
                "is JSON-LD without a JobPosting; give the posting's page, text or JSON",
            ));
        };
        let x = jsonld::extracted(&ld);
        let lines = text::lines_of_extracted(&x);
        let parsed = text::parse(file, &lines, ld.title.as_deref());
        let facts = Facts::from_ld(ld);
        return Ok(finish(file, parsed, facts, &x.text));
    }
    let Value::Object(o) = &value else {
        return Err(ImportError::new(
            file,
            ErrorKind::Unsupported,
            "is JSON but not a posting object; give a job-schema object or a JobPosting",
        ));
    };
    let posting_keys = ["title", "qualifications", "responsibilities", "description", "company"];
    if (o.contains_key("basics") || o.contains_key("work"))
        && !posting_keys.iter().any(|k| o.contains_key(*k))
    {
        return Err(ImportError::new(
            file,
            ErrorKind::Unsupported,
            "looks like a JSON Resume (a person), not a job posting; import it as a resume",
        ));
    }
    let posting: Posting = serde_json::from_str(json).map_err(corrupt)?;
    Ok(finish_job_schema(file, posting, json))
}

/// Empty input and inputs beyond the file-size limit are refused before any parsing.
fn check_input(file: &str, input: &str) -> Result<(), ImportError> {
    let max = Limits::default().max_file_bytes;
    if u64::try_from(input.len()).unwrap_or(u64::MAX) > max {
        return Err(ImportError::new(
            file,
            ErrorKind::TooLarge,
            format!("is larger than {} MB; a posting is far smaller, check the file", max >> 20),
        ));
    }
    if input.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(ImportError::new(file, ErrorKind::Empty, "is empty: nothing to import"));
    }
    Ok(())
}

/// Facts a structured source states outright; they win over what the text logic infers.
#[derive(Debug, Default)]
struct Facts {
    title: Option<String>,
    company: Option<String>,
    /// A company to fall back on when the text names none (the `<title>` suffix).
    company_fallback: Option<String>,
    location: Option<Location>,
    remote: Option<String>,
    kind: Option<String>,
    date: Option<String>,
    salary: Option<String>,
    years: Option<f64>,
    skills: Vec<Skill>,
    /// A description to fall back on when the text has no overview prose.
    description: Option<String>,
}

impl Facts {
    fn from_ld(ld: jsonld::Ld) -> Self {
        let description = jsonld::description_text(&ld);
        Facts {
            title: ld.title,
            company: ld.company,
            company_fallback: None,
            location: ld.location,
            remote: ld.remote,
            kind: ld.kind,
            date: ld.date,
            salary: ld.salary,
            years: ld.years,
            skills: ld.skills,
            description,
        }
    }
}

fn html_pipeline(file: &str, html: &str) -> (Posting, Extracted) {
    let doc = Html::parse_document(html);
    let page = html::Page::new(&doc);
    let ld = jsonld::find(&jsonld::scripts(&doc));
    if let Some(ld) = &ld {
        let x = jsonld::extracted(ld);
        let lines = text::lines_of_extracted(&x);
        let parsed = text::parse(file, &lines, ld.title.as_deref());
        if !parsed.requirements.is_empty() || !parsed.responsibilities.is_empty() {
            let facts = Facts::from_ld(ld.clone());
            return (finish(file, parsed, facts, &x.text), x);
        }
    }
    // No JSON-LD, or its description is a sentence or two: read the visible page (and keep
    // the JSON-LD facts when there are some).
    let x = page.extract();
    let (tag_title, tag_company) =
        page.title_tag().map(|t| html::split_title_tag(&t)).unwrap_or_default();
    // A title-like `<h1>`, else a title-like `<title>`, else whatever the page calls itself.
    let tag_title = (!tag_title.is_empty()).then_some(tag_title);
    let page_title = page
        .h1()
        .map(|h| html::collapse(&h.text().collect::<String>()))
        .or_else(|| tag_title.clone().filter(|t| vocab::looks_like_title(t)))
        .or_else(|| page.any_h1())
        .or(tag_title);
    let mut facts = ld.map(Facts::from_ld).unwrap_or_default();
    facts.title = facts.title.or(page_title);
    facts.company_fallback = tag_company;
    let lines = text::lines_of_extracted(&x);
    let parsed = text::parse(file, &lines, facts.title.as_deref());
    (finish(file, parsed, facts, &x.text), x)
}

fn to_location(p: vocab::Place) -> Location {
    Location { city: p.city, region: p.region, country_code: p.country_code, ..Location::default() }
}

/// The years a posting asks for: the most any must-have asks.
fn max_must_years(reqs: &[Requirement]) -> Option<f64> {
    reqs.iter().filter(|r| r.must).filter_map(|r| r.years).reduce(f64::max)
}

/// The level from the stated experience level with the title ("Senior" + "Product Manager";
/// the table is ordered from the top level down, so adding words never lowers the level),
/// else from the title, else from "we're hiring a …" in the description.
fn level(
    title: Option<&str>,
    experience: Option<&str>,
    description: Option<&str>,
) -> Option<String> {
    let both = experience.map(|e| format!("{e} {}", title.unwrap_or("")));
    both.as_deref()
        .and_then(vocab::level_of)
        .or_else(|| title.and_then(vocab::level_of))
        .or_else(|| description.and_then(vocab::level_in_text))
        .map(str::to_owned)
}

fn no_requirements(file: &str, text: &str) -> Unplaced {
    let flat = html::collapse(text);
    let mut excerpt: String = flat.chars().take(120).collect();
    if excerpt.is_empty() {
        excerpt = "(no text found)".to_owned();
    }
    Unplaced {
        text: excerpt,
        reason: "no requirements recognised".to_owned(),
        source: Some(SourceRef {
            file: file.to_owned(),
            page: None,
            line: Some(1),
            span: Some((0, text.len())),
        }),
    }
}

fn finish(file: &str, p: Parsed, f: Facts, text: &str) -> Posting {
    let description =
        if p.description.is_empty() { f.description } else { Some(p.description.join("\n\n")) };
    let title = f.title.or(p.title);
    let mut years = max_must_years(&p.requirements);
    if let Some(y) = f.years {
        years = Some(years.map_or(y, |b| b.max(y)));
    }
    let level = level(title.as_deref(), p.experience.as_deref(), description.as_deref());
    let mut posting = Posting {
        title,
        company: f.company.or(p.company).or(f.company_fallback),
        kind: f.kind.or(p.kind),
        date: f.date.or(p.date),
        description,
        location: f.location.or(p.place.map(to_location)),
        remote: f.remote.or(p.remote),
        salary: f.salary.or(p.salary),
        experience: p.experience,
        responsibilities: p.responsibilities,
        qualifications: p.qualifications,
        skills: f.skills,
        requirements: p.requirements,
        level,
        years,
        unplaced: p.unplaced,
        ..Posting::default()
    };
    if posting.requirements.is_empty() {
        posting.unplaced.push(no_requirements(file, text));
    }
    posting
}

/// Where a string of a JSON document is, searching from `from` (qualifications are found in
/// order). Strings written with escapes serde_json would not produce (`\u00e9`, `\/`) are not
/// found; their requirement then names only the file.
fn locate(json: &str, s: &str, from: usize) -> Option<(usize, usize)> {
    let encoded = serde_json::to_string(s).ok()?;
    let needle = encoded.get(1..encoded.len().saturating_sub(1))?;
    if needle.is_empty() {
        return None;
    }
    let at = json.get(from..)?.find(needle).map(|i| i + from).or_else(|| json.find(needle))?;
    Some((at, at + needle.len()))
}

fn line_of(text: &str, at: usize) -> u32 {
    let n = text.get(..at).map_or(0, |t| t.matches('\n').count());
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// A job-schema posting as given, with Pivot's derived fields filled in where absent.
fn finish_job_schema(file: &str, mut posting: Posting, json: &str) -> Posting {
    if posting.requirements.is_empty() {
        let mut from = json.find("\"qualifications\"").unwrap_or(0);
        for q in &posting.qualifications {
            let span = locate(json, q, from);
            if let Some((_, end)) = span {
                from = end;
            }
            posting.requirements.push(Requirement {
                text: q.clone(),
                must: vocab::must_by_wording(q, true),
                years: vocab::parse_years(q),
                source: Some(SourceRef {
                    file: file.to_owned(),
                    page: None,
                    line: span.map(|(s, _)| line_of(json, s)),
                    span,
                }),
            });
        }
    }
    if posting.years.is_none() {
        posting.years = max_must_years(&posting.requirements)
            .or_else(|| posting.experience.as_deref().and_then(vocab::parse_years));
    }
    if posting.level.is_none() {
        posting.level = level(
            posting.title.as_deref(),
            posting.experience.as_deref(),
            posting.description.as_deref(),
        );
    }
    if posting.requirements.is_empty() {
        posting.unplaced.push(no_requirements(file, json));
    }
    posting
}
