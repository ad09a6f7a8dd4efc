//! `vigil inventory`: the developer tools and integrations a workspace pulls in — CI actions
//! and includes with their pins, pre-commit hooks, recommended editor extensions and package
//! install scripts — each marked approved, unapproved, unpinned or unreviewed.

use super::ci::{self, ActionKind, ActionRef, CiKind};
use super::manifest::{self, ManifestKind};
use super::yaml::{self, Yaml};
use super::Approved;
use crate::config::Settings;
use serde::Serialize;
use std::path::Path;

/// How an integration stands against the workspace's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Matches `[governance] approved` and is pinned (or cannot be pinned).
    Approved,
    /// An approved list exists and this does not match it.
    Unapproved,
    /// Follows a movable reference (a tag or branch rather than a commit).
    Unpinned,
    /// No approved list is configured and nothing else is wrong.
    Unreviewed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Unapproved => "unapproved",
            Status::Unpinned => "unpinned",
            Status::Unreviewed => "unreviewed",
        }
    }
}

/// One integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// `ci-action`, `ci-include`, `pre-commit-hook`, `editor-extension`, `install-script`.
    pub kind: &'static str,
    pub name: String,
    /// The version, tag or commit it is pinned to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// `None` when pinning does not apply (editor extensions, install scripts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    pub status: Status,
    /// Workspace-relative path with `/` separators, and the 1-based line.
    pub file: String,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

fn status(approved: &Approved, names: &[&str], pinned: Option<bool>) -> Status {
    if approved.is_configured() && !names.iter().any(|n| approved.allows(n)) {
        Status::Unapproved
    } else if pinned == Some(false) {
        Status::Unpinned
    } else if approved.is_configured() {
        Status::Approved
    } else {
        Status::Unreviewed
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Collects the inventory of `root`.
pub fn collect(root: &Path, settings: &Settings) -> Vec<Item> {
    let approved = Approved::new(&settings.governance.approved);
    let mut items = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && super::project::SKIPPED_DIRS.contains(&name.as_ref()))
        })
        .build();
    let mut files: Vec<_> = walker
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // The full path: a walk that starts inside `.github` still sees `.github/workflows`.
        let wanted = ci::ci_kind(&path).is_some()
            || name == ".pre-commit-config.yaml"
            || name == ".pre-commit-config.yml"
            || relative.ends_with(".vscode/extensions.json")
            || name == "package.json"
            || name == "package-lock.json";
        if !wanted {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut add = |kind, name: String, pin: Option<String>, pinned, status, offset, detail| {
            items.push(Item {
                kind,
                name,
                pin,
                pinned,
                status,
                file: relative.clone(),
                line: line_of(&text, offset),
                detail,
            })
        };
        if let Some(kind) = ci::ci_kind(&path) {
            ci_items(kind, &text, &approved, &mut add);
        } else if name.starts_with(".pre-commit-config") {
            pre_commit_items(&text, &approved, &mut add);
        } else if name == "extensions.json" {
            extension_items(&text, &approved, &mut add);
        } else if name == "package-lock.json" {
            lockfile_install_scripts(&text, &approved, &mut add);
        } else if name == "package.json" {
            let manifest = manifest::read(ManifestKind::PackageJson, &text);
            for script in manifest.install_scripts {
                // Approve a script by its command or by its hook name (`postinstall`).
                let status = status(
                    &approved,
                    &[script.command.as_str(), script.name.as_str()],
                    None,
                );
                add(
                    "install-script",
                    script.name.clone(),
                    None,
                    None,
                    status,
                    script.range.start,
                    Some(script.command.clone()),
                );
            }
        }
    }
    items
}

/// The dependencies that run code when installed: `package-lock.json` (v2/v3) marks them with
/// `hasInstallScript`. Approve one by its package name.
fn lockfile_install_scripts(text: &str, approved: &Approved, add: &mut Add) {
    let Ok(lock) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let Some(packages) = lock.get("packages").and_then(|p| p.as_object()) else {
        return;
    };
    for (key, package) in packages {
        if package.get("hasInstallScript") != Some(&serde_json::Value::Bool(true)) {
            continue;
        }
        let Some((_, name)) = key.rsplit_once("node_modules/") else {
            continue;
        };
        let version = package
            .get("version")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let offset = text.find(&format!("\"{key}\"")).unwrap_or(0);
        add(
            "install-script",
            name.to_string(),
            version,
            None,
            status(approved, &[name], None),
            offset,
            Some("a dependency that runs an install script (package-lock.json)".to_string()),
        );
    }
}

type Add<'a> = dyn FnMut(&'static str, String, Option<String>, Option<bool>, Status, usize, Option<String>)
    + 'a;

fn ci_items(kind: CiKind, text: &str, approved: &Approved, add: &mut Add) {
    let Some(documents) = yaml::parse(text) else {
        return;
    };
    let mut uses_scalars = Vec::new();
    for document in &documents {
        match kind {
            CiKind::GithubWorkflow | CiKind::GithubAction => {
                collect_uses(document, &mut uses_scalars);
            }
            CiKind::Gitlab => {
                let includes: Vec<&Yaml> = match document.get("include") {
                    Some(Yaml::Seq(items, _)) => items.iter().collect(),
                    Some(other) => vec![other],
                    None => Vec::new(),
                };
                for include in includes {
                    gitlab_include_item(include, approved, add);
                }
            }
        }
    }
    for scalar in uses_scalars {
        let action = ActionRef::parse(&scalar.value);
        if action.kind == ActionKind::Local {
            continue;
        }
        let pinned = action.is_pinned();
        let status = status(approved, &[&action.name, &action.repository], Some(pinned));
        add(
            "ci-action",
            if action.kind == ActionKind::Docker {
                format!("docker://{}", action.name)
            } else {
                action.name.clone()
            },
            action.pin.clone(),
            Some(pinned),
            status,
            scalar.range.start,
            None,
        );
    }
}

fn collect_uses<'a>(node: &'a Yaml, out: &mut Vec<&'a yaml::Scalar>) {
    match node {
        Yaml::Map(entries, _) => {
            for (key, value) in entries {
                if key.as_str() == Some("uses") {
                    if let Some(s) = value.as_scalar() {
                        out.push(s);
                    }
                } else {
                    collect_uses(value, out);
                }
            }
        }
        Yaml::Seq(items, _) => items.iter().for_each(|i| collect_uses(i, out)),
        _ => {}
    }
}

fn gitlab_include_item(include: &Yaml, approved: &Approved, add: &mut Add) {
    if let Some(component) = include.get("component").and_then(Yaml::as_scalar) {
        let (name, version) = component
            .value
            .rsplit_once('@')
            .unwrap_or((component.value.as_str(), ""));
        let pinned = ci::is_commit_sha(version);
        add(
            "ci-include",
            name.to_string(),
            (!version.is_empty()).then(|| version.to_string()),
            Some(pinned),
            status(approved, &[name], Some(pinned)),
            component.range.start,
            Some("component".to_string()),
        );
    }
    if let Some(project) = include.get("project").and_then(Yaml::as_scalar) {
        let reference = include.get("ref").and_then(Yaml::as_str);
        let pinned = reference.is_some_and(ci::is_commit_sha);
        add(
            "ci-include",
            project.value.clone(),
            reference.map(str::to_string),
            Some(pinned),
            status(approved, &[&project.value], Some(pinned)),
            project.range.start,
            Some("project".to_string()),
        );
    }
    let remote = include.get("remote").and_then(Yaml::as_scalar).or_else(|| {
        include
            .as_scalar()
            .filter(|s| s.value.starts_with("https://"))
    });
    if let Some(remote) = remote {
        add(
            "ci-include",
            remote.value.clone(),
            None,
            Some(false),
            status(approved, &[&remote.value], Some(false)),
            remote.range.start,
            Some("remote".to_string()),
        );
    }
}

fn pre_commit_items(text: &str, approved: &Approved, add: &mut Add) {
    let Some(documents) = yaml::parse(text) else {
        return;
    };
    for document in &documents {
        let Some(repos) = document.get("repos") else {
            continue;
        };
        for repo in repos.items() {
            let Some(url) = repo.get("repo").and_then(Yaml::as_scalar) else {
                continue;
            };
            let local = matches!(url.value.as_str(), "local" | "meta");
            let rev = repo.get("rev").and_then(Yaml::as_str).map(str::to_string);
            let pinned = local || rev.as_deref().is_some_and(ci::is_commit_sha);
            let short = url
                .value
                .trim_end_matches(".git")
                .trim_start_matches("https://")
                .trim_start_matches("github.com/")
                .to_string();
            let hooks: Vec<String> = repo
                .get("hooks")
                .map(|h| {
                    h.items()
                        .iter()
                        .filter_map(|hook| hook.get("id").and_then(Yaml::as_str))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            // Local hooks are the repository's own scripts, reviewed with its code.
            let status = if local {
                if approved.is_configured() {
                    Status::Approved
                } else {
                    Status::Unreviewed
                }
            } else {
                status(approved, &[&short, &url.value], Some(pinned))
            };
            add(
                "pre-commit-hook",
                short,
                rev,
                (!local).then_some(pinned),
                status,
                url.range.start,
                (!hooks.is_empty()).then(|| format!("hooks: {}", hooks.join(", "))),
            );
        }
    }
}

fn extension_items(text: &str, approved: &Approved, add: &mut Add) {
    let Some(root) = manifest::parse_json(text) else {
        return;
    };
    let Some(jsonc_parser::ast::Value::Array(array)) = manifest::json_get(&root, "recommendations")
    else {
        return;
    };
    for element in &array.elements {
        if let jsonc_parser::ast::Value::StringLit(s) = element {
            let id = s.value.to_string();
            add(
                "editor-extension",
                id.clone(),
                None,
                None,
                status(approved, &[&id], None),
                s.range.start,
                Some("recommended in .vscode/extensions.json".to_string()),
            );
        }
    }
}

/// Plain text: one line per item.
pub fn render_text(items: &[Item]) -> String {
    let mut out = format!(
        "{:<11} {:<17} {:<44} {:<42} LOCATION\n",
        "STATUS", "KIND", "NAME", "PIN"
    );
    for item in items {
        out.push_str(&format!(
            "{:<11} {:<17} {:<44} {:<42} {}:{}\n",
            item.status.as_str(),
            item.kind,
            item.name,
            item.pin.as_deref().unwrap_or("-"),
            item.file,
            item.line
        ));
    }
    out.push_str(&summary(items));
    out
}

/// A pretty-printed JSON array.
pub fn render_json(items: &[Item]) -> String {
    let mut text = serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// A markdown table for reports and pull request comments.
pub fn render_markdown(items: &[Item]) -> String {
    let escape = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "# Tool inventory\n\n| status | kind | name | pin | location | detail |\n|---|---|---|---|---|---|\n",
    );
    for item in items {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} | `{}:{}` | {} |\n",
            item.status.as_str(),
            item.kind,
            escape(&item.name),
            item.pin
                .as_deref()
                .map_or("-".to_string(), |p| format!("`{}`", escape(p))),
            item.file,
            item.line,
            escape(item.detail.as_deref().unwrap_or("")),
        ));
    }
    out.push('\n');
    out.push_str(&summary(items));
    out
}

fn summary(items: &[Item]) -> String {
    let count = |s: Status| items.iter().filter(|i| i.status == s).count();
    format!(
        "{} integration(s): {} approved, {} unapproved, {} unpinned, {} unreviewed\n",
        items.len(),
        count(Status::Approved),
        count(Status::Unapproved),
        count(Status::Unpinned),
        count(Status::Unreviewed)
    )
}
