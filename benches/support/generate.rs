//! Writes synthetic, valid plans: any number of people, each with a
//! ten-year plan as it stands in a given week of the plan.
//!
//! Everything is a pure function of the person's seed and the day, so the
//! same week always gives the same bytes, and one file can be rendered
//! without the others: the history builder re-renders only the files that
//! can still change. Every plan passes `roadmap check` with no errors and no
//! warnings: revenue targets grow inside the band, skill targets never drop,
//! each quarter has 3-5 objectives linked to the year's objectives, every key
//! result has a target, and all ids resolve.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::rng::Rng;

/// Years in every plan.
pub(crate) const YEARS: i32 = 10;

/// A week after the plan's last day: every period is over and every review
/// written.
pub(crate) const END_WEEK: u32 = 522;

/// Files every plan has at the end: 7 single files, 10 annual and 40
/// quarterly plans.
pub(crate) const FIXED_FILES: usize = 7 + YEARS as usize + 4 * YEARS as usize;

/// Appends a line to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// One person of a synthetic team.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Folder name under `plans/` in a team repository.
    pub slug: String,
    pub name: String,
    pub seed: u64,
    /// First year of the plan.
    pub start: i32,
    /// The slug of the person this one reports to: a team of more than
    /// one has three levels (a director, up to nine regional managers
    /// under them, everyone else under a regional manager).
    pub manager: Option<String>,
}

impl Person {
    fn end(&self) -> i32 {
        self.start + YEARS - 1
    }
}

/// `count` people with distinct names, all starting their plans in `start`.
pub(crate) fn people(count: usize, seed: u64, start: i32) -> Vec<Person> {
    let slug = |i: usize| {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i * 7 + i / FIRST_NAMES.len()) % LAST_NAMES.len()];
        format!("{}-{}-{:03}", first, last, i + 1).to_lowercase()
    };
    let regions = (count.saturating_sub(1)).min(9);
    (0..count)
        .map(|i| {
            let first = FIRST_NAMES[i % FIRST_NAMES.len()];
            let last = LAST_NAMES[(i * 7 + i / FIRST_NAMES.len()) % LAST_NAMES.len()];
            let manager = match i {
                0 => None,
                i if i <= regions => Some(slug(0)),
                i => Some(slug(1 + (i - regions - 1) % regions)),
            };
            Person {
                slug: slug(i),
                name: format!("{first} {last}"),
                seed: Rng::keyed(seed, &i.to_string()).next_u64(),
                start,
                manager,
            }
        })
        .collect()
}

/// The day a week of the plan is looked at: week 0 is the plan's first day.
pub(crate) fn day_of_week(start: i32, week: u32) -> NaiveDate {
    ymd(start, 1, 1) + TimeDelta::days(7 * i64::from(week))
}

/// How many of the most recent check-in months and reviews a plan keeps;
/// the rest are left out (`usize::MAX`: all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Keep {
    pub checkins: usize,
    pub month_reviews: usize,
    pub quarter_reviews: usize,
    pub year_reviews: usize,
}

impl Keep {
    pub(crate) const ALL: Keep = Keep {
        checkins: usize::MAX,
        month_reviews: usize::MAX,
        quarter_reviews: usize::MAX,
        year_reviews: usize::MAX,
    };

    /// Limits that leave exactly `files` files per plan at [`END_WEEK`]:
    /// annual reviews first, then quarterly reviews, check-ins and monthly
    /// reviews.
    pub(crate) fn for_files(files: usize) -> Keep {
        let months = 12 * YEARS as usize;
        let quarters = 4 * YEARS as usize;
        let max = FIXED_FILES + 2 * months + quarters + YEARS as usize;
        assert!(
            (FIXED_FILES..=max).contains(&files),
            "a plan has {FIXED_FILES} to {max} files, not {files}"
        );
        let mut extra = files - FIXED_FILES;
        let year_reviews = extra.min(YEARS as usize);
        extra -= year_reviews;
        let quarter_reviews = (extra / 4).min(quarters);
        extra -= quarter_reviews;
        let checkins = (extra / 2).min(months);
        extra -= checkins;
        let month_reviews = extra.min(months);
        extra -= month_reviews;
        let quarter_reviews = quarter_reviews + extra;
        Keep {
            checkins,
            month_reviews,
            quarter_reviews,
            year_reviews,
        }
    }
}

/// One plan file, by what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileId {
    Vision,
    Strategy,
    Capabilities,
    Metrics,
    Relationships,
    Habits,
    Career,
    Year(i32),
    Quarter(i32, u32),
    CheckIns(i32, u32),
    MonthReview(i32, u32),
    QuarterReview(i32, u32),
    YearReview(i32),
}

impl FileId {
    /// Path relative to the plan's folder.
    pub(crate) fn path(self) -> String {
        match self {
            FileId::Vision => "vision.md".to_owned(),
            FileId::Strategy => "strategy.yaml".to_owned(),
            FileId::Capabilities => "capabilities.yaml".to_owned(),
            FileId::Metrics => "metrics.yaml".to_owned(),
            FileId::Relationships => "relationships.yaml".to_owned(),
            FileId::Habits => "habits.yaml".to_owned(),
            FileId::Career => "career.yaml".to_owned(),
            FileId::Year(y) => format!("years/{y}.md"),
            FileId::Quarter(y, q) => format!("quarters/{y}-Q{q}.md"),
            FileId::CheckIns(y, m) => format!("checkins/{y}-{m:02}.yaml"),
            FileId::MonthReview(y, m) => format!("reviews/{y}-{m:02}.md"),
            FileId::QuarterReview(y, q) => format!("reviews/{y}-Q{q}.md"),
            FileId::YearReview(y) => format!("reviews/{y}.md"),
        }
    }

    /// The first day from which the file no longer changes; `None` for
    /// the single files, which may change any week.
    pub(crate) fn settles(self) -> Option<NaiveDate> {
        let next = |d: NaiveDate| d + TimeDelta::days(1);
        match self {
            FileId::Vision
            | FileId::Strategy
            | FileId::Capabilities
            | FileId::Metrics
            | FileId::Relationships
            | FileId::Habits
            | FileId::Career => None,
            FileId::Year(y) => Some(ymd(y + 1, 1, 1)),
            FileId::Quarter(y, q) => Some(next(quarter_end(y, q))),
            FileId::CheckIns(y, m) => Some(next(month_end(y, m))),
            // Reviews are written once, after their period.
            FileId::MonthReview(..) | FileId::QuarterReview(..) | FileId::YearReview(_) => {
                Some(NaiveDate::MIN)
            }
        }
    }
}

/// A rendered file: its path relative to the plan's folder and its text.
#[derive(Debug, Clone)]
pub(crate) struct File {
    pub path: String,
    pub text: String,
}

/// The files of `person`'s plan on `today`, by id, oldest periods first
/// within each kind.
pub(crate) fn present(person: &Person, today: NaiveDate, keep: Keep) -> Vec<FileId> {
    let (start, end) = (person.start, person.end());
    let mut ids = vec![
        FileId::Vision,
        FileId::Strategy,
        FileId::Capabilities,
        FileId::Metrics,
        FileId::Relationships,
        FileId::Habits,
        FileId::Career,
    ];
    // Next year's plan is written in December, next quarter's two weeks ahead.
    ids.extend(
        (start..=end)
            .filter(|&y| y == start || ymd(y - 1, 12, 1) <= today)
            .map(FileId::Year),
    );
    let quarters: Vec<(i32, u32)> = (start..=end)
        .flat_map(|y| (1..=4).map(move |q| (y, q)))
        .collect();
    let months: Vec<(i32, u32)> = (start..=end)
        .flat_map(|y| (1..=12).map(move |m| (y, m)))
        .collect();
    ids.extend(
        quarters
            .iter()
            .filter(|&&(y, q)| {
                (y, q) == (start, 1) || quarter_start(y, q) - TimeDelta::days(14) <= today
            })
            .map(|&(y, q)| FileId::Quarter(y, q)),
    );
    let recent = |ids: Vec<FileId>, n: usize| {
        let skip = ids.len().saturating_sub(n);
        ids.into_iter().skip(skip)
    };
    ids.extend(recent(
        months
            .iter()
            .filter(|&&(y, m)| ymd(y, m, 1) <= today)
            .map(|&(y, m)| FileId::CheckIns(y, m))
            .collect(),
        keep.checkins,
    ));
    ids.extend(recent(
        months
            .iter()
            .filter(|&&(y, m)| month_end(y, m) < today)
            .map(|&(y, m)| FileId::MonthReview(y, m))
            .collect(),
        keep.month_reviews,
    ));
    ids.extend(recent(
        quarters
            .iter()
            .filter(|&&(y, q)| quarter_end(y, q) < today)
            .map(|&(y, q)| FileId::QuarterReview(y, q))
            .collect(),
        keep.quarter_reviews,
    ));
    ids.extend(recent(
        (start..=end)
            .filter(|&y| ymd(y, 12, 31) < today)
            .map(FileId::YearReview)
            .collect(),
        keep.year_reviews,
    ));
    ids
}

/// Every file of `person`'s plan as it stands in `week`.
pub(crate) fn plan_files(person: &Person, week: u32, keep: Keep) -> Vec<File> {
    let today = day_of_week(person.start, week);
    let plan = PlanGen::new(person, today);
    present(person, today, keep)
        .into_iter()
        .map(|id| plan.file(id))
        .collect()
}

/// Renders plan files of one person on one day.
pub(crate) struct PlanGen<'a> {
    person: &'a Person,
    today: NaiveDate,
    profile: Profile,
}

/// What stays the same about a person for the whole plan.
struct Profile {
    /// Revenue of the year before the plan starts.
    baseline: f64,
    /// Planned revenue growth a year, inside the 15-20% band.
    growth: f64,
    company: &'static str,
    territory: &'static str,
    /// Skill levels at the start, in the order of [`SKILLS`].
    levels: [i64; 6],
    /// Skill levels gained a year, in tenths.
    pace: [i64; 6],
}

impl<'a> PlanGen<'a> {
    pub(crate) fn new(person: &'a Person, today: NaiveDate) -> PlanGen<'a> {
        let mut rng = Rng::keyed(person.seed, "profile");
        let baseline = f64::from(rng.range(30, 80) as i32) * 100_000.0;
        let growth = 0.165 + 0.02 * rng.unit();
        let company = *rng.pick(&COMPANIES);
        let territory = *rng.pick(&TERRITORIES);
        let levels = [(); 6].map(|()| rng.range(3, 6));
        let pace = [(); 6].map(|()| rng.range(3, 7));
        PlanGen {
            person,
            today,
            profile: Profile {
                baseline,
                growth,
                company,
                territory,
                levels,
                pace,
            },
        }
    }

    pub(crate) fn file(&self, id: FileId) -> File {
        let text = match id {
            FileId::Vision => self.vision(),
            FileId::Strategy => self.strategy(),
            FileId::Capabilities => self.capabilities(),
            FileId::Metrics => self.metrics(),
            FileId::Relationships => self.relationships(),
            FileId::Habits => self.habits(),
            FileId::Career => self.career(),
            FileId::Year(y) => self.year(y),
            FileId::Quarter(y, q) => self.quarter(y, q),
            FileId::CheckIns(y, m) => self.checkins(y, m),
            FileId::MonthReview(y, m) => {
                self.review(&format!("{y}-{m:02}"), ymd(y, m, 1), month_end(y, m))
            }
            FileId::QuarterReview(y, q) => {
                self.review(&format!("{y}-Q{q}"), quarter_start(y, q), quarter_end(y, q))
            }
            FileId::YearReview(y) => self.review(&y.to_string(), ymd(y, 1, 1), ymd(y, 12, 31)),
        };
        File {
            path: id.path(),
            text,
        }
    }

    fn rng(&self, key: &str) -> Rng {
        Rng::keyed(self.person.seed, key)
    }

    fn start(&self) -> i32 {
        self.person.start
    }

    /// The year the plan is in today, clamped to the plan's years.
    fn current_year(&self) -> i32 {
        self.today.year().clamp(self.start(), self.person.end())
    }

    fn revenue_target(&self, year: i32) -> f64 {
        let years = year - self.start() + 1;
        round_to(
            self.profile.baseline * (1.0 + self.profile.growth).powi(years),
            10_000.0,
        )
    }

    /// How a year went, from 0.9 to 1.1 of plan.
    fn performance(&self, year: i32) -> f64 {
        0.9 + 0.2 * self.rng(&format!("performance-{year}")).unit()
    }

    fn revenue_actual(&self, year: i32) -> f64 {
        round_to(self.revenue_target(year) * self.performance(year), 10_000.0)
    }

    fn phase_index(&self, year: i32) -> usize {
        let offset = year - self.start();
        PHASES
            .iter()
            .rposition(|p| p.first <= offset)
            .unwrap_or_default()
    }

    fn skill_level(&self, skill: usize, year: i32) -> i64 {
        let years = i64::from((year - self.start()).max(0));
        (self.profile.levels[skill] + years * self.profile.pace[skill] / 10).min(10)
    }

    fn skill_target(&self, skill: usize, year: i32) -> i64 {
        let years = i64::from(year - self.start() + 1);
        let gained = (years * (self.profile.pace[skill] + 2) + 9) / 10;
        (self.profile.levels[skill] + gained).min(10)
    }

    /// A status for something due by `end` that began on `begin`: reached
    /// or missed once `end` has passed.
    fn status(&self, begin: NaiveDate, end: NaiveDate, reached: bool) -> &'static str {
        if self.today > end {
            if reached { "done" } else { "missed" }
        } else if self.today >= begin {
            "active"
        } else {
            "planned"
        }
    }

    /// Share of `begin..=end` that has passed, 0 to 1.
    fn progress(&self, begin: NaiveDate, end: NaiveDate) -> f64 {
        let total = (end - begin).num_days().max(1) as f64;
        ((self.today - begin).num_days() as f64 / total).clamp(0.0, 1.0)
    }

    fn prose(&self, out: &mut String, key: &str, paragraphs: usize) {
        let mut rng = self.rng(key);
        for _ in 0..paragraphs {
            let sentences = rng.range(3, 5);
            let text: Vec<&str> = (0..sentences).map(|_| *rng.pick(&PROSE)).collect();
            w!(out, "{}", text.join(" "));
            w!(out);
        }
    }

    // ------------------------------------------------------------ vision

    fn vision(&self) -> String {
        let p = &self.profile;
        let end = self.person.end();
        let mut out = String::with_capacity(2048);
        w!(out, "---");
        w!(out, "as_of: {}", ymd(self.start(), 1, 1));
        w!(out, "name: {}", self.person.name);
        if let Some(manager) = &self.person.manager {
            w!(out, "manager: {manager}");
        }
        w!(out, "start: {}", self.start());
        w!(out, "end: {end}");
        w!(
            out,
            "statement: Lead a sales organisation of {} that customers trust and sellers want to join.",
            money(self.revenue_target(end))
        );
        w!(out, "now:");
        w!(out, "  role: Sales Manager");
        w!(out, "  company: {}", p.company);
        w!(out, "  territory: {}", p.territory);
        w!(out, "  revenue: {}", money(p.baseline));
        w!(out, "  team: 0");
        w!(
            out,
            "  strengths: [relationship building, product knowledge, closing]"
        );
        w!(
            out,
            "  needs: [coaching, strategic planning, executive presence]"
        );
        w!(out, "goal:");
        w!(out, "  role: VP of Sales");
        w!(out, "  revenue: {}", money(self.revenue_target(end)));
        w!(out, "  team: 15-20");
        w!(out, "  income: 450k");
        w!(out, "  recognition:");
        w!(out, "    - Top-quartile sales leader in the industry");
        w!(
            out,
            "    - Keynote speaker at the national sales conference"
        );
        w!(
            out,
            "  impact: A team that develops the next generation of sales leaders."
        );
        w!(
            out,
            "leader: A coach who builds teams that win the right way."
        );
        w!(out, "expertise:");
        for e in [
            "Enterprise negotiation",
            "Sales strategy",
            "Talent development",
        ] {
            w!(out, "  - {e}");
        }
        w!(out, "values: [integrity, curiosity, accountability]");
        w!(
            out,
            "success: Customers call me first, and people I hired lead teams of their own."
        );
        w!(out, "weights:");
        w!(out, "  revenue: 30");
        w!(out, "  role: 20");
        w!(out, "  team: 15");
        w!(out, "  skills: 20");
        w!(out, "  milestones: 15");
        w!(out, "---");
        w!(out, "# Vision {}-{end}", self.start());
        w!(out);
        w!(out, "## Where I stand");
        w!(out);
        self.prose(&mut out, "vision-now", 2);
        w!(out, "## Where I am going");
        w!(out);
        self.prose(&mut out, "vision-goal", 2);
        out
    }

    // ---------------------------------------------------------- strategy

    fn strategy(&self) -> String {
        let mut out = String::with_capacity(4096);
        w!(out, "as_of: {}", ymd(self.current_year(), 1, 1));
        w!(out, "phases:");
        for (i, phase) in PHASES.iter().enumerate() {
            let (first, last) = (self.start() + phase.first, self.start() + phase.last);
            w!(out, "  - id: {}", phase.id);
            w!(out, "    name: {}", phase.name);
            w!(out, "    years: {first}-{last}");
            w!(out, "    objective: {}", phase.objective);
            w!(out, "    role: {}", phase.role);
            let revenue = self.revenue_target(last);
            w!(
                out,
                "    revenue: {}-{}",
                money(round_to(revenue * 0.95, 100_000.0)),
                money(round_to(revenue * 1.05, 100_000.0))
            );
            w!(out, "    team: {}", phase.team);
            w!(out, "    achievements:");
            for (k, title) in phase.achievements.iter().enumerate() {
                let year = first + (k as i32 * (phase.last - phase.first + 1)) / 3;
                let q = (k as u32 % 4) + 1;
                let reached = self.rng(&format!("{}-a{k}", phase.id)).chance(0.85);
                self.milestone(
                    &mut out,
                    "      - ",
                    &format!("{}-a{}", phase.id, k + 1),
                    title,
                    (year, q),
                    reached,
                );
            }
            w!(out, "    skills: [{}]", phase.skills);
            w!(out, "    relationships: [{}]", phase.relationships);
            w!(out, "    milestone:");
            let reached = self.rng(&format!("{}-done", phase.id)).chance(0.9);
            self.milestone(
                &mut out,
                "      ",
                &format!("{}-done", phase.id),
                &format!(
                    "Promoted to {}",
                    PHASES.get(i + 1).map_or(phase.role, |p| p.role)
                ),
                (last, 4),
                reached,
            );
        }
        out
    }

    /// A milestone due by the end of quarter `due`: a list item, or with
    /// an indent ending in `"  "` instead of `"- "`, a plain mapping.
    fn milestone(
        &self,
        out: &mut String,
        indent: &str,
        id: &str,
        title: &str,
        due: (i32, u32),
        reached: bool,
    ) {
        let (y, q) = due;
        let (begin, end) = (quarter_start(y, q), quarter_end(y, q));
        let status = self.status(begin - TimeDelta::days(180), end, reached);
        let inner = " ".repeat(indent.len());
        w!(out, "{indent}id: {id}");
        w!(out, "{inner}title: {title}");
        w!(out, "{inner}due: {y}-Q{q}");
        w!(out, "{inner}status: {status}");
        if status == "done" {
            let day = self.rng(id).range(0, 80);
            w!(out, "{inner}done: {}", begin + TimeDelta::days(day));
        }
    }

    // ------------------------------------------------------ capabilities

    fn capabilities(&self) -> String {
        let mut out = String::with_capacity(4096);
        let year = self.current_year();
        w!(out, "as_of: {}", ymd(year, 1, 1));
        w!(out, "skills:");
        for (i, skill) in SKILLS.iter().enumerate() {
            w!(out, "  - id: {}", skill.id);
            w!(out, "    name: {}", skill.name);
            w!(out, "    area: {}", skill.area);
            w!(out, "    focus: [{}]", skill.focus);
            w!(out, "    level: {}", self.skill_level(i, year));
            w!(out, "    targets:");
            for y in self.start()..=self.person.end() {
                w!(out, "      {y}: {}", self.skill_target(i, y));
            }
            w!(out, "    actions:");
            for (k, action) in skill.actions.iter().enumerate() {
                if k == 0 {
                    w!(out, "      - {action}");
                } else {
                    let due_year = self.start() + k as i32 * 2;
                    let status = self.status(ymd(due_year, 1, 1), ymd(due_year, 12, 31), true);
                    w!(out, "      - title: {action}");
                    w!(out, "        status: {status}");
                    w!(out, "        due: {due_year}");
                }
            }
        }
        out
    }

    // ----------------------------------------------------------- metrics

    fn metrics(&self) -> String {
        let mut out = String::with_capacity(4096);
        let (start, end) = (self.start(), self.person.end());
        w!(out, "as_of: {}", self.today.min(ymd(end, 12, 31)));
        w!(out, "growth: 15-20%");
        w!(out, "metrics:");
        let closed: Vec<i32> = (start..=end)
            .filter(|&y| ymd(y, 12, 31) < self.today)
            .collect();
        self.revenue_metric(&mut out, &closed);
        self.simple_metrics(&mut out, &closed);
        out
    }

    /// The revenue metric: its targets, each closed year's actual and this
    /// year's year-to-date readings.
    fn revenue_metric(&self, out: &mut String, closed: &[i32]) {
        let (start, end) = (self.start(), self.person.end());
        w!(out, "  - id: revenue");
        w!(out, "    name: Territory revenue");
        w!(out, "    kind: revenue");
        w!(out, "    unit: USD");
        w!(out, "    ytd: true");
        w!(out, "    baseline: {}", money(self.profile.baseline));
        w!(out, "    targets:");
        for y in start..=end {
            w!(out, "      {y}: {}", money(self.revenue_target(y)));
        }
        let months: Vec<u32> = (1..=12)
            .filter(|&m| month_end(self.today.year(), m) < self.today)
            .collect();
        let this_year = self.today.year();
        if !closed.is_empty() || (this_year <= end && !months.is_empty()) {
            w!(out, "    actuals:");
            for &y in closed {
                w!(out, "      {y}: {}", money(self.revenue_actual(y)));
            }
            if (start..=end).contains(&this_year) {
                for &m in &months {
                    let ytd = self.revenue_actual(this_year) * f64::from(m) / 12.0;
                    w!(
                        out,
                        "      {this_year}-{m:02}: {}",
                        money(round_to(ytd, 10_000.0))
                    );
                }
            }
        }
    }

    /// The metrics that step by a fixed amount a year, each closed year's
    /// actual a little off its target.
    fn simple_metrics(&self, out: &mut String, closed: &[i32]) {
        let (start, end) = (self.start(), self.person.end());
        let mut rng = self.rng("metrics");
        let retention = rng.range(84, 90);
        let share = rng.range(6, 14);
        let accounts = rng.range(12, 25);
        let simple = [
            (
                "retention",
                "Customer retention",
                "retention",
                "\"%\"",
                retention,
                1,
                "up",
            ),
            (
                "market-share",
                "Share of the territory",
                "market-share",
                "\"%\"",
                share,
                1,
                "up",
            ),
            (
                "key-accounts",
                "Key accounts",
                "accounts",
                "accounts",
                accounts,
                2,
                "up",
            ),
            (
                "new-logos",
                "New customers won",
                "new-business",
                "accounts",
                8,
                1,
                "up",
            ),
            (
                "cycle-time",
                "Average sales cycle",
                "operations",
                "days",
                95,
                -3,
                "down",
            ),
        ];
        for (id, name, kind, unit, base, step, better) in simple {
            w!(out, "  - id: {id}");
            w!(out, "    name: {name}");
            w!(out, "    kind: {kind}");
            w!(out, "    unit: {unit}");
            w!(out, "    better: {better}");
            w!(out, "    baseline: {base}");
            w!(out, "    targets:");
            let at = |y: i32| (base + step * i64::from(y - start + 1)).clamp(1, 99);
            for y in start..=end {
                w!(out, "      {y}: {}", at(y));
            }
            if !closed.is_empty() {
                w!(out, "    actuals:");
                for &y in closed {
                    let miss = self.rng(&format!("{id}-{y}")).range(-2, 2);
                    w!(out, "      {y}: {}", (at(y) + miss).clamp(1, 99));
                }
            }
        }
    }

    // ----------------------------------------------------- relationships

    fn relationships(&self) -> String {
        let mut out = String::with_capacity(2048);
        w!(out, "as_of: {}", ymd(self.current_year(), 1, 1));
        w!(out, "goals:");
        for (i, goal) in GOALS.iter().enumerate() {
            let due = self.start() + 2 + i as i32;
            let progress = self.progress(ymd(self.start(), 1, 1), ymd(due, 12, 31));
            let current = (f64::from(goal.target) * progress).round() as u32;
            let status = if current >= goal.target {
                "done"
            } else if current > 0 {
                "active"
            } else {
                "planned"
            };
            w!(out, "  - id: {}", goal.id);
            w!(out, "    title: {}", goal.title);
            w!(out, "    circle: {}", goal.circle);
            w!(out, "    target: {}", goal.target);
            w!(out, "    current: {current}");
            w!(out, "    status: {status}");
            w!(out, "    due: {due}-Q4");
            w!(out, "    people: [{}]", goal.people);
        }
        out
    }

    // ------------------------------------------------------------ habits

    fn habits(&self) -> String {
        let mut out = String::with_capacity(1024);
        w!(out, "habits:");
        for habit in &HABITS {
            w!(out, "  - id: {}", habit.id);
            w!(out, "    title: {}", habit.title);
            w!(out, "    cadence: {}", habit.cadence);
            w!(out, "    minutes: {}", habit.minutes);
            w!(out, "    serves: [{}]", habit.serves);
            w!(out, "    since: {}", ymd(self.start(), 1, 1));
        }
        out
    }

    // ------------------------------------------------------------ career

    fn career(&self) -> String {
        let mut out = String::with_capacity(2048);
        let year = self.current_year();
        let phase = self.phase_index(year);
        w!(
            out,
            "as_of: {}",
            self.today.min(ymd(self.person.end(), 12, 31))
        );
        w!(out, "title: {}", PHASES[phase].role);
        w!(out, "territory: {}", self.profile.territory);
        w!(out, "reports: {}", PHASES[phase].reports);
        w!(out, "revenue: {}", money(self.revenue_target(year)));
        w!(out, "compensation:");
        w!(
            out,
            "  base: {}",
            money(150_000.0 + 50_000.0 * phase as f64)
        );
        w!(
            out,
            "  total: {}",
            money(220_000.0 + 90_000.0 * phase as f64)
        );
        let of = 12 + phase as u32 * 4;
        let rank = self.rng(&format!("rank-{year}")).range(1, i64::from(of));
        w!(out, "ranking:");
        w!(out, "  rank: {rank}");
        w!(out, "  of: {of}");
        w!(out, "  scope: {}", PHASES[phase].scope);
        let promotions: Vec<(NaiveDate, &str)> = PHASES
            .iter()
            .map(|p| (ymd(self.start() + p.first, 2, 1), p.role))
            .filter(|(date, _)| *date <= self.today)
            .collect();
        if !promotions.is_empty() {
            w!(out, "promotions:");
            for (date, title) in promotions {
                w!(out, "  - date: {date}");
                w!(out, "    title: {title}");
            }
        }
        let awards: Vec<i32> = (self.start()..=self.person.end())
            .filter(|&y| self.performance(y) > 1.0 && ymd(y + 1, 1, 20) <= self.today)
            .collect();
        if !awards.is_empty() {
            w!(out, "recognition:");
            for y in awards {
                w!(out, "  - id: presidents-club-{y}");
                w!(out, "    kind: award");
                w!(out, "    title: President's Club {y}");
                w!(out, "    date: {}", ymd(y + 1, 1, 20));
            }
        }
        out
    }

    // ------------------------------------------------------------- years

    fn year(&self, year: i32) -> String {
        let mut out = String::with_capacity(3072);
        let mut rng = self.rng(&format!("year-{year}"));
        let phase = &PHASES[self.phase_index(year)];
        let (begin, end) = (ymd(year, 1, 1), ymd(year, 12, 31));
        let reached = self.performance(year) >= 0.97;
        let theme = *rng.pick(&THEMES);
        w!(out, "---");
        w!(out, "as_of: {}", ymd(year - 1, 12, 1));
        w!(out, "period: {year}");
        w!(out, "theme: {theme}");
        w!(out, "phase: {}", phase.id);
        w!(out, "role: {}", phase.role);
        w!(out, "objectives:");
        for cat in &CATEGORIES {
            w!(out, "  - id: y{year}-{}", cat.slug);
            w!(out, "    title: {}", cat.annual);
            w!(out, "    category: {}", cat.name);
            w!(
                out,
                "    status: {}",
                self.status(begin, end, reached || cat.slug != "revenue")
            );
            if cat.slug == "revenue" {
                w!(out, "    metric: revenue");
                w!(out, "    target: {}", money(self.revenue_target(year)));
                if self.today > end {
                    w!(out, "    current: {}", money(self.revenue_actual(year)));
                }
                w!(out, "    unit: USD");
            } else {
                let target = rng.range(3, 12);
                w!(out, "    target: {target}");
                let done = (target as f64 * self.progress(begin, end)).round();
                w!(out, "    current: {done}");
            }
        }
        let first = rng.range(0, 5) as usize;
        w!(
            out,
            "skills: [{}, {}]",
            SKILLS[first].id,
            SKILLS[(first + 1) % SKILLS.len()].id
        );
        w!(out, "initiatives:");
        for k in 0..3u32 {
            let title = *rng.pick(&INITIATIVES);
            let reached = rng.chance(0.85);
            self.milestone(
                &mut out,
                "  - ",
                &format!("y{year}-init-{}", k + 1),
                title,
                (year, k + 2),
                reached,
            );
        }
        w!(out, "success:");
        w!(
            out,
            "  - Revenue at or above {}",
            money(self.revenue_target(year))
        );
        w!(out, "  - Every key account has an executive sponsor");
        w!(out, "  - Two people on the team ready for promotion");
        w!(out, "---");
        w!(out, "# {year}: {theme}");
        w!(out);
        self.prose(&mut out, &format!("year-{year}-body"), 3);
        out
    }

    // ---------------------------------------------------------- quarters

    fn quarter(&self, year: i32, q: u32) -> String {
        let mut out = String::with_capacity(4096);
        let mut rng = self.rng(&format!("quarter-{year}-{q}"));
        let (begin, end) = (quarter_start(year, q), quarter_end(year, q));
        let progress = self.progress(begin, end);
        let theme = *rng.pick(&THEMES);
        let count = rng.range(3, 5) as usize;
        let first = rng.range(0, 4) as usize;
        w!(out, "---");
        w!(out, "as_of: {}", begin - TimeDelta::days(14));
        w!(out, "period: {year}-Q{q}");
        w!(out, "theme: {theme}");
        w!(out, "objectives:");
        for i in 0..count {
            let cat = &CATEGORIES[(first + i) % CATEGORIES.len()];
            let id = format!("y{year}q{q}-{}", cat.slug);
            let performance = 0.85 + 0.25 * rng.unit();
            let reached = performance >= 0.95;
            w!(out, "  - id: {id}");
            w!(out, "    title: {}", rng.pick(cat.quarterly));
            w!(out, "    category: {}", cat.name);
            w!(out, "    supports: [y{year}-{}]", cat.slug);
            w!(out, "    status: {}", self.status(begin, end, reached));
            w!(out, "    key_results:");
            for (k, kr) in cat.key_results.iter().enumerate() {
                let target = match kr.unit {
                    "USD" => round_to(self.revenue_target(year) / 4.0 * kr.scale, 10_000.0),
                    _ => kr.scale * f64::from(rng.range(4, 10) as i32),
                };
                let start = if kr.unit == "%" { target * 0.6 } else { 0.0 };
                let current = start + (target - start) * progress * performance;
                w!(out, "      - id: {id}-kr{}", k + 1);
                w!(out, "        title: {}", kr.title);
                w!(out, "        start: {}", amount(start, kr.unit));
                w!(out, "        target: {}", amount(target, kr.unit));
                w!(out, "        current: {}", amount(current, kr.unit));
                w!(out, "        unit: {}", quote_unit(kr.unit));
            }
            w!(out, "    milestones:");
            for k in 0..2u32 {
                let month = (q - 1) * 3 + 1 + k * 2;
                let (m_begin, m_end) = (ymd(year, month, 1), month_end(year, month));
                let status = self.status(m_begin, m_end, reached || k == 0);
                let mid = format!("{id}-m{}", k + 1);
                w!(out, "      - id: {mid}");
                w!(out, "        title: {}", rng.pick(&CHECKPOINTS));
                w!(out, "        due: {year}-{month:02}");
                w!(out, "        status: {status}");
                if status == "done" {
                    let day = Rng::keyed(self.person.seed, &mid).range(1, 28) as u32;
                    w!(out, "        done: {}", ymd(year, month, day));
                }
            }
        }
        let habit = rng.range(0, 4) as usize;
        w!(
            out,
            "habits: [{}, {}]",
            HABITS[habit].id,
            HABITS[(habit + 1) % HABITS.len()].id
        );
        w!(out, "---");
        w!(out, "# {year}-Q{q}: {theme}");
        w!(out);
        w!(out, "## Why these objectives");
        w!(out);
        self.prose(&mut out, &format!("quarter-{year}-{q}-why"), 1);
        w!(out, "## Weekly rhythm");
        w!(out);
        w!(out, "- Monday: pipeline review with each account executive");
        w!(out, "- Wednesday: one executive sponsor meeting");
        w!(out, "- Friday: weekly review, next week's three priorities");
        w!(out);
        out
    }

    // ---------------------------------------------------------- checkins

    fn checkins(&self, year: i32, month: u32) -> String {
        let days = i64::from(month_end(year, month).day());
        let elapsed = ((self.today - ymd(year, month, 1)).num_days() + 1).clamp(0, days);
        let mut out = String::with_capacity(512);
        w!(
            out,
            "# {} {year}: one mark per day, x done, . not done",
            MONTHS[month as usize - 1]
        );
        for habit in &HABITS {
            let mut rng = self.rng(&format!("checkin-{}-{year}-{month}", habit.id));
            let marks: String = (0..elapsed)
                .map(|d| {
                    let day = ymd(year, month, 1) + TimeDelta::days(d);
                    let due = habit.cadence == "daily" || day.weekday() == chrono::Weekday::Fri;
                    if due && rng.chance(0.8) { 'x' } else { '.' }
                })
                .collect();
            w!(out, "{}: \"{marks}\"", habit.id);
        }
        out
    }

    // ----------------------------------------------------------- reviews

    fn review(&self, period: &str, begin: NaiveDate, end: NaiveDate) -> String {
        let mut out = String::with_capacity(2048);
        let mut rng = self.rng(&format!("review-{period}"));
        let year = end.year();
        w!(out, "---");
        w!(out, "as_of: {end}");
        w!(out, "wins:");
        w!(out, "  - {}", rng.pick(&WINS));
        let span = (end - begin).num_days();
        w!(out, "  - title: {}", rng.pick(&WINS));
        w!(
            out,
            "    date: {}",
            begin + TimeDelta::days(rng.range(0, span))
        );
        w!(out, "learnings:");
        w!(out, "  - {}", rng.pick(&LEARNINGS));
        w!(out, "corrections:");
        w!(out, "  - {}", rng.pick(&CORRECTIONS));
        let verdict = if self.performance(year) >= 0.97 {
            "yes"
        } else {
            "partly"
        };
        w!(out, "on_track: {verdict}");
        w!(out, "skills:");
        let first = rng.range(0, 5) as usize;
        for i in [first, (first + 2) % SKILLS.len()] {
            w!(out, "  {}: {}", SKILLS[i].id, self.skill_level(i, year));
        }
        w!(out, "---");
        for (heading, key) in [
            ("What did I accomplish?", "done"),
            ("What did I learn?", "learned"),
            ("What needs to change?", "change"),
            ("Am I still on track?", "track"),
        ] {
            w!(out, "## {heading}");
            w!(out);
            self.prose(&mut out, &format!("review-{period}-{key}"), 1);
        }
        out
    }
}

/// Where files go: one plan in `plans/`, or one folder per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Single,
    Team,
}

/// The folder of `person`'s plan, relative to the repository root.
pub(crate) fn plan_dir(person: &Person, layout: Layout) -> String {
    match layout {
        Layout::Single => "plans".to_owned(),
        Layout::Team => format!("plans/{}", person.slug),
    }
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// Writes every person's plan as it stands in `week` under `root/plans`.
pub(crate) fn write_repo(
    root: &Path,
    people: &[Person],
    week: u32,
    keep: Keep,
    layout: Layout,
) -> io::Result<Written> {
    assert!(
        layout == Layout::Team || people.len() == 1,
        "a single-person layout holds one plan"
    );
    let mut written = Written::default();
    for person in people {
        let dir = root.join(plan_dir(person, layout));
        for sub in ["years", "quarters", "checkins", "reviews"] {
            fs::create_dir_all(dir.join(sub))?;
        }
        for file in plan_files(person, week, keep) {
            fs::write(dir.join(&file.path), &file.text)?;
            written.files += 1;
            written.bytes += file.text.len() as u64;
        }
    }
    Ok(written)
}

// ------------------------------------------------------------- calendar

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1) - TimeDelta::days(1)
}

fn quarter_start(y: i32, q: u32) -> NaiveDate {
    ymd(y, q * 3 - 2, 1)
}

fn quarter_end(y: i32, q: u32) -> NaiveDate {
    month_end(y, q * 3)
}

// ------------------------------------------------------------- numbers

fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

/// Money as people write it: `5.87M`, `850k`, `42`.
fn money(value: f64) -> String {
    if value >= 1e6 {
        let text = format!("{:.2}", value / 1e6);
        format!("{}M", text.trim_end_matches('0').trim_end_matches('.'))
    } else if value >= 1e4 {
        format!("{:.0}k", value / 1e3)
    } else {
        format!("{value:.0}")
    }
}

fn amount(value: f64, unit: &str) -> String {
    match unit {
        "USD" => money(value),
        "%" => format!("{value:.1}"),
        _ => format!("{value:.0}"),
    }
}

fn quote_unit(unit: &str) -> String {
    if unit == "%" {
        "\"%\"".to_owned()
    } else {
        unit.to_owned()
    }
}

// ---------------------------------------------------------------- words

struct PhaseDef {
    id: &'static str,
    name: &'static str,
    /// First and last year, counted from the plan's start.
    first: i32,
    last: i32,
    objective: &'static str,
    role: &'static str,
    team: &'static str,
    reports: u32,
    scope: &'static str,
    achievements: [&'static str; 3],
    skills: &'static str,
    relationships: &'static str,
}

const PHASES: [PhaseDef; 3] = [
    PhaseDef {
        id: "foundation",
        name: "Territory Excellence & Foundation",
        first: 0,
        last: 1,
        objective: "Become the top-performing manager in the region",
        role: "Senior Sales Manager",
        team: "3-5",
        reports: 4,
        scope: "regional managers",
        achievements: [
            "Exceed quota two years running",
            "Hire and ramp three account executives",
            "Complete the advanced negotiation program",
        ],
        skills: "negotiation, coaching",
        relationships: "regional VP, product leadership",
    },
    PhaseDef {
        id: "regional",
        name: "Regional Leadership",
        first: 2,
        last: 4,
        objective: "Lead a multi-territory region and develop managers",
        role: "Regional Sales Director",
        team: "8-12",
        reports: 10,
        scope: "national directors",
        achievements: [
            "Promote two account executives to managers",
            "Launch the strategic accounts program",
            "Speak at two industry conferences",
        ],
        skills: "strategic planning, executive communication",
        relationships: "CRO, industry association board",
    },
    PhaseDef {
        id: "executive",
        name: "Executive Leadership",
        first: 5,
        last: 9,
        objective: "Run the sales organisation as VP of Sales",
        role: "VP of Sales",
        team: "15-20",
        reports: 17,
        scope: "industry peers",
        achievements: [
            "Build the leadership bench",
            "Enter two adjacent markets",
            "Publish a book chapter on sales leadership",
        ],
        skills: "public speaking, industry knowledge",
        relationships: "CEO, board members",
    },
];

struct SkillDef {
    id: &'static str,
    name: &'static str,
    area: &'static str,
    focus: &'static str,
    actions: [&'static str; 3],
}

const SKILLS: [SkillDef; 6] = [
    SkillDef {
        id: "negotiation",
        name: "Negotiation",
        area: "sales",
        focus: "value selling, multi-party deals, pricing",
        actions: [
            "Debrief every deal over 250k with a peer",
            "Advanced negotiation program",
            "Lead the annual pricing review",
        ],
    },
    SkillDef {
        id: "coaching",
        name: "Coaching and talent development",
        area: "leadership",
        focus: "one-on-ones, ride-alongs, career plans",
        actions: [
            "Weekly one-on-one with every direct report",
            "Coaching certification",
            "Run the new-manager program",
        ],
    },
    SkillDef {
        id: "strategic-planning",
        name: "Strategic planning",
        area: "strategy",
        focus: "territory plans, market analysis, forecasting",
        actions: [
            "Write the territory plan before each quarter",
            "Strategy course at the business school",
            "Own the regional three-year plan",
        ],
    },
    SkillDef {
        id: "executive-communication",
        name: "Executive communication",
        area: "presence",
        focus: "board updates, storytelling, concise writing",
        actions: [
            "Present the quarterly business review",
            "Executive presence workshop",
            "Present to the board once a year",
        ],
    },
    SkillDef {
        id: "industry-knowledge",
        name: "Industry knowledge",
        area: "technical",
        focus: "customer operations, regulation, competitors",
        actions: [
            "Read one industry report a week",
            "Spend a day in a customer's operation",
            "Join the product advisory council",
        ],
    },
    SkillDef {
        id: "public-speaking",
        name: "Public speaking",
        area: "brand",
        focus: "conference talks, panels, podcasts",
        actions: [
            "Speak at one internal event a quarter",
            "Toastmasters advanced track",
            "Keynote at a regional conference",
        ],
    },
];

struct HabitDef {
    id: &'static str,
    title: &'static str,
    cadence: &'static str,
    minutes: u32,
    serves: &'static str,
}

const HABITS: [HabitDef; 5] = [
    HabitDef {
        id: "strategic-thinking-time",
        title: "Block 30 minutes for strategic thinking",
        cadence: "daily",
        minutes: 30,
        serves: "strategic-planning",
    },
    HabitDef {
        id: "account-review",
        title: "Review one key account plan",
        cadence: "daily",
        minutes: 20,
        serves: "revenue, negotiation",
    },
    HabitDef {
        id: "industry-reading",
        title: "Read one industry article",
        cadence: "daily",
        minutes: 15,
        serves: "industry-knowledge",
    },
    HabitDef {
        id: "relationship-touch",
        title: "Reach out to one person in the network",
        cadence: "weekly",
        minutes: 30,
        serves: "exec-sponsors, mentor",
    },
    HabitDef {
        id: "weekly-review",
        title: "Weekly review of goals and priorities",
        cadence: "weekly",
        minutes: 45,
        serves: "strategic-planning, coaching",
    },
];

struct GoalDef {
    id: &'static str,
    title: &'static str,
    circle: &'static str,
    target: u32,
    people: &'static str,
}

const GOALS: [GoalDef; 6] = [
    GoalDef {
        id: "exec-sponsors",
        title: "An executive sponsor at every key account",
        circle: "external",
        target: 12,
        people: "Pat Morgan, Lee Chen",
    },
    GoalDef {
        id: "internal-champions",
        title: "Champions in product, marketing and finance",
        circle: "internal",
        target: 5,
        people: "Sam Ortiz",
    },
    GoalDef {
        id: "association",
        title: "An active role in the regional sales association",
        circle: "community",
        target: 4,
        people: "Jo Baker",
    },
    GoalDef {
        id: "speaking",
        title: "Talks at industry conferences",
        circle: "thought-leadership",
        target: 10,
        people: "Ari Patel",
    },
    GoalDef {
        id: "mentor",
        title: "Quarterly sessions with a senior mentor",
        circle: "mentor",
        target: 40,
        people: "Robin Hale",
    },
    GoalDef {
        id: "mentees",
        title: "High-potential sellers mentored",
        circle: "mentee",
        target: 6,
        people: "Kim Lopez, Noor Aziz",
    },
];

struct KeyResultDef {
    title: &'static str,
    unit: &'static str,
    /// For money, the share of a quarter's revenue target; otherwise a
    /// multiplier of a small count.
    scale: f64,
}

struct CategoryDef {
    name: &'static str,
    slug: &'static str,
    annual: &'static str,
    quarterly: &'static [&'static str],
    key_results: &'static [KeyResultDef],
}

const CATEGORIES: [CategoryDef; 5] = [
    CategoryDef {
        name: "revenue",
        slug: "revenue",
        annual: "Grow territory revenue at least 15%",
        quarterly: &[
            "Build a 3x pipeline for next quarter",
            "Close the three largest open deals",
            "Expand the top ten accounts",
        ],
        key_results: &[
            KeyResultDef {
                title: "Pipeline value",
                unit: "USD",
                scale: 3.0,
            },
            KeyResultDef {
                title: "Closed revenue",
                unit: "USD",
                scale: 1.0,
            },
            KeyResultDef {
                title: "Win rate",
                unit: "%",
                scale: 5.0,
            },
        ],
    },
    CategoryDef {
        name: "leadership",
        slug: "team",
        annual: "Build and develop a high-performing team",
        quarterly: &[
            "Hire two account executives",
            "Career plan for every direct report",
            "Ramp new hires to full productivity",
        ],
        key_results: &[
            KeyResultDef {
                title: "Offers signed",
                unit: "people",
                scale: 0.5,
            },
            KeyResultDef {
                title: "Coaching sessions held",
                unit: "sessions",
                scale: 3.0,
            },
        ],
    },
    CategoryDef {
        name: "relationships",
        slug: "network",
        annual: "Meet every key account's executive sponsor",
        quarterly: &[
            "Meet five executive sponsors",
            "Join the association's program committee",
            "Quarterly lunch with each internal champion",
        ],
        key_results: &[
            KeyResultDef {
                title: "Sponsor meetings",
                unit: "meetings",
                scale: 1.0,
            },
            KeyResultDef {
                title: "Introductions made",
                unit: "people",
                scale: 1.0,
            },
        ],
    },
    CategoryDef {
        name: "strategic",
        slug: "strategy",
        annual: "Launch one strategic initiative for the region",
        quarterly: &[
            "Pilot the strategic accounts program",
            "Partner program with two resellers",
            "Territory redesign proposal",
        ],
        key_results: &[
            KeyResultDef {
                title: "Accounts in the pilot",
                unit: "accounts",
                scale: 1.0,
            },
            KeyResultDef {
                title: "Share of pipeline from partners",
                unit: "%",
                scale: 2.0,
            },
        ],
    },
    CategoryDef {
        name: "personal",
        slug: "growth",
        annual: "Raise two capability levels toward the next role",
        quarterly: &[
            "Finish the negotiation course",
            "Give two internal talks",
            "Read six books on leadership",
        ],
        key_results: &[
            KeyResultDef {
                title: "Course modules completed",
                unit: "modules",
                scale: 1.0,
            },
            KeyResultDef {
                title: "Books read",
                unit: "books",
                scale: 0.5,
            },
        ],
    },
];

const FIRST_NAMES: [&str; 20] = [
    "Dana", "Alex", "Morgan", "Jordan", "Casey", "Riley", "Avery", "Quinn", "Harper", "Rowan",
    "Sasha", "Taylor", "Jamie", "Robin", "Kai", "Emery", "Reese", "Skyler", "Parker", "Drew",
];

const LAST_NAMES: [&str; 20] = [
    "Reyes",
    "Nakamura",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Fischer",
    "Oduya",
    "Castillo",
    "Brennan",
    "Sato",
    "Novak",
    "Mensah",
    "Ivanova",
    "Delgado",
    "Weber",
    "Achebe",
    "Larsen",
    "Quinto",
];

const COMPANIES: [&str; 6] = [
    "Northwind Industrial",
    "Contoso Mining Supply",
    "Fabrikam Controls",
    "Tailspin Logistics",
    "Litware Analytics",
    "Adatum Energy",
];

const TERRITORIES: [&str; 6] = [
    "Mountain West",
    "Pacific Northwest",
    "Great Lakes",
    "Gulf Coast",
    "Northeast",
    "Southwest",
];

const THEMES: [&str; 8] = [
    "Foundation and focus",
    "Pipeline discipline",
    "Team before territory",
    "Deeper accounts",
    "From manager to leader",
    "Scale what works",
    "Executive presence",
    "Build the bench",
];

const INITIATIVES: [&str; 6] = [
    "Quarterly business reviews with the top ten accounts",
    "Sales playbook for the mining vertical",
    "Pipeline inspection every Monday",
    "Onboarding program for new account executives",
    "Partner referral program",
    "Customer advisory board",
];

const CHECKPOINTS: [&str; 6] = [
    "Plan agreed with the team",
    "Halfway review with the regional VP",
    "First results shared with the team",
    "Candidates shortlisted",
    "Pilot accounts signed",
    "Course mid-term project handed in",
];

const WINS: [&str; 8] = [
    "Closed the Kennecott expansion",
    "Renewed the three largest accounts",
    "First hire of the year started",
    "Forecast within 3% of actuals",
    "Sponsor meeting at the largest account",
    "Team member promoted",
    "Talk accepted at the regional conference",
    "Pipeline above 3x for next quarter",
];

const LEARNINGS: [&str; 6] = [
    "Deals stall when the economic buyer is not in the first meeting",
    "New hires ramp faster with a named buddy",
    "Blocking strategy time early in the day works",
    "Executive sponsors want fewer, shorter updates",
    "Pricing pressure comes from procurement, not users",
    "Ride-alongs teach more than pipeline reviews",
];

const CORRECTIONS: [&str; 6] = [
    "Move pipeline review to Monday morning",
    "Spend one day a week in the field",
    "Drop the second partner pilot",
    "Add a mid-quarter forecast check",
    "Delegate the weekly report",
    "Protect Friday afternoons for planning",
];

const PROSE: [&str; 16] = [
    "The territory grew steadily, but most of the growth came from the three largest accounts.",
    "Concentration is a risk, so new logos matter as much as expansion this period.",
    "The team is young and hungry; the work now is to turn effort into a repeatable process.",
    "Every account executive has a written plan for each key account, reviewed monthly.",
    "Coaching happens in the field, not in the office, and ride-alongs are on the calendar.",
    "The regional VP expects a forecast that holds within five percent, every month.",
    "Executive sponsors respond to short, specific updates tied to their own goals.",
    "Time for strategic thinking is blocked before the day fills with urgent requests.",
    "Hiring is the highest-leverage activity, so the bench of candidates is always warm.",
    "The market is consolidating and procurement teams are pushing harder on price.",
    "Winning on value means knowing each customer's operation better than competitors do.",
    "Speaking at industry events builds the reputation that the next role requires.",
    "A mentor outside the company gives an honest view of blind spots and habits.",
    "The numbers are reviewed every Friday with the same three questions as last week.",
    "What did not work gets dropped quickly; what works gets written into the playbook.",
    "Balance matters too: evenings stay free and the long weekend trips stay on the calendar.",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
