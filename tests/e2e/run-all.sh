#!/usr/bin/env bash
# Runs every editor-client test against the real server binary:
#   1. the VS Code extension: npm ci, build (esbuild), unit + real-server tests, package (.vsix)
#   2. the vscode-languageserver-protocol end-to-end tests (push and pull diagnostics)
#   3. the JetBrains (LSP4IJ) template test
#   4. the Neovim headless end-to-end test (needs Debian's `neovim` installed)
#
# The server is $VIGIL_BIN, else target/release/vigil (build it first: cargo build --release).
# Every step runs even when an earlier one fails; the exit status is non-zero if any failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export VIGIL_BIN="${VIGIL_BIN:-$repo/target/release/vigil}"
if [[ ! -x "$VIGIL_BIN" ]]; then
  echo "e2e: no server binary at $VIGIL_BIN; run \`cargo build --release\` in $repo or set VIGIL_BIN" >&2
  exit 1
fi
VIGIL_BIN="$(cd "$(dirname "$VIGIL_BIN")" && pwd)/$(basename "$VIGIL_BIN")"
# A missing or broken server is a failure here, never a skipped test.
export VIGIL_REQUIRE_SERVER=1
echo "e2e: server $VIGIL_BIN ($("$VIGIL_BIN" --version 2>&1 | head -1))"

npm_ci() {
  npm ci --no-audit --no-fund --loglevel=error
}

vscode_extension() {
  cd "$repo/editors/vscode" &&
    npm_ci &&
    npm run --silent build &&
    npm test &&
    npm run --silent package &&
    python3 - <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile("vigil-ls.vsix").namelist())
missing = [n for n in ("extension/package.json", "extension/dist/extension.js", "extension/server/vigil") if n not in names]
if missing:
    sys.exit(f"vigil-ls.vsix lacks {missing}")
print(f"vigil-ls.vsix: {len(names)} files, with the bundled server")
PY
}

protocol_e2e() {
  cd "$here/vscode-protocol" && npm_ci && npm test
}

jetbrains_template() {
  node --test "$here"/jetbrains/*.test.mjs
}

neovim_e2e() {
  "$here/neovim/run.sh"
}

passed=0
failed=()
for step in vscode_extension protocol_e2e jetbrains_template neovim_e2e; do
  echo
  echo "=== e2e step: $step"
  start=$SECONDS
  if (set -e; "$step"); then
    echo "=== e2e step: $step ok ($((SECONDS - start))s)"
    passed=$((passed + 1))
  else
    echo "=== e2e step: $step FAILED ($((SECONDS - start))s)" >&2
    failed+=("$step")
  fi
done

echo
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "e2e: failed steps: ${failed[*]}" >&2
fi
echo "e2e: $passed passed, ${#failed[@]} failed"
[[ ${#failed[@]} -eq 0 ]]
