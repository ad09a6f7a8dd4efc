// Pull diagnostics: a client that advertises textDocument.diagnostic (as VS Code does) gets
// diagnostics only by asking, with resultIds and `unchanged` reports — and never a push.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { DocumentDiagnosticRequest } from "vscode-languageserver-protocol";

import { startSession } from "../lib/client.mjs";

const SHELL = "shell-command-non-constant";
const PYTHON = 'import os, sys\nos.system("ls " + sys.argv[1])\n';

describe("vigil lsp through vscode-languageserver-protocol (pull diagnostics)", () => {
  let s;
  let uri;
  let resultId;

  before(async () => {
    s = await startSession({ pull: true });
  });

  after(() => {
    if (s && s.child.exitCode === null) {
      s.kill();
    }
  });

  it("advertises a diagnosticProvider", () => {
    const provider = s.initializeResult.capabilities.diagnosticProvider;
    assert.ok(provider, "diagnosticProvider for a client with textDocument.diagnostic");
    assert.equal(provider.interFileDependencies, false);
  });

  it("reports the finding in a full report with a resultId", async () => {
    uri = await s.open("pulled.py", "python", PYTHON);
    const report = await s.request(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, "full");
    const findings = report.items.filter((d) => d.code === SHELL);
    assert.equal(findings.length, 1, JSON.stringify(report.items));
    assert.equal(findings[0].range.start.line, 1);
    assert.equal(findings[0].source, "vigil");
    assert.equal(typeof report.resultId, "string", "a resultId so the next pull can be 'unchanged'");
    resultId = report.resultId;
  });

  it("answers 'unchanged' when nothing changed since the previous result", async () => {
    const report = await s.request(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: resultId });
    assert.equal(report.kind, "unchanged", JSON.stringify(report));
    assert.equal(typeof report.resultId, "string");
    resultId = report.resultId;
  });

  it("reports again after an incremental edit, with the finding moved", async () => {
    await s.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "\n" }]);
    const report = await s.request(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: resultId });
    assert.equal(report.kind, "full", JSON.stringify(report));
    const findings = report.items.filter((d) => d.code === SHELL);
    assert.deepEqual(findings.map((f) => f.range.start.line), [2]);
    assert.notEqual(report.resultId, resultId);
  });

  it("never pushes diagnostics to a pull client, and shuts down cleanly", async () => {
    const nonEmptyPushes = s.published.filter((p) => p.diagnostics.length > 0);
    assert.deepEqual(nonEmptyPushes, [], "no publishDiagnostics with findings in pull mode");
    const { shutdownResult, exit } = await s.close();
    assert.equal(shutdownResult, null);
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});
