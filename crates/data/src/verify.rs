//! Is a component installed? [`status`] re-hashes every file; [`quick_status`], for every
//! start-up, checks existence and sizes and trusts a marker file written after a full check as
//! long as each file's size and modification time are those the marker recorded.

use crate::hash::sha256_file;
use crate::manifest::{Component, PinnedFile};
use crate::{Event, NoProgress, Progress};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The marker's file name in the component's directory.
pub const MARKER: &str = ".verified";
const MARKER_HEADER: &str = "# pivot-data: files verified against their pinned sha256";

/// What [`status`] and [`quick_status`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentStatus {
    /// Every pinned file is present and correct.
    Installed,
    /// These files are absent (none present is corrupt).
    Missing { files: Vec<PathBuf> },
    /// A file is present with the wrong size or content: `expected` and `found` are
    /// "N bytes" or "sha256 HEX".
    Corrupt { file: PathBuf, expected: String, found: String },
    /// A file exists but could not be read.
    Unreadable { file: PathBuf, reason: String },
}

impl ComponentStatus {
    pub fn is_installed(&self) -> bool {
        matches!(self, ComponentStatus::Installed)
    }
}

impl fmt::Display for ComponentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComponentStatus::Installed => f.write_str("installed"),
            ComponentStatus::Missing { files } => {
                f.write_str("missing ")?;
                for (i, file) in files.iter().enumerate() {
                    let name = file.file_name().map(Path::new).unwrap_or(file);
                    write!(f, "{}{}", if i > 0 { ", " } else { "" }, name.display())?;
                }
                Ok(())
            }
            ComponentStatus::Corrupt { file, expected, found } => {
                write!(f, "corrupt: {} has {found}, expected {expected}", file.display())
            }
            ComponentStatus::Unreadable { file, reason } => {
                write!(f, "unreadable: {}: {reason}", file.display())
            }
        }
    }
}

/// A file's size and modification time (nanoseconds since the epoch, when the platform has
/// one): what the marker compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub size: u64,
    pub mtime: Option<u128>,
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos());
        Stamp { size: meta.len(), mtime }
    }
}

/// One file checked against its pin.
pub(crate) enum FileCheck {
    Good(Stamp),
    Missing,
    Bad(ComponentStatus),
}

fn size_text(n: u64) -> String {
    format!("{n} bytes")
}

/// Existence and size only.
pub(crate) fn check_size(path: &Path, pin: &PinnedFile) -> FileCheck {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => FileCheck::Bad(ComponentStatus::Unreadable {
            file: path.to_path_buf(),
            reason: "not a regular file".into(),
        }),
        Ok(meta) if meta.len() != pin.size => FileCheck::Bad(ComponentStatus::Corrupt {
            file: path.to_path_buf(),
            expected: size_text(pin.size),
            found: size_text(meta.len()),
        }),
        Ok(meta) => FileCheck::Good(Stamp::of(&meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileCheck::Missing,
        Err(e) => FileCheck::Bad(ComponentStatus::Unreadable {
            file: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// The content against the pin; `before` is the stamp taken before hashing, so a file changed
/// while it was read is not taken as verified.
pub(crate) fn check_content(
    path: &Path,
    pin: &PinnedFile,
    before: Stamp,
    progress: &mut dyn Progress,
) -> FileCheck {
    progress.event(Event::Step { what: &format!("checking {}", pin.dest), total: Some(pin.size) });
    let unreadable = |e: std::io::Error| {
        FileCheck::Bad(ComponentStatus::Unreadable {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })
    };
    let (sha, len) = match sha256_file(path, progress) {
        Ok(v) => v,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return FileCheck::Missing,
        Err(e) => return unreadable(e),
    };
    if sha != pin.sha256 || len != pin.size {
        return FileCheck::Bad(ComponentStatus::Corrupt {
            file: path.to_path_buf(),
            expected: format!("sha256 {}", pin.sha256),
            found: format!("sha256 {sha}"),
        });
    }
    match std::fs::metadata(path) {
        Ok(meta) if Stamp::of(&meta) == before => FileCheck::Good(before),
        // Changed under us: correct content now, but the stamp cannot vouch for it.
        Ok(meta) => FileCheck::Good(Stamp { mtime: None, ..Stamp::of(&meta) }),
        Err(e) => unreadable(e),
    }
}

/// Full verification: every file's size, then every file's sha256. Changes nothing.
pub fn status(data: &Path, component: &Component) -> ComponentStatus {
    status_with_progress(data, component, &mut NoProgress)
}

/// [`status`], reporting the hashing as it goes.
pub fn status_with_progress(
    data: &Path,
    component: &Component,
    progress: &mut dyn Progress,
) -> ComponentStatus {
    verify(data, component, None, progress).0
}

/// Existence and sizes, and the sha256 of only the files the marker does not vouch for. When
/// files had to be hashed and all are correct, the marker is rewritten (best effort: a
/// read-only data directory just means hashing again next time).
pub fn quick_status(
    data: &Path,
    component: &Component,
    progress: &mut dyn Progress,
) -> ComponentStatus {
    let marker = read_marker(&component.dir_in(data));
    let (status, stamps, hashed) = verify(data, component, Some(&marker), progress);
    if status.is_installed() && hashed {
        let _ = write_marker(data, component, &stamps);
    }
    status
}

/// Checks sizes, then hashes each file unless `trusted` vouches for it. Returns the status, the
/// stamps of the good files, and whether anything was hashed.
fn verify(
    data: &Path,
    component: &Component,
    trusted: Option<&[(String, Stamp, String)]>,
    progress: &mut dyn Progress,
) -> (ComponentStatus, Vec<Stamp>, bool) {
    let paths: Vec<PathBuf> = component.files.iter().map(|f| component.dest_in(data, f)).collect();
    let mut missing = Vec::new();
    let mut stamps = Vec::new();
    for (path, pin) in paths.iter().zip(component.files) {
        match check_size(path, pin) {
            FileCheck::Good(stamp) => stamps.push(stamp),
            FileCheck::Missing => missing.push(path.clone()),
            FileCheck::Bad(status) => return (status, Vec::new(), false),
        }
    }
    if !missing.is_empty() {
        return (ComponentStatus::Missing { files: missing }, Vec::new(), false);
    }
    let mut hashed = false;
    for ((path, pin), stamp) in paths.iter().zip(component.files).zip(stamps.iter_mut()) {
        let vouched = trusted.is_some_and(|t| {
            t.iter().any(|(dest, s, sha)| dest == pin.dest && *s == *stamp && sha == pin.sha256)
                && stamp.mtime.is_some()
        });
        if vouched {
            continue;
        }
        hashed = true;
        match check_content(path, pin, *stamp, progress) {
            FileCheck::Good(s) => *stamp = s,
            FileCheck::Missing => {
                return (ComponentStatus::Missing { files: vec![path.clone()] }, Vec::new(), true);
            }
            FileCheck::Bad(status) => return (status, Vec::new(), true),
        }
    }
    (ComponentStatus::Installed, stamps, hashed)
}

/// The marker's entries: (file name, stamp, sha256). Unparsable lines are ignored, so a damaged
/// marker only costs a re-hash.
fn read_marker(dir: &Path) -> Vec<(String, Stamp, String)> {
    let Ok(text) = std::fs::read_to_string(dir.join(MARKER)) else { return Vec::new() };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let sha = parts.next()?;
            let size = parts.next()?.parse().ok()?;
            let mtime = parts.next()?.parse().ok();
            let dest = parts.next()?;
            Some((dest.to_owned(), Stamp { size, mtime }, sha.to_owned()))
        })
        .collect()
}

/// Records that the component's files, with these stamps (in pin order), were verified.
/// Written to a temporary file and renamed, so a reader never sees half a marker.
pub(crate) fn write_marker(
    data: &Path,
    component: &Component,
    stamps: &[Stamp],
) -> std::io::Result<()> {
    use std::io::Write;
    let dir = component.dir_in(data);
    let mut text = format!("{MARKER_HEADER}\n");
    for (pin, stamp) in component.files.iter().zip(stamps) {
        let mtime = stamp.mtime.map_or_else(|| "-".to_owned(), |m| m.to_string());
        text.push_str(&format!("{} {} {mtime} {}\n", pin.sha256, stamp.size, pin.dest));
    }
    let mut tmp = crate::install::data_temp_file(&dir, ".verified-")?;
    tmp.write_all(text.as_bytes())?;
    tmp.persist(dir.join(MARKER)).map_err(|e| e.error)?;
    Ok(())
}
