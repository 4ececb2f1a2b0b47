//! Opening the files roadmap keeps under `.git/roadmap/`: the history
//! cache, the stored problems of `HEAD`'s plan, the hooks' rebuild outcome.
//!
//! They are roadmap's own, but nothing stops something else from being in
//! their place: a FIFO blocks a plain `open` for ever, a symbolic link can
//! point anywhere, a sparse file can claim gigabytes that a plain read
//! would hold in memory. So a state file is read only when it is a regular
//! file (not a link) no larger than its bound, opened without following
//! links or waiting on a FIFO; anything else reads as absent, and the
//! caller rebuilds what it would have held. A writer replaces what is in
//! the way (a FIFO, a link, a socket) but leaves a folder alone: the state
//! file is then not written, and is rebuilt on every run until the folder
//! is removed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _};
use std::path::Path;

/// Opens `path` for reading if it is a regular file of at most `limit`
/// bytes.
pub(crate) fn open(path: &Path, limit: u64) -> Option<File> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() || meta.len() > limit {
        return None;
    }
    let mut options = OpenOptions::new();
    options.read(true);
    no_wait(&mut options);
    let file = options.open(path).ok()?;
    // What was checked may have been replaced before the open.
    let meta = file.metadata().ok()?;
    (meta.is_file() && meta.len() <= limit).then_some(file)
}

/// The whole of `path` if it is a regular file of at most `limit` bytes.
pub(crate) fn read(path: &Path, limit: u64) -> Option<Vec<u8>> {
    read_from(open(path, limit)?, limit)
}

/// At most `limit` bytes of `file`, or `None` if it holds more.
pub(crate) fn read_from(file: File, limit: u64) -> Option<Vec<u8>> {
    // Sized once: a team's history cache is a hundred megabytes, which a
    // growing buffer would copy over and over.
    let size = file.metadata().map_or(0, |m| m.len().min(limit));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= limit).then_some(bytes)
}

/// The first `limit` bytes of `path` (all of it if shorter), if it is a
/// regular file of any size.
pub(crate) fn read_head(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let file = open(path, u64::MAX)?;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Opens `path` to write it from the start (a temporary file, renamed into
/// place once written), replacing anything but a folder that is there.
pub(crate) fn create(path: &Path) -> io::Result<File> {
    clear_way(path)?;
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    regular(options, path)
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed
/// into place: a reader sees the old file or the new one, never half of
/// one, and a write cut short leaves no temporary file behind.
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use io::Write as _;
    replace_with(path, |file| file.write_all(bytes))
}

/// [`replace`], with what `write` writes to the file (from its start).
pub(crate) fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = create(&tmp)
        .and_then(|mut file| write(&mut file))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Opens `path` to read and append to it, creating it if absent and
/// replacing anything but a regular file or a folder that is there.
pub(crate) fn append(path: &Path) -> io::Result<File> {
    clear_way(path)?;
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    regular(options, path)
}

/// Removes what is at `path` unless it is a regular file; a folder is
/// left alone, and is an error.
fn clear_way(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(()),
        Ok(meta) if meta.file_type().is_dir() => Err(io::Error::other(format!(
            "{} is a folder, not roadmap's state file",
            path.display()
        ))),
        Ok(_) => fs::remove_file(path),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
    }
}

fn regular(mut options: OpenOptions, path: &Path) -> io::Result<File> {
    no_wait(&mut options);
    let file = options.open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )))
    }
}

/// Never follow a link at the last step, never wait for a FIFO's other
/// end (reads and writes of a regular file do not wait either way). The
/// templates of a repository are opened the same way.
#[cfg(unix)]
pub(crate) fn no_wait(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt as _;
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

#[cfg(not(unix))]
pub(crate) fn no_wait(_: &mut OpenOptions) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("run mkfifo");
        assert!(status.success());
    }

    #[test]
    fn anything_but_a_bounded_regular_file_reads_as_absent() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("file");
        fs::write(&file, "four").expect("write");
        assert_eq!(read(&file, 4).as_deref(), Some(&b"four"[..]));
        assert_eq!(read(&file, 3), None);
        assert_eq!(read_head(&file, 2).as_deref(), Some(&b"fo"[..]));

        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        assert_eq!(read(&pipe, 100), None);
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        assert_eq!(read(&link, 100), None);
        assert_eq!(read(dir.path(), u64::MAX), None);
        assert_eq!(read(&dir.path().join("none"), 100), None);
    }

    #[test]
    fn a_writer_replaces_a_fifo_or_a_link_and_leaves_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("outside");
        fs::write(&outside, "keep").expect("write");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).expect("link");
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        for path in [&link, &pipe] {
            use std::io::Write as _;
            create(path)
                .expect("create")
                .write_all(b"new")
                .expect("write");
            assert_eq!(fs::read(path).expect("read"), b"new");
        }
        assert_eq!(fs::read(&outside).expect("read"), b"keep");
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).expect("folder");
        assert!(append(&folder).is_err());
        assert!(folder.is_dir());
    }
}
