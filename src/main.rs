use clap::Parser as _;

/// A history read makes and drops millions of small values on every
/// thread; mimalloc serves them faster than the system allocator (see the
/// README's design section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = roadmap::cli::Cli::try_parse().unwrap_or_else(|err| {
        // A point in time that is not one: say what this repository holds.
        if let Some(note) = roadmap::when::usage_note(&err) {
            let _ = err.print();
            eprintln!("note: {note}");
            std::process::exit(err.exit_code());
        }
        err.exit()
    });
    let code = match roadmap::cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let palette = roadmap::term::Palette::new(roadmap::term::ColorChoice::Auto, true);
            eprintln!("{}: {err}", palette.error("error"));
            if let Some(hint) = err.hint() {
                eprintln!("  {} {hint}", palette.dim("hint:"));
            }
            err.exit_code()
        }
    };
    std::process::exit(code);
}
