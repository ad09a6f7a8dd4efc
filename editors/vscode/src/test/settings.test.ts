import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  CLIENT_ONLY_KEYS,
  SERVER_SETTING_KEYS,
  buildServerSettings,
  configurationForSection,
  explicitValue,
  setDotted,
} from "../settings";
import { repoRoot } from "./helpers";

const sharedKeys: string[] = JSON.parse(readFileSync(join(repoRoot(), "editors", "settings-keys.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(repoRoot(), "editors", "vscode", "package.json"), "utf8"));
const properties: Record<string, { description?: string; markdownDescription?: string; default?: unknown }> =
  manifest.contributes.configuration.properties;

describe("settings drift", () => {
  it("the extension's key list equals editors/settings-keys.json", () => {
    assert.deepEqual([...SERVER_SETTING_KEYS].sort(), [...sharedKeys].sort());
  });

  it("contributes.configuration declares exactly the server keys plus the client-only keys", () => {
    const declared = Object.keys(properties).map((key) => {
      assert.ok(key.startsWith("vigil."), `${key} is outside the vigil section`);
      return key.slice("vigil.".length);
    });
    const serverSide = declared.filter((key) => !(CLIENT_ONLY_KEYS as readonly string[]).includes(key));
    assert.deepEqual(serverSide.sort(), [...sharedKeys].sort());
    for (const key of CLIENT_ONLY_KEYS) {
      assert.ok(declared.includes(key), `client-only setting vigil.${key} is not declared`);
    }
  });

  it("every setting is documented and the paste thresholds default to 6 lines and 200 characters", () => {
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok(schema.description || schema.markdownDescription, `${key} has no description`);
    }
    assert.equal(properties["vigil.paste.minLines"].default, 6);
    assert.equal(properties["vigil.paste.minChars"].default, 200);
  });
});

describe("explicitValue", () => {
  it("takes the most specific scope that is set and ignores defaults", () => {
    assert.equal(explicitValue(undefined), undefined);
    assert.equal(explicitValue({}), undefined);
    assert.equal(explicitValue({ globalValue: "g" }), "g");
    assert.equal(explicitValue({ globalValue: "g", workspaceValue: "w" }), "w");
    assert.equal(explicitValue({ globalValue: "g", workspaceValue: "w", workspaceFolderValue: "f" }), "f");
    assert.equal(explicitValue({ workspaceValue: null, globalValue: false }), false);
  });
});

describe("buildServerSettings", () => {
  it("nests dotted keys and leaves unset keys out", () => {
    const values: Record<string, unknown> = {
      "rules.disabled": ["eval-non-constant"],
      "rules.severity": { "tls-verification-disabled": "error" },
      exclude: ["vendor/**"],
      "ledger.enabled": false,
      "paste.minLines": 8,
    };
    assert.deepEqual(
      buildServerSettings((key) => values[key]),
      {
        rules: { disabled: ["eval-non-constant"], severity: { "tls-verification-disabled": "error" } },
        exclude: ["vendor/**"],
        ledger: { enabled: false },
        paste: { minLines: 8 },
      },
    );
  });

  it("is empty when nothing is set, so .vigil.toml decides", () => {
    assert.deepEqual(buildServerSettings(() => undefined), {});
  });

  it("reads every server key and no other", () => {
    const read: string[] = [];
    buildServerSettings((key) => {
      read.push(key);
      return undefined;
    });
    assert.deepEqual(read, [...SERVER_SETTING_KEYS]);
  });

  it("setDotted replaces a scalar in the way of a nested key", () => {
    const target: Record<string, unknown> = { rules: "oops" };
    setDotted(target, "rules.disabled", []);
    assert.deepEqual(target, { rules: { disabled: [] } });
  });
});

describe("configurationForSection", () => {
  const settings = { rules: { disabled: ["a"] }, minSeverity: "warning" };
  it("answers the vigil section and its sub-sections, and null for other tools", () => {
    assert.deepEqual(configurationForSection("vigil", settings), settings);
    assert.deepEqual(configurationForSection("vigil.rules", settings), { disabled: ["a"] });
    assert.deepEqual(configurationForSection("vigil.rules.disabled", settings), ["a"]);
    assert.equal(configurationForSection("vigil.minSeverity", settings), "warning");
    assert.equal(configurationForSection("vigil.paste.minLines", settings), null);
    assert.equal(configurationForSection("python", settings), null);
    assert.equal(configurationForSection(undefined, settings), null);
  });
});
