; md5::compute(password), Md5::digest(token), Sha1::from(secret), Sha1::new_with_prefix(key),
; MessageDigest::md5() in a function or statement about passwords, tokens or signatures.
(call_expression
  function: (scoped_identifier) @_function
  (#match? @_function "(^|::)(md5::compute|Md5::(digest|new_with_prefix)|Sha1::(digest|from|new_with_prefix)|MessageDigest::(md5|sha1)|Md5Hasher::new)$")
  (#context-matches? @_function "(?i)(password|passwd|passphrase|pwd|\\bpw\\b|_pw\\b|\\bpw_|secret|token|api_?key|apikey|credential|signature|signing|_sign\\b|\\bsign_|hmac|csrf|session|nonce|\\bauth\\b|_auth\\b|\\bauth_|authenticat)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding

; The same calls when the hashed value itself names a secret (`md5::compute(format!("{salt}{pw}"))`).
(call_expression
  function: (scoped_identifier) @_function
  arguments: (arguments) @_arguments
  (#match? @_function "(^|::)(md5::compute|Md5::(digest|new_with_prefix)|Sha1::(digest|from|new_with_prefix)|MessageDigest::(md5|sha1)|Md5Hasher::new)$")
  (#match? @_arguments "(?i)(password|passwd|passphrase|pwd|\\bpw\\b|_pw\\b|\\bpw_|secret|token|api_?key|apikey|credential|signature|signing|_sign\\b|\\bsign_|hmac|csrf|session|nonce|\\bauth\\b|_auth\\b|\\bauth_|authenticat)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding

; let mut hasher = Md5::new(); … hasher.update(password) — flagged once, at the constructor,
; when the statement, the function name or a value fed to the hasher names a secret.
(call_expression
  function: (scoped_identifier) @_function
  arguments: (arguments) @_args
  (#eq? @_args "()")
  (#match? @_function "(^|::)(Md5|Sha1|Sha1Core|md5::Context)::new$")
  (#scope-matches? @_function "(?i)(password|passwd|passphrase|\\bpw\\b|_pw\\b|secret|api_?key|apikey|credential|signature|sign_|_sign\\b|hmac|auth_?token|access_?token|session_?token|refresh_?token|\\btoken\\b)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding

; ring::digest::digest(&SHA1_FOR_LEGACY_USE_ONLY, password)
(call_expression
  function: (_) @_function
  arguments: (arguments
    .
    (reference_expression
      value: [
        (identifier)
        (scoped_identifier)
      ] @_algorithm))
  (#match? @_function "(^|::)digest$")
  (#match? @_algorithm "(^|::)SHA1_FOR_LEGACY_USE_ONLY$")
  (#context-matches? @_function "(?i)(password|passwd|passphrase|pwd|\\bpw\\b|_pw\\b|\\bpw_|secret|token|api_?key|apikey|credential|signature|signing|_sign\\b|\\bsign_|hmac|csrf|session|nonce|\\bauth\\b|_auth\\b|\\bauth_|authenticat)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding

; Inside a macro (`format!("{:x}", md5::compute(password))`) the call is a token sequence:
; md5 :: compute (…). Reported on the macro invocation.
(macro_invocation
  (token_tree
    (identifier) @_crate
    .
    "::"
    .
    (identifier) @_function
    .
    (token_tree) @_arguments)
  (#match? @_crate "^(md5|Md5|Sha1)$")
  (#match? @_function "^(compute|digest|from|new_with_prefix)$")
  (#context-matches? @_function "(?i)(password|passwd|passphrase|pwd|\\bpw\\b|_pw\\b|\\bpw_|secret|token|api_?key|apikey|credential|signature|signing|_sign\\b|\\bsign_|hmac|csrf|session|nonce|\\bauth\\b|_auth\\b|\\bauth_|authenticat)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding

(macro_invocation
  (token_tree
    (identifier) @_crate
    .
    "::"
    .
    (identifier) @_function
    .
    (token_tree) @_arguments)
  (#match? @_crate "^(md5|Md5|Sha1)$")
  (#match? @_function "^(compute|digest|from|new_with_prefix)$")
  (#match? @_arguments "(?i)(password|passwd|passphrase|pwd|\\bpw\\b|_pw\\b|\\bpw_|secret|token|api_?key|apikey|credential|signature|signing|_sign\\b|\\bsign_|hmac|csrf|session|nonce|\\bauth\\b|_auth\\b|\\bauth_|authenticat)")
  (#not-context-matches? @_function "(?i)(cache|etag|checksum|fingerprint|dedup|gravatar|content_hash|file_hash|avatar)")) @finding
