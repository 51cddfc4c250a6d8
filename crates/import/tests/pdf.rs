//! The PDF reader on real PDFs written here with lopdf: the standard Type 1 fonts (Helvetica,
//! Times, Courier) in WinAnsiEncoding, so no font files are needed. `Page` places text items at
//! points; `Column` flows headings, paragraphs, bullets and role lines through a column and
//! records the source text in reading order.
//!
//! Ignored helpers: `regenerate_pm_resume_fixture` (writes tests/fixtures/pdf/pm-resume.*) and
//! `generate_f1_corpus` (writes the benchmark corpus for bench/pdf_f1/run).

// The AFM widths and WinAnsi table the reader uses, to lay out the test documents.
#[allow(dead_code)]
#[path = "../src/pdf/tables.rs"]
#[rustfmt::skip]
mod tables;

use std::path::{Path, PathBuf};

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};
use pivot_import::pdf::extract_pdf;
use pivot_import::{ErrorKind, Extracted, Limits, LineHint};

// ---------------------------------------------------------------------------------------------
// Writing PDFs

/// The fonts a test document can use.
#[derive(Clone, Copy, PartialEq, Debug)]
enum F {
    Helv,
    HelvBold,
    Times,
    TimesBold,
    TimesItalic,
    Courier,
    /// Helvetica whose encoding puts the ligature glyphs fi, fl, ff, ffi, ffl at codes 1–5.
    HelvLig,
}

const FONTS: [F; 7] =
    [F::Helv, F::HelvBold, F::Times, F::TimesBold, F::TimesItalic, F::Courier, F::HelvLig];
const LIGATURES: [(char, &str); 5] = [
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB00}', "ff"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
];

impl F {
    fn key(self) -> String {
        format!("F{}", FONTS.iter().position(|&f| f == self).unwrap_or(0) + 1)
    }

    fn base(self) -> &'static str {
        match self {
            F::Helv | F::HelvLig => "Helvetica",
            F::HelvBold => "Helvetica-Bold",
            F::Times => "Times-Roman",
            F::TimesBold => "Times-Bold",
            F::TimesItalic => "Times-Italic",
            F::Courier => "Courier",
        }
    }

    fn advance(self, c: char) -> f32 {
        let table: &[(u16, u16)] = match self {
            F::Helv | F::HelvLig => &tables::HELVETICA,
            F::HelvBold => &tables::HELVETICA_BOLD,
            F::Times => &tables::TIMES_ROMAN,
            F::TimesBold => &tables::TIMES_BOLD,
            F::TimesItalic => &tables::TIMES_ITALIC,
            F::Courier => return 600.0,
        };
        let u = c as u32 as u16;
        table.binary_search_by_key(&u, |e| e.0).map(|i| table[i].1 as f32).unwrap_or(556.0)
    }

    /// The bytes that show `text` in this font.
    fn encode(self, text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| {
                if self == F::HelvLig
                    && let Some(i) = LIGATURES.iter().position(|l| l.0 == c)
                {
                    return i as u8 + 1;
                }
                let u = c as u32;
                (0..256)
                    .find(|&b| b >= 32 && u32::from(tables::WIN_ANSI[b]) == u)
                    .map_or(b'?', |b| b as u8)
            })
            .collect()
    }

    /// The width of `text` at `size` points.
    fn width(self, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size / 1000.0
    }
}

/// A piece of text at a point (PDF coordinates: y up, origin bottom left of a letter page).
#[derive(Clone, Debug)]
struct Item {
    x: f32,
    y: f32,
    font: F,
    size: f32,
    text: String,
    /// Character spacing (Tc), for letter-spaced headings.
    tc: f32,
    /// Word spacing (Tw), for justified lines.
    tw: f32,
}

/// How a document is written.
#[derive(Clone, Copy, Default)]
struct Style {
    /// Write /Widths arrays (else the reader falls back to the Core 14 metrics).
    widths: bool,
    /// Show words one by one with TJ offsets instead of space characters (as TeX does).
    tj_words: bool,
    /// Compress the content streams.
    compress: bool,
    /// Show every glyph separately with small kerning offsets (as browsers' PDF output does).
    kerning: bool,
    /// Write the items of a page in a scrambled order (content streams need not follow the
    /// reading order; some producers write by font or by layer).
    shuffle: bool,
    /// Fake bold: bold items drawn twice in the regular face, a third of a point apart.
    overprint_bold: bool,
}

/// A deterministic pseudo-random number in 0..n for a seed.
fn scramble(seed: usize, n: usize) -> usize {
    let mut x = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    (x % n.max(1) as u64) as usize
}

fn font_dict(f: F, style: Style) -> Dictionary {
    let mut d = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => f.base(),
    };
    if f == F::HelvLig {
        let mut diffs = vec![Object::Integer(1)];
        for name in ["fi", "fl", "ff", "ffi", "ffl"] {
            diffs.push(Object::Name(name.as_bytes().to_vec()));
        }
        d.set(
            "Encoding",
            dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => diffs },
        );
    } else {
        d.set("Encoding", "WinAnsiEncoding");
    }
    if style.widths {
        let widths: Vec<Object> = (0..256usize)
            .map(|b| {
                let c = char::from_u32(tables::WIN_ANSI[b] as u32).unwrap_or(' ');
                Object::Integer(f.advance(c) as i64)
            })
            .collect();
        d.set("FirstChar", 0);
        d.set("LastChar", 255);
        d.set("Widths", widths);
    }
    d
}

fn show_ops(item: &Item, style: Style) -> Vec<Operation> {
    if style.overprint_bold && matches!(item.font, F::HelvBold | F::TimesBold) {
        let regular = if item.font == F::HelvBold { F::Helv } else { F::Times };
        let first = Item { font: regular, ..item.clone() };
        let second = Item { x: item.x + 0.3, ..first.clone() };
        let plain = Style { overprint_bold: false, ..style };
        return [show_ops(&first, plain), show_ops(&second, plain)].concat();
    }
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![Object::Name(item.font.key().into_bytes()), item.size.into()]),
        Operation::new("Tc", vec![item.tc.into()]),
        Operation::new("Tw", vec![item.tw.into()]),
        Operation::new("Td", vec![item.x.into(), item.y.into()]),
    ];
    if style.kerning {
        // Every glyph its own string, with a small offset after it (±12/1000 em).
        let mut arr = Vec::new();
        for (i, ch) in item.text.chars().enumerate() {
            arr.push(Object::String(item.font.encode(&ch.to_string()), StringFormat::Literal));
            arr.push(Object::Integer(scramble(i + item.text.len(), 25) as i64 - 12));
        }
        ops.push(Operation::new("TJ", vec![Object::Array(arr)]));
    } else if style.tj_words && item.text.contains(' ') {
        // Words as separate strings, the space as a TJ offset (thousandths of an em).
        let space = item.font.advance(' ') as i64;
        let mut arr = Vec::new();
        for (i, word) in item.text.split(' ').enumerate() {
            if i > 0 {
                arr.push(Object::Integer(-space));
            }
            arr.push(Object::String(item.font.encode(word), StringFormat::Literal));
        }
        ops.push(Operation::new("TJ", vec![Object::Array(arr)]));
    } else {
        let s = Object::String(item.font.encode(&item.text), StringFormat::Literal);
        ops.push(Operation::new("Tj", vec![s]));
    }
    ops.push(Operation::new("ET", vec![]));
    ops
}

/// Writes a PDF with one page per list of items, plus extra operators and resources per page.
fn write_pdf_with(
    pages: &[Vec<Item>],
    style: Style,
    extra: impl Fn(&mut Document, usize, &mut Vec<Operation>, &mut Dictionary),
) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut fonts = Dictionary::new();
    for f in FONTS {
        let id = doc.add_object(font_dict(f, style));
        fonts.set(f.key(), id);
    }
    let mut kids = Vec::new();
    for (n, items) in pages.iter().enumerate() {
        let mut order: Vec<usize> = (0..items.len()).collect();
        if style.shuffle {
            order.sort_by_key(|&i| scramble(i * 7 + n, 1 << 20));
        }
        let mut ops: Vec<Operation> =
            order.iter().flat_map(|&i| show_ops(&items[i], style)).collect();
        let mut resources = dictionary! { "Font" => fonts.clone() };
        extra(&mut doc, n, &mut ops, &mut resources);
        let mut stream = Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap());
        if style.compress {
            stream.compress().unwrap();
        }
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content_id,
            "Resources" => resources,
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn write_pdf(pages: &[Vec<Item>], style: Style) -> Vec<u8> {
    save(write_pdf_with(pages, style, |_, _, _, _| {}))
}

/// Text items of a document being composed, and its source text in reading order.
#[derive(Default)]
struct Composer {
    pages: Vec<Vec<Item>>,
    truth: String,
}

impl Composer {
    fn put(&mut self, page: usize, x: f32, y: f32, font: F, size: f32, text: &str) {
        while self.pages.len() <= page {
            self.pages.push(Vec::new());
        }
        self.pages[page].push(Item { x, y, font, size, text: text.to_owned(), tc: 0.0, tw: 0.0 });
    }

    /// The last item placed.
    fn last(&mut self) -> &mut Item {
        self.pages.iter_mut().rev().find_map(|p| p.last_mut()).expect("an item")
    }

    /// Records source text; ligature glyphs are typesetting, the source has the letters.
    fn say(&mut self, text: &str) {
        for c in text.chars() {
            match LIGATURES.iter().find(|l| l.0 == c) {
                Some(l) => self.truth.push_str(l.1),
                None => self.truth.push(c),
            }
        }
        self.truth.push('\n');
    }
}

const TOP: f32 = 740.0;
const BOTTOM: f32 = 60.0;

/// A column that text flows down (and onto the next page).
#[derive(Clone, Copy)]
struct Column {
    x: f32,
    width: f32,
    y: f32,
    page: usize,
    /// Baseline-to-baseline distance in ems.
    leading: f32,
}

impl Column {
    fn new(x: f32, width: f32) -> Column {
        Column { x, width, y: TOP, page: 0, leading: 1.25 }
    }

    fn advance(&mut self, size: f32) {
        self.y -= size * self.leading;
        if self.y < BOTTOM {
            self.page += 1;
            self.y = TOP;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// One unwrapped line.
    fn line(&mut self, c: &mut Composer, font: F, size: f32, text: &str) {
        c.put(self.page, self.x, self.y, font, size, text);
        c.say(text);
        self.advance(size);
    }

    /// Pieces in different fonts on one line, each following the previous.
    fn runs(&mut self, c: &mut Composer, size: f32, runs: &[(F, &str)]) {
        let mut x = self.x;
        for &(font, text) in runs {
            c.put(self.page, x, self.y, font, size, text);
            x += font.width(size, text);
        }
        c.say(&runs.iter().map(|r| r.1).collect::<String>());
        self.advance(size);
    }

    fn wrap(font: F, size: f32, width: f32, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ') {
            let candidate =
                if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if !line.is_empty() && font.width(size, &candidate) > width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
        lines
    }

    /// A wrapped paragraph.
    fn para(&mut self, c: &mut Composer, font: F, size: f32, text: &str) {
        for l in Self::wrap(font, size, self.width, text) {
            c.put(self.page, self.x, self.y, font, size, &l);
            self.advance(size);
        }
        c.say(text);
    }

    /// A justified paragraph: word spacing (Tw) stretches every line but the last.
    fn justified(&mut self, c: &mut Composer, font: F, size: f32, text: &str) {
        let lines = Self::wrap(font, size, self.width, text);
        let n = lines.len();
        for (i, l) in lines.into_iter().enumerate() {
            c.put(self.page, self.x, self.y, font, size, &l);
            let spaces = l.matches(' ').count();
            if i + 1 < n && spaces > 0 {
                c.last().tw = (self.width - font.width(size, &l)) / spaces as f32;
            }
            self.advance(size);
        }
        c.say(text);
    }

    /// A letter-spaced heading (Tc).
    fn tracked(&mut self, c: &mut Composer, font: F, size: f32, text: &str) {
        c.put(self.page, self.x, self.y, font, size, text);
        c.last().tc = size * 0.2;
        c.say(text);
        self.advance(size);
    }

    /// A bullet with a hanging indent: the glyph at the margin, wrapped lines under the text.
    fn bullet(&mut self, c: &mut Composer, glyph: &str, font: F, size: f32, text: &str) {
        let indent = size * 1.2;
        for (i, l) in Self::wrap(font, size, self.width - indent, text).into_iter().enumerate() {
            if i == 0 {
                c.put(self.page, self.x, self.y, font, size, glyph);
            }
            c.put(self.page, self.x + indent, self.y, font, size, &l);
            self.advance(size);
        }
        c.say(text);
    }

    /// A role line: title on the left, dates right-aligned.
    fn role(&mut self, c: &mut Composer, size: f32, title: &str, dates: &str) {
        c.put(self.page, self.x, self.y, F::HelvBold, size, title);
        let w = F::Helv.width(size, dates);
        c.put(self.page, self.x + self.width - w, self.y, F::Helv, size, dates);
        c.say(&format!("{title} {dates}"));
        self.advance(size);
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

fn extract(bytes: &[u8]) -> Extracted {
    match extract_pdf("test.pdf", bytes, &Limits::default()) {
        Ok(e) => e,
        Err(e) => panic!("extraction failed: {e} ({:?})", e.kind),
    }
}

fn error_kind(bytes: &[u8], limits: &Limits) -> ErrorKind {
    match extract_pdf("bad.pdf", bytes, limits) {
        Ok(e) => panic!("expected an error, got {} lines", e.lines.len()),
        Err(e) => {
            assert_eq!(e.file, "bad.pdf");
            assert!(!e.message.is_empty());
            e.kind
        }
    }
}

fn texts(e: &Extracted) -> Vec<&str> {
    e.lines.iter().map(|l| l.text.as_str()).collect()
}

fn find(e: &Extracted, needle: &str) -> usize {
    e.lines
        .iter()
        .position(|l| l.text.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in {:#?}", texts(e)))
}

/// Spans point at the line texts in `text`.
fn check_spans(e: &Extracted) {
    for l in &e.lines {
        assert_eq!(&e.text[l.span.0..l.span.1], l.text);
    }
}

// ---------------------------------------------------------------------------------------------
// Documents

const GROW_WRAPPED: &str = "Grew self-serve revenue 42% in 18 months by rebuilding onboarding, \
     pricing pages and the trial-to-paid funnel with the growth and data teams";

fn one_column_resume() -> Composer {
    let mut c = Composer::default();
    let mut col = Column::new(54.0, 504.0);
    col.line(&mut c, F::HelvBold, 18.0, "Maya Okafor");
    col.line(&mut c, F::Helv, 10.0, "Senior Product Manager, fintech · maya@example.com");
    col.gap(10.0);
    col.line(&mut c, F::HelvBold, 12.0, "EXPERIENCE");
    col.role(
        &mut c,
        10.0,
        "Senior Product Manager \u{2014} Northwind Analytics",
        "Jan 2021 \u{2013} Present",
    );
    col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, GROW_WRAPPED);
    col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, "Grew NPS from 31 to 52 across 4 markets");
    col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, "Grew the analytics team from 2 to 9 people");
    col.gap(6.0);
    col.role(&mut c, 10.0, "Product Manager \u{2014} Contoso Pay", "2019\u{2013}2021");
    col.line(&mut c, F::Helv, 10.0, "Certified Scrum Product Owner, 03/2020");
    c
}

#[test]
fn one_column_resume_lines() {
    for style in [
        Style::default(),
        Style { widths: true, tj_words: true, compress: true, ..Style::default() },
    ] {
        let c = one_column_resume();
        let e = extract(&write_pdf(&c.pages, style));
        check_spans(&e);
        assert_eq!(e.pages, 1);
        let l = &e.lines;
        assert_eq!(l[0].text, "Maya Okafor");
        assert_eq!((l[0].hint, l[0].bold, l[0].size), (LineHint::Heading, true, 18.0));
        assert_eq!(l[1].text, "Senior Product Manager, fintech · maya@example.com");
        assert_eq!((l[1].hint, l[1].bold), (LineHint::Text, false));
        assert_eq!(l[2].text, "EXPERIENCE");
        assert_eq!(l[2].hint, LineHint::Heading);
        assert!(l[2].gap_before, "the heading starts a block");
        assert_eq!(
            l[3].text,
            "Senior Product Manager \u{2014} Northwind Analytics   Jan 2021 \u{2013} Present"
        );
        assert_eq!(l[3].hint, LineHint::Text);
        // The wrapped bullet is one item, hyphenated compounds inside a line are kept.
        assert_eq!(l[4].text, GROW_WRAPPED);
        assert_eq!(l[4].hint, LineHint::ListItem);
        assert_eq!(l[5].text, "Grew NPS from 31 to 52 across 4 markets");
        assert_eq!(l[6].text, "Grew the analytics team from 2 to 9 people");
        assert!(l[4..7].iter().all(|l| l.hint == LineHint::ListItem && !l.bold));
        assert_eq!(l[7].text, "Product Manager \u{2014} Contoso Pay   2019\u{2013}2021");
        assert!(l[7].gap_before);
        assert_eq!(l[8].text, "Certified Scrum Product Owner, 03/2020");
        assert_eq!(l.len(), 9, "{:#?}", texts(&e));
    }
}

/// A sidebar (skills, education) left of the main column, under a full-width header.
fn two_column_resume(sidebar_left: bool) -> Composer {
    let mut c = Composer::default();
    let mut head = Column::new(54.0, 504.0);
    head.line(&mut c, F::HelvBold, 20.0, "Daniel Reyes");
    head.line(
        &mut c,
        F::Helv,
        10.0,
        "Product leader for payments and risk · daniel@example.com · Austin, TX",
    );
    let top = head.y - 14.0;
    let (side_x, main_x) = if sidebar_left { (54.0, 230.0) } else { (430.0, 54.0) };
    let mut side = Column { y: top, ..Column::new(side_x, 128.0) };
    let mut main = Column { y: top, ..Column::new(main_x, 328.0) };
    let sidebar = |c: &mut Composer, side: &mut Column| {
        side.line(c, F::HelvBold, 11.0, "SKILLS");
        for s in [
            "Product strategy",
            "Roadmapping",
            "SQL and dbt",
            "A/B testing",
            "Pricing",
            "Stakeholder management",
        ] {
            side.line(c, F::Helv, 9.0, s);
        }
        side.gap(8.0);
        side.line(c, F::HelvBold, 11.0, "EDUCATION");
        side.para(c, F::Helv, 9.0, "MBA, University of Texas at Austin, 2016");
        side.para(c, F::Helv, 9.0, "BSc Economics, Universidad de Chile, 2011");
    };
    let main_col = |c: &mut Composer, main: &mut Column| {
        main.line(c, F::HelvBold, 11.0, "EXPERIENCE");
        main.line(c, F::HelvBold, 10.0, "Director of Product, Ledgerly (2021\u{2013}Present)");
        for b in [
            "Led 4 product teams (32 engineers) building card issuing and fraud tooling for 1,200 business customers",
            "Cut chargeback losses 38% with a rules engine and a risk review queue",
            "Launched instant payouts in 6 months; adopted by 40% of merchants",
        ] {
            main.bullet(c, "\u{2022}", F::Helv, 10.0, b);
        }
        main.gap(6.0);
        main.line(c, F::HelvBold, 10.0, "Senior Product Manager, Paystream (2017\u{2013}2021)");
        for b in [
            "Owned the merchant onboarding funnel; raised activation from 54% to 71%",
            "Shipped KYC automation that removed 3 days from the median review",
            "Partnered with sales on pricing for the enterprise tier",
        ] {
            main.bullet(c, "\u{2022}", F::Helv, 10.0, b);
        }
    };
    if sidebar_left {
        sidebar(&mut c, &mut side);
        main_col(&mut c, &mut main);
    } else {
        main_col(&mut c, &mut main);
        sidebar(&mut c, &mut side);
    }
    c
}

#[test]
fn two_column_resume_reads_column_by_column() {
    for sidebar_left in [true, false] {
        let c = two_column_resume(sidebar_left);
        let e = extract(&write_pdf(&c.pages, Style::default()));
        check_spans(&e);
        let t = texts(&e);
        assert_eq!(t[0], "Daniel Reyes");
        assert!(t[1].starts_with("Product leader for payments"));
        let sidebar: Vec<usize> = [
            "SKILLS",
            "Product strategy",
            "Roadmapping",
            "SQL and dbt",
            "Pricing",
            "EDUCATION",
            "MBA, University",
            "BSc Economics",
        ]
        .iter()
        .map(|s| find(&e, s))
        .collect();
        let main: Vec<usize> = [
            "EXPERIENCE",
            "Director of Product",
            "Led 4 product teams",
            "Cut chargeback",
            "Launched instant",
            "Senior Product Manager, Paystream",
            "Owned the merchant",
            "Shipped KYC",
            "Partnered with sales",
        ]
        .iter()
        .map(|s| find(&e, s))
        .collect();
        // Each column in order, and one column entirely before the other.
        assert!(sidebar.windows(2).all(|w| w[0] < w[1]), "sidebar order {sidebar:?}: {t:#?}");
        assert!(main.windows(2).all(|w| w[0] < w[1]), "main order {main:?}: {t:#?}");
        let (s_max, m_min) = (*sidebar.iter().max().unwrap(), *main.iter().min().unwrap());
        let (s_min, m_max) = (*sidebar.iter().min().unwrap(), *main.iter().max().unwrap());
        assert!(s_max < m_min || m_max < s_min, "columns interleaved: {t:#?}");
        // The left column comes first.
        assert_eq!(s_max < m_min, sidebar_left);
        // Wrapped bullets are whole, hints survive the column split.
        let led = &e.lines[find(&e, "Led 4 product teams")];
        assert_eq!(
            led.text,
            "Led 4 product teams (32 engineers) building card issuing and fraud tooling for 1,200 business customers"
        );
        assert_eq!(led.hint, LineHint::ListItem);
        assert_eq!(e.lines[find(&e, "SKILLS")].hint, LineHint::Heading);
        assert_eq!(e.lines[find(&e, "Roadmapping")].hint, LineHint::Text);
        // The second column starts a new block.
        let second = if sidebar_left { main[0] } else { sidebar[0] };
        assert!(e.lines[second].gap_before);
        assert_eq!(e.lines.iter().filter(|l| l.hint == LineHint::ListItem).count(), 6);
    }
}

#[test]
fn several_fonts_on_a_line_stay_one_line() {
    let mut c = Composer::default();
    let mut col = Column::new(60.0, 480.0);
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Skills: "), (F::Helv, "Roadmapping, SQL, A/B testing, pricing research")],
    );
    col.runs(
        &mut c,
        10.0,
        &[
            (F::Times, "Tools "),
            (F::Courier, "dbt"),
            (F::Times, " and "),
            (F::TimesItalic, "Looker"),
            (F::Times, " daily"),
        ],
    );
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Languages: "), (F::HelvBold, "English, "), (F::Helv, "Spanish")],
    );
    let e = extract(&write_pdf(&c.pages, Style::default()));
    assert_eq!(
        texts(&e),
        [
            "Skills: Roadmapping, SQL, A/B testing, pricing research",
            "Tools dbt and Looker daily",
            "Languages: English, Spanish"
        ]
    );
    assert!(!e.lines[0].bold, "mostly regular");
    assert!(e.lines[2].bold, "mostly bold");
    assert!(e.lines.iter().all(|l| l.size == 10.0));
}

#[test]
fn ligatures_and_hyphenation_are_repaired() {
    // The ligature glyphs are real: code 1–5 of a Helvetica whose /Differences name them
    // fi, fl, ff, ffi, ffl, so the reader decodes U+FB01… and must turn them back into letters.
    let mut c = Composer::default();
    let mut col = Column::new(60.0, 480.0);
    col.line(
        &mut c,
        F::HelvLig,
        10.0,
        "\u{FB01}nance work\u{FB02}ow sta\u{FB00} e\u{FB03}cient ba\u{FB04}ed",
    );
    col.line(&mut c, F::Helv, 10.0, "Partnered with multi-");
    col.line(&mut c, F::Helv, 10.0, "functional teams on pricing");
    col.line(&mut c, F::Helv, 10.0, "Built a data-");
    col.line(&mut c, F::Helv, 10.0, "Driven culture");
    let e = extract(&write_pdf(&c.pages, Style::default()));
    assert_eq!(
        texts(&e),
        [
            "finance workflow staff efficient baffled",
            "Partnered with multifunctional",
            "teams on pricing",
            // Not joined: the next line starts with a capital, so the hyphen may be real.
            "Built a data-",
            "Driven culture"
        ]
    );
}

#[test]
fn two_pages_in_order() {
    let mut c = Composer::default();
    let mut col = Column::new(54.0, 504.0);
    col.line(&mut c, F::HelvBold, 14.0, "Page one heading");
    for i in 1..=3 {
        col.line(&mut c, F::Helv, 10.0, &format!("First page line {i}"));
    }
    col.page = 1;
    col.y = TOP;
    col.line(&mut c, F::HelvBold, 14.0, "Page two heading");
    for i in 1..=3 {
        col.line(&mut c, F::Helv, 10.0, &format!("Second page line {i}"));
    }
    let e = extract(&write_pdf(&c.pages, Style { compress: true, ..Style::default() }));
    assert_eq!(e.pages, 2);
    let pages: Vec<u32> = e.lines.iter().map(|l| l.page).collect();
    assert_eq!(pages, [1, 1, 1, 1, 2, 2, 2, 2]);
    assert_eq!(e.lines[4].text, "Page two heading");
    assert!(e.lines[4].gap_before, "a new page starts a block");
    assert_eq!(e.lines[4].hint, LineHint::Heading);
    assert!(e.text.find("First page line 3").unwrap() < e.text.find("Second page line 1").unwrap());
}

#[test]
fn margin_headings_and_right_aligned_dates() {
    // Side headings in a left margin column: each heading is its own line before its block.
    let mut c = Composer::default();
    let mut main = Column::new(160.0, 390.0);
    for (heading, lines) in [
        (
            "EXPERIENCE",
            vec![
                "Principal PM, Fabrikam Bank",
                "Owned the lending roadmap",
                "Ran discovery with 40 customers",
                "Launched a credit line product",
            ],
        ),
        ("EDUCATION", vec!["MBA, INSEAD, 2014", "BA Mathematics, 2009"]),
        (
            "SKILLS",
            vec!["Discovery, pricing, SQL", "Risk and compliance", "Hiring and coaching PMs"],
        ),
    ] {
        c.put(main.page, 54.0, main.y, F::HelvBold, 10.0, heading);
        c.say(heading);
        for l in lines {
            main.line(&mut c, F::Helv, 10.0, l);
        }
        main.gap(12.0);
    }
    let e = extract(&write_pdf(&c.pages, Style::default()));
    let t = texts(&e);
    assert_eq!(t[0], "EXPERIENCE");
    assert_eq!(t[1], "Principal PM, Fabrikam Bank");
    assert_eq!(e.lines[0].hint, LineHint::Heading);
    assert_eq!(t[5], "EDUCATION");
    assert_eq!(t[6], "MBA, INSEAD, 2014");
    assert_eq!(t[8], "SKILLS");
    assert_eq!(t.len(), 12, "{t:#?}");
}

#[test]
fn key_value_rows_stay_rows() {
    // A label column beside values on the same baselines is a table, not two columns.
    let mut c = Composer::default();
    let mut col = Column::new(54.0, 500.0);
    col.line(&mut c, F::HelvBold, 12.0, "SKILLS");
    for (k, v) in [
        ("Product", "Discovery, roadmaps, pricing"),
        ("Data", "SQL, dbt, Amplitude"),
        ("Delivery", "Scrum, Kanban, OKRs"),
        ("Languages", "English, French, Yoruba"),
    ] {
        c.put(col.page, 54.0, col.y, F::HelvBold, 10.0, k);
        c.put(col.page, 150.0, col.y, F::Helv, 10.0, v);
        col.advance(10.0);
    }
    let e = extract(&write_pdf(&c.pages, Style::default()));
    assert_eq!(
        texts(&e),
        [
            "SKILLS",
            "Product   Discovery, roadmaps, pricing",
            "Data   SQL, dbt, Amplitude",
            "Delivery   Scrum, Kanban, OKRs",
            "Languages   English, French, Yoruba"
        ]
    );
}

#[test]
fn composite_font_with_tounicode_inside_a_form() {
    // What Word and browsers write: a subset Type0 font, Identity-H (two-byte codes = glyph
    // ids), widths in /W, text only through its ToUnicode CMap; here drawn inside a form XObject.
    let doc = write_pdf_with(&[vec![]], Style::default(), |doc, _, ops, res| {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            3 beginbfchar <0001> <F0B7> <0002> <0020> <0003> <FB01> endbfchar\n\
            1 beginbfrange <0010> <0029> <0061> endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
        let descendant = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Calibri-Bold",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "DW" => 500,
            "W" => vec![1.into(), vec![Object::Integer(600), Object::Integer(250)].into(),
                16.into(), 41.into(), 480.into()],
        });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Calibri-Bold",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![descendant.into()],
            "ToUnicode" => to_unicode,
        });
        // "<bullet> <fi>nd a road" as glyph ids: a=0x10 … z=0x29.
        let gid = |c: char| 0x10 + (c as u16 - 'a' as u16);
        let mut text: Vec<u16> = vec![1, 2, 3];
        text.extend("nd".chars().map(gid));
        text.push(2);
        text.push(gid('a'));
        text.push(2);
        text.extend("road".chars().map(gid));
        let bytes: Vec<u8> = text.iter().flat_map(|g| g.to_be_bytes()).collect();
        let form_ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![Object::Name(b"C0".to_vec()), 11.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::String(bytes, StringFormat::Hexadecimal)]),
            Operation::new("ET", vec![]),
        ];
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "C0" => font } } },
            Content { operations: form_ops }.encode().unwrap(),
        ));
        res.set("XObject", dictionary! { "Fm1" => form });
        ops.push(Operation::new("Do", vec![Object::Name(b"Fm1".to_vec())]));
    });
    let e = extract(&save(doc));
    assert_eq!(texts(&e), ["find a road"]);
    assert_eq!(
        (e.lines[0].hint, e.lines[0].bold, e.lines[0].size),
        (LineHint::ListItem, true, 11.0)
    );
}

// ---------------------------------------------------------------------------------------------
// Errors

fn small_pdf() -> Vec<u8> {
    write_pdf(&one_column_resume().pages, Style::default())
}

#[test]
fn encrypted_pdf_is_reported() {
    let mut doc = write_pdf_with(&one_column_resume().pages, Style::default(), |_, _, _, _| {});
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard",
        "V" => 1,
        "R" => 2,
        "O" => Object::String(vec![7; 32], StringFormat::Hexadecimal),
        "U" => Object::String(vec![9; 32], StringFormat::Hexadecimal),
        "P" => -4,
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ],
    );
    let bytes = save(doc);
    let err = extract_pdf("cv.pdf", &bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Encrypted);
    assert_eq!(err.to_string(), "cv.pdf: is password-protected; remove the password and try again");
}

#[test]
fn image_only_pdf_is_reported() {
    let doc = write_pdf_with(&[vec![]], Style::default(), |doc, _, ops, res| {
        let image = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
            vec![0, 255, 255, 0],
        );
        let id = doc.add_object(image);
        res.set("XObject", dictionary! { "Im1" => id });
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new(
            "cm",
            vec![500.into(), 0.into(), 0.into(), 700.into(), 50.into(), 50.into()],
        ));
        ops.push(Operation::new("Do", vec![Object::Name(b"Im1".to_vec())]));
        ops.push(Operation::new("Q", vec![]));
    });
    let err = extract_pdf("scan.pdf", &save(doc), &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::ImageOnly);
    assert_eq!(err.message, "has no text layer (a scan?); export a text PDF or use the DOCX");
    // No text and no image: empty.
    assert_eq!(
        error_kind(&write_pdf(&[vec![]], Style::default()), &Limits::default()),
        ErrorKind::Empty
    );
}

#[test]
fn broken_inputs_are_corrupt() {
    let good = small_pdf();
    let limits = Limits::default();
    assert_eq!(error_kind(&good[..good.len() / 2], &limits), ErrorKind::Corrupt);
    assert_eq!(error_kind(b"hello", &limits), ErrorKind::Corrupt);
    assert_eq!(error_kind(b"", &limits), ErrorKind::Corrupt);
    // Random bytes, bare and dressed as a PDF.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut random = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    };
    assert_eq!(error_kind(&random(4096), &limits), ErrorKind::Corrupt);
    let mut dressed = b"%PDF-1.7\n".to_vec();
    dressed.extend(random(4096));
    dressed.extend(b"\n%%EOF\n");
    assert_eq!(error_kind(&dressed, &limits), ErrorKind::Corrupt);
    // A broken cross-reference table.
    let mut broken = good.clone();
    let startxref = broken.windows(9).rposition(|w| w == b"startxref").unwrap();
    broken.truncate(startxref);
    broken.extend(b"startxref\n999999\n%%EOF\n");
    // lopdf may rebuild the table by scanning objects; either way no panic, no garbage.
    match extract_pdf("x.pdf", &broken, &limits) {
        Ok(e) => assert_eq!(e.lines[0].text, "Maya Okafor"),
        Err(e) => assert_eq!(e.kind, ErrorKind::Corrupt),
    }
}

#[test]
fn damaged_pdfs_never_panic() {
    // Every single-byte corruption over the file, and truncations: any result but a panic
    // (extract_pdf catches panics, so assert it did not need to: "failed on it" is that path).
    let good = write_pdf(&two_column_resume(true).pages, Style::default());
    let limits = Limits::default();
    let mut caught = 0;
    for i in (0..good.len()).step_by(7) {
        for b in [b'0', b'(', b'[', 0xFF] {
            let mut bad = good.clone();
            bad[i] = b;
            if let Err(e) = extract_pdf("x.pdf", &bad, &limits)
                && e.message.contains("failed on it")
            {
                caught += 1;
            }
        }
    }
    assert_eq!(caught, 0, "panics caught inside the reader");
}

#[test]
fn limits_are_enforced() {
    let good = small_pdf();
    let three_pages = write_pdf(&[vec![], vec![], vec![]], Style::default());
    let limits = Limits { max_pdf_pages: 2, ..Limits::default() };
    assert_eq!(error_kind(&three_pages, &limits), ErrorKind::TooLarge);
    let limits = Limits { max_file_bytes: 100, ..Limits::default() };
    assert_eq!(error_kind(&good, &limits), ErrorKind::TooLarge);
}

// ---------------------------------------------------------------------------------------------
// The committed fixture

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

/// Maya Okafor's resume, two pages, single column: the realistic case.
fn pm_resume() -> Composer {
    let mut c = Composer::default();
    let mut col = Column { leading: 1.3, ..Column::new(54.0, 504.0) };
    col.line(&mut c, F::HelvBold, 20.0, "Maya Okafor");
    col.line(&mut c, F::Helv, 10.0, "Director of Product candidate · Fintech · London, UK");
    col.line(
        &mut c,
        F::Helv,
        9.0,
        "maya.okafor@example.com · +44 20 7946 0321 · linkedin.com/in/maya-okafor-example",
    );
    col.gap(10.0);
    col.line(&mut c, F::HelvBold, 12.0, "SUMMARY");
    col.para(&mut c, F::Helv, 10.0, "Senior product manager with nine years in payments and lending. I build small, \
        senior teams, set measurable strategy and ship regulated products that customers trust. Looking to lead a \
        product group as Director of Product.");
    col.gap(10.0);
    col.line(&mut c, F::HelvBold, 12.0, "EXPERIENCE");
    let roles: [(&str, &str, &[&str]); 4] = [
        (
            "Senior Product Manager \u{2014} Northwind Pay, London",
            "Jan 2021 \u{2013} Present",
            &[
                "Set the three-year strategy for merchant lending; grew the loan book from \u{a3}40M to \u{a3}310M with default rates under plan",
                "Led a group of 3 PMs and 2 designers across underwriting, servicing and collections",
                "Cut time-to-decision from 3 days to 4 minutes by shipping automated underwriting with the risk team",
                "Introduced quarterly OKRs and a product review ritual adopted by the whole product org",
            ],
        ),
        (
            "Product Manager \u{2014} Contoso Bank, London",
            "Mar 2018 \u{2013} Dec 2020",
            &[
                "Launched the bank's first open-banking API, used by 60 partners within a year",
                "Raised mobile onboarding completion from 48% to 77% through research-led redesigns",
                "Worked with compliance to ship PSD2 strong customer authentication on time",
            ],
        ),
        (
            "Associate Product Manager \u{2014} Fabrikam Insurance, Leeds",
            "2016\u{2013}2018",
            &[
                "Ran 40+ A/B tests on the quote funnel; the best lifted conversion 12%",
                "Built the team's first self-serve analytics in Looker",
            ],
        ),
        (
            "Business Analyst \u{2014} Tailspin Consulting, Manchester",
            "09/2014 \u{2013} 07/2016",
            &[
                "Modelled pricing for retail banking clients and presented findings to executives",
                "Automated weekly reporting, saving 10 analyst hours per week",
            ],
        ),
    ];
    for (title, dates, bullets) in roles {
        col.gap(6.0);
        col.role(&mut c, 10.0, title, dates);
        for b in bullets {
            col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, b);
        }
    }
    // Education and skills on page two.
    col.page = 1;
    col.y = TOP;
    col.line(&mut c, F::HelvBold, 12.0, "EDUCATION");
    col.role(
        &mut c,
        10.0,
        "MSc Management Science \u{2014} University of Manchester",
        "2013\u{2013}2014",
    );
    col.role(&mut c, 10.0, "BSc Economics \u{2014} University of Lagos", "2009\u{2013}2013");
    col.gap(10.0);
    col.line(&mut c, F::HelvBold, 12.0, "SKILLS");
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Product: "), (F::Helv, "strategy, discovery, pricing, roadmaps, OKRs")],
    );
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Data: "), (F::Helv, "SQL, Looker, Amplitude, experimentation")],
    );
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Domain: "), (F::Helv, "payments, lending, open banking, PSD2, KYC")],
    );
    col.gap(10.0);
    col.line(&mut c, F::HelvBold, 12.0, "CERTIFICATIONS");
    col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, "Pragmatic Institute PMC-III, 2019");
    col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, "Certified Scrum Product Owner, 03/2017");
    c
}

#[test]
#[ignore = "writes tests/fixtures/pdf/pm-resume.{pdf,txt}; run by hand after changing pm_resume()"]
fn regenerate_pm_resume_fixture() {
    let c = pm_resume();
    let bytes = write_pdf(&c.pages, Style { widths: true, compress: true, ..Style::default() });
    std::fs::create_dir_all(fixture_dir()).unwrap();
    std::fs::write(fixture_dir().join("pm-resume.pdf"), bytes).unwrap();
    std::fs::write(fixture_dir().join("pm-resume.txt"), &c.truth).unwrap();
}

#[test]
fn pm_resume_fixture() {
    let bytes = std::fs::read(fixture_dir().join("pm-resume.pdf")).unwrap();
    let e = extract(&bytes);
    check_spans(&e);
    assert_eq!(e.pages, 2);
    assert_eq!(e.lines[0].text, "Maya Okafor");
    assert_eq!(e.lines[0].hint, LineHint::Heading);
    let headings: Vec<&str> = e
        .lines
        .iter()
        .filter(|l| l.hint == LineHint::Heading && l.text.chars().all(|c| !c.is_lowercase()))
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(headings, ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "CERTIFICATIONS"]);
    assert_eq!(e.lines.iter().filter(|l| l.hint == LineHint::ListItem).count(), 13);
    assert_eq!(e.lines[find(&e, "EDUCATION")].page, 2);
    // Every word of the source text, in order.
    let source = std::fs::read_to_string(fixture_dir().join("pm-resume.txt")).unwrap();
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let bullets_stripped = e.text.clone();
    assert_eq!(words(&bullets_stripped), words(&source));
}

// ---------------------------------------------------------------------------------------------
// The benchmark corpus (bench/pdf_f1/run)

/// The corpus: one- and two-column resumes in several fonts and styles.
fn corpus() -> Vec<(&'static str, Composer, Style)> {
    let plain = Style::default();
    let tex = Style { widths: true, tj_words: true, compress: true, ..Style::default() };
    let mut docs = vec![
        ("one-column-helvetica", one_column_resume(), plain),
        ("one-column-tj-words", one_column_resume(), tex),
        ("sidebar-left", two_column_resume(true), plain),
        ("sidebar-right", two_column_resume(false), tex),
        ("pm-resume-2-pages", pm_resume(), Style { widths: true, ..plain }),
    ];
    docs.push(("equal-columns-times", equal_columns(), plain));
    docs.push(("margin-headings", margin_headings(), tex));
    docs.push(("dates-left", dates_left(), plain));
    docs.push(("two-pages-numbered-courier", numbered_courier(), tex));
    docs.push(("sidebar-two-pages", sidebar_two_pages(), plain));
    docs.push(("header-contact-right", header_contact_right(), tex));
    docs.push(("hyphens-ligatures", hyphens_ligatures(), plain));
    // Producers' habits that defeat naive readers.
    let kerned = Style { kerning: true, shuffle: true, ..plain };
    docs.push(("sidebar-left-kerned-shuffled", two_column_resume(true), kerned));
    let fake_bold = Style { overprint_bold: true, shuffle: true, widths: true, ..plain };
    docs.push(("equal-columns-fake-bold", equal_columns(), fake_bold));
    docs.push(("justified-tracked-footer", justified_tracked_footer(), plain));
    docs.push(("margin-headings-kerned", margin_headings(), Style { kerning: true, ..plain }));
    docs
}

/// Justified paragraphs (Tw), letter-spaced headings (Tc) and a page footer, two pages.
fn justified_tracked_footer() -> Composer {
    let mut c = Composer::default();
    let mut col = Column::new(72.0, 468.0);
    col.line(&mut c, F::TimesBold, 20.0, "Hannah Schmidt");
    col.line(&mut c, F::Times, 11.0, "Principal Product Manager · Zurich · hannah@example.com");
    col.gap(10.0);
    let para = "Product manager with eleven years in banking software, most recently leading \
        the payments platform of a private bank. I turn regulation into products customers \
        like, build teams that own outcomes, and write strategy people can act on.";
    let roles = [
        ("Principal PM, Contoso Private Bank", "2019\u{2013}2024"),
        ("Senior PM, Litware Trading", "2015\u{2013}2019"),
        ("Product Owner, Fabrikam Insurance", "2012\u{2013}2015"),
    ];
    let bullets = [
        "Led the rebuild of the payments platform, moving 2.4M payments a month to ISO 20022 without a single day of downtime",
        "Set up a product council with compliance and risk that cut approval time for new features from six weeks to ten days",
        "Coached four product managers, two of whom now lead their own product groups",
    ];
    for page in 0..2 {
        col.page = page;
        col.y = if page == 0 { col.y } else { TOP };
        col.tracked(
            &mut c,
            F::TimesBold,
            12.0,
            if page == 0 { "PROFILE" } else { "MORE EXPERIENCE" },
        );
        col.justified(&mut c, F::Times, 11.0, para);
        col.gap(8.0);
        col.tracked(&mut c, F::TimesBold, 12.0, "EXPERIENCE");
        for (title, dates) in roles {
            col.role(&mut c, 11.0, title, dates);
            for b in bullets {
                col.bullet(&mut c, "\u{2022}", F::Times, 11.0, b);
            }
        }
        let footer = format!("Page {} of 2", page + 1);
        let w = F::Times.width(9.0, &footer);
        c.put(page, 306.0 - w / 2.0, 36.0, F::Times, 9.0, &footer);
        c.say(&footer);
    }
    c
}

fn equal_columns() -> Composer {
    let mut c = Composer::default();
    let mut head = Column::new(54.0, 504.0);
    head.line(&mut c, F::TimesBold, 18.0, "Priya Natarajan");
    head.line(&mut c, F::Times, 11.0, "Group Product Manager, consumer fintech");
    let top = head.y - 12.0;
    let mut left = Column { y: top, ..Column::new(54.0, 240.0) };
    let mut right = Column { y: top, ..Column::new(318.0, 240.0) };
    left.line(&mut c, F::TimesBold, 12.0, "Experience");
    left.line(&mut c, F::TimesBold, 11.0, "Group PM, Wingtip Money 2020\u{2013}2024");
    for b in [
        "Grew monthly active savers from 200k to 1.1M with round-ups and goals",
        "Managed 5 PMs across savings, investing and card; hired 3 of them",
        "Defined the pricing of the premium plan, now 30% of revenue",
        "Partnered with legal on the FCA consumer duty programme",
    ] {
        left.bullet(&mut c, "\u{2022}", F::Times, 11.0, b);
    }
    left.line(&mut c, F::TimesBold, 11.0, "Senior PM, Adatum Cards 2017\u{2013}2020");
    for b in [
        "Launched virtual cards in 9 countries",
        "Reduced card activation time from 5 days to 1 minute",
    ] {
        left.bullet(&mut c, "\u{2022}", F::Times, 11.0, b);
    }
    right.line(&mut c, F::TimesBold, 12.0, "Projects");
    right.para(&mut c, F::Times, 11.0, "Open savings API: a public API for goal-based savings that 25 partners integrated in its first year, with documentation and a sandbox.");
    right.para(&mut c, F::Times, 11.0, "Fraud signals: a shared model of device and behaviour signals that cut account takeover by half.");
    right.line(&mut c, F::TimesBold, 12.0, "Education");
    right.para(&mut c, F::Times, 11.0, "MS Computer Science, Georgia Tech, 2015");
    right.para(&mut c, F::Times, 11.0, "BTech Electrical Engineering, IIT Madras, 2012");
    right.line(&mut c, F::TimesBold, 12.0, "Skills");
    right.para(
        &mut c,
        F::Times,
        11.0,
        "Experimentation, pricing, SQL, Python, team building, regulatory products",
    );
    c
}

fn margin_headings() -> Composer {
    let mut c = Composer::default();
    let mut head = Column::new(54.0, 504.0);
    head.line(&mut c, F::HelvBold, 18.0, "Tomasz Nowak");
    head.line(&mut c, F::Helv, 10.0, "Product Manager · Warsaw · tomasz@example.com");
    let mut main = Column { y: head.y - 14.0, ..Column::new(170.0, 388.0) };
    for (heading, entries) in [
        (
            "EXPERIENCE",
            vec![
                (
                    "Product Manager, Litware Payments",
                    vec![
                        "Owned card acquiring for 8,000 merchants across Poland and Czechia",
                        "Cut onboarding time from 9 days to 2 days by automating KYB checks",
                        "Introduced a discovery cadence with weekly customer interviews",
                    ],
                ),
                (
                    "Product Owner, Proseware Bank",
                    vec![
                        "Delivered the mobile app redesign used by 1.3M customers",
                        "Ran the backlog for two Scrum teams",
                    ],
                ),
            ],
        ),
        ("EDUCATION", vec![("MSc Finance, Warsaw School of Economics, 2015", vec![])]),
        ("SKILLS", vec![("Discovery, roadmaps, SQL, Figma, stakeholder management", vec![])]),
    ] {
        c.put(main.page, 54.0, main.y, F::HelvBold, 10.0, heading);
        c.say(heading);
        for (title, bullets) in entries {
            main.line(&mut c, F::HelvBold, 10.0, title);
            for b in bullets {
                main.bullet(&mut c, "\u{2013}", F::Helv, 10.0, b);
            }
        }
        main.gap(12.0);
    }
    c
}

fn dates_left() -> Composer {
    let mut c = Composer::default();
    let mut head = Column::new(54.0, 504.0);
    head.line(&mut c, F::TimesBold, 18.0, "Amara Nwosu");
    head.line(&mut c, F::Times, 11.0, "Senior Product Manager, B2B payments");
    head.gap(8.0);
    head.line(&mut c, F::TimesBold, 12.0, "WORK HISTORY");
    let mut main = Column { y: head.y, ..Column::new(160.0, 398.0) };
    for (dates, title, bullets) in [
        (
            "2021\u{2013}2024",
            "Senior PM, Relecloud Treasury",
            vec![
                "Built treasury dashboards for 300 finance teams",
                "Grew annual recurring revenue from $4M to $11M",
                "Hired and coached two associate PMs",
            ],
        ),
        (
            "2018\u{2013}2021",
            "PM, Northwind Invoicing",
            vec![
                "Shipped e-invoicing for 12 EU markets",
                "Reduced days sales outstanding by 9 days for customers",
            ],
        ),
        (
            "06/2016\u{2013}2018",
            "Analyst, Contoso Capital",
            vec!["Built cash-flow models for mid-market lending"],
        ),
    ] {
        c.put(main.page, 54.0, main.y, F::Times, 11.0, dates);
        main.line(&mut c, F::TimesBold, 11.0, title);
        // The date is read before the title on its row.
        let title_line = c.truth.rfind(title).unwrap();
        c.truth.insert_str(title_line, &format!("{dates}\n"));
        for b in bullets {
            main.bullet(&mut c, "\u{2022}", F::Times, 11.0, b);
        }
        main.gap(8.0);
    }
    c
}

fn numbered_courier() -> Composer {
    let mut c = Composer::default();
    let mut col = Column::new(54.0, 504.0);
    col.line(&mut c, F::HelvBold, 18.0, "Lucas Moreau");
    col.line(&mut c, F::Courier, 9.0, "lucas.moreau@example.com | github.com/lmoreau-example");
    col.gap(8.0);
    col.line(&mut c, F::HelvBold, 12.0, "Selected launches");
    for (i, text) in [
        "Real-time payment notifications for 2M users, built with the platform team",
        "Merchant analytics dashboard; 35% weekly active use among paying merchants",
        "Self-serve refunds, cutting support tickets 28%",
        "Multi-currency wallets in 14 currencies",
    ]
    .iter()
    .enumerate()
    {
        col.bullet(&mut c, &format!("{}.", i + 1), F::Helv, 10.0, text);
    }
    col.gap(8.0);
    col.line(&mut c, F::HelvBold, 12.0, "Experience");
    for k in 0..6 {
        col.role(
            &mut c,
            10.0,
            &format!(
                "Product Manager, Team {}",
                ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"][k]
            ),
            &format!("{}\u{2013}{}", 2012 + 3 * k, 2015 + 3 * k),
        );
        for b in [
            "Defined the roadmap with engineering and design leads and published it every quarter",
            "Measured outcomes with a weekly metrics review and shared the learnings",
            "Ran customer interviews every week and turned them into opportunity trees",
            "Partnered with marketing on launch plans, pricing pages and release notes",
            "Kept the backlog small and the delivery predictable",
            "Retired two legacy products and moved their customers without churn",
            "Worked with finance on the business case for each major bet",
        ] {
            col.bullet(&mut c, "\u{2022}", F::Helv, 10.0, b);
        }
        col.gap(6.0);
    }
    col.line(&mut c, F::Courier, 9.0, "Tools: Jira, Linear, Notion, SQL, Mixpanel");
    c
}

fn sidebar_two_pages() -> Composer {
    let mut c = Composer::default();
    let mut head = Column::new(54.0, 504.0);
    head.line(&mut c, F::HelvBold, 20.0, "Sofia Lindqvist");
    head.line(&mut c, F::Helv, 10.0, "Head of Product, regtech");
    let top = head.y - 14.0;
    let mut side = Column { y: top, ..Column::new(54.0, 140.0) };
    let mut main = Column { y: top, ..Column::new(220.0, 338.0) };
    side.line(&mut c, F::HelvBold, 11.0, "CONTACT");
    for s in ["Stockholm, Sweden", "sofia@example.com", "+46 8 123 456"] {
        side.line(&mut c, F::Helv, 9.0, s);
    }
    side.gap(8.0);
    side.line(&mut c, F::HelvBold, 11.0, "SKILLS");
    for s in ["Regulatory products", "AML and KYC", "Team leadership", "Pricing", "SQL"] {
        side.line(&mut c, F::Helv, 9.0, s);
    }
    side.gap(8.0);
    side.line(&mut c, F::HelvBold, 11.0, "LANGUAGES");
    for s in ["Swedish (native)", "English (fluent)", "German (good)"] {
        side.line(&mut c, F::Helv, 9.0, s);
    }
    main.line(&mut c, F::HelvBold, 11.0, "EXPERIENCE");
    for k in 0..7 {
        main.line(
            &mut c,
            F::HelvBold,
            10.0,
            &format!(
                "{} at {}",
                [
                    "Head of Product",
                    "Group PM",
                    "Senior PM",
                    "PM",
                    "Associate PM",
                    "Analyst",
                    "Intern"
                ][k],
                [
                    "Fourth Coffee Compliance",
                    "Trey Research",
                    "Woodgrove Bank",
                    "Lamna Healthcare",
                    "Adventure Works",
                    "Wide World Importers",
                    "Southridge Video"
                ][k]
            ),
        );
        for b in [
            "Built the product strategy for transaction monitoring used by 40 banks",
            "Grew the team from 4 to 25 people while keeping delivery predictable",
            "Worked with regulators in three countries on reporting standards",
            "Launched a sanctions screening API with 99.9% uptime",
            "Set up product analytics and a quarterly planning process",
            "Ran pricing experiments that raised average contract value 22%",
            "Wrote the product principles used in every planning cycle",
        ] {
            main.bullet(&mut c, "\u{2022}", F::Helv, 10.0, b);
        }
        main.gap(6.0);
    }
    c
}

fn header_contact_right() -> Composer {
    let mut c = Composer::default();
    // Name left, contact details right-aligned on the same rows.
    let mut col = Column::new(54.0, 504.0);
    let contact = ["jonas.berg@example.com", "+49 30 1234 5678", "Berlin, Germany"];
    c.put(0, 54.0, col.y, F::TimesBold, 22.0, "Jonas Berg");
    c.say("Jonas Berg");
    let mut y = col.y;
    for line in contact {
        let w = F::Times.width(9.0, line);
        c.put(0, 558.0 - w, y, F::Times, 9.0, line);
        c.say(line);
        y -= 11.0;
    }
    col.y = y - 16.0;
    col.line(&mut c, F::TimesBold, 12.0, "PROFILE");
    col.para(&mut c, F::Times, 11.0, "Product manager for marketplaces and payments with a background in data science. I like hard trade-offs, clear writing and measurable goals.");
    col.gap(8.0);
    col.line(&mut c, F::TimesBold, 12.0, "EXPERIENCE");
    for (t, d) in [
        ("Senior Product Manager, Blue Yonder Market", "2020 \u{2013} today"),
        ("Data Scientist, Tailwind Traders", "2016 \u{2013} 2020"),
    ] {
        col.role(&mut c, 11.0, t, d);
        for b in [
            "Improved search conversion 18% through ranking experiments",
            "Designed seller fee structure adopted by 20,000 sellers",
            "Wrote the quarterly strategy memo for the marketplace leadership team",
        ] {
            col.bullet(&mut c, "-", F::Times, 11.0, b);
        }
    }
    c
}

fn hyphens_ligatures() -> Composer {
    let mut c = Composer::default();
    let mut col = Column::new(54.0, 504.0);
    col.line(&mut c, F::HelvBold, 16.0, "Chen Wei");
    col.line(&mut c, F::HelvLig, 10.0, "Product lead for \u{FB01}nancial work\u{FB02}ows and e\u{FB03}cient back-o\u{FB03}ce tools");
    col.gap(8.0);
    col.line(&mut c, F::HelvBold, 12.0, "EXPERIENCE");
    for (a, b) in [
        (
            "Led a cross-functional group that rebuilt reconciliation for multi-",
            "national customers and cut month-end close from 10 days to 4",
        ),
        (
            "Ran discovery with 30 controllers and turned the findings into a stream-",
            "lined approvals product used by 2,000 companies",
        ),
    ] {
        c.put(col.page, 54.0, col.y, F::Helv, 10.0, "\u{2022}");
        c.put(col.page, 66.0, col.y, F::Helv, 10.0, a);
        col.advance(10.0);
        c.put(col.page, 66.0, col.y, F::Helv, 10.0, b);
        col.advance(10.0);
        let joined = format!("{}{}", a.trim_end_matches('-'), b);
        c.say(&joined);
    }
    col.gap(6.0);
    col.runs(
        &mut c,
        10.0,
        &[(F::HelvBold, "Skills: "), (F::Helv, "reconciliation, ERP integrations, SQL, pricing")],
    );
    c
}

#[test]
fn corpus_documents_read_in_order() {
    // A light check of every corpus document: all source words come out, in order.
    for (name, c, style) in corpus() {
        let e = extract(&write_pdf(&c.pages, style));
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&e.text), words(&c.truth), "{name}: {:#?}", texts(&e));
    }
}

#[test]
#[ignore = "writes the benchmark corpus; run by bench/pdf_f1/run"]
fn generate_f1_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/pdf_f1/.work");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, c, style) in corpus() {
        let bytes = write_pdf(&c.pages, style);
        let start = std::time::Instant::now();
        let e = extract(&bytes);
        let micros = start.elapsed().as_micros();
        std::fs::write(dir.join(format!("{name}.pdf")), &bytes).unwrap();
        std::fs::write(dir.join(format!("{name}.txt")), &c.truth).unwrap();
        std::fs::write(dir.join(format!("{name}.pivot.txt")), &e.text).unwrap();
        println!("{name}: {} pages, {} lines, {micros} µs", e.pages, e.lines.len());
    }
    // Parse time of the committed two-page fixture (best of 20 runs).
    let fixture = std::fs::read(fixture_dir().join("pm-resume.pdf")).unwrap();
    let best = (0..20)
        .map(|_| {
            let start = std::time::Instant::now();
            extract(&fixture);
            start.elapsed()
        })
        .min()
        .unwrap();
    println!("pm-resume.pdf (2 pages): {} µs", best.as_micros());
}

#[test]
#[ignore = "debugging aid: PDF_DUMP=file.pdf cargo test -p pivot-import --test pdf -- --ignored dump_pdf --nocapture"]
fn dump_pdf() {
    let Ok(path) = std::env::var("PDF_DUMP") else { return };
    let bytes = std::fs::read(&path).unwrap();
    let start = std::time::Instant::now();
    let result = extract_pdf(&path, &bytes, &Limits { max_pdf_pages: 1000, ..Limits::default() });
    let elapsed = start.elapsed();
    match result {
        Ok(e) => {
            for l in &e.lines {
                let hint = match l.hint {
                    LineHint::Heading => "H",
                    LineHint::ListItem => "*",
                    _ => " ",
                };
                let gap = if l.gap_before { "¶" } else { " " };
                let bold = if l.bold { "b" } else { " " };
                println!("{:>3} {gap}{hint}{bold} {:>5.1} {}", l.page, l.size, l.text);
            }
            println!(
                "{} pages, {} lines, warnings {:?}, {elapsed:?}",
                e.pages,
                e.lines.len(),
                e.warnings
            );
        }
        Err(e) => println!("error {:?}: {e} ({elapsed:?})", e.kind),
    }
}
