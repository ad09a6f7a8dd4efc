//! Generic secrets: a literal value given to a name, key or argument that says "secret".
//!
//! In Rust, Python, JavaScript and TypeScript the syntax tree decides what is a name and what
//! is a value, so comparisons (`if password == "..."`), environment lookups
//! (`os.getenv("TOKEN", "...")`), calls, annotations and log messages never count. Every other
//! file type (and strings inside code, such as connection strings) gets a line-oriented
//! key/value reading: `.env`, YAML, JSON, TOML, INI and `.properties`, Dockerfile `ENV`,
//! shell, XML elements and `<add key="…" value="…"/>`, plain text.

use super::filters;
use crate::analysis::{ByteEdit, Fix, Input};
use crate::language::Language;
use std::collections::HashSet;
use std::ops::Range;
use tree_sitter::{Node, Tree};

/// What the name says the value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Password,
    Token,
    Key,
    Secret,
    Auth,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Password => "password",
            Kind::Token => "token",
            Kind::Key => "key",
            Kind::Secret => "secret",
            Kind::Auth => "credential",
        }
    }
}

/// One generic secret found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The name, key or argument the value is given to.
    pub name: String,
    pub kind: Kind,
    /// The secret's byte range (absolute, inside the quotes, after any `Bearer ` scheme).
    pub value: Range<usize>,
    pub fix: Option<Fix>,
}

/// Finds generic secrets around the keyword hits (absolute offsets). `text` is the analysed
/// range of the document, starting at byte `base`.
pub fn find(input: &Input, text: &str, base: usize, hits: &[usize], out: &mut Vec<Candidate>) {
    let mut seen: HashSet<usize> = HashSet::new();
    let parsed = input.language != Language::PlainText;
    // Overlapping keywords (`pass` inside `password`) start at the same byte: read once.
    let mut hits = hits.to_vec();
    hits.sort_unstable();
    hits.dedup();
    for hit in hits {
        let candidate = match input.tree {
            Some(tree) if parsed => match tree_candidate(input, tree, hit) {
                TreeOutcome::Found(c) => Some(c),
                TreeOutcome::InString(content) => {
                    let segment = rope_text(input, content.clone());
                    line_candidate(&segment, content.start, hit)
                }
                TreeOutcome::Nothing => None,
            },
            _ => line_candidate(text, base, hit),
        };
        if let Some(c) = candidate {
            if seen.insert(c.value.start) {
                out.push(c);
            }
        }
    }
}

fn rope_text(input: &Input, range: Range<usize>) -> String {
    let len = input.rope.len_bytes();
    let start = input
        .rope
        .char_to_byte(input.rope.byte_to_char(range.start.min(len)));
    let end = input
        .rope
        .char_to_byte(input.rope.byte_to_char(range.end.min(len)));
    input.rope.byte_slice(start..end.max(start)).to_string()
}

/// Splits an identifier into lowercase words: `dbPassword` → `db`, `password`;
/// `AWS_SECRET_KEY2` → `aws`, `secret`, `key`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let word = current.trim_end_matches(|c: char| c.is_ascii_digit());
        if !word.is_empty() {
            out.push(word.to_string());
        }
        current.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower) {
                flush(&mut current, &mut out);
            }
        }
        current.push(c.to_ascii_lowercase());
    }
    flush(&mut current, &mut out);
    out
}

/// The environment variable name for an identifier: `dbPassword` → `DB_PASSWORD`.
pub fn screaming_case(name: &str) -> String {
    let joined = words(name).join("_").to_ascii_uppercase();
    if joined.is_empty() {
        "SECRET".to_string()
    } else {
        joined
    }
}

const QUALIFIERS: &[&str] = &[
    "prod",
    "production",
    "dev",
    "development",
    "staging",
    "stage",
    "test",
    "qa",
    "local",
    "live",
    "value",
    "val",
    "str",
    "string",
    "raw",
    "plain",
    "plaintext",
    "literal",
    "default",
    "old",
    "new",
    "current",
    "hardcoded",
    "b",
    "hex",
    "bytes",
];
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "secret",
    "private",
    "access",
    "signing",
    "encryption",
    "encrypt",
    "client",
    "master",
    "app",
    "application",
    "auth",
    "service",
    "account",
    "consumer",
    "subscription",
    "shared",
    "hmac",
    "jwt",
    "session",
    "cipher",
    "aes",
    "sas",
    "storage",
    "admin",
    "write",
    "deploy",
    "ingest",
    "webhook",
    "crypto",
    "sign",
];
const KEY_COMPOUNDS: &[&str] = &[
    "apikey",
    "secretkey",
    "privatekey",
    "accesskey",
    "signingkey",
    "encryptionkey",
    "masterkey",
    "appkey",
    "authkey",
    "clientkey",
    "hmackey",
    "jwtkey",
    "sessionkey",
    "subscriptionkey",
    "servicekey",
    "adminkey",
    "writekey",
    "deploykey",
    "ingestkey",
];
const NOT_A_TOKEN: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "cursor",
    "sync",
    "csrf",
    "xsrf",
    "cancel",
    "cancellation",
    "eos",
    "bos",
    "pad",
    "unk",
    "sep",
    "cls",
    "mask",
    "start",
    "end",
    "special",
    "max",
    "min",
    "num",
    "total",
    "count",
    "type",
    "lexer",
    "parse",
    "parser",
    "id",
    "device",
    "push",
    "fcm",
    "registration",
    "state",
    "nonce",
    "request",
    "idempotency",
    "resume",
    "bot",
    "eot",
    "stop",
    "user",
    "system",
    "assistant",
    "image",
    "audio",
    "vision",
    "mask",
];
const NOT_A_SETTER: &[&str] = &[
    "get", "check", "verify", "validate", "compare", "hash", "encrypt", "decrypt", "is", "has",
    "find", "load", "read", "fetch", "parse", "assert", "expect", "remove", "delete", "clear",
    "reset", "should", "mask", "redact", "strip", "sanitize", "generate", "gen", "create", "new",
    "make", "count", "tokenize", "forgot", "show", "hide", "test", "print", "log", "format",
    "split", "lookup", "require", "ensure",
];

/// Decides whether a name says "secret", and which kind.
pub fn classify_name(name: &str) -> Option<Kind> {
    let mut ws = words(name);
    while ws.len() > 1 && ws.last().is_some_and(|w| QUALIFIERS.contains(&w.as_str())) {
        ws.pop();
    }
    let last = ws.last()?.as_str();
    let prev = if ws.len() >= 2 {
        ws[ws.len() - 2].as_str()
    } else {
        ""
    };
    if matches!(
        prev,
        "is" | "has" | "show" | "hide" | "forgot" | "min" | "max" | "use" | "no"
    ) {
        return None;
    }
    if matches!(
        last,
        "password" | "passwd" | "pwd" | "pass" | "passphrase" | "passcode" | "pw" | "passwort"
    ) || (last.len() > 8 && (last.ends_with("password") || last.ends_with("passwd")))
    {
        return Some(Kind::Password);
    }
    if last == "secret"
        || (last.len() > 6 && last.ends_with("secret"))
        || matches!(last, "credential" | "credentials" | "creds")
    {
        return Some(Kind::Secret);
    }
    if last == "token" || (last.len() > 5 && last.ends_with("token")) {
        let stem = last.trim_end_matches("token");
        if NOT_A_TOKEN.contains(&prev) || NOT_A_TOKEN.contains(&stem) {
            return None;
        }
        return Some(Kind::Token);
    }
    if (last == "key" && KEY_QUALIFIERS.contains(&prev)) || KEY_COMPOUNDS.contains(&last) {
        return Some(Kind::Key);
    }
    if ws.len() >= 3 && ws[ws.len() - 3..] == ["secret", "key", "base"] {
        return Some(Kind::Key);
    }
    if matches!(last, "auth" | "authorization")
        && (ws.len() == 1 || matches!(prev, "basic" | "http" | "proxy" | "bearer" | "registry"))
    {
        return Some(Kind::Auth);
    }
    None
}

/// The number of bytes of an HTTP auth scheme (`Bearer `, `Basic `, `Token `) at the start.
pub fn scheme_length(value: &str) -> usize {
    for scheme in ["bearer ", "basic ", "token "] {
        if value.len() > scheme.len()
            && value.is_char_boundary(scheme.len())
            && value[..scheme.len()].eq_ignore_ascii_case(scheme)
        {
            let rest = &value[scheme.len()..];
            return scheme.len() + (rest.len() - rest.trim_start().len());
        }
    }
    0
}

/// Decides whether a value given to a secret-ish name looks like a real secret.
pub fn value_ok(value: &str, kind: Kind, name: &str) -> bool {
    let min = match kind {
        Kind::Password => 6,
        Kind::Secret => 10,
        Kind::Key | Kind::Token | Kind::Auth => 12,
    };
    if value.len() < min || value.len() > 300 || !value.is_ascii() {
        return false;
    }
    if value
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    if filters::is_reference(value)
        || filters::is_placeholder(value)
        || filters::is_uuid(value)
        || filters::is_documented_example(value)
    {
        return false;
    }
    let squashed: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let lower: String = value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if squashed.len() >= 4 && (squashed.contains(&lower) || lower.contains(&squashed)) {
        return false;
    }
    let entropy = filters::entropy(value);
    let classes = filters::character_classes(value);
    match kind {
        Kind::Password => (classes >= 2 && entropy >= 2.3) || (value.len() >= 12 && entropy >= 3.0),
        _ => (classes >= 2 && entropy >= 3.0) || entropy >= 3.6,
    }
}

enum TreeOutcome {
    Found(Candidate),
    /// The keyword is inside a string literal that is not a key: read its content as text.
    InString(Range<usize>),
    Nothing,
}

/// Node kinds a name can be made of (`self.password`, `config["token"]`).
fn is_name_part(kind: &str) -> bool {
    matches!(
        kind,
        "identifier"
            | "property_identifier"
            | "field_identifier"
            | "shorthand_property_identifier"
            | "private_property_identifier"
            | "attribute"
            | "subscript"
            | "member_expression"
            | "subscript_expression"
            | "field_expression"
            | "string"
            | "string_content"
            | "string_fragment"
            | "escape_sequence"
            | "scoped_identifier"
            | "string_literal"
            | "self"
            | "this"
    )
}

fn is_string_kind(kind: &str) -> bool {
    matches!(
        kind,
        "string" | "string_literal" | "raw_string_literal" | "template_string"
    )
}

/// The name and value children of a node that gives a value to a name.
fn assignment_parts(node: Node) -> Option<(Node, Node)> {
    let (name, value) = match node.kind() {
        "assignment" | "assignment_expression" | "assignment_pattern" => ("left", "right"),
        "keyword_argument" | "default_parameter" | "typed_default_parameter" => ("name", "value"),
        "pair" => ("key", "value"),
        "variable_declarator" | "public_field_definition" | "const_item" | "static_item" => {
            ("name", "value")
        }
        "field_definition" => ("property", "value"),
        "required_parameter" | "optional_parameter" | "let_declaration" => ("pattern", "value"),
        "field_initializer" => ("field", "value"),
        "jsx_attribute" => {
            let n = node.named_child(0)?;
            let v = node.named_child(1)?;
            return Some((n, v));
        }
        _ => return None,
    };
    Some((
        node.child_by_field_name(name)?,
        node.child_by_field_name(value)?,
    ))
}

fn contains(node: Node, offset: usize) -> bool {
    node.start_byte() <= offset && offset < node.end_byte()
}

fn node_text(input: &Input, node: Node) -> String {
    rope_text(input, node.byte_range())
}

/// The last name of a name expression: `self.db_password` → `db_password`.
fn name_text(input: &Input, node: Node) -> Option<String> {
    let inner = match node.kind() {
        "attribute" => node.child_by_field_name("attribute"),
        "member_expression" => node.child_by_field_name("property"),
        "field_expression" => node.child_by_field_name("field"),
        "subscript" => node.child_by_field_name("subscript"),
        "subscript_expression" => node.child_by_field_name("index"),
        "scoped_identifier" => node.child_by_field_name("name"),
        "mut_pattern" => node.named_child(0),
        _ => None,
    };
    if let Some(inner) = inner {
        return name_text(input, inner);
    }
    if is_string_kind(node.kind()) {
        let (_, content) = literal(input, node)?;
        return Some(rope_text(input, content));
    }
    if node.byte_range().len() > 80 {
        return None;
    }
    Some(node_text(input, node))
}

/// A string literal (possibly wrapped in `.to_string()`, `String::from`, parentheses or `as`):
/// the node a fix replaces and the byte range of its content.
fn literal<'t>(input: &Input, node: Node<'t>) -> Option<(Node<'t>, Range<usize>)> {
    match node.kind() {
        "string" => {
            let mut cursor = node.walk();
            let children: Vec<Node> = node.children(&mut cursor).collect();
            if children
                .iter()
                .any(|c| matches!(c.kind(), "interpolation" | "template_substitution"))
            {
                return None;
            }
            match (children.first(), children.last()) {
                (Some(first), Some(last))
                    if first.kind() == "string_start" && last.kind() == "string_end" =>
                {
                    Some((node, first.end_byte()..last.start_byte()))
                }
                _ if node.byte_range().len() >= 2 => {
                    Some((node, node.start_byte() + 1..node.end_byte() - 1))
                }
                _ => None,
            }
        }
        "template_string" => {
            let mut cursor = node.walk();
            if node
                .named_children(&mut cursor)
                .any(|c| c.kind() == "template_substitution")
            {
                return None;
            }
            (node.byte_range().len() >= 2)
                .then(|| (node, node.start_byte() + 1..node.end_byte() - 1))
        }
        "string_literal" | "raw_string_literal" => {
            let text = node_text(input, node);
            let open = text.find('"')?;
            let close = text.rfind('"')?;
            (close > open).then(|| {
                (
                    node,
                    node.start_byte() + open + 1..node.start_byte() + close,
                )
            })
        }
        "parenthesized_expression" | "as_expression" | "satisfies_expression" => {
            let (_, content) = literal(input, node.named_child(0)?)?;
            Some((node, content))
        }
        "call_expression" => {
            let function = node.child_by_field_name("function")?;
            let arguments = node.child_by_field_name("arguments")?;
            if function.kind() == "field_expression" {
                let field = function.child_by_field_name("field")?;
                let method = node_text(input, field);
                if !matches!(method.as_str(), "to_string" | "to_owned" | "into")
                    || arguments.named_child_count() != 0
                {
                    return None;
                }
                let (_, content) = literal(input, function.child_by_field_name("value")?)?;
                return Some((node, content));
            }
            if node_text(input, function) == "String::from" && arguments.named_child_count() == 1 {
                let (_, content) = literal(input, arguments.named_child(0)?)?;
                return Some((node, content));
            }
            None
        }
        _ => None,
    }
}

/// Calls whose key/value arguments are lookups or messages, not assignments.
fn excluded_callee(input: &Input, call: Node) -> bool {
    let Some(function) = call.child_by_field_name("function") else {
        return true;
    };
    let last = name_text(input, function).unwrap_or_default();
    let first_word = words(&last).first().cloned().unwrap_or_default();
    matches!(
        last.as_str(),
        "get"
            | "getenv"
            | "get_env"
            | "getattr"
            | "pop"
            | "setdefault"
            | "getProperty"
            | "getItem"
            | "var"
            | "var_os"
            | "env"
            | "fetch"
            | "require"
            | "t"
            | "gettext"
            | "translate"
            | "_"
            | "print"
            | "println"
            | "printf"
            | "format"
            | "equal"
            | "equals"
            | "eq"
            | "replace"
            | "split"
    ) || matches!(
        first_word.as_str(),
        "log" | "debug" | "info" | "warn" | "warning" | "error" | "assert" | "expect" | "test"
    )
}

fn tree_candidate(input: &Input, tree: &Tree, hit: usize) -> TreeOutcome {
    let root = tree.root_node();
    let Some(node) = root.descendant_for_byte_range(hit, hit + 1) else {
        return TreeOutcome::Nothing;
    };
    if node.kind().contains("comment") {
        return TreeOutcome::Nothing;
    }
    let mut child = node;
    for _ in 0..8 {
        let Some(parent) = child.parent() else {
            break;
        };
        if let Some((name_node, value_node)) = assignment_parts(parent) {
            if !contains(name_node, hit) {
                return in_string(input, node);
            }
            return build(input, name_node, value_node, false)
                .map_or(TreeOutcome::Nothing, TreeOutcome::Found);
        }
        if matches!(parent.kind(), "argument_list" | "arguments") {
            if is_string_kind(child.kind()) {
                let call = parent.parent();
                if call.is_some_and(|c| excluded_callee(input, c)) {
                    return TreeOutcome::Nothing;
                }
                if let Some(next) = child.next_named_sibling() {
                    if literal(input, next).is_some() {
                        return build(input, child, next, false)
                            .map_or(TreeOutcome::Nothing, TreeOutcome::Found);
                    }
                }
            }
            return in_string(input, node);
        }
        if matches!(parent.kind(), "call" | "call_expression")
            && parent.child_by_field_name("function") == Some(child)
        {
            let arguments = parent.child_by_field_name("arguments");
            return match arguments {
                Some(args) if args.named_child_count() == 1 => {
                    let value = args.named_child(0).expect("one named child");
                    build(input, child, value, true)
                        .map_or(TreeOutcome::Nothing, TreeOutcome::Found)
                }
                _ => TreeOutcome::Nothing,
            };
        }
        if !is_name_part(parent.kind()) {
            return in_string(input, node);
        }
        child = parent;
    }
    TreeOutcome::Nothing
}

fn in_string(input: &Input, node: Node) -> TreeOutcome {
    let mut current = Some(node);
    for _ in 0..3 {
        let Some(n) = current else { break };
        if is_string_kind(n.kind()) {
            return match literal(input, n) {
                Some((_, content)) => TreeOutcome::InString(content),
                None => TreeOutcome::Nothing,
            };
        }
        current = n.parent();
    }
    TreeOutcome::Nothing
}

fn build(input: &Input, name_node: Node, value_node: Node, setter: bool) -> Option<Candidate> {
    let name = name_text(input, name_node)?;
    if setter {
        let first = words(&name).first().cloned().unwrap_or_default();
        if NOT_A_SETTER.contains(&first.as_str()) {
            return None;
        }
    }
    let kind = classify_name(&name)?;
    let (outer, content) = literal(input, value_node)?;
    let raw = rope_text(input, content.clone());
    let skip = scheme_length(&raw);
    let value = &raw[skip..];
    if !value_ok(value, kind, &name) {
        return None;
    }
    let fix = if skip == 0 && !setter {
        env_fix(input, &name, outer)
    } else {
        None
    };
    Some(Candidate {
        name,
        kind,
        value: content.start + skip..content.end,
        fix,
    })
}

/// The environment-lookup fix for a provider token found in code: offered when the token is
/// the whole content of a string literal that is given to a name (`GITHUB_TOKEN = "ghp_…"`).
pub fn literal_fix(input: &Input, secret: Range<usize>) -> Option<Fix> {
    if input.language == Language::PlainText {
        return None;
    }
    let tree = input.tree?;
    let node = tree
        .root_node()
        .descendant_for_byte_range(secret.start, secret.end)?;
    let mut string = Some(node);
    for _ in 0..3 {
        match string {
            Some(n) if is_string_kind(n.kind()) => break,
            Some(n) => string = n.parent(),
            None => return None,
        }
    }
    let string = string.filter(|n| is_string_kind(n.kind()))?;
    let (_, content) = literal(input, string)?;
    if content != secret {
        return None;
    }
    // The outer value (`"…".to_string()`) and the name it is given to.
    let mut value = string;
    for _ in 0..3 {
        let parent = value.parent()?;
        if let Some((name_node, value_node)) = assignment_parts(parent) {
            if value_node != value {
                return None;
            }
            let name = name_text(input, name_node)?;
            return env_fix(input, &name, value);
        }
        value = parent;
    }
    None
}

/// Replaces the literal with the language's environment lookup, named after the variable.
fn env_fix(input: &Input, name: &str, outer: Node) -> Option<Fix> {
    let env = screaming_case(name);
    let in_jsx = outer.parent().is_some_and(|p| p.kind() == "jsx_attribute");
    let mut edits = Vec::new();
    let replacement = match input.language {
        Language::Python => {
            if let Some(edit) = python_import_os(input) {
                edits.push(edit);
            }
            format!("os.environ[\"{env}\"]")
        }
        Language::JavaScript | Language::TypeScript | Language::Tsx if in_jsx => {
            format!("{{process.env.{env}}}")
        }
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            format!("process.env.{env}")
        }
        Language::Rust => {
            // A `const` or `static` cannot call a function.
            let mut up = outer.parent();
            while let Some(p) = up {
                if matches!(p.kind(), "const_item" | "static_item") {
                    return None;
                }
                up = p.parent();
            }
            format!("std::env::var(\"{env}\").expect(\"set {env} in the environment\")")
        }
        Language::PlainText => return None,
    };
    edits.push(ByteEdit {
        range: outer.byte_range(),
        new_text: replacement,
    });
    Some(Fix {
        title: format!("Read `{env}` from the environment instead"),
        edits,
    })
}

/// An edit that adds `import os` to a Python module that lacks it.
fn python_import_os(input: &Input) -> Option<ByteEdit> {
    let tree = input.tree?;
    let root = tree.root_node();
    let mut cursor = root.walk();
    let mut insert_at = None;
    // Imports live at the top of a module: the first 200 statements are enough, and reading
    // no further keeps the fix cheap in long files.
    for child in root.named_children(&mut cursor).take(200) {
        if child.kind() == "import_statement"
            && node_text(input, child)
                .trim_start_matches("import")
                .split(',')
                .any(|part| part.trim() == "os")
        {
            return None;
        }
        let docstring = child.kind() == "expression_statement"
            && child.named_child(0).is_some_and(|n| n.kind() == "string");
        let future = child.kind() == "future_import_statement";
        if insert_at.is_none() && !docstring && !future && child.kind() != "comment" {
            insert_at = Some(child.start_byte());
        }
    }
    let at = insert_at.unwrap_or(root.end_byte());
    Some(ByteEdit {
        range: at..at,
        new_text: "import os\n".to_string(),
    })
}

/// The line-oriented reading: the key around `hit` and its value, in `segment` (which starts
/// at absolute byte `base`).
fn line_candidate(segment: &str, base: usize, hit: usize) -> Option<Candidate> {
    let rel = hit.checked_sub(base)?;
    if rel >= segment.len() || !segment.is_char_boundary(rel) {
        return None;
    }
    let line_start = segment[..rel].rfind('\n').map_or(0, |i| i + 1);
    let line_end = segment[rel..].find('\n').map_or(segment.len(), |i| rel + i);
    let line = &segment[line_start..line_end];
    let (key, value) = parse_key_value(line, rel - line_start)?;
    if value.len() < 6 {
        return None;
    }
    let name = &line[key];
    let kind = classify_name(name)?;
    let raw = &line[value.clone()];
    let skip = scheme_length(raw);
    if !value_ok(&raw[skip..], kind, name) {
        return None;
    }
    let start = base + line_start + value.start + skip;
    Some(Candidate {
        name: name.to_string(),
        kind,
        value: start..base + line_start + value.end,
        fix: None,
    })
}

/// True when `before` (the text before a quoted key) ends with the opening of a call that
/// stores a key/value pair.
fn is_setter_call(before: &str) -> bool {
    let before = before.trim_end();
    [
        "put(",
        "set(",
        "setProperty(",
        "setHeader(",
        "header(",
        "add(",
        "append(",
        "addHeader(",
        "insert(",
    ]
    .iter()
    .any(|call| before.ends_with(call))
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Reads `key <separator> value` around byte `at` of one line: `KEY=value`, `key: value`,
/// `"key": "value"`, `key = 'value'`, `key := "value"`, `key => 'value'`, `ENV KEY value`,
/// `<key>value</key>`, `key="Name" value="…"`. Returns the key and value byte ranges.
pub fn parse_key_value(line: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let b = line.as_bytes();
    let len = b.len();
    let trimmed = line.trim_start();
    if ["#", ";", "//", "--", "<!--", "*", "REM ", "rem "]
        .iter()
        .any(|c| trimmed.starts_with(c))
    {
        return None;
    }
    let mut ks = at;
    while ks > 0 && is_key_byte(b[ks - 1]) {
        ks -= 1;
    }
    let mut ke = at;
    while ke < len && is_key_byte(b[ke]) {
        ke += 1;
    }
    while ke > ks && matches!(b[ke - 1], b'.' | b'-') {
        ke -= 1;
    }
    if ke <= ks || ke - ks > 80 {
        return None;
    }
    let mut i = ke;
    let quote_before = (ks > 0)
        .then(|| b[ks - 1])
        .filter(|q| matches!(q, b'"' | b'\''));
    if let Some(q) = quote_before {
        if i < len && b[i] == q {
            i += 1;
        }
    }
    // <password>value</password>
    if ks > 0 && b[ks - 1] == b'<' && i < len && b[i] == b'>' {
        let start = i + 1;
        let end = start + line[start..].find('<')?;
        let value = line[start..end].trim();
        let offset = start + (line[start..end].len() - line[start..end].trim_start().len());
        return Some((ks..ke, offset..offset + value.len()));
    }
    let key_end = i;
    while i < len && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let rest = &line[i..];
    if rest.starts_with("==") || rest.starts_with("=~") {
        return None;
    }
    if rest.starts_with(":=") || rest.starts_with("=>") {
        i += 2;
    } else if rest.starts_with('=') || (rest.starts_with(':') && !rest.starts_with("::")) {
        i += 1;
    } else if quote_before.is_some() && rest.starts_with("value") {
        // <add key="DbPassword" value="…"/>
        let after = &rest[5..];
        let after_trim = after.trim_start();
        if !after_trim.starts_with('=') {
            return None;
        }
        i += 5 + (after.len() - after_trim.len()) + 1;
    } else if quote_before.is_some() && rest.starts_with(',') && is_setter_call(&line[..ks - 1]) {
        // `props.put("password", "…")`, `headers.set("Authorization", "…")`.
        i += 1;
        while i < len && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if i >= len || !matches!(b[i], b'"' | b'\'') {
            return None;
        }
    } else if trimmed.starts_with("ENV ") && i > key_end && !rest.is_empty() {
        // Dockerfile `ENV KEY value`.
    } else {
        return None;
    }
    while i < len && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= len {
        return None;
    }
    let q = b[i];
    if matches!(q, b'"' | b'\'' | b'`') {
        let start = i + 1;
        let mut j = start;
        while j < len && b[j] != q {
            if b[j] == b'\\' {
                j += 1;
            }
            j += 1;
        }
        if j >= len {
            return None;
        }
        let after = line[j + 1..].trim_start();
        if after.starts_with('+') || after.starts_with('.') && !after.starts_with("..") {
            return None;
        }
        return Some((ks..ke, start..j));
    }
    if matches!(q, b'|' | b'>' | b'!' | b'&' | b'*' | b'[' | b'{' | b'(') {
        return None;
    }
    let bare_end = |from: usize| {
        let mut j = from;
        while j < len && !b[j].is_ascii_whitespace() && !b",;)}]([{\"'`".contains(&b[j]) {
            j += 1;
        }
        j
    };
    let mut start = i;
    let mut end = bare_end(i);
    if end < len
        && b[end] == b' '
        && matches!(
            line[start..end].to_ascii_lowercase().as_str(),
            "bearer" | "basic" | "token"
        )
    {
        start = end + 1;
        end = bare_end(start);
    }
    if end < len && b"([{".contains(&b[end]) {
        // A call, an index or a template: `password = get_password()`, `x = a.{}`.
        return None;
    }
    (end > start).then_some((ks..ke, start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_snake_camel_and_acronyms() {
        assert_eq!(words("dbPassword"), ["db", "password"]);
        assert_eq!(words("AWS_SECRET_KEY2"), ["aws", "secret", "key"]);
        assert_eq!(words("DBPassword"), ["db", "password"]);
        assert_eq!(
            words("spring.datasource.password"),
            ["spring", "datasource", "password"]
        );
        assert_eq!(screaming_case("clientSecret"), "CLIENT_SECRET");
    }

    #[test]
    fn names_that_say_secret() {
        for (name, kind) in [
            ("password", Kind::Password),
            ("DB_PASSWORD", Kind::Password),
            ("dbPassword", Kind::Password),
            ("client_secret", Kind::Secret),
            ("GITHUB_TOKEN", Kind::Token),
            ("accessToken", Kind::Token),
            ("api_key", Kind::Key),
            ("apiKey", Kind::Key),
            ("SECRET_KEY", Kind::Key),
            ("secret_key_base", Kind::Key),
            ("PASSWORD_PROD", Kind::Password),
            ("auth", Kind::Auth),
            ("Authorization", Kind::Auth),
        ] {
            assert_eq!(classify_name(name), Some(kind), "{name}");
        }
        for name in [
            "password_hint",
            "token_type",
            "next_page_token",
            "max_tokens",
            "public_key",
            "primary_key",
            "cache_key",
            "author",
            "tokenizer",
            "is_secret",
            "secret_name",
            "password_length",
            "auth_method",
        ] {
            assert_eq!(classify_name(name), None, "{name}");
        }
    }

    #[test]
    fn values_that_look_real() {
        assert!(value_ok("Zq8#vR2!mKp", Kind::Password, "password"));
        assert!(value_ok(
            "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
            Kind::Key,
            "api_key"
        ));
        for v in [
            "changeme",
            "${DB_PASSWORD}",
            "DB_PASSWORD",
            "hello world",
            "short",
            "aaaaaaaaaaaaaaa",
            "config.password",
            "123e4567-e89b-12d3-a456-426614174000",
        ] {
            assert!(!value_ok(v, Kind::Password, "password"), "{v}");
        }
    }

    #[test]
    fn key_value_lines() {
        let cases = [
            ("DB_PASSWORD=placeholder9", "DB_PASSWORD", "placeholder9"),
            ("  password: \"placeholder9\"", "password", "placeholder9"),
            (
                "{\"password\": \"placeholder9\"}",
                "password",
                "placeholder9",
            ),
            ("password = 'placeholder9'", "password", "placeholder9"),
            (
                "ENV DB_PASSWORD placeholder9",
                "DB_PASSWORD",
                "placeholder9",
            ),
            (
                "<password>placeholder9</password>",
                "password",
                "placeholder9",
            ),
            (
                "<add key=\"DbPassword\" value=\"placeholder9\"/>",
                "DbPassword",
                "placeholder9",
            ),
            (
                "Authorization: Bearer placeholder9",
                "Authorization",
                "placeholder9",
            ),
            (
                "props.put(\"password\", \"placeholder9\");",
                "password",
                "placeholder9",
            ),
        ];
        for (line, key, value) in cases {
            let at = line.find(key).unwrap() + 2;
            let (k, v) = parse_key_value(line, at).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(&line[k], key, "{line}");
            assert_eq!(&line[v], value, "{line}");
        }
        for line in [
            "if password == \"abc\":",
            "# password: placeholder9",
            "password = get_password()",
            "password: |",
            "reset your password here",
            "log(\"password\", \"placeholder9\")",
        ] {
            let at = line.find("password").unwrap();
            assert!(parse_key_value(line, at).is_none(), "{line}");
        }
    }
}
