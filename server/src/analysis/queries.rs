//! Query rules: every rule file of a language concatenated into ONE tree-sitter `Query`
//! (20 patterns in one query cost 1.7× one pattern; 20 queries cost 14×), compiled lazily
//! once per language, with each pattern mapped back to its rule.
//!
//! Custom predicates are declared in [`PREDICATES`] and nowhere else; an unknown predicate
//! makes the rule fail to load (and the registry test fail), never a silent pass.

use super::rust_values;
use super::values::{
    bound_value_texts, bound_values, built_string, input_source, is_constant, node_text,
};
use super::{ByteEdit, Confidence, Finding, Fix, Origin};
use crate::language::Language;
use crate::rules::{registry, RuleMeta};
use regex::Regex;
use ropey::Rope;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, QueryPredicateArg, Tree};

/// The custom predicates a query may use: (name, description). Built-in text predicates
/// (`#eq?`, `#not-eq?`, `#match?`, `#not-match?`, `#any-of?`, `#not-any-of?`) are evaluated by
/// tree-sitter itself.
pub const PREDICATES: &[(&str, &str)] = &[
    (
        "not-constant?",
        "`(#not-constant? @x)`: @x is not a literal, an operation over literals, or a name bound only to literals in its scope",
    ),
    (
        "constant?",
        "`(#constant? @x)`: the opposite of `not-constant?`",
    ),
    (
        "lacks-kwarg?",
        "`(#lacks-kwarg? @args \"name\" …)`: the argument list @args has no keyword argument with any of the names",
    ),
    (
        "context-matches?",
        "`(#context-matches? @x \"regex\")`: the statement around @x (its assignment target, call, or enclosing function name) matches the regex",
    ),
    (
        "not-context-matches?",
        "`(#not-context-matches? @x \"regex\")`: the opposite of `context-matches?`",
    ),
    (
        "file-contains?",
        "`(#file-contains? \"text\" …)`: the file contains one of the texts (an import of a module, say)",
    ),
    (
        "path-matches?",
        "`(#path-matches? \"regex\")`: the file's path matches the regex",
    ),
    (
        "formatted-matches?",
        "`(#formatted-matches? @x \"regex\")` (Rust): @x is a string assembled at run time from a non-constant part (`format!`, `+`, `push_str`…, also through a `let`) and its literal text matches the regex",
    ),
    (
        "destination-source-matches?",
        "`(#destination-source-matches? @x \"regex\")` (Rust): the destination of the URL or redirect target @x comes from an input source whose label matches; a `format!` whose literal prefix fixes the host or a same-site path does not count",
    ),
    (
        "binding-matches?",
        "`(#binding-matches? @x \"regex\")` (Rust): the value a name @x is bound to (`let`, `for … in`) matches the regex; for any other node, its own text",
    ),
    (
        "not-binding-matches?",
        "`(#not-binding-matches? @x \"regex\")`: the opposite of `binding-matches?`",
    ),
    (
        "not-file-contains?",
        "`(#not-file-contains? \"text\" …)`: the file contains none of the texts (no `defusedxml` import, say)",
    ),
    (
        "built-string?",
        "`(#built-string? @x \"regex\")`: @x (or a value the name @x is bound to in its scope) is a string assembled at run time from a non-constant part (f-string, template literal, `%`, `.format()`, `+`, `format!`) and its text matches the regex",
    ),
    (
        "bound-value-matches?",
        "`(#bound-value-matches? @x \"regex\")`: the text of @x, or of a value the name @x is bound to in its scope, matches the regex",
    ),
    (
        "not-bound-value-matches?",
        "`(#not-bound-value-matches? @x \"regex\")`: neither the text of @x nor of any value the name @x is bound to matches the regex",
    ),
    (
        "scope-matches?",
        "`(#scope-matches? @x \"regex\")`: the text of the function around @x (the module at top level) matches the regex",
    ),
    (
        "not-scope-matches?",
        "`(#not-scope-matches? @x \"regex\")`: the opposite of `scope-matches?` (no `escape(` anywhere in the function, say)",
    ),
    (
        "input-source-matches?",
        "`(#input-source-matches? @x \"source-regex\" [\"sanitizer-regex\"])`: @x visibly comes from an input whose label matches source-regex (`request.args`, `sys.argv`, `route parameter name`…), and the enclosing function does not mention the sanitizer regex",
    ),
    (
        "from-input?",
        "`(#from-input? @x [\"regex\"])`: @x visibly comes from a request, argv, the environment or the page URL (following names bound in its scope); with a regex, the source's label (`req.query`, `process.env`…) must match it",
    ),
    (
        "value-matches?",
        "`(#value-matches? @x \"regex\")`: the text of @x, or of a value the name @x is bound to in its scope, matches the regex",
    ),
    (
        "not-value-matches?",
        "`(#not-value-matches? @x \"regex\")`: neither the text of @x nor any value the name @x is bound to matches the regex (a sanitiser, say)",
    ),
    (
        "not-guarded?",
        "`(#not-guarded? @x)`: @x is not checked first: no enclosing `if` (and no earlier `if` that returns or throws) in its function has a condition that calls something on the text of @x (`if (isSafe(url))`, `if (!allowed.includes(host)) return`)",
    ),
];

/// One parsed custom predicate.
#[derive(Debug)]
enum Predicate {
    NotConstant(u32),
    Constant(u32),
    LacksKwarg(u32, Vec<String>),
    ContextMatches(u32, Regex, bool),
    PathMatches(Regex),
    FileContains(Vec<String>, bool),
    FormattedMatches(u32, Regex),
    DestinationSourceMatches(u32, Regex),
    BindingMatches(u32, Regex, bool),
    BuiltString(u32, Regex),
    BoundValueMatches(u32, Regex, bool),
    InputSourceMatches(u32, Regex, Option<Regex>),
    ScopeMatches(u32, Regex, bool),
    FromInput(u32, Option<Regex>),
    ValueMatches(u32, Regex, bool),
    NotGuarded(u32),
}

/// The compiled rules of one language.
pub struct CompiledRules {
    query: Option<Query>,
    /// For each pattern: the rule id it belongs to.
    pattern_rule: Vec<&'static str>,
    pattern_predicates: Vec<Vec<Predicate>>,
    finding_capture: Option<u32>,
    value_capture: Option<u32>,
    /// Problems found while compiling (an unknown predicate, a query that does not compile).
    pub problems: Vec<String>,
}

static RUST_RULES: LazyLock<CompiledRules> = LazyLock::new(|| compile(Language::Rust));
static PYTHON_RULES: LazyLock<CompiledRules> = LazyLock::new(|| compile(Language::Python));
static JS_RULES: LazyLock<CompiledRules> = LazyLock::new(|| compile(Language::JavaScript));
static TS_RULES: LazyLock<CompiledRules> = LazyLock::new(|| compile(Language::TypeScript));
static TSX_RULES: LazyLock<CompiledRules> = LazyLock::new(|| compile(Language::Tsx));

/// The compiled rules of a language (compiled on first use).
pub fn rules_for(language: Language) -> Option<&'static CompiledRules> {
    match language {
        Language::Rust => Some(&RUST_RULES),
        Language::Python => Some(&PYTHON_RULES),
        Language::JavaScript => Some(&JS_RULES),
        Language::TypeScript => Some(&TS_RULES),
        Language::Tsx => Some(&TSX_RULES),
        Language::PlainText => None,
    }
}

/// The query directories that apply to a language. JavaScript rules also run on TypeScript
/// and TSX, whose grammars are supersets.
pub fn query_directories(language: Language) -> &'static [&'static str] {
    match language {
        Language::Rust => &["rust"],
        Language::Python => &["python"],
        Language::JavaScript => &["javascript"],
        Language::TypeScript | Language::Tsx => &["javascript", "typescript"],
        Language::PlainText => &[],
    }
}

fn compile(language: Language) -> CompiledRules {
    let mut problems = Vec::new();
    let Some(grammar) = language.grammar() else {
        return CompiledRules {
            query: None,
            pattern_rule: Vec::new(),
            pattern_predicates: Vec::new(),
            finding_capture: None,
            value_capture: None,
            problems,
        };
    };
    // Compile all files as one query; only when that fails, check each file on its own (the
    // slow path: compiling every file twice doubles start-up time), so one broken rule cannot
    // disable the others.
    let mut files: Vec<(&'static str, &'static str, &'static str)> = Vec::new();
    for directory in query_directories(language) {
        for (id, text) in crate::rules::query_files(directory) {
            if registry().get(id).is_none() {
                problems.push(format!(
                    "queries/{directory}/{id}.scm has no registry entry queries/rules/{id}.toml"
                ));
                continue;
            }
            files.push((directory, id, text));
        }
    }
    let concatenate = |files: &[(&'static str, &'static str, &'static str)]| {
        let mut source = String::new();
        let mut spans: Vec<(Range<usize>, &'static str)> = Vec::new();
        for (_, id, text) in files {
            let start = source.len();
            source.push_str(text);
            source.push('\n');
            spans.push((start..source.len(), *id));
        }
        (source, spans)
    };
    let (mut source, mut file_spans) = concatenate(&files);
    let mut first_attempt = Query::new(&grammar, &source).ok();
    if first_attempt.is_none() {
        files.retain(|(directory, id, text)| match Query::new(&grammar, text) {
            Ok(_) => true,
            Err(err) => {
                problems.push(format!(
                    "queries/{directory}/{id}.scm does not compile for {}: {err}",
                    language.name()
                ));
                false
            }
        });
        (source, file_spans) = concatenate(&files);
    }
    let compiled = match first_attempt.take() {
        Some(query) => Ok(query),
        None => Query::new(&grammar, &source),
    };
    let query = match compiled {
        Ok(query) => query,
        Err(err) => {
            problems.push(format!("combined {} query: {err}", language.name()));
            return CompiledRules {
                query: None,
                pattern_rule: Vec::new(),
                pattern_predicates: Vec::new(),
                finding_capture: None,
                value_capture: None,
                problems,
            };
        }
    };
    let mut pattern_rule = Vec::with_capacity(query.pattern_count());
    let mut pattern_predicates = Vec::with_capacity(query.pattern_count());
    for pattern in 0..query.pattern_count() {
        let start = query.start_byte_for_pattern(pattern);
        let id = file_spans
            .iter()
            .find(|(span, _)| span.contains(&start))
            .map(|(_, id)| *id)
            .unwrap_or("unknown");
        pattern_rule.push(id);
        let mut predicates = Vec::new();
        for predicate in query.general_predicates(pattern) {
            match parse_predicate(&predicate.operator, &predicate.args) {
                Ok(p) => predicates.push(p),
                Err(err) => problems.push(format!("rule {id}: {err}")),
            }
        }
        pattern_predicates.push(predicates);
    }
    let finding_capture = query.capture_index_for_name("finding");
    if finding_capture.is_none() && query.pattern_count() > 0 {
        problems.push(format!("{} queries capture no @finding", language.name()));
    }
    let value_capture = query.capture_index_for_name("value");
    for problem in &problems {
        tracing::error!("{problem}");
    }
    CompiledRules {
        query: Some(query),
        pattern_rule,
        pattern_predicates,
        finding_capture,
        value_capture,
        problems,
    }
}

fn parse_predicate(operator: &str, args: &[QueryPredicateArg]) -> Result<Predicate, String> {
    let capture = |i: usize| match args.get(i) {
        Some(QueryPredicateArg::Capture(c)) => Ok(*c),
        _ => Err(format!(
            "#{operator} expects a capture as argument {}",
            i + 1
        )),
    };
    let strings = |from: usize| -> Vec<String> {
        args.iter()
            .skip(from)
            .filter_map(|a| match a {
                QueryPredicateArg::String(s) => Some(s.to_string()),
                QueryPredicateArg::Capture(_) => None,
            })
            .collect()
    };
    let regex = |text: Option<&String>| -> Result<Regex, String> {
        let text = text.ok_or(format!("#{operator} expects a regex string"))?;
        Regex::new(text).map_err(|e| format!("#{operator}: bad regex: {e}"))
    };
    match operator {
        "not-constant?" => Ok(Predicate::NotConstant(capture(0)?)),
        "constant?" => Ok(Predicate::Constant(capture(0)?)),
        "lacks-kwarg?" => {
            let names = strings(1);
            if names.is_empty() {
                return Err("#lacks-kwarg? needs at least one name".into());
            }
            Ok(Predicate::LacksKwarg(capture(0)?, names))
        }
        "context-matches?" => Ok(Predicate::ContextMatches(
            capture(0)?,
            regex(strings(1).first())?,
            true,
        )),
        "not-context-matches?" => Ok(Predicate::ContextMatches(
            capture(0)?,
            regex(strings(1).first())?,
            false,
        )),
        "path-matches?" => Ok(Predicate::PathMatches(regex(strings(0).first())?)),
        "formatted-matches?" => Ok(Predicate::FormattedMatches(
            capture(0)?,
            regex(strings(1).first())?,
        )),
        "destination-source-matches?" => Ok(Predicate::DestinationSourceMatches(
            capture(0)?,
            regex(strings(1).first())?,
        )),
        "binding-matches?" => Ok(Predicate::BindingMatches(
            capture(0)?,
            regex(strings(1).first())?,
            true,
        )),
        "not-binding-matches?" => Ok(Predicate::BindingMatches(
            capture(0)?,
            regex(strings(1).first())?,
            false,
        )),
        "file-contains?" | "not-file-contains?" => {
            let texts = strings(0);
            if texts.is_empty() {
                return Err(format!("#{operator} expects a string"));
            }
            Ok(Predicate::FileContains(texts, operator == "file-contains?"))
        }
        "built-string?" => Ok(Predicate::BuiltString(
            capture(0)?,
            match strings(1).first() {
                Some(text) => regex(Some(text))?,
                None => regex(Some(&String::new()))?,
            },
        )),
        "bound-value-matches?" | "not-bound-value-matches?" => Ok(Predicate::BoundValueMatches(
            capture(0)?,
            regex(strings(1).first())?,
            operator == "bound-value-matches?",
        )),
        "scope-matches?" | "not-scope-matches?" => Ok(Predicate::ScopeMatches(
            capture(0)?,
            regex(strings(1).first())?,
            operator == "scope-matches?",
        )),
        "input-source-matches?" => {
            let patterns = strings(1);
            let sanitizer = match patterns.get(1) {
                Some(text) => Some(regex(Some(text))?),
                None => None,
            };
            Ok(Predicate::InputSourceMatches(
                capture(0)?,
                regex(patterns.first())?,
                sanitizer,
            ))
        }
        "from-input?" => {
            let label = match strings(1).first() {
                Some(text) => Some(regex(Some(text))?),
                None => None,
            };
            Ok(Predicate::FromInput(capture(0)?, label))
        }
        "not-guarded?" => Ok(Predicate::NotGuarded(capture(0)?)),
        "value-matches?" | "not-value-matches?" => Ok(Predicate::ValueMatches(
            capture(0)?,
            regex(strings(1).first())?,
            operator == "value-matches?",
        )),
        other => Err(format!(
            "unknown predicate #{other} (declared predicates: {})",
            PREDICATES
                .iter()
                .map(|(n, _)| format!("#{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Runs the language's rules over `tree`, limited to `range` when given, appending findings.
pub fn run(
    language: Language,
    rope: &Rope,
    tree: &Tree,
    range: Option<Range<usize>>,
    path: Option<&Path>,
    out: &mut Vec<Finding>,
) {
    let Some(compiled) = rules_for(language) else {
        return;
    };
    let Some(query) = &compiled.query else {
        return;
    };
    let Some(finding_capture) = compiled.finding_capture else {
        return;
    };
    super::binding_cache::reset();
    let mut cursor = QueryCursor::new();
    cursor.set_match_limit(256);
    if let Some(range) = &range {
        cursor.set_byte_range(range.clone());
    }
    let provider = |node: Node| {
        let end = node.end_byte().min(rope.len_bytes());
        let start = node.start_byte().min(end);
        rope.byte_slice(start..end)
            .chunks()
            .map(|c| c.as_bytes())
            .collect::<Vec<&[u8]>>()
            .into_iter()
    };
    let mut matches = cursor.matches(query, tree.root_node(), provider);
    let path_text = path.map(|p| p.to_string_lossy().replace('\\', "/"));
    // The whole text, materialised only if a `#file-contains?` predicate needs it.
    let whole_text: std::cell::OnceCell<String> = std::cell::OnceCell::new();
    while let Some(m) = matches.next() {
        let rule_id = compiled.pattern_rule[m.pattern_index];
        let predicates = &compiled.pattern_predicates[m.pattern_index];
        let node_of = |capture: u32| m.nodes_for_capture_index(capture).next();
        let passes = predicates.iter().all(|p| match p {
            Predicate::NotConstant(c) => {
                node_of(*c).is_some_and(|n| !is_constant(rope, n, language))
            }
            Predicate::Constant(c) => node_of(*c).is_some_and(|n| is_constant(rope, n, language)),
            Predicate::LacksKwarg(c, names) => {
                node_of(*c).is_some_and(|n| !has_keyword_argument(rope, n, names))
            }
            Predicate::ContextMatches(c, regex, wanted) => {
                node_of(*c).is_some_and(|n| regex.is_match(&context_text(rope, n)) == *wanted)
            }
            Predicate::PathMatches(regex) => {
                path_text.as_deref().is_some_and(|p| regex.is_match(p))
            }
            Predicate::FormattedMatches(c, regex) => node_of(*c).is_some_and(|n| {
                language == Language::Rust
                    && rust_values::built_string(rope, n).is_some_and(|t| regex.is_match(&t))
            }),
            Predicate::DestinationSourceMatches(c, regex) => node_of(*c).is_some_and(|n| {
                language == Language::Rust
                    && rust_values::destination_source(rope, n)
                        .is_some_and(|label| regex.is_match(&label))
            }),
            Predicate::BindingMatches(c, regex, wanted) => node_of(*c).is_some_and(|n| {
                let text = if language == Language::Rust {
                    rust_values::binding_text(rope, n)
                } else {
                    node_text(rope, n)
                };
                regex.is_match(&text) == *wanted
            }),
            Predicate::FileContains(needles, wanted) => {
                let text = whole_text.get_or_init(|| rope.to_string());
                needles.iter().any(|n| text.contains(n.as_str())) == *wanted
            }
            Predicate::BuiltString(c, regex) => node_of(*c).is_some_and(|n| {
                built_string(rope, n, language).is_some_and(|b| {
                    regex.is_match(&node_text(rope, b))
                        || names_in(b)
                            .into_iter()
                            .flat_map(|name| bound_value_texts(rope, name, language))
                            .any(|text| regex.is_match(&text))
                })
            }),
            Predicate::BoundValueMatches(c, regex, wanted) => node_of(*c).is_some_and(|n| {
                bound_value_texts(rope, n, language)
                    .iter()
                    .any(|t| regex.is_match(t))
                    == *wanted
            }),
            Predicate::ScopeMatches(c, regex, wanted) => node_of(*c).is_some_and(|n| {
                let scope = if language == Language::Rust {
                    function_text(rope, n)
                } else {
                    node_text(rope, super::values::enclosing_scope(n))
                };
                regex.is_match(&scope) == *wanted
            }),
            Predicate::InputSourceMatches(c, regex, sanitizer) => node_of(*c).is_some_and(|n| {
                input_source(rope, n, language).is_some_and(|s| regex.is_match(&s))
                    && sanitizer.as_ref().is_none_or(|sanitizer| {
                        !sanitizer.is_match(&node_text(rope, super::values::enclosing_scope(n)))
                    })
            }),
            Predicate::FromInput(c, label) => node_of(*c).is_some_and(|n| {
                input_source(rope, n, language)
                    .is_some_and(|source| label.as_ref().is_none_or(|l| l.is_match(&source)))
            }),
            Predicate::NotGuarded(c) => node_of(*c).is_some_and(|n| !is_guarded(rope, n)),
            Predicate::ValueMatches(c, regex, wanted) => {
                node_of(*c).is_some_and(|n| value_matches(rope, n, language, regex) == *wanted)
            }
        });
        if !passes {
            continue;
        }
        let Some(node) = node_of(finding_capture) else {
            continue;
        };
        if let Some(range) = &range {
            // Only report findings that start inside the analysed region; the rest are kept
            // from the cache.
            if node.start_byte() < range.start
                || node.start_byte() >= range.end.max(range.start + 1)
            {
                continue;
            }
        }
        let Some(rule) = registry().get(rule_id) else {
            continue;
        };
        let value_node = compiled.value_capture.and_then(node_of).unwrap_or(node);
        let source = input_source(rope, value_node, language);
        let captures: Vec<(&str, Node)> = m
            .captures()
            .iter()
            .map(|c| (query.capture_names()[c.index as usize], c.node))
            .collect();
        out.push(make_finding(rule, rope, node, &captures, language, source));
    }
}

/// Builds the finding for one match.
fn make_finding(
    rule: &RuleMeta,
    rope: &Rope,
    node: Node,
    captures: &[(&str, Node)],
    language: Language,
    source: Option<String>,
) -> Finding {
    let text = node_text(rope, node);
    let mut message = rule.message.replace("{finding}", &shorten(&text, 48));
    let mut confidence = rule.confidence;
    if let Some(source) = &source {
        message = message.replace("{source}", source);
        if !rule.message.contains("{source}") {
            message = format!("{} The value comes from `{source}`.", message.trim_end());
        }
        confidence = Confidence::High;
    } else {
        message = message
            .replace(" (from `{source}`)", "")
            .replace("{source}", "input");
    }
    let fix = rule
        .fixes
        .iter()
        .filter(|f| {
            f.language
                .as_deref()
                .is_none_or(|l| language_matches(l, language))
        })
        .find_map(|spec| build_fix(spec, rope, captures));
    Finding {
        rule: rule.id.clone(),
        range: node.byte_range(),
        message,
        severity: rule.severity,
        confidence,
        fingerprint: String::new(),
        fix,
        input_source: source,
        origin: Origin::Typed,
        fingerprint_basis: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// True when a rule's language name covers `language`.
pub fn language_matches(name: &str, language: Language) -> bool {
    match name {
        "any" => true,
        "javascript" => matches!(
            language,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        ),
        "typescript" => matches!(language, Language::TypeScript | Language::Tsx),
        other => other == language.name(),
    }
}

fn build_fix(spec: &crate::rules::FixSpec, rope: &Rope, captures: &[(&str, Node)]) -> Option<Fix> {
    let node = captures
        .iter()
        .find(|(name, _)| *name == spec.capture)
        .map(|(_, n)| *n)?;
    let edit = if spec.delete {
        delete_list_item(rope, node)
    } else {
        let template = spec.replace.as_ref()?;
        let mut text = template.clone();
        for (name, capture_node) in captures {
            let placeholder = format!("{{{name}}}");
            if text.contains(&placeholder) {
                text = text.replace(&placeholder, &node_text(rope, *capture_node));
            }
        }
        ByteEdit {
            range: node.byte_range(),
            new_text: text,
        }
    };
    Some(Fix {
        title: spec.title.clone(),
        edits: vec![edit],
    })
}

/// Deletes `node` from an argument, parameter or field list together with one separating
/// comma and the spacing around it.
fn delete_list_item(rope: &Rope, node: Node) -> ByteEdit {
    let is_space =
        |b: usize| b < rope.len_bytes() && matches!(rope.byte(b), b' ' | b'\t' | b'\n' | b'\r');
    if let Some(next) = node.next_sibling().filter(|n| n.kind() == ",") {
        let mut end = next.end_byte();
        while is_space(end) {
            end += 1;
        }
        return ByteEdit {
            range: node.start_byte()..end,
            new_text: String::new(),
        };
    }
    if let Some(prev) = node.prev_sibling().filter(|n| n.kind() == ",") {
        return ByteEdit {
            range: prev.start_byte()..node.end_byte(),
            new_text: String::new(),
        };
    }
    ByteEdit {
        range: node.byte_range(),
        new_text: String::new(),
    }
}

/// The first few identifiers inside `node` (the names a built string is made from).
fn names_in(node: Node) -> Vec<Node> {
    let mut found = Vec::new();
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "identifier" {
            found.push(n);
            if found.len() >= 8 {
                break;
            }
        }
        stack.extend(n.children(&mut cursor));
    }
    found
}

/// True when `value` is checked before use inside its function: an enclosing `if` whose
/// condition calls something on it (`if (isSafe(url))`, `if (allowed.includes(url))`), or an
/// earlier `if` in an enclosing block that does so and returns or throws. A bare truthiness or
/// `!== undefined` test is not a check.
fn is_guarded(rope: &Rope, value: Node) -> bool {
    let text = node_text(rope, value);
    if text.is_empty() || text.len() > 200 {
        return false;
    }
    // A call on the value, other than the existence and type probes that check nothing.
    static CALL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\w*)\s*\(").expect("valid regex"));
    const NOT_CHECKS: &[&str] = &[
        "",
        "existsSync",
        "exists",
        "statSync",
        "stat",
        "lstat",
        "lstatSync",
        "access",
        "accessSync",
        "isFile",
        "isDirectory",
        "Boolean",
        "String",
        "Number",
        "typeof",
    ];
    let word = Regex::new(&format!(r"(^|[^\w$.]){}($|[^\w$])", regex::escape(&text))).ok();
    let inner_text = |condition: Node| {
        let condition = match condition.kind() {
            "parenthesized_expression" => condition.named_child(0).unwrap_or(condition),
            _ => condition,
        };
        node_text(rope, condition)
    };
    // An early exit guards what follows only when its condition is the failed check
    // (`if (!allowed.includes(x)) return`), not the passed one (`if (ok(x)) return …`).
    static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(!|not\s)|(===?|!==?)\s*(-1|false)\b|<\s*0\b").expect("valid regex")
    });
    let checks_value = |condition: Node| {
        let condition_text = inner_text(condition);
        CALL.captures_iter(&condition_text)
            .any(|c| !NOT_CHECKS.contains(&c.get(1).map_or("", |m| m.as_str())))
            && word.as_ref().is_some_and(|w| w.is_match(&condition_text))
    };
    let scope = super::values::enclosing_scope(value);
    let mut current = value;
    while let Some(parent) = current.parent() {
        if parent.id() == scope.id() {
            break;
        }
        match parent.kind() {
            "if_statement" => {
                let condition = parent.child_by_field_name("condition");
                if condition.is_some_and(|c| c.id() != current.id() && checks_value(c)) {
                    return true;
                }
            }
            "statement_block" | "block" => {
                let mut cursor = parent.walk();
                let earlier_exit_check = parent
                    .named_children(&mut cursor)
                    .take_while(|s| s.end_byte() <= current.start_byte())
                    .filter(|s| s.kind() == "if_statement")
                    .any(|s| {
                        let exits = s.child_by_field_name("consequence").is_some_and(|body| {
                            let body = node_text(rope, body);
                            body.contains("return")
                                || body.contains("throw")
                                || body.contains("raise")
                        });
                        exits
                            && s.child_by_field_name("condition").is_some_and(|c| {
                                checks_value(c) && NEGATED.is_match(&inner_text(c))
                            })
                    });
                if earlier_exit_check {
                    return true;
                }
            }
            _ => {}
        }
        current = parent;
    }
    false
}

/// True when the text of `node`, or of a value the name `node` is bound to, matches `regex`.
fn value_matches(rope: &Rope, node: Node, language: Language, regex: &Regex) -> bool {
    regex.is_match(&node_text(rope, node))
        || bound_values(rope, node, language).into_iter().any(|value| {
            value.byte_range().len() <= 4096 && regex.is_match(&node_text(rope, value))
        })
}

fn has_keyword_argument(rope: &Rope, args: Node, names: &[String]) -> bool {
    let mut cursor = args.walk();
    let found = args.named_children(&mut cursor).any(|child| {
        matches!(child.kind(), "keyword_argument")
            && child
                .child_by_field_name("name")
                .is_some_and(|n| names.iter().any(|name| *name == node_text(rope, n)))
    });
    found
}

/// The text that says what a value is for: the enclosing statement (an assignment's target,
/// a keyword argument's name, a call) and the enclosing function's name.
fn context_text(rope: &Rope, node: Node) -> String {
    let mut parts = Vec::new();
    let mut current = node;
    let mut steps = 0;
    while let Some(parent) = current.parent() {
        steps += 1;
        match parent.kind() {
            "assignment"
            | "augmented_assignment"
            | "variable_declarator"
            | "let_declaration"
            | "assignment_expression"
            | "keyword_argument"
            | "pair"
            | "field_initializer"
            | "public_field_definition"
            | "field_definition"
            | "return_statement"
            | "expression_statement" => {
                let end = parent.end_byte().min(parent.start_byte() + 400);
                parts.push(char_safe_slice(rope, parent.start_byte(), end));
                if !matches!(parent.kind(), "keyword_argument" | "pair") {
                    break;
                }
            }
            _ => {}
        }
        if steps > 12 {
            break;
        }
        current = parent;
    }
    let scope = super::values::enclosing_scope(node);
    if let Some(name) = scope.child_by_field_name("name") {
        parts.push(node_text(rope, name));
    }
    parts.join("\n")
}

/// The text of the nearest enclosing named function (or method) around `node`, capped at
/// 64 KiB; the whole file when there is none.
fn function_text(rope: &Rope, node: Node) -> String {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if matches!(
            parent.kind(),
            "function_item"
                | "function_definition"
                | "function_declaration"
                | "method_definition"
                | "generator_function_declaration"
        ) {
            current = parent;
            break;
        }
        current = parent;
    }
    let end = current
        .end_byte()
        .min(current.start_byte() + 65_536)
        .min(rope.len_bytes());
    char_safe_slice(rope, current.start_byte(), end)
}

/// The text between two byte offsets, with a cut that falls inside a multi-byte character
/// moved back to that character's start (a capped length must never panic).
fn char_safe_slice(rope: &Rope, start: usize, end: usize) -> String {
    let end = rope.byte_to_char(end.min(rope.len_bytes()));
    let start = rope.byte_to_char(start.min(rope.len_bytes())).min(end);
    rope.slice(start..end).to_string()
}

fn shorten(text: &str, max_chars: usize) -> String {
    let single_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if single_line.chars().count() <= max_chars {
        single_line
    } else {
        let cut: String = single_line.chars().take(max_chars - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod rust_predicate_tests {
    use super::*;

    #[test]
    fn rust_rule_predicates_are_declared_and_parse() {
        let query_text = r#"(call_expression
  function: (_) @f
  arguments: (arguments (_) @value)
  (#formatted-matches? @value "SELECT")
  (#input-source-matches? @value "Path")
  (#destination-source-matches? @value "Query")
  (#binding-matches? @value "by_index")
  (#not-binding-matches? @value "by_name")
  (#scope-matches? @value "fn")
  (#not-scope-matches? @value "canonicalize")) @finding"#;
        let query = Query::new(&Language::Rust.grammar().unwrap(), query_text).unwrap();
        for predicate in query.general_predicates(0) {
            assert!(PREDICATES
                .iter()
                .any(|(name, _)| *name == &*predicate.operator));
            parse_predicate(&predicate.operator, &predicate.args).unwrap();
        }
        assert!(parse_predicate("formatted-matches?", &[]).is_err());
    }

    #[test]
    fn function_text_is_the_enclosing_function() {
        let src = "fn a() { one(); }\nfn b() { two(); }\n";
        let tree = crate::document::parse_str(src, &Language::Rust.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let at = src.find("two").unwrap();
        let node = tree
            .root_node()
            .descendant_for_byte_range(at, at + 3)
            .unwrap();
        assert_eq!(function_text(&rope, node), "fn b() { two(); }");
    }

    #[test]
    fn capped_text_never_cuts_a_character() {
        let rope = Rope::from_str("é€😀");
        assert_eq!(char_safe_slice(&rope, 0, 1), "");
        assert_eq!(char_safe_slice(&rope, 0, 4), "é");
        assert_eq!(char_safe_slice(&rope, 2, 100), "€😀");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn predicates_of(source: &str) -> Result<Vec<Predicate>, String> {
        let grammar = Language::Python.grammar().expect("python grammar");
        let query = Query::new(&grammar, source).map_err(|e| e.to_string())?;
        query
            .general_predicates(0)
            .iter()
            .map(|p| parse_predicate(&p.operator, &p.args))
            .collect()
    }

    #[test]
    fn the_rule_pack_predicates_parse() {
        let parsed = predicates_of(
            r#"((call arguments: (argument_list . (_) @value)) @finding
                (#built-string? @value "(?i)select")
                (#bound-value-matches? @value "^x")
                (#not-bound-value-matches? @value "^y")
                (#input-source-matches? @value "^request" "secure_filename")
                (#not-file-contains? "defusedxml")
                (#not-scope-matches? @value "escape"))"#,
        )
        .expect("valid predicates");
        assert!(matches!(parsed[0], Predicate::BuiltString(..)));
        assert!(matches!(
            parsed[1],
            Predicate::BoundValueMatches(_, _, true)
        ));
        assert!(matches!(
            parsed[2],
            Predicate::BoundValueMatches(_, _, false)
        ));
        assert!(matches!(
            parsed[3],
            Predicate::InputSourceMatches(_, _, Some(_))
        ));
        assert!(matches!(parsed[4], Predicate::FileContains(_, false)));
        assert!(matches!(parsed[5], Predicate::ScopeMatches(_, _, false)));
        for (name, _) in PREDICATES {
            assert!(!name.is_empty());
        }
    }

    #[test]
    fn bad_arguments_to_the_rule_pack_predicates_are_errors() {
        assert!(predicates_of(r#"((identifier) @x (#input-source-matches? @x))"#).is_err());
        assert!(predicates_of(r#"((identifier) @x (#bound-value-matches? @x "("))"#).is_err());
        assert!(predicates_of(r#"((identifier) @x (#not-file-contains?))"#).is_err());
        assert!(predicates_of(r#"((identifier) @x (#no-such-predicate? @x))"#).is_err());
    }

    #[test]
    fn input_source_matches_honours_the_sanitizer() {
        let run_on = |source: &str| {
            let tree =
                crate::document::parse_str(source, &Language::Python.grammar().unwrap()).unwrap();
            let rope = Rope::from_str(source);
            let mut out = Vec::new();
            run(Language::Python, &rope, &tree, None, None, &mut out);
            out.into_iter()
                .filter(|f| f.rule == "py-path-traversal-request")
                .count()
        };
        let unsafe_view =
            "@app.route('/f/<name>')\ndef show(name):\n    return open(name).read()\n";
        let checked_view = "@app.route('/f/<name>')\ndef show(name):\n    name = secure_filename(name)\n    return open(name).read()\n";
        assert_eq!(run_on(unsafe_view), 1);
        assert_eq!(run_on(checked_view), 0);
    }
}

#[cfg(test)]
mod js_predicate_tests {
    use super::*;
    use crate::document::parse_str;

    /// The last node of `kind` whose text is `text` in a JavaScript source.
    fn find<'t>(tree: &'t Tree, rope: &Rope, kind: &str, text: &str) -> Node<'t> {
        let mut stack = vec![tree.root_node()];
        let mut cursor = tree.walk();
        let mut last = None;
        while let Some(n) = stack.pop() {
            if n.kind() == kind && node_text(rope, n) == text {
                last = Some(n);
            }
            stack.extend(n.children(&mut cursor));
        }
        last.unwrap_or_else(|| panic!("no {kind} `{text}`"))
    }

    #[test]
    fn value_matches_follows_a_name_to_its_binding() {
        let src = "function f(id) {\n  const sql = `SELECT * FROM t WHERE id = ${id}`;\n  const other = 'x';\n  db.query(sql);\n  db.query(other);\n}\n";
        let tree = parse_str(src, &Language::JavaScript.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let select = Regex::new("SELECT").unwrap();
        let sql = find(&tree, &rope, "identifier", "sql");
        let other = find(&tree, &rope, "identifier", "other");
        assert!(value_matches(&rope, sql, Language::JavaScript, &select));
        assert!(!value_matches(&rope, other, Language::JavaScript, &select));
    }

    #[test]
    fn new_predicates_parse_and_reject_bad_arguments() {
        let grammar = Language::JavaScript.grammar().unwrap();
        let query = Query::new(
            &grammar,
            "((identifier) @x (#from-input? @x \"^req\") (#value-matches? @x \"a\") (#not-value-matches? @x \"c\") (#not-file-contains? \"b\"))",
        )
        .unwrap();
        for predicate in query.general_predicates(0) {
            assert!(parse_predicate(&predicate.operator, &predicate.args).is_ok());
        }
        let bad = Query::new(&grammar, "((identifier) @x (#value-matches? @x \"(\"))").unwrap();
        let predicate = &bad.general_predicates(0)[0];
        assert!(parse_predicate(&predicate.operator, &predicate.args).is_err());
    }

    #[test]
    fn a_value_checked_by_a_call_first_is_guarded() {
        let src = "function a(req, res) {\n  if (isSafe(req.query.next)) {\n    res.redirect(req.query.next);\n  }\n}\nfunction b(req, res) {\n  const url = req.query.url;\n  if (!allowed.includes(url)) return res.sendStatus(400);\n  fetch(url);\n}\nfunction c(req, res) {\n  if (allowed.has(req.query.to)) return res.redirect(req.query.to);\n  if (req.query.to !== undefined) {\n    res.redirect(req.query.to);\n  }\n  if (fs.existsSync(target)) {\n    res.sendFile(target);\n  }\n}\n";
        let tree = parse_str(src, &Language::JavaScript.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        // The node spelled `text` whose text starts at the last occurrence of `before`+`text`.
        let last = |before: &str, text: &str| {
            let start = src.rfind(&format!("{before}{text}")).unwrap() + before.len();
            let node = tree
                .root_node()
                .descendant_for_byte_range(start, start + text.len())
                .unwrap();
            assert_eq!(node_text(&rope, node), text);
            node
        };
        assert!(is_guarded(&rope, last("redirect(", "req.query.next")));
        assert!(is_guarded(&rope, last("fetch(", "url")));
        assert!(!is_guarded(&rope, last("redirect(", "req.query.to")));
        assert!(!is_guarded(&rope, last("sendFile(", "target")));
    }

    #[test]
    fn from_input_sees_destructured_request_fields() {
        let src = "app.get('/f', (req, res) => {\n  const { file } = req.query;\n  res.sendFile(file);\n  const name = 'fixed';\n  res.sendFile(name);\n});\n";
        let tree = parse_str(src, &Language::JavaScript.grammar().unwrap()).unwrap();
        let rope = Rope::from_str(src);
        let file = find(&tree, &rope, "identifier", "file");
        let name = find(&tree, &rope, "identifier", "name");
        assert_eq!(
            input_source(&rope, file, Language::JavaScript).as_deref(),
            Some("req.query")
        );
        assert_eq!(input_source(&rope, name, Language::JavaScript), None);
        assert!(!is_constant(&rope, file, Language::JavaScript));
    }
}
