//! The application layer's jobs on a real SQLite store, with the word-based engine: what each
//! job stores, what it computes from the stored state, and that bad input stores nothing.

use std::io::Write;
use std::path::PathBuf;

use pivot_store::{DatabaseUrl, DocumentKind, ProofInput, ProofStatus, Store, StoreError};
use pivot_workbench::{ImportAs, TargetForm, Upload, Workbench, WorkbenchError};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures")
}

async fn workbench(dir: &tempfile::TempDir) -> Workbench {
    let store = Store::open(&DatabaseUrl::sqlite_file(&dir.path().join("p.db"))).await.unwrap();
    Workbench::lexical(store)
}

fn upload(name: &str, bytes: Vec<u8>, as_: ImportAs) -> Upload {
    Upload { file_name: name.into(), bytes, as_, document_id: None }
}

/// The committed LinkedIn export folder, zipped as LinkedIn ships it.
fn linkedin_zip() -> Vec<u8> {
    let dir = fixtures().join("linkedin/Basic_LinkedInDataExport");
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[tokio::test]
async fn imports_store_the_original_and_its_evidence_and_bad_files_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    let resume = std::fs::read(fixtures().join("resume/pm-resume.md")).unwrap();
    let out = wb.import(&ws, upload("pm-resume.md", resume.clone(), ImportAs::Auto)).await.unwrap();
    assert_eq!(out.document.kind, DocumentKind::Resume);
    assert!(out.evidence >= 8, "bullets become evidence: {}", out.evidence);
    let (_, _, original) = wb.store().document_original(&ws, &out.version.id).await.unwrap();
    assert_eq!(original, resume);

    let zip = wb
        .import(&ws, upload("Basic_LinkedInDataExport.zip", linkedin_zip(), ImportAs::Auto))
        .await
        .unwrap();
    assert_eq!(zip.document.kind, DocumentKind::Linkedin);

    let before = wb.store().documents(&ws, None).await.unwrap().len();
    for (name, bytes, code) in [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj <<".to_vec(), "corrupt"),
        ("empty.txt", b"   \n".to_vec(), "empty"),
        ("huge.txt", vec![b'a'; 21 * 1024 * 1024], "too_large"),
    ] {
        let err = wb.import(&ws, upload(name, bytes, ImportAs::Auto)).await.unwrap_err();
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(err.to_string().contains("nothing was stored"), "{err}");
    }
    assert_eq!(wb.store().documents(&ws, None).await.unwrap().len(), before);
}

#[tokio::test]
async fn the_map_is_built_from_the_store_and_finished_proof_counts_as_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    wb.set_target(
        &ws,
        TargetForm {
            role: "product-management".into(),
            level: Some("director".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let posting = std::fs::read(fixtures().join("postings/director-product-fintech.html")).unwrap();
    wb.import(&ws, upload("director.html", posting, ImportAs::Posting)).await.unwrap();
    let signals = wb.posting_signals(&ws).await.unwrap();
    assert!(signals.as_array().is_some_and(|s| !s.is_empty()), "signals before a map");

    let first = wb.build_map(&ws).await.unwrap();
    assert_eq!(first.covered, 0, "no evidence yet: nothing is covered");
    assert_eq!(first.signals, first.gaps);
    let proof = ProofInput {
        title: "Pricing and packaging teardown".into(),
        description: String::new(),
        status: ProofStatus::Done,
        started_on: None,
        finished_on: None,
        outcomes: "Led pricing and packaging changes for a payments product with sales and finance"
            .into(),
        covers: vec![],
    };
    wb.store().create_proof(&ws, &proof).await.unwrap();
    let second = wb.build_map(&ws).await.unwrap();
    assert!(
        second.gaps < first.gaps,
        "the done proof closes a gap: {} → {}",
        first.gaps,
        second.gaps
    );
    let text = second.result.to_string();
    assert!(
        text.contains("proof: Pricing and packaging teardown"),
        "the proof is named as the evidence"
    );
    assert_eq!(second.result["level"], "Director of Product");
}

#[tokio::test]
async fn narrative_saves_are_versioned_and_a_stale_save_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    let n = wb.create_narrative(&ws, "narrative", "Story").await.unwrap();
    let v1 =
        wb.save_narrative(&ws, &n.id, "Responsible for managing the roadmap.", 0).await.unwrap();
    assert!(v1.report["diagnostics"].to_string().contains("Method.TaskLanguage"));
    let v2 = wb
        .save_narrative(
            &ws,
            &n.id,
            "Grew payments revenue 38% in a year by leading 2 squads of 14 engineers.",
            1,
        )
        .await
        .unwrap();
    assert!(v2.score > v1.score, "{} > {}", v2.score, v1.score);
    let err = wb.save_narrative(&ws, &n.id, "an edit from version 1", 1).await.unwrap_err();
    assert!(
        matches!(err, WorkbenchError::Store(StoreError::Conflict { expected: 1, actual: 2, .. })),
        "{err}"
    );
    assert_eq!(err.status(), 409);
    assert_eq!(wb.store().narrative_versions(&ws, &n.id).await.unwrap().len(), 2);
    assert!(wb.create_narrative(&ws, "poem", "x").await.is_err());
}

#[tokio::test]
async fn the_checklist_compares_the_channels() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    let items = wb.checklist(&ws).await.unwrap();
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|i| !i.met), "an empty workspace meets nothing");
    assert!(items[4].evidence.contains("resume"), "{}", items[4].evidence);

    wb.set_target(
        &ws,
        TargetForm {
            role: "product-management".into(),
            level: Some("director".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let resume = std::fs::read(fixtures().join("resume/pm-resume.md")).unwrap();
    wb.import(&ws, upload("pm-resume.md", resume, ImportAs::Resume)).await.unwrap();
    wb.import(&ws, upload("export.zip", linkedin_zip(), ImportAs::Auto)).await.unwrap();
    let n = wb.create_narrative(&ws, "narrative", "Story").await.unwrap();
    // 77% is in the resume; 95% is not.
    let body = "I'm a Senior PM moving into a Director of Product role in fintech.\n\n\
        I raised mobile onboarding completion from 48% to 77% and grew activation 95% for 60 partners.\n";
    wb.save_narrative(&ws, &n.id, body, 0).await.unwrap();
    let items = wb.store().checklist(&ws).await.unwrap();
    let consistent = items.iter().find(|i| i.item == "consistent").unwrap();
    assert!(!consistent.met);
    assert!(
        consistent.evidence.contains("95%") && !consistent.evidence.contains("77%"),
        "{}",
        consistent.evidence
    );
    let target = items.iter().find(|i| i.item == "target").unwrap();
    assert!(target.met, "{}", target.evidence);
}

#[tokio::test]
async fn the_week_keeps_ticks_and_the_block_and_exports_ics() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    let today: pivot_week::Date = "2026-11-26".parse().unwrap();
    let view = wb.week(&ws, today).await.unwrap();
    assert_eq!(view.week.week_start.to_string(), "2026-11-23");
    assert_eq!(view.week.items.len(), 5);
    wb.set_week_item(&ws, today, "peer", true).await.unwrap();
    wb.set_week_block(&ws, today, "2026-11-27T07:30".parse().unwrap()).await.unwrap();
    let view = wb.week(&ws, today).await.unwrap();
    assert!(view.week.items.iter().find(|i| i.id == "peer").unwrap().done);
    assert_eq!(view.week.block_start.to_string(), "2026-11-27T07:30:00");
    assert!(wb.set_week_item(&ws, today, "nap", true).await.is_err());
    let ics = wb.week_ics(&ws, today).await.unwrap();
    assert!(
        ics.contains("DTSTART:20261127T073000\r\n") && ics.contains("DTEND:20261127T083000\r\n"),
        "{ics}"
    );
}

#[tokio::test]
async fn the_engine_loads_in_the_background_with_a_visible_state() {
    let dir = tempfile::tempdir().unwrap();
    let wb = Workbench::open(pivot_workbench::Config {
        database: DatabaseUrl::sqlite_file(&dir.path().join("p.db")),
        data_dir: dir.path().join("no-data"),
        load_model: true,
    })
    .await
    .unwrap();
    // Pages answer while it loads; the asset map waits for it.
    wb.dashboard(&wb.workspace().await.unwrap().id).await.unwrap();
    let _ = wb.engine().await;
    match wb.engine_status() {
        pivot_workbench::EngineStatus::Ready { mode, notice, .. } => {
            assert_eq!(mode, "lexical");
            assert!(notice.is_some(), "the lexical fallback says why");
        }
        other => panic!("still {other:?}"),
    }
    wb.close().await;
}

#[tokio::test]
async fn cached_reads_follow_every_write_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbench(&dir).await;
    let ws = wb.workspace().await.unwrap().id;
    assert!(wb.dashboard(&ws).await.unwrap().target.is_none());
    wb.set_target(
        &ws,
        TargetForm {
            role: "product-management".into(),
            level: Some("vp".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(wb.dashboard(&ws).await.unwrap().target.unwrap().level.as_deref(), Some("vp"));
    let n = wb.create_narrative(&ws, "narrative", "Story").await.unwrap();
    assert!(wb.narrative_view(&ws, &n.id).await.unwrap().latest.is_none());
    wb.save_narrative(&ws, &n.id, "Grew revenue 20% in a year.", 0).await.unwrap();
    let view = wb.narrative_view(&ws, &n.id).await.unwrap();
    assert_eq!(view.latest.unwrap().body, "Grew revenue 20% in a year.");
    assert_eq!(wb.dashboard(&ws).await.unwrap().scores.len(), 1);
}
