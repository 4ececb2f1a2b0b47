//! Synthetic plan repositories for the benchmarks: a deterministic generator
//! of valid plans ([`generate`]) and a builder of their git histories
//! ([`history`]). Each benchmark uses the part it needs.

pub(crate) mod generate;
pub(crate) mod history;
pub(crate) mod rng;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{self, Command};
use std::time::{SystemTime, UNIX_EPOCH};

/// A fresh folder under the system's temp dir, removed when dropped.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    pub(crate) fn new(label: &str) -> std::io::Result<Scratch> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("roadmap-bench-{label}-{}-{nanos}", process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Commits an edit of the first `metrics.yaml` under `plans/` on top of
/// the tip (a comment naming `run`), by a fixed author at a fixed date
/// after the synthetic history's last: a commit such as the hook sees.
pub(crate) fn commit_one_edit(repo: &Path, run: usize) -> Result<(), Box<dyn Error>> {
    let git = |args: &[&str]| -> Result<String, Box<dyn Error>> {
        let output = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .env("GIT_AUTHOR_DATE", "2036-01-10T18:00:00Z")
            .env("GIT_COMMITTER_DATE", "2036-01-10T18:00:00Z")
            .env("GIT_AUTHOR_NAME", "Bench")
            .env("GIT_AUTHOR_EMAIL", "bench@example.com")
            .env("GIT_COMMITTER_NAME", "Bench")
            .env("GIT_COMMITTER_EMAIL", "bench@example.com")
            .output()?;
        if !output.status.success() {
            return Err(format!("git {}: {}", args.join(" "), output.status).into());
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let files = git(&["ls-files", "plans"])?;
    let path = files
        .lines()
        .find(|p| p.ends_with("metrics.yaml"))
        .ok_or("no metrics.yaml")?;
    let file = repo.join(path);
    let text = std::fs::read_to_string(&file)?;
    std::fs::write(&file, format!("{text}# reviewed, run {run}\n"))?;
    git(&["commit", "-q", "-m", "one more week", "--", path])?;
    Ok(())
}
