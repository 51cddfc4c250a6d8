//! The structured model of a person's material and of a job posting.
//!
//! The shapes follow JSON Resume (`schema.json`) and its `job-schema.json` field for field, so
//! export and import are lossless; Pivot's additions (where each item came from, LinkedIn
//! contacts, requirements split into must-have and nice-to-have, what could not be placed) are
//! extra fields that the JSON Resume export leaves out.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where an extracted item came from, so a view can show it in its source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file (or the entry inside a zip: `export.zip!Positions.csv`).
    pub file: String,
    /// 1-based page, for paged formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based line in the extracted text (or CSV row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Byte range in the extracted text (`pivot import --text` prints that text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
}

/// One piece of evidence: a bullet or highlight, with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The text as written.
    pub text: String,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// JSON Resume `location`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Region or state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Fields the schema allows beyond these.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// JSON Resume `basics.profiles[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Network name (LinkedIn, GitHub…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// User name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Profile URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// JSON Resume `basics`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Basics {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Headline ("Senior PM → Director of Product").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Picture URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Personal site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Summary / About.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<Profile>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A role: JSON Resume `work[]` (and `volunteer[]`, with `organization`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Work {
    /// Organisation.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        alias = "organization",
        alias = "company"
    )]
    pub name: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Location as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// What the organisation does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ISO 8601 (`2021`, `2021-03`, `2021-03-15`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// ISO 8601; absent means "present".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Prose summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The bullets: Pivot's evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "evidence_list")]
    pub highlights: Vec<Evidence>,
    /// Where the role's header came from.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-source")]
    pub source: Option<SourceRef>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project: JSON Resume `projects[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "evidence_list")]
    pub highlights: Vec<Evidence>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Start, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Roles held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Kind of project.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-source")]
    pub source: Option<SourceRef>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Education: JSON Resume `education[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Education {
    /// School.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Field of study.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Degree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_type: Option<String>,
    /// Start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    /// Courses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courses: Vec<String>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-source")]
    pub source: Option<SourceRef>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A certificate: JSON Resume `certificates[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Date, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-source")]
    pub source: Option<SourceRef>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A skill: JSON Resume `skills[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A language: JSON Resume `languages[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// Language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Fluency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fluency: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A LinkedIn connection (or a contact entered by hand).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Profile URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// E-mail, when the export has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Current company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Current position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Connected on, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_on: Option<String>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// Text Pivot could not place: listed, never dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unplaced {
    /// The text.
    pub text: String,
    /// Why it was not placed ("before any section", "unknown section `Hobbies`"…).
    pub reason: String,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// A person's material: a JSON Resume plus Pivot's additions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resume {
    /// Optional `$schema`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "$schema")]
    pub schema: Option<String>,
    /// Name, headline, contact, summary.
    #[serde(default)]
    pub basics: Basics,
    /// Roles, newest first as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<Work>,
    /// Volunteering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteer: Vec<Work>,
    /// Education.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Education>,
    /// Awards (kept as the schema's objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Value>,
    /// Certificates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
    /// Publications (kept as the schema's objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Value>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    /// Languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Interests (kept as the schema's objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<Value>,
    /// References (kept as the schema's objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Value>,
    /// Projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// `meta`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// LinkedIn connections (not part of JSON Resume).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "x-pivot-contacts")]
    pub contacts: Vec<Contact>,
    /// What could not be placed (not part of JSON Resume).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "x-pivot-unplaced")]
    pub unplaced: Vec<Unplaced>,
    /// Fields of the schema or its extensions not modelled above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A requirement of a posting, with how strongly it is asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// The requirement as written.
    pub text: String,
    /// Must-have (true) or nice-to-have (false).
    pub must: bool,
    /// Years of experience asked for, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
    /// Where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// A job posting: JSON Resume `job-schema` plus Pivot's requirement split.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Hiring organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Full-time, contract…
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
    /// Posting date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Full, hybrid, none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    /// Salary as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    /// Experience level as written ("Senior").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<String>,
    /// Responsibilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<String>,
    /// Qualifications (must-have and nice-to-have, as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<String>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    /// `meta`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// Requirements with must/nice and years (not part of job-schema).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "x-pivot-requirements")]
    pub requirements: Vec<Requirement>,
    /// The level Pivot recognised ("director"), when it did.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-level")]
    pub level: Option<String>,
    /// Years of experience asked for overall.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "x-pivot-years")]
    pub years: Option<f64>,
    /// What could not be placed.
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "x-pivot-unplaced")]
    pub unplaced: Vec<Unplaced>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// JSON Resume writes highlights as plain strings; Pivot keeps each one's source beside it. Read
/// either a string or `{ "text", "source" }`; write `{ "text", "source" }` only when there is a
/// source (the JSON Resume export strips sources first, so it writes strings).
mod evidence_list {
    use super::Evidence;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item {
        Text(String),
        Full(Evidence),
    }

    pub fn serialize<S: Serializer>(items: &[Evidence], s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Out<'a> {
            Text(&'a str),
            Full(&'a Evidence),
        }
        let out: Vec<Out<'_>> = items
            .iter()
            .map(|e| if e.source.is_some() { Out::Full(e) } else { Out::Text(&e.text) })
            .collect();
        out.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Evidence>, D::Error> {
        let items = Vec::<Item>::deserialize(d)?;
        Ok(items
            .into_iter()
            .map(|i| match i {
                Item::Text(text) => Evidence { text, source: None },
                Item::Full(e) => e,
            })
            .collect())
    }
}
