//! `roadmap check`: every problem of every plan file, in one run.

use std::fmt::Write as _;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::{Diagnostic, Severity, token_width};
use crate::error::Error;
use crate::git::Repo;
use crate::hooks;
use crate::item::{self, ItemKind};
use crate::load::{self, Data, Plan, Snapshot};
use crate::term::Palette;

use super::Ctx;

pub(super) fn run(ctx: &Ctx, args: &CheckArgs) -> Result<i32, Error> {
    if args.pushed {
        return pushed(ctx, args);
    }
    let mut files = if let Some(rev) = &args.rev {
        let point = crate::when::resolve(&ctx.cwd, Some(rev))?;
        if let Some(note) = &point.note
            && !ctx.quiet
        {
            eprintln!("{} {note}", ctx.stderr().warning("note:"));
        }
        point.files
    } else if args.staged {
        Repo::discover(&ctx.cwd)?.staged_files()?
    } else {
        let root = ctx.plan_root()?;
        // Outside git there is no history to lose; a repository git
        // refuses is left to the commands that read it.
        if let Ok(repo) = Repo::discover(&root) {
            let head = repo.resolve("HEAD").ok().flatten();
            repo.refuse_submodule(head.as_deref(), true)?;
        }
        load::read_worktree(&root)
            .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?
    };
    // An index that holds nothing under plans/ is a repository without a
    // plan: the staged check (a pre-commit hook shared through
    // `core.hooksPath`) stays out of its way.
    let nothing_staged = args.staged && files.is_empty();
    ctx.select(&mut files)?;
    let snapshot = load::load(files);
    let mut diagnostics = crate::check_snapshot(&snapshot);
    if nothing_staged {
        diagnostics.retain(|d| d.code != crate::validate::EMPTY_PLAN);
    }
    let (errors, warnings) = load::count(&diagnostics);

    match args.format {
        CheckFormat::Github => {
            let mut out = String::new();
            for diagnostic in diagnostics
                .iter()
                .filter(|d| !ctx.quiet || d.severity == Severity::Error)
            {
                github(&mut out, diagnostic);
            }
            let _ = writeln!(
                out,
                "{}",
                verdict(snapshot.file_count(), errors, warnings, Palette::plain())
            );
            super::emit(&out)?;
        }
        CheckFormat::Gitlab => {
            let json = serde_json::to_string_pretty(&gitlab(&diagnostics)?)
                .map_err(|e| Error::Internal(format!("writing the code quality report: {e}")))?;
            super::emit(&(json + "\n"))?;
        }
        CheckFormat::Json => {
            let out = crate::json::Check {
                version: crate::json::VERSION,
                files: snapshot.file_count(),
                errors,
                warnings,
                diagnostics: &diagnostics,
            };
            let json =
                serde_json::to_string_pretty(&out).map_err(|e| Error::Usage(e.to_string()))?;
            super::emit(&(json + "\n"))?;
        }
        CheckFormat::Text => {
            let palette = ctx.stdout();
            let shown = diagnostics
                .iter()
                .filter(|d| !ctx.quiet || d.severity == Severity::Error);
            let mut out = String::new();
            for diagnostic in shown {
                render(&mut out, diagnostic, &snapshot, palette);
            }
            if !ctx.quiet {
                for plan in &snapshot.plans {
                    let _ = writeln!(out, "{}", describe(plan, palette));
                }
                let _ = writeln!(
                    out,
                    "{}",
                    verdict(snapshot.file_count(), errors, warnings, palette)
                );
            }
            super::emit(&out)?;
        }
    }
    if diagnostics.iter().any(|d| d.code == load::UNREADABLE) {
        return Ok(crate::error::Kind::Environment.exit_code());
    }
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(i32::from(failed))
}

/// `check --pushed`, the server's pre-receive hook: every commit the
/// push on stdin brings, and a verdict the pusher reads. Exit 1 refuses
/// the push.
fn pushed(ctx: &Ctx, args: &CheckArgs) -> Result<i32, Error> {
    if args.format != CheckFormat::Text {
        return Err(Error::Usage(
            "check --pushed writes text only: its output goes to the pusher".to_owned(),
        ));
    }
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
        .map_err(|e| Error::io("stdin", e))?;
    let updates = hooks::receive::parse_updates(&input)?;
    let repo = Repo::for_hook(&ctx.cwd)?;
    let outcome = hooks::receive::check(&repo, &updates)?;
    let palette = ctx.stdout();
    let mut out = String::new();
    for broken in &outcome.broken {
        let commit = &broken.commit;
        let count = broken.errors.len() + broken.repeated;
        let _ = writeln!(
            out,
            "roadmap: commit {} ({}) \"{}\": {}",
            &commit.id[..commit.id.len().min(7)],
            commit.reference,
            commit.summary,
            plural(count, "error")
        );
        for diagnostic in &broken.errors {
            render(&mut out, diagnostic, &broken.snapshot, palette);
        }
        if broken.repeated > 0 {
            let _ = writeln!(
                out,
                "  and {}, shown above for an earlier commit of this push\n",
                plural(broken.repeated, "error")
            );
        }
    }
    let commits = plural(outcome.checked, "new commit");
    if outcome.accepted() {
        if !ctx.quiet && outcome.checked > 0 {
            let _ = writeln!(out, "roadmap: {commits} checked: every plan holds");
        }
    } else {
        let _ = writeln!(
            out,
            "roadmap: push refused: {} of {commits} {} a plan (above).\n  Fix the plan and push again: `git commit --amend` for the last commit, `git rebase -i` for an earlier one.",
            outcome.broken.len(),
            if outcome.broken.len() == 1 {
                "breaks"
            } else {
                "break"
            }
        );
    }
    super::emit(&out)?;
    Ok(i32::from(!outcome.accepted()))
}

/// `path:line:col: error[code]: message`, the source line, carets under
/// the offending node (or its first token, when it spans lines), and the
/// hint.
pub(super) fn render(out: &mut String, d: &Diagnostic, snapshot: &Snapshot, palette: Palette) {
    let severity = match d.severity {
        Severity::Error => palette.error(&format!("error[{}]", d.code)),
        Severity::Warning => palette.warning(&format!("warning[{}]", d.code)),
    };
    let _ = writeln!(
        out,
        "{}:{}:{}: {severity}: {}",
        d.path,
        d.line,
        d.column,
        palette.bold(&d.message)
    );
    if let Some(line) = snapshot.source_line(&d.path, d.line) {
        let number = d.line.to_string();
        let gutter = " ".repeat(number.len());
        let line = line.replace('\t', " ");
        let start = d.column.saturating_sub(1).min(line.chars().count());
        // The node's own span when it is on this line, as `--format
        // json` gives it; else the token where it starts.
        let width = if d.end_line == d.line && d.end_column > d.column {
            d.end_column - d.column
        } else {
            token_width(&line, start)
        };
        let (line, start, width) = window(&line, start, width);
        let _ = writeln!(out, "{gutter} {}", palette.dim("|"));
        let _ = writeln!(out, "{} {} {line}", palette.dim(&number), palette.dim("|"));
        let caret = format!("{}{}", " ".repeat(start), "^".repeat(width));
        let caret = match d.severity {
            Severity::Error => palette.error(&caret),
            Severity::Warning => palette.warning(&caret),
        };
        let _ = writeln!(out, "{gutter} {} {caret}", palette.dim("|"));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  {} {hint}", palette.accent("= hint:"));
    }
    out.push('\n');
}

/// One diagnostic as a GitHub Actions workflow command, which the forge
/// shows as an annotation on the file's line in the pull request.
fn github(out: &mut String, d: &Diagnostic) {
    // The escapes of GitHub's own toolkit (`@actions/core`, command.ts).
    let data = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message = format!("{message}\nhint: {hint}");
    }
    let end = if d.end_line == d.line && d.end_column > d.column {
        format!(",endColumn={}", d.end_column)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "::{level} file={},line={},col={}{end},title={}::{}",
        property(&d.path),
        d.line,
        d.column,
        property(&format!("roadmap {level}[{}]", d.code)),
        data(&message)
    );
}

/// The diagnostics as a GitLab Code Quality report (the Code Climate
/// subset GitLab reads), each with a fingerprint that stays the same while
/// the problem does.
fn gitlab(diagnostics: &[Diagnostic]) -> Result<serde_json::Value, Error> {
    let issues = diagnostics
        .iter()
        .map(|d| {
            let key = format!("{}\0{}\0{}\0{}", d.path, d.line, d.code, d.message);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut description = format!("{level}[{}]: {}", d.code, d.message);
            if let Some(hint) = &d.hint {
                description = format!("{description} (hint: {hint})");
            }
            Ok(serde_json::json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": crate::git::blob_id(key.as_bytes()),
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": { "path": d.path, "lines": { "begin": d.line } },
            }))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(serde_json::Value::Array(issues))
}

/// Source lines longer than this are cut to a window around the column.
const MAX_SHOWN: usize = 100;

/// The part of a long line around `start`, marked with `…` where cut, and
/// the caret's start and width within it.
fn window(line: &str, start: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_SHOWN {
        return (line.to_owned(), start, width);
    }
    let from = start.saturating_sub(MAX_SHOWN / 2);
    let to = (from + MAX_SHOWN).min(chars.len());
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let offset = start - from + usize::from(from > 0);
    (shown, offset, width.min(to.saturating_sub(start)).max(1))
}

fn describe(plan: &Plan, palette: Palette) -> String {
    let name = plan
        .docs
        .iter()
        .find_map(|doc| match &doc.data {
            Data::Vision(v) => Some(format!(
                "{}, {}-{}: {} → {}",
                v.name, v.start, v.end, v.now.role, v.goal.role
            )),
            _ => None,
        })
        .unwrap_or_else(|| "(no vision)".to_owned());
    let files = |kind: fn(&Data) -> bool| plan.docs.iter().filter(|d| kind(&d.data)).count();
    let items = |kind: ItemKind| item::plan_items(plan).filter(|i| i.kind() == kind).count();
    let of = |kind: ItemKind| {
        let one = kind.label().to_owned();
        (items(kind), format!("{one}s"), one)
    };
    let file = |n: usize, one: &str, many: &str| (n, many.to_owned(), one.to_owned());
    let parts = [
        of(ItemKind::Phase),
        file(
            files(|d| matches!(d, Data::Year(_))),
            "annual plan",
            "annual plans",
        ),
        of(ItemKind::AnnualObjective),
        file(
            files(|d| matches!(d, Data::Quarter(_))),
            "quarterly plan",
            "quarterly plans",
        ),
        of(ItemKind::Objective),
        of(ItemKind::KeyResult),
        of(ItemKind::Skill),
        of(ItemKind::Metric),
        of(ItemKind::Relationship),
        of(ItemKind::Habit),
        file(
            files(|d| matches!(d, Data::CheckIns(_))),
            "month of check-ins",
            "months of check-ins",
        ),
        file(files(|d| matches!(d, Data::Review(_))), "review", "reviews"),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, many, one)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    format!(
        "{}/  {}\n  {}",
        plan.root,
        palette.bold(&name),
        listed.join(", ")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn verdict(files: usize, errors: usize, warnings: usize, palette: Palette) -> String {
    let files = plural(files, "file");
    match (errors, warnings) {
        (0, 0) => format!(
            "{} {files} checked: no errors, no warnings",
            palette.good("ok:")
        ),
        (0, w) => format!(
            "{} {files} checked: no errors, {}",
            palette.warning("ok:"),
            plural(w, "warning")
        ),
        (e, w) => format!(
            "{} {files} checked: {}, {}",
            palette.error("failed:"),
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::window;
    use crate::diag::token_width;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("phases: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (shown, start, width) = window(&line, 135, 9_873);
        assert_eq!(shown.chars().count(), 102);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!((start, width), (51, 100 - 50));
        assert_eq!(window("a: b", 3, 1), ("a: b".to_owned(), 3, 1));
    }

    #[test]
    fn carets_cover_the_token() {
        assert_eq!(token_width("    supports: [y26-quota, x]", 15), 9);
        assert_eq!(token_width("    titel: A", 4), 5);
        assert_eq!(token_width("  name: \"a b\" # c", 8), 5);
        assert_eq!(token_width("", 0), 1);
    }
}
