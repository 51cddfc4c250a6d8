//! Integration tests of the `pivot` binary and the analysis over the committed corpus. One
//! test binary (see ARCHITECTURE.md, "Testing").

mod util;

mod bullets;
mod cli;
mod corpus;
mod regression;
mod workspace;
