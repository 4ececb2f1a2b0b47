//! A new user's pass over every output of one plan: what was still left
//! visible after the plan was made to give one answer (milestones of past
//! quarters, pace before the plan's first data, counts typed as status
//! shows them, `watch` naming what a broken file leaves out).

use serde_json::Value;

use super::support::{Test, ids, pairs, quarters_diff};

fn json(test: &Test, args: &[&str], today: &str) -> Value {
    let output = test.roadmap(args).env("ROADMAP_TODAY", today).run();
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// The `(kind, id)` of each item `status --format json` lists as behind.
fn behind(test: &Test, today: &str) -> Vec<(String, String)> {
    let status = json(test, &["status", "--format", "json"], today);
    pairs(&status["plans"][0]["behind"], "kind", "id")
}

/// The first quarter's pipeline objective with a milestone left open, one
/// done, and one carried into the next quarter (and done there); the
/// hiring objective closed with its milestone still open.
fn past_quarter_plan() -> Test {
    with_territory_map(
        Test::minimal(),
        "      - id: q1-kickoff
        title: Kickoff held
        due: 2026-01
        status: done
      - id: q1-carried
        title: Partner list agreed
        due: 2026-03
",
    )
    .edit(
        "plans/quarters/2026-Q1.md",
        "    supports: [y26-team]\n",
        "    supports: [y26-team]
    status: done
    milestones:
      - id: q1-job-ads
        title: Job ads written
        due: 2026-02
",
    )
    .file(
        "plans/quarters/2026-Q2.md",
        "---
period: 2026-Q2
objectives:
  - id: q2-pipeline
    title: Keep the pipeline at 3x
    category: revenue
    supports: [y26-revenue]
    milestones:
      - id: q1-carried
        title: Partner list agreed
        due: 2026-04
        status: done
---
# 2026-Q2
",
    )
    .git_init()
    .commit("2026-01-15", "plan")
}

/// `test` with the first quarter's pipeline objective holding an open
/// milestone due in February, the territory map, then `more` milestones.
fn with_territory_map(test: Test, more: &str) -> Test {
    test.edit(
        "plans/quarters/2026-Q1.md",
        "    supports: [y26-revenue]\n",
        &format!(
            "    supports: [y26-revenue]
    milestones:
      - id: q1-territory-map
        title: Territory map drawn
        due: 2026-02
{more}"
        ),
    )
}

/// The same plan after a July commit, with Q2 over.
fn past_quarter_plan_in_july() -> Test {
    past_quarter_plan()
        .edit(
            "plans/quarters/2026-Q2.md",
            "# 2026-Q2",
            "# 2026-Q2\n\nKept.",
        )
        .commit("2026-07-31", "july")
}

#[test]
fn milestones_of_past_quarters_are_behind() {
    let test = past_quarter_plan_in_july();
    let behind = behind(&test, "2026-07-31");
    assert!(
        behind.contains(&("milestone".to_owned(), "q1-territory-map".to_owned())),
        "a past quarter's open milestone is not behind: {behind:?}"
    );
    for id in ["q1-kickoff", "q1-carried", "q1-job-ads"] {
        assert!(
            !behind.iter().any(|(_, b)| b == id),
            "{id} is behind: {behind:?}"
        );
    }
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-07-31")
        .env("COLUMNS", "80")
        .stdout_contains("Territory map drawn: due 2026-02, planned")
        .run();
}

/// A retention percentage with a 2026 target the plan never tracked: the
/// plan is written on 2 January 2027, its start year 2025.
const LEVEL_METRIC: &str = "growth: 15-20%
metrics:
  - id: revenue
    name: Territory revenue
    kind: revenue
    unit: USD
    baseline: 5M
    targets:
      2026: 5.9M
      2027: 6.9M
  - id: share
    name: Territory market share
    kind: market-share
    unit: \"%\"
    targets:
      2026: 20
      2027: 22
    actuals:
      2026: 18
      2027-01: 18.1
";

#[test]
fn level_metric_is_not_behind_a_target_from_before_the_plans_first_data() {
    let test = Test::minimal()
        .edit("plans/vision.md", "start: 2026", "start: 2025")
        .file("plans/metrics.yaml", LEVEL_METRIC)
        .git_init()
        .commit("2027-01-02", "the plan, written in its third year");
    let status = &json(&test, &["status", "--format", "json"], "2027-01-02")["plans"][0];
    let share = status["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["id"] == "share")
        .expect("the market share");
    assert_eq!(share["pace"], "on-track", "{share:#}");
    let behind = behind(&test, "2027-01-02");
    assert!(
        !behind.iter().any(|(_, id)| id == "share"),
        "a target never tracked makes the share behind: {behind:?}"
    );
}

/// A plan whose skills came half a year after its first commit: what
/// fell due between the two is behind, in `status` as in the report.
#[test]
fn a_plan_s_first_data_is_its_first_commit_even_when_its_skills_came_later() {
    let skills = std::fs::read_to_string(super::support::minimal_plans().join("capabilities.yaml"))
        .expect("the fixture's skills");
    let without_skills = Test::minimal()
        .remove("plans/capabilities.yaml")
        .edit("plans/habits.yaml", "    serves: [negotiation]\n", "")
        .edit(
            "plans/years/2026.md",
            "skills: [negotiation, coaching]\n",
            "",
        );
    let test = with_territory_map(without_skills, "")
        .git_init()
        .commit("2026-01-15", "plan")
        .file("plans/capabilities.yaml", skills)
        .edit(
            "plans/habits.yaml",
            "    minutes: 30\n",
            "    minutes: 30\n    serves: [negotiation]\n",
        )
        .commit("2026-07-31", "skills");
    let behind = behind(&test, "2026-07-31");
    assert!(
        behind.contains(&("milestone".to_owned(), "q1-territory-map".to_owned())),
        "due after the first commit and open, yet not behind: {behind:?}"
    );
    let status = json(&test, &["status", "--format", "json"], "2026-07-31");
    let context = json(&test, &["report", "--context"], "2026-07-31");
    assert_eq!(
        context["plans"][0]["status"]["behind"],
        status["plans"][0]["behind"]
    );
}

#[test]
fn relationship_count_is_recorded_as_status_shows_it() {
    let test = Test::minimal()
        .file(
            "plans/relationships.yaml",
            "goals:
  - id: sponsors
    title: Executive sponsors at the top accounts
    circle: external
    target: 10
    current: 8
    due: 2026-Q4
",
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "        title: Sponsor meetings\n        target: 5\n",
            "        title: Sponsor meetings\n        target: 5
      - id: q1-sponsors-named
        title: Top accounts with a named sponsor
        start: 8
        target: 10
        unit: accounts
        measures: sponsors
",
        )
        .git_init()
        .commit("2026-01-15", "plan");
    test.roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .stdout_contains("8 accounts / 10 accounts")
        .run();
    test.roadmap(&["record", "q1-sponsors-named", "9 accounts"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .stdout_contains("sponsors: 8 → 9")
        .run();
    test.roadmap(&["record", "sponsors", "10 accounts"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .stdout_contains("sponsors: 9 → 10")
        .run();
    let file = std::fs::read_to_string(test.path("plans/relationships.yaml")).expect("read");
    assert!(file.contains("current: 10\n"), "{file}");
    test.roadmap(&["record", "sponsors", "10.5 accounts"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(2)
        .stderr_contains("a count is a whole number")
        .run();
}

#[test]
fn missed_objective_is_not_listed_as_dropped() {
    let test = Test::minimal()
        .edit(
            "plans/quarters/2026-Q1.md",
            "    supports: [y26-team]\n",
            "    supports: [y26-team]\n    status: missed\n",
        )
        .file(
            "plans/quarters/2026-Q2.md",
            "---
period: 2026-Q2
objectives:
  - id: q1-pipeline
    title: Build a 3x pipeline
    category: revenue
    supports: [y26-revenue]
---
",
        )
        .git_init()
        .commit("2026-04-02", "plan");
    let out = quarters_diff(&test, &["--format", "json"])
        .env("ROADMAP_TODAY", "2026-04-02")
        .json();
    assert_eq!(ids(&out["plans"][0]["missed"]), ["q1-hiring"], "{out:#}");
    assert_eq!(ids(&out["plans"][0]["dropped"]), ["q1-sponsors"], "{out:#}");
    let text = quarters_diff(&test, &[])
        .env("ROADMAP_TODAY", "2026-04-02")
        .stdout_contains("Missed in 2026-Q1\n  ✗ q1-hiring “Open two AE positions”")
        .run();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let dropped = text.split("Dropped after").nth(1).unwrap_or_default();
    assert!(!dropped.contains("q1-hiring"), "{text}");
}

#[test]
fn dashboard_timeline_marks_overdue_what_status_lists_behind() {
    let test = past_quarter_plan_in_july();
    let behind: Vec<String> = behind(&test, "2026-07-31")
        .into_iter()
        .filter(|(kind, _)| kind == "milestone")
        .map(|(_, id)| id)
        .collect();
    let context = json(&test, &["report", "--context"], "2026-07-31");
    let mut overdue: Vec<String> = context["plans"][0]["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .filter(|m| m["overdue"] == true)
        .map(|m| m["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    overdue.dedup();
    assert_eq!(overdue, behind);
}

#[test]
fn progress_of_an_unknown_id_is_a_usage_error() {
    let test = Test::minimal().git_init().commit("2026-01-15", "plan");
    test.roadmap(&["progress", "negotiaton"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(2)
        .stderr_contains("unknown id `negotiaton`: neither the plan nor its history has it")
        .stderr_contains("did you mean `negotiation`?")
        .run();
    // A habit of the plan with no check-in yet is no error.
    test.roadmap(&["progress", "reading"])
        .env("ROADMAP_TODAY", "2026-02-01")
        .status(0)
        .stderr_contains("no observations of reading")
        .run();
}

#[test]
fn two_quarters_of_one_year_do_not_say_2026_and_2026() {
    let test = super::support::Test::demo();
    let output = test
        .roadmap(&["diff", "--periods", "2026-Q2", "2026-Q3"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .env("NO_COLOR", "1")
        .stdout_contains("Capability targets for 2026")
        .run();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("2026 and 2026"));
}

#[test]
fn a_review_of_a_period_not_begun_or_outside_the_plan_is_refused() {
    let test = super::support::Test::demo().file("../answers.yaml", "values: {}\n");
    for (period, why) in [
        (
            "2030-01",
            "2030-01 has not begun (the review's day is 2026-12-05)",
        ),
        ("2024-01", "2024-01 is outside the plan's years, 2025-2035"),
    ] {
        test.roadmap(&["review", period, "--answers", "../answers.yaml"])
            .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
            .status(2)
            .stderr_contains(why)
            .run();
        assert!(!test.path(&format!("plans/reviews/{period}.md")).exists());
    }
    test.roadmap(&["new", "year", "1999", "--print"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .status(2)
        .stderr_contains("1999 is outside the plan's years, 2025-2035")
        .run();
}
