//! The decision ledger: a local, append-only JSON Lines record of what happened to each
//! warning (introduced, fixed, ignored, resolved, reviewed). This is the only code that writes
//! files.
//!
//! Durability and concurrency: every event is serialised to one line and written with a single
//! `write` on a file opened with `O_APPEND`, so lines from several processes never interleave
//! and a crash loses at most the line being written. Decisions (fixed, ignored, reviewed) are
//! `fsync`ed. Readers skip a torn last line (and count any other line that does not parse).
//!
//! Privacy: an event carries ids, hashes, a workspace-relative path, a line number and the
//! developer's identity. It never carries source text or a finding's message, so a secret's
//! value cannot reach the ledger by construction.

pub mod git;
pub mod report;
pub mod session;

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The schema version written in every event's `v`.
pub const SCHEMA_VERSION: u32 = 1;

/// The environment variable that overrides the ledger path.
pub const LEDGER_ENV: &str = "VIGIL_LEDGER";
/// The environment variable that overrides the developer identity (`Name <email>`).
pub const DEVELOPER_ENV: &str = "VIGIL_DEVELOPER";

/// What happened to a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Introduced,
    Fixed,
    Ignored,
    Resolved,
    Reviewed,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Introduced,
        EventKind::Fixed,
        EventKind::Ignored,
        EventKind::Resolved,
        EventKind::Reviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Introduced => "introduced",
            EventKind::Fixed => "fixed",
            EventKind::Ignored => "ignored",
            EventKind::Resolved => "resolved",
            EventKind::Reviewed => "reviewed",
        }
    }

    /// Decisions are the developer's explicit choices: they are fsynced.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            EventKind::Fixed | EventKind::Ignored | EventKind::Reviewed
        )
    }
}

/// Who made the change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Developer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
}

impl Developer {
    /// Parses `Name <email>`, `<email>`, `email` or `Name`.
    pub fn parse(text: &str) -> Developer {
        let text = text.trim();
        if let (Some(open), Some(close)) = (text.find('<'), text.rfind('>')) {
            if open < close {
                return Developer {
                    name: text[..open].trim().to_string(),
                    email: text[open + 1..close].trim().to_string(),
                };
            }
        }
        if text.contains('@') {
            Developer {
                name: String::new(),
                email: text.to_string(),
            }
        } else {
            Developer {
                name: text.to_string(),
                email: String::new(),
            }
        }
    }

    /// The key reports group by: the email, else the name, else "unknown".
    pub fn key(&self) -> String {
        if !self.email.is_empty() {
            self.email.clone()
        } else if !self.name.is_empty() {
            self.name.clone()
        } else {
            "unknown".to_string()
        }
    }
}

/// The editor that produced the event (LSP `clientInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// One ledger line, schema v1. Field order is the order written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub v: u32,
    /// RFC 3339, UTC.
    pub ts: String,
    pub event: EventKind,
    pub rule: String,
    pub category: String,
    pub cwe: Vec<String>,
    pub severity: String,
    /// The finding's fingerprint, the same one its diagnostic and SARIF result carry.
    pub fingerprint: String,
    /// Workspace-relative path with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    pub developer: Developer,
    /// `typed`, `pasted` or `ai-likely`.
    pub origin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<Editor>,
    pub workspace: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// For ignores: the developer's reason, or "no reason".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub session: String,
}

/// The reason recorded for an ignore that gave none.
pub const NO_REASON: &str = "no reason";

/// What an event says about the finding (the rest comes from the [`Context`]).
#[derive(Debug, Clone)]
pub struct Subject {
    pub kind: EventKind,
    pub rule: String,
    pub fingerprint: String,
    pub file: String,
    pub line: u32,
    pub origin: String,
    pub reason: Option<String>,
}

/// Everything about the session an event repeats: who, where, with what.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub developer: Developer,
    pub editor: Option<Editor>,
    pub workspace: String,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub session: String,
}

impl Context {
    /// Builds the context of a workspace: git identity and position (read from `.git`
    /// without spawning git), `VIGIL_DEVELOPER` or the `developer` setting overriding the
    /// identity.
    pub fn for_workspace(
        root: Option<&Path>,
        developer_setting: Option<&str>,
        editor: Option<Editor>,
    ) -> Context {
        let git = root.map(git::read).unwrap_or_default();
        let developer = match std::env::var(DEVELOPER_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| developer_setting.map(str::to_string))
        {
            Some(text) => Developer::parse(&text),
            None => git.developer.clone().unwrap_or_default(),
        };
        Context {
            developer,
            editor,
            workspace: root
                .and_then(|r| r.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            branch: git.branch,
            commit: git.commit,
            session: new_session_id(),
        }
    }

    /// A complete event for `subject`, stamped now.
    pub fn event(&self, subject: Subject) -> Event {
        let meta = crate::rules::registry().get(&subject.rule);
        Event {
            v: SCHEMA_VERSION,
            ts: now_rfc3339(),
            event: subject.kind,
            category: meta.map(|m| m.category.clone()).unwrap_or_default(),
            cwe: meta.map(|m| m.cwe.clone()).unwrap_or_default(),
            severity: meta
                .map(|m| m.severity.as_str().to_string())
                .unwrap_or_default(),
            rule: subject.rule,
            fingerprint: subject.fingerprint,
            file: subject.file,
            line: subject.line,
            developer: self.developer.clone(),
            origin: subject.origin,
            editor: self.editor.clone(),
            workspace: self.workspace.clone(),
            branch: self.branch.clone(),
            commit: self.commit.clone(),
            reason: if subject.kind == EventKind::Ignored {
                Some(normalise_reason(subject.reason.as_deref()))
            } else {
                None
            },
            session: self.session.clone(),
        }
    }
}

/// An empty reason, or the placeholder the ignore action inserts, is recorded as "no reason".
pub fn normalise_reason(reason: Option<&str>) -> String {
    let reason = reason.unwrap_or("").trim();
    if reason.is_empty() || reason == crate::lsp::convert::REASON_PLACEHOLDER {
        NO_REASON.to_string()
    } else {
        reason.chars().take(500).collect()
    }
}

/// The current time as RFC 3339 (UTC, second precision with milliseconds).
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// A session id: 16 hex digits from the process id, the clock and a counter.
pub fn new_session_id() -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = Sha256::new();
    hasher.update(std::process::id().to_le_bytes());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    hasher.update(nanos.to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hex::encode(&hasher.finalize()[..8])
}

/// Where the ledger lives, or `None` when it is turned off. Precedence: `ledger.enabled =
/// false` turns it off; then `VIGIL_LEDGER`; then the `ledger.path` setting (`~` expands to
/// the home folder); then `$XDG_STATE_HOME/vigil/ledger.jsonl`; then
/// `~/.local/state/vigil/ledger.jsonl`.
pub fn resolve_path(settings: &crate::config::Settings) -> Option<PathBuf> {
    if !settings.ledger.enabled {
        return None;
    }
    resolve_path_from(
        std::env::var_os(LEDGER_ENV).map(PathBuf::from),
        settings.ledger.path.as_deref(),
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

/// [`resolve_path`] with its inputs explicit (for tests).
pub fn resolve_path_from(
    env: Option<PathBuf>,
    setting: Option<&str>,
    xdg_state: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    if let Some(path) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Some(path);
    }
    if let Some(setting) = setting.filter(|s| !s.trim().is_empty()) {
        if let Some(rest) = setting.strip_prefix("~/") {
            return home.map(|h| h.join(rest));
        }
        return Some(PathBuf::from(setting));
    }
    if let Some(state) = xdg_state.filter(|p| p.is_absolute()) {
        return Some(state.join("vigil").join("ledger.jsonl"));
    }
    home.map(|h| h.join(".local/state/vigil/ledger.jsonl"))
}

/// Appends one event as one line: a single `write` on an `O_APPEND` file (so concurrent
/// writers never interleave), then `fsync` when `durable`.
pub fn append(path: &Path, event: &Event, durable: bool) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(event).map_err(std::io::Error::other)?;
    line.push(b'\n');
    append_line(path, &line, durable)
}

/// Appends bytes that already form one complete line. Refuses a path that does not end in
/// `.jsonl` and an existing file that is not a ledger: the path can come from a workspace's
/// `.vigil.toml`, and a cloned repository must not be able to make the server append to
/// `~/.bashrc`.
pub fn append_line(path: &Path, line: &[u8], durable: bool) -> std::io::Result<()> {
    if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{}: a ledger file name must end in .jsonl", path.display()),
        ));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    if !looks_like_a_ledger(path)? {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{}: exists and is not a vigil ledger; refusing to append to it",
                path.display()
            ),
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The ledger says who did what: readable by its owner only.
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    // One write of the whole line. On a regular file Linux writes it whole; `write_all` only
    // loops if the kernel reports a short write (disk full), which cannot interleave either
    // because O_APPEND positions each write at the end atomically.
    file.write_all(line)?;
    if durable {
        file.sync_data()?;
    }
    Ok(())
}

/// True when `path` does not exist, is empty, or starts with a ledger event.
fn looks_like_a_ledger(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(err) => return Err(err),
    };
    let mut head = Vec::new();
    file.take(64 * 1024).read_to_end(&mut head)?;
    if head.is_empty() {
        return Ok(true);
    }
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    Ok(serde_json::from_slice::<serde_json::Value>(first)
        .is_ok_and(|v| v.get("v").is_some() && v.get("event").is_some()))
}

/// What reading a ledger found.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub events: Vec<Event>,
    /// True when the last line had no newline and did not parse (a write cut short by a crash).
    pub torn_tail: bool,
    /// Complete lines that did not parse as a v1 event (other versions, corruption).
    pub invalid_lines: usize,
}

/// Reads a ledger, skipping a torn last line and counting lines it cannot understand.
pub fn read(path: &Path) -> std::io::Result<ReadResult> {
    let bytes = std::fs::read(path)?;
    Ok(parse(&bytes))
}

/// Parses ledger bytes (see [`read`]).
pub fn parse(bytes: &[u8]) -> ReadResult {
    let mut result = ReadResult::default();
    let ends_with_newline = bytes.last() == Some(&b'\n');
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let count = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let last = i + 1 == count;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Event>(line) {
            Ok(event) if event.v == SCHEMA_VERSION => result.events.push(event),
            _ if last && !ends_with_newline => result.torn_tail = true,
            _ => result.invalid_lines += 1,
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(kind: EventKind) -> Event {
        let context = Context {
            developer: Developer::parse("Ada Lovelace <ada@example.org>"),
            editor: Some(Editor {
                name: "test".into(),
                version: Some("1".into()),
            }),
            workspace: "w".into(),
            branch: Some("main".into()),
            commit: Some("abc".into()),
            session: "0123456789abcdef".into(),
        };
        context.event(Subject {
            kind,
            rule: "no-such-rule".into(),
            fingerprint: "00112233aabbccdd".into(),
            file: "src/a.py".into(),
            line: 3,
            origin: "pasted".into(),
            reason: None,
        })
    }

    #[test]
    fn developer_identities_parse() {
        let d = Developer::parse("Ada Lovelace <ada@example.org>");
        assert_eq!(d.name, "Ada Lovelace");
        assert_eq!(d.email, "ada@example.org");
        assert_eq!(Developer::parse("a@b.c").email, "a@b.c");
        assert_eq!(Developer::parse("Ada").name, "Ada");
        assert_eq!(Developer::default().key(), "unknown");
    }

    #[test]
    fn path_precedence() {
        let home = Some(PathBuf::from("/home/u"));
        assert_eq!(
            resolve_path_from(Some("/e.jsonl".into()), Some("/s"), None, home.clone()),
            Some(PathBuf::from("/e.jsonl"))
        );
        assert_eq!(
            resolve_path_from(None, Some("~/l.jsonl"), None, home.clone()),
            Some(PathBuf::from("/home/u/l.jsonl"))
        );
        assert_eq!(
            resolve_path_from(None, None, Some("/state".into()), home.clone()),
            Some(PathBuf::from("/state/vigil/ledger.jsonl"))
        );
        // A relative XDG_STATE_HOME is invalid by the XDG spec and ignored.
        assert_eq!(
            resolve_path_from(None, None, Some("rel".into()), home),
            Some(PathBuf::from("/home/u/.local/state/vigil/ledger.jsonl"))
        );
        let mut off = crate::config::Settings::default();
        off.ledger.enabled = false;
        assert_eq!(resolve_path(&off), None);
    }

    #[test]
    fn events_round_trip_and_ignores_get_a_reason() {
        let event = sample(EventKind::Fixed);
        let line = serde_json::to_string(&event).unwrap();
        assert!(line.starts_with("{\"v\":1,\"ts\":"), "{line}");
        assert!(!line.contains("\"reason\""));
        let back: Event = serde_json::from_str(&line).unwrap();
        assert_eq!(back, event);
        let ignored = sample(EventKind::Ignored);
        assert_eq!(ignored.reason.as_deref(), Some(NO_REASON));
        assert_eq!(
            normalise_reason(Some(crate::lsp::convert::REASON_PLACEHOLDER)),
            NO_REASON
        );
        assert_eq!(normalise_reason(Some(" trusted ")), "trusted");
    }

    #[test]
    fn torn_last_lines_are_skipped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/ledger.jsonl");
        append(&path, &sample(EventKind::Introduced), false).unwrap();
        append(&path, &sample(EventKind::Fixed), true).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(b"{\"v\":1,\"ts\":\"20");
        let result = parse(&bytes);
        assert_eq!(result.events.len(), 2);
        assert!(result.torn_tail);
        assert_eq!(result.invalid_lines, 0);
        let result = parse(b"garbage\n{\"v\":2}\n");
        assert_eq!(result.invalid_lines, 2);
        assert!(!result.torn_tail);
    }

    #[test]
    fn never_appends_to_something_that_is_not_a_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let rc = dir.path().join(".bashrc");
        std::fs::write(&rc, "export PATH=/bin\n").unwrap();
        assert!(append(&rc, &sample(EventKind::Fixed), false).is_err());
        let disguised = dir.path().join("notes.jsonl");
        std::fs::write(&disguised, "echo hi\n").unwrap();
        assert!(append(&disguised, &sample(EventKind::Fixed), false).is_err());
        assert_eq!(std::fs::read_to_string(&disguised).unwrap(), "echo hi\n");
        let empty = dir.path().join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        assert!(append(&empty, &sample(EventKind::Fixed), false).is_ok());
        assert!(append(&empty, &sample(EventKind::Fixed), false).is_ok());
    }
}
