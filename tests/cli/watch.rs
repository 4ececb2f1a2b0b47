//! `roadmap watch`: the real binary watching a throwaway repository, edited
//! the ways editors save. Every wait is bounded; the binary prints one line
//! per rebuild, which is what the tests count. The harness is
//! `support/watch.rs`.

use std::fs;
use std::thread;
use std::time::Duration;

use super::support::{STATEMENT, Test, Watch, get};

#[test]
fn a_save_in_place_reaches_the_report() {
    let watch = Watch::start(&[]);
    assert!(watch.report().contains(STATEMENT));
    let vision = watch.vision().replace(STATEMENT, "Saved in place.");
    fs::write(watch.path("plans/vision.md"), vision).expect("save");
    watch.wait_for_report("Saved in place.");
    watch.wait_for("the rebuild's line", || {
        watch
            .lines()
            .iter()
            .any(|l| l.contains(" rebuilt in ") && l.ends_with(" after plans/vision.md"))
    });
}

/// vim and VS Code write a temporary file and rename it over the original.
#[test]
fn a_rename_save_reaches_the_report() {
    let watch = Watch::start(&[]);
    let vision = watch.vision().replace(STATEMENT, "Saved by rename.");
    let tmp = watch.path("plans/.vision.md.tmp");
    fs::write(&tmp, vision).expect("write the temporary file");
    fs::rename(&tmp, watch.path("plans/vision.md")).expect("rename");
    watch.wait_for_report("Saved by rename.");
}

/// vim's default on Linux: the original is renamed to a backup, the new
/// text written under the old name, the backup removed.
#[test]
fn a_backup_and_write_save_reaches_the_report() {
    let watch = Watch::start(&[]);
    let vision = watch.vision().replace(STATEMENT, "Saved the vim way.");
    let path = watch.path("plans/vision.md");
    let backup = watch.path("plans/vision.md~");
    fs::rename(&path, &backup).expect("backup");
    fs::write(&path, vision).expect("write");
    fs::remove_file(&backup).expect("remove the backup");
    watch.wait_for_report("Saved the vim way.");
}

#[test]
fn a_file_deleted_and_recreated_reaches_the_report() {
    let watch = Watch::start(&[]);
    let vision = watch.vision().replace(STATEMENT, "Recreated.");
    let path = watch.path("plans/vision.md");
    fs::remove_file(&path).expect("delete");
    thread::sleep(Duration::from_millis(300));
    fs::write(&path, vision).expect("recreate");
    watch.wait_for_report("Recreated.");
}

#[test]
fn a_burst_of_twenty_saves_is_at_most_two_rebuilds() {
    let watch = Watch::start(&[]);
    let text = watch.vision();
    let path = watch.path("plans/vision.md");
    for i in 1..=20 {
        fs::write(&path, text.replace(STATEMENT, &format!("Save number {i}."))).expect("save");
        thread::sleep(Duration::from_millis(10));
    }
    watch.wait_for_report("Save number 20.");
    // Anything still on its way would arrive well within this.
    thread::sleep(Duration::from_millis(500));
    let rebuilds = watch.rebuilds() - 1;
    assert!(
        (1..=2).contains(&rebuilds),
        "{rebuilds} rebuilds\n{}",
        watch.lines().join("\n")
    );
}

#[test]
fn an_invalid_save_prints_the_diagnostic_and_keeps_the_last_report() {
    let watch = Watch::start(&[]);
    let text = watch.vision();
    let path = watch.path("plans/vision.md");
    fs::write(&path, text.replace(STATEMENT, "Good one.")).expect("save");
    watch.wait_for_report("Good one.");
    let good = watch.report();

    fs::write(
        &path,
        text.replace(STATEMENT, "Broken one.")
            .replace("start: 2026", "start: twenty"),
    )
    .expect("save");
    watch.wait_for("the refusal", || watch.refusals() == 1);
    watch.wait_for_stderr("plans/vision.md:3:8: error[type]");
    let refusal = watch.refusal();
    assert!(
        refusal.contains("the plan has 1 error; the last good report stays"),
        "{refusal}"
    );
    assert_eq!(watch.report(), good, "the last good report is kept");

    fs::write(&path, text.replace(STATEMENT, "Fixed one.")).expect("save");
    watch.wait_for_report("Fixed one.");
}

#[test]
fn templates_are_watched_and_the_output_folder_is_not() {
    let watch = Watch::start(&[]);
    // Writing into the report folder (as the rebuild itself does) wakes
    // nothing.
    fs::write(watch.path("dashboard/extra.txt"), "x").expect("write");
    fs::write(watch.path("README.md"), "x").expect("write");
    thread::sleep(Duration::from_millis(500));
    assert_eq!(watch.rebuilds(), 1, "{}", watch.lines().join("\n"));

    // A templates/ folder made after the start is watched too.
    let summary = watch.path("templates/report/summary.html");
    fs::create_dir_all(summary.parent().expect("parent")).expect("folders");
    thread::sleep(Duration::from_millis(300));
    fs::write(&summary, "<p>my own summary</p>\n").expect("override");
    watch.wait_for_report("my own summary");
}

#[test]
fn polling_sees_a_save() {
    let watch = Watch::start(&["--poll"]);
    assert!(
        watch.lines()[0].contains("(polling)"),
        "{:?}",
        watch.lines()
    );
    let vision = watch.vision().replace(STATEMENT, "Seen by polling.");
    fs::write(watch.path("plans/vision.md"), vision).expect("save");
    watch.wait_for_report("Seen by polling.");
}

#[test]
fn another_out_folder_gets_the_report() {
    let watch = Watch::start(&["--out", "site"]);
    assert!(watch.path("site/summary.html").is_file());
    assert!(!watch.path("dashboard").exists());
}

#[test]
fn ctrl_c_stops_it_cleanly() {
    let mut watch = Watch::start(&[]);
    let status = watch.interrupt();
    assert!(status.success(), "{status:?}\n{}", watch.stderr());
    watch.wait_for("the last line", || {
        watch
            .lines()
            .last()
            .is_some_and(|l| l.ends_with("stopped after 1 rebuild"))
    });
}

#[test]
fn a_folder_the_report_may_not_replace_is_refused_before_watching() {
    let output = Test::minimal()
        .roadmap(&["watch", "--out", "plans"])
        .env("NO_COLOR", "1")
        .output();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refusing to write the report into"),
        "{stderr}"
    );
}

#[test]
fn serve_shows_the_report_and_tells_pages_to_reload() {
    let watch = Watch::start(&["--serve", "--port", "0"]);
    let addr = watch.served_addr();

    let (status, page) = get(&addr, "/summary.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains(STATEMENT), "{page}");
    assert!(page.contains("/__roadmap/version"), "the reload script");
    assert!(
        !watch.report().contains("/__roadmap/version"),
        "the file on disk has no script"
    );
    assert_eq!(get(&addr, "/__roadmap/version").1, "1");
    assert_eq!(
        get(&addr, "/../plans/vision.md").0,
        "HTTP/1.1 404 Not Found"
    );

    let vision = watch.vision().replace(STATEMENT, "Served fresh.");
    fs::write(watch.path("plans/vision.md"), vision).expect("save");
    watch.wait_for("the version to move", || {
        get(&addr, "/__roadmap/version").1 == "2"
    });
    assert!(get(&addr, "/summary.html").1.contains("Served fresh."));
}

#[test]
fn a_file_that_does_not_parse_is_named_with_what_it_leaves_out() {
    let watch = Watch::start(&[]);
    let good = watch.report();
    let path = watch.path("plans/quarters/2026-Q1.md");
    let text = fs::read_to_string(&path).expect("2026-Q1.md");
    fs::write(
        &path,
        text.replace("title: Pipeline value", "title: Pipeline: value"),
    )
    .expect("save");
    watch.wait_for("the refusal", || watch.refusals() == 1);
    watch.wait_for_stderr(
        "plans/quarters/2026-Q1.md:10:24: left out of a report of this plan: \
         the 2026-Q1 objectives, key results and milestones",
    );
    assert_eq!(watch.report(), good, "the last good report is kept");
}

#[test]
fn without_a_report_yet_no_last_good_report_is_promised() {
    let watch = Watch::start(&[]);
    fs::remove_dir_all(watch.path("dashboard")).expect("remove the report");
    let path = watch.path("plans/vision.md");
    fs::write(
        &path,
        watch.vision().replace("start: 2026", "start: twenty"),
    )
    .expect("save");
    watch.wait_for("the refusal", || watch.refusals() == 1);
    let refusal = watch.refusal();
    assert!(
        refusal
            .contains("the plan has 1 error; no report is written to dashboard/ until it is fixed"),
        "{refusal}"
    );
}
