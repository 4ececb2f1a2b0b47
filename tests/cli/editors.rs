//! The schemas of `roadmap schema` against the real tools people point at
//! them: check-jsonschema validates the broken-plan corpus, the bundled plan
//! and the demo; remark-lint-frontmatter-schema checks the Markdown front
//! matter with the `.remarkrc.json` that docs/format.md gives.
//!
//! The tools are installed from their registries (see `CHECK_JSONSCHEMA` and
//! `REMARK`); a missing tool fails the test with the command that installs it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use roadmap::layout::{self, Kind, Placement};
use serde_json::Value;

use super::support::{Test, tool};

const CHECK_JSONSCHEMA: &str = "pip install check-jsonschema==0.33.2";
const REMARK: &str = "npm install remark-cli@12.0.1 remark-frontmatter@5.0.0 remark-lint-frontmatter-schema@3.15.4 (globally, or with --prefix DIR and DIR/node_modules/.bin on PATH)";

/// A validator that hangs fails the test rather than the suite.
const TOOL_TIMEOUT: Duration = Duration::from_secs(300);

/// Broken cases whose rule a JSON Schema cannot state, and why. The schema
/// must accept these (the list is exact, not a place to hide failures).
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    (
        "duplicate-id",
        "ids unique across a list's items: draft 7's uniqueItems compares whole items",
    ),
    ("id-kind-clash", "the other definition is in another file"),
    ("unknown-id", "the id is defined, or not, in another file"),
    ("year-outside-plan", "the plan's years are in vision.md"),
    (
        "period-mismatch",
        "the period it must match is the file's name",
    ),
    (
        "review-before-period",
        "the period the date must follow is the file's name",
    ),
    (
        "checkin-too-long",
        "the month's length is the file's name; the schema caps lines at 31",
    ),
    ("file-name", "a file's name is not its content"),
    ("unknown-file", "a file's name is not its content"),
];

/// Broken cases that are about files rather than a document's content, so
/// there is no document to hand a validator.
const NOT_A_DOCUMENT: &[(&str, &str)] = &[
    ("missing-file", "a file that is not there"),
    ("empty-plan", "a folder without plan files"),
    ("empty-person-folder", "a folder without plan files"),
    ("symlink-outside", "a link, made at run time"),
    (
        "too-large",
        "a 50 MB file, made at run time: the reader's size limit",
    ),
    (
        "deep-nesting",
        "made at run time: the reader's nesting limit",
    ),
    (
        "deep-flow-nesting",
        "made at run time: the reader's nesting limit",
    ),
    (
        "deep-block-nesting",
        "made at run time: the reader's nesting limit",
    ),
    (
        "deep-front-matter",
        "made at run time: the reader's nesting limit",
    ),
    (
        "alias-bomb",
        "the reader's alias limit: check-jsonschema expands the aliases and does not finish",
    ),
    (
        "front-matter-missing",
        "a Markdown file without front matter",
    ),
    (
        "front-matter-unclosed",
        "a Markdown file whose front matter never ends",
    ),
];

/// Runs `command` to its end, or fails the test after `TOOL_TIMEOUT`.
fn run(mut command: Command) -> Output {
    let shown = format!("{command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("run {shown}: {err}"));
    let start = Instant::now();
    while child.try_wait().expect("wait for the tool").is_none() {
        if start.elapsed() > TOOL_TIMEOUT {
            let _ = child.kill();
            panic!("{shown} did not finish in {TOOL_TIMEOUT:?}");
        }
        thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("read the tool's output")
}

/// The schemas `roadmap schema` writes, in a folder of `test`.
fn write_schemas(test: &Test) -> PathBuf {
    test.roadmap(&["schema", "--out", ".schemas"]).run();
    test.path(".schemas")
}

/// The YAML a validator sees: a YAML file's bytes, or a Markdown file's
/// front matter. `None` for a Markdown file without closed front matter.
fn document(path: &Path) -> Option<Vec<u8>> {
    let bytes = fs::read(path).expect("read a plan file");
    if path.extension().is_some_and(|e| e != "md") {
        return Some(bytes);
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = String::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(yaml.into_bytes());
        }
        yaml.push_str(line);
    }
    None
}

/// The kind of a file at `rel` under `plans/`, if it is a plan file.
fn kind_of(rel: &str) -> Option<Kind> {
    match layout::classify(rel) {
        Placement::Plan { kind, .. } => Some(kind),
        Placement::Ignored | Placement::Misplaced { .. } => None,
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A plan file handed to the validator: where its document was written,
/// and what to call it in messages.
struct Instance {
    name: String,
    kind: Kind,
    document: PathBuf,
}

/// Writes the documents of the plan files under each `(name, plans)` into
/// `scratch`, one instance per plan file of a known kind.
fn instances(scratch: &Path, plans: &[(String, PathBuf)]) -> Vec<Instance> {
    let mut found = Vec::new();
    for (name, dir) in plans {
        for path in files_under(dir) {
            let rel = path
                .strip_prefix(dir)
                .expect("a file under its folder")
                .to_string_lossy()
                .replace('\\', "/");
            let Some(kind) = kind_of(&rel) else { continue };
            let Some(bytes) = document(&path) else {
                continue;
            };
            let document = scratch.join(format!("{}.yaml", found.len()));
            fs::write(&document, bytes).expect("write a document");
            found.push(Instance {
                name: format!("{name}/{rel}"),
                kind,
                document,
            });
        }
    }
    found
}

/// The instances check-jsonschema rejects (a schema error or a document it
/// cannot parse), with its messages, validating each kind's documents in
/// one run.
fn rejected(schemas: &Path, instances: &[Instance]) -> BTreeMap<String, Vec<String>> {
    let validator = tool("check-jsonschema", CHECK_JSONSCHEMA);
    let mut by_kind: BTreeMap<&str, Vec<&Instance>> = BTreeMap::new();
    for instance in instances {
        by_kind
            .entry(instance.kind.name())
            .or_default()
            .push(instance);
    }
    let mut rejected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (kind, group) in by_kind {
        let mut command = Command::new(&validator);
        command
            .arg("--output-format")
            .arg("json")
            .arg("--schemafile")
            .arg(schemas.join(format!("{kind}.schema.json")));
        for instance in &group {
            command.arg(&instance.document);
        }
        let output = run(command);
        let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
            panic!(
                "check-jsonschema wrote no JSON report ({err})\n{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        let problems = ["errors", "parse_errors"]
            .iter()
            .filter_map(|key| report[key].as_array())
            .flatten();
        for problem in problems {
            let file = problem["filename"].as_str().unwrap_or_default();
            let instance = group
                .iter()
                .find(|i| i.document.to_string_lossy() == file)
                .unwrap_or_else(|| panic!("check-jsonschema reports an unknown file {file}"));
            rejected
                .entry(instance.name.clone())
                .or_default()
                .push(format!(
                    "{} {}",
                    problem["path"].as_str().unwrap_or("(parse)"),
                    problem["message"].as_str().unwrap_or_default()
                ));
        }
    }
    rejected
}

fn case_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read tests/broken")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn schema_rejects_every_broken_plan_whose_rule_a_schema_can_state() {
    let test = Test::new();
    let schemas = write_schemas(&test);
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let names = case_names();
    for (listed, why) in NOT_EXPRESSIBLE.iter().chain(NOT_A_DOCUMENT) {
        assert!(
            names.iter().any(|n| n == listed),
            "no case {listed} ({why})"
        );
    }

    // Errors only: a warning is advice, and a schema has no severity.
    let cases: Vec<String> = names
        .into_iter()
        .filter(|name| {
            let expected = fs::read_to_string(broken.join(name).join("expected")).expect("read");
            expected.contains(": error[") && !NOT_A_DOCUMENT.iter().any(|(n, _)| n == name)
        })
        .collect();
    let scratch = test.path("documents");
    fs::create_dir_all(&scratch).expect("make the scratch folder");
    let plans: Vec<(String, PathBuf)> = cases
        .iter()
        .map(|name| (name.clone(), broken.join(name).join("plans")))
        .filter(|(_, dir)| dir.is_dir())
        .collect();
    let rejected = rejected(&schemas, &instances(&scratch, &plans));
    let rejected_cases: BTreeSet<&str> = rejected
        .keys()
        .filter_map(|name| name.split('/').next())
        .collect();

    let mut wrong = Vec::new();
    for case in &cases {
        let expressible = !NOT_EXPRESSIBLE.iter().any(|(n, _)| n == case);
        let caught = rejected_cases.contains(case.as_str());
        if expressible && !caught {
            wrong.push(format!("{case}: `check` rejects it, the schema accepts it"));
        }
        if !expressible && caught {
            wrong.push(format!(
                "{case}: listed as beyond a schema, yet rejected: {:?}",
                rejected
                    .iter()
                    .filter(|(name, _)| name.starts_with(&format!("{case}/")))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn bundled_plans_the_demo_and_valid_cases_pass_the_schemas() {
    let demo = Test::demo();
    let schemas = write_schemas(&demo);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans = vec![
        ("plans".to_owned(), root.join("plans")),
        ("demo".to_owned(), demo.path("plans")),
    ];
    // The valid-but-unusual cases (a byte order mark, CRLF) pass too.
    for entry in fs::read_dir(root.join("tests/valid")).expect("read tests/valid") {
        let case = entry.expect("entry").path();
        let name = format!(
            "valid/{}",
            case.file_name().expect("a name").to_string_lossy()
        );
        plans.push((name, case.join("plans")));
    }
    let scratch = demo.outside().join("documents");
    fs::create_dir_all(&scratch).expect("make the scratch folder");
    let instances = instances(&scratch, &plans);
    for (name, _) in &plans[..2] {
        let count = instances
            .iter()
            .filter(|i| i.name.starts_with(&format!("{name}/")))
            .count();
        assert!(count >= 60, "{name}: only {count} plan files found");
    }
    let rejected = rejected(&schemas, &instances);
    assert!(rejected.is_empty(), "valid files rejected: {rejected:#?}");
}

/// Every property of every schema (the file's keys at every depth, not the
/// conditions of `if`/`then`/`not`) says what it is for.
#[test]
fn every_property_of_every_schema_has_a_description() {
    fn walk(schema: &Value, at: &str, missing: &mut Vec<String>, total: &mut usize) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        *total += 1;
                        if property
                            .get("description")
                            .and_then(Value::as_str)
                            .is_none()
                        {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (key, value) in map {
                    if !["if", "then", "else", "not"].contains(&key.as_str()) {
                        walk(value, &format!("{at}/{key}"), missing, total);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}/{i}"), missing, total);
                }
            }
            _ => {}
        }
    }
    let test = Test::new();
    let schemas = write_schemas(&test);
    let mut missing = Vec::new();
    let mut total = 0;
    for path in files_under(&schemas) {
        let schema: Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("JSON");
        let name = path.file_name().expect("a name").to_string_lossy();
        walk(&schema, &name, &mut missing, &mut total);
        assert!(
            schema["description"].is_string(),
            "{name} has no description"
        );
    }
    assert!(total > 150, "only {total} properties");
    assert!(
        missing.is_empty(),
        "{} of {total}:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// The `.remarkrc.json` of docs/format.md: the one JSON block after the
/// heading of the remark section.
fn remarkrc_from_docs() -> String {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("read docs/format.md");
    let section = docs
        .split("### Markdown front matter: remark-lint-frontmatter-schema")
        .nth(1)
        .expect("docs/format.md has the remark section");
    let block = section
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the remark section has a JSON block");
    serde_json::from_str::<Value>(block).expect("the .remarkrc.json of the docs is JSON");
    block.to_owned()
}

/// Makes the plugins installed beside `remark` visible to it from the
/// repository, as `npm install --save-dev` there would: remark resolves
/// plugins from the repository's `node_modules` (or the global one only
/// when it is itself installed globally).
fn link_node_modules(test: &Test, remark: &Path) {
    let script = fs::canonicalize(remark).expect("resolve the remark script");
    let modules = script
        .ancestors()
        .find(|dir| dir.file_name().is_some_and(|n| n == "node_modules"))
        .unwrap_or_else(|| panic!("{} is not inside a node_modules folder", script.display()));
    #[cfg(unix)]
    std::os::unix::fs::symlink(modules, test.path("node_modules"))
        .expect("link node_modules into the repository");
    #[cfg(not(unix))]
    let _ = (test, modules);
}

fn remark(test: &Test) -> Output {
    let mut command = Command::new(tool("remark", REMARK));
    command
        .args(["--frail", "--quiet", "--no-color", "plans"])
        .current_dir(test.path(""));
    run(command)
}

#[test]
fn markdown_front_matter_is_checked_by_remark_with_the_same_schemas() {
    let test = Test::demo();
    write_schemas(&test);
    fs::write(test.path(".remarkrc.json"), remarkrc_from_docs()).expect("write .remarkrc.json");
    link_node_modules(&test, &tool("remark", REMARK));

    let output = remark(&test);
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "the demo's front matter is rejected:\n{report}"
    );

    let test = test
        .edit(
            "plans/quarters/2026-Q1.md",
            "category: revenue",
            "category: sales",
        )
        .edit(
            "plans/reviews/2026-01.md",
            "as_of: 2026-",
            "as_of: 2026-13-",
        );
    let output = remark(&test);
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{report}");
    for file in ["plans/quarters/2026-Q1.md", "plans/reviews/2026-01.md"] {
        assert!(report.contains(file), "{file} is not named:\n{report}");
    }
    assert!(report.contains("frontmatter-schema"), "{report}");
}
