//! The template engine: minijinja with the templates compiled into the
//! binary (`templates/`), any of which a plan repository replaces by putting
//! a file of the same name in its own `templates/` folder.
//!
//! Templates lay out data; numbers arrive computed. Undefined values are
//! errors, and an error in a user's template names the template and line
//! and fails the render: it never falls back to the default.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::value::format_amount;

static DEFAULTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// A template that failed to load or render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
    /// True when the template came from the plan repository's `templates/`.
    pub overridden: bool,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = if self.overridden {
            "templates/"
        } else {
            "built-in template "
        };
        match self.line {
            Some(line) => write!(f, "{origin}{}:{line}: {}", self.template, self.message),
            None => write!(f, "{origin}{}: {}", self.template, self.message),
        }
    }
}

impl std::error::Error for RenderError {}

pub struct Renderer {
    env: Environment<'static>,
    overrides: Option<PathBuf>,
}

impl Renderer {
    /// A renderer whose templates may be overridden from `overrides`
    /// (a plan repository's `templates/` folder).
    pub fn new(overrides: Option<&Path>) -> Self {
        let overrides = overrides.filter(|dir| dir.is_dir()).map(Path::to_path_buf);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        if let Ok(syntax) = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        let dir = overrides.clone();
        env.set_loader(move |name| {
            if !is_safe(name) {
                return Ok(None);
            }
            if let Some(dir) = &dir {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|err| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read {}: {err}", path.display()),
                        )
                    });
                }
            }
            Ok(DEFAULTS
                .get_file(name)
                .and_then(|f| f.contents_utf8())
                .map(str::to_owned))
        });
        env.add_filter("amount", |value: f64| format_amount(value));
        env.add_filter("percent", |value: f64| format!("{value:.0}%"));
        Renderer { env, overrides }
    }

    /// True when the plan repository overrides `name`.
    pub fn is_overridden(&self, name: &str) -> bool {
        is_safe(name)
            && self
                .overrides
                .as_ref()
                .is_some_and(|dir| dir.join(name).is_file())
    }

    /// Renders template `name` with `context`.
    pub fn render<C: Serialize>(&self, name: &str, context: &C) -> Result<String, RenderError> {
        let overridden = self.is_overridden(name);
        let fail = |err: &minijinja::Error| RenderError {
            template: err.name().unwrap_or(name).to_owned(),
            line: err.line(),
            message: match err.detail() {
                Some(detail) => format!("{}: {detail}", err.kind()),
                None => err.kind().to_string(),
            },
            overridden: err.name().is_some_and(|n| self.is_overridden(n)) || overridden,
        };
        let template = self.env.get_template(name).map_err(|err| fail(&err))?;
        template.render(Serde(context)).map_err(|err| fail(&err))
    }

    /// The names of the built-in templates under `folder`.
    pub fn builtin(folder: &str) -> Vec<String> {
        DEFAULTS
            .get_dir(folder)
            .map(|dir| {
                dir.files()
                    .map(|f| f.path().to_string_lossy().replace('\\', "/"))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Template names are relative paths that stay inside `templates/`.
fn is_safe(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        assert!(is_safe("report/index.html"));
        assert!(!is_safe("../secrets.html"));
        assert!(!is_safe("/etc/passwd"));
        assert!(!is_safe("report/../../x"));
    }

    #[test]
    fn an_override_with_an_error_names_its_line() {
        let dir = std::env::temp_dir().join(format!("roadmap-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("README.md"), "line one\n{{ missing.value }}\n").expect("write");
        let err = Renderer::new(Some(&dir))
            .render("README.md", &serde_json::json!({}))
            .expect_err("undefined");
        std::fs::remove_dir_all(&dir).expect("cleanup");
        assert_eq!(
            (err.template.as_str(), err.line, err.overridden),
            ("README.md", Some(2), true)
        );
    }
}
