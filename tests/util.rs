//! Helpers: run the built binary, load corpus files, check the analysis of a text.

use pivot_lint::{Analyzer, CheckOptions, DocKind, Format, Report};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

/// The analyzer, built once per test binary.
pub static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::builtin);

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `pivot` with `args`, feeding `stdin`; colour off so output is stable.
pub fn pivot(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pivot"));
    cmd.args(args).current_dir(root()).env("NO_COLOR", "1");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("pivot runs");
    if let Some(input) = stdin {
        use std::io::Write;
        // The child may exit before reading everything (e.g. on an oversized input).
        let _ = child.stdin.take().unwrap().write_all(input);
    }
    child.wait_with_output().expect("pivot finishes")
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Checks `text` as `kind`, with an optional level of the PM pack.
pub fn check(text: &str, kind: DocKind, level: Option<&str>) -> Report {
    let target = level.map(|l| ANALYZER.target(Some("product-management"), Some(l)).unwrap());
    let opts = CheckOptions { kind, format: Format::Markdown, target, intended: None };
    ANALYZER.check(text, &opts)
}

/// Rule ids found, in order.
pub fn rules_of(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| &*d.rule).collect()
}

/// Every corpus file: (kind, path relative to the root).
pub fn corpus() -> Vec<(DocKind, PathBuf)> {
    let mut out = Vec::new();
    for kind in DocKind::ALL {
        let dir = root().join("tests/corpus").join(kind.as_str());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            out.push((kind, f.strip_prefix(root()).unwrap().to_path_buf()));
        }
    }
    out
}

/// Reads a file under the root.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}
