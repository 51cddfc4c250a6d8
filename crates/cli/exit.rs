//! How a command's outcome becomes the process's exit code, shared by `pivot` and
//! `pivot-full`.
//!
//! Exit codes: 0 no error-level finding, 1 at least one, 2 usage or I/O error.

use std::io::Write;
use std::process::ExitCode;

/// Prints an error as one line (`pivot: error: what: why`) and maps it to exit code 2.
pub fn finish(outcome: anyhow::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`pivot check … | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "pivot: error: {err}");
            for cause in err.chain().skip(1) {
                let _ = write!(stderr, ": {cause}");
            }
            let _ = writeln!(stderr);
            ExitCode::from(2)
        }
    }
}
