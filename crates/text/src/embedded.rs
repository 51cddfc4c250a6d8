//! Regexes whose DFAs a build script compiled and embedded in the binary (the quantity
//! trigger here, the built-in style's patterns in pivot-lint): read in place, without
//! validating their tables at each start, which touched every page of them.

use regex_automata::dfa::{dense, regex::Regex};

/// A regex over embedded forward and reverse DFAs.
pub type EmbeddedRegex = Regex<dense::DFA<&'static [u32]>>;

/// Bytes aligned for the DFA deserializer, which reads them as `u32`s in place:
/// `&Aligned { align: [], bytes: *include_bytes!(…) }`.
#[repr(C)]
pub struct Aligned<B: ?Sized> {
    /// Zero-sized; gives the struct `u32` alignment.
    pub align: [u32; 0],
    /// The serialized DFA.
    pub bytes: B,
}

/// The regex over a forward and a reverse DFA.
///
/// # Safety
///
/// Both must be what `to_bytes_*_endian` of this same regex-automata (one version in
/// Cargo.lock for build scripts and crates) wrote for the target's endianness: only their
/// headers are checked here. Each caller keeps a test that runs the validating
/// `dense::DFA::from_bytes` on its bytes.
pub unsafe fn embedded_regex(
    forward: &'static Aligned<[u8]>,
    reverse: &'static Aligned<[u8]>,
) -> EmbeddedRegex {
    // SAFETY: the caller's contract above.
    let dfa = |bytes: &'static [u8]| unsafe {
        dense::DFA::from_bytes_unchecked(bytes).expect("a build script wrote this DFA").0
    };
    Regex::builder().build_from_dfas(dfa(&forward.bytes), dfa(&reverse.bytes))
}
