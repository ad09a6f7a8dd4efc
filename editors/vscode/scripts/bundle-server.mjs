// Copies a vigil binary into server/ so the .vsix ships it ("bundled" in the server
// lookup order). The binary comes from VIGIL_BIN, or from the workspace release build.
// Packaging without a binary is allowed: the extension then needs vigil.server.path,
// VIGIL_SERVER_PATH or `vigil` on PATH, and this script says so.
import { copyFileSync, chmodSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extensionRoot = resolve(here, "..");
const repoRoot = resolve(extensionRoot, "../..");
const exe = process.platform === "win32" ? "vigil.exe" : "vigil";
const source = process.env.VIGIL_BIN
  ? resolve(process.env.VIGIL_BIN)
  : join(repoRoot, "target", "release", exe);
const targetDir = join(extensionRoot, "server");
const target = join(targetDir, exe);

rmSync(targetDir, { recursive: true, force: true });
if (existsSync(source)) {
  mkdirSync(targetDir, { recursive: true });
  copyFileSync(source, target);
  chmodSync(target, 0o755);
  console.log(`bundle-server: bundled ${source} as server/${exe}`);
} else {
  console.warn(
    `bundle-server: no server binary at ${source}; packaging without a bundled server. ` +
      "Build it with `cargo build --release` or set VIGIL_BIN to bundle one.",
  );
}
