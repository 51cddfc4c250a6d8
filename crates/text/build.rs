//! Compiles the quantity trigger (`quantity-trigger.re`) into a forward and a reverse dense DFA
//! in OUT_DIR, so that no process compiles it: see `TRIGGER` in src/quantity.rs.

use regex_automata::dfa::{dense, regex::Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use std::{env, fs, path::PathBuf};

fn main() {
    let source = "quantity-trigger.re";
    println!("cargo:rerun-if-changed={source}");
    let pattern = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let regex = Regex::builder()
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .dense(dense::Config::new().minimize(true))
        .build(&pattern)
        .unwrap_or_else(|e| panic!("{source}: {e}"));
    let little = env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() != Ok("big");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    for (name, dfa) in [("forward", regex.forward()), ("reverse", regex.reverse())] {
        let (bytes, pad) =
            if little { dfa.to_bytes_little_endian() } else { dfa.to_bytes_big_endian() };
        // The padding only aligns the Vec's own buffer; the file is read into an aligned static.
        fs::write(out.join(format!("quantity-trigger.{name}.dfa")), &bytes[pad..]).unwrap();
    }
}
