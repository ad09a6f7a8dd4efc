//! The languages vigil-ls understands, by LSP languageId and by file extension.

use std::path::Path;

/// A document's language. Everything that is not one of the parsed languages is
/// [`Language::PlainText`]: secret and text checks still run there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    PlainText,
}

impl Language {
    /// The languages that have a tree-sitter grammar, in a fixed order.
    pub const PARSED: [Language; 5] = [
        Language::Rust,
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
    ];

    /// Maps an LSP `languageId` to a language; unknown ids are plain text.
    pub fn from_language_id(id: &str) -> Language {
        match id {
            "rust" => Language::Rust,
            "python" => Language::Python,
            "javascript" | "javascriptreact" | "jsx" => Language::JavaScript,
            "typescript" => Language::TypeScript,
            "typescriptreact" | "tsx" => Language::Tsx,
            _ => Language::PlainText,
        }
    }

    /// Maps a file name to a language by its extension; unknown extensions are plain text.
    pub fn from_path(path: &Path) -> Language {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match extension.as_str() {
            "rs" => Language::Rust,
            "py" | "pyw" | "pyi" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            _ => Language::PlainText,
        }
    }

    /// The name used in rule metadata (`languages = [...]`) and in `queries/<name>/`.
    /// TypeScript and TSX share the `typescript` rule set, which itself includes the
    /// JavaScript rules (see `rules::queries_for`).
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::PlainText => "text",
        }
    }

    /// The tree-sitter grammar, when the language has one.
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        match self {
            Language::Rust => Some(tree_sitter_rust::LANGUAGE.into()),
            Language::Python => Some(tree_sitter_python::LANGUAGE.into()),
            Language::JavaScript => Some(tree_sitter_javascript::LANGUAGE.into()),
            Language::TypeScript => Some(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            Language::Tsx => Some(tree_sitter_typescript::LANGUAGE_TSX.into()),
            Language::PlainText => None,
        }
    }

    /// The line-comment prefix used for suppression comments.
    pub fn line_comment(self) -> Option<&'static str> {
        match self {
            Language::Rust | Language::JavaScript | Language::TypeScript | Language::Tsx => {
                Some("//")
            }
            Language::Python => Some("#"),
            Language::PlainText => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_ids_and_extensions_agree() {
        let pairs = [
            ("rust", "a.rs"),
            ("python", "a.py"),
            ("javascript", "a.js"),
            ("javascriptreact", "a.jsx"),
            ("typescript", "a.ts"),
            ("typescriptreact", "a.tsx"),
        ];
        for (id, file) in pairs {
            assert_eq!(
                Language::from_language_id(id),
                Language::from_path(Path::new(file))
            );
        }
        assert_eq!(Language::from_language_id("yaml"), Language::PlainText);
        assert_eq!(Language::from_path(Path::new(".env")), Language::PlainText);
    }
}
