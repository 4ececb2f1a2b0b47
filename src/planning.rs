//! Drafts of the plan's periodic documents: a year's or a quarter's plan,
//! and the monthly, quarterly and annual reviews, prefilled from the plan.
//!
//! `roadmap new` renders a draft through its template (`templates/plan/`),
//! `roadmap review` fills a review draft's answers in before rendering it,
//! and the report shows the same templates. This module computes every
//! number and every line a draft holds, so the templates only lay them out:
//! the guide's review questions live here once, for the files and for the
//! questions asked on the terminal.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::history::History;
use crate::load::{Data, Docs, Plan};
use crate::model::{self, Category, Status};
use crate::progress::{self, Pace, Progress};
use crate::render::{RenderError, Renderer};
use crate::value::{Band, Period, format_amount, percent_text};
use crate::yaml;

/// The documents `roadmap new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum DocKind {
    Year,
    Quarter,
    MonthReview,
    QuarterReview,
    YearReview,
}

impl DocKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            DocKind::Year => "year",
            DocKind::Quarter => "quarter",
            DocKind::MonthReview => "month-review",
            DocKind::QuarterReview => "quarter-review",
            DocKind::YearReview => "year-review",
        }
    }

    /// The template that lays the document out.
    pub(crate) fn template(self) -> &'static str {
        match self {
            DocKind::Year => "plan/year.md",
            DocKind::Quarter => "plan/quarter.md",
            DocKind::MonthReview => "plan/month-review.md",
            DocKind::QuarterReview => "plan/quarter-review.md",
            DocKind::YearReview => "plan/year-review.md",
        }
    }

    pub(crate) fn is_review(self) -> bool {
        matches!(
            self,
            DocKind::MonthReview | DocKind::QuarterReview | DocKind::YearReview
        )
    }

    /// The review of a period: a month, a quarter or a year.
    pub(crate) fn review_of(period: Period) -> Option<DocKind> {
        match period {
            Period::Month(..) => Some(DocKind::MonthReview),
            Period::Quarter(..) => Some(DocKind::QuarterReview),
            Period::Year(_) => Some(DocKind::YearReview),
            Period::Week(..) | Period::Day(_) => None,
        }
    }

    /// The file, relative to the repository root, for a plan in `plan_root`
    /// (`plans` or `plans/<person>`).
    pub(crate) fn file(self, plan_root: &str, period: Period) -> String {
        let folder = match self {
            DocKind::Year => "years",
            DocKind::Quarter => "quarters",
            _ => "reviews",
        };
        format!("{plan_root}/{folder}/{period}.md")
    }

    /// Parses the period a document of this kind is for.
    pub(crate) fn parse_period(self, text: &str) -> Result<Period, String> {
        let period: Period = text.parse()?;
        let (fits, want) = match self {
            DocKind::Year | DocKind::YearReview => {
                (matches!(period, Period::Year(_)), "a year such as 2027")
            }
            DocKind::Quarter | DocKind::QuarterReview => (
                matches!(period, Period::Quarter(..)),
                "a quarter such as 2026-Q4",
            ),
            DocKind::MonthReview => (
                matches!(period, Period::Month(..)),
                "a month such as 2026-11",
            ),
        };
        if fits {
            Ok(period)
        } else {
            Err(format!("`{text}`: `{}` takes {want}", self.name()))
        }
    }

    #[allow(clippy::unused_self)]
    fn step(self, period: Period) -> Period {
        match period {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            other => other,
        }
    }

    fn current(self, today: NaiveDate) -> Period {
        match self {
            DocKind::Year | DocKind::YearReview => Period::Year(today.year()),
            DocKind::Quarter | DocKind::QuarterReview => Period::quarter_of(today),
            DocKind::MonthReview => Period::month_of(today),
        }
    }
}

/// The period of the next document of `kind` due: for a plan, the first
/// period from today's on without a plan; for a review, last period's when
/// it was not written, else the first from this one on.
pub(crate) fn next_due(kind: DocKind, plan: &Plan, today: NaiveDate) -> Period {
    let existing: Vec<Period> = plan
        .docs
        .iter()
        .filter(|d| matches_kind(kind, &d.data))
        .filter_map(|d| d.period)
        .collect();
    let start_year = vision(plan).map(|v| v.start);
    let current = kind.current(today);
    let mut period = current;
    if kind.is_review() {
        let previous = previous_period(current);
        if !existing.contains(&previous) && start_year.is_none_or(|s| previous.year() >= s) {
            return previous;
        }
    }
    while existing.contains(&period) {
        period = kind.step(period);
    }
    period
}

/// The review due next, of any kind: last year's, last quarter's or last
/// month's when missing (in that order), else this month's.
pub(crate) fn next_review(plan: &Plan, today: NaiveDate) -> Period {
    let written: Vec<Period> = plan
        .docs
        .iter()
        .filter(|d| matches!(d.data, Data::Review(_)))
        .filter_map(|d| d.period)
        .collect();
    let start_year = vision(plan).map_or(i32::MIN, |v| v.start);
    let month = Period::month_of(today);
    for period in [
        Period::Year(today.year() - 1),
        previous_period(Period::quarter_of(today)),
        previous_period(month),
    ] {
        if period.year() >= start_year && !written.contains(&period) {
            return period;
        }
    }
    month
}

fn matches_kind(kind: DocKind, data: &Data) -> bool {
    match kind {
        DocKind::Year => matches!(data, Data::Year(_)),
        DocKind::Quarter => matches!(data, Data::Quarter(_)),
        _ => matches!(data, Data::Review(_)),
    }
}

/// The period before `period` (of the same length).
pub(crate) fn previous_period(period: Period) -> Period {
    match period {
        Period::Year(y) => Period::Year(y - 1),
        Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
        Period::Quarter(y, q) => Period::Quarter(y, q - 1),
        Period::Month(y, 1) => Period::Month(y - 1, 12),
        Period::Month(y, m) => Period::Month(y, m - 1),
        other => other,
    }
}

// ------------------------------------------------------------ the context

/// A string for the body (`text`) and the same string as a YAML scalar for
/// the front matter (`yaml`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Text {
    pub text: String,
    pub yaml: String,
}

impl Text {
    pub(crate) fn new(text: &str) -> Self {
        Text {
            text: text.to_owned(),
            yaml: yaml::text(text),
        }
    }
}

/// What a template of `templates/plan/` receives.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Draft {
    pub kind: DocKind,
    /// The period, e.g. `2027`, `2026-Q4`, `2026-11`.
    pub period: String,
    /// Its title in words, e.g. `November 2026`, `Q4 2026`.
    pub title: String,
    /// Whose plan it is.
    pub name: String,
    /// The day the draft was made.
    pub today: NaiveDate,
    /// The review's date, once the period has begun.
    pub as_of: Option<String>,
    /// A review's figures: the day they are measured at, in words
    /// (`as of 2026-10-31 (last update, 35 days ago)`).
    pub figures: Option<String>,
    pub year: Option<YearDraft>,
    pub quarter: Option<QuarterDraft>,
    pub review: Option<ReviewDraft>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearDraft {
    /// The year before, whose plan this one continues.
    pub previous: i32,
    pub phase: Option<PhaseRef>,
    pub objectives: Vec<AnnualDraft>,
    /// Revenue targets rolled forward within the growth band.
    pub revenue: Vec<RollForward>,
    /// The capability plan's targets for the year.
    pub skills: Vec<SkillTarget>,
    /// Ids of the skills furthest below their target: the year's focus.
    pub focus: Vec<String>,
    pub initiatives: Vec<MilestoneDraft>,
    /// The phase's achievements due this year.
    pub achievements: Vec<MilestoneDraft>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PhaseRef {
    pub id: String,
    pub name: Text,
    pub role: Text,
    pub objective: Option<Text>,
    /// Revenue responsibility by the end of the phase, e.g. `6.5M`.
    pub revenue: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnnualDraft {
    pub id: String,
    pub title: Text,
    pub category: Category,
    pub category_label: &'static str,
    pub metric: Option<String>,
    pub target: Option<String>,
    pub unit: Option<Text>,
    /// Carried over from the year before, unfinished.
    pub carried: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RollForward {
    pub metric: String,
    pub name: String,
    /// The figure grown from, and what it is.
    pub base: String,
    pub base_from: String,
    /// The band, e.g. `15-20%`, and the targets at its ends.
    pub band: String,
    pub low: String,
    pub high: String,
    /// The target set: the plan's own when inside the band, else the middle.
    pub target: String,
    /// `metrics.yaml`'s target for the year, when it has one.
    pub planned: Option<String>,
    /// Set when the plan's target lies outside the band.
    pub note: Option<String>,
    /// The success line for the year: `Territory revenue reaches 7.56M`.
    pub success: Text,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SkillTarget {
    pub id: String,
    pub name: String,
    pub level: i64,
    pub target: Option<i64>,
    pub gap: i64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MilestoneDraft {
    pub id: String,
    pub title: Text,
    pub due: Option<String>,
    /// The date it was due before, when that has passed and a new one is
    /// left for the user to set.
    pub was_due: Option<String>,
    pub status: Status,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuarterDraft {
    /// The quarter before, whose unfinished objectives carry over.
    pub previous: String,
    pub year: i32,
    /// Whether the year's plan (`years/YYYY.md`) exists: without it the
    /// carried objectives support nothing yet.
    pub year_plan: bool,
    pub objectives: Vec<ObjectiveDraft>,
    /// The year's objectives, and whether a carried objective serves each.
    pub annual: Vec<AnnualRef>,
    /// Categories no objective covers yet.
    pub uncovered: Vec<&'static str>,
    pub habits: Vec<String>,
}

impl QuarterDraft {
    /// What the drafted quarter still needs from the user, said once
    /// instead of once per item: each with the code of the `check` warning
    /// it stands for.
    pub(crate) fn notes(&self) -> Vec<(&'static str, String)> {
        let mut notes = Vec::new();
        if !self.year_plan {
            notes.push((
                "unlinked",
                format!(
                    "years/{0}.md does not exist, so no objective supports a year objective yet: \
                     run `roadmap new year {0}`, then fill in each objective's `supports:`",
                    self.year
                ),
            ));
        }
        if self.objectives.iter().any(|o| !o.key_results.is_empty()) {
            notes.push((
                "no-target",
                format!(
                    "the carried key results start where {} left them and have no target yet: \
                     set each `target:` (the old one is in a comment beside it)",
                    self.previous
                ),
            ));
        }
        notes
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ObjectiveDraft {
    pub id: String,
    pub title: Text,
    pub category: Category,
    pub category_label: &'static str,
    pub supports: Vec<String>,
    pub key_results: Vec<KeyResultDraft>,
    pub milestones: Vec<MilestoneDraft>,
    /// How far it had come in the quarter before, in percent.
    pub progress: f64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct KeyResultDraft {
    pub id: String,
    pub title: Text,
    /// The quarter before's target: a carried key result's target is left
    /// for the user to set, so this is only shown beside it.
    pub previous_target: Option<String>,
    /// Where the quarter before left it: the new start.
    pub start: Option<String>,
    pub unit: Option<Text>,
    /// The metric, goal or milestone it measures: it keeps reading its
    /// value from there, with no `current` of its own.
    pub measures: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnnualRef {
    pub id: String,
    pub title: Text,
    pub category: Category,
    /// The title of a new quarterly objective serving it, to be rewritten.
    pub step: Text,
    pub category_label: &'static str,
    pub status: Status,
    pub covered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReviewDraft {
    /// The guide's parts of the review, in order.
    pub sections: Vec<Section>,
    pub wins: Vec<WinDraft>,
    pub learnings: Vec<Text>,
    pub corrections: Vec<Text>,
    /// `yes`, `partly` or `no`.
    pub on_track: Option<String>,
    /// Skill levels assessed (quarterly and annual reviews).
    pub skills: Vec<SkillLevel>,
}

/// One part of a review: a heading, the guide's questions under it, the
/// plan's numbers as Markdown lines, and the answer given.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: String,
    pub questions: Vec<String>,
    pub facts: Vec<String>,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct WinDraft {
    pub title: Text,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SkillLevel {
    pub id: String,
    pub name: String,
    pub level: i64,
}

/// The guide's monthly review questions.
pub(crate) const MONTH_QUESTIONS: [&str; 5] = [
    "What did I accomplish this month?",
    "What's ahead of target? Behind target?",
    "What did I learn?",
    "What needs to change next month?",
    "Am I working on the right things?",
];

/// The guide's quarterly strategic review: five parts and their questions.
pub(crate) const QUARTER_PARTS: [(&str, &[&str]); 5] = [
    (
        "Review quarter results vs. objectives",
        &[
            "What was achieved?",
            "What wasn't? Why not?",
            "Key wins and learnings",
        ],
    ),
    (
        "Update skills assessment",
        &[
            "Progress on capability development",
            "New skills acquired",
            "Gaps identified",
        ],
    ),
    (
        "Relationship audit",
        &[
            "Key relationships strengthened",
            "New relationships built",
            "Gaps in network",
        ],
    ),
    (
        "Plan next quarter",
        &[
            "Set 3-5 major objectives",
            "Allocate time and resources",
            "Identify potential obstacles",
            "Build accountability",
        ],
    ),
    (
        "Check alignment with annual/multi-year goals",
        &[
            "Still on track?",
            "Goals need adjustment?",
            "Pacing appropriate?",
        ],
    ),
];

/// The guide's December planning agenda: five parts and their questions.
pub(crate) const YEAR_PARTS: [(&str, &[&str]); 5] = [
    (
        "Review year performance",
        &[
            "All goals vs. actual",
            "Major achievements",
            "Significant learnings",
            "What worked, what didn't",
        ],
    ),
    (
        "Assess multi-year progress",
        &[
            "On track for 3/5/10 year vision?",
            "Milestones hit on schedule?",
            "Course corrections needed?",
        ],
    ),
    (
        "Environmental scan",
        &[
            "Industry trends and changes",
            "Company direction and priorities",
            "Personal situation and priorities",
            "Opportunities and threats",
        ],
    ),
    (
        "Define next year strategy",
        &[
            "Major objectives (3-5)",
            "Revenue and performance targets",
            "Development priorities",
            "Strategic initiatives",
            "Resource requirements",
        ],
    ),
    (
        "Update multi-year roadmap",
        &[
            "Adjust timeline if needed",
            "Refine future year plans",
            "Maintain alignment with vision",
        ],
    ),
];

/// Drafts the document of `kind` for `period`, from `plan` as it stands on
/// `today`.
pub(crate) fn draft(
    kind: DocKind,
    plan: &Plan,
    history: &History,
    period: Period,
    today: NaiveDate,
) -> Draft {
    draft_at(kind, plan, history, period, crate::when::Dates::on(today))
}

/// Drafts the document of `kind` for `period` on `dates.today`, with a
/// review's figures measured at `dates.as_of` (as the report's are).
pub(crate) fn draft_at(
    kind: DocKind,
    plan: &Plan,
    history: &History,
    period: Period,
    dates: crate::when::Dates,
) -> Draft {
    let today = dates.today;
    let docs = plan.by_kind();
    let as_of = (kind.is_review() && today >= period.start()).then(|| today.to_string());
    let mut draft = Draft {
        kind,
        period: period.to_string(),
        title: period_title(period),
        name: docs.vision.map(|v| v.name.clone()).unwrap_or_default(),
        today,
        as_of,
        figures: None,
        year: None,
        quarter: None,
        review: None,
    };
    match kind {
        DocKind::Year => draft.year = Some(year_draft(&docs, period.year())),
        DocKind::Quarter => draft.quarter = Some(quarter_draft(&docs, period, today)),
        DocKind::MonthReview | DocKind::QuarterReview | DocKind::YearReview => {
            let measured = crate::when::Dates {
                as_of: dates.as_of.min(period.end()),
                today,
            };
            let progress = progress::compute(plan, history, measured);
            // A stored record keeps its date, not an age that goes stale;
            // a period reviewed after it ended is measured at its end,
            // which the review's own later `as_of` must not contradict.
            draft.figures = Some(if measured.as_of < dates.as_of {
                format!(
                    "as of {}, the end of {}",
                    measured.as_of,
                    period_title(period)
                )
            } else {
                format!("as of {}", measured.as_of)
            });
            draft.review = Some(review_draft(kind, &docs, progress.as_ref(), period));
        }
    }
    draft
}

/// The text under each heading of a review's Markdown body, in order:
/// `(heading, text)`. Headings inside fenced code are text.
pub(crate) fn body_sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut fenced = false;
    for line in body.lines() {
        let trimmed = line.trim_end();
        if trimmed.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        let heading = (!fenced && (1..=6).contains(&hashes))
            .then(|| trimmed.get(hashes..))
            .flatten()
            .filter(|rest| rest.starts_with(' '));
        match (heading, out.last_mut()) {
            (Some(rest), _) => out.push((rest.trim().to_owned(), String::new())),
            (None, Some((_, text))) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// What the person wrote under a review's heading: the section's text
/// without the guide's questions and without the plan's figures a draft
/// put there (`figures`: the facts of each draft the file may have been
/// written from). `None` when nothing is left.
pub(crate) fn written_answer(
    text: &str,
    questions: &[String],
    figures: &[&[String]],
) -> Option<String> {
    let mut text = text.replace("\r\n", "\n");
    for facts in figures {
        let block = facts.join("\n");
        if !block.trim().is_empty() {
            text = text.replacen(&block, "", 1);
        }
    }
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            let line = line.trim();
            !questions
                .iter()
                .any(|q| line.strip_prefix("- ").is_some_and(|rest| rest.trim() == q))
        })
        .collect();
    // Blank lines the removed parts leave behind collapse to one.
    let mut answer = String::new();
    for line in kept {
        if line.trim().is_empty() && (answer.is_empty() || answer.ends_with("\n\n")) {
            continue;
        }
        answer.push_str(line.trim_end());
        answer.push('\n');
    }
    let answer = answer.trim();
    (!answer.is_empty()).then(|| answer.to_owned())
}

/// Renders a draft through its template.
pub(crate) fn render(renderer: &Renderer, draft: &Draft) -> Result<String, RenderError> {
    renderer.render(draft.kind.template(), draft)
}

/// `November 2026`, `Q4 2026`, `2027`.
pub(crate) fn period_title(period: Period) -> String {
    match period {
        Period::Month(..) => period.start().format("%B %Y").to_string(),
        Period::Quarter(y, q) => format!("Q{q} {y}"),
        other => other.to_string(),
    }
}

/// A number as the plan files write it: `7.6M` when that is exact,
/// otherwise every digit.
pub(crate) fn amount_text(value: f64) -> String {
    let short = format_amount(value);
    let exact = short
        .parse::<crate::value::Amount>()
        .is_ok_and(|a| (a.0 - value).abs() <= value.abs() * 1e-9);
    if exact { short } else { format!("{value}") }
}

fn vision(plan: &Plan) -> Option<&model::Vision> {
    plan.docs.iter().find_map(|d| match &d.data {
        Data::Vision(v) => Some(v.as_ref()),
        _ => None,
    })
}

// ------------------------------------------------------------------ a year

fn year_draft(docs: &Docs, year: i32) -> YearDraft {
    let previous = docs.years.get(&(year - 1)).copied();
    let phase = docs.strategy.and_then(|s| {
        s.phases
            .iter()
            .find(|p| p.years.contains(f64::from(year)))
            .map(|p| (p, s))
    });
    let revenue = roll_forward(docs, year);
    let objectives = year_objectives(docs, year, previous, &revenue);

    let (skills, focus) = skill_targets(docs, year);

    let initiatives = previous
        .iter()
        .flat_map(|p| &p.initiatives)
        .filter(|m| !m.status.is_closed())
        .map(|m| MilestoneDraft {
            was_due: None,
            id: m.id.clone(),
            title: Text::new(&m.title),
            due: Some(match m.due {
                Some(due) if due.year() >= year => due.to_string(),
                _ => year.to_string(),
            }),
            status: Status::Planned,
        })
        .collect();
    let achievements = phase
        .iter()
        .flat_map(|(p, _)| &p.achievements)
        .filter(|m| m.due.is_some_and(|d| d.year() == year))
        .map(|m| MilestoneDraft {
            was_due: None,
            id: m.id.clone(),
            title: Text::new(&m.title),
            due: m.due.map(|d| d.to_string()),
            status: m.status,
        })
        .collect();
    YearDraft {
        previous: year - 1,
        phase: phase.map(|(p, _)| PhaseRef {
            id: p.id.clone(),
            name: Text::new(&p.name),
            role: Text::new(&p.role),
            objective: p.objective.as_deref().map(Text::new),
            revenue: p.revenue.to_string(),
        }),
        objectives,
        revenue,
        skills,
        focus,
        initiatives,
        achievements,
    }
}

/// The year's annual objectives: one per metric rolled forward, then the
/// previous year's open objectives carried over, a metric's target read
/// for the new year.
fn year_objectives(
    docs: &Docs,
    year: i32,
    previous: Option<&model::YearPlan>,
    revenue: &[RollForward],
) -> Vec<AnnualDraft> {
    let rolled: Vec<&str> = revenue.iter().map(|r| r.metric.as_str()).collect();
    let short = year.rem_euclid(100);
    let mut objectives: Vec<AnnualDraft> = revenue
        .iter()
        .map(|r| AnnualDraft {
            id: format!("y{short:02}-{}", r.metric),
            title: Text::new(&format!("Grow {} to {}", lower_first(&r.name), r.target)),
            category: Category::Revenue,
            category_label: Category::Revenue.label(),
            metric: Some(r.metric.clone()),
            target: Some(r.target.clone()),
            unit: None,
            carried: false,
        })
        .collect();
    for o in previous.iter().flat_map(|p| &p.objectives) {
        let superseded = o.metric.as_deref().is_some_and(|m| rolled.contains(&m));
        if o.status.is_closed() || superseded || objectives.iter().any(|d| d.id == o.id) {
            continue;
        }
        let metric_target = o.metric.as_ref().and_then(|id| {
            let metric = docs.metrics?.metrics.iter().find(|m| &m.id == id)?;
            let target = amount_text(metric.targets.get(&year)?.0);
            Some(if metric.unit.as_deref() == Some("%") {
                format!("{target}%")
            } else {
                target
            })
        });
        objectives.push(AnnualDraft {
            id: o.id.clone(),
            title: Text::new(&o.title),
            category: o.category,
            category_label: o.category.label(),
            metric: o.metric.clone(),
            target: metric_target.or_else(|| o.target.map(|t| amount_text(t.0))),
            unit: o.unit.as_deref().map(Text::new),
            carried: true,
        });
    }
    objectives
}

/// Each skill with its target for `year` and the gap to it, widest gap
/// first, and the ids of the (up to) three widest: the year's focus.
fn skill_targets(docs: &Docs, year: i32) -> (Vec<SkillTarget>, Vec<String>) {
    let mut skills: Vec<SkillTarget> = docs
        .capabilities
        .iter()
        .flat_map(|c| &c.skills)
        .map(|s| {
            let target = s.targets.range(..=year).next_back().map(|(_, t)| *t);
            // The latest dated assessment, from whichever file.
            let level = progress::planned_skill_level(docs, s);
            SkillTarget {
                id: s.id.clone(),
                name: s.name.clone(),
                level,
                target,
                gap: target.map_or(0, |t| t - level),
            }
        })
        .collect();
    let mut by_gap: Vec<&SkillTarget> = skills.iter().filter(|s| s.gap > 0).collect();
    by_gap.sort_by_key(|b| std::cmp::Reverse(b.gap));
    let focus = by_gap.iter().take(3).map(|s| s.id.clone()).collect();
    skills.sort_by_key(|b| std::cmp::Reverse(b.gap));
    (skills, focus)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        // Keep acronyms (`NPS`) as they are.
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// Each metric with a growth band, grown from last year's figure.
fn roll_forward(docs: &Docs, year: i32) -> Vec<RollForward> {
    let Some(metrics) = docs.metrics else {
        return Vec::new();
    };
    metrics
        .metrics
        .iter()
        .filter_map(|m| {
            let band = progress::growth_band(m, metrics)?;
            let (base, base_from) = base_figure(m, year - 1)?;
            Some(rolled(m, band, base, base_from, year))
        })
        .collect()
}

fn rolled(m: &model::Metric, band: Band, base: f64, base_from: String, year: i32) -> RollForward {
    let low = base * (1.0 + band.lo / 100.0);
    let high = base * (1.0 + band.hi / 100.0);
    let planned = m.targets.get(&year).map(|t| t.0);
    let round = |v: f64| {
        // Two significant decimals of the unit people read (7.62M).
        let text = format_amount(v);
        text.parse::<crate::value::Amount>().map_or(v, |a| a.0)
    };
    let (target, note) = match planned {
        Some(p) if p >= low * 0.995 && p <= high * 1.005 => (p, None),
        Some(p) => (
            round(base * (1.0 + band.mid() / 100.0)),
            Some(format!(
                "metrics.yaml plans {} for {year}, outside {}-{}: update its target",
                amount_text(p),
                amount_text(round(low)),
                amount_text(round(high))
            )),
        ),
        None => (round(base * (1.0 + band.mid() / 100.0)), None),
    };
    RollForward {
        success: Text::new(&format!("{} reaches {}", m.name, amount_text(target))),
        metric: m.id.clone(),
        name: m.name.clone(),
        base: amount_text(round(base)),
        base_from,
        band: format!("{band}%"),
        low: amount_text(round(low)),
        high: amount_text(round(high)),
        target: amount_text(target),
        planned: planned.map(amount_text),
        note,
    }
}

/// Last year's figure of a metric: its full-year reading, a year-to-date
/// reading projected to the full year, its target, or its baseline.
fn base_figure(m: &model::Metric, year: i32) -> Option<(f64, String)> {
    if let Some(full) = m
        .actuals
        .get(&Period::Year(year))
        .or_else(|| m.actuals.get(&Period::Month(year, 12)))
    {
        return Some((full.0, format!("the {year} actual")));
    }
    let latest = m
        .actuals
        .iter()
        .filter(|(p, _)| p.year() == year)
        .max_by_key(|(p, _)| p.end());
    if let Some((period, value)) = latest {
        if m.ytd {
            let days = f64::from(Period::Year(year).end().ordinal());
            let gone = f64::from(period.end().ordinal());
            return Some((
                value.0 * days / gone,
                format!(
                    "{year} projected from {} through {period}",
                    amount_text(value.0)
                ),
            ));
        }
        return Some((value.0, format!("the {period} reading")));
    }
    if let Some(target) = m.targets.get(&year) {
        return Some((target.0, format!("the {year} target")));
    }
    m.baseline.map(|b| (b.0, "the baseline".to_owned()))
}

// --------------------------------------------------------------- a quarter

fn quarter_draft(docs: &Docs, period: Period, today: NaiveDate) -> QuarterDraft {
    let previous_period = previous_period(period);
    let previous = docs
        .quarters
        .get(&previous_period)
        .copied()
        .or_else(|| docs.quarters.range(..period).next_back().map(|(_, q)| *q));
    let year = period.year();
    let annual_objectives: Vec<&model::AnnualObjective> = docs
        .years
        .get(&year)
        .map(|y| y.objectives.iter().collect())
        .unwrap_or_default();

    // Only unfinished work carries over, re-baselined: a key result starts
    // where it stood and its target is the user's to set (the quarter
    // before's is shown beside it), since a quarter's target such as "revenue
    // this quarter 1.75M" means nothing in the next; a milestone whose date
    // has passed gets no date until the user gives one.
    let objectives: Vec<ObjectiveDraft> = previous
        .iter()
        .flat_map(|q| &q.objectives)
        .filter(|o| !o.status.is_closed() && progress::objective_progress(o) < 1.0)
        .map(|o| carried_objective(o, period, &annual_objectives))
        .collect();
    let annual = annual_objectives
        .iter()
        .map(|a| AnnualRef {
            id: a.id.clone(),
            title: Text::new(&a.title),
            category: a.category,
            step: Text::new(&format!("TODO: this quarter's step toward: {}", a.title)),
            category_label: a.category.label(),
            status: a.status,
            covered: objectives.iter().any(|o| o.supports.contains(&a.id)),
        })
        .collect();
    let uncovered = Category::ALL
        .iter()
        .filter(|c| !objectives.iter().any(|o| o.category == **c))
        .map(|c| c.label())
        .collect();
    let habits = match previous.filter(|q| !q.habits.is_empty()) {
        Some(q) => q.habits.clone(),
        None => docs
            .habits
            .iter()
            .flat_map(|h| &h.habits)
            .filter(|h| h.since.is_none_or(|s| s.0 <= period.end().max(today)))
            .map(|h| h.id.clone())
            .collect(),
    };
    QuarterDraft {
        previous: previous_period.to_string(),
        year,
        year_plan: docs.years.contains_key(&year),
        objectives,
        annual,
        uncovered,
        habits,
    }
}

/// An unfinished objective of the quarter before, carried into `period`:
/// linked to the year's objectives (or, in a new year, to the open one of
/// its category), its open key results re-baselined where they stood, its
/// open milestones dated only when still due inside `period`.
fn carried_objective(
    o: &model::Objective,
    period: Period,
    annual_objectives: &[&model::AnnualObjective],
) -> ObjectiveDraft {
    let in_year = |id: &str| annual_objectives.iter().any(|o| o.id == id);
    let number = |a: Option<crate::value::Amount>| a.map(|a| amount_text(a.0));
    let mut supports: Vec<String> = o.supports.iter().filter(|s| in_year(s)).cloned().collect();
    if supports.is_empty() {
        // A new year: link to the year's objective of the same
        // category that is still open.
        if let Some(a) = annual_objectives
            .iter()
            .find(|a| a.category == o.category && !a.status.is_closed())
        {
            supports.push(a.id.clone());
        }
    }
    ObjectiveDraft {
        id: o.id.clone(),
        title: Text::new(&o.title),
        category: o.category,
        category_label: o.category.label(),
        supports,
        key_results: o
            .key_results
            .iter()
            .filter(|kr| progress::key_result_progress(kr).is_none_or(|p| p < 1.0))
            .map(|kr| KeyResultDraft {
                id: kr.id.clone(),
                title: Text::new(&kr.title),
                previous_target: number(kr.target),
                start: number(kr.current.or(kr.start)).filter(|s| s != "0"),
                unit: kr.unit.as_deref().map(Text::new),
                measures: kr.measures.clone(),
            })
            .collect(),
        milestones: o
            .milestones
            .iter()
            .filter(|m| !m.status.is_closed())
            .map(|m| {
                let inside = |d: &Period| d.start() >= period.start() && d.end() <= period.end();
                MilestoneDraft {
                    id: m.id.clone(),
                    title: Text::new(&m.title),
                    due: m.due.filter(inside).map(|d| d.to_string()),
                    was_due: m.due.filter(|d| !inside(d)).map(|d| d.to_string()),
                    status: Status::Planned,
                }
            })
            .collect(),
        progress: progress::objective_progress(o) * 100.0,
    }
}

// ---------------------------------------------------------------- reviews

fn review_draft(
    kind: DocKind,
    docs: &Docs,
    progress: Option<&Progress>,
    period: Period,
) -> ReviewDraft {
    let sections = match kind {
        DocKind::MonthReview => month_sections(docs, progress, period),
        DocKind::QuarterReview => quarter_sections(docs, progress, period),
        _ => year_sections(docs, progress, period),
    };
    let skills = if kind == DocKind::MonthReview {
        Vec::new()
    } else {
        docs.capabilities
            .iter()
            .flat_map(|c| &c.skills)
            .map(|s| SkillLevel {
                id: s.id.clone(),
                name: s.name.clone(),
                // The latest dated assessment (progress::assess).
                level: progress
                    .and_then(|p| p.skills.iter().find(|v| v.id == s.id))
                    .map_or(s.level, |v| v.level),
            })
            .collect()
    };
    ReviewDraft {
        sections,
        wins: Vec::new(),
        learnings: Vec::new(),
        corrections: Vec::new(),
        on_track: None,
        skills,
    }
}

fn section(heading: &str, questions: &[&str], facts: Vec<String>) -> Section {
    Section {
        heading: heading.to_owned(),
        questions: questions.iter().map(|q| (*q).to_owned()).collect(),
        facts,
        answer: None,
    }
}

fn percent(value: f64) -> String {
    percent_text(value * 100.0)
}

fn value(value: Option<f64>, unit: Option<&str>) -> String {
    progress::format_value(value, unit)
}

/// Milestones of the whole plan, with the period they are due in.
fn all_milestones<'a>(docs: &Docs<'a>) -> Vec<&'a model::Milestone> {
    let mut out: Vec<&model::Milestone> = Vec::new();
    for phase in docs.strategy.iter().flat_map(|s| &s.phases) {
        out.extend(phase.achievements.iter().chain(&phase.milestone));
    }
    for y in docs.years.values() {
        out.extend(&y.initiatives);
    }
    for q in docs.quarters.values() {
        for o in &q.objectives {
            out.extend(&o.milestones);
        }
    }
    out
}

fn done_in<'a>(docs: &Docs<'a>, period: Period) -> Vec<&'a model::Milestone> {
    let mut seen: Vec<&str> = Vec::new();
    all_milestones(docs)
        .into_iter()
        .filter(|m| {
            m.status == Status::Done
                && m.done
                    .is_some_and(|d| d.0 >= period.start() && d.0 <= period.end())
        })
        .filter(|m| {
            let new = !seen.contains(&m.id.as_str());
            seen.push(&m.id);
            new
        })
        .collect()
}

fn due_in<'a>(docs: &Docs<'a>, period: Period) -> Vec<&'a model::Milestone> {
    let mut seen: Vec<&str> = Vec::new();
    all_milestones(docs)
        .into_iter()
        .filter(|m| {
            !m.status.is_closed()
                && m.due
                    .is_some_and(|d| d.end() >= period.start() && d.end() <= period.end())
        })
        .filter(|m| {
            let new = !seen.contains(&m.id.as_str());
            seen.push(&m.id);
            new
        })
        .collect()
}

fn pace_word(pace: Pace) -> &'static str {
    pace.label()
}

/// The quarter's objectives with their numbers, as Markdown lines.
fn objective_lines(progress: &Progress) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(q) = &progress.quarter {
        lines.push(format!(
            "**{} objectives** ({} overall, day {} of {}):",
            q.period,
            percent(q.progress),
            q.day,
            q.days
        ));
        for o in &q.objectives {
            lines.push(format!(
                "- {} - {}, {} [{}]",
                o.title,
                percent(o.progress),
                pace_word(o.pace),
                o.id
            ));
            for kr in &o.key_results {
                lines.push(format!(
                    "  - {}: {} of {} ({})",
                    kr.title,
                    value(Some(kr.current), kr.unit.as_deref()),
                    value(kr.target, kr.unit.as_deref()),
                    pace_word(kr.pace)
                ));
            }
        }
    }
    lines
}

fn metric_lines(progress: &Progress) -> Vec<String> {
    let mut lines = Vec::new();
    if !progress.metrics.is_empty() {
        lines.push(String::new());
        lines.push("**Metrics:**".to_owned());
    }
    for m in &progress.metrics {
        lines.push(format!(
            "- {}: {} of {} ({}), expected {} - {}",
            m.name,
            value(m.actual, m.unit.as_deref()),
            value(m.target, m.unit.as_deref()),
            m.reading.as_deref().unwrap_or("no reading"),
            value(m.expected, m.unit.as_deref()),
            pace_word(m.pace)
        ));
    }
    lines
}

fn behind_lines(progress: &Progress) -> Vec<String> {
    let mut lines = Vec::new();
    let ahead: Vec<String> = progress
        .metrics
        .iter()
        .filter(|m| m.pace == Pace::Ahead)
        .map(|m| m.name.clone())
        .chain(progress.quarter.iter().flat_map(|q| {
            q.objectives
                .iter()
                .flat_map(|o| &o.key_results)
                .filter(|k| k.pace == Pace::Ahead)
                .map(|k| k.title.clone())
        }))
        .collect();
    lines.push(String::new());
    if ahead.is_empty() {
        lines.push("**Ahead:** nothing".to_owned());
    } else {
        lines.push(format!("**Ahead:** {}", ahead.join("; ")));
    }
    if progress.behind.is_empty() {
        lines.push("**Behind:** nothing".to_owned());
    } else {
        lines.push("**Behind:**".to_owned());
        for b in &progress.behind {
            lines.push(format!("- {} ({})", b.what, b.id));
        }
    }
    lines
}

fn habit_lines(progress: &Progress) -> Vec<String> {
    progress
        .habits
        .iter()
        .map(|h| {
            format!(
                "- {}: streak {} (best {}), {} hours so far",
                h.title,
                h.current_streak,
                h.longest_streak,
                h.minutes / 60
            )
        })
        .collect()
}

fn month_sections(docs: &Docs, progress: Option<&Progress>, period: Period) -> Vec<Section> {
    let mut done: Vec<String> = done_in(docs, period)
        .iter()
        .map(|m| {
            let day = m.done.map(|d| d.to_string()).unwrap_or_default();
            format!("- {} ({day})", m.title)
        })
        .collect();
    if done.is_empty() {
        done.push("- No milestone was marked done this month.".to_owned());
    }
    let mut standing = Vec::new();
    let mut right_things = Vec::new();
    if let Some(p) = progress {
        standing.extend(objective_lines(p));
        standing.extend(metric_lines(p));
        standing.extend(behind_lines(p));
        if let Some(y) = &p.year {
            right_things.push(format!(
                "**{} objectives** ({} overall):",
                y.year,
                percent(y.progress)
            ));
            for o in &y.objectives {
                right_things.push(format!(
                    "- {} - {}, {}",
                    o.title,
                    percent(o.progress),
                    o.status.as_str()
                ));
            }
        }
        let habits = habit_lines(p);
        if !habits.is_empty() {
            right_things.push(String::new());
            right_things.push("**Habits:**".to_owned());
            right_things.extend(habits);
        }
    }
    let next = DocKind::MonthReview.step(period);
    let mut change: Vec<String> = due_in(docs, next)
        .iter()
        .map(|m| {
            let due = m.due.map(|d| d.to_string()).unwrap_or_default();
            format!("- {} (due {due})", m.title)
        })
        .collect();
    if !change.is_empty() {
        change.insert(0, format!("**Due in {}:**", period_title(next)));
    }
    let [accomplished, ahead_behind, learned, change_q, right] = MONTH_QUESTIONS;
    vec![
        section(accomplished, &[], done),
        section(ahead_behind, &[], standing),
        section(learned, &[], Vec::new()),
        section(change_q, &[], change),
        section(right, &[], right_things),
    ]
}

/// Wins and learnings of the reviews within `period`.
fn logged(docs: &Docs, period: Period) -> (Vec<String>, Vec<String>) {
    let mut wins = Vec::new();
    let mut learnings = Vec::new();
    for (p, (review, _)) in &docs.reviews {
        if *p != period && p.start() >= period.start() && p.end() <= period.end() {
            wins.extend(review.wins.iter().map(|w| format!("- {}", w.title())));
            learnings.extend(review.learnings.iter().map(|l| format!("- {l}")));
        }
    }
    (wins, learnings)
}

fn quarter_sections(docs: &Docs, progress: Option<&Progress>, period: Period) -> Vec<Section> {
    let quarter = docs.quarters.get(&period).copied();
    let mut results = quarter_results(quarter, period);
    results.extend(logged_lines(docs, period, "the monthly reviews"));
    let skills = skill_lines(docs, progress, period);
    let relationships = relationship_lines(docs);
    let mut next = Vec::new();
    if let Some(q) = quarter {
        let open: Vec<&model::Objective> = q
            .objectives
            .iter()
            .filter(|o| !o.status.is_closed())
            .collect();
        if !open.is_empty() {
            next.push("**Unfinished, to carry over or drop:**".to_owned());
            next.extend(open.iter().map(|o| format!("- {} [{}]", o.title, o.id)));
            next.push(String::new());
        }
    }
    next.push(format!(
        "`roadmap new quarter {}` drafts the next quarter from them.",
        DocKind::Quarter.step(period)
    ));
    let alignment = progress.map(alignment_lines).unwrap_or_default();
    let parts: Vec<Vec<String>> = vec![results, skills, relationships, next, alignment];
    QUARTER_PARTS
        .iter()
        .zip(parts)
        .map(|((heading, questions), facts)| section(heading, questions, facts))
        .collect()
}

/// The quarter's objectives achieved and not, the open ones with their
/// key results.
fn quarter_results(quarter: Option<&model::QuarterPlan>, period: Period) -> Vec<String> {
    let mut results = Vec::new();
    let Some(q) = quarter else {
        results.push(format!("- quarters/{period}.md does not exist."));
        return results;
    };
    let (done, open): (Vec<&model::Objective>, Vec<&model::Objective>) = q
        .objectives
        .iter()
        .partition(|o| o.status == Status::Done || progress::objective_progress(o) >= 1.0);
    results.push("**Achieved:**".to_owned());
    if done.is_empty() {
        results.push("- none yet".to_owned());
    }
    for o in &done {
        results.push(format!("- {} [{}]", o.title, o.id));
    }
    results.push(String::new());
    results.push("**Not achieved:**".to_owned());
    if open.is_empty() {
        results.push("- none".to_owned());
    }
    for o in &open {
        results.push(format!(
            "- {} - {}, {} [{}]",
            o.title,
            percent(progress::objective_progress(o)),
            o.status.as_str(),
            o.id
        ));
        for kr in &o.key_results {
            results.push(format!(
                "  - {}: {} of {}",
                kr.title,
                value(kr.current.map(|c| c.0).or(Some(0.0)), kr.unit.as_deref()),
                value(kr.target.map(|t| t.0), kr.unit.as_deref())
            ));
        }
    }
    results
}

/// The wins and learnings of the reviews within `period`, each list under
/// its heading (`**Wins of 2026:**`), after a blank line.
fn logged_lines(docs: &Docs, period: Period, of: &str) -> Vec<String> {
    let (wins, learnings) = logged(docs, period);
    let mut lines = Vec::new();
    if !wins.is_empty() {
        lines.push(String::new());
        lines.push(format!("**Wins of {of}:**"));
        lines.extend(wins);
    }
    if !learnings.is_empty() {
        lines.push(String::new());
        lines.push(format!("**Learnings of {of}:**"));
        lines.extend(learnings);
    }
    lines
}

/// Each relationship goal not dropped: its count toward the target, its
/// status and due day.
fn relationship_lines(docs: &Docs) -> Vec<String> {
    docs.relationships
        .iter()
        .flat_map(|r| &r.goals)
        .filter(|g| !matches!(g.status, Status::Dropped))
        .map(|g| {
            let count = match (g.current, g.target) {
                (Some(c), Some(t)) => format!("{c} of {t}, "),
                (None, Some(t)) => format!("0 of {t}, "),
                _ => String::new(),
            };
            let due = g.due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!("- {}: {count}{}{due}", g.title, g.status.as_str())
        })
        .collect()
}

/// How the quarter stands against the year and the vision: the year's
/// objectives, the vision overall, the metrics.
fn alignment_lines(p: &Progress) -> Vec<String> {
    let mut alignment = Vec::new();
    if let Some(y) = &p.year {
        alignment.push(format!(
            "- {} objectives: {} overall",
            y.year,
            percent(y.progress)
        ));
    }
    alignment.push(format!(
        "- The ten-year vision: {} overall",
        percent_text(p.overall.percent)
    ));
    alignment.extend(metric_lines(p).into_iter().skip(2));
    alignment
}

fn skill_lines(docs: &Docs, progress: Option<&Progress>, period: Period) -> Vec<String> {
    let mut lines: Vec<String> = progress
        .iter()
        .flat_map(|p| &p.skills)
        .map(|s| {
            let target = s.target.map_or_else(|| "-".to_owned(), |t| t.to_string());
            format!(
                "- {}: level {}, {} target {target} - {}",
                s.name,
                s.level,
                period.year(),
                pace_word(s.pace)
            )
        })
        .collect();
    let actions: Vec<String> = docs
        .capabilities
        .iter()
        .flat_map(|c| &c.skills)
        .flat_map(|s| s.actions.iter().map(move |a| (s, a)))
        .filter_map(|(s, a)| match a {
            model::Action::Item(item)
                if item.status == Status::Done
                    && item.due.is_some_and(|d| {
                        d.end() >= period.start() && d.start() <= period.end()
                    }) =>
            {
                Some(format!("- {} ({})", item.title, s.name))
            }
            _ => None,
        })
        .collect();
    if !actions.is_empty() {
        lines.push(String::new());
        lines.push("**Development actions done:**".to_owned());
        lines.extend(actions);
    }
    lines
}

fn year_sections(docs: &Docs, progress: Option<&Progress>, period: Period) -> Vec<Section> {
    let year = period.year();
    let mut performance = year_performance(docs, progress, year);
    performance.extend(logged_lines(docs, period, &year.to_string()));
    let multi_year = multi_year_lines(docs, progress, year);
    let strategy = next_year_lines(docs, year);
    let roadmap: Vec<String> = docs
        .strategy
        .iter()
        .flat_map(|s| &s.phases)
        .map(|p| {
            format!(
                "- {}: {} - {}, revenue {}",
                year_span((p.years.lo as i32, p.years.hi as i32)),
                p.name,
                p.role,
                p.revenue
            )
        })
        .collect();
    let parts: Vec<Vec<String>> = vec![performance, multi_year, Vec::new(), strategy, roadmap];
    YEAR_PARTS
        .iter()
        .zip(parts)
        .map(|((heading, questions), facts)| section(heading, questions, facts))
        .collect()
}

/// The year's objectives (a table with their progress when measured, a
/// list otherwise) and the metrics.
fn year_performance(docs: &Docs, progress: Option<&Progress>, year: i32) -> Vec<String> {
    let mut performance = Vec::new();
    if let Some(y) = progress
        .and_then(|p| p.year.as_ref())
        .filter(|y| y.year == year)
    {
        performance.push("| Objective | Progress | Status |".to_owned());
        performance.push("| --- | --- | --- |".to_owned());
        for o in &y.objectives {
            performance.push(format!(
                "| {} | {} | {} |",
                o.title.replace('|', "/"),
                percent(o.progress),
                o.status.as_str()
            ));
        }
    } else if let Some(plan) = docs.years.get(&year) {
        for o in &plan.objectives {
            performance.push(format!("- {} - {}", o.title, o.status.as_str()));
        }
    }
    if let Some(p) = progress {
        performance.extend(metric_lines(p));
    }
    performance
}

/// Progress toward the vision, each dimension's part, the revenue
/// forecasts and the strategy's milestones due in `year`.
fn multi_year_lines(docs: &Docs, progress: Option<&Progress>, year: i32) -> Vec<String> {
    let mut multi_year = Vec::new();
    if let Some(p) = progress {
        multi_year.push(format!(
            "**Overall progress toward the vision:** {}",
            percent_text(p.overall.percent)
        ));
        for part in &p.overall.parts {
            multi_year.push(format!(
                "- {}: {} - {}",
                part.dimension,
                percent(part.progress),
                part.detail
            ));
        }
        for m in p.metrics.iter().filter(|m| m.forecast.is_some()) {
            multi_year.push(format!(
                "- {}: {:.1}% a year so far, the vision's revenue by {}",
                m.name,
                m.growth.unwrap_or_default(),
                m.forecast.unwrap_or_default()
            ));
        }
    }
    let milestones: Vec<String> = docs
        .strategy
        .iter()
        .flat_map(|s| &s.phases)
        .flat_map(|p| p.achievements.iter().chain(&p.milestone))
        .filter(|m| m.due.is_some_and(|d| d.year() == year))
        .map(|m| format!("- {} - {}", m.title, m.status.as_str()))
        .collect();
    if !milestones.is_empty() {
        multi_year.push(String::new());
        multi_year.push(format!("**Milestones due in {year}:**"));
        multi_year.extend(milestones);
    }
    multi_year
}

/// What the draft of the year after proposes: revenue targets, the skills
/// to focus on, the objectives carried over.
fn next_year_lines(docs: &Docs, year: i32) -> Vec<String> {
    let next = year_draft(docs, year + 1);
    let mut strategy: Vec<String> = next
        .revenue
        .iter()
        .map(|r| {
            format!(
                "- {}: {} on {} ({}) is {}-{}; proposed {}",
                r.name, r.band, r.base, r.base_from, r.low, r.high, r.target
            )
        })
        .collect();
    let focus: Vec<String> = next
        .skills
        .iter()
        .filter(|s| next.focus.contains(&s.id))
        .map(|s| format!("{} {} → {}", s.name, s.level, s.target.unwrap_or(s.level)))
        .collect();
    if !focus.is_empty() {
        strategy.push(format!("- Development priorities: {}", focus.join(", ")));
    }
    let carried: Vec<String> = next
        .objectives
        .iter()
        .filter(|o| o.carried)
        .map(|o| format!("  - {}", o.title.text))
        .collect();
    if !carried.is_empty() {
        strategy.push("- Unfinished objectives to carry over:".to_owned());
        strategy.extend(carried);
    }
    strategy.push(String::new());
    strategy.push(format!(
        "`roadmap new year {}` drafts the plan from these.",
        year + 1
    ));
    strategy
}

/// The years from `lo` to `hi` as a phase names them: `2026`, or `2025-2026`.
pub(crate) fn year_span((lo, hi): (i32, i32)) -> String {
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}-{hi}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_and_go_back() {
        let q: Period = "2026-Q4".parse().expect("quarter");
        assert_eq!(DocKind::Quarter.step(q).to_string(), "2027-Q1");
        assert_eq!(
            previous_period("2027-01".parse().expect("month")).to_string(),
            "2026-12"
        );
        assert!(DocKind::Quarter.parse_period("2026").is_err());
        assert_eq!(
            period_title("2026-11".parse().expect("month")),
            "November 2026"
        );
    }

    #[test]
    fn amounts_are_written_short_when_exact() {
        assert_eq!(amount_text(7_600_000.0), "7.6M");
        assert_eq!(amount_text(1_234_567.0), "1234567");
        assert_eq!(amount_text(3.0), "3");
    }
}
