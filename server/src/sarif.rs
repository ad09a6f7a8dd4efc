//! SARIF 2.1.0 output (through the `serde-sarif` types), as GitHub code scanning and other CI
//! consumers read it: every rule with its full explanation as `help`, results with a relative
//! `artifactLocation`, a 1-based region in UTF-16 columns, `partialFingerprints` and
//! `properties` (category, CWE, confidence, origin).

use crate::analysis::Severity;
use crate::rules::{docs_url, explanation_markdown, explanation_text, registry};
use crate::scan::Located;
use serde_sarif::sarif;
use std::collections::BTreeMap;

/// Renders a SARIF log for `findings`. `docs_base` is the rule documentation base URL.
pub fn render(findings: &[Located], docs_base: &str) -> anyhow::Result<String> {
    let mut rule_ids: Vec<&str> = registry().all().iter().map(|r| r.id.as_str()).collect();
    rule_ids.sort_unstable();
    let rules: Vec<sarif::ReportingDescriptor> = rule_ids
        .iter()
        .filter_map(|id| registry().get(id))
        .map(|rule| {
            let mut properties = BTreeMap::new();
            properties.insert("category".to_string(), serde_json::json!(rule.category));
            properties.insert("cwe".to_string(), serde_json::json!(rule.cwe));
            properties.insert("languages".to_string(), serde_json::json!(rule.languages));
            properties.insert(
                "security-severity".to_string(),
                serde_json::json!(security_severity(rule.severity)),
            );
            let mut tags = vec!["security".to_string(), rule.category.clone()];
            tags.extend(rule.cwe.iter().cloned());
            sarif::ReportingDescriptor::builder()
                .id(rule.id.clone())
                .name(rule.title.clone())
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(rule.title.clone())
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(rule.explanation.decision.clone())
                        .build(),
                )
                .help(
                    sarif::MultiformatMessageString::builder()
                        .text(explanation_text(rule))
                        .markdown(explanation_markdown(rule))
                        .build(),
                )
                .help_uri(docs_url(docs_base, &rule.id))
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::json!(level(rule.severity)))
                        .build(),
                )
                .properties(
                    sarif::PropertyBag::builder()
                        .tags(tags)
                        .additional_properties(properties)
                        .build(),
                )
                .build()
        })
        .collect();
    let index_of: BTreeMap<&str, i64> = rule_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i as i64))
        .collect();
    let results: Vec<sarif::Result> = findings
        .iter()
        .map(|f| {
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("vigilFingerprint/v1".to_string(), f.fingerprint.clone());
            let mut properties = BTreeMap::new();
            if let Some(rule) = registry().get(&f.rule) {
                properties.insert("category".to_string(), serde_json::json!(rule.category));
                properties.insert("cwe".to_string(), serde_json::json!(rule.cwe));
            }
            properties.insert(
                "confidence".to_string(),
                serde_json::json!(f.confidence.as_str()),
            );
            properties.insert("origin".to_string(), serde_json::json!(f.origin.as_str()));
            if let Some(source) = &f.input_source {
                properties.insert("inputSource".to_string(), serde_json::json!(source));
            }
            let region = sarif::Region::builder()
                .start_line(f.line as i64)
                .start_column(f.column_utf16 as i64)
                .end_line(f.end_line as i64)
                .end_column(f.end_column_utf16 as i64)
                .build();
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(
                            sarif::ArtifactLocation::builder()
                                .uri(percent_encode_path(&f.file))
                                .uri_base_id("%SRCROOT%")
                                .build(),
                        )
                        .region(region)
                        .build(),
                )
                .build();
            let mut result = sarif::Result::builder()
                .rule_id(f.rule.clone())
                .level(result_level(f.severity))
                .message(sarif::Message::builder().text(f.message.clone()).build())
                .locations(vec![location])
                .partial_fingerprints(fingerprints)
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(properties)
                        .build(),
                )
                .build();
            result.rule_index = index_of.get(f.rule.as_str()).copied();
            result
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("vigil")
        .full_name("vigil-ls security checks")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(crate::rules::DEFAULT_DOCS_BASE)
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::json!("utf16CodeUnits"))
        .build();
    let log = sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log)?;
    text.push('\n');
    Ok(text)
}

fn result_level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info | Severity::Hint => sarif::ResultLevel::Note,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// GitHub code scanning's numeric severity (0–10).
fn security_severity(severity: Severity) -> String {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "3.0",
        Severity::Hint => "1.0",
    }
    .to_string()
}

/// Percent-encodes the characters a relative URI reference may not contain.
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_unicode_are_encoded() {
        assert_eq!(percent_encode_path("a b/é.py"), "a%20b/%C3%A9.py");
    }
}
