//! A per-run memo of "the bindings of this name in this scope", shared by the Python/JS and the
//! Rust value analyses. Without it, every candidate that mentions a name bound far away (a
//! module-level import or constant, a parameter used in many calls) walks the whole scope again:
//! quadratic in the file. Entries are keyed by the scope node (id and range) and the name, and
//! hold byte ranges and kinds rather than nodes, so the cache has no lifetime; [`reset`] runs
//! at the start of every `queries::run`, so ids from an earlier tree are never confused with
//! this one's.

use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::Node;

/// Which analysis a cached entry belongs to (their binding enums differ).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Namespace {
    Values,
    Rust,
}

/// A binding as stored: its variant's tag and the bound node's range and kind, if any.
type Stored = (u8, Option<(usize, usize, u16)>);

type Key = (Namespace, usize, usize, usize, String);

thread_local! {
    static CACHE: RefCell<HashMap<Key, Vec<Stored>>> = RefCell::new(HashMap::new());
}

/// Forgets every cached binding; `queries::run` calls it before analysing a tree.
pub(crate) fn reset() {
    CACHE.with(|cache| cache.borrow_mut().clear());
}

/// The bindings of `name` in `scope`: from the cache, or from `compute` (then cached).
/// `encode` gives a binding's tag and node; `decode` rebuilds it (with `None` when the node
/// cannot be found again, which callers treat as opaque).
pub(crate) fn bindings<'t, B>(
    namespace: Namespace,
    scope: Node<'t>,
    name: &str,
    compute: impl FnOnce() -> Vec<B>,
    encode: impl Fn(&B) -> (u8, Option<Node<'t>>),
    decode: impl Fn(u8, Option<Node<'t>>) -> B,
) -> Vec<B> {
    let key = (
        namespace,
        scope.id(),
        scope.start_byte(),
        scope.end_byte(),
        name.to_string(),
    );
    if let Some(stored) = CACHE.with(|cache| cache.borrow().get(&key).cloned()) {
        return stored
            .into_iter()
            .map(|(tag, node)| {
                decode(
                    tag,
                    node.and_then(|(start, end, kind)| node_at(scope, start, end, kind)),
                )
            })
            .collect();
    }
    let found = compute();
    let stored: Vec<Stored> = found
        .iter()
        .map(|b| {
            let (tag, node) = encode(b);
            (
                tag,
                node.map(|n| (n.start_byte(), n.end_byte(), n.kind_id())),
            )
        })
        .collect();
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 50_000 {
            cache.clear();
        }
        cache.insert(key, stored);
    });
    found
}

/// The node of `kind` spanning exactly `start..end` below `scope`.
fn node_at(scope: Node<'_>, start: usize, end: usize, kind: u16) -> Option<Node<'_>> {
    let mut node = scope.descendant_for_byte_range(start, end)?;
    loop {
        if node.kind_id() == kind && node.start_byte() == start && node.end_byte() == end {
            return Some(node);
        }
        let parent = node.parent()?;
        if parent.start_byte() != start || parent.end_byte() != end {
            return None;
        }
        node = parent;
    }
}
