//! What of a plan is the user's own, and the context without it.
//!
//! Pay (`career.yaml` `compensation`, with its market position and its
//! growth, and the vision's income goal) is always private; so are the
//! `career.yaml` fields listed under `private:` and each recognition marked
//! `private: true`. The dashboard shows them to its owner; `summary.html`
//! (the page that is printed and handed over) and everything
//! `report --share` writes are rendered from [`redact`]'s context, so this
//! is the one place that decides what leaves the owner's hands.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, from_args};
use minijinja::{ErrorKind, State};

use crate::model::CareerField;

use super::context::{CareerView, Context, PlanContext};

/// The context with every private figure taken out: the same shape, the
/// private values empty.
pub fn redact(context: &Context) -> Context {
    let mut shared = context.without_plans();
    shared.plans = (context.plans.iter())
        .map(|plan| Arc::new(redact_plan(PlanContext::clone(plan))))
        .collect();
    shared
}

/// One person's part of the context without what is private.
pub(super) fn redact_plan(mut plan: PlanContext) -> PlanContext {
    plan.vision.income = None;
    plan.vision.income_text = None;
    if let Some(career) = &mut plan.career {
        redact_career(career);
    }
    plan
}

/// The context's plans as one page reads them. Each person's part is
/// converted for the template when the page reads it and dropped with the
/// page, so a team's report never holds everyone's converted data at once.
/// A `shared` page reads each plan as [`redact_plan`] makes it.
#[derive(Debug)]
pub(super) struct Plans {
    pub(super) plans: Arc<[Arc<PlanContext>]>,
    pub(super) shared: bool,
}

impl Object for Plans {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let plan = self.plans.get(key.as_usize()?)?;
        Some(Value::from_object(Person {
            plan: Arc::clone(plan),
            shared: self.shared,
            redacted: OnceLock::new(),
            read: Mutex::default(),
        }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.plans.len())
    }
}

/// One person's part of a page, each field converted the first time the
/// page reads it: a person's page reads nearly all of them, the summary a
/// dozen, the templates' page one.
#[derive(Debug)]
struct Person {
    plan: Arc<PlanContext>,
    shared: bool,
    /// The plan as [`redact_plan`] makes it, for a shared page.
    redacted: OnceLock<PlanContext>,
    read: Mutex<BTreeMap<&'static str, Value>>,
}

impl Person {
    /// The plan as this page shows it: without what is private on a
    /// shared page.
    fn plan(&self) -> &PlanContext {
        if self.shared {
            self.redacted
                .get_or_init(|| redact_plan(PlanContext::clone(&self.plan)))
        } else {
            &self.plan
        }
    }
}

impl Object for Person {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let name = *FIELDS.iter().find(|f| **f == key)?;
        let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(value) = read.get(name) {
            return Some(value.clone());
        }
        let value = field(self.plan(), name)?;
        read.insert(name, value.clone());
        Some(value)
    }

    /// `p.key_result(id, period)` and `p.key_result_drill(id, period)`:
    /// a key result and its drill-down by id and quarter (a key result
    /// carried over keeps its id), undefined when the plan has none.
    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, minijinja::Error> {
        let plan = self.plan();
        let (id, period): (&str, &str) = from_args(args)?;
        let found = match method {
            "key_result" => (plan.key_results.iter())
                .find(|k| k.id == id && k.period == period)
                .map(|k| Value::from(Serde(k))),
            "key_result_drill" => (plan.drill.key_results.iter())
                .find(|k| k.id == id && k.period == period)
                .map(|k| Value::from(Serde(k))),
            _ => return Err(minijinja::Error::from(ErrorKind::UnknownMethod)),
        };
        Ok(found.unwrap_or(Value::UNDEFINED))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(FIELDS)
    }
}

/// [`FIELDS`], every field of [`PlanContext`] by name, and [`field`],
/// one of them converted for the templates. A field added to the plan's
/// context and not here does not compile.
macro_rules! by_name {
    ($($field:ident),* $(,)?) => {
        const FIELDS: &[&str] = &[$(stringify!($field)),*];

        fn field(plan: &PlanContext, name: &str) -> Option<Value> {
            let PlanContext { $($field: _),* } = plan;
            match name {
                $(stringify!($field) => Some(Value::from(Serde(&plan.$field))),)*
                _ => None,
            }
        }
    };
}

by_name!(
    person,
    name,
    start,
    end,
    years,
    vision,
    status,
    career,
    figures,
    phases,
    milestones,
    objectives,
    key_results,
    metrics,
    skills,
    skill_areas,
    relationships,
    habits,
    wins,
    learnings,
    corrections,
    reviews,
    review,
    drill,
    templates,
    archive,
    year_plans,
);

fn redact_career(career: &mut CareerView) {
    career.compensation = None;
    career.base_text = None;
    career.total_text = None;
    career.market = None;
    let progression = &mut career.progression;
    progression.base_growth = None;
    progression.base_growth_text = None;
    let private = career.private.clone();
    for field in &private {
        match field {
            CareerField::Territory => career.territory = None,
            CareerField::Span => career.span = None,
            CareerField::Ranking => career.ranking = None,
            CareerField::Leadership => career.leadership = None,
            CareerField::Recognition => career.recognition.clear(),
            CareerField::Promotions => {
                career.promotions.clear();
                let p = &mut career.progression;
                p.promotions.clear();
                p.months_since_last = None;
                p.velocity_months = None;
                p.velocity_text = None;
                p.benchmark_months = None;
            }
        }
    }
    career.recognition.retain(|r| !r.private);
    career.progression.series.retain(|s| {
        s.field != "compensation"
            && !private.iter().any(|f| match f {
                CareerField::Span => s.field == "span",
                CareerField::Ranking => s.field == "ranking",
                CareerField::Promotions => s.field == "promotions",
                CareerField::Leadership => s.field == "leadership",
                CareerField::Territory | CareerField::Recognition => false,
            })
    });
}
