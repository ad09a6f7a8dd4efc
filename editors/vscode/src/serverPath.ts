// Finds the vigil server binary. Pure of `vscode` so the lookup order and the error text
// are unit-tested with real executables on disk.

import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, isAbsolute, join } from "node:path";

/** Where a candidate came from, in lookup order. */
export type ServerSource = "setting" | "environment" | "bundled" | "path";

export interface LookupInput {
  /** The `vigil.server.path` setting, when set. */
  settingPath?: string | null;
  /** The `VIGIL_SERVER_PATH` environment variable, when set. */
  envPath?: string | null;
  /** Absolute path of the binary bundled in the extension (`<ext>/server/vigil`). */
  bundledPath: string;
  /** Whether the workspace is trusted; untrusted workspaces only run the bundled binary. */
  trusted: boolean;
  /** The `PATH` to search for `vigil`. */
  pathEnv?: string;
  platform?: NodeJS.Platform;
}

export interface FoundServer {
  path: string;
  source: ServerSource;
  /** The first line printed by `vigil --version`. */
  version: string;
}

export interface Attempt {
  source: ServerSource;
  path?: string;
  problem: string;
}

/** Runs `<path> --version`; resolves to its first output line or rejects with a reason. */
export type VersionProbe = (path: string) => Promise<string>;

/** Thrown when no candidate works; `message` tells the user exactly what to do. */
export class ServerNotFoundError extends Error {
  constructor(
    readonly attempts: Attempt[],
    trusted: boolean,
  ) {
    super(notFoundMessage(attempts, trusted));
    this.name = "ServerNotFoundError";
  }
}

/**
 * Tries, in order: the setting, the environment variable, the bundled binary and `vigil`
 * on PATH, and returns the first one whose `--version` succeeds. A candidate that is set
 * but broken does not stop the search; it is reported in `skipped` so the caller can warn.
 */
export async function findServer(
  input: LookupInput,
  probe: VersionProbe = probeVersion,
): Promise<FoundServer & { skipped: Attempt[] }> {
  const attempts: Attempt[] = [];
  const platform = input.platform ?? process.platform;

  const candidates: { source: ServerSource; path?: string; unset: string }[] = [];
  if (input.trusted) {
    candidates.push({
      source: "setting",
      path: nonEmpty(input.settingPath),
      unset: "vigil.server.path is not set",
    });
    candidates.push({
      source: "environment",
      path: nonEmpty(input.envPath),
      unset: "VIGIL_SERVER_PATH is not set",
    });
  }
  candidates.push({ source: "bundled", path: input.bundledPath, unset: "" });
  if (input.trusted) {
    candidates.push({
      source: "path",
      path: findOnPath(executableName(platform), input.pathEnv ?? process.env.PATH ?? "", platform),
      unset: `no '${executableName(platform)}' on PATH`,
    });
  }

  for (const candidate of candidates) {
    if (!candidate.path) {
      attempts.push({ source: candidate.source, problem: candidate.unset });
      continue;
    }
    const path = resolveCommand(expandHome(candidate.path), input.pathEnv ?? process.env.PATH ?? "", platform);
    if (!isFile(path)) {
      attempts.push({ source: candidate.source, path, problem: "no such file" });
      continue;
    }
    try {
      const version = await probe(path);
      const skipped = attempts.filter((a) => a.path !== undefined);
      return { path, source: candidate.source, version, skipped };
    } catch (err) {
      attempts.push({
        source: candidate.source,
        path,
        problem: `'--version' failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  throw new ServerNotFoundError(attempts, input.trusted);
}

/** `vigil` or `vigil.exe`. */
export function executableName(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? "vigil.exe" : "vigil";
}

/** The first executable file called `name` in the directories of `pathEnv`. */
export function findOnPath(
  name: string,
  pathEnv: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const separator = platform === "win32" ? ";" : delimiter;
  for (const dir of pathEnv.split(separator)) {
    if (!dir || !isAbsolute(dir)) {
      // A relative PATH entry would resolve against the workspace: never trust it.
      continue;
    }
    const candidate = join(dir, name);
    if (isFile(candidate) && isExecutable(candidate, platform)) {
      return candidate;
    }
  }
  return undefined;
}

/** Replaces a leading `~/` with the home directory, as users write it in settings. */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === "~") {
    return home;
  }
  if (path.startsWith("~/") || path.startsWith("~\\")) {
    return join(home, path.slice(2));
  }
  return path;
}

/** A bare command name (`vigil`) in a setting means "look it up on PATH". */
function resolveCommand(path: string, pathEnv: string, platform: NodeJS.Platform): string {
  if (path.includes("/") || path.includes("\\")) {
    return path;
  }
  return findOnPath(path, pathEnv, platform) ?? path;
}

/** Runs `<path> --version` with a timeout and returns the first line of its output. */
export function probeVersion(path: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, ["--version"], { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const detail = String(stderr || err.message).trim().split(/\r?\n/)[0];
        reject(new Error(detail || "exited with an error"));
        return;
      }
      const line = String(stdout).trim().split(/\r?\n/)[0];
      if (!line) {
        reject(new Error("printed no version"));
        return;
      }
      resolve(line);
    });
  });
}

/** The message shown when no server works: what was tried and what to do about it. */
export function notFoundMessage(attempts: Attempt[], trusted: boolean): string {
  const tried = attempts
    .map((a) => `${label(a.source)}${a.path ? ` (${a.path})` : ""}: ${a.problem}`)
    .join("; ");
  const fix = trusted
    ? "Install the server with `cargo install --path server` from a vigil-ls checkout " +
      "(or put a `vigil` binary on PATH), or set `vigil.server.path` to the binary's full path, " +
      "then run 'Vigil: Restart Server'."
    : "This workspace is untrusted, so only the server bundled with the extension may run and " +
      "none is bundled for this platform. Trust the workspace (Workspaces: Manage Workspace Trust) " +
      "to use vigil.server.path, VIGIL_SERVER_PATH or `vigil` on PATH.";
  return `Vigil could not start its language server. Tried ${tried}. ${fix}`;
}

function label(source: ServerSource): string {
  switch (source) {
    case "setting":
      return "setting vigil.server.path";
    case "environment":
      return "environment variable VIGIL_SERVER_PATH";
    case "bundled":
      return "bundled binary";
    case "path":
      return "PATH";
  }
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string, platform: NodeJS.Platform): boolean {
  if (platform === "win32") {
    return true;
  }
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
