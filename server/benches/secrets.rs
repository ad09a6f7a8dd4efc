//! Throughput of the secret scan and of `vigil scan` over a generated mixed corpus.
//!
//! ```text
//! cargo bench --bench secrets                 # 128 MB corpus (the recorded figure)
//! VIGIL_BENCH_MB=16 cargo bench --bench secrets   # a quick run
//! ```
//!
//! The corpus mixes Python, JavaScript (including minified one-line bundles), TypeScript,
//! Rust, YAML, JSON, `.env`, INI, Markdown and lockfiles, with base64 blobs, hashes, UUIDs and
//! a fake credential every ~40 KB. It prints:
//! - the secret scan alone (`secrets::check` over every whole file, the text already in a
//!   rope), single-threaded and on every core;
//! - the same over the code files with their syntax trees (the generic check reads the tree);
//! - `vigil scan` (walk, read, parse, every rule, secrets) over the corpus written to disk.

use ropey::Rope;
use std::path::{Path, PathBuf};
use std::time::Instant;
use vigil_ls::analysis::Input;
use vigil_ls::language::Language;
use vigil_ls::secrets::detectors::{expand_sample, DETECTORS};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn word(&mut self) -> String {
        const SYLLABLES: &[&str] = &[
            "get", "set", "user", "item", "data", "load", "parse", "config", "value", "name",
            "list", "map", "index", "count", "result", "node", "path", "file", "query", "render",
            "update", "handle", "event", "state", "cache", "buffer", "stream", "client", "server",
        ];
        let n = 1 + self.below(3);
        (0..n)
            .map(|_| self.pick(SYLLABLES))
            .collect::<Vec<_>>()
            .join("_")
    }

    fn blob(&mut self, len: usize) -> String {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        (0..len).map(|_| alphabet[self.below(64)] as char).collect()
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| b"0123456789abcdef"[self.below(16)] as char)
            .collect()
    }

    fn secret(&mut self) -> String {
        let d = &DETECTORS[self.below(DETECTORS.len())];
        let mut next = || self.next();
        expand_sample(d.sample, &mut next)
    }
}

fn python_line(rng: &mut Rng) -> String {
    let w = rng.word();
    match rng.below(40) {
        0 => format!("def {w}(self, {}, {}):\n", rng.word(), rng.word()),
        1 => format!(
            "    {w} = self.{}({}, \"{}\")\n",
            rng.word(),
            rng.word(),
            rng.word()
        ),
        2 => format!(
            "    # {} the {} before {}\n",
            rng.word(),
            rng.word(),
            rng.word()
        ),
        3 => format!("    if {w} is None:\n        return {}\n", rng.word()),
        4 => format!("    logger.info(\"{} %s\", {w})\n", rng.word()),
        5 => format!("    {w}_token = tokenizer.next_token({})\n", rng.word()),
        6 => format!(
            "    password_hint = _(\"Choose a {} password\")\n",
            rng.word()
        ),
        7 => format!(
            "    {w} = os.environ.get(\"{}\", \"\")\n",
            rng.word().to_uppercase()
        ),
        8 => format!("    for {w} in {}:\n        pass\n", rng.word()),
        9..=20 => format!("    {w} = {}({}, {})\n", rng.word(), rng.word(), rng.word()),
        _ => format!("        return self.{w}.{}({})\n", rng.word(), rng.word()),
    }
}

fn js_line(rng: &mut Rng) -> String {
    let w = rng.word();
    match rng.below(30) {
        0 => format!("function {w}({}, {}) {{\n", rng.word(), rng.word()),
        1 => format!(
            "  const {w} = await {}.{}(\"{}\");\n",
            rng.word(),
            rng.word(),
            rng.word()
        ),
        2 => format!("  // {} {} {}\n", rng.word(), rng.word(), rng.word()),
        3 => format!("  if (!{w}) {{ return {}; }}\n", rng.word()),
        4 => format!(
            "  const apiKey = process.env.{};\n",
            rng.word().to_uppercase()
        ),
        5 => format!("  headers[\"Authorization\"] = `Bearer ${{{w}}}`;\n"),
        6 => "}\n".to_string(),
        7..=18 => format!(
            "  const {w} = {}.{}({}, {});\n",
            rng.word(),
            rng.word(),
            rng.word(),
            rng.word()
        ),
        _ => format!("  {w}.{}({});\n", rng.word(), rng.word()),
    }
}

fn yaml_line(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{}:\n", rng.word()),
        1 => format!("  {}: {}\n", rng.word(), rng.word()),
        2 => format!("  password: ${{{}}}\n", rng.word().to_uppercase()),
        3 => format!(
            "  image: registry.internal/{}:{}\n",
            rng.word(),
            rng.hex(12)
        ),
        4 => format!("  checksum: sha256:{}\n", rng.hex(64)),
        _ => format!("  - {}\n", rng.word()),
    }
}

/// One file of about `size` bytes; every ~40 KB a fake credential.
fn file(rng: &mut Rng, kind: usize, size: usize) -> (String, String) {
    let mut text = String::with_capacity(size + 256);
    let (name, ext) = match kind {
        0 => (rng.word(), "py"),
        1 => (rng.word(), "js"),
        2 => (rng.word(), "ts"),
        3 => (rng.word(), "rs"),
        4 => (rng.word(), "yaml"),
        5 => (rng.word(), "json"),
        6 => (rng.word(), "min.js"),
        7 => (rng.word(), "md"),
        8 => ("settings".to_string(), "env"),
        _ => (rng.word(), "ini"),
    };
    let mut since_secret = 0;
    while text.len() < size {
        let line = match kind {
            0 => python_line(rng),
            1 | 2 => js_line(rng),
            3 => format!(
                "    let {} = {}.{}(&{})?;\n",
                rng.word(),
                rng.word(),
                rng.word(),
                rng.word()
            ),
            4 => yaml_line(rng),
            5 => format!(
                "  \"{}\": {{\"version\": \"1.{}.0\", \"integrity\": \"sha512-{}==\", \"id\": \"{}-{}-{}-{}-{}\"}},\n",
                rng.word(),
                rng.below(40),
                rng.blob(86),
                rng.hex(8),
                rng.hex(4),
                rng.hex(4),
                rng.hex(4),
                rng.hex(12)
            ),
            6 => {
                // A minified bundle: very long lines with embedded data URIs.
                let mut long = String::new();
                for _ in 0..200 {
                    long.push_str(&format!(
                        "var {}=function(e,t){{return e.{}(t)}};",
                        rng.word(),
                        rng.word()
                    ));
                    if rng.below(20) == 0 {
                        long.push_str(&format!("var img=\"data:image/png;base64,{}\";", rng.blob(400)));
                    }
                }
                long.push('\n');
                long
            }
            7 => format!(
                "The {} of the {} is {} when the {} token expires.\n",
                rng.word(),
                rng.word(),
                rng.word(),
                rng.word()
            ),
            8 => format!("{}={}\n", rng.word().to_uppercase(), rng.word()),
            _ => format!("{} = {}\n", rng.word(), rng.word()),
        };
        since_secret += line.len();
        text.push_str(&line);
        if since_secret > 40_000 {
            since_secret = 0;
            let secret = rng.secret();
            let line = match kind {
                0 | 3 => format!("SERVICE_TOKEN = \"{}\"\n", secret.replace('"', "'")),
                1 | 2 => format!("const serviceToken = \"{}\";\n", secret.replace('"', "'")),
                _ => format!("{secret}\n"),
            };
            text.push_str(&line);
        }
    }
    (format!("{name}_{}.{ext}", rng.below(1 << 30)), text)
}

fn corpus(total: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut files = Vec::new();
    let mut bytes = 0;
    while bytes < total {
        let kind = rng.below(10);
        let size = 16 * 1024 + rng.below(112 * 1024);
        let f = file(&mut rng, kind, size);
        bytes += f.1.len();
        files.push(f);
    }
    files
}

fn secret_scan(files: &[(String, Rope, PathBuf)]) -> usize {
    let mut count = 0;
    for (_, rope, path) in files {
        let input = Input {
            rope,
            tree: None,
            language: Language::PlainText,
            path: Some(path),
            project: None,
        };
        let mut out = Vec::new();
        vigil_ls::secrets::check(&input, &(0..rope.len_bytes()), &mut out);
        count += out.len();
    }
    count
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1_000_000.0 / seconds
}

fn main() {
    // `cargo bench` passes `--bench`; accept and ignore arguments.
    let megabytes: usize = std::env::var("VIGIL_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    let started = Instant::now();
    let files = corpus(megabytes * 1_000_000);
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    println!(
        "corpus: {} files, {:.1} MB, generated in {:.1}s",
        files.len(),
        total as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let ropes: Vec<(String, Rope, PathBuf)> = files
        .iter()
        .map(|(name, text)| (name.clone(), Rope::from_str(text), PathBuf::from(name)))
        .collect();
    // Warm up (compiles the automaton and the regexes).
    let _ = secret_scan(&ropes[..ropes.len().min(4)]);

    // The keyword pass alone (the floor of the secret scan).
    let automaton = &vigil_ls::secrets::detectors::COMPILED.keywords;
    let start = Instant::now();
    let hits: usize = files
        .iter()
        .map(|(_, text)| automaton.find_overlapping_iter(text.as_str()).count())
        .sum();
    if std::env::var_os("VIGIL_BENCH_KEYWORDS").is_some() {
        let mut counts = std::collections::HashMap::new();
        for (_, text) in &files {
            for m in automaton.find_overlapping_iter(text.as_str()) {
                *counts.entry(text[m.range()].to_string()).or_insert(0usize) += 1;
            }
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        println!(
            "most frequent keywords: {:?}",
            &counts[..counts.len().min(15)]
        );
    }
    println!(
        "keyword pass alone:        {:>8.1} MB/s  ({hits} keyword hits)",
        mb_per_s(total, start.elapsed().as_secs_f64())
    );

    let start = Instant::now();
    let found = secret_scan(&ropes);
    let single = start.elapsed().as_secs_f64();
    println!(
        "secret scan, 1 thread:     {:>8.1} MB/s  ({found} findings)",
        mb_per_s(total, single)
    );

    use rayon::prelude::*;
    let start = Instant::now();
    let found_parallel: usize = ropes.par_chunks(8).map(secret_scan).sum();
    let parallel = start.elapsed().as_secs_f64();
    println!(
        "secret scan, {} threads:    {:>8.1} MB/s  ({found_parallel} findings)",
        rayon::current_num_threads(),
        mb_per_s(total, parallel)
    );

    if std::env::var_os("VIGIL_BENCH_SECRETS_ONLY").is_some() {
        return;
    }
    // The code files with their trees (parsing not timed): the generic check reads the tree.
    let code: Vec<(Rope, tree_sitter::Tree, Language, PathBuf)> = files
        .iter()
        .filter_map(|(name, text)| {
            let language = Language::from_path(Path::new(name));
            let tree = vigil_ls::document::parse_str(text, &language.grammar()?)?;
            Some((Rope::from_str(text), tree, language, PathBuf::from(name)))
        })
        .take(200)
        .collect();
    let code_bytes: usize = code.iter().map(|c| c.0.len_bytes()).sum();
    let start = Instant::now();
    let mut code_found = 0;
    for (rope, tree, language, path) in &code {
        let input = Input {
            rope,
            tree: Some(tree),
            language: *language,
            path: Some(path),
            project: None,
        };
        let mut out = Vec::new();
        vigil_ls::secrets::check(&input, &(0..rope.len_bytes()), &mut out);
        code_found += out.len();
    }
    println!(
        "secret scan, code + trees: {:>8.1} MB/s  ({:.1} MB, {code_found} findings)",
        mb_per_s(code_bytes, start.elapsed().as_secs_f64()),
        code_bytes as f64 / 1e6
    );

    // `vigil scan` end to end over the corpus on disk.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).expect("writing the corpus");
    }
    let settings = vigil_ls::config::Settings::default();
    let start = Instant::now();
    let result = vigil_ls::scan::scan(&[dir.path().to_path_buf()], dir.path(), &settings)
        .expect("the scan runs");
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "vigil scan (all rules):    {:>8.1} MB/s  ({} files, {} findings, {:.1}s)",
        mb_per_s(result.bytes_scanned as usize, elapsed),
        result.files_scanned,
        result.findings.len(),
        elapsed
    );
}
