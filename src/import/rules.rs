//! The rules file: which columns of an export hold the date, the amount
//! and the filters, and how its rows become each target's readings.
//!
//! Written by a sales manager, not a programmer, so it is YAML with plain
//! words (docs/import.md), every key known (`deny_unknown_fields`: a typo
//! is an error at its line, not a silently ignored filter), and a JSON
//! Schema (`roadmap schema`) for completion in an editor.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::error::Error;
use crate::value::Date;

/// `--rules FILE`: how an export's rows become readings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "roadmap import rules")]
pub struct Rules {
    /// The worksheet of an XLSX file to read; default: the first.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Lines above the header row (a report's title and filters); default:
    /// the first line that names the date column is the header.
    #[serde(default)]
    pub skip: Option<usize>,
    /// The field separator: `,`, `;` or a tab; default: guessed from the
    /// first lines.
    #[serde(default)]
    pub delimiter: Option<char>,
    /// The file's encoding; default: UTF-8, or UTF-16 when the file starts
    /// with a UTF-16 byte-order mark.
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// The decimal mark of amounts: `.` (`1,234.50`, the default) or `,`
    /// (`1.234,50 €`).
    #[serde(default)]
    pub decimal: DecimalMark,
    /// The column that dates each row, and how it is written.
    pub date: DateColumn,
    /// Rows dated before this day are skipped.
    #[serde(default)]
    pub since: Option<Date>,
    /// Rows dated after this day are skipped.
    #[serde(default)]
    pub until: Option<Date>,
    /// A column that names each row once (an opportunity id): two rows
    /// with the same value are an error. Default: two identical rows are.
    #[serde(default)]
    pub key: Option<String>,
    /// A column that holds each row's currency code (`USD`, `EUR`); default:
    /// the symbol or code written with the amount.
    #[serde(default)]
    pub currency: Option<String>,
    /// Only rows whose column holds one of these values are read, e.g.
    /// `Stage: Closed Won` (the same as `stage == "Closed Won"`).
    #[serde(default, rename = "where")]
    #[schemars(schema_with = "crate::schema::import_filter")]
    pub only: BTreeMap<String, Values>,
    /// Rows whose column holds one of these values are skipped, e.g.
    /// `Type: Renewal`.
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::import_filter")]
    pub unless: BTreeMap<String, Values>,
    /// The plan's metrics and key results this export fills, each with how
    /// its rows add up.
    pub into: Vec<Into>,
}

/// One metric or key result the export fills.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Into {
    /// The id of a metric (a reading per month) or a key result (its
    /// current value, from the rows of its quarter).
    pub id: String,
    /// The column holding the amount; not needed to `count`.
    #[serde(default)]
    pub amount: Option<String>,
    /// How the rows of a month (for a key result: of its quarter) add up.
    #[serde(default)]
    pub aggregate: Aggregate,
    /// Further filters for this target only, as the top-level `where`.
    #[serde(default, rename = "where")]
    #[schemars(schema_with = "crate::schema::import_filter")]
    pub only: BTreeMap<String, Values>,
    /// Further exclusions for this target only, as the top-level `unless`.
    #[serde(default)]
    #[schemars(schema_with = "crate::schema::import_filter")]
    pub unless: BTreeMap<String, Values>,
}

/// How rows add up into one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// The sum of the month's amounts (a month with no rows, between the
    /// first and the last, reads 0).
    #[default]
    Sum,
    /// The running sum from January to the month: a year-to-date figure.
    Ytd,
    /// The number of rows.
    Count,
    /// The mean of the month's amounts.
    Average,
    /// The amount of the month's latest row (a balance, a headcount).
    Latest,
}

impl Aggregate {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Ytd => "ytd",
            Aggregate::Count => "count",
            Aggregate::Average => "average",
            Aggregate::Latest => "latest",
        }
    }
}

/// The date column and its format.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateColumn {
    /// The column's header, e.g. `Close Date`.
    pub column: String,
    /// A chrono/strftime format such as `%d/%m/%Y` or `%b %Y`; default:
    /// ISO `2026-03-31`, US `03/31/2026`, `31.03.2026`, `Mar 2026`,
    /// `2026-03` and the like.
    #[serde(default)]
    pub format: Option<String>,
}

/// A file encoding exports come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Excel's "CSV" on Windows; also read for `latin1`.
    #[serde(rename = "windows-1252", alias = "latin1", alias = "cp1252")]
    Windows1252,
}

/// The decimal mark of amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
pub enum DecimalMark {
    #[default]
    #[serde(rename = ".")]
    Point,
    #[serde(rename = ",")]
    Comma,
}

/// One value or a list of them; numbers and booleans are read as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values(pub Vec<String>);

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        fn one<E: serde::de::Error>(value: serde_yaml::Value) -> Result<String, E> {
            match value {
                serde_yaml::Value::String(s) => Ok(s),
                serde_yaml::Value::Number(n) => Ok(n.to_string()),
                serde_yaml::Value::Bool(b) => Ok(b.to_string()),
                serde_yaml::Value::Null => Ok(String::new()),
                _ => Err(E::custom(
                    "a filter value is a word, a number or a list of them",
                )),
            }
        }
        match serde_yaml::Value::deserialize(deserializer)? {
            serde_yaml::Value::Sequence(list) => list
                .into_iter()
                .map(one)
                .collect::<Result<_, _>>()
                .map(Values),
            other => one(other).map(|v| Values(vec![v])),
        }
    }
}

impl Rules {
    /// Reads the rules in `text` (the file `shown`): YAML errors and rules
    /// that cannot work are reported at their line.
    pub fn parse(shown: &str, text: &str) -> Result<Rules, Error> {
        let rules: Rules = serde_yaml::from_str(text).map_err(|err| {
            // An error at the end of the input is said on its last line.
            let last = text.lines().count().max(1);
            let line = err.location().map_or(1, |l| l.line()).clamp(1, last);
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            Error::Usage(format!(
                "{shown}:{line}: {message}\n  hint: the rules' keys are in docs/import.md; `roadmap schema` writes their schema"
            ))
        })?;
        if rules.into.is_empty() {
            return Err(Error::Usage(format!(
                "{shown}:{}: `into` lists no metric or key result: add one, e.g. `- {{id: new-business, amount: Amount}}`",
                line_of(text, "into")
            )));
        }
        for target in &rules.into {
            if target.amount.is_none() && target.aggregate != Aggregate::Count {
                return Err(Error::Usage(format!(
                    "{shown}:{}: `{}` adds amounts up ({}) but names no `amount:` column: name it, or `aggregate: count` to count rows",
                    line_of(text, &target.id),
                    target.id,
                    target.aggregate.as_str()
                )));
            }
            if rules.into.iter().filter(|t| t.id == target.id).count() > 1 {
                return Err(Error::Usage(format!(
                    "{shown}:{}: `{}` is filled twice in `into`: one rule per metric or key result",
                    line_of(text, &target.id),
                    target.id
                )));
            }
        }
        if let (Some(since), Some(until)) = (rules.since, rules.until)
            && since.0 > until.0
        {
            return Err(Error::Usage(format!(
                "{shown}:{}: `since` ({}) is after `until` ({})",
                line_of(text, "since"),
                since.0,
                until.0
            )));
        }
        Ok(rules)
    }

    /// Every column the rules name, with what for: the header must hold
    /// them all.
    pub fn columns<'a>(&'a self) -> Vec<(&'a str, String)> {
        let mut out = vec![(self.date.column.as_str(), "the date".to_owned())];
        let mut add = |column: &'a str, what: String| {
            if !out.iter().any(|(c, _)| *c == column) {
                out.push((column, what));
            }
        };
        if let Some(key) = &self.key {
            add(key, "the key".to_owned());
        }
        if let Some(currency) = &self.currency {
            add(currency, "the currency".to_owned());
        }
        for column in self.only.keys().chain(self.unless.keys()) {
            add(column, "a filter".to_owned());
        }
        for target in &self.into {
            if let Some(amount) = &target.amount {
                add(amount, format!("{}'s amount", target.id));
            }
            for column in target.only.keys().chain(target.unless.keys()) {
                add(column, format!("{}'s filter", target.id));
            }
        }
        out
    }
}

/// The first line of `text` that mentions `word` as a key or a value,
/// for errors about what the rules say rather than how they are written.
fn line_of(text: &str, word: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.split(" #").next().unwrap_or_default();
            line.trim_start().starts_with(&format!("{word}:"))
                || line
                    .split([':', ',', '{', '}'])
                    .any(|part| part.trim().trim_matches(['"', '\'']) == word)
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_an_error_at_its_line() {
        let err = Rules::parse(
            "r.yaml",
            "date: {column: Close Date}\ninto:\n  - id: x\n    amont: Amount\n",
        )
        .expect_err("typo");
        let text = err.to_string();
        assert!(
            text.starts_with("r.yaml:4: into[0]: unknown field `amont`"),
            "{text}"
        );
    }

    #[test]
    fn filters_take_one_value_or_a_list() {
        let rules = Rules::parse(
            "r.yaml",
            "date: {column: D}\nwhere: {Stage: Closed Won, Probability: 100}\nunless: {Type: [Renewal, Upsell]}\ninto: [{id: x, aggregate: count}]\n",
        )
        .expect("rules");
        assert_eq!(rules.only["Probability"].0, ["100"]);
        assert_eq!(rules.unless["Type"].0, ["Renewal", "Upsell"]);
    }

    #[test]
    fn a_sum_needs_its_amount_column() {
        let err = Rules::parse("r.yaml", "date: {column: D}\ninto:\n  - id: rev\n")
            .expect_err("no amount");
        assert!(
            err.to_string()
                .starts_with("r.yaml:3: `rev` adds amounts up"),
            "{err}"
        );
    }
}
