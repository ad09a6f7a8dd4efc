import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { PARSED_LANGUAGES, documentSelector } from "../languages";
import { repoRoot } from "./helpers";

const languages: { languageId: string }[] = JSON.parse(readFileSync(join(repoRoot(), "editors", "languages.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(repoRoot(), "editors", "vscode", "package.json"), "utf8"));

describe("languages", () => {
  it("are the server's languages (editors/languages.json)", () => {
    assert.deepEqual([...PARSED_LANGUAGES].sort(), languages.map((l) => l.languageId).sort());
  });

  it("each activates the extension", () => {
    for (const language of PARSED_LANGUAGES) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), `onLanguage:${language}`);
    }
  });

  it("the selector covers each language and, for secrets, every file", () => {
    const selector = documentSelector();
    for (const language of PARSED_LANGUAGES) {
      assert.ok(selector.some((f) => f.language === language && f.scheme === "file"), language);
    }
    assert.ok(selector.some((f) => f.scheme === "file" && f.language === undefined), "a catch-all { scheme: 'file' }");
  });
});
