// The real server, driven the way VS Code drives it, in push mode (the client does not
// advertise textDocument.diagnostic): initialize with UTF-16 only, open files, follow
// incremental edits, hover, code actions, the explain command, close, shutdown and exit.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ExecuteCommandRequest,
  HoverRequest,
  PositionEncodingKind,
  TextDocumentSyncKind,
} from "vscode-languageserver-protocol";

import { editsFor, hoverText, startSession, textAt } from "../lib/client.mjs";

const SHELL = "shell-command-non-constant";
const PYTHON = 'import os, sys\nos.system("ls " + sys.argv[1])\n';
// Emoji (a surrogate pair) and CJK before the finding on the same line: its columns are only
// right if the server counts UTF-16 code units, which is what JavaScript strings index.
const JAVASCRIPT = '// vigil e2e\nconst label = "😀漢字"; require("child_process").exec(`ls ${process.argv[2]}`);\n';

const shellFindings = (diagnostics) => diagnostics.filter((d) => d.code === SHELL);

describe("vigil lsp through vscode-languageserver-protocol (push diagnostics)", () => {
  let s;
  let pythonUri;
  let finding;

  before(async () => {
    s = await startSession();
  });

  after(async () => {
    // A test that failed before shutdown must not leave the server running.
    if (s && s.child.exitCode === null) {
      s.kill();
    }
  });

  it("advertises incremental sync, UTF-16, hover, code actions and the explain command", () => {
    const caps = s.initializeResult.capabilities;
    const sync = typeof caps.textDocumentSync === "number" ? caps.textDocumentSync : caps.textDocumentSync?.change;
    assert.equal(sync, TextDocumentSyncKind.Incremental, "textDocumentSync.change must be Incremental");
    if (typeof caps.textDocumentSync === "object") {
      assert.equal(caps.textDocumentSync.openClose, true, "textDocumentSync.openClose must be true");
    }
    // The client offered only UTF-16; the server may omit the field (UTF-16 is the default).
    assert.ok(
      caps.positionEncoding === undefined || caps.positionEncoding === PositionEncodingKind.UTF16,
      `positionEncoding must be utf-16 when only utf-16 is offered, got ${caps.positionEncoding}`,
    );
    assert.ok(caps.hoverProvider, "hoverProvider");
    assert.ok(caps.codeActionProvider, "codeActionProvider");
    assert.equal(caps.diagnosticProvider, undefined, "no diagnosticProvider for a client without pull support");
    assert.ok(caps.executeCommandProvider?.commands?.includes("vigil.server.explain"), "executeCommandProvider lists vigil.server.explain");
    // The ledger's decisions go through this exact command name (code actions carry it).
    assert.ok(caps.executeCommandProvider?.commands?.includes("vigil.recordDecision"), "executeCommandProvider lists vigil.recordDecision");
  });

  it("publishes the Python finding on open, with rule id, precise range, docs link and data", async () => {
    pythonUri = await s.open("insecure.py", "python", PYTHON);
    const published = await s.waitForDiagnostics(pythonUri, {
      version: 1,
      predicate: (d) => shellFindings(d).length > 0,
      what: `a ${SHELL} diagnostic`,
    });
    if (published.version !== undefined && published.version !== null) {
      assert.equal(published.version, 1, "publishDiagnostics.version is the document's version");
    }
    const findings = shellFindings(published.diagnostics);
    assert.equal(findings.length, 1, `exactly one ${SHELL}: ${JSON.stringify(published.diagnostics)}`);
    finding = findings[0];
    assert.equal(finding.source, "vigil");
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.range.end.line, 1);
    const covered = textAt(PYTHON, finding.range);
    assert.ok(covered.includes('"ls " + sys.argv[1]'), `the range covers the command expression, got ${JSON.stringify(covered)}`);
    assert.ok(covered.length <= 'os.system("ls " + sys.argv[1])'.length, `the range stays on the call, got ${JSON.stringify(covered)}`);
    assert.ok([1, 2, 3, 4].includes(finding.severity), `severity ${finding.severity}`);
    assert.ok(finding.message && !finding.message.includes("\n"), "a one-sentence message");
    const href = new URL(finding.codeDescription?.href);
    assert.ok(href.href.includes(SHELL), `codeDescription.href names the rule: ${href.href}`);
    assert.equal(finding.data?.rule, SHELL, "data.rule");
    assert.equal(typeof finding.data?.fingerprint, "string", "data.fingerprint");
    assert.ok(finding.data.fingerprint.length > 0, "data.fingerprint is not empty");
    assert.ok("confidence" in finding.data, "data.confidence");
    assert.ok("origin" in finding.data, "data.origin");
  });

  it("counts columns in UTF-16 after emoji and CJK text (JavaScript)", async () => {
    const uri = await s.open("insecure.js", "javascript", JAVASCRIPT);
    const published = await s.waitForDiagnostics(uri, { predicate: (d) => shellFindings(d).length > 0, what: `a ${SHELL} diagnostic` });
    const [js] = shellFindings(published.diagnostics);
    assert.equal(js.range.start.line, 1);
    const covered = textAt(JAVASCRIPT, js.range);
    assert.ok(covered.includes("`ls ${process.argv[2]}`"), `UTF-16 range covers the template literal, got ${JSON.stringify(covered)}`);
    assert.ok(!covered.includes("漢"), `the range starts after the CJK text, got ${JSON.stringify(covered)}`);
  });

  it("follows incremental edits: the finding moves, disappears and comes back", async () => {
    // Two new lines above: the finding moves from line 1 to line 3.
    const since = s.published.length;
    let version = await s.change(pythonUri, [{ range: pos(0, 0, 0, 0), text: "\n\n" }]);
    let published = await s.waitForDiagnostics(pythonUri, {
      version,
      since,
      predicate: (d) => shellFindings(d).some((f) => f.range.start.line === 3),
      what: "the finding on line 3 after inserting two lines",
    });
    assert.equal(shellFindings(published.diagnostics).length, 1);
    finding = shellFindings(published.diagnostics)[0];

    // Make the command a constant: no finding.
    const line3 = s.texts.get(pythonUri).split("\n")[3];
    const argStart = line3.indexOf('"ls "');
    const argEnd = line3.indexOf("])") + 1;
    let mark = s.published.length;
    version = await s.change(pythonUri, [{ range: pos(3, argStart, 3, argEnd), text: '"ls"' }]);
    assert.equal(s.texts.get(pythonUri).split("\n")[3], 'os.system("ls")');
    await s.waitForDiagnostics(pythonUri, {
      version,
      since: mark,
      predicate: (d) => shellFindings(d).length === 0,
      what: "no finding once the command is constant",
    });

    // Undo it, in two keystroke-sized edits: the finding is back.
    mark = s.published.length;
    await s.change(pythonUri, [{ range: pos(3, argStart, 3, argStart + 4), text: '"ls "' }]);
    version = await s.change(pythonUri, [{ range: pos(3, argStart + 5, 3, argStart + 5), text: " + sys.argv[1]" }]);
    assert.equal(s.texts.get(pythonUri).split("\n")[3], 'os.system("ls " + sys.argv[1])');
    published = await s.waitForDiagnostics(pythonUri, {
      version,
      since: mark,
      predicate: (d) => shellFindings(d).some((f) => f.range.start.line === 3),
      what: "the finding back on line 3",
    });
    finding = shellFindings(published.diagnostics)[0];
  });

  it("explains the finding on hover with the four sections, and says nothing elsewhere", async () => {
    const hover = await s.request(HoverRequest.type, {
      textDocument: { uri: pythonUri },
      position: { line: finding.range.start.line, character: finding.range.start.character + 1 },
    });
    assert.ok(hover, "a hover over the finding");
    if (!Array.isArray(hover.contents) && typeof hover.contents === "object" && "kind" in hover.contents) {
      assert.equal(hover.contents.kind, "markdown");
    }
    const text = hoverText(hover);
    for (const section of ["Decision", "Attacker", "Safer default", "Fix"]) {
      assert.ok(text.includes(section), `hover has the ${section} section:\n${text}`);
    }

    const elsewhere = await s.request(HoverRequest.type, { textDocument: { uri: pythonUri }, position: { line: 2, character: 1 } });
    assert.ok(!hoverText(elsewhere).includes("Attacker"), "no explanation away from a finding");
  });

  it("offers 'Ignore <rule> here', and the suppression it inserts silences the finding", async () => {
    let actions = await s.request(CodeActionRequest.type, {
      textDocument: { uri: pythonUri },
      range: finding.range,
      context: { diagnostics: [finding], triggerKind: 1 },
    });
    assert.ok(Array.isArray(actions) && actions.length > 0, "code actions for the finding");
    const titles = actions.map((a) => a.title);
    let ignore = actions.find((a) => a.title === `Ignore ${SHELL} here`);
    assert.ok(ignore, `an 'Ignore ${SHELL} here' action among ${JSON.stringify(titles)}`);
    assert.equal(ignore.kind, "quickfix");
    assert.notEqual(ignore.isPreferred, true, "ignoring is never the preferred fix");
    if (!ignore.edit && ignore.data !== undefined) {
      ignore = await s.request(CodeActionResolveRequest.type, ignore);
    }
    const edits = editsFor(ignore.edit, pythonUri);
    assert.ok(edits.length > 0, `the ignore action edits the document: ${JSON.stringify(ignore)}`);
    const inserted = edits.map((e) => e.newText).join("");
    assert.match(inserted, new RegExp(`#.*vigil: ignore\\[${SHELL}\\]`), "a Python comment with the suppression");

    // Apply the edit as VS Code would (last edit first) and check the finding is gone.
    const mark = s.published.length;
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const version = await s.change(
      pythonUri,
      ordered.map((e) => ({ range: e.range, text: e.newText })),
    );
    await s.waitForDiagnostics(pythonUri, {
      version,
      since: mark,
      predicate: (d) => shellFindings(d).length === 0,
      what: "no finding after inserting the suppression comment",
    });
  });

  it("explains a rule through workspace/executeCommand vigil.server.explain", async () => {
    const markdown = await s.request(ExecuteCommandRequest.type, { command: "vigil.server.explain", arguments: [SHELL] });
    assert.equal(typeof markdown, "string");
    assert.ok(markdown.includes("Attacker"), `explanation mentions the attacker's view:\n${markdown}`);
  });

  it("clears a document's diagnostics when it is closed", async () => {
    const jsUri = s.uri("insecure.js");
    const mark = s.published.length;
    await s.closeDocument(jsUri);
    await s.waitForDiagnostics(jsUri, { since: mark, predicate: (d) => d.length === 0, what: "empty diagnostics after didClose" });
  });

  it("answers shutdown with null and exits 0 on exit", async () => {
    const { shutdownResult, exit } = await s.close();
    assert.equal(shutdownResult, null);
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});

function pos(startLine, startCharacter, endLine, endCharacter) {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}
