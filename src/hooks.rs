//! The git hooks that keep a plan repository honest without being asked:
//! `pre-commit` refuses a commit that would record an invalid plan, and
//! `post-commit`, `post-merge` and `post-checkout` rebuild the reports in
//! the background.
//!
//! The scripts are POSIX sh, compiled in from `hooks/`, and carry a marker
//! line so that roadmap knows its own. A hook that was there first is never
//! overwritten: it is moved aside to `<name>.roadmap-chained` (the same
//! file, renamed, so bytes and mode stay exactly as they were), roadmap's
//! hook runs it first and passes its exit code on, and uninstalling moves it
//! back. That is for a hooks folder the user owns: when husky, lefthook or
//! the pre-commit framework runs the hooks, [`manager`] adds roadmap to
//! that manager's own files instead. Everything here decides; `cmd::hooks`
//! prints.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::Error;
use crate::git::Repo;

pub(crate) mod manager;
pub(crate) mod receive;

/// The line that marks a hook as roadmap's, followed by its version.
const MARKER: &str = "# roadmap-hook v";

/// The version of the scripts this binary installs.
pub(crate) const VERSION: u32 = 1;

/// What an earlier hook is renamed to while roadmap's runs in its place.
pub(crate) const CHAINED_SUFFIX: &str = ".roadmap-chained";

/// Where the installed scripts record the roadmap that installed them.
const RECORDED: &str = "@ROADMAP@";

const PRE_COMMIT: &str = include_str!("../hooks/pre-commit");
const REBUILD: &str = include_str!("../hooks/post-commit");
const PRE_RECEIVE: &str = include_str!("../hooks/pre-receive");

/// The hooks roadmap installs, in the order they are listed.
pub(crate) const HOOKS: [Hook; 4] = [
    Hook {
        name: "pre-commit",
        script: PRE_COMMIT,
        purpose: "checks the staged plan",
    },
    Hook {
        name: "post-commit",
        script: REBUILD,
        purpose: "rebuilds the reports",
    },
    Hook {
        name: "post-merge",
        script: REBUILD,
        purpose: "rebuilds the reports",
    },
    Hook {
        name: "post-checkout",
        script: REBUILD,
        purpose: "rebuilds the reports",
    },
];

/// The hook roadmap installs in a bare repository, the team's repository
/// on a git server, where no commit is made and no report is rebuilt.
pub(crate) const SERVER_HOOKS: [Hook; 1] = [Hook {
    name: "pre-receive",
    script: PRE_RECEIVE,
    purpose: "refuses a push whose new commits break a plan",
}];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hook {
    pub name: &'static str,
    script: &'static str,
    pub purpose: &'static str,
}

impl Hook {
    /// The script as installed: the template with `roadmap` recorded.
    pub(crate) fn script(&self, roadmap: &Path) -> String {
        self.script
            .replace(RECORDED, &shell_quote_inner(&roadmap.to_string_lossy()))
    }
}

/// What is at a hook's place in the hooks folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum State {
    Missing,
    /// Roadmap's hook, of this `version`, with the roadmap recorded at
    /// install time.
    Roadmap {
        version: u32,
        recorded: Option<PathBuf>,
        executable: bool,
    },
    /// Someone else's hook.
    Other,
}

/// One hook's place: what is there and whether an earlier hook waits
/// beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub hook: Hook,
    pub path: PathBuf,
    pub state: State,
    /// `<name>.roadmap-chained`, when it exists.
    pub chained: Option<PathBuf>,
}

/// What `install` did to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Installed {
    New,
    /// Roadmap's hook was already there; rewritten with this version.
    Updated,
    /// Someone else's hook was moved to this path and is run first.
    Chained(PathBuf),
}

/// What `uninstall` did to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Removed {
    Deleted,
    /// Removed, and the earlier hook put back in its place.
    Restored,
    NotInstalled,
    /// Someone else's hook: left alone.
    Other,
}

/// The state of every hook of `set` ([`HOOKS`] or [`SERVER_HOOKS`]).
pub(crate) fn inspect(dir: &Path, set: &[Hook]) -> Vec<Slot> {
    set.iter()
        .map(|hook| {
            let path = dir.join(hook.name);
            let chained = chained_path(&path);
            Slot {
                hook: *hook,
                state: state_of(&path),
                chained: exists(&chained).then_some(chained),
                path,
            }
        })
        .collect()
}

/// Installs every hook of `set` into `dir`, recording `roadmap` in them.
/// Nothing is changed unless every hook can be installed: a hook of
/// someone else's next to a chained one already (two hooks, one place) is
/// refused.
pub(crate) fn install(
    dir: &Path,
    set: &[Hook],
    roadmap: &Path,
) -> Result<Vec<(Hook, Installed)>, Error> {
    let slots = inspect(dir, set);
    if let Some(slot) = slots
        .iter()
        .find(|s| s.state == State::Other && s.chained.is_some())
    {
        return Err(Error::Usage(format!(
            "{} is not roadmap's, and {} is already there: move one of them away and install again",
            slot.path.display(),
            chained_path(&slot.path).display()
        )));
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let mut done = Vec::new();
    for slot in slots {
        let outcome = match slot.state {
            State::Missing => Installed::New,
            State::Roadmap { .. } => Installed::Updated,
            State::Other => {
                let chained = chained_path(&slot.path);
                fs::rename(&slot.path, &chained)
                    .map_err(|e| Error::io(slot.path.display().to_string(), e))?;
                Installed::Chained(chained)
            }
        };
        write_executable(&slot.path, &slot.hook.script(roadmap))?;
        done.push((slot.hook, outcome));
    }
    Ok(done)
}

/// Removes roadmap's hooks of `set` from `dir` and moves every chained
/// hook back to its place. Someone else's hooks are left alone.
pub(crate) fn uninstall(dir: &Path, set: &[Hook]) -> Result<Vec<(Hook, Removed)>, Error> {
    let mut done = Vec::new();
    for slot in inspect(dir, set) {
        let io_err = |e| Error::io(slot.path.display().to_string(), e);
        let outcome = match (&slot.state, &slot.chained) {
            (State::Other, _) => Removed::Other,
            (State::Roadmap { .. }, None) => {
                fs::remove_file(&slot.path).map_err(io_err)?;
                Removed::Deleted
            }
            // The rename replaces roadmap's hook in one step.
            (State::Roadmap { .. } | State::Missing, Some(chained)) => {
                fs::rename(chained, &slot.path).map_err(io_err)?;
                Removed::Restored
            }
            (State::Missing, None) => Removed::NotInstalled,
        };
        done.push((slot.hook, outcome));
    }
    Ok(done)
}

/// Removes the copies of roadmap's hooks that a hook manager set aside
/// (lefthook renames a hook it replaces to `<name>.old`) and never runs.
/// Returns what was removed.
pub(crate) fn remove_set_aside(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut removed = Vec::new();
    for hook in HOOKS {
        let old = dir.join(format!("{}.old", hook.name));
        if matches!(state_of(&old), State::Roadmap { .. }) {
            fs::remove_file(&old).map_err(|e| Error::io(old.display().to_string(), e))?;
            removed.push(old);
        }
    }
    Ok(removed)
}

/// Where roadmap keeps the hooks' rebuild log and outcome for the
/// worktree of `repo`.
pub(crate) fn state_dir(repo: &Repo) -> PathBuf {
    repo.worktree_git_dir().join("roadmap")
}

/// Runs the repository's `post-commit` hook after a commit that roadmap
/// made itself (libgit2 runs no hooks), as `git commit` would: from the
/// working tree's root, its output on stderr. Like git, a hook's failure
/// does not undo the commit; it is returned as a message to show.
pub(crate) fn run_post_commit(repo: &Repo) -> Option<String> {
    let hook = repo.hooks_dir().ok()?.path.join("post-commit");
    if !is_executable(&hook) {
        return None;
    }
    let workdir = repo.workdir()?;
    let status = std::process::Command::new(&hook)
        .current_dir(&workdir)
        .stdin(std::process::Stdio::null())
        .stdout(std::io::stderr())
        .status();
    match status {
        Ok(status) if status.success() => None,
        Ok(status) => Some(format!("{} exited with {status}", hook.display())),
        Err(e) => Some(format!("{}: {e}", hook.display())),
    }
}

/// The roadmap a hook would run: the one on PATH, else the one recorded at
/// install time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    OnPath(PathBuf),
    Recorded(PathBuf),
    Missing,
}

/// Finds roadmap the way the scripts do (`command -v roadmap`, then the
/// recorded path), for the `PATH` given.
pub(crate) fn find_roadmap(path_var: Option<&std::ffi::OsStr>, recorded: Option<&Path>) -> Found {
    let on_path = path_var.and_then(|paths| {
        std::env::split_paths(paths)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(|dir| dir.join("roadmap"))
            .find(|candidate| is_executable(candidate))
    });
    match (on_path, recorded) {
        (Some(path), _) => Found::OnPath(path),
        (None, Some(recorded)) if is_executable(recorded) => {
            Found::Recorded(recorded.to_path_buf())
        }
        _ => Found::Missing,
    }
}

/// Finds roadmap the way the server's `pre-receive` does: the recorded
/// path first, since a server runs hooks with a PATH of its own, then
/// PATH.
pub(crate) fn find_server_roadmap(
    path_var: Option<&std::ffi::OsStr>,
    recorded: Option<&Path>,
) -> Found {
    match recorded {
        Some(recorded) if is_executable(recorded) => Found::Recorded(recorded.to_path_buf()),
        _ => find_roadmap(path_var, None),
    }
}

/// The outcome of the last background rebuild, from `report.status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rebuild {
    pub exit: i32,
    /// The hook that started it.
    pub hook: String,
    /// When it finished, as the script wrote it (UTC, RFC 3339).
    pub finished: String,
    /// Where its output is.
    pub log: PathBuf,
    /// The log's first line that says what went wrong, if any.
    pub reason: Option<String>,
    /// When `report.status` was written.
    pub at: Option<SystemTime>,
}

impl Rebuild {
    /// Exit 1 wrote the report from a partial plan (it names the files
    /// left out, as `roadmap status` does): a rebuild, not a failure.
    pub(crate) fn failed(&self) -> bool {
        !matches!(self.exit, 0 | 1)
    }
}

/// A larger `report.status` (three short lines) is not the hooks'.
const MAX_STATUS_BYTES: u64 = 4096;

/// How much of `report.log` is searched for what went wrong.
const MAX_LOG_HEAD_BYTES: u64 = 64 << 10;

/// The last background rebuild in `state` (see [`state_dir`]), if any:
/// none when `report.status` is not a regular file of its size.
pub(crate) fn last_rebuild(state: &Path) -> Option<Rebuild> {
    let file = crate::state::open(&state.join("report.status"), MAX_STATUS_BYTES)?;
    let at = file.metadata().and_then(|m| m.modified()).ok();
    let text = String::from_utf8(crate::state::read_from(file, MAX_STATUS_BYTES)?).ok()?;
    let field = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .map(str::to_owned)
    };
    let exit = field("exit")?.parse().ok()?;
    let log = state.join("report.log");
    let reason = crate::state::read_head(&log, MAX_LOG_HEAD_BYTES).and_then(|log| {
        let log = String::from_utf8_lossy(&log);
        let lines = || log.lines().map(str::trim).filter(|l| !l.is_empty());
        lines()
            .find(|l| l.starts_with("error") || l.contains("error:"))
            .or_else(|| lines().next())
            .map(str::to_owned)
    });
    Some(Rebuild {
        exit,
        hook: field("hook").unwrap_or_default(),
        finished: field("finished").unwrap_or_default(),
        log,
        reason,
        at,
    })
}

/// The last background rebuild of the repository holding `dir` when it
/// failed and nothing has been written to `output` (the report folder)
/// since: what `roadmap status` warns about.
pub(crate) fn failed_rebuild(dir: &Path, output: &Path) -> Option<Rebuild> {
    let repo = Repo::discover(dir).ok()?;
    let rebuild = last_rebuild(&state_dir(&repo)).filter(Rebuild::failed)?;
    let rebuilt_since = rebuild
        .at
        .is_some_and(|at| newest_mtime(output).is_some_and(|written| written > at));
    (!rebuilt_since).then_some(rebuild)
}

/// The newest modification time of `dir` and the files directly in it.
fn newest_mtime(dir: &Path) -> Option<SystemTime> {
    let own = fs::metadata(dir).and_then(|m| m.modified()).ok();
    let files = fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().and_then(|m| m.modified()).ok());
    files.chain(own).max()
}

fn chained_path(hook: &Path) -> PathBuf {
    let mut name = hook.as_os_str().to_owned();
    name.push(CHAINED_SUFFIX);
    PathBuf::from(name)
}

/// True for a file or a link, even a dangling one.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn state_of(path: &Path) -> State {
    if !exists(path) {
        return State::Missing;
    }
    let Ok(bytes) = fs::read(path) else {
        return State::Other;
    };
    let text = String::from_utf8_lossy(&bytes);
    match parse_marker(&text) {
        Some(version) => State::Roadmap {
            version,
            recorded: parse_recorded(&text),
            executable: is_executable(path),
        },
        None => State::Other,
    }
}

/// The version on a script's marker line, among its first lines.
fn parse_marker(text: &str) -> Option<u32> {
    text.lines()
        .take(5)
        .find_map(|line| line.trim_end().strip_prefix(MARKER)?.parse().ok())
}

/// The roadmap recorded in an installed script.
fn parse_recorded(text: &str) -> Option<PathBuf> {
    let value = text
        .lines()
        .find_map(|line| line.strip_prefix("roadmap_recorded='"))?
        .strip_suffix('\'')?;
    Some(PathBuf::from(value.replace("'\\''", "'")))
}

/// `text` for use between single quotes in sh.
fn shell_quote_inner(text: &str) -> String {
    text.replace('\'', "'\\''")
}

/// Writes `contents` to `path` through a temporary file in the same folder,
/// executable, so git never sees half a hook.
fn write_executable(path: &Path, contents: &str) -> Result<(), Error> {
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o755))
    };
    #[cfg(not(unix))]
    let mode = None;
    replace_file(path, contents, mode)
}

/// Replaces `path` with `contents` through a temporary file beside it
/// given `permissions`, renamed into place: a reader sees the old file or
/// the new one, never half of one.
fn replace_file(
    path: &Path,
    contents: &str,
    permissions: Option<fs::Permissions>,
) -> Result<(), Error> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".roadmap-tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = fs::write(&tmp, contents)
        .and_then(|()| permissions.map_or(Ok(()), |p| fs::set_permissions(&tmp, p)))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(|e| Error::io(path.display().to_string(), e))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scripts_carry_the_marker_of_this_version() {
        for hook in HOOKS.into_iter().chain(SERVER_HOOKS) {
            assert_eq!(parse_marker(hook.script), Some(VERSION), "{}", hook.name);
            assert!(hook.script.contains(RECORDED), "{}", hook.name);
        }
        assert_eq!(parse_marker("#!/bin/sh\nexec lint-staged\n"), None);
    }

    #[test]
    fn the_recorded_roadmap_survives_quotes() {
        let path = Path::new("/opt/it's here/roadmap");
        let script = HOOKS[0].script(path);
        assert_eq!(parse_recorded(&script).as_deref(), Some(path));
    }

    #[test]
    fn roadmap_on_path_wins_over_the_recorded_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bin = dir.path().join("bin");
        fs::create_dir_all(&bin).expect("bin");
        let recorded = dir.path().join("elsewhere");
        write_executable(&recorded, "#!/bin/sh\n").expect("recorded");
        let path_var = std::env::join_paths([&bin]).expect("PATH");
        assert_eq!(
            find_roadmap(Some(&path_var), Some(&recorded)),
            Found::Recorded(recorded.clone())
        );
        write_executable(&bin.join("roadmap"), "#!/bin/sh\n").expect("on path");
        assert_eq!(
            find_roadmap(Some(&path_var), Some(&recorded)),
            Found::OnPath(bin.join("roadmap"))
        );
        assert_eq!(
            find_roadmap(None, Some(&dir.path().join("gone"))),
            Found::Missing
        );
    }

    #[test]
    fn the_failure_reason_is_the_error_line_of_the_log() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(
            dir.path().join("report.status"),
            "exit=2\nhook=post-merge\nfinished=2026-01-02T03:04:05Z\n",
        )
        .expect("status");
        fs::write(
            dir.path().join("report.log"),
            "reading plans\nerror: no plans/ folder in /x\n  hint: run init\n",
        )
        .expect("log");
        let rebuild = last_rebuild(dir.path()).expect("a rebuild");
        assert!(rebuild.failed());
        assert_eq!(rebuild.hook, "post-merge");
        assert_eq!(
            rebuild.reason.as_deref(),
            Some("error: no plans/ folder in /x")
        );
    }
}
