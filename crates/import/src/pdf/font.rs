//! PDF fonts, as far as text extraction needs them: how a shown string splits into character
//! codes, what Unicode text each code stands for, how far each glyph advances, and whether the
//! face is bold.
//!
//! Unicode comes from the font's ToUnicode CMap first (what modern producers write), then from
//! its `/Encoding` (a base encoding plus `/Differences` glyph names), then from the built-in
//! encoding of the standard 14 fonts. Advances come from `/Widths` (simple fonts) or `/W`
//! (CID fonts), falling back to the Core 14 AFM metrics for unembedded standard fonts.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::tables;

/// Most entries read from one CMap, so a hostile range cannot exhaust memory.
const MAX_CMAP_ENTRIES: usize = 200_000;

/// One decoded character code.
pub(crate) struct Code {
    /// The Unicode text (empty when the code has no known meaning).
    pub text: String,
    /// Advance in text-space units per unit of font size (1/1000 em for most fonts).
    pub width: f32,
    /// A single-byte code 32, to which the word spacing `Tw` applies.
    pub is_space_code: bool,
}

/// A font prepared for decoding.
pub(crate) struct Font {
    /// Set in a bold (or black, heavy, semibold…) face.
    pub bold: bool,
    /// Glyph space to text space (0.001 except for Type 3 fonts).
    pub scale: f32,
    /// CID-keyed (Type0) font: multi-byte codes, widths by CID.
    composite: bool,
    /// For composite fonts with an embedded CMap: the code space ranges (bytes, low, high).
    codespace: Vec<(u8, u32, u32)>,
    /// For composite fonts with an embedded CMap: code ranges to CIDs (low, high, first CID).
    cid_ranges: Vec<(u32, u32, u32)>,
    /// Predefined UCS-2/UTF-16 CMap: the code is the Unicode value.
    code_is_unicode: bool,
    /// From the ToUnicode CMap.
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: code to Unicode from the encoding (0 = unknown).
    encoding: [u16; 256],
    /// Simple fonts: advance by code (glyph units), `None` where the font does not say.
    widths: Vec<Option<f32>>,
    /// CID fonts: advance by CID.
    cid_widths: HashMap<u32, f32>,
    /// Advance when nothing else is known.
    default_width: f32,
    /// The Core 14 metrics to fall back on (by Unicode), for unembedded standard fonts.
    std_metrics: Option<StdMetrics>,
}

#[derive(Clone, Copy)]
enum StdMetrics {
    Table(&'static [(u16, u16)]),
    Monospace,
}

/// Follows references (a bounded number of times).
pub(crate) fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..16 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

/// A dictionary entry, dereferenced.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

pub(crate) fn get_dict<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn get_name<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub(crate) fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(get(doc, dict, key)?)
}

/// A stream's decoded bytes, capped at `max` bytes (a compressed bomb is cut, not expanded).
pub(crate) fn stream_bytes(stream: &lopdf::Stream, max: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let filters = stream.filters().unwrap_or_default();
    match filters.as_slice() {
        [] => Some(stream.content.iter().copied().take(max).collect()),
        [b"FlateDecode" | b"Fl"] if !stream.dict.has(b"DecodeParms") => {
            let mut out = Vec::new();
            let decoder = flate2::read::ZlibDecoder::new(&stream.content[..]);
            // A stream cut short still yields what came before the damage.
            let _ = decoder.take(max as u64).read_to_end(&mut out);
            if out.is_empty() {
                // Some producers write raw deflate without the zlib header.
                let decoder = flate2::read::DeflateDecoder::new(&stream.content[..]);
                let _ = decoder.take(max as u64).read_to_end(&mut out);
            }
            Some(out)
        }
        _ => {
            let mut out = stream.decompressed_content().ok()?;
            out.truncate(max);
            Some(out)
        }
    }
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read falls back to defaults.
    pub(crate) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let base_font = get_name(doc, dict, b"BaseFont").map(strip_subset_tag).unwrap_or_default();
        let composite = subtype == b"Type0";
        let descendant = if composite {
            match get(doc, dict, b"DescendantFonts") {
                Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, o)?.as_dict().ok()),
                _ => None,
            }
        } else {
            None
        };
        let descriptor = get_dict(doc, descendant.unwrap_or(dict), b"FontDescriptor");
        let mut font = Font {
            bold: is_bold(&base_font, doc, descriptor),
            scale: 0.001,
            composite,
            codespace: Vec::new(),
            cid_ranges: Vec::new(),
            code_is_unicode: false,
            to_unicode: HashMap::new(),
            encoding: [0; 256],
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            std_metrics: None,
        };
        if let Some(Object::Stream(s)) = get(doc, dict, b"ToUnicode")
            && let Some(bytes) = stream_bytes(s, 4 << 20)
        {
            let cmap = parse_cmap(&bytes);
            font.to_unicode = cmap.unicode;
        }
        if composite {
            font.load_composite(doc, dict, descendant);
        } else {
            font.load_simple(doc, dict, subtype, &base_font, descriptor);
        }
        font
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary, cid: Option<&Dictionary>) {
        self.default_width = 1000.0;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => {
                let name = String::from_utf8_lossy(name);
                self.code_is_unicode = name.contains("UCS2") || name.contains("UTF16");
            }
            Some(Object::Stream(s)) => {
                if let Some(bytes) = stream_bytes(s, 4 << 20) {
                    let cmap = parse_cmap(&bytes);
                    self.codespace = cmap.codespace;
                    self.cid_ranges = cmap.cids;
                }
            }
            _ => {}
        }
        let Some(cid) = cid else { return };
        if let Some(dw) = get_num(doc, cid, b"DW") {
            self.default_width = dw;
        }
        // /W [c [w1 w2 …] c_first c_last w …]
        let Some(Object::Array(w)) = get(doc, cid, b"W") else { return };
        let mut i = 0;
        while i < w.len() && self.cid_widths.len() < MAX_CMAP_ENTRIES {
            let Some(first) = deref(doc, &w[i]).and_then(num) else { break };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).and_then(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate().take(MAX_CMAP_ENTRIES) {
                        if let Some(v) = deref(doc, o).and_then(num) {
                            self.cid_widths.insert(first.wrapping_add(k as u32), v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) =
                        (num(last), w.get(i + 2).and_then(|o| deref(doc, o)).and_then(num))
                    else {
                        break;
                    };
                    let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                    for c in first..=last {
                        self.cid_widths.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        subtype: &[u8],
        base_font: &str,
        descriptor: Option<&Dictionary>,
    ) {
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = get(doc, dict, b"FontMatrix")
                && let Some(a) = m.first().and_then(num)
                && a.abs() > 1e-6
            {
                self.scale = a.abs();
            }
            self.default_width = 0.0;
        }
        let symbolic =
            descriptor.and_then(|d| get_num(doc, d, b"Flags")).is_some_and(|f| (f as i64) & 4 != 0);
        let std = standard_font(base_font);
        // The base table: the named encoding, else the font's own (standard fonts), else what
        // the font type implies.
        let builtin = match std {
            Some(Std::Symbol) => tables::SYMBOL,
            Some(Std::Dingbats) => tables::ZAPF_DINGBATS,
            _ if subtype == b"TrueType" => tables::WIN_ANSI,
            // An embedded Type 1 program may carry its own encoding (TeX's math and symbol
            // fonts do: their bullet is code 15).
            _ => descriptor
                .and_then(|d| get(doc, d, b"FontFile"))
                .and_then(|o| o.as_stream().ok())
                .and_then(type1_builtin_encoding)
                .unwrap_or(tables::STANDARD),
        };
        self.encoding = builtin;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => self.encoding = named_encoding(name).unwrap_or(builtin),
            Some(Object::Dictionary(enc)) => {
                if let Some(base) = get_name(doc, enc, b"BaseEncoding") {
                    self.encoding = named_encoding(base).unwrap_or(builtin);
                }
                if let Some(Object::Array(diffs)) = get(doc, enc, b"Differences") {
                    let mut code = 0usize;
                    for o in diffs {
                        match deref(doc, o) {
                            Some(Object::Integer(i)) => code = (*i).clamp(0, 256) as usize,
                            Some(Object::Name(n)) => {
                                if code < 256 {
                                    self.encoding[code] = glyph_to_unicode(n).unwrap_or(0);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {
                // A symbolic TrueType font without an encoding usually uses the codes directly
                // (sometimes offset into the private-use area at U+F000, handled in `decode`).
                if subtype == b"TrueType" && symbolic {
                    self.encoding = tables::WIN_ANSI;
                }
            }
        }
        if let Some(Object::Array(widths)) = get(doc, dict, b"Widths") {
            let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as usize;
            self.widths = vec![None; 256];
            for (k, o) in widths.iter().enumerate() {
                if first + k < 256 {
                    self.widths[first + k] = deref(doc, o).and_then(num);
                }
            }
        }
        if let Some(w) = descriptor.and_then(|d| get_num(doc, d, b"MissingWidth"))
            && w > 0.0
        {
            self.default_width = w;
        }
        if self.widths.is_empty() {
            self.std_metrics = match std {
                Some(Std::Courier) => Some(StdMetrics::Monospace),
                Some(Std::Metrics(t)) => Some(StdMetrics::Table(t)),
                // Unknown unembedded font without widths: Helvetica is the usual substitute.
                None => Some(StdMetrics::Table(if self.bold {
                    &tables::HELVETICA_BOLD
                } else {
                    &tables::HELVETICA
                })),
                _ => None,
            };
        }
    }

    /// Splits a shown string into codes and decodes each.
    pub(crate) fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        if !self.composite {
            for &b in bytes {
                let code = b as u32;
                let text = match self.to_unicode.get(&code) {
                    Some(t) => t.clone(),
                    None => match self.encoding[b as usize] {
                        0 => String::new(),
                        u => char::from_u32(u as u32).map(String::from).unwrap_or_default(),
                    },
                };
                let width = self.widths.get(b as usize).copied().flatten().unwrap_or_else(|| {
                    match self.std_metrics {
                        Some(StdMetrics::Monospace) => 600.0,
                        Some(StdMetrics::Table(t)) => {
                            let u = self.encoding[b as usize];
                            t.binary_search_by_key(&u, |e| e.0)
                                .map(|i| t[i].1 as f32)
                                .unwrap_or(self.default_width)
                        }
                        None => self.default_width,
                    }
                });
                out.push(Code { text, width, is_space_code: b == 32 });
            }
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]);
            let code = bytes[i..i + len].iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
            i += len;
            let text = match self.to_unicode.get(&code) {
                Some(t) => t.clone(),
                None if self.code_is_unicode => {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                }
                None => String::new(),
            };
            let cid = self.cid(code);
            let width = self.cid_widths.get(&cid).copied().unwrap_or(self.default_width);
            out.push(Code { text, width, is_space_code: len == 1 && code == 32 });
        }
    }

    /// Bytes in the code at the start of `bytes` (2 unless an embedded CMap says otherwise).
    fn code_len(&self, bytes: &[u8]) -> usize {
        if !self.codespace.is_empty() {
            for len in 1..=4u8 {
                if bytes.len() < len as usize {
                    break;
                }
                let code = bytes[..len as usize].iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
                if self.codespace.iter().any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code)) {
                    return len as usize;
                }
            }
        }
        bytes.len().min(2)
    }

    fn cid(&self, code: u32) -> u32 {
        if self.cid_ranges.is_empty() {
            return code; // Identity-H / Identity-V
        }
        self.cid_ranges
            .iter()
            .find(|&&(lo, hi, _)| (lo..=hi).contains(&code))
            .map(|&(lo, _, first)| first.wrapping_add(code - lo))
            .unwrap_or(0)
    }
}

/// The encoding a Type 1 font program declares in its clear-text part: `StandardEncoding`, or
/// an array filled by `dup <code> /<glyph> put` lines.
fn type1_builtin_encoding(stream: &lopdf::Stream) -> Option<[u16; 256]> {
    let bytes = stream_bytes(stream, 1 << 20)?;
    let clear = match bytes.windows(5).position(|w| w == b"eexec") {
        Some(end) => &bytes[..end],
        None => &bytes[..],
    };
    let start = clear.windows(9).position(|w| w == b"/Encoding")? + 9;
    let rest = &clear[start..];
    if rest.trim_ascii_start().starts_with(b"StandardEncoding") {
        return Some(tables::STANDARD);
    }
    let end = rest.windows(7).position(|w| w == b"readonly").unwrap_or(rest.len());
    let mut table = [0u16; 256];
    let mut found = false;
    let words: Vec<&[u8]> =
        rest[..end].split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
    for w in words.windows(4) {
        if let [b"dup", code, name, b"put"] = w
            && let Some(code) = std::str::from_utf8(code).ok().and_then(|c| c.parse::<usize>().ok())
            && code < 256
            && let Some(name) = name.strip_prefix(b"/")
        {
            table[code] = glyph_to_unicode(name).unwrap_or(0);
            found = true;
        }
    }
    found.then_some(table)
}

/// "ABCDEF+Calibri-Bold" → "Calibri-Bold" (subset fonts carry a six-letter tag).
fn strip_subset_tag(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_owned()
        }
        _ => name.into_owned(),
    }
}

/// Whether a font is bold: by its name (the most reliable signal in practice), its weight or
/// its ForceBold flag.
fn is_bold(base_font: &str, doc: &Document, descriptor: Option<&Dictionary>) -> bool {
    let name = base_font.to_ascii_lowercase();
    let by_name = ["bold", "black", "heavy", "semibold", "demi", "extrabold", "ultra"]
        .iter()
        .any(|w| name.contains(w))
        // Abbreviated styles such as "Arial,Bd" or "Garamond-Bd".
        || name.ends_with(",bd") || name.ends_with("-bd");
    let by_weight =
        descriptor.and_then(|d| get_num(doc, d, b"FontWeight")).is_some_and(|w| w >= 600.0);
    let force_bold = descriptor
        .and_then(|d| get_num(doc, d, b"Flags"))
        .is_some_and(|f| (f as i64) & (1 << 18) != 0);
    by_name || by_weight || force_bold
}

enum Std {
    Courier,
    Symbol,
    Dingbats,
    Metrics(&'static [(u16, u16)]),
}

/// The standard 14 font a base name refers to (including the usual Arial / Times New Roman
/// aliases, which viewers substitute with the same metrics).
fn standard_font(name: &str) -> Option<Std> {
    let lower = name.to_ascii_lowercase();
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    if lower.starts_with("courier") {
        Some(Std::Courier)
    } else if lower.starts_with("symbol") {
        Some(Std::Symbol)
    } else if lower.starts_with("zapfdingbats") || lower.starts_with("dingbats") {
        Some(Std::Dingbats)
    } else if lower.starts_with("helvetica") || lower.starts_with("arial") {
        Some(Std::Metrics(if bold { &tables::HELVETICA_BOLD } else { &tables::HELVETICA }))
    } else if lower.starts_with("times") {
        Some(Std::Metrics(match (bold, italic) {
            (false, false) => &tables::TIMES_ROMAN,
            (true, false) => &tables::TIMES_BOLD,
            (false, true) => &tables::TIMES_ITALIC,
            (true, true) => &tables::TIMES_BOLD_ITALIC,
        }))
    } else {
        None
    }
}

fn named_encoding(name: &[u8]) -> Option<[u16; 256]> {
    match name {
        b"WinAnsiEncoding" => Some(tables::WIN_ANSI),
        b"StandardEncoding" => Some(tables::STANDARD),
        b"MacRomanEncoding" => Some(tables::MAC_ROMAN),
        _ => None,
    }
}

/// A glyph name to Unicode: the glyph list, then `uniXXXX` / `uXXXX[XX]`, then the part before a
/// `.suffix` or `_` ligature component ("f_i" is taken as the ligature "ﬁ" where known).
pub(crate) fn glyph_to_unicode(name: &[u8]) -> Option<u16> {
    let name = std::str::from_utf8(name).ok()?;
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by_key(&name, |e| e.0) {
        return Some(tables::GLYPH_NAMES[i].1);
    }
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().and_then(|v| u16::try_from(v).ok());
    if let Some(h) = name.strip_prefix("uni")
        && h.len() >= 4
        && h.is_char_boundary(4)
    {
        return hex(&h[..4]);
    }
    if let Some(h) = name.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return hex(h);
    }
    match name {
        "f_f" => return Some(0xFB00),
        "f_i" => return Some(0xFB01),
        "f_l" => return Some(0xFB02),
        "f_f_i" => return Some(0xFB03),
        "f_f_l" => return Some(0xFB04),
        _ => {}
    }
    if let Some((base, _)) = name.split_once('.')
        && !base.is_empty()
    {
        return glyph_to_unicode(base.as_bytes());
    }
    None
}

/// What a CMap says.
#[derive(Default)]
pub(crate) struct CMap {
    /// Code space ranges (bytes, low, high).
    pub codespace: Vec<(u8, u32, u32)>,
    /// ToUnicode entries.
    pub unicode: HashMap<u32, String>,
    /// CID ranges (low, high, first CID).
    pub cids: Vec<(u32, u32, u32)>,
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Name(&'a [u8]),
    Int(i64),
    Open,
    Close,
    Word(&'a [u8]),
}

fn cmap_tokens(s: &[u8]) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        match c {
            b'%' => {
                while i < s.len() && s[i] != b'\n' && s[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if s.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if s.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = s[start..].iter().position(|&b| b == b'>').map_or(s.len(), |p| start + p);
                let digits: Vec<u8> =
                    s[start..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = (pair[0] as char).to_digit(16).unwrap_or(0) as u8;
                    let lo =
                        pair.get(1).map_or(0, |&d| (d as char).to_digit(16).unwrap_or(0) as u8);
                    bytes.push(hi << 4 | lo);
                }
                toks.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings only appear in the CMap header; skip them (with nesting).
                let mut depth = 0;
                while i < s.len() {
                    match s[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < s.len() && !is_delim(s[i]) {
                    i += 1;
                }
                toks.push(Tok::Name(&s[start..i]));
            }
            _ if is_delim(c) => i += 1,
            _ => {
                let start = i;
                while i < s.len() && !is_delim(s[i]) {
                    i += 1;
                }
                let word = &s[start..i];
                match std::str::from_utf8(word).ok().and_then(|w| w.parse::<i64>().ok()) {
                    Some(n) => toks.push(Tok::Int(n)),
                    None => toks.push(Tok::Word(word)),
                }
            }
        }
    }
    toks
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| (c[0] as u16) << 8 | c.get(1).copied().unwrap_or(0) as u16)
        .collect();
    String::from_utf16_lossy(&units)
}

/// Parses a CMap (ToUnicode or an embedded encoding CMap): `codespacerange`, `bfchar`,
/// `bfrange`, `cidchar` and `cidrange` sections. Malformed parts are skipped.
pub(crate) fn parse_cmap(bytes: &[u8]) -> CMap {
    let toks = cmap_tokens(bytes);
    let mut cmap = CMap::default();
    let mut i = 0;
    let mut budget = MAX_CMAP_ENTRIES;
    while i < toks.len() {
        let Tok::Word(w) = toks[i] else {
            i += 1;
            continue;
        };
        i += 1;
        match w {
            b"begincodespacerange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1))
                {
                    if (1..=4).contains(&lo.len()) {
                        cmap.codespace.push((lo.len() as u8, be(lo), be(hi)));
                    }
                    i += 2;
                }
            }
            b"beginbfchar" => {
                while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                    let text = match dst {
                        Tok::Hex(d) => utf16be(d),
                        Tok::Name(n) => glyph_to_unicode(n)
                            .and_then(|u| char::from_u32(u as u32))
                            .map(String::from)
                            .unwrap_or_default(),
                        _ => break,
                    };
                    if budget > 0 {
                        budget -= 1;
                        cmap.unicode.insert(be(src), text);
                    }
                    i += 2;
                }
            }
            b"beginbfrange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1))
                {
                    let (lo, hi) = (be(lo), be(hi));
                    let count = hi.saturating_sub(lo) as usize + 1;
                    match toks.get(i + 2) {
                        Some(Tok::Hex(dst)) => {
                            // The last UTF-16 unit counts up through the range.
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| (c[0] as u16) << 8 | c.get(1).copied().unwrap_or(0) as u16)
                                .collect();
                            if !units.is_empty() {
                                for k in 0..count.min(budget) {
                                    let text = String::from_utf16_lossy(&units);
                                    cmap.unicode.insert(lo.wrapping_add(k as u32), text);
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(1);
                                    }
                                }
                            }
                            budget = budget.saturating_sub(count);
                            i += 3;
                        }
                        Some(Tok::Open) => {
                            let mut k = 0u32;
                            i += 3;
                            while let Some(Tok::Hex(d)) = toks.get(i) {
                                if budget > 0 {
                                    budget -= 1;
                                    cmap.unicode.insert(lo.wrapping_add(k), utf16be(d));
                                }
                                k += 1;
                                i += 1;
                            }
                            if toks.get(i) == Some(&Tok::Close) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                }
            }
            b"begincidrange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
                    (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                {
                    cmap.cids.push((be(lo), be(hi), (*cid).max(0) as u32));
                    i += 3;
                }
            }
            b"begincidchar" => {
                while let (Some(Tok::Hex(c)), Some(Tok::Int(cid))) = (toks.get(i), toks.get(i + 1))
                {
                    cmap.cids.push((be(c), be(c), (*cid).max(0) as u32));
                    i += 2;
                }
            }
            _ => {}
        }
    }
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_sections() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <FB01> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0061> <00620063>] endbfrange
            endcmap";
        let cmap = parse_cmap(src);
        assert_eq!(cmap.codespace, vec![(2, 0, 0xFFFF)]);
        assert_eq!(cmap.unicode[&3], " ");
        assert_eq!(cmap.unicode[&0x10], "\u{FB01}");
        assert_eq!(cmap.unicode[&0x22], "C");
        assert_eq!(cmap.unicode[&0x31], "bc");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_to_unicode(b"fi"), Some(0xFB01));
        assert_eq!(glyph_to_unicode(b"bullet"), Some(0x2022));
        assert_eq!(glyph_to_unicode(b"uni2013"), Some(0x2013));
        assert_eq!(glyph_to_unicode(b"u1F600"), None); // beyond the BMP: not a u16
        assert_eq!(glyph_to_unicode(b"a.sc"), Some(0x61));
        assert_eq!(glyph_to_unicode(b"f_f_i"), Some(0xFB03));
        assert_eq!(glyph_to_unicode(b"g123"), None);
        assert_eq!(strip_subset_tag(b"ABCDEF+Calibri-Bold"), "Calibri-Bold");
    }
}
