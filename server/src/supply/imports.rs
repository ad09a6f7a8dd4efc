//! `undeclared-import`: an import of a third-party package that no manifest of the project
//! declares — where a hallucinated or unvetted package enters the code.

use super::manifest::Ecosystem;
use super::{Declared, Hit, Project};
use crate::language::Language;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;
use tree_sitter::{Node, Tree};

static PYTHON_STDLIB: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| list(include_str!("../../data/python-stdlib.txt")));
static NODE_BUILTINS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| list(include_str!("../../data/node-builtins.txt")));
/// Import name → distributions that provide it (PEP 503-normalised).
static PYTHON_PROVIDERS: LazyLock<HashMap<&'static str, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<String>> = HashMap::new();
    for line in list(include_str!("../../data/python-import-names.txt")) {
        let mut words = line.split_whitespace();
        let Some(module) = words.next() else {
            continue;
        };
        map.entry(module)
            .or_default()
            .extend(words.map(|d| Ecosystem::PyPI.normalise(d)));
    }
    map
});

fn list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Modules that arrive with the tooling rather than with a declaration (build backends and
/// test runners installed by tox, nox or CI configuration).
const PYTHON_AMBIENT: [&str; 7] = [
    "setuptools",
    "pkg_resources",
    "pip",
    "wheel",
    "distutils",
    "pytest",
    "_pytest",
];

/// Crates that come with the toolchain, path keywords, and primitive types (`use i32;`).
const RUST_BUILTIN: [&str; 26] = [
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "crate",
    "self",
    "super",
    "Self",
    "bool",
    "char",
    "str",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
];

/// `mod name` and `macro_rules! name` anywhere in the text: declarations inside macro calls
/// (`cfg_if! { mod imp; }`) are token trees to the parser, but they still define names.
static RUST_TEXT_ITEMS: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\b(?:mod|macro_rules!)\s+([A-Za-z_][A-Za-z0-9_]*)").expect("valid regex")
});

/// The distributions that would satisfy a Python import of `module` (normalised).
pub fn python_distributions(module: &str) -> Vec<String> {
    let mut out = vec![Ecosystem::PyPI.normalise(module)];
    if let Some(providers) = PYTHON_PROVIDERS.get(module) {
        out.extend(providers.iter().cloned());
    }
    out
}

/// Checks the imports that start inside `range`.
pub fn check(
    language: Language,
    source: &str,
    tree: &Tree,
    range: &Range<usize>,
    project: &Project,
    out: &mut Vec<Hit>,
) {
    let declared = match language {
        Language::Python => &project.python,
        Language::JavaScript | Language::TypeScript | Language::Tsx => &project.npm,
        Language::Rust => &project.cargo,
        Language::PlainText => return,
    };
    let Declared::Names(names) = declared else {
        return;
    };
    let mut imports = Vec::new();
    collect_imports(language, source, tree.root_node(), range, &mut imports);
    let mut rust_items: Option<Vec<String>> = None;
    for import in imports {
        let declared = match language {
            Language::Python => python_declared(&import.name, names, project),
            Language::Rust => {
                let items = rust_items.get_or_insert_with(|| rust_local_items(source, tree));
                rust_declared(&import.name, names, project, items)
            }
            _ => js_declared(&import.name, names, project),
        };
        if declared {
            continue;
        }
        let manifests = match language {
            Language::Python => "requirements*.txt, pyproject.toml, Pipfile or setup files",
            Language::Rust => "Cargo.toml",
            _ => "package.json",
        };
        out.push(Hit::new(
            "undeclared-import",
            import.range,
            format!(
                "`{}` is imported but no manifest of this project declares it ({manifests}): check the package exists and is the one you mean before adding it",
                import.name
            ),
            import.name.clone(),
        ));
    }
}

struct Import {
    /// The top-level module (Python), package (JS: `name` or `@scope/name`) or crate (Rust).
    name: String,
    range: Range<usize>,
}

fn text<'a>(source: &'a str, node: Node) -> &'a str {
    source.get(node.byte_range()).unwrap_or("")
}

/// Walks the tree below `node`, skipping subtrees that do not overlap `range`.
fn collect_imports(
    language: Language,
    source: &str,
    node: Node,
    range: &Range<usize>,
    out: &mut Vec<Import>,
) {
    // A pre-order walk with one cursor (no allocation per node): a subtree is skipped when it
    // does not overlap `range` or when its root was an import.
    let mut cursor = node.walk();
    'walk: loop {
        let node = cursor.node();
        let overlaps = !(node.end_byte() < range.start || node.start_byte() > range.end);
        let starts_inside = range.contains(&node.start_byte())
            || (range.is_empty() && node.start_byte() == range.start);
        let found = overlaps
            && starts_inside
            && match language {
                Language::Python => python_import(source, node, out),
                Language::Rust => rust_import(source, node, out),
                _ => js_import(source, node, out),
            };
        if overlaps && !found && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out.sort_by_key(|i| i.range.start);
}

// ---------------------------------------------------------------------------------------------
// Python.

fn python_import(source: &str, node: Node, out: &mut Vec<Import>) -> bool {
    match node.kind() {
        "import_statement" => {
            if in_optional_import(source, node) {
                return true;
            }
            let mut cursor = node.walk();
            for child in node.children_by_field_name("name", &mut cursor) {
                let dotted = if child.kind() == "aliased_import" {
                    child.child_by_field_name("name")
                } else {
                    Some(child)
                };
                if let Some(dotted) = dotted {
                    push_python(source, dotted, out);
                }
            }
            true
        }
        "import_from_statement" => {
            if in_optional_import(source, node) {
                return true;
            }
            if let Some(module) = node.child_by_field_name("module_name") {
                if module.kind() == "dotted_name" {
                    push_python(source, module, out);
                }
            }
            true
        }
        "future_import_statement" => true,
        _ => false,
    }
}

fn push_python(source: &str, dotted: Node, out: &mut Vec<Import>) {
    let first = dotted.named_child(0).unwrap_or(dotted);
    let name = text(source, first);
    if name.is_empty() || name == "__future__" {
        return;
    }
    out.push(Import {
        name: name.to_string(),
        range: first.byte_range(),
    });
}

/// True inside `try:` whose handlers catch `ImportError` / `ModuleNotFoundError` (or
/// everything): the code is written to work without the package.
fn in_optional_import(source: &str, node: Node) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        if parent.kind() == "try_statement" {
            let mut cursor = parent.walk();
            let optional = parent.children(&mut cursor).any(|child| {
                if child.kind() != "except_clause" {
                    return false;
                }
                let clause = text(source, child);
                let header = clause.split(':').next().unwrap_or("");
                header.trim() == "except"
                    || header.contains("ImportError")
                    || header.contains("ModuleNotFoundError")
                    || header.contains("Exception")
            });
            if optional {
                return true;
            }
        }
        if matches!(parent.kind(), "function_definition" | "class_definition") {
            return false;
        }
        current = parent.parent();
    }
    false
}

fn python_declared(
    module: &str,
    names: &std::collections::HashSet<String>,
    project: &Project,
) -> bool {
    if PYTHON_STDLIB.contains(&module) || PYTHON_AMBIENT.contains(&module) {
        return true;
    }
    if project.python_local.contains(module) {
        return true;
    }
    python_distributions(module)
        .iter()
        .any(|d| names.contains(d))
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript.

fn js_import(source: &str, node: Node, out: &mut Vec<Import>) -> bool {
    match node.kind() {
        "import_statement" | "export_statement" => {
            if let Some(string) = node.child_by_field_name("source") {
                push_js(source, string, out);
            } else if node.kind() == "import_statement" {
                // TypeScript's `import x = require("pkg")`: the string sits in an
                // `import_require_clause`.
                let mut cursor = node.walk();
                let clause = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind() == "import_require_clause");
                if let Some(string) = clause.and_then(|c| c.child_by_field_name("source")) {
                    push_js(source, string, out);
                }
            }
            node.kind() == "import_statement"
        }
        "call_expression" => {
            let Some(function) = node.child_by_field_name("function") else {
                return false;
            };
            let is_loader = matches!(function.kind(), "import")
                || (function.kind() == "identifier" && text(source, function) == "require");
            if !is_loader {
                return false;
            }
            let Some(arguments) = node.child_by_field_name("arguments") else {
                return false;
            };
            if arguments.named_child_count() == 1 {
                if let Some(first) = arguments.named_child(0) {
                    if first.kind() == "string" {
                        push_js(source, first, out);
                    }
                }
            }
            false
        }
        _ => false,
    }
}

fn push_js(source: &str, string: Node, out: &mut Vec<Import>) {
    let Some(fragment) = string
        .named_child(0)
        .filter(|n| n.kind() == "string_fragment")
    else {
        return;
    };
    let specifier = text(source, fragment);
    let Some(package) = js_package(specifier) else {
        return;
    };
    let start = fragment.start_byte();
    out.push(Import {
        name: package.to_string(),
        range: start..start + package.len(),
    });
}

/// The package a bare specifier names (`lodash/fp` → `lodash`, `@a/b/c` → `@a/b`); `None` for
/// relative paths, URLs, `node:` builtins, subpath imports and bundler aliases.
pub fn js_package(specifier: &str) -> Option<&str> {
    if specifier.is_empty()
        || specifier.starts_with(['.', '/', '#', '~', '$', '\\'])
        || specifier.starts_with("@/")
        || specifier.contains(':')
        || specifier.contains(['?', '!', '{', '*', ' '])
    {
        return None;
    }
    let mut parts = specifier.splitn(3, '/');
    let first = parts.next()?;
    let end = if first.starts_with('@') {
        let second = parts.next()?;
        if second.is_empty() {
            return None;
        }
        first.len() + 1 + second.len()
    } else {
        first.len()
    };
    Some(&specifier[..end])
}

fn js_declared(
    package: &str,
    names: &std::collections::HashSet<String>,
    project: &Project,
) -> bool {
    if NODE_BUILTINS.contains(&package) {
        return true;
    }
    let lower = package.to_ascii_lowercase();
    if names.contains(&lower) {
        return true;
    }
    // Type packages declare the module they describe: `@types/node`, `@types/scope__name`.
    let types = match lower.strip_prefix('@') {
        Some(scoped) => format!("@types/{}", scoped.replacen('/', "__", 1)),
        None => format!("@types/{lower}"),
    };
    if names.contains(&types) {
        return true;
    }
    project
        .js_aliases
        .iter()
        .any(|alias| !alias.is_empty() && package.starts_with(alias.trim_end_matches('/')))
        || project.js_local.contains(package)
}

// ---------------------------------------------------------------------------------------------
// Rust.

fn rust_import(source: &str, node: Node, out: &mut Vec<Import>) -> bool {
    match node.kind() {
        "use_declaration" => {
            if let Some(argument) = node.child_by_field_name("argument") {
                // `use {a::X, b::Y};` names several crates at once.
                let roots: Vec<Node> = if argument.kind() == "use_list" {
                    let mut cursor = argument.walk();
                    argument.named_children(&mut cursor).collect()
                } else {
                    vec![argument]
                };
                for root in roots {
                    if let Some(first) = first_path_segment(root) {
                        let name = text(source, first);
                        if !name.is_empty() {
                            out.push(Import {
                                name: name.to_string(),
                                range: first.byte_range(),
                            });
                        }
                    }
                }
            }
            true
        }
        "extern_crate_declaration" => {
            if let Some(name) = node.child_by_field_name("name") {
                out.push(Import {
                    name: text(source, name).to_string(),
                    range: name.byte_range(),
                });
            }
            true
        }
        _ => false,
    }
}

/// The leftmost identifier of a use path (`a::b::{c, d}` → `a`). `None` for a bare `{…}` list
/// or a global path (`::a`), which we leave alone.
fn first_path_segment(node: Node) -> Option<Node> {
    let mut current = node;
    loop {
        match current.kind() {
            "identifier" | "crate" | "self" | "super" | "metavariable" => return Some(current),
            "scoped_identifier" | "scoped_use_list" => {
                // `::rand::Rng`: the innermost segment has no path, only its name.
                current = current
                    .child_by_field_name("path")
                    .or_else(|| current.child_by_field_name("name"))?;
            }
            "use_as_clause" => current = current.child_by_field_name("path")?,
            "use_wildcard" => current = current.named_child(0)?,
            _ => return None,
        }
    }
}

/// Names the file itself defines (modules, types, functions, macros): `use` may start from
/// any of them.
fn rust_local_items(source: &str, tree: &Tree) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "mod_item" | "struct_item" | "enum_item" | "trait_item" | "type_item"
            | "function_item" | "const_item" | "static_item" | "union_item"
            | "macro_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    names.push(text(source, name).to_string());
                }
            }
            _ => {}
        }
        if matches!(node.kind(), "source_file" | "mod_item" | "declaration_list") {
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
    }
    names.extend(
        RUST_TEXT_ITEMS
            .captures_iter(source)
            .map(|c| c[1].to_string()),
    );
    names
}

fn rust_declared(
    name: &str,
    names: &std::collections::HashSet<String>,
    project: &Project,
    local_items: &[String],
) -> bool {
    RUST_BUILTIN.contains(&name)
        || names.contains(&Ecosystem::Crates.normalise(name))
        || project.rust_local.contains(name)
        || local_items.iter().any(|item| item == name)
        || name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Lets the provenance tracker ask whether a pasted block imports something no manifest
/// declares (its `undeclared-import` signal), with exactly the rules of `undeclared-import`.
/// `None` when the ecosystem has no readable manifest: then nothing can be judged.
impl crate::provenance::Declared for Project {
    fn declares(&self, language: Language, package: &str) -> Option<bool> {
        let declared = match language {
            Language::Python => &self.python,
            Language::JavaScript | Language::TypeScript | Language::Tsx => &self.npm,
            Language::Rust => &self.cargo,
            Language::PlainText => return None,
        };
        let Declared::Names(names) = declared else {
            return None;
        };
        Some(match language {
            Language::Python => python_declared(package, names, self),
            Language::Rust => rust_declared(package, names, self, &[]),
            _ => js_declared(package, names, self),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_specifiers_name_their_package() {
        assert_eq!(js_package("lodash/fp"), Some("lodash"));
        assert_eq!(js_package("@scope/pkg/deep"), Some("@scope/pkg"));
        assert_eq!(js_package("./local"), None);
        assert_eq!(js_package("node:fs"), None);
        assert_eq!(js_package("@/components/x"), None);
        assert_eq!(js_package("#internal"), None);
        assert_eq!(js_package("@scope"), None);
        assert_eq!(js_package("https://esm.sh/x"), None);
    }

    #[test]
    fn python_import_names_map_to_distributions() {
        assert!(python_distributions("yaml").contains(&"pyyaml".to_string()));
        assert!(python_distributions("PIL").contains(&"pillow".to_string()));
        assert!(python_distributions("sklearn").contains(&"scikit-learn".to_string()));
        assert_eq!(
            python_distributions("requests"),
            vec!["requests".to_string()]
        );
    }
}

#[cfg(test)]
mod rust_tests {
    use super::*;

    #[test]
    fn modules_declared_inside_macro_calls_are_local() {
        let source = "cfg_if! {\n    #[path = \"a.rs\"]\n    mod imp;\n}\n\npub(crate) use imp::AtomicU64;\nuse rand::Rng;\n";
        let tree = crate::document::parse_str(source, &Language::Rust.grammar().unwrap()).unwrap();
        let items = rust_local_items(source, &tree);
        assert!(items.contains(&"imp".to_string()), "{items:?}");
        let project = Project {
            cargo: Declared::Names(Default::default()),
            ..Project::default()
        };
        let mut hits = Vec::new();
        check(
            Language::Rust,
            source,
            &tree,
            &(0..source.len()),
            &project,
            &mut hits,
        );
        let names: Vec<&str> = hits.iter().map(|h| &source[h.range.clone()]).collect();
        assert_eq!(names, vec!["rand"]);
    }

    #[test]
    fn the_project_answers_the_provenance_hook() {
        use crate::provenance::Declared as _;
        let mut project = Project {
            python: Declared::Names(["requests".to_string()].into_iter().collect()),
            ..Project::default()
        };
        project.python_local.insert("helpers".to_string());
        assert_eq!(project.declares(Language::Python, "requests"), Some(true));
        assert_eq!(project.declares(Language::Python, "os"), Some(true));
        assert_eq!(project.declares(Language::Python, "helpers"), Some(true));
        assert_eq!(project.declares(Language::Python, "reqeusts"), Some(false));
        // No package.json: JavaScript imports cannot be judged.
        assert_eq!(project.declares(Language::JavaScript, "left-pad"), None);
    }
}
