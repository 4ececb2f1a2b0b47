//! `roadmap new`.

use super::Ctx;
use crate::cli::NewArgs;
use crate::error::Error;

pub fn run(_ctx: &Ctx, _args: &NewArgs) -> Result<i32, Error> {
    Err(Error::Usage(
        "`roadmap new` is not available in this build yet".into(),
    ))
}
