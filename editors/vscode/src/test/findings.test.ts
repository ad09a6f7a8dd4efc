import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { DiagnosticLike, countFindings, ruleIdOf, rulesAtCursor, statusText } from "../findings";

const at = (line: number, start: number, end: number, code: DiagnosticLike["code"], source = "vigil"): DiagnosticLike => ({
  source,
  code,
  range: { start: { line, character: start }, end: { line, character: end } },
});

describe("findings", () => {
  it("counts only vigil's diagnostics", () => {
    const perDocument = [
      ["a.py", [at(0, 0, 5, "x"), at(1, 0, 5, "E501", "ruff")]],
      ["b.js", [at(0, 0, 1, "y"), at(2, 0, 1, "z")]],
    ] as const;
    assert.equal(countFindings(perDocument), 3);
    assert.equal(countFindings([]), 0);
  });

  it("reads the rule id from a plain or wrapped code", () => {
    assert.equal(ruleIdOf(at(0, 0, 1, "eval-non-constant")), "eval-non-constant");
    assert.equal(ruleIdOf(at(0, 0, 1, { value: "eval-non-constant", target: "https://x" })), "eval-non-constant");
    assert.equal(ruleIdOf(at(0, 0, 1, undefined)), undefined);
  });

  it("finds the rules under the cursor, narrowest first, without duplicates", () => {
    const diagnostics = [
      at(3, 0, 40, "shell-command-non-constant"),
      at(3, 10, 20, "eval-non-constant"),
      at(3, 12, 18, "eval-non-constant"),
      at(3, 10, 20, "E1", "ruff"),
      at(4, 0, 10, "tls-verification-disabled"),
    ];
    assert.deepEqual(rulesAtCursor(diagnostics, { line: 3, character: 15 }), ["eval-non-constant", "shell-command-non-constant"]);
    assert.deepEqual(rulesAtCursor(diagnostics, { line: 3, character: 40 }), ["shell-command-non-constant"]);
    assert.deepEqual(rulesAtCursor(diagnostics, { line: 5, character: 0 }), []);
  });

  it("shows the count in the status bar", () => {
    assert.equal(statusText(0), "$(shield) vigil");
    assert.equal(statusText(3), "$(shield) vigil: 3");
  });
});
