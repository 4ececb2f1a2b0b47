//! `roadmap schema`: one JSON Schema per plan file kind.

use std::fs;

use super::support::Test;

/// The plan file kinds, and `roadmap import`'s rules file.
const KINDS: [&str; 15] = [
    "capabilities",
    "career",
    "checkins",
    "habits",
    "import-rules",
    "metrics",
    "month-review",
    "quarter",
    "quarter-review",
    "relationships",
    "strategy",
    "time",
    "vision",
    "year",
    "year-review",
];

#[test]
fn schema_writes_one_parsable_schema_per_kind() {
    let test = Test::new();
    let output = test.roadmap(&["schema", "--out", "schemas"]).run();
    let stdout = String::from_utf8_lossy(&output.stdout);

    let mut names: Vec<String> = fs::read_dir(test.path("schemas"))
        .expect("the schema folder exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = KINDS.iter().map(|k| format!("{k}.schema.json")).collect();
    expected.sort();
    assert_eq!(names, expected);

    for name in &names {
        assert!(
            stdout.contains(&format!("wrote schemas/{name}")),
            "{name} is not announced\n{stdout}"
        );
        let json = fs::read_to_string(test.path("schemas").join(name)).expect("read a schema");
        let schema: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|err| panic!("{name} is not JSON: {err}"));
        assert!(schema.is_object(), "{name} is a JSON object");
        assert!(
            schema["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("roadmap ")),
            "{name} has a title"
        );
    }
}

#[test]
fn the_year_schema_knows_the_objective_categories() {
    let test = Test::new();
    test.roadmap(&["schema", "--out", "schemas"]).run();
    let json = fs::read_to_string(test.path("schemas/year.schema.json")).expect("read");
    for category in [
        "revenue",
        "leadership",
        "relationships",
        "strategic",
        "personal",
    ] {
        assert!(json.contains(&format!("\"{category}\"")), "{category}");
    }
}
