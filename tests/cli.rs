//! The one integration test binary (`autotests = false`): runs the real
//! `roadmap` in throwaway plan repositories, one module per subject. The
//! builder, the git helper and the runners (pseudo-terminal, watcher,
//! browser) are in `cli/support.rs`; every test uses them.

mod cli {
    mod bounded;
    mod broken;
    mod browser;
    mod career;
    mod check;
    mod complete;
    mod consistency;
    mod content;
    mod dated;
    mod demo;
    mod diff;
    mod docs;
    mod drafts;
    mod drill;
    mod editors;
    mod edits;
    mod example;
    mod firstrun;
    mod forge;
    mod fuzz;
    mod habits;
    mod harness;
    mod history;
    mod history_edges;
    mod hooks;
    mod import;
    mod init;
    mod journal;
    mod machine;
    mod onefact;
    mod parses;
    mod partial;
    mod person;
    mod plan;
    mod qa;
    mod report;
    #[cfg(unix)]
    mod sandbox;
    mod schema;
    mod serve;
    mod subjects;
    mod support;
    mod team;
    mod usage;
    mod values;
    mod watch;
    mod when;
    mod words;
}
