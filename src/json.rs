//! The JSON that `--format json` prints, as a contract for scripts.
//!
//! Each command's JSON is one object, its envelope, that starts with
//! `version` ([`VERSION`]): a script checks it once and knows the shape of
//! everything else. The envelopes live here, beside the JSON Schemas that
//! are made from them ([`schemas`]), so the shapes printed and the shapes
//! documented in `docs/json/` cannot drift apart: a test compares the
//! committed schemas with these and validates the demo's real outputs
//! against them.
//!
//! Same concept, same name, in every command: `path` for a file relative to
//! the repository root, `line` and `column` for a position in it, `id`,
//! `title` (`name` where the plan file says `name`), `as_of` and `today`
//! for dates, `period` for a plan period; numbers are JSON numbers.

#[cfg(test)]
use schemars::generate::SchemaSettings;
#[cfg(test)]
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diff::{PeriodDiff, PlanDiff};
use crate::history::{Observation as HistoryObservation, Val};
use crate::progress::Progress;

/// The version of every envelope's shape. It changes when a field is
/// removed, renamed or changes its meaning; a field added leaves it.
pub(crate) const VERSION: u32 = 1;

/// `roadmap check --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Check<'a> {
    /// The version of this shape: 1.
    pub version: u32,
    /// How many plan files were read, whether they parsed or not.
    pub files: usize,
    /// How many of the diagnostics are errors.
    pub errors: usize,
    /// How many of the diagnostics are warnings.
    pub warnings: usize,
    /// Every problem found, by file and position.
    pub diagnostics: &'a [Diagnostic],
}

/// `roadmap status --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Status<'a> {
    /// The version of this shape: 1.
    pub version: u32,
    /// One view per person's plan (one in all for a single plan).
    pub plans: &'a [Progress],
}

/// `roadmap status --team --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StatusTeam<'a> {
    /// The version of this shape: 1.
    pub version: u32,
    /// The day the figures are measured at: the team's last update.
    pub as_of: chrono::NaiveDate,
    /// The day things fall due against.
    pub today: chrono::NaiveDate,
    /// The people, the hierarchy and the roll-up.
    pub team: &'a crate::team::Team,
    /// The plan files the figures are made without, wholly or in part,
    /// each with what is left out: empty when every plan was read whole.
    pub problems: &'a [crate::load::Problem],
}

/// `roadmap progress --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProgressSeries<T> {
    /// The version of this shape: 1.
    pub version: u32,
    /// One observation per value per commit that changed it, oldest first.
    pub observations: Vec<T>,
}

/// One side of `roadmap diff`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Side<'a> {
    /// How the side was named, with its commit and date:
    /// `review/2026-Q2 (72b548d, 2026-06-30)`, `working tree`.
    pub label: &'a str,
    /// The commit, or `null` for the working tree or a side before the
    /// plan's first commit.
    pub commit: Option<&'a str>,
    /// Something to know about how the side was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// The errors `roadmap check` finds on this side.
    pub errors: Vec<Diagnostic>,
}

/// `roadmap diff FROM TO --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Diff<'a> {
    /// The version of this shape: 1.
    pub version: u32,
    /// The older side.
    pub from: Side<'a>,
    /// The newer side.
    pub to: Side<'a>,
    #[serde(flatten)]
    pub changes: &'a PlanDiff,
}

/// `roadmap diff --periods A B --format json`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Periods<'a> {
    /// The version of this shape: 1.
    pub version: u32,
    /// One comparison per person's plan.
    pub plans: &'a [PeriodDiff],
}

/// One observation of `roadmap progress --format json`: numbers are JSON
/// numbers, words are strings, and a target the item has not is `null`.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Observation<'a> {
    /// The day the value is true on: the file's `as_of` when it states
    /// one, else the commit's date (YYYY-MM-DD).
    pub date: String,
    /// Whose plan, in a repository with one folder per person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a str>,
    /// The item's id.
    pub id: &'a str,
    /// What was observed: `metric`, `key-result`, `skill`, `habit`, `target`, ...
    pub kind: &'static str,
    /// The plan period a quarter's or year's item belongs to (`2026-Q4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<&'a str>,
    /// Which of the item's values: a month (`2026-10`) for a metric's
    /// reading, a year for a target, `current`, `level`, a day for a
    /// check-in.
    pub field: &'a str,
    /// The value: a number, or words (a status, a win).
    pub value: Cell<'a>,
    /// The target in force for the value, if the item has one.
    pub target: Option<Number>,
    /// The commit the value was read from, or `uncommitted`.
    pub commit: &'a str,
}

/// A value: a number, or words.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum Cell<'a> {
    Number(Number),
    Text(&'a str),
}

/// A number written as the text format writes it: `6850000`, not
/// `6850000.0`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        if n.fract() == 0.0 && n.abs() < 1e15 {
            serializer.serialize_i64(n as i64)
        } else {
            serializer.serialize_f64(n)
        }
    }
}

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

impl<'a> From<&'a HistoryObservation<'a>> for Observation<'a> {
    fn from(o: &'a HistoryObservation<'a>) -> Self {
        Observation {
            date: o.date.to_string(),
            person: o.person,
            id: o.id,
            kind: o.kind.as_str(),
            period: o.period,
            field: o.field,
            value: match &o.value {
                Val::Num(n) => Cell::Number(Number(*n)),
                Val::Text(t) => Cell::Text(t),
            },
            target: o.target.map(Number),
            commit: o.commit.unwrap_or("uncommitted"),
        }
    }
}

#[cfg(test)]
/// The schema of each envelope, by the name of its file in `docs/json/`
/// (`check` is `docs/json/check.schema.json`).
pub(crate) fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("check", schema::<Check>("roadmap check --format json")),
        ("status", schema::<Status>("roadmap status --format json")),
        (
            "status-team",
            schema::<StatusTeam>("roadmap status --team --format json"),
        ),
        (
            "progress",
            schema::<ProgressSeries<Observation>>("roadmap progress --format json"),
        ),
        ("diff", schema::<Diff>("roadmap diff --format json")),
        (
            "diff-periods",
            schema::<Periods>("roadmap diff --periods --format json"),
        ),
    ]
}

#[cfg(test)]
/// The schema of `T` as serialized, in draft 7 (as the plan files' own
/// schemas), where no object takes a property the shape does not name.
fn schema<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = SchemaSettings::draft07()
        .for_serialize()
        .with_transform(RecursiveTransform(closed))
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".to_owned(), title.into());
    if let Some(version) = schema
        .get_mut("properties")
        .and_then(|p| p.get_mut("version"))
        .and_then(serde_json::Value::as_object_mut)
    {
        version.insert("const".to_owned(), VERSION.into());
    }
    schema
}

#[cfg(test)]
/// An object with named properties takes no others.
fn closed(schema: &mut Schema) {
    if schema.get("properties").is_some() && schema.get("additionalProperties").is_none() {
        schema.insert("additionalProperties".to_owned(), false.into());
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The schemas in `docs/json/` are the ones the code makes. After a
    /// change of shape, `ROADMAP_WRITE_SCHEMAS=1 cargo test --lib json::`
    /// writes them anew (and the change of shape wants a new [`VERSION`]
    /// if a field was removed, renamed or changed its meaning).
    #[test]
    fn the_documented_schemas_are_the_ones_the_code_makes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json");
        let write = std::env::var_os("ROADMAP_WRITE_SCHEMAS").is_some();
        for (name, schema) in super::schemas() {
            let path = dir.join(format!("{name}.schema.json"));
            let made = serde_json::to_string_pretty(&schema).expect("a schema") + "\n";
            if write {
                std::fs::create_dir_all(&dir).expect("docs/json");
                std::fs::write(&path, &made).expect("write the schema");
            }
            let kept = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                kept == made,
                "{} is not the schema the code makes: run `ROADMAP_WRITE_SCHEMAS=1 cargo test --lib json::` and commit it",
                path.display()
            );
        }
    }
}
