//! How `new`, `review`, `record` and `import` open the working tree's plan
//! (see [`crate::working`]), write, commit and stop, and what they say.

use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::NaiveDate;

use crate::edit::{Transaction, Written};
use crate::error::Error;
use crate::signals;
pub(super) use crate::working::Working;

use super::Ctx;

/// The working tree's plan of the repository the command runs in.
pub(super) fn open(ctx: &Ctx, today: Option<NaiveDate>) -> Result<Working, Error> {
    Working::open(&ctx.cwd, ctx.person.clone(), today)
}

/// Prints the warnings a written change leaves in the plan.
pub(super) fn print_warnings(ctx: &Ctx, warnings: &[crate::diag::Diagnostic]) {
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
pub(super) fn stop_cleanly(command: &'static str, what: &'static str) -> Result<(), Error> {
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
pub(super) fn write(ctx: &Ctx, tx: Transaction, what: &str) -> Result<Vec<String>, Error> {
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
pub(super) fn updated(
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
pub(super) fn commit(root: &Path, paths: &[String], message: &str) -> Result<String, Error> {
    signals::critical(|| {
        let id = commit_now(root, paths, message);
        if id.is_ok() {
            STAGE.store(COMMITTED, Ordering::SeqCst);
        }
        id
    })
}

fn commit_now(root: &Path, paths: &[String], message: &str) -> Result<String, Error> {
    let committed = crate::working::commit(root, paths, message)?;
    if let Some(problem) = committed.hook_failed {
        eprintln!("warning: the post-commit hook failed: {problem}");
    }
    Ok(committed.id)
}
