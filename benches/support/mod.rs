//! Synthetic plan repositories for the benchmarks: a deterministic generator
//! of valid plans ([`generate`]) and a builder of their git histories
//! ([`history`]). Each benchmark uses the part it needs.

pub(crate) mod generate;
pub(crate) mod history;
pub(crate) mod rng;

use std::path::{Path, PathBuf};
use std::process::{self, Command, ExitCode, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// A benchmark's exit: success, or `result`'s error on stderr and a
/// failure.
pub(crate) fn exit(bench: &str, result: Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{bench} benchmark failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `times`, sorted, in words: the median, the fastest and the slowest in
/// milliseconds, and how many `each` (runs, saves) they are.
pub(crate) fn spread(times: &[Duration], each: &str) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms (min {:.0} ms, max {:.0} ms, {} {each})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}

/// `roadmap demo` (`bin`) writes the example plan's repository into `dir`,
/// with `envs` set (a fixed `ROADMAP_TODAY`, say).
pub(crate) fn demo(
    bin: &Path,
    dir: &Path,
    envs: &[(&str, &str)],
) -> Result<(), Box<dyn std::error::Error>> {
    let status = Command::new(bin)
        .arg("demo")
        .arg(dir)
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        return Err(format!("`roadmap demo` failed: {status}").into());
    }
    Ok(())
}

/// The peak resident memory, in kilobytes, of one run of `roadmap` (`bin`)
/// with `args` in `repo`, as `/usr/bin/time` reports the child's
/// `ru_maxrss`.
pub(crate) fn peak_memory_kb(
    bin: &Path,
    repo: &Path,
    args: &[&str],
) -> Result<u64, Box<dyn std::error::Error>> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .arg("-C")
        .arg(repo)
        .args(["--color", "never"])
        .args(args)
        .stdout(Stdio::null())
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("`roadmap {}` failed: {stderr}", args.join(" ")).into());
    }
    let kb = stderr
        .lines()
        .rev()
        .find_map(|l| l.trim().parse().ok())
        .ok_or_else(|| format!("no figure from /usr/bin/time: {stderr}"))?;
    Ok(kb)
}
