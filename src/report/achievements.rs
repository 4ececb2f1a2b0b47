//! The promotion case: what a period achieved, as Markdown to paste into a
//! self-review or a promotion packet, or as CSV.
//!
//! Read from the redacted context (`report::private`): the case is handed
//! to others, so no pay and nothing marked private is in it. An item
//! belongs to the period when its day falls in it: a win's own date, else
//! the last day of the review it is in; a recognition's date; a
//! milestone's done date; an objective's or key result's plan period; a
//! metric's reading; a skill's assessment; a career figure's reading.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::context::{CareerView, Context, PlanContext};
use super::csv::Cells;
use crate::error::Error;
use crate::model::Status;
use crate::value::Period;

/// One achievement: the day it is dated by, its section and what it was.
#[derive(Debug, Clone, Serialize)]
pub struct Achievement {
    pub person: String,
    pub date: String,
    /// `win`, `recognition`, `milestone`, `objective`, `key-result`,
    /// `metric`, `skill`, `promotion` or `career`.
    pub kind: &'static str,
    pub title: String,
    pub detail: String,
}

const SECTIONS: [(&str, &str); 9] = [
    ("win", "Wins"),
    ("recognition", "Recognition"),
    ("milestone", "Milestones reached"),
    ("objective", "Objectives done"),
    ("key-result", "Key results met"),
    ("metric", "Results against target"),
    ("skill", "Skill levels gained"),
    ("promotion", "Promotions"),
    ("career", "Career changes"),
];

fn within(period: Period, day: NaiveDate) -> bool {
    (period.start()..=period.end()).contains(&day)
}

/// A plan period (`2026`, `2026-Q3`, `2026-10`) that lies inside `period`.
fn inside(period: Period, text: &str) -> bool {
    text.parse::<Period>()
        .is_ok_and(|p| p.start() >= period.start() && p.end() <= period.end())
}

/// What a section found: the day, the section, the title, the detail.
type Found<'a> = (Option<NaiveDate>, &'static str, &'a str, String);

/// Every achievement of `plan` in `period`, section by section, each
/// section in date order.
pub fn collect(plan: &PlanContext, period: Period) -> Vec<Achievement> {
    let mut found = Vec::new();
    wins(plan, period, &mut found);
    done_work(plan, period, &mut found);
    measured(plan, period, &mut found);
    if let Some(career) = &plan.career {
        career_changes(career, period, &mut found);
    }
    let person = plan.person.clone().unwrap_or_default();
    let mut out: Vec<Achievement> = found
        .into_iter()
        .map(|(date, kind, title, detail)| Achievement {
            person: person.clone(),
            date: date.map(|d| d.to_string()).unwrap_or_default(),
            kind,
            title: title.to_owned(),
            detail,
        })
        .collect();
    out.sort_by(|a, b| {
        let rank = |k: &str| SECTIONS.iter().position(|(id, _)| *id == k);
        rank(a.kind).cmp(&rank(b.kind)).then(a.date.cmp(&b.date))
    });
    out
}

/// The reviews' wins and the career's recognition.
fn wins<'a>(plan: &'a PlanContext, period: Period, out: &mut Vec<Found<'a>>) {
    // A win a monthly review and its quarter's both hold is one win.
    let mut seen = std::collections::HashSet::new();
    for w in &plan.wins {
        let day = w
            .date
            .or_else(|| w.review.parse::<Period>().ok().map(Period::end));
        if day.is_some_and(|d| within(period, d)) && seen.insert((w.title.as_str(), day)) {
            out.push((day, "win", &w.title, format!("review {}", w.review)));
        }
    }
    if let Some(career) = &plan.career {
        for r in career.recognition.iter().filter(|r| within(period, r.date)) {
            out.push((Some(r.date), "recognition", &r.title, text(&r.kind)));
        }
    }
}

/// The milestones done, the objectives done and the key results met.
fn done_work<'a>(plan: &'a PlanContext, period: Period, out: &mut Vec<Found<'a>>) {
    for m in &plan.milestones {
        if let Some(done) = m.done.filter(|d| within(period, *d)) {
            let due = m.due.as_deref().map(|d| format!("due {d}"));
            out.push((Some(done), "milestone", &m.title, due.unwrap_or_default()));
        }
    }
    for o in &plan.objectives {
        if o.status == Status::Done && inside(period, &o.period) {
            let end = o.period.parse::<Period>().ok().map(Period::end);
            out.push((
                end,
                "objective",
                &o.title,
                format!("{} objective", o.period),
            ));
        }
    }
    for k in &plan.key_results {
        if k.progress.is_some_and(|p| p >= 1.0) && inside(period, &k.period) {
            let end = k.period.parse::<Period>().ok().map(Period::end);
            let detail = format!("{} against a target of {}", k.current_text, k.target_text);
            out.push((end, "key-result", &k.title, detail));
        }
    }
}

/// Each metric's last reading against its target, and each skill's level
/// gained.
fn measured<'a>(plan: &'a PlanContext, period: Period, out: &mut Vec<Found<'a>>) {
    for m in &plan.metrics {
        let last = m
            .actuals
            .iter()
            .filter(|r| within(period, r.date))
            .max_by_key(|r| r.date);
        if let Some(r) = last {
            let detail = match r.expected {
                Some(e) if e != 0.0 => format!(
                    "{} in {} against a target of {} ({})",
                    r.text,
                    r.period,
                    crate::progress::format_value(Some(e), m.unit.as_deref()),
                    crate::value::percent_text(r.value / e * 100.0)
                ),
                _ => format!("{} in {}", r.text, r.period),
            };
            out.push((Some(r.date), "metric", &m.name, detail));
        }
    }
    for s in &plan.skills {
        let before = s.levels.iter().rev().find(|l| l.date < period.start());
        let after = s.levels.iter().rev().find(|l| within(period, l.date));
        if let (Some(b), Some(a)) = (before, after)
            && a.level > b.level
        {
            let detail = format!("level {} → {}", b.level, a.level);
            out.push((Some(a.date), "skill", &s.name, detail));
        }
    }
}

/// The promotions and each change of a career figure.
fn career_changes<'a>(career: &'a CareerView, period: Period, out: &mut Vec<Found<'a>>) {
    let promotions = &career.progression.promotions;
    for p in promotions.iter().filter(|p| within(period, p.date)) {
        let detail = p
            .months_after_previous
            .map(|m| format!("{m} months after the previous one"))
            .unwrap_or_default();
        out.push((Some(p.date), "promotion", &p.title, detail));
    }
    for s in &career.progression.series {
        if matches!(s.id, "career:promotions" | "career:title") {
            continue;
        }
        for pair in s.points.windows(2) {
            let (from, to) = (&pair[0], &pair[1]);
            if within(period, to.date) {
                let detail = format!("{} → {}", from.text, to.text);
                out.push((Some(to.date), "career", s.label, detail));
            }
        }
    }
}

fn text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// One line of Markdown: line breaks folded, characters Markdown would
/// read as markup escaped.
fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The achievements of every plan in `context` for `period`, as Markdown.
pub fn markdown(context: &Context, period: Period) -> String {
    let mut out = String::new();
    for plan in &context.plans {
        let items = collect(plan, period);
        let _ = writeln!(out, "# Achievements {period}: {}\n", line(&plan.name));
        let _ = writeln!(
            out,
            "{} · {} to {} · {}\n",
            line(&plan.status.role_now),
            period.start(),
            period.end(),
            context.dates_text
        );
        if items.is_empty() {
            let _ = writeln!(out, "Nothing recorded for {period}.\n");
        }
        for (kind, heading) in SECTIONS {
            let mut section = items.iter().filter(|a| a.kind == kind).peekable();
            if section.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "## {heading}\n");
            for a in section {
                let _ = write!(out, "- {}", line(&a.title));
                if !a.detail.is_empty() {
                    let _ = write!(out, ": {}", line(&a.detail));
                }
                if !a.date.is_empty() {
                    let _ = write!(out, " ({})", a.date);
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The achievements of every plan in `context` for `period`, as CSV.
pub fn csv(context: &Context, period: Period, cells: Cells) -> Result<Vec<u8>, Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Usage(format!("achievements: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(["person", "date", "kind", "title", "detail"])
        .map_err(|e| fail(&e))?;
    for plan in &context.plans {
        for a in collect(plan, period) {
            writer
                .write_record([
                    cells.text(a.person.as_str()).as_ref(),
                    &a.date,
                    a.kind,
                    cells.text(a.title.as_str()).as_ref(),
                    cells.text(a.detail.as_str()).as_ref(),
                ])
                .map_err(|e| fail(&e))?;
        }
    }
    writer.into_inner().map_err(|e| fail(&e))
}
