//! The JSON Schema of each plan file kind, for editors and for any JSON
//! Schema validator.
//!
//! schemars derives the shape (keys, types, allowed words, descriptions from
//! the doc comments) from [`crate::model`]; the functions here add the rules
//! of [`crate::validate`] that a schema can state (ranges, id and period
//! patterns, check-in marks, percentages), built from the constants that
//! `validate` itself enforces, so the editor and `roadmap check` never
//! disagree. Rules that need another file (unknown ids, the plan's years, a
//! period against the file name) or a comparison between two values
//! (`end` after `start`, rank within `of`) stay with `check`.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use crate::layout::Kind;
use crate::model::{self, MetricKind};
use crate::validate::{
    CHECKIN_MARKS, GROWTH_LIMIT, ID_MAX_LEN, LEVEL_MAX, LEVEL_MIN, SHARE_KINDS, TIMES_MAX,
    TIMES_MIN,
};

/// The most days a month has: the longest check-in line. The month of the
/// file decides the exact length, which only `check` knows.
const MAX_MONTH_DAYS: usize = 31;

/// Draft 7 is what yaml-language-server implements.
fn draft07<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a file kind's YAML (for Markdown kinds, the front matter).
pub(crate) fn schema(kind: Kind) -> Schema {
    let mut schema = match kind {
        Kind::Vision => draft07::<model::Vision>(),
        Kind::Strategy => draft07::<model::Strategy>(),
        Kind::Capabilities => draft07::<model::Capabilities>(),
        Kind::Metrics => draft07::<model::Metrics>(),
        Kind::Relationships => draft07::<model::Relationships>(),
        Kind::Habits => draft07::<model::Habits>(),
        Kind::Career => draft07::<model::Career>(),
        Kind::Year => draft07::<model::YearPlan>(),
        Kind::Quarter => draft07::<model::QuarterPlan>(),
        Kind::CheckIns => checkins(),
        Kind::Time => time_log(),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => draft07::<model::Review>(),
    };
    schema.insert(
        "title".to_owned(),
        format!("roadmap {} file ({})", kind.name(), kind.pattern()).into(),
    );
    if let Some(map) = schema.as_object_mut() {
        map.values_mut().for_each(standard_formats_only);
    }
    schema
}

/// The formats draft 7 defines. schemars also writes Rust's (`uint32`,
/// `double`), which validators warn about and ignore: the ranges say it.
const DRAFT07_FORMATS: [&str; 17] = [
    "date-time",
    "date",
    "time",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn standard_formats_only(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| !DRAFT07_FORMATS.contains(&f))
            {
                map.remove("format");
            }
            map.values_mut().for_each(standard_formats_only);
        }
        Value::Array(items) => items.iter_mut().for_each(standard_formats_only),
        _ => {}
    }
}

/// `checkins/YYYY-MM.yaml` is a bare map (`model::CheckIns`), so its rules
/// are stated here rather than on a struct.
fn checkins() -> Schema {
    let mut schema = draft07::<model::CheckIns>();
    schema.insert(
        "description".to_owned(),
        "`checkins/2026-10.yaml`: one line per habit id, one character per day of the month: \
         `x` (or `X`) done, `.` (or `-` or a space) not done; days not yet written are unknown."
            .into(),
    );
    schema.insert("propertyNames".to_owned(), id_schema());
    schema.insert(
        "additionalProperties".to_owned(),
        json!({
            "description": "The habit's marks, one per day from the 1st.",
            "type": "string",
            "pattern": checkin_pattern(),
            "maxLength": MAX_MONTH_DAYS,
        }),
    );
    schema
}

/// `^[xX. -]*$` from [`CHECKIN_MARKS`], `-` last so it reads as itself.
fn checkin_pattern() -> String {
    let (dash, rest): (Vec<char>, Vec<char>) = CHECKIN_MARKS.iter().partition(|c| **c == '-');
    let class: String = rest
        .iter()
        .chain(dash.iter())
        .map(|c| match c {
            '\\' | ']' | '^' => format!("\\{c}"),
            c => c.to_string(),
        })
        .collect();
    format!("^[{class}]*$")
}

/// An id as [`crate::validate::valid_id`] accepts it.
pub(crate) fn id_pattern() -> String {
    format!("^[a-z0-9][a-z0-9._-]{{0,{}}}$", ID_MAX_LEN - 1)
}

fn id_schema() -> Value {
    json!({"type": "string", "pattern": id_pattern(), "maxLength": ID_MAX_LEN})
}

/// `schema_with` for an item's `id`.
pub(crate) fn id(_: &mut SchemaGenerator) -> Schema {
    let mut schema = into_schema(id_schema());
    schema.insert(
        "description".to_owned(),
        "A stable id: lower-case letters, digits and `-`, `_` or `.`, starting with a letter or \
         digit; history and diffs follow the item by it."
            .into(),
    );
    schema
}

fn level_schema() -> Value {
    json!({"type": "integer", "minimum": LEVEL_MIN, "maximum": LEVEL_MAX})
}

/// `schema_with` for a skill level.
pub(crate) fn level(_: &mut SchemaGenerator) -> Schema {
    into_schema(level_schema())
}

/// `schema_with` for a weekly habit's `times`.
pub(crate) fn times(_: &mut SchemaGenerator) -> Schema {
    into_schema(json!({
        "description": "With `cadence: weekly`: check-ins a week; once when left out.",
        "type": "integer",
        "minimum": TIMES_MIN,
        "maximum": TIMES_MAX,
    }))
}

/// `schema_with` for a `days` habit's weekdays: each once.
pub(crate) fn weekdays(generator: &mut SchemaGenerator) -> Schema {
    let item = generator.subschema_for::<model::Weekday>();
    into_schema(json!({
        "description": "With `cadence: days`: the weekdays the habit is kept on, e.g. `[mon, wed, fri]`.",
        "type": "array",
        "items": item,
        "minItems": 1,
        "uniqueItems": true,
    }))
}

/// A habit's `days` goes with `cadence: days` (and is required by it),
/// `times` with `cadence: weekly`.
pub(crate) fn habit_cadence(schema: &mut Schema) {
    let only = |cadence: &str, key: &str| {
        json!({
            "if": {"properties": {"cadence": {"const": cadence}}, "required": ["cadence"]},
            "then": {"required": [key]},
            "else": {"not": {"required": [key]}},
        })
    };
    let rule = json!([only("days", "days"), {
        "if": {"properties": {"cadence": {"const": "weekly"}}, "required": ["cadence"]},
        "else": {"not": {"required": ["times"]}},
    }]);
    schema.insert("allOf".to_owned(), rule);
}

/// `schema_with` for the weekly time budget: shares by category id.
pub(crate) fn time_budget(_: &mut SchemaGenerator) -> Schema {
    into_schema(json!({
        "description": "The weekly time budget: each category's target share, in percent, of the \
            time recorded in a week, e.g. `strategic: 30`; the shares add up to 100.",
        "type": "object",
        "propertyNames": id_schema(),
        "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100},
    }))
}

/// `time/YYYY-MM.yaml`: days of the month, each with time by category.
fn time_log() -> Schema {
    let mut schema = draft07::<model::TimeLog>();
    schema.insert(
        "description".to_owned(),
        "`time/2026-11.yaml`: time spent by day and category of the habits' time budget, e.g. \
         `2026-11-02: {strategic: 2h30m, tactical: 6h}`."
            .into(),
    );
    schema.insert(
        "propertyNames".to_owned(),
        json!({"pattern": r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"}),
    );
    schema
}

/// `schema_with` for levels by year (`2026: 7`).
pub(crate) fn levels_by_year(_: &mut SchemaGenerator) -> Schema {
    into_schema(json!({
        "type": "object",
        "propertyNames": {"pattern": r"^-?\d+$"},
        "additionalProperties": level_schema(),
    }))
}

/// `schema_with` for levels by skill id (a review's assessment).
pub(crate) fn levels_by_skill(_: &mut SchemaGenerator) -> Schema {
    into_schema(json!({
        "type": "object",
        "propertyNames": id_schema(),
        "additionalProperties": level_schema(),
    }))
}

/// One number of at most two integer digits, or 100: a percentage whose
/// size is bounded by 100, in the forms [`crate::value::Amount`] reads.
const UP_TO_100: &str = r"(?:100(?:\.0*)?|[0-9]{1,2}(?:\.[0-9]*)?|\.[0-9]+)";

/// A growth band between -[`GROWTH_LIMIT`]% and +[`GROWTH_LIMIT`]%.
pub(crate) fn growth_band(_: &mut SchemaGenerator) -> Schema {
    let one = format!(r"\s*-?\s*{UP_TO_100}\s*%?\s*");
    into_schema(json!({
        "description": "Planned annual growth for revenue metrics, in percent: a band such as \
            `15-20%`, or one figure; between -100% and 100%.",
        "anyOf": [
            {"type": "number", "minimum": -GROWTH_LIMIT, "maximum": GROWTH_LIMIT},
            {"type": "string", "pattern": format!("^{one}(?:[-–]{one})?$")},
            {
                "type": "array",
                "items": {"type": "number", "minimum": -GROWTH_LIMIT, "maximum": GROWTH_LIMIT},
                "minItems": 2,
                "maxItems": 2,
            },
        ],
    }))
}

/// A non-negative amount: a number, or text without a minus sign.
fn non_negative_amount() -> Value {
    json!({"anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": format!(r"^\s*\$?\s*{}\s*$", AMOUNT_DIGITS)},
    ]})
}

/// The digits and suffix of an amount, as [`crate::value::Amount`] reads.
const AMOUNT_DIGITS: &str = r"[0-9.][0-9.,_]*\s*[kKmMbB%xX×]?";

/// A band that cannot be negative: a team size.
pub(crate) fn non_negative_band(_: &mut SchemaGenerator) -> Schema {
    let one = format!(r"\s*\$?\s*{AMOUNT_DIGITS}\s*");
    into_schema(json!({
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": format!("^{one}(?:[-–]{one})?$")},
            {
                "type": "array",
                "items": non_negative_amount(),
                "minItems": 2,
                "maxItems": 2,
            },
        ],
    }))
}

/// [`non_negative_band`], or nothing.
pub(crate) fn optional_non_negative_band(generator: &mut SchemaGenerator) -> Schema {
    into_schema(json!({"anyOf": [non_negative_band(generator), {"type": "null"}]}))
}

/// A phase's span of whole years, `2025-2026`.
pub(crate) fn years(_: &mut SchemaGenerator) -> Schema {
    let year = json!({"type": "integer", "minimum": 1000, "maximum": 9999});
    into_schema(json!({
        "anyOf": [
            year,
            {"type": "string", "pattern": r"^\s*\d{4}\s*(?:[-–]\s*\d{4}\s*)?$"},
            {"type": "array", "items": year, "minItems": 2, "maxItems": 2},
        ],
    }))
}

/// Readings are by month (`2026-10`) or year (`2025`).
pub(crate) fn actuals(generator: &mut SchemaGenerator) -> Schema {
    into_schema(json!({
        "type": "object",
        "propertyNames": {"pattern": r"^\s*\d{4}(?:-(?:0[1-9]|1[0-2]))?\s*$"},
        "additionalProperties": generator.subschema_for::<crate::value::Amount>(),
    }))
}

/// A share (`retention`, `market-share`) measured in `%` lies between 0 and
/// 100, in its baseline, targets and actuals.
pub(crate) fn metric(schema: &mut Schema) {
    let share = json!({"anyOf": [
        {"type": "number", "minimum": 0, "maximum": 100},
        {"type": "string", "pattern": format!(r"^\s*{UP_TO_100}\s*%?\s*$")},
    ]});
    let kinds: Vec<Value> = SHARE_KINDS.into_iter().map(kind_name).collect();
    schema.insert(
        "if".to_owned(),
        json!({
            "properties": {"kind": {"enum": kinds}, "unit": {"const": "%"}},
            "required": ["kind", "unit"],
        }),
    );
    schema.insert(
        "then".to_owned(),
        json!({"properties": {
            "baseline": share,
            "targets": {"additionalProperties": share},
            "actuals": {"additionalProperties": share},
        }}),
    );
}

fn kind_name(kind: MetricKind) -> Value {
    serde_json::to_value(kind).unwrap_or(Value::Null)
}

/// A key result measured in `%` has no negative target or current value.
pub(crate) fn key_result(schema: &mut Schema) {
    schema.insert(
        "if".to_owned(),
        json!({"properties": {"unit": {"const": "%"}}, "required": ["unit"]}),
    );
    schema.insert(
        "then".to_owned(),
        json!({"properties": {
            "target": non_negative_amount(),
            "current": non_negative_amount(),
        }}),
    );
}

/// Weights are 0 or more, and not all 0: a weight left out takes its
/// default, which is above 0.
pub(crate) fn weights(schema: &mut Schema) {
    let fields: Vec<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    schema.insert(
        "not".to_owned(),
        json!({"allOf": fields.iter().map(|f| json!({
            "required": [f],
            "properties": {f: {"const": 0}},
        })).collect::<Vec<_>>()}),
    );
}

fn into_schema(value: Value) -> Schema {
    Schema::try_from(value).unwrap_or_default()
}

/// The schema of `roadmap import`'s rules file (`import-rules.schema.json`).
pub(crate) fn import_rules() -> Schema {
    let mut schema = draft07::<crate::import::Rules>();
    if let Some(map) = schema.as_object_mut() {
        map.values_mut().for_each(standard_formats_only);
    }
    schema
}

/// `schema_with` for an import rule's `where` and `unless`: column → one
/// value or a list of them.
pub(crate) fn import_filter(_: &mut SchemaGenerator) -> Schema {
    let one = json!({"type": ["string", "number", "boolean"]});
    into_schema(json!({
        "type": "object",
        "description": "Column → the value (or list of values) it must hold, e.g. `Stage: Closed Won`.",
        "additionalProperties": {"anyOf": [one, {"type": "array", "items": one}]},
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_growth_pattern_spells_the_growth_limit() {
        // UP_TO_100 writes the limit out; a new limit needs a new pattern.
        assert!((GROWTH_LIMIT - 100.0).abs() < f64::EPSILON);
        assert!(UP_TO_100.starts_with("(?:100"));
    }

    #[test]
    fn the_checkin_pattern_lists_every_mark() {
        assert_eq!(checkin_pattern(), "^[xX. -]*$");
    }

    #[test]
    fn the_id_pattern_states_the_length_limit() {
        assert_eq!(id_pattern(), "^[a-z0-9][a-z0-9._-]{0,63}$");
        assert!(crate::validate::valid_id(&"a".repeat(ID_MAX_LEN)));
        assert!(!crate::validate::valid_id(&"a".repeat(ID_MAX_LEN + 1)));
    }
}
