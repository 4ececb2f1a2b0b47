//! The scalar values people write by hand: amounts (`5.9M`, `850k`,
//! `5,900,000`, `72%`, `3.1x`), bands (`15-20%`, `15M-20M`), period ids (`2026`,
//! `2026-Q3`, `2026-07`, `2026-W33`) and dates.
//!
//! Each parses from text with a message that names what was expected, so a
//! typo in a plan file reads as a sentence rather than a serde type error.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A quantity: money, a count, a percentage or a ratio, written with an
/// optional `$`, thousands separators and a `k`/`M`/`B`, `%` or `x` suffix.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Amount(pub f64);

impl Amount {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl FromStr for Amount {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_amount(text, None).map(|(value, _)| Amount(value))
    }
}

/// Parses an amount, returning it and whether it carried a multiplier
/// suffix. `inherit` is the multiplier to use when the text has none.
fn parse_amount(text: &str, inherit: Option<f64>) -> Result<(f64, Option<f64>), String> {
    let bad =
        || format!("`{text}` is not an amount (write e.g. `5.9M`, `850k`, `5,900,000` or `72%`)");
    let mut body = text.trim();
    let negative = body.starts_with('-');
    if negative {
        body = body[1..].trim_start();
    }
    body = body.strip_prefix('$').unwrap_or(body).trim();
    let (digits, multiplier) = match body.chars().last() {
        Some('k' | 'K') => (&body[..body.len() - 1], Some(1e3)),
        Some('m' | 'M') => (&body[..body.len() - 1], Some(1e6)),
        Some('b' | 'B') => (&body[..body.len() - 1], Some(1e9)),
        Some('%' | 'x' | 'X') => (&body[..body.len() - 1], Some(1.0)),
        Some('×') => (&body[..body.len() - '×'.len_utf8()], Some(1.0)),
        _ => (body, None),
    };
    let digits = digits.trim();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '_')
        || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        return Err(bad());
    }
    let cleaned: String = digits.chars().filter(|c| *c != ',' && *c != '_').collect();
    let value: f64 = cleaned.parse().map_err(|_| bad())?;
    let scale = multiplier.or(inherit).unwrap_or(1.0);
    let value = value * scale;
    Ok((if negative { -value } else { value }, multiplier))
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_amount(self.0))
    }
}

/// The short form when it reads back as this very number (`7.6M`),
/// otherwise every digit (`5123457`).
pub fn exact_text(value: f64) -> String {
    let short = format_amount(value);
    let exact = short
        .parse::<Amount>()
        .is_ok_and(|a| (a.0 - value).abs() <= value.abs() * 1e-9);
    if exact { short } else { format!("{value}") }
}

/// A percentage rounded to a whole number: the one rounding of every
/// percentage `roadmap` shows, as text in the terminal, the pages (the
/// `percent` filter), the drafts and the CSVs, and as a number in the
/// report's figures. Half to even (62.5 is 62), as Rust's formatting and
/// minijinja's `round` both do.
pub fn rounded_percent(percent: f64) -> f64 {
    percent.round_ties_even()
}

/// A percentage as a whole number, `62` (see [`rounded_percent`]).
pub fn whole_percent(percent: f64) -> String {
    rounded_percent(percent).to_string()
}

/// A percentage as text: `62%` (see [`whole_percent`]).
pub fn percent_text(percent: f64) -> String {
    format!("{}%", whole_percent(percent))
}

/// Short human form: `5.9M`, `850k`, `42`, `0.5`.
pub fn format_amount(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let mut text = format!("{scaled:.2}");
    while text.contains('.') && (text.ends_with('0') || text.ends_with('.')) {
        text.pop();
    }
    format!("{text}{suffix}")
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount such as 5.9M, 850k, 5,900,000 or 72%")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if v.is_finite() {
                    Ok(Amount(v))
                } else {
                    Err(E::custom("an amount must be a finite number"))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, or text such as 5.9M, 850k, $5,900,000 or 72%",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?\s*\$?\s*[0-9.][0-9.,_]*\s*[kKmMbB%xX×]?\s*$"}
            ]
        })
    }
}

/// A value typed for an item (on the command line or in a review), read
/// against the item's unit: what `status` shows is accepted back (`3.1x`,
/// `72%`, `$4.36M`, `$4,360,000`, `850k`, `4 managers`).
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub value: f64,
    /// The text to write to the plan file: as typed, less a unit word
    /// (`4 managers` is written `4`: the item's `unit` says the rest).
    pub text: String,
}

/// How the item's unit is written after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Money,
    Percent,
    Ratio,
    None,
}

fn mark_of_unit(unit: Option<&str>) -> Option<Mark> {
    Some(match unit?.trim() {
        "USD" | "$" | "usd" => Mark::Money,
        "%" => Mark::Percent,
        "x" | "X" | "×" => Mark::Ratio,
        _ => return None,
    })
}

/// The marks a written value carries: a leading `$`, or a trailing `%` or
/// `x`.
fn marks_of(text: &str) -> Mark {
    let body = text.trim().trim_start_matches('-').trim_start();
    if body.starts_with('$') {
        Mark::Money
    } else if body.ends_with('%') {
        Mark::Percent
    } else if body.ends_with(['x', 'X', '×']) {
        Mark::Ratio
    } else {
        Mark::None
    }
}

/// The forms a value for an item of `unit` may take, for messages.
pub fn accepted_forms(unit: Option<&str>) -> String {
    match (mark_of_unit(unit), unit) {
        (Some(Mark::Money), _) => "`4.36M`, `$4.36M`, `850k` or `$4,360,000`".to_owned(),
        (Some(Mark::Percent), _) => "`21.5` or `21.5%`".to_owned(),
        (Some(Mark::Ratio), _) => "`3.2` or `3.2x`".to_owned(),
        (_, Some(word)) if !word.trim().is_empty() => format!("`4` or `4 {}`", word.trim()),
        _ => "`5.9M`, `850k`, `5,900,000`, `72%` or `3.2x`".to_owned(),
    }
}

/// A multiplier is never a unit word: `850k` is 850,000, whatever the
/// item's unit.
fn multiplier_word(unit: &str) -> bool {
    ["k", "m", "b"].contains(&unit.trim().to_lowercase().as_str())
}

/// `text` less a trailing unit word (`4 managers`, `1 document` for the
/// unit `documents`), or `None` when it ends in no such word.
fn strip_unit_word<'t>(text: &'t str, unit: &str) -> Option<&'t str> {
    let unit = unit.trim();
    if unit.is_empty() || multiplier_word(unit) || mark_of_unit(Some(unit)).is_some() {
        return None;
    }
    let singular = unit.strip_suffix('s').unwrap_or(unit);
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    [unit.to_lowercase(), singular.to_lowercase()]
        .iter()
        .filter(|word| !word.is_empty())
        .find_map(|word| {
            let rest = lower.strip_suffix(word.as_str())?;
            // The word follows the number, not part of it: `4 managers`.
            (rest.len() < text.len() && !rest.ends_with(|c: char| c.is_alphabetic()))
                .then(|| text[..rest.len()].trim_end())
        })
}

/// Reads `text` as a value for an item measured in `unit` (`USD`, `%`, `x`,
/// a word such as `managers`, or none). A `$`, `%` or `x` that names
/// another unit than the item's is refused: `5%` is not a revenue.
pub fn parse_typed(text: &str, unit: Option<&str>) -> Result<Typed, String> {
    let trimmed = text.trim();
    let forms = accepted_forms(unit);
    let body = unit
        .and_then(|u| strip_unit_word(trimmed, u))
        .unwrap_or(trimmed);
    let amount: Amount = body
        .parse()
        .map_err(|_| format!("`{trimmed}` is not a value: write {forms}"))?;
    if !amount.0.is_finite() {
        return Err(format!("`{trimmed}` is not a number: write {forms}"));
    }
    let typed = marks_of(body);
    let wanted = mark_of_unit(unit).unwrap_or(Mark::None);
    let unit_given = unit.is_some_and(|u| !u.trim().is_empty());
    if unit_given && typed != Mark::None && typed != wanted {
        return Err(format!(
            "`{trimmed}` is {}, not {}: write {forms}",
            mark_name(typed),
            unit.unwrap_or_default().trim()
        ));
    }
    Ok(Typed {
        value: amount.0,
        text: body.to_owned(),
    })
}

fn mark_name(mark: Mark) -> &'static str {
    match mark {
        Mark::Money => "money",
        Mark::Percent => "a percentage",
        Mark::Ratio => "a ratio",
        Mark::None => "a number",
    }
}

/// `typed` in the style of `series` (the value written last for the same
/// item) when the typed text leaves its unit out: `20.6` after `20.4%` is
/// written `20.6%`, `5.9M` after `$5.36M` is `$5.9M`. Text that shows its
/// unit, or a series that does not, is kept as typed.
pub fn in_style_of(typed: &str, series: Option<&str>) -> String {
    let typed = typed.trim();
    let Some(series) = series else {
        return typed.to_owned();
    };
    if marks_of(typed) != Mark::None {
        return typed.to_owned();
    }
    let scaled = typed.ends_with(['k', 'K', 'm', 'M', 'b', 'B']);
    match marks_of(series) {
        Mark::Money => match typed.strip_prefix('-') {
            Some(rest) => format!("-${}", rest.trim_start()),
            None => format!("${typed}"),
        },
        Mark::Percent if !scaled => format!("{typed}%"),
        Mark::Ratio if !scaled => {
            let x = series.trim().chars().last().unwrap_or('x');
            format!("{typed}{x}")
        }
        _ => typed.to_owned(),
    }
}

/// A number as `status` shows it for an item of `unit`, and as a person
/// may type it back: `$5.36M`, `21.5%`, `3.1x`, `4 managers`.
pub fn shown(value: f64, unit: Option<&str>) -> String {
    let mark = mark_of_unit(unit);
    // `5.9M%` does not read back: a percentage or a ratio has no
    // multiplier, so a large one is written out in full.
    let number = if matches!(mark, Some(Mark::Percent | Mark::Ratio)) && value.abs() >= 1e4 {
        format!("{value}")
    } else {
        exact_text(value)
    };
    match (mark, unit.map(str::trim)) {
        // `-$5.36M`, as it is typed: `$-5.36M` does not read back.
        (Some(Mark::Money), _) => match number.strip_prefix('-') {
            Some(positive) => format!("-${positive}"),
            None => format!("${number}"),
        },
        (Some(Mark::Percent), _) => format!("{number}%"),
        (Some(Mark::Ratio), _) => format!("{number}x"),
        // `5 k` would read back as 5,000.
        (_, Some(word)) if !word.is_empty() && !multiplier_word(word) => {
            format!("{number} {word}")
        }
        _ => number,
    }
}

/// A closed range `lo-hi` of amounts, or one value (`lo == hi`): growth bands
/// (`15-20%`), team sizes (`15-20`), revenue bands (`15M-20M`, `$15-20M`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Band {
    pub lo: f64,
    pub hi: f64,
}

impl Band {
    pub fn contains(self, value: f64) -> bool {
        value >= self.lo && value <= self.hi
    }
    pub fn mid(self) -> f64 {
        f64::midpoint(self.lo, self.hi)
    }
}

impl FromStr for Band {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not a range (write e.g. `15-20%`, `15M-20M` or `12`)");
        let trimmed = text.trim();
        // A leading minus belongs to the first number, not to the separator.
        let split = trimmed
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '-' || c == '–')
            .map(|(i, c)| (i, c.len_utf8()));
        let band = match split {
            None => {
                let value = parse_amount(trimmed, None).map_err(|_| bad())?.0;
                Band {
                    lo: value,
                    hi: value,
                }
            }
            Some((at, width)) => {
                let (lo_text, hi_text) = (&trimmed[..at], &trimmed[at + width..]);
                let (hi, multiplier) = parse_amount(hi_text, None).map_err(|_| bad())?;
                let (lo, _) = parse_amount(lo_text, multiplier).map_err(|_| bad())?;
                Band { lo, hi }
            }
        };
        if band.lo > band.hi {
            return Err(format!("`{text}`: the low end is above the high end"));
        }
        Ok(band)
    }
}

/// `15-20`, or `12` for a band of one value; each end in its short form
/// when that reads back as the same number.
impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (self.lo - self.hi).abs() < f64::EPSILON {
            write!(f, "{}", exact_text(self.lo))
        } else {
            write!(f, "{}-{}", exact_text(self.lo), exact_text(self.hi))
        }
    }
}

impl Serialize for Band {
    /// `{lo, hi}` for a reader (JSON); a pair where no one reads it (the
    /// parses a run keeps, `load::parsed`), which reads back as written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if !serializer.is_human_readable() {
            return (self.lo, self.hi).serialize(serializer);
        }
        let mut band = serializer.serialize_struct("Band", 2)?;
        band.serialize_field("lo", &self.lo)?;
        band.serialize_field("hi", &self.hi)?;
        band.end()
    }
}

impl<'de> Deserialize<'de> for Band {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BandVisitor;
        impl<'de> Visitor<'de> for BandVisitor {
            type Value = Band;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a range such as 15-20%, 15M-20M or a single number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Band, E> {
                Ok(Band {
                    lo: v as f64,
                    hi: v as f64,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Band, E> {
                Ok(Band {
                    lo: v as f64,
                    hi: v as f64,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Band, E> {
                Ok(Band { lo: v, hi: v })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Band, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Band, A::Error> {
                let lo: Amount = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let hi: Amount = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                if lo.0 > hi.0 {
                    return Err(de::Error::custom("the low end is above the high end"));
                }
                Ok(Band { lo: lo.0, hi: hi.0 })
            }
        }
        deserializer.deserialize_any(BandVisitor)
    }
}

impl JsonSchema for Band {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Band".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let amount = generator.subschema_for::<Amount>();
        json_schema!({
            "description": "A range such as 15-20%, 15M-20M or 15-20, or a single number",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?\s*\$?\s*[0-9.][0-9.,_]*\s*[kKmMbB%xX×]?\s*(?:[-–]\s*-?\s*\$?\s*[0-9.][0-9.,_]*\s*[kKmMbB%xX×]?\s*)?$"},
                {"type": "array", "items": amount, "minItems": 2, "maxItems": 2}
            ]
        })
    }
}

/// A period of the plan: a year, quarter, month, ISO week or day. Years,
/// quarters and months name files (`quarters/2026-Q3.md`) and appear on the
/// command line; weeks and days are for milestone due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
    Week(i32, u8),
    Day(NaiveDate),
}

impl Period {
    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        match self {
            Period::Year(y) => ymd(y, 1, 1),
            Period::Quarter(y, q) => ymd(y, u32::from(q) * 3 - 2, 1),
            Period::Month(y, m) => ymd(y, u32::from(m), 1),
            Period::Week(y, w) => NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Mon)
                .unwrap_or_else(|| ymd(y, 1, 1)),
            Period::Day(d) => d,
        }
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        match self {
            Period::Year(y) => ymd(y, 12, 31),
            Period::Quarter(y, q) => month_end(y, u32::from(q) * 3),
            Period::Month(y, m) => month_end(y, u32::from(m)),
            Period::Week(y, w) => NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Sun)
                .unwrap_or_else(|| ymd(y, 12, 31)),
            Period::Day(d) => d,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) | Period::Week(y, _) => y,
            Period::Day(d) => d.year(),
        }
    }

    /// The quarter that holds a date.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::Quarter(date.year(), (date.month0() / 3 + 1) as u8)
    }

    /// The month that holds a date.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month(date.year(), date.month() as u8)
    }

    /// True for the periods that may name a plan file.
    pub fn names_files(self) -> bool {
        matches!(
            self,
            Period::Year(_) | Period::Quarter(..) | Period::Month(..)
        )
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The last day of a month.
pub fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "`{text}` is not a period (write a year `2026`, a quarter `2026-Q3`, a month `2026-07`, a week `2026-W33` or a date `2026-07-15`)"
            )
        };
        let text = text.trim();
        let year = |s: &str| -> Result<i32, String> {
            if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let number = |s: &str, lo: u8, hi: u8| -> Result<u8, String> {
            match s.parse::<u8>() {
                Ok(n) if (lo..=hi).contains(&n) && s.chars().all(|c| c.is_ascii_digit()) => Ok(n),
                _ => Err(bad()),
            }
        };
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] => Ok(Period::Year(year(y)?)),
            [y, q] if q.starts_with(['Q', 'q']) => {
                Ok(Period::Quarter(year(y)?, number(&q[1..], 1, 4)?))
            }
            [y, w] if w.starts_with(['W', 'w']) => {
                let (y, w) = (year(y)?, number(&w[1..], 1, 53)?);
                if NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Mon).is_none() {
                    return Err(format!("`{text}`: {y} has no week {w}"));
                }
                Ok(Period::Week(y, w))
            }
            [y, m] if m.len() == 2 => Ok(Period::Month(year(y)?, number(m, 1, 12)?)),
            [_, _, _] => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Period::Day)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Four digits, as read: the year 0042 is not `42`.
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Period::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Period::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl Visitor<'_> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as 2026, 2026-Q3, 2026-07, 2026-W33 or 2026-07-15")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(PeriodVisitor)
    }
}

impl JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A year (2026), quarter (2026-Q3), month (2026-07), ISO week (2026-W33) or date (2026-07-15)",
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^\s*\d{4}(?:-[Qq][1-4]|-[Ww](?:0?[1-9]|[1-4]\d|5[0-3])|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?\s*$"}
            ]
        })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl FromStr for Date {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("`{text}` is not a date (write YYYY-MM-DD, e.g. 2026-10-31)"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, YYYY-MM-DD",
            "type": "string",
            "format": "date",
            "pattern": r"^\s*\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\s*$"
        })
    }
}

/// A span of time spent, in whole minutes: written `2h30m`, `2h`, `45m`,
/// `1.5h` or a bare number of minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Duration(pub u32);

/// The most time a day can hold, in minutes.
pub const DAY_MINUTES: u32 = 24 * 60;

impl FromStr for Duration {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!("`{text}` is not a duration (write hours and minutes, e.g. 2h30m, 45m or 1.5h)")
        };
        let t = text.trim().to_ascii_lowercase().replace(' ', "");
        if t.is_empty() {
            return Err(bad());
        }
        if let Ok(minutes) = t.parse::<u32>() {
            return Ok(Duration(minutes));
        }
        let (hours, rest) = match t.split_once('h') {
            Some((h, rest)) => (Some(h), rest),
            None => (None, t.as_str()),
        };
        let hours: f64 = match hours {
            Some(h) => h.parse::<f64>().map_err(|_| bad())?,
            None => 0.0,
        };
        let minutes: f64 = match rest.strip_suffix("min").or_else(|| rest.strip_suffix('m')) {
            Some(m) => m.parse::<u32>().map(f64::from).map_err(|_| bad())?,
            None if rest.is_empty() && t.contains('h') => 0.0,
            None => return Err(bad()),
        };
        let total = (hours * 60.0 + minutes).round();
        if !total.is_finite() || !(0.0..=f64::from(u32::MAX)).contains(&total) || hours < 0.0 {
            return Err(bad());
        }
        // In range by the check above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Duration(total as u32))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0 / 60, self.0 % 60) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m:02}m"),
        }
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;
        impl Visitor<'_> for DurationVisitor {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as 2h30m, 45m or 1.5h")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Duration, E> {
                u32::try_from(v)
                    .map(Duration)
                    .map_err(|_| E::custom("a duration this long is not a day's time"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
                u32::try_from(v)
                    .map(Duration)
                    .map_err(|_| E::custom("a duration is not negative"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(DurationVisitor)
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Time spent: 2h30m, 2h, 45m, 1.5h, or a number of minutes",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": DAY_MINUTES},
                {"type": "string", "pattern": r"^\s*(?:[0-9]+(?:\.[0-9]+)?\s*[hH]\s*(?:[0-9]+\s*(?:[mM]|min)\s*)?|[0-9]+\s*(?:[mM]|min)\s*|[0-9]+\s*)$"}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_ending_in_a_half_rounds_to_even() {
        assert_eq!(percent_text(62.5), "62%");
        assert_eq!(percent_text(13.5), "14%");
        assert_eq!(percent_text(12.51), "13%");
        assert_eq!(whole_percent(99.5), "100");
        // The report's figures give the same as a number.
        for percent in [62.5, 13.5, 12.51, 99.5, 0.4, 100.0] {
            assert_eq!(whole_percent(percent), rounded_percent(percent).to_string());
        }
        assert_eq!(rounded_percent(12.5).to_string(), "12");
    }

    #[test]
    fn durations_read_hours_and_minutes() {
        let d = |t: &str| t.parse::<Duration>().map(|d| d.0);
        assert_eq!(d("2h30m"), Ok(150));
        assert_eq!(d("2h 30m"), Ok(150));
        assert_eq!(d("2h"), Ok(120));
        assert_eq!(d("45m"), Ok(45));
        assert_eq!(d("45min"), Ok(45));
        assert_eq!(d("1.5h"), Ok(90));
        assert_eq!(d("90"), Ok(90));
        assert!(d("soon").is_err());
        assert!(d("2x").is_err());
        assert!(d("").is_err());
        assert!(d("-1h").is_err());
        assert_eq!(Duration(150).to_string(), "2h30m");
        assert_eq!(Duration(45).to_string(), "45m");
        assert_eq!(Duration(120).to_string(), "2h");
    }

    fn amount(text: &str) -> f64 {
        text.parse::<Amount>().expect("amount parses").0
    }

    #[test]
    fn amounts_accept_the_forms_people_write() {
        assert!((amount("5.9M") - 5_900_000.0).abs() < 1e-6);
        assert!((amount("850k") - 850_000.0).abs() < 1e-6);
        assert!((amount("5,900,000") - 5_900_000.0).abs() < 1e-6);
        assert!((amount("$1.2M") - 1_200_000.0).abs() < 1e-6);
        assert!((amount("72%") - 72.0).abs() < 1e-9);
        assert!((amount("-5") + 5.0).abs() < 1e-9);
        for bad in ["abc", "", "M", "5.9Q", "1e9", "--5", "x"] {
            assert!(bad.parse::<Amount>().is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn what_status_shows_is_read_back() {
        let read =
            |text: &str, unit: Option<&str>| parse_typed(text, unit).map(|t| (t.value, t.text));
        assert_eq!(read("3.2x", Some("x")), Ok((3.2, "3.2x".to_owned())));
        assert_eq!(read("3.2", Some("x")), Ok((3.2, "3.2".to_owned())));
        assert_eq!(read("21.5%", Some("%")), Ok((21.5, "21.5%".to_owned())));
        assert_eq!(
            read("$4,360,000", Some("USD")),
            Ok((4_360_000.0, "$4,360,000".to_owned()))
        );
        assert_eq!(
            read("$4.36M", Some("USD")),
            Ok((4_360_000.0, "$4.36M".to_owned()))
        );
        assert_eq!(
            read("4 managers", Some("managers")),
            Ok((4.0, "4".to_owned()))
        );
        assert_eq!(
            read("1 document", Some("documents")),
            Ok((1.0, "1".to_owned()))
        );
        assert_eq!(read("850k", Some("k")), Ok((850_000.0, "850k".to_owned())));
        assert_eq!(read("260h", Some("h")), Ok((260.0, "260".to_owned())));
        for (bad, unit) in [
            ("3.2x", Some("%")),
            ("5%", Some("USD")),
            ("$5", Some("x")),
            ("4 apples", Some("managers")),
            ("5%", Some("managers")),
        ] {
            let err = parse_typed(bad, unit).expect_err(bad);
            assert!(err.contains("write"), "{err}");
        }
        for (value, unit) in [
            (3.1, Some("x")),
            (21.5, Some("%")),
            (4_360_000.0, Some("USD")),
            (-5_360_000.0, Some("USD")),
            (5_900_000.0, Some("%")),
            (12_500.0, Some("x")),
            (5.0, Some("k")),
            (5_900_000.0, Some("k")),
            (4.0, Some("managers")),
            (20.75, Some("%")),
        ] {
            let text = shown(value, unit);
            assert_eq!(
                parse_typed(&text, unit).map(|t| t.value),
                Ok(value),
                "{text}"
            );
        }
    }

    #[test]
    fn a_bare_number_takes_the_style_of_its_series() {
        assert_eq!(in_style_of("20.6", Some("20.4%")), "20.6%");
        assert_eq!(in_style_of("20.6%", Some("20.4")), "20.6%");
        assert_eq!(in_style_of("20.6", Some("20.4")), "20.6");
        assert_eq!(in_style_of("5.9M", Some("$5.36M")), "$5.9M");
        assert_eq!(in_style_of("3.2", Some("3.1x")), "3.2x");
        assert_eq!(in_style_of("3.2", None), "3.2");
        assert_eq!(in_style_of("5M", Some("20%")), "5M");
    }

    #[test]
    fn bands_carry_the_suffix_to_the_low_end() {
        let band: Band = "$15-20M".parse().expect("band");
        assert_eq!((band.lo, band.hi), (15e6, 20e6));
        let band: Band = "15-20%".parse().expect("band");
        assert_eq!((band.lo, band.hi), (15.0, 20.0));
        let band: Band = "12".parse().expect("band");
        assert_eq!((band.lo, band.hi), (12.0, 12.0));
        assert!("20-15".parse::<Band>().is_err());
    }

    #[test]
    fn periods_round_trip_and_know_their_bounds() {
        for text in [
            "2026",
            "2026-Q3",
            "2026-07",
            "2026-W33",
            "2026-07-15",
            "0042",
            "0042-Q1",
            "0042-03",
            "0042-W05",
        ] {
            let period: Period = text.parse().expect("period");
            assert_eq!(period.to_string(), text);
        }
        let q: Period = "2026-Q1".parse().expect("quarter");
        assert_eq!(q.start().to_string(), "2026-01-01");
        assert_eq!(q.end().to_string(), "2026-03-31");
        let feb: Period = "2028-02".parse().expect("month");
        assert_eq!(feb.end().to_string(), "2028-02-29");
        for bad in [
            "2026-Q5",
            "2026-13",
            "26",
            "2026-W60",
            "2026-02-30",
            "next year",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn amounts_format_short() {
        assert_eq!(format_amount(5_900_000.0), "5.9M");
        assert_eq!(format_amount(850_000.0), "850k");
        assert_eq!(format_amount(42.0), "42");
    }
}
