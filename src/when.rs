//! One point in time: the day it is, and what `--at`, `--rev` and `diff`'s
//! FROM and TO name, parsed once at the command line and resolved once.

use chrono::NaiveDate;

/// The variable that fixes "today" for every command: a date written
/// `YYYY-MM-DD`. Tests and reproducible reports set it; nothing else should.
pub const TODAY_VAR: &str = "ROADMAP_TODAY";

/// Today: `ROADMAP_TODAY` when it holds a date, else the local clock's day.
/// The only place the clock is read for a date.
pub fn today() -> NaiveDate {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|text| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
