// Provenance and the decision ledger from a real client session: a block pasted in one change
// is reported as pasted, its finding becomes an `introduced` event with origin `pasted` in a
// private ledger, and the report command writes the HTML report and returns its path.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { ExecuteCommandRequest } from "vscode-languageserver-protocol";

import { startSession } from "../lib/client.mjs";

const SHELL = "shell-command-non-constant";
const PASTE = [
  "def backup(target):",
  '    """Archive the target folder."""',
  '    os.system("tar czf backup.tgz " + sys.argv[1])',
  "    return target",
  "",
  "",
  "def restore(name):",
  "    return name",
  "",
].join("\n");

function events(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

async function waitForEvent(path, predicate, what) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = events(path).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} event in ${path}: ${JSON.stringify(events(path))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("vigil lsp through vscode-languageserver-protocol (provenance and the ledger)", () => {
  let s;
  const dir = mkdtempSync(join(tmpdir(), "vigil-e2e-ledger-"));
  const ledger = join(dir, "ledger.jsonl");
  const saved = { ...process.env };

  before(async () => {
    // The server inherits these: a private ledger, a short settle delay, a known developer.
    process.env.VIGIL_LEDGER = ledger;
    process.env.VIGIL_SETTLE_MS = "200";
    process.env.VIGIL_DEVELOPER = "Ada Lovelace <ada@example.org>";
    s = await startSession();
  });

  after(async () => {
    if (s && s.child.exitCode === null) s.kill();
    for (const key of ["VIGIL_LEDGER", "VIGIL_SETTLE_MS", "VIGIL_DEVELOPER"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a pasted block and marks its finding as pasted", async () => {
    const uri = await s.open("tasks.py", "python", "import os\nimport sys\n\n");
    await s.waitForDiagnostics(uri, { version: 1 });
    const version = await s.change(uri, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: PASTE },
    ]);
    const published = await s.waitForDiagnostics(uri, {
      version,
      predicate: (d) => d.some((x) => x.code === "ai-pasted-block") && d.some((x) => x.code === SHELL),
      what: "the pasted block and its shell finding",
    });
    const shell = published.diagnostics.find((d) => d.code === SHELL);
    assert.equal(shell.data.origin, "pasted");
    const block = published.diagnostics.find((d) => d.code === "ai-pasted-block");
    assert.equal(block.severity, 3, "the block is information, not a warning");
  });

  it("writes an introduced event with the origin, the developer and no source text", async () => {
    const introduced = await waitForEvent(
      ledger,
      (e) => e.event === "introduced" && e.rule === SHELL,
      "introduced",
    );
    assert.equal(introduced.origin, "pasted");
    assert.equal(introduced.developer.email, "ada@example.org");
    assert.equal(introduced.file.endsWith("tasks.py"), true);
    const raw = readFileSync(ledger, "utf8");
    assert.ok(!raw.includes("tar czf"), "the ledger never holds source text");
  });

  it("writes the report through the report command and returns its path", async () => {
    const result = await s.request(ExecuteCommandRequest.type, { command: "vigil.server.writeReport", arguments: [] });
    assert.ok(result && typeof result.path === "string", `a path: ${JSON.stringify(result)}`);
    const html = readFileSync(result.path, "utf8");
    assert.match(html, /<svg/);
    assert.match(html, /ada@example\.org/);
  });

  it("shuts down cleanly", async () => {
    const { shutdownResult, exit } = await s.close();
    assert.equal(shutdownResult, null);
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});
