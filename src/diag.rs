//! Diagnostics: one problem in one plan file, at a line and column, with a
//! stable code and an optional hint.
//!
//! Rules never stop at the first problem; they push diagnostics into a list
//! and the command decides what to print and which exit code to use.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One step into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_owned())
    }
}

impl From<String> for Seg {
    fn from(key: String) -> Self {
        Seg::Key(key)
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// A path to a node of a YAML document, e.g. `objectives[2].supports[0]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn root() -> Self {
        YamlPath(Vec::new())
    }

    /// This path extended by one step.
    #[must_use]
    pub fn at(&self, seg: impl Into<Seg>) -> Self {
        let mut segs = self.0.clone();
        segs.push(seg.into());
        YamlPath(segs)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Which part of a mapping entry a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

/// Where in a file a problem is: already a line and column, or a YAML path
/// that the loader resolves against the file's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    At { line: usize, column: usize },
    Node(YamlPath, Target),
}

/// A problem found by a rule, before its position is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub path: String,
    pub anchor: Anchor,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Finding {
    pub fn error(
        path: &str,
        anchor: Anchor,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            path: path.to_owned(),
            anchor,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: &str,
        anchor: Anchor,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(path, anchor, code, message)
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// A located problem, as printed and as serialized by `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The file, relative to the repository root (`plans/habits.yaml`).
    pub path: String,
    /// The 1-based line where the offending node starts.
    pub line: usize,
    /// The 1-based column (in characters) where the offending node starts.
    pub column: usize,
    /// The 1-based line where the offending node ends.
    pub end_line: usize,
    /// The column just past the offending node's last character, on
    /// `end_line`: the node is `column..end_column` when it is on one line.
    pub end_column: usize,
    pub severity: Severity,
    /// The rule's stable code (`unknown-key`, `range`, ...).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something to say (a did-you-mean).
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Ordering for output: by file, then position, then code.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.line, self.column, self.code)
    }
}

/// Width in characters of the token that starts at character `start` of
/// `line`: a quoted scalar to its closing quote, else up to the next space
/// or YAML punctuation; at least one column. The caret under a problem
/// covers it, and it ends a problem that has no node of its own.
pub(crate) fn token_width(line: &str, start: usize) -> usize {
    let rest: String = line.chars().skip(start).collect();
    let quoted = rest.starts_with(['"', '\'']);
    let width = if quoted {
        let quote = rest.chars().next().unwrap_or('"');
        rest.chars()
            .skip(1)
            .position(|c| c == quote)
            .map_or(rest.chars().count(), |p| p + 2)
    } else {
        rest.chars()
            .position(|c| matches!(c, ' ' | ',' | ']' | '}' | '#') || c == ':')
            .unwrap_or(rest.chars().count())
    };
    width.max(1)
}

/// Closest candidate to `word` among `candidates`, when one is close enough
/// to be a plausible typo.
pub(crate) fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&word_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_and_ignores_strangers() {
        let keys = ["title", "target", "current", "unit"];
        assert_eq!(
            did_you_mean("titel", keys).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(
            did_you_mean("curent", keys).as_deref(),
            Some("did you mean `current`?")
        );
        assert_eq!(did_you_mean("zebra", keys), None);
    }

    #[test]
    fn yaml_paths_print_like_jq() {
        let path = YamlPath::root().at("objectives").at(2).at("supports").at(0);
        assert_eq!(path.to_string(), "objectives[2].supports[0]");
    }
}
