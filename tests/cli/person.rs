//! A team repository (one folder per person under `plans/`): `--person`
//! on every command that reads a plan, the person's folder one runs in,
//! the person of each reading in `progress`, and `diff` person by person.

use super::support::{DEMO_TODAY, Test};

const PEOPLE: [&str; 3] = ["alice", "bob", "carol"];

/// The demo's plan as three people's, in two backdated commits: at the
/// end of October bob's October reading is lower than alice's and carol
/// has none; at the end of November alice and bob read November, carol
/// (a month behind) still has no October.
fn team() -> Test {
    let demo = Test::demo();
    let test = PEOPLE.iter().fold(Test::new().git_init(), |test, person| {
        test.tree(&demo.path("plans"), &format!("plans/{person}"))
    });
    test.edit(
        "plans/bob/metrics.yaml",
        "      2026-10: 5.36M",
        "      2026-10: 5.1M",
    )
    .edit("plans/carol/metrics.yaml", "      2026-10: 5.36M\n", "")
    .commit("2026-10-31", "review: 2026-10")
    .edit(
        "plans/alice/metrics.yaml",
        "      2026-10: 5.36M",
        "      2026-10: 5.36M\n      2026-11: 5.9M",
    )
    .edit(
        "plans/alice/metrics.yaml",
        "as_of: 2026-10-31",
        "as_of: 2026-11-30",
    )
    .edit(
        "plans/bob/metrics.yaml",
        "      2026-10: 5.1M",
        "      2026-10: 5.1M\n      2026-11: 5.5M",
    )
    .edit(
        "plans/bob/metrics.yaml",
        "as_of: 2026-10-31",
        "as_of: 2026-11-30",
    )
    .commit("2026-11-30", "review: 2026-11")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The people whose status blocks a status text shows.
fn blocks(status: &str) -> Vec<&'static str> {
    PEOPLE
        .into_iter()
        .filter(|p| status.contains(&format!("Alex Morgan ({p})")))
        .collect()
}

#[test]
fn status_inside_a_persons_folder_shows_only_that_person() {
    let team = team();
    let all = team
        .roadmap(&["status"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    // At the root: the team, one line per person, no person's full block.
    let all = text(&all.stdout);
    assert!(blocks(&all).is_empty(), "a full block at the root:\n{all}");
    for person in PEOPLE {
        assert!(
            all.lines().any(|l| l.starts_with(person)),
            "no line for {person}:\n{all}"
        );
    }
    for person in PEOPLE {
        for folder in [
            format!("plans/{person}"),
            format!("plans/{person}/quarters"),
        ] {
            let out = team
                .roadmap(&["status"])
                .current_dir(&team.path(&folder))
                .env("ROADMAP_TODAY", DEMO_TODAY)
                .run();
            assert_eq!(blocks(&text(&out.stdout)), [person], "status in {folder}");
        }
    }
    // --person wins over the folder.
    let out = team
        .roadmap(&["status", "--person", "carol"])
        .current_dir(&team.path("plans/alice"))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    assert_eq!(blocks(&text(&out.stdout)), ["carol"]);
    // plans/ itself is nobody's folder: the team, as at the root.
    let out = team
        .roadmap(&["status"])
        .current_dir(&team.path("plans"))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    assert_eq!(text(&out.stdout), all);
    // --team inside a person's folder is still the whole team.
    let out = team
        .roadmap(&["status", "--team"])
        .current_dir(&team.path("plans/bob"))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    assert_eq!(text(&out.stdout), all);
}

#[test]
fn progress_in_a_team_names_the_person_of_each_reading() {
    let team = team();
    let out = team
        .roadmap(&["progress", "territory-revenue", "--since", "2026-10-01"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let out = text(&out.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("date        person       id "),
        "{}",
        lines[0]
    );
    let october: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" metric ") && l.contains(" 2026-10 "))
        .collect();
    assert_eq!(october.len(), 2, "alice's and bob's October: {out}");
    assert!(october[0].starts_with("2026-10-31  alice        territory-revenue "));
    assert!(october[0].contains(" 5360000 "), "{}", october[0]);
    assert!(october[1].starts_with("2026-10-31  bob          territory-revenue "));
    assert!(october[1].contains(" 5100000 "), "{}", october[1]);
    let november: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" 2026-11 "))
        .collect();
    assert_eq!(november.len(), 2, "{out}");
    assert!(november[0].starts_with("2026-11-30  alice "));
    assert!(november[1].starts_with("2026-11-30  bob "));
    // The columns after the person stay aligned with the header.
    let value = lines[0].find("  value").map(|at| at + 7);
    assert_eq!(october[0].find(" 5360000").map(|at| at + 8), value, "{out}");

    // CSV and JSON carry the person too; --person keeps one.
    let csv = team
        .roadmap(&[
            "progress",
            "territory-revenue",
            "--format",
            "csv",
            "--person",
            "bob",
        ])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let rows = super::support::csv_rows(&csv.stdout);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.iter().any(|(k, v)| k == "person" && v == "bob")),
        "every row is bob's"
    );
    let json = team
        .roadmap(&["progress", "territory-revenue", "--format", "json"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json();
    let people: std::collections::BTreeSet<&str> = json["observations"]
        .as_array()
        .expect("observations")
        .iter()
        .map(|o| o["person"].as_str().expect("a person"))
        .collect();
    assert_eq!(people.into_iter().collect::<Vec<_>>(), PEOPLE);
}

#[test]
fn diff_in_a_team_is_grouped_by_person() {
    let team = team();
    let out = team
        .roadmap(&["diff", "HEAD~1", "HEAD", "--color", "never"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let out = text(&out.stdout);
    let alice = out.find("── alice ──").expect("a heading for alice");
    let bob = out.find("── bob ──").expect("a heading for bob");
    assert!(alice < bob, "{out}");
    assert!(!out.contains("── carol ──"), "carol changed nothing: {out}");
    let (alices, bobs) = (&out[alice..bob], &out[bob..]);
    assert!(alices.contains("actual 2026-11: (none) → 5.9M"), "{out}");
    assert!(bobs.contains("actual 2026-11: (none) → 5.5M"), "{out}");
    assert!(!bobs.contains("5.9M"), "{out}");
    assert_eq!(out.matches("\nSummary\n").count(), 2, "{out}");

    // --person limits it to one, and so does bob's folder.
    for run in [
        team.roadmap(&["diff", "HEAD~1", "HEAD", "--person", "bob"]),
        team.roadmap(&["diff", "HEAD~1", "HEAD"])
            .current_dir(&team.path("plans/bob/reviews")),
    ] {
        let out = run.env("ROADMAP_TODAY", DEMO_TODAY).run();
        let out = text(&out.stdout);
        assert!(out.contains("── bob ──"), "{out}");
        assert!(!out.contains("alice"), "{out}");
        assert!(out.contains("→ 5.5M"), "{out}");
    }

    // Markdown: a heading per person, the sections under it.
    let md = team
        .roadmap(&["diff", "HEAD~1", "HEAD", "--format", "markdown"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let md = text(&md.stdout);
    assert!(md.contains("\n### alice\n\n#### Changed\n"), "{md}");
    assert!(md.contains("\n### bob\n\n#### Changed\n"), "{md}");

    // JSON: each change says whose it is.
    let json = team
        .roadmap(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json();
    let whose: Vec<&str> = json["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .map(|c| c["item"]["person"].as_str().expect("a person"))
        .collect();
    assert_eq!(whose, ["alice", "bob"]);
}

#[test]
fn diff_in_a_team_says_whose_prose_changed() {
    let team = team()
        .edit(
            "plans/carol/vision.md",
            "one that happened to me.\n",
            "one that happened to me.\n\nCarol's own words, added in December.\n",
        )
        .commit("2026-12-01", "vision: carol's words");
    let json = team
        .roadmap(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json();
    assert_eq!(json["prose"][0]["person"], "carol", "{json}");
    let out = team
        .roadmap(&["diff", "HEAD~1", "HEAD", "--color", "never"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let out = text(&out.stdout);
    let carol = out.find("── carol ──").expect("a heading for carol");
    assert!(
        out[carol..].contains("plans/carol/vision.md: changed"),
        "{out}"
    );
}

/// Every command that reads a plan, as run from the repository's root
/// with `--person bob` and as run in `plans/bob/` without it: the same
/// output, bob's only.
#[test]
fn person_means_the_same_on_every_command_and_in_the_persons_folder() {
    let team = team();
    let commands: [&[&str]; 8] = [
        &["check"],
        &["check", "--format", "json"],
        &["status", "--format", "json"],
        &["status", "--at", "2026-10"],
        &["progress", "territory-revenue"],
        &["diff", "HEAD~1", "HEAD", "--format", "json"],
        &[
            "diff",
            "--periods",
            "2026-Q2",
            "2026-Q3",
            "--format",
            "json",
        ],
        &["report", "--context"],
    ];
    for args in commands {
        let flagged: Vec<&str> = args.iter().copied().chain(["--person", "bob"]).collect();
        let by_flag = team
            .roadmap(&flagged)
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .run();
        let by_folder = team
            .roadmap(args)
            .current_dir(&team.path("plans/bob"))
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .run();
        let (flag, folder) = (text(&by_flag.stdout), text(&by_folder.stdout));
        assert_eq!(flag, folder, "roadmap {args:?}");
        assert!(!flag.contains("plans/alice"), "roadmap {args:?}: {flag}");
        assert!(!flag.contains("plans/carol"), "roadmap {args:?}: {flag}");
        let everyone = team.roadmap(args).env("ROADMAP_TODAY", DEMO_TODAY).run();
        assert_ne!(
            text(&everyone.stdout),
            flag,
            "roadmap {args:?} is everyone's"
        );
    }
    let context = team
        .roadmap(&["report", "--context", "--person", "bob"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json();
    let plans = context["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["person"], "bob");
    let status = team
        .roadmap(&["status", "--format", "json", "--person", "bob"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json();
    let plans = status["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["person"], "bob");
    // check names only bob's plan.
    team.roadmap(&["check", "--person", "bob"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .stdout_contains("plans/bob/  Alex Morgan")
        .run();
}

#[test]
fn commands_that_write_take_the_person_of_the_folder() {
    let team = team();
    team.roadmap(&[
        "record",
        "territory-revenue",
        "5.7M",
        "--as-of",
        "2026-12-04",
    ])
    .current_dir(&team.path("plans/carol/years"))
    .env("ROADMAP_TODAY", DEMO_TODAY)
    .stdout_contains("updated plans/carol/metrics.yaml")
    .run();
    let carol = std::fs::read_to_string(team.path("plans/carol/metrics.yaml")).expect("read");
    assert!(carol.contains("2026-12: 5.7M"), "{carol}");
    let alice = std::fs::read_to_string(team.path("plans/alice/metrics.yaml")).expect("read");
    assert!(!alice.contains("2026-12:"), "{alice}");
    // --person names another one from there.
    team.roadmap(&[
        "record",
        "--person",
        "alice",
        "territory-revenue",
        "6.4M",
        "--as-of",
        "2026-12-04",
    ])
    .current_dir(&team.path("plans/carol"))
    .env("ROADMAP_TODAY", DEMO_TODAY)
    .stdout_contains("updated plans/alice/metrics.yaml")
    .run();
    // Outside every person's folder, and without --person, it asks whose.
    team.roadmap(&["record", "territory-revenue", "5.7M"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .status(2)
        .stderr_contains("choose one with --person (alice, bob, carol)")
        .run();
    // new as record: the folder's person, or --person's.
    let by_folder = team
        .roadmap(&["new", "quarter", "2027-Q1", "--print"])
        .current_dir(&team.path("plans/bob"))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    let by_flag = team
        .roadmap(&["new", "quarter", "2027-Q1", "--print", "--person", "bob"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .run();
    assert_eq!(text(&by_folder.stdout), text(&by_flag.stdout));
    assert!(!by_flag.stdout.is_empty());
}

#[test]
fn an_unknown_person_is_refused_on_every_command_with_a_guess() {
    let team = team();
    let commands: [&[&str]; 11] = [
        &["check"],
        &["status"],
        &["progress"],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "--periods", "2026-Q2", "2026-Q3"],
        &["report", "--context"],
        &["new", "quarter", "--print"],
        &["review", "2026-11"],
        &["record", "territory-revenue", "5M"],
        &["watch"],
        &["import", "sales.csv", "--rules", "rules.yaml", "--dry-run"],
    ];
    for args in commands {
        let flagged: Vec<&str> = args.iter().copied().chain(["--person", "carl"]).collect();
        team.roadmap(&flagged)
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .status(2)
            .stderr_contains(
                "--person carl: no plans/carl/ in this repository (people: alice, bob, carol)",
            )
            .stderr_contains("did you mean `carol`?")
            .run();
    }
    // Before the command's name too: one global option.
    team.roadmap(&["--person", "carl", "status"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .status(2)
        .stderr_contains("did you mean `carol`?")
        .run();
}

#[test]
fn person_in_a_repository_of_one_plan_is_refused() {
    let demo = Test::demo();
    for args in [
        &["status", "--person", "alex"][..],
        &["progress", "--person", "alex"],
        &["check", "--person", "alex"],
        &["record", "territory-revenue", "5M", "--person", "alex"],
    ] {
        demo.roadmap(args)
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .status(2)
            .stderr_contains(
                "--person alex: this repository keeps one plan, in plans/ itself, not a folder per person; leave out --person",
            )
            .run();
    }
    // A plan's own folder is no person's.
    demo.roadmap(&["status"])
        .current_dir(&demo.path("plans/quarters"))
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .stdout_contains("Alex Morgan  2025-2035")
        .run();
}

#[test]
fn person_on_a_command_that_reads_no_plan_is_refused() {
    let team = team();
    team.roadmap(&["schema", "--person", "bob"])
        .status(2)
        .stderr_contains("`roadmap schema` reads no plan")
        .run();
    team.roadmap(&["hooks", "status", "--person", "bob"])
        .status(2)
        .stderr_contains("`roadmap hooks` reads no plan")
        .run();
}
