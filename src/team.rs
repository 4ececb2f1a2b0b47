//! The team edition: a repository that holds one plan per person
//! (`plans/<person>/`), read as one team.
//!
//! A person's vision may name their manager (`manager: bob`, the folder of
//! the manager's plan). The people and those links make a hierarchy: a
//! plan with no manager in the repository heads a tree (a director's own
//! plan is the head of their team, not a peer), and every figure rolls up
//! along it. `status --team`, the report's team overview and its JSON are
//! all made from the one [`Team`] computed here, so they cannot disagree.
//!
//! Revenue rolls up by month, never across months: a manager's own revenue
//! reading is taken to contain their team's (a regional manager's region
//! holds their managers' territories), so a tree's figure for a month is
//! its head's reading of that month, or, when the head has none, the sum of
//! the figures of the people reporting to them. Whoever should have read
//! that month and has not is named, with the month of their last reading.
//! Pay never appears: nothing here reads `career.compensation`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::diag::{Anchor, Finding, Target, YamlPath, did_you_mean};
use crate::load::{Plan, Snapshot};
use crate::model::Area;
use crate::progress::{self, Pace, Progress};
use crate::value::Period;

/// The code of a manager that names no plan of the repository.
pub(crate) const UNKNOWN_MANAGER: &str = "unknown-manager";
/// The code of managers that report, in the end, to themselves.
pub(crate) const MANAGER_CYCLE: &str = "manager-cycle";

/// The rules over the people of a team repository: each `manager` names
/// another person's plan, and following managers never comes back round.
pub(crate) fn validate(snapshot: &Snapshot) -> Vec<Finding> {
    let people: BTreeSet<&str> = snapshot
        .plans
        .iter()
        .filter_map(|p| p.person.as_deref())
        .collect();
    let links = manager_links(&snapshot.plans);
    let mut findings = Vec::new();
    for plan in &snapshot.plans {
        let (Some(person), Some(manager)) = (plan.person.as_deref(), named_manager(plan)) else {
            continue;
        };
        let path = format!("{}/vision.md", plan.root);
        let at = Anchor::Node(YamlPath::root().at("manager"), Target::Value);
        if !people.contains(manager) {
            let hint = did_you_mean(manager, people.iter().copied().filter(|p| *p != person))
                .or_else(|| {
                    Some(format!(
                        "a manager is the folder of a plan under plans/ ({})",
                        people.iter().copied().collect::<Vec<_>>().join(", ")
                    ))
                });
            findings.push(
                Finding::error(
                    &path,
                    at,
                    UNKNOWN_MANAGER,
                    format!("manager `{manager}` is not a person of this repository: there is no plans/{manager}/"),
                )
                .hint(hint),
            );
        } else if let Some(circle) = cycle_from(person, &links) {
            findings.push(
                Finding::error(
                    &path,
                    at,
                    MANAGER_CYCLE,
                    format!(
                        "the managers go round in a circle: {}",
                        circle.join(" → ")
                    ),
                )
                .hint(Some(
                    "the head of a team names no manager: remove `manager:` from one of these plans"
                        .to_owned(),
                )),
            );
        }
    }
    findings
}

fn named_manager(plan: &Plan) -> Option<&str> {
    plan.by_kind().vision?.manager.as_deref()
}

/// person → manager, for every plan that names one.
fn manager_links<'a>(plans: impl IntoIterator<Item = &'a Plan>) -> BTreeMap<String, String> {
    plans
        .into_iter()
        .filter_map(|p| Some((p.person.clone()?, named_manager(p)?.to_owned())))
        .collect()
}

/// The circle of managers `person` is part of, starting and ending with
/// them; `None` when following their managers ends at a head.
fn cycle_from(person: &str, links: &BTreeMap<String, String>) -> Option<Vec<String>> {
    let mut path = vec![person.to_owned()];
    let mut at = person;
    while let Some(next) = links.get(at) {
        path.push(next.clone());
        if next == person {
            return Some(path);
        }
        if path.len() > links.len() + 1 {
            return None;
        }
        at = next;
    }
    None
}

/// A team repository at a glance: one row per person, sorted by who needs
/// attention first, and the roll-up.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Team {
    /// The people, who needs attention first (see [`attention order`](Row)).
    pub people: Vec<Row>,
    /// The heads of the hierarchy (people whose manager is not in the
    /// repository), in name order; each heads a tree of the others.
    pub heads: Vec<String>,
    /// How deep the hierarchy goes: 1 for a flat team.
    pub levels: usize,
    /// Everyone in hierarchy order: each head, then the people reporting
    /// to them (each followed by their own reports), by folder name.
    pub order: Vec<String>,
    /// The team line.
    pub line: Line,
    /// The revenue the team is responsible for (`career.revenue`): each
    /// head's own, or their reports' summed when they state none.
    pub responsibility: Option<f64>,
    /// Revenue by month, this year, against the team's own target.
    pub revenue: Rollup,
    /// The six capability areas, in the guide's order: the columns of the
    /// skills grid (each row's `skills`).
    pub areas: Vec<String>,
    /// Promotions in the members' career history, newest first.
    pub promotions: Vec<PromotionView>,
    /// How many of them took effect this year.
    pub promotions_this_year: usize,
}

/// One person's line. The order of [`Team::people`] is who needs attention
/// first: most reviews and quarter plans overdue, then revenue behind pace,
/// then a revenue reading older than the team's month, then most items
/// behind, then the oldest last update, then by folder name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Row {
    /// The plan's folder under plans/.
    pub person: String,
    /// The person's name, from the vision.
    pub name: String,
    /// The folder of their manager's plan, when it is in the repository.
    pub manager: Option<String>,
    /// Everyone above them, their manager first, the head last.
    pub managers: Vec<String>,
    /// 1 for a head, 2 for someone reporting to a head, and so on.
    pub level: usize,
    /// The people reporting to them directly, by folder.
    pub reports: Vec<String>,
    /// Everyone below them in the hierarchy.
    pub team_size: usize,
    /// The role held now.
    pub role_now: String,
    /// Progress toward the vision, 0-100.
    pub vision_percent: f64,
    /// This quarter's completion, 0-100; `null` without a quarterly plan.
    pub quarter_percent: Option<f64>,
    /// The latest revenue reading against this year's target.
    pub revenue: Option<RevenueRow>,
    /// Items behind plan.
    pub behind: usize,
    /// The date of the last commit that changed their folder, never later
    /// than today.
    pub last_update: Option<NaiveDate>,
    /// Days from `last_update` to today.
    pub last_update_days: Option<i64>,
    /// What is overdue: `month-review 2026-11`, `quarter plan 2026-Q4`.
    pub overdue: Vec<String>,
    /// Reviews written, in all.
    pub reviews_done: usize,
    /// Habits' check-ins against those due this month, 0-100; `null`
    /// without a habit due yet.
    pub habits_percent: Option<f64>,
    /// Mean skill level (1-10) in each of [`Team::areas`]; `null` for an
    /// area without a skill.
    pub skills: Vec<Option<f64>>,
}

/// A person's latest revenue reading.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RevenueRow {
    /// The reading.
    pub actual: Option<f64>,
    /// The month (`2026-10`) or year of the reading.
    pub month: Option<String>,
    /// This year's target.
    pub target: Option<f64>,
    /// The reading against the target prorated to its month.
    pub pace: Pace,
    /// The reading is older than the month the team's revenue is summed at.
    pub stale: bool,
}

/// The team line: the whole team at a glance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Line {
    /// How many people.
    pub people: usize,
    /// Mean progress toward the vision, 0-100.
    pub vision_percent: f64,
    /// Mean quarter completion over those with a quarterly plan, 0-100.
    pub quarter_percent: Option<f64>,
    /// Items behind, over everyone.
    pub behind: usize,
    /// Reviews and quarter plans overdue, over everyone.
    pub overdue: usize,
    /// People with something overdue.
    pub people_overdue: usize,
}

/// Revenue rolled up along the hierarchy, month by month.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Rollup {
    /// The year summed.
    pub year: i32,
    /// The month the headline figure is summed at: the latest month of the
    /// year everyone's figure is read for, else the latest month with a
    /// reading (its `missing` says who is left out).
    pub month: Option<String>,
    /// That month's figures; `null` without any revenue reading this year.
    pub at: Option<MonthPoint>,
    /// The year's target of the team: each head's own target, or their
    /// reports' summed when they have none.
    pub target: Option<f64>,
    /// Every month of the year up to the figures' date.
    pub months: Vec<MonthPoint>,
}

/// The team's revenue for one month.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MonthPoint {
    /// `2026-10`.
    pub month: String,
    /// The month's last day.
    pub date: NaiveDate,
    /// The sum of that month's readings along the hierarchy; `null` when
    /// nobody read it.
    pub actual: Option<f64>,
    /// `actual` as every output writes money (`$11M`), `-` when none.
    pub actual_text: String,
    /// The year's target prorated to the month's end (year-to-date
    /// metrics), or the year's target.
    pub expected: Option<f64>,
    /// Who has no reading for the month, with their last reading's month.
    pub missing: Vec<Missing>,
    /// `actual` and `expected` as shares of the year's target (0-1 and
    /// beyond), for a chart.
    pub actual_share: Option<f64>,
    pub expected_share: Option<f64>,
}

/// A person whose reading a month's sum lacks.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Missing {
    /// Their folder.
    pub person: String,
    /// The month of their latest reading, if any.
    pub last: Option<String>,
}

/// A promotion of a member, from their career history.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PromotionView {
    /// Their folder.
    pub person: String,
    /// Their name.
    pub name: String,
    /// The day it took effect.
    pub date: NaiveDate,
    /// The new title.
    pub title: String,
}

/// One person's revenue metric, as the plan writes it.
#[derive(Default)]
struct Books {
    responsibility: Option<f64>,
    has_metric: bool,
    ytd: bool,
    actuals: BTreeMap<Period, f64>,
    targets: BTreeMap<i32, f64>,
}

/// The hierarchy: whose manager is whom, with unknown managers and
/// circles cut (their plans head their own tree; `check` reports them).
struct Tree {
    manager: BTreeMap<String, String>,
    reports: BTreeMap<String, Vec<String>>,
}

impl Tree {
    fn of(plans: &[&Plan]) -> Tree {
        let people: BTreeSet<String> = plans.iter().filter_map(|p| p.person.clone()).collect();
        let links = manager_links(plans.iter().copied());
        let manager: BTreeMap<String, String> = links
            .iter()
            .filter(|(person, boss)| people.contains(*boss) && cycle_from(person, &links).is_none())
            .map(|(p, m)| (p.clone(), m.clone()))
            .collect();
        let mut reports: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (person, boss) in &manager {
            reports
                .entry(boss.clone())
                .or_default()
                .push(person.clone());
        }
        Tree { manager, reports }
    }

    fn level(&self, person: &str) -> usize {
        let mut level = 1;
        let mut at = person;
        while let Some(boss) = self.manager.get(at) {
            level += 1;
            at = boss;
        }
        level
    }

    fn managers(&self, person: &str) -> Vec<String> {
        let mut above = Vec::new();
        let mut at = person;
        while let Some(boss) = self.manager.get(at) {
            above.push(boss.clone());
            at = boss;
        }
        above
    }

    /// `person` and everyone below them, depth first.
    fn walk(&self, person: &str, out: &mut Vec<String>) {
        out.push(person.to_owned());
        for report in self.reports(person) {
            self.walk(report, out);
        }
    }

    fn reports(&self, person: &str) -> &[String] {
        self.reports.get(person).map_or(&[], Vec::as_slice)
    }

    fn size(&self, person: &str) -> usize {
        self.reports(person).iter().map(|r| 1 + self.size(r)).sum()
    }
}

/// The team of a repository with more than one person's plan: `views`
/// are the plans' progress (in any order, matched by person), `updates`
/// the last commit date of each person's folder.
pub(crate) fn build(
    plans: &[Plan],
    views: &[Progress],
    updates: &BTreeMap<String, NaiveDate>,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Option<Team> {
    let plans: Vec<&Plan> = plans.iter().filter(|p| p.person.is_some()).collect();
    if plans.len() < 2 {
        return None;
    }
    let tree = Tree::of(&plans);
    let books: BTreeMap<String, Books> = plans
        .iter()
        .filter_map(|p| Some((p.person.clone()?, books_of(p))))
        .collect();
    let year = as_of.year();
    let revenue = rollup(&tree, &books, year, as_of);
    let team_month = revenue.month.clone();
    let mut promotions = Vec::new();
    let mut people: Vec<Row> = Vec::new();
    for plan in &plans {
        let Some(person) = plan.person.clone() else {
            continue;
        };
        let Some(view) = views.iter().find(|v| v.person.as_deref() == Some(&person)) else {
            continue;
        };
        promotions.extend(promotions_of(plan, &person, &view.name));
        let at = Place {
            tree: &tree,
            team_month: team_month.as_deref(),
            // As the figures' own date, never later than today: a commit
            // dated ahead (a wrong clock) is an update made today.
            last_update: updates.get(&person).map(|d| (*d).min(today)),
            today,
        };
        people.push(row(plan, view, person, &at));
    }
    people.sort_by(|a, b| {
        attention(a)
            .cmp(&attention(b))
            .then_with(|| a.person.cmp(&b.person))
    });
    promotions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.person.cmp(&b.person)));
    let line = Line::of(&people);
    let mut heads: Vec<String> = people
        .iter()
        .filter(|r| r.manager.is_none())
        .map(|r| r.person.clone())
        .collect();
    heads.sort();
    let responsibility = heads
        .iter()
        .filter_map(|h| responsibility(&tree, &books, h))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v));
    let mut order = Vec::new();
    for head in &heads {
        tree.walk(head, &mut order);
    }
    Some(Team {
        order,
        responsibility,
        levels: people.iter().map(|r| r.level).max().unwrap_or(1),
        promotions_this_year: promotions.iter().filter(|p| p.date.year() == year).count(),
        people,
        heads,
        line,
        revenue,
        areas: Area::ALL.iter().map(|a| a.label().to_owned()).collect(),
        promotions,
    })
}

/// Where a person's row stands: in the tree, against the month the team
/// sums, and in time.
struct Place<'t> {
    tree: &'t Tree,
    team_month: Option<&'t str>,
    last_update: Option<NaiveDate>,
    today: NaiveDate,
}

/// One person's row of the overview, from their plan and its progress.
fn row(plan: &Plan, view: &Progress, person: String, at: &Place<'_>) -> Row {
    let docs = plan.by_kind();
    let habits: Vec<f64> = view
        .habits
        .iter()
        .filter(|h| h.this_month.due > 0)
        .map(|h| h.this_month.percent)
        .collect();
    Row {
        manager: at.tree.manager.get(&person).cloned(),
        managers: at.tree.managers(&person),
        level: at.tree.level(&person),
        reports: at.tree.reports(&person).to_vec(),
        team_size: at.tree.size(&person),
        name: view.name.clone(),
        role_now: view.role_now.clone(),
        vision_percent: view.overall.percent,
        quarter_percent: view.quarter.as_ref().map(|q| q.progress * 100.0),
        revenue: revenue_row(view, at.team_month),
        behind: view.behind.len(),
        last_update: at.last_update,
        last_update_days: at.last_update.map(|d| (at.today - d).num_days()),
        overdue: overdue(view, at.today),
        reviews_done: docs.reviews.len(),
        habits_percent: (!habits.is_empty())
            .then(|| habits.iter().sum::<f64>() / habits.len() as f64),
        skills: skill_levels(&docs, view),
        person,
    }
}

/// Who needs attention first: what is overdue, revenue behind, a revenue
/// reading older than the team's month, items behind, the oldest update.
fn attention(r: &Row) -> impl Ord {
    (
        std::cmp::Reverse(r.overdue.len()),
        !r.revenue.as_ref().is_some_and(|v| v.pace == Pace::Behind),
        !r.revenue.as_ref().is_some_and(|v| v.stale),
        std::cmp::Reverse(r.behind),
        r.last_update,
    )
}

/// The promotions a person's `career.yaml` lists.
fn promotions_of<'p>(
    plan: &'p Plan,
    person: &'p str,
    name: &'p str,
) -> impl Iterator<Item = PromotionView> + 'p {
    let docs = plan.by_kind();
    docs.career
        .into_iter()
        .flat_map(|career| career.promotions.iter())
        .map(move |p| PromotionView {
            person: person.to_owned(),
            name: name.to_owned(),
            date: p.date.0,
            title: p.title.clone(),
        })
}

/// The reviews overdue, and this quarter's plan when it is missing.
fn overdue(view: &Progress, today: NaiveDate) -> Vec<String> {
    let mut overdue: Vec<String> = view
        .reviews_due
        .iter()
        .filter(|r| r.overdue)
        .map(|r| format!("{} {}", r.kind, r.period))
        .collect();
    if view.quarter.is_none() && (view.start..=view.end).contains(&today.year()) {
        overdue.push(format!("quarter plan {}", Period::quarter_of(today)));
    }
    overdue
}

/// The average level of a person's skills in each capability area.
fn skill_levels(docs: &crate::load::Docs<'_>, view: &Progress) -> Vec<Option<f64>> {
    let skill_area: BTreeMap<&str, Area> = docs
        .capabilities
        .map(|c| c.skills.iter().map(|s| (s.id.as_str(), s.area)).collect())
        .unwrap_or_default();
    Area::ALL
        .iter()
        .map(|area| {
            let levels: Vec<f64> = view
                .skills
                .iter()
                .filter(|s| skill_area.get(s.id.as_str()) == Some(area))
                .map(|s| s.level as f64)
                .collect();
            (!levels.is_empty()).then(|| round1(levels.iter().sum::<f64>() / levels.len() as f64))
        })
        .collect()
}

/// A person's revenue reading, stale when older than the month the team sums.
fn revenue_row(view: &Progress, team_month: Option<&str>) -> Option<RevenueRow> {
    view.metrics.iter().find(|m| m.revenue).map(|m| RevenueRow {
        actual: m.actual,
        month: m.reading.clone(),
        target: m.target,
        pace: m.pace,
        stale: match (m.reading.as_deref(), team_month) {
            (Some(read), Some(month)) => read < month,
            (None, Some(_)) => true,
            _ => false,
        },
    })
}

impl Line {
    /// The team line: averages and counts over everyone's rows.
    fn of(people: &[Row]) -> Line {
        let quarters: Vec<f64> = people.iter().filter_map(|r| r.quarter_percent).collect();
        Line {
            people: people.len(),
            vision_percent: people.iter().map(|r| r.vision_percent).sum::<f64>()
                / people.len() as f64,
            quarter_percent: (!quarters.is_empty())
                .then(|| quarters.iter().sum::<f64>() / quarters.len() as f64),
            behind: people.iter().map(|r| r.behind).sum(),
            overdue: people.iter().map(|r| r.overdue.len()).sum(),
            people_overdue: people.iter().filter(|r| !r.overdue.is_empty()).count(),
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn books_of(plan: &Plan) -> Books {
    let docs = plan.by_kind();
    let responsibility = docs.career.map(|c| c.revenue.0);
    let Some(metric) = docs.metrics.and_then(progress::revenue_metric) else {
        return Books {
            responsibility,
            ..Books::default()
        };
    };
    Books {
        responsibility,
        has_metric: true,
        ytd: metric.ytd,
        actuals: metric.actuals.iter().map(|(p, v)| (*p, v.0)).collect(),
        targets: metric.targets.iter().map(|(y, v)| (*y, v.0)).collect(),
    }
}

/// The figure of the tree `person` heads for `month`, and who it lacks.
fn figure(
    tree: &Tree,
    books: &BTreeMap<String, Books>,
    person: &str,
    month: Period,
    missing: &mut Vec<Missing>,
) -> Option<f64> {
    let own = books.get(person);
    if let Some(value) = own.and_then(|b| b.actuals.get(&month)) {
        return Some(*value);
    }
    if own.is_some_and(|b| b.has_metric) {
        missing.push(Missing {
            person: person.to_owned(),
            last: own
                .and_then(|b| b.actuals.range(..=month).next_back().map(|(p, _)| p))
                .map(ToString::to_string),
        });
    }
    tree.reports(person)
        .iter()
        .filter_map(|r| figure(tree, books, r, month, missing))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v))
}

/// The revenue responsibility of the tree `person` heads.
fn responsibility(tree: &Tree, books: &BTreeMap<String, Books>, person: &str) -> Option<f64> {
    if let Some(value) = books.get(person).and_then(|b| b.responsibility) {
        return Some(value);
    }
    tree.reports(person)
        .iter()
        .filter_map(|r| responsibility(tree, books, r))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v))
}

/// The year's target of the tree `person` heads.
fn target(tree: &Tree, books: &BTreeMap<String, Books>, person: &str, year: i32) -> Option<f64> {
    if let Some(value) = books.get(person).and_then(|b| b.targets.get(&year)) {
        return Some(*value);
    }
    tree.reports(person)
        .iter()
        .filter_map(|r| target(tree, books, r, year))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v))
}

fn rollup(tree: &Tree, books: &BTreeMap<String, Books>, year: i32, as_of: NaiveDate) -> Rollup {
    let heads: Vec<&String> = books
        .keys()
        .filter(|p| !tree.manager.contains_key(*p))
        .collect();
    let ytd = books.values().any(|b| b.has_metric && b.ytd);
    let team_target = heads
        .iter()
        .filter_map(|h| target(tree, books, h, year))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v));
    let last = as_of.month();
    let months: Vec<MonthPoint> = (1..=last)
        .filter_map(|m| {
            let month = Period::Month(year, u8::try_from(m).ok()?);
            let mut missing = Vec::new();
            let actual = heads
                .iter()
                .filter_map(|h| figure(tree, books, h, month, &mut missing))
                .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v));
            let expected = team_target.map(|t| if ytd { prorated(t, month) } else { t });
            let share = |v: Option<f64>| {
                v.zip(team_target)
                    .filter(|(_, t)| *t > 0.0)
                    .map(|(v, t)| v / t)
            };
            Some(MonthPoint {
                actual_share: share(actual),
                actual_text: progress::format_value(actual, Some("USD")),
                expected_share: share(expected),
                month: month.to_string(),
                date: month.end(),
                actual,
                expected,
                missing,
            })
        })
        .collect();
    let at = months
        .iter()
        .rev()
        .find(|m| m.actual.is_some() && m.missing.is_empty())
        .or_else(|| months.iter().rev().find(|m| m.actual.is_some()))
        .cloned();
    Rollup {
        year,
        month: at.as_ref().map(|m| m.month.clone()),
        at,
        target: team_target,
        months,
    }
}

/// `target` prorated by the days of its year gone by the end of `month`.
fn prorated(target: f64, month: Period) -> f64 {
    let year = Period::Year(month.year());
    let days = (year.end() - year.start()).num_days() + 1;
    let gone = (month.end() - year.start()).num_days() + 1;
    target * gone as f64 / days as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(links: &[(&str, &str)]) -> BTreeMap<String, String> {
        links
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn a_circle_of_managers_is_found_from_each_member() {
        let links = tree(&[("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]);
        assert_eq!(
            cycle_from("a", &links),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        assert_eq!(cycle_from("d", &links), None);
    }

    #[test]
    fn a_month_is_prorated_by_its_days() {
        let half = prorated(365.0, Period::Month(2026, 6));
        assert!((half - 181.0).abs() < 1e-9, "{half}");
    }
}
