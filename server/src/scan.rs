//! `vigil scan`: walks folders the way ripgrep does (`.gitignore`, hidden files, binaries),
//! analyses files in parallel with the same engine as the editor, and reports text, JSON or
//! SARIF.

use crate::analysis::{check_full, Finding, Input, Severity};
use crate::config::Settings;
use crate::document::{parse_str, PositionEncoding};
use crate::language::Language;
use anyhow::Context;
use rayon::prelude::*;
use ropey::Rope;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a log line: they are almost always generated or
/// vendored, and the editor never sees them either.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A finding with its file and 1-based positions, ready for any output format.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    /// Path relative to the scan root, with `/` separators.
    pub file: String,
    pub line: usize,
    /// 1-based column in characters (text and JSON output).
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// 1-based columns in UTF-16 code units (SARIF's default column kind).
    #[serde(skip)]
    pub column_utf16: usize,
    #[serde(skip)]
    pub end_column_utf16: usize,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub fingerprint: String,
    pub confidence: crate::analysis::Confidence,
    pub origin: crate::analysis::Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[serde(skip)]
    pub finding: Finding,
}

/// Everything a scan produced.
#[derive(Debug, Default)]
pub struct ScanResult {
    pub findings: Vec<Located>,
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    /// Files skipped (binary, invalid UTF-8, too large), with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Where a scan is relative to: the nearest ancestor of the first path that holds a
/// `.vigil.toml` or `.git`, else the current directory.
pub fn find_root(first: &Path) -> PathBuf {
    let start = std::fs::canonicalize(first).unwrap_or_else(|_| first.to_path_buf());
    let start = if start.is_file() {
        start.parent().map(Path::to_path_buf).unwrap_or(start)
    } else {
        start
    };
    let mut current = Some(start.as_path());
    while let Some(dir) = current {
        if dir.join(crate::config::CONFIG_FILE).exists() || dir.join(".git").exists() {
            return dir.to_path_buf();
        }
        current = dir.parent();
    }
    std::env::current_dir().unwrap_or(start)
}

/// Lists the files to scan under `paths` (files given explicitly are always included).
pub fn collect_files(
    paths: &[PathBuf],
    root: &Path,
    settings: &Settings,
) -> anyhow::Result<Vec<PathBuf>> {
    let excludes = settings.exclude_set();
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or directory", path.display());
        }
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        // Hidden files are scanned (`.env`, `.npmrc`, `.pypirc` are where credentials leak);
        // hidden folders are not, except CI configuration folders.
        let walker = ignore::WalkBuilder::new(path)
            .hidden(false)
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                entry.depth() == 0
                    || !name.starts_with('.')
                    || !is_dir
                    || matches!(name.as_ref(), ".github" | ".gitlab" | ".circleci")
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    tracing::warn!("skipping an entry: {err}");
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let relative = relative_path(entry.path(), root);
            if excludes.is_match(&relative) {
                continue;
            }
            files.push(entry.into_path());
        }
        // CI configuration lives in hidden files that the walk above skips.
        for ci_file in hidden_ci_files(path) {
            if !excludes.is_match(relative_path(&ci_file, root)) {
                files.push(ci_file);
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// `.gitlab-ci.yml` and `.github/workflows/*.yml` (and `.github/**/action.yml`) directly under
/// `dir`: hidden, so the default walk never sees them, yet they are what supply-chain checks read.
fn hidden_ci_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for name in [".gitlab-ci.yml", ".gitlab-ci.yaml"] {
        let candidate = dir.join(name);
        if candidate.is_file() {
            found.push(candidate);
        }
    }
    let github = dir.join(".github");
    if github.is_dir() {
        for entry in ignore::WalkBuilder::new(&github)
            .hidden(false)
            .build()
            .flatten()
        {
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file())
                && crate::supply::ci::ci_kind(path.strip_prefix(dir).unwrap_or(path)).is_some()
            {
                found.push(entry.into_path());
            }
        }
    }
    found
}

/// The path relative to `root` with `/` separators (or the path itself when outside it).
pub fn relative_path(path: &Path, root: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Reads a file as text, or says why it is skipped (binary, invalid UTF-8, too large).
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("unreadable: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("unreadable: {e}"))?;
    text_of(&bytes).map(str::to_string)
}

/// The text of a file's bytes, or why it is skipped: over the size limit, binary (NUL bytes)
/// or not UTF-8. Shared by the folder walk and the staged (index) scan.
fn text_of(bytes: &[u8]) -> Result<&str, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024));
    }
    if bytes.contains(&0) {
        return Err("binary (contains NUL bytes)".into());
    }
    std::str::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 ({e})"))
}

/// Adds up per-file outcomes in order: findings and byte counts of the files read, and the
/// reason of each skipped one (logged).
fn collect_outcomes(outcomes: Vec<(PathBuf, FileOutcome)>) -> ScanResult {
    let mut result = ScanResult::default();
    for (path, outcome) in outcomes {
        match outcome {
            Ok((bytes, findings)) => {
                result.files_scanned += 1;
                result.bytes_scanned += bytes;
                result.findings.extend(findings);
            }
            Err(reason) => {
                tracing::info!("skipping {}: {reason}", path.display());
                result.skipped.push((path, reason));
            }
        }
    }
    result
}

/// Analyses one file's text with the editor's engine and settings.
pub fn analyse_text(text: &str, path: &Path, relative: &str, settings: &Settings) -> Vec<Located> {
    analyse_text_in_project(text, path, relative, settings, None)
}

/// Analyses one file's text, with what the project declares (for project-aware checks).
pub fn analyse_text_in_project(
    text: &str,
    path: &Path,
    relative: &str,
    settings: &Settings,
    project: Option<&crate::supply::Project>,
) -> Vec<Located> {
    let language = Language::from_path(path);
    let rope = Rope::from_str(text);
    let tree = language.grammar().and_then(|g| parse_str(text, &g));
    let relative_path = PathBuf::from(relative);
    let input = Input {
        rope: &rope,
        tree: tree.as_ref(),
        language,
        path: Some(&relative_path),
        project,
    };
    let mut findings = check_full(&input);
    settings.apply(&mut findings);
    findings
        .into_iter()
        .map(|f| locate(f, &rope, relative))
        .collect()
}

/// Adds file and 1-based positions to a finding.
pub fn locate(finding: Finding, rope: &Rope, relative: &str) -> Located {
    let start32 = PositionEncoding::Utf32.to_line_col(rope, finding.range.start);
    let end32 = PositionEncoding::Utf32.to_line_col(rope, finding.range.end);
    let start16 = PositionEncoding::Utf16.to_line_col(rope, finding.range.start);
    let end16 = PositionEncoding::Utf16.to_line_col(rope, finding.range.end);
    Located {
        file: relative.to_string(),
        line: start32.line as usize + 1,
        column: start32.character as usize + 1,
        end_line: end32.line as usize + 1,
        end_column: end32.character as usize + 1,
        column_utf16: start16.character as usize + 1,
        end_column_utf16: end16.character as usize + 1,
        rule: finding.rule.clone(),
        severity: finding.severity,
        message: finding.message.clone(),
        fingerprint: finding.fingerprint.clone(),
        confidence: finding.confidence,
        origin: finding.origin,
        input_source: finding.input_source.clone(),
        fix: finding.fix.as_ref().map(|f| f.title.clone()),
        finding,
    }
}

/// Bytes read and findings located, or why the file was skipped.
type FileOutcome = Result<(u64, Vec<Located>), String>;

/// Scans `paths` in parallel.
pub fn scan(paths: &[PathBuf], root: &Path, settings: &Settings) -> anyhow::Result<ScanResult> {
    let files = collect_files(paths, root, settings).context("listing files")?;
    // Loaded once: every file's project-aware checks share the same view of the manifests.
    let project = crate::supply::Project::load(root, settings);
    let outcomes: Vec<(PathBuf, FileOutcome)> = files
        .par_iter()
        .map(|path| {
            let outcome = read_text(path).map(|text| {
                let relative = relative_path(path, root);
                (
                    text.len() as u64,
                    analyse_text_in_project(&text, path, &relative, settings, Some(&project)),
                )
            });
            (path.clone(), outcome)
        })
        .collect();
    Ok(collect_outcomes(outcomes))
}

/// Scans what is about to be committed: the staged (index) version of every added, copied,
/// modified or renamed file of the repository that holds the current directory. Paths are
/// relative to the repository root, which is returned with the result.
pub fn scan_staged(
    settings_for: impl FnOnce(&Path) -> anyhow::Result<Settings>,
) -> anyhow::Result<(PathBuf, ScanResult)> {
    let top = git(&["rev-parse", "--show-toplevel"], None).context("finding the git repository")?;
    let root = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let settings = settings_for(&root)?;
    let names = git(
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
        ],
        Some(&root),
    )
    .context("listing staged files")?;
    let excludes = settings.exclude_set();
    let paths: Vec<String> = names
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .filter(|n| !excludes.is_match(n))
        .collect();
    let blobs = staged_blobs(&root, &paths).context("reading staged files")?;
    let outcomes: Vec<(PathBuf, FileOutcome)> = paths
        .par_iter()
        .zip(blobs.par_iter())
        .map(|(name, blob)| {
            let outcome = match blob {
                None => Err("not in the index".to_string()),
                Some(bytes) => text_of(bytes).map(|text| {
                    (
                        text.len() as u64,
                        analyse_text(text, Path::new(name), name, &settings),
                    )
                }),
            };
            (PathBuf::from(name), outcome)
        })
        .collect();
    Ok((root, collect_outcomes(outcomes)))
}

fn git(args: &[&str], dir: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    let mut command = std::process::Command::new("git");
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command.output().context("running git (is it installed?)")?;
    if !output.status.success() {
        anyhow::bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// The index version of each path, read with one `git cat-file --batch` process.
fn staged_blobs(root: &Path, paths: &[String]) -> anyhow::Result<Vec<Option<Vec<u8>>>> {
    use std::io::{BufRead, BufReader, Read, Write};
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = std::process::Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("running git cat-file")?;
    let mut stdin = child.stdin.take().context("git stdin")?;
    let requests: String = paths.iter().map(|p| format!(":{p}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().context("git stdout")?);
    let mut blobs = Vec::with_capacity(paths.len());
    for _ in paths {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize = size.parse().context("git cat-file size")?;
                let mut bytes = vec![0; size];
                reader.read_exact(&mut bytes)?;
                let mut newline = [0u8; 1];
                reader.read_exact(&mut newline)?;
                blobs.push(Some(bytes));
            }
            [_, _, size] => {
                // Not a blob (a submodule commit): skip its content.
                let size: usize = size.parse().unwrap_or(0);
                std::io::copy(
                    &mut (&mut reader).take(size as u64 + 1),
                    &mut std::io::sink(),
                )?;
                blobs.push(None);
            }
            _ => blobs.push(None),
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(blobs)
}

/// Renders findings as `path:line:col severity rule-id message` lines.
pub fn render_text(findings: &[Located], colour: bool) -> String {
    let mut out = String::new();
    for f in findings {
        let severity = if colour {
            let code = match f.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
                Severity::Hint => "37",
            };
            format!("\x1b[{code}m{}\x1b[0m", f.severity.as_str())
        } else {
            f.severity.as_str().to_string()
        };
        let rule = if colour {
            format!("\x1b[1m{}\x1b[0m", f.rule)
        } else {
            f.rule.clone()
        };
        out.push_str(&format!(
            "{}:{}:{} {} {} {}\n",
            f.file, f.line, f.column, severity, rule, f.message
        ));
    }
    out
}

/// Renders findings as a JSON array.
pub fn render_json(findings: &[Located]) -> String {
    let mut text = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_are_walked_but_vcs_internals_and_ignored_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            ".env",
            ".github/workflows/ci.yml",
            ".git/config",
            "build/out.js",
            "a.py",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x = 1\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        let files = collect_files(&[root.to_path_buf()], root, &Settings::default()).unwrap();
        // relative_path canonicalises, so the root must be canonical too (macOS /tmp links).
        let root_canon = std::fs::canonicalize(root).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| relative_path(f, &root_canon))
            .collect();
        assert!(names.contains(&".env".to_string()), "{names:?}");
        assert!(
            names.contains(&".github/workflows/ci.yml".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"a.py".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with(".git/")), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("build/")), "{names:?}");
    }

    #[test]
    fn text_lines_have_path_line_col_severity_rule_and_message() {
        let settings = Settings::default();
        let found = analyse_text(
            "import os\nx = 1\nos.system(x + input())\n",
            Path::new("a.py"),
            "src/a.py",
            &settings,
        );
        assert_eq!(found.len(), 1);
        let text = render_text(&found, false);
        assert!(
            text.starts_with("src/a.py:3:1 error shell-command-non-constant "),
            "{text}"
        );
        assert!(text.contains("input"), "the input source is named: {text}");
    }

    #[test]
    fn binary_and_invalid_utf8_files_are_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("a.py");
        std::fs::write(&bin, b"os.system(x)\0\0").unwrap();
        assert!(read_text(&bin).unwrap_err().contains("binary"));
        let bad = dir.path().join("b.py");
        std::fs::write(&bad, b"x = '\xff'").unwrap();
        assert!(read_text(&bad).unwrap_err().contains("UTF-8"));
    }
}
