//! Supply-chain checks over small project trees (`tests/fixtures/supply/<project>/`): every
//! annotated fixture passes both ways with the project loaded as the front ends load it, quick
//! fixes remove their finding, and the CLI (`scan`, SARIF, `inventory`) and the language server
//! report them.

mod support;

use ropey::Rope;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use vigil_ls::analysis::{check_full, check_incremental, Finding, Input};
use vigil_ls::config::Settings;
use vigil_ls::document::parse_str;
use vigil_ls::language::Language;
use vigil_ls::quality::annotations;
use vigil_ls::rules::registry;
use vigil_ls::supply::Project;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/supply")
}

fn projects() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn settings_of(dir: &Path) -> Settings {
    match Settings::load_workspace(dir).unwrap() {
        Some(result) => result.unwrap(),
        None => Settings::default(),
    }
}

/// Every file of a fixture project, hidden ones included, as (relative path, absolute path).
fn files_of(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_ignore(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, e.into_path())
        })
        .collect();
    files.sort();
    files
}

fn analyse(text: &str, relative: &str, project: &Project, settings: &Settings) -> Vec<Finding> {
    let path = PathBuf::from(relative);
    let language = Language::from_path(&path);
    let rope = Rope::from_str(text);
    let tree = language.grammar().and_then(|g| parse_str(text, &g));
    let mut findings = check_full(&Input {
        rope: &rope,
        tree: tree.as_ref(),
        language,
        path: Some(&path),
        project: Some(project),
    });
    settings.apply(&mut findings);
    findings
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Findings in files that cannot carry comments (package.json), by (project, file).
fn unannotated_expectations() -> BTreeMap<(&'static str, &'static str), Vec<(usize, &'static str)>>
{
    BTreeMap::from([
        (
            ("node-project", "package.json"),
            vec![
                (10, "dependency-typosquat"),
                (13, "dependency-typosquat"),
                (20, "dependency-typosquat"),
            ],
        ),
        (("node-project", "packages/ui/package.json"), vec![]),
        (("ci-project", "package.json"), vec![]),
    ])
}

#[test]
fn fixture_projects_pass_both_ways() {
    let mut failures = Vec::new();
    let mut positives: BTreeMap<String, usize> = BTreeMap::new();
    let mut negatives: BTreeMap<String, usize> = BTreeMap::new();
    let json_expectations = unannotated_expectations();
    for dir in projects() {
        let settings = settings_of(&dir);
        let project = Project::load(&dir, &settings);
        let project_name = dir.file_name().unwrap().to_string_lossy().to_string();
        for (relative, absolute) in files_of(&dir) {
            if relative == ".vigil.toml" {
                continue;
            }
            let text = std::fs::read_to_string(&absolute).unwrap();
            let findings = analyse(&text, &relative, &project, &settings);
            let actual: BTreeSet<(usize, String)> = findings
                .iter()
                .map(|f| (line_of(&text, f.range.start), f.rule.clone()))
                .collect();
            let key = (project_name.as_str(), relative.as_str());
            let expected_json = json_expectations
                .iter()
                .find(|((p, f), _)| *p == key.0 && *f == key.1)
                .map(|(_, v)| v);
            let (expected, near_misses) = match expected_json {
                Some(list) => (
                    list.iter()
                        .map(|(l, r)| (*l, r.to_string()))
                        .collect::<BTreeSet<_>>(),
                    BTreeSet::new(),
                ),
                None => {
                    let a = annotations(&text);
                    (a.expected, a.near_misses)
                }
            };
            for hit in &expected {
                *positives.entry(hit.1.clone()).or_default() += 1;
                if !actual.contains(hit) {
                    failures.push(format!(
                        "{project_name}/{relative}:{}: missed {}",
                        hit.0, hit.1
                    ));
                }
            }
            for miss in &near_misses {
                *negatives.entry(miss.1.clone()).or_default() += 1;
            }
            for hit in &actual {
                if !expected.contains(hit) {
                    let kind = if near_misses.contains(hit) {
                        "hit on an `ok:` line"
                    } else {
                        "unannotated hit"
                    };
                    failures.push(format!(
                        "{project_name}/{relative}:{}: {kind}: {}",
                        hit.0, hit.1
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
    for rule in vigil_ls::supply::rules() {
        let p = positives.get(&rule.id).copied().unwrap_or(0);
        let n = negatives.get(&rule.id).copied().unwrap_or(0);
        assert!(
            p >= 3 && n >= 3,
            "{}: {p} positives and {n} near misses in the fixtures (need 3 and 3)",
            rule.id
        );
    }
}

#[test]
fn every_supply_rule_is_registered_with_a_full_explanation_and_documented() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/supply.md"))
            .expect("docs/supply.md exists");
    for rule in vigil_ls::supply::rules() {
        let meta = registry().get(&rule.id).expect("registered");
        assert_eq!(meta.category, "supply-chain");
        for part in [
            &meta.explanation.decision,
            &meta.explanation.attacker,
            &meta.explanation.safer_default,
            &meta.explanation.fix,
        ] {
            assert!(part.len() > 40, "{}: explanation part too short", rule.id);
        }
        assert!(!meta.cwe.is_empty());
        assert!(
            docs.contains(&format!("`{}`", rule.id)),
            "docs/supply.md lacks {}",
            rule.id
        );
    }
}

#[test]
fn typosquat_quick_fixes_replace_the_name_and_clear_the_finding() {
    let mut applied = 0;
    for dir in projects() {
        let settings = settings_of(&dir);
        let project = Project::load(&dir, &settings);
        for (relative, absolute) in files_of(&dir) {
            let text = std::fs::read_to_string(&absolute).unwrap();
            let findings = analyse(&text, &relative, &project, &settings);
            for finding in findings.iter().filter(|f| f.rule == "dependency-typosquat") {
                let fix = finding.fix.as_ref().expect("typosquats carry a fix");
                assert!(fix.title.starts_with("Did you mean `"), "{}", fix.title);
                let mut fixed = text.clone();
                for edit in &fix.edits {
                    fixed.replace_range(edit.range.clone(), &edit.new_text);
                }
                let after = analyse(&fixed, &relative, &project, &settings);
                let line = line_of(&text, finding.range.start);
                assert!(
                    !after.iter().any(|f| f.rule == "dependency-typosquat"
                        && line_of(&fixed, f.range.start) == line),
                    "{relative}:{line}: `{}` leaves the typosquat",
                    fix.title
                );
                applied += 1;
            }
        }
    }
    assert!(applied >= 10, "only {applied} fixes exercised");
}

#[test]
fn requests_typo_suggests_requests() {
    let settings = Settings::default();
    let project = Project::default();
    let findings = analyse("reqeusts==2.31\n", "requirements.txt", &project, &settings);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].fix.as_ref().unwrap().title,
        "Did you mean `requests`?"
    );
    assert!(
        findings[0].message.contains("`requests`"),
        "{}",
        findings[0].message
    );
}

#[test]
fn undeclared_imports_are_quiet_without_a_project_and_incremental_matches_full() {
    let dir = fixtures().join("python-project");
    let settings = settings_of(&dir);
    let project = Project::load(&dir, &settings);
    let text = "import os\nimport flask\n";
    let path = PathBuf::from("app/new.py");
    let rope = Rope::from_str(text);
    let tree = parse_str(text, &Language::Python.grammar().unwrap());
    let without = check_full(&Input {
        rope: &rope,
        tree: tree.as_ref(),
        language: Language::Python,
        path: Some(&path),
        project: None,
    });
    assert!(without.is_empty(), "{without:?}");
    let input = Input {
        rope: &rope,
        tree: tree.as_ref(),
        language: Language::Python,
        path: Some(&path),
        project: Some(&project),
    };
    let full = check_full(&input);
    assert_eq!(full.len(), 1);
    // Type a new undeclared import at the end and re-check only that line.
    let edited = format!("{text}import pandas\n");
    let rope2 = Rope::from_str(&edited);
    let tree2 = parse_str(&edited, &Language::Python.grammar().unwrap());
    let input2 = Input {
        rope: &rope2,
        tree: tree2.as_ref(),
        ..input
    };
    let dirty: Vec<std::ops::Range<usize>> = std::iter::once(text.len()..edited.len()).collect();
    let incremental = check_incremental(&input2, &full, &dirty);
    let fresh = check_full(&input2);
    assert_eq!(incremental, fresh);
    assert_eq!(fresh.len(), 2);
}

fn vigil(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        .output()
        .expect("vigil runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
    )
}

#[test]
fn scan_reports_manifest_ci_and_import_findings_with_their_files_in_sarif() {
    let ci = fixtures().join("ci-project");
    let (code, sarif) = vigil(&["scan", ci.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code, 1, "findings fail the scan");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let located: BTreeSet<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    for (rule, file) in [
        ("ci-script-injection", ".github/workflows/ci.yml"),
        ("ci-action-unapproved", ".github/workflows/ci.yml"),
        (
            "ci-pull-request-target-checkout",
            ".github/workflows/pr-target.yml",
        ),
        ("ci-curl-pipe-shell", ".gitlab-ci.yml"),
        ("ci-action-unpinned", ".github/actions/setup/action.yml"),
    ] {
        assert!(
            located.iter().any(|(r, f)| r == rule && f.ends_with(file)),
            "{rule} in {file} missing from {located:?}"
        );
    }
    let python = fixtures().join("python-project");
    let (_, json_out) = vigil(&["scan", python.to_str().unwrap(), "--format", "json"]);
    let findings: Value = serde_json::from_str(&json_out).unwrap();
    let pairs: BTreeSet<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        pairs.contains(&("dependency-typosquat".into(), "requirements.txt".into())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("undeclared-import".into(), "app/main.py".into())),
        "{pairs:?}"
    );
}

/// Starting inside `.github` still finds the workflows and reads the approvals of the
/// repository's `.vigil.toml`.
#[test]
fn inventory_of_a_subfolder_uses_the_workspace_settings() {
    let github = fixtures().join("ci-project/.github");
    let (code, out) = vigil(&["inventory", github.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let items: Value = serde_json::from_str(&out).unwrap();
    let status = |name: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "ci-action" && i["name"] == name)
            .map(|i| i["status"].clone())
            .unwrap_or_else(|| panic!("{name} missing: {items:#}"))
    };
    assert_eq!(status("docker/login-action"), "approved");
    assert_eq!(status("tj-actions/changed-files"), "unapproved");
    assert_eq!(status("docker://ghcr.io/some/image"), "unapproved");
}

#[test]
fn inventory_lists_integrations_in_every_format() {
    let ci = fixtures().join("ci-project");
    let (code, json_out) = vigil(&["inventory", ci.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let items: Value = serde_json::from_str(&json_out).unwrap();
    let items = items.as_array().unwrap();
    let find = |kind: &str, name: &str| {
        items
            .iter()
            .find(|i| i["kind"] == kind && i["name"] == name)
            .unwrap_or_else(|| panic!("{kind} {name} missing: {items:#?}"))
            .clone()
    };
    for (kind, name, status) in [
        ("ci-action", "actions/checkout", "unpinned"),
        ("ci-action", "docker/login-action", "approved"),
        ("ci-action", "tj-actions/changed-files", "unapproved"),
        ("ci-include", "group/shared-ci", "unapproved"),
        ("pre-commit-hook", "pre-commit/pre-commit-hooks", "unpinned"),
        ("pre-commit-hook", "astral-sh/ruff-pre-commit", "unapproved"),
        ("editor-extension", "ms-python.python", "approved"),
        (
            "editor-extension",
            "randomdev.super-ai-helper",
            "unapproved",
        ),
    ] {
        assert_eq!(find(kind, name)["status"], status, "{kind} {name}");
    }
    // A dependency that runs code at install time, from the lockfile; one without is not listed.
    let esbuild = find("install-script", "esbuild");
    assert_eq!(esbuild["pin"], "0.23.1");
    assert_eq!(esbuild["status"], "unapproved");
    assert!(!items
        .iter()
        .any(|i| i["kind"] == "install-script" && i["name"] == "lodash"));
    let script = find("install-script", "postinstall");
    assert_eq!(script["detail"], "node ./scripts/fetch-binary.js");
    assert_eq!(script["file"], "package.json");

    let (_, markdown) = vigil(&["inventory", ci.to_str().unwrap(), "--format", "markdown"]);
    assert!(markdown.starts_with("# Tool inventory"));
    assert!(
        markdown.contains("| unapproved | ci-action | `tj-actions/changed-files` |"),
        "{markdown}"
    );
    let (_, text) = vigil(&["inventory", ci.to_str().unwrap()]);
    assert!(text.contains("integration(s):"), "{text}");
    assert!(text
        .lines()
        .any(|l| l.starts_with("unpinned") && l.contains("actions/checkout")));
}

#[test]
fn the_language_server_loads_the_project_and_reports_undeclared_imports() {
    let dir = fixtures().join("python-project").canonicalize().unwrap();
    let mut client = support::Client::spawn();
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", dir.display()),
            "capabilities": {},
            "clientInfo": {"name": "vigil-test", "version": "1"},
        }),
    );
    client.notify("initialized", json!({}));
    let uri = format!("file://{}/app/extra.py", dir.display());
    client.open(&uri, "python", "import os\nimport flask\n");
    let message = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "undeclared-import"))
    });
    let diagnostics = message["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    let requirements = format!("file://{}/requirements.txt", dir.display());
    client.open(&requirements, "pip-requirements", "reqeusts==2.31\n");
    let message = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == requirements.as_str()
    });
    let diagnostics = message["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "dependency-typosquat");
    // The quick fix travels with the diagnostic and replaces only the name.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": requirements}, "range": support::range((0, 0), (0, 8)),
               "context": {"diagnostics": [diagnostics[0].clone()]}}),
    );
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Did you mean `requests`?")
        .unwrap_or_else(|| panic!("no typosquat fix in {actions}"));
    let edit = &fix["edit"]["changes"][requirements.as_str()][0];
    assert_eq!(edit["newText"], "requests");
    assert_eq!(edit["range"], support::range((0, 0), (0, 8)));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn saving_a_manifest_reloads_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("requirements.txt"), "requests\n").unwrap();
    let mut client = support::Client::spawn();
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", root.display()),
            "capabilities": {},
        }),
    );
    client.notify("initialized", json!({}));
    let uri = format!("file://{}/app.py", root.display());
    client.open(&uri, "python", "import requests\nimport flask\n");
    client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 1 && d[0]["code"] == "undeclared-import")
    });
    drain(&mut client, &uri);
    // Declaring the package and saving the manifest clears the finding in the open file.
    std::fs::write(root.join("requirements.txt"), "requests\nflask\n").unwrap();
    let manifest = format!("file://{}/requirements.txt", root.display());
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": manifest}}),
    );
    wait_for_count(&mut client, &uri, 0);
    assert_eq!(client.shutdown(), 0);
}

/// Waits for a publication for `uri` with exactly `count` diagnostics.
fn wait_for_count(client: &mut support::Client, uri: &str, count: usize) {
    client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == count)
    });
}

/// Drops the publications for `uri` still arriving (those from before the project was loaded,
/// empty ones included), until 200 ms pass without one.
fn drain(client: &mut support::Client, uri: &str) {
    let mut earlier =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
    while client
        .try_wait_for(&mut earlier, std::time::Duration::from_millis(200))
        .is_some()
    {}
}

#[test]
fn a_new_local_module_is_learned_when_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("requirements.txt"), "requests\n").unwrap();
    let mut client = support::Client::spawn();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let main = format!("file://{}/main.py", root.display());
    client.open(&main, "python", "import helper\n");
    wait_for_count(&mut client, &main, 1);
    drain(&mut client, &main);
    // The developer creates helper.py and opens it: the project learns the module.
    std::fs::write(root.join("helper.py"), "X = 1\n").unwrap();
    let helper = format!("file://{}/helper.py", root.display());
    client.open(&helper, "python", "X = 1\n");
    wait_for_count(&mut client, &main, 0);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn installed_code_is_not_the_projects_decision() {
    let settings = Settings::default();
    let project = Project::default();
    let typo = r#"{"dependencies": {"expresss": "1"}}"#;
    assert_eq!(analyse(typo, "package.json", &project, &settings).len(), 1);
    assert!(analyse(typo, "node_modules/x/package.json", &project, &settings).is_empty());
    assert!(analyse(
        "reqeusts\n",
        ".venv/lib/requirements.txt",
        &project,
        &settings
    )
    .is_empty());
}
