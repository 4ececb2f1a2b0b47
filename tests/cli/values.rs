//! Values round-trip: what roadmap shows can be typed back, is written as
//! typed (or in the style of its series), and reads the same everywhere.

use std::fs;

use super::support::Test;

const TODAY: &str = "2026-03-20";

/// The minimal plan with a ratio metric, a percentage series written with
/// `%`, a relationship goal a habit serves, and career figures.
fn plan() -> Test {
    Test::minimal()
        .edit(
            "plans/metrics.yaml",
            "    targets:\n      2026: 90\n",
            "    targets:\n      2026: 90\n    actuals:\n      2026-01: 88.5%\n      2026-02: 89%\n  - id: pipeline-coverage\n    name: Pipeline coverage\n    kind: operations\n    unit: x\n    targets: {2026: 3.0}\n    actuals:\n      2026-01: 2.9\n      2026-02: 3.1\n",
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "        title: Offers signed\n        target: 2\n",
            "        title: Offers signed\n        target: 2\n        current: 1\n        unit: offers\n",
        )
        .file(
            "plans/relationships.yaml",
            "goals:\n  - id: top-customers\n    title: An executive sponsor at each top customer\n    circle: external\n    target: 10\n    current: 8\n    status: active\n",
        )
        .edit(
            "plans/habits.yaml",
            "serves: [negotiation]",
            "serves: [negotiation, top-customers]",
        )
        .file(
            "plans/career.yaml",
            "title: Sales Manager\nreports: 0\nrevenue: 5M\n",
        )
        .git_init()
        .commit("2026-02-28", "plan")
}

fn read(test: &Test, rel: &str) -> String {
    fs::read_to_string(test.path(rel)).expect("read the plan file")
}

/// `roadmap review 2026-03` on [`TODAY`], answered by `answers` (the YAML
/// of an answers file outside the repository).
fn review(test: &Test, answers: &str) {
    let file = test.outside().join("answers.yaml");
    fs::write(&file, answers).expect("write the answers");
    test.roadmap(&[
        "review",
        "2026-03",
        "--answers",
        file.to_str().expect("a path"),
    ])
    .env("ROADMAP_TODAY", TODAY)
    .run();
}

#[test]
fn a_ratio_status_shows_is_accepted_back_by_record() {
    let test = plan();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("3.1x")
        .run();
    test.roadmap(&["record", "pipeline-coverage", "3.2x"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    assert!(read(&test, "plans/metrics.yaml").contains("      2026-03: 3.2x\n"));
    // Every unit shown is accepted back, on key results too.
    test.roadmap(&["record", "q1-pipeline-value", "$1.2M"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    test.roadmap(&["record", "q1-hires", "2 offers"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    test.roadmap(&["record", "retention", "91.5%"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let quarter = read(&test, "plans/quarters/2026-Q1.md");
    assert!(quarter.contains("        current: $1.2M\n"), "{quarter}");
    assert!(quarter.contains("        current: 2\n"), "{quarter}");
    test.roadmap(&["check"]).run();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("3.2x")
        .stdout_contains("$1.2M")
        .stdout_contains("91.5%")
        .run();
    // A unit that is not the item's is refused, saying what is accepted.
    test.roadmap(&["record", "pipeline-coverage", "3%"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("`3%` is a percentage, not x: write `3.2` or `3.2x`")
        .run();
}

#[test]
fn a_review_keeps_the_percent_of_its_series() {
    let test = plan();
    review(
        &test,
        "values:\n  retention: 89.5\n  pipeline-coverage: 3.3x\n  q1-hires: 2 offers\n",
    );
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(metrics.contains("      2026-03: 89.5%\n"), "{metrics}");
    assert!(metrics.contains("      2026-03: 3.3x\n"), "{metrics}");
    assert!(read(&test, "plans/quarters/2026-Q1.md").contains("        current: 2\n"));
}

#[test]
fn record_writes_money_as_typed() {
    let test = plan();
    test.roadmap(&["record", "revenue", "$4,360,000"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(
        metrics.contains("    actuals:\n      2026-03: $4,360,000\n"),
        "{metrics}"
    );
    test.roadmap(&["check"]).run();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("$4.36M")
        .run();
}

#[test]
fn record_prints_the_old_and_the_new_reading() {
    let test = plan();
    test.roadmap(&["record", "pipeline-coverage", "3.2"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("pipeline-coverage: 3.2 (new reading for 2026-03)\n")
        .run();
    test.roadmap(&["record", "pipeline-coverage", "3.4"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("pipeline-coverage: 3.2 → 3.4\n")
        .run();
    test.roadmap(&["record", "top-customers", "9"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("top-customers: 8 → 9\n")
        .run();
}

#[test]
fn a_habit_serving_a_relationship_goal_is_shown_by_its_title() {
    let test = plan();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("toward Negotiation, An executive sponsor at each top customer")
        .run();
    let output = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let context: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the context is JSON");
    let text = context.to_string();
    assert!(
        text.contains(r#""title":"An executive sponsor at each top customer""#),
        "the dashboard's habit names the goal"
    );
    assert!(
        !text.contains(r#""kind":"unknown""#),
        "every served goal is found"
    );
}

#[test]
fn progress_json_writes_numbers_as_numbers() {
    let test = plan();
    let output = test
        .roadmap(&[
            "progress",
            "pipeline-coverage",
            "q1-hires",
            "--format",
            "json",
        ])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON rows");
    let rows = rows["observations"].as_array().expect("a list");
    let reading = rows
        .iter()
        .find(|r| r["kind"] == "metric" && r["field"] == "2026-02")
        .expect("the February reading");
    assert_eq!(reading["value"], serde_json::json!(3.1));
    let hires = rows
        .iter()
        .find(|r| r["kind"] == "key-result")
        .expect("the key result");
    assert_eq!(hires["value"], serde_json::json!(1));
    assert_eq!(hires["target"], serde_json::json!(2));

    // The dashboard's data gives its shown figures as numbers too.
    let output = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let context: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let plan = &context["plans"][0];
    let figure = plan["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["id"] == "pipeline-coverage")
        .expect("the pipeline figure");
    assert_eq!(
        (figure["value"].as_str(), figure["number"].as_f64()),
        (Some("3.1x"), Some(3.1))
    );
    assert!(
        plan["phases"][0]["revenue_low"].is_number(),
        "{}",
        plan["phases"][0]
    );
}

#[test]
fn a_value_of_the_wrong_type_is_not_an_unknown_id() {
    let test = plan();
    // A typed value that is not one: the message is about the value.
    test.roadmap(&["record", "q1-hires", "lots"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains(
            "`q1-hires` (key result, in offers): `lots` is not a value: write `4` or `4 offers`",
        )
        .run();
    // An item that takes no value says so.
    test.roadmap(&["record", "reading", "3"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("`reading` is a habit: it takes no value")
        .run();
    // A value of the wrong type in the file: the id is known, and the
    // message names the file and the value.
    let test = test.edit(
        "plans/metrics.yaml",
        "    name: Pipeline coverage\n",
        "    name: [Pipeline, coverage]\n",
    );
    let output = test
        .roadmap(&["record", "pipeline-coverage", "3.2"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("`pipeline-coverage` is in plans/metrics.yaml, which cannot be read until this is fixed: plans/metrics.yaml:")
        .run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("unknown"), "{stderr}");
}

#[test]
fn a_bom_in_metrics_yaml_is_accepted_by_record_and_review() {
    let test = plan();
    let text = read(&test, "plans/metrics.yaml");
    let test = test.file("plans/metrics.yaml", format!("\u{feff}{text}"));
    test.roadmap(&["check"]).run();
    test.roadmap(&["record", "retention", "90"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    review(&test, "\u{feff}values:\n  pipeline-coverage: 3.3\n");
    let after = read(&test, "plans/metrics.yaml");
    assert!(after.starts_with('\u{feff}'), "the mark is kept");
    assert!(after.contains("      2026-03: 90%\n"), "{after}");
    assert!(after.contains("      2026-03: 3.3\n"), "{after}");
    test.roadmap(&["check"]).run();
}

#[test]
fn career_figures_are_not_a_metric_named_revenue() {
    let test = plan()
        .edit(
            "plans/metrics.yaml",
            "    baseline: 5M\n",
            "    baseline: 5M\n    actuals: {2026-02: 0.9M}\n",
        )
        .commit("2026-03-01", "February");
    let output = test
        .roadmap(&["progress", "revenue", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON rows");
    let kinds: Vec<&str> = rows["observations"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| *k != "career"), "{kinds:?}");
    test.roadmap(&["progress", "career:revenue"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("career:revenue")
        .run();
    // A quarter's item says which quarter it belongs to.
    test.roadmap(&["progress", "q1-hires"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("  2026-Q1  ")
        .run();
    let output = test
        .roadmap(&["progress", "q1-hires", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON rows");
    assert!(
        rows["observations"]
            .as_array()
            .expect("a list")
            .iter()
            .all(|r| r["period"] == "2026-Q1"),
        "{rows}"
    );
}

#[test]
fn review_prompts_show_the_percent_and_a_bare_answer_keeps_it() {
    let test = plan();
    // Revenue: Enter; retention: 89.5 (no `%`); the rest: Enter.
    let session = format!("\n89.5\n{}", "\n".repeat(40));
    let output = test
        .roadmap_on_terminal("review 2026-03")
        .env("ROADMAP_TODAY", TODAY)
        .typed(session)
        .run();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("Customer retention [89%]"), "{shown}");
    assert!(shown.contains("Pipeline coverage [3.1x]"), "{shown}");
    assert!(shown.contains("Offers signed [1 offers]"), "{shown}");
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(
        metrics.contains("      2026-03: 89.5%\n"),
        "{metrics}\n{shown}"
    );
}

#[test]
fn one_of_a_unit_is_shown_in_the_singular_and_typed_back_so() {
    let test = super::support::Test::demo();
    // A key result that measures a milestone: `1 talk`, as status shows it.
    test.roadmap(&["record", "26q4-isa-talk", "1 talk"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .stdout_contains("26q4-isa-meeting: done (26q4-isa-talk measures it)")
        .run();
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .env("NO_COLOR", "1")
        .stdout_contains("1 talk / 1 talk")
        .stdout_contains("1 engineer / 2 engineers")
        .run();
    test.roadmap(&["record", "26q4-engineers-at-quota", "2 engineers"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .stdout_contains("26q4-engineers-at-quota: 1 → 2")
        .run();
}
