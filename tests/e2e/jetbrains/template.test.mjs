// The LSP4IJ user-defined server template in editors/jetbrains: every file parses, the template
// has what LSP4IJ's deserializer reads, every language and extension the server supports maps
// to the right languageId (checked with IntelliJ-style wildcard matching, first match wins),
// and the settings schema names exactly the server's settings keys.
//
// Run: node --test tests/e2e/jetbrains/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const jetbrains = join(repo, "editors", "jetbrains");
const read = (path) => {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${err.message}`);
  }
};

const template = read(join(jetbrains, "template.json"));
const settings = read(join(jetbrains, "settings.json"));
const initializationOptions = read(join(jetbrains, "initializationOptions.json"));
const schema = read(join(jetbrains, "settings.schema.json"));
const languages = read(join(repo, "editors", "languages.json"));
const settingsKeys = read(join(repo, "editors", "settings-keys.json"));

/** IntelliJ's file name patterns: `*` is any run of characters, `?` one character, case-insensitive. */
function matches(pattern, fileName) {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return regex.test(fileName);
}

/** The languageId LSP4IJ would send for a file name: the first mapping whose pattern matches. */
function languageIdFor(fileName) {
  for (const mapping of template.fileTypeMappings) {
    if ((mapping.fileType.patterns ?? []).some((p) => matches(p, fileName))) {
      return mapping.languageId;
    }
  }
  return undefined;
}

/** Dotted paths of the leaves of a nested object, e.g. { a: { b: 1 } } → ["a.b"]. */
function leafKeys(value, prefix = "") {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    return prefix ? [prefix] : [];
  }
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

/** Dotted paths of the leaf properties a JSON schema declares. */
function schemaKeys(node, prefix = "") {
  if (node.type === "object" && node.properties) {
    return Object.entries(node.properties).flatMap(([key, child]) => schemaKeys(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

describe("editors/jetbrains/template.json", () => {
  it("has the fields LSP4IJ's template deserializer reads", () => {
    assert.equal(typeof template.name, "string");
    assert.equal(typeof template.id, "string");
    assert.equal(typeof template.programArgs?.default, "string", "programArgs.default is required");
    assert.match(template.programArgs.default, /^vigil(\.exe)? lsp$/);
    assert.match(template.programArgs.windows, /^vigil\.exe lsp$/);
    assert.ok(Array.isArray(template.fileTypeMappings) && template.fileTypeMappings.length > 0);
    for (const mapping of template.fileTypeMappings) {
      assert.equal(typeof mapping.languageId, "string", `languageId in ${JSON.stringify(mapping)}`);
      const patterns = mapping.fileType?.patterns ?? [];
      assert.ok(patterns.length > 0 || typeof mapping.fileType?.name === "string", `a pattern or file type name in ${JSON.stringify(mapping)}`);
      for (const pattern of patterns) {
        assert.equal(typeof pattern, "string");
      }
    }
  });

  for (const language of languages) {
    it(`maps every ${language.name} extension to languageId '${language.languageId}'`, () => {
      for (const extension of language.extensions) {
        assert.equal(languageIdFor(`example.${extension}`), language.languageId, `*.${extension}`);
        assert.equal(languageIdFor(`Example.${extension.toUpperCase()}`), language.languageId, `*.${extension.toUpperCase()}`);
      }
    });
  }

  it("sends every other file as plaintext so the server's secret checks run there", () => {
    for (const name of [".env", "config.yaml", "Dockerfile", "settings.toml", "id_rsa", "notes.txt"]) {
      assert.equal(languageIdFor(name), "plaintext", name);
    }
    const last = template.fileTypeMappings.at(-1);
    assert.deepEqual(last.fileType.patterns, ["*"], "the catch-all comes last, after every language");
  });

  it("names only languageIds the server parses, or plaintext", () => {
    const known = new Set([...languages.map((l) => l.languageId), "plaintext"]);
    for (const mapping of template.fileTypeMappings) {
      assert.ok(known.has(mapping.languageId), mapping.languageId);
    }
  });
});

describe("editors/jetbrains settings", () => {
  it("settings.schema.json declares exactly the server's settings keys (editors/settings-keys.json)", () => {
    const declared = schemaKeys(schema.properties.vigil).sort();
    assert.deepEqual(declared, [...settingsKeys].sort());
  });

  it("settings.json answers section 'vigil' with known keys only", () => {
    assert.equal(typeof settings.vigil, "object");
    for (const key of leafKeys(settings.vigil)) {
      assert.ok(settingsKeys.includes(key), `unknown setting vigil.${key}`);
    }
  });

  it("initializationOptions.json is an object of known keys only", () => {
    assert.equal(typeof initializationOptions, "object");
    assert.ok(!Array.isArray(initializationOptions));
    for (const key of leafKeys(initializationOptions)) {
      assert.ok(settingsKeys.includes(key), `unknown initialization option ${key}`);
    }
  });
});
