//! Ctrl-C and termination signals, caught once for the whole process.
//!
//! A signal's default action ends the process wherever it is: inside
//! libgit2 between taking `index.lock` or `refs/heads/<branch>.lock` and
//! renaming it into place, that leaves a lock that stops every later git
//! command until someone deletes it by hand. So a command that commits,
//! tags or writes plan files runs those steps as [`critical`] sections: a
//! SIGINT, SIGTERM or SIGHUP that arrives during one is held until the step
//! is finished (libgit2 then has released every lock it took, on success
//! or failure alike), and only then acted on. Finishing is preferred to
//! undoing: the step is short (a commit writes a few objects and two
//! files), and a finished step leaves the repository in a state the user
//! asked for.
//!
//! The signals are caught with the `ctrlc` crate and its `termination`
//! feature (SIGINT, SIGTERM and SIGHUP on Unix; Ctrl-C and Ctrl-Break on
//! Windows), which runs the action on a thread of its own rather than in
//! the signal handler, so the action may take locks and print. A process
//! has one handler: commands set what a signal does with [`on_stop`], and
//! a critical section installs the default one (exit 130, as a shell
//! reports a process stopped by Ctrl-C) when the command set none.

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use crate::error::Error;

/// The exit code of a process stopped by a signal it caught.
pub(crate) const STOPPED: i32 = 130;

type Action = Box<dyn Fn() + Send + Sync>;

/// What a signal does now, and whether one waits for a critical section.
struct State {
    action: Option<Action>,
    critical: usize,
    pending: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    action: None,
    critical: 0,
    pending: false,
});

static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes `action` what a caught signal does from now on (outside a
/// critical section; inside one, once it ends). The action usually says
/// what was left and exits with [`STOPPED`].
pub(crate) fn on_stop(action: impl Fn() + Send + Sync + 'static) -> Result<(), Error> {
    state().action = Some(Box::new(action));
    install()
}

fn install() -> Result<(), Error> {
    INSTALLED
        .get_or_init(|| ctrlc::set_handler(caught).map_err(|e| e.to_string()))
        .clone()
        .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))
}

/// The handler's thread: act now, or once the critical section ends.
fn caught() {
    let mut state = state();
    if state.critical > 0 {
        state.pending = true;
        return;
    }
    act(&state);
}

fn act(state: &MutexGuard<'static, State>) {
    match &state.action {
        Some(action) => {
            // The action may exit; it runs with the state still held so a
            // second signal waits for it instead of racing it.
            action();
        }
        None => std::process::exit(STOPPED),
    }
}

/// Runs `step` to its end even when a signal arrives meanwhile; the signal
/// is acted on once no critical section is running any more.
pub(crate) fn critical<T>(step: impl FnOnce() -> T) -> T {
    // A failure to install leaves the default action: no worse than before.
    let _ = install();
    state().critical += 1;
    let result = step();
    let mut state = state();
    state.critical -= 1;
    if state.critical == 0 && state.pending {
        state.pending = false;
        act(&state);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_critical_step_returns_its_result() {
        assert_eq!(critical(|| critical(|| 7)), 7);
    }
}
