//! The LinkedIn data-export reader: the CSV files of the "Basic" or full export (Profile,
//! Positions, Education, Skills, Projects, Certifications, Languages, Connections and a few
//! more), mapped into the [`Resume`] model.
//!
//! Tolerant the way the exports vary: columns are found by header name (case-insensitive,
//! trimmed), in any order, with extra or missing ones; files may be missing, sit in a sub-folder,
//! carry a BOM, CRLF line ends or Windows-1252 bytes, and have a preamble before the header
//! (Connections.csv starts with "Notes:"). Every item points back to its file and line.

use pivot_text::collapse_whitespace as collapse;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::decode::decode_text;
use crate::docx::ZipEntries;
use crate::error::{ErrorKind, ImportError};
use crate::limits::Limits;
use crate::model::{
    Certificate, Contact, Education, Evidence, Language, Location, Profile, Project, Resume, Skill,
    SourceRef, Unplaced, Work,
};

/// The export's files Pivot reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Profile,
    Email,
    Phone,
    Positions,
    Education,
    Skills,
    Projects,
    Certifications,
    Languages,
    Honors,
    Volunteering,
    Publications,
    Connections,
}

/// File names (lower case) and what they hold, in the order they are read: Profile first, so
/// the basics it sets are not overwritten by the e-mail and phone files.
const FILES: &[(&str, Kind)] = &[
    ("profile.csv", Kind::Profile),
    ("email addresses.csv", Kind::Email),
    ("phonenumbers.csv", Kind::Phone),
    ("phone numbers.csv", Kind::Phone),
    ("positions.csv", Kind::Positions),
    ("education.csv", Kind::Education),
    ("skills.csv", Kind::Skills),
    ("projects.csv", Kind::Projects),
    ("certifications.csv", Kind::Certifications),
    ("languages.csv", Kind::Languages),
    ("honors.csv", Kind::Honors),
    ("volunteering.csv", Kind::Volunteering),
    ("publications.csv", Kind::Publications),
    ("connections.csv", Kind::Connections),
];

impl Kind {
    /// Header names of which at least one marks the header row (anything above it is a
    /// preamble, like Connections.csv's "Notes:").
    fn header_marks(self) -> &'static [&'static str] {
        match self {
            Kind::Profile => &["first name", "last name", "headline"],
            Kind::Email => &["email address"],
            Kind::Phone => &["number"],
            Kind::Positions => &["company name", "title"],
            Kind::Education => &["school name", "degree name"],
            Kind::Skills => &["name"],
            Kind::Projects => &["title", "description"],
            Kind::Certifications => &["name", "authority"],
            Kind::Languages => &["name", "proficiency"],
            Kind::Honors => &["title", "issued on"],
            Kind::Volunteering => &["company name", "role"],
            Kind::Publications => &["name", "publisher"],
            Kind::Connections => &["first name", "last name", "url", "connected on"],
        }
    }
}

fn kind_of(file_name: &str) -> Option<Kind> {
    let lower = file_name.to_lowercase();
    FILES.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k)
}

/// The file name of an entry, without its folders.
fn base_name(entry: &str) -> &str {
    entry.rsplit(['/', '\\']).next().unwrap_or(entry)
}

/// macOS resource forks and folders that zips made on a Mac carry along.
fn is_junk(entry: &str) -> bool {
    entry.starts_with("__MACOSX/")
        || entry.contains("/__MACOSX/")
        || base_name(entry).starts_with("._")
}

/// Imports a LinkedIn data export from `(entry name, bytes)` pairs: a zip's entries or a
/// folder's files. Entry names may include folders; files are recognised by their name.
pub fn import_linkedin_files(
    file: &str,
    files: &[(String, Vec<u8>)],
    limits: &Limits,
) -> Result<Resume, ImportError> {
    let mut resume = Resume::default();
    let mut chosen: Vec<(Kind, &str, &[u8])> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (name, bytes) in files {
        if is_junk(name) || name.ends_with('/') {
            continue;
        }
        let base = base_name(name);
        let path = format!("{file}!{name}");
        match kind_of(base) {
            Some(kind) if taken.insert(base.to_lowercase()) => chosen.push((kind, name, bytes)),
            Some(_) => resume.unplaced.push(Unplaced {
                text: name.clone(),
                reason: format!("a second {base} in the export; only the first is read"),
                source: Some(SourceRef { file: path, ..SourceRef::default() }),
            }),
            None if base.to_lowercase().ends_with(".csv") => resume.unplaced.push(Unplaced {
                text: name.clone(),
                reason: "a LinkedIn export file Pivot does not read".into(),
                source: Some(SourceRef { file: path, ..SourceRef::default() }),
            }),
            None => {}
        }
    }
    if chosen.is_empty() {
        return Err(ImportError::new(
            file,
            ErrorKind::Empty,
            "does not look like a LinkedIn export: none of Profile.csv, Positions.csv, \
             Connections.csv, Education.csv, Skills.csv… is in it; give the zip LinkedIn sent \
             (Settings › Data privacy › Get a copy of your data) or the folder it unzips to",
        ));
    }
    chosen.sort_by_key(|(kind, _, _)| FILES.iter().position(|(_, k)| k == kind));
    let mut unplaced_after = Vec::new();
    for (kind, name, bytes) in chosen {
        let path = format!("{file}!{name}");
        let Some(table) = read_table(&path, bytes, kind.header_marks(), limits)? else {
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                unplaced_after.push(Unplaced {
                    text: name.to_owned(),
                    reason: format!(
                        "no header row found (expected columns like {})",
                        kind.header_marks().join(", ")
                    ),
                    source: Some(SourceRef { file: path, ..SourceRef::default() }),
                });
            }
            continue;
        };
        let mut m = Mapper { t: &table, r: &mut resume };
        match kind {
            Kind::Profile => m.profile(),
            Kind::Email => m.email(),
            Kind::Phone => m.phone(),
            Kind::Positions => m.positions(),
            Kind::Education => m.education(),
            Kind::Skills => m.skills(),
            Kind::Projects => m.projects(),
            Kind::Certifications => m.certifications(),
            Kind::Languages => m.languages(),
            Kind::Honors => m.honors(),
            Kind::Volunteering => m.volunteering(),
            Kind::Publications => m.publications(),
            Kind::Connections => m.connections(),
        }
    }
    resume.unplaced.extend(unplaced_after);
    Ok(resume)
}

/// Imports a LinkedIn data export zip: reads the CSV entries (within the zip limits) and maps
/// them as [`import_linkedin_files`] does.
pub fn import_linkedin_zip(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Resume, ImportError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ImportError::new(
            file,
            ErrorKind::TooLarge,
            format!("is {} bytes, over the {}-byte file limit", bytes.len(), limits.max_file_bytes),
        ));
    }
    if !bytes.starts_with(b"PK") {
        if bytes.is_empty() {
            return Err(ImportError::new(file, ErrorKind::Empty, "is empty (0 bytes)"));
        }
        let text = !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok();
        return Err(if text && bytes.contains(&b',') {
            ImportError::new(
                file,
                ErrorKind::WrongExtension,
                "is a single CSV file, not the export zip; give the zip LinkedIn sent or the \
                 folder it unzips to",
            )
        } else {
            ImportError::new(
                file,
                ErrorKind::Corrupt,
                "is not a zip archive; give the zip LinkedIn sent or the folder it unzips to",
            )
        });
    }
    let mut zip = ZipEntries::open(file, bytes, limits)?;
    let names = zip.names().to_vec();
    let mut files = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.ends_with('/') || is_junk(name) || !name.to_lowercase().ends_with(".csv") {
            continue;
        }
        // Files Pivot does not read are only listed, so they are not unpacked at all (a full
        // export's messages can be large).
        let bytes = if kind_of(base_name(name)).is_some() { zip.read(i)? } else { Vec::new() };
        files.push((name.clone(), bytes));
    }
    import_linkedin_files(file, &files, limits)
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

struct Row {
    /// 1-based line of the file where the row starts.
    line: u32,
    fields: Vec<String>,
}

struct Table {
    /// `export.zip!Positions.csv`.
    path: String,
    /// Normalised header name → column.
    cols: HashMap<String, usize>,
    rows: Vec<Row>,
}

/// A header as compared: trimmed, lower case, single spaces (BOM and underscores dropped).
fn norm_header(h: &str) -> String {
    h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads a CSV file: finds its header row (after any preamble), then its rows; blank rows are
/// skipped. `None` when no header row is found.
fn read_table(
    path: &str,
    bytes: &[u8],
    marks: &[&str],
    limits: &Limits,
) -> Result<Option<Table>, ImportError> {
    let (text, _converted) = decode_text(path, bytes)?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut cols: Option<HashMap<String, usize>> = None;
    let mut rows = Vec::new();
    let mut before_header = 0;
    let (mut line, mut counted_to) = (1u32, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ImportError::new(
                    path,
                    ErrorKind::Corrupt,
                    format!("is not readable CSV at line {line} ({e})"),
                ));
            }
        }
        // The line is counted from the byte offset: the csv crate's own count is off by one
        // after a CRLF, where the offset it gives is that of the "\n" before the record.
        let mut at = record.position().map_or(counted_to, |p| p.byte() as usize).min(text.len());
        while text.as_bytes().get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            at += 1;
        }
        if at > counted_to {
            line += text.as_bytes()[counted_to..at].iter().filter(|b| **b == b'\n').count() as u32;
            counted_to = at;
        }
        let Some(_) = &cols else {
            let names: Vec<String> = record.iter().map(norm_header).collect();
            if names.iter().any(|n| marks.contains(&n.as_str())) {
                let mut map = HashMap::new();
                for (i, n) in names.into_iter().enumerate() {
                    // With a repeated header, the first column of that name is the one used.
                    map.entry(n).or_insert(i);
                }
                cols = Some(map);
            } else {
                before_header += 1;
                if before_header > 64 {
                    break;
                }
            }
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() >= limits.max_csv_rows {
            return Err(ImportError::new(
                path,
                ErrorKind::TooLarge,
                format!("has more than {} rows, the limit for one file", limits.max_csv_rows),
            ));
        }
        rows.push(Row { line, fields: record.iter().map(str::to_owned).collect() });
    }
    Ok(cols.map(|cols| Table { path: path.to_owned(), cols, rows }))
}

impl Table {
    /// The first of `names` that is a column, trimmed; `None` when absent or blank.
    fn raw<'r>(&self, row: &'r Row, names: &[&str]) -> Option<&'r str> {
        let i = names.iter().find_map(|n| self.cols.get(*n))?;
        row.fields.get(*i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// A single-line value: whitespace (including line breaks) collapsed.
    fn one_line(&self, row: &Row, names: &[&str]) -> Option<String> {
        self.raw(row, names).map(collapse)
    }

    /// A multi-line value: line breaks kept, CRLF and trailing spaces cleaned.
    fn text(&self, row: &Row, names: &[&str]) -> Option<String> {
        let raw = self.raw(row, names)?;
        let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
        Some(lines.join("\n").trim().to_owned())
    }

    fn source(&self, row: &Row) -> SourceRef {
        SourceRef { file: self.path.clone(), line: Some(row.line), ..SourceRef::default() }
    }
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

struct Mapper<'a> {
    t: &'a Table,
    r: &'a mut Resume,
}

impl Mapper<'_> {
    /// A date column as ISO 8601. "Present" and blanks are `None`; a date that cannot be read
    /// is `None` too, and listed as unplaced rather than dropped.
    fn date(&mut self, row: &Row, names: &[&str]) -> Option<String> {
        let raw = self.t.one_line(row, names)?;
        if is_present(&raw) {
            return None;
        }
        let parsed = parse_linkedin_date(&raw);
        if parsed.is_none() {
            self.r.unplaced.push(Unplaced {
                reason: format!("date in column `{}` not understood", title_case(names[0])),
                text: raw,
                source: Some(self.t.source(row)),
            });
        }
        parsed
    }

    fn evidence(&self, row: &Row, text: &str) -> Vec<Evidence> {
        split_description(text)
            .into_iter()
            .map(|text| Evidence { text, source: Some(self.t.source(row)) })
            .collect()
    }

    fn profile(&mut self) {
        let t = self.t;
        let Some(row) = t.rows.first() else { return };
        let name: Vec<String> = [t.one_line(row, &["first name"]), t.one_line(row, &["last name"])]
            .into_iter()
            .flatten()
            .collect();
        let b = &mut self.r.basics;
        if !name.is_empty() {
            b.name = Some(name.join(" "));
        }
        b.label = t.one_line(row, &["headline"]);
        b.summary = t.text(row, &["summary", "about"]);
        b.location = location(
            t.one_line(row, &["geo location", "location"]).as_deref(),
            t.one_line(row, &["zip code", "postal code"]),
            t.one_line(row, &["address"]),
        );
        if let Some(sites) = t.raw(row, &["websites"]) {
            let mut sites = websites(sites).into_iter();
            if let Some((_, url)) = sites.next() {
                b.url = Some(url);
            }
            b.profiles.extend(sites.map(|(label, url)| Profile {
                network: label,
                url: Some(url),
                ..Profile::default()
            }));
        }
        if let Some(handles) = t.raw(row, &["twitter handles"]) {
            let handles = handles.trim_matches(|c| c == '[' || c == ']');
            b.profiles.extend(
                handles
                    .split(',')
                    .map(|h| h.trim().trim_start_matches('@').to_owned())
                    .filter(|h| !h.is_empty())
                    .map(|h| Profile {
                        network: Some("Twitter".into()),
                        username: Some(h),
                        ..Profile::default()
                    }),
            );
        }
    }

    fn email(&mut self) {
        let t = self.t;
        // The primary address, else the first.
        let primary = t
            .rows
            .iter()
            .find(|r| t.raw(r, &["primary"]).is_some_and(|p| p.eq_ignore_ascii_case("yes")))
            .or(t.rows.first());
        if self.r.basics.email.is_none() {
            self.r.basics.email = primary.and_then(|r| t.one_line(r, &["email address", "email"]));
        }
    }

    fn phone(&mut self) {
        let t = self.t;
        if self.r.basics.phone.is_none() {
            self.r.basics.phone =
                t.rows.iter().find_map(|r| t.one_line(r, &["number", "phone number"]));
        }
    }

    fn positions(&mut self) {
        for row in &self.t.rows {
            let w = self.role(row, &["company name", "company"], &["title", "position"], None);
            self.r.work.push(w);
        }
    }

    fn volunteering(&mut self) {
        for row in &self.t.rows {
            let w = self.role(
                row,
                &["company name", "organization"],
                &["role", "title"],
                Some("cause"),
            );
            self.r.volunteer.push(w);
        }
    }

    /// A role from a Positions or Volunteering row: the two files differ only in column names.
    fn role(&mut self, row: &Row, org: &[&str], title: &[&str], cause: Option<&str>) -> Work {
        let t = self.t;
        let mut w = Work {
            name: t.one_line(row, org),
            position: t.one_line(row, title),
            location: t.one_line(row, &["location"]),
            summary: cause.and_then(|c| t.one_line(row, &[c])),
            source: Some(t.source(row)),
            ..Work::default()
        };
        w.start_date = self.date(row, &["started on", "start date"]);
        w.end_date = self.date(row, &["finished on", "end date"]);
        if let Some(d) = t.text(row, &["description"]) {
            w.highlights = self.evidence(row, &d);
        }
        w
    }

    fn education(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let mut e = Education {
                institution: t.one_line(row, &["school name", "school"]),
                study_type: t.one_line(row, &["degree name", "degree"]),
                area: t.one_line(row, &["field of study", "field"]),
                source: Some(t.source(row)),
                ..Education::default()
            };
            e.start_date = self.date(row, &["start date", "started on"]);
            e.end_date = self.date(row, &["end date", "finished on"]);
            self.r.education.push(e);
            // The model's education has no place for notes and activities: list them.
            for (col, what) in
                [("notes", "education notes"), ("activities", "education activities")]
            {
                if let Some(text) = t.text(row, &[col]) {
                    self.r.unplaced.push(Unplaced {
                        text,
                        reason: format!("{what}: no field for them in the model"),
                        source: Some(t.source(row)),
                    });
                }
            }
        }
    }

    fn skills(&mut self) {
        let t = self.t;
        let mut seen: HashSet<String> = self
            .r
            .skills
            .iter()
            .filter_map(|s| s.name.as_ref())
            .map(|n| n.to_lowercase())
            .collect();
        for row in &t.rows {
            let Some(name) = t.one_line(row, &["name", "skill"]) else { continue };
            if seen.insert(name.to_lowercase()) {
                self.r.skills.push(Skill { name: Some(name), ..Skill::default() });
            }
        }
    }

    fn projects(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let mut p = Project {
                name: t.one_line(row, &["title", "name"]),
                url: t.one_line(row, &["url"]),
                source: Some(t.source(row)),
                ..Project::default()
            };
            p.start_date = self.date(row, &["started on", "start date"]);
            p.end_date = self.date(row, &["finished on", "end date"]);
            if let Some(d) = t.text(row, &["description"]) {
                let highlights = self.evidence(row, &d);
                // A one-line description is prose; several lines are the project's bullets.
                if highlights.len() > 1 {
                    p.highlights = highlights;
                }
                p.description = Some(d);
            }
            self.r.projects.push(p);
        }
    }

    fn certifications(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let mut c = Certificate {
                name: t.one_line(row, &["name", "title"]),
                issuer: t.one_line(row, &["authority", "issuer"]),
                url: t.one_line(row, &["url"]),
                source: Some(t.source(row)),
                ..Certificate::default()
            };
            c.date = self.date(row, &["started on", "issued on"]);
            self.r.certificates.push(c);
        }
    }

    fn languages(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let Some(language) = t.one_line(row, &["name", "language"]) else { continue };
            self.r.languages.push(Language {
                language: Some(language),
                fluency: t.one_line(row, &["proficiency"]),
                ..Language::default()
            });
        }
    }

    fn honors(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let mut award = Map::new();
            let title = t.one_line(row, &["title", "name"]);
            let date = self.date(row, &["issued on", "date"]);
            let summary = t.text(row, &["description"]);
            for (k, v) in [("title", title), ("date", date), ("summary", summary)] {
                if let Some(v) = v {
                    award.insert(k.into(), Value::String(v));
                }
            }
            if !award.is_empty() {
                self.r.awards.push(Value::Object(award));
            }
        }
    }

    fn publications(&mut self) {
        let t = self.t;
        for row in &t.rows {
            let mut publication = Map::new();
            let fields = [
                ("name", t.one_line(row, &["name", "title"])),
                ("publisher", t.one_line(row, &["publisher"])),
                ("releaseDate", self.date(row, &["published on", "date"])),
                ("url", t.one_line(row, &["url"])),
                ("summary", t.text(row, &["description"])),
            ];
            for (k, v) in fields {
                if let Some(v) = v {
                    publication.insert(k.into(), Value::String(v));
                }
            }
            if !publication.is_empty() {
                self.r.publications.push(Value::Object(publication));
            }
        }
    }

    fn connections(&mut self) {
        let t = self.t;
        self.r.contacts.reserve(t.rows.len());
        for row in &t.rows {
            let first_name = t.one_line(row, &["first name"]).unwrap_or_default();
            let last_name = t.one_line(row, &["last name"]).unwrap_or_default();
            let url = t.one_line(row, &["url", "profile url"]);
            let email = t.one_line(row, &["email address", "email"]);
            // LinkedIn leaves the row of a member who hides their profile blank but for the
            // date: nothing to contact.
            if first_name.is_empty() && last_name.is_empty() && url.is_none() && email.is_none() {
                continue;
            }
            // A connection's date in an odd form is left out quietly: thousands of rows would
            // drown the unplaced list.
            let connected_on =
                t.one_line(row, &["connected on"]).and_then(|d| parse_linkedin_date(&d));
            self.r.contacts.push(Contact {
                first_name,
                last_name,
                url,
                email,
                company: t.one_line(row, &["company"]),
                position: t.one_line(row, &["position"]),
                connected_on,
                source: Some(t.source(row)),
            });
        }
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A description as highlights: one per line, and one per "•" when several are typed on one
/// line; leading bullet marks ("•", "-", "*", "1.") dropped, blank lines skipped.
fn split_description(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| line.split(['•', '●', '▪', '◦', '■', '\u{F0B7}']))
        .map(|part| collapse(strip_marker(part.trim())))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text after a leading list mark: a dash or asterisk followed by a space, or a number of
/// one or two digits followed by "." or ")" and a space.
fn strip_marker(s: &str) -> &str {
    for mark in ["- ", "– ", "— ", "* ", "· ", "> ", "→ "] {
        if let Some(rest) = s.strip_prefix(mark) {
            return rest.trim_start();
        }
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    s
}

/// Profile.csv's websites: `[PORTFOLIO:https://a.example,OTHER:https://b.example]`, as
/// (label, url) pairs.
fn websites(s: &str) -> Vec<(Option<String>, String)> {
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            let (label, url) = match part.split_once(':') {
                // "https://…" has a colon too: a label is a word before a colon not followed
                // by "//".
                Some((l, rest))
                    if !rest.starts_with("//")
                        && !l.is_empty()
                        && l.chars().all(|c| c.is_alphanumeric() || " _-".contains(c)) =>
                {
                    (Some(title_case(&l.to_lowercase())), rest.trim())
                }
                _ => (None, part),
            };
            (!url.is_empty()).then(|| (label, url.to_owned()))
        })
        .collect()
}

/// Profile.csv's location: "London, England, United Kingdom" → city, region, country code;
/// anything else is kept as written in `city`.
fn location(
    geo: Option<&str>,
    postal: Option<String>,
    address: Option<String>,
) -> Option<Location> {
    let mut loc = Location { postal_code: postal, address, ..Location::default() };
    if let Some(geo) = geo {
        let mut parts: Vec<&str> =
            geo.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        let country = parts.last().and_then(|last| crate::posting::vocab::country_code(last));
        if country.is_some() && parts.len() > 1 {
            parts.pop();
            loc.country_code = country.map(str::to_owned);
        } else if country.is_some() {
            // Only a country.
            loc.country_code = country.map(str::to_owned);
            parts.clear();
        }
        if let Some((city, rest)) = parts.split_first() {
            loc.city = Some((*city).to_owned());
            if !rest.is_empty() {
                loc.region = Some(rest.join(", "));
            }
        }
    }
    (loc != Location::default()).then_some(loc)
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// Words for "still going" in an end-date column.
fn is_present(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "present"
            | "current"
            | "now"
            | "today"
            | "ongoing"
            | "aujourd'hui"
            | "aujourd’hui"
            | "heute"
            | "actualidad"
            | "presente"
            | "atual"
            | "heden"
            | "oggi"
    )
}

/// Month names and abbreviations in the languages LinkedIn exports in (English, French, German,
/// Spanish, Portuguese, Italian, Dutch): a token starting with one of these prefixes is that
/// month ("Mar", "March", "mars", "marzo").
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("gen", 1),
    ("ene", 1),
    ("feb", 2),
    ("fev", 2),
    ("fév", 2),
    ("mar", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mrt", 3),
    ("apr", 4),
    ("abr", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("mag", 5),
    ("mei", 5),
    ("jun", 6),
    ("juin", 6),
    ("giu", 6),
    ("jul", 7),
    ("juil", 7),
    ("lug", 7),
    ("aug", 8),
    ("ago", 8),
    ("aoû", 8),
    ("aou", 8),
    ("sep", 9),
    ("set", 9),
    ("oct", 10),
    ("okt", 10),
    ("out", 10),
    ("ott", 10),
    ("nov", 11),
    ("dec", 12),
    ("dez", 12),
    ("dic", 12),
    ("déc", 12),
];

fn month_name(token: &str) -> Option<u32> {
    let t = token.to_lowercase();
    if t.chars().count() < 3 || !t.chars().all(char::is_alphabetic) {
        return None;
    }
    MONTHS.iter().find(|(p, _)| t.starts_with(p)).map(|(_, m)| *m)
}

/// A number token (an ordinal suffix dropped: "12th"), with its digit count.
fn number(token: &str) -> Option<(u32, usize)> {
    let lower = token.to_lowercase();
    let digits = ["st", "nd", "rd", "th", "º", "er"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, digits.len()))
}

/// A two-digit year: 00–69 are 2000s, 70–99 the 1900s.
fn full_year(y: u32, digits: usize) -> u32 {
    match (digits, y) {
        (2, y) if y < 70 => 2000 + y,
        (2, y) => 1900 + y,
        (_, y) => y,
    }
}

fn iso(year: u32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let Some(m) = month else { return Some(format!("{year:04}")) };
    if !(1..=12).contains(&m) {
        return None;
    }
    let Some(d) = day else { return Some(format!("{year:04}-{m:02}")) };
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&d).then(|| format!("{year:04}-{m:02}-{d:02}"))
}

/// Reads a date as LinkedIn's exports write it, as ISO 8601 at the precision given:
///
/// | written | ISO |
/// | --- | --- |
/// | `Mar 2021`, `March 2021`, `mars 2021`, `Mar-2021` | `2021-03` |
/// | `2021` | `2021` |
/// | `03/2021`, `3/2021`, `2021-03` | `2021-03` |
/// | `Mar 12, 2021`, `12 Mar 2021`, `12-Mar-21`, `2021 Mar 12` | `2021-03-12` |
/// | `03/12/21`, `3/12/2021` (month first, as LinkedIn writes them) | `2021-03-12` |
/// | `25/12/2021` (day first when the first number cannot be a month), `12.03.2021` | day first |
/// | `2021-03-12`, `2021/03/12` | `2021-03-12` |
///
/// Anything else, "Present" included, is `None`.
pub fn parse_linkedin_date(s: &str) -> Option<String> {
    let s = s.trim();
    let dotted = s.contains('.');
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '.'))
        .filter(|t| !t.is_empty())
        // "12 de marzo de 2021", "the 12th of March 2021".
        .filter(|t| !matches!(t.to_lowercase().as_str(), "de" | "of" | "the" | "del"))
        .collect();
    if tokens.is_empty() || tokens.len() > 3 {
        return None;
    }
    match tokens.iter().position(|t| month_name(t).is_some()) {
        Some(i) => {
            let m = month_name(tokens[i]);
            let nums: Vec<(u32, usize)> = tokens
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, t)| number(t))
                .collect::<Option<_>>()?;
            match nums.as_slice() {
                [(y, 4)] => iso(*y, m, None),
                [(d, 1 | 2), (y, 4)] | [(y, 4), (d, 1 | 2)] => iso(*y, m, Some(*d)),
                // "12-Mar-21": day, month, two-digit year.
                [(d, 1 | 2), (y, 2)] if i == 1 => iso(full_year(*y, 2), m, Some(*d)),
                _ => None,
            }
        }
        None => {
            let nums: Vec<(u32, usize)> =
                tokens.iter().map(|t| number(t)).collect::<Option<_>>()?;
            match nums.as_slice() {
                [(y, 4)] => iso(*y, None, None),
                [(y, 4), (m, 1 | 2)] | [(m, 1 | 2), (y, 4)] => iso(*y, Some(*m), None),
                [(y, 4), (m, 1 | 2), (d, 1 | 2)] => iso(*y, Some(*m), Some(*d)),
                [(a, 1 | 2), (b, 1 | 2), (y, yd @ (2 | 4))] => {
                    // LinkedIn writes the month first; a first number over 12 cannot be a
                    // month, and dotted dates are written day first.
                    let (m, d) = if dotted || (*a > 12 && *b <= 12) { (*b, *a) } else { (*a, *b) };
                    iso(full_year(*y, *yd), Some(m), Some(d))
                }
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_websites() {
        assert_eq!(strip_marker("- Led it"), "Led it");
        assert_eq!(strip_marker("1. Led it"), "Led it");
        assert_eq!(strip_marker("2021 launch"), "2021 launch");
        assert_eq!(strip_marker("-5% churn"), "-5% churn");
        assert_eq!(
            websites("[PORTFOLIO:https://maya.example,https://b.example/x]"),
            vec![
                (Some("Portfolio".into()), "https://maya.example".into()),
                (None, "https://b.example/x".into())
            ]
        );
        let loc = location(Some("London, England, United Kingdom"), None, None).unwrap();
        assert_eq!(
            (loc.city.as_deref(), loc.region.as_deref(), loc.country_code.as_deref()),
            (Some("London"), Some("England"), Some("GB"))
        );
        let loc = location(Some("Greater Seattle Area"), None, None).unwrap();
        assert_eq!((loc.city.as_deref(), loc.country_code), (Some("Greater Seattle Area"), None));
        assert_eq!(location(None, None, None), None);
    }
}
