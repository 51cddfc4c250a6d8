//! Missing, partial or corrupted parts give a clear notice and the lexical
//! fallback, never a panic.

use std::path::{Path, PathBuf};

use pivot_engine::Engine;
use pivot_skills::Mode;

fn installed() -> Option<PathBuf> {
    let data = pivot_data::data_dir().ok()?;
    pivot_data::quick_status(&data, &pivot_data::TAXONOMY, &mut pivot_data::NoProgress)
        .is_installed()
        .then_some(data)
}

fn copy_component(from: &Path, to: &Path, component: &pivot_data::Component) {
    let dest = component.dir_in(to);
    std::fs::create_dir_all(&dest).unwrap();
    for file in component.files {
        std::fs::copy(component.dest_in(from, file), component.dest_in(to, file)).unwrap();
    }
}

#[test]
fn an_empty_data_directory_runs_lexically_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(dir.path(), true, &mut pivot_engine::no_progress);
    assert!(engine.linker().is_none());
    assert!(engine.embedder().is_none());
    let notice = engine.notice().expect("a notice");
    assert!(notice.starts_with("lexical mode:"), "{notice}");
    assert!(notice.contains("no ESCO taxonomy (taxonomy: missing"), "{notice}");
    assert!(notice.contains("no embedding model (model: missing"), "{notice}");
    assert!(notice.ends_with("Run `pivot setup` to install what is missing."), "{notice}");
    assert_eq!(engine.link(&["Led pricing experiments"], 5), vec![Vec::new()]);
}

#[test]
fn a_truncated_model_falls_back_to_lexical_linking_with_a_notice() {
    let Some(real) = installed() else {
        assert_ne!(
            std::env::var("PIVOT_REQUIRE_MODEL").as_deref(),
            Ok("1"),
            "taxonomy not installed"
        );
        eprintln!("skipped: run `pivot setup`");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    copy_component(&real, dir.path(), &pivot_data::TAXONOMY);
    // The model's small files, and a weights file cut short (an interrupted copy).
    let model = pivot_data::MODEL.dir_in(dir.path());
    std::fs::create_dir_all(&model).unwrap();
    for file in pivot_data::MODEL.files {
        let from = pivot_data::MODEL.dest_in(&real, file);
        let to = pivot_data::MODEL.dest_in(dir.path(), file);
        if file.dest == "model.safetensors" {
            std::fs::write(&to, &std::fs::read(&from).unwrap()[..4096]).unwrap();
        } else {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    let engine = Engine::open(dir.path(), true, &mut pivot_engine::no_progress);
    let notice = engine.notice().expect("a notice");
    assert!(notice.contains("no embedding model (model:"), "{notice}");
    assert!(notice.contains("model.safetensors"), "{notice}");
    let linker = engine.linker().expect("the taxonomy still loads");
    assert_eq!(linker.mode(), Mode::Lexical);
    let links = engine.link(&["Managed a $4M annual budget across three teams"], 5);
    assert!(
        links[0].iter().all(|l| linker.taxonomy().get(l.skill).labels.contains("budget")),
        "{:?}",
        links[0].iter().map(|l| &linker.taxonomy().get(l.skill).label).collect::<Vec<_>>()
    );
}

#[test]
fn a_corrupted_taxonomy_is_not_used() {
    let Some(real) = installed() else {
        eprintln!("skipped: run `pivot setup`");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    copy_component(&real, dir.path(), &pivot_data::TAXONOMY);
    let skills = pivot_data::esco_dir(dir.path()).join("skills.csv");
    let mut bytes = std::fs::read(&skills).unwrap();
    bytes[1000] ^= 0x20; // same size, wrong sha256
    std::fs::write(&skills, bytes).unwrap();
    let engine = Engine::open(dir.path(), false, &mut pivot_engine::no_progress);
    assert!(engine.linker().is_none());
    let notice = engine.notice().expect("a notice");
    assert!(notice.contains("no ESCO taxonomy (taxonomy:"), "{notice}");
}

/// Regression: `--mode lexical` used to load the model and drop it (150 MB and
/// 0.2 s for nothing).
#[test]
fn a_chosen_lexical_mode_does_not_load_the_model_and_needs_no_notice() {
    let Some(real) = installed() else {
        eprintln!("skipped: run `pivot setup`");
        return;
    };
    let engine = Engine::open(&real, false, &mut pivot_engine::no_progress);
    assert!(engine.embedder().is_none());
    assert!(engine.linker().is_some_and(|l| l.mode() == Mode::Lexical));
    assert_eq!(engine.notice(), None);
    assert!(engine.times.model < std::time::Duration::from_millis(20), "{:?}", engine.times.model);
}
