//! The `pivot` binary: parses arguments and dispatches. All analysis lives in `pivot-lint`;
//! this crate reads files, renders output and maps outcomes to exit codes.
//!
//! Exit codes: 0 no error-level finding, 1 at least one, 2 usage or I/O error.

mod args;
mod check;
mod import;
mod input;
mod map;
mod render;
mod rules;
mod serve;
mod setup;
mod skills;
mod workspace;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run(cli) {
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

fn run(cli: args::Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        args::Command::Check(a) => check::check(a),
        args::Command::Scan(a) => check::scan(a),
        args::Command::Rules(a) => rules::rules(a),
        args::Command::Roles(a) => rules::roles(a),
        args::Command::Import(a) => import::import(a),
        args::Command::Export(a) => import::export(a),
        args::Command::Setup(a) => setup::setup(a),
        args::Command::Skills(a) => skills::skills(a),
        args::Command::Map(a) => map::map(a),
        args::Command::Eval(a) => match a.what {
            args::EvalCommand::Skills(a) => skills::eval(a),
        },
        args::Command::Serve(a) => serve::serve(a),
        args::Command::Status(a) => workspace::status(a),
        args::Command::Target(a) => workspace::target(a),
        args::Command::Proof(a) => workspace::proof(a),
        args::Command::Narrative(a) => workspace::narrative(a),
        args::Command::Checklist(a) => workspace::checklist(a),
        args::Command::Week(a) => workspace::week(a),
    }
}
