//! Configuration: `.vigil.toml` at the workspace root, and the same keys from the client
//! (`initializationOptions`, `workspace/configuration` section `vigil`).
//!
//! Keys are camelCase in JSON and either camelCase or snake_case in TOML:
//! `rules.disabled`, `rules.severity`, `exclude`, `minSeverity`, `docsBaseUrl`,
//! `ledger.enabled`, `ledger.path`, `developer`, `paste.minLines`, `paste.minChars`,
//! `governance.approved`.

use crate::analysis::{Finding, Severity};
use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The name of the workspace configuration file.
pub const CONFIG_FILE: &str = ".vigil.toml";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids that are turned off.
    #[serde(default)]
    pub disabled: BTreeSet<String>,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub path: Option<String>,
}

impl Default for LedgerConfig {
    fn default() -> Self {
        LedgerConfig {
            enabled: true,
            path: None,
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasteConfig {
    #[serde(default = "default_min_lines", alias = "min_lines")]
    pub min_lines: usize,
    #[serde(default = "default_min_chars", alias = "min_chars")]
    pub min_chars: usize,
}

impl Default for PasteConfig {
    fn default() -> Self {
        PasteConfig {
            min_lines: default_min_lines(),
            min_chars: default_min_chars(),
        }
    }
}

fn default_min_lines() -> usize {
    6
}
fn default_min_chars() -> usize {
    200
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GovernanceConfig {
    /// Glob patterns of approved CI actions and tools (`actions/*`).
    #[serde(default)]
    pub approved: Vec<String>,
}

/// Every setting. Unknown keys are errors, so a typo is reported instead of ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub rules: RulesConfig,
    /// Path globs (relative to the workspace root) that are never analysed.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Findings below this severity are not reported.
    #[serde(default = "default_min_severity", alias = "min_severity")]
    pub min_severity: Severity,
    /// Where rule documentation lives; a rule's link is `<base>#<rule-id>`.
    #[serde(default, alias = "docs_base_url")]
    pub docs_base_url: Option<String>,
    #[serde(default)]
    pub ledger: LedgerConfig,
    /// Overrides the developer identity recorded in the ledger (`Name <email>`).
    #[serde(default)]
    pub developer: Option<String>,
    #[serde(default)]
    pub paste: PasteConfig,
    #[serde(default)]
    pub governance: GovernanceConfig,
}

fn default_min_severity() -> Severity {
    Severity::Hint
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: RulesConfig::default(),
            exclude: Vec::new(),
            min_severity: default_min_severity(),
            docs_base_url: None,
            ledger: LedgerConfig::default(),
            developer: None,
            paste: PasteConfig::default(),
            governance: GovernanceConfig::default(),
        }
    }
}

/// Every dotted settings key, for the editors' drift tests (`editors/settings-keys.json`).
pub const SETTING_KEYS: &[&str] = &[
    "rules.disabled",
    "rules.severity",
    "exclude",
    "minSeverity",
    "docsBaseUrl",
    "ledger.enabled",
    "ledger.path",
    "developer",
    "paste.minLines",
    "paste.minChars",
    "governance.approved",
];

/// A configuration problem, reported to the user naming the file, key and problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}: {problem}")]
pub struct ConfigError {
    pub source_name: String,
    pub problem: String,
}

impl Settings {
    /// Parses `.vigil.toml` text. `source_name` names the file in errors.
    pub fn from_toml(text: &str, source_name: &str) -> Result<Settings, ConfigError> {
        let settings: Settings = toml::from_str(text).map_err(|e| ConfigError {
            source_name: source_name.to_string(),
            problem: e.message().to_string()
                + &e.span()
                    .map(|s| {
                        let line = text[..s.start.min(text.len())].lines().count().max(1);
                        format!(" (line {line})")
                    })
                    .unwrap_or_default(),
        })?;
        settings.validate(source_name)?;
        Ok(settings)
    }

    /// Parses client settings (the `vigil` section). `null` means defaults.
    pub fn from_json(
        value: &serde_json::Value,
        source_name: &str,
    ) -> Result<Settings, ConfigError> {
        if value.is_null() {
            return Ok(Settings::default());
        }
        let settings: Settings =
            serde_json::from_value(value.clone()).map_err(|e| ConfigError {
                source_name: source_name.to_string(),
                problem: e.to_string(),
            })?;
        settings.validate(source_name)?;
        Ok(settings)
    }

    /// Loads `<root>/.vigil.toml` if it exists.
    pub fn load_workspace(root: &Path) -> anyhow::Result<Option<Result<Settings, ConfigError>>> {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(Some(Settings::from_toml(
            &text,
            &path.display().to_string(),
        )))
    }

    fn validate(&self, source_name: &str) -> Result<(), ConfigError> {
        for pattern in &self.exclude {
            Glob::new(pattern).map_err(|e| ConfigError {
                source_name: source_name.to_string(),
                problem: format!("exclude: bad glob `{pattern}`: {e}"),
            })?;
        }
        let registry = crate::rules::registry();
        let known = |id: &String| registry.get(id).is_some();
        for id in self.rules.disabled.iter().chain(self.rules.severity.keys()) {
            if !known(id) {
                let hint = registry.suggest(id);
                return Err(ConfigError {
                    source_name: source_name.to_string(),
                    problem: format!(
                        "rules: unknown rule id `{id}`{}",
                        if hint.is_empty() {
                            String::new()
                        } else {
                            format!(" (did you mean `{}`?)", hint.join("`, `"))
                        }
                    ),
                });
            }
        }
        Ok(())
    }

    /// Overlays client settings on the workspace file: client values win where the client
    /// set them explicitly (we merge at the JSON level so unset keys keep the file's values).
    pub fn merged(file: &Settings, client: &serde_json::Value) -> Result<Settings, ConfigError> {
        let mut base = serde_json::to_value(file).map_err(|e| ConfigError {
            source_name: "settings".into(),
            problem: e.to_string(),
        })?;
        merge_json(&mut base, client);
        Settings::from_json(&base, "client settings")
    }

    /// The compiled exclude globs.
    pub fn exclude_set(&self) -> GlobSet {
        let mut builder = GlobSetBuilder::new();
        for pattern in &self.exclude {
            if let Ok(glob) = Glob::new(pattern) {
                builder.add(glob);
            }
        }
        builder.build().unwrap_or_else(|_| GlobSet::empty())
    }

    /// Applies rule switches, severity overrides and the minimum severity.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|f| {
            if self.rules.disabled.contains(&f.rule) {
                return false;
            }
            if let Some(severity) = self.rules.severity.get(&f.rule) {
                f.severity = *severity;
            }
            f.severity >= self.min_severity
        });
    }

    pub fn docs_base(&self) -> &str {
        self.docs_base_url
            .as_deref()
            .unwrap_or(crate::rules::DEFAULT_DOCS_BASE)
    }
}

fn merge_json(base: &mut serde_json::Value, overlay: &serde_json::Value) {
    match (base, overlay) {
        // An unset value (a client that sends no options, or answers `workspace/configuration`
        // with `[null]`) keeps the file's value instead of wiping it.
        (_, serde_json::Value::Null) => {}
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                if v.is_null() {
                    continue;
                }
                merge_json(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_accepts_snake_and_camel_case() {
        let s = Settings::from_toml(
            "min_severity = \"warning\"\nexclude = [\"vendor/**\"]\n[paste]\nmin_lines = 10\n",
            ".vigil.toml",
        )
        .unwrap();
        assert_eq!(s.min_severity, Severity::Warning);
        assert_eq!(s.paste.min_lines, 10);
        assert_eq!(s.paste.min_chars, 200);
        assert!(s.exclude_set().is_match("vendor/a/b.py"));
    }

    #[test]
    fn errors_name_the_file_key_and_problem() {
        let err = Settings::from_toml("minSeverity = \"loud\"\n", "/w/.vigil.toml").unwrap_err();
        assert!(err.to_string().starts_with("/w/.vigil.toml: "), "{err}");
        assert!(err.to_string().contains("loud") || err.to_string().contains("variant"));
        let err = Settings::from_toml("exclude = [\"[\"]\n", "f").unwrap_err();
        assert!(err.problem.contains("exclude"), "{err}");
        let err = Settings::from_toml("colour = 1\n", "f").unwrap_err();
        assert!(err.problem.contains("colour"), "{err}");
    }

    #[test]
    fn client_settings_overlay_the_file() {
        let file =
            Settings::from_toml("exclude = [\"a/**\"]\nminSeverity = \"info\"\n", "f").unwrap();
        let merged = Settings::merged(
            &file,
            &serde_json::json!({"minSeverity": "error", "ledger": {"enabled": false}}),
        )
        .unwrap();
        assert_eq!(merged.min_severity, Severity::Error);
        assert_eq!(merged.exclude, vec!["a/**".to_string()]);
        assert!(!merged.ledger.enabled);
    }

    #[test]
    fn a_client_without_settings_keeps_the_file() {
        let file = Settings::from_toml(
            "exclude = [\"a/**\"]\n[governance]\napproved = [\"actions/*\"]\n",
            "f",
        )
        .unwrap();
        let merged = Settings::merged(&file, &serde_json::Value::Null).unwrap();
        assert_eq!(merged.exclude, vec!["a/**".to_string()]);
        assert_eq!(merged.governance.approved, vec!["actions/*".to_string()]);
    }

    /// The leaves of the serialised settings are exactly `SETTING_KEYS` (which the editor
    /// manifests are checked against): a new field fails here until it is listed.
    #[test]
    fn setting_keys_are_exactly_the_settings_leaves() {
        fn leaves(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) if !map.is_empty() => {
                    for (k, v) in map {
                        let key = if prefix.is_empty() {
                            k.clone()
                        } else {
                            format!("{prefix}.{k}")
                        };
                        leaves(&key, v, out);
                    }
                }
                _ => out.push(prefix.to_string()),
            }
        }
        let mut found = Vec::new();
        leaves(
            "",
            &serde_json::to_value(Settings::default()).unwrap(),
            &mut found,
        );
        found.sort();
        let mut listed: Vec<String> = SETTING_KEYS.iter().map(|k| k.to_string()).collect();
        listed.sort();
        assert_eq!(found, listed);
    }

    #[test]
    fn every_setting_key_exists_in_the_struct() {
        let value = serde_json::to_value(Settings::default()).unwrap();
        for key in SETTING_KEYS {
            let mut v = &value;
            for part in key.split('.') {
                v = v
                    .get(part)
                    .unwrap_or_else(|| panic!("setting key {key} missing from Settings"));
            }
        }
    }
}
