//! Open documents: rope, syntax tree, version and language, and the in-order application of
//! content changes (rope edit, `tree.edit()`, incremental reparse over the rope's chunks).

pub mod encoding;

pub use encoding::{LineCol, PositionEncoding};

use crate::analysis::Finding;
use crate::language::Language;
use ropey::Rope;
use std::ops::{ControlFlow, Range};
use std::time::{Duration, Instant};
use tree_sitter::{InputEdit, Parser, Point, Tree};

/// How long one parse may take before we give up and fall back to the text-only checks.
/// Pathological inputs (megabyte-long lines, deeply nested generated code) stay responsive.
pub const PARSE_BUDGET: Duration = Duration::from_millis(750);

/// The shape of one applied change, in the coordinates of the text it applied to:
/// bytes `start..old_end` were replaced by `inserted_len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditShape {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl EditShape {
    pub fn delta(&self) -> isize {
        self.new_end as isize - self.old_end as isize
    }

    /// Maps an offset of the old text to the new text; offsets inside the replaced range map
    /// to the end of the inserted text.
    pub fn map(&self, offset: usize) -> usize {
        if offset <= self.start {
            offset
        } else if offset >= self.old_end {
            offset.saturating_add_signed(self.delta())
        } else {
            self.new_end
        }
    }
}

/// Why a document has no syntax tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseStatus {
    Parsed,
    /// The language has no grammar: text checks only.
    PlainText,
    /// The parse exceeded [`PARSE_BUDGET`]: text checks only until the next successful parse.
    TimedOut,
    /// The content has NUL bytes: nothing is analysed.
    Binary,
}

/// One open document.
#[derive(Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language: Language,
    pub tree: Option<Tree>,
    pub status: ParseStatus,
    /// Byte ranges (current coordinates) that changed since the findings were last computed.
    pub dirty: Vec<Range<usize>>,
    /// True when the whole document must be analysed (open, config change, failed parse).
    pub dirty_all: bool,
    /// Findings of the last accepted analysis, shifted through every edit since.
    pub findings: Vec<Finding>,
    /// Pasted regions, tracked through every edit (updated by the server's change handler).
    pub provenance: crate::provenance::Provenance,
    /// True when `tree` has been told about edits (`Tree::edit`) but not reparsed yet: a burst
    /// of changes costs one incremental parse, when the next snapshot needs the tree, instead
    /// of one per keystroke (a Python edit that opens a syntax error can cost 10–50 ms to
    /// reparse). Call [`Document::ensure_parsed`] before reading `tree`.
    pub parse_pending: bool,
}

/// The outcome of applying one content change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub shape: EditShape,
    /// True when the client's range pointed outside the document and was clamped.
    pub clamped: bool,
}

impl Document {
    /// Creates a document and parses it fully (within the parse budget).
    pub fn new(text: &str, version: i32, language: Language) -> Document {
        let rope = Rope::from_str(text);
        let mut doc = Document {
            rope,
            version,
            language,
            tree: None,
            status: ParseStatus::PlainText,
            dirty: Vec::new(),
            dirty_all: true,
            findings: Vec::new(),
            provenance: crate::provenance::Provenance::default(),
            parse_pending: false,
        };
        if text.contains('\0') {
            tracing::info!("document contains NUL bytes; treating it as binary and skipping it");
            doc.status = ParseStatus::Binary;
            return doc;
        }
        doc.reparse(None);
        doc
    }

    /// Replaces the whole text (a change without a range).
    pub fn replace_all(&mut self, text: &str, version: i32) -> Applied {
        let old_len = self.rope.len_bytes();
        self.rope = Rope::from_str(text);
        self.version = version;
        self.tree = None;
        self.findings.clear();
        self.provenance.reset();
        self.dirty.clear();
        self.dirty_all = true;
        if text.contains('\0') {
            tracing::info!("document now contains NUL bytes; skipping it");
            self.status = ParseStatus::Binary;
        } else {
            self.reparse(None);
        }
        Applied {
            shape: EditShape {
                start: 0,
                old_end: old_len,
                new_end: text.len(),
            },
            clamped: false,
        }
    }

    /// Applies one ranged change: positions are converted with `encoding` (clamped when out of
    /// bounds), the rope is edited, the tree is told about the edit and reparsed incrementally,
    /// cached findings are shifted and the changed range is marked dirty.
    pub fn apply_change(
        &mut self,
        start: LineCol,
        end: LineCol,
        new_text: &str,
        version: i32,
        encoding: PositionEncoding,
    ) -> Applied {
        let start_r = encoding.to_byte(&self.rope, start);
        let end_r = encoding.to_byte(&self.rope, end);
        let clamped = start_r.clamped || end_r.clamped;
        let (start_byte, old_end_byte) = if start_r.byte <= end_r.byte {
            (start_r.byte, end_r.byte)
        } else {
            (end_r.byte, start_r.byte)
        };
        let shape = EditShape {
            start: start_byte,
            old_end: old_end_byte,
            new_end: start_byte + new_text.len(),
        };
        let start_position = byte_to_point(&self.rope, start_byte);
        let old_end_position = byte_to_point(&self.rope, old_end_byte);

        let start_char = self.rope.byte_to_char(start_byte);
        let old_end_char = self.rope.byte_to_char(old_end_byte);
        self.rope.remove(start_char..old_end_char);
        self.rope.insert(start_char, new_text);
        self.version = version;

        let new_end_position = byte_to_point(&self.rope, shape.new_end);
        self.shift_state(&shape);

        if new_text.contains('\0') || self.status == ParseStatus::Binary {
            if self.status != ParseStatus::Binary {
                tracing::info!("document now contains NUL bytes; skipping it");
            }
            self.status = if self.rope.chars().any(|c| c == '\0') {
                ParseStatus::Binary
            } else {
                self.dirty_all = true;
                ParseStatus::PlainText
            };
            self.tree = None;
            if self.status != ParseStatus::Binary {
                self.reparse(None);
            }
            return Applied { shape, clamped };
        }

        match self.tree.as_mut() {
            Some(tree) => {
                // Tell the tree now (edits must be applied in order), parse later.
                tree.edit(&InputEdit {
                    start_byte,
                    old_end_byte,
                    new_end_byte: shape.new_end,
                    start_position,
                    old_end_position,
                    new_end_position,
                });
                self.parse_pending = true;
            }
            None => {
                // A previous parse timed out (or there is no grammar): try a full parse again.
                if self.status == ParseStatus::TimedOut {
                    self.dirty_all = true;
                }
                self.reparse(None);
            }
        }
        Applied { shape, clamped }
    }

    /// Runs the incremental parse that edits since the last one are waiting for (marking the
    /// tree's changed ranges dirty). Cheap when nothing is pending.
    pub fn ensure_parsed(&mut self) {
        if !self.parse_pending {
            return;
        }
        let edited = self.tree.take();
        self.reparse(edited);
    }

    /// Reparses the document, incrementally when `edited_old` is the previous tree after
    /// `Tree::edit`. Marks the tree's changed ranges dirty.
    fn reparse(&mut self, edited_old: Option<Tree>) {
        self.parse_pending = false;
        let Some(grammar) = self.language.grammar() else {
            self.status = ParseStatus::PlainText;
            return;
        };
        let started = Instant::now();
        let parsed = parse_rope(&self.rope, &grammar, edited_old.as_ref());
        tracing::debug!(
            "{} parse of {} bytes in {:?}",
            if edited_old.is_some() {
                "incremental"
            } else {
                "full"
            },
            self.rope.len_bytes(),
            started.elapsed()
        );
        match parsed {
            Some(tree) => {
                if let Some(old) = &edited_old {
                    for range in old.changed_ranges(&tree) {
                        self.dirty.push(range.start_byte..range.end_byte);
                    }
                } else {
                    self.dirty_all = true;
                }
                self.tree = Some(tree);
                self.status = ParseStatus::Parsed;
            }
            None => {
                tracing::warn!(
                    "parse exceeded {:?}; falling back to text-only checks",
                    PARSE_BUDGET
                );
                self.tree = None;
                self.status = ParseStatus::TimedOut;
                self.dirty_all = true;
            }
        }
    }

    /// Shifts cached findings and dirty ranges through an edit; findings the edit touched are
    /// dropped (their region is re-analysed), and the edited range becomes dirty.
    fn shift_state(&mut self, shape: &EditShape) {
        let delta = shape.delta();
        self.findings.retain_mut(|f| {
            if f.range.end < shape.start {
                true
            } else if f.range.start > shape.old_end {
                f.shift(delta);
                true
            } else {
                false
            }
        });
        for range in &mut self.dirty {
            *range = shape.map(range.start)..shape.map(range.end);
        }
        self.dirty.push(shape.start..shape.new_end);
    }

    /// The whole text as a `String` (used by full analyses and tests, never per keystroke).
    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// Converts a byte offset to a tree-sitter point (row, byte column).
pub fn byte_to_point(rope: &Rope, byte: usize) -> Point {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    Point {
        row: line,
        column: byte - rope.line_to_byte(line),
    }
}

/// Parses a rope by reading its chunks (no full-text copy), giving up after [`PARSE_BUDGET`].
pub fn parse_rope(
    rope: &Rope,
    grammar: &tree_sitter::Language,
    old: Option<&Tree>,
) -> Option<Tree> {
    let mut parser = Parser::new();
    parser.set_language(grammar).ok()?;
    let started = Instant::now();
    let mut progress = |_: &tree_sitter::ParseState| {
        if started.elapsed() > PARSE_BUDGET {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let len = rope.len_bytes();
    let mut read = |byte: usize, _: Point| -> &[u8] {
        if byte >= len {
            return &[];
        }
        let (chunk, chunk_start, _, _) = rope.chunk_at_byte(byte);
        &chunk.as_bytes()[byte - chunk_start..]
    };
    parser.parse_with_options(&mut read, old, Some(options))
}

/// Parses a string (the CLI path), within the same budget.
pub fn parse_str(text: &str, grammar: &tree_sitter::Language) -> Option<Tree> {
    let mut parser = Parser::new();
    parser.set_language(grammar).ok()?;
    let started = Instant::now();
    let mut progress = |_: &tree_sitter::ParseState| {
        if started.elapsed() > PARSE_BUDGET {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
    let bytes = text.as_bytes();
    let mut read = |byte: usize, _: Point| -> &[u8] { bytes.get(byte..).unwrap_or(&[]) };
    parser.parse_with_options(&mut read, None, Some(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, character: u32) -> LineCol {
        LineCol { line, character }
    }

    #[test]
    fn incremental_edit_matches_a_fresh_parse() {
        let mut doc = Document::new("x = 1\nprint(x)\n", 1, Language::Python);
        doc.apply_change(lc(0, 4), lc(0, 5), "'a' + 'b'", 2, PositionEncoding::Utf16);
        assert!(doc.parse_pending, "the parse waits for a reader");
        doc.ensure_parsed();
        assert!(!doc.parse_pending);
        assert_eq!(doc.text(), "x = 'a' + 'b'\nprint(x)\n");
        let fresh = parse_str(&doc.text(), &Language::Python.grammar().unwrap()).unwrap();
        assert_eq!(
            doc.tree.as_ref().unwrap().root_node().to_sexp(),
            fresh.root_node().to_sexp()
        );
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn out_of_range_changes_are_clamped_not_panics() {
        let mut doc = Document::new("abc", 1, Language::Python);
        let applied = doc.apply_change(lc(5, 0), lc(9, 9), "\nz", 2, PositionEncoding::Utf16);
        assert!(applied.clamped);
        assert_eq!(doc.text(), "abc\nz");
        // A reversed range is normalised.
        doc.apply_change(lc(0, 3), lc(0, 1), "", 3, PositionEncoding::Utf16);
        assert_eq!(doc.text(), "a\nz");
    }

    #[test]
    fn nul_bytes_mark_the_document_binary() {
        let doc = Document::new("a\0b", 1, Language::Python);
        assert_eq!(doc.status, ParseStatus::Binary);
        assert!(doc.tree.is_none());
    }

    #[test]
    fn plain_text_has_no_tree() {
        let doc = Document::new("KEY=value", 1, Language::PlainText);
        assert_eq!(doc.status, ParseStatus::PlainText);
    }

    #[test]
    fn edit_shape_maps_offsets() {
        let shape = EditShape {
            start: 5,
            old_end: 8,
            new_end: 10,
        };
        assert_eq!(shape.map(3), 3);
        assert_eq!(shape.map(9), 11);
        assert_eq!(shape.map(6), 10);
    }
}
