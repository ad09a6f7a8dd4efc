//! The language server: capabilities, diagnostics (push or pull), hover, code actions,
//! commands and configuration. Document mutations already happened in arrival order in the
//! [`super::ordering`] layer; handlers here only schedule analysis and read snapshots.

use super::convert::{
    actions_for, hover_markdown, to_diagnostic, DiagnosticData, EXPLAIN, MARK_REVIEWED,
    RECORD_DECISION, WRITE_REPORT,
};
use super::state::{analyse, uri_to_path, State};
use crate::analysis::Finding;
use crate::config::{Settings, CONFIG_FILE};
use crate::document::LineCol;
use crate::rules::{explanation_markdown, registry};
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
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Backend {
        Backend {
            client,
            state,
            pending_messages: std::sync::Mutex::new(Vec::new()),
            dynamic_watchers: false.into(),
            configuration_pull: false.into(),
        }
    }

    fn pull_mode(&self) -> bool {
        self.state.pull_diagnostics.load(Ordering::SeqCst)
    }

    /// Analyses a document's snapshot off the executor and, in push mode, publishes the result
    /// if the document is still at that version. Bursts coalesce: a task whose snapshot is no
    /// longer current gives up before doing any work.
    fn schedule(&self, uri: Uri) {
        let state = self.state.clone();
        let client = self.client.clone();
        let push = !self.pull_mode();
        tokio::spawn(async move {
            let Some(findings) = analyse_current(&state, uri.as_str()).await else {
                return;
            };
            if push {
                publish(&state, &client, &uri, findings).await;
            }
        });
    }

    /// Loads the project (manifests, approved tools) in the background, then re-analyses the
    /// open documents: a large workspace never delays `initialize` or the first diagnostics.
    fn refresh_project(&self) {
        let state = self.state.clone();
        let client = self.client.clone();
        let push = !self.pull_mode();
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
                let Ok(uri) = uri.parse::<Uri>() else {
                    continue;
                };
                let state = state.clone();
                let client = client.clone();
                tokio::spawn(async move {
                    if let Some(findings) = analyse_current(&state, uri.as_str()).await {
                        publish(&state, &client, &uri, findings).await;
                    }
                });
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
        let mut findings: Vec<Finding> = doc.findings.clone();
        settings.apply(&mut findings);
        findings
            .into_iter()
            .filter(|f| f.range.start <= offset && offset <= f.range.end)
            .collect()
    }
}

/// Analyses the current snapshot of `uri` on the blocking pool; stores the result when still
/// current. Returns `None` when the document is gone or the result went stale.
pub async fn analyse_current(state: &Arc<State>, uri: &str) -> Option<Vec<Finding>> {
    let snapshot = state.snapshot(uri)?;
    let worker_state = state.clone();
    let result = tokio::task::spawn_blocking(move || {
        // Coalescing: if a newer change arrived while we waited, let its task do the work.
        if worker_state.version(&snapshot.uri) != Some(snapshot.version) {
            return None;
        }
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

/// Publishes diagnostics for `uri` if `findings` are still for the current version.
async fn publish(state: &Arc<State>, client: &Client, uri: &Uri, findings: Vec<Finding>) {
    let _guard = state.publish_lock.lock().await;
    let started = std::time::Instant::now();
    let Some((diagnostics, version)) = diagnostics_for(state, uri.as_str(), findings) else {
        return;
    };
    tracing::debug!(
        "converted {} diagnostics for v{version} in {:?}",
        diagnostics.len(),
        started.elapsed()
    );
    client
        .publish_diagnostics(uri.clone(), diagnostics, Some(version))
        .await;
}

/// Converts findings to diagnostics for the document's current version (None if it changed).
fn diagnostics_for(
    state: &State,
    uri: &str,
    mut findings: Vec<Finding>,
) -> Option<(Vec<Diagnostic>, i32)> {
    let settings = state.settings();
    let doc = state.documents.get(uri)?;
    if !doc.dirty.is_empty() || doc.dirty_all {
        return None;
    }
    if let Some(path) = state.relative_path(uri) {
        if settings.exclude_set().is_match(&path) {
            findings.clear();
        }
    }
    settings.apply(&mut findings);
    let encoding = state.encoding();
    let jetbrains = state.jetbrains_client.load(Ordering::SeqCst);
    let diagnostics = findings
        .iter()
        .map(|f| to_diagnostic(f, &doc.rope, encoding, &settings, jetbrains))
        .collect();
    Some((diagnostics, doc.version))
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

/// Arguments of `vigil.server.recordDecision`, validated before anything is recorded.
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
            self.schedule(params.text_document.uri);
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
        let generation = self.state.generation.load(Ordering::SeqCst);
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
            let Some((items, version)) = diagnostics_for(&self.state, uri.as_str(), findings)
            else {
                continue;
            };
            let result_id = format!("{version}-{generation}");
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
        let mut findings = doc.findings.clone();
        settings.apply(&mut findings);
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
            WRITE_REPORT => self.write_report().await,
            MARK_REVIEWED => self.mark_reviewed(&params.arguments).await,
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

    /// Records a decision. Until the ledger is enabled this validates and acknowledges.
    async fn record_decision(&self, args: DecisionArgs) -> Result<Option<serde_json::Value>> {
        let _ = uri_to_path(&args.uri);
        Ok(Some(
            serde_json::json!({"recorded": false, "decision": args.decision}),
        ))
    }

    async fn write_report(&self) -> Result<Option<serde_json::Value>> {
        Err(Error::invalid_params(
            "the posture report is not available in this build",
        ))
    }

    async fn mark_reviewed(
        &self,
        _arguments: &[serde_json::Value],
    ) -> Result<Option<serde_json::Value>> {
        Err(Error::invalid_params("no pasted block to review"))
    }
}
