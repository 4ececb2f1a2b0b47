//! What the in-place YAML edits write: the demo's history, month by month,
//! exactly as the bundled example and its replay rules make it.

use std::fmt::Write as _;

use super::support::Test;

/// The tree of every month of `roadmap demo`, oldest first. A tree id
/// depends on nothing but the files' bytes, so a change to how the demo's
/// months are written (quoting, a line moved, a comment lost) shows here.
/// When the example plan or the replay rules change on purpose, look at
/// the new history (`git log -p` in a demo folder) and update the list.
const DEMO_TREES: [(&str, &str); 22] = [
    ("2025-01-31", "0779351276d96b9460754372684d9c1cde949616"),
    ("2025-02-28", "a88638cd00a3d50aed0122497ffded2ccf7920fb"),
    ("2025-03-31", "30a050336dd5cdae8ea50035a64adcf218acaece"),
    ("2025-04-30", "14efe6455cd659af23a0c5fd62b87593b0df902c"),
    ("2025-05-31", "7746ef2eb693b6a4b012214a5288defc604281a6"),
    ("2025-06-30", "a12ba00d54222629a7e8d737a28a7114b28aa87c"),
    ("2025-07-31", "2d14706cea8a31b36edbc898cceff9d5c82f05d7"),
    ("2025-08-31", "6e500f51989d4dd8238dfbf6060b89f08e60966f"),
    ("2025-09-30", "709e50c3a2eb19a4dc858a420bc075aa89999db6"),
    ("2025-10-31", "25200cf892fdf42b947acbb837e2f3e91789ad95"),
    ("2025-11-30", "61b84bc1e3b7eb8b66173f5fd76114ef21adc475"),
    ("2025-12-31", "7e7c9e61b6b7c6235d3d7eddaf018e118d91d0ce"),
    ("2026-01-31", "3d924a664ddd08d73b6a5ff8a1ddfeb2f02374a2"),
    ("2026-02-28", "4c103e3574eceaa47ecc9624739424666b540e04"),
    ("2026-03-31", "68dab43ab6d21bd7779c9f79b21ff42ab5b8862b"),
    ("2026-04-30", "aacd544248bbadb6f77911621901be6e520e0cc9"),
    ("2026-05-31", "93cbd13019d6d9f2ee4511da119888acebf58065"),
    ("2026-06-30", "4ce1d1ee73819ccb29d5d9bb3ac9b9191d9615bd"),
    ("2026-07-31", "f0be5723bedc4504131b8e3fd6f040ea4e2eda4c"),
    ("2026-08-31", "fd4c41b28ae63031aef0b1a106efc27d28631bdc"),
    ("2026-09-30", "2f3fcce749bf5faeb8999368e66eed0784cd5123"),
    ("2026-10-31", "5e45b2ff68d648e34456f16e64795a741bae900b"),
];

#[test]
fn the_demo_writes_every_month_byte_for_byte_as_pinned() {
    let demo = Test::demo();
    let log = demo.git_stdout(&["log", "--reverse", "--format=%ad %T", "--date=short"]);
    let months: Vec<(&str, &str)> = log
        .lines()
        .filter_map(|line| line.split_once(' '))
        .collect();
    let changed: Vec<String> = DEMO_TREES
        .iter()
        .zip(&months)
        .filter(|(want, got)| want != got)
        .map(|((day, want), (_, got))| format!("{day}: {got}, pinned {want}"))
        .collect();
    assert_eq!(months.len(), DEMO_TREES.len(), "{log}");
    assert!(
        changed.is_empty(),
        "the demo's months differ from the pinned ones (`git log -p` in a demo folder shows how):\n{}",
        changed.join("\n")
    );
}

/// One value of each kind a person types, by item: a metric's reading
/// without its unit, a key result's value, a relationship goal's count,
/// and key results that measure a goal and a milestone. A skill's level
/// is [`LEVEL`].
const VALUES: [(&str, &str); 5] = [
    ("market-share", "19.2"),
    ("26q4-revenue-quarter", "0.61M"),
    ("regional-director", "2"),
    ("26q4-sponsors", "9"),
    ("26q4-playbook-published", "1"),
];

const LEVEL: (&str, &str) = ("leadership", "5");

/// The files the values go to.
const WRITTEN: [&str; 4] = [
    "plans/capabilities.yaml",
    "plans/metrics.yaml",
    "plans/relationships.yaml",
    "plans/quarters/2026-Q4.md",
];

#[test]
fn record_and_review_write_a_value_to_the_same_place_in_the_same_words() {
    // The November review is written as of its last day; `record` is told
    // the same day.
    let recorded = Test::demo();
    for (id, value) in VALUES.into_iter().chain([LEVEL]) {
        recorded
            .roadmap(&["record", id, value, "--as-of", "2026-11-30"])
            .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
            .run();
    }
    let reviewed = Test::demo();
    let mut answers = String::from("values:\n");
    for (id, value) in VALUES {
        let _ = writeln!(answers, "  {id}: \"{value}\"");
    }
    let skills = format!("skills:\n  {}: {}\n", LEVEL.0, LEVEL.1);
    reviewed.write("answers.yaml", answers + &skills);
    reviewed
        .roadmap(&["review", "2026-11", "--answers", "answers.yaml"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .run();
    let read = |test: &Test, rel: &str| {
        std::fs::read_to_string(test.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    for rel in WRITTEN {
        let (by_record, by_review) = (read(&recorded, rel), read(&reviewed, rel));
        let changed = by_record != read(&Test::demo(), rel);
        assert!(changed, "{rel}: record left it as it was");
        assert_eq!(by_record, by_review, "{rel}: record and review differ");
    }
    let metrics = read(&recorded, "plans/metrics.yaml");
    assert!(metrics.contains("      2026-11: 19.2%\n"), "{metrics}");
}
