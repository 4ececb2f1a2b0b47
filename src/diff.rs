//! The semantic difference between two snapshots of a plan, matched by id:
//! items added, removed, renamed, moved; targets raised or lowered; statuses,
//! dates and actuals changed; prose added, removed or changed, line by line.
//!
//! Both sides are compared as parsed values, never as text, so reindenting,
//! reordering keys, requoting or editing comments is no change at all.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::item::{self, ItemKind, Node};
use crate::load::{Data, Document, Plan, Snapshot};
use crate::model::{self, Status};
use crate::value::format_amount;

/// One field's value, as compared.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum Field {
    Num(f64),
    Text(String),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Num(n) => f.write_str(&format_amount(*n)),
            Field::Text(t) => f.write_str(t),
        }
    }
}

/// How a field's change reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FieldKind {
    Target,
    Actual,
    Status,
    Date,
    Other,
}

/// A tracked item of one side, with the fields the diff compares.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    kind: &'static str,
    title: String,
    path: String,
    fields: BTreeMap<String, (FieldKind, Field)>,
}

/// The identity of an item: person, the period of the file for items of a
/// quarterly or annual plan, and id.
type Key = (Option<String>, String, String);

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct ItemRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Whose plan, in a repository with one folder per person.
    pub person: Option<String>,
    /// The period of the plan the item belongs to (`2026-Q2`), if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period: String,
    /// The item's id.
    pub id: String,
    /// What the item is: `objective`, `key-result`, `metric`, `skill`, `milestone`, ...
    pub kind: &'static str,
    /// The item's title (its name for a skill or metric).
    pub title: String,
    /// The file it is in, relative to the repository root.
    pub path: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct FieldChange {
    /// Which value: `target`, `current`, `status`, `target 2027`, `actual 2026-07`, ...
    pub field: String,
    /// How the change reads: `target`, `actual`, `status`, `date` or `other`.
    pub kind: FieldKind,
    /// The value before, or `null` when it had none.
    pub from: Option<Field>,
    /// The value after, or `null` when it has none.
    pub to: Option<Field>,
    /// For numbers: `to - from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    /// For numbers: the change in percent of `from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// For targets: `raised` or `lowered`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Changed {
    /// The item, as it is on the newer side.
    pub item: ItemRef,
    /// The old title, when the item was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The old path, when the item moved between files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// Each value that changed.
    pub fields: Vec<FieldChange>,
}

/// How a file's Markdown prose changed: a file's prose that is new or
/// gone is counted in words, a changed one is a line diff.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct ProseChange {
    /// Whose plan, in a repository with one folder per person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The file, relative to the repository root.
    pub path: String,
    /// `added` (a new file, or prose where there was none), `removed`, or
    /// `changed`.
    pub change: ProseKind,
    /// The words of prose the file holds on the newer side (on the older
    /// side when `removed`).
    pub words: usize,
    /// The words of prose on the older side, when `changed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words_before: Option<usize>,
    /// When `changed`: the lines removed and added, in order; lines that
    /// stayed and blank lines are left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<ProseLine>,
}

/// What happened to a file's prose, or to one line of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ProseKind {
    Added,
    Removed,
    Changed,
}

/// One line of a changed file's prose.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct ProseLine {
    /// `removed` or `added`.
    pub change: ProseKind,
    /// The line, without its line ending.
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub(crate) struct Summary {
    /// Items added, by kind.
    pub added: BTreeMap<&'static str, usize>,
    /// Items removed, by kind.
    pub removed: BTreeMap<&'static str, usize>,
    /// Items changed, by kind.
    pub changed: BTreeMap<&'static str, usize>,
    /// Targets raised.
    pub targets_raised: usize,
    /// Targets lowered: goal drift.
    pub targets_lowered: usize,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub(crate) struct PlanDiff {
    /// Items on the newer side only, matched by id.
    pub added: Vec<ItemRef>,
    /// Items on the older side only, matched by id.
    pub removed: Vec<ItemRef>,
    /// Items on both sides whose values, title or file changed.
    pub changed: Vec<Changed>,
    /// The Markdown prose of each file that changed, by file.
    pub prose: Vec<ProseChange>,
    /// How many of each.
    pub summary: Summary,
    /// Files that do not load on one side (or both): their items are left
    /// out of `added`, `removed` and `changed`, since what they hold on
    /// that side is unknown, not gone.
    pub unreadable: Vec<Unreadable>,
}

/// A file that does not load on a side of the diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub(crate) struct Unreadable {
    /// The file, relative to the repository root.
    pub path: String,
    /// `from`, `to` or `both`.
    pub side: &'static str,
}

impl PlanDiff {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.prose.is_empty()
    }

    /// Whether the diff is of a team's plans (one folder per person).
    pub(crate) fn is_team(&self) -> bool {
        self.added
            .iter()
            .chain(&self.removed)
            .chain(self.changed.iter().map(|c| &c.item))
            .any(|i| i.person.is_some())
            || self.prose.iter().any(|p| p.person.is_some())
            || self.unreadable.iter().any(|u| person_of(&u.path).is_some())
    }

    /// The diff split by person, in order of name, each with its own
    /// summary; a person with no difference is left out.
    pub(crate) fn by_person(&self) -> Vec<(Option<String>, PlanDiff)> {
        let mut out: BTreeMap<Option<String>, PlanDiff> = BTreeMap::new();
        for item in &self.added {
            out.entry(item.person.clone())
                .or_default()
                .added
                .push(item.clone());
        }
        for item in &self.removed {
            out.entry(item.person.clone())
                .or_default()
                .removed
                .push(item.clone());
        }
        for changed in &self.changed {
            let part = out.entry(changed.item.person.clone()).or_default();
            part.changed.push(changed.clone());
        }
        for prose in &self.prose {
            out.entry(prose.person.clone())
                .or_default()
                .prose
                .push(prose.clone());
        }
        for file in &self.unreadable {
            let part = out.entry(person_of(&file.path)).or_default();
            part.unreadable.push(file.clone());
        }
        out.into_iter()
            .map(|(person, mut part)| {
                part.summarize();
                (person, part)
            })
            .collect()
    }

    /// Counts the items added, removed and changed, and the targets moved.
    fn summarize(&mut self) {
        let mut summary = Summary::default();
        for item in &self.added {
            *summary.added.entry(item.kind).or_default() += 1;
        }
        for item in &self.removed {
            *summary.removed.entry(item.kind).or_default() += 1;
        }
        for changed in &self.changed {
            *summary.changed.entry(changed.item.kind).or_default() += 1;
            for field in &changed.fields {
                match field.direction {
                    Some("raised") => summary.targets_raised += 1,
                    Some("lowered") => summary.targets_lowered += 1,
                    _ => {}
                }
            }
        }
        self.summary = summary;
    }
}

/// The person whose folder holds the file at `path` (relative to the
/// repository root), in a team repository.
fn person_of(path: &str) -> Option<String> {
    let rel = path
        .strip_prefix(crate::layout::PLANS_DIR)?
        .strip_prefix('/')?;
    match crate::layout::classify(rel) {
        crate::layout::Placement::Plan { person, .. }
        | crate::layout::Placement::Misplaced { person, .. } => person,
        crate::layout::Placement::Ignored => None,
    }
}

/// Compares two snapshots; plans are matched by person.
pub(crate) fn diff(old: &Snapshot, new: &Snapshot) -> PlanDiff {
    let old_items = items_of(old);
    let new_items = items_of(new);
    let (old_broken, new_broken) = (broken_files(old), broken_files(new));
    let mut out = PlanDiff {
        unreadable: unreadable(&old_broken, &new_broken),
        ..PlanDiff::default()
    };
    for (key, item) in &new_items {
        match old_items.get(key) {
            // Not in a file that did not load before: new, not unknown.
            None if old_broken.contains(&item.path) => {}
            None => out.added.push(item_ref(key, item)),
            Some(before) if before != item => {
                if let Some(changed) = compare(key, before, item) {
                    out.changed.push(changed);
                }
            }
            Some(_) => {}
        }
    }
    for (key, item) in &old_items {
        if !new_items.contains_key(key) && !new_broken.contains(&item.path) {
            out.removed.push(item_ref(key, item));
        }
    }
    out.prose = prose_changes(old, new)
        .into_iter()
        .filter(|p| !old_broken.contains(&p.path) && !new_broken.contains(&p.path))
        .collect();
    out.summarize();
    out
}

/// The files of a snapshot's plans that did not load.
fn broken_files(snapshot: &Snapshot) -> std::collections::BTreeSet<String> {
    snapshot
        .plans
        .iter()
        .flat_map(|p| p.broken.iter().cloned())
        .collect()
}

fn unreadable(
    old: &std::collections::BTreeSet<String>,
    new: &std::collections::BTreeSet<String>,
) -> Vec<Unreadable> {
    old.union(new)
        .map(|path| Unreadable {
            path: path.clone(),
            side: match (old.contains(path), new.contains(path)) {
                (true, true) => "both",
                (true, false) => "from",
                _ => "to",
            },
        })
        .collect()
}

fn item_ref(key: &Key, item: &Item) -> ItemRef {
    ItemRef {
        person: key.0.clone(),
        period: key.1.clone(),
        id: key.2.clone(),
        kind: item.kind,
        title: item.title.clone(),
        path: item.path.clone(),
    }
}

fn compare(key: &Key, old: &Item, new: &Item) -> Option<Changed> {
    let mut fields = Vec::new();
    let names: std::collections::BTreeSet<&String> =
        old.fields.keys().chain(new.fields.keys()).collect();
    for name in names {
        let before = old.fields.get(name);
        let after = new.fields.get(name);
        if before.map(|f| &f.1) == after.map(|f| &f.1) {
            continue;
        }
        let kind = after.or(before).map_or(FieldKind::Other, |f| f.0);
        let (from, to) = (before.map(|f| f.1.clone()), after.map(|f| f.1.clone()));
        let (delta, percent, direction) = match (&from, &to) {
            (Some(Field::Num(a)), Some(Field::Num(b))) => {
                let percent = (a.abs() > f64::EPSILON).then(|| (b - a) / a.abs() * 100.0);
                let direction =
                    (kind == FieldKind::Target).then_some(if b > a { "raised" } else { "lowered" });
                (Some(b - a), percent, direction)
            }
            _ => (None, None, None),
        };
        fields.push(FieldChange {
            field: name.clone(),
            kind,
            from,
            to,
            delta,
            percent,
            direction,
        });
    }
    let renamed_from = (old.title != new.title).then(|| old.title.clone());
    let moved_from = (old.path != new.path).then(|| old.path.clone());
    if fields.is_empty() && renamed_from.is_none() && moved_from.is_none() {
        return None;
    }
    fields.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.field.cmp(&b.field)));
    Some(Changed {
        item: item_ref(key, new),
        renamed_from,
        moved_from,
        fields,
    })
}

fn items_of(snapshot: &Snapshot) -> BTreeMap<Key, Item> {
    let mut items = BTreeMap::new();
    for plan in &snapshot.plans {
        for doc in &plan.docs {
            collect(plan, doc, &mut items);
        }
    }
    items
}

struct Fields(BTreeMap<String, (FieldKind, Field)>);

impl Fields {
    fn new() -> Self {
        Fields(BTreeMap::new())
    }
    fn num(mut self, name: impl Into<String>, kind: FieldKind, value: Option<f64>) -> Self {
        if let Some(v) = value {
            self.0.insert(name.into(), (kind, Field::Num(v)));
        }
        self
    }
    fn text(mut self, name: impl Into<String>, kind: FieldKind, value: Option<String>) -> Self {
        if let Some(v) = value {
            self.0.insert(name.into(), (kind, Field::Text(v)));
        }
        self
    }
    fn status(self, status: Status) -> Self {
        self.text(
            "status",
            FieldKind::Status,
            Some(status.as_str().to_owned()),
        )
    }
    fn category(self, category: model::Category) -> Self {
        self.text(
            "category",
            FieldKind::Other,
            Some(format!("{category:?}").to_lowercase()),
        )
    }
    fn list(self, name: &str, values: &[String]) -> Self {
        if values.is_empty() {
            self
        } else {
            self.text(name, FieldKind::Other, Some(values.join(", ")))
        }
    }
}

fn collect(plan: &Plan, doc: &Document, items: &mut BTreeMap<Key, Item>) {
    let scope = match doc.kind {
        crate::layout::Kind::Quarter | crate::layout::Kind::Year => {
            doc.period.map(|p| p.to_string()).unwrap_or_default()
        }
        _ => String::new(),
    };
    let mut put = |id: &str, kind: ItemKind, title: &str, fields: Fields| {
        items.insert(
            (plan.person.clone(), scope.clone(), id.to_owned()),
            Item {
                kind: kind.as_str(),
                title: title.to_owned(),
                path: doc.path.clone(),
                fields: fields.0,
            },
        );
    };
    match &doc.data {
        Data::Vision(v) => {
            let fields = Fields::new()
                .num("goal.revenue", FieldKind::Target, Some(v.goal.revenue.0))
                .num("goal.team", FieldKind::Target, Some(v.goal.team.lo))
                .text("goal.role", FieldKind::Other, Some(v.goal.role.clone()))
                .num("start", FieldKind::Date, Some(f64::from(v.start)))
                .num("end", FieldKind::Date, Some(f64::from(v.end)));
            put("vision", ItemKind::Vision, &v.name, fields);
        }
        Data::Career(c) => {
            let fields = Fields::new()
                .text("title", FieldKind::Other, Some(c.title.clone()))
                .num("reports", FieldKind::Actual, Some(f64::from(c.reports)))
                .num("revenue", FieldKind::Actual, Some(c.revenue.0));
            put("career", ItemKind::Career, &c.title, fields);
        }
        _ => {}
    }
    for item in item::items(doc) {
        put(item.id(), item.kind(), item.title(), fields_of(item.node));
    }
}

/// The fields the diff compares of an item.
fn fields_of(node: Node<'_>) -> Fields {
    match node {
        Node::Phase(phase) => Fields::new()
            .text("years", FieldKind::Date, Some(phase.years.to_string()))
            .text("role", FieldKind::Other, Some(phase.role.clone()))
            .num("revenue", FieldKind::Target, Some(phase.revenue.hi))
            .num("team", FieldKind::Target, phase.team.map(|t| t.hi)),
        Node::Milestone(m) => Fields::new()
            .status(m.status)
            .text("due", FieldKind::Date, m.due.map(|d| d.to_string()))
            .text("done", FieldKind::Date, m.done.map(|d| d.to_string())),
        Node::AnnualObjective(o) => Fields::new()
            .status(o.status)
            .category(o.category)
            .num("target", FieldKind::Target, o.target.map(|t| t.0))
            .num("current", FieldKind::Actual, o.current.map(|c| c.0)),
        Node::Objective(o) => Fields::new()
            .status(o.status)
            .category(o.category)
            .list("supports", &o.supports),
        Node::KeyResult(kr) => Fields::new()
            .num("target", FieldKind::Target, kr.target.map(|t| t.0))
            .num(
                "current",
                FieldKind::Actual,
                Some(kr.current.map_or(0.0, |c| c.0)),
            )
            .text("unit", FieldKind::Other, kr.unit.clone()),
        Node::Skill(s) => {
            let mut fields = Fields::new().num("level", FieldKind::Actual, Some(s.level as f64));
            for (year, target) in &s.targets {
                fields = fields.num(
                    format!("target {year}"),
                    FieldKind::Target,
                    Some(*target as f64),
                );
            }
            fields
        }
        Node::Metric(metric) => metric_fields(metric),
        Node::Relationship(g) => Fields::new()
            .status(g.status)
            .num("target", FieldKind::Target, g.target.map(f64::from))
            .num("current", FieldKind::Actual, g.current.map(f64::from))
            .text("due", FieldKind::Date, g.due.map(|d| d.to_string())),
        Node::Habit(habit) => habit_fields(habit),
        Node::Recognition(r) => {
            Fields::new().text("date", FieldKind::Date, Some(r.date.to_string()))
        }
    }
}

fn metric_fields(metric: &model::Metric) -> Fields {
    let mut fields = Fields::new().num("baseline", FieldKind::Target, metric.baseline.map(|b| b.0));
    for (year, target) in &metric.targets {
        fields = fields.num(format!("target {year}"), FieldKind::Target, Some(target.0));
    }
    for (period, actual) in &metric.actuals {
        fields = fields.num(
            format!("actual {period}"),
            FieldKind::Actual,
            Some(actual.0),
        );
    }
    fields
}

fn habit_fields(habit: &model::Habit) -> Fields {
    let days = (!habit.days.is_empty()).then(|| {
        let days: Vec<String> = habit
            .days
            .iter()
            .map(|d| format!("{d:?}").to_lowercase())
            .collect();
        days.join(", ")
    });
    Fields::new()
        .text(
            "cadence",
            FieldKind::Other,
            Some(format!("{:?}", habit.cadence).to_lowercase()),
        )
        .text("days", FieldKind::Other, days)
        .text(
            "times",
            FieldKind::Other,
            habit.times.map(|t| format!("{t} a week")),
        )
        .num("minutes", FieldKind::Target, habit.minutes.map(f64::from))
        .list("serves", &habit.serves)
}

/// Changes of Markdown bodies, file by file: a new or removed body by its
/// count of words, a changed one as the lines removed and added.
fn prose_changes(old: &Snapshot, new: &Snapshot) -> Vec<ProseChange> {
    let bodies = |s: &Snapshot| -> BTreeMap<String, String> {
        s.plans
            .iter()
            .flat_map(|p| &p.docs)
            .filter(|d| !d.body.trim().is_empty())
            .map(|d| (d.path.clone(), d.body.clone()))
            .collect()
    };
    let (before, after) = (bodies(old), bodies(new));
    let words = |text: &str| text.split_whitespace().count();
    let mut changes = Vec::new();
    for (path, text) in &after {
        let Some(old_text) = before.get(path) else {
            changes.push(ProseChange {
                person: person_of(path),
                path: path.clone(),
                change: ProseKind::Added,
                words: words(text),
                words_before: None,
                lines: Vec::new(),
            });
            continue;
        };
        if normalize(old_text) == normalize(text) {
            continue;
        }
        let lines = TextDiff::from_lines(old_text.as_str(), text.as_str())
            .iter_all_changes()
            .filter(|c| !c.value().trim().is_empty())
            .filter_map(|c| {
                let change = match c.tag() {
                    ChangeTag::Equal => return None,
                    ChangeTag::Delete => ProseKind::Removed,
                    ChangeTag::Insert => ProseKind::Added,
                };
                Some(ProseLine {
                    change,
                    text: c.value().trim_end_matches(['\n', '\r']).to_owned(),
                })
            })
            .collect();
        changes.push(ProseChange {
            person: person_of(path),
            path: path.clone(),
            change: ProseKind::Changed,
            words: words(text),
            words_before: Some(words(old_text)),
            lines,
        });
    }
    for (path, text) in &before {
        if !after.contains_key(path) {
            changes.push(ProseChange {
                person: person_of(path),
                path: path.clone(),
                change: ProseKind::Removed,
                words: words(text),
                words_before: None,
                lines: Vec::new(),
            });
        }
    }
    changes
}

/// Prose compared without its line breaks and spacing.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An objective of period A found again, by its id, in period B.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Carried {
    /// The objective's id.
    pub id: String,
    /// Its title in period A.
    pub title_from: String,
    /// Its title in period B.
    pub title_to: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Listed {
    /// The objective's id.
    pub id: String,
    /// The objective's title.
    pub title: String,
    /// Which of the five categories it serves.
    pub category: model::Category,
    /// Its status in the plan.
    pub status: Status,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct TargetChange {
    /// The key result's id.
    pub id: String,
    /// The key result's title.
    pub title: String,
    /// Its target in period A.
    pub from: Option<f64>,
    /// Its target in period B.
    pub to: Option<f64>,
    /// The unit of the targets.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Balance {
    /// The category.
    pub category: model::Category,
    /// The category as the guide names it.
    pub label: &'static str,
    /// Objectives of period A in it.
    pub a: usize,
    /// Objectives of period B in it.
    pub b: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct SkillTargets {
    /// The skill's id.
    pub id: String,
    /// The skill's name.
    pub name: String,
    /// Its target for period A's year.
    pub a: Option<i64>,
    /// Its target for period B's year.
    pub b: Option<i64>,
}

/// Two periods' own plans side by side.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct PeriodDiff {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Whose plan, in a repository with one folder per person.
    pub person: Option<String>,
    /// Period A (`2026-Q1`, `2025`).
    pub a: String,
    /// Period B.
    pub b: String,
    /// Objectives of A found again, by id, in B.
    pub carried: Vec<Carried>,
    /// Objectives of A marked done and not carried on: completed.
    pub completed: Vec<Listed>,
    /// Objectives of A marked missed and not carried on: their time
    /// passed without reaching them, which is not dropping them.
    pub missed: Vec<Listed>,
    /// Objectives of A neither done, missed nor carried on.
    pub dropped: Vec<Listed>,
    /// Objectives of B that A has not.
    pub new: Vec<Listed>,
    /// Key results of both whose target changed.
    pub key_result_targets: Vec<TargetChange>,
    /// Objectives per category in A and in B.
    pub balance: Vec<Balance>,
    /// Each skill's targets for the years of A and B.
    pub capabilities: Vec<SkillTargets>,
}

/// The objectives of one period's plan, as compared across periods.
pub(crate) struct PeriodPlan<'a> {
    pub objectives: Vec<Listed>,
    pub key_results: Vec<(&'a str, &'a model::KeyResult)>,
}

impl<'a> PeriodPlan<'a> {
    /// The plan of a quarterly or annual file; `None` for other files.
    pub(crate) fn of(doc: &'a Document) -> Option<Self> {
        match &doc.data {
            Data::Quarter(q) => Some(PeriodPlan::quarter(q)),
            Data::Year(y) => Some(PeriodPlan::year(y)),
            _ => None,
        }
    }

    pub(crate) fn quarter(q: &'a model::QuarterPlan) -> Self {
        PeriodPlan {
            objectives: q
                .objectives
                .iter()
                .map(|o| Listed {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    category: o.category,
                    status: o.status,
                })
                .collect(),
            key_results: q
                .objectives
                .iter()
                .flat_map(|o| o.key_results.iter().map(move |kr| (o.id.as_str(), kr)))
                .collect(),
        }
    }

    pub(crate) fn year(y: &'a model::YearPlan) -> Self {
        PeriodPlan {
            objectives: y
                .objectives
                .iter()
                .map(|o| Listed {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    category: o.category,
                    status: o.status,
                })
                .collect(),
            key_results: Vec::new(),
        }
    }
}

/// Compares the plans of two periods: what carried over (the same id in
/// both), what was completed, dropped or is new, key-result targets, the
/// balance across the five categories, and the capability targets of the
/// two periods' years. Objectives are matched by id only: a look-alike
/// title under another id is a new objective, as in `roadmap diff`.
pub(crate) fn compare_periods(
    person: Option<String>,
    (a, plan_a): (String, PeriodPlan),
    (b, plan_b): (String, PeriodPlan),
    capabilities: Option<&model::Capabilities>,
    years: (i32, i32),
) -> PeriodDiff {
    let in_b = |id: &str| plan_b.objectives.iter().find(|n| n.id == id);
    let carried = plan_a
        .objectives
        .iter()
        .filter_map(|o| {
            in_b(&o.id).map(|n| Carried {
                id: o.id.clone(),
                title_from: o.title.clone(),
                title_to: n.title.clone(),
            })
        })
        .collect();
    let (completed, dropped): (Vec<Listed>, Vec<Listed>) = plan_a
        .objectives
        .iter()
        .filter(|o| in_b(&o.id).is_none())
        .cloned()
        .partition(|o| o.status == Status::Done);
    let (missed, dropped): (Vec<Listed>, Vec<Listed>) = dropped
        .into_iter()
        .partition(|o| o.status == Status::Missed);
    let new = plan_b
        .objectives
        .iter()
        .filter(|n| !plan_a.objectives.iter().any(|o| o.id == n.id))
        .cloned()
        .collect();

    let mut key_result_targets = Vec::new();
    for (_, kr) in &plan_b.key_results {
        if let Some((_, before)) = plan_a.key_results.iter().find(|(_, k)| k.id == kr.id) {
            let (from, to) = (before.target.map(|t| t.0), kr.target.map(|t| t.0));
            if from != to {
                key_result_targets.push(TargetChange {
                    id: kr.id.clone(),
                    title: kr.title.clone(),
                    from,
                    to,
                    unit: kr.unit.clone(),
                });
            }
        }
    }
    let balance = model::Category::ALL
        .iter()
        .map(|c| Balance {
            category: *c,
            label: c.label(),
            a: plan_a
                .objectives
                .iter()
                .filter(|o| o.category == *c)
                .count(),
            b: plan_b
                .objectives
                .iter()
                .filter(|o| o.category == *c)
                .count(),
        })
        .collect();
    let capabilities = capabilities.map_or_else(Vec::new, |c| {
        c.skills
            .iter()
            .map(|s| SkillTargets {
                id: s.id.clone(),
                name: s.name.clone(),
                a: s.targets.get(&years.0).copied(),
                b: s.targets.get(&years.1).copied(),
            })
            .collect()
    });
    PeriodDiff {
        person,
        a,
        b,
        carried,
        completed,
        missed,
        dropped,
        new,
        key_result_targets,
        balance,
        capabilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Content, RawFile, load};

    fn snapshot(files: &[(&str, &str)]) -> Snapshot {
        load(
            files
                .iter()
                .map(|(path, text)| RawFile {
                    path: (*path).to_owned(),
                    content: Content::Bytes(text.as_bytes().to_vec()),
                })
                .collect(),
        )
    }

    const SKILLS: &str = "skills:\n  - id: lead\n    name: Leadership\n    area: leadership\n    level: 4\n    targets: {2026: 5, 2027: 6}\n";

    #[test]
    fn formatting_only_edits_are_no_change() {
        let reformatted = "# comment\nskills:\n- {name: 'Leadership', id: lead, area: leadership,\n   targets: {2027: 6, 2026: 5}, level: 4}\n";
        let d = diff(
            &snapshot(&[("plans/capabilities.yaml", SKILLS)]),
            &snapshot(&[("plans/capabilities.yaml", reformatted)]),
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn lowered_targets_count_as_drift() {
        let lowered = SKILLS.replace("2027: 6", "2027: 5");
        let d = diff(
            &snapshot(&[("plans/capabilities.yaml", SKILLS)]),
            &snapshot(&[("plans/capabilities.yaml", &lowered)]),
        );
        assert_eq!(d.changed.len(), 1);
        let field = &d.changed[0].fields[0];
        assert_eq!(
            (field.field.as_str(), field.direction),
            ("target 2027", Some("lowered"))
        );
        assert_eq!(field.percent.map(f64::round), Some(-17.0));
        assert_eq!(
            (d.summary.targets_lowered, d.summary.targets_raised),
            (1, 0)
        );
    }

    #[test]
    fn renamed_and_moved_items_are_matched_by_id() {
        let renamed = SKILLS.replace("name: Leadership", "name: People leadership");
        let d = diff(
            &snapshot(&[("plans/capabilities.yaml", SKILLS)]),
            &snapshot(&[("plans/capabilities.yml", &renamed)]),
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].renamed_from.as_deref(), Some("Leadership"));
        assert_eq!(
            d.changed[0].moved_from.as_deref(),
            Some("plans/capabilities.yaml")
        );
        assert!(d.added.is_empty() && d.removed.is_empty());
    }
}
