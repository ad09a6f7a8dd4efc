//! Secret detection: provider detectors and syntax-aware generic secrets.
//!
//! One pass of an Aho-Corasick automaton over the analysed range finds the keywords of every
//! detector at once (token prefixes such as `ghp_`, `AKIA`, `xoxb-`; words such as `password`,
//! `heroku`); then only the detectors whose keyword occurred run their regex, and only over
//! the lines that hold the keyword. The generic check (a value given to a name that says
//! secret) reads the syntax tree in Rust, Python, JavaScript and TypeScript and key/value lines
//! elsewhere. Values never leave this module: messages carry a redacted form
//! ([`redact`]) and fingerprints a hash ([`value_hash`]).
//!
//! The design, the rule ids and the measured throughput are described in `docs/secrets.md`.

pub mod baseline;
pub mod detectors;
pub mod filters;
pub mod generic;

use crate::analysis::{Confidence, Finding, Fix, Input, Origin, Severity};
use crate::rules::meta::{Explanation, RuleMeta};
use detectors::{COMPILED, DETECTORS, GENERIC, PRIVATE_KEY};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::ops::Range;

/// The rule id of the generic (name-based) check.
pub const GENERIC_RULE: &str = "secret-generic";
/// The rule id of PEM / OpenSSH / PGP private keys.
pub const PRIVATE_KEY_RULE: &str = "secret-private-key";

/// Lines longer than this are read in windows around each keyword (minified files).
const LONG_LINE: usize = 4096;
const WINDOW: usize = 1024;

/// Families of credentials, each with its own explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Cloud,
    SourceControl,
    PackageRegistry,
    Chat,
    Payment,
    Messaging,
    Ai,
    Observability,
    Token,
    ConnectionString,
    PrivateKey,
    Generic,
}

/// Reports the secrets whose match starts inside `range` (byte offsets of `input.rope`).
pub fn check(input: &Input, range: &Range<usize>, out: &mut Vec<Finding>) {
    if filters::is_skipped_path(input.path) {
        return;
    }
    let rope = input.rope;
    let len = rope.len_bytes();
    let start = rope.char_to_byte(rope.byte_to_char(range.start.min(len)));
    let end = rope.char_to_byte(rope.byte_to_char(range.end.min(len)));
    if end <= start {
        return;
    }
    // One reusable buffer per thread: a fresh allocation per file costs page faults.
    TEXT.with_borrow_mut(|text| {
        text.clear();
        for chunk in rope.byte_slice(start..end).chunks() {
            text.push_str(chunk);
        }
        scan_text(input, text, start, out);
    });
}

thread_local! {
    static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn scan_text(input: &Input, text: &str, start: usize, out: &mut Vec<Finding>) {
    let mut scan = Scan {
        input,
        text,
        base: start,
        whole: None,
        found: Vec::new(),
    };
    scan.run();
    let found = resolve(scan.found);
    for f in found {
        out.push(to_finding(input, f));
    }
}

/// A secret found, before it becomes a [`Finding`].
struct Found {
    rule: String,
    /// What the credential is ("GitHub personal access token", "password for `db_password`").
    what: String,
    range: Range<usize>,
    value: String,
    severity: Severity,
    confidence: Confidence,
    fix: Option<Fix>,
    generic: bool,
    note: Option<String>,
}

struct Scan<'a> {
    input: &'a Input<'a>,
    text: &'a str,
    base: usize,
    /// The whole document, read only when a detector needs context outside the range.
    whole: Option<String>,
    found: Vec<Found>,
}

impl Scan<'_> {
    fn whole(&mut self) -> &str {
        let rope = self.input.rope;
        self.whole.get_or_insert_with(|| rope.to_string())
    }

    fn run(&mut self) {
        let compiled = &*COMPILED;
        let text = self.text;
        let bytes = text.as_bytes();
        let mut jobs: HashSet<(usize, usize)> = HashSet::new();
        let mut job_list: Vec<(usize, Range<usize>)> = Vec::new();
        let mut generic_hits: Vec<usize> = Vec::new();
        let mut key_hits: Vec<usize> = Vec::new();
        for m in compiled.keywords.find_overlapping_iter(text) {
            for &row in &compiled.keyword_rows[m.pattern().as_usize()] {
                if row == GENERIC {
                    generic_hits.push(self.base + m.start());
                    continue;
                }
                if row == PRIVATE_KEY {
                    key_hits.push(self.base + m.start());
                    continue;
                }
                let line_start = memchr::memrchr(b'\n', &bytes[..m.start()]).map_or(0, |i| i + 1);
                let line_end =
                    memchr::memchr(b'\n', &bytes[m.end()..]).map_or(bytes.len(), |i| m.end() + i);
                let window = if line_end - line_start > LONG_LINE {
                    let s = floor_boundary(text, m.start().saturating_sub(WINDOW).max(line_start));
                    let e = floor_boundary(text, (m.end() + WINDOW).min(line_end));
                    s..e
                } else {
                    line_start..line_end
                };
                if jobs.insert((row, window.start)) {
                    job_list.push((row, window));
                }
            }
        }
        for (row, window) in job_list {
            self.run_detector(row, window);
        }
        for hit in key_hits {
            self.private_key(hit);
        }
        if !generic_hits.is_empty() {
            let mut candidates = Vec::new();
            generic::find(
                self.input,
                self.text,
                self.base,
                &generic_hits,
                &mut candidates,
            );
            for c in candidates {
                let value = slice(self.text, self.base, &c.value)
                    .map(str::to_string)
                    .unwrap_or_else(|| rope_slice(self.input, &c.value));
                self.found.push(Found {
                    rule: GENERIC_RULE.to_string(),
                    what: format!("{} given to `{}`", c.kind.noun(), shorten(&c.name, 40)),
                    range: c.value,
                    value,
                    severity: Severity::Warning,
                    confidence: Confidence::Medium,
                    fix: c.fix,
                    generic: true,
                    note: None,
                });
            }
        }
        self.pair_aws();
    }

    fn run_detector(&mut self, row: usize, window: Range<usize>) {
        let detector = &DETECTORS[row];
        let regex = &COMPILED.regexes[row];
        let text = self.text;
        let haystack = &text[window.clone()];
        let mut hits = Vec::new();
        for caps in regex.captures_iter(haystack) {
            let Some(m) = caps.get(detector.group) else {
                continue;
            };
            let start = window.start + m.start();
            let end = window.start + m.end();
            let value = m.as_str();
            // A token that continues a longer run of token characters is a slice of
            // something else (a base64 blob, a hash, an identifier), not a credential.
            // (Only where the match itself starts or ends with a token character: a pattern
            // that begins at `&sig=` or ends at `@` delimits itself.)
            let whole = caps.get(0).map_or(m.range(), |w| w.range());
            let first = haystack.as_bytes()[whole.start];
            let last = haystack.as_bytes()[whole.end - 1];
            let prefix = &text.as_bytes()[..window.start + whole.start];
            let suffix = &text.as_bytes()[window.start + whole.end..];
            if (first.is_ascii_alphanumeric() && continues_blob(prefix.iter().rev()))
                || (last.is_ascii_alphanumeric() && continues_blob(suffix.iter()))
            {
                continue;
            }
            if filters::entropy(value) < detector.min_entropy {
                continue;
            }
            let url_password = detector.family == Family::ConnectionString;
            if url_password {
                if filters::is_placeholder(value) || value.len() < 4 || filters::is_reference(value)
                {
                    continue;
                }
            } else if filters::is_fake_token(value) {
                continue;
            }
            hits.push((start..end, value.to_string()));
        }
        if hits.is_empty() {
            return;
        }
        if !detector.requires.is_empty() {
            let whole = self.whole();
            if !detector.requires.iter().any(|r| whole.contains(r)) {
                return;
            }
        }
        for (range, value) in hits {
            let fix =
                generic::literal_fix(self.input, self.base + range.start..self.base + range.end);
            self.found.push(Found {
                rule: detector.id.to_string(),
                what: detector.title.to_string(),
                range: self.base + range.start..self.base + range.end,
                value,
                severity: if detector.family == Family::Token {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                confidence: if detector.family == Family::Token {
                    Confidence::Medium
                } else {
                    Confidence::High
                },
                fix,
                generic: false,
                note: None,
            });
        }
    }

    /// A PEM / OpenSSH / PGP private key block starting at the `PRIVATE KEY` keyword.
    fn private_key(&mut self, hit: usize) {
        let rope = self.input.rope;
        let len = rope.len_bytes();
        let line = rope.byte_to_line(hit.min(len));
        let line_start = rope.line_to_byte(line);
        let end = rope.char_to_byte(rope.byte_to_char((hit + 65536).min(len)));
        let chunk = rope.byte_slice(line_start..end).to_string();
        let at = hit - line_start;
        let Some(begin) = chunk[..at].rfind("-----BEGIN ") else {
            return;
        };
        let kind = chunk[begin + 11..at].trim();
        if !matches!(
            kind,
            "" | "RSA" | "EC" | "DSA" | "OPENSSH" | "ENCRYPTED" | "PGP" | "SSH2 ENCRYPTED"
        ) {
            return;
        }
        let after_keyword = at + "PRIVATE KEY".len();
        let header_rest = &chunk[after_keyword..];
        let header_rest = header_rest.strip_prefix(" BLOCK").unwrap_or(header_rest);
        if !header_rest.starts_with("-----") {
            return;
        }
        let body_start = chunk.len() - header_rest.len() + 5;
        let (body_end, block_end) = match chunk[body_start..].find("-----END") {
            Some(i) => {
                let end_marker = body_start + i;
                let close = chunk[end_marker + 8..]
                    .find("-----")
                    .map_or(end_marker + 8, |j| end_marker + 8 + j + 5);
                (end_marker, close)
            }
            None => (chunk.len(), chunk.len()),
        };
        let body = &chunk[body_start..body_end];
        if body.contains("...") || body.contains('…') || body.contains('<') {
            return;
        }
        // The base64 payload: lines may be separated by real or escaped newlines; armour
        // headers (`Proc-Type:`, `Version:`) are skipped.
        // Every other line must be pure base64 (after string quotes, `+` concatenation and
        // commas are trimmed): code or prose after a lone BEGIN line is not a key.
        let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
        let mut payload = String::new();
        let mut other_lines = 0;
        for line in body.replace("\\r", "\n").replace("\\n", "\n").lines() {
            let trimmed = line
                .trim()
                .trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | ',' | ';' | ' ' | '\\'))
                .trim_end_matches(" +")
                .trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | ' '));
            if trimmed.is_empty() || line.contains(':') {
                continue;
            }
            if trimmed.chars().all(base64) {
                payload.push_str(trimmed);
            } else {
                other_lines += 1;
            }
        }
        if other_lines > 1
            || payload.len() < 64
            || filters::entropy(&payload) < 4.0
            || filters::is_fake_token(&payload)
        {
            return;
        }
        let what = match kind {
            "" => "PKCS#8 private key".to_string(),
            "ENCRYPTED" => "encrypted PKCS#8 private key".to_string(),
            "OPENSSH" => "OpenSSH private key".to_string(),
            "PGP" => "PGP private key block".to_string(),
            other => format!("{other} private key"),
        };
        let start = line_start + begin;
        self.found.push(Found {
            rule: PRIVATE_KEY_RULE.to_string(),
            what,
            range: start..line_start + block_end,
            value: payload,
            severity: Severity::Error,
            confidence: if kind.contains("ENCRYPTED") {
                Confidence::Medium
            } else {
                Confidence::High
            },
            fix: None,
            generic: false,
            note: None,
        });
    }

    /// Pairs an AWS secret access key with an access key id of the same file.
    fn pair_aws(&mut self) {
        if !self
            .found
            .iter()
            .any(|f| f.rule == "secret-aws-secret-access-key")
        {
            return;
        }
        let id_line = self
            .found
            .iter()
            .find(|f| f.rule == "secret-aws-access-key-id")
            .map(|f| f.range.start)
            .or_else(|| {
                let row = DETECTORS
                    .iter()
                    .position(|d| d.id == "secret-aws-access-key-id")?;
                let regex = &COMPILED.regexes[row];
                let whole = self.whole();
                regex
                    .find_iter(whole)
                    .find(|m| !filters::is_fake_token(m.as_str()))
                    .map(|m| m.start())
            });
        let rope = self.input.rope;
        for f in &mut self.found {
            if f.rule == "secret-aws-secret-access-key" {
                match id_line {
                    Some(offset) => {
                        let line = rope.byte_to_line(offset.min(rope.len_bytes())) + 1;
                        f.note = Some(format!(
                            "It is paired with the access key id on line {line}, which makes a working credential."
                        ));
                    }
                    None => f.confidence = Confidence::Medium,
                }
            }
        }
    }
}

/// True when the bytes next to a match (walking away from it) continue a run of token
/// characters: an alphanumeric neighbour, or a `+` / `/` inside a long base64 run (a `/` in a
/// URL path such as `https://ghp_…@github.com` is not).
fn continues_blob<'b>(mut away: impl Iterator<Item = &'b u8>) -> bool {
    match away.next() {
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(b'+') | Some(b'/') => {
            away.take(16)
                .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
                .count()
                == 16
        }
        _ => false,
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn slice<'t>(text: &'t str, base: usize, range: &Range<usize>) -> Option<&'t str> {
    text.get(range.start.checked_sub(base)?..range.end.checked_sub(base)?)
}

fn rope_slice(input: &Input, range: &Range<usize>) -> String {
    let len = input.rope.len_bytes();
    input
        .rope
        .byte_slice(range.start.min(len)..range.end.min(len))
        .to_string()
}

/// How specific a finding is: a provider token (0) explains a value better than a URL
/// password or a JWT (1), which explain it better than the generic check (2).
fn rank(f: &Found) -> u8 {
    if f.generic {
        2
    } else if f.rule.ends_with("-url-password")
        || matches!(
            f.rule.as_str(),
            "secret-url-basic-auth"
                | "secret-jwt"
                | "secret-npmrc-auth-token"
                | "secret-docker-config-auth"
        )
    {
        1
    } else {
        0
    }
}

/// Keeps, among overlapping findings, only the most specific one.
fn resolve(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(a.range.start.cmp(&b.range.start))
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        let overlaps = |r: &Range<usize>| r.start < f.range.end && f.range.start < r.end;
        if kept.iter().any(|k| overlaps(&k.range)) {
            continue;
        }
        kept.push(f);
    }
    kept.sort_by_key(|f| f.range.start);
    kept
}

/// The redacted form of a secret: at most 4 leading characters (none for short values), an
/// ellipsis and the length. `ghp_…(40 chars)`.
pub fn redact(value: &str) -> String {
    let n = value.chars().count();
    let shown = if n >= 20 {
        4
    } else if n >= 12 {
        2
    } else {
        0
    };
    let prefix: String = value.chars().take(shown).collect();
    format!("{prefix}…({n} chars)")
}

/// A hash of a secret value (hex SHA-256, 32 characters): what fingerprints and baselines use.
pub fn value_hash(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    hex::encode(&digest[..16])
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn to_finding(_input: &Input, f: Found) -> Finding {
    let article = if f
        .what
        .starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u'])
        || f.what.starts_with("RSA")
    {
        "An"
    } else {
        "A"
    };
    let mut message = format!(
        "{article} {} (`{}`) is written into this file: anyone who can read it, its forks or its history can use it; rotate it and load it from the environment.",
        f.what,
        redact(&f.value)
    );
    if let Some(note) = &f.note {
        message.push(' ');
        message.push_str(note);
    }
    Finding {
        rule: f.rule,
        range: f.range,
        message,
        severity: f.severity,
        confidence: f.confidence,
        fingerprint: String::new(),
        fix: f.fix,
        input_source: None,
        origin: Origin::Typed,
        fingerprint_basis: value_hash(&f.value),
    }
}

/// The registry entries of the secret detectors.
pub fn rules() -> Vec<RuleMeta> {
    let mut rules: Vec<RuleMeta> = DETECTORS
        .iter()
        .map(|d| {
            let (severity, confidence) = if d.family == Family::Token {
                (Severity::Warning, Confidence::Medium)
            } else {
                (Severity::Error, Confidence::High)
            };
            meta(d.id, d.title, d.family, severity, confidence)
        })
        .collect();
    rules.push(meta(
        PRIVATE_KEY_RULE,
        "private key (PEM, OpenSSH, PGP, PKCS#8)",
        Family::PrivateKey,
        Severity::Error,
        Confidence::High,
    ));
    rules.push(meta(
        GENERIC_RULE,
        "password, token or key given to a secret-named variable",
        Family::Generic,
        Severity::Warning,
        Confidence::Medium,
    ));
    rules
}

fn meta(
    id: &str,
    title: &str,
    family: Family,
    severity: Severity,
    confidence: Confidence,
) -> RuleMeta {
    let mut cwe = vec!["CWE-798".to_string()];
    if matches!(family, Family::PrivateKey) {
        cwe.push("CWE-321".to_string());
    }
    if matches!(family, Family::Generic | Family::ConnectionString) {
        cwe.push("CWE-259".to_string());
    }
    RuleMeta {
        id: id.to_string(),
        title: format!("Hard-coded {title}"),
        severity,
        category: "secrets".to_string(),
        cwe,
        owasp: vec!["A07:2021 Identification and Authentication Failures".to_string()],
        languages: vec!["any".to_string()],
        confidence,
        message: format!(
            "A {title} (`{{finding}}`) is written into this file: anyone who can read it, its forks or its history can use it; rotate it and load it from the environment."
        ),
        explanation: explanation(family, title),
        fixes: Vec::new(),
    }
}

/// The four-part explanation of a family.
fn explanation(family: Family, title: &str) -> Explanation {
    let decision = format!(
        "You are putting a live {title} where everyone with read access can use it: every clone and fork, CI logs, package tarballs, backups, and the git history, which keeps it after the line is deleted."
    );
    let attacker = match family {
        Family::Cloud => "Bots watch public pushes and try cloud keys within minutes: they start crypto-mining instances, read storage buckets and create new keys to keep their access, and the bill or the breach is yours.",
        Family::SourceControl | Family::PackageRegistry => "A source-control, CI or registry token lets an attacker push code, publish a poisoned release of your package or read private repositories: a supply-chain attack on everyone who depends on you.",
        Family::Chat => "With a chat or collaboration token an attacker reads private channels and documents and posts as you or your bot, which makes phishing your own team trivial.",
        Family::Payment => "Payment keys let an attacker issue refunds, read customer and card metadata, and create charges or payouts; leaked keys are sold and used within hours.",
        Family::Messaging => "E-mail and SMS keys are used to send spam and phishing from your verified domain or number, burning its reputation and your budget.",
        Family::Ai => "AI platform keys are harvested from public code within minutes and resold or used to run models on your bill, often thousands of dollars before anyone notices.",
        Family::Observability => "A platform or observability token exposes logs, metrics and configuration (which often hold more secrets) and lets an attacker change alerting to hide their traces.",
        Family::Token => "A bearer token is a password that needs no username: whoever copies it is logged in as its subject until it expires, and many are issued with long lifetimes.",
        Family::ConnectionString => "A connection string with its password gives direct access to the database, queue or server, bypassing the application and all of its checks.",
        Family::PrivateKey => "A private key lets an attacker impersonate your server, decrypt recorded traffic, sign code or commits as you, or log in wherever its public half is trusted.",
        Family::Generic => "Passwords and keys in source are found by grepping any clone; they are reused across environments, so one leak opens staging and production alike.",
    };
    let safer_default = "Read the credential at run time from the environment (`os.environ[\"NAME\"]`, `process.env.NAME`, `std::env::var(\"NAME\")`) or a secret manager, keep a `.env` file out of version control, and use per-environment, least-privilege credentials.";
    let fix = "Rotate the credential first: deleting the line does not un-leak it, because history, forks and caches keep it. Then replace the literal with an environment or secret-manager lookup (the quick fix does this), and record the exposure. If this is a fake value for a test, use the *Ignore: test fixture* action, which writes `vigil: ignore[<this rule's id>] test fixture` above it.";
    Explanation {
        decision,
        attacker: attacker.to_string(),
        safer_default: safer_default.to_string(),
        fix: fix.to_string(),
        references: vec![
            "https://cwe.mitre.org/data/definitions/798.html".to_string(),
            "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"
                .to_string(),
        ],
    }
}
