use clap::Parser as _;

/// A history read makes and drops millions of small values on every
/// thread; mimalloc serves them faster than the system allocator (see
/// `docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // SAFETY: first in `main`, before any other thread is started.
    #[allow(unsafe_code)]
    unsafe {
        roadmap::bound_pack_maps();
    }
    // Before anything else: a TAB in the shell asks for candidates only.
    roadmap::complete::respond_if_asked();
    internal_errors_exit_with_their_code();
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

/// A panic is a fault of roadmap's own: it is said as one, with the
/// internal kind's hint and exit code, whichever thread it happens on.
fn internal_errors_exit_with_their_code() {
    let kind = roadmap::error::Kind::Internal;
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("error: roadmap panicked, a fault of its own: {info}");
        if let Some(hint) = kind.hint() {
            eprintln!("  hint: {hint}");
        }
        std::process::exit(kind.exit_code());
    }));
}
