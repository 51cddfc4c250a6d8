//! Embeds the built-in style (`styles/Method/*.toml`) and role packs (`roles/*.toml`) and
//! generates one test per rule file, so each rule's examples run as a named test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.join("../..");
    let style_dir = root.join("styles/Method");
    let roles_dir = root.join("roles");
    println!("cargo:rerun-if-changed={}", style_dir.display());
    println!("cargo:rerun-if-changed={}", roles_dir.display());

    let mut code = String::from("pub(crate) const STYLE_NAME: &str = \"Method\";\n");
    let mut tests = String::new();
    code.push_str("pub(crate) const STYLE_FILES: &[(&str, &str)] = &[\n");
    for f in toml_files(&style_dir) {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        writeln!(
            code,
            "    (\"styles/Method/{name}\", include_str!({:?})),",
            f.canonicalize().unwrap()
        )
        .unwrap();
        let stem = name.trim_end_matches(".toml");
        if stem != "_classes" {
            let fn_name: String = stem
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let sep = (c.is_uppercase() && i > 0).then_some('_');
                    sep.into_iter().chain(c.to_lowercase())
                })
                .map(|c| if c.is_alphanumeric() { c } else { '_' })
                .collect();
            writeln!(
                tests,
                "#[test]\nfn {fn_name}() {{\n    crate::testing::check_rule_examples(\"Method.{stem}\");\n}}\n"
            )
            .unwrap();
        }
    }
    code.push_str("];\npub(crate) const ROLE_FILES: &[(&str, &str)] = &[\n");
    for f in toml_files(&roles_dir) {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        writeln!(code, "    (\"roles/{name}\", include_str!({:?})),", f.canonicalize().unwrap())
            .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("builtin.rs"), code).unwrap();
    fs::write(out.join("rule_example_tests.rs"), tests).unwrap();
}
