//! Annotated fixtures and the precision/recall they measure.
//!
//! A fixture marks expectations with comments, semgrep-style: `ruleid: <id>` on the line
//! before a line that must produce that finding, `ok: <id>` before a near miss that must not,
//! and `todoruleid: <id>` for a known gap (reported, not failed). Several annotations may
//! stack above one line. Every finding on a line without an annotation is a failure.

use crate::analysis::{check_full, Input};
use crate::document::parse_str;
use crate::language::Language;
use regex::Regex;
use ropey::Rope;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:#|//|/\*|\{/\*|<!--|;|--)\s*(ruleid|ok|todoruleid|todook):\s*([a-z0-9\-]+(?:\s*,\s*[a-z0-9\-]+)*)")
        .expect("valid regex")
});

/// What one fixture expects and what the analysis produced, as (1-based line, rule) pairs.
#[derive(Debug, Default, Clone)]
pub struct FixtureResult {
    pub path: PathBuf,
    pub expected: BTreeSet<(usize, String)>,
    pub near_misses: BTreeSet<(usize, String)>,
    pub known_gaps: BTreeSet<(usize, String)>,
    pub actual: BTreeSet<(usize, String)>,
}

impl FixtureResult {
    pub fn missed(&self) -> Vec<&(usize, String)> {
        self.expected.difference(&self.actual).collect()
    }

    /// Hits on `ok:` lines and hits on unannotated lines.
    pub fn unexpected(&self) -> Vec<&(usize, String)> {
        self.actual
            .iter()
            .filter(|hit| !self.expected.contains(hit) && !self.known_gaps.contains(hit))
            .collect()
    }

    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (line, rule) in self.missed() {
            out.push(format!("{}:{line}: missed {rule}", self.path.display()));
        }
        for (line, rule) in self.unexpected() {
            let kind = if self.near_misses.contains(&(*line, rule.clone())) {
                "hit on an `ok:` line"
            } else {
                "unannotated hit"
            };
            out.push(format!("{}:{line}: {kind}: {rule}", self.path.display()));
        }
        out
    }
}

/// Parses the annotations of a fixture: the line each annotation governs is the next line
/// that is not itself an annotation.
pub fn annotations(text: &str) -> FixtureResult {
    let mut result = FixtureResult::default();
    let mut pending: Vec<(String, String)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(caps) = ANNOTATION.captures(line) {
            for rule in caps[2].split(',') {
                pending.push((caps[1].to_string(), rule.trim().to_string()));
            }
            continue;
        }
        let line_number = index + 1;
        for (kind, rule) in pending.drain(..) {
            let entry = (line_number, rule);
            match kind.as_str() {
                "ruleid" => result.expected.insert(entry),
                "ok" | "todook" => result.near_misses.insert(entry),
                _ => result.known_gaps.insert(entry),
            };
        }
    }
    result
}

/// Analyses one fixture file with the same engine as the CLI and the editor.
pub fn run_fixture(path: &Path) -> std::io::Result<FixtureResult> {
    let text = std::fs::read_to_string(path)?;
    let mut result = annotations(&text);
    result.path = path.to_path_buf();
    let language = Language::from_path(path);
    let rope = Rope::from_str(&text);
    let tree = language.grammar().and_then(|g| parse_str(&text, &g));
    let input = Input {
        rope: &rope,
        tree: tree.as_ref(),
        language,
        path: Some(path),
        project: None,
    };
    for finding in check_full(&input) {
        let line = rope.byte_to_line(finding.range.start) + 1;
        result.actual.insert((line, finding.rule));
    }
    Ok(result)
}

/// Runs every fixture in `paths`: their results, and every failure (a missed hit, a hit at an
/// `ok:` line, an unannotated hit, or a file with no annotations at all).
pub fn run_fixtures(paths: &[PathBuf]) -> std::io::Result<(Vec<FixtureResult>, Vec<String>)> {
    let mut failures = Vec::new();
    let mut results = Vec::new();
    for path in paths {
        let result = run_fixture(path)?;
        if result.expected.is_empty() && result.near_misses.is_empty() {
            failures.push(format!("{} has no annotations", path.display()));
        }
        failures.extend(result.failures());
        results.push(result);
    }
    Ok((results, failures))
}

/// Every fixture file below `dir`.
pub fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_ignore(false)
        .build()
        .flatten()
    {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            files.push(entry.into_path());
        }
    }
    files.sort();
    files
}

/// Per-rule precision and recall over a set of fixture results.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RuleStats {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl RuleStats {
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            self.true_positives as f64 / flagged as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let wanted = self.true_positives + self.false_negatives;
        if wanted == 0 {
            1.0
        } else {
            self.true_positives as f64 / wanted as f64
        }
    }
}

/// Tallies line-level true/false positives and false negatives per rule.
pub fn stats(results: &[FixtureResult]) -> BTreeMap<String, RuleStats> {
    let mut table: BTreeMap<String, RuleStats> = BTreeMap::new();
    for result in results {
        for hit in &result.actual {
            let entry = table.entry(hit.1.clone()).or_default();
            if result.expected.contains(hit) {
                entry.true_positives += 1;
            } else if !result.known_gaps.contains(hit) {
                entry.false_positives += 1;
            }
        }
        for missed in result.missed() {
            table.entry(missed.1.clone()).or_default().false_negatives += 1;
        }
        for gap in &result.known_gaps {
            if !result.actual.contains(gap) {
                table.entry(gap.1.clone()).or_default().false_negatives += 1;
            }
        }
    }
    table
}

/// Renders the stats table (and an overall line) for `vigil rules --stats`.
pub fn render_stats(table: &BTreeMap<String, RuleStats>) -> String {
    let mut out = format!(
        "{:<36} {:>4} {:>4} {:>4} {:>9} {:>7}\n",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    let mut total = RuleStats::default();
    for (rule, s) in table {
        total.true_positives += s.true_positives;
        total.false_positives += s.false_positives;
        total.false_negatives += s.false_negatives;
        out.push_str(&format!(
            "{:<36} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}\n",
            rule,
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.precision(),
            s.recall()
        ));
    }
    out.push_str(&format!(
        "{:<36} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}\n",
        "OVERALL",
        total.true_positives,
        total.false_positives,
        total.false_negatives,
        total.precision(),
        total.recall()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_govern_the_next_code_line_and_stack() {
        let text = "# ruleid: a\n# ok: b\nx()\n// todoruleid: c\ny()\nz()\n";
        let r = annotations(text);
        assert!(r.expected.contains(&(3, "a".to_string())));
        assert!(r.near_misses.contains(&(3, "b".to_string())));
        assert!(r.known_gaps.contains(&(5, "c".to_string())));
        assert_eq!(r.expected.len(), 1);
    }

    #[test]
    fn jsx_comment_annotations_are_recognised() {
        let r = annotations(
            "<div>\n  {/* ruleid: a */}\n  <p dangerouslySetInnerHTML={x} />\n</div>\n",
        );
        assert!(r.expected.contains(&(3, "a".to_string())));
    }

    #[test]
    fn unexpected_hits_and_misses_are_failures() {
        let mut r = annotations("# ruleid: a\nx()\n# ok: a\ny()\nz()\n");
        r.actual.insert((4, "a".into()));
        r.actual.insert((5, "b".into()));
        let failures = r.failures();
        assert_eq!(failures.len(), 3, "{failures:?}");
        assert!(failures.iter().any(|f| f.contains("missed a")));
        assert!(failures.iter().any(|f| f.contains("`ok:` line")));
        assert!(failures.iter().any(|f| f.contains("unannotated hit: b")));
    }
}
