//! The `pivot` binary: parses arguments and dispatches. All analysis lives in `pivot-lint`;
//! this crate reads files, renders output and maps outcomes to exit codes.
//!
//! `pivot` links only the analysis core, so that a `pivot check` process starts fast (the
//! whole stack — web, database, embedding model, importers — is a 140 MB image whose
//! relocations and page faults cost about a millisecond before `main`). It runs `check`,
//! `scan`, `rules` and `roles` itself and hands every other command, and checks of PDF or
//! DOCX files, over to `pivot-full` next to it, which replaces this process (same PID,
//! same signals, same exit code).

mod args;
mod check;
mod exit;
mod input;
mod json;
mod render;
mod rules;

use anyhow::{Context, bail};
use clap::Parser;
use std::process::ExitCode;

/// The binary with every command, installed next to this one.
const FULL: &str = "pivot-full";

fn main() -> ExitCode {
    exit::finish(run(args::Cli::parse()))
}

fn run(cli: args::Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        args::Command::Check(a) | args::Command::Scan(a)
            if a.files.iter().any(|p| input::is_document(p)) =>
        {
            hand_over()
        }
        args::Command::Check(a) => check::check(a, None),
        args::Command::Scan(a) => check::scan(a, None),
        args::Command::Rules(a) => rules::rules(a),
        args::Command::Roles(a) => rules::roles(a),
        _ => hand_over(),
    }
}

/// Replaces this process with `pivot-full` and the same arguments.
fn hand_over() -> anyhow::Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe().context("cannot find the pivot binary's own path")?;
    let full = exe.with_file_name(FULL);
    if !full.is_file() {
        bail!(
            "this command runs in {FULL}, which is not next to pivot (looked for {}): build both with `cargo build --release`",
            full.display()
        );
    }
    let err =
        std::process::Command::new(&full).arg0("pivot").args(std::env::args_os().skip(1)).exec();
    Err(err).with_context(|| format!("cannot run {}", full.display()))
}
