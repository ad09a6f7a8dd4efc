//! The rule registry: metadata and explanation for every rule id, loaded once from the files
//! embedded at build time (`queries/rules/<id>.toml`) and from the code-defined families
//! (secret detectors, supply-chain checks, provenance).

pub mod meta;

pub use meta::{Explanation, FixSpec, RuleMeta};

use std::collections::HashMap;
use std::sync::LazyLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_queries.rs"));
}

/// The docs base URL used when configuration does not set one.
pub const DEFAULT_DOCS_BASE: &str = "https://github.com/vigil-ls/vigil-ls/blob/main/docs/rules.md";

/// Every rule, with the problems found while loading (empty in a healthy build; a test
/// asserts that).
pub struct Registry {
    rules: Vec<RuleMeta>,
    by_id: HashMap<String, usize>,
    pub problems: Vec<String>,
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(load);

/// The process-wide registry.
pub fn registry() -> &'static Registry {
    &REGISTRY
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<&RuleMeta> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    pub fn all(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// The ids closest to `unknown` by edit distance (for "did you mean").
    pub fn suggest(&self, unknown: &str) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .rules
            .iter()
            .map(|r| (strsim::jaro_winkler(unknown, &r.id), r.id.as_str()))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, id)| id.to_string())
            .collect()
    }
}

/// The query files for a language directory name (`python`, `javascript`, `typescript`,
/// `rust`): (rule id, source).
pub fn query_files(directory: &str) -> Vec<(&'static str, &'static str)> {
    let prefix = format!("{directory}/");
    embedded::EMBEDDED
        .iter()
        .filter_map(|(path, source)| {
            let rest = path.strip_prefix(&prefix)?;
            let id = rest.strip_suffix(".scm")?;
            (!id.contains('/')).then_some((id, *source))
        })
        .collect()
}

/// The link to a rule's documentation under `base`.
pub fn docs_url(base: &str, id: &str) -> String {
    format!("{}#{}", base.trim_end_matches('#'), id)
}

/// The whole explanation as markdown: hover, `vigil explain` and SARIF `help`.
pub fn explanation_markdown(rule: &RuleMeta) -> String {
    let e = &rule.explanation;
    let mut text = format!(
        "### {} (`{}`)\n\n**Decision.** {}\n\n**Attacker's view.** {}\n\n**Safer default.** {}\n\n**Fix.** {}\n",
        rule.title, rule.id, e.decision, e.attacker, e.safer_default, e.fix
    );
    let mut refs: Vec<String> = rule.cwe.clone();
    refs.extend(rule.owasp.iter().cloned());
    refs.extend(e.references.iter().cloned());
    if !refs.is_empty() {
        text.push_str("\n**References.** ");
        text.push_str(&refs.join(" · "));
        text.push('\n');
    }
    text
}

/// The whole explanation as plain text for a terminal.
pub fn explanation_text(rule: &RuleMeta) -> String {
    let e = &rule.explanation;
    let mut text = format!(
        "{} ({})\nseverity: {}  category: {}  cwe: {}  languages: {}\n\nDecision\n  {}\n\nAttacker's view\n  {}\n\nSafer default\n  {}\n\nFix\n  {}\n",
        rule.title,
        rule.id,
        rule.severity.as_str(),
        rule.category,
        rule.cwe.join(", "),
        display_languages(&rule.languages, ", "),
        e.decision,
        e.attacker,
        e.safer_default,
        e.fix
    );
    let mut refs: Vec<String> = rule.owasp.clone();
    refs.extend(e.references.iter().cloned());
    if !refs.is_empty() {
        text.push_str("\nReferences\n");
        for r in refs {
            text.push_str(&format!("  {r}\n"));
        }
    }
    text
}

fn load() -> Registry {
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    for (path, source) in embedded::EMBEDDED {
        let Some(stem) = path
            .strip_prefix("rules/")
            .and_then(|p| p.strip_suffix(".toml"))
        else {
            continue;
        };
        match toml::from_str::<RuleMeta>(source) {
            Ok(rule) if rule.id == stem => rules.push(rule),
            Ok(rule) => problems.push(format!(
                "queries/{path}: id `{}` does not match the file stem `{stem}`",
                rule.id
            )),
            Err(err) => problems.push(format!("queries/{path}: {err}")),
        }
    }
    rules.extend(code_defined_rules());
    let mut by_id = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if by_id.insert(rule.id.clone(), i).is_some() {
            problems.push(format!("rule id `{}` is defined twice", rule.id));
        }
    }
    for problem in &problems {
        tracing::error!("rule registry: {problem}");
    }
    Registry {
        rules,
        by_id,
        problems,
    }
}

/// Rules defined in code rather than in `queries/rules/`.
fn code_defined_rules() -> Vec<RuleMeta> {
    let mut rules = crate::secrets::rules();
    rules.extend(crate::supply::rules());
    rules.extend(crate::provenance::rules());
    rules
}

/// The rule index as markdown: `docs/rules.md` is this text (a test fails when it drifts;
/// regenerate with `vigil rules --markdown > docs/rules.md`).
pub fn index_markdown() -> String {
    let mut rules: Vec<&RuleMeta> = registry().all().iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::from(
        "# Rule index\n\nGenerated by `vigil rules --markdown`; do not edit by hand.\n\n| id | languages | severity | CWE | decision |\n|---|---|---|---|---|\n",
    );
    for rule in &rules {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} | {} | {} |\n",
            display_languages(&rule.languages, ", "),
            rule.severity.as_str(),
            rule.cwe.join(", "),
            rule.explanation.decision.replace('|', "\\|"),
            id = rule.id
        ));
    }
    out.push('\n');
    for rule in &rules {
        out.push_str(&format!("<a id=\"{}\"></a>\n\n", rule.id));
        out.push_str(&explanation_markdown(rule));
        out.push('\n');
    }
    out
}

/// The languages a rule runs on, for people: the JavaScript rules also run on JSX, TypeScript
/// and TSX (they share the `javascript` queries), so the index says so.
pub fn display_languages(languages: &[String], separator: &str) -> String {
    let mut shown: Vec<&str> = languages.iter().map(String::as_str).collect();
    if shown.contains(&"javascript") && !shown.contains(&"typescript") {
        let at = shown.iter().position(|l| *l == "javascript").unwrap_or(0) + 1;
        shown.insert(at, "typescript");
    }
    shown.join(separator)
}
