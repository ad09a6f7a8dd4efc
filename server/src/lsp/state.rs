//! Server state shared by the ordering layer (which mutates documents in arrival order) and
//! the backend (which analyses snapshots and answers requests).

use crate::analysis::{check_full, check_incremental, Finding, Input};
use crate::config::Settings;
use crate::document::{Document, LineCol, ParseStatus, PositionEncoding};
use crate::language::Language;
use crate::supply::Project;
use dashmap::DashMap;
use ropey::Rope;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tree_sitter::Tree;

/// Everything the server knows. Documents are keyed by their URI string.
pub struct State {
    pub documents: DashMap<String, Document>,
    encoding: RwLock<PositionEncoding>,
    pub pull_diagnostics: AtomicBool,
    pub jetbrains_client: AtomicBool,
    pub client_info: RwLock<Option<(String, Option<String>)>>,
    pub root: RwLock<Option<PathBuf>>,
    /// The effective settings (workspace file overlaid with client settings).
    pub settings: RwLock<Settings>,
    /// The last client settings (JSON), re-applied when `.vigil.toml` changes.
    pub client_settings: RwLock<serde_json::Value>,
    /// Bumped when settings change, so pull-diagnostic result ids change too.
    pub generation: AtomicU64,
    pub shutdown_requested: AtomicBool,
    pub initialized: AtomicBool,
    /// Serialises publishing so a stale result can never overtake a newer one.
    pub publish_lock: tokio::sync::Mutex<()>,
    /// What the workspace declares and approves (manifests, `[governance]`), reloaded when a
    /// manifest or `.vigil.toml` changes.
    pub project: RwLock<Option<Arc<Project>>>,
}

impl Default for State {
    fn default() -> Self {
        State {
            documents: DashMap::new(),
            encoding: RwLock::new(PositionEncoding::Utf16),
            pull_diagnostics: AtomicBool::new(false),
            jetbrains_client: AtomicBool::new(false),
            client_info: RwLock::new(None),
            root: RwLock::new(None),
            settings: RwLock::new(Settings::default()),
            client_settings: RwLock::new(serde_json::Value::Null),
            generation: AtomicU64::new(0),
            shutdown_requested: AtomicBool::new(false),
            initialized: AtomicBool::new(false),
            publish_lock: tokio::sync::Mutex::new(()),
            project: RwLock::new(None),
        }
    }
}

/// A cheap copy of a document for analysis off the executor (rope and tree clone in O(1)).
pub struct Snapshot {
    pub uri: String,
    pub version: i32,
    pub language: Language,
    pub rope: Rope,
    pub tree: Option<Tree>,
    pub status: ParseStatus,
    pub dirty: Vec<Range<usize>>,
    pub dirty_all: bool,
    pub cached: Vec<Finding>,
    pub path: Option<PathBuf>,
    pub project: Option<Arc<Project>>,
    /// The settings/project generation the snapshot was taken under: a result computed under
    /// an older one is stale even when the document did not change.
    pub generation: u64,
}

impl State {
    pub fn encoding(&self) -> PositionEncoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_encoding(&self, encoding: PositionEncoding) {
        *self.encoding.write().unwrap_or_else(|e| e.into_inner()) = encoding;
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn project(&self) -> Option<Arc<Project>> {
        self.project
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Re-reads the workspace's manifests with the current settings (no root: no project).
    /// Returns whether the project changed: an unchanged project keeps every cached result
    /// (and every pull-diagnostics result id) valid.
    pub fn reload_project(&self) -> bool {
        let project = self
            .root()
            .map(|root| Arc::new(Project::load(&root, &self.settings())));
        let mut slot = self.project.write().unwrap_or_else(|e| e.into_inner());
        if *slot == project {
            return false;
        }
        *slot = project;
        true
    }

    pub fn root(&self) -> Option<PathBuf> {
        self.root.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Opens (or re-opens) a document.
    pub fn open(&self, uri: &str, text: &str, version: i32, language_id: &str) {
        let mut language = Language::from_language_id(language_id);
        if language == Language::PlainText {
            // Some clients send unusual ids (`py`, `ts`); the extension decides then.
            if let Some(path) = uri_to_path(uri) {
                language = Language::from_path(&path);
            }
        }
        let doc = Document::new(text, version, language);
        self.documents.insert(uri.to_string(), doc);
    }

    /// Applies one content change in order. Returns false when the document is unknown.
    pub fn change(
        &self,
        uri: &str,
        version: i32,
        range: Option<(LineCol, LineCol)>,
        text: &str,
    ) -> bool {
        let encoding = self.encoding();
        let Some(mut doc) = self.documents.get_mut(uri) else {
            tracing::warn!("didChange for a document that is not open: {uri}");
            return false;
        };
        match range {
            Some((start, end)) => {
                let applied = doc.apply_change(start, end, text, version, encoding);
                if applied.clamped {
                    tracing::warn!(
                        "didChange range {start:?}..{end:?} is outside {uri} (version {version}); clamped"
                    );
                }
                let thresholds = crate::provenance::Thresholds::from(
                    &self
                        .settings
                        .read()
                        .unwrap_or_else(|e| e.into_inner())
                        .paste,
                );
                // The project's manifests answer the pasted block's undeclared-import signal.
                let project = self.project();
                let doc = &mut *doc;
                doc.provenance.on_change(
                    &applied.shape,
                    text,
                    &doc.rope,
                    doc.language,
                    thresholds,
                    project
                        .as_deref()
                        .map(|p| p as &dyn crate::provenance::Declared),
                );
            }
            None => {
                doc.replace_all(text, version);
            }
        }
        true
    }

    pub fn close(&self, uri: &str) {
        self.documents.remove(uri);
    }

    /// Marks every document for a full re-analysis (settings changed).
    pub fn invalidate_all(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        for mut doc in self.documents.iter_mut() {
            doc.dirty_all = true;
        }
    }

    /// A consistent copy of the document for analysis. Runs the incremental parse pending
    /// since the last edits first, so call it off the async executor.
    pub fn snapshot(&self, uri: &str) -> Option<Snapshot> {
        let mut doc = self.documents.get_mut(uri)?;
        doc.ensure_parsed();
        Some(Snapshot {
            uri: uri.to_string(),
            version: doc.version,
            language: doc.language,
            rope: doc.rope.clone(),
            tree: doc.tree.clone(),
            status: doc.status,
            dirty: doc.dirty.clone(),
            dirty_all: doc.dirty_all,
            cached: doc.findings.clone(),
            path: self.relative_path(uri),
            project: self.project(),
            generation: self.generation.load(Ordering::SeqCst),
        })
    }

    /// The document's path relative to the workspace root (or absolute when outside it).
    pub fn relative_path(&self, uri: &str) -> Option<PathBuf> {
        let path = uri_to_path(uri)?;
        match self.root() {
            Some(root) => Some(path.strip_prefix(&root).map(PathBuf::from).unwrap_or(path)),
            None => Some(path),
        }
    }

    /// Stores an analysis result if the document is still at the snapshot's version and has
    /// not been edited since. Returns false when the result is stale and was dropped.
    pub fn accept(&self, snapshot: &Snapshot, findings: Vec<Finding>) -> bool {
        let Some(mut doc) = self.documents.get_mut(&snapshot.uri) else {
            return false;
        };
        if doc.version != snapshot.version
            || doc.dirty.len() != snapshot.dirty.len()
            || doc.dirty_all != snapshot.dirty_all
            || self.generation.load(Ordering::SeqCst) != snapshot.generation
        {
            return false;
        }
        doc.findings = findings;
        doc.dirty.clear();
        doc.dirty_all = false;
        true
    }

    /// The current version of a document.
    pub fn version(&self, uri: &str) -> Option<i32> {
        self.documents.get(uri).map(|d| d.version)
    }

    /// True when the document has no pending changes since its findings were computed.
    pub fn is_clean(&self, uri: &str) -> bool {
        self.documents
            .get(uri)
            .is_some_and(|d| d.dirty.is_empty() && !d.dirty_all)
    }
}

/// Analyses a snapshot: incrementally when only some ranges changed, fully otherwise.
/// Returns `None` for binary documents (nothing is analysed).
pub fn analyse(snapshot: &Snapshot) -> Option<Vec<Finding>> {
    if snapshot.status == ParseStatus::Binary {
        return Some(Vec::new());
    }
    let input = Input {
        rope: &snapshot.rope,
        tree: snapshot.tree.as_ref(),
        language: snapshot.language,
        path: snapshot.path.as_deref(),
        project: snapshot.project.as_deref(),
    };
    if snapshot.dirty_all {
        Some(check_full(&input))
    } else if snapshot.dirty.is_empty() {
        Some(snapshot.cached.clone())
    } else {
        Some(check_incremental(&input, &snapshot.cached, &snapshot.dirty))
    }
}

/// Converts a `file://` URI to a path.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let parsed: tower_lsp_server::ls_types::Uri = uri.parse().ok()?;
    parsed.to_file_path().map(|p| p.into_owned())
}
