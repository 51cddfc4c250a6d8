//! Criterion benchmarks of the importers: a PDF and a DOCX resume parsed and structured, and a
//! LinkedIn export with 5,000 connections. `cargo bench --bench import`.

use criterion::{Criterion, criterion_group, criterion_main};
use pivot_import::{As, Limits, import, import_linkedin_folder};
use std::hint::black_box;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/crates/import/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

/// The committed LinkedIn fixture with Connections.csv grown to `n` rows.
fn linkedin_export(n: usize) -> Vec<(String, Vec<u8>)> {
    let dir = format!(
        "{}/crates/import/tests/fixtures/linkedin/Basic_LinkedInDataExport",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .filter(|(name, _)| name != "Connections.csv")
        .collect();
    let mut csv = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for i in 0..n {
        let email = if i % 3 == 0 { String::new() } else { format!("person{i}@example.com") };
        csv.push_str(&format!(
            "Person{i},Surname{i},https://www.linkedin.com/in/person-{i},{email},\"Company {}, Inc.\",Director of Product,{:02} Mar 2021\n",
            i % 400,
            i % 28 + 1
        ));
    }
    files.push(("Connections.csv".into(), csv.into_bytes()));
    files
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let pdf = fixture("pdf/pm-resume.pdf");
    let docx = fixture("docx/pm-resume.docx");
    let export = linkedin_export(5_000);
    c.bench_function("import pdf resume", |b| {
        b.iter(|| import("r.pdf", black_box(&pdf), As::Auto, &limits).unwrap())
    });
    c.bench_function("import docx resume", |b| {
        b.iter(|| import("r.docx", black_box(&docx), As::Auto, &limits).unwrap())
    });
    c.bench_function("import linkedin 5000 connections", |b| {
        b.iter(|| import_linkedin_folder("export", black_box(&export), &limits).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
