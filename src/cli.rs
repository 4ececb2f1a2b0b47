//! The command line, exactly: clap types and help text, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::term::ColorChoice;

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "A ten-year career plan kept as plain text in git: check it, track it, report on it.",
    long_about = "roadmap reads the career plan under plans/ (Markdown with YAML front matter, and YAML), \
validates it, and treats the repository's history as the plan's time axis.",
    after_help = "Examples:\n  roadmap init --example      write the example plan into this folder\n  roadmap check               validate every file under plans/\n  roadmap check --staged      validate what the next commit would hold\n\nExit codes: 0 success, 1 the plan has errors, 2 usage or environment problems."
)]
pub struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to use colour (`NO_COLOR` is honoured under `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every plan file: syntax, schema, ranges, references, methodology.
    #[command(
        after_help = "Examples:\n  roadmap check\n  roadmap check --strict --format json\n  roadmap check --rev HEAD~1\n  roadmap check --staged        # what a pre-commit hook runs"
    )]
    Check(CheckArgs),

    /// Where the plan stands: overall progress, this year, this quarter, revenue pace, skills, habits.
    #[command(
        after_help = "Examples:\n  roadmap status\n  roadmap status --at 2026-Q2        # as it stood at the end of Q2 2026\n  roadmap status --at review/2026-Q1 --format json"
    )]
    Status(StatusArgs),

    /// The time series behind the status: one row per observation from the git history.
    #[command(
        after_help = "Examples:\n  roadmap progress territory-revenue\n  roadmap progress --since 2026-01-01 --format csv > progress.csv\n  roadmap progress --committed --format json"
    )]
    Progress(ProgressArgs),

    /// What changed in the plan between two points, matched by id; or two periods' plans side by side.
    #[command(
        after_help = "FROM and TO are a git revision, a review tag, a date (the state at the end of that day) or a period\n(2026-Q1: the state at the end of Q1). FROM defaults to the last review, TO to the working tree.\n\nExamples:\n  roadmap diff                          since the last review\n  roadmap diff 2026-Q2 2026-Q3          end of Q2 against end of Q3\n  roadmap diff review/2026-Q2 HEAD --format markdown\n  roadmap diff --periods 2026-Q1 2026-Q2   compare two quarters' plans\n  roadmap diff --periods 2025 2026\n  roadmap diff --exit-code >/dev/null || echo changed"
    )]
    Diff(DiffArgs),

    /// Write a JSON Schema for each plan file kind, for editor completion.
    #[command(
        after_help = "Examples:\n  roadmap schema --out .schemas\n\nThen put this line at the top of plans/metrics.yaml:\n  # yaml-language-server: $schema=../.schemas/metrics.schema.json"
    )]
    Schema(SchemaArgs),

    /// Write a new plan: the guide's questionnaire, an answers file, or the example.
    #[command(
        after_help = "Examples:\n  roadmap init                      answer the questions on the terminal\n  roadmap init my-plan --answers answers.yaml\n  roadmap init --example            the example plan (sales manager to VP)"
    )]
    Init(InitArgs),

    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  roadmap completions zsh > ~/.zfunc/_roadmap\n  roadmap completions fish > ~/.config/fish/completions/roadmap.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Check the plan as of a commit instead of the working tree.
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub rev: Option<String>,

    /// Check what is staged in the git index.
    #[arg(long)]
    pub staged: bool,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show the plan as it stood at a date (2026-06-30), revision (HEAD~3, a tag) or period (2026-Q2).
    #[arg(long, value_name = "DATE|REV|PERIOD")]
    pub at: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Ignore uncommitted edits.
    #[arg(long)]
    pub committed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SeriesFormat {
    #[default]
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Only these item ids (all when none).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// Only observations on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<crate::value::Date>,

    /// Only observations on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<crate::value::Date>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SeriesFormat::Text)]
    pub format: SeriesFormat,

    /// Read history up to this revision instead of HEAD.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,

    /// Ignore uncommitted edits.
    #[arg(long)]
    pub committed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiffFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older side: revision, review tag, date or period (default: the last review).
    #[arg(value_name = "FROM")]
    pub from: Option<String>,

    /// The newer side (default: the working tree).
    #[arg(value_name = "TO")]
    pub to: Option<String>,

    /// Compare two periods' own plans instead (2026-Q1 2026-Q2, or 2025 2026).
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with_all = ["from", "to"])]
    pub periods: Option<Vec<String>>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Exit with 1 when there are differences.
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Folder to write the schemas into.
    #[arg(long, value_name = "DIR", default_value = ".schemas")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the plan (created if missing; `git init` if no repository).
    #[arg(id = "init_dir", value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Write the bundled example plan.
    #[arg(long, conflicts_with = "answers")]
    pub example: bool,

    /// Answer the questionnaire from a YAML file instead of the terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Replace an existing plan.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}
