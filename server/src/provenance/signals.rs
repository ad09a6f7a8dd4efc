//! The content signals that raise a pasted region to *ai-likely*, and their weights: the one
//! table, [`SIGNALS`]. A region's score combines the weights of the signals it shows as a
//! noisy-or (`1 − Π(1 − wᵢ)`), so one strong signal or two moderate ones cross
//! [`AI_LIKELY_THRESHOLD`], and no pile of weak ones reaches 1.
//!
//! The weights were set on the evaluation in `docs/ledger.md` (typed, pasted human code, and
//! assistant-written code) to keep human code below the threshold first (precision), and to
//! catch as much assistant output as that allows.

use crate::language::Language;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One content signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    pub id: &'static str,
    pub weight: f32,
    /// Shown to the developer in the diagnostic ("looks assistant-written: …").
    pub describes: &'static str,
}

/// Every signal and its weight. Keep this the only place weights live.
pub const SIGNALS: &[Signal] = &[
    // Assistant residue: text that only a chat answer carries.
    Signal {
        id: "markdown-fence",
        weight: 0.65,
        describes: "a markdown code fence",
    },
    Signal {
        id: "chat-prose",
        weight: 0.6,
        describes: "chat prose outside any comment (\"Here's a script that…\")",
    },
    Signal {
        id: "chat-comment",
        weight: 0.35,
        describes: "chat-style comments (\"Example usage\", \"Make sure to replace…\")",
    },
    Signal {
        id: "step-comments",
        weight: 0.3,
        describes: "numbered step comments (\"Step 1:\")",
    },
    Signal {
        id: "success-print",
        weight: 0.25,
        describes: "demo output (`print(\"… successfully!\")`)",
    },
    // Placeholders an assistant leaves for the developer to fill in.
    Signal {
        id: "placeholder",
        weight: 0.4,
        describes: "placeholder values (`your_api_key`, `example.com`, `TODO: implement`)",
    },
    // Style that breaks from the rest of the file.
    Signal {
        id: "indent-break",
        weight: 0.15,
        describes: "an indent width unlike the rest of the file",
    },
    Signal {
        id: "quote-break",
        weight: 0.1,
        describes: "a quote style unlike the rest of the file",
    },
    Signal {
        id: "naming-break",
        weight: 0.15,
        describes: "a naming case unlike the rest of the file",
    },
    Signal {
        id: "comment-density",
        weight: 0.25,
        describes: "far more comments than the rest of the file",
    },
    // Supply chain: what the block pulls in.
    Signal {
        id: "undeclared-import",
        weight: 0.2,
        describes: "imports of packages no manifest declares",
    },
];

/// A region whose score reaches this is *ai-likely*.
pub const AI_LIKELY_THRESHOLD: f32 = 0.5;

/// The weight of a signal id (0 for an unknown id).
pub fn weight(id: &str) -> f32 {
    SIGNALS
        .iter()
        .find(|s| s.id == id)
        .map_or(0.0, |s| s.weight)
}

/// The noisy-or score of a set of signal ids.
pub fn score(ids: &[&str]) -> f32 {
    1.0 - ids.iter().map(|id| 1.0 - weight(id)).product::<f32>()
}

fn signal(id: &str) -> &'static Signal {
    SIGNALS
        .iter()
        .find(|s| s.id == id)
        .expect("every detector names a signal of the table")
}

/// The signals a pasted text shows, judged against the rest of the file.
pub fn detect(pasted: &str, rest: &str, language: Language) -> Vec<&'static Signal> {
    let mut found = Vec::new();
    let lines: Vec<(&str, LineKind)> = classify(pasted, language);
    // Fences inside a block comment or docstring are documentation (Rust `/*! ``` */`); only a
    // fence in the open is what a chat answer leaves.
    if lines
        .iter()
        .any(|(l, k)| *k == LineKind::Code && FENCE.is_match(l))
    {
        found.push(signal("markdown-fence"));
    }
    if lines
        .iter()
        .any(|(l, k)| *k == LineKind::Code && is_prose(l))
    {
        found.push(signal("chat-prose"));
    }
    if lines
        .iter()
        .any(|(l, k)| *k == LineKind::Comment && CHAT_COMMENT.is_match(l))
    {
        found.push(signal("chat-comment"));
    }
    if lines
        .iter()
        .filter(|(l, k)| *k == LineKind::Comment && STEP.is_match(l))
        .count()
        >= 2
    {
        found.push(signal("step-comments"));
    }
    if lines
        .iter()
        .any(|(l, k)| *k == LineKind::Code && SUCCESS.is_match(l))
    {
        found.push(signal("success-print"));
    }
    if PLACEHOLDER.is_match(pasted) {
        found.push(signal("placeholder"));
    }
    let mine = Style::of(pasted, language);
    let theirs = Style::of(rest, language);
    if let (Some(a), Some(b)) = (mine.indent_unit, theirs.indent_unit) {
        if a != b {
            found.push(signal("indent-break"));
        }
    }
    if let (Some(a), Some(b)) = (mine.quote, theirs.quote) {
        if a != b {
            found.push(signal("quote-break"));
        }
    }
    if let (Some(a), Some(b)) = (mine.naming, theirs.naming) {
        if a != b {
            found.push(signal("naming-break"));
        }
    }
    // Assistants comment every step. Compare with the file, or with a typical density when
    // the file has too little code of its own to judge.
    let baseline = if theirs.code_lines >= 10 {
        theirs.comment_density()
    } else {
        0.12
    };
    let density = mine.comment_density();
    if mine.code_lines >= 4 && density >= 0.3 && density >= 2.0 * baseline + 0.1 {
        found.push(signal("comment-density"));
    }
    found
}

/// What a line of pasted text is, as far as a line-level scan can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Code,
    /// A line comment.
    Comment,
    /// Inside (or opening or closing) a block comment or a triple-quoted string.
    Block,
}

/// Classifies lines, following block comments (`/* */`) and, in Python, triple-quoted strings.
fn classify(text: &str, language: Language) -> Vec<(&str, LineKind)> {
    let comment = language.line_comment().unwrap_or("#");
    let mut in_block: Option<&'static str> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(close) = in_block {
            if trimmed.contains(close) {
                in_block = None;
            }
            out.push((line, LineKind::Block));
            continue;
        }
        if trimmed.is_empty() {
            out.push((line, LineKind::Blank));
            continue;
        }
        if trimmed.starts_with(comment)
            || (language != Language::Python && trimmed.starts_with("* "))
        {
            out.push((line, LineKind::Comment));
            continue;
        }
        let openers: &[(&str, &'static str)] = if language == Language::Python {
            &[("\"\"\"", "\"\"\""), ("\'\'\'", "\'\'\'")]
        } else {
            &[("/*", "*/")]
        };
        let mut kind = LineKind::Code;
        for (open, close) in openers {
            if let Some(at) = trimmed.find(open) {
                let after = &trimmed[at + open.len()..];
                if !after.contains(close) {
                    in_block = Some(close);
                }
                if at == 0 {
                    kind = LineKind::Block;
                }
                break;
            }
        }
        out.push((line, kind));
    }
    out
}

static FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}```[\w+#.-]*\s*$").expect("valid regex"));

static CHAT_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:#+|//+|/\*+|--)\s*(?:here(?:'s| is)\b|example usage|usage example|make sure (?:to|you)\b|replace (?:this|these|the|with)\b.*\byour\b|you can (?:now |also )?(?:use|run|replace|call|adjust|modify|customi[sz]e|add)\b|feel free to\b|in this (?:example|snippet)\b|this (?:code|script|snippet|example) (?:will|does|shows|demonstrates)\b|let me know\b|hope this helps|optional:|add your .* here)",
    )
    .expect("valid regex")
});

static SUCCESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:print|console\.log|println!|eprintln!|logger\.info)\s*\(.*\b(?:successfully|success!)"#)
        .expect("valid regex")
});

/// A line of chat prose where code should be: a sentence starting with a capital letter, of
/// five words or more, of letters and spaces, ending like a sentence or an introduction.
fn is_prose(line: &str) -> bool {
    let t = line.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !first.is_ascii_uppercase() || t.contains('=') || t.contains(';') {
        return false;
    }
    if !(t.ends_with(':') || t.ends_with('.') || t.ends_with('!')) {
        return false;
    }
    let words = t.split_whitespace().count();
    let letters = t
        .chars()
        .filter(|c| {
            c.is_alphabetic()
                || c.is_whitespace()
                || matches!(c, ',' | '\'' | '`' | '.' | ':' | '!' | '-')
        })
        .count();
    words >= 5 && letters * 100 >= t.chars().count() * 90
}

static STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:#|//|--)\s*(?:step\s*\d+\s*[:.)-]|\d+\.\s+[A-Z][a-z]+)")
        .expect("valid regex")
});

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\byour[_-](?:api[_-]?key|token|secret|password|username|user|key|domain|project(?:[_-]id)?|bucket|db|database|host|email|client[_-]id|app|access[_-]key|secret[_-]key|endpoint|region|jwt[_-]secret|app[_-]password)\b|\bYOUR_[A-Z_]{3,}|<your[-_ ][^>]{2,40}>|["'/@.]example\.(?:com|org|net)\b|\bTODO:?\s*(?:implement|add your|replace|fill in)|\breplace (?:this )?with your\b|\byour[-_a-z]*[-_](?:here|name)\b|\b(?:path/to/|/path/to/)"#,
    )
    .expect("valid regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    Snake,
    Camel,
}

/// The measurable habits of a piece of code.
#[derive(Debug, Default)]
struct Style {
    /// The usual indent step: `Some(0)` for tabs, `Some(n)` for n spaces.
    indent_unit: Option<usize>,
    /// The dominant string quote, when one clearly dominates.
    quote: Option<char>,
    naming: Option<Naming>,
    code_lines: usize,
    comment_lines: usize,
}

static SNAKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b").expect("valid regex"));
static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+\b").expect("valid regex"));

impl Style {
    fn of(text: &str, language: Language) -> Style {
        let comment = language.line_comment().unwrap_or("#");
        let mut style = Style::default();
        let mut steps: HashMap<usize, usize> = HashMap::new();
        let mut tabs = 0;
        let mut previous = 0usize;
        let (mut double, mut single) = (0usize, 0usize);
        let (mut snake, mut camel) = (0usize, 0usize);
        for line in text.lines() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() {
                continue;
            }
            let is_comment = trimmed.starts_with(comment)
                || trimmed.starts_with("/*")
                || trimmed.starts_with("* ")
                || trimmed.starts_with("\"\"\"");
            if is_comment {
                style.comment_lines += 1;
            } else {
                style.code_lines += 1;
            }
            let leading = &line[..line.len() - trimmed.len()];
            if leading.starts_with('\t') {
                tabs += 1;
            } else {
                let width = leading.len();
                if width > previous {
                    *steps.entry(width - previous).or_insert(0) += 1;
                }
                previous = width;
            }
            if is_comment {
                continue;
            }
            double += trimmed.matches('"').count();
            single += trimmed.matches('\'').count();
            snake += SNAKE.find_iter(trimmed).count();
            camel += CAMEL.find_iter(trimmed).count();
        }
        let spaced: usize = steps.values().sum();
        if tabs >= 3 && tabs > spaced {
            style.indent_unit = Some(0);
        } else if spaced >= 3 {
            style.indent_unit = steps
                .iter()
                .max_by_key(|(step, count)| (**count, usize::MAX - **step))
                .map(|(step, _)| *step);
        }
        // Rust's single quotes are lifetimes and chars, not a string style.
        if language != Language::Rust && double + single >= 6 {
            if double * 10 >= (double + single) * 8 {
                style.quote = Some('"');
            } else if single * 10 >= (double + single) * 8 {
                style.quote = Some('\'');
            }
        }
        if snake + camel >= 4 {
            if snake * 10 >= (snake + camel) * 8 {
                style.naming = Some(Naming::Snake);
            } else if camel * 10 >= (snake + camel) * 8 {
                style.naming = Some(Naming::Camel);
            }
        }
        style
    }

    fn comment_density(&self) -> f32 {
        let total = self.code_lines + self.comment_lines;
        if total == 0 {
            0.0
        } else {
            self.comment_lines as f32 / total as f32
        }
    }
}

/// Packages a text imports (the first segment of each module path), relative imports and the
/// language's own standard names left out.
pub fn imports(text: &str, language: Language) -> Vec<String> {
    static PY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^\s*(?:from\s+([A-Za-z_][\w.]*)\s+import\b|import\s+([A-Za-z_][\w.]*))")
            .expect("valid regex")
    });
    static JS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\s]+)["']"#)
            .expect("valid regex")
    });
    static RS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^\s*(?:pub\s+)?(?:use\s+:?:?([A-Za-z_]\w*)::|extern\s+crate\s+([A-Za-z_]\w*))",
        )
        .expect("valid regex")
    });
    let mut found: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    };
    match language {
        Language::Python => {
            for caps in PY.captures_iter(text) {
                let module = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
                add(module.split('.').next().unwrap_or("").to_string());
            }
        }
        Language::Rust => {
            for caps in RS.captures_iter(text) {
                let name = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
                if !matches!(name, "std" | "core" | "alloc" | "crate" | "self" | "super") {
                    add(name.to_string());
                }
            }
        }
        Language::PlainText => {}
        _ => {
            for caps in JS.captures_iter(text) {
                let spec = &caps[1];
                if spec.starts_with('.') || spec.starts_with('/') || spec.starts_with("node:") {
                    continue;
                }
                let mut parts = spec.split('/');
                let first = parts.next().unwrap_or("");
                let name = if first.starts_with('@') {
                    format!("{first}/{}", parts.next().unwrap_or(""))
                } else {
                    first.to_string()
                };
                add(name);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(pasted: &str, rest: &str, language: Language) -> Vec<&'static str> {
        detect(pasted, rest, language)
            .iter()
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn every_signal_has_a_weight_and_scores_combine() {
        for s in SIGNALS {
            assert!(s.weight > 0.0 && s.weight < 1.0, "{}", s.id);
        }
        assert!(score(&["markdown-fence"]) >= AI_LIKELY_THRESHOLD);
        assert!(score(&["indent-break", "quote-break"]) < AI_LIKELY_THRESHOLD);
        assert!(score(&["chat-comment", "placeholder"]) >= AI_LIKELY_THRESHOLD);
        assert_eq!(score(&[]), 0.0);
    }

    #[test]
    fn residue_and_placeholders_are_found() {
        let text = "```python\nimport requests\n\n# Here's how to call the API\nAPI_KEY = \"your_api_key\"\nr = requests.get(\"https://api.example.com/v1\")\n```\n";
        let found = ids(text, "", Language::Python);
        assert!(found.contains(&"markdown-fence"), "{found:?}");
        assert!(found.contains(&"chat-comment"), "{found:?}");
        assert!(found.contains(&"placeholder"), "{found:?}");
        // Near misses: words that merely contain the phrases, and documentation that humans
        // write too (a fence inside a doc comment, "Note that" in a docstring).
        let plain = "def where(x):\n    there = x\n    return there\n";
        assert!(ids(plain, "", Language::Python).is_empty());
        let docs = "/*!\n```rust\nlet x = 1;\n```\n*/\nfn a() {}\n";
        assert!(ids(docs, "", Language::Rust).is_empty());
        let docstring = "def f():\n    \"\"\"Do it.\n\n    Note that this is slow.\n    \"\"\"\n";
        assert!(ids(docstring, "", Language::Python).is_empty());
        // A whole chat answer: prose where code should be.
        let answer = "Here is a small helper that reads the file for you:\ndef f():\n    pass\n";
        assert_eq!(ids(answer, "", Language::Python), ["chat-prose"]);
    }

    #[test]
    fn style_breaks_against_the_file() {
        let rest = "def a_one(x):\n\tif x:\n\t\treturn 'a'\n\treturn 'b'\n\ndef b_two(y):\n\tif y:\n\t\treturn 'c'\n\treturn 'd'\n\nmax_size = base_size + extra_size\n";
        let pasted = "def someThing(fooBar):\n    if fooBar:\n        return \"x\"\n    elif barBaz:\n        return \"y\"\n    return \"z\"\n";
        let found = ids(pasted, rest, Language::Python);
        assert!(found.contains(&"indent-break"), "{found:?}");
        assert!(found.contains(&"quote-break"), "{found:?}");
        assert!(found.contains(&"naming-break"), "{found:?}");
        // The same code pasted into a file written the same way breaks nothing.
        assert!(ids(pasted, pasted, Language::Python).is_empty());
    }

    #[test]
    fn imports_by_language() {
        assert_eq!(
            imports(
                "import os.path\nfrom requests import get\nfrom . import x\n",
                Language::Python
            ),
            ["os", "requests"]
        );
        assert_eq!(
            imports("import a from 'left-pad';\nconst b = require(\"@scope/pkg/sub\");\nimport './local';\n", Language::JavaScript),
            ["left-pad", "@scope/pkg"]
        );
        assert_eq!(
            imports(
                "use std::io;\nuse serde::Deserialize;\nextern crate rand;\n",
                Language::Rust
            ),
            ["serde", "rand"]
        );
    }
}
