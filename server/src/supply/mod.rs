//! Supply chain and tool governance: manifests, typosquats, undeclared imports, CI workflows.
//!
//! The checks are pure: a front end loads the [`Project`] (declared dependencies, local
//! modules, approved tools) once with [`Project::load`] and passes it in [`Input::project`].
//! Manifest and CI checks need only the file itself; `undeclared-import` needs the project and
//! stays quiet without one.

pub mod ci;
pub mod imports;
pub mod inventory;
pub mod manifest;
mod project;
mod rules;
pub mod typosquat;
pub mod yaml;

use crate::analysis::{ByteEdit, Finding, Fix, Input, Origin};
use crate::rules::meta::RuleMeta;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::ops::Range;

pub use project::is_project_file;

/// What the project declares (manifests) and approves (`[governance]`), loaded by the CLI and
/// the server from the workspace root.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    /// Declared PyPI distributions (PEP 503-normalised).
    pub python: Declared,
    /// Declared npm packages (lowercase).
    pub npm: Declared,
    /// Declared crates (normalised with `-`), including renames and the workspace's own crates.
    pub cargo: Declared,
    /// First-party Python modules and packages (file stems and package directories).
    pub python_local: HashSet<String>,
    /// Import alias prefixes from tsconfig/jsconfig `paths`.
    pub js_aliases: Vec<String>,
    /// The workspace's own npm package names.
    pub js_local: HashSet<String>,
    /// First-party Rust module names (file stems and directories under source folders).
    pub rust_local: HashSet<String>,
    pub approved: Approved,
    /// The manifests that were read (workspace-relative), for display and reload decisions.
    pub manifests: Vec<String>,
}

/// What one ecosystem's manifests declare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Declared {
    /// No manifest of this ecosystem: imports cannot be judged, so the check is quiet.
    #[default]
    NoManifest,
    /// A manifest exists that we cannot read (conda `environment.yml`, `deno.json`): quiet too.
    Unknown,
    Names(HashSet<String>),
}

/// The `[governance] approved` globs, compiled.
#[derive(Debug, Clone)]
pub struct Approved {
    pub patterns: Vec<String>,
    set: GlobSet,
}

/// Two approval sets are equal when their patterns are (the glob set is compiled from them).
impl PartialEq for Approved {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Default for Approved {
    fn default() -> Self {
        Approved {
            patterns: Vec::new(),
            set: GlobSet::empty(),
        }
    }
}

impl Approved {
    pub fn new(patterns: &[String]) -> Approved {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            match Glob::new(pattern) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(err) => tracing::warn!("governance.approved: bad glob `{pattern}`: {err}"),
            }
        }
        Approved {
            patterns: patterns.to_vec(),
            set: builder.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    /// True when the workspace has an approved list at all.
    pub fn is_configured(&self) -> bool {
        !self.patterns.is_empty()
    }

    pub fn allows(&self, name: &str) -> bool {
        self.set.is_match(name) || self.set.is_match(name.to_ascii_lowercase())
    }
}

/// One result of a supply-chain check before it becomes a [`Finding`].
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static str,
    pub range: Range<usize>,
    pub message: String,
    /// What the fingerprint is computed from (the name or expression, not the position).
    pub basis: String,
    pub fix: Option<Fix>,
}

impl Hit {
    pub fn new(rule: &'static str, range: Range<usize>, message: String, basis: String) -> Hit {
        Hit {
            rule,
            range,
            message,
            basis,
            fix: None,
        }
    }

    fn into_finding(self) -> Finding {
        let meta = crate::rules::registry().get(self.rule);
        Finding {
            rule: self.rule.to_string(),
            range: self.range,
            message: self.message,
            severity: meta.map_or(crate::analysis::Severity::Warning, |m| m.severity),
            confidence: meta.map_or(crate::analysis::Confidence::Medium, |m| m.confidence),
            fingerprint: String::new(),
            fix: self.fix,
            input_source: None,
            origin: Origin::Typed,
            fingerprint_basis: self.basis,
        }
    }
}

/// Runs the supply-chain checks that apply to this file.
///
/// Manifests and CI files are small and read whole (findings outside `range` are dropped by the
/// caller); imports are checked only where they start inside `range`.
pub fn check(input: &Input, range: &Range<usize>, out: &mut Vec<Finding>) {
    let Some(path) = input.path else {
        return;
    };
    // Installed and vendored code (`node_modules/`, `.venv/`…) answers to its own manifests:
    // the decisions checked here are the project's, not its dependencies'.
    if project::is_installed_code(path) {
        return;
    }
    let mut hits = Vec::new();
    if let Some(kind) = manifest::manifest_kind(path) {
        let text = input.rope.to_string();
        typosquats(kind, &text, &mut hits);
    } else if let Some(kind) = ci::ci_kind(path) {
        let text = input.rope.to_string();
        let default = Approved::default();
        let approved = input.project.map_or(&default, |p| &p.approved);
        ci::check(kind, &text, approved, &mut hits);
    } else if let (Some(tree), Some(project)) = (input.tree, input.project) {
        let text = input.rope.to_string();
        imports::check(input.language, &text, tree, range, project, &mut hits);
    }
    out.extend(hits.into_iter().map(Hit::into_finding));
}

fn typosquats(kind: manifest::ManifestKind, text: &str, out: &mut Vec<Hit>) {
    let manifest = manifest::read(kind, text);
    for dependency in manifest.dependencies {
        if !dependency.from_registry {
            continue;
        }
        let Some(suspicion) = typosquat::suspect(dependency.ecosystem, &dependency.name) else {
            continue;
        };
        let message = format!(
            "`{}` {} `{}`, a popular {} package, but is not popular itself: a typosquat installs the attacker's code",
            dependency.name,
            suspicion.how,
            suspicion.target,
            dependency.ecosystem.as_str()
        );
        let mut hit = Hit::new(
            "dependency-typosquat",
            dependency.range.clone(),
            message,
            dependency.name.clone(),
        );
        hit.fix = Some(Fix {
            title: format!("Did you mean `{}`?", suspicion.target),
            edits: vec![ByteEdit {
                range: dependency.range,
                new_text: suspicion.target,
            }],
        });
        out.push(hit);
    }
}

/// The registry entries of the supply-chain checks.
pub fn rules() -> Vec<RuleMeta> {
    rules::all()
}
