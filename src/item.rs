//! The plan's trackable items: one vocabulary of what an item can be
//! ([`ItemKind`]: its name in JSON and the cache, its label in prose, the
//! files that define it) and one walker over the items of a file
//! ([`items`]), so `check`, `history`, `diff`, `record` and the labels of
//! every command agree on what a plan holds.

use serde::{Deserialize, Serialize};

use crate::diag::YamlPath;
use crate::layout::Kind;
use crate::load::{Data, Docs, Document, Plan};
use crate::model;

/// What kind of item a value is about.
///
/// The variants' order is their number in the history's cache: a new kind
/// goes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Metric,
    KeyResult,
    /// A quarter's objective.
    Objective,
    AnnualObjective,
    /// A milestone of a phase, an initiative of a year or a milestone of a
    /// quarter's objective.
    Milestone,
    Skill,
    Relationship,
    Habit,
    /// A win of a review.
    Win,
    /// A learning of a review, dated by the review.
    Learning,
    /// A figure of career.yaml (`career:title`, `career:revenue`, ...).
    Career,
    /// A target: of a metric for a year, a key result, a skill for a year.
    Target,
    Phase,
    /// An award, ranking, talk... of career.yaml.
    Recognition,
    /// The vision itself: its goal and its years.
    Vision,
}

impl ItemKind {
    /// Every kind, each at the place of its number.
    pub const ALL: [ItemKind; 15] = [
        ItemKind::Metric,
        ItemKind::KeyResult,
        ItemKind::Objective,
        ItemKind::AnnualObjective,
        ItemKind::Milestone,
        ItemKind::Skill,
        ItemKind::Relationship,
        ItemKind::Habit,
        ItemKind::Win,
        ItemKind::Learning,
        ItemKind::Career,
        ItemKind::Target,
        ItemKind::Phase,
        ItemKind::Recognition,
        ItemKind::Vision,
    ];

    /// The kinds of item a habit can serve: every goal of the plan.
    pub const GOALS: [ItemKind; 8] = [
        ItemKind::Phase,
        ItemKind::Milestone,
        ItemKind::AnnualObjective,
        ItemKind::Objective,
        ItemKind::KeyResult,
        ItemKind::Skill,
        ItemKind::Metric,
        ItemKind::Relationship,
    ];

    /// The kind's name in JSON, CSV and the `progress` table: `key-result`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Metric => "metric",
            ItemKind::KeyResult => "key-result",
            ItemKind::Objective => "objective",
            ItemKind::AnnualObjective => "annual-objective",
            ItemKind::Milestone => "milestone",
            ItemKind::Skill => "skill",
            ItemKind::Relationship => "relationship",
            ItemKind::Habit => "habit",
            ItemKind::Win => "win",
            ItemKind::Learning => "learning",
            ItemKind::Career => "career",
            ItemKind::Target => "target",
            ItemKind::Phase => "phase",
            ItemKind::Recognition => "recognition",
            ItemKind::Vision => "vision",
        }
    }

    /// The kind named `name` (see [`ItemKind::as_str`]).
    pub fn parse(name: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The kind in a sentence: `key result`; its plural adds an `s`.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::KeyResult => "key result",
            ItemKind::Objective => "quarterly objective",
            ItemKind::AnnualObjective => "annual objective",
            ItemKind::Relationship => "relationship goal",
            other => other.as_str(),
        }
    }

    /// The kinds of file that define items of this kind.
    pub fn defined_in(self) -> &'static [Kind] {
        match self {
            ItemKind::Phase => &[Kind::Strategy],
            ItemKind::Milestone => &[Kind::Strategy, Kind::Year, Kind::Quarter],
            ItemKind::AnnualObjective => &[Kind::Year],
            ItemKind::Objective | ItemKind::KeyResult => &[Kind::Quarter],
            ItemKind::Skill => &[Kind::Capabilities],
            ItemKind::Metric => &[Kind::Metrics],
            ItemKind::Relationship => &[Kind::Relationships],
            ItemKind::Habit => &[Kind::Habits],
            ItemKind::Recognition | ItemKind::Career => &[Kind::Career],
            ItemKind::Vision => &[Kind::Vision],
            ItemKind::Win | ItemKind::Learning => {
                &[Kind::MonthReview, Kind::QuarterReview, Kind::YearReview]
            }
            ItemKind::Target => &[Kind::Metrics, Kind::Quarter, Kind::Capabilities],
        }
    }

    /// True for a kind a period's plan holds, whose id the next period's
    /// plan may carry over.
    pub fn carried_over(self) -> bool {
        matches!(
            self,
            ItemKind::Objective
                | ItemKind::KeyResult
                | ItemKind::Milestone
                | ItemKind::AnnualObjective
        )
    }

    /// True for an item `record done` can mark done: an objective, a
    /// milestone, an initiative, a key result or a relationship goal.
    pub fn takes_done(self) -> bool {
        matches!(
            self,
            ItemKind::Objective
                | ItemKind::AnnualObjective
                | ItemKind::KeyResult
                | ItemKind::Milestone
                | ItemKind::Relationship
        )
    }

    /// True for an item `record ID VALUE` gives a value.
    pub fn takes_value(self) -> bool {
        matches!(
            self,
            ItemKind::Metric
                | ItemKind::KeyResult
                | ItemKind::AnnualObjective
                | ItemKind::Relationship
                | ItemKind::Skill
        )
    }
}

/// The labels of `kinds` in a sentence: `metric, relationship goal or
/// milestone`.
pub(crate) fn one_of(kinds: &[ItemKind]) -> String {
    match kinds {
        [] => String::new(),
        [one] => one.label().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(|k| k.label()).collect();
            format!("{} or {}", rest.join(", "), last.label())
        }
    }
}

/// An item as its file states it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Phase(&'a model::Phase),
    Milestone(&'a model::Milestone),
    AnnualObjective(&'a model::AnnualObjective),
    Objective(&'a model::Objective),
    KeyResult(&'a model::KeyResult),
    Skill(&'a model::Skill),
    Metric(&'a model::Metric),
    Relationship(&'a model::RelationshipGoal),
    Habit(&'a model::Habit),
    Recognition(&'a model::Recognition),
}

/// One item with an id, where its file holds it.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    pub doc: &'a Document,
    /// The path of the item's mapping within its file.
    pub at: YamlPath,
    pub node: Node<'a>,
}

impl<'a> Item<'a> {
    pub(crate) fn kind(&self) -> ItemKind {
        match self.node {
            Node::Phase(_) => ItemKind::Phase,
            Node::Milestone(_) => ItemKind::Milestone,
            Node::AnnualObjective(_) => ItemKind::AnnualObjective,
            Node::Objective(_) => ItemKind::Objective,
            Node::KeyResult(_) => ItemKind::KeyResult,
            Node::Skill(_) => ItemKind::Skill,
            Node::Metric(_) => ItemKind::Metric,
            Node::Relationship(_) => ItemKind::Relationship,
            Node::Habit(_) => ItemKind::Habit,
            Node::Recognition(_) => ItemKind::Recognition,
        }
    }

    pub(crate) fn id(&self) -> &'a str {
        match self.node {
            Node::Phase(p) => &p.id,
            Node::Milestone(m) => &m.id,
            Node::AnnualObjective(o) => &o.id,
            Node::Objective(o) => &o.id,
            Node::KeyResult(k) => &k.id,
            Node::Skill(s) => &s.id,
            Node::Metric(m) => &m.id,
            Node::Relationship(g) => &g.id,
            Node::Habit(h) => &h.id,
            Node::Recognition(r) => &r.id,
        }
    }

    /// The item's title; a phase's, skill's or metric's name.
    pub(crate) fn title(&self) -> &'a str {
        match self.node {
            Node::Phase(p) => &p.name,
            Node::Milestone(m) => &m.title,
            Node::AnnualObjective(o) => &o.title,
            Node::Objective(o) => &o.title,
            Node::KeyResult(k) => &k.title,
            Node::Skill(s) => &s.name,
            Node::Metric(m) => &m.name,
            Node::Relationship(g) => &g.title,
            Node::Habit(h) => &h.title,
            Node::Recognition(r) => &r.title,
        }
    }
}

/// Every item with an id that `doc` defines, in the order of the file (a
/// phase before its milestones, an objective before its key results and
/// milestones).
pub(crate) fn items(doc: &Document) -> Vec<Item<'_>> {
    let mut out = Walk {
        doc,
        out: Vec::new(),
    };
    let root = YamlPath::root();
    match &doc.data {
        Data::Strategy(s) => {
            for (i, phase) in s.phases.iter().enumerate() {
                let at = root.at("phases").at(i);
                out.put(at.clone(), Node::Phase(phase));
                out.list(&at.at("achievements"), &phase.achievements, Node::Milestone);
                if let Some(m) = &phase.milestone {
                    out.put(at.at("milestone"), Node::Milestone(m));
                }
            }
        }
        Data::Year(y) => {
            out.list(&root.at("objectives"), &y.objectives, Node::AnnualObjective);
            out.list(&root.at("initiatives"), &y.initiatives, Node::Milestone);
        }
        Data::Quarter(q) => {
            for (i, o) in q.objectives.iter().enumerate() {
                let at = root.at("objectives").at(i);
                out.put(at.clone(), Node::Objective(o));
                out.list(&at.at("key_results"), &o.key_results, Node::KeyResult);
                out.list(&at.at("milestones"), &o.milestones, Node::Milestone);
            }
        }
        Data::Capabilities(c) => out.list(&root.at("skills"), &c.skills, Node::Skill),
        Data::Metrics(m) => out.list(&root.at("metrics"), &m.metrics, Node::Metric),
        Data::Relationships(r) => out.list(&root.at("goals"), &r.goals, Node::Relationship),
        Data::Habits(h) => out.list(&root.at("habits"), &h.habits, Node::Habit),
        Data::Career(c) => out.list(&root.at("recognition"), &c.recognition, Node::Recognition),
        Data::Vision(_) | Data::CheckIns(_) | Data::Time(_) | Data::Review(_) => {}
    }
    out.out
}

/// The goal `id` names in a plan, with its kind and its title (a phase's,
/// skill's or metric's name): what a habit serves, as `status` and the
/// dashboard both name it. An id carried over into later periods is named
/// by its first definition.
pub(crate) fn goal<'a>(docs: &Docs<'a>, id: &str) -> Option<(ItemKind, &'a str)> {
    let skills = (docs.capabilities.iter().flat_map(|c| &c.skills))
        .map(|s| (ItemKind::Skill, s.id.as_str(), s.name.as_str()));
    let metrics = (docs.metrics.iter().flat_map(|m| &m.metrics))
        .map(|m| (ItemKind::Metric, m.id.as_str(), m.name.as_str()));
    let annual = (docs.years.values().flat_map(|y| &y.objectives))
        .map(|o| (ItemKind::AnnualObjective, o.id.as_str(), o.title.as_str()));
    let quarterly = || docs.quarters.values().flat_map(|q| &q.objectives);
    let objectives = quarterly().map(|o| (ItemKind::Objective, o.id.as_str(), o.title.as_str()));
    let key_results = (quarterly().flat_map(|o| &o.key_results))
        .map(|k| (ItemKind::KeyResult, k.id.as_str(), k.title.as_str()));
    let phases = || docs.strategy.iter().flat_map(|s| &s.phases);
    let phase_names = phases().map(|p| (ItemKind::Phase, p.id.as_str(), p.name.as_str()));
    let milestones = (phases().flat_map(|p| p.achievements.iter().chain(&p.milestone)))
        .chain(docs.years.values().flat_map(|y| &y.initiatives))
        .map(|m| (ItemKind::Milestone, m.id.as_str(), m.title.as_str()));
    let goals = (docs.relationships.iter().flat_map(|r| &r.goals))
        .map(|g| (ItemKind::Relationship, g.id.as_str(), g.title.as_str()));
    skills
        .chain(metrics)
        .chain(annual)
        .chain(objectives)
        .chain(key_results)
        .chain(phase_names)
        .chain(milestones)
        .chain(goals)
        .find(|(_, named, _)| *named == id)
        .map(|(kind, _, title)| (kind, title))
}

/// Every item of every file of `plan`, file by file.
pub(crate) fn plan_items(plan: &Plan) -> impl Iterator<Item = Item<'_>> {
    plan.docs.iter().flat_map(items)
}

struct Walk<'a> {
    doc: &'a Document,
    out: Vec<Item<'a>>,
}

impl<'a> Walk<'a> {
    fn put(&mut self, at: YamlPath, node: Node<'a>) {
        self.out.push(Item {
            doc: self.doc,
            at,
            node,
        });
    }

    fn list<T>(&mut self, at: &YamlPath, list: &'a [T], node: fn(&'a T) -> Node<'a>) {
        for (i, value) in list.iter().enumerate() {
            self.put(at.at(i), node(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{ItemKind, plan_items};

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("a kind serializes");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert!(!kind.label().is_empty() && !kind.defined_in().is_empty());
        }
        for (number, kind) in ItemKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, number, "{kind:?} is at its number");
        }
        let labels: BTreeSet<&str> = ItemKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(labels.len(), ItemKind::ALL.len(), "labels tell kinds apart");
    }

    /// The bundled example plan, as `roadmap demo` ends.
    pub(crate) fn example() -> crate::load::Snapshot {
        let files = crate::plan_gen::example_files();
        crate::load::load(
            files
                .into_iter()
                .map(|f| crate::load::RawFile {
                    path: f.path,
                    content: crate::load::Content::Bytes(f.text.into_bytes()),
                })
                .collect(),
        )
    }

    #[test]
    fn the_walker_yields_every_item_of_the_demo_once() {
        let files = crate::plan_gen::example_files();
        let snapshot = example();
        let plan = &snapshot.plans[0];
        let walked: Vec<(String, ItemKind, String)> = plan_items(plan)
            .map(|i| (i.doc.path.clone(), i.kind(), i.id().to_owned()))
            .collect();
        let unique: BTreeSet<_> = walked.iter().collect();
        assert_eq!(unique.len(), walked.len(), "no item is walked twice");
        let kinds: BTreeSet<ItemKind> = walked.iter().map(|(_, k, _)| *k).collect();
        for kind in ItemKind::GOALS.into_iter().chain([ItemKind::Habit]) {
            assert!(kinds.contains(&kind), "the demo has a {}", kind.label());
        }
        // Every `id:` line of the demo's files is an item walked.
        let lines: usize = plan
            .docs
            .iter()
            .map(|d| {
                let text = files
                    .iter()
                    .find(|f| f.path == d.path)
                    .map_or("", |f| &f.text);
                text.lines()
                    .filter(|l| l.trim_start().trim_start_matches("- ").starts_with("id:"))
                    .count()
            })
            .sum();
        assert_eq!(walked.len(), lines);
    }

    #[test]
    fn validate_history_and_diff_agree_on_the_items_of_the_demo() {
        let snapshot = example();
        let plan = &snapshot.plans[0];
        let walked: BTreeSet<(ItemKind, String)> = plan_items(plan)
            .map(|i| (i.kind(), i.id().to_owned()))
            .collect();
        let validated: BTreeSet<(ItemKind, String)> =
            crate::validate::defined_ids(plan).into_iter().collect();
        assert_eq!(validated, walked, "validate's ids");
        let added = crate::diff::diff(&crate::load::Snapshot::default(), &snapshot).added;
        let diffed: BTreeSet<(ItemKind, String)> = added
            .iter()
            .filter(|i| !matches!(i.kind, "vision" | "career"))
            .map(|i| (ItemKind::parse(i.kind).expect("a kind"), i.id.clone()))
            .collect();
        assert_eq!(diffed, walked, "diff's items");
        // History records a value of every item that has one; each is an
        // item walked (or a habit checked in, a skill assessed).
        let recorded: BTreeSet<(ItemKind, String)> = plan
            .docs
            .iter()
            .filter(|d| {
                !matches!(
                    d.data,
                    crate::load::Data::CheckIns(_) | crate::load::Data::Review(_)
                )
            })
            .flat_map(crate::history::extract)
            .filter(|f| !matches!(f.kind, ItemKind::Target | ItemKind::Career))
            .map(|f| (f.kind, f.id))
            .collect();
        let valued: BTreeSet<(ItemKind, String)> = walked
            .iter()
            .filter(|(k, _)| {
                !matches!(k, ItemKind::Phase | ItemKind::Habit | ItemKind::Recognition)
            })
            .cloned()
            .collect();
        assert!(recorded.is_subset(&valued), "history's items");
        let measuring: BTreeSet<(ItemKind, String)> = plan_items(plan)
            .filter(|i| matches!(i.node, super::Node::KeyResult(kr) if kr.measures.is_some()))
            .map(|i| (i.kind(), i.id().to_owned()))
            .collect();
        let unrecorded: BTreeSet<_> = valued.difference(&recorded).cloned().collect();
        assert!(unrecorded.is_subset(&measuring), "{unrecorded:?}");
    }
}
