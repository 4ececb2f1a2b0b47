//! `roadmap report` timed as whole processes: start-up, the history read,
//! the context, every template, the CSV exports and the write.
//!
//! - the demo repository (`roadmap demo`, 22 monthly commits) with a warm
//!   history cache: the target is a median under 300 ms (release);
//! - a synthetic 100-person team repository with weekly commits (three
//!   levels of managers), cold (the history cache removed before each run)
//!   and warm; then `status --team` on it, warm: the target is a median
//!   under 300 ms, and `report`'s under 1 s (release); then `status --team`
//!   after one new commit each run, what the commit hook runs (the commits
//!   stay, on top of the history); then the peak memory of one run of
//!   each (target: under 300 MB).
//!
//! `cargo bench --bench report` runs it in full; `ROADMAP_BENCH_WEEKS`
//! changes the synthetic history's length (default 522 weeks, the ten years
//! the targets are set for: 52,200 commits, a few minutes to build); `ROADMAP_BENCH_REPO=DIR` builds the team repository in DIR and
//! keeps it (or reuses it when DIR holds one), for profiling. Without `--bench` (as under `cargo test --benches`) it runs
//! once on small repositories, as a smoke test.

// The support module serves several benchmarks; this one uses part of it.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use support::Scratch;
use support::generate::{Keep, Layout, people};

const SEED: u64 = 2026;
const START: i32 = 2026;

struct Setup {
    people: usize,
    weeks: u32,
    warm_runs: usize,
    cold_runs: usize,
}

fn main() -> ExitCode {
    support::exit("report", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let weeks = std::env::var("ROADMAP_BENCH_WEEKS")
        .ok()
        .and_then(|w| w.parse().ok());
    let setup = if full {
        Setup {
            people: 100,
            weeks: weeks.unwrap_or(522),
            warm_runs: 11,
            cold_runs: 3,
        }
    } else {
        Setup {
            people: 3,
            weeks: weeks.unwrap_or(8),
            warm_runs: 1,
            cold_runs: 1,
        }
    };
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap"));

    let scratch = Scratch::new("report-demo")?;
    let demo = scratch.path().join("demo");
    support::demo(bin, &demo, &[])?;
    let out = scratch.path().join("out");
    report(bin, &demo, &out)?;
    let times = time(setup.warm_runs, || report(bin, &demo, &out))?;
    print("demo repository (22 commits), warm cache", &times);
    drop(scratch);

    let scratch = Scratch::new("report-team")?;
    let kept = std::env::var_os("ROADMAP_BENCH_REPO").map(std::path::PathBuf::from);
    let repo = kept.clone().unwrap_or_else(|| scratch.path().join("team"));
    let who = if kept.is_some() && repo.join(".git").is_dir() {
        format!("{}", repo.display())
    } else {
        let built = support::history::build(
            &repo,
            &people(setup.people, SEED, START),
            setup.weeks,
            Keep::for_files(100),
            Layout::Team,
        )?;
        format!(
            "{} people, {} commits, {} files",
            setup.people, built.commits, built.files
        )
    };
    let out = scratch.path().join("out");
    let cache = repo.join(".git").join("roadmap");
    let cold = time(setup.cold_runs, || {
        if cache.exists() {
            std::fs::remove_dir_all(&cache)?;
        }
        report(bin, &repo, &out)
    })?;
    print(&format!("{who}, cold cache"), &cold);
    report(bin, &repo, &out)?;
    let warm = time(setup.warm_runs, || report(bin, &repo, &out))?;
    print(&format!("{who}, warm cache"), &warm);
    let team = time(setup.warm_runs, || status_team(bin, &repo))?;
    print(&format!("{who}, `status --team`, warm cache"), &team);
    let mut run = 0;
    let after = time(setup.warm_runs, || {
        run += 1;
        support::history::commit_one_edit(&repo, run)?;
        status_team(bin, &repo)
    })?;
    print(
        &format!("{who}, `status --team` after one new commit"),
        &after,
    );
    // The peak memory of each run above, one run each (the target is
    // under 300 MB on the 100-person team).
    let out_arg = out.to_string_lossy();
    let report_args = ["report", "-q", "--out", out_arg.as_ref()];
    if cache.exists() {
        std::fs::remove_dir_all(&cache)?;
    }
    let cold = support::peak_memory_kb(bin, &repo, &report_args)?;
    let warm = support::peak_memory_kb(bin, &repo, &report_args)?;
    let team = support::peak_memory_kb(bin, &repo, &["status", "--team"])?;
    support::history::commit_one_edit(&repo, run + 1)?;
    let after = support::peak_memory_kb(bin, &repo, &["status", "--team"])?;
    let mb = |kb: u64| kb / 1024;
    println!(
        "report, {who}, peak memory: cold {} MB, warm {} MB; `status --team` warm {} MB, after one new commit {} MB",
        mb(cold),
        mb(warm),
        mb(team),
        mb(after)
    );
    Ok(())
}

/// One `roadmap status --team`, which must succeed: the target is a
/// median under 300 ms on the 100-person team (release).
fn status_team(bin: &Path, repo: &Path) -> Result<(), Box<dyn Error>> {
    let output = Command::new(bin)
        .arg("-C")
        .arg(repo)
        .args(["--color", "never", "status", "--team"])
        .stdout(Stdio::null())
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "`roadmap status --team` failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(())
}

/// One `roadmap report`, which must succeed.
fn report(bin: &Path, repo: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let output = Command::new(bin)
        .arg("-C")
        .arg(repo)
        .args(["--color", "never", "report", "-q", "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "`roadmap report` failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(())
}

/// The wall-clock time of `runs` runs of `step`, sorted; the preparation
/// inside `step` (removing the cache) is part of it, and negligible.
fn time(
    runs: usize,
    mut step: impl FnMut() -> Result<(), Box<dyn Error>>,
) -> Result<Vec<Duration>, Box<dyn Error>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        step()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

fn print(what: &str, times: &[Duration]) {
    println!("report, {what}: {}", support::spread(times, "runs"));
}
