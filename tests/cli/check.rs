//! `roadmap check`: output formats, exit codes, git snapshots (`--rev`,
//! `--staged`), colour, and plans of several people in one repository.

use super::support::{Test, minimal_plans};

const QUARTER: &str = "plans/quarters/2026-Q1.md";

/// The minimal plan with a misspelt key in the quarter's front matter.
fn misspelt_unit() -> Test {
    Test::minimal().edit(QUARTER, "        unit: USD", "        unti: USD")
}

/// The diagnostics of `roadmap check ARGS --format json`, which must exit 1.
fn failing(test: &Test, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    test.roadmap(&all).status(1).diagnostics()
}

#[test]
fn a_diagnostic_shows_the_source_line_a_caret_and_a_hint() {
    misspelt_unit()
        .roadmap(&["check", "--color", "never"])
        .status(1)
        .stdout(
            "\
plans/quarters/2026-Q1.md:12:9: error[unknown-key]: unknown key `unti`
   |
12 |         unti: USD
   |         ^^^^
  = hint: did you mean `unit`?

plans/  Dana Reyes, 2026-2035: Sales Manager → VP of Sales
  2 phases, 1 annual plan, 3 annual objectives, 1 quarterly plan, 3 quarterly objectives, 3 key results, 2 skills, 2 metrics, 1 habit
failed: 7 files checked: 1 error, 0 warnings
",
        )
        .run();
}

#[test]
fn an_unknown_id_suggests_the_closest_one() {
    Test::minimal()
        .edit(QUARTER, "supports: [y26-team]", "supports: [y26-teams]")
        .roadmap(&["check", "--color", "never"])
        .status(1)
        .stdout_contains(
            "\
plans/quarters/2026-Q1.md:16:16: error[unknown-id]: no annual objective has the id `y26-teams`
   |
16 |     supports: [y26-teams]
   |                ^^^^^^^^^
  = hint: did you mean `y26-team`?
",
        )
        .run();
}

#[test]
fn a_warning_is_shown_with_its_hint() {
    Test::minimal()
        .edit("plans/capabilities.yaml", "2026: 6\n      2027: 7", "2026: 7\n      2027: 6")
        .roadmap(&["check", "--color", "never"])
        .stdout_contains(
            "\
plans/capabilities.yaml:8:13: warning[target-drop]: `negotiation` target drops from 7 in 2026 to 6 in 2027
  |
8 |       2027: 6
  |             ^
  = hint: skill targets hold or rise from one year to the next
",
        )
        .stdout_contains("ok: 7 files checked: no errors, 1 warning")
        .run();
}

#[test]
fn strict_fails_on_warnings() {
    let test = Test::minimal().edit(QUARTER, "    supports: [y26-team]\n", "");
    test.roadmap(&["check"]).status(0).run();
    test.roadmap(&["check", "--strict"]).status(1).run();
    let found = failing(&test, &["--strict"]);
    assert_eq!(found, ["plans/quarters/2026-Q1.md:13:9: warning[unlinked]"]);
}

#[test]
fn json_output_is_a_versioned_list_of_located_diagnostics() {
    let output = misspelt_unit()
        .edit("plans/habits.yaml", "cadence: daily", "cadence: dayly")
        .edit("plans/capabilities.yaml", "level: 4", "level: 11")
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .run();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(
        (json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(3), Some(0))
    );
    let diagnostics = json["diagnostics"].as_array().expect("an array");
    assert_eq!(diagnostics.len(), 3);
    for d in diagnostics {
        let object = d.as_object().expect("each diagnostic is an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "code",
                "column",
                "end_column",
                "end_line",
                "hint",
                "line",
                "message",
                "path",
                "severity"
            ]
        );
        assert!(d["line"].as_u64().is_some_and(|n| n >= 1));
        assert!(d["column"].as_u64().is_some_and(|n| n >= 1));
        assert!(matches!(d["severity"].as_str(), Some("error" | "warning")));
        assert!(d["hint"].is_null() || d["hint"].is_string());
    }
    assert_eq!(diagnostics[0]["path"], "plans/capabilities.yaml");
    assert_eq!(diagnostics[0]["code"], "range");
    assert_eq!(diagnostics[0]["hint"], serde_json::Value::Null);
    assert_eq!(diagnostics[1]["path"], "plans/habits.yaml");
    assert_eq!(diagnostics[1]["message"], "unknown value `dayly`");
    assert_eq!(diagnostics[1]["hint"], "did you mean `daily`?");
    assert_eq!(diagnostics[2]["path"], QUARTER);
}

#[test]
fn a_clean_plan_gives_an_empty_list_of_diagnostics() {
    let output = Test::minimal()
        .roadmap(&["check", "--format", "json"])
        .run();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

// ------------------------------------------------------------------ colour

const ESC: &str = "\u{1b}[";

#[test]
fn color_always_paints_the_output() {
    let output = misspelt_unit()
        .roadmap(&["check", "--color", "always"])
        .status(1)
        .run();
    assert!(String::from_utf8_lossy(&output.stdout).contains(ESC));
}

#[test]
fn color_never_and_no_color_leave_it_plain() {
    let test = misspelt_unit();
    let never = test.roadmap(&["check", "--color", "never"]).status(1).run();
    assert!(!String::from_utf8_lossy(&never.stdout).contains(ESC));
    let no_color = test
        .roadmap(&["check"])
        .env("NO_COLOR", "1")
        .status(1)
        .run();
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains(ESC));
    assert!(!String::from_utf8_lossy(&no_color.stderr).contains(ESC));
}

// ------------------------------------------------------- where it runs

#[test]
fn dash_c_runs_in_another_folder() {
    let test = misspelt_unit();
    let found = test
        .roadmap(&["-C", "repo", "check", "--format", "json"])
        .current_dir(test.outside())
        .status(1)
        .diagnostics();
    assert_eq!(
        found,
        ["plans/quarters/2026-Q1.md:12:9: error[unknown-key]"]
    );
}

#[test]
fn a_subfolder_of_the_repository_checks_the_whole_plan() {
    let test = misspelt_unit();
    let found = test
        .roadmap(&["check", "--format", "json"])
        .current_dir(&test.path("plans/years"))
        .status(1)
        .diagnostics();
    assert_eq!(
        found,
        ["plans/quarters/2026-Q1.md:12:9: error[unknown-key]"]
    );
}

#[test]
fn a_folder_without_plans_is_exit_3() {
    Test::new()
        .roadmap(&["check"])
        .status(2)
        .stderr_contains("no plans/ folder")
        .run();
}

#[test]
fn dash_c_to_a_missing_folder_is_exit_2() {
    Test::minimal()
        .roadmap(&["-C", "nowhere", "check"])
        .status(2)
        .stderr_contains("no such folder")
        .run();
}

// --------------------------------------------------------------- git

#[test]
fn rev_checks_an_older_broken_commit_while_head_is_fine() {
    let test = misspelt_unit()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .edit(QUARTER, "unti: USD", "unit: USD")
        .commit("2026-01-12", "Fix the unit key");
    let found = failing(&test, &["--rev", "HEAD~1"]);
    assert_eq!(
        found,
        ["plans/quarters/2026-Q1.md:12:9: error[unknown-key]"]
    );
    test.roadmap(&["check", "--rev", "HEAD"]).run();
    test.roadmap(&["check"]).run();
}

#[test]
fn rev_checks_a_broken_head_while_the_older_commit_is_fine() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .tag("planned")
        .edit("plans/habits.yaml", "cadence: daily", "cadence: dayly")
        .commit("2026-01-12", "Change the reading habit");
    test.roadmap(&["check", "--rev", "planned"]).run();
    let found = failing(&test, &["--rev", "HEAD"]);
    assert_eq!(found, ["plans/habits.yaml:4:14: error[unknown-value]"]);
}

#[test]
fn rev_reads_the_commit_not_the_working_tree() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .edit("plans/habits.yaml", "cadence: daily", "cadence: dayly");
    test.roadmap(&["check", "--rev", "HEAD"]).run();
    test.roadmap(&["check"]).status(1).run();
}

#[test]
fn rev_shows_source_lines_from_the_commit() {
    misspelt_unit()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .remove(QUARTER)
        .roadmap(&["check", "--rev", "HEAD", "--color", "never"])
        .status(1)
        .stdout_contains("12 |         unti: USD\n   |         ^^^^\n")
        .run();
}

#[test]
fn staged_sees_a_staged_fix_but_not_an_unstaged_one() {
    let test = misspelt_unit()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .edit(QUARTER, "unti: USD", "unit: USD");
    // Fixed in the working tree only: the index still holds the typo.
    test.roadmap(&["check"]).run();
    let found = failing(&test, &["--staged"]);
    assert_eq!(
        found,
        ["plans/quarters/2026-Q1.md:12:9: error[unknown-key]"]
    );

    let test = test.stage(QUARTER);
    test.roadmap(&["check", "--staged"]).run();

    // Broken again, but not staged: the next commit would still be fine.
    let test = test.edit("plans/habits.yaml", "cadence: daily", "cadence: dayly");
    test.roadmap(&["check", "--staged"]).run();
    test.roadmap(&["check"]).status(1).run();
}

#[test]
fn staged_sees_a_new_file_before_its_first_commit() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .file("plans/checkins/2026-01.yaml", "reading: xxq\n")
        .stage("plans/checkins/2026-01.yaml");
    let found = failing(&test, &["--staged"]);
    assert_eq!(found, ["plans/checkins/2026-01.yaml:1:10: error[checkin]"]);
}

#[test]
fn an_unknown_revision_is_exit_2() {
    Test::minimal()
        .git_init()
        .commit("2026-01-05", "Plan the first quarter")
        .roadmap(&["check", "--rev", "no-such-branch"])
        .status(2)
        .stderr_contains("`no-such-branch` names no commit")
        .run();
}

#[test]
fn a_commit_without_plans_is_exit_3() {
    Test::new()
        .file("README.md", "# Notes\n")
        .git_init()
        .commit("2026-01-05", "Start")
        .roadmap(&["check", "--rev", "HEAD"])
        .status(2)
        .stderr_contains("no plans/ folder")
        .run();
}

#[test]
fn rev_and_staged_outside_a_repository_are_exit_3() {
    let test = Test::minimal();
    test.roadmap(&["check", "--rev", "HEAD"])
        .status(2)
        .stderr_contains("not a git repository")
        .run();
    test.roadmap(&["check", "--staged"])
        .status(2)
        .stderr_contains("not a git repository")
        .run();
}

#[test]
fn a_committed_link_out_of_the_repository_is_reported() {
    let test = Test::minimal().git_init().remove("plans/habits.yaml");
    symlink("../../outside/habits.yaml", &test.path("plans/habits.yaml"));
    let test = test.commit("2026-01-05", "Share the habits");
    let found = failing(&test, &["--rev", "HEAD"]);
    assert_eq!(found, ["plans/habits.yaml:1:1: error[symlink]"]);
    let found = failing(&test, &["--staged"]);
    assert_eq!(found, ["plans/habits.yaml:1:1: error[symlink]"]);
}

#[cfg(unix)]
fn symlink(target: &str, link: &std::path::Path) {
    std::os::unix::fs::symlink(target, link).expect("create a symbolic link");
}

#[cfg(not(unix))]
fn symlink(_: &str, _: &std::path::Path) {
    panic!("this test needs a Unix file system");
}

// ---------------------------------------------------------------- teams

/// Alice's and Bob's plans side by side, both copies of the minimal plan,
/// so every id appears in both.
fn team() -> Test {
    Test::new()
        .tree(&minimal_plans(), "plans/alice")
        .tree(&minimal_plans(), "plans/bob")
}

#[test]
fn each_person_in_a_team_repository_is_checked_on_their_own() {
    team()
        .roadmap(&["check", "--strict", "--color", "never"])
        .stdout_contains("plans/alice/  Dana Reyes")
        .stdout_contains("plans/bob/  Dana Reyes")
        .stdout_contains("ok: 14 files checked: no errors, no warnings")
        .run();
}

#[test]
fn an_error_in_bobs_plan_is_reported_at_bobs_path() {
    let found = team()
        .edit("plans/bob/habits.yaml", "cadence: daily", "cadence: dayly")
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .diagnostics();
    assert_eq!(found, ["plans/bob/habits.yaml:4:14: error[unknown-value]"]);
}

#[test]
fn an_id_defined_only_in_alices_plan_is_unknown_in_bobs() {
    let found = team()
        .edit("plans/bob/habits.yaml", "id: reading", "id: journaling")
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .diagnostics();
    assert_eq!(
        found,
        ["plans/bob/quarters/2026-Q1.md:29:10: error[unknown-id]"]
    );
}
