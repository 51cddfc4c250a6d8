//! `pivot-full`: every command of `pivot`, with the importers, the store, the embedding model
//! and the web workbench linked in. The lean `pivot` binary (main.rs) runs the analysis
//! commands itself and hands every other command over to this one; it can also be run
//! directly. Parses arguments and dispatches; all analysis lives in `pivot-lint`.

mod args;
mod check;
mod document;
mod exit;
mod import;
mod input;
mod json;
mod map;
mod render;
mod rules;
mod serve;
mod setup;
mod skills;
mod workspace;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    exit::finish(run(args::Cli::parse()))
}

fn run(cli: args::Cli) -> anyhow::Result<ExitCode> {
    let documents = Some(document::lint_text as input::DocumentReader);
    match cli.command {
        args::Command::Check(a) => check::check(a, documents),
        args::Command::Scan(a) => check::scan(a, documents),
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
