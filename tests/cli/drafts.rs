//! `init` and `new` draft a year's and a quarter's plan the same way: the
//! same drafts through the same templates, the answers filling in what a
//! draft leaves to the person.

use std::collections::BTreeSet;

use super::support::Test;

const TODAY: &str = "2026-11-20";

const ANSWERS: &str = "\
name: Alex Morgan
start: 2025
end: 2035
now:
  role: Sales Manager, Intermountain West
  revenue: 5M
  team: 0
goal:
  role: VP of Sales
  revenue: 50M
  team: 15-20
skills:
  presence: 3
focus: [presence]
";

/// The front matter's first line (the comment saying what drafted it),
/// its top-level keys, and the Markdown body.
fn parts(text: &str) -> (String, BTreeSet<String>, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("closed front matter");
    let comment = front.lines().next().unwrap_or_default().to_owned();
    let keys = front
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .map(|l| l.split(':').next().unwrap_or_default().to_owned())
        .collect();
    (comment, keys, body.to_owned())
}

/// Asserts that `init` and `new` (the file `roadmap new KIND` writes) say
/// the same first line but for the command, and that every top-level key
/// `new` writes `init` writes too; returns their bodies.
fn same_front(init: &str, new: &str, kind: &str) -> (String, String) {
    let (init_comment, init_keys, init_body) = parts(init);
    let (new_comment, new_keys, new_body) = parts(new);
    assert_eq!(
        init_comment.replace("roadmap init", &format!("roadmap new {kind}")),
        new_comment
    );
    assert!(new_keys.is_subset(&init_keys), "{new_keys:?} {init_keys:?}");
    (init_body, new_body)
}

/// `text`'s body up to the heading `last`: what a draft writes from the
/// plan, before the section the person (or the answers) fills in.
fn before<'t>(body: &'t str, last: &str) -> &'t str {
    body.split(last).next().unwrap_or(body)
}

/// The value of a top-level `key:` line.
fn line<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines().find(|l| l.starts_with(&format!("{key}: ")))
}

#[test]
fn init_writes_the_year_and_quarter_that_new_year_and_new_quarter_would_write() {
    let test = Test::new().file("answers.yaml", ANSWERS);
    test.roadmap(&["init", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let read = |rel: &str| std::fs::read_to_string(test.path(rel)).expect("a written file");
    let new = |args: &[&str]| {
        let out = test.roadmap(args).env("ROADMAP_TODAY", TODAY).run().stdout;
        String::from_utf8(out).expect("UTF-8")
    };
    let year_rel = "plans/years/2026.md";
    let quarter_rel = "plans/quarters/2026-Q4.md";
    let (init_year, init_quarter) = (read(year_rel), read(quarter_rel));
    std::fs::remove_file(test.path(quarter_rel)).expect("remove the quarter");
    let new_quarter = new(&["new", "quarter", "2026-Q4", "--print"]);
    std::fs::remove_file(test.path(year_rel)).expect("remove the year");
    let new_year = new(&["new", "year", "2026", "--print"]);

    let (init_body, new_body) = same_front(&init_year, &new_year, "year");
    for key in ["period", "phase", "role"] {
        assert_eq!(line(&init_year, key), line(&new_year, key), "{key}");
    }
    let why = "## Why this year matters";
    assert!(init_body.contains(why) && new_body.contains(why));
    assert_eq!(before(&init_body, why), before(&new_body, why));

    let (init_body, new_body) = same_front(&init_quarter, &new_quarter, "quarter");
    assert_eq!(line(&init_quarter, "period"), line(&new_quarter, "period"));
    // The year's objectives, each served by one of init's objectives and
    // by none of the draft's (a first quarter carries nothing over).
    let annual = |body: &str| -> Vec<String> {
        before(body, "## Time")
            .lines()
            .filter(|l| l.starts_with("- ") && l.ends_with(']'))
            .map(|l| {
                l.replace(" - served by an objective below", "")
                    .replace(" - no objective serves it yet", "")
            })
            .collect()
    };
    assert_eq!(annual(&init_body).len(), 5, "{init_body}");
    assert_eq!(annual(&init_body), annual(&new_body));
    let headings = |body: &str| -> Vec<String> {
        body.lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let mut init_headings = headings(&init_body);
    init_headings.retain(|h| h != "## Categories without an objective");
    let mut new_headings = headings(&new_body);
    new_headings.retain(|h| h != "## Categories without an objective");
    assert_eq!(init_headings, new_headings);
}
