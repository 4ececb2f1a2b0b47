//! A push to the team's repository, checked before it lands. The server's
//! `pre-receive` hook hands `roadmap check --pushed` the refs a push
//! updates; every commit the push brings must hold a plan without errors.
//!
//! Every new commit, not only the tips: the history is the plan's time
//! axis, and `progress`, `diff` and the reports read each commit of it, so
//! a broken commit in the middle of a push would stay in every report that
//! crosses it. A commit the repository already holds in some ref was
//! judged when it came (or before the hook was installed) and is not
//! checked again; a commit without `plans/` has no plan to break.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Severity};
use crate::error::Error;
use crate::git::{PushedCommit, RefUpdate, Repo};
use crate::load::{self, Snapshot};

/// A new commit whose plan has errors.
pub(crate) struct Broken {
    pub commit: PushedCommit,
    /// The plan at that commit, for the source lines under each error.
    pub snapshot: Snapshot,
    /// Its errors that no earlier commit of the push had.
    pub errors: Vec<Diagnostic>,
    /// How many of its errors an earlier commit of the push had (shown
    /// there).
    pub repeated: usize,
}

/// What a push brings and which of it breaks a plan.
pub(crate) struct Outcome {
    /// New commits that hold `plans/`, every one checked.
    pub checked: usize,
    /// New commits without `plans/`.
    pub without_plans: usize,
    pub broken: Vec<Broken>,
}

impl Outcome {
    pub(crate) fn accepted(&self) -> bool {
        self.broken.is_empty()
    }
}

/// The `OLD NEW REF` lines git writes to a pre-receive hook's stdin.
pub(crate) fn parse_updates(text: &str) -> Result<Vec<RefUpdate>, Error> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next(), words.next()) {
                (Some(old), Some(new), Some(name), None) => Ok(RefUpdate {
                    old: old.to_owned(),
                    new: new.to_owned(),
                    name: name.to_owned(),
                }),
                _ => Err(Error::Usage(format!(
                    "line {} of the updates is `{line}`: expected `OLD-ID NEW-ID REF`, as git gives a pre-receive hook on stdin",
                    n + 1
                ))),
            }
        })
        .collect()
}

/// Checks every commit that `updates` bring to `repo`.
pub(crate) fn check(repo: &Repo, updates: &[RefUpdate]) -> Result<Outcome, Error> {
    let mut outcome = Outcome {
        checked: 0,
        without_plans: 0,
        broken: Vec::new(),
    };
    let mut shown = HashSet::new();
    for commit in repo.pushed_commits(updates)? {
        if commit.plans.is_none() {
            outcome.without_plans += 1;
            continue;
        }
        outcome.checked += 1;
        let snapshot = load::load(repo.files_at(&commit.id)?);
        let errors: Vec<Diagnostic> = crate::check_snapshot(&snapshot)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if errors.is_empty() {
            continue;
        }
        let total = errors.len();
        let errors: Vec<Diagnostic> = errors
            .into_iter()
            .filter(|d| shown.insert((d.path.clone(), d.line, d.column, d.code, d.message.clone())))
            .collect();
        outcome.broken.push(Broken {
            repeated: total - errors.len(),
            commit,
            snapshot,
            errors,
        });
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::parse_updates;

    #[test]
    fn the_updates_are_read_line_by_line() {
        let zero = "0".repeat(40);
        let one = "1".repeat(40);
        let updates = parse_updates(&format!(
            "{zero} {one} refs/heads/main\n\n{one} {zero} refs/tags/v1\n"
        ))
        .expect("two updates");
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[0].name, "refs/heads/main");
        assert_eq!(updates[1].new, zero);
        let err = parse_updates("abc refs/heads/main\n").expect_err("refused");
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
