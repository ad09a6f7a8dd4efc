//! The only module that sees protocol types. See `docs/ARCHITECTURE.md`.

pub mod backend;
pub mod convert;
pub mod framing;
pub mod ordering;
pub mod state;

use backend::Backend;
use state::State;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tower_lsp_server::{LspService, Server};

/// Runs the language server over stdin/stdout until `exit` (or end of input). Exits the
/// process with 0 after `shutdown` + `exit`, 1 when `exit` came without `shutdown`.
pub fn run_stdio() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking analysis tasks may still be running; do not wait for them.
    runtime.shutdown_background();
    std::process::exit(if clean { 0 } else { 1 });
}

/// Serves one client over the given streams. Returns true when `shutdown` was requested
/// before the connection ended.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let state = Arc::new(State::default());
    let backend_state = state.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, backend_state));
    let service = ordering::Ordered::new(service, state.clone());

    // Validated input flows client → (framing) → server; output server → (framing) → client.
    let (server_in_write, server_in_read) = tokio::io::duplex(1 << 20);
    let (server_out_write, server_out_read) = tokio::io::duplex(1 << 20);
    let (errors_tx, errors_rx) = tokio::sync::mpsc::unbounded_channel();
    let input_task = tokio::spawn(framing::pump_input(input, server_in_write, errors_tx));
    let output_task = tokio::spawn(framing::pump_output(server_out_read, output, errors_rx));

    Server::new(server_in_read, server_out_write, socket)
        .serve(service)
        .await;
    input_task.abort();
    // Let the last responses (the `shutdown` reply) reach the client.
    let _ = tokio::time::timeout(std::time::Duration::from_millis(500), output_task).await;
    state.shutdown_requested.load(Ordering::SeqCst)
}
