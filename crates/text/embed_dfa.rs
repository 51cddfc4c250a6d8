//! Build-time half of `src/embedded.rs`, shared by the build scripts of pivot-text and
//! pivot-lint (each includes this file): compiles a pattern into a minimized forward and
//! reverse dense DFA and writes them into OUT_DIR for `include_bytes!`.

use regex_automata::dfa::{dense, regex::Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use std::path::{Path, PathBuf};

/// Writes `OUT/{stem}.forward.dfa` and `OUT/{stem}.reverse.dfa` and returns their paths; an
/// error when the pattern does not compile or its DFA would pass 16 MB while being built.
pub fn write_dfas(pattern: &str, out: &Path, stem: &str) -> Result<[PathBuf; 2], String> {
    let regex = Regex::builder()
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .dense(
            dense::Config::new()
                .minimize(true)
                .dfa_size_limit(Some(16 << 20))
                .determinize_size_limit(Some(64 << 20)),
        )
        .build(pattern)
        .map_err(|e| e.to_string())?;
    let little = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() != Ok("big");
    let write = |name: &str, dfa: &dense::DFA<Vec<u32>>| {
        let (bytes, pad) =
            if little { dfa.to_bytes_little_endian() } else { dfa.to_bytes_big_endian() };
        let file = out.join(format!("{stem}.{name}.dfa"));
        // The padding only aligns the Vec's own buffer; the file is read into an aligned static.
        std::fs::write(&file, &bytes[pad..]).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        file
    };
    Ok([write("forward", regex.forward()), write("reverse", regex.reverse())])
}
