//! The progress model's formulas, checked against figures computed by hand
//! from the bundled example plan (`plans/`), as `roadmap demo` commits it.

use serde_json::Value;

use super::support::Test;

fn close(value: &Value, want: f64) {
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is no number"));
    assert!((got - want).abs() < 1e-9, "{got} is not {want}");
}

/// The example plan at the end of October 2026, the last monthly review.
fn status() -> Value {
    let demo = Test::named("demo");
    demo.roadmap(&["demo", "."]).run();
    let json = demo
        .roadmap(&["status", "--at", "2026-10-31", "--format", "json"])
        .run()
        .stdout;
    let mut status: Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(status["version"], 1);
    let views = status["plans"].as_array_mut().expect("plans");
    assert_eq!(views.len(), 1, "one plan");
    views.remove(0)
}

#[test]
fn the_example_plan_progress_matches_hand_computed_figures() {
    let view = status();
    assert_eq!(view["today"], "2026-10-31");

    // vision.md weighs revenue 30, role 20, team 15, skills 20, milestones 15.
    //
    // revenue: career.yaml holds $6.36M of responsibility, from $5M toward
    //   $50M, on a log scale: ln(6.36/5) / ln(50/5).
    // role: no phase of strategy.yaml is closed yet: 0 of 5.
    // team: career.yaml has no reports yet: 0 of 15.
    // skills: capabilities.yaml, each level over its 2035 target, averaged:
    //   (7/10 + 4/9 + 6/10 + 4/9 + 8/9 + 4/9) / 6.
    // milestones: 4 of the 30 phase milestones are done.
    let revenue = (6.36f64 / 5.0).ln() / (50.0f64 / 5.0).ln();
    let skills = (7.0 / 10.0 + 4.0 / 9.0 + 6.0 / 10.0 + 4.0 / 9.0 + 8.0 / 9.0 + 4.0 / 9.0) / 6.0;
    let milestones = 4.0 / 30.0;
    let expected = [
        ("revenue", 30.0, revenue),
        ("role", 20.0, 0.0),
        ("team", 15.0, 0.0),
        ("skills", 20.0, skills),
        ("milestones", 15.0, milestones),
    ];
    let parts = view["overall"]["parts"].as_array().expect("parts");
    assert_eq!(parts.len(), expected.len());
    for (part, (dimension, weight, progress)) in parts.iter().zip(expected) {
        assert_eq!(part["dimension"], dimension);
        close(&part["weight"], weight);
        close(&part["progress"], progress);
    }
    // (30 * 0.1045 + 20 * 0.5870 + 15 * 0.1333) / 100 = 16.9%.
    let overall = (30.0 * revenue + 20.0 * skills + 15.0 * milestones) / 100.0 * 100.0;
    close(&view["overall"]["percent"], overall);
    assert!((overall - 16.875).abs() < 0.01);
}

#[test]
fn the_example_plan_revenue_pace_and_forecast_match_hand_computed_figures() {
    let view = status();
    let metrics = view["metrics"].as_array().expect("metrics");
    let revenue = metrics
        .iter()
        .find(|m| m["id"] == "territory-revenue")
        .expect("territory-revenue");
    // metrics.yaml: a year-to-date metric, $5.36M by October 2026 against a
    // 2026 target of $6.85M. October 31st is day 304 of 365, so the target
    // prorated to the reading is 6.85M * 304 / 365 = $5.705M: behind.
    close(&revenue["actual"], 5_360_000.0);
    close(&revenue["target"], 6_850_000.0);
    close(&revenue["expected"], 6_850_000.0 * 304.0 / 365.0);
    assert_eq!(revenue["pace"], "behind");
    // Growth achieved: the full year 2025, $6.02M, over the $5M baseline.
    close(&revenue["growth"], (6.02 / 5.0 - 1.0) * 100.0);
    // At 20.4% a year from $6.02M at the end of 2025, $50M takes
    // ln(50/6.02) / ln(1.204) = 11.4 years: it is reached in 2037.
    let years = (50.0f64 / 6.02).ln() / 1.204f64.ln();
    assert!(years > 11.0 && years < 12.0);
    assert_eq!(revenue["forecast"], 2037);

    // The annual objective that carries the revenue target: 5.36 / 6.85.
    let objectives = view["year"]["objectives"].as_array().expect("objectives");
    let quota = objectives
        .iter()
        .find(|o| o["id"] == "y26-exceed-quota")
        .expect("y26-exceed-quota");
    close(&quota["progress"], 5.36 / 6.85);
    assert_eq!(quota["pace"], "behind");
}
