//! The DOCX reader: the paragraphs of a Word document in reading order, with what the styles say
//! about headings, bold, size and lists. Read by hand with `zip` and `quick-xml`: Pivot needs the
//! text and a few layout hints, not a document model.
//!
//! Reading order: headers, then the body, then footers (resume templates often put the name and
//! contact line in the page header). Tables are read row by row, each row's cells left to right,
//! each cell's paragraphs in order, so a two-column layout table reads the sidebar cell, then the
//! main cell. Text boxes are read after the paragraph they are anchored to.
//!
//! This file also holds `ZipEntries`, the zip-bomb-safe entry reader the LinkedIn export reader
//! shares (the crate's module list is not this reader's to change).

use pivot_text::collapse_whitespace as collapse;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use crate::error::{ErrorKind, ImportError};
use crate::extract::{Extracted, LineHint};
use crate::limits::Limits;

/// Entries smaller than this are never refused for their compression ratio: they cannot exhaust
/// memory, and small repetitive XML or CSV legitimately compresses very well.
const RATIO_FLOOR: u64 = 1 << 20;

/// Word's own font size when neither the run, its styles nor the document defaults set one.
const WORD_DEFAULT_SIZE: f32 = 10.0;

/// The OLE compound-file signature: an encrypted DOCX is wrapped in one, and so is a Word 97 .doc.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn mb(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
}

/// A zip archive whose entries are read within [`Limits`]: the entry count, the total
/// uncompressed size of what is read, and each entry's compression ratio, checked both against
/// what the headers declare and against what actually comes out, so a zip bomb (honest or with
/// lying size headers) is refused before it can fill memory.
pub(crate) struct ZipEntries<'a> {
    file: &'a str,
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    max_ratio: u64,
    max_total: u64,
    /// What is left of `max_zip_uncompressed` for the entries still to be read.
    budget: u64,
}

impl<'a> ZipEntries<'a> {
    /// Opens `bytes` as a zip; a damaged archive is `Corrupt`, too many entries `TooLarge`.
    pub(crate) fn open(
        file: &'a str,
        bytes: &'a [u8],
        limits: &Limits,
    ) -> Result<Self, ImportError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            ImportError::new(
                file,
                ErrorKind::Corrupt,
                format!("is a damaged or truncated zip archive ({e}); export or save it again"),
            )
        })?;
        if archive.len() > limits.max_zip_entries {
            return Err(ImportError::new(
                file,
                ErrorKind::TooLarge,
                format!(
                    "is a zip of {} entries, more than the limit of {}",
                    archive.len(),
                    limits.max_zip_entries
                ),
            ));
        }
        // Names with backslashes come from zips made by old Windows tools.
        let names = (0..archive.len())
            .map(|i| match archive.name_for_index(i) {
                Some(Ok(n)) => n.replace('\\', "/"),
                _ => String::new(),
            })
            .collect();
        Ok(ZipEntries {
            file,
            archive,
            names,
            max_ratio: limits.max_zip_ratio.max(1),
            max_total: limits.max_zip_uncompressed,
            budget: limits.max_zip_uncompressed,
        })
    }

    /// The entry names, `/`-separated, in archive order.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of entry `name`. Case-insensitive: OPC part names compare that way, and zips
    /// made by hand on Windows or macOS do not keep case reliably.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.names.iter().position(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// Reads entry `index` in full, within the limits.
    pub(crate) fn read(&mut self, index: usize) -> Result<Vec<u8>, ImportError> {
        let at = format!("{}!{}", self.file, self.names.get(index).map_or("", String::as_str));
        let too_large = |msg: String| ImportError::new(&at, ErrorKind::TooLarge, msg);
        let (declared, compressed, encrypted) = match self.archive.by_index_data(index) {
            Ok(e) => (e.size(), e.compressed_size(), e.encrypted()),
            Err(e) => {
                return Err(ImportError::new(&at, ErrorKind::Corrupt, format!("is damaged ({e})")));
            }
        };
        if encrypted {
            return Err(ImportError::new(
                &at,
                ErrorKind::Encrypted,
                "is password-protected inside the zip; unzip it with its password and import \
                 the files",
            ));
        }
        if declared > self.budget {
            return Err(too_large(format!(
                "unpacks to {}, over the {} limit on what is read from one zip",
                mb(declared),
                mb(self.max_total)
            )));
        }
        let ratio_limit = self.max_ratio;
        let ratio_of = |n: u64| n / compressed.max(1);
        if declared > RATIO_FLOOR && ratio_of(declared) > ratio_limit {
            return Err(too_large(format!(
                "compresses {}:1, far more than real documents do (limit {ratio_limit}:1); \
                 refused as a likely zip bomb",
                ratio_of(declared)
            )));
        }
        let mut entry = self.archive.by_index(index).map_err(|e| {
            let kind = match e {
                zip::result::ZipError::UnsupportedArchive(m)
                    if m == zip::result::ZipError::PASSWORD_REQUIRED =>
                {
                    ErrorKind::Encrypted
                }
                _ => ErrorKind::Corrupt,
            };
            ImportError::new(&at, kind, format!("cannot be read ({e})"))
        })?;
        // Never trust the declared size: read at most one byte past it, in chunks, checking the
        // real ratio as the data comes out.
        let cap = declared.min(self.budget);
        let mut limited = (&mut entry).take(cap.saturating_add(1));
        let mut out = Vec::with_capacity(cap.min(8 << 20) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match limited.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // The zip crate refuses to inflate past the declared size, and says so (the
                    // bytes of that last read are dropped, so only its message tells): that is
                    // a lying header, not damage.
                    if e.to_string().contains("declared uncompressed size") {
                        return Err(too_large(format!(
                            "unpacks to more than the {declared} bytes its header declares; \
                             refused as a likely zip bomb"
                        )));
                    }
                    return Err(ImportError::new(
                        &at,
                        ErrorKind::Corrupt,
                        format!("is damaged ({e}); export or save the file again"),
                    ));
                }
            };
            out.extend_from_slice(&chunk[..n]);
            let len = out.len() as u64;
            if len > cap {
                return Err(too_large(format!(
                    "unpacks to more than the {declared} bytes its header declares \
                     (or than the {} limit); refused as a likely zip bomb",
                    mb(self.max_total)
                )));
            }
            if len > RATIO_FLOOR && ratio_of(len) > ratio_limit {
                return Err(too_large(format!(
                    "compresses more than {ratio_limit}:1, far more than real documents do; \
                     refused as a likely zip bomb"
                )));
            }
        }
        self.budget -= out.len() as u64;
        Ok(out)
    }
}

/// Extracts a DOCX's text in reading order, as lines with layout hints.
pub fn extract_docx(file: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, ImportError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ImportError::new(
            file,
            ErrorKind::TooLarge,
            format!(
                "is {}, over the {} file limit",
                mb(bytes.len() as u64),
                mb(limits.max_file_bytes)
            ),
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(not_a_zip(file, bytes));
    }
    let mut zip = ZipEntries::open(file, bytes, limits)?;
    let mut ext = Extracted::default();

    let main = main_part(&mut zip, &mut ext.warnings).ok_or_else(|| no_document(file, &zip))?;
    let main_index = zip.find(&main).ok_or_else(|| no_document(file, &zip))?;
    let main_bytes = zip.read(main_index)?;
    let main_xml = xml_text(&main_bytes, &main, &mut ext.warnings);

    // The document's relationships name its styles, numbering, headers and footers.
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
    let rels_name = format!("{dir}/_rels/{}.rels", main.rsplit('/').next().unwrap_or(&main));
    let rels = match optional_part(&mut zip, &rels_name, &mut ext.warnings)? {
        Some(xml) => relationships(&xml),
        None => Vec::new(),
    };
    let target = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| resolve_target(&dir, target))
            .unwrap_or_else(|| format!("{dir}/{default}"))
    };
    let styles = match optional_part(&mut zip, &target("/styles", "styles.xml"), &mut ext.warnings)?
    {
        Some(xml) => parse_styles(&xml).unwrap_or_else(|e| {
            ext.warnings
                .push(format!("the styles could not be read ({e}); headings may be missed"));
            Styles::default()
        }),
        None => Styles::default(),
    };
    let numbering =
        match optional_part(&mut zip, &target("/numbering", "numbering.xml"), &mut ext.warnings)? {
            Some(xml) => parse_numbering(&xml).unwrap_or_default(),
            None => Numbering::default(),
        };
    let ctx = Ctx { styles: &styles, numbering: &numbering };

    let parts = |kind: &str| -> Vec<String> {
        let mut v: Vec<String> = rels
            .iter()
            .filter(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| resolve_target(&dir, target))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let headers = parts("/header");
    let footers = parts("/footer");

    let body = read_blocks(&main_xml, &ctx).map_err(|e| {
        ImportError::new(
            &format!("{file}!{main}"),
            ErrorKind::Corrupt,
            format!("is damaged: {e}; open the document in Word and save it again"),
        )
    })?;

    // Headers and footers: optional, each read once, their repeated lines (first-page and
    // default headers often match) and page numbers dropped.
    let mut seen = HashSet::new();
    let mut read_side = |names: &[String], warnings: &mut Vec<String>| {
        let mut out = Vec::new();
        for name in names {
            let Some(xml) = optional_part(&mut zip, name, warnings)? else { continue };
            match read_blocks(&xml, &ctx) {
                Ok(part) => out.extend(
                    part.blocks
                        .into_iter()
                        .filter(|b| !is_page_number(&b.text) && seen.insert(b.text.clone())),
                ),
                Err(e) => warnings.push(format!("{name} could not be read ({e}); skipped")),
            }
        }
        Ok::<_, ImportError>(out)
    };
    let head = read_side(&headers, &mut ext.warnings)?;
    let foot = read_side(&footers, &mut ext.warnings)?;

    let head_len = head.len();
    for (i, b) in head.into_iter().chain(body.blocks).chain(foot).enumerate() {
        // The body starts a new block after the header's lines.
        let gap = b.gap_before || (i == head_len && head_len > 0);
        ext.push(&b.text, 1, b.hint, b.bold, b.size, gap);
    }
    if ext.lines.is_empty() {
        return Err(if body.images {
            ImportError::new(
                file,
                ErrorKind::ImageOnly,
                "has pictures but no text (a scanned or pasted-in resume); \
                 give the original document, or a PDF with a text layer",
            )
        } else {
            ImportError::new(file, ErrorKind::Empty, "has no text")
        });
    }
    ext.pages = 1;
    Ok(ext)
}

/// The error for bytes that are not a zip: says what they look like instead.
fn not_a_zip(file: &str, bytes: &[u8]) -> ImportError {
    let head = &bytes[..bytes.len().min(1024)];
    let head_text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let wrong = |msg: &str| ImportError::new(file, ErrorKind::WrongExtension, msg);
    if bytes.is_empty() {
        return ImportError::new(file, ErrorKind::Empty, "is empty (0 bytes)");
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return ole_error(file, bytes);
    }
    if head.windows(5).any(|w| w == b"%PDF-") {
        return wrong("is a PDF, not a Word document; import it as a PDF (rename it to .pdf)");
    }
    if head_text.trim_start().starts_with("{\\rtf") {
        return wrong("is an RTF document, not DOCX; open it in Word and save it as .docx or PDF");
    }
    if head_text.contains("w:worddocument") {
        return ImportError::new(
            file,
            ErrorKind::Unsupported,
            "is a Word 2003 XML document; open it in Word and save it as .docx",
        );
    }
    if head_text.contains("<html") || head_text.contains("<!doctype html") {
        return wrong("is a web page (HTML), not DOCX; import it as .html or save it as .docx");
    }
    if !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
        return wrong("is plain text, not a Word document; import it as a .txt or .md file");
    }
    ImportError::new(
        file,
        ErrorKind::Corrupt,
        "is not a Word document: a DOCX is a zip archive and this file is not one \
         (damaged, or another format renamed)",
    )
}

/// An OLE compound file: an encrypted DOCX (its `EncryptedPackage` stream), or a Word 97–2003
/// .doc (its `WordDocument` stream). Anything else in an OLE wrapper named .docx is almost
/// always the encrypted kind.
fn ole_error(file: &str, bytes: &[u8]) -> ImportError {
    let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let has = |s: &str| {
        let needle = utf16(s);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if !has("EncryptedPackage") && has("WordDocument") {
        return ImportError::new(
            file,
            ErrorKind::Unsupported,
            "is an old Word 97–2003 document (.doc); open it in Word and save it as .docx or PDF",
        );
    }
    ImportError::new(
        file,
        ErrorKind::Encrypted,
        "is password-protected; open it in Word, remove the password \
         (File › Info › Protect Document) and save it again",
    )
}

/// The error for a zip without a Word document in it: says what the zip looks like instead.
fn no_document(file: &str, zip: &ZipEntries<'_>) -> ImportError {
    let has = |n: &str| zip.find(n).is_some();
    let wrong = |msg: &str| ImportError::new(file, ErrorKind::WrongExtension, msg);
    if has("xl/workbook.xml") {
        return wrong("is an Excel workbook, not a Word document");
    }
    if has("ppt/presentation.xml") {
        return wrong("is a PowerPoint presentation, not a Word document");
    }
    if has("content.xml") && has("mimetype") {
        return wrong(
            "is an OpenDocument file (LibreOffice, Pages export); save it as .docx or PDF",
        );
    }
    let linkedin = ["profile.csv", "positions.csv", "connections.csv"];
    if zip.names().iter().any(|n| {
        let base = n.rsplit('/').next().unwrap_or(n).to_ascii_lowercase();
        linkedin.contains(&base.as_str())
    }) {
        return wrong(
            "is a LinkedIn data export, not a Word document; import it as a LinkedIn export",
        );
    }
    ImportError::new(
        file,
        ErrorKind::Corrupt,
        "is a zip archive without word/document.xml: not a Word document, or a damaged one",
    )
}

/// The main document part: `_rels/.rels` names it; `word/document.xml` when it does not.
fn main_part(zip: &mut ZipEntries<'_>, warnings: &mut Vec<String>) -> Option<String> {
    if let Ok(Some(xml)) = optional_part(zip, "_rels/.rels", warnings) {
        let named = relationships(&xml)
            .into_iter()
            .find(|(t, _)| t.ends_with("/officeDocument"))
            .map(|(_, target)| resolve_target("", &target));
        if let Some(name) = named.filter(|n| zip.find(n).is_some()) {
            return Some(name);
        }
    }
    zip.find("word/document.xml").map(|_| "word/document.xml".to_owned())
}

/// Reads an optional part as text: absent is `None`; a zip bomb or encryption still fails.
fn optional_part(
    zip: &mut ZipEntries<'_>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<String>, ImportError> {
    let Some(index) = zip.find(name) else { return Ok(None) };
    match zip.read(index) {
        Ok(bytes) => Ok(Some(xml_text(&bytes, name, warnings))),
        Err(e) if e.kind == ErrorKind::Corrupt => {
            warnings.push(format!("{name} could not be read ({}); skipped", e.message));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// XML bytes as text: UTF-8 (Word always writes it), UTF-16 when marked so; bad bytes are
/// replaced with a warning rather than failing the whole document.
fn xml_text(bytes: &[u8], name: &str, warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            warnings.push(format!("{name} is not valid UTF-8; unreadable characters replaced"));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// The relationships of a `.rels` part: (type, target) pairs.
fn relationships(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(&e) == "Relationship" => {
                // External targets (hyperlinks) are not parts of the package.
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                if let (Some(t), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                    out.push((t, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A relationship target as a zip entry name, relative to the folder of the part naming it.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Footer lines that are only a page number ("3", "Page 2 of 4", "1/2").
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let rest = lower.replace("page", "").replace("of", "");
    lower.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || "/-–".contains(c))
}

/// The local name of an element (`w:p` → `p`): namespaces are not checked, as Word and the
/// strict variant of the format use different URIs for the same elements.
fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    e.local_name().into_inner()
}

/// An attribute's value, by local name.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let name = a.key.0.rsplit(':').next().unwrap_or(a.key.0);
        (name == key).then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): present without a value means on.
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// A `w:sz`-style size in half-points, as points.
fn half_points(e: &BytesStart<'_>) -> Option<f32> {
    attr(e, "val").and_then(|v| v.trim().parse::<f32>().ok()).filter(|v| *v > 0.0).map(|v| v / 2.0)
}

/// A character entity (`&amp;`, `&#233;`) as text.
fn entity(name: &str) -> Option<String> {
    Some(match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?.to_string()
        }
    })
}

/// A `w:sym` (a character from a symbol font) as text, when it is a simple one: a real Unicode
/// character, or one of the symbol-font bullets and arrows resumes use.
fn symbol(e: &BytesStart<'_>) -> Option<char> {
    let code = u32::from_str_radix(attr(e, "char")?.trim(), 16).ok()?;
    let code = if code < 0xF000 { code } else { code - 0xF000 };
    let font = attr(e, "font").unwrap_or_default().to_ascii_lowercase();
    let wingdings = font.contains("wingdings");
    match code {
        0xB7 if !wingdings => Some('•'),
        0x9F | 0x6C if wingdings => Some('•'),
        0xA7 if wingdings => Some('▪'),
        0xD8 if wingdings => Some('➢'),
        0xFC if wingdings => Some('✓'),
        0x76 if wingdings => Some('❖'),
        0xA8 | 0x71 if wingdings => Some('□'),
        0xE0 | 0xE8 if wingdings => Some('→'),
        // Below 0x80 a symbol font draws pictures, not the ASCII letters of those codes.
        c if c >= 0xA0 && !font.contains("symbol") && !wingdings => char::from_u32(c),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    paragraph: bool,
    bold: Option<bool>,
    size: Option<f32>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
    default_bold: Option<bool>,
    default_size: Option<f32>,
}

impl Styles {
    /// A style and the styles it is based on, nearest first (cycles cut, depth bounded).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            let Some(s) = self.by_id.get(id) else { break };
            if out.len() >= 16 || out.iter().any(|o| std::ptr::eq(*o, s)) {
                break;
            }
            out.push(s);
            next = s.based_on.as_deref();
        }
        out
    }
}

/// Parses `word/styles.xml`: each style's name, parent, bold, size, list and outline level.
fn parse_styles(xml: &str) -> Result<Styles, String> {
    let mut styles = Styles::default();
    let mut reader = Reader::from_str(xml);
    // Element path below the root, by local name: properties count only in the style's own
    // pPr/rPr (not in table-style conditional formats or tracked changes).
    let mut path: Vec<String> = Vec::new();
    let mut current: Option<(String, Style)> = None;
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if path.pop().as_deref() == Some("style")
                    && let Some((id, style)) = current.take()
                {
                    styles.by_id.insert(id, style);
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = local(e);
        let parent = path.last().map(String::as_str);
        let in_style = current.is_some();
        let depth_ok = |want: &[&str]| path_ends(&path, want);
        match name {
            "style" => {
                let id = attr(e, "styleId").unwrap_or_default();
                let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
                if paragraph && attr(e, "default").is_some_and(|d| d == "1" || d == "true") {
                    styles.default_paragraph = Some(id.clone());
                }
                let style = Style { paragraph, ..Style::default() };
                if empty {
                    styles.by_id.insert(id, style);
                } else {
                    current = Some((id, style));
                }
            }
            "name" if parent == Some("style") => {
                if let Some((_, s)) = current.as_mut() {
                    s.name = attr(e, "val").unwrap_or_default();
                }
            }
            "basedOn" if parent == Some("style") => {
                if let Some((_, s)) = current.as_mut() {
                    s.based_on = attr(e, "val");
                }
            }
            "b" | "sz" if in_style && depth_ok(&["style", "rPr"]) => {
                if let Some((_, s)) = current.as_mut() {
                    if name == "b" {
                        s.bold = Some(on_off(e));
                    } else {
                        s.size = half_points(e).or(s.size);
                    }
                }
            }
            "b" | "sz" if depth_ok(&["docDefaults", "rPrDefault", "rPr"]) => {
                if name == "b" {
                    styles.default_bold = Some(on_off(e));
                } else {
                    styles.default_size = half_points(e);
                }
            }
            "numId" | "ilvl" if in_style && depth_ok(&["style", "pPr", "numPr"]) => {
                if let Some((_, s)) = current.as_mut() {
                    if name == "numId" {
                        s.num_id = attr(e, "val");
                    } else {
                        s.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
            }
            "outlineLvl" if in_style && depth_ok(&["style", "pPr"]) => {
                if let Some((_, s)) = current.as_mut() {
                    s.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            _ => {}
        }
        if !empty {
            path.push(name.to_owned());
        }
    }
    Ok(styles)
}

/// Which list levels are bullets, numbers or invisible (`none`), from `word/numbering.xml`.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    abstract_of: HashMap<String, String>,
    /// (abstractNumId, level) → numFmt.
    formats: HashMap<(String, u8), String>,
    /// (numId, level) → numFmt, from a `lvlOverride`.
    overrides: HashMap<(String, u8), String>,
}

impl Numbering {
    fn format(&self, num_id: &str, ilvl: u8) -> Option<&str> {
        if let Some(f) = self.overrides.get(&(num_id.to_owned(), ilvl)) {
            return Some(f);
        }
        let abs = self.abstract_of.get(num_id)?;
        self.formats.get(&(abs.clone(), ilvl)).map(String::as_str)
    }
}

fn parse_numbering(xml: &str) -> Result<Numbering, String> {
    let mut n = Numbering::default();
    let mut reader = Reader::from_str(xml);
    let mut abstract_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: Option<u8> = None;
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        let e = match &ev {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(e) => {
                match e.local_name().into_inner() {
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvl" => level = None,
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match local(e) {
            "abstractNum" => abstract_id = attr(e, "abstractNumId"),
            "num" => num_id = attr(e, "numId"),
            "abstractNumId" => {
                if let (Some(num), Some(abs)) = (&num_id, attr(e, "val")) {
                    n.abstract_of.insert(num.clone(), abs);
                }
            }
            "lvl" | "lvlOverride" => level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
            "numFmt" => {
                let (Some(lvl), Some(fmt)) = (level, attr(e, "val")) else { continue };
                if let Some(num) = &num_id {
                    n.overrides.insert((num.clone(), lvl), fmt);
                } else if let Some(abs) = &abstract_id {
                    n.formats.insert((abs.clone(), lvl), fmt);
                }
            }
            _ => {}
        }
    }
    Ok(n)
}

/// Whether the element path ends with `want` (innermost last).
fn path_ends(path: &[String], want: &[&str]) -> bool {
    path.len() >= want.len()
        && path[path.len() - want.len()..].iter().zip(want).all(|(a, b)| a == b)
}

fn xml_error(reader: &Reader<&[u8]>, e: quick_xml::Error) -> String {
    format!("not well-formed XML at byte {} ({e})", reader.error_position())
}

// ---------------------------------------------------------------------------------------------
// Paragraphs
// ---------------------------------------------------------------------------------------------

struct Ctx<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
}

/// A finished line of a paragraph.
#[derive(Debug)]
struct Block {
    text: String,
    hint: LineHint,
    bold: bool,
    size: f32,
    gap_before: bool,
}

struct Blocks {
    blocks: Vec<Block>,
    /// Whether the part has pictures (to tell an image-only document from an empty one).
    images: bool,
}

/// The run properties set directly on a run.
#[derive(Debug, Default)]
struct RunProps {
    bold: Option<bool>,
    size: Option<f32>,
    style: Option<String>,
}

/// One line of a paragraph being read (a `w:br` starts the next).
#[derive(Debug, Default)]
struct Piece {
    text: String,
    /// Non-space characters, and how many of them are bold.
    chars: usize,
    bold_chars: usize,
    /// Characters per font size, to report the size most of the line is set in.
    sizes: Vec<(f32, usize)>,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    in_table: bool,
    pieces: Vec<Piece>,
    run: RunProps,
    in_ppr: bool,
    in_run: bool,
    in_rpr: bool,
    in_t: bool,
}

/// Reads the paragraphs of a document, header or footer part into blocks, in reading order.
fn read_blocks(xml: &str, ctx: &Ctx<'_>) -> Result<Blocks, String> {
    let mut r = BodyReader {
        ctx,
        stack: Vec::new(),
        deferred: Vec::new(),
        out: Vec::new(),
        table_depth: 0,
        pending_gap: false,
        images: false,
    };
    let mut reader = Reader::from_str(xml);
    let mut skip = 0usize;
    let mut open = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match ev {
            Event::Start(e) => {
                open += 1;
                if skip > 0 {
                    skip += 1;
                } else if skipped(local(&e)) {
                    skip = 1;
                } else {
                    r.open(&e);
                }
            }
            Event::Empty(e) if skip == 0 && !skipped(local(&e)) => {
                r.open(&e);
                r.close(local(&e));
            }
            Event::End(e) => {
                open = open.saturating_sub(1);
                if skip > 0 {
                    skip -= 1;
                } else {
                    r.close(e.local_name().into_inner());
                }
            }
            Event::Text(t) if skip == 0 => r.text(&t.xml10_content()),
            Event::CData(t) if skip == 0 => r.text(&t.xml10_content()),
            Event::GeneralRef(g) if skip == 0 => {
                let s = entity(&g).unwrap_or_else(|| format!("&{};", &*g));
                r.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if open > 0 {
        return Err("the XML ends before its closing tags (the file is truncated)".into());
    }
    Ok(Blocks { blocks: r.out, images: r.images })
}

/// Elements whose whole subtree is left out: the fallback copy of alternate content (the text
/// box is read from the preferred choice), tracked deletions, and tracked formatting changes
/// (which hold the old formatting).
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "Fallback" | "del" | "moveFrom" | "pPrChange" | "rPrChange" | "instrText" | "delText"
    )
}

struct BodyReader<'c, 's> {
    ctx: &'c Ctx<'s>,
    /// Open paragraphs: more than one inside a text box anchored in a paragraph.
    stack: Vec<Para>,
    /// Text-box paragraphs, emitted after the paragraph they are anchored in.
    deferred: Vec<Block>,
    out: Vec<Block>,
    table_depth: usize,
    /// A new block starts at the next line (after an empty paragraph, at a table cell).
    pending_gap: bool,
    images: bool,
}

impl BodyReader<'_, '_> {
    fn open(&mut self, e: &BytesStart<'_>) {
        let name = local(e);
        match name {
            "p" => {
                self.stack.push(Para {
                    in_table: self.table_depth > 0,
                    pieces: vec![Piece::default()],
                    ..Para::default()
                });
                return;
            }
            "tbl" => {
                self.table_depth += 1;
                self.pending_gap = true;
                return;
            }
            "tc" => {
                self.pending_gap = true;
                return;
            }
            "drawing" | "pict" | "object" => self.images = true,
            _ => {}
        }
        let Some(p) = self.stack.last_mut() else { return };
        match name {
            "pPr" if !p.in_run => p.in_ppr = true,
            "pStyle" if p.in_ppr => p.style = attr(e, "val"),
            "numId" if p.in_ppr => p.num_id = attr(e, "val"),
            "ilvl" if p.in_ppr => p.ilvl = attr(e, "val").and_then(|v| v.parse().ok()),
            "outlineLvl" if p.in_ppr => p.outline = attr(e, "val").and_then(|v| v.parse().ok()),
            "r" if !p.in_ppr => {
                p.in_run = true;
                p.run = RunProps::default();
            }
            "rPr" if p.in_run => p.in_rpr = true,
            "b" if p.in_rpr => p.run.bold = Some(on_off(e)),
            "sz" if p.in_rpr => p.run.size = half_points(e).or(p.run.size),
            "rStyle" if p.in_rpr => p.run.style = attr(e, "val"),
            _ if !p.in_run || p.in_rpr => {}
            "t" => p.in_t = true,
            "tab" | "ptab" => self.add(" "),
            "br" | "cr" => p.pieces.push(Piece::default()),
            "noBreakHyphen" => self.add("-"),
            "sym" => {
                if let Some(c) = symbol(e) {
                    self.add(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                let Some(para) = self.stack.pop() else { return };
                let outer = self.stack.is_empty();
                let blocks = self.finish(para, outer);
                if outer {
                    self.out.extend(blocks);
                    self.out.append(&mut self.deferred);
                } else {
                    self.deferred.extend(blocks);
                }
                return;
            }
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                self.pending_gap = true;
                return;
            }
            _ => {}
        }
        let Some(p) = self.stack.last_mut() else { return };
        match name {
            "pPr" => p.in_ppr = false,
            "r" => {
                p.in_run = false;
                p.in_rpr = false;
                p.in_t = false;
            }
            "rPr" => p.in_rpr = false,
            "t" => p.in_t = false,
            _ => {}
        }
    }

    /// Character data: text only inside `w:t` (elsewhere it is indentation between tags).
    fn text(&mut self, s: &str) {
        if self.stack.last().is_some_and(|p| p.in_t) {
            self.add(s);
        }
    }

    /// Adds text to the current line of the current paragraph, with its run's formatting.
    fn add(&mut self, s: &str) {
        let styles = self.ctx.styles;
        let Some(p) = self.stack.last_mut() else { return };
        if !p.in_run {
            return;
        }
        let para_style = p.style.as_deref().or(styles.default_paragraph.as_deref());
        let para_chain = styles.chain(para_style);
        let char_chain = styles.chain(p.run.style.as_deref());
        let bold = p
            .run
            .bold
            .or_else(|| char_chain.iter().find_map(|s| s.bold))
            .or_else(|| para_chain.iter().find_map(|s| s.bold))
            .or(styles.default_bold)
            .unwrap_or(false);
        let size = p
            .run
            .size
            .or_else(|| char_chain.iter().find_map(|s| s.size))
            .or_else(|| para_chain.iter().find_map(|s| s.size))
            .or(styles.default_size)
            .unwrap_or(WORD_DEFAULT_SIZE);
        let Some(piece) = p.pieces.last_mut() else { return };
        piece.text.push_str(s);
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        piece.chars += n;
        if bold {
            piece.bold_chars += n;
        }
        match piece.sizes.iter_mut().find(|(sz, _)| *sz == size) {
            Some((_, count)) => *count += n,
            None => piece.sizes.push((size, n)),
        }
    }

    /// Turns a finished paragraph into its lines, with hints.
    fn finish(&mut self, para: Para, outer: bool) -> Vec<Block> {
        let styles = self.ctx.styles;
        let mut pieces: Vec<(String, &Piece)> = para
            .pieces
            .iter()
            .map(|p| (collapse(&p.text), p))
            .filter(|(t, _)| !t.is_empty())
            .collect();
        if pieces.is_empty() {
            if outer {
                self.pending_gap = true;
            }
            return Vec::new();
        }
        let style_id = para.style.as_deref().or(styles.default_paragraph.as_deref());
        let chain = styles.chain(style_id);
        let names: Vec<String> = chain
            .iter()
            .filter(|s| s.paragraph)
            .map(|s| s.name.to_lowercase())
            .chain(para.style.iter().map(|s| s.to_lowercase()))
            .collect();

        let num_id = para.num_id.clone().or_else(|| chain.iter().find_map(|s| s.num_id.clone()));
        let ilvl = para.ilvl.or_else(|| chain.iter().find_map(|s| s.ilvl)).unwrap_or(0);
        // numId 0 takes a paragraph out of the list its style would put it in; a level whose
        // format is `none` shows no marker.
        let numbered = num_id
            .as_deref()
            .is_some_and(|id| id != "0" && self.ctx.numbering.format(id, ilvl) != Some("none"));
        let list_style = names.iter().any(|n| n.contains("list"));
        let typed_bullet = strip_bullet(&pieces[0].0).map(str::to_owned);
        if let Some(rest) = typed_bullet.clone() {
            pieces[0].0 = rest;
            // A bullet alone on its line before a break leaves nothing there.
            pieces.retain(|(t, _)| !t.is_empty());
            if pieces.is_empty() {
                return Vec::new();
            }
        }
        let is_list = numbered || list_style || typed_bullet.is_some();

        let outline = para.outline.or_else(|| chain.iter().find_map(|s| s.outline));
        let heading_style = outline.is_some_and(|l| l < 9)
            || names.iter().any(|n| {
                let n = n.replace(' ', "");
                n.contains("heading") || (n.contains("title") && !n.contains("subtitle"))
            });
        let chars: usize = pieces.iter().map(|(_, p)| p.chars).sum();
        let bold_chars: usize = pieces.iter().map(|(_, p)| p.bold_chars).sum();
        let all_text: String = pieces.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ");
        let short_bold = !is_list
            && chars > 0
            && bold_chars == chars
            && pieces.len() == 1
            && all_text.chars().count() <= 60
            && all_text.split_whitespace().count() <= 8
            && !all_text.ends_with('.');
        let hint = if heading_style || short_bold {
            LineHint::Heading
        } else if is_list {
            LineHint::ListItem
        } else if para.in_table {
            LineHint::TableCell
        } else {
            LineHint::Text
        };

        let gap = if outer {
            let g = self.pending_gap || hint == LineHint::Heading;
            self.pending_gap = false;
            g
        } else {
            // A text box is a block of its own.
            true
        };
        pieces
            .into_iter()
            .enumerate()
            .map(|(i, (text, p))| Block {
                // A line broken inside a bullet continues it, as a wrapped PDF line does.
                hint: if i > 0 && hint == LineHint::ListItem { LineHint::Text } else { hint },
                bold: p.chars > 0 && p.bold_chars * 2 > p.chars,
                size: p.sizes.iter().max_by_key(|(_, n)| *n).map_or(WORD_DEFAULT_SIZE, |(s, _)| *s),
                gap_before: gap && i == 0,
                text,
            })
            .collect()
    }
}

/// The text after a bullet typed by hand at its start, if it has one. Dashes and asterisks
/// count only when a space follows, so "-5% churn" stays as it is.
fn strip_bullet(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let symbol = matches!(
        first,
        '•' | '●' | '○' | '◦' | '▪' | '■' | '□' | '▫' | '‣' | '⁃' | '∙' | '·' | '►' | '▶' | '➢'
            | '➤' | '✓' | '✔' | '❖' | '◆' | '◇' | '→'
            // Symbol and Wingdings bullets pasted as private-use characters.
            | '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}' | '\u{F0FC}' | '\u{F076}' | '\u{F06C}'
    );
    let dash = matches!(first, '-' | '–' | '—' | '*') && rest.starts_with(char::is_whitespace);
    (symbol || dash).then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(strip_bullet("• Led it"), Some("Led it"));
        assert_eq!(strip_bullet("- Led it"), Some("Led it"));
        assert_eq!(strip_bullet("-5% churn"), None);
        assert_eq!(strip_bullet("\u{F0B7}\tLed"), Some("Led"));
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve_target("", "/word/document2.xml"), "word/document2.xml");
        assert!(is_page_number("Page 2 of 4"));
        assert!(is_page_number("3"));
        assert!(!is_page_number("maya@example.com · 07700 900123"));
        assert_eq!(entity("#x41").as_deref(), Some("A"));
        assert_eq!(entity("#0"), None);
        assert_eq!(entity("amp").as_deref(), Some("&"));
    }
}
