//! Dates in the forms exports write them: ISO (`2026-03-31`, with or
//! without a time), US (`3/31/2026`), European (`31.03.2026`) and a
//! month alone (`Mar 2026`, `2026-03`), or the one format the rules name.

use chrono::NaiveDate;

/// Tried in order when the rules name no format. `%m/%d/%Y` before
/// `%d/%m/%Y`: CRMs export US dates; a day-first sheet names its format.
const FORMATS: [&str; 10] = [
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
];

/// A month alone dates the row on the month's first day.
const MONTHS: [&str; 6] = ["%Y-%m", "%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%m/%Y"];

/// Reads a date cell (not blank) in `format`, or in the usual forms.
pub fn parse(cell: &str, format: Option<&str>) -> Result<NaiveDate, String> {
    let text = cell.trim();
    if let Some(format) = format {
        return one(text, format)
            .or_else(|| one(text.split([' ', 'T']).next().unwrap_or(text), format))
            .ok_or_else(|| format!("`{text}` is not a date in the format `{format}`"));
    }
    // A time after the date (`2026-03-31 14:02:11`, `2026-03-31T00:00:00Z`)
    // does not change the month.
    let day = text.split(['T', ' ']).next().unwrap_or(text);
    FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
        .or_else(|| {
            FORMATS
                .iter()
                .chain(MONTHS.iter())
                .find_map(|f| one(text, f))
        })
        .ok_or_else(|| {
            format!(
                "`{text}` is not a date (read: 2026-03-31, 03/31/2026, 31.03.2026, Mar 2026; name another with `date: {{format: \"%d/%m/%Y\"}}`)"
            )
        })
}

fn one(text: &str, format: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, format).ok().or_else(|| {
        // A format without a day (`%b %Y`): the first of the month.
        (!format.contains("%d") && !format.contains("%e"))
            .then(|| NaiveDate::parse_from_str(&format!("{text} 1"), &format!("{format} %d")).ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_usual_forms() {
        assert_eq!(parse("2026-03-31", None), Ok(d(2026, 3, 31)));
        assert_eq!(parse("2026-03-31 14:02:11", None), Ok(d(2026, 3, 31)));
        assert_eq!(parse("3/31/2026", None), Ok(d(2026, 3, 31)));
        assert_eq!(parse("31.03.2026", None), Ok(d(2026, 3, 31)));
        assert_eq!(parse("Mar 2026", None), Ok(d(2026, 3, 1)));
        assert_eq!(parse("2026-03", None), Ok(d(2026, 3, 1)));
        assert_eq!(parse("Mar 31, 2026", None), Ok(d(2026, 3, 31)));
    }

    #[test]
    fn a_named_format_wins() {
        assert_eq!(parse("04/03/2026", Some("%d/%m/%Y")), Ok(d(2026, 3, 4)));
        assert_eq!(parse("March 2026", Some("%B %Y")), Ok(d(2026, 3, 1)));
        assert!(parse("2026-03-04", Some("%d/%m/%Y")).is_err());
        assert!(parse("soon", None).is_err());
    }
}
