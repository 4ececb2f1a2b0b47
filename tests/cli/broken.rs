//! Every broken plan under `tests/broken/`, and every valid-but-unusual plan
//! under `tests/valid/`, checked against its `expected` diagnostics.
//!
//! A case folder holds only what it changes in the minimal plan
//! (`tests/fixtures/minimal/`): files under `plans/` that replace or join the
//! minimal plan's, an optional `remove` listing paths to delete, and
//! `expected`, one `path:line:col: severity[code]` line per diagnostic. The
//! few cases whose bytes do not belong in git (a 50 MB file, 10,000 and
//! 100,000 levels of nesting, a symbolic link, an empty folder) are made
//! here, at run time.

use std::fs;
use std::path::{Path, PathBuf};

use super::support::Test;

fn case_dir(group: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(group)
        .join(name)
}

/// Writes the files of the cases that are made at run time.
fn generate(name: &str, test: &Test) {
    match name {
        "too-large" => {
            // Sparse: the size alone must get the file refused, unread.
            let file = fs::File::create(test.path("plans/metrics.yaml")).expect("create");
            file.set_len(50 * 1024 * 1024)
                .expect("grow the file to 50 MB");
        }
        "deep-nesting" => {
            let yaml = format!("phases: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
            fs::write(test.path("plans/strategy.yaml"), yaml).expect("write");
        }
        "deep-flow-nesting" => {
            let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let yaml = format!("growth: 15-20%\nmetrics: {deep}\n");
            fs::write(test.path("plans/metrics.yaml"), yaml).expect("write");
        }
        "deep-block-nesting" => {
            let yaml = format!("growth: 15-20%\nmetrics:\n  {}x\n", "- ".repeat(100_000));
            fs::write(test.path("plans/metrics.yaml"), yaml).expect("write");
        }
        "deep-front-matter" => {
            let path = test.path("plans/vision.md");
            let vision = fs::read_to_string(&path).expect("read the vision");
            let deep = format!("{}{}", "{a: ".repeat(100_000), "}".repeat(100_000));
            let vision = vision.replacen("---\n", &format!("---\nx: {deep}\n"), 1);
            fs::write(path, vision).expect("write");
        }
        "symlink-outside" => link_outside(test),
        // git keeps no empty folder.
        "empty-person-folder" => {
            fs::create_dir_all(test.path("plans/alex")).expect("make a person's folder");
        }
        _ => {}
    }
}

#[cfg(unix)]
fn link_outside(test: &Test) {
    let target = test.outside().join("habits.yaml");
    fs::copy(test.path("plans/habits.yaml"), &target).expect("copy habits outside");
    fs::remove_file(test.path("plans/habits.yaml")).expect("remove habits");
    std::os::unix::fs::symlink("../../habits.yaml", test.path("plans/habits.yaml"))
        .expect("link to a file outside the repository");
}

#[cfg(not(unix))]
fn link_outside(_: &Test) {
    panic!("the symlink case needs a Unix file system");
}

fn check(group: &str, name: &str) {
    let dir = case_dir(group, name);
    let mut test = Test::minimal();
    if dir.join("plans").is_dir() {
        test = test.tree(&dir.join("plans"), "plans");
    }
    if let Ok(list) = fs::read_to_string(dir.join("remove")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            test = test.remove(rel.trim());
        }
    }
    generate(name, &test);
    let expected: Vec<String> = fs::read_to_string(dir.join("expected"))
        .expect("every case has an `expected` file")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let errors = expected.iter().any(|l| l.contains(": error["));
    let code = i32::from(errors);

    let found = test
        .roadmap(&["check", "--format", "json"])
        .status(code)
        .diagnostics();
    assert_eq!(found, expected, "diagnostics of {group}/{name}");

    // The human-readable output reports the same problems at the same
    // places, and renders every one of them without panicking.
    let output = test
        .roadmap(&["check", "--color", "never"])
        .status(code)
        .run();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in &expected {
        assert!(
            stdout.contains(&format!("{line}: ")),
            "text output of {group}/{name} lacks {line}\n{stdout}"
        );
    }

    let strict = i32::from(!expected.is_empty());
    test.roadmap(&["check", "--strict", "--format", "json"])
        .status(strict)
        .run();
}

macro_rules! cases {
    ($group:literal, $list:ident: $($test:ident => $name:literal,)*) => {
        pub(super) const $list: &[&str] = &[$($name),*];
        $(
            #[test]
            fn $test() {
                check($group, $name);
            }
        )*
    };
}

mod broken_plans {
    use super::check;

    cases! { "broken", CASES:
        // YAML syntax, in a YAML file and inside front matter
        syntax => "syntax",
        syntax_in_front_matter => "syntax-in-front-matter",
        unclosed_quote_is_reported_where_it_opens => "unclosed-quote",
        tabs_used_for_indentation => "tabs",
        duplicate_key => "duplicate-key",
        front_matter_missing => "front-matter-missing",
        front_matter_unclosed => "front-matter-unclosed",
        // schema
        missing_key => "missing-key",
        type_error => "type",
        unknown_key => "unknown-key",
        unknown_value => "unknown-value",
        // ranges, dates and periods
        level_out_of_range => "level-range",
        level_above_ten => "level-eleven",
        level_zero => "level-zero",
        skill_target_above_ten => "target-twelve",
        review_level_above_ten => "review-level",
        growth_band_in_words => "growth-word",
        growth_band_above_100_percent => "growth-out-of-range",
        negative_weight => "negative-weight",
        actual_recorded_by_quarter => "actual-by-quarter",
        relationship_target_of_zero => "relationship-target-zero",
        ranking_place_zero => "rank-zero",
        career_market_percentile_out_of_range => "career-market-range",
        career_promotion_benchmark_of_zero_months => "career-benchmark-zero",
        career_private_names_an_unknown_field => "career-private-unknown",
        percentage_out_of_range => "percentage-range",
        negative_percentage => "negative-percentage",
        year_outside_the_plan => "year-outside-plan",
        impossible_date => "bad-date",
        review_dated_before_its_period => "review-before-period",
        milestone_outside_its_quarter => "milestone-outside-quarter",
        period_that_does_not_match_the_file_name => "period-mismatch",
        file_name_that_is_not_a_period => "file-name",
        file_that_is_not_a_plan_file => "unknown-file",
        checkin_mark => "checkin",
        checkin_longer_than_the_month => "checkin-too-long",
        habit_cadence_without_its_days_or_with_bad_times => "habit-cadence",
        habit_day_not_a_weekday => "habit-weekday",
        // ids and references
        duplicate_id => "duplicate-id",
        id_used_by_two_kinds => "id-kind-clash",
        unknown_id => "unknown-id",
        bad_id => "bad-id",
        missing_vision => "missing-file",
        // methodology warnings
        too_few_objectives => "objective-count-low",
        too_many_objectives => "objective-count-high",
        skill_target_drops => "target-drop",
        revenue_target_outside_the_growth_band => "growth-band",
        key_result_without_target => "no-target",
        objective_linked_to_no_annual_objective => "unlinked",
        phases_overlap => "phase-overlap",
        blank_success_criterion => "blank-criterion",
        // files that are not plain YAML text
        empty_file => "empty-file",
        empty_front_matter => "empty-front-matter",
        byte_order_mark => "bom",
        byte_order_mark_in_front_matter => "bom-front-matter",
        byte_order_mark_before_invalid_utf8 => "bom-non-utf8",
        crlf_line_endings => "crlf",
        crlf_line_endings_in_front_matter => "crlf-front-matter",
        invalid_utf8 => "non-utf8",
        binary_file => "binary",
        file_of_50_mb => "too-large",
        alias_bomb => "alias-bomb",
        nesting_10000_deep => "deep-nesting",
        flow_nesting_100000_deep => "deep-flow-nesting",
        block_nesting_of_100000_dashes => "deep-block-nesting",
        nesting_100000_deep_in_front_matter => "deep-front-matter",
        symlink_outside_the_repository => "symlink-outside",
        // no plan at all
        plans_folder_without_plan_files => "empty-plan",
        empty_person_folder_is_named => "empty-person-folder",
    }
}

mod valid_plans {
    use super::check;

    cases! { "valid", CASES:
        byte_order_mark => "bom",
        crlf_line_endings => "crlf",
        byte_order_mark_and_crlf => "bom-crlf",
        every_habit_cadence => "habit-cadences",
    }
}

#[test]
fn every_case_folder_has_a_test() {
    for (group, cases) in [
        ("broken", broken_plans::CASES),
        ("valid", valid_plans::CASES),
    ] {
        let mut folders: Vec<String> = fs::read_dir(case_dir(group, ""))
            .expect("read the case folders")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        let mut listed: Vec<&str> = cases.to_vec();
        listed.sort_unstable();
        assert_eq!(folders, listed, "tests/{group}/");
    }
}

#[test]
fn the_minimal_plan_is_clean() {
    Test::minimal()
        .roadmap(&["check", "--strict", "--color", "never"])
        .stdout_contains("ok: 7 files checked: no errors, no warnings")
        .run();
}
