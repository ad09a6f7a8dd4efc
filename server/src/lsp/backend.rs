//! The language server: capabilities, diagnostics (push or pull), hover, code actions,
//! commands and configuration. Document mutations already happened in arrival order in the
//! [`super::ordering`] layer; handlers here only schedule analysis and read snapshots.

use super::convert::{
    actions_for, hover_markdown, to_diagnostic, DiagnosticData, EXPLAIN, MARK_REVIEWED,
    RECORD_DECISION, SHOW_REPORT, WRITE_REPORT,
};
use super::state::{analyse, uri_to_path, State};
use crate::analysis::{Finding, Origin};
use crate::config::{Settings, CONFIG_FILE};
use crate::document::LineCol;
use crate::ledger::session::{suppression_near, Session};
use crate::ledger::{Context, Editor, EventKind, Subject};
use crate::rules::{explanation_markdown, registry};
use dashmap::DashMap;
use ropey::Rope;
use serde::Deserialize;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    pub client: Client,
    pub state: Arc<State>,
    /// Problems with configuration found during `initialize`, shown once initialized.
    pending_messages: std::sync::Mutex<Vec<String>>,
    dynamic_watchers: std::sync::atomic::AtomicBool,
    configuration_pull: std::sync::atomic::AtomicBool,
    /// The decision ledger's view of this session.
    ledger: Arc<std::sync::Mutex<Session>>,
    /// Per document, the generation of its latest pending settle task (see `schedule_settle`).
    settle: Arc<DashMap<String, u64>>,
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Backend {
        Backend {
            client,
            state,
            pending_messages: std::sync::Mutex::new(Vec::new()),
            dynamic_watchers: false.into(),
            configuration_pull: false.into(),
            ledger: Arc::new(std::sync::Mutex::new(Session::default())),
            settle: Arc::new(DashMap::new()),
        }
    }

    fn pull_mode(&self) -> bool {
        self.state.pull_diagnostics.load(Ordering::SeqCst)
    }

    /// Analyses a document in the background (see [`spawn_analysis`]).
    fn schedule(&self, uri: Uri) {
        self.schedule_version(uri, None);
    }

    /// Analyses a document in the background for the change that produced `version`; the
    /// analysis is skipped when a newer change has arrived by the time it would start.
    fn schedule_version(&self, uri: Uri, version: Option<i32>) {
        spawn_analysis(
            self.state.clone(),
            self.client.clone(),
            self.ledger.clone(),
            self.settle.clone(),
            !self.pull_mode(),
            uri,
            version,
        );
    }

    /// Loads the project (manifests, approved tools) in the background, then re-analyses the
    /// open documents: a large workspace never delays `initialize` or the first diagnostics.
    fn refresh_project(&self) {
        let state = self.state.clone();
        let client = self.client.clone();
        let push = !self.pull_mode();
        let (ledger, settle) = (self.ledger.clone(), self.settle.clone());
        tokio::spawn(async move {
            let loader = state.clone();
            // Unchanged (or failed to load): the cached results stay valid.
            if !matches!(
                tokio::task::spawn_blocking(move || loader.reload_project()).await,
                Ok(true)
            ) {
                return;
            }
            state.invalidate_all();
            if !push {
                let _ = client.workspace_diagnostic_refresh().await;
                return;
            }
            let uris: Vec<String> = state.documents.iter().map(|d| d.key().clone()).collect();
            for uri in uris {
                // The same path as an edit: what is shown also becomes the ledger's baseline
                // (a first publish that skipped it would count the first edit's findings as
                // already there).
                if let Ok(uri) = uri.parse::<Uri>() {
                    spawn_analysis(
                        state.clone(),
                        client.clone(),
                        ledger.clone(),
                        settle.clone(),
                        push,
                        uri,
                        None,
                    );
                }
            }
        });
    }

    /// Reloads the project when a source file inside the workspace is new to it (created after
    /// the last load), so imports of that module do not look undeclared.
    fn note_source_file(&self, uri: &str) {
        let (Some(project), Some(root), Some(path)) =
            (self.state.project(), self.state.root(), uri_to_path(uri))
        else {
            return;
        };
        let Ok(relative) = path.strip_prefix(&root) else {
            return;
        };
        if !project.knows_source_file(relative) {
            self.refresh_project();
        }
    }

    /// Re-reads `.vigil.toml` and the client settings, reporting problems to the user.
    async fn reload_settings(&self, client_json: Option<serde_json::Value>) {
        if let Some(json) = client_json {
            *self
                .state
                .client_settings
                .write()
                .unwrap_or_else(|e| e.into_inner()) = json;
        }
        let (settings, problems) = effective_settings(&self.state);
        *self
            .state
            .settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = settings;
        self.refresh_ledger_context();
        for problem in problems {
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("vigil: {problem}; using defaults for it"),
                )
                .await;
        }
        // The approved tools come from the settings, the declared packages from the manifests:
        // both may have changed. The walk runs off the executor.
        let state = self.state.clone();
        let _ = tokio::task::spawn_blocking(move || state.reload_project()).await;
        self.state.invalidate_all();
        if self.pull_mode() {
            let _ = self.client.workspace_diagnostic_refresh().await;
        } else {
            let uris: Vec<String> = self
                .state
                .documents
                .iter()
                .map(|d| d.key().clone())
                .collect();
            for uri in uris {
                if let Ok(uri) = uri.parse::<Uri>() {
                    self.schedule(uri);
                }
            }
        }
    }

    fn findings_at(&self, uri: &str, position: Position) -> Vec<Finding> {
        let Some(doc) = self.state.documents.get(uri) else {
            return Vec::new();
        };
        let encoding = self.state.encoding();
        let offset = encoding
            .to_byte(
                &doc.rope,
                LineCol {
                    line: position.line,
                    character: position.character,
                },
            )
            .byte;
        let settings = self.state.settings();
        decorated(&doc.findings, &doc.provenance, &doc.rope, &settings)
            .into_iter()
            .filter(|f| f.range.start <= offset && offset <= f.range.end)
            .collect()
    }
}

/// The findings a user sees: settings applied, origins from provenance, and the
/// `ai-pasted-block` findings added (they obey the same rule switches).
pub fn decorated(
    findings: &[Finding],
    provenance: &crate::provenance::Provenance,
    rope: &Rope,
    settings: &Settings,
) -> Vec<Finding> {
    let mut findings = findings.to_vec();
    settings.apply(&mut findings);
    crate::provenance::decorate(provenance, rope, &mut findings);
    settings.apply(&mut findings);
    findings
}

/// How long a document must stay unchanged before its findings count for the ledger
/// (`VIGIL_SETTLE_MS`, default 800 ms): long enough that half-typed code does not introduce and
/// resolve findings, short enough that closing the editor rarely loses an event.
fn settle_delay() -> std::time::Duration {
    let ms = std::env::var("VIGIL_SETTLE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(800);
    std::time::Duration::from_millis(ms)
}

/// The file name events carry: workspace-relative with `/` separators (the URI when the
/// document has no path).
fn ledger_file(state: &State, uri: &str) -> String {
    match state.relative_path(uri) {
        // Outside the workspace the path stays absolute.
        Some(path) if path.is_absolute() => path.display().to_string(),
        Some(path) => path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        None => uri.to_string(),
    }
}

/// The decorated findings of a document whose analysis is current, with its text.
fn settled_findings(state: &State, uri: &str) -> Option<(Vec<Finding>, Rope)> {
    let settings = state.settings();
    let doc = state.documents.get(uri)?;
    let findings = shown(state, uri, &doc, &doc.findings, &settings)?;
    Some((findings, doc.rope.clone()))
}

/// What the client is shown of `findings` for a document whose analysis is current: nothing
/// for an excluded path, else the findings decorated with provenance (origins, the pasted-block
/// diagnostic) and settings (severities, suppressions). `None` while an analysis is pending.
fn shown(
    state: &State,
    uri: &str,
    doc: &crate::document::Document,
    findings: &[Finding],
    settings: &Settings,
) -> Option<Vec<Finding>> {
    if !doc.dirty.is_empty() || doc.dirty_all {
        return None;
    }
    let excluded = state
        .relative_path(uri)
        .is_some_and(|path| settings.exclude_set().is_match(&path));
    Some(if excluded {
        Vec::new()
    } else {
        decorated(findings, &doc.provenance, &doc.rope, settings)
    })
}

/// Analyses a document's snapshot off the executor and, in push mode, publishes the result if
/// the document is still at that version, then schedules the ledger's settle. Bursts coalesce:
/// a task whose snapshot is no longer current gives up before doing any work.
fn spawn_analysis(
    state: Arc<State>,
    client: Client,
    ledger: Arc<std::sync::Mutex<Session>>,
    settle: Arc<DashMap<String, u64>>,
    push: bool,
    uri: Uri,
    scheduled: Option<i32>,
) {
    // `scheduled` is the version of the change that asked for this analysis: in a burst every
    // change schedules a task, and by the time they run the document is at the last version.
    // Only the task of the current version analyses; the others give up at once instead of
    // all analysing (and fighting over two cores for) the same final text.
    tokio::spawn(async move {
        if scheduled.is_some() && state.version(uri.as_str()) != scheduled {
            return;
        }
        let Some(findings) = analyse_current(&state, uri.as_str()).await else {
            return;
        };
        if !push {
            return;
        }
        if let Some(shown) = publish(&state, &client, &uri, findings).await {
            schedule_settle(&state, &ledger, &settle, uri.as_str(), shown);
        }
    });
}

/// Records the document's first analysis as the ledger baseline, then, once the document has
/// been quiet for [`settle_delay`], turns what changed into ledger events.
fn schedule_settle(
    state: &Arc<State>,
    ledger: &Arc<std::sync::Mutex<Session>>,
    settle: &Arc<DashMap<String, u64>>,
    uri: &str,
    shown: (Vec<Finding>, Rope),
) {
    let file = ledger_file(state, uri);
    // The baseline is what was shown, not what the document holds now: a change may already
    // have arrived.
    ledger
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .baseline(&file, &shown.0, &shown.1);
    let generation = {
        let mut entry = settle.entry(uri.to_string()).or_insert(0);
        *entry += 1;
        *entry
    };
    let (state, ledger, settle, uri) = (
        state.clone(),
        ledger.clone(),
        settle.clone(),
        uri.to_string(),
    );
    tokio::spawn(async move {
        tokio::time::sleep(settle_delay()).await;
        if settle.get(&uri).map(|g| *g) != Some(generation) {
            tracing::debug!("settle of {uri} superseded");
            return;
        }
        let Some((findings, rope)) = settled_findings(&state, &uri) else {
            tracing::debug!("settle of {uri} skipped: analysis pending");
            return;
        };
        tracing::debug!("settling {uri}: {} findings", findings.len());
        let subjects = ledger
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .settle(&file, &findings, &rope);
        record(&state, &ledger, subjects).await;
    });
}

/// Appends events to the ledger (when it is enabled) off the executor. Returns true when every
/// event was written.
async fn record(
    state: &Arc<State>,
    ledger: &Arc<std::sync::Mutex<Session>>,
    subjects: Vec<Subject>,
) -> bool {
    if subjects.is_empty() {
        return true;
    }
    let Some(path) = crate::ledger::resolve_path(&state.settings()) else {
        return false;
    };
    // The branch may have changed since the session started: `.git` is a few small reads.
    let git = state.root().map(|root| crate::ledger::git::read(&root));
    let events: Vec<crate::ledger::Event> = {
        let mut session = ledger.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(git) = git {
            session.context.branch = git.branch;
            session.context.commit = git.commit;
        }
        subjects
            .into_iter()
            .map(|s| session.context.event(s))
            .collect()
    };
    let written = tokio::task::spawn_blocking(move || {
        for event in &events {
            if let Err(err) = crate::ledger::append(&path, event, event.event.is_decision()) {
                tracing::warn!("could not write to the ledger {}: {err}", path.display());
                return false;
            }
        }
        true
    })
    .await;
    written.unwrap_or(false)
}

/// Analyses the current snapshot of `uri` on the blocking pool; stores the result when still
/// current. Returns `None` when the document is gone or the result went stale.
pub async fn analyse_current(state: &Arc<State>, uri: &str) -> Option<Vec<Finding>> {
    let worker_state = state.clone();
    let uri_owned = uri.to_string();
    let result = tokio::task::spawn_blocking(move || {
        // The snapshot runs the pending incremental parse: on the blocking pool, not the
        // executor.
        let snapshot = worker_state.snapshot(&uri_owned)?;
        let started = std::time::Instant::now();
        let findings = analyse(&snapshot)?;
        tracing::debug!(
            "analysed {} v{} ({}) in {:?}",
            snapshot.uri,
            snapshot.version,
            if snapshot.dirty_all {
                "full"
            } else {
                "incremental"
            },
            started.elapsed()
        );
        worker_state
            .accept(&snapshot, findings.clone())
            .then_some(findings)
    })
    .await;
    match result {
        Ok(findings) => findings,
        Err(err) => {
            tracing::error!("analysis of {uri} failed: {err}");
            None
        }
    }
}

/// A hash of diagnostics as the client receives them (for pull result ids; in-process only).
fn items_hash(items: &[Diagnostic]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut hasher);
    hasher.finish()
}

/// Publishes diagnostics for `uri` if `findings` are still for the current version. Returns
/// the findings shown and the text they are for, when it published.
async fn publish(
    state: &Arc<State>,
    client: &Client,
    uri: &Uri,
    findings: Vec<Finding>,
) -> Option<(Vec<Finding>, Rope)> {
    let _guard = state.publish_lock.lock().await;
    let started = std::time::Instant::now();
    let (diagnostics, version, shown) = diagnostics_for(state, uri.as_str(), findings)?;
    tracing::debug!(
        "converted {} diagnostics for v{version} in {:?}",
        diagnostics.len(),
        started.elapsed()
    );
    client
        .publish_diagnostics(uri.clone(), diagnostics, Some(version))
        .await;
    Some(shown)
}

/// Converts findings to diagnostics for the document's current version (None if it changed).
#[allow(clippy::type_complexity)]
fn diagnostics_for(
    state: &State,
    uri: &str,
    findings: Vec<Finding>,
) -> Option<(Vec<Diagnostic>, i32, (Vec<Finding>, Rope))> {
    let settings = state.settings();
    let doc = state.documents.get(uri)?;
    let findings = shown(state, uri, &doc, &findings, &settings)?;
    let encoding = state.encoding();
    let jetbrains = state.jetbrains_client.load(Ordering::SeqCst);
    let diagnostics = findings
        .iter()
        .map(|f| to_diagnostic(f, &doc.rope, encoding, &settings, jetbrains))
        .collect();
    Some((diagnostics, doc.version, (findings, doc.rope.clone())))
}

/// The workspace file overlaid with the client's settings, and the problems found.
fn effective_settings(state: &State) -> (Settings, Vec<String>) {
    let mut problems = Vec::new();
    let file = match state.root().map(|root| Settings::load_workspace(&root)) {
        Some(Ok(Some(Ok(settings)))) => settings,
        Some(Ok(Some(Err(err)))) => {
            problems.push(err.to_string());
            Settings::default()
        }
        Some(Err(err)) => {
            problems.push(format!("{err:#}"));
            Settings::default()
        }
        _ => Settings::default(),
    };
    let client = state
        .client_settings
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let settings = match Settings::merged(&file, &client) {
        Ok(settings) => settings,
        Err(err) => {
            problems.push(err.to_string());
            file
        }
    };
    (settings, problems)
}

/// Arguments of `vigil.recordDecision`, validated before anything is recorded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionArgs {
    pub decision: String,
    pub uri: String,
    pub rule: String,
    pub fingerprint: String,
    pub line: u32,
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

impl DecisionArgs {
    pub fn parse(arguments: &[serde_json::Value]) -> std::result::Result<DecisionArgs, String> {
        let [value] = arguments else {
            return Err(format!(
                "expected exactly one argument object, got {}",
                arguments.len()
            ));
        };
        let args: DecisionArgs =
            serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
        if !matches!(args.decision.as_str(), "fixed" | "ignored" | "reviewed") {
            return Err(format!("unknown decision `{}`", args.decision));
        }
        if registry().get(&args.rule).is_none() {
            return Err(format!("unknown rule `{}`", args.rule));
        }
        if (args.decision == "reviewed") != (args.rule == crate::provenance::RULE_ID) {
            return Err(format!(
                "`reviewed` is the decision about `{}` blocks, and the only one",
                crate::provenance::RULE_ID
            ));
        }
        if args
            .origin
            .as_deref()
            .is_some_and(|o| !matches!(o, "typed" | "pasted" | "ai-likely"))
        {
            return Err("origin must be `typed`, `pasted` or `ai-likely`".into());
        }
        if args.line == 0 {
            return Err("line is 1-based".into());
        }
        if args.fingerprint.len() != 16 || !args.fingerprint.chars().all(|c| c.is_ascii_hexdigit())
        {
            return Err("fingerprint must be 16 hex digits".into());
        }
        if !args.uri.starts_with("file:") && !args.uri.starts_with("untitled:") {
            return Err("uri must be a file: or untitled: URI".into());
        }
        if args.reason.as_ref().is_some_and(|r| r.len() > 500) {
            return Err("reason is longer than 500 characters".into());
        }
        Ok(args)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.diagnostic.as_ref())
            .is_some();
        self.state.pull_diagnostics.store(pull, Ordering::SeqCst);
        if let Some(info) = &params.client_info {
            let name = info.name.clone();
            let jetbrains = [
                "intellij",
                "jetbrains",
                "lsp4ij",
                "pycharm",
                "webstorm",
                "rustrover",
                "goland",
                "clion",
                "phpstorm",
                "rubymine",
                "rider",
                "datagrip",
                "dataspell",
                "aqua",
                "fleet",
                "android studio",
            ]
            .iter()
            .any(|n| name.to_ascii_lowercase().contains(n));
            self.state
                .jetbrains_client
                .store(jetbrains, Ordering::SeqCst);
            *self
                .state
                .client_info
                .write()
                .unwrap_or_else(|e| e.into_inner()) = Some((name, info.version.clone()));
        }
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .and_then(|f| f.uri.to_file_path().map(|p| p.into_owned()));
        #[allow(deprecated)]
        let root = root.or_else(|| {
            params
                .root_uri
                .as_ref()
                .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
        });
        *self.state.root.write().unwrap_or_else(|e| e.into_inner()) = root;
        let workspace = params.capabilities.workspace.as_ref();
        self.dynamic_watchers.store(
            workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            Ordering::SeqCst,
        );
        self.configuration_pull.store(
            workspace.and_then(|w| w.configuration).unwrap_or(false),
            Ordering::SeqCst,
        );
        let options = params
            .initialization_options
            .clone()
            .unwrap_or(serde_json::Value::Null);
        // Accept either the settings themselves or `{ "vigil": { … } }`.
        let options = options.get("vigil").cloned().unwrap_or(options);
        *self
            .state
            .client_settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = options;
        let (settings, problems) = effective_settings(&self.state);
        *self
            .state
            .settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = settings;
        self.pending_messages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(problems);
        self.refresh_ledger_context();

        let encoding = self.state.encoding();
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(PositionEncodingKind::new(encoding.as_lsp_str())),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        RECORD_DECISION.to_string(),
                        EXPLAIN.to_string(),
                        WRITE_REPORT.to_string(),
                        MARK_REVIEWED.to_string(),
                    ],
                    ..Default::default()
                }),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("vigil".to_string()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    })
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "vigil".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let problems: Vec<String> = std::mem::take(
            &mut *self
                .pending_messages
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        for problem in problems {
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("vigil: {problem}; using defaults for it"),
                )
                .await;
        }
        if self.dynamic_watchers.load(Ordering::SeqCst) {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: [
                    format!("**/{CONFIG_FILE}"),
                    "**/{requirements*.txt,requirements/*.txt,pyproject.toml,Pipfile,setup.cfg,setup.py,package.json,Cargo.toml,tsconfig.json,jsconfig.json}".to_string(),
                ]
                .into_iter()
                .map(|pattern| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(pattern),
                    kind: None,
                })
                .collect(),
            };
            let registration = Registration {
                id: "vigil-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(err) = self.client.register_capability(vec![registration]).await {
                tracing::warn!("could not watch {CONFIG_FILE}: {err}");
            }
        }
        if self.configuration_pull.load(Ordering::SeqCst) {
            // Reloading the configuration reloads the project too.
            self.pull_configuration().await;
        } else {
            self.refresh_project();
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.note_source_file(params.text_document.uri.as_str());
        if !self.pull_mode() {
            self.schedule(params.text_document.uri);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        if !self.pull_mode() {
            self.schedule_version(params.text_document.uri, Some(params.text_document.version));
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let is_project_file =
            uri_to_path(uri.as_str()).is_some_and(|p| crate::supply::is_project_file(&p));
        if uri.as_str().ends_with(CONFIG_FILE) || is_project_file {
            self.reload_settings(None).await;
            return;
        }
        self.note_source_file(uri.as_str());
        // A save is a good moment for a full pass: it catches effects that cross statements
        // (a module-level constant changed) that the incremental pass does not chase.
        if let Some(mut doc) = self.state.documents.get_mut(uri.as_str()) {
            doc.dirty_all = true;
        }
        if self.pull_mode() {
            let _ = self.client.workspace_diagnostic_refresh().await;
        } else {
            self.schedule(uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        // A pending settle for the closed document must not run, and findings that leave with
        // their document are not resolved.
        if let Some(mut generation) = self.settle.get_mut(params.text_document.uri.as_str()) {
            *generation += 1;
        }
        let file = ledger_file(&self.state, params.text_document.uri.as_str());
        self.ledger
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .forget(&file);
        if !self.pull_mode() {
            let _guard = self.state.publish_lock.lock().await;
            self.client
                .publish_diagnostics(params.text_document.uri, Vec::new(), None)
                .await;
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        if self.state.documents.get(uri.as_str()).is_none() {
            return Err(Error::invalid_params(format!(
                "document not open: {}",
                uri.as_str()
            )));
        }
        // Analyse until a result for the current version sticks (a change may race us).
        for _ in 0..5 {
            let clean = self.state.is_clean(uri.as_str());
            let findings = if clean {
                self.state
                    .documents
                    .get(uri.as_str())
                    .map(|d| d.findings.clone())
            } else {
                analyse_current(&self.state, uri.as_str()).await
            };
            let Some(findings) = findings else { continue };
            let Some((items, version, shown)) =
                diagnostics_for(&self.state, uri.as_str(), findings)
            else {
                continue;
            };
            schedule_settle(&self.state, &self.ledger, &self.settle, uri.as_str(), shown);
            // The id names what the client shows: the version and a hash of the items. A
            // settings or project reload that changes nothing keeps it; any change to the
            // items (a reviewed block, a new manifest) gives a new one.
            let result_id = format!("{version}-{:016x}", items_hash(&items));
            if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
                return Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id,
                        },
                    }),
                ));
            }
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items,
                    },
                }),
            ));
        }
        Err(Error::content_modified())
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let findings = self.findings_at(uri.as_str(), position);
        let refs: Vec<&Finding> = findings.iter().collect();
        let settings = self.state.settings();
        Ok(hover_markdown(&refs, &settings).map(|value| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: None,
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(doc) = self.state.documents.get(uri.as_str()) else {
            return Ok(None);
        };
        let encoding = self.state.encoding();
        let start = encoding.to_byte(
            &doc.rope,
            LineCol {
                line: params.range.start.line,
                character: params.range.start.character,
            },
        );
        let end = encoding.to_byte(
            &doc.rope,
            LineCol {
                line: params.range.end.line,
                character: params.range.end.character,
            },
        );
        let settings = self.state.settings();
        let jetbrains = self.state.jetbrains_client.load(Ordering::SeqCst);
        let path = self.state.relative_path(uri.as_str());
        let findings = decorated(&doc.findings, &doc.provenance, &doc.rope, &settings);
        // Findings named by the request's diagnostics, plus any under the range.
        let wanted: Vec<String> = params
            .context
            .diagnostics
            .iter()
            .filter_map(|d| d.data.clone())
            .filter_map(|d| serde_json::from_value::<DiagnosticData>(d).ok())
            .map(|d| d.fingerprint)
            .collect();
        let mut response = Vec::new();
        for finding in findings.iter().filter(|f| {
            wanted.contains(&f.fingerprint)
                || (f.range.start <= end.byte && start.byte <= f.range.end)
        }) {
            let diagnostic = to_diagnostic(finding, &doc.rope, encoding, &settings, jetbrains);
            for action in actions_for(
                &uri,
                finding,
                &diagnostic,
                &doc.rope,
                encoding,
                doc.language,
                path.as_deref(),
            ) {
                response.push(CodeActionOrCommand::CodeAction(action));
            }
        }
        Ok(Some(response))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        match params.command.as_str() {
            EXPLAIN => {
                let id = params
                    .arguments
                    .first()
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| Error::invalid_params("expected one argument: a rule id"))?;
                let rule = registry().get(id).ok_or_else(|| {
                    Error::invalid_params(format!(
                        "unknown rule `{id}`; nearest: {}",
                        registry().suggest(id).join(", ")
                    ))
                })?;
                Ok(Some(serde_json::Value::String(explanation_markdown(rule))))
            }
            RECORD_DECISION => {
                let args = DecisionArgs::parse(&params.arguments).map_err(Error::invalid_params)?;
                self.record_decision(args).await
            }
            WRITE_REPORT | SHOW_REPORT => self.write_report().await,
            MARK_REVIEWED => {
                let args = DecisionArgs::parse(&params.arguments).map_err(Error::invalid_params)?;
                if args.decision != "reviewed" {
                    return Err(Error::invalid_params(
                        "markReviewed takes `\"decision\": \"reviewed\"`",
                    ));
                }
                self.record_decision(args).await
            }
            other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.configuration_pull.load(Ordering::SeqCst) {
            self.pull_configuration().await;
        } else {
            let settings = params
                .settings
                .get("vigil")
                .cloned()
                .unwrap_or(params.settings);
            self.reload_settings(Some(settings)).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| {
            c.uri.as_str().ends_with(CONFIG_FILE)
                || uri_to_path(c.uri.as_str()).is_some_and(|p| crate::supply::is_project_file(&p))
        }) {
            self.reload_settings(None).await;
        }
    }
}

impl Backend {
    async fn pull_configuration(&self) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("vigil".to_string()),
        }];
        match self.client.configuration(items).await {
            Ok(mut values) if !values.is_empty() => {
                let value = values.remove(0);
                self.reload_settings(Some(value)).await;
            }
            Ok(_) => self.reload_settings(None).await,
            Err(err) => {
                tracing::warn!("workspace/configuration failed: {err}");
                self.reload_settings(None).await;
            }
        }
    }

    /// Rebuilds who and where events come from (settings or the workspace may have changed);
    /// the session id stays.
    fn refresh_ledger_context(&self) {
        let settings = self.state.settings();
        let editor = self
            .state
            .client_info
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .map(|(name, version)| Editor { name, version });
        let root = self.state.root();
        let mut context =
            Context::for_workspace(root.as_deref(), settings.developer.as_deref(), editor);
        let mut session = self.ledger.lock().unwrap_or_else(|e| e.into_inner());
        if !session.context.session.is_empty() {
            context.session = session.context.session.clone();
        }
        session.context = context;
    }

    /// Records a decision the developer made through a code action (`fixed`, `ignored`) or the
    /// "Mark block as reviewed" action (`reviewed`). The arguments were validated; the file,
    /// origin and reason are taken from the server's own view of the document where it has one.
    async fn record_decision(&self, args: DecisionArgs) -> Result<Option<serde_json::Value>> {
        let file = ledger_file(&self.state, &args.uri);
        let kind = match args.decision.as_str() {
            "fixed" => EventKind::Fixed,
            "ignored" => EventKind::Ignored,
            _ => EventKind::Reviewed,
        };
        let mut reason = args.reason.clone();
        let mut origin = args.origin.clone();
        {
            let Some(mut doc) = self.state.documents.get_mut(&args.uri) else {
                return Err(Error::invalid_params(format!(
                    "document not open: {}",
                    args.uri
                )));
            };
            match kind {
                EventKind::Reviewed => {
                    let Some(region) = doc.provenance.mark_reviewed(&args.fingerprint) else {
                        return Err(Error::invalid_params(
                            "no pasted block with that fingerprint in this document",
                        ));
                    };
                    origin = Some(region.origin().as_str().to_string());
                }
                EventKind::Ignored if reason.is_none() => {
                    // The ignore action inserted its comment before running this command.
                    let line = args.line.saturating_sub(1) as usize;
                    reason = suppression_near(&doc.rope, &args.rule, line);
                }
                _ => {}
            }
        }
        let subject = {
            let mut session = self.ledger.lock().unwrap_or_else(|e| e.into_inner());
            if origin.is_none() {
                origin = session
                    .known(&file, &args.fingerprint)
                    .map(|k| k.origin.clone());
            }
            session.decided(&file, &args.fingerprint);
            if kind == EventKind::Ignored
                && crate::ledger::normalise_reason(reason.as_deref()) == crate::ledger::NO_REASON
            {
                session.await_reason(
                    &file,
                    &args.fingerprint,
                    crate::ledger::session::Known {
                        rule: args.rule.clone(),
                        line: args.line.saturating_sub(1) as usize,
                        origin: origin
                            .clone()
                            .unwrap_or_else(|| Origin::Typed.as_str().to_string()),
                    },
                );
            }
            Subject {
                kind,
                rule: args.rule.clone(),
                fingerprint: args.fingerprint.clone(),
                file,
                line: args.line,
                origin: origin.unwrap_or_else(|| Origin::Typed.as_str().to_string()),
                reason,
            }
        };
        let recorded = record(&self.state, &self.ledger, vec![subject]).await;
        if kind == EventKind::Reviewed {
            // The block's diagnostic goes away: new result ids for pull clients, a fresh
            // publish for push clients.
            self.state.generation.fetch_add(1, Ordering::SeqCst);
            if self.pull_mode() {
                let _ = self.client.workspace_diagnostic_refresh().await;
            } else if let Ok(uri) = args.uri.parse::<Uri>() {
                self.schedule(uri);
            }
        }
        Ok(Some(
            serde_json::json!({"recorded": recorded, "decision": args.decision}),
        ))
    }

    /// Writes the HTML posture report of the ledger next to it and returns its path.
    async fn write_report(&self) -> Result<Option<serde_json::Value>> {
        let Some(ledger) = crate::ledger::resolve_path(&self.state.settings()) else {
            return Err(Error::invalid_params(
                "the ledger is turned off (ledger.enabled = false): there is nothing to report",
            ));
        };
        let written =
            tokio::task::spawn_blocking(move || crate::ledger::report::write_html_beside(&ledger))
                .await
                .map_err(|e| Error::invalid_params(format!("writing the report failed: {e}")))?;
        match written {
            Ok(path) => Ok(Some(
                serde_json::json!({"path": path.display().to_string()}),
            )),
            Err(err) => Err(Error::invalid_params(format!(
                "writing the report failed: {err:#}"
            ))),
        }
    }
}
