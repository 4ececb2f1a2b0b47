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
