//! `roadmap diff`: what changed between two points of the plan's life, or
//! between two periods' plans.

use std::fmt::Write as _;

use crate::cli::{DiffArgs, DiffFormat};
use crate::diag::{Diagnostic, Severity};
use crate::diff::{
    self, FieldChange, FieldKind, PeriodDiff, PeriodPlan, PlanDiff, ProseChange, ProseKind,
};
use crate::error::Error;
use crate::git::Repo;
use crate::json;
use crate::load::{self, Data, Snapshot};
use crate::term::Palette;
use crate::value::{Period, format_amount};
use crate::when::{self, When};

use super::Ctx;

/// One side of a diff.
struct Side {
    label: String,
    commit: Option<String>,
    /// The side's files, until [`Side::load`] makes them its snapshot.
    files: Vec<load::RawFile>,
    snapshot: Snapshot,
    note: Option<String>,
}

impl Side {
    /// Loads the side's files, kept to `person`'s when given.
    fn load(&mut self, person: Option<&str>) {
        let mut files = std::mem::take(&mut self.files);
        if let Some(person) = person {
            crate::person::keep(&mut files, person);
        }
        self.snapshot = load::load(files);
    }
}

pub(super) fn run(ctx: &Ctx, args: &DiffArgs) -> Result<i32, Error> {
    if let Some(periods) = &args.periods {
        return run_periods(ctx, args, &periods[0], &periods[1]);
    }
    let repo = Repo::discover(&ctx.cwd)?;
    let mut from = match &args.from {
        Some(spec) => side_at(&repo, spec)?,
        None => {
            let (label, commit) = repo.latest_review()?.ok_or_else(|| {
                Error::Usage(
                    "no review yet (no `review/*` tag and no commit starting with `review`): give FROM, e.g. `roadmap diff HEAD~1`"
                        .to_owned(),
                )
            })?;
            side_of_commit(&repo, &label, commit)?
        }
    };
    let mut to = match &args.to {
        Some(spec) => side_at(&repo, spec)?,
        None => {
            let root = ctx.plan_root()?;
            let files = load::read_worktree(&root)
                .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
            Side {
                label: "working tree".to_owned(),
                commit: None,
                files,
                snapshot: Snapshot::default(),
                note: None,
            }
        }
    };
    // The people of either side: one may be gone from the other.
    let mut people = crate::person::people(&from.files);
    people.extend(crate::person::people(&to.files));
    let root = ctx.plan_root().unwrap_or_else(|_| ctx.cwd.clone());
    let person = crate::person::resolve(ctx.person.as_deref(), &ctx.cwd, &root, &people)?;
    from.load(person.as_deref());
    to.load(person.as_deref());

    let errors = |side: &Side| -> Vec<Diagnostic> {
        crate::check_snapshot(&side.snapshot)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    };
    let (from_errors, to_errors) = (errors(&from), errors(&to));
    let result = diff::diff(&from.snapshot, &to.snapshot);

    match args.format {
        DiffFormat::Json => {
            fn side(side: &Side, errors: Vec<Diagnostic>) -> json::Side<'_> {
                json::Side {
                    label: &side.label,
                    commit: side.commit.as_deref(),
                    note: side.note.as_deref(),
                    errors,
                }
            }
            let out = json::Diff {
                version: json::VERSION,
                from: side(&from, from_errors),
                to: side(&to, to_errors),
                changes: &result,
            };
            let json =
                serde_json::to_string_pretty(&out).map_err(|e| Error::serialize("the diff", &e))?;
            super::emit(&(json + "\n"))?;
        }
        format => {
            let stderr = ctx.stderr();
            for (side, errors) in [(&from, &from_errors), (&to, &to_errors)] {
                if let Some(note) = &side.note {
                    eprintln!("{} {}: {note}", stderr.dim("note:"), side.label);
                }
                // A file that does not load: the words every command uses.
                let problems = side.snapshot.all_problems();
                if !problems.is_empty() {
                    let text = super::partial_text(&problems, stderr).replacen(
                        "the plan is incomplete",
                        &format!("the plan in {} is incomplete", side.label),
                        1,
                    );
                    eprint!("{text}");
                }
                // Other errors leave every file in the comparison.
                let others: Vec<&Diagnostic> = errors
                    .iter()
                    .filter(|d| !problems.iter().any(|p| p.path == d.path))
                    .collect();
                if !others.is_empty() {
                    eprintln!(
                        "{} {} has {} other {} (compared all the same; `roadmap check` explains):",
                        stderr.warning("warning:"),
                        side.label,
                        others.len(),
                        if others.len() == 1 { "error" } else { "errors" },
                    );
                    for d in others {
                        eprintln!(
                            "  {}:{}:{}: error[{}]: {}",
                            d.path, d.line, d.column, d.code, d.message
                        );
                    }
                }
            }
            let palette = if format == DiffFormat::Markdown {
                Palette::plain()
            } else {
                ctx.stdout()
            };
            let mut out = String::new();
            let markdown = format == DiffFormat::Markdown;
            render(&mut out, &from, &to, &result, palette, markdown);
            super::emit(&out)?;
        }
    }
    let partial = !result.unreadable.is_empty();
    Ok(i32::from(partial || (args.exit_code && !result.is_empty())))
}

/// The files that do not load on a side: named before the changes, since
/// their items are in none of them.
fn render_unreadable(
    out: &mut String,
    from: &Side,
    to: &Side,
    d: &PlanDiff,
    p: Palette,
    md: bool,
    deeper: &str,
) {
    if d.unreadable.is_empty() {
        return;
    }
    if md {
        let _ = writeln!(out, "\n###{deeper} Not compared\n");
    } else {
        let _ = writeln!(out, "\n{}", p.warning("Not compared"));
    }
    let bullet = if md { "-" } else { " " };
    for file in &d.unreadable {
        let side = match file.side {
            "from" => from.label.clone(),
            "to" => to.label.clone(),
            _ => format!("{} and {}", from.label, to.label),
        };
        let _ = writeln!(
            out,
            "{bullet} {} {} does not load in {side}: its items are left out of what was added, removed and changed",
            p.warning("?"),
            file.path
        );
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

fn side_of_commit(repo: &Repo, label: &str, commit: String) -> Result<Side, Error> {
    let date = repo.commit_date(&commit)?;
    let label = if label.len() == 40 {
        format!("{} ({date})", short(&commit))
    } else {
        format!("{label} ({}, {date})", short(&commit))
    };
    match repo.files_at(&commit) {
        Ok(files) => Ok(Side {
            label,
            commit: Some(commit),
            files,
            snapshot: Snapshot::default(),
            note: None,
        }),
        Err(Error::NoPlans(_)) => Ok(Side {
            label,
            commit: Some(commit),
            files: Vec::new(),
            snapshot: Snapshot::default(),
            note: Some("no plans/ at this commit: everything counts as added".to_owned()),
        }),
        Err(err) => Err(err),
    }
}

/// A revision, review tag, date or period, resolved as every command
/// resolves it ([`when::locate`]). A period or date before the plan's
/// first commit is an empty side: everything counts as added.
fn side_at(repo: &Repo, at: &When) -> Result<Side, Error> {
    let label = match at {
        When::Period(period) => format!("end of {period}"),
        When::Rev(rev) => rev.clone(),
    };
    let located = match (when::locate(repo, at), at) {
        (Ok(located), _) => located,
        // Only a period before the first commit finds none: an empty side.
        (Err(_), When::Period(period)) if repo.resolve("HEAD")?.is_some() => {
            let day = period.end().min(when::today());
            return Ok(Side {
                label,
                commit: None,
                files: Vec::new(),
                snapshot: Snapshot::default(),
                note: Some(format!(
                    "no commit on or before {day}: the plan did not exist yet, everything counts as added"
                )),
            });
        }
        (Err(err), _) => return Err(err),
    };
    let mut side = side_of_commit(repo, &label, located.commit)?;
    side.note = side.note.or(located.note);
    Ok(side)
}

fn number(value: f64) -> String {
    format_amount(value)
}

fn render(out: &mut String, from: &Side, to: &Side, d: &PlanDiff, p: Palette, markdown: bool) {
    if markdown {
        let _ = writeln!(out, "## Plan changes: {} → {}", from.label, to.label);
    } else {
        let _ = writeln!(
            out,
            "{} {} → {}",
            p.bold("roadmap diff"),
            from.label,
            to.label
        );
    }
    if !d.is_team() {
        render_unreadable(out, from, to, d, p, markdown, "");
        if d.is_empty() {
            let _ = writeln!(out, "\nNo changes.");
            return;
        }
        render_changes(out, d, p, markdown, "");
        return;
    }
    // A team's changes, person by person under a heading each.
    if d.is_empty() && d.unreadable.is_empty() {
        let _ = writeln!(out, "\nNo changes.");
        return;
    }
    for (person, part) in d.by_person() {
        let name = person.as_deref().unwrap_or(crate::layout::PLANS_DIR);
        if markdown {
            let _ = writeln!(out, "\n### {name}");
        } else {
            let _ = writeln!(out, "\n{}", p.bold(&format!("── {name} ──")));
        }
        render_unreadable(out, from, to, &part, p, markdown, "#");
        if part.is_empty() {
            let _ = writeln!(out, "\nNo changes.");
            continue;
        }
        render_changes(out, &part, p, markdown, "#");
    }
}

/// One changed field: `target: 5 → 6 (+20.0%) raised`.
fn field_line(f: &FieldChange, indent: &str, p: Palette, markdown: bool) -> String {
    let from = f
        .from
        .as_ref()
        .map_or_else(|| "(none)".to_owned(), ToString::to_string);
    let to =
        f.to.as_ref()
            .map_or_else(|| "(none)".to_owned(), ToString::to_string);
    let mut line = format!("{indent} {}: {from} → {to}", f.field);
    if let Some(percent) = f.percent {
        let _ = write!(line, " ({percent:+.1}%)");
    } else if let (Some(delta), FieldKind::Actual) = (f.delta, f.kind) {
        let _ = write!(
            line,
            " ({}{})",
            if delta >= 0.0 { "+" } else { "" },
            number(delta)
        );
    }
    match f.direction {
        Some("lowered") => {
            let _ = write!(line, " {}", lowered(p, markdown));
        }
        Some(direction) => {
            let _ = write!(line, " {}", p.good(direction));
        }
        None => {}
    }
    line
}

/// The added, removed and changed items, the prose and the summary of
/// `d`; `deeper` adds to the level of the Markdown headings (under a
/// person's).
fn render_changes(out: &mut String, d: &PlanDiff, p: Palette, markdown: bool, deeper: &str) {
    let heading = |out: &mut String, text: &str| {
        if markdown {
            let _ = writeln!(out, "\n###{deeper} {text}\n");
        } else {
            let _ = writeln!(out, "\n{}", p.bold(text));
        }
    };
    let bullet = if markdown { "-" } else { " " };
    for (items, title, sign) in [
        (&d.added, "Added", p.good("+")),
        (&d.removed, "Removed", p.error("-")),
    ] {
        if items.is_empty() {
            continue;
        }
        heading(out, title);
        for item in items {
            let _ = writeln!(
                out,
                "{bullet} {sign} {} {} “{}”  {}",
                item.kind,
                item.id,
                item.title,
                p.dim(&item.path)
            );
        }
    }
    if !d.changed.is_empty() {
        heading(out, "Changed");
        for c in &d.changed {
            let scope = if c.item.period.is_empty() {
                String::new()
            } else {
                format!(" [{}]", c.item.period)
            };
            let _ = writeln!(
                out,
                "{bullet} {} {} {}{scope} “{}”",
                p.accent("~"),
                c.item.kind,
                c.item.id,
                c.item.title
            );
            let indent = if markdown { "  -" } else { "     " };
            if let Some(old) = &c.renamed_from {
                let _ = writeln!(out, "{indent} renamed from “{old}”");
            }
            if let Some(old) = &c.moved_from {
                let _ = writeln!(out, "{indent} moved from {old} to {}", c.item.path);
            }
            for f in &c.fields {
                let _ = writeln!(out, "{}", field_line(f, indent, p, markdown));
            }
        }
    }
    if !d.prose.is_empty() {
        heading(out, "Prose");
        for prose in &d.prose {
            render_prose(out, prose, p, markdown);
        }
    }
    let s = &d.summary;
    let count = |map: &std::collections::BTreeMap<&str, usize>| -> String {
        let total: usize = map.values().sum();
        if total == 0 {
            return "0".to_owned();
        }
        let parts: Vec<String> = map.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        format!("{total} ({})", parts.join(", "))
    };
    heading(out, "Summary");
    let _ = writeln!(out, "{bullet} added: {}", count(&s.added));
    let _ = writeln!(out, "{bullet} removed: {}", count(&s.removed));
    let _ = writeln!(out, "{bullet} changed: {}", count(&s.changed));
    let drift = format!(
        "goal drift: {} target(s) lowered, {} raised",
        s.targets_lowered, s.targets_raised
    );
    let drift = if s.targets_lowered > s.targets_raised {
        p.error(&drift)
    } else {
        drift
    };
    let _ = writeln!(out, "{bullet} {drift}");
}

/// `N words`, `1 word`.
fn words(n: usize) -> String {
    format!("{n} {}", if n == 1 { "word" } else { "words" })
}

/// A file's prose: a new or removed one by its count of words, a changed
/// one with the lines removed (`-`) and added (`+`).
fn render_prose(out: &mut String, prose: &ProseChange, p: Palette, markdown: bool) {
    let bullet = if markdown { "-" } else { " " };
    let summary = match (prose.change, prose.words_before) {
        (ProseKind::Added, _) => format!("{}, {}", p.good("added"), words(prose.words)),
        (ProseKind::Removed, _) => format!("{}, {}", p.error("removed"), words(prose.words)),
        (ProseKind::Changed, Some(before)) if before != prose.words => format!(
            "{}, {} → {}",
            p.accent("changed"),
            words(before),
            words(prose.words)
        ),
        (ProseKind::Changed, _) => format!("{}, {}", p.accent("changed"), words(prose.words)),
    };
    let _ = writeln!(out, "{bullet} {}: {summary}", prose.path);
    if prose.lines.is_empty() {
        return;
    }
    if markdown {
        let _ = writeln!(out, "\n  ```diff");
    }
    for line in &prose.lines {
        let text = match line.change {
            ProseKind::Removed => p.error(&format!("- {}", line.text)),
            _ => p.good(&format!("+ {}", line.text)),
        };
        let indent = if markdown { "  " } else { "      " };
        let _ = writeln!(out, "{indent}{}", text.trim_end());
    }
    if markdown {
        let _ = writeln!(out, "  ```\n");
    }
}

fn run_periods(ctx: &Ctx, args: &DiffArgs, a: &str, b: &str) -> Result<i32, Error> {
    let parse = |text: &str| -> Result<Period, Error> {
        match text.parse::<Period>() {
            Ok(p @ (Period::Quarter(..) | Period::Year(_))) => Ok(p),
            _ => Err(Error::Usage(format!(
                "`{text}` is not a quarter (2026-Q1) or a year (2026)"
            ))),
        }
    };
    let (pa, pb) = (parse(a)?, parse(b)?);
    if std::mem::discriminant(&pa) != std::mem::discriminant(&pb) {
        return Err(Error::Usage(format!(
            "compare a quarter with a quarter, or a year with a year: got {pa} and {pb}"
        )));
    }
    let root = ctx.plan_root()?;
    let mut files = load::read_worktree(&root)
        .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
    ctx.select(&mut files)?;
    let snapshot = load::load(files);
    let mut results: Vec<PeriodDiff> = Vec::new();
    for plan in &snapshot.plans {
        let find = |period: Period| {
            plan.docs.iter().find(|d| {
                d.period == Some(period) && matches!(d.data, Data::Quarter(_) | Data::Year(_))
            })
        };
        let (Some(doc_a), Some(doc_b)) = (find(pa), find(pb)) else {
            let existing: Vec<String> = plan
                .docs
                .iter()
                .filter(|d| matches!(d.data, Data::Quarter(_) | Data::Year(_)))
                .filter_map(|d| {
                    d.period
                        .filter(|p| std::mem::discriminant(p) == std::mem::discriminant(&pa))
                })
                .map(|p| p.to_string())
                .collect();
            let missing = if find(pa).is_none() { pa } else { pb };
            return Err(Error::UnknownRevision {
                rev: missing.to_string(),
                reason: format!(
                    "no plan for {missing} in {}/; plans exist for: {}",
                    plan.root,
                    if existing.is_empty() {
                        "none".to_owned()
                    } else {
                        existing.join(", ")
                    }
                ),
            });
        };
        let (Some(plan_a), Some(plan_b)) = (PeriodPlan::of(doc_a), PeriodPlan::of(doc_b)) else {
            continue;
        };
        let capabilities = plan.docs.iter().find_map(|d| match &d.data {
            Data::Capabilities(c) => Some(c),
            _ => None,
        });
        results.push(diff::compare_periods(
            plan.person.clone(),
            (pa.to_string(), plan_a),
            (pb.to_string(), plan_b),
            capabilities,
            (pa.year(), pb.year()),
        ));
    }
    let differs = results.iter().any(|r| {
        !r.completed.is_empty()
            || !r.missed.is_empty()
            || !r.dropped.is_empty()
            || !r.new.is_empty()
            || !r.key_result_targets.is_empty()
    });
    match args.format {
        DiffFormat::Json => {
            let out = json::Periods {
                version: json::VERSION,
                plans: &results,
            };
            let json =
                serde_json::to_string_pretty(&out).map_err(|e| Error::serialize("the diff", &e))?;
            super::emit(&(json + "\n"))?;
        }
        format => {
            let markdown = format == DiffFormat::Markdown;
            let p = if markdown {
                Palette::plain()
            } else {
                ctx.stdout()
            };
            let mut out = String::new();
            for r in &results {
                render_periods(&mut out, r, p, markdown);
            }
            super::emit(&out)?;
        }
    }
    Ok(i32::from(args.exit_code && differs))
}

fn render_periods(out: &mut String, r: &PeriodDiff, p: Palette, markdown: bool) {
    let who = r
        .person
        .as_deref()
        .map(|x| format!(" ({x})"))
        .unwrap_or_default();
    let title = format!("{} → {}{who}", r.a, r.b);
    let heading = |out: &mut String, text: &str| {
        if markdown {
            let _ = writeln!(out, "\n### {text}\n");
        } else {
            let _ = writeln!(out, "\n{}", p.bold(text));
        }
    };
    if markdown {
        let _ = writeln!(out, "## Plans compared: {title}");
    } else {
        let _ = writeln!(out, "{} {title}", p.bold("roadmap diff --periods"));
    }
    let bullet = if markdown { "-" } else { " " };
    heading(out, "Carried over");
    if r.carried.is_empty() {
        let _ = writeln!(out, "{bullet} none");
    }
    for c in &r.carried {
        if c.title_from == c.title_to {
            let _ = writeln!(out, "{bullet} {} “{}”", c.id, c.title_to);
        } else {
            let _ = writeln!(
                out,
                "{bullet} {} “{}” (was “{}”)",
                c.id, c.title_to, c.title_from
            );
        }
    }
    // The lists of objectives, each under its heading with its sign; the
    // missed ones only when there are some.
    let lists = [
        (
            format!("Completed in {}", r.a),
            &r.completed,
            p.good("✓"),
            true,
        ),
        (format!("Missed in {}", r.a), &r.missed, p.error("✗"), false),
        (
            format!("Dropped after {}", r.a),
            &r.dropped,
            p.error("-"),
            true,
        ),
        (format!("New in {}", r.b), &r.new, p.good("+"), true),
    ];
    for (title, items, sign, always) in lists {
        if items.is_empty() && !always {
            continue;
        }
        heading(out, &title);
        if items.is_empty() {
            let _ = writeln!(out, "{bullet} none");
        }
        let sign = if markdown {
            String::new()
        } else {
            format!("{sign} ")
        };
        for o in items {
            let _ = writeln!(out, "{bullet} {sign}{} “{}”", o.id, o.title);
        }
    }
    if !r.key_result_targets.is_empty() {
        heading(out, "Key-result targets");
        key_result_targets(out, r, p, markdown);
    }
    heading(out, "Balance across the five categories");
    balance(out, r, markdown);
    if !r.capabilities.is_empty() {
        let years = (
            r.a.get(..4).unwrap_or_default(),
            r.b.get(..4).unwrap_or_default(),
        );
        let title = if years.0 == years.1 {
            format!("Capability targets for {}", years.0)
        } else {
            format!("Capability targets, {} and {}", years.0, years.1)
        };
        heading(out, &title);
        for s in &r.capabilities {
            let show = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
            let _ = writeln!(
                out,
                "{bullet} {:<24} {:>2} → {}",
                s.name,
                show(s.a),
                show(s.b)
            );
        }
    }
    out.push('\n');
}

/// Each key result's target, from the first plan to the second.
fn key_result_targets(out: &mut String, r: &PeriodDiff, p: Palette, markdown: bool) {
    let bullet = if markdown { "-" } else { " " };
    for t in &r.key_result_targets {
        let fmt = |v: Option<f64>| crate::progress::format_value(v, t.unit.as_deref());
        let direction = match (t.from, t.to) {
            (Some(a), Some(b)) if b < a => format!(" {}", lowered(p, markdown)),
            (Some(a), Some(b)) if b > a => format!(" {}", p.good("raised")),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{bullet} {} “{}”: {} → {}{direction}",
            t.id,
            t.title,
            fmt(t.from),
            fmt(t.to)
        );
    }
}

/// How many objectives each category has in either plan.
fn balance(out: &mut String, r: &PeriodDiff, markdown: bool) {
    if markdown {
        let _ = writeln!(
            out,
            "| category | {} | {} |\n| --- | ---: | ---: |",
            r.a, r.b
        );
        for b in &r.balance {
            let _ = writeln!(out, "| {} | {} | {} |", b.label, b.a, b.b);
        }
    } else {
        for b in &r.balance {
            let _ = writeln!(out, "  {:<26} {:>2} → {}", b.label, b.a, b.b);
        }
    }
}

/// A target lowered, said loud: in bold in Markdown, in red on a terminal.
fn lowered(p: Palette, markdown: bool) -> String {
    if markdown {
        "**lowered**".to_owned()
    } else {
        p.error("lowered")
    }
}
