//! Interrupted and concurrent writes: a review killed at each of its
//! renames, Ctrl-C while a review commits, and two reports written into
//! one folder at once. Faults are injected with strace, which these tests
//! need (`apt-get install strace`): without it they fail, saying so.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::support::{Test, tool};

const TODAY: &str = "2026-03-31";

/// The answers of the review: they change three plan files and add the
/// review's own.
const ANSWERS: &str = "values:\n  revenue: 5.5M\n  q1-pipeline-value: 3M\nskills:\n  negotiation: 6\nwins:\n  - Closed the Boise renewal\n";

/// Every rename syscall std or libgit2 may use, on any architecture.
const RENAMES: &str = "?rename,?renameat,?renameat2";

fn require_strace() {
    tool("strace", "apt-get install -y strace");
}

/// A plan with history, whose repository can commit.
fn plan() -> Test {
    Test::minimal()
        .git_init()
        .git(&["config", "user.name", "Dana Reyes"])
        .git(&["config", "user.email", "dana@example.com"])
        .commit("2026-03-01", "plan")
        .git(&["branch", "-M", "main"])
}

fn answers(test: &Test) -> String {
    let path = test.outside().join("answers.yaml");
    fs::write(&path, ANSWERS).expect("write the answers");
    path.display().to_string()
}

/// `program args` in the repository, as `Test::roadmap` runs roadmap,
/// bounded by `timeout`.
fn command(test: &Test, program: &str) -> Command {
    let mut command = test.command("timeout");
    command
        .args(["60", program])
        .env("ROADMAP_TODAY", TODAY)
        .env_remove("NO_COLOR");
    command
}

/// roadmap run under strace with `injections`, only for the syscalls on
/// `path` when one is given.
fn under_strace(test: &Test, injections: &[String], path: Option<&Path>, args: &[&str]) -> Output {
    let mut command = command(test, "strace");
    command.args(["-f", "-qq", "-o", "/dev/null"]);
    if let Some(path) = path {
        command.arg("-P").arg(path);
    }
    for injection in injections {
        command.arg("-e").arg(injection);
    }
    command
        .arg("--")
        .arg(super::support::BIN)
        .args(args)
        .output()
        .expect("run roadmap under strace")
}

/// Every file under `plans/` and its bytes.
fn plan_files(test: &Test) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let rel = path.strip_prefix(base).expect("below plans/");
                out.insert(
                    rel.display().to_string(),
                    fs::read(&path).expect("read a file"),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    let plans = test.path("plans");
    walk(&plans, &plans, &mut files);
    files
}

fn put_back(test: &Test, files: &BTreeMap<String, Vec<u8>>) {
    fs::remove_dir_all(test.path("plans")).expect("remove plans/");
    for (rel, bytes) in files {
        let path = test.path("plans").join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, bytes).expect("write a file");
    }
}

/// What the journal folders hold besides their lock.
fn journal_leftovers(test: &Test) -> Vec<PathBuf> {
    [".git/roadmap/journal", ".roadmap-journal"]
        .iter()
        .filter_map(|dir| fs::read_dir(test.path(dir)).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "lock"))
        .collect()
}

fn shown(output: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_review_killed_at_any_rename_leaves_the_old_plan_or_the_new_one() {
    require_strace();
    let test = plan();
    let answers = answers(&test);
    let args = ["review", "2026-Q1", "--answers", answers.as_str()];
    let old = plan_files(&test);
    test.roadmap(&args).env("ROADMAP_TODAY", TODAY).run();
    let new = plan_files(&test);
    let changed = new.iter().filter(|(p, b)| old.get(*p) != Some(b)).count();
    assert!(
        changed >= 4,
        "the review writes four files, it changed {changed}"
    );

    let (mut finished, mut rolled_back) = (0, 0);
    for n in 1.. {
        assert!(n < 100, "the review never ran to its end");
        put_back(&test, &old);
        let kill = format!("inject={RENAMES}:signal=SIGKILL:when={n}");
        let output = under_strace(&test, &[kill], None, &args);
        if output.status.success() {
            assert_eq!(plan_files(&test), new, "the review ran to its end");
            break;
        }
        // strace, then timeout, end by the signal that killed roadmap.
        let killed = output.status.signal() == Some(9) || output.status.code() == Some(128 + 9);
        assert!(killed, "killed at rename {n}\n{}", shown(&output));
        for (rel, bytes) in plan_files(&test) {
            assert!(
                old.get(&rel) == Some(&bytes) || new.get(&rel) == Some(&bytes),
                "killed at rename {n}: plans/{rel} is neither its old file nor its new one"
            );
        }
        let left = journal_leftovers(&test);
        let status = test.roadmap(&["status"]).env("ROADMAP_TODAY", TODAY).run();
        let said = String::from_utf8_lossy(&status.stderr);
        let now = plan_files(&test);
        if now == new {
            assert!(
                said.contains("note: finished an interrupted write (review: 2026-Q1): "),
                "killed at rename {n}, the next run finished the review without saying so:\n{said}"
            );
            finished += 1;
        } else {
            assert!(
                now == old,
                "killed at rename {n}: after the next run, the plan is neither all old nor all new"
            );
            if !left.is_empty() {
                assert!(
                    said.contains("note: rolled back an interrupted write"),
                    "killed at rename {n}, the next run rolled back without saying so:\n{said}"
                );
                rolled_back += 1;
            }
        }
        assert_eq!(journal_leftovers(&test), Vec::<PathBuf>::new());
    }
    assert!(finished >= 4, "a kill at each file's rename: {finished}");
    assert!(
        rolled_back >= 1,
        "a kill before the commit point: {rolled_back}"
    );
}

#[test]
fn ctrl_c_during_a_commit_leaves_no_stale_git_lock() {
    require_strace();
    let review = |answers: &str| {
        let args = ["review", "2026-Q1", "--answers", answers, "--commit"];
        (
            args.map(str::to_owned).to_vec(),
            "review: 2026-Q1",
            "the review",
        )
    };
    let record = |_: &str| {
        let args = ["record", "revenue", "5.4M", "--commit"];
        (
            args.map(str::to_owned).to_vec(),
            "record: revenue",
            "the change",
        )
    };
    for command in [review, record] {
        for lock in ["refs/heads/main.lock", "index.lock"] {
            let test = plan();
            let (args, subject, what) = command(&answers(&test));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let lock_path = test.path(".git").join(lock);
            // Ctrl-C as git takes the lock; the rename that releases it
            // then waits a second, so a process that stops at once leaves
            // the lock behind.
            let injections = [
                "inject=?open,?openat,?creat:signal=SIGINT:when=1".to_owned(),
                format!("inject={RENAMES}:delay_enter=1s:when=1"),
            ];
            let output = under_strace(&test, &injections, Some(&lock_path), &args);
            let context = format!("{args:?}, Ctrl-C at {lock}\n{}", shown(&output));
            assert_eq!(output.status.code(), Some(130), "{context}");
            assert!(!lock_path.exists(), "{lock} is left behind\n{context}");
            assert!(
                String::from_utf8_lossy(&output.stderr)
                    .contains(&format!("stopped: {what} is written and committed")),
                "{context}"
            );
            let log = test
                .git_command()
                .args(["log", "-1", "--format=%s"])
                .output()
                .expect("git log");
            let log = String::from_utf8_lossy(&log.stdout);
            assert!(log.starts_with(subject), "{log}\n{context}");
            let clean = test
                .git_command()
                .args(["status", "--porcelain"])
                .output()
                .expect("git status");
            assert_eq!(
                String::from_utf8_lossy(&clean.stdout),
                "",
                "the commit holds the written files, and the index agrees\n{context}"
            );
        }
    }
}

/// Every file of a report folder.
fn report_files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("read a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(
                    path.strip_prefix(base)
                        .expect("below")
                        .display()
                        .to_string(),
                );
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

#[test]
fn two_reports_into_one_folder_both_succeed_and_leave_no_folder_beside_it() {
    let test = plan();
    test.roadmap(&["report", "--out", "dashboard"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let complete = report_files(&test.path("dashboard"));
    let index = fs::read(test.path("dashboard/index.html")).expect("index.html");
    // What a run killed half-way leaves: its fresh folder and the old one.
    fs::create_dir_all(test.path(".dashboard.new-999998/csv")).expect("stale folder");
    fs::create_dir_all(test.path(".dashboard.old-999999")).expect("stale folder");
    fs::write(test.path(".dashboard.old-999999/.roadmap-report"), "").expect("marker");

    for round in 1..=50 {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                command(&test, super::support::BIN)
                    .args(["report", "--out", "dashboard"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start roadmap report")
            })
            .collect();
        for run in runs {
            let output = run.wait_with_output().expect("wait for roadmap report");
            assert!(
                output.status.success(),
                "round {round}: a report failed\n{}",
                shown(&output)
            );
        }
        let beside: Vec<String> = fs::read_dir(test.path(""))
            .expect("the repository")
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.starts_with(".dashboard"))
            .collect();
        assert_eq!(beside, Vec::<String>::new(), "round {round}");
        assert_eq!(
            report_files(&test.path("dashboard")),
            complete,
            "round {round}"
        );
        assert_eq!(
            fs::read(test.path("dashboard/index.html")).expect("index.html"),
            index,
            "round {round}"
        );
    }
}

#[test]
fn two_records_at_once_never_lose_one() {
    let test = plan();
    for round in 1..=20 {
        let revenue = format!("5.{round}M");
        let retention = format!("{}", 70 + round);
        let runs: Vec<_> = [["revenue", revenue.as_str()], ["retention", &retention]]
            .iter()
            .map(|[id, value]| {
                command(&test, super::support::BIN)
                    .args(["record", id, value])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start roadmap record")
            })
            .collect();
        let metrics = || fs::read_to_string(test.path("plans/metrics.yaml")).expect("metrics");
        let mut written = Vec::new();
        for (run, value) in runs.into_iter().zip([&revenue, &retention]) {
            let output = run.wait_with_output().expect("wait for roadmap record");
            if output.status.success() {
                written.push(value.clone());
            } else {
                let said = String::from_utf8_lossy(&output.stderr);
                assert!(
                    output.status.code() == Some(2)
                        && said.contains("changed on disk while roadmap was editing it"),
                    "round {round}\n{}",
                    shown(&output)
                );
            }
        }
        assert!(!written.is_empty(), "round {round}: one of them is written");
        for value in written {
            assert!(
                metrics().contains(&format!("2026-03: {value}")),
                "round {round}: {value} was recorded, then lost:\n{}",
                metrics()
            );
        }
    }
}

#[test]
fn a_recorded_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let test = plan();
    let metrics = test.path("plans/metrics.yaml");
    fs::set_permissions(&metrics, fs::Permissions::from_mode(0o600)).expect("chmod");
    test.roadmap(&["record", "revenue", "5.4M"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("updated plans/metrics.yaml")
        .run();
    let mode = fs::metadata(&metrics)
        .expect("metrics")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "a private file stays private");
}
