#!/usr/bin/env bash
# End-to-end test of vigil-ls in a real, headless Neovim (Debian's package; 0.7 or later).
#
#   tests/e2e/neovim/run.sh            # uses $VIGIL_BIN, else target/release/vigil
#
# Prints the diagnostics Neovim received (and writes them to $VIGIL_CAPTURE when set) and
# exits non-zero, with a message saying what was expected, on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bin="${VIGIL_BIN:-$repo/target/release/vigil}"
limit="${VIGIL_E2E_NVIM_TIMEOUT:-90}"

if ! command -v nvim >/dev/null 2>&1; then
  echo "neovim e2e: FAILED: nvim is not installed (apt-get install -y neovim)" >&2
  exit 1
fi
if [[ ! -x "$bin" ]]; then
  echo "neovim e2e: FAILED: no server binary at $bin (cargo build --release, or set VIGIL_BIN)" >&2
  exit 1
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# A throwaway project and a throwaway Neovim home, so the user's config never interferes.
work="$(mktemp -d "${TMPDIR:-/tmp}/vigil-nvim-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project" "$work/home"
cp "$here/fixtures/insecure.py" "$work/project/insecure.py"
cp "$here/fixtures/vigil.toml" "$work/project/.vigil.toml"
project="$(cd "$work/project" && pwd -P)"

echo "neovim e2e: $(nvim --version | head -1), server $bin"
status=0
env HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" \
  XDG_STATE_HOME="$work/home/state" XDG_CACHE_HOME="$work/home/cache" \
  VIGIL_BIN="$bin" VIGIL_REPO="$repo" VIGIL_WORK="$project" \
  VIGIL_CAPTURE="${VIGIL_CAPTURE:-}" \
  timeout --kill-after=5 "$limit" \
  nvim --headless --clean -n -c "luafile $here/test.lua" </dev/null || status=$?

if [[ $status -ne 0 ]]; then
  if [[ $status -eq 124 || $status -eq 137 ]]; then
    echo "neovim e2e: FAILED: Neovim did not finish within ${limit}s" >&2
  else
    echo "neovim e2e: FAILED (exit $status)" >&2
  fi
  log="$(find "$work/home" -name 'lsp.log' 2>/dev/null | head -1)"
  if [[ -n "$log" ]]; then
    echo "--- tail of Neovim's lsp.log:" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
fi
echo "neovim e2e: passed"
