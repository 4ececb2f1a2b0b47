//! Machine output as a contract: every `--format json` is one object with
//! its `version`, and matches its JSON Schema in `docs/json/`, checked with
//! the real `check-jsonschema` (installed with pip); `check` locates both ends of
//! the offending node; `diff` tells prose by file and line, never as a
//! stream of words; an id nobody has is an error.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::support::{DEMO_TODAY, Test, tool};

/// The schema of `name` in `docs/json/`.
fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/json/{name}.schema.json"))
}

/// Runs `check-jsonschema` on `instances` (name, JSON text) against the
/// schema `name`; its output and whether it passed.
fn check_jsonschema(name: &str, instances: &[(String, String)]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut command = Command::new(tool(
        "check-jsonschema",
        "pip install check-jsonschema==0.33.2",
    ));
    command.arg("--schemafile").arg(schema(name));
    for (i, (_, text)) in instances.iter().enumerate() {
        let path = dir.path().join(format!("{name}-{i}.json"));
        std::fs::write(&path, text).expect("write the output");
        command.arg(path);
    }
    let output = command.output().expect("run check-jsonschema");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), said)
}

/// `roadmap ARGS` in `test` on the demo's day, its stdout and exit code.
fn output(test: &Test, args: &[&str], code: i32) -> String {
    let output = test
        .roadmap(args)
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .status(code)
        .run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn check_progress_status_and_diff_json_are_versioned_and_match_their_schemas() {
    let test = Test::demo();
    let runs: &[(&str, &[&str])] = &[
        ("check", &["check", "--format", "json"]),
        (
            "check",
            &["check", "--rev", "review/2025-Q1", "--format", "json"],
        ),
        ("status", &["status", "--format", "json"]),
        ("status", &["status", "--at", "2026-Q2", "--format", "json"]),
        ("progress", &["progress", "--format", "json"]),
        (
            "progress",
            &["progress", "territory-revenue", "--format", "json"],
        ),
        (
            "diff",
            &[
                "diff",
                "review/2026-Q2",
                "review/2026-Q3",
                "--format",
                "json",
            ],
        ),
        ("diff", &["diff", "2024-12-31", "HEAD", "--format", "json"]),
        (
            "diff-periods",
            &[
                "diff",
                "--periods",
                "2026-Q2",
                "2026-Q3",
                "--format",
                "json",
            ],
        ),
        (
            "diff-periods",
            &["diff", "--periods", "2025", "2026", "--format", "json"],
        ),
    ];
    // A plan with problems: diagnostics, problems and files left out.
    let broken = Test::demo()
        .edit(
            "plans/habits.yaml",
            "cadence: daily",
            "cadence: dayly\n    titel: x",
        )
        .file("plans/capabilities.yaml", "skills: [\n");
    let broken_runs: &[(&str, &[&str], i32)] = &[
        ("check", &["check", "--format", "json"], 1),
        ("status", &["status", "--format", "json"], 1),
        ("diff", &["diff", "HEAD", "--format", "json"], 1),
    ];
    let mut by_schema: std::collections::BTreeMap<&str, Vec<(String, String)>> =
        std::collections::BTreeMap::new();
    for (name, args) in runs {
        let text = output(&test, args, 0);
        by_schema
            .entry(name)
            .or_default()
            .push((args.join(" "), text));
    }
    for (name, args, code) in broken_runs {
        let text = output(&broken, args, *code);
        by_schema
            .entry(name)
            .or_default()
            .push((format!("{} (a broken plan)", args.join(" ")), text));
    }
    for (name, outputs) in &by_schema {
        for (what, text) in outputs {
            let json: Value = serde_json::from_str(text).expect("JSON");
            assert_eq!(json["version"], 1, "`roadmap {what}` has no version 1");
        }
        let (valid, said) = check_jsonschema(name, outputs);
        let what: Vec<&str> = outputs.iter().map(|(what, _)| what.as_str()).collect();
        assert!(
            valid,
            "{what:?} do not match docs/json/{name}.schema.json:\n{said}"
        );
    }
    // The schemas have teeth: an output without its version, or with a
    // field the schema does not name, is refused.
    let (_, check) = &by_schema["check"][0];
    let mut json: Value = serde_json::from_str(check).expect("JSON");
    json.as_object_mut().expect("an object").remove("version");
    let (valid, _) = check_jsonschema("check", &[(String::new(), json.to_string())]);
    assert!(
        !valid,
        "a check output without its version passes its schema"
    );
    let (_, progress) = &by_schema["progress"][1];
    let mut json: Value = serde_json::from_str(progress).expect("JSON");
    json["observations"][0]["valeu"] = Value::from(1);
    let (valid, _) = check_jsonschema("progress", &[(String::new(), json.to_string())]);
    assert!(
        !valid,
        "an observation with an unknown field passes its schema"
    );
}

#[test]
fn json_numbers_are_numbers() {
    let test = Test::demo();
    let status: Value =
        serde_json::from_str(&output(&test, &["status", "--format", "json"], 0)).expect("JSON");
    let plan = &status["plans"][0];
    assert!(plan["overall"]["percent"].is_number());
    assert!(plan["metrics"][0]["actual"].is_number());
    assert!(plan["start"].is_number());
    let progress: Value = serde_json::from_str(&output(
        &test,
        &["progress", "territory-revenue", "--format", "json"],
        0,
    ))
    .expect("JSON");
    let readings: Vec<&Value> = progress["observations"]
        .as_array()
        .expect("observations")
        .iter()
        .filter(|o| o["kind"] == "metric")
        .collect();
    assert!(!readings.is_empty());
    assert!(
        readings.iter().all(|o| o["value"].is_number()),
        "{readings:?}"
    );
}

#[test]
fn check_json_gives_both_ends_of_the_offending_node() {
    let test = Test::minimal()
        .file(
            "plans/habits.yaml",
            "habits:\n  - id: reading\n    titel: Read for 30 minutes\n    cadence: dayly\n    minutes: 30\n",
        )
        .file(
            "plans/capabilities.yaml",
            "skills:\n  - id: negotiation\n    name: Negotiation\n    area: sales\n    level: 4\n    targets:\n      2026: 5\n      2027: seven\n      2028:\n        a: 1\n        b: 2\n",
        )
        .edit(
            "plans/quarters/2026-Q1.md",
            "supports: [y26-revenue]",
            "supports: [\"y26-revenu\"]",
        )
        .file("plans/metrics.yaml", "metrics: [\n  {id: x\n");
    let json = test
        .roadmap(&["check", "--format", "json"])
        .status(1)
        .json();
    let found: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}-{}:{} {}",
                d["path"].as_str().expect("a path"),
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"],
                d["code"].as_str().expect("a code"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // A value: the value.
            "plans/capabilities.yaml 8:13-8:18 type",
            // A value of several lines: from its first key to the end of
            // its last value.
            "plans/capabilities.yaml 10:9-11:13 type",
            // A key: the key.
            "plans/habits.yaml 3:5-3:10 unknown-key",
            "plans/habits.yaml 4:14-4:19 unknown-value",
            // A syntax error: the token where it is found.
            "plans/metrics.yaml 3:1-3:2 syntax",
            // A quoted value: its quotes included.
            "plans/quarters/2026-Q1.md 7:16-7:28 unknown-id",
            // An entry of a flow list: the entry.
            "plans/years/2026.md 16:23-16:31 unknown-id",
        ],
        "{json:#}"
    );
}

/// The words of the Markdown below a file's front matter.
fn body_words(text: &str) -> usize {
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body);
    body.split_whitespace().count()
}

#[test]
fn diff_tells_a_new_review_file_as_added_with_its_words_not_a_word_stream() {
    let test = Test::demo();
    let shown = |rev: &str| {
        let output = test
            .git_command()
            .args(["show", &format!("{rev}:plans/reviews/2026-07.md")])
            .output()
            .expect("git show");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let words = body_words(&shown("review/2026-Q3"));
    assert!(words > 100, "the July review has {words} words");
    let args = [
        "diff",
        "review/2026-Q2",
        "review/2026-Q3",
        "--color",
        "never",
    ];
    let text = output(&test, &args, 0);
    assert!(
        text.contains(&format!("plans/reviews/2026-07.md: added, {words} words\n")),
        "{text}"
    );
    assert!(!text.contains("{+") && !text.contains("[-"), "{text}");
    // The other way round, the same file is removed.
    let back = output(
        &test,
        &[
            "diff",
            "review/2026-Q3",
            "review/2026-Q2",
            "--color",
            "never",
        ],
        0,
    );
    assert!(
        back.contains(&format!(
            "plans/reviews/2026-07.md: removed, {words} words\n"
        )),
        "{back}"
    );
    let markdown = output(&test, &[&args[..3], &["--format", "markdown"]].concat(), 0);
    assert!(
        markdown.contains(&format!(
            "- plans/reviews/2026-07.md: added, {words} words\n"
        )),
        "{markdown}"
    );
    assert!(!markdown.contains("**"), "{markdown}");
    let json: Value = serde_json::from_str(&output(
        &test,
        &[&args[..3], &["--format", "json"]].concat(),
        0,
    ))
    .expect("JSON");
    let july = json["prose"]
        .as_array()
        .expect("prose")
        .iter()
        .find(|p| p["path"] == "plans/reviews/2026-07.md")
        .expect("the July review");
    assert_eq!(
        july,
        &serde_json::json!({"path": "plans/reviews/2026-07.md", "change": "added", "words": words})
    );
}

#[test]
fn diff_shows_a_changed_paragraph_as_a_line_diff() {
    let test = Test::demo().edit(
        "plans/reviews/2026-09.md",
        "The mornings came back",
        "The early mornings came back",
    );
    let text = output(&test, &["diff", "HEAD", "--color", "never"], 0);
    let prose: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Prose")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(prose.len(), 3, "{text}");
    assert!(
        prose[0].starts_with("  plans/reviews/2026-09.md: changed, ")
            && prose[0].ends_with(" words"),
        "{text}"
    );
    assert!(
        prose[1].starts_with("      - The mornings came back"),
        "{text}"
    );
    assert!(
        prose[2].starts_with("      + The early mornings came back"),
        "{text}"
    );
    assert!(!text.contains("{+"), "{text}");
}

#[test]
fn progress_with_an_unknown_id_fails_with_a_did_you_mean() {
    let test = Test::demo();
    for format in ["text", "json", "csv"] {
        let output = test
            .roadmap(&["progress", "territory-revenu", "--format", format])
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .status(2)
            .stderr_contains("unknown id `territory-revenu`")
            .stderr_contains("did you mean `territory-revenue`?")
            .run();
        assert!(output.stdout.is_empty(), "{format}: something on stdout");
    }
}
