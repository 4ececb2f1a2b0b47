//! What `new`, `review` and `record` share: the working tree's plan, the
//! person's plan within it, its history up to today, and how they write,
//! commit and stop.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::NaiveDate;

use crate::edit::{Transaction, Written};
use crate::error::Error;
use crate::git::Repo;
use crate::history::History;
use crate::load::{self, Plan, Snapshot};
use crate::signals;
use crate::when::{self, Dates, Point};

use super::Ctx;

/// The working tree's plan, ready to be read and edited.
pub struct Working {
    pub root: PathBuf,
    pub snapshot: Snapshot,
    pub today: NaiveDate,
}

impl Working {
    pub fn open(ctx: &Ctx, today: Option<NaiveDate>) -> Result<Self, Error> {
        let root = ctx.plan_root()?;
        let files = load::read_worktree(&root)
            .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
        Ok(Working {
            root,
            snapshot: load::load(files),
            today: today.unwrap_or_else(when::today),
        })
    }

    /// The plan of the person this run is about (`--person`, or the
    /// person's folder it runs in: see [`crate::person`]), or the only plan.
    pub fn plan(&self, ctx: &Ctx) -> Result<&Plan, Error> {
        let plans = &self.snapshot.plans;
        let people = plans.iter().filter_map(|p| p.person.clone()).collect();
        let person = crate::person::resolve(ctx.person.as_deref(), &ctx.cwd, &self.root, &people)?;
        if let Some(plan) =
            person.and_then(|name| plans.iter().find(|p| p.person.as_ref() == Some(&name)))
        {
            return Ok(plan);
        }
        match plans.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::NoPlans(self.root.display().to_string())),
            many => Err(Error::Usage(format!(
                "this repository holds {} plans: choose one with --person ({}), or run this inside plans/<person>/",
                many.len(),
                many.iter()
                    .filter_map(|p| p.person.as_deref())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The history up to today; empty outside a git repository.
    pub fn history(&self, ctx: &Ctx) -> Result<History, Error> {
        Ok(self.history_dated(ctx)?.0)
    }

    /// The history up to today and the dates its figures are measured at
    /// (docs/progress.md, "Dates").
    pub fn history_dated(&self, ctx: &Ctx) -> Result<(History, Dates), Error> {
        let point = Point {
            files: Vec::new(),
            commit: None,
            worktree: true,
            day: self.today,
            note: None,
        };
        when::read_history(&ctx.cwd, &point, &self.snapshot, false, false)
    }
}

/// Prints the warnings a written change leaves in the plan.
pub fn print_warnings(ctx: &Ctx, warnings: &[crate::diag::Diagnostic]) {
    let palette = ctx.stderr();
    for w in warnings {
        eprintln!(
            "{} {}:{}: {}",
            palette.warning("warning:"),
            w.path,
            w.line,
            w.message
        );
    }
}

/// Where a command that changes the plan is, for what a signal says.
static STAGE: AtomicU8 = AtomicU8::new(UNCHANGED);
const UNCHANGED: u8 = 0;
const WRITTEN: u8 = 1;
const COMMITTED: u8 = 2;

/// Ctrl-C, a closed terminal or a termination signal stops the command at
/// once before it writes (nothing is changed). The write and the commit
/// are finished once begun (see `signals`), and the command stops after
/// them, saying what it left: `{what} is written but not committed`.
pub fn stop_cleanly(command: &'static str, what: &'static str) -> Result<(), Error> {
    signals::on_stop(move || {
        let left = match STAGE.load(Ordering::SeqCst) {
            UNCHANGED => format!("{command} stopped; nothing was changed"),
            WRITTEN => format!("stopped: {what} is written but not committed"),
            _ => format!("stopped: {what} is written and committed"),
        };
        eprintln!("\n{left}");
        std::process::exit(signals::STOPPED);
    })
}

/// Writes the transaction (see [`Transaction::write`]); a signal meanwhile
/// waits until it is written. Says what an interrupted write left and was
/// recovered, and the warnings of the plan as written; returns the paths
/// written.
pub fn write(ctx: &Ctx, tx: Transaction, what: &str) -> Result<Vec<String>, Error> {
    let Written {
        paths,
        warnings,
        recovered,
    } = signals::critical(|| {
        let written = tx.write(what);
        if written.is_ok() {
            STAGE.store(WRITTEN, Ordering::SeqCst);
        }
        written
    })?;
    super::say_recovered(&recovered);
    print_warnings(ctx, &warnings);
    Ok(paths)
}

/// Says which files a write changed (unless `quiet`) and, with `commit`,
/// commits them with `message` and says the commit: the end of `record`
/// and `import`.
pub fn updated(
    quiet: bool,
    root: &Path,
    written: &[String],
    message: &str,
    commit: bool,
) -> Result<(), Error> {
    if !quiet {
        for path in written {
            say!("updated {path}");
        }
    }
    if commit {
        let id = self::commit(root, written, message)?;
        if !quiet {
            say!("committed {} {message}", &id[..id.len().min(7)]);
        }
    }
    Ok(())
}

/// Commits `paths` (relative to the plan repository's root) with
/// `message`; returns the commit id. A signal meanwhile waits until the
/// commit is made and the post-commit hook has run.
pub fn commit(root: &Path, paths: &[String], message: &str) -> Result<String, Error> {
    signals::critical(|| {
        let id = commit_now(root, paths, message);
        if id.is_ok() {
            STAGE.store(COMMITTED, Ordering::SeqCst);
        }
        id
    })
}

fn commit_now(root: &Path, paths: &[String], message: &str) -> Result<String, Error> {
    let repo = Repo::discover(root)?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::Usage("a bare repository has no working tree".to_owned()))?;
    let workdir = workdir.canonicalize().unwrap_or(workdir);
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let prefix = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    let paths: Vec<String> = paths
        .iter()
        .map(|p| {
            let joined = prefix.join(p);
            joined.to_string_lossy().replace('\\', "/")
        })
        .collect();
    let id = repo.commit_files(&paths, message)?;
    if let Some(problem) = crate::hooks::run_post_commit(&repo) {
        eprintln!("warning: the post-commit hook failed: {problem}");
    }
    Ok(id)
}
