//! The documentation a user reads: every link in the README, the CHANGELOG
//! and `docs/*.md` leads somewhere (a file of this repository, and the
//! heading it names), and the README's command table lists every command
//! `roadmap --help` does, and its quick start keeps the two commands CI and
//! users run.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::support::Test;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown a user is pointed at: the README, the CHANGELOG and every
/// page under `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![
        manifest().join("README.md"),
        manifest().join("CHANGELOG.md"),
    ];
    let mut docs: Vec<PathBuf> = fs::read_dir(manifest().join("docs"))
        .expect("read docs/")
        .map(|entry| entry.expect("a docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The lines of a page outside fenced code blocks, numbered from 1.
fn prose(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push((n + 1, line));
        }
    }
    lines
}

/// The anchors GitHub gives a page's headings: lower case, punctuation
/// but `-` and `_` dropped, spaces as `-`, a repeated heading numbered.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for (_, line) in prose(text) {
        let Some(title) = line.strip_prefix('#') else {
            continue;
        };
        let title = title.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let slug: String = link_texts(title.trim())
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut anchor = slug.clone();
        let mut n = 0;
        while !seen.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{slug}-{n}");
        }
    }
    seen
}

/// A heading's text as GitHub reads it for its anchor: a link's text
/// without its target.
fn link_texts(title: &str) -> String {
    let mut out = String::new();
    let mut rest = title;
    while let Some(start) = rest.find("](") {
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start].replace('[', ""));
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Every `[text](target)` of a page outside code, with its line.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in prose(text) {
        let mut rest = line;
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else {
                break;
            };
            found.push((n, after[..end].to_owned()));
            rest = &after[end..];
        }
    }
    found
}

#[test]
fn every_link_in_the_readme_changelog_and_docs_leads_to_a_file_and_heading() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = fs::read_to_string(&page).expect("read a documentation page");
        let dir = page.parent().expect("a page's folder");
        let name = page.strip_prefix(manifest()).expect("under the repository");
        for (line, target) in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((target.as_str(), ""));
            let file = if path.is_empty() {
                page.clone()
            } else {
                dir.join(path)
            };
            if !file.exists() {
                broken.push(format!("{}:{line}: no file {target}", name.display()));
                continue;
            }
            if anchor.is_empty() || file.extension().is_none_or(|ext| ext != "md") {
                continue;
            }
            let headings = anchors(&fs::read_to_string(&file).expect("read the linked page"));
            if !headings.contains(anchor) {
                broken.push(format!(
                    "{}:{line}: no heading #{anchor} in {path}",
                    name.display()
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn readme_command_table_lists_every_command_the_cli_has() {
    let output = Test::new().roadmap(&["--help"]).run();
    let help = String::from_utf8_lossy(&output.stdout);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|command| *command != "help")
        .collect();
    assert!(commands.len() > 10, "commands in --help:\n{help}");
    let readme = fs::read_to_string(manifest().join("README.md")).expect("read README.md");
    let missing: Vec<&&str> = commands
        .iter()
        .filter(|command| !readme.contains(&format!("| `roadmap {command}")))
        .collect();
    assert!(
        missing.is_empty(),
        "README's command table lacks {missing:?}"
    );
}

#[test]
fn readme_quick_start_keeps_the_two_commands_ci_and_users_run() {
    let readme = fs::read_to_string(manifest().join("README.md")).expect("read README.md");
    for command in ["cargo run --release -- report", "bash .ci/test"] {
        assert!(
            readme.lines().any(|line| line.starts_with(command)),
            "README's quick start lacks `{command}`"
        );
    }
}

/// Every `.rs` file under `dir`, as a path from the repository's root.
fn sources(dir: &Path, into: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).expect("read a source folder") {
        let path = entry.expect("a source entry").path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let rel = path.strip_prefix(manifest()).expect("under the repository");
            into.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn design_module_map_names_every_module_in_src_and_nothing_gone() {
    let design = fs::read_to_string(manifest().join("docs/design.md")).expect("read design.md");
    // A row of the map starts with the module's path; rows still marked
    // "(after merge)" name modules that do not exist yet.
    let mapped: BTreeSet<String> = design
        .lines()
        .filter_map(|line| line.strip_prefix("| `src/"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(path, _)| format!("src/{path}"))
        .collect();
    let mut files = BTreeSet::new();
    sources(&manifest().join("src"), &mut files);
    let unmapped: Vec<&String> = files.difference(&mapped).collect();
    let gone: Vec<&String> = mapped.difference(&files).collect();
    assert!(
        unmapped.is_empty() && gone.is_empty(),
        "docs/design.md's module map lacks {unmapped:?} and names {gone:?}, which src/ does not hold"
    );
}
