//! `roadmap completions SHELL`: the script that has the shell ask roadmap
//! for candidates at each TAB (see `complete`).

use crate::cli::Shell;
use crate::error::Error;

pub(super) fn run(shell: Shell) -> Result<i32, Error> {
    let mut script = Vec::new();
    crate::complete::register(shell, &mut script).map_err(|e| Error::io("stdout", e))?;
    super::emit(&String::from_utf8_lossy(&script))?;
    Ok(0)
}
