; hashlib.md5(password) / hashlib.sha1(token) where the statement or function is about a secret
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list) @_args
  (#eq? @_module "hashlib")
  (#any-of? @_function "md5" "sha1")
  (#lacks-kwarg? @_args "usedforsecurity")
  (#context-matches? @_args "(?i)(passw|passwd|pwd|\\bpw\\b|_pw\\b|secret|token|signature|\\bsign_|_sign\\b|\\bsign\\b|api_?key|credential|authenticat|\\bauth_|_auth\\b|\\bauth\\b|session_?(id|key))")
  (#not-context-matches? @_args "(?i)(cache|etag|checksum|fingerprint|dedup|cnonce)")) @finding

; hashlib.new("md5", password)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (string) @_name) @_args
  (#eq? @_module "hashlib")
  (#eq? @_function "new")
  (#match? @_name "^[\"'](?i:md5|sha1|sha-1)[\"']$")
  (#lacks-kwarg? @_args "usedforsecurity")
  (#context-matches? @_args "(?i)(passw|passwd|pwd|\\bpw\\b|_pw\\b|secret|token|signature|\\bsign_|_sign\\b|\\bsign\\b|api_?key|credential|authenticat|\\bauth_|_auth\\b|\\bauth\\b|session_?(id|key))")
  (#not-context-matches? @_args "(?i)(cache|etag|checksum|fingerprint|dedup|cnonce)")) @finding

; from hashlib import md5; md5(password)
(call
  function: (identifier) @_function
  arguments: (argument_list) @_args
  (#any-of? @_function "md5" "sha1")
  (#file-contains? "from hashlib import")
  (#lacks-kwarg? @_args "usedforsecurity")
  (#context-matches? @_args "(?i)(passw|passwd|pwd|\\bpw\\b|_pw\\b|secret|token|signature|\\bsign_|_sign\\b|\\bsign\\b|api_?key|credential|authenticat|\\bauth_|_auth\\b|\\bauth\\b|session_?(id|key))")
  (#not-context-matches? @_args "(?i)(cache|etag|checksum|fingerprint|dedup|cnonce)")) @finding
