//! One fact, one place: a review writes its record from the plan its
//! answers leave, a key result that `measures` a metric, goal or milestone
//! reads its value from there, and a skill's level is its latest dated
//! assessment, whichever file holds it.

use std::fs;

use serde_json::Value;

use super::support::Test;

const TODAY: &str = "2026-12-05";

/// `roadmap demo` made on [`TODAY`], in a folder of `test`'s.
fn demo() -> Test {
    let test = Test::new();
    test.roadmap(&["demo", "demo"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(test.outside())
        .run();
    test
}

/// `roadmap review 2026-11` in `dir` on [`TODAY`], answered by `answers`
/// (the YAML of an answers file).
fn answer_review(test: &Test, dir: &std::path::Path, answers: &str) {
    fs::write(dir.join("answers.yaml"), answers).expect("write the answers");
    test.roadmap(&["review", "2026-11", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(dir)
        .run();
}

fn status_json(test: &Test, dir: &std::path::Path) -> Value {
    let output = test
        .roadmap(&["status", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(dir)
        .run();
    first_plan(&output.stdout)
}

/// The first plan of `status --format json` (its `plans`, one entry a plan).
fn first_plan(stdout: &[u8]) -> Value {
    let all: Value = serde_json::from_slice(stdout).expect("status prints JSON");
    all["plans"][0].clone()
}

fn key_result<'v>(status: &'v Value, id: &str) -> &'v Value {
    status["quarter"]["objectives"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|o| o["key_results"].as_array().into_iter().flatten())
        .find(|kr| kr["id"] == id)
        .unwrap_or_else(|| panic!("no key result {id} in {status}"))
}

#[test]
fn review_writes_a_stale_record_of_itself() {
    let test = demo();
    let dir = test.outside().join("demo");
    answer_review(&test, &dir, "values:\n  26q4-playbook-published: 1\n");
    let record = fs::read_to_string(dir.join("plans/reviews/2026-11.md")).expect("the review file");
    assert!(
        !record.contains("0 documents of 1"),
        "the record states the value before the answer:\n{record}"
    );
    assert!(
        record
            .contains("Playbook v1 published on the sales portal: 1 document of 1 document (done)"),
        "the record lacks the value just entered:\n{record}"
    );
    let behind = &record[record.find("**Behind:**").expect("a Behind list")..];
    assert!(
        !behind.contains("26q4-playbook-published"),
        "the record lists as behind what the review just finished:\n{record}"
    );
    // The plan says the same: the key result reads the milestone it measures.
    let status = status_json(&test, &dir);
    assert_eq!(
        key_result(&status, "26q4-playbook-published")["current"],
        1.0
    );
}

#[test]
fn review_started_by_a_win_keeps_a_stale_record_of_itself() {
    let test = demo();
    let dir = test.outside().join("demo");
    // `record win` starts the month's review, prefilled with the figures
    // of its day.
    test.roadmap(&["record", "win", "Playbook out"])
        .env("ROADMAP_TODAY", "2026-11-20")
        .current_dir(&dir)
        .run();
    answer_review(&test, &dir, "values:\n  26q4-playbook-published: 1\n");
    let record = fs::read_to_string(dir.join("plans/reviews/2026-11.md")).expect("the review file");
    assert!(record.contains("Playbook out"), "{record}");
    assert!(
        !record.contains("0 documents of 1"),
        "the record keeps the figures from before the answers:\n{record}"
    );
    assert!(
        record
            .contains("Playbook v1 published on the sales portal: 1 document of 1 document (done)"),
        "{record}"
    );
}

#[test]
fn review_updates_one_of_a_fact_typed_in_two_places() {
    let test = demo();
    let dir = test.outside().join("demo");
    answer_review(
        &test,
        &dir,
        "values:\n  top-customers: 10\nmilestones:\n  26q4-publish: yes\n",
    );
    let status = status_json(&test, &dir);
    // The quarter card's key results read the goal and the milestone...
    assert_eq!(key_result(&status, "26q4-sponsors")["current"], 10.0);
    assert_eq!(
        key_result(&status, "26q4-playbook-published")["current"],
        1.0
    );
    // ...which the Network section and the timeline read too.
    let relationships =
        fs::read_to_string(dir.join("plans/relationships.yaml")).expect("relationships.yaml");
    let goal = &relationships[relationships.find("id: top-customers").expect("the goal")..];
    assert!(goal.contains("current: 10"), "{goal}");
    let quarter = fs::read_to_string(dir.join("plans/quarters/2026-Q4.md")).expect("Q4");
    let milestone = &quarter[quarter.find("id: 26q4-publish\n").expect("the milestone")..];
    assert!(milestone[..160].contains("status: done"), "{milestone}");
    // The key result holds no copy of its own to fall out of step.
    let kr = &quarter[quarter.find("id: 26q4-sponsors").expect("the key result")..];
    let kr = &kr[..kr.find("- id:").unwrap_or(kr.len())];
    assert!(!kr.contains("current:"), "{kr}");
    let record = fs::read_to_string(dir.join("plans/reviews/2026-11.md")).expect("the review file");
    assert!(
        record.contains("Top-10 customers with a named executive sponsor: 10 accounts of 10"),
        "{record}"
    );
    // Nothing is behind that the review settled.
    let behind: Vec<&str> = status["behind"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert!(!behind.contains(&"26q4-sponsors"), "{behind:?}");
    assert!(!behind.contains(&"26q4-playbook-published"), "{behind:?}");
    // One fact given twice, through the key result and its source, is
    // refused before anything is written.
    fs::write(
        dir.join("twice.yaml"),
        "values:\n  top-customers: 10\n  26q4-sponsors: 9\n",
    )
    .expect("write the answers");
    test.roadmap(&["review", "2026-12", "--answers", "twice.yaml"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(&dir)
        .status(2)
        .stderr_contains("26q4-sponsors measures `top-customers`, which is given a value too")
        .run();
    assert!(!dir.join("plans/reviews/2026-12.md").exists());
}

#[test]
fn record_on_a_measured_key_result_writes_its_source() {
    let test = demo();
    let dir = test.outside().join("demo");
    test.roadmap(&["record", "26q4-sponsors", "9"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(&dir)
        .stdout_contains("updated plans/relationships.yaml")
        .run();
    let relationships =
        fs::read_to_string(dir.join("plans/relationships.yaml")).expect("relationships.yaml");
    let goal = &relationships[relationships.find("id: top-customers").expect("the goal")..];
    assert!(goal[..200].contains("current: 9"), "{goal}");
    let status = status_json(&test, &dir);
    assert_eq!(key_result(&status, "26q4-sponsors")["current"], 9.0);
    // A milestone already done is not reopened by a 0.
    test.roadmap(&["record", "26q4-playbook-published", "1"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(&dir)
        .run();
    test.roadmap(&["record", "26q4-playbook-published", "0"])
        .env("ROADMAP_TODAY", TODAY)
        .current_dir(&dir)
        .status(2)
        .stderr_contains("measures milestone `26q4-publish`, which is done")
        .run();
}

/// A plan whose first quarter's key result measures `source`, with `unit`.
fn measuring(source: &str, unit: &str) -> Test {
    Test::minimal()
        .edit(
            "plans/quarters/2026-Q1.md",
            "        title: Pipeline value\n        target: 4.5M\n        unit: USD\n",
            &format!(
                "        title: Pipeline value\n        target: 4.5M\n        unit: {unit}\n        measures: {source}\n"
            ),
        )
        .edit(
            "plans/metrics.yaml",
            "      2027: 6.9M\n",
            "      2027: 6.9M\n    actuals:\n      2026-02: 2.5M\n",
        )
}

#[test]
fn a_key_result_reads_the_metric_it_measures() {
    let test = measuring("revenue", "USD");
    test.roadmap(&["check"]).run();
    let output = test
        .roadmap(&["status", "--format", "json"])
        .env("ROADMAP_TODAY", "2026-03-01")
        .run();
    let status = first_plan(&output.stdout);
    assert_eq!(
        key_result(&status, "q1-pipeline-value")["current"],
        2_500_000.0
    );
}

#[test]
fn check_refuses_a_measure_of_an_unknown_id_or_another_unit() {
    let unknown = measuring("revenu", "USD");
    unknown
        .roadmap(&["check"])
        .status(1)
        .stdout_contains("error[unknown-id]")
        .stdout_contains("no metric, relationship goal or milestone has the id `revenu`")
        .run();
    let other_unit = measuring("retention", "USD");
    other_unit
        .roadmap(&["check"])
        .status(1)
        .stdout_contains("error[measures-unit]")
        .run();
    let both = measuring("revenue", "USD").edit(
        "plans/quarters/2026-Q1.md",
        "        measures: revenue\n",
        "        measures: revenue\n        current: 1M\n",
    );
    both.roadmap(&["check"])
        .status(1)
        .stdout_contains("error[measures-current]")
        .run();
}

const CAPABILITIES_AT: &str = "skills:
  - id: negotiation
    name: Negotiation
    area: sales
    level: 5
    targets:
      2026: 6
      2027: 7
  - id: coaching
    name: Coaching
    area: leadership
    level: 2
    targets:
      2026: 5
";

fn review(period: &str, day: &str, level: u32) -> String {
    format!("---\nas_of: {day}\nskills:\n  coaching: {level}\n---\n\n# Review of {period}\n")
}

#[test]
fn skill_level_dips_on_an_unrelated_edit() {
    let test = Test::minimal()
        .file(
            "plans/capabilities.yaml",
            format!("as_of: 2026-01-31\n{CAPABILITIES_AT}"),
        )
        .git_init()
        .commit("2026-01-31", "plan")
        .file(
            "plans/reviews/2026-Q1.md",
            review("2026-Q1", "2026-03-31", 3),
        )
        .commit("2026-03-31", "review: 2026-Q1")
        // An edit to another skill only.
        .edit(
            "plans/capabilities.yaml",
            "as_of: 2026-01-31",
            "as_of: 2026-04-30",
        )
        .edit(
            "plans/capabilities.yaml",
            "    level: 5\n",
            "    level: 6\n",
        )
        .commit("2026-04-30", "negotiation up")
        .file(
            "plans/reviews/2026-Q2.md",
            review("2026-Q2", "2026-06-30", 3),
        )
        .commit("2026-06-30", "review: 2026-Q2");
    let output = test
        .roadmap(&["progress", "coaching", "--format", "json"])
        .env("ROADMAP_TODAY", "2026-07-01")
        .run();
    let rows: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut levels: Vec<(String, f64)> = rows["observations"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "skill")
        .map(|r| {
            let value = r["value"].as_str().map_or_else(
                || r["value"].as_f64().unwrap_or_default(),
                |v| v.parse().unwrap_or_default(),
            );
            (r["date"].as_str().unwrap_or_default().to_owned(), value)
        })
        .collect();
    levels.sort_by(|a, b| a.0.cmp(&b.0));
    let values: Vec<f64> = levels.iter().map(|l| l.1).collect();
    assert!(
        values.windows(2).all(|w| w[1] >= w[0]),
        "the level dips: {levels:?}"
    );
    // Every output reads the latest assessment: the review's 3.
    let output = test
        .roadmap(&["status", "--format", "json"])
        .env("ROADMAP_TODAY", "2026-07-01")
        .run();
    let status = first_plan(&output.stdout);
    let coaching = status["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["id"] == "coaching")
        .expect("coaching");
    assert_eq!(coaching["level"], 3);
    let levels: Vec<f64> = coaching["levels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l[1].as_f64())
        .collect();
    assert_eq!(levels, vec![2.0, 3.0]);
}
