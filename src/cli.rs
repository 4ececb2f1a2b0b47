//! The command line, exactly: clap types and help text, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::complete;
use crate::term::ColorChoice;
use crate::when::When;

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "A ten-year career plan kept as plain text in git: check it, track it, report on it.",
    long_about = "roadmap reads the career plan under plans/ (Markdown with YAML front matter, and YAML), \
validates it, and treats the repository's history as the plan's time axis.",
    after_help = "Examples:\n  roadmap init --example      write the example plan into this folder\n  roadmap check               validate every file under plans/\n  roadmap check --staged      validate what the next commit would hold\n\nExit codes:\n  0  success: the plan was read whole\n  1  the plan has errors: check found some (diff --exit-code: differences), or a file of the\n     plan does not load and what was shown or written leaves it out (every command names\n     the file, its line and problem and what is missing)\n  2  usage or environment: an argument that cannot be (an unknown flag, revision, period or\n     id); not a git repository, no plans/, a file that cannot be read or written, git failing\n  4  internal: a fault of roadmap itself"
)]
pub struct Cli {
    /// Run as if started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to use colour (under `auto`, `NO_COLOR` and `CLICOLOR_FORCE` are honoured).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Whose plan, in a repository with one folder per person (plans/NAME/); run inside
    /// plans/NAME/ it is that person's.
    #[arg(long, global = true, value_name = "NAME", add = ArgValueCandidates::new(complete::persons))]
    pub person: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// Each command's arguments are made only when that command runs
/// (`defer`), so a run of `roadmap progress` does not build every other
/// command's. `record` and `hooks` have subcommands of their own, which
/// `help` and the completions list from the tree as first made, so those two
/// are made in full up front: `record` through the flattened [`Recording`],
/// `hooks` as a newtype `subcommand` variant, a form clap never defers.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
        after_help = "Examples:\n  roadmap progress territory-revenue\n  roadmap progress --since 2026-01-01 --format csv > progress.csv\n  roadmap progress --committed --format json\n  roadmap progress territory-revenue --person bob   # one person of a team"
    )]
    Progress(ProgressArgs),

    #[command(flatten)]
    Record(Recording),

    /// A guided review on the terminal: values, the guide's questions, wins and learnings, then commit.
    #[command(
        after_help = "PERIOD is a month (2026-11), a quarter (2026-Q4) or a year (2026); it defaults to the next\nreview due. The review shows where things stand, asks for each metric's and key result's\ncurrent value (Enter keeps it), asks the review questions, records wins and learnings, and\nwrites the review file and the new values in one go. Stopping it (Ctrl-C, Ctrl-D) changes\nnothing. It then offers to commit (`review: 2026-11`) and, for a quarter or a year, to tag\n(`review/2026-Q4`).\n\nExamples:\n  roadmap review\n  roadmap review 2026-Q4\n  roadmap review 2026-11 --answers november.yaml --commit\n  roadmap review 2026-11 --import opportunities.csv --rules salesforce.yaml"
    )]
    Review(ReviewArgs),

    /// Write a new period's document from its template, prefilled from the plan.
    #[command(
        after_help = "KIND is year, quarter, month-review, quarter-review or year-review; PERIOD defaults to the\nnext one due. A new quarter carries over the last one's unfinished objectives and links them\nto the year's; a new year rolls revenue targets forward within the growth band; reviews are\nprefilled with the period's numbers and the guide's questions. An existing file is never\noverwritten. The templates are templates/plan/*.md, replaceable per repository.\n\nExamples:\n  roadmap new quarter\n  roadmap new year 2027\n  roadmap new month-review 2026-11\n  roadmap new quarter-review --print"
    )]
    New(NewArgs),

    /// What changed in the plan between two points, matched by id; or two periods' plans side by side.
    #[command(
        after_help = "FROM and TO are a git revision, a review tag, a date (the state at the end of that day) or a period\n(2026-Q1: the state at the end of Q1). FROM defaults to the last review, TO to the working tree.\n\nExamples:\n  roadmap diff                          since the last review\n  roadmap diff 2026-Q2 2026-Q3          end of Q2 against end of Q3\n  roadmap diff review/2026-Q2 HEAD --format markdown\n  roadmap diff --periods 2026-Q1 2026-Q2   compare two quarters' plans\n  roadmap diff --periods 2025 2026\n  roadmap diff --exit-code >/dev/null || echo changed\n  roadmap diff 2026-10 2026-11 --person bob   # one person of a team: plans/bob/"
    )]
    Diff(DiffArgs),

    /// Metric readings and key-result values from a CRM or spreadsheet export (CSV, XLSX), through a rules file.
    #[command(
        after_help = "The rules file (YAML, docs/import.md) names the export's date and amount columns, the rows to\nkeep (`where: {Stage: Closed Won}`) and how they add up into each metric (by month) or key\nresult (its quarter). A dry run shows each reading, old and new, and the rows left out; --apply\nwrites them in one checked, all-or-nothing change. A value typed by hand is kept unless --force.\nOn a terminal the default is a dry run; when stdin is not a terminal, --apply or --dry-run is\nrequired. --commit applies and commits (`import: FILE`).\n\nExamples:\n  roadmap import opportunities.csv --rules salesforce.yaml\n  roadmap import opportunities.csv --rules salesforce.yaml --apply --commit\n  roadmap import territory.xlsx --rules finance.yaml --dry-run"
    )]
    Import(ImportArgs),

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

    /// Write the dashboard, the one-page summary, CSV exports and the planning templates.
    #[command(
        after_help = "Writes into dashboard/ (or --out DIR): index.html (the interactive dashboard), summary.html\n(the printable one-page roadmap), csv/*.csv and templates.html with templates/*.md. A file of the\nsame name in the repository's own templates/ folder replaces the built-in one.\n\nExamples:\n  roadmap report\n  roadmap report --out site/\n  roadmap report --context | jq .overall\n  roadmap report --share                 no pay or private field, into dashboard-shared/\n  roadmap report --achievements 2026 > promotion-case.md\n  roadmap report --achievements 2026-Q3 --format csv"
    )]
    Report(ReportArgs),

    /// Keep the reports current: re-check and re-render on every save.
    #[command(
        after_help = "Watches plans/ and templates/ and rebuilds the reports after each burst of saves; a plan that\ndoes not check keeps the last good report and prints the diagnostics. Ctrl-C stops it.\nWith --serve, the report is also on http://127.0.0.1:8700/ (only this machine can reach it, and
only requests for localhost, 127.0.0.1 or [::1] are answered).\n\nExamples:\n  roadmap watch\n  roadmap watch --serve\n  roadmap watch --out site/ --poll"
    )]
    Watch(WatchArgs),

    /// Make a git repository holding the example plan with 22 months of history to explore.
    #[command(
        after_help = "Writes a new repository into DIR (created if missing; refused if not empty): the example\nplan as it stood at the end of each month from January 2025 to October 2026, one backdated\ncommit per monthly review (`review: 2025-03`), a tag per quarterly review (review/2025-Q1 ...),\nactuals moving, objectives closing, a target lowered and a quarter replanned.\n\nExamples:\n  roadmap demo roadmap-demo\n  cd roadmap-demo && roadmap status --at 2026-Q1\n  roadmap -C roadmap-demo progress territory-revenue --format csv"
    )]
    Demo {
        /// The folder to write the repository into: missing or empty.
        #[arg(id = "demo_dir", value_name = "DIR")]
        dir: PathBuf,
    },

    /// Install, remove or show the git hooks: check the plan before each commit, rebuild the reports after.
    #[command(
        after_help = "install puts a pre-commit hook (roadmap check --staged) and post-commit, post-merge and\npost-checkout hooks (roadmap report, in the background) into the hooks folder, honouring\ncore.hooksPath. A hook that is already there is kept: it runs first and its exit code counts,\nand uninstall puts it back exactly. When husky, lefthook or the pre-commit framework runs the\nhooks, install adds roadmap to its files instead (.husky/pre-commit, lefthook.yml,\n.pre-commit-config.yaml) and uninstall removes exactly that; status names the manager.\n\nIn a bare repository (the team's repository on a git server), or with --server, install puts a\npre-receive hook instead (roadmap check --pushed), which refuses a push whose new commits break\na plan and shows the pusher why. It calls the roadmap that installed it, by its absolute path.\n\nExamples:\n  roadmap hooks install\n  roadmap hooks status\n  roadmap hooks uninstall\n  git commit --no-verify        # skip the check once\n  roadmap -C /srv/git/team.git hooks install     # on the server"
    )]
    #[command(subcommand)]
    Hooks(HooksAction),

    /// Print the shell's completion script: commands, options and the plan's own ids, periods and tags.
    #[command(
        after_help = "The script asks roadmap for the candidates at each TAB (COMPLETE=SHELL roadmap -- WORDS), so\nthe ids, periods, review tags and people offered are those of the plan in the current folder\n(or -C DIR). Write it anew after upgrading roadmap.\n\nExamples:\n  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  roadmap completions zsh > ~/.zfunc/_roadmap          # a folder in $fpath\n  roadmap completions fish > ~/.config/fish/completions/roadmap.fish\n  eval (roadmap completions elvish | slurp)            # in ~/.config/elvish/rc.elv\n  roadmap completions powershell | Out-String | Invoke-Expression   # in $PROFILE"
    )]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Write a manual page for roadmap and for each of its commands.
    #[command(
        after_help = "Writes DIR/man1/roadmap.1, roadmap-check.1, roadmap-record-done.1 ... (DIR defaults to man).\nDIR is a manual folder: give one man searches, and `man roadmap-diff` finds the page.\n\nExamples:\n  roadmap man --out ~/.local/share/man\n  sudo roadmap man --out /usr/local/share/man\n  roadmap man && man -l man/man1/roadmap-record.1"
    )]
    Man(ManArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// How `check` writes its diagnostics: for a person, a script, or a
/// forge's CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    #[default]
    Text,
    Json,
    /// GitHub Actions annotations: `::error file=...,line=...::message`, shown on the pull request's lines.
    Github,
    /// A GitLab Code Quality report (JSON), shown on the merge request.
    Gitlab,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Check the plan at a commit instead of the working tree: a revision, tag, date or period.
    #[arg(long, value_name = "WHEN", conflicts_with = "staged", add = ArgValueCandidates::new(complete::points))]
    pub rev: Option<When>,

    /// Check what is staged in the git index.
    #[arg(long)]
    pub staged: bool,

    /// Check every commit a push brings, from the `OLD NEW REF` lines on stdin: what the server's pre-receive hook runs.
    #[arg(long, conflicts_with_all = ["rev", "staged"])]
    pub pushed: bool,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show the plan as it stood at a date (2026-06-30), period (2026-Q2), tag or revision (HEAD~3).
    #[arg(long, value_name = "WHEN", add = ArgValueCandidates::new(complete::points))]
    pub at: Option<When>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Ignore uncommitted edits.
    #[arg(long)]
    pub committed: bool,

    /// One line per person and a team line (the default in a repository with
    /// one folder per person, unless run inside a person's folder).
    #[arg(long, conflicts_with = "person")]
    pub team: bool,
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
    #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::progress_ids))]
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

    /// With --format csv, write text cells as the plan has them: no `'` before a leading =, +, -, @, tab or CR.
    #[arg(long)]
    pub raw_csv: bool,

    /// Read history up to this point (a revision, tag, date or period) instead of the working tree.
    #[arg(long, value_name = "WHEN", add = ArgValueCandidates::new(complete::points))]
    pub rev: Option<When>,

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
    #[arg(value_name = "FROM", add = ArgValueCandidates::new(complete::points))]
    pub from: Option<When>,

    /// The newer side (default: the working tree).
    #[arg(value_name = "TO", add = ArgValueCandidates::new(complete::points))]
    pub to: Option<When>,

    /// Compare two periods' own plans instead (2026-Q1 2026-Q2, or 2025 2026).
    #[arg(
        long,
        num_args = 2,
        value_names = ["A", "B"],
        conflicts_with_all = ["from", "to"],
        add = ArgValueCandidates::new(complete::plan_periods)
    )]
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

// Each flag is a switch of its own, not a state among others.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The folder to write into (default: dashboard/ beside plans/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Print the data the templates receive, as JSON, and write nothing.
    #[arg(long)]
    pub context: bool,

    /// Report on this point instead of the working tree: a revision, tag, date or period.
    #[arg(long, value_name = "WHEN", add = ArgValueCandidates::new(complete::points))]
    pub at: Option<When>,

    /// Ignore uncommitted edits.
    #[arg(long)]
    pub committed: bool,

    /// Write CSV text cells as the plan has them: no `'` before a leading =, +, -, @, tab or CR.
    #[arg(long)]
    pub raw_csv: bool,

    /// A report to hand to others: no pay and nothing marked private, in any file (default folder: dashboard-shared/).
    #[arg(long)]
    pub share: bool,

    /// Print the achievements of a year, quarter or month (the promotion case) and write nothing.
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["context", "out"], add = ArgValueCandidates::new(complete::achievement_periods))]
    pub achievements: Option<crate::value::Period>,

    /// The achievements' format: Markdown to paste into a self-review, or CSV.
    #[arg(long, value_enum, default_value_t = AchievementsFormat::Markdown, requires = "achievements")]
    pub format: AchievementsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum AchievementsFormat {
    #[default]
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The folder to write into (default: dashboard/ beside plans/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Poll for changes instead of waiting for file-system events.
    #[arg(long)]
    pub poll: bool,

    /// Also serve the report on http://127.0.0.1:PORT; open pages reload after each rebuild.
    #[arg(long)]
    pub serve: bool,

    /// The port for --serve (0 picks a free one).
    #[arg(long, value_name = "PORT", default_value_t = 8700, requires = "serve")]
    pub port: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum HooksAction {
    /// Install the hooks, keeping any hook that is already there.
    Install {
        /// The server's hook, pre-receive, which refuses a push that breaks a plan (the default in a bare repository).
        #[arg(long)]
        server: bool,
    },
    /// Remove the hooks and put back the ones they replaced.
    Uninstall {
        /// The server's hook (the default in a bare repository).
        #[arg(long)]
        server: bool,
    },
    /// What is installed, whether the hooks find roadmap, how the last rebuild went.
    Status {
        /// The server's hook (the default in a bare repository).
        #[arg(long)]
        server: bool,
    },
}

impl HooksAction {
    /// Whether `--server` was given.
    pub fn server(self) -> bool {
        match self {
            HooksAction::Install { server }
            | HooksAction::Uninstall { server }
            | HooksAction::Status { server } => server,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The manual folder to write into: the pages go into its man1/.
    #[arg(long, value_name = "DIR", default_value = "man")]
    pub out: PathBuf,
}

/// `record` on its own, not deferred: see [`Command`].
#[derive(Debug, Subcommand)]
pub enum Recording {
    /// One-line updates from the shell: a metric reading, a key result, done, a check-in, a win.
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "ID VALUE records a number for the item with that id: a metric's reading for the month of\n--as-of (default today), a key result's or annual objective's current value, a relationship\ngoal's count, a skill's level (1-10). Values are written as typed, in any form status shows:\n5.9M, 850k, $4,360,000, 72%, 3.1x, 4 managers.\nOnly the changed value's bytes change in the file; comments and formatting stay.\n\nExamples:\n  roadmap record territory-revenue 5.9M --as-of 2026-10-31\n  roadmap record 26q4-playbook-users 4\n  roadmap record leadership 5\n  roadmap record done 26q4-publish\n  roadmap record checkin strategic-thinking-time account-review\n  roadmap record checkin weekly-review --date 2026-11-20\n  roadmap record win \"Closed the Kennecott expansion\" --commit\n  roadmap record learning \"Early budget proposals work\"\n  roadmap record career base 132k\n  roadmap record promotion \"Regional Director, West\" --as-of 2027-04-01"
    )]
    Record(RecordArgs),
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    #[command(subcommand)]
    pub what: Option<RecordWhat>,

    /// The id of a metric, key result, annual objective, relationship goal or skill.
    #[arg(value_name = "ID", required = true, add = ArgValueCandidates::new(complete::value_ids))]
    pub id: Option<String>,

    /// The value: 5.9M, 850k, 5,900,000, 72%, a level 1-10; `done` marks an objective done.
    #[arg(value_name = "VALUE", required = true, allow_hyphen_values = true)]
    pub value: Option<String>,

    /// The day the value is true on (default today): its month takes the reading.
    #[arg(
        long = "as-of",
        visible_alias = "date",
        value_name = "DATE",
        global = true
    )]
    pub as_of: Option<crate::value::Date>,

    /// Commit the changed files with a generated message.
    #[arg(long, global = true)]
    pub commit: bool,
}

#[derive(Debug, Subcommand)]
pub enum RecordWhat {
    /// Mark an objective, milestone, initiative or relationship goal done.
    Done {
        #[arg(value_name = "ID", required = true, add = ArgValueCandidates::new(complete::done_ids))]
        ids: Vec<String>,
    },
    /// Check in a habit for the day (today, or --date).
    Checkin {
        #[arg(value_name = "HABIT", required = true, add = ArgValueCandidates::new(complete::habit_ids))]
        habits: Vec<String>,
        /// Record the day as not done instead.
        #[arg(long)]
        missed: bool,
    },
    /// Add time spent on a category of the time budget to the day (today, or --date), in time/YYYY-MM.yaml.
    Time {
        #[arg(value_name = "CATEGORY", add = ArgValueCandidates::new(complete::time_categories))]
        category: String,
        /// Hours and minutes: 2h30m, 45m, 1.5h.
        #[arg(value_name = "DURATION")]
        duration: crate::value::Duration,
    },
    /// Add a win to the month's review (reviews/YYYY-MM.md).
    Win {
        #[arg(value_name = "TEXT", required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Add a learning to the month's review (reviews/YYYY-MM.md).
    Learning {
        #[arg(value_name = "TEXT", required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Set a career figure in career.yaml: title, span, reports, revenue, base or total pay, rank...
    #[command(
        after_help = "Examples:\n  roadmap record career base 132k\n  roadmap record career total 190k --as-of 2027-03-01\n  roadmap record career rank 1/14\n  roadmap record career reports 3\n  roadmap record career span \"5 states, 3 product lines\"\n  roadmap record career promoted 1        # people promoted from your team, to date"
    )]
    Career {
        /// The figure.
        #[arg(value_enum)]
        figure: CareerFigure,
        /// The value: 132k, 6.5M, a count, `2/14` or `2 of 14` for a rank, text for a title or span.
        #[arg(value_name = "VALUE", required = true, num_args = 1..)]
        value: Vec<String>,
    },
    /// Add a promotion (the day from --as-of, default today) and make its title the one held now.
    Promotion {
        /// The new title.
        #[arg(value_name = "TITLE", required = true, num_args = 1..)]
        title: Vec<String>,
    },
}

/// A figure of career.yaml `record career` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CareerFigure {
    /// The title held now.
    Title,
    /// The territory or market covered.
    Territory,
    /// Span of control: geography and products.
    Span,
    /// Direct reports.
    Reports,
    /// Revenue responsibility per year.
    Revenue,
    /// Base salary per year (private).
    Base,
    /// Total compensation per year (private).
    Total,
    /// Pay's percentile of the market for the role, 1-99 (private).
    Market,
    /// Rank among peers: `2/14`.
    Rank,
    /// People promoted from your team, to date.
    Promoted,
    /// Process improvements implemented, to date.
    Improvements,
    /// Best practices adopted by others, to date.
    Practices,
    /// The months between promotions you measure yours against.
    Benchmark,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The month (2026-11), quarter (2026-Q4) or year (2026) to review; default: the next one due.
    #[arg(value_name = "PERIOD", add = ArgValueCandidates::new(complete::review_periods))]
    pub period: Option<String>,

    /// Answer from a YAML file instead of the terminal (the format is in docs/review.md).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// The day of the review (default today).
    #[arg(long = "as-of", visible_alias = "date", value_name = "DATE")]
    pub as_of: Option<crate::value::Date>,

    /// Commit without asking.
    #[arg(long)]
    pub commit: bool,

    /// Tag a quarter's or year's review commit (review/2026-Q4) without asking.
    #[arg(long)]
    pub tag: bool,

    /// Fill the review's metric and key-result values from an export (CSV, XLSX); needs --rules.
    #[arg(long, value_name = "FILE", requires = "rules", value_hint = clap::ValueHint::FilePath)]
    pub import: Option<PathBuf>,

    /// The rules file that reads --import's export (docs/import.md).
    #[arg(long, value_name = "RULES", requires = "import", value_hint = clap::ValueHint::FilePath)]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Year,
    Quarter,
    MonthReview,
    QuarterReview,
    YearReview,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to write.
    #[arg(value_enum, value_name = "KIND")]
    pub kind: NewKind,

    /// The period (2027, 2026-Q4, 2026-11); default: the next one due.
    #[arg(value_name = "PERIOD", add = ArgValueCandidates::new(complete::new_periods))]
    pub period: Option<String>,

    /// Print the document instead of writing it.
    #[arg(long)]
    pub print: bool,

    /// The day to prefill from (default today).
    #[arg(long = "as-of", visible_alias = "date", value_name = "DATE")]
    pub as_of: Option<crate::value::Date>,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // four flags of their own on the command line
pub struct ImportArgs {
    /// The export: CSV (any delimiter; UTF-8, UTF-16 or Windows-1252) or XLSX.
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,

    /// The rules file (YAML): columns, filters, and the metrics and key results they fill.
    #[arg(long, value_name = "RULES", value_hint = clap::ValueHint::FilePath)]
    pub rules: PathBuf,

    /// Show each reading, old and new, and the rows left out; change nothing (the default on a terminal).
    #[arg(long, conflicts_with_all = ["apply", "commit"])]
    pub dry_run: bool,

    /// Write the readings (one checked, all-or-nothing change).
    #[arg(long)]
    pub apply: bool,

    /// Replace readings typed by hand too.
    #[arg(long)]
    pub force: bool,

    /// Apply, then commit the changed files (`import: FILE`).
    #[arg(long)]
    pub commit: bool,

    /// Today, for what counts as the past (default: today).
    #[arg(long = "as-of", visible_alias = "date", value_name = "DATE")]
    pub as_of: Option<crate::value::Date>,
}
