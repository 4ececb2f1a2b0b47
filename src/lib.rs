//! `roadmap`: a ten-year career plan kept as plain text in a git repository.
//!
//! The plan flows one way: [`load`] reads a snapshot of `plans/` into the
//! [`model`], [`validate`] checks it, and the commands under [`cmd`] print
//! or write the results. [`git`] is the only module that talks to git.

mod career;
pub mod cli;
pub mod cmd;
pub mod complete;
mod demo;
mod diag;
mod diff;
mod edit;
pub mod error;
mod git;
pub mod history;
mod hooks;
pub mod import;
mod item;
mod journal;
mod json;
pub mod layout;
mod link;
pub mod load;
mod locate;
mod model;
mod person;
mod plan_gen;
mod planning;
mod progress;
mod render;
pub mod report;
mod schema;
mod serve;
mod signals;
mod stale;
mod state;
mod team;
pub mod term;
mod updates;
mod validate;
pub mod value;
mod watch;
pub mod when;
mod working;
mod yaml;

pub use error::Error;
pub use git::bound_pack_maps;

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
