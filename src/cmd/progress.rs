//! `roadmap progress`: the time series behind the status.

use std::io::Write as _;

use serde::Serialize;

use crate::cli::{ProgressArgs, SeriesFormat};
use crate::error::Error;
use crate::history::{self, Observation, Val};

use super::Ctx;

#[derive(Serialize)]
struct Row<'a> {
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
    id: &'a str,
    kind: &'static str,
    field: &'a str,
    value: String,
    target: String,
    commit: &'a str,
}

impl<'a> Row<'a> {
    fn from(o: &'a Observation) -> Self {
        Row {
            date: o.date.to_string(),
            person: o.person.as_deref(),
            id: &o.id,
            kind: o.kind.as_str(),
            field: &o.field,
            value: match &o.value {
                Val::Num(n) => n.to_string(),
                Val::Text(t) => t.clone(),
            },
            target: o.target.map(|t| t.to_string()).unwrap_or_default(),
            commit: o.commit.as_deref().unwrap_or("uncommitted"),
        }
    }
}

pub fn run(ctx: &Ctx, args: &ProgressArgs) -> Result<i32, Error> {
    let options = history::Options {
        rev: args.rev.clone(),
        committed: args.committed,
        today: None,
        no_cache: false,
    };
    let history = history::read(&ctx.cwd, &options)?;
    let rows: Vec<&Observation> = history
        .observations
        .iter()
        .filter(|o| args.ids.is_empty() || args.ids.iter().any(|id| **id == *o.id))
        .filter(|o| args.since.is_none_or(|d| o.date >= d.0))
        .filter(|o| args.until.is_none_or(|d| o.date <= d.0))
        .collect();
    let unknown: Vec<&String> = args
        .ids
        .iter()
        .filter(|id| !history.observations.iter().any(|o| *o.id == ***id))
        .collect();
    if !unknown.is_empty() && !ctx.quiet {
        let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
        eprintln!(
            "{} no observations of {}",
            ctx.stderr().warning("warning:"),
            names.join(", ")
        );
    }
    for warning in &history.warnings {
        if !ctx.quiet {
            eprintln!("{} {warning}", ctx.stderr().warning("warning:"));
        }
    }
    if history.shallow && !ctx.quiet {
        eprintln!("note: shallow clone: history starts at the shallow boundary");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written: std::io::Result<()> = match args.format {
        SeriesFormat::Json => {
            let rows: Vec<Row> = rows.into_iter().map(Row::from).collect();
            serde_json::to_writer_pretty(&mut out, &rows)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
        SeriesFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            rows.into_iter()
                .try_for_each(|o| writer.serialize(Row::from(o)))
                .map_err(std::io::Error::other)
                .and_then(|()| writer.flush())
        }
        SeriesFormat::Text => rows.into_iter().try_for_each(|o| {
            let row = Row::from(o);
            let commit = match o.commit {
                Some(_) => &row.commit[..row.commit.len().min(10)],
                None => row.commit,
            };
            writeln!(
                out,
                "{}  {:<28} {:<16} {:<10} {:>12} {:>12}  {commit}",
                row.date, row.id, row.kind, row.field, row.value, row.target
            )
        }),
    };
    match written {
        Ok(()) => Ok(0),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(err) => Err(Error::io("stdout", err)),
    }
}
