//! Streaming sha256.

use crate::{Event, Progress};
use sha2::{Digest, Sha256};
use std::io::Read;

/// Buffer size for hashing and copying; progress is reported once per buffer.
pub(crate) const CHUNK: usize = 1 << 20;

/// Lower-case hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// sha256 (hex) and length of everything `reader` yields.
pub(crate) fn sha256_reader(
    mut reader: impl Read,
    progress: &mut dyn Progress,
) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        total += n as u64;
        progress.event(Event::Advance(total));
    }
    Ok((hex(&hasher.finalize()), total))
}

/// sha256 (hex) and length of a file.
pub(crate) fn sha256_file(
    path: &std::path::Path,
    progress: &mut dyn Progress,
) -> std::io::Result<(String, u64)> {
    sha256_reader(std::fs::File::open(path)?, progress)
}
