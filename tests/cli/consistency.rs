//! One plan, one answer: the same figures read from every output of the same
//! plan must agree. `status` text, `status --format json`, `report
//! --context`, the dashboard's HTML, `summary.html`, the CSVs and the review
//! draft are compared on the demo and on a fresh `init`, each on a day long
//! after the plan's last update. The dashboard's DOM, as a browser builds
//! it, is compared in tests/browser (same figures, read by chromium).

use std::fs;

use serde_json::Value;

use super::support::{Test, csv_rows};

use super::support::DEMO_TODAY as TODAY;

/// The exit code every command that shows the plan must give: 0 for a
/// whole plan, 1 for one with a file that does not load.
fn run_with(test: &Test, args: &[&str], code: i32) -> String {
    let output = test
        .roadmap(args)
        .env("ROADMAP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .status(code)
        .run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn run(test: &Test, args: &[&str]) -> String {
    run_with(test, args, 0)
}

/// The text after `marker` in `html`, up to the first `end` after it.
fn element<'h>(html: &'h str, marker: &str, end: &str) -> &'h str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("the page lacks {marker}"));
    let rest = &html[start..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Rows of a CSV file as maps from the header's names.
fn csv(test: &Test, name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let bytes = fs::read(test.path(&format!("dashboard/csv/{name}.csv"))).expect("a CSV");
    csv_rows(&bytes)
        .into_iter()
        .map(|row| row.into_iter().collect())
        .collect()
}

/// A review file's line for a key result, `Title: 1 document of 1
/// document (done)`, must state the value status states.
fn review_agrees(test: &Test, review: &str) {
    let view = &json_of(test, &["status", "--format", "json"])["plans"][0];
    let record = fs::read_to_string(test.path(review)).expect("the review file");
    let stated = record
        .lines()
        .find_map(|l| l.strip_prefix("# Figures as of "))
        .expect("the review states the day of its figures");
    assert!(stated[..10] <= *view["as_of"].as_str().expect("as_of"));
    let context = json_of(test, &["report", "--context"]);
    let mut compared = 0;
    for kr in context["plans"][0]["key_results"]
        .as_array()
        .expect("key_results")
        .iter()
        .filter(|k| k["current_period"] == true)
    {
        let title = kr["title"].as_str().expect("title");
        let shown = format!(
            "{}: {} of {}",
            title,
            kr["current_text"].as_str().expect("current_text"),
            kr["target_text"].as_str().expect("target_text")
        );
        // Its line under its objective, or a line that names its id (a
        // metric of the same title has a line of its own).
        let id = kr["id"].as_str().expect("id");
        let own =
            |l: &&str| l.starts_with(&format!("  - {title}: ")) || l.ends_with(&format!("({id})"));
        for line in record.lines().filter(own) {
            assert!(line.contains(&shown), "{line}\nvs status: {shown}");
            compared += 1;
        }
    }
    assert!(compared > 0, "the review states no key result:\n{record}");
}

fn json_of(test: &Test, args: &[&str]) -> Value {
    serde_json::from_str(&run(test, args)).expect("JSON")
}

/// Every output of the plan in `test`, compared figure by figure; `broken`
/// names the file of the plan that does not load, if one does.
fn every_output_agrees(test: &Test, broken: Option<&str>) {
    every_output_agrees_at(test, broken, &[]);
}

/// [`every_output_agrees`], with each output asked for at the point in
/// time `at` names (`["--at", "2025-06-30"]`, or nothing for now).
fn every_output_agrees_at(test: &Test, broken: Option<&str>, at: &[&str]) {
    let code = i32::from(broken.is_some());
    let run_at = |args: &[&str]| -> String {
        let args: Vec<&str> = args.iter().chain(at).copied().collect();
        run_with(test, &args, code)
    };
    let json = |args: &[&str]| -> Value { serde_json::from_str(&run_at(args)).expect("JSON") };
    let status_json = json(&["status", "--format", "json"]);
    // Reviews fall due against today, or against the day asked for.
    let today = at.last().copied().unwrap_or(TODAY);
    assert_eq!(status_json["plans"][0]["today"], today);
    let status = run_at(&["status"]);
    let context = json(&["report", "--context"]);
    run_at(&["report"]);
    let seen = Seen {
        view: status_json["plans"][0].clone(),
        status,
        context,
        html: fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard"),
        summary: fs::read_to_string(test.path("dashboard/summary.html")).expect("the summary"),
    };
    super::content::content_agrees(&seen.view, &seen.status, &seen.context);
    one_as_of(&seen);
    incomplete_said(test, &seen, broken);
    overall_agrees(&seen);
    quarter_agrees(test, &seen);
    metric_paces_agree(&seen);
    habits_agree(test, &seen);
    skill_targets_agree(&seen);
    csvs_agree(test, &seen);
    let Seen {
        view,
        context,
        html,
        summary,
        ..
    } = &seen;
    career_agrees(test, view, &context["plans"][0], (html, summary));
}

/// What the outputs of one plan said: status as JSON and as text, the
/// report's context, the dashboard and the summary.
struct Seen {
    view: Value,
    status: String,
    context: Value,
    html: String,
    summary: String,
}

impl Seen {
    /// The day every figure is measured at, as status says it.
    fn as_of(&self) -> &str {
        self.view["as_of"].as_str().expect("as_of")
    }

    /// The plan's part of the report's context.
    fn plan(&self) -> &Value {
        &self.context["plans"][0]
    }
}

/// One point in time, one as-of date, in every output.
fn one_as_of(seen: &Seen) {
    let Seen {
        view,
        status,
        context,
        html,
        summary,
    } = seen;
    let plan = seen.plan();
    let as_of = view["as_of"].as_str().expect("as_of");
    let dates = view["dates_text"].as_str().expect("dates_text");
    assert_eq!(context["as_of"], as_of);
    assert_eq!(context["today"], view["today"]);
    assert_eq!(context["dates_text"], dates);
    assert_eq!(plan["status"], *view, "the context's status is status's");
    // A percentage figure's number is its text's: one rounding.
    for figure in plan["figures"].as_array().expect("figures") {
        if let Some(percent) = figure["value"].as_str().and_then(|v| v.strip_suffix('%')) {
            let number = figure["number"].as_f64().map(|n| n.to_string());
            assert_eq!(number.as_deref(), Some(percent), "{figure}");
        }
    }
    assert!(status.contains(&format!("Figures {dates}")), "{status}");
    assert!(html.contains(&format!("data-as-of=\"{as_of}\"")));
    assert!(summary.contains(&format!("data-as-of=\"{as_of}\"")));
    assert!(summary.contains(dates), "the summary's footer");
}

/// A plan shown without a file that does not load says so everywhere.
fn incomplete_said(test: &Test, seen: &Seen, broken: Option<&str>) {
    let Seen {
        view,
        status,
        context,
        html,
        summary,
        ..
    } = seen;
    if let Some(path) = broken {
        assert!(status.contains("the plan is incomplete"), "{status}");
        assert!(status.contains(path), "{status}");
        assert_eq!(view["problems"][0]["path"], path);
        assert_eq!(context["problems"][0]["path"], path);
        assert!(html.contains("This report leaves out"));
        // The pages escape the path's slashes as HTML text.
        let path_text = escaped(path);
        assert!(html.contains(&format!("<code>{path_text}:")));
        assert!(summary.contains("Incomplete:"));
        assert!(summary.contains(&path_text));
        let progress = test
            .roadmap(&["progress"])
            .env("ROADMAP_TODAY", TODAY)
            .status(1)
            .run();
        assert!(String::from_utf8_lossy(&progress.stderr).contains(path));
    } else {
        assert!(!status.contains("incomplete"), "{status}");
        assert!(!html.contains("This report leaves out"));
    }
}

/// The overall progress, in the terminal, on the page and on the summary.
fn overall_agrees(seen: &Seen) {
    let Seen {
        view,
        status,
        html,
        summary,
        ..
    } = seen;
    let overall = format!("{:.0}%", view["overall"]["percent"].as_f64().expect("%"));
    let line = status
        .lines()
        .find(|l| l.starts_with("Overall progress toward the vision"))
        .expect("the overall line");
    assert!(line.ends_with(&overall), "{line} vs {overall}");
    assert!(html.contains(&format!("data-testid=\"overall-percent\">{overall}<")));
    assert!(summary.contains(&format!("<strong>{overall}</strong>")));
}

/// The quarter's day and each key result's value, pace and share gone.
fn quarter_agrees(test: &Test, seen: &Seen) {
    let Seen {
        view, status, html, ..
    } = seen;
    let plan = seen.plan();
    let as_of = seen.as_of();
    if let Some(quarter) = view["quarter"].as_object() {
        let (day, days) = (&quarter["day"], &quarter["days"]);
        assert!(status.contains(&format!("day {day} of {days}")), "{status}");
        assert!(html.contains(&format!("Day {day} of {days}")));
        let gone = format!(
            "{:.0}% of the quarter gone",
            day.as_f64().expect("day") / days.as_f64().expect("days") * 100.0
        );
        let key_results = csv(test, "key-results");
        for objective in quarter["objectives"].as_array().expect("objectives") {
            for kr in objective["key_results"].as_array().expect("key results") {
                let id = kr["id"].as_str().expect("id");
                // A key result carried over keeps its id: its row is the
                // one of this quarter.
                let full = plan["key_results"]
                    .as_array()
                    .expect("key_results")
                    .iter()
                    .find(|k| k["id"] == id && k["period"] == quarter["period"])
                    .expect("the key result in the context");
                let (current, target) = (
                    full["current_text"].as_str().expect("current_text"),
                    full["target_text"].as_str().expect("target_text"),
                );
                assert!(status.contains(&format!("{current} / {target}")), "{id}");
                let card = element(html, &format!("data-kr=\"{id}\""), "</li>");
                assert!(card.contains(&format!("{current} of {target}")), "{card}");
                let row = key_results
                    .iter()
                    .find(|r| r["id"] == id && r["period"] == quarter["period"])
                    .expect("CSV row");
                assert_eq!(row["as_of"], as_of);
                assert_eq!(
                    row["current"].parse::<f64>().ok(),
                    kr["current"].as_f64(),
                    "{id}"
                );
                if kr["pace"] == "behind" {
                    let behind = view["behind"]
                        .as_array()
                        .expect("behind")
                        .iter()
                        .find(|b| b["id"] == id)
                        .expect("listed behind");
                    assert!(behind["what"].as_str().expect("what").contains(&gone));
                }
            }
        }
        // The review draft states the day its figures are measured at: the
        // same day, unless the plan was updated after the month reviewed
        // ended (then that month's last day), and the quarter's share
        // gone agrees with it.
        let draft = fs::read_to_string(test.path("dashboard/templates/month-review.md"))
            .expect("the month's review draft");
        if draft.contains(&format!("# Figures as of {as_of}.")) {
            if draft.contains("of the quarter gone") {
                assert!(draft.contains(&gone), "{draft}");
            }
        } else {
            let stated = draft
                .lines()
                .find_map(|l| l.strip_prefix("# Figures as of "))
                .unwrap_or_else(|| panic!("the draft states no as-of date: {draft}"));
            assert!(stated[..10] < *as_of, "{stated} vs {as_of}");
        }
    }
}

/// Each metric's pace, in the terminal and on the page.
fn metric_paces_agree(seen: &Seen) {
    let Seen {
        view, status, html, ..
    } = seen;
    for metric in view["metrics"].as_array().expect("metrics") {
        let (id, name) = (
            metric["id"].as_str().expect("id"),
            metric["name"].as_str().expect("name"),
        );
        let label = match metric["pace"].as_str().expect("pace") {
            "on-track" => ("on track", "On track"),
            "ahead" => ("ahead", "Ahead"),
            "behind" => ("behind", "Behind"),
            "done" => ("done", "Done"),
            _ => ("-", "-"),
        };
        let line = status
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no status line for {name}"));
        assert!(line.contains(label.0), "{line}");
        let row = element(html, &format!("data-metric=\"{id}\"><td>"), "</tr>");
        assert!(row.contains(label.1) || label.0 == "-", "{id}: {row}");
        // The reading, the target and what is expected by now, written
        // alike in the terminal and on the page.
        let series = (seen.plan()["metrics"].as_array().expect("metrics").iter())
            .find(|m| m["id"] == id)
            .expect("the metric in the context");
        for field in ["actual_text", "target_text", "expected_text"] {
            if let Some(text) = series[field].as_str() {
                assert!(line.contains(text), "{field} {text}: {line}");
                assert!(row.contains(&escaped(text)), "{field} {text}: {row}");
            }
        }
    }
}

/// Each habit's streaks and completion, counted by its cadence once.
fn habits_agree(test: &Test, seen: &Seen) {
    let Seen {
        view, status, html, ..
    } = seen;
    let plan = seen.plan();
    let habits = csv(test, "habits");
    for h in view["habits"].as_array().expect("habits") {
        let id = h["id"].as_str().expect("id");
        let (current, best) = (&h["current_streak"], &h["longest_streak"]);
        let stats = format!(
            "streak {current} (best {best}), week {:.0}%, month {:.0}%",
            h["this_week"]["percent"].as_f64().expect("week %"),
            h["this_month"]["percent"].as_f64().expect("month %")
        );
        assert!(status.contains(&stats), "{id}: {stats}\n{status}");
        let row = habits.iter().find(|r| r["id"] == id).expect("a CSV row");
        assert_eq!(row["current_streak"], current.to_string(), "{id}");
        assert_eq!(row["longest_streak"], best.to_string(), "{id}");
        assert_eq!(
            row["month_done"],
            h["this_month"]["done"].to_string(),
            "{id}"
        );
        assert_eq!(row["month_due"], h["this_month"]["due"].to_string(), "{id}");
        let series = plan["habits"]
            .as_array()
            .expect("habits")
            .iter()
            .find(|s| s["id"] == id)
            .expect("the habit in the context");
        assert_eq!(series["current_streak"], *current, "{id}");
        assert_eq!(series["this_month"], h["this_month"], "{id}");
        let card = element(html, &format!("data-habit=\"{id}\""), "</li>");
        assert!(card.contains(&format!("{current} <small>")), "{card}");
        assert!(card.contains(&format!("best {best}")), "{card}");
        // The goals it serves, named alike everywhere.
        let names: Vec<&str> = (h["serves"].as_array().expect("serves").iter())
            .map(|g| g["name"].as_str().expect("name"))
            .collect();
        let titles: Vec<&str> = (series["serves"].as_array().expect("serves").iter())
            .map(|g| g["title"].as_str().expect("title"))
            .collect();
        assert_eq!(titles, names, "{id}");
        assert_eq!(row["serves_titles"], names.join(";"), "{id}");
        if !names.is_empty() {
            let said = format!("serves {}", escaped(&names.join(", ")));
            assert!(card.contains(&said), "{said}\n{card}");
        }
    }
}

/// Each capability area's target for the year figures are measured in:
/// the mean of its skills' targets in `status`, on the dashboard and on
/// the summary alike.
fn skill_targets_agree(seen: &Seen) {
    let Seen {
        view,
        html,
        summary,
        ..
    } = seen;
    let plan = seen.plan();
    let year: i64 = seen.as_of()[..4].parse().expect("a year");
    for area in plan["skill_areas"].as_array().expect("skill_areas") {
        let label = area["label"].as_str().expect("label");
        let held: Vec<f64> = (area["skills"].as_array().expect("skills").iter())
            .filter_map(|id| {
                let skill = (view["skills"].as_array().expect("skills").iter())
                    .find(|s| s["id"] == *id)
                    .expect("the skill in status");
                skill["target"].as_f64()
            })
            .collect();
        let caption = element(html, &format!("<figcaption>{label} "), "</figcaption>");
        let row = element(summary, &format!("data-area={}", area["area"]), "</tr>");
        let cells: Vec<&str> = row.split("<td class=\"n\">").skip(2).collect();
        let this_year = cells.first().expect("the year's column");
        if held.is_empty() {
            assert!(area["target"].is_null(), "{label}");
            assert!(!caption.contains("target"), "{caption}");
            assert!(this_year.starts_with("&ndash;"), "{row}");
        } else {
            let mean = held.iter().sum::<f64>() / held.len() as f64;
            assert_eq!(area["target"]["level"].as_f64(), Some(mean), "{label}");
            assert_eq!(area["target"]["year"], year, "{label}");
            assert!(caption.contains(&format!("{year} target ")), "{caption}");
            assert!(this_year.starts_with(&format!("{mean:.1}")), "{row}");
        }
    }
}

/// `text` as the pages write it: HTML-escaped as minijinja escapes.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// Every CSV of current figures is dated as the page is; milestones agree.
fn csvs_agree(test: &Test, seen: &Seen) {
    let plan = seen.plan();
    let as_of = seen.as_of();
    for name in [
        "objectives",
        "skills",
        "habits",
        "milestones",
        "relationships",
    ] {
        for row in csv(test, name) {
            assert_eq!(row["as_of"], as_of, "{name}.csv");
        }
    }
    let milestones = csv(test, "milestones");
    for m in plan["milestones"].as_array().expect("milestones") {
        // A milestone carried into the next quarter keeps its id: the
        // row is the one of the same id and due month.
        let row = milestones
            .iter()
            .find(|r| {
                r["id"] == m["id"].as_str().expect("id")
                    && r["due"] == m["due"].as_str().unwrap_or("")
            })
            .expect("a CSV row per milestone");
        assert_eq!(row["status"], m["status"].as_str().expect("status"));
    }
}

/// The career figures: the title held now is the same in `status`, the
/// dashboard's header and career section, each figure's readings are the
/// same in the context and `career.csv`, and pay is on the owner's
/// dashboard only, never in the summary.
fn career_agrees(test: &Test, view: &Value, plan: &Value, (html, summary): (&str, &str)) {
    let Some(career) = plan["career"].as_object() else {
        return;
    };
    let title = career["title"].as_str().expect("title");
    assert_eq!(view["role_now"], title, "status holds the title held now");
    assert!(html.contains(&format!("data-testid=\"title-now\">{}<", escaped(title))));
    assert!(html.contains(&format!("data-career=\"title\">{}<", escaped(title))));
    let rows = csv(test, "career");
    let series = career["progression"]["series"].as_array().expect("series");
    for s in series {
        let id = s["id"].as_str().expect("id");
        let points = s["points"].as_array().expect("points");
        let csv_values: Vec<&str> = rows
            .iter()
            .filter(|r| r["id"] == id)
            .map(|r| r["text"].as_str())
            .collect();
        let context_values: Vec<&str> = points
            .iter()
            .map(|p| p["text"].as_str().expect("text"))
            .collect();
        assert_eq!(csv_values, context_values, "{id} in career.csv");
        let last = points.last().expect("a reading");
        let row = element(html, &format!("data-series=\"{id}\""), "</li>");
        assert!(
            row.contains(&escaped(last["text"].as_str().expect("text"))),
            "{id}: {row}"
        );
    }
    if let Some(base) = career["base_text"].as_str() {
        assert!(html.contains(&format!("data-career=\"base\">{base}")));
        assert!(!summary.contains(base), "the summary holds the pay {base}");
    }
}

#[test]
fn the_demo_tells_one_answer_everywhere() {
    let test = Test::demo();
    every_output_agrees(&test, None);
}

#[test]
fn a_quarter_with_key_results_carried_over_tells_one_answer_everywhere() {
    // 2025-Q2 carries over two key results of 2025-Q1, under the same ids.
    let test = Test::demo();
    every_output_agrees_at(&test, None, &["--at", "2025-06-30"]);
}

#[test]
fn a_habit_serving_a_phase_tells_one_answer_everywhere() {
    // A phase is one of the goals a habit may serve: status named it, the
    // dashboard and habits.csv showed its id.
    let test = Test::demo();
    let path = test.path("plans/habits.yaml");
    let text = fs::read_to_string(&path).expect("habits.yaml");
    let text = text.replacen("serves: [", "serves: [territory-excellence, ", 1);
    let test = test.file("plans/habits.yaml", text);
    every_output_agrees(&test, None);
}

#[test]
fn a_year_without_its_year_plan_tells_one_answer_everywhere() {
    // The capabilities' targets for the year do not depend on a year
    // plan: the dashboard showed none without one, the summary showed them.
    let test = Test::demo();
    fs::remove_file(test.path("plans/years/2026.md")).expect("the 2026 plan");
    every_output_agrees(&test, None);
}

#[test]
fn a_percentage_ending_in_a_half_is_rounded_alike_everywhere() {
    // 1 of 4 articles and 0 of 1 talk: the objective is 12.5% done. The
    // terminal and the pages write it through value::percent_text (half to
    // even), not each with its own rounding.
    let test = Test::demo();
    let path = test.path("plans/quarters/2026-Q4.md");
    let text = fs::read_to_string(&path).expect("the quarter's plan");
    let text = text.replacen(
        "title: LinkedIn articles\n        target: 2",
        "title: LinkedIn articles\n        target: 4",
        1,
    );
    let test = test.file("plans/quarters/2026-Q4.md", text);
    let view = json_of(&test, &["status", "--format", "json"]);
    let objective = (view["plans"][0]["quarter"]["objectives"].as_array())
        .expect("objectives")
        .iter()
        .find(|o| o["id"] == "26q4-speaking")
        .expect("the objective");
    assert_eq!(objective["progress"], 0.125);
    let status = run(&test, &["status"]);
    run(&test, &["report"]);
    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("the dashboard");
    let summary = fs::read_to_string(test.path("dashboard/summary.html")).expect("the summary");
    let line = (status.lines())
        .find(|l| l.contains("26q4-speaking"))
        .expect("the objective's line");
    assert!(line.trim_start().starts_with("12%"), "{line}");
    let card = element(&html, "data-id=\"26q4-speaking\"", "</li>");
    assert!(card.contains("<span class=\"pct\">12%</span>"), "{card}");
    let row = element(&summary, "data-id=\"26q4-speaking\"", "</tr>");
    assert!(row.contains("<td class=\"n\">12%</td>"), "{row}");
}

#[test]
fn a_plan_with_one_broken_file_tells_one_answer_everywhere() {
    let test = Test::demo();
    let path = test.path("plans/capabilities.yaml");
    let mut text = fs::read_to_string(&path).expect("capabilities.yaml");
    text.push_str("broken: [\n");
    let test = test.file("plans/capabilities.yaml", text);
    every_output_agrees(&test, Some("plans/capabilities.yaml"));
}

#[test]
fn a_plan_edited_by_a_review_tells_one_answer_everywhere() {
    let test = Test::demo();
    let test = test.file(
        "../answers.yaml",
        "values:\n  26q4-playbook-published: 1\n  territory-revenue: 5.9M\n  26q4-sponsors: 10\n  26q4-playbook-users: 4 managers\n",
    );
    run(
        &test,
        &["review", "2026-11", "--answers", "../answers.yaml"],
    );
    let test = test.commit(TODAY, "review: 2026-11");
    every_output_agrees(&test, None);
    review_agrees(&test, "plans/reviews/2026-11.md");
}

#[test]
fn a_fresh_init_tells_one_answer_everywhere() {
    let test = Test::new()
        .file(
            "answers.yaml",
            "name: Jordan Lee\nstart: 2026\nend: 2036\nnow:\n  role: Sales Manager\n  revenue: 5M\n  team: 0\ngrowth: 15-20%\ngoal:\n  role: VP of Sales\n  revenue: 50M\n  team: 15-20\nskills:\n  sales: 6\n  leadership: 3\n  strategy: 4\n  presence: 3\n  technical: 8\n  brand: 2\n",
        )
        .git_init();
    test.roadmap(&["init", ".", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-10-20")
        .run();
    let test = test.commit("2026-10-20", "plan: written by roadmap init");
    every_output_agrees(&test, None);
}
