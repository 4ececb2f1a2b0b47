//! The edits of career.yaml: one figure at a time (`record career`, a
//! review's pay figures) and a promotion.

use chrono::NaiveDate;

use crate::cli::CareerFigure;
use crate::diag::YamlPath;
use crate::edit::Transaction;
use crate::error::Error;
use crate::load::Plan;
use crate::updates;
use crate::yaml::{self, New, Place};

/// `record promotion TITLE`: the promotion, dated `day`, and the new title.
/// Returns the change as a person reads it.
pub(crate) fn promotion(
    tx: &mut Transaction,
    plan: &Plan,
    day: NaiveDate,
    title: &str,
) -> Result<String, Error> {
    let file = file_of(plan)?;
    let edit = tx.open(&file)?;
    edit.push(
        &YamlPath::root().at("promotions"),
        &New::Map(vec![
            ("date".to_owned(), New::Scalar(day.to_string())),
            ("title".to_owned(), New::Scalar(yaml::text(title))),
        ]),
    )?;
    let old = edit.scalar(&YamlPath::root().at("title"));
    edit.set(&YamlPath::root().at("title"), title)?;
    updates::bump_as_of(tx, &file, day)?;
    Ok(match old {
        Some(old) => format!("promotion {day}: {old} → {title}"),
        None => format!("promotion {day}: {title}"),
    })
}

/// The career.yaml of `plan`: `record career` changes a file that is there.
pub(crate) fn file_of(plan: &Plan) -> Result<String, Error> {
    plan.docs
        .iter()
        .find(|d| matches!(d.data, crate::load::Data::Career(_)))
        .map(|d| d.path.clone())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}/career.yaml is missing or does not parse: write it first (docs/format.md, career.yaml)",
                plan.root
            ))
        })
}

/// `record career FIGURE VALUE`: one figure of career.yaml, inserted where
/// the file has none yet (a review's pay figures are written here too).
/// Returns the commit message and the change.
pub(crate) fn record(
    tx: &mut Transaction,
    plan: &Plan,
    day: NaiveDate,
    figure: CareerFigure,
    value: &str,
) -> Result<(String, String), Error> {
    let file = file_of(plan)?;
    let root = YamlPath::root();
    let bad =
        |e: &Error| Error::Usage(format!("career {}: {e}; nothing was changed", name(figure)));
    let amount = |unit| updates::parse_value(value, unit).map_err(|e| bad(&e));
    let count = || updates::parse_count(value).map_err(|e| bad(&e));
    // The mapping the figure is in, its key there, the value as written
    // and the entry it goes after when it is new.
    let (map, key, written, after): (YamlPath, &str, New, &str) = match figure {
        CareerFigure::Title => (
            root.clone(),
            "title",
            New::Scalar(yaml::text(value)),
            "as_of",
        ),
        CareerFigure::Territory => (
            root.clone(),
            "territory",
            New::Scalar(yaml::text(value)),
            "title",
        ),
        CareerFigure::Span => (
            root.clone(),
            "span",
            New::Scalar(yaml::text(value)),
            "reports",
        ),
        CareerFigure::Reports => (
            root.clone(),
            "reports",
            New::Scalar(count()?.to_string()),
            "territory",
        ),
        CareerFigure::Revenue => {
            let typed = amount(Some("USD"))?;
            (
                root.clone(),
                "revenue",
                New::Scalar(yaml::amount(&typed.text, typed.value)),
                "reports",
            )
        }
        CareerFigure::Base | CareerFigure::Total => {
            let typed = amount(Some("USD"))?;
            let key = if figure == CareerFigure::Base {
                "base"
            } else {
                "total"
            };
            let map = root.at("compensation");
            let scalar = New::Scalar(yaml::amount(&typed.text, typed.value));
            if !tx.open(&file)?.has(&map)? {
                return first_pay(tx, &file, day, figure, (key, scalar), value);
            }
            (map, key, scalar, "base")
        }
        CareerFigure::Market => {
            let percentile = count()?;
            if !(1..=99).contains(&percentile) {
                return Err(Error::Usage(format!(
                    "career market: `{value}` is not a percentile: write a whole number from 1 to 99 (50 is the market's median)"
                )));
            }
            let map = root.at("compensation");
            if !tx.open(&file)?.has(&map)? {
                return Err(Error::Usage(
                    "career market: career.yaml has no compensation yet: record the base first (`roadmap record career base 132k`)"
                        .to_owned(),
                ));
            }
            (map, "market", New::Scalar(percentile.to_string()), "total")
        }
        CareerFigure::Rank => return rank(tx, &file, value, day),
        CareerFigure::Promoted | CareerFigure::Improvements | CareerFigure::Practices => {
            let key = name(figure);
            let scalar = New::Scalar(count()?.to_string());
            let map = root.at("leadership");
            if !tx.open(&file)?.has(&map)? {
                return insert_map(
                    tx,
                    &file,
                    day,
                    figure,
                    ("leadership", "promotions"),
                    (key, scalar),
                    value,
                );
            }
            (map, key, scalar, "")
        }
        CareerFigure::Benchmark => (
            root.clone(),
            "promotion_benchmark",
            New::Scalar(count()?.to_string()),
            "promotions",
        ),
    };
    write_figure(tx, &file, (&map, key, &written, after), figure, value, day)
}

/// Writes one figure into `map` of career.yaml, after `after` when it is
/// new (at the end for no `after`).
fn write_figure(
    tx: &mut Transaction,
    file: &str,
    (map, key, written, after): (&YamlPath, &str, &New, &str),
    figure: CareerFigure,
    value: &str,
    day: NaiveDate,
) -> Result<(String, String), Error> {
    let edit = tx.open(file)?;
    let path = map.at(key);
    let old = edit.scalar(&path);
    let New::Scalar(text) = written else {
        return Err(Error::Usage(format!(
            "career {}: not a single value",
            name(figure)
        )));
    };
    if edit.has(&path)? {
        edit.set(
            &path,
            &serde_yaml::from_str::<String>(text).unwrap_or_else(|_| text.clone()),
        )?;
    } else {
        let place = if after.is_empty() {
            Place::Last
        } else {
            Place::After(after)
        };
        edit.insert(map, key, written, place)?;
    }
    updates::bump_as_of(tx, file, day)?;
    let change = match old {
        Some(old) => format!("career {}: {old} → {value}", name(figure)),
        None => format!("career {}: {value} (new)", name(figure)),
    };
    Ok((format!("record: career {} {value}", name(figure)), change))
}

/// The first pay figure: the compensation mapping with it, or a pointer
/// to the base when `total` comes first.
fn first_pay(
    tx: &mut Transaction,
    file: &str,
    day: NaiveDate,
    figure: CareerFigure,
    entry: (&str, New),
    value: &str,
) -> Result<(String, String), Error> {
    if figure == CareerFigure::Total {
        return Err(Error::Usage(
            "career total: career.yaml has no compensation yet: record the base first (`roadmap record career base 132k`)"
                .to_owned(),
        ));
    }
    insert_map(
        tx,
        file,
        day,
        figure,
        ("compensation", "revenue"),
        entry,
        value,
    )
}

/// `record career rank 2/14`: the place and how many are ranked.
fn rank(
    tx: &mut Transaction,
    file: &str,
    value: &str,
    day: NaiveDate,
) -> Result<(String, String), Error> {
    let (rank, of) = parse_rank(value).ok_or_else(|| {
        Error::Usage(format!(
            "career rank: `{value}` is not a rank: write the place and how many are ranked, `2/14` or `2 of 14`"
        ))
    })?;
    let root = YamlPath::root();
    let map = root.at("ranking");
    let edit = tx.open(file)?;
    if edit.has(&map)? {
        edit.upsert(&map, "of", &of.to_string(), Place::After("rank"))?;
        edit.upsert(&map, "rank", &rank.to_string(), Place::First)?;
    } else {
        edit.insert(
            &root,
            "ranking",
            &New::Map(vec![
                ("rank".to_owned(), New::Scalar(rank.to_string())),
                ("of".to_owned(), New::Scalar(of.to_string())),
            ]),
            Place::After("compensation"),
        )?;
    }
    updates::bump_as_of(tx, file, day)?;
    Ok((
        format!("record: career rank {rank} of {of}"),
        format!("career rank: #{rank} of {of}"),
    ))
}

/// Inserts a mapping that is not there yet with its first entry.
fn insert_map(
    tx: &mut Transaction,
    file: &str,
    day: NaiveDate,
    figure: CareerFigure,
    (map, after): (&str, &str),
    (key, scalar): (&str, New),
    value: &str,
) -> Result<(String, String), Error> {
    tx.open(file)?.insert(
        &YamlPath::root(),
        map,
        &New::Map(vec![(key.to_owned(), scalar)]),
        Place::After(after),
    )?;
    updates::bump_as_of(tx, file, day)?;
    Ok((
        format!("record: career {} {value}", name(figure)),
        format!("career {}: {value} (new)", name(figure)),
    ))
}

fn name(figure: CareerFigure) -> &'static str {
    match figure {
        CareerFigure::Title => "title",
        CareerFigure::Territory => "territory",
        CareerFigure::Span => "span",
        CareerFigure::Reports => "reports",
        CareerFigure::Revenue => "revenue",
        CareerFigure::Base => "base",
        CareerFigure::Total => "total",
        CareerFigure::Market => "market",
        CareerFigure::Rank => "rank",
        CareerFigure::Promoted => "promoted",
        CareerFigure::Improvements => "improvements",
        CareerFigure::Practices => "practices",
        CareerFigure::Benchmark => "benchmark",
    }
}

/// `2/14`, `2 of 14`, `#2 of 14`: the place and how many are ranked.
fn parse_rank(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().trim_start_matches('#');
    let (rank, of) = text.split_once('/').or_else(|| text.split_once(" of "))?;
    let (rank, of): (u32, u32) = (rank.trim().parse().ok()?, of.trim().parse().ok()?);
    (rank >= 1 && rank <= of).then_some((rank, of))
}

/// A review's career figures (`revenue`, `reports` and the pay figures
/// `base` and `total`, as typed), each written to career.yaml.
pub(crate) fn review(
    tx: &mut Transaction,
    plan: &Plan,
    day: NaiveDate,
    figures: &[(String, String)],
) -> Result<(), Error> {
    if figures.is_empty() {
        return Ok(());
    }
    let Some(file) = plan
        .docs
        .iter()
        .find(|d| matches!(d.data, crate::load::Data::Career(_)))
        .map(|d| d.path.clone())
    else {
        return Err(Error::Usage(
            "career: the plan has no career.yaml; nothing was changed".to_owned(),
        ));
    };
    for (field, value) in figures {
        // The pay figures go under `compensation`, as `record career` puts them.
        let pay = match field.as_str() {
            "base" => Some(CareerFigure::Base),
            "total" => Some(CareerFigure::Total),
            _ => None,
        };
        if let Some(figure) = pay {
            record(tx, plan, day, figure, value)?;
            continue;
        }
        let about = |e: &Error| updates::values::review_about(field, e);
        let written = match field.as_str() {
            "revenue" => {
                updates::parse_value(value, Some("USD"))
                    .map_err(|e| about(&e))?
                    .text
            }
            _ => updates::parse_count(value)
                .map_err(|e| about(&e))?
                .to_string(),
        };
        updates::set_field(tx, &file, &YamlPath::root(), field, &written, "title", day)?;
    }
    Ok(())
}
