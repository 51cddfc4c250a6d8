//! The text logic shared by every posting format: lines in, title/company/location, sections,
//! responsibilities and requirements out. Plain text is split into lines here; HTML and JSON-LD
//! arrive as [`Extracted`] lines with heading and list-item hints.

use super::vocab::{self, Kind, Label, Place, Strength};
use crate::extract::{Extracted, LineHint};
use crate::model::{Requirement, SourceRef, Unplaced};
use regex::Regex;
use std::sync::LazyLock;

/// What the layout says a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    Text,
    Heading,
    Item,
}

/// One line of the posting, with where it is in the text the spans point into.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The text, bullet and Markdown markers stripped, trimmed; a wrapped item's lines joined
    /// with a space.
    pub text: String,
    /// Byte range in the source text (all of a wrapped item's lines).
    pub span: (usize, usize),
    /// 1-based line number in the source text.
    pub line: u32,
    pub hint: Hint,
}

/// What the text logic found.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub title: Option<String>,
    pub company: Option<String>,
    pub place: Option<Place>,
    pub remote: Option<String>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub salary: Option<String>,
    pub experience: Option<String>,
    pub description: Vec<String>,
    pub responsibilities: Vec<String>,
    pub qualifications: Vec<String>,
    pub requirements: Vec<Requirement>,
    pub unplaced: Vec<Unplaced>,
}

// ---------------------------------------------------------------------------------------------
// Lines.

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    // Symbol bullets may touch the text ("•Item"); ASCII ones need a space so "-5%" and "*nix"
    // stay text.
    Regex::new(r"^(?:[•·▪◦‣○●■□✓✔➢➤►→❖◆]\s*|[-*+–—>]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z]\)\s+)")
        .expect("bullet regex")
});
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}\s+").expect("markdown heading regex"));
static MD_BOLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__)\s*:?\s*$").expect("markdown bold regex")
});

/// Splits pasted text into lines: bullets (•, -, *, –, numbers) become items, Markdown headings
/// and bold-only lines headings; a lower-case line straight after an item continues it (text
/// copied from a narrow column wraps).
pub(crate) fn lines_of_text(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut offset = 0usize;
    let mut blank_before = true;
    for (i, raw) in text.split('\n').enumerate() {
        let start = offset;
        offset += raw.len() + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let lead = raw.len()
            - raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len();
        let body = raw[lead..].trim_end();
        if body.is_empty() {
            blank_before = true;
            continue;
        }
        let mut s = start + lead;
        let mut content = body;
        let mut hint = Hint::Text;
        if let Some(c) = MD_BOLD.captures(body) {
            let m = c.get(1).expect("group 1");
            s += m.start();
            content = m.as_str();
            hint = Hint::Heading;
        } else if let Some(m) = MD_HEADING.find(body) {
            s += m.end();
            content = &body[m.end()..];
            hint = Hint::Heading;
        } else if let Some(m) = BULLET.find(body) {
            s += m.end();
            content = &body[m.end()..];
            hint = Hint::Item;
        }
        let content = content.trim();
        if content.is_empty() {
            blank_before = true;
            continue;
        }
        let continues = !blank_before
            && hint == Hint::Text
            && out.last().is_some_and(|l| l.hint == Hint::Item)
            && content.chars().next().is_some_and(char::is_lowercase);
        if continues {
            let prev = out.last_mut().expect("checked");
            prev.text.push(' ');
            prev.text.push_str(content);
            prev.span.1 = s + content.len();
        } else {
            out.push(Line {
                text: content.to_owned(),
                span: (s, s + content.len()),
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                hint,
            });
        }
        blank_before = false;
    }
    out
}

/// The lines of an extraction (HTML, JSON-LD), with line numbers in its text.
pub(crate) fn lines_of_extracted(x: &Extracted) -> Vec<Line> {
    let mut line = 1u32;
    let mut pos = 0usize;
    x.lines
        .iter()
        .map(|l| {
            let (s, e) = l.span;
            if s >= pos {
                let newlines = x.text.get(pos..s).map_or(0, |t| t.matches('\n').count());
                line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                pos = s;
            }
            let hint = match l.hint {
                LineHint::Heading => Hint::Heading,
                LineHint::ListItem => Hint::Item,
                LineHint::Text | LineHint::TableCell => Hint::Text,
            };
            // "<p>• Item</p>" and "<br>- Item": a bullet typed into the text is still a bullet.
            if hint == Hint::Text
                && let Some(m) = BULLET.find(&l.text)
                && let rest = l.text[m.end()..].trim_start()
                && !rest.is_empty()
            {
                let start = s + (l.text.len() - rest.len());
                return Line { text: rest.to_owned(), span: (start, e), line, hint: Hint::Item };
            }
            Line { text: l.text.clone(), span: (s, e), line, hint }
        })
        .collect()
}

/// Appends plain text (a JSON-LD description without markup) to an extraction, keeping bullets
/// and headings as hints.
pub(crate) fn push_plain(x: &mut Extracted, text: &str) {
    let mut first = true;
    for l in lines_of_text(text) {
        let hint = match l.hint {
            Hint::Heading => LineHint::Heading,
            Hint::Item => LineHint::ListItem,
            Hint::Text => LineHint::Text,
        };
        x.push(&l.text, 1, hint, false, 0.0, first || l.hint != Hint::Item);
        first = false;
    }
}

// ---------------------------------------------------------------------------------------------
// Sections.

#[derive(Debug, Clone, PartialEq)]
enum Section {
    Preamble,
    Known(Kind),
    Unknown(String),
}

/// A line (or the part of a line after an inline heading) inside a section.
#[derive(Debug, Clone)]
struct Piece<'a> {
    text: &'a str,
    span: (usize, usize),
    line: u32,
    hint: Hint,
}

impl<'a> Piece<'a> {
    fn of(l: &'a Line) -> Self {
        Piece { text: &l.text, span: l.span, line: l.line, hint: l.hint }
    }
}

struct Block<'a> {
    section: Section,
    heading: Option<Piece<'a>>,
    pieces: Vec<Piece<'a>>,
}

enum Decision<'a> {
    Open(Section),
    /// "Requirements: 5+ years…": a heading and the first item on one line.
    Inline(Kind, Piece<'a>, Piece<'a>),
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && letters.iter().all(|c| !c.is_lowercase())
        && s.split_whitespace().count() <= 8
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn heading_decision<'a>(l: &'a Line, in_known: bool) -> Option<Decision<'a>> {
    if l.hint == Hint::Item {
        return None;
    }
    // Lines arrive trimmed, so offsets into `text` are offsets from `l.span.0`.
    let text = l.text.as_str();
    let colon_end = text.ends_with(':') || text.ends_with('：');
    let marked = l.hint == Hint::Heading || colon_end || is_all_caps(text);
    if !colon_end && vocab::label(text).is_some() {
        return None;
    }
    let strength = if marked { Strength::Marked } else { Strength::Plain };
    if let Some(k) = vocab::classify_heading(text, strength) {
        let plain_ok = words(text) <= 8 && !text.ends_with(['.', '!', '?', ',', ';']);
        if marked || plain_ok {
            return Some(Decision::Open(Section::Known(k)));
        }
    }
    if let Some(colon) = text.find(':') {
        let (head, rest) = (&text[..colon], &text[colon + 1..]);
        let rest_trim = rest.trim_start();
        if !rest_trim.is_empty() && words(head) <= 6 {
            let k = vocab::classify_heading(head, Strength::Marked)
                .filter(|k| !matches!(k, Kind::Location | Kind::Compensation | Kind::Overview));
            if let Some(k) = k {
                let offset = colon + 1 + (rest.len() - rest_trim.len());
                let heading = Piece {
                    text: head,
                    span: (l.span.0, l.span.0 + colon),
                    line: l.line,
                    hint: Hint::Heading,
                };
                let item = Piece {
                    text: &text[offset..],
                    span: (l.span.0 + offset, l.span.1),
                    line: l.line,
                    hint: Hint::Item,
                };
                return Some(Decision::Inline(k, heading, item));
            }
        }
    }
    let short = words(text) <= 8;
    // One capitalised word is more often an acronym item ("MBA", "SQL") than a heading.
    if short && (l.hint == Hint::Heading || (is_all_caps(text) && words(text) >= 2)) {
        return Some(Decision::Open(Section::Unknown(heading_name(text))));
    }
    if short && colon_end && !in_known {
        return Some(Decision::Open(Section::Unknown(heading_name(text))));
    }
    None
}

fn heading_name(s: &str) -> String {
    s.trim().trim_end_matches([':', '：']).trim().to_owned()
}

fn same_text(a: &str, b: &str) -> bool {
    vocab::normalize_heading(a) == vocab::normalize_heading(b)
}

/// Parses posting lines. `known_title` is the title the caller already has (JSON-LD, `<h1>`);
/// the line repeating it is consumed rather than read as a heading.
pub(crate) fn parse(file: &str, lines: &[Line], known_title: Option<&str>) -> Parsed {
    let mut p = Parsed { title: known_title.map(str::to_owned), ..Parsed::default() };
    let mut blocks: Vec<Block<'_>> =
        vec![Block { section: Section::Preamble, heading: None, pieces: Vec::new() }];
    let mut title_line: Option<&Line> = None;
    for (i, l) in lines.iter().enumerate() {
        let in_preamble = blocks.len() == 1;
        // Job boards often print "Job Description" above the title: the title may follow an
        // opening overview heading too.
        let after_opening_heading = blocks.len() == 2
            && blocks[1].section == Section::Known(Kind::Overview)
            && blocks[1].pieces.is_empty();
        if (in_preamble || after_opening_heading) && title_line.is_none() {
            let is_known = known_title.is_some_and(|t| same_text(t, &l.text));
            let looks = l.hint != Hint::Item
                && i < 3
                && vocab::looks_like_title(&l.text)
                && vocab::label(&l.text).is_none();
            if is_known || looks {
                title_line = Some(l);
                continue;
            }
        }
        let in_known = matches!(blocks.last().map(|b| &b.section), Some(Section::Known(_)));
        match heading_decision(l, in_known) {
            Some(Decision::Open(section)) => {
                blocks.push(Block { section, heading: Some(Piece::of(l)), pieces: Vec::new() });
            }
            Some(Decision::Inline(kind, heading, item)) => {
                blocks.push(Block {
                    section: Section::Known(kind),
                    heading: Some(heading),
                    pieces: vec![item],
                });
            }
            None => blocks.last_mut().expect("never empty").pieces.push(Piece::of(l)),
        }
    }

    if let Some(t) = title_line {
        read_title_line(&mut p, &t.text, known_title.is_some());
    }
    for b in &blocks {
        match &b.section {
            Section::Preamble => preamble(file, &mut p, &b.pieces, title_line.is_some()),
            Section::Known(k) => known_section(file, &mut p, *k, b),
            Section::Unknown(name) => {
                for piece in &b.pieces {
                    if !apply_label(&mut p, piece.text) && !stray(file, &mut p, piece) {
                        p.unplaced.push(unplaced(file, piece, format!("unknown section `{name}`")));
                    }
                }
            }
        }
    }
    if p.company.is_none() {
        p.company = company_in_prose(&p.description);
    }
    p
}

fn source(file: &str, line: u32, span: (usize, usize)) -> SourceRef {
    SourceRef { file: file.to_owned(), page: None, line: Some(line), span: Some(span) }
}

fn unplaced(file: &str, piece: &Piece<'_>, reason: String) -> Unplaced {
    Unplaced {
        text: piece.text.to_owned(),
        reason,
        source: Some(source(file, piece.line, piece.span)),
    }
}

// ---------------------------------------------------------------------------------------------
// The top of the posting.

const SEPARATORS: &[&str] = &[" | ", " · ", " • ", " — ", " – ", " - ", "·", "•", "|"];

/// Splits "Title at Company — Remote (US)" into parts, keeping the separators so the title
/// can be rebuilt as written.
fn split_parts(s: &str) -> Vec<&str> {
    let mut parts = vec![s];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

fn read_title_line(p: &mut Parsed, line: &str, title_known: bool) {
    static AT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.+?)\s+(?:at|@)\s+(.+)$").expect("at regex"));
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.*?)\s*\(([^()]*)\)\s*$").expect("paren regex"));
    let parts = split_parts(line);
    let mut title_parts: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let mut part = (*part).to_owned();
        // A trailing "(Remote)" is a place; "(Payments)" stays in the title.
        if let Some(c) = PAREN.captures(&part.clone()) {
            let inner = c.get(2).map_or("", |m| m.as_str());
            if read_header_part(p, inner) {
                part = c.get(1).map_or("", |m| m.as_str()).to_owned();
            }
        }
        if i == 0 {
            if let Some(c) = AT.captures(&part.clone()) {
                let company = c.get(2).map_or("", |m| m.as_str()).trim();
                if !read_header_part(p, company) && p.company.is_none() {
                    p.company = Some(company.to_owned());
                }
                part = c.get(1).map_or("", |m| m.as_str()).to_owned();
            }
            title_parts.push(part);
        } else if !read_header_part(p, &part) {
            title_parts.push(part);
        }
    }
    if !title_known {
        let title = title_parts.join(" – ");
        if !title.trim().is_empty() {
            p.title = Some(title.trim().to_owned());
        }
    }
}

/// Reads a part of a header line if it is a place, arrangement, employment type or salary.
fn read_header_part(p: &mut Parsed, part: &str) -> bool {
    let part = part.trim();
    if part.is_empty() {
        return true;
    }
    let mut used = false;
    if let Some(r) = vocab::remote_of(part) {
        p.remote.get_or_insert_with(|| r.to_owned());
        used = true;
    }
    if let Some(k) = vocab::employment_type(part) {
        p.kind.get_or_insert(k);
        used = true;
    }
    if let Some(s) = vocab::salary_in(part) {
        p.salary.get_or_insert(s);
        used = true;
    }
    if let Some(place) = vocab::parse_place(part) {
        if p.place.is_none() {
            p.place = Some(place);
        }
        used = true;
    }
    used
}

fn apply_label(p: &mut Parsed, text: &str) -> bool {
    let Some((label, value)) = vocab::label(text) else { return false };
    let value = value.trim().to_owned();
    match label {
        Label::Title => {
            p.title.get_or_insert(value);
        }
        Label::Company => {
            p.company.get_or_insert(value);
        }
        Label::Location => {
            if let Some(r) = vocab::remote_of(&value) {
                p.remote.get_or_insert_with(|| r.to_owned());
            }
            if p.place.is_none() {
                p.place = vocab::parse_place(&value);
            }
        }
        Label::Remote => {
            let r = vocab::remote_of(&value).or_else(|| {
                let v = value.to_ascii_lowercase();
                if v.starts_with("yes") || v.starts_with("full") {
                    Some("Full")
                } else if v.starts_with("no") {
                    Some("None")
                } else {
                    None
                }
            });
            if let Some(r) = r {
                p.remote.get_or_insert_with(|| r.to_owned());
            }
        }
        Label::Kind => {
            p.kind.get_or_insert(value);
        }
        Label::Salary => {
            p.salary.get_or_insert(vocab::salary_in(&value).unwrap_or(value));
        }
        Label::Date => {
            p.date.get_or_insert(value);
        }
        Label::Experience => {
            p.experience.get_or_insert(value);
        }
        Label::Info => p.description.push(text.trim().to_owned()),
    }
    true
}

/// Lines before the first heading: labels, the company/location line under the title, the
/// opening paragraph.
fn preamble(file: &str, p: &mut Parsed, pieces: &[Piece<'_>], had_title: bool) {
    for (i, piece) in pieces.iter().enumerate() {
        if apply_label(p, piece.text) || stray(file, p, piece) {
            continue;
        }
        let short = words(piece.text) <= 12 && !piece.text.ends_with(['.', '!', '?']);
        if short
            && i < 3
            && let Some(rest) = header_line(p, piece.text, had_title && i == 0)
        {
            if !rest.is_empty() {
                let reason = "header detail not recognised".to_owned();
                let mut u = unplaced(file, piece, reason);
                u.text = rest.join(" · ");
                p.unplaced.push(u);
            }
            continue;
        }
        if words(piece.text) >= 6 {
            p.description.push(piece.text.to_owned());
        } else {
            p.unplaced.push(unplaced(file, piece, "before any section".to_owned()));
        }
    }
}

/// The seniority values job boards print under the title ("Mid-Senior level").
static SENIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(internship|entry[- ]level|associate|mid[- ]senior level|mid[- ]level",
        r"|senior level|director|executive)$"
    ))
    .expect("seniority regex")
});

/// Equal-opportunity sentences outside a heading of their own ("Acme is an equal opportunity
/// employer.") are boilerplate wherever they stand.
static EEO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(equal (employment )?opportunity|without regard to|regardless of (race|age|gender)",
        r"|e-verify|reasonable accommodation)"
    ))
    .expect("eeo regex")
});

/// "Acme · San Francisco, CA (Hybrid) · Full-time" under the title.
/// Returns the parts it could not read, or `None` when the line is not a header line at all.
fn header_line<'t>(p: &mut Parsed, text: &'t str, right_under_title: bool) -> Option<Vec<&'t str>> {
    let parts = split_parts(text);
    let mut used_any = false;
    let mut leftovers = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if let Some(company) = part.strip_prefix("at ").or_else(|| part.strip_prefix("@ ")) {
            p.company.get_or_insert_with(|| company.trim().to_owned());
            used_any = true;
            continue;
        }
        if SENIORITY.is_match(part) {
            p.experience.get_or_insert_with(|| (*part).to_owned());
            used_any = true;
            continue;
        }
        let mut handled = read_header_part(p, part);
        // "Remote (US)" and "Boston, MA (Hybrid)": read the parenthesis too.
        if let Some((before, inner)) = part.split_once('(') {
            let inner = inner.trim_end_matches(')');
            handled |= read_header_part(p, inner) | read_header_part(p, before);
        }
        if handled {
            used_any = true;
        } else {
            leftovers.push((i, *part));
        }
    }
    // The company is the short capitalised part the line starts with ("Acme · Remote"), or a
    // short line of its own right under the title; a later part ("Boston · Full-time ·
    // Engineering") is more often the department.
    let company_like = |s: &str| {
        words(s) <= 5
            && s.chars().next().is_some_and(char::is_uppercase)
            && vocab::classify_heading(s, Strength::Plain).is_none()
    };
    let mut rest: Vec<&str> = leftovers.iter().map(|(_, s)| *s).collect();
    if let [(0, first), ..] = leftovers.as_slice() {
        let alone = leftovers.len() == 1;
        if p.company.is_none() && company_like(first) && (used_any || (alone && right_under_title))
        {
            p.company = Some((*first).to_owned());
            rest.remove(0);
            used_any = true;
        }
    }
    used_any.then_some(rest)
}

/// "At Acme, we…" / "Acme is hiring…" in the opening prose.
fn company_in_prose(description: &[String]) -> Option<String> {
    static AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:At|Join)\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s*[,!]")
            .expect("at-company regex")
    });
    static HIRING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+is\s+(?:hiring|looking|seeking)\b",
        )
        .expect("hiring-company regex")
    });
    description
        .iter()
        .find_map(|d| AT.captures(d).or_else(|| HIRING.captures(d)).map(|c| c[1].to_owned()))
}

// ---------------------------------------------------------------------------------------------
// Sections with a known heading.

fn is_lead_in(s: &str) -> bool {
    s.trim_end().ends_with([':', '：'])
}

/// A non-item line that belongs elsewhere wherever it stands: a "Salary:"/"Location:" label,
/// or an equal-opportunity sentence. Returns whether it was taken.
fn stray(file: &str, p: &mut Parsed, piece: &Piece<'_>) -> bool {
    if piece.hint == Hint::Item {
        return false;
    }
    if let Some((label, _)) = vocab::label(piece.text) {
        // Inside a list section only facts about the job count as labels; "Role: …" there is
        // more likely an item.
        if !matches!(label, Label::Title | Label::Company | Label::Info) {
            return apply_label(p, piece.text);
        }
    }
    if EEO_LINE.is_match(piece.text) {
        p.unplaced.push(unplaced(file, piece, "boilerplate: equal opportunity".to_owned()));
        return true;
    }
    false
}

fn known_section(file: &str, p: &mut Parsed, kind: Kind, b: &Block<'_>) {
    let heading = b.heading.as_ref().map_or("", |h| h.text);
    let has_items = b.pieces.iter().any(|x| x.hint == Hint::Item);
    if let Some(name) = kind.boilerplate() {
        if kind == Kind::AboutUs && p.company.is_none() {
            p.company = vocab::company_from_about(heading);
        }
        if kind == Kind::Compensation {
            for piece in &b.pieces {
                if p.salary.is_none() {
                    p.salary = vocab::salary_in(piece.text);
                }
            }
        }
        p.unplaced.push(boilerplate(file, b, name));
        return;
    }
    match kind {
        Kind::Overview => {
            for piece in &b.pieces {
                if !apply_label(p, piece.text) && !stray(file, p, piece) {
                    p.description.push(piece.text.to_owned());
                }
            }
        }
        Kind::Location => {
            for piece in &b.pieces {
                if apply_label(p, piece.text)
                    || read_header_part(p, piece.text)
                    || stray(file, p, piece)
                {
                    continue;
                }
                p.description.push(piece.text.to_owned());
            }
        }
        Kind::Responsibilities => {
            for piece in &b.pieces {
                if stray(file, p, piece) {
                    continue;
                }
                let item = piece.hint == Hint::Item || (!has_items && !is_lead_in(piece.text));
                if item {
                    p.responsibilities.push(piece.text.to_owned());
                } else {
                    p.description.push(piece.text.to_owned());
                }
            }
        }
        _ => {
            let default = kind.default_must().unwrap_or(true);
            for piece in &b.pieces {
                if stray(file, p, piece) {
                    continue;
                }
                let item = piece.hint == Hint::Item || (!has_items && !is_lead_in(piece.text));
                if item {
                    p.qualifications.push(piece.text.to_owned());
                    p.requirements.push(Requirement {
                        text: piece.text.to_owned(),
                        must: vocab::must_by_wording(piece.text, default),
                        years: vocab::parse_years(piece.text),
                        source: Some(source(file, piece.line, piece.span)),
                    });
                } else if is_lead_in(piece.text) {
                    p.description.push(piece.text.to_owned());
                } else {
                    let reason =
                        format!("prose in `{}` section, not a list item", heading_name(heading));
                    p.unplaced.push(unplaced(file, piece, reason));
                }
            }
        }
    }
}

/// One unplaced item standing for a whole boilerplate section: its heading and the start of
/// its text, with a span covering all of it.
fn boilerplate(file: &str, b: &Block<'_>, name: &str) -> Unplaced {
    const EXCERPT: usize = 160;
    let heading = b.heading.as_ref();
    let mut text = heading.map_or(String::new(), |h| heading_name(h.text));
    let body: Vec<&str> = b.pieces.iter().map(|x| x.text).collect();
    let body = body.join("; ");
    if !body.is_empty() {
        if !text.is_empty() {
            text.push_str(": ");
        }
        if body.chars().count() > EXCERPT {
            text.extend(body.chars().take(EXCERPT));
            text.push('…');
        } else {
            text.push_str(&body);
        }
    }
    let first = heading.or(b.pieces.first());
    let start = first.map_or(0, |f| f.span.0);
    let end = b.pieces.last().or(heading).map_or(start, |l| l.span.1.max(start));
    Unplaced {
        text,
        reason: format!("boilerplate: {name}"),
        source: first.map(|f| source(file, f.line, (start, end))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_continuations() {
        let t =
            "Title\n• one\n- two\n  continued here\n3. three\n-5% is text\n## Heading\n**Bold**\n";
        let l = lines_of_text(t);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Title", "one", "two continued here", "three", "-5% is text", "Heading", "Bold"]
        );
        assert_eq!(l[1].hint, Hint::Item);
        assert_eq!(l[5].hint, Hint::Heading);
        assert_eq!(&t[l[1].span.0..l[1].span.1], "one");
        assert_eq!(l[3].line, 5);
    }
}
