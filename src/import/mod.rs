//! `roadmap import`: metric readings and key-result values from the
//! exports of the tools that already hold them (a CRM's opportunity
//! report, a finance team's territory sheet), through a rules file.
//!
//! A sales manager's actuals live in Salesforce, `HubSpot` or a spreadsheet;
//! retyping them each month is where mistakes come from. The import reads
//! the export once, row by row ([`read`], so a file of any size takes the
//! same memory), keeps the rows the rules select, parses their dates and
//! amounts in the forms people export them ([`dates`], [`amounts`]), adds
//! them up per target and month ([`aggregate`]) and compares the result
//! with what the plan says ([`apply`]). Writing is the command's: through
//! the same surgical, journaled edits as `record`.

pub mod aggregate;
pub mod amounts;
pub mod apply;
pub mod dates;
pub mod read;
pub mod rules;
pub mod write;

pub use aggregate::{Outcome, Series, Skip, Target, TargetKind};
pub use apply::{Ledger, Reading, State};
pub use rules::Rules;
