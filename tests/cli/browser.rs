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

use std::path::{Path, PathBuf};

use super::support::{Browser, Test};

/// `roadmap` in `repo`, which must exit with `code`; returns stdout.
fn roadmap_exits(repo: &Test, args: &[&str], code: i32) -> Vec<u8> {
    repo.roadmap(args)
        .env("NO_COLOR", "1")
        .status(code)
        .run()
        .stdout
}

fn roadmap(repo: &Test, args: &[&str]) -> Vec<u8> {
    roadmap_exits(repo, args, 0)
}

/// `roadmap report --out OUT` in `repo`.
fn report_into(repo: &Test, out: &Path) {
    roadmap(
        repo,
        &["report", "--out", out.to_str().expect("utf-8 path")],
    );
}

/// The report and the context of a plan, for the figures check:
/// `DIR=CONTEXT`, as run.mjs takes them. `code` is what every run of a
/// plan that shows it must exit with (1: a file does not load).
fn figures(tmp: &Path, repo: &Test, name: &str, code: i32) -> String {
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

/// The demo made afresh, then changed by `change`.
fn demo_changed(change: impl FnOnce(Test) -> Test) -> Test {
    let repo = Test::new();
    roadmap(&repo, &["demo", "."]);
    change(repo)
}

/// Plan text that would run as script if it were not escaped: in an
/// objective (HTML) and in a habit (the JSON the charts are drawn from and
/// their tooltips). Committed on the demo's last day, so "today" stays.
fn hostile_titles(repo: Test) -> Test {
    repo.edit(
        "plans/years/2026.md",
        "title: Raise territory market share to 21%",
        r#"title: 'Raise territory market share to 21% </script><img src=x onerror="window.xss=1">'"#,
    )
    .edit(
        "plans/habits.yaml",
        r#"title: "Workdays: 30 min strategic thinking time""#,
        r#"title: "Workdays: 30 min strategic thinking time <script>window.xss=2</script>""#,
    )
    .commit("2026-10-31T18:30:00-07:00", "Titles with markup")
}

/// The smallest valid plan in one commit: no readings, no check-ins, no
/// milestones reached. Returns it and its report folder.
fn sparse_plan_report(tmp: &Path) -> (Test, PathBuf) {
    let repo = Test::minimal().git_init().commit("2026-03-02", "Plan");
    let out = tmp.join("report-sparse");
    report_into(&repo, &out);
    (repo, out)
}

/// A team repository of two people made from the demo's plan: Alex's as it
/// is, Bo's under another name and with a lower October revenue. Returns the
/// report folder and the context file.
fn team_report(tmp: &Path, demo: &Test) -> (PathBuf, PathBuf) {
    let repo = Test::new()
        .tree(&demo.path("plans"), "plans/alex")
        .tree(&demo.path("plans"), "plans/bo")
        .edit(
            "plans/bo/vision.md",
            "name: Alex Morgan",
            "name: Bo Lindqvist",
        )
        .edit("plans/bo/metrics.yaml", "2026-10: 5.36M", "2026-10: 4.10M")
        // Bo reports to Alex, whose revenue holds Bo's.
        .edit(
            "plans/bo/vision.md",
            "name: Bo Lindqvist",
            "name: Bo Lindqvist\nmanager: alex",
        )
        .git_init()
        .commit("2026-03-02", "Team plans");
    let out = tmp.join("report-team");
    report_into(&repo, &out);
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
    let quarter = "plans/quarters/2026-Q4.md";
    let repo = demo_changed(|repo| {
        repo.edit(quarter, "as_of: 2026-10-31", "as_of: 2026-11-30")
            .edit(quarter, "current: 0.54M", "current: 1.1M")
            .edit(
                "plans/metrics.yaml",
                "as_of: 2026-10-31",
                "as_of: 2026-11-30",
            )
            .edit(
                "plans/metrics.yaml",
                "      2026-10: 5.36M\n",
                "      2026-10: 5.36M\n      2026-11: 5.9M\n",
            )
            .commit("2026-11-30T18:00:00+00:00", "review: November revenue")
            .edit(quarter, "as_of: 2026-11-30", "as_of: 2026-12-20")
            .edit(quarter, "current: 1.1M", "current: 1.6M")
            .commit(
                "2026-12-20T18:00:00+00:00",
                "quarter: December revenue to date",
            )
    });
    let dir = tmp.join("drill");
    std::fs::create_dir_all(&dir).expect("drill folder");
    let run = |args: &[&str]| {
        repo.roadmap(args)
            .env("NO_COLOR", "1")
            .env("ROADMAP_TODAY", "2026-12-31")
            .run()
            .stdout
    };
    let report = dir.join("report");
    run(&["report", "--out", report.to_str().expect("utf-8 path")]);
    std::fs::write(dir.join("context.json"), run(&["report", "--context"])).expect("context");
    std::fs::write(
        dir.join("progress.json"),
        run(&["progress", "--format", "json"]),
    )
    .expect("progress");
    let log = repo.git_stdout(&["log", "--format=%H %s"]);
    std::fs::write(dir.join("commits.txt"), log + "\n").expect("commits");
    dir
}

#[test]
#[cfg_attr(
    not(roadmap_browser),
    ignore = "needs ROADMAP_BROWSER_TESTS=1 and chromium, node, `npm ci` in tests/browser (README)"
)]
fn dashboard_summary_and_templates_in_headless_chromium() {
    let browser = Browser::new();

    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = demo_changed(hostile_titles);
    let out = tmp.path().join("report");
    report_into(&repo, &out);
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
    let (sparse, sparse_out) = sparse_plan_report(tmp.path());
    smoke.push(sparse_out);
    // The same figures, checked against their own context, on a fresh
    // plan, on one with a file that does not load and on one a review
    // has just edited (tests/cli/consistency.rs compares the other
    // outputs of the same plans).
    let mut checked = vec![figures(tmp.path(), &sparse, "fresh", 0)];
    let broken = demo_changed(|repo| {
        let path = repo.path("plans/capabilities.yaml");
        let mut text = std::fs::read_to_string(&path).expect("capabilities.yaml");
        text.push_str("broken: [\n");
        repo.file("plans/capabilities.yaml", text)
    });
    checked.push(figures(tmp.path(), &broken, "broken", 1));
    let reviewed = demo_changed(|repo| {
        let answers = repo.outside().join("answers.yaml");
        std::fs::write(
            &answers,
            "values:\n  26q4-playbook-published: 1\n  territory-revenue: 5.9M\n  26q4-sponsors: 10\n",
        )
        .expect("write the answers");
        roadmap(
            &repo,
            &[
                "review",
                "2026-11",
                "--answers",
                answers.to_str().expect("utf-8 path"),
            ],
        );
        repo
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

    let browser = browser
        .arg("out", &out)
        .arg("context", &context_path)
        .arg("screens", &screens)
        .arg("team", &team_out)
        .arg("team-context", &team_context);
    let browser = smoke.iter().fold(browser, |b, dir| b.arg("smoke", dir));
    let browser = checked
        .iter()
        .fold(browser, |b, pair| b.arg("figures", pair));
    browser.env("ROADMAP_DRILL", &drill).run();
}
