//! `roadmap check` on synthetic plan repositories, timed as whole processes:
//! start-up, reading, parsing, validation and output. The target is a
//! median under one second for 10,000 plan files on a 2-core machine.
//!
//! `cargo bench --bench check` runs it in full. Without `--bench` (as under
//! `cargo test --benches`) it runs once on small repositories, as a smoke
//! test of the generator and the benchmark itself.

// The support module also builds git histories for other benchmarks; this
// one uses only the plan generator.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use support::Scratch;
use support::generate::{END_WEEK, Keep, Layout, Written, people, write_repo};

const SEED: u64 = 2026;
const START: i32 = 2026;
const WARM_UP: usize = 2;

struct Setup {
    people: usize,
    files_per_person: usize,
    runs: usize,
}

fn main() -> ExitCode {
    support::exit("check", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let setup = if full {
        Setup {
            people: 100,
            files_per_person: 100,
            runs: 15,
        }
    } else {
        Setup {
            people: 3,
            files_per_person: 100,
            runs: 1,
        }
    };
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap"));
    let keep = Keep::for_files(setup.files_per_person);

    let scratch = Scratch::new("one")?;
    let written = write_repo(
        scratch.path(),
        &people(1, SEED, START),
        END_WEEK,
        keep,
        Layout::Single,
    )?;
    bench(bin, scratch.path(), written, "1 person", setup.runs)?;
    drop(scratch);

    let scratch = Scratch::new("team")?;
    let written = write_repo(
        scratch.path(),
        &people(setup.people, SEED, START),
        END_WEEK,
        keep,
        Layout::Team,
    )?;
    bench(
        bin,
        scratch.path(),
        written,
        &format!("{} people", setup.people),
        setup.runs,
    )?;
    Ok(())
}

fn bench(
    bin: &Path,
    repo: &Path,
    written: Written,
    who: &str,
    runs: usize,
) -> Result<(), Box<dyn Error>> {
    verify(bin, repo, written.files)?;
    let mut times = Vec::with_capacity(runs);
    for run in 0..WARM_UP + runs {
        let started = Instant::now();
        let status = roadmap(bin, repo)
            .args(["check", "-q"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let elapsed = started.elapsed();
        if !status.success() {
            return Err(format!("`roadmap check -q` failed: {status}").into());
        }
        if run >= WARM_UP {
            times.push(elapsed);
        }
    }
    times.sort();
    println!(
        "check, {} files ({who}, {:.1} MB): {}",
        written.files,
        written.bytes as f64 / 1_048_576.0,
        support::spread(&times, "runs"),
    );
    Ok(())
}

/// The benchmark means nothing unless the plans are valid: zero errors and
/// zero warnings, every file read.
fn verify(bin: &Path, repo: &Path, files: usize) -> Result<(), Box<dyn Error>> {
    let output = roadmap(bin, repo)
        .args(["check", "--format", "json"])
        .output()?;
    let json = String::from_utf8_lossy(&output.stdout);
    let clean = json.contains("\"diagnostics\": []");
    if !output.status.success() || !clean {
        let text = roadmap(bin, repo).arg("check").output()?;
        let shown: Vec<&str> = std::str::from_utf8(&text.stdout)?
            .lines()
            .take(60)
            .collect();
        return Err(format!(
            "the generated plans are not clean ({}):\n{}",
            output.status,
            shown.join("\n")
        )
        .into());
    }
    let text = roadmap(bin, repo).arg("check").output()?;
    let stdout = String::from_utf8(text.stdout)?;
    let expected = format!("ok: {files} files checked: no errors, no warnings");
    if !stdout.contains(&expected) {
        return Err(format!("expected `{expected}` from `roadmap check`, got:\n{stdout}").into());
    }
    Ok(())
}

fn roadmap(bin: &Path, repo: &Path) -> Command {
    let mut command = Command::new(bin);
    command.arg("-C").arg(repo).args(["--color", "never"]);
    command
}
