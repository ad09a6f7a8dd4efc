//! Position encodings: the one place that converts between LSP positions and byte offsets.
//!
//! LSP positions are `(line, character)` where `character` counts code units of the
//! negotiated encoding (UTF-8 bytes, UTF-16 code units or UTF-32 code points). Lines are
//! split at `\n`, `\r\n` and `\r`, which is exactly how the rope is configured (`cr_lines`).

use ropey::Rope;

/// The position encoding negotiated with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A position in LSP terms: zero-based line and character in the negotiated encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub character: u32,
}

/// The result of converting a client position: the offset, and whether it had to be clamped
/// because it pointed past the end of its line or of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub byte: usize,
    pub clamped: bool,
}

impl PositionEncoding {
    /// Chooses the encoding from the client's preference list: UTF-8 when offered (it is the
    /// cheapest for us), otherwise UTF-16, the protocol's mandatory default.
    pub fn negotiate(offered: &[String]) -> PositionEncoding {
        if offered.iter().any(|e| e == "utf-8") {
            PositionEncoding::Utf8
        } else {
            PositionEncoding::Utf16
        }
    }

    pub fn as_lsp_str(self) -> &'static str {
        match self {
            PositionEncoding::Utf8 => "utf-8",
            PositionEncoding::Utf16 => "utf-16",
            PositionEncoding::Utf32 => "utf-32",
        }
    }

    /// Converts a client position to a byte offset in `rope`, clamping a line past the end to
    /// the end of the document and a character past the end of its line to the line's end
    /// (before the line break), and rounding a position inside a character down to its start.
    pub fn to_byte(self, rope: &Rope, pos: LineCol) -> Resolved {
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return Resolved {
                byte: rope.len_bytes(),
                clamped: true,
            };
        }
        let line_start_char = rope.line_to_char(line);
        let line_slice = rope.line(line);
        let content_chars = line_slice.len_chars() - line_break_chars(&line_slice);
        let line_end_char = line_start_char + content_chars;
        let wanted = pos.character as usize;
        let (char_idx, clamped) = match self {
            PositionEncoding::Utf32 => {
                if wanted > content_chars {
                    (line_end_char, true)
                } else {
                    (line_start_char + wanted, false)
                }
            }
            PositionEncoding::Utf16 => {
                let start_cu = rope.char_to_utf16_cu(line_start_char);
                let end_cu = rope.char_to_utf16_cu(line_end_char);
                if start_cu + wanted > end_cu {
                    (line_end_char, true)
                } else {
                    // Rounds down when the position splits a surrogate pair.
                    (rope.utf16_cu_to_char(start_cu + wanted), false)
                }
            }
            PositionEncoding::Utf8 => {
                let start_byte = rope.char_to_byte(line_start_char);
                let end_byte = rope.char_to_byte(line_end_char);
                if start_byte + wanted > end_byte {
                    (line_end_char, true)
                } else {
                    (rope.byte_to_char(start_byte + wanted), false)
                }
            }
        };
        Resolved {
            byte: rope.char_to_byte(char_idx),
            clamped,
        }
    }

    /// Converts a byte offset (clamped to the document) to a client position.
    pub fn to_line_col(self, rope: &Rope, byte: usize) -> LineCol {
        let byte = byte.min(rope.len_bytes());
        let char_idx = rope.byte_to_char(byte);
        let line = rope.char_to_line(char_idx);
        let line_start_char = rope.line_to_char(line);
        let character = match self {
            PositionEncoding::Utf32 => char_idx - line_start_char,
            PositionEncoding::Utf16 => {
                rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start_char)
            }
            PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        };
        LineCol {
            line: line as u32,
            character: character as u32,
        }
    }
}

/// How many chars of the slice's end are a line break (0, 1 or 2 for `\r\n`).
fn line_break_chars(line: &ropey::RopeSlice) -> usize {
    let len = line.len_chars();
    if len == 0 {
        return 0;
    }
    match line.char(len - 1) {
        '\n' => {
            if len >= 2 && line.char(len - 2) == '\r' {
                2
            } else {
                1
            }
        }
        '\r' => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, character: u32) -> LineCol {
        LineCol { line, character }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_for_astral_characters() {
        // "😀" is one char, two UTF-16 code units and four UTF-8 bytes.
        let rope = Rope::from_str("a😀b\nx");
        let enc = PositionEncoding::Utf16;
        assert_eq!(enc.to_byte(&rope, lc(0, 3)).byte, 5); // before 'b'
        assert_eq!(enc.to_line_col(&rope, 5), lc(0, 3));
        // A position inside the surrogate pair rounds down to the emoji's start.
        assert_eq!(enc.to_byte(&rope, lc(0, 2)).byte, 1);
        assert_eq!(PositionEncoding::Utf8.to_line_col(&rope, 5), lc(0, 5));
        assert_eq!(PositionEncoding::Utf32.to_line_col(&rope, 5), lc(0, 2));
    }

    #[test]
    fn cjk_is_one_utf16_unit_and_three_utf8_bytes() {
        let rope = Rope::from_str("漢字x");
        assert_eq!(PositionEncoding::Utf16.to_byte(&rope, lc(0, 2)).byte, 6);
        assert_eq!(PositionEncoding::Utf8.to_byte(&rope, lc(0, 6)).byte, 6);
        // A UTF-8 offset inside a character rounds down.
        assert_eq!(PositionEncoding::Utf8.to_byte(&rope, lc(0, 4)).byte, 3);
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks_and_positions_clamp_before_them() {
        let rope = Rope::from_str("ab\r\ncd\ref");
        let enc = PositionEncoding::Utf16;
        assert_eq!(enc.to_byte(&rope, lc(1, 0)).byte, 4);
        assert_eq!(enc.to_byte(&rope, lc(2, 1)).byte, 8);
        let past = enc.to_byte(&rope, lc(0, 99));
        assert_eq!(
            past,
            Resolved {
                byte: 2,
                clamped: true
            }
        );
        assert_eq!(enc.to_line_col(&rope, 7), lc(2, 0));
    }

    #[test]
    fn lines_past_the_end_clamp_to_the_document_end() {
        let rope = Rope::from_str("abc");
        let r = PositionEncoding::Utf16.to_byte(&rope, lc(7, 0));
        assert_eq!(
            r,
            Resolved {
                byte: 3,
                clamped: true
            }
        );
        assert_eq!(PositionEncoding::Utf16.to_line_col(&rope, 99), lc(0, 3));
    }

    #[test]
    fn negotiation_prefers_utf8_then_falls_back_to_utf16() {
        assert_eq!(
            PositionEncoding::negotiate(&["utf-16".into(), "utf-8".into()]),
            PositionEncoding::Utf8
        );
        assert_eq!(
            PositionEncoding::negotiate(&["utf-32".into()]),
            PositionEncoding::Utf16
        );
        assert_eq!(PositionEncoding::negotiate(&[]), PositionEncoding::Utf16);
    }
}
