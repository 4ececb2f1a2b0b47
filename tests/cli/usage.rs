//! The command line itself: help and completions list every command, its
//! options and the subcommands of `record` and `hooks`.

use super::support::Test;

/// `(command, one of its own options)`, one for each command with options.
const OPTIONS: [(&str, &str); 11] = [
    ("check", "strict"),
    ("status", "at"),
    ("progress", "committed"),
    ("record", "as-of"),
    ("review", "answers"),
    ("new", "print"),
    ("diff", "exit-code"),
    ("schema", "out"),
    ("init", "example"),
    ("report", "context"),
    ("watch", "poll"),
];

/// What the shell is offered at TAB after `words` (the completion script
/// asks `COMPLETE=SHELL roadmap -- WORDS`).
fn offered(test: &Test, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "roadmap"];
    args.extend(words);
    let output = test.roadmap(&args).env("COMPLETE", "fish").run();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn completions_offer_each_commands_options() {
    let test = Test::new();
    for (command, option) in OPTIONS {
        let flag = format!("--{option}");
        let offered = offered(&test, &[command, "--"]);
        assert!(
            offered.contains(&flag),
            "no {flag} for {command}: {offered:?}"
        );
    }
}

#[test]
fn completions_reach_the_subcommands_of_record_and_hooks() {
    let test = Test::new();
    for (command, sub) in [
        ("record", "done"),
        ("record", "checkin"),
        ("record", "win"),
        ("record", "learning"),
        ("hooks", "install"),
        ("hooks", "uninstall"),
        ("hooks", "status"),
    ] {
        for words in [&[command, ""][..], &["help", command, ""][..]] {
            let offered = offered(&test, words);
            assert!(
                offered.iter().any(|o| o == sub),
                "`roadmap {}` offers no {sub}: {offered:?}",
                words.join(" ")
            );
        }
    }
    let offered = offered(&test, &["record", "checkin", "--"]);
    assert!(offered.iter().any(|o| o == "--missed"), "{offered:?}");
}

#[test]
fn each_command_has_its_own_help() {
    let test = Test::new();
    for (command, option) in OPTIONS {
        test.roadmap(&[command, "--help"])
            .stdout_contains(&format!("--{option}"))
            .stdout_contains("-C <DIR>")
            .run();
    }
    test.roadmap(&["help", "hooks"])
        .stdout_contains("uninstall")
        .stdout_contains("core.hooksPath")
        .run();
    test.roadmap(&["help", "record", "checkin"])
        .stdout_contains("--missed")
        .run();
}

#[test]
fn a_command_missing_its_arguments_is_a_usage_error() {
    let test = Test::new();
    test.roadmap(&["hooks"]).status(2).run();
    test.roadmap(&["record"])
        .status(2)
        .stderr_contains("<ID>")
        .run();
    test.roadmap(&["progress", "--bogus"])
        .status(2)
        .stderr_contains("--bogus")
        .run();
}
