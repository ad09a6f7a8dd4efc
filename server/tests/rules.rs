//! The rule registry and its fixtures: every rule is complete, every query compiles, and every
//! fixture passes both ways (required hits found, near misses and unannotated lines quiet).

use std::path::{Path, PathBuf};
use vigil_ls::analysis::queries::{query_directories, rules_for};
use vigil_ls::language::Language;
use vigil_ls::quality::{fixture_files, render_stats, run_fixture, run_fixtures, stats};
use vigil_ls::rules::{query_files, registry};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn extension_for(language: &str) -> &'static [&'static str] {
    match language {
        "python" => &["py"],
        "javascript" => &["js", "jsx", "mjs", "cjs"],
        "typescript" => &["ts", "tsx"],
        "rust" => &["rs"],
        _ => &[],
    }
}

#[test]
fn registry_loads_without_problems() {
    assert!(
        registry().problems.is_empty(),
        "registry problems: {:#?}",
        registry().problems
    );
}

#[test]
fn every_query_compiles_and_uses_only_declared_predicates() {
    for language in Language::PARSED {
        let compiled = rules_for(language).expect("parsed languages have rules");
        assert!(
            compiled.problems.is_empty(),
            "{language:?}: {:#?}",
            compiled.problems
        );
    }
}

#[test]
fn every_query_rule_has_metadata_a_query_and_a_fixture_per_language() {
    let mut problems = Vec::new();
    let query_languages = ["python", "javascript", "typescript", "rust"];
    for rule in registry().all() {
        let e = &rule.explanation;
        for (part, text) in [
            ("decision", &e.decision),
            ("attacker", &e.attacker),
            ("safer_default", &e.safer_default),
            ("fix", &e.fix),
        ] {
            if text.trim().len() < 20 {
                problems.push(format!(
                    "{}: explanation.{part} is missing or too short",
                    rule.id
                ));
            }
        }
        if rule.cwe.is_empty() {
            problems.push(format!("{}: no CWE", rule.id));
        }
        if rule.message.contains('\n') {
            problems.push(format!("{}: the message must be one line", rule.id));
        }
        for language in &rule.languages {
            if !query_languages.contains(&language.as_str()) {
                continue;
            }
            let has_query = query_files(language).iter().any(|(id, _)| *id == rule.id);
            let in_toml = root()
                .join("queries/rules")
                .join(format!("{}.toml", rule.id))
                .exists();
            if in_toml && !has_query {
                problems.push(format!(
                    "{}: no queries/{language}/{}.scm",
                    rule.id, rule.id
                ));
            }
            let fixture = extension_for(language).iter().any(|ext| {
                root()
                    .join("tests/fixtures")
                    .join(language)
                    .join(format!("{}.{ext}", rule.id))
                    .exists()
            });
            if in_toml && !fixture {
                problems.push(format!(
                    "{}: no tests/fixtures/{language}/{}.*",
                    rule.id, rule.id
                ));
            }
        }
    }
    // Every query file belongs to a rule that lists its language.
    for directory in ["python", "javascript", "typescript", "rust"] {
        for (id, _) in query_files(directory) {
            match registry().get(id) {
                Some(rule) if rule.languages.iter().any(|l| l == directory) => {}
                Some(_) => problems.push(format!(
                    "queries/{directory}/{id}.scm: rule does not list {directory}"
                )),
                None => problems.push(format!("queries/{directory}/{id}.scm: no registry entry")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let _ = query_directories(Language::Tsx);
}

#[test]
fn fixtures_pass_both_ways() {
    let paths: Vec<_> = ["python", "javascript", "typescript", "rust"]
        .iter()
        .flat_map(|language| fixture_files(&root().join("tests/fixtures").join(language)))
        .collect();
    let (results, failures) = run_fixtures(&paths).expect("fixtures are readable");
    println!("{}", render_stats(&stats(&results)));
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_query_rule_has_positive_and_negative_examples_per_language() {
    let mut problems = Vec::new();
    // TypeScript/TSX run the JavaScript rules: the TypeScript fixtures that exist must be as
    // complete as the others.
    for language in ["python", "javascript", "typescript", "rust"] {
        for path in fixture_files(&root().join("tests/fixtures").join(language)) {
            let result = run_fixture(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let positives = result.expected.iter().filter(|(_, r)| *r == stem).count();
            let negatives = result
                .near_misses
                .iter()
                .filter(|(_, r)| *r == stem)
                .count();
            if registry().get(&stem).is_some() && (positives < 3 || negatives < 3) {
                problems.push(format!(
                    "{}: {positives} positives and {negatives} near misses (need 3 and 3)",
                    path.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Applies every quick fix found in the fixtures and re-analyses: the fixed finding must be
/// gone and the result must parse without new syntax errors.
#[test]
fn quick_fixes_remove_their_finding_and_still_parse() {
    use ropey::Rope;
    use vigil_ls::analysis::{check_full, Input};
    use vigil_ls::document::parse_str;
    let mut problems = Vec::new();
    let mut applied = 0;
    for language in ["python", "javascript", "typescript", "rust"] {
        for path in fixture_files(&root().join("tests/fixtures").join(language)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let lang = Language::from_path(&path);
            let analyse = |text: &str| {
                let rope = Rope::from_str(text);
                let tree = lang.grammar().and_then(|g| parse_str(text, &g));
                let errors = tree.as_ref().map_or(0, count_errors);
                let findings = check_full(&Input {
                    rope: &rope,
                    tree: tree.as_ref(),
                    language: lang,
                    path: Some(&path),
                    project: None,
                });
                (findings, errors)
            };
            let (findings, errors_before) = analyse(&text);
            for finding in findings.iter().filter(|f| f.fix.is_some()) {
                let fix = finding.fix.as_ref().unwrap();
                let mut fixed = text.clone();
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
                for edit in edits {
                    fixed.replace_range(edit.range.clone(), &edit.new_text);
                }
                applied += 1;
                let (after, errors_after) = analyse(&fixed);
                if errors_after > errors_before {
                    problems.push(format!(
                        "{}: fix `{}` breaks the syntax",
                        path.display(),
                        fix.title
                    ));
                }
                let same = |list: &[vigil_ls::analysis::Finding]| {
                    list.iter()
                        .filter(|f| {
                            f.rule == finding.rule
                                && f.fingerprint_basis == finding.fingerprint_basis
                        })
                        .count()
                };
                if same(&after) >= same(&findings) {
                    problems.push(format!(
                        "{}: fix `{}` leaves the finding in place",
                        path.display(),
                        fix.title
                    ));
                }
            }
        }
    }
    assert!(applied > 0, "no quick fix was exercised");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn count_errors(tree: &tree_sitter::Tree) -> usize {
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    let mut count = 0;
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        stack.extend(node.children(&mut cursor));
    }
    count
}
