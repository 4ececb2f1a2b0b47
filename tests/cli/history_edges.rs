//! The edges of a plan's history: a file deleted and restored, `plans/` as
//! a git submodule, an empty plan, a repository git does not trust.

use std::fmt::Write as _;
use std::fs;

use super::support::Test;

const TODAY: &str = "2026-06-15";

/// The minimal plan's metrics with revenue readings for `months`
/// (`YYYY-MM`, value).
fn metrics(readings: &[(&str, &str)]) -> String {
    let mut actuals = String::new();
    for (month, value) in readings {
        let _ = writeln!(actuals, "      {month}: {value}");
    }
    format!(
        "growth: 15-20%\n\
         metrics:\n  \
           - id: revenue\n    \
             name: Territory revenue\n    \
             kind: revenue\n    \
             unit: USD\n    \
             baseline: 5M\n    \
             targets:\n      \
               2026: 5.9M\n      \
               2027: 6.9M\n    \
             actuals:\n{actuals}  \
           - id: retention\n    \
             name: Customer retention\n    \
             kind: retention\n    \
             unit: \"%\"\n    \
             targets:\n      \
               2026: 90\n"
    )
}

const METRICS: &str = "plans/metrics.yaml";

/// The minimal plan with two months of revenue readings, each committed at
/// the end of its month.
fn two_months() -> Test {
    Test::minimal()
        .git_init()
        .file(METRICS, metrics(&[("2026-01", "0.45M")]))
        .commit("2026-01-31", "review: 2026-01")
        .file(
            METRICS,
            metrics(&[("2026-01", "0.45M"), ("2026-02", "0.93M")]),
        )
        .commit("2026-02-28", "review: 2026-02")
}

/// What the history says of the readings, in every output that shows
/// them: `csv/metrics.csv`, `progress --format json` and the metrics of
/// the report's context (what the dashboard renders).
#[derive(Debug, PartialEq)]
struct Readings {
    csv: String,
    progress: serde_json::Value,
    context: serde_json::Value,
}

fn readings(test: &Test) -> Readings {
    let out = test.outside().join("report");
    let _ = fs::remove_dir_all(&out);
    test.roadmap(&["report", "--out", out.to_str().expect("a UTF-8 path")])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let csv = fs::read_to_string(out.join("csv/metrics.csv")).expect("metrics.csv");
    let progress = test
        .roadmap(&["progress", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    let progress = progress["observations"]
        .as_array()
        .expect("a list of observations")
        .iter()
        .filter(|o| o["kind"] == "metric")
        .cloned()
        .collect();
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    Readings {
        csv,
        progress,
        context: context["plans"][0]["metrics"].clone(),
    }
}

/// The rows of a CSV without their last column (the commit).
fn without_commits(csv: &str) -> Vec<String> {
    csv.lines()
        .map(|line| {
            line.rsplit_once(',')
                .map_or(line, |(row, _)| row)
                .to_owned()
        })
        .collect()
}

#[test]
fn metrics_file_deleted_and_restored_in_the_next_commit_repeats_no_reading() {
    let control = two_months();
    let test = two_months()
        .remove(METRICS)
        .commit("2026-03-02", "drop the metrics by mistake")
        .file(
            METRICS,
            metrics(&[("2026-01", "0.45M"), ("2026-02", "0.93M")]),
        )
        .commit("2026-03-03", "restore the metrics");
    let expected = readings(&control);
    assert_eq!(expected.csv.lines().count(), 3, "{}", expected.csv);
    assert_eq!(readings(&test), expected);
}

#[test]
fn metrics_file_deleted_and_restored_commits_later_repeats_no_reading() {
    let control = two_months();
    let test = two_months()
        .remove(METRICS)
        .commit("2026-03-02", "drop the metrics")
        .edit("plans/habits.yaml", "habits:", "# Kept daily.\nhabits:")
        .commit("2026-03-09", "habits: a note")
        .commit("2026-03-16", "an empty commit")
        .file(
            METRICS,
            metrics(&[("2026-01", "0.45M"), ("2026-02", "0.93M")]),
        )
        .commit("2026-03-23", "restore the metrics");
    assert_eq!(readings(&test), readings(&control));
}

#[test]
fn metrics_file_restored_with_changes_records_only_what_changed() {
    let changed = [
        ("2026-01", "0.45M"),
        ("2026-02", "0.95M"),
        ("2026-03", "1.4M"),
    ];
    let control = two_months()
        .file(METRICS, metrics(&changed))
        .commit("2026-03-31", "review: 2026-03");
    let test = two_months()
        .remove(METRICS)
        .commit("2026-03-02", "drop the metrics")
        .file(METRICS, metrics(&changed))
        .commit("2026-03-31", "review: 2026-03");
    let (expected, found) = (readings(&control), readings(&test));
    assert_eq!(
        without_commits(&found.csv),
        without_commits(&expected.csv),
        "{}",
        found.csv
    );
    // The first month's reading keeps its first commit; the changed and
    // the new one are the restoring commit's.
    assert_eq!(found.csv.lines().count(), 5, "{}", found.csv);
    let first: Vec<&str> = found.csv.lines().skip(1).take(1).collect();
    let first_expected: Vec<&str> = expected.csv.lines().skip(1).take(1).collect();
    assert_eq!(first, first_expected);
}

/// git's ownership check refuses a repository another user owns: roadmap
/// says so in git's words and names the `safe.directory` fix, which then
/// works. Only root can give a folder away, so elsewhere the test only
/// says it did not run.
#[cfg(unix)]
#[test]
fn repository_owned_by_another_user_names_git_safe_directory() {
    use std::os::unix::fs::MetadataExt as _;

    let test = two_months();
    let git_dir = test.path(".git");
    if fs::metadata(&git_dir).expect("the git directory").uid() != 0 {
        eprintln!("note: not run as root, so the repository cannot be given to another user");
        return;
    }
    let root = test.path("").canonicalize().expect("the repository's path");
    for folder in [&root, &git_dir] {
        std::os::unix::fs::chown(folder, Some(12345), Some(12345)).expect("give the folder away");
    }
    let fix = format!(
        "git config --global --add safe.directory {}",
        root.display()
    );
    for args in [
        &["progress"][..],
        &["status"],
        &["diff", "HEAD~1"],
        &["report", "--context"],
    ] {
        test.roadmap(args)
            .env("ROADMAP_TODAY", TODAY)
            .env_remove("SUDO_UID")
            .status(2)
            .stderr_contains("git's ownership check")
            .stderr_contains("is not owned by current user")
            .stderr_contains(&fix)
            .run();
    }
    let status = test
        .git_command()
        .args(["config", "--file"])
        .arg(test.outside().join(".gitconfig"))
        .args(["--add", "safe.directory"])
        .arg(&root)
        .status()
        .expect("run git config");
    assert!(status.success());
    test.roadmap(&["progress"])
        .env("ROADMAP_TODAY", TODAY)
        .env_remove("SUDO_UID")
        .stdout_contains("revenue")
        .run();
}

/// The minimal plan's files, all of them.
const MINIMAL_FILES: [&str; 7] = [
    "plans/vision.md",
    "plans/strategy.yaml",
    "plans/capabilities.yaml",
    "plans/metrics.yaml",
    "plans/habits.yaml",
    "plans/years/2026.md",
    "plans/quarters/2026-Q1.md",
];

#[test]
fn empty_plans_folder_fails_check_and_every_command() {
    let mut test = Test::minimal()
        .file("plans/README.md", "# Our plan\n")
        .git_init();
    for file in MINIMAL_FILES {
        test = test.remove(file);
    }
    let test = test.commit("2026-01-05", "start");
    test.roadmap(&["check", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .stdout_contains("plans/:1:1: error[empty-plan]: plans/ holds no plan files")
        .stdout_contains("`roadmap init` writes a plan")
        .stdout_contains("`roadmap demo DIR`")
        .run();
    for args in [&["status"][..], &["progress"], &["report", "--context"]] {
        test.roadmap(args)
            .env("ROADMAP_TODAY", TODAY)
            .status(1)
            .stderr_contains("error: plans/ holds no plan files")
            .stderr_contains("`roadmap demo DIR`")
            .run();
    }
}

#[test]
fn repository_without_plans_folder_says_how_to_start_one() {
    Test::new()
        .file("README.md", "# Notes\n")
        .git_init()
        .commit("2026-01-05", "start")
        .roadmap(&["check"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("no plans/ folder")
        .stderr_contains("`roadmap init` writes a plan")
        .stderr_contains("`roadmap demo DIR`")
        .run();
}

#[test]
fn empty_person_folder_in_a_team_is_an_error_naming_the_person() {
    let test = Test::new()
        .tree(&super::support::minimal_plans(), "plans/dana")
        .git_init()
        .commit("2026-01-05", "dana's plan");
    fs::create_dir_all(test.path("plans/alex")).expect("make alex's folder");
    test.roadmap(&["check", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .stdout_contains("plans/alex/:1:1: error[empty-plan]: plans/alex/ holds no plan files: alex's plan is empty")
        .stdout_contains("write plans/alex/vision.md")
        .stdout_contains("plans/dana/  Dana Reyes")
        .run();
    // Only what git does not keep is empty: a README alone leaves it so.
    let test = test.file("plans/alex/README.md", "# Alex\n");
    test.roadmap(&["check", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .stdout_contains("\"plans/alex/\"")
        .run();
}

/// A repository whose `plans/` is a git submodule of `plan`, made with
/// git itself (file URLs are allowed for this one command).
fn with_plans_submodule(plan: &Test) -> Test {
    let url = plan.path("").canonicalize().expect("the plan repository");
    Test::new()
        .file("README.md", "# Team\n")
        .git_init()
        .commit("2026-01-05", "start")
        .git(&[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "--quiet",
            url.to_str().expect("a UTF-8 path"),
            "plans",
        ])
        .commit("2026-02-01", "plans: a submodule")
}

/// Every command that reads the plan through git refuses it, with what to
/// do, and never says git's raw "object not found".
fn refuses_submodule(test: &Test, hint: &str) {
    for args in [
        &["check"][..],
        &["check", "--staged"],
        &["check", "--rev", "HEAD"],
        &["status"],
        &["progress"],
        &["diff", "HEAD"],
        &["diff", "HEAD~1", "HEAD"],
        &["report", "--context"],
    ] {
        let output = test
            .roadmap(args)
            .env("ROADMAP_TODAY", TODAY)
            .status(2)
            .stderr_contains("plans/ is a git submodule, a repository of its own, in ")
            .stderr_contains("its files and their history live in that repository")
            .stderr_contains(hint)
            .run();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("object not found"), "{args:?}: {stderr}");
    }
}

#[test]
fn plans_submodule_holding_the_plan_files_is_refused_with_what_to_do() {
    let plan = Test::new()
        .tree(&super::support::minimal_plans(), ".")
        .git_init()
        .commit("2026-01-31", "the plan");
    let test = with_plans_submodule(&plan);
    assert!(test.path("plans/vision.md").is_file());
    refuses_submodule(&test, "make plans/ an ordinary folder of this one");
}

#[test]
fn plans_submodule_with_a_plans_folder_of_its_own_is_read_there() {
    let plan = Test::minimal()
        .git_init()
        .commit("2026-01-31", "the plan")
        .file(METRICS, metrics(&[("2026-01", "0.45M")]))
        .commit("2026-02-01", "review: 2026-01");
    let test = with_plans_submodule(&plan);
    refuses_submodule(&test, "run roadmap there (`roadmap -C plans status`)");
    // Where the hint points, the plan and its history are read.
    test.roadmap(&["-C", "plans", "progress", "--format", "csv"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("2026-01-31,revenue,metric,,2026-01,450000")
        .run();
}

#[test]
fn nested_plans_repository_not_yet_committed_is_refused() {
    let test = Test::new()
        .file("README.md", "# Team\n")
        .git_init()
        .commit("2026-01-05", "start")
        .tree(&super::support::minimal_plans(), "plans")
        .git(&["-C", "plans", "init", "--quiet"]);
    for args in [&["check"][..], &["status"], &["progress"]] {
        test.roadmap(args)
            .env("ROADMAP_TODAY", TODAY)
            .status(2)
            .stderr_contains(
                "plans/ is a git submodule, a repository of its own, in the working tree",
            )
            .run();
    }
}
