//! Loading a [`Project`] from a workspace: the only supply-chain code that reads files.

use super::manifest::{self, Ecosystem, ManifestKind};
use super::{Approved, Declared, Project};
use crate::config::Settings;
use std::collections::HashSet;
use std::path::Path;

/// Walking stops after this many entries. Past it the declarations may be incomplete, so the
/// import check is switched off (`Declared::Unknown`) rather than guessing.
const MAX_ENTRIES: usize = 100_000;

/// Directories that hold installed or built code, never the project's own declarations.
pub(super) const SKIPPED_DIRS: [&str; 9] = [
    ".git",
    "node_modules",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    "site-packages",
    ".tox",
    ".mypy_cache",
];

/// Manifests we know exist but do not read: their presence makes an ecosystem unknown.
fn unreadable_manifest(name: &str) -> Option<Ecosystem> {
    match name {
        "deno.json" | "deno.jsonc" => Some(Ecosystem::Npm),
        _ => None,
    }
}

/// True for files inside installed or vendored code (`node_modules/`, `.venv/`, `target/`…):
/// their imports answer to their own manifests, not the workspace's.
pub(super) fn is_installed_code(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| SKIPPED_DIRS.contains(&name) && name != ".git")
    })
}

/// True when a change to this file changes the [`Project`] (a manifest or `.vigil.toml`).
pub fn is_project_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == crate::config::CONFIG_FILE)
        || manifest::manifest_kind(path).is_some()
}

impl Project {
    /// False for a Python or Rust source file (workspace-relative path) whose module name the
    /// project has not seen: it was created after the project was loaded, and imports of it
    /// would look undeclared until the project is reloaded.
    pub fn knows_source_file(&self, relative: &Path) -> bool {
        if is_installed_code(relative) {
            return true;
        }
        let Some(name) = relative.file_name().and_then(|n| n.to_str()) else {
            return true;
        };
        if let Some(stem) = name.strip_suffix(".py") {
            self.python_local.contains(stem)
        } else if let Some(stem) = name.strip_suffix(".rs") {
            self.rust_local.contains(stem)
        } else {
            true
        }
    }

    /// Reads every manifest under `root` (honouring `.gitignore`, skipping installed code) and
    /// the approved tools of `settings`.
    pub fn load(root: &Path, settings: &Settings) -> Project {
        let mut project = Project {
            approved: Approved::new(&settings.governance.approved),
            ..Project::default()
        };
        let mut python = HashSet::new();
        let mut npm = HashSet::new();
        let mut cargo = HashSet::new();
        let mut seen = [false; 3];
        let mut unknown = [false; 3];
        let index = |e: Ecosystem| match e {
            Ecosystem::PyPI => 0,
            Ecosystem::Npm => 1,
            Ecosystem::Crates => 2,
        };
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                !(entry.file_type().is_some_and(|t| t.is_dir())
                    && SKIPPED_DIRS.contains(&name.as_ref()))
            })
            .build();
        let mut entries = 0;
        let mut truncated = false;
        for entry in walker.flatten() {
            entries += 1;
            if entries > MAX_ENTRIES {
                truncated = true;
                break;
            }
            let path = entry.path();
            let relative_path = path.strip_prefix(root).unwrap_or(path);
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy().to_string();
            if is_dir {
                continue;
            }
            record_local_module(&mut project, relative_path, &name);
            if let Some(ecosystem) = unreadable_manifest(&name) {
                unknown[index(ecosystem)] = true;
                continue;
            }
            let Some(kind) = manifest::manifest_kind(path) else {
                continue;
            };
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(err) => {
                    tracing::warn!("reading {}: {err}", path.display());
                    continue;
                }
            };
            let relative = relative_path.to_string_lossy().replace('\\', "/");
            project.manifests.push(relative);
            let read = manifest::read(kind, &text);
            project.js_aliases.extend(read.import_aliases);
            if kind == ManifestKind::TsConfig {
                continue;
            }
            let ecosystem = kind.ecosystem();
            seen[index(ecosystem)] = true;
            let target = match ecosystem {
                Ecosystem::PyPI => &mut python,
                Ecosystem::Npm => &mut npm,
                Ecosystem::Crates => &mut cargo,
            };
            for dependency in &read.dependencies {
                target.insert(ecosystem.normalise(&dependency.name));
                if let Some(alias) = &dependency.alias {
                    target.insert(ecosystem.normalise(alias));
                }
            }
            for own in read.own_names {
                match ecosystem {
                    Ecosystem::PyPI => {
                        project.python_local.insert(own.replace(['-', '.'], "_"));
                        python.insert(ecosystem.normalise(&own));
                    }
                    Ecosystem::Npm => {
                        project.js_local.insert(own.clone());
                    }
                    Ecosystem::Crates => {
                        cargo.insert(ecosystem.normalise(&own));
                    }
                }
            }
        }
        let declared = |seen: bool, unknown: bool, names: HashSet<String>| {
            if truncated || unknown {
                Declared::Unknown
            } else if seen {
                Declared::Names(names)
            } else {
                Declared::NoManifest
            }
        };
        project.python = declared(seen[0], unknown[0], python);
        project.npm = declared(seen[1], unknown[1], npm);
        project.cargo = declared(seen[2], unknown[2], cargo);
        project.manifests.sort();
        project
    }
}

/// Records a first-party Python module or Rust module from a source file's path.
fn record_local_module(project: &mut Project, path: &Path, name: &str) {
    if let Some(stem) = name
        .strip_suffix(".py")
        .or_else(|| name.strip_suffix(".pyi"))
    {
        project.python_local.insert(stem.to_string());
        // Every directory above a Python file can be a (namespace) package.
        for dir in path.ancestors().skip(1).take(6) {
            if let Some(dir_name) = dir.file_name().and_then(|n| n.to_str()) {
                project.python_local.insert(dir_name.to_string());
            }
        }
    } else if let Some(stem) = name.strip_suffix(".rs") {
        project.rust_local.insert(stem.to_string());
        if let Some(dir_name) = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
        {
            project.rust_local.insert(dir_name.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_manifests_and_local_modules() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("requirements.txt"), "requests\nPyYAML\n").unwrap();
        std::fs::create_dir_all(root.join("app")).unwrap();
        std::fs::write(root.join("app/helpers.py"), "x = 1\n").unwrap();
        std::fs::write(
            root.join("package.json"),
            r#"{"name":"web","dependencies":{"express":"4"}}"#,
        )
        .unwrap();
        std::fs::create_dir_all(root.join("node_modules/x")).unwrap();
        std::fs::write(
            root.join("node_modules/x/package.json"),
            r#"{"dependencies":{"evil":"1"}}"#,
        )
        .unwrap();
        let settings = Settings::default();
        let project = Project::load(root, &settings);
        match &project.python {
            Declared::Names(names) => {
                assert!(names.contains("requests"));
                assert!(names.contains("pyyaml"));
            }
            other => panic!("{other:?}"),
        }
        match &project.npm {
            Declared::Names(names) => {
                assert!(names.contains("express"));
                assert!(!names.contains("evil"), "node_modules is skipped");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(project.cargo, Declared::NoManifest);
        assert!(project.python_local.contains("helpers"));
        assert!(project.python_local.contains("app"));
        assert!(project.js_local.contains("web"));
    }
}
