//! The store commands of the CLI, as one pivoter's session on a real SQLite file: every step
//! is a command, its exit code and what its output must say. The same store serves the web
//! workbench (crates/web/tests) — these steps guard the CLI's side of it.

use crate::util::{root, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// Runs `pivot` with the session's database and data directory.
fn run(db: &str, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("PIVOT_DATABASE_URL", db)
        .env("PIVOT_DATA_DIR", data)
        .output()
        .expect("pivot runs")
}

/// One step: the command, the exit code, text its stdout or stderr must hold.
fn step(db: &str, data: &Path, args: &[&str], code: i32, has: &[&str]) -> String {
    let out = run(db, data, args);
    let (o, e) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(code), "pivot {args:?}\nstdout:\n{o}\nstderr:\n{e}");
    for h in has {
        assert!(
            o.contains(h) || e.contains(h),
            "pivot {args:?}: missing {h:?}\nstdout:\n{o}\nstderr:\n{e}"
        );
    }
    o
}

#[test]
fn a_pivoters_session_on_the_store_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    // An empty data directory: no model, lexical matching (the store does not need them).
    let data = tmp.path().join("data");
    let db = format!("sqlite://{}", tmp.path().join("pivot.db").display());
    let db = db.as_str();
    let fx = "crates/import/tests/fixtures";
    let posting = format!("{fx}/postings/director-product-fintech.html");
    let resume = format!("{fx}/resume/pm-resume.md");

    step(db, &data, &["status"], 0, &["Target: not set", "Next step: Name your target"]);
    step(
        db,
        &data,
        &[
            "target",
            "set",
            "--level",
            "director",
            "--domain",
            "fintech",
            "--company",
            "Orbis Ledger, Acme",
            "--intended",
            "I grow fintech revenue by leading product teams",
        ],
        0,
        &["Target: Director of Product", "Companies: Orbis Ledger, Acme"],
    );
    step(
        db,
        &data,
        &["target", "set", "--level", "intern"],
        2,
        &["unknown level `intern`", "director"],
    );
    step(db, &data, &["import", "--save", &posting], 0, &["saved", "as posting"]);
    step(db, &data, &["import", "--save", &resume], 0, &["as resume", "evidence"]);
    step(
        db,
        &data,
        &["map", "--save", "--mode", "lexical"],
        0,
        &["Saved asset map", "signals", "gaps"],
    );
    step(
        db,
        &data,
        &[
            "proof",
            "add",
            "Pricing teardown of a payments product",
            "--status",
            "done",
            "--outcome",
            "Raised trial-to-paid 12% in a 4-week pricing test",
            "--covers",
            "pricing",
        ],
        0,
        &["[done] Pricing teardown"],
    );
    step(
        db,
        &data,
        &["narrative", "new", "--title", "Main story", "examples/narrative.md"],
        0,
        &["Saved version 1 — score"],
    );
    let list = step(db, &data, &["narrative", "list", "--format", "json"], 0, &["Main story"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    step(db, &data, &["narrative", "save", &id, "examples/narrative.md"], 0, &["Saved version 2"]);
    // A save from version 1 after version 2 exists must not overwrite it.
    step(
        db,
        &data,
        &["narrative", "save", &id, "examples/narrative.md", "--base", "1"],
        2,
        &["was changed since you loaded it"],
    );
    step(db, &data, &["narrative", "history", &id], 0, &["2 version(s)", "v1", "v2"]);
    step(db, &data, &["narrative", "show", &id, "--version", "1"], 0, &["Version 1", "Method."]);
    // A second narrative, renamed and then deleted with its version; the first stays.
    let made = step(
        db,
        &data,
        &["narrative", "new", "--title", "Scratch", "--format", "json", "examples/narrative.md"],
        0,
        &["Scratch"],
    );
    let made: serde_json::Value = serde_json::from_str(&made).unwrap();
    let scratch = made["narrative"]["id"].as_str().unwrap().to_string();
    step(db, &data, &["narrative", "rename", &scratch, "Draft B"], 0, &["to “Draft B”"]);
    step(db, &data, &["narrative", "rename", &scratch, " "], 2, &["title"]);
    step(db, &data, &["narrative", "rm", &scratch], 0, &["“Draft B” and its 1 version(s)"]);
    step(db, &data, &["narrative", "rm", &scratch], 2, &["not found"]);
    let list = step(db, &data, &["narrative", "list", "--format", "json"], 0, &["Main story"]);
    assert!(!list.contains("Draft B") && !list.contains("Scratch"), "{list}");
    step(
        db,
        &data,
        &["checklist"],
        0,
        &["[x] A clear target role and level.", "Consistent story", "LinkedIn export"],
    );
    step(
        db,
        &data,
        &["week", "--today", "2026-11-24", "--done", "peer"],
        0,
        &["from 2026-11-23", "[x] Test your message with a peer"],
    );
    let ics = tmp.path().join("week.ics");
    step(db, &data, &["week", "--today", "2026-11-24", "--ics", ics.to_str().unwrap()], 0, &[]);
    let ics = std::fs::read_to_string(&ics).unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\n")
            && ics.contains("BEGIN:VEVENT")
            && ics.contains("DTSTART:20261124T090000"),
        "{ics}"
    );
    step(
        db,
        &data,
        &["status"],
        0,
        &[
            "Asset map:",
            "Proof projects: 1 (1 done)",
            "score",
            "posting  v1  director-product-fintech.html",
        ],
    );

    // Export → import into an empty database → export: nothing lost.
    let first = tmp.path().join("ws.json");
    step(db, &data, &["export", "-o", first.to_str().unwrap()], 0, &[]);
    let other = format!("sqlite://{}", tmp.path().join("other.db").display());
    step(
        &other,
        &data,
        &["import", "--workspace", first.to_str().unwrap()],
        0,
        &["restored workspace"],
    );
    step(
        &other,
        &data,
        &["import", "--workspace", first.to_str().unwrap()],
        2,
        &["already exists"],
    );
    // A new machine opened once holds an empty workspace of the same name: restored in its
    // place without --replace; once it holds data, --replace is needed.
    let fresh = format!("sqlite://{}", tmp.path().join("fresh.db").display());
    step(&fresh, &data, &["status"], 0, &["Target: not set"]);
    step(
        &fresh,
        &data,
        &["import", "--workspace", first.to_str().unwrap()],
        0,
        &["restored workspace"],
    );
    step(&fresh, &data, &["status"], 0, &["Target: Director of Product"]);
    let second = tmp.path().join("ws2.json");
    step(&other, &data, &["export", "-o", second.to_str().unwrap()], 0, &[]);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
}

#[test]
fn store_errors_are_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    step("mysql://localhost/x", &data, &["status"], 2, &["invalid database URL", "postgres://"]);
    step(
        "postgres://me:s3cret@127.0.0.1:1/pivot",
        &data,
        &["status"],
        2,
        &["nothing answers", "***"],
    );
    let out = run("postgres://me:s3cret@127.0.0.1:1/pivot", &data, &["status"]);
    assert!(!stderr(&out).contains("s3cret"), "the password must not be shown");
    let db = format!("sqlite://{}", tmp.path().join("p.db").display());
    step(&db, &data, &["narrative", "show", "not-an-id!"], 2, &["not a valid id"]);
    step(&db, &data, &["proof", "rm", "0000"], 2, &["not found"]);
    step(&db, &data, &["week", "--today", "24/11/2026"], 2, &["YYYY-MM-DD"]);
    // A data directory that cannot be created: a file stands where the folder should be.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = format!("sqlite://{}", file.join("pivot.db").display());
    step(
        &under_file,
        &data,
        &["status"],
        2,
        &["cannot open the store", "cannot create the folder"],
    );
}

#[test]
fn serve_reports_a_port_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let db = format!("sqlite://{}", tmp.path().join("p.db").display());
    step(
        &db,
        &tmp.path().join("data"),
        &["serve", "--addr", &addr, "--no-model"],
        2,
        &["is in use", "--addr"],
    );
}
