#!/usr/bin/env python3
"""Side-by-side timing of `vigil scan`, Semgrep and Bandit on the same Python corpus, in one run.

    python3 tests/bench/compare_peers.py [CORPUS_DIR]

Not run by CI (it installs two PyPI packages and takes minutes). What it does:

1. Installs `semgrep` and `bandit` from PyPI into a virtualenv (`$PEERS_VENV`, default
   `$TMPDIR/vigil-peers`), once.
2. Builds `vigil` in release mode unless `$VIGIL` names a binary.
3. The corpus: CORPUS_DIR, or by default a copy of the `.py` files of this Python's standard
   library without its test suites (real, pre-existing code; about 11 MB in 800 files for
   CPython 3.11). The copy lives in a temporary folder whose path has no `test` segment,
   because Semgrep skips `tests/` folders by default.
4. Runs each tool once to warm the page cache, then times the second run (wall clock and peak
   resident memory from /usr/bin/time), and prints a table with MB/s and the ratio to vigil.

Rule counts: Semgrep runs `semgrep-python.yml` (36 local rules mirroring vigil's 36 Python
rules one for one, because the registry's `--config auto` needs the network); Bandit runs its
built-in plugins; vigil runs everything it has (36 Python rules, 133 secret detectors, the
supply-chain checks), so the comparison favours the peers.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = Path(__file__).resolve().parent / "semgrep-python.yml"


def venv() -> Path:
    path = Path(os.environ.get("PEERS_VENV", Path(tempfile.gettempdir()) / "vigil-peers"))
    if not (path / "bin" / "semgrep").exists() or not (path / "bin" / "bandit").exists():
        print(f"installing semgrep and bandit into {path} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run(
            [str(path / "bin" / "pip"), "install", "-q", "semgrep", "bandit"], check=True
        )
    return path


def vigil() -> Path:
    if "VIGIL" in os.environ:
        return Path(os.environ["VIGIL"])
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "vigil"


def stdlib_corpus(dest: Path) -> Path:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    skip = {"test", "tests", "site-packages", "__pycache__", "idle_test"}
    for src in stdlib.rglob("*.py"):
        rel = src.relative_to(stdlib)
        if skip.intersection(rel.parts[:-1]):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return dest


def corpus_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*.py") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def timed(argv: list[str], out: Path) -> tuple[float, int, str]:
    """Runs argv under /usr/bin/time; returns (seconds, peak RSS in KiB, stdout)."""
    stats = out.with_suffix(".time")
    with open(out, "w") as stdout:
        subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", str(stats), *argv],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    seconds, rss = stats.read_text().split()[-2:]
    return float(seconds), int(rss), out.read_text()


def main() -> int:
    peers = venv()
    binary = vigil()
    work = Path(tempfile.mkdtemp(prefix="vigil-compare-"))
    corpus = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else stdlib_corpus(work / "corpus")
    files, size = corpus_size(corpus)
    mb = size / 1e6
    tools = {
        "vigil scan": [
            str(binary), "scan", str(corpus), "--format", "json", "--fail-on", "never",
        ],
        "semgrep (36 rules)": [
            str(peers / "bin" / "semgrep"), "scan", "--config", str(RULES), "--metrics=off",
            "--disable-version-check", "--json", "-q", "--jobs", str(os.cpu_count() or 2),
            str(corpus),
        ],
        "bandit": [str(peers / "bin" / "bandit"), "-r", str(corpus), "-f", "json", "-q"],
    }
    print(f"corpus: {corpus} — {files} Python files, {mb:.1f} MB; {os.cpu_count()} cores")
    rows = []
    for name, argv in tools.items():
        out = work / (name.split()[0] + ".json")
        timed(argv, out)  # warm-up: page cache, rule compilation caches
        seconds, rss, text = timed(argv, out)
        if name == "vigil scan":
            findings = len(json.loads(text)) if text.strip() else 0
        else:
            findings = len(json.loads(text)["results"]) if text.strip() else 0
        rows.append((name, seconds, rss, findings))
    base = rows[0][1] or 0.001
    print(f"{'tool':<20} {'seconds':>8} {'MB/s':>8} {'peak RSS':>10} {'findings':>9} {'× vigil':>8}")
    for name, seconds, rss, findings in rows:
        rate = mb / seconds if seconds else float("inf")
        print(
            f"{name:<20} {seconds:>8.2f} {rate:>8.2f} {rss / 1024:>8.0f}MB {findings:>9} "
            f"{seconds / base:>7.1f}×"
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
