//! End-to-end tests of provenance and the decision ledger: the real binary over stdio, a
//! private ledger per test (`VIGIL_LEDGER`), and a short settle delay (`VIGIL_SETTLE_MS`).

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::Client;

const DISTINCT: &str = "ZQXJ-DISTINCT";

fn spawn(ledger: &Path) -> Client {
    let ledger = ledger.to_str().unwrap();
    let mut client = Client::spawn_with_env(&[
        ("VIGIL_LEDGER", ledger),
        ("VIGIL_SETTLE_MS", "300"),
        ("VIGIL_DEVELOPER", "Ada Lovelace <ada@example.org>"),
    ]);
    client.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]}}),
        Value::Null,
    );
    client
}

fn events(ledger: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(ledger).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid line {l:?}: {e}")))
        .collect()
}

/// Waits until the ledger holds an event matching `pred`.
fn wait_event(ledger: &Path, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(e) = events(ledger).into_iter().find(&pred) {
            return e;
        }
        assert!(
            Instant::now() < deadline,
            "no {what} event; ledger: {:?}",
            events(ledger)
                .iter()
                .map(|e| format!(
                    "{} {} {} {}",
                    e["event"], e["rule"], e["line"], e["fingerprint"]
                ))
                .collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn count(ledger: &Path, kind: &str, rule: &str) -> usize {
    events(ledger)
        .iter()
        .filter(|e| e["event"] == kind && e["rule"] == rule)
        .count()
}

/// The client's copy of the document; edits are applied here and sent to the server alike.
struct Doc {
    uri: String,
    text: String,
    version: i64,
}

impl Doc {
    fn offset(&self, position: &Value) -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum();
        start + character
    }

    /// Applies LSP text edits (ASCII text) and sends them as one didChange.
    fn apply(&mut self, client: &mut Client, edits: &[Value]) -> i64 {
        let mut sorted: Vec<&Value> = edits.iter().collect();
        sorted.sort_by_key(|e| std::cmp::Reverse(self.offset(&e["range"]["start"])));
        let changes: Vec<Value> = sorted
            .iter()
            .map(|e| json!({"range": e["range"], "text": e["newText"]}))
            .collect();
        for e in &sorted {
            let start = self.offset(&e["range"]["start"]);
            let end = self.offset(&e["range"]["end"]);
            self.text
                .replace_range(start..end, e["newText"].as_str().unwrap());
        }
        self.version += 1;
        client.change(&self.uri, self.version, json!(changes));
        self.version
    }

    fn line_of(&self, needle: &str) -> usize {
        self.text
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in {}", self.text))
    }
}

fn find<'a>(diagnostics: &'a [Value], rule: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics:#?}"))
}

fn actions(client: &mut Client, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"],
               "context": {"diagnostics": [diagnostic]}}),
    );
    response["result"].as_array().cloned().unwrap_or_default()
}

fn execute(client: &mut Client, command: &Value) -> Value {
    client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    )
}

const PASTE: &str = "def fetch(url):\n    return requests.get(url, verify=False)\n\n\ndef run():\n    os.system(\"ZQXJ-DISTINCT \" + sys.argv[1])\n    eval(sys.argv[2])\n    eval(sys.argv[3] + \"x\")\n";

#[test]
fn paste_review_fix_ignore_resolve_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("state/ledger.jsonl");
    let mut client = spawn(&ledger);
    let uri = "file:///tmp/vigil-ledger-e2e/app.py".to_string();
    let mut doc = Doc {
        uri: uri.clone(),
        text: "import os\nimport sys\nimport requests\n\n".to_string(),
        version: 1,
    };
    client.open(&uri, "python", &doc.text);
    assert!(client.diagnostics(&uri, 1).is_empty());

    // One change that inserts eight lines: a paste.
    let at = json!({"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}});
    let v = doc.apply(&mut client, &[json!({"range": at, "newText": PASTE})]);
    let diagnostics = client.diagnostics(&uri, v);
    let block = find(&diagnostics, "ai-pasted-block");
    assert_eq!(block["severity"], 3, "information level");
    let message = block["message"].as_str().unwrap();
    assert!(
        message.starts_with("8 pasted lines, 4 security findings"),
        "{message}"
    );
    let shell = find(&diagnostics, "shell-command-non-constant");
    assert_eq!(shell["data"]["origin"], "pasted");
    let tls = find(&diagnostics, "tls-verification-disabled").clone();

    // The hover teaches the decision.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": block["range"]["start"]}),
    );
    let hover = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        hover.contains("accepting code you did not write"),
        "{hover}"
    );

    // Introduced, once per finding, with the paste as origin.
    let introduced = wait_event(&ledger, "introduced", |e| {
        e["event"] == "introduced" && e["rule"] == "tls-verification-disabled"
    });
    assert_eq!(introduced["origin"], "pasted");
    assert_eq!(introduced["v"], 1);
    assert_eq!(introduced["fingerprint"], tls["data"]["fingerprint"]);
    assert_eq!(introduced["file"], "vigil-ledger-e2e/app.py");
    assert_eq!(introduced["line"], 6);
    assert_eq!(introduced["developer"]["email"], "ada@example.org");
    assert_eq!(introduced["editor"]["name"], "vigil-test");
    assert_eq!(introduced["category"], "transport-security");
    assert!(introduced["session"].as_str().unwrap().len() == 16);
    wait_event(&ledger, "4 introduced", |_| {
        events(&ledger)
            .iter()
            .filter(|e| e["event"] == "introduced")
            .count()
            == 4
    });

    // "Mark block as reviewed" records `reviewed` and retires the block's diagnostic.
    let review = actions(&mut client, &uri, block)
        .into_iter()
        .find(|a| a["title"] == "Mark block as reviewed")
        .expect("a review action");
    assert_eq!(review["command"]["command"], "vigil.recordDecision");
    let response = execute(&mut client, &review["command"]);
    assert_eq!(response["result"]["recorded"], true, "{response}");
    let after = client.diagnostics(&uri, v);
    assert!(after.iter().all(|d| d["code"] != "ai-pasted-block"));
    let reviewed = wait_event(&ledger, "reviewed", |e| e["event"] == "reviewed");
    assert_eq!(reviewed["rule"], "ai-pasted-block");

    // The quick fix (edit, then its command) yields `fixed`, and no `resolved` later.
    let fix = actions(&mut client, &uri, &tls)
        .into_iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a quick fix");
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap().clone();
    let v = doc.apply(&mut client, &edits);
    execute(&mut client, &fix["command"]);
    let fixed = wait_event(&ledger, "fixed", |e| e["event"] == "fixed");
    assert_eq!(fixed["rule"], "tls-verification-disabled");
    assert_eq!(fixed["fingerprint"], tls["data"]["fingerprint"]);
    assert_eq!(fixed["origin"], "pasted");
    let diagnostics = client.diagnostics(&uri, v);
    assert!(diagnostics
        .iter()
        .all(|d| d["code"] != "tls-verification-disabled"));

    // The ignore action yields `ignored`; its placeholder reason is recorded as "no reason".
    let shell = find(&diagnostics, "shell-command-non-constant").clone();
    let ignore = actions(&mut client, &uri, &shell)
        .into_iter()
        .find(|a| a["title"] == "Ignore shell-command-non-constant here")
        .expect("an ignore action");
    let edits = ignore["edit"]["changes"][&uri].as_array().unwrap().clone();
    let v = doc.apply(&mut client, &edits);
    execute(&mut client, &ignore["command"]);
    let ignored = wait_event(&ledger, "ignored", |e| {
        e["event"] == "ignored" && e["rule"] == "shell-command-non-constant"
    });
    assert_eq!(ignored["reason"], "no reason");
    client.diagnostics(&uri, v);

    // A typed ignore comment yields `ignored` with its reason.
    let line = doc.line_of("eval(sys.argv[2])");
    let at =
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}});
    let v = doc.apply(
        &mut client,
        &[json!({"range": at, "newText": "    # vigil: ignore[eval-non-constant] admin-only tool\n"})],
    );
    client.diagnostics(&uri, v);
    let typed = wait_event(&ledger, "typed ignore", |e| {
        e["event"] == "ignored" && e["rule"] == "eval-non-constant"
    });
    assert_eq!(typed["reason"], "admin-only tool");

    // Deleting the line yields `resolved`.
    let line = doc.line_of("eval(sys.argv[3]");
    let range =
        json!({"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}});
    let v = doc.apply(&mut client, &[json!({"range": range, "newText": ""})]);
    client.diagnostics(&uri, v);
    let resolved = wait_event(&ledger, "resolved", |e| e["event"] == "resolved");
    assert_eq!(resolved["rule"], "eval-non-constant");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(count(&ledger, "resolved", "tls-verification-disabled"), 0);
    assert_eq!(count(&ledger, "ignored", "shell-command-non-constant"), 1);
    assert_eq!(count(&ledger, "introduced", "eval-non-constant"), 2);

    // No source text ever reaches the ledger.
    let raw = std::fs::read_to_string(&ledger).unwrap();
    assert!(!raw.contains(DISTINCT), "{raw}");
    assert!(!raw.contains("sys.argv"), "{raw}");

    // The editor command writes the HTML report beside the ledger.
    let report = client.request(
        "workspace/executeCommand",
        json!({"command": "vigil.server.writeReport", "arguments": []}),
    );
    let path = PathBuf::from(report["result"]["path"].as_str().unwrap());
    assert_eq!(path.parent(), ledger.parent());
    assert!(std::fs::read_to_string(&path).unwrap().contains("<svg"));
    assert_eq!(client.shutdown(), 0);

    // `vigil report --format json` counts what was written.
    let all = events(&ledger);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["report", "--format", "json", "--ledger"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    for kind in ["introduced", "fixed", "ignored", "resolved", "reviewed"] {
        let expected = all.iter().filter(|e| e["event"] == kind).count();
        assert_eq!(json["overall"][kind], expected, "{kind}: {json:#}");
    }
    assert_eq!(json["events"], all.len());
    assert_eq!(json["overall"]["ignores_without_reason"], 1);
    assert_eq!(
        json["developers"]["ada@example.org"]["introduced"],
        json["overall"]["introduced"]
    );
    assert_eq!(json["overall"]["by_origin"]["pasted"], 4);
}

#[test]
fn execute_command_refuses_anything_but_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut client = spawn(&ledger);
    let uri = "file:///tmp/vigil-ledger-e2e/refuse.py";
    client.open(uri, "python", "x = 1\n");
    client.diagnostics(uri, 1);
    let good = json!({"decision": "fixed", "uri": uri, "rule": "eval-non-constant",
                      "fingerprint": "0123456789abcdef", "line": 1});
    let with = |patch: Value| {
        let mut args = good.clone();
        for (k, v) in patch.as_object().unwrap() {
            args[k] = v.clone();
        }
        args
    };
    let bad = [
        with(json!({"path": "/etc/passwd"})),
        with(json!({"decision": "deleted"})),
        with(json!({"rule": "no-such-rule"})),
        with(json!({"fingerprint": "../../x"})),
        with(json!({"uri": "http://example.org/x.py"})),
        with(json!({"origin": "remote"})),
        with(json!({"decision": "reviewed"})),
        with(json!({"line": 0})),
        with(json!({"reason": "x".repeat(501)})),
        json!("just a string"),
    ];
    for args in bad {
        let response = client.request(
            "workspace/executeCommand",
            json!({"command": "vigil.recordDecision", "arguments": [args]}),
        );
        assert!(
            response["error"]["message"].is_string(),
            "accepted {args}: {response}"
        );
    }
    let response = client.request(
        "workspace/executeCommand",
        json!({"command": "vigil.recordDecision", "arguments": [good, good]}),
    );
    assert!(response.get("error").is_some());
    let response = client.request(
        "workspace/executeCommand",
        json!({"command": "vigil.recordDecision", "arguments": [good]}),
    );
    assert_eq!(response["result"]["recorded"], true, "{response}");
    assert_eq!(events(&ledger).len(), 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn pull_mode_assistant_answer_is_ai_likely() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut client = Client::spawn_with_env(&[
        ("VIGIL_LEDGER", ledger.to_str().unwrap()),
        ("VIGIL_SETTLE_MS", "100"),
    ]);
    client.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        json!({"developer": "Grace Hopper <grace@example.org>"}),
    );
    let uri = "file:///tmp/vigil-ledger-e2e/pull.py";
    client.open(uri, "python", "import sys\n");
    let pull = |client: &mut Client| -> Vec<Value> {
        let response = client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        response["result"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    assert!(pull(&mut client).is_empty());
    let answer = "Here's a helper that evaluates the expression you pass on the command line:\n\n```python\ndef calc():\n    # Example usage: python calc.py \"1 + 2\"\n    return eval(sys.argv[1])\n```\n";
    client.change(
        uri,
        2,
        json!([{"range": support::range((1, 0), (1, 0)), "text": answer}]),
    );
    let items = pull(&mut client);
    let block = find(&items, "ai-pasted-block");
    let message = block["message"].as_str().unwrap();
    assert!(message.contains("likely assistant-written"), "{message}");
    assert!(message.contains("markdown code fence"), "{message}");
    assert_eq!(
        find(&items, "eval-non-constant")["data"]["origin"],
        "ai-likely"
    );
    // Pull clients get settled too: the finding is introduced with its origin.
    let deadline = Instant::now() + Duration::from_secs(20);
    let introduced = loop {
        pull(&mut client);
        if let Some(e) = events(&ledger)
            .into_iter()
            .find(|e| e["event"] == "introduced")
        {
            break e;
        }
        assert!(Instant::now() < deadline, "nothing introduced");
        std::thread::sleep(Duration::from_millis(150));
    };
    assert_eq!(introduced["origin"], "ai-likely");
    assert_eq!(introduced["developer"]["email"], "grace@example.org");
    assert_eq!(client.shutdown(), 0);
}

/// Fires `n` decision commands without waiting for the answers.
fn burst(client: &mut Client, uri: &str, n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| {
            client.request_async(
                "workspace/executeCommand",
                json!({"command": "vigil.recordDecision", "arguments": [{
                    "decision": "ignored", "uri": uri, "rule": "eval-non-constant",
                    "fingerprint": format!("{i:016x}"), "line": 1,
                    "reason": format!("reason number {i} with \"quotes\" and a\nnewline"),
                }]}),
            )
        })
        .collect()
}

fn assert_every_complete_line_is_valid(ledger: &Path) -> usize {
    let bytes = std::fs::read(ledger).unwrap();
    let text = String::from_utf8(bytes).expect("the ledger is UTF-8");
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let mut n = 0;
    for line in complete.lines() {
        let event: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad line {line:?}: {e}"));
        assert_eq!(event["v"], 1);
        n += 1;
    }
    n
}

#[test]
fn kill_9_during_a_burst_leaves_every_line_valid() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut client = spawn(&ledger);
    let uri = "file:///tmp/vigil-ledger-e2e/burst.py";
    client.open(uri, "python", "x = 1\n");
    client.diagnostics(uri, 1);
    burst(&mut client, uri, 400);
    // Kill as soon as some events are on disk, in the middle of the burst.
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::metadata(&ledger).map_or(0, |m| m.len()) < 2000 {
        assert!(Instant::now() < deadline, "the burst wrote nothing");
        std::thread::sleep(Duration::from_millis(2));
    }
    client.child.kill().unwrap();
    client.child.wait().unwrap();
    let n = assert_every_complete_line_is_valid(&ledger);
    assert!(n > 0);
    // A reader skips a torn tail too.
    let read = vigil_ls::ledger::read(&ledger).unwrap();
    assert_eq!(read.events.len(), n);
    assert_eq!(read.invalid_lines, 0);
}

#[test]
fn two_processes_appending_at_once_never_interleave() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut clients: Vec<Client> = (0..2).map(|_| spawn(&ledger)).collect();
    let uri = "file:///tmp/vigil-ledger-e2e/two.py";
    let mut pending = Vec::new();
    for client in &mut clients {
        client.open(uri, "python", "x = 1\n");
        client.diagnostics(uri, 1);
    }
    for client in &mut clients {
        pending.push(burst(client, uri, 150));
    }
    for (client, ids) in clients.iter_mut().zip(pending) {
        for id in ids {
            let response =
                client.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
            assert_eq!(response["result"]["recorded"], true, "{response}");
        }
    }
    assert_eq!(assert_every_complete_line_is_valid(&ledger), 300);
    let sessions: std::collections::HashSet<String> = events(&ledger)
        .iter()
        .map(|e| e["session"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sessions.len(), 2);
    for client in clients {
        assert_eq!(client.shutdown(), 0);
    }
}

#[test]
fn a_disabled_ledger_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut client = Client::spawn_with_env(&[
        ("VIGIL_LEDGER", ledger.to_str().unwrap()),
        ("VIGIL_SETTLE_MS", "50"),
    ]);
    client.initialize(json!({}), json!({"ledger": {"enabled": false}}));
    let uri = "file:///tmp/vigil-ledger-e2e/off.py";
    client.open(uri, "python", "import os\n");
    client.diagnostics(uri, 1);
    client.change(
        uri,
        2,
        json!([{"range": support::range((1, 0), (1, 0)), "text": "os.system(input())\n"}]),
    );
    assert_eq!(client.diagnostics(uri, 2).len(), 1);
    std::thread::sleep(Duration::from_millis(400));
    assert!(!ledger.exists());
    let report = client.request(
        "workspace/executeCommand",
        json!({"command": "vigil.server.writeReport", "arguments": []}),
    );
    assert!(report["error"]["message"]
        .as_str()
        .unwrap()
        .contains("turned off"));
    assert_eq!(client.shutdown(), 0);
}

/// A secret's events carry its rule, fingerprint and place, never any part of its value; the
/// secrets' "Ignore: test fixture" action records that reason; `vigil.showReport` (the VS Code
/// extension's command name) writes the report like `vigil.server.writeReport`.
#[test]
fn secret_events_carry_no_part_of_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.jsonl");
    let mut client = spawn(&ledger);
    // Built at run time so that no scanner flags this repository.
    let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        .chars()
        .collect();
    let body: String = (0..36).map(|i| alphabet[(i * 7 + 3) % 62]).collect();
    let token = format!("ghp_{body}");
    let uri = "file:///tmp/vigil-ledger-e2e/secret.py".to_string();
    let mut doc = Doc {
        uri: uri.clone(),
        text: "import os\n\n".to_string(),
        version: 1,
    };
    client.open(&uri, "python", &doc.text);
    client.diagnostics(&uri, 1);
    let at = json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}});
    let v = doc.apply(
        &mut client,
        &[json!({"range": at, "newText": format!("GITHUB_TOKEN = \"{token}\"\n")})],
    );
    let diagnostics = client.diagnostics(&uri, v);
    let secret = diagnostics
        .iter()
        .find(|d| d["code"].as_str().is_some_and(|c| c.starts_with("secret-")))
        .unwrap_or_else(|| panic!("no secret finding in {diagnostics:#?}"))
        .clone();
    let rule = secret["code"].as_str().unwrap().to_string();
    wait_event(&ledger, "introduced", |e| {
        e["event"] == "introduced" && e["rule"] == rule.as_str()
    });

    let ignore = actions(&mut client, &uri, &secret)
        .into_iter()
        .find(|a| a["title"] == "Ignore: test fixture")
        .expect("a test-fixture ignore action for secrets");
    let edits = ignore["edit"]["changes"][&uri].as_array().unwrap().clone();
    assert!(edits[0]["newText"]
        .as_str()
        .unwrap()
        .contains(&format!("vigil: ignore[{rule}] test fixture")));
    let v = doc.apply(&mut client, &edits);
    execute(&mut client, &ignore["command"]);
    let ignored = wait_event(&ledger, "ignored", |e| e["event"] == "ignored");
    assert_eq!(ignored["reason"], "test fixture");
    assert!(client
        .diagnostics(&uri, v)
        .iter()
        .all(|d| d["code"] != rule.as_str()));

    let report = client.request(
        "workspace/executeCommand",
        json!({"command": "vigil.showReport", "arguments": []}),
    );
    let report_path = report["result"]["path"]
        .as_str()
        .unwrap_or_else(|| panic!("no report path in {report}"))
        .to_string();
    assert_eq!(client.shutdown(), 0);

    // No 8-character run of the value (past the public `ghp_` prefix) in the ledger or the
    // report.
    let ledger_text = std::fs::read_to_string(&ledger).unwrap();
    let report_text = std::fs::read_to_string(&report_path).unwrap();
    for start in 0..body.len() - 8 {
        let part = &body[start..start + 8];
        assert!(!ledger_text.contains(part), "ledger holds {part}");
        assert!(!report_text.contains(part), "report holds {part}");
    }
}

// ---------------------------------------------------------------------------------------------
// Accuracy of the paste and AI signals (run on demand; the figures are in docs/ledger.md):
//   cargo test --test ledger -- --ignored provenance_accuracy --nocapture
// Human code: files written before code assistants existed, from `VIGIL_EVAL_HUMAN`
// (`:`-separated paths) or, by default, old modules of the system's Python standard library and
// old npm and crates.io packages found on this machine. Assistant code: the samples in
// tests/fixtures/provenance/assistant.

use vigil_ls::language::Language;
use vigil_ls::provenance::{Provenance, Thresholds};

fn default_human_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [
        "ftplib",
        "netrc",
        "sched",
        "shlex",
        "smtplib",
        "textwrap",
        "wave",
        "imaplib",
        "mailbox",
        "chunk",
        "colorsys",
        "filecmp",
        "fnmatch",
        "getopt",
        "gettext",
        "mailcap",
        "nntplib",
        "pipes",
        "poplib",
        "pty",
        "quopri",
        "sndhdr",
        "sunau",
        "telnetlib",
        "uu",
        "xdrlib",
        "calendar",
        "cmd",
        "code",
        "difflib",
        "fileinput",
        "bisect",
        "cgi",
        "glob",
        "heapq",
        "mimetypes",
        "pprint",
        "pstats",
        "rlcompleter",
        "smtpd",
        "tabnanny",
        "tty",
        "webbrowser",
    ]
    .iter()
    .map(|m| PathBuf::from(format!("/usr/lib/python3.11/{m}.py")))
    .collect();
    let npm = "/usr/lib/node_modules/npm/node_modules";
    for p in [
        "ms/index.js",
        "abbrev/lib/index.js",
        "archy/index.js",
        "isexe/index.js",
        "ini/lib/ini.js",
        "graceful-fs/graceful-fs.js",
        "graceful-fs/polyfills.js",
        "mute-stream/lib/index.js",
        "text-table/index.js",
        "nopt/lib/nopt-lib.js",
    ] {
        files.push(PathBuf::from(format!("{npm}/{p}")));
    }
    if let Ok(home) = std::env::var("HOME") {
        if let Ok(entries) = std::fs::read_dir(format!("{home}/.cargo/registry/src")) {
            for index in entries.flatten() {
                for krate in [
                    "lazy_static-1.5.1/src/lib.rs",
                    "fnv-1.0.7/lib.rs",
                    "scopeguard-1.2.0/src/lib.rs",
                    "same-file-1.0.6/src/unix.rs",
                    "quick-error-1.2.3/src/lib.rs",
                    "strsim-0.11.1/src/lib.rs",
                ] {
                    files.push(index.path().join(krate));
                }
            }
        }
    }
    files
}

/// Top-level definitions of 8 to 60 lines (functions, classes, impls), at most six per file:
/// what a developer copies from another project. A block starts at a top-level line that
/// opens a definition and runs to the next one.
fn chunks(text: &str) -> Vec<String> {
    const STARTS: &[&str] = &[
        "def ",
        "async def ",
        "class ",
        "@",
        "function ",
        "async function ",
        "const ",
        "let ",
        "var ",
        "module.exports",
        "exports.",
        "fn ",
        "pub ",
        "impl",
        "struct ",
        "enum ",
        "#[",
        "macro_rules!",
        "static ",
        "trait ",
    ];
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            STARTS.iter().any(|s| lines[i].starts_with(s))
                && (i == 0 || lines[i - 1].trim().is_empty())
        })
        .collect();
    let mut blocks = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .copied()
            .unwrap_or(lines.len())
            .min(start + 60);
        let block = &lines[start..end];
        if block.iter().filter(|l| !l.trim().is_empty()).count() >= 8 {
            blocks.push(block.join("\n") + "\n");
        }
    }
    blocks.into_iter().take(6).collect()
}

/// Pastes `text` into `context` (at its end) and returns the region's origin, if any.
fn paste_into(context: &str, text: &str, language: Language) -> Option<(bool, Vec<&'static str>)> {
    let mut whole = context.to_string();
    let start = whole.len();
    whole.push_str(text);
    let rope = ropey::Rope::from_str(&whole);
    let mut p = Provenance::default();
    let shape = vigil_ls::document::EditShape {
        start,
        old_end: start,
        new_end: start + text.len(),
    };
    p.on_change(&shape, text, &rope, language, Thresholds::default(), None);
    p.regions.first().map(|r| {
        (
            r.origin() == vigil_ls::analysis::Origin::AiLikely,
            r.signals.clone(),
        )
    })
}

/// Types `text` one character at a time (a newline with its indent as one change, as editors
/// auto-indent) and counts the regions created.
fn type_into(context: &str, text: &str, language: Language) -> usize {
    let mut whole = context.to_string();
    let mut p = Provenance::default();
    let mut pieces: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut piece = c.to_string();
        if c == '\n' {
            while let Some(&n) = chars.peek() {
                if n == ' ' || n == '\t' {
                    piece.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
        }
        pieces.push(piece);
    }
    for piece in pieces {
        let start = whole.len();
        whole.push_str(&piece);
        let shape = vigil_ls::document::EditShape {
            start,
            old_end: start,
            new_end: whole.len(),
        };
        // The rope is only read for pastes and splits; typing at the end needs no fresh copy.
        let rope = ropey::Rope::from_str(&piece);
        p.on_change(&shape, &piece, &rope, language, Thresholds::default(), None);
    }
    p.regions.len()
}

#[derive(Default)]
struct Tally {
    n: usize,
    flagged: usize,
    signals: std::collections::BTreeMap<&'static str, usize>,
}

impl Tally {
    fn add(&mut self, result: Option<(bool, Vec<&'static str>)>) {
        self.n += 1;
        if let Some((ai, signals)) = result {
            self.flagged += usize::from(ai);
            for s in signals {
                *self.signals.entry(s).or_insert(0) += 1;
            }
        }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} ({:.0}%) | {:?} |",
            self.n,
            self.flagged,
            if self.n == 0 {
                0.0
            } else {
                100.0 * self.flagged as f64 / self.n as f64
            },
            self.signals
        )
    }
}

#[test]
#[ignore = "an evaluation that reads files outside the repository; run it on demand"]
fn provenance_accuracy() {
    let human_files: Vec<PathBuf> = match std::env::var("VIGIL_EVAL_HUMAN") {
        Ok(list) => list.split(':').map(PathBuf::from).collect(),
        Err(_) => default_human_files(),
    };
    let mut human: Vec<(Language, String, String)> = Vec::new(); // (language, file text, chunk)
    for path in &human_files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let language = Language::from_path(path);
        for chunk in chunks(&text) {
            human.push((language, text.clone(), chunk));
        }
    }
    let context_for = |language: Language, avoid: &str| -> String {
        human
            .iter()
            .find(|(l, text, _)| *l == language && text != avoid)
            .map(|(_, text, _)| text.lines().take(300).collect::<Vec<_>>().join("\n") + "\n")
            .unwrap_or_default()
    };
    let samples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/provenance/assistant");
    let mut assistant: Vec<(Language, String, bool)> = Vec::new();
    for entry in std::fs::read_dir(&samples).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".sample") else {
            continue;
        };
        let language = Language::from_path(Path::new(stem));
        let text = std::fs::read_to_string(entry.path()).unwrap();
        assistant.push((language, text, name.contains(".answer.")));
    }

    let (mut typed_regions, mut typed_n) = (0, 0);
    let mut human_pasted = Tally::default();
    let mut human_pasted_own = Tally::default();
    for (language, text, chunk) in &human {
        let result = paste_into(&context_for(*language, text), chunk, *language);
        if std::env::var("VIGIL_EVAL_SHOW").is_ok() && result.as_ref().is_some_and(|r| r.0) {
            println!(
                "--- human flagged {:?}\n{}",
                result.as_ref().unwrap().1,
                chunk.lines().take(12).collect::<Vec<_>>().join("\n")
            );
        }
        human_pasted.add(result);
        // Pasted back into its own file (moving code around).
        let own: String = text.replacen(chunk.as_str(), "", 1);
        human_pasted_own.add(paste_into(&own, chunk, *language));
        if typed_n < 40 {
            typed_n += 1;
            typed_regions +=
                usize::from(type_into(&context_for(*language, text), chunk, *language) > 0);
        }
    }
    let mut detected = 0;
    let mut ai_empty = Tally::default();
    let mut ai_context = Tally::default();
    let mut ai_code_only = Tally::default();
    let mut ai_answers = Tally::default();
    for (language, text, answer) in &assistant {
        let result = paste_into("", text, *language);
        detected += usize::from(result.is_some());
        ai_empty.add(result.clone());
        if *answer {
            ai_answers.add(result);
        } else {
            ai_code_only.add(result);
        }
        ai_context.add(paste_into(&context_for(*language, ""), text, *language));
    }
    println!(
        "human files read: {}, human chunks: {}, assistant samples: {}",
        human_files.iter().filter(|p| p.exists()).count(),
        human.len(),
        assistant.len()
    );
    println!("typed human chunks: {typed_n}, of which detected as pastes: {typed_regions}");
    println!(
        "assistant samples detected as pastes: {detected}/{}",
        assistant.len()
    );
    println!("| set | n | ai-likely | signals seen |\n|---|---|---|---|");
    println!(
        "{}",
        human_pasted.line("human code pasted into another file")
    );
    println!(
        "{}",
        human_pasted_own.line("human code pasted back into its own file")
    );
    println!("{}", ai_empty.line("assistant code pasted into a new file"));
    println!(
        "{}",
        ai_context.line("assistant code pasted into a human file")
    );
    println!(
        "{}",
        ai_code_only.line("  of which code blocks only (new file)")
    );
    println!("{}", ai_answers.line("  of which whole answers (new file)"));
    assert_eq!(typed_regions, 0, "typing must never look like a paste");
    assert!(!human.is_empty() && !assistant.is_empty());
}
