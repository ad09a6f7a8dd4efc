import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { ServerNotFoundError, expandHome, findOnPath, findServer, probeVersion } from "../serverPath";

// Real executables on disk: the lookup runs `--version` exactly as it does in VS Code.
let root: string;
let bin: (name: string, script: string, executable?: boolean) => string;

before(() => {
  root = mkdtempSync(join(tmpdir(), "vigil-lookup-"));
  bin = (name, script, executable = true) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "vigil");
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, executable ? 0o755 : 0o644);
    return path;
  };
});

after(() => rmSync(root, { recursive: true, force: true }));

const version = (tag: string) => `echo "vigil ${tag}"`;

describe("findServer", { skip: process.platform === "win32" ? "shell scripts" : false }, () => {
  it("prefers the setting, then the environment, then the bundled binary, then PATH", async () => {
    const setting = bin("setting", version("setting"));
    const env = bin("env", version("env"));
    const bundled = bin("bundled", version("bundled"));
    const onPath = bin("path", version("path"));
    const pathEnv = join(root, "path");

    const all = await findServer({ settingPath: setting, envPath: env, bundledPath: bundled, trusted: true, pathEnv });
    assert.equal(all.source, "setting");
    assert.equal(all.path, setting);
    assert.equal(all.version, "vigil setting");

    const noSetting = await findServer({ settingPath: null, envPath: env, bundledPath: bundled, trusted: true, pathEnv });
    assert.deepEqual([noSetting.source, noSetting.version], ["environment", "vigil env"]);

    const bundledOnly = await findServer({ envPath: "  ", bundledPath: bundled, trusted: true, pathEnv });
    assert.deepEqual([bundledOnly.source, bundledOnly.version], ["bundled", "vigil bundled"]);

    const pathOnly = await findServer({ bundledPath: join(root, "missing", "vigil"), trusted: true, pathEnv });
    assert.deepEqual([pathOnly.source, pathOnly.path], ["path", onPath]);
  });

  it("falls through a broken setting and reports it as skipped", async () => {
    const broken = bin("broken", 'echo "error: bad install" >&2; exit 3');
    const env = bin("env2", version("env"));
    const found = await findServer({ settingPath: broken, envPath: env, bundledPath: join(root, "none"), trusted: true, pathEnv: "" });
    assert.equal(found.source, "environment");
    assert.equal(found.skipped.length, 1);
    assert.equal(found.skipped[0].source, "setting");
    assert.match(found.skipped[0].problem, /--version' failed: error: bad install/);
  });

  it("runs only the bundled binary in an untrusted workspace", async () => {
    const setting = bin("evil-setting", version("evil"));
    const bundled = bin("bundled2", version("bundled"));
    const found = await findServer({ settingPath: setting, envPath: setting, bundledPath: bundled, trusted: false, pathEnv: join(root, "evil-setting") });
    assert.equal(found.source, "bundled");

    await assert.rejects(
      findServer({ settingPath: setting, envPath: setting, bundledPath: join(root, "none"), trusted: false, pathEnv: join(root, "evil-setting") }),
      (err: unknown) => {
        assert.ok(err instanceof ServerNotFoundError);
        assert.deepEqual(err.attempts.map((a) => a.source), ["bundled"]);
        assert.match(err.message, /untrusted/);
        assert.match(err.message, /Manage Workspace Trust/);
        return true;
      },
    );
  });

  it("says what was tried and what to do when nothing works", async () => {
    const notExecutable = bin("plain", version("x"), false);
    await assert.rejects(
      findServer({
        settingPath: join(root, "typo", "vigil"),
        envPath: undefined,
        bundledPath: join(root, "none", "vigil"),
        trusted: true,
        pathEnv: join(root, "plain"),
      }),
      (err: unknown) => {
        assert.ok(err instanceof ServerNotFoundError);
        assert.deepEqual(err.attempts.map((a) => a.source), ["setting", "environment", "bundled", "path"]);
        assert.match(err.message, /setting vigil\.server\.path \(.*typo\/vigil\): no such file/);
        assert.match(err.message, /VIGIL_SERVER_PATH is not set/);
        assert.match(err.message, /no 'vigil' on PATH/);
        assert.match(err.message, /cargo install --path server/);
        assert.match(err.message, /set `vigil\.server\.path`/);
        assert.match(err.message, /Vigil: Restart Server/);
        return true;
      },
    );
    assert.ok(notExecutable);
  });

  it("accepts a bare command name in the setting and resolves it on PATH", async () => {
    const onPath = bin("bare", version("bare"));
    const found = await findServer({ settingPath: "vigil", bundledPath: join(root, "none"), trusted: true, pathEnv: join(root, "bare") });
    assert.deepEqual([found.source, found.path], ["setting", onPath]);
  });
});

describe("findOnPath", () => {
  it("skips non-executable files and relative PATH entries", () => {
    bin("noexec", version("x"), false);
    const good = bin("exec", version("x"));
    const pathEnv = ["relative/dir", join(root, "noexec"), join(root, "exec")].join(":");
    assert.equal(findOnPath("vigil", pathEnv, "linux"), good);
    assert.equal(findOnPath("vigil", join(root, "noexec"), "linux"), undefined);
  });
});

describe("expandHome", () => {
  it("expands a leading tilde only", () => {
    assert.equal(expandHome("~/bin/vigil", "/home/dev"), "/home/dev/bin/vigil");
    assert.equal(expandHome("~", "/home/dev"), "/home/dev");
    assert.equal(expandHome("/opt/~/vigil", "/home/dev"), "/opt/~/vigil");
  });
});

describe("probeVersion", { skip: process.platform === "win32" ? "shell scripts" : false }, () => {
  it("times out on a binary that hangs", async () => {
    const hang = bin("hang", "sleep 5");
    await assert.rejects(probeVersion(hang, 200));
  });

  it("rejects a binary that prints nothing", async () => {
    const silent = bin("silent", "true");
    await assert.rejects(probeVersion(silent), /printed no version/);
  });
});
