; crypto.createHash("md5").update(password), createHash("sha1") in hashToken()
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (string) @_algorithm)
  (#eq? @_function "createHash")
  (#match? @_algorithm "^[\"'`](?i:md5|md4|sha1|sha-1|ripemd160|rmd160)[\"'`]$")
  (#context-matches? @_algorithm "(?i)(passw|pwd|passphrase|token|secret|signature|\\bsign|\\bauth([^o]|$)|authent|credential|api_?key|apikey|nonce|\\botp|salt|csrf|xsrf|session)")
  (#not-context-matches? @_algorithm "(?i)(etag|cache|checksum|gravatar|integrity|filename|dedup)")) @finding

; md5(password), sha1(token), CryptoJS.MD5(secret)
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "md5" "sha1" "MD5" "SHA1")
  (#not-constant? @value)
  (#context-matches? @value "(?i)(passw|pwd|passphrase|token|secret|signature|\\bsign|\\bauth([^o]|$)|authent|credential|api_?key|apikey|nonce|\\botp|salt|csrf|xsrf|session)")
  (#not-context-matches? @value "(?i)(etag|cache|checksum|gravatar|integrity|filename|dedup)")) @finding
