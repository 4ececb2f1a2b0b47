//! Where each kind of plan file lives under `plans/`, and the reverse: what a
//! path is. A file's kind follows from its path alone.
//!
//! ```text
//! plans/                      one person's plan, or
//! plans/<person>/             one folder per person, same layout
//!   vision.md                 10-year vision (front matter + prose)
//!   strategy.yaml             multi-year phases
//!   capabilities.yaml         capability plan
//!   metrics.yaml              revenue and performance metrics
//!   relationships.yaml        relationship and network goals
//!   habits.yaml               daily and weekly habits
//!   career.yaml               career progression metrics
//!   years/2026.md             annual plan
//!   quarters/2026-Q3.md       quarterly plan
//!   checkins/2026-10.yaml     habit check-ins for a month
//!   reviews/2026-10.md        monthly review
//!   reviews/2026-Q3.md        quarterly review
//!   reviews/2026.md           annual review
//! ```

use serde::Serialize;

use crate::diag::did_you_mean;
use crate::value::Period;

/// The folder that holds the plan, relative to the repository root.
pub const PLANS_DIR: &str = "plans";

/// The folder `report`, `watch` and the hooks write into by default,
/// beside `plans/`.
pub const OUTPUT_DIR: &str = "dashboard";

/// The `.gitignore` that `demo` and `init` write: the output folder is
/// rebuilt from the plan, so a `git add -A` leaves it out.
pub const GITIGNORE: &str =
    "# Written by `roadmap report`, `watch` and the hooks, rebuilt from plans/.\n/dashboard/\n";

/// `text` of a `.gitignore` with the line that ignores [`OUTPUT_DIR`]
/// added, or `None` when a line of it already does.
pub fn ignoring_output(text: &str) -> Option<String> {
    let ignored = text.lines().any(|line| {
        matches!(
            line.trim().trim_start_matches('/').trim_end_matches('/'),
            OUTPUT_DIR
        )
    });
    if ignored {
        return None;
    }
    let mut text = text.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(GITIGNORE);
    Some(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Vision,
    Strategy,
    Capabilities,
    Metrics,
    Relationships,
    Habits,
    Career,
    Year,
    Quarter,
    CheckIns,
    Time,
    MonthReview,
    QuarterReview,
    YearReview,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Vision,
        Kind::Strategy,
        Kind::Capabilities,
        Kind::Metrics,
        Kind::Relationships,
        Kind::Habits,
        Kind::Career,
        Kind::Year,
        Kind::Quarter,
        Kind::CheckIns,
        Kind::Time,
        Kind::MonthReview,
        Kind::QuarterReview,
        Kind::YearReview,
    ];

    /// The kind's name in messages and schema file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Strategy => "strategy",
            Kind::Capabilities => "capabilities",
            Kind::Metrics => "metrics",
            Kind::Relationships => "relationships",
            Kind::Habits => "habits",
            Kind::Career => "career",
            Kind::Year => "year",
            Kind::Quarter => "quarter",
            Kind::CheckIns => "checkins",
            Kind::Time => "time",
            Kind::MonthReview => "month-review",
            Kind::QuarterReview => "quarter-review",
            Kind::YearReview => "year-review",
        }
    }

    /// Markdown kinds keep their data in YAML front matter above a prose body.
    pub fn is_markdown(self) -> bool {
        matches!(
            self,
            Kind::Vision
                | Kind::Year
                | Kind::Quarter
                | Kind::MonthReview
                | Kind::QuarterReview
                | Kind::YearReview
        )
    }

    /// Where files of this kind live, relative to a plan's root, as a glob.
    pub fn pattern(self) -> &'static str {
        match self {
            Kind::Vision => "vision.md",
            Kind::Strategy => "strategy.yaml",
            Kind::Capabilities => "capabilities.yaml",
            Kind::Metrics => "metrics.yaml",
            Kind::Relationships => "relationships.yaml",
            Kind::Habits => "habits.yaml",
            Kind::Career => "career.yaml",
            Kind::Year => "years/YYYY.md",
            Kind::Quarter => "quarters/YYYY-Qn.md",
            Kind::CheckIns => "checkins/YYYY-MM.yaml",
            Kind::Time => "time/YYYY-MM.yaml",
            Kind::MonthReview => "reviews/YYYY-MM.md",
            Kind::QuarterReview => "reviews/YYYY-Qn.md",
            Kind::YearReview => "reviews/YYYY.md",
        }
    }
}

const SINGLE_FILES: [(&str, Kind); 7] = [
    ("vision", Kind::Vision),
    ("strategy", Kind::Strategy),
    ("capabilities", Kind::Capabilities),
    ("metrics", Kind::Metrics),
    ("relationships", Kind::Relationships),
    ("habits", Kind::Habits),
    ("career", Kind::Career),
];

const FOLDERS: [&str; 5] = ["years", "quarters", "checkins", "time", "reviews"];

/// Whether `name`, a folder of `plans/`, is one of a plan's own folders
/// (`years`, `quarters`...) rather than a person's.
pub fn is_plan_folder(name: &str) -> bool {
    FOLDERS.contains(&name)
}

/// What a path under `plans/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// A plan file: its person (`None` for a single-person repository), kind
    /// and, for dated kinds, period.
    Plan {
        person: Option<String>,
        kind: Kind,
        period: Option<Period>,
    },
    /// Not a plan file, and not meant to be one (README, dotfiles): skipped.
    Ignored,
    /// Looks like it is meant to be a plan file but is not one.
    Misplaced {
        person: Option<String>,
        message: String,
        hint: Option<String>,
    },
}

/// Classifies `rel`, a `/`-separated path relative to `plans/`.
pub fn classify(rel: &str) -> Placement {
    let parts: Vec<&str> = rel.split('/').collect();
    let Some(file) = parts.last() else {
        return Placement::Ignored;
    };
    if parts.iter().any(|p| p.starts_with('.')) || file.eq_ignore_ascii_case("README.md") {
        return Placement::Ignored;
    }
    let is_plan_root_entry = parts.len() == 1 || FOLDERS.contains(&parts[0]);
    let (person, inner) = if is_plan_root_entry {
        (None, &parts[..])
    } else {
        (Some(parts[0].to_owned()), &parts[1..])
    };
    match classify_in_plan(inner) {
        Ok((kind, period)) => Placement::Plan {
            person,
            kind,
            period,
        },
        Err((message, hint)) => Placement::Misplaced {
            person,
            message,
            hint,
        },
    }
}

type Misplacement = (String, Option<String>);

fn classify_in_plan(parts: &[&str]) -> Result<(Kind, Option<Period>), Misplacement> {
    match parts {
        [file] => {
            let (stem, ext) = split_ext(file);
            let Some(&(_, kind)) = SINGLE_FILES.iter().find(|(name, _)| *name == stem) else {
                let names = SINGLE_FILES.iter().map(|(name, _)| *name);
                return Err((
                    format!("`{file}` is not a plan file"),
                    did_you_mean(stem, names)
                        .or_else(|| Some(format!("plan files are {}", known_files()))),
                ));
            };
            check_ext(kind, file, ext)?;
            Ok((kind, None))
        }
        [folder, file] => {
            let (stem, ext) = split_ext(file);
            let period: Result<Period, String> = stem.parse();
            let kind = match *folder {
                "years" => Kind::Year,
                "quarters" => Kind::Quarter,
                "checkins" => Kind::CheckIns,
                "time" => Kind::Time,
                "reviews" => match period {
                    Ok(Period::Month(..)) => Kind::MonthReview,
                    Ok(Period::Quarter(..)) => Kind::QuarterReview,
                    _ => Kind::YearReview,
                },
                other => {
                    return Err((
                        format!("`{other}/` is not a plan folder"),
                        did_you_mean(other, FOLDERS)
                            .or_else(|| Some(format!("plan folders are {}", FOLDERS.join(", ")))),
                    ));
                }
            };
            let period = match period {
                Ok(p) if matches_kind(kind, p) => p,
                Ok(_) | Err(_) => {
                    return Err((
                        format!(
                            "`{folder}/{file}` is not a valid file name: expected {}",
                            kind.pattern()
                        ),
                        period.err(),
                    ));
                }
            };
            check_ext(kind, file, ext)?;
            Ok((kind, Some(period)))
        }
        _ => Err((
            format!(
                "`{}` is nested too deeply to be a plan file",
                parts.join("/")
            ),
            Some(
                "a plan folder holds the files and folders years/, quarters/, checkins/, time/, reviews/"
                    .to_owned(),
            ),
        )),
    }
}

fn matches_kind(kind: Kind, period: Period) -> bool {
    matches!(
        (kind, period),
        (Kind::Year | Kind::YearReview, Period::Year(_))
            | (Kind::Quarter | Kind::QuarterReview, Period::Quarter(..))
            | (
                Kind::CheckIns | Kind::Time | Kind::MonthReview,
                Period::Month(..)
            )
    )
}

fn split_ext(file: &str) -> (&str, &str) {
    match file.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext),
        None => (file, ""),
    }
}

fn check_ext(kind: Kind, file: &str, ext: &str) -> Result<(), Misplacement> {
    let ok = if kind.is_markdown() {
        ext == "md"
    } else {
        ext == "yaml" || ext == "yml"
    };
    if ok {
        return Ok(());
    }
    let want = if kind.is_markdown() {
        "a Markdown file (.md) with YAML front matter"
    } else {
        "a YAML file (.yaml)"
    };
    Err((
        format!("`{file}`: a {} file must be {want}", kind.name()),
        None,
    ))
}

fn known_files() -> String {
    let mut names: Vec<String> = SINGLE_FILES
        .iter()
        .map(|(name, kind)| format!("{name}.{}", if kind.is_markdown() { "md" } else { "yaml" }))
        .collect();
    names.extend(FOLDERS.iter().map(|f| format!("{f}/")));
    names.join(", ")
}

/// The nearest folder at or above `dir` that holds `plans/`: the plan
/// repository's root.
pub fn plan_root(dir: &std::path::Path) -> Result<std::path::PathBuf, crate::Error> {
    dir.ancestors()
        .find(|d| d.join(PLANS_DIR).is_dir())
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| crate::Error::NoPlans(format!("{} or any folder above it", dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(rel: &str) -> Option<(Option<String>, Kind, Option<String>)> {
        match classify(rel) {
            Placement::Plan {
                person,
                kind,
                period,
            } => Some((person, kind, period.map(|p| p.to_string()))),
            _ => None,
        }
    }

    #[test]
    fn kinds_follow_from_paths() {
        assert_eq!(kind_of("vision.md"), Some((None, Kind::Vision, None)));
        assert_eq!(
            kind_of("quarters/2026-Q3.md"),
            Some((None, Kind::Quarter, Some("2026-Q3".into())))
        );
        assert_eq!(
            kind_of("reviews/2026-10.md"),
            Some((None, Kind::MonthReview, Some("2026-10".into())))
        );
        assert_eq!(
            kind_of("reviews/2026-Q3.md"),
            Some((None, Kind::QuarterReview, Some("2026-Q3".into())))
        );
        assert_eq!(
            kind_of("reviews/2026.md"),
            Some((None, Kind::YearReview, Some("2026".into())))
        );
        assert_eq!(
            kind_of("dana/years/2027.md"),
            Some((Some("dana".into()), Kind::Year, Some("2027".into())))
        );
        assert_eq!(kind_of("dana/habits.yml").map(|k| k.1), Some(Kind::Habits));
    }

    #[test]
    fn misnamed_files_are_explained() {
        for rel in [
            "quarters/2026-Q5.md",
            "years/2026-Q1.md",
            "checkins/2026.yaml",
            "metric.yaml",
            "years/2026.yaml",
        ] {
            assert!(
                matches!(classify(rel), Placement::Misplaced { .. }),
                "{rel}"
            );
        }
        assert_eq!(classify(".DS_Store"), Placement::Ignored);
        assert_eq!(classify("README.md"), Placement::Ignored);
    }
}
