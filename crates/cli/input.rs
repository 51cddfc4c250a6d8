//! Reading inputs at the edge: size limit, binary and encoding checks, styles from folders.

use anyhow::{Context, Result, bail};
use pivot_lint::{Analyzer, MAX_INPUT_BYTES, StyleSource};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input: a display path and its text.
pub struct Input {
    pub path: String,
    pub text: String,
    /// The text was extracted from a document (PDF, DOCX): read it as plain text and, unless
    /// told otherwise, as a resume.
    pub extracted: bool,
}

/// Extensions whose text `pivot check` gets through the importers.
const DOCUMENTS: &[&str] = &["pdf", "docx"];

/// Reads the text of a document (PDF, DOCX) at `path`, shown as `display` in errors. Only
/// `pivot-full` links the importers; the lean `pivot` hands such inputs over to it.
pub type DocumentReader = fn(path: &Path, display: &str) -> Result<String>;

/// Whether `path` is a document whose text comes through the importers.
pub fn is_document(path: &Path) -> bool {
    path.extension().is_some_and(|e| DOCUMENTS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// Reads a file or standard input (`-`), refusing what the analysis should not see.
pub fn read_input(path: &Path, documents: Option<DocumentReader>) -> Result<Input> {
    let display =
        if path == Path::new("-") { "<stdin>".to_owned() } else { path.display().to_string() };
    if is_document(path) {
        let read = documents.ok_or_else(|| {
            anyhow::anyhow!("{display}: PDF and DOCX files are read by pivot-full")
        })?;
        let text = read(path, &display)?;
        if text.trim().is_empty() {
            bail!("{display} has no text to check");
        }
        return Ok(Input { path: display, text, extracted: true });
    }
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64;
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {display}"))?;
        let meta = file.metadata().ok();
        let len = meta.as_ref().map_or(0, |m| m.len());
        if len > limit {
            bail!(
                "{display} is {:.1} MB; the limit is {} MB",
                len as f64 / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            );
        }
        if meta.is_some_and(|m| m.is_dir()) {
            bail!("{display} is a folder, not a file");
        }
        // Sized up front: one read for the whole file, not one per doubling of the buffer.
        bytes.reserve_exact(len as usize + 1);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {display}"))?;
    }
    if bytes.len() as u64 > limit {
        bail!("{display} is over the {} MB limit", MAX_INPUT_BYTES / (1024 * 1024));
    }
    let text = decode(&display, bytes)?;
    Ok(Input { path: display, text, extracted: false })
}

/// UTF-8 only (a BOM is dropped); binary and other encodings get a clear error.
pub fn decode(display: &str, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!("{display} is UTF-16; save it as UTF-8 and try again");
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        bail!(
            "{display} looks like a binary file (a NUL byte at offset {pos}); give a text or Markdown file"
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{display} is not valid UTF-8 (invalid byte at offset {}); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        bail!("{display} is empty: there is nothing to check");
    }
    Ok(text)
}

/// Reads a style folder: every `*.toml` in it, sorted by name.
pub fn read_style(dir: &Path) -> Result<StyleSource> {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .with_context(|| format!("style folder {} does not exist", dir.display()))?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read style folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("style folder {} has no .toml rule files", dir.display());
    }
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let text = std::fs::read_to_string(&p)
            .with_context(|| format!("cannot read rule file {}", p.display()))?;
        files.push((p.display().to_string(), text));
    }
    Ok(StyleSource { name, files })
}

/// The analyzer: built-in style and packs plus the user's.
pub fn analyzer(args: &crate::args::StyleArgs) -> Result<Analyzer> {
    if args.styles.is_empty() && args.role_packs.is_empty() {
        return Ok(Analyzer::builtin());
    }
    let mut styles = vec![pivot_lint::builtin_style()];
    for dir in &args.styles {
        styles.push(read_style(dir)?);
    }
    let mut roles = pivot_lint::builtin_roles();
    for p in &args.role_packs {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read role pack {}", p.display()))?;
        roles.push((p.display().to_string(), text));
    }
    Analyzer::new(&styles, &roles).map_err(|e| anyhow::anyhow!("invalid style: {e}"))
}
