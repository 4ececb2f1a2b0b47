//! Errors that stop a command, each of a [`Kind`] that decides its exit
//! code and its general hint. Problems in the plan itself are not errors:
//! they are diagnostics (see `diag`), and a plan shown without a file that
//! does not load is a warning (see `load::Problem`) and exit code 1.
//!
//! Every message is roadmap's own sentence; what git or a library said
//! comes after it, never alone.

use std::borrow::Cow;
use std::path::PathBuf;

/// What a plan folder without a plan file is, in every message that meets
/// one (`roadmap check`'s diagnostic and every other command's error).
pub const EMPTY_PLAN: &str = "plans/ holds no plan files: there is no plan to read";

/// How to start a plan where there is none.
pub const START_A_PLAN: &str = "`roadmap init` writes a plan (`roadmap init --example` the example plan); `roadmap demo DIR` makes an example repository with a history";

/// What went wrong, in the terms of the exit code (see "Exit codes" in
/// `docs/commands.md`, and `roadmap --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The plan cannot be read well enough to do what was asked: exit 1,
    /// the code a plan with errors gives in every command.
    Plan,
    /// The command line asks for something that does not exist or cannot
    /// be: exit 2, as clap's own errors.
    Usage,
    /// The machine or the repository: not a git repository, no `plans/`,
    /// a file or folder that cannot be read or written, git failing: exit 2, as usage.
    Environment,
    /// A fault of roadmap itself: exit 4.
    Internal,
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Plan => 1,
            // One code for both, as the brief and `--help` promise: the
            // kinds still differ in their hints and wording.
            Kind::Usage | Kind::Environment => 2,
            Kind::Internal => 4,
        }
    }

    /// The next step for every error of this kind, when the error has none
    /// of its own.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Kind::Plan => Some("`roadmap check` lists every problem of the plan"),
            Kind::Internal => Some(
                "this is a fault of roadmap, not of the plan: please report it with the command that was run",
            ),
            Kind::Usage | Kind::Environment => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a git repository: {}", .0.display())]
    NotARepository(PathBuf),
    /// git's ownership check refused the repository: it belongs to
    /// another user and is not listed in `safe.directory`.
    #[error(
        "git refuses to open the repository at {}, which another user owns (git's ownership check): {reason}",
        .path.display()
    )]
    NotOwned { path: PathBuf, reason: String },
    #[error("no plans/ folder in {0}")]
    NoPlans(String),
    /// `plans/` is a git submodule (or a repository of its own): its
    /// history is not in this repository. `own_plans` when its checkout
    /// holds a `plans/` folder of its own, where roadmap can be run.
    #[error(
        "plans/ is a git submodule, a repository of its own, in {at}: its files and their history live in that repository, which roadmap does not read through this one"
    )]
    PlansSubmodule { at: String, own_plans: bool },
    /// `plans/` is there but holds no plan file.
    #[error("{}", EMPTY_PLAN)]
    EmptyPlan,
    #[error("unknown revision `{rev}`: {reason}")]
    UnknownRevision { rev: String, reason: String },
    #[error("{0}")]
    Usage(String),
    /// The plan cannot be used for what was asked (no readable vision).
    #[error("{0}")]
    Plan(String),
    /// A fault of roadmap: what it was doing, then the cause.
    #[error("{0}")]
    Internal(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot use the git repository: {}", .0.message())]
    Git(#[from] git2::Error),
    /// A template failed to load or render: nothing was written.
    #[error("a template failed, so nothing was written: {0}")]
    Render(#[from] crate::render::RenderError),
}

impl Error {
    pub fn kind(&self) -> Kind {
        match self {
            Error::Plan(_) | Error::EmptyPlan => Kind::Plan,
            Error::Usage(_) | Error::UnknownRevision { .. } => Kind::Usage,
            Error::NotARepository(_)
            | Error::NotOwned { .. }
            | Error::PlansSubmodule { .. }
            | Error::NoPlans(_)
            | Error::Io { .. }
            | Error::Git(_) => Kind::Environment,
            // The repository's own template is the user's file; a built-in
            // one that fails is roadmap's fault.
            Error::Render(e) if e.overridden => Kind::Environment,
            Error::Render(_) | Error::Internal(_) => Kind::Internal,
        }
    }

    pub fn exit_code(&self) -> i32 {
        self.kind().exit_code()
    }

    /// A next step for the person who hit the error: its own, else its
    /// kind's.
    pub fn hint(&self) -> Option<Cow<'static, str>> {
        if let Error::NotOwned { path, .. } = self {
            return Some(Cow::Owned(format!(
                "if you trust it, run `git config --global --add safe.directory {}` (or run roadmap as its owner)",
                path.display()
            )));
        }
        let own = match self {
            Error::PlansSubmodule {
                own_plans: true, ..
            } => Some(
                "that repository holds a plans/ folder of its own: run roadmap there (`roadmap -C plans status`)",
            ),
            Error::PlansSubmodule {
                own_plans: false, ..
            } => Some(
                "keep the plan and its history in one repository: make plans/ an ordinary folder of this one (`git rm --cached plans`, remove plans/.git, `git add plans`), or move its files into a plans/ folder of the submodule's repository and run roadmap there",
            ),
            Error::NotARepository(_) => {
                Some("run it inside the plan's repository, or pass -C <dir>")
            }
            Error::NoPlans(_) | Error::EmptyPlan => Some(START_A_PLAN),
            Error::UnknownRevision { .. } => {
                Some("any git revision works: a commit, a branch, a tag, HEAD~3")
            }
            Error::Render(e) if e.overridden => Some(
                "fix the template, or delete it to use the built-in one; `roadmap report --context` shows the data it receives",
            ),
            _ => None,
        };
        own.or_else(|| self.kind().hint()).map(Cow::Borrowed)
    }

    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A value roadmap made could not be written as JSON: a fault of its
    /// own.
    pub fn serialize(what: &str, err: &serde_json::Error) -> Self {
        Error::Internal(format!("cannot write {what} as JSON: {err}"))
    }
}
