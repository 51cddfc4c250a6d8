//! Link options for the lean `pivot` binary.

fn main() {
    // `pivot check` is a short process, often started once per file: as a position-dependent
    // executable it has ~100 relocations to apply at start instead of ~19,000, and ~75 fewer
    // page faults (its pointer tables are read from the file, not copied and patched). The
    // cost is that its own code is not address-randomised; `pivot-full`, which serves the
    // web workbench, stays position-independent. Linux only: `-no-pie` is the GNU and LLVM
    // linker drivers' spelling.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=pivot=-no-pie");
    }
}
