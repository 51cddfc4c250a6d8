//! Fake wheels and components whose pins are computed here, so the tests need no network and
//! no real download.

#![allow(dead_code)] // each test file uses its own part of this

use pivot_data::{Component, PinnedFile};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes that do not compress much (an LCG), so the zip-bomb ratio check leaves them alone.
pub fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

/// A zip with these entries, deflated.
pub fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn leak(s: impl Into<String>) -> &'static str {
    Box::leak(s.into().into_boxed_str())
}

/// The contents of the fake component's files: (path in the wheel, bytes).
pub fn contents() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("fake/data/a.json", b"{\"hidden_size\": 384}\n".to_vec()),
        ("fake/data/b.bin", noise(300_000, 1)),
        ("fake/data/c.csv", noise(5_000, 2)),
    ]
}

/// A component pinned to `wheel` and to `files` (path in the wheel, pinned bytes).
pub fn component(wheel: &[u8], files: &[(&'static str, Vec<u8>)]) -> Component {
    let files: Vec<PinnedFile> = files
        .iter()
        .map(|(source, bytes)| PinnedFile {
            source,
            dest: leak(source.rsplit('/').next().unwrap()),
            sha256: leak(sha256(bytes)),
            size: bytes.len() as u64,
        })
        .collect();
    Component {
        name: "fake",
        what: "a fake component",
        package: "fake-data",
        version: "1.0",
        wheel: "fake_data-1.0-py3-none-any.whl",
        wheel_sha256: leak(sha256(wheel)),
        wheel_size: wheel.len() as u64,
        dir: "fake/v1",
        files: Box::leak(files.into_boxed_slice()),
    }
}

/// The wheel made of `files` plus some other entries, and the component pinned to it.
pub fn fake() -> (Vec<u8>, Component) {
    let files = contents();
    let mut entries: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    entries.push(("fake/__init__.py", b""));
    entries.push(("fake_data-1.0.dist-info/METADATA", b"Name: fake-data\n"));
    let wheel = zip_bytes(&entries);
    let component = component(&wheel, &files);
    (wheel, component)
}

/// Writes the wheel under its pinned name in `dir`.
pub fn write_wheel(dir: &Path, component: &Component, bytes: &[u8]) -> PathBuf {
    let path = dir.join(component.wheel);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Names in a directory (empty if it does not exist), sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}
