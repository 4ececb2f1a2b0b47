//! The dashboard's drill-down and the one-page summary, from the command
//! line: each key result's and metric's history in the report context is
//! the history `roadmap progress --format json` prints, with each commit's
//! subject; stale items are flagged by the one rule (src/stale.rs); the
//! summary holds every metric and the six capability areas, the current
//! title and never pay. The browser side is tests/browser/drill.mjs.

use std::fs;

use serde_json::Value;

use super::support::{DEMO_TODAY, Test};

fn json(test: &Test, args: &[&str]) -> Value {
    json_on(test, DEMO_TODAY, args)
}

fn json_on(test: &Test, today: &str, args: &[&str]) -> Value {
    test.roadmap(args)
        .env("ROADMAP_TODAY", today)
        .env("NO_COLOR", "1")
        .json()
}

fn report(test: &Test) -> String {
    report_on(test, DEMO_TODAY)
}

fn report_on(test: &Test, today: &str) -> String {
    test.roadmap(&["report"]).env("ROADMAP_TODAY", today).run();
    fs::read_to_string(test.path("dashboard/index.html")).expect("index.html")
}

/// A day after [`demo_with_one_update`]'s last commit.
const LATER: &str = "2026-12-31";

/// The demo with a later update that records November's territory revenue
/// and nothing else: every other metric and every key result of the
/// quarter is left behind.
fn demo_with_one_update() -> Test {
    Test::demo()
        .edit(
            "plans/metrics.yaml",
            "      2026-10: 5.36M\n",
            "      2026-10: 5.36M\n      2026-11: 5.9M\n",
        )
        .edit(
            "plans/metrics.yaml",
            "as_of: 2026-10-31",
            "as_of: 2026-12-20",
        )
        .commit("2026-12-20", "metrics: November revenue")
}

/// The observations of `progress --format json` as (date, value, commit)
/// for what `keep` selects.
fn observed(progress: &Value, keep: impl Fn(&Value) -> bool) -> Vec<(String, f64, String)> {
    progress["observations"]
        .as_array()
        .expect("observations")
        .iter()
        .filter(|o| keep(o))
        .map(|o| {
            (
                o["date"].as_str().expect("date").to_owned(),
                o["value"].as_f64().expect("a number"),
                o["commit"].as_str().expect("commit").to_owned(),
            )
        })
        .collect()
}

fn points(list: &Value) -> Vec<(String, f64, String)> {
    list.as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date").to_owned(),
                p["value"].as_f64().expect("value"),
                p["commit"].as_str().unwrap_or("uncommitted").to_owned(),
            )
        })
        .collect()
}

#[test]
fn key_result_history_on_the_dashboard_is_the_history_progress_prints() {
    let test = Test::demo();
    let progress = json(&test, &["progress", "--format", "json"]);
    let context = json(&test, &["report", "--context"]);
    let drill = &context["plans"][0]["drill"];
    let mut compared = 0;
    for kr in drill["key_results"].as_array().expect("key results") {
        if !kr["measures"].is_null() {
            continue;
        }
        let expected = observed(&progress, |o| {
            o["kind"] == "key-result" && o["id"] == kr["id"] && o["period"] == kr["period"]
        });
        assert_eq!(points(&kr["points"]), expected, "key result {}", kr["id"]);
        compared += expected.len();
    }
    assert!(compared > 100, "only {compared} values compared");
    for m in drill["metrics"].as_array().expect("metrics") {
        let expected = observed(&progress, |o| o["kind"] == "metric" && o["id"] == m["id"]);
        assert!(!expected.is_empty(), "metric {} has readings", m["id"]);
        assert_eq!(points(&m["readings"]), expected, "metric {}", m["id"]);
    }
    // Each value names the commit that set it, by short id and subject.
    let last = &drill["metrics"][0]["readings"]
        .as_array()
        .expect("readings")
        .last()
        .cloned()
        .expect("a reading");
    assert_eq!(last["subject"], "review: 2026-10");
    assert_eq!(
        last["short"].as_str().expect("short"),
        &last["commit"].as_str().expect("commit")[..7]
    );
}

#[test]
fn dashboard_was_a_poster_with_no_way_into_an_objective() {
    let test = Test::demo();
    let html = report(&test);
    // From the overview to an objective of the quarter, to its key results'
    // history: a sparkline point per change, with its commit.
    assert!(html.contains(r##"<a href="#drill-o-26q4-close-gap" data-open="o:26q4-close-gap">"##));
    assert!(html.contains(r#"<details class="drill" id="drill-o-26q4-close-gap""#));
    assert!(html.contains(r#"data-kr-drill="26q4-revenue-quarter" data-period="2026-Q4""#));
    assert!(html.contains(r#"class="spark""#));
    assert!(html.contains("review: 2026-10"));
    // From a metric to its readings.
    assert!(html.contains(r#"<details class="drill" id="drill-m-territory-revenue""#));
    // The view is kept in the URL.
    assert!(html.contains("window.history.replaceState"));
}

#[test]
fn metrics_and_key_results_left_behind_are_flagged_not_updated_since() {
    let test = demo_with_one_update();
    let context = json_on(&test, LATER, &["report", "--context"]);
    assert_eq!(context["as_of"], "2026-12-20");
    let drill = &context["plans"][0]["drill"];
    let stale_of = |list: &str, id: &str| -> Value {
        drill[list]
            .as_array()
            .expect("a list")
            .iter()
            .find(|x| x["id"] == id && (list == "metrics" || x["period"] == "2026-Q4"))
            .unwrap_or_else(|| panic!("{id} in {list}"))["stale"]
            .clone()
    };
    assert_eq!(stale_of("metrics", "territory-revenue"), Value::Null);
    let retention = stale_of("metrics", "retention");
    assert_eq!(retention["since"], "2026-10-31");
    assert_eq!(retention["due"], "2026-12-14");
    assert_eq!(retention["days"], 50);
    assert_eq!(
        stale_of("key_results", "26q4-new-business")["since"],
        "2026-10-31"
    );
    // Measured by a milestone: nothing to update until it is done.
    assert_eq!(stale_of("key_results", "26q4-isa-talk"), Value::Null);
    // A past quarter's key result is closed, never stale.
    assert!(
        drill["key_results"]
            .as_array()
            .expect("key results")
            .iter()
            .filter(|k| k["period"] != "2026-Q4")
            .all(|k| k["stale"].is_null())
    );
    let count = drill["stale"].as_u64().expect("a count");
    assert!(count >= 7, "{count} stale items");

    let html = report_on(&test, LATER);
    let row = |id: &str| {
        let at = html
            .find(&format!(r#"data-metric="{id}""#))
            .unwrap_or_else(|| panic!("row of {id}"));
        html[at..at + html[at..].find("</tr>").expect("end of row")].to_owned()
    };
    assert!(row("retention").contains("not updated since 2026-10-31"));
    assert!(!row("territory-revenue").contains("not updated since"));
    assert!(html.contains(&format!(r#"data-stale-count="{count}""#)));
}

#[test]
fn nothing_is_stale_when_everything_was_updated_with_the_plan() {
    let test = Test::demo();
    let context = json(&test, &["report", "--context"]);
    assert_eq!(context["plans"][0]["drill"]["stale"], 0);
    assert!(!report(&test).contains("not updated since"));
}

#[test]
fn commit_subject_with_markup_is_text_in_the_drill_down() {
    let test = Test::demo()
        .edit(
            "plans/metrics.yaml",
            "      2026-10: 5.36M\n",
            "      2026-10: 5.36M\n      2026-11: 5.9M\n",
        )
        .commit("2026-11-30", r#"<img src=x onerror="alert(1)"> November"#);
    let html = report(&test);
    assert!(html.contains("&lt;img src=x onerror="));
    assert!(!html.contains("<img src=x"));
}

fn summary(test: &Test) -> String {
    test.roadmap(&["report"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    fs::read_to_string(test.path("dashboard/summary.html")).expect("summary.html")
}

#[test]
fn summary_printed_four_of_seven_metrics_and_no_skills() {
    let test = Test::demo();
    let html = summary(&test);
    let context = json(&test, &["report", "--context"]);
    let plan = &context["plans"][0];
    let metrics = plan["metrics"].as_array().expect("metrics");
    assert_eq!(metrics.len(), 7);
    for m in metrics {
        let id = m["id"].as_str().expect("id");
        assert!(
            html.contains(&format!(r#"<tr class="metric" data-id="{id}">"#)),
            "no row for metric {id}"
        );
    }
    let areas = plan["skill_areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 6);
    for a in areas {
        let area = a["area"].as_str().expect("area");
        let label = a["label"].as_str().expect("label");
        assert!(
            html.contains(&format!(
                r#"<tr class="skill" data-area="{area}"><td>{label}</td>"#
            )),
            "no row for skill area {label}"
        );
    }
}

#[test]
fn summary_printed_the_income_goal() {
    let test = Test::demo();
    let html = summary(&test);
    // vision.md's income goal (350k) and career.yaml's pay (124k base,
    // 186k total), in any form a figure takes.
    for pay in ["$350k", "350k", "350,000", "$124k", "124k", "$186k", "186k"] {
        assert!(!html.contains(pay), "the summary holds {pay}");
    }
    assert!(!html.to_lowercase().contains("income"));
}

#[test]
fn summary_kept_the_year_zero_title_after_a_promotion() {
    let test = Test::demo()
        .edit(
            "plans/career.yaml",
            "title: Sales Manager, Intermountain West",
            "title: Senior Sales Manager, Multi-State Territory",
        )
        .commit("2026-11-15", "career: promoted");
    let html = summary(&test);
    assert!(html.contains("<span data-title>Senior Sales Manager, Multi-State Territory</span>"));
}
