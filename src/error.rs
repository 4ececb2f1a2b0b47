//! Errors that stop a command, each with the exit code it maps to. Problems
//! in the plan itself are not errors: they are diagnostics (see `diag`).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a git repository: {}", .0.display())]
    NotARepository(PathBuf),
    #[error("no plans/ folder in {0}")]
    NoPlans(String),
    #[error("unknown revision `{rev}`: {reason}")]
    UnknownRevision { rev: String, reason: String },
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("git: {}", .0.message())]
    Git(#[from] git2::Error),
    /// A template failed to load or render: nothing was written.
    #[error("{0}")]
    Render(#[from] crate::render::RenderError),
}

impl Error {
    /// Every error here is a usage or environment problem.
    pub fn exit_code(&self) -> i32 {
        2
    }

    /// A next step for the person who hit the error.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Error::NotARepository(_) => {
                Some("run it inside the plan's repository, or pass -C <dir>")
            }
            Error::NoPlans(_) => {
                Some("`roadmap init` writes a plan; `roadmap init --example` writes the example")
            }
            Error::UnknownRevision { .. } => {
                Some("any git revision works: a commit, a branch, a tag, HEAD~3")
            }
            Error::Render(e) if e.overridden => Some(
                "fix the template, or delete it to use the built-in one; `roadmap report --context` shows the data it receives",
            ),
            _ => None,
        }
    }

    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
