//! The LinkedIn export reader: the committed export folder (an invented person), the same as a
//! zip, and the ways real exports vary.

use std::io::{Cursor, Write};
use std::path::Path;

use pivot_import::linkedin::{import_linkedin_files, import_linkedin_zip, parse_linkedin_date};
use pivot_import::{ErrorKind, ImportError, Limits, Resume};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

const FOLDER: &str = "Basic_LinkedInDataExport";

/// The committed export's files, named as in the zip LinkedIn sends (inside its folder).
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linkedin").join(FOLDER);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                format!("{FOLDER}/{}", e.file_name().to_string_lossy()),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zw.start_file(name.as_str(), opts).unwrap();
        zw.write_all(bytes).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

/// `(name, text)` pairs as files.
fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    list.iter().map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec())).collect()
}

fn import(list: &[(String, Vec<u8>)]) -> Resume {
    match import_linkedin_files("export.zip", list, &Limits::default()) {
        Ok(r) => r,
        Err(e) => panic!("{e:?}"),
    }
}

fn import_err(list: &[(String, Vec<u8>)], limits: &Limits) -> ImportError {
    match import_linkedin_files("export.zip", list, limits) {
        Ok(r) => panic!("expected an error, got {r:?}"),
        Err(e) => e,
    }
}

const CONNECTIONS_NOTES: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting. You can learn more here\"\n\n";

/// An export of `n` connections, built in memory (for the benchmark of large exports).
fn big_export(n: usize) -> Vec<(String, Vec<u8>)> {
    let companies = ["Quillpay", "Fernleaf Bank", "Atlas Ledger", "\"Harbor & Finch, Ltd.\""];
    let months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut csv = String::with_capacity(n * 140);
    csv.push_str(CONNECTIONS_NOTES);
    csv.push_str("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..n {
        let email = if i % 4 == 0 { String::new() } else { format!("person{i}@example.com") };
        csv.push_str(&format!(
            "Person{i},Surname{},https://www.linkedin.com/in/person-{i:x},{email},{},Product Manager {},{:02} {} {}\n",
            i % 97,
            companies[i % companies.len()],
            i % 5,
            i % 28 + 1,
            months[i % 12],
            2010 + i % 15,
        ));
    }
    let profile = "First Name,Last Name,Headline\nMaya,Okafor,Senior Product Manager\n";
    vec![
        ("Basic/Profile.csv".to_owned(), profile.as_bytes().to_vec()),
        ("Basic/Connections.csv".to_owned(), csv.into_bytes()),
    ]
}

#[test]
fn committed_export_folder() {
    let r = import(&fixture_files());
    let b = &r.basics;
    assert_eq!(b.name.as_deref(), Some("Maya Okafor"));
    assert_eq!(
        b.label.as_deref(),
        Some("Senior Product Manager at Tallybrook Payments | Card issuing, KYC, payments")
    );
    let summary = b.summary.as_deref().unwrap();
    assert!(summary.starts_with("I own Tallybrook Payments' card-issuing platform"));
    assert!(summary.contains("\n\nBefore that"), "paragraphs kept: {summary:?}");
    let loc = b.location.as_ref().unwrap();
    assert_eq!(
        (loc.city.as_deref(), loc.region.as_deref(), loc.country_code.as_deref()),
        (Some("London"), Some("England"), Some("GB"))
    );
    assert_eq!(b.email.as_deref(), Some("maya.okafor@example.com"), "the primary address");
    assert_eq!(b.phone.as_deref(), Some("+44 20 7946 0321"));
    assert_eq!(b.url.as_deref(), Some("https://maya-okafor.example"));
    let profiles: Vec<(Option<&str>, Option<&str>, Option<&str>)> = b
        .profiles
        .iter()
        .map(|p| (p.network.as_deref(), p.username.as_deref(), p.url.as_deref()))
        .collect();
    assert_eq!(
        profiles,
        [
            (Some("Company"), None, Some("https://tallybrook.example")),
            (Some("Twitter"), Some("mayaokafor_pm"), None)
        ]
    );

    // Positions: three roles, newest first as exported, descriptions split into highlights.
    assert_eq!(r.work.len(), 3);
    /// Company, title, start, end, highlight count.
    type Role<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, usize);
    let roles: Vec<Role<'_>> = r
        .work
        .iter()
        .map(|w| {
            (
                w.name.as_deref().unwrap(),
                w.position.as_deref().unwrap(),
                w.start_date.as_deref(),
                w.end_date.as_deref(),
                w.highlights.len(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            (
                "Tallybrook Payments",
                "Senior Product Manager, Card Issuing",
                Some("2021-03"),
                None,
                4
            ),
            (
                "Tallybrook Payments",
                "Product Manager, Onboarding",
                Some("2019-06"),
                Some("2021-02"),
                3
            ),
            ("Brightwater Bank", "Product Manager", Some("2016-09"), Some("2019-05"), 3),
        ]
    );
    let senior = &r.work[0];
    assert_eq!(senior.location.as_deref(), Some("London, England, United Kingdom"));
    assert_eq!(
        senior.highlights[1].text,
        "Launched virtual cards in 4 EU markets in 7 months, adding €2.8M in ARR."
    );
    assert_eq!(
        r.work[2].highlights.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
        [
            "Shipped in-app savings goals used by 210,000 customers",
            "Moved the mobile team to fortnightly releases",
            "Ran 30 customer interviews a quarter"
        ]
    );
    // Every item points at its file and the line its row starts on (descriptions span lines).
    let source = senior.source.as_ref().unwrap();
    assert_eq!(source.file, "export.zip!Basic_LinkedInDataExport/Positions.csv");
    let lines: Vec<Option<u32>> =
        r.work.iter().map(|w| w.source.as_ref().and_then(|s| s.line)).collect();
    assert_eq!(lines, [Some(2), Some(6), Some(10)]);
    assert_eq!(senior.highlights[0].source.as_ref(), Some(source));

    assert_eq!(r.education.len(), 2);
    let warwick = &r.education[0];
    assert_eq!(warwick.institution.as_deref(), Some("University of Warwick"));
    assert_eq!(warwick.study_type.as_deref(), Some("BSc Economics"));
    assert_eq!(
        (warwick.start_date.as_deref(), warwick.end_date.as_deref()),
        (Some("2011"), Some("2014"))
    );
    assert_eq!(r.education[1].institution.as_deref(), Some("Queen's College, Lagos"));

    assert_eq!(r.skills.len(), 15);
    assert_eq!(r.skills[4].name.as_deref(), Some("Anti-Money Laundering (AML)"));

    assert_eq!(r.projects.len(), 2);
    let cards = &r.projects[0];
    assert_eq!(cards.name.as_deref(), Some("Virtual cards EU launch"));
    assert_eq!(cards.highlights.len(), 2);
    assert_eq!(
        (cards.start_date.as_deref(), cards.end_date.as_deref()),
        (Some("2022-01"), Some("2022-08"))
    );
    assert_eq!(cards.url.as_deref(), Some("https://tallybrook.example/virtual-cards"));
    let triage = &r.projects[1];
    assert!(triage.highlights.is_empty(), "a one-line description is prose");
    assert!(triage.description.as_deref().unwrap().starts_with("Ranked disputes"));
    assert_eq!((triage.start_date.as_deref(), triage.end_date.as_deref()), (Some("2023-03"), None));

    let certs: Vec<(&str, &str, Option<&str>)> = r
        .certificates
        .iter()
        .map(|c| (c.name.as_deref().unwrap(), c.issuer.as_deref().unwrap(), c.date.as_deref()))
        .collect();
    assert_eq!(
        certs,
        [
            ("Product Leadership", "Reforge", Some("2023-04")),
            ("Certified Scrum Product Owner (CSPO)", "Scrum Alliance", Some("2020-03")),
        ]
    );

    let langs: Vec<(&str, &str)> = r
        .languages
        .iter()
        .map(|l| (l.language.as_deref().unwrap(), l.fluency.as_deref().unwrap()))
        .collect();
    assert_eq!(langs[0], ("English", "Native or bilingual proficiency"));
    assert_eq!(langs.len(), 3);

    // Connections: the Notes preamble skipped, 50 contacts, some without e-mail.
    assert_eq!(r.contacts.len(), 50);
    let with_email = r.contacts.iter().filter(|c| c.email.is_some()).count();
    assert_eq!((with_email, 50 - with_email), (33, 17));
    let first = &r.contacts[0];
    assert_eq!((first.first_name.as_str(), first.last_name.as_str()), ("Amara", "Adeyemi"));
    assert_eq!(first.email.as_deref(), Some("amara.adeyemi@example.com"));
    assert_eq!(first.company.as_deref(), Some("Quillpay"));
    assert_eq!(first.position.as_deref(), Some("Director of Product"));
    assert_eq!(first.connected_on.as_deref(), Some("2015-01-01"));
    assert_eq!(first.url.as_deref(), Some("https://www.linkedin.com/in/amara-adeyemi-3e8"));
    assert_eq!(
        first.source.as_ref().unwrap().line,
        Some(5),
        "after the 3-line preamble and header"
    );
    assert!(r.contacts[1].email.is_none());
    let harbor = r.contacts.iter().find(|c| c.first_name == "Rosa").unwrap();
    assert_eq!(harbor.company.as_deref(), Some("Harbor & Finch, Ltd."));
    let multi = r.contacts.iter().find(|c| c.first_name == "Ximena").unwrap();
    assert_eq!(multi.position.as_deref(), Some("Director of Product Payments Platform"));
    // The contact after the multi-line position starts a line later.
    let after = r.contacts.iter().find(|c| c.first_name == "Yusuf").unwrap();
    assert_eq!(
        after.source.as_ref().unwrap().line,
        multi.source.as_ref().unwrap().line.map(|l| l + 2)
    );
    let target =
        |company: &str| r.contacts.iter().filter(|c| c.company.as_deref() == Some(company)).count();
    assert!(target("Quillpay") >= 5 && target("Fernleaf Bank") >= 5);
    assert!(r.contacts.iter().all(|c| c.connected_on.is_some()));

    // What was not placed: the files Pivot does not read, and the education activities.
    let unplaced: Vec<(&str, &str)> =
        r.unplaced.iter().map(|u| (u.text.as_str(), u.reason.as_str())).collect();
    assert!(
        unplaced.contains(&(
            "Basic_LinkedInDataExport/Invitations.csv",
            "a LinkedIn export file Pivot does not read"
        )),
        "{unplaced:?}"
    );
    assert!(
        unplaced
            .iter()
            .any(|(t, r)| *t == "Investment Society, Rowing Club" && r.contains("activities"))
    );
    assert_eq!(r.unplaced.len(), 2, "{unplaced:?}");
}

#[test]
fn committed_export_as_a_zip() {
    let files = fixture_files();
    let from_zip = import_linkedin_zip("export.zip", &zip_of(&files), &Limits::default()).unwrap();
    assert_eq!(from_zip, import(&files));
    assert_eq!(from_zip.contacts.len(), 50);
}

#[test]
fn reordered_renamed_and_extra_columns() {
    let positions = "Finished On , STARTED ON,Extra Column,title,  Company Name  ,Description\n\
                     ,Jan 2020,x,Head of Product,Quillpay,Built the team\n";
    let connections = "Connected On,Position,Company,URL,Last Name,First Name,Email Address,Tags\n\
                       03/12/21,CPO,Atlas Ledger,https://www.linkedin.com/in/x,Chen,Wen,wen@example.com,vip\n";
    let r = import(&files(&[("Positions.csv", positions), ("Connections.csv", connections)]));
    let w = &r.work[0];
    assert_eq!(w.name.as_deref(), Some("Quillpay"));
    assert_eq!(w.position.as_deref(), Some("Head of Product"));
    assert_eq!((w.start_date.as_deref(), w.end_date.as_deref()), (Some("2020-01"), None));
    assert_eq!(w.highlights[0].text, "Built the team");
    let c = &r.contacts[0];
    assert_eq!((c.first_name.as_str(), c.last_name.as_str()), ("Wen", "Chen"));
    assert_eq!(c.connected_on.as_deref(), Some("2021-03-12"));
    assert_eq!(c.email.as_deref(), Some("wen@example.com"));
}

#[test]
fn connections_without_the_email_column() {
    let connections = format!(
        "{CONNECTIONS_NOTES}First Name,Last Name,URL,Company,Position,Connected On\n\
         Amara,Adeyemi,https://www.linkedin.com/in/a,Quillpay,VP Product,12 Mar 2021\n\
         ,,,,,14 Mar 2021\n\
         Ben,Brooks,https://www.linkedin.com/in/b,,,\n"
    );
    let r = import(&files(&[("Connections.csv", &connections)]));
    // The blank row LinkedIn writes for a hidden member is skipped.
    assert_eq!(r.contacts.len(), 2);
    assert!(r.contacts.iter().all(|c| c.email.is_none()));
    assert_eq!(r.contacts[0].connected_on.as_deref(), Some("2021-03-12"));
    assert_eq!(r.contacts[1].company, None);
    assert_eq!(r.contacts[1].connected_on, None);
}

#[test]
fn missing_profile_and_other_files() {
    let list: Vec<(String, Vec<u8>)> =
        fixture_files().into_iter().filter(|(n, _)| !n.ends_with("/Profile.csv")).collect();
    let r = import(&list);
    assert_eq!(r.basics.name, None);
    assert_eq!(r.basics.email.as_deref(), Some("maya.okafor@example.com"));
    assert_eq!(r.work.len(), 3);
    assert_eq!(r.contacts.len(), 50);

    // Only Skills: still an export.
    let r = import(&files(&[("Skills.csv", "Name\nSQL\nsql\nPricing\n")]));
    assert_eq!(r.skills.len(), 2, "duplicates dropped");
}

#[test]
fn crlf_and_bom() {
    let positions = "\u{feff}Company Name,Title,Description,Location,Started On,Finished On\r\n\
                     Quillpay,Director of Product,\"• Grew revenue 20%\r\n• Hired 4 PMs\r\n\",Remote,Mar 2021,\r\n\
                     Fernleaf Bank,Senior PM,,London,2019,Feb 2021\r\n";
    let r = import(&files(&[("Positions.csv", positions)]));
    assert_eq!(r.work.len(), 2);
    let texts: Vec<&str> = r.work[0].highlights.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, ["Grew revenue 20%", "Hired 4 PMs"]);
    assert_eq!(r.work[1].start_date.as_deref(), Some("2019"));
    assert_eq!(r.work[1].source.as_ref().unwrap().line, Some(5));
    assert!(r.work.iter().all(|w| w.name.as_deref().is_some_and(|n| !n.contains('\u{feff}'))));

    // A BOM before a preamble, too.
    let connections = format!(
        "\u{feff}{}First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nA,B,,,,,01 Feb 2020\r\n",
        CONNECTIONS_NOTES.replace('\n', "\r\n")
    );
    let r = import(&files(&[("Connections.csv", &connections)]));
    assert_eq!(r.contacts[0].connected_on.as_deref(), Some("2020-02-01"));
}

#[test]
fn windows_1252_names() {
    let mut connections =
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n".to_vec();
    connections
        .extend_from_slice(b"Ren\xe9,M\xfcller,,,Soci\xe9t\xe9 G\xe9n\xe9rale,PM,12 Mar 2021\n");
    let r = import(&[("Connections.csv".to_owned(), connections)]);
    let c = &r.contacts[0];
    assert_eq!((c.first_name.as_str(), c.last_name.as_str()), ("René", "Müller"));
    assert_eq!(c.company.as_deref(), Some("Société Générale"));
}

#[test]
fn too_many_rows() {
    let limits = Limits { max_csv_rows: 100, ..Limits::default() };
    let e = import_err(&big_export(101), &limits);
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.file, "export.zip!Basic/Connections.csv");
    assert!(e.message.contains("100 rows"), "{}", e.message);
    // Exactly at the limit is fine.
    let r = import_linkedin_files("export.zip", &big_export(100), &limits).unwrap();
    assert_eq!(r.contacts.len(), 100);
}

#[test]
fn five_thousand_connections() {
    let export = big_export(5_000);
    let r = import(&export);
    assert_eq!(r.contacts.len(), 5_000);
    assert_eq!(r.contacts.iter().filter(|c| c.email.is_none()).count(), 1_250);
    assert_eq!(r.contacts[3].company.as_deref(), Some("Harbor & Finch, Ltd."));
    assert_eq!(r.contacts[4_999].first_name, "Person4999");
    // And through a zip.
    let r = import_linkedin_zip("export.zip", &zip_of(&export), &Limits::default()).unwrap();
    assert_eq!(r.contacts.len(), 5_000);
}

/// A zip holding Positions.csv of `size` spaces, after a valid header.
fn csv_bomb(size: usize) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zw.start_file("Positions.csv", opts).unwrap();
    zw.write_all(b"Company Name,Title\n").unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size / chunk.len() {
        zw.write_all(&chunk).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

#[test]
fn zip_bomb_entries() {
    let bomb = csv_bomb(100 << 20);
    let e = import_linkedin_zip("export.zip", &bomb, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.file, "export.zip!Positions.csv");
    let limits =
        Limits { max_zip_uncompressed: 1 << 20, max_zip_ratio: 1 << 20, ..Limits::default() };
    let e = import_linkedin_zip("export.zip", &bomb, &limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);

    // The same with a size header that says 1 KB.
    let mut lying = csv_bomb(8 << 20);
    let mut patched = 0;
    for i in 0..lying.len() - 30 {
        let at = match &lying[i..i + 4] {
            [0x50, 0x4B, 0x03, 0x04] => i + 22,
            [0x50, 0x4B, 0x01, 0x02] => i + 24,
            _ => continue,
        };
        lying[at..at + 4].copy_from_slice(&1024u32.to_le_bytes());
        patched += 1;
    }
    assert_eq!(patched, 2);
    let e = import_linkedin_zip("export.zip", &lying, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge, "{e:?}");

    let e = import_linkedin_zip(
        "export.zip",
        &zip_of(&fixture_files()),
        &Limits { max_zip_entries: 5, ..Limits::default() },
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
}

#[test]
fn not_an_export() {
    let e = import_linkedin_zip(
        "photos.zip",
        &zip_of(&files(&[("a.jpg", "x"), ("notes.csv", "a,b\n")])),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
    assert!(e.message.contains("does not look like a LinkedIn export"), "{}", e.message);
    assert!(e.message.contains("Profile.csv, Positions.csv, Connections.csv"));

    let e =
        import_linkedin_zip("Connections.csv", b"First Name,Last Name\nA,B\n", &Limits::default())
            .unwrap_err();
    assert_eq!(e.kind, ErrorKind::WrongExtension);
    let e = import_linkedin_zip("x.zip", &[0x00, 0x01, 0x02], &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    let e = import_linkedin_zip("x.zip", b"PK\x03\x04 truncated", &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert_eq!(
        import_linkedin_zip("x.zip", b"", &Limits::default()).unwrap_err().kind,
        ErrorKind::Empty
    );

    // A known file that is binary: named in the error.
    let e = import_err(&[("Profile.csv".to_owned(), vec![0, 1, 2, 0])], &Limits::default());
    assert_eq!(e.file, "export.zip!Profile.csv");
}

#[test]
fn odd_files_are_listed_not_fatal() {
    let r = import(&files(&[
        ("export/Skills.csv", "Name\nSQL\n"),
        ("other/Skills.csv", "Name\nPricing\n"),
        ("__MACOSX/export/._Skills.csv", "junk"),
        ("export/Languages.csv", "nothing like a header\n1,2\n"),
        (
            "export/Positions.csv",
            "Company Name,Title,Started On,Finished On\nQuillpay,PM,Spring 2020,sometime\n",
        ),
        ("export/Messages.csv", "FROM,TO\n"),
        ("export/readme.txt", "hello"),
    ]));
    assert_eq!(r.skills.len(), 1);
    let reasons: Vec<(&str, &str)> =
        r.unplaced.iter().map(|u| (u.text.as_str(), u.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            ("other/Skills.csv", "a second Skills.csv in the export; only the first is read"),
            ("export/Messages.csv", "a LinkedIn export file Pivot does not read"),
            ("Spring 2020", "date in column `Started On` not understood"),
            ("sometime", "date in column `Finished On` not understood"),
            (
                "export/Languages.csv",
                "no header row found (expected columns like name, proficiency)"
            ),
        ]
    );
    assert_eq!(r.unplaced[2].source.as_ref().unwrap().line, Some(2));
    assert_eq!(r.work[0].start_date, None);
}

#[test]
fn every_date_form() {
    let cases = [
        ("Mar 2021", Some("2021-03")),
        ("March 2021", Some("2021-03")),
        ("Sept 2019", Some("2019-09")),
        ("mars 2021", Some("2021-03")),
        ("Dez. 2020", Some("2020-12")),
        ("Mar-2021", Some("2021-03")),
        ("2021", Some("2021")),
        (" 2021 ", Some("2021")),
        ("03/2021", Some("2021-03")),
        ("3/2021", Some("2021-03")),
        ("2021-03", Some("2021-03")),
        ("Mar 12, 2021", Some("2021-03-12")),
        ("March 12th, 2021", Some("2021-03-12")),
        ("12 Mar 2021", Some("2021-03-12")),
        ("01 Jan 2015", Some("2015-01-01")),
        ("12-Mar-21", Some("2021-03-12")),
        ("2021 Mar 12", Some("2021-03-12")),
        ("12 de marzo de 2021", Some("2021-03-12")),
        ("03/12/21", Some("2021-03-12")),
        ("3/12/2021", Some("2021-03-12")),
        ("12/31/99", Some("1999-12-31")),
        ("25/12/2021", Some("2021-12-25")),
        ("12.03.2021", Some("2021-03-12")),
        ("2021-03-12", Some("2021-03-12")),
        ("2021/03/12", Some("2021-03-12")),
        ("Feb 29, 2024", Some("2024-02-29")),
        // Not dates, or not real ones.
        ("Feb 29, 2023", None),
        ("13/2021", None),
        ("02/30/21", None),
        ("Present", None),
        ("", None),
        ("Spring 2020", None),
        ("Mar 21", None),
        ("1850", None),
        ("12345", None),
        ("Mar Apr 2021", None),
        ("1 2 3 4", None),
        ("3/14/19, 9:12 AM", None),
    ];
    for (input, want) in cases {
        assert_eq!(parse_linkedin_date(input).as_deref(), want, "{input:?}");
    }
}

#[test]
fn garbage_never_panics() {
    let inputs: [&[u8]; 8] = [
        b"",
        b"\"",
        b"\"unterminated,\n\n\n",
        b",,,,\n,,,\n",
        b"First Name\n\"a\"\"b\",\xff\xfe\n",
        b"\xff\xfeF\x00i\x00",
        b"Company Name,Title,Started On\n,,99/99/9999\n,,Mar 0\n,,0 Mar 2021\n",
        b"Notes:\n\"never closed\nFirst Name,Last Name\n",
    ];
    for bytes in inputs {
        for name in
            ["Profile.csv", "Positions.csv", "Connections.csv", "Skills.csv", "Email Addresses.csv"]
        {
            let _ = import_linkedin_files(
                "x",
                &[(name.to_owned(), bytes.to_vec())],
                &Limits::default(),
            );
        }
    }
    let good = zip_of(&fixture_files());
    for i in (0..good.len()).step_by(97) {
        let mut bad = good.clone();
        bad[i] ^= 0xA5;
        let _ = import_linkedin_zip("x.zip", &bad, &Limits::default());
    }
}
