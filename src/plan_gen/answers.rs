//! The answers to the guide's Step 5 questionnaire, and the rules they must
//! meet before a plan is derived from them.
//!
//! The same rules serve both ways of answering: the terminal asks one
//! question at a time and asks again with the rule's message, while
//! `--answers FILE` deserializes [`Answers`] and reports every broken rule
//! at the key that broke it. The field parsers (`parse_*`) are shared, so a
//! growth of `abc` reads the same on a terminal and in a file.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::{Target, YamlPath, did_you_mean};
use crate::locate::PositionIndex;
use crate::model::Area;
use crate::value::{Amount, Band};
use crate::yaml::to_yaml_path;

/// Plan length when the answers name no last year: the guide's 2025-2035.
pub(crate) const DEFAULT_SPAN: i32 = 10;
/// The longest plan `check` accepts.
pub(super) const MAX_SPAN: i32 = 40;
/// The guide's territory growth band, in percent a year.
pub(crate) const DEFAULT_GROWTH: Band = Band { lo: 15.0, hi: 20.0 };
/// The guide's team at the end: 15-20 sales managers.
pub(crate) const DEFAULT_TEAM: Band = Band { lo: 15.0, hi: 20.0 };
/// A skill's level when the answers leave it out.
pub(crate) const DEFAULT_LEVEL: i64 = 5;
/// The level a skill is developed to unless the answers say otherwise.
pub(super) const DEFAULT_TARGET: i64 = 9;
/// How many areas are developed first when the answers name none.
const DEFAULT_FOCUS: usize = 3;

/// The answers file of `roadmap init --answers FILE`: YAML, every key but
/// `now.role`, `now.revenue`, `goal.role` and `goal.revenue` optional.
///
/// ```yaml
/// name: Jordan Lee                 # whose plan (default: Me)
/// start: 2025                      # first year (default: this year)
/// end: 2035                        # last year (default: start + 10)
/// now:                             # current state (year 0)
///   role: Sales Manager            # required
///   company: Swagelok
///   territory: Intermountain West
///   revenue: 5M                    # required: revenue a year
///   team: 0                        # direct reports (default 0)
///   new_business: 3.6M             # new business closed last year
///   market_share: 18%              # territory market share now
///   strengths: [Customer relationships, Technical knowledge]
///   needs: [Strategic planning, Team leadership, Executive presence]
/// growth: 15-20%                   # territory growth a year (default 15-20%)
/// goal:                            # the ten-year vision
///   role: VP of Sales              # required
///   revenue: 50M                   # required
///   team: 15-20                    # people led at the end (default 15-20)
///   income: 350k
///   recognition: [Industry thought leader, Speaker, Mentor]
///   impact: Known for data-driven sales methodology
///   statement: From territory manager to VP of Sales by 2035
///   leader: A coach who builds leaders
///   success: Leading a team whose people get promoted
///   values: [Integrity, Curiosity]
///   expertise: [Enterprise strategy, P&L management]
/// roles: [Senior Sales Manager, Regional Sales Manager, Director of Sales]
/// milestones:                      # key milestones
///   - {year: 2029, title: Promoted to Senior Sales Manager}
/// skills:                          # development priorities, levels 1-10
///   sales: 6                       # current level (default 5)
///   leadership: {level: 3, target: 9}   # and the level to reach (default 9)
/// focus: [leadership, strategy]    # areas to develop first
/// constraints: [No relocation before 2028]
/// ```
///
/// `docs/answers.md` explains each key.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<i32>,
    pub now: NowAnswers,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "written::band"
    )]
    pub growth: Option<Band>,
    pub goal: GoalAnswers,
    /// Roles between the current one and the goal, one per middle phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneAnswer>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skills: BTreeMap<Area, SkillAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Vec<Area>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<String>,
}

/// Current state: where the person stands in year 0.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NowAnswers {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    #[serde(deserialize_with = "written::amount")]
    pub revenue: Amount,
    #[serde(default, deserialize_with = "written::count")]
    pub team: u32,
    /// New business closed last year.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "written::optional_amount"
    )]
    pub new_business: Option<Amount>,
    /// The territory's market share now, in percent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "written::optional_amount"
    )]
    pub market_share: Option<Amount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

/// The ten-year vision.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalAnswers {
    pub role: String,
    #[serde(deserialize_with = "written::amount")]
    pub revenue: Amount,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "written::band"
    )]
    pub team: Option<Band>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "written::optional_amount"
    )]
    pub income: Option<Amount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<String>,
}

/// A key milestone the person wants to hit, by year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MilestoneAnswer {
    pub year: i32,
    pub title: String,
}

/// A skill level, 1-10; anything else is refused while the file is read,
/// so the message lands on the key that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Level(pub i64);

/// One capability area's answer: a bare number is the current level; a
/// mapping may also name the level to reach by the end of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub(crate) struct SkillAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Level>,
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LevelVisitor)
    }
}

struct LevelVisitor;

impl Visitor<'_> for LevelVisitor {
    type Value = Level;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a level from 1 to 10")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Level, E> {
        check_level(v).map(Level).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Level, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Level, E> {
        parse_level(&v.to_string()).map(Level).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Level, E> {
        parse_level(v).map(Level).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for SkillAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            #[serde(default)]
            level: Option<Level>,
            #[serde(default)]
            target: Option<Level>,
        }

        struct SkillVisitor;
        impl<'de> Visitor<'de> for SkillVisitor {
            type Value = SkillAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level from 1 to 10, or a mapping with `level` and `target`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SkillAnswer, E> {
                LevelVisitor.visit_i64(v).map(SkillAnswer::current)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SkillAnswer, E> {
                LevelVisitor.visit_u64(v).map(SkillAnswer::current)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SkillAnswer, E> {
                LevelVisitor.visit_f64(v).map(SkillAnswer::current)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SkillAnswer, E> {
                LevelVisitor.visit_str(v).map(SkillAnswer::current)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SkillAnswer, A::Error> {
                let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(SkillAnswer {
                    level: full.level,
                    target: full.target,
                })
            }
        }
        deserializer.deserialize_any(SkillVisitor)
    }
}

impl SkillAnswer {
    fn current(level: Level) -> Self {
        SkillAnswer {
            level: Some(level),
            target: None,
        }
    }
}

/// A broken rule, at the answer that broke it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AnswerError {
    pub path: YamlPath,
    pub message: String,
    /// Where in the answers file, when the error came from one.
    pub position: Option<(usize, usize)>,
}

impl AnswerError {
    fn at(path: YamlPath, message: impl Into<String>) -> Self {
        AnswerError {
            path,
            message: message.into(),
            position: None,
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.position {
            write!(f, "{line}:{column}: ")?;
        }
        if self.path.0.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "`{}`: {}", self.path, self.message)
        }
    }
}

/// One skill of the plan: its area, current level and the level to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SkillInput {
    pub area: Area,
    pub level: i64,
    pub target: i64,
}

/// The answers with every default filled in and every rule met: what the
/// plan is derived from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inputs {
    pub name: String,
    pub start: i32,
    pub end: i32,
    pub now: NowAnswers,
    pub growth: Band,
    pub goal: GoalAnswers,
    pub goal_team: Band,
    /// The role of each phase, first to last: the current role, the roles
    /// on the way, the goal's role.
    pub roles: Vec<String>,
    pub milestones: Vec<MilestoneAnswer>,
    /// All six areas, in the guide's order.
    pub skills: Vec<SkillInput>,
    pub focus: Vec<Area>,
    pub constraints: Vec<String>,
    /// The day the plan is written.
    pub today: NaiveDate,
}

impl Answers {
    /// Reads an answers file. Errors carry the line and column of the key
    /// they are about.
    pub(crate) fn from_yaml(text: &str) -> Result<Answers, AnswerError> {
        if text.trim().is_empty() || text.lines().all(|l| l.trim_start().starts_with('#')) {
            return Err(AnswerError::at(
                YamlPath::root(),
                "the answers file is empty; it needs at least `now` (role, revenue) and `goal` (role, revenue)",
            ));
        }
        if let Some(position) = crate::load::nesting::too_deep(text) {
            return Err(AnswerError {
                path: YamlPath::root(),
                message: format!(
                    "nesting is too deep (more than {} levels)",
                    crate::load::nesting::MAX_DEPTH
                ),
                position: Some(position),
            });
        }
        let deserializer = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(deserializer).map_err(|err| {
            let inner = err.inner();
            let raw = inner.to_string();
            let raw = raw.split(" at line ").next().unwrap_or(&raw);
            let (path, raw) = own_path(to_yaml_path(err.path()), raw);
            let message = humanize(raw);
            let position = inner.location().map_or_else(
                || PositionIndex::build(text).locate(&path, Target::Value),
                |l| (l.line(), l.column()),
            );
            AnswerError {
                path,
                message,
                position: Some(position),
            }
        })
    }

    /// Fills in the defaults and checks every rule, reporting each broken
    /// one at its key.
    pub(crate) fn settle(self, today: NaiveDate) -> Result<Inputs, Vec<AnswerError>> {
        let mut errors = Vec::new();
        let (start, end) = self.years(today, &mut errors);
        let now = self.now(&mut errors);
        let growth = self.growth.unwrap_or(DEFAULT_GROWTH);
        if let Err(message) = check_growth(growth) {
            errors.push(AnswerError::at(YamlPath::root().at("growth"), message));
        }
        let (goal, goal_team) = self.goal(&mut errors);
        let roles = self.roles(&now.role, &goal.role, start, end, &mut errors);
        let milestones = self.milestones(start, end, &mut errors);
        let skills = self.skills(&mut errors);
        let focus = match self.focus {
            Some(list) => {
                let mut focus = Vec::new();
                for area in list {
                    if !focus.contains(&area) {
                        focus.push(area);
                    }
                }
                focus
            }
            None => default_focus(&skills),
        };

        let name = optional(self.name.as_deref()).unwrap_or_else(|| "Me".to_owned());
        if errors.is_empty() {
            Ok(Inputs {
                name,
                start,
                end,
                now,
                growth,
                goal,
                goal_team,
                roles,
                milestones,
                skills,
                focus,
                constraints: lines(&self.constraints),
                today,
            })
        } else {
            Err(errors)
        }
    }

    /// The plan's first and last years.
    fn years(&self, today: NaiveDate, errors: &mut Vec<AnswerError>) -> (i32, i32) {
        let root = YamlPath::root();
        let start = self.start.unwrap_or(today.year());
        if let Err(message) = check_year(start) {
            errors.push(AnswerError::at(root.at("start"), message));
        }
        let end = self.end.unwrap_or(start + DEFAULT_SPAN);
        if let Err(message) = check_year(end).and_then(|()| check_span(start, end)) {
            let key = if self.end.is_some() { "end" } else { "start" };
            errors.push(AnswerError::at(root.at(key), message));
        }
        (start, end)
    }

    /// Where the person stands today.
    fn now(&self, errors: &mut Vec<AnswerError>) -> NowAnswers {
        let root = YamlPath::root();
        let mut fail = |path: YamlPath, message: String| {
            errors.push(AnswerError::at(path, message));
        };
        let now = NowAnswers {
            role: one_line(&self.now.role),
            company: optional(self.now.company.as_deref()),
            territory: optional(self.now.territory.as_deref()),
            revenue: self.now.revenue,
            team: self.now.team,
            new_business: self.now.new_business,
            market_share: self.now.market_share,
            strengths: lines(&self.now.strengths),
            needs: lines(&self.now.needs),
        };
        if now.role.is_empty() {
            fail(root.at("now").at("role"), NEEDED.to_owned());
        }
        if let Err(message) = check_revenue(now.revenue) {
            fail(root.at("now").at("revenue"), message);
        }
        if let Some(Err(message)) = now.market_share.map(check_share) {
            fail(root.at("now").at("market_share"), message);
        }
        if now.new_business.is_some_and(|n| n.0 < 0.0) {
            fail(
                root.at("now").at("new_business"),
                "new business closed cannot be negative".to_owned(),
            );
        }
        now
    }

    /// The ten-year goal, and its team band with the default filled in.
    fn goal(&self, errors: &mut Vec<AnswerError>) -> (GoalAnswers, Band) {
        let root = YamlPath::root();
        let mut fail = |path: YamlPath, message: String| {
            errors.push(AnswerError::at(path, message));
        };
        let goal = GoalAnswers {
            role: one_line(&self.goal.role),
            revenue: self.goal.revenue,
            team: self.goal.team,
            income: self.goal.income,
            recognition: lines(&self.goal.recognition),
            impact: optional(self.goal.impact.as_deref()),
            statement: optional(self.goal.statement.as_deref()),
            leader: optional(self.goal.leader.as_deref()),
            success: optional(self.goal.success.as_deref()),
            values: lines(&self.goal.values),
            expertise: lines(&self.goal.expertise),
        };
        if goal.role.is_empty() {
            fail(root.at("goal").at("role"), NEEDED.to_owned());
        }
        if let Err(message) = check_revenue(goal.revenue) {
            fail(root.at("goal").at("revenue"), message);
        }
        let goal_team = goal.team.unwrap_or(DEFAULT_TEAM);
        if let Err(message) = check_team_band(goal_team) {
            fail(root.at("goal").at("team"), message);
        }
        if let Some(income) = goal.income
            && income.0 < 0.0
        {
            fail(
                root.at("goal").at("income"),
                "an income cannot be negative".to_owned(),
            );
        }
        (goal, goal_team)
    }

    /// One role a phase: the answered ones spread over the middle phases,
    /// or the default ladder.
    fn roles(
        &self,
        now_role: &str,
        goal_role: &str,
        start: i32,
        end: i32,
        errors: &mut Vec<AnswerError>,
    ) -> Vec<String> {
        let root = YamlPath::root();
        let phases = super::phase_spans(start, end.max(start + 1)).len();
        let given_roles = lines(&self.roles);
        let middle = phases.saturating_sub(2);
        if given_roles.len() > middle {
            errors.push(AnswerError::at(
                root.at("roles"),
                format!(
                    "{} roles on the way, but the plan has {middle} phase{} between the first and the last",
                    given_roles.len(),
                    if middle == 1 { "" } else { "s" }
                ),
            ));
        }
        if given_roles.is_empty() {
            default_roles(now_role, goal_role, phases)
        } else {
            let mut roles = vec![now_role.to_owned()];
            roles.extend(spread(&given_roles, middle));
            if phases > 1 {
                roles.push(goal_role.to_owned());
            }
            roles
        }
    }

    fn milestones(
        &self,
        start: i32,
        end: i32,
        errors: &mut Vec<AnswerError>,
    ) -> Vec<MilestoneAnswer> {
        let root = YamlPath::root();
        let mut fail = |path: YamlPath, message: String| {
            errors.push(AnswerError::at(path, message));
        };
        let mut milestones = Vec::new();
        for (i, m) in self.milestones.iter().enumerate() {
            let at = root.at("milestones").at(i);
            let title = one_line(&m.title);
            if title.is_empty() {
                fail(at.at("title"), NEEDED.to_owned());
            }
            if let Err(message) = check_milestone_year(m.year, start, end) {
                fail(at.at("year"), message);
            }
            milestones.push(MilestoneAnswer {
                year: m.year,
                title,
            });
        }
        milestones
    }

    /// Today's level and the target of every area.
    fn skills(&self, errors: &mut Vec<AnswerError>) -> Vec<SkillInput> {
        let root = YamlPath::root();
        let mut skills = Vec::new();
        for area in Area::ALL {
            let answer = self.skills.get(&area).copied().unwrap_or_default();
            let level = answer.level.map_or(DEFAULT_LEVEL, |l| l.0);
            let target = answer.target.map_or(default_target(level), |t| t.0);
            if let Err(message) = check_target(level, target) {
                errors.push(AnswerError::at(
                    root.at("skills").at(area.as_str()).at("target"),
                    message,
                ));
            }
            skills.push(SkillInput {
                area,
                level,
                target,
            });
        }
        skills
    }
}

/// Reads an answers file and fills in its defaults; every broken rule is
/// reported with its line and column in `text`.
pub(crate) fn read_answers(text: &str, today: NaiveDate) -> Result<Inputs, Vec<AnswerError>> {
    let answers = Answers::from_yaml(text).map_err(|err| vec![err])?;
    answers.settle(today).map_err(|errors| {
        let index = PositionIndex::build(text);
        errors
            .into_iter()
            .map(|mut err| {
                err.position = Some(index.locate(&err.path, Target::Value));
                err
            })
            .collect()
    })
}

const NEEDED: &str = "an answer is needed here";

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional(text: Option<&str>) -> Option<String> {
    text.map(one_line).filter(|t| !t.is_empty())
}

fn lines(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|t| one_line(t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `count` items taken evenly from `list` (repeating when it is short).
pub(super) fn spread(list: &[String], count: usize) -> Vec<String> {
    if list.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|i| {
            let at = if count <= 1 {
                list.len() / 2
            } else {
                (i * (list.len() - 1) + (count - 1) / 2) / (count - 1)
            };
            list[at.min(list.len() - 1)].clone()
        })
        .collect()
}

/// The guide's ladder (senior role, regional manager, director) between the
/// current role and the goal, one role per phase.
pub(crate) fn default_roles(now: &str, goal: &str, phases: usize) -> Vec<String> {
    let ladder: Vec<String> = if now.to_lowercase().contains("sales") {
        vec![
            format!("Senior {now}"),
            "Regional Sales Manager".to_owned(),
            "Senior Regional Manager or Director of Sales".to_owned(),
        ]
    } else {
        vec![
            format!("Senior {now}"),
            "Manager".to_owned(),
            "Senior Manager or Director".to_owned(),
        ]
    };
    let mut roles = vec![now.to_owned()];
    if phases > 1 {
        roles.extend(spread(&ladder, phases - 2));
        roles.push(goal.to_owned());
    }
    roles
}

/// A skill's target when none is given: the default, or the current level
/// when it is already higher.
pub(crate) fn default_target(level: i64) -> i64 {
    level.max(DEFAULT_TARGET)
}

/// The areas with the widest gap between level and target, in the guide's
/// order when gaps tie.
pub(crate) fn default_focus(skills: &[SkillInput]) -> Vec<Area> {
    let mut ranked: Vec<&SkillInput> = skills.iter().filter(|s| s.target > s.level).collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.target - s.level));
    ranked
        .into_iter()
        .take(DEFAULT_FOCUS)
        .map(|s| s.area)
        .collect()
}

// ------------------------------------------------------------ field rules

pub(super) fn check_year(year: i32) -> Result<(), String> {
    if (1000..=9999).contains(&year) {
        Ok(())
    } else {
        Err(format!("`{year}` is not a year (write e.g. 2026)"))
    }
}

pub(crate) fn parse_year(text: &str) -> Result<i32, String> {
    let text = text.trim();
    let year = text
        .parse::<i32>()
        .map_err(|_| format!("`{text}` is not a year (write e.g. 2026)"))?;
    check_year(year).map(|()| year)
}

/// A plan ends after it starts and lasts at most [`MAX_SPAN`] years.
pub(crate) fn check_span(start: i32, end: i32) -> Result<(), String> {
    if end <= start {
        Err(format!(
            "the plan must end after it starts in {start} (e.g. {})",
            start + DEFAULT_SPAN
        ))
    } else if end - start > MAX_SPAN {
        Err(format!(
            "{start}-{end} is {} years; a plan lasts at most {MAX_SPAN}",
            end - start
        ))
    } else {
        Ok(())
    }
}

pub(super) fn check_revenue(revenue: Amount) -> Result<(), String> {
    if revenue.0 > 0.0 {
        Ok(())
    } else {
        Err(format!(
            "a revenue of {revenue} cannot grow: write the revenue a year, more than 0 (e.g. 5M)"
        ))
    }
}

pub(crate) fn parse_revenue(text: &str) -> Result<Amount, String> {
    let amount: Amount = read(text)?;
    check_revenue(amount).map(|()| amount)
}

/// A market share, in percent.
pub(super) fn check_share(share: Amount) -> Result<(), String> {
    if (0.0..=100.0).contains(&share.0) {
        Ok(())
    } else {
        Err(format!(
            "a market share of {share}% is out of range: write a percentage from 0 to 100"
        ))
    }
}

/// A market share in percent, or nothing for an empty answer.
pub(crate) fn parse_share(text: &str) -> Result<Option<Amount>, String> {
    let share = parse_optional_amount(text)?;
    share.map(check_share).transpose()?;
    Ok(share)
}

/// An amount such as an income, or nothing for an empty answer.
pub(crate) fn parse_optional_amount(text: &str) -> Result<Option<Amount>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let amount: Amount = read(text)?;
    if amount.0 < 0.0 {
        return Err(format!("`{}` is negative", text.trim()));
    }
    Ok(Some(amount))
}

pub(crate) fn parse_team(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let bad = || format!("`{text}` is not a number of people (write a whole number, 0 or more)");
    text.parse::<u32>()
        .or_else(|_| {
            plain_figure(text)
                .ok_or(())
                .and_then(|t| t.parse::<u32>().map_err(|_| ()))
        })
        .map_err(|()| bad())
}

pub(super) fn check_team_band(band: Band) -> Result<(), String> {
    if band.lo < 0.0 || band.lo.fract() != 0.0 || band.hi.fract() != 0.0 {
        Err(format!(
            "`{band}` is not a team size (write whole numbers, e.g. 15-20)"
        ))
    } else if band.hi > 100_000.0 {
        Err(format!("a team of {band} people is out of range"))
    } else {
        Ok(())
    }
}

pub(crate) fn parse_team_band(text: &str) -> Result<Band, String> {
    let band: Band = read(text)?;
    check_team_band(band).map(|()| band)
}

/// Yearly growth, in percent, from 0 to 100.
pub(super) fn check_growth(band: Band) -> Result<(), String> {
    if band.lo < 0.0 || band.hi > 100.0 {
        Err(format!(
            "a growth of {band}% a year is out of range: write a band between 0% and 100%, e.g. 15-20%"
        ))
    } else {
        Ok(())
    }
}

pub(crate) fn parse_growth(text: &str) -> Result<Band, String> {
    let band: Band = read(text)?;
    check_growth(band).map(|()| band)
}

pub(super) fn check_level(level: i64) -> Result<i64, String> {
    if (1..=10).contains(&level) {
        Ok(level)
    } else {
        Err(format!(
            "level {level} is out of range: levels run from 1 to 10"
        ))
    }
}

pub(crate) fn parse_level(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let level = text
        .parse::<i64>()
        .map_err(|_| format!("`{text}` is not a level: write a whole number from 1 to 10"))?;
    check_level(level)
}

/// Skill targets never drop below the current level.
pub(crate) fn check_target(level: i64, target: i64) -> Result<(), String> {
    if target < level {
        Err(format!(
            "the target {target} is below the current level {level}; targets hold or rise"
        ))
    } else {
        Ok(())
    }
}

pub(super) fn check_milestone_year(year: i32, start: i32, end: i32) -> Result<(), String> {
    if (start..=end).contains(&year) {
        Ok(())
    } else {
        Err(format!("{year} is outside the plan's years {start}-{end}"))
    }
}

/// `2029 Promoted to Senior Sales Manager`: a year, then what happens.
pub(crate) fn parse_milestone(text: &str, start: i32, end: i32) -> Result<MilestoneAnswer, String> {
    let text = text.trim();
    let (year, title) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let year = parse_year(year).map_err(|_| {
        format!("`{text}` does not start with a year (write e.g. `2029 Promoted to Senior Sales Manager`)")
    })?;
    check_milestone_year(year, start, end)?;
    let title = one_line(title);
    if title.is_empty() {
        return Err(format!("what happens in {year}? Write it after the year"));
    }
    Ok(MilestoneAnswer { year, title })
}

/// A figure as the guide writes it: `~$5M annually`, `$50M+ multi-state
/// region`, `Leading 15-20 sales managers`, `5 million`. The one word
/// that holds digits (or two joined by `-`, `–` or `to`) is the figure,
/// without a leading `~` or a trailing `+`; a `thousand`, `million` or
/// `billion` after it is its multiplier. `None` when no word or more than
/// one figure holds digits: that answer is not guessed at.
pub(super) fn plain_figure(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let numbers: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].contains(|c: char| c.is_ascii_digit()))
        .collect();
    let figure = |at: usize| {
        let word = words[at]
            .trim_start_matches(['~', '≈', '(', '<', '>'])
            .trim_end_matches(['+', ',', ';', ':', ')', '.']);
        let multiplier = words.get(at + 1).map(|w| w.to_lowercase());
        let suffix = match multiplier.as_deref() {
            Some(w) if w.starts_with("thousand") => "k",
            Some(w) if w.starts_with("million") => "M",
            Some(w) if w.starts_with("billion") => "B",
            _ => "",
        };
        let bare = word.ends_with(|c: char| c.is_ascii_digit());
        format!("{word}{}", if bare { suffix } else { "" })
    };
    match numbers.as_slice() {
        [one] => Some(figure(*one)),
        [lo, hi] if *hi == lo + 2 && matches!(words[lo + 1], "-" | "–" | "to") => {
            Some(format!("{}-{}", figure(*lo), figure(*hi)))
        }
        _ => None,
    }
}

/// `text` read as a `T`, as written or else as [`plain_figure`] reads it;
/// the error is the one of the text as written.
fn read<T: std::str::FromStr<Err = String>>(text: &str) -> Result<T, String> {
    let text = text.trim();
    text.parse().or_else(|err| {
        plain_figure(text)
            .and_then(|figure| figure.parse().ok())
            .ok_or(err)
    })
}

/// The answers file's figures, read as the terminal's are: a number, or
/// a text such as `~$5M` or `15-20 sales managers` ([`plain_figure`]).
mod written {
    use std::fmt;

    use serde::de::{self, Deserializer, Visitor};

    use crate::value::{Amount, Band};

    /// Reads a number, a text or nothing (`None`) into a `T`.
    struct Figure<F>(F);

    impl<T, F> Visitor<'_> for Figure<F>
    where
        T: std::str::FromStr<Err = String>,
        F: Fn(f64) -> T,
    {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or a figure such as 5M, 50M+ or 15-20")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some((self.0)(v as f64)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some((self.0)(v as f64)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            if v.is_finite() {
                Ok(Some((self.0)(v)))
            } else {
                Err(E::custom("a figure must be a finite number"))
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            super::read(v).map(Some).map_err(E::custom)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    /// The figure, `None` for a key left empty.
    fn figure<'de, D: Deserializer<'de>, T>(
        deserializer: D,
        number: impl Fn(f64) -> T,
    ) -> Result<Option<T>, D::Error>
    where
        T: std::str::FromStr<Err = String>,
    {
        deserializer.deserialize_any(Figure(number))
    }

    pub(super) fn amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        figure(deserializer, Amount)?
            .ok_or_else(|| de::Error::custom("expected an amount such as 5M, and found nothing"))
    }

    pub(super) fn optional_amount<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Amount>, D::Error> {
        figure(deserializer, Amount)
    }

    pub(super) fn band<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Band>, D::Error> {
        figure(deserializer, |n| Band { lo: n, hi: n })
    }

    pub(super) fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        let people = figure(deserializer, Amount)?.map_or(0.0, |a| a.0);
        if people >= 0.0 && people.fract() == 0.0 && people <= f64::from(u32::MAX) {
            Ok(people as u32)
        } else {
            Err(de::Error::custom(format!(
                "`{people}` is not a number of people (write a whole number, 0 or more)"
            )))
        }
    }
}

/// A comma-separated list of capability areas.
pub(crate) fn parse_areas(text: &str) -> Result<Vec<Area>, String> {
    let mut areas = Vec::new();
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        let Some(area) = Area::ALL.into_iter().find(|a| a.as_str() == lower) else {
            let names = Area::ALL.map(Area::as_str);
            let hint = did_you_mean(word, names)
                .unwrap_or_else(|| format!("areas are {}", names.join(", ")));
            return Err(format!("`{word}` is not an area: {hint}"));
        };
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    Ok(areas)
}

/// A comma-separated list of short texts.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(one_line)
        .filter(|t| !t.is_empty())
        .collect()
}

// --------------------------------------------------- deserialization errors

/// `serde_yaml` starts a nested error's message with the path of the value,
/// and that path also names map keys that are not strings (the areas of
/// `skills`), which `serde_path_to_error` leaves out. The longer path wins,
/// and the message loses the prefix.
fn own_path(tracked: YamlPath, message: &str) -> (YamlPath, &str) {
    let Some((prefix, rest)) = message.split_once(": ") else {
        return (tracked, message);
    };
    let looks_like_path = !prefix.is_empty()
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
    if !looks_like_path {
        return (tracked, message);
    }
    let mut segs = Vec::new();
    for part in prefix.split('.') {
        let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            segs.push(crate::diag::Seg::Key(key.to_owned()));
        }
        for index in indexes.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse::<usize>() {
                segs.push(crate::diag::Seg::Index(i));
            }
        }
    }
    let theirs = YamlPath(segs);
    let path = if theirs.0.len() >= tracked.0.len() {
        theirs
    } else {
        tracked
    };
    (path, rest)
}

/// serde's words, in the words of an answers file.
fn humanize(message: &str) -> String {
    let names = |tail: &str| -> Vec<String> {
        tail.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let quoted = |text: &str, open: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        let end = text[start..].find('`')? + start;
        Some(text[start..end].to_owned())
    };
    if let Some(field) = quoted(message, "unknown field `") {
        let known = message
            .split_once("expected")
            .map(|(_, t)| names(t))
            .unwrap_or_default();
        let hint = did_you_mean(&field, known.iter().map(String::as_str))
            .unwrap_or_else(|| format!("known keys here: {}", known.join(", ")));
        return format!("unknown key `{field}`: {hint}");
    }
    if let Some(variant) = quoted(message, "unknown variant `") {
        let known = message
            .split_once("expected")
            .map(|(_, t)| names(t))
            .unwrap_or_default();
        let hint = did_you_mean(&variant, known.iter().map(String::as_str))
            .unwrap_or_else(|| format!("expected one of {}", known.join(", ")));
        return format!("unknown value `{variant}`: {hint}");
    }
    if let Some(field) = quoted(message, "missing field `") {
        return format!("missing required key `{field}`");
    }
    let mut text = message.to_owned();
    for (from, to) in [
        ("expected i32", "expected a year such as 2026"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected a string", "expected a line of text"),
        ("expected a sequence", "expected a list"),
        ("expected struct", "expected a mapping:"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a mapping"),
        ("invalid type: ", "found "),
    ] {
        text = text.replace(from, to);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }

    const MINIMAL: &str =
        "now:\n  role: Sales Manager\n  revenue: 5M\ngoal:\n  role: VP of Sales\n  revenue: 50M\n";

    #[test]
    fn a_minimal_file_takes_every_default() {
        let inputs = Answers::from_yaml(MINIMAL)
            .expect("parses")
            .settle(today())
            .expect("settles");
        assert_eq!((inputs.start, inputs.end), (2026, 2036));
        assert_eq!(inputs.growth, DEFAULT_GROWTH);
        assert_eq!(inputs.goal_team, DEFAULT_TEAM);
        assert_eq!(inputs.name, "Me");
        assert_eq!(inputs.roles.len(), 5);
        assert_eq!(inputs.roles[0], "Sales Manager");
        assert_eq!(inputs.roles[1], "Senior Sales Manager");
        assert_eq!(inputs.roles[4], "VP of Sales");
        assert!(inputs.skills.iter().all(|s| s.level == 5 && s.target == 9));
        assert_eq!(inputs.focus.len(), 3);
    }

    #[test]
    fn a_growth_of_abc_is_refused_at_its_key() {
        let text = format!("{MINIMAL}growth: abc\n");
        let err = Answers::from_yaml(&text).expect_err("refused");
        assert_eq!(err.path.to_string(), "growth");
        assert_eq!(err.position, Some((7, 9)));
        assert!(err.message.contains("`abc` is not a range"), "{err}");
    }

    #[test]
    fn a_level_of_14_is_refused_at_its_key() {
        for skills in [
            "skills:\n  leadership: 14\n",
            "skills:\n  leadership: {level: 14}\n",
        ] {
            let err = Answers::from_yaml(&format!("{MINIMAL}{skills}")).expect_err("refused");
            assert!(
                err.path.to_string().starts_with("skills.leadership"),
                "{err}"
            );
            assert!(err.message.contains("level 14 is out of range"), "{err}");
        }
    }

    #[test]
    fn unknown_keys_suggest_the_known_one() {
        let err = Answers::from_yaml(&format!("{MINIMAL}growht: 15%\n")).expect_err("refused");
        assert!(err.message.contains("did you mean `growth`?"), "{err}");
        let err =
            Answers::from_yaml(&format!("{MINIMAL}skills:\n  salse: 3\n")).expect_err("refused");
        assert!(err.message.contains("did you mean `sales`?"), "{err}");
    }

    #[test]
    fn missing_keys_are_named() {
        let err = Answers::from_yaml("now:\n  role: X\ngoal:\n  role: Y\n  revenue: 1M\n")
            .expect_err("refused");
        assert_eq!(
            err.to_string(),
            "2:3: `now`: missing required key `revenue`"
        );
    }

    #[test]
    fn rules_across_answers_report_every_problem() {
        let text = format!(
            "{MINIMAL}start: 2025\nend: 2020\ngrowth: 150%\nmilestones:\n  - {{year: 1999, title: x}}\nskills:\n  sales: {{level: 8, target: 6}}\n"
        );
        let errors = Answers::from_yaml(&text)
            .expect("parses")
            .settle(today())
            .expect_err("refused");
        let paths: Vec<String> = errors.iter().map(|e| e.path.to_string()).collect();
        assert_eq!(
            paths,
            ["end", "growth", "milestones[0].year", "skills.sales.target"]
        );
    }

    #[test]
    fn the_guide_s_own_phrasing_is_read_where_it_is_unambiguous() {
        assert_eq!(parse_revenue("~$5M"), Ok(Amount(5e6)));
        assert_eq!(parse_revenue("~$5M annually"), Ok(Amount(5e6)));
        assert_eq!(parse_revenue("$50M+ multi-state region"), Ok(Amount(50e6)));
        assert_eq!(parse_revenue("5 million"), Ok(Amount(5e6)));
        assert_eq!(
            parse_team_band("Leading 15-20 sales managers"),
            Ok(Band { lo: 15.0, hi: 20.0 })
        );
        assert_eq!(
            parse_team_band("15 to 20 managers"),
            Ok(Band { lo: 15.0, hi: 20.0 })
        );
        assert_eq!(
            parse_growth("15-20% annual"),
            Ok(Band { lo: 15.0, hi: 20.0 })
        );
        assert_eq!(parse_team("3 direct reports"), Ok(3));
        // Two figures: which one is meant is not guessed.
        assert!(parse_revenue("$5M territory → $50M+ region").is_err());
        assert!(parse_revenue("about five million").is_err());
    }

    #[test]
    fn field_parsers_explain_themselves() {
        assert!(parse_growth("abc").is_err());
        assert_eq!(
            parse_growth("15-20%").map(|b| (b.lo, b.hi)),
            Ok((15.0, 20.0))
        );
        assert!(parse_level("14").expect_err("refused").contains("1 to 10"));
        assert_eq!(parse_level(" 7 "), Ok(7));
        assert!(parse_revenue("0").is_err());
        assert_eq!(
            parse_milestone("2029 Promoted", 2025, 2035).map(|m| m.year),
            Ok(2029)
        );
        assert!(parse_milestone("2040 Promoted", 2025, 2035).is_err());
        assert!(parse_milestone("soon", 2025, 2035).is_err());
        assert_eq!(
            parse_areas("Leadership, strategy"),
            Ok(vec![Area::Leadership, Area::Strategy])
        );
        assert!(
            parse_areas("leadrship")
                .expect_err("refused")
                .contains("did you mean")
        );
    }

    #[test]
    fn roles_spread_over_the_middle_phases() {
        let list = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(spread(&list, 3), ["a", "b", "c"]);
        assert_eq!(spread(&list, 1), ["b"]);
        assert_eq!(spread(&list, 0), Vec::<String>::new());
        assert_eq!(spread(&list[..1], 2), ["a", "a"]);
    }
}
