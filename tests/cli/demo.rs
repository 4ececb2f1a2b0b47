//! `roadmap demo DIR`: the example plan with a monthly history, and the
//! material it promises (review tags, a lowered target, a replanned
//! quarter) as `roadmap progress` and `roadmap diff` see it.

use std::fs;
use std::process::Command;

use serde_json::Value;

use super::support::Test;

fn roadmap(test: &Test) -> Command {
    let mut command = test.roadmap_command();
    command.args(["--color", "never"]).env("NO_COLOR", "1");
    command
}

fn json(command: &mut Command) -> Value {
    let output = command.output().expect("roadmap runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// `roadmap demo` run as a person would, without a fixed today.
fn make_demo() -> Test {
    let test = Test::named("demo");
    let status = roadmap(&test)
        .args(["demo", "."])
        .output()
        .expect("roadmap demo runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    test
}

#[test]
fn the_demo_has_a_monthly_history_with_review_tags_and_a_valid_plan() {
    let demo = make_demo();
    let dates = demo.git_stdout(&["log", "--reverse", "--format=%ad", "--date=short"]);
    let dates: Vec<&str> = dates.lines().collect();
    assert_eq!(dates.len(), 22);
    assert_eq!(dates.first(), Some(&"2025-01-31"));
    assert_eq!(dates.last(), Some(&"2026-10-31"));
    let tags = demo.git_stdout(&["tag", "--list", "review/*"]);
    assert_eq!(
        tags.lines().collect::<Vec<_>>(),
        [
            "review/2025-Q1",
            "review/2025-Q2",
            "review/2025-Q3",
            "review/2025-Q4",
            "review/2026-Q1",
            "review/2026-Q2",
            "review/2026-Q3",
        ]
    );
    let check = roadmap(&demo).arg("check").output().expect("check runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn the_demo_lowers_a_target_once() {
    let demo = make_demo();
    let rows = json(roadmap(&demo).args(["progress", "territory-revenue", "--format", "json"]));
    let targets: Vec<(&str, u64)> = rows["observations"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "target" && r["field"] == "2026")
        .map(|r| {
            (
                r["date"].as_str().expect("a date"),
                r["value"].as_u64().expect("a number"),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [("2025-01-31", 6_950_000), ("2025-12-31", 6_850_000)]
    );

    let diff = json(roadmap(&demo).args([
        "diff",
        "review/2025-Q3",
        "review/2025-Q4",
        "--format",
        "json",
    ]));
    assert_eq!(diff["summary"]["targets_lowered"], 1);
    assert_eq!(diff["summary"]["targets_raised"], 0);
    let lowered: Vec<&Value> = diff["changed"]
        .as_array()
        .expect("changes")
        .iter()
        .flat_map(|c| c["fields"].as_array().expect("fields"))
        .filter(|f| f["direction"] == "lowered")
        .collect();
    assert_eq!(lowered.len(), 1);
    assert_eq!(lowered[0]["field"], "target 2026");
    assert_eq!(lowered[0]["from"], 6_950_000.0);
    assert_eq!(lowered[0]["to"], 6_850_000.0);
}

#[test]
fn the_demo_replans_a_quarter() {
    let demo = make_demo();
    let diff = json(roadmap(&demo).args(["diff", "2026-04-30", "2026-05-31", "--format", "json"]));
    let removed: Vec<(&str, &str)> = diff["removed"]
        .as_array()
        .expect("removed items")
        .iter()
        .map(|r| {
            (
                r["period"].as_str().unwrap_or_default(),
                r["kind"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        removed.contains(&("2026-Q2", "objective")),
        "an objective of 2026-Q2 dropped in May: {removed:?}"
    );
    assert_eq!(diff["summary"]["added"]["objective"], 1);
}

#[test]
fn the_demo_refuses_a_non_empty_folder_and_leaves_it_alone() {
    let test = Test::named("taken").file("notes.txt", "mine\n");
    let dir = test.path("");
    let output = roadmap(&test)
        .current_dir(test.outside())
        .arg("demo")
        .arg(&dir)
        .output()
        .expect("roadmap demo runs");
    assert_eq!(output.status.code(), Some(2));
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("list the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt"]);
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).expect("read"),
        "mine\n"
    );
}

#[test]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    let demo = make_demo();
    let commands: [&[&str]; 11] = [
        &["progress", "--committed", "--format", "text"],
        &["progress", "--committed", "--format", "csv"],
        &["progress", "--committed", "--format", "json"],
        &["status"],
        &["status", "--format", "json"],
        &["diff", "2025-06-30", "2026-06-30"],
        &["diff", "2025-06-30", "2026-06-30", "--format", "json"],
        &["check"],
        &["check", "--format", "json"],
        &["new", "quarter", "--print"],
        &["report"],
    ];
    for args in commands {
        let mut child = roadmap(&demo)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("roadmap starts");
        // The reader goes away before anything is read.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("roadmap ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{args:?}: {:?} {stderr}",
            output.status
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{args:?}: {stderr}"
        );
    }
}
