//! `roadmap status`: where the plan stands, in the terminal.

use std::fmt::Write as _;

use crate::cli::{Format, StatusArgs};
use crate::error::Error;
use crate::load::Problem;
use crate::progress::{self, Pace, Progress};
use crate::team::{self, Team};
use crate::term::{self, Palette};
use crate::value::{percent_text, whole_percent};
use crate::when;

use super::Ctx;

pub(super) fn run(ctx: &Ctx, args: &StatusArgs) -> Result<i32, Error> {
    let mut point = when::resolve(&ctx.cwd, args.at.as_ref())?.with_listing();
    // `--team` is the whole team, even run inside one person's folder.
    let person = if args.team {
        None
    } else {
        ctx.select(&mut point.files)?
    };
    // Each plan reads its own person's history, as the report does: a
    // team's plans never scan each other's observations.
    let (snapshot, (warnings, shallow, parts), dates) = when::read_plan_and_history(
        &ctx.cwd,
        &mut point,
        args.committed,
        crate::history::Events::None,
        |mut history| {
            let warnings = std::mem::take(&mut history.warnings);
            let shallow = history.shallow;
            progress::keep_what_compute_reads(&mut history);
            (warnings, shallow, history.by_person())
        },
    )?;
    let empty = crate::history::History::default();
    let views: Vec<Progress> = snapshot
        .plans
        .iter()
        .filter_map(|plan| {
            let own = parts.get(&plan.person).unwrap_or(&empty);
            progress::compute(plan, own, dates)
        })
        .map(|view| Progress {
            note: point.note.clone(),
            ..view
        })
        .collect();
    if views.is_empty() {
        return Err(Error::Plan(
            "no plan with a readable vision.md: run `roadmap check` to see what is wrong"
                .to_owned(),
        ));
    }
    let people = snapshot.plans.iter().filter(|p| p.person.is_some()).count();
    if person.is_none() && (args.team || people > 1) {
        if people < 2 {
            return Err(Error::Usage(
                "--team: this repository holds one plan; a team keeps one folder per person under plans/".to_owned(),
            ));
        }
        let updates = when::folder_updates(&ctx.cwd, point.commit.as_deref(), &snapshot)?;
        let Some(team) = team::build(&snapshot.plans, &views, &updates, dates.as_of, dates.today)
        else {
            return Err(Error::EmptyPlan);
        };
        let problems: Vec<Problem> = views.iter().flat_map(|v| v.problems.clone()).collect();
        return run_team(ctx, args, &team, dates, point.note.as_deref(), &problems);
    }
    let problems: Vec<Problem> = views.iter().flat_map(|v| v.problems.clone()).collect();
    match args.format {
        Format::Json => {
            let out = crate::json::Status {
                version: crate::json::VERSION,
                plans: &views,
            };
            let json = serde_json::to_string_pretty(&out)
                .map_err(|e| Error::serialize("the status", &e))?;
            super::emit(&(json + "\n"))?;
        }
        Format::Text => {
            let palette = ctx.stdout();
            let mut out = super::partial_text(&problems, palette);
            if let Some(note) = &point.note {
                let _ = writeln!(out, "{} {note}\n", palette.warning("note:"));
            }
            let width = term::width();
            for view in &views {
                render(&mut out, view, palette, width);
            }
            if !warnings.is_empty() && ctx.verbose {
                for warning in &warnings {
                    let _ = writeln!(out, "{} {warning}", palette.warning("warning:"));
                }
            }
            if shallow {
                let _ = writeln!(
                    out,
                    "{}",
                    palette.dim("note: shallow clone: history starts at the shallow boundary")
                );
            }
            super::emit(&out)?;
        }
    }
    warn_failed_rebuild(ctx);
    Ok(super::partial_code(&problems))
}

/// `status --team`: one line per person, who needs attention first, then
/// the team line and the month its revenue is summed at.
fn run_team(
    ctx: &Ctx,
    args: &StatusArgs,
    team: &Team,
    dates: when::Dates,
    note: Option<&str>,
    problems: &[Problem],
) -> Result<i32, Error> {
    match args.format {
        Format::Json => {
            let out = crate::json::StatusTeam {
                version: crate::json::VERSION,
                as_of: dates.as_of,
                today: dates.today,
                team,
                problems,
            };
            let json = serde_json::to_string_pretty(&out)
                .map_err(|e| Error::serialize("the team's status", &e))?;
            super::emit(&(json + "\n"))?;
        }
        Format::Text => {
            let palette = ctx.stdout();
            let mut out = super::partial_text(problems, palette);
            if let Some(note) = note {
                let _ = writeln!(out, "{} {note}\n", palette.warning("note:"));
            }
            render_team(&mut out, team, dates, palette, term::width());
            super::emit(&out)?;
        }
    }
    Ok(super::partial_code(problems))
}

/// The widest person column of `status --team`.
const PERSON: usize = 14;

/// The revenue column: `$12.4M/$30.0M`.
const REVENUE: usize = 13;

fn render_team(out: &mut String, team: &Team, dates: when::Dates, palette: Palette, width: usize) {
    let levels = if team.levels > 1 {
        format!(" · {} levels", team.levels)
    } else {
        String::new()
    };
    let head = format!(
        "Team · {} people{levels} · figures {}",
        team.line.people,
        dates.describe()
    );
    hanging(out, "", 0, &head, width, |t| palette.bold(t));
    let name = widest(team.people.iter().map(|r| r.person.as_str()), PERSON).max(4);
    let used = name + 2 + 4 + 2 + 4 + 2 + REVENUE + 2 + 7 + 2 + 3 + 2 + 10 + 2;
    let _ = writeln!(
        out,
        "{}",
        palette.dim(&format!(
            "{}  {:>4}  {:>4}  {:<REVENUE$}  {:<7}  {:>3}  {:<10}  {}",
            term::pad("NAME", name),
            "VIS",
            "QTR",
            "REVENUE/TARGET",
            "MONTH",
            "BHD",
            "UPDATED",
            "OVERDUE"
        ))
    );
    for r in &team.people {
        person_row(out, r, name, room(width, used), palette);
    }
    team_row(out, team, name, room(width, used), palette);
    if let Some(at) = team.revenue.at.as_ref() {
        let _ = writeln!(out);
        hanging(out, "", 0, &revenue_note(team, at), width, |t| {
            palette.dim(t)
        });
    }
}

/// One person's line of `status --team`, its overdue column fitted to
/// `overdue_room` cells.
fn person_row(out: &mut String, r: &team::Row, name: usize, overdue_room: usize, palette: Palette) {
    let (revenue, month) = r.revenue.as_ref().map_or_else(
        || ("-".to_owned(), "-".to_owned()),
        |v| {
            (
                revenue_pair(v.actual, v.target),
                v.month.clone().unwrap_or_else(|| "-".to_owned()),
            )
        },
    );
    let revenue = match r.revenue.as_ref().map(|v| v.pace) {
        Some(Pace::Behind) => palette.error(&term::pad(&revenue, REVENUE)),
        _ => term::pad(&revenue, REVENUE),
    };
    let month = if r.revenue.as_ref().is_some_and(|v| v.stale) {
        palette.warning(&term::pad(&month, 7))
    } else {
        term::pad(&month, 7)
    };
    let updated = r
        .last_update
        .map_or_else(|| "-".to_owned(), |d| d.to_string());
    let overdue = overdue_short(&r.overdue);
    let _ = writeln!(
        out,
        "{}  {:>3}%  {:>4}  {revenue}  {month}  {:>3}  {:<10}  {}",
        term::pad(&term::fit(&r.person, name), name),
        whole_percent(r.vision_percent),
        r.quarter_percent
            .map_or_else(|| "-".to_owned(), percent_text),
        r.behind,
        updated,
        if overdue.is_empty() {
            String::new()
        } else {
            palette.warning(&term::fit(&overdue, overdue_room))
        },
    )
    .map(|()| trim_line_end(out));
}

/// The bold TEAM line under the people: the team's figures and how many
/// reviews are overdue, by how many people.
fn team_row(out: &mut String, team: &Team, name: usize, overdue_room: usize, palette: Palette) {
    let overdue = if team.line.overdue == 0 {
        String::new()
    } else {
        format!(
            "{} ({} {})",
            team.line.overdue,
            team.line.people_overdue,
            if team.line.people_overdue == 1 {
                "person"
            } else {
                "people"
            }
        )
    };
    let _ = writeln!(
        out,
        "{}",
        palette.bold(
            format!(
                "{}  {:>3}%  {:>4}  {}  {:<7}  {:>3}  {:<10}  {}",
                term::pad("TEAM", name),
                whole_percent(team.line.vision_percent),
                team.line
                    .quarter_percent
                    .map_or_else(|| "-".to_owned(), percent_text),
                term::pad(
                    &revenue_pair(
                        team.revenue.at.as_ref().and_then(|m| m.actual),
                        team.revenue.target
                    ),
                    REVENUE
                ),
                team.revenue.month.as_deref().unwrap_or("-"),
                team.line.behind,
                "",
                term::fit(&overdue, overdue_room)
            )
            .trim_end()
        )
    );
}

/// The sentence under the team table: the month the revenue is summed at,
/// who was not read for it, and a later month not summed yet.
fn revenue_note(team: &Team, at: &team::MonthPoint) -> String {
    let expected = at
        .expected
        .map(|e| format!(", {} expected by then", money(e)))
        .unwrap_or_default();
    let mut said = format!(
        "Revenue {}: {} from readings of that month only{expected}.",
        at.month,
        at.actual.map_or_else(|| "-".to_owned(), money)
    );
    if !at.missing.is_empty() {
        let _ = write!(
            said,
            " Not read for {}: {}.",
            at.month,
            missing_list(&at.missing)
        );
    }
    if let Some(later) = team
        .revenue
        .months
        .iter()
        .rev()
        .find(|m| m.actual.is_some() && m.month > at.month)
    {
        let _ = write!(
            said,
            " {} is not summed yet: no reading from {}.",
            later.month,
            missing_list(&later.missing)
        );
    }
    said
}

/// `$4.1M/$5.0M`, `-` for a missing figure.
fn revenue_pair(actual: Option<f64>, target: Option<f64>) -> String {
    format!(
        "{}/{}",
        actual.map_or_else(|| "-".to_owned(), short_money),
        target.map_or_else(|| "-".to_owned(), short_money)
    )
}

fn short_money(value: f64) -> String {
    if value.abs() >= 1e6 {
        format!("${:.1}M", value / 1e6)
    } else if value.abs() >= 1e3 {
        format!("${:.0}k", value / 1e3)
    } else {
        format!("${value:.0}")
    }
}

fn money(value: f64) -> String {
    progress::format_value(Some(value), Some("USD"))
}

fn missing_list(missing: &[team::Missing]) -> String {
    missing
        .iter()
        .map(|m| match &m.last {
            Some(last) => format!("{} (last {last})", m.person),
            None => format!("{} (none yet)", m.person),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is overdue, short: `review 2026-11 +1`.
fn overdue_short(overdue: &[String]) -> String {
    let Some(first) = overdue.first() else {
        return String::new();
    };
    let first = first
        .replace("month-review ", "review ")
        .replace("quarter-review ", "review ")
        .replace("year-review ", "review ")
        .replace("quarter plan ", "plan ");
    if overdue.len() > 1 {
        format!("{first} +{}", overdue.len() - 1)
    } else {
        first
    }
}

/// Drops the spaces a line without an overdue column ends with.
fn trim_line_end(out: &mut String) {
    let body = out.trim_end_matches('\n').trim_end_matches(' ').len();
    if body < out.len() - 1 {
        out.truncate(body);
        out.push('\n');
    }
}

/// The git hooks rebuild the reports in the background, where nobody sees
/// a failure: the next `roadmap status` tells, until a report is written.
fn warn_failed_rebuild(ctx: &Ctx) {
    let Ok(root) = ctx.plan_root() else {
        return;
    };
    if let Some(failed) =
        crate::hooks::failed_rebuild(&ctx.cwd, &root.join(crate::layout::OUTPUT_DIR))
    {
        let reason = failed.reason.map(|r| format!(": {r}")).unwrap_or_default();
        eprintln!(
            "{} the reports were not rebuilt after the last {} ({}, exit code {}){reason}\n  see {}, or run `roadmap report`",
            ctx.stderr().warning("warning:"),
            failed.hook,
            failed.finished,
            failed.exit,
            failed.log.display()
        );
    }
}

/// A progress bar of `width` cells: blocks in colour, `[##--]` without.
fn bar(progress: f64, width: usize, palette: Palette) -> String {
    let filled = ((progress.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    if palette.enabled() {
        format!(
            "{}{}",
            palette.good(&"█".repeat(filled)),
            palette.dim(&"░".repeat(width - filled))
        )
    } else {
        format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
    }
}

/// The columns a bar of `width` cells takes (brackets without colour).
fn bar_columns(width: usize, palette: Palette) -> usize {
    if palette.enabled() { width } else { width + 2 }
}

/// A pace padded to the widest label (`on track`), then painted.
fn pace(p: Pace, palette: Palette) -> String {
    let label = term::pad(p.label(), PACE);
    match p {
        Pace::Ahead | Pace::Done => palette.good(&label),
        Pace::OnTrack => palette.accent(&label),
        Pace::Behind => palette.error(&label),
        Pace::Unknown => palette.dim(&label),
    }
}

/// The width from which objectives have bars.
const WIDE: usize = 100;

/// The widest pace label.
const PACE: usize = 8;

fn percent(value: f64) -> String {
    format!("{:>3}%", whole_percent(value * 100.0))
}

/// The widest of `texts` in columns, at most `cap`.
fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, cap: usize) -> usize {
    texts
        .into_iter()
        .map(term::columns)
        .max()
        .unwrap_or(0)
        .min(cap)
}

/// Writes `prefix` (already painted, `indent` columns wide) and `text`
/// broken between words to the rest of the width, each further line
/// indented as far as the first.
fn hanging(
    out: &mut String,
    prefix: &str,
    indent: usize,
    text: &str,
    width: usize,
    paint: impl Fn(&str) -> String,
) {
    let room = width.saturating_sub(indent).max(MIN_TEXT);
    for (n, line) in term::wrap(text, room).iter().enumerate() {
        if n == 0 {
            let _ = writeln!(out, "{prefix}{}", paint(line));
        } else {
            let _ = writeln!(out, "{:indent$}{}", "", paint(line));
        }
    }
}

/// The fewest columns a title or a sentence is given, however narrow the
/// terminal: past that, the line is wider than the terminal.
const MIN_TEXT: usize = 12;

/// The room left for a title after `used` columns, at least [`MIN_TEXT`].
fn room(width: usize, used: usize) -> usize {
    width.saturating_sub(used).max(MIN_TEXT)
}

fn render(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    let who = v
        .person
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let years = format!("{}-{}", v.start, v.end);
    let name = term::fit(
        &format!("{}{who}", v.name),
        room(width, 2 + term::columns(&years)),
    );
    let _ = writeln!(out, "{}  {years}", palette.bold(&name));
    hanging(
        out,
        "",
        0,
        &format!("{} → {}", v.role_now, v.role_goal),
        width,
        str::to_owned,
    );
    let dates = format!("Figures {}", v.dates_text);
    if v.last_update_days > 0 {
        hanging(out, "", 0, &dates, width, |t| palette.warning(t));
    } else {
        hanging(out, "", 0, &dates, width, |t| palette.dim(t));
    }
    let overdue: Vec<String> = v
        .reviews_due
        .iter()
        .filter(|r| r.overdue)
        .map(|r| format!("{} {}", r.kind, r.period))
        .collect();
    if !overdue.is_empty() {
        let prefix = format!("{} ", palette.warning("Overdue:"));
        hanging(out, &prefix, 9, &overdue.join(", "), width, str::to_owned);
    }

    overall(out, v, palette, width);
    behind(out, v, palette, width);
    if let Some(year) = &v.year {
        let theme = year
            .theme
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        let head = term::fit(&format!("{} objectives{theme}", year.year), room(width, 6));
        let _ = writeln!(out, "\n{}  {}", palette.bold(&head), percent(year.progress));
        objectives(out, &year.objectives, palette, width, false);
        success(out, year, palette, width);
    }
    if let Some(q) = &v.quarter {
        let _ = writeln!(
            out,
            "\n{}  {}  {}",
            palette.bold(&format!("{} focus", q.period)),
            percent(q.progress),
            palette.dim(&format!("day {} of {}", q.day, q.days))
        );
        objectives(out, &q.objectives, palette, width, true);
        milestones_due(out, q, palette, width);
    }
    metrics(out, v, palette, width);
    skills(out, v, palette, width);
    actions_due(out, v, palette, width);
    habits(out, v, palette, width);
    time_budget(out, v, palette, width);
    reviews(out, v, palette, width);
    out.push('\n');
}

fn overall(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    let title = "Overall progress toward the vision";
    let long = if 2 + term::columns(title) + 2 + bar_columns(20, palette) + 5 <= width {
        20
    } else {
        10
    };
    let _ = writeln!(
        out,
        "\n{}  {} {}",
        palette.bold(title),
        bar(v.overall.percent / 100.0, long, palette),
        palette.bold(&percent_text(v.overall.percent))
    );
    let name = widest(v.overall.parts.iter().map(|p| p.dimension), 12);
    let indent = 2 + name + 1 + bar_columns(10, palette) + 1 + 4 + 2;
    for part in &v.overall.parts {
        let prefix = format!(
            "  {} {} {}  ",
            term::pad(part.dimension, name),
            bar(part.progress, 10, palette),
            percent(part.progress),
        );
        let detail = format!("{} (weight {})", part.detail, part.weight);
        hanging(out, &prefix, indent, &detail, width, |t| palette.dim(t));
    }
}

fn behind(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    if v.behind.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", palette.error("Behind plan"));
    // One line each: the figures behind a line cut short are in the
    // sections below.
    let id = widest(v.behind.iter().map(|b| b.id.as_str()), width / 3);
    for b in &v.behind {
        let _ = writeln!(
            out,
            "  {} {} {}",
            palette.error("!"),
            term::pad(&b.id, id),
            term::fit(&b.what, room(width, 4 + id + 1))
        );
    }
}

/// A year's or a quarter's objectives, one line each: bar, share, status
/// (a quarter's: pace), id and the title cut to the width; a quarter's
/// key results beneath, their figures aligned.
fn objectives(
    out: &mut String,
    list: &[crate::progress::ObjectiveView],
    palette: Palette,
    width: usize,
    quarter: bool,
) {
    let id = widest(list.iter().map(|o| o.id.as_str()), width / 3);
    // The bars leave the title too little room on a narrow terminal.
    let bars = width >= WIDE;
    let bar_room = if bars {
        bar_columns(10, palette) + 1
    } else {
        0
    };
    let used = 2 + bar_room + 4 + 2 + PACE + 1 + id + 1;
    for o in list {
        let state = if quarter {
            pace(o.pace, palette)
        } else {
            term::pad(o.status.as_str(), PACE)
        };
        let shown = if bars {
            format!("{} ", bar(o.progress, 10, palette))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {shown}{}  {state} {} {}",
            percent(o.progress),
            palette.dim(&term::pad(&o.id, id)),
            term::fit(&o.title, room(width, used))
        );
        if !quarter {
            continue;
        }
        let shown: Vec<(String, String)> = o
            .key_results
            .iter()
            .map(|kr| {
                (
                    progress::format_value(Some(kr.current), kr.unit.as_deref()),
                    progress::format_value(kr.target, kr.unit.as_deref()),
                )
            })
            .collect();
        let current = widest(shown.iter().map(|(c, _)| c.as_str()), usize::MAX);
        let target = widest(shown.iter().map(|(_, t)| t.as_str()), usize::MAX);
        let used = 8 + current + 3 + target + 2 + PACE + 1;
        for (kr, (now, goal)) in o.key_results.iter().zip(&shown) {
            let _ = writeln!(
                out,
                "      {} {} / {}  {} {}",
                palette.dim("·"),
                term::pad_left(now, current),
                term::pad(goal, target),
                pace(kr.pace, palette),
                term::fit(&kr.title, room(width, used))
            );
        }
    }
}

fn metrics(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    if v.metrics.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", palette.bold("Revenue and performance"));
    let shown: Vec<[String; 3]> = v
        .metrics
        .iter()
        .map(|m| {
            [m.actual, m.target, m.expected].map(|n| progress::format_value(n, m.unit.as_deref()))
        })
        .collect();
    let column = |at: usize| widest(shown.iter().map(|s| s[at].as_str()), usize::MAX);
    let (actual, target, expected) = (column(0), column(1), column(2));
    let figures = 1 + actual + 4 + target + 11 + expected + 2 + PACE;
    let name = widest(
        v.metrics.iter().map(|m| m.name.as_str()),
        room(width, 2 + figures),
    );
    for (m, [now, goal, due]) in v.metrics.iter().zip(&shown) {
        let line = format!(
            "  {} {} of {}  expected {}  {}",
            term::pad(&m.name, name),
            term::pad_left(now, actual),
            term::pad_left(goal, target),
            term::pad_left(due, expected),
            pace(m.pace, palette)
        );
        let Some((growth, year)) = m.growth.zip(m.forecast) else {
            let _ = writeln!(out, "{}", line.trim_end());
            continue;
        };
        let note = format!("{growth:.1}%/yr so far: the vision's revenue by {year}");
        if 2 + name + figures + 2 + term::columns(&note) <= width {
            let _ = writeln!(out, "{line}  {}", palette.dim(&note));
        } else {
            let _ = writeln!(out, "{}", line.trim_end());
            hanging(out, "    ", 4, &note, width, |t| palette.dim(t));
        }
    }
}

fn skills(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    if v.skills.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}",
        palette.bold(&format!("Skills against {} targets", v.as_of.format("%Y")))
    );
    let used = 2 + 1 + bar_columns(10, palette) + 1 + 7 + 2 + PACE;
    let name = widest(v.skills.iter().map(|s| s.name.as_str()), room(width, used));
    for s in &v.skills {
        let target = s.target.map_or_else(|| "-".to_owned(), |t| t.to_string());
        let line = format!(
            "  {} {} {:>2} / {:<2}  {}",
            term::pad(&s.name, name),
            bar(s.level as f64 / 10.0, 10, palette),
            s.level,
            target,
            pace(s.pace, palette)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn habits(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    if v.habits.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}  {}",
        palette.bold("Habits this week"),
        palette.dim("Mon..Sun")
    );
    let stats: Vec<String> = v
        .habits
        .iter()
        .map(|h| {
            format!(
                "streak {} (best {}), week {}, month {}",
                h.current_streak,
                h.longest_streak,
                percent_text(h.this_week.percent),
                percent_text(h.this_month.percent)
            )
        })
        .collect();
    let days = v.habits.iter().map(|h| h.week.len()).max().unwrap_or(0);
    let title = widest(v.habits.iter().map(|h| h.title.as_str()), usize::MAX);
    let stat = widest(stats.iter().map(String::as_str), usize::MAX);
    // The figures follow the week when the line holds them, else they
    // open the line beneath.
    let inline = 2 + title + 1 + days + 2 + stat <= width;
    let title = title.min(room(width, 2 + 1 + days));
    for (h, stats) in v.habits.iter().zip(stats) {
        // A day off the cadence, not done, is neither a miss nor a hit.
        let week: String = h
            .week
            .iter()
            .zip(h.week_due.iter().chain(std::iter::repeat(&true)))
            .map(|(d, due)| match d {
                Some(true) => palette.good("■"),
                Some(false) if *due => palette.error("□"),
                Some(false) | None => palette.dim("·"),
            })
            .collect();
        let name = term::pad(&h.title, title);
        let mut detail = Vec::new();
        if inline {
            let _ = writeln!(out, "  {name} {week}  {}", palette.dim(&stats));
        } else {
            let _ = writeln!(out, "  {name} {week}");
            detail.push(stats);
        }
        // "Unless it is done today" is only true of figures of today.
        if h.at_risk && v.last_update_days == 0 {
            let (when, unit) = if h.times.is_some() {
                ("by Sunday", "week")
            } else {
                ("today", "day")
            };
            let prefix = format!("    {} ", palette.warning("!"));
            let text = format!(
                "the {}-{unit} streak breaks unless it is done {when}",
                h.current_streak
            );
            hanging(out, &prefix, 6, &text, width, str::to_owned);
        }
        if h.minutes > 0 || !h.serves.is_empty() {
            let goals: Vec<&str> = h.serves.iter().map(|g| g.name.as_str()).collect();
            let total = if h.minutes > 0 {
                format!("{} h over {}", h.minutes / 60, checkins(h.checkins))
            } else {
                checkins(h.checkins)
            };
            let toward = if goals.is_empty() {
                String::new()
            } else {
                format!(" toward {}", goals.join(", "))
            };
            detail.push(format!("{total}{toward}"));
        }
        // The figures and what the habit serves: one line when it holds
        // both, else a line each, cut to the width.
        let room = room(width, 4);
        let joined = detail.join("; ");
        let lines = if term::columns(&joined) <= room {
            vec![joined]
        } else {
            detail.iter().map(|d| term::fit(d, room)).collect()
        };
        for line in lines.iter().filter(|l| !l.is_empty()) {
            let _ = writeln!(out, "    {}", palette.dim(line));
        }
    }
}

/// This week's and last week's time by category against the budget's
/// share: one line per category, within the width.
fn time_budget(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    let Some(time) = &v.time else {
        return;
    };
    let _ = writeln!(
        out,
        "\n{}  {}",
        palette.bold("Time budget"),
        palette.dim("this week, last week, target share")
    );
    let empty = Vec::new();
    let this = time.weeks.first().map_or(&empty, |w| &w.categories);
    let last = time.weeks.get(1).map_or(&empty, |w| &w.categories);
    let name = widest(time.targets.iter().map(|t| t.category.as_str()), 20);
    let name = name.min(room(width, 2 + 1 + 36));
    for (i, target) in time.targets.iter().enumerate() {
        let figures = |week: &Vec<crate::progress::TimeSpent>| {
            week.get(i).map_or_else(
                || format!("{:>6} {:>4}", "0m", "0%"),
                |s| format!("{:>6} {:>3}%", s.text, whole_percent(s.share)),
            )
        };
        let now = this.get(i);
        let off =
            now.is_some_and(|s| s.minutes > 0 && (s.share - f64::from(target.share)).abs() >= 10.0);
        let shown = figures(this);
        let shown = if off { palette.warning(&shown) } else { shown };
        let line = format!(
            "  {} {}   {}   target {:>3}%",
            term::pad(&term::fit(&target.category, name), name),
            shown,
            palette.dim(&figures(last)),
            target.share
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn checkins(n: u32) -> String {
    if n == 1 {
        "1 check-in".to_owned()
    } else {
        format!("{n} check-ins")
    }
}

fn reviews(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    let Some(next) = v.reviews_due.first() else {
        return;
    };
    let when = if next.overdue {
        palette.error("overdue")
    } else {
        format!("due {}", next.due)
    };
    let _ = writeln!(
        out,
        "\n{} {} {} ({when})",
        palette.bold("Next review:"),
        next.kind,
        term::fit(&next.period, room(width, 40))
    );
    for other in &v.reviews_due[1..] {
        let when = if other.overdue {
            "overdue".to_owned()
        } else {
            format!("due {}", other.due)
        };
        let _ = writeln!(
            out,
            "  also {} {} ({when})",
            other.kind,
            term::fit(&other.period, room(width, 40))
        );
    }
}

/// How many of the next open milestones `status` lists; the dashboard
/// lists them all.
const NEXT_MILESTONES: usize = 5;

/// The year's success criteria, each with its status.
fn success(out: &mut String, year: &progress::YearView, palette: Palette, width: usize) {
    if year.success.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  {}",
        palette.dim(&format!(
            "Success criteria: {} of {} met",
            year.success_met,
            year.success.len()
        ))
    );
    for c in &year.success {
        let state = term::pad(c.status.as_str(), 7);
        let prefix = format!("    {} ", palette.dim(&state));
        hanging(out, &prefix, 12, &c.title, width, str::to_owned);
    }
}

/// The quarter's next open milestones, soonest first.
fn milestones_due(out: &mut String, q: &progress::QuarterView, palette: Palette, width: usize) {
    let open: Vec<&progress::QuarterMilestone> = q
        .milestones
        .iter()
        .filter(|m| !m.status.is_closed())
        .collect();
    if open.is_empty() {
        return;
    }
    let done = q.milestones.len() - open.len();
    let _ = writeln!(
        out,
        "  {}",
        palette.dim(&format!(
            "Milestones: {done} of {} done; next due:",
            q.milestones.len()
        ))
    );
    let due = widest(open.iter().filter_map(|m| m.due.as_deref()), 10);
    for m in open.iter().take(NEXT_MILESTONES) {
        let when = term::pad(m.due.as_deref().unwrap_or("-"), due);
        let used = 4 + due + 1;
        let _ = writeln!(
            out,
            "    {} {}",
            palette.dim(&when),
            term::fit(&m.title, room(width, used))
        );
    }
    if open.len() > NEXT_MILESTONES {
        let _ = writeln!(
            out,
            "    {}",
            palette.dim(&format!("and {} more", open.len() - NEXT_MILESTONES))
        );
    }
}

/// The skills' development actions due by the end of the quarter.
fn actions_due(out: &mut String, v: &Progress, palette: Palette, width: usize) {
    if v.actions_due.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", palette.bold("Development actions due"));
    let whens: Vec<String> = v
        .actions_due
        .iter()
        .map(|a| {
            if a.overdue {
                format!("{} overdue", a.due)
            } else {
                a.due.clone()
            }
        })
        .collect();
    let due = widest(whens.iter().map(String::as_str), 18);
    for (a, when) in v.actions_due.iter().zip(&whens) {
        let when = term::pad(when, due);
        let when = if a.overdue {
            palette.error(&when)
        } else {
            palette.dim(&when)
        };
        let used = 2 + due + 1;
        let _ = writeln!(
            out,
            "  {when} {}",
            term::fit(&format!("{}: {}", a.skill_name, a.title), room(width, used))
        );
    }
}
