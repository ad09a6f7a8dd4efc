// The extension's pure parts against the real server: the lookup accepts the binary (by
// running `--version`), and the settings the extension sends — as initializationOptions and as
// answers to workspace/configuration — are honoured. Uses vscode-languageserver-protocol, the
// library under vscode-languageclient, because VS Code's test host cannot be downloaded here.
//
// Skipped with a reason when the binary is missing, unless VIGIL_REQUIRE_SERVER=1 (CI).

import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";

import {
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from "vscode-languageserver-protocol/node";

import { findServer } from "../serverPath";
import { ServerSettingKey, buildServerSettings, configurationForSection, explicitValue } from "../settings";
import { serverSkipReason, vigilBin } from "./helpers";

const SHELL = "shell-command-non-constant";
const EVAL = "eval-non-constant";
// One finding of each rule, so a publish arrives whichever rule is disabled.
const SAMPLE = 'import os, sys\nos.system("ls " + sys.argv[1])\neval(sys.argv[1])\n';
const TIMEOUT_MS = 10_000;

const skip = serverSkipReason();

interface Session {
  connection: ProtocolConnection;
  child: ChildProcess;
  workspace: string;
  configurationRequests: unknown[];
  diagnostics(uri: string): Promise<PublishDiagnosticsParams>;
}

/** Starts the server the way the extension does: `<bin> lsp --stdio`, settings from VS Code's inspect(). */
async function start(inspected: Partial<Record<ServerSettingKey, { globalValue?: unknown; workspaceValue?: unknown }>>): Promise<Session> {
  const settings = buildServerSettings((key) => explicitValue(inspected[key]));
  const workspace = mkdtempSync(join(tmpdir(), "vigil-vscode-"));
  const child = spawn(vigilBin(), ["lsp", "--stdio"], { cwd: workspace, stdio: ["pipe", "pipe", "inherit"] });
  child.stdin?.on("error", () => undefined);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  const configurationRequests: unknown[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests.push(params);
    return params.items.map((item) => configurationForSection(item.section, settings));
  });
  for (const method of ["client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create", "workspace/diagnostic/refresh"]) {
    connection.onRequest(method, () => null);
  }
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  const exited = new Promise<never>((_, reject) =>
    child.on("exit", (code, signal) => reject(new Error(`${vigilBin()} lsp --stdio exited (code ${code}, signal ${signal}) before answering initialize`))),
  );
  exited.catch(() => undefined);
  const initialized = connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "workspace" }],
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
    },
    initializationOptions: settings,
  });
  try {
    await Promise.race([initialized, exited]);
  } catch (err) {
    // The exit status says more than the EPIPE a dead server causes.
    const reason = await Promise.race([exited.catch((e: Error) => e), new Promise<Error>((r) => setTimeout(() => r(err as Error), 1000))]);
    connection.dispose();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
    throw reason;
  }
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    child,
    workspace,
    configurationRequests,
    diagnostics: (uri) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics with a finding for ${uri} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        const check = () => {
          const hit = published.find((p) => p.uri === uri && p.diagnostics.length > 0);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
  };
}

async function stop(session: Session): Promise<void> {
  try {
    await session.connection.sendRequest(ShutdownRequest.type);
    await session.connection.sendNotification(ExitNotification.type);
  } finally {
    session.connection.dispose();
    session.child.kill();
    rmSync(session.workspace, { recursive: true, force: true });
  }
}

async function rulesReported(session: Session): Promise<string[]> {
  const uri = pathToFileURL(join(session.workspace, "sample.py")).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "python", version: 1, text: SAMPLE },
  });
  const published = await session.diagnostics(uri);
  return published.diagnostics.map((d) => String(d.code)).sort();
}

describe("the extension against the real server", { skip }, () => {
  it("finds the binary through VIGIL_SERVER_PATH and reads its version", async () => {
    const found = await findServer({ envPath: vigilBin(), bundledPath: join(tmpdir(), "no-such-vigil"), trusted: true, pathEnv: "" });
    assert.equal(found.source, "environment");
    assert.match(found.version, /\d+\.\d+/, `a version number in '${found.version}'`);
  });

  it("reports both rules with no settings", async () => {
    const session = await start({});
    try {
      const rules = await rulesReported(session);
      assert.ok(rules.includes(SHELL) && rules.includes(EVAL), `both rules reported: ${rules}`);
    } finally {
      await stop(session);
    }
  });

  it("honours vigil.rules.disabled set in the user's settings", async () => {
    const session = await start({ "rules.disabled": { globalValue: [SHELL] } });
    try {
      const rules = await rulesReported(session);
      assert.ok(rules.includes(EVAL), `the other rule still reports: ${rules}`);
      assert.ok(!rules.includes(SHELL), `${SHELL} is disabled: ${rules}`);
    } finally {
      await stop(session);
    }
  });

  it("lets a workspace setting override a user setting", async () => {
    const session = await start({ "rules.disabled": { globalValue: [SHELL], workspaceValue: [EVAL] } });
    try {
      const rules = await rulesReported(session);
      assert.ok(rules.includes(SHELL), `the workspace value replaces the user value: ${rules}`);
      assert.ok(!rules.includes(EVAL), `${EVAL} is disabled by the workspace: ${rules}`);
    } finally {
      await stop(session);
    }
  });
});
