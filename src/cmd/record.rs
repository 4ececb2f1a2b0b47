//! `roadmap record`.

use super::Ctx;
use crate::cli::RecordArgs;
use crate::error::Error;

pub fn run(_ctx: &Ctx, _args: &RecordArgs) -> Result<i32, Error> {
    Err(Error::Usage(
        "`roadmap record` is not available in this build yet".into(),
    ))
}
