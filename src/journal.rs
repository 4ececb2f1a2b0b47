//! All-or-nothing writes of several plan files.
//!
//! A review changes several files at once (metrics, key results, the
//! review itself); a crash after some of them are replaced would leave a
//! plan whose files disagree. Every writer of plan files (`review`,
//! `record`, `new`, `init`) goes through [`write`], which:
//!
//! 1. writes each new content to a temporary file in the journal folder,
//!    with the permissions of the file it replaces, and syncs it;
//! 2. writes the journal, the list of (file, temporary file, id of the
//!    content replaced, id of the new one), syncs it and renames it into
//!    place: that rename is the commit point;
//! 3. renames each temporary file over its file;
//! 4. removes the journal.
//!
//! The journal folder is `roadmap/journal/` in the work tree's git folder:
//! never under `plans/`, so no temporary file is ever seen there, and on
//! the same file system as the work tree in a normal repository, so each
//! rename replaces a file in one step. Outside a git repository, or when
//! the git folder is on another file system, it is `.roadmap-journal/` at
//! the plan's root (removed again after each write).
//!
//! A crash leaves each file either old or new and, until the next run, a
//! journal. The next command (every one that reads or writes the plan
//! calls [`recover`] first) finishes a committed journal (renames the
//! temporary files still there) or, before the commit point, removes the
//! temporary files; it reports what it did as a [`Recovery`]. A file
//! changed by hand since the crash is left as it is. The journal folder is
//! locked while a write or a recovery runs, so concurrent writers take
//! turns and a reader never rolls back a write that is still going on.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Write as _};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::git;
use crate::layout::PLANS_DIR;

/// The journal that marks a write committed.
const JOURNAL: &str = "journal";
/// The journal while it is being written.
const JOURNAL_TEMP: &str = "journal.tmp";
/// The file locked while a write or a recovery runs.
const LOCK: &str = "lock";
/// The journal folder at the plan's root, when the git folder will not do.
const FALLBACK: &str = ".roadmap-journal";
/// A journal lists a few files: one larger than this is not one of ours.
const MAX_JOURNAL_BYTES: u64 = 1 << 20;

/// What the writer expects to find in a file before replacing it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect<'a> {
    /// The file must not exist (a new file never replaces one).
    Absent,
    /// The file must hold exactly these bytes (it was read, then edited);
    /// `None` when it did not exist.
    Same(Option<&'a [u8]>),
    /// Whatever the file holds is replaced (`init --force`).
    Any,
}

/// One file to write: its path relative to the plan's root, its new
/// contents, and what it must hold now.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Change<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
    pub expect: Expect<'a>,
}

/// What a run found left by an interrupted write, and did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The write had reached its commit point: it was finished.
    Finished {
        /// What was being written (`review: 2026-11`, `record`...).
        what: String,
        /// The files it writes, relative to the work tree.
        files: Vec<String>,
        /// Files changed since the interruption, left as they are.
        kept: Vec<String>,
    },
    /// The write had not reached its commit point: its temporary files
    /// were removed and every file is as it was.
    RolledBack {
        /// The names of the files it would have written.
        files: Vec<String>,
    },
}

/// The journal as it is stored.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    what: String,
    files: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    /// The file, relative to the journal's base, `/`-separated.
    target: String,
    /// The temporary file's name in the journal folder.
    temp: String,
    /// The blob id of the content replaced; `None` for a new file.
    old: Option<String>,
    /// The blob id of the new content.
    new: String,
}

/// A journal folder and the folder its paths are relative to.
#[derive(Debug, Clone)]
struct Home {
    dir: PathBuf,
    base: PathBuf,
    /// The folder is `.roadmap-journal/` in the plan's root, removed
    /// after use.
    fallback: bool,
}

/// The journal folders a plan at `root` may use, the git one first. Cheap:
/// the repository is not opened.
fn homes(root: &Path) -> (Option<PathBuf>, PathBuf) {
    let git = git::git_dir_of(root).map(|dir| dir.join("roadmap").join("journal"));
    (git, root.join(FALLBACK))
}

/// Whether a journal folder holds anything but its lock. Only a real
/// folder counts: a link or a file of that name is not roadmap's.
fn has_leftovers(dir: &Path) -> bool {
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_str() != Some(LOCK))
    })
}

/// Finishes or rolls back what an interrupted write left for the plan at
/// `root`; empty when there was nothing (the usual case, which costs a
/// look into one or two folders: docs/performance.md).
pub(crate) fn recover(root: &Path) -> Result<Vec<Recovery>, Error> {
    let (git, fallback) = homes(root);
    let mut done = Vec::new();
    if let Some(dir) = git
        && has_leftovers(&dir)
        && let Some(home) = git_home(root, &dir)
    {
        let lock = Lock::take(&home)?;
        done.extend(recover_locked(&home)?);
        lock.release(&home);
    }
    if has_leftovers(&fallback) {
        let home = fallback_home(root);
        let lock = Lock::take(&home)?;
        done.extend(recover_locked(&home)?);
        lock.release(&home);
    }
    Ok(done)
}

fn git_home(root: &Path, dir: &Path) -> Option<Home> {
    let git_dir = dir.parent()?.parent()?;
    let base = git::work_dir_of(git_dir)?;
    let base = base.canonicalize().unwrap_or(base);
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    root.starts_with(&base).then(|| Home {
        dir: dir.to_path_buf(),
        base,
        fallback: false,
    })
}

fn fallback_home(root: &Path) -> Home {
    let base = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    Home {
        dir: base.join(FALLBACK),
        base,
        fallback: true,
    }
}

/// Writes every change, all or nothing (see the module's doc). `what`
/// names the write in a later run's note if it is interrupted. Returns
/// what was found left by an earlier interrupted write, if anything.
pub(crate) fn write(root: &Path, what: &str, changes: &[Change]) -> Result<Vec<Recovery>, Error> {
    crate::signals::critical(|| write_all(root, what, changes))
}

fn write_all(root: &Path, what: &str, changes: &[Change]) -> Result<Vec<Recovery>, Error> {
    let mut found = recover(root)?;
    if changes.is_empty() {
        return Ok(found);
    }
    let home = choose_home(root, changes)?;
    let lock = Lock::take(&home)?;
    // A write that crashed between the look above and the lock.
    found.extend(recover_locked(&home)?);
    let result = write_locked(&home, root, what, changes);
    lock.release(&home);
    result.map(|()| found)
}

/// The journal folder for these changes: the git one when it is on the
/// same file system as every file written, else the plan root's.
fn choose_home(root: &Path, changes: &[Change]) -> Result<Home, Error> {
    let targets: Vec<PathBuf> = changes.iter().map(|c| root.join(c.path)).collect();
    let same_device = |dir: &Path| targets.iter().all(|t| same_file_system(dir, t));
    if let (Some(dir), _) = homes(root)
        && let Some(home) = git_home(root, &dir)
        && same_device(dir.parent().and_then(Path::parent).unwrap_or(&dir))
    {
        return Ok(home);
    }
    let home = fallback_home(root);
    match targets.iter().find(|t| !same_file_system(&home.base, t)) {
        None => Ok(home),
        Some(target) => Err(Error::Usage(format!(
            "{}: it is on another file system than {}, so it cannot be replaced in one step; nothing was changed",
            target.display(),
            home.base.display()
        ))),
    }
}

/// Whether `a` and the nearest existing folder of `b` are on one file
/// system (a rename between them is then a single step).
#[cfg(unix)]
fn same_file_system(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let device = |p: &Path| {
        p.ancestors()
            .find_map(|p| fs::metadata(p).ok())
            .map(|m| m.dev())
    };
    device(a) == device(b)
}

#[cfg(not(unix))]
fn same_file_system(_: &Path, _: &Path) -> bool {
    true
}

fn write_locked(home: &Home, root: &Path, what: &str, changes: &[Change]) -> Result<(), Error> {
    let mut record = Record {
        what: what.to_owned(),
        files: Vec::new(),
    };
    let mut temps = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for temp in temps {
            let _ = fs::remove_file(temp);
        }
    };
    for (n, change) in changes.iter().enumerate() {
        let shown = change.path.display().to_string();
        let target = root.join(change.path);
        let (current, permissions) = match current(&target) {
            Ok(found) => found,
            Err(err) => {
                cleanup(&temps);
                return Err(Error::io(shown, err));
            }
        };
        let expected = match change.expect {
            Expect::Absent => current.is_none(),
            Expect::Same(bytes) => current.as_deref() == bytes,
            Expect::Any => true,
        };
        if !expected {
            cleanup(&temps);
            return Err(Error::Usage(match change.expect {
                Expect::Absent => format!("{shown} exists already; nothing was changed"),
                _ => format!(
                    "{shown} changed on disk while roadmap was editing it; nothing was changed"
                ),
            }));
        }
        let name = change
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = home.dir.join(format!("{n}.{name}"));
        temps.push(temp.clone());
        let entry = relative(&home.base, &target).and_then(|rel| {
            Some(Entry {
                target: rel,
                temp: temp.file_name()?.to_str()?.to_owned(),
                old: current.as_deref().map(git::blob_id),
                new: git::blob_id(change.bytes),
            })
        });
        let Some(entry) = entry.filter(|e| safe_target(&home.base, &e.target).is_some()) else {
            cleanup(&temps);
            return Err(Error::Usage(format!(
                "{shown}: roadmap writes only files with UTF-8 names under a plans/ folder of the repository, \
                 through no symbolic link; nothing was changed"
            )));
        };
        if let Err(err) = write_synced(&temp, change.bytes, permissions) {
            cleanup(&temps);
            return Err(Error::io(temp.display().to_string(), err));
        }
        record.files.push(entry);
    }
    let committed = serde_json::to_vec_pretty(&record)
        .map_err(io::Error::other)
        .and_then(|bytes| write_synced(&home.dir.join(JOURNAL_TEMP), &bytes, None))
        .and_then(|()| fs::rename(home.dir.join(JOURNAL_TEMP), home.dir.join(JOURNAL)))
        .and_then(|()| sync_dir(&home.dir));
    if let Err(err) = committed {
        // Not durable, so not made: the journal goes with its files.
        let _ = fs::remove_file(home.dir.join(JOURNAL));
        let _ = fs::remove_file(home.dir.join(JOURNAL_TEMP));
        cleanup(&temps);
        return Err(Error::io(home.dir.join(JOURNAL).display().to_string(), err));
    }
    let kept = roll_forward(home, &record).map_err(|(path, err)| {
        Error::Usage(format!(
            "{path}: {err}; the write stopped half-way, and the next roadmap command finishes it"
        ))
    })?;
    let _ = fs::remove_file(home.dir.join(JOURNAL));
    if kept.is_empty() {
        Ok(())
    } else {
        // Changed by another program between the check and the rename.
        Err(Error::Usage(format!(
            "{} changed on disk while roadmap was writing; left as it is, and the rest written",
            kept.join(", ")
        )))
    }
}

/// A file's contents and permissions, or `None` when it does not exist;
/// anything but a regular file is refused.
fn current(path: &Path) -> io::Result<(Option<Vec<u8>>, Option<fs::Permissions>)> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((None, None)),
        Err(e) => Err(e),
        Ok(meta) if meta.is_file() => Ok((Some(fs::read(path)?), Some(meta.permissions()))),
        Ok(_) => Err(io::Error::other(
            "not a regular file: roadmap replaces only regular files",
        )),
    }
}

/// `path` relative to `base`, `/`-separated, when it lies below it.
fn relative(base: &Path, path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let parent = parent.canonicalize().unwrap_or_else(|_| {
        // A folder still to be made: its nearest existing ancestor is
        // resolved, the rest kept as written.
        let existing = parent.ancestors().find(|p| p.exists()).unwrap_or(parent);
        let rest = parent.strip_prefix(existing).unwrap_or(Path::new(""));
        existing
            .canonicalize()
            .unwrap_or_else(|_| existing.to_path_buf())
            .join(rest)
    });
    let rel = parent.join(path.file_name()?);
    let rel = rel.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}

fn write_synced(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.sync_all()
}

/// Makes a folder's entries (a rename into it) durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether `rel` is a path roadmap may have written: plain names only, a
/// `plans` folder among them, and no symbolic link on the way (a journal
/// in a work tree may come from someone else's clone).
fn safe_target(base: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    let in_plans = path
        .parent()?
        .components()
        .any(|c| c.as_os_str() == PLANS_DIR);
    if !plain || !in_plans {
        return None;
    }
    let mut at = base.to_path_buf();
    for part in path.parent()?.components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_dir() => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            _ => return None,
        }
    }
    Some(base.join(path))
}

/// Renames every temporary file still in the journal folder over its
/// file; a file that holds neither its old content nor its new one was
/// changed since, and is left alone. Returns the files left alone.
fn roll_forward(home: &Home, record: &Record) -> Result<Vec<String>, (String, io::Error)> {
    let mut kept = Vec::new();
    let mut synced: Vec<PathBuf> = Vec::new();
    for entry in &record.files {
        let temp = home.dir.join(&entry.temp);
        let plain_temp = Path::new(&entry.temp).components().count() == 1
            && fs::symlink_metadata(&temp).is_ok_and(|m| m.is_file());
        if !plain_temp {
            continue;
        }
        let Some(target) = safe_target(&home.base, &entry.target) else {
            kept.push(entry.target.clone());
            let _ = fs::remove_file(&temp);
            continue;
        };
        let now = current(&target)
            .ok()
            .map(|(bytes, _)| bytes.as_deref().map(git::blob_id));
        if now != Some(entry.old.clone()) {
            kept.push(entry.target.clone());
            let _ = fs::remove_file(&temp);
            continue;
        }
        let parent = target.parent().unwrap_or(&home.base).to_path_buf();
        fs::create_dir_all(&parent)
            .and_then(|()| fs::rename(&temp, &target))
            .map_err(|e| (entry.target.clone(), e))?;
        if !synced.contains(&parent) {
            let _ = sync_dir(&parent);
            synced.push(parent);
        }
    }
    Ok(kept)
}

/// Finishes or rolls back what the journal folder holds; the lock is held.
fn recover_locked(home: &Home) -> Result<Option<Recovery>, Error> {
    let shown = |p: &Path| p.display().to_string();
    let journal = home.dir.join(JOURNAL);
    let recovery = match read_journal(&journal)? {
        Some(record) => {
            let kept = roll_forward(home, &record).map_err(|(path, err)| {
                Error::Usage(format!(
                    "{path}: {err}: an interrupted write ({}) cannot be finished; \
                     its journal is {}",
                    record.what,
                    shown(&journal)
                ))
            })?;
            Some(Recovery::Finished {
                what: record.what,
                files: record.files.into_iter().map(|e| e.target).collect(),
                kept,
            })
        }
        None => None,
    };
    let mut unwritten = Vec::new();
    let entries = match fs::read_dir(&home.dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(recovery),
        Err(e) => return Err(Error::io(shown(&home.dir), e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name == LOCK || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if name != JOURNAL && name != JOURNAL_TEMP {
            // `N.name`: the file it was to replace.
            unwritten.push(name.split_once('.').map_or(name, |(_, n)| n).to_owned());
        }
        fs::remove_file(entry.path()).map_err(|e| Error::io(shown(&entry.path()), e))?;
    }
    let _ = sync_dir(&home.dir);
    Ok(recovery.or_else(|| {
        (!unwritten.is_empty()).then(|| {
            unwritten.sort();
            Recovery::RolledBack { files: unwritten }
        })
    }))
}

/// The committed journal: `None` when there is none; an error when there
/// is one that does not read (its write may be half done, so nothing is
/// touched).
fn read_journal(path: &Path) -> Result<Option<Record>, Error> {
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        found => found,
    };
    let read = meta.and_then(|meta| {
        if !meta.is_file() || meta.len() > MAX_JOURNAL_BYTES {
            return Err(io::Error::other("not a journal file"));
        }
        let mut bytes = Vec::new();
        File::open(path)?
            .take(MAX_JOURNAL_BYTES)
            .read_to_end(&mut bytes)?;
        serde_json::from_slice(&bytes).map_err(io::Error::other)
    });
    read.map(Some).map_err(|e| {
        Error::Usage(format!(
            "{}: {e}: the journal of an interrupted write does not read, so the write may be \
             half done; see `git status` for what it changed, then remove the journal's folder",
            path.display()
        ))
    })
}

/// The journal folder's lock, held while a write or a recovery runs.
struct Lock {
    file: File,
}

impl Lock {
    fn take(home: &Home) -> Result<Lock, Error> {
        let shown = home.dir.join(LOCK).display().to_string();
        let not_ours = |why: &str| {
            Err(Error::Usage(format!(
                "{shown}: {why}, so roadmap cannot write through its journal; \
                 nothing was changed (remove it if it is not yours)"
            )))
        };
        if fs::symlink_metadata(&home.dir).is_ok_and(|m| !m.is_dir()) {
            return not_ours("the journal folder is not a folder");
        }
        // Opening a FIFO would wait for a writer forever.
        if fs::symlink_metadata(home.dir.join(LOCK)).is_ok_and(|m| !m.is_file()) {
            return not_ours("the lock is not a regular file");
        }
        loop {
            fs::create_dir_all(&home.dir).map_err(|e| Error::io(shown.clone(), e))?;
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(home.dir.join(LOCK))
                .map_err(|e| Error::io(shown.clone(), e))?;
            file.lock().map_err(|e| Error::io(shown.clone(), e))?;
            // A fallback folder is removed after use: the lock taken must
            // be the file still in place, not one removed meanwhile.
            if !home.fallback || still_in_place(&file, &home.dir.join(LOCK)) {
                return Ok(Lock { file });
            }
        }
    }

    /// Unlocks; the fallback folder is removed when nothing is left in it.
    fn release(self, home: &Home) {
        if home.fallback && !has_leftovers(&home.dir) {
            let _ = fs::remove_file(home.dir.join(LOCK));
            let _ = fs::remove_dir(&home.dir);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn still_in_place(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_in_place(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dir: &Path) -> PathBuf {
        let root = dir.join("repo");
        fs::create_dir_all(root.join("plans")).expect("plans");
        root
    }

    #[test]
    fn files_are_written_and_nothing_is_left_beside_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        fs::write(root.join("plans/a.yaml"), "old").expect("a");
        let changes = [
            Change {
                path: Path::new("plans/a.yaml"),
                bytes: b"new a",
                expect: Expect::Same(Some(b"old")),
            },
            Change {
                path: Path::new("plans/reviews/b.md"),
                bytes: b"new b",
                expect: Expect::Absent,
            },
        ];
        assert_eq!(write(&root, "test", &changes).expect("written"), vec![]);
        assert_eq!(fs::read(root.join("plans/a.yaml")).expect("a"), b"new a");
        assert_eq!(
            fs::read(root.join("plans/reviews/b.md")).expect("b"),
            b"new b"
        );
        assert!(
            !root.join(FALLBACK).exists(),
            "the fallback folder is removed"
        );
        let names: Vec<_> = fs::read_dir(root.join("plans"))
            .expect("plans")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_file_changed_meanwhile_stops_the_whole_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        fs::write(root.join("plans/a.yaml"), "edited").expect("a");
        let changes = [
            Change {
                path: Path::new("plans/b.yaml"),
                bytes: b"b",
                expect: Expect::Absent,
            },
            Change {
                path: Path::new("plans/a.yaml"),
                bytes: b"new",
                expect: Expect::Same(Some(b"old")),
            },
        ];
        let err = write(&root, "test", &changes).expect_err("refused");
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert!(!root.join("plans/b.yaml").exists());
        assert_eq!(fs::read(root.join("plans/a.yaml")).expect("a"), b"edited");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        let path = root.join("plans/a.yaml");
        fs::write(&path, "old").expect("a");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("mode");
        let changes = [Change {
            path: Path::new("plans/a.yaml"),
            bytes: b"new",
            expect: Expect::Any,
        }];
        write(&root, "test", &changes).expect("written");
        let mode = fs::metadata(&path).expect("a").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    fn leave_journal(root: &Path, committed: bool) {
        let dir = root.join(FALLBACK);
        fs::create_dir_all(&dir).expect("journal folder");
        fs::write(dir.join("0.a.yaml"), "new a").expect("temp");
        let record = Record {
            what: "review: 2026-11".to_owned(),
            files: vec![Entry {
                target: "plans/a.yaml".to_owned(),
                temp: "0.a.yaml".to_owned(),
                old: Some(git::blob_id(b"old")),
                new: git::blob_id(b"new a"),
            }],
        };
        let name = if committed { JOURNAL } else { JOURNAL_TEMP };
        fs::write(dir.join(name), serde_json::to_vec(&record).expect("json")).expect("journal");
    }

    #[test]
    fn a_committed_journal_is_finished() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        fs::write(root.join("plans/a.yaml"), "old").expect("a");
        leave_journal(&root, true);
        let done = recover(&root).expect("recovered");
        assert_eq!(
            done,
            vec![Recovery::Finished {
                what: "review: 2026-11".to_owned(),
                files: vec!["plans/a.yaml".to_owned()],
                kept: vec![],
            }]
        );
        assert_eq!(fs::read(root.join("plans/a.yaml")).expect("a"), b"new a");
        assert!(!root.join(FALLBACK).exists());
        assert_eq!(recover(&root).expect("nothing left"), vec![]);
    }

    #[test]
    fn an_uncommitted_journal_is_rolled_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        fs::write(root.join("plans/a.yaml"), "old").expect("a");
        leave_journal(&root, false);
        let done = recover(&root).expect("recovered");
        assert_eq!(
            done,
            vec![Recovery::RolledBack {
                files: vec!["a.yaml".to_owned()]
            }]
        );
        assert_eq!(fs::read(root.join("plans/a.yaml")).expect("a"), b"old");
    }

    #[test]
    fn a_file_edited_after_the_crash_is_left_as_it_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        fs::write(root.join("plans/a.yaml"), "edited by hand").expect("a");
        leave_journal(&root, true);
        let done = recover(&root).expect("recovered");
        assert!(
            matches!(&done[..], [Recovery::Finished { kept, .. }] if kept == &["plans/a.yaml"]),
            "{done:?}"
        );
        assert_eq!(
            fs::read(root.join("plans/a.yaml")).expect("a"),
            b"edited by hand"
        );
    }

    #[test]
    fn a_journal_cannot_write_outside_plans() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        let journal = root.join(FALLBACK);
        fs::create_dir_all(&journal).expect("journal folder");
        fs::write(journal.join("0.x"), "owned").expect("temp");
        let record = Record {
            what: "x".to_owned(),
            files: vec![Entry {
                target: "../outside".to_owned(),
                temp: "0.x".to_owned(),
                old: None,
                new: String::new(),
            }],
        };
        fs::write(
            journal.join(JOURNAL),
            serde_json::to_vec(&record).expect("json"),
        )
        .expect("journal");
        recover(&root).expect("recovered");
        assert!(!dir.path().join("outside").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_journal_folder_that_is_a_link_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).expect("elsewhere");
        fs::write(elsewhere.join("precious"), "keep").expect("file");
        std::os::unix::fs::symlink(&elsewhere, root.join(FALLBACK)).expect("link");
        assert_eq!(recover(&root).expect("nothing to recover"), vec![]);
        assert_eq!(fs::read(elsewhere.join("precious")).expect("kept"), b"keep");
    }

    #[test]
    fn a_journal_that_does_not_read_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = plan(dir.path());
        leave_journal(&root, true);
        fs::write(root.join(FALLBACK).join(JOURNAL), "{ cut").expect("damaged");
        let err = recover(&root).expect_err("refused");
        assert!(err.to_string().contains("does not read"), "{err}");
        assert!(root.join(FALLBACK).join("0.a.yaml").exists());
    }
}
