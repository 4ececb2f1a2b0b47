//! What the plan holds in words, for the report: the written review
//! answers, the archive of every review, the year plans' role targets and
//! success criteria. The figures are in `context`; this is the text the
//! person wrote, so the dashboard can show the whole plan.

use chrono::NaiveDate;
use serde::Serialize;

use crate::history::History;
use crate::load::{Docs, Plan};
use crate::model::{self, Status};
use crate::planning::{self, DocKind, QUARTER_PARTS, YEAR_PARTS};
use crate::progress::CriterionView;
use crate::value::Period;

/// One review file as written, for the dashboard's archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchivedReview {
    /// `2026-10`, `2026-Q3`, `2026`.
    pub period: String,
    /// `October 2026`, `Q3 2026`, `2026`.
    pub title: String,
    /// `month-review`, `quarter-review` or `year-review`.
    pub kind: &'static str,
    /// `monthly`, `quarterly` or `annual`.
    pub kind_label: &'static str,
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub on_track: Option<model::Verdict>,
    /// Each heading of the body with what was written under it, the
    /// guide's questions left out.
    pub answers: Vec<WrittenAnswer>,
    pub wins: Vec<String>,
    pub learnings: Vec<String>,
    pub corrections: Vec<String>,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WrittenAnswer {
    pub heading: String,
    pub text: String,
}

/// A year's plan in words: the role it targets and how it will be judged.
#[derive(Debug, Clone, Serialize)]
pub struct YearPlanView {
    pub year: i32,
    pub theme: Option<String>,
    pub phase: Option<String>,
    /// The title or role targeted this year.
    pub role: Option<String>,
    /// The success criteria with their status (`planned` when unstated).
    pub success: Vec<CriterionView>,
    /// How many criteria are done (met).
    pub success_met: usize,
}

/// The guide's questions under `heading` for a review of `kind`.
fn questions(kind: DocKind, heading: &str) -> Vec<String> {
    let parts: &[(&str, &[&str])] = match kind {
        DocKind::QuarterReview => &QUARTER_PARTS,
        DocKind::YearReview => &YEAR_PARTS,
        _ => &[],
    };
    parts
        .iter()
        .filter(|(h, _)| *h == heading)
        .flat_map(|(_, qs)| qs.iter().map(|q| (*q).to_owned()))
        .collect()
}

fn body_of<'a>(plan: &'a Plan, path: &str) -> &'a str {
    plan.docs
        .iter()
        .find(|d| d.path == path)
        .map_or("", |d| d.body.as_str())
}

/// Fills each section of this month's review card with what the review
/// file says under its heading. The figures `roadmap review` wrote there
/// are the draft's on the day it was written, or the current ones: both
/// are left out, being shown beside the answer already.
pub(super) fn fill_answers(
    plan: &Plan,
    history: &History,
    docs: &Docs,
    month: Period,
    today: NaiveDate,
    sections: &mut [planning::Section],
) {
    let Some((review, path)) = docs.reviews.get(&month) else {
        return;
    };
    let written = planning::body_sections(body_of(plan, path));
    // `sections` are the draft of `today`: only another day's is drafted.
    let earlier = review
        .as_of
        .filter(|d| d.0 != today)
        .map(|d| planning::draft(DocKind::MonthReview, plan, history, month, d.0))
        .and_then(|d| d.review)
        .map(|r| r.sections)
        .unwrap_or_default();
    for (i, section) in sections.iter_mut().enumerate() {
        let Some((_, text)) = written.iter().find(|(h, _)| *h == section.heading) else {
            continue;
        };
        let mut figures: Vec<&[String]> = vec![&section.facts];
        if let Some(old) = earlier.get(i) {
            figures.push(&old.facts);
        }
        section.answer = planning::written_answer(text, &section.questions, &figures);
    }
}

/// Every review, newest first, as written.
pub(super) fn archive(plan: &Plan, docs: &Docs) -> Vec<ArchivedReview> {
    let mut ordered: Vec<(&Period, &(&model::Review, &str))> = docs.reviews.iter().collect();
    ordered.sort_by_key(|(p, _)| std::cmp::Reverse((p.end(), std::cmp::Reverse(p.start()))));
    ordered
        .into_iter()
        .map(|(period, (review, path))| {
            let kind = DocKind::review_of(*period).unwrap_or(DocKind::MonthReview);
            let answers = planning::body_sections(body_of(plan, path))
                .into_iter()
                .filter_map(|(heading, text)| {
                    let text = planning::written_answer(&text, &questions(kind, &heading), &[])?;
                    Some(WrittenAnswer { heading, text })
                })
                .collect();
            ArchivedReview {
                period: period.to_string(),
                title: planning::period_title(*period),
                kind: kind.name(),
                kind_label: match kind {
                    DocKind::QuarterReview => "quarterly",
                    DocKind::YearReview => "annual",
                    _ => "monthly",
                },
                year: period.year(),
                as_of: review.as_of.map(|d| d.0),
                on_track: review.on_track,
                answers,
                wins: review.wins.iter().map(|w| w.title().to_owned()).collect(),
                learnings: review.learnings.clone(),
                corrections: review.corrections.clone(),
                path: (*path).to_owned(),
            }
        })
        .collect()
}

/// Every year plan, newest first.
pub(super) fn year_plans(docs: &Docs) -> Vec<YearPlanView> {
    docs.years
        .iter()
        .rev()
        .map(|(year, y)| {
            let success = CriterionView::of_year(y);
            YearPlanView {
                year: *year,
                theme: y.theme.clone(),
                phase: y.phase.clone(),
                role: y.role.clone(),
                success_met: success.iter().filter(|c| c.status == Status::Done).count(),
                success,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::MONTH_QUESTIONS;

    #[test]
    fn an_answer_is_the_text_without_the_questions_and_the_figures() {
        let body = "## Review quarter results vs. objectives\n\n- What was achieved?\n- Key wins and learnings\n\n**Q3:**\n- Revenue 54%\n\nThe playbook shipped.\n\nTwo engineers ramped.\n\n## Plan next quarter\n\n- Set 3-5 major objectives\n";
        let sections = planning::body_sections(body);
        assert_eq!(sections.len(), 2);
        let (heading, text) = &sections[0];
        let facts = vec!["**Q3:**".to_owned(), "- Revenue 54%".to_owned()];
        let answer =
            planning::written_answer(text, &questions(DocKind::QuarterReview, heading), &[&facts]);
        assert_eq!(
            answer.as_deref(),
            Some("The playbook shipped.\n\nTwo engineers ramped.")
        );
        let (heading, text) = &sections[1];
        assert_eq!(
            planning::written_answer(text, &questions(DocKind::QuarterReview, heading), &[]),
            None,
            "only the guide's questions: nothing written"
        );
    }

    #[test]
    fn a_heading_inside_fenced_code_is_text() {
        let sections = planning::body_sections("## One\n```\n## not a heading\n```\n");
        assert_eq!(sections.len(), 1);
        assert!(sections[0].1.contains("## not a heading"));
    }

    #[test]
    fn questions_of_a_quarter_part_are_the_guides() {
        let qs = questions(DocKind::QuarterReview, QUARTER_PARTS[0].0);
        assert_eq!(qs.len(), QUARTER_PARTS[0].1.len());
        assert!(questions(DocKind::MonthReview, MONTH_QUESTIONS[0]).is_empty());
    }
}
