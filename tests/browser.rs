//! The reports in a real browser: Debian's headless chromium, driven by
//! Playwright from `tests/browser/run.mjs`, loads the dashboard of the demo
//! repository from `file://` with every other request blocked, and checks
//! what a person would see; summary.html is printed to PDF; the HTML goes
//! through html-validate.
//!
//! Runs when `ROADMAP_BROWSER_TESTS=1` is set for `cargo test` (`.ci/run`
//! sets it): build.rs then sets `cfg(roadmap_browser)`. Without it the test
//! is listed as ignored, never as passed. When it runs, a missing node,
//! chromium or `npm ci` is a failure, never a skip: a browser test that
//! silently does not run proves nothing.
//!
//! `ROADMAP_CHROMIUM` names another chromium binary; screenshots go to
//! `ROADMAP_SCREENSHOTS` (default: a folder under cargo's target tmpdir).

mod common;

use common::copy_tree;
use std::path::{Path, PathBuf};
use std::process::Command;

fn roadmap(dir: &Path, args: &[&str]) -> Vec<u8> {
    roadmap_exits(dir, args, 0)
}

/// `roadmap` in `dir`, which must exit with `code`; returns stdout.
fn roadmap_exits(dir: &Path, args: &[&str], code: i32) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run roadmap");
    assert_eq!(
        out.status.code(),
        Some(code),
        "roadmap {args:?} ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The report and the context of a plan, for the figures check:
/// `DIR=CONTEXT`, as run.mjs takes them. `code` is what every run of a
/// plan that shows it must exit with (1: a file does not load).
fn figures(tmp: &Path, repo: &Path, name: &str, code: i32) -> String {
    let out = tmp.join(format!("report-{name}"));
    roadmap_exits(
        repo,
        &["report", "--out", out.to_str().expect("utf-8 path")],
        code,
    );
    let context = tmp.join(format!("{name}-context.json"));
    std::fs::write(
        &context,
        roadmap_exits(repo, &["report", "--context"], code),
    )
    .expect("write context");
    format!("{}={}", out.display(), context.display())
}

/// The demo made afresh in `tmp/NAME`, then changed by `change`.
fn demo_changed(tmp: &Path, name: &str, change: impl FnOnce(&Path)) -> PathBuf {
    let repo = tmp.join(name);
    let status = Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .arg("demo")
        .arg(&repo)
        .output()
        .expect("run roadmap demo");
    assert!(status.status.success(), "roadmap demo failed");
    change(&repo);
    repo
}

fn require(what: &str, found: bool, hint: &str) {
    assert!(
        found,
        "ROADMAP_BROWSER_TESTS=1 but {what} is missing: {hint}"
    );
}

/// Plan text that would run as script if it were not escaped: in an
/// objective (HTML) and in a habit (the JSON the charts are drawn from and
/// their tooltips). Committed on the demo's last day, so "today" stays.
fn hostile_titles(repo: &Path) {
    let edit = |file: &str, from: &str, to: &str| {
        let path = repo.join(file);
        let text = std::fs::read_to_string(&path).expect("read plan file");
        assert!(text.contains(from), "{file} no longer holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write plan file");
    };
    edit(
        "plans/years/2026.md",
        "title: Raise territory market share to 21%",
        r#"title: 'Raise territory market share to 21% </script><img src=x onerror="window.xss=1">'"#,
    );
    edit(
        "plans/habits.yaml",
        r#"title: "Workdays: 30 min strategic thinking time""#,
        r#"title: "Workdays: 30 min strategic thinking time <script>window.xss=2</script>""#,
    );
    let date = "2026-10-31T18:30:00-07:00";
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=Alex Morgan",
            "-c",
            "user.email=alex@example.com",
        ])
        .args(["commit", "-qam", "Titles with markup"])
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("run git");
    assert!(status.success(), "git commit failed");
}

fn git(dir: &Path, args: &[&str]) {
    let date = "2026-03-02T09:00:00+00:00";
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Dana Reyes",
            "-c",
            "user.email=dana@example.com",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?} failed");
}

/// The smallest valid plan in one commit: no readings, no check-ins, no
/// milestones reached. Returns the report folder.
fn sparse_plan_report(tmp: &Path) -> PathBuf {
    let repo = tmp.join("sparse");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
        &repo,
    );
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "Plan"]);
    let out = tmp.join("report-sparse");
    roadmap(
        &repo,
        &["report", "--out", out.to_str().expect("utf-8 path")],
    );
    out
}

/// A team repository of two people made from the demo's plan: Alex's as it
/// is, Bo's under another name and with a lower October revenue. Returns the
/// report folder and the context file.
fn team_report(tmp: &Path, demo: &Path) -> (PathBuf, PathBuf) {
    let repo = tmp.join("team");
    copy_tree(&demo.join("plans"), &repo.join("plans/alex"));
    copy_tree(&demo.join("plans"), &repo.join("plans/bo"));
    let edit = |file: &str, from: &str, to: &str| {
        let path = repo.join(file);
        let text = std::fs::read_to_string(&path).expect("read plan file");
        assert!(text.contains(from), "{file} no longer holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write plan file");
    };
    edit(
        "plans/bo/vision.md",
        "name: Alex Morgan",
        "name: Bo Lindqvist",
    );
    edit("plans/bo/metrics.yaml", "2026-10: 5.36M", "2026-10: 4.10M");
    // Bo reports to Alex, whose revenue holds Bo's.
    edit(
        "plans/bo/vision.md",
        "name: Bo Lindqvist",
        "name: Bo Lindqvist\nmanager: alex",
    );
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "Team plans"]);
    let out = tmp.join("report-team");
    roadmap(
        &repo,
        &["report", "--out", out.to_str().expect("utf-8 path")],
    );
    let context = tmp.join("team-context.json");
    std::fs::write(&context, roadmap(&repo, &["report", "--context"])).expect("write context");
    (out, context)
}

/// The drill-down's plan: the demo with two later updates that move the
/// quarter's revenue key result and the territory revenue and leave every
/// other metric and key result behind (stale by 2026-12-20). Writes, into
/// `tmp/drill`, what tests/browser/drill.mjs reads: the report made on
/// 2026-12-31, its context, `progress --format json` and the commits'
/// subjects (`git log`). Returns that folder.
fn drill_inputs(tmp: &Path) -> PathBuf {
    let repo = demo_changed(tmp, "drill-plan", |repo| {
        let edit = |file: &str, from: &str, to: &str| {
            let path = repo.join(file);
            let text = std::fs::read_to_string(&path).expect("read plan file");
            assert!(text.contains(from), "{file} no longer holds {from:?}");
            std::fs::write(&path, text.replacen(from, to, 1)).expect("write plan file");
        };
        let commit = |day: &str, message: &str| {
            let date = format!("{day}T18:00:00+00:00");
            let status = Command::new("git")
                .arg("-C")
                .arg(repo)
                .args([
                    "-c",
                    "user.name=Alex Morgan",
                    "-c",
                    "user.email=alex@example.com",
                ])
                .args(["commit", "-qam", message])
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date)
                .status()
                .expect("run git");
            assert!(status.success(), "git commit failed");
        };
        let quarter = "plans/quarters/2026-Q4.md";
        edit(quarter, "as_of: 2026-10-31", "as_of: 2026-11-30");
        edit(quarter, "current: 0.54M", "current: 1.1M");
        edit(
            "plans/metrics.yaml",
            "as_of: 2026-10-31",
            "as_of: 2026-11-30",
        );
        edit(
            "plans/metrics.yaml",
            "      2026-10: 5.36M\n",
            "      2026-10: 5.36M\n      2026-11: 5.9M\n",
        );
        commit("2026-11-30", "review: November revenue");
        edit(quarter, "as_of: 2026-11-30", "as_of: 2026-12-20");
        edit(quarter, "current: 1.1M", "current: 1.6M");
        commit("2026-12-20", "quarter: December revenue to date");
    });
    let dir = tmp.join("drill");
    std::fs::create_dir_all(&dir).expect("drill folder");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_roadmap"))
            .arg("-C")
            .arg(&repo)
            .args(args)
            .env("NO_COLOR", "1")
            .env("ROADMAP_TODAY", "2026-12-31")
            .output()
            .expect("run roadmap");
        assert!(
            out.status.success(),
            "roadmap {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let report = dir.join("report");
    run(&["report", "--out", report.to_str().expect("utf-8 path")]);
    std::fs::write(dir.join("context.json"), run(&["report", "--context"])).expect("context");
    std::fs::write(
        dir.join("progress.json"),
        run(&["progress", "--format", "json"]),
    )
    .expect("progress");
    let log = Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["log", "--format=%H %s"])
        .output()
        .expect("run git log");
    std::fs::write(dir.join("commits.txt"), log.stdout).expect("commits");
    dir
}

#[test]
#[cfg_attr(
    not(roadmap_browser),
    ignore = "needs ROADMAP_BROWSER_TESTS=1 and chromium, node, `npm ci` in tests/browser (README)"
)]
fn dashboard_summary_and_templates_in_headless_chromium() {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var_os("ROADMAP_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require("node", node_ok, "install nodejs and npm");
    require(
        "chromium",
        chromium.is_file(),
        &format!("install Debian's chromium ({})", chromium.display()),
    );
    require(
        "tests/browser/node_modules",
        harness.join("node_modules/playwright-core").is_dir()
            && harness.join("node_modules/html-validate").is_dir(),
        "run `npm ci` in tests/browser",
    );

    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = demo_changed(tmp.path(), "career", hostile_titles);
    let out = tmp.path().join("report");
    roadmap(
        &repo,
        &["report", "--out", out.to_str().expect("utf-8 path")],
    );
    let context = roadmap(&repo, &["report", "--context"]);
    // The first quarter (little history yet) and a year far ahead (no
    // readings at all): loaded for errors and width only.
    let mut smoke = Vec::new();
    for at in ["2025-Q1", "2030"] {
        let dir = tmp.path().join(format!("report-{at}"));
        roadmap(
            &repo,
            &[
                "report",
                "--at",
                at,
                "--out",
                dir.to_str().expect("utf-8 path"),
            ],
        );
        smoke.push(dir);
    }
    smoke.push(sparse_plan_report(tmp.path()));
    // The same figures, checked against their own context, on a fresh
    // plan, on one with a file that does not load and on one a review
    // has just edited (tests/cli/consistency.rs compares the other
    // outputs of the same plans).
    let mut checked = vec![figures(tmp.path(), &tmp.path().join("sparse"), "fresh", 0)];
    let broken = demo_changed(tmp.path(), "broken", |repo| {
        let path = repo.join("plans/capabilities.yaml");
        let mut text = std::fs::read_to_string(&path).expect("capabilities.yaml");
        text.push_str("broken: [\n");
        std::fs::write(&path, text).expect("break capabilities.yaml");
    });
    checked.push(figures(tmp.path(), &broken, "broken", 1));
    let reviewed = demo_changed(tmp.path(), "reviewed", |repo| {
        let answers = repo.join("../answers.yaml");
        std::fs::write(
            &answers,
            "values:\n  26q4-playbook-published: 1\n  territory-revenue: 5.9M\n  26q4-sponsors: 10\n",
        )
        .expect("write the answers");
        roadmap(
            repo,
            &[
                "review",
                "2026-11",
                "--answers",
                answers.to_str().expect("utf-8 path"),
            ],
        );
    });
    checked.push(figures(tmp.path(), &reviewed, "reviewed", 0));
    let (team_out, team_context) = team_report(tmp.path(), &repo);
    let drill = drill_inputs(tmp.path());
    let context_path = tmp.path().join("context.json");
    std::fs::write(&context_path, context).expect("write context");

    let screens = std::env::var_os("ROADMAP_SCREENSHOTS").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screens"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&screens).expect("screenshot folder");

    let run = Command::new("node")
        .arg(harness.join("run.mjs"))
        .arg("--out")
        .arg(&out)
        .arg("--context")
        .arg(&context_path)
        .arg("--screens")
        .arg(&screens)
        .arg("--chromium")
        .arg(&chromium)
        .arg("--team")
        .arg(&team_out)
        .arg("--team-context")
        .arg(&team_context)
        .args(
            smoke
                .iter()
                .flat_map(|dir| [std::ffi::OsStr::new("--smoke"), dir.as_os_str()]),
        )
        .args(checked.iter().flat_map(|pair| ["--figures", pair.as_str()]))
        .env("ROADMAP_DRILL", &drill)
        .current_dir(&harness)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        run.status.success(),
        "browser checks failed ({}); see the output above",
        run.status
    );
}
