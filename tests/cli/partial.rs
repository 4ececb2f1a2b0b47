//! A plan some of whose files do not load is never shown as whole: every
//! command that shows it names the file, the line, the problem and what is
//! left out, and exits 1. And every plan that `check` passes renders every
//! output.

use std::fs;

use super::support::Test;

const TODAY: &str = "2026-12-05";

/// The example repository (`roadmap demo`) in `plan/` of a new test folder.
fn demo() -> Test {
    let test = Test::new();
    test.roadmap(&["demo", "plan"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    test
}

/// A run of roadmap in the demo's folder.
fn in_demo(test: &Test, args: &[&str]) -> super::support::Run {
    test.roadmap(args)
        .current_dir(&test.path("plan"))
        .env("ROADMAP_TODAY", TODAY)
}

fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn unquoted_colon_in_a_key_result_title_is_named_by_status() {
    let test = demo().edit(
        "plan/plans/quarters/2026-Q4.md",
        "title: Territory revenue this quarter",
        "title: Territory revenue: this quarter",
    );
    in_demo(&test, &["check"]).status(1).run();
    in_demo(&test, &["status"])
        .status(1)
        .stdout_contains("plans/quarters/2026-Q4.md:15:")
        .stdout_contains("mapping values are not allowed")
        .stdout_contains("left out: the 2026-Q4 objectives, key results and milestones")
        .stdout_contains(
            "hint: quote text that holds `: `: `title: \"Territory revenue: this quarter\"`",
        )
        .run();
    let output = in_demo(&test, &["status", "--format", "json"])
        .status(1)
        .run();
    let problems = &json(&output)["plans"][0]["problems"];
    assert_eq!(problems[0]["path"], "plans/quarters/2026-Q4.md");
    assert_eq!(problems[0]["line"], 15);
    assert_eq!(problems[0]["code"], "syntax");
}

#[test]
fn broken_capabilities_file_is_named_by_status_and_the_dashboard() {
    let test = demo();
    let path = test.path("plan/plans/capabilities.yaml");
    let mut text = fs::read_to_string(&path).expect("read capabilities.yaml");
    text.push_str("broken: [\n");
    fs::write(&path, text).expect("write capabilities.yaml");

    in_demo(&test, &["status"])
        .status(1)
        .stdout_contains("warning: the plan is incomplete: 1 file could not be read whole")
        .stdout_contains("plans/capabilities.yaml:")
        .stdout_contains("left out: every skill")
        .run();
    let output = in_demo(&test, &["status", "--format", "json"])
        .status(1)
        .run();
    let problems = json(&output)["plans"][0]["problems"].clone();
    assert_eq!(problems.as_array().map(Vec::len), Some(1), "{problems}");
    assert_eq!(problems[0]["path"], "plans/capabilities.yaml");
    assert!(problems[0]["line"].as_u64().is_some_and(|l| l > 1));
    assert!(
        problems[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("YAML syntax"))
    );

    in_demo(&test, &["report"])
        .status(1)
        .stderr_contains("plans/capabilities.yaml:")
        .stderr_contains("left out: every skill")
        .run();
    let index = fs::read_to_string(test.path("plan/dashboard/index.html")).expect("dashboard");
    assert!(
        index.contains("class=\"partial\""),
        "no banner on the dashboard"
    );
    assert!(
        index.contains("capabilities.yaml:"),
        "the banner names the file"
    );
    let summary = fs::read_to_string(test.path("plan/dashboard/summary.html")).expect("summary");
    assert!(
        summary.contains("class=\"partial\""),
        "no banner on the summary"
    );
    assert!(
        summary.contains("capabilities.yaml:"),
        "the banner names the file"
    );

    let output = in_demo(&test, &["report", "--context"]).status(1).run();
    assert_eq!(
        json(&output)["problems"][0]["path"],
        "plans/capabilities.yaml"
    );

    in_demo(&test, &["progress", "--format", "csv"])
        .status(1)
        .stderr_contains("plans/capabilities.yaml:")
        .run();
    in_demo(&test, &["new", "quarter", "--print"])
        .status(1)
        .stderr_contains("left out: every skill")
        .run();
}

#[test]
fn diff_never_lists_the_items_of_a_broken_file_as_removed() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-15", "plan")
        .file(
            "plans/capabilities.yaml",
            "skills:\n  - id: negotiation\n    name: [\n",
        );
    let output = test
        .roadmap(&["diff", "HEAD"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(1)
        .stdout_contains("Not compared")
        .stdout_contains("plans/capabilities.yaml does not load in working tree")
        .stderr_contains("plans/capabilities.yaml:3:11: YAML syntax")
        .run();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("Removed"), "{stdout}");
    assert!(!stdout.contains("negotiation"), "{stdout}");

    let output = test
        .roadmap(&["diff", "HEAD", "--format", "json"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(1)
        .run();
    let out = json(&output);
    assert_eq!(out["removed"], serde_json::json!([]));
    assert_eq!(
        out["unreadable"],
        serde_json::json!([{"path": "plans/capabilities.yaml", "side": "to"}])
    );
}

#[test]
fn unreadable_plan_file_is_named_and_exits_2() {
    // A folder where a plan file belongs used to vanish without a word. A
    // file that cannot be read at all is an environment problem: exit 2, as
    // the README always promised, with the plan shown without it.
    let test = Test::minimal().remove("plans/capabilities.yaml");
    fs::create_dir_all(test.path("plans/capabilities.yaml")).expect("make a folder");
    test.roadmap(&["check"])
        .status(2)
        .stdout_contains("plans/capabilities.yaml:1:1: error[unreadable]: cannot read file: it is a folder, not a file")
        .run();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(2)
        .stdout_contains(
            "plans/capabilities.yaml:1:1: cannot read file: it is a folder, not a file",
        )
        .stdout_contains("left out: every skill")
        .run();
}

#[cfg(unix)]
#[test]
fn plan_file_without_read_permission_is_named_and_exits_2() {
    use std::os::unix::fs::PermissionsExt as _;
    let test = Test::minimal();
    let path = test.path("plans/metrics.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod 000");
    if fs::read(&path).is_ok() {
        // Run as root: nothing is unreadable.
        return;
    }
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(2)
        .stdout_contains("plans/metrics.yaml:1:1: cannot read file:")
        .stdout_contains("left out: every revenue and performance metric")
        .run();
}

#[test]
fn exit_codes_follow_the_kind_of_error() {
    let test = Test::minimal();
    // Usage: an argument that cannot be.
    test.roadmap(&["status", "--format", "xml"]).status(2).run();
    // Environment: diff needs a git repository.
    test.roadmap(&["diff", "HEAD"])
        .status(2)
        .stderr_contains("error: not a git repository")
        .run();
    // Plan: nothing to show without a vision.
    Test::minimal()
        .file("plans/vision.md", "---\nname: [\n---\n")
        .roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(1)
        .stderr_contains("no plan with a readable vision.md")
        .run();
}

#[test]
fn relationship_goal_without_target_renders_the_report() {
    let test = Test::minimal()
        .file(
            "plans/relationships.yaml",
            "goals:\n  - id: vp-mentor\n    title: A VP as mentor\n    circle: mentor\n    status: active\n",
        )
        .git_init()
        .commit("2026-01-15", "plan");
    test.roadmap(&["check"]).run();
    test.roadmap(&["report"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .stdout_contains("wrote")
        .run();
    let index = fs::read_to_string(test.path("dashboard/index.html")).expect("dashboard");
    assert!(index.contains("A VP as mentor"));
}

/// Every optional field docs/format.md names, left out of every file of
/// the example plan at once: `check` passes, so every output renders.
#[test]
fn every_optional_field_left_out_still_renders() {
    let test = demo();
    let plans = test.path("plan/plans");
    for field in [
        "target", "targets", "due", "unit", "as_of", "current", "since", "minutes", "baseline",
        "theme", "supports", "serves", "status", "done", "income", "better", "range",
    ] {
        let _ = super::support::git_in(&test.path("plan"), test.outside())
            .args(["checkout", "-q", "--", "plans"])
            .status();
        strip_field(&plans, field);
        in_demo(&test, &["check"]).run();
        in_demo(&test, &["status"]).run();
        in_demo(&test, &["report", "--out", "../out"]).run();
        for file in ["index.html", "summary.html"] {
            assert!(
                test.path(&format!("out/{file}")).is_file(),
                "{field}: no {file}"
            );
        }
    }
}

/// Removes every line that sets `field` under `dir`.
fn strip_field(dir: &std::path::Path, field: &str) {
    for entry in fs::read_dir(dir).expect("list plans") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            strip_field(&path, field);
            continue;
        }
        let text = fs::read_to_string(&path).expect("read a plan file");
        let kept: Vec<&str> = text
            .lines()
            .filter(|line| {
                let line = line.trim_start();
                let line = line.strip_prefix("- ").unwrap_or(line);
                !line.starts_with(&format!("{field}:"))
            })
            .collect();
        fs::write(&path, kept.join("\n") + "\n").expect("write a plan file");
    }
}

/// Each YAML pitfall of docs/format.md, on a real file, through `check`
/// and `status`: the hint says to quote the value, and how.
#[test]
fn yaml_pitfalls_carry_their_hint_in_check_and_status() {
    let cases = [
        (
            "Coaching: one on one",
            "quote text that holds `: `: `name: \"Coaching: one on one\"`",
        ),
        (
            "%Coaching",
            "quote a value that starts with `%`: `name: \"%Coaching\"`",
        ),
        (
            "@Coaching",
            "quote a value that starts with `@`: `name: \"@Coaching\"`",
        ),
        ("`Coaching`", "quote a value that starts with `` ` ``"),
        (
            "*Coaching",
            "a value that starts with `*` is read as a YAML alias; quote it: `name: \"*Coaching\"`",
        ),
        (
            "&Coaching",
            "`&` at the start of a value makes it a YAML anchor, so the value is empty: quote it, e.g. `\"&Coaching\"`",
        ),
        (
            "!Coaching",
            "`!` at the start of a value makes it a YAML tag, so the value is empty: quote it, e.g. `\"!Coaching\"`",
        ),
        (
            "#1 Coaching",
            "`#` at the start of a value makes it a comment, so the value is empty: quote it, e.g. `\"#1 Coaching\"`",
        ),
    ];
    for (value, hint) in cases {
        let test = Test::minimal().edit(
            "plans/capabilities.yaml",
            "name: Coaching",
            &format!("name: {value}"),
        );
        test.roadmap(&["check"])
            .status(1)
            .stdout_contains("plans/capabilities.yaml:10:")
            .stdout_contains(hint)
            .run();
        test.roadmap(&["status"])
            .env("ROADMAP_TODAY", "2026-02-01")
            .status(1)
            .stdout_contains("plans/capabilities.yaml:10:")
            .stdout_contains(hint)
            .run();
    }
}

#[test]
fn review_and_new_name_a_broken_file_before_they_write() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-15", "plan")
        .file("plans/habits.yaml", "habits: [\n")
        .file("answers.yaml", "wins: [Second AE hired]\n");
    test.roadmap(&["review", "2026-01", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-02-03")
        .status(1)
        .stdout_contains("wrote plans/reviews/2026-01.md")
        .stderr_contains("plans/habits.yaml:1:9: YAML syntax")
        .stderr_contains("left out: every habit")
        .run();
    test.roadmap(&["new", "quarter", "2026-Q2", "--print"])
        .env("ROADMAP_TODAY", "2026-02-03")
        .status(1)
        .stderr_contains("left out: every habit")
        .run();
}
