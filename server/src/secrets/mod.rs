//! Secret detection: provider detectors and syntax-aware generic secrets.

use crate::analysis::{Finding, Input};
use crate::rules::meta::RuleMeta;
use std::ops::Range;

/// Reports the secrets whose match starts inside `range` (byte offsets of `input.rope`).
pub fn check(_input: &Input, _range: &Range<usize>, _out: &mut Vec<Finding>) {}

/// The registry entries of the secret detectors.
pub fn rules() -> Vec<RuleMeta> {
    Vec::new()
}
