//! A plan repository cloned from someone else: its templates must not read
//! the machine's files, run forever or fill the memory, and its titles must
//! not run as formulas in the spreadsheet that opens the CSV exports.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use super::support::{DEMO_TODAY, Test};

/// A committed minimal plan with a report already written: the last good
/// report every failing run must leave as it is.
fn reported() -> Test {
    let test = Test::minimal()
        .git_init()
        .commit("2026-03-31", "plan");
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
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
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
        .stderr_contains("templates/report/summary.html:1: templates/report/pw.html is a symbolic link: a template must be a regular file inside templates/")
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
        .stderr_contains("templates/report/summary.html is a symbolic link")
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
        .stderr_contains("is refused: templates/report is a symbolic link")
        .run();
    untouched(&test, &before);

    // The templates/ folder itself a link: refused as well.
    fs::remove_file(test.path("templates/report")).expect("remove the link");
    fs::remove_dir(test.path("templates")).expect("remove templates/");
    symlink(test.outside(), test.path("templates")).expect("a link");
    report(&test)
        .status(2)
        .stderr_contains("the templates/ folder is a symbolic link")
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
        .stderr_contains("templates/report/pipe.html is a FIFO, not a regular file")
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
    Command::new("timeout")
        .args(["120", "sh", "-c", &script, env!("CARGO_BIN_EXE_roadmap")])
        .current_dir(test.path(""))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .env("HOME", test.outside())
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
        stderr.contains("templates/report/summary.html:1: the template does more work than any report needs"),
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
