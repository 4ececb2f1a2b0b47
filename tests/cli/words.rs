//! Metrics that behave as their kind, and words that are true: growth
//! bands and forecasts only where a growth band applies, `better: down`
//! honoured, done objectives completed rather than dropped, a new quarter
//! that carries only unfinished work, reviews and past-due items listed
//! when they are due, and nothing behind before the plan had data.

use serde_json::Value;

use super::support::{Test, ids, pairs, quarters_diff};

/// A count listed first, then revenue, a retention percentage and a
/// `better: down` duration: only revenue is held to a growth band.
const METRICS: &str = "growth: 15-20%
metrics:
  - id: demo-units
    name: Demo units
    kind: other
    unit: units
    baseline: 100
    targets: {2026: 120, 2027: 140}
    actuals: {2025: 110, 2026-06: 70}
  - id: revenue
    name: Territory revenue
    kind: revenue
    unit: USD
    ytd: true
    baseline: 5M
    targets: {2026: 5.9M, 2027: 6.9M}
    actuals: {2025: 5.8M, 2026-06: 2.9M}
  - id: retention
    name: Customer retention
    kind: retention
    unit: \"%\"
    baseline: 91
    targets: {2026: 92, 2027: 93}
    actuals: {2025: 91.5, 2026-06: 91.8}
  - id: pricing-days
    name: Days to signed pricing
    kind: operations
    unit: days
    better: down
    baseline: 30
    targets: {2026: 20, 2027: 15}
    actuals: {2025: 26, 2026-06: 22}
";

fn json(test: &Test, args: &[&str], today: &str) -> Value {
    let output = test.roadmap(args).env("ROADMAP_TODAY", today).run();
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// The first plan of `status --format json` on `today`.
fn status_on(test: &Test, today: &str) -> Value {
    json(test, &["status", "--format", "json"], today)["plans"][0].clone()
}

fn metrics_plan() -> Test {
    Test::minimal()
        .file("plans/metrics.yaml", METRICS)
        .edit("plans/vision.md", "start: 2026", "start: 2025")
        .git_init()
        .commit("2026-07-01", "june readings")
}

fn by_id<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("a list of metrics")
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no metric {id} in {list:#}"))
}

fn banded(m: &Value) -> bool {
    m["trajectory"]
        .as_array()
        .expect("a trajectory")
        .iter()
        .any(|t| !t["low"].is_null() || !t["high"].is_null() || !t["forecast"].is_null())
}

#[test]
fn revenue_growth_band_is_not_drawn_on_every_metric() {
    let test = metrics_plan();
    let context = json(&test, &["report", "--context"], "2026-07-01");
    let metrics = &context["plans"][0]["metrics"];
    for id in ["retention", "pricing-days", "demo-units"] {
        let m = by_id(metrics, id);
        assert!(!banded(m), "{id} has a growth band or forecast: {m:#}");
        assert!(m["growth_low"].is_null(), "{m:#}");
        assert!(m["now"]["growth"].is_null() && m["now"]["forecast"].is_null());
    }
    let revenue = by_id(metrics, "revenue");
    assert!(banded(revenue), "{revenue:#}");
    assert_eq!(revenue["growth_low"].as_f64(), Some(15.0));
    let status = status_on(&test, "2026-07-01");
    let units = by_id(&status["metrics"], "demo-units");
    assert!(units["forecast"].is_null() && units["growth"].is_null());
}

#[test]
fn revenue_section_opens_on_the_revenue_metric_not_the_first_listed() {
    let test = metrics_plan();
    let context = json(&test, &["report", "--context"], "2026-07-01");
    let metrics = context["plans"][0]["metrics"].as_array().expect("metrics");
    assert_eq!(metrics[0]["id"], "revenue");
    assert_eq!(metrics[0]["revenue"], true);
    let status = status_on(&test, "2026-07-01");
    assert_eq!(status["metrics"][0]["id"], "revenue");

    test.roadmap(&["report", "--out", "site"])
        .env("ROADMAP_TODAY", "2026-07-01")
        .run();
    let html = std::fs::read_to_string(test.path("site/index.html")).expect("index.html");
    assert!(
        html.contains("Territory revenue: the ten-year trajectory"),
        "the trajectory is not revenue's"
    );
    assert!(!html.contains("Demo units: the ten-year trajectory"));
    assert!(html.contains("<p>Territory revenue 2026:"));
    assert!(
        html.contains(
            "Days to signed pricing <span class=\"small muted\">(lower is better)</span>"
        )
    );
    let summary = std::fs::read_to_string(test.path("site/summary.html")).expect("summary.html");
    let first_row = summary
        .split("<tbody>")
        .find_map(|part| part.trim_start().strip_prefix("<tr class=\"metric\" "))
        .expect("a metrics table");
    assert!(
        first_row.starts_with("data-id=\"revenue\"><td>Territory revenue<"),
        "{first_row}"
    );
}

#[test]
fn better_down_metric_is_not_met_by_exceeding_its_target() {
    let test = metrics_plan()
        .edit(
            "plans/years/2026.md",
            "objectives:\n",
            "objectives:\n  - id: y26-pricing\n    title: Signed pricing within 20 days\n    category: strategic\n    metric: pricing-days\n",
        )
        .commit("2026-07-02", "year");
    let status = status_on(&test, "2026-07-02");
    let objective = &status["year"]["objectives"][0];
    // 22 days against a target of 20: not done, 20/22 of the way.
    let progress = objective["progress"].as_f64().expect("a progress");
    assert!((progress - 20.0 / 22.0).abs() < 1e-9, "{objective:#}");
    // Expected by the end of June: 30 → 20 prorated, about 25 days; 22 is ahead.
    assert_eq!(by_id(&status["metrics"], "pricing-days")["pace"], "ahead");
}

const Q2_AFTER_Q1: &str = "---
period: 2026-Q2
objectives:
  - id: q1-pipeline
    title: Build a 3x pipeline
    category: revenue
    supports: [y26-revenue]
    key_results:
      - id: q1-pipeline-value
        title: Pipeline value
        target: 5M
        unit: USD
---
";

#[test]
fn done_objectives_are_completed_not_dropped() {
    let test = Test::minimal()
        .edit(
            "plans/quarters/2026-Q1.md",
            "title: Open two AE positions\n    category: leadership\n",
            "title: Open two AE positions\n    category: leadership\n    status: done\n",
        )
        .file("plans/quarters/2026-Q2.md", Q2_AFTER_Q1)
        .git_init()
        .commit("2026-04-01", "plans");
    let out = quarters_diff(&test, &["--format", "json"])
        .env("ROADMAP_TODAY", "2026-04-01")
        .json();
    assert_eq!(ids(&out["plans"][0]["completed"]), ["q1-hiring"]);
    assert_eq!(ids(&out["plans"][0]["dropped"]), ["q1-sponsors"]);
    let text = quarters_diff(&test, &["--color", "never"])
        .env("ROADMAP_TODAY", "2026-04-01")
        .run();
    let text = String::from_utf8_lossy(&text.stdout);
    let dropped = text
        .split("Dropped after 2026-Q1")
        .nth(1)
        .and_then(|rest| rest.split("New in").next())
        .expect("a dropped section");
    assert!(!dropped.contains("q1-hiring"), "{text}");
    assert!(
        text.contains("Completed in 2026-Q1\n  ✓ q1-hiring"),
        "{text}"
    );
}

#[test]
fn periods_are_not_paired_by_title_similarity() {
    let q2 = Q2_AFTER_Q1.replace(
        "        unit: USD\n---\n",
        "        unit: USD\n  - id: q2-hiring\n    title: Open two AE roles\n    category: leadership\n    supports: [y26-team]\n---\n",
    );
    let test = Test::minimal()
        .file("plans/quarters/2026-Q2.md", &q2)
        .git_init()
        .commit("2026-04-01", "plans");
    let out = quarters_diff(&test, &["--color", "never"])
        .env("ROADMAP_TODAY", "2026-04-01")
        .run();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("similarity"), "{text}");
    assert!(!text.contains("same intent"), "{text}");
    let new = text.split("New in 2026-Q2").nth(1).expect("a new section");
    assert!(new.contains("q2-hiring"), "{text}");
}

/// A quarter with one objective whose key results are all reached (but not
/// marked done), one half done with a dated milestone, and the year plan
/// of the next quarter missing.
const Q4: &str = "---
period: 2026-Q4
objectives:
  - id: q4-sponsors
    title: Meet five executive sponsors
    category: relationships
    supports: [y26-network]
    key_results:
      - id: q4-sponsor-meetings
        title: Sponsor meetings
        target: 5
        current: 5
  - id: q4-revenue
    title: Strongest quarter of the year
    category: revenue
    supports: [y26-revenue]
    key_results:
      - id: q4-revenue-quarter
        title: Territory revenue this quarter
        target: 1.75M
        current: 0.54M
        unit: USD
    milestones:
      - id: q4-roundtable
        title: Invite a fifth top performer to the November roundtable
        due: 2026-11
  - id: q4-hiring
    title: Open two AE positions
    category: leadership
    supports: [y26-team]
    key_results:
      - id: q4-offers
        title: Offers signed
        target: 2
        current: 1
---
";

#[test]
fn new_quarter_carries_only_unfinished_work_re_baselined() {
    let test = Test::minimal()
        .file("plans/quarters/2026-Q4.md", Q4)
        .git_init()
        .commit("2026-12-01", "q4");
    let out = test
        .roadmap(&["new", "quarter", "2027-Q1", "--print"])
        .env("ROADMAP_TODAY", "2026-12-05")
        .run();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("q4-sponsors"),
        "a finished objective carried:\n{text}"
    );
    assert!(text.contains("id: q4-revenue\n"), "{text}");
    assert!(
        !text.contains("\n        target: 1.75M"),
        "the quarter's target carried as it was:\n{text}"
    );
    assert!(
        text.contains("        start: 540k\n        current: 540k\n"),
        "{text}"
    );
    assert!(
        !text.contains("due: 2027-Q1"),
        "a past date moved forward:\n{text}"
    );
    assert!(text.contains("it was due 2026-11"), "{text}");
}

#[test]
fn new_quarter_without_a_year_plan_warns_once() {
    let test = Test::minimal()
        .file("plans/quarters/2026-Q4.md", Q4)
        .git_init()
        .commit("2026-12-01", "q4");
    let out = test
        .roadmap(&["new", "quarter", "2027-Q1"])
        .env("ROADMAP_TODAY", "2026-12-05")
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("supports no annual objective"), "{stderr}");
    assert_eq!(
        stderr.matches("roadmap new year 2027").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("has no target"), "{stderr}");
}

/// The `(kind, period)` of each review a plan's status lists as due.
fn due(status: &Value) -> Vec<(String, String)> {
    pairs(&status["reviews_due"], "kind", "period")
}

#[test]
fn december_lists_the_years_own_review_as_due() {
    let test = Test::minimal().git_init().commit("2026-01-05", "plan");
    let status = status_on(&test, "2026-12-05");
    assert!(
        due(&status).contains(&("year-review".to_owned(), "2026".to_owned())),
        "{:?}",
        due(&status)
    );
    let november = status_on(&test, "2026-11-05");
    assert!(!due(&november).iter().any(|(k, _)| k == "year-review"));
}

/// The `(kind, id)` of each item a plan's status lists as behind.
fn behind(status: &Value) -> Vec<(String, String)> {
    pairs(&status["behind"], "kind", "id")
}

const RELATIONSHIPS: &str = "goals:
  - id: sponsors
    title: Executive sponsors at the top accounts
    circle: external
    target: 5
    current: 2
    due: 2026-Q2
  - id: mentor
    title: A VP mentor
    circle: mentor
    due: 2026-05
  - id: peers
    title: National peers
    circle: external
    target: 3
    current: 3
    due: 2026-Q1
";

const STRATEGY: &str = "phases:
  - id: foundation
    name: Territory excellence
    years: 2026-2027
    role: Senior Sales Manager
    revenue: 6.5M
    team: 3-5
    achievements:
      - id: playbook
        title: Playbook published
        due: 2026-06
      - id: award
        title: President's club
        due: 2027-Q1
  - id: expansion
    name: Regional leadership
    years: 2028-2035
    role: VP of Sales
    revenue: 15M-20M
";

#[test]
fn past_due_relationship_goals_and_milestones_are_behind() {
    let test = Test::minimal()
        .file("plans/relationships.yaml", RELATIONSHIPS)
        .file("plans/strategy.yaml", STRATEGY)
        .git_init()
        .commit("2026-01-31", "plan")
        .edit("plans/relationships.yaml", "current: 2", "current: 3")
        .commit("2026-07-31", "july update");
    let status = status_on(&test, "2026-08-01");
    let behind = behind(&status);
    for item in [
        ("relationship", "sponsors"),
        ("relationship", "mentor"),
        ("milestone", "playbook"),
    ] {
        assert!(
            behind.contains(&(item.0.to_owned(), item.1.to_owned())),
            "{item:?} is not behind: {behind:?}"
        );
    }
    assert!(!behind.iter().any(|(_, id)| id == "peers" || id == "award"));
}

#[test]
fn plan_started_with_a_past_year_is_not_a_wall_of_red() {
    let test = Test::minimal()
        .edit("plans/vision.md", "start: 2026", "start: 2025")
        .edit(
            "plans/capabilities.yaml",
            "level: 5\n    targets:\n      2026: 6\n      2027: 7",
            "level: 6\n    targets:\n      2026: 6\n      2027: 7",
        )
        .file("plans/relationships.yaml", RELATIONSHIPS)
        .file("plans/strategy.yaml", STRATEGY)
        .git_init()
        .commit(
            "2027-01-02",
            "the plan, written at the start of its third year",
        );
    let status = status_on(&test, "2027-01-02");
    assert_eq!(behind(&status), [], "day one is behind on something");
    let context = json(&test, &["report", "--context"], "2027-01-02");
    let overdue: Vec<&Value> = context["plans"][0]["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .filter(|m| m["overdue"] == true)
        .collect();
    assert!(overdue.is_empty(), "{overdue:#?}");
}

#[test]
fn skill_is_not_behind_its_years_target_on_the_first_of_january() {
    let test = Test::minimal()
        .edit(
            "plans/capabilities.yaml",
            "level: 5\n    targets:\n      2026: 6\n      2027: 7",
            "level: 6\n    targets:\n      2026: 6\n      2027: 8",
        )
        .git_init()
        .commit("2026-06-01", "plan")
        .edit(
            "plans/vision.md",
            "Where this plan leads.",
            "Where this plan leads, 2027.",
        )
        .commit("2027-01-01", "new year");
    let skill = |test: &Test, today: &str| {
        let status = status_on(test, today);
        let skill = by_id(&status["skills"], "negotiation");
        skill["pace"].as_str().unwrap_or_default().to_owned()
    };
    assert_eq!(skill(&test, "2027-01-01"), "on-track");
    let test = test
        .edit("plans/vision.md", "leads, 2027.", "leads, mid-2027.")
        .commit("2027-07-15", "mid-year");
    // Past mid-July, level 6 on the line from 6 to 8 is behind.
    assert_eq!(skill(&test, "2027-07-15"), "behind");
}
