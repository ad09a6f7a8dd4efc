// The vigil-ls VS Code extension: finds the server, starts it through vscode-languageclient,
// and adds three commands and a status bar item. Everything that can be decided without
// VS Code lives in serverPath.ts, settings.ts and findings.ts, which are unit-tested.

import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { countFindings, rulesAtCursor, statusText } from "./findings";
import { documentSelector } from "./languages";
import { FoundServer, ServerNotFoundError, executableName, findServer } from "./serverPath";
import { buildServerSettings, configurationForSection, explicitValue } from "./settings";

const EXPLAIN_SCHEME = "vigil-explain";

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
let outputChannel: vscode.OutputChannel;
const explanations = new Map<string, string>();
const explanationChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  outputChannel = vscode.window.createOutputChannel("Vigil");
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  statusItem.name = "Vigil";
  context.subscriptions.push(outputChannel, statusItem, explanationChanged);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      onDidChange: explanationChanged.event,
      provideTextDocumentContent: (uri) => explanations.get(uri.toString()) ?? "",
    }),
    vscode.commands.registerCommand("vigil.restartServer", () => restart(context)),
    vscode.commands.registerCommand("vigil.showReport", showReport),
    vscode.commands.registerCommand("vigil.explainRule", explainRuleUnderCursor),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("vigil.server.path")) {
        await restart(context);
      } else if (event.affectsConfiguration("vigil") && client?.isRunning()) {
        // Servers re-read settings on this notification; the payload is the same object
        // that answers workspace/configuration.
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { vigil: currentSettings() },
        });
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );

  // One entry point for starting, so activation and the restart command fail the same way.
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  let server: FoundServer;
  try {
    const found = await findServer({
      settingPath: vscode.workspace.getConfiguration("vigil").get<string | null>("server.path"),
      envPath: process.env.VIGIL_SERVER_PATH,
      bundledPath: vscode.Uri.joinPath(context.extensionUri, "server", executableName()).fsPath,
      trusted: vscode.workspace.isTrusted,
    });
    for (const skipped of found.skipped) {
      const message = `Vigil: ${skipped.path} (${skipped.source}) did not work: ${skipped.problem}. Using ${found.path} instead.`;
      outputChannel.appendLine(message);
      void vscode.window.showWarningMessage(message);
    }
    server = found;
  } catch (err) {
    showStartFailure(err);
    return;
  }
  outputChannel.appendLine(`Using ${server.version} at ${server.path} (${server.source}).`);

  const serverOptions: ServerOptions = {
    command: server.path,
    args: ["lsp"],
    // The client appends `--stdio`, which the server accepts and ignores.
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: currentSettings(),
    outputChannel,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.vigil.toml"),
    },
    middleware: {
      workspace: {
        // Answer from the explicitly set settings only, as for initializationOptions,
        // so that `.vigil.toml` is never overridden by an editor default.
        configuration: (params) => {
          const settings = currentSettings();
          return params.items.map((item) => configurationForSection(item.section, settings));
        },
      },
    },
  };

  client = new LanguageClient("vigil", "Vigil", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Stopped) {
      statusItem.text = "$(error) vigil";
      statusItem.tooltip = "The vigil server stopped. Click to restart it.";
      statusItem.command = "vigil.restartServer";
    } else if (event.newState === State.Running) {
      updateStatus();
    }
  });
  try {
    await client.start();
  } catch (err) {
    showStartFailure(err);
    return;
  }
  updateStatus();
  statusItem.show();
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) {
    await running.stop();
  }
}

function currentSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("vigil");
  return buildServerSettings((key) => explicitValue(config.inspect(key)));
}

function updateStatus(): void {
  if (!client?.isRunning()) {
    return;
  }
  const count = countFindings(vscode.languages.getDiagnostics());
  statusItem.text = statusText(count);
  statusItem.tooltip = `${count} security finding${count === 1 ? "" : "s"} from vigil. Click to open the Problems view.`;
  statusItem.command = "workbench.actions.view.problems";
  statusItem.show();
}

function showStartFailure(err: unknown): void {
  const message = err instanceof ServerNotFoundError || err instanceof Error ? err.message : String(err);
  outputChannel.appendLine(message);
  statusItem.text = "$(error) vigil";
  statusItem.tooltip = message;
  statusItem.command = "vigil.restartServer";
  statusItem.show();
  void vscode.window
    .showErrorMessage(message, "Open Settings", "Show Output")
    .then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "vigil.server.path");
      } else if (choice === "Show Output") {
        outputChannel.show();
      }
    });
}

function runningClient(): LanguageClient | undefined {
  if (client?.isRunning()) {
    return client;
  }
  void vscode.window.showErrorMessage("Vigil: the server is not running. Run 'Vigil: Restart Server'.");
  return undefined;
}

async function showReport(): Promise<void> {
  const active = runningClient();
  if (!active) {
    return;
  }
  try {
    const result = (await active.sendRequest(ExecuteCommandRequest.type, {
      command: "vigil.server.writeReport",
      arguments: [],
    })) as { path?: string } | null;
    if (!result?.path) {
      void vscode.window.showErrorMessage("Vigil: the server wrote no report (is the ledger enabled?).");
      return;
    }
    const opened = await vscode.env.openExternal(vscode.Uri.file(result.path));
    if (!opened) {
      void vscode.window.showInformationMessage(`Vigil: security report written to ${result.path}`);
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`Vigil: could not write the report: ${errorText(err)}`);
  }
}

async function explainRuleUnderCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const active = runningClient();
  if (!editor || !active) {
    return;
  }
  const ruleIds = rulesAtCursor(vscode.languages.getDiagnostics(editor.document.uri), editor.selection.active);
  let ruleId = ruleIds[0];
  if (ruleIds.length > 1) {
    ruleId = (await vscode.window.showQuickPick(ruleIds, { placeHolder: "Which finding?" })) ?? "";
  }
  if (!ruleId) {
    void vscode.window.showInformationMessage("Vigil: there is no vigil finding under the cursor.");
    return;
  }
  try {
    const markdown = await active.sendRequest(ExecuteCommandRequest.type, {
      command: "vigil.server.explain",
      arguments: [ruleId],
    });
    if (typeof markdown !== "string" || markdown.length === 0) {
      void vscode.window.showErrorMessage(`Vigil: the server has no explanation for ${ruleId}.`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${ruleId}.md` });
    explanations.set(uri.toString(), markdown);
    explanationChanged.fire(uri);
    await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`Vigil: could not explain ${ruleId}: ${errorText(err)}`);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
