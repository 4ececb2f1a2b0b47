//! `roadmap`: a ten-year career plan kept as plain text in a git repository.
//!
//! The plan flows one way: [`load`] reads a snapshot of `plans/` into the
//! [`model`], [`validate`] checks it, and the commands under [`cmd`] print
//! or write the results. [`git`] is the only module that talks to git.

pub mod career;
pub mod cli;
pub mod cmd;
pub mod complete;
pub mod demo;
pub mod diag;
pub mod diff;
pub mod edit;
pub mod error;
pub mod git;
pub mod history;
pub mod hooks;
pub mod import;
pub mod item;
pub mod journal;
pub mod json;
pub mod layout;
pub mod link;
pub mod load;
pub mod locate;
pub mod model;
pub mod person;
pub mod plan_gen;
pub mod planning;
pub mod progress;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod signals;
pub mod stale;
pub mod state;
pub mod team;
pub mod term;
pub mod updates;
pub mod validate;
pub mod value;
pub mod watch;
pub mod when;
pub mod working;
pub mod yaml;

pub use error::Error;

/// Every diagnostic of a snapshot: the loader's and every plan's rules.
pub fn check_snapshot(snapshot: &load::Snapshot) -> Vec<diag::Diagnostic> {
    let findings = snapshot
        .plans
        .iter()
        .flat_map(validate::validate)
        .chain(validate::no_plan(snapshot))
        .chain(team::validate(snapshot))
        .collect();
    snapshot.diagnostics(findings)
}
