use clap::Parser;

fn main() {
    // libgit2 keeps up to 256 MB of parsed objects by default. A history
    // read visits each tree and blob once or twice, in order, so the cache
    // mostly holds what is not asked for again; without it a long team
    // history reads as fast and in a fraction of the memory.
    git2::opts::enable_caching(false);
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
