//! Rule metadata: what every rule carries besides its pattern.

use crate::analysis::Severity;
use serde::{Deserialize, Serialize};

/// The four-part explanation every rule teaches, plus references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the developer is choosing here.
    pub decision: String,
    /// How an attacker sees that choice.
    pub attacker: String,
    /// The cheapest safe choice.
    pub safer_default: String,
    /// How to fix this instance.
    pub fix: String,
    #[serde(default)]
    pub references: Vec<String>,
}

/// A quick fix declared in rule metadata. The query marks the node to change with the
/// capture named by `capture` (default `fix`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixSpec {
    /// The language this fix applies to; `None` means every language of the rule.
    #[serde(default)]
    pub language: Option<String>,
    pub title: String,
    #[serde(default = "default_fix_capture")]
    pub capture: String,
    /// The replacement text. `{name}` is replaced by the text of capture `@name`.
    #[serde(default)]
    pub replace: Option<String>,
    /// Delete the captured node, with the comma and spacing that separate it from its
    /// neighbours in an argument or field list.
    #[serde(default)]
    pub delete: bool,
}

fn default_fix_capture() -> String {
    "fix".to_string()
}

/// One rule's registry entry. Query rules read it from `queries/rules/<id>.toml`; the secret
/// detectors and supply-chain checks build theirs in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// A kebab-case family such as `command-injection`, `secrets`, `supply-chain`.
    pub category: String,
    pub cwe: Vec<String>,
    #[serde(default)]
    pub owasp: Vec<String>,
    /// `python`, `javascript` (also runs on TypeScript and TSX), `typescript` (TypeScript and
    /// TSX only), `rust`, or `any` for text checks that run on every file.
    pub languages: Vec<String>,
    #[serde(default = "default_confidence")]
    pub confidence: crate::analysis::Confidence,
    /// The one-sentence diagnostic message. `{finding}` is replaced by the (shortened) text of
    /// the reported node; `{source}` by where the value comes from, when that is known.
    pub message: String,
    pub explanation: Explanation,
    #[serde(default)]
    pub fixes: Vec<FixSpec>,
}

fn default_confidence() -> crate::analysis::Confidence {
    crate::analysis::Confidence::Medium
}
