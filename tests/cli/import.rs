//! `roadmap import`: exports in the shape each tool writes them, imported
//! into a plan repository with commits at fixed dates.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::support::{Test, tool};

const TODAY: &str = "2026-04-20";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// `test`'s plan, committed at the end of 2025's last quarter.
fn committed(test: Test) -> Test {
    test.git_init()
        .git(&["config", "user.name", "Dana Reyes"])
        .git(&["config", "user.email", "dana@example.com"])
        .commit("2026-01-02", "plan")
}

/// The minimal plan, committed at the end of 2025's last quarter.
fn plan() -> Test {
    committed(Test::minimal())
}

/// The minimal plan with its revenue read year to date, as Salesforce's
/// report fills it.
fn ytd_plan() -> Test {
    committed(Test::minimal().edit(
        "plans/metrics.yaml",
        "    unit: USD\n",
        "    unit: USD\n    ytd: true\n",
    ))
}

fn import(test: &Test, file: &str, rules: &str, extra: &[&str]) -> super::support::Run {
    let file = fixture(file);
    let rules = fixture(rules);
    let mut args = vec!["import", file.as_str(), "--rules", rules.as_str()];
    args.extend_from_slice(extra);
    test.roadmap(&args).env("ROADMAP_TODAY", TODAY)
}

fn read(test: &Test, rel: &str) -> String {
    fs::read_to_string(test.path(rel)).expect("read a plan file")
}

#[test]
fn salesforce_report_fills_ytd_revenue_and_a_key_result() {
    let test = ytd_plan();
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply"],
    )
    .stdout_contains("2026-03  - → ")
    .run();
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(
        metrics.contains(
            "    actuals:\n      2026-01: 200500.5\n      2026-02: 200500.5\n      2026-03: 1510500.5\n      2026-04: 1609500.5\n"
        ),
        "{metrics}"
    );
    let quarter = read(&test, "plans/quarters/2026-Q1.md");
    assert!(
        quarter.contains("target: 4.5M\n        current: 1.43M\n"),
        "{quarter}"
    );
    test.roadmap(&["check"]).env("ROADMAP_TODAY", TODAY).run();
}

#[test]
fn import_of_the_same_file_twice_changes_nothing() {
    let test = ytd_plan();
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply", "--commit"],
    )
    .stdout_contains("committed")
    .run();
    let before = read(&test, "plans/metrics.yaml");
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply", "--commit"],
    )
    .stdout_contains("nothing to change: the plan already says so")
    .run();
    assert_eq!(read(&test, "plans/metrics.yaml"), before);
    let log = test
        .git_command()
        .args(["log", "--format=%s"])
        .output()
        .expect("git log");
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "import: salesforce-opportunities.csv\nplan\n"
    );
}

#[test]
fn hand_typed_reading_is_kept_without_force() {
    let test = ytd_plan();
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply"],
    )
    .run();
    let test = test.edit(
        "plans/metrics.yaml",
        "2026-02: 200500.5",
        "2026-02: 150k # from the board deck",
    );
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply"],
    )
    .stdout_contains(
        "2026-02  $150k kept (typed by hand; the export says $200500.5; --force replaces it)",
    )
    .stderr_contains("1 reading typed by hand kept")
    .run();
    assert!(read(&test, "plans/metrics.yaml").contains("2026-02: 150k # from the board deck"));
    import(
        &test,
        "salesforce-opportunities.csv",
        "salesforce.yaml",
        &["--apply", "--force"],
    )
    .run();
    assert!(read(&test, "plans/metrics.yaml").contains("2026-02: 200500.5 # from the board deck"));
}

#[test]
fn dry_run_changes_nothing_and_stdin_not_a_terminal_needs_a_choice() {
    let test = plan();
    import(&test, "hubspot-deals.csv", "hubspot.yaml", &["--dry-run"])
        .stdout_contains("2026-02  - → $0")
        .stdout_contains("2 `Deal Stage` is not Closed won (first: line 4)")
        .stdout_contains("1 revenue: no `Amount` (first: line 5)")
        .stdout_contains("dry run: nothing was changed; --apply writes 4 readings")
        .run();
    assert_eq!(
        read(&test, "plans/metrics.yaml"),
        fs::read_to_string(super::support::minimal_plans().join("metrics.yaml")).expect("fixture")
    );
    import(&test, "hubspot-deals.csv", "hubspot.yaml", &[])
        .status(2)
        .stderr_contains("stdin is not a terminal, so say what to do: --dry-run")
        .run();
}

#[test]
fn hubspot_export_sums_months_and_counts_rows() {
    let test = plan();
    import(&test, "hubspot-deals.csv", "hubspot.yaml", &["--apply"]).run();
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(
        metrics.contains(
            "    actuals:\n      2026-01: 42500.5\n      2026-02: 0\n      2026-03: 41k\n"
        ),
        "{metrics}"
    );
    assert!(read(&test, "plans/quarters/2026-Q1.md").contains("target: 2\n        current: 4\n"));
}

#[test]
fn windows_1252_and_utf16_exports_read_alike() {
    for (file, rules) in [
        ("finance-territory-cp1252.csv", "finance.yaml"),
        ("finance-territory-utf16.csv", "finance-utf16.yaml"),
    ] {
        let test = committed(Test::minimal().edit("plans/metrics.yaml", "unit: USD", "unit: EUR"));
        import(&test, file, rules, &["--apply"]).run();
        let metrics = read(&test, "plans/metrics.yaml");
        assert!(
            metrics.contains("    actuals:\n      2026-01: 1234567.5\n      2026-02: \"-12k\"\n      2026-03: 1.5M\n"),
            "{file}: {metrics}"
        );
        assert!(
            metrics.contains("    actuals:\n      2026-01: 91.5\n      2026-02: 92\n"),
            "{file}: {metrics}"
        );
    }
}

#[test]
fn windows_1252_export_without_its_encoding_says_what_to_write() {
    let test = plan();
    import(
        &test,
        "finance-territory-cp1252.csv",
        "finance-utf16.yaml",
        &["--dry-run"],
    )
    .status(2)
    .stderr_contains(
        "finance-territory-cp1252.csv:2: the export is not UTF-8 (it is probably Windows-1252",
    )
    .stderr_contains("add `encoding: windows-1252` to the rules")
    .run();
}

/// A test's own export and rules, written beside the repository.
fn own(test: &Test, name: &str, text: &str) -> String {
    let path: PathBuf = test.outside().join(name);
    fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn run_own(test: &Test, csv: &str, rules: &str) -> super::support::Run {
    let csv = own(test, "export.csv", csv);
    let rules = own(test, "rules.yaml", rules);
    test.roadmap(&["import", &csv, "--rules", &rules, "--apply"])
        .env("ROADMAP_TODAY", TODAY)
}

const RULES: &str = "date: {column: Close Date}\ninto:\n  - id: revenue\n    amount: Amount\n";

#[test]
fn missing_column_says_did_you_mean() {
    let test = plan();
    run_own(&test, "Close Date,Amont\n2026-01-05,100\n", RULES)
        .status(2)
        .stderr_contains("export.csv:1: no column `Amount` (revenue's amount) in the header: `Close Date`, `Amont`; nothing was changed\n  hint: did you mean `Amont`?")
        .run();
}

#[test]
fn unparsable_row_names_file_line_and_cell() {
    let test = plan();
    run_own(
        &test,
        "Close Date,Amount\n2026-01-05,100\n2026-01-09,TBD\n",
        RULES,
    )
    .status(2)
    .stderr_contains("export.csv:3: revenue's amount, column `Amount`: `TBD` is not an amount")
    .run();
    run_own(&test, "Close Date,Amount\nsoon,100\n", RULES)
        .status(2)
        .stderr_contains("export.csv:2: column `Close Date`: `soon` is not a date")
        .run();
    assert!(!read(&test, "plans/metrics.yaml").contains("actuals"));
}

#[test]
fn mixed_currencies_are_refused() {
    let test = plan();
    run_own(
        &test,
        "Close Date,Amount\n2026-01-05,$100\n2026-01-09,€200\n",
        RULES,
    )
    .status(2)
    .stderr_contains("export.csv:3: an amount in EUR, and `revenue` is in USD; nothing was changed")
    .run();
    let test = committed(Test::minimal().edit("plans/metrics.yaml", "unit: USD", "unit: deals"));
    run_own(
        &test,
        "Close Date,Amount\n2026-01-05,$100\n2026-01-09,EUR 200\n",
        RULES,
    )
    .status(2)
    .stderr_contains("export.csv:3: mixed currencies: an amount in EUR, and line 2 was in USD")
    .run();
}

#[test]
fn date_outside_the_plan_is_refused() {
    let test = plan();
    run_own(&test, "Close Date,Amount\n2019-06-30,100\n", RULES)
        .status(2)
        .stderr_contains("export.csv:2: column `Close Date`: `2019-06-30` is in 2019, outside the plan's years 2026-")
        .stderr_contains("hint: add `since: 2026-01-01` to the rules")
        .run();
}

#[test]
fn duplicate_rows_are_refused() {
    let test = plan();
    run_own(
        &test,
        "Id,Close Date,Amount\n1,2026-01-05,100\n2,2026-01-06,100\n1,2026-01-05,100\n",
        RULES,
    )
    .status(2)
    .stderr_contains("export.csv:4: duplicate row: the row repeats line 2")
    .run();
    run_own(
        &test,
        "Id,Close Date,Amount\n1,2026-01-05,100\n1,2026-01-06,300\n",
        &format!("key: Id\n{RULES}"),
    )
    .status(2)
    .stderr_contains("export.csv:3: duplicate row: `Id` 1 is on line 2 too")
    .run();
}

#[test]
fn empty_file_is_refused() {
    let test = plan();
    run_own(&test, "", RULES)
        .status(2)
        .stderr_contains("export.csv: the export is empty")
        .run();
    run_own(&test, "Close Date,Amount\n", RULES)
        .status(2)
        .stderr_contains("export.csv: the export has a header and no rows")
        .run();
}

#[test]
fn import_that_breaks_the_plan_is_refused_whole() {
    // A share over 100% is an error in the plan: nothing is written, not
    // even the revenue reading that is fine.
    let test = plan();
    run_own(
        &test,
        "Close Date,Amount,Retention\n2026-01-05,100,120\n",
        "date: {column: Close Date}\ninto:\n  - {id: revenue, amount: Amount}\n  - {id: retention, amount: Retention, aggregate: latest}\n",
    )
    .status(2)
    .stderr_contains("the change would make the plan invalid; nothing was changed")
    .stderr_contains("120% is not a percentage between 0 and 100")
    .run();
    assert!(!read(&test, "plans/metrics.yaml").contains("actuals"));
}

#[test]
fn ytd_metric_summed_by_month_is_refused() {
    let test = plan();
    import(&test, "salesforce-opportunities.csv", "salesforce.yaml", &["--dry-run"])
        .status(2)
        .stderr_contains("salesforce.yaml: metric `revenue` is read month by month (no `ytd: true`), and the rules add its rows up with `ytd`")
        .run();
    let test = ytd_plan();
    import(&test, "hubspot-deals.csv", "hubspot.yaml", &["--dry-run"])
        .status(2)
        .stderr_contains("metric `revenue` is read year to date (`ytd: true`), and the rules add its rows up with `sum`: use `aggregate: ytd`")
        .run();
}

#[test]
fn rules_typo_is_an_error_at_its_line() {
    let test = plan();
    run_own(
        &test,
        "Close Date,Amount\n2026-01-05,100\n",
        "date: {column: Close Date}\ninto:\n  - id: revenue\n    amonut: Amount\n",
    )
    .status(2)
    .stderr_contains("rules.yaml:4: into[0]: unknown field `amonut`")
    .run();
    run_own(
        &test,
        "Close Date,Amount\n2026-01-05,100\n",
        "date: {column: Close Date}\ninto:\n  - id: revenu\n    amount: Amount\n",
    )
    .status(2)
    .stderr_contains("`into` names `revenu`, which is no metric or key result of the plan")
    .stderr_contains("did you mean `revenue`?")
    .run();
}

#[test]
fn xlsx_export_made_by_openpyxl_is_read() {
    let python = tool(
        "python3",
        "apt-get install -y python3 python3-openpyxl (or pip install openpyxl)",
    );
    let test = plan();
    let book = test.outside().join("territory.xlsx");
    let script = format!(
        r#"
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Territory"
ws.append(["Month", "Region", "Revenue"])
ws.append([datetime.date(2026, 1, 31), "West", 410000.0])
ws.append([datetime.date(2026, 2, 28), "West", 395000.25])
ws.append([datetime.date(2026, 3, 31), "West", None])
wb.save(r"{}")
"#,
        book.display()
    );
    let out = std::process::Command::new(python)
        .args(["-c", &script])
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 with openpyxl is needed (pip install openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rules = own(
        &test,
        "rules.yaml",
        "sheet: Territory\ndate: {column: Month}\ninto:\n  - {id: revenue, amount: Revenue, aggregate: latest}\n",
    );
    test.roadmap(&[
        "import",
        &book.display().to_string(),
        "--rules",
        &rules,
        "--apply",
    ])
    .env("ROADMAP_TODAY", TODAY)
    .run();
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(
        metrics.contains("    actuals:\n      2026-01: 410k\n      2026-02: 395000.25\n"),
        "{metrics}"
    );
}

/// 200 MB of opportunities: read as a stream, in bounded memory.
#[test]
fn large_export_is_streamed_in_bounded_memory() {
    let time = Path::new("/usr/bin/time");
    assert!(time.exists(), "GNU time is needed: apt-get install -y time");
    let test = plan();
    let path = test.outside().join("big.csv");
    {
        let mut out = std::io::BufWriter::new(fs::File::create(&path).expect("create"));
        writeln!(
            out,
            "Opportunity ID,Account Name,Stage,Close Date,Amount,Description"
        )
        .expect("write");
        let filler = "x".repeat(60);
        let mut i = 0u64;
        while out.get_ref().metadata().map_or(0, |m| m.len()) < 200 << 20 {
            for _ in 0..10_000 {
                i += 1;
                let month = i % 3 + 1;
                writeln!(
                    out,
                    "0065{i:012},Account {},Closed Won,2026-0{month}-15,\"$1,000.00\",{filler}",
                    i % 977
                )
                .expect("write");
            }
            out.flush().expect("flush");
        }
    }
    let rules = own(
        &test,
        "rules.yaml",
        "date: {column: Close Date}\nkey: Opportunity ID\nwhere: {Stage: Closed Won}\ninto:\n  - {id: revenue, amount: Amount}\n",
    );
    let out = test
        .command("timeout")
        .args(["600", "/usr/bin/time", "-f", "maxrss=%M"])
        .arg(super::support::BIN)
        .args([
            "import",
            &path.display().to_string(),
            "--rules",
            &rules,
            "--dry-run",
        ])
        .env("ROADMAP_TODAY", TODAY)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let rss: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("maxrss="))
        .and_then(|v| v.trim().parse().ok())
        .expect("max RSS");
    // The file is 200 MB; the import holds one row and a hash per row.
    println!("200 MB export: max RSS {rss} kB");
    assert!(rss < 120_000, "max RSS {rss} kB");
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/import")
        .join(name)
        .display()
        .to_string()
}

/// The three examples of docs/import.md agree with every reading the demo
/// has and add November's.
#[test]
fn documented_examples_agree_with_the_demo_and_add_november() {
    use super::support::DEMO_TODAY;
    let test = Test::demo();
    for (csv, rules, new) in [
        (
            "salesforce-opportunities.csv",
            "salesforce.yaml",
            "2026-11  - → $4.24M",
        ),
        ("hubspot-deals.csv", "hubspot.yaml", "2026-11  - → $5.88M"),
        ("finance-territory.csv", "finance.yaml", "2026-11  - → 97%"),
    ] {
        let out = test
            .roadmap(&[
                "import",
                &example(csv),
                "--rules",
                &example(rules),
                "--apply",
            ])
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .stdout_contains(new)
            .run();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("2026-10  - →"), "{csv}: {stdout}");
        assert!(stdout.contains("2026-10  "), "{csv}: {stdout}");
    }
    let metrics = read(&test, "plans/metrics.yaml");
    for line in [
        "2026-11: 4.24M",
        "2026-11: 5.88M",
        "2026-11: 97%",
        "2026-11: 20.5%",
    ] {
        assert!(metrics.contains(line), "{line}: {metrics}");
    }
    test.roadmap(&["check"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
}

#[test]
fn review_import_fills_the_months_values_from_the_export() {
    use super::support::DEMO_TODAY;
    let test = Test::demo().file("../answers.yaml", "values:\n  territory-revenue: 5.9M\n");
    test.roadmap(&[
        "review",
        "2026-11",
        "--answers",
        "../answers.yaml",
        "--import",
        &example("salesforce-opportunities.csv"),
        "--rules",
        &example("salesforce.yaml"),
    ])
    .env("ROADMAP_TODAY", DEMO_TODAY)
    .stderr_contains(
        "note: 26q4-new-business 2026-Q4: kept the value typed by hand; the export says 790k",
    )
    .run();
    let metrics = read(&test, "plans/metrics.yaml");
    assert!(metrics.contains("2026-11: 4.24M"), "{metrics}");
    assert!(metrics.contains("2026-11: 5.9M"), "{metrics}");
    assert!(test.path("plans/reviews/2026-11.md").exists());
    // The review's reading is the import's: importing again changes nothing.
    test.roadmap(&[
        "import",
        &example("salesforce-opportunities.csv"),
        "--rules",
        &example("salesforce.yaml"),
        "--dry-run",
    ])
    .env("ROADMAP_TODAY", DEMO_TODAY)
    .stdout_contains("2026-11  $4.24M (unchanged)")
    .run();
}

/// The rules schema `roadmap schema` writes takes the documented examples
/// and refuses a misspelt key, in a real validator.
#[test]
fn rules_schema_takes_the_examples_and_refuses_a_typo() {
    let validator = tool("check-jsonschema", "pip install check-jsonschema==0.33.2");
    let test = Test::new();
    test.roadmap(&["schema", "--out", "schemas"]).run();
    let schema = test.path("schemas/import-rules.schema.json");
    let typo = own(
        &test,
        "typo.yaml",
        "date: {column: Close Date}\ninto:\n  - {id: revenue, amonut: Amount}\n",
    );
    let run = |files: &[String]| {
        std::process::Command::new(&validator)
            .arg("--schemafile")
            .arg(&schema)
            .args(files)
            .output()
            .expect("run check-jsonschema")
    };
    let examples: Vec<String> = ["salesforce.yaml", "hubspot.yaml", "finance.yaml"]
        .iter()
        .map(|f| example(f))
        .collect();
    let good = run(&examples);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
    let bad = run(&[typo]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stdout).contains("amonut"),
        "{}",
        String::from_utf8_lossy(&bad.stdout)
    );
}

/// The shell completions offer the command and its flags.
#[test]
fn completions_offer_import_and_its_flags() {
    let test = Test::minimal();
    let offered = |words: &[&str]| -> String {
        let mut args = vec!["--", "roadmap"];
        args.extend(words);
        let out = test
            .roadmap(&args)
            .env("COMPLETE", "fish")
            .stdout_contains("")
            .run();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(offered(&["imp"]).contains("import"));
    let flags = offered(&["import", "x.csv", "--"]);
    for flag in [
        "--rules",
        "--dry-run",
        "--apply",
        "--force",
        "--commit",
        "--as-of",
        "--person",
    ] {
        assert!(
            flags.lines().any(|l| l.starts_with(flag)),
            "{flag}: {flags}"
        );
    }
    let review = offered(&["review", "--"]);
    assert!(
        review.lines().any(|l| l.starts_with("--import")),
        "{review}"
    );
}

#[test]
fn review_with_an_export_that_does_not_read_changes_nothing() {
    use super::support::DEMO_TODAY;
    let test = Test::demo().file("../answers.yaml", "values:\n  territory-revenue: 5.9M\n");
    let rules = own(
        &test,
        "rules.yaml",
        "date: {column: Closed}\ninto: [{id: new-business, amount: Amount, aggregate: ytd}]\n",
    );
    test.roadmap(&[
        "review",
        "2026-11",
        "--answers",
        "../answers.yaml",
        "--import",
        &example("salesforce-opportunities.csv"),
        "--rules",
        &rules,
    ])
    .env("ROADMAP_TODAY", DEMO_TODAY)
    .status(2)
    .stderr_contains("salesforce-opportunities.csv:4: no column `Closed` (the date) in the header: `Opportunity ID`, `Opportunity Name`")
    .run();
    assert!(!test.path("plans/reviews/2026-11.md").exists());
    assert!(!read(&test, "plans/metrics.yaml").contains("2026-11:"));
}
