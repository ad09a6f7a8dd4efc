//! Finding → Diagnostic, hover and code actions: the protocol shape of the engine's results.

use crate::analysis::{Finding, Severity};
use crate::config::Settings;
use crate::document::PositionEncoding;
use crate::language::Language;
use crate::rules::{docs_url, explanation_markdown, registry};
use ropey::Rope;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeDescription, Command, Diagnostic, DiagnosticSeverity,
    NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

/// The server command a code action attaches to record the developer's decision.
pub const RECORD_DECISION: &str = "vigil.recordDecision";
/// Returns the markdown explanation of a rule.
pub const EXPLAIN: &str = "vigil.server.explain";
/// Writes the HTML posture report and returns its path.
pub const WRITE_REPORT: &str = "vigil.server.writeReport";
/// Marks a pasted block as reviewed (the same arguments as [`RECORD_DECISION`] with
/// `"decision": "reviewed"`; the code action uses [`RECORD_DECISION`]).
pub const MARK_REVIEWED: &str = "vigil.server.markReviewed";

/// What every diagnostic carries in `data`, so code actions need no server lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticData {
    pub rule: String,
    pub fingerprint: String,
    pub confidence: String,
    pub origin: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub input_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<DataFix>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataFix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// Converts a byte range to a protocol range.
pub fn to_range(rope: &Rope, range: &std::ops::Range<usize>, encoding: PositionEncoding) -> Range {
    let start = encoding.to_line_col(rope, range.start);
    let end = encoding.to_line_col(rope, range.end);
    Range {
        start: Position {
            line: start.line,
            character: start.character,
        },
        end: Position {
            line: end.line,
            character: end.character,
        },
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Builds a diagnostic. JetBrains IDEs do not render `codeDescription`, so for them the
/// message carries the docs link itself.
pub fn to_diagnostic(
    finding: &Finding,
    rope: &Rope,
    encoding: PositionEncoding,
    settings: &Settings,
    link_in_message: bool,
) -> Diagnostic {
    let href = docs_url(settings.docs_base(), &finding.rule);
    let data = DiagnosticData {
        rule: finding.rule.clone(),
        fingerprint: finding.fingerprint.clone(),
        confidence: finding.confidence.as_str().to_string(),
        origin: finding.origin.as_str().to_string(),
        input_source: finding.input_source.clone(),
        fix: finding.fix.as_ref().map(|fix| DataFix {
            title: fix.title.clone(),
            edits: fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: to_range(rope, &e.range, encoding),
                    new_text: e.new_text.clone(),
                })
                .collect(),
        }),
    };
    let message = if link_in_message {
        format!("{} ({href})", finding.message)
    } else {
        finding.message.clone()
    };
    Diagnostic {
        range: to_range(rope, &finding.range, encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.clone())),
        code_description: href
            .parse::<Uri>()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("vigil".to_string()),
        message,
        related_information: None,
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// Hover markdown for the findings under the cursor.
pub fn hover_markdown(findings: &[&Finding], settings: &Settings) -> Option<String> {
    let mut parts = Vec::new();
    for finding in findings {
        let rule = registry().get(&finding.rule)?;
        let mut text = format!("**{}**\n\n", finding.message);
        text.push_str(&explanation_markdown(rule));
        text.push_str(&format!(
            "\n[Rule documentation]({}) · confidence: {} · origin: {}\n",
            docs_url(settings.docs_base(), &rule.id),
            finding.confidence.as_str(),
            finding.origin.as_str()
        ));
        parts.push(text);
    }
    (!parts.is_empty()).then(|| parts.join("\n---\n"))
}

/// The comment syntax used to insert a suppression in a file.
pub fn comment_syntax(
    language: Language,
    path: Option<&std::path::Path>,
) -> Option<(&'static str, &'static str)> {
    if let Some(prefix) = language.line_comment() {
        return Some((prefix, ""));
    }
    let extension = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "json" | "lock" => None,
        "xml" | "html" | "htm" | "md" | "svg" => Some(("<!--", " -->")),
        "c" | "h" | "cpp" | "java" | "go" | "kt" | "swift" | "cs" | "php" | "scala" => {
            Some(("//", ""))
        }
        "sql" | "lua" => Some(("--", "")),
        "ini" => Some((";", "")),
        _ => Some(("#", "")),
    }
}

/// The text of an ignore comment inserted above a finding. The reason is a placeholder for
/// the developer to replace; the ledger records a placeholder reason as "no reason".
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is safe";

/// The reason of the secrets' "Ignore: test fixture" action.
pub const TEST_FIXTURE_REASON: &str = "test fixture";

/// The VS Code extension's own report command; the server answers it like `writeReport` (it is
/// not advertised, since the extension registers that name itself).
pub const SHOW_REPORT: &str = "vigil.showReport";

/// Code actions for one finding: its quick fix (preferred) and "Ignore <rule> here".
#[allow(clippy::too_many_arguments)]
pub fn actions_for(
    uri: &Uri,
    finding: &Finding,
    diagnostic: &Diagnostic,
    rope: &Rope,
    encoding: PositionEncoding,
    language: Language,
    path: Option<&std::path::Path>,
) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    let line = rope.byte_to_line(finding.range.start.min(rope.len_bytes()));
    if finding.rule == crate::provenance::RULE_ID {
        // A pasted block is not fixed or ignored: it is reviewed.
        actions.push(CodeAction {
            title: "Mark block as reviewed".to_string(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: None,
            command: Some(decision_command("reviewed", uri, finding, line, None)),
            is_preferred: Some(false),
            disabled: None,
            data: None,
        });
        return actions;
    }
    if let Some(fix) = &finding.fix {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| TextEdit {
                range: to_range(rope, &e.range, encoding),
                new_text: e.new_text.clone(),
            })
            .collect();
        actions.push(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..Default::default()
            }),
            command: Some(decision_command("fixed", uri, finding, line, None)),
            is_preferred: Some(true),
            disabled: None,
            data: None,
        });
    }
    if let Some((open, close)) = comment_syntax(language, path) {
        let line_text = rope.line(line).to_string();
        let indent: String = line_text
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let line_start = rope.line_to_byte(line);
        let at = to_range(rope, &(line_start..line_start), encoding);
        let ignore = |title: String, reason: &str, recorded: Option<&str>| {
            let comment = format!(
                "{indent}{open} vigil: ignore[{}] {reason}{close}\n",
                finding.rule
            );
            CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(
                        uri.clone(),
                        vec![TextEdit {
                            range: at,
                            new_text: comment,
                        }],
                    )])),
                    ..Default::default()
                }),
                command: Some(decision_command("ignored", uri, finding, line, recorded)),
                is_preferred: Some(false),
                disabled: None,
                data: None,
            }
        };
        // Secrets in test fixtures are the common legitimate ignore: offer it with its reason
        // already written, so the ledger gets a real reason instead of a placeholder.
        if finding.rule.starts_with("secret-") {
            actions.push(ignore(
                "Ignore: test fixture".to_string(),
                TEST_FIXTURE_REASON,
                Some(TEST_FIXTURE_REASON),
            ));
        }
        actions.push(ignore(
            format!("Ignore {} here", finding.rule),
            REASON_PLACEHOLDER,
            None,
        ));
    }
    actions
}

/// The command attached to a decision action; the server validates it before recording.
pub fn decision_command(
    kind: &str,
    uri: &Uri,
    finding: &Finding,
    line: usize,
    reason: Option<&str>,
) -> Command {
    Command {
        title: format!("Record: {kind} {}", finding.rule),
        command: RECORD_DECISION.to_string(),
        arguments: Some(vec![serde_json::json!({
            "decision": kind,
            "uri": uri.as_str(),
            "rule": finding.rule,
            "fingerprint": finding.fingerprint,
            "line": line + 1,
            "origin": finding.origin.as_str(),
            "reason": reason,
        })]),
    }
}
