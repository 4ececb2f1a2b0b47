//! Completions of the plan's own words, in the real shells: the script
//! `roadmap completions SHELL` prints is sourced in bash, zsh, fish and
//! elvish, a TAB is simulated in the demo repository, and the candidates
//! must be the demo's ids, periods and tags, never file names. The man
//! pages are rendered by groff and man.
//!
//! The shells come from Debian: bash, zsh, fish, elvish, groff, man-db and
//! bsdutils (`script`, for elvish's pty). PowerShell is in no Debian
//! registry: its script is checked as text, and the protocol it speaks is
//! driven directly.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{DEMO_TODAY, Test, tool};

/// A file name in the repository that `terr` would match, were file names
/// offered.
const DECOY: &str = "territory-notes.txt";

/// The demo repository with a decoy file at its root.
fn demo() -> Test {
    Test::demo().file(DECOY, "not a plan word\n")
}

/// Fails, saying what to install, when `program` is missing.
fn require(program: &str, package: &str) {
    tool(program, &format!("apt-get install -y {package}"));
}

/// The registration script for `shell`, written beside the repository.
fn script(test: &Test, shell: &str) -> PathBuf {
    let out = test.roadmap(&["completions", shell]).run();
    let path = test.outside().join(format!("roadmap.{shell}"));
    std::fs::write(&path, &out.stdout).expect("write the script");
    path
}

/// Runs `program args` in the repository with the test's environment and
/// returns its stdout; stderr must be empty (a TAB prints nothing else).
fn shell(test: &Test, program: &str, args: &[&str]) -> String {
    let out = test
        .command(program)
        .args(args)
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .env_remove("COMPLETE")
        .env("TERM", "dumb")
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{program} failed: {stderr}");
    assert!(
        stderr.trim().is_empty(),
        "{program} printed on stderr: {stderr}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The cases every shell must complete: the words typed (the last one
/// being completed, empty after a space), candidates that must be offered,
/// and the decoy that must not.
const CASES: [(&[&str], &[&str]); 5] = [
    (&["record", "terr"], &["territory-revenue"]),
    (&["progress", "terr"], &["territory-revenue"]),
    (
        &["record", "checkin", ""],
        &["strategic-thinking-time", "weekly-review"],
    ),
    (
        &["status", "--at", ""],
        &["review/2026-Q3", "2026-Q4", "2025"],
    ),
    (&["diff", "--periods", ""], &["2026-Q1", "2025-Q4", "2026"]),
];

fn check(shell: &str, words: &[&str], offered: &[String], wanted: &[&str]) {
    for want in wanted {
        assert!(
            offered.iter().any(|o| o == want),
            "{shell}: `roadmap {}` + TAB offered {offered:?}, not `{want}`",
            words.join(" ")
        );
    }
    assert!(
        !offered.iter().any(|o| o.contains(DECOY) || o == "plans/"),
        "{shell}: `roadmap {}` + TAB offered file names: {offered:?}",
        words.join(" ")
    );
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_tab_offers_the_plans_ids_periods_and_tags_not_file_names() {
    require("bash", "bash");
    let test = demo();
    let script = script(&test, "bash");
    for (words, wanted) in CASES {
        let mut all = vec!["roadmap"];
        all.extend(words);
        let quoted: Vec<String> = all.iter().map(|w| format!("'{w}'")).collect();
        let cword = all.len() - 1;
        let driver = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\nCOMP_TYPE=9\n\
             _clap_complete_roadmap roadmap \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            script.display(),
            quoted.join(" "),
        );
        let out = shell(&test, "bash", &["--norc", "--noprofile", "-c", &driver]);
        check("bash", words, &lines(&out), wanted);
    }
}

#[test]
fn zsh_tab_offers_the_plans_ids_periods_and_tags_not_file_names() {
    require("zsh", "zsh");
    let test = demo();
    let script = script(&test, "zsh");
    let dump = test.outside().join("zcompdump");
    for (words, wanted) in CASES {
        let mut all = vec!["roadmap"];
        all.extend(words);
        let quoted: Vec<String> = all.iter().map(|w| format!("'{w}'")).collect();
        // The real compinit and script; `_describe`, which only works inside
        // a completion widget, is replaced by one that prints what it is
        // handed, the candidates the widget would show.
        let driver = format!(
            "autoload -U compinit && compinit -u -d '{}'\nsource '{}'\n\
             _describe() {{ shift 2; print -rl -- \"${{(@P)1}}\" }}\n\
             words=({})\nCURRENT={}\n_clap_dynamic_completer_roadmap\n",
            dump.display(),
            script.display(),
            quoted.join(" "),
            all.len(),
        );
        let out = shell(&test, "zsh", &["-f", "-c", &driver]);
        let offered: Vec<String> = out
            .lines()
            .map(|l| l.split(':').next().unwrap_or_default().to_owned())
            .collect();
        check("zsh", words, &offered, wanted);
    }
}

/// Installed in `$fpath` (README), the file is autoloaded as `_roadmap` at
/// the first TAB, which must complete, not only register the completer.
#[test]
fn zsh_first_tab_completes_when_the_script_is_in_fpath() {
    require("zsh", "zsh");
    let test = demo();
    let script = script(&test, "zsh");
    let fpath = test.outside().join("zfunc");
    std::fs::create_dir_all(&fpath).expect("make the fpath folder");
    std::fs::copy(&script, fpath.join("_roadmap")).expect("install _roadmap");
    let driver = format!(
        "fpath=('{}' $fpath)\nautoload -U compinit && compinit -u -d '{}'\n\
         _describe() {{ shift 2; print -rl -- \"${{(@P)1}}\" }}\n\
         words=(roadmap record terr)\nCURRENT=3\n${{_comps[roadmap]}}\n",
        fpath.display(),
        test.outside().join("zcompdump").display(),
    );
    let out = shell(&test, "zsh", &["-f", "-c", &driver]);
    assert_eq!(out.trim(), "territory-revenue:metric");
}

#[test]
fn fish_tab_offers_the_plans_ids_periods_and_tags_not_file_names() {
    require("fish", "fish");
    let test = demo();
    let script = script(&test, "fish");
    for (words, wanted) in CASES {
        let line = format!("roadmap {}", words.join(" "));
        let driver = format!("source '{}'; complete -C '{line}'", script.display());
        let out = shell(&test, "fish", &["--no-config", "-c", &driver]);
        check("fish", words, &lines(&out), wanted);
    }
}

#[test]
fn elvish_completions_are_printed_and_complete_the_plans_words() {
    require("elvish", "elvish");
    require("script", "bsdutils");
    let test = demo();
    let script = script(&test, "elvish");
    // elvish's editor, and with it `edit:completion:arg-completer`, exists
    // only on a terminal: the session runs in the pty of `script`.
    let mut session = format!("eval (slurp < '{}')\n", script.display());
    for (n, (words, _)) in CASES.iter().enumerate() {
        let args: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let _ = writeln!(
            session,
            "echo '<'{n}'<'(str:join ' ' [($edit:completion:arg-completer[roadmap] roadmap {})])'>>'",
            args.join(" ")
        );
    }
    session.push_str("exit\n");
    let out = test
        .terminal("elvish -norc -i")
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .env("TERM", "dumb")
        .typed(session)
        .run();
    let text = String::from_utf8_lossy(&out.stdout);
    for (n, (words, wanted)) in CASES.iter().enumerate() {
        let open = format!("<{n}<");
        let offered: Vec<String> = text
            .split(open.as_str())
            .skip(1)
            .filter_map(|rest| rest.split_once(">>").map(|(inside, _)| inside))
            .find(|inside| !inside.contains('\''))
            .unwrap_or_else(|| panic!("elvish gave no answer for case {n}: {text}"))
            .split(' ')
            .map(str::to_owned)
            .collect();
        check("elvish", words, &offered, wanted);
    }
}

/// pwsh is in no Debian registry: the script is checked as text, and the
/// request it makes (`COMPLETE=powershell roadmap -- WORDS`) is made here.
#[test]
fn powershell_completions_are_printed_and_answer_with_the_plans_words() {
    let test = demo();
    let out = test.roadmap(&["completions", "powershell"]).run();
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "Register-ArgumentCompleter -Native -CommandName roadmap",
        "$env:COMPLETE = \"powershell\"",
        super::support::BIN,
        " -- $args",
    ] {
        assert!(text.contains(part), "no `{part}` in:\n{text}");
    }
    for (words, wanted) in CASES {
        let mut args = vec!["--", "roadmap"];
        args.extend(words);
        let out = test
            .roadmap(&args)
            .env("COMPLETE", "powershell")
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .run();
        check(
            "powershell",
            words,
            &lines(&String::from_utf8_lossy(&out.stdout)),
            wanted,
        );
    }
}

/// What `COMPLETE=fish roadmap -- WORDS` offers, from `dir`.
fn offered(test: &Test, dir: &Path, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "roadmap"];
    args.extend(words);
    let out = test
        .roadmap(&args)
        .current_dir(dir)
        .env("COMPLETE", "fish")
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .stdout_contains("")
        .run();
    assert!(out.stderr.is_empty(), "a TAB printed on stderr");
    lines(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn record_done_offers_what_can_be_done_and_record_what_takes_a_value() {
    let test = Test::demo();
    let root = test.path("");
    let done = offered(&test, &root, &["record", "done", "26q4"]);
    assert!(done.iter().any(|o| o == "26q4-close-gap"), "{done:?}");
    let done = offered(&test, &root, &["record", "done", ""]);
    assert!(!done.iter().any(|o| o == "territory-revenue"), "{done:?}");
    let value = offered(&test, &root, &["record", ""]);
    assert!(value.iter().any(|o| o == "territory-revenue"), "{value:?}");
    assert!(value.iter().any(|o| o == "checkin"), "{value:?}");
    assert!(!value.iter().any(|o| o == "weekly-review"), "{value:?}");
    // -C is honoured: the plan of the folder the command would run in.
    let away = offered(&test, test.outside(), &["-C", "repo", "progress", "terr"]);
    assert_eq!(away, ["territory-revenue"]);
    let review = offered(&test, &root, &["review", ""]);
    assert!(review.iter().any(|o| o == "2026-11"), "{review:?}");
    let new = offered(&test, &root, &["new", "quarter", ""]);
    assert!(new.iter().any(|o| o == "2027-Q1"), "{new:?}");
}

#[test]
fn person_completes_the_people_of_a_team_repository() {
    let test = Test::new()
        .tree(&super::support::minimal_plans(), "plans/dana")
        .tree(&super::support::minimal_plans(), "plans/lee");
    let root = test.path("");
    let people = offered(&test, &root, &["record", "--person", ""]);
    assert_eq!(people, ["dana", "lee"]);
    let people = offered(&test, &root, &["new", "year", "--person", "l"]);
    assert_eq!(people, ["lee"]);
}

#[test]
fn tab_outside_a_plan_offers_nothing_and_prints_nothing() {
    let test = Test::new();
    let out = test
        .roadmap(&["--", "roadmap", "record", "terr"])
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .run();
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    // A broken plan file: still nothing on stderr, the rest still offered.
    let test = Test::demo().file("plans/habits.yaml", "habits: [\n");
    let root = test.path("");
    assert!(
        offered(&test, &root, &["record", "checkin", ""])
            .iter()
            .all(|o| o.starts_with('-'))
    );
    assert_eq!(
        offered(&test, &root, &["record", "terr"]),
        ["territory-revenue"]
    );
}

#[test]
fn man_pages_render_without_warnings_and_name_every_option() {
    require("groff", "groff");
    require("man", "man-db");
    let test = Test::new();
    test.roadmap(&["man", "--out", "share/man"]).run();
    let dir = test.path("share/man/man1");
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("man1 written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in [
        "roadmap.1",
        "roadmap-check.1",
        "roadmap-record.1",
        "roadmap-record-done.1",
        "roadmap-record-checkin.1",
        "roadmap-diff.1",
        "roadmap-hooks-install.1",
        "roadmap-completions.1",
        "roadmap-man.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "no {page} in {pages:?}");
    }
    for page in &pages {
        let path = dir.join(page);
        let groff = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("run groff");
        let warnings = String::from_utf8_lossy(&groff.stderr);
        assert!(
            groff.status.success() && warnings.is_empty(),
            "{page}: {warnings}"
        );
        let shown = Command::new("man")
            .args(["-E", "ascii", "--nh", "--nj", "-l"])
            .arg(&path)
            .env("MANWIDTH", "250")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .expect("run man");
        assert!(shown.status.success(), "man -l {page} failed");
        let shown = String::from_utf8_lossy(&shown.stdout).replace('\u{8}', "");
        // Every option `--help` names, the page names.
        let words: Vec<&str> = page.trim_end_matches(".1").split('-').skip(1).collect();
        let mut args = words.clone();
        args.push("--help");
        let help = test.roadmap(&args).run();
        let help = String::from_utf8_lossy(&help.stdout);
        for option in help
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
            .flat_map(|l| l.split([' ', ',', '=']))
            .filter(|w| w.starts_with("--") && w.len() > 2)
        {
            let option = option.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            assert!(
                shown.contains(option),
                "{page} does not name {option}:\n{shown}"
            );
        }
    }
}
