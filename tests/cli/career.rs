//! Career progression: pay and the other career figures recorded from the
//! history, promotions and their velocity, `record career` and `record
//! promotion`, the promotion case (`report --achievements`), what is
//! private and left out of the summary and of `report --share`, and the
//! permissions of the files written.

use std::fs;
use std::path::Path;

use super::support::{Test, csv_rows};

const TODAY: &str = "2026-12-05";

fn career(base: &str, total: &str, extra: &str) -> String {
    format!(
        "title: Sales Manager\nreports: 2\nrevenue: 5M\ncompensation:\n  base: {base}\n  total: {total}\n  market: 62\n{extra}"
    )
}

const PROMOTIONS: &str = "promotion_benchmark: 36
promotions:
  - date: 2025-01-15
    title: Senior Sales Manager
  - date: 2020-01-15
    title: Sales Manager
  - date: 2022-07-15
    title: Account Manager
";

/// A minimal plan whose career.yaml raises base pay a year after it was
/// first committed.
fn raised() -> Test {
    Test::minimal()
        .file("plans/career.yaml", career("120k", "150k", PROMOTIONS))
        .git_init()
        .commit("2025-03-31", "plan")
        .edit("plans/career.yaml", "base: 120k", "base: 132k")
        .commit("2026-03-31", "raise")
}

#[test]
fn a_committed_pay_raise_is_an_observation() {
    let test = raised();
    let output = test
        .roadmap(&["progress", "career:base", "--format", "csv"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let rows = csv_rows(&output.stdout);
    let values: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| {
            let get = |k: &str| {
                row.iter()
                    .find(|(key, _)| key == k)
                    .map_or("", |(_, v)| v.as_str())
            };
            (get("date"), get("value"))
        })
        .collect();
    assert_eq!(
        values,
        [("2025-03-31", "120000"), ("2026-03-31", "132000")],
        "{rows:?}"
    );
}

#[test]
fn promotions_and_velocity_from_a_hand_made_history() {
    let test = raised();
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    let p = &context["plans"][0]["career"]["progression"];
    let dates: Vec<&str> = p["promotions"]
        .as_array()
        .expect("promotions")
        .iter()
        .map(|x| x["date"].as_str().expect("date"))
        .collect();
    assert_eq!(dates, ["2020-01-15", "2022-07-15", "2025-01-15"]);
    assert_eq!(p["promotions"][1]["months_after_previous"], 30);
    assert_eq!(p["velocity_months"], 30.0);
    assert_eq!(p["benchmark_months"], 36);
    assert_eq!(
        p["velocity_text"],
        "every 30 months on average, faster than the 36-month benchmark"
    );
    // Measured at the last update, 2026-03-31.
    assert_eq!(p["months_since_last"], 14);
    let growth = p["base_growth"].as_f64().expect("a growth rate");
    assert!((growth - 0.1).abs() < 1e-9, "{growth}");
}

/// Wins and recognition of 2025, 2026 and 2027, dated and undated.
fn achievements_plan() -> Test {
    let recognition = "recognition:
  - {id: award-2025, kind: award, title: Award of 2025, date: 2025-12-31}
  - {id: talk-2026, kind: speaking, title: Talk of 2026, date: 2026-05-14}
  - {id: rank-2026, kind: ranking, title: Ranked first in 2026, date: 2026-01-01}
  - {id: secret-2026, kind: award, title: Private award of 2026, date: 2026-06-01, private: true}
  - {id: award-2027, kind: award, title: Award of 2027, date: 2027-01-01}
";
    Test::minimal()
        .file("plans/career.yaml", career("120k", "150k", recognition))
        .file(
            "plans/reviews/2025-12.md",
            "---\nwins:\n  - {title: Win of December 2025, date: 2025-12-31}\n---\n",
        )
        .file(
            "plans/reviews/2026-03.md",
            "---\nwins:\n  - Undated win of March 2026\n  - {title: Dated win of 2026, date: 2026-03-02}\n---\n",
        )
        .file(
            "plans/reviews/2026-12.md",
            "---\nwins:\n  - {title: Last win of 2026, date: 2026-12-31}\n  - {title: Win dated 2027, date: 2027-01-02}\n---\n",
        )
        .git_init()
        .commit("2026-12-31", "plan")
}

#[test]
fn achievements_of_2026_list_every_win_and_recognition_of_2026_and_nothing_else() {
    let test = achievements_plan();
    let output = test
        .roadmap(&["report", "--achievements", "2026"])
        .env("ROADMAP_TODAY", "2027-01-05")
        .run();
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Undated win of March 2026",
        "Dated win of 2026: review 2026-03 (2026-03-02)",
        "Last win of 2026",
        "Talk of 2026",
        "Ranked first in 2026",
        "## Wins",
        "## Recognition",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}\n{text}");
    }
    for unexpected in ["2025", "2027", "Private award", "120k", "$120k", "150k"] {
        assert!(
            !text
                .lines()
                .filter(|l| l.starts_with("- "))
                .any(|l| l.contains(unexpected)),
            "holds {unexpected:?}\n{text}"
        );
    }
    let csv = test
        .roadmap(&["report", "--achievements", "2026", "--format", "csv"])
        .env("ROADMAP_TODAY", "2027-01-05")
        .run();
    let rows = csv_rows(&csv.stdout);
    let titles: Vec<(String, String)> = rows
        .iter()
        .filter_map(|row| {
            let get = |k: &str| row.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
            let kind = get("kind")?;
            let title = get("title")?;
            matches!(kind.as_str(), "win" | "recognition").then_some((kind, title))
        })
        .collect();
    let pair = |k: &str, t: &str| (k.to_owned(), t.to_owned());
    assert_eq!(
        titles,
        [
            pair("win", "Dated win of 2026"),
            pair("win", "Undated win of March 2026"),
            pair("win", "Last win of 2026"),
            pair("recognition", "Ranked first in 2026"),
            pair("recognition", "Talk of 2026"),
        ]
    );
}

/// Every file under `dir`, with its text.
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(texts(&path));
        } else {
            let text = String::from_utf8_lossy(&fs::read(&path).expect("a file")).into_owned();
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// The ways a pay figure of 131,000 or 157,000, or its market position, can be written.
const PAY: [&str; 9] = [
    "131k",
    "131000",
    "131,000",
    "$131",
    "157k",
    "157000",
    "157,000",
    "$157",
    "percentile",
];

#[test]
fn a_shared_report_holds_no_pay_or_private_field_in_any_file() {
    let test = Test::minimal()
        .file(
            "plans/career.yaml",
            career(
                "131k",
                "157k",
                "span: Secret span of four states\nprivate: [span]\nrecognition:\n  - {id: hidden, kind: award, title: Hidden award, date: 2026-02-01, private: true}\n  - {id: shown, kind: award, title: Shown award, date: 2026-02-02}\n",
            ),
        )
        .edit("plans/vision.md", "  team: 15-20\n", "  team: 15-20\n  income: 437k\n")
        .git_init()
        .commit("2026-03-31", "plan");
    test.roadmap(&["report", "--share"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let files = texts(&test.path("dashboard-shared"));
    assert!(files.iter().any(|(p, _)| p.ends_with("career.csv")));
    let mut secrets: Vec<&str> = PAY.to_vec();
    secrets.extend(["437k", "437000", "$437", "Secret span", "Hidden award"]);
    for (path, text) in &files {
        for secret in &secrets {
            assert!(!text.contains(secret), "{path} holds {secret:?}");
        }
    }
    assert!(
        files.iter().any(|(_, t)| t.contains("Shown award")),
        "what is not private is still shared"
    );
    let context = test
        .roadmap(&["report", "--share", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let context = String::from_utf8_lossy(&context.stdout);
    for secret in &secrets {
        assert!(!context.contains(secret), "the context holds {secret:?}");
    }
    // The owner's own dashboard shows the pay; its summary does not.
    test.roadmap(&["report"]).env("ROADMAP_TODAY", TODAY).run();
    let index = fs::read_to_string(test.path("dashboard/index.html")).expect("index");
    assert!(index.contains("$131k"), "the owner sees the pay");
    let summary = fs::read_to_string(test.path("dashboard/summary.html")).expect("summary");
    for secret in &secrets {
        assert!(!summary.contains(secret), "the summary holds {secret:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_private_plan_file_stays_private_after_record() {
    use std::os::unix::fs::PermissionsExt as _;
    let test = raised();
    let path = test.path("plans/career.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
    test.roadmap(&["record", "career", "base", "140k"])
        .env("ROADMAP_TODAY", TODAY)
        .stdout_contains("career base: 132k → 140k")
        .run();
    let mode = fs::metadata(&path)
        .expect("career.yaml")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        fs::read_to_string(&path)
            .expect("text")
            .contains("base: 140k")
    );
}

#[cfg(unix)]
#[test]
fn a_private_report_stays_private_when_written_again() {
    use std::os::unix::fs::PermissionsExt as _;
    let test = raised();
    test.roadmap(&["report"]).env("ROADMAP_TODAY", TODAY).run();
    let index = test.path("dashboard/index.html");
    fs::set_permissions(&index, fs::Permissions::from_mode(0o600)).expect("chmod");
    fs::set_permissions(test.path("dashboard"), fs::Permissions::from_mode(0o700)).expect("chmod");
    test.roadmap(&["report"]).env("ROADMAP_TODAY", TODAY).run();
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&index), 0o600);
    assert_eq!(mode(&test.path("dashboard")), 0o700);
}

#[test]
fn record_career_and_promotion_write_career_yaml() {
    let test = raised();
    for args in [
        &["record", "career", "rank", "2/14"][..],
        &["record", "career", "promoted", "1"],
        &["record", "career", "span", "4 states, 2 product lines"],
        &[
            "record",
            "promotion",
            "Regional Director",
            "--as-of",
            "2026-11-01",
        ],
    ] {
        test.roadmap(args).env("ROADMAP_TODAY", TODAY).run();
    }
    test.roadmap(&["check"]).env("ROADMAP_TODAY", TODAY).run();
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    let c = &context["plans"][0]["career"];
    assert_eq!(c["title"], "Regional Director");
    assert_eq!(c["ranking"], "#2 of 14");
    assert_eq!(c["leadership"]["promoted"], 1);
    assert_eq!(c["span"], "4 states, 2 product lines");
    assert_eq!(c["progression"]["promotions"][3]["date"], "2026-11-01");
    assert_eq!(
        context["plans"][0]["status"]["role_now"],
        "Regional Director"
    );
}

#[test]
fn career_csv_and_due_dates_in_the_report() {
    let test = raised();
    test.roadmap(&["report"]).env("ROADMAP_TODAY", TODAY).run();
    let career = csv_rows(&fs::read(test.path("dashboard/csv/career.csv")).expect("career.csv"));
    let base: Vec<String> = career
        .iter()
        .filter(|row| row.iter().any(|(k, v)| k == "id" && v == "career:base"))
        .filter_map(|row| {
            row.iter()
                .find(|(k, _)| k == "value")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(base, ["120000", "132000"]);
    let milestones =
        fs::read_to_string(test.path("dashboard/csv/milestones.csv")).expect("milestones.csv");
    assert!(
        milestones
            .lines()
            .next()
            .is_some_and(|h| h.contains("due,due_date")),
        "{milestones}"
    );
    for name in ["wins", "learnings", "corrections", "recognition"] {
        assert!(
            test.path(&format!("dashboard/csv/{name}.csv")).is_file(),
            "{name}.csv"
        );
    }
}

#[test]
fn a_quarterly_review_records_base_pay_under_compensation() {
    let test = raised().file("../answers.yaml", "career:\n  base: 140k\n  reports: 3\n");
    test.roadmap(&["review", "2026-Q1", "--answers", "../answers.yaml"])
        .env("ROADMAP_TODAY", "2026-04-02")
        .run();
    let career = fs::read_to_string(test.path("plans/career.yaml")).expect("career.yaml");
    assert!(career.contains("compensation:\n  base: 140k\n"), "{career}");
    assert!(career.contains("reports: 3\n"), "{career}");
    test.roadmap(&["check"])
        .env("ROADMAP_TODAY", "2026-04-02")
        .run();
}

#[test]
fn record_career_completes_its_figures() {
    let test = raised();
    let out = test
        .roadmap(&["--", "roadmap", "record", "career", ""])
        .env("COMPLETE", "fish")
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let offered = String::from_utf8_lossy(&out.stdout);
    let figures: Vec<&str> = offered
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    for figure in [
        "title", "span", "reports", "base", "total", "market", "rank", "promoted",
    ] {
        assert!(figures.contains(&figure), "{figure} in {figures:?}");
    }
    let out = test
        .roadmap(&["--", "roadmap", "record", "pro"])
        .env("COMPLETE", "fish")
        .env("ROADMAP_TODAY", TODAY)
        .run();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.starts_with("promotion\t"))
    );
}

/// The base pay each person's plan of a team charts, as (date, value).
fn base_points(context: &serde_json::Value, person: &str) -> Vec<(String, f64)> {
    let plan = context["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .find(|p| p["person"] == person)
        .unwrap_or_else(|| panic!("no plan of {person}"));
    let series = plan["career"]["progression"]["series"]
        .as_array()
        .expect("series")
        .iter()
        .find(|s| s["id"] == "career:base")
        .expect("a career:base series");
    series["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date").to_owned(),
                p["value"].as_f64().expect("value"),
            )
        })
        .collect()
}

#[test]
fn a_team_members_career_chart_holds_only_their_own_pay() {
    let one = Test::minimal().file("plans/career.yaml", career("120k", "150k", ""));
    let test = ["alice", "bob"]
        .iter()
        .fold(Test::new().git_init(), |test, person| {
            test.tree(&one.path("plans"), &format!("plans/{person}"))
        })
        .commit("2025-03-31", "plans")
        .edit("plans/bob/career.yaml", "base: 120k", "base: 132k")
        .commit("2026-03-31", "bob's raise");
    let context = test
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", TODAY)
        .json();
    assert_eq!(
        base_points(&context, "alice"),
        [("2025-03-31".to_owned(), 120_000.0)]
    );
    assert_eq!(
        base_points(&context, "bob"),
        [
            ("2025-03-31".to_owned(), 120_000.0),
            ("2026-03-31".to_owned(), 132_000.0)
        ]
    );
}
