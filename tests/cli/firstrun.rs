//! The first ten minutes: `status` on a terminal of 80 columns and in a
//! pipe, `progress` with a header, colour as the environment asks, the
//! output folder left out of git, and `init` answered as the guide's
//! person answers it.

use std::collections::HashSet;

use unicode_width::UnicodeWidthStr as _;

use super::support::{DEMO_TODAY, Test};

/// `status` of the demo, its stdout as text.
fn status(test: &Test, columns: Option<&str>) -> String {
    let run = test.roadmap(&["status"]).env("ROADMAP_TODAY", DEMO_TODAY);
    let run = match columns {
        Some(columns) => run.env("COLUMNS", columns),
        None => run.env_remove("COLUMNS"),
    };
    String::from_utf8(run.run().stdout).expect("UTF-8")
}

/// Every line of `narrow` is at most `width` columns, and every word of
/// it is a word of `wide` (the same status, wide enough to cut nothing)
/// or ends in `…`: nothing is cut inside a word without saying so.
fn fits(narrow: &str, wide: &str, width: usize) {
    for line in narrow.lines() {
        assert!(
            line.width() <= width,
            "{} columns, more than {width}: {line:?}\n{narrow}",
            line.width()
        );
    }
    let trim = |w: &str| w.trim_end_matches([',', ';', ':', '.']).to_owned();
    let words: HashSet<String> = wide.split_whitespace().map(trim).collect();
    for word in narrow.split_whitespace() {
        assert!(
            word.ends_with('…') || words.contains(&trim(word)),
            "{word:?} is cut without an ellipsis\n{narrow}"
        );
    }
}

#[test]
fn status_of_the_demo_fits_80_columns_and_cuts_titles_with_an_ellipsis() {
    let test = Test::demo();
    let wide = status(&test, Some("1000"));
    let narrow = status(&test, Some("80"));
    fits(&narrow, &wide, 80);
    assert!(narrow.contains('…'), "{narrow}");
    // Nothing is lost at a width that holds it all.
    assert!(wide.contains("Exceed the 2026 quota by 15%+ and grow the territory to $6.85M"));
    assert!(!wide.contains('…'), "{wide}");
}

#[test]
fn status_of_the_demo_in_a_pipe_fits_80_columns() {
    let test = Test::demo();
    let wide = status(&test, Some("1000"));
    let piped = status(&test, None);
    fits(&piped, &wide, 80);
    assert_eq!(piped, status(&test, Some("80")));
}

#[test]
fn status_figures_are_right_aligned_in_their_columns() {
    let test = Test::demo();
    let text = status(&test, Some("80"));
    let section: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Revenue and performance")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.contains(" of "))
        .collect();
    assert!(section.len() >= 5, "{text}");
    let of: HashSet<usize> = section.iter().filter_map(|l| l.find(" of ")).collect();
    let expected: HashSet<usize> = section
        .iter()
        .filter_map(|l| l.find("  expected"))
        .collect();
    assert_eq!(of.len(), 1, "{section:#?}");
    assert_eq!(expected.len(), 1, "{section:#?}");
    // A key result's figures too: `current / target` at one place.
    let slash: HashSet<usize> = text
        .lines()
        .filter(|l| l.contains("documents /") || l.contains("managers /"))
        .filter_map(|l| l.find(" / "))
        .collect();
    assert_eq!(slash.len(), 1, "{text}");
}

#[test]
fn progress_text_has_a_header_row() {
    let test = Test::demo();
    let out = test
        .roadmap(&["progress", "territory-revenue"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let header = text.lines().next().expect("a first line");
    let names: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        names,
        [
            "date", "id", "kind", "field", "value", "target", "period", "commit"
        ],
        "{text}"
    );
    let first = text.lines().nth(1).expect("a row");
    assert_eq!(first.find("territory-revenue"), header.find("id"));
}

#[test]
fn one_check_in_and_one_document_are_singular() {
    let one_skill = "skills:\n  - id: negotiation\n    name: Negotiation\n    area: sales\n    level: 5\n    targets:\n      2026: 6\n      2027: 7\n";
    let test = Test::minimal()
        .file("plans/capabilities.yaml", one_skill)
        .file("plans/checkins/2026-11.yaml", "reading: \"x\"\n")
        .git_init()
        .commit("2026-11-01", "plan");
    let out = test
        .roadmap(&["status"])
        .env("ROADMAP_TODAY", "2026-11-02")
        .run();
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("over 1 check-in"), "{text}");
    assert!(!text.contains("1 check-ins"), "{text}");
    assert!(text.contains("1 skill at"), "{text}");
    assert!(!text.contains("1 skills"), "{text}");

    let demo = Test::demo();
    let text = status(&demo, Some("200"));
    assert!(text.contains("0 documents / 1 document "), "{text}");
    assert!(!text.contains("1 documents"), "{text}");
}

#[test]
fn clicolor_force_colours_a_pipe_and_no_color_wins_over_it() {
    let test = Test::demo();
    let run = |vars: &[(&str, &str)]| {
        let mut run = test.roadmap(&["status"]).env("ROADMAP_TODAY", DEMO_TODAY);
        for (key, value) in vars {
            run = run.env(key, value);
        }
        String::from_utf8(run.run().stdout).expect("UTF-8")
    };
    assert!(!run(&[]).contains('\u{1b}'));
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}["));
    assert!(!run(&[("CLICOLOR_FORCE", "0")]).contains('\u{1b}'));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    // Coloured, the lines still fit: the colour codes take no columns.
    let coloured = run(&[("CLICOLOR_FORCE", "1"), ("COLUMNS", "80")]);
    let plain = strip_ansi(&coloured);
    assert!(plain.lines().all(|l| l.width() <= 80), "{plain}");
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether git ignores `path` in the repository at `test`.
fn ignored(test: &Test, path: &str) -> bool {
    test.git_command()
        .args(["check-ignore", "-q", path])
        .status()
        .expect("git runs")
        .success()
}

#[test]
fn demo_repository_ignores_the_dashboard_folder() {
    let test = Test::demo();
    assert!(ignored(&test, "dashboard/index.html"));
    assert!(!ignored(&test, "plans/vision.md"));
    // Committed, so a clone ignores it too, and the tree is clean.
    assert_clean(&test);
    test.roadmap(&["report"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .stdout_contains("index.html")
        .run();
    assert_clean(&test);
}

/// `git status` shows nothing to commit.
fn assert_clean(test: &Test) {
    let status = test
        .git_command()
        .args(["status", "--porcelain"])
        .output()
        .expect("git runs");
    assert!(status.stdout.is_empty(), "{status:?}");
}

/// The guide's person, as the guide writes the figures.
const GUIDE_WORDS: &str = "\
name: Alex Morgan
start: 2025
end: 2035
now:
  role: Sales Manager, Intermountain West
  revenue: ~$5M
  team: 0
goal:
  role: VP of Sales
  revenue: 50M+
  team: 15-20 sales managers
skills:
  sales: 7
  leadership: 7
  strategy: 7
  presence: 3
  technical: 8
  brand: 7
focus: [presence]
";

#[test]
fn init_reads_the_guide_s_figures_and_writes_the_levels_answered() {
    let test = Test::new().file("answers.yaml", GUIDE_WORDS);
    test.roadmap(&["init", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-11-20")
        .stdout_contains(".gitignore")
        .run();
    let read = |rel: &str| std::fs::read_to_string(test.path(rel)).expect("a written file");
    let vision = read("plans/vision.md");
    assert!(vision.contains("revenue: 5M"), "{vision}");
    assert!(vision.contains("revenue: 50M"), "{vision}");
    assert!(vision.contains("team: 15-20"), "{vision}");
    let capabilities = read("plans/capabilities.yaml");
    let presence = capabilities
        .split("- id: ")
        .find(|s| s.starts_with("executive-presence"))
        .expect("executive presence");
    assert!(presence.contains("level: 3\n"), "{presence}");
    let year = read("plans/years/2026.md");
    assert!(
        year.contains("Raise executive presence from level 3 to"),
        "{year}"
    );
    assert!(!year.contains("from level 4"), "{year}");
    // The guide's six kinds of revenue and performance metric.
    let metrics = read("plans/metrics.yaml");
    for kind in [
        "revenue",
        "new-business",
        "accounts",
        "market-share",
        "retention",
        "operations",
    ] {
        assert!(
            metrics.contains(&format!("kind: {kind}\n")),
            "{kind}\n{metrics}"
        );
    }
    // The README points at the commands, not at copying a template.
    let readme = read("plans/README.md");
    for command in [
        "roadmap review",
        "roadmap record",
        "roadmap status",
        "roadmap report",
    ] {
        assert!(readme.contains(command), "{command}\n{readme}");
    }
    assert!(!readme.contains("Copy this"), "{readme}");
    // Ids say what they are.
    let quarter = read("plans/quarters/2026-Q4.md");
    assert!(!quarter.contains("-m1\n"), "{quarter}");
    test.roadmap(&["check"])
        .env("ROADMAP_TODAY", "2026-11-20")
        .run();
    assert!(ignored(&test, "dashboard/index.html"));
}

#[test]
fn init_adds_the_dashboard_to_a_gitignore_it_finds_and_keeps_its_lines() {
    let test = Test::new()
        .git_init()
        .file(".gitignore", "target/\n*.log")
        .file("answers.yaml", GUIDE_WORDS);
    test.roadmap(&["init", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-11-20")
        .run();
    let text = std::fs::read_to_string(test.path(".gitignore")).expect("read");
    assert!(text.starts_with("target/\n*.log\n"), "{text}");
    assert!(ignored(&test, "dashboard/index.html"));
    assert!(ignored(&test, "x.log"));
    // A second init (--force) adds nothing more.
    test.roadmap(&["init", "--force", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", "2026-11-20")
        .run();
    let again = std::fs::read_to_string(test.path(".gitignore")).expect("read");
    assert_eq!(again, text);
}
