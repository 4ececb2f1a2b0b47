//! Colour on terminals, plain text elsewhere: `--color auto|always|never`,
//! `NO_COLOR` (no-color.org) and `CLICOLOR_FORCE`/`CLICOLOR` (the
//! clicolors convention) decide once, and every printer asks the palette.
//! The width a printer fits its lines to is decided here too.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar as _;
use unicode_width::UnicodeWidthStr as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// Colour for stdout (or stderr when `stderr` is set) under `choice`.
    pub fn new(choice: ColorChoice, stderr: bool) -> Self {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let tty = if stderr {
                    std::io::stderr().is_terminal()
                } else {
                    std::io::stdout().is_terminal()
                };
                auto_color(tty, |name| std::env::var_os(name))
            }
        };
        Palette { enabled }
    }

    pub fn plain() -> Self {
        Palette { enabled: false }
    }

    pub fn enabled(self) -> bool {
        self.enabled
    }

    fn paint(self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    pub fn error(self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), text)
    }

    pub fn warning(self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default().bold(), text)
    }

    pub fn good(self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default().bold(), text)
    }

    pub fn accent(self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default(), text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }
}

/// The width stdout's lines are fitted to: `COLUMNS` when it is set to a
/// number, else the terminal's when stdout is one, else 80 (a pipe, a
/// file). Never less than [`MIN_WIDTH`].
pub fn width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
    };
    columns
        .or_else(terminal)
        .unwrap_or(PIPE_WIDTH)
        .max(MIN_WIDTH)
}

/// The width of output that goes to no terminal.
pub const PIPE_WIDTH: usize = 80;
/// Below this, lines are laid out as if it were this wide.
pub const MIN_WIDTH: usize = 40;

/// How many columns `text` takes on a terminal (wide characters take two).
pub fn columns(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `width` columns, ending in `…` when it was cut;
/// cut between characters, never inside one.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let Some(room) = width.checked_sub(1) else {
        return String::new();
    };
    let mut out = String::with_capacity(width + 3);
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// `text` fitted to `width` columns and padded with spaces to them.
pub fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let missing = width.saturating_sub(text.width());
    text + &" ".repeat(missing)
}

/// `text` right-aligned in `width` columns (numbers are not cut).
pub fn pad_left(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(text.width());
    " ".repeat(missing) + text
}

/// `text` broken into lines of at most `width` columns between words; a
/// word longer than a line is cut with `…`.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        if w > width {
            line.push_str(&fit(word, width));
            used = width;
        } else {
            line.push_str(word);
            used += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether `--color auto` colours a stream (`tty` when it is a terminal),
/// under the environment `var` reads. `NO_COLOR` set and not empty turns
/// colour off whatever else is set (no-color.org); `CLICOLOR_FORCE` set and
/// not `0` turns it on even when the stream is not a terminal, and
/// `CLICOLOR=0` off on one (the clicolors convention).
fn auto_color(tty: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    tty && set("CLICOLOR").is_none_or(|v| v != "0")
}

#[cfg(test)]
mod tests {
    use super::{auto_color, columns, fit, pad, wrap};

    #[test]
    fn fitted_text_ends_in_an_ellipsis_between_characters() {
        assert_eq!(fit("Territory revenue", 20), "Territory revenue");
        assert_eq!(fit("Territory revenue", 10), "Territory…");
        assert_eq!(fit("Territory revenue", 11), "Territory…");
        assert_eq!(fit("Zürich café", 7), "Zürich…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(columns(&fit("日本語のテキスト", 7)), 7);
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn wrapped_text_breaks_between_words() {
        assert_eq!(
            wrap("260 h over 520 check-ins toward Strategic Thinking", 20),
            ["260 h over 520", "check-ins toward", "Strategic Thinking"]
        );
        assert_eq!(wrap("a verylongword", 6), ["a", "veryl…"]);
        assert_eq!(wrap("", 6), [""]);
    }

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<std::ffi::OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.into())
    }

    #[test]
    fn clicolor_force_colours_a_pipe_and_no_color_wins_over_it() {
        assert!(auto_color(true, with(&[])));
        assert!(!auto_color(false, with(&[])));
        assert!(auto_color(false, with(&[("CLICOLOR_FORCE", "1")])));
        assert!(!auto_color(false, with(&[("CLICOLOR_FORCE", "0")])));
        assert!(!auto_color(
            false,
            with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
        assert!(!auto_color(true, with(&[("NO_COLOR", "1")])));
        assert!(auto_color(true, with(&[("NO_COLOR", "")])));
        assert!(!auto_color(true, with(&[("CLICOLOR", "0")])));
        assert!(auto_color(
            true,
            with(&[("CLICOLOR", "0"), ("CLICOLOR_FORCE", "1")])
        ));
    }
}
