//! `roadmap status`: where the plan stands, in the terminal.

use std::fmt::Write as _;

use crate::cli::{Format, StatusArgs};
use crate::error::Error;
use crate::load::{self, Problem};
use crate::progress::{self, Pace, Progress};
use crate::term::Palette;
use crate::when;

use super::Ctx;

pub fn run(ctx: &Ctx, args: &StatusArgs) -> Result<i32, Error> {
    let mut point = when::resolve(&ctx.cwd, args.at.as_ref())?;
    let snapshot = load::load(std::mem::take(&mut point.files));
    if snapshot.plans.is_empty() {
        return Err(Error::EmptyPlan);
    }
    let (history, dates) = when::read_history(&ctx.cwd, &point, &snapshot, args.committed, false)?;
    let views: Vec<Progress> = snapshot
        .plans
        .iter()
        .filter_map(|plan| progress::compute(plan, &history, dates))
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
            for view in &views {
                render(&mut out, view, palette);
            }
            if !history.warnings.is_empty() && ctx.verbose {
                for warning in &history.warnings {
                    let _ = writeln!(out, "{} {warning}", palette.warning("warning:"));
                }
            }
            if history.shallow {
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

/// The git hooks rebuild the reports in the background, where nobody sees
/// a failure: the next `roadmap status` tells, until a report is written.
fn warn_failed_rebuild(ctx: &Ctx) {
    let Ok(root) = ctx.plan_root() else {
        return;
    };
    if let Some(failed) = crate::hooks::failed_rebuild(&ctx.cwd, &root.join("dashboard")) {
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

fn pace(p: Pace, palette: Palette) -> String {
    let label = p.label();
    match p {
        Pace::Ahead | Pace::Done => palette.good(label),
        Pace::OnTrack => palette.accent(label),
        Pace::Behind => palette.error(label),
        Pace::Unknown => palette.dim(label),
    }
}

fn percent(value: f64) -> String {
    format!("{:>3.0}%", value * 100.0)
}

fn render(out: &mut String, v: &Progress, palette: Palette) {
    let who = v
        .person
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{who}  {}-{}\n{} → {}",
        palette.bold(&v.name),
        v.start,
        v.end,
        v.role_now,
        v.role_goal,
    );
    let overdue: Vec<String> = v
        .reviews_due
        .iter()
        .filter(|r| r.overdue)
        .map(|r| format!("{} {}", r.kind, r.period))
        .collect();
    let dates = format!("Figures {}", v.dates_text);
    let dates = if v.last_update_days > 0 {
        palette.warning(&dates)
    } else {
        palette.dim(&dates)
    };
    let dates = if overdue.is_empty() {
        dates
    } else {
        format!(
            "{dates}\n{} {}",
            palette.warning("Overdue:"),
            overdue.join(", ")
        )
    };
    let _ = writeln!(out, "{dates}");
    let _ = writeln!(
        out,
        "\n{}  {} {}",
        palette.bold("Overall progress toward the vision"),
        bar(v.overall.percent / 100.0, 20, palette),
        palette.bold(&format!("{:.0}%", v.overall.percent))
    );
    for part in &v.overall.parts {
        let _ = writeln!(
            out,
            "  {:<11} {} {}  {}",
            part.dimension,
            bar(part.progress, 10, palette),
            percent(part.progress),
            palette.dim(&format!("{} (weight {})", part.detail, part.weight))
        );
    }

    if !v.behind.is_empty() {
        let _ = writeln!(out, "\n{}", palette.error("Behind plan"));
        for b in &v.behind {
            let _ = writeln!(out, "  {} {:<24} {}", palette.error("!"), b.id, b.what);
        }
    }

    if let Some(year) = &v.year {
        let theme = year
            .theme
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{}{theme}  {}",
            palette.bold(&format!("{} objectives", year.year)),
            percent(year.progress)
        );
        for o in &year.objectives {
            let _ = writeln!(
                out,
                "  {} {}  {:<8} {:<24} {}",
                bar(o.progress, 10, palette),
                percent(o.progress),
                o.status.as_str(),
                o.id,
                o.title
            );
        }
    }

    if let Some(q) = &v.quarter {
        let _ = writeln!(
            out,
            "\n{}  {}  {}",
            palette.bold(&format!("{} focus", q.period)),
            percent(q.progress),
            palette.dim(&format!("day {} of {}", q.day, q.days))
        );
        for o in &q.objectives {
            let _ = writeln!(
                out,
                "  {} {}  {:<8} {}  {}",
                bar(o.progress, 10, palette),
                percent(o.progress),
                pace(o.pace, palette),
                o.title,
                palette.dim(&format!("[{}]", o.id))
            );
            for kr in &o.key_results {
                let _ = writeln!(
                    out,
                    "      {} {} / {}  {}  {}",
                    palette.dim("·"),
                    progress::format_value(Some(kr.current), kr.unit.as_deref()),
                    progress::format_value(kr.target, kr.unit.as_deref()),
                    pace(kr.pace, palette),
                    kr.title
                );
            }
        }
    }

    if !v.metrics.is_empty() {
        let _ = writeln!(out, "\n{}", palette.bold("Revenue and performance"));
        for m in &v.metrics {
            let mut line = format!(
                "  {:<28} {:>8} of {:>8}  expected {:>8}  {}",
                m.name,
                progress::format_value(m.actual, m.unit.as_deref()),
                progress::format_value(m.target, m.unit.as_deref()),
                progress::format_value(m.expected, m.unit.as_deref()),
                pace(m.pace, palette)
            );
            if let (Some(growth), Some(year)) = (m.growth, m.forecast) {
                let _ = write!(
                    line,
                    "  {}",
                    palette.dim(&format!(
                        "{growth:.1}%/yr so far: the vision's revenue by {year}"
                    ))
                );
            }
            let _ = writeln!(out, "{line}");
        }
    }

    if !v.skills.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            palette.bold(&format!("Skills against {} targets", v.as_of.format("%Y")))
        );
        for s in &v.skills {
            let target = s.target.map_or_else(|| "-".to_owned(), |t| t.to_string());
            let _ = writeln!(
                out,
                "  {:<24} {} {:>2} / {:<2}  {}",
                s.name,
                bar(s.level as f64 / 10.0, 10, palette),
                s.level,
                target,
                pace(s.pace, palette)
            );
        }
    }

    if !v.habits.is_empty() {
        let _ = writeln!(
            out,
            "\n{}  {}",
            palette.bold("Habits this week"),
            palette.dim("Mon..Sun")
        );
        for h in &v.habits {
            let week: String = h
                .week
                .iter()
                .map(|d| match d {
                    Some(true) => palette.good("■"),
                    Some(false) => palette.error("□"),
                    None => palette.dim("·"),
                })
                .collect();
            let _ = writeln!(
                out,
                "  {:<40} {week}  {}",
                h.title,
                palette.dim(&format!(
                    "streak {} (best {}), week {:.0}%, month {:.0}%",
                    h.current_streak, h.longest_streak, h.this_week.percent, h.this_month.percent
                ))
            );
            // "Unless it is done today" is only true of figures of today.
            if h.at_risk && v.last_update_days == 0 {
                let when = match h.cadence {
                    crate::model::Cadence::Daily => "today",
                    crate::model::Cadence::Weekly => "by Sunday",
                };
                let _ = writeln!(
                    out,
                    "    {} the {}-{} streak breaks unless it is done {when}",
                    palette.warning("!"),
                    h.current_streak,
                    match h.cadence {
                        crate::model::Cadence::Daily => "day",
                        crate::model::Cadence::Weekly => "week",
                    }
                );
            }
            if h.minutes > 0 || !h.serves.is_empty() {
                let goals: Vec<&str> = h.serves.iter().map(|g| g.name.as_str()).collect();
                let total = if h.minutes > 0 {
                    format!("{} h over {} check-ins", h.minutes / 60, h.checkins)
                } else {
                    format!("{} check-ins", h.checkins)
                };
                let toward = if goals.is_empty() {
                    String::new()
                } else {
                    format!(" toward {}", goals.join(", "))
                };
                let _ = writeln!(out, "    {}", palette.dim(&format!("{total}{toward}")));
            }
        }
    }

    if let Some(next) = v.reviews_due.first() {
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
            next.period
        );
        for other in &v.reviews_due[1..] {
            let when = if other.overdue {
                "overdue".to_owned()
            } else {
                format!("due {}", other.due)
            };
            let _ = writeln!(out, "  also {} {} ({when})", other.kind, other.period);
        }
    }
    out.push('\n');
}
