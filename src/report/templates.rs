//! The planning and review templates of the report: the documents
//! `roadmap new` writes for the next period due, rendered through the same
//! templates (`templates/plan/*.md`), with the guide's questions beside
//! them for the HTML page.

use std::fmt::Write as _;

use super::context::PlanningTemplate;
use crate::error::Error;
use crate::history::History;
use crate::load::Plan;
use crate::planning::{self, DocKind, Draft, QUARTER_PARTS, Section, YEAR_PARTS};
use crate::render::Renderer;
use crate::when::Dates;

/// The five templates, in the order the guide's planning rhythm runs.
const KINDS: [(DocKind, &str); 5] = [
    (DocKind::MonthReview, "Monthly review"),
    (DocKind::QuarterReview, "Quarterly review"),
    (DocKind::Quarter, "Quarterly planning"),
    (DocKind::YearReview, "Annual review"),
    (DocKind::Year, "Annual strategic planning"),
];

pub(super) fn planning(
    renderer: &Renderer,
    plan: &Plan,
    history: &History,
    dates: Dates,
) -> Result<Vec<PlanningTemplate>, Error> {
    let today = dates.today;
    let builtin = Renderer::builtin("plan");
    KINDS
        .iter()
        .map(|(kind, name)| {
            let period = planning::next_due(*kind, plan, today);
            let draft = planning::draft_at(*kind, plan, history, period, dates);
            let template = kind.template();
            let markdown =
                if renderer.is_overridden(template) || builtin.iter().any(|b| b == template) {
                    planning::render(renderer, &draft)?
                } else {
                    plain(&draft, name)
                };
            Ok(PlanningTemplate {
                kind: kind.name(),
                name,
                period: draft.period.clone(),
                title: draft.title.clone(),
                parts: parts(&draft),
                markdown,
            })
        })
        .collect()
}

fn guide(parts: &[(&str, &[&str])]) -> Vec<Section> {
    parts
        .iter()
        .map(|(heading, questions)| Section {
            heading: (*heading).to_owned(),
            questions: questions.iter().map(|q| (*q).to_owned()).collect(),
            facts: Vec::new(),
            answer: None,
        })
        .collect()
}

fn parts(draft: &Draft) -> Vec<Section> {
    match (&draft.review, draft.kind) {
        (Some(review), _) => review.sections.clone(),
        (None, DocKind::Quarter) => guide(&QUARTER_PARTS[3..4]),
        (None, _) => guide(&YEAR_PARTS[3..]),
    }
}

/// The document without a `templates/plan/` template: headings, the
/// guide's questions and the plan's facts.
fn plain(draft: &Draft, name: &str) -> String {
    let mut out = format!("# {name}: {} - {}\n", draft.title, draft.name);
    for section in parts(draft) {
        let _ = write!(out, "\n## {}\n\n", section.heading);
        for q in &section.questions {
            let _ = writeln!(out, "- {q}");
        }
        if !section.facts.is_empty() {
            out.push('\n');
            for fact in &section.facts {
                let _ = writeln!(out, "{fact}");
            }
        }
    }
    out
}
