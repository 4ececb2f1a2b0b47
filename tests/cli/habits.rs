//! Habits kept by their cadence (every day, workdays, chosen weekdays, a
//! number of times a week), counted the same way by `status`, its JSON,
//! the dashboard and the CSVs.

use std::fs;

use serde_json::Value;

use super::support::{Test, csv_rows};

/// The minimal plan with one habit of `cadence` (its YAML lines after
/// `cadence:`) and November 2026's check-ins `marks`, committed.
fn habit(cadence: &str, marks: &str) -> Test {
    Test::minimal()
        .file(
            "plans/habits.yaml",
            format!(
                "habits:\n  - id: thinking\n    title: 30 min strategic thinking\n    cadence: {cadence}\n    minutes: 30\n"
            ),
        )
        .file("plans/checkins/2026-11.yaml", format!("thinking: \"{marks}\"\n"))
        .git_init()
        .commit("2026-11-30", "habits: November")
}

fn status_json(test: &Test, today: &str) -> Value {
    let json = test
        .roadmap(&["status", "--format", "json"])
        .env("ROADMAP_TODAY", today)
        .json();
    json["plans"][0]["habits"][0].clone()
}

fn status_text(test: &Test, today: &str) -> String {
    let output = test
        .roadmap(&["status"])
        .env("ROADMAP_TODAY", today)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn habits_csv(test: &Test, today: &str) -> Vec<std::collections::HashMap<String, String>> {
    test.roadmap(&["report"]).env("ROADMAP_TODAY", today).run();
    let bytes = fs::read(test.path("dashboard/csv/habits.csv")).expect("habits.csv");
    csv_rows(&bytes)
        .into_iter()
        .map(|r| r.into_iter().collect())
        .collect()
}

fn figures(habit: &Value, part: &str) -> (u64, u64) {
    (
        habit[part]["done"].as_u64().expect("done"),
        habit[part]["due"].as_u64().expect("due"),
    )
}

/// Every workday of November 2026 kept, no weekend: a daily count made it
/// 21 of 30 days (70%) and a streak of 1 on a Monday.
#[test]
fn a_workday_habit_kept_every_workday_is_not_scored_as_missing_weekends() {
    let test = habit("workdays", ".xxxxx..xxxxx..xxxxx..xxxxx..x");
    let today = "2026-11-30";
    let h = status_json(&test, today);
    assert_eq!(h["cadence"], "workdays");
    assert_eq!(figures(&h, "this_month"), (21, 21));
    assert_eq!(h["this_month"]["percent"], 100.0);
    assert_eq!(h["current_streak"], 21);
    assert_eq!(h["longest_streak"], 21);
    assert_eq!(h["at_risk"], false);
    // Saturday and Sunday are days off, not misses.
    assert_eq!(
        h["week_due"],
        serde_json::json!([true, true, true, true, true, false, false])
    );
    let status = status_text(&test, today);
    assert!(
        status.contains("streak 21 (best 21), week 100%, month 100%"),
        "{status}"
    );
    let rows = habits_csv(&test, today);
    assert_eq!(rows[0]["cadence"], "workdays");
    assert_eq!(rows[0]["current_streak"], "21");
    assert_eq!(rows[0]["month_done"], "21");
    assert_eq!(rows[0]["month_due"], "21");
    assert_eq!(rows[0]["month_percent"], "100");
    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard");
    let card = &html[html
        .find("data-habit=\"thinking\"")
        .expect("the habit's card")..];
    assert!(card.contains("21 <small>days streak · best 21"), "{card}");
    assert!(card.contains("Monday to Friday"), "{card}");
    assert!(
        card.contains("<span data-month-percent>100%</span>"),
        "{card}"
    );
}

/// Monday, Wednesday and Friday up to Friday 27 November 2026: twelve due
/// days, Wednesday the 11th missed, Tuesday the 17th (a day off) kept.
#[test]
fn chosen_weekdays_count_only_their_days() {
    let test = habit(
        "days\n    days: [mon, wed, fri]",
        ".x.x.x..x...x..xxx.x..x.x.x",
    );
    let today = "2026-11-27";
    let h = status_json(&test, today);
    assert_eq!(h["days"], serde_json::json!(["mon", "wed", "fri"]));
    assert_eq!(figures(&h, "this_month"), (11, 12));
    assert_eq!(figures(&h, "this_week"), (3, 3));
    // From the 13th to the 27th; the 2nd to the 9th made 4.
    assert_eq!(h["current_streak"], 7);
    assert_eq!(h["longest_streak"], 7);
    // Every check-in counts toward the hours, the day off's too.
    assert_eq!(h["checkins"], 12);
    assert_eq!(h["minutes"], 360);
    let status = status_text(&test, today);
    assert!(
        status.contains("streak 7 (best 7), week 100%, month 92%"),
        "{status}"
    );
    let rows = habits_csv(&test, today);
    assert_eq!(rows[0]["days"], "mon;wed;fri");
    assert_eq!(rows[0]["month_percent"], "92");
}

/// Three times a week, up to Thursday 26 November 2026: 3 check-ins the
/// week of the 2nd, 4 (3 count) the week of the 9th, 2 the week of the
/// 16th, 1 so far this week; the month's weeks begin on 26 October.
#[test]
fn n_times_a_week_counts_check_ins_up_to_n_a_week() {
    let test = habit("weekly\n    times: 3", ".x.x.x..xxxx....x.x....x..");
    let today = "2026-11-26";
    let h = status_json(&test, today);
    assert_eq!(h["times"], 3);
    assert_eq!(figures(&h, "this_week"), (1, 3));
    assert_eq!(figures(&h, "this_month"), (9, 15));
    assert_eq!(h["this_month"]["percent"], 60.0);
    // Two full weeks in a row, then one short of three.
    assert_eq!(h["current_streak"], 0);
    assert_eq!(h["longest_streak"], 2);
    let rows = habits_csv(&test, today);
    assert_eq!(rows[0]["times"], "3");
    assert_eq!(rows[0]["week_done"], "1");
    assert_eq!(rows[0]["week_due"], "3");
    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard");
    assert!(html.contains("3 times a week"));
}

/// A weekly streak at risk: two of three this week by Friday, a streak
/// running.
#[test]
fn n_times_a_week_is_at_risk_when_the_days_left_run_short() {
    // Weeks of the 2nd and the 9th kept three times; on Friday the 20th
    // only Monday the 16th so far.
    let test = habit("weekly\n    times: 3", ".x.x.x..x.x.x..x....");
    let h = status_json(&test, "2026-11-18");
    assert_eq!(h["current_streak"], 2);
    assert_eq!(h["at_risk"], false);
    let h = status_json(&test, "2026-11-20");
    assert_eq!(h["current_streak"], 2);
    assert_eq!(h["at_risk"], true);
}

#[test]
fn bad_cadences_are_refused_with_their_line() {
    let test = Test::minimal()
        .file(
            "plans/habits.yaml",
            "habits:\n  - id: reading\n    title: A\n    cadence: days\n  - id: b\n    title: B\n    cadence: daily\n    times: 2\n  - id: c\n    title: C\n    cadence: weekly\n    times: 0\n",
        )
        .git_init();
    let found = test
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .diagnostics();
    assert_eq!(
        found,
        [
            "plans/habits.yaml:4:14: error[cadence]",
            "plans/habits.yaml:8:5: error[cadence]",
            "plans/habits.yaml:12:12: error[range]",
        ]
    );
    let output = test.roadmap(&["check"]).status(1).run();
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("`cadence: days` with no `days` to keep it on"),
        "{text}"
    );
    assert!(text.contains("e.g. `days: [mon, wed, fri]`"), "{text}");
}

#[test]
fn check_in_records_a_chosen_weekday_habit() {
    let test = habit("days\n    days: [mon, wed, fri]", ".x.x.x");
    test.roadmap(&["record", "checkin", "thinking", "--date", "2026-11-09"])
        .env("ROADMAP_TODAY", "2026-11-09")
        .run();
    let marks = fs::read_to_string(test.path("plans/checkins/2026-11.yaml")).expect("check-ins");
    assert!(marks.contains("thinking: \".x.x.x..x\""), "{marks}");
    let h = status_json(&test, "2026-11-09");
    assert_eq!(h["current_streak"], 4);
}

/// The minimal plan with a time budget of strategic 30%, tactical 70%.
fn budget() -> Test {
    let habits = fs::read_to_string(super::support::minimal_plans().join("habits.yaml"))
        .expect("the minimal habits");
    Test::minimal()
        .file(
            "plans/habits.yaml",
            format!("{habits}time:\n  strategic: 30\n  tactical: 70\n"),
        )
        .git_init()
        .commit("2026-11-01", "plan")
}

fn record(test: &Test, args: &[&str]) -> String {
    let mut all = vec!["record", "time"];
    all.extend_from_slice(args);
    let output = test.roadmap(&all).env("ROADMAP_TODAY", "2026-11-25").run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn time_recorded_shows_week_by_week_against_the_budget() {
    let test = budget();
    // This week (from Monday the 23rd): 3h15m strategic, 5h tactical;
    // last week: 2h strategic, 6h tactical.
    let said = record(&test, &["strategic", "2h30m", "--date", "2026-11-23"]);
    assert!(
        said.contains("strategic: 2h30m on 2026-11-23 (2h30m that day)"),
        "{said}"
    );
    let said = record(&test, &["strategic", "45m", "--date", "2026-11-23"]);
    assert!(said.contains("(3h15m that day)"), "{said}");
    record(&test, &["tactical", "5h", "--date", "2026-11-24"]);
    record(&test, &["strategic", "2h", "--date", "2026-11-17"]);
    record(&test, &["tactical", "1.5h", "--date", "2026-11-16"]);
    record(&test, &["tactical", "4h30m", "--date", "2026-11-20"]);
    let log = fs::read_to_string(test.path("plans/time/2026-11.yaml")).expect("the time log");
    assert_eq!(
        log,
        "2026-11-16:\n  tactical: 1h30m\n2026-11-17:\n  strategic: 2h\n2026-11-20:\n  tactical: 4h30m\n2026-11-23:\n  strategic: 3h15m\n2026-11-24:\n  tactical: 5h\n"
    );
    test.roadmap(&["check"]).run();
    let test = test.commit("2026-11-25", "time");

    let today = "2026-11-25";
    let json = test
        .roadmap(&["status", "--format", "json"])
        .env("ROADMAP_TODAY", today)
        .json();
    let time = &json["plans"][0]["time"];
    assert_eq!(time["targets"][0]["category"], "strategic");
    assert_eq!(time["targets"][0]["share"], 30);
    let week = &time["weeks"][0];
    assert_eq!(week["week"], "2026-11-23");
    assert_eq!(week["total_minutes"], 495);
    assert_eq!(week["categories"][0]["minutes"], 195);
    assert_eq!(week["categories"][1]["minutes"], 300);
    assert_eq!(time["weeks"][1]["week"], "2026-11-16");
    assert_eq!(time["weeks"][1]["total_minutes"], 480);

    let status = status_text(&test, today);
    assert!(status.contains("Time budget"), "{status}");
    // 195 of 495 minutes is 39%; last week 120 of 480 is 25%.
    assert!(
        status.contains("  strategic  3h15m  39%       2h  25%   target  30%"),
        "{status}"
    );
    assert!(
        status.contains("  tactical      5h  61%       6h  75%   target  70%"),
        "{status}"
    );
    assert!(status.lines().all(|l| l.chars().count() <= 80), "{status}");

    test.roadmap(&["report"]).env("ROADMAP_TODAY", today).run();
    let bytes = fs::read(test.path("dashboard/csv/time.csv")).expect("time.csv");
    let rows: Vec<std::collections::HashMap<String, String>> = csv_rows(&bytes)
        .into_iter()
        .map(|r| r.into_iter().collect())
        .collect();
    let row = |week: &str, category: &str| {
        rows.iter()
            .find(|r| r["week"] == week && r["category"] == category)
            .unwrap_or_else(|| panic!("no row for {week} {category}"))
    };
    assert_eq!(row("2026-11-23", "strategic")["minutes"], "195");
    assert_eq!(row("2026-11-23", "strategic")["share"], "39.4");
    assert_eq!(row("2026-11-23", "strategic")["target"], "30");
    assert_eq!(row("2026-11-16", "tactical")["hours"], "6.00");
    assert_eq!(row("2026-11-16", "tactical")["share"], "75.0");

    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard");
    let table = &html[html
        .find("data-time-budget")
        .expect("the time budget table")..];
    let table = &table[..table.find("</figure>").expect("its end")];
    assert!(
        table.contains("target strategic 30%, tactical 70%"),
        "{table}"
    );
    let this_week = &table[table.find("data-week=\"2026-11-23\"").expect("this week")..];
    assert!(
        this_week.contains("3h15m · <span data-share>39%</span>"),
        "{this_week}"
    );
    assert!(
        this_week.contains("5h · <span data-share>61%</span>"),
        "{this_week}"
    );
}

#[test]
fn record_time_refuses_a_category_outside_the_budget() {
    let test = budget();
    test.roadmap(&["record", "time", "tactcal", "1h"])
        .env("ROADMAP_TODAY", "2026-11-25")
        .status(2)
        .stderr_contains("`tactcal` is not a category of the time budget")
        .stderr_contains("tactical")
        .run();
    test.roadmap(&["record", "time", "strategic", "soon"])
        .env("ROADMAP_TODAY", "2026-11-25")
        .status(2)
        .stderr_contains("is not a duration")
        .run();
    assert!(!test.path("plans/time").exists());
}

#[test]
fn bad_time_logs_and_budgets_are_refused_with_their_line() {
    let test = budget()
        .file(
            "plans/time/2026-11.yaml",
            "2026-11-02:\n  strategic: 2h\n  tactcal: 1h\n2026-12-01:\n  strategic: 1h\n2026-11-03:\n  tactical: 20h\n  strategic: 5h\n",
        )
        .edit("plans/habits.yaml", "tactical: 70", "tactical: 60");
    let found = test
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .diagnostics();
    assert_eq!(
        found,
        [
            "plans/habits.yaml:8:3: error[range]",
            "plans/time/2026-11.yaml:3:3: error[unknown-id]",
            "plans/time/2026-11.yaml:4:1: error[period]",
            "plans/time/2026-11.yaml:6:1: error[range]",
        ]
    );
}

#[test]
fn diff_tells_a_habit_moved_to_chosen_weekdays() {
    let test = habit("daily", ".x.x.x").edit(
        "plans/habits.yaml",
        "cadence: daily",
        "cadence: days\n    days: [mon, wed, fri]",
    );
    let test = test.commit("2026-12-01", "habits: thinking on three days");
    let diff = test
        .roadmap(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .json();
    let habit = diff["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .find(|c| c["item"]["id"] == "thinking")
        .expect("the habit changed");
    let text = habit.to_string();
    assert!(text.contains("\"days\""), "{text}");
    assert!(text.contains("mon, wed, fri"), "{text}");
}
