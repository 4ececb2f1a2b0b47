use clap::Parser;

/// A history read makes and drops millions of small values on every
/// thread; mimalloc serves them faster than the system allocator (see the
/// README's design section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = roadmap::cli::Cli::parse();
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
