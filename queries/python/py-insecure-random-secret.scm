; random.choice(alphabet) and friends producing a token, password, key, nonce or session id
(call
  function: (attribute
    object: (identifier) @fix
    attribute: (identifier) @_function)
  arguments: (argument_list) @_args
  (#eq? @fix "random")
  (#any-of? @_function "random" "randint" "randrange" "choice" "choices" "sample" "getrandbits" "randbytes" "uniform")
  (#context-matches? @_args "(?i)(token|passw|passwd|secret|nonce|\\bsalt|session_?id|sessid|csrf|\\botp\\b|api_?key|secret_?key|private_?key|signing_?key|reset_?(code|key|link)|verification_?code|activation_?(code|key)|invite_?code|one_?time|\\bpin\\b|confirm\\w*_?code|mfa|\\b2fa|two_?factor|sms_?code|auth_?code|login_?code)")
  (#not-match? @_args "(?i)(token|passw|secret|nonce|session)")
  (#not-context-matches? @_args "(?i)boundary")) @finding

; from random import choice; choice(alphabet)
(call
  function: (identifier) @_function
  arguments: (argument_list) @_args
  (#any-of? @_function "randint" "randrange" "choice" "choices" "sample" "getrandbits" "randbytes")
  (#file-contains? "from random import")
  (#context-matches? @_args "(?i)(token|passw|passwd|secret|nonce|\\bsalt|session_?id|sessid|csrf|\\botp\\b|api_?key|secret_?key|private_?key|signing_?key|reset_?(code|key|link)|verification_?code|activation_?(code|key)|invite_?code|one_?time|\\bpin\\b|confirm\\w*_?code|mfa|\\b2fa|two_?factor|sms_?code|auth_?code|login_?code)")
  (#not-match? @_args "(?i)(token|passw|secret|nonce|session)")
  (#not-context-matches? @_args "(?i)boundary")) @finding
