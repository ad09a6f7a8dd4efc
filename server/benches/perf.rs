//! Performance benchmark (not a test: these machines are shared and noisy, so figures are
//! reported, never asserted). Run with
//!
//! ```text
//! cargo bench --bench perf            # everything
//! cargo bench --bench perf -- quick   # fewer iterations
//! ```
//!
//! It generates realistic 1k- and 10k-line Python and JavaScript files and measures:
//! - full-file analysis in process (parse + every check), median of several runs;
//! - keystroke → `publishDiagnostics` over stdio with the real `vigil lsp` binary (p50/p95 of a
//!   one-character edit in the middle of the file, each awaited);
//! - the last keystroke of a 20-edit burst sent back to back → its diagnostics;
//! - resident memory (VmRSS) of the server with one 10k-line document open;
//! - `vigil scan` throughput in MB/s over a generated mixed corpus.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::Client;
use vigil_ls::analysis::{check_full, Input};
use vigil_ls::document::Document;
use vigil_ls::language::Language;

/// A realistic Python module of about `lines` lines: imports, classes, functions, docstrings,
/// comprehensions, and an insecure function every ~500 lines (real code has a few findings per thousand lines,
/// not dozens).
fn python_source(lines: usize) -> String {
    let mut out = String::from(
        "import os\nimport sys\nimport json\nimport subprocess\nfrom pathlib import Path\n\n",
    );
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!(
            "class Handler{i}:\n    \"\"\"Handles requests of kind {i}.\"\"\"\n\n    def __init__(self, root):\n        self.root = Path(root)\n        self.cache = {{}}\n\n    def load(self, name):\n        path = self.root / name\n        with open(path) as handle:\n            data = json.load(handle)\n        self.cache[name] = data\n        return [item for item in data if item.get(\"active\")]\n\n    def run(self, args):\n        result = subprocess.run([\"ls\", \"-l\", args[0]], capture_output=True)\n        return result.stdout.decode()\n\n"
        ));
        if i % 25 == 0 {
            out.push_str(&format!(
                "def unsafe_{i}(user):\n    os.system(\"echo \" + user)\n    return eval(sys.argv[1])\n\n\n"
            ));
        } else {
            out.push_str(&format!(
                "def helper_{i}(values):\n    total = 0\n    for value in values:\n        total += value * {i}\n    return total\n\n\n"
            ));
        }
        i += 1;
    }
    out
}

fn javascript_source(lines: usize) -> String {
    let mut out = String::from(
        "const fs = require('fs');\nconst path = require('path');\nconst { exec, execFile } = require('child_process');\n\n",
    );
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!(
            "class Service{i} {{\n  constructor(root) {{\n    this.root = root;\n    this.cache = new Map();\n  }}\n\n  load(name) {{\n    const file = path.join(this.root, 'data', 'fixed.json');\n    const data = JSON.parse(fs.readFileSync(file, 'utf8'));\n    this.cache.set(name, data);\n    return data.filter((item) => item.active);\n  }}\n\n  list(dir) {{\n    execFile('ls', ['-l', dir], (err, out) => console.log(out));\n  }}\n}}\n\n"
        ));
        if i % 25 == 0 {
            out.push_str(&format!(
                "function unsafe{i}(req) {{\n  exec(`ls ${{req.query.dir}}`);\n  return eval(req.body.code);\n}}\n\n"
            ));
        } else {
            out.push_str(&format!(
                "function helper{i}(values) {{\n  return values.reduce((a, b) => a + b * {i}, 0);\n}}\n\n"
            ));
        }
        i += 1;
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn full_analysis(name: &str, language: Language, text: &str, runs: usize) {
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let doc = Document::new(text, 1, language);
        let findings = check_full(&Input {
            rope: &doc.rope,
            tree: doc.tree.as_ref(),
            language,
            path: None,
            project: None,
        });
        times.push(start.elapsed());
        count = findings.len();
    }
    times.sort();
    println!(
        "full analysis   {name:<16} median {:>10}  ({count} findings)",
        ms(percentile(&times, 0.5))
    );
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Inserts a character at `column` of `line`, and deletes it on the next edit, so the
/// document size stays constant.
fn keystroke(version: i64, line: u32, column: u32) -> Value {
    if version % 2 == 0 {
        json!([{"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": "x"}])
    } else {
        json!([{"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}, "text": ""}])
    }
}

/// Where the keystrokes go. `Identifier`: at the end of the line's first word (`self` →
/// `selfx`), the common case of typing inside code that stays valid. `Indentation`: at column 4
/// of an indented line, which opens a syntax error (an indentation error in Python) and back:
/// the worst case for the incremental parser's error recovery.
/// True when the line's first word is a name, not a keyword: `selfx.root` still parses,
/// `defx __init__` does not.
fn starts_with_a_name(line: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "def", "class", "return", "if", "elif", "else", "for", "while", "with", "import", "from",
        "try", "except", "finally", "const", "let", "var", "function", "async", "await", "new",
        "throw",
    ];
    let word: String = line
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    word.starts_with(|c: char| c.is_alphabetic()) && !KEYWORDS.contains(&word.as_str())
}

#[derive(Clone, Copy, PartialEq)]
enum Spot {
    Identifier,
    Indentation,
}

fn keystrokes(name: &str, language_id: &str, text: &str, iterations: usize, spot: Spot) {
    let uri = format!("file:///tmp/vigil-bench/{name}");
    let mut client = Client::spawn();
    client.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]}}),
        json!({"ledger": {"enabled": false}}),
    );
    client.open(&uri, language_id, text);
    client.diagnostics(&uri, 1);
    let middle = (text.lines().count() / 2) as u32;
    // A line inside a function body (starts with at least 4 spaces of indentation).
    let line = (middle..middle + 40)
        .find(|&l| {
            text.lines().nth(l as usize).is_some_and(|s| {
                s.starts_with("    ")
                    && s.len() > 6
                    && (spot == Spot::Indentation || starts_with_a_name(s))
            })
        })
        .unwrap_or(middle);
    let column = match spot {
        Spot::Indentation => 4,
        Spot::Identifier => {
            let content = text.lines().nth(line as usize).unwrap_or("");
            let indent = content.len() - content.trim_start().len();
            let word = content[indent..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .count();
            (indent + word) as u32
        }
    };
    let label = match spot {
        Spot::Identifier => "in identifier",
        Spot::Indentation => "in indentation",
    };
    let mut version = 1;
    let mut times = Vec::new();
    for _ in 0..iterations {
        version += 1;
        let start = Instant::now();
        client.change(&uri, version, keystroke(version, line, column));
        client.diagnostics(&uri, version);
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "keystroke       {name:<16} p50 {:>10}  p95 {:>10}  ({iterations} edits {label})",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    );

    // Bursts: 20 edits back to back, then wait for the last one's diagnostics.
    let mut bursts = Vec::new();
    for _ in 0..(iterations / 20).max(3) {
        for _ in 0..19 {
            version += 1;
            client.change(&uri, version, keystroke(version, line, column));
        }
        version += 1;
        let start = Instant::now();
        client.change(&uri, version, keystroke(version, line, column));
        client.diagnostics(&uri, version);
        bursts.push(start.elapsed());
    }
    bursts.sort();
    println!(
        "burst (last)    {name:<16} p50 {:>10}  max {:>10}  (20 edits {label})",
        ms(percentile(&bursts, 0.5)),
        ms(*bursts.last().unwrap())
    );
    if let Some(kib) = rss_kib(client.child.id()) {
        println!(
            "resident memory {name:<16} {:>10.1} MiB (server, this document open)",
            kib as f64 / 1024.0
        );
    }
    client.shutdown();
}

fn scan_throughput(megabytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let py = python_source(2_000);
    let js = javascript_source(2_000);
    let env = "DATABASE_HOST=localhost\nDEBUG=false\nPORT=8080\n".repeat(200);
    let mut total = 0usize;
    let mut n = 0;
    while total < megabytes * 1024 * 1024 {
        let sub = dir.path().join(format!("pkg{}", n / 50));
        std::fs::create_dir_all(&sub).unwrap();
        let (name, text) = match n % 3 {
            0 => (format!("mod{n}.py"), &py),
            1 => (format!("mod{n}.js"), &js),
            _ => (format!("config{n}.env"), &env),
        };
        std::fs::write(sub.join(name), text).unwrap();
        total += text.len();
        n += 1;
    }
    let run = |path: &Path| {
        let start = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(["scan", "--format", "json", "--fail-on", "never"])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        start.elapsed()
    };
    run(dir.path()); // warm the page cache
    let mut times: Vec<Duration> = (0..3).map(|_| run(dir.path())).collect();
    times.sort();
    let best = times[0].as_secs_f64();
    println!(
        "vigil scan      {:<16} {:>10.1} MB/s  ({n} files, {:.1} MB, best of 3: {:.2} s)",
        "mixed corpus",
        total as f64 / 1e6 / best,
        total as f64 / 1e6,
        best
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    // Any other argument (not a cargo flag) selects the series whose name contains it.
    let filter: Option<String> = std::env::args()
        .skip(1)
        .find(|a| a != "quick" && !a.starts_with('-'));
    let selected = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let iterations = if quick { 60 } else { 300 };
    println!(
        "vigil-ls benchmark ({} iterations per keystroke series)",
        iterations
    );
    let py1 = python_source(1_000);
    let py10 = python_source(10_000);
    let js1 = javascript_source(1_000);
    let js10 = javascript_source(10_000);
    if selected("python 1k") {
        full_analysis("python 1k", Language::Python, &py1, 20);
    }
    if selected("python 10k") {
        full_analysis("python 10k", Language::Python, &py10, 5);
    }
    if selected("javascript 1k") {
        full_analysis("javascript 1k", Language::JavaScript, &js1, 20);
    }
    if selected("javascript 10k") {
        full_analysis("javascript 10k", Language::JavaScript, &js10, 5);
    }
    if selected("python-1k.py") {
        keystrokes("python-1k.py", "python", &py1, iterations, Spot::Identifier);
        keystrokes(
            "python-1k.py",
            "python",
            &py1,
            iterations,
            Spot::Indentation,
        );
    }
    if selected("python-10k.py") {
        keystrokes(
            "python-10k.py",
            "python",
            &py10,
            iterations,
            Spot::Identifier,
        );
        keystrokes(
            "python-10k.py",
            "python",
            &py10,
            iterations,
            Spot::Indentation,
        );
    }
    if selected("javascript-1k.js") {
        keystrokes(
            "javascript-1k.js",
            "javascript",
            &js1,
            iterations,
            Spot::Identifier,
        );
        keystrokes(
            "javascript-1k.js",
            "javascript",
            &js1,
            iterations,
            Spot::Indentation,
        );
    }
    if selected("javascript-10k.js") {
        keystrokes(
            "javascript-10k.js",
            "javascript",
            &js10,
            iterations,
            Spot::Identifier,
        );
        keystrokes(
            "javascript-10k.js",
            "javascript",
            &js10,
            iterations,
            Spot::Indentation,
        );
    }
    if selected("scan") {
        scan_throughput(if quick { 20 } else { 100 });
    }
}
