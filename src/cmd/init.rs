//! `roadmap init`.

use crate::cli::InitArgs;
use crate::error::Error;

use super::Ctx;

pub fn run(_ctx: &Ctx, _args: &InitArgs) -> Result<i32, Error> {
    Err(Error::Usage("init is being written".to_owned()))
}
