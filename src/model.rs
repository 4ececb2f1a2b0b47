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
    pub id: String,
    pub title: String,
    /// When it is due: a year, quarter, month, week or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Whose plan this is.
    pub name: String,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// What success means, in the person's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// Weights of the dimensions of overall progress toward the vision.
    #[serde(default)]
    pub weights: Weights,
}

/// A role at a point in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Revenue responsibility per year.
    pub revenue: Amount,
    /// People led (direct reports); 0 for an individual contributor.
    #[serde(default)]
    pub team: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

/// The ten-year destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub role: String,
    /// Revenue responsibility per year at the end of the plan.
    pub revenue: Amount,
    /// People led at the end of the plan, e.g. `15-20`.
    pub team: Band,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<Amount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

/// Relative weights of the dimensions of overall progress; they need not sum
/// to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub revenue: f64,
    pub role: f64,
    pub team: f64,
    pub skills: f64,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub phases: Vec<Phase>,
}

/// A multi-year phase, e.g. years 1-2, "Territory Excellence & Foundation".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub name: String,
    /// The years the phase spans, e.g. `2025-2026`.
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
    pub team: Option<Band>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievements: Vec<Milestone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The year; when given it must match the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The strategic phase this year belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The title or role targeted this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub objectives: Vec<AnnualObjective>,
    /// Capability ids to focus on this year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Milestone>,
    /// How the year will be judged, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualObjective {
    pub id: String,
    pub title: String,
    pub category: Category,
    #[serde(default)]
    pub status: Status,
    /// A metric id from `metrics.yaml` that measures this objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Target for the year; defaults to the metric's target for the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

// ---------------------------------------------------------------- quarters/

/// `quarters/2026-Q3.md`: the 90-day plan. The Markdown body holds the prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterPlan {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The quarter; when given it must match the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
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
    pub id: String,
    pub title: String,
    pub category: Category,
    /// Ids of the annual objectives this one serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<KeyResult>,
    /// Weekly or monthly checkpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    pub id: String,
    pub title: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub area: Area,
    /// What the skill covers, e.g. methodology, negotiation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// Current level, 1-10.
    pub level: i64,
    /// Target level by year, e.g. `2026: 7`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<i32, i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A development action: a line of text, or a title with a status and a due
/// period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Action {
    Text(String),
    Item(ActionItem),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub title: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
}

// -------------------------------------------------------------- metrics.yaml

/// `metrics.yaml`: revenue and performance metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Planned annual growth for revenue metrics, e.g. `15-20%`.
    pub growth: Band,
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
pub struct Metric {
    pub id: String,
    pub name: String,
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
    pub actuals: BTreeMap<Period, Amount>,
}

// -------------------------------------------------------- relationships.yaml

/// `relationships.yaml`: relationship and network goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relationships {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
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
    pub id: String,
    pub title: String,
    pub circle: Circle,
    /// How many relationships, talks or articles the goal asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<u32>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

// --------------------------------------------------------------- habits.yaml

/// `habits.yaml`: the daily and weekly practices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Habits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub habits: Vec<Habit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Daily,
    Weekly,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Habit {
    pub id: String,
    pub title: String,
    pub cadence: Cadence,
    /// Minutes per check-in, for the compounding total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Ids of the goals it serves: skills, objectives, metrics, relationship goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}

/// `checkins/2026-10.yaml`: one line per habit, one character per day of the
/// month: `x` (or `X`) done, `.` (or `-` or a space) not done; days not yet
/// written are unknown.
pub type CheckIns = BTreeMap<String, String>;

// --------------------------------------------------------------- career.yaml

/// `career.yaml`: career progression metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Career {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Direct reports.
    #[serde(default)]
    pub reports: u32,
    /// Revenue responsibility per year.
    pub revenue: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<Compensation>,
    /// Rank among peers, e.g. `rank: 2`, `of: 14`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Ranking>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotions: Vec<Promotion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<Recognition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compensation {
    pub base: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    pub rank: u32,
    pub of: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    pub date: Date,
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
    pub id: String,
    pub kind: RecognitionKind,
    pub title: String,
    pub date: Date,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
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
    pub skills: BTreeMap<String, i64>,
}

/// A win: a line of text, or a title with the day it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Win {
    Text(String),
    Dated { title: String, date: Date },
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
