//! Baselines: the findings a team has already triaged, so that `vigil scan --baseline FILE`
//! reports only new ones.
//!
//! An entry is keyed by rule, file and a hash of the finding's value (for secrets, a hash of
//! the secret; for other rules, a hash of the normalised code) — never by line number, so
//! entries survive edits above the finding, moves within the file and merges.

use crate::scan::Located;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;

/// The baseline file format (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: BTreeSet<Entry>,
}

/// One triaged finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub file: String,
    pub hash: String,
}

impl Entry {
    /// The entry of a located finding.
    pub fn of(finding: &Located) -> Entry {
        let digest = Sha256::digest(finding.finding.fingerprint_basis.as_bytes());
        Entry {
            rule: finding.rule.clone(),
            file: finding.file.clone(),
            hash: hex::encode(&digest[..16]),
        }
    }
}

impl Baseline {
    /// A baseline holding every finding of a scan.
    pub fn from_findings(findings: &[Located]) -> Baseline {
        Baseline {
            version: 1,
            entries: findings.iter().map(Entry::of).collect(),
        }
    }

    pub fn contains(&self, finding: &Located) -> bool {
        self.entries.contains(&Entry::of(finding))
    }

    /// Keeps only the findings that are not in the baseline.
    pub fn filter(&self, findings: Vec<Located>) -> Vec<Located> {
        findings.into_iter().filter(|f| !self.contains(f)).collect()
    }

    pub fn load(path: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("reading the baseline {}: {e}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: not a vigil baseline ({e})", path.display()))?;
        if baseline.version != 1 {
            anyhow::bail!(
                "{}: baseline version {} is not supported (expected 1)",
                path.display(),
                baseline.version
            );
        }
        Ok(baseline)
    }

    /// Writes the baseline as pretty, sorted JSON (stable diffs).
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        std::fs::write(path, text)
            .map_err(|e| anyhow::anyhow!("writing the baseline {}: {e}", path.display()))
    }
}
