//! Property test for the document store: random sequences of ranged edits, in UTF-16 and
//! UTF-8 positions, over text with CRLF, lone CR, tabs, accents, CJK and characters outside the
//! BMP, must leave exactly the text an independent model computes, and a tree identical to a
//! fresh parse of that text. This is the proof that the incremental path (rope edit,
//! `tree.edit()`, incremental reparse from rope chunks) never drifts.

use proptest::prelude::*;
use vigil_ls::document::{parse_str, Document, LineCol, PositionEncoding};
use vigil_ls::language::Language;

/// Pieces texts are built from: code-ish tokens, every kind of line break, and characters
/// that are 1, 2, 3 and 4 bytes long (the last one two UTF-16 units).
const PIECES: &[&str] = &[
    "x",
    "y1",
    " ",
    "  ",
    "\t",
    "=",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ";",
    ",",
    ".",
    "'",
    "\"",
    "`",
    "+",
    "1",
    "42",
    "\n",
    "\r\n",
    "\r",
    "é",
    "中文",
    "😀",
    "def ",
    "fn ",
    "let ",
    "if ",
    "return ",
    "os.system(",
    "eval(",
    "#",
    "//",
    "/*",
    "*/",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// One edit: where it starts and ends (as fractions of the document, so they stay meaningful
/// as the text changes), what is inserted, and whether the client sends an out-of-range
/// position (past the last line, or past the end of a line).
#[derive(Debug, Clone)]
struct Edit {
    start: f64,
    end: f64,
    text: String,
    out_of_range: u8,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (0.0..=1.0f64, 0.0..=1.0f64, text_strategy(6), 0u8..10).prop_map(
        |(start, end, text, out_of_range)| Edit {
            start,
            end,
            text,
            out_of_range,
        },
    )
}

/// Lines of `text` as (start byte, end byte before the line break), with LF, CRLF and a lone
/// CR as breaks, and a final empty line after a trailing break: the model of an LSP document.
fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, bytes.len()));
    lines
}

fn unit_len(c: char, encoding: PositionEncoding) -> usize {
    match encoding {
        PositionEncoding::Utf8 => c.len_utf8(),
        PositionEncoding::Utf16 => c.len_utf16(),
        PositionEncoding::Utf32 => 1,
    }
}

/// The model's position of a byte offset (which must not split a character or a CRLF).
fn model_position(text: &str, byte: usize, encoding: PositionEncoding) -> LineCol {
    let lines = model_lines(text);
    let line = lines
        .iter()
        .rposition(|&(start, _)| start <= byte)
        .unwrap_or(0);
    let (start, _) = lines[line];
    let character = text[start..byte]
        .chars()
        .map(|c| unit_len(c, encoding))
        .sum::<usize>();
    LineCol {
        line: line as u32,
        character: character as u32,
    }
}

/// The model's byte offset of a client position: past the last line means the end of the
/// document; past the end of a line means the end of that line (before its break); a position
/// that splits a character (inside a UTF-8 sequence or a surrogate pair) means the start of
/// that character (rounds down).
fn model_offset(text: &str, position: LineCol, encoding: PositionEncoding) -> usize {
    let lines = model_lines(text);
    let Some(&(start, end)) = lines.get(position.line as usize) else {
        return text.len();
    };
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        if units + unit_len(c, encoding) > position.character as usize {
            return start + i;
        }
        units += unit_len(c, encoding);
    }
    end
}

/// A byte offset on a character boundary that does not split a CRLF, chosen by fraction.
fn boundary(text: &str, fraction: f64) -> usize {
    let candidates: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        .collect();
    let index = ((candidates.len() - 1) as f64 * fraction).round() as usize;
    candidates[index.min(candidates.len() - 1)]
}

/// Every node of a tree as (kind, byte range, missing), in document order.
fn nodes(tree: &tree_sitter::Tree) -> Vec<(String, usize, usize, bool)> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        out.push((
            node.kind().to_string(),
            node.start_byte(),
            node.end_byte(),
            node.is_missing(),
        ));
        if cursor.goto_first_child() {
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
    out
}

fn run(language: Language, encoding: PositionEncoding, initial: String, edits: Vec<Edit>) {
    let mut model = initial.clone();
    let mut doc = Document::new(&initial, 1, language);
    for (n, edit) in edits.iter().enumerate() {
        let a = boundary(&model, edit.start);
        let b = boundary(&model, edit.end);
        let (mut start, mut end) = (
            model_position(&model, a, encoding),
            model_position(&model, b, encoding),
        );
        match edit.out_of_range {
            0 => end.line += 3,
            1 => end.character += 1000,
            2 => start.line += 1000,
            _ => {}
        }
        let from = model_offset(&model, start, encoding);
        let to = model_offset(&model, end, encoding);
        let (from, to) = (from.min(to), from.max(to));
        model.replace_range(from..to, &edit.text);

        doc.apply_change(start, end, &edit.text, n as i32 + 2, encoding);
        // Parse after some edits and not others: a burst of edits before one parse must end
        // in the same tree as a parse per edit.
        if n % 3 == 0 {
            doc.ensure_parsed();
        }
        assert_eq!(doc.text(), model, "text after edit {n} ({edit:?})");
        assert_eq!(doc.version, n as i32 + 2);
    }
    let fresh = parse_str(&model, &language.grammar().unwrap()).unwrap();
    doc.ensure_parsed();
    let tree = doc.tree.as_ref().expect("the document keeps a tree");
    assert_eq!(
        nodes(tree),
        nodes(&fresh),
        "tree differs from a fresh parse of {model:?}"
    );
}

fn language_strategy() -> impl Strategy<Value = Language> {
    prop::sample::select(vec![
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Rust,
    ])
}

fn encoding_strategy() -> impl Strategy<Value = PositionEncoding> {
    prop::sample::select(vec![
        PositionEncoding::Utf16,
        PositionEncoding::Utf8,
        PositionEncoding::Utf32,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_sequences_match_the_model_and_a_fresh_parse(
        language in language_strategy(),
        encoding in encoding_strategy(),
        initial in text_strategy(60),
        edits in prop::collection::vec(edit_strategy(), 1..25),
    ) {
        run(language, encoding, initial, edits);
    }
}

#[test]
fn the_model_agrees_with_hand_computed_positions() {
    let text = "a😀b\r\nc\rd\n";
    assert_eq!(model_lines(text), vec![(0, 6), (8, 9), (10, 11), (12, 12)]);
    let p = model_position(text, 5, PositionEncoding::Utf16);
    assert_eq!((p.line, p.character), (0, 3));
    assert_eq!(
        model_offset(
            text,
            LineCol {
                line: 0,
                character: 3
            },
            PositionEncoding::Utf16
        ),
        5
    );
    assert_eq!(
        model_offset(
            text,
            LineCol {
                line: 1,
                character: 99
            },
            PositionEncoding::Utf16
        ),
        9
    );
    assert_eq!(
        model_offset(
            text,
            LineCol {
                line: 9,
                character: 0
            },
            PositionEncoding::Utf16
        ),
        12
    );
}
