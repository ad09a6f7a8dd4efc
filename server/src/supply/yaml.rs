//! A small YAML tree with byte ranges, built from `saphyr-parser` events. CI checks need the
//! position of each key and scalar; the full YAML data model (tags, anchors) does not matter.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::ops::Range;

/// One YAML node with the byte range it covers in the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Map(Vec<(Yaml, Yaml)>, Range<usize>),
    Seq(Vec<Yaml>, Range<usize>),
    Scalar(Scalar),
    /// An alias or an empty node.
    Other(Range<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub value: String,
    pub range: Range<usize>,
    /// A literal (`|`) or folded (`>`) block: `range` covers the whole block.
    pub block: bool,
}

impl Yaml {
    pub fn range(&self) -> Range<usize> {
        match self {
            Yaml::Map(_, r) | Yaml::Seq(_, r) | Yaml::Other(r) => r.clone(),
            Yaml::Scalar(s) => s.range.clone(),
        }
    }

    /// The value under a string key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value under a string key of a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Yaml, &Yaml)> {
        match self {
            Yaml::Map(entries, _) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Scalar(s) => Some(&s.value),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match self {
            Yaml::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Yaml, Yaml)] {
        match self {
            Yaml::Map(entries, _) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Yaml] {
        match self {
            Yaml::Seq(items, _) => items,
            _ => &[],
        }
    }
}

/// Parses every document of a YAML stream. `None` when the text is not valid YAML.
pub fn parse(text: &str) -> Option<Vec<Yaml>> {
    let offsets = CharOffsets::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = Vec::new();
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        let range = offsets.range(&span);
        let node = match event {
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Vec::new(), None, range.start));
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(Vec::new(), range.start));
                continue;
            }
            Event::MappingEnd => match stack.pop()? {
                Frame::Map(entries, _, start) => Yaml::Map(entries, start..range.end.max(start)),
                Frame::Seq(..) => return None,
            },
            Event::SequenceEnd => match stack.pop()? {
                Frame::Seq(items, start) => Yaml::Seq(items, start..range.end.max(start)),
                Frame::Map(..) => return None,
            },
            Event::Scalar(value, style, _, _) => Yaml::Scalar(Scalar {
                value: value.into_owned(),
                range,
                block: matches!(style, ScalarStyle::Literal | ScalarStyle::Folded),
            }),
            Event::Alias(_) => Yaml::Other(range),
            _ => continue,
        };
        match stack.last_mut() {
            None => documents.push(node),
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
    Some(documents)
}

enum Frame {
    Map(Vec<(Yaml, Yaml)>, Option<Yaml>, usize),
    Seq(Vec<Yaml>, usize),
}

/// Converts the parser's character indices to byte offsets.
struct CharOffsets {
    /// Byte offset of each character, only when the text is not ASCII.
    bytes: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let bytes = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        CharOffsets {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.bytes {
            None => char_index.min(self.len),
            Some(bytes) => bytes.get(char_index).copied().unwrap_or(self.len),
        }
    }

    fn range(&self, span: &Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_scalars_have_byte_ranges() {
        let text = "on: push\njobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          echo é\n          make\n";
        let docs = parse(text).unwrap();
        let root = &docs[0];
        let on = root.get("on").unwrap().as_scalar().unwrap();
        assert_eq!(&text[on.range.clone()], "push");
        let steps = root
            .get("jobs")
            .unwrap()
            .get("b")
            .unwrap()
            .get("steps")
            .unwrap();
        let uses = steps.items()[0].get("uses").unwrap().as_scalar().unwrap();
        assert_eq!(&text[uses.range.clone()], "actions/checkout@v4");
        let run = steps.items()[1].get("run").unwrap().as_scalar().unwrap();
        assert!(run.block);
        assert!(text[run.range.clone()].contains("echo é"));
        assert!(text[run.range.clone()].contains("make"));
    }

    #[test]
    fn invalid_yaml_is_none_and_never_panics() {
        assert!(parse("a: [1, 2\n").is_none());
        for text in ["", ":", "- - -", "a: b: c", "\"", "{", "é: [ü"] {
            let _ = parse(text);
        }
    }
}
