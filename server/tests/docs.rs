//! Generated and shared files that must not drift from the code: the rule index in
//! `docs/rules.md`, the settings list and the language list the editor clients are built from.

use std::path::{Path, PathBuf};
use vigil_ls::language::Language;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn docs_rules_md_is_the_generated_index() {
    let path = repo().join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = vigil_ls::rules::index_markdown();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date: regenerate it with `cargo run -- rules --markdown > docs/rules.md`"
    );
    for rule in vigil_ls::rules::registry().all() {
        assert!(on_disk.contains(&format!("<a id=\"{}\"></a>", rule.id)));
    }
}

#[test]
fn editor_settings_list_matches_the_server() {
    let text = std::fs::read_to_string(repo().join("editors/settings-keys.json")).unwrap();
    let keys: Vec<String> = serde_json::from_str(&text).unwrap();
    let server: Vec<String> = vigil_ls::config::SETTING_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(
        keys, server,
        "editors/settings-keys.json and config::SETTING_KEYS differ"
    );
}

#[test]
fn editor_language_list_matches_the_server() {
    let text = std::fs::read_to_string(repo().join("editors/languages.json")).unwrap();
    let languages: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let ids: Vec<&str> = languages
        .iter()
        .map(|l| l["languageId"].as_str().unwrap())
        .collect();
    for id in [
        "rust",
        "python",
        "javascript",
        "javascriptreact",
        "typescript",
        "typescriptreact",
    ] {
        assert!(ids.contains(&id), "editors/languages.json lacks {id}");
    }
    for language in &languages {
        let id = language["languageId"].as_str().unwrap();
        let by_id = Language::from_language_id(id);
        assert_ne!(
            by_id,
            Language::PlainText,
            "{id} is not parsed by the server"
        );
        for ext in language["extensions"].as_array().unwrap() {
            let file = format!("file.{}", ext.as_str().unwrap());
            assert_eq!(
                Language::from_path(Path::new(&file)),
                by_id,
                "{file} and languageId {id} disagree"
            );
        }
    }
}

#[test]
fn ci_runs_exactly_the_readme_test_command() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    let marker = "**Run the tests**";
    let after = &readme[readme.find(marker).expect("README names the test command")..];
    let block = after.split("```sh\n").nth(1).unwrap();
    let command = block.split("\n```").next().unwrap().trim();
    let last_line = ci.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(
        last_line.trim(),
        command,
        ".ci/run must end with the README's test command"
    );
    assert!(
        readme.find(marker).unwrap() < 1500,
        "the test command is on the first screen"
    );
}
