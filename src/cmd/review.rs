//! `roadmap review`.

use super::Ctx;
use crate::cli::ReviewArgs;
use crate::error::Error;

pub fn run(_ctx: &Ctx, _args: &ReviewArgs) -> Result<i32, Error> {
    Err(Error::Usage(
        "`roadmap review` is not available in this build yet".into(),
    ))
}
