//! End-to-end tests: the real binary over stdio.

mod support;

use serde_json::{json, Value};
use support::{range, Client};

const PY_URI: &str = "file:///tmp/vigil-e2e/app.py";
const PY: &str = "import os\nimport sys\n\nos.system(\"ls \" + sys.argv[1])\n";

fn utf16_client() -> Value {
    json!({"general": {"positionEncodings": ["utf-16"]}})
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn open_change_hover_code_actions_and_shutdown() {
    let mut client = Client::spawn();
    let init = client.initialize(utf16_client(), Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    assert!(init["result"]["capabilities"]["diagnosticProvider"].is_null());

    client.open(PY_URI, "python", PY);
    let diagnostics = client.diagnostics(PY_URI, 1);
    assert_eq!(codes(&diagnostics), ["shell-command-non-constant"]);
    let d = &diagnostics[0];
    assert_eq!(d["source"], "vigil");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"], range((3, 0), (3, 30)));
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("#shell-command-non-constant"));
    assert_eq!(d["data"]["rule"], "shell-command-non-constant");
    assert_eq!(d["data"]["fingerprint"].as_str().unwrap().len(), 16);
    assert!(d["message"].as_str().unwrap().contains("sys.argv"));

    // Hover over the call shows the whole explanation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": PY_URI}, "position": {"line": 3, "character": 4}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    for section in ["Decision", "Attacker's view", "Safer default", "Fix"] {
        assert!(value.contains(section), "hover lacks {section}: {value}");
    }

    // Code actions: the ignore action inserts a comment above the line.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": PY_URI}, "range": range((3, 0), (3, 5)),
               "context": {"diagnostics": [d]}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore shell-command-non-constant here")
        .expect("an ignore action");
    let edit = &ignore["edit"]["changes"][PY_URI][0];
    assert_eq!(edit["range"], range((3, 0), (3, 0)));
    assert!(edit["newText"]
        .as_str()
        .unwrap()
        .starts_with("# vigil: ignore[shell-command-non-constant]"));
    assert_eq!(ignore["command"]["command"], "vigil.recordDecision");

    // An incremental edit that makes the command constant clears the finding…
    client.change(
        PY_URI,
        2,
        json!([{"range": range((3, 10), (3, 29)), "text": "\"ls\""}]),
    );
    assert!(client.diagnostics(PY_URI, 2).is_empty());
    // …and typing the risk back brings it back, at the right place.
    client.change(
        PY_URI,
        3,
        json!([{"range": range((3, 10), (3, 14)), "text": "sys.argv[1]"}]),
    );
    let again = client.diagnostics(PY_URI, 3);
    assert_eq!(codes(&again), ["shell-command-non-constant"]);
    assert_eq!(again[0]["range"], range((3, 0), (3, 22)));

    // The ignore comment, typed in, silences it.
    client.change(
        PY_URI,
        4,
        json!([{"range": range((3, 0), (3, 0)), "text": "# vigil: ignore[shell-command-non-constant] trusted CLI\n"}]),
    );
    assert!(client.diagnostics(PY_URI, 4).is_empty());

    // didClose clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": PY_URI}}),
    );
    let cleared = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == PY_URI
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn utf16_columns_after_emoji_and_cjk() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    let uri = "file:///tmp/vigil-e2e/wide.js";
    // "😀" is 2 UTF-16 units, "漢字" 2 units: eval starts at UTF-16 column 16.
    let text = "const s = \"😀漢字\"; eval(s + location.hash);\n";
    client.open(uri, "javascript", text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(codes(&diagnostics), ["eval-non-constant"]);
    assert_eq!(diagnostics[0]["range"]["start"]["character"], 18);
    // An edit after the emoji, addressed in UTF-16, lands where the client meant.
    client.change(
        uri,
        2,
        json!([{"range": range((0, 18), (0, 22)), "text": "JSON.parse"}]),
    );
    assert!(client.diagnostics(uri, 2).is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn utf8_is_negotiated_when_offered() {
    let mut client = Client::spawn();
    let init = client.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/vigil-e2e/wide.py";
    client.open(uri, "python", "s = \"é\"; eval(input())\n");
    let diagnostics = client.diagnostics(uri, 1);
    // "é" is 2 bytes: eval starts at byte 10.
    assert_eq!(diagnostics[0]["range"]["start"]["character"], 10);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_keeps_serving() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);
    client.send_raw(b"Content-Length: 2\r\n\r\n[]");
    let error = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32600);
    client.send_raw(b"Content-Length: nope\r\n\r\n");
    let _ = client.wait_for(|m| m.get("error").is_some());
    let unknown = client.request("vigil/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // Still alive and analysing.
    client.open(PY_URI, "python", PY);
    assert_eq!(client.diagnostics(PY_URI, 1).len(), 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn cancel_request_is_answered_and_bad_changes_are_survived() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    client.open(PY_URI, "python", PY);
    client.diagnostics(PY_URI, 1);
    let id = client.request_async(
        "textDocument/hover",
        json!({"textDocument": {"uri": PY_URI}, "position": {"line": 3, "character": 4}}),
    );
    client.notify("$/cancelRequest", json!({"id": id}));
    let answer = client.wait_for(|m| m.get("id") == Some(&json!(id)));
    assert!(answer.get("result").is_some() || answer["error"]["code"] == -32800);

    // A range far past the end is clamped, not a crash.
    client.change(
        PY_URI,
        2,
        json!([{"range": range((99, 0), (120, 5)), "text": "\neval(input())\n"}]),
    );
    let diagnostics = client.diagnostics(PY_URI, 2);
    assert_eq!(
        codes(&diagnostics),
        ["shell-command-non-constant", "eval-non-constant"]
    );
    // A change for a document that is not open is ignored.
    client.change("file:///tmp/vigil-e2e/nope.py", 2, json!([{"text": "x"}]));
    // NUL bytes: the document is skipped, diagnostics are empty.
    let bin = "file:///tmp/vigil-e2e/blob.py";
    client.open(bin, "python", "eval(input())\u{0}\u{0}");
    assert!(client.diagnostics(bin, 1).is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_huge_single_line_falls_back_and_the_server_stays_responsive() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    let uri = "file:///tmp/vigil-e2e/huge.js";
    let mut text = String::from("var x = [");
    while text.len() < 1 << 20 {
        text.push_str("[1,{a:[2,(3)]}],");
    }
    text.push_str("];\n");
    client.open(uri, "javascript", &text);
    client.diagnostics(uri, 1);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(hover.get("error").is_none());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn pull_diagnostics_with_result_ids_and_unchanged_reports() {
    let mut client = Client::spawn();
    let init = client.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}},
               "general": {"positionEncodings": ["utf-16"]}}),
        Value::Null,
    );
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "vigil"
    );
    client.open(PY_URI, "python", PY);
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": PY_URI}}),
    );
    assert_eq!(report["result"]["kind"], "full");
    assert_eq!(
        codes(report["result"]["items"].as_array().unwrap()),
        ["shell-command-non-constant"]
    );
    let result_id = report["result"]["resultId"].clone();
    let again = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": PY_URI}, "previousResultId": result_id}),
    );
    assert_eq!(again["result"]["kind"], "unchanged");
    client.change(
        PY_URI,
        2,
        json!([{"range": range((3, 10), (3, 29)), "text": "\"ls\""}]),
    );
    let changed = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": PY_URI}, "previousResultId": result_id}),
    );
    assert_eq!(changed["result"]["kind"], "full");
    assert_eq!(changed["result"]["items"], json!([]));
    // Pull mode never pushes.
    let mut pushed = |m: &Value| m["method"] == "textDocument/publishDiagnostics";
    assert!(client
        .try_wait_for(&mut pushed, std::time::Duration::from_millis(300))
        .is_none());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_burst_of_keystrokes_ends_with_diagnostics_for_the_final_text() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    let uri = "file:///tmp/vigil-e2e/burst.py";
    client.open(uri, "python", "import os\n");
    client.diagnostics(uri, 1);
    let typed = "os.system(input())";
    for (i, ch) in typed.chars().enumerate() {
        client.change(
            uri,
            2 + i as i64,
            json!([{"range": range((1, i as u32), (1, i as u32)), "text": ch.to_string()}]),
        );
    }
    let last = 1 + typed.len() as i64;
    let diagnostics = client.diagnostics(uri, last);
    assert_eq!(codes(&diagnostics), ["shell-command-non-constant"]);
    assert_eq!(diagnostics[0]["range"], range((1, 0), (1, 18)));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_bad_configuration_is_reported_and_defaults_are_used() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), json!({"minSeverity": "loud"}));
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    let text = message["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("loud") || text.contains("minSeverity"),
        "{text}"
    );
    client.open(PY_URI, "python", PY);
    assert_eq!(client.diagnostics(PY_URI, 1).len(), 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn settings_disable_rules_and_override_severity() {
    let mut client = Client::spawn();
    client.initialize(
        utf16_client(),
        json!({"rules": {"severity": {"shell-command-non-constant": "warning"}, "disabled": ["eval-non-constant"]}}),
    );
    client.open(PY_URI, "python", &format!("{PY}eval(input())\n"));
    let diagnostics = client.diagnostics(PY_URI, 1);
    assert_eq!(codes(&diagnostics), ["shell-command-non-constant"]);
    assert_eq!(diagnostics[0]["severity"], 2);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_exits_non_zero() {
    let mut client = Client::spawn();
    client.initialize(utf16_client(), Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}
