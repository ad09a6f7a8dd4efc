//! Rust-specific value facts used by the `rs-*` rules: which macros and expressions are
//! compile-time constants, which strings are assembled at run time (and from what literal
//! text), what a name is bound to, and which function parameters are web-request extractors.
//!
//! Like `values.rs`, everything here is intra-procedural and bounded: it walks at most the
//! enclosing function and follows names a few steps.

use super::values::{constant_at_depth, enclosing_scope, node_text};
use crate::language::Language;
use regex::Regex;
use ropey::Rope;
use std::sync::LazyLock;
use tree_sitter::Node;

/// How many name-to-binding steps the built-string analysis follows.
const MAX_DEPTH: u8 = 4;

/// Macros whose expansion is fixed at compile time.
const CONSTANT_MACROS: &[&str] = &[
    "concat",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "stringify",
    "file",
    "line",
    "column",
    "module_path",
];

/// Macros that build a `String` (or `Arguments`) from a format string.
const FORMAT_MACROS: &[&str] = &["format", "format_args"];

/// Methods that hand back (a view of) the same string.
const TRANSPARENT_METHODS: &[&str] = &[
    "as_str",
    "as_ref",
    "as_bytes",
    "to_string",
    "to_owned",
    "clone",
    "into",
    "borrow",
    "deref",
    "trim",
    "unwrap",
    "expect",
];

/// Parameter types that carry data from an HTTP request (axum, actix-web, warp, poem).
static REQUEST_EXTRACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[a-z_]+::)*(?:(?:Path|Query|Json|Form|TypedHeader|Valid|Host)\s*<|(?:HeaderMap|Multipart|RawQuery|RawForm|OriginalUri|Uri)$)",
    )
    .expect("valid regex")
});

/// A routing attribute with a dynamic segment (Rocket: `#[get("/files/<name..>")]`).
static ROUTE_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#\[(?:[a-z_]+::)*(?:get|post|put|delete|patch|head|route)\s*\(")
        .expect("valid regex")
});

/// The last path segment of a macro name (`std::format` → `format`).
fn macro_name(rope: &Rope, node: Node) -> String {
    node.child_by_field_name("macro")
        .map(|m| {
            let text = node_text(rope, m);
            text.rsplit("::").next().unwrap_or_default().to_string()
        })
        .unwrap_or_default()
}

/// The token tree of a macro invocation.
fn token_tree(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "token_tree");
    found
}

/// Constant-ness of the Rust expression kinds `values.rs` delegates here: constant macros,
/// `format!` over constants, and `if`/`match`/blocks whose every result is constant.
pub(crate) fn constant_extra(rope: &Rope, node: Node, depth: u8) -> bool {
    let constant = |n: Node| constant_at_depth(rope, n, Language::Rust, depth);
    match node.kind() {
        "macro_invocation" => {
            let name = macro_name(rope, node);
            if CONSTANT_MACROS.contains(&name.as_str()) {
                return true;
            }
            if FORMAT_MACROS.contains(&name.as_str()) {
                return token_tree(node).is_some_and(|tree| format_is_constant(rope, tree, depth));
            }
            false
        }
        "if_expression" => {
            let consequence = node.child_by_field_name("consequence");
            let alternative = node.child_by_field_name("alternative");
            match (consequence, alternative) {
                (Some(c), Some(a)) => constant(c) && constant(a),
                _ => false,
            }
        }
        "else_clause" => {
            let mut cursor = node.walk();
            let child = node.named_children(&mut cursor).next();
            child.is_some_and(constant)
        }
        "block" => {
            let mut cursor = node.walk();
            let tail = node
                .named_children(&mut cursor)
                .filter(|c| !c.is_extra())
                .last();
            tail.is_some_and(|t| {
                !matches!(
                    t.kind(),
                    "expression_statement" | "let_declaration" | "empty_statement"
                ) && constant(t)
            })
        }
        "match_expression" => {
            let Some(body) = node.child_by_field_name("body") else {
                return false;
            };
            let mut cursor = body.walk();
            let arms: Vec<Node> = body
                .named_children(&mut cursor)
                .filter(|c| c.kind() == "match_arm")
                .collect();
            !arms.is_empty()
                && arms
                    .iter()
                    .all(|arm| arm.child_by_field_name("value").is_some_and(constant))
        }
        _ => false,
    }
}

/// `format!("…{NAME}…", A, b = B)`: constant when every argument and every inline capture is a
/// constant. Anything more complex than a name or a literal counts as non-constant.
fn format_is_constant(rope: &Rope, tree: Node, depth: u8) -> bool {
    let mut cursor = tree.walk();
    let tokens: Vec<Node> = tree.children(&mut cursor).collect();
    let mut seen_format_string = false;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind() {
            "(" | ")" | "[" | "]" | "{" | "}" | "," | "=" => {}
            "string_literal" | "raw_string_literal" if !seen_format_string => {
                seen_format_string = true;
                for name in inline_captures(&node_text(rope, *token)) {
                    if !name_is_constant_text(rope, *token, &name, depth) {
                        return false;
                    }
                }
            }
            "string_literal" | "raw_string_literal" | "integer_literal" | "float_literal"
            | "boolean_literal" | "char_literal" => {}
            "identifier" => {
                let named_argument = tokens.get(i + 1).is_some_and(|next| next.kind() == "=");
                if !named_argument && !constant_at_depth(rope, *token, Language::Rust, depth + 1) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    seen_format_string
}

/// The names captured inline by a format string (`"{name}"`, `"{name:?}"`), skipping `{{`.
fn inline_captures(format_string: &str) -> Vec<String> {
    static CAPTURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\{\{|\{([A-Za-z_][A-Za-z0-9_]*)\s*[:}]").expect("valid regex")
    });
    CAPTURE
        .captures_iter(format_string)
        .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
        .collect()
}

/// Whether `name`, as seen from `at`, is bound only to constants (used for inline captures,
/// which have no identifier node of their own).
fn name_is_constant_text(rope: &Rope, at: Node, name: &str, depth: u8) -> bool {
    let values = binding_values(rope, at, name);
    !values.is_empty()
        && values.iter().all(|b| match b {
            Bound::Value(v) => constant_at_depth(rope, *v, Language::Rust, depth + 1),
            _ => false,
        })
}

/// What a Rust name is bound to.
#[derive(Clone, Copy)]
enum Bound<'t> {
    /// `let name = value;` / `const NAME: T = value;` / `name = value;`.
    Value(Node<'t>),
    /// `for name in iterable` (the iterable) or a destructuring `let (a, b) = value`: the
    /// text is telling, the value is not this name's alone.
    Iterated(Node<'t>),
    /// A parameter, a pattern or anything else we cannot evaluate.
    Opaque,
}

/// True when `pattern` binds exactly `name` (`name`, `mut name`, `ref name`).
fn pattern_is_name(rope: &Rope, pattern: Node, name: &str) -> bool {
    match pattern.kind() {
        "identifier" => node_text(rope, pattern) == name,
        "mut_pattern" | "ref_pattern" => {
            let mut cursor = pattern.walk();
            let inner = pattern.named_children(&mut cursor).last();
            inner.is_some_and(|i| i.kind() == "identifier" && node_text(rope, i) == name)
        }
        _ => false,
    }
}

/// True when the parameter pattern binds `name` (the type in `Path(name)` binds nothing).
fn binds(rope: &Rope, pattern: Node, name: &str) -> bool {
    let mut cursor = pattern.walk();
    let mut stack = vec![pattern];
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" && node_text(rope, n) == name {
            let is_type = n.parent().is_some_and(|p| {
                matches!(p.kind(), "tuple_struct_pattern" | "struct_pattern")
                    && p.child_by_field_name("type")
                        .is_some_and(|t| t.id() == n.id())
            });
            if !is_type {
                return true;
            }
        }
        if n.kind() == "scoped_identifier" || n.kind() == "scoped_type_identifier" {
            continue;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

fn mentions(rope: &Rope, node: Node, name: &str) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" && node_text(rope, n) == name {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

/// Every binding of `name` visible from `at`: the innermost scope that binds it (walking out
/// through closures to the function and then the file).
fn binding_values<'t>(rope: &Rope, at: Node<'t>, name: &str) -> Vec<Bound<'t>> {
    let mut scope = enclosing_scope(at);
    loop {
        let found = bindings_here(rope, scope, name);
        if !found.is_empty() {
            return found;
        }
        match scope.parent() {
            Some(parent) => scope = enclosing_scope(parent),
            None => return Vec::new(),
        }
    }
}

fn is_scope(kind: &str) -> bool {
    matches!(kind, "function_item" | "closure_expression")
}

/// [`bindings_uncached`], memoised per run (see [`super::binding_cache`]).
fn bindings_here<'t>(rope: &Rope, scope: Node<'t>, name: &str) -> Vec<Bound<'t>> {
    super::binding_cache::bindings(
        super::binding_cache::Namespace::Rust,
        scope,
        name,
        || bindings_uncached(rope, scope, name),
        |b| match b {
            Bound::Value(n) => (0, Some(*n)),
            Bound::Iterated(n) => (1, Some(*n)),
            Bound::Opaque => (2, None),
        },
        |tag, node| match (tag, node) {
            (0, Some(n)) => Bound::Value(n),
            (1, Some(n)) => Bound::Iterated(n),
            _ => Bound::Opaque,
        },
    )
}

fn bindings_uncached<'t>(rope: &Rope, scope: Node<'t>, name: &str) -> Vec<Bound<'t>> {
    let mut found = Vec::new();
    if !is_scope(scope.kind()) {
        // The file (or a module): only its items bind names visible in functions; walking
        // every function body of a large file for each lookup would be quadratic.
        let mut cursor = scope.walk();
        for item in scope.named_children(&mut cursor) {
            if matches!(item.kind(), "const_item" | "static_item")
                && item
                    .child_by_field_name("name")
                    .is_some_and(|n| node_text(rope, n) == name)
            {
                match item.child_by_field_name("value") {
                    Some(value) => found.push(Bound::Value(value)),
                    None => found.push(Bound::Opaque),
                }
            }
        }
        return found;
    }
    let mut cursor = scope.walk();
    let mut stack: Vec<Node<'t>> = scope.children(&mut cursor).collect();
    let mut visited = 0usize;
    while let Some(node) = stack.pop() {
        visited += 1;
        if visited > 20_000 {
            break;
        }
        if is_scope(node.kind()) {
            continue;
        }
        match node.kind() {
            "let_declaration" => {
                if let Some(pattern) = node.child_by_field_name("pattern") {
                    if pattern_is_name(rope, pattern, name) {
                        match node.child_by_field_name("value") {
                            Some(value) => found.push(Bound::Value(value)),
                            None => found.push(Bound::Opaque),
                        }
                    } else if mentions(rope, pattern, name) {
                        // `let (shell, flag) = …`: the value's text is still telling.
                        match node.child_by_field_name("value") {
                            Some(value) => found.push(Bound::Iterated(value)),
                            None => found.push(Bound::Opaque),
                        }
                    }
                }
            }
            "const_item" | "static_item"
                if node
                    .child_by_field_name("name")
                    .is_some_and(|n| node_text(rope, n) == name) =>
            {
                match node.child_by_field_name("value") {
                    Some(value) => found.push(Bound::Value(value)),
                    None => found.push(Bound::Opaque),
                }
            }
            "for_expression" | "if_let_expression" | "let_condition" | "match_arm"
            | "closure_parameters"
                if node
                    .child_by_field_name("pattern")
                    .is_some_and(|p| mentions(rope, p, name)) =>
            {
                match node.child_by_field_name("value") {
                    Some(value) => found.push(Bound::Iterated(value)),
                    None => found.push(Bound::Opaque),
                }
            }
            _ => {}
        }
        stack.extend(node.children(&mut cursor));
    }
    if let Some(params) = scope.child_by_field_name("parameters") {
        if mentions(rope, params, name) {
            found.push(Bound::Opaque);
        }
    }
    found
}

/// The text `node` is bound to: for a name, the text of every value or iterable it is bound
/// to (joined by newlines); for anything else, its own text.
pub fn binding_text(rope: &Rope, node: Node) -> String {
    let own = node_text(rope, node);
    let Some(ident) = unwrap_to_identifier(node) else {
        return own;
    };
    let name = node_text(rope, ident);
    let mut texts = vec![own];
    texts.extend(
        binding_values(rope, ident, &name)
            .into_iter()
            .filter_map(|b| match b {
                Bound::Value(v) | Bound::Iterated(v) => Some(node_text(rope, v)),
                Bound::Opaque => None,
            }),
    );
    texts.join("\n")
}

/// `name`, `&name`, `*name`, `name.as_str()`, `name.path()?`…: the name at the root.
fn unwrap_to_identifier<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node;
    for _ in 0..6 {
        match current.kind() {
            "identifier" => return Some(current),
            "reference_expression" => current = current.child_by_field_name("value")?,
            "parenthesized_expression" | "unary_expression" | "try_expression" => {
                current = first_named_child(current)?
            }
            "call_expression" => {
                // `entry.name()`, `file.path()?`, `s.as_str()`: the receiver's binding tells
                // what the value is made from.
                let function = current.child_by_field_name("function")?;
                if function.kind() != "field_expression" {
                    return None;
                }
                current = function.child_by_field_name("value")?;
            }
            _ => return None,
        }
    }
    None
}

/// When `node` is a string assembled at run time from at least one non-constant part
/// (`format!` with a non-constant argument, `+` with a non-constant operand, a name that is
/// bound to one or extended with `push_str`/`+=`/`write!`, `[..].concat()`), the text of its
/// literal parts joined by spaces. `None` for constants and for values of unknown origin.
pub fn built_string(rope: &Rope, node: Node) -> Option<String> {
    built_at_depth(rope, node, 0)
}

fn built_at_depth(rope: &Rope, node: Node, depth: u8) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    match node.kind() {
        "reference_expression" => node
            .child_by_field_name("value")
            .and_then(|v| built_at_depth(rope, v, depth)),
        "parenthesized_expression" | "unary_expression" | "try_expression" | "await_expression" => {
            first_named_child(node).and_then(|v| built_at_depth(rope, v, depth))
        }
        "macro_invocation" => {
            let name = macro_name(rope, node);
            (FORMAT_MACROS.contains(&name.as_str()) && !constant_extra(rope, node, 0))
                .then(|| literal_text(rope, node))
        }
        "binary_expression" => {
            let is_plus = node
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == "+");
            (is_plus
                && !constant_at_depth(rope, node, Language::Rust, 0)
                && has_string_literal(node))
            .then(|| literal_text(rope, node))
        }
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            match function.kind() {
                "field_expression" => {
                    let method = function
                        .child_by_field_name("field")
                        .map(|f| node_text(rope, f))
                        .unwrap_or_default();
                    let receiver = function.child_by_field_name("value")?;
                    if TRANSPARENT_METHODS.contains(&method.as_str()) {
                        built_at_depth(rope, receiver, depth)
                    } else if matches!(method.as_str(), "concat" | "join")
                        && matches!(
                            receiver.kind(),
                            "array_expression" | "macro_invocation" | "reference_expression"
                        )
                        && !constant_at_depth(rope, receiver, Language::Rust, 0)
                        && has_string_literal(receiver)
                    {
                        Some(literal_text(rope, receiver))
                    } else {
                        None
                    }
                }
                "scoped_identifier" => {
                    let text = node_text(rope, function);
                    let wrapper = ["String::from", "Cow::from", "Cow::Owned", "SqlStr::from"]
                        .iter()
                        .any(|w| text.ends_with(w));
                    if !wrapper {
                        return None;
                    }
                    let args = node.child_by_field_name("arguments")?;
                    first_named_child(args).and_then(|a| built_at_depth(rope, a, depth))
                }
                _ => None,
            }
        }
        "identifier" => {
            let name = node_text(rope, node);
            let mut texts = Vec::new();
            let mut dynamic = false;
            for bound in binding_values(rope, node, &name) {
                if let Bound::Value(value) = bound {
                    if value.id() == node.id() || value.start_byte() > node.start_byte() {
                        continue;
                    }
                    match built_at_depth(rope, value, depth + 1) {
                        Some(text) => {
                            dynamic = true;
                            texts.push(text);
                        }
                        None => texts.push(literal_text(rope, value)),
                    }
                }
            }
            if let Some(text) = appended_parts(rope, node, &name, &mut dynamic) {
                texts.push(text);
            }
            dynamic.then(|| texts.join(" "))
        }
        _ => None,
    }
}

/// Text appended to `name` before `use_site` with `name.push_str(x)`, `name += x` or
/// `write!(name, …)`; sets `dynamic` when an appended part is not constant.
fn appended_parts(rope: &Rope, use_site: Node, name: &str, dynamic: &mut bool) -> Option<String> {
    let scope = enclosing_scope(use_site);
    let mut texts = Vec::new();
    let mut cursor = scope.walk();
    let mut stack = vec![scope];
    let mut visited = 0usize;
    while let Some(node) = stack.pop() {
        visited += 1;
        if visited > 20_000 || node.start_byte() >= use_site.start_byte() {
            continue;
        }
        let appended = match node.kind() {
            "call_expression" => node
                .child_by_field_name("function")
                .filter(|f| f.kind() == "field_expression")
                .filter(|f| {
                    f.child_by_field_name("value")
                        .is_some_and(|v| v.kind() == "identifier" && node_text(rope, v) == name)
                        && f.child_by_field_name("field").is_some_and(|m| {
                            matches!(node_text(rope, m).as_str(), "push_str" | "push" | "extend")
                        })
                })
                .and_then(|_| node.child_by_field_name("arguments")),
            "compound_assignment_expr" => node
                .child_by_field_name("left")
                .filter(|l| l.kind() == "identifier" && node_text(rope, *l) == name)
                .and_then(|_| node.child_by_field_name("right")),
            "macro_invocation"
                if matches!(macro_name(rope, node).as_str(), "write" | "writeln") =>
            {
                token_tree(node).filter(|tree| {
                    let mut c = tree.walk();
                    let first = tree
                        .named_children(&mut c)
                        .find(|t| t.kind() == "identifier");
                    first.is_some_and(|t| node_text(rope, t) == name)
                })
            }
            _ => None,
        };
        if let Some(part) = appended {
            let constant = match part.kind() {
                "arguments" => {
                    let mut c = part.walk();
                    let all: Vec<Node> = part.named_children(&mut c).collect();
                    all.iter()
                        .all(|a| constant_at_depth(rope, *a, Language::Rust, 0))
                }
                "token_tree" => {
                    // `write!(name, "fmt", args…)`: the same test as `format!`, minus the target.
                    format_tail_is_constant(rope, part)
                }
                _ => constant_at_depth(rope, part, Language::Rust, 0),
            };
            if !constant {
                *dynamic = true;
            }
            texts.push(literal_text(rope, part));
        }
        stack.extend(node.children(&mut cursor));
    }
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// `write!(target, "…", args)`: whether everything after the target is constant.
fn format_tail_is_constant(rope: &Rope, tree: Node) -> bool {
    let mut cursor = tree.walk();
    let tokens: Vec<Node> = tree.children(&mut cursor).collect();
    // Skip `(`, the target and its comma; anything more complex than a name is non-constant.
    let Some(comma) = tokens.iter().position(|t| t.kind() == ",") else {
        return true;
    };
    let mut seen_format_string = false;
    for (i, token) in tokens.iter().enumerate().skip(comma + 1) {
        match token.kind() {
            ")" | "," | "=" => {}
            "string_literal" | "raw_string_literal" if !seen_format_string => {
                seen_format_string = true;
                for name in inline_captures(&node_text(rope, *token)) {
                    if !name_is_constant_text(rope, *token, &name, 0) {
                        return false;
                    }
                }
            }
            "string_literal" | "raw_string_literal" | "integer_literal" => {}
            "identifier" => {
                let named_argument = tokens.get(i + 1).is_some_and(|n| n.kind() == "=");
                if !named_argument && !constant_at_depth(rope, *token, Language::Rust, 1) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

fn first_named_child(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let child = node.named_children(&mut cursor).find(|c| !c.is_extra());
    child
}

fn has_string_literal(node: Node) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "string_literal" | "raw_string_literal") {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

/// The contents of every string literal under `node`, joined by spaces.
fn literal_text(rope: &Rope, node: Node) -> String {
    let mut parts = Vec::new();
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "string_content" => parts.push((n.start_byte(), node_text(rope, n))),
            "raw_string_literal" => parts.push((n.start_byte(), node_text(rope, n))),
            _ => stack.extend(n.children(&mut cursor)),
        }
    }
    parts.sort_by_key(|(start, _)| *start);
    parts
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the *destination* of a URL or redirect target comes from: like
/// `values::input_source`, but a `format!` whose literal text before the first placeholder
/// already fixes the destination (`"https://api.example.com/…{id}"`, `"/posts/{id}"`) is not
/// request-controlled, and for `"{}/items"`/`"{base}/items"` only the first argument counts.
pub fn destination_source(rope: &Rope, node: Node) -> Option<String> {
    destination_at_depth(rope, node, 0)
}

fn destination_at_depth(rope: &Rope, node: Node, depth: u8) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let source = |n: Node| super::values::input_source(rope, n, Language::Rust);
    match node.kind() {
        "reference_expression" => node
            .child_by_field_name("value")
            .and_then(|v| destination_at_depth(rope, v, depth)),
        "parenthesized_expression" | "unary_expression" | "try_expression" => {
            first_named_child(node).and_then(|v| destination_at_depth(rope, v, depth))
        }
        "call_expression" => {
            let receiver = node
                .child_by_field_name("function")
                .filter(|f| f.kind() == "field_expression")
                .filter(|f| {
                    f.child_by_field_name("field")
                        .is_some_and(|m| TRANSPARENT_METHODS.contains(&node_text(rope, m).as_str()))
                })
                .and_then(|f| f.child_by_field_name("value"));
            match receiver {
                Some(r) => destination_at_depth(rope, r, depth),
                None => source(node),
            }
        }
        "identifier" => {
            let name = node_text(rope, node);
            let values = bound_values(rope, node, &name);
            if values.is_empty() {
                return source(node);
            }
            values
                .into_iter()
                .find_map(|v| destination_at_depth(rope, v, depth + 1))
        }
        "macro_invocation" if FORMAT_MACROS.contains(&macro_name(rope, node).as_str()) => {
            format_destination_source(rope, node)
        }
        _ => source(node),
    }
}

/// The destination source of `format!(…)`: `None` when the literal prefix fixes the
/// destination, else the source of whatever fills the first placeholder.
fn format_destination_source(rope: &Rope, node: Node) -> Option<String> {
    static FIXED: LazyLock<Regex> = LazyLock::new(|| {
        // A scheme and a literal host, or a same-site path with a first segment.
        Regex::new(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/{}]+[/:?#]|/[^/{}\\])").expect("valid regex")
    });
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\{\{|\{([A-Za-z_][A-Za-z0-9_]*)?[^{}]*\}").expect("valid regex")
    });
    let tree = token_tree(node)?;
    let mut cursor = tree.walk();
    let tokens: Vec<Node> = tree.children(&mut cursor).collect();
    let literal_index = tokens
        .iter()
        .position(|t| matches!(t.kind(), "string_literal" | "raw_string_literal"))?;
    let literal = tokens[literal_index];
    let text = node_text(rope, literal);
    let content = text
        .trim_start_matches('r')
        .trim_start_matches('#')
        .trim_start_matches('"');
    let first = PLACEHOLDER
        .captures_iter(content)
        .find(|c| c.get(0).is_some_and(|m| m.as_str() != "{{"))?;
    let prefix = &content[..first.get(0)?.start()];
    if FIXED.is_match(prefix) {
        return None;
    }
    // The first placeholder decides the destination: an inline name, a named argument or the
    // first positional argument.
    let named = first.get(1).map(|m| m.as_str().to_string());
    let mut arguments: Vec<Vec<Node>> = vec![Vec::new()];
    for token in &tokens[literal_index + 1..] {
        match token.kind() {
            "," => arguments.push(Vec::new()),
            ")" | "]" | "}" => {}
            _ => arguments.last_mut()?.push(*token),
        }
    }
    arguments.retain(|a| !a.is_empty());
    let chosen: Vec<Node> = match &named {
        Some(name) => {
            let by_name = arguments.iter().find(|a| {
                a.len() > 2
                    && a[0].kind() == "identifier"
                    && node_text(rope, a[0]) == *name
                    && a[1].kind() == "="
            });
            match by_name {
                Some(a) => a[2..].to_vec(),
                None => {
                    return named_source(rope, literal, name).or_else(|| {
                        bound_values(rope, literal, name)
                            .into_iter()
                            .find_map(|v| super::values::input_source(rope, v, Language::Rust))
                    })
                }
            }
        }
        None => arguments.into_iter().next()?,
    };
    chosen.into_iter().find_map(|token| {
        if token.kind() == "identifier" {
            super::values::input_source(rope, token, Language::Rust)
        } else {
            None
        }
    })
}

/// Sources of a Rust name that no `let` shows: a web-handler parameter (see
/// [`parameter_named`]), a buffer filled from stdin (`stdin().read_line(&mut name)`), or a
/// name destructured from a request extractor.
pub(crate) fn parameter_or_buffer_source(rope: &Rope, ident: Node) -> Option<String> {
    if is_path_segment(ident) {
        return None;
    }
    named_source(rope, ident, &node_text(rope, ident))
}

/// [`parameter_or_buffer_source`] for a name seen at `at` (an identifier, or the string literal
/// of a format string that captures the name inline).
fn named_source(rope: &Rope, at: Node, name: &str) -> Option<String> {
    parameter_named(rope, at, name)
        .or_else(|| stdin_buffer(rope, at, name))
        .or_else(|| destructured_request_value(rope, at, name))
}

/// A type or path segment (`Path::new`, `web::Query`, `Path(x)` in a pattern) or a macro name is
/// not a use of a parameter.
fn is_path_segment(ident: Node) -> bool {
    let Some(parent) = ident.parent() else {
        return false;
    };
    let segment = matches!(
        parent.kind(),
        "scoped_identifier" | "scoped_type_identifier" | "tuple_struct_pattern" | "struct_pattern"
    ) && parent
        .child_by_field_name("name")
        .is_none_or(|n| n.id() != ident.id());
    segment || ident.next_sibling().is_some_and(|n| n.kind() == "!")
}

/// Names captured inline by format strings under `node` (`format!("/srv/{dir}")`), each with
/// the string literal that captures it.
pub(crate) fn inline_captures_under<'t>(rope: &Rope, node: Node<'t>) -> Vec<(Node<'t>, String)> {
    let mut found = Vec::new();
    let mut cursor = node.walk();
    let mut stack = vec![node];
    let mut visited = 0;
    while let Some(n) = stack.pop() {
        visited += 1;
        if visited > 2_000 {
            break;
        }
        if n.kind() == "macro_invocation"
            && matches!(
                macro_name(rope, n).as_str(),
                "format" | "format_args" | "write" | "writeln"
            )
        {
            if let Some(tree) = token_tree(n) {
                let mut c = tree.walk();
                let literal = tree
                    .named_children(&mut c)
                    .find(|t| matches!(t.kind(), "string_literal" | "raw_string_literal"));
                if let Some(literal) = literal {
                    for name in inline_captures(&node_text(rope, literal)) {
                        found.push((literal, name));
                    }
                }
            }
        }
        stack.extend(n.children(&mut cursor));
    }
    found
}

/// The source of a name captured inline by a format string: a request parameter, stdin, or
/// (through `bound_values`) whatever the name is bound to.
pub(crate) fn inline_capture_source(rope: &Rope, at: Node, name: &str) -> Option<String> {
    named_source(rope, at, name)
}

/// The values a name seen at `at` is bound to by `let` (for following it further).
pub(crate) fn bound_values<'t>(rope: &Rope, at: Node<'t>, name: &str) -> Vec<Node<'t>> {
    binding_values(rope, at, name)
        .into_iter()
        .filter_map(|b| match b {
            Bound::Value(v) if v.start_byte() < at.start_byte() => Some(v),
            _ => None,
        })
        .collect()
}

/// `let (name, id) = path.into_inner();`, `if let Some(url) = params.get("url")`,
/// `for file in form.files`: a name destructured from a request extractor.
fn destructured_request_value(rope: &Rope, at: Node, name: &str) -> Option<String> {
    for bound in binding_values(rope, at, name) {
        let Bound::Iterated(value) = bound else {
            continue;
        };
        let mut cursor = value.walk();
        let mut stack = vec![value];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            if n.kind() == "identifier" && !is_path_segment(n) {
                seen += 1;
                if let Some(found) = parameter_named(rope, n, &node_text(rope, n)) {
                    return Some(found);
                }
            }
            if seen > 8 {
                break;
            }
            stack.extend(n.children(&mut cursor));
        }
    }
    None
}

/// `io::stdin().read_line(&mut name)` / `.read_to_string(&mut name)` before `at`.
fn stdin_buffer(rope: &Rope, at: Node, name: &str) -> Option<String> {
    static FILL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"stdin\(\)[\s\S]*\.(read_line|read_to_string)\(\s*&mut\s+([A-Za-z_][A-Za-z0-9_]*)\s*\)")
            .expect("valid regex")
    });
    let scope = enclosing_scope(at);
    let end = at.start_byte().min(rope.len_bytes());
    let start = scope.start_byte().min(end);
    if end - start > 65_536 {
        return None;
    }
    let before = rope.byte_slice(start..end).to_string();
    FILL.captures_iter(&before)
        .any(|c| &c[2] == name)
        .then(|| "stdin()".to_string())
}

/// `Path<u64>`, `Path<(u32, Uuid)>`, `Query<bool>`: extractors whose values are numbers,
/// booleans or UUIDs cannot carry `../`, a URL or SQL, so they are not sources.
fn carries_no_text(type_text: &str) -> bool {
    let Some(open) = type_text.find('<') else {
        return false;
    };
    let inner = type_text[open + 1..].trim_end_matches('>');
    let inner = inner.trim().trim_start_matches('(').trim_end_matches(')');
    !inner.trim().is_empty()
        && inner
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .all(|t| {
                matches!(
                    t.rsplit("::").next().unwrap_or(t),
                    "u8" | "u16"
                        | "u32"
                        | "u64"
                        | "u128"
                        | "usize"
                        | "i8"
                        | "i16"
                        | "i32"
                        | "i64"
                        | "i128"
                        | "isize"
                        | "f32"
                        | "f64"
                        | "bool"
                        | "Uuid"
                        | "NonZeroU64"
                        | "NonZeroU32"
                )
            })
}

/// When a name is (destructured from) a parameter of a web handler — typed as an extractor
/// such as `Path<String>`, `web::Query<Params>`, `Json<Body>`, or named as a dynamic segment
/// of a routing attribute — a label for that source (the parameter's type or route).
fn parameter_named(rope: &Rope, at: Node, name: &str) -> Option<String> {
    let mut current = at;
    let function = loop {
        let parent = current.parent()?;
        if parent.kind() == "function_item" {
            break parent;
        }
        current = parent;
    };
    let params = function.child_by_field_name("parameters")?;
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        if param.kind() != "parameter" {
            continue;
        }
        let Some(pattern) = param.child_by_field_name("pattern") else {
            continue;
        };
        if !binds(rope, pattern, name) {
            continue;
        }
        let type_text = param
            .child_by_field_name("type")
            .map(|t| node_text(rope, t))
            .unwrap_or_default();
        let type_text = type_text.trim();
        if REQUEST_EXTRACTOR.is_match(type_text) {
            if carries_no_text(type_text) {
                return None;
            }
            return Some(type_text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        // Rocket: `#[get("/files/<name>")] fn files(name: PathBuf)`.
        let mut sibling = function.prev_named_sibling();
        while let Some(attribute) = sibling.filter(|s| s.kind() == "attribute_item") {
            let text = node_text(rope, attribute);
            if ROUTE_ATTRIBUTE.is_match(&text)
                && (text.contains(&format!("<{name}>")) || text.contains(&format!("<{name}..>")))
            {
                return Some(format!("route segment <{name}>"));
            }
            sibling = attribute.prev_named_sibling();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::values::is_constant;
    use crate::document::parse_str;

    fn last_node<'t>(tree: &'t tree_sitter::Tree, rope: &Rope, kind: &str, text: &str) -> Node<'t> {
        let mut stack = vec![tree.root_node()];
        let mut cursor = tree.walk();
        let mut last = None;
        while let Some(n) = stack.pop() {
            if n.kind() == kind
                && node_text(rope, n) == text
                && last.is_none_or(|l: Node| l.start_byte() < n.start_byte())
            {
                last = Some(n);
            }
            stack.extend(n.children(&mut cursor));
        }
        last.unwrap_or_else(|| panic!("no {kind} `{text}`"))
    }

    fn parse(src: &str) -> (tree_sitter::Tree, Rope) {
        (
            parse_str(src, &Language::Rust.grammar().unwrap()).unwrap(),
            Rope::from_str(src),
        )
    }

    #[test]
    fn constant_macros_and_branches_are_constant() {
        let src = "const T: &str = \"users\";\nfn f(x: &str) {\n    let a = format!(\"SELECT * FROM {T}\");\n    let b = format!(\"SELECT {}\", x);\n    let c = if cfg!(windows) { \"cmd\" } else { \"sh\" };\n    let d = include_str!(\"q.sql\");\n    let e = format!(\"{}\", T);\n    run(a); run(b); run(c); run(d); run(e);\n}\n";
        let (tree, rope) = parse(src);
        let check = |name: &str| {
            is_constant(
                &rope,
                last_node(&tree, &rope, "identifier", name),
                Language::Rust,
            )
        };
        assert!(check("a"));
        assert!(!check("b"));
        assert!(check("c"));
        assert!(check("d"));
        assert!(check("e"));
    }

    #[test]
    fn built_strings_are_found_through_bindings_and_appends() {
        let src = "fn f(name: &str, id: i64) {\n    let q = format!(\"SELECT * FROM users WHERE name = '{}'\", name);\n    let mut s = String::from(\"DELETE FROM t WHERE id = \");\n    s.push_str(&id.to_string());\n    let c = \"SELECT 1\";\n    let p = \"SELECT * FROM a WHERE b = \".to_string() + name;\n    run(&q); run(&s); run(c); run(p.as_str());\n}\n";
        let (tree, rope) = parse(src);
        let built = |name: &str| built_string(&rope, last_node(&tree, &rope, "identifier", name));
        assert!(built("q").unwrap().contains("SELECT * FROM users"));
        assert!(built("s").unwrap().contains("DELETE FROM t"));
        assert!(built("c").is_none());
        assert!(built("p").unwrap().contains("SELECT * FROM a"));
        assert!(built("name").is_none());
    }

    #[test]
    fn extractor_parameters_are_request_sources() {
        let src = "async fn get(Path(file): Path<String>, q: web::Query<Params>, base: &Path) {\n    use_it(file); use_it(q); use_it(base);\n}\n";
        let (tree, rope) = parse(src);
        let source = |name: &str| {
            parameter_or_buffer_source(&rope, last_node(&tree, &rope, "identifier", name))
        };
        assert_eq!(source("file").as_deref(), Some("Path<String>"));
        assert_eq!(source("q").as_deref(), Some("web::Query<Params>"));
        assert_eq!(source("base"), None);
        let src = "async fn get(Path(id): Path<u64>, Path((a, b)): Path<(u32, uuid::Uuid)>) {\n    use_it(id); use_it(a);\n}\n";
        let (tree, rope) = parse(src);
        assert_eq!(source_in(&tree, &rope, "id"), None);
        assert_eq!(source_in(&tree, &rope, "a"), None);
        let src =
            "async fn get(Path(file): Path<String>) {\n    let p = Path::new(\"static\");\n}\n";
        let (tree, rope) = parse(src);
        assert_eq!(source_in(&tree, &rope, "Path"), None);
        let src = "async fn get(info: web::Path<(String, u32)>) {\n    let (name, id) = info.into_inner();\n    use_it(name);\n}\n";
        let (tree, rope) = parse(src);
        let node = last_node(&tree, &rope, "identifier", "name");
        assert_eq!(
            parameter_or_buffer_source(&rope, node).as_deref(),
            Some("web::Path<(String, u32)>")
        );
    }

    fn source_in(tree: &tree_sitter::Tree, rope: &Rope, name: &str) -> Option<String> {
        parameter_or_buffer_source(rope, last_node(tree, rope, "identifier", name))
    }

    #[test]
    fn fixed_hosts_and_same_site_paths_are_not_request_destinations() {
        let src = "const BASE: &str = \"https://api.example.com\";\nasync fn h(Query(q): Query<P>, state: State<S>) {\n    let a = format!(\"https://api.example.com/items/{}\", q.id);\n    let b = format!(\"{}/items/{}\", BASE, q.id);\n    let c = format!(\"http://{}:{}/status\", q.host, q.port);\n    let d = format!(\"/posts/{}\", q.id);\n    let e = format!(\"{}/x\", state.base);\n    let f = &q.next;\n    use_it(a); use_it(b); use_it(c); use_it(d); use_it(e); use_it(f);\n}\n";
        let (tree, rope) = parse(src);
        let dest =
            |name: &str| destination_source(&rope, last_node(&tree, &rope, "identifier", name));
        assert_eq!(dest("a"), None);
        assert_eq!(dest("b"), None);
        assert_eq!(dest("c").as_deref(), Some("Query<P>"));
        assert_eq!(dest("d"), None);
        assert_eq!(dest("e"), None);
        assert_eq!(dest("f").as_deref(), Some("Query<P>"));
    }

    #[test]
    fn rocket_route_segments_are_request_sources() {
        let src = "#[get(\"/files/<name..>\")]\nfn files(name: PathBuf) -> Option<NamedFile> {\n    open(name)\n}\n";
        let (tree, rope) = parse(src);
        let node = last_node(&tree, &rope, "identifier", "name");
        assert_eq!(
            parameter_or_buffer_source(&rope, node).as_deref(),
            Some("route segment <name>")
        );
    }

    #[test]
    fn binding_text_follows_lets_and_loops() {
        let src = "fn f() {\n    let mut file = archive.by_index(i).unwrap();\n    for entry in tar.entries()? { use_it(entry); }\n    use_it(file);\n}\n";
        let (tree, rope) = parse(src);
        assert!(
            binding_text(&rope, last_node(&tree, &rope, "identifier", "file")).contains("by_index")
        );
        assert!(
            binding_text(&rope, last_node(&tree, &rope, "identifier", "entry")).contains("entries")
        );
    }
}
