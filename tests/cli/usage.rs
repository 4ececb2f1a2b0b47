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

#[test]
fn fish_completions_hold_each_commands_options() {
    let output = Test::new().roadmap(&["completions", "fish"]).run();
    let script = String::from_utf8_lossy(&output.stdout);
    for (command, option) in OPTIONS {
        let (when, flag) = (
            format!("__fish_roadmap_using_subcommand {command}"),
            format!(" -l {option} "),
        );
        assert!(
            script
                .lines()
                .any(|line| line.contains(&when) && line.contains(&flag)),
            "no --{option} for {command}"
        );
    }
}

#[test]
fn completions_of_help_reach_the_subcommands_of_record_and_hooks() {
    let output = Test::new().roadmap(&["completions", "fish"]).run();
    let script = String::from_utf8_lossy(&output.stdout);
    for (command, sub) in [
        ("record", "done"),
        ("record", "checkin"),
        ("record", "win"),
        ("record", "learning"),
        ("hooks", "install"),
        ("hooks", "uninstall"),
        ("hooks", "status"),
    ] {
        let line = format!(
            "__fish_roadmap_using_subcommand help; and __fish_seen_subcommand_from {command}\" -f -a \"{sub}\""
        );
        assert!(script.contains(&line), "no `help {command} {sub}`");
    }
}

#[test]
fn bash_and_zsh_completions_name_the_nested_subcommands() {
    let test = Test::new();
    let bash = test.roadmap(&["completions", "bash"]).run();
    let bash = String::from_utf8_lossy(&bash.stdout);
    for name in [
        "roadmap__subcmd__hooks__subcmd__install",
        "roadmap__subcmd__record__subcmd__checkin",
        "roadmap__subcmd__help__subcmd__hooks__subcmd__uninstall",
        "roadmap__subcmd__help__subcmd__record__subcmd__win",
    ] {
        assert!(bash.contains(name), "bash completions lack {name}");
    }
    let zsh = test.roadmap(&["completions", "zsh"]).run();
    let zsh = String::from_utf8_lossy(&zsh.stdout);
    for name in [
        "_roadmap__subcmd__help__subcmd__hooks_commands",
        "_roadmap__subcmd__record__subcmd__done_commands",
    ] {
        assert!(zsh.contains(name), "zsh completions lack {name}");
    }
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
