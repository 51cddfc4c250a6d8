//! FNV-1a, for the word tables of the text model and the lint's phrase index: their keys are
//! short words and the tables are ours, so SipHash's resistance to chosen keys buys nothing
//! and costs most of a look-up.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes written.
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Builds [`FnvHasher`]s, for `HashMap<K, V, Fnv>` and `HashSet<K, Fnv>`.
pub type Fnv = BuildHasherDefault<FnvHasher>;
