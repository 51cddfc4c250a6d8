//! The DOCX reader, on documents built here with the zip writer: each test writes only the
//! parts it is about, so what is asserted is visible next to what was written.

use std::io::{Cursor, Write};

use pivot_import::docx::extract_docx;
use pivot_import::{ErrorKind, Extracted, Limits, LineHint};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// Zips `parts` (name, bytes) as they are.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // A fixed time, so the committed fixture is the same each time it is regenerated.
        .last_modified_time(zip::DateTime::DEFAULT);
    for (name, bytes) in parts {
        zw.start_file(*name, opts).unwrap();
        zw.write_all(bytes).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;

/// Styles like Word's: 11 pt body, bold headings with outline levels, a list style that
/// carries its own numbering, a character style and a subtitle.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="56"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="RoleLine"><w:name w:val="Role Line"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Indented"><w:name w:val="Indented"/><w:basedOn w:val="Normal"/><w:pPr><w:pPrChange w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:pPrChange></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
</w:styles>"#;

/// numId 1: bullets, 2: decimal numbers, 3: a list level that shows no marker.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#;

/// A complete DOCX whose body is `body` (paragraphs and tables, as XML).
fn docx(body: &str) -> Vec<u8> {
    docx_with(body, &[])
}

/// A DOCX with `body` and extra parts (headers, relationships…).
fn docx_with(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ];
    parts.extend(extra.iter().map(|(n, x)| (*n, x.as_bytes())));
    zip_of(&parts)
}

/// A paragraph of one plain run (`text` is XML: escape it yourself).
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph in style `style`.
fn ps(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// A list paragraph: numbering `num` at level 0.
fn li(num: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Normal"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// A run set in bold.
fn bold_run(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn extract(bytes: &[u8]) -> Extracted {
    match extract_docx("cv.docx", bytes, &Limits::default()) {
        Ok(e) => e,
        Err(e) => panic!("{e:?}"),
    }
}

fn texts(e: &Extracted) -> Vec<&str> {
    e.lines.iter().map(|l| l.text.as_str()).collect()
}

fn line<'e>(e: &'e Extracted, text: &str) -> &'e pivot_import::Line {
    e.lines.iter().find(|l| l.text == text).unwrap_or_else(|| panic!("no line {text:?} in {e:#?}"))
}

fn err(bytes: &[u8], limits: &Limits) -> pivot_import::ImportError {
    match extract_docx("cv.docx", bytes, limits) {
        Ok(e) => panic!("expected an error, got {:?}", texts(&e)),
        Err(e) => e,
    }
}

#[test]
fn headings_from_styles_and_bold_paragraphs() {
    let body = [
        ps("Title", "Zoë Łukasz"),
        ps("Subtitle", "Senior Product Manager"),
        ps("Heading1", "Experience"),
        ps("Heading2", "Product Lead, Acme"),
        format!("<w:p>{}</w:p>", bold_run("Selected projects")),
        p("Ran discovery for the payments team."),
        format!("<w:p>{}{}</w:p>", bold_run("Payments: "), run("ran discovery for three teams")),
        format!(
            "<w:p>{}{}</w:p>",
            bold_run("Owned the roadmap for card issuing and KYC"),
            run(" with 3 squads")
        ),
        // Bold only in a tracked formatting change's old properties: not bold now.
        r#"<w:p><w:r><w:rPr><w:rPrChange w:id="2" w:author="x" w:date="2024-01-01T00:00:00Z"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>Not bold</w:t></w:r></w:p>"#.to_owned(),
        // Bold from a paragraph style and from a character style.
        ps("RoleLine", "Director of Product, Globex, 2019–2021 and then more words here to be long"),
        r#"<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Strong words</w:t></w:r></w:p>"#.to_owned(),
        ps("Indented", "Not a heading despite the old outline level"),
    ]
    .concat();
    let e = extract(&docx(&body));
    assert_eq!(
        texts(&e),
        [
            "Zoë Łukasz",
            "Senior Product Manager",
            "Experience",
            "Product Lead, Acme",
            "Selected projects",
            "Ran discovery for the payments team.",
            "Payments: ran discovery for three teams",
            "Owned the roadmap for card issuing and KYC with 3 squads",
            "Not bold",
            "Director of Product, Globex, 2019–2021 and then more words here to be long",
            "Strong words",
            "Not a heading despite the old outline level",
        ]
    );
    let title = line(&e, "Zoë Łukasz");
    assert_eq!((title.hint, title.size, title.bold), (LineHint::Heading, 28.0, false));
    let sub = line(&e, "Senior Product Manager");
    assert_eq!((sub.hint, sub.size), (LineHint::Text, 14.0));
    let h1 = line(&e, "Experience");
    assert_eq!((h1.hint, h1.bold, h1.size, h1.gap_before), (LineHint::Heading, true, 16.0, true));
    let h2 = line(&e, "Product Lead, Acme");
    assert_eq!((h2.hint, h2.bold, h2.size), (LineHint::Heading, true, 13.0));
    // A short paragraph all in bold reads as a heading.
    let bold_para = line(&e, "Selected projects");
    assert_eq!((bold_para.hint, bold_para.bold, bold_para.size), (LineHint::Heading, true, 11.0));
    let plain = line(&e, "Ran discovery for the payments team.");
    assert_eq!((plain.hint, plain.bold, plain.gap_before), (LineHint::Text, false, false));
    // Partly bold: bold only when most of the text is.
    assert!(!line(&e, "Payments: ran discovery for three teams").bold);
    let mostly = line(&e, "Owned the roadmap for card issuing and KYC with 3 squads");
    assert_eq!((mostly.bold, mostly.hint), (true, LineHint::Text));
    assert!(!line(&e, "Not bold").bold);
    let role =
        line(&e, "Director of Product, Globex, 2019–2021 and then more words here to be long");
    assert_eq!((role.bold, role.hint), (true, LineHint::Text));
    let strong = line(&e, "Strong words");
    assert_eq!((strong.bold, strong.hint), (true, LineHint::Heading));
    assert_eq!(line(&e, "Not a heading despite the old outline level").hint, LineHint::Text);
    assert_eq!(e.pages, 1);
    // Spans index the text.
    for l in &e.lines {
        assert_eq!(&e.text[l.span.0..l.span.1], l.text);
    }
}

#[test]
fn bullets_and_numbered_lists() {
    let body = [
        ps("Heading1", "Experience"),
        li(1, "Cut activation time from 48 hours to 6"),
        li(1, "• Launched virtual cards in 4 markets"),
        li(2, "First numbered step"),
        li(2, "Second numbered step"),
        li(3, "In a list whose level shows no marker"),
        ps("ListBullet", "From the List Bullet style"),
        // numId 0 means "no list".
        r#"<w:p><w:pPr><w:pStyle w:val="Normal"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering removed</w:t></w:r></w:p>"#.to_owned(),
        p("• Typed bullet without numbering"),
        p("- Typed dash bullet"),
        p("-5% churn is not a bullet"),
        p("\u{F0B7}\tPasted Symbol-font bullet"),
        // A bullet with a soft line break: the second line continues it.
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Grew revenue 20%</w:t><w:br/><w:t>across three regions</w:t></w:r></w:p>"#.to_owned(),
        // A bullet drawn with w:sym.
        r#"<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>Symbol bullet</w:t></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let e = extract(&docx(&body));
    let got: Vec<(&str, LineHint)> = e.lines.iter().map(|l| (l.text.as_str(), l.hint)).collect();
    assert_eq!(
        got,
        [
            ("Experience", LineHint::Heading),
            ("Cut activation time from 48 hours to 6", LineHint::ListItem),
            ("Launched virtual cards in 4 markets", LineHint::ListItem),
            ("First numbered step", LineHint::ListItem),
            ("Second numbered step", LineHint::ListItem),
            ("In a list whose level shows no marker", LineHint::Text),
            ("From the List Bullet style", LineHint::ListItem),
            ("Numbering removed", LineHint::Text),
            ("Typed bullet without numbering", LineHint::ListItem),
            ("Typed dash bullet", LineHint::ListItem),
            ("-5% churn is not a bullet", LineHint::Text),
            ("Pasted Symbol-font bullet", LineHint::ListItem),
            ("Grew revenue 20%", LineHint::ListItem),
            ("across three regions", LineHint::Text),
            ("Symbol bullet", LineHint::ListItem),
        ]
    );
    assert!(e.lines.iter().all(|l| !l.bold || l.hint == LineHint::Heading));
}

#[test]
fn two_column_layout_table_reads_sidebar_then_main() {
    let cell = |paras: &[String]| format!("<w:tc><w:tcPr/>{}</w:tc>", paras.concat());
    let body = [
        ps("Title", "Maya Okafor"),
        format!(
            "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell(&[ps("Heading1", "Skills"), p("SQL"), li(1, "Pricing")]),
            cell(&[ps("Heading1", "Experience"), p("Tallybrook Payments"), p("Led KYC redesign")]),
            cell(&[p("Languages: English, French")]),
            cell(&[p("Brightwater Bank")]),
        ),
        p("After the table"),
    ]
    .concat();
    let e = extract(&docx(&body));
    let got: Vec<(&str, LineHint, bool)> =
        e.lines.iter().map(|l| (l.text.as_str(), l.hint, l.gap_before)).collect();
    assert_eq!(
        got,
        [
            ("Maya Okafor", LineHint::Heading, true),
            ("Skills", LineHint::Heading, true),
            ("SQL", LineHint::TableCell, false),
            ("Pricing", LineHint::ListItem, false),
            ("Experience", LineHint::Heading, true),
            ("Tallybrook Payments", LineHint::TableCell, false),
            ("Led KYC redesign", LineHint::TableCell, false),
            ("Languages: English, French", LineHint::TableCell, true),
            ("Brightwater Bank", LineHint::TableCell, true),
            ("After the table", LineHint::Text, true),
        ]
    );
    // The plain text separates blocks with a blank line.
    assert!(e.text.contains("Led KYC redesign\n\nLanguages: English, French"));
}

#[test]
fn entities_tabs_breaks_and_special_characters() {
    let body = [
        p("R&amp;D &lt;lead&gt; at &quot;Acme&quot; &amp; Co&apos;s caf&#233; &#x2014; done"),
        r#"<w:p><w:r><w:t>Acme Corp</w:t><w:tab/><w:t>Jan 2021 – Present</w:t></w:r></w:p>"#
            .to_owned(),
        r#"<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t><w:cr/><w:t>Line three</w:t></w:r></w:p>"#
            .to_owned(),
        r#"<w:p><w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>commerce</w:t><w:softHyphen/><w:t>platform</w:t></w:r></w:p>"#
            .to_owned(),
        r#"<w:p><w:r><w:t xml:space="preserve">  spaced   out  </w:t></w:r><w:r><w:t xml:space="preserve">text </w:t></w:r></w:p>"#
            .to_owned(),
        // Deleted text (tracked) and field instructions are not text; field results are.
        r#"<w:p><w:r><w:t>Kept</w:t></w:r><w:del w:id="3" w:author="x"><w:r><w:delText>deleted</w:delText><w:tab/></w:r></w:del><w:ins w:id="4" w:author="x"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins></w:p>"#
            .to_owned(),
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "mailto:zoe@example.com" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>zoe@example.com</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
            .to_owned(),
        r#"<w:p><w:hyperlink w:history="1"><w:r><w:t>linkedin.com/in/zoe</w:t></w:r></w:hyperlink></w:p>"#
            .to_owned(),
        // Tab stops in paragraph properties are not tabs in the text.
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr><w:r><w:t>No leading tab</w:t></w:r></w:p>"#
            .to_owned(),
        p("Zoë Łukasz — Kraków, Zürich, 東京"),
    ]
    .concat();
    let e = extract(&docx(&body));
    assert_eq!(
        texts(&e),
        [
            "R&D <lead> at \"Acme\" & Co's café — done",
            "Acme Corp Jan 2021 – Present",
            "Line one",
            "Line two",
            "Line three",
            "e-commerceplatform",
            "spaced out text",
            "Kept inserted",
            "zoe@example.com",
            "linkedin.com/in/zoe",
            "No leading tab",
            "Zoë Łukasz — Kraków, Zürich, 東京",
        ]
    );
}

#[test]
fn gaps_after_empty_paragraphs() {
    let body = [p("One"), p("Two"), "<w:p/>".to_owned(), p("Three"), p("   "), p("Four")].concat();
    let e = extract(&docx(&body));
    let gaps: Vec<(&str, bool)> = e.lines.iter().map(|l| (l.text.as_str(), l.gap_before)).collect();
    assert_eq!(gaps, [("One", false), ("Two", false), ("Three", true), ("Four", true)]);
    assert_eq!(e.text, "One\nTwo\n\nThree\n\nFour");
}

#[test]
fn text_boxes_are_read_once_after_their_paragraph() {
    let txbx = |text: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(text));
    let body = [
        p("Before"),
        format!(
            r#"<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> paragraph</w:t></w:r></w:p>"#,
            txbx("In the text box"),
            txbx("In the text box"),
        ),
        p("After"),
    ]
    .concat();
    let e = extract(&docx(&body));
    assert_eq!(texts(&e), ["Before", "Anchor paragraph", "In the text box", "After"]);
    assert!(line(&e, "In the text box").gap_before);
}

#[test]
fn headers_come_first_and_page_numbers_are_dropped() {
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com" TargetMode="External"/>
</Relationships>"#;
    let header =
        format!("<w:hdr {W}>{}{}</w:hdr>", ps("Title", "Zoë Łukasz"), p("zoe@example.com"));
    let footer = format!("<w:ftr {W}>{}{}</w:ftr>", p("Page 1 of 2"), p("References on request"));
    let bytes = docx_with(
        &[ps("Heading1", "Summary"), p("Product leader.")].concat(),
        &[
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/header1.xml", &header),
            // The first-page header repeats the default one.
            ("word/header2.xml", &header),
            ("word/footer1.xml", &footer),
        ],
    );
    let e = extract(&bytes);
    assert_eq!(
        texts(&e),
        ["Zoë Łukasz", "zoe@example.com", "Summary", "Product leader.", "References on request"]
    );
    assert_eq!(line(&e, "Zoë Łukasz").hint, LineHint::Heading);
}

#[test]
fn works_without_styles_numbering_or_rels() {
    let document = format!(
        "<w:document {W}><w:body>{}{}{}</w:body></w:document>",
        ps("Heading1", "Experience"),
        li(7, "A bullet whose numbering part is missing"),
        p("Plain")
    );
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    let e = extract(&bytes);
    let got: Vec<(&str, LineHint, f32)> =
        e.lines.iter().map(|l| (l.text.as_str(), l.hint, l.size)).collect();
    assert_eq!(
        got,
        [
            ("Experience", LineHint::Heading, 10.0),
            ("A bullet whose numbering part is missing", LineHint::ListItem, 10.0),
            ("Plain", LineHint::Text, 10.0),
        ]
    );
}

#[test]
fn run_sizes_override_styles() {
    let body = r#"<w:p><w:r><w:rPr><w:sz w:val="40"/></w:rPr><w:t>Big name</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Not bold in a heading style</w:t></w:r></w:p>"#;
    let body = format!(
        "{body}<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:rPr><w:b w:val=\"false\"/></w:rPr><w:t>Unbolded heading</w:t></w:r></w:p>"
    );
    let e = extract(&docx(&body));
    assert_eq!(line(&e, "Big name").size, 20.0);
    assert!(!line(&e, "Not bold in a heading style").bold);
    let h = line(&e, "Unbolded heading");
    assert_eq!((h.hint, h.bold, h.size), (LineHint::Heading, false, 16.0));
}

#[test]
fn main_part_named_by_the_package_relationships() {
    let rels = RELS.replace("word/document.xml", "/word/main.xml");
    let document = format!("<w:document {W}><w:body>{}</w:body></w:document>", p("From main.xml"));
    let bytes = zip_of(&[("_rels/.rels", rels.as_bytes()), ("word/main.xml", document.as_bytes())]);
    assert_eq!(texts(&extract(&bytes)), ["From main.xml"]);
}

// ----- errors -------------------------------------------------------------------------------

#[test]
fn not_a_zip_says_what_it_looks_like() {
    let limits = Limits::default();
    let e = err(b"%PDF-1.7\n1 0 obj <<>> endobj", &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    assert!(e.message.contains("PDF"), "{}", e.message);
    assert_eq!(e.file, "cv.docx");

    let e = err("Maya Okafor\nSenior Product Manager\n".as_bytes(), &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    assert!(e.message.contains("plain text"), "{}", e.message);

    let e = err(b"{\\rtf1\\ansi Maya}", &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    assert!(e.message.contains("RTF"));

    let e = err(b"<!DOCTYPE html><html><body>Maya</body></html>", &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);

    let e = err(&[0x00, 0xFF, 0x13, 0x37, 0x00, 0x80, 0x81], &limits);
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("not a Word document"));

    assert_eq!(err(b"", &limits).kind, ErrorKind::Empty);
}

#[test]
fn zip_without_a_document() {
    let limits = Limits::default();
    let e = err(&zip_of(&[("notes.txt", b"hello")]), &limits);
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("word/document.xml"), "{}", e.message);

    let e = err(&zip_of(&[("xl/workbook.xml", b"<workbook/>")]), &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    assert!(e.message.contains("Excel"));

    let e = err(&zip_of(&[("Basic/Positions.csv", b"Company Name\n")]), &limits);
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    assert!(e.message.contains("LinkedIn"));

    // An empty zip.
    let e = err(&zip_of(&[]), &limits);
    assert_eq!(e.kind, ErrorKind::Corrupt);
}

#[test]
fn ole_files_are_encrypted_docx_or_old_doc() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let e = err(&ole, &Limits::default());
    assert_eq!(e.kind, ErrorKind::Encrypted);
    assert!(e.message.contains("password-protected"), "{}", e.message);

    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(err(&encrypted, &Limits::default()).kind, ErrorKind::Encrypted);

    let mut doc = ole.clone();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let e = err(&doc, &Limits::default());
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("97"), "{}", e.message);
}

#[test]
fn truncated_and_damaged() {
    let good = docx(&[ps("Heading1", "Experience"), p("Text")].concat());
    for cut in [good.len() / 2, good.len() - 10, 30] {
        let e = err(&good[..cut], &Limits::default());
        assert_eq!(e.kind, ErrorKind::Corrupt, "cut at {cut}: {e:?}");
    }
    // Malformed XML: a mismatched end tag, and a document cut short.
    for xml in [
        format!("<w:document {W}><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"),
        format!("<w:document {W}><w:body><w:p><w:r><w:t>cut here"),
    ] {
        let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
        let e = err(&bytes, &Limits::default());
        assert_eq!(e.kind, ErrorKind::Corrupt, "{e:?}");
        assert_eq!(e.file, "cv.docx!word/document.xml");
    }
    // Damaged styles only cost the styles: the text is still read, with a warning.
    let document = format!("<w:document {W}><w:body>{}</w:body></w:document>", p("Still here"));
    let bytes = zip_of(&[
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", b"<w:styles><w:style></w:styles>"),
    ]);
    let e = extract(&bytes);
    assert_eq!(texts(&e), ["Still here"]);
    assert!(e.warnings.iter().any(|w| w.contains("styles")), "{:?}", e.warnings);
}

#[test]
fn empty_and_image_only_documents() {
    let e = err(&docx(&[p(""), "<w:p/>".to_owned()].concat()), &Limits::default());
    assert_eq!(e.kind, ErrorKind::Empty);
    let pic = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"/></w:drawing></w:r></w:p>"#;
    let e = err(&docx(pic), &Limits::default());
    assert_eq!(e.kind, ErrorKind::ImageOnly);
}

/// A zip whose `word/document.xml` is `size` bytes of one repeated character: compresses
/// about 1000:1.
fn bomb(size: usize) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zw.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        zw.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    zw.finish().unwrap().into_inner()
}

/// Rewrites the uncompressed size of every entry, in the local and central headers, to `size`.
fn lie_about_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(30) {
        let at = match &zip[i..i + 4] {
            [0x50, 0x4B, 0x03, 0x04] => i + 22,
            [0x50, 0x4B, 0x01, 0x02] => i + 24,
            _ => continue,
        };
        zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
        patched += 1;
    }
    assert_eq!(patched, 2, "one local and one central header");
    zip
}

#[test]
fn zip_bomb_declared_honestly() {
    let bytes = bomb(100 << 20);
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    // Refused before anything is inflated: by the ratio with the default limits…
    let e = err(&bytes, &Limits::default());
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.file, "cv.docx!word/document.xml");
    assert!(e.message.contains("zip bomb"), "{}", e.message);
    // …and by the size when the ratio would allow it.
    let limits =
        Limits { max_zip_uncompressed: 10 << 20, max_zip_ratio: 100_000, ..Limits::default() };
    let e = err(&bytes, &limits);
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(e.message.contains("limit"), "{}", e.message);
}

#[test]
fn zip_bomb_with_a_lying_size_header() {
    // Declares 1 KB, holds 20 MB: stopped as soon as the data runs past what was declared.
    let bytes = lie_about_size(bomb(20 << 20), 1024);
    let e = err(&bytes, &Limits::default());
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e:?}");
    assert!(e.message.contains("declares"), "{}", e.message);
}

#[test]
fn limits_on_entries_and_file_size() {
    let names: Vec<String> = (0..30).map(|i| format!("word/media/image{i}.png")).collect();
    let mut parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let document = format!("<w:document {W}><w:body>{}</w:body></w:document>", p("x"));
    parts.push(("word/document.xml", document.as_bytes()));
    let bytes = zip_of(&parts);
    let e = err(&bytes, &Limits { max_zip_entries: 20, ..Limits::default() });
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(e.message.contains("31 entries"), "{}", e.message);
    let e = err(&bytes, &Limits { max_file_bytes: 100, ..Limits::default() });
    assert_eq!(e.kind, ErrorKind::TooLarge);
    // Within the limits it reads.
    assert_eq!(texts(&extract(&bytes)), ["x"]);
}

#[test]
fn garbage_never_panics() {
    // Mutations of a valid document: every byte flipped in turn in the first 2 KB.
    let good = docx(&[ps("Title", "Zoë"), li(1, "A &amp; B"), p("C")].concat());
    for i in (0..good.len().min(2048)).step_by(7) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        let _ = extract_docx("x.docx", &bad, &Limits::default());
    }
    for xml in ["", "<", "<w:p>", "&amp;", "<?xml?>", "<a><b></a>", "<w:t>&#xFFFFFFF;</w:t>"] {
        let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
        let _ = extract_docx("x.docx", &bytes, &Limits::default());
    }
}

// ----- the committed fixture -----------------------------------------------------------------

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx/pm-resume.docx");

/// An invented product manager's resume, as Word would save it: heading styles, bullets through
/// numbering, a tab between place and dates, and dates in three forms.
fn pm_resume() -> Vec<u8> {
    let role = |title: &str, place: &str, dates: &str, bullets: &[&str]| {
        let mut s = ps("Heading2", title);
        s.push_str(&format!(
            r#"<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>{place}</w:t><w:tab/><w:t>{dates}</w:t></w:r></w:p>"#
        ));
        for b in bullets {
            s.push_str(&ps("ListBullet", b));
        }
        s
    };
    let body = [
        ps("Title", "Maya Okafor"),
        p("Senior Product Manager · London, UK · maya.okafor@example.com · +44 20 7946 0321"),
        ps("Heading1", "Summary"),
        p("Product manager with eight years in payments and retail banking, moving into a Director of Product role. I run three squads and a $4.1M budget."),
        ps("Heading1", "Experience"),
        role(
            "Senior Product Manager, Card Issuing — Tallybrook Payments",
            "London",
            "Jan 2021 – Present",
            &[
                "Cut card activation from 48 hours to 6 by replacing manual KYC review with a risk-tiered flow.",
                "Launched virtual cards in 4 EU markets in 7 months, adding €2.8M in ARR.",
                "Hired and coached two product managers; both now own their roadmaps.",
            ],
        ),
        role(
            "Product Manager, Onboarding — Tallybrook Payments",
            "London",
            "2019–2021",
            &[
                "Raised business-account application completion from 41% to 63%.",
                "Replaced a vendor ID check with an in-house scanner, saving $380k a year.",
            ],
        ),
        role(
            "Product Manager — Brightwater Bank",
            "Manchester",
            "Sep 2016 – Dec 2018",
            &[
                "Shipped in-app savings goals used by 210,000 customers within a year.",
                "Ran 30 customer interviews a quarter with design, R&amp;D and data science.",
            ],
        ),
        ps("Heading1", "Education"),
        p("BSc Economics, University of Warwick, 2014"),
        ps("Heading1", "Certifications"),
        p("Certified Scrum Product Owner (CSPO), 03/2020"),
        ps("Heading1", "Skills"),
        p("Payments and card issuing · KYC/AML · Pricing · SQL, Looker, Amplitude · Experimentation"),
    ]
    .concat();
    docx(&body)
}

#[test]
#[ignore = "writes the committed fixture; run when pm_resume() changes"]
fn regenerate_pm_resume_fixture() {
    std::fs::create_dir_all(std::path::Path::new(FIXTURE).parent().unwrap()).unwrap();
    std::fs::write(FIXTURE, pm_resume()).unwrap();
}

#[test]
fn pm_resume_fixture() {
    let bytes = std::fs::read(FIXTURE).expect("fixture: run the ignored regenerate test");
    let e = extract(&bytes);
    let got: Vec<(&str, LineHint)> = e.lines.iter().map(|l| (l.text.as_str(), l.hint)).collect();
    use LineHint::{Heading as H, ListItem as L, Text as T};
    assert_eq!(
        got,
        [
            ("Maya Okafor", H),
            ("Senior Product Manager · London, UK · maya.okafor@example.com · +44 20 7946 0321", T),
            ("Summary", H),
            (
                "Product manager with eight years in payments and retail banking, moving into a Director of Product role. I run three squads and a $4.1M budget.",
                T
            ),
            ("Experience", H),
            ("Senior Product Manager, Card Issuing — Tallybrook Payments", H),
            ("London Jan 2021 – Present", T),
            (
                "Cut card activation from 48 hours to 6 by replacing manual KYC review with a risk-tiered flow.",
                L
            ),
            ("Launched virtual cards in 4 EU markets in 7 months, adding €2.8M in ARR.", L),
            ("Hired and coached two product managers; both now own their roadmaps.", L),
            ("Product Manager, Onboarding — Tallybrook Payments", H),
            ("London 2019–2021", T),
            ("Raised business-account application completion from 41% to 63%.", L),
            ("Replaced a vendor ID check with an in-house scanner, saving $380k a year.", L),
            ("Product Manager — Brightwater Bank", H),
            ("Manchester Sep 2016 – Dec 2018", T),
            ("Shipped in-app savings goals used by 210,000 customers within a year.", L),
            ("Ran 30 customer interviews a quarter with design, R&D and data science.", L),
            ("Education", H),
            ("BSc Economics, University of Warwick, 2014", T),
            ("Certifications", H),
            ("Certified Scrum Product Owner (CSPO), 03/2020", T),
            ("Skills", H),
            (
                "Payments and card issuing · KYC/AML · Pricing · SQL, Looker, Amplitude · Experimentation",
                T
            ),
        ]
    );
    assert_eq!(line(&e, "Maya Okafor").size, 28.0);
    assert!(line(&e, "Experience").bold);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    // The committed file is what the generator writes.
    assert_eq!(extract(&pm_resume()).lines, e.lines);
}
