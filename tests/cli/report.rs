//! `roadmap report` over real repositories: the demo's 22 monthly commits
//! (`roadmap demo`), run through the real binary. Every written file, the
//! CSV exports read back with a CSV reader, escaping of hostile plan text,
//! byte-identical output, a broken template override that must leave the
//! previous report whole, and output folders that must be refused.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use super::support::{Test, csv_table};

struct Demo {
    test: Test,
}

impl Demo {
    /// `roadmap demo` in a fresh temporary folder.
    fn new() -> Self {
        let demo = Demo {
            test: Test::named("demo"),
        };
        let out = demo.run(&["demo", "."]);
        assert!(out.status.success(), "demo: {}", stderr(&out));
        demo
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.test.path(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        self.test.write(rel, text);
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        self.test.replace(rel, from, to);
    }

    fn run(&self, args: &[&str]) -> Output {
        self.test.roadmap(args).output()
    }

    /// `roadmap report` with `args`, which must succeed.
    fn report(&self, args: &[&str]) -> Output {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(out.status.success(), "report {args:?}: {}", stderr(&out));
        out
    }

    fn context(&self) -> Value {
        let out = self.report(&["--context"]);
        serde_json::from_slice(&out.stdout).expect("context is JSON")
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` and its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The repository's files outside `.git` (whose history cache any command
/// may refresh).
fn worktree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(root)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(".git/"))
        .collect()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let (header, rows) = csv_table(&fs::read(path).expect("read a CSV file"));
    let rows = rows
        .into_iter()
        .map(|row| row.into_iter().collect())
        .collect();
    (header, rows)
}

fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    key: &str,
    value: &str,
) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r.get(key).map(String::as_str) == Some(value))
        .unwrap_or_else(|| panic!("no row with {key} = {value}"))
}

const CSVS: [&str; 8] = [
    "objectives",
    "key-results",
    "metrics",
    "skills",
    "habits",
    "milestones",
    "relationships",
    "reviews",
];

#[test]
fn every_output_file_is_written() {
    let demo = Demo::new();
    let out = demo.report(&[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("as of 2026-10-31"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let mut expected: Vec<String> = vec![
        ".roadmap-report".into(),
        "summary.html".into(),
        "templates.html".into(),
    ];
    if Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/report/index.html")
        .is_file()
    {
        expected.push("index.html".into());
    }
    for kind in [
        "month-review",
        "quarter-review",
        "quarter",
        "year-review",
        "year",
    ] {
        expected.push(format!("templates/{kind}.md"));
    }
    for name in CSVS {
        expected.push(format!("csv/{name}.csv"));
    }
    let written = tree(&demo.path("dashboard"));
    for file in &expected {
        let bytes = written
            .get(file)
            .unwrap_or_else(|| panic!("dashboard/{file} missing"));
        assert!(!bytes.is_empty(), "dashboard/{file} is empty");
    }
    let summary = demo.read("dashboard/summary.html");
    for text in [
        "Alex Morgan",
        "Territory Excellence &amp; Foundation",
        "2026 targets",
        "2026-Q4 objectives",
        "$5.36M",
        "@page",
    ] {
        assert!(summary.contains(text), "summary.html lacks {text:?}");
    }
    assert!(!summary.contains("http://") && !summary.contains("https://"));
    let templates = demo.read("dashboard/templates.html");
    for text in [
        "Monthly review",
        "Quarterly review",
        "Quarterly planning",
        "Annual strategic planning",
        "What did I accomplish this month?",
    ] {
        assert!(templates.contains(text), "templates.html lacks {text:?}");
    }
    let monthly = demo.read("dashboard/templates/month-review.md");
    assert!(monthly.starts_with("---\n"), "{monthly}");
    assert!(monthly.contains("## What did I accomplish this month?"));
}

/// A report's CSV by name: its header and rows.
type CsvOf<'a> = dyn Fn(&str) -> (Vec<String>, Vec<BTreeMap<String, String>>) + 'a;

/// The objectives and key results of the example plan, as their CSVs hold them.
fn plan_rows_agree(csv: &CsvOf<'_>) {
    let (header, objectives) = csv("objectives");
    assert_eq!(
        header,
        [
            "person", "as_of", "id", "level", "period", "year", "category", "title", "status",
            "progress", "pace", "supports", "metric", "target", "current", "unit"
        ]
    );
    let y26 = row(&objectives, "id", "y26-exceed-quota");
    assert_eq!(y26["as_of"], "2026-10-31");
    assert_eq!(y26["level"], "year");
    assert_eq!(y26["category"], "revenue");
    assert_eq!(y26["metric"], "territory-revenue");
    assert_eq!(y26["target"], "6850000");
    let q4 = row(&objectives, "id", "26q4-close-gap");
    assert_eq!(
        (q4["period"].as_str(), q4["supports"].as_str()),
        ("2026-Q4", "y26-exceed-quota")
    );

    let (_, krs) = csv("key-results");
    let kr = row(&krs, "id", "26q4-revenue-quarter");
    assert_eq!(
        (
            kr["current"].as_str(),
            kr["target"].as_str(),
            kr["unit"].as_str()
        ),
        ("540000", "1750000", "USD")
    );
}

/// The example's revenue readings in `metrics.csv`, oldest first.
fn metric_rows_run_oldest_first(csv: &CsvOf<'_>) {
    let (header, metrics) = csv("metrics");
    assert_eq!(
        header,
        [
            "person", "date", "id", "name", "period", "value", "unit", "target", "commit"
        ]
    );
    let revenue: Vec<&BTreeMap<String, String>> = metrics
        .iter()
        .filter(|r| r["id"] == "territory-revenue")
        .collect();
    assert!(revenue.len() >= 22, "{} revenue rows", revenue.len());
    let october = revenue
        .iter()
        .rev()
        .find(|r| r["period"] == "2026-10")
        .expect("October 2026 reading");
    assert_eq!(
        (
            october["date"].as_str(),
            october["value"].as_str(),
            october["target"].as_str()
        ),
        ("2026-10-31", "5360000", "6850000")
    );
    assert_eq!(october["commit"].len(), 40);
    let mut dates: Vec<&str> = revenue.iter().map(|r| r["date"].as_str()).collect();
    let sorted = {
        let mut d = dates.clone();
        d.sort_unstable();
        d
    };
    assert_eq!(dates, sorted, "metric rows run oldest first");
    dates.dedup();
}

#[test]
fn csv_exports_parse_with_the_example_plans_rows() {
    let demo = Demo::new();
    demo.report(&["--out", "site"]);
    let csv = |name: &str| csv_rows(&demo.path(&format!("site/csv/{name}.csv")));

    plan_rows_agree(&csv);
    metric_rows_run_oldest_first(&csv);

    let (_, skills) = csv("skills");
    assert_eq!(skills.len(), 6);
    let sales = row(&skills, "id", "sales-excellence");
    assert_eq!(
        (
            sales["level"].as_str(),
            sales["target"].as_str(),
            sales["final_target"].as_str()
        ),
        ("7", "8", "10")
    );

    let (_, habits) = csv("habits");
    let thinking = row(&habits, "id", "strategic-thinking-time");
    assert_eq!(thinking["cadence"], "workdays");
    assert_eq!(thinking["minutes"], "30");
    assert!(thinking["checkins"].parse::<u32>().expect("number") > 400);

    let (_, milestones) = csv("milestones");
    let intel = row(&milestones, "id", "p1-customer-intel");
    assert_eq!(
        (
            intel["status"].as_str(),
            intel["done"].as_str(),
            intel["due"].as_str()
        ),
        ("done", "2025-06-27", "2025")
    );

    let (_, relationships) = csv("relationships");
    let peers = row(&relationships, "id", "national-peers");
    assert_eq!(
        (
            peers["circle"].as_str(),
            peers["target"].as_str(),
            peers["current"].as_str()
        ),
        ("internal", "5", "4")
    );
    // A comma inside a field is quoted, and reads back whole.
    assert_eq!(
        row(&relationships, "id", "regional-director")["people"],
        "Regional Sales Director, West"
    );

    let (_, reviews) = csv("reviews");
    let october = row(&reviews, "period", "2026-10");
    assert_eq!(
        (
            october["kind"].as_str(),
            october["as_of"].as_str(),
            october["on_track"].as_str()
        ),
        ("month-review", "2026-10-31", "partly")
    );
    assert_eq!(row(&reviews, "period", "2026-Q3")["kind"], "quarter-review");
    assert_eq!(row(&reviews, "period", "2025")["kind"], "year-review");

    // RFC 4180: CRLF line ends.
    let raw = demo.read("site/csv/skills.csv");
    assert!(raw.starts_with("person,as_of,id,name,area,level,target,final_target,pace\r\n"));
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

#[test]
fn hostile_titles_show_as_text() {
    let demo = Demo::new();
    demo.edit(
        "plans/quarters/2026-Q4.md",
        "title: Strongest quarter of the year - close as much of the revenue gap as possible",
        "title: \"<script>alert(1)</script>\"",
    );
    demo.edit(
        "plans/years/2026.md",
        "title: Raise territory market share to 21%",
        "title: '\"><img src=x onerror=alert(1)>'",
    );
    demo.edit(
        "plans/vision.md",
        "name: Alex Morgan",
        "name: \"Alex <b>Morgan</b> & Co\"",
    );
    demo.report(&[]);

    for page in ["summary.html", "templates.html", "index.html"] {
        let path = demo.path(&format!("dashboard/{page}"));
        if page == "index.html" && !path.exists() {
            continue;
        }
        let html = demo.read(&format!("dashboard/{page}"));
        assert!(!html.contains(SCRIPT), "{page} holds a live script tag");
        assert!(!html.contains("<img src=x"), "{page} holds a live img tag");
        assert!(!html.contains("<b>Morgan"), "{page} holds a live b tag");
    }
    let summary = demo.read("dashboard/summary.html");
    assert!(
        summary.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "summary.html"
    );
    assert!(summary.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(summary.contains("Alex &lt;b&gt;Morgan&lt;&#x2f;b&gt; &amp; Co"));

    // CSV holds the text itself, quoted as needed.
    let (_, objectives) = csv_rows(&demo.path("dashboard/csv/objectives.csv"));
    assert_eq!(row(&objectives, "id", "26q4-close-gap")["title"], SCRIPT);
    assert_eq!(row(&objectives, "id", "y26-market-share")["title"], IMG);

    // The JSON context holds it exactly, as a string.
    let context = demo.context();
    let plan = &context["plans"][0];
    assert_eq!(plan["name"], "Alex <b>Morgan</b> & Co");
    let titles: Vec<&str> = plan["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    assert!(titles.contains(&SCRIPT) && titles.contains(&IMG));
}

#[test]
fn the_same_repository_gives_the_same_bytes() {
    let demo = Demo::new();
    demo.report(&["--out", "one"]);
    demo.report(&["--out", "two"]);
    // A second run over the first report replaces it with the same bytes.
    demo.report(&["--out", "one"]);
    let one = tree(&demo.path("one"));
    let two = tree(&demo.path("two"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between runs");
    }
    let first = demo.report(&["--context"]).stdout;
    let second = demo.report(&["--context"]).stdout;
    assert_eq!(first, second);
}

#[test]
fn a_broken_override_fails_and_leaves_the_previous_report_whole() {
    let demo = Demo::new();
    demo.report(&[]);
    let before = tree(&demo.path("dashboard"));
    demo.write(
        "templates/report/summary.html",
        "<!DOCTYPE html>\n<p>{{ plans[0].name }}</p>\n<p>{{ plans[0].no_such_field.value }}</p>\n",
    );
    let out = demo.run(&["report"]);
    // The repository's own template: an environment error.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("templates/report/summary.html:3:"), "{err}");
    assert!(err.contains("undefined"), "{err}");
    assert_eq!(
        tree(&demo.path("dashboard")),
        before,
        "the previous report changed"
    );
    let leftovers: Vec<String> = fs::read_dir(demo.path(""))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dashboard"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");

    // Fixed, the override replaces the built-in summary.
    demo.write(
        "templates/report/summary.html",
        "<p>{{ plans[0].name }} at {{ plans[0].status.overall.percent|round|int }}%</p>\n",
    );
    demo.report(&[]);
    assert_eq!(
        demo.read("dashboard/summary.html"),
        "<p>Alex Morgan at 17%</p>\n"
    );
}

#[test]
fn a_syntax_error_in_an_override_names_its_line() {
    let demo = Demo::new();
    demo.write(
        "templates/report/templates.html",
        "<ul>\n{% for plan in plans %}\n<li>{{ plan.name }}\n",
    );
    let out = demo.run(&["report"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("templates/report/templates.html:"), "{err}");
    assert!(!demo.path("dashboard").exists(), "nothing is written");
}

#[test]
fn hostile_output_folders_are_refused() {
    let demo = Demo::new();
    demo.report(&["--context"]);
    demo.write("notes.txt", "mine\n");
    demo.write("docs/keep.md", "mine\n");
    demo.write("templates/README.md", "mine\n");
    let before = worktree(&demo.path(""));
    let outside: Vec<_> = fs::read_dir(demo.test.outside())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    for (out, why) in [
        (".", "holds the plan repository"),
        ("..", "holds the plan repository"),
        ("plans", "inside the repository's plans/"),
        ("plans/reports", "inside the repository's plans/"),
        (".git", "inside the repository's .git/"),
        (".git/reports", "inside the repository's .git/"),
        ("templates", "inside the repository's templates/"),
        ("notes.txt", "is a file"),
        ("docs", "not empty"),
        ("docs/../plans/../../demo", "holds the plan repository"),
    ] {
        let result = demo.run(&["report", "--out", out]);
        assert_eq!(
            result.status.code(),
            Some(2),
            "--out {out}: {}",
            stderr(&result)
        );
        let err = stderr(&result);
        assert!(
            err.contains("refusing to write the report"),
            "--out {out}: {err}"
        );
        assert!(err.contains(why), "--out {out}: {err}");
    }
    assert_eq!(
        worktree(&demo.path("")),
        before,
        "a refused report changed files"
    );
    let after: Vec<_> = fs::read_dir(demo.test.outside())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        after, outside,
        "a refused report wrote beside the repository"
    );

    // An empty folder and a previous report are fine.
    fs::create_dir_all(demo.path("empty")).expect("mkdir");
    demo.report(&["--out", "empty"]);
    demo.report(&["--out", "empty"]);
    assert!(demo.path("empty/.roadmap-report").is_file());
}

#[test]
fn the_context_holds_the_figures_status_shows() {
    let demo = Demo::new();
    let status = demo.run(&["status", "--at", "2026-10-31", "--format", "json"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let status: Value = serde_json::from_slice(&status.stdout).expect("status JSON");
    let context: Value =
        serde_json::from_slice(&demo.report(&["--context", "--at", "2026-10-31"]).stdout)
            .expect("context JSON");
    assert_eq!(context["as_of"], "2026-10-31");
    assert_eq!(context["today"], "2026-10-31");
    assert_eq!(status["plans"][0]["problems"], serde_json::json!([]));
    assert_eq!(context["plans"][0]["status"], status["plans"][0]);

    // Without --at, the figures are as of the plan's last update, not the
    // clock's day.
    let context = demo.context();
    assert_eq!(context["as_of"], "2026-10-31");
    let plan = &context["plans"][0];
    let revenue = plan["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["id"] == "territory-revenue")
        .expect("revenue");
    assert_eq!(revenue["actual_text"], "$5.36M");
    assert_eq!(revenue["now"]["pace"], "behind");
    let trajectory = revenue["trajectory"].as_array().expect("trajectory");
    assert_eq!(trajectory[0]["year"], 2024);
    assert_eq!(trajectory[1]["actual"], 6_020_000.0);
    assert_eq!(plan["review"]["period"], "2026-10");
    assert!(
        plan["review"]["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .any(|s| s["heading"] == "What's ahead of target? Behind target?")
    );
    let calendar = plan["habits"][0]["calendar"].as_array().expect("calendar");
    assert_eq!(calendar.last().expect("a day")["date"], "2026-10-31");
    assert_eq!(calendar.len(), 371);
}

/// A team repository from the demo's plan: `plans/alice/` is the demo's
/// plan, `plans/bob/` the same plan under another name and with lower
/// revenue, in two commits at fixed dates.
fn team() -> Demo {
    let demo = Demo::new();
    let plans = demo.path("plans");
    let mut test = demo.test.move_to("team");
    for person in ["alice", "bob"] {
        test = test.tree(&plans, &format!("plans/{person}"));
    }
    let test = test
        .edit(
            "plans/bob/vision.md",
            "name: Alex Morgan",
            "name: Bo Lindqvist",
        )
        .git_init()
        .commit("2026-09-30T12:00:00Z", "Team plans")
        .edit("plans/bob/metrics.yaml", "2026-10: 5.36M", "2026-10: 4.10M")
        .commit("2026-10-31T12:00:00Z", "Bob's October");
    Demo { test }
}

#[test]
fn a_team_repository_rolls_every_person_up() {
    let team = team();
    let context = team.context();
    let plans = context["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), 2);
    let rows = context["team"]["people"].as_array().expect("team rows");
    assert_eq!(rows.len(), 2);
    let mut actual = 0.0;
    let mut target = 0.0;
    let mut percent = 0.0;
    let mut behind = 0;
    let mut responsibility = 0.0;
    // The rows come in attention order, not the plans' order.
    let row_of = |person: &serde_json::Value| {
        rows.iter()
            .find(|r| r["person"] == *person)
            .expect("a row per plan")
    };
    for plan in plans {
        let row = row_of(&plan["person"]);
        assert_eq!(row["name"], plan["name"]);
        assert_eq!(row["percent"], plan["status"]["overall"]["percent"]);
        assert_eq!(row["quarter"], plan["status"]["quarter"]["progress"]);
        let n = plan["status"]["behind"].as_array().expect("behind").len();
        assert_eq!(row["behind"], n);
        behind += n;
        let revenue = plan["metrics"]
            .as_array()
            .expect("metrics")
            .iter()
            .find(|m| m["kind"] == "revenue")
            .expect("a revenue metric");
        assert_eq!(row["revenue_actual_text"], revenue["actual_text"]);
        assert_eq!(row["revenue_pace"], revenue["now"]["pace"]);
        actual += revenue["now"]["actual"].as_f64().expect("actual");
        target += revenue["now"]["target"].as_f64().expect("target");
        responsibility += plan["career"]["revenue"].as_f64().expect("responsibility");
        assert_eq!(row["responsibility"], plan["career"]["revenue"]);
        percent += plan["status"]["overall"]["percent"]
            .as_f64()
            .expect("percent");
    }
    assert_eq!(plans[1]["name"], "Bo Lindqvist");
    assert_eq!(row_of(&plans[0]["person"])["revenue_actual_text"], "$5.36M");
    assert_eq!(row_of(&plans[1]["person"])["revenue_actual_text"], "$4.1M");
    assert_eq!(context["team"]["revenue_month"], "2026-10");
    let team_view = &context["team"];
    assert_eq!(team_view["revenue_actual"].as_f64(), Some(actual));
    assert_eq!(team_view["revenue_actual_text"], "$9.46M");
    assert_eq!(team_view["revenue_target"].as_f64(), Some(target));
    assert!((team_view["average_percent"].as_f64().expect("average") - percent / 2.0).abs() < 1e-9);
    assert_eq!(team_view["behind"], behind);
    assert_eq!(team_view["responsibility"].as_f64(), Some(responsibility));

    // One dashboard page per person, each linked from the overview.
    team.report(&[]);
    let index = team.read("dashboard/index.html");
    assert!(index.contains("Team overview"));
    assert!(index.contains("people/bob.html"));
    let bob = team.read("dashboard/people/bob.html");
    assert!(bob.contains("<title>Bo Lindqvist: career roadmap dashboard</title>"));
    assert!(bob.contains("../people/alice.html"));
    let summary = team.read("dashboard/summary.html");
    assert_eq!(summary.matches("<main class=\"page\"").count(), 2);
}

#[test]
fn a_single_plan_has_no_team_overview() {
    let demo = Demo::new();
    assert!(demo.context()["team"].is_null());
}

#[test]
fn an_override_reads_every_person_s_plan_from_every_page_and_the_summary_no_pay() {
    let team = team();
    let context = team.context();
    let plans = context["plans"].as_array().expect("plans");
    // What a page reads of each person: figures, the private income goal,
    // and every field of the plan when it is walked.
    let line = "{% for q in plans %}{{ q.person }} {{ q.name }} {{ q.status.overall.percent }} \
                {% if q.vision.income is none %}hidden{% else %}shown{% endif %} \
                {{ q | list | length }};{% endfor %}\
                {{ plans | length }} {{ plans[current or 0].person }}\n";
    team.write("templates/report/index.html", line);
    team.write("templates/report/summary.html", line);
    team.report(&[]);
    let expected = |income: &str, page: &str| {
        let people: Vec<String> = plans
            .iter()
            .map(|q| {
                let keys = q.as_object().expect("a plan is an object").len();
                format!(
                    "{} {} {} {income} {keys};",
                    q["person"].as_str().expect("person"),
                    q["name"].as_str().expect("name"),
                    q["status"]["overall"]["percent"],
                )
            })
            .collect();
        format!("{}{} {page}\n", people.concat(), plans.len())
    };
    assert!(plans.iter().all(|q| !q["vision"]["income"].is_null()));
    assert_eq!(
        team.read("dashboard/index.html"),
        expected("shown", "alice")
    );
    assert_eq!(
        team.read("dashboard/people/bob.html"),
        expected("shown", "bob")
    );
    // The page handed to others reads every plan without the pay.
    assert_eq!(
        team.read("dashboard/summary.html"),
        expected("hidden", "alice")
    );
}

#[test]
fn a_milestone_done_without_a_date_is_dated_when_the_plan_first_said_so_cold_and_cached() {
    let demo = Demo::new();
    let test = demo
        .test
        .edit(
            "plans/strategy.yaml",
            "status: active          # 2025: 119% of quota; 2026: 108% year to date",
            "status: done",
        )
        .edit(
            "plans/strategy.yaml",
            "as_of: 2026-10-31",
            "as_of: 2026-11-20",
        )
        .commit("2026-11-20T12:00:00Z", "Quota exceeded two years running");
    let demo = Demo { test };
    // Read from the history's events: replayed, then from the cache.
    for run in ["replayed", "cached"] {
        let context = demo.context();
        let milestone = context["plans"][0]["milestones"]
            .as_array()
            .expect("milestones")
            .iter()
            .find(|m| m["id"] == "p1-exceed-quota")
            .expect("the milestone")
            .clone();
        assert_eq!(milestone["done"], "2026-11-20", "{run}: {milestone}");
        assert_eq!(milestone["status"], "done", "{run}: {milestone}");
    }
}

#[test]
fn an_override_reads_every_quarter_s_drill_down_points_as_the_context_has_them() {
    let demo = Demo::new();
    let context = demo.context();
    let drill = &context["plans"][0]["drill"];
    // Every key result of every quarter, each point's fields by name, the
    // points counted, indexed and walked twice, as the built-in page does.
    let line = "{% for kd in plans[0].drill.key_results %}{{ kd.id }} {{ kd.period }} \
                {{ kd.points | length }} {% if kd.points %}{{ kd.points[0] | list | length }} \
                {{ kd.points[-1].date }}{% endif %} \
                {% for pt in kd.points %}{{ pt.date }}={{ pt.text }}@{{ pt.short }},{% endfor %}\
                {% for pt in kd.points %}{{ pt.value }}{% endfor %};{% endfor %}\
                {% for md in plans[0].drill.metrics %}{{ md.id }} {{ md.readings | length }};{% endfor %}\n";
    demo.write("templates/report/index.html", line);
    demo.report(&[]);
    let points = |series: &Value| -> Vec<Value> { series.as_array().expect("points").clone() };
    let mut expected = String::new();
    for kd in drill["key_results"].as_array().expect("key results") {
        let pts = points(&kd["points"]);
        let first = match (pts.first(), pts.last()) {
            (Some(first), Some(last)) => format!(
                "{} {}",
                first.as_object().expect("a point").len(),
                last["date"].as_str().expect("date")
            ),
            _ => String::new(),
        };
        let mut walked = String::new();
        for p in &pts {
            let _ = write!(
                walked,
                "{}={}@{},",
                p["date"].as_str().expect("date"),
                p["text"].as_str().expect("text"),
                p["short"].as_str().expect("short")
            );
        }
        let values: String = pts.iter().map(|p| p["value"].to_string()).collect();
        let _ = write!(
            expected,
            "{} {} {} {first} {walked}{values};",
            kd["id"].as_str().expect("id"),
            kd["period"].as_str().expect("period"),
            pts.len()
        );
    }
    for md in drill["metrics"].as_array().expect("metrics") {
        let _ = write!(
            expected,
            "{} {};",
            md["id"].as_str().expect("id"),
            points(&md["readings"]).len()
        );
    }
    let quarters: std::collections::BTreeSet<&str> = drill["key_results"]
        .as_array()
        .expect("key results")
        .iter()
        .filter(|kd| !points(&kd["points"]).is_empty())
        .filter_map(|kd| kd["period"].as_str())
        .collect();
    assert!(
        quarters.len() > 2,
        "points in several quarters: {quarters:?}"
    );
    assert_eq!(demo.read("dashboard/index.html"), expected);
}
