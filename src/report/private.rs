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

use minijinja::Value;
use minijinja::value::Serde;

use crate::model::CareerField;

use super::context::{CareerView, Context, PlanContext};

/// The context with every private figure taken out: the same shape, the
/// private values empty.
pub fn redact(context: &Context) -> Context {
    let mut shared = context.without_plans();
    shared.plans = context.plans.iter().cloned().map(redact_plan).collect();
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

/// `shared` (a plan [`redact_plan`] made, as the templates read it) with
/// the parts it takes out put back from `plan`: the owner's dashboard,
/// sharing every other value with the summary's copy. A part missed here
/// is missing from the owner's page, never added to a shared one.
pub(crate) fn with_private(shared: &Value, plan: &PlanContext) -> Value {
    let mut parts: BTreeMap<String, Value> = shared
        .try_iter()
        .into_iter()
        .flatten()
        .filter_map(|key| {
            let value = shared.get_item(&key).ok()?;
            Some((key.as_str()?.to_owned(), value))
        })
        .collect();
    parts.insert("vision".to_owned(), Value::from(Serde(&plan.vision)));
    parts.insert("career".to_owned(), Value::from(Serde(&plan.career)));
    Value::from(parts)
}

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
