//! `roadmap report`.

use super::Ctx;
use crate::cli::ReportArgs;
use crate::error::Error;

pub fn run(_ctx: &Ctx, _args: &ReportArgs) -> Result<i32, Error> {
    Err(Error::Usage(
        "`roadmap report` is not available in this build yet".into(),
    ))
}
