//! Career progression as a time series: each figure of `career.yaml` as
//! the history recorded it, the promotions with their velocity, and the
//! year-over-year growth of base pay.
//!
//! The figures come from the history's `career:` observations (one per
//! commit that changed a figure, dated by the file's `as_of`), so a raise
//! committed in March and one committed a year later make a growth rate
//! without anything else written down. What of this is private is decided
//! in one place only, the report's redaction (`report::private`).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::history::{History, ItemKind, Val};
use crate::model;

/// The career figures the history records, in the order they are shown:
/// id, label and unit (`USD` for money).
pub(crate) const FIGURES: [(&str, &str, Option<&str>); 12] = [
    ("career:title", "Title", None),
    ("career:reports", "Direct reports", None),
    ("career:span", "Span of control", None),
    ("career:revenue", "Revenue responsibility", Some("USD")),
    ("career:base", "Base pay", Some("USD")),
    ("career:total", "Total compensation", Some("USD")),
    ("career:market", "Pay's market percentile", None),
    ("career:rank", "Ranking among peers", None),
    ("career:promotions", "Promotions", None),
    ("career:promoted", "People promoted from the team", None),
    (
        "career:improvements",
        "Process improvements implemented",
        None,
    ),
    ("career:practices", "Best practices adopted", None),
];

/// Career progression: where `career.yaml` stands and how it got there.
#[derive(Debug, Clone, Serialize)]
pub struct Progression {
    /// The promotions, oldest first.
    pub promotions: Vec<PromotionView>,
    /// Whole months from the last promotion to the day figures are
    /// measured at; `None` before the first.
    pub months_since_last: Option<u32>,
    /// The average months between promotions: the months from the first
    /// to the last, divided by the gaps between them; `None` with fewer
    /// than two promotions.
    pub velocity_months: Option<f64>,
    /// The months between promotions the user compares with
    /// (`promotion_benchmark`).
    pub benchmark_months: Option<u32>,
    /// `every 30 months on average, faster than the 36-month benchmark`.
    pub velocity_text: Option<String>,
    /// Base pay's growth over the year to its last reading, as a fraction
    /// (0.05 for 5%); `None` without a reading a year or more before.
    pub base_growth: Option<f64>,
    pub base_growth_text: Option<String>,
    /// Each recorded figure's readings, in [`FIGURES`] order; figures
    /// never recorded are left out.
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PromotionView {
    pub date: NaiveDate,
    pub title: String,
    /// Whole months since the promotion before (or `None` for the first).
    pub months_after_previous: Option<u32>,
}

/// One career figure over time.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// `career:base`, as `roadmap progress` names it.
    pub id: &'static str,
    /// The field of `career.yaml` it is read from: `compensation`,
    /// `ranking`, `leadership`...
    pub field: &'static str,
    pub label: &'static str,
    pub points: Vec<Point>,
    /// The readings as an SVG polyline in a 100 x 24 box (x by date, y
    /// from the lowest to the highest reading); empty for a text figure.
    pub spark: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub date: NaiveDate,
    /// The number; `None` for a text figure (title, span).
    pub value: Option<f64>,
    /// As shown: `$132k`, `#2 of 14`, `Regional Director`.
    pub text: String,
    pub commit: Option<String>,
}

/// Whole months from `from` to `to` (0 when `to` is not after `from`).
pub(crate) fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    u32::try_from(months).unwrap_or(0)
}

/// The field of `career.yaml` a figure's id is read from.
pub(crate) fn field_of(id: &str) -> &'static str {
    match id {
        "career:reports" => "reports",
        "career:span" => "span",
        "career:revenue" => "revenue",
        "career:base" | "career:total" | "career:market" => "compensation",
        "career:rank" => "ranking",
        "career:promotions" => "promotions",
        "career:promoted" | "career:improvements" | "career:practices" => "leadership",
        _ => "title",
    }
}

/// The progression of `career` as measured on `as_of`, from `history`
/// (one person's).
pub(crate) fn progression(
    career: &model::Career,
    history: &History,
    as_of: NaiveDate,
) -> Progression {
    let mut dated: Vec<&model::Promotion> = career.promotions.iter().collect();
    dated.sort_by_key(|p| p.date.0);
    let promotions: Vec<PromotionView> = dated
        .iter()
        .enumerate()
        .map(|(i, p)| PromotionView {
            date: p.date.0,
            title: p.title.clone(),
            months_after_previous: i
                .checked_sub(1)
                .map(|prev| months_between(dated[prev].date.0, p.date.0)),
        })
        .collect();
    let months_since_last = promotions.last().map(|p| months_between(p.date, as_of));
    let velocity_months = match (promotions.first(), promotions.last()) {
        (Some(first), Some(last)) if promotions.len() > 1 => {
            let gaps = f64::from(u32::try_from(promotions.len() - 1).unwrap_or(u32::MAX));
            Some((f64::from(months_between(first.date, last.date)) / gaps * 10.0).round() / 10.0)
        }
        _ => None,
    };
    let benchmark_months = career.promotion_benchmark;
    let velocity_text = velocity_months.map(|v| {
        let against = match benchmark_months {
            Some(b) if v < f64::from(b) => format!(", faster than the {b}-month benchmark"),
            Some(b) if v > f64::from(b) => format!(", slower than the {b}-month benchmark"),
            Some(b) => format!(", as the {b}-month benchmark"),
            None => String::new(),
        };
        format!("every {v} months on average{against}")
    });
    let series = series(history, as_of);
    let base_growth = series
        .iter()
        .find(|s| s.id == "career:base")
        .and_then(|s| year_over_year(&s.points));
    Progression {
        promotions,
        months_since_last,
        velocity_months,
        benchmark_months,
        velocity_text,
        base_growth,
        base_growth_text: base_growth.map(|g| format!("{:+.1}% over a year", g * 100.0)),
        series,
    }
}

/// The growth from the last reading a year or more before the last one
/// to the last one.
fn year_over_year(points: &[Point]) -> Option<f64> {
    let last = points.last()?;
    let now = last.value?;
    let year_before = last.date.with_year(last.date.year() - 1)?;
    let then = points
        .iter()
        .rev()
        .find(|p| p.date <= year_before)?
        .value
        .filter(|v| *v > 0.0)?;
    Some(now / then - 1.0)
}

fn series(history: &History, as_of: NaiveDate) -> Vec<Series> {
    let mut out: Vec<Series> = FIGURES
        .iter()
        .map(|(id, label, _)| Series {
            id,
            field: field_of(id),
            label,
            points: Vec::new(),
            spark: String::new(),
        })
        .collect();
    for o in history.observations_of(|kind| kind == ItemKind::Career) {
        let Some(index) = FIGURES.iter().position(|(id, ..)| *id == o.id) else {
            continue;
        };
        let unit = FIGURES[index].2;
        let (value, text) = match &o.value {
            Val::Num(n) if o.id == "career:rank" => (
                Some(*n),
                o.target
                    .map_or_else(|| format!("#{n}"), |of| format!("#{n} of {of}")),
            ),
            Val::Num(n) => (Some(*n), crate::progress::format_value(Some(*n), unit)),
            Val::Text(t) => (None, t.clone()),
        };
        out[index].points.push(Point {
            date: o.date,
            value,
            text,
            commit: o.commit.map(ToOwned::to_owned),
        });
    }
    out.retain(|s| !s.points.is_empty());
    // One time axis for every figure, to the day figures are measured at,
    // so lines drawn one under another line up by date.
    let first = out
        .iter()
        .filter_map(|s| s.points.first())
        .map(|p| p.date)
        .min();
    let last = out
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| p.date)
        .max();
    if let (Some(first), Some(last)) = (first, last) {
        for s in &mut out {
            s.spark = spark(&s.points, (first, last.max(as_of)));
        }
    }
    out
}

/// The readings as a step line from `axis.0` (x 0) to `axis.1` (x 100).
#[allow(clippy::cast_precision_loss)]
fn spark(points: &[Point], (start, end): (NaiveDate, NaiveDate)) -> String {
    let numbers: Vec<(NaiveDate, f64)> = points
        .iter()
        .filter_map(|p| Some((p.date, p.value?)))
        .collect();
    if numbers.is_empty() {
        return String::new();
    }
    let days = (end - start).num_days().max(1) as f64;
    let low = numbers.iter().map(|n| n.1).fold(f64::INFINITY, f64::min);
    let high = numbers
        .iter()
        .map(|n| n.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let range = if high > low { high - low } else { 1.0 };
    let mut out = String::new();
    // A step line: a figure holds its value until the next reading.
    let mut previous: Option<f64> = None;
    for (date, value) in &numbers {
        let x = (*date - start).num_days() as f64 / days * 100.0;
        let y = 22.0 - (value - low) / range * 20.0;
        if let Some(py) = previous {
            let _ = write!(out, "{x:.1},{py:.1} ");
        }
        let _ = write!(out, "{x:.1},{y:.1} ");
        previous = Some(y);
    }
    if let Some(py) = previous {
        let _ = write!(out, "100.0,{py:.1}");
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn months_between_counts_whole_months() {
        assert_eq!(months_between(day("2024-01-15"), day("2026-07-15")), 30);
        assert_eq!(months_between(day("2024-01-15"), day("2026-07-14")), 29);
        assert_eq!(months_between(day("2026-07-14"), day("2024-01-15")), 0);
    }

    #[test]
    fn a_base_pay_a_year_apart_makes_a_growth_rate() {
        let point = |date: &str, value: f64| Point {
            date: day(date),
            value: Some(value),
            text: String::new(),
            commit: None,
        };
        let points = [
            point("2025-03-31", 120_000.0),
            point("2025-10-31", 124_000.0),
            point("2026-03-31", 132_000.0),
        ];
        let growth = year_over_year(&points).expect("growth");
        assert!((growth - 0.1).abs() < 1e-9, "{growth}");
        assert_eq!(year_over_year(&points[1..]), None);
    }
}
