//! The serde types of every plan file kind.
//!
//! These structs are the plan format: `roadmap schema` derives the JSON
//! Schema from them, `load` deserializes into them and `validate` checks them.
//! Keys are short and lower-case; everything that a person may leave out has
//! a default, so a new file starts small.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::{Amount, Band, Date, Period};

/// Where a plan item stands. `planned` is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Planned,
    Active,
    Done,
    Missed,
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Active => "active",
            Status::Done => "done",
            Status::Missed => "missed",
            Status::Dropped => "dropped",
        }
    }

    /// Done, missed and dropped items are closed: nothing more will happen.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Missed | Status::Dropped)
    }
}

/// The guide's five objective categories.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Revenue & performance.
    Revenue,
    /// Leadership & development.
    Leadership,
    /// Relationships & network.
    Relationships,
    /// Strategic initiatives.
    Strategic,
    /// Personal development.
    Personal,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Revenue,
        Category::Leadership,
        Category::Relationships,
        Category::Strategic,
        Category::Personal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Revenue => "Revenue & performance",
            Category::Leadership => "Leadership & development",
            Category::Relationships => "Relationships & network",
            Category::Strategic => "Strategic initiatives",
            Category::Personal => "Personal development",
        }
    }
}

/// The six capability areas of the guide's capability plan.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// Sales excellence: methodology, advanced selling, negotiation.
    Sales,
    /// Leadership: team building, coaching, talent development.
    Leadership,
    /// Strategic thinking: planning, analysis, decision-making.
    Strategy,
    /// Executive presence: communication, influence, credibility.
    Presence,
    /// Technical expertise: industry knowledge, product mastery.
    Technical,
    /// Personal brand: speaking, writing, networking.
    Brand,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Sales,
        Area::Leadership,
        Area::Strategy,
        Area::Presence,
        Area::Technical,
        Area::Brand,
    ];

    /// The area's key in plan and answers files (`sales`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Sales => "sales",
            Area::Leadership => "leadership",
            Area::Strategy => "strategy",
            Area::Presence => "presence",
            Area::Technical => "technical",
            Area::Brand => "brand",
        }
    }

    /// The guide's name of the area.
    pub fn label(self) -> &'static str {
        match self {
            Area::Sales => "Sales excellence",
            Area::Leadership => "Leadership",
            Area::Strategy => "Strategic thinking",
            Area::Presence => "Executive presence",
            Area::Technical => "Technical expertise",
            Area::Brand => "Personal brand",
        }
    }
}

/// A dated, trackable item with a status: a phase achievement, a phase's
/// closing milestone, a key-result milestone or an annual initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// What is to be reached, in a few words.
    pub title: String,
    /// When it is due: a year, quarter, month, week or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
    /// Where it stands: `planned` (the default), `active`, `done`, `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// The day it was reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Date>,
}

// ---------------------------------------------------------------- vision.md

/// `vision.md`: the ten-year destination. The Markdown body holds the prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vision {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Whose plan this is.
    pub name: String,
    /// In a team repository: the folder under plans/ of the person this one reports to, e.g. `bob`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// First year of the plan.
    pub start: i32,
    /// Last year of the plan.
    pub end: i32,
    /// One sentence: where this plan leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// Where the person stands at the start (year 0).
    pub now: Position,
    /// Where the person means to be at the end.
    pub goal: Goal,
    /// The kind of leader the person wants to be known as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Skills and expertise to develop over the decade.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<String>,
    /// Core values the person leads by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// What success means, in the person's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// Constraints and considerations the plan must respect, e.g. `No relocation before 2028`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<String>,
    /// Weights of the dimensions of overall progress toward the vision.
    #[serde(default)]
    pub weights: Weights,
}

/// A role at a point in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// The title held, e.g. `Senior Account Executive`.
    pub role: String,
    /// The employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The territory or market covered, e.g. `Intermountain West`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Revenue responsibility per year.
    pub revenue: Amount,
    /// People led (direct reports); 0 for an individual contributor.
    #[serde(default)]
    pub team: u32,
    /// Strengths to build on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    /// What to develop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

/// The ten-year destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The destination role, e.g. `VP of Sales`.
    pub role: String,
    /// Revenue responsibility per year at the end of the plan.
    pub revenue: Amount,
    /// People led at the end of the plan, e.g. `15-20`.
    #[schemars(schema_with = "crate::schema::non_negative_band")]
    pub team: Band,
    /// Total yearly income aimed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<Amount>,
    /// Recognition aimed for: awards, rankings, speaking, publications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<String>,
    /// The impact and legacy the person wants to leave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

/// Relative weights of the dimensions of overall progress; they need not sum
/// to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[schemars(transform = crate::schema::weights)]
pub struct Weights {
    /// Weight of revenue responsibility against the goal's; 0 or more.
    #[schemars(range(min = 0))]
    pub revenue: f64,
    /// Weight of the role reached against the goal's; 0 or more.
    #[schemars(range(min = 0))]
    pub role: f64,
    /// Weight of the team led against the goal's; 0 or more.
    #[schemars(range(min = 0))]
    pub team: f64,
    /// Weight of the skill levels against their targets; 0 or more.
    #[schemars(range(min = 0))]
    pub skills: f64,
    /// Weight of the phase milestones reached; 0 or more.
    #[schemars(range(min = 0))]
    pub milestones: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            revenue: 30.0,
            role: 20.0,
            team: 15.0,
            skills: 20.0,
            milestones: 15.0,
        }
    }
}

// ------------------------------------------------------------ strategy.yaml

/// `strategy.yaml`: the multi-year phases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The phases in order, each the years after the one before.
    pub phases: Vec<Phase>,
}

/// A multi-year phase, e.g. years 1-2, "Territory Excellence & Foundation".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The phase's name, e.g. `Territory Excellence & Foundation`.
    pub name: String,
    /// The years the phase spans, e.g. `2025-2026`.
    #[schemars(schema_with = "crate::schema::years")]
    pub years: Band,
    /// The phase's primary objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// The role targeted in this phase.
    pub role: String,
    /// Revenue responsibility by the end of the phase, e.g. `6.5M` or `15M-20M`.
    pub revenue: Band,
    /// People led by the end of the phase, e.g. `3-5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema::optional_non_negative_band")]
    pub team: Option<Band>,
    /// The key achievements that the phase aims for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievements: Vec<Milestone>,
    /// Skills to develop in the phase, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Relationships to build in the phase, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<String>,
    /// The milestone that closes the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<Milestone>,
}

// ---------------------------------------------------------------- years/

/// `years/2026.md`: the annual plan. The Markdown body holds the prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearPlan {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The year; when given it must match the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The year's theme, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The strategic phase this year belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The title or role targeted this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The year's objectives across the guide's five categories.
    pub objectives: Vec<AnnualObjective>,
    /// Capability ids to focus on this year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Initiatives to carry out this year, each with a due period and status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Milestone>,
    /// How the year will be judged: each criterion a line of text, or a title with a status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<Criterion>,
}

/// A success criterion of a year: a line of text, or a title with a status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Criterion {
    /// The criterion as a line of text; its status is `planned`.
    Text(String),
    /// The criterion with a status.
    Item(CriterionItem),
}

impl Criterion {
    pub fn title(&self) -> &str {
        match self {
            Criterion::Text(title) | Criterion::Item(CriterionItem { title, .. }) => title,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Criterion::Text(_) => Status::Planned,
            Criterion::Item(item) => item.status,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionItem {
    /// The criterion, in a few words.
    pub title: String,
    /// Where it stands: `planned` (the default), `active`, `done` (met), `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualObjective {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The objective, in a few words.
    pub title: String,
    /// Which of the guide's five categories the objective belongs to.
    pub category: Category,
    /// Where it stands: `planned` (the default), `active`, `done`, `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// A metric id from `metrics.yaml` that measures this objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Target for the year; defaults to the metric's target for the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Amount>,
    /// Where it stands now, when no metric measures it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Amount>,
    /// `USD`, `%`, `accounts`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

// ---------------------------------------------------------------- quarters/

/// `quarters/2026-Q3.md`: the 90-day plan. The Markdown body holds the prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterPlan {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The quarter; when given it must match the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The quarter's theme, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Three to five objectives across the five categories.
    pub objectives: Vec<Objective>,
    /// Habit ids this quarter leans on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub habits: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The objective, in a few words.
    pub title: String,
    /// Which of the guide's five categories the objective belongs to.
    pub category: Category,
    /// Ids of the annual objectives this one serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
    /// Where it stands: `planned` (the default), `active`, `done`, `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// Measurable results that say the objective was met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<KeyResult>,
    /// Weekly or monthly checkpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::schema::key_result)]
pub struct KeyResult {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The result, in a few words.
    pub title: String,
    /// The figure to reach by the end of the quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Amount>,
    /// Where it stands now; 0 when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Amount>,
    /// Where it started; 0 when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Amount>,
    /// `USD`, `%`, `accounts`, `books`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The id of a metric, relationship goal or milestone that measures
    /// the same thing: the key result then reads its current value from
    /// there (a metric's latest reading up to the quarter's end, a goal's
    /// `current`, 1 for a milestone done, else 0) and states no `current`
    /// of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<String>,
    /// Set when the loaded plan filled `current` from `measures` (never
    /// read from or written to the file).
    #[serde(skip)]
    #[schemars(skip)]
    pub linked: bool,
}

// ---------------------------------------------------------- capabilities.yaml

/// `capabilities.yaml`: the capability plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The skills tracked, in the guide's six areas.
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The skill's name, e.g. `Negotiation`.
    pub name: String,
    /// Which of the guide's six capability areas the skill belongs to.
    pub area: Area,
    /// What the skill covers, e.g. methodology, negotiation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// Current level, 1-10.
    #[schemars(schema_with = "crate::schema::level")]
    pub level: i64,
    /// Target level by year, e.g. `2026: 7`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "crate::schema::levels_by_year")]
    pub targets: BTreeMap<i32, i64>,
    /// Development actions: courses, books, practice, mentoring.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A development action: a line of text, or a title with a status and a due
/// period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Action {
    /// The action as a line of text.
    Text(String),
    /// The action with a status and a due period.
    Item(ActionItem),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// The action, in a few words.
    pub title: String,
    /// Where it stands: `planned` (the default), `active`, `done`, `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// When it is due: a year, quarter, month, week or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
}

// -------------------------------------------------------------- metrics.yaml

/// `metrics.yaml`: revenue and performance metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(
    clippy::struct_field_names,
    reason = "`metrics:` is the file's own key"
)]
pub struct Metrics {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Planned annual growth for revenue metrics, e.g. `15-20%`.
    #[schemars(schema_with = "crate::schema::growth_band")]
    pub growth: Band,
    /// The revenue and performance metrics tracked.
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    Revenue,
    Accounts,
    MarketShare,
    NewBusiness,
    Retention,
    Operations,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    #[default]
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::schema::metric)]
pub struct Metric {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The metric's name, e.g. `Territory revenue`.
    pub name: String,
    /// What the metric measures: revenue, accounts, market share, new business, retention, operations or other.
    pub kind: MetricKind,
    /// `USD`, `%`, `accounts`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Readings accumulate over the year (revenue year-to-date); the year's
    /// figure is its last reading.
    #[serde(default)]
    pub ytd: bool,
    /// Whether a higher value is better (`up`, the default) or lower.
    #[serde(default)]
    pub better: Better,
    /// The figure for the year before the plan starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Amount>,
    /// This metric's own growth band; revenue metrics default to the plan's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<Band>,
    /// Target by year, e.g. `2026: 6.9M`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<i32, Amount>,
    /// Readings by month (`2026-10: 5.9M`) or year (`2025: 6.1M`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "crate::schema::actuals")]
    pub actuals: BTreeMap<Period, Amount>,
}

// -------------------------------------------------------- relationships.yaml

/// `relationships.yaml`: relationship and network goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relationships {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The relationship and network goals.
    pub goals: Vec<RelationshipGoal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Circle {
    /// Executives, peers, mentors inside the company.
    Internal,
    /// Industry leaders, customers, partners.
    External,
    /// Professional associations and groups.
    Community,
    /// Speaking and writing.
    ThoughtLeadership,
    /// Mentorship received.
    Mentor,
    /// Mentorship given.
    Mentee,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationshipGoal {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The goal, in a few words.
    pub title: String,
    /// Which circle the goal is in: internal, external, community, thought leadership, mentor or mentee.
    pub circle: Circle,
    /// How many relationships, talks or articles the goal asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub target: Option<u32>,
    /// How many so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<u32>,
    /// Where it stands: `planned` (the default), `active`, `done`, `missed` or `dropped`.
    #[serde(default)]
    pub status: Status,
    /// When it is due: a year, quarter, month, week or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
    /// The people or groups the goal names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

// --------------------------------------------------------------- habits.yaml

/// `habits.yaml`: the daily and weekly practices, and the weekly time budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_field_names, reason = "`habits:` is the file's own key")]
pub struct Habits {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The daily and weekly practices.
    pub habits: Vec<Habit>,
    /// The weekly time budget: each category's target share, in percent,
    /// of the time recorded in a week (`strategic: 30`); the shares add up
    /// to 100. Time is recorded in `time/YYYY-MM.yaml`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "crate::schema::time_budget")]
    pub time: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    // Every day.
    Daily,
    // Monday to Friday; Saturday and Sunday are off.
    Workdays,
    // The weekdays listed in `days`; the others are off.
    Days,
    // `times` days a week (once when `times` is left out), any days.
    Weekly,
}

/// A day of the week, as a habit's `days` lists it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// Monday is 0, Sunday 6.
    pub fn index(self) -> u32 {
        self as u32
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::schema::habit_cadence)]
pub struct Habit {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// The practice, in a few words.
    pub title: String,
    /// How often: `daily`, `workdays` (Monday to Friday), `days` (the
    /// weekdays in `days`) or `weekly` (`times` a week). A day off the
    /// cadence is neither a miss nor a hit.
    pub cadence: Cadence,
    /// With `cadence: days`: the weekdays the habit is kept, e.g. `[mon, wed, fri]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "crate::schema::weekdays")]
    pub days: Vec<Weekday>,
    /// With `cadence: weekly`: check-ins a week, 1 to 7; once when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::schema::times")]
    pub times: Option<u32>,
    /// Minutes per check-in, for the compounding total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Ids of the goals it serves: skills, objectives, metrics, relationship goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    /// The day the habit started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}

/// `checkins/2026-10.yaml`: one line per habit, one character per day of the
/// month: `x` (or `X`) done, `.` (or `-` or a space) not done; days not yet
/// written are unknown.
pub(crate) type CheckIns = BTreeMap<String, String>;

/// `time/2026-11.yaml`: time spent by day and category, e.g.
/// `2026-11-02: {strategic: 2h30m, tactical: 6h}`.
pub(crate) type TimeLog = BTreeMap<Date, BTreeMap<String, crate::value::Duration>>;

// --------------------------------------------------------------- career.yaml

/// `career.yaml`: career progression metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Career {
    /// The day this file's figures are true on; when left out, the date of the commit that holds the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The title held now.
    pub title: String,
    /// The territory or market covered now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Direct reports.
    #[serde(default)]
    pub reports: u32,
    /// Span of control: the geography and products covered, e.g. `4 states, 2 product lines`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<String>,
    /// Revenue responsibility per year.
    pub revenue: Amount,
    /// Pay; private, never in shared output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<Compensation>,
    /// Rank among peers, e.g. `rank: 2`, `of: 14`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Ranking>,
    /// Promotions, each with its day and new title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotions: Vec<Promotion>,
    /// The months between promotions to measure yours against, e.g. an industry average of 36.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub promotion_benchmark: Option<u32>,
    /// Leadership impact: counts since the plan began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leadership: Option<Leadership>,
    /// Fields of this file that are the user's own, left out of the summary and of `report --share`:
    /// `territory`, `span`, `ranking`, `promotions`, `leadership`, `recognition`. `compensation`
    /// always is; `reports` and `revenue` measure the progress toward the vision and cannot be.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private: Vec<CareerField>,
    /// Awards, rankings, speaking, publications, appointments, certifications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<Recognition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    /// Base salary per year.
    pub base: Amount,
    /// Total compensation per year, base included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// Position relative to market: the percentile of market pay for the role, 1-99 (50 is the median).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 99))]
    pub market: Option<u32>,
}

/// Leadership impact, the guide's success metrics: each a count to date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leadership {
    /// People promoted from your team.
    #[serde(default)]
    pub promoted: u32,
    /// Process improvements implemented.
    #[serde(default)]
    pub improvements: u32,
    /// Best practices shared and adopted by others.
    #[serde(default)]
    pub practices: u32,
}

/// A field of `career.yaml` that `private:` can name: none that the
/// progress toward the vision is computed from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CareerField {
    Territory,
    Span,
    Ranking,
    Promotions,
    Leadership,
    Recognition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// The place, 1 for the top.
    #[schemars(range(min = 1))]
    pub rank: u32,
    /// How many are ranked.
    pub of: u32,
    /// Among whom, e.g. `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// The day the promotion took effect.
    pub date: Date,
    /// The new title.
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RecognitionKind {
    Award,
    Ranking,
    Speaking,
    Publication,
    Appointment,
    Certification,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recognition {
    #[schemars(schema_with = "crate::schema::id")]
    pub id: String,
    /// award, ranking, speaking, publication, appointment or certification.
    pub kind: RecognitionKind,
    /// What it was, in a few words.
    pub title: String,
    /// The day it happened.
    pub date: Date,
    /// The user's own: left out of the summary and of `report --share`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
}

// ---------------------------------------------------------------- reviews/

/// `reviews/2026-10.md`, `reviews/2026-Q3.md`, `reviews/2026.md`: a monthly,
/// quarterly or annual review. The Markdown body answers the guide's
/// questions under one heading each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The day of the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Wins and achievements since the last review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
    /// What was learned since the last review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learnings: Vec<String>,
    /// Course corrections decided in this review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
    /// Am I still on track for the annual and multi-year goals?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_track: Option<Verdict>,
    /// Skill levels assessed in this review, by capability id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "crate::schema::levels_by_skill")]
    pub skills: BTreeMap<String, i64>,
}

/// A win: a line of text, or a title with the day it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Win {
    /// The win as a line of text.
    Text(String),
    /// The win with the day it happened.
    Dated {
        /// The win, in a few words.
        title: String,
        /// The day it happened.
        date: Date,
    },
}

impl Win {
    pub fn title(&self) -> &str {
        match self {
            Win::Text(title) | Win::Dated { title, .. } => title,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Yes,
    Partly,
    No,
}

#[cfg(test)]
mod tests {
    use super::Area;

    /// An area's key as `Area::as_str` writes it is the one serde reads.
    #[test]
    fn an_area_s_key_is_the_one_serde_reads() {
        for area in Area::ALL {
            let read: Area = serde_json::from_value(area.as_str().into()).expect("a known area");
            assert_eq!(read, area);
        }
    }
}
