//! Embeds the built-in style (`styles/Method/*.toml`) and role packs (`roles/*.toml`),
//! generates one test per rule file, so each rule's examples run as a named test, and compiles
//! the built-in style's patterns into DFAs, so that no `pivot check` process compiles them.

#[path = "src/compose.rs"]
mod compose;
#[path = "../text/embed_dfa.rs"]
mod embed_dfa;

use std::collections::BTreeSet;

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

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let mut code = String::from("pub(crate) const STYLE_NAME: &str = \"Method\";\n");
    let mut tests = String::new();
    code.push_str("pub(crate) const STYLE_FILES: &[(&str, &str, &str)] = &[\n");
    for f in toml_files(&style_dir) {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        embed(&mut code, &format!("styles/Method/{name}"), &f, &out);
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
    code.push_str("];\npub(crate) const ROLE_FILES: &[(&str, &str, &str)] = &[\n");
    for f in toml_files(&roles_dir) {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        embed(&mut code, &format!("roles/{name}"), &f, &out);
    }
    code.push_str("];\n");
    fs::write(out.join("builtin.rs"), code).unwrap();
    prebuild_patterns(&style_dir, &out);
    fs::write(out.join("rule_example_tests.rs"), tests).unwrap();
}

/// Every regex the built-in style's rule files ask for, composed as the loader composes them:
/// each `patterns` list (in any table) and each `[[tokens]]` step's `pattern`.
fn builtin_patterns(style_dir: &Path) -> BTreeSet<String> {
    fn walk(value: &toml::Value, in_tokens: bool, out: &mut BTreeSet<String>) {
        match value {
            toml::Value::Table(table) => {
                for (key, v) in table {
                    match (key.as_str(), v) {
                        ("patterns", toml::Value::Array(list)) => {
                            let list: Vec<&str> = list.iter().filter_map(|p| p.as_str()).collect();
                            if !list.is_empty() {
                                out.insert(compose::any_of(&list));
                            }
                        }
                        ("pattern", toml::Value::String(p)) if in_tokens => {
                            out.insert(compose::whole_token(p));
                        }
                        _ => walk(v, key == "tokens", out),
                    }
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, in_tokens, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for f in toml_files(style_dir) {
        let text = fs::read_to_string(&f).unwrap();
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        walk(&toml::Value::Table(table), false, &mut out);
    }
    out
}

/// Writes a forward and a reverse dense DFA per built-in pattern into OUT_DIR, and
/// `builtin_dfas.rs`: `(pattern, forward, reverse)` sorted by pattern. A pattern whose DFA
/// would be too large is left out and compiles at run time (a test says which).
fn prebuild_patterns(style_dir: &Path, out: &Path) {
    let mut code = String::from("pub(crate) static PREBUILT: &[Entry] = &[\n");
    for (i, pattern) in builtin_patterns(style_dir).iter().enumerate() {
        let Ok(files) = embed_dfa::write_dfas(pattern, out, &format!("pattern-{i}")) else {
            continue;
        };
        writeln!(
            code,
            "    ({pattern:?}, &Aligned {{ align: [], bytes: *include_bytes!({:?}) }}, \
             &Aligned {{ align: [], bytes: *include_bytes!({:?}) }}),",
            files[0], files[1]
        )
        .unwrap();
    }
    code.push_str("];\n");
    fs::write(out.join("builtin_dfas.rs"), code).unwrap();
}

/// Appends `(path, TOML text, JSON text)` of the file `f` to the generated table.
fn embed(code: &mut String, path: &str, f: &Path, out: &Path) {
    let (toml, json) = (f.canonicalize().unwrap(), as_json(f, out));
    writeln!(code, "    ({path:?}, include_str!({toml:?}), include_str!({json:?})),").unwrap();
}

/// Writes the TOML file `f` again as JSON into `out` and returns the JSON file's path. The
/// built-in style loads from these: the same values, parsed several times faster than TOML
/// in every `pivot check` process (a test compares the two parses).
fn as_json(f: &Path, out: &Path) -> PathBuf {
    let text = fs::read_to_string(f).unwrap();
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    let stem = f.file_stem().unwrap().to_string_lossy();
    let dir = f.parent().and_then(|d| d.file_name()).unwrap().to_string_lossy();
    let path = out.join(format!("{dir}-{stem}.json"));
    fs::write(&path, serde_json::to_string(&table).unwrap()).unwrap();
    path
}
