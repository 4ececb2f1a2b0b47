//! The one integration test binary: runs the real `roadmap` in throwaway
//! plan repositories. The builder is in `cli/support.rs`.

mod common;
mod cli {
    mod bounded;
    mod broken;
    mod career;
    mod check;
    mod complete;
    mod consistency;
    mod content;
    mod diff;
    mod docs;
    mod drill;
    mod editors;
    mod firstrun;
    mod forge;
    mod habits;
    mod history_edges;
    mod import;
    mod journal;
    mod machine;
    mod onefact;
    mod partial;
    mod person;
    mod qa;
    #[cfg(unix)]
    mod sandbox;
    mod schema;
    mod serve;
    mod support;
    mod team;
    mod usage;
    mod values;
    mod when;
    mod words;
}
