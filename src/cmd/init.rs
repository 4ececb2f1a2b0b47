//! `roadmap init`: a new plan from the guide's Step 5 questionnaire (asked
//! on a terminal, or answered by `--answers FILE`) or the bundled example.
//!
//! Nothing is written until every answer is in: the questions run first,
//! the plan is derived in memory (`plan_gen`), and only then are the files
//! written, all or none (`journal`). Stopping half-way (Ctrl-D, Ctrl-C, a
//! bad answers file) leaves the folder as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::InitArgs;
use crate::error::Error;
use crate::git;
use crate::journal;
use crate::layout::{self, GITIGNORE, PLANS_DIR};
use crate::model::Area;
use crate::plan_gen::{
    self, AnswerError, Answers, GoalAnswers, Level, MilestoneAnswer, NowAnswers, PlanFile,
    SkillAnswer, SkillInput,
};
use crate::planning::year_span;
use crate::term::Palette;
use crate::value::Band;

use super::Ctx;

pub(super) fn run(ctx: &Ctx, args: &InitArgs) -> Result<i32, Error> {
    let dir = ctx.cwd.join(&args.dir);
    let plans = dir.join(PLANS_DIR);
    refuse_existing(&plans, args.force, &ctx.cwd)?;
    let today = crate::when::today();

    let files = if args.example {
        let files = plan_gen::example_files();
        if files.is_empty() {
            return Err(Error::Usage(
                "this build of roadmap holds no example plan".to_owned(),
            ));
        }
        files
    } else if let Some(file) = &args.answers {
        let path = ctx.cwd.join(file);
        let shown = file.display().to_string();
        let text = fs::read_to_string(&path).map_err(|e| Error::io(shown.clone(), e))?;
        let inputs = plan_gen::read_answers(&text, today)
            .map_err(|errors| answers_error(&shown, &errors))?;
        plan_gen::generate(&inputs).map_err(Error::Usage)?
    } else {
        if !io::stdin().is_terminal() {
            return Err(Error::Usage(
                "the questionnaire needs a terminal, and stdin is not one: \
                 pass --answers FILE (the format is in docs/answers.md), or --example"
                    .to_owned(),
            ));
        }
        let mut prompter = Prompter {
            input: io::stdin().lock(),
            out: io::stderr(),
            palette: ctx.stderr(),
        };
        let answers = questionnaire(&mut prompter, today)?;
        let inputs = answers
            .settle(today)
            .map_err(|errors| answers_error("the answers", &errors))?;
        plan_gen::generate(&inputs).map_err(Error::Usage)?
    };

    let kept = if args.force {
        files_left_over(&plans, &dir, &files)
    } else {
        Vec::new()
    };
    let expect = if args.force {
        journal::Expect::Any
    } else {
        journal::Expect::Absent
    };
    let changes: Vec<journal::Change> = files
        .iter()
        .map(|file| journal::Change {
            path: Path::new(&file.path),
            bytes: file.text.as_bytes(),
            expect,
        })
        .collect();
    let recovered = journal::write(&dir, "init", &changes)?;
    super::say_recovered(&recovered);
    let created = git::init_if_needed(&dir)?;
    let ignored = match ignore_output(&dir) {
        Ok(written) => written,
        Err(err) => {
            eprintln!(
                "{} {err}; add the line `/{}/` to it by hand",
                ctx.stderr().warning("warning:"),
                layout::OUTPUT_DIR
            );
            false
        }
    };

    if !ctx.quiet {
        report(ctx, &dir, &files, &kept, created, ignored);
    }
    Ok(0)
}

/// Leaves the output folder out of git: writes a `.gitignore` at `dir`, or
/// adds the line to the one there (whose lines are kept as they are).
/// Whether a file was written or changed.
fn ignore_output(dir: &Path) -> Result<bool, Error> {
    let path = dir.join(".gitignore");
    let shown = path.display().to_string();
    let text = match fs::read(&path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(Error::io(shown, err)),
    };
    let (added, opened) = match &text {
        None => (
            GITIGNORE.to_owned(),
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path),
        ),
        Some(text) => match layout::ignoring_output(text) {
            None => return Ok(false),
            Some(whole) => (
                whole[text.len()..].to_owned(),
                fs::OpenOptions::new().append(true).open(&path),
            ),
        },
    };
    let mut file = opened.map_err(|e| Error::io(shown.clone(), e))?;
    file.write_all(added.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(shown, e))?;
    Ok(true)
}

/// An existing plan is never overwritten without `--force`.
fn refuse_existing(plans: &Path, force: bool, cwd: &Path) -> Result<(), Error> {
    let shown = relative(cwd, plans);
    if plans.exists() && !plans.is_dir() {
        return Err(Error::Usage(format!(
            "{shown} exists and is not a folder; nothing was written"
        )));
    }
    let holds_files = fs::read_dir(plans).is_ok_and(|mut entries| entries.next().is_some());
    if holds_files && !force {
        return Err(Error::Usage(format!(
            "{shown}/ already holds a plan; nothing was written\n  \
             pass --force to write the new plan over it (files of the same name are replaced)"
        )));
    }
    Ok(())
}

fn answers_error(source: &str, errors: &[AnswerError]) -> Error {
    let located = |err: &AnswerError| match err.position {
        Some(_) => format!("{source}:{err}"),
        None => format!("{source}: {err}"),
    };
    let message = match errors {
        [one] => format!(
            "{}\n  nothing was written; docs/answers.md describes the answers file",
            located(one)
        ),
        many => {
            let lines: Vec<String> = many.iter().map(|e| format!("  {}", located(e))).collect();
            format!(
                "{} problems in {source}; nothing was written\n{}",
                many.len(),
                lines.join("\n")
            )
        }
    };
    Error::Usage(message)
}

/// Files already under `plans/` that the new plan does not replace.
fn files_left_over(plans: &Path, dir: &Path, files: &[PlanFile]) -> Vec<String> {
    fn walk(folder: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(plans, &mut found);
    let written: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    let mut kept: Vec<String> = found
        .into_iter()
        .filter(|p| !written.contains(p))
        .map(|p| relative(dir, &p))
        .collect();
    kept.sort();
    kept
}

fn report(
    ctx: &Ctx,
    dir: &Path,
    files: &[PlanFile],
    kept: &[String],
    created: bool,
    ignored: bool,
) {
    let palette = ctx.stdout();
    let shown_dir = relative(&ctx.cwd, dir);
    for file in files {
        say!(
            "{} {}",
            palette.good("wrote"),
            relative(&ctx.cwd, &dir.join(&file.path))
        );
    }
    if ignored {
        say!(
            "{} {} (git leaves out {}/, where `roadmap report` writes)",
            palette.good("wrote"),
            relative(&ctx.cwd, &dir.join(".gitignore")),
            layout::OUTPUT_DIR
        );
    }
    if !kept.is_empty() {
        say!(
            "{} {} file{} of the old plan, not part of the new one: {}",
            palette.warning("kept"),
            kept.len(),
            if kept.len() == 1 { "" } else { "s" },
            kept.join(", ")
        );
    }
    if created {
        say!(
            "{} a git repository in {shown_dir}",
            palette.good("created")
        );
    }
    say!("\n{}", palette.bold("Next steps:"));
    if shown_dir != "." {
        say!("  cd {shown_dir}");
    }
    say!("  roadmap check");
    say!("  git add plans .gitignore && git commit -m \"Start the ten-year plan\"");
    say!("  roadmap status");
    say!("  roadmap report   (then open dashboard/index.html)");
}

/// `path` relative to `base` when it lies below it, `.` for `base` itself.
fn relative(base: &Path, path: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
        Ok(rel) => rel.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

// ---------------------------------------------------------- questionnaire

/// Line-based questions on one stream, answers from another: plain enough
/// for any terminal, and for a pseudo-terminal in tests.
struct Prompter<R, W> {
    input: R,
    out: W,
    palette: Palette,
}

fn stopped() -> Error {
    Error::Usage("the questionnaire stopped before the last answer; nothing was written".to_owned())
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    fn say(&mut self, text: &str) -> Result<(), Error> {
        writeln!(self.out, "{text}").map_err(|e| Error::io("stderr", e))
    }

    fn section(&mut self, title: &str) -> Result<(), Error> {
        let title = self.palette.bold(title);
        self.say(&format!("\n{title}"))
    }

    /// One line of input, without its line ending; `None` at end of input.
    fn line(&mut self) -> Result<Option<String>, Error> {
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(line.trim().to_owned())),
            Err(err) if err.kind() == io::ErrorKind::InvalidData => Ok(Some("\u{fffd}".to_owned())),
            Err(err) => Err(Error::io("stdin", err)),
        }
    }

    /// Asks until `parse` accepts the answer; an empty answer is `default`.
    fn ask<T>(
        &mut self,
        question: &str,
        default: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Error> {
        let prompt = if default.is_empty() {
            format!("  {question}: ")
        } else {
            format!("  {question} [{}]: ", self.palette.accent(default))
        };
        self.ask_with(&prompt, default, parse)
    }

    fn ask_with<T>(
        &mut self,
        prompt: &str,
        default: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Error> {
        loop {
            write!(self.out, "{prompt}")
                .and_then(|()| self.out.flush())
                .map_err(|e| Error::io("stderr", e))?;
            let line = self.line()?.ok_or_else(stopped)?;
            let answer = if line.is_empty() { default } else { &line };
            match parse(answer) {
                Ok(value) => return Ok(value),
                Err(reason) => {
                    let mark = self.palette.error("✗");
                    self.say(&format!("    {mark} {reason}"))?;
                }
            }
        }
    }

    /// Asks for one item per line until an empty line.
    fn ask_list<T>(
        &mut self,
        question: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Vec<T>, Error> {
        self.say(&format!("  {question} (an empty line ends the list):"))?;
        let mut items = Vec::new();
        loop {
            let item = self.ask_with("    > ", "", |text| {
                if text.is_empty() {
                    Ok(None)
                } else {
                    parse(text).map(Some)
                }
            })?;
            match item {
                Some(item) => items.push(item),
                None => return Ok(items),
            }
        }
    }
}

fn required(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("an answer is needed here".to_owned())
    } else {
        Ok(text.trim().to_owned())
    }
}

/// An answer that may be left empty.
fn optional(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The guide's Step 5: current state, the ten-year vision, key milestones,
/// development priorities, constraints.
fn questionnaire<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    today: NaiveDate,
) -> Result<Answers, Error> {
    p.say(
        "roadmap init: the guide's questions, one at a time. Enter accepts the [default]; \
         Ctrl-D or Ctrl-C stops without writing anything.",
    )?;

    p.section("Current state (year 0)")?;
    let (name, now, growth) = ask_now(p)?;
    p.section("10-year vision")?;
    let (start, end, goal) = ask_vision(p, today)?;
    p.section("Key milestones")?;
    let (roles, milestones) = ask_milestones(p, start, end, &now.role, &goal.role)?;
    p.section("Development priorities (levels 1-10)")?;
    let (skills, focus) = ask_skills(p, end)?;
    p.section("Constraints and considerations")?;
    let constraints = p.ask_list("Anything the plan must respect, one per line", |text| {
        Ok(text.to_owned())
    })?;

    Ok(Answers {
        name: Some(name),
        start: Some(start),
        end: Some(end),
        now,
        growth: Some(growth),
        goal,
        roles,
        milestones,
        skills,
        focus: Some(focus),
        constraints,
    })
}

/// The current state: the person's name, where they stand, and the growth
/// they plan.
fn ask_now<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
) -> Result<(String, NowAnswers, Band), Error> {
    let name = p.ask("Your name", "Me", required)?;
    let role = p.ask("Current role", "", required)?;
    let company = p.ask("Company (Enter to skip)", "", |t| Ok(optional(t)))?;
    let territory = p.ask("Territory (Enter to skip)", "", |t| Ok(optional(t)))?;
    let revenue = p.ask(
        "Territory revenue a year, e.g. 5M",
        "",
        plan_gen::parse_revenue,
    )?;
    let growth = p.ask(
        "Territory growth you plan a year",
        &format!(
            "{}-{}%",
            plan_gen::DEFAULT_GROWTH.lo,
            plan_gen::DEFAULT_GROWTH.hi
        ),
        plan_gen::parse_growth,
    )?;
    let team = p.ask(
        "People you lead (direct reports)",
        "0",
        plan_gen::parse_team,
    )?;
    let new_business = p.ask(
        "New business closed last year, e.g. 3.6M (Enter to skip)",
        "",
        plan_gen::parse_optional_amount,
    )?;
    let market_share = p.ask(
        "Territory market share now, e.g. 18% (Enter to skip)",
        "",
        plan_gen::parse_share,
    )?;
    let strengths = p.ask(
        "Key strengths, separated by commas (Enter to skip)",
        "",
        |t| Ok(plan_gen::split_list(t)),
    )?;
    let needs = p.ask(
        "Development needs, separated by commas (Enter to skip)",
        "",
        |t| Ok(plan_gen::split_list(t)),
    )?;

    let now = NowAnswers {
        role,
        company,
        territory,
        revenue,
        team,
        new_business,
        market_share,
        strengths,
        needs,
    };
    Ok((name, now, growth))
}

/// The plan's years and where the person wants to be at its end.
fn ask_vision<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    today: NaiveDate,
) -> Result<(i32, i32, GoalAnswers), Error> {
    use chrono::Datelike;
    let start = p.ask(
        "First year of the plan",
        &today.year().to_string(),
        plan_gen::parse_year,
    )?;
    let end = p.ask(
        "Last year of the plan",
        &(start + plan_gen::DEFAULT_SPAN).to_string(),
        |text| {
            let end = plan_gen::parse_year(text)?;
            plan_gen::check_span(start, end).map(|()| end)
        },
    )?;
    let goal_role = p.ask(&format!("Role in {end}"), "", required)?;
    let goal_revenue = p.ask(
        &format!("Revenue responsibility in {end}, e.g. 50M"),
        "",
        plan_gen::parse_revenue,
    )?;
    let goal_team = p.ask(
        &format!("People you lead in {end}, e.g. 15-20"),
        &format!(
            "{}-{}",
            plan_gen::DEFAULT_TEAM.lo,
            plan_gen::DEFAULT_TEAM.hi
        ),
        plan_gen::parse_team_band,
    )?;
    let income = p.ask(
        "Income goal, e.g. 350k (Enter to skip)",
        "",
        plan_gen::parse_optional_amount,
    )?;
    let recognition = p.ask(
        "Recognition you aim for, separated by commas (Enter to skip)",
        "",
        |t| Ok(plan_gen::split_list(t)),
    )?;
    let impact = p.ask(
        "The impact you want on your industry (Enter to skip)",
        "",
        |t| Ok(optional(t)),
    )?;
    let leader = p.ask(
        "The leader you want to be known as (Enter to skip)",
        "",
        |t| Ok(optional(t)),
    )?;
    let success = p.ask("What success means to you (Enter to skip)", "", |t| {
        Ok(optional(t))
    })?;

    let goal = GoalAnswers {
        role: goal_role,
        revenue: goal_revenue,
        team: Some(goal_team),
        income,
        recognition,
        impact,
        statement: None,
        leader,
        success,
        values: Vec::new(),
        expertise: Vec::new(),
    };
    Ok((start, end, goal))
}

/// The roles of the middle phases and the other milestones.
fn ask_milestones<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    start: i32,
    end: i32,
    role: &str,
    goal_role: &str,
) -> Result<(Vec<String>, Vec<MilestoneAnswer>), Error> {
    let spans = plan_gen::phase_spans(start, end);
    let defaults = plan_gen::default_roles(role, goal_role, spans.len());
    p.say(&format!(
        "  The plan runs in {} phases: {} as {role} first, {} as {goal_role} last.",
        spans.len(),
        year_span(spans[0]),
        year_span(spans[spans.len() - 1]),
    ))?;
    let mut roles = Vec::new();
    for (i, span) in spans
        .iter()
        .enumerate()
        .skip(1)
        .take(spans.len().saturating_sub(2))
    {
        let default = defaults.get(i).cloned().unwrap_or_default();
        roles.push(p.ask(
            &format!("Role for {}", year_span(*span)),
            &default,
            required,
        )?);
    }
    let milestones = p.ask_list(
        &format!("Other milestones, one per line as `YEAR what` ({start}-{end})"),
        |text| plan_gen::parse_milestone(text, start, end),
    )?;

    Ok((roles, milestones))
}

/// Each area's level now and its target, and the areas to develop first.
fn ask_skills<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    end: i32,
) -> Result<(BTreeMap<Area, SkillAnswer>, Vec<Area>), Error> {
    let mut skills = BTreeMap::new();
    let mut levels = Vec::new();
    for area in Area::ALL {
        let label = area.label();
        let level = p.ask(
            &format!("{label}: level now"),
            &plan_gen::DEFAULT_LEVEL.to_string(),
            plan_gen::parse_level,
        )?;
        let target = p.ask(
            &format!("{label}: level to reach by {end}"),
            &plan_gen::default_target(level).to_string(),
            |text| {
                let target = plan_gen::parse_level(text)?;
                plan_gen::check_target(level, target).map(|()| target)
            },
        )?;
        skills.insert(
            area,
            SkillAnswer {
                level: Some(Level(level)),
                target: Some(Level(target)),
            },
        );
        levels.push(SkillInput {
            area,
            level,
            target,
        });
    }
    let focus_default: Vec<&str> = plan_gen::default_focus(&levels)
        .into_iter()
        .map(Area::as_str)
        .collect();
    let names: Vec<&str> = Area::ALL.into_iter().map(Area::as_str).collect();
    let focus = p.ask(
        &format!("Areas to develop first ({})", names.join(", ")),
        &focus_default.join(", "),
        plan_gen::parse_areas,
    )?;

    Ok((skills, focus))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn run_questions(input: &str) -> (Result<Answers, Error>, String) {
        let mut prompter = Prompter {
            input: Cursor::new(input.as_bytes().to_vec()),
            out: Vec::new(),
            palette: Palette::plain(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let answers = questionnaire(&mut prompter, today);
        (answers, String::from_utf8_lossy(&prompter.out).into_owned())
    }

    /// Answers in the order asked: current state, vision, roles of the
    /// three middle phases, milestones, six areas (now, target), focus,
    /// constraints.
    const SESSION: &str = include_str!("../../tests/fixtures/init/session.txt");

    #[test]
    fn bad_answers_are_asked_again_with_the_reason() {
        let (answers, out) = run_questions(SESSION);
        let answers = answers.expect("the questionnaire completes");
        assert!(out.contains("`abc` is not a range"), "{out}");
        assert!(out.contains("level 14 is out of range"), "{out}");
        assert_eq!(answers.growth.map(|b| (b.lo, b.hi)), Some((15.0, 20.0)));
        assert_eq!(
            answers.skills[&Area::Leadership].level,
            Some(Level(3)),
            "{out}"
        );
        assert_eq!(answers.roles[0], "Senior Sales Manager");
        assert_eq!(answers.milestones[0].year, 2029);
        assert_eq!(answers.focus, Some(vec![Area::Leadership, Area::Strategy]));
        assert_eq!(answers.constraints, ["No relocation before 2028"]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let inputs = answers.settle(today).expect("settles");
        assert_eq!(inputs.now.strengths.len(), 2);
    }

    #[test]
    fn required_answers_have_no_default() {
        let (answers, out) = run_questions("\n\nSales Manager\n");
        assert!(out.contains("an answer is needed here"), "{out}");
        assert!(answers.is_err());
    }

    #[test]
    fn end_of_input_stops_the_questionnaire() {
        let (answers, _) = run_questions("Jordan\nSales Manager\n");
        let err = answers.expect_err("stopped");
        assert!(err.to_string().contains("nothing was written"), "{err}");
    }

    #[test]
    fn a_file_error_names_the_file_the_field_and_the_position() {
        let err = AnswerError {
            path: crate::diag::YamlPath::root().at("growth"),
            message: "`abc` is not a range".to_owned(),
            position: Some((7, 9)),
        };
        let text = answers_error("answers.yaml", &[err]).to_string();
        assert!(
            text.starts_with("answers.yaml:7:9: `growth`: `abc` is not a range"),
            "{text}"
        );
    }
}
