//! Supply chain and tool governance: manifests, typosquats, undeclared imports, CI workflows.

use crate::analysis::{Finding, Input};
use crate::rules::meta::RuleMeta;
use std::ops::Range;

/// What the project declares (manifests) and approves (`[governance]`), loaded by the CLI and
/// the server from the workspace root.
#[derive(Debug, Clone, Default)]
pub struct Project {}

/// Runs the supply-chain checks that apply to this file.
pub fn check(_input: &Input, _range: &Range<usize>, _out: &mut Vec<Finding>) {}

/// The registry entries of the supply-chain checks.
pub fn rules() -> Vec<RuleMeta> {
    Vec::new()
}
