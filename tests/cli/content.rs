//! Everything the plan holds in words reaches the outputs: the written
//! review answers, the vision in full, the year's role target and success
//! criteria, the quarter's milestones of every grain, the skills'
//! development actions and the wins in date order.

use std::fs;

use serde_json::Value;

use super::support::{DEMO_TODAY, Test, csv_rows};

const ANSWERS: &str = "answers:\n  - Closed the Dakota renewal early.\n  - Ahead on pipeline, behind on new logos.\n  - Short answers win.\n  - Call Tyler every Monday.\n  - Yes, the playbook first.\non_track: partly\ncommit: false\n";

fn context(test: &Test, today: &str) -> Value {
    test.roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", today)
        .json()
}

fn status(test: &Test, today: &str) -> String {
    let out = test
        .roadmap(&["status"])
        .env("ROADMAP_TODAY", today)
        .env("COLUMNS", "80")
        .run();
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn review_answers_written_by_review_answers_appear_in_the_context() {
    let test = Test::demo().file("../answers.yaml", ANSWERS);
    test.roadmap(&["review", "2026-11", "--answers", "../answers.yaml"])
        .env("ROADMAP_TODAY", "2026-11-30")
        .run();
    let ctx = context(&test, "2026-11-30");
    let review = &ctx["plans"][0]["review"];
    assert_eq!(review["period"], "2026-11");
    let answers: Vec<&str> = review["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["answer"].as_str().expect("every section answered"))
        .collect();
    assert_eq!(
        answers,
        [
            "Closed the Dakota renewal early.",
            "Ahead on pipeline, behind on new logos.",
            "Short answers win.",
            "Call Tyler every Monday.",
            "Yes, the playbook first.",
        ],
        "the answers without the figures written beside them"
    );
    assert_eq!(review["on_track"], "partly");
    let archived = &ctx["plans"][0]["archive"][0];
    assert_eq!(archived["period"], "2026-11");
    assert!(
        archived["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .any(|a| a["text"]
                .as_str()
                .expect("text")
                .contains("Short answers win."))
    );
}

#[test]
fn hand_written_review_answers_appear_on_the_card_and_in_the_archive() {
    let test = Test::demo();
    let ctx = context(&test, DEMO_TODAY);
    let plan = &ctx["plans"][0];
    assert_eq!(plan["review"]["period"], "2026-10");
    assert_eq!(plan["review"]["on_track"], "partly");
    let first = plan["review"]["sections"][0]["answer"]
        .as_str()
        .expect("answer");
    assert!(
        first.starts_with("A steady month. October closed at $0.54M"),
        "{first}"
    );
    let archive = plan["archive"].as_array().expect("archive");
    let files = fs::read_dir(test.path("plans/reviews"))
        .expect("reviews")
        .count();
    assert_eq!(archive.len(), files, "every review in the archive");
    let kinds: Vec<&str> = archive
        .iter()
        .map(|r| r["kind_label"].as_str().expect("kind"))
        .collect();
    for kind in ["monthly", "quarterly", "annual"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let q3 = archive
        .iter()
        .find(|r| r["period"] == "2026-Q3")
        .expect("Q3 2026");
    assert!(!q3["answers"].as_array().expect("answers").is_empty());
    assert!(!q3["wins"].as_array().expect("wins").is_empty());
    // The guide's questions are not taken for answers.
    for r in archive {
        for a in r["answers"].as_array().expect("answers") {
            assert!(
                !a["text"]
                    .as_str()
                    .expect("text")
                    .starts_with("- What was achieved?")
            );
        }
    }
}

#[test]
fn the_vision_strengths_needs_and_constraints_reach_the_context() {
    let test = Test::new()
        .file(
            "answers.yaml",
            "name: Jordan Lee\nstart: 2026\nend: 2036\nnow:\n  role: Sales Manager\n  revenue: 5M\n  team: 0\n  strengths: [Customer relationships]\n  needs: [Executive presence]\ngrowth: 15-20%\ngoal:\n  role: VP of Sales\n  revenue: 50M\n  team: 15-20\nconstraints: [No relocation before 2028]\nskills:\n  sales: 6\n  leadership: 3\n  strategy: 4\n  presence: 3\n  technical: 8\n  brand: 2\n",
        )
        .git_init();
    test.roadmap(&["init", ".", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-10-20")
        .run();
    let test = test.commit("2026-10-20", "plan: written by roadmap init");
    test.roadmap(&["check", "--strict"])
        .env("ROADMAP_TODAY", "2026-10-20")
        .run();
    let vision = &context(&test, "2026-10-20")["plans"][0]["vision"];
    assert_eq!(vision["constraints"][0], "No relocation before 2028");
    assert_eq!(vision["strengths"][0], "Customer relationships");
    assert_eq!(vision["needs"][0], "Executive presence");
}

#[test]
fn a_blank_constraint_or_success_criterion_is_a_warning() {
    let test = Test::minimal()
        .edit(
            "plans/vision.md",
            "statement:",
            "constraints: [\"\"]\nstatement:",
        )
        .edit(
            "plans/years/2026.md",
            "skills: [",
            "success:\n  - title: \" \"\n    status: done\nskills: [",
        );
    let out = test
        .roadmap(&["check"])
        .env("ROADMAP_TODAY", "2026-03-01")
        .run();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("plans/vision.md:") && text.contains("this constraint is empty"),
        "{text}"
    );
    assert!(
        text.contains("plans/years/2026.md:") && text.contains("this success criterion is empty"),
        "{text}"
    );
}

#[test]
fn year_success_criteria_and_role_target_reach_the_context_and_status() {
    let test = Test::minimal()
        .edit(
            "plans/years/2026.md",
            "skills: [",
            "success:\n  - title: Territory at 5.9M\n    status: done\n  - Two account executives hired\nskills: [",
        )
        .git_init()
        .commit("2026-02-01", "plan");
    let ctx = context(&test, "2026-03-01");
    let year = &ctx["plans"][0]["year_plans"][0];
    assert_eq!(year["year"], 2026);
    assert_eq!(year["role"], "Senior Sales Manager");
    assert_eq!(year["success"][0]["status"], "done");
    assert_eq!(year["success"][1]["title"], "Two account executives hired");
    assert_eq!(year["success"][1]["status"], "planned");
    assert_eq!(year["success_met"], 1);
    let text = status(&test, "2026-03-01");
    assert!(text.contains("Success criteria: 1 of 2 met"), "{text}");
    assert!(text.contains("done    Territory at 5.9M"), "{text}");
    assert!(
        text.contains("planned Two account executives hired"),
        "{text}"
    );
}

#[test]
fn weekly_and_monthly_milestones_reach_the_context_and_status() {
    let test = Test::demo();
    let ctx = context(&test, DEMO_TODAY);
    let plan = &ctx["plans"][0];
    let quarterly: Vec<&Value> = plan["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .filter(|m| m["source"] == "quarter")
        .collect();
    assert_eq!(
        quarterly.len(),
        76,
        "the demo's weekly and monthly milestones"
    );
    for m in &quarterly {
        assert!(
            m["quarter"].is_string() && m["objective"].is_string(),
            "{m}"
        );
    }
    let grains: Vec<&str> = quarterly
        .iter()
        .filter_map(|m| m["grain"].as_str())
        .collect();
    assert!(
        grains.contains(&"week") && grains.contains(&"month"),
        "{grains:?}"
    );
    let q = &plan["status"]["quarter"];
    let listed = q["milestones"].as_array().expect("quarter milestones");
    let this_quarter = quarterly
        .iter()
        .filter(|m| m["quarter"] == q["period"])
        .count();
    assert_eq!(listed.len(), this_quarter);
    let done = listed.iter().filter(|m| m["status"] == "done").count();
    let text = status(&test, DEMO_TODAY);
    assert!(
        text.contains(&format!(
            "Milestones: {done} of {} done; next due:",
            listed.len()
        )),
        "{text}"
    );
    let next = listed
        .iter()
        .find(|m| m["status"] != "done" && m["status"] != "missed" && m["status"] != "dropped")
        .expect("an open milestone");
    assert!(
        text.contains(next["title"].as_str().expect("title")),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line}");
    }
}

#[test]
fn skill_actions_are_in_their_csv_with_an_iso_due_date_and_due_ones_in_status() {
    let test = Test::demo();
    test.roadmap(&["report"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let ctx = context(&test, DEMO_TODAY);
    let skills = ctx["plans"][0]["skills"].as_array().expect("skills");
    let actions: usize = skills
        .iter()
        .map(|s| s["actions"].as_array().expect("actions").len())
        .sum();
    let rows = csv_rows(
        &fs::read(test.path("dashboard/csv/skill-actions.csv")).expect("skill-actions.csv"),
    );
    assert_eq!(rows.len(), actions);
    assert!(actions > 0);
    let get = |row: &Vec<(String, String)>, key: &str| {
        row.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .expect(key)
    };
    let meddic = rows
        .iter()
        .find(|r| get(r, "title") == "MEDDIC certification")
        .expect("MEDDIC");
    assert_eq!(get(meddic, "due"), "2025-Q2");
    assert_eq!(get(meddic, "due_date"), "2025-06-30");
    assert_eq!(get(meddic, "status"), "done");
    let text = status(&test, DEMO_TODAY);
    assert!(text.contains("Development actions due"), "{text}");
    assert!(text.contains("Coach two new sales engineers"), "{text}");
}

#[test]
fn wins_are_listed_in_date_order() {
    let ctx = context(&Test::demo(), DEMO_TODAY);
    let days: Vec<&str> = ctx["plans"][0]["wins"]
        .as_array()
        .expect("wins")
        .iter()
        .map(|w| w["on"].as_str().expect("on"))
        .collect();
    assert!(days.len() > 10);
    assert!(
        days.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {days:?}"
    );
}

/// The content figures every output must agree on, for the consistency
/// tests: the quarter's milestones and the year's success criteria.
pub(super) fn content_agrees(view: &Value, status: &str, context: &Value) {
    let plan = &context["plans"][0];
    if let Some(q) = view["quarter"].as_object() {
        let listed = q["milestones"].as_array().expect("quarter milestones");
        let in_context = plan["milestones"]
            .as_array()
            .expect("milestones")
            .iter()
            .filter(|m| m["source"] == "quarter" && m["quarter"] == q["period"])
            .count();
        assert_eq!(listed.len(), in_context, "the quarter's milestones");
        let open = listed
            .iter()
            .filter(|m| !matches!(m["status"].as_str(), Some("done" | "missed" | "dropped")))
            .count();
        if open > 0 {
            let done = listed.iter().filter(|m| m["status"] == "done").count();
            assert!(
                status.contains(&format!("Milestones: {done} of {} done", listed.len())),
                "{status}"
            );
        }
    }
    if let Some(year) = view["year"].as_object() {
        let success = year["success"].as_array().expect("success");
        let plan_year = plan["year_plans"]
            .as_array()
            .expect("year plans")
            .iter()
            .find(|y| y["year"] == year["year"])
            .expect("this year's plan");
        assert_eq!(plan_year["success"], year["success"]);
        assert_eq!(plan_year["success_met"], year["success_met"]);
        if !success.is_empty() {
            assert!(
                status.contains(&format!(
                    "Success criteria: {} of {} met",
                    year["success_met"],
                    success.len()
                )),
                "{status}"
            );
        }
    }
}

#[test]
fn an_overdue_development_action_says_so_in_status_and_on_the_dashboard() {
    let test = Test::demo().edit(
        "plans/capabilities.yaml",
        "Coach two new sales engineers through their first year\n        status: active\n        due: 2026-Q4",
        "Coach two new sales engineers through their first year\n        status: active\n        due: 2026-Q2",
    );
    let text = status(&test, DEMO_TODAY);
    assert!(
        text.contains("2026-Q2 overdue Leadership: Coach two new sales engineers"),
        "{text}"
    );
    test.roadmap(&["report"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard");
    assert!(html.contains("<span class=\"when overdue\">2026-Q2 overdue</span>"));
}
