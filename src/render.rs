//! The template engine: minijinja with the templates compiled into the
//! binary (`templates/`), any of which a plan repository replaces by putting
//! a file of the same name in its own `templates/` folder.
//!
//! Templates lay out data; numbers arrive computed. Undefined values are
//! errors, and an error in a user's template names the template and line
//! and fails the render: it never falls back to the default.
//!
//! A plan repository is often someone else's, so its templates are
//! sandboxed: an override is read only if it is a regular file reached
//! through real folders under `templates/` (a symbolic link anywhere on the
//! way, a FIFO or a device is refused, never opened), names resolve only
//! among templates, and one render may do [`FUEL`] units of work and write
//! [`MAX_OUTPUT`] bytes before it fails.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::value::format_amount;

static DEFAULTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The work one render may do, in minijinja's fuel (about one instruction,
/// or 64 bytes of data made, each): 80 times what the biggest page of a
/// 100-person team's report uses (about 125,000), and what a template
/// allocates stays within about `FUEL * 64` bytes. A loop that never ends
/// stops within seconds.
pub(crate) const FUEL: u64 = 10_000_000;

/// The most bytes one render may write: 30 times the biggest page of a
/// 100-person team's report (about 2 MB).
pub(crate) const MAX_OUTPUT: usize = 64 << 20;

/// The largest template file a repository may hold: the biggest built-in
/// one is 70 kB.
pub(crate) const MAX_TEMPLATE: u64 = 4 << 20;

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

pub(crate) struct Renderer {
    env: Environment<'static>,
    overrides: Option<PathBuf>,
}

impl Renderer {
    /// A renderer whose templates may be overridden from `overrides`
    /// (a plan repository's `templates/` folder).
    pub(crate) fn new(overrides: Option<&Path>) -> Self {
        let overrides = overrides.map(Path::to_path_buf);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
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
                let refused = |why: String| {
                    let refused = Refused {
                        name: name.to_owned(),
                        why,
                    };
                    minijinja::Error::new(ErrorKind::InvalidOperation, refused.to_string())
                        .with_source(refused)
                };
                if let Some((path, meta)) = find_override(dir, name).map_err(refused)? {
                    return read_override(&path, &meta).map(Some).map_err(refused);
                }
            }
            Ok(DEFAULTS
                .get_file(name)
                .and_then(|f| f.contents_utf8())
                .map(str::to_owned))
        });
        env.add_filter("amount", |value: f64| format_amount(value));
        env.add_filter("percent", crate::value::percent_text);
        Renderer { env, overrides }
    }

    /// True when the plan repository overrides `name`, or holds something
    /// in its place that is refused.
    pub(crate) fn is_overridden(&self, name: &str) -> bool {
        is_safe(name)
            && self
                .overrides
                .as_ref()
                .is_some_and(|dir| !matches!(find_override(dir, name), Ok(None)))
    }

    /// Renders template `name` with `context`, within [`FUEL`] and
    /// [`MAX_OUTPUT`].
    pub(crate) fn render<C: Serialize>(
        &self,
        name: &str,
        context: &C,
    ) -> Result<String, RenderError> {
        let overridden = self.is_overridden(name);
        let mut out = Bounded::default();
        let fail = |err: &minijinja::Error, out: &Bounded| {
            if let Some(refused) = refusal(err) {
                let by = match err.name() {
                    Some(by) if by != refused.name => {
                        let origin = if self.is_overridden(by) {
                            "templates/"
                        } else {
                            "built-in template "
                        };
                        let line = err.line().map(|l| format!(":{l}")).unwrap_or_default();
                        format!(" (included by {origin}{by}{line})")
                    }
                    _ => String::new(),
                };
                return RenderError {
                    template: refused.name.clone(),
                    line: None,
                    message: format!("{}{by}", refused.why),
                    overridden: true,
                };
            }
            RenderError {
                template: err.name().unwrap_or(name).to_owned(),
                line: err.line(),
                message: if out.full {
                    format!(
                        "the template writes more than {} MiB, more than any report needs, and was stopped: look for a loop that repeats its output",
                        MAX_OUTPUT >> 20
                    )
                } else if err.kind() == ErrorKind::OutOfFuel {
                    format!(
                        "the template does more work than any report needs ({FUEL} steps) and was stopped: look for a loop that never ends or runs over a huge range"
                    )
                } else {
                    match err.detail() {
                        Some(detail) => format!("{}: {detail}", err.kind()),
                        None => err.kind().to_string(),
                    }
                },
                overridden: err.name().is_some_and(|n| self.is_overridden(n)) || overridden,
            }
        };
        let template = self
            .env
            .get_template(name)
            .map_err(|err| fail(&err, &out))?;
        if let Err(err) = template.render_captured_to(Serde(context), &mut out) {
            return Err(fail(&err, &out));
        }
        String::from_utf8(out.bytes).map_err(|err| RenderError {
            template: name.to_owned(),
            line: None,
            message: format!("the output is not UTF-8: {err}"),
            overridden,
        })
    }

    /// The names of the built-in templates under `folder`.
    pub(crate) fn builtin(folder: &str) -> Vec<String> {
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

/// An override the loader would not read: its name and why.
#[derive(Debug)]
struct Refused {
    name: String,
    why: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "templates/{}: {}", self.name, self.why)
    }
}

impl std::error::Error for Refused {}

/// The refusal behind `err`, which minijinja may have wrapped (an include
/// fails as the including template's error).
fn refusal(err: &minijinja::Error) -> Option<&Refused> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(now) = cause {
        if let Some(refused) = now.downcast_ref::<Refused>() {
            return Some(refused);
        }
        cause = now.source();
    }
    None
}

/// A render's output, refusing to grow past [`MAX_OUTPUT`].
#[derive(Default)]
struct Bounded {
    bytes: Vec<u8>,
    /// Set when a write was refused: the render failed for its size.
    full: bool,
}

impl io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let needed = self.bytes.len() + buf.len();
        if needed > MAX_OUTPUT {
            self.full = true;
            return Err(io::Error::other("the output limit is reached"));
        }
        if needed > self.bytes.capacity() {
            // Doubling past the limit would allocate up to twice of it.
            let grown = (self.bytes.capacity() * 2).clamp(needed, MAX_OUTPUT);
            self.bytes.reserve_exact(grown - self.bytes.len());
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The file that overrides template `name` in `dir`, with its metadata,
/// if there is one: `Err` says why what is there is refused. Every step
/// from `dir` down is looked at without following links, so a link, or a
/// folder reached through one, is never opened.
fn find_override(dir: &Path, name: &str) -> Result<Option<(PathBuf, Metadata)>, String> {
    const FIX: &str = "a template must be a regular file inside templates/: put the template's own text there, or delete it to use the built-in template";
    let look = |path: &Path| match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    };
    let Some(meta) = look(dir)? else {
        return Ok(None);
    };
    if meta.file_type().is_symlink() {
        return Err(
            "refused: templates/ itself is a symbolic link; make it a real folder".to_owned(),
        );
    }
    if !meta.is_dir() {
        return Ok(None);
    }
    let parts: Vec<_> = Path::new(name).components().collect();
    let mut path = dir.to_path_buf();
    for (at, part) in parts.iter().enumerate() {
        path.push(part);
        let Some(meta) = look(&path)? else {
            return Ok(None);
        };
        let last = at + 1 == parts.len();
        if meta.file_type().is_symlink() {
            return Err(if last {
                format!("refused: it is a symbolic link; {FIX}")
            } else {
                let folder: PathBuf = parts[..=at].iter().collect();
                format!(
                    "refused: templates/{} is a symbolic link; {FIX}",
                    folder.display()
                )
            });
        }
        if last {
            return if meta.is_file() {
                Ok(Some((path, meta)))
            } else {
                Err(format!(
                    "refused: it is {}, not a regular file; {FIX}",
                    kind(&meta)
                ))
            };
        }
        if !meta.is_dir() {
            return Ok(None);
        }
    }
    Ok(None)
}

/// What a file that is not a regular one is, in a few words.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// The text of the override at `path`, which [`find_override`] found to be
/// the regular file `seen`. It is opened without following a link and
/// without waiting on a FIFO, and must still be that file.
fn read_override(path: &Path, seen: &Metadata) -> Result<String, String> {
    let unreadable = |e: io::Error| format!("cannot read it: {e}");
    let mut options = fs::OpenOptions::new();
    options.read(true);
    crate::state::no_wait(&mut options);
    let file: File = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if (meta.dev(), meta.ino()) != (seen.dev(), seen.ino()) {
            return Err("changed while it was read: run the command again".to_owned());
        }
    }
    #[cfg(not(unix))]
    let _ = seen;
    if !meta.is_file() {
        return Err(format!(
            "refused: it is {}, not a regular file",
            kind(&meta)
        ));
    }
    let too_big = || {
        format!(
            "refused: it is larger than {} MiB, more than any template needs",
            MAX_TEMPLATE >> 20
        )
    };
    if meta.len() > MAX_TEMPLATE {
        return Err(too_big());
    }
    let mut text = String::new();
    file.take(MAX_TEMPLATE + 1)
        .read_to_string(&mut text)
        .map_err(unreadable)?;
    if text.len() as u64 > MAX_TEMPLATE {
        return Err(too_big());
    }
    Ok(text)
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
