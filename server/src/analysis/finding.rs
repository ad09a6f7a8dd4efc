//! The finding: what every check produces and every front end (LSP, CLI, ledger) consumes.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How serious a finding is. Ordered so that `Error > Warning > Info > Hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How sure the check is that the pattern is exploitable as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Where the code under a finding came from, as far as the editor could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    #[default]
    Typed,
    Pasted,
    AiLikely,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Typed => "typed",
            Origin::Pasted => "pasted",
            Origin::AiLikely => "ai-likely",
        }
    }
}

/// One replacement of a byte range of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByteEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// A mechanical, behaviour-preserving fix carried with the finding so that a code action
/// needs no lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<ByteEdit>,
}

/// One reported problem. Ranges are byte offsets into the analysed text; front ends convert
/// them to lines and columns in their own encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (kebab-case, the file stem of its query and metadata).
    pub rule: String,
    pub range: Range<usize>,
    /// One sentence naming the decision and its consequence. Never contains a secret value.
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// A stable hash that survives line moves: see [`crate::analysis::fingerprint`].
    pub fingerprint: String,
    pub fix: Option<Fix>,
    /// Where the value under the finding visibly comes from (`request.args`, `sys.argv`…).
    pub input_source: Option<String>,
    pub origin: Origin,
    /// The text the fingerprint is computed from. For secrets this is already a hash, so it
    /// never carries the value itself. Not serialized: it is an input, not an output.
    #[serde(skip)]
    pub fingerprint_basis: String,
}

impl Finding {
    /// Moves the finding by `delta` bytes (used when an edit happened before it).
    pub fn shift(&mut self, delta: isize) {
        let move_by = |offset: usize| offset.saturating_add_signed(delta);
        self.range = move_by(self.range.start)..move_by(self.range.end);
        if let Some(fix) = &mut self.fix {
            for edit in &mut fix.edits {
                edit.range = move_by(edit.range.start)..move_by(edit.range.end);
            }
        }
    }
}
