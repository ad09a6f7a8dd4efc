//! `vigil scan --format sarif` validates against the official SARIF 2.1.0 schema (vendored in
//! `tests/schemas/`, the OASIS `sarif-schema-2.1.0.json`) and carries what code-scanning
//! consumers need: rules with help, relative URIs, 1-based regions, fingerprints, and the
//! category and CWE of every result.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn scan_sarif(dir: &Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["scan", "--format", "sarif", "--fail-on", "never"])
        .arg(dir)
        .output()
        .expect("vigil runs");
    assert!(
        output.status.success(),
        "vigil scan failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("SARIF output is JSON")
}

fn schema() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/schemas/sarif-schema-2.1.0.json"))
        .expect("vendored schema");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let sarif = scan_sarif(&repo().join("tests/fixtures"));
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");

    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        assert!(rule["help"]["text"].as_str().unwrap().contains("Decision"));
        assert!(rule["help"]["markdown"].as_str().is_some());
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 10, "expected findings in the fixtures");
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        assert!(
            rules.iter().any(|r| r["id"] == id),
            "{id} is not in tool.driver.rules"
        );
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "uri not relative: {uri}"
        );
        let region = &location["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(region["endLine"].as_u64().unwrap() >= region["startLine"].as_u64().unwrap());
        assert!(region["endColumn"].as_u64().is_some());
        assert_eq!(
            result["partialFingerprints"]["vigilFingerprint/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
        assert!(result["properties"]["category"].as_str().is_some());
        assert!(result["properties"]["cwe"].is_array());
    }
}

#[test]
fn a_schema_violation_would_be_caught() {
    // Guard against a validator that accepts everything: a result without a message is invalid.
    let mut sarif = scan_sarif(&repo().join("tests/fixtures/python"));
    sarif["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let validator = jsonschema::validator_for(&schema()).unwrap();
    assert!(!validator.is_valid(&sarif));
}

#[test]
fn the_editor_and_the_cli_agree_on_fingerprints() {
    // The fingerprint in SARIF is the one the editor puts in `data.fingerprint` and the ledger
    // records: computed from the rule and the finding's text, not its path or line.
    let dir = tempfile::tempdir().unwrap();
    let code = "import os, sys\nos.system(\"ls \" + sys.argv[1])\n";
    std::fs::write(dir.path().join("a.py"), code).unwrap();
    std::fs::write(dir.path().join("b.py"), format!("\n\n\n{code}")).unwrap();
    let sarif = scan_sarif(dir.path());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let prints: Vec<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["vigilFingerprint/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        prints[0], prints[1],
        "moving the code must not change its fingerprint"
    );
}
