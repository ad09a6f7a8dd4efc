// Shared by the tests: where the repository and the server binary are.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The repository root: the nearest ancestor holding `editors/settings-keys.json`. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, "editors", "settings-keys.json"))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no editors/settings-keys.json above ${__dirname}`);
    }
    dir = parent;
  }
}

/** The server binary: `VIGIL_BIN`, else the release build in the repository. */
export function vigilBin(): string {
  return process.env.VIGIL_BIN ? resolve(process.env.VIGIL_BIN) : join(repoRoot(), "target", "release", "vigil");
}

/**
 * Whether the real-server tests may be skipped when the binary is missing. CI and
 * tests/e2e/run-all.sh set VIGIL_REQUIRE_SERVER=1, which turns a missing binary into a failure.
 */
export function serverSkipReason(): string | undefined {
  if (existsSync(vigilBin())) {
    return undefined;
  }
  const reason = `no server binary at ${vigilBin()} (build it with cargo build --release or set VIGIL_BIN)`;
  if (process.env.VIGIL_REQUIRE_SERVER === "1") {
    throw new Error(reason);
  }
  return reason;
}
