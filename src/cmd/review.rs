//! `roadmap review`: the guide's monthly, quarterly or annual review.
//!
//! It shows where the plan stands, asks for each value due once, in its
//! one place (Enter keeps it), the review's questions, wins, learnings and
//! corrections, and only then writes: each value to its place, then the
//! review file drafted from the plan as those values leave it, all in one
//! transaction. Stopping before the end (Ctrl-C, end of input) writes
//! nothing. `--answers FILE` gives the same answers from YAML
//! (docs/review.md).

use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Write};

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::cli::ReviewArgs;
use crate::diag::YamlPath;
use crate::edit::Transaction;
use crate::error::Error;
use crate::history::History;
use crate::load::{self, Plan};
use crate::model::{Career, Milestone, Status};
use crate::planning::{self, DocKind, Text, WinDraft};
use crate::progress::{self, Progress};
use crate::render::Renderer;
use crate::term::Palette;
use crate::value::{self, Period};
use crate::yaml::{self, New, Place};

use super::Ctx;
use super::working;
use crate::item::ItemKind;
use crate::updates::{self, Writer};

/// Everything a review collects before it writes.
#[derive(Debug, Default)]
struct Filled {
    /// Item id and the value to write, as typed.
    values: Vec<(String, String)>,
    skills: Vec<(String, i64)>,
    /// Milestones reported done, with the day when one was given.
    milestones: Vec<(String, Option<NaiveDate>)>,
    /// Career figures (`revenue`, `reports`) and their values, as typed.
    career: Vec<(String, String)>,
    /// One answer per section of the review, in order.
    answers: Vec<Option<String>>,
    wins: Vec<String>,
    learnings: Vec<String>,
    corrections: Vec<String>,
    on_track: Option<String>,
    commit: Option<bool>,
    tag: Option<bool>,
}

/// What kind of value a review asks for, and how an answer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// A metric, a key result: an amount.
    Value,
    /// A relationship goal: a count.
    Count,
    /// A skill: a level 1-10.
    Skill,
    /// A milestone due in the period: done or not.
    Milestone,
    /// A career figure: `revenue` (an amount) or `reports` (a count).
    Career,
}

/// A value the review asks about.
struct Tracked {
    id: String,
    label: String,
    /// The value now, as `status` shows it and as it may be typed back.
    now: String,
    unit: Option<String>,
    ask: Ask,
}

pub(super) fn run(ctx: &Ctx, args: &ReviewArgs) -> Result<i32, Error> {
    working::stop_cleanly("review", "the review")?;
    let working = working::open(ctx, args.as_of.map(|d| d.0))?;
    let plan = working.plan()?;
    // Said before the first question: what is asked comes from these files.
    let partial = super::warn_partial(ctx, &plan.problems);
    let today = working.today;
    let period = match &args.period {
        Some(text) => period_asked(text, plan, today)?,
        None => planning::next_review(plan, today),
    };
    let Some(kind) = DocKind::review_of(period) else {
        return Err(Error::Usage(format!("{period} has no review")));
    };
    let history = working.history()?;
    let at = today.min(period.end());
    let progress = progress::compute(plan, &history, crate::when::Dates::on(at));
    let title = planning::period_title(period);
    let tracked = tracked(plan, progress.as_ref(), kind, period);
    let headings: Vec<(String, Vec<String>)> = planning::draft(kind, plan, &history, period, today)
        .review
        .as_ref()
        .map(|r| {
            r.sections
                .iter()
                .map(|s| (s.heading.clone(), s.questions.clone()))
                .collect()
        })
        .unwrap_or_default();

    // An export that does not read stops the review before its questions.
    let imported = import_readings(ctx, args, plan, at)?;
    let filled = if let Some(file) = &args.answers {
        let shown = file.display().to_string();
        let text =
            std::fs::read_to_string(ctx.cwd.join(file)).map_err(|e| Error::io(shown.clone(), e))?;
        from_file(&shown, &text, &headings)?
    } else {
        let asked = Asked {
            title: &format!("Review of {title}"),
            progress: progress.as_ref(),
            tracked: &tracked,
            headings: &headings,
            kind,
        };
        let Some(filled) = ask_on_terminal(ctx, &asked)? else {
            eprintln!("\nreview stopped; nothing was changed");
            return Ok(130);
        };
        filled
    };

    // Every value is checked, and written to its one place, before the
    // review's record is made.
    let mut filled = filled;
    let imported = fill_from_import(imported, at, &mut filled);
    let mut tx = Transaction::new(&working.root);
    write_values(&mut tx, &working.root, plan, &filled, at)?;

    // The record states the plan as the answers left it: drafted from the
    // plan with the new values, so the file, the plan and every section
    // of the dashboard agree.
    let edited = edited_snapshot(&working.root, &tx)?;
    let edited_plan = edited
        .plans
        .iter()
        .find(|p| p.person == plan.person)
        .unwrap_or(plan);
    let mut draft = planning::draft(kind, edited_plan, &history, period, today);
    let file = kind.file(&plan.root, period);
    if tx.exists(&file) {
        // The figures the file was prefilled with (by `record win`, or an
        // earlier run) are replaced by the plan's figures after the answers.
        let stale = stale_drafts(plan, &history, (kind, period), &file, today);
        let left = refresh_figures(&mut tx, &file, &stale, &draft)?;
        if !left.is_empty() && !ctx.quiet {
            eprintln!(
                "note: {file}: the figures under {} were edited since they were written; \
                 left as they are",
                left.join(", ")
            );
        }
        amend(&mut tx, &file, &filled, &headings, today)?;
    } else {
        answer_draft(&mut draft, &filled);
        let renderer = Renderer::new(Some(&working.root.join("templates")));
        let text = planning::render(&renderer, &draft).map_err(|e| Error::Usage(e.to_string()))?;
        tx.create(&file, text)?;
    }
    let written = working::write(ctx, tx, &format!("review: {period}"))?;
    crate::import::Ledger::open(&working.root).remember(&plan.root, &imported, false)?;
    if !ctx.quiet {
        for path in &written {
            say!("wrote {path}");
        }
    }

    commit_and_tag(ctx, args, &working.root, period, &filled, &written)?;
    Ok(partial)
}

/// The period `--period` names, refused when it has no review, has not
/// begun or lies outside the plan's years.
fn period_asked(text: &str, plan: &Plan, today: NaiveDate) -> Result<Period, Error> {
    let period: Period = text.parse().map_err(Error::Usage)?;
    if DocKind::review_of(period).is_none() {
        return Err(Error::Usage(format!(
            "`{text}`: a review is of a month (2026-11), a quarter (2026-Q4) or a year (2026)"
        )));
    }
    // A review looks back: at a period begun, within the plan.
    if period.start() > today {
        return Err(Error::Usage(format!(
            "{period} has not begun (the review's day is {today}): a review looks back at a period; `roadmap new` drafts one ahead with --print"
        )));
    }
    if let Some(vision) = plan.by_kind().vision
        && !(vision.start..=vision.end).contains(&period.year())
    {
        return Err(Error::Usage(format!(
            "{period} is outside the plan's years, {}-{}",
            vision.start, vision.end
        )));
    }
    Ok(period)
}

/// What the interview on the terminal shows and asks.
struct Asked<'a> {
    title: &'a str,
    progress: Option<&'a Progress>,
    tracked: &'a [Tracked],
    headings: &'a [(String, Vec<String>)],
    kind: DocKind,
}

/// The answers typed on the terminal; `None` when the review was stopped
/// before its end.
fn ask_on_terminal(ctx: &Ctx, asked: &Asked) -> Result<Option<Filled>, Error> {
    if !io::stdin().is_terminal() {
        return Err(Error::Usage(
            "the review needs a terminal, and stdin is not one: pass --answers FILE \
             (the format is in docs/review.md)"
                .to_owned(),
        ));
    }
    let mut asker = Asker {
        input: io::stdin().lock(),
        out: io::stderr(),
        palette: ctx.stderr(),
    };
    match interview(
        &mut asker,
        asked.title,
        asked.progress,
        asked.tracked,
        asked.headings,
        asked.kind,
    ) {
        Ok(filled) => Ok(Some(filled)),
        Err(Stop) => Ok(None),
    }
}

/// The drafts the review `file` may have been prefilled from: on the day
/// it says it was written, and today.
fn stale_drafts(
    plan: &Plan,
    history: &History,
    (kind, period): (DocKind, Period),
    file: &str,
    today: NaiveDate,
) -> Vec<planning::Draft> {
    let written_on = plan
        .by_kind()
        .reviews
        .values()
        .find(|(_, path)| *path == file)
        .and_then(|(r, _)| r.as_of)
        .map(|d| d.0);
    written_on
        .into_iter()
        .chain([today])
        .map(|day| planning::draft(kind, plan, history, period, day))
        .collect()
}

/// A new review's draft with the answers in: each section's answer, the
/// wins, learnings, corrections, whether it is on track, the skills' levels.
fn answer_draft(draft: &mut planning::Draft, filled: &Filled) {
    let Some(review) = draft.review.as_mut() else {
        return;
    };
    for (section, answer) in review.sections.iter_mut().zip(&filled.answers) {
        section.answer.clone_from(answer);
    }
    review.wins = filled
        .wins
        .iter()
        .map(|w| WinDraft {
            title: Text::new(w),
            date: None,
        })
        .collect();
    review.learnings = filled.learnings.iter().map(|l| Text::new(l)).collect();
    review.corrections = filled.corrections.iter().map(|c| Text::new(c)).collect();
    review.on_track.clone_from(&filled.on_track);
    for (id, level) in &filled.skills {
        if let Some(s) = review.skills.iter_mut().find(|s| &s.id == id) {
            s.level = *level;
        }
    }
}

/// Commits what the review wrote when asked (`--commit`, the answers
/// file, or yes at the prompt), and tags a quarterly or annual review.
fn commit_and_tag(
    ctx: &Ctx,
    args: &ReviewArgs,
    root: &Path,
    period: Period,
    filled: &Filled,
    written: &[String],
) -> Result<(), Error> {
    let interactive = args.answers.is_none();
    let message = format!("review: {period}");
    let commit = args.commit
        || filled.commit.unwrap_or(false)
        || (interactive && confirm(&format!("Commit as `{message}`?"), true));
    if !commit || written.is_empty() {
        return Ok(());
    }
    let id = working::commit(root, written, &message)?;
    if !ctx.quiet {
        say!("committed {} {message}", &id[..id.len().min(7)]);
    }
    if matches!(period, Period::Quarter(..) | Period::Year(_)) {
        let tag = format!("review/{period}");
        let wanted = args.tag
            || filled.tag.unwrap_or(false)
            || (interactive && confirm(&format!("Tag it `{tag}`?"), true));
        if wanted {
            let repo = crate::git::Repo::discover(root)?;
            repo.tag_commit(&tag, &id, &message)?;
            if !ctx.quiet {
                say!("tagged {tag}");
            }
        }
    }
    Ok(())
}

/// `--import FILE --rules RULES`: the export's readings, read before the
/// first question.
fn import_readings(
    ctx: &Ctx,
    args: &ReviewArgs,
    plan: &Plan,
    at: NaiveDate,
) -> Result<Vec<crate::import::Reading>, Error> {
    let (Some(file), Some(rules)) = (&args.import, &args.rules) else {
        return Ok(Vec::new());
    };
    Ok(crate::import::write::readings((&ctx.cwd, &ctx.plan_root()?), plan, (file, rules), at)?.1)
}

/// The export's readings for the review's month (a metric's) and quarter
/// (a key result's) fill the values not typed or answered; a reading
/// typed by hand is kept, and said. Returns the readings used, for the
/// import ledger.
fn fill_from_import(
    readings: Vec<crate::import::Reading>,
    at: NaiveDate,
    filled: &mut Filled,
) -> Vec<crate::import::Reading> {
    use crate::import::{State, TargetKind};
    let mut used = Vec::new();
    for r in readings {
        let due = match r.kind {
            TargetKind::Metric => Period::month_of(at),
            TargetKind::KeyResult { .. } => Period::quarter_of(at),
        };
        if r.period != due || filled.values.iter().any(|(id, _)| *id == r.id) {
            continue;
        }
        match r.state {
            State::HandTyped => eprintln!(
                "note: {} {}: kept the value typed by hand; the export says {}",
                r.id,
                r.period,
                value::exact_text(r.new)
            ),
            State::Same => used.push(r),
            State::New | State::Changed => {
                filled.values.push((r.id.clone(), value::exact_text(r.new)));
                used.push(r);
            }
        }
    }
    used
}

/// Writes every value of `filled` to its one place: a metric's reading, a
/// key result's `current` (or, for a key result that `measures` a source,
/// the source's value), a relationship goal's count, a milestone done, a
/// skill's level, a career figure. Nothing is written until the
/// transaction is.
fn write_values(
    tx: &mut Transaction,
    root: &Path,
    plan: &Plan,
    filled: &Filled,
    day: NaiveDate,
) -> Result<(), Error> {
    for (id, value) in &filled.values {
        let item = updates::find(root, plan, day, id, "metric or key result", |i| {
            matches!(
                i.kind,
                ItemKind::Metric
                    | ItemKind::KeyResult
                    | ItemKind::AnnualObjective
                    | ItemKind::Relationship
            )
        })?;
        if let Some(source) = updates::measured(plan, &item) {
            let twice = filled.values.iter().any(|(other, _)| *other == source)
                || filled.milestones.iter().any(|(other, _)| *other == source);
            if twice {
                return Err(Error::Usage(format!(
                    "{id} measures `{source}`, which is given a value too: give one of them; \
                     nothing was changed"
                )));
            }
        }
        updates::write_value(tx, plan, (id, &item), value, day, Writer::Review)?;
    }
    for (id, done) in &filled.milestones {
        let item = updates::find(root, plan, day, id, "milestone", |i| {
            i.kind == ItemKind::Milestone
        })?;
        updates::mark_done(tx, &item, done.unwrap_or(day))?;
    }
    for (id, level) in &filled.skills {
        let item = updates::find(root, plan, day, id, "skill", |i| i.kind == ItemKind::Skill)?;
        let level = level.to_string();
        updates::write_value(tx, plan, (id, &item), &level, day, Writer::Review)?;
    }
    updates::career::review(tx, plan, day, &filled.career)
}

/// The plan with the transaction's edits applied, as it will be on disk.
fn edited_snapshot(root: &Path, tx: &Transaction) -> Result<load::Snapshot, Error> {
    let mut files = load::read_worktree(root)
        .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
    for edit in tx.changed() {
        let content = load::Content::Bytes(edit.text().as_bytes().to_vec());
        match files.iter_mut().find(|f| f.path == edit.path) {
            Some(file) => file.content = content,
            None => files.push(load::RawFile {
                path: edit.path.clone(),
                content,
            }),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(load::load(files))
}

/// The values a review asks for, each once, in its one place: the
/// metrics; the quarter's key results (not those that `measure` a metric,
/// goal or milestone: their source is asked); the open relationship
/// goals' counts; the milestones due in the period, done or not; and in
/// a quarterly or annual review each skill's level and the career figures.
fn tracked(
    plan: &Plan,
    progress: Option<&Progress>,
    kind: DocKind,
    period: Period,
) -> Vec<Tracked> {
    let mut out = Vec::new();
    let Some(p) = progress else {
        return out;
    };
    let docs = plan.by_kind();
    for m in &p.metrics {
        out.push(Tracked {
            id: m.id.clone(),
            label: m.name.clone(),
            now: m
                .actual
                .map(|v| value::shown(v, m.unit.as_deref()))
                .unwrap_or_default(),
            unit: m.unit.clone(),
            ask: Ask::Value,
        });
    }
    let linked: Vec<&str> = docs
        .quarters
        .values()
        .flat_map(|q| &q.objectives)
        .flat_map(|o| &o.key_results)
        .filter(|kr| kr.measures.is_some())
        .map(|kr| kr.id.as_str())
        .collect();
    for kr in p
        .quarter
        .iter()
        .flat_map(|q| &q.objectives)
        .flat_map(|o| &o.key_results)
        .filter(|kr| !linked.contains(&kr.id.as_str()))
    {
        out.push(Tracked {
            id: kr.id.clone(),
            label: kr.title.clone(),
            now: value::shown(kr.current, kr.unit.as_deref()),
            unit: kr.unit.clone(),
            ask: Ask::Value,
        });
    }
    for g in docs
        .relationships
        .iter()
        .flat_map(|r| &r.goals)
        .filter(|g| !g.status.is_closed() && g.target.is_some())
    {
        out.push(Tracked {
            id: g.id.clone(),
            label: format!("{} (of {})", g.title, g.target.unwrap_or_default()),
            now: g.current.unwrap_or_default().to_string(),
            unit: None,
            ask: Ask::Count,
        });
    }
    for m in due_milestones(&docs, period) {
        out.push(Tracked {
            id: m.id.clone(),
            label: format!("{} (done? yes/no)", m.title),
            now: if m.status == Status::Done {
                "done"
            } else {
                "not done"
            }
            .to_owned(),
            unit: None,
            ask: Ask::Milestone,
        });
    }
    if kind != DocKind::MonthReview {
        for s in &p.skills {
            out.push(Tracked {
                id: s.id.clone(),
                label: format!("{} (level 1-10)", s.name),
                now: s.level.to_string(),
                unit: None,
                ask: Ask::Skill,
            });
        }
        if let Some(c) = docs.career {
            out.extend(career_tracked(c));
        }
    }
    out
}

/// The career figures a quarterly or annual review asks for: revenue,
/// reports and, when the plan records pay, base and total.
fn career_tracked(c: &Career) -> Vec<Tracked> {
    let mut out = vec![
        Tracked {
            id: "revenue".to_owned(),
            label: "Revenue responsibility per year".to_owned(),
            now: value::shown(c.revenue.0, Some("USD")),
            unit: Some("USD".to_owned()),
            ask: Ask::Career,
        },
        Tracked {
            id: "reports".to_owned(),
            label: "Direct reports".to_owned(),
            now: c.reports.to_string(),
            unit: None,
            ask: Ask::Career,
        },
    ];
    if let Some(pay) = &c.compensation {
        out.push(Tracked {
            id: "base".to_owned(),
            label: "Base pay per year (private)".to_owned(),
            now: value::shown(pay.base.0, Some("USD")),
            unit: Some("USD".to_owned()),
            ask: Ask::Career,
        });
        if let Some(total) = pay.total {
            out.push(Tracked {
                id: "total".to_owned(),
                label: "Total compensation per year (private)".to_owned(),
                now: value::shown(total.0, Some("USD")),
                unit: Some("USD".to_owned()),
                ask: Ask::Career,
            });
        }
    }
    out
}

/// The milestones due in `period` (their due period ends inside it), done
/// or not, each id once: the quarters', the years' initiatives and the
/// strategy's.
fn due_milestones<'a>(docs: &load::Docs<'a>, period: Period) -> Vec<&'a Milestone> {
    let quarters = docs
        .quarters
        .values()
        .flat_map(|q| &q.objectives)
        .flat_map(|o| &o.milestones);
    let years = docs.years.values().flat_map(|y| &y.initiatives);
    let strategy = docs
        .strategy
        .iter()
        .flat_map(|s| &s.phases)
        .flat_map(|p| p.achievements.iter().chain(&p.milestone));
    let mut out: Vec<&Milestone> = Vec::new();
    for m in quarters.chain(years).chain(strategy) {
        let due = m.due.map(Period::end);
        let inside = due.is_some_and(|d| period.start() <= d && d <= period.end());
        if inside && !out.iter().any(|o| o.id == m.id) {
            out.push(m);
        }
    }
    out
}

/// Replaces each section's prefilled figures in the review `file` (as one
/// of the `stale` drafts wrote them) with the `fresh` draft's. Returns the
/// headings whose figures were not found as written (edited by hand).
fn refresh_figures(
    tx: &mut Transaction,
    file: &str,
    stale: &[planning::Draft],
    fresh: &planning::Draft,
) -> Result<Vec<String>, Error> {
    let mut left = Vec::new();
    let Some(fresh) = fresh.review.as_ref() else {
        return Ok(left);
    };
    let edit = tx.open(file)?;
    for (i, section) in fresh.sections.iter().enumerate() {
        let new = section.facts.join("\n");
        let mut olds: Vec<String> = stale
            .iter()
            .filter_map(|d| d.review.as_ref()?.sections.get(i))
            .map(|s| s.facts.join("\n"))
            .filter(|old| !old.is_empty())
            .collect();
        olds.dedup();
        if olds.is_empty() || (olds.contains(&new) && edit.text().contains(new.as_str())) {
            continue;
        }
        let mut replaced = false;
        for old in &olds {
            if edit.replace_in_body(old, &new)? {
                replaced = true;
                break;
            }
        }
        if !replaced {
            left.push(format!("`{}`", section.heading));
        }
    }
    Ok(left)
}

/// Adds the answers to a review that exists already (`record win` may
/// have started it): only the new entries and paragraphs are added.
fn amend(
    tx: &mut Transaction,
    file: &str,
    filled: &Filled,
    headings: &[(String, Vec<String>)],
    today: NaiveDate,
) -> Result<(), Error> {
    updates::bump_as_of(tx, file, today)?;
    let edit = tx.open(file)?;
    let root = YamlPath::root();
    for w in &filled.wins {
        edit.push(
            &root.at("wins"),
            &New::Map(vec![
                ("title".to_owned(), New::Scalar(yaml::text(w))),
                ("date".to_owned(), New::Scalar(today.to_string())),
            ]),
        )?;
    }
    for l in &filled.learnings {
        edit.push(&root.at("learnings"), &New::Scalar(yaml::text(l)))?;
    }
    for c in &filled.corrections {
        edit.push(&root.at("corrections"), &New::Scalar(yaml::text(c)))?;
    }
    if let Some(on_track) = &filled.on_track {
        edit.upsert(&root, "on_track", on_track, Place::Last)?;
    }
    for (id, level) in &filled.skills {
        if edit.has(&root.at("skills"))? {
            edit.upsert(&root.at("skills"), id, &level.to_string(), Place::Last)?;
        } else {
            edit.insert(
                &root,
                "skills",
                &New::Map(vec![(id.clone(), New::Scalar(level.to_string()))]),
                Place::Last,
            )?;
        }
    }
    for ((heading, _), answer) in headings.iter().zip(&filled.answers) {
        if let Some(answer) = answer {
            edit.append_to_section(heading, answer)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------ the terminal

/// The person stopped the review (end of input).
struct Stop;

struct Asker<R, W> {
    input: R,
    out: W,
    palette: Palette,
}

impl<R: BufRead, W: Write> Asker<R, W> {
    fn say(&mut self, text: &str) -> Result<(), Stop> {
        writeln!(self.out, "{text}").map_err(|_| Stop)
    }

    /// One line, trimmed; `Stop` at the end of input.
    fn ask(&mut self, prompt: &str) -> Result<String, Stop> {
        write!(self.out, "{prompt}")
            .and_then(|()| self.out.flush())
            .map_err(|_| Stop)?;
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => Err(Stop),
            Ok(_) => Ok(line.trim().to_owned()),
        }
    }

    /// Lines until an empty one, joined as a paragraph.
    fn paragraph(&mut self) -> Result<Option<String>, Stop> {
        let mut lines = Vec::new();
        loop {
            let line = self.ask("    > ")?;
            if line.is_empty() {
                break;
            }
            lines.push(line);
        }
        Ok((!lines.is_empty()).then(|| lines.join("\n")))
    }

    fn list(&mut self, question: &str) -> Result<Vec<String>, Stop> {
        self.say(&format!(
            "\n{} (one per line, an empty line ends the list)",
            self.palette.bold(question)
        ))?;
        let mut items = Vec::new();
        loop {
            let line = self.ask("    > ")?;
            if line.is_empty() {
                return Ok(items);
            }
            items.push(line);
        }
    }
}

fn interview<R: BufRead, W: Write>(
    asker: &mut Asker<R, W>,
    title: &str,
    progress: Option<&Progress>,
    tracked: &[Tracked],
    headings: &[(String, Vec<String>)],
    kind: DocKind,
) -> Result<Filled, Stop> {
    let mut filled = Filled::default();
    let bold = asker.palette.bold(title);
    asker.say(&format!("{bold}\n"))?;
    if let Some(p) = progress {
        standing(asker, p)?;
    }
    if !tracked.is_empty() {
        asker.say(&format!(
            "\n{} (Enter keeps the value shown)",
            asker.palette.bold("Current values")
        ))?;
    }
    for t in tracked {
        loop {
            let shown = if t.now.is_empty() { "-" } else { &t.now };
            let answer = asker.ask(&format!(
                "  {} [{}]: ",
                t.label,
                asker.palette.accent(shown)
            ))?;
            if answer.is_empty() || answer == t.now {
                break;
            }
            let checked = read_answer(t, &answer, &mut filled);
            match checked {
                Ok(()) => break,
                Err(err) => {
                    let mark = asker.palette.error("✗");
                    asker.say(&format!("    {mark} {err}"))?;
                }
            }
        }
    }
    for (heading, questions) in headings {
        asker.say(&format!(
            "\n{} (an empty line ends the answer)",
            asker.palette.bold(heading)
        ))?;
        for q in questions {
            asker.say(&format!("  - {q}"))?;
        }
        filled.answers.push(asker.paragraph()?);
    }
    filled.wins = asker.list("Wins and achievements")?;
    filled.learnings = asker.list("Learnings")?;
    filled.corrections = asker.list("Course corrections")?;
    let question = if kind == DocKind::MonthReview {
        "Working on the right things, on track for the year?"
    } else {
        "Still on track for the annual and multi-year goals?"
    };
    loop {
        let answer = asker.ask(&format!(
            "\n{} yes / partly / no [skip]: ",
            asker.palette.bold(question)
        ))?;
        match answer.to_lowercase().as_str() {
            "" => break,
            word @ ("yes" | "partly" | "no") => {
                filled.on_track = Some(word.to_owned());
                break;
            }
            _ => asker.say("    yes, partly or no")?,
        }
    }
    Ok(filled)
}

/// Reads one typed answer for `t` into `filled`.
fn read_answer(t: &Tracked, answer: &str, filled: &mut Filled) -> Result<(), Error> {
    match t.ask {
        Ask::Value => updates::parse_value(answer, t.unit.as_deref()).map(|_| {
            filled.values.push((t.id.clone(), answer.to_owned()));
        }),
        Ask::Count => updates::parse_count(answer).map(|_| {
            filled.values.push((t.id.clone(), answer.to_owned()));
        }),
        Ask::Skill => updates::parse_level(answer).map(|level| {
            filled.skills.push((t.id.clone(), level));
        }),
        Ask::Milestone => {
            if let Done::Yes(day) = done_answer(answer)? {
                filled.milestones.push((t.id.clone(), day));
            }
            Ok(())
        }
        Ask::Career => if matches!(t.id.as_str(), "revenue" | "base" | "total") {
            updates::parse_value(answer, t.unit.as_deref()).map(|_| ())
        } else {
            updates::parse_count(answer).map(|_| ())
        }
        .map(|()| filled.career.push((t.id.clone(), answer.to_owned()))),
    }
}

/// A milestone's answer.
enum Done {
    /// Done: on the day given, else on the review's day.
    Yes(Option<NaiveDate>),
    /// Not done: left as it is.
    No,
}

/// Reads `yes`/`done`/a day or `no`/`not done`.
fn done_answer(answer: &str) -> Result<Done, Error> {
    let word = answer.trim().to_lowercase();
    match word.as_str() {
        "yes" | "y" | "done" | "true" => Ok(Done::Yes(None)),
        "no" | "n" | "not done" | "false" => Ok(Done::No),
        other => other
            .parse::<NaiveDate>()
            .map(|d| Done::Yes(Some(d)))
            .map_err(|_| {
                Error::Usage(format!(
                    "`{answer}`: write yes (done), no, or the day it was done (2026-11-20)"
                ))
            }),
    }
}

fn standing<R: BufRead, W: Write>(asker: &mut Asker<R, W>, p: &Progress) -> Result<(), Stop> {
    let ahead: Vec<&str> = p
        .metrics
        .iter()
        .filter(|m| m.pace == progress::Pace::Ahead)
        .map(|m| m.name.as_str())
        .collect();
    if !ahead.is_empty() {
        let label = asker.palette.good("Ahead:");
        asker.say(&format!("{label} {}", ahead.join("; ")))?;
    }
    if p.behind.is_empty() {
        let label = asker.palette.good("Behind:");
        asker.say(&format!("{label} nothing"))?;
    } else {
        let label = asker.palette.warning("Behind:");
        asker.say(&label)?;
        for b in &p.behind {
            asker.say(&format!("  - {}", b.what))?;
        }
    }
    Ok(())
}

/// A yes/no question on the terminal; `default` on Enter, no at the end
/// of input.
fn confirm(question: &str, default: bool) -> bool {
    let hint = if default { "[Y/n]" } else { "[y/N]" };
    eprint!("{question} {hint} ");
    let _ = io::stderr().flush();
    let mut line = String::new();
    match io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => false,
        Ok(_) => match line.trim().to_lowercase().as_str() {
            "" => default,
            answer => answer.starts_with('y'),
        },
    }
}

// --------------------------------------------------------- --answers FILE

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersFile {
    #[serde(default)]
    values: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    skills: BTreeMap<String, i64>,
    #[serde(default)]
    milestones: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    career: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    answers: Option<SectionAnswers>,
    #[serde(default)]
    wins: Vec<String>,
    #[serde(default)]
    learnings: Vec<String>,
    #[serde(default)]
    corrections: Vec<String>,
    on_track: Option<String>,
    commit: Option<bool>,
    tag: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SectionAnswers {
    InOrder(Vec<Option<String>>),
    ByHeading(BTreeMap<String, String>),
}

/// The answers file's YAML, read with its errors at their line.
fn parse_answers(shown: &str, text: &str) -> Result<AnswersFile, Error> {
    if let Some((line, column)) = crate::load::nesting::too_deep(text) {
        return Err(Error::Usage(format!(
            "{shown}:{line}:{column}: nesting is too deep (more than {} levels); nothing was changed",
            crate::load::nesting::MAX_DEPTH
        )));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!("{}:{}: ", l.line(), l.column()))
            .unwrap_or_default();
        Error::Usage(format!("{shown}:{at}{e}; nothing was changed"))
    })
}

/// The answers file's `answers`, in order or by heading, as one answer
/// per section of the review; the error says what does not match.
fn section_answers(
    answers: Option<SectionAnswers>,
    headings: &[(String, Vec<String>)],
) -> Result<Vec<Option<String>>, String> {
    let mut out = vec![None; headings.len()];
    match answers {
        None => {}
        Some(SectionAnswers::InOrder(list)) => {
            if list.len() > headings.len() {
                return Err(format!(
                    "answers: {} answers for {} questions",
                    list.len(),
                    headings.len()
                ));
            }
            for (slot, answer) in out.iter_mut().zip(list) {
                *slot = answer
                    .map(|a| a.trim_end().to_owned())
                    .filter(|a| !a.is_empty());
            }
        }
        Some(SectionAnswers::ByHeading(map)) => {
            for (heading, answer) in map {
                let index = headings
                    .iter()
                    .position(|(h, _)| h.eq_ignore_ascii_case(heading.trim()))
                    .ok_or_else(|| {
                        let list: Vec<&str> = headings.iter().map(|(h, _)| h.as_str()).collect();
                        format!(
                            "answers: no question `{heading}` in this review (its headings: {})",
                            list.join("; ")
                        )
                    })?;
                out[index] = Some(answer.trim_end().to_owned());
            }
        }
    }
    Ok(out)
}

fn from_file(shown: &str, text: &str, headings: &[(String, Vec<String>)]) -> Result<Filled, Error> {
    let bad = |message: String| Error::Usage(format!("{shown}: {message}; nothing was changed"));
    let file = parse_answers(shown, text)?;
    let mut filled = Filled::default();
    for (id, value) in file.values {
        let value = match value {
            serde_yaml::Value::String(s) => s,
            serde_yaml::Value::Number(n) => n.to_string(),
            other => return Err(bad(format!("values.{id}: {other:?} is not a value"))),
        };
        // Read against the item's unit once the plan says what it is.
        filled.values.push((id, value));
    }
    for (id, answer) in file.milestones {
        let answer = match answer {
            serde_yaml::Value::Bool(true) => "yes".to_owned(),
            serde_yaml::Value::Bool(false) => "no".to_owned(),
            serde_yaml::Value::String(s) => s,
            other => {
                return Err(bad(format!(
                    "milestones.{id}: {other:?} is not yes, no or a day"
                )));
            }
        };
        if let Done::Yes(day) =
            done_answer(&answer).map_err(|e| bad(format!("milestones.{id}: {e}")))?
        {
            filled.milestones.push((id, day));
        }
    }
    for (field, value) in file.career {
        let value = match value {
            serde_yaml::Value::String(s) => s,
            serde_yaml::Value::Number(n) => n.to_string(),
            other => return Err(bad(format!("career.{field}: {other:?} is not a value"))),
        };
        match field.as_str() {
            "revenue" | "base" | "total" => updates::parse_value(&value, Some("USD")).map(|_| ()),
            "reports" => updates::parse_count(&value).map(|_| ()),
            _ => {
                return Err(bad(format!(
                    "career.{field}: the review records `revenue`, `reports`, `base` and `total`"
                )));
            }
        }
        .map_err(|e| bad(format!("career.{field}: {e}")))?;
        filled.career.push((field, value));
    }
    for (id, level) in file.skills {
        updates::parse_level(&level.to_string()).map_err(|e| bad(format!("skills.{id}: {e}")))?;
        filled.skills.push((id, level));
    }
    filled.answers = section_answers(file.answers, headings).map_err(bad)?;
    filled.wins = file.wins;
    filled.learnings = file.learnings;
    filled.corrections = file.corrections;
    if let Some(on_track) = &file.on_track
        && !["yes", "partly", "no"].contains(&on_track.as_str())
    {
        return Err(bad(format!(
            "on_track: `{on_track}`: write yes, partly or no"
        )));
    }
    filled.on_track = file.on_track;
    filled.commit = file.commit;
    filled.tag = file.tag;
    Ok(filled)
}
