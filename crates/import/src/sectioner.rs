//! Lines → a resume: the header (name, headline, contacts), then sections by their headings,
//! then entries (roles, schools, projects) with their dates and bullets. Every format's reader
//! ends here, so a PDF, a DOCX and a Markdown resume are understood the same way.

use crate::dates::find_range;
use crate::extract::{Extracted, Line, LineHint};
use crate::model::{
    Basics, Certificate, Education, Evidence, Language, Location, Profile, Project, Resume, Skill,
    SourceRef, Unplaced, Work,
};
use regex::Regex;
use std::sync::LazyLock;

/// The sections a resume has, by the names people give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Summary,
    Work,
    Volunteer,
    Education,
    Skills,
    Projects,
    Certificates,
    Languages,
    Awards,
    Publications,
    Interests,
    References,
}

const SECTION_NAMES: &[(&str, Section)] = &[
    ("summary", Section::Summary),
    ("professional summary", Section::Summary),
    ("profile", Section::Summary),
    ("professional profile", Section::Summary),
    ("about", Section::Summary),
    ("about me", Section::Summary),
    ("objective", Section::Summary),
    ("career objective", Section::Summary),
    ("overview", Section::Summary),
    ("experience", Section::Work),
    ("work experience", Section::Work),
    ("professional experience", Section::Work),
    ("relevant experience", Section::Work),
    ("employment", Section::Work),
    ("employment history", Section::Work),
    ("work history", Section::Work),
    ("career history", Section::Work),
    ("career", Section::Work),
    ("leadership experience", Section::Work),
    ("product experience", Section::Work),
    ("volunteer", Section::Volunteer),
    ("volunteering", Section::Volunteer),
    ("volunteer experience", Section::Volunteer),
    ("education", Section::Education),
    ("education and training", Section::Education),
    ("academic background", Section::Education),
    ("skills", Section::Skills),
    ("core skills", Section::Skills),
    ("key skills", Section::Skills),
    ("technical skills", Section::Skills),
    ("skills and tools", Section::Skills),
    ("tools", Section::Skills),
    ("competencies", Section::Skills),
    ("core competencies", Section::Skills),
    ("areas of expertise", Section::Skills),
    ("expertise", Section::Skills),
    ("projects", Section::Projects),
    ("selected projects", Section::Projects),
    ("side projects", Section::Projects),
    ("proof projects", Section::Projects),
    ("case studies", Section::Projects),
    ("portfolio", Section::Projects),
    ("certifications", Section::Certificates),
    ("certificates", Section::Certificates),
    ("licenses and certifications", Section::Certificates),
    ("licenses & certifications", Section::Certificates),
    ("courses", Section::Certificates),
    ("languages", Section::Languages),
    ("awards", Section::Awards),
    ("honors", Section::Awards),
    ("honours", Section::Awards),
    ("awards and honors", Section::Awards),
    ("publications", Section::Publications),
    ("talks", Section::Publications),
    ("speaking", Section::Publications),
    ("interests", Section::Interests),
    ("hobbies", Section::Interests),
    ("references", Section::References),
];

fn section_of(line: &Line) -> Option<Section> {
    let norm: String = line
        .text
        .trim()
        .trim_end_matches(':')
        .to_lowercase()
        .replace('&', "and")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if norm.len() > 40 {
        return None;
    }
    SECTION_NAMES
        .iter()
        .find(|(name, _)| *name == norm || name.replace('&', "and") == norm)
        .map(|(_, s)| *s)
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("regex"));
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d[\d ().-]{7,}\d").expect("regex"));
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://)?(?:www\.)?(?:linkedin\.com/in/[\w-]+|github\.com/[\w-]+|[\w-]+\.(?:com|io|dev|me|org|net|co)(?:/[\w/-]*)?)")
        .expect("regex")
});

/// Words that mark a job title (to tell "Title — Company" from "Company — Title").
const TITLE_WORDS: &[&str] = &[
    "manager",
    "director",
    "head",
    "lead",
    "vp",
    "vice president",
    "chief",
    "officer",
    "cpo",
    "engineer",
    "designer",
    "analyst",
    "founder",
    "co-founder",
    "consultant",
    "specialist",
    "owner",
    "associate",
    "intern",
    "scientist",
    "architect",
    "principal",
    "president",
    "product",
    "marketing",
    "operations",
    "developer",
    "advocate",
    "strategist",
    "coordinator",
    "researcher",
    "staff",
    "pm",
];

fn looks_like_title(s: &str) -> bool {
    let lower = s.to_lowercase();
    TITLE_WORDS.iter().any(|w| {
        lower.split(|c: char| !c.is_alphanumeric() && c != '-').any(|t| t == *w)
            || (w.contains(' ') && lower.contains(w))
    })
}

fn source(file: &str, extracted: &Extracted, i: usize) -> SourceRef {
    let line = &extracted.lines[i];
    SourceRef {
        file: file.to_owned(),
        page: Some(line.page),
        line: Some(extracted.text[..line.span.0].matches('\n').count() as u32 + 1),
        span: Some(line.span),
    }
}

/// An entry of a section: header lines, then bullets.
#[derive(Debug, Default)]
struct Entry {
    header: Vec<usize>,
    bullets: Vec<usize>,
    /// Plain lines after the header that are not bullets (a role's prose summary).
    prose: Vec<usize>,
}

/// Splits a section's lines into entries: a new entry starts at a heading line, or at a
/// non-bullet line after bullets, or at a line with a date range when the entry has one.
fn entries(lines: &[Line], idx: &[usize]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let mut cur_has_date = false;
    for &i in idx {
        let line = &lines[i];
        let is_bullet = line.hint == LineHint::ListItem;
        if is_bullet {
            cur.bullets.push(i);
            continue;
        }
        let has_date = find_range(&line.text).is_some();
        // A long sentence after the header is the role's summary, not a new entry.
        let prose = !has_date
            && line.text.split_whitespace().count() > 12
            && cur.bullets.is_empty()
            && !cur.header.is_empty();
        if prose {
            cur.prose.push(i);
            continue;
        }
        let starts_new = !cur.header.is_empty()
            && (!cur.bullets.is_empty()
                || !cur.prose.is_empty()
                || line.hint == LineHint::Heading && cur.header.len() >= 2
                || (has_date && cur_has_date));
        if starts_new {
            out.push(std::mem::take(&mut cur));
            cur_has_date = false;
        }
        cur.header.push(i);
        cur_has_date |= has_date;
    }
    if !cur.header.is_empty() || !cur.bullets.is_empty() {
        out.push(cur);
    }
    out
}

/// Title, organisation, location and dates from an entry's header lines.
struct Header {
    first: Option<String>,
    second: Option<String>,
    location: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

fn parse_header(lines: &[Line], header: &[usize]) -> Header {
    let mut parts: Vec<String> = Vec::new();
    let (mut start, mut end) = (None, None);
    let mut location = None;
    let clean = |p: &str| {
        p.trim()
            .trim_matches(|c: char| matches!(c, '(' | ')' | '-' | '*' | ',' | '.'))
            .trim()
            .to_owned()
    };
    for &i in header {
        let mut text = lines[i].text.clone();
        if start.is_none()
            && let Some(r) = find_range(&text)
        {
            start = r.start;
            end = r.end;
            text.replace_range(r.span.0..r.span.1, " ");
        }
        // Strong separators first: a comma may sit inside a title ("Senior PM, Payments").
        for part in text
            .split(['|', '·', '•', '—', '–', '\t'])
            .flat_map(|p| p.split(" - "))
            .flat_map(|p| p.split(" at "))
        {
            let p = clean(part);
            if p.is_empty() {
                continue;
            }
            let lower = p.to_lowercase();
            if (lower == "remote" || lower == "hybrid") && location.is_none() {
                location = Some(p);
                continue;
            }
            parts.push(p);
        }
    }
    // One part only: "Title, Company" or "Degree, School" is split at its commas.
    if parts.len() == 1 && parts[0].contains(", ") {
        parts = parts[0].split(", ").map(clean).filter(|p| !p.is_empty()).collect();
    } else if parts.len() >= 2 && parts[1].contains(", ") && !looks_like_title(&parts[1]) {
        // "Title — Company, City": the city rides on the organisation.
        let (org, place) = parts[1]
            .split_once(", ")
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .unwrap_or_default();
        parts[1] = org;
        parts.insert(2, place);
    }
    let mut it = parts.into_iter();
    let (a, b) = (it.next(), it.next());
    let rest: Vec<String> = it.collect();
    if location.is_none() && !rest.is_empty() {
        location = Some(rest.join(", "));
    }
    Header { first: a, second: b, location, start, end }
}

/// Builds a resume from extracted lines; `file` names the source in every item's pointer.
pub fn section(file: &str, extracted: &Extracted) -> Resume {
    let lines = &extracted.lines;
    let mut resume = Resume::default();
    let mut current: Option<Section> = None;
    let mut unknown_heading: Option<String> = None;
    let mut by_section: Vec<(Section, Vec<usize>)> = Vec::new();
    let mut header_lines: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.hint != LineHint::ListItem
            && let Some(s) = section_of(line)
        {
            current = Some(s);
            unknown_heading = None;
            by_section.push((s, Vec::new()));
            continue;
        }
        let is_heading_like = line.hint == LineHint::Heading
            && current.is_some()
            && line.text.split_whitespace().count() <= 4
            && find_range(&line.text).is_none()
            && !looks_like_title(&line.text);
        // Inside a section of entries a short heading may be an organisation ("Northwind Pay")
        // whose title and dates follow; it is a new, unknown section only when they do not.
        let entry_follows = lines.get(i + 1).is_some_and(|n| {
            find_range(&n.text).is_some()
                || looks_like_title(&n.text)
                || n.hint == LineHint::ListItem
        });
        let entry_section = matches!(
            current,
            Some(Section::Work | Section::Projects | Section::Education | Section::Volunteer)
        );
        if is_heading_like && !(entry_section && entry_follows) {
            // A heading Pivot does not know: keep its lines, but say so.
            unknown_heading = Some(line.text.clone());
            current = None;
            resume.unplaced.push(Unplaced {
                text: line.text.clone(),
                reason: "a section Pivot does not know".into(),
                source: Some(source(file, extracted, i)),
            });
            continue;
        }
        match current {
            Some(_) => by_section.last_mut().expect("a section is open").1.push(i),
            None if unknown_heading.is_some()
                || by_section.is_empty()
                    && resume.basics.name.is_some()
                    && header_lines.len() >= 6 =>
            {
                resume.unplaced.push(Unplaced {
                    text: line.text.clone(),
                    reason: match &unknown_heading {
                        Some(h) => format!("under “{h}”, a section Pivot does not know"),
                        None => "before any section".into(),
                    },
                    source: Some(source(file, extracted, i)),
                });
            }
            None => {
                header_lines.push(i);
                if resume.basics.name.is_none() {
                    resume.basics.name = Some(line.text.clone());
                }
            }
        }
    }
    read_header(extracted, &header_lines, &mut resume);
    for (section, idx) in by_section {
        read_section(file, extracted, section, &idx, &mut resume);
    }
    resume
}

fn read_header(extracted: &Extracted, idx: &[usize], resume: &mut Resume) {
    let lines = &extracted.lines;
    let basics: &mut Basics = &mut resume.basics;
    let mut summary: Vec<String> = Vec::new();
    for (n, &i) in idx.iter().enumerate() {
        let text = lines[i].text.as_str();
        if n == 0 {
            // The name line may carry the headline too: "Kofi Mensah — Senior PM → Director".
            if let Some((name, label)) = text.split_once(" — ").or_else(|| text.split_once(" | "))
            {
                basics.name = Some(name.trim().to_owned());
                basics.label = Some(label.trim().to_owned());
            }
            continue;
        }
        let mut rest = text.to_owned();
        let mut contact = false;
        if let Some(m) = EMAIL.find(text) {
            basics.email.get_or_insert_with(|| m.as_str().to_owned());
            rest = rest.replace(m.as_str(), " ");
            contact = true;
        }
        for m in URL.find_iter(&text.replace(basics.email.as_deref().unwrap_or("\u{0}"), " ")) {
            let url = if m.as_str().starts_with("http") {
                m.as_str().to_owned()
            } else {
                format!("https://{}", m.as_str())
            };
            let network = if url.contains("linkedin") {
                Some("LinkedIn")
            } else if url.contains("github") {
                Some("GitHub")
            } else {
                None
            };
            match network {
                Some(n) => basics.profiles.push(Profile {
                    network: Some(n.into()),
                    url: Some(url.clone()),
                    ..Profile::default()
                }),
                None => {
                    basics.url.get_or_insert(url.clone());
                }
            }
            rest = rest.replace(m.as_str(), " ");
            contact = true;
        }
        if let Some(m) = PHONE.find(&rest.clone()) {
            basics.phone.get_or_insert_with(|| m.as_str().trim().to_owned());
            rest = rest.replace(m.as_str(), " ");
            contact = true;
        }
        let leftover: Vec<&str> =
            rest.split(['|', '·', '•']).map(str::trim).filter(|s| !s.is_empty()).collect();
        if contact {
            // What is left on a contact line is usually the city.
            if let Some(place) =
                leftover.iter().find(|s| s.contains(',') || s.split_whitespace().count() <= 3)
            {
                basics.location.get_or_insert_with(|| Location {
                    city: Some(place.trim_matches(',').trim().to_owned()),
                    ..Location::default()
                });
            }
            continue;
        }
        if basics.label.is_none() && text.split_whitespace().count() <= 20 {
            basics.label = Some(text.to_owned());
        } else {
            summary.push(text.to_owned());
        }
    }
    if !summary.is_empty() && basics.summary.is_none() {
        basics.summary = Some(summary.join(" "));
    }
}

fn evidence(file: &str, extracted: &Extracted, i: usize) -> Evidence {
    Evidence { text: extracted.lines[i].text.clone(), source: Some(source(file, extracted, i)) }
}

fn read_section(
    file: &str,
    extracted: &Extracted,
    section: Section,
    idx: &[usize],
    resume: &mut Resume,
) {
    let lines = &extracted.lines;
    match section {
        Section::Summary => {
            let text: Vec<&str> = idx.iter().map(|&i| lines[i].text.as_str()).collect();
            let joined = text.join(" ");
            match &mut resume.basics.summary {
                Some(s) => {
                    s.push(' ');
                    s.push_str(&joined);
                }
                None => resume.basics.summary = Some(joined),
            }
        }
        Section::Work | Section::Volunteer => {
            for e in entries(lines, idx) {
                let h = parse_header(lines, &e.header);
                // "Title — Company" or "Company — Title": the part with a title word is the title.
                let (position, name) = match (&h.first, &h.second) {
                    (Some(a), Some(b)) if !looks_like_title(a) && looks_like_title(b) => {
                        (Some(b.clone()), Some(a.clone()))
                    }
                    (a, b) => (a.clone(), b.clone()),
                };
                let work = Work {
                    position,
                    name,
                    location: h.location,
                    start_date: h.start,
                    end_date: h.end,
                    summary: (!e.prose.is_empty()).then(|| {
                        e.prose
                            .iter()
                            .map(|&i| lines[i].text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    }),
                    highlights: e.bullets.iter().map(|&i| evidence(file, extracted, i)).collect(),
                    source: e.header.first().map(|&i| source(file, extracted, i)),
                    ..Work::default()
                };
                if section == Section::Work {
                    resume.work.push(work);
                } else {
                    resume.volunteer.push(work);
                }
            }
        }
        Section::Education => {
            for e in one_line_entries(entries(lines, idx)) {
                let h = parse_header(lines, &e.header);
                let degree_words = [
                    "bachelor",
                    "master",
                    "mba",
                    "phd",
                    "b.s",
                    "b.a",
                    "m.s",
                    "m.a",
                    "bsc",
                    "msc",
                    "ba ",
                    "bs ",
                    "degree",
                    "diploma",
                    "certificate",
                ];
                let is_degree = |s: &String| {
                    let l = format!("{} ", s.to_lowercase());
                    degree_words.iter().any(|w| l.contains(w))
                };
                let (institution, study) = match (&h.first, &h.second) {
                    (Some(a), Some(b)) if is_degree(a) && !is_degree(b) => {
                        (Some(b.clone()), Some(a.clone()))
                    }
                    (a, b) => (a.clone(), b.clone()),
                };
                let (study_type, area) = match study {
                    Some(s) => match s.split_once(" in ").or_else(|| s.split_once(", ")) {
                        Some((t, a)) => (Some(t.trim().to_owned()), Some(a.trim().to_owned())),
                        None => (Some(s), None),
                    },
                    None => (None, None),
                };
                resume.education.push(Education {
                    institution,
                    study_type,
                    area,
                    start_date: h.start,
                    end_date: h.end,
                    courses: e.bullets.iter().map(|&i| lines[i].text.clone()).collect(),
                    source: e
                        .header
                        .first()
                        .or(e.bullets.first())
                        .map(|&i| source(file, extracted, i)),
                    ..Education::default()
                });
            }
        }
        Section::Skills => {
            for &i in idx {
                let text = &lines[i].text;
                // "Product: discovery, pricing" is a group; otherwise every item is a skill.
                if let Some((group, items)) = text.split_once(':')
                    && group.split_whitespace().count() <= 4
                {
                    resume.skills.push(Skill {
                        name: Some(group.trim().to_owned()),
                        keywords: split_list(items),
                        ..Skill::default()
                    });
                } else {
                    for item in split_list(text) {
                        resume.skills.push(Skill { name: Some(item), ..Skill::default() });
                    }
                }
            }
        }
        Section::Projects => {
            for e in one_line_entries(entries(lines, idx)) {
                let h = parse_header(lines, &e.header);
                let mut highlights: Vec<Evidence> =
                    e.bullets.iter().map(|&i| evidence(file, extracted, i)).collect();
                let name = h
                    .first
                    .clone()
                    .or_else(|| (!highlights.is_empty()).then(|| highlights.remove(0).text));
                resume.projects.push(Project {
                    name,
                    description: h.second.or_else(|| {
                        (!e.prose.is_empty()).then(|| {
                            e.prose
                                .iter()
                                .map(|&i| lines[i].text.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                    }),
                    start_date: h.start,
                    end_date: h.end,
                    highlights,
                    source: e
                        .header
                        .first()
                        .or(e.bullets.first())
                        .map(|&i| source(file, extracted, i)),
                    ..Project::default()
                });
            }
        }
        Section::Certificates => {
            for &i in idx {
                let text = lines[i].text.clone();
                let date = find_range(&text);
                let mut clean = text.clone();
                if let Some(d) = &date {
                    clean.replace_range(d.span.0..d.span.1, " ");
                }
                let mut parts = clean
                    .split([',', '—', '–', '|', '(', ')'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "-");
                resume.certificates.push(Certificate {
                    name: parts.next().map(str::to_owned),
                    issuer: parts.next().map(str::to_owned),
                    date: date.and_then(|d| d.start),
                    source: Some(source(file, extracted, i)),
                    ..Certificate::default()
                });
            }
        }
        Section::Languages => {
            for &i in idx {
                for item in split_list(&lines[i].text) {
                    let (language, fluency) = match item.split_once('(') {
                        Some((l, f)) => {
                            (l.trim().to_owned(), Some(f.trim_end_matches(')').trim().to_owned()))
                        }
                        None => match item
                            .split_once(" - ")
                            .or_else(|| item.split_once(" — "))
                            .or_else(|| item.split_once(':'))
                        {
                            Some((l, f)) => (l.trim().to_owned(), Some(f.trim().to_owned())),
                            None => (item.clone(), None),
                        },
                    };
                    resume.languages.push(Language {
                        language: Some(language),
                        fluency,
                        ..Language::default()
                    });
                }
            }
        }
        Section::Awards | Section::Publications | Section::Interests | Section::References => {
            for &i in idx {
                let text = lines[i].text.clone();
                let value = match section {
                    Section::Awards => serde_json::json!({ "title": text }),
                    Section::Publications => serde_json::json!({ "name": text }),
                    Section::Interests => serde_json::json!({ "name": text }),
                    _ => serde_json::json!({ "reference": text }),
                };
                match section {
                    Section::Awards => resume.awards.push(value),
                    Section::Publications => resume.publications.push(value),
                    Section::Interests => resume.interests.push(value),
                    _ => resume.references.push(value),
                }
            }
        }
    }
}

/// A list of one-line items ("- MSc Economics — LSE (2014)") is one entry per item.
fn one_line_entries(entries: Vec<Entry>) -> Vec<Entry> {
    entries
        .into_iter()
        .flat_map(|e| {
            if e.header.is_empty() {
                e.bullets
                    .into_iter()
                    .map(|b| Entry { header: vec![b], ..Entry::default() })
                    .collect()
            } else {
                vec![e]
            }
        })
        .collect()
}

fn split_list(text: &str) -> Vec<String> {
    // Commas inside parentheses ("English (native, C2)") do not split.
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth == 0 && matches!(c, ',' | ';' | '|' | '•' | '·') {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}
