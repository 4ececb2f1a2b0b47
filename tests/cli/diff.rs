//! `roadmap diff`: semantic changes between two points of a plan's history,
//! and two periods' plans compared.

use serde_json::Value;

use super::support::{Test, ids, quarters_diff};

/// The minimal plan, committed and tagged as the January review.
fn reviewed() -> Test {
    Test::minimal()
        .git_init()
        .commit("2026-01-31", "review: 2026-01")
        .tag("review/2026-01")
}

fn json(test: &Test, args: &[&str]) -> Value {
    let output = test.roadmap(args).run();
    serde_json::from_slice(&output.stdout).expect("--format json prints JSON")
}

fn changed<'a>(diff: &'a Value, id: &str) -> &'a Value {
    diff["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .find(|c| c["item"]["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not among the changed items: {diff:#}"))
}

fn field<'a>(change: &'a Value, name: &str) -> &'a Value {
    change["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no change of {name}: {change:#}"))
}

const Q1: &str = "plans/quarters/2026-Q1.md";

#[test]
fn every_kind_of_change_is_matched_by_id() {
    let test = reviewed()
        .edit(Q1, "title: Open two AE positions", "title: Open two account executive positions")
        .edit(Q1, "target: 4.5M", "target: 5M\n        current: 1.2M")
        .edit(
            Q1,
            "  - id: q1-sponsors\n    title: Meet five executive sponsors\n    category: relationships\n    supports: [y26-network]\n    key_results:\n      - id: q1-sponsor-meetings\n        title: Sponsor meetings\n        target: 5\n",
            "  - id: q1-playbook\n    title: Write the territory playbook\n    category: strategic\n    supports: [y26-team]\n    status: done\n    key_results:\n      - id: q1-playbook-pages\n        title: Pages written\n        target: 20\n",
        )
        .edit(Q1, "Ninety days.", "Ninety focused days.")
        .edit("plans/metrics.yaml", "2027: 6.9M", "2027: 6.6M")
        .git(&["mv", "plans/capabilities.yaml", "plans/capabilities.yml"])
        .edit("plans/capabilities.yml", "level: 5", "level: 6");

    let diff = json(&test, &["diff", "--format", "json"]);
    assert_eq!(
        diff["from"]["label"]
            .as_str()
            .map(|l| l.starts_with("review/2026-01")),
        Some(true)
    );
    assert_eq!(diff["to"]["label"], "working tree");
    assert_eq!(ids(&diff["added"]), ["q1-playbook", "q1-playbook-pages"]);
    assert_eq!(
        ids(&diff["removed"]),
        ["q1-sponsor-meetings", "q1-sponsors"]
    );

    let hiring = changed(&diff, "q1-hiring");
    assert_eq!(hiring["renamed_from"], "Open two AE positions");

    let pipeline = field(changed(&diff, "q1-pipeline-value"), "target");
    assert_eq!(
        (pipeline["from"].as_f64(), pipeline["to"].as_f64()),
        (Some(4.5e6), Some(5e6))
    );
    assert_eq!(pipeline["direction"], "raised");
    let current = field(changed(&diff, "q1-pipeline-value"), "current");
    assert_eq!(
        (
            current["from"].as_f64(),
            current["to"].as_f64(),
            current["delta"].as_f64()
        ),
        (Some(0.0), Some(1.2e6), Some(1.2e6))
    );

    let revenue = field(changed(&diff, "revenue"), "target 2027");
    assert_eq!(revenue["direction"], "lowered");
    assert_eq!(
        revenue["percent"]
            .as_f64()
            .map(|p| (p * 10.0).round() / 10.0),
        Some(-4.3)
    );

    let negotiation = changed(&diff, "negotiation");
    assert_eq!(negotiation["moved_from"], "plans/capabilities.yaml");
    assert_eq!(negotiation["item"]["path"], "plans/capabilities.yml");
    assert_eq!(field(negotiation, "level")["delta"].as_f64(), Some(1.0));

    let prose = diff["prose"].as_array().expect("prose");
    assert_eq!(prose.len(), 1);
    assert_eq!(prose[0]["path"], Q1);
    assert_eq!(prose[0]["change"], "changed");
    assert_eq!(
        (
            prose[0]["words_before"].as_u64(),
            prose[0]["words"].as_u64()
        ),
        (Some(4), Some(5))
    );
    assert_eq!(
        prose[0]["lines"],
        serde_json::json!([
            {"change": "removed", "text": "Ninety days."},
            {"change": "added", "text": "Ninety focused days."}
        ])
    );

    assert_eq!(diff["summary"]["targets_lowered"], 1);
    assert_eq!(diff["summary"]["targets_raised"], 1);
    assert_eq!(diff["summary"]["added"]["objective"], 1);
}

#[test]
fn text_output_reads_as_a_review_aid() {
    let test = reviewed().edit("plans/metrics.yaml", "2027: 6.9M", "2027: 6.6M");
    test.roadmap(&["diff", "--color", "never"])
        .stdout_contains("~ metric revenue “Territory revenue”")
        .stdout_contains("target 2027: 6.9M → 6.6M (-4.3%) lowered")
        .stdout_contains("goal drift: 1 target(s) lowered, 0 raised")
        .run();
    test.roadmap(&["diff", "--format", "markdown"])
        .stdout_contains("## Plan changes: review/2026-01")
        .stdout_contains("**lowered**")
        .run();
}

#[test]
fn formatting_only_edits_are_no_change() {
    let reformatted = "# Targets, reformatted by hand\nmetrics:\n- kind: revenue\n  id: revenue\n  name: 'Territory revenue'\n  unit: \"USD\"\n  targets: {2027: 6900000, 2026: 5.9M}\n  baseline: 5,000,000\n- {id: retention, name: Customer retention, kind: retention, unit: '%', targets: {2026: 90}}\ngrowth: 15-20%\n";
    let test = reviewed().file("plans/metrics.yaml", reformatted);
    test.roadmap(&["check"]).run();
    test.roadmap(&["diff", "HEAD", "--exit-code", "--color", "never"])
        .stdout_contains("No changes.")
        .run();
}

#[test]
fn exit_code_reports_differences_like_git() {
    let test = reviewed().edit(Q1, "target: 5\n", "target: 6\n");
    test.roadmap(&["diff", "HEAD", "--exit-code"])
        .status(1)
        .run();
    test.roadmap(&["diff", "HEAD"]).run();
}

#[test]
fn sides_can_be_dates_periods_and_tags() {
    let test = reviewed()
        .edit("plans/metrics.yaml", "2027: 6.9M", "2027: 7.2M")
        .commit("2026-04-30", "review: 2026-04");
    for (from, to) in [
        ("2026-Q1", "2026-Q2"),
        ("2026-02-15", "2026-05-01"),
        ("review/2026-01", "HEAD"),
        ("2026-01", "2026-04"),
    ] {
        let diff = json(&test, &["diff", from, to, "--format", "json"]);
        let target = field(changed(&diff, "revenue"), "target 2027");
        assert_eq!(target["direction"], "raised", "{from} → {to}");
    }
    // The default FROM is the last review: the April commit, not the tag.
    let diff = json(&test, &["diff", "--format", "json"]);
    assert!(
        diff["changed"].as_array().expect("changed").is_empty(),
        "{diff:#}"
    );
}

#[test]
fn unknown_sides_exit_2_and_say_what_exists() {
    let test = reviewed();
    test.roadmap(&["diff", "no-such-thing", "HEAD"])
        .status(2)
        .stderr_contains("`no-such-thing` names no commit")
        .stderr_contains("commits run from 2026-01-31 to 2026-01-31")
        .stderr_contains("review tags: review/2026-01")
        .run();
    test.roadmap(&["diff", "--periods", "2026-Q1", "2027-Q1"])
        .status(2)
        .stderr_contains("no plan for 2027-Q1")
        .stderr_contains("plans exist for: 2026-Q1")
        .run();
}

#[test]
fn without_a_review_from_must_be_given() {
    let test = Test::minimal().git_init().commit("2026-01-31", "plan");
    test.roadmap(&["diff"])
        .status(2)
        .stderr_contains("no review yet")
        .run();
}

#[test]
fn before_the_first_commit_everything_is_added_and_the_future_is_now() {
    let test = reviewed();
    let diff = json(&test, &["diff", "2020", "HEAD", "--format", "json"]);
    assert!(
        diff["from"]["note"]
            .as_str()
            .is_some_and(|n| n.contains("did not exist yet"))
    );
    assert!(ids(&diff["added"]).contains(&"q1-pipeline"));
    assert!(diff["removed"].as_array().expect("removed").is_empty());

    test.roadmap(&[
        "diff",
        "HEAD",
        "2099-12-31",
        "--exit-code",
        "--color",
        "never",
    ])
    .stdout_contains("No changes.")
    .stderr_contains("2099-12-31 is after today")
    .run();
}

#[test]
fn a_side_that_does_not_parse_is_reported_and_the_rest_still_diffed() {
    let test = reviewed()
        .file("plans/metrics.yaml", "growth: 15-20%\nmetrics: [\n")
        .edit(Q1, "target: 5\n", "target: 6\n")
        .commit("2026-02-28", "broken metrics");
    let output = test
        .roadmap(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .status(1)
        .run();
    let diff: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(diff["removed"].as_array().expect("removed").is_empty());
    let errors = diff["to"]["errors"]
        .as_array()
        .expect("errors of the newer side");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0]["path"].as_str(), errors[0]["code"].as_str()),
        (Some("plans/metrics.yaml"), Some("syntax"))
    );
    assert_eq!(
        field(changed(&diff, "q1-sponsor-meetings"), "target")["direction"],
        "raised"
    );
    test.roadmap(&["diff", "HEAD~1", "HEAD"])
        .status(1)
        .stderr_contains("the plan in HEAD (")
        .stderr_contains("is incomplete: 1 file could not be read whole")
        .stderr_contains("plans/metrics.yaml:2:")
        .stderr_contains("left out: every revenue and performance metric")
        .run();
}

#[test]
fn a_binary_file_is_an_error_not_a_crash() {
    let test = reviewed().file(
        "plans/quarters/2026-Q2.md",
        b"\x89PNG\r\n\x1a\n\0\0\0IHDR".as_slice(),
    );
    test.roadmap(&["diff", "HEAD", "--format", "json"])
        .status(1)
        .run();
    test.roadmap(&["diff", "HEAD"])
        .status(1)
        .stderr_contains("binary file: plan files are text")
        .run();
}

#[test]
fn a_file_renamed_and_edited_in_one_commit_is_a_move_and_a_change() {
    let test = reviewed()
        .git(&["mv", "plans/habits.yaml", "plans/habits.yml"])
        .edit("plans/habits.yml", "cadence: daily", "cadence: weekly")
        .commit("2026-02-28", "habits as .yml, weekly");
    let diff = json(&test, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    let habit = &diff["changed"][0];
    assert_eq!(habit["moved_from"], "plans/habits.yaml");
    assert_eq!(field(habit, "cadence")["to"], "weekly");
    assert!(diff["added"].as_array().expect("added").is_empty());
    assert!(diff["removed"].as_array().expect("removed").is_empty());
}

const Q2: &str = "---\nperiod: 2026-Q2\nobjectives:\n  - id: q1-pipeline\n    title: Build a 3x pipeline\n    category: revenue\n    supports: [y26-revenue]\n    key_results:\n      - id: q1-pipeline-value\n        title: Pipeline value\n        target: 5.2M\n        unit: USD\n  - id: q2-hiring\n    title: Open two AE roles\n    category: leadership\n    supports: [y26-team]\n    key_results:\n      - id: q2-hires\n        title: Offers signed\n        target: 2\n  - id: q2-playbook\n    title: Publish the playbook\n    category: strategic\n    supports: [y26-team]\n    key_results:\n      - id: q2-pages\n        title: Pages\n        target: 20\n---\n";

#[test]
fn two_quarters_plans_compare_by_id() {
    let test = reviewed().file("plans/quarters/2026-Q2.md", Q2);
    let out = quarters_diff(&test, &["--format", "json"]).json();
    assert_eq!(out["version"], 1);
    let r = &out["plans"][0];
    assert_eq!(ids(&r["carried"]), ["q1-pipeline"], "{r:#}");
    assert_eq!(ids(&r["dropped"]), ["q1-hiring", "q1-sponsors"]);
    assert_eq!(ids(&r["new"]), ["q2-hiring", "q2-playbook"]);
    let target = &r["key_result_targets"][0];
    assert_eq!(
        (
            target["id"].as_str(),
            target["from"].as_f64(),
            target["to"].as_f64()
        ),
        (Some("q1-pipeline-value"), Some(4.5e6), Some(5.2e6))
    );
    let relationships = r["balance"]
        .as_array()
        .expect("balance")
        .iter()
        .find(|b| b["category"] == "relationships")
        .expect("a row");
    assert_eq!(
        (relationships["a"].as_u64(), relationships["b"].as_u64()),
        (Some(1), Some(0))
    );
    quarters_diff(&test, &["--exit-code"]).status(1).run();
    test.roadmap(&["diff", "--periods", "2026-Q1", "2026"])
        .status(2)
        .stderr_contains("a quarter with a quarter")
        .run();
}
