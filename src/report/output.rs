//! Where a report may go, and putting it there whole.
//!
//! The output folder must be new, empty or a previous report (it holds the
//! [`MARKER`] file), and must not be or hold the repository's own folders:
//! a mistyped `--out` never overwrites anything of the user's. A report is
//! written into a fresh folder beside the output and swapped in by renames,
//! so a reader sees the old report or the new one, never half of each.
//!
//! Two runs into one folder (a hook and `watch`, two hooks) take turns: the
//! swap holds a lock on the folder that holds the output (std's
//! `File::lock`, released by the system when a run dies), so both succeed
//! and the last one's report stays. The fresh and old folders of a run that
//! was killed half-way (`.NAME.new-PID`, `.NAME.old-PID`) are cleaned up by
//! the next run, which first puts the last report back if the kill left
//! none in place.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The file that marks a folder as a report `roadmap report` may replace.
pub const MARKER: &str = ".roadmap-report";

const MARKER_TEXT: &str =
    "Written by `roadmap report`: the whole folder is replaced on every run.\n";

/// The output folder, absolute, once it is safe to write: refuses the
/// repository root or any folder above it, `plans/`, `.git`, `templates/`
/// and anything inside them, an existing file, and an existing folder that
/// is neither empty nor a previous report.
pub fn check_out(root: &Path, out: &Path) -> Result<PathBuf, Error> {
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write the report into {}: {why}",
            out.display()
        )))
    };
    let out_abs = absolute(out)?;
    let root_abs = absolute(root)?;
    if out_abs.file_name().is_none() {
        return refuse("it is a root folder");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it holds the plan repository, whose files it would replace");
    }
    for own in ["plans", ".git", "templates", "hooks"] {
        if out_abs.starts_with(root_abs.join(own)) {
            return refuse(&format!("it is inside the repository's {own}/"));
        }
    }
    match fs::symlink_metadata(&out_abs) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(out_abs),
        Err(e) => Err(Error::io(out_abs.display().to_string(), e)),
        Ok(meta) if meta.file_type().is_symlink() => refuse("it is a symbolic link"),
        Ok(meta) if !meta.is_dir() => refuse("it is a file, not a folder"),
        Ok(_) => {
            let mut entries =
                fs::read_dir(&out_abs).map_err(|e| Error::io(out_abs.display().to_string(), e))?;
            if entries.next().is_none() || out_abs.join(MARKER).is_file() {
                Ok(out_abs)
            } else {
                refuse(&format!(
                    "the folder is not empty and holds no {MARKER} (it is not a previous report); choose a new folder"
                ))
            }
        }
    }
}

/// `path` made absolute and normal, symbolic links of existing parents
/// resolved, without requiring `path` itself to exist.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(path)
    };
    let mut normal = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve the longest existing prefix, keep the rest as written.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = if rest.is_empty()
        && fs::symlink_metadata(&existing).is_ok_and(|m| m.file_type().is_symlink())
    {
        // The output itself is a link: keep it, `check_out` refuses it.
        return Ok(normal);
    } else {
        existing.canonicalize().unwrap_or(existing)
    };
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Fills a new folder beside `out` through `fill`, then swaps it in; one
/// run at a time, and what a killed run left is cleaned up first. When
/// `fill` fails, the new folder is removed and `out` is left as it was.
/// Returns what `fill` wrote.
pub(super) fn replace(
    root: &Path,
    out: &Path,
    fill: impl FnOnce(&Fresh) -> Result<Vec<String>, Error>,
) -> Result<Vec<String>, Error> {
    let parent = out.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), e))?;
    let lock = Turn::take(parent)?;
    let name = out
        .file_name()
        .map_or_else(|| "report".to_owned(), |n| n.to_string_lossy().into_owned());
    clean_up(parent, &name, out)?;
    // Another run may have put a report there meanwhile: it must still be
    // one this run may replace.
    check_out(root, out)?;
    let result = swap(parent, &name, out, fill);
    drop(lock);
    result
}

/// The folder a report is written into before it is swapped in.
pub(super) struct Fresh {
    dir: PathBuf,
}

impl Fresh {
    /// Writes `bytes` at `rel`, a relative path inside the folder; files
    /// may be put from several threads at once.
    pub(super) fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let safe = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(Error::Usage(format!(
                "refusing to write {rel}: outside the report folder"
            )));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(path.display().to_string(), e))
    }
}

fn swap(
    parent: &Path,
    name: &str,
    out: &Path,
    fill: impl FnOnce(&Fresh) -> Result<Vec<String>, Error>,
) -> Result<Vec<String>, Error> {
    let id = std::process::id();
    let fresh = Fresh {
        dir: parent.join(format!(".{name}.new-{id}")),
    };
    let old = parent.join(format!(".{name}.old-{id}"));
    let io_err = |path: &Path| {
        let path = path.display().to_string();
        move |e| Error::io(path, e)
    };
    if fresh.dir.exists() {
        fs::remove_dir_all(&fresh.dir).map_err(io_err(&fresh.dir))?;
    }
    let written = fresh
        .put(MARKER, MARKER_TEXT.as_bytes())
        .and_then(|()| fill(&fresh))
        .and_then(|files| keep_permissions(out, &fresh.dir, &files).map(|()| files));
    let files = match written {
        Ok(files) => files,
        Err(e) => {
            let _ = fs::remove_dir_all(&fresh.dir);
            return Err(e);
        }
    };
    let existed = out.exists();
    if existed {
        fs::rename(out, &old).map_err(io_err(out))?;
    }
    if let Err(e) = fs::rename(&fresh.dir, out) {
        if existed {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&fresh.dir);
        return Err(Error::io(out.display().to_string(), e));
    }
    if existed {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    Ok(files)
}

/// The folders a killed run left beside `out`: its last report is put
/// back when none is in place, and the rest removed.
fn clean_up(parent: &Path, name: &str, out: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let ours = |file: &str, kind: &str| {
        file.strip_prefix(&format!(".{name}.{kind}-"))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut left: Vec<(bool, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file = e.file_name().to_str()?.to_owned();
            if ours(&file, "old") {
                Some((true, e.path()))
            } else if ours(&file, "new") {
                Some((false, e.path()))
            } else {
                None
            }
        })
        .collect();
    left.sort();
    let missing = fs::symlink_metadata(out).is_err();
    if missing
        && let Some((_, last)) = left
            .iter()
            .rev()
            .find(|(old, path)| *old && path.join(MARKER).is_file())
    {
        fs::rename(last, out).map_err(|e| Error::io(out.display().to_string(), e))?;
    }
    for (_, path) in &left {
        if path.exists() {
            fs::remove_dir_all(path).map_err(|e| Error::io(path.display().to_string(), e))?;
        }
    }
    Ok(())
}

/// A run's turn at the folder that holds the output.
struct Turn {
    file: fs::File,
}

impl Turn {
    /// Waits until no other run swaps a report in `parent`. The folder
    /// itself is locked, so no lock file is left beside the report.
    fn take(parent: &Path) -> Result<Turn, Error> {
        let file =
            fs::File::open(parent).map_err(|e| Error::io(parent.display().to_string(), e))?;
        file.lock()
            .map_err(|e| Error::io(parent.display().to_string(), e))?;
        Ok(Turn { file })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Gives each new file, and the folder, the permissions of the one it
/// replaces in `out`: a report made private by its owner (0600, 0700)
/// stays private.
fn keep_permissions(out: &Path, fresh: &Path, files: &[String]) -> Result<(), Error> {
    let rels = files.iter().map(String::as_str).chain([MARKER, ""]);
    for rel in rels {
        let (old, new) = if rel.is_empty() {
            (out.to_path_buf(), fresh.to_path_buf())
        } else {
            (out.join(rel), fresh.join(rel))
        };
        let Ok(meta) = fs::symlink_metadata(&old) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        fs::set_permissions(&new, meta.permissions())
            .map_err(|e| Error::io(new.display().to_string(), e))?;
    }
    Ok(())
}
