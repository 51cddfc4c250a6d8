//! Fuzzes the LinkedIn export readers: never panic.
//!
//! The input is read as a zip (`import_linkedin_zip`), and also split on the byte 0x1E (ASCII
//! record separator, rare in CSV text in any encoding) into at most 8 pieces, named
//! Profile.csv, Positions.csv, Connections.csv, Skills.csv, Education.csv, Projects.csv,
//! Certifications.csv, Languages.csv in that order, for `import_linkedin_files` (a folder).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_import::linkedin;

mod common;

const NAMES: [&str; 8] = [
    "Profile.csv",
    "Positions.csv",
    "Connections.csv",
    "Skills.csv",
    "Education.csv",
    "Projects.csv",
    "Certifications.csv",
    "Languages.csv",
];

use common::SEPARATOR;

fuzz_target!(|data: &[u8]| {
    common::init();
    let limits = common::limits();
    let zip = linkedin::import_linkedin_zip("fuzz.zip", data, &limits);
    common::debug("zip", &zip.as_ref().map(|r| (&r.basics.name, r.work.len(), r.contacts.len())));
    if let Ok(r) = zip {
        let _ = pivot_import::jsonresume::export_json_resume(&r);
    }
    let files: Vec<(String, Vec<u8>)> = data
        .splitn(NAMES.len(), |&b| b == SEPARATOR)
        .zip(NAMES)
        .map(|(bytes, name)| (format!("Basic_LinkedInDataExport/{name}"), bytes.to_vec()))
        .collect();
    let folder = linkedin::import_linkedin_files("fuzz", &files, &limits);
    common::debug(
        "files",
        &folder.as_ref().map(|r| (&r.basics.name, r.work.len(), r.contacts.len())),
    );
    if let Ok(r) = folder {
        let _ = pivot_import::jsonresume::export_json_resume(&r);
    }
});
