//! When a tracked value has gone stale: the one rule every output that
//! flags "not updated since" uses, so the dashboard, its context and any
//! later output agree on which items need a fresh value.
//!
//! A value is expected at a cadence: a metric at the grain of its readings
//! (a month, a quarter, a year), a key result at each monthly update. It is
//! stale when the period after the one its latest value belongs to ended
//! more than [`GRACE_DAYS`] before the as-of date: a monthly metric whose
//! latest reading is October's is stale from 15 December on (November's
//! reading has had two weeks to be written), a key result last changed on
//! 2 September is stale from 15 November on. Measured against the as-of
//! date (the plan's last update), not today: an item is stale when the plan
//! moved on without it.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::value::Period;

/// Days after the end of the next period before a value counts as stale.
pub(crate) const GRACE_DAYS: u64 = 14;

/// A value that has gone stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stale {
    /// The day of the latest value: "not updated since" this day.
    pub since: NaiveDate,
    /// Days from `since` to the as-of date.
    pub days: i64,
    /// The last day the value was still fresh.
    pub due: NaiveDate,
}

/// Whether a value whose latest reading belongs to `period` (a key result's
/// month of change, a metric reading's period) and is dated `since` is
/// stale at `as_of`.
pub(crate) fn check(period: Period, since: NaiveDate, as_of: NaiveDate) -> Option<Stale> {
    let due = next_end(period).checked_add_days(Days::new(GRACE_DAYS))?;
    (as_of > due).then(|| Stale {
        since,
        days: (as_of - since).num_days(),
        due,
    })
}

/// A key result's value last changed on `since`: stale once the month after
/// that one is over, with the grace.
pub(crate) fn key_result(since: NaiveDate, as_of: NaiveDate) -> Option<Stale> {
    check(Period::month_of(since), since, as_of)
}

/// The last day of the period after `period`, of the same grain.
fn next_end(period: Period) -> NaiveDate {
    let after = period.end().succ_opt().unwrap_or(NaiveDate::MAX);
    match period {
        Period::Year(y) => Period::Year(y + 1).end(),
        Period::Quarter(..) => Period::quarter_of(after).end(),
        Period::Month(..) => Period::month_of(after).end(),
        Period::Week(..) => after.checked_add_days(Days::new(6)).unwrap_or(after),
        Period::Day(_) => after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn a_monthly_reading_is_fresh_until_two_weeks_after_the_next_month() {
        let october = Period::Month(2026, 10);
        let since = day("2026-10-31");
        assert_eq!(check(october, since, day("2026-12-14")), None);
        let stale = check(october, since, day("2026-12-15"));
        assert_eq!(
            stale,
            Some(Stale {
                since,
                days: 45,
                due: day("2026-12-14")
            })
        );
    }

    #[test]
    fn quarterly_and_yearly_readings_wait_a_whole_period() {
        assert_eq!(
            check(
                Period::Quarter(2026, 3),
                day("2026-09-30"),
                day("2027-01-14")
            ),
            None
        );
        assert!(
            check(
                Period::Quarter(2026, 3),
                day("2026-09-30"),
                day("2027-01-15")
            )
            .is_some()
        );
        assert_eq!(
            check(Period::Year(2025), day("2025-12-31"), day("2027-01-14")),
            None
        );
        assert!(check(Period::Year(2025), day("2025-12-31"), day("2027-01-15")).is_some());
    }

    #[test]
    fn a_key_result_is_stale_when_a_monthly_update_passed_it_by() {
        assert_eq!(key_result(day("2026-09-02"), day("2026-11-14")), None);
        assert!(key_result(day("2026-09-02"), day("2026-11-15")).is_some());
    }
}
