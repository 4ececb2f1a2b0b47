//! Every rule over one person's plan: ranges, periods, ids and references,
//! and the methodology of the guide (3-5 objectives a quarter, skill targets
//! that do not drop, revenue growth inside the band, measurable key results,
//! quarterly objectives linked to the year).
//!
//! Rules are pure: they read the loaded plan and return findings anchored at
//! YAML paths; the loader turns those into lines and columns.

use std::collections::{BTreeMap, HashMap};

use crate::diag::{Anchor, Finding, Target, YamlPath, did_you_mean};
use crate::item::{self, ItemKind, Node};
use crate::layout::{self, Kind, PLANS_DIR, Placement};
use crate::load::{Data, Document, Plan, Snapshot};
use crate::model::{self, Metric, MetricKind};
use crate::value::{Band, Period};

/// Skill levels run from 1 to 10, the guide's scale.
pub(crate) const LEVEL_MIN: i64 = 1;
/// The top of the skill scale.
pub(crate) const LEVEL_MAX: i64 = 10;
/// The longest id, in bytes.
pub(crate) const ID_MAX_LEN: usize = 64;
/// The characters of a check-in line: done (`x`, `X`), not done (`.`,
/// `-`, a space).
pub(crate) const CHECKIN_MARKS: [char; 5] = ['x', 'X', '.', '-', ' '];
/// A weekly habit's `times`: once to every day of the week.
pub(crate) const TIMES_MIN: u32 = 1;
/// The most check-ins a week a weekly habit can ask for.
pub(crate) const TIMES_MAX: u32 = 7;
pub(crate) use crate::value::DAY_MINUTES;
/// A growth band lies within -100% and +100% a year.
pub(crate) const GROWTH_LIMIT: f64 = 100.0;
/// The metric kinds whose `%` figures are shares of a whole, 0 to 100.
pub(crate) const SHARE_KINDS: [MetricKind; 2] = [MetricKind::Retention, MetricKind::MarketShare];

/// How far a target's implied growth may stray outside the band before it is
/// reported, in percentage points (targets are rounded by hand).
const GROWTH_TOLERANCE_PP: f64 = 0.5;

struct Defined {
    kind: ItemKind,
    path: String,
    at: YamlPath,
}

struct Checker<'a> {
    plan: &'a Plan,
    findings: Vec<Finding>,
    ids: HashMap<String, Vec<Defined>>,
    /// Kinds of the plan's files that failed to load: an id they would have
    /// defined is not reported as unknown, since the file's own error says
    /// what to fix.
    unloaded: Vec<Kind>,
}

fn node(path: &YamlPath) -> Anchor {
    Anchor::Node(path.clone(), Target::Value)
}

fn key(path: &YamlPath) -> Anchor {
    Anchor::Node(path.clone(), Target::Key)
}

/// Checks one person's plan.
/// The code of a plan folder that holds no plan file.
pub(crate) const EMPTY_PLAN: &str = "empty-plan";

/// The rule over a whole snapshot: `plans/` holds at least one plan file.
/// An empty plan is not a plan that passes.
pub(crate) fn no_plan(snapshot: &Snapshot) -> Option<Finding> {
    snapshot.plans.is_empty().then(|| {
        Finding::error(
            &format!("{PLANS_DIR}/"),
            Anchor::At { line: 1, column: 1 },
            EMPTY_PLAN,
            crate::error::EMPTY_PLAN,
        )
        .hint(Some(crate::error::START_A_PLAN.to_owned()))
    })
}

pub(crate) fn validate(plan: &Plan) -> Vec<Finding> {
    let mut checker = Checker {
        plan,
        findings: Vec::new(),
        ids: HashMap::new(),
        unloaded: unloaded_kinds(plan),
    };
    checker.run();
    checker.findings
}

/// The ids `plan` defines, with the kind of item each names.
#[cfg(test)]
pub(crate) fn defined_ids(plan: &Plan) -> Vec<(ItemKind, String)> {
    let mut checker = Checker {
        plan,
        findings: Vec::new(),
        ids: HashMap::new(),
        unloaded: Vec::new(),
    };
    for doc in &plan.docs {
        checker.collect_ids(doc);
    }
    checker
        .ids
        .into_iter()
        .flat_map(|(id, defs)| defs.into_iter().map(move |d| (d.kind, id.clone())))
        .collect()
}

impl<'a> Checker<'a> {
    fn error(
        &mut self,
        path: &str,
        anchor: Anchor,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        self.findings
            .push(Finding::error(path, anchor, code, message).hint(hint));
    }

    fn warn(
        &mut self,
        path: &str,
        anchor: Anchor,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        self.findings
            .push(Finding::warning(path, anchor, code, message).hint(hint));
    }

    fn docs(&self) -> impl Iterator<Item = &'a Document> + use<'a> {
        self.plan.docs.iter()
    }

    fn vision(&self) -> Option<&'a model::Vision> {
        self.docs().find_map(|d| match &d.data {
            Data::Vision(v) => Some(v.as_ref()),
            _ => None,
        })
    }

    fn run(&mut self) {
        let vision_path = format!("{}/vision.md", self.plan.root);
        let has_vision_file = self.plan.broken.contains(&vision_path);
        if self.vision().is_none() && !has_vision_file {
            self.error(
                &vision_path,
                Anchor::At { line: 1, column: 1 },
                "missing-file",
                format!("the plan in `{}/` has no vision.md", self.plan.root),
                Some("every plan starts from its vision: `roadmap init` writes one".to_owned()),
            );
        }
        let years = self.vision().map(|v| (v.start, v.end));
        for doc in self.docs() {
            self.collect_ids(doc);
            self.check_ranges(doc, years);
        }
        self.check_duplicate_ids();
        for doc in self.docs() {
            self.check_references(doc);
            self.check_methodology(doc);
            self.check_blank_lines(doc);
        }
    }

    /// A constraint or a success criterion with no words is a line the
    /// dashboard would show empty.
    fn check_blank_lines(&mut self, doc: &Document) {
        let root = YamlPath::root();
        let blank: Vec<(YamlPath, &str)> = match &doc.data {
            Data::Vision(v) => v
                .constraints
                .iter()
                .enumerate()
                .filter(|(_, c)| c.trim().is_empty())
                .map(|(i, _)| (root.at("constraints").at(i), "constraint"))
                .collect(),
            Data::Year(y) => y
                .success
                .iter()
                .enumerate()
                .filter(|(_, c)| c.title().trim().is_empty())
                .map(|(i, _)| (root.at("success").at(i), "success criterion"))
                .collect(),
            _ => Vec::new(),
        };
        for (at, what) in blank {
            self.warn(
                &doc.path,
                node(&at),
                "blank",
                format!("this {what} is empty"),
                Some("write it in a few words, or remove the line".to_owned()),
            );
        }
    }

    // ------------------------------------------------------------------ ids

    fn define(&mut self, id: &str, kind: ItemKind, doc: &Document, at: YamlPath) {
        let mut id_path = at;
        id_path.0.push("id".into());
        if !valid_id(id) {
            self.error(
                &doc.path,
                node(&id_path),
                "bad-id",
                format!("`{id}` is not a valid id"),
                Some("ids are lower-case letters, digits and `-`, `_` or `.`, starting with a letter or digit".to_owned()),
            );
        }
        self.ids.entry(id.to_owned()).or_default().push(Defined {
            kind,
            path: doc.path.clone(),
            at: id_path,
        });
    }

    fn collect_ids(&mut self, doc: &Document) {
        for item in item::items(doc) {
            self.define(item.id(), item.kind(), doc, item.at.clone());
            if let Node::Milestone(m) = item.node
                && let Some(done) = m.done.filter(|_| m.status != model::Status::Done)
            {
                self.warn(
                    &doc.path,
                    node(&item.at.at("done")),
                    "done-date",
                    format!(
                        "`{}` has a done date ({done}) but its status is {}",
                        m.id,
                        m.status.as_str()
                    ),
                    Some("set `status: done`, or remove the date".to_owned()),
                );
            }
        }
    }

    /// An id is defined once per file; across files only the same kind of
    /// item may reuse it, in another period's plan (carried over).
    fn check_duplicate_ids(&mut self) {
        let mut problems = Vec::new();
        for (id, defs) in &self.ids {
            for (i, later) in defs.iter().enumerate().skip(1) {
                let clash = defs[..i].iter().find(|earlier| {
                    earlier.path == later.path
                        || earlier.kind != later.kind
                        || !later.kind.carried_over()
                });
                if let Some(earlier) = clash {
                    let message = if earlier.kind == later.kind {
                        format!("duplicate id `{id}`")
                    } else {
                        format!(
                            "id `{id}` is already used by a {} in {}",
                            earlier.kind.label(),
                            earlier.path
                        )
                    };
                    let hint = format!("first defined at {} `{}`", earlier.path, earlier.at);
                    problems.push((later.path.clone(), later.at.clone(), message, hint));
                }
            }
        }
        for (path, at, message, hint) in problems {
            self.error(&path, node(&at), "duplicate-id", message, Some(hint));
        }
    }

    /// Whether an id of one of `kinds` may be defined in a file that did
    /// not load.
    fn maybe_unloaded(&self, kinds: &[ItemKind]) -> bool {
        kinds
            .iter()
            .any(|k| k.defined_in().iter().any(|d| self.unloaded.contains(d)))
    }

    fn ids_of(&self, kinds: &[ItemKind]) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .ids
            .iter()
            .filter(|(_, defs)| defs.iter().any(|d| kinds.contains(&d.kind)))
            .map(|(id, _)| id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// `id`, at `at`, names an item of one of `kinds`.
    fn reference(&mut self, doc: &Document, at: &YamlPath, id: &str, kinds: &[ItemKind]) {
        self.reference_as(doc, at, id, kinds, &item::one_of(kinds));
    }

    /// `id` names an item of one of `kinds`, called `what`.
    fn reference_as(
        &mut self,
        doc: &Document,
        at: &YamlPath,
        id: &str,
        kinds: &[ItemKind],
        what: &str,
    ) {
        let known = self
            .ids
            .get(id)
            .is_some_and(|defs| defs.iter().any(|d| kinds.contains(&d.kind)));
        if known || self.maybe_unloaded(kinds) {
            return;
        }
        let candidates = self.ids_of(kinds);
        let hint = did_you_mean(id, candidates.iter().copied()).or_else(|| {
            if candidates.is_empty() {
                Some(format!("the plan defines no {what} yet"))
            } else {
                None
            }
        });
        self.error(
            &doc.path,
            node(at),
            "unknown-id",
            format!("no {what} has the id `{id}`"),
            hint,
        );
    }

    /// `id`, a key at `at`, names an item of `kind`.
    fn key_reference(&mut self, doc: &Document, at: &YamlPath, id: &str, kind: ItemKind) {
        let known = self
            .ids
            .get(id)
            .is_some_and(|defs| defs.iter().any(|d| d.kind == kind));
        if known || self.maybe_unloaded(&[kind]) {
            return;
        }
        let candidates = self.ids_of(&[kind]);
        let hint = did_you_mean(id, candidates.iter().copied());
        self.error(
            &doc.path,
            key(at),
            "unknown-id",
            format!("no {} has the id `{id}`", kind.label()),
            hint,
        );
    }

    // ------------------------------------------------------------ references

    /// A quarter's objective serves its own year: `supports` naming an
    /// objective that only another year's plan holds is a slip.
    fn same_year(&mut self, doc: &Document, at: &YamlPath, target: &str) {
        let Some(year) = doc.period.map(crate::value::Period::year) else {
            return;
        };
        let own_year = format!("/years/{year}.md");
        let Some(defs) = self.ids.get(target) else {
            return;
        };
        let annual: Vec<&Defined> = defs
            .iter()
            .filter(|d| d.kind == ItemKind::AnnualObjective)
            .collect();
        if annual.is_empty() || annual.iter().any(|d| d.path.ends_with(&own_year)) {
            return;
        }
        let other = annual[0].path.clone();
        self.warn(
            &doc.path,
            node(at),
            "other-year",
            format!("`{target}` is an objective of {other}, not of the {year} plan"),
            Some(format!(
                "link to an objective of years/{year}.md, or carry `{target}` over into it"
            )),
        );
    }

    fn check_references(&mut self, doc: &Document) {
        let root = YamlPath::root();
        match &doc.data {
            Data::Year(y) => {
                if let Some(phase) = &y.phase {
                    self.reference(doc, &root.at("phase"), phase, &[ItemKind::Phase]);
                }
                for (i, skill) in y.skills.iter().enumerate() {
                    self.reference(doc, &root.at("skills").at(i), skill, &[ItemKind::Skill]);
                }
                for (i, o) in y.objectives.iter().enumerate() {
                    if let Some(metric) = &o.metric {
                        let at = root.at("objectives").at(i).at("metric");
                        self.reference(doc, &at, metric, &[ItemKind::Metric]);
                    }
                }
            }
            Data::Quarter(q) => {
                for (i, o) in q.objectives.iter().enumerate() {
                    for (k, target) in o.supports.iter().enumerate() {
                        let at = root.at("objectives").at(i).at("supports").at(k);
                        self.reference(doc, &at, target, &[ItemKind::AnnualObjective]);
                        self.same_year(doc, &at, target);
                    }
                }
                for (i, habit) in q.habits.iter().enumerate() {
                    self.reference(doc, &root.at("habits").at(i), habit, &[ItemKind::Habit]);
                }
                self.check_measures(doc, q);
            }
            Data::Habits(h) => {
                for (i, habit) in h.habits.iter().enumerate() {
                    for (k, goal) in habit.serves.iter().enumerate() {
                        let at = root.at("habits").at(i).at("serves").at(k);
                        self.reference_as(doc, &at, goal, &ItemKind::GOALS, "goal");
                    }
                }
            }
            Data::CheckIns(marks) => {
                for habit in marks.keys() {
                    self.key_reference(doc, &root.at(habit.as_str()), habit, ItemKind::Habit);
                }
            }
            Data::Review(r) => {
                for skill in r.skills.keys() {
                    self.key_reference(
                        doc,
                        &root.at("skills").at(skill.as_str()),
                        skill,
                        ItemKind::Skill,
                    );
                }
            }
            Data::Time(log) => self.time_categories(doc, log),
            _ => {}
        }
    }

    /// Each category of a time log is one of the habits' time budget.
    fn time_categories(&mut self, doc: &Document, log: &model::TimeLog) {
        if self.unloaded.contains(&Kind::Habits) {
            return;
        }
        let budget: Vec<&str> = self
            .docs()
            .find_map(|d| match &d.data {
                Data::Habits(h) => Some(h.time.keys().map(String::as_str).collect()),
                _ => None,
            })
            .unwrap_or_default();
        for (day, spent) in log {
            for category in spent.keys() {
                if budget.contains(&category.as_str()) {
                    continue;
                }
                let at = YamlPath::root().at(day.to_string()).at(category.as_str());
                let hint = did_you_mean(category, budget.iter().copied()).or_else(|| {
                    Some(if budget.is_empty() {
                        "name the categories in habits.yaml, e.g. `time: {strategic: 30, tactical: 70}`".to_owned()
                    } else {
                        format!("the budget's categories are {}", budget.join(", "))
                    })
                });
                self.error(
                    &doc.path,
                    key(&at),
                    "unknown-id",
                    format!("no time budget category has the id `{category}`"),
                    hint,
                );
            }
        }
    }

    /// A key result that `measures` a metric, relationship goal or
    /// milestone: the id exists, the units agree, and the value lives in
    /// one place only (docs/format.md, "One fact, one place").
    fn check_measures(&mut self, doc: &Document, q: &model::QuarterPlan) {
        let root = YamlPath::root();
        for (i, o) in q.objectives.iter().enumerate() {
            for (k, kr) in o.key_results.iter().enumerate() {
                let Some(id) = &kr.measures else {
                    continue;
                };
                let at = root.at("objectives").at(i).at("key_results").at(k);
                let kinds = [
                    ItemKind::Metric,
                    ItemKind::Relationship,
                    ItemKind::Milestone,
                ];
                self.reference(doc, &at.at("measures"), id, &kinds);
                let Some(source) = crate::link::source(self.plan, id) else {
                    continue;
                };
                if let Some(problem) = source.mismatch(kr.unit.as_deref(), kr.target.map(|t| t.0)) {
                    self.error(
                        &doc.path,
                        node(&at.at("measures")),
                        "measures-unit",
                        format!(
                            "`{}` cannot measure {} `{id}`: {problem}",
                            kr.id,
                            source.kind()
                        ),
                        Some(
                            "give the key result the unit of what it measures, or drop `measures`"
                                .to_owned(),
                        ),
                    );
                }
                if kr.current.is_some() && !kr.linked {
                    self.error(
                        &doc.path,
                        node(&at.at("current")),
                        "measures-current",
                        format!(
                            "`{}` measures {} `{id}` and states a `current` of its own: one fact, one place",
                            kr.id,
                            source.kind()
                        ),
                        Some(format!(
                            "delete `current`: the key result reads its value from `{id}`"
                        )),
                    );
                }
            }
        }
    }

    // ---------------------------------------------------------------- ranges

    fn check_ranges(&mut self, doc: &Document, years: Option<(i32, i32)>) {
        match &doc.data {
            Data::Vision(v) => self.vision_ranges(doc, v),
            Data::Strategy(s) => self.strategy_ranges(doc, s, years),
            Data::Capabilities(c) => self.capability_ranges(doc, c, years),
            Data::Metrics(m) => self.metric_ranges(doc, m, years),
            Data::Relationships(r) => self.relationship_ranges(doc, r),
            Data::Year(y) => self.period_key(doc, y.period),
            Data::Quarter(q) => self.quarter_ranges(doc, q),
            Data::CheckIns(marks) => self.checkin_ranges(doc, marks),
            Data::Review(r) => self.review_ranges(doc, r),
            Data::Career(c) => self.career_file_ranges(doc, c),
            Data::Time(log) => self.time_ranges(doc, log),
            Data::Habits(h) => self.habit_ranges(doc, h),
        }
    }

    /// The vision's years, weights and goal team.
    fn vision_ranges(&mut self, doc: &Document, v: &model::Vision) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        if v.end <= v.start || v.end - v.start > 40 {
            self.error(
                path,
                node(&root.at("end")),
                "range",
                format!(
                    "the plan runs from {} to {}: `end` must come after `start`, within 40 years",
                    v.start, v.end
                ),
                None,
            );
        }
        let w = v.weights;
        let weights = [w.revenue, w.role, w.team, w.skills, w.milestones];
        if weights.iter().any(|x| *x < 0.0) || weights.iter().sum::<f64>() <= 0.0 {
            self.error(
                path,
                node(&root.at("weights")),
                "range",
                "weights must be 0 or more, and not all 0".to_owned(),
                None,
            );
        }
        self.non_negative_band(path, &root.at("goal").at("team"), v.goal.team, "team size");
    }

    /// Each phase's years: a span inside the plan, after the phase before.
    fn strategy_ranges(&mut self, doc: &Document, s: &model::Strategy, years: Option<(i32, i32)>) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        let mut previous_end: Option<(i32, usize)> = None;
        for (i, phase) in s.phases.iter().enumerate() {
            let at = root.at("phases").at(i);
            let (lo, hi) = (phase.years.lo, phase.years.hi);
            let whole = lo.fract() == 0.0 && hi.fract() == 0.0;
            if !whole || !(1000.0..=9999.0).contains(&lo) || !(1000.0..=9999.0).contains(&hi) {
                self.error(
                    path,
                    node(&at.at("years")),
                    "range",
                    format!(
                        "`{}` is not a span of years (write e.g. `2025-2026`)",
                        phase.years
                    ),
                    None,
                );
                continue;
            }
            let (lo, hi) = (lo as i32, hi as i32);
            if let Some((start, end)) = years
                && (lo < start || hi > end)
            {
                self.error(
                    path,
                    node(&at.at("years")),
                    "range",
                    format!("phase years {lo}-{hi} fall outside the plan's {start}-{end}"),
                    None,
                );
            }
            if let Some((end, before)) = previous_end
                && lo <= end
            {
                self.warn(
                    path,
                    node(&at.at("years")),
                    "phase-overlap",
                    format!(
                        "this phase starts in {lo}, before phase {} ends in {end}",
                        before + 1
                    ),
                    Some("phases follow one another: start this one the year after".to_owned()),
                );
            }
            previous_end = Some((hi, i));
            if let Some(team) = phase.team {
                self.non_negative_band(path, &at.at("team"), team, "team size");
            }
        }
    }

    /// Skill levels and their targets' years.
    fn capability_ranges(
        &mut self,
        doc: &Document,
        c: &model::Capabilities,
        years: Option<(i32, i32)>,
    ) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        for (i, skill) in c.skills.iter().enumerate() {
            let at = root.at("skills").at(i);
            self.level(path, &at.at("level"), skill.level);
            for (year, level) in &skill.targets {
                let target_at = at.at("targets").at(year.to_string());
                self.level(path, &target_at, *level);
                self.year_in_plan(path, &target_at, *year, years);
            }
        }
    }

    /// The growth band and each metric's figures.
    fn metric_ranges(&mut self, doc: &Document, m: &model::Metrics, years: Option<(i32, i32)>) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        if m.growth.lo < -GROWTH_LIMIT || m.growth.hi > GROWTH_LIMIT {
            self.error(
                path,
                node(&root.at("growth")),
                "range",
                format!(
                    "a growth band of {}% a year is out of range (-{GROWTH_LIMIT}% to {GROWTH_LIMIT}%)",
                    m.growth
                ),
                None,
            );
        }
        for (i, metric) in m.metrics.iter().enumerate() {
            self.check_metric_ranges(path, &root.at("metrics").at(i), metric, years);
        }
    }

    /// Relationship goals' targets and counts.
    fn relationship_ranges(&mut self, doc: &Document, r: &model::Relationships) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        for (i, goal) in r.goals.iter().enumerate() {
            if goal.target == Some(0) {
                let at = root.at("goals").at(i).at("target");
                self.error(
                    path,
                    node(&at),
                    "range",
                    "a target of 0 cannot be reached or missed".to_owned(),
                    None,
                );
            } else if let (Some(target), Some(current)) = (goal.target, goal.current)
                && current > target.saturating_mul(100)
            {
                let at = root.at("goals").at(i).at("current");
                self.warn(
                    path,
                    node(&at),
                    "range",
                    format!("{current} is far beyond the target of {target}"),
                    None,
                );
            }
        }
    }

    /// A quarter's period, its percentages and its milestones' due dates.
    fn quarter_ranges(&mut self, doc: &Document, q: &model::QuarterPlan) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        self.period_key(doc, q.period);
        for (i, o) in q.objectives.iter().enumerate() {
            let at = root.at("objectives").at(i);
            for (k, kr) in o.key_results.iter().enumerate() {
                let kr_at = at.at("key_results").at(k);
                if kr.unit.as_deref() == Some("%") {
                    for (name, value) in [("target", kr.target), ("current", kr.current)] {
                        if value.is_some_and(|v| v.0 < 0.0) {
                            let message = format!(
                                "a percentage cannot be negative ({})",
                                value.unwrap_or_default()
                            );
                            self.error(path, node(&kr_at.at(name)), "range", message, None);
                        }
                    }
                }
            }
            for (k, m) in o.milestones.iter().enumerate() {
                if let (Some(due), Some(Period::Quarter(y, q))) = (m.due, doc.period) {
                    let quarter = Period::Quarter(y, q);
                    if due.start() > quarter.end() || due.end() < quarter.start() {
                        self.warn(
                            path,
                            node(&at.at("milestones").at(k).at("due")),
                            "period",
                            format!("milestone due {due}, outside {quarter}"),
                            Some("a quarter's milestones fall inside the quarter".to_owned()),
                        );
                    }
                }
            }
        }
    }

    /// A month's check-in marks: known marks, one a day at most.
    fn checkin_ranges(&mut self, doc: &Document, marks: &model::CheckIns) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        let Some(Period::Month(y, m)) = doc.period else {
            return;
        };
        let days = crate::value::month_end(y, u32::from(m))
            .format("%d")
            .to_string();
        let days: usize = days.parse().unwrap_or(31);
        for (habit, line) in marks {
            let at = root.at(habit.as_str());
            if let Some((i, c)) = line
                .chars()
                .enumerate()
                .find(|(_, c)| !CHECKIN_MARKS.contains(c))
            {
                self.error(
                    path,
                    node(&at),
                    "checkin",
                    format!("day {}: `{c}` is not a check-in mark", i + 1),
                    Some(
                        "one character per day: `x` done, `.` (or `-`, or a space) not done"
                            .to_owned(),
                    ),
                );
            } else if line.chars().count() > days {
                self.error(
                    path,
                    node(&at),
                    "checkin",
                    format!("{} marks for a month of {days} days", line.chars().count()),
                    None,
                );
            }
        }
    }

    /// A review's skill levels and date.
    fn review_ranges(&mut self, doc: &Document, r: &model::Review) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        for (skill, level) in &r.skills {
            self.level(path, &root.at("skills").at(skill.as_str()), *level);
        }
        if let (Some(as_of), Some(period)) = (r.as_of, doc.period)
            && as_of.0 < period.start()
        {
            self.error(
                path,
                node(&root.at("as_of")),
                "period",
                format!("a review of {period} dated {as_of}, before the period starts"),
                None,
            );
        }
    }

    /// The ranking and the career figures.
    fn career_file_ranges(&mut self, doc: &Document, c: &model::Career) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        if let Some(ranking) = &c.ranking
            && (ranking.rank == 0 || ranking.rank > ranking.of)
        {
            self.error(
                path,
                node(&root.at("ranking").at("rank")),
                "range",
                format!(
                    "rank {} of {} is not a place in the ranking",
                    ranking.rank, ranking.of
                ),
                None,
            );
        }
        self.career_ranges(path, &root, c);
    }

    /// Each day of a time log: inside its month, within a day's minutes.
    fn time_ranges(&mut self, doc: &Document, log: &model::TimeLog) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        let Some(period) = doc.period else {
            return;
        };
        for (day, spent) in log {
            let at = root.at(day.to_string());
            if day.0 < period.start() || day.0 > period.end() {
                self.error(
                    path,
                    key(&at),
                    "period",
                    format!("{day} is not in {period}"),
                    Some(format!(
                        "record it in time/{}.yaml",
                        Period::month_of(day.0)
                    )),
                );
            }
            let total: u32 = spent.values().map(|d| d.0).sum();
            if total > DAY_MINUTES {
                self.error(
                    path,
                    key(&at),
                    "range",
                    format!(
                        "{} recorded on {day}, more than a day holds",
                        crate::value::Duration(total)
                    ),
                    None,
                );
            }
        }
    }

    /// The time budget's shares and each habit's cadence.
    fn habit_ranges(&mut self, doc: &Document, h: &model::Habits) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        if h.time.values().any(|s| *s > 100)
            || (!h.time.is_empty() && h.time.values().sum::<u32>() != 100)
        {
            self.error(
                path,
                node(&root.at("time")),
                "range",
                format!(
                    "the time budget's shares add up to {}%, not 100%",
                    h.time.values().sum::<u32>()
                ),
                Some("give each category its share of a week's time, e.g. `strategic: 30` and `tactical: 70`".to_owned()),
            );
        }
        // A value the loader stood in for an unknown word would
        // be judged here as if written.
        if self.plan.problems.iter().any(|p| p.path == path) {
            return;
        }
        for (i, habit) in h.habits.iter().enumerate() {
            self.cadence(path, &root.at("habits").at(i), habit);
        }
    }

    /// `days` goes with `cadence: days` and `times` with `cadence: weekly`,
    /// each within its range.
    fn cadence(&mut self, path: &str, at: &YamlPath, habit: &model::Habit) {
        use model::Cadence;
        let cadence = match habit.cadence {
            Cadence::Daily => "daily",
            Cadence::Workdays => "workdays",
            Cadence::Days => "days",
            Cadence::Weekly => "weekly",
        };
        if habit.cadence == Cadence::Days && habit.days.is_empty() {
            self.error(
                path,
                node(&at.at("cadence")),
                "cadence",
                "`cadence: days` with no `days` to keep it on".to_owned(),
                Some("list the weekdays, e.g. `days: [mon, wed, fri]`".to_owned()),
            );
        }
        if habit.cadence != Cadence::Days && !habit.days.is_empty() {
            self.error(
                path,
                key(&at.at("days")),
                "cadence",
                format!("`days` is for `cadence: days`, not `{cadence}`"),
                Some(
                    "write `cadence: days` to keep the habit on those weekdays, or remove `days`"
                        .to_owned(),
                ),
            );
        }
        for (k, day) in habit.days.iter().enumerate() {
            if habit.days[..k].contains(day) {
                let name = serde_json::to_value(day)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                self.error(
                    path,
                    node(&at.at("days").at(k)),
                    "cadence",
                    format!("`{name}` is listed twice"),
                    Some("list each weekday once".to_owned()),
                );
            }
        }
        if let Some(times) = habit.times {
            if habit.cadence != Cadence::Weekly {
                self.error(
                    path,
                    key(&at.at("times")),
                    "cadence",
                    format!("`times` is for `cadence: weekly`, not `{cadence}`"),
                    Some("write `cadence: weekly` to keep the habit a number of days a week, or remove `times`".to_owned()),
                );
            } else if !(TIMES_MIN..=TIMES_MAX).contains(&times) {
                self.error(
                    path,
                    node(&at.at("times")),
                    "range",
                    format!("{times} times a week is out of range ({TIMES_MIN} to {TIMES_MAX})"),
                    Some(if times > TIMES_MAX {
                        "a week has 7 days: use `cadence: daily` for every day".to_owned()
                    } else {
                        "at least once a week".to_owned()
                    }),
                );
            }
        }
    }

    /// A market percentile from 1 to 99, a promotion benchmark of at
    /// least a month.
    fn career_ranges(&mut self, path: &str, root: &YamlPath, c: &model::Career) {
        if let Some(market) = c.compensation.as_ref().and_then(|p| p.market)
            && !(1..=99).contains(&market)
        {
            self.error(
                path,
                node(&root.at("compensation").at("market")),
                "range",
                format!(
                    "market {market} is not a percentile: write a whole number from 1 to 99 (50 is the market's median)"
                ),
                None,
            );
        }
        if c.promotion_benchmark == Some(0) {
            self.error(
                path,
                node(&root.at("promotion_benchmark")),
                "range",
                "a promotion benchmark of 0 months: write the months between promotions you measure yours against, e.g. 36".to_owned(),
                None,
            );
        }
    }

    fn level(&mut self, path: &str, at: &YamlPath, level: i64) {
        if !(LEVEL_MIN..=LEVEL_MAX).contains(&level) {
            self.error(
                path,
                node(at),
                "range",
                format!(
                    "level {level} is out of range: levels run from {LEVEL_MIN} to {LEVEL_MAX}"
                ),
                None,
            );
        }
    }

    fn non_negative_band(&mut self, path: &str, at: &YamlPath, band: Band, what: &str) {
        if band.lo < 0.0 {
            self.error(
                path,
                node(at),
                "range",
                format!("a {what} cannot be negative ({band})"),
                None,
            );
        }
    }

    fn year_in_plan(&mut self, path: &str, at: &YamlPath, year: i32, years: Option<(i32, i32)>) {
        if let Some((start, end)) = years
            && (year < start - 1 || year > end)
        {
            self.error(
                path,
                key(at),
                "range",
                format!("{year} is outside the plan's years {start}-{end}"),
                None,
            );
        }
    }

    fn period_key(&mut self, doc: &Document, stated: Option<Period>) {
        if let (Some(stated), Some(named)) = (stated, doc.period)
            && stated != named
        {
            self.error(
                &doc.path,
                node(&YamlPath::root().at("period")),
                "period",
                format!("`period: {stated}` does not match the file name, which says {named}"),
                Some("rename the file or fix the period".to_owned()),
            );
        }
    }

    fn check_metric_ranges(
        &mut self,
        path: &str,
        at: &YamlPath,
        metric: &Metric,
        years: Option<(i32, i32)>,
    ) {
        let percent = metric.unit.as_deref() == Some("%");
        let bounded = percent && SHARE_KINDS.contains(&metric.kind);
        for (year, target) in &metric.targets {
            let target_at = at.at("targets").at(year.to_string());
            self.year_in_plan(path, &target_at, *year, years);
            self.percent_value(path, &target_at, target.0, bounded);
        }
        for (period, actual) in &metric.actuals {
            let actual_at = at.at("actuals").at(period.to_string());
            if !matches!(period, Period::Month(..) | Period::Year(_)) {
                self.error(
                    path,
                    key(&actual_at),
                    "period",
                    format!(
                        "actuals are recorded by month (`2026-10`) or year (`2025`), not `{period}`"
                    ),
                    None,
                );
            }
            self.percent_value(path, &actual_at, actual.0, bounded);
        }
        if let Some(baseline) = metric.baseline {
            self.percent_value(path, &at.at("baseline"), baseline.0, bounded);
        }
    }

    fn percent_value(&mut self, path: &str, at: &YamlPath, value: f64, bounded: bool) {
        if bounded && !(0.0..=100.0).contains(&value) {
            self.error(
                path,
                node(at),
                "range",
                format!("{value}% is not a percentage between 0 and 100"),
                None,
            );
        }
    }

    // ----------------------------------------------------------- methodology

    fn check_methodology(&mut self, doc: &Document) {
        let root = YamlPath::root();
        let path = doc.path.as_str();
        match &doc.data {
            Data::Quarter(q) => {
                let n = q.objectives.len();
                if !(3..=5).contains(&n) {
                    self.warn(
                        path,
                        key(&root.at("objectives")),
                        "objective-count",
                        format!(
                            "{n} objective{} this quarter; the guide asks for 3 to 5",
                            if n == 1 { "" } else { "s" }
                        ),
                        Some(
                            if n < 3 {
                                "add objectives from the categories not yet covered"
                            } else {
                                "focus: move the rest to next quarter"
                            }
                            .to_owned(),
                        ),
                    );
                }
                for (i, o) in q.objectives.iter().enumerate() {
                    let at = root.at("objectives").at(i);
                    if o.supports.is_empty() {
                        self.warn(
                            path,
                            node(&at.at("id")),
                            "unlinked",
                            format!("objective `{}` supports no annual objective", o.id),
                            Some("add `supports: [<annual objective id>]`".to_owned()),
                        );
                    }
                    for (k, kr) in o.key_results.iter().enumerate() {
                        if kr.target.is_none() {
                            self.warn(
                                path,
                                node(&at.at("key_results").at(k).at("id")),
                                "no-target",
                                format!("key result `{}` has no target", kr.id),
                                Some("a key result is measurable: add `target:`".to_owned()),
                            );
                        }
                    }
                }
            }
            Data::Capabilities(c) => {
                for (i, skill) in c.skills.iter().enumerate() {
                    let mut previous: Option<(i32, i64)> = None;
                    for (year, level) in &skill.targets {
                        if let Some((last_year, last)) = previous
                            && *level < last
                        {
                            let at = root.at("skills").at(i).at("targets").at(year.to_string());
                            self.warn(
                                    path,
                                    node(&at),
                                    "target-drop",
                                    format!("`{}` target drops from {last} in {last_year} to {level} in {year}", skill.id),
                                    Some("skill targets hold or rise from one year to the next".to_owned()),
                                );
                        }
                        previous = Some((*year, *level));
                    }
                }
            }
            Data::Metrics(m) => {
                let first_year = self.vision().map(|v| v.start);
                for (i, metric) in m.metrics.iter().enumerate() {
                    let band = match (metric.growth, metric.kind) {
                        (Some(band), _) => band,
                        (None, MetricKind::Revenue) => m.growth,
                        (None, _) => continue,
                    };
                    self.check_growth(path, &root.at("metrics").at(i), metric, band, first_year);
                }
            }
            _ => {}
        }
    }

    /// Each revenue target's implied annual growth (compound, over any gap
    /// since the previous target or the baseline) must lie in the band.
    fn check_growth(
        &mut self,
        path: &str,
        at: &YamlPath,
        metric: &Metric,
        band: Band,
        first_year: Option<i32>,
    ) {
        let mut points: BTreeMap<i32, f64> =
            metric.targets.iter().map(|(y, a)| (*y, a.0)).collect();
        if let (Some(baseline), Some(first)) = (metric.baseline, first_year) {
            points.entry(first - 1).or_insert(baseline.0);
        }
        let mut previous: Option<(i32, f64)> = None;
        for (&year, &value) in &points {
            if let Some((last_year, last)) = previous
                && last > 0.0
                && value > 0.0
            {
                let span = f64::from(year - last_year);
                let growth = ((value / last).powf(1.0 / span) - 1.0) * 100.0;
                let inside = growth >= band.lo - GROWTH_TOLERANCE_PP
                    && growth <= band.hi + GROWTH_TOLERANCE_PP;
                if !inside && metric.targets.contains_key(&year) {
                    let target_at = at.at("targets").at(year.to_string());
                    self.warn(
                            path,
                            node(&target_at),
                            "growth-band",
                            format!(
                                "`{}` target for {year} implies {growth:.1}% growth a year, outside the band of {band}%",
                                metric.id
                            ),
                            Some(format!(
                                "within the band the {year} target is {}-{}",
                                crate::value::format_amount(last * (1.0 + band.lo / 100.0).powf(span)),
                                crate::value::format_amount(last * (1.0 + band.hi / 100.0).powf(span))
                            )),
                        );
                }
            }
            previous = Some((year, value));
        }
    }
}

/// The kinds of the plan's files that did not load.
fn unloaded_kinds(plan: &Plan) -> Vec<Kind> {
    let prefix = format!("{PLANS_DIR}/");
    plan.broken
        .iter()
        .filter_map(
            |path| match layout::classify(path.strip_prefix(&prefix).unwrap_or(path)) {
                Placement::Plan { kind, .. } => Some(kind),
                Placement::Ignored | Placement::Misplaced { .. } => None,
            },
        )
        .collect()
}

/// Ids are what a person types on the command line: short and plain.
pub(crate) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.len() <= ID_MAX_LEN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Content, RawFile, load};

    fn codes(files: &[(&str, &str)]) -> Vec<(String, &'static str)> {
        let raw = files
            .iter()
            .map(|(path, text)| RawFile {
                path: (*path).to_owned(),
                content: Content::Bytes(text.as_bytes().to_vec()),
            })
            .collect();
        let snapshot = load(raw);
        let findings = snapshot.plans.iter().flat_map(validate).collect();
        snapshot
            .diagnostics(findings)
            .into_iter()
            .map(|d| (d.path, d.code))
            .collect()
    }

    #[test]
    fn a_file_that_fails_to_load_does_not_make_its_ids_unknown() {
        let vision = "---\nname: A\nstart: 2026\nend: 2035\nnow: {role: AE, revenue: 1M}\ngoal: {role: VP, revenue: 5M, team: 10}\n---\n";
        let habits = "habits:\n  - id: reading\n    title: [Read\n";
        let checkins = "reading: xx\nwriting: x.\n";
        let found = codes(&[
            ("plans/vision.md", vision),
            ("plans/habits.yaml", habits),
            ("plans/checkins/2026-01.yaml", checkins),
        ]);
        assert_eq!(found, vec![("plans/habits.yaml".to_owned(), "syntax")]);
        let found = codes(&[
            ("plans/vision.md", vision),
            ("plans/habits.yaml", "habits: []\n"),
            ("plans/checkins/2026-01.yaml", checkins),
        ]);
        assert_eq!(
            found,
            vec![
                ("plans/checkins/2026-01.yaml".to_owned(), "unknown-id"),
                ("plans/checkins/2026-01.yaml".to_owned(), "unknown-id"),
            ]
        );
    }

    #[test]
    fn ids_are_plain() {
        assert!(valid_id("q3-new-business"));
        assert!(valid_id("2026.kr_1"));
        assert!(!valid_id("Q3 New"));
        assert!(!valid_id("-lead"));
        assert!(!valid_id(""));
    }
}
