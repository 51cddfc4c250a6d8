//! Resumes through the one sectioner: the same person in Markdown, PDF and DOCX gives the same
//! structure; JSON Resume round trips and validates against the official schema.

use pivot_import::jsonresume::{export_json_resume, import_json_resume};
use pivot_import::{As, Imported, Limits, Resume, Source, import};
use serde_json::Value;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn schema(name: &str) -> Value {
    let text =
        std::fs::read_to_string(format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn resume_of(path: &str) -> (Source, Resume) {
    match import(path, &fixture(path), As::Auto, &Limits::default()).unwrap() {
        Imported::Resume { source, resume, .. } => (source, *resume),
        other => panic!("{path} read as {other:?}"),
    }
}

/// What every format must agree on for Maya Okafor's resume.
fn assert_maya(path: &str, r: &Resume) {
    assert_eq!(r.basics.name.as_deref(), Some("Maya Okafor"), "{path}");
    assert_eq!(r.basics.email.as_deref(), Some("maya.okafor@example.com"), "{path}");
    assert!(r.basics.summary.as_deref().unwrap_or("").contains("nine years in payments"), "{path}");
    type Role<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>, usize);
    let roles: Vec<Role> = r
        .work
        .iter()
        .map(|w| {
            (
                w.position.as_deref(),
                w.name.as_deref(),
                w.start_date.as_deref(),
                w.end_date.as_deref(),
                w.highlights.len(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            (Some("Senior Product Manager"), Some("Northwind Pay"), Some("2021-01"), None, 4),
            (Some("Product Manager"), Some("Contoso Bank"), Some("2018-03"), Some("2020-12"), 3),
            (
                Some("Associate Product Manager"),
                Some("Fabrikam Insurance"),
                Some("2016"),
                Some("2018"),
                2
            ),
            (
                Some("Business Analyst"),
                Some("Tailspin Consulting"),
                Some("2014-09"),
                Some("2016-07"),
                2
            ),
        ],
        "{path}"
    );
    assert!(r.work[0].highlights[1].text.starts_with("Led a group of 3 PMs"), "{path}");
    let first = r.work[0].highlights[0].source.as_ref().expect("bullets point at their source");
    assert!(first.line.is_some() && first.span.is_some(), "{path}");
    assert_eq!(r.education.len(), 2, "{path}");
    assert_eq!(r.education[0].institution.as_deref(), Some("University of Manchester"), "{path}");
    assert_eq!(r.education[0].end_date.as_deref(), Some("2014"), "{path}");
    let groups: Vec<&str> = r.skills.iter().filter_map(|s| s.name.as_deref()).collect();
    assert_eq!(groups, ["Product", "Data", "Domain"], "{path}");
    assert_eq!(r.skills[0].keywords.len(), 5, "{path}");
    assert_eq!(r.certificates.len(), 2, "{path}");
    assert_eq!(r.certificates[1].date.as_deref(), Some("2017-03"), "{path}");
}

#[test]
fn markdown_resume_is_structured() {
    let (source, r) = resume_of("resume/pm-resume.md");
    assert_eq!(source, Source::Markdown);
    assert_maya("md", &r);
    assert_eq!(r.interests.len(), 1, "Hobbies is a known section");
}

#[test]
fn pdf_and_markdown_agree() {
    let (source, r) = resume_of("pdf/pm-resume.pdf");
    assert_eq!(source, Source::Pdf);
    assert_maya("pdf", &r);
}

#[test]
fn docx_resume_is_structured() {
    let (source, r) = resume_of("docx/pm-resume.docx");
    assert_eq!(source, Source::Docx);
    assert_eq!(r.basics.name.as_deref(), Some("Maya Okafor"));
    type Role<'a> = (
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        usize,
    );
    let roles: Vec<Role> = r
        .work
        .iter()
        .map(|w| {
            (
                w.position.as_deref(),
                w.name.as_deref(),
                w.location.as_deref(),
                w.start_date.as_deref(),
                w.end_date.as_deref(),
                w.highlights.len(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            (
                Some("Senior Product Manager, Card Issuing"),
                Some("Tallybrook Payments"),
                Some("London"),
                Some("2021-01"),
                None,
                3
            ),
            (
                Some("Product Manager, Onboarding"),
                Some("Tallybrook Payments"),
                Some("London"),
                Some("2019"),
                Some("2021"),
                2
            ),
            (
                Some("Product Manager"),
                Some("Brightwater Bank"),
                Some("Manchester"),
                Some("2016-09"),
                Some("2018-12"),
                2
            ),
        ]
    );
    assert_eq!(r.education[0].institution.as_deref(), Some("University of Warwick"));
    assert_eq!(r.certificates[0].date.as_deref(), Some("2020-03"));
    assert!(r.skills.iter().any(|s| s.name.as_deref() == Some("KYC/AML")));
}

#[test]
fn plain_text_resume_with_bullet_characters() {
    let text = "Maya Okafor\nSenior PM\n\nEXPERIENCE\n\nSenior Product Manager, Northwind Pay | Jan 2021 – Present\n• Grew the loan book from £40M to £310M\n• Led 3 PMs\n\nEDUCATION\n\nBSc Economics, University of Lagos, 2009–2013\n";
    let Imported::Resume { resume: r, .. } =
        import("cv.txt", text.as_bytes(), As::Auto, &Limits::default()).unwrap()
    else {
        panic!()
    };
    assert_eq!(r.work.len(), 1);
    assert_eq!(r.work[0].name.as_deref(), Some("Northwind Pay"));
    assert_eq!(r.work[0].highlights.len(), 2);
    assert_eq!(r.education[0].institution.as_deref(), Some("University of Lagos"));
}

#[test]
fn unknown_sections_are_listed_not_dropped() {
    let text = "# Ana\n\n## Experience\n\n### PM — Acme (2020–2022)\n\n- Grew ARR 40%\n\n## Side Quests\n\nClimbed Kilimanjaro\n";
    let Imported::Resume { resume: r, .. } =
        import("a.md", text.as_bytes(), As::Auto, &Limits::default()).unwrap()
    else {
        panic!()
    };
    let unplaced: Vec<&str> = r.unplaced.iter().map(|u| u.text.as_str()).collect();
    assert!(
        unplaced.contains(&"Side Quests") && unplaced.contains(&"Climbed Kilimanjaro"),
        "{unplaced:?}"
    );
}

fn validate(schema_name: &str, value: &Value) {
    let schema = schema(schema_name);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_resume_round_trip_loses_nothing_the_schema_defines() {
    for name in ["sample.resume.json", "career-changer.resume.json"] {
        let text = std::fs::read_to_string(format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        let resume = import_json_resume(name, &text).unwrap();
        let exported = export_json_resume(&resume);
        assert_eq!(exported, original, "{name}");
        validate("schema.json", &exported);
    }
}

#[test]
fn exports_of_imported_resumes_validate_against_the_schema() {
    for path in ["resume/pm-resume.md", "pdf/pm-resume.pdf", "docx/pm-resume.docx"] {
        let (_, r) = resume_of(path);
        validate("schema.json", &export_json_resume(&r));
    }
}

#[test]
fn wrong_extension_and_bad_input_are_named() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("resume.pdf", b"just some text", "has the extension .pdf but its content is text"),
        ("resume.md", b"%PDF-1.4 binary", "has the extension .md but its content is a PDF"),
        ("resume.txt", b"PK\x03\x04zipzip", "its content is a zip"),
        ("resume.doc", b"\xD0\xCF\x11\xE0", "old Word (.doc)"),
        ("resume.json", b"{\"basics\": ", "is not valid JSON (line 1, column 11)"),
        ("empty.md", b"  \n ", "is empty"),
    ];
    for (file, bytes, want) in cases {
        let err = import(file, bytes, As::Auto, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains(want), "{file}: {err}");
        assert!(err.to_string().starts_with(file), "{err}");
    }
    let limits = Limits { max_file_bytes: 10, ..Limits::default() };
    let err = import("big.md", b"more than ten bytes here", As::Auto, &limits).unwrap_err();
    assert_eq!(err.kind, pivot_import::ErrorKind::TooLarge);
}

#[test]
fn windows_1252_and_utf16_text_are_converted_with_a_warning() {
    let Imported::Resume { resume, warnings, .. } =
        import("cv.txt", b"Jos\xe9 Ib\xe1rra\nProduct Manager\n", As::Auto, &Limits::default())
            .unwrap()
    else {
        panic!()
    };
    assert_eq!(resume.basics.name.as_deref(), Some("José Ibárra"));
    assert!(warnings[0].contains("Windows-1252"), "{warnings:?}");
}
