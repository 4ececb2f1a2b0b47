//! `roadmap watch`.

use super::Ctx;
use crate::cli::WatchArgs;
use crate::error::Error;

pub fn run(_ctx: &Ctx, _args: &WatchArgs) -> Result<i32, Error> {
    Err(Error::Usage(
        "`roadmap watch` is not available in this build yet".into(),
    ))
}
