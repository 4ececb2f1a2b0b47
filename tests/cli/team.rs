//! A team repository: one plan per person, a hierarchy of three levels
//! (Diana directs; Ray, a regional manager promoted this year, and Carol
//! report to her; Alice and Bob report to Ray), monthly revenue readings
//! committed at month ends. Carol is a month behind on her readings and
//! on her review; Bob skipped November's review.

use std::fmt::Write as _;
use std::fs;

use super::support::{Test, minimal_plans};

/// The day the team is looked at: five days after its last commit.
const TODAY: &str = "2026-12-05";

/// Folder, name, role, manager, revenue baseline and 2026 target.
const PEOPLE: [(&str, &str, &str, &str, &str, &str); 5] = [
    ("diana", "Diana Cole", "Sales Director", "", "10.4M", "12M"),
    (
        "ray",
        "Ray Ortiz",
        "Regional Manager",
        "diana",
        "8M",
        "9.4M",
    ),
    ("alice", "Alice Park", "Sales Manager", "ray", "4M", "4.7M"),
    ("bob", "Bob Stone", "Sales Manager", "ray", "3M", "3.45M"),
    (
        "carol",
        "Carol Diaz",
        "Sales Manager",
        "diana",
        "1M",
        "1.2M",
    ),
];

/// Year-to-date revenue readings committed at the end of each month:
/// (month, person, reading). A manager's reading holds their team's.
const READINGS: [(&str, &str, &str); 13] = [
    ("2026-09", "ray", "7.0M"),
    ("2026-09", "alice", "3.6M"),
    ("2026-09", "bob", "2.5M"),
    ("2026-09", "carol", "0.8M"),
    ("2026-10", "diana", "10.0M"),
    ("2026-10", "ray", "7.9M"),
    ("2026-10", "alice", "4.0M"),
    ("2026-10", "bob", "2.8M"),
    ("2026-10", "carol", "0.9M"),
    ("2026-11", "diana", "11.0M"),
    ("2026-11", "ray", "8.7M"),
    ("2026-11", "alice", "4.4M"),
    ("2026-11", "bob", "3.1M"),
];

fn metrics(person: &str, month: &str) -> String {
    let (_, _, _, _, baseline, target) = PEOPLE
        .iter()
        .find(|p| p.0 == person)
        .expect("a person of the team");
    let mut actuals = String::new();
    for (m, _, v) in READINGS
        .iter()
        .filter(|(m, p, _)| *p == person && *m <= month)
    {
        let _ = writeln!(actuals, "      {m}: {v}");
    }
    let actuals = if actuals.is_empty() {
        String::new()
    } else {
        format!("    actuals:\n{actuals}")
    };
    format!(
        "growth: 15-20%\nmetrics:\n  - id: revenue\n    name: Territory revenue\n    kind: revenue\n    unit: USD\n    ytd: true\n    baseline: {baseline}\n    targets:\n      2026: {target}\n{actuals}"
    )
}

fn review(period: &str) -> String {
    format!("---\non_track: yes\n---\n# {period}\n")
}

/// The team repository, its three month-end commits made.
fn team() -> Test {
    let mut test = Test::new();
    for (person, name, role, manager, _, _) in PEOPLE {
        let root = format!("plans/{person}");
        let manager = if manager.is_empty() {
            String::new()
        } else {
            format!("manager: {manager}\n")
        };
        test = test
            .tree(&minimal_plans(), &root)
            .edit(
                &format!("{root}/vision.md"),
                "name: Dana Reyes\n",
                &format!("name: {name}\n{manager}"),
            )
            .edit(
                &format!("{root}/vision.md"),
                "  role: Sales Manager\n",
                &format!("  role: {role}\n"),
            )
            .file(
                &format!("{root}/quarters/2026-Q4.md"),
                std::fs::read_to_string(minimal_plans().join("quarters/2026-Q1.md"))
                    .expect("the minimal quarter")
                    .replace("2026-Q1", "2026-Q4")
                    .replace("q1-", "q4-"),
            )
            .file(&format!("{root}/reviews/2026-Q3.md"), review("2026-Q3"))
            .file(&format!("{root}/metrics.yaml"), metrics(person, "2026-09"));
    }
    test = test
        .file(
            "plans/ray/career.yaml",
            "title: Regional Manager\nreports: 2\nrevenue: 9.4M\ncompensation:\n  base: 150k\npromotions:\n  - date: 2026-07-01\n    title: Regional Manager\n",
        )
        .git_init()
        .commit("2026-09-30", "plans: the team's September");
    for (person, ..) in PEOPLE {
        test = test.file(
            &format!("plans/{person}/metrics.yaml"),
            metrics(person, "2026-10"),
        );
    }
    test = test.commit("2026-10-31", "plans: October readings");
    for person in ["diana", "ray", "alice", "bob"] {
        test = test.file(
            &format!("plans/{person}/metrics.yaml"),
            metrics(person, "2026-11"),
        );
        if person != "bob" {
            test = test.file(
                &format!("plans/{person}/reviews/2026-11.md"),
                review("2026-11"),
            );
        }
    }
    test.commit("2026-11-30", "review: 2026-11")
}

fn status_json(test: &Test) -> serde_json::Value {
    test.roadmap(&["status", "--team", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .json()
}

#[test]
fn the_team_repository_checks_clean() {
    team()
        .roadmap(&["check", "--strict", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("no errors, no warnings")
        .run();
}

#[test]
fn status_in_a_team_repository_no_longer_prints_a_full_block_per_person() {
    team()
        .roadmap(&["status", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .env("COLUMNS", "80")
        .stdout(STATUS)
        .run();
}

const STATUS: &str = "\
Team · 5 people · 3 levels · figures as of 2026-11-30 (last update, 5 days ago)
NAME    VIS   QTR  REVENUE/TARGET  MONTH    BHD  UPDATED     OVERDUE
carol   15%    0%  $900k/$1.2M    2026-10    6  2026-10-31  review 2026-11
bob     15%    0%  $3.1M/$3.5M    2026-11    5  2026-11-30  review 2026-11
alice   15%    0%  $4.4M/$4.7M    2026-11    5  2026-11-30
diana   15%    0%  $11.0M/$12.0M  2026-11    5  2026-11-30
ray     31%    0%  $8.7M/$9.4M    2026-11    5  2026-11-30
TEAM    18%    0%  $11.0M/$12.0M  2026-11   26              2 (2 people)

Revenue 2026-11: $11M from readings of that month only, $10.98M expected by
then.
";

#[test]
fn every_status_line_fits_80_columns() {
    let out = team()
        .roadmap(&["status", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .env("COLUMNS", "80")
        .run();
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{line:?} is wider than 80 columns"
        );
    }
}

#[test]
fn team_revenue_no_longer_adds_readings_of_different_months() {
    let test = team();
    let json = status_json(&test);
    let revenue = &json["team"]["revenue"];
    // Diana's November reading holds her whole region: 11.0M, not the sum
    // of everyone's latest reading (11.0 + 8.7 + 4.4 + 3.1 + Carol's
    // October 0.9 = 28.1M).
    assert_eq!(revenue["month"], "2026-11");
    assert_eq!(revenue["at"]["actual"], 11_000_000.0);
    assert_eq!(revenue["target"], 12_000_000.0);
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    assert_eq!(context["team"]["revenue_actual"], 11_000_000.0);
    assert_eq!(context["team"]["revenue_month"], "2026-11");
    assert_eq!(context["team"]["revenue_actual_text"], "$11M");
}

#[test]
fn team_revenue_by_month_follows_the_hierarchy() {
    let json = status_json(&team());
    let months = json["team"]["revenue"]["months"]
        .as_array()
        .expect("months");
    assert_eq!(months.len(), 11, "January to November");
    let at = |m: &str| {
        months
            .iter()
            .find(|p| p["month"] == m)
            .unwrap_or_else(|| panic!("{m} in {months:?}"))
    };
    // September: Diana has no reading yet, so her reports stand in: Ray's
    // region (which holds Alice's and Bob's) and Carol's territory.
    assert_eq!(at("2026-09")["actual"], 7_800_000.0);
    assert_eq!(
        at("2026-09")["missing"],
        serde_json::json!([{"person": "diana", "last": null}])
    );
    assert_eq!(at("2026-10")["actual"], 10_000_000.0);
    assert_eq!(at("2026-10")["missing"], serde_json::json!([]));
    assert_eq!(at("2026-11")["actual"], 11_000_000.0);
    assert_eq!(at("2026-08")["actual"], serde_json::Value::Null);
    // The team's own target, Diana's, prorated by the days gone: 304 of
    // 365 by the end of October.
    let expected = at("2026-10")["expected"].as_f64().expect("expected");
    assert!((expected - 12e6 * 304.0 / 365.0).abs() < 1.0, "{expected}");
}

#[test]
fn a_director_heads_the_team_instead_of_being_a_peer() {
    let json = status_json(&team());
    let team = &json["team"];
    assert_eq!(team["heads"], serde_json::json!(["diana"]));
    assert_eq!(team["levels"], 3);
    let row = |p: &str| {
        team["people"]
            .as_array()
            .expect("people")
            .iter()
            .find(|r| r["person"] == p)
            .cloned()
            .unwrap_or_else(|| panic!("{p}"))
    };
    assert_eq!(row("diana")["level"], 1);
    assert_eq!(row("diana")["team_size"], 4);
    assert_eq!(row("diana")["reports"], serde_json::json!(["carol", "ray"]));
    assert_eq!(row("ray")["level"], 2);
    assert_eq!(row("alice")["level"], 3);
    assert_eq!(row("alice")["manager"], "ray");
}

#[test]
fn the_team_says_who_skipped_a_review_and_whose_reading_is_a_month_old() {
    let json = status_json(&team());
    let people = json["team"]["people"].as_array().expect("people");
    let order: Vec<&str> = people
        .iter()
        .map(|r| r["person"].as_str().expect("a person"))
        .collect();
    assert_eq!(order, ["carol", "bob", "alice", "diana", "ray"]);
    assert_eq!(
        people[0]["overdue"],
        serde_json::json!(["month-review 2026-11"])
    );
    assert_eq!(people[0]["revenue"]["month"], "2026-10");
    assert_eq!(people[0]["revenue"]["stale"], true);
    assert_eq!(people[0]["last_update"], "2026-10-31");
    assert_eq!(
        people[1]["overdue"],
        serde_json::json!(["month-review 2026-11"])
    );
    assert_eq!(people[1]["revenue"]["stale"], false);
    assert_eq!(people[1]["reviews_done"], 1);
    assert_eq!(people[2]["reviews_done"], 2);
}

#[test]
fn promotions_from_the_team_come_from_career_history_without_pay() {
    let test = team();
    let json = status_json(&test);
    assert_eq!(json["team"]["promotions_this_year"], 1);
    assert_eq!(
        json["team"]["promotions"],
        serde_json::json!([{"person": "ray", "name": "Ray Ortiz", "date": "2026-07-01", "title": "Regional Manager"}])
    );
    let text = serde_json::to_string(&json).expect("json");
    assert!(
        !text.contains("150000") && !text.contains("150k"),
        "pay in {text}"
    );
}

#[test]
fn person_shows_one_plans_full_status() {
    team()
        .roadmap(&["status", "--person", "bob", "--color", "never"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("Bob Stone (bob)  2026-2035")
        .stdout_contains("Overall progress toward the vision")
        .run();
    team()
        .roadmap(&["status", "--person", "bobb"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("--person bobb: no plans/bobb/")
        .run();
}

#[test]
fn an_unknown_manager_is_an_error_with_a_suggestion() {
    team()
        .edit("plans/carol/vision.md", "manager: diana", "manager: dianna")
        .roadmap(&["check", "--color", "never"])
        .status(1)
        .stdout_contains("plans/carol/vision.md:3:10: error[unknown-manager]: manager `dianna` is not a person of this repository: there is no plans/dianna/")
        .stdout_contains("hint: did you mean `diana`?")
        .run();
}

#[test]
fn managers_in_a_circle_are_an_error() {
    team()
        .edit(
            "plans/diana/vision.md",
            "name: Diana Cole\n",
            "name: Diana Cole\nmanager: alice\n",
        )
        .roadmap(&["check", "--color", "never"])
        .status(1)
        .stdout_contains(
            "error[manager-cycle]: the managers go round in a circle: diana → alice → ray → diana",
        )
        .run();
}

#[test]
fn status_team_json_matches_its_schema() {
    let test = team();
    let out = test
        .roadmap(&["status", "--team", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let instance = dir.path().join("status-team.json");
    std::fs::write(&instance, &out.stdout).expect("write the output");
    let schema =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json/status-team.schema.json");
    let checked = std::process::Command::new(super::support::tool(
        "check-jsonschema",
        "pip install check-jsonschema==0.33.2",
    ))
    .arg("--schemafile")
    .arg(&schema)
    .arg(&instance)
    .output()
    .expect("run check-jsonschema");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
}

#[test]
fn status_team_and_the_report_context_hold_the_same_team() {
    let test = team();
    let status = status_json(&test);
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    assert_eq!(context["team"]["rollup"], status["team"]);
    let rows: Vec<&str> = context["team"]["people"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["person"].as_str().expect("a person"))
        .collect();
    assert_eq!(rows, ["carol", "bob", "alice", "diana", "ray"]);
    assert_eq!(context["team"]["responsibility"], 9_400_000.0);
}

#[test]
fn status_team_in_a_one_plan_repository_is_a_usage_error() {
    Test::minimal()
        .roadmap(&["status", "--team"])
        .env("ROADMAP_TODAY", TODAY)
        .status(2)
        .stderr_contains("--team: this repository holds one plan")
        .run();
}

#[test]
fn a_file_that_does_not_load_is_named_in_the_team_json_as_in_its_text() {
    let test = team().file("plans/bob/metrics.yaml", "metrics: [\n");
    let text = test
        .roadmap(&["status", "--team"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .stdout_contains("plans/bob/metrics.yaml")
        .stdout_contains("left out: every revenue and performance metric")
        .run();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("NAME"),
        "the team's lines are still printed: {text}"
    );
    let json = test
        .roadmap(&["status", "--team", "--format", "json"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .run();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(json["problems"][0]["path"], "plans/bob/metrics.yaml");
    assert!(json["problems"][0]["missing"].is_string(), "{json}");
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .status(1)
        .run();
    let context: serde_json::Value = serde_json::from_slice(&context.stdout).expect("JSON");
    assert_eq!(context["problems"], json["problems"]);
}

#[test]
fn a_team_row_says_who_someone_reports_to_by_name_not_by_folder() {
    let test = team();
    test.roadmap(&["report", "-q"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let index = fs::read_to_string(test.path("dashboard/index.html")).expect("the overview");
    assert!(
        index.contains(r#"<span class="reports-to">reports to Ray Ortiz</span>"#),
        "{index}"
    );
    assert!(!index.contains("reports to ray<"), "{index}");
    let alice = fs::read_to_string(test.path("dashboard/people/alice.html")).expect("a page");
    assert!(alice.contains("reports to Ray Ortiz"));
}

#[test]
fn a_last_update_is_never_later_than_the_figures_as_of_date() {
    // A commit dated after today (a clock set wrong) is an update made
    // today, as the figures' own as-of date is.
    let test = team()
        .edit(
            "plans/bob/vision.md",
            "name: Bob Stone",
            "name: Bob Stone\n# ahead",
        )
        .commit("2026-12-20", "plans: a commit dated ahead");
    let status = status_json(&test);
    let bob = status["team"]["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|r| r["person"] == "bob")
        .expect("bob's row")
        .clone();
    assert_eq!(bob["last_update"], TODAY, "{bob}");
    assert_eq!(bob["last_update_days"], 0, "{bob}");
    assert_eq!(status["as_of"], TODAY, "{status}");
}
