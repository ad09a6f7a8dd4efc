//! Manifest readers with positions: every declared dependency with the byte range of its name,
//! so a finding lands on the name and a quick fix can replace it.
//!
//! Pure functions of text: the project loader and the checks share them.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;
use toml_edit::{ImDocument, Item, TableLike, Value};

/// A package registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem {
    PyPI,
    Npm,
    Crates,
}

impl Ecosystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => "crates.io",
        }
    }

    /// The registry's notion of "the same name": PyPI folds case and runs of `-_.` (PEP 503),
    /// crates.io folds `-`/`_` and case, npm names are compared as written (lowercase).
    pub fn normalise(self, name: &str) -> String {
        match self {
            Ecosystem::PyPI => {
                let mut out = String::with_capacity(name.len());
                let mut last_sep = false;
                for c in name.chars() {
                    if matches!(c, '-' | '_' | '.') {
                        if !last_sep {
                            out.push('-');
                        }
                        last_sep = true;
                    } else {
                        out.push(c.to_ascii_lowercase());
                        last_sep = false;
                    }
                }
                out
            }
            Ecosystem::Npm => name.to_ascii_lowercase(),
            Ecosystem::Crates => name.to_ascii_lowercase().replace('_', "-"),
        }
    }
}

/// One declared dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub ecosystem: Ecosystem,
    /// The registry name as written.
    pub name: String,
    /// Byte range of the name in the manifest text.
    pub range: Range<usize>,
    /// The name code imports it by, when the manifest renames it (Cargo `package = "…"`).
    pub alias: Option<String>,
    /// False for path, git and URL dependencies: they do not come from the registry by name.
    pub from_registry: bool,
    /// The manifest section (`dependencies`, `devDependencies`, `project.optional-dependencies.test`…).
    pub section: String,
}

/// A lifecycle script that runs on install (`preinstall`, `install`, `postinstall`, `prepare`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallScript {
    pub name: String,
    pub command: String,
    pub range: Range<usize>,
}

/// What one manifest declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub dependencies: Vec<Dependency>,
    /// The project's own package names (a package may import itself, a workspace its members).
    pub own_names: Vec<String>,
    pub install_scripts: Vec<InstallScript>,
    /// `compilerOptions.paths` keys of a tsconfig/jsconfig (import aliases).
    pub import_aliases: Vec<String>,
}

/// The kinds of manifest we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    Pipfile,
    SetupCfg,
    SetupPy,
    PackageJson,
    CargoToml,
    /// `tsconfig.json` / `jsconfig.json`: no dependencies, only import aliases.
    TsConfig,
}

impl ManifestKind {
    pub fn ecosystem(self) -> Ecosystem {
        match self {
            ManifestKind::Requirements
            | ManifestKind::Pyproject
            | ManifestKind::Pipfile
            | ManifestKind::SetupCfg
            | ManifestKind::SetupPy => Ecosystem::PyPI,
            ManifestKind::PackageJson | ManifestKind::TsConfig => Ecosystem::Npm,
            ManifestKind::CargoToml => Ecosystem::Crates,
        }
    }
}

/// Recognises a manifest by its file name.
pub fn manifest_kind(path: &Path) -> Option<ManifestKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "pyproject.toml" => Some(ManifestKind::Pyproject),
        "pipfile" => Some(ManifestKind::Pipfile),
        "setup.cfg" => Some(ManifestKind::SetupCfg),
        "setup.py" => Some(ManifestKind::SetupPy),
        "package.json" => Some(ManifestKind::PackageJson),
        "cargo.toml" => Some(ManifestKind::CargoToml),
        "tsconfig.json" | "jsconfig.json" => Some(ManifestKind::TsConfig),
        _ => {
            let in_requirements_dir = path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|d| d.eq_ignore_ascii_case("requirements"));
            let is_requirements = (lower.starts_with("requirements")
                || lower.ends_with("requirements.txt")
                || in_requirements_dir)
                && (lower.ends_with(".txt") || lower.ends_with(".in"));
            is_requirements.then_some(ManifestKind::Requirements)
        }
    }
}

/// Reads a manifest of the given kind. Malformed input yields what could be read, never a panic.
pub fn read(kind: ManifestKind, text: &str) -> Manifest {
    match kind {
        ManifestKind::Requirements => read_requirements(text, 0, "requirements"),
        ManifestKind::Pyproject => read_pyproject(text),
        ManifestKind::Pipfile => read_pipfile(text),
        ManifestKind::SetupCfg => read_setup_cfg(text),
        ManifestKind::SetupPy => read_setup_py(text),
        ManifestKind::PackageJson => read_package_json(text),
        ManifestKind::CargoToml => read_cargo_toml(text),
        ManifestKind::TsConfig => read_tsconfig(text),
    }
}

// ---------------------------------------------------------------------------------------------
// PEP 508 requirement strings (requirements.txt lines, pyproject arrays, setup.py strings).

/// The name at the start of a PEP 508 requirement, as a byte range of `text`, and whether it
/// comes from the registry (not `name @ url`).
fn pep508_name(text: &str) -> Option<(Range<usize>, bool)> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let first = rest.chars().next()?;
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(rest.len());
    let name = &rest[..len];
    // A name ending in a separator is not a name (`foo-` is malformed).
    let name = name.trim_end_matches(['-', '_', '.']);
    if name.is_empty() {
        return None;
    }
    let after = rest[name.len()..].trim_start();
    let after = if after.starts_with('[') {
        after.find(']').map_or("", |i| &after[i + 1..]).trim_start()
    } else {
        after
    };
    let from_registry = !after.starts_with('@');
    Some((start..start + name.len(), from_registry))
}

fn read_requirements(text: &str, base: usize, section: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.split(" #").next().unwrap_or("");
        let content = content.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        // URLs and paths (`https://…`, `./pkg`, `git+…`) are not names.
        if trimmed.contains("://") && !trimmed.contains(" @ ") && !trimmed.contains("@ ") {
            continue;
        }
        if trimmed.starts_with('.') || trimmed.starts_with('/') {
            continue;
        }
        if let Some((range, from_registry)) = pep508_name(content) {
            let name = content[range.clone()].to_string();
            manifest.dependencies.push(Dependency {
                ecosystem: Ecosystem::PyPI,
                name,
                range: base + line_start + range.start..base + line_start + range.end,
                alias: None,
                from_registry,
                section: section.to_string(),
            });
        }
    }
    manifest
}

// ---------------------------------------------------------------------------------------------
// TOML manifests.

fn parse_toml(text: &str) -> Option<ImDocument<&str>> {
    ImDocument::parse(text).ok()
}

fn table_like(item: &Item) -> Option<&dyn TableLike> {
    item.as_table_like()
}

/// Follows a dotted path of table keys.
fn lookup<'a>(root: &'a dyn TableLike, path: &[&str]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    let item = root.get(first)?;
    if rest.is_empty() {
        Some(item)
    } else {
        lookup(table_like(item)?, rest)
    }
}

/// The byte range of a TOML string's content (inside the quotes) when it is a plain basic or
/// literal string whose text appears verbatim.
fn toml_string_content(text: &str, value: &Value) -> Option<(Range<usize>, String)> {
    let s = value.as_str()?;
    let span = value.span()?;
    let raw = text.get(span.clone())?;
    let inner = raw.find(s)?;
    Some((
        span.start + inner..span.start + inner + s.len(),
        s.to_string(),
    ))
}

/// PEP 508 strings in a TOML array.
fn pep508_array(text: &str, item: &Item, section: &str, out: &mut Manifest) {
    let Some(array) = item.as_array() else {
        return;
    };
    for value in array.iter() {
        let Some((content, requirement)) = toml_string_content(text, value) else {
            continue;
        };
        if let Some((range, from_registry)) = pep508_name(&requirement) {
            out.dependencies.push(Dependency {
                ecosystem: Ecosystem::PyPI,
                name: requirement[range.clone()].to_string(),
                range: content.start + range.start..content.start + range.end,
                alias: None,
                from_registry,
                section: section.to_string(),
            });
        }
    }
}

/// Keys of a dependency table (`name = "1.0"` / `name = { … }`) as dependencies.
fn key_table(
    text: &str,
    item: &Item,
    ecosystem: Ecosystem,
    section: &str,
    skip: &[&str],
    out: &mut Manifest,
) {
    let Some(table) = table_like(item) else {
        return;
    };
    for (key, value) in table.iter() {
        if skip.contains(&key) {
            continue;
        }
        let Some((key_ref, _)) = table.get_key_value(key) else {
            continue;
        };
        let detail = table_like(value);
        let from_registry = detail.is_none_or(|d| {
            !(d.contains_key("path")
                || d.contains_key("git")
                || d.contains_key("url")
                || d.contains_key("file")
                || d.contains_key("workspace"))
        });
        // Cargo renames: the key is what code imports, `package` is the registry name.
        let renamed = detail
            .and_then(|d| d.get("package"))
            .and_then(|p| p.as_value())
            .and_then(|v| toml_string_content(text, v));
        let Some(key_span) = key_ref.span() else {
            continue;
        };
        let key_raw = text.get(key_span.clone()).unwrap_or("");
        let key_start = key_span.start + key_raw.find(key).unwrap_or(0);
        let (name, range, alias) = match renamed {
            Some((range, package)) => (package, range, Some(key.to_string())),
            None => (key.to_string(), key_start..key_start + key.len(), None),
        };
        out.dependencies.push(Dependency {
            ecosystem,
            name,
            range,
            alias,
            from_registry,
            section: section.to_string(),
        });
    }
}

fn read_pyproject(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let Some(doc) = parse_toml(text) else {
        return out;
    };
    let root = doc.as_table() as &dyn TableLike;
    if let Some(name) = lookup(root, &["project", "name"]).and_then(|i| i.as_str()) {
        out.own_names.push(name.to_string());
    }
    if let Some(name) = lookup(root, &["tool", "poetry", "name"]).and_then(|i| i.as_str()) {
        out.own_names.push(name.to_string());
    }
    if let Some(item) = lookup(root, &["project", "dependencies"]) {
        pep508_array(text, item, "project.dependencies", &mut out);
    }
    if let Some(item) = lookup(root, &["build-system", "requires"]) {
        pep508_array(text, item, "build-system.requires", &mut out);
    }
    for (prefix, path) in [
        (
            "project.optional-dependencies",
            &["project", "optional-dependencies"][..],
        ),
        ("dependency-groups", &["dependency-groups"][..]),
        (
            "tool.pdm.dev-dependencies",
            &["tool", "pdm", "dev-dependencies"][..],
        ),
    ] {
        if let Some(groups) = lookup(root, path).and_then(table_like) {
            for (group, item) in groups.iter() {
                pep508_array(text, item, &format!("{prefix}.{group}"), &mut out);
            }
        }
    }
    if let Some(item) = lookup(root, &["tool", "uv", "dev-dependencies"]) {
        pep508_array(text, item, "tool.uv.dev-dependencies", &mut out);
    }
    for path in [
        &["tool", "poetry", "dependencies"][..],
        &["tool", "poetry", "dev-dependencies"][..],
    ] {
        if let Some(item) = lookup(root, path) {
            key_table(
                text,
                item,
                Ecosystem::PyPI,
                &path.join("."),
                &["python"],
                &mut out,
            );
        }
    }
    if let Some(groups) = lookup(root, &["tool", "poetry", "group"]).and_then(table_like) {
        for (group, item) in groups.iter() {
            if let Some(deps) = table_like(item).and_then(|t| t.get("dependencies")) {
                key_table(
                    text,
                    deps,
                    Ecosystem::PyPI,
                    &format!("tool.poetry.group.{group}.dependencies"),
                    &["python"],
                    &mut out,
                );
            }
        }
    }
    out
}

fn read_pipfile(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let Some(doc) = parse_toml(text) else {
        return out;
    };
    let root = doc.as_table() as &dyn TableLike;
    for section in ["packages", "dev-packages"] {
        if let Some(item) = root.get(section) {
            key_table(text, item, Ecosystem::PyPI, section, &[], &mut out);
        }
    }
    out
}

fn read_cargo_toml(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let Some(doc) = parse_toml(text) else {
        return out;
    };
    let root = doc.as_table() as &dyn TableLike;
    for path in [&["package", "name"][..], &["lib", "name"][..]] {
        if let Some(name) = lookup(root, path).and_then(|i| i.as_str()) {
            out.own_names.push(name.to_string());
        }
    }
    let sections = ["dependencies", "dev-dependencies", "build-dependencies"];
    let read_tables = |table: &dyn TableLike, prefix: &str, out: &mut Manifest| {
        for section in sections {
            if let Some(item) = table.get(section) {
                let name = if prefix.is_empty() {
                    section.to_string()
                } else {
                    format!("{prefix}.{section}")
                };
                key_table(text, item, Ecosystem::Crates, &name, &[], out);
            }
        }
    };
    read_tables(root, "", &mut out);
    if let Some(workspace) = root.get("workspace").and_then(table_like) {
        read_tables(workspace, "workspace", &mut out);
    }
    if let Some(targets) = root.get("target").and_then(table_like) {
        for (cfg, item) in targets.iter() {
            if let Some(table) = table_like(item) {
                read_tables(table, &format!("target.{cfg}"), &mut out);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// setup.cfg and setup.py.

fn read_setup_cfg(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let mut section = String::new();
    let mut in_list = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.starts_with('[') {
            section = trimmed.trim_matches(['[', ']']).trim().to_string();
            in_list = false;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = content.starts_with([' ', '\t']);
        let mut value_part: Option<(usize, &str)> = None;
        if !indented {
            in_list = false;
            if let Some(eq) = content.find('=') {
                let key = content[..eq].trim();
                let listed = (section == "options"
                    && matches!(key, "install_requires" | "setup_requires" | "tests_require"))
                    || section == "options.extras_require";
                if listed {
                    in_list = true;
                    value_part = Some((eq + 1, &content[eq + 1..]));
                }
            }
        } else if in_list {
            value_part = Some((0, content));
        }
        if let Some((at, value)) = value_part {
            if let Some((range, from_registry)) = pep508_name(value) {
                out.dependencies.push(Dependency {
                    ecosystem: Ecosystem::PyPI,
                    name: value[range.clone()].to_string(),
                    range: start + at + range.start..start + at + range.end,
                    alias: None,
                    from_registry,
                    section: section.clone(),
                });
            }
        }
    }
    out
}

static SETUP_PY_KEYWORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\b(install_requires|extras_require|tests_require|setup_requires)\s*=")
        .expect("valid regex")
});
static QUOTED: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r#""([^"\\\n]*)"|'([^'\\\n]*)'"#).expect("valid regex"));

/// Requirement strings in the bracketed value after `install_requires=` and friends.
fn read_setup_py(text: &str) -> Manifest {
    let mut out = Manifest::default();
    for keyword in SETUP_PY_KEYWORD.captures_iter(text) {
        let whole = keyword.get(0).expect("match");
        let section = keyword[1].to_string();
        let rest = &text[whole.end()..];
        let Some(open) = rest.find(['[', '{', '(']) else {
            continue;
        };
        if !rest[..open].trim().is_empty() {
            continue;
        }
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '[' | '{' | '(' => depth += 1,
                ']' | '}' | ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let body_start = whole.end() + open;
        let body = &text[body_start..whole.end() + end];
        for quoted in QUOTED.captures_iter(body) {
            let Some(content) = quoted.get(1).or_else(|| quoted.get(2)) else {
                continue;
            };
            // In `extras_require` the dict keys are extra names, not requirements.
            let after = &body[quoted.get(0).expect("match").end()..];
            if after.trim_start().starts_with(':') {
                continue;
            }
            if let Some((range, from_registry)) = pep508_name(content.as_str()) {
                let at = body_start + content.start();
                out.dependencies.push(Dependency {
                    ecosystem: Ecosystem::PyPI,
                    name: content.as_str()[range.clone()].to_string(),
                    range: at + range.start..at + range.end,
                    alias: None,
                    from_registry,
                    section: section.clone(),
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// JSON manifests.

/// Parses JSON (comments and trailing commas tolerated, as editors write them).
pub fn parse_json(text: &str) -> Option<jsonc_parser::ast::Value<'_>> {
    jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .ok()?
    .value
}

/// The properties of a JSON object value.
pub fn json_object<'a, 'b>(
    value: &'b jsonc_parser::ast::Value<'a>,
) -> Option<&'b [jsonc_parser::ast::ObjectProp<'a>]> {
    match value {
        jsonc_parser::ast::Value::Object(object) => Some(&object.properties),
        _ => None,
    }
}

/// A property of a JSON object by name.
pub fn json_get<'a, 'b>(
    value: &'b jsonc_parser::ast::Value<'a>,
    name: &str,
) -> Option<&'b jsonc_parser::ast::Value<'a>> {
    json_object(value)?
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(|p| &p.value)
}

/// The byte range of a property name without its quotes.
fn prop_name_range(text: &str, prop: &jsonc_parser::ast::ObjectProp) -> Range<usize> {
    let (range, name) = match &prop.name {
        jsonc_parser::ast::ObjectPropName::String(s) => (s.range, s.value.as_ref()),
        jsonc_parser::ast::ObjectPropName::Word(w) => (w.range, w.value),
    };
    let raw = text.get(range.start..range.end).unwrap_or("");
    let inner = raw.find(name).unwrap_or(0);
    range.start + inner..range.start + inner + name.len()
}

/// The byte range of a string literal's content without its quotes.
pub fn json_string_range(text: &str, lit: &jsonc_parser::ast::StringLit) -> Range<usize> {
    let raw = text.get(lit.range.start..lit.range.end).unwrap_or("");
    match raw.find(lit.value.as_ref()) {
        Some(inner) => lit.range.start + inner..lit.range.start + inner + lit.value.len(),
        None => lit.range.start..lit.range.end,
    }
}

/// Lifecycle scripts that npm runs on `npm install`.
pub const INSTALL_SCRIPTS: [&str; 5] = [
    "preinstall",
    "install",
    "postinstall",
    "prepare",
    "prepublish",
];

fn read_package_json(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let Some(root) = parse_json(text) else {
        return out;
    };
    if let Some(jsonc_parser::ast::Value::StringLit(name)) = json_get(&root, "name") {
        out.own_names.push(name.value.to_string());
    }
    for section in [
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
    ] {
        let Some(props) = json_get(&root, section).and_then(json_object) else {
            continue;
        };
        for prop in props {
            let name = prop.name.as_str().to_string();
            let spec = match &prop.value {
                jsonc_parser::ast::Value::StringLit(s) => s.value.to_string(),
                _ => String::new(),
            };
            // `file:`, `link:`, `git+…`, `workspace:`, URLs and `owner/repo` do not resolve by
            // name on the registry, and under `npm:other@1` the key is only an alias.
            let from_registry = !spec.contains(':') && !spec.contains('/');
            out.dependencies.push(Dependency {
                ecosystem: Ecosystem::Npm,
                range: prop_name_range(text, prop),
                name,
                alias: None,
                from_registry,
                section: section.to_string(),
            });
        }
    }
    for section in ["bundledDependencies", "bundleDependencies"] {
        if let Some(jsonc_parser::ast::Value::Array(array)) = json_get(&root, section) {
            for element in &array.elements {
                if let jsonc_parser::ast::Value::StringLit(s) = element {
                    out.dependencies.push(Dependency {
                        ecosystem: Ecosystem::Npm,
                        name: s.value.to_string(),
                        range: json_string_range(text, s),
                        alias: None,
                        from_registry: true,
                        section: section.to_string(),
                    });
                }
            }
        }
    }
    if let Some(props) = json_get(&root, "scripts").and_then(json_object) {
        for prop in props {
            let name = prop.name.as_str();
            if !INSTALL_SCRIPTS.contains(&name) {
                continue;
            }
            if let jsonc_parser::ast::Value::StringLit(s) = &prop.value {
                out.install_scripts.push(InstallScript {
                    name: name.to_string(),
                    command: s.value.to_string(),
                    range: prop_name_range(text, prop),
                });
            }
        }
    }
    out
}

fn read_tsconfig(text: &str) -> Manifest {
    let mut out = Manifest::default();
    let Some(root) = parse_json(text) else {
        return out;
    };
    let Some(paths) = json_get(&root, "compilerOptions")
        .and_then(|o| json_get(o, "paths"))
        .and_then(json_object)
    else {
        return out;
    };
    for prop in paths {
        let alias = prop.name.as_str().trim_end_matches('*').to_string();
        if !alias.is_empty() {
            out.import_aliases.push(alias);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &Manifest) -> Vec<&str> {
        m.dependencies.iter().map(|d| d.name.as_str()).collect()
    }

    fn at<'a>(text: &'a str, d: &Dependency) -> &'a str {
        &text[d.range.clone()]
    }

    #[test]
    fn requirements_lines_skip_options_urls_and_comments() {
        let text = "# top\nrequests>=2 # pinned\n-r other.txt\n  Flask[async]==3\n./local\nfoo @ https://x/y.whl\n--index-url https://a\nhttps://x/y.whl\n";
        let m = read(ManifestKind::Requirements, text);
        assert_eq!(names(&m), vec!["requests", "Flask", "foo"]);
        for d in &m.dependencies {
            assert_eq!(at(text, d), d.name);
        }
        assert!(!m.dependencies[2].from_registry);
    }

    #[test]
    fn pyproject_reads_pep621_groups_and_poetry() {
        let text = r#"
[project]
name = "demo"
dependencies = ["httpx>=0.27", 'rich']
[project.optional-dependencies]
test = ["pytest"]
[dependency-groups]
dev = ["ruff", {include-group = "test"}]
[build-system]
requires = ["hatchling"]
[tool.poetry.dependencies]
python = "^3.11"
pendulum = "^3"
local = { path = "../local" }
[tool.poetry.group.docs.dependencies]
mkdocs = "*"
"#;
        let m = read(ManifestKind::Pyproject, text);
        assert_eq!(
            names(&m),
            vec![
                "httpx",
                "rich",
                "hatchling",
                "pytest",
                "ruff",
                "pendulum",
                "local",
                "mkdocs"
            ]
        );
        for d in &m.dependencies {
            assert_eq!(at(text, d), d.name, "{d:?}");
        }
        assert!(!m.dependencies[6].from_registry);
        assert_eq!(m.own_names, vec!["demo"]);
    }

    #[test]
    fn cargo_toml_reads_every_table_and_renames() {
        let text = r#"
[package]
name = "app"
[dependencies]
serde = { version = "1", features = ["derive"] }
web = { package = "reqwest", version = "0.12" }
local = { path = "../local" }
[dev-dependencies]
insta = "1"
[target.'cfg(unix)'.dependencies]
nix = "0.29"
[workspace.dependencies]
tokio = "1"
"#;
        let m = read(ManifestKind::CargoToml, text);
        assert_eq!(
            names(&m),
            vec!["serde", "reqwest", "local", "insta", "tokio", "nix"]
        );
        let web = &m.dependencies[1];
        assert_eq!(web.alias.as_deref(), Some("web"));
        assert_eq!(at(text, web), "reqwest");
        assert!(!m.dependencies[2].from_registry);
        for d in &m.dependencies {
            assert_eq!(at(text, d), d.name);
        }
    }

    #[test]
    fn package_json_reads_all_sections_and_install_scripts() {
        let text = r#"{
  "name": "web",
  "scripts": { "postinstall": "node setup.js", "test": "jest" },
  "dependencies": { "expresss": "^4", "local": "file:../local" },
  "devDependencies": { "@types/node": "^20" },
  "peerDependencies": { "react": "*" },
  "optionalDependencies": { "fsevents": "*" },
  "bundledDependencies": ["left-pad"]
}"#;
        let m = read(ManifestKind::PackageJson, text);
        assert_eq!(
            names(&m),
            vec![
                "expresss",
                "local",
                "@types/node",
                "react",
                "fsevents",
                "left-pad"
            ]
        );
        for d in &m.dependencies {
            assert_eq!(at(text, d), d.name);
        }
        assert!(!m.dependencies[1].from_registry);
        assert_eq!(m.install_scripts.len(), 1);
        assert_eq!(m.install_scripts[0].command, "node setup.js");
    }

    #[test]
    fn setup_files_are_read() {
        let cfg = "[metadata]\nname = x\n[options]\ninstall_requires =\n    requests\n    click>=8\npython_requires = >=3.8\n[options.extras_require]\ntest = pytest\n";
        let m = read(ManifestKind::SetupCfg, cfg);
        assert_eq!(names(&m), vec!["requests", "click", "pytest"]);
        for d in &m.dependencies {
            assert_eq!(at(cfg, d), d.name);
        }
        let py = "setup(name='x', install_requires=['numpy>=1', \"scipy\"], extras_require={'dev': ['black']})\n";
        let m = read(ManifestKind::SetupPy, py);
        assert_eq!(names(&m), vec!["numpy", "scipy", "black"]);
    }

    #[test]
    fn bad_input_never_panics() {
        for kind in [
            ManifestKind::Requirements,
            ManifestKind::Pyproject,
            ManifestKind::Pipfile,
            ManifestKind::SetupCfg,
            ManifestKind::SetupPy,
            ManifestKind::PackageJson,
            ManifestKind::CargoToml,
            ManifestKind::TsConfig,
        ] {
            for text in [
                "",
                "[",
                "{",
                "\"",
                "é=[\"ü",
                "install_requires=[",
                "[x]\n=\n",
            ] {
                let _ = read(kind, text);
            }
        }
    }

    #[test]
    fn manifest_kinds_by_name() {
        assert_eq!(
            manifest_kind(Path::new("a/requirements-dev.txt")),
            Some(ManifestKind::Requirements)
        );
        assert_eq!(
            manifest_kind(Path::new("requirements/base.in")),
            Some(ManifestKind::Requirements)
        );
        assert_eq!(manifest_kind(Path::new("notes.txt")), None);
        assert_eq!(
            manifest_kind(Path::new("x/Cargo.toml")),
            Some(ManifestKind::CargoToml)
        );
    }
}
