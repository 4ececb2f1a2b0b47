//! `roadmap import` of a 100,000-row opportunity export (a Salesforce
//! report: quoted fields, US dates, `$` amounts), timed as whole
//! processes: start-up, the plan, reading and adding up every row, the
//! comparison with the plan. The target is a median under one second.
//!
//! `cargo bench --bench import` runs it in full. Without `--bench` (as
//! under `cargo test --benches`) it runs once on 2,000 rows, as a smoke
//! test of the benchmark itself.

#[allow(dead_code)]
mod support;

use std::error::Error;
use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use support::Scratch;

const WARM_UP: usize = 2;
const TODAY: &str = "2026-12-05";
const STAGES: [&str; 4] = ["Closed Won", "Closed Lost", "Negotiation", "Closed Won"];

const RULES: &str = "\
date: {column: Close Date}
key: Opportunity ID
where: {Stage: Closed Won}
unless: {Type: Renewal}
into:
  - {id: new-business, amount: Amount, aggregate: ytd}
  - {id: 26q4-new-business, amount: Amount, aggregate: sum}
";

fn main() -> ExitCode {
    support::exit("import", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let (rows, runs) = if full { (100_000, 15) } else { (2_000, 1) };
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap"));
    let scratch = Scratch::new("import")?;
    let repo = scratch.path().join("repo");
    support::demo(bin, &repo, &[("ROADMAP_TODAY", TODAY)])?;
    let export = scratch.path().join("opportunities.csv");
    let bytes = write_export(&export, rows)?;
    let rules = scratch.path().join("rules.yaml");
    fs::write(&rules, RULES)?;

    let mut times = Vec::with_capacity(runs);
    for run in 0..WARM_UP + runs {
        let started = Instant::now();
        let output = Command::new(bin)
            .arg("-C")
            .arg(&repo)
            .args(["--color", "never", "import"])
            .arg(&export)
            .arg("--rules")
            .arg(&rules)
            .arg("--dry-run")
            .env("ROADMAP_TODAY", TODAY)
            .output()?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            return Err(format!(
                "`roadmap import` failed: {}\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        // Every opportunity, and the totals line below them.
        if !stdout.contains(&format!("{} rows", rows + 1)) {
            return Err(format!("the import did not read every row:\n{stdout}").into());
        }
        if run >= WARM_UP {
            times.push(elapsed);
        }
    }
    times.sort();
    println!(
        "import, {rows} opportunities ({:.1} MB): {}",
        bytes as f64 / 1_048_576.0,
        support::spread(&times, "runs"),
    );
    Ok(())
}

/// A Salesforce-style report: title lines, a quoted header and rows, CRLF,
/// a BOM, a totals footer; close dates from January to November 2026.
fn write_export(path: &Path, rows: usize) -> Result<u64, Box<dyn Error>> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    out.write_all("\u{feff}\"Opportunities - all 2026\"\r\n\r\n".as_bytes())?;
    out.write_all(b"\"Opportunity ID\",\"Opportunity Name\",\"Account Name\",\"Type\",\"Stage\",\"Close Date\",\"Amount\"\r\n")?;
    let mut state = 2026u64;
    for i in 0..rows {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let r = state >> 33;
        let month = r % 11 + 1;
        let day = r % 28 + 1;
        let cents = r % 25_000_000 + 100_000;
        let kind = if r.is_multiple_of(5) {
            "Renewal"
        } else {
            "New Business"
        };
        let stage = STAGES[(r % 4) as usize];
        write!(
            out,
            "\"0068c{i:010}\",\"Account {} - Deal {i}\",\"Account {}, Inc.\",\"{kind}\",\"{stage}\",\"{month}/{day}/2026\",\"${},{:03}.{:02}\"\r\n",
            r % 4000,
            r % 4000,
            cents / 100_000,
            cents / 100 % 1000,
            cents % 100,
        )?;
    }
    write!(out, "\r\n\"Grand Totals ({rows} records)\"\r\n")?;
    out.flush()?;
    Ok(fs::metadata(path)?.len())
}
