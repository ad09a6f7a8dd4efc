//! Secret detection end to end: every provider detector against fake tokens generated at test
//! time, annotated fixtures in many file types (both ways), filters, quick fixes, redaction in
//! every output, baselines and `--staged`.
//!
//! Fixtures under `tests/fixtures/secrets/` write fake tokens as `%%template%%` (see
//! `secrets::detectors::expand_sample`): this harness expands them into a temporary copy of the
//! fixtures, so the repository never holds a live-looking credential (push protection stays
//! quiet) while the scanner sees realistic ones.

use ropey::Rope;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use vigil_ls::analysis::{check_full, check_incremental, Finding, Input};
use vigil_ls::config::Settings;
use vigil_ls::document::parse_str;
use vigil_ls::language::Language;
use vigil_ls::quality::{fixture_files, render_stats, run_fixtures, stats};
use vigil_ls::secrets::baseline::Baseline;
use vigil_ls::secrets::detectors::{expand_sample, DETECTORS};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn expand_templates(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("%%") {
        let Some(close) = rest[open + 2..].find("%%") else {
            break;
        };
        out.push_str(&rest[..open]);
        let template = &rest[open + 2..open + 2 + close];
        out.push_str(&expand_sample(template, &mut || rng.next()));
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    out
}

fn analyse(text: &str, path: &Path) -> Vec<Finding> {
    let language = Language::from_path(path);
    let rope = Rope::from_str(text);
    let tree = language.grammar().and_then(|g| parse_str(text, &g));
    check_full(&Input {
        rope: &rope,
        tree: tree.as_ref(),
        language,
        path: Some(path),
        project: None,
    })
}

fn secret_findings(text: &str, path: &Path) -> Vec<Finding> {
    analyse(text, path)
        .into_iter()
        .filter(|f| f.rule.starts_with("secret-"))
        .collect()
}

/// Copies the secret fixtures into a temporary folder with their fake tokens generated.
fn materialise_fixtures() -> (tempfile::TempDir, Vec<PathBuf>) {
    let source = root().join("tests/fixtures/secrets");
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for (i, path) in fixture_files(&source).into_iter().enumerate() {
        let relative = path.strip_prefix(&source).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let expanded = expand_templates(&text, &mut Rng::new(i as u64 + 7));
        let target = dir.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, expanded).unwrap();
        written.push(target);
    }
    (dir, written)
}

#[test]
fn there_are_at_least_80_provider_detectors_with_unique_ids() {
    assert!(DETECTORS.len() >= 80, "{} detectors", DETECTORS.len());
    let ids: BTreeSet<&str> = DETECTORS.iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), DETECTORS.len(), "duplicate detector ids");
    for d in DETECTORS {
        assert!(d.id.starts_with("secret-"), "{}", d.id);
        assert!(!d.keywords.is_empty(), "{} has no keyword", d.id);
        assert!(
            vigil_ls::rules::registry().get(d.id).is_some(),
            "{} is not in the registry",
            d.id
        );
    }
}

#[test]
fn every_detector_finds_its_generated_sample_in_text_and_code() {
    let mut problems = Vec::new();
    for (i, d) in DETECTORS.iter().enumerate() {
        for seed in 0..3u64 {
            let mut rng = Rng::new(i as u64 * 31 + seed);
            let sample = expand_sample(d.sample, &mut || rng.next());
            let mut places = vec![(format!("{sample}\n"), "sample.txt")];
            if !sample.contains(['"', '\'', '\\']) {
                places.push((format!("value = '{sample}'\n"), "sample.py"));
            }
            for (text, file) in places {
                let found = secret_findings(&text, Path::new(file));
                match found.iter().find(|f| f.rule == d.id) {
                    None => problems.push(format!(
                        "{}: no finding in {file} for sample {sample:?} (got {:?})",
                        d.id,
                        found.iter().map(|f| &f.rule).collect::<Vec<_>>()
                    )),
                    Some(f) => {
                        let value = &text[f.range.clone()];
                        if f.message.contains(value) {
                            problems.push(format!("{}: the message shows the value", d.id));
                        }
                        if f.fingerprint_basis.contains(value) {
                            problems
                                .push(format!("{}: the fingerprint basis holds the value", d.id));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_detector_ignores_a_low_entropy_variant_of_its_sample() {
    let mut problems = Vec::new();
    for d in DETECTORS {
        let sample = expand_sample(d.sample, &mut || 5);
        let found = secret_findings(&format!("{sample}\n"), Path::new("sample.txt"));
        if !found.is_empty() {
            problems.push(format!(
                "{}: {sample:?} gave {:?}",
                d.id,
                found.iter().map(|f| &f.rule).collect::<Vec<_>>()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A documentation example is not a leak: the same sample with its last characters replaced by
/// `EXAMPLE` (as vendors' docs write them, `AKIAIOSFODNN7EXAMPLE`) is quiet, for every detector.
#[test]
fn every_detector_ignores_a_documentation_example() {
    let mut problems = Vec::new();
    for (i, d) in DETECTORS.iter().enumerate() {
        let mut rng = Rng::new(i as u64 * 17 + 1);
        let sample = expand_sample(d.sample, &mut || rng.next());
        // The value the detector reports, with its last seven characters replaced by EXAMPLE
        // (same length, same character class positions before it).
        let text = format!("{sample}\n");
        let Some(hit) = secret_findings(&text, Path::new("sample.txt"))
            .into_iter()
            .find(|f| f.rule == d.id)
        else {
            problems.push(format!("{}: the sample itself is not found", d.id));
            continue;
        };
        if hit.range.len() < 12 {
            continue;
        }
        let mut example = text.clone();
        example.replace_range(hit.range.end - 7..hit.range.end, "EXAMPLE");
        let example = example.trim_end().to_string();
        let found = secret_findings(&format!("{example}\n"), Path::new("sample.txt"));
        if found.iter().any(|f| f.rule == d.id) {
            problems.push(format!("{}: {example:?}", d.id));
        }
    }
    assert!(
        problems.is_empty(),
        "{} detectors:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn annotated_fixtures_pass_both_ways() {
    let (_dir, files) = materialise_fixtures();
    let (results, failures) = run_fixtures(&files).unwrap();
    println!("{}", render_stats(&stats(&results)));
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fixtures_cover_many_file_types_and_every_filter() {
    let files = fixture_files(&root().join("tests/fixtures/secrets"));
    let kinds: BTreeSet<String> = files
        .iter()
        .map(|p| {
            p.extension()
                .map(|e| e.to_string_lossy().to_string())
                .unwrap_or_else(|| p.file_name().unwrap().to_string_lossy().to_string())
        })
        .collect();
    for kind in [
        "py",
        "js",
        "ts",
        "tsx",
        "rs",
        ".env",
        "yaml",
        "json",
        "toml",
        "ini",
        "properties",
        "Dockerfile",
        "sh",
        "xml",
        "txt",
        ".npmrc",
        "pem",
        "lock",
    ] {
        assert!(kinds.contains(kind), "no fixture of type {kind}: {kinds:?}");
    }
    let filters: Vec<String> = fixture_files(&root().join("tests/fixtures/secrets/filters"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for name in [
        "placeholders.env",
        "package-lock.json",
        "Cargo.lock",
        "requirements.txt",
        "data_uri.py",
        "public.pem",
        "i18n.json",
    ] {
        assert!(
            filters.iter().any(|f| f == name),
            "no filter fixture {name}"
        );
    }
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

#[test]
fn quick_fixes_replace_literals_with_environment_lookups() {
    let (_dir, files) = materialise_fixtures();
    let mut problems = Vec::new();
    let mut applied = BTreeSet::new();
    for path in &files {
        let language = Language::from_path(path);
        let Some(grammar) = language.grammar() else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let errors_before = parse_str(&text, &grammar).map_or(0, |t| count_errors(&t));
        let findings = secret_findings(&text, path);
        for finding in findings.iter().filter(|f| f.fix.is_some()) {
            let fix = finding.fix.as_ref().unwrap();
            let mut fixed = text.clone();
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            for edit in edits {
                fixed.replace_range(edit.range.clone(), &edit.new_text);
            }
            let lookup = match language {
                Language::Python => "os.environ[\"",
                Language::Rust => "std::env::var(\"",
                _ => "process.env.",
            };
            if !fixed.contains(lookup) {
                problems.push(format!(
                    "{}: `{}` adds no {lookup}",
                    path.display(),
                    fix.title
                ));
            }
            if language == Language::Python && !fixed.contains("import os") {
                problems.push(format!("{}: the fix does not import os", path.display()));
            }
            let errors_after = parse_str(&fixed, &grammar).map_or(0, |t| count_errors(&t));
            if errors_after > errors_before {
                problems.push(format!(
                    "{}: `{}` breaks the syntax",
                    path.display(),
                    fix.title
                ));
            }
            let same = |list: &[Finding]| {
                list.iter()
                    .filter(|f| f.fingerprint_basis == finding.fingerprint_basis)
                    .count()
            };
            if same(&secret_findings(&fixed, path)) >= same(&findings) {
                problems.push(format!(
                    "{}: `{}` leaves the secret",
                    path.display(),
                    fix.title
                ));
            }
            applied.insert(language.name());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for language in ["python", "javascript", "typescript", "tsx", "rust"] {
        assert!(
            applied.contains(language),
            "no fix exercised in {language}: {applied:?}"
        );
    }
}

#[test]
fn python_fix_imports_os_when_missing() {
    let text = "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport sys\nDB_PASSWORD = \"Zq8#vR2!mKp7\"\n";
    let findings = secret_findings(text, Path::new("a.py"));
    let fix = findings[0].fix.as_ref().expect("a fix");
    let mut fixed = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for edit in edits {
        fixed.replace_range(edit.range.clone(), &edit.new_text);
    }
    assert_eq!(
        fixed,
        "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\nimport sys\nDB_PASSWORD = os.environ[\"DB_PASSWORD\"]\n"
    );
}

/// Every raw secret value of the fixtures, as the findings locate them.
fn raw_values(files: &[PathBuf]) -> Vec<String> {
    let mut values = BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        for f in secret_findings(&text, path) {
            let value = text[f.range.clone()].to_string();
            // The body of a private key: check its first base64 line.
            let probe = value
                .lines()
                .find(|l| l.len() >= 40 && !l.contains("-----"))
                .map(|l| l.chars().take(40).collect::<String>())
                .unwrap_or(value);
            if probe.len() >= 6 {
                values.insert(probe);
            }
        }
    }
    values.into_iter().collect()
}

#[test]
fn no_output_carries_a_secret_value() {
    let (dir, files) = materialise_fixtures();
    let values = raw_values(&files);
    assert!(values.len() > 40, "only {} values found", values.len());
    let vigil = env!("CARGO_BIN_EXE_vigil");
    let mut outputs: Vec<(String, String)> = Vec::new();
    for format in ["text", "json", "sarif"] {
        let out = Command::new(vigil)
            .args(["scan", "--format", format, "--fail-on", "never", "."])
            .current_dir(dir.path())
            .env("VIGIL_LOG", "trace")
            .output()
            .unwrap();
        assert!(out.status.success(), "vigil scan --format {format} failed");
        outputs.push((
            format!("scan {format} stdout"),
            String::from_utf8_lossy(&out.stdout).into(),
        ));
        outputs.push((
            format!("scan {format} stderr"),
            String::from_utf8_lossy(&out.stderr).into(),
        ));
    }
    let baseline = dir.path().join("baseline.json");
    let out = Command::new(vigil)
        .args(["baseline", baseline.to_str().unwrap(), "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    outputs.push((
        "baseline".into(),
        std::fs::read_to_string(&baseline).unwrap(),
    ));
    // The editor's outputs: diagnostics (with the fix data) and hover.
    let settings = Settings::default();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let rope = Rope::from_str(&text);
        let findings = secret_findings(&text, path);
        for f in &findings {
            let diagnostic = vigil_ls::lsp::convert::to_diagnostic(
                f,
                &rope,
                vigil_ls::document::PositionEncoding::Utf16,
                &settings,
                true,
            );
            outputs.push((
                "diagnostic".into(),
                serde_json::to_string(&diagnostic).unwrap(),
            ));
        }
        let refs: Vec<&Finding> = findings.iter().collect();
        if let Some(hover) = vigil_ls::lsp::convert::hover_markdown(&refs, &settings) {
            outputs.push(("hover".into(), hover));
        }
    }
    let scan_json = &outputs[2].1;
    assert!(scan_json.contains("secret-"), "the scan found secrets");
    let mut leaks = Vec::new();
    for value in &values {
        for (name, output) in &outputs {
            if output.contains(value.as_str()) {
                leaks.push(format!("{name} contains {value:?}"));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn messages_are_redacted_to_a_short_prefix_and_the_length() {
    assert_eq!(
        vigil_ls::secrets::redact("ghp_0123456789abcdefghij0123456789abcdef"),
        "ghp_…(40 chars)"
    );
    assert_eq!(vigil_ls::secrets::redact("Zq8#vR2!mKp7Lq"), "Zq…(14 chars)");
    assert_eq!(vigil_ls::secrets::redact("hunter22"), "…(8 chars)");
    let hash = vigil_ls::secrets::value_hash("hunter22");
    assert_eq!(hash.len(), 32);
    assert!(!hash.contains("hunter22"));
}

#[test]
fn aws_key_id_and_secret_are_paired() {
    let mut rng = Rng::new(99);
    let text = expand_templates(
        "AWS_ACCESS_KEY_ID=%%AKIA{z16}%%\nAWS_SECRET_ACCESS_KEY=%%{b40}%%\n",
        &mut rng,
    );
    let found = secret_findings(&text, Path::new(".env"));
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["secret-aws-access-key-id", "secret-aws-secret-access-key"]
    );
    assert!(
        found[1]
            .message
            .contains("paired with the access key id on line 1"),
        "{}",
        found[1].message
    );
    let alone = secret_findings(&text[text.find('\n').unwrap() + 1..], Path::new(".env"));
    assert_eq!(alone.len(), 1);
    assert!(!alone[0].message.contains("paired"));
    assert_eq!(alone[0].confidence, vigil_ls::analysis::Confidence::Medium);
}

#[test]
fn the_editor_checks_only_the_changed_lines_and_finds_a_pasted_secret() {
    let mut rng = Rng::new(5);
    let token = expand_sample("ghp_{a36}", &mut || rng.next());
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!("value_{i} = compute({i})\n"));
    }
    let before = Rope::from_str(&text);
    let tree = parse_str(&text, &Language::Python.grammar().unwrap());
    let cached = check_full(&Input {
        rope: &before,
        tree: tree.as_ref(),
        language: Language::Python,
        path: Some(Path::new("a.py")),
        project: None,
    });
    assert!(cached.is_empty());
    let line = format!("GITHUB_TOKEN = \"{token}\"\n");
    let at = before.line_to_byte(1000);
    text.insert_str(at, &line);
    let rope = Rope::from_str(&text);
    let tree = parse_str(&text, &Language::Python.grammar().unwrap());
    let input = Input {
        rope: &rope,
        tree: tree.as_ref(),
        language: Language::Python,
        path: Some(Path::new("a.py")),
        project: None,
    };
    // The first call compiles the keyword automaton and the queries; time the second.
    let dirty = at..at + line.len();
    let _ = check_incremental(&input, &cached, std::slice::from_ref(&dirty));
    let start = std::time::Instant::now();
    let findings = check_incremental(&input, &cached, std::slice::from_ref(&dirty));
    let elapsed = start.elapsed();
    let secrets_start = std::time::Instant::now();
    let mut only_secrets = Vec::new();
    vigil_ls::secrets::check(&input, &(at..at + line.len()), &mut only_secrets);
    let secrets_time = secrets_start.elapsed();
    eprintln!("incremental: {elapsed:?}, secrets alone: {secrets_time:?}");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].rule, "secret-github-pat");
    assert_eq!(only_secrets.len(), 1);
    // Reading a whole 2000-line file for every keystroke would show up here; a few changed
    // lines take well under a millisecond (generous bound: tests share two cores).
    assert!(secrets_time.as_millis() < 100, "{secrets_time:?}");
}

#[test]
fn baseline_entries_survive_moves_and_new_secrets_are_reported() {
    let settings = Settings::default();
    let mut rng = Rng::new(11);
    let old = expand_templates(
        "TOKEN = \"%%ghp_{a36}%%\"\nDB_PASSWORD = \"Zq8#vR2!mKp7\"\n",
        &mut rng,
    );
    let found = vigil_ls::scan::analyse_text(&old, Path::new("a.py"), "src/a.py", &settings);
    assert_eq!(found.len(), 2);
    let baseline = Baseline::from_findings(&found);
    let text = serde_json::to_string(&baseline).unwrap();
    assert!(
        !text.contains("\"line\""),
        "entries are never keyed by line: {text}"
    );
    // Moved down, with a new secret above.
    let new_token = expand_templates("%%ghp_{a36}%%", &mut rng);
    let moved = format!("import os\n\n\nNEW_TOKEN = \"{new_token}\"\n{old}");
    let again = vigil_ls::scan::analyse_text(&moved, Path::new("a.py"), "src/a.py", &settings);
    assert_eq!(again.len(), 3);
    let fresh = baseline.filter(again);
    assert_eq!(fresh.len(), 1, "{fresh:?}");
    assert_eq!(fresh[0].line, 4);
    // The same secret in another file is a new finding.
    let elsewhere = vigil_ls::scan::analyse_text(&old, Path::new("a.py"), "src/b.py", &settings);
    assert_eq!(baseline.filter(elsewhere).len(), 2);
    // Round trip through a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    baseline.save(&file).unwrap();
    assert_eq!(Baseline::load(&file).unwrap(), baseline);
    std::fs::write(&file, "{\"version\": 9, \"entries\": []}").unwrap();
    assert!(Baseline::load(&file).is_err());
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn staged_scan_reads_the_index_not_the_working_tree() {
    let dir = tempfile::tempdir().unwrap();
    if !git(dir.path(), &["init", "-q"]) {
        eprintln!("git is not available; skipping");
        return;
    }
    let mut rng = Rng::new(3);
    let staged = expand_templates("GITHUB_TOKEN = \"%%ghp_{a36}%%\"\n", &mut rng);
    std::fs::write(dir.path().join("staged.py"), &staged).unwrap();
    assert!(git(dir.path(), &["add", "staged.py"]));
    // The working tree no longer has the secret, but the index does.
    std::fs::write(
        dir.path().join("staged.py"),
        "GITHUB_TOKEN = os.environ['T']\n",
    )
    .unwrap();
    // An unstaged file with a secret is not part of the commit.
    std::fs::write(dir.path().join("unstaged.py"), &staged).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["scan", "--staged", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["staged.py"], "{report}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a staged secret fails the commit"
    );
    // With the baseline, the known secret passes.
    let baseline = dir.path().join(".vigil-baseline.json");
    let settings = Settings::default();
    let found =
        vigil_ls::scan::analyse_text(&staged, Path::new("staged.py"), "staged.py", &settings);
    Baseline::from_findings(&found).save(&baseline).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["scan", "--staged", "--baseline", ".vigil-baseline.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_pre_commit_hook_runs_a_staged_scan() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(entries.len(), 2, "{text}");
    assert!(text.contains("pass_filenames: false"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    if !git(dir.path(), &["init", "-q"]) {
        eprintln!("git is not available; skipping");
        return;
    }
    // Each hook runs exactly as pre-commit would run it (`vigil` from PATH is this binary).
    let run = |entry: &str| {
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("vigil"), "{entry}");
        Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(words)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    Baseline::from_findings(&[])
        .save(&dir.path().join(".vigil-baseline.json"))
        .unwrap();
    std::fs::write(
        dir.path().join("clean.py"),
        "import os\nTOKEN = os.environ['T']\n",
    )
    .unwrap();
    assert!(git(dir.path(), &["add", "clean.py"]));
    for entry in &entries {
        let out = run(entry);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{entry} on a clean commit: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let mut rng = Rng::new(5);
    let leaked = expand_templates("GITHUB_TOKEN = \"%%ghp_{a36}%%\"\n", &mut rng);
    std::fs::write(dir.path().join("leak.py"), &leaked).unwrap();
    assert!(git(dir.path(), &["add", "leak.py"]));
    for entry in &entries {
        let out = run(entry);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{entry} must block a staged secret"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("leak.py"));
    }
}

mod random_input {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn arbitrary_text_never_panics(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("password = \"".to_string()),
                    Just("-----BEGIN RSA PRIVATE KEY-----\n".to_string()),
                    Just("ghp_".to_string()),
                    Just("AKIA".to_string()),
                    Just("https://u:".to_string()),
                    Just("é€😀\n".to_string()),
                    Just("token: ".to_string()),
                    "[ -~]{0,40}".prop_map(|s| s),
                    "\\PC{0,10}".prop_map(|s| s),
                ],
                0..30,
            )
        ) {
            let text: String = parts.concat();
            for file in ["a.txt", "a.py", "a.ts", "a.rs", ".env"] {
                let _ = analyse(&text, Path::new(file));
            }
        }
    }
}
