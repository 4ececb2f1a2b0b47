//! `roadmap progress` and `roadmap diff` over synthetic git histories, timed
//! as whole processes against `git log -p -- plans/` on the same repository:
//! (a) one person, ten years of weekly commits; (b) a team, one commit per
//! person per week.
//!
//! `cargo bench --bench history` runs it in full. Without `--bench` (as
//! under `cargo test --benches`) it runs once on small repositories, as a
//! smoke test. `ROADMAP_BENCH_PEOPLE` (team size), `ROADMAP_BENCH_WEEKS`
//! and `ROADMAP_BENCH_RUNS` scale it down for quick iterations. The
//! repositories are built once under `target/bench-repos/` and reused.

// The support module also writes plain plan folders for the check
// benchmark; this one uses only the history builder.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use support::generate::{END_WEEK, Keep, Layout, people};
use support::history::build;

const SEED: u64 = 2026;
const START: i32 = 2026;
/// Files per plan at the end: about 80, as a person keeps them.
const FILES_PER_PERSON: usize = 80;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> ExitCode {
    support::exit("history", run())
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run() -> Result<()> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let (team, weeks, runs) = if full {
        (
            env_or("ROADMAP_BENCH_PEOPLE", 100),
            env_or("ROADMAP_BENCH_WEEKS", END_WEEK as usize) as u32,
            env_or("ROADMAP_BENCH_RUNS", 7),
        )
    } else {
        (3, 60, 1)
    };
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-repos");

    let one = repo(&root, 1, weeks, Layout::Single)?;
    bench_progress(bin, &one, "1 person", runs, false)?;
    bench_diff(bin, &one, weeks, runs)?;
    if team > 0 {
        let many = repo(&root, team, weeks, Layout::Team)?;
        bench_progress(bin, &many, &format!("{team} people"), runs, true)?;
    }
    Ok(())
}

/// The repository of `count` people over `weeks` weeks, built unless a
/// previous run left it complete.
fn repo(root: &Path, count: usize, weeks: u32, layout: Layout) -> Result<PathBuf> {
    let dir = root.join(format!("people-{count}-weeks-{weeks}"));
    let done = dir.join(".git/roadmap-bench-built");
    if !done.exists() {
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        let started = Instant::now();
        let keep = Keep::for_files(FILES_PER_PERSON);
        let built = build(&dir, &people(count, SEED, START), weeks, keep, layout)?;
        fs::write(&done, format!("{} commits\n", built.commits))?;
        eprintln!(
            "built {}: {} commits, {} files, {:.1} MB of text written, in {:.1} s",
            dir.display(),
            built.commits,
            built.files,
            built.bytes as f64 / 1_048_576.0,
            started.elapsed().as_secs_f64()
        );
    }
    // A previous run may have been interrupted after its extra commit.
    git(&dir, &["reset", "-q", "--hard", "main"])?;
    git(&dir, &["clean", "-qfd"])?;
    Ok(dir)
}

fn bench_progress(bin: &Path, repo: &Path, who: &str, runs: usize, memory: bool) -> Result<()> {
    let commits = git_out(repo, &["rev-list", "--count", "HEAD"])?;
    let files = git_out(repo, &["ls-files", "plans"])?.lines().count();
    let base = git_out(repo, &["rev-parse", "HEAD"])?;
    let cache = repo.join(".git/roadmap");
    let progress = || {
        roadmap(bin, repo)
            .args(["progress", "--committed"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    let (mut log, mut cold, mut warm, mut after) = (vec![], vec![], vec![], vec![]);
    let mut rows = 0;
    let mut peak_kb = 0;
    for run in 0..runs {
        // Interleaved, so that noise from other work on the machine falls on
        // every measure alike.
        log.push(time(|| {
            Command::new("git")
                .arg("-C")
                .arg(repo)
                .args(["log", "-p", "--", "plans/"])
                .stdout(Stdio::null())
                .status()
        })?);
        let _ = fs::remove_dir_all(&cache);
        cold.push(time(progress)?);
        warm.push(time(progress)?);
        if run == 0 {
            let out = roadmap(bin, repo)
                .args(["progress", "--committed", "--format", "csv"])
                .output()?;
            rows = String::from_utf8_lossy(&out.stdout).lines().count() - 1;
        }
        support::history::commit_one_edit(repo, run)?;
        after.push(time(progress)?);
        git(repo, &["reset", "-q", "--hard", &base])?;
        // Back at the base: the replay cache holds the new commit's tip;
        // bring it back to the base's so the next warm run is one.
        progress()?;
    }
    if memory {
        let _ = fs::remove_dir_all(&cache);
        peak_kb = support::peak_memory_kb(bin, repo, &["progress", "--committed"])?;
    }
    let (log, cold, warm, after) = (median(log), median(cold), median(warm), median(after));
    println!(
        "progress, {who}: {commits} commits, {files} files, {rows} observations ({runs} runs)"
    );
    println!("  git log -p -- plans/   median {:>8.1} ms", ms(log));
    println!(
        "  cold (no cache)        median {:>8.1} ms   {:.2}x git log -p",
        ms(cold),
        ratio(cold, log)
    );
    println!(
        "  warm                   median {:>8.1} ms   {:.3}x cold",
        ms(warm),
        ratio(warm, cold)
    );
    println!(
        "  after one new commit   median {:>8.1} ms   {:.3}x cold",
        ms(after),
        ratio(after, cold)
    );
    if memory {
        println!("  peak memory, cold      {:.0} MB", peak_kb as f64 / 1024.0);
    }
    Ok(())
}

/// `roadmap diff` between the states at two dates five years apart (the
/// 5th and 10th year's ends, or as far as the history goes).
fn bench_diff(bin: &Path, repo: &Path, weeks: u32, runs: usize) -> Result<()> {
    let last = support::generate::day_of_week(START, weeks.saturating_sub(1));
    let first = last - chrono::TimeDelta::days(5 * 365);
    let rev = |date: chrono::NaiveDate| {
        git_out(
            repo,
            &[
                "rev-list",
                "-1",
                &format!("--before={date} 23:59:59 +0000"),
                "HEAD",
            ],
        )
    };
    let (from, to) = (rev(first)?, rev(last)?);
    let from = if from.is_empty() {
        git_out(repo, &["rev-list", "--max-parents=0", "HEAD"])?
    } else {
        from
    };
    let mut times = Vec::new();
    for _ in 0..runs.max(3) {
        times.push(time(|| {
            roadmap(bin, repo)
                .args(["diff", &from, &to])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        })?);
    }
    println!(
        "diff, 1 person, {first} -> {last} ({} .. {}): median {:.1} ms",
        &from[..10],
        &to[..10],
        ms(median(times))
    );
    Ok(())
}

fn time(run: impl FnOnce() -> std::io::Result<std::process::ExitStatus>) -> Result<Duration> {
    let started = Instant::now();
    let status = run()?;
    let elapsed = started.elapsed();
    if !status.success() {
        return Err(format!("a timed command failed: {status}").into());
    }
    Ok(elapsed)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn roadmap(bin: &Path, repo: &Path) -> Command {
    let mut command = Command::new(bin);
    command.arg("-C").arg(repo).args(["--color", "never"]);
    command
}

fn git(repo: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        return Err(format!("git {}: {status}", args.join(" ")).into());
    }
    Ok(())
}

fn git_out(repo: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(output.stdout)?.trim().to_owned())
}
