//! What `new`, `review`, `record` and `import` share: the working tree's
//! plan, the person's plan within it, its history up to today, and the
//! commit of what they wrote.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;
use crate::git::Repo;
use crate::history::{Events, History};
use crate::load::{self, Plan, Snapshot};
use crate::when::{self, Dates, Point};

/// The working tree's plan, ready to be read and edited.
pub(crate) struct Working {
    pub root: PathBuf,
    pub snapshot: Snapshot,
    pub today: NaiveDate,
    /// Where the command runs: it says whose plan (see [`crate::person`]).
    pub cwd: PathBuf,
    /// `--person`, when given.
    pub person: Option<String>,
}

impl Working {
    /// The plan of the repository `cwd` is in, read from the working tree.
    pub(crate) fn open(
        cwd: &Path,
        person: Option<String>,
        today: Option<NaiveDate>,
    ) -> Result<Self, Error> {
        let root = crate::layout::plan_root(cwd)?;
        let files = load::read_worktree(&root)
            .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
        Ok(Working {
            root,
            snapshot: load::load(files),
            today: today.unwrap_or_else(when::today),
            cwd: cwd.to_path_buf(),
            person,
        })
    }

    /// The plan of the person this run is about (`--person`, or the
    /// person's folder it runs in: see [`crate::person`]), or the only plan.
    pub(crate) fn plan(&self) -> Result<&Plan, Error> {
        let plans = &self.snapshot.plans;
        let people = plans.iter().filter_map(|p| p.person.clone()).collect();
        let person =
            crate::person::resolve(self.person.as_deref(), &self.cwd, &self.root, &people)?;
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
    pub(crate) fn history(&self) -> Result<History, Error> {
        Ok(self.history_dated()?.0)
    }

    /// The history up to today and the dates its figures are measured at
    /// (docs/progress.md, "Dates").
    pub(crate) fn history_dated(&self) -> Result<(History, Dates), Error> {
        let point = Point {
            files: Vec::new(),
            listing: None,
            commit: None,
            worktree: true,
            day: self.today,
            note: None,
        };
        when::read_history(&self.cwd, &point, &self.snapshot, false, Events::None)
    }
}

/// A commit made of what a command wrote.
pub(crate) struct Committed {
    pub id: String,
    /// What went wrong in the post-commit hook, if it failed.
    pub hook_failed: Option<String>,
}

/// Commits `paths` (relative to the plan repository's root) with
/// `message`, and runs the post-commit hook.
pub(crate) fn commit(root: &Path, paths: &[String], message: &str) -> Result<Committed, Error> {
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
    Ok(Committed {
        id,
        hook_failed: crate::hooks::run_post_commit(&repo),
    })
}
