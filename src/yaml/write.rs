//! YAML written the way the plan files write it: one quoting for scalars
//! (plain when it reads back as meant, double-quoted otherwise) and one
//! emitter for the entries, items and flow collections an edit adds.

use std::fmt::Write as _;

use serde_yaml::Value;

/// New YAML content: a scalar already written as YAML (see [`text`],
/// [`raw`] and [`amount`]), or a collection of them. Mapping keys are
/// their text, written as [`raw`] writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum New {
    Scalar(String),
    Map(Vec<(String, New)>),
    /// A list in block style, one `- item` a line.
    Seq(Vec<New>),
    /// A list written `[a, b]` when it fits on its line, in block style
    /// otherwise.
    Flow(Vec<New>),
}

/// A parsed value as the plan files write it: scalars quoted only when
/// they must be, short lists of words in flow style, the rest in block
/// style. A tag is left out.
impl From<&Value> for New {
    fn from(value: &Value) -> Self {
        match value {
            Value::Mapping(map) => New::Map(
                map.iter()
                    .map(|(k, v)| (key_text(k).unwrap_or_default(), New::from(v)))
                    .collect(),
            ),
            Value::Sequence(items) => {
                let items: Vec<New> = items.iter().map(New::from).collect();
                let words = items
                    .iter()
                    .all(|item| matches!(item, New::Scalar(s) if is_word(s)));
                if words {
                    New::Flow(items)
                } else {
                    New::Seq(items)
                }
            }
            Value::Tagged(tagged) => New::from(&tagged.value),
            Value::String(s) => New::Scalar(text(s)),
            Value::Null => New::Scalar("null".to_owned()),
            Value::Bool(b) => New::Scalar(b.to_string()),
            Value::Number(n) => New::Scalar(n.to_string()),
        }
    }
}

/// The text a mapping key or scalar path segment matches.
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '%' | ' '))
        && !text.starts_with(['-', ' '])
        && !text.ends_with(' ')
}

// ----------------------------------------------------------------- quoting

/// `text` as a YAML scalar that reads back as this very string: plain when
/// that is safe, double-quoted otherwise.
pub(crate) fn text(text: &str) -> String {
    if plain_safe(text, false) && reads_back_as_string(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// `value` written as it is when it is safe as a plain scalar (amounts,
/// dates, ids, periods), double-quoted otherwise.
pub(crate) fn raw(value: &str) -> String {
    if plain_safe(value, true) {
        value.to_owned()
    } else {
        double_quoted(value)
    }
}

/// `text`, the written form of the number `value` (as typed: `3.2x`,
/// `$4,360,000`), as a scalar of a block mapping: plain when roadmap reads
/// the plain scalar back as that number, double-quoted otherwise. In a
/// flow collection [`flow`] quotes what a flow context cannot hold plain.
pub(crate) fn amount(text: &str, value: f64) -> String {
    if plain_safe(text, false) && reads_back_as_amount(text, value) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

fn reads_back_as_amount(text: &str, value: f64) -> bool {
    #[derive(serde::Deserialize)]
    struct One {
        k: crate::value::Amount,
    }
    serde_yaml::from_str::<One>(&format!("k: {text}"))
        .is_ok_and(|one| (one.k.0 - value).abs() <= value.abs() * 1e-9)
}

/// A double-quoted YAML scalar; JSON's escapes are YAML's.
pub(crate) fn double_quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
}

pub(crate) fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Whether `text` can be a plain scalar in block context (and in flow
/// context too, when `flow`).
fn plain_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.chars().any(char::is_control) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    !(flow && text.contains([',', '[', ']', '{', '}']))
}

fn reads_back_as_string(text: &str) -> bool {
    // YAML 1.1 readers (many editors) take these for booleans.
    const BOOLISH: [&str; 8] = ["yes", "no", "on", "off", "y", "n", "true", "false"];
    if BOOLISH.contains(&text.to_lowercase().as_str()) {
        return false;
    }
    matches!(
        serde_yaml::from_str::<Value>(&format!("k: {text}")),
        Ok(Value::Mapping(map)) if map.get("k").and_then(Value::as_str) == Some(text)
    )
}

// ----------------------------------------------------------------- emitter

/// `value` in flow style, for a flow collection: a scalar written plain in
/// a block is quoted when a flow collection cannot hold it plain.
pub(crate) fn flow(value: &New) -> String {
    match value {
        New::Scalar(scalar) => {
            if scalar.starts_with(['"', '\'']) || plain_safe(scalar, true) {
                scalar.clone()
            } else {
                double_quoted(scalar)
            }
        }
        New::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", raw(k), flow(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        New::Seq(items) | New::Flow(items) => {
            let inner: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", inner.join(", "))
        }
    }
}

/// `key: value` at `indent` (`key` as written), with its nested lines at
/// two more spaces, each line ending in `nl`.
pub(crate) fn entry(out: &mut String, (indent, key): (&str, &str), value: &New, nl: &str) {
    let _ = write!(out, "{indent}{key}:");
    let inner = format!("{indent}  ");
    match value {
        New::Scalar(scalar) => {
            let _ = write!(out, " {scalar}{nl}");
        }
        New::Map(entries) if entries.is_empty() => {
            let _ = write!(out, " {{}}{nl}");
        }
        New::Seq(items) | New::Flow(items) if items.is_empty() => {
            let _ = write!(out, " []{nl}");
        }
        // The line, brackets left out, stays under 80 columns.
        New::Flow(_) if indent.len() + flow(value).len() - 2 < 80 => {
            let _ = write!(out, " {}{nl}", flow(value));
        }
        New::Map(entries) => {
            out.push_str(nl);
            for (key, value) in entries {
                entry(out, (&inner, &raw(key)), value, nl);
            }
        }
        New::Seq(items) | New::Flow(items) => {
            out.push_str(nl);
            for item in items {
                self::item(out, &inner, item, nl);
            }
        }
    }
}

/// `- item` with its dash at `indent`: a mapping's further keys under its
/// first, a nested list in flow style.
pub(crate) fn item(out: &mut String, indent: &str, value: &New, nl: &str) {
    match value {
        New::Map(entries) if !entries.is_empty() => {
            let inner = format!("{indent}  ");
            for (i, (key, value)) in entries.iter().enumerate() {
                let mut lines = String::new();
                entry(&mut lines, (&inner, &raw(key)), value, nl);
                if i == 0 {
                    let _ = write!(out, "{indent}- {}", &lines[inner.len()..]);
                } else {
                    out.push_str(&lines);
                }
            }
        }
        New::Scalar(scalar) => {
            let _ = write!(out, "{indent}- {scalar}{nl}");
        }
        New::Map(_) | New::Seq(_) | New::Flow(_) => {
            let _ = write!(out, "{indent}- {}{nl}", flow(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_only_when_needed() {
        assert_eq!(text("Closed the deal"), "Closed the deal");
        assert_eq!(text("yes"), "\"yes\"");
        assert_eq!(text("2026"), "\"2026\"");
        assert_eq!(text("Win: big"), "\"Win: big\"");
        assert_eq!(text("- dash"), "\"- dash\"");
        assert_eq!(raw("5.9M"), "5.9M");
        assert_eq!(raw("#x"), "\"#x\"");
    }

    #[test]
    fn amounts_are_plain_only_when_they_read_back() {
        assert_eq!(amount("1,000", 1000.0), "1,000");
        assert_eq!(amount("#1", 1.0), "\"#1\"");
        assert_eq!(flow(&New::Scalar(amount("1,000", 1000.0))), "\"1,000\"");
    }

    #[test]
    fn parsed_values_are_written_in_the_file_style_and_read_back() {
        let value: Value = serde_yaml::from_str(
            "a: 'x: y'\nb: '12'\nc: \"line\\nbreak\"\nd: []\ne: [one two, '#3']\nf: [a, b]\ng: {}\n",
        )
        .expect("valid YAML");
        let mut out = String::new();
        let New::Map(entries) = New::from(&value) else {
            panic!("a mapping");
        };
        for (key, value) in &entries {
            entry(&mut out, ("", &raw(key)), value, "\n");
        }
        assert!(out.contains("f: [a, b]\n"), "{out}");
        assert!(out.contains("e:\n  - one two\n  - \"#3\"\n"), "{out}");
        assert_eq!(
            serde_yaml::from_str::<Value>(&out).expect("written YAML"),
            value
        );
    }
}
