//! `roadmap completions SHELL`.

use clap::CommandFactory;
use clap_complete::{Shell as Target, generate};

use crate::cli::{Cli, Shell};
use crate::error::Error;

pub fn run(shell: Shell) -> Result<i32, Error> {
    let target = match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
    };
    generate(
        target,
        &mut Cli::command(),
        "roadmap",
        &mut std::io::stdout(),
    );
    Ok(0)
}
