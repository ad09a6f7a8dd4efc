//! What a value is, judged from the syntax tree alone and within one function: a constant
//! (literals, and names bound only to constants in the same scope) or not, and whether it
//! visibly comes from outside (a request, argv, the environment, stdin).
//!
//! This is deliberately intra-procedural and cheap: it walks at most the enclosing scope.

use crate::language::Language;
use ropey::Rope;
use std::sync::LazyLock;
use tree_sitter::Node;

/// How deep name resolution may recurse (`a = b; b = c; …`); deeper chains count as unknown.
const MAX_DEPTH: u8 = 4;

/// The text of a node.
pub fn node_text(rope: &Rope, node: Node) -> String {
    let end = node.end_byte().min(rope.len_bytes());
    let start = node.start_byte().min(end);
    rope.byte_slice(start..end).to_string()
}

/// True when `node` is a constant expression: a literal without interpolation, an operation
/// or collection over constants, or a name bound only to constants in its scope.
pub fn is_constant(rope: &Rope, node: Node, language: Language) -> bool {
    constant_at_depth(rope, node, language, 0)
}

fn constant_at_depth(rope: &Rope, node: Node, language: Language, depth: u8) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let all_named_children_constant = |node: Node| {
        let mut cursor = node.walk();
        let children: Vec<Node> = node
            .named_children(&mut cursor)
            .filter(|c| !c.is_extra())
            .collect();
        children
            .iter()
            .all(|c| constant_at_depth(rope, *c, language, depth))
    };
    match language {
        Language::Python => match node.kind() {
            "string" => !has_descendant_kind(node, "interpolation"),
            "concatenated_string" | "parenthesized_expression" | "list" | "tuple" | "set" => {
                all_named_children_constant(node)
            }
            "integer" | "float" | "true" | "false" | "none" | "string_content" => true,
            "binary_operator" | "conditional_expression" | "unary_operator" => {
                all_named_children_constant(node)
            }
            "identifier" => name_is_constant(rope, node, language, depth),
            _ => false,
        },
        Language::JavaScript | Language::TypeScript | Language::Tsx => match node.kind() {
            "string" | "regex" => true,
            // `table_${VERSION}` with `const VERSION = 4` is as constant as its parts.
            "template_string" => {
                let mut cursor = node.walk();
                let substitutions: Vec<Node> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "template_substitution")
                    .collect();
                substitutions
                    .iter()
                    .all(|s| all_named_children_constant(*s))
            }
            "number" | "true" | "false" | "null" | "undefined" => true,
            "binary_expression"
            | "parenthesized_expression"
            | "array"
            | "ternary_expression"
            | "unary_expression"
            | "as_expression"
            | "satisfies_expression" => all_named_children_constant(node),
            "identifier" => name_is_constant(rope, node, language, depth),
            _ => false,
        },
        Language::Rust => match node.kind() {
            "string_literal" | "raw_string_literal" => {
                // `format!` arguments are strings too; interpolation happens in the macro,
                // which is a macro_invocation, never a literal.
                true
            }
            "integer_literal" | "float_literal" | "boolean_literal" | "char_literal" => true,
            "reference_expression"
            | "parenthesized_expression"
            | "array_expression"
            | "binary_expression"
            | "tuple_expression" => all_named_children_constant(node),
            "identifier" => name_is_constant(rope, node, language, depth),
            "call_expression" => rust_transparent_call_is_constant(rope, node, language, depth),
            _ => false,
        },
        Language::PlainText => false,
    }
}

/// `"ls".to_string()`, `CString::new("ls").unwrap().as_ptr()`: conversions that keep a
/// constant constant.
fn rust_transparent_call_is_constant(
    rope: &Rope,
    node: Node,
    language: Language,
    depth: u8,
) -> bool {
    let Some(function) = node.child_by_field_name("function") else {
        return false;
    };
    match function.kind() {
        "field_expression" => {
            let method = function
                .child_by_field_name("field")
                .map(|f| node_text(rope, f))
                .unwrap_or_default();
            const TRANSPARENT: &[&str] = &[
                "as_ptr",
                "as_bytes",
                "as_str",
                "as_ref",
                "to_string",
                "to_owned",
                "into",
                "unwrap",
                "expect",
                "clone",
                "as_c_str",
            ];
            TRANSPARENT.contains(&method.as_str())
                && function
                    .child_by_field_name("value")
                    .is_some_and(|v| constant_at_depth(rope, v, language, depth))
        }
        "scoped_identifier" => {
            let text = node_text(rope, function);
            let constructor = [
                "CString::new",
                "String::from",
                "OsString::from",
                "PathBuf::from",
                "Path::new",
                "OsStr::new",
            ]
            .iter()
            .any(|c| text.ends_with(c));
            let mut cursor = node.walk();
            constructor
                && node.child_by_field_name("arguments").is_some_and(|args| {
                    let all: Vec<Node> = args.named_children(&mut cursor).collect();
                    all.iter()
                        .all(|a| constant_at_depth(rope, *a, language, depth))
                })
        }
        _ => false,
    }
}

fn has_descendant_kind(node: Node, kind: &str) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == kind {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

/// Node kinds that open a new scope for name binding.
fn is_scope(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "lambda"
            | "function_declaration"
            | "function_expression"
            | "generator_function_declaration"
            | "arrow_function"
            | "method_definition"
            | "function_item"
            | "closure_expression"
    )
}

/// The nearest enclosing scope node, or the root.
pub fn enclosing_scope(node: Node) -> Node {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if is_scope(parent.kind()) {
            return parent;
        }
        current = parent;
    }
    current
}

/// What a name is bound to inside one scope.
enum Binding<'t> {
    Value(Node<'t>),
    /// Bound by something we cannot evaluate (a parameter, a loop, an import, `+=`…).
    Opaque,
    /// Bound by destructuring this value (`const { file } = req.query`) or extended by it
    /// (`sql += value`): not a constant, but what flows into the name is still visible.
    Destructured(Node<'t>),
}

fn name_is_constant(rope: &Rope, ident: Node, language: Language, depth: u8) -> bool {
    let name = node_text(rope, ident);
    let mut scope = enclosing_scope(ident);
    loop {
        let bindings = bindings_in_scope(rope, scope, &name, language);
        if !bindings.is_empty() {
            return bindings.iter().all(|b| match b {
                Binding::Value(value) => {
                    value.id() != ident.id() && constant_at_depth(rope, *value, language, depth + 1)
                }
                Binding::Opaque | Binding::Destructured(_) => false,
            });
        }
        // Not bound here: look in the enclosing scope (closures, module-level constants).
        match scope.parent() {
            Some(parent) => scope = enclosing_scope(parent),
            None => return false,
        }
    }
}

/// The values the identifier `ident` is bound to (`x = value`, or the value destructured
/// into it) in the nearest enclosing scope that binds it; empty when it is unbound there or
/// bound only by something opaque (a parameter, an import, a loop).
pub fn bound_values<'t>(rope: &Rope, ident: Node<'t>, language: Language) -> Vec<Node<'t>> {
    if ident.kind() != "identifier" {
        return Vec::new();
    }
    let name = node_text(rope, ident);
    let mut scope = enclosing_scope(ident);
    loop {
        let bindings = bindings_in_scope(rope, scope, &name, language);
        if !bindings.is_empty() {
            return bindings
                .into_iter()
                .filter_map(|b| match b {
                    Binding::Value(v) | Binding::Destructured(v) if v.id() != ident.id() => Some(v),
                    _ => None,
                })
                .collect();
        }
        match scope.parent() {
            Some(parent) => scope = enclosing_scope(parent),
            None => return Vec::new(),
        }
    }
}

/// Every binding of `name` directly inside `scope` (not inside nested scopes), including the
/// scope's own parameters.
fn bindings_in_scope<'t>(
    rope: &Rope,
    scope: Node<'t>,
    name: &str,
    language: Language,
) -> Vec<Binding<'t>> {
    let mut found = Vec::new();
    let mut cursor = scope.walk();
    let mut stack: Vec<Node<'t>> = scope.children(&mut cursor).collect();
    while let Some(node) = stack.pop() {
        let kind = node.kind();
        if is_scope(kind) {
            // A nested function's parameters and locals are not ours; only its name is.
            continue;
        }
        match (language, kind) {
            (Language::Python, "assignment") => {
                if let Some(left) = node.child_by_field_name("left") {
                    if left.kind() == "identifier" && node_text(rope, left) == name {
                        match node.child_by_field_name("right") {
                            Some(right) => found.push(Binding::Value(right)),
                            None => found.push(Binding::Opaque),
                        }
                    } else if targets_mention(rope, left, name) {
                        found.push(Binding::Opaque);
                    }
                }
            }
            (
                Language::JavaScript | Language::TypeScript | Language::Tsx,
                "augmented_assignment_expression",
            ) => {
                let left = node.child_by_field_name("left");
                if left.is_some_and(|l| targets_mention(rope, l, name)) {
                    match node.child_by_field_name("right") {
                        Some(right) => found.push(Binding::Destructured(right)),
                        None => found.push(Binding::Opaque),
                    }
                }
            }
            (
                Language::Python,
                "augmented_assignment"
                | "for_statement"
                | "as_pattern_target"
                | "named_expression"
                | "global_statement"
                | "nonlocal_statement"
                | "import_statement"
                | "import_from_statement",
            )
            | (Language::Python, "parameters" | "lambda_parameters")
            | (
                Language::JavaScript | Language::TypeScript | Language::Tsx,
                "formal_parameters" | "for_in_statement" | "catch_clause" | "import_statement"
                | "update_expression",
            )
            | (
                Language::Rust,
                "parameters"
                | "for_expression"
                | "closure_parameters"
                | "match_arm"
                | "use_declaration"
                | "compound_assignment_expr",
            ) => {
                let target = match kind {
                    "augmented_assignment" | "compound_assignment_expr" => {
                        node.child_by_field_name("left")
                    }
                    "for_statement" | "for_in_statement" | "for_expression" => node
                        .child_by_field_name("left")
                        .or_else(|| node.child_by_field_name("pattern")),
                    _ => Some(node),
                };
                if target.is_some_and(|t| targets_mention(rope, t, name)) {
                    found.push(Binding::Opaque);
                }
            }
            (
                Language::JavaScript | Language::TypeScript | Language::Tsx,
                "variable_declarator",
            ) => {
                if let Some(left) = node.child_by_field_name("name") {
                    if left.kind() == "identifier" && node_text(rope, left) == name {
                        // `let x;` alone binds nothing yet.
                        if let Some(value) = node.child_by_field_name("value") {
                            found.push(Binding::Value(value));
                        }
                    } else if targets_mention(rope, left, name) {
                        match node.child_by_field_name("value") {
                            Some(value) => found.push(Binding::Destructured(value)),
                            None => found.push(Binding::Opaque),
                        }
                    }
                }
            }
            (
                Language::JavaScript | Language::TypeScript | Language::Tsx,
                "assignment_expression",
            ) => {
                if let Some(left) = node.child_by_field_name("left") {
                    if left.kind() == "identifier" && node_text(rope, left) == name {
                        match node.child_by_field_name("right") {
                            Some(right) => found.push(Binding::Value(right)),
                            None => found.push(Binding::Opaque),
                        }
                    }
                }
            }
            (Language::Rust, "let_declaration") => {
                if let Some(pattern) = node.child_by_field_name("pattern") {
                    if pattern.kind() == "identifier" && node_text(rope, pattern) == name {
                        if let Some(value) = node.child_by_field_name("value") {
                            found.push(Binding::Value(value));
                        }
                    } else if targets_mention(rope, pattern, name) {
                        found.push(Binding::Opaque);
                    }
                }
            }
            (Language::Rust, "const_item" | "static_item") => {
                if let Some(item_name) = node.child_by_field_name("name") {
                    if node_text(rope, item_name) == name {
                        match node.child_by_field_name("value") {
                            Some(value) => found.push(Binding::Value(value)),
                            None => found.push(Binding::Opaque),
                        }
                    }
                }
            }
            (Language::Rust, "assignment_expression") => {
                if let Some(left) = node.child_by_field_name("left") {
                    if left.kind() == "identifier" && node_text(rope, left) == name {
                        match node.child_by_field_name("right") {
                            Some(right) => found.push(Binding::Value(right)),
                            None => found.push(Binding::Opaque),
                        }
                    }
                }
            }
            _ => {}
        }
        stack.extend(node.children(&mut cursor));
    }
    // The scope's own parameters.
    let params = scope
        .child_by_field_name("parameters")
        .or_else(|| scope.child_by_field_name("parameter"));
    if let Some(params) = params {
        if targets_mention(rope, params, name) {
            found.push(Binding::Opaque);
        }
    }
    found
}

/// True when an identifier spelled `name` occurs anywhere in `node` (a pattern or parameter
/// list).
fn targets_mention(rope: &Rope, node: Node, name: &str) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if matches!(
            n.kind(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) && node_text(rope, n) == name
        {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

/// Input sources visible in source text, per language: (pattern, label shown to the user).
struct SourcePatterns {
    regex: regex::Regex,
}

static PYTHON_SOURCES: LazyLock<SourcePatterns> = LazyLock::new(|| {
    SourcePatterns {
    regex: regex::Regex::new(
        r"\b(request\.(?:args|form|values|json|data|files|cookies|headers|GET|POST|body|query_params|path_params|get_json\(\))|sys\.argv|input\(|os\.environ|os\.getenv|self\.request\.(?:GET|POST|body))",
    )
    .expect("valid regex"),
}
});

static JS_SOURCES: LazyLock<SourcePatterns> = LazyLock::new(|| {
    SourcePatterns {
    regex: regex::Regex::new(
        r"\b(req(?:uest)?\.(?:query|params|body|headers|cookies|signedCookies|url|originalUrl|path|files?|(?:get|header|param)\()|process\.argv|process\.env|(?:window\.)?location\.(?:hash|search|href|pathname)|document\.(?:cookie|URL|documentURI|referrer)|ctx\.(?:query|params|querystring|request\.(?:body|query|url))|event\.(?:body|queryStringParameters|pathParameters)|searchParams\.get\()",
    )
    .expect("valid regex"),
}
});

static RUST_SOURCES: LazyLock<SourcePatterns> = LazyLock::new(|| {
    SourcePatterns {
    regex: regex::Regex::new(
        r"((?:std::)?env::args(?:_os)?\(\)|(?:std::)?env::var(?:_os)?\(|(?:std::)?io::stdin\(\)|\bstdin\(\)|\bQuery\(|\bForm\(|\bJson\()",
    )
    .expect("valid regex"),
}
});

/// Where the value of `node` visibly comes from, following names bound in the same scope
/// one or two steps: `Some("sys.argv")`, `Some("req.query")`…
pub fn input_source(rope: &Rope, node: Node, language: Language) -> Option<String> {
    let patterns = match language {
        Language::Python => &*PYTHON_SOURCES,
        Language::JavaScript | Language::TypeScript | Language::Tsx => &*JS_SOURCES,
        Language::Rust => &*RUST_SOURCES,
        Language::PlainText => return None,
    };
    source_at_depth(rope, node, language, patterns, 0)
}

fn source_at_depth(
    rope: &Rope,
    node: Node,
    language: Language,
    patterns: &SourcePatterns,
    depth: u8,
) -> Option<String> {
    if depth > 2 || node.byte_range().len() > 4096 {
        return None;
    }
    let text = node_text(rope, node);
    if let Some(m) = patterns.regex.find(&text) {
        return Some(m.as_str().trim_end_matches('(').to_string());
    }
    // Follow identifiers used inside the expression to their bindings.
    let mut cursor = node.walk();
    let mut stack = vec![node];
    let mut idents = Vec::new();
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" {
            idents.push(n);
        }
        if idents.len() > 8 {
            break;
        }
        stack.extend(n.children(&mut cursor));
    }
    for ident in idents {
        let name = node_text(rope, ident);
        let scope = enclosing_scope(ident);
        for binding in bindings_in_scope(rope, scope, &name, language) {
            if let Binding::Value(value) | Binding::Destructured(value) = binding {
                if value.id() != node.id() && value.start_byte() < ident.start_byte() {
                    if let Some(found) = source_at_depth(rope, value, language, patterns, depth + 1)
                    {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_str;

    /// Finds the first node of `kind` whose text is `text` and reports whether it is constant.
    fn constant(language: Language, source: &str, kind: &str, text: &str) -> bool {
        let tree = parse_str(source, &language.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(source);
        let mut stack = vec![tree.root_node()];
        let mut cursor = tree.walk();
        let mut last = None;
        while let Some(n) = stack.pop() {
            if n.kind() == kind && node_text(&rope, n) == text {
                last = Some(n);
            }
            stack.extend(n.children(&mut cursor));
        }
        let node = last.unwrap_or_else(|| panic!("no {kind} `{text}` in {source}"));
        is_constant(&rope, node, language)
    }

    #[test]
    fn python_literals_and_names_bound_to_literals_are_constant() {
        let src = "CMD = 'ls'\ndef f(arg):\n    a = 'x' + 'y'\n    b = f'{arg}'\n    run(a)\n    run(b)\n    run(CMD)\n    run(arg)\n";
        assert!(constant(Language::Python, src, "identifier", "a"));
        assert!(!constant(Language::Python, src, "identifier", "b"));
        assert!(constant(Language::Python, src, "identifier", "CMD"));
        assert!(!constant(Language::Python, src, "identifier", "arg"));
    }

    #[test]
    fn a_name_rebound_to_a_non_constant_is_not_constant() {
        let src = "def f(x):\n    c = 'ls'\n    c = x\n    run(c)\n";
        assert!(!constant(Language::Python, src, "identifier", "c"));
    }

    #[test]
    fn js_template_without_substitution_is_constant() {
        let src = "const a = `ls`; const b = `ls ${x}`; exec(a); exec(b);";
        assert!(constant(Language::JavaScript, src, "identifier", "a"));
        assert!(!constant(Language::JavaScript, src, "identifier", "b"));
        let src = "const V = 4; const c = `t${V}`; const d = `t${V}${y}`; exec(c); exec(d);";
        assert!(constant(Language::JavaScript, src, "identifier", "c"));
        assert!(!constant(Language::JavaScript, src, "identifier", "d"));
    }

    #[test]
    fn rust_consts_and_lets_resolve() {
        let src = "const PROG: &str = \"ls\";\nfn f(arg: String) { let p = \"x\"; run(PROG); run(p); run(arg); }";
        assert!(constant(Language::Rust, src, "identifier", "PROG"));
        assert!(constant(Language::Rust, src, "identifier", "p"));
        assert!(!constant(Language::Rust, src, "identifier", "arg"));
    }

    #[test]
    fn input_sources_are_found_through_one_binding() {
        let src = "import sys\ndef f():\n    name = sys.argv[1]\n    run('ls ' + name)\n";
        let tree = parse_str(src, &Language::Python.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let call = tree
            .root_node()
            .descendant_for_byte_range(src.find("'ls '").unwrap(), src.find("name)").unwrap() + 4)
            .unwrap();
        assert_eq!(
            input_source(&rope, call, Language::Python).as_deref(),
            Some("sys.argv")
        );
    }
}
