//! `roadmap watch` on the example plan (the `roadmap demo` repository):
//!
//! - save-to-report latency: from writing `plans/vision.md` to the watcher
//!   reporting the report rewritten, the median over 21 saves (target under
//!   300 ms, release), with file-system events and with `--poll`;
//! - the rebuilds a burst of 20 saves, 10 ms apart, costs (target: at most 2).
//!
//! The watcher prints one line per rebuild after the report is written; the
//! latency is measured to that line's arrival, and each save's text is then
//! checked in the written report.
//!
//! `cargo bench --bench watch` runs it in full; without `--bench` (as under
//! `cargo test --benches`) it runs a few saves, as a smoke test.

// The support module serves several benchmarks; this one uses part of it.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use support::Scratch;

/// The text each save changes.
const STATEMENT_END: &str = "by design rather than by accident.";

/// Longest wait for one rebuild.
const TIMEOUT: Duration = Duration::from_secs(10);

fn main() -> ExitCode {
    support::exit("watch", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let (saves, poll_saves) = if full { (21, 11) } else { (3, 2) };
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap"));
    let scratch = Scratch::new("watch")?;
    let demo = scratch.path().join("demo");
    support::demo(bin, &demo, &[])?;
    let out = scratch.path().join("out");

    let mut watch = Watch::start(bin, &demo, &out, &[])?;
    let times = watch.latencies(saves, "events")?;
    print("save-to-report latency, file-system events", &times);
    let rebuilds = watch.burst(20, Duration::from_millis(10))?;
    println!("watch, a burst of 20 saves 10 ms apart: {rebuilds} rebuild(s) (target at most 2)");
    drop(watch);

    let mut watch = Watch::start(bin, &demo, &out, &["--poll"])?;
    let times = watch.latencies(poll_saves, "poll")?;
    print("save-to-report latency, --poll", &times);
    Ok(())
}

struct Watch {
    child: Child,
    lines: Receiver<(Instant, String)>,
    vision: PathBuf,
    original: String,
    out: PathBuf,
}

impl Watch {
    /// Starts `roadmap watch` in `repo` and waits for its first rebuild.
    fn start(bin: &Path, repo: &Path, out: &Path, args: &[&str]) -> Result<Watch, Box<dyn Error>> {
        let mut child = Command::new(bin)
            .arg("-C")
            .arg(repo)
            .args(["--color", "never", "watch", "--out"])
            .arg(out)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send((Instant::now(), line)).is_err() {
                    break;
                }
            }
        });
        let vision = repo.join("plans/vision.md");
        let original = std::fs::read_to_string(&vision)?;
        if !original.contains(STATEMENT_END) {
            return Err(format!("{} lacks {STATEMENT_END:?}", vision.display()).into());
        }
        let watch = Watch {
            child,
            lines,
            vision,
            original,
            out: out.to_path_buf(),
        };
        watch.next_rebuild()?;
        Ok(watch)
    }

    /// Waits for the next line saying the report was rebuilt, and returns
    /// when it arrived.
    fn next_rebuild(&self) -> Result<Instant, Box<dyn Error>> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            let (at, line) = self
                .lines
                .recv_timeout(wait)
                .map_err(|_| "no rebuild within 10 s")?;
            if line.contains(" rebuilt in ") {
                return Ok(at);
            }
            if line.contains("not rebuilt") {
                return Err(format!("the watcher refused a save: {line}").into());
            }
        }
    }

    fn save(&self, mark: &str) -> Result<(), Box<dyn Error>> {
        let text = self.original.replace(
            STATEMENT_END,
            &format!("by design rather than by accident ({mark})."),
        );
        std::fs::write(&self.vision, text)?;
        Ok(())
    }

    fn report_shows(&self, mark: &str) -> bool {
        std::fs::read_to_string(self.out.join("summary.html"))
            .is_ok_and(|html| html.contains(&format!("({mark})")))
    }

    /// Times `saves` single saves, each given time to settle.
    fn latencies(&mut self, saves: usize, label: &str) -> Result<Vec<Duration>, Box<dyn Error>> {
        let mut times = Vec::with_capacity(saves);
        for i in 0..saves {
            let mark = format!("{label} {i}");
            let started = Instant::now();
            self.save(&mark)?;
            let done = self.next_rebuild()?;
            times.push(done.saturating_duration_since(started));
            if !self.report_shows(&mark) {
                return Err(format!("the report does not show save {mark:?}").into());
            }
            thread::sleep(Duration::from_millis(300));
            // A second rebuild for the same save would be a bug.
            if let Ok((_, line)) = self.lines.try_recv() {
                return Err(format!("unexpected line after save {mark:?}: {line}").into());
            }
        }
        times.sort();
        Ok(times)
    }

    /// Saves `count` times, `gap` apart, and counts the rebuilds until the
    /// report shows the last save and the watcher has been quiet for 1 s.
    fn burst(&mut self, count: usize, gap: Duration) -> Result<usize, Box<dyn Error>> {
        for i in 1..=count {
            self.save(&format!("burst {i}"))?;
            thread::sleep(gap);
        }
        let last = format!("burst {count}");
        let mut rebuilds = 0;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok((_, line)) = self.lines.recv_timeout(Duration::from_secs(1)) {
                rebuilds += usize::from(line.contains(" rebuilt in "));
            } else if self.report_shows(&last) {
                return Ok(rebuilds);
            } else if Instant::now() > deadline {
                return Err("the burst's last save never reached the report".into());
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.vision, &self.original);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn print(what: &str, times: &[Duration]) {
    println!("watch, {what}: {}", support::spread(times, "saves"));
}
