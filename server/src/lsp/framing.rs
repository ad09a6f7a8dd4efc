//! The stdio boundary. tower-lsp-server stops reading after the first undecodable message (its
//! framed reader ends the stream on a decode error), so a single malformed message would kill
//! the server. We frame and validate every message ourselves before the server sees it:
//! malformed JSON gets a -32700 response, a structurally invalid message gets -32600, and the
//! server keeps serving. The writer side copies the server's frames and our error responses to
//! stdout whole, so nothing but framed protocol messages is ever written there.

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// Messages larger than this are refused (and skipped) rather than buffered.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// An incremental parser of `Content-Length` framed messages.
#[derive(Default)]
pub struct FrameReader {
    buffer: Vec<u8>,
}

/// What the frame reader found.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete message body.
    Body(Vec<u8>),
    /// Header bytes that could not be understood (skipped up to the next `Content-Length`).
    Garbage(String),
}

impl FrameReader {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete frame, if the buffer holds one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        let header_end = find(&self.buffer, b"\r\n\r\n")?;
        let header = String::from_utf8_lossy(&self.buffer[..header_end]).to_string();
        let mut length = None;
        for line in header.split("\r\n") {
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        match length {
            Some(length) if length <= MAX_MESSAGE_BYTES => {
                let body_start = header_end + 4;
                if self.buffer.len() < body_start + length {
                    return None;
                }
                let body = self.buffer[body_start..body_start + length].to_vec();
                self.buffer.drain(..body_start + length);
                Some(Frame::Body(body))
            }
            _ => {
                // Skip the bad header and resynchronise at the next `Content-Length`.
                let skip_to = find(&self.buffer[1..], b"Content-Length")
                    .map(|i| i + 1)
                    .unwrap_or(header_end + 4)
                    .max(header_end + 4)
                    .min(self.buffer.len());
                self.buffer.drain(..skip_to);
                Some(Frame::Garbage(header))
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Frames a body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Checks one message. `Ok` carries the body to forward; `Err` the error response to send.
pub fn validate(body: &[u8]) -> Result<(), Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(err) => {
            return Err(error_response(
                Value::Null,
                -32700,
                &format!("Parse error: {err}"),
            ))
        }
    };
    let Some(object) = value.as_object() else {
        return Err(error_response(
            Value::Null,
            -32600,
            "Invalid Request: a message must be a JSON object (batches are not supported)",
        ));
    };
    let id = object.get("id").cloned();
    let id_ok = id
        .as_ref()
        .is_none_or(|id| id.is_null() || id.is_string() || id.is_i64() || id.is_u64());
    let reply_id = if id_ok {
        id.clone().unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(error_response(
            reply_id,
            -32600,
            "Invalid Request: `jsonrpc` must be \"2.0\"",
        ));
    }
    if !id_ok {
        return Err(error_response(
            Value::Null,
            -32600,
            "Invalid Request: `id` must be a string, an integer or null",
        ));
    }
    match object.get("method") {
        Some(Value::String(_)) => {
            if let Some(params) = object.get("params") {
                if !(params.is_object() || params.is_array() || params.is_null()) {
                    return Err(error_response(
                        reply_id,
                        -32600,
                        "Invalid Request: `params` must be an object or an array",
                    ));
                }
            }
            Ok(())
        }
        Some(_) => Err(error_response(
            reply_id,
            -32600,
            "Invalid Request: `method` must be a string",
        )),
        None if id.is_some() && (object.contains_key("result") || object.contains_key("error")) => {
            Ok(())
        }
        None => Err(error_response(
            reply_id,
            -32600,
            "Invalid Request: no `method`, and not a response",
        )),
    }
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Copies validated frames from `input` to `server_input`, answering invalid ones through
/// `errors`. Ends at end of input.
pub async fn pump_input<R, W>(
    mut input: R,
    mut server_input: W,
    errors: mpsc::UnboundedSender<Vec<u8>>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        reader.push(&chunk[..read]);
        while let Some(frame) = reader.next_frame() {
            match frame {
                Frame::Body(body) => match validate(&body) {
                    Ok(()) => {
                        if server_input.write_all(&frame_bytes(&body)).await.is_err() {
                            return;
                        }
                        let _ = server_input.flush().await;
                    }
                    Err(response) => {
                        tracing::warn!(
                            "refusing a malformed message: {}",
                            response["error"]["message"]
                        );
                        let _ = errors.send(response.to_string().into_bytes());
                    }
                },
                Frame::Garbage(header) => {
                    tracing::warn!("skipping unreadable header: {:?}", header);
                    let response =
                        error_response(Value::Null, -32700, "Parse error: bad message header");
                    let _ = errors.send(response.to_string().into_bytes());
                }
            }
        }
    }
    let _ = server_input.shutdown().await;
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    frame(body)
}

/// Copies whole frames from the server's output and our own error responses to `output`.
pub async fn pump_output<R, W>(
    mut server_output: R,
    mut output: W,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::default();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut errors_open = true;
    loop {
        tokio::select! {
            read = server_output.read(&mut chunk) => {
                let read = match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                reader.push(&chunk[..read]);
                while let Some(frame) = reader.next_frame() {
                    if let Frame::Body(body) = frame {
                        if output.write_all(&frame_bytes(&body)).await.is_err() {
                            return;
                        }
                    }
                }
                let _ = output.flush().await;
            }
            error = errors.recv(), if errors_open => {
                match error {
                    Some(body) => {
                        if output.write_all(&frame_bytes(&body)).await.is_err() {
                            return;
                        }
                        let _ = output.flush().await;
                    }
                    None => errors_open = false,
                }
            }
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_across_reads_are_reassembled() {
        let mut reader = FrameReader::default();
        let framed = frame(br#"{"jsonrpc":"2.0","method":"x"}"#);
        reader.push(&framed[..10]);
        assert_eq!(reader.next_frame(), None);
        reader.push(&framed[10..]);
        assert_eq!(
            reader.next_frame(),
            Some(Frame::Body(br#"{"jsonrpc":"2.0","method":"x"}"#.to_vec()))
        );
        assert_eq!(reader.next_frame(), None);
    }

    #[test]
    fn a_bad_header_is_skipped_and_the_next_message_still_reads() {
        let mut reader = FrameReader::default();
        reader.push(b"Content-Length: abc\r\n\r\n");
        reader.push(&frame(b"{}"));
        assert!(matches!(reader.next_frame(), Some(Frame::Garbage(_))));
        assert_eq!(reader.next_frame(), Some(Frame::Body(b"{}".to_vec())));
    }

    #[test]
    fn validation_gives_parse_and_invalid_request_errors() {
        assert_eq!(validate(b"{nope").unwrap_err()["error"]["code"], -32700);
        assert_eq!(validate(b"[1,2]").unwrap_err()["error"]["code"], -32600);
        let e = validate(br#"{"jsonrpc":"1.0","id":3,"method":"x"}"#).unwrap_err();
        assert_eq!(e["error"]["code"], -32600);
        assert_eq!(e["id"], 3);
        assert!(validate(br#"{"jsonrpc":"2.0","id":3,"method":"x","params":{}}"#).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_ok());
        assert!(validate(br#"{"jsonrpc":"2.0","method":"x","params":5}"#).is_err());
    }
}
