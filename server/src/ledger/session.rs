//! Turns what the editor sees into ledger events: one [`Session`] per server process.
//!
//! The server reports every analysis result of a document; after the document has been quiet
//! for a short while (so intermediate states while typing do not count) it asks the session to
//! *settle*, which compares the findings with those it knew:
//! - a finding it never saw in this session is `introduced` (findings present when the
//!   document was first analysed are the baseline, not introductions);
//! - a known finding that disappeared is `ignored` when a `vigil: ignore[rule]` comment now sits
//!   next to where it was (with that comment's reason), else `resolved` — unless the developer
//!   already decided about it through a code action (`fixed`, `ignored`), which was recorded
//!   when the command arrived.

use super::{Context, EventKind, Subject};
use crate::analysis::{parse_suppression, Finding};
use ropey::Rope;
use std::collections::{HashMap, HashSet};

/// What the session remembers about a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub rule: String,
    /// 0-based line where it was last seen.
    pub line: usize,
    pub origin: String,
}

#[derive(Debug, Default)]
struct Tracked {
    known: HashMap<String, Known>,
    /// The suppression comments of the document when it last settled.
    comments: Vec<Comment>,
}

/// One `vigil: ignore[rule] reason` comment, per rule it names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comment {
    rule: String,
    line: usize,
    reason: String,
}

/// Every suppression comment of a document (a plain text search: settling is rare).
fn comments(rope: &Rope) -> Vec<Comment> {
    let mut found = Vec::new();
    for (line, text) in rope.lines().enumerate() {
        if text.len_bytes() > 4096 {
            continue;
        }
        let text = text.to_string();
        if !text.contains("vigil") {
            continue;
        }
        if let Some(parsed) = parse_suppression(&text) {
            for rule in parsed.rules {
                found.push(Comment {
                    rule,
                    line,
                    reason: parsed.reason.clone(),
                });
            }
        }
    }
    found
}

/// The ledger state of one editor session.
#[derive(Debug, Default)]
pub struct Session {
    pub context: Context,
    /// Documents by workspace-relative file.
    documents: HashMap<String, Tracked>,
    /// (file, fingerprint) already recorded as introduced in this session.
    introduced: HashSet<(String, String)>,
    /// (file, fingerprint) the developer decided about through a command.
    decided: HashSet<(String, String)>,
    /// Ignores recorded through the action with its placeholder reason, by (file, fingerprint):
    /// when the developer then types a reason over the placeholder, the next settle records a
    /// second `ignored` event carrying it (the report counts the last one).
    awaiting_reason: HashMap<(String, String), Known>,
}

/// The rule ids that are not security findings and never become events by themselves.
fn is_tracked(finding: &Finding) -> bool {
    finding.rule != crate::provenance::RULE_ID
}

fn index(findings: &[Finding], rope: &Rope) -> HashMap<String, Known> {
    let len = rope.len_bytes();
    findings
        .iter()
        .filter(|f| is_tracked(f))
        .map(|f| {
            (
                f.fingerprint.clone(),
                Known {
                    rule: f.rule.clone(),
                    line: rope.byte_to_line(f.range.start.min(len)),
                    origin: f.origin.as_str().to_string(),
                },
            )
        })
        .collect()
}

impl Session {
    pub fn new(context: Context) -> Session {
        Session {
            context,
            ..Session::default()
        }
    }

    /// Records a document's first analysis as its baseline (no events). Later calls for the
    /// same file do nothing.
    pub fn baseline(&mut self, file: &str, findings: &[Finding], rope: &Rope) {
        if self.documents.contains_key(file) {
            return;
        }
        // What was there before the session saw an edit is never "introduced" by it, even
        // when it disappears and comes back (an undo).
        for f in findings.iter().filter(|f| is_tracked(f)) {
            self.introduced
                .insert((file.to_string(), f.fingerprint.clone()));
        }
        self.documents.insert(
            file.to_string(),
            Tracked {
                known: index(findings, rope),
                comments: comments(rope),
            },
        );
    }

    /// Forgets a closed document (a finding that disappears with its document is not resolved).
    pub fn forget(&mut self, file: &str) {
        self.documents.remove(file);
    }

    /// Compares the settled findings of `file` with the known ones and returns the events.
    pub fn settle(&mut self, file: &str, findings: &[Finding], rope: &Rope) -> Vec<Subject> {
        let current = index(findings, rope);
        let now_comments = comments(rope);
        let Some(tracked) = self.documents.get_mut(file) else {
            self.baseline(file, findings, rope);
            return Vec::new();
        };
        let mut events = Vec::new();
        let mut fresh: Vec<(&String, &Known)> = current
            .iter()
            .filter(|(fp, _)| !tracked.known.contains_key(*fp))
            .collect();
        fresh.sort_by_key(|(_, k)| k.line);
        for (fingerprint, known) in fresh {
            if self
                .introduced
                .insert((file.to_string(), fingerprint.clone()))
            {
                events.push(Subject {
                    kind: EventKind::Introduced,
                    rule: known.rule.clone(),
                    fingerprint: fingerprint.clone(),
                    file: file.to_string(),
                    line: known.line as u32 + 1,
                    origin: known.origin.clone(),
                    reason: None,
                });
            }
        }
        let mut gone: Vec<(&String, &Known)> = tracked
            .known
            .iter()
            .filter(|(fp, _)| !current.contains_key(*fp))
            .collect();
        gone.sort_by_key(|(_, k)| k.line);
        // Comments added since the last settle explain disappearances of their rule; each
        // explains one, the nearest (lines may have moved since, so "near" is relative).
        let mut added: Vec<Comment> = now_comments.clone();
        for old in &tracked.comments {
            if let Some(i) = added
                .iter()
                .position(|c| c.rule == old.rule && c.reason == old.reason)
            {
                added.remove(i);
            }
        }
        for (fingerprint, known) in gone {
            let nearest = added
                .iter()
                .enumerate()
                .filter(|(_, c)| c.rule == known.rule)
                .min_by_key(|(_, c)| c.line.abs_diff(known.line))
                .map(|(i, _)| i);
            let comment = nearest.map(|i| added.remove(i));
            if self
                .decided
                .contains(&(file.to_string(), fingerprint.clone()))
            {
                continue;
            }
            let (kind, reason) = match comment {
                Some(comment) => (EventKind::Ignored, Some(comment.reason)),
                None => (EventKind::Resolved, None),
            };
            events.push(Subject {
                kind,
                rule: known.rule.clone(),
                fingerprint: fingerprint.clone(),
                file: file.to_string(),
                line: known.line as u32 + 1,
                origin: known.origin.clone(),
                reason,
            });
        }
        // A reason typed over an ignore action's placeholder: the comment is new (its text
        // changed), names the rule and sits where the action put it (give or take edits).
        let mut waiting: Vec<(String, Known)> = self
            .awaiting_reason
            .iter()
            .filter(|((f, _), _)| f == file)
            .map(|((_, fp), k)| (fp.clone(), k.clone()))
            .collect();
        waiting.sort_by_key(|(_, k)| k.line);
        for (fingerprint, known) in waiting {
            let nearest = added
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.rule == known.rule
                        && c.line.abs_diff(known.line) <= 3
                        && super::normalise_reason(Some(&c.reason)) != super::NO_REASON
                })
                .min_by_key(|(_, c)| c.line.abs_diff(known.line))
                .map(|(i, _)| i);
            let Some(i) = nearest else { continue };
            let comment = added.remove(i);
            self.awaiting_reason
                .remove(&(file.to_string(), fingerprint.clone()));
            events.push(Subject {
                kind: EventKind::Ignored,
                rule: known.rule.clone(),
                fingerprint,
                file: file.to_string(),
                line: known.line as u32 + 1,
                origin: known.origin.clone(),
                reason: Some(comment.reason),
            });
        }
        tracked.known = current;
        tracked.comments = now_comments;
        events
    }

    /// Notes an ignore recorded without a reason (the action's placeholder), so a reason typed
    /// later is recorded too. `line` is 0-based.
    pub fn await_reason(&mut self, file: &str, fingerprint: &str, known: Known) {
        self.awaiting_reason
            .insert((file.to_string(), fingerprint.to_string()), known);
    }

    /// Notes a decision made through a command, so its disappearance is not counted again.
    pub fn decided(&mut self, file: &str, fingerprint: &str) {
        self.decided
            .insert((file.to_string(), fingerprint.to_string()));
    }

    /// What the session knows about a finding (its origin when the command did not say).
    pub fn known(&self, file: &str, fingerprint: &str) -> Option<&Known> {
        self.documents.get(file)?.known.get(fingerprint)
    }
}

/// The reason of a `vigil: ignore[rule]` comment that now governs a finding last seen on
/// `line` (0-based): a comment inserted above the finding sits on its old line, and a comment
/// added at the end of the line stays there; one line up covers a comment typed above a finding
/// that had moved down since. Farther comments govern other lines.
pub fn suppression_near(rope: &Rope, rule: &str, line: usize) -> Option<String> {
    let lines = rope.len_lines();
    [Some(line), line.checked_sub(1)]
        .into_iter()
        .flatten()
        .filter(|l| *l < lines)
        .find_map(|l| {
            let text = rope.line(l);
            if text.len_bytes() > 4096 {
                return None;
            }
            let parsed = parse_suppression(&text.to_string())?;
            parsed
                .rules
                .iter()
                .any(|r| r == rule)
                .then_some(parsed.reason)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Confidence, Origin, Severity};

    fn finding(rule: &str, fp: &str, start: usize) -> Finding {
        Finding {
            rule: rule.into(),
            range: start..start + 1,
            message: String::new(),
            severity: Severity::Error,
            confidence: Confidence::High,
            fingerprint: fp.into(),
            fix: None,
            input_source: None,
            origin: Origin::Pasted,
            fingerprint_basis: String::new(),
        }
    }

    #[test]
    fn baseline_then_introduced_once_then_resolved_or_ignored() {
        let mut s = Session::default();
        let rope = Rope::from_str("a\nb\nc\n");
        s.baseline("f.py", &[finding("r", "old", 0)], &rope);
        // The baseline is not introduced; a new finding is, once.
        let events = s.settle(
            "f.py",
            &[finding("r", "old", 0), finding("r", "new", 2)],
            &rope,
        );
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, EventKind::Introduced);
        assert_eq!(events[0].line, 2);
        assert_eq!(events[0].origin, "pasted");
        assert!(s
            .settle(
                "f.py",
                &[finding("r", "old", 0), finding("r", "new", 2)],
                &rope
            )
            .is_empty());
        // Removed by an edit: resolved.
        let events = s.settle("f.py", &[finding("r", "new", 2)], &rope);
        assert_eq!(events[0].kind, EventKind::Resolved);
        // Coming back does not re-introduce within the session.
        assert!(s
            .settle(
                "f.py",
                &[finding("r", "new", 2), finding("r", "old", 0)],
                &rope
            )
            .is_empty());
        // Silenced by a typed comment: ignored with its reason.
        let commented = Rope::from_str("# vigil: ignore[r] trusted input\na\nb\nc\n");
        let events = s.settle("f.py", &[finding("r", "new", 4)], &commented);
        assert_eq!(events[0].kind, EventKind::Ignored);
        assert_eq!(events[0].reason.as_deref(), Some("trusted input"));
        // A decision recorded through a command is not counted again.
        s.decided("f.py", "new");
        assert!(s.settle("f.py", &[], &commented).is_empty());
    }

    #[test]
    fn a_reason_typed_over_the_placeholder_is_recorded() {
        let mut s = Session::default();
        let before = Rope::from_str("a\nos.system(x)\n");
        s.baseline("f.py", &[finding("r", "fp", 2)], &before);
        // The action inserts its comment; the command records "no reason" and waits.
        let placeholder = Rope::from_str(&format!(
            "a\n# vigil: ignore[r] {}\nos.system(x)\n",
            crate::lsp::convert::REASON_PLACEHOLDER
        ));
        s.decided("f.py", "fp");
        s.await_reason(
            "f.py",
            "fp",
            Known {
                rule: "r".into(),
                line: 1,
                origin: "typed".into(),
            },
        );
        assert!(s.settle("f.py", &[], &placeholder).is_empty());
        // Another rule's comment, or one far away, is not the reason.
        let other = Rope::from_str(&format!(
            "a\n# vigil: ignore[r] {}\nos.system(x)\n# vigil: ignore[q] other\n",
            crate::lsp::convert::REASON_PLACEHOLDER
        ));
        assert!(s.settle("f.py", &[], &other).is_empty());
        // The developer replaces the placeholder: one more `ignored`, with the reason.
        let typed = Rope::from_str(
            "a\n# vigil: ignore[r] argv is validated above\nos.system(x)\n# vigil: ignore[q] other\n",
        );
        let events = s.settle("f.py", &[], &typed);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, EventKind::Ignored);
        assert_eq!(events[0].fingerprint, "fp");
        assert_eq!(events[0].reason.as_deref(), Some("argv is validated above"));
        // Once only.
        let retyped = Rope::from_str(
            "a\n# vigil: ignore[r] argv is validated\nos.system(x)\n# vigil: ignore[q] other\n",
        );
        assert!(s.settle("f.py", &[], &retyped).is_empty());
    }

    #[test]
    fn the_pasted_block_itself_is_not_an_event() {
        let mut s = Session::default();
        let rope = Rope::from_str("a\n");
        s.baseline("f.py", &[], &rope);
        assert!(s
            .settle(
                "f.py",
                &[finding(crate::provenance::RULE_ID, "b", 0)],
                &rope
            )
            .is_empty());
    }
}
