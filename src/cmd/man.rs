//! `roadmap man`: a manual page for roadmap and one for each command
//! (`roadmap-record-done.1`), made from the same clap definitions as
//! `--help`, so the pages never fall behind the flags.

use clap::CommandFactory as _;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;

use super::{Ctx, write_generated};

/// Every page: its file name and its roff text.
pub(super) fn pages() -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    let mut todo = vec![cmd];
    while let Some(cmd) = todo.pop() {
        todo.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let man = clap_mangen::Man::new(cmd.mut_args(aliases_said)).manual("roadmap manual");
        let mut text = Vec::new();
        man.render(&mut text)
            .map_err(|e| Error::io(man.get_filename(), e))?;
        out.push((man.get_filename(), text));
    }
    out.sort();
    Ok(out)
}

/// `clap_mangen` leaves an option's visible aliases out of the page: they are
/// said in its help (`--as-of`, also `--date`).
fn aliases_said(arg: clap::Arg) -> clap::Arg {
    let Some(aliases) = arg.get_visible_aliases().filter(|a| !a.is_empty()) else {
        return arg;
    };
    let also: Vec<String> = aliases.iter().map(|a| format!("--{a}")).collect();
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let help = format!("{help} Also {}.", also.join(", "));
    arg.help(help)
}

pub(super) fn run(ctx: &Ctx, args: &ManArgs) -> Result<i32, Error> {
    write_generated(ctx, &ctx.cwd.join(&args.out).join("man1"), pages()?)?;
    Ok(0)
}
