//! Provenance from the edit stream: which parts of a document were pasted (one content change
//! that inserts at least `paste.minLines` lines or `paste.minChars` characters), which of those
//! look assistant-written (the content signals of [`signals::SIGNALS`]), and how those regions
//! survive later edits (shifted, shrunk, split, dropped when rewritten).
//!
//! Pure like the analysis: the document store calls [`Provenance::on_change`] with the shape of
//! every applied change, and the front end calls [`decorate`] to give findings their origin and
//! to add the `ai-pasted-block` findings.

pub mod signals;

use crate::analysis::{Confidence, Finding, Origin, Severity};
use crate::document::EditShape;
use crate::language::Language;
use crate::rules::meta::{Explanation, RuleMeta};
use ropey::Rope;
use sha2::{Digest, Sha256};
use std::ops::Range;

/// The rule id of the pasted-block diagnostic.
pub const RULE_ID: &str = "ai-pasted-block";

/// A region is dropped once fewer than this share of its pasted bytes survive.
const DROP_BELOW_SURVIVING: f64 = 0.1;

/// When a paste counts as a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub min_lines: usize,
    pub min_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_lines: 6,
            min_chars: 200,
        }
    }
}

impl From<&crate::config::PasteConfig> for Thresholds {
    fn from(config: &crate::config::PasteConfig) -> Self {
        Thresholds {
            min_lines: config.min_lines.max(1),
            min_chars: config.min_chars.max(1),
        }
    }
}

/// Answers whether the project's manifests declare a package. `None` means "cannot tell" (no
/// manifest for that ecosystem), which never raises the undeclared-import signal. The server
/// plugs the supply-chain module's project model in here; provenance does not read manifests.
pub trait Declared: Send + Sync {
    fn declares(&self, language: Language, package: &str) -> Option<bool>;
}

/// One pasted region.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Stable across edits; split parts get fresh ids.
    pub id: u64,
    /// The byte ranges (current coordinates) still holding pasted text, sorted and disjoint.
    pub pieces: Vec<Range<usize>>,
    /// Pasted bytes at paste time.
    pub original_len: usize,
    /// 0..1, from the signals (see [`signals::score`]).
    pub score: f32,
    /// The ids of the signals found.
    pub signals: Vec<&'static str>,
    /// Packages the pasted text imports that no manifest declares.
    pub undeclared: Vec<String>,
    pub reviewed: bool,
    /// The fingerprint of the region's diagnostic: a hash of the pasted text.
    pub fingerprint: String,
}

impl Region {
    /// The smallest range covering every piece.
    pub fn hull(&self) -> Range<usize> {
        let start = self.pieces.first().map_or(0, |p| p.start);
        let end = self.pieces.last().map_or(0, |p| p.end);
        start..end
    }

    pub fn surviving(&self) -> usize {
        self.pieces.iter().map(|p| p.end - p.start).sum()
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.pieces
            .iter()
            .any(|p| p.start <= offset && offset < p.end)
    }

    pub fn origin(&self) -> Origin {
        if self.score >= signals::AI_LIKELY_THRESHOLD {
            Origin::AiLikely
        } else {
            Origin::Pasted
        }
    }

    /// The signals' descriptions, for messages and hovers.
    pub fn reasons(&self) -> Vec<&'static str> {
        self.signals
            .iter()
            .filter_map(|id| signals::SIGNALS.iter().find(|s| s.id == *id))
            .map(|s| s.describes)
            .collect()
    }
}

/// Every region of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    pub regions: Vec<Region>,
    next_id: u64,
}

impl Provenance {
    /// Forgets every region (the whole text was replaced).
    pub fn reset(&mut self) {
        self.regions.clear();
    }

    /// Updates regions for one applied change (`shape` in the coordinates before it; `rope` is
    /// the text after it) and records a new region when `inserted` is a paste.
    pub fn on_change(
        &mut self,
        shape: &EditShape,
        inserted: &str,
        rope: &Rope,
        language: Language,
        thresholds: Thresholds,
        declared: Option<&dyn Declared>,
    ) {
        self.track(shape, rope);
        if is_paste(inserted, thresholds) {
            self.add(
                shape.start..shape.new_end,
                inserted,
                rope,
                language,
                declared,
            );
        }
    }

    /// Shifts, shrinks, splits and drops regions through an edit.
    fn track(&mut self, shape: &EditShape, rope: &Rope) {
        let delta = shape.delta();
        let mut next_id = self.next_id;
        let mut kept = Vec::new();
        for mut region in std::mem::take(&mut self.regions) {
            let mut pieces = Vec::new();
            for p in &region.pieces {
                if p.end <= shape.start {
                    pieces.push(p.clone());
                } else if p.start >= shape.old_end {
                    pieces.push(
                        p.start.saturating_add_signed(delta)..p.end.saturating_add_signed(delta),
                    );
                } else {
                    if p.start < shape.start {
                        pieces.push(p.start..shape.start);
                    }
                    if p.end > shape.old_end {
                        pieces.push(shape.new_end..p.end.saturating_add_signed(delta));
                    }
                }
            }
            // Pieces that now touch (a deletion closed the gap) merge again.
            let mut merged: Vec<Range<usize>> = Vec::new();
            for p in pieces.into_iter().filter(|p| p.start < p.end) {
                match merged.last_mut() {
                    Some(last) if p.start <= last.end => last.end = last.end.max(p.end),
                    _ => merged.push(p),
                }
            }
            region.pieces = merged;
            if (region.surviving() as f64) < region.original_len as f64 * DROP_BELOW_SURVIVING
                || region.pieces.is_empty()
            {
                continue;
            }
            // A whole typed line between two pieces splits the region in two.
            let mut parts: Vec<Vec<Range<usize>>> = vec![Vec::new()];
            for p in &region.pieces {
                let current = parts.last_mut().expect("never empty");
                if let Some(last) = current.last() {
                    if newlines(rope, last.end..p.start) >= 2 {
                        parts.push(vec![p.clone()]);
                        continue;
                    }
                }
                current.push(p.clone());
            }
            if parts.len() == 1 {
                kept.push(region);
                continue;
            }
            for (i, part) in parts.into_iter().enumerate() {
                let mut split = region.clone();
                split.original_len = part.iter().map(|p| p.end - p.start).sum::<usize>().max(1);
                split.pieces = part;
                if i > 0 {
                    next_id += 1;
                    split.id = next_id;
                    split.fingerprint = derive_fingerprint(&region.fingerprint, i);
                }
                kept.push(split);
            }
        }
        self.next_id = next_id;
        self.regions = kept;
    }

    fn add(
        &mut self,
        range: Range<usize>,
        inserted: &str,
        rope: &Rope,
        language: Language,
        declared: Option<&dyn Declared>,
    ) {
        // The rest of the file, for the style comparison (bounded: style settles quickly).
        let len = rope.len_bytes();
        let before = rope.slice(
            rope.byte_to_char(range.start.saturating_sub(20_000).min(len))
                ..rope.byte_to_char(range.start.min(len)),
        );
        let after = rope.slice(
            rope.byte_to_char(range.end.min(len))..rope.byte_to_char((range.end + 20_000).min(len)),
        );
        let rest = format!("{before}{after}");
        let mut found: Vec<&'static str> = signals::detect(inserted, &rest, language)
            .into_iter()
            .map(|s| s.id)
            .collect();
        let undeclared: Vec<String> = match declared {
            Some(declared) => signals::imports(inserted, language)
                .into_iter()
                .filter(|p| declared.declares(language, p) == Some(false))
                .collect(),
            None => Vec::new(),
        };
        if !undeclared.is_empty() {
            found.push("undeclared-import");
        }
        let score = signals::score(&found);
        self.next_id += 1;
        let mut hasher = Sha256::new();
        hasher.update(RULE_ID.as_bytes());
        hasher.update([0]);
        hasher.update(inserted.as_bytes());
        let fingerprint = hex::encode(&hasher.finalize()[..8]);
        // Pasting over a region replaces it; the new region stands alone.
        self.regions
            .retain(|r| r.hull().end <= range.start || r.hull().start >= range.end);
        let region = Region {
            id: self.next_id,
            pieces: vec![range.clone()],
            original_len: inserted.len().max(1),
            score,
            signals: found,
            undeclared,
            reviewed: false,
            fingerprint,
        };
        let at = self
            .regions
            .iter()
            .position(|r| r.hull().start > range.start)
            .unwrap_or(self.regions.len());
        self.regions.insert(at, region);
    }

    /// Marks the region with this diagnostic fingerprint reviewed. Returns it when found.
    pub fn mark_reviewed(&mut self, fingerprint: &str) -> Option<&Region> {
        let region = self
            .regions
            .iter_mut()
            .find(|r| r.fingerprint == fingerprint)?;
        region.reviewed = true;
        Some(region)
    }

    /// The origin of code at `offset`.
    pub fn origin_at(&self, offset: usize) -> Origin {
        self.regions
            .iter()
            .find(|r| r.contains(offset))
            .map_or(Origin::Typed, Region::origin)
    }
}

fn derive_fingerprint(parent: &str, part: usize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(parent.as_bytes());
    hasher.update([0]);
    hasher.update(part.to_string().as_bytes());
    hex::encode(&hasher.finalize()[..8])
}

fn newlines(rope: &Rope, range: Range<usize>) -> usize {
    let (start, end) = (snap(rope, range.start), snap(rope, range.end));
    if start >= end {
        return 0;
    }
    rope.byte_slice(start..end)
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
}

/// True when one inserted text is large enough to be a paste.
pub fn is_paste(inserted: &str, thresholds: Thresholds) -> bool {
    if inserted.trim().is_empty() {
        return false;
    }
    inserted.lines().count() >= thresholds.min_lines
        || inserted.chars().count() >= thresholds.min_chars
}

/// Gives findings inside a region their origin and adds one `ai-pasted-block` finding per
/// unreviewed region that has a security finding or an undeclared import inside, or an
/// ai-likely score.
pub fn decorate(provenance: &Provenance, rope: &Rope, findings: &mut Vec<Finding>) {
    if provenance.regions.is_empty() {
        return;
    }
    let mut blocks = Vec::new();
    for region in &provenance.regions {
        let mut inside = 0;
        for f in findings.iter_mut() {
            if region.contains(f.range.start) {
                f.origin = region.origin();
                inside += 1;
            }
        }
        if region.reviewed {
            continue;
        }
        let ai_likely = region.origin() == Origin::AiLikely;
        if inside == 0 && region.undeclared.is_empty() && !ai_likely {
            continue;
        }
        let hull = region.hull();
        let range = trim_whitespace(rope, snap(rope, hull.start)..snap(rope, hull.end));
        let lines = line_count(rope, &range);
        blocks.push(Finding {
            rule: RULE_ID.to_string(),
            range,
            message: message(region, lines, inside),
            severity: Severity::Info,
            confidence: Confidence::Medium,
            fingerprint: region.fingerprint.clone(),
            fix: None,
            input_source: None,
            origin: region.origin(),
            fingerprint_basis: String::new(),
        });
    }
    findings.extend(blocks);
    findings.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.rule.cmp(&b.rule)));
}

/// The nearest char boundary at or before `byte` (clamped to the text).
fn snap(rope: &Rope, byte: usize) -> usize {
    rope.char_to_byte(rope.byte_to_char(byte.min(rope.len_bytes())))
}

fn trim_whitespace(rope: &Rope, range: Range<usize>) -> Range<usize> {
    let slice = rope.byte_slice(range.clone());
    let leading = slice
        .bytes()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let text_len = range.end - range.start;
    if leading == text_len {
        return range;
    }
    let trailing = {
        let mut n = 0;
        let mut i = text_len;
        while i > leading && slice.byte(i - 1).is_ascii_whitespace() {
            n += 1;
            i -= 1;
        }
        n
    };
    range.start + leading..range.end - trailing
}

fn line_count(rope: &Rope, range: &Range<usize>) -> usize {
    if range.is_empty() {
        return 0;
    }
    rope.byte_to_line(range.end) - rope.byte_to_line(range.start) + 1
}

/// "42 pasted lines, 2 security findings, imports `foo` which no manifest declares; looks
/// assistant-written: …".
fn message(region: &Region, lines: usize, findings: usize) -> String {
    let what = match region.origin() {
        Origin::AiLikely => "pasted, likely assistant-written",
        _ => "pasted",
    };
    let mut parts = vec![format!(
        "{lines} {what} line{}",
        if lines == 1 { "" } else { "s" }
    )];
    if findings > 0 {
        parts.push(format!(
            "{findings} security finding{}",
            if findings == 1 { "" } else { "s" }
        ));
    }
    if !region.undeclared.is_empty() {
        let names: Vec<String> = region.undeclared.iter().map(|p| format!("`{p}`")).collect();
        parts.push(format!(
            "imports {} which no manifest declares",
            names.join(", ")
        ));
    }
    let mut text = parts.join(", ");
    let reasons: Vec<&str> = region
        .signals
        .iter()
        .filter(|id| **id != "undeclared-import")
        .filter_map(|id| signals::SIGNALS.iter().find(|s| s.id == *id))
        .map(|s| s.describes)
        .collect();
    if !reasons.is_empty() {
        text.push_str(&format!("; signals: {}", reasons.join(", ")));
    }
    text.push_str(&format!(
        " (score {:.2}): review where its inputs come from, what it pulls in and what it trusts",
        region.score
    ));
    text
}

/// The registry entry of `ai-pasted-block`.
pub fn rules() -> Vec<RuleMeta> {
    vec![RuleMeta {
        id: RULE_ID.to_string(),
        title: "Pasted or assistant-written block to review".to_string(),
        severity: Severity::Info,
        category: "provenance".to_string(),
        cwe: vec!["CWE-1357".to_string(), "CWE-829".to_string()],
        owasp: vec!["A08:2021 Software and Data Integrity Failures".to_string()],
        languages: vec!["any".to_string()],
        confidence: Confidence::Medium,
        message: "{finding}".to_string(),
        explanation: Explanation {
            decision: "You are accepting code you did not write: a block pasted in one go, from \
                       a snippet site, another project or a code assistant. Keeping it makes its \
                       assumptions yours."
                .to_string(),
            attacker: "Pasted code carries its author's trust decisions: where its inputs come \
                       from, which packages it pulls in (a hallucinated package name is a free \
                       name for an attacker to register), and what it believes is safe. Nobody \
                       reviewed those decisions for your context."
                .to_string(),
            safer_default: "Read a pasted block as you would a pull request from a stranger \
                            before you keep it: trace each input to its source, check each \
                            import against your manifests and each credential or URL for \
                            placeholders."
                .to_string(),
            fix: "Resolve the security findings inside the block, declare or remove the \
                  packages it imports, replace placeholders, then run \"Mark block as \
                  reviewed\" so the review is recorded in the ledger."
                .to_string(),
            references: vec!["docs/ledger.md".to_string()],
        },
        fixes: Vec::new(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(start: usize, old_end: usize, new_len: usize) -> EditShape {
        EditShape {
            start,
            old_end,
            new_end: start + new_len,
        }
    }

    /// Applies an edit to a string and to the provenance, like the document store does.
    fn edit(text: &mut String, p: &mut Provenance, start: usize, old_end: usize, new: &str) {
        text.replace_range(start..old_end, new);
        let rope = Rope::from_str(text);
        p.on_change(
            &shape(start, old_end, new.len()),
            new,
            &rope,
            Language::Python,
            Thresholds::default(),
            None,
        );
    }

    const BLOCK: &str = "def a():\n    pass\n\ndef b():\n    pass\n\ndef c():\n    pass\n";

    #[test]
    fn typing_is_not_pasting_and_a_block_is() {
        let mut text = String::from("x = 1\n");
        let mut p = Provenance::default();
        for (i, c) in "y = 2\nz = 3\n".chars().enumerate() {
            edit(&mut text, &mut p, 6 + i, 6 + i, &c.to_string());
        }
        assert!(p.regions.is_empty());
        let at = text.len();
        edit(&mut text, &mut p, at, at, BLOCK);
        assert_eq!(p.regions.len(), 1);
        assert_eq!(p.regions[0].pieces, vec![at..at + BLOCK.len()]);
        assert_eq!(p.regions[0].origin(), Origin::Pasted);
        // 200 characters on one line is a paste too; 5 short lines is not.
        assert!(is_paste(&"a".repeat(200), Thresholds::default()));
        assert!(!is_paste("a\nb\nc\nd\ne\n", Thresholds::default()));
        assert!(!is_paste("\n\n\n\n\n\n\n", Thresholds::default()));
    }

    #[test]
    fn regions_shift_shrink_split_and_drop() {
        let mut text = String::from("head\n");
        let mut p = Provenance::default();
        edit(&mut text, &mut p, 5, 5, BLOCK);
        let original = p.regions[0].clone();
        // Typing before the block shifts it.
        edit(&mut text, &mut p, 0, 0, "# hi\n");
        assert_eq!(p.regions[0].pieces, vec![10..10 + BLOCK.len()]);
        // Deleting a line inside shrinks it.
        let line = text.find("    pass\n").unwrap();
        edit(&mut text, &mut p, line, line + 9, "");
        assert_eq!(p.regions.len(), 1);
        assert_eq!(p.regions[0].surviving(), BLOCK.len() - 9);
        assert_eq!(p.regions[0].fingerprint, original.fingerprint);
        // Typing two whole lines in the middle splits it.
        let mid = text.find("def b").unwrap();
        edit(&mut text, &mut p, mid, mid, "x = 1\ny = 2\n");
        assert_eq!(p.regions.len(), 2);
        assert_ne!(p.regions[0].fingerprint, p.regions[1].fingerprint);
        assert!(!p.regions[0].contains(mid + 2));
        assert_eq!(p.origin_at(mid + 2), Origin::Typed);
        assert_eq!(p.origin_at(mid + 14), Origin::Pasted);
        // Rewriting everything drops both.
        let len = text.len();
        edit(&mut text, &mut p, 0, len, "z = 0\n");
        assert!(p.regions.is_empty());
    }

    #[test]
    fn decorate_sets_origins_and_adds_the_block_finding() {
        let mut text = String::from("import os\n");
        let mut p = Provenance::default();
        let pasted =
            "```python\n# Here's a helper\ndef run(cmd):\n    os.system(cmd)\n\nrun(\"ls\")\n```\n";
        edit(&mut text, &mut p, 10, 10, pasted);
        assert_eq!(p.regions[0].origin(), Origin::AiLikely);
        let rope = Rope::from_str(&text);
        let at = text.find("os.system").unwrap();
        let mut findings = vec![Finding {
            rule: "shell-command-non-constant".into(),
            range: at..at + 14,
            message: String::new(),
            severity: Severity::Error,
            confidence: Confidence::High,
            fingerprint: "0000000000000000".into(),
            fix: None,
            input_source: None,
            origin: Origin::Typed,
            fingerprint_basis: String::new(),
        }];
        decorate(&p, &rope, &mut findings);
        assert_eq!(findings.len(), 2);
        let block = findings.iter().find(|f| f.rule == RULE_ID).unwrap();
        assert!(
            block
                .message
                .starts_with("7 pasted, likely assistant-written lines, 1 security finding"),
            "{}",
            block.message
        );
        assert!(block.message.contains("markdown code fence"));
        assert_eq!(block.severity, Severity::Info);
        let inner = findings.iter().find(|f| f.rule != RULE_ID).unwrap();
        assert_eq!(inner.origin, Origin::AiLikely);
        // Reviewed blocks keep their origin but lose the diagnostic.
        let fingerprint = block.fingerprint.clone();
        assert!(p.mark_reviewed(&fingerprint).is_some());
        findings.retain(|f| f.rule != RULE_ID);
        decorate(&p, &rope, &mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].origin, Origin::AiLikely);
    }

    #[test]
    fn a_plain_paste_without_findings_is_quiet() {
        let mut text = String::new();
        let mut p = Provenance::default();
        edit(&mut text, &mut p, 0, 0, BLOCK);
        let rope = Rope::from_str(&text);
        let mut findings = Vec::new();
        decorate(&p, &rope, &mut findings);
        assert!(findings.is_empty());
    }

    proptest::proptest! {
        /// Random edits (multi-byte text included) never panic, and every piece stays inside
        /// the text, sorted and disjoint.
        #[test]
        fn random_edits_keep_regions_consistent(
            edits in proptest::collection::vec((0usize..400, 0usize..40, 0usize..6, proptest::bool::ANY), 1..40)
        ) {
            let words = ["x", "é", "漢字\n", "😀 = 1\n", "\n", "def f():\n    pass\n"];
            let mut text = String::from("start\n");
            let mut p = Provenance::default();
            for (at, len, word, big) in edits {
                let mut start = at.min(text.len());
                while !text.is_char_boundary(start) { start -= 1; }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) { end -= 1; }
                let new = if big { words[word].repeat(8) } else { words[word].to_string() };
                edit(&mut text, &mut p, start, end, &new);
                let rope = Rope::from_str(&text);
                let mut findings = Vec::new();
                decorate(&p, &rope, &mut findings);
                for region in &p.regions {
                    let mut last = 0;
                    for piece in &region.pieces {
                        proptest::prop_assert!(piece.start >= last && piece.start < piece.end);
                        proptest::prop_assert!(piece.end <= text.len());
                        last = piece.end;
                    }
                }
            }
        }
    }

    struct Manifest;
    impl Declared for Manifest {
        fn declares(&self, _: Language, package: &str) -> Option<bool> {
            Some(package == "requests" || package == "os")
        }
    }

    #[test]
    fn undeclared_imports_use_the_hook() {
        let text = "import os\nimport requests\nimport reqeusts\n\nx = 1\ny = 2\n";
        let rope = Rope::from_str(text);
        let mut p = Provenance::default();
        p.on_change(
            &shape(0, 0, text.len()),
            text,
            &rope,
            Language::Python,
            Thresholds::default(),
            Some(&Manifest),
        );
        assert_eq!(p.regions[0].undeclared, ["reqeusts"]);
        let mut findings = Vec::new();
        decorate(&p, &rope, &mut findings);
        assert!(findings[0]
            .message
            .contains("imports `reqeusts` which no manifest declares"));
    }
}
