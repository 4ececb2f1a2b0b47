//! Derives a complete ten-year plan from the questionnaire's answers, so
//! that `roadmap init` ends with a plan that `roadmap check` passes rather
//! than a skeleton to fill in.
//!
//! The derivation is pure: [`Inputs`] and the day in, file paths and texts
//! out. It follows the guide: five phases with a role ladder and revenue
//! bands from today's revenue to the goal; territory revenue targets that
//! compound at the middle of the growth band; skill targets that rise from
//! today's levels and never drop; the first annual and quarterly plans with
//! one objective per category, each quarterly objective linked to the year
//! and measured by key results; the guide's habits; and the review
//! templates. The files are written as text, not serialized from the model,
//! so they read like a person wrote them: short amounts (`5.9M`), bands
//! (`15-20%`), comments, and prose under the front matter. The annual and
//! quarterly plans are what `roadmap new` drafts from the files before
//! them ([`planning::draft`]), with the answers filling in what a draft
//! leaves to the person, written through the same templates.

mod answers;
mod guide;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use chrono::Datelike;

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use crate::history::History;
use crate::layout::PLANS_DIR;
use crate::load::{self, Content, RawFile};
use crate::model::{Area, Cadence, Circle};
use crate::planning::{self, DocKind, Text};
use crate::render::Renderer;
use crate::value::{Amount, Band, Period, exact_text, format_amount};

pub(crate) use answers::{
    AnswerError, Answers, DEFAULT_GROWTH, DEFAULT_LEVEL, DEFAULT_SPAN, DEFAULT_TEAM, GoalAnswers,
    Inputs, Level, MilestoneAnswer, NowAnswers, SkillAnswer, SkillInput, check_span, check_target,
    default_focus, default_roles, default_target, parse_areas, parse_growth, parse_level,
    parse_milestone, parse_optional_amount, parse_revenue, parse_share, parse_team,
    parse_team_band, parse_year, read_answers, split_list,
};

/// One file of a plan: its path from the repository root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanFile {
    pub path: String,
    pub text: String,
}

/// The guide's phases over `start..=end`: years 1-2, 3-4, 5-6, 7-8, 9-10,
/// the last phase taking the years left over (2025-2035 ends 2033-2035).
/// Plans shorter than five years get one phase a year.
pub(crate) fn phase_spans(start: i32, end: i32) -> Vec<(i32, i32)> {
    let years = (end - start + 1).max(1);
    let count = years.min(5);
    let size = years / count;
    (0..count)
        .map(|i| {
            let lo = start + i * size;
            let hi = if i == count - 1 { end } else { lo + size - 1 };
            (lo, hi)
        })
        .collect()
}

/// The year and quarter of the first annual and quarterly plans: today's,
/// when today falls inside the plan, else the plan's first.
pub(crate) fn first_period(inputs: &Inputs) -> (i32, u8) {
    let year = inputs.today.year();
    if (inputs.start..=inputs.end).contains(&year) {
        match Period::quarter_of(inputs.today) {
            Period::Quarter(y, q) => (y, q),
            _ => (year, 1),
        }
    } else {
        (inputs.start, 1)
    }
}

/// Every file of the plan derived from `inputs`. The year's and the
/// quarter's plans are drafted as `roadmap new` drafts them, from the files
/// before them, filled with what the answers say, and written through the
/// same templates.
pub(crate) fn generate(inputs: &Inputs) -> Result<Vec<PlanFile>, String> {
    let plan = Derived::new(inputs);
    let (year, quarter) = (plan.first_year, plan.first_quarter);
    let file = |name: &str, text: String| PlanFile {
        path: format!("{PLANS_DIR}/{name}"),
        text,
    };
    let mut files = vec![
        file("README.md", plan.readme()),
        file("vision.md", plan.vision()),
        file("strategy.yaml", plan.strategy()),
        file("capabilities.yaml", plan.capabilities()),
        file("metrics.yaml", plan.metrics()),
        file("relationships.yaml", plan.relationships()),
        file("habits.yaml", plan.habits()),
        file("career.yaml", plan.career()),
    ];
    let renderer = Renderer::new(None);
    let text = plan.year_plan(&renderer, &files)?;
    files.push(file(&format!("years/{year}.md"), text));
    let text = plan.quarter_plan(&renderer, &files)?;
    files.push(file(&format!("quarters/{year}-Q{quarter}.md"), text));
    Ok(files)
}

/// The plan `files` hold, loaded as `roadmap check` loads it.
pub(crate) fn load(files: &[PlanFile]) -> load::Snapshot {
    load::load(
        files
            .iter()
            .map(|f| RawFile {
                path: f.path.clone(),
                content: Content::Bytes(f.text.clone().into_bytes()),
            })
            .collect(),
    )
}

/// What `roadmap new` drafts for `period` from the plan `files` hold, as
/// its template receives it, drafted by `roadmap init` on the answers' day.
fn new_draft(
    files: &[PlanFile],
    kind: DocKind,
    period: Period,
    today: NaiveDate,
) -> Result<Json, String> {
    let snapshot = load(files);
    let plan = snapshot.plans.first().cloned().unwrap_or_default();
    let draft = planning::draft(kind, &plan, &History::default(), period, today);
    let mut context = serde_json::to_value(&draft).map_err(|e| e.to_string())?;
    context["drafted_by"] = json!("roadmap init");
    Ok(context)
}

/// Renders a filled draft through the template of `kind`.
fn render_draft(renderer: &Renderer, kind: DocKind, context: &Json) -> Result<String, String> {
    renderer
        .render(kind.template(), context)
        .map_err(|e| format!("the built-in template of {}: {e}", kind.name()))
}

/// The example plan bundled with the binary: the guide's sales manager
/// on the way to VP of Sales.
static EXAMPLE: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/plans");

/// Every file of the bundled example plan, dotfiles left out.
pub(crate) fn example_files() -> Vec<PlanFile> {
    fn walk(dir: &include_dir::Dir<'_>, out: &mut Vec<PlanFile>) {
        for entry in dir.entries() {
            let hidden = entry
                .path()
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            match entry {
                include_dir::DirEntry::Dir(sub) => walk(sub, out),
                include_dir::DirEntry::File(file) => {
                    let rel: Vec<String> = file
                        .path()
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    out.push(PlanFile {
                        path: format!("{PLANS_DIR}/{}", rel.join("/")),
                        text: String::from_utf8_lossy(file.contents()).into_owned(),
                    });
                }
            }
        }
    }
    let mut files = Vec::new();
    walk(&EXAMPLE, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

// ------------------------------------------------------------- derivation

/// How far a rounded revenue target may stray from the band, in
/// percentage points: half of what `check` tolerates.
const ROUNDING_SLACK_PP: f64 = 0.25;
/// Revenue targets cover at least the guide's three-year plan.
const TARGET_YEARS: i32 = 3;
/// The guide's "exceed quota by 15%+" and "grow top accounts by 20%".
const QUOTA_TARGET: u32 = 115;
const TOP_ACCOUNT_GROWTH: u32 = 20;
/// Customer retention to hold, in percent.
const RETENTION_TARGET: u32 = 95;
/// Points of market share to gain a year.
const MARKET_SHARE_STEP: f64 = 1.5;

/// The monthly steps of the first quarter's strategic objective.
const STRATEGIC_STEPS: [(&str, &str); 3] = [
    ("scope", "Scope it and agree on the plan"),
    ("pilot", "Pilot it with the first accounts"),
    ("results", "Review the results and share them"),
];

/// A key result of the first quarterly plan.
struct Kr {
    id: &'static str,
    title: &'static str,
    target: String,
    unit: &'static str,
    /// The metric that measures the same thing, read instead of a
    /// `current` of the key result's own.
    measures: Option<&'static str>,
}

struct PhasePlan {
    text: &'static guide::PhaseText,
    years: (i32, i32),
    role: String,
    revenue: String,
    team: String,
    achievements: Vec<(String, String, i32)>,
}

struct Derived<'a> {
    inputs: &'a Inputs,
    growth: String,
    phases: Vec<PhasePlan>,
    first_year: i32,
    first_quarter: u8,
    /// Territory revenue targets by year, as written, and their values.
    revenue: BTreeMap<i32, (String, f64)>,
    /// Target level by year, per skill in the guide's order.
    skill_targets: Vec<BTreeMap<i32, i64>>,
}

impl<'a> Derived<'a> {
    fn new(inputs: &'a Inputs) -> Self {
        let growth_text = format!("{}%", inputs.growth);
        let growth: Band = growth_text.parse().unwrap_or(inputs.growth);
        let (first_year, first_quarter) = first_period(inputs);
        let last_target = (inputs.start + TARGET_YEARS - 1)
            .max(first_year)
            .min(inputs.end);
        let revenue = revenue_targets(inputs.now.revenue.0, growth, inputs.start, last_target);
        let phases = derive_phases(inputs, growth);
        let skill_targets = inputs
            .skills
            .iter()
            .map(|s| {
                let focus = inputs.focus.contains(&s.area);
                skill_targets(s, focus, inputs.start, first_year, inputs.end)
            })
            .collect();
        Derived {
            inputs,
            growth: growth_text,
            phases,
            first_year,
            first_quarter,
            revenue,
            skill_targets,
        }
    }

    fn phase_of(&self, year: i32) -> &PhasePlan {
        self.phases
            .iter()
            .find(|p| (p.years.0..=p.years.1).contains(&year))
            .unwrap_or(&self.phases[0])
    }

    fn first_phase_end(&self) -> i32 {
        self.phases[0].years.1
    }

    fn skill_target(&self, area: Area, year: i32) -> (i64, i64) {
        let i = Area::ALL.iter().position(|a| *a == area).unwrap_or(0);
        let level = self.inputs.skills[i].level;
        let before = self.skill_targets[i]
            .get(&(year - 1))
            .copied()
            .unwrap_or(level);
        let now = self.skill_targets[i].get(&year).copied().unwrap_or(before);
        (before, now)
    }

    // ------------------------------------------------------------ vision

    fn vision(&self) -> String {
        let mut y = self.vision_front();
        self.vision_intro(&mut y);
        self.vision_now(&mut y);
        self.vision_goal(&mut y);
        self.vision_road(&mut y);
        y
    }

    /// The vision's front matter, between its `---` lines.
    fn vision_front(&self) -> String {
        let i = self.inputs;
        let mut y = String::from("---\n");
        push(&mut y, 0, &format!("name: {}", s(&i.name)));
        push(&mut y, 0, &format!("start: {}", i.start));
        push(&mut y, 0, &format!("end: {}", i.end));
        push(&mut y, 0, &format!("statement: {}", s(&self.statement())));
        push(&mut y, 0, "now:");
        push(&mut y, 2, &format!("role: {}", s(&i.now.role)));
        if let Some(company) = &i.now.company {
            push(&mut y, 2, &format!("company: {}", s(company)));
        }
        if let Some(territory) = &i.now.territory {
            push(&mut y, 2, &format!("territory: {}", s(territory)));
        }
        push(
            &mut y,
            2,
            &format!("revenue: {}", exact_text(i.now.revenue.0)),
        );
        push(&mut y, 2, &format!("team: {}", i.now.team));
        list(&mut y, 2, "strengths", &i.now.strengths);
        list(&mut y, 2, "needs", &i.now.needs);
        push(&mut y, 0, "goal:");
        push(&mut y, 2, &format!("role: {}", s(&i.goal.role)));
        push(
            &mut y,
            2,
            &format!("revenue: {}", exact_text(i.goal.revenue.0)),
        );
        push(&mut y, 2, &format!("team: {}", i.goal_team));
        if let Some(income) = i.goal.income {
            push(&mut y, 2, &format!("income: {}", exact_text(income.0)));
        }
        list(&mut y, 2, "recognition", &i.goal.recognition);
        if let Some(impact) = &i.goal.impact {
            push(&mut y, 2, &format!("impact: {}", s(impact)));
        }
        if let Some(leader) = &i.goal.leader {
            push(&mut y, 0, &format!("leader: {}", s(leader)));
        }
        list(&mut y, 0, "expertise", &self.expertise());
        list(&mut y, 0, "values", &i.goal.values);
        if let Some(success) = &i.goal.success {
            push(&mut y, 0, &format!("success: {}", s(success)));
        }
        list(&mut y, 0, "constraints", &i.constraints);
        y.push_str("---\n");
        y
    }

    fn vision_intro(&self, y: &mut String) {
        let i = self.inputs;
        let _ = writeln!(y, "# {}\n", self.statement());
        let _ = writeln!(
            y,
            "{}'s ten-year plan, {}-{}, written by `roadmap init` on {}. \
             The front matter above holds the numbers that reports track; this prose is yours to rewrite.\n",
            i.name,
            i.start,
            i.end,
            i.today.format("%Y-%m-%d")
        );
    }

    fn vision_now(&self, y: &mut String) {
        let i = self.inputs;
        y.push_str("## Where I stand now\n\n");
        let _ = writeln!(y, "- Role: {}", i.now.role);
        if let Some(company) = &i.now.company {
            let _ = writeln!(y, "- Company: {company}");
        }
        if let Some(territory) = &i.now.territory {
            let _ = writeln!(y, "- Territory: {territory}");
        }
        let _ = writeln!(y, "- Revenue: {} a year", format_amount(i.now.revenue.0));
        let _ = writeln!(y, "- Team: {}", team_words(i.now.team));
        bullet_line(y, "Key strengths", &i.now.strengths);
        bullet_line(y, "Development needs", &i.now.needs);
    }

    fn vision_goal(&self, y: &mut String) {
        let i = self.inputs;
        let _ = writeln!(y, "\n## Where I am going ({})\n", i.end);
        let _ = writeln!(y, "- Role: {}", i.goal.role);
        let _ = writeln!(
            y,
            "- Revenue responsibility: {} a year",
            format_amount(i.goal.revenue.0)
        );
        let _ = writeln!(y, "- Team: leading {} people", i.goal_team);
        if let Some(income) = i.goal.income {
            let _ = writeln!(y, "- Income: {}", format_amount(income.0));
        }
        bullet_line(y, "Recognition", &i.goal.recognition);
        if let Some(impact) = &i.goal.impact {
            let _ = writeln!(y, "- Impact: {impact}");
        }
        if let Some(leader) = &i.goal.leader {
            let _ = writeln!(y, "- The leader I want to be known as: {leader}");
        }
    }

    /// The phases, milestones, constraints and what success means.
    fn vision_road(&self, y: &mut String) {
        let i = self.inputs;
        y.push_str("\n## The road\n\n| Years | Phase | Role | Revenue | Team |\n| --- | --- | --- | --- | --- |\n");
        for p in &self.phases {
            let _ = writeln!(
                y,
                "| {}-{} | {} | {} | {} | {} |",
                p.years.0, p.years.1, p.text.name, p.role, p.revenue, p.team
            );
        }
        let _ = writeln!(y, "\nTerritory growth: {} a year.", self.growth);
        if !i.milestones.is_empty() {
            y.push_str("\n## Key milestones\n\n");
            let mut milestones = i.milestones.clone();
            milestones.sort_by_key(|m| m.year);
            for m in milestones {
                let _ = writeln!(y, "- {}: {}", m.year, m.title);
            }
        }
        if !i.constraints.is_empty() {
            y.push_str("\n## Constraints and considerations\n\n");
            for c in &i.constraints {
                let _ = writeln!(y, "- {c}");
            }
        }
        y.push_str("\n## What success means\n\n");
        match &i.goal.success {
            Some(success) => {
                let _ = writeln!(y, "{success}");
            }
            None => y.push_str("(In my own words: what does success really mean to me?)\n"),
        }
    }

    fn statement(&self) -> String {
        let i = self.inputs;
        i.goal
            .statement
            .clone()
            .unwrap_or_else(|| format!("From {} to {} by {}", i.now.role, i.goal.role, i.end))
    }

    fn expertise(&self) -> Vec<String> {
        if self.inputs.goal.expertise.is_empty() {
            self.inputs.now.needs.clone()
        } else {
            self.inputs.goal.expertise.clone()
        }
    }

    // ---------------------------------------------------------- strategy

    fn strategy(&self) -> String {
        let mut y = header("Multi-year phases: the role, revenue and team each phase aims for.");
        push(&mut y, 0, "phases:");
        for p in &self.phases {
            push(&mut y, 2, &format!("- id: {}", p.text.id));
            push(&mut y, 4, &format!("name: {}", s(p.text.name)));
            push(
                &mut y,
                4,
                &format!("years: {}", planning::year_span(p.years)),
            );
            push(&mut y, 4, &format!("objective: {}", s(p.text.objective)));
            push(&mut y, 4, &format!("role: {}", s(&p.role)));
            push(&mut y, 4, &format!("revenue: {}", p.revenue));
            push(&mut y, 4, &format!("team: {}", p.team));
            push(&mut y, 4, "achievements:");
            for (id, title, due) in &p.achievements {
                push(&mut y, 6, &format!("- id: {id}"));
                push(&mut y, 8, &format!("title: {}", s(title)));
                push(&mut y, 8, &format!("due: {due}"));
            }
            let skills: Vec<String> = p.text.skills.iter().map(|t| (*t).to_owned()).collect();
            list(&mut y, 4, "skills", &skills);
            let relationships: Vec<String> = p
                .text
                .relationships
                .iter()
                .map(|t| (*t).to_owned())
                .collect();
            list(&mut y, 4, "relationships", &relationships);
            let (suffix, title) = p.text.milestone;
            push(&mut y, 4, "milestone:");
            push(&mut y, 6, &format!("id: {}-{suffix}", p.text.id));
            push(&mut y, 6, &format!("title: {}", s(title)));
            push(&mut y, 6, &format!("due: {}", p.years.1));
        }
        y
    }

    // ------------------------------------------------------ capabilities

    fn capabilities(&self) -> String {
        let mut y = header(
            "Capability plan: current level 1-10 and the target level by year (targets never drop).",
        );
        push(&mut y, 0, "skills:");
        for (skill, targets) in self.inputs.skills.iter().zip(&self.skill_targets) {
            let text = guide::area_text(skill.area);
            push(&mut y, 2, &format!("- id: {}", text.id));
            push(&mut y, 4, &format!("name: {}", s(text.name)));
            push(&mut y, 4, &format!("area: {}", skill.area.as_str()));
            push(&mut y, 4, &format!("focus: [{}]", text.focus.join(", ")));
            push(&mut y, 4, &format!("level: {}", skill.level));
            let by_year: Vec<String> = targets.iter().map(|(y, l)| format!("{y}: {l}")).collect();
            push(&mut y, 4, &format!("targets: {{{}}}", by_year.join(", ")));
            let actions: Vec<String> = text.actions.iter().map(|a| (*a).to_owned()).collect();
            list(&mut y, 4, "actions", &actions);
        }
        y
    }

    // ----------------------------------------------------------- metrics

    fn metrics(&self) -> String {
        let i = self.inputs;
        let mut y = header(
            "Revenue and performance metrics: baseline, targets by year, and actuals as they come in.",
        );
        push(&mut y, 0, &format!("growth: {}", self.growth));
        push(&mut y, 0, "metrics:");
        push(&mut y, 2, "- id: territory-revenue");
        push(&mut y, 4, "name: Territory revenue");
        push(&mut y, 4, "kind: revenue");
        push(&mut y, 4, "unit: USD");
        push(&mut y, 4, "ytd: true");
        push(
            &mut y,
            4,
            &format!("baseline: {}", exact_text(i.now.revenue.0)),
        );
        push(&mut y, 4, "targets:");
        for (year, (text, _)) in &self.revenue {
            push(&mut y, 6, &format!("{year}: {text}"));
        }
        // The guide's six kinds: territory growth (above), new business,
        // account expansion, market share, retention, operations.
        push(&mut y, 2, "- id: new-business");
        push(&mut y, 4, "name: New business closed");
        push(&mut y, 4, "kind: new-business");
        push(&mut y, 4, "unit: USD");
        push(&mut y, 4, "ytd: true");
        match i.now.new_business.filter(|n| n.0 > 0.0) {
            Some(baseline) => {
                push(&mut y, 4, &format!("baseline: {}", exact_text(baseline.0)));
                push(&mut y, 4, "targets:");
                let last = self.revenue.keys().next_back().copied().unwrap_or(i.start);
                for (year, (text, _)) in
                    revenue_targets(baseline.0, self.growth_band(), i.start, last)
                {
                    push(&mut y, 6, &format!("{year}: {text}"));
                }
            }
            None => push(
                &mut y,
                4,
                "# baseline: last year's figure; targets: {YEAR: AMOUNT}",
            ),
        }
        self.percent_metric(
            &mut y,
            ("top-account-growth", "Average growth of the top 5 accounts"),
            "accounts",
            None,
            |_| f64::from(TOP_ACCOUNT_GROWTH),
        );
        match i.now.market_share {
            Some(share) => self.percent_metric(
                &mut y,
                ("market-share", "Territory market share"),
                "market-share",
                Some(share.0),
                |n| (share.0 + MARKET_SHARE_STEP * f64::from(n)).min(100.0),
            ),
            None => {
                push(&mut y, 2, "- id: market-share");
                push(&mut y, 4, "name: Territory market share");
                push(&mut y, 4, "kind: market-share");
                push(&mut y, 4, "unit: \"%\"");
                push(
                    &mut y,
                    4,
                    "# baseline: today's share; targets: {YEAR: PERCENT}",
                );
            }
        }
        self.percent_metric(
            &mut y,
            ("customer-retention", "Customer retention"),
            "retention",
            None,
            |_| f64::from(RETENTION_TARGET),
        );
        self.percent_metric(
            &mut y,
            ("quota-attainment", "Quota attainment"),
            "operations",
            None,
            |_| f64::from(QUOTA_TARGET),
        );
        y
    }

    /// The plan's growth band, as written in `metrics.yaml`.
    fn growth_band(&self) -> Band {
        self.growth.parse().unwrap_or(self.inputs.growth)
    }

    /// A metric in percent with a target each year of the revenue targets,
    /// `target(n)` for the `n`th (from 1).
    fn percent_metric(
        &self,
        y: &mut String,
        (id, name): (&str, &str),
        kind: &str,
        baseline: Option<f64>,
        target: impl Fn(u32) -> f64,
    ) {
        push(y, 2, &format!("- id: {id}"));
        push(y, 4, &format!("name: {name}"));
        push(y, 4, &format!("kind: {kind}"));
        push(y, 4, "unit: \"%\"");
        if let Some(baseline) = baseline {
            push(y, 4, &format!("baseline: {}", exact_text(baseline)));
        }
        push(y, 4, "targets:");
        for (n, year) in (1..).zip(self.revenue.keys()) {
            push(
                y,
                6,
                &format!("{year}: {}", exact_text(round_sig(target(n), 3))),
            );
        }
    }

    // ----------------------------------------------------- relationships

    fn relationships(&self) -> String {
        let mut y = header(
            "Relationship and network goals: internal, external, community, thought leadership, mentorship.",
        );
        let second_end = self.phases.get(1).map_or(self.inputs.end, |p| p.years.1);
        push(&mut y, 0, "goals:");
        for (id, title, circle, target, later) in guide::RELATIONSHIPS {
            push(&mut y, 2, &format!("- id: {id}"));
            push(&mut y, 4, &format!("title: {}", s(title)));
            push(&mut y, 4, &format!("circle: {}", circle_name(circle)));
            push(&mut y, 4, &format!("target: {target}"));
            push(&mut y, 4, "current: 0");
            let due = if later {
                second_end
            } else {
                self.first_phase_end()
            };
            push(&mut y, 4, &format!("due: {due}"));
        }
        y
    }

    // ------------------------------------------------------------ habits

    fn habits(&self) -> String {
        let mut y = header("Daily and weekly habits, each linked to the goals it serves.");
        push(&mut y, 0, "habits:");
        for (id, title, cadence, minutes, serves) in guide::HABITS {
            push(&mut y, 2, &format!("- id: {id}"));
            push(&mut y, 4, &format!("title: {}", s(title)));
            let cadence = match cadence {
                Cadence::Daily => "daily",
                Cadence::Workdays => "workdays",
                Cadence::Days => "days",
                Cadence::Weekly => "weekly",
            };
            push(&mut y, 4, &format!("cadence: {cadence}"));
            push(&mut y, 4, &format!("minutes: {minutes}"));
            let serves: Vec<String> = serves
                .iter()
                .flat_map(|id| {
                    if *id == "{objectives}" {
                        self.annual_ids()
                    } else {
                        vec![(*id).to_owned()]
                    }
                })
                .collect();
            push(&mut y, 4, &format!("serves: [{}]", serves.join(", ")));
            push(
                &mut y,
                4,
                &format!("since: {}", self.inputs.today.format("%Y-%m-%d")),
            );
        }
        y
    }

    // ------------------------------------------------------------ career

    fn career(&self) -> String {
        let now = &self.inputs.now;
        let mut y = header(
            "Career progression: title, direct reports, revenue responsibility, compensation, recognition.",
        );
        push(&mut y, 0, &format!("title: {}", s(&now.role)));
        if let Some(territory) = &now.territory {
            push(&mut y, 0, &format!("territory: {}", s(territory)));
        }
        push(&mut y, 0, &format!("reports: {}", now.team));
        push(
            &mut y,
            0,
            &format!("revenue: {}", exact_text(now.revenue.0)),
        );
        y
    }

    // ------------------------------------------------------- annual plan

    fn annual_ids(&self) -> Vec<String> {
        [
            "revenue",
            "leadership",
            "relationships",
            "strategic",
            "personal",
        ]
        .iter()
        .map(|c| format!("y{}-{c}", self.first_year))
        .collect()
    }

    /// The area whose target rises most in the first year, focus areas
    /// first.
    fn personal_skill(&self) -> Option<(Area, i64, i64)> {
        let year = self.first_year;
        let mut candidates: Vec<Area> = self.inputs.focus.clone();
        candidates.extend(Area::ALL);
        candidates
            .into_iter()
            .map(|a| {
                let (before, now) = self.skill_target(a, year);
                (a, before, now)
            })
            .filter(|(_, before, now)| now > before)
            .max_by_key(|(_, before, now)| now - before)
    }

    /// The first annual plan: the draft of `roadmap new year`, with the
    /// answers' theme, objectives, initiative and success criteria.
    fn year_plan(&self, renderer: &Renderer, files: &[PlanFile]) -> Result<String, String> {
        let year = self.first_year;
        let phase = self.phase_of(year);
        let (target, _) = self.revenue.get(&year).cloned().unwrap_or_default();
        let ids = self.annual_ids();
        let personal = match self.personal_skill() {
            Some((area, before, now)) => format!(
                "Raise {} from level {before} to {now}",
                guide::area_text(area).name.to_lowercase()
            ),
            None => "Read one book on leadership a month".to_owned(),
        };
        let [leadership, relationships, strategic] = phase.text.year_objectives;
        let objectives = [
            (
                &ids[0],
                format!("Grow territory revenue to {target}"),
                "revenue",
            ),
            (&ids[1], leadership.to_owned(), "leadership"),
            (&ids[2], relationships.to_owned(), "relationships"),
            (&ids[3], strategic.to_owned(), "strategic"),
            (&ids[4], personal.clone(), "personal"),
        ];
        let objectives: Vec<Json> = objectives
            .iter()
            .map(|(id, title, category)| {
                let revenue = *category == "revenue";
                json!({
                    "id": id,
                    "title": Text::new(title),
                    "category": category,
                    "metric": revenue.then_some("territory-revenue"),
                    "target": null,
                    "unit": revenue.then(|| Text::new("USD")),
                    "carried": false,
                })
            })
            .collect();
        let focus: Vec<&str> = self
            .inputs
            .focus
            .iter()
            .map(|a| guide::area_text(*a).id)
            .collect();
        let success = [
            format!(
                "Territory revenue of {target} or more ({} growth)",
                self.growth
            ),
            format!("Quota attainment of {QUOTA_TARGET}% or more"),
            personal,
            "Every quarterly plan written, and every monthly review committed".to_owned(),
        ];
        let mut why = format!(
            "This year belongs to the phase {}-{}, which ends with: {}.\n\n\
             The annual strategic planning (December, a full day):\n\n",
            phase.years.0,
            phase.years.1,
            phase.text.milestone.1.to_lowercase()
        );
        for (n, step) in guide::ANNUAL_QUESTIONS.iter().enumerate() {
            let _ = writeln!(why, "{}. {step}", n + 1);
        }
        let mut context = new_draft(files, DocKind::Year, Period::Year(year), self.inputs.today)?;
        let draft = &mut context["year"];
        draft["theme"] = json!(Text::new(phase.text.name));
        draft["objectives"] = json!(objectives);
        draft["focus"] = json!(focus);
        draft["initiatives"] = json!([{
            "id": format!("y{year}-initiative"),
            "title": Text::new(phase.text.initiative),
            "due": year.to_string(),
            "status": "planned",
        }]);
        draft["success"] = json!(success.iter().map(|t| Text::new(t)).collect::<Vec<_>>());
        draft["why"] = json!(why.trim_end());
        render_draft(renderer, DocKind::Year, &context)
    }

    // ---------------------------------------------------- quarterly plan

    /// The first quarterly plan: the draft of `roadmap new quarter`, with
    /// the answers' objectives, one a category, each with its key results.
    fn quarter_plan(&self, renderer: &Renderer, files: &[PlanFile]) -> Result<String, String> {
        let objectives = self.quarter_objectives();
        let (year, quarter) = (self.first_year, self.first_quarter);
        let supported: Vec<&Json> = objectives.iter().map(|o| &o["supports"][0]).collect();
        let period = Period::Quarter(year, quarter);
        let mut context = new_draft(files, DocKind::Quarter, period, self.inputs.today)?;
        let draft = &mut context["quarter"];
        draft["theme"] = json!(Text::new(self.phase_of(year).text.name));
        draft["objectives"] = json!(objectives);
        draft["uncovered"] = json!([]);
        if let Some(annual) = draft["annual"].as_array_mut() {
            for a in annual {
                a["covered"] = json!(supported.contains(&&a["id"]));
            }
        }
        let habits: Vec<&str> = guide::HABITS.iter().map(|h| h.0).collect();
        draft["habits"] = json!(habits);
        let mut why = "Update `current:` on the key results as the quarter goes; the two revenue \
                       key results read the metrics they measure (`measures:`).\n\n\
                       The quarterly review (last week of the quarter, 2-3 hours):\n\n"
            .to_owned();
        for question in guide::QUARTERLY_QUESTIONS {
            let _ = writeln!(why, "- {question}");
        }
        draft["why"] = json!(why.trim_end());
        render_draft(renderer, DocKind::Quarter, &context)
    }

    /// The first quarter's objectives, as the quarter's template reads them.
    fn quarter_objectives(&self) -> Vec<Json> {
        let (year, quarter) = (self.first_year, self.first_quarter);
        let prefix = format!("{year}-q{quarter}");
        self.quarter_table()
            .iter()
            .map(|(category, title, supports, krs)| {
                let id = format!("{prefix}-{category}");
                let key_results: Vec<Json> = krs
                    .iter()
                    .map(|kr| {
                        json!({
                            "id": format!("{id}-{}", kr.id),
                            "title": Text::new(kr.title),
                            "target": kr.target,
                            "previous_target": null,
                            "start": null,
                            "unit": Text::new(kr.unit),
                            "measures": kr.measures,
                        })
                    })
                    .collect();
                let milestones: Vec<Json> = if *category == "strategic" {
                    STRATEGIC_STEPS
                        .iter()
                        .enumerate()
                        .map(|(n, (name, step))| {
                            let month = u8::try_from(usize::from(quarter) * 3 - 2 + n).unwrap_or(1);
                            json!({
                                "id": format!("{id}-{name}"),
                                "title": Text::new(step),
                                "due": Period::Month(year, month).to_string(),
                                "was_due": null,
                            })
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                json!({
                    "id": id,
                    "title": Text::new(title),
                    "category": category,
                    "supports": [supports],
                    "key_results": key_results,
                    "milestones": milestones,
                })
            })
            .collect()
    }

    /// Each category's objective of the first quarter: its title, the
    /// year's objective it serves and its key results.
    fn quarter_table(&self) -> [(&'static str, String, String, Vec<Kr>); 5] {
        let (year, quarter) = (self.first_year, self.first_quarter);
        let mut ids = self.annual_ids().into_iter();
        let mut next_id = || ids.next().unwrap_or_default();
        let (_, year_target) = self.revenue.get(&year).cloned().unwrap_or_default();
        let ytd = exact_text(round_sig(year_target * f64::from(quarter) / 4.0, 3));
        let strategic = self.phase_of(year).text.year_objectives[2];
        let kr = |id, title, target: String, unit| Kr {
            id,
            title,
            target,
            unit,
            measures: None,
        };
        let measured = |kr: Kr, metric| Kr {
            measures: Some(metric),
            ..kr
        };
        [
            (
                "revenue",
                format!("Territory revenue of {ytd} year to date by the end of Q{quarter}"),
                next_id(),
                vec![
                    measured(
                        kr("ytd", "Territory revenue year to date", ytd.clone(), "USD"),
                        "territory-revenue",
                    ),
                    measured(
                        kr("quota", "Quota attainment", QUOTA_TARGET.to_string(), "%"),
                        "quota-attainment",
                    ),
                ],
            ),
            (
                "leadership",
                "Build leadership skills: training and time with senior leaders".to_owned(),
                next_id(),
                vec![
                    kr(
                        "training",
                        "Leadership or methodology sessions completed",
                        "3".to_owned(),
                        "sessions",
                    ),
                    kr(
                        "shadowing",
                        "Days shadowing a senior leader",
                        "2".to_owned(),
                        "days",
                    ),
                ],
            ),
            (
                "relationships",
                "Strengthen Tier A customer and peer relationships".to_owned(),
                next_id(),
                vec![
                    kr(
                        "reviews",
                        "Business reviews with Tier A accounts",
                        "10".to_owned(),
                        "reviews",
                    ),
                    kr(
                        "events",
                        "Industry events attended",
                        "1".to_owned(),
                        "events",
                    ),
                ],
            ),
            (
                "strategic",
                format!("{strategic}: the next three monthly steps"),
                next_id(),
                vec![kr(
                    "checkpoints",
                    "Monthly checkpoints reached",
                    "3".to_owned(),
                    "checkpoints",
                )],
            ),
            (
                "personal",
                "Daily strategic thinking and steady reading".to_owned(),
                next_id(),
                vec![
                    kr(
                        "thinking",
                        "Strategic thinking sessions of 30 minutes",
                        "60".to_owned(),
                        "sessions",
                    ),
                    kr("books", "Books read", "3".to_owned(), "books"),
                ],
            ),
        ]
    }

    // ------------------------------------------------------------ readme

    fn readme(&self) -> String {
        let (year, quarter) = (self.first_year, self.first_quarter);
        let mut y = format!(
            "# {}'s career plan, {}-{}\n\n\
             Written by `roadmap init` on {}. Every file here is plain text: edit it in any editor, \
             run `roadmap check`, and commit. `roadmap check` skips this README.\n\n\
             | file | holds |\n| --- | --- |\n\
             | vision.md | the ten-year vision |\n\
             | strategy.yaml | the phases: role, revenue, team, achievements |\n\
             | capabilities.yaml | the six capability areas: levels and targets by year |\n\
             | metrics.yaml | revenue and performance targets and actuals |\n\
             | relationships.yaml | relationship and network goals |\n\
             | habits.yaml | daily and weekly habits |\n\
             | career.yaml | title, reports, revenue responsibility, recognition |\n\
             | years/{year}.md | this year's plan |\n\
             | quarters/{year}-Q{quarter}.md | this quarter's plan |\n\
             | reviews/ | monthly, quarterly and annual reviews |\n\n",
            self.inputs.name,
            self.inputs.start,
            self.inputs.end,
            self.inputs.today.format("%Y-%m-%d"),
        );
        y.push_str(
            "## Through the month\n\n\
             One-line updates, each an edit of the right file (add `--commit` to commit it):\n\n\
             - `roadmap record territory-revenue 520k`: a metric's reading, a key result's \
             current value, a skill's level (`roadmap record leadership 5`)\n\
             - `roadmap record done ID`: an objective, milestone or relationship goal done\n\
             - `roadmap record checkin HABIT`: a habit done today\n\
             - `roadmap record win \"...\"`, `roadmap record learning \"...\"`: into the month's review\n\n\
             ## Where the plan stands\n\n\
             - `roadmap status`: progress, what is behind, the next review due, in the terminal\n\
             - `roadmap report`: the dashboard, a one-page summary and CSV exports in `dashboard/` \
             (open `dashboard/index.html`; `.gitignore` keeps the folder out of git)\n\
             - `roadmap progress ID`: the readings of one item over time\n\n\
             ## Monthly review (last day of each month, 30 minutes)\n\n\
             `roadmap review` asks for the month's figures and these questions, writes \
             `reviews/YYYY-MM.md` and commits it:\n\n",
        );
        for question in guide::MONTHLY_QUESTIONS {
            let _ = writeln!(y, "- {question}");
        }
        y.push_str(
            "\n## Quarterly review (last week of each quarter)\n\n\
             `roadmap review YYYY-Qn` asks these and writes `reviews/YYYY-Qn.md`; \
             `roadmap new quarter` then starts the next quarter's plan:\n\n",
        );
        for question in guide::QUARTERLY_QUESTIONS {
            let _ = writeln!(y, "- {question}");
        }
        y.push_str(
            "\n## Annual review (December, a full day)\n\n\
             `roadmap review YYYY` walks these steps and writes `reviews/YYYY.md`; \
             `roadmap new year` then starts the next year's plan:\n\n",
        );
        for step in guide::ANNUAL_QUESTIONS {
            let _ = writeln!(y, "- {step}");
        }
        y
    }
}

fn derive_phases(inputs: &Inputs, growth: Band) -> Vec<PhasePlan> {
    let spans = phase_spans(inputs.start, inputs.end);
    let count = spans.len();
    let now_revenue = inputs.now.revenue.0;
    let goal_revenue = inputs.goal.revenue.0;
    let first_years = f64::from(spans[0].1 - spans[0].0 + 1);
    let anchor = now_revenue * (1.0 + growth.mid() / 100.0).powf(first_years);
    let first_end = spans[0].1;
    let now_team = f64::from(inputs.now.team);
    let mut used: HashSet<String> = HashSet::new();
    let mut phases: Vec<PhasePlan> = spans
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| {
            let template = if count == 1 {
                0
            } else {
                (i * 4 + (count - 1) / 2) / (count - 1)
            };
            let text = &guide::PHASES[template];
            let last = i + 1 == count;
            let revenue = if last {
                exact_text(goal_revenue)
            } else if i == 0 {
                let lo = round_sig(now_revenue * (1.0 + growth.lo / 100.0).powf(first_years), 2);
                let hi = round_sig(now_revenue * (1.0 + growth.hi / 100.0).powf(first_years), 2);
                Band { lo, hi }.to_string()
            } else {
                let f = f64::from(hi - first_end) / f64::from(inputs.end - first_end);
                let v = anchor * (goal_revenue / anchor).powf(f);
                let (a, b) = (round_sig(v * 0.875, 2), round_sig(v * 1.125, 2));
                Band {
                    lo: a.min(b),
                    hi: a.max(b),
                }
                .to_string()
            };
            let team = if i == 0 {
                inputs.now.team.to_string()
            } else if last {
                inputs.goal_team.to_string()
            } else {
                let f = (i as f64 / (count - 1) as f64).powi(2);
                let lo = (now_team + (inputs.goal_team.lo - now_team) * f).round();
                let hi = (now_team + (inputs.goal_team.hi - now_team) * f).round();
                Band {
                    lo: lo.min(hi).max(0.0),
                    hi: lo.max(hi).max(0.0),
                }
                .to_string()
            };
            let achievements = text
                .achievements
                .iter()
                .map(|(suffix, title, early)| {
                    let id = format!("{}-{suffix}", text.id);
                    used.insert(id.clone());
                    (id, (*title).to_owned(), if *early { lo } else { hi })
                })
                .collect();
            used.insert(text.id.to_owned());
            used.insert(format!("{}-{}", text.id, text.milestone.0));
            PhasePlan {
                text,
                years: (lo, hi),
                role: inputs.roles.get(i).cloned().unwrap_or_default(),
                revenue,
                team,
                achievements,
            }
        })
        .collect();
    for m in &inputs.milestones {
        let id = unique_id(&format!("{}-{}", m.year, slug(&m.title)), &mut used);
        if let Some(phase) = phases
            .iter_mut()
            .find(|p| (p.years.0..=p.years.1).contains(&m.year))
        {
            phase.achievements.push((id, m.title.clone(), m.year));
        }
    }
    phases
}

/// Targets that compound at the middle of the band from the baseline, each
/// rounded to three significant digits unless rounding would take its
/// growth outside the band.
fn revenue_targets(
    baseline: f64,
    growth: Band,
    first: i32,
    last: i32,
) -> BTreeMap<i32, (String, f64)> {
    let mut targets = BTreeMap::new();
    let mut previous = baseline;
    let rate = 1.0 + growth.mid() / 100.0;
    for year in first..=last {
        let exact = previous * rate;
        let inside = |value: f64| {
            let g = (value / previous - 1.0) * 100.0;
            g >= growth.lo - ROUNDING_SLACK_PP && g <= growth.hi + ROUNDING_SLACK_PP
        };
        let mut text = exact_text(round_sig(exact, 3));
        let mut value = text.parse::<Amount>().map_or(exact, Amount::get);
        if !inside(value) {
            text = exact_text(exact.round());
            value = text.parse::<Amount>().map_or(exact, Amount::get);
            if !inside(value) {
                text = exact_text(exact);
                value = exact;
            }
        }
        targets.insert(year, (text, value));
        previous = value;
    }
    targets
}

/// Level targets for every year of the plan, rising evenly from the current
/// level to the target: by the end of the plan, or by 60% of the way for
/// a focus area.
/// The level to reach by the end of each year. The level answered is
/// today's: it holds for the years before `first` (this year), and the
/// climb to the target starts from it this year, so the first year's plan
/// raises the level answered, not a level of years gone.
fn skill_targets(
    skill: &SkillInput,
    focus: bool,
    start: i32,
    first: i32,
    end: i32,
) -> BTreeMap<i32, i64> {
    let first = first.clamp(start, end);
    let years = f64::from(end - first + 1);
    let reach = if focus {
        (years * 0.6).ceil().max(1.0)
    } else {
        years
    };
    let gap = (skill.target - skill.level) as f64;
    (start..=end)
        .map(|year| {
            let done = (f64::from(year - first + 1) / reach).clamp(0.0, 1.0);
            let level = if year < first {
                skill.level
            } else {
                skill.level + (gap * done).round() as i64
            };
            (year, level)
        })
        .collect()
}

// ---------------------------------------------------------------- text

/// A string as a YAML scalar, quoted only when it must be.
fn s(text: &str) -> String {
    serde_yaml::to_string(text).map_or_else(
        |_| format!("{text:?}"),
        |t| t.trim_end_matches('\n').to_owned(),
    )
}

fn push(out: &mut String, indent: usize, line: &str) {
    out.push_str(&" ".repeat(indent));
    out.push_str(line);
    out.push('\n');
}

/// `key:` and one `- item` line per item; nothing when the list is empty.
fn list(out: &mut String, indent: usize, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    push(out, indent, &format!("{key}:"));
    for item in items {
        push(out, indent + 2, &format!("- {}", s(item)));
    }
}

fn bullet_line(out: &mut String, label: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(out, "- {label}: {}", items.join("; "));
    }
}

fn header(what: &str) -> String {
    format!("# {what}\n# Derived by `roadmap init` from the answers; edit freely.\n")
}

/// `value` rounded to `digits` significant digits.
fn round_sig(value: f64, digits: i32) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 0.0;
    }
    let exponent = value.log10().floor() as i32 - (digits - 1);
    let scale = 10f64.powi(exponent.abs());
    if exponent >= 0 {
        (value / scale).round() * scale
    } else {
        (value * scale).round() / scale
    }
}

fn team_words(team: u32) -> String {
    match team {
        0 => "individual contributor".to_owned(),
        1 => "1 direct report".to_owned(),
        n => format!("{n} direct reports"),
    }
}

fn circle_name(circle: Circle) -> &'static str {
    match circle {
        Circle::Internal => "internal",
        Circle::External => "external",
        Circle::Community => "community",
        Circle::ThoughtLeadership => "thought-leadership",
        Circle::Mentor => "mentor",
        Circle::Mentee => "mentee",
    }
}

/// A plan id from a title: its first few words that say something,
/// lower-case, joined by `-`, never cut inside a word.
fn slug(title: &str) -> String {
    const SMALL: [&str; 12] = [
        "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with",
    ];
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !SMALL.contains(w))
        .take(4)
        .collect();
    if words.is_empty() {
        "milestone".to_owned()
    } else {
        words.join("-")
    }
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::diag::Severity;
    use crate::load::{self, Content, Data, RawFile};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// The guide's sales manager's answers (the fixture `roadmap init
    /// --answers` is tested with), with a second milestone whose title
    /// needs quoting.
    fn guide() -> String {
        let answers = include_str!("../../tests/fixtures/init/answers.yaml");
        let milestone = "  - {year: 2031, title: \"Regional Manager: 5 direct reports\"}\n";
        assert!(answers.contains("\nskills:\n"), "the fixture lists skills");
        answers.replacen("\nskills:\n", &format!("\n{milestone}skills:\n"), 1)
    }

    fn inputs(text: &str, today: NaiveDate) -> Inputs {
        Answers::from_yaml(text)
            .expect("answers parse")
            .settle(today)
            .expect("answers settle")
    }

    /// Every diagnostic `roadmap check` would print for the files.
    fn diagnostics(files: &[PlanFile]) -> Vec<String> {
        crate::check_snapshot(&load(files))
            .into_iter()
            .map(|d| {
                let severity = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                format!(
                    "{}:{}: {severity}[{}] {}",
                    d.path, d.line, d.code, d.message
                )
            })
            .collect()
    }

    #[test]
    fn the_guides_answers_give_a_plan_that_checks_clean() {
        let files = generate(&inputs(&guide(), day(2026, 11, 24))).expect("generates");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"plans/years/2026.md"), "{paths:?}");
        assert!(paths.contains(&"plans/quarters/2026-Q4.md"), "{paths:?}");
        assert_eq!(diagnostics(&files), Vec::<String>::new());
    }

    #[test]
    fn plans_of_every_length_and_band_check_clean() {
        for span in [1, 2, 3, 4, 5, 7, 10, 11, 15, 21, 40] {
            for growth in ["15-20%", "0%", "3%", "40-60%", "12.345%"] {
                for (revenue, goal) in [("5M", "50M"), ("850k", "2.5M"), ("5,123,457", "3M")] {
                    let text = format!(
                        "start: 2025\nend: {}\ngrowth: {growth}\nnow:\n  role: Account Executive\n  revenue: {revenue}\n  team: 2\ngoal:\n  role: CRO\n  revenue: {goal}\n  team: 40-60\nmilestones:\n  - {{year: 2025, title: \"#1 in region: yes!\"}}\n  - {{year: 2025, title: \"#1 in region: yes!\"}}\nskills:\n  brand: {{level: 10}}\n  sales: {{level: 1, target: 10}}\n",
                        2025 + span
                    );
                    for today in [day(2024, 3, 1), day(2027, 5, 20), day(2099, 1, 1)] {
                        let files = generate(&inputs(&text, today)).expect("generates");
                        assert_eq!(
                            diagnostics(&files),
                            Vec::<String>::new(),
                            "span {span}, growth {growth}, revenue {revenue}, today {today}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn phases_follow_the_guide() {
        assert_eq!(
            phase_spans(2025, 2035),
            [
                (2025, 2026),
                (2027, 2028),
                (2029, 2030),
                (2031, 2032),
                (2033, 2035)
            ]
        );
        assert_eq!(phase_spans(2025, 2034).len(), 5);
        assert_eq!(
            phase_spans(2025, 2027),
            [(2025, 2025), (2026, 2026), (2027, 2027)]
        );

        let inputs = inputs(&guide(), day(2026, 11, 24));
        let plan = Derived::new(&inputs);
        let roles: Vec<&str> = plan.phases.iter().map(|p| p.role.as_str()).collect();
        assert_eq!(roles[0], "Sales Manager, Intermountain West");
        assert_eq!(roles[4], "VP of Sales");
        let revenue: Vec<&str> = plan.phases.iter().map(|p| p.revenue.as_str()).collect();
        assert_eq!(revenue[0], "6.6M-7.2M");
        assert_eq!(revenue[4], "50M");
        let teams: Vec<&str> = plan.phases.iter().map(|p| p.team.as_str()).collect();
        assert_eq!(teams, ["0", "1", "4-5", "8-11", "15-20"]);
        let promoted = plan.phases[2]
            .achievements
            .iter()
            .find(|a| a.1 == "Promoted to Senior Sales Manager")
            .expect("the answer's milestone lands in its phase");
        assert_eq!(
            (promoted.0.as_str(), promoted.2),
            ("2029-promoted-senior-sales-manager", 2029)
        );
    }

    #[test]
    fn revenue_targets_compound_at_the_middle_of_the_band() {
        let targets = revenue_targets(5e6, Band { lo: 15.0, hi: 20.0 }, 2025, 2027);
        let texts: Vec<&str> = targets.values().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["5.88M", "6.91M", "8.12M"]);
        let flat = revenue_targets(5e6, Band { lo: 15.0, hi: 15.0 }, 2025, 2030);
        let mut previous = 5e6;
        for (_, value) in flat.values() {
            let growth = (value / previous - 1.0) * 100.0;
            assert!((growth - 15.0).abs() <= ROUNDING_SLACK_PP, "{growth}");
            previous = *value;
        }
    }

    #[test]
    fn skill_targets_rise_and_never_drop() {
        let skill = SkillInput {
            area: Area::Leadership,
            level: 3,
            target: 9,
        };
        let plain = skill_targets(&skill, false, 2025, 2025, 2035);
        let focus = skill_targets(&skill, true, 2025, 2025, 2035);
        for targets in [&plain, &focus] {
            assert_eq!(targets.len(), 11);
            assert!(
                targets
                    .values()
                    .zip(targets.values().skip(1))
                    .all(|(a, b)| a <= b)
            );
            assert_eq!(targets[&2035], 9);
        }
        assert_eq!(focus[&2031], 9);
        assert!(plain[&2031] < 9);
    }

    #[test]
    fn the_first_plans_link_quarter_to_year() {
        let files = generate(&inputs(&guide(), day(2026, 11, 24))).expect("generates");
        let raw = files
            .iter()
            .map(|f| RawFile {
                path: f.path.clone(),
                content: Content::Bytes(f.text.clone().into_bytes()),
            })
            .collect();
        let snapshot = load::load(raw);
        let plan = &snapshot.plans[0];
        let quarter = plan
            .docs
            .iter()
            .find_map(|d| match &d.data {
                Data::Quarter(q) => Some(q),
                _ => None,
            })
            .expect("a quarterly plan");
        assert!((3..=5).contains(&quarter.objectives.len()));
        for objective in &quarter.objectives {
            assert_eq!(objective.supports.len(), 1, "{}", objective.id);
            assert!(objective.key_results.iter().all(|kr| kr.target.is_some()));
        }
        let year = plan
            .docs
            .iter()
            .find_map(|d| match &d.data {
                Data::Year(y) => Some(y),
                _ => None,
            })
            .expect("an annual plan");
        let categories: HashSet<_> = year.objectives.iter().map(|o| o.category).collect();
        assert_eq!(categories.len(), 5);
    }

    #[test]
    fn answers_text_survives_quoting() {
        let text = guide().replace(
            "impact: Known for",
            "impact: \"#1: 'quoted' and [bracketed] & known for\"\n  leader: \"yes\"\n  income: 350k\n  success: x\n  statement: \"null\"\n  values: [\"- dash\", \"@at\"]\n  expertise: [a]\n  # Known for",
        );
        let inputs = inputs(&text, day(2026, 1, 2));
        let files = generate(&inputs).expect("generates");
        assert_eq!(diagnostics(&files), Vec::<String>::new());
        let vision = files
            .iter()
            .find(|f| f.path == "plans/vision.md")
            .expect("vision");
        let raw = vec![RawFile {
            path: vision.path.clone(),
            content: Content::Bytes(vision.text.clone().into_bytes()),
        }];
        let snapshot = load::load(raw);
        let Data::Vision(v) = &snapshot.plans[0].docs[0].data else {
            panic!("a vision")
        };
        assert_eq!(
            v.goal.impact.as_deref(),
            Some("#1: 'quoted' and [bracketed] & known for")
        );
        assert_eq!(v.leader.as_deref(), Some("yes"));
        assert_eq!(v.statement.as_deref(), Some("null"));
        assert_eq!(v.values, ["- dash", "@at"]);
    }

    #[test]
    fn amounts_are_written_short_when_exact() {
        assert_eq!(exact_text(5e6), "5M");
        assert_eq!(exact_text(5_123_457.0), "5123457");
        assert_eq!(exact_text(850_000.0), "850k");
        assert!((round_sig(6_612_500.0, 3) - 6_610_000.0).abs() < 1e-6);
        assert!((round_sig(58.84, 3) - 58.8).abs() < 1e-9);
        assert_eq!(
            slug("Regional Manager: 5 direct reports!"),
            "regional-manager-5-direct"
        );
        assert_eq!(
            slug("Promoted to Senior Sales Manager of the Year"),
            "promoted-senior-sales-manager"
        );
        assert_eq!(slug("¡¿"), "milestone");
    }
}
