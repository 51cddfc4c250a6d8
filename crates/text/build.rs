//! Compiles the quantity trigger (`quantity-trigger.re`) into a forward and a reverse dense DFA
//! in OUT_DIR, so that no process compiles it: see `TRIGGER` in src/quantity.rs.

mod embed_dfa;

use std::{env, fs, path::PathBuf};

fn main() {
    let source = "quantity-trigger.re";
    println!("cargo:rerun-if-changed={source}");
    let pattern = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    embed_dfa::write_dfas(&pattern, &out, "quantity-trigger")
        .unwrap_or_else(|e| panic!("{source}: {e}"));
}
