// Maps VS Code's `vigil.*` settings to the object the server reads from
// `initializationOptions` and from `workspace/configuration` (section `vigil`).
// Pure of `vscode` so the mapping is unit-tested.

/**
 * Every setting the server understands, as dotted keys without the `vigil.` prefix.
 * The same list is in `editors/settings-keys.json`, which the server's own test compares
 * with its settings struct; this extension's tests compare it with this list and with
 * `contributes.configuration`, so a key added on one side fails a test until added on both.
 */
export const SERVER_SETTING_KEYS = [
  "rules.disabled",
  "rules.severity",
  "exclude",
  "minSeverity",
  "docsBaseUrl",
  "ledger.enabled",
  "ledger.path",
  "developer",
  "paste.minLines",
  "paste.minChars",
  "governance.approved",
] as const;

export type ServerSettingKey = (typeof SERVER_SETTING_KEYS)[number];

/** Settings that only the extension reads; they are never sent to the server. */
export const CLIENT_ONLY_KEYS = ["server.path", "trace.server"] as const;

/** What VS Code's `WorkspaceConfiguration.inspect(key)` returns, reduced to what we use. */
export interface InspectedValue {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The value the user set explicitly, most specific scope first, or `undefined` when the
 * key is only at its default. Defaults are deliberately not sent: the server then applies
 * `.vigil.toml` and its own defaults, and an editor default never overrides the project file.
 */
export function explicitValue(inspected: InspectedValue | undefined): unknown {
  if (!inspected) {
    return undefined;
  }
  for (const value of [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue]) {
    if (value !== undefined && value !== null) {
      return value;
    }
  }
  return undefined;
}

/**
 * Builds the nested settings object, e.g. `{ rules: { disabled: ["x"] }, paste: { minLines: 8 } }`,
 * from a reader that returns the explicit value of a dotted key or `undefined`.
 */
export function buildServerSettings(read: (key: ServerSettingKey) => unknown): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_SETTING_KEYS) {
    const value = read(key);
    if (value === undefined || value === null) {
      continue;
    }
    setDotted(settings, key, value);
  }
  return settings;
}

/** Sets `a.b.c` in a nested object, creating the intermediate objects. */
export function setDotted(target: Record<string, unknown>, dottedKey: string, value: unknown): void {
  const parts = dottedKey.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== "object" || next === null || Array.isArray(next)) {
      node[part] = {};
    }
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/**
 * Answers one `workspace/configuration` item. The server asks for section `vigil` (the whole
 * object) or a sub-section such as `vigil.rules`; other sections belong to other tools.
 */
export function configurationForSection(
  section: string | undefined,
  settings: Record<string, unknown>,
): unknown {
  if (section === "vigil") {
    return settings;
  }
  if (section && section.startsWith("vigil.")) {
    let node: unknown = settings;
    for (const part of section.slice("vigil.".length).split(".")) {
      if (typeof node !== "object" || node === null) {
        return null;
      }
      node = (node as Record<string, unknown>)[part];
    }
    return node ?? null;
  }
  return null;
}
