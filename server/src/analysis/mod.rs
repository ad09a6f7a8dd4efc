//! Pure analysis: text and tree in, findings out. No I/O, no protocol, no async.
//!
//! Two entry points share every check: [`check_full`] (the CLI, and a document's first
//! analysis) and [`check_incremental`] (the editor after a change), which re-runs the checks
//! only over the changed ranges widened to their enclosing statements and keeps the cached
//! findings elsewhere (already shifted by the document store).

mod binding_cache;
pub mod finding;
pub mod queries;
pub mod rust_values;
pub mod values;

pub use finding::{ByteEdit, Confidence, Finding, Fix, Origin, Severity};

use crate::language::Language;
use regex::Regex;
use ropey::Rope;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;
use tree_sitter::{Node, Tree};

/// What one analysis looks at.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub rope: &'a Rope,
    pub tree: Option<&'a Tree>,
    pub language: Language,
    /// The file's path (workspace-relative when known): some checks depend on the file type.
    pub path: Option<&'a Path>,
    /// What the front end knows about the project (declared dependencies, approved tools).
    /// Loaded by the CLI or the server, never by the checks themselves (no I/O here).
    pub project: Option<&'a crate::supply::Project>,
}

/// Analyses the whole document.
pub fn check_full(input: &Input) -> Vec<Finding> {
    let whole = 0..input.rope.len_bytes();
    let mut findings = Vec::new();
    run_checks(input, None, &whole, &mut findings);
    finish(input, findings)
}

/// Re-analyses only `dirty` (byte ranges in current coordinates) widened to whole statements
/// and lines, keeping `cached` findings outside those regions.
pub fn check_incremental(
    input: &Input,
    cached: &[Finding],
    dirty: &[Range<usize>],
) -> Vec<Finding> {
    let regions = widen_regions(input, cached, dirty);
    let mut findings: Vec<Finding> = cached
        .iter()
        .filter(|f| !regions.iter().any(|r| overlaps(&f.range, r)))
        .cloned()
        .collect();
    for region in &regions {
        let mut fresh = Vec::new();
        run_checks(input, Some(region.clone()), region, &mut fresh);
        findings.extend(fresh.into_iter().filter(|f| {
            region.contains(&f.range.start) || (region.is_empty() && f.range.start == region.start)
        }));
    }
    finish(input, findings)
}

/// The byte regions an incremental analysis must recompute: each dirty range grown to its
/// enclosing statement (to the enclosing function when the statement binds a name, because
/// constant-ness of other statements may depend on it), then to whole lines plus the line
/// after (a suppression comment governs the next line), then merged, and grown again to cover
/// any cached finding they cut through.
pub fn widen_regions(
    input: &Input,
    cached: &[Finding],
    dirty: &[Range<usize>],
) -> Vec<Range<usize>> {
    let len = input.rope.len_bytes();
    let mut regions: Vec<Range<usize>> = dirty
        .iter()
        .map(|r| {
            let r = r.start.min(len)..r.end.min(len);
            let grown = match input.tree {
                Some(tree) => enclosing_statement_range(tree, r.clone()),
                None => r,
            };
            whole_lines(input.rope, grown, 1)
        })
        .collect();
    loop {
        regions.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in regions {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let mut grew = false;
        for region in &mut merged {
            for f in cached {
                if overlaps(&f.range, region)
                    && (f.range.start < region.start || f.range.end > region.end)
                {
                    region.start = region.start.min(f.range.start);
                    region.end = region.end.max(f.range.end);
                    grew = true;
                }
            }
        }
        regions = merged;
        if !grew {
            return regions;
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start)
}

/// Node kinds whose children are statements.
fn is_statement_container(kind: &str) -> bool {
    matches!(
        kind,
        "module"
            | "block"
            | "program"
            | "statement_block"
            | "source_file"
            | "declaration_list"
            | "class_body"
            | "switch_body"
            | "switch_case"
            | "else_clause"
            | "field_declaration_list"
    )
}

fn binds_a_name(kind: &str) -> bool {
    matches!(
        kind,
        "assignment"
            | "augmented_assignment"
            | "variable_declarator"
            | "lexical_declaration"
            | "variable_declaration"
            | "let_declaration"
            | "assignment_expression"
            | "const_item"
            | "static_item"
    )
}

fn enclosing_statement_range(tree: &Tree, range: Range<usize>) -> Range<usize> {
    let root = tree.root_node();
    let Some(mut node) = root.descendant_for_byte_range(range.start, range.end) else {
        return range;
    };
    if is_statement_container(node.kind()) {
        return range;
    }
    while let Some(parent) = node.parent() {
        if is_statement_container(parent.kind()) {
            break;
        }
        node = parent;
    }
    let mut grown = node.byte_range();
    if contains_binding(node) {
        let scope = values::enclosing_scope(node);
        if scope.parent().is_some() {
            grown = scope.byte_range();
        }
    }
    grown.start.min(range.start)..grown.end.max(range.end)
}

fn contains_binding(node: Node) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    let mut visited = 0;
    while let Some(n) = stack.pop() {
        visited += 1;
        if binds_a_name(n.kind()) {
            return true;
        }
        if visited > 2000 {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

/// Grows a byte range to whole lines, plus `extra_after` lines after it.
pub fn whole_lines(rope: &Rope, range: Range<usize>, extra_after: usize) -> Range<usize> {
    let len = rope.len_bytes();
    let first = rope.byte_to_line(range.start.min(len));
    let last = rope.byte_to_line(range.end.min(len));
    let end_line = (last + 1 + extra_after).min(rope.len_lines());
    let end = if end_line >= rope.len_lines() {
        len
    } else {
        rope.line_to_byte(end_line)
    };
    rope.line_to_byte(first)..end
}

/// Runs every check of the input's language over `query_range` (`None` = everything) and the
/// text checks over `text_range`.
fn run_checks(
    input: &Input,
    query_range: Option<Range<usize>>,
    text_range: &Range<usize>,
    out: &mut Vec<Finding>,
) {
    if let Some(tree) = input.tree {
        queries::run(
            input.language,
            input.rope,
            tree,
            query_range,
            input.path,
            out,
        );
    }
    text_checks(input, text_range, out);
}

/// Checks that read text rather than syntax (they run on every file type, parsed or not):
/// secret detection over `range`, and the supply-chain checks of manifests and CI files
/// (which are small and read whole).
fn text_checks(input: &Input, range: &Range<usize>, out: &mut Vec<Finding>) {
    crate::secrets::check(input, range, out);
    crate::supply::check(input, range, out);
}

/// Drops suppressed findings, sorts, and assigns fingerprints.
fn finish(input: &Input, mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.retain(|f| !is_suppressed(input.rope, f));
    findings.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(a.range.end.cmp(&b.range.end))
            .then(a.rule.cmp(&b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    assign_fingerprints(&mut findings);
    findings
}

static SUPPRESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"vigil:\s*ignore\[([A-Za-z0-9_\-,\s]+)\]").expect("valid regex"));

/// A suppression comment found in a line: the rule ids and the reason after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
}

/// Parses a `vigil: ignore[rule-a, rule-b] reason` comment in `line`.
pub fn parse_suppression(line: &str) -> Option<Suppression> {
    let caps = SUPPRESSION.captures(line)?;
    let rules = caps[1]
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    let after = &line[caps.get(0).map_or(line.len(), |m| m.end())..];
    let reason = after
        .trim()
        .trim_end_matches("*/")
        .trim_end_matches("-->")
        .trim()
        .to_string();
    Some(Suppression { rules, reason })
}

/// True when the finding's first line, or the line before it, carries a suppression comment
/// naming its rule.
pub fn is_suppressed(rope: &Rope, finding: &Finding) -> bool {
    let len = rope.len_bytes();
    let line = rope.byte_to_line(finding.range.start.min(len));
    let lines = [Some(line), line.checked_sub(1)];
    lines.into_iter().flatten().any(|l| {
        let text = rope.line(l);
        // Cheap check before allocating.
        if text.len_bytes() > 4096 {
            return false;
        }
        let text = text.to_string();
        parse_suppression(&text).is_some_and(|s| s.rules.contains(&finding.rule))
    })
}

/// Gives each finding a fingerprint that survives line moves: a hash of the rule, the
/// normalised text of the finding (for secrets: the hash of the value) and its occurrence
/// number among identical findings of the file. The path is deliberately not part of it, so
/// the editor, the CLI and the ledger agree whatever the working directory.
pub fn assign_fingerprints(findings: &mut [Finding]) {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for f in findings.iter_mut() {
        let key = (f.rule.clone(), f.fingerprint_basis.clone());
        let n = seen.entry(key).or_insert(0);
        let mut hasher = Sha256::new();
        hasher.update(f.rule.as_bytes());
        hasher.update([0]);
        hasher.update(f.fingerprint_basis.as_bytes());
        hasher.update([0]);
        hasher.update(n.to_string().as_bytes());
        *n += 1;
        f.fingerprint = hex::encode(&hasher.finalize()[..8]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments_parse_rules_and_reason() {
        let s = parse_suppression("    # vigil: ignore[eval-non-constant, x] trusted admin input")
            .unwrap();
        assert_eq!(s.rules, vec!["eval-non-constant", "x"]);
        assert_eq!(s.reason, "trusted admin input");
        let s = parse_suppression("/* vigil: ignore[a] */").unwrap();
        assert_eq!(s.reason, "");
        assert!(parse_suppression("# vigil ignore a").is_none());
    }

    #[test]
    fn fingerprints_ignore_position_but_count_occurrences() {
        let mk = |start: usize| Finding {
            rule: "r".into(),
            range: start..start + 3,
            message: String::new(),
            severity: Severity::Warning,
            confidence: Confidence::High,
            fingerprint: String::new(),
            fix: None,
            input_source: None,
            origin: Origin::Typed,
            fingerprint_basis: "eval(x)".into(),
        };
        let mut a = vec![mk(0), mk(50)];
        let mut b = vec![mk(100), mk(900)];
        assign_fingerprints(&mut a);
        assign_fingerprints(&mut b);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[1].fingerprint, b[1].fingerprint);
        assert_ne!(a[0].fingerprint, a[1].fingerprint);
        assert_eq!(a[0].fingerprint.len(), 16);
    }

    #[test]
    fn whole_lines_includes_the_following_line() {
        let rope = Rope::from_str("a\nbb\nccc\n");
        assert_eq!(whole_lines(&rope, 3..3, 1), 2..9);
        assert_eq!(whole_lines(&rope, 0..1, 0), 0..2);
    }
}
