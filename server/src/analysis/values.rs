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

pub(crate) fn constant_at_depth(rope: &Rope, node: Node, language: Language, depth: u8) -> bool {
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
            // An f-string is constant when every interpolated expression is
            // (`f"SELECT * FROM {TABLE}"` with `TABLE = "users"`).
            "string" => python_interpolations(node)
                .iter()
                .all(|e| constant_at_depth(rope, *e, language, depth)),
            "call" => python_call_is_constant(rope, node, language, depth),
            "concatenated_string" | "parenthesized_expression" | "list" | "tuple" | "set" => {
                all_named_children_constant(node)
            }
            "integer" | "float" | "true" | "false" | "none" | "string_content" => true,
            "binary_operator" => {
                all_named_children_constant(node)
                    || python_repeats_literal(rope, node, language, depth)
            }
            "conditional_expression" | "unary_operator" => all_named_children_constant(node),
            // `["?" for _ in ids]`: only constant pieces, however many of them.
            "list_comprehension" | "generator_expression" => node
                .child_by_field_name("body")
                .is_some_and(|b| constant_at_depth(rope, b, language, depth)),
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
            "macro_invocation" | "if_expression" | "else_clause" | "block" | "match_expression" => {
                super::rust_values::constant_extra(rope, node, depth)
            }
            _ => false,
        },
        Language::PlainText => false,
    }
}

/// The expressions interpolated into a Python f-string (an interpolation without an
/// expression field counts as the interpolation node itself, which is never constant).
fn python_interpolations(string: Node) -> Vec<Node> {
    let mut found = Vec::new();
    let mut cursor = string.walk();
    let mut stack = vec![string];
    while let Some(n) = stack.pop() {
        if n.kind() == "interpolation" {
            found.push(n.child_by_field_name("expression").unwrap_or(n));
            continue;
        }
        stack.extend(n.children(&mut cursor));
    }
    found
}

/// `["?"] * len(ids)`, `"%s, " * n`: a literal repeated a run-time number of times is made
/// only of constant pieces (placeholder lists for parameterized queries).
fn python_repeats_literal(rope: &Rope, node: Node, language: Language, depth: u8) -> bool {
    let operator = node
        .child_by_field_name("operator")
        .map(|o| node_text(rope, o))
        .unwrap_or_default();
    if operator != "*" {
        return false;
    }
    [
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ]
    .into_iter()
    .flatten()
    .any(|side| {
        matches!(side.kind(), "string" | "list" | "tuple")
            && constant_at_depth(rope, side, language, depth)
    })
}

/// `"a {}".format(CONST)`, `", ".join(["a", "b"])`, `str(1)`: calls that keep constants
/// constant.
fn python_call_is_constant(rope: &Rope, node: Node, language: Language, depth: u8) -> bool {
    let Some(function) = node.child_by_field_name("function") else {
        return false;
    };
    let Some(arguments) = node.child_by_field_name("arguments") else {
        return false;
    };
    let mut cursor = arguments.walk();
    // `"".join("?" for _ in ids)`: a lone generator argument is the arguments node itself.
    let arguments_constant = if arguments.kind() == "generator_expression" {
        constant_at_depth(rope, arguments, language, depth)
    } else {
        arguments.named_children(&mut cursor).all(|a| {
            let value = if a.kind() == "keyword_argument" {
                a.child_by_field_name("value")
            } else {
                Some(a)
            };
            value.is_some_and(|v| constant_at_depth(rope, v, language, depth))
        })
    };
    match function.kind() {
        "attribute" => {
            let method = function
                .child_by_field_name("attribute")
                .map(|a| node_text(rope, a))
                .unwrap_or_default();
            matches!(
                method.as_str(),
                "format" | "join" | "upper" | "lower" | "strip" | "replace"
            ) && function
                .child_by_field_name("object")
                .is_some_and(|o| constant_at_depth(rope, o, language, depth))
                && arguments_constant
        }
        "identifier" => {
            matches!(node_text(rope, function).as_str(), "str" | "int") && arguments_constant
        }
        _ => false,
    }
}

/// When `node` is a string assembled at run time from a non-constant part — an f-string or
/// template literal with a non-constant interpolation, `%` or `.format()` formatting, `+`
/// concatenation with a string literal, `format!` — returns the node that builds it.
/// A name is followed to the values it is bound to in its scope (any built binding counts).
pub fn built_string<'t>(rope: &Rope, node: Node<'t>, language: Language) -> Option<Node<'t>> {
    built_string_at_depth(rope, node, language, 0)
}

fn built_string_at_depth<'t>(
    rope: &Rope,
    node: Node<'t>,
    language: Language,
    depth: u8,
) -> Option<Node<'t>> {
    // Only these kinds can be a built string (see the match below): deciding that first skips
    // the constant check for every other value (`return result.items`, `return [..]`).
    let can_build = matches!(
        node.kind(),
        "identifier"
            | "parenthesized_expression"
            | "string"
            | "binary_operator"
            | "call"
            | "template_string"
            | "binary_expression"
            | "macro_invocation"
    );
    if depth > 2 || !can_build || is_constant(rope, node, language) {
        return None;
    }
    let has_string_literal = |n: Node| {
        let mut cursor = n.walk();
        let mut stack = vec![n];
        while let Some(c) = stack.pop() {
            if matches!(
                c.kind(),
                "string" | "template_string" | "string_literal" | "raw_string_literal"
            ) {
                return true;
            }
            if c.kind() != "call" {
                stack.extend(c.children(&mut cursor));
            }
        }
        false
    };
    let built = match (language, node.kind()) {
        (_, "identifier") => {
            let name = node_text(rope, node);
            let scope = enclosing_scope(node);
            let bound = bindings_in_scope(rope, scope, &name, language)
                .into_iter()
                .filter_map(|b| match b {
                    Binding::Value(v) if v.id() != node.id() => Some(v),
                    _ => None,
                })
                .find_map(|v| built_string_at_depth(rope, v, language, depth + 1));
            // `sql = "SELECT …"; sql += " WHERE name = '%s'" % name`: the name itself is the
            // built string (its bound texts carry the SQL).
            return bound
                .or_else(|| appended_non_constant(rope, scope, &name, language).then_some(node));
        }
        (_, "parenthesized_expression") => {
            let mut cursor = node.walk();
            let inner = node.named_children(&mut cursor).next();
            return inner.and_then(|i| built_string_at_depth(rope, i, language, depth));
        }
        (Language::Python, "string") => !python_interpolations(node).is_empty(),
        (Language::Python, "binary_operator") => {
            let operator = node
                .child_by_field_name("operator")
                .map(|o| node_text(rope, o))
                .unwrap_or_default();
            match operator.as_str() {
                "%" => node.child_by_field_name("left").is_some_and(|l| {
                    has_string_literal(l) || is_constant_string(rope, l, language)
                }),
                "+" => {
                    has_string_literal(node)
                        || [
                            node.child_by_field_name("left"),
                            node.child_by_field_name("right"),
                        ]
                        .into_iter()
                        .flatten()
                        .any(|side| is_constant_string(rope, side, language))
                }
                _ => false,
            }
        }
        (Language::Python, "call") => node
            .child_by_field_name("function")
            .filter(|f| f.kind() == "attribute")
            .is_some_and(|f| {
                f.child_by_field_name("attribute")
                    .is_some_and(|a| node_text(rope, a) == "format")
                    && f.child_by_field_name("object").is_some_and(|o| {
                        has_string_literal(o) || is_constant_string(rope, o, language)
                    })
            }),
        (Language::JavaScript | Language::TypeScript | Language::Tsx, "template_string") => true,
        (Language::JavaScript | Language::TypeScript | Language::Tsx, "binary_expression") => {
            node.child_by_field_name("operator")
                .is_some_and(|o| node_text(rope, o) == "+")
                && has_string_literal(node)
        }
        (Language::Rust, "macro_invocation") => node
            .child_by_field_name("macro")
            .is_some_and(|m| node_text(rope, m) == "format"),
        _ => false,
    };
    built.then_some(node)
}

/// True when `name` is extended in `scope` with `+=` by a non-constant value and is also
/// bound to a string literal there.
fn appended_non_constant(rope: &Rope, scope: Node, name: &str, language: Language) -> bool {
    let mut cursor = scope.walk();
    let mut stack: Vec<Node> = scope.children(&mut cursor).collect();
    let mut appended = false;
    while let Some(node) = stack.pop() {
        if is_scope(node.kind()) {
            continue;
        }
        if matches!(
            node.kind(),
            "augmented_assignment" | "augmented_assignment_expression"
        ) {
            let target = node.child_by_field_name("left");
            let operator = node
                .child_by_field_name("operator")
                .map(|o| node_text(rope, o))
                .unwrap_or_default();
            if target.is_some_and(|t| t.kind() == "identifier" && node_text(rope, t) == name)
                && operator == "+="
                && node
                    .child_by_field_name("right")
                    .is_some_and(|r| !is_constant(rope, r, language))
            {
                appended = true;
                break;
            }
        }
        stack.extend(node.children(&mut cursor));
    }
    appended
        && bindings_in_scope(rope, scope, name, language)
            .iter()
            .any(|b| matches!(b, Binding::Value(v) if is_constant_string(rope, *v, language)))
}

/// A name bound only to constant strings (`SQL = "SELECT …"`), or a string literal.
fn is_constant_string(rope: &Rope, node: Node, language: Language) -> bool {
    static STRING_START: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r#"^[rRbBuU]{0,2}["']"#).expect("valid regex"));
    if !is_constant(rope, node, language) {
        return false;
    }
    let texts = bound_value_texts(rope, node, language);
    // For a name, the first text is the name itself; the rest are the values bound to it.
    let values = if node.kind() == "identifier" {
        &texts[1..]
    } else {
        &texts[..1]
    };
    values.iter().all(|text| STRING_START.is_match(text))
}

/// The texts a value may have: its own text and, for a name, the text of every value it is
/// bound to in its scope (one step).
pub fn bound_value_texts(rope: &Rope, node: Node, language: Language) -> Vec<String> {
    let mut texts = vec![node_text(rope, node)];
    if node.kind() == "identifier" {
        let name = node_text(rope, node);
        let mut scope = enclosing_scope(node);
        loop {
            let bindings = bindings_in_scope(rope, scope, &name, language);
            if !bindings.is_empty() {
                for binding in bindings {
                    if let Binding::Value(value) = binding {
                        if value.id() != node.id() {
                            texts.push(node_text(rope, value));
                        }
                    }
                }
                break;
            }
            match scope.parent() {
                Some(parent) => scope = enclosing_scope(parent),
                None => break,
            }
        }
    }
    texts
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

/// [`bindings_uncached`], memoised per run (see [`super::binding_cache`]).
fn bindings_in_scope<'t>(
    rope: &Rope,
    scope: Node<'t>,
    name: &str,
    language: Language,
) -> Vec<Binding<'t>> {
    super::binding_cache::bindings(
        super::binding_cache::Namespace::Values,
        scope,
        name,
        || bindings_uncached(rope, scope, name, language),
        |b| match b {
            Binding::Value(n) => (0, Some(*n)),
            Binding::Destructured(n) => (1, Some(*n)),
            Binding::Opaque => (2, None),
        },
        |tag, node| match (tag, node) {
            (0, Some(n)) => Binding::Value(n),
            (1, Some(n)) => Binding::Destructured(n),
            _ => Binding::Opaque,
        },
    )
}

/// Every binding of `name` directly inside `scope` (not inside nested scopes), including the
/// scope's own parameters.
fn bindings_uncached<'t>(
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
            // `for table in ("users", "orders"):` binds `table` to the elements of a constant
            // collection: treat the collection as its value.
            (Language::Python, "for_statement")
                if node
                    .child_by_field_name("left")
                    .is_some_and(|l| l.kind() == "identifier" && node_text(rope, l) == name)
                    && node.child_by_field_name("right").is_some() =>
            {
                if let Some(right) = node.child_by_field_name("right") {
                    found.push(Binding::Value(right));
                }
            }
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
        r"\b(request\.(?:args|form|values|json|data|files|cookies|headers|GET|POST|FILES|COOKIES|META|body|query_params|path_params|view_args|match_info|query_string|query|rel_url|get_json\(\)|get_data\(\)|post\(\)|text\(\)|read\(\)|content)|sys\.argv|input\(|os\.environ|os\.getenv|self\.request\.(?:GET|POST|body|arguments)|self\.kwargs|self\.get_argument\(|self\.get_query_argument\(|self\.get_body_argument\()",
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
        r"((?:std::)?env::args(?:_os)?\(\)|(?:std::)?env::var(?:_os)?\(|(?:std::)?io::stdin\(\)|\bstdin\(\)|\bQuery\(|\bForm\(|\bJson\(|\bPath\(|\bweb::(?:Path|Query|Form|Json)\b|\.match_info\(\)|\.query_string\(\))",
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
    // Rust format strings capture names inline (`format!("/srv/{name}")`).
    if language == Language::Rust {
        for (at, name) in super::rust_values::inline_captures_under(rope, node) {
            if let Some(found) = super::rust_values::inline_capture_source(rope, at, &name) {
                return Some(found);
            }
            for value in super::rust_values::bound_values(rope, at, &name) {
                if let Some(found) = source_at_depth(rope, value, language, patterns, depth + 1) {
                    return Some(found);
                }
            }
        }
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
        if language == Language::Rust {
            if let Some(found) = super::rust_values::parameter_or_buffer_source(rope, ident) {
                return Some(found);
            }
        }
        let name = node_text(rope, ident);
        let scope = enclosing_scope(ident);
        if language == Language::Python && is_python_route_parameter(rope, scope, &name) {
            return Some(format!("route parameter {name}"));
        }
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

/// True when `name` is a parameter without a default of a Python web view whose URL fills it
/// in: a function decorated with a route (`@app.route`, `@bp.get`, `@router.post`…), or a
/// Django view (`def view(request, slug)`), where every parameter after `request` comes from
/// the URL.
fn is_python_route_parameter(rope: &Rope, scope: Node, name: &str) -> bool {
    static ROUTE_DECORATOR: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^@\s*[\w.]*\.(?:route|get|post|put|patch|delete|api_route|websocket)\s*\(",
        )
        .expect("valid regex")
    });
    if scope.kind() != "function_definition" {
        return false;
    }
    let Some(parameters) = scope.child_by_field_name("parameters") else {
        return false;
    };
    let mut cursor = parameters.walk();
    // (name, declared type) of every parameter without a default.
    let declared: Vec<(String, String)> = parameters
        .named_children(&mut cursor)
        .filter_map(|p| match p.kind() {
            "identifier" => Some((node_text(rope, p), String::new())),
            "typed_parameter" => p
                .named_child(0)
                .filter(|n| n.kind() == "identifier")
                .map(|n| {
                    let kind = p
                        .child_by_field_name("type")
                        .map(|t| node_text(rope, t))
                        .unwrap_or_default();
                    (node_text(rope, n), kind)
                }),
            _ => None,
        })
        .collect();
    let Some((_, declared_type)) = declared.iter().find(|(n, _)| n == name) else {
        return false;
    };
    if matches!(name, "self" | "cls" | "request")
        || matches!(
            declared_type.as_str(),
            "int" | "float" | "bool" | "UUID" | "uuid.UUID"
        )
    {
        return false;
    }
    let decorators: Vec<String> = scope
        .parent()
        .filter(|p| p.kind() == "decorated_definition")
        .map(|decorated| {
            let mut cursor = decorated.walk();
            let texts = decorated
                .named_children(&mut cursor)
                .filter(|d| d.kind() == "decorator")
                .map(|d| node_text(rope, d))
                .collect();
            texts
        })
        .unwrap_or_default();
    // `<int:id>` and friends can only carry numbers and ids.
    let typed_converter = format!(":{name}>");
    if decorators.iter().any(|d| {
        ["<int", "<float", "<uuid"]
            .iter()
            .any(|c| d.contains(&format!("{c}{typed_converter}")))
    }) {
        return false;
    }
    let routed = decorators.iter().any(|d| ROUTE_DECORATOR.is_match(d));
    let names: Vec<&str> = declared.iter().map(|(n, _)| n.as_str()).collect();
    let django_view = (names.first() == Some(&"request")
        || (names.first() == Some(&"self") && names.get(1) == Some(&"request")))
        && !(name == "pk" || name == "id" || name.ends_with("_id") || name.ends_with("_pk"));
    routed || django_view
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
    fn a_loop_over_constants_binds_a_constant() {
        let src = "TABLES = ('a', 'b')\ndef f(rows):\n    for t in TABLES:\n        run(t)\n    for r in rows:\n        run(r)\n";
        assert!(constant(Language::Python, src, "identifier", "t"));
        assert!(!constant(Language::Python, src, "identifier", "r"));
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

    /// The first node of `kind` whose text is `text`.
    fn find<'t>(tree: &'t tree_sitter::Tree, rope: &Rope, kind: &str, text: &str) -> Node<'t> {
        let mut stack = vec![tree.root_node()];
        let mut cursor = tree.walk();
        let mut found = None;
        while let Some(n) = stack.pop() {
            if n.kind() == kind && node_text(rope, n) == text {
                found = Some(n);
            }
            stack.extend(n.children(&mut cursor));
        }
        found.unwrap_or_else(|| panic!("no {kind} `{text}`"))
    }

    #[test]
    fn python_formatting_over_constants_is_constant() {
        let src = "TABLE = 'users'\ndef f(ids, x):\n    a = f'SELECT * FROM {TABLE}'\n    b = 'SELECT {}'.format(TABLE)\n    c = ', '.join(['?'] * len(ids))\n    d = ','.join('?' for _ in ids)\n    e = f'SELECT {x}'\n    run(a, b, c, d, e)\n";
        assert!(constant(Language::Python, src, "identifier", "a"));
        assert!(constant(Language::Python, src, "identifier", "b"));
        assert!(constant(Language::Python, src, "identifier", "c"));
        assert!(constant(Language::Python, src, "identifier", "d"));
        assert!(!constant(Language::Python, src, "identifier", "e"));
    }

    #[test]
    fn built_strings_are_found_directly_and_through_one_name() {
        let src = "def f(name, n):\n    q = 'SELECT * FROM t WHERE a = ' + name\n    run(q)\n    run(f'x {name}')\n    run('x %s' % name)\n    run('x {}'.format(name))\n    run('constant')\n    run(n + 1)\n";
        let tree = parse_str(src, &Language::Python.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let built = |kind: &str, text: &str| {
            built_string(&rope, find(&tree, &rope, kind, text), Language::Python)
                .map(|n| node_text(&rope, n))
        };
        assert_eq!(
            built("identifier", "q").as_deref(),
            Some("'SELECT * FROM t WHERE a = ' + name")
        );
        assert!(built("string", "f'x {name}'").is_some());
        assert!(built("binary_operator", "'x %s' % name").is_some());
        assert!(built("call", "'x {}'.format(name)").is_some());
        assert!(built("string", "'constant'").is_none());
        assert!(built("binary_operator", "n + 1").is_none());
    }

    #[test]
    fn a_constant_query_extended_with_a_non_constant_is_built() {
        let src = "def f(name):\n    sql = 'SELECT * FROM t'\n    sql += \" WHERE a = '%s'\" % name\n    run(sql)\n    fixed = 'SELECT 1'\n    fixed += ' LIMIT 1'\n    run(fixed)\n";
        let tree = parse_str(src, &Language::Python.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let last = |name: &str| {
            let mut stack = vec![tree.root_node()];
            let mut cursor = tree.walk();
            let mut found = None;
            while let Some(n) = stack.pop() {
                if n.kind() == "identifier"
                    && node_text(&rope, n) == name
                    && n.parent().is_some_and(|p| p.kind() == "argument_list")
                {
                    found = Some(n);
                }
                stack.extend(n.children(&mut cursor));
            }
            found.unwrap()
        };
        assert!(built_string(&rope, last("sql"), Language::Python).is_some());
        assert!(built_string(&rope, last("fixed"), Language::Python).is_none());
    }

    #[test]
    fn bound_value_texts_include_the_bindings_of_a_name() {
        let src = "URL = 'https://api.example.com/x'\ndef f():\n    get(URL)\n";
        let tree = parse_str(src, &Language::Python.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let texts = bound_value_texts(
            &rope,
            find(&tree, &rope, "identifier", "URL"),
            Language::Python,
        );
        assert!(
            texts.iter().any(|t| t == "'https://api.example.com/x'"),
            "{texts:?}"
        );
    }

    #[test]
    fn route_and_django_view_parameters_are_input_sources() {
        let src = "@app.route('/f/<name>')\ndef show(name, page=1):\n    open(name)\n    open(page)\n\ndef view(request, slug, pk):\n    open(slug)\n    open(pk)\n\n@app.get('/n/<int:n>')\ndef number(n):\n    open(n)\n\ndef helper(path):\n    open(path)\n";
        let tree = parse_str(src, &Language::Python.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let source = |text: &str| {
            let call = find(&tree, &rope, "call", text);
            input_source(&rope, call, Language::Python)
        };
        assert_eq!(
            source("open(name)").as_deref(),
            Some("route parameter name")
        );
        assert_eq!(
            source("open(slug)").as_deref(),
            Some("route parameter slug")
        );
        assert_eq!(
            source("open(page)"),
            None,
            "parameters with defaults are not URL parts"
        );
        assert_eq!(source("open(pk)"), None, "Django primary keys are numbers");
        assert_eq!(
            source("open(n)"),
            None,
            "an `<int:…>` converter carries a number"
        );
        assert_eq!(source("open(path)"), None);
    }
}
