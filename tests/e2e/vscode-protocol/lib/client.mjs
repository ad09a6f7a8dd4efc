// A small LSP client around Microsoft's vscode-languageserver-protocol (the library VS Code's
// own client is built on) that spawns the real `vigil lsp --stdio` and records everything
// the server sends, so tests can wait for a state instead of sleeping.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  createProtocolConnection,
} from "vscode-languageserver-protocol/node.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (three levels above tests/e2e/vscode-protocol/lib). */
export const repoRoot = resolve(here, "../../../..");

/** The server binary: `VIGIL_BIN`, else the release build of this repository. */
export function vigilBin() {
  return process.env.VIGIL_BIN ? resolve(process.env.VIGIL_BIN) : join(repoRoot, "target", "release", "vigil");
}

/** Fails loudly, with the command that fixes it, when the binary is missing. */
export function requireBinary() {
  const bin = vigilBin();
  if (!existsSync(bin)) {
    throw new Error(`no vigil binary at ${bin}: run \`cargo build --release\` in ${repoRoot} or set VIGIL_BIN`);
  }
  return bin;
}

export const TIMEOUT_MS = Number(process.env.VIGIL_E2E_TIMEOUT_MS ?? 10_000);

/** The capabilities VS Code 1.9x sends that matter here, with UTF-16 as the only encoding. */
export function vscodeLikeCapabilities({ pull = false } = {}) {
  const textDocument = {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { dynamicRegistration: false, contentFormat: ["markdown", "plaintext"] },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"],
        },
      },
      honorsChangeAnnotations: false,
    },
  };
  if (pull) {
    textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  }
  return {
    general: { positionEncodings: ["utf-16"] },
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: false },
      workspaceFolders: true,
      applyEdit: true,
      executeCommand: { dynamicRegistration: false },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument,
    window: { workDoneProgress: true, showMessage: {} },
  };
}

/**
 * Starts the server in a fresh temporary workspace and initializes it.
 * Returns a session whose `close()` shuts the server down and checks it exits 0.
 */
export async function startSession({ pull = false, settings = {}, initializationOptions = settings } = {}) {
  const bin = requireBinary();
  const workspace = mkdtempSync(join(tmpdir(), "vigil-e2e-"));
  // The same argv VS Code's LanguageClient uses with TransportKind.stdio.
  const child = spawn(bin, ["lsp", "--stdio"], { cwd: workspace, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise((resolveExit) => child.on("exit", (code, signal) => resolveExit({ code, signal })));
  // A server that dies early makes writes fail with EPIPE; the exit is reported instead.
  child.stdin.on("error", () => {});
  child.on("error", () => {});

  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const session = {
    bin,
    workspace,
    connection,
    child,
    exited,
    expectExit: false,
    stderr: () => stderr,
    /** Every publishDiagnostics notification, in arrival order. */
    published: [],
    /** window/showMessage and window/logMessage notifications. */
    messages: [],
    /** Requests the server sent us, by method. */
    serverRequests: [],
    versions: new Map(),
    texts: new Map(),
    waiters: new Set(),
  };

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    session.published.push(params);
    for (const waiter of [...session.waiters]) {
      waiter();
    }
  });
  connection.onNotification(ShowMessageNotification.type, (params) => session.messages.push({ kind: "show", ...params }));
  connection.onNotification(LogMessageNotification.type, (params) => session.messages.push({ kind: "log", ...params }));
  connection.onRequest((method, params) => {
    session.serverRequests.push({ method, params });
    if (method === "workspace/configuration") {
      return params.items.map((item) => (item.section === "vigil" || item.section === undefined ? settings : null));
    }
    if (method === "workspace/applyEdit") {
      return { applied: false, failureReason: "the test client applies no server-initiated edits" };
    }
    // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh, …
    return null;
  });
  connection.onError(() => {});
  connection.listen();

  const rootUri = pathToFileURL(workspace).href;
  try {
    session.initializeResult = await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: "vigil-e2e (vscode-languageserver-protocol)", version: "1" },
        locale: "en",
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: "workspace" }],
        capabilities: vscodeLikeCapabilities({ pull }),
        initializationOptions,
        trace: "off",
      }),
      "initialize",
      session,
    );
  } catch (err) {
    // Report why the server is gone (exit status and stderr) rather than a bare EPIPE.
    const exit = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 2000))]);
    connection.dispose();
    child.kill("SIGKILL");
    rmSync(workspace, { recursive: true, force: true });
    const status = exit ? `it exited with code ${exit.code}, signal ${exit.signal}` : "it is still running";
    throw new Error(`initialize failed: ${err.message}; ${status}. Command: ${bin} lsp --stdio. stderr tail:\n${stderr.slice(-3000)}`);
  }
  await connection.sendNotification(InitializedNotification.type, {});

  /** Absolute file URI of a file name in the workspace. */
  session.uri = (name) => pathToFileURL(join(workspace, name)).href;

  session.open = async (name, languageId, text) => {
    const uri = session.uri(name);
    session.versions.set(uri, 1);
    session.texts.set(uri, text);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  };

  /** Sends incremental changes (in order) and applies them to our copy of the text. */
  session.change = async (uri, changes) => {
    const version = session.versions.get(uri) + 1;
    session.versions.set(uri, version);
    let text = session.texts.get(uri);
    for (const change of changes) {
      text = applyEdit(text, change.range, change.text);
    }
    session.texts.set(uri, text);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes.map((c) => ({ range: c.range, text: c.text })),
    });
    return version;
  };

  session.closeDocument = async (uri) => {
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  };

  /**
   * Resolves with the first publishDiagnostics for `uri` (already received or future) whose
   * version is `version` or later (when the server sends versions) and that satisfies `predicate`.
   * Only publishes from index `since` on are considered.
   */
  session.waitForDiagnostics = (uri, { version, predicate = () => true, since = 0, what = "diagnostics" } = {}) =>
    new Promise((resolveWait, rejectWait) => {
      const check = () => {
        for (let i = since; i < session.published.length; i++) {
          const p = session.published[i];
          if (p.uri !== uri) continue;
          if (version !== undefined && p.version !== undefined && p.version !== null && p.version < version) continue;
          if (predicate(p.diagnostics)) {
            session.waiters.delete(check);
            clearTimeout(timer);
            resolveWait(p);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        session.waiters.delete(check);
        const mine = session.published.filter((p) => p.uri === uri);
        rejectWait(
          new Error(
            `timed out after ${TIMEOUT_MS} ms waiting for ${what} on ${uri}` +
              ` (version >= ${version ?? "any"}); publishes for it so far:\n${JSON.stringify(mine, null, 1)}\n` +
              `server stderr tail:\n${stderr.slice(-3000)}`,
          ),
        );
      }, TIMEOUT_MS);
      session.waiters.add(check);
      session.exited.then(({ code, signal }) => {
        if (!session.expectExit && session.waiters.has(check)) {
          session.waiters.delete(check);
          clearTimeout(timer);
          rejectWait(new Error(`the server exited with code ${code}, signal ${signal} while waiting for ${what}; stderr tail:\n${stderr.slice(-3000)}`));
        }
      });
      check();
    });

  session.request = (type, params, what) => withTimeout(connection.sendRequest(type, params), what ?? type.method ?? String(type), session);

  /** shutdown → null, exit → process exits with code 0. Always cleans the workspace. */
  session.close = async () => {
    try {
      const result = await session.request(ShutdownRequest.type, undefined, "shutdown");
      await connection.sendNotification(ExitNotification.type);
      session.expectExit = true;
      const exit = await withTimeout(exited, "process exit after 'exit'", session);
      return { shutdownResult: result, exit };
    } finally {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
      }
      rmSync(workspace, { recursive: true, force: true });
    }
  };

  /** Kills the server without the protocol; for cleanup after a failed assertion. */
  session.kill = () => {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
    }
    rmSync(workspace, { recursive: true, force: true });
  };

  return session;
}

/** Applies one LSP edit (UTF-16 positions, which is what JavaScript strings index) to text. */
export function applyEdit(text, range, newText) {
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  return text.slice(0, start) + newText + text.slice(end);
}

/** The UTF-16 offset of an LSP position in `text`. */
export function offsetAt(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) {
      return text.length;
    }
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const lineLength = (lineEnd === -1 ? text.length : lineEnd) - offset;
  return offset + Math.min(position.character, lineLength);
}

/** The text an LSP range covers. */
export function textAt(text, range) {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Hover contents as one string, whatever shape the server chose. */
export function hoverText(hover) {
  if (!hover) return "";
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === "string" ? p : p.value)).join("\n");
}

/** All text edits of a WorkspaceEdit for `uri`, from `changes` or `documentChanges`. */
export function editsFor(workspaceEdit, uri) {
  if (!workspaceEdit) return [];
  const edits = [...(workspaceEdit.changes?.[uri] ?? [])];
  for (const change of workspaceEdit.documentChanges ?? []) {
    if (change.textDocument?.uri === uri) {
      edits.push(...change.edits);
    }
  }
  return edits;
}

async function withTimeout(promise, what, session) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; server stderr tail:\n${session.stderr().slice(-3000)}`)),
      TIMEOUT_MS,
    );
  });
  // An unexpected exit fails at once, with the exit status and stderr, instead of a timeout.
  const died = session.exited.then(({ code, signal }) => {
    if (!session.expectExit) {
      throw new Error(
        `the server (${session.bin} lsp --stdio) exited with code ${code}, signal ${signal} while waiting for ${what}; ` +
          `stderr tail:\n${session.stderr().slice(-3000)}`,
      );
    }
    return new Promise(() => {});
  });
  died.catch(() => {});
  try {
    return await Promise.race([promise, timeout, died]);
  } finally {
    clearTimeout(timer);
  }
}
