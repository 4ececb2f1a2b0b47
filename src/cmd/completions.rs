//! `roadmap completions SHELL`.

use clap::CommandFactory;
use clap_complete::{Shell as Target, generate};

use crate::cli::{Cli, Shell};

pub fn run(shell: Shell) -> i32 {
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
    0
}
