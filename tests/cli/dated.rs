//! Versions of a file that differ only in their `as_of` date are read
//! once (history/dated.rs): each version still counts under its own date.

use super::support::Test;

fn career(as_of: &str, reports: u32) -> String {
    format!("as_of: {as_of}\ntitle: Senior Sales Manager\nreports: {reports}\nrevenue: 10M\n")
}

/// The dates and values of `career:reports` in a cold `progress`.
fn reports(test: &Test) -> Vec<(String, f64)> {
    let _ = std::fs::remove_dir_all(test.path(".git/roadmap"));
    let json = test
        .roadmap(&["progress", "--format", "json", "career:reports"])
        .env("ROADMAP_TODAY", "2026-02-15")
        .json();
    json["observations"]
        .as_array()
        .expect("observations")
        .iter()
        .map(|o| {
            let date = o["date"].as_str().expect("a date").to_owned();
            (date, o["value"].as_f64().expect("a number"))
        })
        .collect()
}

#[test]
fn a_version_that_restores_an_earlier_ones_values_is_dated_by_its_own_as_of() {
    let test = Test::minimal()
        .file("plans/career.yaml", career("2026-01-05", 3))
        .git_init()
        .commit("2026-01-05", "week 1")
        .file("plans/career.yaml", career("2026-01-12", 4))
        .commit("2026-01-12", "week 2")
        // The first week's text again, but for its date.
        .file("plans/career.yaml", career("2026-01-17", 3))
        .commit("2026-01-19", "week 3")
        // Only the date moves: nothing is observed.
        .file("plans/career.yaml", career("2026-01-24", 3))
        .commit("2026-01-26", "week 4");
    let expected = vec![
        ("2026-01-05".to_owned(), 3.0),
        ("2026-01-12".to_owned(), 4.0),
        ("2026-01-17".to_owned(), 3.0),
    ];
    assert_eq!(reports(&test), expected);
    // A date written otherwise than `YYYY-MM-DD` alone on the first line
    // is read as the whole version is.
    let test = test
        .file(
            "plans/career.yaml",
            career("2026-01-31", 5).replace("as_of: 2026-01-31", "as_of: '2026-01-31'"),
        )
        .commit("2026-02-02", "week 5");
    let mut expected = expected;
    expected.push(("2026-01-31".to_owned(), 5.0));
    assert_eq!(reports(&test), expected);
}
