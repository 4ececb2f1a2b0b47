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
