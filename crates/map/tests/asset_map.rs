//! The asset map of the committed fixture resume and LinkedIn export against
//! the committed postings (crates/import/tests/fixtures), asserted on content.
//!
//! Runs lexically (no model: the path every install has) over the ESCO subset
//! in crates/skills/tests/fixtures; when the model is installed (`pivot setup`)
//! the same assertions run in hybrid mode too.

use std::path::PathBuf;

use pivot_import::{As, Imported, Limits};
use pivot_lint::Analyzer;
use pivot_map::inputs::{dedupe, line_evidence, posting_input, resume_evidence};
use pivot_map::{AssetMap, Coverage, EvidenceInput, PostingInput, Target};
use pivot_skills::{Encoder, Linker, Mode, Taxonomy};

const POSTINGS: [&str; 5] = [
    "director-product-fintech.html",
    "group-pm-devtools.txt",
    "head-of-product-healthtech.html",
    "senior-pm-climate.json",
    "vp-product-b2b-saas.html",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures")
}

fn import(path: &PathBuf, as_: As) -> Imported {
    let bytes = std::fs::read(path).expect("fixture");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    pivot_import::import(&name, &bytes, as_, &Limits::default()).expect("import")
}

fn postings() -> Vec<PostingInput> {
    POSTINGS
        .iter()
        .map(|name| match import(&fixtures().join("postings").join(name), As::Posting) {
            Imported::Posting { posting, .. } => posting_input(name, &posting),
            Imported::Resume { .. } => panic!("{name} read as a resume"),
        })
        .collect()
}

fn evidence() -> Vec<EvidenceInput> {
    let mut out = Vec::new();
    match import(&fixtures().join("resume/pm-resume.md"), As::Resume) {
        Imported::Resume { resume, .. } => out.extend(resume_evidence("pm-resume.md", &resume)),
        Imported::Posting { .. } => panic!("resume read as a posting"),
    }
    let folder = fixtures().join("linkedin/Basic_LinkedInDataExport");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .expect("export")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    match pivot_import::import_linkedin_folder("linkedin", &files, &Limits::default())
        .expect("export")
    {
        Imported::Resume { resume, .. } => out.extend(resume_evidence("linkedin", &resume)),
        Imported::Posting { .. } => panic!("export read as a posting"),
    }
    dedupe(out)
}

fn linker() -> Linker {
    Linker::new(
        Taxonomy::parse_csv(include_str!("../../skills/tests/fixtures/esco-subset.csv"))
            .expect("subset"),
    )
}

fn build(level: Option<&str>, encoder: Option<&dyn Encoder>, linker: &Linker) -> AssetMap {
    let analyzer = Analyzer::builtin();
    let pack = analyzer.packs().iter().find(|p| p.def.id == "product-management").unwrap();
    let level = level.map(|l| pack.level(l).expect("level"));
    pivot_map::build(
        &postings(),
        &evidence(),
        Target { pack: Some(pack), level },
        Some(linker),
        encoder,
    )
}

/// The model, when `pivot setup` installed it (or PIVOT_MODEL_DIR names it).
fn model() -> Option<pivot_embed::Embedder> {
    let dir = match std::env::var_os("PIVOT_MODEL_DIR") {
        Some(d) => PathBuf::from(d),
        None => pivot_data::model_dir(&pivot_data::data_dir().ok()?),
    };
    pivot_embed::Embedder::load(&dir).ok()
}

struct Model(pivot_embed::Embedder);

impl Encoder for Model {
    fn encode(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>> {
        self.0.embed(texts).ok()
    }
    fn dim(&self) -> usize {
        pivot_embed::DIM
    }
}

fn signal<'a>(map: &'a AssetMap, text: &str) -> &'a pivot_map::Signal {
    map.signals
        .iter()
        .find(|s| s.asks.iter().any(|a| a.text.contains(text)))
        .unwrap_or_else(|| panic!("no signal for {text:?}"))
}

fn check_content(map: &AssetMap) {
    assert_eq!(map.postings, 5);
    assert!(map.requirements >= 30, "{}", map.requirements);
    // The years-of-experience asks of all five postings are one signal, ranked first.
    let top = &map.signals[0];
    assert!(top.postings >= 4, "{:?}", top);
    assert!(top.text.contains("years"), "{}", top.text);

    // This resume's strategy bullet covers that posting's product-strategy requirement.
    let strategy = signal(map, "Experience setting product strategy for payments or lending");
    assert_ne!(strategy.coverage, Coverage::Gap, "{strategy:?}");
    let best = strategy.best.as_ref().unwrap();
    assert!(!best.why.is_empty());
    let bullet = std::iter::once(best)
        .chain(&strategy.also)
        .find(|m| m.text.contains("three-year strategy for merchant lending"))
        .unwrap_or_else(|| panic!("strategy bullet not among the matches: {strategy:?}"));
    assert!(bullet.score >= pivot_map::PARTIAL, "{bullet:?}");

    // Nothing in this material shows hands-on build tooling: a gap with proof projects.
    let bazel = signal(map, "Bazel");
    assert_eq!(bazel.coverage, Coverage::Gap);
    assert!(map.gaps.contains(&bazel.id));
    let memo = signal(map, "Clear written communication");
    assert_eq!(memo.coverage, Coverage::Gap);
    let proof: Vec<_> = map.proof.iter().filter(|p| p.signal == memo.id).collect();
    assert!((1..=3).contains(&proof.len()), "{proof:?}");
    for gap in &map.gaps {
        let n = map.proof.iter().filter(|p| &p.signal == gap).count();
        assert!((1..=3).contains(&n), "{gap}: {n} proof suggestions");
    }
    // Suggestions mirror the postings' real tasks where one is close.
    assert!(map.proof.iter().any(|p| {
        p.mirrors
            .as_deref()
            .is_some_and(|m| m.contains(".html)") || m.contains(".txt)") || m.contains(".json)"))
    }));

    // A credential gets a decision, not a side project.
    let mba = signal(map, "MBA or CFA");
    let proof: Vec<_> = map.proof.iter().filter(|p| p.signal == mba.id).collect();
    assert_eq!(proof.len(), 1, "{proof:?}");
    assert_eq!(proof[0].template, "credential");

    // Office days are a condition of the job, not a signal.
    assert!(map.signals.iter().all(|s| !s.text.contains("Boston office")));
    assert!(map.diagnostics.iter().any(|d| d.contains("Boston office")));

    // Scores are bounded and the best is the best.
    for s in &map.signals {
        if let Some(b) = &s.best {
            assert!((0.0..=1.0).contains(&b.score));
            assert!(s.also.iter().all(|m| m.score <= b.score));
        }
    }
    // The cut list holds only evidence no signal wanted.
    for c in &map.cut_list {
        assert!(c.best_score < pivot_map::CUT, "{c:?}");
    }
}

#[test]
fn lexical_map_of_the_fixture_resume_against_five_postings() {
    let linker = linker();
    let map = build(Some("director"), None, &linker);
    assert_eq!(map.mode, Mode::Lexical);
    assert!(map.skills_linked);
    check_content(&map);
}

#[test]
fn hybrid_map_of_the_fixture_resume_against_five_postings() {
    let Some(model) = model() else {
        eprintln!("skipped: no model (run `pivot setup`)");
        return;
    };
    let model = Model(model);
    let linker = linker();
    let map = build(Some("director"), Some(&model), &linker);
    assert_eq!(map.mode, Mode::Hybrid);
    check_content(&map);
}

#[test]
fn the_map_is_deterministic() {
    let linker = linker();
    let a = serde_json::to_string(&build(Some("director"), None, &linker)).unwrap();
    let b = serde_json::to_string(&build(Some("director"), None, &linker)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_director_target_credits_scope_on_leadership_signals() {
    let linker = linker();
    let director = build(Some("director"), None, &linker);
    let untargeted = build(None, None, &linker);
    let bonus = |m: &AssetMap| {
        m.signals
            .iter()
            .filter_map(|s| s.best.as_ref())
            .filter(|b| b.leadership_bonus > 0.0)
            .count()
    };
    assert!(bonus(&director) > 0);
    assert_eq!(bonus(&untargeted), 0);
    let leading = signal(&director, "leading product managers");
    assert!(leading.leadership);
}

#[test]
fn postings_without_requirements_and_empty_material_are_said() {
    let linker = linker();
    let analyzer = Analyzer::builtin();
    let empty = PostingInput { id: "empty.txt".into(), ..PostingInput::default() };
    let map = pivot_map::build(
        &[empty],
        &[],
        Target { pack: analyzer.packs().first(), level: None },
        Some(&linker),
        None,
    );
    assert!(map.signals.is_empty());
    assert!(
        map.diagnostics.iter().any(|d| d.starts_with("empty.txt: no recognisable requirements"))
    );
    assert!(map.diagnostics.iter().any(|d| d.contains("no evidence")));
}

#[test]
fn a_proof_project_moves_its_requirement_from_gap_to_covered() {
    let linker = linker();
    let analyzer = Analyzer::builtin();
    let pack = analyzer.packs().iter().find(|p| p.def.id == "product-management").unwrap();
    let target = Target { pack: Some(pack), level: None };
    let before = pivot_map::build(&postings(), &evidence(), target, Some(&linker), None);
    assert_eq!(signal(&before, "Bazel").coverage, Coverage::Gap);
    let mut evidence = evidence();
    evidence.extend(line_evidence(
        "proof.md",
        "- Migrated a 40-package monorepo to Bazel and cut CI build times 60% with remote build caching\n",
    ));
    let after = pivot_map::build(&postings(), &evidence, target, Some(&linker), None);
    let bazel = signal(&after, "Bazel");
    assert_ne!(bazel.coverage, Coverage::Gap, "{bazel:?}");
    assert_eq!(bazel.best.as_ref().unwrap().evidence, "proof.md:1");
}
