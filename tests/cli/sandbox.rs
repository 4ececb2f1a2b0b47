//! A plan repository cloned from someone else: its templates must not read
//! the machine's files, run forever or fill the memory, and its titles must
//! not run as formulas in the spreadsheet that opens the CSV exports.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use super::support::{DEMO_TODAY, Test, csv_rows};

/// A committed minimal plan with a report already written: the last good
/// report every failing run must leave as it is.
fn reported() -> Test {
    let test = Test::minimal().git_init().commit("2026-03-31", "plan");
    test.roadmap(&["report", "-q"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    test
}

/// Every file of the report folder and its bytes.
fn dashboard(test: &Test) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read the report folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, base, into);
            } else {
                let rel = path.strip_prefix(base).expect("inside");
                into.insert(
                    rel.display().to_string(),
                    fs::read(&path).expect("a report file"),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    let root = test.path("dashboard");
    walk(&root, &root, &mut files);
    files
}

/// The report folder is the last good one and nothing was left beside it.
fn untouched(test: &Test, before: &BTreeMap<String, Vec<u8>>) {
    assert!(dashboard(test) == *before, "the previous report changed");
    let strays: Vec<_> = fs::read_dir(test.path(""))
        .expect("the repository folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(".dashboard."))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

/// The built-in summary with `line` put on top: an override that renders.
fn summary_with(line: &str) -> String {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/report/summary.html");
    format!(
        "{line}\n{}",
        fs::read_to_string(builtin).expect("the built-in summary")
    )
}

fn report(test: &Test) -> super::support::Run {
    test.roadmap(&["report"]).env("ROADMAP_TODAY", DEMO_TODAY)
}

#[test]
fn template_symlink_to_a_system_file_is_refused() {
    let test = reported();
    let before = dashboard(&test);
    let test = test.file(
        "templates/report/summary.html",
        summary_with(r#"{% include "report/pw.html" %}"#),
    );
    symlink("/etc/passwd", test.path("templates/report/pw.html")).expect("a link");
    let out = report(&test)
        .status(2)
        .stderr_contains("templates/report/pw.html: refused: it is a symbolic link; a template must be a regular file inside templates/")
        .stderr_contains("(included by templates/report/summary.html:1)")
        .run();
    let passwd = fs::read_to_string("/etc/passwd").expect("/etc/passwd");
    let first = passwd.lines().next().expect("a line");
    assert!(!String::from_utf8_lossy(&out.stderr).contains(first));
    untouched(&test, &before);
}

#[test]
fn template_symlink_to_the_environment_is_refused() {
    let test = reported();
    let before = dashboard(&test);
    fs::create_dir_all(test.path("templates/report")).expect("templates/report/");
    symlink(
        "/proc/self/environ",
        test.path("templates/report/summary.html"),
    )
    .expect("a link");
    let out = report(&test)
        .env("ROADMAP_SECRET", "do-not-embed-me")
        .status(2)
        .stderr_contains("templates/report/summary.html: refused: it is a symbolic link")
        .run();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("do-not-embed-me"));
    untouched(&test, &before);
}

#[test]
fn template_reached_through_a_linked_folder_is_refused() {
    let test = reported();
    let before = dashboard(&test);
    let elsewhere = test.outside().join("elsewhere");
    fs::create_dir_all(&elsewhere).expect("a folder");
    fs::write(elsewhere.join("summary.html"), "borrowed\n").expect("a template");
    fs::create_dir_all(test.path("templates")).expect("templates/");
    symlink(&elsewhere, test.path("templates/report")).expect("a link");
    report(&test)
        .status(2)
        .stderr_contains(".html: refused: templates/report is a symbolic link")
        .run();
    untouched(&test, &before);

    // The templates/ folder itself a link: refused as well.
    fs::remove_file(test.path("templates/report")).expect("remove the link");
    fs::remove_dir(test.path("templates")).expect("remove templates/");
    symlink(test.outside(), test.path("templates")).expect("a link");
    report(&test)
        .status(2)
        .stderr_contains("refused: templates/ itself is a symbolic link; make it a real folder")
        .run();
    untouched(&test, &before);
}

#[test]
fn template_link_a_built_in_template_includes_is_the_repository_s_error() {
    let test = reported();
    let before = dashboard(&test);
    fs::create_dir_all(test.path("templates/plan")).expect("templates/plan/");
    symlink("/etc/passwd", test.path("templates/plan/_review-body.md")).expect("a link");
    // Exit 2 (the repository's), not 4 (a fault of roadmap).
    report(&test)
        .status(2)
        .stderr_contains("templates/plan/_review-body.md: refused: it is a symbolic link")
        .stderr_contains("(included by built-in template plan/")
        .run();
    untouched(&test, &before);
}

#[test]
fn template_fifo_is_refused_without_waiting() {
    let test = reported();
    let before = dashboard(&test);
    let test = test.file(
        "templates/report/summary.html",
        summary_with(r#"{% include "report/pipe.html" %}"#),
    );
    let made = Command::new("mkfifo")
        .arg(test.path("templates/report/pipe.html"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    // The runner's timeout turns a hang into a failure.
    report(&test)
        .status(2)
        .stderr_contains("templates/report/pipe.html: refused: it is a FIFO, not a regular file")
        .run();
    untouched(&test, &before);
}

#[test]
fn template_include_outside_the_templates_is_not_found() {
    let test = reported();
    let before = dashboard(&test);
    fs::create_dir_all(test.path("templates/report")).expect("templates/report/");
    for name in ["../plans/vision.md", "/etc/passwd"] {
        fs::write(
            test.path("templates/report/summary.html"),
            summary_with(&format!(r#"{{% include "{name}" %}}"#)),
        )
        .expect("a template");
        report(&test)
            .status(2)
            .stderr_contains("templates/report/summary.html:1: template not found")
            .run();
        untouched(&test, &before);
    }
}

/// Runs `roadmap report` in `test` through `sh`, bounded by `timeout` and
/// by `ulimit -v` (KiB of address space).
fn bounded_report(test: &Test, memory_kib: u64) -> std::process::Output {
    let script = format!("ulimit -v {memory_kib} && exec \"$0\" report");
    test.command("timeout")
        .args(["120", "sh", "-c", &script, super::support::BIN])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .output()
        .expect("run roadmap under timeout")
}

#[test]
fn template_loop_that_never_ends_runs_out_of_fuel() {
    let test = reported();
    let before = dashboard(&test);
    let test = test.file(
        "templates/report/summary.html",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}{{ k }}{% endfor %}{% endfor %}{% endfor %}\n",
    );
    let out = bounded_report(&test, 2 << 20);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "templates/report/summary.html:1: the template does more work than any report needs"
        ),
        "{stderr}"
    );
    untouched(&test, &before);
}

#[test]
fn template_writing_gigabytes_stops_at_the_size_limit() {
    let test = reported();
    let before = dashboard(&test);
    // 10^5 x 10^5 x 100 kB: far past any limit; the address space is held
    // to 2 GiB, a sixth of what such a template once took.
    let test = test.file(
        "templates/report/summary.html",
        r#"{% for i in range(100000) %}{% for j in range(100000) %}{{ "x" * 100000 }}{% endfor %}{% endfor %}"#,
    );
    let out = bounded_report(&test, 2 << 20);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("templates/report/summary.html: the template writes more than 64 MiB"),
        "{stderr}"
    );
    untouched(&test, &before);
}

/// Text a spreadsheet would run as a formula, one of each kind OWASP names,
/// with the file and field that carries it into the plan.
const FORMULAS: [&str; 9] = [
    r#"=HYPERLINK("http://evil.example","click")"#,
    "+cmd|' /C calc'!A0",
    "-3",
    "@SUM(1+1)",
    "\tTabbed",
    "\rReturned",
    "=habit",
    "-Negotiation",
    "=Retention",
];

/// The minimal plan with a formula in every kind of title and name, a win
/// and a learning that begin with one, and a negative reading.
fn hostile_titles() -> Test {
    Test::minimal()
        .edit(
            "plans/years/2026.md",
            "title: Grow territory revenue to 5.9M",
            r#"title: '=HYPERLINK("http://evil.example","click")'"#,
        )
        .edit(
            "plans/years/2026.md",
            "title: Hire two account executives",
            r#"title: "+cmd|' /C calc'!A0""#,
        )
        .edit(
            "plans/years/2026.md",
            "title: Meet every key account's executive sponsor",
            r#"title: "-3""#,
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "title: Build a 3x pipeline",
            r#"title: "@SUM(1+1)""#,
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "title: Pipeline value",
            r#"title: "\tTabbed""#,
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "title: Offers signed",
            r#"title: "\rReturned""#,
        )
        .edit("plans/habits.yaml", "title: Read for 30 minutes", r#"title: "=habit""#)
        .edit("plans/capabilities.yaml", "name: Negotiation", r#"name: "-Negotiation""#)
        .edit("plans/metrics.yaml", "name: Customer retention", r#"name: "=Retention""#)
        .edit(
            "plans/metrics.yaml",
            "    targets:\n      2026: 90\n",
            "    targets:\n      2026: 90\n    actuals:\n      2026-02: -3\n",
        )
        .file(
            "plans/reviews/2026-03.md",
            "---\nas_of: 2026-03-31\nwins:\n  - \"=1+1 won\"\n  - title: \"@won\"\n    date: 2026-03-10\nlearnings: [\"-learned\"]\ncorrections: [\"+corrected\"]\non_track: yes\n---\n",
        )
        .git_init()
        .commit("2026-03-31", "plan")
}

/// Every cell of `bytes` read as CSV, by column name.
fn cells(bytes: &[u8]) -> Vec<(String, String)> {
    csv_rows(bytes).into_iter().flatten().collect()
}

/// The CSVs `report` and `progress --format csv` write, with `extra`
/// arguments, by name.
fn every_csv(test: &Test, extra: &[&str]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut report = vec!["report", "-q"];
    report.extend(extra);
    test.roadmap(&report).env("ROADMAP_TODAY", DEMO_TODAY).run();
    let mut all: BTreeMap<String, Vec<(String, String)>> = dashboard(test)
        .into_iter()
        .filter(|(path, _)| path.starts_with("csv/"))
        .map(|(path, bytes)| (path, cells(&bytes)))
        .collect();
    let mut progress = vec!["progress", "--format", "csv"];
    progress.extend(extra);
    let out = test
        .roadmap(&progress)
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    all.insert("progress".to_owned(), cells(&out.stdout));
    all
}

/// Where each value must appear: the CSV and its column.
const CARRIED: [(&str, &str, &str); 13] = [
    (FORMULAS[0], "csv/objectives.csv", "title"),
    (FORMULAS[1], "csv/objectives.csv", "title"),
    (FORMULAS[2], "csv/objectives.csv", "title"),
    (FORMULAS[3], "csv/objectives.csv", "title"),
    (FORMULAS[4], "csv/key-results.csv", "title"),
    (FORMULAS[5], "csv/key-results.csv", "title"),
    (FORMULAS[6], "csv/habits.csv", "title"),
    (FORMULAS[7], "csv/skills.csv", "name"),
    (FORMULAS[7], "csv/habits.csv", "serves_titles"),
    (FORMULAS[8], "csv/metrics.csv", "name"),
    ("=1+1 won", "progress", "value"),
    ("@won", "progress", "value"),
    ("-learned", "progress", "value"),
];

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralized() {
    let test = hostile_titles();
    let all = every_csv(&test, &[]);
    for (value, file, column) in CARRIED {
        let neutral = format!("'{value}");
        assert!(
            all[file].iter().any(|(c, v)| c == column && *v == neutral),
            "{file} {column} lacks {neutral:?}: {:?}",
            all[file]
        );
    }
    // No text cell anywhere begins a formula; numbers, negative ones
    // included, stay numbers.
    for (file, cells) in &all {
        for (column, value) in cells {
            let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !formula || value.parse::<f64>().is_ok(),
                "{file} {column}: {value:?}"
            );
        }
    }
    let negative = |file: &str| all[file].iter().any(|(c, v)| c == "value" && v == "-3");
    assert!(negative("csv/metrics.csv"), "{:?}", all["csv/metrics.csv"]);
    assert!(negative("progress"), "{:?}", all["progress"]);
    // The title "-3" is text: neutralized although it looks like a number.
    assert!(
        all["csv/objectives.csv"]
            .iter()
            .any(|(c, v)| c == "title" && v == "'-3")
    );
}

#[test]
fn csv_cells_are_written_raw_with_the_flag() {
    let test = hostile_titles();
    let all = every_csv(&test, &["--raw-csv"]);
    for (value, file, column) in CARRIED {
        assert!(
            all[file].iter().any(|(c, v)| c == column && v == value),
            "{file} {column} lacks {value:?}: {:?}",
            all[file]
        );
    }
    assert!(
        all.values().flatten().all(|(_, v)| !v.starts_with('\'')),
        "a quote was added"
    );
}
