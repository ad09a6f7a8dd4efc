//! The ordering guarantee. tower-lsp-server calls `Service::call` for every incoming message in
//! arrival order, then runs up to four handler futures concurrently. This layer applies
//! document mutations (`didOpen`, `didChange`, `didClose`) and records the negotiated position
//! encoding (`initialize`) synchronously inside `call`, so they happen exactly in arrival order
//! whatever the handlers later do. Handlers only read the store.

use super::state::State;
use crate::document::{LineCol, PositionEncoding};
use std::sync::Arc;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    InitializeParams,
};

/// Wraps the LSP service and applies document mutations in arrival order.
pub struct Ordered<S> {
    inner: S,
    state: Arc<State>,
}

impl<S> Ordered<S> {
    pub fn new(inner: S, state: Arc<State>) -> Self {
        Ordered { inner, state }
    }
}

impl<S> Service<Request> for Ordered<S>
where
    S: Service<Request>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        apply_in_order(&self.state, &request);
        self.inner.call(request)
    }
}

/// Applies the state changes a message implies, before any handler runs.
pub fn apply_in_order(state: &State, request: &Request) {
    let params = request.params().cloned().unwrap_or(serde_json::Value::Null);
    match request.method() {
        "initialize" => {
            if let Ok(params) = serde_json::from_value::<InitializeParams>(params) {
                let offered: Vec<String> = params
                    .capabilities
                    .general
                    .as_ref()
                    .and_then(|g| g.position_encodings.as_ref())
                    .map(|list| list.iter().map(|e| e.as_str().to_string()).collect())
                    .unwrap_or_default();
                state.set_encoding(PositionEncoding::negotiate(&offered));
            }
            // A client must wait for the initialize response before sending anything else.
            state
                .initialized
                .store(true, std::sync::atomic::Ordering::SeqCst);
        }
        // Before `initialize`, tower-lsp-server drops notifications; so do we.
        _ if !state.initialized.load(std::sync::atomic::Ordering::SeqCst) => {}
        "textDocument/didOpen" => match serde_json::from_value::<DidOpenTextDocumentParams>(params)
        {
            Ok(p) => state.open(
                p.text_document.uri.as_str(),
                &p.text_document.text,
                p.text_document.version,
                &p.text_document.language_id,
            ),
            Err(err) => tracing::warn!("ignoring malformed didOpen: {err}"),
        },
        "textDocument/didChange" => {
            match serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                Ok(p) => {
                    let uri = p.text_document.uri.as_str();
                    for change in &p.content_changes {
                        let range = change.range.map(|r| {
                            (
                                LineCol {
                                    line: r.start.line,
                                    character: r.start.character,
                                },
                                LineCol {
                                    line: r.end.line,
                                    character: r.end.character,
                                },
                            )
                        });
                        if !state.change(uri, p.text_document.version, range, &change.text) {
                            break;
                        }
                    }
                }
                Err(err) => tracing::warn!("ignoring malformed didChange: {err}"),
            }
        }
        "textDocument/didClose" => {
            match serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                Ok(p) => state.close(p.text_document.uri.as_str()),
                Err(err) => tracing::warn!("ignoring malformed didClose: {err}"),
            }
        }
        _ => {}
    }
}
