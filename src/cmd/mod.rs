//! One file per subcommand: the only layer that prints or writes output.

/// `println!` for a command's report lines ("wrote ...", "committed
/// ..."): the work is done whether or not they are read, so a reader that
/// went away (`| head`) or any other failure to write them does not stop
/// the command, let alone panic.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::say(format_args!($($arg)*))
    };
}

mod check;
mod completions;
mod demo;
mod diff;
mod hooks;
mod import;
mod init;
mod man;
pub(crate) mod new;
mod progress;
mod record;
mod report;
mod review;
mod schema;
mod status;
mod watch;
mod working;

use std::path::PathBuf;

use crate::cli::{Cli, Command, Recording};
use crate::error::Error;
use crate::load::{self, Problem};
use crate::term::{ColorChoice, Palette};

/// What every command gets: where it runs and how to print.
pub struct Ctx {
    pub cwd: PathBuf,
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: bool,
    /// `--person`: whose plan, in a team repository (see `person`).
    pub person: Option<String>,
}

impl Ctx {
    pub fn stdout(&self) -> Palette {
        Palette::new(self.color, false)
    }

    pub fn stderr(&self) -> Palette {
        Palette::new(self.color, true)
    }

    /// The nearest folder at or above the working directory that holds
    /// `plans/`: the plan repository's root.
    pub fn plan_root(&self) -> Result<PathBuf, Error> {
        crate::layout::plan_root(&self.cwd)
    }

    /// The person this run is about (`--person`, else the person's folder
    /// it runs in; `None`: every plan), with `files` kept to that person's:
    /// see [`crate::person::select`].
    pub fn select(&self, files: &mut Vec<load::RawFile>) -> Result<Option<String>, Error> {
        let Ok(root) = self.plan_root() else {
            return crate::person::resolve(
                self.person.as_deref(),
                &self.cwd,
                &self.cwd,
                &crate::person::people(files),
            );
        };
        crate::person::select(self.person.as_deref(), &self.cwd, &root, files)
    }
}

/// The warning of a command that shows a plan some of whose files did not
/// load: each file, where and what is wrong, and what the plan is shown
/// without. Empty when the plan is whole. Every command that shows a plan
/// says this in these words, so a partial plan is never shown as whole.
pub(crate) fn partial_text(problems: &[Problem], palette: Palette) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if problems.is_empty() {
        return out;
    }
    let files = match problems.len() {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    };
    let _ = writeln!(
        out,
        "{} the plan is incomplete: {files} could not be read whole, and what {} hold is left out of every figure",
        palette.warning("warning:"),
        if problems.len() == 1 {
            "it would"
        } else {
            "they would"
        },
    );
    for p in problems {
        let _ = writeln!(out, "  {}:{}:{}: {}", p.path, p.line, p.column, p.message);
        let _ = writeln!(out, "    {} {}", palette.dim("left out:"), p.missing);
        if let Some(hint) = &p.hint {
            let _ = writeln!(out, "    {} {hint}", palette.dim("hint:"));
        }
    }
    let _ = writeln!(
        out,
        "  {}",
        palette.dim("`roadmap check` lists every problem; fix these and run this again")
    );
    out.push('\n');
    out
}

/// Prints [`partial_text`] on stderr and returns the exit code of a
/// command that showed or wrote a plan (see "Exit codes" in `docs/commands.md`).
pub(crate) fn warn_partial(ctx: &Ctx, problems: &[Problem]) -> i32 {
    if !problems.is_empty() {
        eprint!("{}", partial_text(problems, ctx.stderr()));
    }
    partial_code(problems)
}

/// The exit code of a plan shown or written with `problems` left out: 0
/// when it is whole; 2 (environment) when a file could not be read at all,
/// as for a folder that is not a repository; else 1 (the plan has errors).
pub(crate) fn partial_code(problems: &[Problem]) -> i32 {
    if problems.iter().any(|p| p.code == load::UNREADABLE) {
        crate::error::Kind::Environment.exit_code()
    } else {
        i32::from(!problems.is_empty())
    }
}

/// The history `read` reads, and the problems of the plan in the working
/// tree, or at `at`, for a command that reads the plan through its history
/// only. Where there is no plan to read (a bare repository's working tree,
/// no `plans/` yet), nothing of it is left out.
///
/// Parsing the whole plan costs a history read from the cache three times
/// over, so the problems of `HEAD`'s plan are kept in the cache folder
/// under the id of its `plans/` tree: a run whose plan is `HEAD`'s (no
/// uncommitted edits, or `--committed`) reads them back. When they are not
/// kept, the plan is read beside the history, not after it: a history
/// read from the start leaves the second core idle part of the time.
pub(crate) fn history_and_problems(
    ctx: &Ctx,
    at: Option<&crate::when::When>,
    committed: bool,
    read: impl FnOnce() -> Result<crate::history::History, Error> + Send,
) -> Result<(crate::history::History, Vec<Problem>), Error> {
    let head = at.is_none().then(|| head_tree(ctx)).flatten();
    let head_plan = |history: &crate::history::History| committed || !history.edited;
    if let Some(kept) = head
        .as_ref()
        .and_then(|(dir, tree)| kept_problems(dir, tree))
    {
        let history = read()?;
        let problems = if head_plan(&history) {
            kept
        } else {
            plan_problems(ctx, None, false)
        };
        return Ok((history, problems));
    }
    let (history, problems) = rayon::join(read, || plan_problems(ctx, at, committed));
    let history = history?;
    if let Some((dir, tree)) = head.filter(|_| head_plan(&history)) {
        keep_problems(&dir, tree, &problems);
    }
    Ok((history, problems))
}

/// The cache folder and the id of `HEAD`'s `plans/` tree, the key the
/// problems of `HEAD`'s plan are kept under.
fn head_tree(ctx: &Ctx) -> Option<(PathBuf, String)> {
    let repo = crate::git::Repo::discover(&ctx.cwd).ok()?;
    Some((repo.cache_dir(), repo.plans_tree_id("HEAD")?))
}

/// The problems kept for the `plans/` tree `tree`, if any.
fn kept_problems(dir: &std::path::Path, tree: &str) -> Option<Vec<Problem>> {
    let bytes = crate::state::read(&dir.join(PROBLEMS), MAX_PROBLEMS_BYTES)?;
    let stored = serde_json::from_slice::<StoredProblems>(&bytes).ok()?;
    (stored.tree == tree).then_some(stored.problems)
}

/// Keeps `problems` as those of the `plans/` tree `tree`.
fn keep_problems(dir: &std::path::Path, tree: String, problems: &[Problem]) {
    let stored = StoredProblems {
        tree,
        problems: problems.to_vec(),
    };
    // Only saves time: a cache that cannot be written is not an error.
    if let Ok(bytes) = serde_json::to_vec(&stored) {
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| crate::state::replace(&dir.join(PROBLEMS), &bytes));
    }
}

/// The problems of the plan at `at`, at `HEAD` with `committed`, else in
/// the working tree, parsed.
fn plan_problems(ctx: &Ctx, at: Option<&crate::when::When>, committed: bool) -> Vec<Problem> {
    let at = match (at, committed) {
        (Some(at), _) => Some(at.clone()),
        (None, true) => Some(crate::when::When::Rev("HEAD".to_owned())),
        (None, false) => None,
    };
    crate::when::resolve(&ctx.cwd, at.as_ref())
        .map(|point| load::load(point.files).all_problems())
        .unwrap_or_default()
}

/// The cache file of [`history_and_problems`].
const PROBLEMS: &str = "problems.json";

/// A larger [`PROBLEMS`] is taken for damage: a plan's problems take a
/// few kilobytes.
const MAX_PROBLEMS_BYTES: u64 = 16 << 20;

/// The problems of one `plans/` tree, as [`history_and_problems`] keeps
/// them.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredProblems {
    tree: String,
    problems: Vec<Problem>,
}

/// Writes one report line (see [`say!`]); a failure to write it is not
/// the command's.
pub(crate) fn say(line: std::fmt::Arguments) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_fmt(line).and_then(|()| out.write_all(b"\n"));
}

/// Writes a command's output.
fn emit(text: &str) -> Result<(), Error> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// How writing a command's output went. A reader that went away
/// (`roadmap status | head`) ends it quietly: what it wanted was read.
fn written(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("stdout", err)),
        _ => Ok(()),
    }
}

/// Writes each generated file (`name`, `bytes`) into `dir`, made if
/// missing, and says each path unless quiet: `schema` and `man` write
/// their files so.
pub(crate) fn write_generated(
    ctx: &Ctx,
    dir: &std::path::Path,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::io(path.display().to_string(), e))?;
        if !ctx.quiet {
            say!(
                "wrote {}",
                path.strip_prefix(&ctx.cwd).unwrap_or(&path).display()
            );
        }
    }
    Ok(())
}

/// Says, one line each, what an interrupted write had left and what was
/// done about it (see `journal`).
pub(crate) fn say_recovered(recovered: &[crate::journal::Recovery]) {
    use crate::journal::Recovery;
    for recovery in recovered {
        match recovery {
            Recovery::Finished { what, files, kept } => {
                let finished: Vec<&str> = files
                    .iter()
                    .filter(|f| !kept.contains(f))
                    .map(String::as_str)
                    .collect();
                let kept = if kept.is_empty() {
                    String::new()
                } else {
                    format!("; left {} as edited since", kept.join(", "))
                };
                eprintln!(
                    "note: finished an interrupted write ({what}): {}{kept}",
                    if finished.is_empty() {
                        "nothing left to write".to_owned()
                    } else {
                        finished.join(", ")
                    }
                );
            }
            Recovery::RolledBack { files } => eprintln!(
                "note: rolled back an interrupted write that had not begun to replace {}: every file is as it was",
                files.join(", ")
            ),
        }
    }
}

/// Before a command reads the plan: finishes or rolls back a write that a
/// crash interrupted (see `journal`), and says so.
fn recover_interrupted(ctx: &Ctx, command: &Command) -> Result<(), Error> {
    let root = match command {
        Command::Completions { .. }
        | Command::Man(_)
        | Command::Schema(_)
        | Command::Demo { .. } => return Ok(()),
        Command::Init(args) => ctx.cwd.join(&args.dir),
        _ => match ctx.plan_root() {
            Ok(root) => root,
            Err(_) => return Ok(()),
        },
    };
    say_recovered(&crate::journal::recover(&root)?);
    Ok(())
}

/// `--person` on a command that reads no plan is a usage error: it would
/// be ignored.
fn refuse_person(ctx: &Ctx, command: &Command) -> Result<(), Error> {
    let name = match command {
        Command::Init(_) => "init",
        Command::Demo { .. } => "demo",
        Command::Schema(_) => "schema",
        Command::Hooks(_) => "hooks",
        Command::Completions { .. } => "completions",
        Command::Man(_) => "man",
        _ => return Ok(()),
    };
    match &ctx.person {
        Some(person) => Err(Error::Usage(format!(
            "--person {person}: `roadmap {name}` reads no plan, so it is nobody's; leave out --person"
        ))),
        None => Ok(()),
    }
}

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> Result<i32, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let cwd = match &cli.dir {
        Some(dir) => {
            let dir = cwd.join(dir);
            if !dir.is_dir() {
                return Err(Error::Usage(format!(
                    "-C {}: no such folder",
                    dir.display()
                )));
            }
            dir
        }
        None => cwd,
    };
    let ctx = Ctx {
        cwd,
        color: cli.color,
        quiet: cli.quiet,
        verbose: cli.verbose,
        person: cli.person,
    };
    refuse_person(&ctx, &cli.command)?;
    recover_interrupted(&ctx, &cli.command)?;
    match cli.command {
        Command::Check(args) => check::run(&ctx, &args),
        Command::Status(args) => status::run(&ctx, &args),
        Command::Progress(args) => progress::run(&ctx, &args),
        Command::Diff(args) => diff::run(&ctx, &args),
        Command::Schema(args) => schema::run(&ctx, &args),
        Command::Init(args) => init::run(&ctx, &args),
        Command::Demo { dir } => demo::run(&ctx, &dir),
        Command::Hooks(action) => hooks::run(&ctx, action),
        Command::Record(Recording::Record(args)) => record::run(&ctx, &args),
        Command::Review(args) => review::run(&ctx, &args),
        Command::Import(args) => import::run(&ctx, &args),
        Command::New(args) => new::run(&ctx, &args),
        Command::Report(args) => report::run(&ctx, &args),
        Command::Watch(args) => watch::run(&ctx, &args),
        Command::Completions { shell } => completions::run(shell),
        Command::Man(args) => man::run(&ctx, &args),
    }
}
